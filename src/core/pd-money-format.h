/* pd-money-format.h: money amounts in micros, written out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

guint  pd_money_format_minor_digits (const char *currency);
char  *pd_money_format_plain        (gint64      micros,
                                     const char *currency);
char  *pd_money_format_display      (gint64      micros,
                                     const char *currency);
char  *pd_money_format_number       (gint64      micros,
                                     const char *currency,
                                     const char *decimal,
                                     const char *group);
char  *pd_money_format_too_large    (void);
char  *pd_money_format_coins_display (gint64      coins,
                                      gint64      coin_value_micros,
                                      const char *currency);

G_END_DECLS
