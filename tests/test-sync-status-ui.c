/* test-sync-status-ui.c: what the window says while the platform is
 * away, and Sync Now from the keyboard (issue 14)
 *
 * The application's window opens an account on the reference platform;
 * the platform stops with changes waiting and starts again. The footer
 * must keep the count of waiting changes and say why they wait, its
 * popover must say in plain words that they are kept and will be sent,
 * with the technical cause folded under "Details" and nothing selected,
 * and the waiting changes must arrive by themselves once the platform is
 * back. Ctrl+R and the primary menu offer Sync Now. After a restart with
 * unsent changes, the count shows before any request is made.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pd-clock.h"
#include "pd-sync-engine.h"
#include "pd-sync-test-utils.h"
#include "pd-test-app.h"
#include "pd-token-keyring.h"

static PdTestPlatform *platform;
static gboolean have_keyring;
static char *token;

static void
on_token_stored_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (pd_token_keyring_store_finish (result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

static gboolean
never (gpointer data)
{
  return FALSE;
}

typedef struct {
  PdWindow   *window;
  const char *summary;
} SummaryWait;

static gboolean
summary_is (gpointer data)
{
  SummaryWait *wait = data;

  return g_strcmp0 (pd_sync_indicator_get_summary (wait->window->sync_indicator), wait->summary) == 0;
}

static void
wait_for_summary (PdWindow   *window,
                  const char *summary,
                  guint       timeout_ms)
{
  SummaryWait wait = { window, summary };

  if (!pd_test_wait_for (summary_is, &wait, timeout_ms))
    g_error ("The footer says “%s”, not “%s”",
             pd_sync_indicator_get_summary (window->sync_indicator), summary);
}

static void
edit_campaign_name (PdStore    *store,
                    const char *id,
                    const char *name)
{
  g_autoptr(PdCampaign) campaign = pd_store_get_campaign (store, id);
  g_autoptr(GError) error = NULL;

  pd_campaign_set_name (campaign, name);
  g_assert_true (pd_store_save (store, PD_RECORD (campaign), NULL, &error));
  g_assert_no_error (error);
}

static char *
server_name (const char *id)
{
  g_autofree char *path = g_strdup_printf ("/v1/campaigns/%s", id);
  guint status = 0;
  g_autoptr(JsonNode) node = pd_test_platform_request (platform, "GET", path, token, NULL, &status);

  g_assert_cmpuint (status, ==, 200);
  return g_strdup (json_object_get_string_member (json_node_get_object (node), "name"));
}

/* The label of the indicator's template child @name. */
static GtkWidget *
indicator_child (PdWindow   *window,
                 const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (window->sync_indicator),
                                                  PD_TYPE_SYNC_INDICATOR, name);

  g_assert_nonnull (child);
  return GTK_WIDGET (child);
}

/* Text that looks selected to whoever opens the popover. */
static void
assert_nothing_selected (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int start = 0, end = 0;

      if (GTK_IS_LABEL (child) && gtk_label_get_selection_bounds (GTK_LABEL (child), &start, &end))
        g_error ("“%s” is selected in the popover", gtk_label_get_label (GTK_LABEL (child)));
      assert_nothing_selected (child);
    }
}

/* Presses @accel on @window, as the keyboard would: the shortcut the
 * window's class binds to it is found and activated. */
static void
press_shortcut (PdWindow   *window,
                const char *accel)
{
  g_autoptr(GtkShortcutTrigger) wanted = gtk_shortcut_trigger_parse_string (accel);
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
  gboolean done = FALSE;

  for (guint i = 0; !done && i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; !done && j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), wanted))
            {
              g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0,
                                                           GTK_WIDGET (window),
                                                           gtk_shortcut_get_arguments (shortcut)));
              done = TRUE;
            }
        }
    }
  g_assert_true (done);
}

/* The primary menu lists Sync Now with its shortcut. */
static void
check_primary_menu (PdWindow *window)
{
  GMenuModel *menu = gtk_menu_button_get_menu_model (window->primary_menu_button);
  gboolean found = FALSE;

  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);

      for (int j = 0; section != NULL && j < g_menu_model_get_n_items (section); j++)
        {
          g_autofree char *action = NULL;
          g_autofree char *accel = NULL;
          g_autofree char *label = NULL;

          g_menu_model_get_item_attribute (section, j, G_MENU_ATTRIBUTE_ACTION, "s", &action);
          if (g_strcmp0 (action, "win.sync") != 0)
            continue;
          g_assert_true (g_menu_model_get_item_attribute (section, j, "accel", "s", &accel));
          g_assert_cmpstr (accel, ==, "<Control>r");
          g_assert_true (g_menu_model_get_item_attribute (section, j, G_MENU_ATTRIBUTE_LABEL, "s", &label));
          g_assert_cmpstr (label, ==, "_Sync Now");
          found = TRUE;
        }
    }
  g_assert_true (found);
}

static void
on_status_cb (PdSyncEngine *engine,
              GParamSpec   *pspec,
              gboolean     *saw_syncing)
{
  if (pd_sync_engine_get_status (engine) == PD_SYNC_STATUS_SYNCING)
    *saw_syncing = TRUE;
}

static void
check_window (PdApplication *app,
              PdWindow      *window)
{
  g_autofree char *dir = pd_test_make_private_dir ();
  g_autoptr(PdAccount) account = pd_test_account_new (dir, platform->url, token);
  g_autoptr(GError) error = NULL;
  g_autofree char *ids[3] = { NULL };
  g_autofree char *name = NULL;
  GtkWidget *popover, *expander, *details, *message, *focus;
  PdSyncEngine *engine;
  PdStore *store;
  gboolean saw_syncing = FALSE;
  gulong handler;
  gint64 back;

  if (have_keyring)
    {
      gboolean stored = FALSE;

      pd_token_keyring_store_async (pd_account_get_id (account), "Sync status test", token, NULL,
                                    on_token_stored_cb, &stored);
      g_assert_true (pd_test_wait_for (is_true, &stored, 20000));
    }

  g_assert_true (pd_context_switch_account (window->context, account, &error));
  g_assert_no_error (error);
  engine = pd_context_get_sync_engine (window->context);
  store = window->store;
  /* Quick enough for a test: the engine's defaults are 1 s and 20 s. */
  _pd_sync_engine_set_timing (engine, 100, 5 * 60 * 1000, 50);
  pd_sync_engine_set_probe_interval (engine, 1000);
  pd_test_settle (500);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autofree char *campaign_name = g_strdup_printf ("Appeal %u", i + 1);

      ids[i] = pd_test_store_add_campaign (store, campaign_name);
    }
  wait_for_summary (window, "All changes synced", 20000);
  check_primary_menu (window);
  gtk_menu_button_popup (window->primary_menu_button);
  pd_test_settle (300);
  pd_test_save_screenshot (GTK_WIDGET (gtk_menu_button_get_popover (window->primary_menu_button)),
                           "primary-menu-sync-now");
  gtk_menu_button_popdown (window->primary_menu_button);
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (window)));

  /* The platform goes away; three edits wait. */
  pd_test_platform_stop (platform);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autofree char *renamed = g_strdup_printf ("Appeal %u, renamed", i + 1);

      edit_campaign_name (store, ids[i], renamed);
    }
  wait_for_summary (window, "3 changes waiting · the platform cannot be reached", 10000);
  g_assert_cmpint (pd_sync_indicator_get_status (window->sync_indicator), ==, PD_SYNC_INDICATOR_UNREACHABLE);
  g_assert_cmpuint (pd_sync_indicator_get_pending_count (window->sync_indicator), ==, 3);
  /* Quiet retries: the count stays while the engine keeps asking. */
  handler = g_signal_connect (engine, "notify::status", G_CALLBACK (on_status_cb), &saw_syncing);
  g_assert_false (pd_test_wait_for (never, NULL, 2500));
  g_assert_false (saw_syncing);
  wait_for_summary (window, "3 changes waiting · the platform cannot be reached", 0);
  pd_test_save_screenshot (GTK_WIDGET (window), "sync-unreachable-window");

  /* The popover: plain words first, the cause folded away, nothing
   * selected, also once the details are unfolded. */
  popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (indicator_child (window, "button"))));
  expander = indicator_child (window, "details_expander");
  details = indicator_child (window, "details_label");
  message = indicator_child (window, "message_label");
  gtk_popover_popup (GTK_POPOVER (popover));
  pd_test_settle (300);
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (message)), "kept on this computer"));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (message)), "will be sent"));
  g_assert_true (gtk_widget_get_visible (expander));
  g_assert_false (gtk_expander_get_expanded (GTK_EXPANDER (expander)));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (details)), "refused"));
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_false (GTK_IS_LABEL (focus));
  assert_nothing_selected (popover);
  pd_test_save_screenshot (popover, "sync-unreachable-popover");
  gtk_expander_set_expanded (GTK_EXPANDER (expander), TRUE);
  pd_test_settle (300);
  assert_nothing_selected (popover);
  pd_test_save_screenshot (popover, "sync-unreachable-details");
  gtk_popover_popdown (GTK_POPOVER (popover));
  /* Opened again with the details unfolded: still nothing selected. */
  gtk_popover_popup (GTK_POPOVER (popover));
  pd_test_settle (300);
  assert_nothing_selected (popover);
  gtk_popover_popdown (GTK_POPOVER (popover));

  /* Ctrl+R is a sync the user asked for: it shows, and it fails again. */
  press_shortcut (window, "<Control>r");
  g_assert_true (saw_syncing);
  wait_for_summary (window, "3 changes waiting · the platform cannot be reached", 5000);
  g_signal_handler_disconnect (engine, handler);

  /* Back: the waiting changes go by themselves, within the probe
   * interval. */
  pd_test_platform_restart (platform);
  back = g_get_monotonic_time ();
  wait_for_summary (window, "All changes synced", 10000);
  g_test_message ("synced %.1f s after the platform was back",
                  (g_get_monotonic_time () - back) / (double) G_USEC_PER_SEC);
  g_assert_cmpint (g_get_monotonic_time () - back, <=, 4 * G_USEC_PER_SEC);
  name = server_name (ids[2]);
  g_assert_cmpstr (name, ==, "Appeal 3, renamed");
  pd_test_settle (200);
  pd_test_save_screenshot (GTK_WIDGET (window), "sync-back-window");

  /* A restart with two unsent changes and a stored wait: the count shows
   * at once, and nothing is asked of the platform (it is away again). */
  g_assert_true (pd_context_switch_account (window->context, NULL, &error));
  g_assert_no_error (error);
  pd_test_platform_stop (platform);
  edit_campaign_name (pd_account_open_store (account, NULL), ids[0], "Appeal 1, after the restart");
  edit_campaign_name (pd_account_open_store (account, NULL), ids[1], "Appeal 2, after the restart");
  g_assert_true (pd_store_set_backoff_until (pd_account_open_store (account, NULL), "changes",
                                             pd_real_time () + 10 * 60 * G_USEC_PER_SEC, &error));
  g_assert_no_error (error);
  g_assert_true (pd_context_switch_account (window->context, account, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (pd_sync_indicator_get_summary (window->sync_indicator), ==, "2 changes waiting");
  pd_test_settle (500);
  g_assert_cmpstr (pd_sync_indicator_get_summary (window->sync_indicator), ==, "2 changes waiting");
  pd_test_save_screenshot (GTK_WIDGET (window), "sync-restart-window");

  g_assert_true (pd_context_switch_account (window->context, NULL, &error));
  g_assert_no_error (error);
  pd_test_platform_restart (platform);
  pd_test_remove_tree (dir);
}

static void
test_sync_status (void)
{
  g_autofree char *email = g_strdup_printf ("status-%08x@example.com", g_random_int ());
  g_autofree char *api_token = NULL;

  platform = pd_test_platform_start (NULL);
  api_token = pd_test_platform_add_tenant (platform, "Sync Status", email, "password", NULL);
  token = pd_test_platform_sign_in (platform, api_token);

  pd_test_app_reset_workspace ();
  pd_test_app_run (FALSE, check_window);

  g_clear_pointer (&token, g_free);
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
  /* A private bus with a private keyring, as the app keeps tokens there. */
  bus = pd_test_private_bus_up ();
  have_keyring = pd_test_start_keyring ();
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sync-status-ui/away-and-back", test_sync_status);

  ret = g_test_run ();
  pd_test_stop_keyring ();
  g_test_dbus_stop (bus);
  return ret;
}
