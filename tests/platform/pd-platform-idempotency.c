/* pd-platform-idempotency.c: replaying retried requests
 *
 * The first answer to a request with an Idempotency-Key is kept (per tenant,
 * for 30 days: a desktop client may stay offline for weeks) together with a
 * hash of the method, path and body. A retry gets that answer again and
 * changes nothing; the same key on another request is refused.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-platform-idempotency"

#include "pd-platform.h"

#include <string.h>

static char *
request_hash (PdRequest *req)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  gsize len = 0;
  const guchar *data = req->body != NULL ? g_bytes_get_data (req->body, &len) : NULL;

  g_checksum_update (checksum, (const guchar *) req->method, -1);
  g_checksum_update (checksum, (const guchar *) "\n", 1);
  g_checksum_update (checksum, (const guchar *) req->path, -1);
  g_checksum_update (checksum, (const guchar *) "\n", 1);
  if (data != NULL)
    g_checksum_update (checksum, data, len);
  return g_strdup (g_checksum_get_string (checksum));
}

gboolean
pd_idempotency_replay (PdRequest  *req,
                       const char *key)
{
  sqlite3_stmt *stmt = pd_db_prepare (req->tenant->db,
                                      "SELECT request_hash, status, content_type, etag, body "
                                      "FROM idempotency WHERE key = ?");
  g_autofree char *hash = request_hash (req);
  gboolean handled = FALSE;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      handled = TRUE;
      if (!g_str_equal ((const char *) sqlite3_column_text (stmt, 0), hash))
        {
          sqlite3_reset (stmt);
          pd_reply_problem (req, 422, "idempotency-key-reused",
                            "This Idempotency-Key was used for a different request.", NULL, NULL);
          return TRUE;
        }
      else
        {
          const char *content_type = (const char *) sqlite3_column_text (stmt, 2);
          const void *body = sqlite3_column_blob (stmt, 4);
          int len = sqlite3_column_bytes (stmt, 4);

          /* content types are one of a few literals; map back to them */
          if (content_type == NULL)
            req->content_type = NULL;
          else if (g_str_equal (content_type, "application/problem+json"))
            req->content_type = "application/problem+json";
          else
            req->content_type = "application/json";
          req->status = sqlite3_column_int (stmt, 1);
          g_clear_pointer (&req->reply_body, g_bytes_unref);
          req->reply_body = body != NULL ? g_bytes_new (body, len) : NULL;
          g_free (req->etag);
          req->etag = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
          req->replayed = TRUE;
        }
    }
  sqlite3_reset (stmt);
  return handled;
}

void
pd_idempotency_store (PdRequest  *req,
                      const char *key)
{
  sqlite3_stmt *stmt = pd_db_prepare (req->tenant->db,
                                      "INSERT OR IGNORE INTO idempotency "
                                      "(key, request_hash, status, content_type, etag, body, created_at) "
                                      "VALUES (?, ?, ?, ?, ?, ?, ?)");
  g_autofree char *hash = request_hash (req);
  gsize len = 0;
  const void *body = req->reply_body != NULL ? g_bytes_get_data (req->reply_body, &len) : NULL;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, hash, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, req->status);
  sqlite3_bind_text (stmt, 4, req->content_type, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, req->etag, -1, SQLITE_STATIC);
  if (body != NULL)
    sqlite3_bind_blob (stmt, 6, body, len, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 7, pd_platform_now_unix ());
  sqlite3_step (stmt);
  sqlite3_reset (stmt);
}

void
pd_idempotency_expire (PdTenant *tenant)
{
  sqlite3_stmt *stmt = pd_db_prepare (tenant->db, "DELETE FROM idempotency WHERE created_at < ?");

  sqlite3_bind_int64 (stmt, 1, pd_platform_now_unix () - PD_IDEMPOTENCY_KEEP_SECONDS);
  sqlite3_step (stmt);
  sqlite3_reset (stmt);
}
