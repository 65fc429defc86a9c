/* test-platform-resources.c: vouchers, assets, publishing, results and the
 * change feed of the reference platform, over real HTTP
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-platform-resources"

#include "pd-platform-fixture.h"
#include "pd-test-utils.h"

#include <string.h>

typedef struct
{
  PdPlatformFixture *platform;
  char              *token;
  char              *tenant_id;
  char              *project_id;
  char              *campaign_id;
  char              *batch_id;
} Fixture;

static void
put_record (Fixture    *f,
            const char *collection,
            const char *id,
            const char *body)
{
  g_autofree char *path = g_strdup_printf ("/v1/%s/%s", collection, id);
  g_autoptr(PdResponse) r = pd_platform_json (f->platform, "PUT", path, f->token, body, "If-None-Match", "*", NULL);

  pd_assert_status (r, 201);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *api = NULL;
  g_autofree char *campaign = NULL;
  g_autofree char *batch = NULL;

  f->platform = pd_platform_fixture_start ("--admin", NULL);
  api = pd_platform_admin_tenant (f->platform, "Bank", "m@example.com", "secret-pw", &f->tenant_id);
  f->token = pd_platform_sign_in (f->platform, "m@example.com", "secret-pw");
  f->project_id = g_strdup ("10000000-0000-4000-8000-000000000001");
  f->campaign_id = g_strdup ("20000000-0000-4000-8000-000000000001");
  f->batch_id = g_strdup ("30000000-0000-4000-8000-000000000001");

  put_record (f, "projects", f->project_id,
              "{\"title\": \"Bienenwiese\", \"organisation\": \"Stiftung\", \"description\": \"\", \"category\": \"environment\","
              " \"location\": \"Kassel\", \"default_target_coins\": 100, \"source\": \"client\"}");
  campaign = g_strdup_printf ("{\"name\": \"Herbst\", \"slug\": \"herbst\", \"starts_at\": \"2026-01-01T00:00:00+01:00\","
                              " \"ends_at\": \"2099-01-01T00:00:00+01:00\", \"time_zone\": \"Europe/Berlin\","
                              " \"currency\": \"EUR\", \"coin_value_micros\": 10000, \"voucher_budget_coins\": 0,"
                              " \"funding_type\": \"donation\", \"default_language\": \"de\", \"texts\": {},"
                              " \"projects\": [], \"page_blocks\": []}");
  put_record (f, "campaigns", f->campaign_id, campaign);
  batch = g_strdup_printf ("{\"campaign_id\": \"%s\", \"label\": \"Filialen\", \"count\": 6,"
                           " \"coins_per_voucher\": 50, \"expires_at\": \"2099-06-30T23:59:59Z\"}", f->campaign_id);
  put_record (f, "voucher-batches", f->batch_id, batch);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  pd_platform_fixture_stop (f->platform);
  g_free (f->token);
  g_free (f->tenant_id);
  g_free (f->project_id);
  g_free (f->campaign_id);
  g_free (f->batch_id);
}

static PdResponse *
post_codes (Fixture    *f,
            const char *batch_id,
            const char *body,
            const char *key)
{
  g_autofree char *path = g_strdup_printf ("/v1/voucher-batches/%s/codes", batch_id);

  return pd_platform_json (f->platform, "POST", path, f->token, body,
                           key ? "Idempotency-Key" : NULL, key, NULL);
}

static PdResponse *
publish (Fixture    *f,
         const char *verb,
         const char *if_match)
{
  g_autofree char *path = g_strdup_printf ("/v1/campaigns/%s/%s", f->campaign_id, verb);

  return pd_platform_request (f->platform, "POST", path, f->token, NULL, NULL, 0,
                              if_match ? "If-Match" : NULL, if_match, NULL);
}

static void
test_codes (Fixture       *f,
            gconstpointer  data)
{
  const char *chunk0 = "{\"chunk\": 0, \"codes\": [\"AAAA-BBBB-CCCC-0001\", \"AAAA-BBBB-CCCC-0002\", \"AAAA-BBBB-CCCC-0003\"]}";
  g_autoptr(PdResponse) first = post_codes (f, f->batch_id, chunk0, "chunk-0");
  g_autoptr(PdResponse) replay = post_codes (f, f->batch_id, chunk0, "chunk-0");
  g_autoptr(PdResponse) resent = post_codes (f, f->batch_id, chunk0, NULL);
  g_autoptr(PdResponse) dup_other_chunk = post_codes (f, f->batch_id,
                                                      "{\"chunk\": 1, \"codes\": [\"AAAA-BBBB-CCCC-0009\", \"AAAA-BBBB-CCCC-0001\"]}", NULL);
  g_autoptr(PdResponse) dup_in_chunk = post_codes (f, f->batch_id,
                                                   "{\"chunk\": 1, \"codes\": [\"AAAA-BBBB-CCCC-0008\", \"AAAA-BBBB-CCCC-0008\"]}", NULL);
  g_autoptr(PdResponse) malformed = post_codes (f, f->batch_id, "{\"chunk\": 1, \"codes\": [\"aaaa-bbbb\", 7]}", NULL);
  g_autoptr(PdResponse) no_chunk = post_codes (f, f->batch_id, "{\"codes\": []}", NULL);
  g_autoptr(PdResponse) too_many = post_codes (f, f->batch_id,
                                               "{\"chunk\": 1, \"codes\": [\"AAAA-BBBB-CCCC-0004\", \"AAAA-BBBB-CCCC-0005\","
                                               " \"AAAA-BBBB-CCCC-0006\", \"AAAA-BBBB-CCCC-0007\"]}", NULL);
  g_autoptr(PdResponse) second = post_codes (f, f->batch_id,
                                             "{\"chunk\": 1, \"codes\": [\"AAAA-BBBB-CCCC-0004\", \"AAAA-BBBB-CCCC-0005\"]}", NULL);
  g_autoptr(PdResponse) unknown = post_codes (f, "30000000-0000-4000-8000-00000000ffff", chunk0, NULL);
  g_autoptr(PdResponse) get = NULL;
  g_autoptr(PdResponse) stats = NULL;
  g_autoptr(GString) big = g_string_new ("{\"chunk\": 9, \"codes\": [");
  g_autoptr(PdResponse) oversized_chunk = NULL;
  g_autofree char *other_batch = NULL;
  g_autoptr(PdResponse) other = NULL;

  pd_assert_status (first, 200);
  g_assert_cmpint (pd_response_int (first, "accepted"), ==, 3);
  g_assert_cmpint (pd_response_int (first, "total"), ==, 3);
  pd_assert_status (replay, 200);
  g_assert_cmpstr (pd_response_header (replay, "Idempotent-Replayed"), ==, "true");
  /* a chunk sent again without a key is harmless too */
  pd_assert_status (resent, 200);
  g_assert_cmpint (pd_response_int (resent, "total"), ==, 3);

  pd_assert_problem (dup_other_chunk, 422, "validation-failed");
  pd_assert_problem (dup_in_chunk, 422, "validation-failed");
  pd_assert_problem (malformed, 422, "validation-failed");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (pd_response_object (malformed), "errors")), ==, 2);
  pd_assert_problem (no_chunk, 422, "validation-failed");
  pd_assert_problem (too_many, 422, "validation-failed");
  pd_assert_status (second, 200);
  g_assert_cmpint (pd_response_int (second, "total"), ==, 5);
  pd_assert_problem (unknown, 404, "not-found");

  for (guint i = 0; i <= 10000; i++)
    g_string_append_printf (big, "%s\"BBBB-%04u-%04u-CCCC\"", i ? "," : "", i / 10000, i % 10000);
  g_string_append (big, "]}");
  oversized_chunk = post_codes (f, f->batch_id, big->str, NULL);
  pd_assert_problem (oversized_chunk, 422, "validation-failed");

  /* a code is unique in the tenant, across batches */
  other_batch = g_strdup_printf ("{\"campaign_id\": \"%s\", \"label\": \"Online\", \"count\": 5,"
                                 " \"coins_per_voucher\": 10, \"expires_at\": \"2099-06-30T23:59:59Z\"}", f->campaign_id);
  put_record (f, "voucher-batches", "30000000-0000-4000-8000-000000000002", other_batch);
  other = post_codes (f, "30000000-0000-4000-8000-000000000002", chunk0, NULL);
  pd_assert_problem (other, 422, "validation-failed");

  {
    g_autofree char *path = g_strdup_printf ("/v1/campaigns/%s/stats", f->campaign_id);

    stats = pd_platform_request (f->platform, "GET", path, f->token, NULL, NULL, 0, NULL);
    pd_assert_status (stats, 200);
    g_assert_cmpint (pd_response_int (stats, "vouchers_issued"), ==, 5);
    g_assert_cmpint (pd_response_int (stats, "unredeemed_coins"), ==, 250);
  }
  {
    g_autofree char *path = g_strdup_printf ("/v1/voucher-batches/%s", f->batch_id);

    get = pd_platform_request (f->platform, "GET", path, f->token, NULL, NULL, 0, NULL);
    pd_assert_status (get, 200);
  }
}

static void
test_assets (Fixture       *f,
             gconstpointer  data)
{
  static const char svg[] = "<svg xmlns=\"http://www.w3.org/2000/svg\"/>";
  g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, svg, -1);
  g_autofree char *path = g_strdup_printf ("/v1/assets/%s", sha);
  g_autoptr(PdResponse) created = pd_platform_request (f->platform, "PUT", path, f->token, "image/svg+xml", svg, -1, NULL);
  g_autoptr(PdResponse) again = pd_platform_request (f->platform, "PUT", path, f->token, "image/svg+xml", svg, -1, NULL);
  g_autoptr(PdResponse) got = pd_platform_request (f->platform, "GET", path, f->token, NULL, NULL, 0, NULL);
  g_autoptr(PdResponse) mismatch = pd_platform_request (f->platform, "PUT", path, f->token, "image/svg+xml", "<svg/>", -1, NULL);
  g_autoptr(PdResponse) wrong_type = pd_platform_request (f->platform, "PUT", path, f->token, "application/pdf", svg, -1, NULL);
  g_autoptr(PdResponse) missing = pd_platform_request (f->platform, "GET",
                                                       "/v1/assets/0000000000000000000000000000000000000000000000000000000000000000",
                                                       f->token, NULL, NULL, 0, NULL);
  g_autoptr(PdResponse) upper = pd_platform_request (f->platform, "GET",
                                                     "/v1/assets/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                                                     f->token, NULL, NULL, 0, NULL);
  g_autoptr(PdResponse) patch = pd_platform_json (f->platform, "PATCH", path, f->token, "{}", NULL);

  pd_assert_status (created, 201);
  g_assert_cmpstr (pd_response_string (created, "sha256"), ==, sha);
  g_assert_cmpint (pd_response_int (created, "size"), ==, strlen (svg));
  pd_assert_status (again, 200);
  pd_assert_status (got, 200);
  g_assert_cmpstr (pd_response_header (got, "Content-Type"), ==, "image/svg+xml");
  g_assert_cmpmem (g_bytes_get_data (got->body, NULL), g_bytes_get_size (got->body), svg, strlen (svg));
  pd_assert_problem (mismatch, 422, "validation-failed");
  pd_assert_problem (wrong_type, 415, "unsupported-media-type");
  pd_assert_problem (missing, 404, "not-found");
  pd_assert_problem (upper, 400, "invalid-id");
  pd_assert_problem (patch, 405, "method-not-allowed");
}

static void
test_publish (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(PdResponse) no_match = publish (f, "publish", NULL);
  g_autoptr(PdResponse) stale = publish (f, "publish", "\"7\"");
  g_autoptr(PdResponse) refused = publish (f, "publish", "\"1\"");
  g_autoptr(PdResponse) fixed = NULL;
  g_autoptr(PdResponse) published = NULL;
  g_autoptr(PdResponse) replay = NULL;
  g_autoptr(PdResponse) unpublished = NULL;
  g_autoptr(PdResponse) past = NULL;
  g_autofree char *path = g_strdup_printf ("/v1/campaigns/%s", f->campaign_id);
  g_autofree char *patch = g_strdup_printf ("{\"voucher_budget_coins\": 1000, \"projects\": [{\"project_id\": \"%s\","
                                            " \"target_coins\": 100}], \"texts\": {\"de\": {\"title\": \"Herbst\","
                                            " \"intro\": \"Willkommen\"}}}", f->project_id);
  JsonArray *errors;

  pd_assert_problem (no_match, 428, "precondition-required");
  pd_assert_problem (stale, 412, "precondition-failed");
  pd_assert_problem (refused, 422, "not-publishable");
  errors = json_object_get_array_member (pd_response_object (refused), "errors");
  /* budget, projects, title and intro in the default language */
  g_assert_cmpuint (json_array_get_length (errors), ==, 4);

  fixed = pd_platform_json (f->platform, "PATCH", path, f->token, patch, "If-Match", "\"1\"", NULL);
  pd_assert_status (fixed, 200);
  published = publish (f, "publish", "\"2\"");
  pd_assert_status (published, 200);
  g_assert_cmpstr (pd_response_string (published, "status"), ==, "live");
  g_assert_cmpstr (pd_response_header (published, "ETag"), ==, "\"3\"");

  {
    g_autofree char *publish_path = g_strdup_printf ("/v1/campaigns/%s/publish", f->campaign_id);

    replay = pd_platform_request (f->platform, "POST", publish_path, f->token, NULL, NULL, 0,
                                  "If-Match", "\"2\"", "Idempotency-Key", "publish-1", NULL);
    /* the key was not used before: a fresh request, now stale */
    pd_assert_problem (replay, 412, "precondition-failed");
  }

  unpublished = publish (f, "unpublish", "\"3\"");
  pd_assert_status (unpublished, 200);
  g_assert_cmpstr (pd_response_string (unpublished, "status"), ==, "draft");

  {
    g_autoptr(PdResponse) ended = pd_platform_json (f->platform, "PATCH", path, f->token,
                                                    "{\"ends_at\": \"2020-01-01T00:00:00Z\"}", "If-Match", "\"4\"", NULL);

    pd_assert_status (ended, 200);
    past = publish (f, "publish", "\"5\"");
    pd_assert_problem (past, 422, "not-publishable");
  }
}

/* Every printed voucher carries <donor page>/<slug>/redeem?code=…: a
 * campaign with a voucher batch keeps its slug, whatever else changes. */
static void
test_slug_locked (Fixture       *f,
                  gconstpointer  data)
{
  const char *other_id = "20000000-0000-4000-8000-000000000002";
  g_autofree char *path = g_strdup_printf ("/v1/campaigns/%s", f->campaign_id);
  g_autofree char *other_path = g_strdup_printf ("/v1/campaigns/%s", other_id);
  g_autofree char *batch_path = g_strdup_printf ("/v1/voucher-batches/%s", f->batch_id);
  g_autofree char *other = NULL;
  g_autoptr(PdResponse) moved = NULL;
  g_autoptr(PdResponse) after = NULL;
  g_autoptr(PdResponse) renamed = NULL;
  g_autoptr(PdResponse) other_moved = NULL;
  g_autoptr(PdResponse) batch_deleted = NULL;
  g_autoptr(PdResponse) freed = NULL;
  JsonArray *errors;

  moved = pd_platform_json (f->platform, "PATCH", path, f->token,
                            "{\"name\": \"Herbst 2027\", \"slug\": \"herbst-2027\"}", "If-Match", "\"1\"", NULL);
  pd_assert_problem (moved, 409, "slug-locked");
  errors = json_object_get_array_member (pd_response_object (moved), "errors");
  g_assert_cmpuint (json_array_get_length (errors), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (errors, 0), "field"), ==, "slug");

  /* nothing of the refused change is kept, not even the name */
  after = pd_platform_request (f->platform, "GET", path, f->token, NULL, NULL, 0, NULL);
  pd_assert_status (after, 200);
  g_assert_cmpstr (pd_response_string (after, "slug"), ==, "herbst");
  g_assert_cmpstr (pd_response_string (after, "name"), ==, "Herbst");
  g_assert_cmpstr (pd_response_header (after, "ETag"), ==, "\"1\"");

  /* a rename that keeps the slug, sent with it or without it, is fine */
  renamed = pd_platform_json (f->platform, "PATCH", path, f->token,
                              "{\"name\": \"Herbst 2027\", \"slug\": \"herbst\"}", "If-Match", "\"1\"", NULL);
  pd_assert_status (renamed, 200);
  g_assert_cmpstr (pd_response_string (renamed, "name"), ==, "Herbst 2027");
  g_assert_cmpstr (pd_response_string (renamed, "slug"), ==, "herbst");

  /* the batch locks its own campaign only */
  other = g_strdup_printf ("{\"name\": \"Winter\", \"slug\": \"winter\", \"starts_at\": \"2026-01-01T00:00:00+01:00\","
                           " \"ends_at\": \"2026-02-01T00:00:00+01:00\", \"time_zone\": \"Europe/Berlin\","
                           " \"currency\": \"EUR\", \"coin_value_micros\": 10000, \"voucher_budget_coins\": 0,"
                           " \"funding_type\": \"donation\", \"default_language\": \"de\", \"texts\": {},"
                           " \"projects\": [], \"page_blocks\": []}");
  put_record (f, "campaigns", other_id, other);
  other_moved = pd_platform_json (f->platform, "PATCH", other_path, f->token,
                                  "{\"slug\": \"winter-2027\"}", "If-Match", "\"1\"", NULL);
  pd_assert_status (other_moved, 200);
  g_assert_cmpstr (pd_response_string (other_moved, "slug"), ==, "winter-2027");

  /* with its vouchers withdrawn, the campaign's address is free again */
  batch_deleted = pd_platform_request (f->platform, "DELETE", batch_path, f->token, NULL, NULL, 0,
                                       "If-Match", "\"1\"", NULL);
  pd_assert_status (batch_deleted, 204);
  freed = pd_platform_json (f->platform, "PATCH", path, f->token,
                            "{\"slug\": \"herbst-2027\"}", "If-Match", "\"2\"", NULL);
  pd_assert_status (freed, 200);
  g_assert_cmpstr (pd_response_string (freed, "slug"), ==, "herbst-2027");
}

static void
test_stats (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *path = g_strdup_printf ("/v1/campaigns/%s", f->campaign_id);
  g_autofree char *patch = g_strdup_printf ("{\"voucher_budget_coins\": 1000, \"projects\": [{\"project_id\": \"%s\","
                                            " \"target_coins\": 100}], \"texts\": {\"de\": {\"title\": \"Herbst\","
                                            " \"intro\": \"Willkommen\"}}}", f->project_id);
  g_autoptr(PdResponse) fixed = pd_platform_json (f->platform, "PATCH", path, f->token, patch, "If-Match", "\"1\"", NULL);
  g_autoptr(PdResponse) codes = post_codes (f, f->batch_id,
                                            "{\"chunk\": 0, \"codes\": [\"STAT-0000-0000-0001\", \"STAT-0000-0000-0002\","
                                            " \"STAT-0000-0000-0003\"]}", NULL);
  g_autoptr(PdResponse) published = publish (f, "publish", "\"2\"");
  g_autoptr(PdResponse) stats = NULL;
  g_autofree char *stats_path = g_strdup_printf ("/v1/campaigns/%s/stats", f->campaign_id);
  g_autoptr(GDateTime) now = pd_now_utc ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  JsonObject *object, *project, *day, *payout;

  pd_assert_status (fixed, 200);
  pd_assert_status (codes, 200);
  pd_assert_status (published, 200);

  for (guint i = 1; i <= 2; i++)
    {
      g_autofree char *body = g_strdup_printf ("{\"tenant_id\": \"%s\", \"code\": \"STAT-0000-0000-000%u\","
                                               " \"project_id\": \"%s\"}", f->tenant_id, i, f->project_id);
      g_autoptr(PdResponse) redeemed = pd_platform_json (f->platform, "POST", "/_admin/redeem", NULL, body, NULL);

      pd_assert_status (redeemed, 200);
      g_assert_cmpint (pd_response_int (redeemed, "coins"), ==, 50);
    }
  {
    g_autofree char *body = g_strdup_printf ("{\"tenant_id\": \"%s\", \"code\": \"STAT-0000-0000-0001\"}", f->tenant_id);
    g_autoptr(PdResponse) twice = pd_platform_json (f->platform, "POST", "/_admin/redeem", NULL, body, NULL);

    pd_assert_problem (twice, 422, "validation-failed");
  }

  stats = pd_platform_request (f->platform, "GET", stats_path, f->token, NULL, NULL, 0, NULL);
  pd_assert_status (stats, 200);
  object = pd_response_object (stats);
  g_assert_cmpint (json_object_get_int_member (object, "vouchers_issued"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (object, "vouchers_redeemed"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (object, "vouchers_expired"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (object, "coins_redeemed"), ==, 100);
  g_assert_cmpint (json_object_get_int_member (object, "unredeemed_coins"), ==, 50);
  project = json_array_get_object_element (json_object_get_array_member (object, "projects"), 0);
  g_assert_cmpstr (json_object_get_string_member (project, "project_id"), ==, f->project_id);
  g_assert_cmpint (json_object_get_int_member (project, "coins"), ==, 100);
  g_assert_cmpint (json_object_get_int_member (project, "target_coins"), ==, 100);
  day = json_array_get_object_element (json_object_get_array_member (object, "timeline"), 0);
  g_assert_cmpstr (json_object_get_string_member (day, "date"), ==, today);
  g_assert_cmpint (json_object_get_int_member (day, "redemptions"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (day, "coins"), ==, 100);
  /* the target is reached: 100 coins of 0.01 EUR are due */
  payout = json_array_get_object_element (json_object_get_array_member (object, "payouts_due"), 0);
  g_assert_cmpstr (json_object_get_string_member (payout, "project_id"), ==, f->project_id);
  g_assert_cmpint (json_object_get_int_member (payout, "amount_micros"), ==, 1000000);
  g_assert_cmpstr (json_object_get_string_member (payout, "currency"), ==, "EUR");
  g_assert_nonnull (g_date_time_new_from_iso8601 (json_object_get_string_member (object, "generated_at"), NULL));
}

/* Pulls the whole feed from @cursor; returns the next cursor. */
static char *
pull (Fixture     *f,
      const char  *cursor,
      guint        limit,
      GHashTable  *latest)
{
  char *next = g_strdup (cursor);
  gboolean more = TRUE;

  while (more)
    {
      g_autofree char *path = g_strdup_printf ("/v1/changes?limit=%u%s%s", limit, next ? "&since=" : "", next ? next : "");
      g_autoptr(PdResponse) page = pd_platform_request (f->platform, "GET", path, f->token, NULL, NULL, 0, NULL);
      JsonArray *changes;

      pd_assert_status (page, 200);
      changes = json_object_get_array_member (pd_response_object (page), "changes");
      g_assert_cmpuint (json_array_get_length (changes), <=, limit);
      for (guint i = 0; i < json_array_get_length (changes); i++)
        {
          JsonObject *change = json_array_get_object_element (changes, i);

          g_hash_table_insert (latest,
                               g_strdup_printf ("%s/%s", json_object_get_string_member (change, "kind"),
                                                json_object_get_string_member (change, "id")),
                               json_node_copy (json_array_get_element (changes, i)));
          g_assert_true (json_object_get_boolean_member (change, "deleted") ==
                         !json_object_has_member (change, "record"));
        }
      more = json_object_get_boolean_member (pd_response_object (page), "has_more");
      g_free (next);
      next = g_strdup (pd_response_string (page, "next_cursor"));
      g_assert_nonnull (next);
    }
  return next;
}

static void
test_changes (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GHashTable) latest = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) json_node_unref);
  g_autofree char *cursor = pull (f, NULL, 2, latest);
  g_autofree char *cursor2 = NULL;
  g_autofree char *cursor3 = NULL;
  g_autofree char *path = g_strdup_printf ("/v1/projects/%s", f->project_id);
  g_autoptr(PdResponse) deleted = NULL;
  g_autoptr(PdResponse) codes = NULL;
  g_autoptr(PdResponse) bad = pd_platform_request (f->platform, "GET", "/v1/changes?since=garbage!", f->token, NULL, NULL, 0, NULL);
  /* "F:fake" is no cursor at all; "F:fake:1" is one from another state of the server */
  g_autoptr(PdResponse) never = pd_platform_request (f->platform, "GET", "/v1/changes?since=RjpmYWtl", f->token, NULL, NULL, 0, NULL);
  g_autoptr(PdResponse) restored = pd_platform_request (f->platform, "GET", "/v1/changes?since=RjpmYWtlOjE", f->token, NULL, NULL, 0, NULL);
  g_autoptr(PdResponse) bad_limit = pd_platform_request (f->platform, "GET", "/v1/changes?limit=abc", f->token, NULL, NULL, 0, NULL);
  g_autoptr(PdResponse) expired = NULL;
  g_autoptr(PdResponse) fresh = NULL;
  JsonObject *change;

  /* project, campaign, batch */
  g_assert_cmpuint (g_hash_table_size (latest), ==, 3);
  g_assert_true (g_hash_table_contains (latest, "campaign/20000000-0000-4000-8000-000000000001"));

  deleted = pd_platform_request (f->platform, "DELETE", path, f->token, NULL, NULL, 0, "If-Match", "\"1\"", NULL);
  pd_assert_status (deleted, 204);
  g_hash_table_remove_all (latest);
  cursor2 = pull (f, cursor, 100, latest);
  g_assert_cmpuint (g_hash_table_size (latest), ==, 1);
  change = json_node_get_object (g_hash_table_lookup (latest, "project/10000000-0000-4000-8000-000000000001"));
  g_assert_true (json_object_get_boolean_member (change, "deleted"));
  g_assert_cmpint (json_object_get_int_member (change, "revision"), ==, 2);

  /* vouchers appear when their status changes, not when issued */
  {
    g_autofree char *campaign_path = g_strdup_printf ("/v1/campaigns/%s", f->campaign_id);
    g_autofree char *project_body = g_strdup ("{\"title\": \"Zweites\", \"organisation\": \"O\", \"description\": \"\","
                                              " \"category\": \"water\", \"location\": \"\", \"default_target_coins\": 5,"
                                              " \"source\": \"client\"}");
    g_autoptr(PdResponse) project = pd_platform_json (f->platform, "PUT", "/v1/projects/10000000-0000-4000-8000-000000000002",
                                                      f->token, project_body, "If-None-Match", "*", NULL);
    g_autoptr(PdResponse) fixed = pd_platform_json (f->platform, "PATCH", campaign_path, f->token,
                                                    "{\"voucher_budget_coins\": 10, \"projects\": [{\"project_id\":"
                                                    " \"10000000-0000-4000-8000-000000000002\", \"target_coins\": 5}],"
                                                    " \"texts\": {\"de\": {\"title\": \"T\", \"intro\": \"I\"}}}",
                                                    "If-Match", "\"1\"", NULL);
    g_autoptr(PdResponse) live = publish (f, "publish", "\"2\"");
    g_autofree char *redeem = g_strdup_printf ("{\"tenant_id\": \"%s\", \"code\": \"FEED-0000-0000-0001\"}", f->tenant_id);
    g_autoptr(PdResponse) redeemed = NULL;

    pd_assert_status (project, 201);
    pd_assert_status (fixed, 200);
    pd_assert_status (live, 200);
    codes = post_codes (f, f->batch_id, "{\"chunk\": 0, \"codes\": [\"FEED-0000-0000-0001\", \"FEED-0000-0000-0002\"]}", NULL);
    pd_assert_status (codes, 200);
    redeemed = pd_platform_json (f->platform, "POST", "/_admin/redeem", NULL, redeem, NULL);
    pd_assert_status (redeemed, 200);
  }
  g_hash_table_remove_all (latest);
  cursor3 = pull (f, cursor2, 100, latest);
  /* project, campaign (patched and published: once, latest state), one voucher */
  g_assert_cmpuint (g_hash_table_size (latest), ==, 3);
  change = json_node_get_object (g_hash_table_lookup (latest, "voucher/FEED-0000-0000-0001"));
  g_assert_nonnull (change);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (change, "record"), "status"), ==, "redeemed");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (change, "record"), "batch_id"), ==, f->batch_id);
  change = json_node_get_object (g_hash_table_lookup (latest, "campaign/20000000-0000-4000-8000-000000000001"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (change, "record"), "status"), ==, "live");

  pd_assert_problem (bad, 400, "invalid-cursor");
  pd_assert_problem (never, 400, "invalid-cursor");
  pd_assert_problem (restored, 410, "cursor-expired");
  pd_assert_problem (bad_limit, 400, "invalid-parameter");

  /* a cursor further back than the feed keeps: 410, then a full resync works */
  pd_platform_admin_faults (f->platform, "{\"feed_retention\": 2}");
  {
    g_autofree char *old = g_strdup_printf ("/v1/changes?since=%s", cursor);
    g_autofree char *recent = g_strdup_printf ("/v1/changes?since=%s", cursor3);
    g_autoptr(PdResponse) recent_ok = pd_platform_request (f->platform, "GET", recent, f->token, NULL, NULL, 0, NULL);

    expired = pd_platform_request (f->platform, "GET", old, f->token, NULL, NULL, 0, NULL);
    pd_assert_problem (expired, 410, "cursor-expired");
    pd_assert_status (recent_ok, 200);
  }
  fresh = pd_platform_request (f->platform, "GET", "/v1/changes", f->token, NULL, NULL, 0, NULL);
  pd_assert_status (fresh, 200);

  /* a restore from backup expires every cursor, even a current one */
  pd_platform_admin_faults (f->platform, "{\"feed_retention\": 1000000}");
  {
    g_autofree char *body = g_strdup_printf ("{\"tenant_id\": \"%s\"}", f->tenant_id);
    g_autofree char *current = g_strdup_printf ("/v1/changes?since=%s", pd_response_string (fresh, "next_cursor"));
    g_autoptr(PdResponse) before = pd_platform_request (f->platform, "GET", current, f->token, NULL, NULL, 0, NULL);
    g_autoptr(PdResponse) restore = pd_platform_json (f->platform, "POST", "/_admin/restore", NULL, body, NULL);
    g_autoptr(PdResponse) after = pd_platform_request (f->platform, "GET", current, f->token, NULL, NULL, 0, NULL);

    pd_assert_status (before, 200);
    pd_assert_status (restore, 204);
    pd_assert_problem (after, 410, "cursor-expired");
  }
}

/* Two managers of one tenant: the second one's edit makes the first one's
 * If-Match stale. */
static void
test_second_user (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *body = g_strdup_printf ("{\"tenant_id\": \"%s\", \"email\": \"n@example.com\", \"password\": \"pw-2\"}",
                                           f->tenant_id);
  g_autoptr(PdResponse) user = pd_platform_json (f->platform, "POST", "/_admin/users", NULL, body, NULL);
  g_autofree char *token = NULL;
  g_autofree char *path = g_strdup_printf ("/v1/projects/%s", f->project_id);
  g_autoptr(PdResponse) theirs = NULL;
  g_autoptr(PdResponse) mine = NULL;
  g_autoptr(PdResponse) me = NULL;

  pd_assert_status (user, 201);
  token = pd_platform_sign_in (f->platform, "n@example.com", "pw-2");
  me = pd_platform_request (f->platform, "GET", "/v1/me", token, NULL, NULL, 0, NULL);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (pd_response_object (me), "tenant"), "id"),
                   ==, f->tenant_id);
  theirs = pd_platform_json (f->platform, "PATCH", path, token, "{\"location\": \"Fulda\"}", "If-Match", "\"1\"", NULL);
  pd_assert_status (theirs, 200);
  mine = pd_platform_json (f->platform, "PATCH", path, f->token, "{\"title\": \"Meins\"}", "If-Match", "\"1\"", NULL);
  pd_assert_problem (mine, 412, "precondition-failed");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (pd_response_object (mine), "current"),
                                                  "location"), ==, "Fulda");
}

static void
test_expiry (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *batch = g_strdup_printf ("{\"campaign_id\": \"%s\", \"label\": \"Alt\", \"count\": 2,"
                                            " \"coins_per_voucher\": 10, \"expires_at\": \"2020-01-01T00:00:00+01:00\"}",
                                            f->campaign_id);
  const char *batch_id = "30000000-0000-4000-8000-0000000000e1";
  g_autoptr(PdResponse) codes = NULL;
  g_autoptr(GHashTable) latest = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) json_node_unref);
  g_autofree char *stats_path = g_strdup_printf ("/v1/campaigns/%s/stats", f->campaign_id);
  g_autoptr(PdResponse) stats = NULL;
  g_autofree char *cursor = NULL;
  JsonNode *change = NULL;

  put_record (f, "voucher-batches", batch_id, batch);
  codes = post_codes (f, batch_id, "{\"chunk\": 0, \"codes\": [\"OLD0-0000-0000-0001\", \"OLD0-0000-0000-0002\"]}", NULL);
  pd_assert_status (codes, 200);

  stats = pd_platform_request (f->platform, "GET", stats_path, f->token, NULL, NULL, 0, NULL);
  g_assert_cmpint (pd_response_int (stats, "vouchers_expired"), ==, 2);
  g_assert_cmpint (pd_response_int (stats, "unredeemed_coins"), ==, 0);

  /* within a few seconds the platform's clock marks them, and the feed tells */
  for (guint i = 0; i < 50 && change == NULL; i++)
    {
      g_usleep (100 * 1000);
      g_hash_table_remove_all (latest);
      g_free (cursor);
      cursor = pull (f, NULL, 100, latest);
      change = g_hash_table_lookup (latest, "voucher/OLD0-0000-0000-0002");
    }
  g_assert_nonnull (change);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_node_get_object (change), "record"),
                                                  "status"), ==, "expired");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/platform/vouchers/codes", test_codes);
  ADD ("/platform/assets", test_assets);
  ADD ("/platform/campaigns/publish", test_publish);
  ADD ("/platform/campaigns/stats", test_stats);
  ADD ("/platform/campaigns/slug-locked", test_slug_locked);
  ADD ("/platform/changes", test_changes);
  ADD ("/platform/vouchers/expiry", test_expiry);
  ADD ("/platform/tenants/second-user", test_second_user);
#undef ADD

  return g_test_run ();
}
