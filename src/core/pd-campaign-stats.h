/* pd-campaign-stats.h: a campaign's results as the platform reports them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define PD_CAMPAIGN_STATS_ERROR (pd_campaign_stats_error_quark ())

typedef enum {
  PD_CAMPAIGN_STATS_ERROR_INVALID,
} PdCampaignStatsError;

typedef struct {
  char   *project_id;
  gint64  coins;
  gint64  target_coins;
} PdCampaignStatsProject;

typedef struct {
  char   *date;         /* "YYYY-MM-DD" */
  gint64  redemptions;
  gint64  coins;
} PdCampaignStatsDay;

typedef struct {
  char   *project_id;
  gint64  amount_micros;
  char   *currency;
} PdCampaignStatsPayout;

#define PD_TYPE_CAMPAIGN_STATS (pd_campaign_stats_get_type ())
G_DECLARE_FINAL_TYPE (PdCampaignStats, pd_campaign_stats, PD, CAMPAIGN_STATS, GObject)

GQuark            pd_campaign_stats_error_quark         (void);

PdCampaignStats  *pd_campaign_stats_new_from_json       (JsonNode         *node,
                                                         GError          **error);
PdCampaignStats  *pd_campaign_stats_new_from_string     (const char       *json,
                                                         GError          **error);
JsonNode         *pd_campaign_stats_to_json             (PdCampaignStats  *self);

gint64            pd_campaign_stats_get_vouchers_issued   (PdCampaignStats *self);
gint64            pd_campaign_stats_get_vouchers_redeemed (PdCampaignStats *self);
gint64            pd_campaign_stats_get_vouchers_expired  (PdCampaignStats *self);
gint64            pd_campaign_stats_get_coins_redeemed    (PdCampaignStats *self);
gint64            pd_campaign_stats_get_unredeemed_coins  (PdCampaignStats *self);
GDateTime        *pd_campaign_stats_get_generated_at      (PdCampaignStats *self);

guint                         pd_campaign_stats_get_n_projects (PdCampaignStats *self);
const PdCampaignStatsProject *pd_campaign_stats_get_project    (PdCampaignStats *self,
                                                                guint            index);
guint                         pd_campaign_stats_get_n_days     (PdCampaignStats *self);
const PdCampaignStatsDay     *pd_campaign_stats_get_day        (PdCampaignStats *self,
                                                                guint            index);
guint                         pd_campaign_stats_get_n_payouts  (PdCampaignStats *self);
const PdCampaignStatsPayout  *pd_campaign_stats_get_payout     (PdCampaignStats *self,
                                                                guint            index);

G_END_DECLS
