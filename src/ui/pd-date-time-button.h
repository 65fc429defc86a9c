/* pd-date-time-button.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PD_TYPE_DATE_TIME_BUTTON (pd_date_time_button_get_type ())
G_DECLARE_FINAL_TYPE (PdDateTimeButton, pd_date_time_button, PD, DATE_TIME_BUTTON, GtkWidget)

/* Properties: "date-time" (GDateTime, nullable), "time-zone" (IANA name the
 * date and time are shown and picked in). Signal "changed": the user picked
 * another date or time (not emitted by the setters). */
GtkWidget  *pd_date_time_button_new            (void);
GDateTime  *pd_date_time_button_get_date_time  (PdDateTimeButton *self);
void        pd_date_time_button_set_date_time  (PdDateTimeButton *self,
                                                GDateTime        *date_time);
const char *pd_date_time_button_get_time_zone  (PdDateTimeButton *self);
void        pd_date_time_button_set_time_zone  (PdDateTimeButton *self,
                                                const char       *time_zone);

G_END_DECLS
