/* pd-design-edit.h: the Design page's edits, each one store action
 *
 * Every edit changes a copy of the record and saves it with an undo title,
 * so a failed save leaves the live record untouched.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pd-store.h"

G_BEGIN_DECLS

/* Inserts a new block of @type at @position (clamped); (transfer full) its
 * id in @block_id. Blocks start with sensible settings. */
gboolean pd_design_edit_insert_block  (PdStore          *store,
                                       PdCampaign       *campaign,
                                       PdPageBlockType   type,
                                       guint             position,
                                       char            **block_id,
                                       GError          **error);
/* Moves a block so that it ends up at index @to. */
gboolean pd_design_edit_move_block    (PdStore          *store,
                                       PdCampaign       *campaign,
                                       const char       *block_id,
                                       guint             to,
                                       GError          **error);
gboolean pd_design_edit_remove_block  (PdStore          *store,
                                       PdCampaign       *campaign,
                                       const char       *block_id,
                                       GError          **error);
/* Sets one setting of a block; @value NULL removes a string setting. */
gboolean pd_design_edit_set_block_string  (PdStore     *store,
                                           PdCampaign  *campaign,
                                           const char  *block_id,
                                           const char  *key,
                                           const char  *value,
                                           const char  *action_title,
                                           GError     **error);
gboolean pd_design_edit_set_block_int     (PdStore     *store,
                                           PdCampaign  *campaign,
                                           const char  *block_id,
                                           const char  *key,
                                           gint64       value,
                                           const char  *action_title,
                                           GError     **error);
gboolean pd_design_edit_set_block_boolean (PdStore     *store,
                                           PdCampaign  *campaign,
                                           const char  *block_id,
                                           const char  *key,
                                           gboolean     value,
                                           const char  *action_title,
                                           GError     **error);

/* Sets a theme property by name ("primary-color", "corner-radius", …). */
gboolean pd_design_edit_theme         (PdStore          *store,
                                       PdTheme          *theme,
                                       const char       *property,
                                       const GValue     *value,
                                       const char       *action_title,
                                       GError          **error);

/* Reads @file, stores it as an asset (PNG, JPEG, SVG or WebP only) and
 * sets it as the "image_sha256" of the block. */
void     pd_design_edit_set_block_image_async  (PdStore             *store,
                                                PdCampaign          *campaign,
                                                const char          *block_id,
                                                GFile               *file,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gboolean pd_design_edit_set_block_image_finish (GAsyncResult        *result,
                                                GError             **error);

G_END_DECLS
