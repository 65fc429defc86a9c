/* pd-platform-records.c: campaigns, projects, themes and voucher batches
 *
 * All four are rows of one table: the record as the client sees it is kept
 * as JSON text, so a read is one indexed lookup and no serialisation. Every
 * change takes the next number of the tenant's change feed, and a delete
 * leaves a tombstone row for the feed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-platform-records"

#include "pd-platform.h"

#include <string.h>

static const struct
{
  const char *collection;
  const char *kind;
} collections[] = {
  { "campaigns", "campaign" },
  { "projects", "project" },
  { "themes", "theme" },
  { "voucher-batches", "voucher-batch" },
};

gboolean
pd_records_is_collection (const char *collection)
{
  return pd_records_kind (collection) != NULL;
}

const char *
pd_records_kind (const char *collection)
{
  for (guint i = 0; i < G_N_ELEMENTS (collections); i++)
    if (g_str_equal (collections[i].collection, collection))
      return collections[i].kind;
  return NULL;
}

/* Returns the live record's JSON, or NULL when there is none (or only a
 * tombstone). */
char *
pd_records_get_json (PdTenant   *tenant,
                     const char *kind,
                     const char *id,
                     gint64     *revision)
{
  sqlite3_stmt *stmt = pd_db_prepare (tenant->db,
                                      "SELECT revision, json FROM records "
                                      "WHERE kind = ? AND id = ? AND deleted = 0");
  char *json = NULL;

  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      if (revision != NULL)
        *revision = sqlite3_column_int64 (stmt, 0);
      json = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);
  return json;
}

static gint64
tombstone_revision (PdTenant   *tenant,
                    const char *kind,
                    const char *id)
{
  sqlite3_stmt *stmt = pd_db_prepare (tenant->db,
                                      "SELECT revision FROM records WHERE kind = ? AND id = ? AND deleted = 1");
  gint64 revision = 0;

  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    revision = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return revision;
}

/* Writes @fields as revision @revision of the record; returns its JSON. */
gboolean
pd_records_put (PdTenant    *tenant,
                const char  *kind,
                const char  *id,
                JsonObject  *fields,
                gint64       revision,
                char       **json_out)
{
  g_autoptr(JsonObject) record = json_object_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *now = pd_now_rfc3339 ();
  g_autofree char *json = NULL;
  g_autoptr(GList) members = json_object_get_members (fields);
  sqlite3_stmt *stmt;
  gboolean ok;

  json_object_set_string_member (record, "id", id);
  json_object_set_int_member (record, "revision", revision);
  json_object_set_string_member (record, "updated_at", now);
  for (GList *l = members; l != NULL; l = l->next)
    if (!json_object_has_member (record, l->data))
      json_object_set_member (record, l->data, json_node_copy (json_object_get_member (fields, l->data)));

  node = json_node_init_object (json_node_alloc (), record);
  json = pd_json_to_string (node);

  stmt = pd_db_prepare (tenant->db,
                        "INSERT OR REPLACE INTO records (kind, id, revision, seq, deleted, json) "
                        "VALUES (?, ?, ?, ?, 0, ?)");
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, revision);
  sqlite3_bind_int64 (stmt, 4, pd_tenant_next_seq (tenant));
  sqlite3_bind_text (stmt, 5, json, -1, SQLITE_STATIC);
  ok = sqlite3_step (stmt) == SQLITE_DONE;
  sqlite3_reset (stmt);

  if (json_out != NULL)
    *json_out = g_steal_pointer (&json);
  return ok;
}

/* Tombstones older than the feed's reach are no use to anyone. */
void
pd_records_purge_tombstones (PdPlatform *platform,
                             PdTenant   *tenant)
{
  sqlite3_stmt *stmt = pd_db_prepare (tenant->db, "DELETE FROM records WHERE deleted = 1 AND seq < ?");

  sqlite3_bind_int64 (stmt, 1, tenant->seq - platform->feed_retention);
  sqlite3_step (stmt);
  sqlite3_reset (stmt);
}

void
pd_records_handle_list (PdRequest  *req,
                        const char *collection)
{
  const char *kind = pd_records_kind (collection);
  const char *cursor = req->query ? g_hash_table_lookup (req->query, "cursor") : NULL;
  g_autofree char *after = NULL;
  g_autoptr(GString) out = g_string_sized_new (4096);
  g_autofree char *last_id = NULL;
  sqlite3_stmt *stmt;
  guint limit, count = 0;
  gboolean more = FALSE;

  if (!pd_parse_limit (req, &limit))
    return;
  if (cursor != NULL)
    {
      g_autofree char *decoded = pd_cursor_decode (cursor);

      if (decoded == NULL || !g_str_has_prefix (decoded, "L:") || !pd_is_uuid (decoded + 2))
        {
          pd_reply_problem (req, 400, "invalid-cursor", "This cursor was never issued.", NULL, NULL);
          return;
        }
      after = g_strdup (decoded + 2);
    }

  stmt = pd_db_prepare (req->tenant->db,
                        "SELECT id, json FROM records WHERE kind = ? AND deleted = 0 AND id > ? "
                        "ORDER BY id LIMIT ?");
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, after != NULL ? after : "", -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, limit + 1);

  g_string_append (out, "{\"items\":[");
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      if (count == limit ||
          (count > 0 && out->len + sqlite3_column_bytes (stmt, 1) > PD_PAGE_BYTES_MAX))
        {
          more = TRUE;
          break;
        }
      if (count > 0)
        g_string_append_c (out, ',');
      g_string_append (out, (const char *) sqlite3_column_text (stmt, 1));
      g_free (last_id);
      last_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      count++;
    }
  sqlite3_reset (stmt);

  if (more)
    {
      g_autofree char *raw = g_strconcat ("L:", last_id, NULL);
      g_autofree char *next = pd_cursor_encode (raw);

      g_string_append_printf (out, "],\"next_cursor\":\"%s\"}", next);
    }
  else
    {
      g_string_append (out, "],\"next_cursor\":null}");
    }
  pd_reply_take_json (req, 200, g_string_free (g_steal_pointer (&out), FALSE));
}

/* Whether If-Match names @revision; "*" names any. */
static gboolean
if_match_holds (PdRequest *req,
                gint64     revision)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (req->msg);
  const char *if_match = soup_message_headers_get_one (headers, "If-Match");
  g_auto(GStrv) tags = NULL;

  if (if_match == NULL)
    return TRUE;
  tags = g_strsplit (if_match, ",", -1);
  for (guint i = 0; tags[i] != NULL; i++)
    {
      char *tag = g_strstrip (tags[i]);
      char *end = NULL;
      gint64 value;

      if (g_str_equal (tag, "*"))
        return TRUE;
      if (g_str_has_prefix (tag, "W/"))
        tag += 2;
      if (*tag == '"')
        tag++;
      value = g_ascii_strtoll (tag, &end, 10);
      if (end != tag && (*end == '"' || *end == '\0') && value == revision)
        return TRUE;
    }
  return FALSE;
}

gboolean
pd_records_check_if_match (PdRequest  *req,
                           gint64      revision,
                           const char *current_json)
{
  if (if_match_holds (req, revision))
    return TRUE;
  pd_reply_problem (req, 412, "precondition-failed",
                    "Someone changed this record since you read it; `current` is how it is now.",
                    NULL, current_json);
  return FALSE;
}

/* A deep copy: json_node_copy shares objects and arrays. */
static JsonNode *
deep_copy (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *copy = json_object_new ();
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (object);
      JsonNode *result;

      for (GList *l = members; l != NULL; l = l->next)
        json_object_set_member (copy, l->data, deep_copy (json_object_get_member (object, l->data)));
      result = json_node_init_object (json_node_alloc (), copy);
      json_object_unref (copy);
      return result;
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *copy = json_array_new ();
      JsonArray *array = json_node_get_array (node);
      JsonNode *result;

      for (guint i = 0; i < json_array_get_length (array); i++)
        json_array_add_element (copy, deep_copy (json_array_get_element (array, i)));
      result = json_node_init_array (json_node_alloc (), copy);
      json_array_unref (copy);
      return result;
    }
  return json_node_copy (node);
}

/* RFC 7396 JSON merge patch; returns a new node. */
static JsonNode *
merge_patch (JsonNode *target,
             JsonNode *patch)
{
  JsonNode *result;
  JsonObject *object;
  JsonObject *changes;
  g_autoptr(GList) members = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (patch))
    return deep_copy (patch);

  if (target != NULL && JSON_NODE_HOLDS_OBJECT (target))
    {
      result = deep_copy (target);
    }
  else
    {
      JsonObject *empty = json_object_new ();

      result = json_node_init_object (json_node_alloc (), empty);
      json_object_unref (empty);
    }
  object = json_node_get_object (result);
  changes = json_node_get_object (patch);
  members = json_object_get_members (changes);
  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *value = json_object_get_member (changes, l->data);

      if (JSON_NODE_HOLDS_NULL (value))
        json_object_remove_member (object, l->data);
      else
        json_object_set_member (object, l->data,
                                merge_patch (json_object_get_member (object, l->data), value));
    }
  return result;
}

static gboolean
is_catalogue (const char *kind,
              JsonObject *record)
{
  return g_str_equal (kind, "project") &&
         g_strcmp0 (pd_json_string (record, "source"), "catalogue") == 0;
}

/* Writes the validated @fields and answers with the record. */
static void
save (PdRequest  *req,
      const char *kind,
      const char *id,
      JsonObject *input,
      JsonObject *previous,
      gint64      revision,
      guint       status)
{
  JsonArray *errors = json_array_new ();
  g_autoptr(JsonObject) fields = pd_validate_record (req->tenant, kind, id, input, errors);
  g_autofree char *json = NULL;

  if (previous == NULL && is_catalogue (kind, input))
    pd_field_error (errors, "source", "catalogue projects are made by the platform; use \"client\"");
  if (json_array_get_length (errors) > 0)
    {
      pd_reply_problem (req, 422, "validation-failed", "Some fields are not valid.", errors, NULL);
      return;
    }
  json_array_unref (errors);

  {
    g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), fields);
    g_autofree char *text = pd_json_to_string (node);

    if (strlen (text) > PD_RECORD_BYTES_MAX)
      {
        g_autofree char *detail = g_strdup_printf ("A record may hold at most %d KiB of JSON.",
                                                   PD_RECORD_BYTES_MAX / 1024);

        pd_reply_problem (req, 413, "payload-too-large", detail, NULL, NULL);
        return;
      }
  }

  /* Every printed voucher carries <donor page>/<slug>/redeem?code=…: once
   * vouchers are issued, a new slug would break them all. */
  if (previous != NULL && g_str_equal (kind, "campaign") &&
      g_strcmp0 (pd_json_string (previous, "slug"), pd_json_string (fields, "slug")) != 0 &&
      pd_campaigns_has_vouchers (req->tenant, id))
    {
      JsonArray *locked = json_array_new ();

      pd_field_error (locked, "slug", "is printed on this campaign's vouchers and cannot change");
      pd_reply_problem (req, 409, "slug-locked",
                        "This campaign has issued vouchers; their printed addresses carry its slug.",
                        locked, NULL);
      return;
    }

  /* the status of a campaign only changes through publish and unpublish */
  if (g_str_equal (kind, "campaign"))
    json_object_set_string_member (fields, "status",
                                   previous != NULL
                                   ? json_object_get_string_member_with_default (previous, "status", "draft")
                                   : "draft");

  pd_records_put (req->tenant, kind, id, fields, revision, &json);
  pd_reply_take_json (req, status, g_steal_pointer (&json));
  pd_reply_set_etag (req, revision);
}

void
pd_records_handle_item (PdRequest  *req,
                        const char *collection,
                        const char *id)
{
  const char *kind = pd_records_kind (collection);
  gint64 revision = 0;
  g_autofree char *current = pd_records_get_json (req->tenant, kind, id, &revision);
  g_autoptr(JsonNode) current_node = NULL;
  g_autoptr(JsonNode) merged = NULL;

  g_assert (kind != NULL);
  if (g_str_equal (req->method, "PUT"))
    {
      if (current != NULL)
        {
          pd_reply_problem (req, 412, "precondition-failed",
                            "A record with this id exists; `current` is how it is now.", NULL, current);
          return;
        }
      save (req, kind, id, json_node_get_object (req->json), NULL,
            tombstone_revision (req->tenant, kind, id) + 1, 201);
      return;
    }

  if (current == NULL)
    {
      pd_reply_problem (req, 404, "not-found", "There is no such record in this tenant.", NULL, NULL);
      return;
    }

  if (g_str_equal (req->method, "GET") || g_str_equal (req->method, "HEAD"))
    {
      pd_reply_take_json (req, 200, g_steal_pointer (&current));
      pd_reply_set_etag (req, revision);
      return;
    }

  current_node = pd_json_from_string (current);
  if (is_catalogue (kind, json_node_get_object (current_node)))
    {
      pd_reply_problem (req, 403, "forbidden", "Catalogue projects are read-only.", NULL, NULL);
      return;
    }
  if (!pd_records_check_if_match (req, revision, current))
    return;

  if (g_str_equal (req->method, "PATCH"))
    {
      merged = merge_patch (current_node, req->json);
      save (req, kind, id, json_node_get_object (merged), json_node_get_object (current_node),
            revision + 1, 200);
      return;
    }

  /* DELETE */
  {
    sqlite3_stmt *stmt = pd_db_prepare (req->tenant->db,
                                        "UPDATE records SET deleted = 1, json = NULL, revision = ?, seq = ? "
                                        "WHERE kind = ? AND id = ?");

    pd_db_begin (req->tenant->db);
    sqlite3_bind_int64 (stmt, 1, revision + 1);
    sqlite3_bind_int64 (stmt, 2, pd_tenant_next_seq (req->tenant));
    sqlite3_bind_text (stmt, 3, kind, -1, SQLITE_STATIC);
    sqlite3_bind_text (stmt, 4, id, -1, SQLITE_STATIC);
    sqlite3_step (stmt);
    sqlite3_reset (stmt);
    if (g_str_equal (kind, "voucher-batch"))
      pd_vouchers_delete_batch (req->tenant, id);
    pd_records_purge_tombstones (req->platform, req->tenant);
    pd_db_commit (req->tenant->db);
    pd_reply_empty (req, 204);
  }
}
