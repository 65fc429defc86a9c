/* pd-campaign-text.h: a campaign's texts in one language
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pd-faq-entry.h"

G_BEGIN_DECLS

#define PD_TYPE_CAMPAIGN_TEXT (pd_campaign_text_get_type ())
G_DECLARE_FINAL_TYPE (PdCampaignText, pd_campaign_text, PD, CAMPAIGN_TEXT, GObject)

/* Properties: "language" (construct-only, e.g. "de"), "title", "intro",
 * "thank-you" (strings, never NULL), "faq" (GListModel of PdFaqEntry). */
PdCampaignText *pd_campaign_text_new           (const char     *language);
const char     *pd_campaign_text_get_language  (PdCampaignText *self);
const char     *pd_campaign_text_get_title     (PdCampaignText *self);
void            pd_campaign_text_set_title     (PdCampaignText *self,
                                                const char     *title);
const char     *pd_campaign_text_get_intro     (PdCampaignText *self);
void            pd_campaign_text_set_intro     (PdCampaignText *self,
                                                const char     *intro);
const char     *pd_campaign_text_get_thank_you (PdCampaignText *self);
void            pd_campaign_text_set_thank_you (PdCampaignText *self,
                                                const char     *thank_you);

/**
 * pd_campaign_text_get_faq:
 *
 * Returns: (transfer none): the FAQ entries in display order, a
 *   #GListModel of #PdFaqEntry
 */
GListModel     *pd_campaign_text_get_faq       (PdCampaignText *self);
void            pd_campaign_text_append_faq    (PdCampaignText *self,
                                                PdFaqEntry     *entry);
void            pd_campaign_text_remove_faq    (PdCampaignText *self,
                                                guint           position);
void            pd_campaign_text_move_faq      (PdCampaignText *self,
                                                guint           from,
                                                guint           to);

G_END_DECLS
