/* pd-platform-clock.c: the one place the server reads the time
 *
 * Every timestamp, expiry and "is it live yet" of the server comes from
 * here, so that a test running the server under faketime (or a future
 * change that lets the admin endpoints move the clock) moves all of them
 * together, and no part of the server can disagree with another about
 * what time it is.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-platform-clock"

#include "pd-platform-clock.h"

/* Returns: (transfer full): now, in UTC */
GDateTime *
pd_platform_now_utc (void)
{
  return g_date_time_new_from_unix_utc (pd_platform_now_unix ());
}

/* Seconds since the epoch. */
gint64
pd_platform_now_unix (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}
