/* pd-platform-main.c: the particulate-platform command
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-platform"

#include "pd-platform.h"

#include <glib-unix.h>
#include <stdlib.h>
#include <sys/stat.h>

static gboolean
on_signal_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_CONTINUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_dir = NULL;
  g_autofree char *port_file = NULL;
  g_autofree char *address = NULL;
  g_autofree char *tls_cert = NULL;
  g_autofree char *tls_key = NULL;
  g_autofree char *seed = NULL;
  int port = 0;
  int donors = 0;
  int latency = 0;
  double error_rate = 0;
  int every_429 = 0;
  int retry_after = 1;
  gint64 drop_after = -1;
  gint64 fault_token_lifetime = 0;
  gint64 token_lifetime = 3600;
  gint64 feed_retention = 1000000;
  gboolean admin = FALSE;
  int pbkdf2_iterations = PD_PBKDF2_ITERATIONS;
  int sign_in_failures = PD_SIGN_IN_FAILURES;
  int header_timeout = PD_HEADER_TIMEOUT_MS;
  int body_timeout = PD_BODY_TIMEOUT_MS;
  int peer_limit = PD_PEER_CONNECTIONS;
  GOptionEntry entries[] = {
    { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, &data_dir, "Folder of the databases (required)", "DIR" },
    { "port", 0, 0, G_OPTION_ARG_INT, &port, "Port to listen on; 0 picks a free one", "N" },
    { "port-file", 0, 0, G_OPTION_ARG_FILENAME, &port_file, "Write the port here once listening", "FILE" },
    { "address", 0, 0, G_OPTION_ARG_STRING, &address, "Address to listen on (127.0.0.1)", "ADDR" },
    { "tls-cert", 0, 0, G_OPTION_ARG_FILENAME, &tls_cert, "PEM certificate: serve HTTPS", "FILE" },
    { "tls-key", 0, 0, G_OPTION_ARG_FILENAME, &tls_key, "PEM private key of the certificate", "FILE" },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &seed, "Load a data set: demo", "NAME" },
    { "simulate-donors", 0, 0, G_OPTION_ARG_INT, &donors, "Redeem about N vouchers a second", "N" },
    { "admin", 0, 0, G_OPTION_ARG_NONE, &admin, "Enable /_admin endpoints for tests", NULL },
    { "token-lifetime", 0, 0, G_OPTION_ARG_INT64, &token_lifetime, "Seconds a session token lives (3600)", "S" },
    { "feed-retention", 0, 0, G_OPTION_ARG_INT64, &feed_retention, "Changes a feed cursor may lag behind", "N" },
    { "pbkdf2-iterations", 0, 0, G_OPTION_ARG_INT, &pbkdf2_iterations,
      "PBKDF2 iterations of new password hashes (600000; lower only for tests)", "N" },
    { "sign-in-failures", 0, 0, G_OPTION_ARG_INT, &sign_in_failures,
      "Failed sign-ins a minute per e-mail (10) before 429; three times that per address", "N" },
    { "header-timeout-ms", 0, 0, G_OPTION_ARG_INT, &header_timeout,
      "Close a connection that sends no complete request headers within MS (10000)", "MS" },
    { "body-timeout-ms", 0, 0, G_OPTION_ARG_INT, &body_timeout,
      "Close a connection that sends no complete body within MS of its headers (30000)", "MS" },
    { "max-connections-per-peer", 0, 0, G_OPTION_ARG_INT, &peer_limit,
      "Connections one client address may hold at once (32)", "N" },
    { "fault-latency-ms", 0, 0, G_OPTION_ARG_INT, &latency, "Delay every answer", "MS" },
    { "fault-error-rate", 0, 0, G_OPTION_ARG_DOUBLE, &error_rate, "Share of answers that are 500 or 503", "R" },
    { "fault-429-every", 0, 0, G_OPTION_ARG_INT, &every_429, "Answer every Nth request with 429", "N" },
    { "fault-retry-after", 0, 0, G_OPTION_ARG_INT, &retry_after, "Retry-After seconds of 429 and 503 (1)", "S" },
    { "fault-drop-after-bytes", 0, 0, G_OPTION_ARG_INT64, &drop_after, "Hang up after N bytes of each answer", "N" },
    { "fault-token-lifetime", 0, 0, G_OPTION_ARG_INT64, &fault_token_lifetime, "Expire tokens after S seconds", "S" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- the Particulate reference platform");
  g_autoptr(GError) error = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GSocketAddress) socket_address = NULL;
  g_autoptr(GInetAddress) inet_address = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  PdPlatform platform = { 0 };
  guint listening;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("particulate-platform: %s\n", error->message);
      return 2;
    }
  if (data_dir == NULL || port < 0 || port > 65535 || (tls_cert == NULL) != (tls_key == NULL) ||
      (seed != NULL && !g_str_equal (seed, "demo")) || feed_retention < 1 || token_lifetime < 1 ||
      pbkdf2_iterations < 1000 || sign_in_failures < 1 || header_timeout < 1 || body_timeout < 1 ||
      peer_limit < 1)
    {
      g_printerr ("particulate-platform: give --data-dir; see --help\n");
      return 2;
    }

  /* the databases hold password hashes and every tenant's data: nobody
   * else on the machine reads them, and SQLite's -wal and -shm files,
   * which it creates itself, follow the umask too */
  umask (0077);

  platform.data_dir = data_dir;
  platform.tenants = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) pd_tenant_free);
  platform.sessions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) pd_session_free);
  platform.rand = g_rand_new ();
  platform.admin = admin;
  platform.donor_rate = MAX (donors, 0);
  platform.feed_retention = feed_retention;
  platform.token_lifetime = token_lifetime;
  platform.pbkdf2_iterations = pbkdf2_iterations;
  platform.sign_in_limit = sign_in_failures;
  platform.header_timeout_ms = header_timeout;
  platform.body_timeout_ms = body_timeout;
  platform.peer_limit = peer_limit;
  platform.faults.latency_ms = MAX (latency, 0);
  platform.faults.error_rate = CLAMP (error_rate, 0.0, 1.0);
  platform.faults.every_429 = MAX (every_429, 0);
  platform.faults.retry_after = MAX (retry_after, 1);
  platform.faults.drop_after_bytes = drop_after;
  platform.faults.token_lifetime = MAX (fault_token_lifetime, 0);

  if (!pd_tenants_open_registry (&platform, &error) ||
      (seed != NULL && !pd_seed_demo (&platform, &error)))
    {
      g_printerr ("particulate-platform: %s\n", error->message);
      return 1;
    }

  if (tls_cert != NULL)
    {
      certificate = g_tls_certificate_new_from_files (tls_cert, tls_key, &error);
      if (certificate == NULL)
        {
          g_printerr ("particulate-platform: %s\n", error->message);
          return 1;
        }
    }
  /* no versions: they only tell an attacker which advisories to try */
  platform.server = soup_server_new ("server-header", "particulate-platform", NULL);
  pd_router_install (&platform);

  inet_address = g_inet_address_new_from_string (address != NULL ? address : "127.0.0.1");
  if (inet_address == NULL)
    {
      g_printerr ("particulate-platform: %s is not an IP address\n", address);
      return 2;
    }
  socket_address = g_inet_socket_address_new (inet_address, port);
  /* not soup_server_listen(): see pd-platform-listener.c */
  platform.listener = pd_listener_new (&platform, socket_address, certificate, &error);
  if (platform.listener == NULL)
    {
      g_printerr ("particulate-platform: %s\n", error->message);
      return 1;
    }
  listening = pd_listener_get_port (platform.listener);

  if (port_file != NULL)
    {
      g_autofree char *text = g_strdup_printf ("%u\n", listening);

      if (!g_file_set_contents (port_file, text, -1, &error))
        {
          g_printerr ("particulate-platform: %s\n", error->message);
          return 1;
        }
    }
  g_print ("particulate-platform listening on %s://%s:%u\n",
           certificate ? "https" : "http", address ? address : "127.0.0.1", listening);

  pd_donors_start (&platform);

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGTERM, on_signal_cb, loop);
  g_unix_signal_add (SIGINT, on_signal_cb, loop);
  g_main_loop_run (loop);

  g_clear_handle_id (&platform.donor_source, g_source_remove);
  soup_server_disconnect (platform.server);
  g_clear_pointer (&platform.listener, pd_listener_free);
  g_clear_object (&platform.server);
  g_clear_pointer (&platform.tenants, g_hash_table_unref);
  g_clear_pointer (&platform.sessions, g_hash_table_unref);
  g_clear_pointer (&platform.sign_in_failures, g_hash_table_unref);
  g_clear_pointer (&platform.registry, pd_db_free);
  g_clear_pointer (&platform.rand, g_rand_free);
  return 0;
}
