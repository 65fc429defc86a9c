/* pd-platform-admin.c: what tests may do behind the API's back
 *
 * Only with --admin. Switch faults at run time, create tenants with a user
 * and an API token, add a second user to a tenant, redeem a voucher as a
 * donor would, and expire all feed cursors of a tenant as a restore would.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-platform-admin"

#include "pd-platform.h"

static JsonObject *
read_json (PdRequest *req)
{
  SoupMessageBody *body = soup_server_message_get_request_body (req->msg);
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();

  req->body = soup_message_body_flatten (body);
  if (pd_json_too_deep (g_bytes_get_data (req->body, NULL), g_bytes_get_size (req->body), PD_JSON_MAX_DEPTH) ||
      !json_parser_load_from_data (parser, g_bytes_get_data (req->body, NULL), g_bytes_get_size (req->body), NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      pd_reply_problem (req, 400, "invalid-json", NULL, NULL, NULL);
      return NULL;
    }
  req->json = json_parser_steal_root (parser);
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
    }
  node = pd_faults_to_json (platform);
  pd_reply_node (req, 200, node);
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
  g_autoptr(JsonNode) node = NULL;
  const char *name, *email, *password;
  JsonObject *answer, *user;
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

  answer = json_object_new ();
  json_object_set_member (answer, "tenant", pd_tenant_to_json (tenant));
  user = json_object_new ();
  json_object_set_string_member (user, "id", user_id);
  json_object_set_string_member (user, "email", email);
  json_object_set_object_member (answer, "user", user);
  json_object_set_string_member (answer, "api_token", api_token);
  node = json_node_init_object (json_node_alloc (), answer);
  json_object_unref (answer);
  pd_reply_node (req, 201, node);
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

/* A second manager in the same tenant, for tests of concurrent edits. */
static void
handle_users (PdRequest *req)
{
  JsonObject *object = read_json (req);
  g_autofree char *user_id = pd_uuid_new (NULL);
  g_autofree char *api_token = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  const char *tenant_id, *email, *password;
  JsonObject *answer, *user;

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

  answer = json_object_new ();
  user = json_object_new ();
  json_object_set_string_member (user, "id", user_id);
  json_object_set_string_member (user, "email", email);
  json_object_set_object_member (answer, "user", user);
  json_object_set_string_member (answer, "api_token", api_token);
  node = json_node_init_object (json_node_alloc (), answer);
  json_object_unref (answer);
  pd_reply_node (req, 201, node);
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
  else if (g_str_equal (req->path, "/_admin/users") && g_str_equal (req->method, "POST"))
    handle_users (req);
  else if (g_str_equal (req->path, "/_admin/restore") && g_str_equal (req->method, "POST"))
    handle_restore (req);
  else
    pd_reply_problem (req, 404, "not-found", NULL, NULL, NULL);
}
