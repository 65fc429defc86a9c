/* test-voucher-ui.c: the Vouchers and Results pages, driven through the
 * real widgets in a window, on a workspace in a private folder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pd-date-time-button.h"
#include "pd-demo-workspace.h"
#include "pd-issue-vouchers-dialog.h"
#include "pd-preflight-dialog.h"
#include "pd-preflight.h"
#include "pd-resources.h"
#include "pd-results-chart.h"
#include "pd-results-page-private.h"
#include "pd-test-ui-utils.h"
#include "pd-voucher-batch-row.h"
#include "pd-voucher-issue.h"
#include "pd-vouchers-page-private.h"

typedef struct {
  char           *dir;
  PdStore        *store;
  PdCampaign     *campaign;
  GtkWindow      *window;
  GtkStack       *stack;
  PdVouchersPage *vouchers;
  PdResultsPage  *results;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) starts = NULL;
  g_autoptr(GDateTime) ends = NULL;
  GListModel *campaigns;

  fixture->dir = pd_test_make_private_dir ();
  db = g_build_filename (fixture->dir, "workspace.db", NULL);
  fixture->store = pd_store_open (db, &error);
  g_assert_no_error (error);
  g_assert_true (pd_demo_workspace_fill (fixture->store, 8, 7, &error));
  g_assert_no_error (error);

  /* The Christmas campaign: projects, texts, a period and a budget. */
  campaigns = pd_store_get_campaigns (fixture->store);
  g_assert_cmpuint (g_list_model_get_n_items (campaigns), >=, 1);
  fixture->campaign = g_list_model_get_item (campaigns, 0);
  pd_campaign_set_voucher_budget_coins (fixture->campaign, 2000000);
  /* Dates relative to today keep the test valid in any year. */
  now = pd_now_utc ();
  starts = g_date_time_add_days (now, -10);
  ends = g_date_time_add_days (now, 60);
  pd_campaign_set_starts_at (fixture->campaign, starts);
  pd_campaign_set_ends_at (fixture->campaign, ends);
  g_assert_true (pd_store_save (fixture->store, PD_RECORD (fixture->campaign), NULL, &error));
  g_assert_no_error (error);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1000, 800);
  fixture->stack = GTK_STACK (gtk_stack_new ());
  fixture->vouchers = g_object_new (PD_TYPE_VOUCHERS_PAGE, NULL);
  fixture->results = g_object_new (PD_TYPE_RESULTS_PAGE, NULL);
  gtk_stack_add_named (fixture->stack, GTK_WIDGET (fixture->vouchers), "vouchers");
  gtk_stack_add_named (fixture->stack, GTK_WIDGET (fixture->results), "results");
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->stack));
  g_object_set (fixture->vouchers, "store", fixture->store, "campaign", fixture->campaign, NULL);
  gtk_window_present (fixture->window);
  g_assert_true (pd_test_wait_for_mapped (GTK_WIDGET (fixture->vouchers)));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_object_add_weak_pointer (G_OBJECT (fixture->vouchers), (gpointer *) &fixture->vouchers);
  g_object_add_weak_pointer (G_OBJECT (fixture->results), (gpointer *) &fixture->results);
  gtk_window_destroy (fixture->window);
  pd_test_settle (50);
  /* The pages let go of everything when their window closes. */
  g_assert_null (fixture->vouchers);
  g_assert_null (fixture->results);
  g_clear_object (&fixture->campaign);
  g_clear_object (&fixture->store);
  pd_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

static GtkWidget *
child (gpointer    widget,
       GType       type,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (object);
  return GTK_WIDGET (object);
}

static PdIssueVouchersDialog *
open_issue_dialog (Fixture    *fixture,
                   const char *label,
                   double      count,
                   double      coins)
{
  PdIssueVouchersDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->vouchers), "vouchers.issue", NULL));
  pd_test_settle (100);
  dialog = PD_ISSUE_VOUCHERS_DIALOG (find_toplevel (PD_TYPE_ISSUE_VOUCHERS_DIALOG));
  g_assert_nonnull (dialog);

  gtk_editable_set_text (GTK_EDITABLE (child (dialog, PD_TYPE_ISSUE_VOUCHERS_DIALOG, "label_row")), label);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (dialog, PD_TYPE_ISSUE_VOUCHERS_DIALOG, "count_spin")), count);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (dialog, PD_TYPE_ISSUE_VOUCHERS_DIALOG, "coins_spin")), coins);
  return dialog;
}

static gboolean
is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static gint64
count_batches (Fixture *fixture)
{
  return g_list_model_get_n_items (pd_store_get_voucher_batches (fixture->store));
}

static PdVoucherBatch *
issue_through_dialog (Fixture    *fixture,
                      const char *label,
                      double      count,
                      double      coins)
{
  PdIssueVouchersDialog *dialog = open_issue_dialog (fixture, label, count, coins);
  GListModel *batches = pd_store_get_voucher_batches (fixture->store);

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "issue.issue", NULL));
  g_assert_true (pd_test_wait_for (is_null, &dialog, 30000));

  return g_list_model_get_item (batches, g_list_model_get_n_items (batches) - 1);
}

static void
test_issue (Fixture       *fixture,
            gconstpointer  data)
{
  GtkStack *stack = GTK_STACK (child (fixture->vouchers, PD_TYPE_VOUCHERS_PAGE, "stack"));
  GtkWidget *list_box = _pd_vouchers_page_get_list_box (fixture->vouchers);
  g_autoptr(PdVoucherBatch) batch = NULL;
  g_auto(GStrv) codes = NULL;
  GtkWidget *row;

  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
  g_assert_cmpint (count_batches (fixture), ==, 0);

  batch = issue_through_dialog (fixture, "School fair", 12, 250);
  g_assert_nonnull (batch);
  g_assert_cmpstr (pd_voucher_batch_get_label (batch), ==, "School fair");
  g_assert_cmpint (pd_voucher_batch_get_count (batch), ==, 12);
  g_assert_cmpint (pd_voucher_batch_get_coins_per_voucher (batch), ==, 250);
  g_assert_cmpint (pd_store_count_voucher_codes (fixture->store, pd_record_get_id (PD_RECORD (batch))), ==, 12);
  codes = pd_store_list_voucher_codes (fixture->store, pd_record_get_id (PD_RECORD (batch)), 0, 100, NULL);
  g_assert_cmpuint (g_strv_length (codes), ==, 12);
  g_assert_true (g_regex_match_simple ("^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$", codes[0], 0, 0));

  pd_test_settle (100);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "list");
  row = gtk_widget_get_first_child (list_box);
  g_assert_true (PD_IS_VOUCHER_BATCH_ROW (row));
  g_assert_true (pd_voucher_batch_row_get_batch (PD_VOUCHER_BATCH_ROW (row)) == batch);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "School fair");
}

static void
test_refused (Fixture       *fixture,
              gconstpointer  data)
{
  PdIssueVouchersDialog *dialog;
  GtkWidget *error_label;
  AdwMessageDialog *confirm;
  g_autoptr(GDateTime) early = NULL;

  /* Over budget: the dialog says so inline and stores nothing. */
  dialog = open_issue_dialog (fixture, "Too much", 1000, 5000);
  error_label = child (dialog, PD_TYPE_ISSUE_VOUCHERS_DIALOG, "error_label");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "issue.issue", NULL);
  pd_test_settle (100);
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_true (gtk_widget_has_css_class (child (dialog, PD_TYPE_ISSUE_VOUCHERS_DIALOG, "coins_row"), "error"));
  g_assert_false (pd_issue_vouchers_dialog_get_busy (dialog));
  g_assert_cmpint (count_batches (fixture), ==, 0);

  /* Expiry before the campaign ends needs a confirmation. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (dialog, PD_TYPE_ISSUE_VOUCHERS_DIALOG, "coins_spin")), 10);
  g_assert_false (gtk_widget_get_visible (error_label));
  early = g_date_time_add_seconds (pd_campaign_get_ends_at (fixture->campaign), -86400.0 * 2);
  pd_date_time_button_set_date_time (PD_DATE_TIME_BUTTON (child (dialog, PD_TYPE_ISSUE_VOUCHERS_DIALOG, "expiry_button")), early);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "issue.issue", NULL);
  pd_test_settle (100);
  confirm = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (confirm);
  g_assert_cmpint (count_batches (fixture), ==, 0);

  /* Changing the date instead stores nothing. */
  adw_message_dialog_response (confirm, "cancel");
  pd_test_settle (100);
  g_assert_false (pd_issue_vouchers_dialog_get_busy (dialog));
  g_assert_cmpint (count_batches (fixture), ==, 0);

  /* Confirming issues the batch with the early date. */
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "issue.issue", NULL);
  pd_test_settle (100);
  confirm = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (confirm);
  adw_message_dialog_response (confirm, "issue");
  g_assert_true (pd_test_wait_for (is_null, &dialog, 30000));
  g_assert_cmpint (count_batches (fixture), ==, 1);
}

static gboolean
is_busy_with_progress (gpointer data)
{
  PdIssueVouchersDialog *dialog = data;
  GtkProgressBar *bar = GTK_PROGRESS_BAR (child (dialog, PD_TYPE_ISSUE_VOUCHERS_DIALOG, "progress_bar"));

  return pd_issue_vouchers_dialog_get_busy (dialog) && gtk_progress_bar_get_fraction (bar) > 0.0;
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  PdIssueVouchersDialog *dialog = open_issue_dialog (fixture, "A million", 1000000, 1);
  GtkStack *stack = GTK_STACK (child (dialog, PD_TYPE_ISSUE_VOUCHERS_DIALOG, "stack"));

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "issue.issue", NULL);
  g_assert_true (pd_issue_vouchers_dialog_get_busy (dialog));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "progress");
  /* The progress bar moves while the codes are drawn. */
  g_assert_true (pd_test_wait_for (is_busy_with_progress, dialog, 30000));

  gtk_widget_activate_action (GTK_WIDGET (dialog), "issue.cancel", NULL);
  g_assert_true (pd_test_wait_for (is_null, &dialog, 30000));
  g_assert_cmpint (count_batches (fixture), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (fixture->vouchers, PD_TYPE_VOUCHERS_PAGE, "stack"))),
                   ==, "empty");
}

static gboolean
export_done (gpointer data)
{
  return !_pd_vouchers_page_get_exporting (data);
}

static void
test_export (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(PdVoucherBatch) batch = issue_through_dialog (fixture, "Market stall", 25, 100);
  const char *id = pd_record_get_id (PD_RECORD (batch));
  g_autofree char *csv_path = g_build_filename (fixture->dir, "codes.csv", NULL);
  g_autofree char *pdf_path = g_build_filename (fixture->dir, "cards.pdf", NULL);
  g_autoptr(GFile) csv = g_file_new_for_path (csv_path);
  g_autoptr(GFile) pdf = g_file_new_for_path (pdf_path);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) codes = pd_store_list_voucher_codes (fixture->store, id, 0, 100, NULL);
  gsize length;
  guint n_lines = 0;

  _pd_vouchers_page_export_to_file (fixture->vouchers, id, csv, "csv");
  g_assert_true (_pd_vouchers_page_get_exporting (fixture->vouchers));
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (child (fixture->vouchers, PD_TYPE_VOUCHERS_PAGE, "progress_revealer"))));
  g_assert_true (pd_test_wait_for (export_done, fixture->vouchers, 30000));
  g_assert_null (_pd_vouchers_page_get_export_error (fixture->vouchers));

  g_assert_true (g_file_get_contents (csv_path, &contents, &length, NULL));
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (*g_strstrip (lines[i]) != '\0')
      n_lines++;
  g_assert_cmpuint (n_lines, ==, 26);  /* a header and one line a code */
  for (guint i = 0; codes[i] != NULL; i++)
    g_assert_nonnull (strstr (contents, codes[i]));
  g_assert_nonnull (strstr (contents, "/c/"));

  g_clear_pointer (&contents, g_free);
  _pd_vouchers_page_export_to_file (fixture->vouchers, id, pdf, "pdf");
  g_assert_true (pd_test_wait_for (export_done, fixture->vouchers, 60000));
  g_assert_null (_pd_vouchers_page_get_export_error (fixture->vouchers));
  g_assert_true (g_file_get_contents (pdf_path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
}

static void
test_export_cancel (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(PdVoucherBatch) batch = issue_through_dialog (fixture, "Big print run", 3000, 10);
  g_autofree char *pdf_path = g_build_filename (fixture->dir, "cancelled.pdf", NULL);
  g_autoptr(GFile) pdf = g_file_new_for_path (pdf_path);
  g_autoptr(GDir) dir = NULL;
  const char *name;

  _pd_vouchers_page_export_to_file (fixture->vouchers, pd_record_get_id (PD_RECORD (batch)), pdf, "pdf");
  g_assert_true (_pd_vouchers_page_get_exporting (fixture->vouchers));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->vouchers), "vouchers.cancel-export", NULL));
  g_assert_true (pd_test_wait_for (export_done, fixture->vouchers, 60000));
  g_assert_nonnull (_pd_vouchers_page_get_export_error (fixture->vouchers));

  /* Neither the file nor a temporary one is left behind. */
  g_assert_false (g_file_test (pdf_path, G_FILE_TEST_EXISTS));
  dir = g_dir_open (fixture->dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_assert_null (strstr (name, "cancelled"));
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (child (fixture->vouchers, PD_TYPE_VOUCHERS_PAGE, "progress_revealer"))));
}

static void
test_close_while_issuing (Fixture       *fixture,
                          gconstpointer  data)
{
  PdIssueVouchersDialog *dialog = open_issue_dialog (fixture, "Closed early", 1000000, 1);

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "issue.issue", NULL);
  g_assert_true (pd_issue_vouchers_dialog_get_busy (dialog));
  /* Closing the window stops the work; the dialog goes once it has. */
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (pd_test_wait_for (is_null, &dialog, 30000));
  pd_test_settle (100);
  g_assert_cmpint (count_batches (fixture), ==, 0);
}

static void
test_preflight (Fixture       *fixture,
                gconstpointer  data)
{
  PdPreflightDialog *dialog;
  GListModel *items;
  gboolean found_budget = FALSE;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->vouchers), "vouchers.preflight", NULL));
  pd_test_settle (100);
  dialog = PD_PREFLIGHT_DIALOG (find_toplevel (PD_TYPE_PREFLIGHT_DIALOG));
  g_assert_nonnull (dialog);

  items = pd_preflight_dialog_get_items (dialog);
  g_assert_cmpuint (g_list_model_get_n_items (items), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(PdPreflightItem) item = g_list_model_get_item (items, i);

      found_budget |= g_str_equal (pd_preflight_item_get_check (item), "budget");
    }
  g_assert_true (found_budget);
  /* One row per check, each with its icon. */
  g_assert_cmpuint (g_list_model_get_n_items (items), ==,
                    g_list_model_get_n_items (gtk_widget_observe_children (child (dialog, PD_TYPE_PREFLIGHT_DIALOG, "list_box"))));

  /* No account here: publishing is not offered. */
  g_assert_false (gtk_widget_is_sensitive (child (dialog, PD_TYPE_PREFLIGHT_DIALOG, "publish_button")));

  /* A campaign without budget has an error that blocks publishing. */
  pd_campaign_set_voucher_budget_coins (fixture->campaign, 0);
  pd_preflight_dialog_set_redemption_percent (dialog, 50);
  items = pd_preflight_dialog_get_items (dialog);
  g_assert_true (pd_preflight_has_errors (items));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* --- Results ------------------------------------------------------------ */

static void
write_cached_stats (Fixture *fixture)
{
  GListModel *projects = pd_campaign_get_projects (fixture->campaign);
  g_autoptr(PdCampaignProject) p1 = g_list_model_get_item (projects, 0);
  g_autoptr(PdCampaignProject) p2 = g_list_model_get_item (projects, 1);
  g_autofree char *path = _pd_results_page_dup_cache_path (fixture->store, pd_record_get_id (PD_RECORD (fixture->campaign)));
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *json = NULL;
  g_autoptr(GError) error = NULL;

  json = g_strdup_printf ("{\"campaign_id\": \"%s\", \"vouchers_issued\": 5000, \"vouchers_redeemed\": 1200,"
                          " \"vouchers_expired\": 30, \"coins_redeemed\": 120000, \"unredeemed_coins\": 377000,"
                          " \"projects\": [{\"project_id\": \"%s\", \"coins\": 80000, \"target_coins\": 50000},"
                          "  {\"project_id\": \"%s\", \"coins\": 40000, \"target_coins\": 100000},"
                          "  {\"project_id\": \"tiny\", \"coins\": 3, \"target_coins\": 1000000},"
                          "  {\"project_id\": \"close\", \"coins\": 999999, \"target_coins\": 1000000}],"
                          " \"timeline\": [{\"date\": \"2026-12-01\", \"redemptions\": 500, \"coins\": 50000},"
                          "  {\"date\": \"2026-12-02\", \"redemptions\": 700, \"coins\": 70000},"
                          "  {\"date\": \"2026-12-03\", \"redemptions\": 150, \"coins\": 15000},"
                          "  {\"date\": \"2026-12-04\", \"redemptions\": 320, \"coins\": 32000}],"
                          " \"payouts_due\": [{\"project_id\": \"%s\", \"amount_micros\": 800000000, \"currency\": \"EUR\"}],"
                          " \"generated_at\": \"2026-12-04T18:00:00+01:00\"}",
                          pd_record_get_id (PD_RECORD (fixture->campaign)),
                          pd_campaign_project_get_project_id (p1),
                          pd_campaign_project_get_project_id (p2),
                          pd_campaign_project_get_project_id (p1));
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, json, -1, &error));
  g_assert_no_error (error);
}

static void
show_results (Fixture *fixture)
{
  gtk_stack_set_visible_child (fixture->stack, GTK_WIDGET (fixture->results));
  g_object_set (fixture->results, "store", fixture->store, "campaign", fixture->campaign, NULL);
  pd_test_settle (200);
}

static gboolean
has_label (GtkWidget  *widget,
           const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (has_label (c, text))
      return TRUE;
  return FALSE;
}

static void
test_results_offline (Fixture       *fixture,
                      gconstpointer  data)
{
  show_results (fixture);
  g_assert_null (_pd_results_page_get_stats (fixture->results));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (fixture->results, PD_TYPE_RESULTS_PAGE, "stack"))),
                   ==, "empty");
  /* Nothing to export yet: the export menu is not offered. */
  g_assert_false (gtk_widget_get_sensitive (child (fixture->results, PD_TYPE_RESULTS_PAGE, "export_button")));
  /* Without an account a refresh says so and keeps the empty state. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->results), "results.refresh", NULL);
  pd_test_settle (100);
  g_assert_null (_pd_results_page_get_stats (fixture->results));
}

static gboolean
results_idle (gpointer data)
{
  return !_pd_results_page_get_busy (data);
}

static void
test_results_cached (Fixture       *fixture,
                     gconstpointer  data)
{
  PdResultsChart *chart;
  g_autofree char *text = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *csv_path = g_build_filename (fixture->dir, "results.csv", NULL);
  g_autoptr(GFile) csv = g_file_new_for_path (csv_path);
  g_autofree char *contents = NULL;

  write_cached_stats (fixture);
  show_results (fixture);

  g_assert_nonnull (_pd_results_page_get_stats (fixture->results));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (fixture->results, PD_TYPE_RESULTS_PAGE, "stack"))),
                   ==, "results");
  g_assert_true (gtk_widget_get_sensitive (child (fixture->results, PD_TYPE_RESULTS_PAGE, "export_button")));
  g_assert_true (has_label (GTK_WIDGET (fixture->results), "5000"));
  g_assert_true (has_label (GTK_WIDGET (fixture->results), "1200"));
  g_assert_true (has_label (GTK_WIDGET (fixture->results), "30"));
  g_assert_true (has_label (GTK_WIDGET (fixture->results), "3770.00 EUR"));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (child (fixture->results, PD_TYPE_RESULTS_PAGE, "updated_label"))),
                                   "Last updated "));

  /* Shares never mislead: over the target, a few coins of a million, a
   * coin short of it. */
  {
    GtkWidget *list = child (fixture->results, PD_TYPE_RESULTS_PAGE, "projects_list");
    g_autoptr(GPtrArray) subtitles = g_ptr_array_new ();

    for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
      g_ptr_array_add (subtitles, (gpointer) adw_action_row_get_subtitle (ADW_ACTION_ROW (row)));
    g_assert_cmpuint (subtitles->len, ==, 4);
    g_assert_cmpstr (g_ptr_array_index (subtitles, 0), ==, "80000 of 50000 coins (160\u00a0%)");
    g_assert_cmpstr (g_ptr_array_index (subtitles, 1), ==, "40000 of 100000 coins (40\u00a0%)");
    g_assert_cmpstr (g_ptr_array_index (subtitles, 2), ==, "3 of 1000000 coins (<1\u00a0%)");
    g_assert_cmpstr (g_ptr_array_index (subtitles, 3), ==, "999999 of 1000000 coins (99\u00a0%)");
  }

  chart = PD_RESULTS_CHART (child (fixture->results, PD_TYPE_RESULTS_PAGE, "chart"));
  text = pd_results_chart_dup_text (chart);
  g_assert_nonnull (strstr (text, "2026-12-02: 700 redemptions, 70000 coins"));

  /* Bars in the accent colour and axis text on the background. */
  texture = pd_test_render_widget (GTK_WIDGET (chart));
  g_assert_cmpuint (pd_test_count_colours (texture), >=, 3);

  _pd_results_page_export_to_file (fixture->results, csv, "csv");
  g_assert_true (pd_test_wait_for (results_idle, fixture->results, 30000));
  g_assert_true (g_file_get_contents (csv_path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "5000"));
}

/* --- Screenshots --------------------------------------------------------- */

static void
shoot (Fixture    *fixture,
       const char *page,
       int         width)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  static const struct { const char *name; AdwColorScheme scheme; } schemes[] = {
    { "light", ADW_COLOR_SCHEME_FORCE_LIGHT },
    { "dark", ADW_COLOR_SCHEME_FORCE_DARK },
  };

  gtk_window_set_default_size (fixture->window, width, 760);
  for (guint s = 0; s < G_N_ELEMENTS (schemes); s++)
    {
      g_autofree char *name = g_strdup_printf ("%s-%s-%s", page, width < 600 ? "narrow" : "wide", schemes[s].name);

      adw_style_manager_set_color_scheme (style, schemes[s].scheme);
      pd_test_settle (500);
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->window)), <=, width + 40);
      pd_test_save_screenshot (GTK_WIDGET (fixture->window), name);
    }
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

static void
test_screenshots (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(PdVoucherBatch) a = NULL;
  g_autoptr(PdVoucherBatch) b = NULL;

  shoot (fixture, "vouchers-empty", 1100);
  a = issue_through_dialog (fixture, "School fair", 40, 500);
  b = issue_through_dialog (fixture, "Christmas market", 120, 250);
  shoot (fixture, "vouchers-page", 1100);
  shoot (fixture, "vouchers-page", 360);

  /* The two dialogs, with the budget hint and the checklist. */
  {
    PdIssueVouchersDialog *dialog = open_issue_dialog (fixture, "Town hall", 200, 500);
    PdPreflightDialog *preflight;

    pd_test_settle (500);
    pd_test_save_screenshot (GTK_WIDGET (dialog), "issue-vouchers-dialog");
    gtk_window_destroy (GTK_WINDOW (dialog));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->vouchers), "vouchers.preflight", NULL));
    pd_test_settle (500);
    preflight = PD_PREFLIGHT_DIALOG (find_toplevel (PD_TYPE_PREFLIGHT_DIALOG));
    g_assert_nonnull (preflight);
    pd_test_save_screenshot (GTK_WIDGET (preflight), "preflight-dialog");
    gtk_window_destroy (GTK_WINDOW (preflight));
  }

  write_cached_stats (fixture);
  show_results (fixture);
  shoot (fixture, "results-page", 1100);
  shoot (fixture, "results-page", 360);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  pd_register_resource ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/voucher-ui/issue", test_issue);
  ADD ("/voucher-ui/refused", test_refused);
  ADD ("/voucher-ui/cancel", test_cancel);
  ADD ("/voucher-ui/export", test_export);
  ADD ("/voucher-ui/export-cancel", test_export_cancel);
  ADD ("/voucher-ui/close-while-issuing", test_close_while_issuing);
  ADD ("/voucher-ui/preflight", test_preflight);
  ADD ("/results-ui/offline", test_results_offline);
  ADD ("/results-ui/cached", test_results_cached);
  ADD ("/voucher-ui/screenshots", test_screenshots);
#undef ADD

  return g_test_run ();
}
