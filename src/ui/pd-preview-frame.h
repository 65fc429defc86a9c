/* pd-preview-frame.h: shows its child at a fixed logical width, scaled
 * down to fit the space it gets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define PD_TYPE_PREVIEW_FRAME (pd_preview_frame_get_type ())
G_DECLARE_FINAL_TYPE (PdPreviewFrame, pd_preview_frame, PD, PREVIEW_FRAME, GtkWidget)

/* Properties: "child" (GtkWidget), "logical-width" (int, px), "scale"
 * (double, read-only: the current scale, at most 1). */
GtkWidget  *pd_preview_frame_new               (void);
void        pd_preview_frame_set_child         (PdPreviewFrame *self,
                                                GtkWidget      *child);
GtkWidget  *pd_preview_frame_get_child         (PdPreviewFrame *self);
void        pd_preview_frame_set_logical_width (PdPreviewFrame *self,
                                                int             width);
int         pd_preview_frame_get_logical_width (PdPreviewFrame *self);
double      pd_preview_frame_get_scale         (PdPreviewFrame *self);

G_END_DECLS
