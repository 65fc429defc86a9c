/* pd-token-keyring.h: session tokens in the system keyring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

void      pd_token_keyring_store_async   (const char           *account_id,
                                          const char           *label,
                                          const char           *token,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
gboolean  pd_token_keyring_store_finish  (GAsyncResult         *result,
                                          GError              **error);
void      pd_token_keyring_lookup_async  (const char           *account_id,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
char     *pd_token_keyring_lookup_finish (GAsyncResult         *result,
                                          GError              **error);
void      pd_token_keyring_clear_async   (const char           *account_id,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
gboolean  pd_token_keyring_clear_finish  (GAsyncResult         *result,
                                          GError              **error);

G_END_DECLS
