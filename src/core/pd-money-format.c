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

static char *
format_with_separator (gint64      micros,
                       const char *currency,
                       const char *separator)
{
  guint digits = pd_money_format_minor_digits (currency);
  guint64 step = 1;
  guint64 magnitude;
  guint64 units;
  guint64 minor;
  guint64 per_unit;
  gboolean negative = micros < 0;

  for (guint i = digits; i < 6; i++)
    step *= 10;
  /* Magnitude as unsigned, so G_MININT64 does not overflow. */
  magnitude = negative ? (guint64) (-(micros + 1)) + 1 : (guint64) micros;
  magnitude = (magnitude / step) + ((magnitude % step) * 2 >= step ? 1 : 0);
  per_unit = 1000000 / step;
  units = magnitude / per_unit;
  minor = magnitude % per_unit;

  if (digits == 0)
    return g_strdup_printf ("%s%" G_GUINT64_FORMAT, negative ? "-" : "", units);
  return g_strdup_printf ("%s%" G_GUINT64_FORMAT "%s%0*" G_GUINT64_FORMAT,
                          negative ? "-" : "", units, separator, (int) digits, minor);
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
  return format_with_separator (micros, currency, ".");
}

/**
 * pd_money_format_display:
 *
 * Returns: (transfer full): @micros for people, e.g. "12,50 EUR" in German.
 */
char *
pd_money_format_display (gint64      micros,
                         const char *currency)
{
  g_autofree char *number = format_with_separator (micros, currency,
                                                   C_("decimal separator", "."));

  /* TRANSLATORS: an amount of money: the number, then the ISO currency code */
  return g_strdup_printf (C_("money amount", "%s %s"), number, currency != NULL ? currency : "");
}
