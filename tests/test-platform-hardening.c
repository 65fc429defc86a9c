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
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
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
#undef ADD

  return g_test_run ();
}
