/* test-api-platform.c: the REST client against the real reference platform
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pd-api-client.h"
#include "pd-sync-test-utils.h"
#include "pd-test-utils.h"

static PdTestPlatform *platform;
static char *api_token;

#define CAMPAIGN_ID "0c3e4a52-1f55-4d55-9a3e-0a3c2b9d1e11"
#define BATCH_ID    "5d1e4a52-1f55-4d55-9a3e-0a3c2b9d1e22"

static JsonObject *
campaign_fields (const char *name)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *starts_at = pd_test_iso8601_in_days (90);
  g_autofree char *ends_at = pd_test_iso8601_in_days (150);
  g_autofree char *text = g_strdup_printf (
    "{\"name\": \"%s\", \"slug\": \"spring-%u\", \"starts_at\": \"%s\","
    " \"ends_at\": \"%s\", \"time_zone\": \"Europe/Berlin\", \"currency\": \"EUR\","
    " \"coin_value_micros\": 10000, \"voucher_budget_coins\": 5000, \"funding_type\": \"donation\","
    " \"default_language\": \"de\", \"texts\": {\"de\": {\"title\": \"Frühling\", \"intro\": \"Hallo\","
    " \"thank_you\": \"Danke\", \"faq\": []}}, \"projects\": [], \"page_blocks\": []}",
    name, g_random_int (), starts_at, ends_at);

  g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static PdApiClient *
signed_in_client (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(PdApiSession) session = NULL;
  g_autoptr(GError) error = NULL;
  PdApiClient *client = pd_api_client_new (platform->url, &error);

  g_assert_no_error (error);
  pd_api_client_sign_in_async (client, NULL, NULL, api_token, NULL, pd_test_async_cb, &result);
  session = pd_api_client_sign_in_finish (client, pd_test_wait_async (&result), &error);
  g_assert_no_error (error);
  pd_api_client_set_token (client, session->token);
  return client;
}

static void
test_sign_in (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdApiClient) client = pd_api_client_new (platform->url, &error);
  g_autoptr(GAsyncResult) r1 = NULL, r2 = NULL, r3 = NULL, r4 = NULL;
  g_autoptr(PdApiSession) session = NULL;
  g_autoptr(PdApiSession) me = NULL;
  g_autoptr(PdApiSession) wrong = NULL;

  pd_api_client_sign_in_async (client, "ada@example.com", "correct horse", NULL, NULL, pd_test_async_cb, &r1);
  session = pd_api_client_sign_in_finish (client, pd_test_wait_async (&r1), &error);
  g_assert_no_error (error);
  g_assert_nonnull (session->token);
  g_assert_cmpstr (session->tenant_name, ==, "Bakery Test");
  g_assert_cmpstr (session->user_email, ==, "ada@example.com");
  /* Where the vouchers' redemption URLs point (CONTRACT.md). */
  {
    g_autofree char *donor_pages = g_strconcat ("https://give.particulate.example/t/", session->tenant_id, "/", NULL);

    g_assert_cmpstr (session->donor_page_url, ==, donor_pages);
  }

  pd_api_client_sign_in_async (client, "ada@example.com", "wrong", NULL, NULL, pd_test_async_cb, &r2);
  wrong = pd_api_client_sign_in_finish (client, pd_test_wait_async (&r2), &error);
  g_assert_null (wrong);
  g_assert_error (error, PD_API_ERROR, PD_API_ERROR_UNAUTHORIZED);
  g_clear_error (&error);

  pd_api_client_get_me_async (client, NULL, pd_test_async_cb, &r3);
  me = pd_api_client_get_me_finish (client, pd_test_wait_async (&r3), &error);
  g_assert_error (error, PD_API_ERROR, PD_API_ERROR_UNAUTHORIZED);
  g_clear_error (&error);

  pd_api_client_set_token (client, session->token);
  pd_api_client_get_me_async (client, NULL, pd_test_async_cb, &r4);
  me = pd_api_client_get_me_finish (client, pd_test_wait_async (&r4), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (me->tenant_id, ==, session->tenant_id);
  g_assert_null (me->token);
}

static void
test_record_cycle (void)
{
  g_autoptr(PdApiClient) client = signed_in_client ();
  g_autoptr(JsonObject) fields = campaign_fields ("Spring");
  g_autoptr(JsonObject) patch = json_object_new ();
  g_autoptr(GAsyncResult) r1 = NULL, r2 = NULL, r3 = NULL, r4 = NULL, r5 = NULL, r6 = NULL, r7 = NULL;
  g_autoptr(PdApiRecord) created = NULL, replayed = NULL, updated = NULL, stale = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *current;

  pd_api_client_create_record_async (client, "campaign", CAMPAIGN_ID, fields, "create-1",
                                     NULL, pd_test_async_cb, &r1);
  created = pd_api_client_record_finish (client, pd_test_wait_async (&r1), &error);
  g_assert_no_error (error);
  g_assert_cmpint (created->revision, >=, 1);
  g_assert_cmpstr (json_object_get_string_member (created->object, "status"), ==, "draft");

  /* The same key and body: replayed, not created twice. */
  pd_api_client_create_record_async (client, "campaign", CAMPAIGN_ID, fields, "create-1",
                                     NULL, pd_test_async_cb, &r2);
  replayed = pd_api_client_record_finish (client, pd_test_wait_async (&r2), &error);
  g_assert_no_error (error);
  g_assert_cmpint (replayed->revision, ==, created->revision);

  json_object_set_string_member (patch, "name", "Summer");
  pd_api_client_update_record_async (client, "campaign", CAMPAIGN_ID, created->revision, patch,
                                     "update-1", NULL, pd_test_async_cb, &r3);
  updated = pd_api_client_record_finish (client, pd_test_wait_async (&r3), &error);
  g_assert_no_error (error);
  g_assert_cmpint (updated->revision, >, created->revision);
  g_assert_cmpstr (json_object_get_string_member (updated->object, "name"), ==, "Summer");

  /* Based on the old revision: 412 with the record as it is now. */
  json_object_set_string_member (patch, "name", "Autumn");
  pd_api_client_update_record_async (client, "campaign", CAMPAIGN_ID, created->revision, patch,
                                     "update-2", NULL, pd_test_async_cb, &r4);
  stale = pd_api_client_record_finish (client, pd_test_wait_async (&r4), &error);
  g_assert_error (error, PD_API_ERROR, PD_API_ERROR_PRECONDITION_FAILED);
  current = pd_api_error_get_current (error);
  g_assert_nonnull (current);
  g_assert_cmpstr (json_object_get_string_member (current, "name"), ==, "Summer");
  g_clear_error (&error);

  /* A different body under a used key is refused. */
  pd_api_client_update_record_async (client, "campaign", CAMPAIGN_ID, updated->revision, patch,
                                     "update-1", NULL, pd_test_async_cb, &r5);
  stale = pd_api_client_record_finish (client, pd_test_wait_async (&r5), &error);
  g_assert_error (error, PD_API_ERROR, PD_API_ERROR_IDEMPOTENCY_KEY_REUSED);
  g_clear_error (&error);

  pd_api_client_delete_record_async (client, "campaign", CAMPAIGN_ID, updated->revision, "delete-1",
                                     NULL, pd_test_async_cb, &r6);
  g_assert_true (pd_api_client_delete_record_finish (client, pd_test_wait_async (&r6), &error));
  g_assert_no_error (error);

  pd_api_client_get_record_async (client, "campaign", CAMPAIGN_ID, NULL, pd_test_async_cb, &r7);
  stale = pd_api_client_record_finish (client, pd_test_wait_async (&r7), &error);
  g_assert_error (error, PD_API_ERROR, PD_API_ERROR_NOT_FOUND);
}

static void
test_changes_and_validation (void)
{
  g_autoptr(PdApiClient) client = signed_in_client ();
  g_autoptr(JsonObject) bad = campaign_fields ("");
  g_autoptr(GAsyncResult) r1 = NULL, r2 = NULL, r3 = NULL;
  g_autoptr(PdApiRecord) record = NULL;
  g_autoptr(PdApiChangePage) page = NULL;
  g_autoptr(PdApiChangePage) none = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *fields;

  pd_api_client_create_record_async (client, "campaign", "7e3e4a52-1f55-4d55-9a3e-0a3c2b9d1e99", bad,
                                     NULL, NULL, pd_test_async_cb, &r1);
  record = pd_api_client_record_finish (client, pd_test_wait_async (&r1), &error);
  g_assert_error (error, PD_API_ERROR, PD_API_ERROR_VALIDATION);
  fields = pd_api_error_get_field_errors (error);
  g_assert_nonnull (fields);
  g_assert_cmpuint (fields->len, >=, 1);
  g_assert_cmpstr (((PdApiFieldError *) g_ptr_array_index (fields, 0))->field, ==, "name");
  g_clear_error (&error);

  pd_api_client_get_changes_async (client, NULL, 2, NULL, pd_test_async_cb, &r2);
  page = pd_api_client_get_changes_finish (client, pd_test_wait_async (&r2), &error);
  g_assert_no_error (error);
  g_assert_nonnull (page->next_cursor);

  pd_api_client_get_changes_async (client, "bm90IGEgY3Vyc29y", 2, NULL, pd_test_async_cb, &r3);
  none = pd_api_client_get_changes_finish (client, pd_test_wait_async (&r3), &error);
  g_assert_nonnull (error);
  g_assert_true (error->code == PD_API_ERROR_INVALID_REQUEST || error->code == PD_API_ERROR_CURSOR_EXPIRED);
}

static void
test_asset_and_codes (void)
{
  static const guint8 png[] = {
    0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
    0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89,
  };
  g_autoptr(PdApiClient) client = signed_in_client ();
  g_autoptr(GBytes) bytes = g_bytes_new_static (png, sizeof png);
  g_autofree char *sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  g_autoptr(JsonObject) fields = campaign_fields ("Codes");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GAsyncResult) r1 = NULL, r2 = NULL, r3 = NULL, r4 = NULL, r5 = NULL, r6 = NULL;
  g_autoptr(PdApiRecord) campaign = NULL, batch = NULL;
  g_autoptr(GError) error = NULL;
  const char * const codes[] = { "AAAA-BBBB-CCCC-0001", "AAAA-BBBB-CCCC-0002", NULL };
  g_autofree char *expires_at = pd_test_iso8601_in_days (400);
  g_autofree char *batch_json = g_strdup_printf ("{\"campaign_id\": \"1a3e4a52-1f55-4d55-9a3e-0a3c2b9d1e33\","
                                                 " \"label\": \"Kasse\", \"count\": 2,"
                                                 " \"coins_per_voucher\": 100, \"expires_at\": \"%s\"}", expires_at);
  gint64 accepted = 0, total = 0;

  pd_api_client_upload_asset_async (client, sha, "image/png", bytes, NULL, NULL, pd_test_async_cb, &r1);
  g_assert_true (pd_api_client_upload_asset_finish (client, pd_test_wait_async (&r1), &error));
  g_assert_no_error (error);

  pd_api_client_create_record_async (client, "campaign", "1a3e4a52-1f55-4d55-9a3e-0a3c2b9d1e33", fields,
                                     NULL, NULL, pd_test_async_cb, &r2);
  campaign = pd_api_client_record_finish (client, pd_test_wait_async (&r2), &error);
  g_assert_no_error (error);

  g_assert_true (json_parser_load_from_data (parser, batch_json, -1, NULL));
  pd_api_client_create_record_async (client, "voucher-batch", BATCH_ID,
                                     json_node_get_object (json_parser_get_root (parser)),
                                     NULL, NULL, pd_test_async_cb, &r3);
  batch = pd_api_client_record_finish (client, pd_test_wait_async (&r3), &error);
  g_assert_no_error (error);

  pd_api_client_upload_voucher_codes_async (client, BATCH_ID, 0, codes, "chunk-0", NULL, pd_test_async_cb, &r4);
  g_assert_true (pd_api_client_upload_voucher_codes_finish (client, pd_test_wait_async (&r4), &accepted, &total, &error));
  g_assert_no_error (error);
  g_assert_cmpint (accepted, ==, 2);
  g_assert_cmpint (total, ==, 2);

  /* The retry of a chunk whose answer was lost: same result, no codes added. */
  pd_api_client_upload_voucher_codes_async (client, BATCH_ID, 0, codes, "chunk-0", NULL, pd_test_async_cb, &r5);
  g_assert_true (pd_api_client_upload_voucher_codes_finish (client, pd_test_wait_async (&r5), &accepted, &total, &error));
  g_assert_no_error (error);
  g_assert_cmpint (total, ==, 2);

  pd_api_client_get_stats_async (client, "1a3e4a52-1f55-4d55-9a3e-0a3c2b9d1e33", NULL, pd_test_async_cb, &r6);
  {
    g_autoptr(JsonObject) stats = pd_api_client_get_stats_finish (client, pd_test_wait_async (&r6), &error);

    g_assert_no_error (error);
    g_assert_nonnull (stats);
  }
}

static void
test_publish (void)
{
  g_autoptr(PdApiClient) client = signed_in_client ();
  g_autoptr(JsonObject) fields = campaign_fields ("Publish me");
  g_autoptr(GAsyncResult) r1 = NULL, r2 = NULL;
  g_autoptr(PdApiRecord) campaign = NULL, published = NULL;
  g_autoptr(GError) error = NULL;

  pd_api_client_create_record_async (client, "campaign", "2b3e4a52-1f55-4d55-9a3e-0a3c2b9d1e44", fields,
                                     NULL, NULL, pd_test_async_cb, &r1);
  campaign = pd_api_client_record_finish (client, pd_test_wait_async (&r1), &error);
  g_assert_no_error (error);

  /* No projects: refused with the reasons. */
  pd_api_client_publish_async (client, campaign->id, campaign->revision, TRUE, NULL, NULL, pd_test_async_cb, &r2);
  published = pd_api_client_record_finish (client, pd_test_wait_async (&r2), &error);
  g_assert_error (error, PD_API_ERROR, PD_API_ERROR_NOT_PUBLISHABLE);
  g_assert_nonnull (pd_api_error_get_field_errors (error));
}

/* A certificate nobody vouches for is refused, never waved through. */
static void
test_tls_refused (void)
{
  g_autofree char *dir = pd_test_make_private_dir ();
  g_autofree char *cert = g_build_filename (dir, "cert.pem", NULL);
  g_autofree char *key = g_build_filename (dir, "key.pem", NULL);
  g_autofree char *openssl = g_find_program_in_path ("openssl");
  g_autoptr(GError) error = NULL;
  g_autoptr(PdApiClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(PdApiSession) session = NULL;
  g_autofree char *https_url = NULL;
  PdTestPlatform *tls_platform;
  int wait_status = 0;

  if (openssl == NULL)
    {
      g_test_skip ("openssl is needed to make a certificate");
      return;
    }
  {
    g_autofree char *cmd = g_strdup_printf ("%s req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 "
                                            "-keyout %s -out %s", openssl, key, cert);

    g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, &wait_status, &error));
    g_assert_no_error (error);
  }

  {
    const char * const args[] = { "--tls-cert", cert, "--tls-key", key, NULL };

    tls_platform = pd_test_platform_start (args);
  }
  https_url = g_strdup_printf ("https://%s", tls_platform->url + strlen ("http://"));
  client = pd_api_client_new (https_url, &error);
  g_assert_no_error (error);
  pd_api_client_sign_in_async (client, NULL, NULL, api_token, NULL, pd_test_async_cb, &result);
  session = pd_api_client_sign_in_finish (client, pd_test_wait_async (&result), &error);
  g_assert_null (session);
  g_assert_error (error, PD_API_ERROR, PD_API_ERROR_TLS);

  pd_test_platform_free (tls_platform);
  pd_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  platform = pd_test_platform_start (NULL);
  api_token = pd_test_platform_add_tenant (platform, "Bakery Test", "ada@example.com", "correct horse", NULL);

  g_test_add_func ("/api/platform/sign-in", test_sign_in);
  g_test_add_func ("/api/platform/record-cycle", test_record_cycle);
  g_test_add_func ("/api/platform/changes-and-validation", test_changes_and_validation);
  g_test_add_func ("/api/platform/asset-and-codes", test_asset_and_codes);
  g_test_add_func ("/api/platform/publish", test_publish);
  g_test_add_func ("/api/platform/tls-refused", test_tls_refused);

  ret = g_test_run ();

  pd_test_platform_free (platform);
  g_free (api_token);
  return ret;
}
