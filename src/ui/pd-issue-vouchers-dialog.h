/* pd-issue-vouchers-dialog.h: asks for a new voucher batch and issues it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pd-store.h"

G_BEGIN_DECLS

#define PD_TYPE_ISSUE_VOUCHERS_DIALOG (pd_issue_vouchers_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PdIssueVouchersDialog, pd_issue_vouchers_dialog, PD, ISSUE_VOUCHERS_DIALOG, AdwWindow)

/* Signal "issued" (PdVoucherBatch *batch): the batch and its codes are in
 * the store; the dialog closes itself afterwards. */
PdIssueVouchersDialog *pd_issue_vouchers_dialog_new (PdStore    *store,
                                                     PdCampaign *campaign);

/* Starts issuing as the Issue button does (for keyboard and tests). */
void                   pd_issue_vouchers_dialog_issue (PdIssueVouchersDialog *self);
/* TRUE while codes are being drawn and stored. */
gboolean               pd_issue_vouchers_dialog_get_busy (PdIssueVouchersDialog *self);

G_END_DECLS
