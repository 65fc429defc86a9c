/* pd-platform-http.c: answers, problem documents and small helpers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-platform-http"

#include "pd-platform.h"
#include "pd-platform-json-guard.h"

#include <string.h>
#include <sys/random.h>

static const struct
{
  const char *slug;
  const char *title;
} problem_titles[] = {
  { "invalid-json", "The body is not a JSON object" },
  { "invalid-id", "The id in the path is malformed" },
  { "invalid-cursor", "The cursor was never issued" },
  { "invalid-parameter", "A query parameter is malformed" },
  { "unauthorized", "Authentication required" },
  { "forbidden", "This record cannot be changed" },
  { "not-found", "No such record" },
  { "method-not-allowed", "Method not allowed" },
  { "cursor-expired", "The change feed no longer reaches this cursor" },
  { "precondition-failed", "The record has changed" },
  { "slug-locked", "The web address of this campaign is fixed" },
  { "payload-too-large", "The body is too large" },
  { "unsupported-media-type", "Unsupported content type" },
  { "validation-failed", "The record is not valid" },
  { "idempotency-key-reused", "The idempotency key was used for another request" },
  { "not-publishable", "The campaign cannot be published" },
  { "precondition-required", "A precondition header is required" },
  { "rate-limited", "Too many requests" },
  { "internal-error", "Internal server error" },
  { "unavailable", "The service is unavailable" },
};

void
pd_reply_bytes (PdRequest  *req,
                guint       status,
                const char *content_type,
                GBytes     *body)
{
  req->status = status;
  req->content_type = content_type;
  g_clear_pointer (&req->reply_body, g_bytes_unref);
  req->reply_body = body;
}

/* Takes ownership of @json. */
void
pd_reply_take_json (PdRequest *req,
                    guint      status,
                    char      *json)
{
  gsize len = strlen (json);

  pd_reply_bytes (req, status, "application/json", g_bytes_new_take (json, len));
}

void
pd_reply_node (PdRequest *req,
               guint      status,
               JsonNode  *node)
{
  pd_reply_take_json (req, status, pd_json_to_string (node));
}

void
pd_reply_empty (PdRequest *req,
                guint      status)
{
  pd_reply_bytes (req, status, NULL, NULL);
}

void
pd_reply_set_etag (PdRequest *req,
                   gint64     revision)
{
  g_free (req->etag);
  req->etag = g_strdup_printf ("\"%" G_GINT64_FORMAT "\"", revision);
}

/* @errors is consumed; @current_json is the record as it is now, for 412. */
void
pd_reply_problem (PdRequest  *req,
                  guint       status,
                  const char *slug,
                  const char *detail,
                  JsonArray  *errors,
                  const char *current_json)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *type = g_strconcat (PD_PROBLEM_BASE, slug, NULL);
  const char *title = slug;
  char *text;

  for (guint i = 0; i < G_N_ELEMENTS (problem_titles); i++)
    if (g_str_equal (problem_titles[i].slug, slug))
      title = problem_titles[i].title;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, type);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, title);
  json_builder_set_member_name (builder, "status");
  json_builder_add_int_value (builder, status);
  json_builder_set_member_name (builder, "detail");
  json_builder_add_string_value (builder, detail != NULL ? detail : title);
  if (errors != NULL)
    {
      json_builder_set_member_name (builder, "errors");
      json_builder_add_value (builder, json_node_init_array (json_node_alloc (), errors));
      json_array_unref (errors);
    }
  if (current_json != NULL)
    {
      json_builder_set_member_name (builder, "current");
      json_builder_add_value (builder, pd_json_from_string (current_json));
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  text = pd_json_to_string (root);
  pd_reply_bytes (req, status, "application/problem+json",
                  g_bytes_new_take (text, strlen (text)));
  g_clear_pointer (&req->etag, g_free);
}

void
pd_field_error (JsonArray  *errors,
                const char *field,
                const char *format,
                ...)
{
  JsonObject *object = json_object_new ();
  va_list args;
  char *message;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  json_object_set_string_member (object, "field", field);
  json_object_set_string_member (object, "message", message);
  json_array_add_object_element (errors, object);
  g_free (message);
}

char *
pd_json_to_string (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

JsonNode *
pd_json_from_string (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();

  /* a text of only white space loads without error and without a root */
  if (!json_parser_load_from_data (parser, json, -1, NULL) || json_parser_get_root (parser) == NULL)
    return json_node_new (JSON_NODE_NULL);
  return json_parser_steal_root (parser);
}

/* Parses a request body that must be one JSON object; NULL with @error set
 * for anything else. Only strict JSON within the depth limit reaches
 * json-glib (see pd-platform-json-guard.c). json-glib loads a body of only white space without an
 * error but without a root, so the root is checked before its type. */
JsonNode *
pd_json_parse_object (const char  *data,
                      gsize        len,
                      GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonNode *root;

  switch (pd_json_guard_check (data, len, PD_JSON_MAX_DEPTH))
    {
    case PD_JSON_GUARD_OK:
      break;
    case PD_JSON_GUARD_TOO_DEEP:
      g_set_error_literal (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA, "The body nests too deeply.");
      return NULL;
    case PD_JSON_GUARD_INVALID:
    default:
      g_set_error_literal (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA, "The body is not valid JSON.");
      return NULL;
    }
  /* json-glib's own message names its scanner and offsets: nothing a
   * client can act on, and more than it needs to know about the server */
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, len, NULL))
    {
      g_set_error_literal (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA, "The body is not valid JSON.");
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA, "The body must be one JSON object.");
      return NULL;
    }
  return json_parser_steal_root (parser);
}

gboolean
pd_is_uuid (const char *text)
{
  static const char pattern[] = "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx";

  if (text == NULL || strlen (text) != sizeof pattern - 1)
    return FALSE;
  for (gsize i = 0; pattern[i] != '\0'; i++)
    {
      if (pattern[i] == '-' ? text[i] != '-' : !g_ascii_isxdigit (text[i]))
        return FALSE;
    }
  return TRUE;
}

gboolean
pd_is_sha256 (const char *text)
{
  if (text == NULL || strlen (text) != 64)
    return FALSE;
  for (gsize i = 0; i < 64; i++)
    if (!g_ascii_isxdigit (text[i]) || g_ascii_isupper (text[i]))
      return FALSE;
  return TRUE;
}

char *
pd_now_rfc3339 (void)
{
  g_autoptr(GDateTime) now = pd_platform_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

void
pd_random_bytes (void  *buf,
                 gsize  len)
{
  guint8 *p = buf;

  while (len > 0)
    {
      ssize_t n = getrandom (p, len, 0);

      if (n < 0)
        g_error ("getrandom failed");
      p += n;
      len -= n;
    }
}

/* With @rand, ids are reproducible (the demo seed); without, random. */
char *
pd_uuid_new (GRand *rand)
{
  guint8 b[16];

  if (rand != NULL)
    for (guint i = 0; i < 16; i++)
      b[i] = g_rand_int_range (rand, 0, 256);
  else
    pd_random_bytes (b, sizeof b);

  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                          b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7],
                          b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
}

char *
pd_sha256_hex (const void *data,
               gsize       len)
{
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, len);
}

/* Cursors are opaque to clients: URL-safe base64 of an internal text. */
char *
pd_cursor_encode (const char *text)
{
  char *encoded = g_base64_encode ((const guchar *) text, strlen (text));

  g_strdelimit (encoded, "+", '-');
  g_strdelimit (encoded, "/", '_');
  g_strdelimit (encoded, "=", '\0');
  return encoded;
}

char *
pd_cursor_decode (const char *cursor)
{
  g_autoptr(GString) padded = NULL;
  guchar *decoded;
  gsize len;

  if (cursor == NULL || *cursor == '\0' || strlen (cursor) > 512)
    return NULL;
  for (const char *p = cursor; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
      return NULL;

  padded = g_string_new (cursor);
  g_strdelimit (padded->str, "-", '+');
  g_strdelimit (padded->str, "_", '/');
  while (padded->len % 4 != 0)
    g_string_append_c (padded, '=');

  decoded = g_base64_decode (padded->str, &len);
  if (decoded == NULL || memchr (decoded, '\0', len) != NULL || !g_utf8_validate ((char *) decoded, len, NULL))
    {
      g_free (decoded);
      return NULL;
    }
  decoded = g_realloc (decoded, len + 1);
  decoded[len] = '\0';
  return (char *) decoded;
}

gboolean
pd_parse_limit (PdRequest *req,
                guint     *limit)
{
  const char *text = req->query ? g_hash_table_lookup (req->query, "limit") : NULL;
  guint64 value;

  *limit = PD_LIST_LIMIT_DEFAULT;
  if (text == NULL)
    return TRUE;
  if (!g_ascii_string_to_unsigned (text, 10, 1, PD_LIST_LIMIT_MAX, &value, NULL))
    {
      JsonArray *errors = json_array_new ();

      pd_field_error (errors, "limit", "must be an integer from 1 to %d", PD_LIST_LIMIT_MAX);
      pd_reply_problem (req, 400, "invalid-parameter", "limit is out of range", errors, NULL);
      return FALSE;
    }
  *limit = value;
  return TRUE;
}

/* Compares the media type of a Content-Type header, ignoring parameters. */
gboolean
pd_media_type_is (const char *content_type,
                  const char *wanted)
{
  gsize len = strlen (wanted);

  if (content_type == NULL)
    return FALSE;
  while (*content_type == ' ')
    content_type++;
  return g_ascii_strncasecmp (content_type, wanted, len) == 0 &&
         (content_type[len] == '\0' || content_type[len] == ';' || content_type[len] == ' ');
}

/* Safe on untrusted input: json-glib's getters complain about members of
 * another type, these just answer NULL or @fallback. */
const char *
pd_json_string (JsonObject *object,
                const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

gint64
pd_json_int (JsonObject *object,
             const char *member,
             gint64      fallback)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return fallback;
  return json_node_get_int (node);
}
