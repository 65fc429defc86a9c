/* test-security-api.c: the API client keeps the wire and the logs safe
 *
 * Against real servers on 127.0.0.1: plain http:// to any other host is
 * refused before a byte is sent, a certificate error is an error (never
 * bypassed), and neither the password nor the token shows up in any log
 * message, even with every debug message on.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libsoup/soup.h>

#include "pd-api-client.h"
#include "pd-test-secrets.h"
#include "pd-test-utils.h"

#define PASSWORD "correct horse battery staple 7"
#define TOKEN    "tok_live_9c1e2b7d5e8f9a01"

static const char *session_json =
  "{\"token\": \"" TOKEN "\", \"expires_at\": \"2030-01-01T00:00:00Z\","
  " \"tenant\": {\"id\": \"t1\", \"name\": \"Bank\"},"
  " \"user\": {\"id\": \"u1\", \"email\": \"ann@example.com\", \"name\": \"Ann\"}}";

static void
test_security_api_plain_http_refused (void)
{
  static const char *refused[] = {
    "http://platform.example.com",
    "HTTP://platform.example.com/v1",
    "http://user:" PASSWORD "@platform.example.com",
    "http://127.0.0.1.nip.io",
    "http://localhost.example.com",
    "http://0.0.0.0:8080",
    "http://10.0.0.1",
    "http://[2001:db8::1]",
    "ftp://platform.example.com",
    "file:///etc/passwd",
    "javascript:alert(1)",
    "https://",
    "platform.example.com",
    "",
  };
  static const char *allowed[] = {
    "https://platform.example.com",
    "https://platform.example.com:8443/v1",
    "http://127.0.0.1:8080",
    "http://localhost:1234",
    "http://[::1]:9",
  };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PdApiClient) client = NULL;

      g_test_message ("refused: %s", refused[i]);
      g_assert_false (pd_api_check_url (refused[i], &error));
      g_assert_true (error->domain == PD_API_ERROR);
      g_clear_error (&error);

      client = pd_api_client_new (refused[i], &error);
      g_assert_null (client);
      g_assert_nonnull (error);
    }

  for (guint i = 0; i < G_N_ELEMENTS (allowed); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (pd_api_check_url (allowed[i], &error));
      g_assert_no_error (error);
    }
}

typedef struct
{
  guint         n_requests;
  gboolean      saw_bearer_token;
  GAsyncResult *result;
} ServerState;

static void
on_request_cb (SoupServer        *server,
               SoupServerMessage *message,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  ServerState *state = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (message);
  const char *authorization = soup_message_headers_get_one (headers, "Authorization");
  const char *method = soup_server_message_get_method (message);

  state->n_requests++;
  if (g_strcmp0 (authorization, "Bearer " TOKEN) == 0)
    state->saw_bearer_token = TRUE;

  if (g_str_equal (path, "/v1/session") && g_str_equal (method, "POST"))
    {
      soup_server_message_set_status (message, 201, NULL);
      soup_server_message_set_response (message, "application/json", SOUP_MEMORY_STATIC,
                                        session_json, strlen (session_json));
    }
  else if (g_str_equal (path, "/v1/me") && state->saw_bearer_token)
    {
      soup_server_message_set_status (message, 200, NULL);
      soup_server_message_set_response (message, "application/json", SOUP_MEMORY_STATIC,
                                        session_json, strlen (session_json));
    }
  else
    {
      /* A 401 whose problem text echoes the request, as a careless server
       * might: the client must not log it verbatim either. */
      static const char *problem =
        "{\"type\": \"https://api.particulate.example/problems/unauthorized\","
        " \"title\": \"Unauthorized\", \"status\": 401}";

      soup_server_message_set_status (message, 401, NULL);
      soup_message_headers_append (soup_server_message_get_response_headers (message),
                                   "WWW-Authenticate", "Bearer realm=\"particulate\"");
      soup_server_message_set_response (message, "application/problem+json", SOUP_MEMORY_STATIC,
                                        problem, strlen (problem));
    }
}

static void
on_done_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  ServerState *state = user_data;

  state->result = g_object_ref (result);
}

static GAsyncResult *
wait_for_result (ServerState *state)
{
  while (state->result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return g_steal_pointer (&state->result);
}

static char *
server_base_url (SoupServer *server)
{
  GSList *uris = soup_server_get_uris (server);
  char *url;

  g_assert_nonnull (uris);
  url = g_strdup_printf ("%s://127.0.0.1:%d",
                         g_uri_get_scheme (uris->data), g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  return url;
}

static void
test_security_api_tls_error_not_bypassed (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *pem_path = g_test_build_filename (G_TEST_DIST, "data", "self-signed-localhost.pem", NULL);
  g_autoptr(GTlsCertificate) certificate = g_tls_certificate_new_from_file (pem_path, &error);
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(PdApiClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(PdApiSession) session = NULL;
  g_autofree char *url = NULL;
  ServerState state = { 0 };

  g_assert_no_error (error);
  server = soup_server_new ("tls-certificate", certificate, NULL);
  soup_server_add_handler (server, NULL, on_request_cb, &state, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY | SOUP_SERVER_LISTEN_HTTPS, &error));
  g_assert_no_error (error);
  url = server_base_url (server);
  g_assert_true (g_str_has_prefix (url, "https://"));

  /* The certificate is self-signed: no trust store vouches for it. */
  client = pd_api_client_new (url, &error);
  g_assert_no_error (error);
  pd_api_client_set_timeout (client, 10);
  pd_api_client_sign_in_async (client, "ann@example.com", PASSWORD, NULL, NULL, on_done_cb, &state);
  result = wait_for_result (&state);
  session = pd_api_client_sign_in_finish (client, result, &error);

  g_assert_null (session);
  g_assert_error (error, PD_API_ERROR, PD_API_ERROR_TLS);
  /* The password never reached the server that could not prove who it is. */
  g_assert_cmpuint (state.n_requests, ==, 0);
}

static void
test_security_api_secrets_not_logged (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(PdApiClient) client = NULL;
  g_autofree char *url = NULL;
  g_autofree char *logs = NULL;
  g_autofree char *password_found = NULL;
  g_autofree char *token_found = NULL;
  ServerState state = { 0 };

  soup_server_add_handler (server, NULL, on_request_cb, &state, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  url = server_base_url (server);

  g_free (pd_test_log_capture_take ());
  client = pd_api_client_new (url, &error);
  g_assert_no_error (error);

  /* Sign in with the password, use the token, then a request the server
   * refuses (so error paths log too), and sign out. */
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(PdApiSession) session = NULL;

    pd_api_client_sign_in_async (client, "ann@example.com", PASSWORD, NULL, NULL, on_done_cb, &state);
    result = wait_for_result (&state);
    session = pd_api_client_sign_in_finish (client, result, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (session->token, ==, TOKEN);
    pd_api_client_set_token (client, session->token);
  }
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(PdApiSession) me = NULL;

    pd_api_client_get_me_async (client, NULL, on_done_cb, &state);
    result = wait_for_result (&state);
    me = pd_api_client_get_me_finish (client, result, &error);
    g_assert_no_error (error);
    g_assert_true (state.saw_bearer_token);
  }
  {
    g_autoptr(GAsyncResult) result = NULL;

    pd_api_client_sign_out_async (client, NULL, on_done_cb, &state);
    result = wait_for_result (&state);
    /* Our server refuses it; success or error, nothing may leak. */
    pd_api_client_sign_out_finish (client, result, NULL);
  }

  logs = pd_test_log_capture_take ();
  g_test_message ("%" G_GSIZE_FORMAT " bytes of log output checked", strlen (logs));
  password_found = pd_test_find_secret_in_text (logs, PASSWORD);
  token_found = pd_test_find_secret_in_text (logs, TOKEN);
  g_assert_null (password_found);
  g_assert_null (token_found);
}

int
main (int   argc,
      char *argv[])
{
  pd_test_log_capture_install ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/security/api/plain-http-refused", test_security_api_plain_http_refused);
  g_test_add_func ("/security/api/tls-error-not-bypassed", test_security_api_tls_error_not_bypassed);
  g_test_add_func ("/security/api/secrets-not-logged", test_security_api_secrets_not_logged);

  return g_test_run ();
}
