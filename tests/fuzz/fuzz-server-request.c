/* fuzz-server-request.c: the reference platform's request handling
 *
 * The real server (router, authentication, JSON bodies, SQLite tenants)
 * runs in this process on a thread of its own, seeded with the demo tenant;
 * each input becomes one HTTP request to it over loopback, signed in as the
 * demo user. The first byte picks the method, the text up to the first
 * newline is the path (with query), the rest is the JSON body.
 *
 * Besides "no crash, no leak, no sanitizer report": the server answers
 * every request with a well-formed status line and never with 500, which
 * would mean a request it did not foresee.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pd-fuzz.h"

#include <gio/gio.h>
#include <string.h>

#include "pd-platform.h"

static const char *methods[] = { "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD" };

static PdPlatform platform;
static guint16 port;
static char *token;
static GMutex ready_lock;
static GCond ready_cond;
static gboolean ready;

static gpointer
server_thread (gpointer data)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (context, FALSE);
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (context);

  /* As pd-platform-main.c sets it up. */
  platform.data_dir = data;
  platform.tenants = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) pd_tenant_free);
  platform.sessions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) pd_session_free);
  platform.rand = g_rand_new_with_seed (2026);
  platform.feed_retention = 1000000;
  platform.token_lifetime = 3600;
  platform.faults.retry_after = 1;
  platform.faults.drop_after_bytes = -1;
  if (!pd_tenants_open_registry (&platform, &error) || !pd_seed_demo (&platform, &error))
    g_error ("%s", error->message);

  platform.server = soup_server_new ("server-header", "particulate-platform/1 ", NULL);
  pd_router_install (&platform);
  if (!soup_server_listen_local (platform.server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    g_error ("%s", error->message);
  uris = soup_server_get_uris (platform.server);
  port = (guint16) g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_mutex_lock (&ready_lock);
  ready = TRUE;
  g_cond_signal (&ready_cond);
  g_mutex_unlock (&ready_lock);

  g_main_loop_run (loop);
  return NULL;
}

/* Sends one raw HTTP/1.1 request and returns the whole answer. */
static GString *
send_request (const char *method,
              const char *path,
              const char *extra_headers,
              const void *body,
              gsize       body_length)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *head = NULL;
  GOutputStream *out;
  GInputStream *in;
  GString *answer = g_string_new (NULL);
  char buffer[8192];
  gssize n;

  connection = g_socket_client_connect_to_host (client, "127.0.0.1", port, NULL, &error);
  if (connection == NULL)
    g_error ("%s", error->message);

  head = g_strdup_printf ("%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n%s"
                          "Content-Length: %" G_GSIZE_FORMAT "\r\n\r\n",
                          method, path, extra_headers, body_length);
  out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  if (!g_output_stream_write_all (out, head, strlen (head), NULL, NULL, &error) ||
      !g_output_stream_write_all (out, body, body_length, NULL, NULL, &error))
    g_error ("%s", error->message);

  while ((n = g_input_stream_read (in, buffer, sizeof buffer, NULL, &error)) > 0)
    g_string_append_len (answer, buffer, n);

  return answer;
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autofree char *data_dir = g_dir_make_tmp ("pd-fuzz-server-XXXXXX", NULL);
  g_autoptr(GString) answer = NULL;
  const char *login = "{\"email\": \"demo@example.com\", \"password\": \"demo-password\"}";
  const char *start, *end;

  pd_fuzz_make_warnings_fatal ();
  g_thread_unref (g_thread_new ("server", server_thread, g_steal_pointer (&data_dir)));

  g_mutex_lock (&ready_lock);
  while (!ready)
    g_cond_wait (&ready_cond, &ready_lock);
  g_mutex_unlock (&ready_lock);

  answer = send_request ("POST", "/v1/session", "Content-Type: application/json\r\n", login, strlen (login));
  start = strstr (answer->str, "\"token\"");
  g_assert_nonnull (start);
  start = strchr (start + 7, '"') + 1;
  end = strchr (start, '"');
  token = g_strndup (start, end - start);

  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GString) path = g_string_new ("/");
  g_autoptr(GString) answer = NULL;
  g_autofree char *headers = NULL;
  const uint8_t *newline;
  const char *method;
  guint status;

  if (size < 1)
    return 0;
  method = methods[data[0] % G_N_ELEMENTS (methods)];
  data++;
  size--;

  /* The path as a client could send it: bytes outside printable ASCII,
   * and spaces, percent-encoded. The leading slash is ours. */
  newline = memchr (data, '\n', size);
  for (const uint8_t *p = data; p < (newline ? newline : data + size); p++)
    {
      if (p == data && *p == '/')
        continue;
      if (*p > 0x20 && *p < 0x7f)
        g_string_append_c (path, (char) *p);
      else
        g_string_append_printf (path, "%%%02X", *p);
    }
  if (newline != NULL)
    {
      size -= (newline + 1) - data;
      data = newline + 1;
    }
  else
    size = 0;

  headers = g_strdup_printf ("Authorization: Bearer %s\r\nContent-Type: application/json\r\n"
                             "If-Match: \"1\"\r\nIdempotency-Key: fuzz-%u\r\n",
                             token, g_random_int ());
  answer = send_request (method, path->str, headers, data, size);

  g_assert_true (g_str_has_prefix (answer->str, "HTTP/1.1 "));
  status = (guint) g_ascii_strtoull (answer->str + 9, NULL, 10);
  g_assert_cmpuint (status, >=, 100);
  g_assert_cmpuint (status, <, 600);
  if (status == 500)
    g_error ("500 for %s %s:\n%s", method, path->str, answer->str);

  return 0;
}
