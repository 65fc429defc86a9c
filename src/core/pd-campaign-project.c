/* pd-campaign-project.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-campaign-project"

#include "config.h"

#include "pd-campaign-project.h"

struct _PdCampaignProject
{
  GObject  parent_instance;

  char    *project_id;
  gint64   target_coins;
};

G_DEFINE_FINAL_TYPE (PdCampaignProject, pd_campaign_project, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PROJECT_ID,
  PROP_TARGET_COINS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pd_campaign_project_finalize (GObject *object)
{
  PdCampaignProject *self = PD_CAMPAIGN_PROJECT (object);

  g_clear_pointer (&self->project_id, g_free);

  G_OBJECT_CLASS (pd_campaign_project_parent_class)->finalize (object);
}

static void
pd_campaign_project_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  PdCampaignProject *self = PD_CAMPAIGN_PROJECT (object);

  switch (prop_id)
    {
    case PROP_PROJECT_ID:
      g_value_set_string (value, self->project_id);
      break;
    case PROP_TARGET_COINS:
      g_value_set_int64 (value, self->target_coins);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_campaign_project_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  PdCampaignProject *self = PD_CAMPAIGN_PROJECT (object);

  switch (prop_id)
    {
    case PROP_PROJECT_ID:
      self->project_id = g_value_dup_string (value);
      break;
    case PROP_TARGET_COINS:
      pd_campaign_project_set_target_coins (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_campaign_project_class_init (PdCampaignProjectClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pd_campaign_project_finalize;
  object_class->get_property = pd_campaign_project_get_property;
  object_class->set_property = pd_campaign_project_set_property;

  properties[PROP_PROJECT_ID] =
    g_param_spec_string ("project-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Negative targets are representable so that validation, not a
   * g_critical, reports them. */
  properties[PROP_TARGET_COINS] =
    g_param_spec_int64 ("target-coins", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pd_campaign_project_init (PdCampaignProject *self)
{
}

PdCampaignProject *
pd_campaign_project_new (const char *project_id,
                         gint64      target_coins)
{
  g_return_val_if_fail (project_id != NULL, NULL);

  return g_object_new (PD_TYPE_CAMPAIGN_PROJECT,
                       "project-id", project_id,
                       "target-coins", target_coins,
                       NULL);
}

const char *
pd_campaign_project_get_project_id (PdCampaignProject *self)
{
  g_return_val_if_fail (PD_IS_CAMPAIGN_PROJECT (self), NULL);

  return self->project_id;
}

gint64
pd_campaign_project_get_target_coins (PdCampaignProject *self)
{
  g_return_val_if_fail (PD_IS_CAMPAIGN_PROJECT (self), 0);

  return self->target_coins;
}

void
pd_campaign_project_set_target_coins (PdCampaignProject *self,
                                      gint64             target_coins)
{
  g_return_if_fail (PD_IS_CAMPAIGN_PROJECT (self));

  if (self->target_coins == target_coins)
    return;
  self->target_coins = target_coins;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TARGET_COINS]);
}
