/* test-security-accounts.c: no password or token escapes a real session
 *
 * The app's own context signs in through the account manager against the
 * reference platform on 127.0.0.1 (with e-mail and password, and with an
 * API token), keeps the token in a real Secret Service, syncs a workspace
 * both ways, fetches the campaign results, exports everything a user can
 * export, restarts, and signs out. Every log message (all debug messages
 * on) is captured on the way. Then the password, the API token and the
 * session token (as is, base64, URL-encoded, and the password also as HTTP
 * basic credentials) must appear nowhere: not in the logs, not in any byte
 * of any file below the test's private home, data, config and cache folders
 * (SQLite database, WAL, assets, accounts file, exports), and not in any
 * key of the app's GSettings schemas.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pd-account-manager.h"
#include "pd-campaign-stats.h"
#include "pd-context.h"
#include "pd-demo-workspace.h"
#include "pd-donor-page-html.h"
#include "pd-export.h"
#include "pd-results-export.h"
#include "pd-sync-test-utils.h"
#include "pd-test-secrets.h"
#include "pd-test-utils.h"
#include "pd-token-keyring.h"
#include "pd-voucher-batch-export.h"
#include "pd-voucher-issue.h"

/* Characters that URL-encoding, base64 and JSON each write differently. */
#define PASSWORD "Kennwort/für+Bank #7 & \"Tresor\""

static PdTestPlatform *platform;
static gboolean have_keyring;
/* Kept to the end of the process: libsecret holds its connection to it. */
static GTestDBus *bus;

/* Lets callbacks already due (say, a token restore the context started)
 * run before the test goes on. */
static void
drain_main_context (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

static char *
keyring_token (const char *account_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *token;

  pd_token_keyring_lookup_async (account_id, NULL, pd_test_async_cb, &result);
  token = pd_token_keyring_lookup_finish (pd_test_wait_async (&result), &error);
  g_assert_no_error (error);
  return token;
}

/* Each secret in the forms it could leak in. */
static GPtrArray *
secret_forms (const char * const *secrets,
              const char         *email)
{
  GPtrArray *forms = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; secrets[i] != NULL; i++)
    {
      const char *secret = secrets[i];

      g_ptr_array_add (forms, g_strdup (secret));
      g_ptr_array_add (forms, g_base64_encode ((const guchar *) secret, strlen (secret)));
      g_ptr_array_add (forms, g_uri_escape_string (secret, NULL, FALSE));
      if (g_str_equal (secret, PASSWORD))
        {
          g_autofree char *basic = g_strconcat (email, ":", secret, NULL);

          g_ptr_array_add (forms, g_base64_encode ((const guchar *) basic, strlen (basic)));
        }
    }

  return forms;
}

/* Each secret form: which (by number, not to print the secret) and where. */
static void
assert_nowhere (GPtrArray  *forms,
                const char *logs)
{
  const char *folders[] = {
    g_get_home_dir (), g_get_user_data_dir (), g_get_user_config_dir (), g_get_user_cache_dir (),
  };
  g_autoptr(GSettingsSchemaSource) source = g_settings_schema_source_ref (g_settings_schema_source_get_default ());
  g_autoptr(GString) leaks = g_string_new (NULL);
  g_auto(GStrv) schemas = NULL;
  guint n_schemas = 0;

  g_settings_schema_source_list_schemas (source, TRUE, &schemas, NULL);
  for (guint f = 0; f < forms->len; f++)
    {
      const char *form = g_ptr_array_index (forms, f);
      g_autofree char *in_logs = pd_test_find_secret_in_text (logs, form);

      if (in_logs != NULL)
        g_string_append_printf (leaks, "secret form %u in the logs %s; ", f, in_logs);
      for (guint i = 0; i < G_N_ELEMENTS (folders); i++)
        {
          g_autofree char *in_files = pd_test_find_secret_in_tree (folders[i], form);

          if (in_files != NULL)
            g_string_append_printf (leaks, "secret form %u in %s; ", f, in_files);
        }
      for (guint i = 0; schemas[i] != NULL; i++)
        {
          g_autoptr(GSettings) settings = NULL;
          g_autofree char *in_settings = NULL;

          if (!g_str_has_prefix (schemas[i], APPLICATION_ID))
            continue;
          settings = g_settings_new (schemas[i]);
          in_settings = pd_test_find_secret_in_settings (settings, form);
          if (in_settings != NULL)
            g_string_append_printf (leaks, "secret form %u in GSettings %s %s; ", f, schemas[i], in_settings);
          n_schemas++;
        }
    }

  g_assert_cmpstr (leaks->str, ==, "");
  /* The app's schema was there to check. */
  g_assert_cmpuint (n_schemas, >=, forms->len);
}

static PdVoucherBatch *
issue_vouchers (PdStore    *store,
                PdCampaign *campaign)
{
  g_autoptr(PdVoucherBatch) batch = pd_voucher_batch_new (pd_record_get_id (PD_RECORD (campaign)));
  g_autoptr(GDateTime) expires = g_date_time_add_days (pd_campaign_get_ends_at (campaign), 30);
  g_autoptr(PdVoucherGenerator) generator = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GArray) codes = NULL;
  g_autoptr(GError) error = NULL;

  pd_voucher_batch_set_label (batch, "Filiale Kassel");
  pd_voucher_batch_set_count (batch, 25);
  pd_voucher_batch_set_coins_per_voucher (batch, 10);
  pd_voucher_batch_set_expires_at (batch, expires);
  generator = pd_voucher_issue_prepare (store, batch, TRUE, NULL, &error);
  g_assert_no_error (error);
  pd_voucher_issue_async (store, batch, generator, NULL, pd_test_async_cb, &result);
  codes = pd_voucher_issue_finish (store, pd_test_wait_async (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (codes->len, ==, 25);
  return g_steal_pointer (&batch);
}

static GBytes *
load_asset_cb (const char  *sha256,
               char       **mime_type,
               gpointer     user_data)
{
  PdStore *store = user_data;
  g_autoptr(PdAsset) asset = pd_store_get_asset (store, sha256);
  GBytes *bytes;

  if (asset == NULL || (bytes = pd_store_load_asset (store, sha256, NULL)) == NULL)
    return NULL;
  *mime_type = g_strdup (pd_asset_get_mime_type (asset));
  return bytes;
}

static void
write_export (const char *folder,
              const char *name,
              GBytes     *bytes)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_assert_true (pd_export_write_file (bytes, file, NULL, &error));
  g_assert_no_error (error);
}

/* Everything a user can export from the workspace, into @folder. */
static void
export_everything (PdAccount  *account,
                   PdStore    *store,
                   PdCampaign *campaign,
                   const char *folder)
{
  g_autoptr(GBytes) projects = pd_export_projects_csv (pd_store_get_projects (store), ';');
  g_autoptr(GBytes) campaigns = pd_export_campaigns_csv (store, pd_store_get_campaigns (store), ';');
  g_autoptr(GBytes) campaign_projects = pd_export_campaign_projects_csv (store, campaign, ';');
  g_autoptr(GBytes) json = pd_export_json (pd_store_get_campaigns (store), pd_store_get_projects (store),
                                           pd_store_get_themes (store));
  g_autoptr(PdTheme) theme = pd_store_get_theme (store, pd_campaign_get_theme_id (campaign));
  g_autoptr(GError) error = NULL;
  GListModel *members = pd_campaign_get_projects (campaign);

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  write_export (folder, "projects.csv", projects);
  write_export (folder, "campaigns.csv", campaigns);
  write_export (folder, "campaign-projects.csv", campaign_projects);
  write_export (folder, "workspace.json", json);

  /* The donor page, with the campaign's images inlined. */
  {
    PdDonorPage *page = pd_donor_page_new (campaign, theme, "de", FALSE);
    g_autofree char *html = NULL;
    g_autoptr(GBytes) bytes = NULL;

    for (guint i = 0; i < g_list_model_get_n_items (members); i++)
      {
        g_autoptr(PdCampaignProject) member = g_list_model_get_item (members, i);
        const char *id = pd_campaign_project_get_project_id (member);
        g_autoptr(PdProject) project = pd_store_get_project (store, id);

        pd_donor_page_add_project (page, id, project, pd_campaign_project_get_target_coins (member), 0);
      }
    html = pd_donor_page_html_generate (page, load_asset_cb, store);
    pd_donor_page_free (page);
    bytes = g_bytes_new (html, strlen (html));
    write_export (folder, "donor-page.html", bytes);
  }

  /* The vouchers as CSV and as printable cards. */
  {
    g_autoptr(PdVoucherBatch) batch = issue_vouchers (store, campaign);
    g_autoptr(PdVoucherExport) export = pd_voucher_export_new_for_batch (store, batch, "https://give.example.org/kassel",
                                                                         &error);
    g_autofree char *csv_path = g_build_filename (folder, "vouchers.csv", NULL);
    g_autofree char *pdf_path = g_build_filename (folder, "vouchers.pdf", NULL);
    g_autoptr(GFile) csv = g_file_new_for_path (csv_path);
    g_autoptr(GFile) pdf = g_file_new_for_path (pdf_path);

    g_assert_no_error (error);
    {
      g_autoptr(GAsyncResult) result = NULL;

      pd_voucher_export_write_csv_async (export, csv, NULL, pd_test_async_cb, &result);
      g_assert_true (pd_voucher_export_write_csv_finish (export, pd_test_wait_async (&result), &error));
      g_assert_no_error (error);
    }
    {
      g_autoptr(GAsyncResult) result = NULL;

      pd_voucher_export_write_pdf_async (export, pdf, NULL, pd_test_async_cb, &result);
      g_assert_true (pd_voucher_export_write_pdf_finish (export, pd_test_wait_async (&result), &error));
      g_assert_no_error (error);
    }
  }

  /* The results, as the platform reports them, as CSV and PDF. */
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(JsonObject) object = NULL;
    g_autoptr(JsonNode) node = NULL;
    g_autoptr(PdCampaignStats) stats = NULL;
    g_autoptr(PdResultsExport) export = NULL;
    g_autofree char *csv_path = g_build_filename (folder, "results.csv", NULL);
    g_autofree char *pdf_path = g_build_filename (folder, "results.pdf", NULL);
    g_autoptr(GFile) csv = g_file_new_for_path (csv_path);
    g_autoptr(GFile) pdf = g_file_new_for_path (pdf_path);

    pd_api_client_get_stats_async (pd_account_get_client (account), pd_record_get_id (PD_RECORD (campaign)),
                                   NULL, pd_test_async_cb, &result);
    object = pd_api_client_get_stats_finish (pd_account_get_client (account), pd_test_wait_async (&result), &error);
    g_assert_no_error (error);
    node = json_node_init_object (json_node_alloc (), object);
    stats = pd_campaign_stats_new_from_json (node, &error);
    g_assert_no_error (error);
    export = pd_results_export_new (stats, pd_campaign_get_name (campaign), pd_campaign_get_currency (campaign),
                                    pd_campaign_get_coin_value_micros (campaign));
    g_clear_object (&result);
    pd_results_export_write_csv_async (export, csv, NULL, pd_test_async_cb, &result);
    g_assert_true (pd_results_export_write_csv_finish (export, pd_test_wait_async (&result), &error));
    g_assert_no_error (error);
    g_clear_object (&result);
    pd_results_export_write_pdf_async (export, pdf, NULL, pd_test_async_cb, &result);
    g_assert_true (pd_results_export_write_pdf_finish (export, pd_test_wait_async (&result), &error));
    g_assert_no_error (error);
  }
}

static void
run_session (gboolean with_api_token)
{
  g_autofree char *email = g_strdup_printf ("kasse-%s@bank.example", with_api_token ? "token" : "password");
  g_autofree char *tenant = g_strdup_printf ("Sparkasse %s", with_api_token ? "Token" : "Passwort");
  g_autofree char *api_token = NULL;
  g_autofree char *session_token = NULL;
  g_autofree char *account_id = NULL;
  g_autofree char *exports = g_build_filename (g_get_home_dir (), "Exporte", NULL);
  g_autofree char *logs = NULL;
  g_autoptr(PdContext) context = NULL;
  g_autoptr(GPtrArray) forms = NULL;
  g_autoptr(GError) error = NULL;
  PdAccountManager *manager;
  PdAccount *account;
  PdStore *store;
  PdCampaign *campaign;

  if (!have_keyring)
    {
      g_test_skip ("No Secret Service could be started");
      return;
    }

  /* The platform's admin API is no part of the app: what it logs while
   * making the tenant is left out. */
  api_token = pd_test_platform_add_tenant (platform, tenant, email, PASSWORD, NULL);
  g_free (pd_test_log_capture_take ());

  context = pd_context_new (NULL);
  g_assert_true (g_str_has_prefix (pd_context_get_data_dir (context), g_get_user_data_dir ()));
  g_settings_set_boolean (pd_context_get_settings (context), "sync-automatically", FALSE);
  g_assert_true (pd_context_open_workspace (context, &error));
  g_assert_no_error (error);
  manager = pd_context_get_account_manager (context);

  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(PdAccount) signed_in = NULL;

    pd_account_manager_sign_in_async (manager, platform->url,
                                      with_api_token ? NULL : email, with_api_token ? NULL : PASSWORD,
                                      with_api_token ? api_token : NULL, NULL, pd_test_async_cb, &result);
    signed_in = pd_account_manager_sign_in_finish (manager, pd_test_wait_async (&result), &error);
    g_assert_no_error (error);
    account_id = g_strdup (pd_account_get_id (signed_in));
  }
  account = pd_account_manager_lookup (manager, account_id);
  g_assert_true (pd_context_switch_account (context, account, &error));
  g_assert_no_error (error);
  session_token = keyring_token (account_id);
  g_assert_nonnull (session_token);
  g_assert_cmpuint (strlen (session_token), >=, 16);

  /* A workspace worth syncing: a theme with its logo, projects, two
   * campaigns; pushed, then pulled again. */
  store = pd_context_get_store (context);
  g_assert_true (pd_demo_workspace_fill (store, 12, PD_DEMO_WORKSPACE_SEED, &error));
  g_assert_no_error (error);
  drain_main_context ();
  for (guint run = 0; run < 2; run++)
    {
      g_autoptr(GError) sync_error = pd_test_sync (pd_context_get_sync_engine (context));

      g_assert_no_error (sync_error);
    }
  g_assert_cmpuint (pd_account_get_pending_count (account), ==, 0);

  campaign = g_list_model_get_item (pd_store_get_campaigns (store), 0);
  export_everything (account, store, campaign, exports);
  g_object_unref (campaign);

  /* Restart: the token comes back from the keyring, and is used. */
  g_clear_object (&context);
  context = pd_context_new (NULL);
  g_assert_true (pd_context_open_workspace (context, &error));
  g_assert_no_error (error);
  account = pd_context_get_account (context);
  g_assert_nonnull (account);
  {
    g_autoptr(GAsyncResult) result = NULL;

    pd_account_manager_restore_async (pd_context_get_account_manager (context), account, NULL, pd_test_async_cb, &result);
    g_assert_true (pd_account_manager_restore_finish (pd_context_get_account_manager (context),
                                                      pd_test_wait_async (&result), &error));
    g_assert_no_error (error);
  }
  drain_main_context ();
  {
    g_autoptr(GError) sync_error = pd_test_sync (pd_context_get_sync_engine (context));

    g_assert_no_error (sync_error);
  }

  /* The scan: the logs must have seen real traffic to mean anything. */
  logs = pd_test_log_capture_take ();
  g_test_message ("%" G_GSIZE_FORMAT " bytes of log output checked", strlen (logs));
  g_assert_cmpuint (strlen (logs), >, 1000);
  {
    const char *secrets[] = { PASSWORD, api_token, session_token, NULL };
    g_autofree char *tenant_on_disk = pd_test_find_secret_in_tree (g_get_user_data_dir (), tenant);

    /* What is not secret is there, so the scan reads the right folders. */
    g_assert_nonnull (tenant_on_disk);
    forms = secret_forms (secrets, email);
    assert_nowhere (forms, logs);
  }

  /* Signing out logs too; still nothing. */
  {
    g_autoptr(GAsyncResult) result = NULL;

    pd_account_manager_sign_out_async (pd_context_get_account_manager (context), account, TRUE, NULL,
                                       pd_test_async_cb, &result);
    g_assert_true (pd_account_manager_sign_out_finish (pd_context_get_account_manager (context),
                                                       pd_test_wait_async (&result), &error));
    g_assert_no_error (error);
  }
  drain_main_context ();
  g_free (logs);
  logs = pd_test_log_capture_take ();
  assert_nowhere (forms, logs);
}

static void
test_security_accounts_password (void)
{
  run_session (FALSE);
}

static void
test_security_accounts_api_token (void)
{
  run_session (TRUE);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_autofree char *root = pd_test_make_private_dir ();

  /* A private home with its data, config and cache folders, set before
   * GLib first reads them, so the scan reads every file the app wrote.
   * (Not G_TEST_OPTION_ISOLATE_DIRS: it also hides the system's GSettings
   * schemas, which GIO's proxy resolver needs.) */
  for (guint i = 0; i < 4; i++)
    {
      static const char *variables[] = { "HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME" };
      g_autofree char *path = g_build_filename (root, i == 0 ? "home" : variables[i], NULL);

      g_assert_cmpint (g_mkdir_with_parents (path, 0700), ==, 0);
      g_setenv (variables[i], path, TRUE);
    }
  pd_test_log_capture_install ();
  g_test_init (&argc, &argv, NULL);

  /* A private session bus with a private, unlocked keyring: a keyring that
   * another program started on the shared bus (D-Bus activation by a UI
   * test, say) would prompt, and the test would hang. */
  bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (bus);
  have_keyring = pd_test_start_keyring ();
  platform = pd_test_platform_start (NULL);

  g_test_add_func ("/security/accounts/password", test_security_accounts_password);
  g_test_add_func ("/security/accounts/api-token", test_security_accounts_api_token);

  ret = g_test_run ();
  pd_test_platform_free (platform);
  pd_test_stop_keyring ();
  /* Stops the daemon without waiting for libsecret to let go of the bus. */
  g_test_dbus_stop (bus);
  pd_test_remove_tree (root);
  return ret;
}
