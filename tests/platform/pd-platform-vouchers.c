/* pd-platform-vouchers.c: voucher codes and their redemption
 *
 * Codes arrive in numbered chunks. Sending a chunk again is harmless: codes
 * already stored for the same batch and chunk count as accepted, so a client
 * that lost the answer may simply retry. A code stored anywhere else in the
 * tenant is refused, and then the whole chunk is refused.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-platform-vouchers"

#include "pd-platform.h"

#include <string.h>

#define MAX_REPORTED_ERRORS 100

static gboolean
is_code (const char *code)
{
  if (code == NULL || strlen (code) != 19)
    return FALSE;
  for (guint i = 0; i < 19; i++)
    {
      if (i % 5 == 4 ? code[i] != '-' : !(g_ascii_isdigit (code[i]) || g_ascii_isupper (code[i])))
        return FALSE;
    }
  return TRUE;
}

static void
reply_invalid (PdRequest *req,
               JsonArray *errors)
{
  pd_reply_problem (req, 422, "validation-failed", "The chunk was not stored.", errors, NULL);
}

void
pd_vouchers_handle_codes (PdRequest  *req,
                          const char *batch_id)
{
  PdDb *db = req->tenant->db;
  JsonObject *body = json_node_get_object (req->json);
  JsonNode *codes_node = json_object_get_member (body, "codes");
  g_autofree char *batch_json = pd_records_get_json (req->tenant, "voucher-batch", batch_id, NULL);
  g_autoptr(JsonNode) batch = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) fresh = g_ptr_array_new ();
  JsonArray *errors = json_array_new ();
  JsonObject *answer;
  g_autoptr(JsonNode) node = NULL;
  JsonArray *codes;
  gint64 chunk = pd_json_int (body, "chunk", -1);
  gint64 count, total;
  guint n_errors = 0;

  if (batch_json == NULL)
    {
      json_array_unref (errors);
      pd_reply_problem (req, 404, "not-found", "There is no such voucher batch in this tenant.", NULL, NULL);
      return;
    }
  batch = pd_json_from_string (batch_json);
  count = pd_json_int (json_node_get_object (batch), "count", 0);

  if (chunk < 0)
    pd_field_error (errors, "chunk", "must be a whole number from 0");
  if (codes_node == NULL || !JSON_NODE_HOLDS_ARRAY (codes_node))
    pd_field_error (errors, "codes", "must be a list of codes");
  else if (json_array_get_length (json_node_get_array (codes_node)) > PD_CODES_PER_CHUNK_MAX)
    pd_field_error (errors, "codes", "may hold at most %d codes", PD_CODES_PER_CHUNK_MAX);
  if (json_array_get_length (errors) > 0)
    {
      reply_invalid (req, errors);
      return;
    }

  codes = json_node_get_array (codes_node);
  for (guint i = 0; i < json_array_get_length (codes) && n_errors < MAX_REPORTED_ERRORS; i++)
    {
      JsonNode *element = json_array_get_element (codes, i);
      const char *code = JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING
                         ? json_node_get_string (element) : NULL;
      g_autofree char *field = g_strdup_printf ("codes[%u]", i);
      sqlite3_stmt *stmt;

      if (!is_code (code))
        {
          pd_field_error (errors, field, "must look like XXXX-XXXX-XXXX-XXXX (digits and capital letters)");
          n_errors++;
          continue;
        }
      if (!g_hash_table_add (seen, (gpointer) code))
        {
          pd_field_error (errors, field, "%s is listed twice", code);
          n_errors++;
          continue;
        }

      stmt = pd_db_prepare (db, "SELECT batch_id, chunk FROM vouchers WHERE code = ?");
      sqlite3_bind_text (stmt, 1, code, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          if (!g_str_equal ((const char *) sqlite3_column_text (stmt, 0), batch_id) ||
              sqlite3_column_int64 (stmt, 1) != chunk)
            {
              pd_field_error (errors, field, "%s is already used in this tenant", code);
              n_errors++;
            }
        }
      else
        {
          g_ptr_array_add (fresh, (gpointer) code);
        }
      sqlite3_reset (stmt);
    }

  total = pd_db_query_int (db, "SELECT COUNT(*) FROM vouchers WHERE batch_id = ?", batch_id);
  if (n_errors == 0 && total + fresh->len > count)
    pd_field_error (errors, "codes", "the batch holds %" G_GINT64_FORMAT " codes; this chunk would make it %" G_GINT64_FORMAT,
                    count, total + (gint64) fresh->len);
  if (json_array_get_length (errors) > 0)
    {
      reply_invalid (req, errors);
      return;
    }
  json_array_unref (errors);

  pd_db_begin (db);
  for (guint i = 0; i < fresh->len; i++)
    {
      sqlite3_stmt *stmt = pd_db_prepare (db, "INSERT INTO vouchers (code, batch_id, chunk) VALUES (?, ?, ?)");

      sqlite3_bind_text (stmt, 1, g_ptr_array_index (fresh, i), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, batch_id, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, chunk);
      sqlite3_step (stmt);
      sqlite3_reset (stmt);
    }
  pd_db_commit (db);

  answer = json_object_new ();
  json_object_set_int_member (answer, "accepted", json_array_get_length (codes));
  json_object_set_int_member (answer, "total", total + fresh->len);
  node = json_node_init_object (json_node_alloc (), answer);
  json_object_unref (answer);
  pd_reply_node (req, 200, node);
}

void
pd_vouchers_delete_batch (PdTenant   *tenant,
                          const char *batch_id)
{
  sqlite3_stmt *stmt = pd_db_prepare (tenant->db, "DELETE FROM vouchers WHERE batch_id = ? AND status != 'redeemed'");

  sqlite3_bind_text (stmt, 1, batch_id, -1, SQLITE_STATIC);
  sqlite3_step (stmt);
  sqlite3_reset (stmt);
}

static void
set_status (PdTenant   *tenant,
            const char *code,
            const char *status,
            const char *redeemed_at,
            const char *project_id,
            gint64      coins)
{
  sqlite3_stmt *stmt = pd_db_prepare (tenant->db,
                                      "UPDATE vouchers SET status = ?, redeemed_at = ?, project_id = ?, "
                                      "coins = ?, seq = ? WHERE code = ?");

  sqlite3_bind_text (stmt, 1, status, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, redeemed_at, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, project_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, coins);
  sqlite3_bind_int64 (stmt, 5, pd_tenant_next_seq (tenant));
  sqlite3_bind_text (stmt, 6, code, -1, SQLITE_STATIC);
  sqlite3_step (stmt);
  sqlite3_reset (stmt);
}

/* Expires @code early, as the platform's staff might; FALSE unless it
 * was issued (redeemed codes stay redeemed). */
gboolean
pd_vouchers_expire (PdTenant   *tenant,
                    const char *code)
{
  sqlite3_stmt *stmt = pd_db_prepare (tenant->db, "SELECT status FROM vouchers WHERE code = ?");
  gboolean issued = FALSE;

  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    issued = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "issued") == 0;
  sqlite3_reset (stmt);
  if (issued)
    set_status (tenant, code, "expired", NULL, NULL, 0);
  return issued;
}

/* Redeems @code for @project_id (NULL: a project of the campaign at random),
 * as a donor on the campaign page would. */
gboolean
pd_vouchers_redeem (PdPlatform  *platform,
                    PdTenant    *tenant,
                    const char  *code,
                    const char  *project_id,
                    JsonNode   **result,
                    GError     **error)
{
  sqlite3_stmt *stmt = pd_db_prepare (tenant->db, "SELECT batch_id, status FROM vouchers WHERE code = ?");
  g_autofree char *batch_id = NULL;
  g_autofree char *status = NULL;
  g_autofree char *batch_json = NULL;
  g_autofree char *campaign_json = NULL;
  g_autofree char *now = pd_now_rfc3339 ();
  g_autoptr(JsonNode) batch = NULL;
  g_autoptr(JsonNode) campaign = NULL;
  g_autoptr(GDateTime) expires = NULL;
  g_autoptr(GDateTime) now_dt = pd_platform_now_utc ();
  JsonObject *batch_object, *campaign_object, *answer;
  JsonNode *projects_node;
  JsonArray *projects;
  const char *chosen = NULL;
  gint64 coins;

  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      batch_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      status = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);
  if (batch_id == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "No voucher %s", code);
      return FALSE;
    }
  if (!g_str_equal (status, "issued"))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, "Voucher %s is %s", code, status);
      return FALSE;
    }

  batch_json = pd_records_get_json (tenant, "voucher-batch", batch_id, NULL);
  if (batch_json == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "The batch of %s is gone", code);
      return FALSE;
    }
  batch = pd_json_from_string (batch_json);
  batch_object = json_node_get_object (batch);
  coins = pd_json_int (batch_object, "coins_per_voucher", 0);
  expires = g_date_time_new_from_iso8601 (pd_json_string (batch_object, "expires_at"), NULL);
  if (expires != NULL && g_date_time_compare (expires, now_dt) <= 0)
    {
      set_status (tenant, code, "expired", NULL, NULL, 0);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "Voucher %s has expired", code);
      return FALSE;
    }

  campaign_json = pd_records_get_json (tenant, "campaign", pd_json_string (batch_object, "campaign_id"), NULL);
  campaign = campaign_json ? pd_json_from_string (campaign_json) : NULL;
  campaign_object = campaign ? json_node_get_object (campaign) : NULL;
  if (campaign_object == NULL || g_strcmp0 (pd_json_string (campaign_object, "status"), "live") != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED, "The campaign of %s is not live", code);
      return FALSE;
    }

  projects_node = json_object_get_member (campaign_object, "projects");
  projects = projects_node && JSON_NODE_HOLDS_ARRAY (projects_node) ? json_node_get_array (projects_node) : NULL;
  for (guint i = 0; projects != NULL && i < json_array_get_length (projects); i++)
    {
      const char *id = pd_json_string (json_array_get_object_element (projects, i), "project_id");

      if (project_id != NULL && g_strcmp0 (id, project_id) == 0)
        chosen = id;
    }
  if (project_id == NULL && projects != NULL && json_array_get_length (projects) > 0)
    {
      guint n = json_array_get_length (projects);
      /* earlier projects draw more donors, as the first tiles of a page do */
      guint pick = MIN (g_rand_int_range (platform->rand, 0, n), g_rand_int_range (platform->rand, 0, n));

      chosen = pd_json_string (json_array_get_object_element (projects, pick), "project_id");
    }
  if (chosen == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "The project is not part of the campaign");
      return FALSE;
    }

  set_status (tenant, code, "redeemed", now, chosen, coins);

  answer = json_object_new ();
  json_object_set_string_member (answer, "code", code);
  json_object_set_string_member (answer, "batch_id", batch_id);
  json_object_set_string_member (answer, "campaign_id", pd_json_string (batch_object, "campaign_id"));
  json_object_set_string_member (answer, "project_id", chosen);
  json_object_set_int_member (answer, "coins", coins);
  json_object_set_string_member (answer, "redeemed_at", now);
  *result = json_node_init_object (json_node_alloc (), answer);
  json_object_unref (answer);
  return TRUE;
}
