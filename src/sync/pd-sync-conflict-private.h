/* pd-sync-conflict-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pd-sync-conflict.h"

G_BEGIN_DECLS

gboolean _pd_sync_conflict_equal         (PdSyncConflict *a,
                                          PdSyncConflict *b);
void     _pd_sync_conflict_carry_choices (PdSyncConflict *self,
                                          PdSyncConflict *old);

G_END_DECLS
