/* test-accounts-ui.c: signing in through the account switcher against the
 * reference platform, switching workspaces, and the sync indicator
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <sys/prctl.h>

#include "pd-account-manager.h"
#include "pd-preferences-window.h"
#include "pd-sign-in-dialog.h"
#include "pd-sign-out-dialog.h"
#include "pd-sync-engine.h"
#include "pd-sync-test-utils.h"
#include "pd-test-app.h"

static gboolean have_keyring;

typedef struct
{
  GSubprocess *process;
  char        *data_dir;
  char        *base_url;
} Platform;

static Platform *platform;
/* The account signed in to, and the campaign chosen in its workspace. */
static char *account_id;
static char *account_campaign_id;

/* The server goes when the test goes, even when an assertion aborts it. */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static gboolean
file_written (gpointer data)
{
  g_autofree char *contents = NULL;

  return g_file_get_contents (data, &contents, NULL, NULL) && strchr (contents, '\n') != NULL;
}

static Platform *
platform_start (void)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autofree char *server = pd_test_build_path ("platform", "particulate-platform", NULL);
  g_autofree char *data = NULL;
  g_autofree char *port_file = NULL;
  g_autofree char *port = NULL;
  g_autoptr(GError) error = NULL;
  Platform *self = g_new0 (Platform, 1);

  self->data_dir = pd_test_make_private_dir ();
  data = g_build_filename (self->data_dir, "data", NULL);
  port_file = g_build_filename (self->data_dir, "port", NULL);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  self->process = g_subprocess_launcher_spawn (launcher, &error, server, "--data-dir", data,
                                               "--port", "0", "--port-file", port_file,
                                               "--seed", "demo",
                                               /* All its clients share 127.0.0.1. */
                                               "--max-connections-per-peer", "1024", NULL);
  g_assert_no_error (error);
  g_assert_true (pd_test_wait_for (file_written, port_file, 30000));
  g_assert_true (g_file_get_contents (port_file, &port, NULL, NULL));
  g_strstrip (port);
  self->base_url = g_strdup_printf ("http://127.0.0.1:%s", port);
  return self;
}

static void
platform_stop (Platform *self)
{
  g_subprocess_send_signal (self->process, SIGTERM);
  g_subprocess_wait (self->process, NULL, NULL);
  g_object_unref (self->process);
  pd_test_remove_tree (self->data_dir);
  g_free (self->data_dir);
  g_free (self->base_url);
  g_free (self);
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

static gboolean
has_account (gpointer data)
{
  return pd_context_get_account (data) != NULL;
}

static gboolean
engine_settled (gpointer data)
{
  PdSyncIndicator *indicator = data;
  PdSyncIndicatorStatus status = pd_sync_indicator_get_status (indicator);

  /* A first pull brings the platform's records: synced means it is done. */
  return status == PD_SYNC_INDICATOR_ERROR ||
         (status == PD_SYNC_INDICATOR_SYNCED && pd_store_count_projects (g_object_get_data (G_OBJECT (indicator), "store")) > 0);
}

static gboolean
has_campaigns (gpointer data)
{
  return g_list_model_get_n_items (pd_store_get_campaigns (data)) > 0;
}

static void
check_accounts (PdApplication *app,
                PdWindow      *window)
{
  PdContext *context = window->context;
  PdStore *local_store = window->store;
  GtkWindow *dialog;
  GtkEditable *email, *password;

  g_assert_null (pd_context_get_account (context));
  g_assert_cmpstr (pd_account_switcher_get_title (window->account_switcher), ==, "Local Workspace");
  g_assert_cmpint (pd_sync_indicator_get_status (window->sync_indicator), ==, PD_SYNC_INDICATOR_LOCAL);

  /* Add Account… in the switcher opens the sign-in dialog, with the
   * platform's address filled in from PARTICULATE_PLATFORM_URL. */
  gtk_widget_activate_action (GTK_WIDGET (window->account_switcher), "account.add", NULL);
  pd_test_settle (200);
  dialog = find_toplevel (PD_TYPE_SIGN_IN_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (dialog), PD_TYPE_SIGN_IN_DIALOG, "url_row"))),
                   ==, platform->base_url);
  email = GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (dialog), PD_TYPE_SIGN_IN_DIALOG, "email_row"));
  password = GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (dialog), PD_TYPE_SIGN_IN_DIALOG, "password_row"));
  gtk_editable_set_text (email, "demo@example.com");
  gtk_editable_set_text (password, "demo-password");
  pd_test_wait_for_mapped (GTK_WIDGET (dialog));
  pd_test_settle (300);
  pd_test_save_screenshot (GTK_WIDGET (dialog), "sign-in-dialog");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "sign-in.sign-in", NULL);

  /* Signed in: the account's own workspace is open, synced from the
   * platform, and the switcher and the indicator say so. */
  g_assert_true (pd_test_wait_for (has_account, context, 20000));
  g_assert_true (window->store != local_store);
  g_assert_true (window->store == pd_context_get_store (context));
  g_assert_cmpstr (pd_account_switcher_get_title (window->account_switcher), !=, "Local Workspace");
  /* The indicator's Sync Now runs the engine; the indicator then shows
   * its outcome: synced, or the error with the platform's details. */
  g_object_set_data (G_OBJECT (window->sync_indicator), "store", window->store);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.sync", NULL);
  g_assert_true (pd_test_wait_for (engine_settled, window->sync_indicator, 20000));
  g_assert_cmpint (pd_sync_indicator_get_status (window->sync_indicator), !=, PD_SYNC_INDICATOR_LOCAL);
  if (pd_sync_indicator_get_status (window->sync_indicator) == PD_SYNC_INDICATOR_ERROR)
    g_assert_nonnull (pd_sync_indicator_get_details (window->sync_indicator));
  else
    g_assert_true (pd_test_wait_for (has_campaigns, window->store, 10000));
  pd_test_settle (300);
  pd_test_save_screenshot (GTK_WIDGET (window), "account-workspace");

  /* A campaign of the account and its Results page, chosen as clicks
   * would; the account's workspace remembers them, the local one not. */
  g_assert_true (pd_test_wait_for (has_campaigns, window->store, 10000));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window->campaign_list_view), "list.activate-item", "u", 0));
  adw_view_stack_set_visible_child_name (window->view_stack, "results");
  g_assert_nonnull (window->campaign);
  account_id = g_strdup (pd_account_get_id (pd_context_get_account (context)));
  account_campaign_id = g_strdup (pd_record_get_id (PD_RECORD (window->campaign)));

  /* Back to the local workspace: the account's data is not shown there. */
  gtk_widget_activate_action (GTK_WIDGET (window->account_switcher), "account.switch", "s", "");
  g_assert_null (pd_context_get_account (context));
  g_assert_cmpstr (pd_account_switcher_get_title (window->account_switcher), ==, "Local Workspace");
  g_assert_cmpuint (g_list_model_get_n_items (pd_store_get_campaigns (window->store)), ==, 0);
  g_assert_cmpint (pd_sync_indicator_get_status (window->sync_indicator), ==, PD_SYNC_INDICATOR_LOCAL);
  g_assert_null (window->campaign);
}

static void
check_reopens_account (PdApplication *app,
                       PdWindow      *window)
{
  /* The next start opens the local workspace chosen last. */
  g_assert_null (pd_context_get_account (window->context));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pd_context_get_account_manager (window->context))), ==, 1);
  g_assert_null (window->campaign);

  /* The account's workspace shows the campaign and page it showed last. */
  gtk_widget_activate_action (GTK_WIDGET (window->account_switcher), "account.switch", "s", account_id);
  g_assert_nonnull (pd_context_get_account (window->context));
  g_assert_nonnull (window->campaign);
  g_assert_cmpstr (pd_record_get_id (PD_RECORD (window->campaign)), ==, account_campaign_id);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (window->view_stack), ==, "results");
  pd_test_settle (300);
  pd_test_save_screenshot (GTK_WIDGET (window), "account-restored-selection");
}

/* The button below @widget whose accessible name is @name. */
static GtkWidget *
find_button_named (GtkWidget  *widget,
                   const char *name)
{
  if (GTK_IS_BUTTON (widget))
    {
      g_autofree char *mismatch =
        gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, name);

      if (mismatch == NULL)
        return widget;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static PdSignOutDialog *
open_sign_out (GtkWidget  *widget,
               const char *action)
{
  PdSignOutDialog *dialog;

  gtk_widget_activate_action (widget, action, NULL);
  pd_test_settle (200);
  dialog = PD_SIGN_OUT_DIALOG (find_toplevel (PD_TYPE_SIGN_OUT_DIALOG));
  g_assert_nonnull (dialog);
  return dialog;
}

static gboolean
nothing_pending (gpointer data)
{
  return pd_store_count_outbox (data) == 0;
}

static gboolean
folder_gone (gpointer data)
{
  return !g_file_test (data, G_FILE_TEST_EXISTS);
}

static gboolean
no_accounts (gpointer data)
{
  return g_list_model_get_n_items (G_LIST_MODEL (pd_context_get_account_manager (data))) == 0;
}

/* Sign out, from the switcher and with changes waiting: the dialog says
 * how many; Cancel keeps everything, Sync First sends them, Sign Out
 * removes the account and its workspace. */
static void
check_sign_out (PdApplication *app,
                PdWindow      *window)
{
  PdContext *context = window->context;
  GListModel *accounts = G_LIST_MODEL (pd_context_get_account_manager (context));
  g_autoptr(PdAccount) account = g_list_model_get_item (accounts, 0);
  g_autofree char *directory = g_strdup (pd_account_get_directory (account));
  g_autofree char *id = NULL;
  g_autofree char *title = pd_account_dup_title (account);
  g_autofree char *sign_out_name = g_strdup_printf ("Sign Out of %s", title);
  PdPreferencesWindow *preferences;
  PdSignOutDialog *dialog;
  GtkWidget *button;

  /* No sign-out for the local workspace. */
  gtk_widget_activate_action (GTK_WIDGET (window->account_switcher), "account.switch", "s", "");
  g_assert_null (pd_context_get_account (context));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window->account_switcher),
                                                                                     PD_TYPE_ACCOUNT_SWITCHER,
                                                                                     "sign_out_button"))));
  gtk_widget_activate_action (GTK_WIDGET (window->account_switcher), "account.switch", "s", pd_account_get_id (account));
  g_assert_true (pd_context_get_account (context) == account);

  /* Two edits wait: automatic sync is off. */
  g_settings_set_boolean (pd_context_get_settings (context), "sync-automatically", FALSE);
  id = pd_test_store_add_campaign (window->store, "Not Yet Sent");
  g_free (pd_test_store_add_campaign (window->store, "Not Yet Sent Either"));
  g_assert_cmpuint (pd_store_count_outbox (window->store), ==, 2);

  dialog = open_sign_out (GTK_WIDGET (window->account_switcher), "account.sign-out");
  g_assert_cmpuint (pd_sign_out_dialog_get_pending (dialog), ==, 2);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                            "2 changes made on this computer have not been synced yet and would be lost."));
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "sync"));
  g_assert_cmpstr (adw_message_dialog_get_default_response (ADW_MESSAGE_DIALOG (dialog)), ==, "sync");
  pd_test_save_screenshot (GTK_WIDGET (dialog), "sign-out-pending");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  pd_test_settle (100);
  g_assert_cmpuint (g_list_model_get_n_items (accounts), ==, 1);
  g_assert_true (g_file_test (directory, G_FILE_TEST_IS_DIR));

  /* Sync First sends them. */
  dialog = open_sign_out (GTK_WIDGET (window->account_switcher), "account.sign-out");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "sync");
  g_assert_true (pd_test_wait_for (nothing_pending, window->store, 20000));
  g_assert_cmpuint (g_list_model_get_n_items (accounts), ==, 1);

  /* Preferences list the account with its own Sign Out; nothing waits
   * now, so there is nothing to sync first. */
  preferences = pd_preferences_window_new (context);
  gtk_window_set_transient_for (GTK_WINDOW (preferences), GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (preferences));
  pd_test_settle (300);
  pd_test_save_screenshot (GTK_WIDGET (preferences), "preferences-accounts");
  button = find_button_named (GTK_WIDGET (preferences), sign_out_name);
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  pd_test_settle (200);
  dialog = PD_SIGN_OUT_DIALOG (find_toplevel (PD_TYPE_SIGN_OUT_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_cmpuint (pd_sign_out_dialog_get_pending (dialog), ==, 0);
  g_assert_false (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "sync"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "sign-out");

  /* Gone: the workspace is local again, the account's folder deleted,
   * and the preferences no longer list it. */
  g_assert_true (pd_test_wait_for (no_accounts, context, 20000));
  g_assert_null (pd_context_get_account (context));
  g_assert_cmpstr (pd_account_switcher_get_title (window->account_switcher), ==, "Local Workspace");
  /* The folder goes on a worker, after the list. */
  g_assert_true (pd_test_wait_for (folder_gone, directory, 20000));
  g_assert_null (find_button_named (GTK_WIDGET (preferences), sign_out_name));
  gtk_window_destroy (GTK_WINDOW (preferences));
  g_settings_set_boolean (pd_context_get_settings (context), "sync-automatically", TRUE);
}

static void
test_accounts (void)
{
  if (!have_keyring)
    {
      g_test_skip ("No Secret Service could be started");
      return;
    }

  platform = platform_start ();
  g_setenv ("PARTICULATE_PLATFORM_URL", platform->base_url, TRUE);

  pd_test_app_reset_workspace ();
  pd_test_app_run (FALSE, check_accounts);
  pd_test_app_run (FALSE, check_reopens_account);
  pd_test_app_run (FALSE, check_sign_out);

  platform_stop (platform);
  platform = NULL;
  g_clear_pointer (&account_id, g_free);
  g_clear_pointer (&account_campaign_id, g_free);
}

int
main (int   argc,
      char *argv[])
{
  GTestDBus *bus;
  int ret;

  pd_test_app_init ();
  /* A private session bus with a private, unlocked keyring: a keyring that
   * another program started on the shared bus would prompt. */
  bus = pd_test_private_bus_up ();
  have_keyring = pd_test_start_keyring ();
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/accounts-ui/sign-in-and-switch", test_accounts);

  ret = g_test_run ();
  pd_test_stop_keyring ();
  /* Stops the daemon without waiting for GTK to let go of the bus. */
  g_test_dbus_stop (bus);
  return ret;
}
