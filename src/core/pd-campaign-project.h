/* pd-campaign-project.h: one project taking part in a campaign, with the
 * campaign's own donation target for it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PD_TYPE_CAMPAIGN_PROJECT (pd_campaign_project_get_type ())
G_DECLARE_FINAL_TYPE (PdCampaignProject, pd_campaign_project, PD, CAMPAIGN_PROJECT, GObject)

/* Properties: "project-id" (string), "target-coins" (gint64, ≥ 0). */
PdCampaignProject *pd_campaign_project_new              (const char        *project_id,
                                                         gint64             target_coins);
const char        *pd_campaign_project_get_project_id   (PdCampaignProject *self);
gint64             pd_campaign_project_get_target_coins (PdCampaignProject *self);
void               pd_campaign_project_set_target_coins (PdCampaignProject *self,
                                                         gint64             target_coins);

G_END_DECLS
