/* pd-sync-conflict-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pd-sync-conflict.h"

G_BEGIN_DECLS

gboolean _pd_sync_conflict_equal (PdSyncConflict *a,
                                  PdSyncConflict *b);

G_END_DECLS
