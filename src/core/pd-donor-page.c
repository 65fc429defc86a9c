/* pd-donor-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-donor-page"

#include "config.h"

#include "pd-donor-page.h"
#include "pd-percent-format.h"

const char * const pd_donor_page_languages[] = { "de", "en", "nl", NULL };

/* Donor-facing wording in each page language: de, en, nl. */
static const char * const donor_strings[PD_DONOR_N_STRINGS][3] = {
  [PD_DONOR_STRING_HERO_SUBTITLE] = {
    "Lösen Sie Ihren Gutschein ein und entscheiden Sie, wohin das Geld geht.",
    "Redeem your voucher and decide where the money goes.",
    "Wissel uw voucher in en bepaal zelf waar het geld naartoe gaat." },
  [PD_DONOR_STRING_INTRO_HEADING] = { "Über diese Aktion", "About this campaign", "Over deze actie" },
  [PD_DONOR_STRING_REDEEM_HEADING] = { "Gutschein einlösen", "Redeem your voucher", "Voucher inwisselen" },
  [PD_DONOR_STRING_REDEEM_HINT] = {
    "Geben Sie den Code von Ihrem Gutschein ein.",
    "Enter the code printed on your voucher.",
    "Voer de code van uw voucher in." },
  [PD_DONOR_STRING_REDEEM_BUTTON] = { "Einlösen", "Redeem", "Inwisselen" },
  [PD_DONOR_STRING_PROJECTS_HEADING] = { "Wählen Sie Ihre Projekte", "Choose your projects", "Kies uw projecten" },
  [PD_DONOR_STRING_PROGRESS_HEADING] = { "Gemeinsam bisher erreicht", "Together so far", "Samen tot nu toe" },
  [PD_DONOR_STRING_FAQ_HEADING] = { "Häufige Fragen", "Frequently asked questions", "Veelgestelde vragen" },
  [PD_DONOR_STRING_PARTNERS_HEADING] = { "Unsere Partner", "Our partners", "Onze partners" },
  [PD_DONOR_STRING_FOOTER_TEXT] = {
    "100 % Ihrer Spende gehen an die Projekte.",
    "100 % of your donation goes to the projects.",
    "100 % van uw donatie gaat naar de projecten." },
  [PD_DONOR_STRING_FOOTER_LINK] = { "Impressum und Datenschutz", "Imprint and privacy", "Colofon en privacy" },
  [PD_DONOR_STRING_COINS] = { "Coins", "coins", "coins" },
  [PD_DONOR_STRING_OF] = { "%s von %s", "%s of %s", "%s van %s" },
  [PD_DONOR_STRING_REACHED] = { "%s erreicht", "%s reached", "%s bereikt" },
  /* A no-break space: the number and its percent sign stay on one line. */
  [PD_DONOR_STRING_PERCENT] = { "%s\u00a0%%", "%s\u00a0%%", "%s\u00a0%%" },
  [PD_DONOR_STRING_BELOW_ONE_PERCENT] = { "<1\u00a0%", "<1\u00a0%", "<1\u00a0%" },
  [PD_DONOR_STRING_DONATE] = { "Spenden", "Donate", "Doneren" },
  [PD_DONOR_STRING_NO_PROJECTS] = {
    "Die Projekte werden bald vorgestellt.",
    "The projects will be presented soon.",
    "De projecten worden binnenkort voorgesteld." },
  [PD_DONOR_STRING_NO_FAQ] = {
    "Fragen beantworten wir gern per E-Mail.",
    "We are happy to answer questions by email.",
    "Vragen beantwoorden we graag per e-mail." },
  [PD_DONOR_STRING_PROJECTS_COUNT] = { "%d Projekte", "%d projects", "%d projecten" },
  [PD_DONOR_STRING_IMAGE_MISSING] = { "Bild", "Image", "Afbeelding" },
};

static guint
language_index (const char *language)
{
  for (guint i = 0; pd_donor_page_languages[i] != NULL; i++)
    if (g_strcmp0 (language, pd_donor_page_languages[i]) == 0)
      return i;
  return 1; /* English for anything else */
}

const char *
pd_donor_page_string (PdDonorString  id,
                      const char    *language)
{
  g_return_val_if_fail (id < PD_DONOR_N_STRINGS, "");

  return donor_strings[id][language_index (language)];
}

void
pd_donor_palette_init (PdDonorPalette *palette,
                       PdTheme        *theme,
                       gboolean        dark)
{
  static const PdColour white = { 255, 255, 255 };
  static const PdColour black = { 0, 0, 0 };
  PdColour primary, accent, background, text;

  g_return_if_fail (palette != NULL);
  g_return_if_fail (theme == NULL || PD_IS_THEME (theme));

  primary = pd_colour_parse_or (theme ? pd_theme_get_primary_color (theme) : NULL, "#1a5fb4");
  accent = pd_colour_parse_or (theme ? pd_theme_get_accent_color (theme) : NULL, "#e66100");
  background = pd_colour_parse_or (theme ? pd_theme_get_background_color (theme) : NULL, "#ffffff");
  text = pd_colour_parse_or (theme ? pd_theme_get_text_color (theme) : NULL, "#241f31");

  if (!dark)
    {
      palette->background = background;
      palette->text = text;
      palette->primary = primary;
      /* Buttons carry the page background as their label colour. */
      palette->on_primary = background;
    }
  else
    {
      /* A dark page tinted with the brand colour; brand colours lifted
       * until they read on it. */
      PdColour base = { 0x16, 0x16, 0x1a };

      palette->background = pd_colour_mix (&base, &primary, 0.06);
      palette->text = pd_colour_mix (&white, &text, 0.08);
      palette->primary = pd_colour_ensure_contrast (&primary, &palette->background, 3.0);
      palette->on_primary = pd_colour_contrast_ratio (&palette->primary, &white) >= PD_CONTRAST_MIN_TEXT
                            ? white : palette->background;
      accent = pd_colour_ensure_contrast (&accent, &palette->background, 3.0);
    }

  palette->accent = accent;
  palette->on_accent = pd_colour_contrast_ratio (&accent, &white) >= pd_colour_contrast_ratio (&accent, &black)
                       ? white : black;
  palette->surface = pd_colour_mix (&palette->background, &palette->primary, dark ? 0.10 : 0.05);
  palette->muted = pd_colour_mix (&palette->text, &palette->background, 0.30);
  palette->border = pd_colour_mix (&palette->background, &palette->text, dark ? 0.20 : 0.12);
  palette->track = pd_colour_mix (&palette->background, &palette->primary, dark ? 0.25 : 0.15);
}

static void
donor_project_free (gpointer data)
{
  PdDonorProject *project = data;

  g_free (project->project_id);
  g_free (project->title);
  g_free (project->organisation);
  g_free (project->description);
  g_free (project->location);
  g_free (project->website);
  g_free (project->image_sha256);
  g_free (project);
}

/* Font names go into CSS, so keep only what a family name needs. */
static char *
sanitise_font_family (const char *family)
{
  GString *out = g_string_new (NULL);

  for (const char *p = family ? family : ""; *p != '\0'; p++)
    if (g_ascii_isalnum (*p) || *p == ' ' || *p == '-')
      g_string_append_c (out, *p);

  g_strstrip (out->str);
  out->len = strlen (out->str);
  if (out->len == 0)
    g_string_assign (out, "Cantarell");
  return g_string_free (out, FALSE);
}

static const char *
nonempty (const char *a,
          const char *b)
{
  return a != NULL && *a != '\0' ? a : b;
}

PdDonorPage *
pd_donor_page_new (PdCampaign *campaign,
                   PdTheme    *theme,
                   const char *language,
                   gboolean    dark)
{
  PdDonorPage *self;
  PdCampaignText *text, *fallback;
  GListModel *faq;

  g_return_val_if_fail (PD_IS_CAMPAIGN (campaign), NULL);
  g_return_val_if_fail (theme == NULL || PD_IS_THEME (theme), NULL);

  self = g_new0 (PdDonorPage, 1);
  self->campaign = g_object_ref (campaign);
  self->language = g_strdup (pd_donor_page_languages[language_index (language)]);
  self->dark = dark;
  pd_donor_palette_init (&self->palette, theme, dark);
  self->font_family = sanitise_font_family (theme ? pd_theme_get_font_family (theme) : NULL);
  self->corner_radius = theme ? CLAMP (pd_theme_get_corner_radius (theme), 0, PD_THEME_CORNER_RADIUS_MAX) : 12;
  if (theme != NULL)
    {
      self->logo_sha256 = g_strdup (pd_theme_get_logo_sha256 (theme));
      self->hero_sha256 = g_strdup (pd_theme_get_hero_sha256 (theme));
    }

  text = pd_campaign_get_text (campaign, self->language);
  fallback = pd_campaign_get_text (campaign, pd_campaign_get_default_language (campaign));
  self->title = g_strdup (nonempty (text ? pd_campaign_text_get_title (text) : NULL,
                                    nonempty (fallback ? pd_campaign_text_get_title (fallback) : NULL,
                                              nonempty (pd_campaign_get_name (campaign), "—"))));
  self->intro = g_strdup (nonempty (text ? pd_campaign_text_get_intro (text) : NULL,
                                    fallback ? pd_campaign_text_get_intro (fallback) : ""));
  self->thank_you = g_strdup (nonempty (text ? pd_campaign_text_get_thank_you (text) : NULL,
                                        fallback ? pd_campaign_text_get_thank_you (fallback) : ""));

  self->faq = g_ptr_array_new_with_free_func (g_object_unref);
  faq = text != NULL ? pd_campaign_text_get_faq (text) : NULL;
  if ((faq == NULL || g_list_model_get_n_items (faq) == 0) && fallback != NULL)
    faq = pd_campaign_text_get_faq (fallback);
  for (guint i = 0; faq != NULL && i < g_list_model_get_n_items (faq); i++)
    g_ptr_array_add (self->faq, g_list_model_get_item (faq, i));

  self->projects = g_ptr_array_new_with_free_func (donor_project_free);
  return self;
}

void
pd_donor_page_free (PdDonorPage *self)
{
  if (self == NULL)
    return;

  g_clear_object (&self->campaign);
  g_free (self->language);
  g_free (self->font_family);
  g_free (self->logo_sha256);
  g_free (self->hero_sha256);
  g_free (self->title);
  g_free (self->intro);
  g_free (self->thank_you);
  g_ptr_array_unref (self->faq);
  g_ptr_array_unref (self->projects);
  g_free (self);
}

void
pd_donor_page_add_project (PdDonorPage *self,
                           const char  *project_id,
                           PdProject   *project,
                           gint64       target_coins,
                           gint64       raised_coins)
{
  PdDonorProject *item;

  g_return_if_fail (self != NULL);
  g_return_if_fail (project_id != NULL);
  g_return_if_fail (project == NULL || PD_IS_PROJECT (project));

  item = g_new0 (PdDonorProject, 1);
  item->project_id = g_strdup (project_id);
  item->title = g_strdup (project ? nonempty (pd_project_get_title (project), project_id) : project_id);
  item->organisation = g_strdup (project ? pd_project_get_organisation (project) : "");
  item->description = g_strdup (project ? pd_project_get_description (project) : "");
  item->location = g_strdup (project ? pd_project_get_location (project) : "");
  if (project != NULL && pd_donor_page_url_is_safe (pd_project_get_website (project)))
    item->website = g_strdup (pd_project_get_website (project));
  item->image_sha256 = g_strdup (project ? pd_project_get_image_sha256 (project) : NULL);
  item->target_coins = MAX (target_coins, 0);
  item->raised_coins = MAX (raised_coins, 0);
  g_ptr_array_add (self->projects, item);

  /* Saturated: what a platform sends may add up past 2^63. */
  if (__builtin_add_overflow (self->target_coins, item->target_coins, &self->target_coins))
    self->target_coins = G_MAXINT64;
  if (__builtin_add_overflow (self->raised_coins, item->raised_coins, &self->raised_coins))
    self->raised_coins = G_MAXINT64;
}

char *
pd_donor_page_language_key (const char *key,
                            const char *language)
{
  g_return_val_if_fail (key != NULL, NULL);

  return g_strdup_printf ("%s_%s", key, pd_donor_page_languages[language_index (language)]);
}

const char *
pd_donor_page_block_text (PdDonorPage *self,
                          PdPageBlock *block,
                          const char  *key,
                          const char  *fallback)
{
  g_autofree char *language_key = NULL;

  g_return_val_if_fail (self != NULL, fallback);
  g_return_val_if_fail (PD_IS_PAGE_BLOCK (block), fallback);

  language_key = pd_donor_page_language_key (key, self->language);
  return nonempty (pd_page_block_get_string (block, language_key, NULL), fallback);
}

const char *
pd_donor_page_block_heading (PdDonorPage *self,
                             PdPageBlock *block)
{
  PdDonorString id;

  g_return_val_if_fail (self != NULL, "");
  g_return_val_if_fail (PD_IS_PAGE_BLOCK (block), "");

  switch (pd_page_block_get_block_type (block))
    {
    case PD_PAGE_BLOCK_HERO:
      return pd_donor_page_block_text (self, block, "heading", self->title);
    case PD_PAGE_BLOCK_INTRO: id = PD_DONOR_STRING_INTRO_HEADING; break;
    case PD_PAGE_BLOCK_REDEEM_FORM: id = PD_DONOR_STRING_REDEEM_HEADING; break;
    case PD_PAGE_BLOCK_PROJECT_GRID: id = PD_DONOR_STRING_PROJECTS_HEADING; break;
    case PD_PAGE_BLOCK_PROGRESS: id = PD_DONOR_STRING_PROGRESS_HEADING; break;
    case PD_PAGE_BLOCK_FAQ: id = PD_DONOR_STRING_FAQ_HEADING; break;
    case PD_PAGE_BLOCK_PARTNER_LOGOS: id = PD_DONOR_STRING_PARTNERS_HEADING; break;
    case PD_PAGE_BLOCK_FOOTER:
    case PD_PAGE_BLOCK_TEXT:
    case PD_PAGE_BLOCK_IMAGE:
      return pd_donor_page_block_text (self, block, "heading", "");
    default:
      return "";
    }

  return pd_donor_page_block_text (self, block, "heading", pd_donor_page_string (id, self->language));
}

int
pd_donor_page_grid_columns (PdPageBlock *block,
                            int          width)
{
  int columns;

  g_return_val_if_fail (PD_IS_PAGE_BLOCK (block), 1);

  columns = (int) CLAMP (pd_page_block_get_int (block, "columns", 3), 1, 4);
  /* The same breakpoints as the media queries of the HTML page. */
  if (width < 600)
    return 1;
  if (width < 900)
    return MIN (columns, 2);
  return columns;
}

char *
pd_donor_page_format_number (gint64      value,
                             const char *language)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GUINT64_FORMAT, (guint64) ABS (value));
  const char *separator = g_strcmp0 (pd_donor_page_languages[language_index (language)], "en") == 0 ? "," : ".";
  GString *out = g_string_new (value < 0 ? "-" : "");
  gsize len = strlen (digits);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append (out, separator);
      g_string_append_c (out, digits[i]);
    }
  return g_string_free (out, FALSE);
}

char *
pd_donor_page_format_progress (PdDonorPage *self,
                               gint64       raised,
                               gint64       target)
{
  g_autofree char *raised_text = NULL;
  g_autofree char *target_text = NULL;
  g_autofree char *of = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  raised_text = pd_donor_page_format_number (raised, self->language);
  target_text = pd_donor_page_format_number (target, self->language);
  /* The format comes from the table above, never from data. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  of = g_strdup_printf (pd_donor_page_string (PD_DONOR_STRING_OF, self->language), raised_text, target_text);
#pragma GCC diagnostic pop
  return g_strdup_printf ("%s %s", of, pd_donor_page_string (PD_DONOR_STRING_COINS, self->language));
}

int
pd_donor_page_percent (gint64 raised,
                       gint64 target)
{
  return pd_percent_format_bar (raised, target);
}

char *
pd_donor_page_format_percent (PdDonorPage *self,
                              gint64       raised,
                              gint64       target)
{
  g_autofree char *number = NULL;
  char *text;

  g_return_val_if_fail (self != NULL, NULL);

  if (pd_percent_format_below_one (raised, target))
    return g_strdup (pd_donor_page_string (PD_DONOR_STRING_BELOW_ONE_PERCENT, self->language));

  number = pd_donor_page_format_number (pd_percent_format_whole (raised, target), self->language);
  /* The format comes from the table above, never from data. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  text = g_strdup_printf (pd_donor_page_string (PD_DONOR_STRING_PERCENT, self->language), number);
#pragma GCC diagnostic pop
  return text;
}

gboolean
pd_donor_page_url_is_safe (const char *url)
{
  g_autofree char *scheme = NULL;

  if (url == NULL || *url == '\0')
    return FALSE;

  /* Browsers ignore leading blanks and control characters in a scheme, so
   * "java\tscript:" must not slip through: refuse any such URL. */
  for (const char *p = url; *p != '\0'; p++)
    if ((guchar) *p <= 0x20 || *p == 0x7f || *p == '"' || *p == '\'' || *p == '<' || *p == '>' || *p == '\\')
      return FALSE;

  scheme = g_uri_parse_scheme (url);
  if (scheme == NULL)
    return FALSE;

  return g_ascii_strcasecmp (scheme, "https") == 0
      || g_ascii_strcasecmp (scheme, "http") == 0
      || g_ascii_strcasecmp (scheme, "mailto") == 0;
}

char *
pd_donor_page_font_stack (const char *family)
{
  g_autofree char *clean = sanitise_font_family (family);
  gboolean serif = strstr (clean, "Serif") != NULL || g_str_equal (clean, "Georgia")
                   || g_str_equal (clean, "Merriweather");

  return g_strdup_printf ("\"%s\", %s", clean, serif ? "\"Noto Serif\", Georgia, serif"
                                                     : "Cantarell, \"Noto Sans\", Arial, sans-serif");
}
