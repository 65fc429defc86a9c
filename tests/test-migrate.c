/* test-migrate.c: every earlier schema version migrates to the current one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "pd-store-private.h"
#include "pd-test-utils.h"

#define PROJECT_ID "6f1c1c5e-4b8e-4f0a-9a57-aaaaaaaaaaaa"
#define CAMPAIGN_ID "6f1c1c5e-4b8e-4f0a-9a57-bbbbbbbbbbbb"
#define BATCH_ID "6f1c1c5e-4b8e-4f0a-9a57-cccccccccccc"

static void
exec_ok (sqlite3    *db,
         const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* Data as a user of version 1 would have written it. */
static void
fill_v1 (sqlite3 *db)
{
  exec_ok (db,
    "INSERT INTO projects (id, title, organisation, description, category, location,"
    " default_target_coins, source) VALUES ('" PROJECT_ID "', 'Neue Trikots für den FC Müllerstraße',"
    " 'FC Müllerstraße e.V.', 'Trikots', 'Sport', 'Düsseldorf', 50000, 'client');"
    "INSERT INTO campaigns (id, name, slug, status, starts_at, ends_at, time_zone, currency,"
    " coin_value_micros, voucher_budget_coins, funding_type, default_language) VALUES"
    " ('" CAMPAIGN_ID "', 'Alt', 'alt', 'draft', '2026-12-01T00:00:00+01:00',"
    " '2026-12-31T00:00:00+01:00', 'Europe/Berlin', 'EUR', 10000, 1000, 'donation', 'de');"
    "INSERT INTO campaign_texts (campaign_id, language, title, intro, thank_you) VALUES"
    " ('" CAMPAIGN_ID "', 'de', 'Alt', '', '');"
    "INSERT INTO campaign_projects (campaign_id, position, project_id, target_coins) VALUES"
    " ('" CAMPAIGN_ID "', 0, '" PROJECT_ID "', 700);"
    "INSERT INTO sync_records (kind, id, revision, state, local_seq) VALUES"
    " ('campaign', '" CAMPAIGN_ID "', 3, 'modified', 2);"
    "INSERT INTO outbox (kind, record_id, verb, idempotency_key, local_seq, status) VALUES"
    " ('campaign', '" CAMPAIGN_ID "', 'update', 'key-1', 2, 'pending');"
    "INSERT INTO sync_state (scope, cursor) VALUES ('changes', 'cursor-7');"
    /* A batch of 5,002 codes, issued before codes were uploaded. */
    "INSERT INTO voucher_batches (id, campaign_id, label, count, coins_per_voucher, expires_at) VALUES"
    " ('" BATCH_ID "', '" CAMPAIGN_ID "', 'Kunden', 5002, 10, '2027-01-31T00:00:00+01:00');"
    "INSERT INTO sync_records (kind, id, revision, state, local_seq) VALUES"
    " ('voucher-batch', '" BATCH_ID "', 1, 'synced', 1);"
    "WITH RECURSIVE n (i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 5001)"
    " INSERT INTO voucher_codes (code, batch_id)"
    " SELECT printf ('AAAA-AAAA-%04d-%04d', i / 10000, i % 10000), '" BATCH_ID "' FROM n;");
}

static void
test_migrate_from (gconstpointer data)
{
  guint from = GPOINTER_TO_UINT (data);
  g_autofree char *dir = pd_test_make_private_dir ();
  g_autofree char *path = g_build_filename (dir, "old.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStore) store = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  _pd_store_register_functions (db);
  g_assert_true (_pd_store_migrate (db, from, &error));
  g_assert_no_error (error);
  g_assert_cmpint (_pd_store_get_version (db), ==, from);
  if (from >= 1)
    fill_v1 (db);
  /* A version 2 writer also filled the search columns. */
  if (from >= 2)
    exec_ok (db, "UPDATE projects SET search_text = pd_normalise (title || ' ' || organisation || ' ' || location),"
                 " sort_key = pd_normalise (title);");
  /* A version 3 writer may have been in the middle of a full resync. */
  if (from >= 3)
    exec_ok (db, "UPDATE sync_state SET resyncing = 1;");
  /* A version 4 writer queued the codes' upload chunks when it issued them. */
  if (from >= 4)
    exec_ok (db, "INSERT INTO outbox (kind, record_id, verb, idempotency_key, local_seq, status,"
                 " chunk, chunk_first, chunk_count) VALUES"
                 " ('voucher-codes', '" BATCH_ID "', 'upload', 'voucher-codes-" BATCH_ID "-0', 0, 'pending', 0, 0, 5000),"
                 " ('voucher-codes', '" BATCH_ID "', 'upload', 'voucher-codes-" BATCH_ID "-5000', 0, 'pending', 1, 5000, 2);");
  sqlite3_close (db);

  store = pd_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpint (_pd_store_get_version (store->db), ==, PD_STORE_SCHEMA_VERSION);

  {
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (store->db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
    sqlite3_finalize (stmt);
  }

  /* Version 5: the library's search reads only the index, in title
   * order, whatever version the file came from. */
  {
    sqlite3_stmt *stmt = NULL;
    g_autoptr(GString) plan = g_string_new (NULL);

    g_assert_cmpint (sqlite3_prepare_v2 (store->db, "EXPLAIN QUERY PLAN SELECT rowid FROM projects"
                                         " WHERE (?1 IS NULL OR category = ?1) AND instr (search_text, ?2) > 0"
                                         " ORDER BY sort_key, rowid", -1, &stmt, NULL), ==, SQLITE_OK);
    while (sqlite3_step (stmt) == SQLITE_ROW)
      g_string_append_printf (plan, "%s\n", (const char *) sqlite3_column_text (stmt, 3));
    sqlite3_finalize (stmt);
    g_assert_nonnull (strstr (plan->str, "COVERING INDEX projects_by_sort_key_search"));
  }

  if (from >= 1)
    {
      g_autoptr(GListModel) found = pd_store_search_projects (store, "mullerstrasse dusseldorf", NULL, &error);
      g_autoptr(PdCampaign) campaign = pd_store_get_campaign (store, CAMPAIGN_ID);
      g_autoptr(GPtrArray) ops = pd_store_list_outbox (store, FALSE, &error);
      g_autofree char *cursor = pd_store_get_cursor (store, "changes");

      /* Rows of version 1 are found by the search added in version 2. */
      g_assert_no_error (error);
      g_assert_cmpuint (g_list_model_get_n_items (found), ==, 1);
      g_assert_nonnull (campaign);
      g_assert_cmpint (pd_record_get_revision (PD_RECORD (campaign)), ==, 3);
      g_assert_cmpint (pd_record_get_sync_state (PD_RECORD (campaign)), ==, PD_SYNC_STATE_MODIFIED);
      g_assert_cmpuint (g_list_model_get_n_items (pd_campaign_get_projects (campaign)), ==, 1);
      /* The waiting edit, then version 4's chunks of the old codes. */
      g_assert_cmpuint (ops->len, ==, 3);
      g_assert_cmpint (((PdOutboxOp *) g_ptr_array_index (ops, 0))->verb, ==, PD_OUTBOX_VERB_UPDATE);
      for (guint i = 1; i < 3; i++)
        {
          PdOutboxOp *op = g_ptr_array_index (ops, i);
          g_autofree char *key = g_strdup_printf ("voucher-codes-" BATCH_ID "-%u", (i - 1) * 5000);
          sqlite3_stmt *stmt = _pd_store_prepare (store, "SELECT chunk, chunk_first, chunk_count FROM outbox"
                                                  " WHERE op_id = ?1", NULL);

          g_assert_cmpint (op->verb, ==, PD_OUTBOX_VERB_UPLOAD);
          g_assert_cmpstr (op->record_id, ==, BATCH_ID);
          g_assert_cmpstr (op->idempotency_key, ==, key);
          g_assert_cmpint (op->status, ==, PD_OUTBOX_STATUS_PENDING);
          sqlite3_bind_int64 (stmt, 1, op->op_id);
          g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
          g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==, i - 1);
          g_assert_cmpint (sqlite3_column_int64 (stmt, 1), ==, (i - 1) * 5000);
          g_assert_cmpint (sqlite3_column_int64 (stmt, 2), ==, i == 1 ? 5000 : 2);
          sqlite3_reset (stmt);
        }
      /* The codes of the second chunk freeze into its payload. */
      {
        PdOutboxOp *last = g_ptr_array_index (ops, 2);
        g_autoptr(PdOutboxOp) frozen = pd_store_mark_inflight (store, last->op_id, &error);
        g_autoptr(JsonNode) payload = NULL;
        JsonArray *codes;

        g_assert_no_error (error);
        payload = json_from_string (frozen->payload, &error);
        g_assert_no_error (error);
        g_assert_cmpint (json_object_get_int_member (json_node_get_object (payload), "chunk"), ==, 1);
        codes = json_object_get_array_member (json_node_get_object (payload), "codes");
        g_assert_cmpuint (json_array_get_length (codes), ==, 2);
        g_assert_cmpstr (json_array_get_string_element (codes, 0), ==, "AAAA-AAAA-0000-5000");
        g_assert_cmpstr (json_array_get_string_element (codes, 1), ==, "AAAA-AAAA-0000-5001");
      }
      g_assert_cmpstr (cursor, ==, "cursor-7");
      /* Version 3 added the resync bookkeeping; before it none was under way. */
      g_assert_true (pd_store_is_resyncing (store, "changes") == (from >= 3));
    }
  else
    g_assert_cmpuint (pd_store_count_projects (store), ==, 0);

  g_clear_object (&store);
  pd_test_remove_tree (dir);
}

static void
test_newer_refused (void)
{
  g_autofree char *dir = pd_test_make_private_dir ();
  g_autofree char *path = g_build_filename (dir, "new.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  PdStore *store;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  exec_ok (db, "PRAGMA user_version = 99;");
  sqlite3_close (db);

  store = pd_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, PD_STORE_ERROR, PD_STORE_ERROR_TOO_NEW);
  pd_test_remove_tree (dir);
}

static void
test_failed_step_rolls_back (void)
{
  g_autofree char *dir = pd_test_make_private_dir ();
  g_autofree char *path = g_build_filename (dir, "broken.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  /* A version 1 database where step 2 cannot run (no normalise function
   * registered): the step fails as a whole and the version stays 1. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  _pd_store_register_functions (db);
  g_assert_true (_pd_store_migrate (db, 1, &error));
  fill_v1 (db);
  sqlite3_close (db);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_false (_pd_store_migrate (db, 2, &error));
  g_assert_error (error, PD_STORE_ERROR, PD_STORE_ERROR_FAILED);
  g_assert_cmpint (_pd_store_get_version (db), ==, 1);
  {
    sqlite3_stmt *stmt = NULL;

    /* The ALTER TABLE of the failed step is gone too. */
    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT search_text FROM projects", -1, &stmt, NULL), !=, SQLITE_OK);
    sqlite3_finalize (stmt);
  }
  sqlite3_close (db);
  pd_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint v = 0; v < PD_STORE_SCHEMA_VERSION; v++)
    {
      g_autofree char *test_path = g_strdup_printf ("/store/migrate/from-v%u", v);
      g_test_add_data_func (test_path, GUINT_TO_POINTER (v), test_migrate_from);
    }
  g_test_add_func ("/store/migrate/newer-refused", test_newer_refused);
  g_test_add_func ("/store/migrate/failed-step-rolls-back", test_failed_step_rolls_back);

  return g_test_run ();
}
