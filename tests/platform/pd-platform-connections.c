/* pd-platform-connections.c: what a client may cost before it is served
 *
 * libsoup reads a request's whole body into memory before any handler
 * runs, even when an early handler has already set a status: a
 * "Content-Length: 300 MiB" or an endless chunked body to the one endpoint
 * that needs no token grew the server by as much. So a request is judged
 * as soon as its headers are in: a body above its limit, or a body from a
 * client without a valid token, is answered there and its connection
 * closed without reading the body; a chunked body is counted as it comes
 * and cut off at the limit.
 *
 * Refusing means taking the connection away from libsoup (which would go
 * on reading), writing a short answer ourselves and closing. That happens
 * from an idle callback, with the message paused meanwhile, so libsoup is
 * never torn down from inside its own signal emission.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-platform-connections"

#include "pd-platform.h"

#include <string.h>

/* After the answer, what the client still sends is read and dropped, up to
 * a bound: closing a socket with unread data resets the connection, and
 * most clients (libsoup among them) write their whole body before they
 * read an answer, so they would see the reset and never the answer. A
 * buffer of 16 KiB is all that costs in memory. */
#define LINGER_BYTES (64 * 1024 * 1024)
#define LINGER_SECONDS 10

typedef struct
{
  GIOStream    *stream;
  GSocket      *socket;  /* under the stream, for the half close; may be NULL */
  GBytes       *answer;
  GCancellable *cancellable;
  GSource      *timeout;
  gsize         drained;
  guint8        buffer[16 * 1024];
} Refusal;

/* Sources go to the thread's own main context: the fuzz target runs the
 * server on a thread of its own. */
GSource *
pd_source_attach (GSource     *source,
                  GSourceFunc  func,
                  gpointer     data)
{
  g_source_set_callback (source, func, data, NULL);
  g_source_attach (source, g_main_context_get_thread_default ());
  return source;
}

void
pd_source_clear (GSource **source)
{
  if (*source != NULL)
    {
      g_source_destroy (*source);
      g_clear_pointer (source, g_source_unref);
    }
}

static void
refusal_free (Refusal *refusal)
{
  pd_source_clear (&refusal->timeout);
  g_clear_object (&refusal->cancellable);
  g_clear_pointer (&refusal->answer, g_bytes_unref);
  g_clear_object (&refusal->stream);
  g_clear_object (&refusal->socket);
  g_free (refusal);
}

static void
on_closed_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  g_io_stream_close_finish (G_IO_STREAM (source), result, NULL);
  refusal_free (data);
}

static void
close_refusal (Refusal *refusal)
{
  pd_source_clear (&refusal->timeout);
  g_io_stream_close_async (refusal->stream, G_PRIORITY_DEFAULT, NULL, on_closed_cb, refusal);
}

static gboolean
on_linger_timeout_cb (gpointer data)
{
  Refusal *refusal = data;

  g_cancellable_cancel (refusal->cancellable);
  return G_SOURCE_REMOVE;
}

static void
on_drained_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  Refusal *refusal = data;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (source), result, NULL);

  if (n > 0 && (refusal->drained += n) < LINGER_BYTES)
    {
      g_input_stream_read_async (G_INPUT_STREAM (source), refusal->buffer, sizeof refusal->buffer,
                                 G_PRIORITY_LOW, refusal->cancellable, on_drained_cb, refusal);
      return;
    }
  close_refusal (refusal);
}

static void
on_answer_written_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      data)
{
  Refusal *refusal = data;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, NULL))
    {
      close_refusal (refusal);
      return;
    }
  if (refusal->socket == NULL || !g_socket_shutdown (refusal->socket, FALSE, TRUE, NULL))
    {
      close_refusal (refusal);
      return;
    }
  refusal->cancellable = g_cancellable_new ();
  refusal->timeout = pd_source_attach (g_timeout_source_new_seconds (LINGER_SECONDS), on_linger_timeout_cb, refusal);
  g_input_stream_read_async (g_io_stream_get_input_stream (refusal->stream), refusal->buffer,
                             sizeof refusal->buffer, G_PRIORITY_LOW, refusal->cancellable, on_drained_cb, refusal);
}

typedef struct
{
  SoupServerMessage *msg;
  GBytes            *answer;
} PendingRefusal;

static gboolean
on_refuse_idle_cb (gpointer data)
{
  PendingRefusal *pending = data;
  /* our listener's connections are known by their message; libsoup's own
   * listener (the fuzz target's) sets the socket beside the stream */
  GSocket *socket = pd_listener_lookup_socket (pending->msg);
  GIOStream *stream = soup_server_message_steal_connection (pending->msg);

  if (stream != NULL)
    {
      Refusal *refusal = g_new0 (Refusal, 1);
      gsize len;
      const void *bytes = g_bytes_get_data (pending->answer, &len);

      if (socket == NULL)
        socket = g_object_get_data (G_OBJECT (stream), "GSocket");
      refusal->socket = socket != NULL ? g_object_ref (socket) : NULL;
      refusal->stream = stream;
      refusal->answer = g_bytes_ref (pending->answer);
      g_output_stream_write_all_async (g_io_stream_get_output_stream (stream), bytes, len,
                                       G_PRIORITY_DEFAULT, NULL, on_answer_written_cb, refusal);
    }
  g_object_unref (pending->msg);
  g_bytes_unref (pending->answer);
  g_free (pending);
  return G_SOURCE_REMOVE;
}

/* @req's answer as bytes on the wire, for a connection that closes after
 * it: for the refusals here, and for clients turned away at the accept. */
GBytes *
pd_connections_answer (PdRequest *req)
{
  g_autoptr(GString) head = g_string_new (NULL);
  g_autoptr(GDateTime) now = pd_platform_now_utc ();
  g_autofree char *date = g_date_time_format (now, "%a, %d %b %Y %H:%M:%S GMT");
  gsize len = req->reply_body != NULL ? g_bytes_get_size (req->reply_body) : 0;

  g_string_append_printf (head, "HTTP/1.1 %u %s\r\n", req->status, soup_status_get_phrase (req->status));
  g_string_append_printf (head, "Date: %s\r\nServer: particulate-platform\r\nConnection: close\r\n", date);
  if (req->content_type != NULL)
    g_string_append_printf (head, "Content-Type: %s\r\n", req->content_type);
  if (req->www_authenticate != NULL)
    g_string_append_printf (head, "WWW-Authenticate: %s\r\n", req->www_authenticate);
  if (req->retry_after > 0)
    g_string_append_printf (head, "Retry-After: %u\r\n", req->retry_after);
  g_string_append_printf (head, "Content-Length: %" G_GSIZE_FORMAT "\r\n\r\n", len);
  if (len > 0)
    g_string_append_len (head, g_bytes_get_data (req->reply_body, NULL), len);
  return g_string_free_to_bytes (g_steal_pointer (&head));
}

/* Answers @req's problem on its own and closes the connection, without
 * reading what is left of the body. */
static void
refuse (PdRequest *req)
{
  PendingRefusal *pending = g_new0 (PendingRefusal, 1);

  pending->msg = g_object_ref (req->msg);
  pending->answer = pd_connections_answer (req);
  soup_server_message_pause (req->msg);
  g_source_unref (pd_source_attach (g_idle_source_new (), on_refuse_idle_cb, pending));
}

static PdRequest *
early_request_new (PdPlatform        *platform,
                   SoupServerMessage *msg,
                   const char        *path)
{
  PdRequest *req = g_new0 (PdRequest, 1);

  req->platform = platform;
  req->msg = g_object_ref (msg);
  req->method = soup_server_message_get_method (msg);
  req->path = g_strdup (path);
  return req;
}

static void
early_request_free (PdRequest *req)
{
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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdRequest, early_request_free)

static gsize
body_limit (const char *path)
{
  return g_str_has_prefix (path, "/v1/assets/") ? PD_ASSET_BODY_LIMIT : PD_JSON_BODY_LIMIT;
}

/* Only signing in takes a body without a token (and the admin endpoints,
 * which tests alone enable). */
static gboolean
body_needs_token (PdPlatform *platform,
                  const char *path)
{
  const char *rest;

  if (platform->admin && g_str_has_prefix (path, "/_admin/"))
    return FALSE;
  if (!g_str_has_prefix (path, "/v1/"))
    return FALSE;
  rest = path + strlen ("/v1/");
  if (g_str_has_prefix (rest, "session"))
    {
      rest += strlen ("session");
      while (*rest == '/')
        rest++;
      return *rest != '\0';
    }
  return TRUE;
}

typedef struct
{
  PdPlatform *platform;
  char       *path;
  gsize       limit;
  gsize       received;
  gboolean    refused;
} ChunkCount;

static void
chunk_count_free (gpointer  data,
                  GClosure *closure)
{
  ChunkCount *count = data;

  g_free (count->path);
  g_free (count);
}

static void
on_got_chunk_cb (SoupServerMessage *msg,
                 GBytes            *chunk,
                 gpointer           data)
{
  ChunkCount *count = data;

  count->received += g_bytes_get_size (chunk);
  if (count->received > count->limit && !count->refused)
    {
      g_autoptr(PdRequest) req = early_request_new (count->platform, msg, count->path);

      count->refused = TRUE;
      pd_reply_problem (req, 413, "payload-too-large", "The body is above the limit.", NULL, NULL);
      refuse (req);
    }
}

static void
on_early_request_cb (SoupServer        *server,
                     SoupServerMessage *msg,
                     const char        *path,
                     GHashTable        *query,
                     gpointer           data)
{
  PdPlatform *platform = data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  SoupEncoding encoding = soup_message_headers_get_encoding (headers);
  goffset length = soup_message_headers_get_content_length (headers);
  gsize limit = body_limit (path);
  g_autoptr(PdRequest) req = NULL;

  if (encoding == SOUP_ENCODING_NONE || (encoding == SOUP_ENCODING_CONTENT_LENGTH && length == 0))
    return;

  req = early_request_new (platform, msg, path);
  if (encoding == SOUP_ENCODING_CONTENT_LENGTH && length > (goffset) limit)
    {
      pd_reply_problem (req, 413, "payload-too-large", "The body is above the limit.", NULL, NULL);
      refuse (req);
      return;
    }
  if (body_needs_token (platform, path) && !pd_auth_authenticate (req))
    {
      refuse (req);
      return;
    }
  if (encoding != SOUP_ENCODING_CONTENT_LENGTH)
    {
      ChunkCount *count = g_new0 (ChunkCount, 1);

      count->platform = platform;
      count->path = g_strdup (path);
      count->limit = limit;
      g_signal_connect_data (msg, "got-chunk", G_CALLBACK (on_got_chunk_cb), count,
                             chunk_count_free, 0);
    }
}

void
pd_connections_install (PdPlatform *platform)
{
  soup_server_add_early_handler (platform->server, NULL, on_early_request_cb, platform, NULL);
}
