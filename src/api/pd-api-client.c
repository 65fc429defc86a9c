/* pd-api-client.c: the REST client of the Particulate platform
 *
 * One SoupSession per account. Every call is asynchronous and cancellable;
 * every answer is checked before it is handed on, so that the store only
 * ever sees records that match the contract.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-api"

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "pd-api-client.h"
#include "pd-json.h"

#define DEFAULT_TIMEOUT_SECONDS 30

struct _PdApiClient
{
  GObject      parent_instance;

  char        *base_url;
  char        *token;
  SoupSession *session;
};

G_DEFINE_FINAL_TYPE (PdApiClient, pd_api_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BASE_URL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Reads a reply into a result; touches nothing shared, so large replies
 * are read on a worker thread. */
typedef gpointer (*ParseFunc) (JsonNode    *node,
                               const char  *kind,
                               GError     **error);

/* Replies larger than this (a page of the change feed) are read on a
 * worker thread: reading 1,000 records takes longer than a frame. */
#define PARSE_IN_THREAD_BYTES (64 * 1024)

/* The most a reply may hold once libsoup has undone its Content-Encoding:
 * a small gzip answer could otherwise fill the memory. The largest legit
 * ones are a page of 1,000 changes (the first sync of a 50,000-project
 * workspace: about 2 KiB a project record) and the results of a campaign
 * with 50,000 projects (about 150 bytes each); both stay far below. */
#define MAX_REPLY_BYTES (64 * 1024 * 1024)
#define READ_BYTES      (64 * 1024)

typedef struct {
  SoupMessage    *msg;
  char           *kind;
  ParseFunc       parse;
  GDestroyNotify  result_free;
  GInputStream   *stream;
  GByteArray     *body;
  guint           reading;   /* bytes asked for past body->len */
} Request;

static void
request_free (gpointer data)
{
  Request *request = data;

  /* Closing before the end lets libsoup drop the connection instead of
   * reading the rest of the reply. */
  if (request->stream != NULL)
    g_input_stream_close (request->stream, NULL, NULL);
  g_clear_object (&request->stream);
  g_clear_pointer (&request->body, g_byte_array_unref);
  g_clear_object (&request->msg);
  g_free (request->kind);
  g_free (request);
}

static void
pd_api_client_finalize (GObject *object)
{
  PdApiClient *self = PD_API_CLIENT (object);

  pd_api_client_set_token (self, NULL);
  g_clear_pointer (&self->base_url, g_free);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (pd_api_client_parent_class)->finalize (object);
}

static void
pd_api_client_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  PdApiClient *self = PD_API_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_api_client_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  PdApiClient *self = PD_API_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      {
        const char *url = g_value_get_string (value);
        gsize len = url != NULL ? strlen (url) : 0;

        /* Paths are appended as "/v1/...", so a trailing slash goes. */
        while (len > 0 && url[len - 1] == '/')
          len--;
        self->base_url = g_strndup (url, len);
      }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_api_client_class_init (PdApiClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pd_api_client_finalize;
  object_class->get_property = pd_api_client_get_property;
  object_class->set_property = pd_api_client_set_property;

  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pd_api_client_init (PdApiClient *self)
{
  /* No accept-certificate handler is ever connected: a TLS error always
   * fails the request. The content decoder makes libsoup ask for gzip. */
  self->session = soup_session_new_with_options ("user-agent", "ParticulateDesigner/" PACKAGE_VERSION,
                                                 "timeout", DEFAULT_TIMEOUT_SECONDS,
                                                 "idle-timeout", 60,
                                                 NULL);
  if (!soup_session_has_feature (self->session, SOUP_TYPE_CONTENT_DECODER))
    soup_session_add_feature_by_type (self->session, SOUP_TYPE_CONTENT_DECODER);
}

static gboolean
host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (host == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  address = g_inet_address_new_from_string (host);
  /* Covers 127.0.0.0/8 and ::1. */
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/**
 * pd_api_check_url:
 *
 * A platform is only spoken to over https://, except on this very machine
 * (tests and local development), where plain http:// is allowed.
 */
gboolean
pd_api_check_url (const char  *base_url,
                  GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  if (base_url == NULL || *base_url == '\0' ||
      (uri = g_uri_parse (base_url, G_URI_FLAGS_NONE, NULL)) == NULL ||
      g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error (error, PD_API_ERROR, PD_API_ERROR_INVALID_URL,
                   _("“%s” is not a web address. Enter the address of your platform, starting with https://."),
                   base_url != NULL ? base_url : "");
      return FALSE;
    }

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "https") == 0)
    return TRUE;

  if (g_ascii_strcasecmp (scheme, "http") == 0 && host_is_loopback (g_uri_get_host (uri)))
    return TRUE;

  g_set_error (error, PD_API_ERROR, PD_API_ERROR_INSECURE_URL,
               _("The platform address must start with https:// so that your sign-in and data are encrypted."));
  return FALSE;
}

/**
 * pd_api_client_new:
 * @base_url: the platform, e.g. `https://api.particulate.example`
 *
 * Returns: (transfer full) (nullable): a client, or %NULL when @base_url is
 *   not a secure address
 */
PdApiClient *
pd_api_client_new (const char  *base_url,
                   GError     **error)
{
  if (!pd_api_check_url (base_url, error))
    return NULL;

  return g_object_new (PD_TYPE_API_CLIENT, "base-url", base_url, NULL);
}

const char *
pd_api_client_get_base_url (PdApiClient *self)
{
  g_return_val_if_fail (PD_IS_API_CLIENT (self), NULL);

  return self->base_url;
}

/* The token is deliberately not a property: properties end up in
 * debuggers' and inspectors' dumps. */
void
pd_api_client_set_token (PdApiClient *self,
                         const char  *token)
{
  g_return_if_fail (PD_IS_API_CLIENT (self));

  if (self->token != NULL)
    memset (self->token, 0, strlen (self->token));
  g_clear_pointer (&self->token, g_free);
  self->token = g_strdup (token);
}

gboolean
pd_api_client_has_token (PdApiClient *self)
{
  g_return_val_if_fail (PD_IS_API_CLIENT (self), FALSE);

  return self->token != NULL;
}

void
pd_api_client_set_timeout (PdApiClient *self,
                           guint        seconds)
{
  g_return_if_fail (PD_IS_API_CLIENT (self));

  soup_session_set_timeout (self->session, seconds);
}

static SoupMessage *
new_message (PdApiClient *self,
             const char  *method,
             const char  *path)
{
  g_autofree char *url = g_strconcat (self->base_url, path, NULL);
  SoupMessage *msg = soup_message_new (method, url);
  SoupMessageHeaders *headers;

  g_assert (msg != NULL);
  /* The contract has no redirects; following one would send the token,
   * and a sign-in's password, to wherever the answer points. */
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  headers = soup_message_get_request_headers (msg);
  soup_message_headers_replace (headers, "Accept", "application/json, application/problem+json");
  if (self->token != NULL)
    {
      g_autofree char *auth = g_strconcat ("Bearer ", self->token, NULL);

      soup_message_headers_replace (headers, "Authorization", auth);
      memset (auth, 0, strlen (auth));
    }

  return msg;
}

static void
set_json_body (SoupMessage *msg,
               JsonNode    *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GBytes) bytes = NULL;
  gsize len;
  char *data;

  json_generator_set_root (generator, node);
  data = json_generator_to_data (generator, &len);
  bytes = g_bytes_new_take (data, len);
  soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
}

static void
set_json_object_body (SoupMessage *msg,
                      JsonObject  *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, object);
  set_json_body (msg, node);
}

static void
set_idempotency_key (SoupMessage *msg,
                     const char  *key)
{
  g_autofree char *generated = NULL;

  if (key == NULL)
    key = generated = g_uuid_string_random ();
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Idempotency-Key", key);
  /* With the key a repeat is harmless, so libsoup may send POST and PATCH
   * over a kept-alive connection instead of opening one per request. */
  soup_message_add_flags (msg, SOUP_MESSAGE_IDEMPOTENT);
}

static void
set_if_match (SoupMessage *msg,
              gint64       revision)
{
  g_autofree char *etag = g_strdup_printf ("\"%" G_GINT64_FORMAT "\"", revision);

  soup_message_headers_replace (soup_message_get_request_headers (msg), "If-Match", etag);
}

/* Reads a 2xx reply's body into @node; an empty body leaves it NULL. */
static gboolean
load_body (GBytes    *body,
           JsonNode **node,
           GError   **error)
{
  g_autoptr(GError) local_error = NULL;
  gsize len;
  const char *data = g_bytes_get_data (body, &len);

  *node = NULL;
  if (len == 0)
    return TRUE;
  *node = pd_json_parse (data, len, &local_error);
  if (*node == NULL)
    {
      g_propagate_error (error, _pd_api_error_new_invalid_response ("%s", local_error->message));
      return FALSE;
    }
  return TRUE;
}

/* Reads a 2xx reply's body, empty or JSON, with @parse. */
static gpointer
parse_body (GBytes      *body,
            ParseFunc    parse,
            const char  *kind,
            GError     **error)
{
  g_autoptr(JsonNode) node = NULL;

  if (!load_body (body, &node, error))
    return NULL;
  return parse (node, kind, error);
}

/* Completes @task with @value, or with @error (taken) if it is NULL. */
static void
return_parsed (GTask          *task,
               gpointer        value,
               GError         *error,
               GDestroyNotify  value_free)
{
  if (value == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, value, value_free);
}

typedef struct {
  GBytes         *body;
  char           *kind;
  ParseFunc       parse;
  GDestroyNotify  result_free;
} ParseJob;

static void
parse_job_free (gpointer data)
{
  ParseJob *job = data;

  g_bytes_unref (job->body);
  g_free (job->kind);
  g_free (job);
}

static void
parse_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  ParseJob *job = task_data;
  GError *error = NULL;
  gpointer value = parse_body (job->body, job->parse, job->kind, &error);

  return_parsed (task, value, error, job->result_free);
}

static void
on_parsed_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ParseJob *job = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;
  gpointer value = g_task_propagate_pointer (G_TASK (result), &error);

  return_parsed (task, value, error, job->result_free);
}

/* The whole reply is in: turns it into the task's result or error. */
static void
complete_request (GTask  *task,
                  GBytes *body)
{
  Request *request = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers;
  gpointer value;
  guint status;

  status = soup_message_get_status (request->msg);
  headers = soup_message_get_response_headers (request->msg);
  if (status < 200 || status >= 300)
    {
      g_task_return_error (task,
                           _pd_api_error_new_from_response (status,
                                                            soup_message_headers_get_content_type (headers, NULL),
                                                            soup_message_headers_get_one (headers, "Retry-After"),
                                                            body));
      return;
    }

  if (request->parse == NULL)
    {
      g_autoptr(JsonNode) node = NULL;

      /* No result, but a body that is there must still be JSON. */
      if (!load_body (body, &node, &error))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_boolean (task, TRUE);
      return;
    }

  if (g_bytes_get_size (body) > PARSE_IN_THREAD_BYTES)
    {
      /* A task of its own, so that the request (and its message) is let
       * go on this thread, never on the worker. */
      GTask *parse_task = g_task_new (NULL, g_task_get_cancellable (task), on_parsed_cb, g_object_ref (task));
      ParseJob *job = g_new0 (ParseJob, 1);

      job->body = g_bytes_ref (body);
      job->kind = g_strdup (request->kind);
      job->parse = request->parse;
      job->result_free = request->result_free;
      g_task_set_task_data (parse_task, job, parse_job_free);
      g_task_run_in_thread (parse_task, parse_in_thread);
      g_object_unref (parse_task);
      return;
    }

  value = parse_body (body, request->parse, request->kind, &error);
  return_parsed (task, value, g_steal_pointer (&error), request->result_free);
}

static void read_more (GTask *task);

static void
on_read_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *request = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  gssize n;

  n = g_input_stream_read_finish (G_INPUT_STREAM (source), result, &error);
  if (n < 0)
    {
      g_task_return_error (task, _pd_api_error_new_from_transport (error));
      return;
    }
  g_byte_array_set_size (request->body, request->body->len - request->reading + n);
  if (n > 0)
    {
      read_more (g_steal_pointer (&task));
      return;
    }

  g_clear_object (&request->stream);
  body = g_byte_array_free_to_bytes (g_steal_pointer (&request->body));
  complete_request (task, body);
}

/* Reads the next piece of the reply into the request's body, one byte
 * past MAX_REPLY_BYTES at most: that byte is an error. Takes @task. */
static void
read_more (GTask *task)
{
  Request *request = g_task_get_task_data (task);
  guint len = request->body->len;

  if (len > MAX_REPLY_BYTES)
    {
      g_autofree char *limit = g_format_size (MAX_REPLY_BYTES);

      /* TRANSLATORS: %s is a size, such as "67.1 MB" */
      g_task_return_new_error (task, PD_API_ERROR, PD_API_ERROR_INVALID_RESPONSE,
                               _("The platform sent an answer larger than %s. It was not read, to keep the app from running out of memory."),
                               limit);
      g_object_unref (task);
      return;
    }

  request->reading = MIN (READ_BYTES, MAX_REPLY_BYTES + 1 - len);
  g_byte_array_set_size (request->body, len + request->reading);
  g_input_stream_read_async (request->stream, request->body->data + len, request->reading,
                             G_PRIORITY_DEFAULT, g_task_get_cancellable (task), on_read_cb, task);
}

static void
on_sent_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  Request *request = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  request->stream = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  if (request->stream == NULL)
    {
      g_task_return_error (task, _pd_api_error_new_from_transport (error));
      g_object_unref (task);
      return;
    }

  if (SOUP_STATUS_IS_REDIRECTION (soup_message_get_status (request->msg)))
    {
      g_task_return_new_error (task, PD_API_ERROR, PD_API_ERROR_INVALID_RESPONSE,
                               _("The platform answered with a redirect to another address, which the app does not follow. Check the platform address of the account."));
      g_object_unref (task);
      return;
    }

  request->body = g_byte_array_new ();
  read_more (task);
}

static void
send_request (PdApiClient         *self,
              SoupMessage         *msg,
              const char          *kind,
              ParseFunc            parse,
              GDestroyNotify       result_free,
              gpointer             source_tag,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Request *request = g_new0 (Request, 1);

  request->msg = msg;
  request->kind = g_strdup (kind);
  request->parse = parse;
  request->result_free = result_free;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, request, request_free);

  soup_session_send_async (self->session, msg, G_PRIORITY_DEFAULT, cancellable,
                           on_sent_cb, g_steal_pointer (&task));
}

static gpointer
parse_session (JsonNode    *node,
               const char  *kind,
               GError     **error)
{
  return pd_api_session_new_from_json (node, error);
}

static gpointer
parse_record (JsonNode    *node,
              const char  *kind,
              GError     **error)
{
  return pd_api_record_new_from_json (kind, node, error);
}

static gpointer
parse_changes (JsonNode    *node,
               const char  *kind,
               GError     **error)
{
  return pd_api_change_page_new_from_json (node, error);
}

static gpointer
parse_object (JsonNode    *node,
              const char  *kind,
              GError     **error)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_propagate_error (error, _pd_api_error_new_invalid_response ("%s is not an object", kind));
      return NULL;
    }
  return json_object_ref (json_node_get_object (node));
}

static gboolean
member_is_int (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_INT64;
}

static gpointer
parse_codes_result (JsonNode    *node,
                    const char  *kind,
                    GError     **error)
{
  JsonObject *object;
  gint64 *result;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node) ||
      !member_is_int (object = json_node_get_object (node), "accepted") ||
      !member_is_int (object, "total"))
    {
      g_propagate_error (error, _pd_api_error_new_invalid_response ("codes: “accepted” and “total” must be integers"));
      return NULL;
    }

  result = g_new (gint64, 2);
  result[0] = json_object_get_int_member (object, "accepted");
  result[1] = json_object_get_int_member (object, "total");
  return result;
}

static char *
record_path (const char *kind,
             const char *id,
             const char *suffix)
{
  g_autofree char *escaped = g_uri_escape_string (id, NULL, FALSE);

  return g_strconcat ("/v1/", pd_api_kind_to_collection (kind), "/", escaped, suffix, NULL);
}

/**
 * pd_api_client_sign_in_async:
 * @email: (nullable): with @password, or %NULL to use @api_token
 *
 * Asks the platform for a session token. The token is not kept by the
 * client; the caller stores it and passes it to pd_api_client_set_token().
 */
void
pd_api_client_sign_in_async (PdApiClient         *self,
                             const char          *email,
                             const char          *password,
                             const char          *api_token,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(JsonObject) body = json_object_new ();
  SoupMessage *msg;

  g_return_if_fail (PD_IS_API_CLIENT (self));
  g_return_if_fail ((email != NULL && password != NULL) || api_token != NULL);

  if (email != NULL)
    {
      json_object_set_string_member (body, "email", email);
      json_object_set_string_member (body, "password", password);
    }
  else
    json_object_set_string_member (body, "api_token", api_token);

  msg = new_message (self, "POST", "/v1/session");
  /* The sign-in must not carry an old token. */
  soup_message_headers_remove (soup_message_get_request_headers (msg), "Authorization");
  set_json_object_body (msg, body);
  set_idempotency_key (msg, NULL);

  send_request (self, msg, "session", parse_session, (GDestroyNotify) pd_api_session_free,
                pd_api_client_sign_in_async, cancellable, callback, user_data);
}

/**
 * pd_api_client_sign_in_finish:
 *
 * Returns: (transfer full): the new session with its token
 */
PdApiSession *
pd_api_client_sign_in_finish (PdApiClient   *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  PdApiSession *session;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  session = g_task_propagate_pointer (G_TASK (result), error);
  if (session != NULL && session->token == NULL)
    {
      pd_api_session_free (session);
      g_propagate_error (error, _pd_api_error_new_invalid_response ("session: field “token” is missing"));
      return NULL;
    }
  return session;
}

void
pd_api_client_sign_out_async (PdApiClient         *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  SoupMessage *msg;

  g_return_if_fail (PD_IS_API_CLIENT (self));

  msg = new_message (self, "DELETE", "/v1/session");
  set_idempotency_key (msg, NULL);
  send_request (self, msg, "session", NULL, NULL,
                pd_api_client_sign_out_async, cancellable, callback, user_data);
}

gboolean
pd_api_client_sign_out_finish (PdApiClient   *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
pd_api_client_get_me_async (PdApiClient         *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (PD_IS_API_CLIENT (self));

  send_request (self, new_message (self, "GET", "/v1/me"), "me",
                parse_session, (GDestroyNotify) pd_api_session_free,
                pd_api_client_get_me_async, cancellable, callback, user_data);
}

/**
 * pd_api_client_get_me_finish:
 *
 * Returns: (transfer full): the tenant and user; the token is %NULL
 */
PdApiSession *
pd_api_client_get_me_finish (PdApiClient   *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
pd_api_client_get_record_async (PdApiClient         *self,
                                const char          *kind,
                                const char          *id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (PD_IS_API_CLIENT (self));
  g_return_if_fail (pd_api_kind_is_valid (kind));
  g_return_if_fail (id != NULL);

  path = record_path (kind, id, NULL);
  send_request (self, new_message (self, "GET", path), kind,
                parse_record, (GDestroyNotify) pd_api_record_free,
                pd_api_client_record_finish, cancellable, callback, user_data);
}

/**
 * pd_api_client_create_record_async:
 * @fields: every field of the record (the envelope is ignored)
 * @idempotency_key: (nullable): the key that makes a retry harmless
 *
 * Creates a record under the id the client chose, with
 * `If-None-Match: *` so that a create never overwrites.
 */
void
pd_api_client_create_record_async (PdApiClient         *self,
                                   const char          *kind,
                                   const char          *id,
                                   JsonObject          *fields,
                                   const char          *idempotency_key,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autofree char *path = NULL;
  SoupMessage *msg;

  g_return_if_fail (PD_IS_API_CLIENT (self));
  g_return_if_fail (pd_api_kind_is_valid (kind));
  g_return_if_fail (id != NULL && fields != NULL);

  path = record_path (kind, id, NULL);
  msg = new_message (self, "PUT", path);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "If-None-Match", "*");
  set_idempotency_key (msg, idempotency_key);
  set_json_object_body (msg, fields);

  send_request (self, msg, kind, parse_record, (GDestroyNotify) pd_api_record_free,
                pd_api_client_record_finish, cancellable, callback, user_data);
}

/**
 * pd_api_client_update_record_async:
 * @revision: the revision the change is based on (`If-Match`)
 * @merge_patch: the changed fields only (RFC 7396)
 */
void
pd_api_client_update_record_async (PdApiClient         *self,
                                   const char          *kind,
                                   const char          *id,
                                   gint64               revision,
                                   JsonObject          *merge_patch,
                                   const char          *idempotency_key,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autofree char *path = NULL;
  SoupMessage *msg;

  g_return_if_fail (PD_IS_API_CLIENT (self));
  g_return_if_fail (pd_api_kind_is_valid (kind));
  g_return_if_fail (id != NULL && merge_patch != NULL);

  path = record_path (kind, id, NULL);
  msg = new_message (self, "PATCH", path);
  set_if_match (msg, revision);
  set_idempotency_key (msg, idempotency_key);
  set_json_object_body (msg, merge_patch);
  /* RFC 7396 has its own media type, but the contract asks for JSON. */

  send_request (self, msg, kind, parse_record, (GDestroyNotify) pd_api_record_free,
                pd_api_client_record_finish, cancellable, callback, user_data);
}

void
pd_api_client_publish_async (PdApiClient         *self,
                             const char          *campaign_id,
                             gint64               revision,
                             gboolean             publish,
                             const char          *idempotency_key,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autofree char *path = NULL;
  SoupMessage *msg;

  g_return_if_fail (PD_IS_API_CLIENT (self));
  g_return_if_fail (campaign_id != NULL);

  path = record_path ("campaign", campaign_id, publish ? "/publish" : "/unpublish");
  msg = new_message (self, "POST", path);
  set_if_match (msg, revision);
  set_idempotency_key (msg, idempotency_key);

  send_request (self, msg, "campaign", parse_record, (GDestroyNotify) pd_api_record_free,
                pd_api_client_record_finish, cancellable, callback, user_data);
}

/**
 * pd_api_client_record_finish:
 *
 * Finishes a get, create, update or publish.
 *
 * Returns: (transfer full): the record as the platform now holds it
 */
PdApiRecord *
pd_api_client_record_finish (PdApiClient   *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
pd_api_client_delete_record_async (PdApiClient         *self,
                                   const char          *kind,
                                   const char          *id,
                                   gint64               revision,
                                   const char          *idempotency_key,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autofree char *path = NULL;
  SoupMessage *msg;

  g_return_if_fail (PD_IS_API_CLIENT (self));
  g_return_if_fail (pd_api_kind_is_valid (kind));
  g_return_if_fail (id != NULL);

  path = record_path (kind, id, NULL);
  msg = new_message (self, "DELETE", path);
  set_if_match (msg, revision);
  set_idempotency_key (msg, idempotency_key);

  send_request (self, msg, kind, NULL, NULL,
                pd_api_client_delete_record_async, cancellable, callback, user_data);
}

gboolean
pd_api_client_delete_record_finish (PdApiClient   *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * pd_api_client_get_changes_async:
 * @cursor: (nullable): where the last page ended, or %NULL for everything
 * @limit: page size, or 0 for the platform's default
 */
void
pd_api_client_get_changes_async (PdApiClient         *self,
                                 const char          *cursor,
                                 guint                limit,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GString) path = g_string_new ("/v1/changes");
  char sep = '?';

  g_return_if_fail (PD_IS_API_CLIENT (self));

  if (cursor != NULL)
    {
      g_autofree char *escaped = g_uri_escape_string (cursor, NULL, FALSE);

      g_string_append_printf (path, "%csince=%s", sep, escaped);
      sep = '&';
    }
  if (limit > 0)
    g_string_append_printf (path, "%climit=%u", sep, limit);

  send_request (self, new_message (self, "GET", path->str), "changes",
                parse_changes, (GDestroyNotify) pd_api_change_page_free,
                pd_api_client_get_changes_async, cancellable, callback, user_data);
}

/**
 * pd_api_client_get_changes_finish:
 *
 * Returns: (transfer full): one page of the change feed
 */
PdApiChangePage *
pd_api_client_get_changes_finish (PdApiClient   *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
pd_api_client_get_stats_async (PdApiClient         *self,
                               const char          *campaign_id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (PD_IS_API_CLIENT (self));
  g_return_if_fail (campaign_id != NULL);

  path = record_path ("campaign", campaign_id, "/stats");
  send_request (self, new_message (self, "GET", path), "stats",
                parse_object, (GDestroyNotify) json_object_unref,
                pd_api_client_get_stats_async, cancellable, callback, user_data);
}

/**
 * pd_api_client_get_stats_finish:
 *
 * Returns: (transfer full): the campaign's results as the platform sent them
 */
JsonObject *
pd_api_client_get_stats_finish (PdApiClient   *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  static const char * const integers[] = {
    "vouchers_issued", "vouchers_redeemed", "vouchers_expired",
    "coins_redeemed", "unredeemed_coins",
  };
  g_autoptr(JsonObject) stats = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  stats = g_task_propagate_pointer (G_TASK (result), error);
  if (stats == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (integers); i++)
    {
      JsonNode *node = json_object_get_member (stats, integers[i]);

      if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
          json_node_get_value_type (node) != G_TYPE_INT64)
        {
          g_propagate_error (error,
                             _pd_api_error_new_invalid_response ("stats: field “%s” is not an integer",
                                                                 integers[i]));
          return NULL;
        }
    }
  if (!json_object_has_member (stats, "projects") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (stats, "projects")) ||
      !json_object_has_member (stats, "timeline") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (stats, "timeline")))
    {
      g_propagate_error (error, _pd_api_error_new_invalid_response ("stats: “projects” and “timeline” must be lists"));
      return NULL;
    }

  return g_steal_pointer (&stats);
}

void
pd_api_client_upload_asset_async (PdApiClient         *self,
                                  const char          *sha256,
                                  const char          *content_type,
                                  GBytes              *data,
                                  const char          *idempotency_key,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autofree char *path = NULL;
  SoupMessage *msg;

  g_return_if_fail (PD_IS_API_CLIENT (self));
  g_return_if_fail (sha256 != NULL && content_type != NULL && data != NULL);

  path = g_strconcat ("/v1/assets/", sha256, NULL);
  msg = new_message (self, "PUT", path);
  set_idempotency_key (msg, idempotency_key);
  soup_message_set_request_body_from_bytes (msg, content_type, data);

  send_request (self, msg, "asset", NULL, NULL,
                pd_api_client_upload_asset_async, cancellable, callback, user_data);
}

gboolean
pd_api_client_upload_asset_finish (PdApiClient   *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * pd_api_client_upload_voucher_codes_async:
 * @chunk: the chunk's number; with the key, it makes a retry harmless
 * @codes: (array zero-terminated=1): at most 10,000 codes
 */
void
pd_api_client_upload_voucher_codes_async (PdApiClient         *self,
                                          const char          *batch_id,
                                          guint                chunk,
                                          const char * const  *codes,
                                          const char          *idempotency_key,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_autoptr(JsonObject) body = json_object_new ();
  g_autofree char *path = NULL;
  JsonArray *array;
  SoupMessage *msg;

  g_return_if_fail (PD_IS_API_CLIENT (self));
  g_return_if_fail (batch_id != NULL && codes != NULL);

  array = json_array_sized_new (g_strv_length ((char **) codes));
  for (guint i = 0; codes[i] != NULL; i++)
    json_array_add_string_element (array, codes[i]);
  json_object_set_int_member (body, "chunk", chunk);
  json_object_set_array_member (body, "codes", array);

  path = record_path ("voucher-batch", batch_id, "/codes");
  msg = new_message (self, "POST", path);
  set_idempotency_key (msg, idempotency_key);
  set_json_object_body (msg, body);

  send_request (self, msg, "codes", parse_codes_result, g_free,
                pd_api_client_upload_voucher_codes_async, cancellable, callback, user_data);
}

gboolean
pd_api_client_upload_voucher_codes_finish (PdApiClient   *self,
                                           GAsyncResult  *result,
                                           gint64        *accepted,
                                           gint64        *total,
                                           GError       **error)
{
  g_autofree gint64 *counts = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  counts = g_task_propagate_pointer (G_TASK (result), error);
  if (counts == NULL)
    return FALSE;
  if (accepted != NULL)
    *accepted = counts[0];
  if (total != NULL)
    *total = counts[1];
  return TRUE;
}
