/* pd-ui-utils.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-ui-utils"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-asset.h"
#include "pd-money-format.h"
#include "pd-ui-utils.h"

char *
pd_format_money (gint64      coins,
                 gint64      coin_value_micros,
                 const char *currency)
{
  return pd_money_format_coins_display (coins, coin_value_micros, currency);
}

void
pd_widget_set_error (GtkWidget *widget,
                     gboolean   error)
{
  if (error)
    gtk_widget_add_css_class (widget, "error");
  else
    gtk_widget_remove_css_class (widget, "error");

  gtk_accessible_update_state (GTK_ACCESSIBLE (widget),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               error ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
}

static void
name_buttons (GtkWidget  *widget,
              const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_BUTTON (child))
        gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      else
        name_buttons (child, label);
    }
}

void
pd_entry_row_name_parts (AdwEntryRow *row)
{
  const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
  GtkEditable *text = gtk_editable_get_delegate (GTK_EDITABLE (row));
  g_autofree char *apply = NULL;

  if (text != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (text),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);

  /* Translators: accessible name of the button that applies an entry, %s is the entry's title */
  apply = g_strdup_printf (_("Apply %s"), title);
  name_buttons (GTK_WIDGET (row), apply);
}

GtkFileChooserNative *
pd_image_chooser_new (GtkWidget  *widget,
                      const char *title)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  const char * const *types = pd_asset_get_supported_mime_types ();

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  chooser = gtk_file_chooser_native_new (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Images"));
  for (guint i = 0; types[i] != NULL; i++)
    gtk_file_filter_add_mime_type (filter, types[i]);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  return chooser;
}

gboolean
pd_spin_button_has_typed_text (GtkSpinButton *spin)
{
  /* What GTK's default output shows for the value it holds. */
  g_autofree char *shown = g_strdup_printf ("%0.*f", (int) gtk_spin_button_get_digits (spin),
                                            gtk_spin_button_get_value (spin));

  return g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (spin)), shown) != 0;
}

void
pd_spin_button_refresh_value (GtkSpinButton *spin,
                              double         value)
{
  if (pd_spin_button_has_typed_text (spin))
    return;
  if (gtk_spin_button_get_value (spin) != value)
    gtk_spin_button_set_value (spin, value);
}

void
pd_widget_show_toast (GtkWidget  *widget,
                      const char *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  GtkRoot *root = gtk_widget_get_root (widget);

  /* The toast overlay is the window's content, not an ancestor here. */
  if (overlay == NULL && ADW_IS_APPLICATION_WINDOW (root))
    overlay = adw_application_window_get_content (ADW_APPLICATION_WINDOW (root));
  if (ADW_IS_TOAST_OVERLAY (overlay))
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (message));
  else
    g_message ("%s", message);
}
