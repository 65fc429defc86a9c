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

/* Digits typed into @spin that it has not parsed yet: a spin button
 * takes its text as its value only on Enter or when focus leaves. */
gboolean  pd_spin_button_has_typed_text (GtkSpinButton *spin);
/* A refresh from the store: sets @spin's value unless the user is typing
 * into it or it already has it (setting the value it has would still
 * rewrite its text). */
void      pd_spin_button_refresh_value  (GtkSpinButton *spin,
                                         double         value);

/* Shows @message as a toast in @widget's window (an application window
 * whose content is an AdwToastOverlay), or in the overlay around it. */
void      pd_widget_show_toast (GtkWidget   *widget,
                                const char  *message);

/* libadwaita 1.2 leaves the text and the apply button of an AdwEntryRow
 * without accessible names; this names them after the row's title. */
void      pd_entry_row_name_parts (AdwEntryRow *row);

/* A modal "Open" chooser over @widget's window (through the portal, so the
 * sandbox needs no access to the home folder), showing the images the
 * store accepts. Show it; unref it in its response handler. */
GtkFileChooserNative *pd_image_chooser_new (GtkWidget   *widget,
                                            const char  *title);

G_END_DECLS
