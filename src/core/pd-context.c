/* pd-context.c
 *
 * One object that carries the shared services (settings, data folder, and
 * later the store and the sync engine) to whoever needs them, so that no
 * layer reaches for globals.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-context"

#include "config.h"

#include <glib/gstdio.h>

#include "pd-context.h"

struct _PdContext
{
  GObject    parent_instance;

  char      *data_dir;
  GSettings *settings;
};

G_DEFINE_FINAL_TYPE (PdContext, pd_context, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DATA_DIR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pd_context_constructed (GObject *object)
{
  PdContext *self = PD_CONTEXT (object);

  G_OBJECT_CLASS (pd_context_parent_class)->constructed (object);

  if (self->data_dir == NULL)
    self->data_dir = pd_context_default_data_dir ();

  /* Client data is private: nobody else on the machine may list it. */
  if (g_mkdir_with_parents (self->data_dir, 0700) != 0)
    g_warning ("Could not create %s: %s", self->data_dir, g_strerror (errno));
  else
    g_chmod (self->data_dir, 0700);

  self->settings = g_settings_new (APPLICATION_ID);
}

static void
pd_context_finalize (GObject *object)
{
  PdContext *self = PD_CONTEXT (object);

  g_clear_pointer (&self->data_dir, g_free);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (pd_context_parent_class)->finalize (object);
}

static void
pd_context_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  PdContext *self = PD_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_DATA_DIR:
      g_value_set_string (value, self->data_dir);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_context_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  PdContext *self = PD_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_DATA_DIR:
      self->data_dir = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_context_class_init (PdContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = pd_context_constructed;
  object_class->finalize = pd_context_finalize;
  object_class->get_property = pd_context_get_property;
  object_class->set_property = pd_context_set_property;

  properties[PROP_DATA_DIR] =
    g_param_spec_string ("data-dir", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pd_context_init (PdContext *self)
{
}

/**
 * pd_context_new:
 * @data_dir: (nullable): where accounts keep their databases, or %NULL
 *   for the user data folder
 *
 * Returns: (transfer full): a new context
 */
PdContext *
pd_context_new (const char *data_dir)
{
  return g_object_new (PD_TYPE_CONTEXT, "data-dir", data_dir, NULL);
}

const char *
pd_context_get_data_dir (PdContext *self)
{
  g_return_val_if_fail (PD_IS_CONTEXT (self), NULL);

  return self->data_dir;
}

/**
 * pd_context_get_settings:
 *
 * Returns: (transfer none): the application settings
 */
GSettings *
pd_context_get_settings (PdContext *self)
{
  g_return_val_if_fail (PD_IS_CONTEXT (self), NULL);

  return self->settings;
}

/**
 * pd_context_default_data_dir:
 *
 * Returns: (transfer full): the folder below the user data folder where the
 *   application keeps its accounts
 */
char *
pd_context_default_data_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "particulate-designer", NULL);
}
