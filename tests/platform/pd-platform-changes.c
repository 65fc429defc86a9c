/* pd-platform-changes.c: the change feed
 *
 * Every change to a record or a voucher takes the next number of the
 * tenant's sequence; the feed lists what changed after a cursor, newest
 * state only, tombstones included. A cursor holds the tenant's generation
 * and a sequence number: one that lags more than the retention behind, or
 * comes from an older state of the server, has expired (410), because
 * tombstones it would need may be gone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-platform-changes"

#include "pd-platform.h"

#include <string.h>

static char *
make_cursor (PdTenant *tenant,
             gint64    seq)
{
  g_autofree char *raw = g_strdup_printf ("F:%s:%" G_GINT64_FORMAT, tenant->generation, seq);

  return pd_cursor_encode (raw);
}

void
pd_changes_handle (PdRequest *req)
{
  PdTenant *tenant = req->tenant;
  const char *since = req->query ? g_hash_table_lookup (req->query, "since") : NULL;
  g_autoptr(GString) out = g_string_sized_new (8192);
  g_autofree char *next = NULL;
  sqlite3_stmt *stmt;
  gint64 after = 0, last = 0;
  guint limit, count = 0;
  gboolean more = FALSE;

  if (!pd_parse_limit (req, &limit))
    return;

  if (since != NULL && *since != '\0')
    {
      g_autofree char *decoded = pd_cursor_decode (since);
      g_auto(GStrv) parts = decoded ? g_strsplit (decoded, ":", 3) : NULL;
      guint64 value;

      if (parts == NULL || g_strv_length (parts) != 3 || !g_str_equal (parts[0], "F") ||
          !g_ascii_string_to_unsigned (parts[2], 10, 0, G_MAXINT64, &value, NULL))
        {
          pd_reply_problem (req, 400, "invalid-cursor", "This cursor was never issued.", NULL, NULL);
          return;
        }
      after = value;
      if (!g_str_equal (parts[1], tenant->generation) || after > tenant->seq ||
          after < tenant->seq - req->platform->feed_retention)
        {
          pd_reply_problem (req, 410, "cursor-expired",
                            "The change feed no longer reaches this cursor: resync from the beginning.",
                            NULL, NULL);
          return;
        }
    }

  stmt = pd_db_prepare (tenant->db,
                        "SELECT kind, id, revision, deleted, json, seq FROM records WHERE seq > ?1 "
                        "UNION ALL "
                        "SELECT 'voucher', code, seq, 0, json_object ('batch_id', batch_id, 'status', status, "
                        "  'redeemed_at', redeemed_at, 'project_id', project_id, 'coins', coins), seq "
                        "FROM vouchers WHERE seq > ?1 "
                        "ORDER BY 6 LIMIT ?2");
  sqlite3_bind_int64 (stmt, 1, after);
  sqlite3_bind_int (stmt, 2, limit + 1);

  g_string_append (out, "{\"changes\":[");
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gboolean deleted = sqlite3_column_int (stmt, 3) != 0;

      if (count == limit ||
          (count > 0 && out->len + sqlite3_column_bytes (stmt, 4) > PD_PAGE_BYTES_MAX))
        {
          more = TRUE;
          break;
        }
      if (count++ > 0)
        g_string_append_c (out, ',');
      /* kinds, UUIDs and voucher codes need no escaping */
      g_string_append_printf (out, "{\"kind\":\"%s\",\"id\":\"%s\",\"revision\":%" G_GINT64_FORMAT ",\"deleted\":%s",
                              sqlite3_column_text (stmt, 0), sqlite3_column_text (stmt, 1),
                              (gint64) sqlite3_column_int64 (stmt, 2), deleted ? "true" : "false");
      if (!deleted)
        g_string_append_printf (out, ",\"record\":%s", sqlite3_column_text (stmt, 4));
      g_string_append_c (out, '}');
      last = sqlite3_column_int64 (stmt, 5);
    }
  sqlite3_reset (stmt);

  next = make_cursor (tenant, more ? last : MAX (after, tenant->seq));
  g_string_append_printf (out, "],\"next_cursor\":\"%s\",\"has_more\":%s}", next, more ? "true" : "false");
  pd_reply_take_json (req, 200, g_string_free (g_steal_pointer (&out), FALSE));
}
