/* pd-platform-campaigns.c: publishing a campaign and its results
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-platform-campaigns"

#include "pd-platform.h"

#include <string.h>

static GDateTime *
parse_time (JsonObject *object,
            const char *member)
{
  const char *text = pd_json_string (object, member);

  return text != NULL ? g_date_time_new_from_iso8601 (text, NULL) : NULL;
}

/* The checks a campaign passes before donors may see it. */
static JsonArray *
check_publishable (PdTenant   *tenant,
                   JsonObject *campaign)
{
  JsonArray *errors = json_array_new ();
  g_autoptr(GDateTime) starts = parse_time (campaign, "starts_at");
  g_autoptr(GDateTime) ends = parse_time (campaign, "ends_at");
  g_autoptr(GDateTime) now = pd_platform_now_utc ();
  JsonNode *projects = json_object_get_member (campaign, "projects");
  JsonNode *texts = json_object_get_member (campaign, "texts");
  const char *language = pd_json_string (campaign, "default_language");
  JsonObject *text = NULL;

  if (starts == NULL || ends == NULL || g_date_time_compare (ends, starts) <= 0)
    pd_field_error (errors, "ends_at", "must come after starts_at");
  else if (g_date_time_compare (ends, now) <= 0)
    pd_field_error (errors, "ends_at", "must be in the future");

  if (pd_json_int (campaign, "voucher_budget_coins", 0) <= 0)
    pd_field_error (errors, "voucher_budget_coins", "must be above 0");

  if (projects == NULL || !JSON_NODE_HOLDS_ARRAY (projects) ||
      json_array_get_length (json_node_get_array (projects)) == 0)
    {
      pd_field_error (errors, "projects", "needs at least one project");
    }
  else
    {
      JsonArray *items = json_node_get_array (projects);

      for (guint i = 0; i < json_array_get_length (items); i++)
        {
          const char *id = pd_json_string (json_array_get_object_element (items, i), "project_id");
          g_autofree char *project = pd_records_get_json (tenant, "project", id, NULL);

          if (project == NULL)
            {
              g_autofree char *field = g_strdup_printf ("projects[%u].project_id", i);

              pd_field_error (errors, field, "names no project of this tenant");
            }
        }
    }

  if (texts != NULL && JSON_NODE_HOLDS_OBJECT (texts) && language != NULL)
    {
      JsonNode *node = json_object_get_member (json_node_get_object (texts), language);

      text = node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
    }
  if (text == NULL || pd_json_string (text, "title") == NULL || *pd_json_string (text, "title") == '\0')
    {
      g_autofree char *field = g_strdup_printf ("texts.%s.title", language ? language : "default");

      pd_field_error (errors, field, "is needed in the default language");
    }
  if (text == NULL || pd_json_string (text, "intro") == NULL || *pd_json_string (text, "intro") == '\0')
    {
      g_autofree char *field = g_strdup_printf ("texts.%s.intro", language ? language : "default");

      pd_field_error (errors, field, "is needed in the default language");
    }
  return errors;
}

void
pd_campaigns_handle_publish (PdRequest  *req,
                             const char *id,
                             gboolean    publish)
{
  gint64 revision = 0;
  g_autofree char *current = pd_records_get_json (req->tenant, "campaign", id, &revision);
  g_autoptr(JsonNode) node = NULL;
  JsonObject *campaign;
  const char *status = "draft";
  const char *old_status;

  if (current == NULL)
    {
      pd_reply_problem (req, 404, "not-found", "There is no such campaign in this tenant.", NULL, NULL);
      return;
    }
  if (!pd_records_check_if_match (req, revision, current))
    return;

  node = pd_json_from_string (current);
  campaign = json_node_get_object (node);
  old_status = pd_json_string (campaign, "status");

  if (publish)
    {
      JsonArray *errors = check_publishable (req->tenant, campaign);
      g_autoptr(GDateTime) starts = parse_time (campaign, "starts_at");
      g_autoptr(GDateTime) now = pd_platform_now_utc ();

      if (json_array_get_length (errors) > 0)
        {
          pd_reply_problem (req, 422, "not-publishable", "The campaign is not ready to publish.", errors, NULL);
          return;
        }
      json_array_unref (errors);
      status = g_date_time_compare (starts, now) > 0 ? "scheduled" : "live";
    }

  if (g_strcmp0 (old_status, status) == 0)
    {
      pd_reply_take_json (req, 200, g_steal_pointer (&current));
      pd_reply_set_etag (req, revision);
      return;
    }

  json_object_remove_member (campaign, "id");
  json_object_remove_member (campaign, "revision");
  json_object_remove_member (campaign, "updated_at");
  json_object_set_string_member (campaign, "status", status);
  {
    char *json = NULL;

    pd_records_put (req->tenant, "campaign", id, campaign, revision + 1, &json);
    pd_reply_take_json (req, 200, json);
  }
  pd_reply_set_etag (req, revision + 1);
}

/* Whether vouchers were issued for the campaign: a batch of it that was
 * not deleted. Its codes may be printed before a single one is uploaded,
 * so the batch counts, not the codes stored. */
gboolean
pd_campaigns_has_vouchers (PdTenant   *tenant,
                           const char *id)
{
  sqlite3_stmt *stmt = pd_db_prepare (tenant->db,
                                      "SELECT 1 FROM records WHERE kind = 'voucher-batch' AND deleted = 0 "
                                      "  AND json_extract (json, '$.campaign_id') = ? LIMIT 1");
  gboolean found;

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return found;
}

static int
compare_days (gconstpointer a,
              gconstpointer b,
              gpointer      data)
{
  return strcmp (a, b);
}

typedef struct
{
  gint64 redemptions;
  gint64 coins;
} DayTotals;

/* Adds @value to *@total; TRUE when the sum does not fit. */
static gboolean
add_overflows (gint64 *total,
               gint64  value)
{
  return __builtin_add_overflow (*total, value, total);
}

void
pd_campaigns_handle_stats (PdRequest  *req,
                           const char *id)
{
  PdDb *db = req->tenant->db;
  g_autofree char *current = pd_records_get_json (req->tenant, "campaign", id, NULL);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GHashTable) coins_by_project = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GTree) days = g_tree_new_full (compare_days, NULL, g_free, g_free);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *now_text = pd_now_rfc3339 ();
  JsonObject *campaign;
  JsonNode *projects_node;
  sqlite3_stmt *stmt;
  gint64 issued = 0, redeemed = 0, expired = 0, coins_redeemed = 0, unredeemed_coins = 0;
  gint64 coin_value;
  const char *currency;
  gboolean overflow = FALSE;

  if (current == NULL)
    {
      pd_reply_problem (req, 404, "not-found", "There is no such campaign in this tenant.", NULL, NULL);
      return;
    }
  node = pd_json_from_string (current);
  campaign = json_node_get_object (node);
  coin_value = pd_json_int (campaign, "coin_value_micros", 0);
  currency = pd_json_string (campaign, "currency");

  stmt = pd_db_prepare (db,
                        "SELECT v.status, COUNT(*), SUM(v.coins), "
                        "  julianday (json_extract (r.json, '$.expires_at')) < julianday (?2) AS batch_expired, "
                        "  json_extract (r.json, '$.coins_per_voucher') "
                        "FROM records r JOIN vouchers v ON v.batch_id = r.id "
                        "WHERE r.kind = 'voucher-batch' AND r.deleted = 0 "
                        "  AND json_extract (r.json, '$.campaign_id') = ?1 "
                        "GROUP BY r.id, v.status");
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, now_text, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *status = (const char *) sqlite3_column_text (stmt, 0);
      gint64 n = sqlite3_column_int64 (stmt, 1);
      gboolean batch_expired = sqlite3_column_int (stmt, 3) != 0;

      gint64 unredeemed;

      overflow |= add_overflows (&issued, n);
      if (g_str_equal (status, "redeemed"))
        {
          overflow |= add_overflows (&redeemed, n);
          overflow |= add_overflows (&coins_redeemed, sqlite3_column_int64 (stmt, 2));
        }
      else if (g_str_equal (status, "expired") || batch_expired)
        {
          overflow |= add_overflows (&expired, n);
        }
      else
        {
          overflow |= __builtin_mul_overflow (n, sqlite3_column_int64 (stmt, 4), &unredeemed);
          overflow |= add_overflows (&unredeemed_coins, unredeemed);
        }
    }
  /* SQLite's SUM() stops with an error where an integer sum overflows */
  overflow |= sqlite3_reset (stmt) != SQLITE_OK;

  stmt = pd_db_prepare (db,
                        "SELECT v.project_id, substr (v.redeemed_at, 1, 10), COUNT(*), SUM(v.coins) "
                        "FROM records r JOIN vouchers v ON v.batch_id = r.id "
                        "WHERE r.kind = 'voucher-batch' AND r.deleted = 0 "
                        "  AND json_extract (r.json, '$.campaign_id') = ? AND v.status = 'redeemed' "
                        "GROUP BY v.project_id, 2");
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *project_id = (const char *) sqlite3_column_text (stmt, 0);
      const char *day = (const char *) sqlite3_column_text (stmt, 1);
      DayTotals *totals = g_tree_lookup (days, day);
      gint64 coins = sqlite3_column_int64 (stmt, 3);

      if (totals == NULL)
        {
          totals = g_new0 (DayTotals, 1);
          g_tree_insert (days, g_strdup (day), totals);
        }
      overflow |= add_overflows (&totals->redemptions, sqlite3_column_int64 (stmt, 2));
      overflow |= add_overflows (&totals->coins, coins);
      {
        gint64 project_coins = GPOINTER_TO_SIZE (g_hash_table_lookup (coins_by_project, project_id));

        overflow |= add_overflows (&project_coins, coins);
        g_hash_table_insert (coins_by_project, g_strdup (project_id), GSIZE_TO_POINTER (project_coins));
      }
    }
  overflow |= sqlite3_reset (stmt) != SQLITE_OK;

  /* a payout is coins × coin value; a wrapped product would be a wrong
   * amount of money that looks right, so no answer is better */
  projects_node = json_object_get_member (campaign, "projects");
  for (guint i = 0; projects_node && i < json_array_get_length (json_node_get_array (projects_node)); i++)
    {
      JsonObject *item = json_array_get_object_element (json_node_get_array (projects_node), i);
      gint64 coins = GPOINTER_TO_SIZE (g_hash_table_lookup (coins_by_project, pd_json_string (item, "project_id")));
      gint64 amount;

      overflow |= __builtin_mul_overflow (coins, coin_value, &amount);
    }
  if (overflow)
    {
      g_message ("Campaign %s of tenant %s: its results overflow 64 bits", id, req->tenant->id);
      pd_reply_problem (req, 500, "internal-error", "The results of this campaign are too large to count.",
                        NULL, NULL);
      return;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "campaign_id");
  json_builder_add_string_value (builder, id);
  json_builder_set_member_name (builder, "vouchers_issued");
  json_builder_add_int_value (builder, issued);
  json_builder_set_member_name (builder, "vouchers_redeemed");
  json_builder_add_int_value (builder, redeemed);
  json_builder_set_member_name (builder, "vouchers_expired");
  json_builder_add_int_value (builder, expired);
  json_builder_set_member_name (builder, "coins_redeemed");
  json_builder_add_int_value (builder, coins_redeemed);
  json_builder_set_member_name (builder, "unredeemed_coins");
  json_builder_add_int_value (builder, unredeemed_coins);

  json_builder_set_member_name (builder, "projects");
  json_builder_begin_array (builder);
  for (guint i = 0; projects_node && i < json_array_get_length (json_node_get_array (projects_node)); i++)
    {
      JsonObject *item = json_array_get_object_element (json_node_get_array (projects_node), i);
      const char *project_id = pd_json_string (item, "project_id");

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "project_id");
      json_builder_add_string_value (builder, project_id);
      json_builder_set_member_name (builder, "coins");
      json_builder_add_int_value (builder, GPOINTER_TO_SIZE (g_hash_table_lookup (coins_by_project, project_id)));
      json_builder_set_member_name (builder, "target_coins");
      json_builder_add_int_value (builder, pd_json_int (item, "target_coins", 0));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "timeline");
  json_builder_begin_array (builder);
  {
    GTreeNode *day = g_tree_node_first (days);

    for (; day != NULL; day = g_tree_node_next (day))
      {
        DayTotals *totals = g_tree_node_value (day);

        json_builder_begin_object (builder);
        json_builder_set_member_name (builder, "date");
        json_builder_add_string_value (builder, g_tree_node_key (day));
        json_builder_set_member_name (builder, "redemptions");
        json_builder_add_int_value (builder, totals->redemptions);
        json_builder_set_member_name (builder, "coins");
        json_builder_add_int_value (builder, totals->coins);
        json_builder_end_object (builder);
      }
  }
  json_builder_end_array (builder);

  /* a project that reached its target is paid out at the coin value */
  json_builder_set_member_name (builder, "payouts_due");
  json_builder_begin_array (builder);
  for (guint i = 0; projects_node && i < json_array_get_length (json_node_get_array (projects_node)); i++)
    {
      JsonObject *item = json_array_get_object_element (json_node_get_array (projects_node), i);
      const char *project_id = pd_json_string (item, "project_id");
      gint64 coins = GPOINTER_TO_SIZE (g_hash_table_lookup (coins_by_project, project_id));

      if (coins < pd_json_int (item, "target_coins", G_MAXINT64))
        continue;
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "project_id");
      json_builder_add_string_value (builder, project_id);
      json_builder_set_member_name (builder, "amount_micros");
      json_builder_add_int_value (builder, coins * coin_value);
      json_builder_set_member_name (builder, "currency");
      json_builder_add_string_value (builder, currency);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "generated_at");
  json_builder_add_string_value (builder, now_text);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  pd_reply_node (req, 200, root);
}
