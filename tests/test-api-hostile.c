/* test-api-hostile.c: the REST client against a hostile server
 *
 * A SoupServer on 127.0.0.1 answers what no platform should: JSON nested
 * 200,000 deep (disguised from a bracket counter by comments and single
 * quotes), a body of one blank, a small gzip answer that expands without
 * end, and redirects to another host. Each must end in an error for the
 * user, never in a crash, unbounded memory or a request elsewhere.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "pd-api-client.h"
#include "pd-json.h"
#include "pd-test-utils.h"

/* Deep enough to overflow an 8 MiB stack in json-glib many times over. */
#define DEEP 200000

typedef struct {
  SoupServer *server;
  char       *base_url;
  guint       status;
  char       *content_type;
  GBytes     *body;
  gboolean    gzip;
  char       *location;
  guint       n_requests;
} Server;

static void
on_request_cb (SoupServer        *soup_server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  Server *server = user_data;
  SoupMessageHeaders *out = soup_server_message_get_response_headers (msg);

  server->n_requests++;
  soup_server_message_set_status (msg, server->status, NULL);
  if (server->location != NULL)
    soup_message_headers_replace (out, "Location", server->location);
  if (server->body == NULL)
    return;
  soup_message_headers_set_content_type (out, server->content_type, NULL);
  if (server->gzip)
    soup_message_headers_replace (out, "Content-Encoding", "gzip");
  soup_message_body_append_bytes (soup_server_message_get_response_body (msg), server->body);
}

static Server *
server_new (void)
{
  g_autoptr(GError) error = NULL;
  Server *server = g_new0 (Server, 1);
  GSList *uris;

  server->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server->server, NULL, on_request_cb, server, NULL);
  soup_server_listen_local (server->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server->server);
  server->base_url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  server->status = 200;
  server->content_type = g_strdup ("application/json");
  return server;
}

static void
server_free (Server *server)
{
  soup_server_disconnect (server->server);
  g_clear_object (&server->server);
  g_free (server->base_url);
  g_free (server->content_type);
  g_clear_pointer (&server->body, g_bytes_unref);
  g_free (server->location);
  g_free (server);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Server, server_free)

static void
serve (Server     *server,
       guint       status,
       const char *content_type,
       GBytes     *body)
{
  server->status = status;
  g_free (server->content_type);
  server->content_type = g_strdup (content_type);
  g_clear_pointer (&server->body, g_bytes_unref);
  server->body = body != NULL ? g_bytes_ref (body) : NULL;
}

static void
serve_text (Server     *server,
            guint       status,
            const char *content_type,
            const char *text)
{
  g_autoptr(GBytes) body = g_bytes_new (text, strlen (text));

  serve (server, status, content_type, body);
}

static PdApiClient *
make_client (Server *server)
{
  g_autoptr(GError) error = NULL;
  PdApiClient *client = pd_api_client_new (server->base_url, &error);

  g_assert_no_error (error);
  return client;
}

static PdApiChangePage *
get_changes (PdApiClient  *client,
             GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pd_api_client_get_changes_async (client, NULL, 0, NULL, pd_test_async_cb, &result);
  return pd_api_client_get_changes_finish (client, pd_test_wait_async (&result), error);
}

/* @prefix, then DEEP times "[". */
static char *
deep_text (const char *prefix)
{
  GString *text = g_string_new (prefix);

  for (guint i = 0; i < DEEP; i++)
    g_string_append_c (text, '[');
  return g_string_free (text, FALSE);
}

/* Nested @depth deep: [[[…1…]]] */
static char *
nested (guint depth)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, '[');
  g_string_append_c (text, '1');
  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, ']');
  return g_string_free (text, FALSE);
}

static void
test_json_strict (void)
{
  static const char * const good[] = {
    "{}", "[]", " {\"a\": [1, -2.5e+3, true, false, null, \"x\\u00e9\\n\"]} ", "0", "\"\"",
    "{\"\\ud83d\\ude00\": {}}", "[{\"a\":{\"b\":[]}}]", "-0.0E-0",
  };
  static const char * const bad[] = {
    "", " ", "\t\r\n", "{", "[1,]", "{\"a\":1,}", "{'a': 1}", "[/* */ 1]", "[1] // x", "[01]",
    "[1.]", "[.5]", "[+1]", "[NaN]", "[Infinity]", "[tru]", "[\"\\x\"]", "[\"a\nb\"]",
    "[\"\\ud800\"]", "[\"\\udc00\"]", "{a: 1}", "[1] [2]", "\xef\xbb\xbf[]", "[\"\xff\"]",
    "{\"a\" 1}", "[1 2]", "{\"a\":}",
  };
  g_autofree char *at_limit = nested (PD_JSON_MAX_DEPTH);
  g_autofree char *over_limit = nested (PD_JSON_MAX_DEPTH + 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(JsonNode) parsed = pd_json_from_string (good[i], &error);
      /* Escaped: TAP output must stay valid UTF-8 on one line. */
      g_autofree char *shown = g_strescape (good[i], NULL);

      g_test_message ("good: %s", shown);
      g_assert_no_error (error);
      g_assert_nonnull (parsed);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(JsonNode) parsed = pd_json_from_string (bad[i], &error);
      /* Escaped: TAP output must stay valid UTF-8 on one line. */
      g_autofree char *shown = g_strescape (bad[i], NULL);

      g_test_message ("bad: %s", shown);
      g_assert_null (parsed);
      g_assert_true (error != NULL && error->domain == JSON_PARSER_ERROR);
      g_clear_error (&error);
    }

  /* A NUL inside the given length is not the end of the text. */
  g_assert_false (pd_json_check_strict ("[1]\0[", 5, &error));
  g_assert_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA);
  g_clear_error (&error);

  node = pd_json_parse (at_limit, -1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (node);
  g_assert_null (pd_json_parse (over_limit, -1, &error));
  g_assert_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA);
}

/* 200,000 "[" in a 200 answer, read on a worker thread since it is large;
 * disguised from a bracket counter by a comment or a single-quoted key
 * that hides a double quote. */
static void
test_deep_answer (void)
{
  static const char * const prefixes[] = { "", "{\"a\":/*\"*/", "{'\"':", "{\"changes\": " };
  g_autoptr(Server) server = server_new ();
  g_autoptr(PdApiClient) client = make_client (server);

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    {
      g_autofree char *text = deep_text (prefixes[i]);
      g_autoptr(PdApiChangePage) page = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("prefix: %s", prefixes[i]);
      serve_text (server, 200, "application/json", text);
      page = get_changes (client, &error);
      g_assert_null (page);
      g_assert_error (error, PD_API_ERROR, PD_API_ERROR_INVALID_RESPONSE);
    }
}

/* The same as a problem body: failed answers are read on the main thread. */
static void
test_deep_problem (void)
{
  static const guint statuses[] = { 500, 412, 422, 429 };
  g_autoptr(Server) server = server_new ();
  g_autoptr(PdApiClient) client = make_client (server);
  g_autofree char *text = deep_text ("{\"type\": \"x\", \"current\": ");

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      g_autoptr(PdApiChangePage) page = NULL;
      g_autoptr(GError) error = NULL;

      serve_text (server, statuses[i], "application/problem+json", text);
      page = get_changes (client, &error);
      g_assert_null (page);
      g_assert_true (error != NULL && error->domain == PD_API_ERROR);
      g_assert_cmpuint (pd_api_error_get_status (error), ==, statuses[i]);
      g_assert_null (pd_api_error_get_current (error));
    }
}

/* One blank is a body, but no JSON value: an error, not a NULL root. */
static void
test_blank_answer (void)
{
  static const char * const blanks[] = { " ", "\r\n", "  \t " };
  g_autoptr(Server) server = server_new ();
  g_autoptr(PdApiClient) client = make_client (server);

  for (guint i = 0; i < G_N_ELEMENTS (blanks); i++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(PdApiChangePage) page = NULL;
      g_autoptr(GError) error = NULL;

      serve_text (server, 200, "application/json", blanks[i]);
      page = get_changes (client, &error);
      g_assert_null (page);
      g_assert_error (error, PD_API_ERROR, PD_API_ERROR_INVALID_RESPONSE);
      g_clear_error (&error);

      /* An answer without a result must still be JSON when it has a body. */
      pd_api_client_sign_out_async (client, NULL, pd_test_async_cb, &result);
      g_assert_false (pd_api_client_sign_out_finish (client, pd_test_wait_async (&result), &error));
      g_assert_error (error, PD_API_ERROR, PD_API_ERROR_INVALID_RESPONSE);
      g_clear_error (&error);

      serve_text (server, 503, "application/problem+json", blanks[i]);
      page = get_changes (client, &error);
      g_assert_error (error, PD_API_ERROR, PD_API_ERROR_UNAVAILABLE);
    }
}

/* @text followed by @n_blanks blanks, gzip-compressed: a few kilobytes
 * that libsoup expands to as many bytes as asked. */
static GBytes *
gzip_padded (const char *text,
             gsize       n_blanks)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 9);
  g_autoptr(GOutputStream) mem = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) zout = g_converter_output_stream_new (mem, G_CONVERTER (compressor));
  g_autofree char *blanks = g_malloc (1024 * 1024);
  g_autoptr(GError) error = NULL;

  memset (blanks, ' ', 1024 * 1024);
  g_output_stream_write_all (zout, text, strlen (text), NULL, NULL, &error);
  g_assert_no_error (error);
  while (n_blanks > 0)
    {
      gsize n = MIN (n_blanks, 1024 * 1024);

      g_output_stream_write_all (zout, blanks, n, NULL, NULL, &error);
      g_assert_no_error (error);
      n_blanks -= n;
    }
  g_output_stream_close (zout, NULL, &error);
  g_assert_no_error (error);
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (mem));
}

/* A gzip answer is read up to 64 MiB once decoded: a legit large one
 * whole, a bomb of 256 MiB not. The page is valid JSON either way (blanks
 * after the value), so without the limit the bomb would be read whole. */
static void
test_gzip_bomb (void)
{
  static const char page_text[] = "{\"changes\": [], \"next_cursor\": \"c9\", \"has_more\": false}";
  g_autoptr(Server) server = server_new ();
  g_autoptr(PdApiClient) client = make_client (server);
  g_autoptr(GBytes) legit = gzip_padded (page_text, 48 * 1024 * 1024);
  g_autoptr(GBytes) bomb = gzip_padded (page_text, 256 * 1024 * 1024);
  g_autoptr(PdApiChangePage) page = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (g_bytes_get_size (bomb), <, 1024 * 1024);
  server->gzip = TRUE;
  serve (server, 200, "application/json", legit);
  page = get_changes (client, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (page->next_cursor, ==, "c9");
  g_clear_pointer (&page, pd_api_change_page_free);

  serve (server, 200, "application/json", bomb);
  page = get_changes (client, &error);
  g_assert_null (page);
  g_assert_error (error, PD_API_ERROR, PD_API_ERROR_INVALID_RESPONSE);
  g_assert_nonnull (strstr (error->message, "larger than"));
  g_clear_error (&error);

  /* The same as a problem body. */
  serve (server, 500, "application/problem+json", bomb);
  page = get_changes (client, &error);
  g_assert_error (error, PD_API_ERROR, PD_API_ERROR_INVALID_RESPONSE);
  g_clear_error (&error);

  /* And the client still works afterwards. */
  serve_text (server, 200, "application/json", page_text);
  server->gzip = FALSE;
  page = get_changes (client, &error);
  g_assert_no_error (error);
  g_assert_nonnull (page);
}

/* A redirect is an error, and nothing reaches the other host: not a
 * GET with the token, not a sign-in with the password (307 and 308 keep
 * the method and the body). */
static void
test_redirect (void)
{
  static const guint statuses[] = { 301, 302, 303, 307, 308 };
  g_autoptr(Server) server = server_new ();
  g_autoptr(Server) elsewhere = server_new ();
  g_autoptr(PdApiClient) client = make_client (server);

  serve_text (elsewhere, 200, "application/json", "{\"changes\": [], \"next_cursor\": \"c1\", \"has_more\": false}");
  pd_api_client_set_token (client, "tok_secret");
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      g_autoptr(PdApiChangePage) page = NULL;
      g_autoptr(PdApiSession) session = NULL;
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("status %u", statuses[i]);
      serve_text (server, statuses[i], "text/html", "<a href=\"elsewhere\">moved</a>");
      g_free (server->location);
      server->location = g_strconcat (elsewhere->base_url, "/v1/changes", NULL);
      page = get_changes (client, &error);
      g_assert_null (page);
      g_assert_error (error, PD_API_ERROR, PD_API_ERROR_INVALID_RESPONSE);
      g_assert_nonnull (strstr (error->message, "redirect"));
      g_clear_error (&error);

      g_free (server->location);
      server->location = g_strconcat (elsewhere->base_url, "/v1/session", NULL);
      pd_api_client_sign_in_async (client, "ann@example.com", "secret password", NULL, NULL,
                                   pd_test_async_cb, &result);
      session = pd_api_client_sign_in_finish (client, pd_test_wait_async (&result), &error);
      g_assert_null (session);
      g_assert_error (error, PD_API_ERROR, PD_API_ERROR_INVALID_RESPONSE);
    }
  g_assert_cmpuint (server->n_requests, ==, 2 * G_N_ELEMENTS (statuses));
  g_assert_cmpuint (elsewhere->n_requests, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/api/hostile/json-strict", test_json_strict);
  g_test_add_func ("/api/hostile/deep-answer", test_deep_answer);
  g_test_add_func ("/api/hostile/deep-problem", test_deep_problem);
  g_test_add_func ("/api/hostile/blank-answer", test_blank_answer);
  g_test_add_func ("/api/hostile/gzip-bomb", test_gzip_bomb);
  g_test_add_func ("/api/hostile/redirect", test_redirect);

  return g_test_run ();
}
