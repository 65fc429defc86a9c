/* pd-project-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pd-store.h"

G_BEGIN_DECLS

#define PD_TYPE_PROJECT_DIALOG (pd_project_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PdProjectDialog, pd_project_dialog, PD, PROJECT_DIALOG, AdwWindow)

/* Adds a client project (@project %NULL) or edits one. Signal "saved"
 * (PdProject*) after the store took it. */
PdProjectDialog *pd_project_dialog_new        (PdStore         *store,
                                               PdProject       *project);
/* Uses the image in @file (PNG, JPEG, SVG or WebP); as a drop would. */
gboolean         pd_project_dialog_set_image_file (PdProjectDialog *self,
                                                   GFile           *file,
                                                   GError         **error);
/* Saves; %FALSE and the message shown when the store refused. */
gboolean         pd_project_dialog_save       (PdProjectDialog *self);

G_END_DECLS
