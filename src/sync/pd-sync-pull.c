/* pd-sync-pull.c: reads the change feed into the store
 *
 * Each page is written together with its cursor in one store transaction,
 * the way CouchDB checkpoints: a crash before the commit re-reads the page
 * (applying it twice is harmless), a crash after it never skips a change.
 * An expired cursor starts over from the beginning; the outbox is kept.
 *
 * A first sync brings tens of thousands of records, so the pull is a
 * pipeline: while one page is written on the main thread, the next one
 * is already downloaded and parsed (by the client, on a worker thread)
 * and read into records (here, on a worker thread). Pages are read and
 * written in the order they came, and the cursor stored is always that
 * of the last page written; the request for the next page uses the
 * cursor the previous page named, before that page is written. At most
 * MAX_PAGES_AHEAD pages wait to be written, so memory stays bounded when
 * writing is the slow part.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-sync"

#include "config.h"

#include "pd-sync-engine-private.h"

#define MAX_PAGES_AHEAD 2

/* A page received, read into records on a worker (where its JSON tree,
 * @received, is let go too), then written. */
typedef struct {
  PdApiChangePage *received;
  PdRemotePage    *read;
  GError          *error;    /* what kept it from reading */
  char            *next_cursor;
  guint            n_changes;
} ReadPage;

static void
read_page_free (ReadPage *page)
{
  g_clear_pointer (&page->received, pd_api_change_page_free);
  g_clear_pointer (&page->read, pd_remote_page_free);
  g_clear_error (&page->error);
  g_free (page->next_cursor);
  g_free (page);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReadPage, read_page_free)

/* One pull of the change feed: the pages on their way in. */
typedef struct {
  PdSyncEngine *engine;
  GCancellable *cancellable;  /* this pull's requests and reads */
  GCancellable *run_cancellable; /* the run's, which cancels ours */
  gulong        run_cancelled_id;
  gboolean      over;         /* done or failed: late answers are dropped */
  gboolean      more;         /* a page is still to be asked for, at next_cursor */
  char         *next_cursor;
  gboolean      fetching;     /* a page request is in flight */
  gboolean      reading;      /* a page is being read on a worker */
  gboolean      applying;     /* a page is being written (hooks may run the main loop) */
  GQueue        received;     /* PdApiChangePage, in order, not yet read */
  GQueue        ready;        /* ReadPage, in order, not yet written */
  GError       *fetch_error;  /* reported once the pages before it are written */
} Pull;

static void
pull_clear (Pull *pull)
{
  if (pull->run_cancellable != NULL)
    g_cancellable_disconnect (pull->run_cancellable, pull->run_cancelled_id);
  g_clear_object (&pull->run_cancellable);
  g_clear_object (&pull->cancellable);
  g_clear_pointer (&pull->next_cursor, g_free);
  g_clear_object (&pull->engine);
  g_queue_clear_full (&pull->received, (GDestroyNotify) pd_api_change_page_free);
  g_queue_clear_full (&pull->ready, (GDestroyNotify) read_page_free);
  g_clear_error (&pull->fetch_error);
}

static Pull *
pull_ref (Pull *pull)
{
  return g_rc_box_acquire (pull);
}

static void
pull_unref (Pull *pull)
{
  g_rc_box_release_full (pull, (GDestroyNotify) pull_clear);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Pull, pull_unref)

static void fetch_page (Pull *pull, const char *cursor);
static void advance (Pull *pull);

/* Nothing of the pull is wanted any more: the request or read still in
 * flight stops too. */
static void
pull_fail (Pull         *pull,
           const GError *error)
{
  pull->over = TRUE;
  g_cancellable_cancel (pull->cancellable);
  _pd_sync_engine_fail (pull->engine, error);
}

static void
on_run_cancelled_cb (GCancellable *run_cancellable,
                     GCancellable *cancellable)
{
  g_cancellable_cancel (cancellable);
}

void
_pd_sync_pull_begin (PdSyncEngine *self)
{
  g_autoptr(Pull) pull = g_rc_box_new0 (Pull);

  pull->engine = g_object_ref (self);
  pull->cancellable = g_cancellable_new ();
  if (self->cancellable != NULL)
    {
      pull->run_cancellable = g_object_ref (self->cancellable);
      pull->run_cancelled_id = g_cancellable_connect (self->cancellable, G_CALLBACK (on_run_cancelled_cb),
                                                      g_object_ref (pull->cancellable), g_object_unref);
    }
  g_queue_init (&pull->received);
  g_queue_init (&pull->ready);
  self->resynced = FALSE;
  g_clear_pointer (&self->seen, g_hash_table_unref);
  pull->next_cursor = pd_store_get_cursor (self->store, PD_SYNC_SCOPE);
  pull->more = TRUE;
  advance (pull);
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
restart_from_scratch (Pull *pull)
{
  PdSyncEngine *self = pull->engine;
  g_autoptr(GError) error = NULL;

  if (!pd_store_reset_cursor (self->store, PD_SYNC_SCOPE, &error))
    {
      pull_fail (pull, error);
      return;
    }
  self->resynced = TRUE;
  self->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_clear_pointer (&pull->next_cursor, g_free);
  pull->more = TRUE;
  advance (pull);
}

static void
read_page_in_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  ReadPage *page = task_data;

  page->read = pd_remote_page_new (page->received->raw, &page->error);
  g_clear_pointer (&page->received, pd_api_change_page_free);
  g_task_return_boolean (task, TRUE);
}

static void
remember_seen (PdSyncEngine *self,
               PdRemotePage *read)
{
  for (guint i = 0; i < pd_remote_page_get_length (read); i++)
    {
      PdRemoteChange *change = pd_remote_page_get_change (read, i);

      if (!change->deleted)
        g_hash_table_add (self->seen, g_strconcat (change->kind, "/", change->id, NULL));
    }
}

static void
on_page_read_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(Pull) pull = user_data;
  ReadPage *page = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;

  /* The page is ours from here on (the task does not free it). */
  pull->reading = FALSE;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_clear_pointer (&page->read, pd_remote_page_free);
      g_clear_error (&page->error);
      page->error = error;
    }
  g_queue_push_tail (&pull->ready, page);
  advance (pull);
}

/* The worker fills the page in; on_page_read_cb() then takes it over. */
static void
read_next_page (Pull *pull)
{
  g_autoptr(GTask) task = g_task_new (NULL, pull->cancellable, on_page_read_cb, pull_ref (pull));
  ReadPage *page = g_new0 (ReadPage, 1);

  page->received = g_queue_pop_head (&pull->received);
  page->next_cursor = g_strdup (page->received->next_cursor);
  page->n_changes = page->received->changes->len;
  g_task_set_task_data (task, page, NULL);
  pull->reading = TRUE;
  g_task_run_in_thread (task, read_page_in_thread);
}

/* Writes the next page read; FALSE if the pull failed. */
static gboolean
apply_next_page (Pull *pull)
{
  PdSyncEngine *self = pull->engine;
  g_autoptr(ReadPage) page = g_queue_pop_head (&pull->ready);
  g_autoptr(GError) error = NULL;
  gint64 started;

  if (page->read == NULL)
    {
      pull_fail (pull, page->error);
      return FALSE;
    }
  /* "Received" for the hooks is when a page is taken in: every page
   * before it is written by then. A hook may cancel or run the main loop. */
  if (!g_cancellable_is_cancelled (pull->cancellable))
    _pd_sync_engine_hook (self, "page-received");
  if (pull->over)
    return FALSE;
  /* Cancelled meanwhile: what is written so far is kept. */
  if (g_cancellable_is_cancelled (pull->cancellable))
    {
      error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "cancelled");
      pull_fail (pull, error);
      return FALSE;
    }

  started = g_get_monotonic_time ();
  if (!pd_store_apply_remote_page (self->store, PD_SYNC_SCOPE, page->read, page->next_cursor, &error))
    {
      pull_fail (pull, error);
      return FALSE;
    }
  g_debug ("Applied %u changes in %.1f ms", page->n_changes, (g_get_monotonic_time () - started) / 1000.0);

  _pd_sync_engine_hook (self, "page-applied");
  _pd_sync_engine_succeeded (self);

  self->received_count += page->n_changes;
  g_object_notify (G_OBJECT (self), "received-count");
  if (self->seen != NULL)
    remember_seen (self, page->read);
  return TRUE;
}

/* Moves the pull on whenever a page came, was read or was written. */
static void
advance (Pull *pull)
{
  PdSyncEngine *self = pull->engine;
  g_autoptr(GError) error = NULL;

  if (pull->over)
    return;

  if (pull->more && !pull->fetching && pull->fetch_error == NULL &&
      g_queue_get_length (&pull->received) + g_queue_get_length (&pull->ready) + (pull->reading ? 1 : 0) < MAX_PAGES_AHEAD)
    {
      g_autofree char *cursor = g_steal_pointer (&pull->next_cursor);

      pull->more = FALSE;
      fetch_page (pull, cursor);
    }

  /* One page read at a time keeps them in order. */
  if (!pull->reading && !g_queue_is_empty (&pull->received))
    read_next_page (pull);

  if (pull->applying)
    return;
  pull->applying = TRUE;
  while (!g_queue_is_empty (&pull->ready))
    if (!apply_next_page (pull))
      break;
  pull->applying = FALSE;
  if (pull->over)
    return;

  /* More on its way; the first page to come moves the pull on again. */
  if (pull->reading || !g_queue_is_empty (&pull->received) || !g_queue_is_empty (&pull->ready))
    return;

  if (pull->fetch_error != NULL)
    {
      error = g_steal_pointer (&pull->fetch_error);
      /* 410, or a cursor the platform never issued (it was restored from
       * a backup): both mean start over, once per run. */
      if (!self->resynced &&
          (g_error_matches (error, PD_API_ERROR, PD_API_ERROR_CURSOR_EXPIRED) ||
           g_error_matches (error, PD_API_ERROR, PD_API_ERROR_INVALID_REQUEST)))
        restart_from_scratch (pull);
      else
        pull_fail (pull, error);
      return;
    }

  if (pull->fetching || pull->more)
    return;

  /* Every page is written. */
  pull->over = TRUE;
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
on_page_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(Pull) pull = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PdApiChangePage) page = NULL;

  pull->fetching = FALSE;
  page = pd_api_client_get_changes_finish (PD_API_CLIENT (source), result, &error);
  if (pull->over)
    return;
  if (page == NULL)
    {
      pull->fetch_error = g_steal_pointer (&error);
      advance (pull);
      return;
    }

  g_debug ("Pulled %u changes", page->changes->len);

  /* The next page is asked for now (advance() does, unless enough are
   * waiting), and comes while this one is read and written. */
  if (page->has_more && page->changes->len > 0)
    {
      pull->more = TRUE;
      g_free (pull->next_cursor);
      pull->next_cursor = g_strdup (page->next_cursor);
    }
  g_queue_push_tail (&pull->received, g_steal_pointer (&page));
  advance (pull);
}

static void
fetch_page (Pull       *pull,
            const char *cursor)
{
  PdSyncEngine *self = pull->engine;

  if (g_cancellable_is_cancelled (pull->cancellable))
    {
      g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "cancelled");

      pull->fetch_error = g_steal_pointer (&error);
      return;
    }

  pull->fetching = TRUE;
  pd_api_client_get_changes_async (self->client, cursor, self->page_size, pull->cancellable,
                                   on_page_cb, pull_ref (pull));
}
