/* pd-results-chart.h: a campaign's redemptions per day as a bar chart
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pd-campaign-stats.h"

G_BEGIN_DECLS

#define PD_TYPE_RESULTS_CHART (pd_results_chart_get_type ())
G_DECLARE_FINAL_TYPE (PdResultsChart, pd_results_chart, PD, RESULTS_CHART, GtkWidget)

GtkWidget *pd_results_chart_new       (void);
/* @stats: (nullable); the chart keeps a reference */
void       pd_results_chart_set_stats (PdResultsChart  *self,
                                       PdCampaignStats *stats);
/* (transfer full): the figures in words, as screen readers get them */
char      *pd_results_chart_dup_text  (PdResultsChart  *self);

G_END_DECLS
