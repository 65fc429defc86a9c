/* pd-donor-page-html.h: a donor page as one self-contained HTML file
 *
 * Inline CSS from the same palette as the in-app preview, images embedded
 * as data: URIs, every text escaped, links only to http(s) and mailto.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pd-donor-page.h"

G_BEGIN_DECLS

/* Loads an asset for embedding: (transfer full) (nullable) bytes and, in
 * @mime_type, its type. */
typedef GBytes *(*PdDonorAssetFunc) (const char  *sha256,
                                     char       **mime_type,
                                     gpointer     user_data);

/* (transfer full): @text with & < > " ' replaced by entities; "" for NULL */
char  *pd_html_escape              (const char       *text);

/**
 * pd_donor_page_html_generate:
 * @load_asset: (nullable): gives the bytes of logo, hero and project
 *   images; images it cannot give are left out
 *
 * Returns: (transfer full): the page, a complete HTML5 document in UTF-8
 */
char  *pd_donor_page_html_generate (PdDonorPage      *page,
                                    PdDonorAssetFunc  load_asset,
                                    gpointer          user_data);

G_END_DECLS
