/* pd-percent-format.c
 *
 * A share of a target as people read it. Rounding to the nearest percent
 * misleads at both ends: a project with a few coins of a million shows
 * "0 %", as if nothing had come in, and one a coin short shows "100 %",
 * as if it were paid out. So shares are rounded down, a share above
 * nothing but below one percent reads "<1 %", and only the target itself
 * reads "100 %". All in integers: a double rounds a share just short of
 * the target, such as 2^60 - 1 of 2^60, up to the whole.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-percent-format"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-percent-format.h"

/* floor (10 * *rest / whole), leaving the new remainder in @rest; sums
 * instead of a product, so nothing overflows for any 0 <= *rest < whole. */
static guint
next_digit (guint64 *rest,
            guint64  whole)
{
  guint64 acc = 0;
  guint digit = 0;

  for (guint i = 0; i < 10; i++)
    {
      /* acc and *rest are below whole <= G_MAXINT64, so the sum fits. */
      acc += *rest;
      if (acc >= whole)
        {
          acc -= whole;
          digit++;
        }
    }
  *rest = acc;
  return digit;
}

/**
 * pd_percent_format_whole:
 * @part: what has been reached, e.g. coins raised
 * @whole: the target
 *
 * Returns: @part of @whole in whole percent, rounded down, so it is 100
 *   only once @part reaches @whole and may be more above it; 0 for nothing
 *   (or less) and for a target of 0 or less. Saturates at %G_MAXINT64.
 */
gint64
pd_percent_format_whole (gint64 part,
                         gint64 whole)
{
  guint64 times, rest;
  guint tens, ones;

  if (whole <= 0 || part <= 0)
    return 0;

  times = (guint64) part / (guint64) whole;
  rest = (guint64) part % (guint64) whole;
  tens = next_digit (&rest, (guint64) whole);
  ones = next_digit (&rest, (guint64) whole);
  if (times > (guint64) G_MAXINT64 / 100 || times * 100 > (guint64) G_MAXINT64 - (tens * 10 + ones))
    return G_MAXINT64;
  return (gint64) (times * 100 + tens * 10 + ones);
}

/**
 * pd_percent_format_below_one:
 *
 * Returns: whether @part is more than nothing but less than one percent
 *   of @whole, which whole percent would show as 0.
 */
gboolean
pd_percent_format_below_one (gint64 part,
                             gint64 whole)
{
  return part > 0 && whole > 0 && pd_percent_format_whole (part, whole) == 0;
}

/**
 * pd_percent_format_bar:
 *
 * Returns: how full a progress bar for @part of @whole is, 0 to 100: the
 *   whole percent, so the bar is full only when the target is reached,
 *   and never wider than full above it.
 */
int
pd_percent_format_bar (gint64 part,
                       gint64 whole)
{
  return (int) MIN (pd_percent_format_whole (part, whole), 100);
}

/**
 * pd_percent_format_share:
 *
 * The share in the user's language, e.g. "57 %", "<1 %" or "120 %",
 * with a no-break space before the percent sign.
 *
 * Returns: (transfer full): @part of @whole for people
 */
/* A line never breaks between a number and its percent sign: a space
 * before '%' (as in German, Dutch and French) becomes a no-break one. */
static char *
keep_with_number (const char *text)
{
  GString *kept = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == ' ' && p[1] == '%')
        g_string_append (kept, "\u00a0");
      else
        g_string_append_c (kept, *p);
    }
  return g_string_free (kept, FALSE);
}

char *
pd_percent_format_share (gint64 part,
                         gint64 whole)
{
  gint64 percent = pd_percent_format_whole (part, whole);
  g_autofree char *text = NULL;

  if (pd_percent_format_below_one (part, whole))
    /* TRANSLATORS: a share above nothing but below one percent, e.g. a few coins of a target of a million */
    return keep_with_number (C_("share", "<1 %"));

  /* TRANSLATORS: a share in whole percent, e.g. "57 %"; %d is the number */
  text = g_strdup_printf (C_("share", "%d %%"), (int) MIN (percent, (gint64) G_MAXINT));
  return keep_with_number (text);
}
