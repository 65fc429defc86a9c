/* pd-store.c: opening the workspace, statements, transactions and the
 * live instances and lists handed to views
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "pd-store-private.h"

G_DEFINE_FINAL_TYPE (PdStore, pd_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (pd-store-error-quark, pd_store_error)

enum {
  SIGNAL_OUTBOX_CHANGED,
  SIGNAL_VOUCHER_CODES_CHANGED,
  SIGNAL_RECORD_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct {
  PdStore  *store;
  char     *key;
  PdRecord *record;
} LiveRef;

static GQuark in_list_quark;
/* Set on a live instance whose record was deleted; undo may revive it. */
static GQuark gone_quark;

static char *
live_key (const char *kind,
          const char *id)
{
  return g_strconcat (kind, "\x1f", id, NULL);
}

static void
live_ref_free (LiveRef *ref)
{
  g_free (ref->key);
  g_free (ref);
}

static void
live_weak_notify (gpointer  data,
                  GObject  *where_the_object_was)
{
  LiveRef *ref = data;

  g_hash_table_remove (ref->store->live, ref->key);
  live_ref_free (ref);
}

static void
pd_store_dispose (GObject *object)
{
  PdStore *self = PD_STORE (object);

  g_clear_object (&self->undo_stack);
  g_clear_object (&self->stats_cache);
  g_clear_object (&self->campaigns);
  g_clear_object (&self->projects);
  g_clear_object (&self->themes);
  g_clear_object (&self->voucher_batches);

  /* Records the UI still holds outlive the store: stop watching them. */
  if (self->live != NULL)
    {
      GHashTableIter iter;
      LiveRef *ref;

      g_hash_table_iter_init (&iter, self->live);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &ref))
        {
          g_object_weak_unref (G_OBJECT (ref->record), live_weak_notify, ref);
          g_hash_table_iter_remove (&iter);
          live_ref_free (ref);
        }
    }

  G_OBJECT_CLASS (pd_store_parent_class)->dispose (object);
}

static void
pd_store_finalize (GObject *object)
{
  PdStore *self = PD_STORE (object);

  if (self->idle_checkpoint != NULL)
    g_source_destroy (self->idle_checkpoint);
  g_clear_pointer (&self->live, g_hash_table_unref);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close (self->db);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->assets_dir, g_free);
  g_clear_pointer (&self->action_title, g_free);
  g_clear_pointer (&self->action_changes, g_ptr_array_unref);

  G_OBJECT_CLASS (pd_store_parent_class)->finalize (object);
}

static void
pd_store_class_init (PdStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pd_store_dispose;
  object_class->finalize = pd_store_finalize;

  /**
   * PdStore::outbox-changed:
   *
   * Emitted after a committed transaction added or changed outbox ops, so
   * the sync engine can schedule a push.
   */
  signals[SIGNAL_OUTBOX_CHANGED] =
    g_signal_new ("outbox-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * PdStore::voucher-codes-changed:
   *
   * Emitted after the change feed brought new statuses (redeemed,
   * expired) of voucher codes; their counts are worth reading again.
   */
  signals[SIGNAL_VOUCHER_CODES_CHANGED] =
    g_signal_new ("voucher-codes-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * PdStore::record-changed:
   * @kind: the record's kind ("project", …); also the signal's detail
   * @id: the record's id
   *
   * Emitted after the live instance and lists followed a save, delete,
   * undo, redo or pull of the record, so that views which query the
   * tables themselves (PdProjectListModel) can refresh.
   */
  signals[SIGNAL_RECORD_CHANGED] =
    g_signal_new ("record-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  in_list_quark = g_quark_from_static_string ("pd-store-in-list");
  gone_quark = g_quark_from_static_string ("pd-store-gone");
}

void
_pd_store_emit_voucher_codes_changed (PdStore *self)
{
  g_signal_emit (self, signals[SIGNAL_VOUCHER_CODES_CHANGED], 0);
}

static void
finalize_statement (gpointer data)
{
  sqlite3_finalize (data);
}

static void
pd_store_init (PdStore *self)
{
  /* Keyed by the SQL's address, not its text: the SQL is a literal (or
   * interned), and hashing long SQL text on every use was measurable. */
  self->statements = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, finalize_statement);
  self->live = g_hash_table_new (g_str_hash, g_str_equal);
}

void
_pd_store_set_sqlite_error (PdStore  *self,
                            GError  **error)
{
  g_set_error (error, PD_STORE_ERROR, PD_STORE_ERROR_FAILED,
               _("The workspace database could not be changed: %s"), sqlite3_errmsg (self->db));
}

/* Creates @path with mode 0600 before SQLite does, so the file is never
 * readable by others, not even for a moment; SQLite gives its -wal and
 * -shm files the same mode. */
static gboolean
create_private_file (const char  *path,
                     GError     **error)
{
  int fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);

  if (fd < 0 || fchmod (fd, 0600) != 0)
    {
      int saved_errno = errno;

      if (fd >= 0)
        close (fd);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create the workspace file “%s”: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }
  close (fd);
  return TRUE;
}

static int on_wal_commit (void       *data,
                          sqlite3    *db,
                          const char *name,
                          int         pages);

PdStore *
pd_store_open (const char  *path,
               GError     **error)
{
  g_autoptr(PdStore) self = NULL;
  g_autofree char *dir = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0 || g_chmod (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create the folder “%s”: %s"), dir, g_strerror (saved_errno));
      return NULL;
    }
  if (!create_private_file (path, error))
    return NULL;

  self = g_object_new (PD_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->assets_dir = g_build_filename (dir, "assets", NULL);

  if (sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
    {
      g_set_error (error, PD_STORE_ERROR, PD_STORE_ERROR_FAILED,
                   _("Could not open the workspace “%s”: %s"), path,
                   self->db != NULL ? sqlite3_errmsg (self->db) : g_strerror (ENOMEM));
      return NULL;
    }

  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, 5000);
  _pd_store_register_functions (self->db);

  /* WAL keeps readers and the writer apart; FULL syncs the WAL on every
   * commit, so a committed edit survives a power cut, not only a crash. */
  if (!_pd_store_exec (self->db, "PRAGMA journal_mode = WAL;", error) ||
      !_pd_store_exec (self->db, "PRAGMA synchronous = FULL;", error) ||
      !_pd_store_exec (self->db, "PRAGMA foreign_keys = ON;", error) ||
      /* A large import must not spill its pages to the WAL mid-way. */
      !_pd_store_exec (self->db, "PRAGMA cache_size = -65536;", error) ||
      !_pd_store_migrate (self->db, PD_STORE_SCHEMA_VERSION, error))
    return NULL;
  sqlite3_wal_hook (self->db, on_wal_commit, self);

  self->undo_stack = _pd_undo_stack_new (self);

  return g_steal_pointer (&self);
}

const char *
pd_store_get_path (PdStore *self)
{
  g_return_val_if_fail (PD_IS_STORE (self), NULL);
  return self->path;
}

const char *
pd_store_get_assets_dir (PdStore *self)
{
  g_return_val_if_fail (PD_IS_STORE (self), NULL);
  return self->assets_dir;
}

PdUndoStack *
pd_store_get_undo_stack (PdStore *self)
{
  g_return_val_if_fail (PD_IS_STORE (self), NULL);
  return self->undo_stack;
}

PdStatsCache *
pd_store_get_stats_cache (PdStore *self)
{
  g_return_val_if_fail (PD_IS_STORE (self), NULL);

  /* One per workspace, so every page sees the same results: a fetch on
   * the Results page updates the donor page preview. */
  if (self->stats_cache == NULL)
    {
      g_autofree char *dir = g_path_get_dirname (self->path);
      g_autofree char *stats_dir = g_build_filename (dir, "stats", NULL);

      self->stats_cache = pd_stats_cache_new (stats_dir);
    }
  return self->stats_cache;
}

/* --- Statements and transactions -----------------------------------------*/

sqlite3_stmt *
_pd_store_prepare (PdStore     *self,
                   const char  *sql,
                   GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      _pd_store_set_sqlite_error (self, error);
      return NULL;
    }
  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

gboolean
_pd_store_step_done (PdStore       *self,
                     sqlite3_stmt  *stmt,
                     GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      _pd_store_set_sqlite_error (self, error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

void
_pd_store_bind_text (sqlite3_stmt *stmt,
                     int           index,
                     const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

gint64
_pd_store_enlarge_cache (PdStore *self,
                         gint64   kib)
{
  sqlite3_stmt *stmt = NULL;
  gint64 previous = 0;
  g_autofree char *sql = NULL;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA cache_size", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    previous = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  /* Negative: KiB; positive: pages. Never shrink it. */
  if (previous < 0 && -previous >= kib)
    return previous;
  /* A pragma's value cannot be bound; this is our own integer. */
  sql = g_strdup_printf ("PRAGMA cache_size = -%" G_GINT64_FORMAT, kib);
  sqlite3_exec (self->db, sql, NULL, NULL, NULL);
  return previous;
}

void
_pd_store_restore_cache (PdStore *self,
                         gint64   previous)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA cache_size = %" G_GINT64_FORMAT, previous);

  sqlite3_exec (self->db, sql, NULL, NULL, NULL);
}

void
_pd_store_bind_static (sqlite3_stmt *stmt,
                       int           index,
                       const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_STATIC);
}

const char *
_pd_store_column_text (sqlite3_stmt *stmt,
                       int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

static gboolean
run_control (PdStore     *self,
             const char  *sql,
             GError     **error)
{
  sqlite3_stmt *stmt = _pd_store_prepare (self, sql, error);

  return stmt != NULL && _pd_store_step_done (self, stmt, error);
}

/* When the WAL is written back into the database, in WAL pages of 4 KiB:
 * after SQLite's default for ordinary commits; during a pull at 64 MiB,
 * the page cache's size, at the latest, and from 16 MiB on whenever the
 * main loop is idle (see on_wal_commit()). */
#define DEFAULT_CHECKPOINT_PAGES 1000
#define RELAXED_CHECKPOINT_PAGES 16384
#define IDLE_CHECKPOINT_PAGES 4096

static gboolean
checkpoint_when_idle (gpointer data)
{
  PdStore *self = data;
  int log_pages = 0, done_pages = 0;

  self->idle_checkpoint = NULL;
  if (self->tx_depth == 0 &&
      sqlite3_wal_checkpoint_v2 (self->db, NULL, SQLITE_CHECKPOINT_PASSIVE, &log_pages, &done_pages) == SQLITE_OK)
    g_debug ("Checkpointed %d of %d WAL pages while idle", done_pages, log_pages);
  return G_SOURCE_REMOVE;
}

/* SQLite checkpoints inside the commit that fills the WAL, so that the
 * committing thread waits: during a first sync 100 ms every few pages of
 * the feed. While a pull writes, a checkpoint waits for the main loop to
 * be idle instead (as it often is between two pages, waiting for the next
 * one to be read on a worker), and copies a quarter of that each time;
 * only if the main loop never gets there does the commit at 64 MiB do it
 * as before. */
static int
on_wal_commit (void       *data,
               sqlite3    *db,
               const char *name,
               int         pages)
{
  PdStore *self = data;

  if (pages >= (self->relaxed ? RELAXED_CHECKPOINT_PAGES : DEFAULT_CHECKPOINT_PAGES))
    sqlite3_wal_checkpoint (db, name);
  else if (self->relaxed && pages >= IDLE_CHECKPOINT_PAGES && self->idle_checkpoint == NULL)
    {
      self->idle_checkpoint = g_idle_source_new ();
      g_source_set_priority (self->idle_checkpoint, G_PRIORITY_LOW);
      g_source_set_callback (self->idle_checkpoint, checkpoint_when_idle, self, NULL);
      g_source_set_static_name (self->idle_checkpoint, "[particulate] checkpoint when idle");
      g_source_attach (self->idle_checkpoint, g_main_context_get_thread_default ());
      g_source_unref (self->idle_checkpoint);
    }
  return SQLITE_OK;
}

/* Every other commit syncs again, before any signal handler may write. */
static void
end_relaxed (PdStore *self)
{
  g_autoptr(GError) error = NULL;

  if (!self->relaxed)
    return;
  self->relaxed = FALSE;
  if (!run_control (self, "PRAGMA synchronous = FULL", &error))
    g_warning ("Could not make commits durable again: %s", error->message);
}

/* Nested transactions become savepoints, so a helper can open one without
 * knowing whether its caller already did. */
gboolean
_pd_store_begin (PdStore  *self,
                 GError  **error)
{
  if (self->tx_depth == 0)
    {
      if (!run_control (self, "BEGIN IMMEDIATE", error))
        return FALSE;
      self->outbox_touched = FALSE;
    }
  else if (!run_control (self, "SAVEPOINT pd_nested", error))
    return FALSE;

  self->tx_depth++;
  return TRUE;
}

/* WAL with synchronous = NORMAL: the commit is not fsynced, but WAL
 * recovery keeps a prefix of the commits in order, so a power cut can
 * only lose this transaction as a whole (with the cursor it carries),
 * never half of it. The next FULL commit, such as a local edit, syncs the
 * WAL and with it this one. The WAL is also not checkpointed (written
 * back and fsynced) after each such commit but when the main loop is idle
 * or the WAL holds as much as the page cache (on_wal_commit()): a first
 * sync commits a thousand records at a time, and the fsyncs, not the
 * writes, were most of its time. */
gboolean
_pd_store_begin_relaxed (PdStore  *self,
                         GError  **error)
{
  if (self->tx_depth > 0)
    return _pd_store_begin (self, error);
  if (!run_control (self, "PRAGMA synchronous = NORMAL", error))
    return FALSE;
  self->relaxed = TRUE;
  if (!_pd_store_begin (self, error))
    {
      end_relaxed (self);
      return FALSE;
    }
  return TRUE;
}

gboolean
_pd_store_commit (PdStore  *self,
                  GError  **error)
{
  g_assert (self->tx_depth > 0);

  if (self->tx_depth > 1)
    {
      if (!run_control (self, "RELEASE pd_nested", error))
        return FALSE;
      self->tx_depth--;
      return TRUE;
    }

  if (!run_control (self, "COMMIT", error))
    return FALSE;
  self->tx_depth = 0;
  end_relaxed (self);

  if (self->outbox_touched)
    {
      self->outbox_touched = FALSE;
      g_signal_emit (self, signals[SIGNAL_OUTBOX_CHANGED], 0);
    }
  return TRUE;
}

void
_pd_store_outbox_changed (PdStore *self)
{
  g_signal_emit (self, signals[SIGNAL_OUTBOX_CHANGED], 0);
}

void
_pd_store_rollback (PdStore *self)
{
  g_assert (self->tx_depth > 0);

  if (self->tx_depth > 1)
    {
      run_control (self, "ROLLBACK TO pd_nested", NULL);
      run_control (self, "RELEASE pd_nested", NULL);
    }
  else
    {
      run_control (self, "ROLLBACK", NULL);
      self->outbox_touched = FALSE;
      end_relaxed (self);
    }
  self->tx_depth--;
}

/* --- Live instances and lists ----------------------------------------------*/

PdRecord *
_pd_store_lookup_live (PdStore    *self,
                       const char *kind,
                       const char *id)
{
  g_autofree char *key = live_key (kind, id);
  LiveRef *ref = g_hash_table_lookup (self->live, key);

  return ref != NULL ? ref->record : NULL;
}

void
_pd_store_register_live (PdStore  *self,
                         PdRecord *record)
{
  LiveRef *ref;

  if (_pd_store_lookup_live (self, pd_record_get_kind (record), pd_record_get_id (record)) != NULL)
    return;

  ref = g_new0 (LiveRef, 1);
  ref->store = self;
  ref->key = live_key (pd_record_get_kind (record), pd_record_get_id (record));
  ref->record = record;
  g_hash_table_insert (self->live, ref->key, ref);
  g_object_weak_ref (G_OBJECT (record), live_weak_notify, ref);
}

static GListStore *
list_for_kind (PdStore    *self,
               const char *kind)
{
  if (g_str_equal (kind, "campaign"))
    return self->campaigns;
  if (g_str_equal (kind, "project"))
    return self->projects;
  if (g_str_equal (kind, "theme"))
    return self->themes;
  if (g_str_equal (kind, "voucher-batch"))
    return self->voucher_batches;
  return NULL;
}

static void
refresh_sync_fields (PdStore  *self,
                     PdRecord *record)
{
  gint64 revision = 0;
  PdSyncState state = _pd_store_read_state (self, pd_record_get_kind (record),
                                            pd_record_get_id (record), &revision);

  pd_record_set_revision (record, revision);
  pd_record_set_sync_state (record, state);
}

static void update_live_full (PdStore *self, const char *kind, const char *id, JsonNode *content,
                              PdRecord *written, gboolean known, PdSyncState state, gint64 revision);

void
_pd_store_update_live (PdStore    *self,
                       const char *kind,
                       const char *id,
                       JsonNode   *content,
                       PdRecord   *written)
{
  update_live_full (self, kind, id, content, written, FALSE, PD_SYNC_STATE_SYNCED, 0);
  g_signal_emit (self, signals[SIGNAL_RECORD_CHANGED], g_quark_from_string (kind), kind, id);
}

void
_pd_store_update_live_known (PdStore     *self,
                             const char  *kind,
                             const char  *id,
                             JsonNode    *content,
                             PdRecord    *written,
                             PdSyncState  state,
                             gint64       revision)
{
  update_live_full (self, kind, id, content, written, TRUE, state, revision);
  g_signal_emit (self, signals[SIGNAL_RECORD_CHANGED], g_quark_from_string (kind), kind, id);
}

static void
update_live_full (PdStore     *self,
                  const char  *kind,
                  const char  *id,
                  JsonNode    *content,
                  PdRecord    *written,
                  gboolean     known,
                  PdSyncState  state,
                  gint64       revision)
{
  GListStore *list = list_for_kind (self, kind);
  PdRecord *live = _pd_store_lookup_live (self, kind, id);
  g_autoptr(PdRecord) created = NULL;

  if (content == NULL)
    {
      guint position;

      if (live != NULL)
        {
          g_object_set_qdata (G_OBJECT (live), gone_quark, GINT_TO_POINTER (1));
          pd_record_set_sync_state (live, PD_SYNC_STATE_DELETED);
        }
      if (live != NULL && list != NULL && g_object_get_qdata (G_OBJECT (live), in_list_quark) != NULL &&
          g_list_store_find (list, live, &position))
        {
          g_object_set_qdata (G_OBJECT (live), in_list_quark, NULL);
          g_list_store_remove (list, position);
        }
      return;
    }

  if (live == NULL && written != NULL)
    {
      _pd_store_register_live (self, written);
      live = written;
    }
  else if (live != NULL && live != written)
    {
      g_autoptr(GError) error = NULL;

      if (!pd_record_load_json (live, content, &error))
        g_warning ("Could not update a %s from the store: %s", kind, error->message);
    }
  else if (live == NULL && list != NULL)
    {
      /* Only build an instance nobody holds if a loaded list shows it. */
      created = pd_record_new_from_json (pd_record_type_from_kind (kind), content, NULL);
      if (created == NULL)
        return;
      _pd_store_register_live (self, created);
      live = created;
    }

  if (live == NULL)
    return;

  g_object_set_qdata (G_OBJECT (live), gone_quark, NULL);
  if (known)
    {
      pd_record_set_revision (live, revision);
      pd_record_set_sync_state (live, state);
    }
  else
    refresh_sync_fields (self, live);
  if (list != NULL && g_object_get_qdata (G_OBJECT (live), in_list_quark) == NULL)
    {
      g_object_set_qdata (G_OBJECT (live), in_list_quark, GINT_TO_POINTER (1));
      g_list_store_append (list, live);
    }
}

PdRecord *
pd_store_lookup (PdStore    *self,
                 const char *kind,
                 const char *id)
{
  PdRecord *live;
  g_autoptr(PdRecord) record = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (PD_IS_STORE (self), NULL);
  g_return_val_if_fail (kind != NULL && id != NULL, NULL);

  live = _pd_store_lookup_live (self, kind, id);
  if (live != NULL)
    return g_object_get_qdata (G_OBJECT (live), gone_quark) == NULL ? g_object_ref (live) : NULL;

  record = _pd_store_read_record (self, kind, id, &error);
  if (record == NULL)
    {
      if (error != NULL)
        g_warning ("Could not read %s %s: %s", kind, id, error->message);
      return NULL;
    }
  refresh_sync_fields (self, record);
  _pd_store_register_live (self, record);
  return g_steal_pointer (&record);
}

PdCampaign *
pd_store_get_campaign (PdStore    *self,
                       const char *id)
{
  return (PdCampaign *) pd_store_lookup (self, "campaign", id);
}

PdProject *
pd_store_get_project (PdStore    *self,
                      const char *id)
{
  return (PdProject *) pd_store_lookup (self, "project", id);
}

PdTheme *
pd_store_get_theme (PdStore    *self,
                    const char *id)
{
  return (PdTheme *) pd_store_lookup (self, "theme", id);
}

PdVoucherBatch *
pd_store_get_voucher_batch (PdStore    *self,
                            const char *id)
{
  return (PdVoucherBatch *) pd_store_lookup (self, "voucher-batch", id);
}

static GListModel *
ensure_list (PdStore     *self,
             GListStore **list,
             GType        type,
             const char  *kind)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;

  if (*list != NULL)
    return G_LIST_MODEL (*list);

  *list = g_list_store_new (type);
  records = _pd_store_load_all (self, kind, &error);
  if (records == NULL)
    {
      g_warning ("Could not load the %s list: %s", kind, error->message);
      return G_LIST_MODEL (*list);
    }

  /* Prefer instances views already hold, so there is one per record. */
  for (guint i = 0; i < records->len; i++)
    {
      PdRecord *record = g_ptr_array_index (records, i);
      PdRecord *live = _pd_store_lookup_live (self, kind, pd_record_get_id (record));

      if (live != NULL)
        {
          g_ptr_array_index (records, i) = g_object_ref (live);
          g_object_unref (record);
        }
      else
        _pd_store_register_live (self, record);
      g_object_set_qdata (G_OBJECT (g_ptr_array_index (records, i)), in_list_quark, GINT_TO_POINTER (1));
    }
  g_list_store_splice (*list, 0, 0, records->pdata, records->len);

  return G_LIST_MODEL (*list);
}

GListModel *
pd_store_get_campaigns (PdStore *self)
{
  g_return_val_if_fail (PD_IS_STORE (self), NULL);
  return ensure_list (self, &self->campaigns, PD_TYPE_CAMPAIGN, "campaign");
}

GListModel *
pd_store_get_projects (PdStore *self)
{
  g_return_val_if_fail (PD_IS_STORE (self), NULL);
  return ensure_list (self, &self->projects, PD_TYPE_PROJECT, "project");
}

GListModel *
pd_store_get_themes (PdStore *self)
{
  g_return_val_if_fail (PD_IS_STORE (self), NULL);
  return ensure_list (self, &self->themes, PD_TYPE_THEME, "theme");
}

GListModel *
pd_store_get_voucher_batches (PdStore *self)
{
  g_return_val_if_fail (PD_IS_STORE (self), NULL);
  return ensure_list (self, &self->voucher_batches, PD_TYPE_VOUCHER_BATCH, "voucher-batch");
}
