/* test-sync-network.c: going offline and back, as a GNetworkMonitor says
 *
 * The engine listens to a GNetworkMonitor. Here it gets a real GObject
 * implementing that interface whose availability the test switches, and
 * talks to the real platform through the test proxy, which counts every
 * request: offline, nothing at all may be sent; back online, the edits
 * made meanwhile must go out by themselves.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "pd-clock.h"
#include "pd-sync-test-utils.h"
#include "pd-test-utils.h"

/* ---- a network monitor the test controls ---- */

#define PD_TYPE_TEST_MONITOR (pd_test_monitor_get_type ())
G_DECLARE_FINAL_TYPE (PdTestMonitor, pd_test_monitor, PD, TEST_MONITOR, GObject)

struct _PdTestMonitor
{
  GObject  parent_instance;
  gboolean available;
  /* Whether this machine's own addresses stay reachable without a
   * network, as the system's monitors report them. */
  gboolean loopback_routes;
  guint    reach_questions;
};

enum {
  MON_PROP_0,
  MON_PROP_AVAILABLE,
  MON_PROP_METERED,
  MON_PROP_CONNECTIVITY,
};

static void pd_test_monitor_initable_init (GInitableIface *iface);
static void pd_test_monitor_monitor_init (GNetworkMonitorInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PdTestMonitor, pd_test_monitor, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE, pd_test_monitor_initable_init)
                               G_IMPLEMENT_INTERFACE (G_TYPE_NETWORK_MONITOR, pd_test_monitor_monitor_init))

static gboolean
pd_test_monitor_initable_init_impl (GInitable     *initable,
                                    GCancellable  *cancellable,
                                    GError       **error)
{
  return TRUE;
}

static void
pd_test_monitor_initable_init (GInitableIface *iface)
{
  iface->init = pd_test_monitor_initable_init_impl;
}

static gboolean
is_loopback (GSocketConnectable *connectable)
{
  g_autoptr(GSocketAddressEnumerator) enumerator = g_socket_connectable_enumerate (connectable);
  g_autoptr(GSocketAddress) address = g_socket_address_enumerator_next (enumerator, NULL, NULL);

  return G_IS_INET_SOCKET_ADDRESS (address) &&
         g_inet_address_get_is_loopback (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (address)));
}

static gboolean
pd_test_monitor_can_reach (GNetworkMonitor     *monitor,
                           GSocketConnectable  *connectable,
                           GCancellable        *cancellable,
                           GError             **error)
{
  PdTestMonitor *self = PD_TEST_MONITOR (monitor);

  self->reach_questions++;
  if (self->available || (self->loopback_routes && is_loopback (connectable)))
    return TRUE;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE, "Network unreachable");
  return FALSE;
}

static void
pd_test_monitor_monitor_init (GNetworkMonitorInterface *iface)
{
  /* can_reach_async falls back to this one. */
  iface->can_reach = pd_test_monitor_can_reach;
}

static void
pd_test_monitor_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PdTestMonitor *self = PD_TEST_MONITOR (object);

  switch (prop_id)
    {
    case MON_PROP_AVAILABLE:
      g_value_set_boolean (value, self->available);
      break;
    case MON_PROP_METERED:
      g_value_set_boolean (value, FALSE);
      break;
    case MON_PROP_CONNECTIVITY:
      g_value_set_enum (value, self->available ? G_NETWORK_CONNECTIVITY_FULL : G_NETWORK_CONNECTIVITY_LOCAL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_test_monitor_class_init (PdTestMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = pd_test_monitor_get_property;
  g_object_class_override_property (object_class, MON_PROP_AVAILABLE, "network-available");
  g_object_class_override_property (object_class, MON_PROP_METERED, "network-metered");
  g_object_class_override_property (object_class, MON_PROP_CONNECTIVITY, "connectivity");
}

static void
pd_test_monitor_init (PdTestMonitor *self)
{
  self->available = TRUE;
}

/* What GIO's monitors do when the routes change. */
static void
pd_test_monitor_set_available (PdTestMonitor *self,
                               gboolean       available)
{
  self->available = available;
  g_object_notify (G_OBJECT (self), "network-available");
  g_object_notify (G_OBJECT (self), "connectivity");
  g_signal_emit_by_name (self, "network-changed", available);
}

/* ---- the tests ---- */

static PdTestPlatform *platform;

typedef struct {
  char          *token;
  char          *dir;
  PdTestProxy   *proxy;
  PdTestMonitor *monitor;
  PdAccount     *account;
  PdStore       *store;
  PdSyncEngine  *engine;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *email = g_strdup_printf ("net-%08x@example.com", g_random_int ());
  g_autofree char *api_token = pd_test_platform_add_tenant (platform, "Network Test", email, "password", NULL);
  g_autoptr(GError) error = NULL;

  f->token = pd_test_platform_sign_in (platform, api_token);
  f->dir = pd_test_make_private_dir ();
  f->proxy = pd_test_proxy_new (platform->url);
  f->monitor = g_object_new (PD_TYPE_TEST_MONITOR, NULL);
  f->account = pd_test_account_new (f->dir, pd_test_proxy_get_url (f->proxy), f->token);
  f->engine = pd_sync_engine_new (f->account, &error);
  g_assert_no_error (error);
  f->store = pd_account_open_store (f->account, &error);
  g_assert_no_error (error);
  _pd_sync_engine_set_timing (f->engine, 50, 400, 50);
  pd_sync_engine_set_network_monitor (f->engine, G_NETWORK_MONITOR (f->monitor));
  g_assert_true (pd_sync_engine_get_network_monitor (f->engine) == G_NETWORK_MONITOR (f->monitor));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_object_add_weak_pointer (G_OBJECT (f->engine), (gpointer *) &f->engine);
  g_object_unref (f->engine);
  g_assert_null (f->engine);
  g_clear_object (&f->account);
  g_clear_object (&f->monitor);
  pd_test_proxy_free (f->proxy);
  pd_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->token);
}

static char *
server_name (Fixture    *f,
             const char *id)
{
  g_autofree char *path = g_strdup_printf ("/v1/campaigns/%s", id);
  guint status = 0;
  g_autoptr(JsonNode) node = pd_test_platform_request (platform, "GET", path, f->token, NULL, &status);

  if (status != 200)
    return NULL;
  return g_strdup (json_object_get_string_member (json_node_get_object (node), "name"));
}

static gboolean
is_offline (gpointer data)
{
  return pd_sync_engine_get_status (data) == PD_SYNC_STATUS_OFFLINE;
}

static gboolean
is_synced (gpointer data)
{
  Fixture *f = data;

  return pd_sync_engine_get_status (f->engine) == PD_SYNC_STATUS_SYNCED &&
         !pd_sync_engine_get_busy (f->engine) && pd_store_count_outbox (f->store) == 0;
}

static gboolean
never (gpointer data)
{
  return FALSE;
}

/* Offline: the status says so and nothing is sent, neither by the
 * automatic sync after edits nor by Sync Now. Back online: a sync starts
 * by itself and the edits made offline reach the platform. */
static void
test_offline_and_back (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *kept = pd_test_store_add_campaign (f->store, "Before the train");
  g_autofree char *added = NULL;
  g_autofree char *name = NULL;
  guint before, offline_edits;

  g_assert_true (pd_test_wait_for (is_synced, f, 20000));
  g_assert_cmpuint (pd_test_proxy_count (f->proxy, "PUT", "/v1/campaigns/"), ==, 1);

  pd_test_monitor_set_available (f->monitor, FALSE);
  g_assert_true (pd_test_wait_for (is_offline, f->engine, 5000));
  g_assert_nonnull (pd_sync_engine_get_status_detail (f->engine));
  before = pd_test_proxy_get_log (f->proxy)->len;

  pd_test_store_rename_campaign (f->store, kept, "Renamed on the train");
  added = pd_test_store_add_campaign (f->store, "Made on the train");
  offline_edits = pd_store_count_outbox (f->store);
  g_assert_cmpuint (offline_edits, ==, 2);
  pd_sync_engine_sync_now (f->engine);
  g_assert_false (pd_sync_engine_get_busy (f->engine));
  /* Far longer than the debounce (50 ms) and the backoff cap (400 ms). */
  g_assert_false (pd_test_wait_for (never, NULL, 1500));

  g_assert_cmpuint (pd_test_proxy_get_log (f->proxy)->len, ==, before);
  g_assert_cmpint (pd_sync_engine_get_status (f->engine), ==, PD_SYNC_STATUS_OFFLINE);
  g_assert_cmpuint (pd_sync_engine_get_pending_count (f->engine), ==, 2);
  g_assert_cmpuint (pd_store_count_outbox (f->store), ==, 2);

  /* Back: no Sync Now, no edit; the reconnect alone sends them. */
  pd_test_monitor_set_available (f->monitor, TRUE);
  g_assert_true (pd_test_wait_for (is_synced, f, 20000));
  g_assert_cmpuint (pd_test_proxy_get_log (f->proxy)->len, >, before);
  name = server_name (f, kept);
  g_assert_cmpstr (name, ==, "Renamed on the train");
  g_free (name);
  name = server_name (f, added);
  g_assert_cmpstr (name, ==, "Made on the train");
}

/* A platform on this machine needs no default route: a monitor that says
 * "no network" but still reaches the loopback address (what the system's
 * monitors report on a machine without a network) keeps the engine
 * online, and only the platform's reachability was asked. */
static void
test_loopback_without_network (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *id = NULL;
  g_autofree char *name = NULL;

  g_assert_true (pd_test_wait_for (is_synced, f, 20000));
  f->monitor->loopback_routes = TRUE;
  pd_test_monitor_set_available (f->monitor, FALSE);
  g_assert_false (pd_test_wait_for (is_offline, f->engine, 500));
  g_assert_cmpuint (f->monitor->reach_questions, >, 0);

  id = pd_test_store_add_campaign (f->store, "On this machine");
  g_assert_true (pd_test_wait_for (is_synced, f, 20000));
  name = server_name (f, id);
  g_assert_cmpstr (name, ==, "On this machine");

  /* Without the loopback routes it is as offline as anything else. */
  f->monitor->loopback_routes = FALSE;
  pd_test_monitor_set_available (f->monitor, FALSE);
  g_assert_true (pd_test_wait_for (is_offline, f->engine, 5000));
}

/* The monitor can be swapped; NULL brings the system's back. */
static void
test_monitor_property (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GNetworkMonitor) got = NULL;

  g_object_get (f->engine, "network-monitor", &got, NULL);
  g_assert_true (got == G_NETWORK_MONITOR (f->monitor));

  pd_test_monitor_set_available (f->monitor, FALSE);
  g_assert_true (pd_test_wait_for (is_offline, f->engine, 5000));

  pd_sync_engine_set_network_monitor (f->engine, NULL);
  g_assert_true (pd_sync_engine_get_network_monitor (f->engine) == g_network_monitor_get_default ());
  /* The test monitor's signals no longer reach the engine. */
  pd_test_monitor_set_available (f->monitor, TRUE);
  pd_test_monitor_set_available (f->monitor, FALSE);
  g_assert_false (pd_test_wait_for (is_offline, f->engine, 300));
  /* Back with the system's monitor, the engine went online by itself. */
  g_assert_true (pd_test_wait_for (is_synced, f, 20000));
}

/* ---- the platform away and back (issue 14) ---- */

typedef struct {
  guint    notifies;
  gboolean saw_syncing;  /* during the outage: must stay FALSE */
  gboolean lost_count;   /* a status text without the waiting count */
} StatusWatch;

static void
on_status_text_cb (PdSyncEngine *engine,
                   GParamSpec   *pspec,
                   StatusWatch  *watch)
{
  g_autofree char *text = pd_sync_engine_dup_status_text (engine);

  watch->notifies++;
  if (pd_sync_engine_get_status (engine) == PD_SYNC_STATUS_SYNCING)
    watch->saw_syncing = TRUE;
  if (strstr (text, "1 change waiting") == NULL)
    watch->lost_count = TRUE;
}

static gboolean
is_unreachable (gpointer data)
{
  return pd_sync_engine_get_problem (data) == PD_SYNC_PROBLEM_UNREACHABLE;
}

/* The requests of @proxy's log that arrived at @from or later. */
static GArray *
request_times (PdTestProxy *proxy,
               gint64       from)
{
  GPtrArray *log = pd_test_proxy_get_log (proxy);
  GArray *times = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < log->len; i++)
    {
      PdTestProxyEntry *entry = g_ptr_array_index (log, i);

      if (entry->at >= from)
        g_array_append_val (times, entry->at);
    }
  return times;
}

typedef struct {
  guint  requests;    /* during the outage */
  gint64 longest_gap; /* between two of them, µs */
  gint64 recovery;    /* from the platform's return to "synced", µs */
} Outage;

/* With a change waiting, the platform stops for @outage_ms; the engine
 * notices by itself and then probes it, quietly. Then the platform
 * starts again, and nothing but the engine's own retries sends the
 * change: the time from its return to "synced" is measured. */
static Outage
platform_away_and_back (Fixture *f,
                        guint    outage_ms)
{
  g_autofree char *id = pd_test_store_add_campaign (f->store, "Before the outage");
  g_autofree char *name = NULL;
  g_autoptr(GArray) times = NULL;
  StatusWatch watch = { 0 };
  Outage result = { 0 };
  gint64 stopped, back;
  gulong handler;

  g_assert_true (pd_test_wait_for (is_synced, f, 20000));

  pd_test_platform_stop (platform);
  stopped = g_get_monotonic_time ();
  pd_test_store_rename_campaign (f->store, id, "Renamed while it was away");
  g_assert_true (pd_test_wait_for (is_unreachable, f->engine, 10000));
  {
    g_autofree char *text = pd_sync_engine_dup_status_text (f->engine);

    g_assert_cmpstr (text, ==, "1 change waiting · the platform cannot be reached");
    g_assert_nonnull (pd_sync_engine_get_status_detail (f->engine));
  }

  handler = g_signal_connect (f->engine, "notify::status-text", G_CALLBACK (on_status_text_cb), &watch);
  g_assert_false (pd_test_wait_for (never, NULL, outage_ms - (g_get_monotonic_time () - stopped) / 1000));
  g_signal_handler_disconnect (f->engine, handler);
  /* Retries while it is away go unnoticed: no "Syncing…" flashes, and
   * the count of waiting changes is said all along. */
  g_assert_false (watch.saw_syncing);
  g_assert_false (watch.lost_count);
  g_assert_cmpint (pd_sync_engine_get_problem (f->engine), ==, PD_SYNC_PROBLEM_UNREACHABLE);

  pd_test_platform_restart (platform);
  back = g_get_monotonic_time ();
  times = request_times (f->proxy, stopped);
  for (guint i = 0; i < times->len; i++)
    {
      gint64 at = g_array_index (times, gint64, i);

      if (at >= back)
        break;
      result.requests++;
      if (i > 0)
        result.longest_gap = MAX (result.longest_gap, at - g_array_index (times, gint64, i - 1));
    }
  /* The last probe before the return counts as a gap too. */
  if (result.requests > 0)
    result.longest_gap = MAX (result.longest_gap, back - g_array_index (times, gint64, result.requests - 1));

  g_assert_true (pd_test_wait_for (is_synced, f, 60000));
  result.recovery = g_get_monotonic_time () - back;
  name = server_name (f, id);
  g_assert_cmpstr (name, ==, "Renamed while it was away");
  g_assert_cmpint (pd_sync_engine_get_problem (f->engine), ==, PD_SYNC_PROBLEM_NONE);

  g_test_message ("outage %u ms: %u requests, longest gap %.1f s, synced %.1f s after the platform was back",
                  outage_ms, result.requests, result.longest_gap / (double) G_USEC_PER_SEC,
                  result.recovery / (double) G_USEC_PER_SEC);
  return result;
}

/* Issue 14 with the engine's own timing: a platform away for a while
 * gets the waiting change within 30 s of its return, and is asked only a
 * few times meanwhile. The outage is shorter than the 60 s to
 * keep the suite fast; the next test shows the bound holds at any length. */
static void
test_platform_back_within_30s (Fixture       *f,
                               gconstpointer  data)
{
  Outage outage;

  /* The engine's defaults, bar the pause after an edit. */
  _pd_sync_engine_set_timing (f->engine, 1000, 5 * 60 * 1000, 50);
  g_assert_cmpuint (pd_sync_engine_get_probe_interval (f->engine), <=, 20000);

  outage = platform_away_and_back (f, 25000);
  g_assert_cmpint (outage.recovery, <=, 30 * G_USEC_PER_SEC);
  g_assert_cmpint (outage.longest_gap, <=, 20 * G_USEC_PER_SEC + G_USEC_PER_SEC / 2);
  /* 1, 2, 4, 8, then 10 s at least between them: 6 in 25 s at most. */
  g_assert_cmpuint (outage.requests, >=, 2);
  g_assert_cmpuint (outage.requests, <=, 6);
}

/* The same, scaled down through the probe-interval property, for long
 * enough to show the steady state: never longer than probe-interval
 * between two probes (so the return is noticed within it), never shorter
 * than half of it once the back-off has grown. */
static void
test_probe_interval_bound (Fixture       *f,
                           gconstpointer  data)
{
  Outage outage;
  guint probe_ms = 1000;

  _pd_sync_engine_set_timing (f->engine, 100, 5 * 60 * 1000, 50);
  g_object_set (f->engine, "probe-interval", probe_ms, NULL);

  outage = platform_away_and_back (f, 12000);
  g_assert_cmpint (outage.longest_gap, <=, (probe_ms + 300) * 1000);
  g_assert_cmpint (outage.recovery, <=, (probe_ms + 2000) * 1000);
  /* At least 0.1, 0.2, 0.4, then 0.5 s apart: 12 s hold 4 + 22 probes
   * at most; a back-off without the floor could make hundreds. */
  g_assert_cmpuint (outage.requests, <=, 26);
  g_assert_cmpuint (outage.requests, >=, 8);
}

/* A 503 with a Retry-After longer than probe-interval is honoured: the
 * platform asked to wait, and says so. */
static void
test_retry_after_beats_probe (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *id = pd_test_store_add_campaign (f->store, "Busy");
  g_autoptr(GArray) times = NULL;
  gint64 asked;

  _pd_sync_engine_set_timing (f->engine, 100, 5 * 60 * 1000, 50);
  pd_sync_engine_set_probe_interval (f->engine, 500);
  g_assert_true (pd_test_wait_for (is_synced, f, 20000));

  pd_test_proxy_answer (f->proxy, 0, 1, 503, "3");
  asked = g_get_monotonic_time ();
  pd_test_store_rename_campaign (f->store, id, "Busy, renamed");
  g_assert_true (pd_test_wait_for (is_synced, f, 20000));
  g_assert_cmpint (pd_sync_engine_get_problem (f->engine), ==, PD_SYNC_PROBLEM_NONE);
  times = request_times (f->proxy, asked);
  g_assert_cmpuint (times->len, >=, 2);
  g_assert_cmpint (g_array_index (times, gint64, 1) - g_array_index (times, gint64, 0), >=, 3 * G_USEC_PER_SEC);
}

/* A network change sends the waiting changes at once, without waiting
 * for the next probe. */
static void
test_network_change_sends_at_once (Fixture       *f,
                                   gconstpointer  data)
{
  g_autofree char *id = pd_test_store_add_campaign (f->store, "Before the tunnel");
  gint64 back;

  _pd_sync_engine_set_timing (f->engine, 1000, 5 * 60 * 1000, 50);
  g_assert_true (pd_test_wait_for (is_synced, f, 20000));

  pd_test_platform_stop (platform);
  pd_test_store_rename_campaign (f->store, id, "After the tunnel");
  g_assert_true (pd_test_wait_for (is_unreachable, f->engine, 10000));
  /* Let the back-off grow past what the network change must cut. */
  g_assert_false (pd_test_wait_for (never, NULL, 4000));
  pd_test_platform_restart (platform);
  back = g_get_monotonic_time ();
  pd_test_monitor_set_available (f->monitor, TRUE);
  g_assert_true (pd_test_wait_for (is_synced, f, 20000));
  g_assert_cmpint (g_get_monotonic_time () - back, <, 3 * G_USEC_PER_SEC);
}

/* After a restart with unsent changes and a stored wait, the count shows
 * before any request. */
static void
test_restart_shows_count (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(PdSyncEngine) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint before;

  pd_sync_engine_set_auto_sync (f->engine, FALSE);
  g_free (pd_test_store_add_campaign (f->store, "Waiting one"));
  g_free (pd_test_store_add_campaign (f->store, "Waiting two"));
  g_assert_true (pd_store_set_backoff_until (f->store, PD_SYNC_SCOPE,
                                             pd_real_time () + 10 * 60 * G_USEC_PER_SEC, &error));
  g_assert_no_error (error);
  before = pd_test_proxy_get_log (f->proxy)->len;

  again = pd_sync_engine_new (f->account, &error);
  g_assert_no_error (error);
  pd_sync_engine_set_network_monitor (again, G_NETWORK_MONITOR (f->monitor));
  g_assert_cmpuint (pd_sync_engine_get_pending_count (again), ==, 2);
  g_assert_cmpint (pd_sync_engine_get_status (again), ==, PD_SYNC_STATUS_PENDING);
  text = pd_sync_engine_dup_status_text (again);
  g_assert_cmpstr (text, ==, "2 changes waiting");
  pd_sync_engine_queue_sync (again);
  g_assert_false (pd_test_wait_for (never, NULL, 500));
  g_assert_cmpuint (pd_test_proxy_get_log (f->proxy)->len, ==, before);
  g_assert_cmpint (pd_sync_engine_get_status (again), ==, PD_SYNC_STATUS_PENDING);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  platform = pd_test_platform_start (NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/sync-network/offline-and-back", test_offline_and_back);
  ADD ("/sync-network/loopback-without-network", test_loopback_without_network);
  ADD ("/sync-network/monitor-property", test_monitor_property);
  ADD ("/sync-network/platform-back-within-30s", test_platform_back_within_30s);
  ADD ("/sync-network/probe-interval-bound", test_probe_interval_bound);
  ADD ("/sync-network/retry-after-beats-probe", test_retry_after_beats_probe);
  ADD ("/sync-network/network-change-sends-at-once", test_network_change_sends_at_once);
  ADD ("/sync-network/restart-shows-count", test_restart_shows_count);
#undef ADD

  ret = g_test_run ();
  pd_test_platform_free (platform);
  return ret;
}
