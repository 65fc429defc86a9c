/* pd-campaign-private.h: shared by pd-campaign.c and pd-campaign-json.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pd-campaign.h"

G_BEGIN_DECLS

struct _PdCampaign
{
  PdRecord          parent_instance;

  char             *name;
  char             *slug;
  PdCampaignStatus  status;
  GDateTime        *starts_at;
  GDateTime        *ends_at;
  char             *time_zone;
  char             *currency;
  gint64            coin_value_micros;
  gint64            voucher_budget_coins;
  PdFundingType     funding_type;
  char             *theme_id;
  char             *default_language;
  GListStore       *projects;    /* PdCampaignProject */
  GListStore       *page_blocks; /* PdPageBlock */
  GListStore       *texts;       /* PdCampaignText, sorted by language */
};

void      _pd_campaign_to_json   (PdRecord    *record,
                                  JsonObject  *object);
gboolean  _pd_campaign_load_json (PdRecord    *record,
                                  JsonObject  *object,
                                  GError     **error);
gboolean  _pd_campaign_validate  (PdRecord    *record,
                                  GError     **error);

G_END_DECLS
