/* test-results-platform-ui.c: the real window's Results page against the
 * reference platform, with simulated donors redeeming the vouchers the
 * app issued and uploaded (issue 7, point 7)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pd-percent-format.h"
#include "pd-results-page-private.h"
#include "pd-store.h"
#include "pd-sync-test-utils.h"
#include "pd-test-app.h"
#include "pd-vouchers-page-private.h"

#define N_CODES 600
#define N_EXPIRED 150
#define COINS 10

static PdTestPlatform *platform;
static char *tenant_id;
static char *token;
static char *account_dir;

static void
save (PdStore  *store,
      gpointer  record)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pd_store_save (store, PD_RECORD (record), NULL, &error));
  g_assert_no_error (error);
}

static PdProject *
add_project (PdStore    *store,
             const char *title)
{
  PdProject *project = pd_project_new ();

  pd_project_set_title (project, title);
  pd_project_set_organisation (project, "Förderverein");
  pd_project_set_description (project, "Ein Projekt");
  pd_project_set_category (project, "sport");
  pd_project_set_location (project, "Köln");
  pd_project_set_default_target_coins (project, 500);
  pd_project_set_source (project, PD_PROJECT_SOURCE_CLIENT);
  save (store, project);
  return project;
}

/* A campaign live from now on, two projects (one easy to reach), and a
 * batch issued as the Vouchers page issues it. */
static PdCampaign *
add_campaign (PdStore  *store,
              char    **batch_id)
{
  g_autoptr(PdProject) easy = add_project (store, "Trikots");
  g_autoptr(PdProject) hard = add_project (store, "Flutlicht");
  PdCampaign *campaign = pd_test_campaign_new ("Radspende");
  g_autoptr(GDateTime) now = pd_now_utc ();
  g_autoptr(GDateTime) starts = g_date_time_add_hours (now, -1);
  g_autoptr(GDateTime) ends = g_date_time_add_days (now, 30);

  pd_campaign_set_starts_at (campaign, starts);
  pd_campaign_set_ends_at (campaign, ends);
  pd_campaign_set_voucher_budget_coins (campaign, N_CODES * COINS);
  pd_campaign_text_set_intro (pd_campaign_ensure_text (campaign, "de"), "Hallo");
  pd_campaign_add_project (campaign, pd_record_get_id (PD_RECORD (easy)), 300, G_MAXUINT);
  pd_campaign_add_project (campaign, pd_record_get_id (PD_RECORD (hard)), 100000, G_MAXUINT);
  save (store, campaign);

  *batch_id = pd_test_store_issue_batch (store, pd_record_get_id (PD_RECORD (campaign)), N_CODES, COINS, now);
  return campaign;
}

static JsonObject *
platform_stats (const char *campaign_id)
{
  g_autofree char *path = g_strdup_printf ("/v1/campaigns/%s/stats", campaign_id);
  guint status = 0;
  g_autoptr(JsonNode) node = pd_test_platform_request (platform, "GET", path, token, NULL, &status);

  g_assert_cmpuint (status, ==, 200);
  return json_object_ref (json_node_get_object (node));
}

static void
sync_ok (PdContext *context)
{
  g_autoptr(GError) error = pd_test_sync (pd_context_get_sync_engine (context));

  g_assert_no_error (error);
}

static gboolean
donors_busy_enough (gpointer data)
{
  g_autoptr(JsonObject) stats = platform_stats (data);

  return json_object_get_int_member (stats, "vouchers_redeemed") >= N_CODES / 3;
}

/* Where the tenant's donor pages live, from GET /v1/me through the
 * app's client, kept with the account as a sign-in keeps it. */
static void
take_donor_pages (PdAccount *account)
{
  g_autoptr(PdApiSession) me = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *done = NULL;

  pd_api_client_get_me_async (pd_account_get_client (account), NULL, pd_test_async_cb, &done);
  pd_test_wait_async (&done);
  me = pd_api_client_get_me_finish (pd_account_get_client (account), done, &error);
  g_clear_object (&done);
  g_assert_no_error (error);
  g_assert_nonnull (me->donor_page_url);
  _pd_account_set_donor_page_url (account, me->donor_page_url);
}

static gboolean
export_done (gpointer data)
{
  return !_pd_vouchers_page_get_exporting (data);
}

static gboolean
results_shown (gpointer data)
{
  PdResultsPage *page = data;

  return !_pd_results_page_get_busy (page) && _pd_results_page_get_stats (page) != NULL;
}

/* The big numbers at the top, caption → value, read from the labels. */
static GHashTable *
read_numbers (PdResultsPage *page)
{
  GHashTable *numbers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (page->numbers_box));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *box = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));
      GtkWidget *value = gtk_widget_get_first_child (box);
      GtkWidget *caption = gtk_widget_get_next_sibling (value);

      g_hash_table_insert (numbers, g_strdup (gtk_label_get_text (GTK_LABEL (caption))),
                           g_strdup (gtk_label_get_text (GTK_LABEL (value))));
    }
  return numbers;
}

static char *
money (gint64 coins)
{
  /* COINS coins of 0.01 EUR each (pd_test_campaign_new's coin value). */
  return g_strdup_printf ("%" G_GINT64_FORMAT ".%02d EUR", coins / 100, (int) (coins % 100));
}

static void
check_results (PdApplication *app,
               PdWindow      *window)
{
  PdContext *context = window->context;
  g_autoptr(PdAccount) account = pd_test_account_new (account_dir, platform->url, token);
  g_autoptr(PdCampaign) campaign = NULL;
  g_autoptr(JsonObject) expected = NULL;
  g_autoptr(GHashTable) numbers = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *batch_id = NULL;
  g_autofree char *issued = NULL;
  g_autofree char *redeemed = NULL;
  g_autofree char *expired = NULL;
  g_autofree char *unredeemed = NULL;
  g_autofree char *chart_text = NULL;
  g_autofree char *today = NULL;
  g_autofree char *day_line = NULL;
  g_autoptr(GDateTime) now = pd_now_utc ();
  g_autoptr(GdkTexture) chart_picture = NULL;
  PdResultsPage *page = PD_RESULTS_PAGE (window->results_page);
  PdVoucherCodeCounts counts;
  const char *campaign_id;
  JsonArray *projects;
  PdStore *store;
  GtkWidget *row;
  guint i;

  /* The window opens the account's workspace, as after signing in. */
  g_assert_true (pd_context_switch_account (context, account, &error));
  g_assert_no_error (error);
  store = pd_context_get_store (context);
  g_assert_true (window->store == store);
  /* The context loads the token from the keyring, as after a restart.
   * This test's private bus has no keyring, so the lookup fails and the
   * account keeps the token it was made with; should a keyring answer
   * after all (empty), the token is given back. */
  pd_test_settle (300);
  if (pd_account_get_needs_sign_in (account))
    _pd_account_set_token (account, token);
  g_assert_false (pd_account_get_needs_sign_in (account));
  take_donor_pages (account);

  campaign = add_campaign (store, &batch_id);
  campaign_id = pd_record_get_id (PD_RECORD (campaign));
  sync_ok (context);
  g_assert_cmpuint (pd_store_count_outbox (store), ==, 0);

  /* Some codes expire; donors redeem from the rest until held still. */
  {
    g_auto(GStrv) codes = pd_store_list_voucher_codes (store, batch_id, 0, N_EXPIRED, &error);
    g_autoptr(GString) body = g_string_new (NULL);
    guint status = 0;
    g_autoptr(JsonNode) answer = NULL;

    g_assert_no_error (error);
    g_string_printf (body, "{\"tenant_id\": \"%s\", \"codes\": [", tenant_id);
    for (i = 0; codes[i] != NULL; i++)
      g_string_append_printf (body, "%s\"%s\"", i > 0 ? ", " : "", codes[i]);
    g_string_append (body, "]}");
    answer = pd_test_platform_request (platform, "POST", "/_admin/expire", NULL, body->str, &status);
    g_assert_cmpuint (status, ==, 200);
  }
  pd_test_publish_campaign (account, store, campaign_id, "publish-results-ui");
  pd_test_platform_set_faults (platform, "{\"donor_rate\": 200}");
  g_assert_true (pd_test_wait_for (donors_busy_enough, (gpointer) campaign_id, 60000));
  pd_test_platform_set_faults (platform, "{\"donor_rate\": 0}");
  pd_test_settle (300);
  expected = platform_stats (campaign_id);
  g_test_message ("Platform: %" G_GINT64_FORMAT " redeemed, %" G_GINT64_FORMAT " expired",
                  json_object_get_int_member (expected, "vouchers_redeemed"),
                  json_object_get_int_member (expected, "vouchers_expired"));
  g_assert_cmpint (json_object_get_int_member (expected, "vouchers_issued"), ==, N_CODES);
  g_assert_cmpint (json_object_get_int_member (expected, "vouchers_expired"), ==, N_EXPIRED);
  g_assert_cmpint (json_object_get_int_member (expected, "vouchers_redeemed"), <=, N_CODES - N_EXPIRED);

  /* The change feed brings the same to the workspace's codes. */
  sync_ok (context);
  pd_store_get_voucher_code_counts (store, batch_id, &counts);
  g_assert_cmpint (counts.redeemed, ==, json_object_get_int_member (expected, "vouchers_redeemed"));
  g_assert_cmpint (counts.expired, ==, N_EXPIRED);

  /* The Results page of the campaign fetches and shows them. */
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 900);
  pd_window_select_campaign (window, campaign);
  adw_view_stack_set_visible_child_name (window->view_stack, "results");
  gtk_widget_activate_action (GTK_WIDGET (page), "results.refresh", NULL);
  g_assert_true (pd_test_wait_for (results_shown, page, 30000));
  pd_test_settle (300);

  numbers = read_numbers (page);
  issued = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (expected, "vouchers_issued"));
  redeemed = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (expected, "vouchers_redeemed"));
  expired = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (expected, "vouchers_expired"));
  unredeemed = money (json_object_get_int_member (expected, "unredeemed_coins"));
  g_assert_cmpuint (g_hash_table_size (numbers), ==, 4);
  g_assert_cmpstr (g_hash_table_lookup (numbers, "Vouchers issued"), ==, issued);
  g_assert_cmpstr (g_hash_table_lookup (numbers, "Vouchers redeemed"), ==, redeemed);
  g_assert_cmpstr (g_hash_table_lookup (numbers, "Vouchers expired"), ==, expired);
  g_assert_cmpstr (g_hash_table_lookup (numbers, "Unredeemed value"), ==, unredeemed);
  g_assert_cmpint (json_object_get_int_member (expected, "unredeemed_coins"), ==,
                   (N_CODES - N_EXPIRED - json_object_get_int_member (expected, "vouchers_redeemed")) * COINS);

  /* A row per project, its coins and target as the platform counts them. */
  projects = json_object_get_array_member (expected, "projects");
  row = gtk_widget_get_first_child (GTK_WIDGET (page->projects_list));
  for (i = 0; i < json_array_get_length (projects); i++, row = gtk_widget_get_next_sibling (row))
    {
      JsonObject *p = json_array_get_object_element (projects, i);
      gint64 coins = json_object_get_int_member (p, "coins");
      gint64 target = json_object_get_int_member (p, "target_coins");
      g_autofree char *share = pd_percent_format_share (coins, target);
      g_autofree char *subtitle = g_strdup_printf ("%" G_GINT64_FORMAT " of %" G_GINT64_FORMAT " coins (%s)",
                                                   coins, target, share);
      g_autoptr(PdProject) project = pd_store_get_project (store, json_object_get_string_member (p, "project_id"));

      g_assert_nonnull (row);
      g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, pd_project_get_title (project));
      g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, subtitle);
    }

  /* The chart: today's redemptions, in words and in colour. */
  today = g_date_time_format (now, "%Y-%m-%d");
  day_line = g_strdup_printf ("%s: %s redemptions, %" G_GINT64_FORMAT " coins", today, redeemed,
                              json_object_get_int_member (expected, "coins_redeemed"));
  chart_text = pd_results_chart_dup_text (page->chart);
  g_test_message ("Chart: %s", chart_text);
  g_assert_nonnull (strstr (chart_text, day_line));
  chart_picture = pd_test_render_widget (GTK_WIDGET (page->chart));
  g_assert_cmpuint (pd_test_count_colours (chart_picture), >=, 3);

  pd_test_save_screenshot (GTK_WIDGET (window), "results-platform");

  /* The Vouchers page says the same of the batch, from the workspace. */
  adw_view_stack_set_visible_child_name (window->view_stack, "vouchers");
  pd_test_settle (300);
  {
    GtkWidget *list = _pd_vouchers_page_get_list_box (PD_VOUCHERS_PAGE (window->vouchers_page));
    GtkWidget *batch_row = gtk_widget_get_first_child (list);
    g_autofree char *tail = g_strdup_printf ("· Uploaded · %s redeemed · %s expired", redeemed, expired);

    g_assert_true (ADW_IS_ACTION_ROW (batch_row));
    g_test_message ("Batch: %s", adw_action_row_get_subtitle (ADW_ACTION_ROW (batch_row)));
    g_assert_true (g_str_has_suffix (adw_action_row_get_subtitle (ADW_ACTION_ROW (batch_row)), tail));
  }
  pd_test_save_screenshot (GTK_WIDGET (window), "vouchers-platform");

  /* Exported with the account, the codes point to the tenant's donor
   * page for the campaign, as the platform named it at sign-in. */
  {
    PdVouchersPage *vouchers = PD_VOUCHERS_PAGE (window->vouchers_page);
    g_autofree char *csv_path = g_build_filename (account_dir, "codes.csv", NULL);
    g_autoptr(GFile) csv = g_file_new_for_path (csv_path);
    g_autofree char *contents = NULL;
    g_autofree char *prefix = NULL;
    g_auto(GStrv) lines = NULL;

    g_assert_nonnull (pd_account_get_donor_page_url (account));
    prefix = g_strdup_printf ("https://give.particulate.example/t/%s/%s/redeem?code=", tenant_id,
                              pd_campaign_get_slug (campaign));
    _pd_vouchers_page_export_to_file (vouchers, batch_id, csv, "csv");
    g_assert_true (pd_test_wait_for (export_done, vouchers, 30000));
    g_assert_null (_pd_vouchers_page_get_export_error (vouchers));
    g_assert_true (g_file_get_contents (csv_path, &contents, NULL, NULL));
    lines = g_strsplit (contents, "\n", 3);
    g_assert_nonnull (lines[1]);
    g_test_message ("CSV: %s", lines[1]);
    g_assert_nonnull (strstr (lines[1], prefix));
  }

  /* Back to the local workspace before the window goes. */
  g_assert_true (pd_context_switch_account (context, NULL, &error));
  g_assert_no_error (error);
}

static void
test_results_page (void)
{
  g_autofree char *email = g_strdup_printf ("results-%08x@example.com", g_random_int ());
  g_autofree char *api_token = NULL;

  platform = pd_test_platform_start (NULL);
  api_token = pd_test_platform_add_tenant (platform, "Results", email, "password", &tenant_id);
  token = pd_test_platform_sign_in (platform, api_token);
  account_dir = pd_test_make_private_dir ();

  pd_test_app_reset_workspace ();
  pd_test_app_run (FALSE, check_results);

  pd_test_remove_tree (account_dir);
  g_clear_pointer (&account_dir, g_free);
  g_clear_pointer (&token, g_free);
  g_clear_pointer (&tenant_id, g_free);
  pd_test_platform_free (platform);
  platform = NULL;
}

int
main (int   argc,
      char *argv[])
{
  GTestDBus *bus;
  int ret;

  pd_test_app_init ();
  /* Without a keyring: nothing can prompt, no keyring of the desktop is read. */
  bus = pd_test_private_bus_up ();
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/results-ui/platform-with-donors", test_results_page);

  ret = g_test_run ();
  g_test_dbus_stop (bus);
  return ret;
}
