/* pd-store-bulk.c: saving many new records at once (an import)
 *
 * A record the caller has validated and found absent needs no read of a
 * stored copy and no JSON copy for undo; the records go in the order of
 * their ids, and their sync bookkeeping (sync_records, a create op each)
 * is written by three statements for all of them. The guarantees are
 * those of every save: one transaction, tracked for sync, one undo step.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-store"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "pd-store-private.h"

/* A record the caller validated and found absent: no read of a stored
 * copy and no JSON for undo (undo deletes it; the step reads the content
 * it needs for redo when it is undone). Its bookkeeping is written for
 * all such records at once by _pd_store_track_new(). */
gboolean
_pd_store_save_new_one (PdStore    *self,
                        PdRecord   *record,
                        GPtrArray  *changes,
                        GError    **error)
{
  PdStoreChange *change;

  /* Catalogue projects belong to the platform (403 on the server). */
  if (PD_IS_PROJECT (record) && pd_project_get_source (PD_PROJECT (record)) == PD_PROJECT_SOURCE_CATALOGUE)
    {
      g_set_error (error, PD_STORE_ERROR, PD_STORE_ERROR_READ_ONLY,
                   _("Projects from the platform catalogue cannot be changed."));
      return FALSE;
    }
  if (!_pd_store_write_record (self, record, error))
    return FALSE;

  change = g_new0 (PdStoreChange, 1);
  change->kind = g_strdup (pd_record_get_kind (record));
  change->id = g_strdup (pd_record_get_id (record));
  change->after_is_written = TRUE;
  change->state = PD_SYNC_STATE_CREATED;
  change->revision = 0;
  g_ptr_array_add (changes, change);
  return TRUE;
}

static gboolean
is_plain_id (const char *id)
{
  for (const char *p = id; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
      return FALSE;
  return TRUE;
}

/* Tracks the new records of @changes (all of one kind, as written by
 * _pd_store_save_new_one()) for sync. */
gboolean
_pd_store_track_new (PdStore    *self,
                     GPtrArray  *changes,
                     GError    **error)
{
  g_autoptr(GString) ids = g_string_sized_new (changes->len * 40 + 2);
  g_autoptr(GPtrArray) tracked = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) by_id = NULL;
  const char *kind;

  if (changes->len == 0)
    return TRUE;
  kind = ((PdStoreChange *) g_ptr_array_index (changes, 0))->kind;

  g_string_append_c (ids, '[');
  for (guint i = 0; i < changes->len; i++)
    {
      PdStoreChange *change = g_ptr_array_index (changes, i);

      /* Ids are UUIDs; anything needing JSON escapes goes one by one. */
      if (!is_plain_id (change->id) || !g_str_equal (change->kind, kind))
        {
          if (!_pd_store_track_local_change (self, change->kind, change->id, FALSE, error))
            return FALSE;
          change->state = self->tracked_state;
          change->revision = self->tracked_revision;
          continue;
        }
      if (ids->len > 1)
        g_string_append_c (ids, ',');
      g_string_append_c (ids, '"');
      g_string_append (ids, change->id);
      g_string_append_c (ids, '"');
    }
  g_string_append_c (ids, ']');

  if (!_pd_store_track_created_all (self, kind, ids->str, tracked, error))
    return FALSE;
  if (tracked->len == 0)
    return TRUE;

  /* Rare: records the store still tracks, e.g. deleted here after a sync. */
  by_id = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < changes->len; i++)
    {
      PdStoreChange *change = g_ptr_array_index (changes, i);
      g_hash_table_insert (by_id, change->id, change);
    }
  for (guint i = 0; i < tracked->len; i++)
    {
      PdStoreChange *change = g_hash_table_lookup (by_id, g_ptr_array_index (tracked, i));

      if (!_pd_store_track_local_change (self, kind, g_ptr_array_index (tracked, i), FALSE, error))
        return FALSE;
      if (change != NULL)
        {
          change->state = self->tracked_state;
          change->revision = self->tracked_revision;
        }
    }
  return TRUE;
}

typedef struct {
  const char *id;
  PdRecord   *record;
} SortItem;

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  return strcmp (((const SortItem *) a)->id, ((const SortItem *) b)->id);
}

/* (transfer full): @records in the order of their ids, so that each index
 * on the id grows at its end instead of splitting pages all over it. */
PdRecord **
_pd_store_sort_by_id (PdRecord **records,
                      guint      n_records)
{
  g_autofree SortItem *items = g_new (SortItem, n_records);
  PdRecord **sorted = g_new (PdRecord *, n_records);

  for (guint i = 0; i < n_records; i++)
    {
      items[i].id = pd_record_get_id (records[i]);
      items[i].record = records[i];
    }
  qsort (items, n_records, sizeof (SortItem), compare_ids);
  for (guint i = 0; i < n_records; i++)
    sorted[i] = items[i].record;
  return sorted;
}
