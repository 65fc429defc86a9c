/* pd-voucher-batch.h: a batch of donation vouchers of one value; the codes
 * themselves live in the store (pd_store_add_voucher_codes())
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pd-record.h"

G_BEGIN_DECLS

#define PD_TYPE_VOUCHER_BATCH (pd_voucher_batch_get_type ())
G_DECLARE_FINAL_TYPE (PdVoucherBatch, pd_voucher_batch, PD, VOUCHER_BATCH, PdRecord)

#define PD_VOUCHER_BATCH_MAX_COUNT 1000000

/* Properties (all notify): "campaign-id", "label", "count" (1–1,000,000),
 * "coins-per-voucher" (gint64), "expires-at" (GDateTime, nullable). */
PdVoucherBatch *pd_voucher_batch_new                   (const char     *campaign_id);
PdVoucherBatch *pd_voucher_batch_new_with_id           (const char     *id,
                                                        const char     *campaign_id);
const char     *pd_voucher_batch_get_campaign_id       (PdVoucherBatch *self);
void            pd_voucher_batch_set_campaign_id       (PdVoucherBatch *self,
                                                        const char     *campaign_id);
const char     *pd_voucher_batch_get_label             (PdVoucherBatch *self);
void            pd_voucher_batch_set_label             (PdVoucherBatch *self,
                                                        const char     *label);
gint64          pd_voucher_batch_get_count             (PdVoucherBatch *self);
void            pd_voucher_batch_set_count             (PdVoucherBatch *self,
                                                        gint64          count);
gint64          pd_voucher_batch_get_coins_per_voucher (PdVoucherBatch *self);
void            pd_voucher_batch_set_coins_per_voucher (PdVoucherBatch *self,
                                                        gint64          coins);
/* (transfer none) (nullable) */
GDateTime      *pd_voucher_batch_get_expires_at        (PdVoucherBatch *self);
void            pd_voucher_batch_set_expires_at        (PdVoucherBatch *self,
                                                        GDateTime      *expires_at);

G_END_DECLS
