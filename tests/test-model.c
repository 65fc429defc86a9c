/* test-model.c: the domain model, its JSON form and its rules
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pd-campaign.h"
#include "pd-json.h"
#include "pd-project.h"
#include "pd-test-utils.h"
#include "pd-theme.h"
#include "pd-validation.h"
#include "pd-voucher-batch.h"

static PdCampaign *
make_campaign (void)
{
  PdCampaign *campaign = pd_campaign_new ();
  PdCampaignText *de = pd_campaign_ensure_text (campaign, "de");
  PdCampaignText *en = pd_campaign_ensure_text (campaign, "en");
  g_autoptr(PdFaqEntry) faq = pd_faq_entry_new ("Wie löse ich ein?", "Code eingeben.");
  g_autoptr(PdPageBlock) hero = pd_page_block_new (PD_PAGE_BLOCK_HERO);
  g_autoptr(PdPageBlock) grid = pd_page_block_new (PD_PAGE_BLOCK_PROJECT_GRID);

  pd_campaign_set_name (campaign, "Weihnachten für alle 2026");
  pd_campaign_set_voucher_budget_coins (campaign, 500000);
  pd_campaign_text_set_title (de, "Weihnachten für alle");
  pd_campaign_text_set_intro (de, "Spenden Sie Ihre Coins.");
  pd_campaign_text_set_thank_you (de, "Danke!");
  pd_campaign_text_append_faq (de, faq);
  pd_campaign_text_set_title (en, "Christmas for everyone");
  pd_campaign_add_project (campaign, "6f1c1c5e-4b8e-4f0a-9a57-111111111111", 120000, G_MAXUINT);
  pd_campaign_add_project (campaign, "6f1c1c5e-4b8e-4f0a-9a57-222222222222", 80000, G_MAXUINT);
  pd_page_block_set_string (hero, "heading", "Gemeinsam helfen");
  pd_page_block_set_int (grid, "columns", 3);
  pd_campaign_insert_page_block (campaign, hero, G_MAXUINT);
  pd_campaign_insert_page_block (campaign, grid, G_MAXUINT);

  return campaign;
}

static void
test_campaign_defaults (void)
{
  g_autoptr(PdCampaign) campaign = pd_campaign_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (pd_is_valid_uuid (pd_record_get_id (PD_RECORD (campaign))));
  g_assert_cmpstr (pd_campaign_get_currency (campaign), ==, "EUR");
  g_assert_cmpint (pd_campaign_get_coin_value_micros (campaign), ==, 10000);
  g_assert_cmpint (pd_campaign_get_status (campaign), ==, PD_CAMPAIGN_STATUS_DRAFT);
  g_assert_cmpstr (pd_campaign_get_default_language (campaign), ==, "de");
  g_assert_nonnull (pd_campaign_get_text (campaign, "de"));
  g_assert_cmpint (g_date_time_compare (pd_campaign_get_ends_at (campaign),
                                        pd_campaign_get_starts_at (campaign)), >, 0);
  g_assert_cmpint (pd_record_get_sync_state (PD_RECORD (campaign)), ==, PD_SYNC_STATE_CREATED);

  /* Without a name and a title it is not yet valid. */
  g_assert_false (pd_record_validate (PD_RECORD (campaign), &error));
  g_assert_error (error, PD_VALIDATION_ERROR, PD_VALIDATION_ERROR_REQUIRED);
}

static void
on_notify_cb (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  GPtrArray *names = user_data;

  g_ptr_array_add (names, (gpointer) g_param_spec_get_name (pspec));
}

static void
test_campaign_notify (void)
{
  g_autoptr(PdCampaign) campaign = pd_campaign_new ();
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  g_signal_connect (campaign, "notify", G_CALLBACK (on_notify_cb), names);

  pd_campaign_set_name (campaign, "Frühling 2027");
  /* The slug follows the name while nobody chose another one. */
  g_assert_cmpstr (pd_campaign_get_slug (campaign), ==, "fruhling-2027");
  g_assert_cmpuint (names->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (names, 0), ==, "name");
  g_assert_cmpstr (g_ptr_array_index (names, 1), ==, "slug");

  /* Setting the same value again notifies nothing. */
  pd_campaign_set_name (campaign, "Frühling 2027");
  pd_campaign_set_coin_value_micros (campaign, 10000);
  g_assert_cmpuint (names->len, ==, 2);

  pd_campaign_set_slug (campaign, "fruehling");
  pd_campaign_set_name (campaign, "Sommer");
  g_assert_cmpstr (pd_campaign_get_slug (campaign), ==, "fruehling");

  g_object_set (campaign, "voucher-budget-coins", (gint64) 1000, NULL);
  g_assert_cmpint (pd_campaign_get_voucher_budget_coins (campaign), ==, 1000);
  g_assert_cmpstr (g_ptr_array_index (names, names->len - 1), ==, "voucher-budget-coins");
}

/* Vouchers carry the web address: it follows the name of a draft only. */
static void
test_campaign_slug_published (void)
{
  static const PdCampaignStatus published[] = {
    PD_CAMPAIGN_STATUS_SCHEDULED, PD_CAMPAIGN_STATUS_LIVE, PD_CAMPAIGN_STATUS_ENDED,
  };
  g_autofree char *long_name = NULL;
  g_autofree char *long_slug = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (published); i++)
    {
      g_autoptr(PdCampaign) campaign = pd_campaign_new ();

      pd_campaign_set_name (campaign, "Weihnachten 2026");
      g_assert_true (pd_campaign_get_slug_follows_name (campaign));
      pd_campaign_set_status (campaign, published[i]);
      g_assert_false (pd_campaign_get_slug_follows_name (campaign));
      pd_campaign_set_name (campaign, "Weihnachten für alle 2026");
      g_assert_cmpstr (pd_campaign_get_slug (campaign), ==, "weihnachten-2026");

      /* back to a draft (unpublished), it follows again */
      pd_campaign_set_status (campaign, PD_CAMPAIGN_STATUS_DRAFT);
      pd_campaign_set_name (campaign, "Weihnachten 2026");
      pd_campaign_set_name (campaign, "Winter 2026");
      g_assert_cmpstr (pd_campaign_get_slug (campaign), ==, "winter-2026");
    }

  /* the platform takes at most 100 characters: cut at a word */
  long_name = g_strjoinv (" ", (char *[]) { "Frühjahrsaktion", "für", "sauberes", "Trinkwasser", "in", "allen",
                                             "Gemeinden", "des", "Landkreises", "und", "der", "benachbarten",
                                             "Städte", "zweitausendsiebenundzwanzig", NULL });
  long_slug = pd_campaign_slugify (long_name);
  g_assert_cmpuint (strlen (long_slug), <=, PD_CAMPAIGN_SLUG_MAX);
  g_assert_cmpstr (long_slug, ==, "fruhjahrsaktion-fur-sauberes-trinkwasser-in-allen-gemeinden-des-landkreises-und-der-benachbarten");
}

static void
test_campaign_json_roundtrip (void)
{
  g_autoptr(PdCampaign) campaign = make_campaign ();
  g_autoptr(JsonNode) node = pd_record_to_json (PD_RECORD (campaign));
  g_autoptr(JsonNode) again = NULL;
  g_autoptr(PdRecord) copy = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *object = json_node_get_object (node);
  JsonObject *texts;

  /* The names of CONTRACT.md. */
  g_assert_cmpstr (json_object_get_string_member (object, "name"), ==, "Weihnachten für alle 2026");
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "draft");
  g_assert_cmpstr (json_object_get_string_member (object, "funding_type"), ==, "donation");
  g_assert_cmpint (json_object_get_int_member (object, "coin_value_micros"), ==, 10000);
  g_assert_cmpint (json_object_get_int_member (object, "voucher_budget_coins"), ==, 500000);
  g_assert_false (json_object_has_member (object, "theme_id"));
  texts = json_object_get_object_member (object, "texts");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (texts, "de"), "thank_you"), ==, "Danke!");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "projects")), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (object, "page_blocks"), 1), "type"),
                   ==, "project-grid");
  g_assert_true (g_str_has_suffix (json_object_get_string_member (object, "starts_at"), ":00"));

  copy = pd_record_new_from_json (PD_TYPE_CAMPAIGN, node, &error);
  g_assert_no_error (error);
  g_assert_true (pd_record_validate (copy, &error));
  g_assert_no_error (error);
  again = pd_record_to_json (copy);
  g_assert_true (pd_json_equal (node, again));
  {
    g_autoptr(PdPageBlock) grid = g_list_model_get_item (pd_campaign_get_page_blocks (campaign), 1);
    PdPageBlock *copied = pd_campaign_find_page_block (PD_CAMPAIGN (copy), pd_page_block_get_id (grid), NULL);

    g_assert_nonnull (copied);
    g_assert_true (copied != grid);
    g_assert_cmpint (pd_page_block_get_int (copied, "columns", 0), ==, 3);
  }
}

static JsonNode *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  return node;
}

static void
test_json_errors (void)
{
  g_autoptr(PdCampaign) campaign = make_campaign ();
  g_autoptr(JsonNode) good = pd_record_to_json (PD_RECORD (campaign));
  g_autofree char *text = json_to_string (good, FALSE);
  struct {
    const char *member;
    const char *value;
    int code;
  } cases[] = {
    { "name", NULL, PD_VALIDATION_ERROR_MISSING_FIELD },
    { "coin_value_micros", "1.5", PD_VALIDATION_ERROR_WRONG_TYPE },
    { "coin_value_micros", "\"10000\"", PD_VALIDATION_ERROR_WRONG_TYPE },
    { "status", "\"paused\"", PD_VALIDATION_ERROR_INVALID },
    { "starts_at", "\"2026-12-01T00:00:00\"", PD_VALIDATION_ERROR_WRONG_TYPE },
    { "projects", "{}", PD_VALIDATION_ERROR_WRONG_TYPE },
    { "texts", "{\"de\": {\"intro\": \"x\"}}", PD_VALIDATION_ERROR_MISSING_FIELD },
    { "page_blocks", "[{\"id\": \"b\", \"type\": \"carousel\"}]", PD_VALIDATION_ERROR_INVALID },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = parse (text);
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) after = NULL;
      JsonObject *object = json_node_get_object (node);

      if (cases[i].value == NULL)
        json_object_remove_member (object, cases[i].member);
      else
        json_object_set_member (object, cases[i].member, parse (cases[i].value));

      g_assert_null (pd_record_new_from_json (PD_TYPE_CAMPAIGN, node, &error));
      g_assert_error (error, PD_VALIDATION_ERROR, cases[i].code);
      g_clear_error (&error);

      /* A failed load leaves the live object exactly as it was. */
      g_assert_false (pd_record_load_json (PD_RECORD (campaign), node, &error));
      g_assert_nonnull (error);
      after = pd_record_to_json (PD_RECORD (campaign));
      g_assert_true (pd_json_equal (good, after));
    }

  /* Unknown fields are ignored. */
  {
    g_autoptr(JsonNode) node = parse (text);
    g_autoptr(GError) error = NULL;
    g_autoptr(PdRecord) record = NULL;

    json_object_set_string_member (json_node_get_object (node), "sparkles", "yes");
    record = pd_record_new_from_json (PD_TYPE_CAMPAIGN, node, &error);
    g_assert_no_error (error);
    g_assert_nonnull (record);
  }
}

static void
assert_invalid (PdRecord *record,
                int       code)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (pd_record_validate (record, &error));
  g_assert_error (error, PD_VALIDATION_ERROR, code);
  g_assert_cmpstr (error->message, !=, "");
}

static void
test_validation (void)
{
  g_autoptr(PdCampaign) campaign = make_campaign ();
  g_autoptr(PdTheme) theme = pd_theme_new ();
  g_autoptr(PdProject) project = pd_project_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GString) long_name = g_string_new (NULL);
  PdCampaignProject *item;

  g_assert_true (pd_record_validate (PD_RECORD (campaign), &error));
  g_assert_no_error (error);

  /* End after start. */
  start = g_date_time_ref (pd_campaign_get_starts_at (campaign));
  pd_campaign_set_ends_at (campaign, start);
  assert_invalid (PD_RECORD (campaign), PD_VALIDATION_ERROR_PERIOD);
  {
    g_autoptr(GDateTime) end = g_date_time_add_days (start, 1);
    pd_campaign_set_ends_at (campaign, end);
  }

  pd_campaign_set_coin_value_micros (campaign, 0);
  assert_invalid (PD_RECORD (campaign), PD_VALIDATION_ERROR_COIN_VALUE);
  pd_campaign_set_coin_value_micros (campaign, 10000);

  item = pd_campaign_find_project (campaign, "6f1c1c5e-4b8e-4f0a-9a57-111111111111", NULL);
  pd_campaign_project_set_target_coins (item, -1);
  assert_invalid (PD_RECORD (campaign), PD_VALIDATION_ERROR_NEGATIVE);
  pd_campaign_project_set_target_coins (item, 0);

  /* 200 characters are fine (counted as characters, not bytes). */
  for (guint i = 0; i < 200; i++)
    g_string_append (long_name, "ü");
  pd_campaign_set_name (campaign, long_name->str);
  g_assert_true (pd_record_validate (PD_RECORD (campaign), NULL));
  g_string_append (long_name, "x");
  pd_campaign_set_name (campaign, long_name->str);
  assert_invalid (PD_RECORD (campaign), PD_VALIDATION_ERROR_TOO_LONG);
  pd_campaign_set_name (campaign, "   ");
  assert_invalid (PD_RECORD (campaign), PD_VALIDATION_ERROR_REQUIRED);
  pd_campaign_set_name (campaign, "Ostern");

  pd_campaign_set_default_language (campaign, "nl");
  assert_invalid (PD_RECORD (campaign), PD_VALIDATION_ERROR_LANGUAGE);
  pd_campaign_set_default_language (campaign, "de");

  pd_campaign_set_currency (campaign, "euro");
  assert_invalid (PD_RECORD (campaign), PD_VALIDATION_ERROR_INVALID);
  pd_campaign_set_currency (campaign, "EUR");
  pd_campaign_set_time_zone (campaign, "Mars/Olympus");
  assert_invalid (PD_RECORD (campaign), PD_VALIDATION_ERROR_INVALID);

  pd_theme_set_name (theme, "Bahn Grün");
  g_assert_true (pd_record_validate (PD_RECORD (theme), NULL));
  pd_theme_set_accent_color (theme, "#12345");
  assert_invalid (PD_RECORD (theme), PD_VALIDATION_ERROR_COLOR);
  pd_theme_set_accent_color (theme, "#12345g");
  assert_invalid (PD_RECORD (theme), PD_VALIDATION_ERROR_COLOR);
  pd_theme_set_accent_color (theme, "#12345F");
  pd_theme_set_corner_radius (theme, 49);
  assert_invalid (PD_RECORD (theme), PD_VALIDATION_ERROR_OUT_OF_RANGE);

  assert_invalid (PD_RECORD (project), PD_VALIDATION_ERROR_REQUIRED);
  pd_project_set_title (project, "Neue Trikots");
  pd_project_set_default_target_coins (project, -5);
  assert_invalid (PD_RECORD (project), PD_VALIDATION_ERROR_NEGATIVE);
}

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     gpointer    user_data)
{
  GArray *log = user_data;
  guint entry[3] = { position, removed, added };

  g_array_append_vals (log, entry, 3);
}

static void
test_list_models (void)
{
  g_autoptr(PdCampaign) campaign = make_campaign ();
  g_autoptr(GArray) log = g_array_new (FALSE, FALSE, sizeof (guint));
  GListModel *projects = pd_campaign_get_projects (campaign);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(PdCampaignProject) first = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_type_is_a (g_list_model_get_item_type (projects), PD_TYPE_CAMPAIGN_PROJECT));
  g_signal_connect (projects, "items-changed", G_CALLBACK (on_items_changed_cb), log);

  pd_campaign_add_project (campaign, "6f1c1c5e-4b8e-4f0a-9a57-333333333333", 5, 0);
  g_assert_cmpuint (log->len, ==, 3);
  g_assert_cmpuint (g_array_index (log, guint, 0), ==, 0);
  g_assert_cmpuint (g_array_index (log, guint, 2), ==, 1);
  /* Adding one that is there already changes nothing. */
  pd_campaign_add_project (campaign, "6f1c1c5e-4b8e-4f0a-9a57-333333333333", 5, 0);
  g_assert_cmpuint (log->len, ==, 3);

  pd_campaign_move_project (campaign, 0, 2);
  g_assert_cmpuint (g_list_model_get_n_items (projects), ==, 3);
  {
    g_autoptr(PdCampaignProject) last = g_list_model_get_item (projects, 2);
    g_assert_cmpstr (pd_campaign_project_get_project_id (last), ==, "6f1c1c5e-4b8e-4f0a-9a57-333333333333");
  }

  /* Loading JSON with the same projects updates the items in place… */
  node = pd_record_to_json (PD_RECORD (campaign));
  json_object_set_int_member (json_array_get_object_element (
      json_object_get_array_member (json_node_get_object (node), "projects"), 0), "target_coins", 777);
  first = g_list_model_get_item (projects, 0);
  g_array_set_size (log, 0);
  g_assert_true (pd_record_load_json (PD_RECORD (campaign), node, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (log->len, ==, 0);
  g_assert_cmpint (pd_campaign_project_get_target_coins (first), ==, 777);

  /* …and replaces the list when they differ. */
  json_array_remove_element (json_object_get_array_member (json_node_get_object (node), "projects"), 1);
  g_assert_true (pd_record_load_json (PD_RECORD (campaign), node, &error));
  g_assert_cmpuint (log->len, ==, 3);
  g_assert_cmpuint (g_array_index (log, guint, 1), ==, 3);
  g_assert_cmpuint (g_array_index (log, guint, 2), ==, 2);

  g_assert_true (pd_campaign_remove_project (campaign, "6f1c1c5e-4b8e-4f0a-9a57-333333333333"));
  g_assert_cmpuint (g_list_model_get_n_items (projects), ==, 1);
  g_signal_handlers_disconnect_by_func (projects, on_items_changed_cb, log);
}

static void
test_other_records_roundtrip (void)
{
  g_autoptr(PdProject) project = pd_project_new ();
  g_autoptr(PdTheme) theme = pd_theme_new ();
  g_autoptr(PdVoucherBatch) batch = pd_voucher_batch_new ("6f1c1c5e-4b8e-4f0a-9a57-111111111111");
  g_autoptr(GDateTime) expires = g_date_time_new_from_iso8601 ("2027-01-31T23:59:59+01:00", NULL);
  PdRecord *records[3];

  pd_project_set_title (project, "Spielplatz Kastanienallee");
  pd_project_set_organisation (project, "Förderverein Kita Sonnenschein e.V.");
  pd_project_set_category (project, "Kinder");
  pd_project_set_website (project, "https://example.org");
  pd_project_set_default_target_coins (project, 250000);
  pd_theme_set_name (theme, "Stadtwerke");
  pd_theme_set_primary_color (theme, "#00594f");
  pd_voucher_batch_set_label (batch, "Fahrradleihe Dezember");
  pd_voucher_batch_set_count (batch, 5000);
  pd_voucher_batch_set_coins_per_voucher (batch, 100);
  pd_voucher_batch_set_expires_at (batch, expires);

  records[0] = PD_RECORD (project);
  records[1] = PD_RECORD (theme);
  records[2] = PD_RECORD (batch);
  for (guint i = 0; i < G_N_ELEMENTS (records); i++)
    {
      g_autoptr(JsonNode) node = pd_record_to_json (records[i]);
      g_autoptr(JsonNode) again = NULL;
      g_autoptr(PdRecord) copy = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_true (pd_record_validate (records[i], &error));
      g_assert_no_error (error);
      copy = pd_record_new_from_json (G_OBJECT_TYPE (records[i]), node, &error);
      g_assert_no_error (error);
      again = pd_record_to_json (copy);
      g_assert_true (pd_json_equal (node, again));
      g_assert_true (pd_record_type_from_kind (pd_record_get_kind (records[i])) == G_OBJECT_TYPE (records[i]));
    }

  {
    g_autoptr(JsonNode) node = pd_record_to_json (PD_RECORD (theme));
    JsonObject *colors = json_object_get_object_member (json_node_get_object (node), "colors");

    g_assert_cmpstr (json_object_get_string_member (colors, "primary"), ==, "#00594f");
  }
}

static void
test_merge_patch_and_three_way (void)
{
  g_autoptr(JsonNode) base = parse ("{\"name\": \"A\", \"budget\": 1, \"texts\": {\"de\": {\"title\": \"T\", \"intro\": \"I\"}}, \"gone\": true}");
  g_autoptr(JsonNode) local = parse ("{\"name\": \"B\", \"budget\": 1, \"texts\": {\"de\": {\"title\": \"T2\", \"intro\": \"I\"}}}");
  g_autoptr(JsonNode) remote = parse ("{\"name\": \"A\", \"budget\": 2, \"texts\": {\"de\": {\"title\": \"T\", \"intro\": \"I2\"}}, \"gone\": true}");
  g_autoptr(JsonNode) patch = pd_json_merge_patch_diff (base, local);
  g_autoptr(JsonNode) applied = pd_json_merge_patch_apply (base, patch);
  g_autoptr(JsonNode) expected_patch = parse ("{\"name\": \"B\", \"texts\": {\"de\": {\"title\": \"T2\"}}, \"gone\": null}");
  g_autoptr(JsonNode) merged = NULL;
  g_autoptr(JsonNode) expected = parse ("{\"name\": \"B\", \"budget\": 2, \"texts\": {\"de\": {\"title\": \"T2\", \"intro\": \"I2\"}}}");
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(JsonNode) remote2 = parse ("{\"name\": \"C\", \"budget\": 1, \"texts\": {\"de\": {\"title\": \"T3\", \"intro\": \"I\"}}, \"gone\": true}");
  g_auto(GStrv) changed = pd_json_changed_fields (base, local);

  g_assert_true (pd_json_equal (patch, expected_patch));
  g_assert_true (pd_json_equal (applied, local));

  g_assert_cmpuint (g_strv_length (changed), ==, 3);
  g_assert_cmpstr (changed[0], ==, "gone");
  g_assert_cmpstr (changed[1], ==, "name");
  g_assert_cmpstr (changed[2], ==, "texts");

  /* Different fields merge, nested objects included. */
  merged = pd_json_three_way_merge (base, local, remote, &conflicts);
  g_assert_cmpuint (conflicts->len, ==, 0);
  g_assert_true (pd_json_equal (merged, expected));
  g_clear_pointer (&merged, json_node_unref);
  g_clear_pointer (&conflicts, g_ptr_array_unref);

  /* The same fields changed differently: conflicts, local kept. */
  merged = pd_json_three_way_merge (base, local, remote2, &conflicts);
  g_assert_cmpuint (conflicts->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (conflicts, 0), ==, "name");
  g_assert_cmpstr (g_ptr_array_index (conflicts, 1), ==, "texts.de.title");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (merged), "name"), ==, "B");
}

static void
test_finalizes (void)
{
  PdCampaign *campaign = make_campaign ();
  GListModel *projects = pd_campaign_get_projects (campaign);
  g_autoptr(PdCampaignProject) item = g_list_model_get_item (projects, 0);
  PdCampaignProject *item_pointer = item;

  g_object_add_weak_pointer (G_OBJECT (campaign), (gpointer *) &campaign);
  g_object_add_weak_pointer (G_OBJECT (projects), (gpointer *) &projects);
  g_object_add_weak_pointer (G_OBJECT (item_pointer), (gpointer *) &item_pointer);

  g_object_unref (campaign);
  g_assert_null (campaign);
  g_assert_null (projects);
  /* An item someone still holds survives its list. */
  g_assert_nonnull (item_pointer);
  g_clear_object (&item);
  g_assert_null (item_pointer);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/campaign/defaults", test_campaign_defaults);
  g_test_add_func ("/model/campaign/notify", test_campaign_notify);
  g_test_add_func ("/model/campaign/slug-published", test_campaign_slug_published);
  g_test_add_func ("/model/campaign/json-roundtrip", test_campaign_json_roundtrip);
  g_test_add_func ("/model/json/errors", test_json_errors);
  g_test_add_func ("/model/validation", test_validation);
  g_test_add_func ("/model/list-models", test_list_models);
  g_test_add_func ("/model/other-records", test_other_records_roundtrip);
  g_test_add_func ("/model/json/merge", test_merge_patch_and_three_way);
  g_test_add_func ("/model/finalizes", test_finalizes);

  return g_test_run ();
}
