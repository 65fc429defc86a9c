/* pd-voucher-batch-row.h: one voucher batch in the Vouchers page's list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pd-campaign.h"
#include "pd-store.h"
#include "pd-voucher-batch.h"

G_BEGIN_DECLS

#define PD_TYPE_VOUCHER_BATCH_ROW (pd_voucher_batch_row_get_type ())
G_DECLARE_FINAL_TYPE (PdVoucherBatchRow, pd_voucher_batch_row, PD, VOUCHER_BATCH_ROW, AdwActionRow)

/* Its buttons activate "vouchers.export-csv" and "vouchers.export-pdf"
 * with the batch's id as parameter. With @store (nullable) it also
 * shows how far its codes are uploaded, and how many donors redeemed. */
GtkWidget      *pd_voucher_batch_row_new       (PdVoucherBatch    *batch,
                                                PdCampaign        *campaign,
                                                PdStore           *store);
PdVoucherBatch *pd_voucher_batch_row_get_batch (PdVoucherBatchRow *self);

G_END_DECLS
