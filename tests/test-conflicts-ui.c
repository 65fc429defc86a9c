/* test-conflicts-ui.c: the sync indicator's progress and Cancel, and the
 * conflicts dialog, in the real window against the reference platform
 *
 * Two clients share a tenant: "Ada" is a bare sync engine, "Ben" is the
 * application's window. A long first sync is cancelled from the window;
 * then both edit the same fields of a campaign and Ben, who syncs second,
 * decides the conflict field by field in the dialog. Then (issue 14) a
 * conflict on the name alone, with Ben's edits of other fields before and
 * after he sees it: the dialog asks about the name and nothing else.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pd-conflict-dialog.h"
#include "pd-details-page-private.h"
#include "pd-sync-engine.h"
#include "pd-sync-test-utils.h"
#include "pd-test-app.h"
#include "pd-token-keyring.h"

#define N_CAMPAIGNS 30

static PdTestPlatform *platform;
static gboolean have_keyring;

typedef struct {
  PdAccount    *account;
  PdStore      *store;
  PdSyncEngine *engine;
  char         *dir;
} Client;

static char *token;

static Client *
client_new (void)
{
  Client *c = g_new0 (Client, 1);
  g_autoptr(GError) error = NULL;

  c->dir = pd_test_make_private_dir ();
  c->account = pd_test_account_new (c->dir, platform->url, token);
  c->engine = pd_sync_engine_new (c->account, &error);
  g_assert_no_error (error);
  c->store = pd_account_open_store (c->account, &error);
  g_assert_no_error (error);
  pd_sync_engine_set_auto_sync (c->engine, FALSE);
  return c;
}

static void
client_free (Client *c)
{
  g_clear_object (&c->engine);
  g_clear_object (&c->account);
  pd_test_remove_tree (c->dir);
  g_free (c->dir);
  g_free (c);
}

static void
sync_ok (PdSyncEngine *engine)
{
  g_autoptr(GError) error = pd_test_sync (engine);

  g_assert_no_error (error);
}

static PdCampaign *
campaign_named (PdStore    *store,
                const char *name)
{
  GListModel *campaigns = pd_store_get_campaigns (store);

  for (guint i = 0; i < g_list_model_get_n_items (campaigns); i++)
    {
      g_autoptr(PdCampaign) campaign = g_list_model_get_item (campaigns, i);

      if (g_str_equal (pd_campaign_get_name (campaign), name))
        return g_steal_pointer (&campaign);
    }
  return NULL;
}

static void
edit_campaign (PdStore    *store,
               const char *id,
               const char *name,
               gint64      budget)
{
  g_autoptr(PdCampaign) campaign = pd_store_get_campaign (store, id);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (campaign);
  if (name != NULL)
    pd_campaign_set_name (campaign, name);
  if (budget >= 0)
    pd_campaign_set_voucher_budget_coins (campaign, budget);
  g_assert_true (pd_store_save (store, PD_RECORD (campaign), NULL, &error));
  g_assert_no_error (error);
}

static JsonObject *
server_campaign (const char *id)
{
  g_autofree char *path = g_strdup_printf ("/v1/campaigns/%s", id);
  guint status = 0;
  g_autoptr(JsonNode) node = pd_test_platform_request (platform, "GET", path, token, NULL, &status);

  if (status == 404)
    return NULL;
  g_assert_cmpuint (status, ==, 200);
  return json_object_ref (json_node_get_object (node));
}

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

static GtkWindow *
find_toplevel (GType type)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (child)), label) == 0)
        return child;
      if ((found = find_button (child, label)) != NULL)
        return found;
    }
  return NULL;
}

static gboolean
no_conflict_dialog (gpointer data)
{
  return find_toplevel (PD_TYPE_CONFLICT_DIALOG) == NULL;
}

/* The window opens Ben's account as the account switcher would; the
 * token is where the app looks for it, in the keyring. */
static PdSyncEngine *
open_account (PdWindow  *window,
              PdAccount *account)
{
  g_autoptr(GError) error = NULL;
  PdSyncEngine *engine;

  if (have_keyring)
    {
      gboolean stored = FALSE;

      pd_token_keyring_store_async (pd_account_get_id (account), "Conflicts test", token, NULL,
                                    on_token_stored_cb, &stored);
      g_assert_true (pd_test_wait_for (is_true, &stored, 20000));
    }

  g_settings_set_boolean (pd_context_get_settings (window->context), "sync-automatically", FALSE);
  g_assert_true (pd_context_switch_account (window->context, account, &error));
  g_assert_no_error (error);
  engine = pd_context_get_sync_engine (window->context);
  g_assert_nonnull (engine);
  pd_sync_engine_set_auto_sync (engine, FALSE);
  /* The token comes back from the keyring before anything is synced. */
  pd_test_settle (500);
  g_assert_false (pd_account_get_needs_sign_in (account));
  return engine;
}

typedef struct {
  PdWindow *window;
  guint     pages;
  gboolean  was_busy;
  gboolean  cancel_shown;
  gboolean  progress_shown;
  char     *progress_text;
} CancelCheck;

/* In the middle of the first sync: what the window shows, then a click
 * on Cancel Sync, as the user would. */
static void
on_moment_cb (PdSyncEngine *engine,
              const char   *moment,
              gpointer      user_data)
{
  CancelCheck *check = user_data;
  PdSyncIndicator *indicator = check->window->sync_indicator;
  GtkWidget *cancel, *progress;

  if (!g_str_equal (moment, "page-received") || ++check->pages != 2)
    return;

  cancel = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (indicator), PD_TYPE_SYNC_INDICATOR, "cancel_button");
  progress = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (indicator), PD_TYPE_SYNC_INDICATOR, "progress_bar");
  check->was_busy = pd_sync_indicator_get_busy (indicator);
  check->cancel_shown = gtk_widget_get_visible (cancel);
  check->progress_shown = gtk_widget_get_visible (progress);
  check->progress_text = g_strdup (gtk_progress_bar_get_text (GTK_PROGRESS_BAR (progress)));
  /* Lets the window lay out and draw what it shows mid-sync. */
  pd_test_settle (300);
  pd_test_save_screenshot (gtk_widget_get_ancestor (progress, GTK_TYPE_POPOVER), "sync-progress-popover");
  pd_test_save_screenshot (GTK_WIDGET (check->window), "sync-progress-window");
  /* A click, not gtk_widget_activate(): that one clicks only after the
   * button's pressed look has shown for a moment. */
  g_assert_true (gtk_widget_is_sensitive (cancel));
  g_signal_emit_by_name (cancel, "clicked");
}

static void
check_cancel_first_sync (PdWindow     *window,
                         PdSyncEngine *engine,
                         PdStore      *store)
{
  CancelCheck check = { window, 0 };
  g_autoptr(GError) error = NULL;
  GtkWidget *cancel = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (window->sync_indicator),
                                                     PD_TYPE_SYNC_INDICATOR, "cancel_button");
  GtkWidget *popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (
    gtk_widget_get_template_child (GTK_WIDGET (window->sync_indicator), PD_TYPE_SYNC_INDICATOR, "button"))));
  guint received;

  g_assert_false (gtk_widget_get_visible (cancel));
  _pd_sync_engine_set_page_size (engine, 10);
  _pd_sync_engine_set_hook (engine, on_moment_cb, &check);
  gtk_popover_popup (GTK_POPOVER (popover));
  error = pd_test_sync (engine);
  _pd_sync_engine_set_hook (engine, NULL, NULL);

  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (check.was_busy);
  g_assert_true (check.cancel_shown);
  g_assert_true (check.progress_shown);
  /* The second page is being applied: the first one's records counted. */
  g_assert_cmpstr (check.progress_text, ==, "10 records received");
  g_free (check.progress_text);

  /* Cancelled: what came is kept, the window says the run is over. */
  received = g_list_model_get_n_items (pd_store_get_campaigns (store));
  g_assert_cmpuint (received, >=, 10);
  g_assert_cmpuint (received, <, N_CAMPAIGNS);
  g_assert_false (pd_sync_indicator_get_busy (window->sync_indicator));
  g_assert_false (gtk_widget_get_visible (cancel));
  /* Not "synced": more waits on the platform. */
  g_assert_cmpint (pd_sync_engine_get_status (engine), ==, PD_SYNC_STATUS_PENDING);
  g_assert_cmpstr (pd_sync_indicator_get_summary (window->sync_indicator), ==, "Not fully synced");
  pd_test_settle (200);
  pd_test_save_screenshot (popover, "sync-cancelled-popover");
  gtk_popover_popdown (GTK_POPOVER (popover));

  /* The next sync goes on from there. */
  _pd_sync_engine_set_page_size (engine, 1000);
  sync_ok (engine);
  g_assert_cmpuint (g_list_model_get_n_items (pd_store_get_campaigns (store)), ==, N_CAMPAIGNS + 2);
  g_assert_cmpint (pd_sync_engine_get_status (engine), ==, PD_SYNC_STATUS_SYNCED);
}

static void
check_window (PdApplication *app,
              PdWindow      *window)
{
  Client *ada = client_new ();
  g_autofree char *ben_dir = pd_test_make_private_dir ();
  g_autoptr(PdAccount) ben = pd_test_account_new (ben_dir, platform->url, token);
  g_autoptr(PdCampaign) shared = pd_test_campaign_new ("Spring Appeal");
  g_autoptr(PdCampaign) doomed = pd_test_campaign_new ("Autumn Appeal");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) on_server = NULL;
  g_autoptr(PdCampaign) result = NULL;
  PdSyncEngine *engine;
  PdStore *store;
  GtkWindow *dialog;
  GtkWidget *apply;
  const char *shared_id = pd_record_get_id (PD_RECORD (shared));
  const char *doomed_id = pd_record_get_id (PD_RECORD (doomed));

  /* Ada's campaigns, thirty of them filler for a long first sync. */
  pd_campaign_set_currency (shared, "EUR");
  pd_campaign_set_coin_value_micros (shared, 500000);
  pd_campaign_set_voucher_budget_coins (shared, 1000);
  g_assert_true (pd_store_save (ada->store, PD_RECORD (shared), NULL, &error));
  g_assert_true (pd_store_save (ada->store, PD_RECORD (doomed), NULL, &error));
  for (guint i = 0; i < N_CAMPAIGNS; i++)
    {
      g_autofree char *name = g_strdup_printf ("Filler %02u", i);
      g_autoptr(PdCampaign) filler = pd_test_campaign_new (name);

      g_assert_true (pd_store_save (ada->store, PD_RECORD (filler), NULL, &error));
    }
  g_assert_no_error (error);
  sync_ok (ada->engine);

  engine = open_account (window, ben);
  store = window->store;
  g_assert_true (store == pd_context_get_store (window->context));
  check_cancel_first_sync (window, engine, store);

  /* The same two fields changed on both sides, and a campaign Ada
   * deletes while Ben renames it. */
  edit_campaign (ada->store, shared_id, "Spring Appeal (Ada)", 2000);
  {
    g_autoptr(PdCampaign) gone = pd_store_get_campaign (ada->store, doomed_id);

    g_assert_true (pd_store_delete (ada->store, PD_RECORD (gone), NULL, &error));
    g_assert_no_error (error);
  }
  sync_ok (ada->engine);
  edit_campaign (store, shared_id, "Spring Appeal (Ben)", 3000);
  edit_campaign (store, doomed_id, "Autumn Appeal, renamed", -1);
  sync_ok (engine);

  /* The window says so, and nothing was decided for Ben. */
  g_assert_cmpuint (g_list_model_get_n_items (pd_sync_engine_get_conflicts (engine)), ==, 2);
  g_assert_cmpuint (pd_sync_indicator_get_conflict_count (window->sync_indicator), ==, 2);
  on_server = server_campaign (shared_id);
  g_assert_cmpstr (json_object_get_string_member (on_server, "name"), ==, "Spring Appeal (Ada)");
  g_clear_pointer (&on_server, json_object_unref);
  pd_test_settle (300);
  pd_test_save_screenshot (GTK_WIDGET (window), "conflicts-window");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.resolve-conflicts", NULL);
  dialog = find_toplevel (PD_TYPE_CONFLICT_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (window));
  g_assert_true (pd_test_wait_for_mapped (GTK_WIDGET (dialog)));
  apply = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (dialog), PD_TYPE_CONFLICT_DIALOG, "apply_button");
  pd_test_settle (300);
  g_assert_false (gtk_widget_is_sensitive (apply));
  pd_test_save_screenshot (GTK_WIDGET (dialog), "conflict-dialog");

  /* Take All the Platform's picks the platform's side of every field
   * of that campaign, in the radios as well. */
  {
    g_autoptr(PdSyncConflict) first = g_list_model_get_item (pd_sync_engine_get_conflicts (engine), 0);
    PdSyncConflict *with_fields = first;
    g_autoptr(PdSyncConflict) second = g_list_model_get_item (pd_sync_engine_get_conflicts (engine), 1);

    if (!g_str_equal (pd_sync_conflict_get_id (first), shared_id))
      with_fields = second;
    gtk_widget_activate (find_button (GTK_WIDGET (dialog), "Take All the Platform’s"));
    pd_test_settle (400);
    g_assert_cmpint (pd_sync_conflict_get_choice (with_fields, "name"), ==, PD_CONFLICT_CHOICE_THEIRS);
    g_assert_cmpint (pd_sync_conflict_get_choice (with_fields, "voucher_budget_coins"), ==, PD_CONFLICT_CHOICE_THEIRS);
    g_assert_true (pd_sync_conflict_is_decided (with_fields));
  }

  /* Per field: the name Ben's, the budget Ada's; Ben's renamed campaign
   * is kept against Ada's deletion. */
  g_assert_true (pd_conflict_dialog_choose (PD_CONFLICT_DIALOG (dialog), "campaign", shared_id,
                                            "name", PD_CONFLICT_CHOICE_MINE));
  /* One campaign fully decided is enough to apply it. */
  g_assert_true (gtk_widget_is_sensitive (apply));
  g_assert_true (pd_conflict_dialog_choose (PD_CONFLICT_DIALOG (dialog), "campaign", shared_id,
                                            "voucher_budget_coins", PD_CONFLICT_CHOICE_THEIRS));
  g_assert_true (pd_conflict_dialog_choose (PD_CONFLICT_DIALOG (dialog), "campaign", doomed_id,
                                            NULL, PD_CONFLICT_CHOICE_MINE));
  g_assert_true (gtk_widget_is_sensitive (apply));
  pd_test_settle (200);
  pd_test_save_screenshot (GTK_WIDGET (dialog), "conflict-dialog-decided");

  gtk_widget_activate_action (GTK_WIDGET (dialog), "conflicts.apply", NULL);
  g_assert_true (pd_test_wait_for (no_conflict_dialog, NULL, 5000));
  g_assert_cmpuint (g_list_model_get_n_items (pd_sync_engine_get_conflicts (engine)), ==, 0);
  g_assert_cmpuint (pd_sync_indicator_get_conflict_count (window->sync_indicator), ==, 0);

  /* The engine pushes the decision; store and platform hold exactly it. */
  sync_ok (engine);
  g_assert_cmpuint (pd_store_count_outbox (store), ==, 0);
  result = pd_store_get_campaign (store, shared_id);
  g_assert_cmpstr (pd_campaign_get_name (result), ==, "Spring Appeal (Ben)");
  g_assert_cmpint (pd_campaign_get_voucher_budget_coins (result), ==, 2000);
  g_assert_cmpint (pd_store_get_sync_state (store, "campaign", shared_id), ==, PD_SYNC_STATE_SYNCED);
  on_server = server_campaign (shared_id);
  g_assert_cmpstr (json_object_get_string_member (on_server, "name"), ==, "Spring Appeal (Ben)");
  g_assert_cmpint (json_object_get_int_member (on_server, "voucher_budget_coins"), ==, 2000);
  g_clear_pointer (&on_server, json_object_unref);
  on_server = server_campaign (doomed_id);
  g_assert_nonnull (on_server);
  g_assert_cmpstr (json_object_get_string_member (on_server, "name"), ==, "Autumn Appeal, renamed");
  g_clear_object (&result);
  result = campaign_named (store, "Autumn Appeal, renamed");
  g_assert_nonnull (result);

  /* Ada gets the same. */
  sync_ok (ada->engine);
  g_clear_object (&result);
  result = pd_store_get_campaign (ada->store, shared_id);
  g_assert_cmpstr (pd_campaign_get_name (result), ==, "Spring Appeal (Ben)");
  g_assert_cmpint (pd_campaign_get_voucher_budget_coins (result), ==, 2000);
  g_clear_object (&result);
  result = pd_store_get_campaign (ada->store, doomed_id);
  g_assert_nonnull (result);
  g_assert_cmpuint (g_list_model_get_n_items (pd_sync_engine_get_conflicts (ada->engine)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (pd_sync_engine_get_conflicts (engine)), ==, 0);

  /* Back to the local workspace, so the account's store closes. */
  g_assert_true (pd_context_switch_account (window->context, NULL, &error));
  g_assert_no_error (error);
  client_free (ada);
  pd_test_remove_tree (ben_dir);
}

/* Runs the window with @check against a fresh platform and a tenant of
 * its own, whose session token the checks find in `token`. */
static void
run_for_new_tenant (const char     *tag,
                    const char     *tenant,
                    PdTestAppCheck  check)
{
  g_autofree char *email = g_strdup_printf ("%s-%08x@example.com", tag, g_random_int ());
  g_autofree char *api_token = NULL;

  platform = pd_test_platform_start (NULL);
  api_token = pd_test_platform_add_tenant (platform, tenant, email, "password", NULL);
  token = pd_test_platform_sign_in (platform, api_token);

  pd_test_app_reset_workspace ();
  pd_test_app_run (FALSE, check);

  g_clear_pointer (&token, g_free);
  pd_test_platform_free (platform);
  platform = NULL;
}

static void
test_conflicts (void)
{
  run_for_new_tenant ("conflicts", "Conflicts", check_window);
}

/* --- Exact conflicts (issue 14) -------------------------------------------- */

/* Ben's edit through the Details page, as typed and left. */
static void
edit_in_window (PdWindow   *window,
                const char *id,
                const char *name,
                gint64      budget,
                const char *title)
{
  g_autoptr(PdCampaign) campaign = pd_store_get_campaign (window->store, id);
  PdDetailsPage *details = PD_DETAILS_PAGE (window->details_page);

  g_assert_nonnull (campaign);
  pd_window_select_campaign (window, campaign);
  pd_test_settle (100);
  g_assert_true (details->campaign == campaign);
  if (name != NULL)
    {
      gtk_widget_grab_focus (GTK_WIDGET (details->name_row));
      gtk_editable_set_text (GTK_EDITABLE (details->name_row), name);
    }
  if (budget >= 0)
    gtk_spin_button_set_value (details->budget_spin, (double) budget);
  if (title != NULL)
    {
      gtk_widget_grab_focus (GTK_WIDGET (details->title_row));
      gtk_editable_set_text (GTK_EDITABLE (details->title_row), title);
    }
  pd_details_page_flush (details);
  pd_test_settle (100);
}

static void
collect_group_titles (GtkWidget *root,
                      GString   *titles)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (ADW_IS_PREFERENCES_GROUP (child))
        {
          if (titles->len > 0)
            g_string_append (titles, ", ");
          g_string_append (titles, adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (child)));
        }
      collect_group_titles (child, titles);
    }
}

static gboolean
has_label (GtkWidget  *root,
           const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (child)), text) == 0 &&
          gtk_widget_is_drawable (child))
        return TRUE;
      if (has_label (child, text))
        return TRUE;
    }
  return FALSE;
}

/* One campaign in conflict, on its name alone. */
static void
assert_only_name (GListModel *conflicts)
{
  g_autoptr(PdSyncConflict) conflict = NULL;
  g_autofree char *fields = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (conflicts), ==, 1);
  conflict = g_list_model_get_item (conflicts, 0);
  fields = g_strjoinv (",", (char **) pd_sync_conflict_get_fields (conflict));
  g_assert_cmpstr (fields, ==, "name");
}

/* Opens the dialog and checks that it offers the name and nothing else,
 * and says what is still undecided. */
static GtkWindow *
open_dialog_offering_name (PdWindow   *window,
                           const char *screenshot)
{
  g_autoptr(GString) titles = g_string_new (NULL);
  GtkWindow *dialog;
  GtkWidget *apply;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.resolve-conflicts", NULL);
  dialog = find_toplevel (PD_TYPE_CONFLICT_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_true (pd_test_wait_for_mapped (GTK_WIDGET (dialog)));
  pd_test_settle (300);

  collect_group_titles (GTK_WIDGET (dialog), titles);
  g_assert_cmpstr (titles->str, ==, "Name");
  g_assert_true (has_label (GTK_WIDGET (dialog), "Campaign · 1 field was changed here and on the platform."));
  /* The web address followed the name on both sides: it goes with it. */
  g_assert_true (has_label (GTK_WIDGET (dialog), "Harvest Appeal (Ben)\nWeb address: harvest-appeal-ben"));
  g_assert_true (has_label (GTK_WIDGET (dialog), "Harvest Appeal (Ada)\nWeb address: harvest-appeal-ada"));
  apply = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (dialog), PD_TYPE_CONFLICT_DIALOG, "apply_button");
  g_assert_false (gtk_widget_is_sensitive (apply));
  /* Apply says what it waits for. */
  g_assert_true (has_label (GTK_WIDGET (dialog), "Choose a version for 1 more field"));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (apply), ==, "Choose a version for 1 more field");
  pd_test_save_screenshot (GTK_WIDGET (dialog), screenshot);
  return dialog;
}

static void
check_exact_conflict (PdApplication *app,
                      PdWindow      *window)
{
  Client *ada = client_new ();
  g_autofree char *ben_dir = pd_test_make_private_dir ();
  g_autoptr(PdAccount) ben = pd_test_account_new (ben_dir, platform->url, token);
  g_autoptr(PdCampaign) harvest = pd_test_campaign_new ("Harvest Appeal");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) on_server = NULL;
  g_autoptr(PdCampaign) result = NULL;
  const char *id = pd_record_get_id (PD_RECORD (harvest));
  PdSyncEngine *engine;
  GListModel *conflicts;
  GtkWindow *dialog;
  GtkWidget *apply;

  /* The web address follows the name, as for a campaign made in the app. */
  pd_campaign_set_slug (harvest, "harvest-appeal");
  pd_campaign_set_currency (harvest, "EUR");
  pd_campaign_set_coin_value_micros (harvest, 500000);
  pd_campaign_set_voucher_budget_coins (harvest, 1000);
  g_assert_true (pd_store_save (ada->store, PD_RECORD (harvest), NULL, &error));
  g_assert_no_error (error);
  sync_ok (ada->engine);

  engine = open_account (window, ben);
  sync_ok (engine);

  /* Ada renames it; Ben renames it too and raises the budget. */
  edit_campaign (ada->store, id, "Harvest Appeal (Ada)", -1);
  sync_ok (ada->engine);
  edit_in_window (window, id, "Harvest Appeal (Ben)", 3000, NULL);
  sync_ok (engine);
  conflicts = pd_sync_engine_get_conflicts (engine);
  g_assert_cmpuint (g_list_model_get_n_items (conflicts), ==, 1);

  /* Before Ben looks: he raises the budget again, and Ada moves the
   * campaign to another time zone, which Ben's next sync brings in. */
  edit_in_window (window, id, NULL, 4000, NULL);
  assert_only_name (conflicts);
  {
    g_autoptr(PdCampaign) on_ada = pd_store_get_campaign (ada->store, id);

    pd_campaign_set_time_zone (on_ada, "Europe/Amsterdam");
    g_assert_true (pd_store_save (ada->store, PD_RECORD (on_ada), NULL, &error));
    g_assert_no_error (error);
  }
  sync_ok (ada->engine);
  sync_ok (engine);
  assert_only_name (conflicts);

  dialog = open_dialog_offering_name (window, "conflict-dialog-name-only");
  g_assert_true (pd_conflict_dialog_choose (PD_CONFLICT_DIALOG (dialog), "campaign", id,
                                            "name", PD_CONFLICT_CHOICE_THEIRS));
  pd_test_settle (300);
  apply = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (dialog), PD_TYPE_CONFLICT_DIALOG, "apply_button");
  g_assert_true (gtk_widget_is_sensitive (apply));
  g_assert_false (has_label (GTK_WIDGET (dialog), "Choose a version for 1 more field"));
  pd_test_save_screenshot (GTK_WIDGET (dialog), "conflict-dialog-name-only-decided");
  /* Not applied yet: Cancel. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL);
  g_assert_true (pd_test_wait_for (no_conflict_dialog, NULL, 5000));

  /* After he has seen it: the German title. Still only the name, and
   * the choice he made for it still stands. */
  edit_in_window (window, id, NULL, -1, "Erntedank-Spende");
  assert_only_name (conflicts);
  {
    g_autoptr(PdSyncConflict) conflict = g_list_model_get_item (conflicts, 0);

    g_assert_cmpint (pd_sync_conflict_get_choice (conflict, "name"), ==, PD_CONFLICT_CHOICE_THEIRS);
  }
  gtk_widget_activate_action (GTK_WIDGET (window), "win.resolve-conflicts", NULL);
  dialog = find_toplevel (PD_TYPE_CONFLICT_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_true (pd_test_wait_for_mapped (GTK_WIDGET (dialog)));
  pd_test_settle (300);
  {
    g_autoptr(GString) titles = g_string_new (NULL);

    collect_group_titles (GTK_WIDGET (dialog), titles);
    g_assert_cmpstr (titles->str, ==, "Name");
  }
  apply = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (dialog), PD_TYPE_CONFLICT_DIALOG, "apply_button");
  g_assert_true (gtk_widget_is_sensitive (apply));
  g_assert_false (has_label (GTK_WIDGET (dialog), "Choose a version for 1 more field"));
  pd_test_save_screenshot (GTK_WIDGET (dialog), "conflict-dialog-name-only-again");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "conflicts.apply", NULL);
  g_assert_true (pd_test_wait_for (no_conflict_dialog, NULL, 5000));

  /* The platform's name (and its web address), every edit of Ben's and
   * Ada's time zone: here and on the platform. */
  sync_ok (engine);
  g_assert_cmpuint (pd_store_count_outbox (window->store), ==, 0);
  g_assert_cmpint (pd_store_get_sync_state (window->store, "campaign", id), ==, PD_SYNC_STATE_SYNCED);
  result = pd_store_get_campaign (window->store, id);
  g_assert_cmpstr (pd_campaign_get_name (result), ==, "Harvest Appeal (Ada)");
  g_assert_cmpstr (pd_campaign_get_slug (result), ==, "harvest-appeal-ada");
  g_assert_cmpint (pd_campaign_get_voucher_budget_coins (result), ==, 4000);
  g_assert_cmpstr (pd_campaign_text_get_title (pd_campaign_get_text (result, "de")), ==, "Erntedank-Spende");
  g_assert_cmpstr (pd_campaign_get_time_zone (result), ==, "Europe/Amsterdam");
  on_server = server_campaign (id);
  g_assert_cmpstr (json_object_get_string_member (on_server, "name"), ==, "Harvest Appeal (Ada)");
  g_assert_cmpstr (json_object_get_string_member (on_server, "slug"), ==, "harvest-appeal-ada");
  g_assert_cmpint (json_object_get_int_member (on_server, "voucher_budget_coins"), ==, 4000);
  g_assert_cmpstr (json_object_get_string_member (on_server, "time_zone"), ==, "Europe/Amsterdam");
  g_assert_cmpstr (json_object_get_string_member (
                     json_object_get_object_member (json_object_get_object_member (on_server, "texts"), "de"),
                     "title"), ==, "Erntedank-Spende");

  g_assert_true (pd_context_switch_account (window->context, NULL, &error));
  g_assert_no_error (error);
  client_free (ada);
  pd_test_remove_tree (ben_dir);
}

static void
test_exact_conflict (void)
{
  run_for_new_tenant ("exact", "Exact conflicts", check_exact_conflict);
}

static gboolean
name_row_shows (gpointer data)
{
  gpointer *args = data;
  PdDetailsPage *details = args[0];

  return g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (details->name_row)), args[1]) == 0;
}

/* The report of issue 14: Ben renames nothing, only types a budget, slowly;
 * meanwhile a colleague renames the campaign and Ben's pull brings it in.
 * His digits stay, the rename shows, and Enter sends exactly his budget. */
static void
check_typing_through_pull (PdApplication *app,
                           PdWindow      *window)
{
  Client *ada = client_new ();
  g_autofree char *ben_dir = pd_test_make_private_dir ();
  g_autoptr(PdAccount) ben = pd_test_account_new (ben_dir, platform->url, token);
  g_autoptr(PdCampaign) winter = pd_test_campaign_new ("Winter Appeal");
  g_autoptr(PdCampaign) shown = NULL;
  g_autoptr(JsonObject) on_server = NULL;
  g_autoptr(GError) error = NULL;
  PdDetailsPage *details = PD_DETAILS_PAGE (window->details_page);
  GtkEditable *budget_text = GTK_EDITABLE (details->budget_spin);
  const char *id = pd_record_get_id (PD_RECORD (winter));
  gpointer renamed[] = { details, (gpointer) "Winter Appeal, renamed by Ada" };
  gpointer renamed_again[] = { details, (gpointer) "Winter Appeal, final name" };
  gpointer budget_changed[] = { details, (gpointer) "Winter Appeal, Ada's budget" };
  g_auto(GStrv) fields = NULL;
  PdSyncEngine *engine;

  pd_campaign_set_voucher_budget_coins (winter, 2000000);
  g_assert_true (pd_store_save (ada->store, PD_RECORD (winter), NULL, &error));
  g_assert_no_error (error);
  sync_ok (ada->engine);

  engine = open_account (window, ben);
  sync_ok (engine);
  shown = pd_store_get_campaign (window->store, id);
  g_assert_nonnull (shown);
  pd_window_select_campaign (window, shown);
  pd_test_settle (100);

  /* "22" of 2200000 typed: a pull lands Ada's rename. */
  gtk_widget_grab_focus (GTK_WIDGET (details->budget_spin));
  gtk_editable_set_text (budget_text, "22");
  edit_campaign (ada->store, id, "Winter Appeal, renamed by Ada", -1);
  sync_ok (ada->engine);
  sync_ok (engine);
  g_assert_true (pd_test_wait_for (name_row_shows, renamed, 5000));
  g_assert_cmpstr (gtk_editable_get_text (budget_text), ==, "22");

  /* More digits, and another pull, with a title typed meanwhile too. */
  gtk_editable_set_text (budget_text, "2200000");
  gtk_widget_grab_focus (GTK_WIDGET (details->title_row));
  gtk_widget_grab_focus (GTK_WIDGET (details->budget_spin));
  edit_campaign (ada->store, id, "Winter Appeal, final name", -1);
  sync_ok (ada->engine);
  sync_ok (engine);
  g_assert_true (pd_test_wait_for (name_row_shows, renamed_again, 5000));
  g_assert_cmpstr (gtk_editable_get_text (budget_text), ==, "2200000");

  /* Enter: exactly his budget, and Ada's name, here and on the platform. */
  gtk_spin_button_update (details->budget_spin);
  pd_details_page_flush (details);
  sync_ok (engine);
  g_assert_cmpuint (pd_store_count_outbox (window->store), ==, 0);
  on_server = server_campaign (id);
  g_assert_cmpint (json_object_get_int_member (on_server, "voucher_budget_coins"), ==, 2200000);
  g_assert_cmpstr (json_object_get_string_member (on_server, "name"), ==, "Winter Appeal, final name");
  g_assert_cmpuint (g_list_model_get_n_items (pd_sync_engine_get_conflicts (engine)), ==, 0);

  /* Now Ada changes the budget itself while Ben types a new one: his
   * Enter must not overwrite her value unseen. It is a conflict on the
   * budget alone, both values kept, and nothing of it is sent. */
  gtk_editable_set_text (budget_text, "33");
  sync_ok (ada->engine);
  edit_campaign (ada->store, id, "Winter Appeal, Ada's budget", 5000000);
  sync_ok (ada->engine);
  sync_ok (engine);
  g_assert_true (pd_test_wait_for (name_row_shows, budget_changed, 5000));
  g_assert_cmpstr (gtk_editable_get_text (budget_text), ==, "33");
  gtk_editable_set_text (budget_text, "3300000");
  gtk_spin_button_update (details->budget_spin);
  pd_details_page_flush (details);
  g_clear_pointer (&error, g_error_free);
  error = pd_test_sync (engine);
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (pd_sync_engine_get_conflicts (engine)), ==, 1);
  g_assert_true (pd_store_get_conflict (window->store, "campaign", id, NULL, NULL, &fields));
  g_assert_cmpuint (g_strv_length (fields), ==, 1);
  g_assert_cmpstr (fields[0], ==, "voucher_budget_coins");
  g_clear_pointer (&on_server, json_object_unref);
  on_server = server_campaign (id);
  g_assert_cmpint (json_object_get_int_member (on_server, "voucher_budget_coins"), ==, 5000000);
  g_assert_cmpstr (json_object_get_string_member (on_server, "name"), ==, "Winter Appeal, Ada's budget");
  g_clear_object (&shown);
  shown = pd_store_get_campaign (window->store, id);
  g_assert_cmpint (pd_campaign_get_voucher_budget_coins (shown), ==, 3300000);

  g_assert_true (pd_context_switch_account (window->context, NULL, &error));
  g_assert_no_error (error);
  client_free (ada);
  pd_test_remove_tree (ben_dir);
}

static void
test_typing_through_pull (void)
{
  run_for_new_tenant ("typing", "Typing", check_typing_through_pull);
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

  g_test_add_func ("/conflicts-ui/cancel-and-resolve", test_conflicts);
  g_test_add_func ("/conflicts-ui/exact-fields", test_exact_conflict);
  g_test_add_func ("/conflicts-ui/typing-through-a-pull", test_typing_through_pull);

  ret = g_test_run ();
  pd_test_stop_keyring ();
  g_test_dbus_stop (bus);
  return ret;
}
