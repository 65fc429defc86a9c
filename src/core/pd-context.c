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

#include "pd-account-manager.h"
#include "pd-context.h"
#include "pd-demo-workspace.h"
#include "pd-store.h"
#include "pd-sync-engine.h"

struct _PdContext
{
  GObject    parent_instance;

  char             *data_dir;
  GSettings        *settings;
  PdStore          *store;
  PdAccountManager *accounts;
  PdAccount        *account;      /* NULL: the local workspace */
  PdSyncEngine     *sync_engine;  /* NULL without an account */
};

G_DEFINE_FINAL_TYPE (PdContext, pd_context, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DATA_DIR,
  PROP_STORE,
  PROP_ACCOUNT,
  PROP_SYNC_ENGINE,
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
  self->accounts = pd_account_manager_new (self->data_dir);
}

static void
pd_context_dispose (GObject *object)
{
  PdContext *self = PD_CONTEXT (object);

  if (self->sync_engine != NULL)
    pd_sync_engine_cancel (self->sync_engine);
  g_clear_object (&self->sync_engine);
  g_clear_object (&self->store);
  g_clear_object (&self->account);
  g_clear_object (&self->accounts);

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

    case PROP_ACCOUNT:
      g_value_set_object (value, self->account);
      break;

    case PROP_SYNC_ENGINE:
      g_value_set_object (value, self->sync_engine);
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
  properties[PROP_ACCOUNT] =
    g_param_spec_object ("account", NULL, NULL,
                         PD_TYPE_ACCOUNT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SYNC_ENGINE] =
    g_param_spec_object ("sync-engine", NULL, NULL,
                         PD_TYPE_SYNC_ENGINE,
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
/**
 * pd_context_get_clock:
 *
 * The clock every date decision reads: the process's default clock
 * (pd_clock_get_default()), which tests fix or shift before they start.
 *
 * Returns: (transfer none): the clock
 */
PdClock *
pd_context_get_clock (PdContext *self)
{
  g_return_val_if_fail (PD_IS_CONTEXT (self), NULL);

  return pd_clock_get_default ();
}

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
 * pd_context_get_account_manager:
 *
 * Returns: (transfer none): the accounts, a #GListModel of #PdAccount
 */
PdAccountManager *
pd_context_get_account_manager (PdContext *self)
{
  g_return_val_if_fail (PD_IS_CONTEXT (self), NULL);

  return self->accounts;
}

/**
 * pd_context_get_account:
 *
 * Returns: (transfer none) (nullable): the account whose workspace is open;
 *   %NULL for the local workspace
 */
PdAccount *
pd_context_get_account (PdContext *self)
{
  g_return_val_if_fail (PD_IS_CONTEXT (self), NULL);

  return self->account;
}

/**
 * pd_context_get_sync_engine:
 *
 * Returns: (transfer none) (nullable): the open account's sync engine
 */
PdSyncEngine *
pd_context_get_sync_engine (PdContext *self)
{
  g_return_val_if_fail (PD_IS_CONTEXT (self), NULL);

  return self->sync_engine;
}

static void
on_token_restored_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(PdContext) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!pd_account_manager_restore_finish (PD_ACCOUNT_MANAGER (source), result, &error))
    g_message ("Could not load the account’s token from the keyring: %s", error->message);

  if (self->sync_engine != NULL && pd_sync_engine_get_auto_sync (self->sync_engine))
    pd_sync_engine_queue_sync (self->sync_engine);
}

/**
 * pd_context_switch_account:
 * @account: (nullable): the account to open, or %NULL for the local
 *   workspace
 *
 * Opens @account's workspace (its own database: clients never mix) and
 * starts its sync engine; on failure the open workspace stays.
 */
gboolean
pd_context_switch_account (PdContext  *self,
                           PdAccount  *account,
                           GError    **error)
{
  g_autoptr(PdStore) store = NULL;
  g_autoptr(PdSyncEngine) engine = NULL;

  g_return_val_if_fail (PD_IS_CONTEXT (self), FALSE);
  g_return_val_if_fail (account == NULL || PD_IS_ACCOUNT (account), FALSE);

  if (self->store != NULL && self->account == account)
    return TRUE;

  if (account != NULL)
    {
      PdStore *account_store = pd_account_open_store (account, error);

      if (account_store == NULL)
        return FALSE;
      store = g_object_ref (account_store);
      engine = pd_sync_engine_new (account, error);
      if (engine == NULL)
        return FALSE;
      pd_sync_engine_set_auto_sync (engine, g_settings_get_boolean (self->settings, "sync-automatically"));
    }
  else
    {
      g_autofree char *path = pd_context_dup_local_workspace_path (self);

      store = pd_store_open (path, error);
      if (store == NULL)
        return FALSE;
    }

  if (self->sync_engine != NULL)
    pd_sync_engine_cancel (self->sync_engine);

  g_object_freeze_notify (G_OBJECT (self));
  g_set_object (&self->account, account);
  g_set_object (&self->store, store);
  g_set_object (&self->sync_engine, engine);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNC_ENGINE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
  g_object_thaw_notify (G_OBJECT (self));

  g_settings_set_string (self->settings, "active-account",
                         account != NULL ? pd_account_get_id (account) : "");

  if (account != NULL)
    {
      /* The token lives only in the keyring, so a restarted app loads it
       * before it can sync; without it the account stays usable offline. */
      pd_account_manager_restore_async (self->accounts, account, NULL,
                                        on_token_restored_cb, g_object_ref (self));
    }
  return TRUE;
}

/**
 * pd_context_open_workspace:
 *
 * Opens the workspace of the account used last, or, without any account,
 * the local one, which keeps the manager's work on this machine only.
 *
 * Returns: %TRUE when a store is open
 */
gboolean
pd_context_open_workspace (PdContext  *self,
                           GError    **error)
{
  g_autofree char *active = NULL;
  PdAccount *account = NULL;

  g_return_val_if_fail (PD_IS_CONTEXT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->store != NULL)
    return TRUE;

  active = g_settings_get_string (self->settings, "active-account");
  if (active != NULL && *active != '\0')
    account = pd_account_manager_lookup (self->accounts, active);

  if (account != NULL)
    {
      g_autoptr(GError) local_error = NULL;

      if (pd_context_switch_account (self, account, &local_error))
        return TRUE;
      /* The local workspace still opens; the account can be chosen again. */
      g_message ("Could not open the account’s workspace: %s", local_error->message);
    }

  return pd_context_switch_account (self, NULL, error);
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
