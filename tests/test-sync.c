/* test-sync.c: the sync engine against the real platform
 *
 * Each test gets a new tenant, so the tests never see each other's data.
 * Numbers in the comments refer to the fault scenarios of SYNC.md.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pd-sync-test-utils.h"
#include "pd-test-utils.h"

static PdTestPlatform *platform;

typedef struct {
  char         *api_token;
  char         *token;     /* a session token of the tenant */
  GPtrArray    *dirs;
} Fixture;

typedef struct {
  PdAccount    *account;
  PdStore      *store;
  PdSyncEngine *engine;
} Client;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *email = g_strdup_printf ("user-%08x@example.com", g_random_int ());

  f->api_token = pd_test_platform_add_tenant (platform, "Sync Test", email, "password", NULL);
  f->token = pd_test_platform_sign_in (platform, f->api_token);
  f->dirs = g_ptr_array_new_with_free_func (g_free);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  for (guint i = 0; i < f->dirs->len; i++)
    pd_test_remove_tree (g_ptr_array_index (f->dirs, i));
  g_ptr_array_unref (f->dirs);
  g_free (f->api_token);
  g_free (f->token);
}

static Client *
client_new (Fixture    *f,
            const char *url)
{
  Client *c = g_new0 (Client, 1);
  char *dir = pd_test_make_private_dir ();
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (f->dirs, dir);
  c->account = pd_test_account_new (dir, url != NULL ? url : platform->url, f->token);
  c->engine = pd_sync_engine_new (c->account, &error);
  g_assert_no_error (error);
  c->store = pd_account_open_store (c->account, &error);
  pd_sync_engine_set_auto_sync (c->engine, FALSE);
  _pd_sync_engine_set_timing (c->engine, 50, 400, 50);
  return c;
}

static void
client_free (Client *c)
{
  g_clear_object (&c->engine);
  g_clear_object (&c->account);
  g_free (c);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Client, client_free)

static void
sync_ok (Client *c)
{
  g_autoptr(GError) error = pd_test_sync (c->engine);

  g_assert_no_error (error);
}

static char *
add_campaign (Client     *c,
              const char *name)
{
  g_autoptr(PdCampaign) campaign = pd_test_campaign_new (name);
  g_autoptr(GError) error = NULL;

  pd_store_save (c->store, PD_RECORD (campaign), NULL, &error);
  g_assert_no_error (error);
  return g_strdup (pd_record_get_id (PD_RECORD (campaign)));
}

static void
rename_campaign (Client     *c,
                 const char *id,
                 const char *name)
{
  g_autoptr(PdCampaign) campaign = pd_store_get_campaign (c->store, id);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (campaign);
  pd_campaign_set_name (campaign, name);
  g_assert_true (pd_store_save (c->store, PD_RECORD (campaign), NULL, &error));
  g_assert_no_error (error);
}

static JsonObject *
server_campaign (Fixture    *f,
                 const char *id)
{
  g_autofree char *path = g_strdup_printf ("/v1/campaigns/%s", id);
  guint status = 0;
  g_autoptr(JsonNode) node = pd_test_platform_request (platform, "GET", path, f->token, NULL, &status);

  if (status == 404)
    return NULL;
  g_assert_cmpuint (status, ==, 200);
  return json_object_ref (json_node_get_object (node));
}

static guint
server_count (Fixture    *f,
              const char *collection)
{
  g_autoptr(GPtrArray) records = pd_test_platform_list (platform, f->token, collection);

  return records->len;
}

static void
test_push_and_pull (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(Client) a = client_new (f, NULL);
  g_autoptr(Client) b = client_new (f, NULL);
  g_autofree char *id = NULL;
  g_autoptr(JsonObject) on_server = NULL;
  g_autoptr(PdCampaign) pulled = NULL;

  g_assert_cmpint (pd_sync_engine_get_status (a->engine), ==, PD_SYNC_STATUS_SYNCED);
  id = add_campaign (a, "Spring");
  pd_sync_engine_refresh (a->engine);
  g_assert_cmpuint (pd_sync_engine_get_pending_count (a->engine), ==, 1);
  g_assert_cmpint (pd_sync_engine_get_status (a->engine), ==, PD_SYNC_STATUS_PENDING);

  sync_ok (a);
  g_assert_cmpint (pd_sync_engine_get_status (a->engine), ==, PD_SYNC_STATUS_SYNCED);
  g_assert_cmpuint (pd_store_count_outbox (a->store), ==, 0);
  on_server = server_campaign (f, id);
  g_assert_nonnull (on_server);
  g_assert_cmpstr (json_object_get_string_member (on_server, "name"), ==, "Spring");

  sync_ok (b);
  pulled = pd_store_get_campaign (b->store, id);
  g_assert_nonnull (pulled);
  g_assert_cmpstr (pd_campaign_get_name (pulled), ==, "Spring");
  g_assert_cmpint (pd_store_get_sync_state (b->store, "campaign", id), ==, PD_SYNC_STATE_SYNCED);

  /* An update goes out as a patch and comes back to the other client. */
  rename_campaign (b, id, "Spring 2030");
  sync_ok (b);
  sync_ok (a);
  {
    g_autoptr(PdCampaign) again = pd_store_get_campaign (a->store, id);

    g_assert_cmpstr (pd_campaign_get_name (again), ==, "Spring 2030");
  }
  g_assert_cmpuint (server_count (f, "campaigns"), ==, 1);

  /* A delete, too. */
  {
    g_autoptr(PdCampaign) doomed = pd_store_get_campaign (a->store, id);
    g_autoptr(GError) error = NULL;

    g_assert_true (pd_store_delete (a->store, PD_RECORD (doomed), NULL, &error));
    g_assert_no_error (error);
  }
  sync_ok (a);
  sync_ok (b);
  g_assert_null (server_campaign (f, id));
  {
    g_autoptr(JsonNode) gone = pd_store_get_local (b->store, "campaign", id);

    g_assert_null (gone);
  }
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  platform = pd_test_platform_start (NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/sync/push-and-pull", test_push_and_pull);
#undef ADD

  ret = g_test_run ();
  pd_test_platform_free (platform);
  return ret;
}
