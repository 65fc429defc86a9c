/* pd-platform-fixture.c: the reference platform as a subprocess, for tests
 *
 * Starts the real server binary on a free loopback port (--port 0
 * --port-file), talks to it over real HTTP with libsoup, and on stop checks
 * that it shuts down cleanly (under the sanitizers that includes no leaks).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-platform-fixture"

#include "pd-platform-fixture.h"
#include "pd-test-utils.h"

#include <signal.h>
#include <string.h>
#include <glib/gstdio.h>
#include <sys/prctl.h>
#include <sys/resource.h>

static gboolean
port_file_written (gpointer data)
{
  g_autofree char *contents = NULL;

  return g_file_get_contents (data, &contents, NULL, NULL) && strchr (contents, '\n') != NULL;
}

typedef struct
{
  guint max_open_files;
} ChildLimits;

/* A test that fails aborts; its server must not outlive it. */
static void
child_setup (gpointer data)
{
  ChildLimits *limits = data;

  prctl (PR_SET_PDEATHSIG, SIGKILL);
  if (limits->max_open_files > 0)
    {
      struct rlimit limit = { limits->max_open_files, limits->max_open_files };

      setrlimit (RLIMIT_NOFILE, &limit);
    }
}

/* Starts fixture->argv and waits until it listens. */
static void
spawn (PdPlatformFixture *fixture)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_autoptr(GError) error = NULL;
  g_autofree char *port_file = g_build_filename (fixture->data_dir, "port", NULL);
  g_autofree char *contents = NULL;
  ChildLimits limits = { fixture->max_open_files };

  g_unlink (port_file);
  g_subprocess_launcher_set_child_setup (launcher, child_setup, g_memdup2 (&limits, sizeof limits), g_free);
  fixture->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) fixture->argv->pdata, &error);
  g_assert_no_error (error);

  /* the sanitizer build starts slowly, and the demo seed takes a moment */
  for (guint waited = 0; !port_file_written (port_file); waited += 10)
    {
      if (waited > 60000)
        g_error ("The platform did not start");
      g_usleep (10 * 1000);
    }
  g_file_get_contents (port_file, &contents, NULL, NULL);
  fixture->port = g_ascii_strtoull (contents, NULL, 10);
  g_assert_cmpuint (fixture->port, >, 0);
  g_free (fixture->base_url);
  fixture->base_url = g_strdup_printf ("%s://127.0.0.1:%u", fixture->tls ? "https" : "http", fixture->port);
}

static PdPlatformFixture *
start_va (guint       max_open_files,
          const char *first_arg,
          va_list     args)
{
  PdPlatformFixture *fixture = g_new0 (PdPlatformFixture, 1);
  GPtrArray *argv = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *port_file = NULL;
  const char *builddir = g_getenv ("G_TEST_BUILDDIR");

  fixture->data_dir = pd_test_make_private_dir ();
  fixture->max_open_files = max_open_files;
  port_file = g_build_filename (fixture->data_dir, "port", NULL);

  g_ptr_array_add (argv, g_build_filename (builddir ? builddir : ".", "platform", "particulate-platform", NULL));
  g_ptr_array_add (argv, g_strdup ("--data-dir"));
  g_ptr_array_add (argv, g_build_filename (fixture->data_dir, "data", NULL));
  g_ptr_array_add (argv, g_strdup ("--port"));
  g_ptr_array_add (argv, g_strdup ("0"));
  g_ptr_array_add (argv, g_strdup ("--port-file"));
  g_ptr_array_add (argv, g_strdup (port_file));
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, g_strdup (arg));
  /* tests sign in hundreds of times: a cheap hash, unless a test is about
   * the hash itself and names its count */
  if (!g_ptr_array_find_with_equal_func (argv, "--pbkdf2-iterations", g_str_equal, NULL))
    {
      g_ptr_array_add (argv, g_strdup ("--pbkdf2-iterations"));
      g_ptr_array_add (argv, g_strdup ("1000"));
    }
  g_ptr_array_add (argv, NULL);
  fixture->argv = argv;

  for (guint i = 0; i < argv->len - 1; i++)
    if (g_str_equal (g_ptr_array_index (argv, i), "--tls-cert"))
      fixture->tls = TRUE;
  spawn (fixture);
  {
    /* straight to loopback, whatever proxy the environment names */
    g_autoptr(GProxyResolver) direct = g_simple_proxy_resolver_new (NULL, NULL);

    fixture->session = soup_session_new_with_options ("timeout", 30, "proxy-resolver", direct, NULL);
  }
  return fixture;
}

PdPlatformFixture *
pd_platform_fixture_start (const char *first_arg,
                           ...)
{
  PdPlatformFixture *fixture;
  va_list args;

  va_start (args, first_arg);
  fixture = start_va (0, first_arg, args);
  va_end (args);
  return fixture;
}

/* As pd_platform_fixture_start(), with the server limited to
 * @max_open_files file descriptors (RLIMIT_NOFILE). */
PdPlatformFixture *
pd_platform_fixture_start_limited (guint       max_open_files,
                                   const char *first_arg,
                                   ...)
{
  PdPlatformFixture *fixture;
  va_list args;

  va_start (args, first_arg);
  fixture = start_va (max_open_files, first_arg, args);
  va_end (args);
  return fixture;
}

/* Waits for a clean exit: no crash, and under ASan no leak. */
static void
terminate (PdPlatformFixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_send_signal (fixture->process, SIGTERM);
  g_subprocess_wait (fixture->process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (fixture->process));
  g_assert_cmpint (g_subprocess_get_exit_status (fixture->process), ==, 0);
  g_clear_object (&fixture->process);
}

/* Stops the server and starts it again on the same data, as an operator
 * restarting it would; it may listen on another port. */
void
pd_platform_fixture_restart (PdPlatformFixture *fixture)
{
  terminate (fixture);
  spawn (fixture);
}

/* The process id of the server, for /proc. */
int
pd_platform_fixture_pid (PdPlatformFixture *fixture)
{
  const char *id = g_subprocess_get_identifier (fixture->process);

  g_assert_nonnull (id);
  return (int) g_ascii_strtoll (id, NULL, 10);
}

void
pd_platform_fixture_stop (PdPlatformFixture *fixture)
{
  g_clear_object (&fixture->session);
  terminate (fixture);
  pd_test_remove_tree (fixture->data_dir);
  g_ptr_array_unref (fixture->argv);
  g_free (fixture->data_dir);
  g_free (fixture->base_url);
  g_free (fixture);
}

/* The test certificate is self-signed: trust it, for this loopback server only. */
static gboolean
on_accept_certificate_cb (SoupMessage          *msg,
                          GTlsCertificate      *certificate,
                          GTlsCertificateFlags  errors,
                          gpointer              data)
{
  return TRUE;
}

static PdResponse *
request_va (PdPlatformFixture *fixture,
            const char        *method,
            const char        *path,
            const char        *token,
            const char        *content_type,
            const char        *body,
            gssize             body_len,
            va_list            args)
{
  g_autofree char *url = g_strconcat (fixture->base_url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  PdResponse *response = g_new0 (PdResponse, 1);
  SoupMessageHeaders *headers;
  const char *content;
  gint64 start;

  g_assert_nonnull (msg);
  if (fixture->tls)
    g_signal_connect (msg, "accept-certificate", G_CALLBACK (on_accept_certificate_cb), NULL);
  headers = soup_message_get_request_headers (msg);
  if (token != NULL)
    {
      g_autofree char *authorization = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (headers, "Authorization", authorization);
    }
  for (const char *name = va_arg (args, const char *); name != NULL; name = va_arg (args, const char *))
    soup_message_headers_replace (headers, name, va_arg (args, const char *));
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, body_len < 0 ? strlen (body) : (gsize) body_len);

      soup_message_set_request_body_from_bytes (msg, content_type, bytes);
    }

  start = g_get_monotonic_time ();
  response->body = soup_session_send_and_read (fixture->session, msg, NULL, &response->error);
  response->seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  response->status = soup_message_get_status (msg);
  response->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));

  content = soup_message_headers_get_content_type (response->headers, NULL);
  if (response->body != NULL && content != NULL &&
      (g_str_equal (content, "application/json") || g_str_equal (content, "application/problem+json")))
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;

      json_parser_load_from_data (parser, g_bytes_get_data (response->body, NULL),
                                  g_bytes_get_size (response->body), &error);
      g_assert_no_error (error);
      response->json = json_parser_steal_root (parser);
    }
  return response;
}

PdResponse *
pd_platform_request (PdPlatformFixture *fixture,
                     const char        *method,
                     const char        *path,
                     const char        *token,
                     const char        *content_type,
                     const char        *body,
                     gssize             body_len,
                     ...)
{
  PdResponse *response;
  va_list args;

  va_start (args, body_len);
  response = request_va (fixture, method, path, token, content_type, body, body_len, args);
  va_end (args);
  return response;
}

PdResponse *
pd_platform_json (PdPlatformFixture *fixture,
                  const char        *method,
                  const char        *path,
                  const char        *token,
                  const char        *json,
                  ...)
{
  PdResponse *response;
  va_list args;

  va_start (args, json);
  response = request_va (fixture, method, path, token, "application/json", json, -1, args);
  va_end (args);
  return response;
}

void
pd_response_free (PdResponse *response)
{
  g_clear_pointer (&response->headers, soup_message_headers_unref);
  g_clear_pointer (&response->body, g_bytes_unref);
  g_clear_pointer (&response->json, json_node_unref);
  g_clear_error (&response->error);
  g_free (response);
}

const char *
pd_response_header (PdResponse *response,
                    const char *name)
{
  return soup_message_headers_get_one (response->headers, name);
}

JsonObject *
pd_response_object (PdResponse *response)
{
  g_assert_nonnull (response->json);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (response->json));
  return json_node_get_object (response->json);
}

const char *
pd_response_string (PdResponse *response,
                    const char *member)
{
  JsonNode *node = json_object_get_member (pd_response_object (response), member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  return json_node_get_string (node);
}

gint64
pd_response_int (PdResponse *response,
                 const char *member)
{
  JsonNode *node = json_object_get_member (pd_response_object (response), member);

  g_assert_nonnull (node);
  return json_node_get_int (node);
}

/* The slug of a problem document, or NULL. */
const char *
pd_response_problem (PdResponse *response)
{
  static const char base[] = "https://api.particulate.example/problems/";
  const char *type;

  if (response->json == NULL || !JSON_NODE_HOLDS_OBJECT (response->json))
    return NULL;
  type = pd_response_string (response, "type");
  if (type == NULL || !g_str_has_prefix (type, base))
    return NULL;
  return type + strlen (base);
}

char *
pd_platform_sign_in (PdPlatformFixture *fixture,
                     const char        *email,
                     const char        *password)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *body = NULL;
  g_autoptr(PdResponse) response = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "email");
  json_builder_add_string_value (builder, email);
  json_builder_set_member_name (builder, "password");
  json_builder_add_string_value (builder, password);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  body = json_to_string (root, FALSE);

  response = pd_platform_json (fixture, "POST", "/v1/session", NULL, body, (const char *) NULL);
  pd_assert_status (response, 201);
  return g_strdup (pd_response_string (response, "token"));
}

/* Creates a tenant with one user; returns the user's API token. */
char *
pd_platform_admin_tenant (PdPlatformFixture  *fixture,
                          const char         *name,
                          const char         *email,
                          const char         *password,
                          char              **tenant_id)
{
  g_autofree char *body = g_strdup_printf ("{\"name\": \"%s\", \"email\": \"%s\", \"password\": \"%s\"}",
                                           name, email, password);
  g_autoptr(PdResponse) response = pd_platform_json (fixture, "POST", "/_admin/tenants", NULL, body, (const char *) NULL);

  pd_assert_status (response, 201);
  if (tenant_id != NULL)
    *tenant_id = g_strdup (json_object_get_string_member (
      json_object_get_object_member (pd_response_object (response), "tenant"), "id"));
  return g_strdup (pd_response_string (response, "api_token"));
}

void
pd_platform_admin_faults (PdPlatformFixture *fixture,
                          const char        *json)
{
  g_autoptr(PdResponse) response = pd_platform_json (fixture, "POST", "/_admin/faults", NULL, json, (const char *) NULL);

  pd_assert_status (response, 200);
}
