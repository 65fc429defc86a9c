/* pd-sync-test-utils.c: the real platform server, a fault proxy and a
 * keyring for the sync and account tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pd-sync-test-utils.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sys/prctl.h>
#include <libsoup/soup.h>

#include "pd-store-sync.h"
#include "pd-test-utils.h"
#include "pd-voucher-issue.h"

static JsonNode *
parse_json (GBytes *bytes)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  if (len == 0 || !json_parser_load_from_data (parser, data, len, NULL))
    return NULL;
  return json_parser_steal_root (parser);
}

/* The server goes when the test goes, even when the test aborts. */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static void
launch (PdTestPlatform *platform,
        guint           port)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_autofree char *binary = g_test_build_filename (G_TEST_BUILT, "platform", "particulate-platform", NULL);
  g_autofree char *port_file = g_build_filename (platform->data_dir, "port", NULL);
  g_autofree char *port_arg = g_strdup_printf ("%u", port);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  g_unlink (port_file);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  g_ptr_array_add (argv, binary);
  g_ptr_array_add (argv, (char *) "--data-dir");
  g_ptr_array_add (argv, platform->data_dir);
  g_ptr_array_add (argv, (char *) "--port");
  g_ptr_array_add (argv, port_arg);
  g_ptr_array_add (argv, (char *) "--port-file");
  g_ptr_array_add (argv, port_file);
  g_ptr_array_add (argv, (char *) "--admin");
  /* Every client of a test (several accounts, the proxy, the helpers'
   * one-off sessions) comes from 127.0.0.1, where a real platform would
   * see many addresses; the cap itself is tested in the hardening test. */
  g_ptr_array_add (argv, (char *) "--max-connections-per-peer");
  g_ptr_array_add (argv, (char *) "1024");
  for (guint i = 0; platform->extra_args != NULL && platform->extra_args[i] != NULL; i++)
    g_ptr_array_add (argv, platform->extra_args[i]);
  g_ptr_array_add (argv, NULL);

  platform->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);

  while (!g_file_get_contents (port_file, &text, NULL, NULL) || strchr (text, '\n') == NULL)
    {
      g_clear_pointer (&text, g_free);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (10000);
    }

  g_free (platform->url);
  platform->url = g_strdup_printf ("http://127.0.0.1:%u", (guint) g_ascii_strtoull (text, NULL, 10));
}

/**
 * pd_test_platform_start:
 * @extra_args: (nullable): more options, e.g. "--feed-retention", "5"
 *
 * Starts particulate-platform from the build tree with --admin in a
 * private folder and waits until it listens.
 */
PdTestPlatform *
pd_test_platform_start (const char * const *extra_args)
{
  PdTestPlatform *platform = g_new0 (PdTestPlatform, 1);

  platform->data_dir = pd_test_make_private_dir ();
  platform->extra_args = g_strdupv ((char **) extra_args);
  launch (platform, 0);
  return platform;
}

void
pd_test_platform_stop (PdTestPlatform *platform)
{
  if (platform->process == NULL)
    return;
  g_subprocess_send_signal (platform->process, SIGTERM);
  g_subprocess_wait (platform->process, NULL, NULL);
  g_clear_object (&platform->process);
}

/* Stops and starts the server on the same port with the same data. */
void
pd_test_platform_restart (PdTestPlatform *platform)
{
  g_autoptr(GUri) uri = g_uri_parse (platform->url, G_URI_FLAGS_NONE, NULL);

  pd_test_platform_stop (platform);
  launch (platform, g_uri_get_port (uri));
}

void
pd_test_platform_free (PdTestPlatform *platform)
{
  pd_test_platform_stop (platform);
  pd_test_remove_tree (platform->data_dir);
  g_free (platform->data_dir);
  g_free (platform->url);
  g_strfreev (platform->extra_args);
  g_free (platform);
}

/**
 * pd_test_platform_request:
 * @token: (nullable): bearer token
 * @body: (nullable): JSON to send
 *
 * A blocking request straight to the platform (never through a proxy of
 * this process), to set up and check the server's side.
 *
 * Returns: (transfer full) (nullable): the parsed answer
 */
JsonNode *
pd_test_platform_request (PdTestPlatform *platform,
                          const char     *method,
                          const char     *path,
                          const char     *token,
                          const char     *body,
                          guint          *status)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strconcat (platform->url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;

  if (token != NULL)
    {
      g_autofree char *auth = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
    }
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }
  if (g_str_equal (method, "PUT"))
    soup_message_headers_replace (soup_message_get_request_headers (msg), "If-None-Match", "*");
  /* A session per request: its connection must not linger on the
   * platform, which caps the connections of one address. */
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Connection", "close");

  reply = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  if (status != NULL)
    *status = soup_message_get_status (msg);
  return parse_json (reply);
}

void
pd_test_platform_set_faults (PdTestPlatform *platform,
                             const char     *json)
{
  guint status = 0;
  g_autoptr(JsonNode) node = pd_test_platform_request (platform, "POST", "/_admin/faults", NULL, json, &status);

  g_assert_cmpuint (status, ==, 200);
}

/**
 * pd_test_platform_add_tenant:
 *
 * Returns: (transfer full): an API token of the new tenant's user
 */
char *
pd_test_platform_add_tenant (PdTestPlatform  *platform,
                             const char      *name,
                             const char      *email,
                             const char      *password,
                             char           **tenant_id)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) request = NULL;
  g_autofree char *body = NULL;
  guint status = 0;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *object;

  /* Built, not printed: test passwords may hold quotes. */
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, name);
  json_builder_set_member_name (builder, "email");
  json_builder_add_string_value (builder, email);
  json_builder_set_member_name (builder, "password");
  json_builder_add_string_value (builder, password);
  json_builder_end_object (builder);
  request = json_builder_get_root (builder);
  body = json_to_string (request, FALSE);
  node = pd_test_platform_request (platform, "POST", "/_admin/tenants", NULL, body, &status);

  g_assert_cmpuint (status, ==, 201);
  object = json_node_get_object (node);
  if (tenant_id != NULL)
    *tenant_id = g_strdup (json_object_get_string_member (json_object_get_object_member (object, "tenant"), "id"));
  return g_strdup (json_object_get_string_member (object, "api_token"));
}

/* Returns: (transfer full): a session token for @api_token */
char *
pd_test_platform_sign_in (PdTestPlatform *platform,
                          const char     *api_token)
{
  g_autofree char *body = g_strdup_printf ("{\"api_token\": \"%s\"}", api_token);
  guint status = 0;
  g_autoptr(JsonNode) node = pd_test_platform_request (platform, "POST", "/v1/session", NULL, body, &status);

  g_assert_cmpuint (status, ==, 201);
  return g_strdup (json_object_get_string_member (json_node_get_object (node), "token"));
}

/**
 * pd_test_platform_list:
 *
 * Returns: (transfer full) (element-type JsonObject): every record of
 *   @collection as the platform holds it
 */
GPtrArray *
pd_test_platform_list (PdTestPlatform *platform,
                       const char     *token,
                       const char     *collection)
{
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autofree char *cursor = NULL;

  do
    {
      g_autofree char *path = NULL;
      g_autoptr(JsonNode) node = NULL;
      JsonObject *page;
      JsonArray *items;
      guint status = 0;

      if (cursor != NULL)
        {
          g_autofree char *escaped = g_uri_escape_string (cursor, NULL, FALSE);

          path = g_strdup_printf ("/v1/%s?limit=1000&cursor=%s", collection, escaped);
        }
      else
        path = g_strdup_printf ("/v1/%s?limit=1000", collection);
      node = pd_test_platform_request (platform, "GET", path, token, NULL, &status);
      g_assert_cmpuint (status, ==, 200);
      page = json_node_get_object (node);
      items = json_object_get_array_member (page, "items");
      for (guint i = 0; i < json_array_get_length (items); i++)
        g_ptr_array_add (records, json_object_ref (json_array_get_object_element (items, i)));
      g_clear_pointer (&cursor, g_free);
      if (json_object_has_member (page, "next_cursor") &&
          !json_object_get_null_member (page, "next_cursor"))
        cursor = g_strdup (json_object_get_string_member (page, "next_cursor"));
    }
  while (cursor != NULL);

  return records;
}

/* ---- the proxy ---- */

struct _PdTestProxy {
  SoupServer  *server;
  SoupSession *session;
  char        *backend;
  char        *url;
  GPtrArray   *log;
  guint        answer_skip;
  guint        answer_count;
  guint        answer_status;
  char        *answer_retry_after;
  char        *answer_body;
  char        *hang_up_method;
  guint        hang_up_count;
};

typedef struct {
  PdTestProxy       *proxy;
  SoupServerMessage *msg;
  PdTestProxyEntry  *entry;
  SoupMessage       *forward;
  gboolean           hang_up;
} Forward;

static void
entry_free (gpointer data)
{
  PdTestProxyEntry *entry = data;

  g_free (entry->method);
  g_free (entry->path);
  g_free (entry);
}

static void
copy_header_cb (const char *name,
                const char *value,
                gpointer    user_data)
{
  SoupMessageHeaders *out = user_data;

  if (g_ascii_strcasecmp (name, "Host") == 0 ||
      g_ascii_strcasecmp (name, "Content-Length") == 0 ||
      g_ascii_strcasecmp (name, "Content-Encoding") == 0 ||
      g_ascii_strcasecmp (name, "Transfer-Encoding") == 0 ||
      g_ascii_strcasecmp (name, "Connection") == 0 ||
      g_ascii_strcasecmp (name, "Accept-Encoding") == 0)
    return;
  soup_message_headers_append (out, name, value);
}

static void
on_forwarded_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Forward *fw = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);

  if (fw->hang_up || body == NULL)
    {
      /* The platform did the work; the client never hears of it. */
      GIOStream *stream = soup_server_message_steal_connection (fw->msg);

      fw->entry->status = 0;
      if (stream != NULL)
        {
          g_io_stream_close (stream, NULL, NULL);
          g_object_unref (stream);
        }
    }
  else
    {
      SoupMessageHeaders *in = soup_message_get_response_headers (fw->forward);
      SoupMessageHeaders *out = soup_server_message_get_response_headers (fw->msg);
      gsize len;
      const char *data = g_bytes_get_data (body, &len);

      fw->entry->status = soup_message_get_status (fw->forward);
      soup_server_message_set_status (fw->msg, fw->entry->status, NULL);
      soup_message_headers_foreach (in, copy_header_cb, out);
      soup_message_body_append (soup_server_message_get_response_body (fw->msg),
                                SOUP_MEMORY_COPY, data, len);
      soup_server_message_unpause (fw->msg);
    }

  g_object_unref (fw->forward);
  g_object_unref (fw->msg);
  g_free (fw);
}

static void
on_proxy_request_cb (SoupServer        *server,
                     SoupServerMessage *msg,
                     const char        *path,
                     GHashTable        *query,
                     gpointer           user_data)
{
  PdTestProxy *proxy = user_data;
  PdTestProxyEntry *entry = g_new0 (PdTestProxyEntry, 1);
  GUri *uri = soup_server_message_get_uri (msg);
  g_autofree char *url = NULL;
  g_autoptr(GBytes) body = NULL;
  Forward *fw;

  entry->method = g_strdup (soup_server_message_get_method (msg));
  entry->path = g_strdup (path);
  entry->at = g_get_monotonic_time ();
  g_ptr_array_add (proxy->log, entry);

  if (proxy->answer_count > 0 && g_str_has_prefix (path, "/v1/"))
    {
      if (proxy->answer_skip > 0)
        proxy->answer_skip--;
      else
        {
          g_autofree char *problem = g_strdup_printf ("{\"type\": \"https://api.particulate.example/problems/%s\", \"status\": %u}",
                                                      proxy->answer_status == 401 ? "unauthorized" :
                                                      proxy->answer_status == 429 ? "rate-limited" : "unavailable",
                                                      proxy->answer_status);

          proxy->answer_count--;
          entry->status = proxy->answer_status;
          if (proxy->answer_body != NULL)
            {
              soup_server_message_set_status (msg, proxy->answer_status, NULL);
              soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                                proxy->answer_body, strlen (proxy->answer_body));
              g_clear_pointer (&proxy->answer_body, g_free);
              return;
            }
          if (proxy->answer_retry_after != NULL)
            soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                          "Retry-After", proxy->answer_retry_after);
          soup_server_message_set_status (msg, proxy->answer_status, NULL);
          soup_server_message_set_response (msg, "application/problem+json", SOUP_MEMORY_COPY,
                                            problem, strlen (problem));
          return;
        }
    }

  url = g_strdup_printf ("%s%s%s%s", proxy->backend, path,
                         g_uri_get_query (uri) != NULL ? "?" : "",
                         g_uri_get_query (uri) != NULL ? g_uri_get_query (uri) : "");

  fw = g_new0 (Forward, 1);
  fw->proxy = proxy;
  fw->msg = g_object_ref (msg);
  fw->entry = entry;
  fw->forward = soup_message_new (entry->method, url);
  soup_message_headers_foreach (soup_server_message_get_request_headers (msg), copy_header_cb,
                                soup_message_get_request_headers (fw->forward));
  body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  if (g_bytes_get_size (body) > 0)
    soup_message_set_request_body_from_bytes (fw->forward,
                                              soup_message_headers_get_content_type (soup_server_message_get_request_headers (msg), NULL),
                                              body);

  if (proxy->hang_up_count > 0 && g_str_equal (entry->method, proxy->hang_up_method))
    {
      proxy->hang_up_count--;
      fw->hang_up = TRUE;
    }

  soup_server_message_pause (msg);
  soup_session_send_and_read_async (proxy->session, fw->forward, G_PRIORITY_DEFAULT, NULL,
                                    on_forwarded_cb, fw);
}

PdTestProxy *
pd_test_proxy_new (const char *backend_url)
{
  PdTestProxy *proxy = g_new0 (PdTestProxy, 1);
  g_autoptr(GError) error = NULL;
  GSList *uris;

  proxy->backend = g_strdup (backend_url);
  proxy->log = g_ptr_array_new_with_free_func (entry_free);
  proxy->session = soup_session_new ();
  proxy->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (proxy->server, NULL, on_proxy_request_cb, proxy, NULL);
  soup_server_listen_local (proxy->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (proxy->server);
  proxy->url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return proxy;
}

void
pd_test_proxy_free (PdTestProxy *proxy)
{
  soup_server_disconnect (proxy->server);
  g_clear_object (&proxy->server);
  g_clear_object (&proxy->session);
  g_ptr_array_unref (proxy->log);
  g_free (proxy->backend);
  g_free (proxy->url);
  g_free (proxy->answer_retry_after);
  g_free (proxy->answer_body);
  g_free (proxy->hang_up_method);
  g_free (proxy);
}

const char *
pd_test_proxy_get_url (PdTestProxy *proxy)
{
  return proxy->url;
}

/* (transfer none) (element-type PdTestProxyEntry) */
GPtrArray *
pd_test_proxy_get_log (PdTestProxy *proxy)
{
  return proxy->log;
}

guint
pd_test_proxy_count (PdTestProxy *proxy,
                     const char  *method,
                     const char  *path_prefix)
{
  guint n = 0;

  for (guint i = 0; i < proxy->log->len; i++)
    {
      PdTestProxyEntry *entry = g_ptr_array_index (proxy->log, i);

      if ((method == NULL || g_str_equal (entry->method, method)) &&
          (path_prefix == NULL || g_str_has_prefix (entry->path, path_prefix)))
        n++;
    }
  return n;
}

/**
 * pd_test_proxy_answer:
 * @skip: /v1 requests to let through first
 * @count: then answer this many with @status in the platform's place
 * @retry_after: (nullable): the Retry-After header to send
 */
void
pd_test_proxy_answer (PdTestProxy *proxy,
                      guint        skip,
                      guint        count,
                      guint        status,
                      const char  *retry_after)
{
  proxy->answer_skip = skip;
  proxy->answer_count = count;
  proxy->answer_status = status;
  g_free (proxy->answer_retry_after);
  proxy->answer_retry_after = g_strdup (retry_after);
}

/* The request after the next @skip ones to /v1/ is answered with 200 and
 * @body (JSON) in the platform's place. */
void
pd_test_proxy_answer_body (PdTestProxy *proxy,
                           guint        skip,
                           const char  *body)
{
  pd_test_proxy_answer (proxy, skip, 1, 200, NULL);
  g_free (proxy->answer_body);
  proxy->answer_body = g_strdup (body);
}

/* The next @count requests with @method reach the platform, but the
 * connection is closed before the client reads the answer. */
void
pd_test_proxy_hang_up_after_forward (PdTestProxy *proxy,
                                     const char  *method,
                                     guint        count)
{
  g_free (proxy->hang_up_method);
  proxy->hang_up_method = g_strdup (method);
  proxy->hang_up_count = count;
}

/* ---- the keyring ---- */

static gboolean
secret_service_running (GDBusConnection *bus)
{
  g_autoptr(GVariant) reply = NULL;
  gboolean has_owner = FALSE;

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", "org.freedesktop.secrets"),
                                       G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
  if (reply == NULL)
    return FALSE;
  g_variant_get (reply, "(b)", &has_owner);
  return has_owner;
}

static guint32 started_keyring_pid;

/* Stops the daemon pd_test_start_keyring() started, if it did: it would
 * otherwise outlive the test's session bus. */
void
pd_test_stop_keyring (void)
{
  if (started_keyring_pid != 0)
    kill ((pid_t) started_keyring_pid, SIGTERM);
  started_keyring_pid = 0;
}

static guint32
secret_service_pid (GDBusConnection *bus)
{
  g_autoptr(GVariant) reply = NULL;
  guint32 pid = 0;

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "GetConnectionUnixProcessID",
                                       g_variant_new ("(s)", "org.freedesktop.secrets"),
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(u)", &pid);
  return pid;
}

/**
 * pd_test_start_keyring:
 *
 * Makes sure a Secret Service runs on the session bus: starts
 * gnome-keyring-daemon with an unlocked keyring in a private folder when
 * none runs. Returns %FALSE only when there is no session bus or no
 * daemon to start.
 */
gboolean
pd_test_start_keyring (void)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) daemon = NULL;
  g_autofree char *home = NULL;
  g_autofree char *data = NULL;
  g_autofree char *binary = g_find_program_in_path ("gnome-keyring-daemon");
  gint64 deadline;

  if (bus == NULL)
    return FALSE;
  if (secret_service_running (bus))
    return TRUE;
  if (binary == NULL)
    return FALSE;

  /* The keyring file goes to a private folder, never the user's. */
  home = pd_test_make_private_dir ();
  data = g_build_filename (home, "data", NULL);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                        G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_setenv (launcher, "HOME", home, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_RUNTIME_DIR", home, TRUE);
  daemon = g_subprocess_launcher_spawn (launcher, NULL, binary, "--unlock", "--components=secrets", NULL);
  if (daemon == NULL)
    return FALSE;
  /* The password of the new login keyring; an empty one is refused. */
  g_subprocess_communicate_utf8 (daemon, "test-password", NULL, NULL, NULL, NULL);

  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (!secret_service_running (bus) && g_get_monotonic_time () < deadline)
    g_usleep (20000);
  if (!secret_service_running (bus))
    return FALSE;
  started_keyring_pid = secret_service_pid (bus);
  return TRUE;
}

/* ---- sync clients ---- */

/**
 * pd_test_account_new:
 * @directory: where the account's database goes
 * @token: (nullable): the session token
 *
 * An account as the manager would restore it, without the keyring, so
 * that the sync tests run where no Secret Service does.
 */
PdAccount *
pd_test_account_new (const char *directory,
                     const char *url,
                     const char *token)
{
  PdAccount *account = _pd_account_new ("00000000-0000-4000-8000-000000000001", url, directory);

  g_mkdir_with_parents (directory, 0700);
  _pd_account_set_identity (account, "tenant", "Test tenant", "ada@example.com", "Ada");
  _pd_account_set_token (account, token);
  return account;
}

static void
on_sync_finished_cb (PdSyncEngine *engine,
                     const GError *error,
                     gpointer      user_data)
{
  GError **out = user_data;

  *out = error != NULL ? g_error_copy (error) : g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NONE, "ok");
}

/* Runs one sync to its end; returns why it stopped early, or %NULL. */
GError *
pd_test_sync (PdSyncEngine *engine)
{
  GError *result = NULL;
  gulong id = g_signal_connect (engine, "sync-finished", G_CALLBACK (on_sync_finished_cb), &result);

  pd_sync_engine_sync_now (engine);
  /* Offline, signed out or asked to wait: no run started. */
  if (!pd_sync_engine_get_busy (engine) && result == NULL)
    result = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_PENDING, "deferred");
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (engine, id);

  if (g_error_matches (result, G_IO_ERROR, G_IO_ERROR_NONE))
    g_clear_error (&result);
  return result;
}

/* A campaign the platform accepts. */
PdCampaign *
pd_test_campaign_new (const char *name)
{
  PdCampaign *campaign = pd_campaign_new ();
  g_autofree char *starts_at = pd_test_iso8601_in_days (90);
  g_autofree char *ends_at = pd_test_iso8601_in_days (180);
  g_autoptr(GDateTime) starts = g_date_time_new_from_iso8601 (starts_at, NULL);
  g_autoptr(GDateTime) ends = g_date_time_new_from_iso8601 (ends_at, NULL);
  g_autofree char *slug = g_strdup_printf ("c-%08x", g_random_int ());

  pd_campaign_set_name (campaign, name);
  pd_campaign_set_slug (campaign, slug);
  pd_campaign_set_starts_at (campaign, starts);
  pd_campaign_set_ends_at (campaign, ends);
  pd_campaign_set_voucher_budget_coins (campaign, 5000);
  pd_campaign_text_set_title (pd_campaign_ensure_text (campaign, "de"), name);
  return campaign;
}

/* Saves a new campaign the platform accepts into @store; returns its id. */
char *
pd_test_store_add_campaign (PdStore    *store,
                            const char *name)
{
  g_autoptr(PdCampaign) campaign = pd_test_campaign_new (name);
  g_autoptr(GError) error = NULL;

  g_assert_true (pd_store_save (store, PD_RECORD (campaign), NULL, &error));
  g_assert_no_error (error);
  return g_strdup (pd_record_get_id (PD_RECORD (campaign)));
}

/* A user's edit: the campaign @id of @store gets the name @name. */
void
pd_test_store_rename_campaign (PdStore    *store,
                               const char *id,
                               const char *name)
{
  g_autoptr(PdCampaign) campaign = pd_store_get_campaign (store, id);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (campaign);
  pd_campaign_set_name (campaign, name);
  g_assert_true (pd_store_save (store, PD_RECORD (campaign), NULL, &error));
  g_assert_no_error (error);
}

/* Issues @count vouchers of @coins for the campaign @campaign_id of
 * @store, as the Vouchers page does, expiring 60 days after @now;
 * returns the batch's id. */
char *
pd_test_store_issue_batch (PdStore    *store,
                           const char *campaign_id,
                           guint       count,
                           gint64      coins,
                           GDateTime  *now)
{
  g_autoptr(PdVoucherBatch) batch = pd_voucher_batch_new (campaign_id);
  g_autoptr(PdVoucherGenerator) generator = NULL;
  g_autoptr(GDateTime) expires = g_date_time_add_days (now, 60);
  g_autoptr(GArray) codes = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *done = NULL;

  pd_voucher_batch_set_label (batch, "Kunden");
  pd_voucher_batch_set_count (batch, count);
  pd_voucher_batch_set_coins_per_voucher (batch, coins);
  pd_voucher_batch_set_expires_at (batch, expires);
  generator = pd_voucher_issue_prepare (store, batch, FALSE, now, &error);
  g_assert_no_error (error);
  pd_voucher_issue_async (store, batch, generator, NULL, pd_test_async_cb, &done);
  pd_test_wait_async (&done);
  codes = pd_voucher_issue_finish (store, done, &error);
  g_clear_object (&done);
  g_assert_no_error (error);
  g_assert_cmpuint (codes->len, ==, count);
  return g_strdup (pd_record_get_id (PD_RECORD (batch)));
}

/* Publishes the campaign @campaign_id of @store through @account's client
 * and asserts the platform made it live. */
void
pd_test_publish_campaign (PdAccount  *account,
                          PdStore    *store,
                          const char *campaign_id,
                          const char *idempotency_key)
{
  g_autoptr(PdCampaign) campaign = pd_store_get_campaign (store, campaign_id);
  g_autoptr(PdApiRecord) published = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *done = NULL;

  pd_api_client_publish_async (pd_account_get_client (account), campaign_id,
                               pd_record_get_revision (PD_RECORD (campaign)), TRUE, idempotency_key,
                               NULL, pd_test_async_cb, &done);
  pd_test_wait_async (&done);
  published = pd_api_client_record_finish (pd_account_get_client (account), done, &error);
  g_clear_object (&done);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (published->object, "status"), ==, "live");
}

/* What the platform answers for @record: its content at @revision. */
static JsonNode *
platform_copy (PdRecord *record,
               gint64    revision)
{
  JsonNode *node = pd_record_content_to_json (record);

  json_object_set_int_member (json_node_get_object (node), "revision", revision);
  return node;
}

/* Freezes the change of record @id waiting in @store's outbox, as the
 * engine does before it sends it; returns the op. */
static gint64
freeze_change (PdStore    *store,
               const char *id)
{
  g_autoptr(GPtrArray) ops = pd_store_list_outbox (store, TRUE, NULL);

  g_assert_nonnull (ops);
  for (guint i = 0; i < ops->len; i++)
    {
      PdOutboxOp *op = g_ptr_array_index (ops, i);
      g_autoptr(PdOutboxOp) frozen = NULL;
      g_autoptr(GError) error = NULL;

      if (!g_str_equal (op->record_id, id))
        continue;
      frozen = pd_store_mark_inflight (store, op->op_id, &error);
      g_assert_no_error (error);
      g_assert_nonnull (frozen);
      return op->op_id;
    }

  g_error ("no change of %s waits to be sent", id);
}

/* Saves @campaign and lets the platform accept it, so that it is synced
 * and has a base that later changes are merged against. */
static void
save_synced (PdStore    *store,
             PdCampaign *campaign)
{
  const char *id = pd_record_get_id (PD_RECORD (campaign));
  g_autoptr(JsonNode) answer = platform_copy (PD_RECORD (campaign), 1);
  g_autoptr(GError) error = NULL;

  g_assert_true (pd_store_save (store, PD_RECORD (campaign), NULL, &error));
  g_assert_no_error (error);
  g_assert_true (pd_store_apply_push_result (store, freeze_change (store, id), 1, answer, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pd_store_get_sync_state (store, "campaign", id), ==, PD_SYNC_STATE_SYNCED);
}

/* The platform refuses the local change of @id (412): it holds @current
 * (%NULL: it deleted the record), changed by someone else meanwhile. */
static void
push_refused (PdStore    *store,
              const char *id,
              JsonNode   *current)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pd_store_apply_push_conflict (store, freeze_change (store, id), 2, current, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pd_store_get_sync_state (store, "campaign", id), ==, PD_SYNC_STATE_CONFLICT);
}

/**
 * pd_test_store_add_conflicts:
 *
 * Puts three campaigns into conflict in @store, one of each kind, as a
 * platform that refuses their pushes (412) leaves them: two fields
 * changed here and on the platform ("Spring Appeal"); changed here but
 * deleted there ("Autumn Appeal"); deleted here but changed there
 * ("Winter Appeal"). No platform is needed.
 */
void
pd_test_store_add_conflicts (PdStore *store)
{
  g_autoptr(PdCampaign) both = pd_test_campaign_new ("Spring Appeal");
  g_autoptr(PdCampaign) gone_there = pd_test_campaign_new ("Autumn Appeal");
  g_autoptr(PdCampaign) gone_here = pd_test_campaign_new ("Winter Appeal");
  g_autoptr(JsonNode) current = NULL;
  g_autoptr(GError) error = NULL;

  save_synced (store, both);
  save_synced (store, gone_there);
  save_synced (store, gone_here);

  current = platform_copy (PD_RECORD (both), 2);
  json_object_set_string_member (json_node_get_object (current), "name", "Spring Appeal (platform)");
  json_object_set_int_member (json_node_get_object (current), "voucher_budget_coins", 2000);
  pd_campaign_set_name (both, "Spring Appeal (here)");
  pd_campaign_set_voucher_budget_coins (both, 3000);
  g_assert_true (pd_store_save (store, PD_RECORD (both), NULL, &error));
  g_assert_no_error (error);
  push_refused (store, pd_record_get_id (PD_RECORD (both)), current);
  g_clear_pointer (&current, json_node_unref);

  pd_campaign_set_name (gone_there, "Autumn Appeal, renamed");
  g_assert_true (pd_store_save (store, PD_RECORD (gone_there), NULL, &error));
  g_assert_no_error (error);
  push_refused (store, pd_record_get_id (PD_RECORD (gone_there)), NULL);

  current = platform_copy (PD_RECORD (gone_here), 2);
  json_object_set_string_member (json_node_get_object (current), "name", "Winter Appeal (platform)");
  g_assert_true (pd_store_delete (store, PD_RECORD (gone_here), NULL, &error));
  g_assert_no_error (error);
  push_refused (store, pd_record_get_id (PD_RECORD (gone_here)), current);
}
