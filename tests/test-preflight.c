/* test-preflight.c: the checklist before publishing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "pd-campaign.h"
#include "pd-preflight.h"
#include "pd-project.h"
#include "pd-test-utils.h"
#include "pd-voucher-batch.h"

typedef struct {
  PdCampaign *campaign;
  GListStore *batches;
  GListStore *projects;
  GDateTime  *now;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GDateTime) starts = g_date_time_new_utc (2026, 12, 1, 0, 0, 0);
  g_autoptr(GDateTime) ends = g_date_time_new_utc (2027, 2, 28, 0, 0, 0);
  g_autoptr(PdProject) jerseys = pd_project_new ();
  g_autoptr(PdProject) playground = pd_project_new ();
  PdCampaignText *text;

  f->now = g_date_time_new_utc (2026, 11, 20, 9, 0, 0);
  f->campaign = pd_campaign_new ();
  pd_campaign_set_name (f->campaign, "Winter");
  pd_campaign_set_starts_at (f->campaign, starts);
  pd_campaign_set_ends_at (f->campaign, ends);
  pd_campaign_set_voucher_budget_coins (f->campaign, 1000000);   /* 10,000 EUR */

  pd_project_set_title (jerseys, "Jerseys for FC Nord");
  pd_project_set_title (playground, "Playground Süd");
  f->projects = g_list_store_new (PD_TYPE_PROJECT);
  g_list_store_append (f->projects, jerseys);
  g_list_store_append (f->projects, playground);
  pd_campaign_add_project (f->campaign, pd_record_get_id (PD_RECORD (jerseys)), 300000, G_MAXUINT);
  pd_campaign_add_project (f->campaign, pd_record_get_id (PD_RECORD (playground)), 500000, G_MAXUINT);

  text = pd_campaign_ensure_text (f->campaign, "de");
  pd_campaign_text_set_title (text, "Winterspende");
  pd_campaign_text_set_intro (text, "Spenden Sie Ihre Münzen.");
  pd_campaign_text_set_thank_you (text, "Danke!");

  f->batches = g_list_store_new (PD_TYPE_VOUCHER_BATCH);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->campaign);
  g_clear_object (&f->batches);
  g_clear_object (&f->projects);
  g_clear_pointer (&f->now, g_date_time_unref);
}

static void
add_batch (Fixture    *f,
           const char *label,
           gint64      count,
           gint64      coins,
           GDateTime  *expires)
{
  g_autoptr(PdVoucherBatch) batch = pd_voucher_batch_new (pd_record_get_id (PD_RECORD (f->campaign)));

  pd_voucher_batch_set_label (batch, label);
  pd_voucher_batch_set_count (batch, count);
  pd_voucher_batch_set_coins_per_voucher (batch, coins);
  pd_voucher_batch_set_expires_at (batch, expires);
  g_list_store_append (f->batches, batch);
}

static GListModel *
run (Fixture *f,
     guint    percent)
{
  return pd_preflight_run (f->campaign, G_LIST_MODEL (f->batches), G_LIST_MODEL (f->projects), percent, f->now);
}

static PdPreflightItem *
find (GListModel *items,
      const char *check)
{
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(PdPreflightItem) item = g_list_model_get_item (items, i);

      if (g_strcmp0 (pd_preflight_item_get_check (item), check) == 0)
        return item;
    }
  return NULL;
}

static PdPreflightItem *
find_prefix (GListModel *items,
             const char *prefix)
{
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(PdPreflightItem) item = g_list_model_get_item (items, i);

      if (g_str_has_prefix (pd_preflight_item_get_check (item), prefix))
        return item;
    }
  return NULL;
}

static void
assert_item (GListModel          *items,
             const char          *check,
             PdPreflightSeverity  severity,
             const char          *fragment)
{
  PdPreflightItem *item = find (items, check);

  if (item == NULL)
    g_error ("No check “%s”", check);
  g_assert_cmpint (pd_preflight_item_get_severity (item), ==, severity);
  if (fragment != NULL && strstr (pd_preflight_item_get_message (item), fragment) == NULL)
    g_error ("“%s” does not say “%s”", pd_preflight_item_get_message (item), fragment);
}

static void
test_ready (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GDateTime) expires = g_date_time_new_utc (2027, 3, 31, 0, 0, 0);
  g_autoptr(GListModel) items = NULL;
  g_autoptr(PdVoucherBatch) other = NULL;

  add_batch (f, "Rail customers", 4000, 100, expires);
  add_batch (f, "Other campaign", 1, 1, expires);
  other = g_list_model_get_item (G_LIST_MODEL (f->batches), 1);
  pd_voucher_batch_set_campaign_id (other, "4b0c0f5e-3d9a-4f47-9a51-0d6f3c1b2a99");

  items = run (f, 35);
  g_assert_false (pd_preflight_has_errors (items));
  g_assert_cmpuint (pd_preflight_count (items, PD_PREFLIGHT_WARNING), ==, 0);
  assert_item (items, "period", PD_PREFLIGHT_OK, NULL);
  assert_item (items, "budget", PD_PREFLIGHT_OK, "1000000 coins (10000.00 EUR)");
  assert_item (items, "issued", PD_PREFLIGHT_OK, "4000 vouchers issued, carrying 400000 coins");
  /* 35 % of 400,000 coins at 0.01 EUR: 1,400 EUR. */
  assert_item (items, "expected-cost", PD_PREFLIGHT_OK, "If 35 % of the vouchers are redeemed, the campaign costs 1400.00 EUR.");
  assert_item (items, "projects", PD_PREFLIGHT_OK, NULL);
  assert_item (items, "texts:de", PD_PREFLIGHT_OK, NULL);
}

static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GDateTime) past_end = g_date_time_new_utc (2026, 11, 1, 0, 0, 0);
  g_autoptr(GDateTime) expired = g_date_time_new_utc (2026, 11, 2, 0, 0, 0);
  g_autoptr(GListModel) items = NULL;
  g_autoptr(PdPreflightItem) first = NULL;

  pd_campaign_set_ends_at (f->campaign, past_end);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(PdProject) project = g_list_model_get_item (G_LIST_MODEL (f->projects), i);

      g_assert_true (pd_campaign_remove_project (f->campaign, pd_record_get_id (PD_RECORD (project))));
    }
  pd_campaign_text_set_intro (pd_campaign_get_text (f->campaign, "de"), "");
  pd_campaign_set_voucher_budget_coins (f->campaign, 100);
  add_batch (f, "Old", 10, 20, expired);

  items = run (f, 50);
  g_assert_true (pd_preflight_has_errors (items));
  assert_item (items, "period", PD_PREFLIGHT_ERROR, NULL);
  assert_item (items, "issued", PD_PREFLIGHT_ERROR, "200 coins, more than the budget of 100 coins");
  assert_item (items, "projects", PD_PREFLIGHT_ERROR, NULL);
  assert_item (items, "texts:de", PD_PREFLIGHT_ERROR, "lack: introduction");
  g_assert_nonnull (find_prefix (items, "expiry:"));
  /* Errors come first. */
  first = g_list_model_get_item (items, 0);
  g_assert_cmpint (pd_preflight_item_get_severity (first), ==, PD_PREFLIGHT_ERROR);
  g_assert_cmpuint (pd_preflight_count (items, PD_PREFLIGHT_ERROR), ==, 5);

  pd_campaign_set_voucher_budget_coins (f->campaign, 0);
  g_clear_object (&items);
  items = run (f, 50);
  assert_item (items, "budget", PD_PREFLIGHT_ERROR, NULL);

  pd_campaign_remove_text (f->campaign, "de");
  g_clear_object (&items);
  items = run (f, 50);
  assert_item (items, "texts:de", PD_PREFLIGHT_ERROR, "default language, German");
}

static void
test_warnings (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GDateTime) early = g_date_time_new_utc (2027, 1, 15, 0, 0, 0);
  g_autoptr(GListModel) items = NULL;
  PdCampaignText *nl;
  PdPreflightItem *item;

  pd_campaign_set_voucher_budget_coins (f->campaign, 400000);
  nl = pd_campaign_ensure_text (f->campaign, "nl");
  pd_campaign_text_set_title (nl, "Winterdonatie");
  add_batch (f, "Staff", 100, 1000, early);

  items = run (f, 100);
  g_assert_false (pd_preflight_has_errors (items));
  /* The playground's 500,000 coins exceed the 400,000 budget; together
   * the targets (800,000) do too. */
  item = find_prefix (items, "target:");
  g_assert_nonnull (item);
  g_assert_cmpint (pd_preflight_item_get_severity (item), ==, PD_PREFLIGHT_WARNING);
  g_assert_nonnull (strstr (pd_preflight_item_get_message (item), "“Playground Süd” needs 500000 coins"));
  assert_item (items, "targets", PD_PREFLIGHT_WARNING, "add up to 800000 coins");
  assert_item (items, "texts:nl", PD_PREFLIGHT_WARNING, "The texts in Dutch lack: introduction, thank-you message.");
  item = find_prefix (items, "expiry:");
  g_assert_nonnull (item);
  g_assert_cmpint (pd_preflight_item_get_severity (item), ==, PD_PREFLIGHT_WARNING);
  g_assert_nonnull (strstr (pd_preflight_item_get_message (item), "“Staff” expire before the campaign ends"));
  assert_item (items, "expected-cost", PD_PREFLIGHT_OK, "If 100 % of the vouchers are redeemed, the campaign costs 1000.00 EUR.");
  g_assert_cmpuint (pd_preflight_count (items, PD_PREFLIGHT_WARNING), ==, 4);

  /* No vouchers yet is worth a warning, not an error. */
  g_list_store_remove_all (f->batches);
  g_clear_object (&items);
  items = run (f, 10);
  assert_item (items, "issued", PD_PREFLIGHT_WARNING, NULL);
  g_assert_null (find (items, "expected-cost"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/preflight/ready", Fixture, NULL, fixture_set_up, test_ready, fixture_tear_down);
  g_test_add ("/preflight/errors", Fixture, NULL, fixture_set_up, test_errors, fixture_tear_down);
  g_test_add ("/preflight/warnings", Fixture, NULL, fixture_set_up, test_warnings, fixture_tear_down);

  return g_test_run ();
}
