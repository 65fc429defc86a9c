/* pd-store-records.c: records to and from their typed tables
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-store"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-json.h"
#include "pd-store-private.h"

const char *
_pd_store_table_for_kind (const char *kind)
{
  if (g_strcmp0 (kind, "campaign") == 0)
    return "campaigns";
  if (g_strcmp0 (kind, "project") == 0)
    return "projects";
  if (g_strcmp0 (kind, "theme") == 0)
    return "themes";
  if (g_strcmp0 (kind, "voucher-batch") == 0)
    return "voucher_batches";
  return NULL;
}

static void
bind_date (sqlite3_stmt *stmt,
           int           index,
           GDateTime    *date_time)
{
  g_autofree char *text = date_time != NULL ? pd_json_format_date_time (date_time) : NULL;

  _pd_store_bind_text (stmt, index, text);
}

static char *
node_to_string (JsonNode *node)
{
  return json_to_string (node, FALSE);
}

/* --- Campaigns ---------------------------------------------------------- */

static gboolean
write_campaign (PdStore     *self,
                PdCampaign  *campaign,
                GError     **error)
{
  static const char * const clear[] = {
    "DELETE FROM campaign_texts WHERE campaign_id = ?1",
    "DELETE FROM campaign_projects WHERE campaign_id = ?1",
    "DELETE FROM page_blocks WHERE campaign_id = ?1",
  };
  const char *id = pd_record_get_id (PD_RECORD (campaign));
  GListModel *list;
  sqlite3_stmt *stmt;
  guint n;

  stmt = _pd_store_prepare (self,
    "INSERT INTO campaigns (id, name, slug, status, starts_at, ends_at, time_zone, currency,"
    " coin_value_micros, voucher_budget_coins, funding_type, theme_id, default_language)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"
    " ON CONFLICT (id) DO UPDATE SET name = ?2, slug = ?3, status = ?4, starts_at = ?5,"
    " ends_at = ?6, time_zone = ?7, currency = ?8, coin_value_micros = ?9,"
    " voucher_budget_coins = ?10, funding_type = ?11, theme_id = ?12, default_language = ?13", error);
  if (stmt == NULL)
    return FALSE;
  _pd_store_bind_text (stmt, 1, id);
  _pd_store_bind_text (stmt, 2, pd_campaign_get_name (campaign));
  _pd_store_bind_text (stmt, 3, pd_campaign_get_slug (campaign));
  _pd_store_bind_text (stmt, 4, pd_enum_to_string (PD_TYPE_CAMPAIGN_STATUS, pd_campaign_get_status (campaign)));
  bind_date (stmt, 5, pd_campaign_get_starts_at (campaign));
  bind_date (stmt, 6, pd_campaign_get_ends_at (campaign));
  _pd_store_bind_text (stmt, 7, pd_campaign_get_time_zone (campaign));
  _pd_store_bind_text (stmt, 8, pd_campaign_get_currency (campaign));
  sqlite3_bind_int64 (stmt, 9, pd_campaign_get_coin_value_micros (campaign));
  sqlite3_bind_int64 (stmt, 10, pd_campaign_get_voucher_budget_coins (campaign));
  _pd_store_bind_text (stmt, 11, pd_enum_to_string (PD_TYPE_FUNDING_TYPE, pd_campaign_get_funding_type (campaign)));
  _pd_store_bind_text (stmt, 12, pd_campaign_get_theme_id (campaign));
  _pd_store_bind_text (stmt, 13, pd_campaign_get_default_language (campaign));
  if (!_pd_store_step_done (self, stmt, error))
    return FALSE;

  /* Relations are replaced as a whole: they are small, and it makes
   * reordering the same write as any other edit. */
  for (guint i = 0; i < G_N_ELEMENTS (clear); i++)
    {
      stmt = _pd_store_prepare (self, clear[i], error);
      if (stmt == NULL)
        return FALSE;
      _pd_store_bind_text (stmt, 1, id);
      if (!_pd_store_step_done (self, stmt, error))
        return FALSE;
    }

  list = pd_campaign_get_texts (campaign);
  n = g_list_model_get_n_items (list);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PdCampaignText) text = g_list_model_get_item (list, i);
      GListModel *faq = pd_campaign_text_get_faq (text);
      g_autoptr(JsonNode) faq_node = json_node_new (JSON_NODE_ARRAY);
      JsonArray *faq_array = json_array_new ();
      g_autofree char *faq_json = NULL;

      for (guint j = 0; j < g_list_model_get_n_items (faq); j++)
        {
          g_autoptr(PdFaqEntry) entry = g_list_model_get_item (faq, j);
          JsonObject *item = json_object_new ();

          json_object_set_string_member (item, "question", pd_faq_entry_get_question (entry));
          json_object_set_string_member (item, "answer", pd_faq_entry_get_answer (entry));
          json_array_add_object_element (faq_array, item);
        }
      json_node_take_array (faq_node, faq_array);
      faq_json = node_to_string (faq_node);

      stmt = _pd_store_prepare (self,
        "INSERT INTO campaign_texts (campaign_id, language, title, intro, thank_you, faq_json)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
      if (stmt == NULL)
        return FALSE;
      _pd_store_bind_text (stmt, 1, id);
      _pd_store_bind_text (stmt, 2, pd_campaign_text_get_language (text));
      _pd_store_bind_text (stmt, 3, pd_campaign_text_get_title (text));
      _pd_store_bind_text (stmt, 4, pd_campaign_text_get_intro (text));
      _pd_store_bind_text (stmt, 5, pd_campaign_text_get_thank_you (text));
      _pd_store_bind_text (stmt, 6, faq_json);
      if (!_pd_store_step_done (self, stmt, error))
        return FALSE;
    }

  list = pd_campaign_get_projects (campaign);
  n = g_list_model_get_n_items (list);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PdCampaignProject) item = g_list_model_get_item (list, i);

      stmt = _pd_store_prepare (self,
        "INSERT INTO campaign_projects (campaign_id, position, project_id, target_coins)"
        " VALUES (?1, ?2, ?3, ?4)", error);
      if (stmt == NULL)
        return FALSE;
      _pd_store_bind_text (stmt, 1, id);
      sqlite3_bind_int (stmt, 2, i);
      _pd_store_bind_text (stmt, 3, pd_campaign_project_get_project_id (item));
      sqlite3_bind_int64 (stmt, 4, pd_campaign_project_get_target_coins (item));
      if (!_pd_store_step_done (self, stmt, error))
        return FALSE;
    }

  list = pd_campaign_get_page_blocks (campaign);
  n = g_list_model_get_n_items (list);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PdPageBlock) block = g_list_model_get_item (list, i);
      g_autoptr(JsonNode) props = json_node_new (JSON_NODE_OBJECT);
      g_autofree char *props_json = NULL;

      json_node_set_object (props, pd_page_block_get_properties (block));
      props_json = node_to_string (props);

      stmt = _pd_store_prepare (self,
        "INSERT OR REPLACE INTO page_blocks (id, campaign_id, position, type, properties_json)"
        " VALUES (?1, ?2, ?3, ?4, ?5)", error);
      if (stmt == NULL)
        return FALSE;
      _pd_store_bind_text (stmt, 1, pd_page_block_get_id (block));
      _pd_store_bind_text (stmt, 2, id);
      sqlite3_bind_int (stmt, 3, i);
      _pd_store_bind_text (stmt, 4, pd_enum_to_string (PD_TYPE_PAGE_BLOCK_TYPE, pd_page_block_get_block_type (block)));
      _pd_store_bind_text (stmt, 5, props_json);
      if (!_pd_store_step_done (self, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static void
set_optional_string (JsonObject   *object,
                     const char   *name,
                     sqlite3_stmt *stmt,
                     int           column)
{
  const char *text = _pd_store_column_text (stmt, column);

  if (text != NULL)
    json_object_set_string_member (object, name, text);
}

/* Builds the campaign's JSON from its rows; NULL if there is none. */
static JsonNode *
read_campaign_content (PdStore    *self,
                       const char *id)
{
  g_autoptr(JsonObject) object = json_object_new ();
  JsonObject *texts;
  JsonArray *projects, *blocks;
  sqlite3_stmt *stmt;
  JsonNode *node;

  stmt = _pd_store_prepare (self,
    "SELECT name, slug, status, starts_at, ends_at, time_zone, currency, coin_value_micros,"
    " voucher_budget_coins, funding_type, theme_id, default_language FROM campaigns WHERE id = ?1", NULL);
  if (stmt == NULL)
    return NULL;
  _pd_store_bind_text (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return NULL;
    }
  json_object_set_string_member (object, "id", id);
  json_object_set_string_member (object, "name", _pd_store_column_text (stmt, 0));
  json_object_set_string_member (object, "slug", _pd_store_column_text (stmt, 1));
  json_object_set_string_member (object, "status", _pd_store_column_text (stmt, 2));
  set_optional_string (object, "starts_at", stmt, 3);
  set_optional_string (object, "ends_at", stmt, 4);
  json_object_set_string_member (object, "time_zone", _pd_store_column_text (stmt, 5));
  json_object_set_string_member (object, "currency", _pd_store_column_text (stmt, 6));
  json_object_set_int_member (object, "coin_value_micros", sqlite3_column_int64 (stmt, 7));
  json_object_set_int_member (object, "voucher_budget_coins", sqlite3_column_int64 (stmt, 8));
  json_object_set_string_member (object, "funding_type", _pd_store_column_text (stmt, 9));
  set_optional_string (object, "theme_id", stmt, 10);
  json_object_set_string_member (object, "default_language", _pd_store_column_text (stmt, 11));
  sqlite3_reset (stmt);

  texts = json_object_new ();
  stmt = _pd_store_prepare (self,
    "SELECT language, title, intro, thank_you, faq_json FROM campaign_texts"
    " WHERE campaign_id = ?1 ORDER BY language", NULL);
  _pd_store_bind_text (stmt, 1, id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      JsonObject *text = json_object_new ();
      JsonNode *faq = pd_json_from_string (_pd_store_column_text (stmt, 4), NULL);

      json_object_set_string_member (text, "title", _pd_store_column_text (stmt, 1));
      json_object_set_string_member (text, "intro", _pd_store_column_text (stmt, 2));
      json_object_set_string_member (text, "thank_you", _pd_store_column_text (stmt, 3));
      if (faq == NULL || !JSON_NODE_HOLDS_ARRAY (faq))
        {
          g_clear_pointer (&faq, json_node_unref);
          faq = json_node_new (JSON_NODE_ARRAY);
          json_node_take_array (faq, json_array_new ());
        }
      json_object_set_member (text, "faq", faq);
      json_object_set_object_member (texts, _pd_store_column_text (stmt, 0), text);
    }
  sqlite3_reset (stmt);
  json_object_set_object_member (object, "texts", texts);

  projects = json_array_new ();
  stmt = _pd_store_prepare (self,
    "SELECT project_id, target_coins FROM campaign_projects WHERE campaign_id = ?1 ORDER BY position", NULL);
  _pd_store_bind_text (stmt, 1, id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      JsonObject *entry = json_object_new ();

      json_object_set_string_member (entry, "project_id", _pd_store_column_text (stmt, 0));
      json_object_set_int_member (entry, "target_coins", sqlite3_column_int64 (stmt, 1));
      json_array_add_object_element (projects, entry);
    }
  sqlite3_reset (stmt);
  json_object_set_array_member (object, "projects", projects);

  blocks = json_array_new ();
  stmt = _pd_store_prepare (self,
    "SELECT id, type, properties_json FROM page_blocks WHERE campaign_id = ?1 ORDER BY position", NULL);
  _pd_store_bind_text (stmt, 1, id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      JsonObject *entry = json_object_new ();
      JsonNode *props = pd_json_from_string (_pd_store_column_text (stmt, 2), NULL);

      json_object_set_string_member (entry, "id", _pd_store_column_text (stmt, 0));
      json_object_set_string_member (entry, "type", _pd_store_column_text (stmt, 1));
      if (props == NULL || !JSON_NODE_HOLDS_OBJECT (props))
        {
          g_clear_pointer (&props, json_node_unref);
          props = json_node_new (JSON_NODE_OBJECT);
          json_node_take_object (props, json_object_new ());
        }
      json_object_set_member (entry, "properties", props);
      json_array_add_object_element (blocks, entry);
    }
  sqlite3_reset (stmt);
  json_object_set_array_member (object, "page_blocks", blocks);

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, object);
  return node;
}

/* --- Projects ------------------------------------------------------------ */

#define PROJECT_COLUMNS \
  "id, title, organisation, description, category, location, website, image_sha256," \
  " default_target_coins, source"

static PdProject *
project_from_row (sqlite3_stmt *stmt)
{
  PdProject *project = pd_project_new_with_id (_pd_store_column_text (stmt, 0));
  int source = PD_PROJECT_SOURCE_CLIENT;

  g_object_freeze_notify (G_OBJECT (project));
  pd_project_set_title (project, _pd_store_column_text (stmt, 1));
  pd_project_set_organisation (project, _pd_store_column_text (stmt, 2));
  pd_project_set_description (project, _pd_store_column_text (stmt, 3));
  pd_project_set_category (project, _pd_store_column_text (stmt, 4));
  pd_project_set_location (project, _pd_store_column_text (stmt, 5));
  pd_project_set_website (project, _pd_store_column_text (stmt, 6));
  pd_project_set_image_sha256 (project, _pd_store_column_text (stmt, 7));
  pd_project_set_default_target_coins (project, sqlite3_column_int64 (stmt, 8));
  pd_enum_from_string (PD_TYPE_PROJECT_SOURCE, _pd_store_column_text (stmt, 9), &source);
  pd_project_set_source (project, source);
  g_object_thaw_notify (G_OBJECT (project));

  return project;
}

static gboolean
write_project (PdStore    *self,
               PdProject  *project,
               GError    **error)
{
  g_autofree char *haystack = g_strconcat (pd_project_get_title (project), " ",
                                           pd_project_get_organisation (project), " ",
                                           pd_project_get_location (project), NULL);
  g_autofree char *search_text = _pd_store_normalise (haystack);
  g_autofree char *sort_key = _pd_store_normalise (pd_project_get_title (project));
  sqlite3_stmt *stmt;

  stmt = _pd_store_prepare (self,
    "INSERT INTO projects (" PROJECT_COLUMNS ", search_text, sort_key)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"
    " ON CONFLICT (id) DO UPDATE SET title = ?2, organisation = ?3, description = ?4,"
    " category = ?5, location = ?6, website = ?7, image_sha256 = ?8,"
    " default_target_coins = ?9, source = ?10, search_text = ?11, sort_key = ?12", error);
  if (stmt == NULL)
    return FALSE;
  _pd_store_bind_static (stmt, 1, pd_record_get_id (PD_RECORD (project)));
  _pd_store_bind_static (stmt, 2, pd_project_get_title (project));
  _pd_store_bind_static (stmt, 3, pd_project_get_organisation (project));
  _pd_store_bind_static (stmt, 4, pd_project_get_description (project));
  _pd_store_bind_static (stmt, 5, pd_project_get_category (project));
  _pd_store_bind_static (stmt, 6, pd_project_get_location (project));
  _pd_store_bind_static (stmt, 7, pd_project_get_website (project));
  _pd_store_bind_static (stmt, 8, pd_project_get_image_sha256 (project));
  sqlite3_bind_int64 (stmt, 9, pd_project_get_default_target_coins (project));
  _pd_store_bind_static (stmt, 10, pd_enum_to_string (PD_TYPE_PROJECT_SOURCE, pd_project_get_source (project)));
  _pd_store_bind_static (stmt, 11, search_text);
  _pd_store_bind_static (stmt, 12, sort_key);

  return _pd_store_step_done (self, stmt, error);
}

/* --- Themes -------------------------------------------------------------- */

#define THEME_COLUMNS \
  "id, name, primary_color, accent_color, background_color, text_color, logo_sha256," \
  " hero_sha256, font_family, corner_radius"

static PdTheme *
theme_from_row (sqlite3_stmt *stmt)
{
  PdTheme *theme = pd_theme_new_with_id (_pd_store_column_text (stmt, 0));

  pd_theme_set_name (theme, _pd_store_column_text (stmt, 1));
  pd_theme_set_primary_color (theme, _pd_store_column_text (stmt, 2));
  pd_theme_set_accent_color (theme, _pd_store_column_text (stmt, 3));
  pd_theme_set_background_color (theme, _pd_store_column_text (stmt, 4));
  pd_theme_set_text_color (theme, _pd_store_column_text (stmt, 5));
  pd_theme_set_logo_sha256 (theme, _pd_store_column_text (stmt, 6));
  pd_theme_set_hero_sha256 (theme, _pd_store_column_text (stmt, 7));
  pd_theme_set_font_family (theme, _pd_store_column_text (stmt, 8));
  pd_theme_set_corner_radius (theme, sqlite3_column_int (stmt, 9));

  return theme;
}

static gboolean
write_theme (PdStore  *self,
             PdTheme  *theme,
             GError  **error)
{
  sqlite3_stmt *stmt = _pd_store_prepare (self,
    "INSERT INTO themes (" THEME_COLUMNS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
    " ON CONFLICT (id) DO UPDATE SET name = ?2, primary_color = ?3, accent_color = ?4,"
    " background_color = ?5, text_color = ?6, logo_sha256 = ?7, hero_sha256 = ?8,"
    " font_family = ?9, corner_radius = ?10", error);

  if (stmt == NULL)
    return FALSE;
  _pd_store_bind_text (stmt, 1, pd_record_get_id (PD_RECORD (theme)));
  _pd_store_bind_text (stmt, 2, pd_theme_get_name (theme));
  _pd_store_bind_text (stmt, 3, pd_theme_get_primary_color (theme));
  _pd_store_bind_text (stmt, 4, pd_theme_get_accent_color (theme));
  _pd_store_bind_text (stmt, 5, pd_theme_get_background_color (theme));
  _pd_store_bind_text (stmt, 6, pd_theme_get_text_color (theme));
  _pd_store_bind_text (stmt, 7, pd_theme_get_logo_sha256 (theme));
  _pd_store_bind_text (stmt, 8, pd_theme_get_hero_sha256 (theme));
  _pd_store_bind_text (stmt, 9, pd_theme_get_font_family (theme));
  sqlite3_bind_int (stmt, 10, pd_theme_get_corner_radius (theme));

  return _pd_store_step_done (self, stmt, error);
}

/* --- Voucher batches ----------------------------------------------------- */

#define BATCH_COLUMNS "id, campaign_id, label, count, coins_per_voucher, expires_at"

static PdVoucherBatch *
batch_from_row (sqlite3_stmt *stmt)
{
  PdVoucherBatch *batch = pd_voucher_batch_new_with_id (_pd_store_column_text (stmt, 0),
                                                        _pd_store_column_text (stmt, 1));
  const char *expires = _pd_store_column_text (stmt, 5);

  pd_voucher_batch_set_label (batch, _pd_store_column_text (stmt, 2));
  pd_voucher_batch_set_count (batch, sqlite3_column_int64 (stmt, 3));
  pd_voucher_batch_set_coins_per_voucher (batch, sqlite3_column_int64 (stmt, 4));
  if (expires != NULL)
    {
      g_autoptr(GDateTime) date_time = g_date_time_new_from_iso8601 (expires, NULL);
      pd_voucher_batch_set_expires_at (batch, date_time);
    }

  return batch;
}

static gboolean
write_batch (PdStore         *self,
             PdVoucherBatch  *batch,
             GError         **error)
{
  sqlite3_stmt *stmt = _pd_store_prepare (self,
    "INSERT INTO voucher_batches (" BATCH_COLUMNS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
    " ON CONFLICT (id) DO UPDATE SET campaign_id = ?2, label = ?3, count = ?4,"
    " coins_per_voucher = ?5, expires_at = ?6", error);

  if (stmt == NULL)
    return FALSE;
  _pd_store_bind_text (stmt, 1, pd_record_get_id (PD_RECORD (batch)));
  _pd_store_bind_text (stmt, 2, pd_voucher_batch_get_campaign_id (batch));
  _pd_store_bind_text (stmt, 3, pd_voucher_batch_get_label (batch));
  sqlite3_bind_int64 (stmt, 4, pd_voucher_batch_get_count (batch));
  sqlite3_bind_int64 (stmt, 5, pd_voucher_batch_get_coins_per_voucher (batch));
  bind_date (stmt, 6, pd_voucher_batch_get_expires_at (batch));

  return _pd_store_step_done (self, stmt, error);
}

/* --- Generic ------------------------------------------------------------- */

gboolean
_pd_store_write_record (PdStore   *self,
                        PdRecord  *record,
                        GError   **error)
{
  if (PD_IS_CAMPAIGN (record))
    return write_campaign (self, PD_CAMPAIGN (record), error);
  if (PD_IS_PROJECT (record))
    return write_project (self, PD_PROJECT (record), error);
  if (PD_IS_THEME (record))
    return write_theme (self, PD_THEME (record), error);
  if (PD_IS_VOUCHER_BATCH (record))
    return write_batch (self, PD_VOUCHER_BATCH (record), error);

  g_assert_not_reached ();
}

gboolean
_pd_store_delete_rows (PdStore     *self,
                       const char  *kind,
                       const char  *id,
                       GError     **error)
{
  const char *sql;
  sqlite3_stmt *stmt;

  if (g_str_equal (kind, "campaign"))
    sql = "DELETE FROM campaigns WHERE id = ?1";
  else if (g_str_equal (kind, "project"))
    sql = "DELETE FROM projects WHERE id = ?1";
  else if (g_str_equal (kind, "theme"))
    sql = "DELETE FROM themes WHERE id = ?1";
  else if (g_str_equal (kind, "voucher-batch"))
    sql = "DELETE FROM voucher_batches WHERE id = ?1";
  else
    g_assert_not_reached ();

  stmt = _pd_store_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;
  _pd_store_bind_text (stmt, 1, id);
  return _pd_store_step_done (self, stmt, error);
}

PdRecord *
_pd_store_read_record (PdStore     *self,
                       const char  *kind,
                       const char  *id,
                       GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  PdRecord *record = NULL;

  if (g_strcmp0 (kind, "campaign") == 0)
    {
      g_autoptr(JsonNode) content = read_campaign_content (self, id);

      return content != NULL ? pd_record_new_from_json (PD_TYPE_CAMPAIGN, content, error) : NULL;
    }

  if (g_strcmp0 (kind, "project") == 0)
    stmt = _pd_store_prepare (self, "SELECT " PROJECT_COLUMNS " FROM projects WHERE id = ?1", error);
  else if (g_strcmp0 (kind, "theme") == 0)
    stmt = _pd_store_prepare (self, "SELECT " THEME_COLUMNS " FROM themes WHERE id = ?1", error);
  else if (g_strcmp0 (kind, "voucher-batch") == 0)
    stmt = _pd_store_prepare (self, "SELECT " BATCH_COLUMNS " FROM voucher_batches WHERE id = ?1", error);
  else
    return NULL;

  if (stmt == NULL)
    return NULL;
  _pd_store_bind_text (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      if (g_str_equal (kind, "project"))
        record = PD_RECORD (project_from_row (stmt));
      else if (g_str_equal (kind, "theme"))
        record = PD_RECORD (theme_from_row (stmt));
      else
        record = PD_RECORD (batch_from_row (stmt));
    }
  sqlite3_reset (stmt);

  return record;
}

JsonNode *
_pd_store_read_content (PdStore    *self,
                        const char *kind,
                        const char *id)
{
  g_autoptr(PdRecord) record = NULL;

  if (g_strcmp0 (kind, "campaign") == 0)
    {
      g_autoptr(JsonNode) raw = read_campaign_content (self, id);

      if (raw == NULL)
        return NULL;
      /* Through the model, so the JSON is exactly what to_json writes. */
      record = pd_record_new_from_json (PD_TYPE_CAMPAIGN, raw, NULL);
    }
  else
    record = _pd_store_read_record (self, kind, id, NULL);

  return record != NULL ? pd_record_content_to_json (record) : NULL;
}

GPtrArray *
_pd_store_load_all (PdStore     *self,
                    const char  *kind,
                    GError     **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;

  if (g_str_equal (kind, "campaign"))
    {
      g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

      stmt = _pd_store_prepare (self, "SELECT id FROM campaigns ORDER BY rowid", error);
      if (stmt == NULL)
        return NULL;
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_ptr_array_add (ids, g_strdup (_pd_store_column_text (stmt, 0)));
      sqlite3_reset (stmt);

      for (guint i = 0; i < ids->len; i++)
        {
          PdRecord *record = _pd_store_read_record (self, kind, g_ptr_array_index (ids, i), error);

          if (record == NULL)
            return NULL;
          g_ptr_array_add (records, record);
        }
    }
  else
    {
      if (g_str_equal (kind, "project"))
        stmt = _pd_store_prepare (self, "SELECT " PROJECT_COLUMNS " FROM projects ORDER BY rowid", error);
      else if (g_str_equal (kind, "theme"))
        stmt = _pd_store_prepare (self, "SELECT " THEME_COLUMNS " FROM themes ORDER BY rowid", error);
      else
        stmt = _pd_store_prepare (self, "SELECT " BATCH_COLUMNS " FROM voucher_batches ORDER BY rowid", error);
      if (stmt == NULL)
        return NULL;

      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          if (g_str_equal (kind, "project"))
            g_ptr_array_add (records, project_from_row (stmt));
          else if (g_str_equal (kind, "theme"))
            g_ptr_array_add (records, theme_from_row (stmt));
          else
            g_ptr_array_add (records, batch_from_row (stmt));
        }
      sqlite3_reset (stmt);
    }

  /* Sync state and revision in one pass rather than a query per record. */
  stmt = _pd_store_prepare (self, "SELECT id, revision, state FROM sync_records WHERE kind = ?1", error);
  if (stmt == NULL)
    return NULL;
  _pd_store_bind_text (stmt, 1, kind);
  {
    g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);

    for (guint i = 0; i < records->len; i++)
      g_hash_table_insert (by_id, (gpointer) pd_record_get_id (g_ptr_array_index (records, i)),
                           g_ptr_array_index (records, i));
    while (sqlite3_step (stmt) == SQLITE_ROW)
      {
        PdRecord *record = g_hash_table_lookup (by_id, _pd_store_column_text (stmt, 0));
        int state = PD_SYNC_STATE_SYNCED;

        if (record == NULL)
          continue;
        pd_record_set_revision (record, sqlite3_column_int64 (stmt, 1));
        pd_enum_from_string (PD_TYPE_SYNC_STATE, _pd_store_column_text (stmt, 2), &state);
        pd_record_set_sync_state (record, state);
      }
    sqlite3_reset (stmt);
  }

  return g_steal_pointer (&records);
}

/* --- Searching ----------------------------------------------------------- */

#define MAX_QUERY_WORDS 8

GListModel *
pd_store_search_projects (PdStore     *self,
                          const char  *query,
                          const char  *category,
                          GError     **error)
{
  g_autofree char *normalised = NULL;
  g_auto(GStrv) words = NULL;
  g_autoptr(GString) sql = NULL;
  g_autoptr(GListStore) result = NULL;
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  guint n_words = 0;

  g_return_val_if_fail (PD_IS_STORE (self), NULL);

  normalised = _pd_store_normalise (query != NULL ? query : "");
  words = g_strsplit_set (g_strstrip (normalised), " \t\n", -1);

  /* The SQL varies only in the number of words, so each shape is
   * prepared once; the words themselves are bound. */
  sql = g_string_new ("SELECT " PROJECT_COLUMNS " FROM projects WHERE (?1 IS NULL OR category = ?1)");
  for (guint i = 0; words[i] != NULL && n_words < MAX_QUERY_WORDS; i++)
    {
      if (*words[i] == '\0')
        continue;
      g_string_append_printf (sql, " AND instr (search_text, ?%u) > 0", n_words + 2);
      n_words++;
    }
  g_string_append (sql, " ORDER BY sort_key, rowid");

  /* Interned: the statement cache is keyed by address. */
  stmt = _pd_store_prepare (self, g_intern_string (sql->str), error);
  if (stmt == NULL)
    return NULL;
  _pd_store_bind_text (stmt, 1, category);
  n_words = 0;
  for (guint i = 0; words[i] != NULL && n_words < MAX_QUERY_WORDS; i++)
    {
      if (*words[i] == '\0')
        continue;
      _pd_store_bind_text (stmt, n_words + 2, words[i]);
      n_words++;
    }

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      PdRecord *live = _pd_store_lookup_live (self, "project", _pd_store_column_text (stmt, 0));

      if (live != NULL)
        g_ptr_array_add (found, g_object_ref (live));
      else
        {
          PdProject *project = project_from_row (stmt);

          _pd_store_register_live (self, PD_RECORD (project));
          g_ptr_array_add (found, project);
        }
    }
  sqlite3_reset (stmt);

  result = g_list_store_new (PD_TYPE_PROJECT);
  g_list_store_splice (result, 0, 0, found->pdata, found->len);
  return G_LIST_MODEL (g_steal_pointer (&result));
}

char **
pd_store_list_categories (PdStore *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PD_IS_STORE (self), NULL);

  stmt = _pd_store_prepare (self, "SELECT DISTINCT category FROM projects WHERE category != '' ORDER BY category", NULL);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    g_strv_builder_add (builder, _pd_store_column_text (stmt, 0));
  if (stmt != NULL)
    sqlite3_reset (stmt);

  return g_strv_builder_end (builder);
}

guint
pd_store_count_projects (PdStore *self)
{
  sqlite3_stmt *stmt;
  guint count = 0;

  g_return_val_if_fail (PD_IS_STORE (self), 0);

  stmt = _pd_store_prepare (self, "SELECT count(*) FROM projects", NULL);
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);

  return count;
}
