/* test-accounts.c: accounts, their databases and their tokens in a real
 * Secret Service (gnome-keyring, started on the test's session bus)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pd-account-manager.h"
#include "pd-sync-test-utils.h"
#include "pd-test-utils.h"
#include "pd-token-keyring.h"

static PdTestPlatform *platform;
static gboolean have_keyring;
/* Kept to the end of the process: libsecret holds its connection to it. */
static GTestDBus *bus;

static PdAccount *
sign_in (PdAccountManager  *manager,
         const char        *url,
         const char        *email,
         const char        *password,
         GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pd_account_manager_sign_in_async (manager, url, email, password, NULL, NULL, pd_test_async_cb, &result);
  return pd_account_manager_sign_in_finish (manager, pd_test_wait_async (&result), error);
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

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &contents, &len, NULL))
    return FALSE;
  /* The database has NUL bytes: search the whole of it. */
  for (gsize i = 0; i + strlen (needle) <= len; i++)
    if (memcmp (contents + i, needle, strlen (needle)) == 0)
      return TRUE;
  return FALSE;
}

static void
test_insecure_url (void)
{
  g_autofree char *dir = pd_test_make_private_dir ();
  g_autoptr(PdAccountManager) manager = pd_account_manager_new (dir);
  g_autoptr(PdAccount) account = NULL;
  g_autoptr(GError) error = NULL;

  account = sign_in (manager, "http://platform.example.com", "ada@example.com", "secret", &error);
  g_assert_null (account);
  g_assert_error (error, PD_API_ERROR, PD_API_ERROR_INSECURE_URL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (manager)), ==, 0);
  pd_test_remove_tree (dir);
}

static void
test_sign_in_restore_sign_out (void)
{
  g_autofree char *dir = pd_test_make_private_dir ();
  g_autoptr(PdAccountManager) manager = pd_account_manager_new (dir);
  g_autoptr(PdAccount) account = NULL;
  g_autoptr(PdAccount) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *ini = g_build_filename (dir, "accounts.ini", NULL);
  g_autofree char *db = NULL;
  g_autofree char *account_id = NULL;
  g_autofree char *account_dir = NULL;

  if (!have_keyring)
    {
      g_test_skip ("No Secret Service could be started");
      return;
    }

  g_free (pd_test_platform_add_tenant (platform, "Bakery Keyring", "keyring@example.com", "pass-1", NULL));
  account = sign_in (manager, platform->url, "keyring@example.com", "pass-1", &error);
  g_assert_no_error (error);
  g_assert_false (pd_account_get_needs_sign_in (account));
  g_assert_cmpstr (pd_account_get_tenant_name (account), ==, "Bakery Keyring");
  account_id = g_strdup (pd_account_get_id (account));
  account_dir = g_strdup (pd_account_get_directory (account));

  /* The token is in the keyring, and nowhere in our files. */
  token = keyring_token (account_id);
  g_assert_nonnull (token);
  g_assert_true (g_file_test (ini, G_FILE_TEST_EXISTS));
  g_assert_false (file_contains (ini, token));
  g_assert_false (file_contains (ini, "pass-1"));

  /* A change waits in the account's own database. */
  {
    PdStore *store = pd_account_open_store (account, &error);
    g_autoptr(PdCampaign) campaign = pd_test_campaign_new ("Unsynced");

    g_assert_no_error (error);
    pd_store_save (store, PD_RECORD (campaign), NULL, &error);
    g_assert_no_error (error);
  }
  db = pd_account_dup_database_path (account);
  g_assert_true (g_str_has_prefix (db, dir));
  g_assert_false (file_contains (db, token));

  /* Restart: the account comes back, its token from the keyring. */
  g_clear_object (&manager);
  manager = pd_account_manager_new (dir);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (manager)), ==, 1);
  again = g_list_model_get_item (G_LIST_MODEL (manager), 0);
  g_assert_cmpstr (pd_account_get_id (again), ==, account_id);
  g_assert_true (pd_account_get_needs_sign_in (again));
  {
    g_autoptr(GAsyncResult) result = NULL;

    pd_account_manager_restore_async (manager, again, NULL, pd_test_async_cb, &result);
    g_assert_true (pd_account_manager_restore_finish (manager, pd_test_wait_async (&result), &error));
    g_assert_no_error (error);
  }
  g_assert_false (pd_account_get_needs_sign_in (again));
  g_assert_cmpuint (pd_account_get_pending_count (again), ==, 1);

  /* Signing out warns while a change is pending, and keeps everything. */
  {
    g_autoptr(GAsyncResult) result = NULL;

    pd_account_manager_sign_out_async (manager, again, FALSE, NULL, pd_test_async_cb, &result);
    g_assert_false (pd_account_manager_sign_out_finish (manager, pd_test_wait_async (&result), &error));
    g_assert_error (error, PD_ACCOUNT_ERROR, PD_ACCOUNT_ERROR_PENDING_CHANGES);
    g_assert_nonnull (strstr (error->message, "1"));
    g_clear_error (&error);
  }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (manager)), ==, 1);
  g_assert_true (g_file_test (account_dir, G_FILE_TEST_IS_DIR));
  {
    g_autofree char *still = keyring_token (account_id);

    g_assert_nonnull (still);
  }

  /* Confirmed: data and token go. */
  {
    g_autoptr(GAsyncResult) result = NULL;

    pd_account_manager_sign_out_async (manager, again, TRUE, NULL, pd_test_async_cb, &result);
    g_assert_true (pd_account_manager_sign_out_finish (manager, pd_test_wait_async (&result), &error));
    g_assert_no_error (error);
  }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (manager)), ==, 0);
  g_assert_false (g_file_test (account_dir, G_FILE_TEST_EXISTS));
  {
    g_autofree char *gone = keyring_token (account_id);

    g_assert_null (gone);
  }
  g_assert_false (file_contains (ini, account_id));

  pd_test_remove_tree (dir);
}

static void
test_several_accounts (void)
{
  g_autofree char *dir = pd_test_make_private_dir ();
  g_autoptr(PdAccountManager) manager = pd_account_manager_new (dir);
  g_autoptr(PdAccount) first = NULL;
  g_autoptr(PdAccount) second = NULL;
  g_autoptr(PdAccount) first_again = NULL;
  g_autoptr(GError) error = NULL;

  if (!have_keyring)
    {
      g_test_skip ("No Secret Service could be started");
      return;
    }

  g_free (pd_test_platform_add_tenant (platform, "Client One", "one@example.com", "pass-one", NULL));
  g_free (pd_test_platform_add_tenant (platform, "Client Two", "two@example.com", "pass-two", NULL));

  first = sign_in (manager, platform->url, "one@example.com", "pass-one", &error);
  g_assert_no_error (error);
  second = sign_in (manager, platform->url, "two@example.com", "pass-two", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (manager)), ==, 2);
  g_assert_cmpstr (pd_account_get_directory (first), !=, pd_account_get_directory (second));

  /* The same tenant again (say, after its token expired) is the same
   * account, with its data. */
  {
    g_autofree char *with_slash = g_strconcat (platform->url, "/", NULL);

    first_again = sign_in (manager, with_slash, "one@example.com", "pass-one", &error);
  }
  g_assert_no_error (error);
  g_assert_true (first_again == first);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (manager)), ==, 2);

  /* Signing in again as another tenant must not mix data. */
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(PdAccount) wrong = NULL;

    pd_account_manager_sign_in_again_async (manager, first, "two@example.com", "pass-two", NULL,
                                            NULL, pd_test_async_cb, &result);
    wrong = pd_account_manager_sign_in_finish (manager, pd_test_wait_async (&result), &error);
    g_assert_null (wrong);
    g_assert_error (error, PD_ACCOUNT_ERROR, PD_ACCOUNT_ERROR_WRONG_TENANT);
  }

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) sign_out_error = NULL;

      pd_account_manager_sign_out_async (manager, i == 0 ? first : second, FALSE, NULL, pd_test_async_cb, &result);
      g_assert_true (pd_account_manager_sign_out_finish (manager, pd_test_wait_async (&result), &sign_out_error));
      g_assert_no_error (sign_out_error);
    }
  pd_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  /* A private session bus with a private, unlocked keyring: a keyring that
   * another program started on the shared bus would prompt. */
  bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (bus);
  have_keyring = pd_test_start_keyring ();
  platform = pd_test_platform_start (NULL);

  g_test_add_func ("/accounts/insecure-url", test_insecure_url);
  g_test_add_func ("/accounts/sign-in-restore-sign-out", test_sign_in_restore_sign_out);
  g_test_add_func ("/accounts/several", test_several_accounts);

  ret = g_test_run ();
  pd_test_platform_free (platform);
  pd_test_stop_keyring ();
  /* Stops the daemon without waiting for libsecret to let go of the bus. */
  g_test_dbus_stop (bus);
  return ret;
}
