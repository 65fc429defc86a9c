/* test-percent-format.c: a share of a target never reads as more or less
 * than it is
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pd-percent-format.h"
#include "pd-test-utils.h"

static void
assert_share (gint64      part,
              gint64      whole,
              const char *expected)
{
  g_autofree char *text = pd_percent_format_share (part, whole);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_edges (void)
{
  /* Nothing raised is exactly nothing. */
  g_assert_cmpint (pd_percent_format_whole (0, 1000000), ==, 0);
  g_assert_false (pd_percent_format_below_one (0, 1000000));
  assert_share (0, 1000000, "0\u00a0%");

  /* A coin of a million is something, not "0 %". */
  g_assert_cmpint (pd_percent_format_whole (1, 1000000), ==, 0);
  g_assert_true (pd_percent_format_below_one (1, 1000000));
  g_assert_cmpint (pd_percent_format_bar (1, 1000000), ==, 0);
  assert_share (1, 1000000, "<1\u00a0%");
  assert_share (9999, 1000000, "<1\u00a0%");
  assert_share (10000, 1000000, "1\u00a0%");

  /* A coin short of the target is not "100 %". */
  g_assert_cmpint (pd_percent_format_whole (999999, 1000000), ==, 99);
  g_assert_cmpint (pd_percent_format_bar (999999, 1000000), ==, 99);
  assert_share (999999, 1000000, "99\u00a0%");
  assert_share (995, 1000, "99\u00a0%");

  /* The target itself, and beyond it in words but not in the bar. */
  assert_share (1000000, 1000000, "100\u00a0%");
  g_assert_cmpint (pd_percent_format_bar (1000000, 1000000), ==, 100);
  assert_share (1200000, 1000000, "120\u00a0%");
  assert_share (11900, 10000, "119\u00a0%");
  g_assert_cmpint (pd_percent_format_whole (1200000, 1000000), ==, 120);
  g_assert_cmpint (pd_percent_format_bar (1200000, 1000000), ==, 100);

  /* No target (or a broken one) and negative counts: 0, no division. */
  g_assert_cmpint (pd_percent_format_whole (500, 0), ==, 0);
  g_assert_false (pd_percent_format_below_one (500, 0));
  assert_share (500, 0, "0\u00a0%");
  assert_share (0, 0, "0\u00a0%");
  assert_share (500, -10, "0\u00a0%");
  assert_share (-5, 100, "0\u00a0%");
  g_assert_cmpint (pd_percent_format_bar (500, 0), ==, 0);

  /* Exact where 100.0 * 5700 / 10000 in doubles gives 56. */
  assert_share (5700, 10000, "57\u00a0%");
}

static void
test_large (void)
{
  gint64 two_60 = G_GINT64_CONSTANT (1) << 60;

  /* A double rounds 2^60 - 1 up to 2^60; integers do not. */
  g_assert_cmpint (pd_percent_format_whole (two_60 - 1, two_60), ==, 99);
  g_assert_cmpint (pd_percent_format_whole (G_MAXINT64 - 1, G_MAXINT64), ==, 99);
  g_assert_cmpint (pd_percent_format_whole (G_MAXINT64, G_MAXINT64), ==, 100);
  g_assert_true (pd_percent_format_below_one (1, G_MAXINT64));
  g_assert_cmpint (pd_percent_format_whole (G_MAXINT64 / 2, G_MAXINT64), ==, 49);
  /* Far above the target it saturates instead of wrapping round. */
  g_assert_cmpint (pd_percent_format_whole (G_MAXINT64, 1), ==, G_MAXINT64);
  g_assert_cmpint (pd_percent_format_whole (G_MAXINT64 / 100, 1), ==, G_MAXINT64 / 100 * 100);
  g_assert_cmpint (pd_percent_format_bar (G_MAXINT64, 1), ==, 100);
  assert_share (G_MAXINT64, 1, "2147483647\u00a0%");
}

/* Every small share agrees with the plain definition, floor (100 p / w). */
static void
test_exhaustive (void)
{
  for (gint64 whole = 1; whole <= 400; whole++)
    for (gint64 part = 0; part <= 3 * whole; part++)
      {
        gint64 expected = part * 100 / whole;

        g_assert_cmpint (pd_percent_format_whole (part, whole), ==, expected);
        g_assert_true (pd_percent_format_below_one (part, whole) == (part > 0 && expected == 0));
        g_assert_cmpint (pd_percent_format_bar (part, whole), ==, MIN (expected, 100));
        /* Never 100 before the target, always from it on. */
        g_assert_true ((expected >= 100) == (part >= whole));
      }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/percent-format/edges", test_edges);
  g_test_add_func ("/percent-format/large", test_large);
  g_test_add_func ("/percent-format/exhaustive", test_exhaustive);

  return g_test_run ();
}
