/* pd-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pd-application.h"

G_BEGIN_DECLS

#define PD_TYPE_WINDOW (pd_window_get_type ())
G_DECLARE_FINAL_TYPE (PdWindow, pd_window, PD, WINDOW, AdwApplicationWindow)

PdWindow   *pd_window_new                   (PdApplication *application);
PdContext  *pd_window_get_context           (PdWindow      *self);
/* (transfer none) (nullable) */
PdStore    *pd_window_get_store             (PdWindow      *self);
/* (transfer none) (nullable): the campaign shown in the content pane */
PdCampaign *pd_window_get_campaign          (PdWindow      *self);
/* Selects @campaign in the list and shows it; %NULL shows nothing. */
void        pd_window_select_campaign       (PdWindow      *self,
                                             PdCampaign    *campaign);
void        pd_window_add_toast             (PdWindow      *self,
                                             AdwToast      *toast);

G_END_DECLS
