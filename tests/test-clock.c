/* test-clock.c: the app's clock, and what is placed relative to it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include "pd-campaign.h"
#include "pd-clock.h"
#include "pd-demo-data.h"
#include "pd-test-utils.h"
#include "pd-voucher-rules.h"

static void
test_fixed (void)
{
  g_autoptr(GDateTime) at = g_date_time_new_from_iso8601 ("2028-02-29T23:30:00.250+01:00", NULL);
  g_autoptr(PdClock) clock = pd_clock_new_fixed (at);
  g_autoptr(GDateTime) now = pd_clock_now_utc (clock);
  g_autoptr(GDateTime) later = NULL;
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GDateTime) local = NULL;

  g_assert_true (g_date_time_equal (now, at));
  g_assert_cmpint (g_date_time_get_microsecond (now), ==, 250000);
  g_assert_cmpint (pd_clock_get_real_time (clock), ==, g_date_time_to_unix (at) * G_USEC_PER_SEC + 250000);
  /* It stands still until it is moved. */
  g_usleep (2000);
  g_assert_cmpint (pd_clock_get_real_time (clock), ==, g_date_time_to_unix (at) * G_USEC_PER_SEC + 250000);

  pd_clock_advance (clock, G_TIME_SPAN_HOUR);
  later = pd_clock_now_utc (clock);
  g_assert_cmpint (g_date_time_difference (later, at), ==, G_TIME_SPAN_HOUR);
  local = pd_clock_now (clock, berlin);
  g_assert_cmpint (g_date_time_get_month (local), ==, 3);
  g_assert_cmpint (g_date_time_get_day_of_month (local), ==, 1);
  g_assert_cmpint (g_date_time_get_hour (local), ==, 0);
}

static void
test_system_offset (void)
{
  g_autoptr(PdClock) clock = pd_clock_new_system ();
  gint64 before, ours, after;

  before = g_get_real_time ();
  ours = pd_clock_get_real_time (clock);
  after = g_get_real_time ();
  g_assert_cmpint (ours, >=, before);
  g_assert_cmpint (ours, <=, after);

  pd_clock_set_offset (clock, 400 * G_TIME_SPAN_DAY);
  g_assert_cmpint (pd_clock_get_offset (clock), ==, 400 * G_TIME_SPAN_DAY);
  before = g_get_real_time ();
  ours = pd_clock_get_real_time (clock);
  after = g_get_real_time ();
  g_assert_cmpint (ours - 400 * G_TIME_SPAN_DAY, >=, before);
  g_assert_cmpint (ours - 400 * G_TIME_SPAN_DAY, <=, after);
  pd_clock_advance (clock, -G_TIME_SPAN_DAY);
  g_assert_cmpint (pd_clock_get_offset (clock), ==, 399 * G_TIME_SPAN_DAY);
}

static void
test_default (void)
{
  g_autoptr(GDateTime) expected = g_date_time_new_utc (2031, 7, 1, 10, 0, 0);
  PdClock *system = pd_clock_get_default ();
  PdClock *fixed;

  g_assert_nonnull (system);
  fixed = pd_test_fix_clock ("2031-07-01T10:00:00Z");
  g_assert_true (pd_clock_get_default () == fixed);
  g_assert_cmpint (pd_real_time (), ==, g_date_time_to_unix (expected) * G_USEC_PER_SEC);
  pd_clock_set_default (NULL);
  g_assert_true (pd_clock_get_default () != fixed);
  /* Back on the wall clock. */
  g_assert_cmpint (ABS (pd_real_time () - g_get_real_time ()), <, 5 * G_USEC_PER_SEC);
}

/* A new campaign starts a week after the clock's today, in its time zone. */
static void
test_campaign_default_period (void)
{
  g_autoptr(PdCampaign) campaign = NULL;
  GDateTime *starts;

  pd_test_fix_clock ("2028-02-29T12:00:00Z");
  campaign = pd_campaign_new ();
  starts = pd_campaign_get_starts_at (campaign);
  g_assert_cmpint (g_date_time_get_year (starts), ==, 2028);
  g_assert_cmpint (g_date_time_get_month (starts), ==, 3);
  g_assert_cmpint (g_date_time_get_day_of_month (starts), ==, 7);
  /* Four weeks in calendar days, across the switch to summer time. */
  g_assert_cmpint (g_date_time_get_month (pd_campaign_get_ends_at (campaign)), ==, 4);
  g_assert_cmpint (g_date_time_get_day_of_month (pd_campaign_get_ends_at (campaign)), ==, 4);
  g_assert_cmpint (g_date_time_get_hour (pd_campaign_get_ends_at (campaign)), ==, 0);
}

static void
test_voucher_expiry_against_clock (void)
{
  g_autoptr(GDateTime) expires = g_date_time_new_from_iso8601 ("2030-06-30T23:59:59Z", NULL);
  g_autoptr(GError) error = NULL;
  PdClock *clock = pd_test_fix_clock ("2030-06-30T12:00:00Z");

  g_assert_true (pd_voucher_rules_check_batch (10, 100, 1000000, expires, NULL, NULL, FALSE, &error));
  g_assert_no_error (error);
  pd_clock_advance (clock, G_TIME_SPAN_DAY);
  g_assert_false (pd_voucher_rules_check_batch (10, 100, 1000000, expires, NULL, NULL, FALSE, &error));
  g_assert_error (error, PD_VOUCHER_RULES_ERROR, PD_VOUCHER_RULES_ERROR_EXPIRY_PAST);
}

typedef struct {
  const char *today;
  int         christmas_year;
  int         spring_year;
} SeasonCase;

/* The demo's drafts always lie ahead, whatever day the demo starts. */
static void
test_demo_seasons (void)
{
  static const SeasonCase cases[] = {
    { "2026-11-20T09:00:00+01:00", 2026, 2027 },
    { "2026-11-24T09:00:00+01:00", 2026, 2027 },
    { "2026-11-25T09:00:00+01:00", 2027, 2027 },
    { "2026-12-08T09:00:00+01:00", 2027, 2027 },
    { "2028-02-29T12:00:00+01:00", 2028, 2028 },
    { "2028-03-14T12:00:00+01:00", 2028, 2029 },
    { "2099-12-31T23:59:00+01:00", 2100, 2100 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PdDemoData) data = pd_demo_data_new (1);
      g_autoptr(PdCampaign) christmas = NULL;
      g_autoptr(PdCampaign) spring = NULL;
      g_autoptr(GDateTime) now = NULL;
      g_autofree char *name = g_strdup_printf ("Weihnachtsaktion %d", cases[i].christmas_year);
      g_autofree char *slug = g_strdup_printf ("weihnachtsaktion-%d", cases[i].christmas_year);
      g_autofree char *spring_slug = g_strdup_printf ("lentecampagne-%d", cases[i].spring_year);

      pd_test_fix_clock (cases[i].today);
      now = pd_now_utc ();
      christmas = pd_demo_data_make_christmas_campaign (data, NULL, NULL);
      spring = pd_demo_data_make_spring_campaign (data, NULL, NULL);

      g_test_message ("today %s", cases[i].today);
      g_assert_cmpstr (pd_campaign_get_name (christmas), ==, name);
      g_assert_cmpstr (pd_campaign_get_slug (christmas), ==, slug);
      g_assert_cmpint (g_date_time_get_year (pd_campaign_get_starts_at (christmas)), ==, cases[i].christmas_year);
      g_assert_cmpint (g_date_time_get_year (pd_campaign_get_ends_at (christmas)), ==, cases[i].christmas_year + 1);
      g_assert_cmpstr (pd_campaign_get_slug (spring), ==, spring_slug);
      g_assert_cmpint (g_date_time_compare (pd_campaign_get_starts_at (christmas), now), >, 0);
      g_assert_cmpint (g_date_time_compare (pd_campaign_get_starts_at (spring), now), >, 0);
      g_assert_true (pd_record_validate (PD_RECORD (christmas), NULL));
      pd_clock_set_default (NULL);
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/clock/fixed", test_fixed);
  g_test_add_func ("/clock/system-offset", test_system_offset);
  g_test_add_func ("/clock/default", test_default);
  g_test_add_func ("/clock/campaign-default-period", test_campaign_default_period);
  g_test_add_func ("/clock/voucher-expiry", test_voucher_expiry_against_clock);
  g_test_add_func ("/clock/demo-seasons", test_demo_seasons);

  return g_test_run ();
}
