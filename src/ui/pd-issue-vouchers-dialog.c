/* pd-issue-vouchers-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-issue-vouchers-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-clock.h"
#include "pd-date-time-button.h"
#include "pd-issue-vouchers-dialog.h"
#include "pd-ui-utils.h"
#include "pd-voucher-issue.h"
#include "pd-voucher-rules.h"

struct _PdIssueVouchersDialog
{
  AdwWindow         parent_instance;

  PdStore          *store;
  PdCampaign       *campaign;
  PdVoucherBatch   *batch;
  PdVoucherGenerator *generator;
  GCancellable     *cancellable;
  GBinding         *fraction_binding;
  gboolean          close_when_done;

  GtkStack         *stack;
  AdwEntryRow      *label_row;
  AdwActionRow     *count_row;
  AdwActionRow     *coins_row;
  AdwActionRow     *expiry_row;
  GtkSpinButton    *count_spin;
  GtkSpinButton    *coins_spin;
  PdDateTimeButton *expiry_button;
  GtkLabel         *budget_label;
  GtkLabel         *error_label;
  GtkLabel         *progress_label;
  GtkProgressBar   *progress_bar;
  GtkWidget        *issue_button;
  GtkWidget        *cancel_button;
};

G_DEFINE_FINAL_TYPE (PdIssueVouchersDialog, pd_issue_vouchers_dialog, ADW_TYPE_WINDOW)

enum {
  ISSUED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* A count with the locale's digit grouping, "12,500". */
static char *
format_count (gint64 n)
{
  return g_strdup_printf ("%'" G_GINT64_FORMAT, n);
}

static void
clear_errors (PdIssueVouchersDialog *self)
{
  pd_widget_set_error (GTK_WIDGET (self->count_row), FALSE);
  pd_widget_set_error (GTK_WIDGET (self->coins_row), FALSE);
  pd_widget_set_error (GTK_WIDGET (self->expiry_row), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
}

static void
show_error (PdIssueVouchersDialog *self,
            const GError          *error)
{
  GtkWidget *row = NULL;

  if (error->domain == PD_VOUCHER_RULES_ERROR)
    {
      switch ((PdVoucherRulesError) error->code)
        {
        case PD_VOUCHER_RULES_ERROR_COUNT:
          row = GTK_WIDGET (self->count_row);
          break;
        case PD_VOUCHER_RULES_ERROR_COINS:
        case PD_VOUCHER_RULES_ERROR_OVER_BUDGET:
          row = GTK_WIDGET (self->coins_row);
          break;
        case PD_VOUCHER_RULES_ERROR_EXPIRY_MISSING:
        case PD_VOUCHER_RULES_ERROR_EXPIRY_PAST:
        case PD_VOUCHER_RULES_ERROR_EXPIRY_BEFORE_END:
          row = GTK_WIDGET (self->expiry_row);
          break;
        default:
          break;
        }
    }

  if (row != NULL)
    pd_widget_set_error (row, TRUE);

  gtk_label_set_text (self->error_label, error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}

static void
update_budget_hint (PdIssueVouchersDialog *self)
{
  gint64 remaining = pd_voucher_issue_remaining_budget (self->store, self->campaign, NULL);
  gint64 count = gtk_spin_button_get_value_as_int (self->count_spin);
  gint64 coins = (gint64) gtk_spin_button_get_value (self->coins_spin);
  gint64 after = remaining - count * coins;
  gint64 coin_value = pd_campaign_get_coin_value_micros (self->campaign);
  const char *currency = pd_campaign_get_currency (self->campaign);
  g_autofree char *money_left = pd_format_money (remaining, coin_value, currency);
  g_autofree char *money_batch = pd_format_money (count * coins, coin_value, currency);
  g_autofree char *text = NULL;

  if (after >= 0)
    {
      g_autofree char *money_after = pd_format_money (after, coin_value, currency);
      /* Translators: the batch's value, the budget left before and after it */
      text = g_strdup_printf (_("This batch is worth %s. Remaining budget: %s now, %s after this batch."),
                              money_batch, money_left, money_after);
    }
  else
    {
      /* Translators: the batch's value and the budget that is left */
      text = g_strdup_printf (_("This batch is worth %s, more than the remaining budget of %s."),
                              money_batch, money_left);
    }

  gtk_label_set_text (self->budget_label, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->coins_spin),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
  pd_widget_set_error (GTK_WIDGET (self->budget_label), after < 0);
}

static void
on_value_changed_cb (PdIssueVouchersDialog *self)
{
  clear_errors (self);
  update_budget_hint (self);
}

static void
set_busy (PdIssueVouchersDialog *self,
          gboolean               busy)
{
  gtk_stack_set_visible_child_name (self->stack, busy ? "progress" : "form");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "issue.issue", !busy);
}

static void
on_issued_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(PdIssueVouchersDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) codes = pd_voucher_issue_finish (PD_STORE (source), result, &error);
  g_autoptr(PdVoucherBatch) batch = g_steal_pointer (&self->batch);

  g_clear_pointer (&self->fraction_binding, g_binding_unbind);
  g_clear_object (&self->generator);
  g_clear_object (&self->cancellable);

  /* Closed from outside while the codes were drawn: nothing to show. */
  if (self->stack == NULL)
    {
      if (codes != NULL)
        g_signal_emit (self, signals[ISSUED], 0, batch);
      return;
    }

  if (codes == NULL)
    {
      set_busy (self, FALSE);
      if (self->close_when_done)
        gtk_window_destroy (GTK_WINDOW (self));
      else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error);
      return;
    }

  g_signal_emit (self, signals[ISSUED], 0, batch);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
start_issue (PdIssueVouchersDialog *self,
             gboolean               early_expiry_confirmed);

static void
on_confirm_response_cb (AdwMessageDialog      *dialog,
                        const char            *response,
                        PdIssueVouchersDialog *self)
{
  if (g_strcmp0 (response, "issue") == 0)
    start_issue (self, TRUE);
}

static void
ask_early_expiry (PdIssueVouchersDialog *self)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self),
                                              _("Expire Before the Campaign Ends?"),
                                              _("These vouchers expire before the campaign ends. Donors who receive them late may not be able to use them."));

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Change Date"),
                                    "issue", _("_Issue Anyway"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "issue",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_confirm_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
start_issue (PdIssueVouchersDialog *self,
             gboolean               early_expiry_confirmed)
{
  g_autoptr(PdVoucherBatch) batch = pd_voucher_batch_new (pd_record_get_id (PD_RECORD (self->campaign)));
  g_autoptr(GError) error = NULL;
  g_autofree char *label = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->label_row))));
  g_autofree char *progress = NULL;
  g_autofree char *count_text = NULL;
  GDateTime *expires_at = pd_date_time_button_get_date_time (self->expiry_button);
  gint64 count = gtk_spin_button_get_value_as_int (self->count_spin);

  if (self->generator != NULL)
    return;

  clear_errors (self);
  if (*label == '\0')
    {
      g_autoptr(GDateTime) today = pd_now (NULL);
      g_autofree char *date = g_date_time_format (today, "%x");

      g_free (label);
      /* Translators: the default label of a voucher batch, with today's date */
      label = g_strdup_printf (_("Vouchers of %s"), date);
    }

  pd_voucher_batch_set_label (batch, label);
  pd_voucher_batch_set_count (batch, count);
  pd_voucher_batch_set_coins_per_voucher (batch, (gint64) gtk_spin_button_get_value (self->coins_spin));
  pd_voucher_batch_set_expires_at (batch, expires_at);

  self->generator = pd_voucher_issue_prepare (self->store, batch, early_expiry_confirmed, NULL, &error);
  if (self->generator == NULL)
    {
      if (g_error_matches (error, PD_VOUCHER_RULES_ERROR, PD_VOUCHER_RULES_ERROR_EXPIRY_BEFORE_END))
        ask_early_expiry (self);
      else
        show_error (self, error);
      return;
    }

  self->batch = g_steal_pointer (&batch);
  self->cancellable = g_cancellable_new ();
  self->fraction_binding = g_object_bind_property (self->generator, "fraction",
                                                   self->progress_bar, "fraction",
                                                   G_BINDING_SYNC_CREATE);
  count_text = format_count (count);
  progress = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Issuing %s voucher…",
                                           "Issuing %s vouchers…", (gulong) count),
                              count_text);
  gtk_label_set_text (self->progress_label, progress);
  set_busy (self, TRUE);
  gtk_widget_grab_focus (self->cancel_button);

  pd_voucher_issue_async (self->store, self->batch, self->generator, self->cancellable,
                          on_issued_cb, g_object_ref (self));
}

void
pd_issue_vouchers_dialog_issue (PdIssueVouchersDialog *self)
{
  g_return_if_fail (PD_IS_ISSUE_VOUCHERS_DIALOG (self));

  start_issue (self, FALSE);
}

gboolean
pd_issue_vouchers_dialog_get_busy (PdIssueVouchersDialog *self)
{
  g_return_val_if_fail (PD_IS_ISSUE_VOUCHERS_DIALOG (self), FALSE);

  return self->generator != NULL;
}

static void
issue_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  start_issue (PD_ISSUE_VOUCHERS_DIALOG (widget), FALSE);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PdIssueVouchersDialog *self = PD_ISSUE_VOUCHERS_DIALOG (widget);

  /* While codes are drawn, Cancel stops them; the store keeps nothing. */
  if (self->cancellable != NULL)
    {
      self->close_when_done = TRUE;
      g_cancellable_cancel (self->cancellable);
      return;
    }

  gtk_window_destroy (GTK_WINDOW (self));
}

static gboolean
pd_issue_vouchers_dialog_close_request (GtkWindow *window)
{
  PdIssueVouchersDialog *self = PD_ISSUE_VOUCHERS_DIALOG (window);

  if (self->cancellable != NULL)
    {
      self->close_when_done = TRUE;
      g_cancellable_cancel (self->cancellable);
      return TRUE;
    }

  return GTK_WINDOW_CLASS (pd_issue_vouchers_dialog_parent_class)->close_request (window);
}

static void
pd_issue_vouchers_dialog_dispose (GObject *object)
{
  PdIssueVouchersDialog *self = PD_ISSUE_VOUCHERS_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_pointer (&self->fraction_binding, g_binding_unbind);
  gtk_widget_dispose_template (GTK_WIDGET (object), PD_TYPE_ISSUE_VOUCHERS_DIALOG);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->generator);
  g_clear_object (&self->batch);
  g_clear_object (&self->campaign);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (pd_issue_vouchers_dialog_parent_class)->dispose (object);
}

static void
pd_issue_vouchers_dialog_class_init (PdIssueVouchersDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = pd_issue_vouchers_dialog_dispose;
  window_class->close_request = pd_issue_vouchers_dialog_close_request;

  signals[ISSUED] =
    g_signal_new ("issued", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, PD_TYPE_VOUCHER_BATCH);

  g_type_ensure (PD_TYPE_DATE_TIME_BUTTON);
  gtk_widget_class_set_template_from_resource (widget_class, "/com/particulate/Designer/ui/pd-issue-vouchers-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PdIssueVouchersDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, PdIssueVouchersDialog, label_row);
  gtk_widget_class_bind_template_child (widget_class, PdIssueVouchersDialog, count_row);
  gtk_widget_class_bind_template_child (widget_class, PdIssueVouchersDialog, coins_row);
  gtk_widget_class_bind_template_child (widget_class, PdIssueVouchersDialog, expiry_row);
  gtk_widget_class_bind_template_child (widget_class, PdIssueVouchersDialog, count_spin);
  gtk_widget_class_bind_template_child (widget_class, PdIssueVouchersDialog, coins_spin);
  gtk_widget_class_bind_template_child (widget_class, PdIssueVouchersDialog, expiry_button);
  gtk_widget_class_bind_template_child (widget_class, PdIssueVouchersDialog, budget_label);
  gtk_widget_class_bind_template_child (widget_class, PdIssueVouchersDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, PdIssueVouchersDialog, progress_label);
  gtk_widget_class_bind_template_child (widget_class, PdIssueVouchersDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, PdIssueVouchersDialog, issue_button);
  gtk_widget_class_bind_template_child (widget_class, PdIssueVouchersDialog, cancel_button);

  gtk_widget_class_install_action (widget_class, "issue.issue", NULL, issue_action);
  gtk_widget_class_install_action (widget_class, "issue.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "issue.cancel", NULL);
}

static void
pd_issue_vouchers_dialog_init (PdIssueVouchersDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  pd_entry_row_name_parts (self->label_row);
  g_signal_connect_swapped (self->count_spin, "value-changed", G_CALLBACK (on_value_changed_cb), self);
  g_signal_connect_swapped (self->coins_spin, "value-changed", G_CALLBACK (on_value_changed_cb), self);
  g_signal_connect_swapped (self->expiry_button, "changed", G_CALLBACK (clear_errors), self);
}

PdIssueVouchersDialog *
pd_issue_vouchers_dialog_new (PdStore    *store,
                              PdCampaign *campaign)
{
  PdIssueVouchersDialog *self;
  g_autoptr(GDateTime) now = pd_now_utc ();
  g_autoptr(GDateTime) expiry = NULL;
  GDateTime *ends_at;

  g_return_val_if_fail (PD_IS_STORE (store), NULL);
  g_return_val_if_fail (PD_IS_CAMPAIGN (campaign), NULL);

  self = g_object_new (PD_TYPE_ISSUE_VOUCHERS_DIALOG, NULL);
  self->store = g_object_ref (store);
  self->campaign = g_object_ref (campaign);

  /* By default vouchers stay valid three months past the campaign's end,
   * so late donors can still give them. */
  ends_at = pd_campaign_get_ends_at (campaign);
  if (ends_at != NULL && g_date_time_compare (ends_at, now) > 0)
    expiry = g_date_time_add_months (ends_at, 3);
  else
    expiry = g_date_time_add_years (now, 1);

  pd_date_time_button_set_time_zone (self->expiry_button, pd_campaign_get_time_zone (campaign));
  pd_date_time_button_set_date_time (self->expiry_button, expiry);
  update_budget_hint (self);

  return self;
}
