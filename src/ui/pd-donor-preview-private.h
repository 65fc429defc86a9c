/* pd-donor-preview-private.h: shared by the preview's widget and builder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pd-donor-preview.h"

G_BEGIN_DECLS

/* (transfer full): the preview's style sheet for @page at @width */
char       *_pd_donor_preview_css         (PdDonorPage    *page,
                                           int             width);
/* (transfer full): the page's widgets; block slots are marked with the
 * block id as "pd-block-id" data and the style class "pdp-slot". */
GtkWidget  *_pd_donor_preview_build_page  (PdDonorPreview *self,
                                           PdDonorPage    *page,
                                           int             width,
                                           GPtrArray      *slots);
/* (transfer full) (nullable): an asset as a texture, cached */
GdkTexture *_pd_donor_preview_load_texture (PdDonorPreview *self,
                                            const char     *sha256);

G_END_DECLS
