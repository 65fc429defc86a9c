/* pd-preflight.h: the checks a campaign must pass before it is published
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pd-campaign.h"
#include "pd-preflight-item.h"

G_BEGIN_DECLS

GListModel *pd_preflight_run        (PdCampaign  *campaign,
                                     GListModel  *voucher_batches,
                                     GListModel  *projects,
                                     guint        redemption_percent,
                                     GDateTime   *now);
gboolean    pd_preflight_has_errors (GListModel  *items);
guint       pd_preflight_count      (GListModel          *items,
                                     PdPreflightSeverity  severity);

G_END_DECLS
