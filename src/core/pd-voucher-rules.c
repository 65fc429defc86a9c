/* pd-voucher-rules.c
 *
 * The rules a batch must pass before a single code is drawn: checked
 * here, apart from the generator, so that the form can explain them as
 * the user types and the generator can refuse them all the same.
 * Coins and money are integers throughout; products are checked for
 * overflow rather than trusted.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-voucher-rules"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-clock.h"
#include "pd-voucher-rules.h"

G_DEFINE_QUARK (pd-voucher-rules-error-quark, pd_voucher_rules_error)

/**
 * pd_voucher_rules_check_batch:
 * @remaining_budget_coins: the campaign's budget minus the coins of the
 *   batches it already has
 * @campaign_ends_at: (nullable): when the campaign ends, if known
 * @now: (nullable): the current time; %NULL for the clock's
 * @early_expiry_confirmed: the user agreed to vouchers that expire before
 *   the campaign ends
 *
 * Returns: whether a batch of @count vouchers worth @coins_per_voucher
 *   each, expiring at @expires_at, may be generated.
 */
gboolean
pd_voucher_rules_check_batch (guint64    count,
                              gint64     coins_per_voucher,
                              gint64     remaining_budget_coins,
                              GDateTime *expires_at,
                              GDateTime *campaign_ends_at,
                              GDateTime *now,
                              gboolean   early_expiry_confirmed,
                              GError   **error)
{
  g_autoptr(GDateTime) clock_now = NULL;
  guint64 total;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (count < 1 || count > PD_VOUCHER_BATCH_MAX_COUNT)
    {
      g_set_error_literal (error, PD_VOUCHER_RULES_ERROR, PD_VOUCHER_RULES_ERROR_COUNT,
                           _("A batch holds between 1 and 1,000,000 vouchers."));
      return FALSE;
    }
  if (coins_per_voucher < 1)
    {
      g_set_error_literal (error, PD_VOUCHER_RULES_ERROR, PD_VOUCHER_RULES_ERROR_COINS,
                           _("Each voucher must carry at least one coin."));
      return FALSE;
    }
  if (!g_uint64_checked_mul (&total, count, (guint64) coins_per_voucher)
      || remaining_budget_coins < 0
      || total > (guint64) remaining_budget_coins)
    {
      g_autofree char *left = g_strdup_printf ("%'" G_GINT64_FORMAT, MAX (remaining_budget_coins, 0));

      g_set_error (error, PD_VOUCHER_RULES_ERROR, PD_VOUCHER_RULES_ERROR_OVER_BUDGET,
                   _("This batch needs more coins than the campaign’s voucher budget has left (%s coins). Issue fewer vouchers or fewer coins per voucher."),
                   left);
      return FALSE;
    }

  if (expires_at == NULL)
    {
      g_set_error_literal (error, PD_VOUCHER_RULES_ERROR, PD_VOUCHER_RULES_ERROR_EXPIRY_MISSING,
                           _("Choose when the vouchers expire."));
      return FALSE;
    }
  if (now == NULL)
    now = clock_now = pd_now_utc ();
  if (g_date_time_compare (expires_at, now) <= 0)
    {
      g_set_error_literal (error, PD_VOUCHER_RULES_ERROR, PD_VOUCHER_RULES_ERROR_EXPIRY_PAST,
                           _("The expiry date lies in the past. Choose a later date."));
      return FALSE;
    }
  if (campaign_ends_at != NULL && !early_expiry_confirmed
      && g_date_time_compare (expires_at, campaign_ends_at) < 0)
    {
      g_set_error_literal (error, PD_VOUCHER_RULES_ERROR, PD_VOUCHER_RULES_ERROR_EXPIRY_BEFORE_END,
                           _("The vouchers would expire before the campaign ends, so some donors could not use them. Confirm to issue them anyway."));
      return FALSE;
    }

  return TRUE;
}

/**
 * pd_voucher_rules_remaining_budget:
 * @issued_counts: (array length=n_batches): vouchers in each existing batch
 * @issued_coins_per_voucher: (array length=n_batches): their coins each
 *
 * Returns: the coins of @budget_coins not yet given to a batch; negative
 *   when existing batches already exceed it, %G_MININT64 on overflow.
 */
gint64
pd_voucher_rules_remaining_budget (gint64        budget_coins,
                                   const gint64 *issued_counts,
                                   const gint64 *issued_coins_per_voucher,
                                   gsize         n_batches)
{
  gint64 remaining = budget_coins;

  g_return_val_if_fail (n_batches == 0 || (issued_counts != NULL && issued_coins_per_voucher != NULL), 0);

  for (gsize i = 0; i < n_batches; i++)
    {
      gint64 coins;

      if (issued_counts[i] < 0 || issued_coins_per_voucher[i] < 0
          || __builtin_mul_overflow (issued_counts[i], issued_coins_per_voucher[i], &coins)
          || __builtin_sub_overflow (remaining, coins, &remaining))
        return G_MININT64;
    }
  return remaining;
}

/**
 * pd_voucher_rules_value_micros:
 * @out_micros: (out): the money value of @coins in millionths of the
 *   campaign currency
 *
 * Returns: %FALSE if the product does not fit into 64 bits.
 */
gboolean
pd_voucher_rules_value_micros (gint64  coins,
                               gint64  coin_value_micros,
                               gint64 *out_micros)
{
  g_return_val_if_fail (out_micros != NULL, FALSE);

  return !__builtin_mul_overflow (coins, coin_value_micros, out_micros);
}
