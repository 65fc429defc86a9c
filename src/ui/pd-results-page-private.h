/* pd-results-page-private.h: what the tests reach into
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pd-campaign-stats.h"
#include "pd-results-page.h"

G_BEGIN_DECLS

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
