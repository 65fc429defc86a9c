/* pd-sync-pull.c: reads the change feed into the store
 *
 * Each page is written together with its cursor in one store transaction,
 * the way CouchDB checkpoints: a crash before the commit re-reads the page
 * (applying it twice is harmless), a crash after it never skips a change.
 * An expired cursor starts over from the beginning; the outbox is kept.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-sync"

#include "config.h"

#include "pd-sync-engine-private.h"

static void fetch_page (PdSyncEngine *self);

void
_pd_sync_pull_begin (PdSyncEngine *self)
{
  self->resynced = FALSE;
  g_clear_pointer (&self->seen, g_hash_table_unref);
  fetch_page (self);
}

static const char * const kinds[] = { "campaign", "project", "theme", "voucher-batch" };

static GListModel *
list_for_kind (PdStore    *store,
               const char *kind)
{
  if (g_str_equal (kind, "campaign"))
    return pd_store_get_campaigns (store);
  if (g_str_equal (kind, "project"))
    return pd_store_get_projects (store);
  if (g_str_equal (kind, "theme"))
    return pd_store_get_themes (store);
  return pd_store_get_voucher_batches (store);
}

/* After a full resync the platform has told us everything it holds: a
 * record we hold as synced that it did not mention is gone there (it was
 * restored from an older state). It goes here too, through the same path
 * as a tombstone. Records with changes of ours are kept: their push then
 * meets the deletion and the user decides. */
static gboolean
prune_unseen (PdSyncEngine  *self,
              GError       **error)
{
  g_autoptr(JsonArray) tombstones = json_array_new ();
  g_autofree char *cursor = pd_store_get_cursor (self->store, PD_SYNC_SCOPE);

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      GListModel *list = list_for_kind (self->store, kinds[k]);

      for (guint i = 0; i < g_list_model_get_n_items (list); i++)
        {
          g_autoptr(PdRecord) record = g_list_model_get_item (list, i);
          const char *id = pd_record_get_id (record);
          g_autofree char *key = g_strconcat (kinds[k], "/", id, NULL);
          JsonObject *tombstone;

          if (g_hash_table_contains (self->seen, key) ||
              pd_store_get_sync_state (self->store, kinds[k], id) != PD_SYNC_STATE_SYNCED)
            continue;

          tombstone = json_object_new ();
          json_object_set_string_member (tombstone, "kind", kinds[k]);
          json_object_set_string_member (tombstone, "id", id);
          json_object_set_boolean_member (tombstone, "deleted", TRUE);
          json_array_add_object_element (tombstones, tombstone);
        }
    }

  if (json_array_get_length (tombstones) == 0)
    return TRUE;
  g_debug ("%u records are no longer on the platform", json_array_get_length (tombstones));
  return pd_store_apply_remote_changes (self->store, PD_SYNC_SCOPE, tombstones, cursor, error);
}

static void
restart_from_scratch (PdSyncEngine *self)
{
  g_autoptr(GError) error = NULL;

  if (!pd_store_reset_cursor (self->store, PD_SYNC_SCOPE, &error))
    {
      _pd_sync_engine_fail (self, error);
      return;
    }
  self->resynced = TRUE;
  self->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  fetch_page (self);
}

static void
on_page_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(PdSyncEngine) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PdApiChangePage) page = NULL;
  gint64 started;

  page = pd_api_client_get_changes_finish (PD_API_CLIENT (source), result, &error);
  if (page == NULL)
    {
      /* 410, or a cursor the platform never issued (it was restored from
       * a backup): both mean start over, once per run. */
      if (!self->resynced &&
          (g_error_matches (error, PD_API_ERROR, PD_API_ERROR_CURSOR_EXPIRED) ||
           g_error_matches (error, PD_API_ERROR, PD_API_ERROR_INVALID_REQUEST)))
        {
          restart_from_scratch (self);
          return;
        }
      _pd_sync_engine_fail (self, error);
      return;
    }

  _pd_sync_engine_hook (self, "page-received");
  g_debug ("Pulled %u changes", page->changes->len);
  for (guint i = 0; i < page->changes->len; i++)
    {
      PdApiChange *change = g_ptr_array_index (page->changes, i);

      g_debug ("  %s %s revision %" G_GINT64_FORMAT "%s", change->kind, change->id, change->revision,
               change->deleted ? " (deleted)" : "");
    }

  started = g_get_monotonic_time ();
  if (!pd_store_apply_remote_changes (self->store, PD_SYNC_SCOPE, page->raw,
                                      page->next_cursor, &error))
    {
      _pd_sync_engine_fail (self, error);
      return;
    }
  g_debug ("Applied %u changes in %.1f ms", page->changes->len, (g_get_monotonic_time () - started) / 1000.0);

  _pd_sync_engine_hook (self, "page-applied");
  _pd_sync_engine_succeeded (self);

  self->received_count += page->changes->len;
  g_object_notify (G_OBJECT (self), "received-count");

  if (self->seen != NULL)
    for (guint i = 0; i < page->changes->len; i++)
      {
        PdApiChange *change = g_ptr_array_index (page->changes, i);

        if (!change->deleted)
          g_hash_table_add (self->seen, g_strconcat (change->kind, "/", change->id, NULL));
      }

  if (page->has_more && page->changes->len > 0)
    {
      fetch_page (self);
      return;
    }

  if (self->seen != NULL)
    {
      gboolean pruned = prune_unseen (self, &error);

      g_clear_pointer (&self->seen, g_hash_table_unref);
      if (!pruned)
        {
          _pd_sync_engine_fail (self, error);
          return;
        }
    }
  _pd_sync_engine_phase_done (self);
}

static void
fetch_page (PdSyncEngine *self)
{
  g_autofree char *cursor = NULL;

  if (g_cancellable_is_cancelled (self->cancellable))
    {
      g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "cancelled");

      _pd_sync_engine_fail (self, error);
      return;
    }

  cursor = pd_store_get_cursor (self->store, PD_SYNC_SCOPE);
  pd_api_client_get_changes_async (self->client, cursor, self->page_size, self->cancellable,
                                   on_page_cb, g_object_ref (self));
}
