/* pd-money-format.c
 *
 * Amounts are kept in millionths of the currency unit and written with
 * as many decimals as the currency has minor units, rounded half away
 * from zero with integers only — never through a double, which cannot
 * hold 0.1 exactly.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-money-format"

#include "config.h"

#include <langinfo.h>
#include <string.h>

#include <glib/gi18n.h>

#include "pd-money-format.h"

/* ISO 4217 currencies whose minor unit is not the hundredth. */
static const struct {
  const char *code;
  guint       digits;
} exceptions[] = {
  { "BHD", 3 }, { "BIF", 0 }, { "CLP", 0 }, { "DJF", 0 }, { "GNF", 0 },
  { "IQD", 3 }, { "ISK", 0 }, { "JOD", 3 }, { "JPY", 0 }, { "KMF", 0 },
  { "KRW", 0 }, { "KWD", 3 }, { "LYD", 3 }, { "OMR", 3 }, { "PYG", 0 },
  { "RWF", 0 }, { "TND", 3 }, { "UGX", 0 }, { "UYI", 0 }, { "VND", 0 },
  { "VUV", 0 }, { "XAF", 0 }, { "XOF", 0 }, { "XPF", 0 },
};

guint
pd_money_format_minor_digits (const char *currency)
{
  if (currency == NULL)
    return 2;
  for (gsize i = 0; i < G_N_ELEMENTS (exceptions); i++)
    if (g_ascii_strcasecmp (currency, exceptions[i].code) == 0)
      return exceptions[i].digits;
  return 2;
}

/* Appends @units with @group between each three digits from the right. */
static void
append_grouped (GString    *out,
                guint64     units,
                const char *group)
{
  char digits[24];
  int n = g_snprintf (digits, sizeof digits, "%" G_GUINT64_FORMAT, units);

  for (int i = 0; i < n; i++)
    {
      if (i > 0 && (n - i) % 3 == 0 && group != NULL)
        g_string_append (out, group);
      g_string_append_c (out, digits[i]);
    }
}

/**
 * pd_money_format_number:
 * @decimal: what separates the minor units
 * @group: (nullable): what separates each three digits, or %NULL for none
 *
 * Returns: (transfer full): @micros with as many decimals as @currency
 *   has minor units, rounded half away from zero, e.g. "33.800,00".
 */
char *
pd_money_format_number (gint64      micros,
                        const char *currency,
                        const char *decimal,
                        const char *group)
{
  guint digits = pd_money_format_minor_digits (currency);
  guint64 step = 1;
  guint64 magnitude;
  guint64 per_unit;
  gboolean negative = micros < 0;
  GString *out = g_string_new (negative ? "-" : "");

  g_return_val_if_fail (decimal != NULL, NULL);

  for (guint i = digits; i < 6; i++)
    step *= 10;
  /* Magnitude as unsigned, so G_MININT64 does not overflow. */
  magnitude = negative ? (guint64) (-(micros + 1)) + 1 : (guint64) micros;
  magnitude = (magnitude / step) + ((magnitude % step) * 2 >= step ? 1 : 0);
  per_unit = 1000000 / step;

  append_grouped (out, magnitude / per_unit, group);
  if (digits > 0)
    g_string_append_printf (out, "%s%0*" G_GUINT64_FORMAT,
                            decimal, (int) digits, magnitude % per_unit);
  return g_string_free (out, FALSE);
}

/**
 * pd_money_format_plain:
 *
 * Returns: (transfer full): @micros as a plain decimal number with a dot,
 *   for files that machines read (CSV), e.g. "12.50".
 */
char *
pd_money_format_plain (gint64      micros,
                       const char *currency)
{
  return pd_money_format_number (micros, currency, ".", NULL);
}

/**
 * pd_money_format_display:
 *
 * Numbers for people follow the user's regional format (LC_NUMERIC), as
 * the rest of the desktop does: "33.800,00 EUR" in Germany, "33,800.00 EUR"
 * in Britain.
 *
 * Returns: (transfer full): @micros for people, with its currency code.
 */
char *
pd_money_format_display (gint64      micros,
                         const char *currency)
{
  /* nl_langinfo() rather than localeconv(): it is safe in the export threads. */
  const char *decimal = nl_langinfo (RADIXCHAR);
  const char *group = nl_langinfo (THOUSEP);
  g_autofree char *number = pd_money_format_number (micros, currency,
                                                    decimal != NULL && *decimal != '\0' ? decimal : ".",
                                                    group);

  /* TRANSLATORS: an amount of money: the number, then the ISO currency code */
  return g_strdup_printf (C_("money amount", "%s %s"), number, currency != NULL ? currency : "");
}

/**
 * pd_money_format_too_large:
 *
 * Returns: (transfer full): what is shown instead of an amount that does
 *   not fit into 64 bits of micros, rather than a wrapped number
 */
char *
pd_money_format_too_large (void)
{
  /* TRANSLATORS: shown instead of an amount of money that is too large to
   * be counted, e.g. "100 vouchers of 500 coins · amount too large" */
  return g_strdup (_("amount too large"));
}

/**
 * pd_money_format_coins_display:
 * @coins: a number of coins
 * @coin_value_micros: what one coin is worth
 *
 * Returns: (transfer full): the value of @coins for people, as
 *   pd_money_format_display(), or pd_money_format_too_large() when the
 *   product does not fit into 64 bits
 */
char *
pd_money_format_coins_display (gint64      coins,
                               gint64      coin_value_micros,
                               const char *currency)
{
  gint64 micros;

  /* Coins come from the platform and from spin buttons that go up to
   * 10^12; at 1,000 a coin their product passes 2^63. */
  if (__builtin_mul_overflow (coins, coin_value_micros, &micros))
    return pd_money_format_too_large ();
  return pd_money_format_display (micros, currency);
}
