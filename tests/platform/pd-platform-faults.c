/* pd-platform-faults.c: the failures tests ask for
 *
 * All faults are off unless a flag or the admin endpoint switches them on;
 * they touch /v1 only, never /_admin, so a test can always switch them off.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-platform-faults"

#include "pd-platform.h"

#include <string.h>

/* Answers the request before it is processed when a fault says so. */
gboolean
pd_faults_apply_before (PdRequest *req)
{
  PdFaults *faults = &req->platform->faults;

  faults->requests++;
  if (faults->every_429 > 0 && faults->requests % faults->every_429 == 0)
    {
      pd_reply_problem (req, 429, "rate-limited", "Slow down.", NULL, NULL);
      req->retry_after = MAX (faults->retry_after, 1);
      return TRUE;
    }
  if (faults->error_rate > 0 && g_rand_double (req->platform->rand) < faults->error_rate)
    {
      if (g_rand_boolean (req->platform->rand))
        {
          pd_reply_problem (req, 503, "unavailable", "The platform is overloaded.", NULL, NULL);
          req->retry_after = MAX (faults->retry_after, 1);
        }
      else
        {
          pd_reply_problem (req, 500, "internal-error", "Something broke (injected fault).", NULL, NULL);
        }
      return TRUE;
    }
  return FALSE;
}

gboolean
pd_faults_should_drop (PdPlatform *platform)
{
  PdFaults *faults = &platform->faults;

  if (faults->drop_after_bytes < 0)
    return FALSE;
  if (faults->drop_count > 0 && --faults->drop_count == 0)
    faults->drop_after_bytes = -1;
  return TRUE;
}

typedef struct
{
  GIOStream *stream;
  GBytes    *bytes;
} DropData;

static void
on_drop_written_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      data)
{
  DropData *drop = data;

  g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, NULL);
  g_io_stream_close (drop->stream, NULL, NULL);
  g_object_unref (drop->stream);
  g_bytes_unref (drop->bytes);
  g_free (drop);
}

/* Writes the first bytes of the answer, then hangs up: the request took
 * effect, but the client never learns the result. */
void
pd_faults_drop_response (PdRequest *req)
{
  g_autoptr(GString) raw = g_string_new (NULL);
  DropData *drop;
  gsize body_len = 0;
  const char *body = req->reply_body ? g_bytes_get_data (req->reply_body, &body_len) : NULL;
  gsize keep;

  g_string_append_printf (raw, "HTTP/1.1 %u %s\r\n", req->status, soup_status_get_phrase (req->status));
  if (req->content_type != NULL)
    g_string_append_printf (raw, "Content-Type: %s\r\n", req->content_type);
  if (req->etag != NULL)
    g_string_append_printf (raw, "ETag: %s\r\n", req->etag);
  g_string_append_printf (raw, "Content-Length: %" G_GSIZE_FORMAT "\r\n\r\n", body_len);
  if (body != NULL)
    g_string_append_len (raw, body, body_len);

  keep = MIN ((gsize) req->platform->faults.drop_after_bytes, raw->len);
  if (req->platform->faults.drop_after_bytes < 0)
    keep = MIN (16, raw->len);

  drop = g_new0 (DropData, 1);
  drop->stream = soup_server_message_steal_connection (req->msg);
  drop->bytes = g_bytes_new (raw->str, keep);
  if (drop->stream == NULL)
    {
      g_bytes_unref (drop->bytes);
      g_free (drop);
      return;
    }
  g_output_stream_write_all_async (g_io_stream_get_output_stream (drop->stream),
                                   g_bytes_get_data (drop->bytes, NULL), keep,
                                   G_PRIORITY_DEFAULT, NULL, on_drop_written_cb, drop);
}

void
pd_faults_update_from_json (PdFaults   *faults,
                            JsonObject *object)
{
  JsonNode *rate = json_object_get_member (object, "error_rate");

  faults->latency_ms = pd_json_int (object, "latency_ms", faults->latency_ms);
  if (rate != NULL && JSON_NODE_HOLDS_VALUE (rate) &&
      (json_node_get_value_type (rate) == G_TYPE_DOUBLE || json_node_get_value_type (rate) == G_TYPE_INT64))
    faults->error_rate = CLAMP (json_node_get_double (rate), 0.0, 1.0);
  faults->every_429 = pd_json_int (object, "every_429", faults->every_429);
  faults->retry_after = pd_json_int (object, "retry_after", faults->retry_after);
  faults->drop_after_bytes = pd_json_int (object, "drop_after_bytes", faults->drop_after_bytes);
  faults->drop_count = pd_json_int (object, "drop_count", faults->drop_count);
  faults->token_lifetime = pd_json_int (object, "token_lifetime", faults->token_lifetime);
}

JsonNode *
pd_faults_to_json (PdPlatform *platform)
{
  PdFaults *faults = &platform->faults;
  JsonObject *object = json_object_new ();
  JsonNode *node;

  json_object_set_int_member (object, "latency_ms", faults->latency_ms);
  json_object_set_double_member (object, "error_rate", faults->error_rate);
  json_object_set_int_member (object, "every_429", faults->every_429);
  json_object_set_int_member (object, "retry_after", faults->retry_after);
  json_object_set_int_member (object, "drop_after_bytes", faults->drop_after_bytes);
  json_object_set_int_member (object, "drop_count", faults->drop_count);
  json_object_set_int_member (object, "token_lifetime", faults->token_lifetime);
  json_object_set_int_member (object, "feed_retention", platform->feed_retention);
  json_object_set_int_member (object, "donor_rate", (gint64) platform->donor_rate);
  node = json_node_init_object (json_node_alloc (), object);
  json_object_unref (object);
  return node;
}
