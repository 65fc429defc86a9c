/* pd-sync-engine-private.h: shared by the engine's files and the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pd-api-client.h"
#include "pd-store.h"
#include "pd-sync-engine.h"

G_BEGIN_DECLS

#define PD_SYNC_SCOPE "changes"
#define PD_SYNC_PAGE_SIZE 1000

/* Called at named moments of a sync ("op-frozen", "op-answered",
 * "op-applied", "page-received", "page-applied"); the fault tests kill
 * their own process there to prove that every moment is crash-safe. */
typedef void (*PdSyncHookFunc) (PdSyncEngine *engine,
                                const char   *moment,
                                gpointer      user_data);

/* One op of the batch being pushed, with its answer once it came. */
typedef struct {
  PdOutboxOp  *op;
  PdApiRecord *record;
  GError      *error;
  gboolean     answered;
} PdSyncPushItem;

typedef enum {
  PHASE_IDLE,
  PHASE_PUSH_FIRST,
  PHASE_PULL,
  PHASE_PUSH_AGAIN,
} SyncPhase;

struct _PdSyncEngine
{
  GObject          parent_instance;

  PdAccount       *account;
  PdStore         *store;
  PdApiClient     *client;
  GNetworkMonitor *monitor;
  gboolean         loopback;
  gboolean         reachable;        /* the platform, as the monitor says */
  GSocketConnectable *platform_address; /* set for a loopback platform */
  GCancellable    *reach_cancellable;

  PdSyncStatus     status;
  PdSyncProblem    problem;
  gboolean         quiet;      /* a retry that says nothing until it gets through */
  char            *detail;
  guint            pending_count;
  guint            failed_count;
  double           progress;
  guint            received_count;
  gboolean         auto_sync;
  gboolean         cancelled;  /* the last run was cancelled */

  /* the run in progress */
  SyncPhase        phase;
  GCancellable    *cancellable;
  gboolean         again;
  GPtrArray       *ops;
  guint            op_index;
  GPtrArray       *batch;     /* frozen ops being sent, with answers */
  guint            batch_index;
  gint64           assets_op_id;
  gboolean         resynced;
  GPtrArray       *assets_to_send;

  guint            timer_id;
  guint            failures;
  guint            backoff_base_ms;
  guint            backoff_cap_ms;
  guint            probe_interval_ms;
  guint            debounce_ms;
  GHashTable      *uploaded_assets;
  GListStore      *conflicts;
  guint            page_size;
  GHashTable      *seen;      /* kind/id pulled during a full resync */

  PdSyncHookFunc   hook;
  gpointer         hook_data;
};

void     _pd_sync_engine_set_hook     (PdSyncEngine   *self,
                                       PdSyncHookFunc  hook,
                                       gpointer        user_data);
void     _pd_sync_engine_set_timing   (PdSyncEngine   *self,
                                       guint           backoff_base_ms,
                                       guint           backoff_cap_ms,
                                       guint           debounce_ms);
void     _pd_sync_engine_set_page_size (PdSyncEngine *self,
                                        guint         page_size);
void     _pd_sync_engine_hook         (PdSyncEngine   *self,
                                       const char     *moment);

/* pd-sync-engine.c */
void     _pd_sync_engine_phase_done   (PdSyncEngine   *self);
void     _pd_sync_engine_fail         (PdSyncEngine   *self,
                                       const GError   *error);
void     _pd_sync_engine_succeeded    (PdSyncEngine   *self);
void     _pd_sync_engine_update_counts (PdSyncEngine  *self);

/* pd-sync-push.c */
void     _pd_sync_push_begin          (PdSyncEngine   *self);
void     _pd_sync_push_apply_batch    (PdSyncEngine   *self);

/* pd-sync-pull.c */
void     _pd_sync_pull_begin          (PdSyncEngine   *self);

G_END_DECLS
