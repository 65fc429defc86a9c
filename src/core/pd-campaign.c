/* pd-campaign.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-campaign"

#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "pd-campaign-private.h"
#include "pd-clock.h"
#include "pd-core-private.h"
#include "pd-json.h"
#include "pd-validation.h"

G_DEFINE_FINAL_TYPE (PdCampaign, pd_campaign, PD_TYPE_RECORD)

enum {
  PROP_0,
  PROP_NAME,
  PROP_SLUG,
  PROP_STATUS,
  PROP_STARTS_AT,
  PROP_ENDS_AT,
  PROP_TIME_ZONE,
  PROP_CURRENCY,
  PROP_COIN_VALUE_MICROS,
  PROP_VOUCHER_BUDGET_COINS,
  PROP_FUNDING_TYPE,
  PROP_THEME_ID,
  PROP_DEFAULT_LANGUAGE,
  PROP_PROJECTS,
  PROP_PAGE_BLOCKS,
  PROP_TEXTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pd_campaign_dispose (GObject *object)
{
  PdCampaign *self = PD_CAMPAIGN (object);

  g_clear_object (&self->projects);
  g_clear_object (&self->page_blocks);
  g_clear_object (&self->texts);

  G_OBJECT_CLASS (pd_campaign_parent_class)->dispose (object);
}

static void
pd_campaign_finalize (GObject *object)
{
  PdCampaign *self = PD_CAMPAIGN (object);

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->slug, g_free);
  g_clear_pointer (&self->starts_at, g_date_time_unref);
  g_clear_pointer (&self->ends_at, g_date_time_unref);
  g_clear_pointer (&self->time_zone, g_free);
  g_clear_pointer (&self->currency, g_free);
  g_clear_pointer (&self->theme_id, g_free);
  g_clear_pointer (&self->default_language, g_free);

  G_OBJECT_CLASS (pd_campaign_parent_class)->finalize (object);
}

static void
pd_campaign_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  PdCampaign *self = PD_CAMPAIGN (object);

  switch (prop_id)
    {
    case PROP_NAME: g_value_set_string (value, self->name); break;
    case PROP_SLUG: g_value_set_string (value, self->slug); break;
    case PROP_STATUS: g_value_set_enum (value, self->status); break;
    case PROP_STARTS_AT: g_value_set_boxed (value, self->starts_at); break;
    case PROP_ENDS_AT: g_value_set_boxed (value, self->ends_at); break;
    case PROP_TIME_ZONE: g_value_set_string (value, self->time_zone); break;
    case PROP_CURRENCY: g_value_set_string (value, self->currency); break;
    case PROP_COIN_VALUE_MICROS: g_value_set_int64 (value, self->coin_value_micros); break;
    case PROP_VOUCHER_BUDGET_COINS: g_value_set_int64 (value, self->voucher_budget_coins); break;
    case PROP_FUNDING_TYPE: g_value_set_enum (value, self->funding_type); break;
    case PROP_THEME_ID: g_value_set_string (value, self->theme_id); break;
    case PROP_DEFAULT_LANGUAGE: g_value_set_string (value, self->default_language); break;
    case PROP_PROJECTS: g_value_set_object (value, self->projects); break;
    case PROP_PAGE_BLOCKS: g_value_set_object (value, self->page_blocks); break;
    case PROP_TEXTS: g_value_set_object (value, self->texts); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_campaign_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  PdCampaign *self = PD_CAMPAIGN (object);

  switch (prop_id)
    {
    case PROP_NAME: pd_campaign_set_name (self, g_value_get_string (value)); break;
    case PROP_SLUG: pd_campaign_set_slug (self, g_value_get_string (value)); break;
    case PROP_STATUS: pd_campaign_set_status (self, g_value_get_enum (value)); break;
    case PROP_STARTS_AT: pd_campaign_set_starts_at (self, g_value_get_boxed (value)); break;
    case PROP_ENDS_AT: pd_campaign_set_ends_at (self, g_value_get_boxed (value)); break;
    case PROP_TIME_ZONE: pd_campaign_set_time_zone (self, g_value_get_string (value)); break;
    case PROP_CURRENCY: pd_campaign_set_currency (self, g_value_get_string (value)); break;
    case PROP_COIN_VALUE_MICROS: pd_campaign_set_coin_value_micros (self, g_value_get_int64 (value)); break;
    case PROP_VOUCHER_BUDGET_COINS: pd_campaign_set_voucher_budget_coins (self, g_value_get_int64 (value)); break;
    case PROP_FUNDING_TYPE: pd_campaign_set_funding_type (self, g_value_get_enum (value)); break;
    case PROP_THEME_ID: pd_campaign_set_theme_id (self, g_value_get_string (value)); break;
    case PROP_DEFAULT_LANGUAGE: pd_campaign_set_default_language (self, g_value_get_string (value)); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_campaign_class_init (PdCampaignClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  PdRecordClass *record_class = PD_RECORD_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = pd_campaign_dispose;
  object_class->finalize = pd_campaign_finalize;
  object_class->get_property = pd_campaign_get_property;
  object_class->set_property = pd_campaign_set_property;

  record_class->kind = "campaign";
  record_class->to_json = _pd_campaign_to_json;
  record_class->load_json = _pd_campaign_load_json;
  record_class->validate = _pd_campaign_validate;

  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, "", flags);
  properties[PROP_SLUG] = g_param_spec_string ("slug", NULL, NULL, "", flags);
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL, PD_TYPE_CAMPAIGN_STATUS, PD_CAMPAIGN_STATUS_DRAFT, flags);
  properties[PROP_STARTS_AT] = g_param_spec_boxed ("starts-at", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_ENDS_AT] = g_param_spec_boxed ("ends-at", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_TIME_ZONE] = g_param_spec_string ("time-zone", NULL, NULL, PD_DEFAULT_TIME_ZONE, flags);
  properties[PROP_CURRENCY] = g_param_spec_string ("currency", NULL, NULL, PD_DEFAULT_CURRENCY, flags);
  /* Out-of-range money is representable so validation can explain it. */
  properties[PROP_COIN_VALUE_MICROS] =
    g_param_spec_int64 ("coin-value-micros", NULL, NULL, G_MININT64, G_MAXINT64,
                        PD_DEFAULT_COIN_VALUE_MICROS, flags);
  properties[PROP_VOUCHER_BUDGET_COINS] =
    g_param_spec_int64 ("voucher-budget-coins", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_FUNDING_TYPE] =
    g_param_spec_enum ("funding-type", NULL, NULL, PD_TYPE_FUNDING_TYPE, PD_FUNDING_TYPE_DONATION, flags);
  properties[PROP_THEME_ID] = g_param_spec_string ("theme-id", NULL, NULL, NULL, flags);
  properties[PROP_DEFAULT_LANGUAGE] =
    g_param_spec_string ("default-language", NULL, NULL, PD_DEFAULT_LANGUAGE, flags);
  properties[PROP_PROJECTS] =
    g_param_spec_object ("projects", NULL, NULL, G_TYPE_LIST_MODEL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PAGE_BLOCKS] =
    g_param_spec_object ("page-blocks", NULL, NULL, G_TYPE_LIST_MODEL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TEXTS] =
    g_param_spec_object ("texts", NULL, NULL, G_TYPE_LIST_MODEL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pd_campaign_init (PdCampaign *self)
{
  self->name = g_strdup ("");
  self->slug = g_strdup ("");
  self->status = PD_CAMPAIGN_STATUS_DRAFT;
  self->time_zone = g_strdup (PD_DEFAULT_TIME_ZONE);
  self->currency = g_strdup (PD_DEFAULT_CURRENCY);
  self->coin_value_micros = PD_DEFAULT_COIN_VALUE_MICROS;
  self->funding_type = PD_FUNDING_TYPE_DONATION;
  self->default_language = g_strdup (PD_DEFAULT_LANGUAGE);
  self->projects = g_list_store_new (PD_TYPE_CAMPAIGN_PROJECT);
  self->page_blocks = g_list_store_new (PD_TYPE_PAGE_BLOCK);
  self->texts = g_list_store_new (PD_TYPE_CAMPAIGN_TEXT);
}

/* A fresh campaign starts in a week, at midnight in its time zone, and runs
 * for four weeks: a valid period the manager then adjusts. */
static void
set_default_period (PdCampaign *self)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (self->time_zone);
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;

  if (tz == NULL)
    tz = g_time_zone_new_utc ();
  now = pd_now (tz);
  start = g_date_time_new (tz, g_date_time_get_year (now), g_date_time_get_month (now),
                           g_date_time_get_day_of_month (now), 0, 0, 0);
  g_clear_pointer (&now, g_date_time_unref);
  now = g_date_time_add_days (start, 7);
  end = g_date_time_add_days (now, 28);
  pd_campaign_set_starts_at (self, now);
  pd_campaign_set_ends_at (self, end);
}

PdCampaign *
pd_campaign_new (void)
{
  return pd_campaign_new_with_id (NULL);
}

PdCampaign *
pd_campaign_new_with_id (const char *id)
{
  PdCampaign *self = g_object_new (PD_TYPE_CAMPAIGN, "id", id, NULL);

  set_default_period (self);
  pd_campaign_ensure_text (self, PD_DEFAULT_LANGUAGE);
  return self;
}

/* "Weihnachten für alle 2026" → "weihnachten-fur-alle-2026" */
char *
pd_campaign_slugify (const char *text)
{
  g_autofree char *ascii = NULL;
  GString *slug = g_string_new (NULL);
  gboolean dash = FALSE;

  if (text == NULL)
    return g_string_free (slug, FALSE);

  ascii = g_str_to_ascii (text, "C");
  for (const char *p = ascii; *p; p++)
    {
      if (g_ascii_isalnum (*p))
        {
          if (dash && slug->len > 0)
            g_string_append_c (slug, '-');
          g_string_append_c (slug, g_ascii_tolower (*p));
          dash = FALSE;
        }
      else
        dash = TRUE;
    }

  /* A long name is cut at a word, as the platform takes no more. */
  if (slug->len > PD_CAMPAIGN_SLUG_MAX)
    {
      const char *cut;

      g_string_truncate (slug, PD_CAMPAIGN_SLUG_MAX + 1);
      cut = strrchr (slug->str, '-');
      g_string_truncate (slug, cut != NULL && cut != slug->str ? (gsize) (cut - slug->str) : PD_CAMPAIGN_SLUG_MAX);
    }
  return g_string_free (slug, FALSE);
}

gboolean
pd_campaign_get_slug_follows_name (PdCampaign *self)
{
  g_autofree char *from_name = NULL;

  g_return_val_if_fail (PD_IS_CAMPAIGN (self), FALSE);

  if (self->status != PD_CAMPAIGN_STATUS_DRAFT)
    return FALSE;
  from_name = pd_campaign_slugify (self->name);
  return g_strcmp0 (self->slug, from_name) == 0;
}

const char *
pd_campaign_get_name (PdCampaign *self)
{
  g_return_val_if_fail (PD_IS_CAMPAIGN (self), NULL);
  return self->name;
}

void
pd_campaign_set_name (PdCampaign *self,
                      const char *name)
{
  gboolean follows;

  g_return_if_fail (PD_IS_CAMPAIGN (self));

  /* Printed vouchers carry <donor page>/<slug>/redeem?code=…: the slug
   * of a published campaign stays what it is. */
  follows = pd_campaign_get_slug_follows_name (self);
  if (!pd_set_text (&self->name, name))
    return;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);

  if (follows)
    {
      g_autofree char *new_slug = pd_campaign_slugify (self->name);
      pd_campaign_set_slug (self, new_slug);
    }
}

const char *
pd_campaign_get_slug (PdCampaign *self)
{
  g_return_val_if_fail (PD_IS_CAMPAIGN (self), NULL);
  return self->slug;
}

void
pd_campaign_set_slug (PdCampaign *self,
                      const char *slug)
{
  g_return_if_fail (PD_IS_CAMPAIGN (self));

  if (pd_set_text (&self->slug, slug))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SLUG]);
}

PdCampaignStatus
pd_campaign_get_status (PdCampaign *self)
{
  g_return_val_if_fail (PD_IS_CAMPAIGN (self), PD_CAMPAIGN_STATUS_DRAFT);
  return self->status;
}

void
pd_campaign_set_status (PdCampaign       *self,
                        PdCampaignStatus  status)
{
  g_return_if_fail (PD_IS_CAMPAIGN (self));

  if (self->status == status)
    return;
  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

static gboolean
set_date_time (GDateTime **field,
               GDateTime  *value)
{
  if (*field == value || (*field != NULL && value != NULL && g_date_time_equal (*field, value) &&
                          g_date_time_get_utc_offset (*field) == g_date_time_get_utc_offset (value)))
    return FALSE;

  g_clear_pointer (field, g_date_time_unref);
  *field = value != NULL ? g_date_time_ref (value) : NULL;
  return TRUE;
}

GDateTime *
pd_campaign_get_starts_at (PdCampaign *self)
{
  g_return_val_if_fail (PD_IS_CAMPAIGN (self), NULL);
  return self->starts_at;
}

void
pd_campaign_set_starts_at (PdCampaign *self,
                           GDateTime  *starts_at)
{
  g_return_if_fail (PD_IS_CAMPAIGN (self));

  if (set_date_time (&self->starts_at, starts_at))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STARTS_AT]);
}

GDateTime *
pd_campaign_get_ends_at (PdCampaign *self)
{
  g_return_val_if_fail (PD_IS_CAMPAIGN (self), NULL);
  return self->ends_at;
}

void
pd_campaign_set_ends_at (PdCampaign *self,
                         GDateTime  *ends_at)
{
  g_return_if_fail (PD_IS_CAMPAIGN (self));

  if (set_date_time (&self->ends_at, ends_at))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENDS_AT]);
}

#define STRING_ACCESSORS(field, FIELD, not_null)                                  \
const char *                                                                     \
pd_campaign_get_##field (PdCampaign *self)                                       \
{                                                                                \
  g_return_val_if_fail (PD_IS_CAMPAIGN (self), NULL);                            \
  return self->field;                                                            \
}                                                                                \
void                                                                             \
pd_campaign_set_##field (PdCampaign *self,                                       \
                         const char *value)                                      \
{                                                                                \
  g_return_if_fail (PD_IS_CAMPAIGN (self));                                      \
  if (not_null ? pd_set_text (&self->field, value) : pd_set_str (&self->field, value)) \
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_##FIELD]);        \
}

STRING_ACCESSORS (time_zone, TIME_ZONE, TRUE)
STRING_ACCESSORS (currency, CURRENCY, TRUE)
STRING_ACCESSORS (default_language, DEFAULT_LANGUAGE, TRUE)

const char *
pd_campaign_get_theme_id (PdCampaign *self)
{
  g_return_val_if_fail (PD_IS_CAMPAIGN (self), NULL);
  return self->theme_id;
}

void
pd_campaign_set_theme_id (PdCampaign *self,
                          const char *theme_id)
{
  g_return_if_fail (PD_IS_CAMPAIGN (self));

  /* "" and NULL both mean "no theme". */
  if (theme_id != NULL && *theme_id == '\0')
    theme_id = NULL;
  if (pd_set_str (&self->theme_id, theme_id))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_THEME_ID]);
}

gint64
pd_campaign_get_coin_value_micros (PdCampaign *self)
{
  g_return_val_if_fail (PD_IS_CAMPAIGN (self), 0);
  return self->coin_value_micros;
}

void
pd_campaign_set_coin_value_micros (PdCampaign *self,
                                   gint64      micros)
{
  g_return_if_fail (PD_IS_CAMPAIGN (self));

  if (self->coin_value_micros == micros)
    return;
  self->coin_value_micros = micros;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COIN_VALUE_MICROS]);
}

gint64
pd_campaign_get_voucher_budget_coins (PdCampaign *self)
{
  g_return_val_if_fail (PD_IS_CAMPAIGN (self), 0);
  return self->voucher_budget_coins;
}

void
pd_campaign_set_voucher_budget_coins (PdCampaign *self,
                                      gint64      coins)
{
  g_return_if_fail (PD_IS_CAMPAIGN (self));

  if (self->voucher_budget_coins == coins)
    return;
  self->voucher_budget_coins = coins;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VOUCHER_BUDGET_COINS]);
}

PdFundingType
pd_campaign_get_funding_type (PdCampaign *self)
{
  g_return_val_if_fail (PD_IS_CAMPAIGN (self), PD_FUNDING_TYPE_DONATION);
  return self->funding_type;
}

void
pd_campaign_set_funding_type (PdCampaign    *self,
                              PdFundingType  funding_type)
{
  g_return_if_fail (PD_IS_CAMPAIGN (self));

  if (self->funding_type == funding_type)
    return;
  self->funding_type = funding_type;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FUNDING_TYPE]);
}

/* --- Lists --------------------------------------------------------------*/

static void
move_item (GListStore *store,
           guint       from,
           guint       to)
{
  g_autoptr(GObject) item = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (store));

  g_return_if_fail (from < n && to < n);

  if (from == to)
    return;
  item = g_list_model_get_item (G_LIST_MODEL (store), from);
  g_list_store_remove (store, from);
  g_list_store_insert (store, to, item);
}

GListModel *
pd_campaign_get_projects (PdCampaign *self)
{
  g_return_val_if_fail (PD_IS_CAMPAIGN (self), NULL);
  return G_LIST_MODEL (self->projects);
}

PdCampaignProject *
pd_campaign_find_project (PdCampaign *self,
                          const char *project_id,
                          guint      *position)
{
  guint n;

  g_return_val_if_fail (PD_IS_CAMPAIGN (self), NULL);
  g_return_val_if_fail (project_id != NULL, NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->projects));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PdCampaignProject) item = g_list_model_get_item (G_LIST_MODEL (self->projects), i);

      if (g_strcmp0 (pd_campaign_project_get_project_id (item), project_id) == 0)
        {
          if (position != NULL)
            *position = i;
          return item; /* the list keeps it alive */
        }
    }
  return NULL;
}

PdCampaignProject *
pd_campaign_add_project (PdCampaign *self,
                         const char *project_id,
                         gint64      target_coins,
                         guint       position)
{
  g_autoptr(PdCampaignProject) item = NULL;
  PdCampaignProject *existing;
  guint n;

  g_return_val_if_fail (PD_IS_CAMPAIGN (self), NULL);
  g_return_val_if_fail (project_id != NULL, NULL);

  existing = pd_campaign_find_project (self, project_id, NULL);
  if (existing != NULL)
    return existing;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->projects));
  item = pd_campaign_project_new (project_id, target_coins);
  g_list_store_insert (self->projects, MIN (position, n), item);
  return item;
}

gboolean
pd_campaign_remove_project (PdCampaign *self,
                            const char *project_id)
{
  guint position;

  g_return_val_if_fail (PD_IS_CAMPAIGN (self), FALSE);

  if (pd_campaign_find_project (self, project_id, &position) == NULL)
    return FALSE;
  g_list_store_remove (self->projects, position);
  return TRUE;
}

void
pd_campaign_move_project (PdCampaign *self,
                          guint       from,
                          guint       to)
{
  g_return_if_fail (PD_IS_CAMPAIGN (self));
  move_item (self->projects, from, to);
}

GListModel *
pd_campaign_get_page_blocks (PdCampaign *self)
{
  g_return_val_if_fail (PD_IS_CAMPAIGN (self), NULL);
  return G_LIST_MODEL (self->page_blocks);
}

PdPageBlock *
pd_campaign_find_page_block (PdCampaign *self,
                             const char *block_id,
                             guint      *position)
{
  guint n;

  g_return_val_if_fail (PD_IS_CAMPAIGN (self), NULL);
  g_return_val_if_fail (block_id != NULL, NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->page_blocks));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PdPageBlock) block = g_list_model_get_item (G_LIST_MODEL (self->page_blocks), i);

      if (g_strcmp0 (pd_page_block_get_id (block), block_id) == 0)
        {
          if (position != NULL)
            *position = i;
          return block;
        }
    }
  return NULL;
}

void
pd_campaign_insert_page_block (PdCampaign  *self,
                               PdPageBlock *block,
                               guint        position)
{
  guint n;

  g_return_if_fail (PD_IS_CAMPAIGN (self));
  g_return_if_fail (PD_IS_PAGE_BLOCK (block));
  g_return_if_fail (pd_campaign_find_page_block (self, pd_page_block_get_id (block), NULL) == NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->page_blocks));
  g_list_store_insert (self->page_blocks, MIN (position, n), block);
}

gboolean
pd_campaign_remove_page_block (PdCampaign *self,
                               const char *block_id)
{
  guint position;

  g_return_val_if_fail (PD_IS_CAMPAIGN (self), FALSE);

  if (pd_campaign_find_page_block (self, block_id, &position) == NULL)
    return FALSE;
  g_list_store_remove (self->page_blocks, position);
  return TRUE;
}

void
pd_campaign_move_page_block (PdCampaign *self,
                             guint       from,
                             guint       to)
{
  g_return_if_fail (PD_IS_CAMPAIGN (self));
  move_item (self->page_blocks, from, to);
}

GListModel *
pd_campaign_get_texts (PdCampaign *self)
{
  g_return_val_if_fail (PD_IS_CAMPAIGN (self), NULL);
  return G_LIST_MODEL (self->texts);
}

static PdCampaignText *
find_text (PdCampaign *self,
           const char *language,
           guint      *position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->texts));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PdCampaignText) text = g_list_model_get_item (G_LIST_MODEL (self->texts), i);
      int cmp = g_strcmp0 (pd_campaign_text_get_language (text), language);

      if (cmp >= 0)
        {
          if (position != NULL)
            *position = i;
          return cmp == 0 ? text : NULL;
        }
    }
  if (position != NULL)
    *position = n;
  return NULL;
}

PdCampaignText *
pd_campaign_get_text (PdCampaign *self,
                      const char *language)
{
  g_return_val_if_fail (PD_IS_CAMPAIGN (self), NULL);
  g_return_val_if_fail (language != NULL, NULL);

  return find_text (self, language, NULL);
}

PdCampaignText *
pd_campaign_ensure_text (PdCampaign *self,
                         const char *language)
{
  g_autoptr(PdCampaignText) text = NULL;
  PdCampaignText *existing;
  guint position;

  g_return_val_if_fail (PD_IS_CAMPAIGN (self), NULL);
  g_return_val_if_fail (language != NULL && *language != '\0', NULL);

  existing = find_text (self, language, &position);
  if (existing != NULL)
    return existing;

  text = pd_campaign_text_new (language);
  g_list_store_insert (self->texts, position, text);
  return text;
}

gboolean
pd_campaign_remove_text (PdCampaign *self,
                         const char *language)
{
  guint position;

  g_return_val_if_fail (PD_IS_CAMPAIGN (self), FALSE);

  if (find_text (self, language, &position) == NULL)
    return FALSE;
  g_list_store_remove (self->texts, position);
  return TRUE;
}
