/* pd-preflight-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-preflight-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-account.h"
#include "pd-preflight-dialog.h"
#include "pd-preflight.h"
#include "pd-sync-engine.h"

struct _PdPreflightDialog
{
  AdwWindow      parent_instance;

  PdStore       *store;
  PdCampaign    *campaign;
  PdContext     *context;
  GListModel    *items;
  GCancellable  *cancellable;

  GtkSpinButton *rate_spin;
  GtkListBox    *list_box;
  GtkLabel      *summary_label;
  GtkWidget     *publish_button;
};

G_DEFINE_FINAL_TYPE (PdPreflightDialog, pd_preflight_dialog, ADW_TYPE_WINDOW)

static GtkWidget *
create_item_row (gpointer item,
                 gpointer user_data)
{
  PdPreflightItem *check = item;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon;
  const char *icon_name, *kind, *style;
  g_autofree char *name = NULL;

  switch (pd_preflight_item_get_severity (check))
    {
    case PD_PREFLIGHT_ERROR:
      icon_name = "dialog-error-symbolic";
      kind = _("Error");
      style = "error";
      break;
    case PD_PREFLIGHT_WARNING:
      icon_name = "dialog-warning-symbolic";
      kind = _("Warning");
      style = "warning";
      break;
    case PD_PREFLIGHT_OK:
    default:
      icon_name = "emblem-ok-symbolic";
      kind = _("Passed");
      style = "success";
      break;
    }

  icon = gtk_image_new_from_icon_name (icon_name);
  gtk_widget_add_css_class (icon, style);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, kind, -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), pd_preflight_item_get_message (check));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_widget_set_focusable (row, TRUE);
  /* Translators: accessible text of a check, "Error: The budget is 0 coins." */
  name = g_strdup_printf (_("%s: %s"), kind, pd_preflight_item_get_message (check));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);

  return row;
}

static PdAccount *
signed_in_account (PdPreflightDialog *self)
{
  PdAccount *account = self->context != NULL ? pd_context_get_account (self->context) : NULL;

  if (account == NULL || pd_account_get_needs_sign_in (account))
    return NULL;

  return account;
}

static void
refresh (PdPreflightDialog *self)
{
  guint percent = (guint) gtk_spin_button_get_value_as_int (self->rate_spin);
  guint n_errors, n_warnings;
  gboolean can_publish;
  g_autofree char *summary = NULL;

  g_clear_object (&self->items);
  self->items = pd_preflight_run (self->campaign,
                                  pd_store_get_voucher_batches (self->store),
                                  pd_store_get_projects (self->store),
                                  percent, NULL);
  gtk_list_box_bind_model (self->list_box, self->items, create_item_row, NULL, NULL);

  n_errors = pd_preflight_count (self->items, PD_PREFLIGHT_ERROR);
  n_warnings = pd_preflight_count (self->items, PD_PREFLIGHT_WARNING);
  can_publish = n_errors == 0;

  if (n_errors > 0)
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%u error blocks publishing. Fix it and check again.",
                                            "%u errors block publishing. Fix them and check again.",
                                            n_errors),
                               n_errors);
  else if (signed_in_account (self) == NULL)
    summary = g_strdup (_("The campaign passes the checks. Sign in to an account to publish it on the platform."));
  else if (pd_record_get_revision (PD_RECORD (self->campaign)) == 0)
    summary = g_strdup (_("The campaign passes the checks. Sync it to the platform before publishing."));
  else if (n_warnings > 0)
    summary = g_strdup (_("The campaign can be published; look at the warnings first."));
  else
    summary = g_strdup (_("The campaign passes every check and can be published."));

  can_publish = can_publish && signed_in_account (self) != NULL
                && pd_record_get_revision (PD_RECORD (self->campaign)) > 0
                && self->cancellable == NULL;
  gtk_label_set_text (self->summary_label, summary);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preflight.publish", can_publish);
}

static void
on_published_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(PdPreflightDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PdApiRecord) record = pd_api_client_record_finish (PD_API_CLIENT (source), result, &error);
  PdSyncEngine *engine;

  g_clear_object (&self->cancellable);
  if (record == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          refresh (self);
          gtk_label_set_text (self->summary_label, error->message);
        }
      return;
    }

  /* The new status comes back through the change feed. */
  engine = pd_context_get_sync_engine (self->context);
  if (engine != NULL)
    pd_sync_engine_sync_now (engine);

  gtk_window_destroy (GTK_WINDOW (self));
}

static void
publish_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PdPreflightDialog *self = PD_PREFLIGHT_DIALOG (widget);
  PdAccount *account = signed_in_account (self);
  g_autofree char *key = g_uuid_string_random ();

  if (account == NULL || pd_preflight_has_errors (self->items) || self->cancellable != NULL)
    return;

  self->cancellable = g_cancellable_new ();
  gtk_widget_action_set_enabled (widget, "preflight.publish", FALSE);
  gtk_label_set_text (self->summary_label, _("Publishing…"));
  pd_api_client_publish_async (pd_account_get_client (account),
                               pd_record_get_id (PD_RECORD (self->campaign)),
                               pd_record_get_revision (PD_RECORD (self->campaign)),
                               TRUE, key, self->cancellable,
                               on_published_cb, g_object_ref (self));
}

static void
pd_preflight_dialog_dispose (GObject *object)
{
  PdPreflightDialog *self = PD_PREFLIGHT_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (object), PD_TYPE_PREFLIGHT_DIALOG);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->items);
  g_clear_object (&self->context);
  g_clear_object (&self->campaign);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (pd_preflight_dialog_parent_class)->dispose (object);
}

static void
pd_preflight_dialog_class_init (PdPreflightDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pd_preflight_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/particulate/Designer/ui/pd-preflight-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PdPreflightDialog, rate_spin);
  gtk_widget_class_bind_template_child (widget_class, PdPreflightDialog, list_box);
  gtk_widget_class_bind_template_child (widget_class, PdPreflightDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, PdPreflightDialog, publish_button);
  gtk_widget_class_install_action (widget_class, "preflight.publish", NULL, publish_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pd_preflight_dialog_init (PdPreflightDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

PdPreflightDialog *
pd_preflight_dialog_new (PdStore    *store,
                         PdCampaign *campaign,
                         PdContext  *context)
{
  PdPreflightDialog *self;

  g_return_val_if_fail (PD_IS_STORE (store), NULL);
  g_return_val_if_fail (PD_IS_CAMPAIGN (campaign), NULL);
  g_return_val_if_fail (context == NULL || PD_IS_CONTEXT (context), NULL);

  self = g_object_new (PD_TYPE_PREFLIGHT_DIALOG, NULL);
  self->store = g_object_ref (store);
  self->campaign = g_object_ref (campaign);
  g_set_object (&self->context, context);
  g_signal_connect_swapped (self->rate_spin, "value-changed", G_CALLBACK (refresh), self);
  refresh (self);

  return self;
}

GListModel *
pd_preflight_dialog_get_items (PdPreflightDialog *self)
{
  g_return_val_if_fail (PD_IS_PREFLIGHT_DIALOG (self), NULL);

  return self->items;
}

void
pd_preflight_dialog_set_redemption_percent (PdPreflightDialog *self,
                                            guint              percent)
{
  g_return_if_fail (PD_IS_PREFLIGHT_DIALOG (self));

  gtk_spin_button_set_value (self->rate_spin, MIN (percent, 100));
}
