/* test-platform-faults.c: fault injection, command line options, the demo
 * tenant, simulated donors and TLS of the reference platform
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-platform-faults"

#include "pd-platform-fixture.h"
#include "pd-test-utils.h"

#include <string.h>

typedef struct
{
  PdPlatformFixture *platform;
  char              *token;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *api = NULL;

  f->platform = pd_platform_fixture_start ("--admin", NULL);
  api = pd_platform_admin_tenant (f->platform, "Bank", "f@example.com", "fault-pw", NULL);
  f->token = pd_platform_sign_in (f->platform, "f@example.com", "fault-pw");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  pd_platform_fixture_stop (f->platform);
  g_free (f->token);
}

static PdResponse *
get_me (PdPlatformFixture *platform,
        const char        *token)
{
  return pd_platform_request (platform, "GET", "/v1/me", token, NULL, NULL, 0, NULL);
}

static void
test_latency (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(PdResponse) fast = get_me (f->platform, f->token);
  g_autoptr(PdResponse) slow = NULL;
  g_autoptr(PdResponse) fast_again = NULL;

  pd_assert_status (fast, 200);
  pd_platform_admin_faults (f->platform, "{\"latency_ms\": 400}");
  slow = get_me (f->platform, f->token);
  pd_assert_status (slow, 200);
  g_assert_cmpfloat (slow->seconds, >=, 0.4);
  pd_platform_admin_faults (f->platform, "{\"latency_ms\": 0}");
  fast_again = get_me (f->platform, f->token);
  pd_assert_status (fast_again, 200);
  g_assert_cmpfloat (fast_again->seconds, <, 0.4);
}

static void
test_error_rate (Fixture       *f,
                 gconstpointer  data)
{
  guint n500 = 0, n503 = 0;
  g_autoptr(PdResponse) after = NULL;
  g_autoptr(PdResponse) project = NULL;

  pd_platform_admin_faults (f->platform, "{\"error_rate\": 1.0, \"retry_after\": 4}");
  for (guint i = 0; i < 20; i++)
    {
      g_autoptr(PdResponse) r = get_me (f->platform, f->token);

      if (r->status == 503)
        {
          pd_assert_problem (r, 503, "unavailable");
          g_assert_cmpstr (pd_response_header (r, "Retry-After"), ==, "4");
          n503++;
        }
      else
        {
          pd_assert_problem (r, 500, "internal-error");
          n500++;
        }
    }
  g_assert_cmpuint (n500 + n503, ==, 20);
  g_assert_cmpuint (n500, >, 0);
  g_assert_cmpuint (n503, >, 0);

  /* a refused write changed nothing */
  project = pd_platform_json (f->platform, "PUT", "/v1/themes/00000000-0000-4000-8000-00000000f001", f->token,
                              "{}", "If-None-Match", "*", NULL);
  g_assert_cmpuint (project->status, >=, 500);

  pd_platform_admin_faults (f->platform, "{\"error_rate\": 0.0}");
  after = get_me (f->platform, f->token);
  pd_assert_status (after, 200);
}

static void
test_rate_limit (Fixture       *f,
                 gconstpointer  data)
{
  guint limited = 0;

  pd_platform_admin_faults (f->platform, "{\"every_429\": 3, \"retry_after\": 2}");
  for (guint i = 0; i < 9; i++)
    {
      g_autoptr(PdResponse) r = get_me (f->platform, f->token);

      if (r->status == 429)
        {
          pd_assert_problem (r, 429, "rate-limited");
          g_assert_cmpstr (pd_response_header (r, "Retry-After"), ==, "2");
          limited++;
        }
      else
        {
          pd_assert_status (r, 200);
        }
    }
  g_assert_cmpuint (limited, ==, 3);
  pd_platform_admin_faults (f->platform, "{\"every_429\": 0}");
}

static void
test_drop (Fixture       *f,
           gconstpointer  data)
{
  const char *body = "{\"name\": \"Grün\", \"colors\": {\"primary\": \"#00aa00\", \"accent\": \"#ffffff\","
                     " \"background\": \"#ffffff\", \"text\": \"#000000\"}, \"logo_sha256\":"
                     " \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\", \"font_family\": \"Cantarell\","
                     " \"corner_radius\": 4}";
  const char *path = "/v1/themes/00000000-0000-4000-8000-00000000f002";
  g_autoptr(PdResponse) dropped = NULL;
  g_autoptr(PdResponse) retry = NULL;
  g_autoptr(PdResponse) got = NULL;

  pd_platform_admin_faults (f->platform, "{\"drop_after_bytes\": 12, \"drop_count\": 1}");
  dropped = pd_platform_json (f->platform, "PUT", path, f->token, body,
                              "If-None-Match", "*", "Idempotency-Key", "drop-1", NULL);
  /* the connection broke mid-answer: no status reached the client */
  g_assert_nonnull (dropped->error);

  /* the write took effect; the retry with the same key gets the first answer */
  retry = pd_platform_json (f->platform, "PUT", path, f->token, body,
                            "If-None-Match", "*", "Idempotency-Key", "drop-1", NULL);
  pd_assert_status (retry, 201);
  g_assert_cmpstr (pd_response_header (retry, "Idempotent-Replayed"), ==, "true");
  got = pd_platform_request (f->platform, "GET", path, f->token, NULL, NULL, 0, NULL);
  pd_assert_status (got, 200);
  g_assert_cmpint (pd_response_int (got, "revision"), ==, 1);
}

static void
test_command_line_faults (void)
{
  PdPlatformFixture *limited = pd_platform_fixture_start ("--fault-429-every", "1", "--fault-retry-after", "7", NULL);
  PdPlatformFixture *failing = pd_platform_fixture_start ("--fault-error-rate", "1", NULL);
  PdPlatformFixture *dropping = pd_platform_fixture_start ("--fault-drop-after-bytes", "0", NULL);
  PdPlatformFixture *slow = pd_platform_fixture_start ("--admin", "--fault-latency-ms", "300",
                                                       "--fault-token-lifetime", "2", NULL);
  g_autoptr(PdResponse) r429 = get_me (limited, NULL);
  g_autoptr(PdResponse) r5xx = get_me (failing, NULL);
  g_autoptr(PdResponse) dropped = get_me (dropping, NULL);
  g_autoptr(PdResponse) expired = NULL;
  g_autofree char *api = pd_platform_admin_tenant (slow, "Slow", "s@example.com", "slow-pw", NULL);
  g_autofree char *token = pd_platform_sign_in (slow, "s@example.com", "slow-pw");
  g_autoptr(PdResponse) ok = get_me (slow, token);

  pd_assert_problem (r429, 429, "rate-limited");
  g_assert_cmpstr (pd_response_header (r429, "Retry-After"), ==, "7");
  g_assert_cmpuint (r5xx->status, >=, 500);
  g_assert_nonnull (dropped->error);
  pd_assert_status (ok, 200);
  g_assert_cmpfloat (ok->seconds, >=, 0.3);
  /* sessions count whole seconds: 2 s leave at least one for the first request */
  g_usleep (2100 * 1000);
  expired = get_me (slow, token);
  pd_assert_problem (expired, 401, "unauthorized");

  pd_platform_fixture_stop (limited);
  pd_platform_fixture_stop (failing);
  pd_platform_fixture_stop (dropping);
  pd_platform_fixture_stop (slow);
}

static gint64
redeemed_count (PdPlatformFixture *platform,
                const char        *token,
                const char        *campaign_id)
{
  g_autofree char *path = g_strdup_printf ("/v1/campaigns/%s/stats", campaign_id);
  g_autoptr(PdResponse) stats = pd_platform_request (platform, "GET", path, token, NULL, NULL, 0, NULL);

  pd_assert_status (stats, 200);
  return pd_response_int (stats, "vouchers_redeemed");
}

static void
test_demo_seed (void)
{
  PdPlatformFixture *platform = pd_platform_fixture_start ("--seed", "demo", "--simulate-donors", "40", NULL);
  g_autofree char *token = pd_platform_sign_in (platform, "demo@example.com", "demo-password");
  g_autofree char *agency = pd_platform_sign_in (platform, "agency@example.com", "agency-password");
  g_autoptr(PdResponse) campaigns = pd_platform_request (platform, "GET", "/v1/campaigns", token, NULL, NULL, 0, NULL);
  g_autoptr(PdResponse) themes = pd_platform_request (platform, "GET", "/v1/themes", agency, NULL, NULL, 0, NULL);
  g_autoptr(GHashTable) titles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) languages = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *cursor = NULL;
  g_autofree char *live_id = NULL;
  JsonArray *items;
  gint64 before, after = 0;

  do
    {
      g_autofree char *path = g_strdup_printf ("/v1/projects?limit=1000%s%s", cursor ? "&cursor=" : "", cursor ? cursor : "");
      g_autoptr(PdResponse) page = pd_platform_request (platform, "GET", path, token, NULL, NULL, 0, NULL);

      pd_assert_status (page, 200);
      items = json_object_get_array_member (pd_response_object (page), "items");
      for (guint i = 0; i < json_array_get_length (items); i++)
        {
          JsonObject *project = json_array_get_object_element (items, i);
          const char *title = json_object_get_string_member (project, "title");

          g_assert_cmpstr (json_object_get_string_member (project, "source"), ==, "catalogue");
          g_assert_cmpstr (json_object_get_string_member (project, "organisation"), !=, "");
          g_assert_true (g_hash_table_add (titles, g_strdup_printf ("%s/%s", title,
                                                                    json_object_get_string_member (project, "organisation"))));
          if (strstr (title, " für ") != NULL)
            g_hash_table_add (languages, (gpointer) "de");
          if (strstr (title, " voor ") != NULL)
            g_hash_table_add (languages, (gpointer) "nl");
          if (strstr (title, " for ") != NULL)
            g_hash_table_add (languages, (gpointer) "en");
        }
      g_free (cursor);
      cursor = g_strdup (pd_response_string (page, "next_cursor"));
    }
  while (cursor != NULL);

  g_assert_cmpuint (g_hash_table_size (titles), >=, 500);
  g_assert_cmpuint (g_hash_table_size (languages), ==, 3);

  pd_assert_status (campaigns, 200);
  items = json_object_get_array_member (pd_response_object (campaigns), "items");
  g_assert_cmpuint (json_array_get_length (items), ==, 2);
  for (guint i = 0; i < 2; i++)
    if (g_str_equal (json_object_get_string_member (json_array_get_object_element (items, i), "status"), "live"))
      live_id = g_strdup (json_object_get_string_member (json_array_get_object_element (items, i), "id"));
  g_assert_nonnull (live_id);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (pd_response_object (themes), "items")), ==, 1);

  /* catalogue projects are read-only */
  {
    JsonObject *first = json_array_get_object_element (
      json_object_get_array_member (json_array_get_object_element (items, 0), "projects"), 0);
    g_autofree char *path = g_strdup_printf ("/v1/projects/%s", json_object_get_string_member (first, "project_id"));
    g_autoptr(PdResponse) r = pd_platform_json (platform, "PATCH", path, token, "{\"title\": \"x\"}", "If-Match", "*", NULL);

    pd_assert_problem (r, 403, "forbidden");
  }

  /* donors keep redeeming */
  before = redeemed_count (platform, token, live_id);
  g_assert_cmpint (before, >=, 600);
  for (guint i = 0; i < 50 && after <= before; i++)
    {
      g_usleep (100 * 1000);
      after = redeemed_count (platform, token, live_id);
    }
  g_assert_cmpint (after, >, before);

  pd_platform_fixture_stop (platform);
}

/* Seconds until the server closes a TCP connection that sends nothing
 * (not even a TLS hello); -1 if it is still open after @seconds. */
static double
silent_client_lifetime (PdPlatformFixture *platform,
                        guint              seconds)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, platform->port);
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  gint64 start = g_get_monotonic_time ();
  char byte;

  g_assert_no_error (error);
  g_assert_true (g_socket_connect (socket, address, NULL, &error));
  g_assert_no_error (error);
  if (!g_socket_condition_timed_wait (socket, G_IO_IN, seconds * G_USEC_PER_SEC, NULL, NULL) ||
      g_socket_receive_with_blocking (socket, &byte, 1, FALSE, NULL, NULL) > 0)
    return -1;
  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

static void
test_tls (void)
{
  g_autofree char *dir = pd_test_make_private_dir ();
  g_autofree char *cert = g_build_filename (dir, "cert.pem", NULL);
  g_autofree char *key = g_build_filename (dir, "key.pem", NULL);
  g_autofree char *openssl = g_find_program_in_path ("openssl");
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) make_cert = NULL;
  PdPlatformFixture *platform;
  double lifetime;

#ifdef __SANITIZE_ADDRESS__
  /* LeakSanitizer's exit scan crashes on the threads GnuTLS leaves in
   * glib-networking; the plain build runs this test */
  g_test_skip ("TLS is tested in the build without sanitizers");
  return;
#endif
  if (openssl == NULL)
    {
      g_test_skip ("openssl is needed to make a test certificate");
      return;
    }
  make_cert = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                                openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                                "-subj", "/CN=127.0.0.1", "-keyout", key, "-out", cert, NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait_check (make_cert, NULL, &error));
  g_assert_no_error (error);

  platform = pd_platform_fixture_start ("--tls-cert", cert, "--tls-key", key, "--header-timeout-ms", "500", NULL);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(PdResponse) me = get_me (platform, NULL);

      g_assert_no_error (me->error);
      pd_assert_problem (me, 401, "unauthorized");
    }
  /* the header deadline bounds the handshake too */
  lifetime = silent_client_lifetime (platform, 5);
  g_test_message ("a silent client of the HTTPS server was closed after %.2f s", lifetime);
  g_assert_cmpfloat (lifetime, >=, 0.4);
  g_assert_cmpfloat (lifetime, <, 3);
  pd_platform_fixture_stop (platform);
  pd_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/platform/faults/latency", test_latency);
  ADD ("/platform/faults/error-rate", test_error_rate);
  ADD ("/platform/faults/rate-limit", test_rate_limit);
  ADD ("/platform/faults/drop", test_drop);
#undef ADD
  g_test_add_func ("/platform/options/faults", test_command_line_faults);
  g_test_add_func ("/platform/options/demo-seed", test_demo_seed);
  g_test_add_func ("/platform/options/tls", test_tls);

  return g_test_run ();
}
