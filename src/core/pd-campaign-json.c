/* pd-campaign-json.c: a campaign's JSON form (CONTRACT.md) and its rules
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-campaign"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-campaign-private.h"
#include "pd-json.h"
#include "pd-validation.h"

static void
set_date_member (JsonObject *object,
                 const char *name,
                 GDateTime  *value)
{
  g_autofree char *text = NULL;

  if (value == NULL)
    return;
  text = pd_json_format_date_time (value);
  json_object_set_string_member (object, name, text);
}

static JsonObject *
text_to_json (PdCampaignText *text)
{
  JsonObject *object = json_object_new ();
  JsonArray *faq = json_array_new ();
  GListModel *entries = pd_campaign_text_get_faq (text);
  guint n = g_list_model_get_n_items (entries);

  json_object_set_string_member (object, "title", pd_campaign_text_get_title (text));
  json_object_set_string_member (object, "intro", pd_campaign_text_get_intro (text));
  json_object_set_string_member (object, "thank_you", pd_campaign_text_get_thank_you (text));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PdFaqEntry) entry = g_list_model_get_item (entries, i);
      JsonObject *item = json_object_new ();

      json_object_set_string_member (item, "question", pd_faq_entry_get_question (entry));
      json_object_set_string_member (item, "answer", pd_faq_entry_get_answer (entry));
      json_array_add_object_element (faq, item);
    }
  json_object_set_array_member (object, "faq", faq);

  return object;
}

void
_pd_campaign_to_json (PdRecord   *record,
                      JsonObject *object)
{
  PdCampaign *self = PD_CAMPAIGN (record);
  JsonObject *texts = json_object_new ();
  JsonArray *projects = json_array_new ();
  JsonArray *blocks = json_array_new ();
  guint n;

  json_object_set_string_member (object, "name", self->name);
  json_object_set_string_member (object, "slug", self->slug);
  json_object_set_string_member (object, "status", pd_enum_to_string (PD_TYPE_CAMPAIGN_STATUS, self->status));
  set_date_member (object, "starts_at", self->starts_at);
  set_date_member (object, "ends_at", self->ends_at);
  json_object_set_string_member (object, "time_zone", self->time_zone);
  json_object_set_string_member (object, "currency", self->currency);
  json_object_set_int_member (object, "coin_value_micros", self->coin_value_micros);
  json_object_set_int_member (object, "voucher_budget_coins", self->voucher_budget_coins);
  json_object_set_string_member (object, "funding_type", pd_enum_to_string (PD_TYPE_FUNDING_TYPE, self->funding_type));
  if (self->theme_id != NULL)
    json_object_set_string_member (object, "theme_id", self->theme_id);
  json_object_set_string_member (object, "default_language", self->default_language);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->texts));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PdCampaignText) text = g_list_model_get_item (G_LIST_MODEL (self->texts), i);
      json_object_set_object_member (texts, pd_campaign_text_get_language (text), text_to_json (text));
    }
  json_object_set_object_member (object, "texts", texts);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->projects));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PdCampaignProject) item = g_list_model_get_item (G_LIST_MODEL (self->projects), i);
      JsonObject *entry = json_object_new ();

      json_object_set_string_member (entry, "project_id", pd_campaign_project_get_project_id (item));
      json_object_set_int_member (entry, "target_coins", pd_campaign_project_get_target_coins (item));
      json_array_add_object_element (projects, entry);
    }
  json_object_set_array_member (object, "projects", projects);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->page_blocks));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PdPageBlock) block = g_list_model_get_item (G_LIST_MODEL (self->page_blocks), i);
      JsonObject *entry = json_object_new ();
      g_autoptr(JsonNode) props = json_node_new (JSON_NODE_OBJECT);

      json_node_set_object (props, pd_page_block_get_properties (block));
      json_object_set_string_member (entry, "id", pd_page_block_get_id (block));
      json_object_set_string_member (entry, "type", pd_enum_to_string (PD_TYPE_PAGE_BLOCK_TYPE,
                                                                       pd_page_block_get_block_type (block)));
      json_object_set_member (entry, "properties", pd_json_deep_copy (props));
      json_array_add_object_element (blocks, entry);
    }
  json_object_set_array_member (object, "page_blocks", blocks);
}

static gboolean
read_enum (JsonObject  *object,
           const char  *name,
           GType        type,
           int         *value,
           GError     **error)
{
  const char *nick;

  if (!pd_json_read_string (object, name, FALSE, &nick, error))
    return FALSE;
  if (!pd_enum_from_string (type, nick, value))
    {
      g_set_error (error, PD_VALIDATION_ERROR, PD_VALIDATION_ERROR_INVALID,
                   _("The field “%s” has an unknown value “%s”."), name, nick);
      return FALSE;
    }
  return TRUE;
}

static gboolean
element_object (JsonArray    *array,
                guint         i,
                const char   *name,
                JsonObject  **object,
                GError      **error)
{
  JsonNode *node = json_array_get_element (array, i);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, PD_VALIDATION_ERROR, PD_VALIDATION_ERROR_WRONG_TYPE,
                   _("Each entry of “%s” must be an object."), name);
      return FALSE;
    }
  *object = json_node_get_object (node);
  return TRUE;
}

static PdCampaignText *
text_from_json (const char  *language,
                JsonNode    *node,
                GError     **error)
{
  g_autoptr(PdCampaignText) text = pd_campaign_text_new (language);
  JsonObject *object;
  const char *title, *intro, *thank_you;
  JsonArray *faq;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, PD_VALIDATION_ERROR, PD_VALIDATION_ERROR_WRONG_TYPE,
                   _("The texts in “%s” must be an object."), language);
      return NULL;
    }
  object = json_node_get_object (node);
  if (!pd_json_read_string (object, "title", FALSE, &title, error) ||
      !pd_json_read_string (object, "intro", TRUE, &intro, error) ||
      !pd_json_read_string (object, "thank_you", TRUE, &thank_you, error) ||
      !pd_json_read_array (object, "faq", TRUE, &faq, error))
    return NULL;

  pd_campaign_text_set_title (text, title);
  pd_campaign_text_set_intro (text, intro);
  pd_campaign_text_set_thank_you (text, thank_you);
  for (guint i = 0; faq != NULL && i < json_array_get_length (faq); i++)
    {
      g_autoptr(PdFaqEntry) entry = NULL;
      JsonObject *item;
      const char *question, *answer;

      if (!element_object (faq, i, "faq", &item, error) ||
          !pd_json_read_string (item, "question", FALSE, &question, error) ||
          !pd_json_read_string (item, "answer", FALSE, &answer, error))
        return NULL;
      entry = pd_faq_entry_new (question, answer);
      pd_campaign_text_append_faq (text, entry);
    }

  return g_steal_pointer (&text);
}

/* Copies @from into the live @to in place, so rows bound to it stay. */
static void
update_text (PdCampaignText *to,
             PdCampaignText *from)
{
  GListModel *to_faq = pd_campaign_text_get_faq (to);
  GListModel *from_faq = pd_campaign_text_get_faq (from);
  guint n = g_list_model_get_n_items (from_faq);

  pd_campaign_text_set_title (to, pd_campaign_text_get_title (from));
  pd_campaign_text_set_intro (to, pd_campaign_text_get_intro (from));
  pd_campaign_text_set_thank_you (to, pd_campaign_text_get_thank_you (from));

  if (g_list_model_get_n_items (to_faq) == n)
    {
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(PdFaqEntry) a = g_list_model_get_item (to_faq, i);
          g_autoptr(PdFaqEntry) b = g_list_model_get_item (from_faq, i);

          pd_faq_entry_set_question (a, pd_faq_entry_get_question (b));
          pd_faq_entry_set_answer (a, pd_faq_entry_get_answer (b));
        }
    }
  else
    {
      g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < n; i++)
        g_ptr_array_add (items, g_list_model_get_item (from_faq, i));
      g_list_store_splice (G_LIST_STORE (to_faq), 0, g_list_model_get_n_items (to_faq),
                           items->pdata, items->len);
    }
}

typedef const char *(*GetKeyFunc) (gpointer item);

/* Same keys in the same order: the caller updates items in place;
 * otherwise the list is replaced with @items as a whole. */
static gboolean
same_keys (GListStore *store,
           GPtrArray  *items,
           GetKeyFunc  get_key)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (store)) != items->len)
    return FALSE;

  for (guint i = 0; i < items->len; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (store), i);

      if (g_strcmp0 (get_key (item), get_key (g_ptr_array_index (items, i))) != 0)
        return FALSE;
    }
  return TRUE;
}

gboolean
_pd_campaign_load_json (PdRecord    *record,
                        JsonObject  *object,
                        GError     **error)
{
  PdCampaign *self = PD_CAMPAIGN (record);
  const char *name, *slug, *time_zone, *currency, *theme_id, *default_language;
  g_autoptr(GDateTime) starts_at = NULL;
  g_autoptr(GDateTime) ends_at = NULL;
  gint64 coin_value_micros, voucher_budget_coins;
  int status, funding_type;
  JsonObject *texts_object;
  JsonArray *projects_array, *blocks_array;
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) projects = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) blocks = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GList) languages = NULL;
  guint n;

  /* Read everything first: a bad field must leave the campaign untouched. */
  if (!pd_json_read_string (object, "name", FALSE, &name, error) ||
      !pd_json_read_string (object, "slug", FALSE, &slug, error) ||
      !read_enum (object, "status", PD_TYPE_CAMPAIGN_STATUS, &status, error) ||
      !pd_json_read_date_time (object, "starts_at", FALSE, &starts_at, error) ||
      !pd_json_read_date_time (object, "ends_at", FALSE, &ends_at, error) ||
      !pd_json_read_string (object, "time_zone", FALSE, &time_zone, error) ||
      !pd_json_read_string (object, "currency", FALSE, &currency, error) ||
      !pd_json_read_int (object, "coin_value_micros", FALSE, &coin_value_micros, error) ||
      !pd_json_read_int (object, "voucher_budget_coins", FALSE, &voucher_budget_coins, error) ||
      !read_enum (object, "funding_type", PD_TYPE_FUNDING_TYPE, &funding_type, error) ||
      !pd_json_read_string (object, "theme_id", TRUE, &theme_id, error) ||
      !pd_json_read_string (object, "default_language", FALSE, &default_language, error) ||
      !pd_json_read_object (object, "texts", FALSE, &texts_object, error) ||
      !pd_json_read_array (object, "projects", FALSE, &projects_array, error) ||
      !pd_json_read_array (object, "page_blocks", FALSE, &blocks_array, error))
    return FALSE;

  languages = json_object_get_members (texts_object);
  languages = g_list_sort (languages, (GCompareFunc) g_strcmp0);
  for (GList *l = languages; l != NULL; l = l->next)
    {
      PdCampaignText *text = text_from_json (l->data, json_object_get_member (texts_object, l->data), error);

      if (text == NULL)
        return FALSE;
      g_ptr_array_add (texts, text);
    }

  n = json_array_get_length (projects_array);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *entry;
      const char *project_id;
      gint64 target_coins;

      if (!element_object (projects_array, i, "projects", &entry, error) ||
          !pd_json_read_string (entry, "project_id", FALSE, &project_id, error) ||
          !pd_json_read_int (entry, "target_coins", FALSE, &target_coins, error))
        return FALSE;
      g_ptr_array_add (projects, pd_campaign_project_new (project_id, target_coins));
    }

  n = json_array_get_length (blocks_array);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *entry, *props;
      const char *id;
      int type;
      PdPageBlock *block;

      if (!element_object (blocks_array, i, "page_blocks", &entry, error) ||
          !pd_json_read_string (entry, "id", FALSE, &id, error) ||
          !read_enum (entry, "type", PD_TYPE_PAGE_BLOCK_TYPE, &type, error) ||
          !pd_json_read_object (entry, "properties", TRUE, &props, error))
        return FALSE;
      block = pd_page_block_new_with_id (id, type);
      if (props != NULL)
        pd_page_block_set_properties (block, props);
      g_ptr_array_add (blocks, block);
    }

  /* Apply. */
  pd_campaign_set_name (self, name);
  pd_campaign_set_slug (self, slug);
  pd_campaign_set_status (self, status);
  pd_campaign_set_starts_at (self, starts_at);
  pd_campaign_set_ends_at (self, ends_at);
  pd_campaign_set_time_zone (self, time_zone);
  pd_campaign_set_currency (self, currency);
  pd_campaign_set_coin_value_micros (self, coin_value_micros);
  pd_campaign_set_voucher_budget_coins (self, voucher_budget_coins);
  pd_campaign_set_funding_type (self, funding_type);
  pd_campaign_set_theme_id (self, theme_id);
  pd_campaign_set_default_language (self, default_language);

  if (same_keys (self->texts, texts, (GetKeyFunc) pd_campaign_text_get_language))
    {
      for (guint i = 0; i < texts->len; i++)
        {
          g_autoptr(PdCampaignText) live = g_list_model_get_item (G_LIST_MODEL (self->texts), i);
          update_text (live, g_ptr_array_index (texts, i));
        }
    }
  else
    g_list_store_splice (self->texts, 0, g_list_model_get_n_items (G_LIST_MODEL (self->texts)),
                         texts->pdata, texts->len);

  if (same_keys (self->projects, projects, (GetKeyFunc) pd_campaign_project_get_project_id))
    {
      for (guint i = 0; i < projects->len; i++)
        {
          g_autoptr(PdCampaignProject) live = g_list_model_get_item (G_LIST_MODEL (self->projects), i);
          pd_campaign_project_set_target_coins (live, pd_campaign_project_get_target_coins (g_ptr_array_index (projects, i)));
        }
    }
  else
    g_list_store_splice (self->projects, 0, g_list_model_get_n_items (G_LIST_MODEL (self->projects)),
                         projects->pdata, projects->len);

  if (same_keys (self->page_blocks, blocks, (GetKeyFunc) pd_page_block_get_id))
    {
      for (guint i = 0; i < blocks->len; i++)
        {
          g_autoptr(PdPageBlock) live = g_list_model_get_item (G_LIST_MODEL (self->page_blocks), i);
          PdPageBlock *block = g_ptr_array_index (blocks, i);

          pd_page_block_set_block_type (live, pd_page_block_get_block_type (block));
          pd_page_block_set_properties (live, pd_page_block_get_properties (block));
        }
    }
  else
    g_list_store_splice (self->page_blocks, 0, g_list_model_get_n_items (G_LIST_MODEL (self->page_blocks)),
                         blocks->pdata, blocks->len);

  return TRUE;
}

static gboolean
is_valid_slug (const char *slug)
{
  if (slug == NULL || *slug == '\0')
    return FALSE;
  for (const char *p = slug; *p; p++)
    if (!(g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '-'))
      return FALSE;
  return TRUE;
}

gboolean
_pd_campaign_validate (PdRecord  *record,
                       GError   **error)
{
  PdCampaign *self = PD_CAMPAIGN (record);
  g_autoptr(GTimeZone) tz = NULL;
  PdCampaignText *text;
  gint64 targets_micros = 0;
  guint n;

  if (!pd_validate_name (self->name, _("The campaign name"), error))
    return FALSE;

  if (!is_valid_slug (self->slug))
    {
      g_set_error (error, PD_VALIDATION_ERROR, PD_VALIDATION_ERROR_INVALID,
                   _("The web address name may only contain lower-case letters, digits and hyphens."));
      return FALSE;
    }

  if (self->starts_at == NULL || self->ends_at == NULL)
    {
      g_set_error (error, PD_VALIDATION_ERROR, PD_VALIDATION_ERROR_REQUIRED,
                   _("The campaign needs a start and an end."));
      return FALSE;
    }
  if (g_date_time_compare (self->ends_at, self->starts_at) <= 0)
    {
      g_set_error (error, PD_VALIDATION_ERROR, PD_VALIDATION_ERROR_PERIOD,
                   _("The campaign must end after it starts."));
      return FALSE;
    }

  tz = g_time_zone_new_identifier (self->time_zone);
  if (tz == NULL)
    {
      g_set_error (error, PD_VALIDATION_ERROR, PD_VALIDATION_ERROR_INVALID,
                   _("“%s” is not a known time zone."), self->time_zone);
      return FALSE;
    }

  if (!pd_is_valid_currency (self->currency))
    {
      g_set_error (error, PD_VALIDATION_ERROR, PD_VALIDATION_ERROR_INVALID,
                   _("“%s” is not a currency code like EUR."), self->currency);
      return FALSE;
    }

  if (self->coin_value_micros <= 0)
    {
      g_set_error (error, PD_VALIDATION_ERROR, PD_VALIDATION_ERROR_COIN_VALUE,
                   _("The value of a coin must be greater than zero."));
      return FALSE;
    }

  if (!pd_validate_not_negative (self->voucher_budget_coins, _("The voucher budget"), error) ||
      !pd_validate_money (self->voucher_budget_coins, self->coin_value_micros, NULL, _("The voucher budget"), error))
    return FALSE;

  /* Targets are shown one by one and added up, always as money: the sum
   * is bounded in micros, so in coins too. */
  n = g_list_model_get_n_items (G_LIST_MODEL (self->projects));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PdCampaignProject) item = g_list_model_get_item (G_LIST_MODEL (self->projects), i);
      gint64 target = pd_campaign_project_get_target_coins (item);

      if (!pd_validate_not_negative (target, _("A project’s donation target"), error) ||
          !pd_validate_money (target, self->coin_value_micros, NULL, _("A project’s donation target"), error) ||
          !pd_validate_money (target, self->coin_value_micros, &targets_micros, _("The sum of the donation targets"), error))
        return FALSE;
    }

  text = pd_campaign_get_text (self, self->default_language);
  if (text == NULL || *pd_campaign_text_get_title (text) == '\0')
    {
      g_set_error (error, PD_VALIDATION_ERROR, PD_VALIDATION_ERROR_LANGUAGE,
                   _("The campaign needs a title in its default language (%s)."),
                   self->default_language);
      return FALSE;
    }

  return TRUE;
}
