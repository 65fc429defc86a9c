/* pd-percent-format.h: how far an amount is towards its target, in words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gint64    pd_percent_format_whole      (gint64 part,
                                        gint64 whole);
gboolean  pd_percent_format_below_one  (gint64 part,
                                        gint64 whole);
int       pd_percent_format_bar        (gint64 part,
                                        gint64 whole);
char     *pd_percent_format_share      (gint64 part,
                                        gint64 whole);

G_END_DECLS
