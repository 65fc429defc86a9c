/* pd-account-private.h: what the account manager and sync engine change
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pd-account.h"

G_BEGIN_DECLS

PdAccount *_pd_account_new              (const char  *id,
                                         const char  *base_url,
                                         const char  *directory);
void       _pd_account_set_identity     (PdAccount   *self,
                                         const char  *tenant_id,
                                         const char  *tenant_name,
                                         const char  *user_email,
                                         const char  *user_name);
void       _pd_account_set_donor_page_url (PdAccount *self,
                                           const char *url);
void       _pd_account_set_token        (PdAccount   *self,
                                         const char  *token);
void       _pd_account_set_needs_sign_in (PdAccount  *self,
                                          gboolean    needs_sign_in);
void       _pd_account_close_store      (PdAccount   *self);

G_END_DECLS
