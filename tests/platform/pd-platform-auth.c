/* pd-platform-auth.c: passwords, bearer tokens and the session resource
 *
 * Passwords are kept as PBKDF2-HMAC-SHA256 (nettle) with a random salt, and
 * each user's row names its algorithm, iteration count and salt: a hash
 * made with an older, lower count still verifies, and is made again with
 * today's count at the next sign-in. Bearer and API tokens are random and
 * only their SHA-256 is stored, so a copy of the registry lets nobody sign
 * in.
 *
 * Signing in is the one expensive request anyone may send: the hash runs
 * on a worker thread while the message waits paused, so a flood of them
 * does not stall other tenants' requests on the main loop; an unknown
 * e-mail address costs the same hash as a known one, so the answer's
 * timing does not tell which addresses have accounts; and failed attempts
 * are counted by address and by e-mail, answered 429 past a limit.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-platform-auth"

#include "pd-platform.h"

#include <nettle/pbkdf2.h>
#include <string.h>

#define FAILURE_WINDOW_SECONDS 60
/* failures an address may have per window, per allowed failure of one e-mail */
#define ADDRESS_FAILURES_FACTOR 3

/* PBKDF2 (RFC 8018) with one block of 32 bytes, all SHA-256 gives; the salt
 * is the hex text itself, as it always was. */
char *
pd_auth_hash_password (const char *password,
                       const char *salt_hex,
                       guint       iterations)
{
  guint8 t[32];
  GString *hex = g_string_sized_new (64);

  pbkdf2_hmac_sha256 (strlen (password), (const guint8 *) password, iterations,
                      strlen (salt_hex), (const guint8 *) salt_hex, sizeof t, t);
  for (guint j = 0; j < sizeof t; j++)
    g_string_append_printf (hex, "%02x", t[j]);
  return g_string_free (hex, FALSE);
}

char *
pd_auth_new_salt (void)
{
  guint8 salt[16];
  char *salt_hex = g_malloc (sizeof salt * 2 + 1);

  pd_random_bytes (salt, sizeof salt);
  for (guint i = 0; i < sizeof salt; i++)
    g_snprintf (salt_hex + 2 * i, 3, "%02x", salt[i]);
  return salt_hex;
}

guint
pd_auth_iterations (PdPlatform *platform)
{
  return platform->pbkdf2_iterations > 0 ? platform->pbkdf2_iterations : PD_PBKDF2_ITERATIONS;
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
  gint64 now = pd_platform_now_unix ();
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

/* Answers 201 with a new session of @user_id in @tenant_id. */
static void
reply_session (PdRequest  *req,
               const char *tenant_id,
               const char *user_id)
{
  PdPlatform *platform = req->platform;
  g_autofree char *token = NULL;
  g_autofree char *token_hash = NULL;
  g_autoptr(GDateTime) expires = NULL;
  g_autofree char *expires_text = NULL;
  gint64 now = pd_platform_now_unix ();
  gint64 lifetime = platform->token_lifetime;
  JsonObject *answer;
  sqlite3_stmt *stmt;
  guint8 raw[32];
  PdTenant *tenant = pd_tenants_lookup (platform, tenant_id);

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

/* ---- failed sign-ins, by address and by e-mail ---- */

typedef struct
{
  gint64 window_start;
  guint  failures;
} FailureCount;

static FailureCount *
failure_count (PdPlatform *platform,
               const char *key,
               gint64      now,
               gboolean    create)
{
  FailureCount *count;

  if (platform->sign_in_failures == NULL)
    platform->sign_in_failures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  count = g_hash_table_lookup (platform->sign_in_failures, key);
  if (count != NULL && now - count->window_start >= FAILURE_WINDOW_SECONDS)
    {
      count->window_start = now;
      count->failures = 0;
    }
  if (count == NULL && create)
    {
      /* a bound on memory: a flood of addresses forgets old windows */
      if (g_hash_table_size (platform->sign_in_failures) > 100000)
        g_hash_table_remove_all (platform->sign_in_failures);
      count = g_new0 (FailureCount, 1);
      count->window_start = now;
      g_hash_table_insert (platform->sign_in_failures, g_strdup (key), count);
    }
  return count;
}

static guint
failure_limit (PdPlatform *platform)
{
  return platform->sign_in_limit > 0 ? platform->sign_in_limit : PD_SIGN_IN_FAILURES;
}

/* 0 when @key may try again, else the seconds until it may. */
static guint
seconds_blocked (PdPlatform *platform,
                 const char *key,
                 guint       limit)
{
  gint64 now = pd_platform_now_unix ();
  FailureCount *count = failure_count (platform, key, now, FALSE);

  if (count == NULL || count->failures < limit)
    return 0;
  return MAX (1, count->window_start + FAILURE_WINDOW_SECONDS - now);
}

static void
count_failure (PdPlatform *platform,
               const char *key)
{
  gint64 now = pd_platform_now_unix ();

  failure_count (platform, key, now, TRUE)->failures++;
}

typedef struct
{
  PdRequest *req;
  char      *address_key;
  char      *email_key;
  /* the user's row; for an unknown e-mail, a dummy that never matches */
  gboolean   known;
  char      *user_id;
  char      *tenant_id;
  char      *password;
  char      *salt;
  guint      iterations;
  char      *hash;
  /* what the worker finds */
  guint      target_iterations;
  gboolean   ok;
  char      *new_salt;
  char      *new_hash;
} PasswordCheck;

static void
password_check_free (PasswordCheck *check)
{
  g_free (check->address_key);
  g_free (check->email_key);
  g_free (check->user_id);
  g_free (check->tenant_id);
  if (check->password != NULL)
    {
      memset (check->password, 0, strlen (check->password));
      g_free (check->password);
    }
  g_free (check->salt);
  g_free (check->hash);
  g_free (check->new_salt);
  g_free (check->new_hash);
  g_free (check);
}

/* On a worker: the only place a password is hashed for a request. */
static void
check_password_thread (GTask        *task,
                       gpointer      source,
                       gpointer      data,
                       GCancellable *cancellable)
{
  PasswordCheck *check = data;
  g_autofree char *hash = pd_auth_hash_password (check->password, check->salt, check->iterations);

  check->ok = constant_time_equal (hash, check->hash) && check->known;
  if (check->ok && check->iterations < check->target_iterations)
    {
      check->new_salt = pd_auth_new_salt ();
      check->new_hash = pd_auth_hash_password (check->password, check->new_salt, check->target_iterations);
    }
  g_task_return_boolean (task, TRUE);
}

static void
on_password_checked_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      data)
{
  PasswordCheck *check = g_task_get_task_data (G_TASK (result));
  PdRequest *req = check->req;
  PdPlatform *platform = req->platform;

  if (!check->ok)
    {
      count_failure (platform, check->address_key);
      count_failure (platform, check->email_key);
      reply_unauthorized (req, "The e-mail address or the password is wrong.", FALSE);
    }
  else
    {
      if (check->new_hash != NULL)
        {
          sqlite3_stmt *stmt = pd_db_prepare (platform->registry,
                                              "UPDATE users SET algorithm = 'pbkdf2-sha256', salt = ?, "
                                              "  iterations = ?, password_hash = ? WHERE id = ?");

          sqlite3_bind_text (stmt, 1, check->new_salt, -1, SQLITE_STATIC);
          sqlite3_bind_int (stmt, 2, check->target_iterations);
          sqlite3_bind_text (stmt, 3, check->new_hash, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 4, check->user_id, -1, SQLITE_STATIC);
          sqlite3_step (stmt);
          sqlite3_reset (stmt);
        }
      reply_session (req, check->tenant_id, check->user_id);
    }
  pd_router_resume (req);
}

/* Starts checking @email and @password on a worker; the answer follows
 * through pd_router_resume(). */
static void
sign_in_with_password (PdRequest  *req,
                       const char *email,
                       const char *password)
{
  PdPlatform *platform = req->platform;
  PasswordCheck *check = g_new0 (PasswordCheck, 1);
  g_autofree char *email_lower = g_utf8_strdown (email, -1);
  const char *address = soup_server_message_get_remote_host (req->msg);
  guint limit = failure_limit (platform);
  guint wait;
  sqlite3_stmt *stmt;
  g_autoptr(GTask) task = NULL;

  check->req = req;
  check->address_key = g_strconcat ("a:", address != NULL ? address : "", NULL);
  check->email_key = g_strconcat ("e:", email_lower, NULL);
  check->target_iterations = pd_auth_iterations (platform);

  wait = MAX (seconds_blocked (platform, check->email_key, limit),
              seconds_blocked (platform, check->address_key, limit * ADDRESS_FAILURES_FACTOR));
  if (wait > 0)
    {
      pd_reply_problem (req, 429, "rate-limited", "Too many failed sign-ins: wait a moment.", NULL, NULL);
      req->retry_after = wait;
      password_check_free (check);
      return;
    }

  stmt = pd_db_prepare (platform->registry,
                        "SELECT id, tenant_id, salt, iterations, password_hash "
                        "FROM users WHERE email = ? AND algorithm = 'pbkdf2-sha256'");
  sqlite3_bind_text (stmt, 1, email, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      check->known = TRUE;
      check->user_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      check->tenant_id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      check->salt = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      check->iterations = sqlite3_column_int (stmt, 3);
      check->hash = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
    }
  sqlite3_reset (stmt);
  if (!check->known)
    {
      check->salt = g_strdup ("00000000000000000000000000000000");
      check->iterations = check->target_iterations;
      check->hash = g_strdup ("");
    }
  check->password = g_strdup (password);

  req->deferred = TRUE;
  soup_server_message_pause (req->msg);
  task = g_task_new (NULL, NULL, on_password_checked_cb, NULL);
  g_task_set_source_tag (task, sign_in_with_password);
  g_task_set_task_data (task, check, (GDestroyNotify) password_check_free);
  g_task_run_in_thread (task, check_password_thread);
}

static void
create_session (PdRequest *req)
{
  PdPlatform *platform = req->platform;
  JsonObject *body = json_node_get_object (req->json);
  const char *email = pd_json_string (body, "email");
  const char *password = pd_json_string (body, "password");
  const char *api_token = pd_json_string (body, "api_token");

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

  if (api_token == NULL)
    {
      sign_in_with_password (req, email, password);
      return;
    }

  {
    /* plain out-parameters: GCC 12's analyzer misreads the address of a
     * g_autofree variable on the early returns above */
    char *found_tenant = NULL;
    char *found_user = NULL;
    g_autofree char *tenant_id = NULL;
    g_autofree char *user_id = NULL;
    gboolean ok = check_api_token (platform, api_token, &found_tenant, &found_user);

    tenant_id = found_tenant;
    user_id = found_user;
    if (!ok)
      {
        reply_unauthorized (req, "The e-mail address or the password is wrong.", FALSE);
        return;
      }
    reply_session (req, tenant_id, user_id);
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
