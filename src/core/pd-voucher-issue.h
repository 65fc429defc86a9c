/* pd-voucher-issue.h: issuing a voucher batch into the workspace store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pd-store.h"
#include "pd-voucher-generator.h"

G_BEGIN_DECLS

gint64              pd_voucher_issue_remaining_budget (PdStore             *store,
                                                       PdCampaign          *campaign,
                                                       PdVoucherBatch      *except);
PdVoucherGenerator *pd_voucher_issue_prepare          (PdStore             *store,
                                                       PdVoucherBatch      *batch,
                                                       gboolean             early_expiry_confirmed,
                                                       GDateTime           *now,
                                                       GError             **error);
void                pd_voucher_issue_async            (PdStore             *store,
                                                       PdVoucherBatch      *batch,
                                                       PdVoucherGenerator  *generator,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
GArray             *pd_voucher_issue_finish           (PdStore             *store,
                                                       GAsyncResult        *result,
                                                       GError             **error);

char              **pd_voucher_issue_format_codes     (GArray              *codes);

G_END_DECLS
