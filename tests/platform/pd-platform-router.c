/* pd-platform-router.c: from an HTTP request to a resource handler
 *
 * Every request goes the same way: faults (tests only), authentication,
 * route, method, id syntax, body (size, media type, JSON), preconditions,
 * idempotency, then the resource. The checks come in this order so that the
 * same bad request always gets the same problem type.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-platform-router"

#include "pd-platform.h"

#include <string.h>

typedef enum
{
  BODY_NONE,
  BODY_JSON,
  BODY_ASSET,
} BodyKind;

typedef enum
{
  PRECONDITION_NONE,
  PRECONDITION_RECORD,  /* PUT needs If-None-Match: *, PATCH and DELETE If-Match */
  PRECONDITION_MATCH,   /* If-Match */
} Precondition;

static void
request_free (PdRequest *req)
{
  g_clear_pointer (&req->query, g_hash_table_unref);
  g_clear_pointer (&req->segments, g_strfreev);
  g_clear_pointer (&req->body, g_bytes_unref);
  g_clear_pointer (&req->json, json_node_unref);
  g_clear_pointer (&req->reply_body, g_bytes_unref);
  g_free (req->path);
  g_free (req->user_id);
  g_free (req->token_hash);
  g_free (req->etag);
  g_free (req->www_authenticate);
  g_free (req->allow);
  g_clear_object (&req->msg);
  g_free (req);
}

static void
write_reply (PdRequest *req)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (req->msg);

  if (req->status == 0)
    pd_reply_problem (req, 500, "internal-error", "No handler answered.", NULL, NULL);

  soup_server_message_set_status (req->msg, req->status, NULL);
  if (req->content_type != NULL)
    soup_message_headers_replace (headers, "Content-Type", req->content_type);
  if (req->etag != NULL)
    soup_message_headers_replace (headers, "ETag", req->etag);
  if (req->www_authenticate != NULL)
    soup_message_headers_replace (headers, "WWW-Authenticate", req->www_authenticate);
  if (req->allow != NULL)
    soup_message_headers_replace (headers, "Allow", req->allow);
  if (req->retry_after > 0)
    {
      g_autofree char *seconds = g_strdup_printf ("%u", req->retry_after);

      soup_message_headers_replace (headers, "Retry-After", seconds);
    }
  if (req->replayed)
    soup_message_headers_replace (headers, "Idempotent-Replayed", "true");
  if (req->reply_body != NULL)
    soup_message_body_append_bytes (soup_server_message_get_response_body (req->msg), req->reply_body);
}

static void
finish (PdRequest *req,
        gboolean   may_drop)
{
  req->platform->requests_served++;
  if (may_drop && pd_faults_should_drop (req->platform))
    {
      pd_faults_drop_response (req);
      request_free (req);
      return;
    }
  write_reply (req);
  request_free (req);
}

static void
method_not_allowed (PdRequest  *req,
                    const char *allow)
{
  g_autofree char *detail = g_strdup_printf ("Use %s here.", allow);

  pd_reply_problem (req, 405, "method-not-allowed", detail, NULL, NULL);
  req->allow = g_strdup (allow);
}

/* Whether @method is in the comma-separated @allow; HEAD goes with GET. */
static gboolean
method_in (const char *method,
           const char *allow)
{
  gsize len;

  if (g_str_equal (method, "HEAD"))
    method = "GET";
  len = strlen (method);
  for (const char *p = strstr (allow, method); p != NULL; p = strstr (p + 1, method))
    if ((p == allow || p[-1] == ' ') && (p[len] == ',' || p[len] == '\0'))
      return TRUE;
  return FALSE;
}

static gboolean
read_body (PdRequest *req,
           BodyKind   kind)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (req->msg);
  SoupMessageBody *body = soup_server_message_get_request_body (req->msg);
  const char *content_type = soup_message_headers_get_one (headers, "Content-Type");
  gsize limit = kind == BODY_ASSET ? PD_ASSET_BODY_LIMIT : PD_JSON_BODY_LIMIT;
  g_autoptr(GError) error = NULL;
  const char *data;
  gsize len;

  req->body = soup_message_body_flatten (body);
  data = g_bytes_get_data (req->body, &len);
  if (len > limit)
    {
      pd_reply_problem (req, 413, "payload-too-large", "The body is above the limit.", NULL, NULL);
      return FALSE;
    }

  if (kind == BODY_ASSET)
    return TRUE;

  if (!pd_media_type_is (content_type, "application/json") &&
      !(g_str_equal (req->method, "PATCH") && pd_media_type_is (content_type, "application/merge-patch+json")))
    {
      pd_reply_problem (req, 415, "unsupported-media-type", "Send the body as application/json.", NULL, NULL);
      return FALSE;
    }

  req->json = pd_json_parse_object (data, len, &error);
  if (req->json == NULL)
    {
      pd_reply_problem (req, 400, "invalid-json", error->message, NULL, NULL);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_precondition (PdRequest    *req,
                    Precondition  precondition)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (req->msg);
  const char *if_match = soup_message_headers_get_one (headers, "If-Match");
  const char *if_none_match = soup_message_headers_get_one (headers, "If-None-Match");
  g_autofree char *stripped = NULL;
  gboolean ok;

  if (precondition == PRECONDITION_NONE)
    return TRUE;
  if (precondition == PRECONDITION_RECORD && g_str_equal (req->method, "PUT"))
    {
      stripped = g_strstrip (g_strdup (if_none_match ? if_none_match : ""));
      ok = g_str_equal (stripped, "*");
    }
  else
    ok = if_match != NULL;

  if (!ok)
    pd_reply_problem (req, 428, "precondition-required",
                      g_str_equal (req->method, "PUT")
                      ? "Create with If-None-Match: *."
                      : "Send If-Match with the revision you changed.",
                      NULL, NULL);
  return ok;
}

static gboolean
valid_idempotency_key (const char *key)
{
  gsize len = strlen (key);

  if (len == 0 || len > 255)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (key[i] < 0x20 || key[i] > 0x7e)
      return FALSE;
  return TRUE;
}

/* Runs the resource handler, with the idempotency record around it. */
static void
dispatch (PdRequest *req,
          void     (*run) (PdRequest *req, const char *a, const char *b),
          const char *a,
          const char *b)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (req->msg);
  const char *key = soup_message_headers_get_one (headers, "Idempotency-Key");

  if (key != NULL && (g_str_equal (req->method, "GET") || g_str_equal (req->method, "HEAD")))
    key = NULL;
  if (key != NULL && !valid_idempotency_key (key))
    {
      JsonArray *errors = json_array_new ();

      pd_field_error (errors, "Idempotency-Key", "must be 1 to 255 printable ASCII characters");
      pd_reply_problem (req, 400, "invalid-parameter", "The Idempotency-Key header is malformed.", errors, NULL);
      return;
    }
  if (key != NULL && pd_idempotency_replay (req, key))
    return;

  if (g_str_equal (req->method, "GET") || g_str_equal (req->method, "HEAD"))
    {
      run (req, a, b);
      return;
    }

  pd_db_begin (req->tenant->db);
  run (req, a, b);
  if (key != NULL && req->status < 500 && req->status != 401 && req->status != 429)
    pd_idempotency_store (req, key);
  pd_db_commit (req->tenant->db);
}

static void run_list (PdRequest *req, const char *a, const char *b) { pd_records_handle_list (req, a); }
static void run_item (PdRequest *req, const char *a, const char *b) { pd_records_handle_item (req, a, b); }
static void run_publish (PdRequest *req, const char *a, const char *b) { pd_campaigns_handle_publish (req, a, TRUE); }
static void run_unpublish (PdRequest *req, const char *a, const char *b) { pd_campaigns_handle_publish (req, a, FALSE); }
static void run_stats (PdRequest *req, const char *a, const char *b) { pd_campaigns_handle_stats (req, a); }
static void run_codes (PdRequest *req, const char *a, const char *b) { pd_vouchers_handle_codes (req, a); }
static void run_assets (PdRequest *req, const char *a, const char *b) { pd_assets_handle (req, a); }
static void run_changes (PdRequest *req, const char *a, const char *b) { pd_changes_handle (req); }
static void run_me (PdRequest *req, const char *a, const char *b) { pd_auth_handle_me (req); }

static void
route (PdRequest *req)
{
  char **s = req->segments;
  guint n = req->n_segments;
  const char *allow = NULL;
  BodyKind body = BODY_NONE;
  Precondition precondition = PRECONDITION_NONE;
  void (*run) (PdRequest *, const char *, const char *) = NULL;
  const char *a = NULL, *b = NULL;
  gboolean id_is_sha = FALSE;
  const char *id = NULL;

  if (n == 1 && g_str_equal (s[0], "session"))
    {
      if (!method_in (req->method, "POST, DELETE"))
        method_not_allowed (req, "POST, DELETE");
      else if (g_str_equal (req->method, "DELETE") || read_body (req, BODY_JSON))
        pd_auth_handle_session (req);
      return;
    }

  if (!pd_auth_authenticate (req))
    return;

  if (n == 1 && g_str_equal (s[0], "me"))
    allow = "GET", run = run_me;
  else if (n == 1 && g_str_equal (s[0], "changes"))
    allow = "GET", run = run_changes;
  else if (n == 1 && pd_records_is_collection (s[0]))
    allow = "GET", run = run_list, a = s[0];
  else if (n == 2 && pd_records_is_collection (s[0]))
    {
      allow = "GET, PUT, PATCH, DELETE", run = run_item, a = s[0], b = id = s[1];
      if (g_str_equal (req->method, "PUT") || g_str_equal (req->method, "PATCH"))
        body = BODY_JSON;
      if (!g_str_equal (req->method, "GET") && !g_str_equal (req->method, "HEAD"))
        precondition = PRECONDITION_RECORD;
    }
  else if (n == 3 && g_str_equal (s[0], "campaigns") &&
           (g_str_equal (s[2], "publish") || g_str_equal (s[2], "unpublish")))
    {
      allow = "POST", a = id = s[1], precondition = PRECONDITION_MATCH;
      run = g_str_equal (s[2], "publish") ? run_publish : run_unpublish;
    }
  else if (n == 3 && g_str_equal (s[0], "campaigns") && g_str_equal (s[2], "stats"))
    allow = "GET", run = run_stats, a = id = s[1];
  else if (n == 3 && g_str_equal (s[0], "voucher-batches") && g_str_equal (s[2], "codes"))
    allow = "POST", run = run_codes, a = id = s[1], body = BODY_JSON;
  else if (n == 2 && g_str_equal (s[0], "assets"))
    {
      allow = "GET, PUT", run = run_assets, a = id = s[1], id_is_sha = TRUE;
      if (g_str_equal (req->method, "PUT"))
        body = BODY_ASSET;
    }

  if (run == NULL)
    {
      pd_reply_problem (req, 404, "not-found", "There is nothing at this address.", NULL, NULL);
      return;
    }
  if (!method_in (req->method, allow))
    {
      method_not_allowed (req, allow);
      return;
    }
  if (id != NULL && !(id_is_sha ? pd_is_sha256 (id) : pd_is_uuid (id)))
    {
      pd_reply_problem (req, 400, "invalid-id",
                        id_is_sha ? "Assets are addressed by the lowercase hex SHA-256 of their bytes."
                                  : "Record ids are UUIDs.",
                        NULL, NULL);
      return;
    }
  if (body != BODY_NONE && !read_body (req, body))
    return;
  if (!check_precondition (req, precondition))
    return;

  dispatch (req, run, a, b);
}

static void
process (PdRequest *req)
{
  const char *rest;

  if (!g_str_has_prefix (req->path, "/v1/"))
    {
      pd_reply_problem (req, 404, "not-found", "The API lives under /v1.", NULL, NULL);
      return;
    }

  rest = req->path + 4;
  req->segments = g_strsplit (rest, "/", 8);
  req->n_segments = g_strv_length (req->segments);
  while (req->n_segments > 0 && *req->segments[req->n_segments - 1] == '\0')
    {
      g_free (req->segments[req->n_segments - 1]);
      req->segments[--req->n_segments] = NULL;
    }
  route (req);
}

/* Answers a request whose handler set req->deferred (and paused it). */
void
pd_router_resume (PdRequest *req)
{
  SoupServerMessage *msg = g_object_ref (req->msg);

  finish (req, TRUE);
  soup_server_message_unpause (msg);
  g_object_unref (msg);
}

static gboolean
on_latency_done_cb (gpointer data)
{
  PdRequest *req = data;
  SoupServerMessage *msg = g_object_ref (req->msg);

  process (req);
  if (!req->deferred)
    {
      finish (req, TRUE);
      soup_server_message_unpause (msg);
    }
  g_object_unref (msg);
  return G_SOURCE_REMOVE;
}

static void
on_request_cb (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           data)
{
  PdPlatform *platform = data;
  PdRequest *req = g_new0 (PdRequest, 1);

  req->platform = platform;
  req->msg = g_object_ref (msg);
  req->method = soup_server_message_get_method (msg);
  req->path = g_strdup (path);
  req->query = query != NULL ? g_hash_table_ref (query) : NULL;

  if (g_str_has_prefix (path, "/_admin/"))
    {
      if (platform->admin)
        pd_admin_handle (req);
      else
        pd_reply_problem (req, 404, "not-found", "Start the server with --admin for this.", NULL, NULL);
      finish (req, FALSE);
      return;
    }

  if (pd_faults_apply_before (req))
    {
      finish (req, FALSE);
      return;
    }

  if (platform->faults.latency_ms > 0)
    {
      soup_server_message_pause (msg);
      g_timeout_add (platform->faults.latency_ms, on_latency_done_cb, req);
      return;
    }

  process (req);
  if (!req->deferred)
    finish (req, TRUE);
}

void
pd_router_install (PdPlatform *platform)
{
  pd_connections_install (platform);
  soup_server_add_handler (platform->server, NULL, on_request_cb, platform, NULL);
}
