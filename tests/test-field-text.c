/* test-field-text.c: record fields as the conflicts dialog shows them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pd-field-text.h"
#include "pd-test-utils.h"

static JsonNode *
parse (const char *json)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (json, &error);

  g_assert_no_error (error);
  return node;
}

static void
check_value (const char *kind,
             const char *path,
             const char *value_json,
             JsonNode   *record,
             const char *expected)
{
  g_autoptr(JsonNode) value = value_json != NULL ? parse (value_json) : NULL;
  g_autofree char *text = pd_field_text_dup_value (kind, path, value, record);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_labels (void)
{
  static const struct { const char *kind, *path, *label; } cases[] = {
    { "campaign", "name", "Name" },
    { "campaign", "voucher_budget_coins", "Voucher budget" },
    { "campaign", "starts_at", "Start" },
    { "campaign", "texts.de.title", "Title (German)" },
    { "campaign", "texts.nl.thank_you", "Thank-you message (Dutch)" },
    { "campaign", "texts.xx.intro", "Introduction (XX)" },
    { "project", "organisation", "Organisation" },
    { "theme", "colors.primary", "Main colour" },
    /* Unknown fields still get a readable label, never hidden. */
    { "campaign", "donation_receipt_note", "Donation receipt note" },
    { "widget", "title", "Title" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *label = pd_field_text_dup_label (cases[i].kind, cases[i].path);

      g_assert_cmpstr (label, ==, cases[i].label);
    }
  g_assert_cmpstr (pd_field_text_kind_title ("campaign"), ==, "Campaign");
  g_assert_cmpstr (pd_field_text_kind_title ("voucher-batch"), ==, "Voucher batch");
  g_assert_cmpstr (pd_field_text_kind_title ("something-new"), ==, "Record");
}

static void
test_values (void)
{
  g_autoptr(JsonNode) campaign = parse ("{\"currency\": \"EUR\", \"coin_value_micros\": 500000,"
                                        " \"time_zone\": \"Europe/Berlin\"}");
  g_autoptr(JsonNode) bare = parse ("{}");

  /* Money as money, coins with what they are worth. */
  check_value ("campaign", "coin_value_micros", "500000", campaign, "0.50 EUR");
  check_value ("campaign", "voucher_budget_coins", "3000", campaign, "3000 coins (1500.00 EUR)");
  check_value ("campaign", "voucher_budget_coins", "1", campaign, "1 coin (0.50 EUR)");
  check_value ("campaign", "voucher_budget_coins", "3000", bare, "3000 coins");
  check_value ("campaign", "voucher_budget_coins", "3000", NULL, "3000 coins");
  /* Dates in the campaign's time zone. */
  check_value ("campaign", "starts_at", "\"2027-03-01T09:00:00Z\"", campaign, "1 March 2027, 10:00");
  check_value ("campaign", "ends_at", "\"not a date\"", campaign, "not a date");
  /* Names for API values. */
  check_value ("campaign", "status", "\"live\"", campaign, "Live");
  check_value ("campaign", "status", "\"unheard-of\"", campaign, "unheard-of");
  check_value ("campaign", "funding_type", "\"sponsorship\"", campaign, "Sponsorship");
  check_value ("campaign", "default_language", "\"nl\"", campaign, "Dutch");
  /* Lists as counts; empty and missing said so. */
  check_value ("campaign", "projects", "[\"a\", \"b\"]", campaign, "2 projects");
  check_value ("campaign", "texts.de.faq", "[{}]", campaign, "1 question");
  check_value ("campaign", "page_blocks", "[]", campaign, "0 blocks");
  check_value ("campaign", "name", "\"\"", campaign, "Empty");
  check_value ("campaign", "name", NULL, campaign, "Not set");
  check_value ("campaign", "theme_id", "null", campaign, "Not set");
  check_value ("campaign", "name", "\"Spring <Appeal> & more\"", campaign, "Spring <Appeal> & more");
  check_value ("theme", "corner_radius", "12", NULL, "12");
  check_value ("theme", "rounded", "true", NULL, "Yes");
  check_value ("theme", "colors", "{\"primary\": \"#123456\"}", NULL, "1 setting");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/field-text/labels", test_labels);
  g_test_add_func ("/field-text/values", test_values);

  return g_test_run ();
}
