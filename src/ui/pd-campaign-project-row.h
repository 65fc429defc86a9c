/* pd-campaign-project-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pd-campaign.h"
#include "pd-project.h"

G_BEGIN_DECLS

#define PD_TYPE_CAMPAIGN_PROJECT_ROW (pd_campaign_project_row_get_type ())
G_DECLARE_FINAL_TYPE (PdCampaignProjectRow, pd_campaign_project_row, PD, CAMPAIGN_PROJECT_ROW, GtkWidget)

/* A project of the campaign with its donation target. Edits activate the
 * actions "projects.set-target" ((sx): id, coins), "projects.move-up",
 * "projects.move-down" and "projects.remove" (s: id). */
GtkWidget         *pd_campaign_project_row_new          (void);
void               pd_campaign_project_row_bind         (PdCampaignProjectRow *self,
                                                         PdCampaignProject    *item,
                                                         PdProject            *project,
                                                         PdCampaign           *campaign,
                                                         guint                 position);
void               pd_campaign_project_row_unbind       (PdCampaignProjectRow *self);
PdCampaignProject *pd_campaign_project_row_get_item     (PdCampaignProjectRow *self);
guint              pd_campaign_project_row_get_position (PdCampaignProjectRow *self);
GtkSpinButton     *pd_campaign_project_row_get_target_spin (PdCampaignProjectRow *self);
/* Sends a target still waiting for its debounce. */
void               pd_campaign_project_row_flush        (PdCampaignProjectRow *self);

G_END_DECLS
