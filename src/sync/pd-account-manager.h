/* pd-account-manager.h: the accounts side by side
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pd-account.h"

G_BEGIN_DECLS

#define PD_ACCOUNT_ERROR (pd_account_error_quark ())

typedef enum {
  PD_ACCOUNT_ERROR_FAILED,
  PD_ACCOUNT_ERROR_PENDING_CHANGES, /* sign-out would lose unsynced changes */
  PD_ACCOUNT_ERROR_KEYRING,         /* the token could not be kept safely */
  PD_ACCOUNT_ERROR_WRONG_TENANT,    /* signed in again as another tenant */
} PdAccountError;

#define PD_TYPE_ACCOUNT_MANAGER (pd_account_manager_get_type ())
G_DECLARE_FINAL_TYPE (PdAccountManager, pd_account_manager, PD, ACCOUNT_MANAGER, GObject)

GQuark            pd_account_error_quark             (void);

PdAccountManager *pd_account_manager_new             (const char           *data_dir);
PdAccount        *pd_account_manager_lookup          (PdAccountManager     *self,
                                                      const char           *account_id);

void              pd_account_manager_sign_in_async   (PdAccountManager     *self,
                                                      const char           *base_url,
                                                      const char           *email,
                                                      const char           *password,
                                                      const char           *api_token,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
PdAccount        *pd_account_manager_sign_in_finish  (PdAccountManager     *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);

void              pd_account_manager_sign_in_again_async (PdAccountManager *self,
                                                      PdAccount            *account,
                                                      const char           *email,
                                                      const char           *password,
                                                      const char           *api_token,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);

void              pd_account_manager_restore_async   (PdAccountManager     *self,
                                                      PdAccount            *account,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
gboolean          pd_account_manager_restore_finish  (PdAccountManager     *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);

void              pd_account_manager_sign_out_async  (PdAccountManager     *self,
                                                      PdAccount            *account,
                                                      gboolean              discard_pending,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
gboolean          pd_account_manager_sign_out_finish (PdAccountManager     *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);

G_END_DECLS
