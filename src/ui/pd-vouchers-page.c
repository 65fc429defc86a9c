/* pd-vouchers-page.c
 *
 * The Vouchers page of a campaign: its batches, issuing, exports and the
 * checks before publishing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-vouchers-page"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-account.h"
#include "pd-issue-vouchers-dialog.h"
#include "pd-preflight-dialog.h"
#include "pd-ui-utils.h"
#include "pd-voucher-batch-row.h"
#include "pd-voucher-issue.h"
#include "pd-vouchers-page-private.h"
#include "pd-window.h"


G_DEFINE_FINAL_TYPE (PdVouchersPage, pd_vouchers_page, ADW_TYPE_BIN)

static void update_state (PdVouchersPage *self);
static void rebuild      (PdVouchersPage *self);

enum {
  PROP_0,
  PROP_STORE,
  PROP_CAMPAIGN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pd_vouchers_page_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  PdVouchersPage *self = PD_VOUCHERS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_CAMPAIGN:
      g_value_set_object (value, self->campaign);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_vouchers_page_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  PdVouchersPage *self = PD_VOUCHERS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      if (g_set_object (&self->store, g_value_get_object (value)))
        {
          rebuild (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_CAMPAIGN:
      if (self->campaign != NULL)
        g_signal_handlers_disconnect_by_func (self->campaign, update_state, self);
      if (g_set_object (&self->campaign, g_value_get_object (value)))
        {
          gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
          rebuild (self);
          g_object_notify_by_pspec (object, pspec);
        }
      if (self->campaign != NULL)
        g_signal_connect_object (self->campaign, "notify", G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}


PdContext *
_pd_vouchers_page_get_context (PdVouchersPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return PD_IS_WINDOW (root) ? pd_window_get_context (PD_WINDOW (root)) : NULL;
}

static gboolean
filter_batch (gpointer item,
              gpointer user_data)
{
  PdVouchersPage *self = user_data;

  return self->campaign != NULL
         && g_strcmp0 (pd_voucher_batch_get_campaign_id (item),
                       pd_record_get_id (PD_RECORD (self->campaign))) == 0;
}

static GtkWidget *
create_batch_row (gpointer item,
                  gpointer user_data)
{
  PdVouchersPage *self = user_data;

  return pd_voucher_batch_row_new (item, self->campaign, self->store);
}

static void
update_state (PdVouchersPage *self)
{
  guint n = self->batches != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->batches)) : 0;
  gboolean usable = self->store != NULL && self->campaign != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "vouchers.issue", usable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "vouchers.preflight", usable);
  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");

  if (usable)
    {
      gint64 budget = pd_campaign_get_voucher_budget_coins (self->campaign);
      gint64 remaining = pd_voucher_issue_remaining_budget (self->store, self->campaign, NULL);
      gint64 coin_value = pd_campaign_get_coin_value_micros (self->campaign);
      const char *currency = pd_campaign_get_currency (self->campaign);
      g_autofree char *budget_money = pd_format_money (budget, coin_value, currency);
      g_autofree char *remaining_money = pd_format_money (remaining, coin_value, currency);
      g_autofree char *text = NULL;

      /* Translators: the voucher budget and what is left of it, in money */
      text = g_strdup_printf (_("Voucher budget %s, of which %s not yet issued."),
                              budget_money, remaining_money);
      gtk_label_set_text (self->budget_label, text);
    }
}

static void
rebuild (PdVouchersPage *self)
{
  if (self->batches != NULL)
    g_signal_handlers_disconnect_by_func (self->batches, update_state, self);
  g_clear_object (&self->batches);

  if (self->store != NULL && self->campaign != NULL)
    {
      GListModel *all = pd_store_get_voucher_batches (self->store);

      self->batches = gtk_filter_list_model_new (g_object_ref (all),
                                                 GTK_FILTER (g_object_ref (self->filter)));
      g_signal_connect_swapped (self->batches, "items-changed", G_CALLBACK (update_state), self);
      gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (self->batches),
                               create_batch_row, self, NULL);
    }
  else
    {
      gtk_list_box_bind_model (self->list_box, NULL, NULL, NULL, NULL);
    }

  update_state (self);
}

/* --- Issuing and checks ------------------------------------------------ */

static void
on_batch_issued_cb (PdVouchersPage *self,
                    PdVoucherBatch *batch)
{
  g_autofree char *text = NULL;
  g_autofree char *count_text = NULL;
  gint64 count = pd_voucher_batch_get_count (batch);

  count_text = g_strdup_printf ("%'" G_GINT64_FORMAT, count);
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s voucher issued",
                                       "%s vouchers issued", (gulong) count),
                          count_text);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
  update_state (self);
}

static void
issue_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  PdVouchersPage *self = PD_VOUCHERS_PAGE (widget);
  PdIssueVouchersDialog *dialog;
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->store == NULL || self->campaign == NULL)
    return;

  dialog = pd_issue_vouchers_dialog_new (self->store, self->campaign);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  g_signal_connect_object (dialog, "issued", G_CALLBACK (on_batch_issued_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
preflight_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PdVouchersPage *self = PD_VOUCHERS_PAGE (widget);
  PdPreflightDialog *dialog;
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->store == NULL || self->campaign == NULL)
    return;

  dialog = pd_preflight_dialog_new (self->store, self->campaign, _pd_vouchers_page_get_context (self));
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
pd_vouchers_page_dispose (GObject *object)
{
  PdVouchersPage *self = PD_VOUCHERS_PAGE (object);

  if (self->export_cancellable != NULL)
    g_cancellable_cancel (self->export_cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_pointer (&self->export_binding, g_binding_unbind);
  if (self->batches != NULL)
    g_signal_handlers_disconnect_by_func (self->batches, update_state, self);
  gtk_widget_dispose_template (GTK_WIDGET (object), PD_TYPE_VOUCHERS_PAGE);
  self->toast_overlay = NULL;
  g_clear_object (&self->batches);
  g_clear_object (&self->filter);
  g_clear_object (&self->export);
  g_clear_object (&self->export_cancellable);
  g_clear_pointer (&self->export_error, g_free);
  g_clear_object (&self->campaign);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (pd_vouchers_page_parent_class)->dispose (object);
}

static void
pd_vouchers_page_class_init (PdVouchersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pd_vouchers_page_dispose;
  object_class->get_property = pd_vouchers_page_get_property;
  object_class->set_property = pd_vouchers_page_set_property;

  /* The window sets both when the workspace or the selection changes. */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, PD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAMPAIGN] =
    g_param_spec_object ("campaign", NULL, NULL, PD_TYPE_CAMPAIGN,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/particulate/Designer/ui/pd-vouchers-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PdVouchersPage, stack);
  gtk_widget_class_bind_template_child (widget_class, PdVouchersPage, budget_label);
  gtk_widget_class_bind_template_child (widget_class, PdVouchersPage, list_box);
  gtk_widget_class_bind_template_child (widget_class, PdVouchersPage, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, PdVouchersPage, progress_label);
  gtk_widget_class_bind_template_child (widget_class, PdVouchersPage, progress_bar);

  gtk_widget_class_install_action (widget_class, "vouchers.issue", NULL, issue_action);
  gtk_widget_class_install_action (widget_class, "vouchers.preflight", NULL, preflight_action);
  gtk_widget_class_install_action (widget_class, "vouchers.export-csv", "s", _pd_vouchers_page_export_action);
  gtk_widget_class_install_action (widget_class, "vouchers.export-pdf", "s", _pd_vouchers_page_export_action);
  gtk_widget_class_install_action (widget_class, "vouchers.cancel-export", NULL, _pd_vouchers_page_cancel_export_action);
  gtk_widget_class_install_action (widget_class, "vouchers.open-file", "s", _pd_vouchers_page_open_file_action);
}

static void
pd_vouchers_page_init (PdVouchersPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* The bin owns its child; binding it would unparent it twice. */
  self->toast_overlay = ADW_TOAST_OVERLAY (adw_bin_get_child (ADW_BIN (self)));
  self->filter = gtk_custom_filter_new (filter_batch, self, NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "vouchers.cancel-export", FALSE);
  update_state (self);
}
