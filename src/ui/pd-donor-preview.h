/* pd-donor-preview.h: the donor page drawn with real widgets, themed by a
 * style provider that applies to the preview only
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pd-donor-page.h"
#include "pd-store.h"

G_BEGIN_DECLS

/* Every style class of the preview starts with this, so the preview's CSS
 * can never match a widget of the application. */
#define PD_DONOR_PREVIEW_CSS_PREFIX "pdp-"

#define PD_DONOR_PREVIEW_PHONE_WIDTH   390
#define PD_DONOR_PREVIEW_TABLET_WIDTH  820
#define PD_DONOR_PREVIEW_DESKTOP_WIDTH 1280

#define PD_TYPE_DONOR_PREVIEW (pd_donor_preview_get_type ())
G_DECLARE_FINAL_TYPE (PdDonorPreview, pd_donor_preview, PD, DONOR_PREVIEW, AdwBin)

/* Signals:
 *   "block-selected" (const char *block_id): a block was clicked or focused
 *   "insert-requested" (int PdPageBlockType, guint position): a palette
 *     block was dropped
 *   "move-requested" (const char *block_id, guint position): a block was
 *     dropped at another place; @position counts the blocks before the
 *     drop point, the block itself included */
GtkWidget   *pd_donor_preview_new              (void);
/* @store: (nullable): where images come from */
void         pd_donor_preview_set_store        (PdDonorPreview *self,
                                                PdStore        *store);
void         pd_donor_preview_set_device_width (PdDonorPreview *self,
                                                int             width);
int          pd_donor_preview_get_device_width (PdDonorPreview *self);
/* Rebuilds the page from @page (transfer none; not kept). */
void         pd_donor_preview_render           (PdDonorPreview *self,
                                                PdDonorPage    *page);
void         pd_donor_preview_set_selected     (PdDonorPreview *self,
                                                const char     *block_id);
const char  *pd_donor_preview_get_selected     (PdDonorPreview *self);
/* (transfer none) (nullable): the widget of a block */
GtkWidget   *pd_donor_preview_get_block_widget (PdDonorPreview *self,
                                                const char     *block_id);
/* (transfer none): the page itself, unscaled, at the device width */
GtkWidget   *pd_donor_preview_get_page_widget  (PdDonorPreview *self);
/* (transfer none): the provider that themes the preview */
GtkCssProvider *pd_donor_preview_get_css_provider (PdDonorPreview *self);
/* (transfer none): the drop target of the page (for tests) */
GtkDropTarget  *pd_donor_preview_get_drop_target  (PdDonorPreview *self);
/* Where a drop at @y (page coordinates) would insert: 0 … n blocks. */
guint        pd_donor_preview_position_at      (PdDonorPreview *self,
                                                double          y);
/* (transfer full) (nullable): the page rendered at its logical size */
GdkTexture  *pd_donor_preview_render_texture   (PdDonorPreview *self);

G_END_DECLS
