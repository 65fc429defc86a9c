/* pd-donor-page.h: what a campaign's donor page shows, resolved for one
 * language and colour scheme
 *
 * Both the in-app preview and the exported HTML page render from this, so
 * they show the same texts, numbers and colours.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pd-campaign.h"
#include "pd-colour.h"
#include "pd-project.h"
#include "pd-theme.h"

G_BEGIN_DECLS

/* The donor page's own wording, in the donor's language (de, en, nl); not
 * the app's translation, since a German user may preview the Dutch page. */
typedef enum {
  PD_DONOR_STRING_HERO_SUBTITLE,
  PD_DONOR_STRING_INTRO_HEADING,
  PD_DONOR_STRING_REDEEM_HEADING,
  PD_DONOR_STRING_REDEEM_HINT,
  PD_DONOR_STRING_REDEEM_BUTTON,
  PD_DONOR_STRING_PROJECTS_HEADING,
  PD_DONOR_STRING_PROGRESS_HEADING,
  PD_DONOR_STRING_FAQ_HEADING,
  PD_DONOR_STRING_PARTNERS_HEADING,
  PD_DONOR_STRING_FOOTER_TEXT,
  PD_DONOR_STRING_FOOTER_LINK,
  PD_DONOR_STRING_COINS,
  PD_DONOR_STRING_OF,             /* "%s of %s" */
  PD_DONOR_STRING_REACHED,        /* "%s reached", %s a share */
  PD_DONOR_STRING_PERCENT,        /* "%s %%" */
  PD_DONOR_STRING_BELOW_ONE_PERCENT, /* "<1 %" */
  PD_DONOR_STRING_DONATE,
  PD_DONOR_STRING_NO_PROJECTS,
  PD_DONOR_STRING_NO_FAQ,
  PD_DONOR_STRING_PROJECTS_COUNT, /* "%d projects" */
  PD_DONOR_STRING_IMAGE_MISSING,
  PD_DONOR_N_STRINGS
} PdDonorString;

/* The languages a donor page comes in. */
extern const char * const pd_donor_page_languages[];

const char *pd_donor_page_string        (PdDonorString  id,
                                         const char    *language);

/* The page's colours, derived from a theme for light or dark. */
typedef struct {
  PdColour background;
  PdColour surface;      /* cards and bands */
  PdColour text;
  PdColour muted;        /* secondary text */
  PdColour primary;
  PdColour on_primary;   /* button text on primary */
  PdColour accent;
  PdColour on_accent;
  PdColour border;
  PdColour track;        /* the unfilled part of a progress bar */
} PdDonorPalette;

void        pd_donor_palette_init       (PdDonorPalette *palette,
                                         PdTheme        *theme,
                                         gboolean        dark);

typedef struct {
  char   *project_id;
  char   *title;
  char   *organisation;
  char   *description;
  char   *location;
  char   *website;       /* nullable */
  char   *image_sha256;  /* nullable */
  gint64  target_coins;
  gint64  raised_coins;
} PdDonorProject;

typedef struct _PdDonorPage PdDonorPage;

struct _PdDonorPage {
  PdCampaign     *campaign;
  char           *language;
  gboolean        dark;
  PdDonorPalette  palette;
  char           *font_family;   /* only letters, digits, blanks, hyphens */
  int             corner_radius;
  char           *logo_sha256;   /* nullable */
  char           *hero_sha256;   /* nullable */
  char           *title;         /* never empty: falls back to the name */
  char           *intro;
  char           *thank_you;
  GPtrArray      *faq;           /* PdFaqEntry */
  GPtrArray      *projects;      /* PdDonorProject */
  gint64          raised_coins;
  gint64          target_coins;
};

/**
 * pd_donor_page_new:
 * @theme: (nullable): the campaign's theme; %NULL for the default look
 * @language: "de", "en" or "nl"; texts missing in it come from the
 *   campaign's default language
 *
 * Returns: (transfer full): the page without projects; add them with
 *   pd_donor_page_add_project()
 */
PdDonorPage *pd_donor_page_new           (PdCampaign     *campaign,
                                          PdTheme        *theme,
                                          const char     *language,
                                          gboolean        dark);
void         pd_donor_page_free          (PdDonorPage    *self);
/* @project: (nullable): the project record, if the store has it */
void         pd_donor_page_add_project   (PdDonorPage    *self,
                                          const char     *project_id,
                                          PdProject      *project,
                                          gint64          target_coins,
                                          gint64          raised_coins);

/* The block settings that differ per language are stored as
 * "<key>_<language>", e.g. "heading_nl". (transfer full) */
char        *pd_donor_page_language_key  (const char     *key,
                                          const char     *language);
/* The heading @block shows: its own in the page's language, else the
 * default for its type. (transfer none) */
const char  *pd_donor_page_block_heading (PdDonorPage    *self,
                                          PdPageBlock    *block);
/* A per-language text setting of @block, or @fallback. (transfer none) */
const char  *pd_donor_page_block_text    (PdDonorPage    *self,
                                          PdPageBlock    *block,
                                          const char     *key,
                                          const char     *fallback);
/* How many columns the project grid has at @width pixels. */
int          pd_donor_page_grid_columns  (PdPageBlock    *block,
                                          int             width);

/* (transfer full): "1.234" (de, nl) or "1,234" (en) */
char        *pd_donor_page_format_number (gint64          value,
                                          const char     *language);
/* (transfer full): "1.234 von 5.000 Coins" */
char        *pd_donor_page_format_progress (PdDonorPage  *self,
                                            gint64        raised,
                                            gint64        target);
/* How full a progress bar is, 0–100, rounded down; 0 when there is no
 * target. Use pd_donor_page_format_percent() for the words. */
int          pd_donor_page_percent       (gint64          raised,
                                          gint64          target);
/* (transfer full): the share reached in the page's language: "14 %", "<1 %"
 * for a few coins of a large target, "99 %" just short of it, "120 %" */
char        *pd_donor_page_format_percent (PdDonorPage   *self,
                                           gint64         raised,
                                           gint64         target);

/* Whether a link to @url may appear on the page: only http, https and
 * mailto; never javascript:, data: or anything else. */
gboolean     pd_donor_page_url_is_safe   (const char     *url);
/* (transfer full): a CSS font-family list for @family with safe fallbacks */
char        *pd_donor_page_font_stack    (const char     *family);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdDonorPage, pd_donor_page_free)

G_END_DECLS
