/* pd-clock.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PD_TYPE_CLOCK (pd_clock_get_type ())
G_DECLARE_FINAL_TYPE (PdClock, pd_clock, PD, CLOCK, GObject)

PdClock   *pd_clock_new_system    (void);
PdClock   *pd_clock_new_fixed     (GDateTime *now);

PdClock   *pd_clock_get_default   (void);
void       pd_clock_set_default   (PdClock   *clock);

gint64     pd_clock_get_real_time (PdClock   *self);
GDateTime *pd_clock_now_utc       (PdClock   *self);
GDateTime *pd_clock_now           (PdClock   *self,
                                   GTimeZone *tz);

void       pd_clock_set_offset    (PdClock   *self,
                                   GTimeSpan  offset);
GTimeSpan  pd_clock_get_offset    (PdClock   *self);
void       pd_clock_advance       (PdClock   *self,
                                   GTimeSpan  span);

/* The default clock, for code that is handed no clock of its own. */
#define pd_now_utc()       (pd_clock_now_utc (pd_clock_get_default ()))
#define pd_now(tz)         (pd_clock_now (pd_clock_get_default (), (tz)))
#define pd_real_time()     (pd_clock_get_real_time (pd_clock_get_default ()))

G_END_DECLS
