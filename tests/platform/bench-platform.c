/* bench-platform.c: load on the reference platform
 *
 * Starts the server, fills a tenant over HTTP, then drives a read mix and a
 * write mix for a bounded time each, with concurrent keep-alive connections
 * on plain sockets (a thin client, so the client costs little of the CPU
 * the server needs). Prints requests per second and the ratio to the hosted
 * platform's published peak of 600 requests per second.
 *
 * PD_BENCH_SECONDS (default 10) and PD_BENCH_CONNECTIONS (default 8) tune it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE /* strcasestr */
#define G_LOG_DOMAIN "bench-platform"

#include "pd-platform-fixture.h"
#include "pd-test-utils.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define PUBLISHED_PEAK 600.0
#define N_PROJECTS 500

typedef enum
{
  MIX_READ,
  MIX_WRITE,
} Mix;

typedef struct
{
  guint       port;
  const char *token;
  const char *campaign_id;
  const char *batch_id;
  GPtrArray  *project_ids;
  Mix         mix;
  gint64      deadline;
  guint       index;
  guint64     done;
  guint64     failed;
  guint64     latency_us_total;
} Worker;

static int
connect_to (guint port)
{
  struct sockaddr_in address = { 0 };
  int fd = socket (AF_INET, SOCK_STREAM, 0);
  int one = 1;

  address.sin_family = AF_INET;
  address.sin_port = htons (port);
  address.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  setsockopt (fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  if (connect (fd, (struct sockaddr *) &address, sizeof address) != 0)
    g_error ("connect: %s", g_strerror (errno));
  return fd;
}

static gboolean
write_all (int         fd,
           const char *data,
           gsize       len)
{
  while (len > 0)
    {
      ssize_t n = write (fd, data, len);

      if (n <= 0)
        return FALSE;
      data += n;
      len -= n;
    }
  return TRUE;
}

/* Reads one response; returns its status, or 0 when the connection broke. */
static guint
read_response (int      fd,
               GString *buffer)
{
  char *end;
  gsize header_len, body_len = 0;
  guint status;
  const char *length;

  g_string_truncate (buffer, 0);
  while ((end = strstr (buffer->str, "\r\n\r\n")) == NULL)
    {
      char chunk[16384];
      ssize_t n = read (fd, chunk, sizeof chunk);

      if (n <= 0)
        return 0;
      g_string_append_len (buffer, chunk, n);
    }
  header_len = end - buffer->str + 4;
  status = g_ascii_strtoull (buffer->str + 9, NULL, 10);
  length = strcasestr (buffer->str, "\r\nContent-Length:");
  if (length != NULL && length < end)
    body_len = g_ascii_strtoull (length + 17, NULL, 10);
  while (buffer->len < header_len + body_len)
    {
      char chunk[16384];
      ssize_t n = read (fd, chunk, sizeof chunk);

      if (n <= 0)
        return 0;
      g_string_append_len (buffer, chunk, n);
    }
  return status;
}

static void
build_request (Worker  *w,
               GString *request,
               guint    n)
{
  guint pick = g_random_int_range (0, 100);
  const char *project_id = g_ptr_array_index (w->project_ids, g_random_int_range (0, w->project_ids->len));
  g_autofree char *body = NULL;
  const char *method = "GET";
  g_autofree char *path = NULL;
  g_autofree char *extra = NULL;

  if (w->mix == MIX_READ)
    {
      /* what a syncing app does most: fetch records, pages and the feed */
      if (pick < 70)
        path = g_strdup_printf ("/v1/projects/%s", project_id);
      else if (pick < 80)
        path = g_strdup_printf ("/v1/campaigns/%s", w->campaign_id);
      else if (pick < 90)
        path = g_strdup ("/v1/projects?limit=20");
      else if (pick < 95)
        path = g_strdup_printf ("/v1/campaigns/%s/stats", w->campaign_id);
      else
        path = g_strdup ("/v1/me");
    }
  else
    {
      if (pick < 60)
        {
          method = "PATCH";
          path = g_strdup_printf ("/v1/projects/%s", project_id);
          body = g_strdup_printf ("{\"title\": \"Projekt %u-%u\"}", w->index, n);
          extra = g_strdup_printf ("If-Match: *\r\nIdempotency-Key: w%u-%u\r\n", w->index, n);
        }
      else if (pick < 90)
        {
          method = "PUT";
          path = g_strdup_printf ("/v1/themes/%08x-0000-4000-8000-%012x", w->index + 0x10, n);
          body = g_strdup ("{\"name\": \"Last\", \"colors\": {\"primary\": \"#112233\", \"accent\": \"#445566\","
                           " \"background\": \"#ffffff\", \"text\": \"#000000\"}, \"logo_sha256\":"
                           " \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\","
                           " \"font_family\": \"Cantarell\", \"corner_radius\": 8}");
          extra = g_strdup ("If-None-Match: *\r\n");
        }
      else
        {
          GString *codes = g_string_new (NULL);

          for (guint i = 0; i < 20; i++)
            g_string_append_printf (codes, "%s\"W%03X-%04X-%04X-%04X\"", i ? "," : "", w->index, n / 10000, n % 10000, i);
          method = "POST";
          path = g_strdup_printf ("/v1/voucher-batches/%s/codes", w->batch_id);
          body = g_strdup_printf ("{\"chunk\": %u, \"codes\": [%s]}", w->index * 1000000 + n, codes->str);
          extra = g_strdup_printf ("Idempotency-Key: c%u-%u\r\n", w->index, n);
          g_string_free (codes, TRUE);
        }
    }

  g_string_printf (request, "%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer %s\r\n%s",
                   method, path, w->token, extra ? extra : "");
  if (body != NULL)
    g_string_append_printf (request, "Content-Type: application/json\r\nContent-Length: %" G_GSIZE_FORMAT "\r\n\r\n%s",
                            strlen (body), body);
  else
    g_string_append (request, "\r\n");
}

static gpointer
run_worker (gpointer data)
{
  Worker *w = data;
  g_autoptr(GString) request = g_string_new (NULL);
  g_autoptr(GString) response = g_string_new (NULL);
  int fd = connect_to (w->port);

  for (guint n = 0; g_get_monotonic_time () < w->deadline; n++)
    {
      gint64 start = g_get_monotonic_time ();
      guint status;

      build_request (w, request, n);
      if (!write_all (fd, request->str, request->len) || (status = read_response (fd, response)) == 0)
        {
          close (fd);
          fd = connect_to (w->port);
          w->failed++;
          continue;
        }
      w->latency_us_total += g_get_monotonic_time () - start;
      if (status >= 200 && status < 300)
        w->done++;
      else
        w->failed++;
    }
  close (fd);
  return NULL;
}

/* Requests per second, after checking that nearly all of them succeeded. */
static double
run_mix (Mix         mix,
         const char *name,
         guint       port,
         const char *token,
         const char *campaign_id,
         const char *batch_id,
         GPtrArray  *project_ids,
         guint       seconds,
         guint       connections)
{
  g_autofree Worker *workers = g_new0 (Worker, connections);
  g_autofree GThread **threads = g_new0 (GThread *, connections);
  gint64 start = g_get_monotonic_time ();
  gint64 deadline = start + seconds * G_USEC_PER_SEC;
  guint64 done = 0, failed = 0, latency = 0;
  double elapsed, rate;
  static guint generation;

  generation++;
  for (guint i = 0; i < connections; i++)
    {
      workers[i] = (Worker) { port, token, campaign_id, batch_id, project_ids, mix, deadline, generation * 100 + i };
      threads[i] = g_thread_new ("bench", run_worker, &workers[i]);
    }
  for (guint i = 0; i < connections; i++)
    {
      g_thread_join (threads[i]);
      done += workers[i].done;
      failed += workers[i].failed;
      latency += workers[i].latency_us_total;
    }
  elapsed = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  rate = done / elapsed;

  g_print ("%-10s %8.0f req/s  %5.1fx the published peak of %.0f req/s  "
           "(%" G_GUINT64_FORMAT " ok, %" G_GUINT64_FORMAT " failed, %u connections, %.1f s, mean latency %.2f ms)\n",
           name, rate, rate / PUBLISHED_PEAK, PUBLISHED_PEAK, done, failed, connections, elapsed,
           done + failed > 0 ? latency / 1000.0 / (done + failed) : 0.0);
  if (failed > done / 100)
    g_error ("Too many failed requests in the %s", name);
  return rate;
}

static void
put (PdPlatformFixture *platform,
     const char        *token,
     const char        *path,
     const char        *body)
{
  g_autoptr(PdResponse) r = pd_platform_json (platform, "PUT", path, token, body, "If-None-Match", "*", (const char *) NULL);

  pd_assert_status (r, 201);
}

int
main (int   argc,
      char *argv[])
{
  guint seconds = g_getenv ("PD_BENCH_SECONDS") ? g_ascii_strtoull (g_getenv ("PD_BENCH_SECONDS"), NULL, 10) : 10;
  guint connections = g_getenv ("PD_BENCH_CONNECTIONS") ? g_ascii_strtoull (g_getenv ("PD_BENCH_CONNECTIONS"), NULL, 10) : 8;
  PdPlatformFixture *platform = pd_platform_fixture_start ("--admin", (const char *) NULL);
  g_autofree char *api = pd_platform_admin_tenant (platform, "Last", "bench@example.com", "bench-pw", NULL);
  g_autofree char *token = pd_platform_sign_in (platform, "bench@example.com", "bench-pw");
  g_autoptr(GPtrArray) project_ids = g_ptr_array_new_with_free_func (g_free);
  const char *campaign_id = "40000000-0000-4000-8000-000000000001";
  const char *batch_id = "50000000-0000-4000-8000-000000000001";
  g_autoptr(GString) projects = g_string_new (NULL);
  g_autofree char *campaign = NULL;
  g_autofree char *batch = NULL;
  double reads, writes;

  for (guint i = 0; i < N_PROJECTS; i++)
    {
      g_autofree char *id = g_strdup_printf ("60000000-0000-4000-8000-%012u", i);
      g_autofree char *path = g_strdup_printf ("/v1/projects/%s", id);
      g_autofree char *body = g_strdup_printf ("{\"title\": \"Trinkwasser für Schulen %u\", \"organisation\": \"Stiftung\","
                                               " \"description\": \"Mit Ihren Münzen entstehen Brunnen.\","
                                               " \"category\": \"water\", \"location\": \"Kassel\","
                                               " \"default_target_coins\": 1000, \"source\": \"client\"}", i);

      put (platform, token, path, body);
      if (i < 20)
        g_string_append_printf (projects, "%s{\"project_id\": \"%s\", \"target_coins\": 500}", i ? "," : "", id);
      g_ptr_array_add (project_ids, g_steal_pointer (&id));
    }
  campaign = g_strdup_printf ("{\"name\": \"Last\", \"slug\": \"last\", \"starts_at\": \"2026-01-01T00:00:00Z\","
                              " \"ends_at\": \"2099-01-01T00:00:00Z\", \"time_zone\": \"Europe/Berlin\", \"currency\": \"EUR\","
                              " \"coin_value_micros\": 10000, \"voucher_budget_coins\": 100000, \"funding_type\": \"donation\","
                              " \"default_language\": \"de\", \"texts\": {\"de\": {\"title\": \"T\", \"intro\": \"I\"}},"
                              " \"projects\": [%s], \"page_blocks\": []}", projects->str);
  put (platform, token, "/v1/campaigns/40000000-0000-4000-8000-000000000001", campaign);
  batch = g_strdup_printf ("{\"campaign_id\": \"%s\", \"label\": \"Last\", \"count\": 1000000,"
                           " \"coins_per_voucher\": 10, \"expires_at\": \"2099-01-01T00:00:00Z\"}", campaign_id);
  put (platform, token, "/v1/voucher-batches/50000000-0000-4000-8000-000000000001", batch);

  g_print ("Reference platform load, %u s per mix, on 127.0.0.1:%u\n", seconds, platform->port);
  reads = run_mix (MIX_READ, "read mix", platform->port, token, campaign_id, batch_id, project_ids, seconds, connections);
  writes = run_mix (MIX_WRITE, "write mix", platform->port, token, campaign_id, batch_id, project_ids, seconds, connections);

  /* The baseline is the hosted platform's published peak, not a run. The
   * target of issue 4 is for reads; writes are shown against the peak. */
  pd_test_bench_line ("platform read mix vs the published peak of 600 req/s", reads, "req/s", PUBLISHED_PEAK,
                      ">= 10x", reads >= 10 * PUBLISHED_PEAK);
  pd_test_bench_line ("platform write mix vs the published peak of 600 req/s", writes, "req/s", PUBLISHED_PEAK,
                      NULL, FALSE);

  pd_platform_fixture_stop (platform);
  return 0;
}
