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

#include "pd-account-switcher.h"

struct _PdAccountSwitcher
{
  GtkWidget      parent_instance;

  PdContext     *context;

  GtkMenuButton *button;
  GtkLabel      *title_label;
  GtkListBox    *account_list;
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
                  gboolean    active)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_visible (check, active);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), check);
  return row;
}

static void
pd_account_switcher_update (PdAccountSwitcher *self)
{
  GtkWidget *child;
  const char *title = _("Local Workspace");

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->account_list))) != NULL)
    gtk_list_box_remove (self->account_list, child);

  gtk_list_box_append (self->account_list,
                       make_account_row (title, _("Kept on this computer"), TRUE));

  gtk_label_set_label (self->title_label, title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Switch Account"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, title,
                                  -1);
}

static void
pd_account_switcher_dispose (GObject *object)
{
  PdAccountSwitcher *self = PD_ACCOUNT_SWITCHER (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PD_TYPE_ACCOUNT_SWITCHER);
  g_clear_object (&self->context);

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

  if (g_set_object (&self->context, context))
    {
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
