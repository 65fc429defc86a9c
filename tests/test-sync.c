/* test-sync.c: the sync engine against the real platform
 *
 * Each test gets a new tenant, so the tests never see each other's data.
 * Numbers in the comments refer to the fault scenarios of SYNC.md.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pd-json.h"
#include "pd-sync-test-utils.h"
#include "pd-test-utils.h"
#include "pd-validation.h"

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
  id = pd_test_store_add_campaign (a->store, "Spring");
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
  pd_test_store_rename_campaign (b->store, id, "Spring 2030");
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


/* Vouchers carry the web address: the platform refuses a new slug for a
 * campaign with a voucher batch (409 slug-locked). The change is set aside
 * as refused, with a message that names the address kept, and nothing
 * typed is lost; putting the address back sends the rest. */
static void
test_slug_locked (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(Client) c = client_new (f, NULL);
  g_autoptr(GDateTime) now = pd_now_utc ();
  /* the vouchers (valid 60 days from then) outlast the campaign */
  g_autoptr(GDateTime) issued = g_date_time_add_days (now, 150);
  g_autofree char *id = pd_test_store_add_campaign (c->store, "Herbst");
  g_autofree char *batch_id = NULL;
  g_autofree char *slug = NULL;
  g_autoptr(PdCampaign) campaign = NULL;
  g_autoptr(GPtrArray) failed = NULL;
  g_autoptr(GError) error = NULL;
  PdOutboxOp *op;

  batch_id = pd_test_store_issue_batch (c->store, id, 20, 10, issued);
  sync_ok (c);
  campaign = pd_store_get_campaign (c->store, id);
  slug = g_strdup (pd_campaign_get_slug (campaign));

  pd_campaign_set_slug (campaign, "herbst-neu");
  pd_campaign_set_voucher_budget_coins (campaign, 7000);
  g_assert_true (pd_store_save (c->store, PD_RECORD (campaign), NULL, &error));
  g_assert_no_error (error);
  g_clear_error (&error);
  error = pd_test_sync (c->engine);
  g_clear_error (&error);

  /* refused for good: set aside with the reason, the data kept here */
  g_assert_cmpuint (pd_sync_engine_get_failed_count (c->engine), ==, 1);
  failed = pd_sync_engine_list_failed (c->engine);
  g_assert_cmpuint (failed->len, ==, 1);
  op = g_ptr_array_index (failed, 0);
  g_assert_cmpstr (op->record_id, ==, id);
  g_assert_nonnull (strstr (op->last_error, slug));
  g_assert_nonnull (strstr (op->last_error, "printed vouchers would stop working"));
  g_assert_cmpstr (pd_campaign_get_slug (campaign), ==, "herbst-neu");
  g_assert_cmpint (pd_campaign_get_voucher_budget_coins (campaign), ==, 7000);
  {
    g_autoptr(JsonObject) on_server = server_campaign (f, id);

    g_assert_cmpstr (json_object_get_string_member (on_server, "slug"), ==, slug);
    g_assert_cmpint (json_object_get_int_member (on_server, "voucher_budget_coins"), ==, 5000);
  }

  /* the address put back, the budget goes through */
  pd_campaign_set_slug (campaign, slug);
  g_assert_true (pd_store_save (c->store, PD_RECORD (campaign), NULL, &error));
  g_assert_no_error (error);
  sync_ok (c);
  g_assert_cmpuint (pd_sync_engine_get_failed_count (c->engine), ==, 0);
  {
    g_autoptr(JsonObject) on_server = server_campaign (f, id);

    g_assert_cmpstr (json_object_get_string_member (on_server, "slug"), ==, slug);
    g_assert_cmpint (json_object_get_int_member (on_server, "voucher_budget_coins"), ==, 7000);
  }
}

static void
set_budget (Client     *c,
            const char *id,
            gint64      coins)
{
  g_autoptr(PdCampaign) campaign = pd_store_get_campaign (c->store, id);
  g_autoptr(GError) error = NULL;

  pd_campaign_set_voucher_budget_coins (campaign, coins);
  pd_store_save (c->store, PD_RECORD (campaign), NULL, &error);
  g_assert_no_error (error);
}

static void
delete_campaign (Client     *c,
                 const char *id)
{
  g_autoptr(PdCampaign) campaign = pd_store_get_campaign (c->store, id);
  g_autoptr(GError) error = NULL;

  pd_store_delete (c->store, PD_RECORD (campaign), NULL, &error);
  g_assert_no_error (error);
}

static const char *
local_name (Client     *c,
            const char *id)
{
  static char name[256];
  g_autoptr(JsonNode) local = pd_store_get_local (c->store, "campaign", id);

  if (local == NULL)
    return NULL;
  g_strlcpy (name, json_object_get_string_member (json_node_get_object (local), "name"), sizeof name);
  return name;
}

/* 7: two managers edit the same campaign. */
static void
test_concurrent_edits (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(Client) a = client_new (f, NULL);
  g_autoptr(Client) b = client_new (f, NULL);
  g_autofree char *id = pd_test_store_add_campaign (a->store, "Shared");
  g_autoptr(JsonObject) merged = NULL;
  g_autoptr(JsonObject) after = NULL;
  g_autoptr(PdSyncConflict) conflict = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *conflicts;

  sync_ok (a);
  sync_ok (b);

  /* Different fields: merged and pushed without asking. */
  pd_test_store_rename_campaign (a->store, id, "Shared by Ada");
  set_budget (b, id, 7777);
  sync_ok (a);
  sync_ok (b);
  sync_ok (a);
  merged = server_campaign (f, id);
  g_assert_cmpstr (json_object_get_string_member (merged, "name"), ==, "Shared by Ada");
  g_assert_cmpint (json_object_get_int_member (merged, "voucher_budget_coins"), ==, 7777);
  g_assert_cmpstr (local_name (b, id), ==, "Shared by Ada");
  g_assert_cmpuint (g_list_model_get_n_items (pd_sync_engine_get_conflicts (b->engine)), ==, 0);
  {
    g_autoptr(PdCampaign) on_a = pd_store_get_campaign (a->store, id);

    g_assert_cmpint (pd_campaign_get_voucher_budget_coins (on_a), ==, 7777);
  }

  /* The same field both ways: a conflict that keeps both values. */
  pd_test_store_rename_campaign (a->store, id, "Ada's name");
  pd_test_store_rename_campaign (b->store, id, "Ben's name");
  sync_ok (a);
  sync_ok (b);
  after = server_campaign (f, id);
  g_assert_cmpstr (json_object_get_string_member (after, "name"), ==, "Ada's name");
  conflicts = pd_sync_engine_get_conflicts (b->engine);
  g_assert_cmpuint (g_list_model_get_n_items (conflicts), ==, 1);
  conflict = g_list_model_get_item (conflicts, 0);
  g_assert_cmpstr (pd_sync_conflict_get_id (conflict), ==, id);
  g_assert_true (g_strv_contains (pd_sync_conflict_get_fields (conflict), "name"));
  g_assert_cmpstr (json_node_get_string (pd_sync_conflict_get_local_value (conflict, "name")), ==, "Ben's name");
  g_assert_cmpstr (json_node_get_string (pd_sync_conflict_get_server_value (conflict, "name")), ==, "Ada's name");
  g_assert_cmpint (pd_store_get_sync_state (b->store, "campaign", id), ==, PD_SYNC_STATE_CONFLICT);

  /* Syncing again decides nothing by itself. */
  sync_ok (b);
  g_assert_cmpuint (g_list_model_get_n_items (conflicts), ==, 1);
  g_assert_false (pd_sync_engine_resolve_conflict (b->engine, conflict, &error));
  g_clear_error (&error);

  pd_sync_conflict_choose (conflict, "name", PD_CONFLICT_CHOICE_MINE);
  g_assert_true (pd_sync_engine_resolve_conflict (b->engine, conflict, &error));
  g_assert_no_error (error);
  sync_ok (b);
  g_assert_cmpuint (g_list_model_get_n_items (conflicts), ==, 0);
  g_clear_pointer (&after, json_object_unref);
  after = server_campaign (f, id);
  g_assert_cmpstr (json_object_get_string_member (after, "name"), ==, "Ben's name");
  sync_ok (a);
  g_assert_cmpstr (local_name (a, id), ==, "Ben's name");
}

static void
on_moment_edit_cb (PdSyncEngine *engine,
                   const char   *moment,
                   gpointer      user_data)
{
  Client *c = user_data;
  const char *id = g_object_get_data (G_OBJECT (engine), "edit-id");

  if (id != NULL && g_str_equal (moment, "op-frozen"))
    {
      pd_test_store_rename_campaign (c->store, id, "Edited in flight");
      g_object_set_data (G_OBJECT (engine), "edit-id", NULL);
    }
}

/* 8: an edit while its push is in flight is not marked synced. */
static void
test_edit_during_push (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(Client) a = client_new (f, NULL);
  g_autofree char *id = pd_test_store_add_campaign (a->store, "Before");
  g_autoptr(JsonObject) first = NULL;
  g_autoptr(JsonObject) second = NULL;

  sync_ok (a);
  pd_test_store_rename_campaign (a->store, id, "Sent");
  g_object_set_data_full (G_OBJECT (a->engine), "edit-id", g_strdup (id), g_free);
  _pd_sync_engine_set_hook (a->engine, on_moment_edit_cb, a);
  sync_ok (a);
  _pd_sync_engine_set_hook (a->engine, NULL, NULL);

  /* The engine pushes what is left after the pull: the edit went too. */
  first = server_campaign (f, id);
  if (g_strcmp0 (json_object_get_string_member (first, "name"), "Edited in flight") != 0)
    {
      g_assert_cmpstr (json_object_get_string_member (first, "name"), ==, "Sent");
      g_assert_cmpuint (pd_store_count_outbox (a->store), ==, 1);
      g_assert_cmpint (pd_store_get_sync_state (a->store, "campaign", id), ==, PD_SYNC_STATE_MODIFIED);
      sync_ok (a);
    }
  second = server_campaign (f, id);
  g_assert_cmpstr (json_object_get_string_member (second, "name"), ==, "Edited in flight");
  g_assert_cmpstr (local_name (a, id), ==, "Edited in flight");
  g_assert_cmpuint (pd_store_count_outbox (a->store), ==, 0);
}

/* 9: delete against edit, both ways. */
static void
test_delete_against_edit (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(Client) a = client_new (f, NULL);
  g_autoptr(Client) b = client_new (f, NULL);
  g_autofree char *one = pd_test_store_add_campaign (a->store, "One");
  g_autofree char *two = pd_test_store_add_campaign (a->store, "Two");
  g_autoptr(PdSyncConflict) c1 = NULL;
  g_autoptr(PdSyncConflict) c2 = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *conflicts;
  g_autoptr(JsonObject) kept = NULL;

  sync_ok (a);
  sync_ok (b);

  /* One: deleted by A, edited by B. Two: edited by A, deleted by B. */
  delete_campaign (a, one);
  pd_test_store_rename_campaign (b->store, one, "One, edited");
  pd_test_store_rename_campaign (a->store, two, "Two, edited");
  delete_campaign (b, two);
  sync_ok (a);
  sync_ok (b);

  conflicts = pd_sync_engine_get_conflicts (b->engine);
  g_assert_cmpuint (g_list_model_get_n_items (conflicts), ==, 2);
  c1 = g_list_model_get_item (conflicts, 0);
  c2 = g_list_model_get_item (conflicts, 1);
  if (!g_str_equal (pd_sync_conflict_get_id (c1), one))
    {
      PdSyncConflict *tmp = c1;
      c1 = c2;
      c2 = tmp;
    }
  /* Nothing silently resurrected or lost: both sides are there. */
  g_assert_true (pd_sync_conflict_get_deleted_there (c1));
  g_assert_cmpstr (local_name (b, one), ==, "One, edited");
  g_assert_null (server_campaign (f, one));
  g_assert_true (pd_sync_conflict_get_deleted_here (c2));
  kept = server_campaign (f, two);
  g_assert_cmpstr (json_object_get_string_member (kept, "name"), ==, "Two, edited");

  /* B keeps its edit of One (created anew) and accepts A's Two. */
  pd_sync_conflict_choose_all (c1, PD_CONFLICT_CHOICE_MINE);
  pd_sync_conflict_choose_all (c2, PD_CONFLICT_CHOICE_THEIRS);
  g_assert_true (pd_sync_engine_resolve_conflict (b->engine, c1, &error));
  g_assert_no_error (error);
  g_assert_true (pd_sync_engine_resolve_conflict (b->engine, c2, &error));
  g_assert_no_error (error);
  sync_ok (b);
  sync_ok (a);
  g_assert_cmpuint (g_list_model_get_n_items (conflicts), ==, 0);
  g_assert_cmpstr (local_name (a, one), ==, "One, edited");
  g_assert_cmpstr (local_name (b, two), ==, "Two, edited");
  g_assert_cmpuint (server_count (f, "campaigns"), ==, 2);
}

static gint64
next_request_after (PdTestProxy *proxy,
                    guint        status)
{
  GPtrArray *log = pd_test_proxy_get_log (proxy);
  gint64 answered = -1;

  for (guint i = 0; i < log->len; i++)
    {
      PdTestProxyEntry *entry = g_ptr_array_index (log, i);

      if (answered < 0 && entry->status == status)
        answered = entry->at;
      else if (answered >= 0)
        return entry->at - answered;
    }
  return -1;
}

static gboolean
outbox_empty (gpointer data)
{
  Client *c = data;

  return pd_store_count_outbox (c->store) == 0 && !pd_sync_engine_get_busy (c->engine);
}

/* 5: Retry-After as seconds and as an HTTP date; nothing sent before. */
static void
test_retry_after (Fixture       *f,
                  gconstpointer  data)
{
  PdTestProxy *proxy = pd_test_proxy_new (platform->url);
  g_autoptr(Client) a = client_new (f, pd_test_proxy_get_url (proxy));
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) soon = NULL;
  g_autofree char *date = NULL;
  gint64 gap;

  for (guint i = 0; i < 3; i++)
    g_free (pd_test_store_add_campaign (a->store, "Waits"));

  pd_test_proxy_answer (proxy, 1, 1, 429, "2");
  error = pd_test_sync (a->engine);
  g_assert_error (error, PD_API_ERROR, PD_API_ERROR_RATE_LIMITED);
  g_assert_cmpint (pd_sync_engine_get_status (a->engine), ==, PD_SYNC_STATUS_ERROR);
  /* The engine's own retry waits as long as the platform asked. */
  g_assert_true (pd_test_wait_for (outbox_empty, a, 15000));
  gap = next_request_after (proxy, 429);
  g_assert_cmpint (gap, >=, 2 * G_USEC_PER_SEC);
  g_assert_cmpuint (server_count (f, "campaigns"), ==, 3);

  /* An HTTP date, three seconds ahead (dates have whole seconds). */
  g_ptr_array_set_size (pd_test_proxy_get_log (proxy), 0);
  g_free (pd_test_store_add_campaign (a->store, "Waits again"));
  {
    g_autoptr(GDateTime) now = pd_now_utc ();

    soon = g_date_time_add_seconds (now, 3);
  }
  date = g_date_time_format (soon, "%a, %d %b %Y %H:%M:%S GMT");
  pd_test_proxy_answer (proxy, 0, 1, 503, date);
  g_clear_error (&error);
  error = pd_test_sync (a->engine);
  g_assert_error (error, PD_API_ERROR, PD_API_ERROR_UNAVAILABLE);
  g_assert_true (pd_test_wait_for (outbox_empty, a, 15000));
  g_assert_cmpint (pd_real_time () / G_USEC_PER_SEC, >=, g_date_time_to_unix (soon));
  gap = next_request_after (proxy, 503);
  g_assert_cmpint (gap, >=, 1 * G_USEC_PER_SEC);
  g_assert_cmpuint (server_count (f, "campaigns"), ==, 4);

  pd_test_proxy_free (proxy);
}

static gboolean
request_after (gpointer data)
{
  PdTestProxy *proxy = data;

  return next_request_after (proxy, 429) >= 0;
}

static gboolean
backoff_within_an_hour (gpointer data)
{
  Client *c = data;

  return pd_store_get_backoff_until (c->store, "changes") <= pd_real_time () + PD_API_RETRY_AFTER_MAX_MS * 1000;
}

/* A Retry-After of decades (hostile, or a typo on the server) is held to
 * an hour, also when it was stored before; Sync Now tries at once. */
static void
test_retry_after_capped (Fixture       *f,
                         gconstpointer  data)
{
  PdTestProxy *proxy = pd_test_proxy_new (platform->url);
  g_autoptr(Client) a = client_new (f, pd_test_proxy_get_url (proxy));
  g_autoptr(GError) error = NULL;
  g_autofree char *id = pd_test_store_add_campaign (a->store, "Waits");
  g_autoptr(GPtrArray) ops = NULL;
  gint64 hour = PD_API_RETRY_AFTER_MAX_MS * 1000;
  gint64 decades = 30 * 365 * G_TIME_SPAN_DAY;
  gint64 now;

  pd_test_proxy_answer (proxy, 0, 1, 429, "999999999");
  error = pd_test_sync (a->engine);
  g_assert_error (error, PD_API_ERROR, PD_API_ERROR_RATE_LIMITED);
  g_clear_error (&error);
  now = pd_real_time ();
  g_assert_cmpint (pd_store_get_backoff_until (a->store, "changes"), <=, now + hour + G_USEC_PER_SEC);
  g_assert_cmpint (pd_store_get_backoff_until (a->store, "changes"), >, now + hour - 5 * G_USEC_PER_SEC);

  /* A person asks: the change goes at once, not in an hour. */
  pd_sync_engine_sync_now (a->engine);
  g_assert_true (pd_test_wait_for (request_after, proxy, 5000));
  g_assert_cmpint (next_request_after (proxy, 429), <, 3 * G_USEC_PER_SEC);
  g_assert_true (pd_test_wait_for (outbox_empty, a, 15000));
  g_assert_cmpuint (server_count (f, "campaigns"), ==, 1);

  /* A wait of decades already in the file (an older version wrote it):
   * the next run holds it to an hour, for the scope and for each op. */
  pd_test_store_rename_campaign (a->store, id, "Waits, renamed");
  ops = pd_store_list_outbox (a->store, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ops->len, ==, 1);
  g_assert_true (pd_store_retry_op_later (a->store, ((PdOutboxOp *) ops->pdata[0])->op_id,
                                          pd_real_time () + decades, "wait", &error));
  g_assert_true (pd_store_set_backoff_until (a->store, "changes", pd_real_time () + decades, &error));
  g_assert_no_error (error);
  pd_sync_engine_set_auto_sync (a->engine, TRUE);
  pd_sync_engine_queue_sync (a->engine);
  g_assert_true (pd_test_wait_for (backoff_within_an_hour, a, 5000));
  now = pd_real_time ();
  g_clear_pointer (&ops, g_ptr_array_unref);
  ops = pd_store_list_outbox (a->store, FALSE, &error);
  g_assert_cmpuint (ops->len, ==, 1);
  g_assert_cmpint (((PdOutboxOp *) ops->pdata[0])->next_at, <=, now + hour);
  pd_sync_engine_set_auto_sync (a->engine, FALSE);

  /* And Sync Now sends it at once. */
  pd_sync_engine_sync_now (a->engine);
  g_assert_true (pd_test_wait_for (outbox_empty, a, 15000));
  {
    g_autoptr(JsonObject) on_server = server_campaign (f, id);

    g_assert_cmpstr (json_object_get_string_member (on_server, "name"), ==, "Waits, renamed");
  }

  pd_test_proxy_free (proxy);
}

/* 5: a storm of 503s and 500s: every op arrives once. */
static void
test_error_storm (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(Client) a = client_new (f, NULL);

  for (guint i = 0; i < 8; i++)
    g_free (pd_test_store_add_campaign (a->store, "Storm"));

  pd_test_platform_set_faults (platform, "{\"error_rate\": 0.5, \"retry_after\": 1}");
  pd_sync_engine_sync_now (a->engine);
  g_assert_true (pd_test_wait_for (outbox_empty, a, 60000));
  pd_test_platform_set_faults (platform, "{\"error_rate\": 0}");

  g_assert_cmpuint (server_count (f, "campaigns"), ==, 8);
  g_assert_cmpuint (pd_sync_engine_get_pending_count (a->engine), ==, 0);
}

/* 6: 401 after 3 of 10 ops. */
static void
test_unauthorized (Fixture       *f,
                   gconstpointer  data)
{
  PdTestProxy *proxy = pd_test_proxy_new (platform->url);
  g_autoptr(Client) a = client_new (f, pd_test_proxy_get_url (proxy));
  g_autoptr(GError) error = NULL;
  guint requests;

  for (guint i = 0; i < 10; i++)
    g_free (pd_test_store_add_campaign (a->store, "Ten"));

  pd_test_proxy_answer (proxy, 3, 1000, 401, NULL);
  pd_sync_engine_set_auto_sync (a->engine, TRUE);
  error = pd_test_sync (a->engine);
  g_assert_error (error, PD_API_ERROR, PD_API_ERROR_UNAUTHORIZED);
  g_assert_cmpint (pd_sync_engine_get_status (a->engine), ==, PD_SYNC_STATUS_SIGNED_OUT);
  g_assert_true (pd_account_get_needs_sign_in (a->account));
  g_assert_cmpuint (pd_store_count_outbox (a->store), ==, 7);
  g_assert_cmpuint (server_count (f, "campaigns"), ==, 3);

  /* No retry loop: nothing more is sent while signed out. */
  requests = pd_test_proxy_get_log (proxy)->len;
  pd_sync_engine_queue_sync (a->engine);
  pd_sync_engine_sync_now (a->engine);
  {
    gint64 until = g_get_monotonic_time () + G_USEC_PER_SEC;

    while (g_get_monotonic_time () < until)
      g_main_context_iteration (NULL, FALSE);
  }
  g_assert_cmpuint (pd_test_proxy_get_log (proxy)->len, ==, requests);
  g_assert_cmpuint (pd_store_count_outbox (a->store), ==, 7);

  /* Signed in again: the rest goes through by itself. */
  pd_test_proxy_answer (proxy, 0, 0, 0, NULL);
  _pd_account_set_token (a->account, f->token);
  g_assert_true (pd_test_wait_for (outbox_empty, a, 15000));
  g_assert_cmpuint (server_count (f, "campaigns"), ==, 10);
  g_assert_cmpint (pd_sync_engine_get_status (a->engine), ==, PD_SYNC_STATUS_SYNCED);

  pd_test_proxy_free (proxy);
}

/* 10: the feed no longer reaches back to the cursor: full resync that
 * keeps the pending changes and duplicates nothing. */
static void
test_cursor_expired (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(Client) a = client_new (f, NULL);
  g_autoptr(Client) b = client_new (f, NULL);
  g_autofree char *id = pd_test_store_add_campaign (a->store, "Old");
  g_autofree char *pending = NULL;
  g_autoptr(GPtrArray) locals = NULL;

  sync_ok (a);
  sync_ok (b);
  pending = pd_test_store_add_campaign (b->store, "Made offline");
  pd_test_store_rename_campaign (b->store, id, "Renamed offline");

  /* Many changes elsewhere while B's cursor ages past the retention. */
  pd_test_platform_set_faults (platform, "{\"feed_retention\": 3}");
  for (guint i = 0; i < 6; i++)
    g_free (pd_test_store_add_campaign (a->store, "Elsewhere"));
  sync_ok (a);

  sync_ok (b);
  pd_test_platform_set_faults (platform, "{\"feed_retention\": 100000}");

  g_assert_cmpuint (server_count (f, "campaigns"), ==, 8);
  g_assert_cmpuint (g_list_model_get_n_items (pd_store_get_campaigns (b->store)), ==, 8);
  g_assert_cmpstr (local_name (b, id), ==, "Renamed offline");
  {
    g_autoptr(JsonObject) renamed = server_campaign (f, id);
    g_autoptr(JsonObject) made = server_campaign (f, pending);

    g_assert_cmpstr (json_object_get_string_member (renamed, "name"), ==, "Renamed offline");
    g_assert_nonnull (made);
  }
  g_assert_cmpuint (pd_store_count_outbox (b->store), ==, 0);
}

static gboolean
on_server (gpointer data)
{
  gpointer *args = data;
  g_autoptr(JsonObject) campaign = server_campaign (args[0], args[1]);

  return campaign != NULL;
}

/* Edits go out by themselves shortly after they are made. */
static void
test_auto_sync (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(Client) a = client_new (f, NULL);
  g_autofree char *id = NULL;
  gpointer args[2];

  pd_sync_engine_set_auto_sync (a->engine, TRUE);
  id = pd_test_store_add_campaign (a->store, "By itself");
  g_assert_cmpuint (pd_sync_engine_get_pending_count (a->engine), ==, 1);
  args[0] = f;
  args[1] = id;
  g_assert_true (pd_test_wait_for (on_server, args, 10000));
  g_assert_true (pd_test_wait_for (outbox_empty, a, 10000));
  g_assert_cmpint (pd_sync_engine_get_status (a->engine), ==, PD_SYNC_STATUS_SYNCED);
}

static void
on_moment_cancel_cb (PdSyncEngine *engine,
                     const char   *moment,
                     gpointer      user_data)
{
  guint *pages = user_data;

  if (g_str_equal (moment, "page-applied") && ++*pages == 2)
    pd_sync_engine_cancel (engine);
}

/* A long first sync shows its progress and can be cancelled; what was
 * fetched is kept and the next sync goes on from there. */
static void
test_cancel_first_sync (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(Client) a = client_new (f, NULL);
  g_autoptr(Client) b = client_new (f, NULL);
  g_autoptr(GError) error = NULL;
  guint pages = 0;

  for (guint i = 0; i < 30; i++)
    g_free (pd_test_store_add_campaign (a->store, "Many"));
  sync_ok (a);

  _pd_sync_engine_set_page_size (b->engine, 10);
  _pd_sync_engine_set_hook (b->engine, on_moment_cancel_cb, &pages);
  error = pd_test_sync (b->engine);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (pd_sync_engine_get_received_count (b->engine), ==, 20);
  g_assert_cmpuint (g_list_model_get_n_items (pd_store_get_campaigns (b->store)), ==, 20);
  g_assert_false (pd_sync_engine_get_busy (b->engine));

  _pd_sync_engine_set_hook (b->engine, NULL, NULL);
  sync_ok (b);
  g_assert_cmpuint (g_list_model_get_n_items (pd_store_get_campaigns (b->store)), ==, 30);
  g_assert_cmpuint (pd_sync_engine_get_received_count (b->engine), ==, 10);
}

/* The platform's change feed read directly, @limit at a time: the
 * cursor after @pages pages, and (if @body is given) the page after them
 * as the platform sends it. */
static char *
feed_cursor_after (Fixture  *f,
                   guint     pages,
                   guint     limit,
                   char    **body)
{
  char *cursor = NULL;

  for (guint i = 0; i <= pages; i++)
    {
      g_autofree char *escaped = cursor != NULL ? g_uri_escape_string (cursor, NULL, FALSE) : NULL;
      g_autofree char *path = g_strdup_printf ("/v1/changes?limit=%u%s%s", limit,
                                               escaped != NULL ? "&since=" : "", escaped != NULL ? escaped : "");
      g_autoptr(JsonNode) node = pd_test_platform_request (platform, "GET", path, f->token, NULL, NULL);

      if (i == pages)
        {
          if (body != NULL)
            *body = pd_json_to_string (node);
          break;
        }
      g_free (cursor);
      cursor = g_strdup (json_object_get_string_member (json_node_get_object (node), "next_cursor"));
    }
  return cursor;
}

static gboolean
has_30_campaigns (gpointer data)
{
  Client *c = data;

  return g_list_model_get_n_items (pd_store_get_campaigns (c->store)) == 30 &&
         !pd_sync_engine_get_busy (c->engine);
}

/* @c holds the first @n campaigns of the feed, and the cursor after them. */
static void
assert_pulled (Client     *c,
               guint       n,
               const char *cursor)
{
  g_autofree char *stored = pd_store_get_cursor (c->store, PD_SYNC_SCOPE);

  g_assert_cmpuint (g_list_model_get_n_items (pd_store_get_campaigns (c->store)), ==, n);
  g_assert_cmpstr (stored, ==, cursor);
}

static guint
count_feed_requests (PdTestProxy *proxy)
{
  return pd_test_proxy_count (proxy, "GET", "/v1/changes");
}

/* The pull asks for the next page while it writes the last one: a page
 * whose request fails after earlier pages came keeps those pages, and
 * the cursor names the last one written. */
static void
test_pull_page_fails (Fixture       *f,
                      gconstpointer  data)
{
  PdTestProxy *proxy = pd_test_proxy_new (platform->url);
  g_autoptr(Client) a = client_new (f, NULL);
  g_autoptr(Client) b = client_new (f, pd_test_proxy_get_url (proxy));
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;

  for (guint i = 0; i < 30; i++)
    g_free (pd_test_store_add_campaign (a->store, "Paged"));
  sync_ok (a);
  expected = feed_cursor_after (f, 2, 10, NULL);

  _pd_sync_engine_set_page_size (b->engine, 10);
  /* The third page's request fails. */
  pd_test_proxy_answer (proxy, 2, 1, 503, NULL);
  error = pd_test_sync (b->engine);
  g_assert_error (error, PD_API_ERROR, PD_API_ERROR_UNAVAILABLE);
  g_assert_cmpuint (count_feed_requests (proxy), ==, 3);
  assert_pulled (b, 20, expected);

  /* The retry after the failure goes on from there. */
  g_assert_true (pd_test_wait_for (has_30_campaigns, b, 15000));
  pd_test_proxy_free (proxy);
}

/* A cursor that expires between two pages (410 for a page asked for
 * while the one before it is still being written): the pages before it
 * are written, then the pull starts over from the beginning, once, and
 * ends with everything. */
static void
test_pull_cursor_expires_midway (Fixture       *f,
                                 gconstpointer  data)
{
  PdTestProxy *proxy = pd_test_proxy_new (platform->url);
  g_autoptr(Client) a = client_new (f, NULL);
  g_autoptr(Client) b = client_new (f, pd_test_proxy_get_url (proxy));

  for (guint i = 0; i < 30; i++)
    g_free (pd_test_store_add_campaign (a->store, "Paged"));
  sync_ok (a);

  _pd_sync_engine_set_page_size (b->engine, 10);
  pd_test_proxy_answer (proxy, 2, 1, 410, NULL);
  sync_ok (b);
  g_assert_cmpuint (g_list_model_get_n_items (pd_store_get_campaigns (b->store)), ==, 30);
  /* Two pages, the expired one, then the whole feed again. */
  g_assert_cmpuint (count_feed_requests (proxy), >=, 6);
  g_assert_false (pd_store_is_resyncing (b->store, PD_SYNC_SCOPE));
  pd_test_proxy_free (proxy);
}

/* The second page of the feed, as the platform sends it, with one
 * record's @field set to @value (JSON). */
static char *
second_page_with (Fixture    *f,
                  const char *field,
                  const char *value,
                  char      **cursor_before)
{
  g_autofree char *page = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonArray *changes;
  JsonObject *record;

  *cursor_before = feed_cursor_after (f, 1, 10, &page);
  node = json_from_string (page, NULL);
  changes = json_object_get_array_member (json_node_get_object (node), "changes");
  record = json_object_get_object_member (json_array_get_object_element (changes, 4), "record");
  json_object_set_member (record, field, json_from_string (value, NULL));
  return pd_json_to_string (node);
}

/* A page with a record that does not read fails whole, with a clear
 * error: nothing of it is written, nor of any page asked for after it,
 * and the cursor stays before it. Two ways: a field of the wrong type
 * (the client's checks of the answer find it) and a date that is not
 * one (only reading it into a campaign does). */
static void
test_pull_page_does_not_read (Fixture       *f,
                              gconstpointer  data)
{
  PdTestProxy *proxy = pd_test_proxy_new (platform->url);
  g_autoptr(Client) a = client_new (f, NULL);

  for (guint i = 0; i < 30; i++)
    g_free (pd_test_store_add_campaign (a->store, "Paged"));
  sync_ok (a);

  for (guint k = 0; k < 2; k++)
    {
      g_autoptr(Client) b = client_new (f, pd_test_proxy_get_url (proxy));
      g_autoptr(GError) error = NULL;
      g_autofree char *expected = NULL;
      g_autofree char *broken = k == 0 ? second_page_with (f, "name", "42", &expected)
                                       : second_page_with (f, "starts_at", "\"soon\"", &expected);

      _pd_sync_engine_set_page_size (b->engine, 10);
      g_ptr_array_set_size (pd_test_proxy_get_log (proxy), 0);
      pd_test_proxy_answer_body (proxy, 1, broken);
      error = pd_test_sync (b->engine);
      if (k == 0)
        {
          g_assert_error (error, PD_API_ERROR, PD_API_ERROR_INVALID_RESPONSE);
          g_assert_nonnull (strstr (error->message, "name"));
          /* Found before the next page was asked for. */
          g_assert_cmpuint (count_feed_requests (proxy), ==, 2);
        }
      else
        {
          g_assert_error (error, PD_VALIDATION_ERROR, PD_VALIDATION_ERROR_WRONG_TYPE);
          g_assert_nonnull (strstr (error->message, "starts_at"));
          /* The third page may have been asked for meanwhile (and the
           * request cancelled): it is not written either way. */
          g_assert_cmpuint (count_feed_requests (proxy), >=, 2);
        }
      assert_pulled (b, 10, expected);

      /* The retry goes on from there. */
      g_assert_true (pd_test_wait_for (has_30_campaigns, b, 15000));
    }
  pd_test_proxy_free (proxy);
}

static void
copy_tree (const char *from,
           const char *to)
{
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "cp", "-a", from, to, NULL };
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

/* 10: the platform is restored from a backup: a full resync, the pending
 * changes survive, what the platform lost goes, nothing doubles. Runs
 * last: it turns the whole server back. */
static void
test_server_restored (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(Client) a = client_new (f, NULL);
  g_autoptr(Client) b = client_new (f, NULL);
  g_autofree char *kept = pd_test_store_add_campaign (a->store, "In the backup");
  g_autofree char *lost = NULL;
  g_autofree char *backup = g_strconcat (platform->data_dir, ".backup", NULL);

  sync_ok (a);
  sync_ok (b);

  pd_test_platform_stop (platform);
  copy_tree (platform->data_dir, backup);
  pd_test_platform_restart (platform);

  /* More changes after the backup than B pushes later, so that B's
   * cursor points beyond what the restored platform ever issued. */
  lost = pd_test_store_add_campaign (a->store, "After the backup");
  g_free (pd_test_store_add_campaign (a->store, "After the backup, too"));
  g_free (pd_test_store_add_campaign (a->store, "After the backup, three"));
  sync_ok (a);
  sync_ok (b);
  g_assert_nonnull (local_name (b, lost));
  pd_test_store_rename_campaign (b->store, kept, "Renamed before the restore");

  pd_test_platform_stop (platform);
  pd_test_remove_tree (platform->data_dir);
  copy_tree (backup, platform->data_dir);
  pd_test_platform_restart (platform);
  pd_test_remove_tree (backup);

  sync_ok (b);
  g_assert_cmpuint (server_count (f, "campaigns"), ==, 1);
  g_assert_null (local_name (b, lost));
  g_assert_cmpstr (local_name (b, kept), ==, "Renamed before the restore");
  g_assert_cmpuint (g_list_model_get_n_items (pd_store_get_campaigns (b->store)), ==, 1);
  g_assert_cmpuint (pd_store_count_outbox (b->store), ==, 0);
  {
    g_autoptr(JsonObject) on_server = server_campaign (f, kept);

    g_assert_cmpstr (json_object_get_string_member (on_server, "name"), ==, "Renamed before the restore");
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
  ADD ("/sync/auto-sync", test_auto_sync);
  ADD ("/sync/cancel-first-sync", test_cancel_first_sync);
  ADD ("/sync/pull/page-fails", test_pull_page_fails);
  ADD ("/sync/pull/page-does-not-read", test_pull_page_does_not_read);
  ADD ("/sync/pull/cursor-expires-midway", test_pull_cursor_expires_midway);
  ADD ("/sync/refused/slug-locked", test_slug_locked);
  ADD ("/sync/fault/concurrent-edits", test_concurrent_edits);
  ADD ("/sync/fault/edit-during-push", test_edit_during_push);
  ADD ("/sync/fault/delete-against-edit", test_delete_against_edit);
  ADD ("/sync/fault/retry-after", test_retry_after);
  ADD ("/sync/fault/retry-after-capped", test_retry_after_capped);
  ADD ("/sync/fault/error-storm", test_error_storm);
  ADD ("/sync/fault/unauthorized", test_unauthorized);
  ADD ("/sync/fault/cursor-expired", test_cursor_expired);
  ADD ("/sync/fault/server-restored", test_server_restored);
#undef ADD

  ret = g_test_run ();
  pd_test_platform_free (platform);
  return ret;
}
