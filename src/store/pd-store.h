/* pd-store.h: one account's workspace in one SQLite file
 *
 * Every local edit is one transaction that writes the record, bumps its
 * local_seq and merges into the pending outbox op (SYNC.md). Records read
 * from the store are live: the store hands out one instance per record and
 * updates it in place on undo, redo and pulls, so bound views follow.
 *
 * Use a store from the main thread only. Signal "outbox-changed" (no
 * arguments) is emitted after a commit that added or changed outbox ops,
 * so the sync engine can schedule a push. Signal "record-changed::KIND"
 * (kind, id) follows every change of a record's live instance, from any
 * source (edit, undo, redo, import, pull).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "pd-asset.h"
#include "pd-campaign.h"
#include "pd-outbox-op.h"
#include "pd-project.h"
#include "pd-record.h"
#include "pd-stats-cache.h"
#include "pd-theme.h"
#include "pd-undo-stack.h"
#include "pd-voucher-batch.h"

G_BEGIN_DECLS

#define PD_STORE_ERROR (pd_store_error_quark ())

typedef enum {
  PD_STORE_ERROR_FAILED,       /* SQLite or file system error */
  PD_STORE_ERROR_NOT_FOUND,    /* no such record / op / asset */
  PD_STORE_ERROR_READ_ONLY,    /* catalogue projects cannot be edited */
  PD_STORE_ERROR_TOO_NEW,      /* the file was written by a newer version */
  PD_STORE_ERROR_HASH_MISMATCH,/* asset bytes do not match their SHA-256 */
  PD_STORE_ERROR_CONFLICT,     /* op or record not in the expected state */
} PdStoreError;

/* The schema version this build writes (PRAGMA user_version). */
#define PD_STORE_SCHEMA_VERSION 5

#define PD_TYPE_STORE (pd_store_get_type ())
G_DECLARE_FINAL_TYPE (PdStore, pd_store, PD, STORE, GObject)

GQuark       pd_store_error_quark (void);

/**
 * pd_store_open:
 * @path: the database file; created with mode 0600 (its folder 0700) and
 *   migrated to %PD_STORE_SCHEMA_VERSION. Assets live in "assets/" beside it.
 *
 * Returns: (transfer full) (nullable): the store, or %NULL with @error
 */
PdStore     *pd_store_open            (const char   *path,
                                       GError      **error);
const char  *pd_store_get_path        (PdStore      *self);
const char  *pd_store_get_assets_dir  (PdStore      *self);
/* (transfer none): the workspace's one undo/redo stack */
PdUndoStack *pd_store_get_undo_stack  (PdStore      *self);
/* (transfer none): the campaigns' last fetched results, "stats/" beside it */
PdStatsCache *pd_store_get_stats_cache (PdStore     *self);

/* --- Reading ------------------------------------------------------------
 * All (transfer full) (nullable) getters return the live instance. */
PdRecord       *pd_store_lookup            (PdStore     *self,
                                            const char  *kind,
                                            const char  *id);
PdCampaign     *pd_store_get_campaign      (PdStore     *self,
                                            const char  *id);
PdProject      *pd_store_get_project       (PdStore     *self,
                                            const char  *id);
PdTheme        *pd_store_get_theme         (PdStore     *self,
                                            const char  *id);
PdVoucherBatch *pd_store_get_voucher_batch (PdStore     *self,
                                            const char  *id);

/* (transfer none): live lists in creation order, kept up to date by the
 * store (items-changed on save, delete, undo, redo and pull); loaded on
 * first use. Locally deleted records are not in them. */
GListModel  *pd_store_get_campaigns       (PdStore      *self);
GListModel  *pd_store_get_projects        (PdStore      *self);
GListModel  *pd_store_get_themes          (PdStore      *self);
GListModel  *pd_store_get_voucher_batches (PdStore      *self);

/**
 * pd_store_search_projects:
 * @query: (nullable): words that must all occur in title, organisation or
 *   location, ignoring case and accents ("muller" finds "Müller")
 * @category: (nullable): only this category
 *
 * Returns: (transfer full): a new #GListModel of live #PdProject by title
 */
GListModel  *pd_store_search_projects     (PdStore      *self,
                                           const char   *query,
                                           const char   *category,
                                           GError      **error);
/* (transfer full): sorted distinct categories of all projects */
char       **pd_store_list_categories     (PdStore      *self);
guint        pd_store_count_projects      (PdStore      *self);

/* --- Writing ------------------------------------------------------------
 * @action_title: (nullable): the translated name of the user's action
 * ("Rename Campaign") to put on the undo stack; %NULL for no undo step.
 * Each call validates first and writes nothing when the record is invalid
 * (PD_VALIDATION_ERROR) or the write fails. */

/* Inserts or updates @record (its relations replaced as a whole). When
 * @record is not the live instance, the live one is updated in place. */
gboolean     pd_store_save          (PdStore      *self,
                                     PdRecord     *record,
                                     const char   *action_title,
                                     GError      **error);
/* Saves all @records (a GPtrArray of PdRecord) in one transaction and, if
 * @action_title is set, as one undo step; all or nothing. */
gboolean     pd_store_save_all      (PdStore      *self,
                                     GPtrArray    *records,
                                     const char   *action_title,
                                     GError      **error);
/* Deletes a record with its relations (a campaign's projects list, blocks,
 * texts; voucher batches are records of their own). Undo brings it all
 * back. */
gboolean     pd_store_delete        (PdStore      *self,
                                     PdRecord     *record,
                                     const char   *action_title,
                                     GError      **error);

/* Puts the stored content back into @record (e.g. after a refused save
 * left the live object with the user's invalid value); no undo step. */
gboolean     pd_store_revert        (PdStore      *self,
                                     PdRecord     *record,
                                     GError      **error);

/* Groups the saves and deletes up to the matching end_action() into one
 * transaction and one undo step. Nestable; the outermost title wins. On
 * @error (e.g. a failed save inside) end_action() rolls everything back. */
void         pd_store_begin_action  (PdStore      *self,
                                     const char   *action_title);
gboolean     pd_store_end_action    (PdStore      *self,
                                     gboolean      commit,
                                     GError      **error);

/* --- Voucher codes -----------------------------------------------------*/
/* Adds @codes (NULL-terminated) to @batch_id in one transaction; a code that
 * exists already is PD_VALIDATION_ERROR_INVALID and nothing is added. */
gboolean     pd_store_add_voucher_codes   (PdStore             *self,
                                           const char          *batch_id,
                                           const char * const  *codes,
                                           GError             **error);
gint64       pd_store_count_voucher_codes (PdStore             *self,
                                           const char          *batch_id);
/* What became of a batch's codes (pd-store-voucher-sync.c). */
typedef struct {
  gint64 waiting;   /* codes not yet confirmed stored by the platform */
  gint64 redeemed;  /* as the change feed reported */
  gint64 expired;
} PdVoucherCodeCounts;

void         pd_store_get_voucher_code_counts (PdStore             *self,
                                               const char          *batch_id,
                                               PdVoucherCodeCounts *counts);
char        *pd_store_dup_voucher_code_status (PdStore             *self,
                                               const char          *code,
                                               char               **redeemed_at);
/* (transfer full): codes in insertion order, @offset/@limit paged */
char       **pd_store_list_voucher_codes  (PdStore             *self,
                                           const char          *batch_id,
                                           gint64               offset,
                                           gint64               limit,
                                           GError             **error);

/* --- Assets ------------------------------------------------------------*/
/* Stores @bytes as assets/ab/abcdef… (0600) unless present; (transfer full) */
PdAsset     *pd_store_add_asset       (PdStore      *self,
                                       GBytes       *bytes,
                                       const char   *mime_type,
                                       GError      **error);
/* (transfer full) (nullable) */
PdAsset     *pd_store_get_asset       (PdStore      *self,
                                       const char   *sha256);
/* (transfer full): re-checks the hash, PD_STORE_ERROR_HASH_MISMATCH if bad */
GBytes      *pd_store_load_asset      (PdStore      *self,
                                       const char   *sha256,
                                       GError      **error);
/* (transfer full): where the asset's file is (whether or not it exists) */
char        *pd_store_get_asset_path  (PdStore      *self,
                                       const char   *sha256);

/* --- Change tracking (for the sync engine and the UI) -----------------*/
PdSyncState  pd_store_get_sync_state  (PdStore      *self,
                                       const char   *kind,
                                       const char   *id);
gint64       pd_store_get_local_seq   (PdStore      *self,
                                       const char   *kind,
                                       const char   *id);
/* (transfer full) (nullable): the last copy the server confirmed */
JsonNode    *pd_store_get_base        (PdStore      *self,
                                       const char   *kind,
                                       const char   *id);
/* (transfer full) (nullable): the local copy, as it would be sent */
JsonNode    *pd_store_get_local       (PdStore      *self,
                                       const char   *kind,
                                       const char   *id);
/* (transfer full): top-level fields that differ between base and local;
 * every field for a record the server has never seen. */
char       **pd_store_get_dirty_fields (PdStore     *self,
                                        const char  *kind,
                                        const char  *id);

G_END_DECLS

#include "pd-store-sync.h"
