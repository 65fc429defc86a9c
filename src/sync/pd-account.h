/* pd-account.h: one platform account (URL + tenant) with its own database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pd-api-client.h"
#include "pd-store.h"

G_BEGIN_DECLS

#define PD_TYPE_ACCOUNT (pd_account_get_type ())
G_DECLARE_FINAL_TYPE (PdAccount, pd_account, PD, ACCOUNT, GObject)

const char  *pd_account_get_id            (PdAccount  *self);
const char  *pd_account_get_base_url      (PdAccount  *self);
const char  *pd_account_get_tenant_id     (PdAccount  *self);
const char  *pd_account_get_tenant_name   (PdAccount  *self);
const char  *pd_account_get_user_email    (PdAccount  *self);
const char  *pd_account_get_user_name     (PdAccount  *self);
const char  *pd_account_get_donor_page_url (PdAccount *self);
char        *pd_account_dup_title         (PdAccount  *self);
const char  *pd_account_get_directory     (PdAccount  *self);
char        *pd_account_dup_database_path (PdAccount  *self);
gboolean     pd_account_get_needs_sign_in (PdAccount  *self);

PdApiClient *pd_account_get_client       (PdAccount  *self);
PdStore     *pd_account_open_store        (PdAccount  *self,
                                           GError    **error);
guint        pd_account_get_pending_count (PdAccount  *self);

G_END_DECLS
