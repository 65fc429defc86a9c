/* pd-demo-data.c
 *
 * Sample records that look like a real client's workspace: German, Dutch
 * and English projects of the kinds that charity platforms list, combined
 * from word lists so that any number of them can be made, and two
 * campaigns with a theme. Everything comes from one GRand seeded by the
 * caller, ids included, so a seed always gives the same workspace: tests
 * can rely on it and screenshots stay stable.
 *
 * The texts are content, not interface, so they are not translated: a
 * German client's projects stay German whatever the interface language.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-demo-data"

#include "config.h"

#include <string.h>

#include "pd-clock.h"
#include "pd-demo-data.h"

enum { DE, NL, EN, N_LANGS };

typedef struct
{
  gboolean    abroad;  /* done in other countries rather than at home */
  const char *category[N_LANGS];
  const char *things[N_LANGS][4];
  const char *beneficiaries[N_LANGS][3];
} Topic;

static const Topic topics[] = {
  { FALSE, { "Bildung", "Onderwijs", "Education" },
    { { "Lesepaten", "Schulbibliothek", "Hausaufgabenhilfe", "Laptops" },
      { "Leesbegeleiding", "Schoolbibliotheek", "Huiswerkbegeleiding", "Laptops" },
      { "Reading mentors", "A school library", "Homework clubs", "Laptops" } },
    { { "Grundschulkinder", "Jugendliche", "Schulen" },
      { "basisschoolkinderen", "jongeren", "scholen" },
      { "primary pupils", "teenagers", "village schools" } } },
  { TRUE, { "Wasser", "Water", "Water" },
    { { "Trinkwasserbrunnen", "Regenwasserspeicher", "Wasserfilter", "Sanitäranlagen" },
      { "Drinkwaterputten", "Regenwateropslag", "Waterfilters", "Sanitaire voorzieningen" },
      { "Clean water wells", "Rainwater tanks", "Water filters", "Latrines" } },
    { { "Dorfgemeinschaften", "Familien", "Gesundheitsstationen" },
      { "dorpen", "gezinnen", "gezondheidsposten" },
      { "villages", "families", "health posts" } } },
  { FALSE, { "Umwelt", "Natuur en milieu", "Environment" },
    { { "Baumpflanzungen", "Blühwiesen", "Solarlampen", "Flussrenaturierung" },
      { "Bomen planten", "Bloemenweides", "Zonnelampen", "Rivierherstel" },
      { "Tree planting", "Wildflower meadows", "Solar lamps", "River restoration" } },
    { { "Stadtteile", "Kleinbauern", "Naturschutzgebiete" },
      { "wijken", "boeren", "natuurgebieden" },
      { "neighbourhoods", "smallholder farmers", "nature reserves" } } },
  { TRUE, { "Gesundheit", "Gezondheid", "Health" },
    { { "Mobile Arztpraxis", "Impfkampagne", "Hebammenausbildung", "Brillen" },
      { "Mobiele kliniek", "Vaccinatiecampagne", "Opleiding vroedvrouwen", "Brillen" },
      { "A mobile clinic", "Vaccination drives", "Midwife training", "Glasses" } },
    { { "Mütter und Babys", "Kinder", "abgelegene Dörfer" },
      { "moeders en baby's", "kinderen", "afgelegen dorpen" },
      { "mothers and babies", "children", "remote villages" } } },
  { FALSE, { "Kinder & Jugend", "Kinderen en jongeren", "Children & youth" },
    { { "Ferienfreizeiten", "Sportangebote", "Musikunterricht", "Ein Jugendtreff" },
      { "Vakantiekampen", "Sportactiviteiten", "Muziekles", "Een jongerencentrum" },
      { "Holiday camps", "Sports clubs", "Music lessons", "A youth centre" } },
    { { "Kinder aus armen Familien", "Jugendliche", "Pflegekinder" },
      { "kinderen in armoede", "tieners", "pleegkinderen" },
      { "children in poverty", "young people", "foster children" } } },
  { FALSE, { "Soziales", "Welzijn", "Community" },
    { { "Warme Mahlzeiten", "Eine Tafel", "Nachbarschaftshilfe", "Wärmestuben" },
      { "Warme maaltijden", "Een voedselbank", "Burenhulp", "Inloophuizen" },
      { "Hot meals", "A food bank", "Neighbourhood help", "Warm spaces" } },
    { { "Wohnungslose", "Alleinerziehende", "Senioren" },
      { "daklozen", "alleenstaande ouders", "eenzame ouderen" },
      { "homeless people", "single parents", "isolated elders" } } },
  { FALSE, { "Tierschutz", "Dierenwelzijn", "Animal welfare" },
    { { "Ein Tierheim", "Kastrationsprogramme", "Wildtierstationen", "Igelhilfe" },
      { "Een dierenasiel", "Castratieprogramma's", "Vogelopvang", "Egelopvang" },
      { "An animal shelter", "Neutering programmes", "Wildlife rescue", "Hedgehog care" } },
    { { "Straßenhunde", "Wildvögel", "Katzen" },
      { "zwerfhonden", "wilde vogels", "zwerfkatten" },
      { "stray dogs", "wild birds", "feral cats" } } },
  { TRUE, { "Katastrophenhilfe", "Noodhulp", "Disaster relief" },
    { { "Nothilfepakete", "Notunterkünfte", "Wiederaufbau", "Hygienesets" },
      { "Noodpakketten", "Noodonderkomens", "Wederopbouw", "Hygiënepakketten" },
      { "Emergency kits", "Shelters", "Rebuilding homes", "Hygiene kits" } },
    { { "Flutopfer", "Erdbebenopfer", "Geflüchtete" },
      { "overstromingsslachtoffers", "aardbevingsslachtoffers", "vluchtelingen" },
      { "flood survivors", "earthquake survivors", "refugees" } } },
};

/* Home: where a German, Dutch or British client's own projects are. */
static const char *home_places[N_LANGS][8] = {
  { "Berlin-Neukölln", "Leipzig", "Duisburg", "Köln", "Freiburg", "Rostock", "Nürnberg", "Bremen" },
  { "Rotterdam", "Utrecht", "Groningen", "Eindhoven", "Den Haag", "Zwolle", "Antwerpen", "Gent" },
  { "Manchester", "Glasgow", "Cardiff", "Belfast", "Bristol", "Leeds", "Dublin", "Plymouth" },
};

static const char *abroad_places[N_LANGS][6] = {
  { "Kenia", "Sambia", "Nepal", "Uganda", "Bangladesch", "Peru" },
  { "Malawi", "Suriname", "Oeganda", "Ethiopië", "Nepal", "Bolivia" },
  { "Kenya", "Bangladesh", "Ghana", "Peru", "Malawi", "Nepal" },
};

static const char *org_words[N_LANGS][8] = {
  { "Kinderhilfe", "Brunnen", "Hoffnung", "Zukunft", "Lichtblick", "Brücken", "Sonnenstrahl", "Miteinander" },
  { "Kinderhulp", "Bron", "Hoop", "Toekomst", "Lichtpunt", "Bruggen", "Zonnestraal", "Samen Sterk" },
  { "Children's Aid", "Wellspring", "Hope", "Future", "Brightside", "Bridges", "Sunbeam", "Together" },
};

static const char *for_in[N_LANGS][2] = {
  { "für", "in" }, { "voor", "in" }, { "for", "in" },
};

struct _PdDemoData
{
  GRand *rand;
};

PdDemoData *
pd_demo_data_new (guint32 seed)
{
  PdDemoData *self = g_new0 (PdDemoData, 1);

  self->rand = g_rand_new_with_seed (seed);
  return self;
}

void
pd_demo_data_free (PdDemoData *self)
{
  if (self == NULL)
    return;

  g_rand_free (self->rand);
  g_free (self);
}

static guint
pick (PdDemoData *self,
      guint       n)
{
  return (guint) g_rand_int_range (self->rand, 0, (gint32) n);
}

/**
 * pd_demo_data_make_uuid:
 *
 * A version 4 UUID drawn from the seeded generator, so the ids repeat with
 * the seed (pd_uuid_new() is random on purpose).
 *
 * Returns: (transfer full): a lower-case UUID
 */
char *
pd_demo_data_make_uuid (PdDemoData *self)
{
  guint32 w[4];

  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < 4; i++)
    w[i] = g_rand_int (self->rand);

  return g_strdup_printf ("%08x-%04x-4%03x-%04x-%04x%08x",
                          w[0], w[1] >> 16, w[1] & 0xfff,
                          0x8000 | (w[2] >> 16 & 0x3fff), w[2] & 0xffff, w[3]);
}

/* "Wasser für Alle e.V." → "wasser-fuer-alle-ev": good enough for a demo
 * website's host name. */
static char *
host_name (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_unichar_tolower (g_utf8_get_char (p));

      if (c == 0xe4)
        g_string_append (out, "ae");
      else if (c == 0xf6)
        g_string_append (out, "oe");
      else if (c == 0xfc)
        g_string_append (out, "ue");
      else if (c == 0xdf)
        g_string_append (out, "ss");
      else if (g_ascii_isalnum (c))
        g_string_append_c (out, (char) c);
      else if (out->len > 0 && out->str[out->len - 1] != '-' && c == ' ')
        g_string_append_c (out, '-');
    }

  while (out->len > 0 && out->str[out->len - 1] == '-')
    g_string_truncate (out, out->len - 1);

  return g_string_free (out, FALSE);
}

static char *
make_organisation (PdDemoData *self,
                   guint       lang,
                   const char *place)
{
  const char *word = org_words[lang][pick (self, G_N_ELEMENTS (org_words[lang]))];

  switch (lang)
    {
    case DE:
      return pick (self, 2) == 0 ? g_strdup_printf ("%s %s e.V.", word, place)
                                 : g_strdup_printf ("Stiftung %s", word);
    case NL:
      return g_strdup_printf ("Stichting %s %s", word, place);
    case EN:
    default:
      return pick (self, 2) == 0 ? g_strdup_printf ("%s %s Trust", place, word)
                                 : g_strdup_printf ("The %s Foundation", word);
    }
}

static char *
make_description (guint       lang,
                  const char *organisation,
                  const char *thing,
                  const char *beneficiaries,
                  const char *place)
{
  switch (lang)
    {
    case DE:
      return g_strdup_printf ("%s setzt sich in %s für %s ein. Mit Ihrer Spende wird das Projekt „%s“ "
                              "möglich. Jede Münze kommt vollständig dem Projekt zugute.",
                              organisation, place, beneficiaries, thing);
    case NL:
      return g_strdup_printf ("%s zet zich in %s in voor %s. Met uw donatie wordt het project ‘%s’ "
                              "mogelijk. Elke munt gaat volledig naar het project.",
                              organisation, place, beneficiaries, thing);
    case EN:
    default:
      return g_strdup_printf ("%s works with %s in %s. Your donation makes “%s” happen, "
                              "and every coin goes to the project in full.",
                              organisation, beneficiaries, place, thing);
    }
}

/**
 * pd_demo_data_make_project:
 *
 * Half of the projects are German, a quarter each Dutch and English, as
 * for an agency working in Germany and the Benelux.
 *
 * Returns: (transfer full): a new valid project with a fresh id
 */
PdProject *
pd_demo_data_make_project (PdDemoData *self)
{
  g_autofree char *id = NULL;
  g_autofree char *organisation = NULL;
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;
  g_autofree char *host = NULL;
  g_autofree char *website = NULL;
  const Topic *topic;
  const char *thing, *beneficiaries, *place;
  guint lang;
  PdProject *project;

  g_return_val_if_fail (self != NULL, NULL);

  id = pd_demo_data_make_uuid (self);
  lang = (guint[]) { DE, DE, NL, EN }[pick (self, 4)];
  topic = &topics[pick (self, G_N_ELEMENTS (topics))];
  thing = topic->things[lang][pick (self, 4)];
  beneficiaries = topic->beneficiaries[lang][pick (self, 3)];
  place = topic->abroad ? abroad_places[lang][pick (self, G_N_ELEMENTS (abroad_places[lang]))]
                        : home_places[lang][pick (self, G_N_ELEMENTS (home_places[lang]))];
  organisation = make_organisation (self, lang, place);
  title = g_strdup_printf ("%s %s %s %s %s", thing, for_in[lang][0], beneficiaries, for_in[lang][1], place);
  description = make_description (lang, organisation, thing, beneficiaries, place);
  host = host_name (organisation);
  website = g_strdup_printf ("https://www.%s.%s", host, (const char *[]) { "de", "nl", "org" }[lang]);

  project = pd_project_new_with_id (id);
  pd_project_set_title (project, title);
  pd_project_set_organisation (project, organisation);
  pd_project_set_description (project, description);
  pd_project_set_category (project, topic->category[lang]);
  pd_project_set_location (project, place);
  pd_project_set_website (project, website);
  /* 500 to 50,000 euros in whole tens, at 1 coin = 0.01 EUR. */
  pd_project_set_default_target_coins (project, (gint64) (5 + pick (self, 496)) * 10000);
  pd_project_set_source (project, PD_PROJECT_SOURCE_CLIENT);

  return project;
}

/**
 * pd_demo_data_make_logo_svg:
 *
 * Returns: (transfer full): a small SVG logo for the demo theme
 */
GBytes *
pd_demo_data_make_logo_svg (void)
{
  static const char svg[] =
    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"128\" height=\"128\" viewBox=\"0 0 128 128\">"
    "<circle cx=\"64\" cy=\"64\" r=\"60\" fill=\"#1c71d8\"/>"
    "<path d=\"M64 28 L74 54 L102 54 L79 70 L88 98 L64 81 L40 98 L49 70 L26 54 L54 54 Z\" fill=\"#f6d32d\"/>"
    "</svg>\n";

  return g_bytes_new_static (svg, sizeof svg - 1);
}

/**
 * pd_demo_data_make_theme:
 * @logo_sha256: the logo asset's hash
 *
 * Returns: (transfer full): a wintry theme in the client's colours
 */
PdTheme *
pd_demo_data_make_theme (PdDemoData *self,
                         const char *logo_sha256)
{
  g_autofree char *id = NULL;
  PdTheme *theme;

  g_return_val_if_fail (self != NULL, NULL);

  id = pd_demo_data_make_uuid (self);
  theme = pd_theme_new_with_id (id);
  pd_theme_set_name (theme, "Winterlicht");
  pd_theme_set_primary_color (theme, "#1c71d8");
  pd_theme_set_accent_color (theme, "#e5a50a");
  pd_theme_set_background_color (theme, "#fafafa");
  pd_theme_set_text_color (theme, "#241f31");
  pd_theme_set_logo_sha256 (theme, logo_sha256);
  pd_theme_set_font_family (theme, "Cantarell");
  pd_theme_set_corner_radius (theme, 12);

  return theme;
}

static GDateTime *
date_time (const char *zone,
           int         year,
           int         month,
           int         day,
           int         hour,
           int         minute)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (zone);

  if (tz == NULL)
    tz = g_time_zone_new_utc ();

  return g_date_time_new (tz, year, month, day, hour, minute, 0);
}

/* The year of the next season that starts on @month/@day at least a week
 * from the clock's today: the demo shows campaigns being prepared, on
 * whatever day it is started. */
static int
next_season_year (const char *zone,
                  int         month,
                  int         day)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (zone);
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) soon = NULL;
  int year;

  if (tz == NULL)
    tz = g_time_zone_new_utc ();
  now = pd_now (tz);
  soon = g_date_time_add_days (now, 7);
  year = g_date_time_get_year (soon);
  if (g_date_time_get_month (soon) > month
      || (g_date_time_get_month (soon) == month && g_date_time_get_day_of_month (soon) > day))
    year++;
  return year;
}

static void
set_text (PdCampaign *campaign,
          const char *language,
          const char *title,
          const char *intro,
          const char *thank_you,
          const char *faq[][2],
          guint       n_faq)
{
  PdCampaignText *text = pd_campaign_ensure_text (campaign, language);

  pd_campaign_text_set_title (text, title);
  pd_campaign_text_set_intro (text, intro);
  pd_campaign_text_set_thank_you (text, thank_you);
  for (guint i = 0; i < n_faq; i++)
    {
      g_autoptr(PdFaqEntry) entry = pd_faq_entry_new (faq[i][0], faq[i][1]);

      pd_campaign_text_append_faq (text, entry);
    }
}

/* The donor page most campaigns use: hero, intro, the code form, the
 * projects, progress, questions, footer. */
static void
add_standard_blocks (PdDemoData *self,
                     PdCampaign *campaign,
                     const char *heading)
{
  const PdPageBlockType types[] = {
    PD_PAGE_BLOCK_HERO, PD_PAGE_BLOCK_INTRO, PD_PAGE_BLOCK_REDEEM_FORM,
    PD_PAGE_BLOCK_PROJECT_GRID, PD_PAGE_BLOCK_PROGRESS, PD_PAGE_BLOCK_FAQ,
    PD_PAGE_BLOCK_FOOTER,
  };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_autofree char *id = pd_demo_data_make_uuid (self);
      g_autoptr(PdPageBlock) block = pd_page_block_new_with_id (id, types[i]);

      if (types[i] == PD_PAGE_BLOCK_HERO)
        pd_page_block_set_string (block, "heading", heading);
      else if (types[i] == PD_PAGE_BLOCK_PROJECT_GRID)
        pd_page_block_set_int (block, "columns", 3);
      else if (types[i] == PD_PAGE_BLOCK_PROGRESS)
        pd_page_block_set_boolean (block, "show_amounts", TRUE);

      pd_campaign_insert_page_block (campaign, block, G_MAXUINT);
    }
}

/* Takes up to @n projects from @projects starting at @first, each with a
 * campaign target a little above its default. */
static void
add_projects (PdDemoData *self,
              PdCampaign *campaign,
              GPtrArray  *projects,
              guint       first,
              guint       n)
{
  for (guint i = first; projects != NULL && i < projects->len && i < first + n; i++)
    {
      PdProject *project = g_ptr_array_index (projects, i);
      gint64 target = pd_project_get_default_target_coins (project);

      pd_campaign_add_project (campaign, pd_record_get_id (PD_RECORD (project)),
                               target + (gint64) pick (self, 10) * 10000, G_MAXUINT);
    }
}

/**
 * pd_demo_data_make_christmas_campaign:
 * @theme_id: (nullable): the theme to use
 * @projects: (nullable) (element-type PdProject): projects to take part
 *
 * A German company's Christmas campaign: instead of gifts, customers get
 * vouchers to give to a project of their choice.
 *
 * Returns: (transfer full): a valid draft campaign
 */
PdCampaign *
pd_demo_data_make_christmas_campaign (PdDemoData *self,
                                      const char *theme_id,
                                      GPtrArray  *projects)
{
  int year = next_season_year ("Europe/Berlin", 12, 1);
  g_autofree char *valid_de = g_strdup_printf ("Alle Codes dieser Aktion können bis zum 6. Januar %d eingelöst werden.",
                                               year + 1);
  g_autofree char *valid_en = g_strdup_printf ("All codes of this campaign can be redeemed until 6 January %d.",
                                               year + 1);
  const char *faq_de[][2] = {
    { "Wie löse ich meinen Gutschein ein?",
      "Geben Sie den Code von Ihrer Karte oben ein und wählen Sie ein Projekt. Das Guthaben geht vollständig an dieses Projekt." },
    { "Bis wann ist mein Gutschein gültig?", valid_de },
    { "Erhalte ich eine Spendenquittung?",
      "Nein, die Spende leistet unser Unternehmen. Sie entscheiden nur, wohin sie geht." },
  };
  const char *faq_en[][2] = {
    { "How do I redeem my voucher?",
      "Enter the code from your card above and choose a project. The full value goes to that project." },
    { "How long is my voucher valid?", valid_en },
  };
  g_autofree char *id = NULL;
  g_autofree char *name = g_strdup_printf ("Weihnachtsaktion %d", year);
  g_autofree char *slug = g_strdup_printf ("weihnachtsaktion-%d", year);
  g_autoptr(GDateTime) starts = date_time ("Europe/Berlin", year, 12, 1, 0, 0);
  g_autoptr(GDateTime) ends = date_time ("Europe/Berlin", year + 1, 1, 6, 23, 59);
  PdCampaign *campaign;

  g_return_val_if_fail (self != NULL, NULL);

  id = pd_demo_data_make_uuid (self);
  campaign = pd_campaign_new_with_id (id);
  pd_campaign_set_name (campaign, name);
  pd_campaign_set_slug (campaign, slug);
  pd_campaign_set_starts_at (campaign, starts);
  pd_campaign_set_ends_at (campaign, ends);
  pd_campaign_set_time_zone (campaign, "Europe/Berlin");
  pd_campaign_set_currency (campaign, "EUR");
  pd_campaign_set_coin_value_micros (campaign, PD_DEFAULT_COIN_VALUE_MICROS);
  /* 50,000 euros. */
  pd_campaign_set_voucher_budget_coins (campaign, 5000000);
  pd_campaign_set_funding_type (campaign, PD_FUNDING_TYPE_DONATION);
  pd_campaign_set_theme_id (campaign, theme_id);
  pd_campaign_set_default_language (campaign, "de");

  set_text (campaign, "de", "Schenken Sie Hoffnung",
            "Statt Präsenten verschenken wir in diesem Jahr Spenden. Mit Ihrem Gutschein entscheiden Sie, welches Projekt unsere Unterstützung erhält.",
            "Herzlichen Dank! Ihre Spende ist angekommen.",
            faq_de, G_N_ELEMENTS (faq_de));
  set_text (campaign, "en", "Give hope this Christmas",
            "Instead of presents, this year we give donations. Your voucher decides which project receives our support.",
            "Thank you! Your donation has arrived.",
            faq_en, G_N_ELEMENTS (faq_en));

  add_standard_blocks (self, campaign, "Schenken Sie Hoffnung");
  add_projects (self, campaign, projects, 0, 6);

  return campaign;
}

/**
 * pd_demo_data_make_spring_campaign:
 *
 * A Dutch sponsor's spring campaign with English as second language.
 *
 * Returns: (transfer full): a valid draft campaign
 */
PdCampaign *
pd_demo_data_make_spring_campaign (PdDemoData *self,
                                   const char *theme_id,
                                   GPtrArray  *projects)
{
  static const char *faq_nl[][2] = {
    { "Hoe wissel ik mijn code in?",
      "Vul de code van uw kaart hierboven in en kies een project. De volledige waarde gaat naar dat project." },
    { "Wie betaalt de donatie?",
      "Onze sponsor betaalt elke munt; u kiest alleen het goede doel." },
  };
  static const char *faq_en[][2] = {
    { "How do I redeem my code?",
      "Enter the code from your card above and choose a project. The full value goes to that project." },
  };
  int year = next_season_year ("Europe/Amsterdam", 3, 20);
  g_autofree char *id = NULL;
  g_autofree char *name = g_strdup_printf ("Lentecampagne %d – Samen voor schoon water", year);
  g_autofree char *slug = g_strdup_printf ("lentecampagne-%d", year);
  g_autoptr(GDateTime) starts = date_time ("Europe/Amsterdam", year, 3, 20, 9, 0);
  g_autoptr(GDateTime) ends = date_time ("Europe/Amsterdam", year, 6, 21, 18, 0);
  PdCampaign *campaign;

  g_return_val_if_fail (self != NULL, NULL);

  id = pd_demo_data_make_uuid (self);
  campaign = pd_campaign_new_with_id (id);
  pd_campaign_set_name (campaign, name);
  pd_campaign_set_slug (campaign, slug);
  pd_campaign_set_starts_at (campaign, starts);
  pd_campaign_set_ends_at (campaign, ends);
  pd_campaign_set_time_zone (campaign, "Europe/Amsterdam");
  pd_campaign_set_currency (campaign, "EUR");
  /* Sponsored coins worth 5 cents each. */
  pd_campaign_set_coin_value_micros (campaign, 50000);
  pd_campaign_set_voucher_budget_coins (campaign, 400000);
  pd_campaign_set_funding_type (campaign, PD_FUNDING_TYPE_SPONSORSHIP);
  pd_campaign_set_theme_id (campaign, theme_id);
  pd_campaign_set_default_language (campaign, "nl");

  set_text (campaign, "nl", "Samen voor schoon water",
            "Deze lente verdubbelt onze sponsor elke munt. Kies zelf welk project uw steun krijgt.",
            "Hartelijk dank voor uw steun!",
            faq_nl, G_N_ELEMENTS (faq_nl));
  set_text (campaign, "en", "Together for clean water",
            "This spring our sponsor matches every coin. Choose which project receives your support.",
            "Thank you for your support!",
            faq_en, G_N_ELEMENTS (faq_en));

  add_standard_blocks (self, campaign, "Samen voor schoon water");
  add_projects (self, campaign, projects, 6, 5);

  return campaign;
}
