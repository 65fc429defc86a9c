/* pd-account-switcher.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pd-context.h"

G_BEGIN_DECLS

#define PD_TYPE_ACCOUNT_SWITCHER (pd_account_switcher_get_type ())
G_DECLARE_FINAL_TYPE (PdAccountSwitcher, pd_account_switcher, PD, ACCOUNT_SWITCHER, GtkWidget)

PdContext  *pd_account_switcher_get_context (PdAccountSwitcher *self);
void        pd_account_switcher_set_context (PdAccountSwitcher *self,
                                             PdContext         *context);
/* The name of the workspace shown, e.g. "Local Workspace". */
const char *pd_account_switcher_get_title   (PdAccountSwitcher *self);

G_END_DECLS
