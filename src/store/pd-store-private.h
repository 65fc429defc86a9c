/* pd-store-private.h: shared by the files of PdStore and by its tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "pd-stats-cache.h"
#include "pd-store.h"

G_BEGIN_DECLS

/* Progress of a long write (0 to 1), called in the writing thread;
 * returning %FALSE stops it. */
typedef gboolean (*PdImportProgressFunc) (double   fraction,
                                          gpointer user_data);

struct _PdStore
{
  GObject      parent_instance;

  char        *path;
  char        *assets_dir;
  PdStatsCache *stats_cache; /* made on first use */
  sqlite3     *db;
  GHashTable  *statements;  /* SQL (static or interned) → sqlite3_stmt* */
  guint        tx_depth;    /* nesting of _pd_store_begin() */
  gboolean     outbox_touched;
  gboolean     relaxed;     /* the open transaction commits without fsync */
  GSource     *idle_checkpoint; /* (not owned) a checkpoint waiting for an idle main loop */

  /* One live instance per record: "kind\x1fid" → PdRecord (weak). */
  GHashTable  *live;
  GListStore  *campaigns;   /* loaded on first use, then kept current */
  GListStore  *projects;
  GListStore  *themes;
  GListStore  *voucher_batches;

  PdUndoStack *undo_stack;
  /* Open pd_store_begin_action() nesting and its collected undo step. */
  guint        action_depth;
  char        *action_title;
  GPtrArray   *action_changes;
  gboolean     action_failed;

  /* What the last _pd_store_track_local_change() left the record in, so
   * live instances need not read it back. */
  PdSyncState  tracked_state;
  gint64       tracked_revision;

  /* Set by an import around its save: the second half of its progress. */
  PdImportProgressFunc bulk_progress;
  gpointer             bulk_progress_data;
};

/* One change of a record for the undo stack: its content before and after
 * (NULL: did not exist). */
typedef struct {
  char     *kind;
  char     *id;
  JsonNode *before;
  JsonNode *after;
  PdSyncState state;    /* after the change */
  gint64      revision;
  /* A saved record whose "after" copy nobody needed (no undo step): the
   * written record itself is the content, @after stays NULL. */
  gboolean    after_is_written;
} PdStoreChange;

void           _pd_store_change_free     (PdStoreChange *change);

/* Schema (pd-store-schema.c) */
typedef gboolean (*PdMigrationFunc) (sqlite3 *db, GError **error);
guint          _pd_store_n_migrations    (void);
gboolean       _pd_store_migrate         (sqlite3     *db,
                                          guint        target_version,
                                          GError     **error);
int            _pd_store_get_version     (sqlite3     *db);
void           _pd_store_register_functions (sqlite3  *db);
char          *_pd_store_normalise       (const char  *text);
gboolean       _pd_store_exec            (sqlite3     *db,
                                          const char  *sql,
                                          GError     **error);

/* Statements and transactions (pd-store.c). @sql must be a literal or
 * interned: statements are cached by its address. */
sqlite3_stmt  *_pd_store_prepare         (PdStore     *self,
                                          const char  *sql,
                                          GError     **error);
gboolean       _pd_store_step_done       (PdStore     *self,
                                          sqlite3_stmt *stmt,
                                          GError     **error);
void           _pd_store_set_sqlite_error (PdStore    *self,
                                           GError    **error);
/* A transaction whose commit need not survive a power cut, only a crash:
 * what it writes can be fetched again (a pulled page with its cursor). */
gboolean       _pd_store_begin_relaxed   (PdStore     *self,
                                          GError     **error);
gboolean       _pd_store_begin           (PdStore     *self,
                                          GError     **error);
gboolean       _pd_store_commit          (PdStore     *self,
                                          GError     **error);
void           _pd_store_rollback        (PdStore     *self);
void           _pd_store_bind_text       (sqlite3_stmt *stmt,
                                          int           index,
                                          const char   *text);
/* A page cache of at least @kib KiB for a bulk write; returns the
 * cache_size to give _pd_store_restore_cache() afterwards. */
gint64         _pd_store_enlarge_cache   (PdStore      *self,
                                          gint64        kib);
void           _pd_store_restore_cache   (PdStore      *self,
                                          gint64        previous);
/* Without a copy: @text must stay valid until the statement is stepped
 * and reset (the next _pd_store_prepare() clears the binding). For the
 * per-record statements of bulk saves. */
void           _pd_store_bind_static     (sqlite3_stmt *stmt,
                                          int           index,
                                          const char   *text);
const char    *_pd_store_column_text     (sqlite3_stmt *stmt,
                                          int           column);

/* Typed tables (pd-store-records.c) */
gboolean       _pd_store_write_record    (PdStore     *self,
                                          PdRecord    *record,
                                          GError     **error);
gboolean       _pd_store_delete_rows     (PdStore     *self,
                                          const char  *kind,
                                          const char  *id,
                                          GError     **error);
/* (transfer full) (nullable): a new, not live record from the tables */
PdRecord      *_pd_store_read_record     (PdStore     *self,
                                          const char  *kind,
                                          const char  *id,
                                          GError     **error);
/* (transfer full) (nullable): the record's content JSON from the tables */
JsonNode      *_pd_store_read_content    (PdStore     *self,
                                          const char  *kind,
                                          const char  *id);
GPtrArray     *_pd_store_load_all        (PdStore     *self,
                                          const char  *kind,
                                          GError     **error);
const char    *_pd_store_table_for_kind  (const char  *kind);

/* Live instances and lists (pd-store.c) */
PdRecord      *_pd_store_lookup_live     (PdStore     *self,
                                          const char  *kind,
                                          const char  *id);
void           _pd_store_register_live   (PdStore     *self,
                                          PdRecord    *record);
/* Brings the live instance and lists in line with @content (NULL: gone). */
void           _pd_store_update_live     (PdStore     *self,
                                          const char  *kind,
                                          const char  *id,
                                          JsonNode    *content,
                                          PdRecord    *written);
/* Same, with the sync state known, saving a query per record. */
void           _pd_store_update_live_known (PdStore     *self,
                                            const char  *kind,
                                            const char  *id,
                                            JsonNode    *content,
                                            PdRecord    *written,
                                            PdSyncState  state,
                                            gint64       revision);

/* Change tracking (pd-store-sync.c) */
gboolean       _pd_store_track_local_change (PdStore    *self,
                                             const char *kind,
                                             const char *id,
                                             gboolean    deleted,
                                             GError    **error);
gboolean       _pd_store_delete_op         (PdStore    *self,
                                            gint64      op_id,
                                            GError    **error);
gboolean       _pd_store_track_created_all (PdStore    *self,
                                            const char *kind,
                                            const char *ids_json,
                                            GPtrArray  *out_tracked,
                                            GError    **error);
void           _pd_store_register_sync_functions (sqlite3 *db);
PdSyncState    _pd_store_read_state      (PdStore     *self,
                                          const char  *kind,
                                          const char  *id,
                                          gint64      *revision);
/* Writes @content (NULL deletes) as a local edit, tracked for sync, no
 * undo step; used by undo/redo. */
gboolean       _pd_store_apply_content   (PdStore     *self,
                                          const char  *kind,
                                          const char  *id,
                                          JsonNode    *content,
                                          GError     **error);

/* Voucher codes to the platform (pd-store-voucher-sync.c) */
#define PD_STORE_VOUCHER_CHUNK 5000
/* Queues upload ops for the @count codes of @batch_id from position @first. */
gboolean       _pd_store_queue_voucher_chunks (PdStore    *self,
                                               const char *batch_id,
                                               gint64      first,
                                               gint64      count,
                                               GError    **error);
/* Inside a transaction: freezes @op with its codes; sets @gone (and drops
 * the op) when its batch no longer exists here; PD_STORE_ERROR_CONFLICT
 * while the batch's create has not gone through. */
gboolean       _pd_store_freeze_upload_op (PdStore     *self,
                                           PdOutboxOp  *op,
                                           gboolean    *gone,
                                           GError     **error);
void           _pd_store_emit_voucher_codes_changed (PdStore *self);
/* Inside a transaction: the platform stored the chunk. */
gboolean       _pd_store_finish_upload_op (PdStore     *self,
                                           PdOutboxOp  *op,
                                           GError     **error);
/* Local edits (pd-store-edit.c) */
/* Saves @records, which the caller has validated and found absent from
 * the store (a bulk import), in one transaction, tracked for sync; part
 * of the open action's undo step if there is one. */
gboolean       _pd_store_save_new        (PdStore     *self,
                                          GPtrArray   *records,
                                          GError     **error);

/* Bulk saves of new records (pd-store-bulk.c), for save_records() */
gboolean       _pd_store_save_new_one    (PdStore     *self,
                                          PdRecord    *record,
                                          GPtrArray   *changes,
                                          GError     **error);
gboolean       _pd_store_track_new       (PdStore     *self,
                                          GPtrArray   *changes,
                                          GError     **error);
PdRecord     **_pd_store_sort_by_id      (PdRecord   **records,
                                          guint        n_records);

/* Tells listeners (the sync engine) of ops written by another connection
 * to the same file. */
void           _pd_store_outbox_changed  (PdStore     *self);

/* Undo (pd-undo-stack.c) */
PdUndoStack   *_pd_undo_stack_new        (PdStore     *store);
void           _pd_undo_stack_push       (PdUndoStack *self,
                                          const char  *title,
                                          GPtrArray   *changes);
/* (transfer full) (nullable): the changes of the most recent step, which
 * leaves the stack; its title in @out_title. */
GPtrArray     *_pd_undo_stack_take_last  (PdUndoStack *self,
                                          char       **out_title);

G_END_DECLS
