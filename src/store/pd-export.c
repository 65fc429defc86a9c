/* pd-export.c
 *
 * CSV is for people: a BOM so that Excel reads UTF-8, the separator of the
 * user's region, API field names as headers (so pd_project_import_csv()
 * reads the file back), text cells guarded against formula injection.
 * JSON is for machines and backups: each record exactly as
 * pd_record_to_json() writes it for the platform.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-export"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "pd-clock.h"
#include "pd-csv-writer.h"
#include "pd-export.h"
#include "pd-json.h"

/**
 * pd_export_separator_for_locale:
 * @locale: (nullable): e.g. "de_DE.UTF-8"; %NULL for LC_NUMERIC's
 *
 * Returns: `;` or `,`
 */
char
pd_export_separator_for_locale (const char *locale)
{
  static const char *comma_decimal[] = {
    "de", "nl", "fr", "it", "es", "pt", "da", "sv", "nb", "nn", "fi", "pl",
    "cs", "sk", "hu", "ro", "ru", "uk", "tr", "el", "sl", "hr", "bg", "lt",
    "lv", "et", "id", "vi", NULL,
  };
  g_autofree char *language = NULL;

  if (locale == NULL)
    locale = setlocale (LC_NUMERIC, NULL);
  if (locale == NULL)
    return ',';

  language = g_strndup (locale, strcspn (locale, "_.@"));
  return g_strv_contains (comma_decimal, language) ? ';' : ',';
}

/**
 * pd_export_projects_csv:
 * @projects: a #GListModel of #PdProject
 *
 * Returns: (transfer full): the CSV file
 */
GBytes *
pd_export_projects_csv (GListModel *projects,
                        char        separator)
{
  g_autoptr(PdCsvWriter) writer = NULL;
  const char *header[] = {
    "id", "title", "organisation", "description", "category", "location",
    "website", "image_sha256", "default_target_coins", "source",
  };
  guint n;

  g_return_val_if_fail (G_IS_LIST_MODEL (projects), NULL);

  writer = pd_csv_writer_new (separator, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (header); i++)
    pd_csv_writer_add_raw (writer, header[i]);
  pd_csv_writer_end_row (writer);

  n = g_list_model_get_n_items (projects);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PdProject) project = g_list_model_get_item (projects, i);

      pd_csv_writer_add_raw (writer, pd_record_get_id (PD_RECORD (project)));
      pd_csv_writer_add_text (writer, pd_project_get_title (project));
      pd_csv_writer_add_text (writer, pd_project_get_organisation (project));
      pd_csv_writer_add_text (writer, pd_project_get_description (project));
      pd_csv_writer_add_text (writer, pd_project_get_category (project));
      pd_csv_writer_add_text (writer, pd_project_get_location (project));
      pd_csv_writer_add_text (writer, pd_project_get_website (project));
      pd_csv_writer_add_raw (writer, pd_project_get_image_sha256 (project));
      pd_csv_writer_add_int (writer, pd_project_get_default_target_coins (project));
      pd_csv_writer_add_raw (writer, pd_enum_to_string (PD_TYPE_PROJECT_SOURCE, pd_project_get_source (project)));
      pd_csv_writer_end_row (writer);
    }

  return pd_csv_writer_free_to_bytes (g_steal_pointer (&writer));
}

static void
add_date_time (PdCsvWriter *writer,
               GDateTime   *date_time)
{
  g_autofree char *text = date_time != NULL ? pd_json_format_date_time (date_time) : NULL;

  pd_csv_writer_add_raw (writer, text);
}

/**
 * pd_export_campaigns_csv:
 * @campaigns: a #GListModel of #PdCampaign
 *
 * One row per campaign with its settings, its title in the default
 * language and the sum of its project targets.
 *
 * Returns: (transfer full): the CSV file
 */
GBytes *
pd_export_campaigns_csv (PdStore    *store,
                         GListModel *campaigns,
                         char        separator)
{
  g_autoptr(PdCsvWriter) writer = NULL;
  const char *header[] = {
    "id", "name", "slug", "status", "starts_at", "ends_at", "time_zone",
    "currency", "coin_value_micros", "voucher_budget_coins", "funding_type",
    "theme", "default_language", "title", "projects", "target_coins",
  };
  guint n;

  g_return_val_if_fail (PD_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (campaigns), NULL);

  writer = pd_csv_writer_new (separator, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (header); i++)
    pd_csv_writer_add_raw (writer, header[i]);
  pd_csv_writer_end_row (writer);

  n = g_list_model_get_n_items (campaigns);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PdCampaign) campaign = g_list_model_get_item (campaigns, i);
      g_autoptr(PdTheme) theme = NULL;
      GListModel *members = pd_campaign_get_projects (campaign);
      PdCampaignText *text = pd_campaign_get_text (campaign, pd_campaign_get_default_language (campaign));
      guint n_members = g_list_model_get_n_items (members);
      gint64 target = 0;

      if (pd_campaign_get_theme_id (campaign) != NULL)
        theme = pd_store_get_theme (store, pd_campaign_get_theme_id (campaign));
      for (guint j = 0; j < n_members; j++)
        {
          g_autoptr(PdCampaignProject) member = g_list_model_get_item (members, j);
          target += pd_campaign_project_get_target_coins (member);
        }

      pd_csv_writer_add_raw (writer, pd_record_get_id (PD_RECORD (campaign)));
      pd_csv_writer_add_text (writer, pd_campaign_get_name (campaign));
      pd_csv_writer_add_text (writer, pd_campaign_get_slug (campaign));
      pd_csv_writer_add_raw (writer, pd_enum_to_string (PD_TYPE_CAMPAIGN_STATUS, pd_campaign_get_status (campaign)));
      add_date_time (writer, pd_campaign_get_starts_at (campaign));
      add_date_time (writer, pd_campaign_get_ends_at (campaign));
      pd_csv_writer_add_raw (writer, pd_campaign_get_time_zone (campaign));
      pd_csv_writer_add_raw (writer, pd_campaign_get_currency (campaign));
      pd_csv_writer_add_int (writer, pd_campaign_get_coin_value_micros (campaign));
      pd_csv_writer_add_int (writer, pd_campaign_get_voucher_budget_coins (campaign));
      pd_csv_writer_add_raw (writer, pd_enum_to_string (PD_TYPE_FUNDING_TYPE, pd_campaign_get_funding_type (campaign)));
      pd_csv_writer_add_text (writer, theme != NULL ? pd_theme_get_name (theme) : NULL);
      pd_csv_writer_add_raw (writer, pd_campaign_get_default_language (campaign));
      pd_csv_writer_add_text (writer, text != NULL ? pd_campaign_text_get_title (text) : NULL);
      pd_csv_writer_add_int (writer, n_members);
      pd_csv_writer_add_int (writer, target);
      pd_csv_writer_end_row (writer);
    }

  return pd_csv_writer_free_to_bytes (g_steal_pointer (&writer));
}

/**
 * pd_export_campaign_projects_csv:
 *
 * The projects taking part in @campaign in display order, with their
 * campaign targets: the list an agency sends to the client for sign-off.
 *
 * Returns: (transfer full): the CSV file
 */
GBytes *
pd_export_campaign_projects_csv (PdStore    *store,
                                 PdCampaign *campaign,
                                 char        separator)
{
  g_autoptr(PdCsvWriter) writer = NULL;
  const char *header[] = {
    "position", "project_id", "title", "organisation", "category", "location", "target_coins",
  };
  GListModel *members;
  guint n;

  g_return_val_if_fail (PD_IS_STORE (store), NULL);
  g_return_val_if_fail (PD_IS_CAMPAIGN (campaign), NULL);

  writer = pd_csv_writer_new (separator, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (header); i++)
    pd_csv_writer_add_raw (writer, header[i]);
  pd_csv_writer_end_row (writer);

  members = pd_campaign_get_projects (campaign);
  n = g_list_model_get_n_items (members);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PdCampaignProject) member = g_list_model_get_item (members, i);
      const char *project_id = pd_campaign_project_get_project_id (member);
      g_autoptr(PdProject) project = pd_store_get_project (store, project_id);

      pd_csv_writer_add_int (writer, i + 1);
      pd_csv_writer_add_raw (writer, project_id);
      pd_csv_writer_add_text (writer, project != NULL ? pd_project_get_title (project) : NULL);
      pd_csv_writer_add_text (writer, project != NULL ? pd_project_get_organisation (project) : NULL);
      pd_csv_writer_add_text (writer, project != NULL ? pd_project_get_category (project) : NULL);
      pd_csv_writer_add_text (writer, project != NULL ? pd_project_get_location (project) : NULL);
      pd_csv_writer_add_int (writer, pd_campaign_project_get_target_coins (member));
      pd_csv_writer_end_row (writer);
    }

  return pd_csv_writer_free_to_bytes (g_steal_pointer (&writer));
}

static JsonNode *
records_to_json (GListModel *records)
{
  g_autoptr(JsonArray) array = json_array_new ();
  JsonNode *node;
  guint n = records != NULL ? g_list_model_get_n_items (records) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PdRecord) record = g_list_model_get_item (records, i);

      json_array_add_element (array, pd_record_to_json (record));
    }

  node = json_node_new (JSON_NODE_ARRAY);
  json_node_set_array (node, array);
  return node;
}

/**
 * pd_export_json:
 * @campaigns: (nullable): #PdCampaign records
 * @projects: (nullable): #PdProject records
 * @themes: (nullable): #PdTheme records
 *
 * Returns: (transfer full): a JSON document {"format", "version",
 *   "exported_at", "campaigns", "projects", "themes"} with the records in
 *   the platform's form
 */
GBytes *
pd_export_json (GListModel *campaigns,
                GListModel *projects,
                GListModel *themes)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GDateTime) now = pd_now_utc ();
  g_autofree char *exported_at = NULL;
  g_autofree char *text = NULL;
  gsize length;

  json_object_set_string_member (object, "format", "particulate-designer-export");
  json_object_set_int_member (object, "version", 1);
  exported_at = pd_json_format_date_time (now);
  json_object_set_string_member (object, "exported_at", exported_at);
  json_object_set_member (object, "campaigns", records_to_json (campaigns));
  json_object_set_member (object, "projects", records_to_json (projects));
  json_object_set_member (object, "themes", records_to_json (themes));
  json_node_set_object (root, object);

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, &length);

  return g_bytes_new_take (g_steal_pointer (&text), length);
}

/**
 * pd_export_write_file:
 *
 * Replaces @file atomically, so a crash never leaves half an export.
 */
gboolean
pd_export_write_file (GBytes        *bytes,
                      GFile         *file,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_return_val_if_fail (bytes != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  return g_file_replace_contents (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                  NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL,
                                  cancellable, error);
}
