/* pd-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-account-manager.h"
#include "pd-preferences-window.h"
#include "pd-sign-out-dialog.h"

struct _PdPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  PdContext            *context;

  GtkSwitch            *sync_automatically_switch;
  AdwPreferencesGroup  *accounts_group;
  GPtrArray            *account_rows;
};

G_DEFINE_FINAL_TYPE (PdPreferencesWindow, pd_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
on_sign_out_clicked_cb (GtkButton           *button,
                        PdPreferencesWindow *self)
{
  PdAccount *account = g_object_get_data (G_OBJECT (button), "account");
  PdSignOutDialog *dialog = pd_sign_out_dialog_new (GTK_WINDOW (self), self->context, account);

  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
make_account_row (PdPreferencesWindow *self,
                  PdAccount           *account)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Sign Out…"));
  g_autofree char *title = pd_account_dup_title (account);
  /* Translators: the accessible name of a Sign Out button; %s is an account */
  g_autofree char *name = g_strdup_printf (_("Sign Out of %s"), title);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), pd_account_get_user_email (account));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_object_set_data_full (G_OBJECT (button), "account", g_object_ref (account), g_object_unref);
  g_signal_connect (button, "clicked", G_CALLBACK (on_sign_out_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

static void
update_accounts (PdPreferencesWindow *self)
{
  GListModel *accounts = G_LIST_MODEL (pd_context_get_account_manager (self->context));
  guint n = g_list_model_get_n_items (accounts);

  for (guint i = 0; i < self->account_rows->len; i++)
    adw_preferences_group_remove (self->accounts_group, g_ptr_array_index (self->account_rows, i));
  g_ptr_array_set_size (self->account_rows, 0);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PdAccount) account = g_list_model_get_item (accounts, i);
      GtkWidget *row = make_account_row (self, account);

      g_ptr_array_add (self->account_rows, row);
      adw_preferences_group_add (self->accounts_group, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->accounts_group), n > 0);
}

static void
pd_preferences_window_dispose (GObject *object)
{
  PdPreferencesWindow *self = PD_PREFERENCES_WINDOW (object);

  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (pd_context_get_account_manager (self->context), self);
  g_clear_pointer (&self->account_rows, g_ptr_array_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), PD_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (pd_preferences_window_parent_class)->dispose (object);
}

static void
pd_preferences_window_class_init (PdPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pd_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/particulate/Designer/ui/pd-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PdPreferencesWindow, sync_automatically_switch);
  gtk_widget_class_bind_template_child (widget_class, PdPreferencesWindow, accounts_group);
}

static void
pd_preferences_window_init (PdPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->account_rows = g_ptr_array_new ();
}

PdPreferencesWindow *
pd_preferences_window_new (PdContext *context)
{
  PdPreferencesWindow *self;

  g_return_val_if_fail (PD_IS_CONTEXT (context), NULL);

  self = g_object_new (PD_TYPE_PREFERENCES_WINDOW, NULL);
  self->context = g_object_ref (context);

  g_settings_bind (pd_context_get_settings (context), "sync-automatically",
                   self->sync_automatically_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);

  g_signal_connect_swapped (pd_context_get_account_manager (context), "items-changed",
                            G_CALLBACK (update_accounts), self);
  update_accounts (self);

  return self;
}
