/* pd-preflight-item.c
 *
 * Immutable, so the checklist can hand its items to list views without
 * change notifications: a new check run makes new items.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-preflight"

#include "config.h"

#include "pd-preflight-item.h"

struct _PdPreflightItem
{
  GObject              parent_instance;

  char                *check;
  PdPreflightSeverity  severity;
  char                *message;
};

G_DEFINE_FINAL_TYPE (PdPreflightItem, pd_preflight_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CHECK,
  PROP_SEVERITY,
  PROP_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pd_preflight_item_finalize (GObject *object)
{
  PdPreflightItem *self = PD_PREFLIGHT_ITEM (object);

  g_free (self->check);
  g_free (self->message);

  G_OBJECT_CLASS (pd_preflight_item_parent_class)->finalize (object);
}

static void
pd_preflight_item_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  PdPreflightItem *self = PD_PREFLIGHT_ITEM (object);

  switch (prop_id)
    {
    case PROP_CHECK:
      g_value_set_string (value, self->check);
      break;
    case PROP_SEVERITY:
      g_value_set_int (value, self->severity);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_preflight_item_class_init (PdPreflightItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pd_preflight_item_finalize;
  object_class->get_property = pd_preflight_item_get_property;

  properties[PROP_CHECK] =
    g_param_spec_string ("check", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEVERITY] =
    g_param_spec_int ("severity", NULL, NULL, PD_PREFLIGHT_OK, PD_PREFLIGHT_ERROR, PD_PREFLIGHT_OK,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pd_preflight_item_init (PdPreflightItem *self)
{
}

/**
 * pd_preflight_item_new:
 *
 * Returns: (transfer full): a checklist item
 */
PdPreflightItem *
pd_preflight_item_new (const char          *check,
                       PdPreflightSeverity  severity,
                       const char          *message)
{
  PdPreflightItem *self;

  g_return_val_if_fail (check != NULL, NULL);
  g_return_val_if_fail (message != NULL, NULL);

  self = g_object_new (PD_TYPE_PREFLIGHT_ITEM, NULL);
  self->check = g_strdup (check);
  self->severity = severity;
  self->message = g_strdup (message);
  return self;
}

const char *
pd_preflight_item_get_check (PdPreflightItem *self)
{
  g_return_val_if_fail (PD_IS_PREFLIGHT_ITEM (self), NULL);

  return self->check;
}

PdPreflightSeverity
pd_preflight_item_get_severity (PdPreflightItem *self)
{
  g_return_val_if_fail (PD_IS_PREFLIGHT_ITEM (self), PD_PREFLIGHT_ERROR);

  return self->severity;
}

const char *
pd_preflight_item_get_message (PdPreflightItem *self)
{
  g_return_val_if_fail (PD_IS_PREFLIGHT_ITEM (self), NULL);

  return self->message;
}
