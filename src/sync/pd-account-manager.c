/* pd-account-manager.c: the accounts side by side
 *
 * The list of accounts (platform, tenant, who signed in) is a small key
 * file in the data folder; the tokens are in the keyring; each account's
 * workspace is a folder of its own. The manager is a GListModel so that an
 * account switcher binds to it directly.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-sync"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <libsecret/secret.h>

#include "pd-account-manager.h"
#include "pd-account-private.h"
#include "pd-token-keyring.h"

struct _PdAccountManager
{
  GObject    parent_instance;

  char      *data_dir;
  GPtrArray *accounts;
};

static void pd_account_manager_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PdAccountManager, pd_account_manager, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      pd_account_manager_list_model_init))

G_DEFINE_QUARK (pd-account-error-quark, pd_account_error)

static GType
pd_account_manager_get_item_type (GListModel *model)
{
  return PD_TYPE_ACCOUNT;
}

static guint
pd_account_manager_get_n_items (GListModel *model)
{
  return PD_ACCOUNT_MANAGER (model)->accounts->len;
}

static gpointer
pd_account_manager_get_item (GListModel *model,
                             guint       position)
{
  PdAccountManager *self = PD_ACCOUNT_MANAGER (model);

  if (position >= self->accounts->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->accounts, position));
}

static void
pd_account_manager_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = pd_account_manager_get_item_type;
  iface->get_n_items = pd_account_manager_get_n_items;
  iface->get_item = pd_account_manager_get_item;
}

static void
pd_account_manager_finalize (GObject *object)
{
  PdAccountManager *self = PD_ACCOUNT_MANAGER (object);

  g_clear_pointer (&self->accounts, g_ptr_array_unref);
  g_clear_pointer (&self->data_dir, g_free);

  G_OBJECT_CLASS (pd_account_manager_parent_class)->finalize (object);
}

static void
pd_account_manager_class_init (PdAccountManagerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pd_account_manager_finalize;
}

static void
pd_account_manager_init (PdAccountManager *self)
{
  self->accounts = g_ptr_array_new_with_free_func (g_object_unref);
}

static char *
accounts_file (PdAccountManager *self)
{
  return g_build_filename (self->data_dir, "accounts.ini", NULL);
}

static char *
account_directory (PdAccountManager *self,
                   const char       *id)
{
  return g_build_filename (self->data_dir, "accounts", id, NULL);
}

static void
load_accounts (PdAccountManager *self)
{
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autofree char *path = accounts_file (self);
  g_auto(GStrv) groups = NULL;

  if (!g_key_file_load_from_file (keyfile, path, G_KEY_FILE_NONE, NULL))
    return;

  groups = g_key_file_get_groups (keyfile, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      g_autofree char *url = g_key_file_get_string (keyfile, groups[i], "base-url", NULL);
      g_autofree char *tenant_id = g_key_file_get_string (keyfile, groups[i], "tenant-id", NULL);
      g_autofree char *tenant_name = g_key_file_get_string (keyfile, groups[i], "tenant-name", NULL);
      g_autofree char *email = g_key_file_get_string (keyfile, groups[i], "user-email", NULL);
      g_autofree char *name = g_key_file_get_string (keyfile, groups[i], "user-name", NULL);
      g_autofree char *donor_pages = g_key_file_get_string (keyfile, groups[i], "donor-page-url", NULL);
      g_autofree char *dir = NULL;
      PdAccount *account;

      /* A hand-edited file with an insecure address is not trusted. */
      if (url == NULL || tenant_id == NULL || !g_uuid_string_is_valid (groups[i]) ||
          !pd_api_check_url (url, NULL))
        continue;

      dir = account_directory (self, groups[i]);
      account = _pd_account_new (groups[i], url, dir);
      _pd_account_set_identity (account, tenant_id, tenant_name, email, name);
      /* Printed on vouchers: a hand-edited value must still be https. */
      if (donor_pages != NULL && g_str_has_prefix (donor_pages, "https://") && g_uri_is_valid (donor_pages, G_URI_FLAGS_NONE, NULL))
        _pd_account_set_donor_page_url (account, donor_pages);
      g_ptr_array_add (self->accounts, account);
    }
}

static gboolean
save_accounts (PdAccountManager  *self,
               GError           **error)
{
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autofree char *path = accounts_file (self);

  for (guint i = 0; i < self->accounts->len; i++)
    {
      PdAccount *account = g_ptr_array_index (self->accounts, i);
      const char *id = pd_account_get_id (account);

      g_key_file_set_string (keyfile, id, "base-url", pd_account_get_base_url (account));
      g_key_file_set_string (keyfile, id, "tenant-id", pd_account_get_tenant_id (account));
      g_key_file_set_string (keyfile, id, "tenant-name", pd_account_get_tenant_name (account) ?: "");
      g_key_file_set_string (keyfile, id, "user-email", pd_account_get_user_email (account) ?: "");
      g_key_file_set_string (keyfile, id, "user-name", pd_account_get_user_name (account) ?: "");
      if (pd_account_get_donor_page_url (account) != NULL)
        g_key_file_set_string (keyfile, id, "donor-page-url", pd_account_get_donor_page_url (account));
    }

  g_mkdir_with_parents (self->data_dir, 0700);
  return g_key_file_save_to_file (keyfile, path, error);
}

/**
 * pd_account_manager_new:
 * @data_dir: the folder holding accounts.ini and the accounts' folders
 *
 * Returns: (transfer full): the manager with the accounts saved before;
 *   their tokens are not loaded yet (see pd_account_manager_restore_async())
 */
PdAccountManager *
pd_account_manager_new (const char *data_dir)
{
  PdAccountManager *self;

  g_return_val_if_fail (data_dir != NULL, NULL);

  self = g_object_new (PD_TYPE_ACCOUNT_MANAGER, NULL);
  self->data_dir = g_strdup (data_dir);
  load_accounts (self);
  return self;
}

/**
 * pd_account_manager_lookup:
 *
 * Returns: (transfer none) (nullable): the account with @account_id
 */
PdAccount *
pd_account_manager_lookup (PdAccountManager *self,
                           const char       *account_id)
{
  g_return_val_if_fail (PD_IS_ACCOUNT_MANAGER (self), NULL);

  for (guint i = 0; i < self->accounts->len; i++)
    {
      PdAccount *account = g_ptr_array_index (self->accounts, i);

      if (g_strcmp0 (pd_account_get_id (account), account_id) == 0)
        return account;
    }
  return NULL;
}

static PdAccount *
find_account (PdAccountManager *self,
              const char       *base_url,
              const char       *tenant_id)
{
  for (guint i = 0; i < self->accounts->len; i++)
    {
      PdAccount *account = g_ptr_array_index (self->accounts, i);

      if (g_str_equal (pd_account_get_base_url (account), base_url) &&
          g_strcmp0 (pd_account_get_tenant_id (account), tenant_id) == 0)
        return account;
    }
  return NULL;
}

typedef struct {
  char         *base_url;
  PdAccount    *account;
  PdApiSession *session;
  gboolean      is_new;
} SignInData;

static void
sign_in_data_free (gpointer data)
{
  SignInData *sd = data;

  g_free (sd->base_url);
  g_clear_object (&sd->account);
  g_clear_pointer (&sd->session, pd_api_session_free);
  g_free (sd);
}

static void
on_token_stored_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PdAccountManager *self = g_task_get_source_object (task);
  SignInData *sd = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!pd_token_keyring_store_finish (result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_new_error (task, PD_ACCOUNT_ERROR, PD_ACCOUNT_ERROR_KEYRING,
                                 _("Your sign-in could not be kept in the keyring: %s"),
                                 error->message);
      return;
    }

  _pd_account_set_identity (sd->account, sd->session->tenant_id, sd->session->tenant_name,
                            sd->session->user_email, sd->session->user_name);
  _pd_account_set_donor_page_url (sd->account, sd->session->donor_page_url);
  _pd_account_set_token (sd->account, sd->session->token);

  if (sd->is_new)
    {
      g_ptr_array_add (self->accounts, g_object_ref (sd->account));
      g_list_model_items_changed (G_LIST_MODEL (self), self->accounts->len - 1, 0, 1);
    }

  if (!save_accounts (self, &error))
    {
      g_task_return_new_error (task, PD_ACCOUNT_ERROR, PD_ACCOUNT_ERROR_FAILED,
                               _("The account could not be saved: %s"), error->message);
      return;
    }

  g_task_return_pointer (task, g_object_ref (sd->account), g_object_unref);
}

static void
on_session_created_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PdAccountManager *self = g_task_get_source_object (task);
  SignInData *sd = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  PdAccount *existing;
  GCancellable *cancellable = g_task_get_cancellable (task);

  sd->session = pd_api_client_sign_in_finish (PD_API_CLIENT (source), result, &error);
  if (sd->session == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (sd->account != NULL)
    {
      /* Signing in again must not pour another tenant's data into this
       * account's database. */
      if (g_strcmp0 (pd_account_get_tenant_id (sd->account), sd->session->tenant_id) != 0)
        {
          g_task_return_new_error (task, PD_ACCOUNT_ERROR, PD_ACCOUNT_ERROR_WRONG_TENANT,
                                   _("This sign-in belongs to “%s”, not to “%s”. Add it as a new account instead."),
                                   sd->session->tenant_name,
                                   pd_account_get_tenant_name (sd->account));
          return;
        }
    }
  else if ((existing = find_account (self, sd->base_url, sd->session->tenant_id)) != NULL)
    sd->account = g_object_ref (existing);
  else
    {
      g_autofree char *id = g_uuid_string_random ();
      g_autofree char *dir = account_directory (self, id);

      sd->account = _pd_account_new (id, sd->base_url, dir);
      sd->is_new = TRUE;
    }

  /* Translators: the keyring entry's name; %s is the client (tenant) */
  label = g_strdup_printf (_("Particulate Designer sign-in for %s"), sd->session->tenant_name);
  pd_token_keyring_store_async (pd_account_get_id (sd->account), label, sd->session->token,
                                cancellable, on_token_stored_cb, g_steal_pointer (&task));
}

static void
sign_in (PdAccountManager    *self,
         PdAccount           *account,
         const char          *base_url,
         const char          *email,
         const char          *password,
         const char          *api_token,
         GCancellable        *cancellable,
         GAsyncReadyCallback  callback,
         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(PdApiClient) client = NULL;
  GError *error = NULL;
  SignInData *sd;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pd_account_manager_sign_in_async);

  client = pd_api_client_new (base_url, &error);
  if (client == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  sd = g_new0 (SignInData, 1);
  /* The client normalised the URL (no trailing slash); keep its form so
   * that the same platform is recognised again. */
  sd->base_url = g_strdup (pd_api_client_get_base_url (client));
  sd->account = account != NULL ? g_object_ref (account) : NULL;
  g_task_set_task_data (task, sd, sign_in_data_free);

  pd_api_client_sign_in_async (client, email, password, api_token, cancellable,
                               on_session_created_cb, g_steal_pointer (&task));
}

/**
 * pd_account_manager_sign_in_async:
 * @email: (nullable): with @password; or %NULL and @api_token
 *
 * Signs in to @base_url. A new platform or tenant becomes a new account;
 * signing in to one that is already there (for instance after the token
 * expired) renews its token and keeps all its data.
 */
void
pd_account_manager_sign_in_async (PdAccountManager    *self,
                                  const char          *base_url,
                                  const char          *email,
                                  const char          *password,
                                  const char          *api_token,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (PD_IS_ACCOUNT_MANAGER (self));
  g_return_if_fail (base_url != NULL);
  g_return_if_fail ((email != NULL && password != NULL) || api_token != NULL);

  sign_in (self, NULL, base_url, email, password, api_token, cancellable, callback, user_data);
}

/**
 * pd_account_manager_sign_in_finish:
 *
 * Returns: (transfer full): the account signed in
 */
PdAccount *
pd_account_manager_sign_in_finish (PdAccountManager  *self,
                                   GAsyncResult      *result,
                                   GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_token_looked_up_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PdAccount *account = g_task_get_task_data (task);
  GError *error = NULL;
  char *token = pd_token_keyring_lookup_finish (result, &error);

  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  _pd_account_set_token (account, token);
  if (token != NULL)
    secret_password_free (token);
  g_task_return_boolean (task, TRUE);
}

/**
 * pd_account_manager_restore_async:
 *
 * Loads @account's token from the keyring. Without a token the account
 * stays usable offline and has #PdAccount:needs-sign-in set.
 */
void
pd_account_manager_restore_async (PdAccountManager    *self,
                                  PdAccount           *account,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PD_IS_ACCOUNT_MANAGER (self));
  g_return_if_fail (PD_IS_ACCOUNT (account));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pd_account_manager_restore_async);
  g_task_set_task_data (task, g_object_ref (account), g_object_unref);

  pd_token_keyring_lookup_async (pd_account_get_id (account), cancellable,
                                 on_token_looked_up_cb, g_steal_pointer (&task));
}

gboolean
pd_account_manager_restore_finish (PdAccountManager  *self,
                                   GAsyncResult      *result,
                                   GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * pd_account_manager_sign_in_again_async:
 *
 * Renews the token of @account after the platform refused it; the
 * account's data and pending changes are kept. Finish with
 * pd_account_manager_sign_in_finish().
 */
void
pd_account_manager_sign_in_again_async (PdAccountManager    *self,
                                        PdAccount           *account,
                                        const char          *email,
                                        const char          *password,
                                        const char          *api_token,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_return_if_fail (PD_IS_ACCOUNT_MANAGER (self));
  g_return_if_fail (PD_IS_ACCOUNT (account));
  g_return_if_fail ((email != NULL && password != NULL) || api_token != NULL);

  sign_in (self, account, pd_account_get_base_url (account), email, password, api_token,
           cancellable, callback, user_data);
}

static void
remove_tree_in_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  const char *root = task_data;
  g_autoptr(GPtrArray) stack = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) dirs = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (stack, g_strdup (root));
  while (stack->len > 0)
    {
      char *path = g_ptr_array_steal_index (stack, stack->len - 1);
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      g_ptr_array_add (dirs, path);
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          char *child = g_build_filename (path, name, NULL);

          if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
            g_ptr_array_add (stack, child);
          else
            {
              g_unlink (child);
              g_free (child);
            }
        }
    }

  /* Deepest folders were found last. */
  for (guint i = dirs->len; i > 0; i--)
    g_rmdir (g_ptr_array_index (dirs, i - 1));

  if (g_file_test (root, G_FILE_TEST_EXISTS))
    g_task_return_new_error (task, PD_ACCOUNT_ERROR, PD_ACCOUNT_ERROR_FAILED,
                             _("The account’s local data could not be removed completely."));
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_tree_removed_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_token_cleared_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PdAccountManager *self = g_task_get_source_object (task);
  PdAccount *account = g_task_get_task_data (task);
  g_autoptr(GTask) remove_task = NULL;
  g_autoptr(GError) error = NULL;
  guint position;

  if (!pd_token_keyring_clear_finish (result, &error))
    {
      g_task_return_new_error (task, PD_ACCOUNT_ERROR, PD_ACCOUNT_ERROR_KEYRING,
                               _("Your sign-in could not be removed from the keyring: %s"),
                               error->message);
      return;
    }

  _pd_account_set_token (account, NULL);
  _pd_account_close_store (account);

  if (g_ptr_array_find (self->accounts, account, &position))
    {
      g_ptr_array_remove_index (self->accounts, position);
      g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
    }
  if (!save_accounts (self, &error))
    {
      g_task_return_new_error (task, PD_ACCOUNT_ERROR, PD_ACCOUNT_ERROR_FAILED,
                               _("The account list could not be saved: %s"), error->message);
      return;
    }

  remove_task = g_task_new (NULL, NULL, on_tree_removed_cb, g_steal_pointer (&task));
  g_task_set_task_data (remove_task, g_strdup (pd_account_get_directory (account)), g_free);
  g_task_run_in_thread (remove_task, remove_tree_in_thread);
}

static void
on_session_deleted_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PdAccount *account = g_task_get_task_data (task);

  /* The platform forgets the session if it can be reached; if not, the
   * token expires on its own, and the local sign-out goes ahead. */
  pd_api_client_sign_out_finish (PD_API_CLIENT (source), result, NULL);

  pd_token_keyring_clear_async (pd_account_get_id (account), NULL,
                                on_token_cleared_cb, g_steal_pointer (&task));
}

/**
 * pd_account_manager_sign_out_async:
 * @discard_pending: the user confirmed that unsynced changes may be lost
 *
 * Removes @account: its session on the platform (if reachable), its token
 * in the keyring, its database and assets. While changes are waiting to be
 * synced this fails with %PD_ACCOUNT_ERROR_PENDING_CHANGES unless
 * @discard_pending is set; pd_account_get_pending_count() says how many.
 */
void
pd_account_manager_sign_out_async (PdAccountManager    *self,
                                   PdAccount           *account,
                                   gboolean             discard_pending,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *db_path = NULL;
  guint pending = 0;

  g_return_if_fail (PD_IS_ACCOUNT_MANAGER (self));
  g_return_if_fail (PD_IS_ACCOUNT (account));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pd_account_manager_sign_out_async);
  g_task_set_task_data (task, g_object_ref (account), g_object_unref);

  db_path = pd_account_dup_database_path (account);
  if (g_file_test (db_path, G_FILE_TEST_EXISTS))
    {
      g_autoptr(GError) error = NULL;
      PdStore *store = pd_account_open_store (account, &error);

      /* A database we cannot read may hold changes: never delete it
       * without the user's word. */
      pending = store != NULL ? pd_store_count_outbox (store) : G_MAXUINT;
    }

  if (pending > 0 && !discard_pending)
    {
      if (pending == G_MAXUINT)
        g_task_return_new_error (task, PD_ACCOUNT_ERROR, PD_ACCOUNT_ERROR_PENDING_CHANGES,
                                 _("The account’s database cannot be read, so it may hold changes that are not synced yet."));
      else
        g_task_return_new_error (task, PD_ACCOUNT_ERROR, PD_ACCOUNT_ERROR_PENDING_CHANGES,
                                 g_dngettext (GETTEXT_PACKAGE,
                                              "%u change has not been synced yet and would be lost.",
                                              "%u changes have not been synced yet and would be lost.",
                                              pending),
                                 pending);
      return;
    }

  if (pd_api_client_has_token (pd_account_get_client (account)))
    pd_api_client_sign_out_async (pd_account_get_client (account), cancellable,
                                  on_session_deleted_cb, g_steal_pointer (&task));
  else
    pd_token_keyring_clear_async (pd_account_get_id (account), cancellable,
                                  on_token_cleared_cb, g_steal_pointer (&task));
}

gboolean
pd_account_manager_sign_out_finish (PdAccountManager  *self,
                                    GAsyncResult      *result,
                                    GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
