/* pd-platform-admin.c: what tests may do behind the API's back
 *
 * Only with --admin. Switch faults at run time, create tenants with a user
 * and an API token, add a second user to a tenant, redeem a voucher as a
 * donor would, expire vouchers, list a batch's stored codes, and expire
 * all feed cursors of a tenant as a restore would.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-platform-admin"

#include "pd-platform.h"

static JsonObject *
read_json (PdRequest *req)
{
  SoupMessageBody *body = soup_server_message_get_request_body (req->msg);

  req->body = soup_message_body_flatten (body);
  req->json = pd_json_parse_object (g_bytes_get_data (req->body, NULL), g_bytes_get_size (req->body), NULL);
  if (req->json == NULL)
    {
      pd_reply_problem (req, 400, "invalid-json", NULL, NULL, NULL);
      return NULL;
    }
  return json_node_get_object (req->json);
}

static void
handle_faults (PdRequest *req)
{
  PdPlatform *platform = req->platform;
  g_autoptr(JsonNode) node = NULL;

  if (g_str_equal (req->method, "POST"))
    {
      JsonObject *object = read_json (req);

      if (object == NULL)
        return;
      pd_faults_update_from_json (&platform->faults, object);
      platform->feed_retention = pd_json_int (object, "feed_retention", platform->feed_retention);
      /* Simulated donors per second: 0 holds the results still. */
      platform->donor_rate = MAX (pd_json_int (object, "donor_rate", (gint64) platform->donor_rate), 0);
    }
  node = pd_faults_to_json (platform);
  pd_reply_node (req, 200, node);
}

/* 201 with the user just made and their API token, and @tenant when it
 * was made with them. */
static void
reply_user_made (PdRequest  *req,
                 PdTenant   *tenant,
                 const char *user_id,
                 const char *email,
                 const char *api_token)
{
  JsonObject *answer = json_object_new ();
  JsonObject *user = json_object_new ();
  g_autoptr(JsonNode) node = NULL;

  if (tenant != NULL)
    json_object_set_member (answer, "tenant", pd_tenant_to_json (tenant));
  json_object_set_string_member (user, "id", user_id);
  json_object_set_string_member (user, "email", email);
  json_object_set_object_member (answer, "user", user);
  json_object_set_string_member (answer, "api_token", api_token);
  node = json_node_init_object (json_node_alloc (), answer);
  json_object_unref (answer);
  pd_reply_node (req, 201, node);
}

static void
handle_tenants (PdRequest *req)
{
  PdPlatform *platform = req->platform;
  JsonObject *object = read_json (req);
  g_autofree char *tenant_id = NULL;
  g_autofree char *user_id = pd_uuid_new (NULL);
  g_autofree char *api_token = NULL;
  g_autoptr(GError) error = NULL;
  const char *name, *email, *password;
  PdTenant *tenant;

  if (object == NULL)
    return;
  name = pd_json_string (object, "name");
  email = pd_json_string (object, "email");
  password = pd_json_string (object, "password");
  tenant_id = pd_is_uuid (pd_json_string (object, "id")) ? g_strdup (pd_json_string (object, "id")) : pd_uuid_new (NULL);
  if (name == NULL || email == NULL || password == NULL)
    {
      pd_reply_problem (req, 422, "validation-failed", "Give name, email and password.", NULL, NULL);
      return;
    }

  tenant = pd_tenants_create (platform, tenant_id, name, &error);
  if (tenant == NULL ||
      !pd_tenants_add_user (platform, tenant_id, user_id, email,
                            pd_json_string (object, "user_name") ? pd_json_string (object, "user_name") : email,
                            password, &error))
    {
      pd_reply_problem (req, 422, "validation-failed", error->message, NULL, NULL);
      return;
    }
  api_token = pd_tenants_add_api_token (platform, tenant_id, user_id);

  reply_user_made (req, tenant, user_id, email, api_token);
}

static void
handle_redeem (PdRequest *req)
{
  JsonObject *object = read_json (req);
  g_autoptr(JsonNode) result = NULL;
  g_autoptr(GError) error = NULL;
  PdTenant *tenant;
  const char *code;

  if (object == NULL)
    return;
  tenant = pd_tenants_lookup (req->platform, pd_json_string (object, "tenant_id") ? pd_json_string (object, "tenant_id") : "");
  code = pd_json_string (object, "code");
  if (tenant == NULL || code == NULL)
    {
      pd_reply_problem (req, 404, "not-found", "Give tenant_id and code.", NULL, NULL);
      return;
    }

  pd_db_begin (tenant->db);
  if (!pd_vouchers_redeem (req->platform, tenant, code, pd_json_string (object, "project_id"), &result, &error))
    pd_reply_problem (req, g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) ? 404 : 422,
                      "validation-failed", error->message, NULL, NULL);
  else
    pd_reply_node (req, 200, result);
  pd_db_commit (tenant->db);
}

/* Expires the listed codes ({"tenant_id", "codes": [...]}); answers how
 * many were issued and now are expired. */
static void
handle_expire (PdRequest *req)
{
  JsonObject *object = read_json (req);
  g_autoptr(JsonNode) node = NULL;
  JsonObject *answer;
  JsonArray *codes;
  PdTenant *tenant;
  gint64 expired = 0;

  if (object == NULL)
    return;
  tenant = pd_tenants_lookup (req->platform, pd_json_string (object, "tenant_id") ? pd_json_string (object, "tenant_id") : "");
  codes = json_object_has_member (object, "codes") && JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "codes"))
          ? json_object_get_array_member (object, "codes") : NULL;
  if (tenant == NULL || codes == NULL)
    {
      pd_reply_problem (req, 404, "not-found", "Give tenant_id and codes.", NULL, NULL);
      return;
    }

  pd_db_begin (tenant->db);
  for (guint i = 0; i < json_array_get_length (codes); i++)
    {
      const char *code = json_node_get_value_type (json_array_get_element (codes, i)) == G_TYPE_STRING
                         ? json_array_get_string_element (codes, i) : NULL;

      if (code != NULL && pd_vouchers_expire (tenant, code))
        expired++;
    }
  pd_db_commit (tenant->db);

  answer = json_object_new ();
  json_object_set_int_member (answer, "expired", expired);
  node = json_node_init_object (json_node_alloc (), answer);
  json_object_unref (answer);
  pd_reply_node (req, 200, node);
}

/* Every code of a batch as stored, in code order, each with its chunk and
 * status (?tenant_id=…&batch_id=…), for tests that count what arrived. */
static void
handle_vouchers (PdRequest *req)
{
  const char *tenant_id = req->query ? g_hash_table_lookup (req->query, "tenant_id") : NULL;
  const char *batch_id = req->query ? g_hash_table_lookup (req->query, "batch_id") : NULL;
  PdTenant *tenant = pd_tenants_lookup (req->platform, tenant_id ? tenant_id : "");
  g_autoptr(JsonNode) node = NULL;
  JsonObject *answer;
  JsonArray *codes;
  sqlite3_stmt *stmt;

  if (tenant == NULL || batch_id == NULL)
    {
      pd_reply_problem (req, 404, "not-found", "Give tenant_id and batch_id.", NULL, NULL);
      return;
    }

  codes = json_array_new ();
  stmt = pd_db_prepare (tenant->db, "SELECT code, chunk, status FROM vouchers WHERE batch_id = ? ORDER BY code");
  sqlite3_bind_text (stmt, 1, batch_id, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      JsonObject *code = json_object_new ();

      json_object_set_string_member (code, "code", (const char *) sqlite3_column_text (stmt, 0));
      json_object_set_int_member (code, "chunk", sqlite3_column_int64 (stmt, 1));
      json_object_set_string_member (code, "status", (const char *) sqlite3_column_text (stmt, 2));
      json_array_add_object_element (codes, code);
    }
  sqlite3_reset (stmt);

  answer = json_object_new ();
  json_object_set_array_member (answer, "codes", codes);
  node = json_node_init_object (json_node_alloc (), answer);
  json_object_unref (answer);
  pd_reply_node (req, 200, node);
}

/* A second manager in the same tenant, for tests of concurrent edits. */
static void
handle_users (PdRequest *req)
{
  JsonObject *object = read_json (req);
  g_autofree char *user_id = pd_uuid_new (NULL);
  g_autofree char *api_token = NULL;
  g_autoptr(GError) error = NULL;
  const char *tenant_id, *email, *password;

  if (object == NULL)
    return;
  tenant_id = pd_json_string (object, "tenant_id");
  email = pd_json_string (object, "email");
  password = pd_json_string (object, "password");
  if (tenant_id == NULL || pd_tenants_lookup (req->platform, tenant_id) == NULL)
    {
      pd_reply_problem (req, 404, "not-found", "No such tenant.", NULL, NULL);
      return;
    }
  if (email == NULL || password == NULL ||
      !pd_tenants_add_user (req->platform, tenant_id, user_id, email,
                            pd_json_string (object, "user_name") ? pd_json_string (object, "user_name") : email,
                            password, &error))
    {
      pd_reply_problem (req, 422, "validation-failed", error ? error->message : "Give email and password.", NULL, NULL);
      return;
    }
  api_token = pd_tenants_add_api_token (req->platform, tenant_id, user_id);

  reply_user_made (req, NULL, user_id, email, api_token);
}

/* As if the tenant were restored from a backup: every change-feed cursor
 * handed out so far expires (410), the data stays. */
static void
handle_restore (PdRequest *req)
{
  JsonObject *object = read_json (req);
  PdTenant *tenant;
  sqlite3_stmt *stmt;

  if (object == NULL)
    return;
  tenant = pd_tenants_lookup (req->platform, pd_json_string (object, "tenant_id") ? pd_json_string (object, "tenant_id") : "");
  if (tenant == NULL)
    {
      pd_reply_problem (req, 404, "not-found", "No such tenant.", NULL, NULL);
      return;
    }
  g_free (tenant->generation);
  tenant->generation = pd_uuid_new (NULL);
  stmt = pd_db_prepare (req->platform->registry, "UPDATE tenants SET generation = ? WHERE id = ?");
  sqlite3_bind_text (stmt, 1, tenant->generation, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, tenant->id, -1, SQLITE_STATIC);
  sqlite3_step (stmt);
  sqlite3_reset (stmt);
  pd_reply_empty (req, 204);
}

void
pd_admin_handle (PdRequest *req)
{
  if (g_str_equal (req->path, "/_admin/faults"))
    handle_faults (req);
  else if (g_str_equal (req->path, "/_admin/tenants") && g_str_equal (req->method, "POST"))
    handle_tenants (req);
  else if (g_str_equal (req->path, "/_admin/redeem") && g_str_equal (req->method, "POST"))
    handle_redeem (req);
  else if (g_str_equal (req->path, "/_admin/expire") && g_str_equal (req->method, "POST"))
    handle_expire (req);
  else if (g_str_equal (req->path, "/_admin/vouchers") && g_str_equal (req->method, "GET"))
    handle_vouchers (req);
  else if (g_str_equal (req->path, "/_admin/users") && g_str_equal (req->method, "POST"))
    handle_users (req);
  else if (g_str_equal (req->path, "/_admin/restore") && g_str_equal (req->method, "POST"))
    handle_restore (req);
  else
    pd_reply_problem (req, 404, "not-found", NULL, NULL, NULL);
}
