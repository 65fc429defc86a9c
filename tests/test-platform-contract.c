/* test-platform-contract.c: the reference platform keeps the API contract
 *
 * Every endpoint and every error path of data/api/CONTRACT.md, over real
 * HTTP against the real server binary: each answer has the documented
 * status and problem type, and the server keeps serving afterwards.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-platform-contract"

#include "pd-platform-fixture.h"
#include "pd-test-utils.h"

#include <string.h>

#define SHA_A "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"

typedef struct
{
  PdPlatformFixture *platform;
  char              *token_a;  /* tenant A */
  char              *token_b;  /* tenant B */
  char              *tenant_a;
  char              *tenant_b;
} Fixture;

static guint uuid_counter;

static char *
new_uuid (void)
{
  return g_strdup_printf ("00000000-0000-4000-8000-%012u", ++uuid_counter);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *api_a = NULL;
  g_autofree char *api_b = NULL;

  f->platform = pd_platform_fixture_start ("--admin", NULL);
  api_a = pd_platform_admin_tenant (f->platform, "Tenant A", "a@example.com", "password-a", &f->tenant_a);
  api_b = pd_platform_admin_tenant (f->platform, "Tenant B", "b@example.com", "password-b", &f->tenant_b);
  f->token_a = pd_platform_sign_in (f->platform, "a@example.com", "password-a");
  f->token_b = pd_platform_sign_in (f->platform, "b@example.com", "password-b");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  pd_platform_fixture_stop (f->platform);
  g_free (f->token_a);
  g_free (f->token_b);
  g_free (f->tenant_a);
  g_free (f->tenant_b);
}

/* The server still answers normally. */
static void
assert_serving (Fixture *f)
{
  g_autoptr(PdResponse) me = pd_platform_request (f->platform, "GET", "/v1/me", f->token_a, NULL, NULL, 0, NULL);

  pd_assert_status (me, 200);
}

static char *
project_body (const char *title)
{
  return g_strdup_printf ("{\"title\": \"%s\", \"organisation\": \"Stichting Test\", \"description\": \"Iets goeds\","
                          " \"category\": \"water\", \"location\": \"Utrecht\", \"website\": \"https://example.org\","
                          " \"default_target_coins\": 1000, \"source\": \"client\"}", title);
}

static char *
theme_body (void)
{
  return g_strdup ("{\"name\": \"Blau\", \"colors\": {\"primary\": \"#112233\", \"accent\": \"#445566\","
                   " \"background\": \"#ffffff\", \"text\": \"#000000\"}, \"logo_sha256\": \"" SHA_A "\","
                   " \"font_family\": \"Cantarell\", \"corner_radius\": 8}");
}

static char *
campaign_body (const char *project_id,
               gint64      budget)
{
  g_autofree char *projects = project_id
    ? g_strdup_printf ("[{\"project_id\": \"%s\", \"target_coins\": 100}]", project_id)
    : g_strdup ("[]");

  return g_strdup_printf ("{\"name\": \"Winter\", \"slug\": \"winter\", \"status\": \"live\","
                          " \"starts_at\": \"2026-01-01T00:00:00+01:00\", \"ends_at\": \"2099-01-01T00:00:00+01:00\","
                          " \"time_zone\": \"Europe/Berlin\", \"currency\": \"EUR\", \"coin_value_micros\": 10000,"
                          " \"voucher_budget_coins\": %" G_GINT64_FORMAT ", \"funding_type\": \"donation\","
                          " \"default_language\": \"de\", \"texts\": {\"de\": {\"title\": \"Winter\", \"intro\": \"Hallo\","
                          " \"faq\": [{\"question\": \"Was?\", \"answer\": \"Das.\"}]}}, \"projects\": %s,"
                          " \"page_blocks\": [{\"id\": \"b1\", \"type\": \"hero\", \"properties\": {}}]}",
                          budget, projects);
}

static char *
batch_body (const char *campaign_id,
            gint64      count)
{
  return g_strdup_printf ("{\"campaign_id\": \"%s\", \"label\": \"Filialen\", \"count\": %" G_GINT64_FORMAT ","
                          " \"coins_per_voucher\": 50, \"expires_at\": \"2099-06-30T23:59:59Z\"}",
                          campaign_id, count);
}

static char *
create (Fixture    *f,
        const char *token,
        const char *collection,
        const char *body)
{
  char *id = new_uuid ();
  g_autofree char *path = g_strdup_printf ("/v1/%s/%s", collection, id);
  g_autoptr(PdResponse) r = pd_platform_json (f->platform, "PUT", path, token, body, "If-None-Match", "*", NULL);

  pd_assert_status (r, 201);
  return id;
}

/* ---- session and authentication ---- */

static void
test_session (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(PdResponse) wrong = pd_platform_json (f->platform, "POST", "/v1/session", NULL,
                                                  "{\"email\": \"a@example.com\", \"password\": \"nope\"}", NULL);
  g_autoptr(PdResponse) unknown = pd_platform_json (f->platform, "POST", "/v1/session", NULL,
                                                    "{\"email\": \"x@example.com\", \"password\": \"nope\"}", NULL);
  g_autoptr(PdResponse) missing = pd_platform_json (f->platform, "POST", "/v1/session", NULL, "{\"email\": 5}", NULL);
  g_autoptr(PdResponse) me = pd_platform_request (f->platform, "GET", "/v1/me", f->token_a, NULL, NULL, 0, NULL);
  g_autoptr(PdResponse) get_session = pd_platform_request (f->platform, "GET", "/v1/session", NULL, NULL, NULL, 0, NULL);
  g_autofree char *token = pd_platform_sign_in (f->platform, "A@example.com", "password-a");
  g_autoptr(PdResponse) sign_out = NULL;
  g_autoptr(PdResponse) after = NULL;
  JsonObject *tenant;

  pd_assert_problem (wrong, 401, "unauthorized");
  pd_assert_problem (unknown, 401, "unauthorized");
  pd_assert_problem (missing, 422, "validation-failed");
  pd_assert_problem (get_session, 405, "method-not-allowed");
  g_assert_cmpstr (pd_response_header (get_session, "Allow"), ==, "POST, DELETE");

  pd_assert_status (me, 200);
  tenant = json_object_get_object_member (pd_response_object (me), "tenant");
  g_assert_cmpstr (json_object_get_string_member (tenant, "id"), ==, f->tenant_a);
  g_assert_cmpstr (json_object_get_string_member (tenant, "name"), ==, "Tenant A");
  /* Where its donor pages (and the vouchers' redemption URLs) live. */
  {
    g_autofree char *donor_pages = g_strconcat ("https://give.particulate.example/t/", f->tenant_a, "/", NULL);

    g_assert_cmpstr (json_object_get_string_member_with_default (tenant, "donor_page_url", NULL), ==, donor_pages);
  }
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (pd_response_object (me), "user"), "email"),
                   ==, "a@example.com");

  sign_out = pd_platform_request (f->platform, "DELETE", "/v1/session", token, NULL, NULL, 0, NULL);
  pd_assert_status (sign_out, 204);
  after = pd_platform_request (f->platform, "GET", "/v1/me", token, NULL, NULL, 0, NULL);
  pd_assert_problem (after, 401, "unauthorized");
  g_assert_cmpstr (pd_response_header (after, "WWW-Authenticate"), ==,
                   "Bearer realm=\"particulate\", error=\"invalid_token\"");
  assert_serving (f);
}

static void
test_session_api_token (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *api_token = pd_platform_admin_tenant (f->platform, "Tenant C", "c@example.com", "password-c", NULL);
  g_autofree char *body = g_strdup_printf ("{\"api_token\": \"%s\", \"unknown\": true}", api_token);
  g_autoptr(PdResponse) session = pd_platform_json (f->platform, "POST", "/v1/session", NULL, body, NULL);
  g_autoptr(PdResponse) forged = pd_platform_json (f->platform, "POST", "/v1/session", NULL,
                                                   "{\"api_token\": \"pat_forged\"}", NULL);
  g_autoptr(PdResponse) me = NULL;
  g_autoptr(GDateTime) expires = NULL;

  pd_assert_status (session, 201);
  expires = g_date_time_new_from_iso8601 (pd_response_string (session, "expires_at"), NULL);
  g_assert_nonnull (expires);
  me = pd_platform_request (f->platform, "GET", "/v1/me", pd_response_string (session, "token"), NULL, NULL, 0, NULL);
  pd_assert_status (me, 200);
  pd_assert_problem (forged, 401, "unauthorized");
}

static void
test_auth_missing_and_forged (Fixture       *f,
                              gconstpointer  data)
{
  static const char *const paths[] = {
    "/v1/me", "/v1/campaigns", "/v1/changes", "/v1/projects/00000000-0000-4000-8000-000000000001",
    "/v1/assets/" SHA_A,
  };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(PdResponse) none = pd_platform_request (f->platform, "GET", paths[i], NULL, NULL, NULL, 0, NULL);
      g_autoptr(PdResponse) forged = pd_platform_request (f->platform, "GET", paths[i], "forged-token", NULL, NULL, 0, NULL);
      g_autoptr(PdResponse) basic = pd_platform_request (f->platform, "GET", paths[i], NULL, NULL, NULL, 0,
                                                         "Authorization", "Basic YTpi", NULL);

      pd_assert_problem (none, 401, "unauthorized");
      g_assert_cmpstr (pd_response_header (none, "WWW-Authenticate"), ==, "Bearer realm=\"particulate\"");
      pd_assert_problem (forged, 401, "unauthorized");
      g_assert_cmpstr (pd_response_header (forged, "WWW-Authenticate"), ==,
                       "Bearer realm=\"particulate\", error=\"invalid_token\"");
      pd_assert_problem (basic, 401, "unauthorized");
    }
  assert_serving (f);
}

static void
test_auth_expired (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(PdResponse) expired = NULL;
  g_autofree char *fresh = NULL;
  g_autoptr(PdResponse) ok = NULL;

  pd_platform_admin_faults (f->platform, "{\"token_lifetime\": 1}");
  g_usleep (1100 * 1000);
  expired = pd_platform_request (f->platform, "GET", "/v1/me", f->token_a, NULL, NULL, 0, NULL);
  pd_assert_problem (expired, 401, "unauthorized");
  g_assert_cmpstr (pd_response_header (expired, "WWW-Authenticate"), ==,
                   "Bearer realm=\"particulate\", error=\"invalid_token\"");

  pd_platform_admin_faults (f->platform, "{\"token_lifetime\": 0}");
  fresh = pd_platform_sign_in (f->platform, "a@example.com", "password-a");
  ok = pd_platform_request (f->platform, "GET", "/v1/me", fresh, NULL, NULL, 0, NULL);
  pd_assert_status (ok, 200);
}

/* ---- records ---- */

static void
check_crud (Fixture    *f,
            const char *collection,
            const char *body,
            const char *patch,
            const char *patched_member)
{
  g_autofree char *id = new_uuid ();
  g_autofree char *path = g_strdup_printf ("/v1/%s/%s", collection, id);
  g_autofree char *list_path = g_strdup_printf ("/v1/%s", collection);
  g_autoptr(PdResponse) no_precondition = pd_platform_json (f->platform, "PUT", path, f->token_a, body, NULL);
  g_autoptr(PdResponse) created = pd_platform_json (f->platform, "PUT", path, f->token_a, body, "If-None-Match", "*", NULL);
  g_autoptr(PdResponse) again = pd_platform_json (f->platform, "PUT", path, f->token_a, body, "If-None-Match", "*", NULL);
  g_autoptr(PdResponse) got = pd_platform_request (f->platform, "GET", path, f->token_a, NULL, NULL, 0, NULL);
  g_autoptr(PdResponse) patch_no_match = pd_platform_json (f->platform, "PATCH", path, f->token_a, patch, NULL);
  g_autoptr(PdResponse) patched = pd_platform_json (f->platform, "PATCH", path, f->token_a, patch, "If-Match", "\"1\"", NULL);
  g_autoptr(PdResponse) stale = pd_platform_json (f->platform, "PATCH", path, f->token_a, patch, "If-Match", "\"1\"", NULL);
  g_autoptr(PdResponse) list = pd_platform_request (f->platform, "GET", list_path, f->token_a, NULL, NULL, 0, NULL);
  g_autoptr(PdResponse) delete_no_match = pd_platform_request (f->platform, "DELETE", path, f->token_a, NULL, NULL, 0, NULL);
  g_autoptr(PdResponse) delete_stale = pd_platform_request (f->platform, "DELETE", path, f->token_a, NULL, NULL, 0,
                                                            "If-Match", "\"1\"", NULL);
  g_autoptr(PdResponse) deleted = pd_platform_request (f->platform, "DELETE", path, f->token_a, NULL, NULL, 0,
                                                       "If-Match", "\"2\"", NULL);
  g_autoptr(PdResponse) gone = pd_platform_request (f->platform, "GET", path, f->token_a, NULL, NULL, 0, NULL);
  g_autoptr(PdResponse) patch_gone = pd_platform_json (f->platform, "PATCH", path, f->token_a, patch, "If-Match", "\"3\"", NULL);
  g_autoptr(PdResponse) list_after = pd_platform_request (f->platform, "GET", list_path, f->token_a, NULL, NULL, 0, NULL);
  JsonArray *items;
  gboolean listed = FALSE;

  pd_assert_problem (no_precondition, 428, "precondition-required");
  pd_assert_status (created, 201);
  g_assert_cmpstr (pd_response_header (created, "ETag"), ==, "\"1\"");
  g_assert_cmpstr (pd_response_string (created, "id"), ==, id);
  g_assert_cmpint (pd_response_int (created, "revision"), ==, 1);
  g_assert_nonnull (g_date_time_new_from_iso8601 (pd_response_string (created, "updated_at"), NULL));
  g_assert_false (json_object_has_member (pd_response_object (created), "unknown_field"));

  pd_assert_problem (again, 412, "precondition-failed");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (pd_response_object (again), "current"), "id"),
                   ==, id);

  pd_assert_status (got, 200);
  g_assert_cmpstr (pd_response_header (got, "ETag"), ==, "\"1\"");
  g_assert_cmpmem (g_bytes_get_data (got->body, NULL), g_bytes_get_size (got->body),
                   g_bytes_get_data (created->body, NULL), g_bytes_get_size (created->body));

  pd_assert_problem (patch_no_match, 428, "precondition-required");
  pd_assert_status (patched, 200);
  g_assert_cmpstr (pd_response_header (patched, "ETag"), ==, "\"2\"");
  g_assert_cmpint (pd_response_int (patched, "revision"), ==, 2);
  g_assert_true (json_object_has_member (pd_response_object (patched), patched_member));
  pd_assert_problem (stale, 412, "precondition-failed");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (pd_response_object (stale), "current"), "revision"),
                   ==, 2);

  pd_assert_status (list, 200);
  items = json_object_get_array_member (pd_response_object (list), "items");
  for (guint i = 0; i < json_array_get_length (items); i++)
    if (g_str_equal (json_object_get_string_member (json_array_get_object_element (items, i), "id"), id))
      listed = TRUE;
  g_assert_true (listed);

  pd_assert_problem (delete_no_match, 428, "precondition-required");
  pd_assert_problem (delete_stale, 412, "precondition-failed");
  pd_assert_status (deleted, 204);
  pd_assert_problem (gone, 404, "not-found");
  pd_assert_problem (patch_gone, 404, "not-found");
  items = json_object_get_array_member (pd_response_object (list_after), "items");
  for (guint i = 0; i < json_array_get_length (items); i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items, i), "id"), !=, id);
}

static void
test_records_crud (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *project = project_body ("Wasser\\u00fc");
  g_autofree char *project_unknown = NULL;
  g_autofree char *theme = theme_body ();
  g_autofree char *campaign = campaign_body (NULL, 100);
  g_autofree char *campaign_id = create (f, f->token_a, "campaigns", campaign);
  g_autofree char *batch = batch_body (campaign_id, 10);

  /* unknown fields are ignored, never stored, never an error */
  project_unknown = g_strconcat ("{\"unknown_field\": [1, 2], ", project + 1, NULL);
  check_crud (f, "projects", project_unknown, "{\"title\": \"Neu\", \"unknown_field\": 1}", "title");
  check_crud (f, "themes", theme, "{\"corner_radius\": 0, \"hero_sha256\": \"" SHA_A "\"}", "hero_sha256");
  check_crud (f, "campaigns", campaign, "{\"name\": \"Sommer\", \"theme_id\": \"00000000-0000-4000-8000-999999999999\"}", "theme_id");
  check_crud (f, "voucher-batches", batch, "{\"label\": \"Online\"}", "label");
  assert_serving (f);
}

static void
test_records_merge_patch (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *campaign = campaign_body (NULL, 100);
  g_autofree char *id = create (f, f->token_a, "campaigns", campaign);
  g_autofree char *path = g_strdup_printf ("/v1/campaigns/%s", id);
  g_autoptr(PdResponse) patched = pd_platform_json (f->platform, "PATCH", path, f->token_a,
                                                    "{\"texts\": {\"en\": {\"title\": \"Winter\"}, \"de\": {\"faq\": null}},"
                                                    " \"theme_id\": null, \"status\": \"live\"}",
                                                    "If-Match", "\"1\"", "Content-Type", "application/merge-patch+json", NULL);
  JsonObject *texts;

  pd_assert_status (patched, 200);
  texts = json_object_get_object_member (pd_response_object (patched), "texts");
  /* nested objects merge; null removes; status only moves by publishing */
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (texts, "en"), "title"), ==, "Winter");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (texts, "de"), "intro"), ==, "Hallo");
  g_assert_false (json_object_has_member (json_object_get_object_member (texts, "de"), "faq"));
  g_assert_cmpstr (pd_response_string (patched, "status"), ==, "draft");
}

static void
test_records_validation (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(PdResponse) empty = pd_platform_json (f->platform, "PUT", "/v1/projects/00000000-0000-4000-8000-000000000a01",
                                                  f->token_a, "{}", "If-None-Match", "*", NULL);
  g_autoptr(PdResponse) wrong = pd_platform_json (f->platform, "PUT", "/v1/themes/00000000-0000-4000-8000-000000000a02",
                                                  f->token_a,
                                                  "{\"name\": \"\", \"colors\": {\"primary\": \"red\"}, \"logo_sha256\": \"x\","
                                                  " \"font_family\": 3, \"corner_radius\": 49}",
                                                  "If-None-Match", "*", NULL);
  g_autoptr(PdResponse) money = pd_platform_json (f->platform, "PUT", "/v1/campaigns/00000000-0000-4000-8000-000000000a03",
                                                  f->token_a,
                                                  "{\"name\": \"X\", \"slug\": \"Not A Slug\", \"starts_at\": \"2026-01-01\","
                                                  " \"ends_at\": \"tomorrow\", \"time_zone\": \"Mars/Olympus\", \"currency\": \"euro\","
                                                  " \"coin_value_micros\": 0.01, \"voucher_budget_coins\": \"100\","
                                                  " \"funding_type\": \"gift\", \"default_language\": \"German\","
                                                  " \"texts\": [], \"projects\": [{\"project_id\": \"x\", \"target_coins\": 0}],"
                                                  " \"page_blocks\": [{}]}",
                                                  "If-None-Match", "*", NULL);
  g_autoptr(PdResponse) batch = pd_platform_json (f->platform, "PUT", "/v1/voucher-batches/00000000-0000-4000-8000-000000000a04",
                                                  f->token_a,
                                                  "{\"campaign_id\": \"00000000-0000-4000-8000-00000000dead\", \"label\": \"L\","
                                                  " \"count\": 1000001, \"coins_per_voucher\": 1, \"expires_at\": \"2099-01-01T00:00:00Z\"}",
                                                  "If-None-Match", "*", NULL);
  g_autoptr(PdResponse) catalogue = NULL;
  g_autoptr(PdResponse) still_missing = pd_platform_request (f->platform, "GET", "/v1/themes/00000000-0000-4000-8000-000000000a02",
                                                             f->token_a, NULL, NULL, 0, NULL);
  g_autofree char *catalogue_body = project_body ("Katalog");
  static const char *const theme_fields[] = { "name", "colors.primary", "colors.accent", "logo_sha256", "font_family", "corner_radius" };
  static const char *const campaign_fields[] = {
    "slug", "starts_at", "ends_at", "time_zone", "currency", "coin_value_micros", "voucher_budget_coins",
    "funding_type", "default_language", "texts", "projects[0].project_id", "projects[0].target_coins", "page_blocks[0]",
  };
  JsonArray *errors;

  pd_assert_problem (empty, 422, "validation-failed");
  errors = json_object_get_array_member (pd_response_object (empty), "errors");
  g_assert_cmpuint (json_array_get_length (errors), ==, 7);

  pd_assert_problem (wrong, 422, "validation-failed");
  errors = json_object_get_array_member (pd_response_object (wrong), "errors");
  for (guint i = 0; i < G_N_ELEMENTS (theme_fields); i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; j < json_array_get_length (errors); j++)
        if (g_str_equal (json_object_get_string_member (json_array_get_object_element (errors, j), "field"), theme_fields[i]))
          found = TRUE;
      if (!found)
        g_error ("no error for %s", theme_fields[i]);
    }

  pd_assert_problem (money, 422, "validation-failed");
  errors = json_object_get_array_member (pd_response_object (money), "errors");
  for (guint i = 0; i < G_N_ELEMENTS (campaign_fields); i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; j < json_array_get_length (errors); j++)
        if (g_str_equal (json_object_get_string_member (json_array_get_object_element (errors, j), "field"), campaign_fields[i]))
          found = TRUE;
      if (!found)
        g_error ("no error for %s", campaign_fields[i]);
    }

  pd_assert_problem (batch, 422, "validation-failed");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (pd_response_object (batch), "errors")), ==, 2);

  /* clients cannot make catalogue projects */
  {
    g_autofree char *body = g_strdup (catalogue_body);
    char *source = strstr (body, "\"client\"");

    memcpy (source, "\"clyent\"", 8);
    catalogue = pd_platform_json (f->platform, "PUT", "/v1/projects/00000000-0000-4000-8000-000000000a05",
                                  f->token_a, body, "If-None-Match", "*", NULL);
    pd_assert_problem (catalogue, 422, "validation-failed");
  }

  /* nothing half-written */
  pd_assert_problem (still_missing, 404, "not-found");
  assert_serving (f);
}

static void
test_records_list_pages (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *cursor = NULL;
  guint pages = 0;
  g_autoptr(PdResponse) bad_cursor = pd_platform_request (f->platform, "GET", "/v1/projects?cursor=bm9wZQ", f->token_a,
                                                          NULL, NULL, 0, NULL);
  g_autoptr(PdResponse) garbage_cursor = pd_platform_request (f->platform, "GET", "/v1/projects?cursor=%25%25", f->token_a,
                                                              NULL, NULL, 0, NULL);
  g_autoptr(PdResponse) zero = pd_platform_request (f->platform, "GET", "/v1/projects?limit=0", f->token_a, NULL, NULL, 0, NULL);
  g_autoptr(PdResponse) huge = pd_platform_request (f->platform, "GET", "/v1/projects?limit=1001", f->token_a, NULL, NULL, 0, NULL);

  for (guint i = 0; i < 7; i++)
    {
      g_autofree char *title = g_strdup_printf ("Projekt %u", i);
      g_autofree char *body = project_body (title);
      g_autofree char *id = create (f, f->token_a, "projects", body);
    }

  do
    {
      g_autofree char *path = g_strdup_printf ("/v1/projects?limit=3%s%s", cursor ? "&cursor=" : "", cursor ? cursor : "");
      g_autoptr(PdResponse) page = pd_platform_request (f->platform, "GET", path, f->token_a, NULL, NULL, 0, NULL);
      JsonArray *items;

      pd_assert_status (page, 200);
      items = json_object_get_array_member (pd_response_object (page), "items");
      g_assert_cmpuint (json_array_get_length (items), <=, 3);
      for (guint i = 0; i < json_array_get_length (items); i++)
        g_assert_true (g_hash_table_add (seen, g_strdup (json_object_get_string_member (json_array_get_object_element (items, i), "id"))));
      g_free (cursor);
      cursor = g_strdup (pd_response_string (page, "next_cursor"));
      pages++;
    }
  while (cursor != NULL);

  g_assert_cmpuint (g_hash_table_size (seen), ==, 7);
  g_assert_cmpuint (pages, ==, 3);
  pd_assert_problem (bad_cursor, 400, "invalid-cursor");
  pd_assert_problem (garbage_cursor, 400, "invalid-cursor");
  pd_assert_problem (zero, 400, "invalid-parameter");
  pd_assert_problem (huge, 400, "invalid-parameter");
}

/* ---- malformed requests ---- */

static void
test_http_malformed (Fixture       *f,
                     gconstpointer  data)
{
  const char *path = "/v1/projects/00000000-0000-4000-8000-000000000b01";
  g_autoptr(PdResponse) not_json = pd_platform_request (f->platform, "PUT", path, f->token_a, "application/json",
                                                        "{\"title\": ", -1, "If-None-Match", "*", NULL);
  g_autoptr(PdResponse) array = pd_platform_request (f->platform, "PUT", path, f->token_a, "application/json",
                                                     "[1, 2]", -1, "If-None-Match", "*", NULL);
  g_autoptr(PdResponse) not_utf8 = pd_platform_request (f->platform, "PUT", path, f->token_a, "application/json",
                                                        "{\"title\": \"\xff\xfe\"}", -1, "If-None-Match", "*", NULL);
  g_autoptr(PdResponse) empty = pd_platform_request (f->platform, "PUT", path, f->token_a, "application/json",
                                                     "", 0, "If-None-Match", "*", NULL);
  g_autoptr(PdResponse) text = pd_platform_request (f->platform, "PUT", path, f->token_a, "text/plain",
                                                    "{}", -1, "If-None-Match", "*", NULL);
  g_autoptr(PdResponse) form = pd_platform_request (f->platform, "POST", "/v1/session", NULL,
                                                    "application/x-www-form-urlencoded", "email=a", -1, NULL);
  g_autoptr(PdResponse) bad_id = pd_platform_request (f->platform, "GET", "/v1/projects/not-a-uuid", f->token_a,
                                                      NULL, NULL, 0, NULL);
  g_autoptr(PdResponse) bad_id_put = pd_platform_json (f->platform, "PUT", "/v1/campaigns/1234", f->token_a, "{}",
                                                       "If-None-Match", "*", NULL);
  g_autoptr(PdResponse) bad_sha = pd_platform_request (f->platform, "GET", "/v1/assets/ABC", f->token_a, NULL, NULL, 0, NULL);
  g_autoptr(PdResponse) bad_stats = pd_platform_request (f->platform, "GET", "/v1/campaigns/x/stats", f->token_a, NULL, NULL, 0, NULL);
  g_autoptr(PdResponse) nowhere = pd_platform_request (f->platform, "GET", "/v1/nowhere", f->token_a, NULL, NULL, 0, NULL);
  g_autoptr(PdResponse) root = pd_platform_request (f->platform, "GET", "/", NULL, NULL, NULL, 0, NULL);
  g_autoptr(PdResponse) admin = pd_platform_request (f->platform, "GET", "/v1/projects/00000000-0000-4000-8000-000000000b01/x",
                                                     f->token_a, NULL, NULL, 0, NULL);
  g_autoptr(PdResponse) post_item = pd_platform_json (f->platform, "POST", path, f->token_a, "{}", NULL);
  g_autoptr(PdResponse) delete_list = pd_platform_request (f->platform, "DELETE", "/v1/projects", f->token_a, NULL, NULL, 0, NULL);
  g_autoptr(PdResponse) put_changes = pd_platform_json (f->platform, "PUT", "/v1/changes", f->token_a, "{}", NULL);

  /* deep nesting must not take the server down (json-glib parses recursively) */
  {
    g_autoptr(GString) deep = g_string_new ("{\"a\": ");
    g_autoptr(PdResponse) r = NULL;

    for (guint i = 0; i < 200000; i++)
      g_string_append_c (deep, '[');
    for (guint i = 0; i < 200000; i++)
      g_string_append_c (deep, ']');
    g_string_append_c (deep, '}');
    r = pd_platform_request (f->platform, "PUT", path, f->token_a, "application/json", deep->str, deep->len,
                             "If-None-Match", "*", NULL);
    pd_assert_problem (r, 400, "invalid-json");
  }

  pd_assert_problem (not_json, 400, "invalid-json");
  pd_assert_problem (array, 400, "invalid-json");
  pd_assert_problem (not_utf8, 400, "invalid-json");
  pd_assert_problem (empty, 400, "invalid-json");
  pd_assert_problem (text, 415, "unsupported-media-type");
  pd_assert_problem (form, 415, "unsupported-media-type");
  pd_assert_problem (bad_id, 400, "invalid-id");
  pd_assert_problem (bad_id_put, 400, "invalid-id");
  pd_assert_problem (bad_sha, 400, "invalid-id");
  pd_assert_problem (bad_stats, 400, "invalid-id");
  pd_assert_problem (nowhere, 404, "not-found");
  pd_assert_problem (root, 404, "not-found");
  pd_assert_problem (admin, 404, "not-found");
  pd_assert_problem (post_item, 405, "method-not-allowed");
  g_assert_cmpstr (pd_response_header (post_item, "Allow"), ==, "GET, PUT, PATCH, DELETE");
  pd_assert_problem (delete_list, 405, "method-not-allowed");
  pd_assert_problem (put_changes, 405, "method-not-allowed");
  assert_serving (f);
}

static void
test_http_too_large (Fixture       *f,
                     gconstpointer  data)
{
  gsize size = 1024 * 1024 + 100;
  g_autofree char *big = g_malloc (size + 1);
  g_autoptr(PdResponse) r = NULL;
  g_autoptr(PdResponse) asset = NULL;
  g_autoptr(PdResponse) fits = NULL;
  g_autofree char *sha = NULL;

  /* a JSON object with one long string: valid, only too big */
  memset (big, 'x', size);
  memcpy (big, "{\"title\": \"", 11);
  memcpy (big + size - 2, "\"}", 2);
  big[size] = '\0';
  r = pd_platform_request (f->platform, "PUT", "/v1/projects/00000000-0000-4000-8000-000000000c01", f->token_a,
                           "application/json", big, size, "If-None-Match", "*", NULL);
  pd_assert_problem (r, 413, "payload-too-large");
  assert_serving (f);

  /* assets may be larger: 1 MiB of PNG-typed bytes is fine */
  sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) big, size);
  {
    g_autofree char *path = g_strdup_printf ("/v1/assets/%s", sha);

    fits = pd_platform_request (f->platform, "PUT", path, f->token_a, "image/png", big, size, NULL);
    pd_assert_status (fits, 201);
  }

  {
    gsize asset_size = 16 * 1024 * 1024 + 1;
    g_autofree char *huge = g_malloc0 (asset_size);

    asset = pd_platform_request (f->platform, "PUT", "/v1/assets/" SHA_A, f->token_a, "image/png",
                                 huge, asset_size, NULL);
    pd_assert_problem (asset, 413, "payload-too-large");
  }
  assert_serving (f);
}

/* ---- idempotency ---- */

static void
test_idempotency (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *body = project_body ("Idempotent");
  const char *path = "/v1/projects/00000000-0000-4000-8000-000000000d01";
  g_autoptr(PdResponse) first = pd_platform_json (f->platform, "PUT", path, f->token_a, body,
                                                  "If-None-Match", "*", "Idempotency-Key", "create-d01", NULL);
  g_autoptr(PdResponse) retry = pd_platform_json (f->platform, "PUT", path, f->token_a, body,
                                                  "If-None-Match", "*", "Idempotency-Key", "create-d01", NULL);
  g_autoptr(PdResponse) other_body = pd_platform_json (f->platform, "PUT", path, f->token_a, "{\"title\": \"x\"}",
                                                       "If-None-Match", "*", "Idempotency-Key", "create-d01", NULL);
  g_autoptr(PdResponse) other_path = pd_platform_json (f->platform, "PUT", "/v1/projects/00000000-0000-4000-8000-000000000d02",
                                                       f->token_a, body, "If-None-Match", "*",
                                                       "Idempotency-Key", "create-d01", NULL);
  g_autoptr(PdResponse) patch = pd_platform_json (f->platform, "PATCH", path, f->token_a, "{\"title\": \"Neu\"}",
                                                  "If-Match", "\"1\"", "Idempotency-Key", "patch-d01", NULL);
  g_autoptr(PdResponse) patch_retry = pd_platform_json (f->platform, "PATCH", path, f->token_a, "{\"title\": \"Neu\"}",
                                                        "If-Match", "\"1\"", "Idempotency-Key", "patch-d01", NULL);
  g_autoptr(PdResponse) current = pd_platform_request (f->platform, "GET", path, f->token_a, NULL, NULL, 0, NULL);
  g_autoptr(PdResponse) bad_key = pd_platform_json (f->platform, "PATCH", path, f->token_a, "{}",
                                                    "If-Match", "\"2\"", "Idempotency-Key", "tab\there", NULL);
  g_autofree char *long_key = g_strnfill (256, 'k');
  g_autoptr(PdResponse) too_long = pd_platform_json (f->platform, "PATCH", path, f->token_a, "{}",
                                                     "If-Match", "\"2\"", "Idempotency-Key", long_key, NULL);
  /* keys belong to a tenant: B may use the same key for its own request */
  g_autoptr(PdResponse) other_tenant = pd_platform_json (f->platform, "PUT", path, f->token_b, body,
                                                         "If-None-Match", "*", "Idempotency-Key", "create-d01", NULL);

  pd_assert_status (first, 201);
  pd_assert_status (retry, 201);
  g_assert_null (pd_response_header (first, "Idempotent-Replayed"));
  g_assert_cmpstr (pd_response_header (retry, "Idempotent-Replayed"), ==, "true");
  g_assert_cmpstr (pd_response_header (retry, "ETag"), ==, "\"1\"");
  g_assert_cmpmem (g_bytes_get_data (first->body, NULL), g_bytes_get_size (first->body),
                   g_bytes_get_data (retry->body, NULL), g_bytes_get_size (retry->body));
  pd_assert_problem (other_body, 422, "idempotency-key-reused");
  pd_assert_problem (other_path, 422, "idempotency-key-reused");

  pd_assert_status (patch, 200);
  pd_assert_status (patch_retry, 200);
  g_assert_cmpstr (pd_response_header (patch_retry, "Idempotent-Replayed"), ==, "true");
  g_assert_cmpint (pd_response_int (patch_retry, "revision"), ==, 2);
  /* the retry changed nothing */
  g_assert_cmpint (pd_response_int (current, "revision"), ==, 2);

  pd_assert_problem (bad_key, 400, "invalid-parameter");
  pd_assert_problem (too_long, 400, "invalid-parameter");
  pd_assert_status (other_tenant, 201);
}

/* ---- tenants ---- */

static void
test_tenant_isolation (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *project = project_body ("Nur A");
  g_autofree char *project_id = create (f, f->token_a, "projects", project);
  g_autofree char *theme = theme_body ();
  g_autofree char *theme_id = create (f, f->token_a, "themes", theme);
  g_autofree char *campaign = campaign_body (project_id, 100);
  g_autofree char *campaign_id = create (f, f->token_a, "campaigns", campaign);
  g_autofree char *batch = batch_body (campaign_id, 10);
  g_autofree char *batch_id = create (f, f->token_a, "voucher-batches", batch);
  g_autofree char *batch_for_b = batch_body (campaign_id, 10);
  const char *png = "\x89PNG fake but hashed";
  g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, png, -1);
  g_autofree char *asset_path = g_strdup_printf ("/v1/assets/%s", sha);
  g_autoptr(PdResponse) asset = pd_platform_request (f->platform, "PUT", asset_path, f->token_a, "image/png", png, -1, NULL);
  struct { const char *method; char *path; const char *body; const char *h; const char *v; } probes[] = {
    { "GET", g_strdup_printf ("/v1/projects/%s", project_id) },
    { "PATCH", g_strdup_printf ("/v1/projects/%s", project_id), "{\"title\": \"B\"}", "If-Match", "\"1\"" },
    { "DELETE", g_strdup_printf ("/v1/projects/%s", project_id), NULL, "If-Match", "\"1\"" },
    { "GET", g_strdup_printf ("/v1/themes/%s", theme_id) },
    { "PATCH", g_strdup_printf ("/v1/themes/%s", theme_id), "{\"name\": \"B\"}", "If-Match", "*" },
    { "DELETE", g_strdup_printf ("/v1/themes/%s", theme_id), NULL, "If-Match", "*" },
    { "GET", g_strdup_printf ("/v1/campaigns/%s", campaign_id) },
    { "PATCH", g_strdup_printf ("/v1/campaigns/%s", campaign_id), "{\"name\": \"B\"}", "If-Match", "\"1\"" },
    { "DELETE", g_strdup_printf ("/v1/campaigns/%s", campaign_id), NULL, "If-Match", "\"1\"" },
    { "GET", g_strdup_printf ("/v1/campaigns/%s/stats", campaign_id) },
    { "POST", g_strdup_printf ("/v1/campaigns/%s/publish", campaign_id), NULL, "If-Match", "\"1\"" },
    { "POST", g_strdup_printf ("/v1/campaigns/%s/unpublish", campaign_id), NULL, "If-Match", "\"1\"" },
    { "GET", g_strdup_printf ("/v1/voucher-batches/%s", batch_id) },
    { "PATCH", g_strdup_printf ("/v1/voucher-batches/%s", batch_id), "{\"label\": \"B\"}", "If-Match", "\"1\"" },
    { "DELETE", g_strdup_printf ("/v1/voucher-batches/%s", batch_id), NULL, "If-Match", "\"1\"" },
    { "POST", g_strdup_printf ("/v1/voucher-batches/%s/codes", batch_id), "{\"chunk\": 0, \"codes\": [\"AAAA-BBBB-CCCC-DDDD\"]}" },
    { "GET", g_strdup (asset_path) },
  };
  g_autoptr(PdResponse) b_batch = NULL;
  g_autoptr(PdResponse) b_changes = NULL;
  g_autoptr(PdResponse) b_projects = NULL;
  g_autoptr(PdResponse) a_still = NULL;
  JsonArray *changes;

  pd_assert_status (asset, 201);
  for (guint i = 0; i < G_N_ELEMENTS (probes); i++)
    {
      g_autoptr(PdResponse) r = pd_platform_request (f->platform, probes[i].method, probes[i].path, f->token_b,
                                                     probes[i].body ? "application/json" : NULL,
                                                     probes[i].body, -1, probes[i].h, probes[i].v, NULL);

      if (r->status != 404)
        g_error ("%s %s answered %u to another tenant", probes[i].method, probes[i].path, r->status);
      pd_assert_problem (r, 404, "not-found");
      /* never the data of the other tenant */
      g_assert_null (strstr (g_bytes_get_data (r->body, NULL), "Nur A"));
      g_free (probes[i].path);
    }

  /* B cannot hang a batch on A's campaign either */
  b_batch = pd_platform_json (f->platform, "PUT", "/v1/voucher-batches/00000000-0000-4000-8000-000000000e01",
                              f->token_b, batch_for_b, "If-None-Match", "*", NULL);
  pd_assert_problem (b_batch, 422, "validation-failed");

  b_changes = pd_platform_request (f->platform, "GET", "/v1/changes", f->token_b, NULL, NULL, 0, NULL);
  changes = json_object_get_array_member (pd_response_object (b_changes), "changes");
  g_assert_cmpuint (json_array_get_length (changes), ==, 0);
  b_projects = pd_platform_request (f->platform, "GET", "/v1/projects", f->token_b, NULL, NULL, 0, NULL);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (pd_response_object (b_projects), "items")), ==, 0);

  /* and A's records are untouched */
  {
    g_autofree char *path = g_strdup_printf ("/v1/projects/%s", project_id);

    a_still = pd_platform_request (f->platform, "GET", path, f->token_a, NULL, NULL, 0, NULL);
    pd_assert_status (a_still, 200);
    g_assert_cmpstr (pd_response_string (a_still, "title"), ==, "Nur A");
    g_assert_cmpint (pd_response_int (a_still, "revision"), ==, 1);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/platform/session/sign-in-out", test_session);
  ADD ("/platform/session/api-token", test_session_api_token);
  ADD ("/platform/auth/missing-and-forged", test_auth_missing_and_forged);
  ADD ("/platform/auth/expired", test_auth_expired);
  ADD ("/platform/records/crud", test_records_crud);
  ADD ("/platform/records/merge-patch", test_records_merge_patch);
  ADD ("/platform/records/validation", test_records_validation);
  ADD ("/platform/records/list-pages", test_records_list_pages);
  ADD ("/platform/http/malformed", test_http_malformed);
  ADD ("/platform/http/too-large", test_http_too_large);
  ADD ("/platform/idempotency", test_idempotency);
  ADD ("/platform/tenants/isolation", test_tenant_isolation);
#undef ADD

  return g_test_run ();
}
