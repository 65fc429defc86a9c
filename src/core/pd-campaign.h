/* pd-campaign.h: a donation campaign
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pd-campaign-project.h"
#include "pd-campaign-text.h"
#include "pd-page-block.h"
#include "pd-record.h"

G_BEGIN_DECLS

#define PD_TYPE_CAMPAIGN (pd_campaign_get_type ())
G_DECLARE_FINAL_TYPE (PdCampaign, pd_campaign, PD, CAMPAIGN, PdRecord)

/* 1 coin = 0.01 EUR: the value of one coin in millionths of the currency. */
#define PD_DEFAULT_COIN_VALUE_MICROS 10000
#define PD_DEFAULT_CURRENCY          "EUR"
#define PD_DEFAULT_TIME_ZONE         "Europe/Berlin"
#define PD_DEFAULT_LANGUAGE          "de"
/* The platform's limit (data/api/openapi.yaml) */
#define PD_CAMPAIGN_SLUG_MAX         100

/* Properties (all notify): "id" (from PdRecord), "name", "slug", "status"
 * (PdCampaignStatus), "starts-at", "ends-at" (GDateTime, nullable),
 * "time-zone" (IANA name), "currency" (ISO 4217), "coin-value-micros",
 * "voucher-budget-coins" (gint64), "funding-type" (PdFundingType),
 * "theme-id" (nullable), "default-language"; and three list models:
 * projects (PdCampaignProject), page blocks (PdPageBlock) and texts
 * (PdCampaignText, sorted by language). */

/* A new draft with a fresh UUID, EUR, 1 coin = 0.01 EUR, German default. */
PdCampaign       *pd_campaign_new                      (void);
PdCampaign       *pd_campaign_new_with_id              (const char       *id);

const char       *pd_campaign_get_name                 (PdCampaign       *self);
void              pd_campaign_set_name                 (PdCampaign       *self,
                                                        const char       *name);
const char       *pd_campaign_get_slug                 (PdCampaign       *self);
void              pd_campaign_set_slug                 (PdCampaign       *self,
                                                        const char       *slug);
/* The slug (the campaign's part of its donor page's web address) follows
 * the name of a draft until someone chose another one. Once published,
 * vouchers may carry it: a rename leaves it alone. */
gboolean          pd_campaign_get_slug_follows_name    (PdCampaign       *self);
/* (transfer full): @text as a slug, "Weihnachten für alle" →
 * "weihnachten-fur-alle"; at most PD_CAMPAIGN_SLUG_MAX bytes, "" when
 * @text has no letter or digit */
char             *pd_campaign_slugify                  (const char       *text);
PdCampaignStatus  pd_campaign_get_status               (PdCampaign       *self);
void              pd_campaign_set_status               (PdCampaign       *self,
                                                        PdCampaignStatus  status);
/* (transfer none) (nullable) */
GDateTime        *pd_campaign_get_starts_at            (PdCampaign       *self);
void              pd_campaign_set_starts_at            (PdCampaign       *self,
                                                        GDateTime        *starts_at);
GDateTime        *pd_campaign_get_ends_at              (PdCampaign       *self);
void              pd_campaign_set_ends_at              (PdCampaign       *self,
                                                        GDateTime        *ends_at);
const char       *pd_campaign_get_time_zone            (PdCampaign       *self);
void              pd_campaign_set_time_zone            (PdCampaign       *self,
                                                        const char       *time_zone);
const char       *pd_campaign_get_currency             (PdCampaign       *self);
void              pd_campaign_set_currency             (PdCampaign       *self,
                                                        const char       *currency);
gint64            pd_campaign_get_coin_value_micros    (PdCampaign       *self);
void              pd_campaign_set_coin_value_micros    (PdCampaign       *self,
                                                        gint64            micros);
gint64            pd_campaign_get_voucher_budget_coins (PdCampaign       *self);
void              pd_campaign_set_voucher_budget_coins (PdCampaign       *self,
                                                        gint64            coins);
PdFundingType     pd_campaign_get_funding_type         (PdCampaign       *self);
void              pd_campaign_set_funding_type         (PdCampaign       *self,
                                                        PdFundingType     funding_type);
const char       *pd_campaign_get_theme_id             (PdCampaign       *self);
void              pd_campaign_set_theme_id             (PdCampaign       *self,
                                                        const char       *theme_id);
const char       *pd_campaign_get_default_language     (PdCampaign       *self);
void              pd_campaign_set_default_language     (PdCampaign       *self,
                                                        const char       *language);

/**
 * pd_campaign_get_projects:
 *
 * Returns: (transfer none): the participating projects in display order,
 *   a #GListModel of #PdCampaignProject
 */
GListModel       *pd_campaign_get_projects             (PdCampaign       *self);
/* Adds @project_id at @position (G_MAXUINT: at the end); returns the new
 * item (transfer none), or the existing one if it is already there. */
PdCampaignProject *pd_campaign_add_project             (PdCampaign       *self,
                                                        const char       *project_id,
                                                        gint64            target_coins,
                                                        guint             position);
gboolean          pd_campaign_remove_project           (PdCampaign       *self,
                                                        const char       *project_id);
void              pd_campaign_move_project             (PdCampaign       *self,
                                                        guint             from,
                                                        guint             to);
/* (transfer none) (nullable) */
PdCampaignProject *pd_campaign_find_project            (PdCampaign       *self,
                                                        const char       *project_id,
                                                        guint            *position);

/**
 * pd_campaign_get_page_blocks:
 *
 * Returns: (transfer none): the donor page's blocks in display order, a
 *   #GListModel of #PdPageBlock
 */
GListModel       *pd_campaign_get_page_blocks          (PdCampaign       *self);
void              pd_campaign_insert_page_block        (PdCampaign       *self,
                                                        PdPageBlock      *block,
                                                        guint             position);
gboolean          pd_campaign_remove_page_block        (PdCampaign       *self,
                                                        const char       *block_id);
void              pd_campaign_move_page_block          (PdCampaign       *self,
                                                        guint             from,
                                                        guint             to);
/* (transfer none) (nullable) */
PdPageBlock      *pd_campaign_find_page_block          (PdCampaign       *self,
                                                        const char       *block_id,
                                                        guint            *position);

/**
 * pd_campaign_get_texts:
 *
 * Returns: (transfer none): a #GListModel of #PdCampaignText sorted by
 *   language
 */
GListModel       *pd_campaign_get_texts                (PdCampaign       *self);
/* (transfer none) (nullable): the texts in @language, or %NULL */
PdCampaignText   *pd_campaign_get_text                 (PdCampaign       *self,
                                                        const char       *language);
/* (transfer none): the texts in @language, added empty if missing */
PdCampaignText   *pd_campaign_ensure_text              (PdCampaign       *self,
                                                        const char       *language);
gboolean          pd_campaign_remove_text              (PdCampaign       *self,
                                                        const char       *language);

G_END_DECLS
