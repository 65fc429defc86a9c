/* pd-sign-out-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pd-account.h"
#include "pd-context.h"

G_BEGIN_DECLS

#define PD_TYPE_SIGN_OUT_DIALOG (pd_sign_out_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PdSignOutDialog, pd_sign_out_dialog, PD, SIGN_OUT_DIALOG, AdwMessageDialog)

PdSignOutDialog *pd_sign_out_dialog_new         (GtkWindow  *parent,
                                                 PdContext  *context,
                                                 PdAccount  *account);
guint            pd_sign_out_dialog_get_pending (PdSignOutDialog *self);

G_END_DECLS
