/* pd-sync-engine.h: keeps one account's workspace and the platform in step
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pd-account.h"
#include "pd-sync-conflict.h"

G_BEGIN_DECLS

typedef enum {
  PD_SYNC_STATUS_SYNCED,     /* nothing waits to be sent */
  PD_SYNC_STATUS_PENDING,    /* changes wait (see pending-count) */
  PD_SYNC_STATUS_SYNCING,    /* a sync is running */
  PD_SYNC_STATUS_OFFLINE,    /* no network; changes are kept */
  PD_SYNC_STATUS_SIGNED_OUT, /* the platform wants a new sign-in */
  PD_SYNC_STATUS_ERROR,      /* see status-detail; retried by itself */
} PdSyncStatus;

#define PD_TYPE_SYNC_STATUS (pd_sync_status_get_type ())
GType pd_sync_status_get_type (void) G_GNUC_CONST;

/* Why the last run failed, in words a person can be told. */
typedef enum {
  PD_SYNC_PROBLEM_NONE,        /* the last run went through */
  PD_SYNC_PROBLEM_UNREACHABLE, /* no answer, or the platform failed (5xx) */
  PD_SYNC_PROBLEM_BUSY,        /* the platform asked to wait (429, Retry-After) */
  PD_SYNC_PROBLEM_OTHER,       /* anything else; see status-detail */
} PdSyncProblem;

#define PD_TYPE_SYNC_PROBLEM (pd_sync_problem_get_type ())
GType pd_sync_problem_get_type (void) G_GNUC_CONST;

#define PD_TYPE_SYNC_ENGINE (pd_sync_engine_get_type ())
G_DECLARE_FINAL_TYPE (PdSyncEngine, pd_sync_engine, PD, SYNC_ENGINE, GObject)

PdSyncEngine *pd_sync_engine_new               (PdAccount        *account,
                                                GError          **error);
PdAccount    *pd_sync_engine_get_account       (PdSyncEngine     *self);
PdSyncStatus  pd_sync_engine_get_status        (PdSyncEngine     *self);
const char   *pd_sync_engine_get_status_detail (PdSyncEngine     *self);
char         *pd_sync_engine_dup_status_text   (PdSyncEngine     *self);
PdSyncProblem pd_sync_engine_get_problem       (PdSyncEngine     *self);
guint         pd_sync_engine_get_probe_interval (PdSyncEngine    *self);
void          pd_sync_engine_set_probe_interval (PdSyncEngine    *self,
                                                guint             probe_interval_ms);
guint         pd_sync_engine_get_pending_count (PdSyncEngine     *self);
guint         pd_sync_engine_get_failed_count  (PdSyncEngine     *self);
GPtrArray    *pd_sync_engine_list_failed       (PdSyncEngine     *self);
gboolean      pd_sync_engine_get_busy          (PdSyncEngine     *self);
double        pd_sync_engine_get_progress      (PdSyncEngine     *self);
guint         pd_sync_engine_get_received_count (PdSyncEngine    *self);
gboolean      pd_sync_engine_get_auto_sync     (PdSyncEngine     *self);
void          pd_sync_engine_set_auto_sync     (PdSyncEngine     *self,
                                                gboolean          auto_sync);
GNetworkMonitor *pd_sync_engine_get_network_monitor (PdSyncEngine  *self);
void          pd_sync_engine_set_network_monitor (PdSyncEngine   *self,
                                                GNetworkMonitor  *monitor);

void          pd_sync_engine_sync_now          (PdSyncEngine     *self);
void          pd_sync_engine_queue_sync        (PdSyncEngine     *self);
void          pd_sync_engine_cancel            (PdSyncEngine     *self);
void          pd_sync_engine_refresh           (PdSyncEngine     *self);

GListModel   *pd_sync_engine_get_conflicts     (PdSyncEngine     *self);
gboolean      pd_sync_engine_resolve_conflict  (PdSyncEngine     *self,
                                                PdSyncConflict   *conflict,
                                                GError          **error);

G_END_DECLS
