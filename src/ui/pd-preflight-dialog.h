/* pd-preflight-dialog.h: the checklist before a campaign is published
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pd-context.h"

G_BEGIN_DECLS

#define PD_TYPE_PREFLIGHT_DIALOG (pd_preflight_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PdPreflightDialog, pd_preflight_dialog, PD, PREFLIGHT_DIALOG, AdwWindow)

/* @context: (nullable): gives the signed-in account to publish with */
PdPreflightDialog *pd_preflight_dialog_new          (PdStore           *store,
                                                     PdCampaign        *campaign,
                                                     PdContext         *context);
/* (transfer none): the checklist shown now, a GListModel of PdPreflightItem */
GListModel        *pd_preflight_dialog_get_items    (PdPreflightDialog *self);
void               pd_preflight_dialog_set_redemption_percent (PdPreflightDialog *self,
                                                               guint              percent);

G_END_DECLS
