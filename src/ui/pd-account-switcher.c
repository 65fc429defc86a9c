/* pd-account-switcher.c
 *
 * The sidebar's title: which workspace is open, and a menu of the accounts
 * to switch to. Without any account the only workspace is the local one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-account-switcher"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-account-manager.h"
#include "pd-account-switcher.h"
#include "pd-sign-in-dialog.h"
#include "pd-sign-out-dialog.h"
#include "pd-ui-utils.h"

struct _PdAccountSwitcher
{
  GtkWidget      parent_instance;

  PdContext     *context;

  GtkMenuButton *button;
  GtkLabel      *title_label;
  GtkListBox    *account_list;
  GtkButton     *sign_out_button;
};

G_DEFINE_FINAL_TYPE (PdAccountSwitcher, pd_account_switcher, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkWidget *
make_account_row (const char *title,
                  const char *subtitle,
                  const char *account_id,
                  gboolean    active)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_visible (check, active);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), check);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "account.switch");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", account_id);
  if (active)
    gtk_accessible_update_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_SELECTED, TRUE, -1);
  return row;
}

static void
pd_account_switcher_update (PdAccountSwitcher *self)
{
  GtkWidget *child;
  PdAccount *active = self->context != NULL ? pd_context_get_account (self->context) : NULL;
  g_autofree char *title = NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->account_list))) != NULL)
    gtk_list_box_remove (self->account_list, child);

  gtk_list_box_append (self->account_list,
                       make_account_row (_("Local Workspace"), _("Kept on this computer"), "", active == NULL));

  if (self->context != NULL)
    {
      GListModel *accounts = G_LIST_MODEL (pd_context_get_account_manager (self->context));

      for (guint i = 0; i < g_list_model_get_n_items (accounts); i++)
        {
          g_autoptr(PdAccount) account = g_list_model_get_item (accounts, i);
          g_autofree char *account_title = pd_account_dup_title (account);

          gtk_list_box_append (self->account_list,
                               make_account_row (account_title,
                                                 pd_account_get_user_email (account),
                                                 pd_account_get_id (account),
                                                 account == active));
        }
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "account.sign-out", active != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->sign_out_button), active != NULL);

  title = active != NULL ? pd_account_dup_title (active) : g_strdup (_("Local Workspace"));
  gtk_label_set_label (self->title_label, title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Switch Account"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, title,
                                  -1);
}

static void
switch_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PdAccountSwitcher *self = PD_ACCOUNT_SWITCHER (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  PdAccount *account = NULL;
  g_autoptr(GError) error = NULL;

  if (self->context == NULL)
    return;

  gtk_menu_button_popdown (self->button);
  if (*id != '\0')
    account = pd_account_manager_lookup (pd_context_get_account_manager (self->context), id);

  if (!pd_context_switch_account (self->context, account, &error))
    pd_widget_show_toast (widget, error->message);
}

static void
sign_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  PdAccountSwitcher *self = PD_ACCOUNT_SWITCHER (widget);
  PdAccount *account = self->context != NULL ? pd_context_get_account (self->context) : NULL;
  PdSignOutDialog *dialog;

  if (account == NULL)
    return;

  gtk_menu_button_popdown (self->button);
  dialog = pd_sign_out_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), self->context, account);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  PdAccountSwitcher *self = PD_ACCOUNT_SWITCHER (widget);
  PdSignInDialog *dialog;

  if (self->context == NULL)
    return;

  gtk_menu_button_popdown (self->button);
  dialog = pd_sign_in_dialog_new (self->context);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (gtk_widget_get_root (widget)));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
pd_account_switcher_dispose (GObject *object)
{
  PdAccountSwitcher *self = PD_ACCOUNT_SWITCHER (object);

  pd_account_switcher_set_context (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), PD_TYPE_ACCOUNT_SWITCHER);

  G_OBJECT_CLASS (pd_account_switcher_parent_class)->dispose (object);
}

static void
pd_account_switcher_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  PdAccountSwitcher *self = PD_ACCOUNT_SWITCHER (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_account_switcher_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  PdAccountSwitcher *self = PD_ACCOUNT_SWITCHER (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      pd_account_switcher_set_context (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_account_switcher_class_init (PdAccountSwitcherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pd_account_switcher_dispose;
  object_class->get_property = pd_account_switcher_get_property;
  object_class->set_property = pd_account_switcher_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, PD_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/com/particulate/Designer/ui/pd-account-switcher.ui");
  gtk_widget_class_bind_template_child (widget_class, PdAccountSwitcher, button);
  gtk_widget_class_bind_template_child (widget_class, PdAccountSwitcher, title_label);
  gtk_widget_class_bind_template_child (widget_class, PdAccountSwitcher, account_list);
  gtk_widget_class_bind_template_child (widget_class, PdAccountSwitcher, sign_out_button);

  gtk_widget_class_install_action (widget_class, "account.switch", "s", switch_action);
  gtk_widget_class_install_action (widget_class, "account.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "account.sign-out", NULL, sign_out_action);
}

static void
pd_account_switcher_init (PdAccountSwitcher *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  pd_account_switcher_update (self);
}

PdContext *
pd_account_switcher_get_context (PdAccountSwitcher *self)
{
  g_return_val_if_fail (PD_IS_ACCOUNT_SWITCHER (self), NULL);
  return self->context;
}

void
pd_account_switcher_set_context (PdAccountSwitcher *self,
                                 PdContext         *context)
{
  g_return_if_fail (PD_IS_ACCOUNT_SWITCHER (self));
  g_return_if_fail (context == NULL || PD_IS_CONTEXT (context));

  if (self->context != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->context, self);
      g_signal_handlers_disconnect_by_data (pd_context_get_account_manager (self->context), self);
    }
  if (g_set_object (&self->context, context))
    {
      if (context != NULL)
        {
          g_signal_connect_swapped (context, "notify::account",
                                    G_CALLBACK (pd_account_switcher_update), self);
          g_signal_connect_swapped (pd_context_get_account_manager (context), "items-changed",
                                    G_CALLBACK (pd_account_switcher_update), self);
        }
      pd_account_switcher_update (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
    }
}

const char *
pd_account_switcher_get_title (PdAccountSwitcher *self)
{
  g_return_val_if_fail (PD_IS_ACCOUNT_SWITCHER (self), NULL);
  return gtk_label_get_label (self->title_label);
}
