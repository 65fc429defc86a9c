/* pd-context.c
 *
 * One object that carries the shared services (settings, data folder, the
 * active workspace's store, and later the sync engine) to whoever needs
 * them, so that no layer reaches for globals.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-context"

#include "config.h"

#include <glib/gstdio.h>

#include "pd-context.h"
#include "pd-demo-workspace.h"
#include "pd-store.h"

struct _PdContext
{
  GObject    parent_instance;

  char      *data_dir;
  GSettings *settings;
  PdStore   *store;
};

G_DEFINE_FINAL_TYPE (PdContext, pd_context, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DATA_DIR,
  PROP_STORE,
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
pd_context_dispose (GObject *object)
{
  PdContext *self = PD_CONTEXT (object);

  g_clear_object (&self->store);

  G_OBJECT_CLASS (pd_context_parent_class)->dispose (object);
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

    case PROP_STORE:
      g_value_set_object (value, self->store);
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
  object_class->dispose = pd_context_dispose;
  object_class->finalize = pd_context_finalize;
  object_class->get_property = pd_context_get_property;
  object_class->set_property = pd_context_set_property;

  properties[PROP_DATA_DIR] =
    g_param_spec_string ("data-dir", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /* The active workspace; changes when another account is chosen. */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         PD_TYPE_STORE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

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

/**
 * pd_context_get_store:
 *
 * Returns: (transfer none) (nullable): the active workspace's store, or
 *   %NULL before pd_context_open_workspace() succeeded
 */
PdStore *
pd_context_get_store (PdContext *self)
{
  g_return_val_if_fail (PD_IS_CONTEXT (self), NULL);

  return self->store;
}

/**
 * pd_context_dup_local_workspace_path:
 *
 * Returns: (transfer full): the database of the workspace used without any
 *   account, `<data-dir>/local/workspace.db`
 */
char *
pd_context_dup_local_workspace_path (PdContext *self)
{
  g_return_val_if_fail (PD_IS_CONTEXT (self), NULL);

  return g_build_filename (self->data_dir, "local", "workspace.db", NULL);
}

/**
 * pd_context_open_workspace:
 *
 * Opens the active workspace. Without any account that is the local one,
 * which keeps the manager's work on this machine only.
 *
 * Returns: %TRUE when a store is open
 */
gboolean
pd_context_open_workspace (PdContext  *self,
                           GError    **error)
{
  g_autofree char *path = NULL;
  g_autoptr(PdStore) store = NULL;

  g_return_val_if_fail (PD_IS_CONTEXT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->store != NULL)
    return TRUE;

  path = pd_context_dup_local_workspace_path (self);
  store = pd_store_open (path, error);
  if (store == NULL)
    return FALSE;

  self->store = g_steal_pointer (&store);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
  return TRUE;
}

/**
 * pd_context_fill_demo:
 *
 * Fills the open workspace with demo campaigns and projects, but only when
 * it holds no campaign and no project: demo data must never mix with a
 * manager's real work.
 *
 * Returns: %TRUE when the workspace was filled or was not empty
 */
gboolean
pd_context_fill_demo (PdContext  *self,
                      GError    **error)
{
  g_return_val_if_fail (PD_IS_CONTEXT (self), FALSE);
  g_return_val_if_fail (self->store != NULL, FALSE);

  if (g_list_model_get_n_items (pd_store_get_campaigns (self->store)) > 0 ||
      pd_store_count_projects (self->store) > 0)
    return TRUE;

  if (!pd_demo_workspace_fill (self->store, PD_DEMO_WORKSPACE_N_PROJECTS,
                               PD_DEMO_WORKSPACE_SEED, error))
    return FALSE;

  /* Loading demo data is not something to undo. */
  pd_undo_stack_clear (pd_store_get_undo_stack (self->store));
  return TRUE;
}
