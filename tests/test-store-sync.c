/* test-store-sync.c: change tracking, outbox rules, push results, pulls
 * and conflicts — the store's side of SYNC.md
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>

#include "pd-json.h"
#include "pd-project.h"
#include "pd-store.h"
#include "pd-store-private.h"
#include "pd-sync-conflict.h"
#include "pd-test-utils.h"
#include "pd-validation.h"

typedef struct {
  char    *dir;
  PdStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = pd_test_make_private_dir ();
  path = g_build_filename (fixture->dir, "workspace.sqlite", NULL);
  fixture->store = pd_store_open (path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  pd_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static PdTheme *
make_theme (const char *name)
{
  PdTheme *theme = pd_theme_new ();

  pd_theme_set_name (theme, name);
  return theme;
}

static GPtrArray *
outbox (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *ops = pd_store_list_outbox (fixture->store, FALSE, &error);

  g_assert_no_error (error);
  return ops;
}

static PdOutboxOp *
only_op (Fixture *fixture)
{
  g_autoptr(GPtrArray) ops = outbox (fixture);

  g_assert_cmpuint (ops->len, ==, 1);
  return pd_outbox_op_copy (g_ptr_array_index (ops, 0));
}

static void
save (Fixture  *fixture,
      gpointer  record)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pd_store_save (fixture->store, record, NULL, &error));
  g_assert_no_error (error);
}

/* What the server answers: our record with its revision. */
static JsonNode *
server_copy (PdRecord *record,
             gint64    revision)
{
  JsonNode *node = pd_record_content_to_json (record);

  json_object_set_int_member (json_node_get_object (node), "revision", revision);
  json_object_set_string_member (json_node_get_object (node), "updated_at", "2026-11-25T10:00:00Z");
  /* Fields the client does not know must not become dirty fields. */
  json_object_set_string_member (json_node_get_object (node), "created_by", "server");
  return node;
}

/* Pushes every ready op as a server that accepts everything would. */
static void
push_all (Fixture *fixture,
          gint64   revision)
{
  g_autoptr(GPtrArray) ops = pd_store_list_outbox (fixture->store, TRUE, NULL);

  for (guint i = 0; i < ops->len; i++)
    {
      PdOutboxOp *op = g_ptr_array_index (ops, i);
      g_autoptr(PdOutboxOp) frozen = pd_store_mark_inflight (fixture->store, op->op_id, NULL);
      g_autoptr(PdRecord) record = pd_store_lookup (fixture->store, op->kind, op->record_id);
      g_autoptr(JsonNode) answer = record != NULL ? server_copy (record, revision) : NULL;
      g_autoptr(GError) error = NULL;

      g_assert_nonnull (frozen);
      g_assert_true (pd_store_apply_push_result (fixture->store, op->op_id, revision,
                                                 frozen->verb == PD_OUTBOX_VERB_DELETE ? NULL : answer, &error));
      g_assert_no_error (error);
    }
}

static void
test_create_tracks (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(PdTheme) theme = make_theme ("Bank");
  const char *id = pd_record_get_id (PD_RECORD (theme));
  g_autoptr(PdOutboxOp) op = NULL;
  g_auto(GStrv) dirty = NULL;

  save (fixture, theme);
  op = only_op (fixture);
  g_assert_cmpint (op->verb, ==, PD_OUTBOX_VERB_CREATE);
  g_assert_cmpint (op->status, ==, PD_OUTBOX_STATUS_PENDING);
  g_assert_cmpstr (op->record_id, ==, id);
  g_assert_cmpstr (op->kind, ==, "theme");
  g_assert_cmpint (op->local_seq, ==, 1);
  g_assert_null (op->payload);
  g_assert_true (pd_is_valid_uuid (op->idempotency_key));
  g_assert_cmpint (pd_store_get_sync_state (fixture->store, "theme", id), ==, PD_SYNC_STATE_CREATED);

  /* Never confirmed: every field is new. */
  dirty = pd_store_get_dirty_fields (fixture->store, "theme", id);
  g_assert_true (g_strv_contains ((const char * const *) dirty, "name"));
  g_assert_true (g_strv_contains ((const char * const *) dirty, "colors"));
  g_assert_null (pd_store_get_base (fixture->store, "theme", id));
}

static void
test_edits_merge (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(PdTheme) theme = make_theme ("Bank");
  g_autoptr(PdOutboxOp) op = NULL;
  g_autoptr(PdOutboxOp) first = NULL;

  save (fixture, theme);
  first = only_op (fixture);
  for (guint i = 0; i < 5; i++)
    {
      pd_theme_set_corner_radius (theme, i);
      save (fixture, theme);
    }
  /* Still one op, still a create, the same key, the latest local_seq. */
  op = only_op (fixture);
  g_assert_cmpint (op->verb, ==, PD_OUTBOX_VERB_CREATE);
  g_assert_cmpstr (op->idempotency_key, ==, first->idempotency_key);
  g_assert_cmpint (op->local_seq, ==, 6);
  g_assert_cmpint (pd_store_get_local_seq (fixture->store, "theme", pd_record_get_id (PD_RECORD (theme))), ==, 6);

  /* Saving without a change is not an edit. */
  save (fixture, theme);
  g_assert_cmpint (pd_store_get_local_seq (fixture->store, "theme", pd_record_get_id (PD_RECORD (theme))), ==, 6);
}

static void
test_create_delete_cancel (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(PdTheme) theme = make_theme ("Kurz");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ops = NULL;

  save (fixture, theme);
  g_assert_true (pd_store_delete (fixture->store, PD_RECORD (theme), NULL, &error));
  g_assert_no_error (error);
  ops = outbox (fixture);
  g_assert_cmpuint (ops->len, ==, 0);
  g_assert_cmpint (pd_store_get_local_seq (fixture->store, "theme", pd_record_get_id (PD_RECORD (theme))), ==, 0);
}

static void
test_push_cycle (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(PdTheme) theme = make_theme ("Bank");
  const char *id = pd_record_get_id (PD_RECORD (theme));
  g_autoptr(PdOutboxOp) op = NULL;
  g_autoptr(PdOutboxOp) frozen = NULL;
  g_autoptr(PdOutboxOp) again = NULL;
  g_autoptr(JsonNode) payload = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) dirty = NULL;

  save (fixture, theme);
  op = only_op (fixture);
  frozen = pd_store_mark_inflight (fixture->store, op->op_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (frozen->status, ==, PD_OUTBOX_STATUS_INFLIGHT);
  g_assert_cmpint (frozen->if_match, ==, 0);
  payload = json_from_string (frozen->payload, &error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (payload), "name"), ==, "Bank");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (payload), "id"), ==, id);

  /* Marking again (a restart) changes nothing: same key, same body. */
  again = pd_store_mark_inflight (fixture->store, op->op_id, &error);
  g_assert_cmpstr (again->payload, ==, frozen->payload);
  g_assert_cmpstr (again->idempotency_key, ==, frozen->idempotency_key);

  answer = server_copy (PD_RECORD (theme), 1);
  g_assert_true (pd_store_apply_push_result (fixture->store, op->op_id, 1, answer, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pd_store_count_outbox (fixture->store), ==, 0);
  g_assert_cmpint (pd_store_get_sync_state (fixture->store, "theme", id), ==, PD_SYNC_STATE_SYNCED);
  g_assert_cmpint (pd_record_get_sync_state (PD_RECORD (theme)), ==, PD_SYNC_STATE_SYNCED);
  g_assert_cmpint (pd_record_get_revision (PD_RECORD (theme)), ==, 1);
  dirty = pd_store_get_dirty_fields (fixture->store, "theme", id);
  g_assert_cmpuint (g_strv_length (dirty), ==, 0);
  g_clear_pointer (&dirty, g_strfreev);

  /* An edit is an update carrying only the changed fields. */
  pd_theme_set_accent_color (theme, "#ff0000");
  save (fixture, theme);
  dirty = pd_store_get_dirty_fields (fixture->store, "theme", id);
  g_assert_cmpuint (g_strv_length (dirty), ==, 1);
  g_assert_cmpstr (dirty[0], ==, "colors");
  g_assert_cmpint (pd_record_get_sync_state (PD_RECORD (theme)), ==, PD_SYNC_STATE_MODIFIED);

  g_clear_pointer (&op, pd_outbox_op_free);
  g_clear_pointer (&frozen, pd_outbox_op_free);
  g_clear_pointer (&payload, json_node_unref);
  op = only_op (fixture);
  g_assert_cmpint (op->verb, ==, PD_OUTBOX_VERB_UPDATE);
  frozen = pd_store_mark_inflight (fixture->store, op->op_id, &error);
  g_assert_cmpint (frozen->if_match, ==, 1);
  payload = json_from_string (frozen->payload, NULL);
  {
    g_autoptr(JsonNode) expected = json_from_string ("{\"colors\": {\"accent\": \"#ff0000\"}}", NULL);
    g_assert_true (pd_json_equal (payload, expected));
  }

  /* An edit while the update is in flight: a new op follows; the
   * inflight one is untouched and the record is not marked synced. */
  pd_theme_set_name (theme, "Bank 2");
  save (fixture, theme);
  {
    g_autoptr(GPtrArray) ops = outbox (fixture);
    PdOutboxOp *inflight = g_ptr_array_index (ops, 0);
    PdOutboxOp *next = g_ptr_array_index (ops, 1);

    g_assert_cmpuint (ops->len, ==, 2);
    g_assert_cmpstr (inflight->payload, ==, frozen->payload);
    g_assert_cmpint (inflight->status, ==, PD_OUTBOX_STATUS_INFLIGHT);
    g_assert_cmpint (next->status, ==, PD_OUTBOX_STATUS_PENDING);
    g_assert_cmpstr (next->idempotency_key, !=, inflight->idempotency_key);
  }

  g_clear_pointer (&answer, json_node_unref);
  answer = json_from_string (frozen->payload, NULL);
  {
    g_autoptr(JsonNode) server = server_copy (PD_RECORD (theme), 2);
    /* The server knows the old name, not the one typed meanwhile. */
    json_object_set_string_member (json_node_get_object (server), "name", "Bank");
    g_assert_true (pd_store_apply_push_result (fixture->store, op->op_id, 2, server, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (pd_store_get_sync_state (fixture->store, "theme", id), ==, PD_SYNC_STATE_MODIFIED);
  g_assert_cmpstr (pd_theme_get_name (theme), ==, "Bank 2");
  g_clear_pointer (&dirty, g_strfreev);
  dirty = pd_store_get_dirty_fields (fixture->store, "theme", id);
  g_assert_cmpuint (g_strv_length (dirty), ==, 1);
  g_assert_cmpstr (dirty[0], ==, "name");
  g_assert_cmpuint (pd_store_count_outbox (fixture->store), ==, 1);

  push_all (fixture, 3);
  g_assert_cmpuint (pd_store_count_outbox (fixture->store), ==, 0);
  g_assert_cmpint (pd_store_get_sync_state (fixture->store, "theme", id), ==, PD_SYNC_STATE_SYNCED);
}

static void
test_delete_after_sync (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(PdTheme) theme = make_theme ("Weg");
  g_autofree char *id = g_strdup (pd_record_get_id (PD_RECORD (theme)));
  g_autoptr(PdOutboxOp) op = NULL;
  g_autoptr(PdOutboxOp) frozen = NULL;
  g_autoptr(GError) error = NULL;

  save (fixture, theme);
  push_all (fixture, 1);
  pd_theme_set_name (theme, "Weg 2");
  save (fixture, theme);
  g_assert_true (pd_store_delete (fixture->store, PD_RECORD (theme), NULL, &error));

  /* The pending update became the delete. */
  op = only_op (fixture);
  g_assert_cmpint (op->verb, ==, PD_OUTBOX_VERB_DELETE);
  g_assert_cmpint (pd_store_get_sync_state (fixture->store, "theme", id), ==, PD_SYNC_STATE_DELETED);
  frozen = pd_store_mark_inflight (fixture->store, op->op_id, &error);
  g_assert_cmpint (frozen->if_match, ==, 1);
  g_assert_null (frozen->payload);
  g_assert_true (pd_store_apply_push_result (fixture->store, op->op_id, 2, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pd_store_count_outbox (fixture->store), ==, 0);
  g_assert_null (pd_store_get_base (fixture->store, "theme", id));
}

static void
test_edit_during_inflight_create (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(PdTheme) theme = make_theme ("Neu");
  const char *id = pd_record_get_id (PD_RECORD (theme));
  g_autoptr(PdOutboxOp) create = NULL;
  g_autoptr(PdOutboxOp) frozen = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GPtrArray) ops = NULL;
  g_autoptr(GError) error = NULL;
  PdOutboxOp *next;

  save (fixture, theme);
  create = only_op (fixture);
  frozen = pd_store_mark_inflight (fixture->store, create->op_id, &error);
  answer = server_copy (PD_RECORD (theme), 1);

  /* Edited while the create is on its way: the follow-up is an update. */
  pd_theme_set_corner_radius (theme, 3);
  save (fixture, theme);
  ops = outbox (fixture);
  g_assert_cmpuint (ops->len, ==, 2);
  next = g_ptr_array_index (ops, 1);
  g_assert_cmpint (next->verb, ==, PD_OUTBOX_VERB_UPDATE);

  g_assert_true (pd_store_apply_push_result (fixture->store, create->op_id, 1, answer, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pd_store_get_sync_state (fixture->store, "theme", id), ==, PD_SYNC_STATE_MODIFIED);
  g_assert_cmpint (pd_theme_get_corner_radius (theme), ==, 3);
  g_clear_pointer (&frozen, pd_outbox_op_free);
  frozen = pd_store_mark_inflight (fixture->store, next->op_id, &error);
  g_assert_cmpint (frozen->if_match, ==, 1);
  g_assert_cmpstr (frozen->payload, ==, "{\"corner_radius\":3}");
}

static void
test_undo_delete_after_sync (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(PdTheme) theme = make_theme ("Zurück");
  g_autofree char *id = g_strdup (pd_record_get_id (PD_RECORD (theme)));
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) dirty = NULL;

  save (fixture, theme);
  push_all (fixture, 1);
  g_assert_true (pd_store_delete (fixture->store, PD_RECORD (theme), "Delete Theme", &error));
  g_assert_true (pd_undo_stack_undo (pd_store_get_undo_stack (fixture->store), &error));
  g_assert_no_error (error);

  /* Back as it was on the server: nothing left to send. */
  g_assert_cmpuint (pd_store_count_outbox (fixture->store), ==, 0);
  dirty = pd_store_get_dirty_fields (fixture->store, "theme", id);
  g_assert_cmpuint (g_strv_length (dirty), ==, 0);
  g_assert_cmpint (pd_store_get_sync_state (fixture->store, "theme", id), ==, PD_SYNC_STATE_SYNCED);

  /* Edit and edit back: the same. */
  g_clear_object (&theme);
  theme = pd_store_get_theme (fixture->store, id);
  pd_theme_set_name (theme, "Anders");
  save (fixture, theme);
  g_assert_cmpuint (pd_store_count_outbox (fixture->store), ==, 1);
  pd_theme_set_name (theme, "Zurück");
  save (fixture, theme);
  g_assert_cmpuint (pd_store_count_outbox (fixture->store), ==, 0);
  g_assert_cmpint (pd_record_get_sync_state (PD_RECORD (theme)), ==, PD_SYNC_STATE_SYNCED);
}

static void
test_retry_and_dead (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(PdTheme) theme = make_theme ("Retry");
  g_autoptr(PdOutboxOp) op = NULL;
  g_autoptr(PdOutboxOp) frozen = NULL;
  g_autoptr(PdOutboxOp) dead = NULL;
  g_autoptr(GPtrArray) ready = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  save (fixture, theme);
  op = only_op (fixture);
  problems = pd_store_list_outbox_problems (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
  g_clear_pointer (&problems, g_ptr_array_unref);
  frozen = pd_store_mark_inflight (fixture->store, op->op_id, &error);
  g_assert_true (pd_store_retry_op_later (fixture->store, op->op_id, pd_real_time () + G_USEC_PER_SEC * 60,
                                          "503", &error));
  ready = pd_store_list_outbox (fixture->store, TRUE, &error);
  g_assert_cmpuint (ready->len, ==, 0);
  g_clear_pointer (&op, pd_outbox_op_free);
  op = only_op (fixture);
  g_assert_cmpint (op->attempts, ==, 1);
  g_assert_cmpstr (op->last_error, ==, "503");
  g_assert_cmpint (op->status, ==, PD_OUTBOX_STATUS_INFLIGHT);
  g_assert_cmpstr (op->payload, ==, frozen->payload);

  g_assert_true (pd_store_mark_op_dead (fixture->store, op->op_id, "422 name", &error));
  dead = only_op (fixture);
  g_assert_cmpint (dead->status, ==, PD_OUTBOX_STATUS_DEAD);
  /* Only the op set aside is a problem the window shows. */
  {
    g_autoptr(PdTheme) other = make_theme ("Waiting");

    save (fixture, other);
    problems = pd_store_list_outbox_problems (fixture->store, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (problems->len, ==, 1);
    g_assert_cmpint (((PdOutboxOp *) g_ptr_array_index (problems, 0))->op_id, ==, dead->op_id);
    g_assert_cmpstr (((PdOutboxOp *) g_ptr_array_index (problems, 0))->last_error, ==, "422 name");
    g_assert_true (pd_store_delete (fixture->store, PD_RECORD (other), NULL, &error));
  }
  g_assert_null (pd_store_mark_inflight (fixture->store, dead->op_id, &error));
  g_assert_error (error, PD_STORE_ERROR, PD_STORE_ERROR_CONFLICT);
  g_clear_error (&error);

  /* Fixing the record revives the op with a new key. */
  pd_theme_set_name (theme, "Fixed");
  save (fixture, theme);
  g_clear_pointer (&op, pd_outbox_op_free);
  op = only_op (fixture);
  g_assert_cmpint (op->status, ==, PD_OUTBOX_STATUS_PENDING);
  g_assert_cmpstr (op->idempotency_key, !=, dead->idempotency_key);
  g_assert_null (op->last_error);
}

static JsonArray *
page_of (JsonNode *record,
         const char *kind,
         const char *id,
         gint64      revision)
{
  JsonArray *changes = json_array_new ();
  JsonObject *change = json_object_new ();

  json_object_set_string_member (change, "kind", kind);
  json_object_set_string_member (change, "id", id);
  json_object_set_int_member (change, "revision", revision);
  json_object_set_boolean_member (change, "deleted", record == NULL);
  if (record != NULL)
    json_object_set_member (change, "record", json_node_ref (record));
  json_array_add_object_element (changes, change);
  return changes;
}

static void
test_pull (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(PdTheme) remote = make_theme ("Vom Server");
  const char *id = pd_record_get_id (PD_RECORD (remote));
  g_autoptr(JsonNode) record = server_copy (PD_RECORD (remote), 4);
  g_autoptr(JsonArray) page = page_of (record, "theme", id, 4);
  g_autoptr(JsonArray) tombstone = page_of (NULL, "theme", id, 5);
  g_autoptr(GError) error = NULL;
  g_autoptr(PdTheme) local = NULL;
  g_autofree char *cursor = NULL;
  GListModel *themes = pd_store_get_themes (fixture->store);

  g_assert_null (pd_store_get_cursor (fixture->store, "changes"));
  g_assert_true (pd_store_apply_remote_changes (fixture->store, "changes", page, "c1", &error));
  g_assert_no_error (error);
  cursor = pd_store_get_cursor (fixture->store, "changes");
  g_assert_cmpstr (cursor, ==, "c1");
  g_assert_cmpuint (pd_store_count_outbox (fixture->store), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (themes), ==, 1);

  local = pd_store_get_theme (fixture->store, id);
  g_assert_cmpstr (pd_theme_get_name (local), ==, "Vom Server");
  g_assert_cmpint (pd_record_get_revision (PD_RECORD (local)), ==, 4);
  g_assert_cmpint (pd_record_get_sync_state (PD_RECORD (local)), ==, PD_SYNC_STATE_SYNCED);

  /* A tombstone for a record without local changes removes it. */
  g_assert_true (pd_store_apply_remote_changes (fixture->store, "changes", tombstone, "c2", &error));
  g_assert_cmpuint (g_list_model_get_n_items (themes), ==, 0);
  g_clear_object (&local);
  g_assert_null (pd_store_get_theme (fixture->store, id));

  g_assert_true (pd_store_reset_cursor (fixture->store, "changes", &error));
  g_clear_pointer (&cursor, g_free);
  g_assert_null (pd_store_get_cursor (fixture->store, "changes"));

  g_assert_true (pd_store_set_backoff_until (fixture->store, "changes", 12345, &error));
  g_assert_cmpint (pd_store_get_backoff_until (fixture->store, "changes"), ==, 12345);
}

static gint64
pragma_value (PdStore    *store,
              const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (store->db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* A pulled page commits without fsync (it can be fetched again); every
 * other commit, a local edit above all, must still be durable: FULL and
 * the usual checkpoints again after a page, written or refused. */
static void
test_pull_leaves_commits_durable (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(PdTheme) a = make_theme ("A");
  g_autoptr(JsonNode) good = server_copy (PD_RECORD (a), 1);
  g_autoptr(JsonArray) page = page_of (good, "theme", pd_record_get_id (PD_RECORD (a)), 1);
  g_autoptr(JsonArray) bad_page = json_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PdTheme) edited = NULL;

  g_assert_cmpint (pragma_value (fixture->store, "PRAGMA synchronous"), ==, 2);
  g_assert_true (pd_store_apply_remote_changes (fixture->store, "changes", page, "c1", &error));
  g_assert_no_error (error);
  g_assert_cmpint (pragma_value (fixture->store, "PRAGMA synchronous"), ==, 2);
  g_assert_false (fixture->store->relaxed);

  json_array_add_string_element (bad_page, "not a change");
  g_assert_false (pd_store_apply_remote_changes (fixture->store, "changes", bad_page, "c2", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (pragma_value (fixture->store, "PRAGMA synchronous"), ==, 2);
  g_assert_false (fixture->store->relaxed);

  /* The pulled record is there, and an edit of it is saved as always. */
  edited = pd_store_get_theme (fixture->store, pd_record_get_id (PD_RECORD (a)));
  g_assert_nonnull (edited);
  pd_theme_set_name (edited, "B");
  g_assert_true (pd_store_save (fixture->store, PD_RECORD (edited), NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pragma_value (fixture->store, "PRAGMA synchronous"), ==, 2);
}

static gint64
file_size (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_size;
}

/* A page of @n new projects as the feed sends them. */
static JsonArray *
page_of_projects (guint n)
{
  JsonArray *page = json_array_new ();

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PdProject) project = pd_project_new ();
      g_autofree char *title = g_strdup_printf ("Projekt %u mit einem etwas längeren Titel", i);
      g_autoptr(JsonNode) record = NULL;
      g_autoptr(JsonArray) one = NULL;

      pd_project_set_title (project, title);
      pd_project_set_organisation (project, "Verein für Beispiele e.V.");
      pd_project_set_description (project, "Eine Beschreibung, die ein paar Seiten der Datenbank füllt.");
      pd_project_set_category (project, "Umwelt");
      pd_project_set_location (project, "Köln");
      pd_project_set_default_target_coins (project, 1000 + i);
      record = server_copy (PD_RECORD (project), 1);
      one = page_of (record, "project", pd_record_get_id (PD_RECORD (project)), 1);
      json_array_add_element (page, json_node_copy (json_array_get_element (one, 0)));
    }
  return page;
}

/* Pulled pages that leave the WAL long are written back into the
 * database once the main loop is idle, not inside their commit; then the
 * WAL starts over, and another connection reads the same. */
static void
test_checkpoint_when_idle (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *path = pd_store_get_path (fixture->store);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(PdStore) other = NULL;
  gint64 before = file_size (path);
  guint pages = 0;

  /* Pages of a thousand projects, with no main loop between them, until
   * a checkpoint waits for one. */
  while (fixture->store->idle_checkpoint == NULL)
    {
      g_autoptr(JsonArray) page = page_of_projects (1000);
      g_autofree char *cursor = g_strdup_printf ("c%u", pages++);

      g_assert_cmpuint (pages, <=, 10);
      g_assert_true (pd_store_apply_remote_changes (fixture->store, "changes", page, cursor, &error));
      g_assert_no_error (error);
    }
  /* Not inside the commits: the database file itself has not grown. */
  g_assert_cmpint (file_size (path), ==, before);

  while (fixture->store->idle_checkpoint != NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (file_size (path), >, before + 4 * 1024 * 1024);

  /* The next page starts the WAL over instead of making it longer. */
  {
    g_autoptr(JsonArray) page = page_of_projects (10);
    gint64 wal_size = file_size (wal);

    g_assert_true (pd_store_apply_remote_changes (fixture->store, "changes", page, "last", &error));
    g_assert_no_error (error);
    g_assert_cmpint (file_size (wal), ==, wal_size);
  }

  other = pd_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pd_store_count_projects (other), ==, pages * 1000 + 10);
}

static void
test_pull_bad_page_keeps_cursor (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(PdTheme) a = make_theme ("A");
  g_autoptr(JsonNode) good = server_copy (PD_RECORD (a), 1);
  g_autoptr(JsonArray) page = page_of (good, "theme", pd_record_get_id (PD_RECORD (a)), 1);
  g_autoptr(JsonNode) bad = json_from_string ("{\"kind\": \"theme\", \"id\": \"6f1c1c5e-4b8e-4f0a-9a57-111111111111\","
                                              " \"revision\": 1, \"record\": {\"id\": \"6f1c1c5e-4b8e-4f0a-9a57-111111111111\","
                                              " \"name\": 5}}", NULL);
  g_autoptr(GError) error = NULL;

  json_array_add_element (page, g_steal_pointer (&bad));
  g_assert_false (pd_store_apply_remote_changes (fixture->store, "changes", page, "c9", &error));
  g_assert_nonnull (error);
  /* Nothing of the page, and not the cursor. */
  g_assert_null (pd_store_get_cursor (fixture->store, "changes"));
  g_assert_null (pd_store_get_theme (fixture->store, pd_record_get_id (PD_RECORD (a))));
}

static void
test_pull_merges_local_edits (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(PdTheme) theme = make_theme ("Gemeinsam");
  g_autofree char *id = g_strdup (pd_record_get_id (PD_RECORD (theme)));
  g_autoptr(JsonNode) server = NULL;
  g_autoptr(JsonArray) page = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PdOutboxOp) op = NULL;
  g_autoptr(PdOutboxOp) frozen = NULL;
  g_autoptr(JsonNode) patch = NULL;

  save (fixture, theme);
  push_all (fixture, 1);

  /* Here: the font. There: the name. Both survive. */
  pd_theme_set_font_family (theme, "Inter");
  save (fixture, theme);
  server = server_copy (PD_RECORD (theme), 2);
  json_object_set_string_member (json_node_get_object (server), "font_family", "Cantarell");
  json_object_set_string_member (json_node_get_object (server), "name", "Gemeinsam (Server)");
  page = page_of (server, "theme", id, 2);
  g_assert_true (pd_store_apply_remote_changes (fixture->store, "changes", page, "c1", &error));
  g_assert_no_error (error);

  g_assert_cmpstr (pd_theme_get_name (theme), ==, "Gemeinsam (Server)");
  g_assert_cmpstr (pd_theme_get_font_family (theme), ==, "Inter");
  g_assert_cmpint (pd_record_get_sync_state (PD_RECORD (theme)), ==, PD_SYNC_STATE_MODIFIED);
  op = only_op (fixture);
  frozen = pd_store_mark_inflight (fixture->store, op->op_id, &error);
  g_assert_cmpint (frozen->if_match, ==, 2);
  patch = json_from_string (frozen->payload, NULL);
  {
    g_autoptr(JsonNode) expected = json_from_string ("{\"font_family\": \"Inter\"}", NULL);
    g_assert_true (pd_json_equal (patch, expected));
  }

  /* Our own change echoed back by the feed changes nothing. */
  g_clear_pointer (&page, json_array_unref);
  page = page_of (server, "theme", id, 2);
  g_assert_true (pd_store_apply_remote_changes (fixture->store, "changes", page, "c2", &error));
  g_assert_cmpstr (pd_theme_get_font_family (theme), ==, "Inter");
}

static void
test_conflict_same_field (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(PdTheme) theme = make_theme ("Alt");
  g_autofree char *id = g_strdup (pd_record_get_id (PD_RECORD (theme)));
  g_autoptr(JsonNode) current = NULL;
  g_autoptr(JsonNode) local = NULL;
  g_autoptr(JsonNode) remote = NULL;
  g_autoptr(PdOutboxOp) op = NULL;
  g_autoptr(PdOutboxOp) frozen = NULL;
  g_auto(GStrv) fields = NULL;
  g_autoptr(GError) error = NULL;

  save (fixture, theme);
  push_all (fixture, 1);
  pd_theme_set_name (theme, "Meins");
  save (fixture, theme);
  op = only_op (fixture);
  frozen = pd_store_mark_inflight (fixture->store, op->op_id, &error);

  /* 412: a colleague renamed it too. */
  current = server_copy (PD_RECORD (theme), 2);
  json_object_set_string_member (json_node_get_object (current), "name", "Deins");
  g_assert_true (pd_store_apply_push_conflict (fixture->store, op->op_id, 2, current, &error));
  g_assert_no_error (error);

  g_assert_cmpint (pd_store_get_sync_state (fixture->store, "theme", id), ==, PD_SYNC_STATE_CONFLICT);
  g_assert_cmpint (pd_record_get_sync_state (PD_RECORD (theme)), ==, PD_SYNC_STATE_CONFLICT);
  g_assert_true (pd_store_get_conflict (fixture->store, "theme", id, &local, &remote, &fields));
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (local), "name"), ==, "Meins");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (remote), "name"), ==, "Deins");
  g_assert_cmpuint (g_strv_length (fields), ==, 1);
  g_assert_cmpstr (fields[0], ==, "name");

  /* Nothing is sent while the user decides. */
  g_clear_pointer (&op, pd_outbox_op_free);
  op = only_op (fixture);
  g_assert_cmpint (op->status, ==, PD_OUTBOX_STATUS_CONFLICT);
  {
    g_autoptr(GPtrArray) ready = pd_store_list_outbox (fixture->store, TRUE, NULL);
    g_assert_cmpuint (ready->len, ==, 0);
  }

  json_object_set_string_member (json_node_get_object (local), "name", "Unser");
  g_assert_true (pd_store_resolve_conflict (fixture->store, "theme", id, local, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (pd_theme_get_name (theme), ==, "Unser");
  g_assert_cmpint (pd_store_get_sync_state (fixture->store, "theme", id), ==, PD_SYNC_STATE_MODIFIED);
  g_clear_pointer (&op, pd_outbox_op_free);
  g_clear_pointer (&frozen, pd_outbox_op_free);
  op = only_op (fixture);
  frozen = pd_store_mark_inflight (fixture->store, op->op_id, &error);
  g_assert_cmpint (frozen->if_match, ==, 2);
  g_assert_cmpstr (frozen->payload, ==, "{\"name\":\"Unser\"}");
}

/* An edit that began before a pull landed (issue 14): where the pull
 * changed the same field to something else, the edit is a conflict;
 * an earlier unsent edit of that field, or a pull of another field, is
 * not. */
static void
test_save_edit_after_pull (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(PdTheme) theme = make_theme ("Alt");
  g_autofree char *id = g_strdup (pd_record_get_id (PD_RECORD (theme)));
  g_autoptr(JsonNode) started = NULL;
  g_autoptr(JsonNode) remote = NULL;
  g_autoptr(JsonArray) page = NULL;
  g_autoptr(PdTheme) edited = NULL;
  g_auto(GStrv) fields = NULL;
  g_autoptr(GError) error = NULL;

  save (fixture, theme);
  push_all (fixture, 1);

  /* An unsent edit of the name, then another one: no pull between. */
  pd_theme_set_name (theme, "Erst");
  save (fixture, theme);
  started = pd_store_dup_synced (fixture->store, "theme", id);
  g_assert_nonnull (started);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (started), "name"), ==, "Alt");
  pd_theme_set_name (theme, "Dann");
  g_assert_true (pd_store_save_edit (fixture->store, PD_RECORD (theme), started, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pd_store_get_sync_state (fixture->store, "theme", id), ==, PD_SYNC_STATE_MODIFIED);
  push_all (fixture, 2);
  g_clear_pointer (&started, json_node_unref);

  /* Typing begins; a pull brings a colleague's colour, then her name. */
  started = pd_store_dup_synced (fixture->store, "theme", id);
  remote = server_copy (PD_RECORD (theme), 3);
  json_object_set_string_member (json_object_get_object_member (json_node_get_object (remote), "colors"),
                                 "primary", "#112233");
  page = page_of (remote, "theme", id, 3);
  g_assert_true (pd_store_apply_remote_changes (fixture->store, "changes", page, "c3", &error));
  g_assert_no_error (error);
  edited = pd_store_get_theme (fixture->store, id);
  g_assert_cmpstr (pd_theme_get_primary_color (edited), ==, "#112233");
  pd_theme_set_corner_radius (edited, 4);
  g_assert_true (pd_store_save_edit (fixture->store, PD_RECORD (edited), started, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pd_store_get_sync_state (fixture->store, "theme", id), ==, PD_SYNC_STATE_MODIFIED);
  push_all (fixture, 4);
  g_clear_pointer (&started, json_node_unref);
  g_clear_object (&edited);
  g_clear_pointer (&page, json_array_unref);
  g_clear_pointer (&remote, json_node_unref);

  started = pd_store_dup_synced (fixture->store, "theme", id);
  edited = pd_store_get_theme (fixture->store, id);
  remote = server_copy (PD_RECORD (edited), 5);
  json_object_set_string_member (json_node_get_object (remote), "name", "Ihrer");
  page = page_of (remote, "theme", id, 5);
  g_assert_true (pd_store_apply_remote_changes (fixture->store, "changes", page, "c5", &error));
  g_assert_no_error (error);
  g_clear_object (&edited);
  edited = pd_store_get_theme (fixture->store, id);
  pd_theme_set_name (edited, "Meiner");
  g_assert_true (pd_store_save_edit (fixture->store, PD_RECORD (edited), started, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pd_store_get_sync_state (fixture->store, "theme", id), ==, PD_SYNC_STATE_CONFLICT);
  g_assert_true (pd_store_get_conflict (fixture->store, "theme", id, NULL, NULL, &fields));
  g_assert_cmpuint (g_strv_length (fields), ==, 1);
  g_assert_cmpstr (fields[0], ==, "name");
  {
    g_autoptr(GPtrArray) ready = pd_store_list_outbox (fixture->store, TRUE, NULL);

    g_assert_cmpuint (ready->len, ==, 0);
  }
}

/* --- Exact conflicts (issue 14) -------------------------------------------- */

/* A campaign in conflict on its name: here Ben renamed it (its web address
 * followed the name) and raised the budget; there it was renamed too, with
 * @platform_slug as its web address (NULL: left as it was), and moved to
 * another time zone. */
static PdCampaign *
campaign_in_conflict (Fixture    *fixture,
                      const char *platform_slug)
{
  PdCampaign *campaign = pd_campaign_new ();
  g_autoptr(PdOutboxOp) op = NULL;
  g_autoptr(PdOutboxOp) frozen = NULL;
  g_autoptr(JsonNode) current = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *object;

  pd_campaign_set_name (campaign, "Winter Appeal");
  pd_campaign_set_time_zone (campaign, "Europe/Berlin");
  pd_campaign_set_voucher_budget_coins (campaign, 1000);
  pd_campaign_text_set_title (pd_campaign_ensure_text (campaign, "de"), "Winterspende");
  save (fixture, campaign);
  push_all (fixture, 1);
  g_assert_cmpstr (pd_campaign_get_slug (campaign), ==, "winter-appeal");

  pd_campaign_set_name (campaign, "Winter Appeal (Ben)");
  pd_campaign_set_voucher_budget_coins (campaign, 2000);
  save (fixture, campaign);
  g_assert_cmpstr (pd_campaign_get_slug (campaign), ==, "winter-appeal-ben");
  op = only_op (fixture);
  frozen = pd_store_mark_inflight (fixture->store, op->op_id, &error);
  g_assert_no_error (error);

  current = server_copy (PD_RECORD (campaign), 2);
  object = json_node_get_object (current);
  json_object_set_string_member (object, "name", "Winter Appeal (Ada)");
  json_object_set_string_member (object, "slug", platform_slug != NULL ? platform_slug : "winter-appeal");
  json_object_set_int_member (object, "voucher_budget_coins", 1000);
  json_object_set_string_member (object, "time_zone", "Europe/Amsterdam");
  g_assert_true (pd_store_apply_push_conflict (fixture->store, op->op_id, 2, current, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pd_record_get_sync_state (PD_RECORD (campaign)), ==, PD_SYNC_STATE_CONFLICT);
  return campaign;
}

/* The conflict as the engine hands it to the dialog. */
static PdSyncConflict *
stored_conflict (Fixture    *fixture,
                 const char *id)
{
  g_autoptr(JsonNode) local = NULL;
  g_autoptr(JsonNode) remote = NULL;
  g_auto(GStrv) fields = NULL;

  g_assert_true (pd_store_get_conflict (fixture->store, "campaign", id, &local, &remote, &fields));
  return pd_sync_conflict_new ("campaign", id, local, remote, fields);
}

static void
assert_stored_fields (Fixture    *fixture,
                      const char *id,
                      const char *expected)
{
  g_auto(GStrv) fields = NULL;
  g_autofree char *joined = NULL;

  g_assert_true (pd_store_get_conflict (fixture->store, "campaign", id, NULL, NULL, &fields));
  joined = g_strjoinv (" ", fields);
  g_assert_cmpstr (joined, ==, expected);
}

static void
assert_offered (PdSyncConflict *conflict,
                const char     *expected)
{
  g_autofree char *joined = g_strjoinv (" ", (char **) pd_sync_conflict_get_fields (conflict));

  g_assert_cmpstr (joined, ==, expected);
}

static void
assert_payload (Fixture    *fixture,
                gint64      if_match,
                const char *expected)
{
  g_autoptr(PdOutboxOp) op = only_op (fixture);
  g_autoptr(PdOutboxOp) frozen = NULL;
  g_autoptr(JsonNode) payload = NULL;
  g_autoptr(JsonNode) wanted = json_from_string (expected, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (op->status, ==, PD_OUTBOX_STATUS_PENDING);
  frozen = pd_store_mark_inflight (fixture->store, op->op_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (frozen->if_match, ==, if_match);
  payload = json_from_string (frozen->payload, NULL);
  if (!pd_json_equal (payload, wanted))
    g_error ("sent %s, expected %s", frozen->payload, expected);
}

/* Local edits before and after the conflict are kept without asking,
 * the platform's change of another field is taken without asking, and
 * only the name (with the web address that follows it) is asked about,
 * however often the user saves meanwhile. */
static void
test_conflict_kept_through_edits (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(PdCampaign) campaign = campaign_in_conflict (fixture, "winter-appeal-ada");
  g_autofree char *id = g_strdup (pd_record_get_id (PD_RECORD (campaign)));
  g_autoptr(PdSyncConflict) conflict = NULL;
  g_autoptr(JsonNode) resolved = NULL;
  g_autoptr(PdCampaign) result = NULL;
  g_autoptr(GError) error = NULL;

  assert_stored_fields (fixture, id, "name slug");
  g_assert_cmpint (pd_campaign_get_voucher_budget_coins (campaign), ==, 2000);
  g_assert_cmpstr (pd_campaign_get_time_zone (campaign), ==, "Europe/Amsterdam");

  /* Saved twice while the conflict waits. */
  pd_campaign_set_coin_value_micros (campaign, 250000);
  save (fixture, campaign);
  pd_campaign_set_voucher_budget_coins (campaign, 2500);
  save (fixture, campaign);

  g_assert_cmpint (pd_store_get_sync_state (fixture->store, "campaign", id), ==, PD_SYNC_STATE_CONFLICT);
  assert_stored_fields (fixture, id, "name slug");
  {
    g_autoptr(PdOutboxOp) op = only_op (fixture);
    g_autoptr(GPtrArray) ready = pd_store_list_outbox (fixture->store, TRUE, NULL);

    g_assert_cmpint (op->status, ==, PD_OUTBOX_STATUS_CONFLICT);
    g_assert_cmpuint (ready->len, ==, 0);
  }

  /* The web address followed the name here: it is part of the name. */
  conflict = stored_conflict (fixture, id);
  assert_offered (conflict, "name");
  g_assert_false (pd_sync_conflict_is_decided (conflict));
  pd_sync_conflict_choose (conflict, "name", PD_CONFLICT_CHOICE_THEIRS);
  g_assert_true (pd_sync_conflict_is_decided (conflict));
  resolved = pd_sync_conflict_build_resolution (conflict);
  g_assert_true (pd_store_resolve_conflict (fixture->store, "campaign", id, resolved, &error));
  g_assert_no_error (error);

  result = pd_store_get_campaign (fixture->store, id);
  g_assert_cmpstr (pd_campaign_get_name (result), ==, "Winter Appeal (Ada)");
  g_assert_cmpstr (pd_campaign_get_slug (result), ==, "winter-appeal-ada");
  g_assert_cmpint (pd_campaign_get_voucher_budget_coins (result), ==, 2500);
  g_assert_cmpint (pd_campaign_get_coin_value_micros (result), ==, 250000);
  g_assert_cmpstr (pd_campaign_get_time_zone (result), ==, "Europe/Amsterdam");
  /* Only Ben's own changes go out, against the platform's version. */
  assert_payload (fixture, 2, "{\"voucher_budget_coins\": 2500, \"coin_value_micros\": 250000}");
}

/* A newer version from the platform that leaves the name alone does not
 * settle the name behind the user's back. */
static void
test_conflict_kept_through_pull (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(PdCampaign) campaign = campaign_in_conflict (fixture, "winter-appeal-ada");
  g_autofree char *id = g_strdup (pd_record_get_id (PD_RECORD (campaign)));
  g_autoptr(PdSyncConflict) conflict = NULL;
  g_autoptr(JsonNode) server = NULL;
  g_autoptr(JsonArray) page = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *object;

  server = server_copy (PD_RECORD (campaign), 3);
  object = json_node_get_object (server);
  json_object_set_string_member (object, "name", "Winter Appeal (Ada)");
  json_object_set_string_member (object, "slug", "winter-appeal-ada");
  json_object_set_int_member (object, "voucher_budget_coins", 1000);
  json_object_set_int_member (object, "coin_value_micros", 200000);
  page = page_of (server, "campaign", id, 3);
  g_assert_true (pd_store_apply_remote_changes (fixture->store, "changes", page, "c1", &error));
  g_assert_no_error (error);

  g_assert_cmpint (pd_store_get_sync_state (fixture->store, "campaign", id), ==, PD_SYNC_STATE_CONFLICT);
  assert_stored_fields (fixture, id, "name slug");
  g_assert_cmpstr (pd_campaign_get_name (campaign), ==, "Winter Appeal (Ben)");
  g_assert_cmpint (pd_campaign_get_voucher_budget_coins (campaign), ==, 2000);
  g_assert_cmpint (pd_campaign_get_coin_value_micros (campaign), ==, 200000);
  conflict = stored_conflict (fixture, id);
  assert_offered (conflict, "name");
  g_assert_cmpint (json_node_get_int (pd_sync_conflict_get_server_value (conflict, "coin_value_micros")), ==, 200000);
  {
    g_autoptr(GPtrArray) ready = pd_store_list_outbox (fixture->store, TRUE, NULL);

    g_assert_cmpuint (ready->len, ==, 0);
  }

  /* Kept mine: the name goes out against the newest version. */
  pd_sync_conflict_choose (conflict, "name", PD_CONFLICT_CHOICE_MINE);
  {
    g_autoptr(JsonNode) resolved = pd_sync_conflict_build_resolution (conflict);

    g_assert_true (pd_store_resolve_conflict (fixture->store, "campaign", id, resolved, &error));
    g_assert_no_error (error);
  }
  assert_payload (fixture, 3, "{\"name\": \"Winter Appeal (Ben)\", \"slug\": \"winter-appeal-ben\","
                              " \"voucher_budget_coins\": 2000}");
}

/* Renamed here to what the platform has: nothing is left to decide, and
 * the budget goes out as any edit would. */
static void
test_conflict_settled_here (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(PdCampaign) campaign = campaign_in_conflict (fixture, "winter-appeal-ada");
  g_autofree char *id = g_strdup (pd_record_get_id (PD_RECORD (campaign)));

  pd_campaign_set_name (campaign, "Winter Appeal (Ada)");
  save (fixture, campaign);
  g_assert_cmpstr (pd_campaign_get_slug (campaign), ==, "winter-appeal-ada");
  g_assert_cmpint (pd_store_get_sync_state (fixture->store, "campaign", id), ==, PD_SYNC_STATE_MODIFIED);
  g_assert_cmpint (pd_record_get_sync_state (PD_RECORD (campaign)), ==, PD_SYNC_STATE_MODIFIED);
  g_assert_false (pd_store_get_conflict (fixture->store, "campaign", id, NULL, NULL, NULL));
  assert_payload (fixture, 2, "{\"voucher_budget_coins\": 2000}");
}

/* The web address is its own field once the user typed it, and follows
 * the name's choice when the platform renamed without changing it. */
static void
test_conflict_slug (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(PdCampaign) campaign = campaign_in_conflict (fixture, NULL);
  g_autofree char *id = g_strdup (pd_record_get_id (PD_RECORD (campaign)));
  g_autoptr(PdSyncConflict) conflict = NULL;
  g_autoptr(JsonNode) resolved = NULL;
  JsonObject *object;

  /* Changed only here (with the name): not asked about... */
  assert_stored_fields (fixture, id, "name");
  conflict = stored_conflict (fixture, id);
  assert_offered (conflict, "name");
  /* ...but the platform's name comes with the platform's web address. */
  pd_sync_conflict_choose (conflict, "name", PD_CONFLICT_CHOICE_THEIRS);
  resolved = pd_sync_conflict_build_resolution (conflict);
  object = json_node_get_object (resolved);
  g_assert_cmpstr (json_object_get_string_member (object, "name"), ==, "Winter Appeal (Ada)");
  g_assert_cmpstr (json_object_get_string_member (object, "slug"), ==, "winter-appeal");
  g_assert_cmpint (json_object_get_int_member (object, "voucher_budget_coins"), ==, 2000);
  g_clear_pointer (&resolved, json_node_unref);
  pd_sync_conflict_choose (conflict, "name", PD_CONFLICT_CHOICE_MINE);
  resolved = pd_sync_conflict_build_resolution (conflict);
  object = json_node_get_object (resolved);
  g_assert_cmpstr (json_object_get_string_member (object, "slug"), ==, "winter-appeal-ben");
  g_clear_pointer (&resolved, json_node_unref);
  g_clear_object (&conflict);

  /* Typed by hand here: a choice of its own, and only when disputed. */
  pd_campaign_set_slug (campaign, "winter-2026");
  save (fixture, campaign);
  assert_stored_fields (fixture, id, "name");
  conflict = stored_conflict (fixture, id);
  assert_offered (conflict, "name");
  pd_sync_conflict_choose (conflict, "name", PD_CONFLICT_CHOICE_THEIRS);
  resolved = pd_sync_conflict_build_resolution (conflict);
  object = json_node_get_object (resolved);
  g_assert_cmpstr (json_object_get_string_member (object, "name"), ==, "Winter Appeal (Ada)");
  g_assert_cmpstr (json_object_get_string_member (object, "slug"), ==, "winter-2026");
}

/* Both renamed and both web addresses followed, but Ben's was typed by
 * hand afterwards: Name and Web address are two choices. */
static void
test_conflict_slug_by_hand (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(PdCampaign) campaign = campaign_in_conflict (fixture, "winter-appeal-ada");
  g_autofree char *id = g_strdup (pd_record_get_id (PD_RECORD (campaign)));
  g_autoptr(PdSyncConflict) conflict = NULL;
  g_autoptr(JsonNode) resolved = NULL;
  JsonObject *object;

  pd_campaign_set_slug (campaign, "winter-2026");
  save (fixture, campaign);
  assert_stored_fields (fixture, id, "name slug");
  conflict = stored_conflict (fixture, id);
  assert_offered (conflict, "name slug");
  pd_sync_conflict_choose (conflict, "name", PD_CONFLICT_CHOICE_THEIRS);
  g_assert_false (pd_sync_conflict_is_decided (conflict));
  pd_sync_conflict_choose (conflict, "slug", PD_CONFLICT_CHOICE_MINE);
  resolved = pd_sync_conflict_build_resolution (conflict);
  object = json_node_get_object (resolved);
  g_assert_cmpstr (json_object_get_string_member (object, "name"), ==, "Winter Appeal (Ada)");
  g_assert_cmpstr (json_object_get_string_member (object, "slug"), ==, "winter-2026");
}

static void
test_delete_against_edit (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(PdTheme) theme = make_theme ("Streit");
  g_autofree char *id = g_strdup (pd_record_get_id (PD_RECORD (theme)));
  g_autoptr(JsonArray) tombstone = NULL;
  g_autoptr(JsonNode) remote = NULL;
  g_autoptr(JsonNode) local = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PdOutboxOp) op = NULL;

  save (fixture, theme);
  push_all (fixture, 1);
  pd_theme_set_name (theme, "Streit, bearbeitet");
  save (fixture, theme);

  /* Deleted on the server while edited here: kept, in conflict. */
  tombstone = page_of (NULL, "theme", id, 2);
  g_assert_true (pd_store_apply_remote_changes (fixture->store, "changes", tombstone, "c1", &error));
  g_assert_no_error (error);
  g_assert_cmpint (pd_store_get_sync_state (fixture->store, "theme", id), ==, PD_SYNC_STATE_CONFLICT);
  g_assert_true (pd_store_get_conflict (fixture->store, "theme", id, &local, &remote, NULL));
  g_assert_null (remote);
  g_assert_cmpstr (pd_theme_get_name (theme), ==, "Streit, bearbeitet");

  /* Keeping it creates it anew. */
  g_assert_true (pd_store_resolve_conflict (fixture->store, "theme", id, local, &error));
  g_assert_no_error (error);
  op = only_op (fixture);
  g_assert_cmpint (op->verb, ==, PD_OUTBOX_VERB_CREATE);
  g_assert_cmpint (pd_store_get_sync_state (fixture->store, "theme", id), ==, PD_SYNC_STATE_CREATED);
}

static void
test_full_resync (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(PdTheme) kept = make_theme ("Bleibt");
  g_autoptr(PdTheme) gone = make_theme ("Weg auf dem Server");
  g_autoptr(PdTheme) edited = make_theme ("Hier bearbeitet");
  g_autoptr(PdTheme) fresh = make_theme ("Nie gesendet");
  g_autofree char *gone_id = g_strdup (pd_record_get_id (PD_RECORD (gone)));
  g_autofree char *edited_id = g_strdup (pd_record_get_id (PD_RECORD (edited)));
  g_autoptr(JsonNode) kept_json = NULL;
  g_autoptr(JsonArray) page = NULL;
  g_autoptr(GPtrArray) ops = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cursor = NULL;
  GListModel *themes = pd_store_get_themes (fixture->store);

  save (fixture, kept);
  save (fixture, gone);
  save (fixture, edited);
  push_all (fixture, 1);
  pd_theme_set_name (edited, "Hier bearbeitet, neu");
  save (fixture, edited);
  save (fixture, fresh);
  g_assert_cmpuint (g_list_model_get_n_items (themes), ==, 4);

  g_assert_false (pd_store_finish_full_resync (fixture->store, "changes", &error));
  g_assert_error (error, PD_STORE_ERROR, PD_STORE_ERROR_CONFLICT);
  g_clear_error (&error);

  /* 410: start over. The server (restored from a backup) only has one. */
  g_assert_true (pd_store_begin_full_resync (fixture->store, "changes", &error));
  g_assert_true (pd_store_is_resyncing (fixture->store, "changes"));
  g_assert_null (pd_store_get_cursor (fixture->store, "changes"));
  kept_json = server_copy (PD_RECORD (kept), 1);
  page = page_of (kept_json, "theme", pd_record_get_id (PD_RECORD (kept)), 1);
  g_assert_true (pd_store_apply_remote_changes (fixture->store, "changes", page, "c1", &error));
  g_assert_true (pd_store_finish_full_resync (fixture->store, "changes", &error));
  g_assert_no_error (error);
  g_assert_false (pd_store_is_resyncing (fixture->store, "changes"));
  cursor = pd_store_get_cursor (fixture->store, "changes");
  g_assert_cmpstr (cursor, ==, "c1");

  /* The synced one the server lost is gone here too… */
  g_assert_null (pd_store_get_theme (fixture->store, gone_id));
  g_assert_cmpuint (g_list_model_get_n_items (themes), ==, 3);
  /* …the edited one is kept and will be created again… */
  g_assert_cmpint (pd_store_get_sync_state (fixture->store, "theme", edited_id), ==, PD_SYNC_STATE_CREATED);
  g_assert_cmpstr (pd_theme_get_name (edited), ==, "Hier bearbeitet, neu");
  /* …and the one never sent is still on its way. */
  ops = outbox (fixture);
  g_assert_cmpuint (ops->len, ==, 2);
  for (guint i = 0; i < ops->len; i++)
    g_assert_cmpint (((PdOutboxOp *) g_ptr_array_index (ops, i))->verb, ==, PD_OUTBOX_VERB_CREATE);
}

static void
on_outbox_changed_cb (PdStore *store,
                      gpointer user_data)
{
  (*(guint *) user_data)++;
}

static void
test_outbox_signal (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(PdTheme) theme = make_theme ("Signal");
  guint count = 0;

  g_signal_connect (fixture->store, "outbox-changed", G_CALLBACK (on_outbox_changed_cb), &count);
  save (fixture, theme);
  g_assert_cmpuint (count, ==, 1);
  save (fixture, theme);
  g_assert_cmpuint (count, ==, 1);
  g_signal_handlers_disconnect_by_func (fixture->store, on_outbox_changed_cb, &count);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/store/sync/create-tracks", test_create_tracks);
  ADD ("/store/sync/edits-merge", test_edits_merge);
  ADD ("/store/sync/create-delete-cancel", test_create_delete_cancel);
  ADD ("/store/sync/push-cycle", test_push_cycle);
  ADD ("/store/sync/delete-after-sync", test_delete_after_sync);
  ADD ("/store/sync/edit-during-inflight-create", test_edit_during_inflight_create);
  ADD ("/store/sync/undo-delete-after-sync", test_undo_delete_after_sync);
  ADD ("/store/sync/retry-and-dead", test_retry_and_dead);
  ADD ("/store/sync/pull", test_pull);
  ADD ("/store/sync/pull-bad-page", test_pull_bad_page_keeps_cursor);
  ADD ("/store/sync/pull-leaves-commits-durable", test_pull_leaves_commits_durable);
  ADD ("/store/sync/checkpoint-when-idle", test_checkpoint_when_idle);
  ADD ("/store/sync/pull-merges", test_pull_merges_local_edits);
  ADD ("/store/sync/conflict-same-field", test_conflict_same_field);
  ADD ("/store/sync/save-edit-after-pull", test_save_edit_after_pull);
  ADD ("/store/sync/conflict-kept-through-edits", test_conflict_kept_through_edits);
  ADD ("/store/sync/conflict-kept-through-pull", test_conflict_kept_through_pull);
  ADD ("/store/sync/conflict-settled-here", test_conflict_settled_here);
  ADD ("/store/sync/conflict-slug", test_conflict_slug);
  ADD ("/store/sync/conflict-slug-by-hand", test_conflict_slug_by_hand);
  ADD ("/store/sync/delete-against-edit", test_delete_against_edit);
  ADD ("/store/sync/full-resync", test_full_resync);
  ADD ("/store/sync/outbox-signal", test_outbox_signal);
#undef ADD

  return g_test_run ();
}
