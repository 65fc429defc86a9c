/* pd-voucher-rules.h: what a voucher batch must respect
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pd-voucher-batch.h"

G_BEGIN_DECLS

#define PD_VOUCHER_RULES_ERROR (pd_voucher_rules_error_quark ())

typedef enum {
  PD_VOUCHER_RULES_ERROR_COUNT,
  PD_VOUCHER_RULES_ERROR_COINS,
  PD_VOUCHER_RULES_ERROR_OVER_BUDGET,
  PD_VOUCHER_RULES_ERROR_EXPIRY_MISSING,
  PD_VOUCHER_RULES_ERROR_EXPIRY_PAST,
  /* The one rule a person may waive, after confirming. */
  PD_VOUCHER_RULES_ERROR_EXPIRY_BEFORE_END,
} PdVoucherRulesError;

GQuark   pd_voucher_rules_error_quark (void);

gboolean pd_voucher_rules_check_batch (guint64    count,
                                       gint64     coins_per_voucher,
                                       gint64     remaining_budget_coins,
                                       GDateTime *expires_at,
                                       GDateTime *campaign_ends_at,
                                       GDateTime *now,
                                       gboolean   early_expiry_confirmed,
                                       GError   **error);

gint64   pd_voucher_rules_remaining_budget (gint64        budget_coins,
                                            const gint64 *issued_counts,
                                            const gint64 *issued_coins_per_voucher,
                                            gsize         n_batches);

gboolean pd_voucher_rules_value_micros (gint64       coins,
                                        gint64       coin_value_micros,
                                        gint64      *out_micros);

G_END_DECLS
