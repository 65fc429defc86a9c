/* test-rows-ui.c: rows show the user's texts and amounts honestly
 *
 * A voucher batch's label and an FAQ question are titles of libadwaita
 * rows, which read Pango markup unless told not to: "a & <b>" would then
 * show nothing (and warn), "Fish &amp; Chips" would lose its "amp;".
 * Shown in a real window, each must appear literally. A batch whose value
 * passes 64 bits says so instead of showing a wrapped number.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "pd-details-page.h"
#include "pd-resources.h"
#include "pd-store.h"
#include "pd-test-ui-utils.h"
#include "pd-voucher-batch-row.h"

static const char * const titles[] = { "a & <b>", "Fish &amp; Chips", "<i>Sale</i> 50%" };

typedef struct {
  char       *dir;
  PdStore    *store;
  PdCampaign *campaign;
  GtkWindow  *window;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *db = NULL;
  g_autoptr(PdCampaign) campaign = pd_campaign_new ();
  g_autoptr(GError) error = NULL;
  PdCampaignText *text;

  fixture->dir = pd_test_make_private_dir ();
  db = g_build_filename (fixture->dir, "workspace.db", NULL);
  fixture->store = pd_store_open (db, &error);
  g_assert_no_error (error);

  pd_campaign_set_name (campaign, "Markup");
  text = pd_campaign_ensure_text (campaign, pd_campaign_get_default_language (campaign));
  pd_campaign_text_set_title (text, "Markup");
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    pd_campaign_text_append_faq (text, pd_faq_entry_new (titles[i], "Answer"));
  g_assert_true (pd_store_save (fixture->store, PD_RECORD (campaign), NULL, &error));
  g_assert_no_error (error);
  fixture->campaign = pd_store_get_campaign (fixture->store, pd_record_get_id (PD_RECORD (campaign)));

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 900, 900);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  pd_test_settle (50);
  g_clear_object (&fixture->campaign);
  g_clear_object (&fixture->store);
  pd_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

/* The visible label below @widget that shows @text, or NULL. */
static GtkLabel *
find_label (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
      g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return GTK_LABEL (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *label = find_label (child, text);

      if (label != NULL)
        return label;
    }
  return NULL;
}

static void
assert_shown_literally (GtkWidget  *root,
                        const char *text)
{
  GtkLabel *label = find_label (root, text);

  g_test_message ("looking for %s", text);
  g_assert_nonnull (label);
  g_assert_false (gtk_label_get_use_markup (label));
  g_assert_cmpstr (gtk_label_get_label (label), ==, text);
}

static void
test_batch_label (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_window_set_child (fixture->window, list);
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autoptr(PdVoucherBatch) batch = pd_voucher_batch_new (pd_record_get_id (PD_RECORD (fixture->campaign)));

      pd_voucher_batch_set_label (batch, titles[i]);
      pd_voucher_batch_set_count (batch, 100);
      pd_voucher_batch_set_coins_per_voucher (batch, 500);
      gtk_list_box_append (GTK_LIST_BOX (list), pd_voucher_batch_row_new (batch, fixture->campaign, fixture->store));
    }
  gtk_window_present (fixture->window);
  g_assert_true (pd_test_wait_for_mapped (list));
  pd_test_settle (100);

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    assert_shown_literally (list, titles[i]);
  pd_test_save_screenshot (list, "rows-batch-labels");
}

static void
test_faq_question (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkWidget *page = g_object_new (PD_TYPE_DETAILS_PAGE,
                                  "store", fixture->store,
                                  "campaign", fixture->campaign,
                                  NULL);

  gtk_window_set_child (fixture->window, page);
  gtk_window_present (fixture->window);
  g_assert_true (pd_test_wait_for_mapped (page));
  pd_test_settle (100);

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    assert_shown_literally (page, titles[i]);
  pd_test_save_screenshot (page, "rows-faq-questions");
}

/* 1,000,000 vouchers of 10^12 coins: the coins fit into 64 bits, their
 * money at 0.01 EUR a coin does not; 10^14 coins each: not even the
 * coins. Such batches can only come from the platform (validation
 * refuses them here), and the row must not show a wrapped amount. */
static void
test_batch_money_too_large (Fixture       *fixture,
                            gconstpointer  data)
{
  static const gint64 coins_each[] = { 1000000000000, 100000000000000 };
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *rows[G_N_ELEMENTS (coins_each)];

  gtk_window_set_child (fixture->window, list);
  for (guint i = 0; i < G_N_ELEMENTS (coins_each); i++)
    {
      g_autoptr(PdVoucherBatch) batch = pd_voucher_batch_new (pd_record_get_id (PD_RECORD (fixture->campaign)));

      pd_voucher_batch_set_label (batch, "Huge");
      pd_voucher_batch_set_count (batch, 1000000);
      pd_voucher_batch_set_coins_per_voucher (batch, coins_each[i]);
      rows[i] = pd_voucher_batch_row_new (batch, fixture->campaign, fixture->store);
      gtk_list_box_append (GTK_LIST_BOX (list), rows[i]);
    }
  gtk_window_present (fixture->window);
  g_assert_true (pd_test_wait_for_mapped (list));
  pd_test_settle (100);

  for (guint i = 0; i < G_N_ELEMENTS (coins_each); i++)
    {
      const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (rows[i]));

      g_test_message ("%s", subtitle);
      g_assert_nonnull (strstr (subtitle, " · amount too large · "));
      g_assert_null (strstr (subtitle, "-"));
    }
  pd_test_save_screenshot (list, "rows-batch-too-large");
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  pd_register_resource ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/rows/batch-label-literal", test_batch_label);
  ADD ("/rows/faq-question-literal", test_faq_question);
  ADD ("/rows/batch-money-too-large", test_batch_money_too_large);
#undef ADD

  return g_test_run ();
}
