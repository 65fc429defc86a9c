/* test-voucher-sync.c: an issued batch reaches the reference platform in
 * chunks, once, across a kill -9 and a lost answer; what donors and the
 * platform do to the codes comes back through the change feed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>

#include "pd-store-private.h"
#include "pd-sync-test-utils.h"
#include "pd-test-utils.h"

#define N_CODES 12000
#define COINS 10
#define N_REDEEMED 40
#define N_EXPIRED 25

static PdTestPlatform *platform;

typedef struct {
  char *tenant_id;
  char *token;
  char *dir;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *email = g_strdup_printf ("vouchers-%08x@example.com", g_random_int ());
  g_autofree char *api_token = pd_test_platform_add_tenant (platform, "Voucher Sync", email, "password",
                                                            &f->tenant_id);

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
  g_free (f->tenant_id);
}

static PdAccount *
open_account (Fixture *f)
{
  return pd_test_account_new (f->dir, platform->url, f->token);
}

static PdStore *
account_store (PdAccount *account)
{
  g_autoptr(GError) error = NULL;
  PdStore *store = pd_account_open_store (account, &error);

  g_assert_no_error (error);
  return store;
}

static void
save (PdStore  *store,
      gpointer  record)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pd_store_save (store, PD_RECORD (record), NULL, &error));
  g_assert_no_error (error);
}

/* A publishable campaign (live now, one project) with a batch of N_CODES
 * issued the way the Vouchers page issues them. */
static void
issue_batch (Fixture  *f,
             char    **campaign_id,
             char    **batch_id)
{
  g_autoptr(PdAccount) account = open_account (f);
  PdStore *store = account_store (account);
  g_autoptr(PdProject) project = pd_project_new ();
  g_autoptr(PdCampaign) campaign = pd_test_campaign_new ("Radspende");
  g_autoptr(GDateTime) now = pd_now_utc ();
  g_autoptr(GDateTime) starts = g_date_time_add_hours (now, -1);
  g_autoptr(GDateTime) ends = g_date_time_add_days (now, 30);

  pd_project_set_title (project, "Neue Trikots");
  pd_project_set_organisation (project, "FC Müllerstraße");
  pd_project_set_description (project, "Trikots für die Jugend");
  pd_project_set_category (project, "sport");
  pd_project_set_location (project, "Köln");
  pd_project_set_default_target_coins (project, 5000);
  pd_project_set_source (project, PD_PROJECT_SOURCE_CLIENT);
  save (store, project);

  pd_campaign_set_starts_at (campaign, starts);
  pd_campaign_set_ends_at (campaign, ends);
  pd_campaign_set_voucher_budget_coins (campaign, N_CODES * COINS);
  pd_campaign_text_set_intro (pd_campaign_ensure_text (campaign, "de"), "Hallo");
  pd_campaign_add_project (campaign, pd_record_get_id (PD_RECORD (project)), 5000, G_MAXUINT);
  save (store, campaign);

  *campaign_id = g_strdup (pd_record_get_id (PD_RECORD (campaign)));
  *batch_id = pd_test_store_issue_batch (store, *campaign_id, N_CODES, COINS, now);
}

/* Codes marked as stored on the platform, read the long way. */
static gint64
count_uploaded (PdStore    *store,
                const char *batch_id)
{
  sqlite3_stmt *stmt = _pd_store_prepare (store, "SELECT count(*) FROM voucher_codes WHERE batch_id = ?1 AND uploaded = 1", NULL);
  gint64 n;

  _pd_store_bind_text (stmt, 1, batch_id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

static GStrv
local_codes (PdStore    *store,
             const char *batch_id)
{
  g_autoptr(GError) error = NULL;
  GStrv codes = pd_store_list_voucher_codes (store, batch_id, 0, N_CODES + 1, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (codes), ==, N_CODES);
  return codes;
}

/* Every code the platform holds for the batch: code → chunk number. */
static GHashTable *
server_codes (Fixture    *f,
              const char *batch_id)
{
  g_autofree char *path = g_strdup_printf ("/_admin/vouchers?tenant_id=%s&batch_id=%s", f->tenant_id, batch_id);
  guint status = 0;
  g_autoptr(JsonNode) node = pd_test_platform_request (platform, "GET", path, NULL, NULL, &status);
  GHashTable *codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  JsonArray *array;

  g_assert_cmpuint (status, ==, 200);
  array = json_object_get_array_member (json_node_get_object (node), "codes");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *code = json_array_get_object_element (array, i);

      /* Stored once: the server's key is the code, so a second copy
       * would show as a missing one in the count below. */
      g_assert_true (g_hash_table_insert (codes, g_strdup (json_object_get_string_member (code, "code")),
                                          GINT_TO_POINTER ((int) json_object_get_int_member (code, "chunk"))));
    }
  return codes;
}

static GSubprocess *
run_child (Fixture    *f,
           const char *die_at,
           const char *die_count)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autofree char *binary = g_test_build_filename (G_TEST_BUILT, "pd-sync-child", NULL);
  g_autoptr(GError) error = NULL;
  GSubprocess *child;

  g_subprocess_launcher_setenv (launcher, "PD_TEST_TOKEN", f->token, TRUE);
  child = g_subprocess_launcher_spawn (launcher, &error, binary, f->dir, platform->url, "sync",
                                       die_at, die_count, NULL);
  g_assert_no_error (error);
  g_subprocess_wait (child, NULL, &error);
  g_assert_no_error (error);
  return child;
}

static PdOutboxStatus
upload_status (GPtrArray *ops,
               guint      n)
{
  guint seen = 0;

  for (guint i = 0; i < ops->len; i++)
    {
      PdOutboxOp *op = g_ptr_array_index (ops, i);

      if (op->verb == PD_OUTBOX_VERB_UPLOAD && seen++ == n)
        return op->status;
    }
  g_assert_not_reached ();
}

/* Syncs until a run ends cleanly; lost answers fail a run or two. */
static void
sync_until_done (PdSyncEngine *engine)
{
  for (guint attempt = 0;; attempt++)
    {
      g_autoptr(GError) error = pd_test_sync (engine);

      if (error == NULL)
        return;
      g_test_message ("Sync attempt %u: %s", attempt, error->message);
      g_assert_cmpuint (attempt, <, 20);
      g_usleep (G_USEC_PER_SEC / 5);
    }
}

static JsonObject *
stats (Fixture    *f,
       const char *campaign_id)
{
  g_autofree char *path = g_strdup_printf ("/v1/campaigns/%s/stats", campaign_id);
  guint status = 0;
  g_autoptr(JsonNode) node = pd_test_platform_request (platform, "GET", path, f->token, NULL, &status);

  g_assert_cmpuint (status, ==, 200);
  return json_object_ref (json_node_get_object (node));
}

static void
test_upload_and_status (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *campaign_id = NULL;
  g_autofree char *batch_id = NULL;
  g_autoptr(GSubprocess) child = NULL;
  g_auto(GStrv) codes = NULL;
  g_autoptr(GHashTable) on_server = NULL;
  g_autoptr(JsonObject) figures = NULL;
  PdVoucherCodeCounts counts;

  issue_batch (f, &campaign_id, &batch_id);

  /* Queued: project, campaign and batch, then three chunks, not a row
   * per code. */
  {
    g_autoptr(PdAccount) account = open_account (f);
    PdStore *store = account_store (account);
    g_autoptr(GPtrArray) ops = pd_store_list_outbox (store, FALSE, NULL);
    gint64 expected_counts[] = { 5000, 5000, 2000 };

    g_assert_cmpuint (ops->len, ==, 6);
    for (guint i = 0; i < 3; i++)
      {
        PdOutboxOp *op = g_ptr_array_index (ops, 3 + i);
        g_autofree char *key = g_strdup_printf ("voucher-codes-%s-%u", batch_id, i * 5000);
        sqlite3_stmt *stmt = _pd_store_prepare (store, "SELECT chunk, chunk_count FROM outbox WHERE op_id = ?1", NULL);

        g_assert_cmpint (op->verb, ==, PD_OUTBOX_VERB_UPLOAD);
        g_assert_cmpstr (op->kind, ==, PD_OUTBOX_KIND_VOUCHER_CODES);
        g_assert_cmpstr (op->record_id, ==, batch_id);
        g_assert_cmpstr (op->idempotency_key, ==, key);
        sqlite3_bind_int64 (stmt, 1, op->op_id);
        g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
        g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==, i);
        g_assert_cmpint (sqlite3_column_int64 (stmt, 1), ==, expected_counts[i]);
        sqlite3_reset (stmt);
      }
    g_assert_cmpint (((PdOutboxOp *) g_ptr_array_index (ops, 2))->verb, ==, PD_OUTBOX_VERB_CREATE);
    g_assert_cmpstr (((PdOutboxOp *) g_ptr_array_index (ops, 2))->kind, ==, "voucher-batch");
  }

  /* kill -9 right after the platform answered the second chunk (the
   * fifth answer: project, campaign, batch, chunk 0, chunk 1), before
   * the answer was applied here. */
  child = run_child (f, "op-answered", "5");
  g_assert_true (g_subprocess_get_if_signaled (child));
  g_assert_cmpint (g_subprocess_get_term_sig (child), ==, SIGKILL);
  on_server = server_codes (f, batch_id);
  g_assert_cmpuint (g_hash_table_size (on_server), ==, 10000);
  g_clear_pointer (&on_server, g_hash_table_unref);

  {
    g_autoptr(PdAccount) account = open_account (f);
    PdStore *store = account_store (account);
    g_autoptr(GError) error = NULL;
    g_autoptr(PdSyncEngine) engine = NULL;
    g_autoptr(GPtrArray) ops = pd_store_list_outbox (store, FALSE, &error);

    /* Chunk 0 was applied; chunk 1 is still frozen with its key. */
    g_assert_cmpuint (ops->len, ==, 2);
    g_assert_cmpint (upload_status (ops, 0), ==, PD_OUTBOX_STATUS_INFLIGHT);
    g_assert_cmpint (upload_status (ops, 1), ==, PD_OUTBOX_STATUS_PENDING);
    pd_store_get_voucher_code_counts (store, batch_id, &counts);
    g_assert_cmpint (pd_store_count_voucher_codes (store, batch_id), ==, N_CODES);
    g_assert_cmpint (counts.waiting, ==, N_CODES - 5000);
    g_assert_cmpint (count_uploaded (store, batch_id), ==, 5000);

    /* And the re-sent chunk's answer is lost too, after the platform
     * replayed it: the retry after that must change nothing there. */
    pd_test_platform_set_faults (platform, "{\"drop_after_bytes\": 0, \"drop_count\": 1}");
    engine = pd_sync_engine_new (account, &error);
    g_assert_no_error (error);
    pd_sync_engine_set_auto_sync (engine, FALSE);
    _pd_sync_engine_set_timing (engine, 50, 400, 50);
    sync_until_done (engine);
    pd_test_platform_set_faults (platform, "{\"drop_after_bytes\": -1, \"drop_count\": 0}");

    g_assert_cmpuint (pd_store_count_outbox (store), ==, 0);
    pd_store_get_voucher_code_counts (store, batch_id, &counts);
    g_assert_cmpint (counts.waiting, ==, 0);
    g_assert_cmpint (count_uploaded (store, batch_id), ==, N_CODES);
    g_assert_cmpint (counts.redeemed, ==, 0);

    /* Exactly our codes, each once, in the chunk of its position. */
    codes = local_codes (store, batch_id);
    on_server = server_codes (f, batch_id);
    g_assert_cmpuint (g_hash_table_size (on_server), ==, N_CODES);
    for (guint i = 0; i < N_CODES; i++)
      {
        gpointer chunk = NULL;

        g_assert_true (g_hash_table_lookup_extended (on_server, codes[i], NULL, &chunk));
        g_assert_cmpint (GPOINTER_TO_INT (chunk), ==, i / 5000);
      }

    /* Donors redeem some, the platform expires others. */
    pd_test_publish_campaign (account, store, campaign_id, "publish-radspende");
    for (guint i = 0; i < N_REDEEMED; i++)
      {
        g_autofree char *body = g_strdup_printf ("{\"tenant_id\": \"%s\", \"code\": \"%s\"}", f->tenant_id, codes[i]);
        guint status = 0;
        g_autoptr(JsonNode) redeemed = pd_test_platform_request (platform, "POST", "/_admin/redeem", NULL, body, &status);

        g_assert_cmpuint (status, ==, 200);
      }
    {
      g_autoptr(GString) body = g_string_new (NULL);
      guint status = 0;
      g_autoptr(JsonNode) expired = NULL;

      g_string_printf (body, "{\"tenant_id\": \"%s\", \"codes\": [", f->tenant_id);
      /* From the chunk that was sent three times. */
      for (guint i = 0; i < N_EXPIRED; i++)
        g_string_append_printf (body, "%s\"%s\"", i > 0 ? ", " : "", codes[6000 + i]);
      g_string_append (body, "]}");
      expired = pd_test_platform_request (platform, "POST", "/_admin/expire", NULL, body->str, &status);
      g_assert_cmpuint (status, ==, 200);
      g_assert_cmpint (json_object_get_int_member (json_node_get_object (expired), "expired"), ==, N_EXPIRED);
    }

    sync_until_done (engine);
    pd_store_get_voucher_code_counts (store, batch_id, &counts);
    g_assert_cmpint (counts.redeemed, ==, N_REDEEMED);
    g_assert_cmpint (counts.expired, ==, N_EXPIRED);
    {
      g_autofree char *redeemed_at = NULL;
      g_autofree char *status = pd_store_dup_voucher_code_status (store, codes[0], &redeemed_at);
      g_autofree char *expired_at = NULL;
      g_autofree char *expired = pd_store_dup_voucher_code_status (store, codes[6000], &expired_at);
      g_autofree char *untouched = pd_store_dup_voucher_code_status (store, codes[N_CODES - 1], NULL);
      g_autoptr(GDateTime) when = NULL;

      g_assert_cmpstr (status, ==, "redeemed");
      g_assert_nonnull (redeemed_at);
      when = g_date_time_new_from_iso8601 (redeemed_at, NULL);
      g_assert_nonnull (when);
      g_assert_cmpstr (expired, ==, "expired");
      g_assert_null (expired_at);
      g_assert_cmpstr (untouched, ==, "issued");
    }

    /* The platform's results say the same as the workspace. */
    figures = stats (f, campaign_id);
    g_assert_cmpint (json_object_get_int_member (figures, "vouchers_issued"), ==,
                     pd_store_count_voucher_codes (store, batch_id) - counts.waiting);
    g_assert_cmpint (json_object_get_int_member (figures, "vouchers_redeemed"), ==, counts.redeemed);
    g_assert_cmpint (json_object_get_int_member (figures, "vouchers_expired"), ==, counts.expired);
    g_assert_cmpint (json_object_get_int_member (figures, "coins_redeemed"), ==, counts.redeemed * COINS);
    g_assert_cmpint (json_object_get_int_member (figures, "unredeemed_coins"), ==,
                     (pd_store_count_voucher_codes (store, batch_id) - counts.redeemed - counts.expired) * COINS);
  }
}

/* A batch deleted before its codes went: the chunks are dropped, not
 * sent into a 404 for ever. */
static void
test_deleted_batch (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *campaign_id = NULL;
  g_autofree char *batch_id = NULL;
  g_autoptr(PdAccount) account = NULL;
  g_autoptr(PdSyncEngine) engine = NULL;
  g_autoptr(PdVoucherBatch) batch = NULL;
  g_autoptr(GError) error = NULL;
  PdStore *store;

  issue_batch (f, &campaign_id, &batch_id);
  account = open_account (f);
  store = account_store (account);
  batch = pd_store_get_voucher_batch (store, batch_id);
  g_assert_true (pd_store_delete (store, PD_RECORD (batch), NULL, &error));
  g_assert_no_error (error);

  engine = pd_sync_engine_new (account, &error);
  g_assert_no_error (error);
  pd_sync_engine_set_auto_sync (engine, FALSE);
  sync_until_done (engine);
  g_assert_cmpuint (pd_store_count_outbox (store), ==, 0);
  {
    g_autoptr(GHashTable) on_server = server_codes (f, batch_id);

    g_assert_cmpuint (g_hash_table_size (on_server), ==, 0);
  }
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  platform = pd_test_platform_start (NULL);

  g_test_add ("/voucher/sync/upload-and-status", Fixture, NULL,
              fixture_setup, test_upload_and_status, fixture_teardown);
  g_test_add ("/voucher/sync/deleted-batch", Fixture, NULL,
              fixture_setup, test_deleted_batch, fixture_teardown);

  ret = g_test_run ();
  pd_test_platform_free (platform);
  return ret;
}
