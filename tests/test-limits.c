/* test-limits.c: sizes and amounts the client refuses before they go wrong
 *
 * Images above the platform's limit are refused before anything is
 * stored; money amounts whose product passes 64 bits are refused when
 * set, and shown as "too large", never as a wrapped number.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "pd-money-format.h"
#include "pd-store.h"
#include "pd-test-utils.h"
#include "pd-validation.h"

#define TOO_LARGE_END "at this coin value it would be worth more money than the app can count. " \
                      "Choose a smaller number or a smaller coin value."

static GBytes *
png_of_size (gsize size)
{
  static const guchar signature[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  guchar *data = g_malloc0 (size);

  memcpy (data, signature, sizeof signature);
  /* Distinct sizes, distinct hashes. */
  data[size - 1] = (guchar) size;
  return g_bytes_new_take (data, size);
}

/* Files below @path, in folders of any depth. */
static guint
count_files (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;
  guint n = 0;

  if (dir == NULL)
    return g_file_test (path, G_FILE_TEST_IS_REGULAR) ? 1 : 0;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      n += count_files (child);
    }
  return n;
}

/* The store takes images up to PD_ASSET_MAX_BYTES, as the project dialog
 * always did: theme and block images go through the same call. */
static void
test_asset_size (void)
{
  g_autofree char *dir = pd_test_make_private_dir ();
  g_autofree char *path = g_build_filename (dir, "workspace.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStore) store = pd_store_open (path, &error);
  g_autoptr(GBytes) largest = png_of_size (PD_ASSET_MAX_BYTES);
  g_autoptr(PdAsset) asset = NULL;
  static const gsize too_large[] = { PD_ASSET_MAX_BYTES + 1, 16 * 1024 * 1024, 16 * 1024 * 1024 + 1 };

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (too_large); i++)
    {
      g_autoptr(GBytes) bytes = png_of_size (too_large[i]);
      g_autofree char *sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
      g_autoptr(PdAsset) refused = pd_store_add_asset (store, bytes, "image/png", &error);
      g_autoptr(PdAsset) stored = NULL;

      g_assert_null (refused);
      g_assert_error (error, PD_VALIDATION_ERROR, PD_VALIDATION_ERROR_OUT_OF_RANGE);
      g_assert_cmpstr (error->message, ==, "The image is larger than 10 MB. Please choose a smaller one.");
      g_clear_error (&error);
      stored = pd_store_get_asset (store, sha256);
      g_assert_null (stored);
      g_assert_cmpuint (count_files (pd_store_get_assets_dir (store)), ==, 0);
    }

  asset = pd_store_add_asset (store, largest, "image/png", &error);
  g_assert_no_error (error);
  g_assert_cmpint (pd_asset_get_size (asset), ==, PD_ASSET_MAX_BYTES);
  g_assert_cmpuint (count_files (pd_store_get_assets_dir (store)), ==, 1);

  g_clear_object (&store);
  pd_test_remove_tree (dir);
}

static PdCampaign *
make_campaign (gint64 coin_value_micros)
{
  PdCampaign *campaign = pd_campaign_new ();

  pd_campaign_set_name (campaign, "Big money");
  pd_campaign_text_set_title (pd_campaign_ensure_text (campaign, pd_campaign_get_default_language (campaign)),
                              "Big money");
  pd_campaign_set_coin_value_micros (campaign, coin_value_micros);
  return campaign;
}

static void
assert_refused (PdRecord   *record,
                const char *message)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (pd_record_validate (record, &error));
  g_assert_error (error, PD_VALIDATION_ERROR, PD_VALIDATION_ERROR_OUT_OF_RANGE);
  g_assert_cmpstr (error->message, ==, message);
}

static void
assert_valid (PdRecord *record)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pd_record_validate (record, &error));
  g_assert_no_error (error);
}

/* A budget or target whose money passes 2^63 micros is refused when the
 * campaign is saved, as is a sum of targets that does. The largest that
 * fit are taken. */
static void
test_money_validation (void)
{
  /* 1,000 EUR a coin: G_MAXINT64 / 10^9 coins at most. */
  const gint64 coin_value = 1000 * 1000000;
  const gint64 most = G_MAXINT64 / coin_value;
  g_autoptr(PdCampaign) campaign = make_campaign (coin_value);
  g_autoptr(PdCampaign) cheap = make_campaign (1);
  g_autoptr(PdVoucherBatch) batch = pd_voucher_batch_new (pd_record_get_id (PD_RECORD (campaign)));
  g_autoptr(GDateTime) expires = g_date_time_new_utc (2030, 1, 1, 0, 0, 0);

  assert_valid (PD_RECORD (campaign));

  /* The details page's budget goes up to 10^12 coins. */
  pd_campaign_set_voucher_budget_coins (campaign, 1000000000000);
  assert_refused (PD_RECORD (campaign), "The voucher budget is too large: " TOO_LARGE_END);
  pd_campaign_set_voucher_budget_coins (campaign, most + 1);
  assert_refused (PD_RECORD (campaign), "The voucher budget is too large: " TOO_LARGE_END);
  pd_campaign_set_voucher_budget_coins (campaign, most);
  assert_valid (PD_RECORD (campaign));

  pd_campaign_add_project (campaign, "6f1c1c5e-4b8e-4f0a-9a57-111111111111", most + 1, G_MAXUINT);
  assert_refused (PD_RECORD (campaign), "A project’s donation target is too large: " TOO_LARGE_END);
  {
    g_autoptr(PdCampaignProject) item = g_list_model_get_item (pd_campaign_get_projects (campaign), 0);

    pd_campaign_project_set_target_coins (item, most);
  }
  assert_valid (PD_RECORD (campaign));
  pd_campaign_add_project (campaign, "6f1c1c5e-4b8e-4f0a-9a57-222222222222", 1, G_MAXUINT);
  assert_refused (PD_RECORD (campaign), "The sum of the donation targets is too large: " TOO_LARGE_END);

  /* At one micro a coin, each target fits on its own, their sum in coins
   * does not. */
  pd_campaign_add_project (cheap, "6f1c1c5e-4b8e-4f0a-9a57-111111111111", G_MAXINT64 / 2 + 1, G_MAXUINT);
  assert_valid (PD_RECORD (cheap));
  pd_campaign_add_project (cheap, "6f1c1c5e-4b8e-4f0a-9a57-222222222222", G_MAXINT64 / 2 + 1, G_MAXUINT);
  assert_refused (PD_RECORD (cheap), "The sum of the donation targets is too large: " TOO_LARGE_END);

  /* A batch's coins: vouchers × coins each. */
  pd_voucher_batch_set_label (batch, "Huge");
  pd_voucher_batch_set_expires_at (batch, expires);
  pd_voucher_batch_set_count (batch, 1000000);
  pd_voucher_batch_set_coins_per_voucher (batch, G_MAXINT64 / 1000000);
  assert_valid (PD_RECORD (batch));
  pd_voucher_batch_set_coins_per_voucher (batch, G_MAXINT64 / 1000000 + 1);
  assert_refused (PD_RECORD (batch),
                  "This batch is worth more coins than the app can count. Choose fewer vouchers or fewer coins per voucher.");
}

/* What cannot be counted is said, never shown as a wrapped number. */
static void
test_money_display (void)
{
  g_autofree char *normal = pd_money_format_coins_display (250000, 10000, "EUR");
  g_autofree char *largest = pd_money_format_coins_display (G_MAXINT64 / 10000, 10000, "EUR");
  g_autofree char *over = pd_money_format_coins_display (G_MAXINT64 / 10000 + 1, 10000, "EUR");
  g_autofree char *budget = pd_money_format_coins_display (1000000000000, 1000 * 1000000, "EUR");
  g_autofree char *negative = pd_money_format_coins_display (G_MININT64, 2, "EUR");

  g_assert_cmpstr (normal, ==, "2500.00 EUR");
  g_assert_cmpstr (largest, ==, "9223372036854.77 EUR");
  g_assert_cmpstr (over, ==, "amount too large");
  g_assert_cmpstr (budget, ==, "amount too large");
  g_assert_cmpstr (negative, ==, "amount too large");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/limits/asset-size", test_asset_size);
  g_test_add_func ("/limits/money-validation", test_money_validation);
  g_test_add_func ("/limits/money-display", test_money_display);

  return g_test_run ();
}
