/* pd-store-edit.c: local edits — save, delete, actions — each one
 * validated, written in one transaction, tracked for sync and recorded
 * for undo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-store"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-json.h"
#include "pd-store-private.h"

/* From this many records on, a save is a bulk save (an import, a first
 * pull) and gets a larger page cache while it runs. */
#define BULK_RECORDS 10000
#define BULK_CACHE_KIB 131072

void
_pd_store_change_free (PdStoreChange *change)
{
  g_free (change->kind);
  g_free (change->id);
  g_clear_pointer (&change->before, json_node_unref);
  g_clear_pointer (&change->after, json_node_unref);
  g_free (change);
}

static PdStoreChange *
change_new (const char *kind,
            const char *id,
            JsonNode   *before,
            JsonNode   *after)
{
  PdStoreChange *change = g_new0 (PdStoreChange, 1);

  change->kind = g_strdup (kind);
  change->id = g_strdup (id);
  change->before = before != NULL ? json_node_ref (before) : NULL;
  change->after = after != NULL ? json_node_ref (after) : NULL;
  return change;
}

/* Catalogue projects belong to the platform (403 on the server).
 * @stored: (nullable): the record as stored now */
static gboolean
check_writable (PdRecord   *record,
                PdRecord   *stored,
                GError    **error)
{
  if (!PD_IS_PROJECT (record))
    return TRUE;

  if (pd_project_get_source (PD_PROJECT (record)) == PD_PROJECT_SOURCE_CATALOGUE ||
      (stored != NULL && pd_project_get_source (PD_PROJECT (stored)) == PD_PROJECT_SOURCE_CATALOGUE))
    {
      g_set_error (error, PD_STORE_ERROR, PD_STORE_ERROR_READ_ONLY,
                   _("Projects from the platform catalogue cannot be changed."));
      return FALSE;
    }
  return TRUE;
}

/* Writes one record inside an open transaction; appends the undo change
 * to @changes and the live-update work to @written. */
static gboolean
save_one (PdStore    *self,
          PdRecord   *record,
          gboolean    for_undo,
          GPtrArray  *changes,
          GError    **error)
{
  const char *kind = pd_record_get_kind (record);
  const char *id = pd_record_get_id (record);
  g_autoptr(PdRecord) stored = NULL;
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) after = NULL;

  if (!pd_record_validate (record, error))
    return FALSE;

  /* One read serves the read-only check and the undo "before". */
  stored = _pd_store_read_record (self, kind, id, NULL);
  if (!check_writable (record, stored, error))
    return FALSE;
  before = stored != NULL ? pd_record_content_to_json (stored) : NULL;
  /* A new record without an undo step needs no JSON copy: nothing to
   * compare it with, nothing to redo (the bulk of an import or a pull). */
  if (before != NULL || for_undo)
    after = pd_record_content_to_json (record);
  if (before != NULL && pd_json_equal (before, after))
    return TRUE;

  if (!_pd_store_write_record (self, record, error) ||
      !_pd_store_track_local_change (self, kind, id, FALSE, error))
    return FALSE;

  g_ptr_array_add (changes, change_new (kind, id, before, after));
  ((PdStoreChange *) g_ptr_array_index (changes, changes->len - 1))->after_is_written = after == NULL;
  ((PdStoreChange *) g_ptr_array_index (changes, changes->len - 1))->state = self->tracked_state;
  ((PdStoreChange *) g_ptr_array_index (changes, changes->len - 1))->revision = self->tracked_revision;
  return TRUE;
}

static void
finish_changes (PdStore    *self,
                GPtrArray  *changes,
                GPtrArray  *records,
                const char *action_title)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  /* Stands for "the record exists" where the content is not read. */
  g_autoptr(JsonNode) exists = json_node_new (JSON_NODE_NULL);

  for (guint i = 0; records != NULL && i < records->len; i++)
    g_hash_table_insert (by_id, (gpointer) pd_record_get_id (g_ptr_array_index (records, i)),
                         g_ptr_array_index (records, i));

  /* Live objects follow only after the write: a rolled back write must
   * not show in any view. */
  for (guint i = 0; i < changes->len; i++)
    {
      PdStoreChange *change = g_ptr_array_index (changes, i);
      PdRecord *written = g_hash_table_lookup (by_id, change->id);
      JsonNode *after = change->after;

      if (written != NULL && !g_str_equal (pd_record_get_kind (written), change->kind))
        written = NULL;
      if (change->after_is_written)
        {
          PdRecord *live = _pd_store_lookup_live (self, change->kind, change->id);

          g_assert (written != NULL);
          /* Only another live instance of the record needs the content;
           * otherwise the written record becomes the live one. */
          if (live != NULL && live != written)
            after = change->after = pd_record_content_to_json (written);
          else
            after = exists;
        }
      _pd_store_update_live_known (self, change->kind, change->id, after, written,
                                   change->state, change->revision);
    }

  if (changes->len == 0)
    return;

  if (self->action_depth > 0)
    {
      for (guint i = 0; i < changes->len; i++)
        g_ptr_array_add (self->action_changes, g_ptr_array_index (changes, i));
      g_ptr_array_set_free_func (changes, NULL);
    }
  else if (action_title != NULL)
    _pd_undo_stack_push (self->undo_stack, action_title, changes);
}

static gboolean
save_records (PdStore     *self,
              PdRecord   **records,
              guint        n_records,
              gboolean     known_new,
              const char  *action_title,
              GError     **error)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) _pd_store_change_free);
  g_autoptr(GPtrArray) written = g_ptr_array_new ();
  g_autofree PdRecord **sorted = NULL;
  gboolean for_undo = self->action_depth > 0 ? self->action_title != NULL : action_title != NULL;
  gint64 cache_size = 0;
  gboolean ok = TRUE;

  if (!_pd_store_begin (self, error))
    return FALSE;

  /* Tens of thousands of records touch more pages than the usual cache
   * holds; spilling them to the WAL mid-transaction only to read them
   * back costs more than the memory for the length of the save. */
  if (n_records >= BULK_RECORDS)
    cache_size = _pd_store_enlarge_cache (self, BULK_CACHE_KIB);

  if (known_new)
    {
      sorted = _pd_store_sort_by_id (records, n_records);
      records = sorted;
    }

  for (guint i = 0; i < n_records && ok; i++)
    {
      if (self->bulk_progress != NULL && i % 512 == 0 &&
          !self->bulk_progress (0.5 + 0.5 * i / n_records, self->bulk_progress_data))
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The import was cancelled."));
          ok = FALSE;
          break;
        }
      if (known_new)
        ok = _pd_store_save_new_one (self, records[i], changes, error);
      else
        ok = save_one (self, records[i], for_undo, changes, error);
      if (ok)
        g_ptr_array_add (written, records[i]);
    }
  if (ok && known_new)
    ok = _pd_store_track_new (self, changes, error);

  if (!ok)
    {
      _pd_store_rollback (self);
      if (self->action_depth > 0)
        self->action_failed = TRUE;
    }
  else if (!_pd_store_commit (self, error))
    {
      _pd_store_rollback (self);
      ok = FALSE;
    }

  if (n_records >= BULK_RECORDS)
    _pd_store_restore_cache (self, cache_size);
  if (!ok)
    return FALSE;

  finish_changes (self, changes, written, action_title);
  return TRUE;
}

gboolean
_pd_store_save_new (PdStore    *self,
                    GPtrArray  *records,
                    GError    **error)
{
  return save_records (self, (PdRecord **) records->pdata, records->len, TRUE, NULL, error);
}

gboolean
pd_store_save (PdStore     *self,
               PdRecord    *record,
               const char  *action_title,
               GError     **error)
{
  g_return_val_if_fail (PD_IS_STORE (self), FALSE);
  g_return_val_if_fail (PD_IS_RECORD (record), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return save_records (self, &record, 1, FALSE, action_title, error);
}

gboolean
pd_store_save_all (PdStore     *self,
                   GPtrArray   *records,
                   const char  *action_title,
                   GError     **error)
{
  g_return_val_if_fail (PD_IS_STORE (self), FALSE);
  g_return_val_if_fail (records != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return save_records (self, (PdRecord **) records->pdata, records->len, FALSE, action_title, error);
}

gboolean
pd_store_delete (PdStore     *self,
                 PdRecord    *record,
                 const char  *action_title,
                 GError      **error)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) _pd_store_change_free);
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(PdRecord) stored = NULL;
  const char *kind, *id;

  g_return_val_if_fail (PD_IS_STORE (self), FALSE);
  g_return_val_if_fail (PD_IS_RECORD (record), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  kind = pd_record_get_kind (record);
  id = pd_record_get_id (record);

  if (!_pd_store_begin (self, error))
    return FALSE;

  stored = _pd_store_read_record (self, kind, id, NULL);
  before = stored != NULL ? pd_record_content_to_json (stored) : NULL;
  if (before == NULL)
    {
      _pd_store_rollback (self);
      g_set_error (error, PD_STORE_ERROR, PD_STORE_ERROR_NOT_FOUND,
                   _("The record no longer exists."));
      return FALSE;
    }

  if (!check_writable (record, stored, error) ||
      !_pd_store_delete_rows (self, kind, id, error) ||
      !_pd_store_track_local_change (self, kind, id, TRUE, error) ||
      !_pd_store_commit (self, error))
    {
      _pd_store_rollback (self);
      if (self->action_depth > 0)
        self->action_failed = TRUE;
      return FALSE;
    }

  g_ptr_array_add (changes, change_new (kind, id, before, NULL));
  finish_changes (self, changes, NULL, action_title);
  return TRUE;
}

gboolean
pd_store_revert (PdStore   *self,
                 PdRecord  *record,
                 GError   **error)
{
  g_autoptr(JsonNode) content = NULL;

  g_return_val_if_fail (PD_IS_STORE (self), FALSE);
  g_return_val_if_fail (PD_IS_RECORD (record), FALSE);

  content = _pd_store_read_content (self, pd_record_get_kind (record), pd_record_get_id (record));
  if (content == NULL)
    {
      g_set_error (error, PD_STORE_ERROR, PD_STORE_ERROR_NOT_FOUND, _("The record no longer exists."));
      return FALSE;
    }
  return pd_record_load_json (record, content, error);
}

void
pd_store_begin_action (PdStore    *self,
                       const char *action_title)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (PD_IS_STORE (self));

  if (self->action_depth++ == 0)
    {
      g_clear_pointer (&self->action_title, g_free);
      self->action_title = g_strdup (action_title);
      self->action_changes = g_ptr_array_new_with_free_func ((GDestroyNotify) _pd_store_change_free);
      self->action_failed = FALSE;
    }

  if (!_pd_store_begin (self, &error))
    {
      g_warning ("Could not start an action: %s", error->message);
      self->action_failed = TRUE;
    }
}

gboolean
pd_store_end_action (PdStore   *self,
                     gboolean   commit,
                     GError   **error)
{
  g_autoptr(GPtrArray) changes = NULL;

  g_return_val_if_fail (PD_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->action_depth > 0, FALSE);

  if (self->tx_depth > 0)
    {
      if (commit && !self->action_failed)
        {
          if (!_pd_store_commit (self, error))
            {
              _pd_store_rollback (self);
              self->action_failed = TRUE;
            }
        }
      else
        _pd_store_rollback (self);
    }

  if (--self->action_depth > 0)
    {
      if (!commit)
        self->action_failed = TRUE;
      return commit && !self->action_failed;
    }

  changes = g_steal_pointer (&self->action_changes);
  if (!commit || self->action_failed)
    {
      g_autoptr(GError) reload_error = NULL;

      /* The views already show the rolled back writes: put them back. */
      for (guint i = changes->len; i > 0; i--)
        {
          PdStoreChange *change = g_ptr_array_index (changes, i - 1);
          _pd_store_update_live (self, change->kind, change->id, change->before, NULL);
        }
      if (commit && error != NULL && *error == NULL)
        g_set_error (error, PD_STORE_ERROR, PD_STORE_ERROR_FAILED,
                     _("The changes could not be saved and were undone."));
      return FALSE;
    }

  if (changes->len > 0 && self->action_title != NULL)
    _pd_undo_stack_push (self->undo_stack, self->action_title, changes);
  return TRUE;
}

gboolean
_pd_store_apply_content (PdStore     *self,
                         const char  *kind,
                         const char  *id,
                         JsonNode    *content,
                         GError     **error)
{
  g_autoptr(PdRecord) record = NULL;
  g_autoptr(JsonNode) current = NULL;

  if (!_pd_store_begin (self, error))
    return FALSE;

  current = _pd_store_read_content (self, kind, id);
  if (content == NULL)
    {
      if (current != NULL &&
          (!_pd_store_delete_rows (self, kind, id, error) ||
           !_pd_store_track_local_change (self, kind, id, TRUE, error)))
        goto fail;
    }
  else if (!pd_json_equal (current, content))
    {
      record = pd_record_new_from_json (pd_record_type_from_kind (kind), content, error);
      if (record == NULL ||
          !pd_record_validate (record, error) ||
          !_pd_store_write_record (self, record, error) ||
          !_pd_store_track_local_change (self, kind, id, FALSE, error))
        goto fail;
    }

  if (!_pd_store_commit (self, error))
    goto fail;

  _pd_store_update_live (self, kind, id, content, NULL);
  return TRUE;

fail:
  _pd_store_rollback (self);
  return FALSE;
}
