/* pd-campaign-stats.c
 *
 * The body of GET /v1/campaigns/<id>/stats, read strictly: a missing or
 * mistyped field, a negative count or a malformed date is an error naming
 * the field, never a silent zero, so a cached copy that is shown offline
 * is either complete or not shown. Unknown fields are ignored, as the
 * contract says. to_json() writes the same shape back, for the cache.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-campaign-stats"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "pd-campaign-stats.h"
#include "pd-json.h"

struct _PdCampaignStats
{
  GObject    parent_instance;

  gint64     vouchers_issued;
  gint64     vouchers_redeemed;
  gint64     vouchers_expired;
  gint64     coins_redeemed;
  gint64     unredeemed_coins;
  GDateTime *generated_at;
  GArray    *projects;   /* PdCampaignStatsProject */
  GArray    *days;       /* PdCampaignStatsDay, by date */
  GArray    *payouts;    /* PdCampaignStatsPayout */
};

G_DEFINE_FINAL_TYPE (PdCampaignStats, pd_campaign_stats, G_TYPE_OBJECT)

G_DEFINE_QUARK (pd-campaign-stats-error-quark, pd_campaign_stats_error)

static void
set_field_error (GError     **error,
                 const char  *field)
{
  g_set_error (error, PD_CAMPAIGN_STATS_ERROR, PD_CAMPAIGN_STATS_ERROR_INVALID,
               _("The campaign results from the platform are damaged: the field “%s” is missing or invalid."),
               field);
}

static gboolean
read_count (JsonObject  *object,
            const char  *name,
            const char  *path,
            gint64      *out,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_INT64
      || json_node_get_int (node) < 0)
    {
      set_field_error (error, path);
      return FALSE;
    }
  *out = json_node_get_int (node);
  return TRUE;
}

static const char *
read_string (JsonObject  *object,
             const char  *name,
             const char  *path,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING
      || *json_node_get_string (node) == '\0')
    {
      set_field_error (error, path);
      return NULL;
    }
  return json_node_get_string (node);
}

static JsonArray *
read_array (JsonObject  *object,
            const char  *name,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      set_field_error (error, name);
      return NULL;
    }
  return json_node_get_array (node);
}

static JsonObject *
array_object (JsonArray   *array,
              guint        index,
              const char  *name,
              GError     **error)
{
  JsonNode *node = json_array_get_element (array, index);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      set_field_error (error, name);
      return NULL;
    }
  return json_node_get_object (node);
}

static gboolean
is_date (const char *s)
{
  GDate date;
  int y, m, d;

  if (s == NULL || strlen (s) != 10 || sscanf (s, "%4d-%2d-%2d", &y, &m, &d) != 3
      || s[4] != '-' || s[7] != '-')
    return FALSE;
  g_date_clear (&date, 1);
  return g_date_valid_dmy (d, m, y);
}

static void
clear_project (PdCampaignStatsProject *p)
{
  g_free (p->project_id);
}

static void
clear_day (PdCampaignStatsDay *d)
{
  g_free (d->date);
}

static void
clear_payout (PdCampaignStatsPayout *p)
{
  g_free (p->project_id);
  g_free (p->currency);
}

static int
compare_days (gconstpointer a,
              gconstpointer b)
{
  return strcmp (((const PdCampaignStatsDay *) a)->date, ((const PdCampaignStatsDay *) b)->date);
}

static gboolean
load (PdCampaignStats  *self,
      JsonObject       *root,
      GError          **error)
{
  JsonArray *array;
  const char *generated;

  if (!read_count (root, "vouchers_issued", "vouchers_issued", &self->vouchers_issued, error)
      || !read_count (root, "vouchers_redeemed", "vouchers_redeemed", &self->vouchers_redeemed, error)
      || !read_count (root, "vouchers_expired", "vouchers_expired", &self->vouchers_expired, error)
      || !read_count (root, "coins_redeemed", "coins_redeemed", &self->coins_redeemed, error)
      || !read_count (root, "unredeemed_coins", "unredeemed_coins", &self->unredeemed_coins, error))
    return FALSE;

  generated = read_string (root, "generated_at", "generated_at", error);
  if (generated == NULL)
    return FALSE;
  self->generated_at = g_date_time_new_from_iso8601 (generated, NULL);
  if (self->generated_at == NULL)
    {
      set_field_error (error, "generated_at");
      return FALSE;
    }

  if ((array = read_array (root, "projects", error)) == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = array_object (array, i, "projects", error);
      PdCampaignStatsProject *p;
      const char *id;
      gint64 coins, target;

      if (o == NULL || (id = read_string (o, "project_id", "projects.project_id", error)) == NULL
          || !read_count (o, "coins", "projects.coins", &coins, error)
          || !read_count (o, "target_coins", "projects.target_coins", &target, error))
        return FALSE;
      /* Filled in place, so the array owns the strings from the start. */
      g_array_set_size (self->projects, self->projects->len + 1);
      p = &g_array_index (self->projects, PdCampaignStatsProject, self->projects->len - 1);
      p->project_id = g_strdup (id);
      p->coins = coins;
      p->target_coins = target;
    }

  if ((array = read_array (root, "timeline", error)) == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = array_object (array, i, "timeline", error);
      PdCampaignStatsDay *d;
      const char *date;
      gint64 redemptions, coins;

      if (o == NULL || (date = read_string (o, "date", "timeline.date", error)) == NULL
          || !read_count (o, "redemptions", "timeline.redemptions", &redemptions, error)
          || !read_count (o, "coins", "timeline.coins", &coins, error))
        return FALSE;
      if (!is_date (date))
        {
          set_field_error (error, "timeline.date");
          return FALSE;
        }
      g_array_set_size (self->days, self->days->len + 1);
      d = &g_array_index (self->days, PdCampaignStatsDay, self->days->len - 1);
      d->date = g_strdup (date);
      d->redemptions = redemptions;
      d->coins = coins;
    }
  g_array_sort (self->days, compare_days);

  if ((array = read_array (root, "payouts_due", error)) == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = array_object (array, i, "payouts_due", error);
      PdCampaignStatsPayout *p;
      const char *id;
      const char *currency;
      gint64 amount;

      if (o == NULL || (id = read_string (o, "project_id", "payouts_due.project_id", error)) == NULL
          || !read_count (o, "amount_micros", "payouts_due.amount_micros", &amount, error)
          || (currency = read_string (o, "currency", "payouts_due.currency", error)) == NULL)
        return FALSE;
      g_array_set_size (self->payouts, self->payouts->len + 1);
      p = &g_array_index (self->payouts, PdCampaignStatsPayout, self->payouts->len - 1);
      p->project_id = g_strdup (id);
      p->amount_micros = amount;
      p->currency = g_strdup (currency);
    }

  return TRUE;
}

static void
pd_campaign_stats_finalize (GObject *object)
{
  PdCampaignStats *self = PD_CAMPAIGN_STATS (object);

  g_clear_pointer (&self->generated_at, g_date_time_unref);
  g_clear_pointer (&self->projects, g_array_unref);
  g_clear_pointer (&self->days, g_array_unref);
  g_clear_pointer (&self->payouts, g_array_unref);

  G_OBJECT_CLASS (pd_campaign_stats_parent_class)->finalize (object);
}

static void
pd_campaign_stats_class_init (PdCampaignStatsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pd_campaign_stats_finalize;
}

static void
pd_campaign_stats_init (PdCampaignStats *self)
{
  self->projects = g_array_new (FALSE, TRUE, sizeof (PdCampaignStatsProject));
  g_array_set_clear_func (self->projects, (GDestroyNotify) clear_project);
  self->days = g_array_new (FALSE, TRUE, sizeof (PdCampaignStatsDay));
  g_array_set_clear_func (self->days, (GDestroyNotify) clear_day);
  self->payouts = g_array_new (FALSE, TRUE, sizeof (PdCampaignStatsPayout));
  g_array_set_clear_func (self->payouts, (GDestroyNotify) clear_payout);
}

/**
 * pd_campaign_stats_new_from_json:
 * @node: the stats object
 *
 * Returns: (transfer full) (nullable): the stats, or %NULL with @error
 */
PdCampaignStats *
pd_campaign_stats_new_from_json (JsonNode  *node,
                                 GError   **error)
{
  g_autoptr(PdCampaignStats) self = NULL;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, PD_CAMPAIGN_STATS_ERROR, PD_CAMPAIGN_STATS_ERROR_INVALID,
                           _("The campaign results from the platform are damaged."));
      return NULL;
    }

  self = g_object_new (PD_TYPE_CAMPAIGN_STATS, NULL);
  if (!load (self, json_node_get_object (node), error))
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * pd_campaign_stats_new_from_string:
 *
 * Returns: (transfer full) (nullable): the stats in @json, or %NULL
 */
PdCampaignStats *
pd_campaign_stats_new_from_string (const char  *json,
                                   GError     **error)
{
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (json != NULL, NULL);

  root = pd_json_parse (json, -1, NULL);
  if (root == NULL)
    {
      g_set_error_literal (error, PD_CAMPAIGN_STATS_ERROR, PD_CAMPAIGN_STATS_ERROR_INVALID,
                           _("The campaign results from the platform are damaged."));
      return NULL;
    }
  return pd_campaign_stats_new_from_json (root, error);
}

/**
 * pd_campaign_stats_to_json:
 *
 * Returns: (transfer full): the stats in the platform's shape
 */
JsonNode *
pd_campaign_stats_to_json (PdCampaignStats *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *generated = NULL;

  g_return_val_if_fail (PD_IS_CAMPAIGN_STATS (self), NULL);

  generated = g_date_time_format_iso8601 (self->generated_at);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "vouchers_issued");
  json_builder_add_int_value (b, self->vouchers_issued);
  json_builder_set_member_name (b, "vouchers_redeemed");
  json_builder_add_int_value (b, self->vouchers_redeemed);
  json_builder_set_member_name (b, "vouchers_expired");
  json_builder_add_int_value (b, self->vouchers_expired);
  json_builder_set_member_name (b, "coins_redeemed");
  json_builder_add_int_value (b, self->coins_redeemed);
  json_builder_set_member_name (b, "unredeemed_coins");
  json_builder_add_int_value (b, self->unredeemed_coins);

  json_builder_set_member_name (b, "projects");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->projects->len; i++)
    {
      const PdCampaignStatsProject *p = &g_array_index (self->projects, PdCampaignStatsProject, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "project_id");
      json_builder_add_string_value (b, p->project_id);
      json_builder_set_member_name (b, "coins");
      json_builder_add_int_value (b, p->coins);
      json_builder_set_member_name (b, "target_coins");
      json_builder_add_int_value (b, p->target_coins);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "timeline");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->days->len; i++)
    {
      const PdCampaignStatsDay *d = &g_array_index (self->days, PdCampaignStatsDay, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "date");
      json_builder_add_string_value (b, d->date);
      json_builder_set_member_name (b, "redemptions");
      json_builder_add_int_value (b, d->redemptions);
      json_builder_set_member_name (b, "coins");
      json_builder_add_int_value (b, d->coins);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "payouts_due");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->payouts->len; i++)
    {
      const PdCampaignStatsPayout *p = &g_array_index (self->payouts, PdCampaignStatsPayout, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "project_id");
      json_builder_add_string_value (b, p->project_id);
      json_builder_set_member_name (b, "amount_micros");
      json_builder_add_int_value (b, p->amount_micros);
      json_builder_set_member_name (b, "currency");
      json_builder_add_string_value (b, p->currency);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "generated_at");
  json_builder_add_string_value (b, generated);
  json_builder_end_object (b);

  return json_builder_get_root (b);
}

#define GETTER(field) \
  gint64 \
  pd_campaign_stats_get_##field (PdCampaignStats *self) \
  { \
    g_return_val_if_fail (PD_IS_CAMPAIGN_STATS (self), 0); \
    return self->field; \
  }

GETTER (vouchers_issued)
GETTER (vouchers_redeemed)
GETTER (vouchers_expired)
GETTER (coins_redeemed)
GETTER (unredeemed_coins)

#undef GETTER

/* (transfer none) */
GDateTime *
pd_campaign_stats_get_generated_at (PdCampaignStats *self)
{
  g_return_val_if_fail (PD_IS_CAMPAIGN_STATS (self), NULL);

  return self->generated_at;
}

guint
pd_campaign_stats_get_n_projects (PdCampaignStats *self)
{
  g_return_val_if_fail (PD_IS_CAMPAIGN_STATS (self), 0);

  return self->projects->len;
}

const PdCampaignStatsProject *
pd_campaign_stats_get_project (PdCampaignStats *self,
                               guint            index)
{
  g_return_val_if_fail (PD_IS_CAMPAIGN_STATS (self), NULL);
  g_return_val_if_fail (index < self->projects->len, NULL);

  return &g_array_index (self->projects, PdCampaignStatsProject, index);
}

guint
pd_campaign_stats_get_n_days (PdCampaignStats *self)
{
  g_return_val_if_fail (PD_IS_CAMPAIGN_STATS (self), 0);

  return self->days->len;
}

/* Days come in date order, whatever order the platform sent. */
const PdCampaignStatsDay *
pd_campaign_stats_get_day (PdCampaignStats *self,
                           guint            index)
{
  g_return_val_if_fail (PD_IS_CAMPAIGN_STATS (self), NULL);
  g_return_val_if_fail (index < self->days->len, NULL);

  return &g_array_index (self->days, PdCampaignStatsDay, index);
}

guint
pd_campaign_stats_get_n_payouts (PdCampaignStats *self)
{
  g_return_val_if_fail (PD_IS_CAMPAIGN_STATS (self), 0);

  return self->payouts->len;
}

const PdCampaignStatsPayout *
pd_campaign_stats_get_payout (PdCampaignStats *self,
                              guint            index)
{
  g_return_val_if_fail (PD_IS_CAMPAIGN_STATS (self), NULL);
  g_return_val_if_fail (index < self->payouts->len, NULL);

  return &g_array_index (self->payouts, PdCampaignStatsPayout, index);
}
