/* pd-stats-cache.h: the campaigns' last known results, kept on disk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pd-campaign-stats.h"

G_BEGIN_DECLS

#define PD_TYPE_STATS_CACHE (pd_stats_cache_get_type ())
G_DECLARE_FINAL_TYPE (PdStatsCache, pd_stats_cache, PD, STATS_CACHE, GObject)

/* Property: "dir" (construct-only). Signal: "stats-changed" (const char
 * *campaign_id), emitted after save(). */
PdStatsCache    *pd_stats_cache_new         (const char      *dir);
const char      *pd_stats_cache_get_dir     (PdStatsCache    *self);
char            *pd_stats_cache_dup_path    (PdStatsCache    *self,
                                             const char      *campaign_id);
PdCampaignStats *pd_stats_cache_lookup      (PdStatsCache    *self,
                                             const char      *campaign_id);
gboolean         pd_stats_cache_save        (PdStatsCache    *self,
                                             const char      *campaign_id,
                                             PdCampaignStats *stats,
                                             GError         **error);

G_END_DECLS
