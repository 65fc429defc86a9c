/* pd-conflict-dialog.h: decide, field by field, the records in conflict
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pd-sync-engine.h"

G_BEGIN_DECLS

#define PD_TYPE_CONFLICT_DIALOG (pd_conflict_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PdConflictDialog, pd_conflict_dialog, PD, CONFLICT_DIALOG, AdwWindow)

PdConflictDialog *pd_conflict_dialog_new        (PdSyncEngine     *engine);
PdSyncEngine     *pd_conflict_dialog_get_engine (PdConflictDialog *self);
/* Activates the radio of @field (%NULL: the whole record, for a deleted
 * one) of the record @kind/@id, as a click would; %FALSE if not shown. */
gboolean          pd_conflict_dialog_choose     (PdConflictDialog *self,
                                                 const char       *kind,
                                                 const char       *id,
                                                 const char       *field,
                                                 PdConflictChoice  choice);

G_END_DECLS
