/* pd-platform-tenants.c: the registry of tenants and users, and the
 * per-tenant databases
 *
 * The registry (registry.db) knows tenants, users, API tokens and sessions.
 * Each tenant's records live in their own file, tenants/<id>/tenant.db, so
 * no query can ever reach another tenant's data: the handle a request uses
 * is picked from the token, never from the request.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-platform-tenants"

#include "pd-platform.h"

#include <glib/gstdio.h>
#include <string.h>

static const char registry_schema[] =
  "CREATE TABLE IF NOT EXISTS tenants ("
  "  id TEXT PRIMARY KEY, name TEXT NOT NULL, generation TEXT NOT NULL,"
  "  created_at TEXT NOT NULL);"
  "CREATE TABLE IF NOT EXISTS users ("
  "  id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL REFERENCES tenants (id),"
  "  email TEXT NOT NULL UNIQUE COLLATE NOCASE, name TEXT NOT NULL,"
  "  salt TEXT NOT NULL, iterations INTEGER NOT NULL, password_hash TEXT NOT NULL,"
  "  algorithm TEXT NOT NULL DEFAULT 'pbkdf2-sha256');"
  "CREATE TABLE IF NOT EXISTS api_tokens ("
  "  token_hash TEXT PRIMARY KEY, tenant_id TEXT NOT NULL, user_id TEXT NOT NULL);"
  "CREATE TABLE IF NOT EXISTS sessions ("
  "  token_hash TEXT PRIMARY KEY, tenant_id TEXT NOT NULL, user_id TEXT NOT NULL,"
  "  created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL);";

static const char tenant_schema[] =
  "CREATE TABLE IF NOT EXISTS records ("
  "  kind TEXT NOT NULL, id TEXT NOT NULL, revision INTEGER NOT NULL,"
  "  seq INTEGER NOT NULL, deleted INTEGER NOT NULL DEFAULT 0, json TEXT,"
  "  PRIMARY KEY (kind, id)) WITHOUT ROWID;"
  "CREATE INDEX IF NOT EXISTS records_seq ON records (seq);"
  "CREATE TABLE IF NOT EXISTS vouchers ("
  "  code TEXT PRIMARY KEY, batch_id TEXT NOT NULL, chunk INTEGER NOT NULL,"
  "  status TEXT NOT NULL DEFAULT 'issued', redeemed_at TEXT, project_id TEXT,"
  "  coins INTEGER NOT NULL DEFAULT 0, seq INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;"
  "CREATE INDEX IF NOT EXISTS vouchers_batch ON vouchers (batch_id, status, code);"
  "CREATE INDEX IF NOT EXISTS vouchers_seq ON vouchers (seq) WHERE seq > 0;"
  "CREATE TABLE IF NOT EXISTS assets ("
  "  sha256 TEXT PRIMARY KEY, content_type TEXT NOT NULL, size INTEGER NOT NULL);"
  "CREATE TABLE IF NOT EXISTS idempotency ("
  "  key TEXT PRIMARY KEY, request_hash TEXT NOT NULL, status INTEGER NOT NULL,"
  "  content_type TEXT, etag TEXT, body BLOB, created_at INTEGER NOT NULL);";

gboolean
pd_tenants_open_registry (PdPlatform  *platform,
                          GError     **error)
{
  g_autofree char *path = g_build_filename (platform->data_dir, "registry.db", NULL);

  if (g_mkdir_with_parents (platform->data_dir, 0700) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Cannot create %s", platform->data_dir);
      return FALSE;
    }

  platform->registry = pd_db_open (path, error);
  if (platform->registry == NULL || !pd_db_exec (platform->registry, registry_schema, error))
    return FALSE;
  /* registries from before each user's hash named its algorithm: all of
   * them were PBKDF2-HMAC-SHA256 (at 20,000 iterations, kept per row) */
  if (pd_db_query_int (platform->registry,
                       "SELECT COUNT(*) FROM pragma_table_info ('users') WHERE name = 'algorithm'", NULL) == 0 &&
      !pd_db_exec (platform->registry,
                   "ALTER TABLE users ADD COLUMN algorithm TEXT NOT NULL DEFAULT 'pbkdf2-sha256'", error))
    return FALSE;

  /* sessions that can no longer be used need not be kept */
  {
    sqlite3_stmt *stmt = pd_db_prepare (platform->registry, "DELETE FROM sessions WHERE expires_at < ?");

    sqlite3_bind_int64 (stmt, 1, pd_platform_now_unix ());
    sqlite3_step (stmt);
    sqlite3_reset (stmt);
  }
  return TRUE;
}

void
pd_tenant_free (PdTenant *tenant)
{
  g_free (tenant->id);
  g_free (tenant->name);
  g_free (tenant->dir);
  g_free (tenant->generation);
  pd_db_free (tenant->db);
  g_free (tenant);
}

static PdTenant *
open_tenant (PdPlatform *platform,
             const char *id,
             const char *name,
             const char *generation,
             GError    **error)
{
  PdTenant *tenant = g_new0 (PdTenant, 1);
  g_autofree char *path = NULL;
  g_autofree char *assets = NULL;

  tenant->id = g_strdup (id);
  tenant->name = g_strdup (name);
  tenant->generation = g_strdup (generation);
  tenant->dir = g_build_filename (platform->data_dir, "tenants", id, NULL);
  assets = g_build_filename (tenant->dir, "assets", NULL);
  g_mkdir_with_parents (assets, 0700);

  path = g_build_filename (tenant->dir, "tenant.db", NULL);
  tenant->db = pd_db_open (path, error);
  if (tenant->db == NULL || !pd_db_exec (tenant->db, tenant_schema, error))
    {
      pd_tenant_free (tenant);
      return NULL;
    }

  tenant->seq = MAX (pd_db_query_int (tenant->db, "SELECT IFNULL(MAX(seq), 0) FROM records", NULL),
                     pd_db_query_int (tenant->db, "SELECT IFNULL(MAX(seq), 0) FROM vouchers", NULL));
  pd_idempotency_expire (tenant);
  g_hash_table_insert (platform->tenants, tenant->id, tenant);
  return tenant;
}

/* Tenants open lazily and stay open: one handle per tenant for the life of
 * the server. */
PdTenant *
pd_tenants_lookup (PdPlatform *platform,
                   const char *tenant_id)
{
  PdTenant *tenant = g_hash_table_lookup (platform->tenants, tenant_id);
  sqlite3_stmt *stmt;
  g_autoptr(GError) error = NULL;

  if (tenant != NULL)
    return tenant;

  stmt = pd_db_prepare (platform->registry, "SELECT name, generation FROM tenants WHERE id = ?");
  sqlite3_bind_text (stmt, 1, tenant_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      g_autofree char *generation = g_strdup ((const char *) sqlite3_column_text (stmt, 1));

      sqlite3_reset (stmt);
      tenant = open_tenant (platform, tenant_id, name, generation, &error);
      if (tenant == NULL)
        g_printerr ("particulate-platform: %s\n", error->message);
    }
  sqlite3_reset (stmt);
  return tenant;
}

PdTenant *
pd_tenants_create (PdPlatform  *platform,
                   const char  *tenant_id,
                   const char  *name,
                   GError     **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *generation = pd_uuid_new (NULL);
  g_autofree char *now = pd_now_rfc3339 ();

  stmt = pd_db_prepare (platform->registry,
                        "INSERT INTO tenants (id, name, generation, created_at) VALUES (?, ?, ?, ?)");
  sqlite3_bind_text (stmt, 1, tenant_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, generation, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, now, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, "Tenant %s exists", tenant_id);
      sqlite3_reset (stmt);
      return NULL;
    }
  sqlite3_reset (stmt);
  return open_tenant (platform, tenant_id, name, generation, error);
}

gboolean
pd_tenants_add_user (PdPlatform  *platform,
                     const char  *tenant_id,
                     const char  *user_id,
                     const char  *email,
                     const char  *name,
                     const char  *password,
                     GError     **error)
{
  g_autofree char *salt_hex = pd_auth_new_salt ();
  guint iterations = pd_auth_iterations (platform);
  g_autofree char *hash = pd_auth_hash_password (password, salt_hex, iterations);
  sqlite3_stmt *stmt;
  gboolean ok;

  stmt = pd_db_prepare (platform->registry,
                        "INSERT INTO users (id, tenant_id, email, name, salt, iterations, password_hash, algorithm) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, 'pbkdf2-sha256')");
  sqlite3_bind_text (stmt, 1, user_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, tenant_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, email, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, salt_hex, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 6, iterations);
  sqlite3_bind_text (stmt, 7, hash, -1, SQLITE_TRANSIENT);
  ok = sqlite3_step (stmt) == SQLITE_DONE;
  sqlite3_reset (stmt);
  if (!ok)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, "User %s exists", email);
  return ok;
}

/* Returns the token itself; only its hash is kept. */
char *
pd_tenants_add_api_token (PdPlatform *platform,
                          const char *tenant_id,
                          const char *user_id)
{
  guint8 raw[32];
  g_autofree char *encoded = NULL;
  g_autofree char *hash = NULL;
  char *token;
  sqlite3_stmt *stmt;

  pd_random_bytes (raw, sizeof raw);
  encoded = g_base64_encode (raw, sizeof raw);
  g_strdelimit (encoded, "+/=", 'x');
  token = g_strconcat ("pat_", encoded, NULL);
  hash = pd_sha256_hex (token, strlen (token));

  stmt = pd_db_prepare (platform->registry,
                        "INSERT INTO api_tokens (token_hash, tenant_id, user_id) VALUES (?, ?, ?)");
  sqlite3_bind_text (stmt, 1, hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, tenant_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, user_id, -1, SQLITE_TRANSIENT);
  sqlite3_step (stmt);
  sqlite3_reset (stmt);
  return token;
}

gint64
pd_tenant_next_seq (PdTenant *tenant)
{
  return ++tenant->seq;
}

JsonNode *
pd_tenant_to_json (PdTenant *tenant)
{
  JsonObject *object = json_object_new ();

  g_autofree char *donor_pages = g_strconcat (PD_DONOR_PAGE_BASE, tenant->id, "/", NULL);

  json_object_set_string_member (object, "id", tenant->id);
  json_object_set_string_member (object, "name", tenant->name);
  json_object_set_string_member (object, "donor_page_url", donor_pages);
  return json_node_init_object (json_node_alloc (), object);
}
