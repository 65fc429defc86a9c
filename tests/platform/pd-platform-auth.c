/* pd-platform-auth.c: passwords, bearer tokens and the session resource
 *
 * Passwords are kept as PBKDF2-HMAC-SHA256 with a random salt; bearer and API
 * tokens are random and only their SHA-256 is stored, so a copy of the
 * registry lets nobody sign in.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-platform-auth"

#include "pd-platform.h"

#include <string.h>

/* PBKDF2 (RFC 8018) with one block: 32 bytes are all SHA-256 gives. */
char *
pd_auth_hash_password (const char *password,
                       const char *salt_hex,
                       guint       iterations)
{
  g_autoptr(GHmac) base = g_hmac_new (G_CHECKSUM_SHA256, (const guchar *) password, strlen (password));
  g_autoptr(GHmac) first = g_hmac_copy (base);
  static const guint8 block_index[4] = { 0, 0, 0, 1 };
  guint8 u[32], t[32];
  gsize len = sizeof u;
  GString *hex = g_string_sized_new (64);

  g_hmac_update (first, (const guchar *) salt_hex, strlen (salt_hex));
  g_hmac_update (first, block_index, sizeof block_index);
  g_hmac_get_digest (first, u, &len);
  memcpy (t, u, sizeof t);

  for (guint i = 1; i < iterations; i++)
    {
      g_autoptr(GHmac) round = g_hmac_copy (base);

      g_hmac_update (round, u, sizeof u);
      len = sizeof u;
      g_hmac_get_digest (round, u, &len);
      for (guint j = 0; j < sizeof t; j++)
        t[j] ^= u[j];
    }

  for (guint j = 0; j < sizeof t; j++)
    g_string_append_printf (hex, "%02x", t[j]);
  return g_string_free (hex, FALSE);
}

void
pd_session_free (PdSession *session)
{
  g_free (session->tenant_id);
  g_free (session->user_id);
  g_free (session);
}

/* Compares without an early exit, so timing does not leak the hash. */
static gboolean
constant_time_equal (const char *a,
                     const char *b)
{
  gsize la = strlen (a), lb = strlen (b);
  guint8 diff = la != lb;

  for (gsize i = 0; i < MIN (la, lb); i++)
    diff |= a[i] ^ b[i];
  return diff == 0;
}

static void
reply_unauthorized (PdRequest  *req,
                    const char *detail,
                    gboolean    token_sent)
{
  pd_reply_problem (req, 401, "unauthorized", detail, NULL, NULL);
  g_free (req->www_authenticate);
  req->www_authenticate = g_strdup (token_sent
                                    ? "Bearer realm=\"particulate\", error=\"invalid_token\""
                                    : "Bearer realm=\"particulate\"");
}

gboolean
pd_auth_authenticate (PdRequest *req)
{
  PdPlatform *platform = req->platform;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (req->msg);
  const char *authorization = soup_message_headers_get_one (headers, "Authorization");
  const char *token;
  sqlite3_stmt *stmt;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gboolean valid = FALSE;
  g_autofree char *tenant_id = NULL;
  PdSession *session;

  if (authorization == NULL)
    {
      reply_unauthorized (req, "Sign in first: this request needs a bearer token.", FALSE);
      return FALSE;
    }
  if (g_ascii_strncasecmp (authorization, "Bearer ", 7) != 0)
    {
      reply_unauthorized (req, "Only bearer tokens are accepted.", TRUE);
      return FALSE;
    }
  token = authorization + 7;
  while (*token == ' ')
    token++;

  req->token_hash = pd_sha256_hex (token, strlen (token));
  session = g_hash_table_lookup (platform->sessions, req->token_hash);
  if (session == NULL)
    {
      stmt = pd_db_prepare (platform->registry,
                            "SELECT tenant_id, user_id, created_at, expires_at FROM sessions WHERE token_hash = ?");
      sqlite3_bind_text (stmt, 1, req->token_hash, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          session = g_new0 (PdSession, 1);
          session->tenant_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
          session->user_id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
          session->created_at = sqlite3_column_int64 (stmt, 2);
          session->expires_at = sqlite3_column_int64 (stmt, 3);
          /* a bound on memory; the registry stays the truth */
          if (g_hash_table_size (platform->sessions) > 100000)
            g_hash_table_remove_all (platform->sessions);
          g_hash_table_insert (platform->sessions, g_strdup (req->token_hash), session);
        }
      sqlite3_reset (stmt);
    }

  if (session != NULL)
    {
      gint64 expires_at = session->expires_at;

      if (platform->faults.token_lifetime > 0)
        expires_at = MIN (expires_at, session->created_at + platform->faults.token_lifetime);
      valid = now < expires_at;
      tenant_id = g_strdup (session->tenant_id);
      req->user_id = g_strdup (session->user_id);
    }

  if (tenant_id == NULL)
    {
      reply_unauthorized (req, "The token is not valid.", TRUE);
      return FALSE;
    }
  if (!valid)
    {
      reply_unauthorized (req, "The token has expired: sign in again.", TRUE);
      return FALSE;
    }

  req->tenant = pd_tenants_lookup (platform, tenant_id);
  if (req->tenant == NULL)
    {
      reply_unauthorized (req, "The tenant of this token is gone.", TRUE);
      return FALSE;
    }
  return TRUE;
}

static JsonNode *
user_to_json (PdPlatform *platform,
              const char *user_id)
{
  sqlite3_stmt *stmt = pd_db_prepare (platform->registry, "SELECT email, name FROM users WHERE id = ?");
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "id", user_id);
  sqlite3_bind_text (stmt, 1, user_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      json_object_set_string_member (object, "email", (const char *) sqlite3_column_text (stmt, 0));
      json_object_set_string_member (object, "name", (const char *) sqlite3_column_text (stmt, 1));
    }
  else
    {
      /* signed in with an API token made for an automated client */
      json_object_set_string_member (object, "email", "");
      json_object_set_string_member (object, "name", "");
    }
  sqlite3_reset (stmt);
  return json_node_init_object (json_node_alloc (), object);
}

/* Checks e-mail and password; fills @tenant_id and @user_id. */
static gboolean
check_password (PdPlatform *platform,
                const char *email,
                const char *password,
                char      **tenant_id,
                char      **user_id)
{
  sqlite3_stmt *stmt = pd_db_prepare (platform->registry,
                                      "SELECT id, tenant_id, salt, iterations, password_hash "
                                      "FROM users WHERE email = ?");
  gboolean ok = FALSE;

  sqlite3_bind_text (stmt, 1, email, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *hash = pd_auth_hash_password (password,
                                                     (const char *) sqlite3_column_text (stmt, 2),
                                                     sqlite3_column_int (stmt, 3));

      ok = constant_time_equal (hash, (const char *) sqlite3_column_text (stmt, 4));
      if (ok)
        {
          *user_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
          *tenant_id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
        }
    }
  sqlite3_reset (stmt);
  return ok;
}

static gboolean
check_api_token (PdPlatform *platform,
                 const char *api_token,
                 char      **tenant_id,
                 char      **user_id)
{
  g_autofree char *hash = pd_sha256_hex (api_token, strlen (api_token));
  sqlite3_stmt *stmt = pd_db_prepare (platform->registry,
                                      "SELECT tenant_id, user_id FROM api_tokens WHERE token_hash = ?");
  gboolean ok = FALSE;

  sqlite3_bind_text (stmt, 1, hash, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      *tenant_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      *user_id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      ok = TRUE;
    }
  sqlite3_reset (stmt);
  return ok;
}

static void
create_session (PdRequest *req)
{
  PdPlatform *platform = req->platform;
  JsonObject *body = json_node_get_object (req->json);
  const char *email = pd_json_string (body, "email");
  const char *password = pd_json_string (body, "password");
  const char *api_token = pd_json_string (body, "api_token");
  g_autofree char *tenant_id = NULL;
  g_autofree char *user_id = NULL;
  g_autofree char *token = NULL;
  g_autofree char *token_hash = NULL;
  g_autoptr(GDateTime) expires = NULL;
  g_autofree char *expires_text = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 lifetime = platform->token_lifetime;
  JsonObject *answer;
  sqlite3_stmt *stmt;
  guint8 raw[32];
  PdTenant *tenant;

  if (api_token == NULL && (email == NULL || password == NULL))
    {
      JsonArray *errors = json_array_new ();

      if (email == NULL)
        pd_field_error (errors, "email", "is required unless api_token is given");
      if (password == NULL)
        pd_field_error (errors, "password", "is required unless api_token is given");
      pd_reply_problem (req, 422, "validation-failed", "Give an e-mail and a password, or an API token.",
                        errors, NULL);
      return;
    }

  {
    /* plain out-parameters: GCC 12's analyzer misreads the address of a
     * g_autofree variable on the early returns above */
    char *found_tenant = NULL;
    char *found_user = NULL;
    gboolean ok = api_token != NULL ? check_api_token (platform, api_token, &found_tenant, &found_user)
                                    : check_password (platform, email, password, &found_tenant, &found_user);

    tenant_id = found_tenant;
    user_id = found_user;
    if (!ok)
      {
        reply_unauthorized (req, "The e-mail address or the password is wrong.", FALSE);
        return;
      }
  }

  tenant = pd_tenants_lookup (platform, tenant_id);
  if (tenant == NULL)
    {
      reply_unauthorized (req, "The tenant of this user is gone.", FALSE);
      return;
    }

  pd_random_bytes (raw, sizeof raw);
  token = g_base64_encode (raw, sizeof raw);
  g_strdelimit (token, "+/=", 'x');
  token_hash = pd_sha256_hex (token, strlen (token));
  if (platform->faults.token_lifetime > 0)
    lifetime = MIN (lifetime, platform->faults.token_lifetime);

  stmt = pd_db_prepare (platform->registry,
                        "INSERT INTO sessions (token_hash, tenant_id, user_id, created_at, expires_at) "
                        "VALUES (?, ?, ?, ?, ?)");
  sqlite3_bind_text (stmt, 1, token_hash, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, tenant_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, user_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, now);
  sqlite3_bind_int64 (stmt, 5, now + lifetime);
  sqlite3_step (stmt);
  sqlite3_reset (stmt);

  expires = g_date_time_new_from_unix_utc (now + lifetime);
  expires_text = g_date_time_format (expires, "%Y-%m-%dT%H:%M:%SZ");

  answer = json_object_new ();
  json_object_set_string_member (answer, "token", token);
  json_object_set_string_member (answer, "expires_at", expires_text);
  json_object_set_member (answer, "tenant", pd_tenant_to_json (tenant));
  json_object_set_member (answer, "user", user_to_json (platform, user_id));
  {
    g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), answer);

    json_object_unref (answer);
    pd_reply_node (req, 201, node);
  }
}

void
pd_auth_handle_session (PdRequest *req)
{
  if (g_str_equal (req->method, "POST"))
    {
      create_session (req);
    }
  else if (g_str_equal (req->method, "DELETE"))
    {
      sqlite3_stmt *stmt;

      if (!pd_auth_authenticate (req))
        return;
      g_hash_table_remove (req->platform->sessions, req->token_hash);
      stmt = pd_db_prepare (req->platform->registry, "DELETE FROM sessions WHERE token_hash = ?");
      sqlite3_bind_text (stmt, 1, req->token_hash, -1, SQLITE_STATIC);
      sqlite3_step (stmt);
      sqlite3_reset (stmt);
      pd_reply_empty (req, 204);
    }
}

void
pd_auth_handle_me (PdRequest *req)
{
  JsonObject *answer = json_object_new ();
  g_autoptr(JsonNode) node = NULL;

  json_object_set_member (answer, "tenant", pd_tenant_to_json (req->tenant));
  json_object_set_member (answer, "user", user_to_json (req->platform, req->user_id));
  node = json_node_init_object (json_node_alloc (), answer);
  json_object_unref (answer);
  pd_reply_node (req, 200, node);
}
