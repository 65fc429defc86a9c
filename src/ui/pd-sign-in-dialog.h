/* pd-sign-in-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pd-context.h"

G_BEGIN_DECLS

#define PD_TYPE_SIGN_IN_DIALOG (pd_sign_in_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PdSignInDialog, pd_sign_in_dialog, PD, SIGN_IN_DIALOG, AdwWindow)

/* Signs in to a platform account and opens its workspace in @context. */
PdSignInDialog *pd_sign_in_dialog_new (PdContext *context);

G_END_DECLS
