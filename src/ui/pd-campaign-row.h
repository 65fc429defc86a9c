/* pd-campaign-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pd-campaign.h"

G_BEGIN_DECLS

#define PD_TYPE_CAMPAIGN_ROW (pd_campaign_row_get_type ())
G_DECLARE_FINAL_TYPE (PdCampaignRow, pd_campaign_row, PD, CAMPAIGN_ROW, GtkWidget)

GtkWidget  *pd_campaign_row_new          (void);
PdCampaign *pd_campaign_row_get_campaign (PdCampaignRow *self);
void        pd_campaign_row_set_campaign (PdCampaignRow *self,
                                          PdCampaign    *campaign);

/* "12 Dec – 24 Dec 2026": a campaign's period for lists (transfer full). */
char       *pd_campaign_format_period    (PdCampaign    *campaign);

G_END_DECLS
