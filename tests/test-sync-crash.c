/* test-sync-crash.c: kill -9 at the moments that matter, and lost answers
 *
 * A child process (pd-sync-child) syncs the account and kills itself with
 * SIGKILL at a named moment of the engine; the test then opens the same
 * database and checks the invariant of SYNC.md's scenarios 1 to 4.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>

#include "pd-sync-test-utils.h"
#include "pd-test-utils.h"

static PdTestPlatform *platform;

typedef struct {
  char *token;
  char *dir;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *email = g_strdup_printf ("crash-%08x@example.com", g_random_int ());
  g_autofree char *api_token = pd_test_platform_add_tenant (platform, "Crash Test", email, "password", NULL);

  f->token = pd_test_platform_sign_in (platform, api_token);
  f->dir = pd_test_make_private_dir ();
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  pd_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->token);
}

/* Runs pd-sync-child on the fixture's account; returns its wait status. */
static GSubprocess *
run_child (Fixture     *f,
           const char  *url,
           const char  *page_size,
           const char  *first,
           ...)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autofree char *binary = g_test_build_filename (G_TEST_BUILT, "pd-sync-child", NULL);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GSubprocess *child;
  const char *arg;
  va_list args;

  g_subprocess_launcher_setenv (launcher, "PD_TEST_TOKEN", f->token, TRUE);
  if (page_size != NULL)
    g_subprocess_launcher_setenv (launcher, "PD_TEST_PAGE_SIZE", page_size, TRUE);
  g_ptr_array_add (argv, binary);
  g_ptr_array_add (argv, f->dir);
  g_ptr_array_add (argv, (char *) (url != NULL ? url : platform->url));
  va_start (args, first);
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  child = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_wait (child, NULL, &error);
  g_assert_no_error (error);
  return child;
}

static void
assert_killed (GSubprocess *child)
{
  g_assert_true (g_subprocess_get_if_signaled (child));
  g_assert_cmpint (g_subprocess_get_term_sig (child), ==, SIGKILL);
  g_object_unref (child);
}

static PdAccount *
open_account (Fixture *f)
{
  return pd_test_account_new (f->dir, platform->url, f->token);
}

static char *
add_campaign (Fixture    *f,
              const char *name)
{
  g_autoptr(PdAccount) account = open_account (f);
  g_autoptr(PdCampaign) campaign = pd_test_campaign_new (name);
  g_autoptr(GError) error = NULL;
  PdStore *store = pd_account_open_store (account, &error);

  g_assert_no_error (error);
  pd_store_save (store, PD_RECORD (campaign), NULL, &error);
  g_assert_no_error (error);
  return g_strdup (pd_record_get_id (PD_RECORD (campaign)));
}

static guint
server_count (Fixture *f)
{
  g_autoptr(GPtrArray) records = pd_test_platform_list (platform, f->token, "campaigns");

  return records->len;
}

static void
sync_in_process (Fixture *f)
{
  g_autoptr(PdAccount) account = open_account (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(PdSyncEngine) engine = pd_sync_engine_new (account, &error);
  g_autoptr(GError) sync_error = NULL;

  g_assert_no_error (error);
  sync_error = pd_test_sync (engine);
  g_assert_no_error (sync_error);
  g_assert_cmpuint (pd_store_count_outbox (pd_account_open_store (account, NULL)), ==, 0);
}

/* 1: killed after the create was sent, before its answer was applied. */
static void
test_kill_before_apply (Fixture       *f,
                        gconstpointer  data)
{
  const char *moment = data;
  g_autofree char *id = add_campaign (f, "Created once");

  assert_killed (run_child (f, NULL, NULL, "sync", moment, NULL));
  if (g_str_equal (moment, "op-answered"))
    g_assert_cmpuint (server_count (f), ==, 1);

  /* After the restart the same request goes again with the same key. */
  sync_in_process (f);
  g_assert_cmpuint (server_count (f), ==, 1);
  {
    g_autoptr(PdAccount) account = open_account (f);
    PdStore *store = pd_account_open_store (account, NULL);

    g_assert_cmpint (pd_store_get_sync_state (store, "campaign", id), ==, PD_SYNC_STATE_SYNCED);
  }
}

/* 2: killed right after a local edit committed. */
static void
test_kill_after_edit (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *id = add_campaign (f, "Before");
  g_autofree char *path = NULL;

  sync_in_process (f);
  assert_killed (run_child (f, NULL, NULL, "edit", id, "After the crash", NULL));

  {
    g_autoptr(PdAccount) account = open_account (f);
    PdStore *store = pd_account_open_store (account, NULL);
    g_autoptr(JsonNode) local = pd_store_get_local (store, "campaign", id);

    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (local), "name"), ==, "After the crash");
    g_assert_cmpuint (pd_store_count_outbox (store), ==, 1);
  }

  sync_in_process (f);
  path = g_strdup_printf ("/v1/campaigns/%s", id);
  {
    g_autoptr(JsonNode) node = pd_test_platform_request (platform, "GET", path, f->token, NULL, NULL);

    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "name"), ==, "After the crash");
  }
}

/* 3: killed during a pull: the cursor is never ahead of the data. */
static void
test_kill_during_pull (Fixture       *f,
                       gconstpointer  data)
{
  const char *moment = data;
  g_autofree char *other_dir = pd_test_make_private_dir ();
  g_autoptr(GPtrArray) on_server = NULL;
  g_autofree char *cursor = NULL;
  g_autoptr(GHashTable) covered = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  /* Another client puts 25 campaigns on the platform. */
  {
    g_autoptr(PdAccount) other = pd_test_account_new (other_dir, platform->url, f->token);
    PdStore *store = pd_account_open_store (other, NULL);
    g_autoptr(GError) error = NULL;
    g_autoptr(PdSyncEngine) engine = pd_sync_engine_new (other, &error);
    g_autoptr(GError) sync_error = NULL;

    for (guint i = 0; i < 25; i++)
      {
        g_autoptr(PdCampaign) campaign = pd_test_campaign_new ("Far away");

        pd_store_save (store, PD_RECORD (campaign), NULL, &error);
        g_assert_no_error (error);
      }
    sync_error = pd_test_sync (engine);
    g_assert_no_error (sync_error);
  }
  pd_test_remove_tree (other_dir);

  assert_killed (run_child (f, NULL, "10", "sync", moment, "2", NULL));

  {
    g_autoptr(PdAccount) account = open_account (f);
    PdStore *store = pd_account_open_store (account, NULL);
    GListModel *campaigns = pd_store_get_campaigns (store);
    guint n = g_list_model_get_n_items (campaigns);

    cursor = pd_store_get_cursor (store, PD_SYNC_SCOPE);
    /* One page applied when killed on receiving the second, two when
     * killed right after applying the second. */
    g_assert_cmpuint (n, ==, g_str_equal (moment, "page-received") ? 10 : 20);
    g_assert_nonnull (cursor);
    for (guint i = 0; i < n; i++)
      {
        g_autoptr(PdRecord) record = g_list_model_get_item (campaigns, i);

        g_hash_table_add (covered, g_strdup (pd_record_get_id (record)));
      }
  }

  /* Whatever the cursor skips must be here already. */
  {
    g_autofree char *escaped = g_uri_escape_string (cursor, NULL, FALSE);
    g_autofree char *path = g_strdup_printf ("/v1/changes?since=%s&limit=1000", escaped);
    g_autoptr(JsonNode) node = pd_test_platform_request (platform, "GET", path, f->token, NULL, NULL);
    JsonArray *changes = json_object_get_array_member (json_node_get_object (node), "changes");

    for (guint i = 0; i < json_array_get_length (changes); i++)
      g_hash_table_add (covered, g_strdup (json_object_get_string_member (json_array_get_object_element (changes, i), "id")));
  }
  on_server = pd_test_platform_list (platform, f->token, "campaigns");
  g_assert_cmpuint (on_server->len, ==, 25);
  for (guint i = 0; i < on_server->len; i++)
    g_assert_true (g_hash_table_contains (covered, json_object_get_string_member (g_ptr_array_index (on_server, i), "id")));

  sync_in_process (f);
  {
    g_autoptr(PdAccount) account = open_account (f);
    PdStore *store = pd_account_open_store (account, NULL);

    g_assert_cmpuint (g_list_model_get_n_items (pd_store_get_campaigns (store)), ==, 25);
  }
}

static void
on_done_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static gboolean
outbox_empty (gpointer data)
{
  PdSyncEngine *engine = data;
  PdStore *store = pd_account_open_store (pd_sync_engine_get_account (engine), NULL);

  return pd_store_count_outbox (store) == 0 && !pd_sync_engine_get_busy (engine);
}

/* 4: the connection drops after the platform committed: the retry with
 * the same key returns the same result and adds nothing. */
static void
test_lost_answer (Fixture       *f,
                  gconstpointer  data)
{
  PdTestProxy *proxy = pd_test_proxy_new (platform->url);
  g_autofree char *campaign_id = add_campaign (f, "Vouchers");
  const char *batch_id = "6e1e4a52-1f55-4d55-9a3e-0a3c2b9d1e77";
  const char * const codes[] = { "QQQQ-BBBB-CCCC-0001", "QQQQ-BBBB-CCCC-0002", "QQQQ-BBBB-CCCC-0003", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(PdApiClient) client = NULL;
  g_autoptr(GAsyncResult) r1 = NULL, r2 = NULL;
  gint64 accepted = 0, total = 0;

  /* A create whose answer is lost: retried by the engine, made once. */
  {
    g_autoptr(PdAccount) account = pd_test_account_new (f->dir, pd_test_proxy_get_url (proxy), f->token);
    g_autoptr(PdSyncEngine) engine = pd_sync_engine_new (account, &error);
    g_autoptr(GError) sync_error = NULL;

    g_assert_no_error (error);
    _pd_sync_engine_set_timing (engine, 50, 400, 50);
    pd_test_proxy_hang_up_after_forward (proxy, "PUT", 1);
    sync_error = pd_test_sync (engine);
    g_assert_error (sync_error, PD_API_ERROR, PD_API_ERROR_NETWORK);
    g_assert_true (pd_test_wait_for (outbox_empty, engine, 15000));
    g_assert_cmpuint (pd_test_proxy_count (proxy, "PUT", "/v1/campaigns/"), ==, 2);
    g_assert_cmpuint (server_count (f), ==, 1);
  }

  /* A voucher chunk whose answer is lost. */
  {
    g_autofree char *expires_at = pd_test_iso8601_in_days (400);
    g_autofree char *body = g_strdup_printf ("{\"campaign_id\": \"%s\", \"label\": \"Kasse\", \"count\": 3,"
                                             " \"coins_per_voucher\": 100, \"expires_at\": \"%s\"}",
                                             campaign_id, expires_at);
    g_autofree char *path = g_strdup_printf ("/v1/voucher-batches/%s", batch_id);
    guint status = 0;
    g_autoptr(JsonNode) node = pd_test_platform_request (platform, "PUT", path, f->token, body, &status);

    g_assert_cmpuint (status, ==, 201);
  }
  client = pd_api_client_new (pd_test_proxy_get_url (proxy), &error);
  pd_api_client_set_token (client, f->token);
  pd_test_proxy_hang_up_after_forward (proxy, "POST", 1);
  pd_api_client_upload_voucher_codes_async (client, batch_id, 0, codes, "chunk-0-key", NULL, on_done_cb, &r1);
  while (r1 == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (pd_api_client_upload_voucher_codes_finish (client, r1, NULL, NULL, &error));
  g_assert_error (error, PD_API_ERROR, PD_API_ERROR_NETWORK);
  g_clear_error (&error);

  pd_api_client_upload_voucher_codes_async (client, batch_id, 0, codes, "chunk-0-key", NULL, on_done_cb, &r2);
  while (r2 == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (pd_api_client_upload_voucher_codes_finish (client, r2, &accepted, &total, &error));
  g_assert_no_error (error);
  g_assert_cmpint (accepted, ==, 3);
  g_assert_cmpint (total, ==, 3);

  pd_test_proxy_free (proxy);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  platform = pd_test_platform_start (NULL);

  g_test_add ("/sync/crash/create-answered-not-applied", Fixture, "op-answered",
              fixture_setup, test_kill_before_apply, fixture_teardown);
  g_test_add ("/sync/crash/create-frozen-not-sent", Fixture, "op-frozen",
              fixture_setup, test_kill_before_apply, fixture_teardown);
  g_test_add ("/sync/crash/after-local-edit", Fixture, NULL,
              fixture_setup, test_kill_after_edit, fixture_teardown);
  g_test_add ("/sync/crash/pull-page-received", Fixture, "page-received",
              fixture_setup, test_kill_during_pull, fixture_teardown);
  g_test_add ("/sync/crash/pull-page-applied", Fixture, "page-applied",
              fixture_setup, test_kill_during_pull, fixture_teardown);
  g_test_add ("/sync/crash/lost-answer", Fixture, NULL,
              fixture_setup, test_lost_answer, fixture_teardown);

  ret = g_test_run ();
  pd_test_platform_free (platform);
  return ret;
}
