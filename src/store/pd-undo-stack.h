/* pd-undo-stack.h: the workspace's undo/redo history
 *
 * Filled by the store (pd_store_save() and friends with an action title);
 * each step holds the records before and after, with their relations, so
 * undoing a delete brings back a campaign with its projects, blocks and
 * texts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PD_TYPE_UNDO_STACK (pd_undo_stack_get_type ())
G_DECLARE_FINAL_TYPE (PdUndoStack, pd_undo_stack, PD, UNDO_STACK, GObject)

/* Properties (read-only, notify): "can-undo", "can-redo" (gboolean),
 * "undo-label", "redo-label" (translated, e.g. "Undo Rename Campaign";
 * %NULL when there is nothing to undo/redo). */
gboolean     pd_undo_stack_get_can_undo   (PdUndoStack  *self);
gboolean     pd_undo_stack_get_can_redo   (PdUndoStack  *self);
const char  *pd_undo_stack_get_undo_label (PdUndoStack  *self);
const char  *pd_undo_stack_get_redo_label (PdUndoStack  *self);
guint        pd_undo_stack_get_depth      (PdUndoStack  *self);

/* Each is one store transaction, tracked for sync like any edit. */
gboolean     pd_undo_stack_undo           (PdUndoStack  *self,
                                           GError      **error);
gboolean     pd_undo_stack_redo           (PdUndoStack  *self,
                                           GError      **error);
void         pd_undo_stack_clear          (PdUndoStack  *self);

G_END_DECLS
