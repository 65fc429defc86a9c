/* pd-platform-donors.c: the passing of time on the platform
 *
 * Once a second, scheduled campaigns whose start has come go live and live
 * campaigns whose end has passed end. With --simulate-donors N, donors
 * redeem about N vouchers a second of live campaigns, so the results views
 * of the app have live data to show.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-platform-donors"

#include "pd-platform.h"

#define TICK_MS 100

static void
advance_campaigns (PdTenant *tenant)
{
  sqlite3_stmt *stmt = pd_db_prepare (tenant->db,
                                      "SELECT id, revision, json FROM records WHERE kind = 'campaign' AND deleted = 0 AND ("
                                      " (json_extract (json, '$.status') = 'scheduled' "
                                      "   AND julianday (json_extract (json, '$.starts_at')) <= julianday (?1)) OR "
                                      " (json_extract (json, '$.status') IN ('scheduled', 'live') "
                                      "   AND julianday (json_extract (json, '$.ends_at')) <= julianday (?1)))");
  g_autoptr(GPtrArray) due = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *now_text = pd_now_rfc3339 ();

  /* SQLite's 'now' would read the clock behind pd_platform_now_utc()'s back */
  sqlite3_bind_text (stmt, 1, now_text, -1, SQLITE_TRANSIENT);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_ptr_array_add (due, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      g_ptr_array_add (due, g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, 1)));
      g_ptr_array_add (due, g_strdup ((const char *) sqlite3_column_text (stmt, 2)));
    }
  sqlite3_reset (stmt);

  for (guint i = 0; i + 2 < due->len; i += 3)
    {
      g_autoptr(JsonNode) node = pd_json_from_string (g_ptr_array_index (due, i + 2));
      JsonObject *campaign = json_node_get_object (node);
      g_autoptr(GDateTime) ends = g_date_time_new_from_iso8601 (pd_json_string (campaign, "ends_at"), NULL);
      g_autoptr(GDateTime) now = pd_platform_now_utc ();
      gboolean ended = ends != NULL && g_date_time_compare (ends, now) <= 0;

      json_object_remove_member (campaign, "id");
      json_object_remove_member (campaign, "revision");
      json_object_remove_member (campaign, "updated_at");
      json_object_set_string_member (campaign, "status", ended ? "ended" : "live");
      pd_records_put (tenant, "campaign", g_ptr_array_index (due, i),
                      campaign, g_ascii_strtoll (g_ptr_array_index (due, i + 1), NULL, 10) + 1, NULL);
    }
}

/* Codes of expired batches turn "expired", a bounded number per tick, so
 * the change feed reports them without one huge transaction. */
static void
expire_vouchers (PdTenant *tenant)
{
  sqlite3_stmt *stmt = pd_db_prepare (tenant->db,
                                      "SELECT v.code FROM vouchers v JOIN records b ON b.id = v.batch_id "
                                      "WHERE b.kind = 'voucher-batch' AND b.deleted = 0 AND v.status = 'issued' "
                                      "AND julianday (json_extract (b.json, '$.expires_at')) < julianday (?1) "
                                      "LIMIT 500");
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *now_text = pd_now_rfc3339 ();

  sqlite3_bind_text (stmt, 1, now_text, -1, SQLITE_TRANSIENT);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (codes, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);

  for (guint i = 0; i < codes->len; i++)
    {
      stmt = pd_db_prepare (tenant->db, "UPDATE vouchers SET status = 'expired', seq = ? WHERE code = ?");
      sqlite3_bind_int64 (stmt, 1, pd_tenant_next_seq (tenant));
      sqlite3_bind_text (stmt, 2, g_ptr_array_index (codes, i), -1, SQLITE_STATIC);
      sqlite3_step (stmt);
      sqlite3_reset (stmt);
    }
}

static gboolean
redeem_one (PdPlatform *platform,
            PdTenant   *tenant)
{
  static const char alphabet[] = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";
  static const char sql[] =
                                      "SELECT v.code FROM vouchers v WHERE v.status = 'issued' AND v.code >= ? "
                                      "AND v.batch_id IN (SELECT b.id FROM records b WHERE b.kind = 'voucher-batch' "
                                      "  AND b.deleted = 0 AND json_extract (b.json, '$.campaign_id') IN "
                                      "  (SELECT c.id FROM records c WHERE c.kind = 'campaign' AND c.deleted = 0 "
                                      "   AND json_extract (c.json, '$.status') = 'live')) "
                                      "ORDER BY v.code LIMIT 1";
  sqlite3_stmt *stmt;
  g_autofree char *code = NULL;
  g_autoptr(JsonNode) result = NULL;
  char start[3] = { 0 };

  start[0] = alphabet[g_rand_int_range (platform->rand, 0, sizeof alphabet - 1)];
  start[1] = alphabet[g_rand_int_range (platform->rand, 0, sizeof alphabet - 1)];
  for (guint attempt = 0; attempt < 2 && code == NULL; attempt++)
    {
      stmt = pd_db_prepare (tenant->db, sql);
      sqlite3_bind_text (stmt, 1, attempt == 0 ? start : "", -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        code = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      sqlite3_reset (stmt);
    }
  if (code == NULL)
    return FALSE;
  return pd_vouchers_redeem (platform, tenant, code, NULL, &result, NULL);
}

static gboolean
on_tick_cb (gpointer data)
{
  PdPlatform *platform = data;
  static guint ticks;
  GHashTableIter iter;
  PdTenant *tenant;
  guint n;

  platform->donor_credit += platform->donor_rate * TICK_MS / 1000.0;
  n = (guint) platform->donor_credit;
  platform->donor_credit -= n;
  ticks++;

  g_hash_table_iter_init (&iter, platform->tenants);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &tenant))
    {
      if (ticks % (1000 / TICK_MS) == 0)
        {
          pd_db_begin (tenant->db);
          advance_campaigns (tenant);
          expire_vouchers (tenant);
          pd_db_commit (tenant->db);
        }
      if (n == 0)
        continue;
      pd_db_begin (tenant->db);
      for (guint i = 0; i < n; i++)
        if (!redeem_one (platform, tenant))
          break;
      pd_db_commit (tenant->db);
    }
  return G_SOURCE_CONTINUE;
}

void
pd_donors_start (PdPlatform *platform)
{
  platform->donor_source = g_timeout_add (TICK_MS, on_tick_cb, platform);
}
