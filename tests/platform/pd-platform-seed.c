/* pd-platform-seed.c: the demo tenant
 *
 * A bank with a catalogue of more than 500 projects in German, Dutch and
 * English (made from word lists, reproducibly: the same ids every time),
 * two users, a theme with its logo, a live campaign with vouchers and a
 * month of redemptions, and a draft campaign.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-platform-seed"

#include "pd-platform.h"

#include <string.h>

#define DEMO_TENANT_ID "5d8c7f1e-2a4b-4c6d-8e9f-0a1b2c3d4e5f"
#define N_TOPICS 12

typedef struct
{
  const char *language;
  const char *topics[N_TOPICS];
  const char *groups[7];
  const char *places[12];
  const char *org_prefix[4];
  const char *org_names[6];
  const char *for_word;           /* title: topic FOR group in place */
  const char *desc_prefix;        /* PREFIX org MIDDLE topic TO group in place SUFFIX */
  const char *desc_middle;
  const char *desc_to;
  const char *desc_suffix;
  guint       count;
} Language;

static const char *const categories[N_TOPICS] = {
  "water", "education", "education", "environment", "environment", "energy",
  "culture", "health", "animals", "sport", "social", "environment",
};

static const Language languages[] = {
  { "de",
    { "Trinkwasser", "Schulgärten", "Leseförderung", "Bienenwiesen", "Baumpflanzungen", "Solarlampen",
      "Musikunterricht", "Erste-Hilfe-Kurse", "Tierheimplätze", "Sportangebote", "Obdachlosenhilfe", "Repair-Cafés" },
    { "Kinder", "Jugendliche", "Senioren", "Familien", "Geflüchtete", "Schulen", "Nachbarschaften" },
    { "Berlin-Neukölln", "Leipzig", "Köln-Ehrenfeld", "Hamburg-Wilhelmsburg", "Freiburg im Breisgau", "Dresden",
      "Münster", "Kassel", "Rostock", "Regensburg", "Augsburg", "Bielefeld" },
    { "Stiftung", "Bürgerstiftung", "Initiative", "Förderverein" },
    { "Lichtblick", "Miteinander", "Wurzelwerk", "Brückenbauer", "Zukunft Jetzt", "Gemeinsam Stark" },
    "für", "Mit Ihren Münzen ermöglicht ", " ", "für", ". Jede Münze fließt ohne Abzug in das Projekt.",
    200 },
  { "nl",
    { "Schoon drinkwater", "Moestuinen", "Voorleesprojecten", "Bijenhotels", "Bomenaanplant", "Zonnepanelen",
      "Muziekles", "Zwemles", "Dierenopvang", "Sportclinics", "Voedselhulp", "Repair cafés" },
    { "kinderen", "jongeren", "ouderen", "gezinnen", "nieuwkomers", "scholen", "buurtbewoners" },
    { "Amsterdam-Noord", "Rotterdam-Zuid", "Utrecht", "Groningen", "Eindhoven", "Nijmegen",
      "Zwolle", "Leeuwarden", "Maastricht", "Den Haag", "Haarlem", "Tilburg" },
    { "Stichting", "Vereniging", "Fonds", "Stichting" },
    { "Samen Sterk", "Groene Toekomst", "Lichtpunt", "Kansrijk", "De Brug", "Buurtkracht" },
    "voor", "Met uw munten maakt ", " ", "voor", " mogelijk. Elke munt gaat zonder aftrek naar het project.",
    170 },
  { "en",
    { "Clean water", "School gardens", "Reading clubs", "Wildflower meadows", "Tree planting", "Solar lamps",
      "Music lessons", "First aid training", "Animal shelters", "Sports coaching", "Food banks", "Repair cafés" },
    { "children", "teenagers", "older people", "families", "refugees", "schools", "neighbourhoods" },
    { "Manchester", "Bristol", "Leeds", "Glasgow", "Cardiff", "Belfast",
      "Nairobi", "Kampala", "Accra", "Dhaka", "Lima", "Cape Town" },
    { "The", "The", "The", "The" },
    { "Brightwater Trust", "Common Ground Foundation", "Open Door Trust", "Green Shoots Foundation",
      "Lantern Trust", "Fair Start Foundation" },
    "for", "With your coins, ", " brings ", "to", ". Every coin goes to the project in full.",
    170 },
};

static char *
slugify (const char *text)
{
  g_autofree char *ascii = g_str_to_ascii (text, NULL);
  GString *slug = g_string_new (NULL);

  for (const char *p = ascii; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (slug, g_ascii_tolower (*p));
      else if (slug->len > 0 && slug->str[slug->len - 1] != '-')
        g_string_append_c (slug, '-');
    }
  while (slug->len > 0 && slug->str[slug->len - 1] == '-')
    g_string_truncate (slug, slug->len - 1);
  return g_string_free (slug, FALSE);
}

static void
seed_projects (PdTenant  *tenant,
               GRand     *rand,
               GPtrArray *ids)
{
  for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
    {
      const Language *lang = &languages[l];

      for (guint i = 0; i < lang->count; i++)
        {
          /* walk the combinations with coprime strides so neighbours differ */
          guint topic = i % N_TOPICS;
          guint group = (i * 5 + l) % 7;
          guint place = (i * 7 + i / N_TOPICS) % 12;
          guint org = (i * 11 + l) % 6;
          g_autofree char *organisation = g_strdup_printf ("%s %s", lang->org_prefix[i % 4], lang->org_names[org]);
          g_autofree char *title = g_strconcat (lang->topics[topic], " ", lang->for_word, " ",
                                                lang->groups[group], " in ", lang->places[place], NULL);
          g_autofree char *topic_lower = g_utf8_strdown (lang->topics[topic], -1);
          g_autofree char *description = NULL;
          g_autofree char *slug = NULL;
          g_autofree char *website = NULL;
          g_autofree char *id = pd_uuid_new (rand);
          g_autoptr(JsonObject) fields = json_object_new ();

          if (g_str_equal (lang->org_prefix[i % 4], "The"))
            g_free (organisation), organisation = g_strdup (lang->org_names[org]);
          description = g_strconcat (lang->desc_prefix, organisation, lang->desc_middle,
                                     g_str_equal (lang->language, "de") ? lang->topics[topic] : topic_lower,
                                     " ", lang->desc_to, " ", lang->groups[group], " in ", lang->places[place],
                                     lang->desc_suffix, NULL);
          slug = slugify (organisation);
          website = g_strdup_printf ("https://%s.example.org", slug);

          json_object_set_string_member (fields, "title", title);
          json_object_set_string_member (fields, "organisation", organisation);
          json_object_set_string_member (fields, "description", description);
          json_object_set_string_member (fields, "category", categories[topic]);
          json_object_set_string_member (fields, "location", lang->places[place]);
          json_object_set_string_member (fields, "website", website);
          json_object_set_int_member (fields, "default_target_coins", 500 * g_rand_int_range (rand, 10, 400));
          json_object_set_string_member (fields, "source", "catalogue");
          json_object_set_string_member (fields, "language", lang->language);
          pd_records_put (tenant, "project", id, fields, 1, NULL);
          g_ptr_array_add (ids, g_steal_pointer (&id));
        }
    }
}

static char *
store_logo (PdTenant *tenant)
{
  static const char svg[] =
    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"160\" height=\"48\" viewBox=\"0 0 160 48\">"
    "<rect width=\"48\" height=\"48\" rx=\"10\" fill=\"#1c5fb8\"/>"
    "<circle cx=\"24\" cy=\"24\" r=\"11\" fill=\"#f6c445\"/>"
    "<text x=\"58\" y=\"32\" font-family=\"Cantarell\" font-size=\"22\" fill=\"#1c5fb8\">Demo Bank</text></svg>\n";
  char *sha = pd_sha256_hex (svg, strlen (svg));
  g_autofree char *path = g_build_filename (tenant->dir, "assets", sha, NULL);
  sqlite3_stmt *stmt;

  g_file_set_contents (path, svg, strlen (svg), NULL);
  stmt = pd_db_prepare (tenant->db, "INSERT OR IGNORE INTO assets (sha256, content_type, size) VALUES (?, ?, ?)");
  sqlite3_bind_text (stmt, 1, sha, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, "image/svg+xml", -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, strlen (svg));
  sqlite3_step (stmt);
  sqlite3_reset (stmt);
  return sha;
}

static char *
format_time (GDateTime *base,
             double     days)
{
  g_autoptr(GDateTime) when = g_date_time_add_seconds (base, days * 86400);

  return g_date_time_format (when, "%Y-%m-%dT%H:%M:%SZ");
}

static JsonObject *
texts_object (const char *lang_a, const char *title_a, const char *intro_a,
              const char *lang_b, const char *title_b, const char *intro_b,
              const char *lang_c, const char *title_c, const char *intro_c)
{
  JsonObject *texts = json_object_new ();
  const char *rows[3][3] = { { lang_a, title_a, intro_a }, { lang_b, title_b, intro_b }, { lang_c, title_c, intro_c } };

  for (guint i = 0; i < 3; i++)
    {
      JsonObject *text = json_object_new ();

      json_object_set_string_member (text, "title", rows[i][1]);
      json_object_set_string_member (text, "intro", rows[i][2]);
      json_object_set_string_member (text, "thank_you",
                                     g_str_equal (rows[i][0], "de") ? "Danke! Ihre Münzen sind angekommen."
                                     : g_str_equal (rows[i][0], "nl") ? "Bedankt! Uw munten zijn aangekomen."
                                     : "Thank you! Your coins have arrived.");
      json_object_set_array_member (text, "faq", json_array_new ());
      json_object_set_object_member (texts, rows[i][0], text);
    }
  return texts;
}

static JsonArray *
campaign_projects (GPtrArray *ids,
                   guint      first,
                   guint      n,
                   GRand     *rand)
{
  JsonArray *projects = json_array_new ();

  for (guint i = 0; i < n; i++)
    {
      JsonObject *item = json_object_new ();

      json_object_set_string_member (item, "project_id", g_ptr_array_index (ids, first + i * 3));
      json_object_set_int_member (item, "target_coins", 1000 * g_rand_int_range (rand, 20, 120));
      json_array_add_object_element (projects, item);
    }
  return projects;
}

static JsonArray *
page_blocks (void)
{
  static const char *const types[] = { "hero", "intro", "redeem-form", "project-grid", "progress", "faq", "footer" };
  JsonArray *blocks = json_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      JsonObject *block = json_object_new ();
      g_autofree char *id = g_strdup_printf ("block-%u", i + 1);

      json_object_set_string_member (block, "id", id);
      json_object_set_string_member (block, "type", types[i]);
      json_object_set_object_member (block, "properties", json_object_new ());
      json_array_add_object_element (blocks, block);
    }
  return blocks;
}

static void
seed_vouchers (PdTenant   *tenant,
               GRand      *rand,
               const char *batch_id,
               JsonArray  *projects,
               GDateTime  *now,
               guint       count,
               guint       redeemed,
               gint64      coins)
{
  static const char alphabet[] = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
  sqlite3_stmt *stmt;

  for (guint i = 0; i < count; i++)
    {
      char code[20];

      for (guint c = 0; c < 19; c++)
        code[c] = c % 5 == 4 ? '-' : alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)];
      code[19] = '\0';

      stmt = pd_db_prepare (tenant->db, "INSERT OR IGNORE INTO vouchers (code, batch_id, chunk) VALUES (?, ?, ?)");
      sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, batch_id, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 3, i / 1000);
      sqlite3_step (stmt);
      sqlite3_reset (stmt);

      if (i < redeemed)
        {
          /* a month of donors, more of them lately */
          double age = 30.0 * g_rand_double (rand) * g_rand_double (rand);
          g_autofree char *when = format_time (now, -age);
          guint n = json_array_get_length (projects);
          guint pick = MIN (g_rand_int_range (rand, 0, n), g_rand_int_range (rand, 0, n));
          const char *project_id = pd_json_string (json_array_get_object_element (projects, pick), "project_id");

          stmt = pd_db_prepare (tenant->db,
                                "UPDATE vouchers SET status = 'redeemed', redeemed_at = ?, project_id = ?, "
                                "coins = ?, seq = ? WHERE code = ?");
          sqlite3_bind_text (stmt, 1, when, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 2, project_id, -1, SQLITE_STATIC);
          sqlite3_bind_int64 (stmt, 3, coins);
          sqlite3_bind_int64 (stmt, 4, pd_tenant_next_seq (tenant));
          sqlite3_bind_text (stmt, 5, code, -1, SQLITE_TRANSIENT);
          sqlite3_step (stmt);
          sqlite3_reset (stmt);
        }
    }
}

static void
seed_content (PdTenant *tenant)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261125);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDateTime) now = pd_platform_now_utc ();
  g_autofree char *logo = store_logo (tenant);
  g_autofree char *theme_id = NULL;
  g_autofree char *winter_id = NULL;
  g_autofree char *spring_id = NULL;
  g_autofree char *batch_id = NULL;
  g_autoptr(JsonObject) theme = json_object_new ();
  g_autoptr(JsonObject) winter = json_object_new ();
  g_autoptr(JsonObject) spring = json_object_new ();
  g_autoptr(JsonObject) batch = json_object_new ();
  JsonObject *colors = json_object_new ();
  g_autofree char *starts = format_time (now, -30);
  g_autofree char *ends = format_time (now, 60);
  g_autofree char *expires = format_time (now, 120);
  /* midnight of the first day of the month three months from now */
  g_autoptr(GDateTime) spring_month = g_date_time_add_months (now, 3);
  g_autoptr(GDateTime) spring_starts = g_date_time_new_utc (g_date_time_get_year (spring_month),
                                                            g_date_time_get_month (spring_month), 1, 0, 0, 0);
  g_autofree char *spring_start_text = format_time (spring_starts, 0);
  g_autofree char *spring_end_text = format_time (spring_starts, 91);
  g_autofree char *winter_name = NULL;
  g_autofree char *winter_slug = NULL;
  g_autofree char *spring_name = NULL;
  g_autofree char *spring_slug = NULL;
  JsonArray *winter_projects;

  seed_projects (tenant, rand, ids);
  theme_id = pd_uuid_new (rand);
  winter_id = pd_uuid_new (rand);
  spring_id = pd_uuid_new (rand);
  batch_id = pd_uuid_new (rand);

  json_object_set_string_member (colors, "primary", "#1c5fb8");
  json_object_set_string_member (colors, "accent", "#f6c445");
  json_object_set_string_member (colors, "background", "#ffffff");
  json_object_set_string_member (colors, "text", "#1d2430");
  json_object_set_string_member (theme, "name", "Demo Bank Blau");
  json_object_set_object_member (theme, "colors", colors);
  json_object_set_string_member (theme, "logo_sha256", logo);
  json_object_set_string_member (theme, "font_family", "Cantarell");
  json_object_set_int_member (theme, "corner_radius", 12);
  pd_records_put (tenant, "theme", theme_id, theme, 1, NULL);

  winter_projects = campaign_projects (ids, 0, 12, rand);
  /* the live campaign runs around today, the draft starts in three
   * months: the demo looks the same whenever it is seeded, and its names
   * carry the year of its dates rather than one that passes */
  winter_name = g_strdup_printf ("Winterspende %d", g_date_time_get_year (now));
  winter_slug = g_strdup_printf ("winterspende-%d", g_date_time_get_year (now));
  json_object_set_string_member (winter, "name", winter_name);
  json_object_set_string_member (winter, "slug", winter_slug);
  json_object_set_string_member (winter, "status", "live");
  json_object_set_string_member (winter, "starts_at", starts);
  json_object_set_string_member (winter, "ends_at", ends);
  json_object_set_string_member (winter, "time_zone", "Europe/Berlin");
  json_object_set_string_member (winter, "currency", "EUR");
  json_object_set_int_member (winter, "coin_value_micros", 10000);
  json_object_set_int_member (winter, "voucher_budget_coins", 5000000);
  json_object_set_string_member (winter, "funding_type", "donation");
  json_object_set_string_member (winter, "theme_id", theme_id);
  json_object_set_string_member (winter, "default_language", "de");
  json_object_set_object_member (winter, "texts",
    texts_object ("de", "Ihre Winterspende", "Lösen Sie Ihren Gutschein ein und verteilen Sie Ihre Münzen auf die Projekte, die Ihnen am Herzen liegen.",
                  "en", "Your winter donation", "Redeem your voucher and share your coins among the projects you care about.",
                  "nl", "Uw winterdonatie", "Wissel uw voucher in en verdeel uw munten over de projecten die u belangrijk vindt."));
  json_object_set_array_member (winter, "projects", json_array_ref (winter_projects));
  json_object_set_array_member (winter, "page_blocks", page_blocks ());
  pd_records_put (tenant, "campaign", winter_id, winter, 2, NULL);

  spring_name = g_strdup_printf ("Lentecampagne %d", g_date_time_get_year (spring_starts));
  spring_slug = g_strdup_printf ("lentecampagne-%d", g_date_time_get_year (spring_starts));
  json_object_set_string_member (spring, "name", spring_name);
  json_object_set_string_member (spring, "slug", spring_slug);
  json_object_set_string_member (spring, "status", "draft");
  json_object_set_string_member (spring, "starts_at", spring_start_text);
  json_object_set_string_member (spring, "ends_at", spring_end_text);
  json_object_set_string_member (spring, "time_zone", "Europe/Amsterdam");
  json_object_set_string_member (spring, "currency", "EUR");
  json_object_set_int_member (spring, "coin_value_micros", 10000);
  json_object_set_int_member (spring, "voucher_budget_coins", 2000000);
  json_object_set_string_member (spring, "funding_type", "sponsorship");
  json_object_set_string_member (spring, "theme_id", theme_id);
  json_object_set_string_member (spring, "default_language", "nl");
  json_object_set_object_member (spring, "texts",
    texts_object ("nl", "Lentecampagne", "Kies in het voorjaar de projecten die uw munten krijgen.",
                  "de", "Frühjahrsaktion", "Wählen Sie im Frühjahr die Projekte, die Ihre Münzen bekommen.",
                  "en", "Spring campaign", "Choose the projects that get your coins this spring."));
  json_object_set_array_member (spring, "projects", campaign_projects (ids, 201, 8, rand));
  json_object_set_array_member (spring, "page_blocks", page_blocks ());
  pd_records_put (tenant, "campaign", spring_id, spring, 1, NULL);

  json_object_set_string_member (batch, "campaign_id", winter_id);
  json_object_set_string_member (batch, "label", "Filialen Winter");
  json_object_set_int_member (batch, "count", 5000);
  json_object_set_int_member (batch, "coins_per_voucher", 500);
  json_object_set_string_member (batch, "expires_at", expires);
  pd_records_put (tenant, "voucher-batch", batch_id, batch, 1, NULL);
  seed_vouchers (tenant, rand, batch_id, winter_projects, now, 5000, 600, 500);
  json_array_unref (winter_projects);
}

gboolean
pd_seed_demo (PdPlatform  *platform,
              GError     **error)
{
  PdTenant *tenant;

  if (pd_tenants_lookup (platform, DEMO_TENANT_ID) != NULL)
    return TRUE;

  tenant = pd_tenants_create (platform, DEMO_TENANT_ID, "Demo Bank AG", error);
  if (tenant == NULL)
    return FALSE;
  if (!pd_tenants_add_user (platform, DEMO_TENANT_ID, "0b7d2c9e-6f1a-4e3b-9c8d-1a2b3c4d5e6f",
                            "demo@example.com", "Dana Demo", "demo-password", error) ||
      !pd_tenants_add_user (platform, DEMO_TENANT_ID, "7e4f1a2b-3c5d-4e6f-8a9b-0c1d2e3f4a5b",
                            "agency@example.com", "Agentur Beispiel", "agency-password", error))
    return FALSE;

  pd_db_begin (tenant->db);
  seed_content (tenant);
  pd_db_commit (tenant->db);
  return TRUE;
}
