/* pd-clock.c
 *
 * The one place the application reads the date and time from. Campaign
 * defaults, period and expiry checks, pre-flight, retry back-off, result
 * freshness and "today" all ask a PdClock, so tests (and demos) can fix the
 * time or move it, and nothing in the suite depends on the day it runs.
 *
 * A clock is either the system's (the wall clock, shifted by an offset) or
 * fixed (a time that only moves when told to). Workers read the clock too,
 * so its state is guarded by a mutex.
 *
 * Durations measured by the main loop (timeouts, debounce) stay on the
 * monotonic clock: they do not depend on the date.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-clock"

#include "config.h"

#include "pd-clock.h"

struct _PdClock
{
  GObject    parent_instance;

  GMutex     lock;
  gboolean   fixed;
  gint64     fixed_us;   /* when fixed: µs since the epoch */
  GTimeSpan  offset;     /* when not fixed: added to the wall clock */
};

G_DEFINE_FINAL_TYPE (PdClock, pd_clock, G_TYPE_OBJECT)

static GMutex default_lock;
static PdClock *default_clock;

static void
pd_clock_finalize (GObject *object)
{
  PdClock *self = PD_CLOCK (object);

  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (pd_clock_parent_class)->finalize (object);
}

static void
pd_clock_class_init (PdClockClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pd_clock_finalize;
}

static void
pd_clock_init (PdClock *self)
{
  g_mutex_init (&self->lock);
}

/**
 * pd_clock_new_system:
 *
 * Returns: (transfer full): a clock that follows the wall clock
 */
PdClock *
pd_clock_new_system (void)
{
  return g_object_new (PD_TYPE_CLOCK, NULL);
}

/**
 * pd_clock_new_fixed:
 * @now: the time the clock shows until it is moved
 *
 * Returns: (transfer full): a clock that stands still at @now
 */
PdClock *
pd_clock_new_fixed (GDateTime *now)
{
  PdClock *self;

  g_return_val_if_fail (now != NULL, NULL);

  self = g_object_new (PD_TYPE_CLOCK, NULL);
  self->fixed = TRUE;
  self->fixed_us = g_date_time_to_unix (now) * G_USEC_PER_SEC + g_date_time_get_microsecond (now);
  return self;
}

/**
 * pd_clock_get_default:
 *
 * The clock of the process, which the context hands to whoever needs the
 * time; the system clock unless a test or demo replaced it.
 *
 * Returns: (transfer none): the default clock
 */
PdClock *
pd_clock_get_default (void)
{
  PdClock *clock;

  g_mutex_lock (&default_lock);
  if (default_clock == NULL)
    default_clock = pd_clock_new_system ();
  clock = default_clock;
  g_mutex_unlock (&default_lock);

  return clock;
}

/**
 * pd_clock_set_default:
 * @clock: (nullable): the new default clock; %NULL for the system clock
 *
 * Replaces the default clock. Tests do this before they create the
 * objects under test.
 */
void
pd_clock_set_default (PdClock *clock)
{
  g_autoptr(PdClock) old = NULL;

  g_return_if_fail (clock == NULL || PD_IS_CLOCK (clock));

  g_mutex_lock (&default_lock);
  old = g_steal_pointer (&default_clock);
  default_clock = clock != NULL ? g_object_ref (clock) : pd_clock_new_system ();
  g_mutex_unlock (&default_lock);
}

/**
 * pd_clock_get_real_time:
 *
 * Returns: microseconds since the epoch, as g_get_real_time() does
 */
gint64
pd_clock_get_real_time (PdClock *self)
{
  gint64 now;

  g_return_val_if_fail (PD_IS_CLOCK (self), 0);

  g_mutex_lock (&self->lock);
  now = self->fixed ? self->fixed_us : g_get_real_time () + self->offset;
  g_mutex_unlock (&self->lock);

  return now;
}

/**
 * pd_clock_now_utc:
 *
 * Returns: (transfer full): the clock's time, in UTC
 */
GDateTime *
pd_clock_now_utc (PdClock *self)
{
  gint64 now = pd_clock_get_real_time (self);
  g_autoptr(GDateTime) seconds = g_date_time_new_from_unix_utc (now / G_USEC_PER_SEC);

  return g_date_time_add (seconds, now % G_USEC_PER_SEC);
}

/**
 * pd_clock_now:
 * @tz: (nullable): the time zone; %NULL for the local one
 *
 * Returns: (transfer full): the clock's time in @tz
 */
GDateTime *
pd_clock_now (PdClock   *self,
              GTimeZone *tz)
{
  g_autoptr(GDateTime) utc = pd_clock_now_utc (self);
  g_autoptr(GTimeZone) local = NULL;

  if (tz == NULL)
    tz = local = g_time_zone_new_local ();
  return g_date_time_to_timezone (utc, tz);
}

/**
 * pd_clock_set_offset:
 * @offset: how far a system clock runs ahead of the wall clock (negative: behind)
 *
 * Has no effect on a fixed clock; move that one with pd_clock_advance().
 */
void
pd_clock_set_offset (PdClock   *self,
                     GTimeSpan  offset)
{
  g_return_if_fail (PD_IS_CLOCK (self));

  g_mutex_lock (&self->lock);
  self->offset = offset;
  g_mutex_unlock (&self->lock);
}

GTimeSpan
pd_clock_get_offset (PdClock *self)
{
  GTimeSpan offset;

  g_return_val_if_fail (PD_IS_CLOCK (self), 0);

  g_mutex_lock (&self->lock);
  offset = self->offset;
  g_mutex_unlock (&self->lock);

  return offset;
}

/**
 * pd_clock_advance:
 * @span: how far to move the clock (negative: back)
 *
 * Moves a fixed clock, or shifts a system clock's offset.
 */
void
pd_clock_advance (PdClock   *self,
                  GTimeSpan  span)
{
  g_return_if_fail (PD_IS_CLOCK (self));

  g_mutex_lock (&self->lock);
  if (self->fixed)
    self->fixed_us += span;
  else
    self->offset += span;
  g_mutex_unlock (&self->lock);
}
