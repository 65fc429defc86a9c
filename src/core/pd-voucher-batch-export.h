/* pd-voucher-batch-export.h: an export of a stored batch, in its
 * campaign's currency and theme
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pd-store.h"
#include "pd-voucher-export.h"

G_BEGIN_DECLS

/* Where donors redeem when the workspace has no platform (demo, offline). */
#define PD_VOUCHER_PLACEHOLDER_DONOR_PAGES "https://particulate.example.com/c/"

char            *pd_voucher_donor_page_url         (const char      *donor_pages,
                                                    PdCampaign      *campaign);
void             pd_voucher_export_apply_theme     (PdVoucherExport *self,
                                                    PdTheme         *theme,
                                                    PdStore         *store);
PdVoucherExport *pd_voucher_export_new_for_batch   (PdStore         *store,
                                                    PdVoucherBatch  *batch,
                                                    const char      *donor_page_url,
                                                    GError         **error);

G_END_DECLS
