/* test-campaign-stats.c: reading the platform's stats, and the results
 * exports (CSV, PDF report)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "pd-campaign-stats.h"
#include "pd-results-export.h"
#include "pd-test-utils.h"

#define P1 "6f1c1b9e-8a57-4d59-9d2b-0f4a3c1e2d10"
#define P2 "0b2d4e6f-1a3c-4e5f-8a9b-c0d1e2f3a4b5"

static const char sample[] =
  "{\"vouchers_issued\": 5000, \"vouchers_redeemed\": 1200, \"vouchers_expired\": 30,"
  " \"coins_redeemed\": 120000, \"unredeemed_coins\": 377000,"
  " \"projects\": [{\"project_id\": \"" P1 "\", \"coins\": 80000, \"target_coins\": 50000},"
  "                {\"project_id\": \"" P2 "\", \"coins\": 40000, \"target_coins\": 100000}],"
  " \"timeline\": [{\"date\": \"2026-12-02\", \"redemptions\": 700, \"coins\": 70000},"
  "              {\"date\": \"2026-12-01\", \"redemptions\": 500, \"coins\": 50000}],"
  " \"payouts_due\": [{\"project_id\": \"" P1 "\", \"amount_micros\": 800000000, \"currency\": \"EUR\"}],"
  " \"generated_at\": \"2026-12-02T18:00:00+01:00\", \"unknown_field\": [1, 2]}";

static PdCampaignStats *
load_sample (void)
{
  g_autoptr(GError) error = NULL;
  PdCampaignStats *stats = pd_campaign_stats_new_from_string (sample, &error);

  g_assert_no_error (error);
  g_assert_nonnull (stats);
  return stats;
}

static void
test_parse (void)
{
  g_autoptr(PdCampaignStats) stats = load_sample ();
  g_autoptr(PdCampaignStats) again = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) node_again = NULL;
  g_autoptr(GError) error = NULL;
  const PdCampaignStatsProject *p;
  const PdCampaignStatsPayout *payout;

  g_assert_cmpint (pd_campaign_stats_get_vouchers_issued (stats), ==, 5000);
  g_assert_cmpint (pd_campaign_stats_get_vouchers_redeemed (stats), ==, 1200);
  g_assert_cmpint (pd_campaign_stats_get_vouchers_expired (stats), ==, 30);
  g_assert_cmpint (pd_campaign_stats_get_coins_redeemed (stats), ==, 120000);
  g_assert_cmpint (pd_campaign_stats_get_unredeemed_coins (stats), ==, 377000);
  g_assert_cmpint (g_date_time_to_unix (pd_campaign_stats_get_generated_at (stats)), ==, 1796230800);

  g_assert_cmpuint (pd_campaign_stats_get_n_projects (stats), ==, 2);
  p = pd_campaign_stats_get_project (stats, 1);
  g_assert_cmpstr (p->project_id, ==, P2);
  g_assert_cmpint (p->coins, ==, 40000);
  g_assert_cmpint (p->target_coins, ==, 100000);

  /* Days are in date order whatever the platform's order. */
  g_assert_cmpuint (pd_campaign_stats_get_n_days (stats), ==, 2);
  g_assert_cmpstr (pd_campaign_stats_get_day (stats, 0)->date, ==, "2026-12-01");
  g_assert_cmpint (pd_campaign_stats_get_day (stats, 1)->redemptions, ==, 700);

  g_assert_cmpuint (pd_campaign_stats_get_n_payouts (stats), ==, 1);
  payout = pd_campaign_stats_get_payout (stats, 0);
  g_assert_cmpstr (payout->project_id, ==, P1);
  g_assert_cmpint (payout->amount_micros, ==, 800000000);
  g_assert_cmpstr (payout->currency, ==, "EUR");

  /* What is cached reads back the same. */
  node = pd_campaign_stats_to_json (stats);
  again = pd_campaign_stats_new_from_json (node, &error);
  g_assert_no_error (error);
  node_again = pd_campaign_stats_to_json (again);
  g_assert_true (json_node_equal (node, node_again));
  g_assert_cmpint (pd_campaign_stats_get_coins_redeemed (again), ==, 120000);
  g_assert_true (g_date_time_equal (pd_campaign_stats_get_generated_at (stats),
                                    pd_campaign_stats_get_generated_at (again)));
}

static void
assert_invalid (const char *from,
                const char *to,
                const char *field)
{
  g_autoptr(GString) json = g_string_new (sample);
  g_autoptr(GError) error = NULL;
  g_autoptr(PdCampaignStats) stats = NULL;

  g_assert_cmpuint (g_string_replace (json, from, to, 1), ==, 1);
  stats = pd_campaign_stats_new_from_string (json->str, &error);
  g_assert_null (stats);
  g_assert_error (error, PD_CAMPAIGN_STATS_ERROR, PD_CAMPAIGN_STATS_ERROR_INVALID);
  if (field != NULL)
    g_assert_nonnull (strstr (error->message, field));
}

static void
test_invalid (void)
{
  assert_invalid ("\"vouchers_issued\": 5000", "\"vouchers_issued\": -1", "“vouchers_issued”");
  assert_invalid ("\"vouchers_redeemed\": 1200,", "", "“vouchers_redeemed”");
  assert_invalid ("\"coins_redeemed\": 120000", "\"coins_redeemed\": \"120000\"", "“coins_redeemed”");
  assert_invalid ("\"unredeemed_coins\": 377000", "\"unredeemed_coins\": 1.5", "“unredeemed_coins”");
  assert_invalid ("\"target_coins\": 50000", "\"target_coins\": null", "“projects.target_coins”");
  assert_invalid ("\"2026-12-02\"", "\"2026-13-02\"", "“timeline.date”");
  assert_invalid ("\"2026-12-01\"", "\"yesterday\"", "“timeline.date”");
  assert_invalid ("\"currency\": \"EUR\"", "\"currency\": \"\"", "“payouts_due.currency”");
  assert_invalid ("\"generated_at\": \"2026-12-02T18:00:00+01:00\"", "\"generated_at\": \"soon\"", "“generated_at”");
  assert_invalid ("\"timeline\": [", "\"timeline\": [3, ", "“timeline”");
  assert_invalid ("\"payouts_due\": [", "\"payouts_due\": {\"a\": 1}, \"x\": [", "“payouts_due”");
  assert_invalid ("{\"vouchers_issued\"", "[{\"vouchers_issued\"", NULL);
  assert_invalid ("}", "", NULL);
}

static char *
run_tool (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &out, NULL, &status, &error))
    g_error ("Could not run %s (install poppler-utils): %s", argv[0], error->message);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static void
test_csv (void)
{
  g_autoptr(PdCampaignStats) stats = load_sample ();
  g_autoptr(PdResultsExport) export = pd_results_export_new (stats, "Winter, 2026", "EUR", 10000);
  g_autofree char *dir = pd_test_make_private_dir ();
  g_autofree char *path = g_build_filename (dir, "results.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  GAsyncResult *done = NULL;
  const char *expected =
    "metric,value\n"
    "campaign,\"Winter, 2026\"\n"
    "generated_at,2026-12-02T18:00:00+01:00\n"
    "vouchers_issued,5000\n"
    "vouchers_redeemed,1200\n"
    "vouchers_expired,30\n"
    "coins_redeemed,120000\n"
    "unredeemed_coins,377000\n"
    "unredeemed_value,3770.00\n"
    "currency,EUR\n"
    "\n"
    "project_id,project,coins,target_coins,progress_percent,value,currency\n"
    P1 ",\"Jerseys for \"\"FC Nord\"\"\",80000,50000,160,800.00,EUR\n"
    P2 ",Unknown project,40000,100000,40,400.00,EUR\n"
    "\n"
    "date,redemptions,coins\n"
    "2026-12-01,500,50000\n"
    "2026-12-02,700,70000\n"
    "\n"
    "project_id,project,amount,currency\n"
    P1 ",\"Jerseys for \"\"FC Nord\"\"\",800.00,EUR\n";

  pd_results_export_set_project_title (export, P1, "Jerseys for \"FC Nord\"");
  pd_results_export_write_csv_async (export, file, NULL, pd_test_async_cb, &done);
  pd_test_wait_async (&done);
  g_assert_true (pd_results_export_write_csv_finish (export, done, &error));
  g_assert_no_error (error);
  g_clear_object (&done);

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_cmpstr (contents, ==, expected);
  pd_test_remove_tree (dir);
}

static void
test_pdf (void)
{
  g_autoptr(GString) json = g_string_new ("{\"vouchers_issued\": 100000, \"vouchers_redeemed\": 9000, "
                                          "\"vouchers_expired\": 0, \"coins_redeemed\": 900000, "
                                          "\"unredeemed_coins\": 9100000, \"projects\": [");
  g_autoptr(PdCampaignStats) stats = NULL;
  g_autoptr(PdResultsExport) export = NULL;
  g_autofree char *dir = pd_test_make_private_dir ();
  g_autofree char *path = g_build_filename (dir, "results.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *info = NULL;
  g_autofree char *text = NULL;
  GAsyncResult *done = NULL;

  /* 120 projects and 90 days: more than one page. */
  for (guint i = 0; i < 120; i++)
    g_string_append_printf (json, "%s{\"project_id\": \"p%03u\", \"coins\": %u, \"target_coins\": 10000}",
                            i ? "," : "", i, i * 100);
  /* A few coins of a million, and a coin short of a million. */
  g_string_append (json, ",{\"project_id\": \"tiny\", \"coins\": 5, \"target_coins\": 1000000}"
                         ",{\"project_id\": \"close\", \"coins\": 999999, \"target_coins\": 1000000}");
  g_string_append (json, "], \"timeline\": [");
  for (guint i = 0; i < 90; i++)
    g_string_append_printf (json, "%s{\"date\": \"2026-%02u-%02u\", \"redemptions\": %u, \"coins\": %u}",
                            i ? "," : "", 9 + i / 30, 1 + i % 28, i, i * 100);
  g_string_append (json, "], \"payouts_due\": [{\"project_id\": \"p119\", \"amount_micros\": 119000000,"
                         " \"currency\": \"EUR\"}], \"generated_at\": \"2026-12-24T10:00:00Z\"}");
  stats = pd_campaign_stats_new_from_string (json->str, &error);
  g_assert_no_error (error);

  export = pd_results_export_new (stats, "Bahn Radspende", "EUR", 10000);
  pd_results_export_set_project_title (export, "p119", "Spielplatz Süd");
  pd_results_export_write_pdf_async (export, file, NULL, pd_test_async_cb, &done);
  pd_test_wait_async (&done);
  g_assert_true (pd_results_export_write_pdf_finish (export, done, &error));
  g_assert_no_error (error);
  g_clear_object (&done);

  info = run_tool ((const char *[]) { "pdfinfo", path, NULL });
  g_assert_true (g_regex_match_simple ("^Pages:\\s+[3-6]$", info, G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^Title:\\s+Results of “Bahn Radspende”$", info, G_REGEX_MULTILINE, 0));
  text = run_tool ((const char *[]) { "pdftotext", "-layout", path, "-", NULL });
  g_assert_nonnull (strstr (text, "Payouts due"));
  g_assert_nonnull (strstr (text, "Spielplatz Süd"));
  g_assert_nonnull (strstr (text, "119.00 EUR"));
  /* Over the target, the words say by how much. (pdftotext gives the
   * no-break space before '%' as a space.) */
  g_assert_nonnull (strstr (text, "11900 of 10000 coins (119 %)"));
  /* A few coins are something, not "0 %". */
  g_assert_nonnull (strstr (text, "100 of 10000 coins (1 %)"));
  g_assert_nonnull (strstr (text, "0 of 10000 coins (0 %)"));
  g_assert_nonnull (strstr (text, "5 of 1000000 coins (<1 %)"));
  g_assert_nonnull (strstr (text, "999999 of 1000000 coins (99 %)"));
  g_assert_null (strstr (text, "1000000 coins (100 %)"));
  /* 5700 / 10000 is 57 %, not the 56 % a double would round down to. */
  g_assert_nonnull (strstr (text, "5700 of 10000 coins (57 %)"));
  g_assert_nonnull (strstr (text, "91000.00 EUR"));
  if (g_getenv ("PD_TEST_KEEP") == NULL)
    pd_test_remove_tree (dir);
  else
    g_test_message ("kept %s", dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/results/stats/parse", test_parse);
  g_test_add_func ("/results/stats/invalid", test_invalid);
  g_test_add_func ("/results/export/csv", test_csv);
  g_test_add_func ("/results/export/pdf", test_pdf);

  return g_test_run ();
}
