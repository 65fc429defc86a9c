/* test-platform-hardening.c: attacks on the reference platform, over real
 * HTTP against the real server binary (issue 13)
 *
 * Each test reproduces one fault as an attacker would send it, then checks
 * that the server refused it cheaply and still serves everyone else.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-platform-hardening"

#include "pd-platform-fixture.h"
#include "pd-test-utils.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <nettle/pbkdf2.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

typedef struct
{
  PdPlatformFixture *platform;
  char              *token;
  char              *tenant_id;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *api = NULL;

  f->platform = pd_platform_fixture_start ("--admin", NULL);
  api = pd_platform_admin_tenant (f->platform, "Bank", "h@example.com", "hardening-pw", &f->tenant_id);
  f->token = pd_platform_sign_in (f->platform, "h@example.com", "hardening-pw");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  pd_platform_fixture_stop (f->platform);
  g_free (f->token);
  g_free (f->tenant_id);
}

/* The server still answers a signed-in request as usual. */
static void
assert_still_serving (Fixture *f)
{
  g_autoptr(PdResponse) me = pd_platform_request (f->platform, "GET", "/v1/me", f->token, NULL, NULL, 0, NULL);

  g_assert_no_error (me->error);
  pd_assert_status (me, 200);
}

/* An RFC 3339 time @days from now: the suite also runs under faketime far
 * in the future, so no date is written out. */
static char *
days_from_now (int days)
{
  g_autoptr(GDateTime) now = pd_now_utc ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, days);

  return g_date_time_format (then, "%Y-%m-%dT%H:%M:%SZ");
}

/* A campaign record that passes validation, with the members given. */
static char *
campaign_json (const char *time_zone,
               gint64      coin_value_micros,
               const char *projects)
{
  g_autofree char *starts = days_from_now (-1);
  g_autofree char *ends = days_from_now (60);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, "Herbst");
  json_builder_set_member_name (builder, "slug");
  json_builder_add_string_value (builder, "herbst");
  json_builder_set_member_name (builder, "starts_at");
  json_builder_add_string_value (builder, starts);
  json_builder_set_member_name (builder, "ends_at");
  json_builder_add_string_value (builder, ends);
  json_builder_set_member_name (builder, "time_zone");
  json_builder_add_string_value (builder, time_zone);
  json_builder_set_member_name (builder, "currency");
  json_builder_add_string_value (builder, "EUR");
  json_builder_set_member_name (builder, "coin_value_micros");
  json_builder_add_int_value (builder, coin_value_micros);
  json_builder_set_member_name (builder, "voucher_budget_coins");
  json_builder_add_int_value (builder, 1000);
  json_builder_set_member_name (builder, "funding_type");
  json_builder_add_string_value (builder, "donation");
  json_builder_set_member_name (builder, "default_language");
  json_builder_add_string_value (builder, "de");
  json_builder_set_member_name (builder, "texts");
  json_builder_add_value (builder, json_from_string ("{\"de\": {\"title\": \"Herbst\", \"intro\": \"Hallo\"}}", NULL));
  json_builder_set_member_name (builder, "projects");
  json_builder_add_value (builder, json_from_string (projects != NULL ? projects : "[]", NULL));
  json_builder_set_member_name (builder, "page_blocks");
  json_builder_add_value (builder, json_from_string ("[]", NULL));
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static PdResponse *
put_new (Fixture    *f,
         const char *collection,
         const char *id,
         const char *json)
{
  g_autofree char *path = g_strdup_printf ("/v1/%s/%s", collection, id);

  return pd_platform_json (f->platform, "PUT", path, f->token, json, "If-None-Match", "*", NULL);
}

/* The message of the error about @field, or NULL. */
static const char *
field_error (PdResponse *response,
             const char *field)
{
  JsonNode *errors = json_object_get_member (pd_response_object (response), "errors");

  for (guint i = 0; errors != NULL && i < json_array_get_length (json_node_get_array (errors)); i++)
    {
      JsonObject *error = json_array_get_object_element (json_node_get_array (errors), i);

      if (g_str_equal (json_object_get_string_member (error, "field"), field))
        return json_object_get_string_member (error, "message");
    }
  return NULL;
}

/* ---- raw connections, for what a well-behaved client never sends ---- */

static GSocket *
raw_connect (PdPlatformFixture *platform)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, platform->port);
  GSocket *socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);

  g_assert_no_error (error);
  g_socket_set_timeout (socket, 10);
  if (!g_socket_connect (socket, address, NULL, &error))
    g_error ("connect: %s", error->message);
  return socket;
}

/* FALSE once the server has closed or reset the connection. */
static gboolean
raw_send (GSocket    *socket,
          const void *data,
          gsize       len)
{
  const char *p = data;

  while (len > 0)
    {
      gssize n = g_socket_send (socket, p, len, NULL, NULL);

      if (n <= 0)
        return FALSE;
      p += n;
      len -= n;
    }
  return TRUE;
}

/* What the server answers within @seconds (up to its close); "" if nothing. */
static char *
raw_answer (GSocket *socket,
            guint    seconds)
{
  GString *answer = g_string_new (NULL);
  char buffer[4096];
  gssize n;

  g_socket_set_timeout (socket, seconds);
  while ((n = g_socket_receive (socket, buffer, sizeof buffer, NULL, NULL)) > 0)
    g_string_append_len (answer, buffer, n);
  return g_string_free (answer, FALSE);
}

/* A line of /proc/PID/status, in KiB: VmRSS, VmHWM. */
static gsize
proc_status_kib (PdPlatformFixture *platform,
                 const char        *field)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/status", pd_platform_fixture_pid (platform));
  g_autofree char *contents = NULL;
  const char *line;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  line = strstr (contents, field);
  g_assert_nonnull (line);
  return g_ascii_strtoull (line + strlen (field) + 1, NULL, 10);
}

/* ---- 8: a body without a JSON root ---- */

static void
test_body_without_root (Fixture       *f,
                        gconstpointer  data)
{
  static const char *bodies[] = { " ", "\n\t \r\n", "" };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(PdResponse) session = pd_platform_json (f->platform, "POST", "/v1/session", NULL, bodies[i], NULL);
      g_autoptr(PdResponse) put = pd_platform_json (f->platform, "PUT",
                                                    "/v1/projects/10000000-0000-4000-8000-000000000001",
                                                    f->token, bodies[i], "If-None-Match", "*", NULL);
      g_autoptr(PdResponse) admin = pd_platform_json (f->platform, "POST", "/_admin/faults", NULL, bodies[i], NULL);

      g_assert_no_error (session->error);
      pd_assert_problem (session, 400, "invalid-json");
      pd_assert_problem (put, 400, "invalid-json");
      pd_assert_problem (admin, 400, "invalid-json");
    }
  assert_still_serving (f);
}

/* ---- 1: nesting that a naive depth count does not see ---- */

static char *
nested (const char *prefix,
        guint       depth)
{
  GString *body = g_string_new (prefix);

  for (guint i = 0; i < depth; i++)
    g_string_append_c (body, '[');
  return g_string_free (body, FALSE);
}

static void
test_deep_nesting (Fixture       *f,
                   gconstpointer  data)
{
  /* each prefix hides the nesting behind a quote json-glib does not read as
   * the start of a string: in a comment, in single quotes, in a bare word */
  static const char *prefixes[] = { "{\"a\":/*\"*/", "{'\"':", "{\"a\"://\"\n", "{a\"b:", "" };
  static const char *not_json[] = {
    "{\"email\": \"a@example.com\", /* c */ \"password\": \"x\"}",
    "{'email': 'a@example.com', 'password': 'x'}",
    "{\"email\": \"a@example.com\", \"password\": \"x\",}",
    "{\"email\": \"a@example.com\", \"password\": \"x\"} x",
    "{\"email\": \"a@\texample.com\", \"password\": \"x\"}",
    "{\"n\": 01}",
    "{\"n\": .5}",
    "{\"n\": NaN}",
    "{\"s\": \"\\x41\"}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    {
      g_autofree char *body = nested (prefixes[i], 100000);
      g_autoptr(PdResponse) session = pd_platform_json (f->platform, "POST", "/v1/session", NULL, body, NULL);
      g_autoptr(PdResponse) put = pd_platform_json (f->platform, "PUT",
                                                    "/v1/projects/10000000-0000-4000-8000-000000000001",
                                                    f->token, body, "If-None-Match", "*", NULL);
      g_autoptr(PdResponse) admin = pd_platform_json (f->platform, "POST", "/_admin/faults", NULL, body, NULL);

      g_assert_no_error (session->error);
      pd_assert_problem (session, 400, "invalid-json");
      pd_assert_problem (put, 400, "invalid-json");
      pd_assert_problem (admin, 400, "invalid-json");
    }

  for (guint i = 0; i < G_N_ELEMENTS (not_json); i++)
    {
      g_autoptr(PdResponse) session = pd_platform_json (f->platform, "POST", "/v1/session", NULL, not_json[i], NULL);

      pd_assert_problem (session, 400, "invalid-json");
    }

  /* the limit itself: 32 levels are JSON the server reads (and finds no
   * e-mail in), 33 are refused unread */
  for (guint depth = 32; depth <= 33; depth++)
    {
      g_autoptr(GString) body = g_string_new ("{\"email\": ");
      g_autoptr(PdResponse) r = NULL;

      for (guint i = 1; i < depth; i++)
        g_string_append_c (body, '[');
      for (guint i = 1; i < depth; i++)
        g_string_append_c (body, ']');
      g_string_append_c (body, '}');
      r = pd_platform_json (f->platform, "POST", "/v1/session", NULL, body->str, NULL);
      if (depth == 32)
        pd_assert_problem (r, 422, "validation-failed");
      else
        pd_assert_problem (r, 400, "invalid-json");
    }
  assert_still_serving (f);
}

/* ---- 9: what the server tells about itself, and who may read its files ---- */

static void
assert_mode (const char *path,
             guint       mode)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    g_error ("%s: %s", path, g_strerror (errno));
  if ((st.st_mode & 0777) != mode)
    g_error ("%s is %03o, expected %03o", path, st.st_mode & 0777, mode);
}

static void
test_disclosure (Fixture       *f,
                 gconstpointer  data)
{
  /* strict JSON that json-glib still refuses: a lone surrogate */
  g_autoptr(PdResponse) surrogate = pd_platform_json (f->platform, "POST", "/v1/session", NULL,
                                                      "{\"email\": \"\\ud800\"}", NULL);
  g_autoptr(PdResponse) broken = pd_platform_json (f->platform, "POST", "/v1/session", NULL, "{\"email\": tru", NULL);
  g_autoptr(PdResponse) me = pd_platform_request (f->platform, "GET", "/v1/me", f->token, NULL, NULL, 0, NULL);
  g_autofree char *png_sha = NULL;
  g_autofree char *asset_path = NULL;
  g_autoptr(PdResponse) asset = NULL;
  g_autofree char *data_dir = g_build_filename (f->platform->data_dir, "data", NULL);
  g_autofree char *tenants = g_build_filename (data_dir, "tenants", NULL);
  g_autofree char *tenant_dir = g_build_filename (tenants, f->tenant_id, NULL);
  g_autofree char *registry = g_build_filename (data_dir, "registry.db", NULL);
  g_autofree char *registry_wal = g_build_filename (data_dir, "registry.db-wal", NULL);
  g_autofree char *tenant_db = g_build_filename (tenant_dir, "tenant.db", NULL);
  g_autofree char *tenant_shm = g_build_filename (tenant_dir, "tenant.db-shm", NULL);
  static const char png[] = "\x89PNG\r\n\x1a\nnot really";

  pd_assert_problem (surrogate, 400, "invalid-json");
  g_assert_cmpstr (json_object_get_string_member (pd_response_object (surrogate), "detail"), ==,
                   "The body is not valid JSON.");
  pd_assert_problem (broken, 400, "invalid-json");
  g_assert_cmpstr (json_object_get_string_member (pd_response_object (broken), "detail"), ==,
                   "The body is not valid JSON.");

  pd_assert_status (me, 200);
  g_assert_cmpstr (pd_response_header (me, "Server"), ==, "particulate-platform");

  png_sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) png, sizeof png - 1);
  {
    g_autofree char *path = g_strconcat ("/v1/assets/", png_sha, NULL);

    asset = pd_platform_request (f->platform, "PUT", path, f->token, "image/png", png, sizeof png - 1, NULL);
    pd_assert_status (asset, 201);
  }
  asset_path = g_build_filename (tenant_dir, "assets", png_sha, NULL);

  assert_mode (data_dir, 0700);
  assert_mode (tenants, 0700);
  assert_mode (tenant_dir, 0700);
  assert_mode (registry, 0600);
  assert_mode (registry_wal, 0600);
  assert_mode (tenant_db, 0600);
  assert_mode (tenant_shm, 0600);
  assert_mode (asset_path, 0600);
}

/* ---- 7: time zones are IANA names, not paths ---- */

static void
test_time_zone_names (Fixture       *f,
                      gconstpointer  data)
{
  static const char *refused[] = {
    "../../usr/share/zoneinfo/UTC", "/etc/passwd", "/usr/share/zoneinfo/UTC", "Europe/../Europe/Berlin",
    "./UTC", "Europe//Berlin", "Europe/Berlin/", "+01:00", "+0100", "UTC+1", "localtime", "posixrules",
    "Europe/Nowhere", "Europe", "etc/passwd", "Europe/Berlin\n", "", "leapseconds", "SECURITY", "EST5",
  };
  static const char *accepted[] = {
    "Europe/Berlin", "UTC", "Etc/GMT+5", "America/Argentina/Buenos_Aires", "America/Port-au-Prince",
  };
  g_autofree char *first_refusal = NULL;
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *id = g_strdup_printf ("20000000-0000-4000-8000-%012u", ++n);
      g_autofree char *json = campaign_json (refused[i], 10000, NULL);
      g_autoptr(PdResponse) r = put_new (f, "campaigns", id, json);
      g_autofree char *body = NULL;

      pd_assert_problem (r, 422, "validation-failed");
      g_assert_nonnull (field_error (r, "time_zone"));
      /* the same answer whether or not a file of that name exists */
      body = g_strndup (g_bytes_get_data (r->body, NULL), g_bytes_get_size (r->body));
      if (first_refusal == NULL)
        first_refusal = g_steal_pointer (&body);
      else
        g_assert_cmpstr (body, ==, first_refusal);
    }

  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_autofree char *id = g_strdup_printf ("20000000-0000-4000-8000-%012u", ++n);
      g_autofree char *json = campaign_json (accepted[i], 10000, NULL);
      g_autoptr(PdResponse) r = put_new (f, "campaigns", id, json);

      pd_assert_status (r, 201);
    }
}

/* ---- 5: money that does not fit in 64 bits ---- */

#define PROJECT_ID "10000000-0000-4000-8000-000000000001"
#define CAMPAIGN_ID "20000000-0000-4000-8000-000000000001"
#define BATCH_ID "30000000-0000-4000-8000-000000000001"

static void
put_project (Fixture *f)
{
  g_autoptr(PdResponse) r = put_new (f, "projects", PROJECT_ID,
                                     "{\"title\": \"Bienenwiese\", \"organisation\": \"Stiftung\", \"description\": \"\","
                                     " \"category\": \"environment\", \"location\": \"Kassel\","
                                     " \"default_target_coins\": 1, \"source\": \"client\"}");

  pd_assert_status (r, 201);
}

static char *
batch_json (gint64 count,
            gint64 coins_per_voucher)
{
  g_autofree char *expires = days_from_now (365);

  return g_strdup_printf ("{\"campaign_id\": \"%s\", \"label\": \"Filialen\", \"count\": %" G_GINT64_FORMAT ","
                          " \"coins_per_voucher\": %" G_GINT64_FORMAT ", \"expires_at\": \"%s\"}",
                          CAMPAIGN_ID, count, coins_per_voucher, expires);
}

/* A live campaign at @coin_value whose one project has received all ten
 * vouchers of a batch of @coins_per_voucher each. */
static void
redeem_ten (Fixture *f,
            gint64   coin_value,
            gint64   coins_per_voucher)
{
  g_autofree char *campaign = campaign_json ("Europe/Berlin", coin_value,
                                             "[{\"project_id\": \"" PROJECT_ID "\", \"target_coins\": 1}]");
  g_autofree char *batch = batch_json (10, coins_per_voucher);
  g_autoptr(PdResponse) put_campaign = NULL;
  g_autoptr(PdResponse) put_batch = NULL;
  g_autoptr(PdResponse) codes = NULL;
  g_autoptr(PdResponse) published = NULL;
  g_autoptr(GString) chunk = g_string_new ("{\"chunk\": 0, \"codes\": [");

  put_project (f);
  put_campaign = put_new (f, "campaigns", CAMPAIGN_ID, campaign);
  pd_assert_status (put_campaign, 201);
  put_batch = put_new (f, "voucher-batches", BATCH_ID, batch);
  pd_assert_status (put_batch, 201);
  for (guint i = 0; i < 10; i++)
    g_string_append_printf (chunk, "%s\"MONY-MONY-MONY-%04u\"", i > 0 ? ", " : "", i);
  g_string_append (chunk, "]}");
  codes = pd_platform_json (f->platform, "POST", "/v1/voucher-batches/" BATCH_ID "/codes", f->token, chunk->str, NULL);
  pd_assert_status (codes, 200);
  published = pd_platform_request (f->platform, "POST", "/v1/campaigns/" CAMPAIGN_ID "/publish", f->token,
                                   NULL, NULL, 0, "If-Match", "\"1\"", NULL);
  pd_assert_status (published, 200);
  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *redeem = g_strdup_printf ("{\"tenant_id\": \"%s\", \"code\": \"MONY-MONY-MONY-%04u\","
                                                 " \"project_id\": \"" PROJECT_ID "\"}", f->tenant_id, i);
      g_autoptr(PdResponse) r = pd_platform_json (f->platform, "POST", "/_admin/redeem", NULL, redeem, NULL);

      pd_assert_status (r, 200);
    }
}

static PdResponse *
get_stats (Fixture *f)
{
  return pd_platform_request (f->platform, "GET", "/v1/campaigns/" CAMPAIGN_ID "/stats", f->token, NULL, NULL, 0, NULL);
}

static void
test_money_bounds (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *rich_campaign = campaign_json ("Europe/Berlin", G_GINT64_CONSTANT (1000000000000),
                                                  "[{\"project_id\": \"" PROJECT_ID "\", \"target_coins\": 1}]");
  g_autofree char *huge_target = campaign_json ("Europe/Berlin", 10000,
                                                "[{\"project_id\": \"" PROJECT_ID "\", \"target_coins\": 10000000000000}]");
  g_autofree char *rich_target = campaign_json ("Europe/Berlin", G_GINT64_CONSTANT (1000000000000),
                                                "[{\"project_id\": \"" PROJECT_ID "\", \"target_coins\": 10000}]");
  g_autofree char *batch = batch_json (10, 1000000000);
  g_autofree char *fat_batch = batch_json (1000000, 1000000000);
  g_autoptr(PdResponse) target = NULL;
  g_autoptr(PdResponse) target_amount = NULL;
  g_autoptr(PdResponse) campaign = NULL;
  g_autoptr(PdResponse) wrapped = NULL;
  g_autoptr(PdResponse) fat = NULL;
  g_autoptr(PdResponse) small_batch = NULL;
  g_autoptr(PdResponse) raise = NULL;
  g_autoptr(PdResponse) second = NULL;

  put_project (f);
  target = put_new (f, "campaigns", "20000000-0000-4000-8000-0000000000ff", huge_target);
  pd_assert_problem (target, 422, "validation-failed");
  g_assert_nonnull (field_error (target, "projects[0].target_coins"));
  target_amount = put_new (f, "campaigns", "20000000-0000-4000-8000-0000000000fe", rich_target);
  pd_assert_problem (target_amount, 422, "validation-failed");
  g_assert_nonnull (field_error (target_amount, "projects[0].target_coins"));

  /* a coin worth a million: 1,000 coins of budget are a billion, the limit */
  campaign = put_new (f, "campaigns", CAMPAIGN_ID, rich_campaign);
  pd_assert_status (campaign, 201);
  /* ten vouchers of a billion coins at a million each are 1e22 micros,
   * which the results once answered as 1.86e18 */
  wrapped = put_new (f, "voucher-batches", BATCH_ID, batch);
  pd_assert_problem (wrapped, 422, "validation-failed");
  g_assert_nonnull (field_error (wrapped, "coins_per_voucher"));
  /* 1e15 coins are too many at any coin value */
  fat = put_new (f, "voucher-batches", BATCH_ID, fat_batch);
  pd_assert_problem (fat, 422, "validation-failed");

  /* a campaign worth a cent a coin takes the batch, but may then not
   * raise its coin value past what the batch's coins are worth */
  {
    g_autoptr(PdResponse) r = pd_platform_json (f->platform, "PATCH", "/v1/campaigns/" CAMPAIGN_ID, f->token,
                                                "{\"coin_value_micros\": 1}", "If-Match", "\"1\"", NULL);

    pd_assert_status (r, 200);
  }
  small_batch = put_new (f, "voucher-batches", BATCH_ID, batch);
  pd_assert_status (small_batch, 201);
  raise = pd_platform_json (f->platform, "PATCH", "/v1/campaigns/" CAMPAIGN_ID, f->token,
                            "{\"coin_value_micros\": 1000000000}", "If-Match", "\"2\"", NULL);
  pd_assert_problem (raise, 422, "validation-failed");
  g_assert_nonnull (field_error (raise, "coin_value_micros"));
  /* nor may a second batch take the campaign past the limit */
  {
    g_autoptr(PdResponse) r = pd_platform_json (f->platform, "PATCH", "/v1/campaigns/" CAMPAIGN_ID, f->token,
                                                "{\"coin_value_micros\": 100000}", "If-Match", "\"2\"", NULL);

    pd_assert_status (r, 200);
  }
  second = put_new (f, "voucher-batches", "30000000-0000-4000-8000-000000000002", batch);
  pd_assert_problem (second, 422, "validation-failed");
}

/* At the limits, results are exact: 1e9 coins at a unit each are 1e15. */
static void
test_money_exact (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(PdResponse) stats = NULL;
  JsonArray *payouts;

  redeem_ten (f, 1000000, 100000000);
  stats = get_stats (f);
  pd_assert_status (stats, 200);
  g_assert_cmpint (pd_response_int (stats, "coins_redeemed"), ==, G_GINT64_CONSTANT (1000000000));
  payouts = json_object_get_array_member (pd_response_object (stats), "payouts_due");
  g_assert_cmpuint (json_array_get_length (payouts), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (payouts, 0), "amount_micros"), ==,
                   G_GINT64_CONSTANT (1000000000000000));
}

/* Data stored before the bounds (written here straight into the tenant's
 * database) must not come back as a wrapped amount. */
static void
test_money_legacy (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *db_path = g_build_filename (f->platform->data_dir, "data", "tenants", f->tenant_id,
                                               "tenant.db", NULL);
  g_autoptr(PdResponse) stats = NULL;
  sqlite3 *db = NULL;
  char *message = NULL;

  redeem_ten (f, 1000000, 100000000);
  g_assert_cmpint (sqlite3_open (db_path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  if (sqlite3_exec (db, "UPDATE records SET json = json_set (json, '$.coin_value_micros', 1000000000000) "
                        "WHERE kind = 'campaign'", NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s", message);
  sqlite3_close (db);

  stats = get_stats (f);
  pd_assert_problem (stats, 500, "internal-error");
  assert_still_serving (f);
}

/* ---- 6: pages and records of many megabytes ---- */

static char *
campaign_with_block (gsize text_bytes)
{
  g_autofree char *base = campaign_json ("Europe/Berlin", 10000, NULL);
  g_autoptr(GString) json = g_string_new (base);
  g_autofree char *filler = g_strnfill (text_bytes, 'x');
  g_autofree char *blocks = g_strdup_printf ("\"page_blocks\":[{\"id\":\"b1\",\"type\":\"text\","
                                             "\"properties\":{\"html\":\"%s\"}}]", filler);
  const char *empty = strstr (json->str, "\"page_blocks\":[]");

  g_assert_nonnull (empty);
  g_string_erase (json, empty - json->str, strlen ("\"page_blocks\":[]"));
  g_string_insert (json, empty - json->str, blocks);
  return g_string_free (g_steal_pointer (&json), FALSE);
}

/* Follows next_cursor (lists) or since/has_more (the feed) to the end;
 * returns the number of items and the largest page in bytes. */
static guint
read_all_pages (Fixture    *f,
                const char *path,
                gsize      *largest_page,
                guint      *pages)
{
  gboolean feed = g_str_has_prefix (path, "/v1/changes");
  g_autofree char *cursor = NULL;
  guint items = 0;

  *largest_page = 0;
  *pages = 0;
  for (;;)
    {
      g_autofree char *url = cursor == NULL ? g_strdup (path)
                                            : g_strdup_printf ("%s&%s=%s", path, feed ? "since" : "cursor", cursor);
      g_autoptr(PdResponse) page = pd_platform_request (f->platform, "GET", url, f->token, NULL, NULL, 0, NULL);
      JsonObject *object;
      gboolean more;

      pd_assert_status (page, 200);
      object = pd_response_object (page);
      *largest_page = MAX (*largest_page, g_bytes_get_size (page->body));
      (*pages)++;
      items += json_array_get_length (json_object_get_array_member (object, feed ? "changes" : "items"));
      g_free (cursor);
      cursor = g_strdup (json_object_get_string_member_with_default (object, "next_cursor", NULL));
      more = feed ? json_object_get_boolean_member (object, "has_more") : cursor != NULL;
      if (!more)
        return items;
      g_assert_nonnull (cursor);
    }
}

static void
test_page_bytes (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *too_big = campaign_with_block (300 * 1024);
  g_autofree char *big = campaign_with_block (240 * 1024);
  g_autoptr(PdResponse) refused = put_new (f, "campaigns", "20000000-0000-4000-8000-0000000000ff", too_big);
  gsize largest;
  guint pages;

  /* a record of 300 KiB is refused, though its body is within 1 MiB */
  pd_assert_problem (refused, 413, "payload-too-large");

  /* 24 records of 240 KiB are 5.6 MiB: more than one page holds */
  for (guint i = 0; i < 24; i++)
    {
      g_autofree char *id = g_strdup_printf ("20000000-0000-4000-8000-%012u", i);
      g_autoptr(PdResponse) r = put_new (f, "campaigns", id, big);

      pd_assert_status (r, 201);
    }
  g_assert_cmpuint (read_all_pages (f, "/v1/campaigns?limit=1000", &largest, &pages), ==, 24);
  g_assert_cmpuint (largest, <=, 4 * 1024 * 1024 + 256 * 1024);
  g_assert_cmpuint (pages, >=, 2);
  g_assert_cmpuint (read_all_pages (f, "/v1/changes?limit=1000", &largest, &pages), ==, 24);
  g_assert_cmpuint (largest, <=, 4 * 1024 * 1024 + 256 * 1024);
  g_assert_cmpuint (pages, >=, 2);
}

/* A first sync of a catalogue of 50,000 projects pages through all of them,
 * as lists and as the feed. The rows are written straight into the
 * tenant's database, then the server restarts to read them. */
static void
test_first_sync_50k (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *db_path = g_build_filename (f->platform->data_dir, "data", "tenants", f->tenant_id,
                                               "tenant.db", NULL);
  sqlite3 *db = NULL;
  char *message = NULL;
  gsize largest;
  guint pages;
  gint64 start;

  g_assert_cmpint (sqlite3_open (db_path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  if (sqlite3_exec (db,
                    "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50000) "
                    "INSERT INTO records (kind, id, revision, seq, deleted, json) "
                    "SELECT 'project', printf ('%08x-0000-4000-8000-%012x', i, i), 1, i, 0, "
                    "  json_object ('id', printf ('%08x-0000-4000-8000-%012x', i, i), 'revision', 1,"
                    "    'updated_at', '2020-01-01T00:00:00Z', 'title', 'Projekt ' || i, 'organisation', 'Stiftung',"
                    "    'description', substr (hex (randomblob (300)), 1, 600), 'category', 'environment',"
                    "    'location', 'Kassel', 'default_target_coins', 100, 'source', 'catalogue', 'language', 'de') "
                    "FROM n",
                    NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s", message);
  sqlite3_close (db);
  pd_platform_fixture_restart (f->platform);

  start = g_get_monotonic_time ();
  g_assert_cmpuint (read_all_pages (f, "/v1/projects?limit=1000", &largest, &pages), ==, 50000);
  g_assert_cmpuint (pages, ==, 50);
  g_assert_cmpuint (read_all_pages (f, "/v1/changes?limit=1000", &largest, &pages), ==, 50000);
  g_assert_cmpuint (pages, ==, 50);
  g_test_message ("50,000 projects listed and read from the feed in %.2f s",
                  (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
}

/* ---- 2: memory spent on bodies before anyone signed in ---- */

/* Sends @total bytes of body after @head, as @chunked or plain, until the
 * server hangs up; returns the largest RSS seen on the way, in KiB. */
static gsize
flood (Fixture    *f,
       const char *head,
       gsize       total,
       gboolean    chunked,
       char      **answer)
{
  g_autoptr(GSocket) socket = raw_connect (f->platform);
  g_autofree char *block = g_strnfill (64 * 1024, 'x');
  g_autofree char *chunk_head = g_strdup_printf ("%x\r\n", 64 * 1024);
  gsize peak = proc_status_kib (f->platform, "VmRSS:");
  gsize sent = 0;

  g_assert_true (raw_send (socket, head, strlen (head)));
  while (sent < total)
    {
      if ((chunked && !raw_send (socket, chunk_head, strlen (chunk_head))) ||
          !raw_send (socket, block, 64 * 1024) ||
          (chunked && !raw_send (socket, "\r\n", 2)))
        break;
      sent += 64 * 1024;
      if (sent % (1024 * 1024) == 0)
        peak = MAX (peak, proc_status_kib (f->platform, "VmRSS:"));
    }
  if (chunked && sent >= total)
    raw_send (socket, "0\r\n\r\n", 5);
  peak = MAX (peak, proc_status_kib (f->platform, "VmRSS:"));
  *answer = raw_answer (socket, 2);
  g_test_message ("sent %" G_GSIZE_FORMAT " MiB before the server hung up", sent / (1024 * 1024));
  return peak;
}

/* How far the server's memory may rise while it refuses a flood: a few
 * MiB. AddressSanitizer keeps freed blocks in quarantine and pads every
 * allocation, so the same server moves more there; the attack this guards
 * against grew it by hundreds of MiB. */
#if defined(__SANITIZE_ADDRESS__)
#define FLOOD_SLACK_KIB (32 * 1024)
#else
#define FLOOD_SLACK_KIB (8 * 1024)
#endif

static void
test_body_memory (Fixture       *f,
                  gconstpointer  data)
{
  gsize idle, hwm_before, peak;
  g_autofree char *length_answer = NULL;
  g_autofree char *chunked_answer = NULL;

  assert_still_serving (f);
  idle = proc_status_kib (f->platform, "VmRSS:");
  hwm_before = proc_status_kib (f->platform, "VmHWM:");

  peak = flood (f, "POST /v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                   "Content-Length: 314572800\r\n\r\n", 300 * 1024 * 1024, FALSE, &length_answer);
  g_test_message ("Content-Length 300 MiB: idle %" G_GSIZE_FORMAT " KiB, peak %" G_GSIZE_FORMAT " KiB", idle, peak);
  g_assert_cmpuint (peak, <, idle + FLOOD_SLACK_KIB);
  g_assert_true (g_str_has_prefix (length_answer, "HTTP/1.1 413 "));

  peak = flood (f, "POST /v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                   "Transfer-Encoding: chunked\r\n\r\n", 400 * 1024 * 1024, TRUE, &chunked_answer);
  g_test_message ("chunked 400 MiB: idle %" G_GSIZE_FORMAT " KiB, peak %" G_GSIZE_FORMAT " KiB", idle, peak);
  g_assert_cmpuint (peak, <, idle + FLOOD_SLACK_KIB);
  g_assert_true (g_str_has_prefix (chunked_answer, "HTTP/1.1 413 "));

  g_assert_cmpuint (proc_status_kib (f->platform, "VmHWM:"), <, MAX (hwm_before, idle) + FLOOD_SLACK_KIB);
  assert_still_serving (f);
}

/* A body without a valid token is answered before a byte of it is sent. */
static void
test_body_needs_token (Fixture       *f,
                       gconstpointer  data)
{
  static const char *heads[] = {
    "PUT /v1/projects/10000000-0000-4000-8000-000000000001 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
    "Content-Type: application/json\r\nIf-None-Match: *\r\nContent-Length: 900000\r\n\r\n",
    "PUT /v1/projects/10000000-0000-4000-8000-000000000001 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
    "Content-Type: application/json\r\nIf-None-Match: *\r\nTransfer-Encoding: chunked\r\n\r\n",
    "PUT /v1/assets/0000000000000000000000000000000000000000000000000000000000000000 HTTP/1.1\r\n"
    "Host: 127.0.0.1\r\nAuthorization: Bearer forged\r\nContent-Type: image/png\r\n"
    "Content-Length: 16000000\r\n\r\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (heads); i++)
    {
      g_autoptr(GSocket) socket = raw_connect (f->platform);
      g_autofree char *answer = NULL;

      g_assert_true (raw_send (socket, heads[i], strlen (heads[i])));
      answer = raw_answer (socket, 5);
      if (!g_str_has_prefix (answer, "HTTP/1.1 401 "))
        g_error ("expected 401 before the body, got “%s”", answer);
      g_assert_nonnull (strstr (answer, "WWW-Authenticate: Bearer"));
    }
  assert_still_serving (f);
}

/* ---- 4: signing in ---- */

static PdResponse *
sign_in (PdPlatformFixture *platform,
         const char        *email,
         const char        *password)
{
  g_autofree char *body = g_strdup_printf ("{\"email\": \"%s\", \"password\": \"%s\"}", email, password);

  return pd_platform_json (platform, "POST", "/v1/session", NULL, body, NULL);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* An unknown e-mail address takes as long to refuse as a wrong password. */
static void
test_sign_in_oracle (Fixture       *f,
                     gconstpointer  data)
{
  PdPlatformFixture *platform = pd_platform_fixture_start ("--admin", "--pbkdf2-iterations", "200000", NULL);
  g_autofree char *api = pd_platform_admin_tenant (platform, "Bank", "known@example.com", "right-pw", NULL);
  double known[5], unknown[5];

  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *nobody = g_strdup_printf ("nobody-%u@example.com", i);
      g_autoptr(PdResponse) wrong = sign_in (platform, "known@example.com", "wrong-pw");
      g_autoptr(PdResponse) missing = sign_in (platform, nobody, "wrong-pw");

      pd_assert_problem (wrong, 401, "unauthorized");
      pd_assert_problem (missing, 401, "unauthorized");
      g_assert_cmpstr (json_object_get_string_member (pd_response_object (wrong), "detail"), ==,
                       json_object_get_string_member (pd_response_object (missing), "detail"));
      known[i] = wrong->seconds;
      unknown[i] = missing->seconds;
    }
  qsort (known, 5, sizeof (double), compare_doubles);
  qsort (unknown, 5, sizeof (double), compare_doubles);
  g_test_message ("median refusal: known e-mail %.1f ms, unknown %.1f ms", known[2] * 1000, unknown[2] * 1000);
  g_assert_cmpfloat (unknown[2], >, known[2] * 0.6);
  pd_platform_fixture_stop (platform);
}

static void
test_sign_in_rate_limit (Fixture       *f,
                         gconstpointer  data)
{
  PdPlatformFixture *platform = pd_platform_fixture_start ("--admin", "--sign-in-failures", "3", NULL);
  g_autofree char *api = pd_platform_admin_tenant (platform, "Bank", "limited@example.com", "right-pw", NULL);
  g_autoptr(PdResponse) locked = NULL;
  g_autoptr(PdResponse) address_locked = NULL;
  guint64 retry_after;

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(PdResponse) r = sign_in (platform, "limited@example.com", "wrong-pw");

      pd_assert_problem (r, 401, "unauthorized");
    }
  /* the e-mail is locked for the minute, even with the right password */
  locked = sign_in (platform, "Limited@Example.com", "right-pw");
  pd_assert_problem (locked, 429, "rate-limited");
  g_assert_true (g_ascii_string_to_unsigned (pd_response_header (locked, "Retry-After"), 10, 1, 60, &retry_after, NULL));

  /* the address has 9 failures a minute, for any e-mail */
  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *email = g_strdup_printf ("guess-%u@example.com", i);
      g_autoptr(PdResponse) r = sign_in (platform, email, "wrong-pw");

      pd_assert_problem (r, 401, "unauthorized");
    }
  address_locked = sign_in (platform, "fresh@example.com", "whatever");
  pd_assert_problem (address_locked, 429, "rate-limited");
  g_assert_nonnull (pd_response_header (address_locked, "Retry-After"));
  pd_platform_fixture_stop (platform);
}

/* Requests of other tenants are answered while sign-ins are being hashed. */
static void
test_sign_in_main_loop (Fixture       *f,
                        gconstpointer  data)
{
  PdPlatformFixture *platform = pd_platform_fixture_start ("--admin", "--pbkdf2-iterations", "300000",
                                                           "--sign-in-failures", "100", NULL);
  g_autofree char *api = pd_platform_admin_tenant (platform, "Bank", "busy@example.com", "right-pw", NULL);
  g_autofree char *token = pd_platform_sign_in (platform, "busy@example.com", "right-pw");
  g_autoptr(PdResponse) one = sign_in (platform, "busy@example.com", "wrong-pw");
  g_autoptr(PdResponse) me = NULL;
  const char *body = "{\"email\": \"busy@example.com\", \"password\": \"wrong-pw\"}";
  g_autofree char *head = g_strdup_printf ("POST /v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                                           "Content-Type: application/json\r\nContent-Length: %zu\r\n\r\n%s",
                                           strlen (body), body);
  GSocket *flood[8];

  {
    Fixture other = { platform, token, NULL };

    for (guint i = 0; i < G_N_ELEMENTS (flood); i++)
      {
        flood[i] = raw_connect (platform);
        g_assert_true (raw_send (flood[i], head, strlen (head)));
      }
    me = pd_platform_request (platform, "GET", "/v1/me", token, NULL, NULL, 0, NULL);
    pd_assert_status (me, 200);
    g_test_message ("one sign-in takes %.0f ms; GET /v1/me behind %u of them took %.0f ms",
                    one->seconds * 1000, (guint) G_N_ELEMENTS (flood), me->seconds * 1000);
    g_assert_cmpfloat (me->seconds, <, MAX (0.2, one->seconds * 2));
    for (guint i = 0; i < G_N_ELEMENTS (flood); i++)
      {
        g_autofree char *answer = raw_answer (flood[i], 30);

        g_assert_true (g_str_has_prefix (answer, "HTTP/1.1 401 "));
        g_object_unref (flood[i]);
      }
    assert_still_serving (&other);
  }
  pd_platform_fixture_stop (platform);
}

/* A hash of the old count (20,000) still signs in, and is made again with
 * the server's count on the way. */
static void
test_sign_in_upgrade (Fixture       *f,
                      gconstpointer  data)
{
  PdPlatformFixture *platform = pd_platform_fixture_start ("--admin", "--pbkdf2-iterations", "600000", NULL);
  g_autofree char *api = pd_platform_admin_tenant (platform, "Bank", "old@example.com", "new-pw", NULL);
  g_autofree char *registry = g_build_filename (platform->data_dir, "data", "registry.db", NULL);
  const char *salt = "0123456789abcdef0123456789abcdef";
  guint8 raw[32];
  g_autoptr(GString) legacy = g_string_new (NULL);
  g_autofree char *sql = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (registry, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT iterations, algorithm FROM users WHERE email = 'old@example.com'",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 600000);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, "pbkdf2-sha256");
  sqlite3_finalize (stmt);

  /* as the server stored passwords before: 20,000 iterations */
  pbkdf2_hmac_sha256 (strlen ("legacy-pw"), (const guint8 *) "legacy-pw", 20000,
                      strlen (salt), (const guint8 *) salt, sizeof raw, raw);
  for (guint i = 0; i < sizeof raw; i++)
    g_string_append_printf (legacy, "%02x", raw[i]);
  sql = g_strdup_printf ("UPDATE users SET salt = '%s', iterations = 20000, password_hash = '%s' "
                         "WHERE email = 'old@example.com'", salt, legacy->str);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s", message);

  {
    g_autoptr(PdResponse) wrong = sign_in (platform, "old@example.com", "new-pw");
    g_autoptr(PdResponse) right = sign_in (platform, "old@example.com", "legacy-pw");
    g_autoptr(PdResponse) again = NULL;

    pd_assert_problem (wrong, 401, "unauthorized");
    pd_assert_status (right, 201);
    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT iterations, salt, password_hash FROM users "
                                             "WHERE email = 'old@example.com'", -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 600000);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), !=, salt);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 2), !=, legacy->str);
    sqlite3_finalize (stmt);
    again = sign_in (platform, "old@example.com", "legacy-pw");
    pd_assert_status (again, 201);
  }
  sqlite3_close (db);
  pd_platform_fixture_stop (platform);
}

/* ---- the demo seed follows the clock ---- */

static void
test_demo_dates (Fixture       *f,
                 gconstpointer  data)
{
  PdPlatformFixture *platform = pd_platform_fixture_start ("--seed", "demo", NULL);
  g_autofree char *token = pd_platform_sign_in (platform, "demo@example.com", "demo-password");
  g_autoptr(PdResponse) list = pd_platform_request (platform, "GET", "/v1/campaigns", token, NULL, NULL, 0, NULL);
  g_autoptr(GDateTime) now = pd_now_utc ();
  JsonArray *items;
  guint live = 0, future_drafts = 0;

  pd_assert_status (list, 200);
  items = json_object_get_array_member (pd_response_object (list), "items");
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *campaign = json_array_get_object_element (items, i);
      g_autoptr(GDateTime) starts = g_date_time_new_from_iso8601 (json_object_get_string_member (campaign, "starts_at"), NULL);
      g_autoptr(GDateTime) ends = g_date_time_new_from_iso8601 (json_object_get_string_member (campaign, "ends_at"), NULL);
      const char *status = json_object_get_string_member (campaign, "status");
      g_autofree char *year = g_strdup_printf ("%d", g_date_time_get_year (g_str_equal (status, "live") ? now : starts));

      g_assert_nonnull (strstr (json_object_get_string_member (campaign, "name"), year));
      if (g_str_equal (status, "live") && g_date_time_compare (starts, now) <= 0 && g_date_time_compare (ends, now) > 0)
        live++;
      if (g_str_equal (status, "draft") && g_date_time_compare (starts, now) > 0)
        future_drafts++;
    }
  g_assert_cmpuint (live, ==, 1);
  g_assert_cmpuint (future_drafts, ==, 1);
  pd_platform_fixture_stop (platform);
}

/* ---- 3: slow clients ---- */

static const char slow_head[] = "POST /v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n";

/* A connection from @source (any of 127.0.0.0/8: the per-peer cap counts
 * client addresses, and Linux answers on all of them) that sends @len
 * bytes of @data, then nothing. */
static GSocket *
connect_from (PdPlatformFixture *platform,
              const char        *source,
              const char        *data,
              gsize              len)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, platform->port);
  g_autoptr(GInetAddress) from = g_inet_address_new_from_string (source);
  g_autoptr(GSocketAddress) local = g_inet_socket_address_new (from, 0);
  GSocket *socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);

  g_assert_no_error (error);
  g_socket_set_timeout (socket, 10);
  if (!g_socket_bind (socket, local, FALSE, &error) || !g_socket_connect (socket, address, NULL, &error))
    g_error ("connect from %s: %s", source, error->message);
  g_assert_true (raw_send (socket, data, len));
  return socket;
}

/* Headers announcing 1000 bytes of body, and 500 of them. */
static GSocket *
slow_client (PdPlatformFixture *platform,
             const char        *source)
{
  g_autofree char *request = g_strdup_printf ("%s%500s", slow_head, "");

  return connect_from (platform, source, request, strlen (request));
}

/* Waits up to @ms for the server to close @socket; returns the seconds it
 * took, or -1 if it is still open. */
static double
wait_closed (GSocket *socket,
             guint    ms)
{
  gint64 start = g_get_monotonic_time ();
  char buffer[1024];
  gssize n;

  g_socket_set_timeout (socket, 0);
  while (g_socket_condition_timed_wait (socket, G_IO_IN, (gint64) ms * 1000 - (g_get_monotonic_time () - start),
                                        NULL, NULL))
    {
      /* whatever it says before it hangs up (nothing, here) is read */
      n = g_socket_receive_with_blocking (socket, buffer, sizeof buffer, FALSE, NULL, NULL);
      if (n <= 0)
        return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
    }
  return -1;
}

/* File descriptors the server has open. */
static guint
open_fds (PdPlatformFixture *platform)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/fd", pd_platform_fixture_pid (platform));
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

/* Waits up to @ms for the server's open descriptors to satisfy @above
 * (more than @n) or not (at most @n); returns the last count. */
static guint
wait_fds (PdPlatformFixture *platform,
          gboolean           above,
          guint              n,
          guint              ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;
  guint count;

  while (((count = open_fds (platform)) > n) != above && g_get_monotonic_time () < end)
    g_usleep (2000);
  return count;
}

/* The server's descriptors once the start-up (the fixture's readiness
 * request, the first database opens) has settled: unchanged for 200 ms. */
static guint
settled_fds (PdPlatformFixture *platform)
{
  gint64 end = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;
  guint count = open_fds (platform);
  guint stable = 0;

  while (stable < 100 && g_get_monotonic_time () < end)
    {
      guint now;

      g_usleep (2000);
      now = open_fds (platform);
      stable = now == count ? stable + 1 : 0;
      count = now;
    }
  return count;
}

/* A cheap request on a fresh connection from 127.0.0.1; TRUE when the
 * server answers it within @seconds. */
static gboolean
answers_within (PdPlatformFixture *platform,
                guint              seconds)
{
  static const char get[] = "GET /v1/me HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
  g_autoptr(GSocket) socket = raw_connect (platform);
  g_autofree char *answer = NULL;

  g_assert_true (raw_send (socket, get, strlen (get)));
  answer = raw_answer (socket, seconds);
  return g_str_has_prefix (answer, "HTTP/1.1 401 ");
}

#define SLOW_FD_LIMIT 128

/* Half bodies until the server has no descriptor left, then the clients
 * leave: the server serves again. libsoup's own listener gives up for good
 * on the first failed accept(). */
static void
test_slow_clients_fd_exhaustion (void)
{
  PdPlatformFixture *platform = pd_platform_fixture_start_limited (SLOW_FD_LIMIT, "--address", "127.0.0.1", NULL);
  g_autoptr(GPtrArray) clients = g_ptr_array_new_with_free_func (g_object_unref);
  guint idle = settled_fds (platform);
  guint fds = idle;
  gint64 start;

  g_assert_true (answers_within (platform, 5));
  while (fds < SLOW_FD_LIMIT)
    {
      /* 30 per address, below the per-peer cap */
      g_autofree char *source = g_strdup_printf ("127.0.0.%u", 2 + clients->len / 30);

      g_assert_cmpuint (clients->len, <, 2 * SLOW_FD_LIMIT);
      g_ptr_array_add (clients, slow_client (platform, source));
      fds = wait_fds (platform, TRUE, fds, 200);
    }
  g_test_message ("%u slow clients took the server from %u to %u descriptors", clients->len, idle, fds);

  /* it cannot accept this one: it waits in the backlog */
  g_assert_false (answers_within (platform, 1));

  g_ptr_array_set_size (clients, 0);
  wait_fds (platform, FALSE, idle + 2, 5000);
  start = g_get_monotonic_time ();
  if (!answers_within (platform, 5))
    g_error ("no answer 5 s after the slow clients left (%u descriptors open)", open_fds (platform));
  g_test_message ("served again %.2f s after the slow clients left",
                  (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
  pd_platform_fixture_stop (platform);
}

#define HEADER_TIMEOUT_MS 1000
#define BODY_TIMEOUT_MS 4000

/* The same crowd, but it never leaves: the deadlines see them out. */
static void
test_slow_clients_deadlines (void)
{
  PdPlatformFixture *platform = pd_platform_fixture_start_limited (SLOW_FD_LIMIT,
    "--header-timeout-ms", G_STRINGIFY (HEADER_TIMEOUT_MS), "--body-timeout-ms", G_STRINGIFY (BODY_TIMEOUT_MS), NULL);
  g_autoptr(GPtrArray) clients = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GSocket) silent = NULL;
  g_autoptr(GSocket) half_head = NULL;
  guint idle = settled_fds (platform);
  guint fds = idle;
  double filled, first, last, seconds;
  gint64 start = g_get_monotonic_time ();

  silent = connect_from (platform, "127.0.0.1", "", 0);
  half_head = connect_from (platform, "127.0.0.1", slow_head, 40);
  while (fds < SLOW_FD_LIMIT)
    {
      g_autofree char *source = g_strdup_printf ("127.0.0.%u", 2 + clients->len / 30);

      g_assert_cmpuint (clients->len, <, 2 * SLOW_FD_LIMIT);
      g_ptr_array_add (clients, slow_client (platform, source));
      fds = wait_fds (platform, TRUE, fds, 200);
    }
  filled = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  g_test_message ("%u slow clients took the server from %u to %u descriptors in %.2f s",
                  clients->len, idle, fds, filled);
  /* a slow machine (the sanitizers) must fill it before the first deadline */
  g_assert_cmpfloat (filled, <, BODY_TIMEOUT_MS / 1000.0 - 1);

  /* who sends no headers goes first... */
  g_assert_cmpfloat (wait_closed (silent, 2 * HEADER_TIMEOUT_MS), >=, 0);
  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  g_assert_cmpfloat (seconds, >=, HEADER_TIMEOUT_MS / 1000.0 - 0.1);
  g_assert_cmpfloat (wait_closed (half_head, 100), >=, 0);
  g_test_message ("no headers: closed after %.2f s (deadline %.1f s)", seconds, HEADER_TIMEOUT_MS / 1000.0);

  /* ...then each half body, once its own deadline is past */
  g_assert_cmpfloat (wait_closed (g_ptr_array_index (clients, 0), BODY_TIMEOUT_MS + 3000), >=, 0);
  first = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  g_assert_cmpfloat (first, >=, BODY_TIMEOUT_MS / 1000.0 - 0.1);
  for (guint i = 1; i < clients->len; i++)
    if (wait_closed (g_ptr_array_index (clients, i), 3000) < 0)
      g_error ("slow client %u still open %.2f s after the first was closed", i,
               (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC - first);
  last = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  g_test_message ("half bodies: closed between %.2f and %.2f s (deadline %.1f s after the headers)",
                  first, last, BODY_TIMEOUT_MS / 1000.0);

  if (!answers_within (platform, 5))
    g_error ("no answer once the slow clients were cut off (%u descriptors open)", open_fds (platform));
  g_assert_cmpuint (wait_fds (platform, FALSE, idle + 2, 2000), <=, idle + 2);
  pd_platform_fixture_stop (platform);
}

/* Connections outlive their first answer (libsoup keeps one alive only
 * while it has a listener of its own), and an idle one ends at the header
 * deadline. */
static void
test_slow_clients_keep_alive (void)
{
  static const char get[] = "GET /v1/me HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  PdPlatformFixture *platform = pd_platform_fixture_start ("--header-timeout-ms", G_STRINGIFY (HEADER_TIMEOUT_MS), NULL);
  g_autoptr(GSocket) socket = connect_from (platform, "127.0.0.1", get, strlen (get));
  g_autofree char *answers = NULL;
  const char *second;
  gint64 start;
  double idle;

  g_usleep (200 * 1000);
  g_assert_true (raw_send (socket, get, strlen (get)));
  start = g_get_monotonic_time ();
  answers = raw_answer (socket, 5);
  idle = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  second = strstr (answers + 1, "HTTP/1.1 401 ");
  if (!g_str_has_prefix (answers, "HTTP/1.1 401 ") || second == NULL)
    g_error ("expected two answers on one connection, got “%s”", answers);
  g_test_message ("an idle keep-alive connection closed after %.2f s", idle);
  g_assert_cmpfloat (idle, >=, HEADER_TIMEOUT_MS / 1000.0 - 0.1);
  g_assert_cmpfloat (idle, <, HEADER_TIMEOUT_MS / 1000.0 + 2);
  pd_platform_fixture_stop (platform);
}

#define PEER_CONNECTIONS 32

/* One address holds at most its share of connections; the next one is
 * turned away with 429, and everyone else is still served. */
static void
test_slow_clients_peer_cap (void)
{
  PdPlatformFixture *platform = pd_platform_fixture_start ("--admin", NULL);
  g_autoptr(GPtrArray) clients = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GSocket) over = NULL;
  g_autofree char *answer = NULL;
  g_autofree char *token = NULL;
  guint idle = settled_fds (platform);
  guint fds;

  for (guint i = 0; i < PEER_CONNECTIONS; i++)
    g_ptr_array_add (clients, slow_client (platform, "127.0.0.2"));
  g_assert_cmpuint (wait_fds (platform, TRUE, idle + PEER_CONNECTIONS - 1, 2000), ==, idle + PEER_CONNECTIONS);

  over = slow_client (platform, "127.0.0.2");
  answer = raw_answer (over, 5);
  if (!g_str_has_prefix (answer, "HTTP/1.1 429 "))
    g_error ("expected 429 beyond %u connections, got “%s”", PEER_CONNECTIONS, answer);
  g_assert_nonnull (strstr (answer, "Retry-After: 1\r\n"));
  g_assert_nonnull (strstr (answer, "/problems/rate-limited"));

  /* another address is served as usual, body and all */
  g_free (pd_platform_admin_tenant (platform, "Bank", "cap@example.com", "peer-cap-pw", NULL));
  token = pd_platform_sign_in (platform, "cap@example.com", "peer-cap-pw");
  g_assert_nonnull (token);

  /* and the crowded one again once one of its connections has gone */
  fds = open_fds (platform);
  g_ptr_array_remove_index (clients, 0);
  g_assert_cmpuint (wait_fds (platform, FALSE, fds - 1, 2000), <=, fds - 1);
  {
    static const char get[] = "GET /v1/me HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
    g_autoptr(GSocket) again = connect_from (platform, "127.0.0.2", get, strlen (get));
    g_autofree char *reply = raw_answer (again, 5);

    if (!g_str_has_prefix (reply, "HTTP/1.1 401 "))
      g_error ("expected 401 once below the cap, got “%s”", reply);
  }
  g_ptr_array_set_size (clients, 0);
  pd_platform_fixture_stop (platform);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/platform/hardening/body-without-root", test_body_without_root);
  ADD ("/platform/hardening/deep-nesting", test_deep_nesting);
  ADD ("/platform/hardening/disclosure", test_disclosure);
  ADD ("/platform/hardening/time-zone-names", test_time_zone_names);
  ADD ("/platform/hardening/money/bounds", test_money_bounds);
  ADD ("/platform/hardening/money/exact", test_money_exact);
  ADD ("/platform/hardening/money/legacy", test_money_legacy);
  ADD ("/platform/hardening/page-bytes", test_page_bytes);
  ADD ("/platform/hardening/first-sync-50k", test_first_sync_50k);
  ADD ("/platform/hardening/body-memory", test_body_memory);
  ADD ("/platform/hardening/body-needs-token", test_body_needs_token);
  ADD ("/platform/hardening/sign-in/oracle", test_sign_in_oracle);
  ADD ("/platform/hardening/sign-in/rate-limit", test_sign_in_rate_limit);
  ADD ("/platform/hardening/sign-in/main-loop", test_sign_in_main_loop);
  ADD ("/platform/hardening/sign-in/upgrade", test_sign_in_upgrade);
  ADD ("/platform/hardening/demo-dates", test_demo_dates);
#undef ADD
  g_test_add_func ("/platform/hardening/slow-clients/fd-exhaustion", test_slow_clients_fd_exhaustion);
  g_test_add_func ("/platform/hardening/slow-clients/deadlines", test_slow_clients_deadlines);
  g_test_add_func ("/platform/hardening/slow-clients/peer-cap", test_slow_clients_peer_cap);
  g_test_add_func ("/platform/hardening/slow-clients/keep-alive", test_slow_clients_keep_alive);

  return g_test_run ();
}
