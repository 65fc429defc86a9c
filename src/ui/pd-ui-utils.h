/* pd-ui-utils.h: small helpers shared by the campaign pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* "25.00 EUR": @coins at @coin_value_micros each (transfer full). */
char     *pd_format_money      (gint64       coins,
                                gint64       coin_value_micros,
                                const char  *currency);
/* Marks @widget as invalid (style and accessible state) or valid again. */
void      pd_widget_set_error  (GtkWidget   *widget,
                                gboolean     error);

/* libadwaita 1.2 leaves the text and the apply button of an AdwEntryRow
 * without accessible names; this names them after the row's title. */
void      pd_entry_row_name_parts (AdwEntryRow *row);

G_END_DECLS
