/* pd-platform-assets.c: images addressed by the SHA-256 of their bytes
 *
 * PUT is idempotent by construction: the same bytes always land at the same
 * address. The server checks the hash, so a truncated upload cannot take the
 * place of the real image.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-platform-assets"

#include "pd-platform.h"

static const char *const media_types[] = {
  "image/png", "image/jpeg", "image/svg+xml", "image/webp",
};

static void
reply_asset_info (PdRequest  *req,
                  guint       status,
                  const char *sha256,
                  const char *content_type,
                  gint64      size)
{
  JsonObject *object = json_object_new ();
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);
  g_autofree char *etag = g_strdup_printf ("\"%s\"", sha256);

  json_object_set_string_member (object, "sha256", sha256);
  json_object_set_string_member (object, "content_type", content_type);
  json_object_set_int_member (object, "size", size);
  json_object_unref (object);
  pd_reply_node (req, status, node);
  g_free (req->etag);
  req->etag = g_steal_pointer (&etag);
}

static void
put_asset (PdRequest  *req,
           const char *sha256)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (req->msg);
  const char *content_type = soup_message_headers_get_one (headers, "Content-Type");
  const char *media_type = NULL;
  g_autofree char *actual = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;
  gsize len;
  const char *data = g_bytes_get_data (req->body, &len);
  gboolean exists;

  for (guint i = 0; i < G_N_ELEMENTS (media_types); i++)
    if (pd_media_type_is (content_type, media_types[i]))
      media_type = media_types[i];
  if (media_type == NULL)
    {
      pd_reply_problem (req, 415, "unsupported-media-type",
                        "Assets are PNG, JPEG, SVG or WebP images.", NULL, NULL);
      return;
    }

  actual = pd_sha256_hex (data != NULL ? data : "", len);
  if (!g_str_equal (actual, sha256))
    {
      JsonArray *errors = json_array_new ();

      pd_field_error (errors, "sha256", "the body hashes to %s", actual);
      pd_reply_problem (req, 422, "validation-failed", "The bytes do not match the address.", errors, NULL);
      return;
    }

  exists = pd_db_query_int (req->tenant->db, "SELECT COUNT(*) FROM assets WHERE sha256 = ?", sha256) > 0;
  if (!exists)
    {
      path = g_build_filename (req->tenant->dir, "assets", sha256, NULL);
      if (!g_file_set_contents_full (path, data != NULL ? data : "", len,
                                     G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
        {
          pd_reply_problem (req, 503, "unavailable", "The asset could not be stored.", NULL, NULL);
          req->retry_after = 1;
          return;
        }
      stmt = pd_db_prepare (req->tenant->db, "INSERT INTO assets (sha256, content_type, size) VALUES (?, ?, ?)");
      sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, media_type, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, len);
      sqlite3_step (stmt);
      sqlite3_reset (stmt);
    }
  reply_asset_info (req, exists ? 200 : 201, sha256, media_type, len);
}

static void
get_asset (PdRequest  *req,
           const char *sha256)
{
  sqlite3_stmt *stmt = pd_db_prepare (req->tenant->db, "SELECT content_type FROM assets WHERE sha256 = ?");
  const char *media_type = NULL;
  g_autofree char *path = NULL;
  char *contents = NULL;
  gsize len;

  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    for (guint i = 0; i < G_N_ELEMENTS (media_types); i++)
      if (g_str_equal ((const char *) sqlite3_column_text (stmt, 0), media_types[i]))
        media_type = media_types[i];
  sqlite3_reset (stmt);

  path = g_build_filename (req->tenant->dir, "assets", sha256, NULL);
  if (media_type == NULL || !g_file_get_contents (path, &contents, &len, NULL))
    {
      pd_reply_problem (req, 404, "not-found", "There is no such asset in this tenant.", NULL, NULL);
      return;
    }
  pd_reply_bytes (req, 200, media_type, g_bytes_new_take (contents, len));
  req->etag = g_strdup_printf ("\"%s\"", sha256);
}

void
pd_assets_handle (PdRequest  *req,
                  const char *sha256)
{
  if (g_str_equal (req->method, "PUT"))
    put_asset (req, sha256);
  else
    get_asset (req, sha256);
}
