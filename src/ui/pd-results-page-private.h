/* pd-results-page-private.h: shared by the page's files and its tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pd-campaign-stats.h"
#include "pd-results-chart.h"
#include "pd-results-page.h"

G_BEGIN_DECLS

struct _PdResultsPage
{
  AdwBin           parent_instance;

  PdStore         *store;
  PdCampaign      *campaign;
  PdCampaignStats *stats;
  GCancellable    *cancellable;
  GtkFileChooserNative *chooser;

  AdwToastOverlay *toast_overlay;
  GtkLabel        *updated_label;
  GtkMenuButton   *export_button;
  GtkSpinner      *spinner;
  GtkStack        *stack;
  AdwStatusPage   *empty_page;
  GtkFlowBox      *numbers_box;
  GtkListBox      *projects_list;
  PdResultsChart  *chart;
  GtkListBox      *payouts_list;
};

/* (transfer full): the project's title from the workspace */
char            *_pd_results_page_dup_project_title (PdResultsPage *self,
                                                     const char    *project_id);
/* The "results.export" action, in pd-results-page-export.c */
void             _pd_results_page_export_action  (GtkWidget      *widget,
                                                  const char     *action_name,
                                                  GVariant       *parameter);

/* (transfer full): where the page caches @campaign_id's stats */
char            *_pd_results_page_dup_cache_path (PdStore        *store,
                                                  const char     *campaign_id);
/* (transfer none) (nullable): the stats shown */
PdCampaignStats *_pd_results_page_get_stats      (PdResultsPage  *self);
void             _pd_results_page_export_to_file (PdResultsPage  *self,
                                                  GFile          *file,
                                                  const char     *format);
gboolean         _pd_results_page_get_busy       (PdResultsPage  *self);

G_END_DECLS
