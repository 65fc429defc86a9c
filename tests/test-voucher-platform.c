/* test-voucher-platform.c: codes from our generator go to the reference
 * platform, simulated donors redeem them, and the stats the platform
 * reports read into PdCampaignStats consistently and export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "pd-campaign-stats.h"
#include "pd-platform-fixture.h"
#include "pd-results-export.h"
#include "pd-test-utils.h"
#include "pd-voucher-generator.h"

#define CAMPAIGN "00000000-0000-4000-8000-00000000c001"
#define PROJECT_EASY "00000000-0000-4000-8000-00000000e001"
#define PROJECT_HARD "00000000-0000-4000-8000-00000000e002"
#define BATCH "00000000-0000-4000-8000-00000000b001"
#define VOUCHERS 300
#define COINS 10

static void
put (PdPlatformFixture *platform,
     const char        *token,
     const char        *path,
     const char        *body)
{
  g_autoptr(PdResponse) r = pd_platform_json (platform, "PUT", path, token, body, "If-None-Match", "*", NULL);

  pd_assert_status (r, 201);
}

static char *
codes_body (void)
{
  g_autoptr(PdVoucherGenerator) generator = pd_voucher_generator_new (VOUCHERS);
  g_autoptr(GArray) codes = NULL;
  g_autoptr(GError) error = NULL;
  GString *body = g_string_new ("{\"chunk\": 0, \"codes\": [");
  GAsyncResult *done = NULL;

  pd_voucher_generator_generate_async (generator, NULL, pd_test_async_cb, &done);
  pd_test_wait_async (&done);
  codes = pd_voucher_generator_generate_finish (generator, done, &error);
  g_assert_no_error (error);
  g_clear_object (&done);

  for (guint i = 0; i < codes->len; i++)
    {
      char code[PD_VOUCHER_CODE_LENGTH + 1];

      pd_voucher_code_format (&g_array_index (codes, PdVoucherCodeValue, i), code);
      g_string_append_printf (body, "%s\"%s\"", i ? ", " : "", code);
    }
  g_string_append (body, "]}");
  return g_string_free (body, FALSE);
}

static PdCampaignStats *
fetch_stats (PdPlatformFixture *platform,
             const char        *token)
{
  g_autoptr(PdResponse) r = pd_platform_request (platform, "GET", "/v1/campaigns/" CAMPAIGN "/stats",
                                                 token, NULL, NULL, 0, NULL);
  g_autoptr(GError) error = NULL;
  PdCampaignStats *stats;

  pd_assert_status (r, 200);
  stats = pd_campaign_stats_new_from_json (r->json, &error);
  g_assert_no_error (error);
  return stats;
}

static void
test_stats (void)
{
  PdPlatformFixture *platform = pd_platform_fixture_start ("--admin", "--simulate-donors", "400", NULL);
  g_autofree char *api = pd_platform_admin_tenant (platform, "Bahn", "m@example.com", "secret-pass", NULL);
  g_autofree char *token = pd_platform_sign_in (platform, "m@example.com", "secret-pass");
  g_autofree char *codes = codes_body ();
  g_autoptr(GDateTime) now = pd_now_utc ();
  g_autoptr(GDateTime) start = g_date_time_add_hours (now, -1);
  g_autoptr(GDateTime) end = g_date_time_add_days (now, 30);
  g_autofree char *start_text = g_date_time_format (start, "%Y-%m-%dT%H:%M:%SZ");
  g_autofree char *end_text = g_date_time_format (end, "%Y-%m-%dT%H:%M:%SZ");
  g_autofree char *campaign = NULL;
  g_autoptr(PdCampaignStats) stats = NULL;
  g_autoptr(PdResponse) uploaded = NULL;
  g_autoptr(PdResponse) published = NULL;
  gint64 sum_coins = 0, sum_redemptions = 0, sum_day_coins = 0;
  guint payouts_expected = 0;

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *path = g_strdup_printf ("/v1/projects/%s", i == 0 ? PROJECT_EASY : PROJECT_HARD);
      g_autofree char *body = g_strdup_printf ("{\"title\": \"Projekt %u\", \"organisation\": \"Verein\","
                                               " \"description\": \"Gut\", \"category\": \"sport\","
                                               " \"location\": \"Köln\", \"default_target_coins\": 100,"
                                               " \"source\": \"client\"}", i);

      put (platform, token, path, body);
    }
  campaign = g_strdup_printf ("{\"name\": \"Radspende\", \"slug\": \"radspende\", \"status\": \"draft\","
                              " \"starts_at\": \"%s\", \"ends_at\": \"%s\", \"time_zone\": \"Europe/Berlin\","
                              " \"currency\": \"EUR\", \"coin_value_micros\": 10000, \"voucher_budget_coins\": 100000,"
                              " \"funding_type\": \"donation\", \"default_language\": \"de\","
                              " \"texts\": {\"de\": {\"title\": \"Radspende\", \"intro\": \"Hallo\", \"thank_you\": \"Danke\", \"faq\": []}},"
                              " \"projects\": [{\"project_id\": \"" PROJECT_EASY "\", \"target_coins\": 50},"
                              "              {\"project_id\": \"" PROJECT_HARD "\", \"target_coins\": 1000000}],"
                              " \"page_blocks\": []}", start_text, end_text);
  put (platform, token, "/v1/campaigns/" CAMPAIGN, campaign);
  put (platform, token, "/v1/voucher-batches/" BATCH,
       "{\"campaign_id\": \"" CAMPAIGN "\", \"label\": \"Kunden\", \"count\": 300,"
       " \"coins_per_voucher\": 10, \"expires_at\": \"2099-06-30T23:59:59Z\"}");
  uploaded = pd_platform_json (platform, "POST", "/v1/voucher-batches/" BATCH "/codes", token, codes,
                               "Idempotency-Key", "codes-0", NULL);
  pd_assert_status (uploaded, 200);
  g_assert_cmpint (pd_response_int (uploaded, "accepted"), ==, VOUCHERS);
  published = pd_platform_json (platform, "POST", "/v1/campaigns/" CAMPAIGN "/publish", token, "{}",
                                "If-Match", "\"1\"", "Idempotency-Key", "publish-1", NULL);
  pd_assert_status (published, 200);

  /* Donors redeem about 400 a second; wait until most have. */
  for (guint attempt = 0; attempt < 100; attempt++)
    {
      g_clear_object (&stats);
      stats = fetch_stats (platform, token);
      if (pd_campaign_stats_get_vouchers_redeemed (stats) >= VOUCHERS / 2)
        break;
      g_usleep (G_USEC_PER_SEC / 5);
    }

  g_test_message ("%" G_GINT64_FORMAT " redeemed, %" G_GINT64_FORMAT " coins, %u payouts",
                  pd_campaign_stats_get_vouchers_redeemed (stats), pd_campaign_stats_get_coins_redeemed (stats),
                  pd_campaign_stats_get_n_payouts (stats));
  g_assert_cmpint (pd_campaign_stats_get_vouchers_issued (stats), ==, VOUCHERS);
  g_assert_cmpint (pd_campaign_stats_get_vouchers_redeemed (stats), >=, VOUCHERS / 2);
  g_assert_cmpint (pd_campaign_stats_get_vouchers_redeemed (stats) + pd_campaign_stats_get_vouchers_expired (stats),
                   <=, VOUCHERS);
  g_assert_cmpint (pd_campaign_stats_get_unredeemed_coins (stats), ==,
                   (VOUCHERS - pd_campaign_stats_get_vouchers_redeemed (stats)
                    - pd_campaign_stats_get_vouchers_expired (stats)) * COINS);

  g_assert_cmpuint (pd_campaign_stats_get_n_projects (stats), ==, 2);
  for (guint i = 0; i < pd_campaign_stats_get_n_projects (stats); i++)
    {
      const PdCampaignStatsProject *p = pd_campaign_stats_get_project (stats, i);

      sum_coins += p->coins;
      payouts_expected += p->coins >= p->target_coins;
    }
  g_assert_cmpint (sum_coins, ==, pd_campaign_stats_get_coins_redeemed (stats));
  for (guint i = 0; i < pd_campaign_stats_get_n_days (stats); i++)
    {
      sum_redemptions += pd_campaign_stats_get_day (stats, i)->redemptions;
      sum_day_coins += pd_campaign_stats_get_day (stats, i)->coins;
    }
  g_assert_cmpint (sum_redemptions, ==, pd_campaign_stats_get_vouchers_redeemed (stats));
  g_assert_cmpint (sum_day_coins, ==, pd_campaign_stats_get_coins_redeemed (stats));

  /* The easy project (50 coins) is reached, the hard one (a million) not. */
  g_assert_cmpuint (pd_campaign_stats_get_n_payouts (stats), ==, payouts_expected);
  for (guint i = 0; i < pd_campaign_stats_get_n_payouts (stats); i++)
    {
      const PdCampaignStatsPayout *payout = pd_campaign_stats_get_payout (stats, i);

      g_assert_cmpstr (payout->project_id, !=, PROJECT_HARD);
      g_assert_cmpstr (payout->currency, ==, "EUR");
      g_assert_cmpint (payout->amount_micros % 10000, ==, 0);
    }

  /* The cached form reads back alike, and the results export. */
  {
    g_autoptr(JsonNode) cached = pd_campaign_stats_to_json (stats);
    g_autoptr(PdCampaignStats) again = pd_campaign_stats_new_from_json (cached, NULL);
    g_autoptr(PdResultsExport) export = pd_results_export_new (again, "Radspende", "EUR", 10000);
    g_autofree char *dir = pd_test_make_private_dir ();
    g_autofree char *path = g_build_filename (dir, "results.csv", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autofree char *contents = NULL;
    g_autofree char *line = NULL;
    GAsyncResult *done = NULL;

    g_assert_nonnull (again);
    g_assert_cmpint (pd_campaign_stats_get_coins_redeemed (again), ==, pd_campaign_stats_get_coins_redeemed (stats));
    pd_results_export_set_project_title (export, PROJECT_EASY, "Projekt 0");
    pd_results_export_write_csv_async (export, file, NULL, pd_test_async_cb, &done);
    pd_test_wait_async (&done);
    g_assert_true (pd_results_export_write_csv_finish (export, done, NULL));
    g_clear_object (&done);
    g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
    line = g_strdup_printf ("\nvouchers_redeemed,%" G_GINT64_FORMAT "\n", pd_campaign_stats_get_vouchers_redeemed (stats));
    g_assert_nonnull (strstr (contents, line));
    g_assert_nonnull (strstr (contents, "\n" PROJECT_EASY ",Projekt 0,"));
    pd_test_remove_tree (dir);
  }

  pd_platform_fixture_stop (platform);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/voucher/platform/stats", test_stats);

  return g_test_run ();
}
