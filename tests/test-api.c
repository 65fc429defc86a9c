/* test-api.c: the REST client against a SoupServer on 127.0.0.1
 *
 * The reference platform only sends well-formed answers; these tests serve
 * the broken, compressed and unusual ones the client must also survive.
 * The client's calls against the real platform are in test-sync-*.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libsoup/soup.h>

#include "pd-api-client.h"
#include "pd-test-utils.h"

typedef struct {
  SoupServer  *server;
  char        *base_url;
  guint        status;
  char        *content_type;
  char        *body;
  char        *retry_after;
  gboolean     gzip;
  gboolean     hang;
  GPtrArray   *paused;
  /* what the last request carried */
  char        *user_agent;
  char        *accept_encoding;
  char        *authorization;
  char        *idempotency_key;
  char        *if_match;
  char        *if_none_match;
  char        *method;
  char        *path;
  char        *request_body;
} Fixture;

static void
on_request_cb (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  Fixture *f = user_data;
  SoupMessageHeaders *in = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *out = soup_server_message_get_response_headers (msg);
  SoupMessageBody *request_body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) flat = soup_message_body_flatten (request_body);

  g_free (f->user_agent);
  f->user_agent = g_strdup (soup_message_headers_get_one (in, "User-Agent"));
  g_free (f->accept_encoding);
  f->accept_encoding = g_strdup (soup_message_headers_get_one (in, "Accept-Encoding"));
  g_free (f->authorization);
  f->authorization = g_strdup (soup_message_headers_get_one (in, "Authorization"));
  g_free (f->idempotency_key);
  f->idempotency_key = g_strdup (soup_message_headers_get_one (in, "Idempotency-Key"));
  g_free (f->if_match);
  f->if_match = g_strdup (soup_message_headers_get_one (in, "If-Match"));
  g_free (f->if_none_match);
  f->if_none_match = g_strdup (soup_message_headers_get_one (in, "If-None-Match"));
  g_free (f->method);
  f->method = g_strdup (soup_server_message_get_method (msg));
  g_free (f->path);
  f->path = g_strdup (path);
  g_free (f->request_body);
  f->request_body = g_strndup (g_bytes_get_data (flat, NULL), g_bytes_get_size (flat));

  if (f->hang)
    {
      soup_server_message_pause (msg);
      g_ptr_array_add (f->paused, g_object_ref (msg));
      return;
    }

  if (f->retry_after != NULL)
    soup_message_headers_replace (out, "Retry-After", f->retry_after);

  if (f->gzip && f->body != NULL)
    {
      g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, -1);
      g_autoptr(GOutputStream) mem = g_memory_output_stream_new_resizable ();
      g_autoptr(GOutputStream) zout = g_converter_output_stream_new (mem, G_CONVERTER (compressor));
      g_autoptr(GBytes) compressed = NULL;

      g_output_stream_write_all (zout, f->body, strlen (f->body), NULL, NULL, NULL);
      g_output_stream_close (zout, NULL, NULL);
      compressed = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (mem));
      soup_message_headers_replace (out, "Content-Encoding", "gzip");
      soup_server_message_set_status (msg, f->status, NULL);
      soup_message_headers_set_content_type (out, f->content_type, NULL);
      soup_message_body_append_bytes (soup_server_message_get_response_body (msg), compressed);
      return;
    }

  soup_server_message_set_status (msg, f->status, NULL);
  if (f->body != NULL)
    soup_server_message_set_response (msg, f->content_type, SOUP_MEMORY_COPY,
                                      f->body, strlen (f->body));
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;

  f->server = soup_server_new (NULL, NULL);
  f->paused = g_ptr_array_new_with_free_func (g_object_unref);
  soup_server_add_handler (f->server, NULL, on_request_cb, f, NULL);
  soup_server_listen_local (f->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (f->server);
  f->base_url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  f->status = 200;
  f->content_type = g_strdup ("application/json");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  for (guint i = 0; i < f->paused->len; i++)
    soup_server_message_unpause (g_ptr_array_index (f->paused, i));
  g_ptr_array_unref (f->paused);
  soup_server_disconnect (f->server);
  g_clear_object (&f->server);
  g_free (f->base_url);
  g_free (f->content_type);
  g_free (f->body);
  g_free (f->retry_after);
  g_free (f->user_agent);
  g_free (f->accept_encoding);
  g_free (f->authorization);
  g_free (f->idempotency_key);
  g_free (f->if_match);
  g_free (f->if_none_match);
  g_free (f->method);
  g_free (f->path);
  g_free (f->request_body);
}

static void
serve (Fixture    *f,
       guint       status,
       const char *content_type,
       const char *body)
{
  f->status = status;
  g_free (f->content_type);
  f->content_type = g_strdup (content_type);
  g_free (f->body);
  f->body = g_strdup (body);
}

static PdApiClient *
make_client (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  PdApiClient *client = pd_api_client_new (f->base_url, &error);

  g_assert_no_error (error);
  g_assert_nonnull (client);
  return client;
}

#define CAMPAIGN_FIELDS \
  "\"name\": \"Spring\", \"slug\": \"spring\", \"status\": \"draft\"," \
  "\"starts_at\": \"2026-03-01T00:00:00+01:00\", \"ends_at\": \"2026-05-01T00:00:00+02:00\"," \
  "\"time_zone\": \"Europe/Berlin\", \"currency\": \"EUR\", \"coin_value_micros\": 10000," \
  "\"voucher_budget_coins\": 5000, \"funding_type\": \"donation\", \"theme_id\": null," \
  "\"default_language\": \"de\", \"texts\": {}, \"projects\": [{\"project_id\": \"p1\", \"target_coins\": 10}]," \
  "\"page_blocks\": []"

#define CAMPAIGN_ID "4b7a9a52-1f55-4d55-9a3e-0a3c2b9d1e11"

static PdApiRecord *
get_campaign (PdApiClient  *client,
              GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pd_api_client_get_record_async (client, "campaign", CAMPAIGN_ID, NULL, pd_test_async_cb, &result);
  return pd_api_client_record_finish (client, pd_test_wait_async (&result), error);
}

static void
test_url_rules (void)
{
  static const char * const good[] = {
    "https://api.particulate.example", "https://api.particulate.example/",
    "http://127.0.0.1:8080", "http://127.9.3.1", "http://[::1]:9000", "http://localhost:1234",
  };
  static const char * const insecure[] = {
    "http://api.particulate.example", "http://10.0.0.1", "http://128.0.0.1", "ftp://127.0.0.1",
  };
  static const char * const broken[] = { "", "not a url", "https://" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PdApiClient) client = pd_api_client_new (good[i], &error);

      g_assert_no_error (error);
      g_assert_false (g_str_has_suffix (pd_api_client_get_base_url (client), "/"));
    }
  for (guint i = 0; i < G_N_ELEMENTS (insecure); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PdApiClient) client = pd_api_client_new (insecure[i], &error);

      g_assert_null (client);
      g_assert_error (error, PD_API_ERROR, PD_API_ERROR_INSECURE_URL);
      g_assert_nonnull (strstr (error->message, "https://"));
    }
  for (guint i = 0; i < G_N_ELEMENTS (broken); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PdApiClient) client = pd_api_client_new (broken[i], &error);

      g_assert_null (client);
      g_assert_error (error, PD_API_ERROR, PD_API_ERROR_INVALID_URL);
    }
}

static void
test_retry_after (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 25, 12, 0, 0);

  g_assert_cmpint (pd_api_parse_retry_after ("120", now), ==, 120000);
  g_assert_cmpint (pd_api_parse_retry_after (" 0 ", now), ==, 0);
  g_assert_cmpint (pd_api_parse_retry_after ("Wed, 25 Nov 2026 12:00:30 GMT", now), ==, 30000);
  g_assert_cmpint (pd_api_parse_retry_after ("Wed, 25 Nov 2026 11:00:00 GMT", now), ==, 0);
  g_assert_cmpint (pd_api_parse_retry_after ("soon", now), ==, -1);
  g_assert_cmpint (pd_api_parse_retry_after ("-5", now), ==, -1);
  g_assert_cmpint (pd_api_parse_retry_after ("12abc", now), ==, -1);
  g_assert_cmpint (pd_api_parse_retry_after (NULL, now), ==, -1);

  /* A hostile or mistyped wait is capped at an hour, so it cannot park
   * the changes for decades. */
  g_assert_cmpint (pd_api_parse_retry_after ("999999999", now), ==, PD_API_RETRY_AFTER_MAX_MS);
  g_assert_cmpint (pd_api_parse_retry_after ("Fri, 31 Dec 9999 23:59:59 GMT", now), ==, PD_API_RETRY_AFTER_MAX_MS);
  g_assert_cmpint (pd_api_parse_retry_after ("3600", now), ==, PD_API_RETRY_AFTER_MAX_MS);
  g_assert_cmpint (pd_api_parse_retry_after ("3599", now), ==, 3599000);
}

static void
test_headers_and_gzip (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(PdApiClient) client = make_client (f);
  g_autoptr(PdApiRecord) record = NULL;
  g_autoptr(GError) error = NULL;

  serve (f, 200, "application/json",
         "{\"id\": \"" CAMPAIGN_ID "\", \"revision\": 7, \"updated_at\": \"2026-11-25T10:00:00Z\","
         CAMPAIGN_FIELDS ", \"brand_new_field\": {\"x\": [1, 2]}}");
  f->gzip = TRUE;
  pd_api_client_set_token (client, "secret-token");

  record = get_campaign (client, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (record->id, ==, CAMPAIGN_ID);
  g_assert_cmpint (record->revision, ==, 7);
  g_assert_cmpstr (json_object_get_string_member (record->object, "name"), ==, "Spring");

  g_assert_cmpstr (f->user_agent, ==, "ParticulateDesigner/" PACKAGE_VERSION);
  g_assert_nonnull (f->accept_encoding);
  g_assert_nonnull (strstr (f->accept_encoding, "gzip"));
  g_assert_cmpstr (f->authorization, ==, "Bearer secret-token");
  g_assert_cmpstr (f->path, ==, "/v1/campaigns/" CAMPAIGN_ID);
}

static void
test_write_headers (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(PdApiClient) client = make_client (f);
  g_autoptr(JsonObject) patch = json_object_new ();
  g_autoptr(GAsyncResult) r1 = NULL, r2 = NULL, r3 = NULL;
  g_autoptr(PdApiRecord) record = NULL;
  g_autoptr(GError) error = NULL;

  serve (f, 200, "application/json",
         "{\"id\": \"" CAMPAIGN_ID "\", \"revision\": 8, \"updated_at\": \"2026-11-25T10:00:00Z\","
         CAMPAIGN_FIELDS "}");

  json_object_set_string_member (patch, "name", "Summer");
  pd_api_client_update_record_async (client, "campaign", CAMPAIGN_ID, 7, patch, "key-1",
                                     NULL, pd_test_async_cb, &r1);
  record = pd_api_client_record_finish (client, pd_test_wait_async (&r1), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (f->method, ==, "PATCH");
  g_assert_cmpstr (f->if_match, ==, "\"7\"");
  g_assert_cmpstr (f->idempotency_key, ==, "key-1");
  g_assert_cmpstr (f->request_body, ==, "{\"name\":\"Summer\"}");

  pd_api_client_create_record_async (client, "campaign", CAMPAIGN_ID, patch, "key-2",
                                     NULL, pd_test_async_cb, &r2);
  g_clear_pointer (&record, pd_api_record_free);
  record = pd_api_client_record_finish (client, pd_test_wait_async (&r2), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (f->method, ==, "PUT");
  g_assert_cmpstr (f->if_none_match, ==, "*");
  g_assert_null (f->if_match);

  serve (f, 204, "application/json", NULL);
  pd_api_client_delete_record_async (client, "campaign", CAMPAIGN_ID, 8, "key-3",
                                     NULL, pd_test_async_cb, &r3);
  g_assert_true (pd_api_client_delete_record_finish (client, pd_test_wait_async (&r3), &error));
  g_assert_no_error (error);
  g_assert_cmpstr (f->method, ==, "DELETE");
  g_assert_cmpstr (f->if_match, ==, "\"8\"");
  g_assert_cmpstr (f->idempotency_key, ==, "key-3");
}

static void
test_missing_field (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(PdApiClient) client = make_client (f);
  g_autoptr(PdApiRecord) record = NULL;
  g_autoptr(GError) error = NULL;

  /* "name" left out */
  serve (f, 200, "application/json",
         "{\"id\": \"" CAMPAIGN_ID "\", \"revision\": 7, \"updated_at\": \"2026-11-25T10:00:00Z\","
         "\"slug\": \"spring\", \"status\": \"draft\"}");
  record = get_campaign (client, &error);
  g_assert_null (record);
  g_assert_error (error, PD_API_ERROR, PD_API_ERROR_INVALID_RESPONSE);
  g_assert_nonnull (strstr (error->message, "name"));
}

static void
test_mistyped_field (Fixture       *f,
                     gconstpointer  data)
{
  static const char * const bodies[] = {
    "{\"id\": \"" CAMPAIGN_ID "\", \"revision\": \"7\", \"updated_at\": \"x\"," CAMPAIGN_FIELDS "}",
    "{\"id\": \"" CAMPAIGN_ID "\", \"revision\": 7.5, \"updated_at\": \"x\"," CAMPAIGN_FIELDS "}",
    "{\"id\": 12, \"revision\": 7, \"updated_at\": \"x\"," CAMPAIGN_FIELDS "}",
    "[1, 2, 3]",
    "{\"id\": \"" CAMPAIGN_ID "\", \"revision\": 7, \"updated_at\": \"x\"," CAMPAIGN_FIELDS
      ", \"voucher_budget_coins\": \"lots\"}",
    "{not json",
  };
  g_autoptr(PdApiClient) client = make_client (f);

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(PdApiRecord) record = NULL;
      g_autoptr(GError) error = NULL;

      serve (f, 200, "application/json", bodies[i]);
      record = get_campaign (client, &error);
      g_assert_null (record);
      g_assert_error (error, PD_API_ERROR, PD_API_ERROR_INVALID_RESPONSE);
    }
}

/* A page of @n campaigns, with @last_name as the last one's name (JSON). */
static char *
large_change_page (guint       n,
                   const char *last_name)
{
  GString *text = g_string_new ("{\"changes\": [");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text,
                            "%s{\"kind\": \"campaign\", \"id\": \"" CAMPAIGN_ID "\", \"revision\": %u,"
                            " \"record\": {\"id\": \"" CAMPAIGN_ID "\", \"revision\": %u, \"updated_at\": \"x\","
                            " " CAMPAIGN_FIELDS ", \"notes\": \"%0200u\"}}",
                            i > 0 ? ", " : "", i + 1, i + 1, i);
  g_string_append (text, "], \"next_cursor\": \"c2\", \"has_more\": true}");
  if (last_name != NULL)
    {
      /* The last record's name (the field list names it first). */
      char *last = g_strrstr (text->str, "\"name\": ");
      char *end = strchr (last + 8, ',');

      g_string_erase (text, last + 8 - text->str, end - (last + 8));
      g_string_insert (text, last + 8 - text->str, last_name);
    }
  return g_string_free (text, FALSE);
}

/* A large answer (a page of the change feed) is read on a worker thread:
 * the same result, and the same errors, as a small one. */
static void
test_large_change_page (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(PdApiClient) client = make_client (f);
  g_autofree char *good = large_change_page (400, NULL);
  g_autofree char *mistyped = large_change_page (400, "42");
  g_autofree char *truncated = g_strndup (good, strlen (good) - 10);

  g_assert_cmpuint (strlen (good), >, 128 * 1024);
  for (guint k = 0; k < 3; k++)
    {
      g_autoptr(PdApiChangePage) page = NULL;
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;

      serve (f, 200, "application/json", k == 0 ? good : k == 1 ? mistyped : truncated);
      pd_api_client_get_changes_async (client, NULL, 400, NULL, pd_test_async_cb, &result);
      page = pd_api_client_get_changes_finish (client, pd_test_wait_async (&result), &error);
      if (k == 0)
        {
          PdApiChange *change;

          g_assert_no_error (error);
          g_assert_cmpuint (page->changes->len, ==, 400);
          g_assert_true (page->has_more);
          change = g_ptr_array_index (page->changes, 399);
          g_assert_cmpint (change->revision, ==, 400);
          g_assert_nonnull (change->record);
          continue;
        }
      g_assert_null (page);
      g_assert_error (error, PD_API_ERROR, PD_API_ERROR_INVALID_RESPONSE);
      if (k == 1)
        g_assert_nonnull (strstr (error->message, "name"));
    }

  /* Cancelled: cancelled, not a page. */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    g_autoptr(PdApiChangePage) page = NULL;
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GError) error = NULL;

    serve (f, 200, "application/json", good);
    pd_api_client_get_changes_async (client, NULL, 400, cancellable, pd_test_async_cb, &result);
    g_cancellable_cancel (cancellable);
    page = pd_api_client_get_changes_finish (client, pd_test_wait_async (&result), &error);
    g_assert_null (page);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  }
}

static void
test_problem_precondition (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(PdApiClient) client = make_client (f);
  g_autoptr(PdApiRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *current;

  serve (f, 412, "application/problem+json",
         "{\"type\": \"https://api.particulate.example/problems/precondition-failed\","
         "\"title\": \"Precondition Failed\", \"status\": 412, \"detail\": \"stale\","
         "\"current\": {\"id\": \"" CAMPAIGN_ID "\", \"revision\": 9, \"name\": \"Theirs\"}}");
  record = get_campaign (client, &error);
  g_assert_error (error, PD_API_ERROR, PD_API_ERROR_PRECONDITION_FAILED);
  g_assert_cmpuint (pd_api_error_get_status (error), ==, 412);
  g_assert_cmpstr (pd_api_error_get_detail (error), ==, "stale");
  current = pd_api_error_get_current (error);
  g_assert_nonnull (current);
  g_assert_cmpint (json_object_get_int_member (current, "revision"), ==, 9);

  /* The private data survives a copy, as GTask and callers copy errors. */
  {
    g_autoptr(GError) copy = g_error_copy (error);

    g_assert_nonnull (pd_api_error_get_current (copy));
  }
}

static void
test_problem_validation (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(PdApiClient) client = make_client (f);
  g_autoptr(PdApiRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *fields;
  PdApiFieldError *fe;

  serve (f, 422, "application/problem+json",
         "{\"type\": \"https://api.particulate.example/problems/validation-failed\","
         "\"status\": 422, \"errors\": [{\"field\": \"name\", \"message\": \"too long\"}]}");
  record = get_campaign (client, &error);
  g_assert_error (error, PD_API_ERROR, PD_API_ERROR_VALIDATION);
  fields = pd_api_error_get_field_errors (error);
  g_assert_nonnull (fields);
  g_assert_cmpuint (fields->len, ==, 1);
  fe = g_ptr_array_index (fields, 0);
  g_assert_cmpstr (fe->field, ==, "name");
  g_assert_cmpstr (fe->message, ==, "too long");

  g_clear_error (&error);
  serve (f, 422, "application/problem+json",
         "{\"type\": \"https://api.particulate.example/problems/idempotency-key-reused\", \"status\": 422}");
  record = get_campaign (client, &error);
  g_assert_error (error, PD_API_ERROR, PD_API_ERROR_IDEMPOTENCY_KEY_REUSED);
}

static void
test_problem_retry_after (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(PdApiClient) client = make_client (f);
  g_autoptr(PdApiRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = pd_now_utc ();
  g_autoptr(GDateTime) soon = g_date_time_add_seconds (now, 90);
  g_autofree char *date = soup_date_time_to_string (soon, SOUP_DATE_HTTP);

  serve (f, 429, "application/problem+json", "{\"status\": 429}");
  f->retry_after = g_strdup ("3");
  record = get_campaign (client, &error);
  g_assert_error (error, PD_API_ERROR, PD_API_ERROR_RATE_LIMITED);
  g_assert_cmpint (pd_api_error_get_retry_after (error), ==, 3000);
  g_assert_true (pd_api_error_is_transient (error));

  g_clear_error (&error);
  serve (f, 503, "text/html", "<h1>down</h1>");
  g_free (f->retry_after);
  f->retry_after = g_strdup (date);
  record = get_campaign (client, &error);
  g_assert_error (error, PD_API_ERROR, PD_API_ERROR_UNAVAILABLE);
  g_assert_cmpint (pd_api_error_get_retry_after (error), >, 85000);
  g_assert_cmpint (pd_api_error_get_retry_after (error), <=, 91000);

  g_clear_error (&error);
  serve (f, 401, "application/problem+json", "{\"status\": 401}");
  record = get_campaign (client, &error);
  g_assert_error (error, PD_API_ERROR, PD_API_ERROR_UNAUTHORIZED);
  g_assert_false (pd_api_error_is_transient (error));

  g_clear_error (&error);
  serve (f, 410, "application/problem+json", "{\"status\": 410}");
  record = get_campaign (client, &error);
  g_assert_error (error, PD_API_ERROR, PD_API_ERROR_CURSOR_EXPIRED);

  g_clear_error (&error);
  serve (f, 500, "text/plain", "oops");
  record = get_campaign (client, &error);
  g_assert_error (error, PD_API_ERROR, PD_API_ERROR_SERVER);
  g_assert_true (pd_api_error_is_transient (error));
}

static void
test_change_page (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(PdApiClient) client = make_client (f);
  g_autoptr(PdApiChangePage) page = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  PdApiChange *change;

  serve (f, 200, "application/json",
         "{\"changes\": ["
         "{\"kind\": \"campaign\", \"id\": \"" CAMPAIGN_ID "\", \"revision\": 3, \"deleted\": false,"
         " \"record\": {\"id\": \"" CAMPAIGN_ID "\", \"revision\": 3, \"updated_at\": \"x\", " CAMPAIGN_FIELDS "}},"
         "{\"kind\": \"project\", \"id\": \"p9\", \"revision\": 4, \"deleted\": true},"
         "{\"kind\": \"hologram\", \"id\": \"h1\", \"revision\": 5, \"record\": {}},"
         "{\"kind\": \"voucher\", \"id\": \"AAAA-BBBB-CCCC-DDDD\", \"record\": {\"batch_id\": \"b\", \"status\": \"redeemed\"}}"
         "], \"next_cursor\": \"c2\", \"has_more\": false, \"extra\": 1}");

  pd_api_client_get_changes_async (client, "c 1", 500, NULL, pd_test_async_cb, &result);
  page = pd_api_client_get_changes_finish (client, pd_test_wait_async (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (f->path, ==, "/v1/changes");
  g_assert_cmpstr (page->next_cursor, ==, "c2");
  g_assert_false (page->has_more);
  /* the unknown kind is skipped */
  g_assert_cmpuint (page->changes->len, ==, 3);
  change = g_ptr_array_index (page->changes, 0);
  g_assert_nonnull (change->record);
  g_assert_cmpint (change->revision, ==, 3);
  change = g_ptr_array_index (page->changes, 1);
  g_assert_true (change->deleted);
  g_assert_null (change->record);
  change = g_ptr_array_index (page->changes, 2);
  g_assert_nonnull (change->voucher);
}

static void
test_timeout (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(PdApiClient) client = make_client (f);
  g_autoptr(PdApiRecord) record = NULL;
  g_autoptr(GError) error = NULL;

  f->hang = TRUE;
  pd_api_client_set_timeout (client, 1);
  record = get_campaign (client, &error);
  g_assert_null (record);
  g_assert_error (error, PD_API_ERROR, PD_API_ERROR_TIMEOUT);
  g_assert_true (pd_api_error_is_transient (error));
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(PdApiClient) client = make_client (f);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(PdApiRecord) record = NULL;
  g_autoptr(GError) error = NULL;

  f->hang = TRUE;
  pd_api_client_get_record_async (client, "campaign", CAMPAIGN_ID, cancellable, pd_test_async_cb, &result);
  while (f->paused->len == 0)
    g_main_context_iteration (NULL, TRUE);
  g_cancellable_cancel (cancellable);
  record = pd_api_client_record_finish (client, pd_test_wait_async (&result), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static gboolean
on_plain_incoming_cb (GSocketService    *service,
                      GSocketConnection *connection,
                      GObject           *source,
                      gpointer           user_data)
{
  static const char reply[] = "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n";
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));

  g_output_stream_write_all (out, reply, sizeof reply - 1, NULL, NULL, NULL);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  return TRUE;
}

static void
test_unreachable_and_tls (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *tls_url = NULL;
  guint16 port;

  /* A port that was free a moment ago: nothing listens there. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  address = g_inet_socket_address_new (loopback, 0);
  g_socket_bind (socket, address, FALSE, &error);
  g_assert_no_error (error);
  g_clear_object (&address);
  address = g_socket_get_local_address (socket, &error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (address));
  g_socket_close (socket, NULL);

  url = g_strdup_printf ("http://127.0.0.1:%u", port);
  {
    g_autoptr(PdApiClient) client = pd_api_client_new (url, &error);
    g_autoptr(PdApiRecord) record = NULL;

    g_assert_no_error (error);
    record = get_campaign (client, &error);
    g_assert_error (error, PD_API_ERROR, PD_API_ERROR_NETWORK);
    g_assert_true (pd_api_error_is_transient (error));
    g_clear_error (&error);
  }

  /* https:// to a server that answers in plain text: the handshake fails
   * and the request with it; no TLS problem is ever waved through. */
  {
    g_autoptr(GSocketService) service = g_socket_service_new ();
    g_autoptr(PdApiClient) client = NULL;
    g_autoptr(PdApiRecord) record = NULL;
    guint16 tls_port;

    tls_port = g_socket_listener_add_any_inet_port (G_SOCKET_LISTENER (service), NULL, &error);
    g_assert_no_error (error);
    g_signal_connect (service, "incoming", G_CALLBACK (on_plain_incoming_cb), NULL);
    g_socket_service_start (service);

    tls_url = g_strdup_printf ("https://127.0.0.1:%u", tls_port);
    client = pd_api_client_new (tls_url, &error);
    g_assert_no_error (error);
    pd_api_client_set_timeout (client, 5);
    record = get_campaign (client, &error);
    g_assert_null (record);
    g_assert_error (error, PD_API_ERROR, PD_API_ERROR_TLS);
    g_socket_service_stop (service);
  }
}

/* Printed on every voucher: only an absolute https:// address is kept;
 * anything else, or none, leaves it unknown without failing sign-in. */
static void
test_donor_page_url (void)
{
  static const struct {
    const char *given;
    const char *kept;
  } cases[] = {
    { "\"https://give.example.org/t/42/\"", "https://give.example.org/t/42/" },
    { "\"https://give.example.org/t/42\"", "https://give.example.org/t/42/" },
    { "\"http://give.example.org/t/42/\"", NULL },
    { "\"javascript:alert(1)//\"", NULL },
    { "\"https:///no-host/\"", NULL },
    { "\"https://give.example.org/?x=1\"", NULL },
    { "42", NULL },
    { "null", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"token\": \"t\", \"expires_at\": \"2030-01-01T00:00:00Z\","
                                               " \"tenant\": {\"id\": \"x\", \"name\": \"Bakery\","
                                               " \"donor_page_url\": %s},"
                                               " \"user\": {\"id\": \"u\", \"email\": \"a@example.com\","
                                               " \"name\": \"Ada\"}}", cases[i].given);
      g_autoptr(JsonNode) node = json_from_string (json, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(PdApiSession) session = pd_api_session_new_from_json (node, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (session->tenant_name, ==, "Bakery");
      g_assert_cmpstr (session->donor_page_url, ==, cases[i].kept);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/api/url/rules", test_url_rules);
  g_test_add_func ("/api/session/donor-page-url", test_donor_page_url);
  g_test_add_func ("/api/retry-after", test_retry_after);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/api/request/headers-and-gzip", test_headers_and_gzip);
  ADD ("/api/request/write-headers", test_write_headers);
  ADD ("/api/response/missing-field", test_missing_field);
  ADD ("/api/response/mistyped-field", test_mistyped_field);
  ADD ("/api/response/change-page", test_change_page);
  ADD ("/api/response/large-change-page", test_large_change_page);
  ADD ("/api/problem/precondition-failed", test_problem_precondition);
  ADD ("/api/problem/validation", test_problem_validation);
  ADD ("/api/problem/retry-after", test_problem_retry_after);
  ADD ("/api/transport/timeout", test_timeout);
  ADD ("/api/transport/cancel", test_cancel);
  ADD ("/api/transport/unreachable-and-tls", test_unreachable_and_tls);
#undef ADD

  return g_test_run ();
}
