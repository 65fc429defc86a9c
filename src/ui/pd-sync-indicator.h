/* pd-sync-indicator.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

typedef enum {
  PD_SYNC_INDICATOR_LOCAL,   /* no account: everything stays on this computer */
  PD_SYNC_INDICATOR_SYNCED,  /* nothing waits to be sent */
  PD_SYNC_INDICATOR_PENDING, /* changes wait to be sent */
  PD_SYNC_INDICATOR_SYNCING, /* sending or receiving now */
  PD_SYNC_INDICATOR_OFFLINE, /* no network; changes wait */
  PD_SYNC_INDICATOR_ERROR,   /* a change was refused or is in conflict */
  PD_SYNC_INDICATOR_UNREACHABLE, /* the platform does not answer; tried again by itself */
  PD_SYNC_INDICATOR_BUSY,    /* the platform asked to wait */
  PD_SYNC_INDICATOR_SIGNED_OUT, /* the platform wants a new sign-in */
} PdSyncIndicatorStatus;

#define PD_TYPE_SYNC_INDICATOR_STATUS (pd_sync_indicator_status_get_type ())
GType pd_sync_indicator_status_get_type (void) G_GNUC_CONST;

#define PD_TYPE_SYNC_INDICATOR (pd_sync_indicator_get_type ())
G_DECLARE_FINAL_TYPE (PdSyncIndicator, pd_sync_indicator, PD, SYNC_INDICATOR, GtkWidget)

/* Properties: "status" (PdSyncIndicatorStatus), "pending-count" (guint),
 * "details" (string, nullable: the technical cause, under "Details" in
 * the popover),
 * "conflict-count" (guint: records waiting for the user's decision). */
PdSyncIndicatorStatus pd_sync_indicator_get_status        (PdSyncIndicator       *self);
guint                 pd_sync_indicator_get_pending_count (PdSyncIndicator       *self);
const char           *pd_sync_indicator_get_details       (PdSyncIndicator       *self);
/* The visible summary, e.g. "3 changes waiting · the platform cannot be
 * reached". */
const char           *pd_sync_indicator_get_summary       (PdSyncIndicator       *self);
void                  pd_sync_indicator_set_state         (PdSyncIndicator       *self,
                                                           PdSyncIndicatorStatus  status,
                                                           guint                  pending_count,
                                                           const char            *details);

guint                 pd_sync_indicator_get_conflict_count (PdSyncIndicator *self);
void                  pd_sync_indicator_set_conflict_count (PdSyncIndicator *self,
                                                            guint            conflict_count);
gboolean              pd_sync_indicator_get_busy          (PdSyncIndicator       *self);
void                  pd_sync_indicator_set_progress      (PdSyncIndicator       *self,
                                                           gboolean               busy,
                                                           double                 progress,
                                                           guint                  received_count);

G_END_DECLS
