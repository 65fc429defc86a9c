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
#include "pd-voucher-batch-export.h"
#include "pd-voucher-batch-row.h"
#include "pd-voucher-issue.h"
#include "pd-vouchers-page-private.h"
#include "pd-window.h"

struct _PdVouchersPage
{
  AdwBin             parent_instance;

  PdStore           *store;
  PdCampaign        *campaign;
  GtkFilterListModel *batches;
  GtkCustomFilter   *filter;

  PdVoucherExport   *export;
  GCancellable      *export_cancellable;
  GBinding          *export_binding;
  char              *export_error;
  GtkFileChooserNative *chooser;

  AdwToastOverlay   *toast_overlay;
  GtkStack          *stack;
  GtkLabel          *budget_label;
  GtkListBox        *list_box;
  GtkRevealer       *progress_revealer;
  GtkLabel          *progress_label;
  GtkProgressBar    *progress_bar;
};

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


static PdContext *
get_context (PdVouchersPage *self)
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

  return pd_voucher_batch_row_new (item, self->campaign);
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

  dialog = pd_preflight_dialog_new (self->store, self->campaign, get_context (self));
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* --- Exports ------------------------------------------------------------ */

static char *
donor_page_url (PdVouchersPage *self)
{
  PdContext *context = get_context (self);
  PdAccount *account = context != NULL ? pd_context_get_account (context) : NULL;
  const char *base = account != NULL ? pd_account_get_base_url (account) : NULL;
  const char *slug = pd_campaign_get_slug (self->campaign);

  /* Donor pages live on the platform under the campaign's slug. */
  if (base == NULL || *base == '\0')
    base = "https://particulate.example.com";
  if (slug == NULL || *slug == '\0')
    slug = pd_record_get_id (PD_RECORD (self->campaign));

  return g_strdup_printf ("%.*s/c/%s", (int) (strlen (base) - (g_str_has_suffix (base, "/") ? 1 : 0)),
                          base, slug);
}

static void
end_export (PdVouchersPage *self)
{
  g_clear_pointer (&self->export_binding, g_binding_unbind);
  g_clear_object (&self->export);
  g_clear_object (&self->export_cancellable);
  gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "vouchers.cancel-export", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "vouchers.export-csv", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "vouchers.export-pdf", TRUE);
}

typedef struct {
  PdVouchersPage *self;
  GFile          *file;
  gboolean        pdf;
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_clear_object (&data->self);
  g_clear_object (&data->file);
  g_free (data);
}

static void
on_export_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  ExportData *data = user_data;
  PdVouchersPage *self = data->self;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  /* The page went away during the export: nothing left to update. */
  if (self->toast_overlay == NULL)
    {
      export_data_free (data);
      return;
    }

  if (data->pdf)
    ok = pd_voucher_export_write_pdf_finish (PD_VOUCHER_EXPORT (source), result, &error);
  else
    ok = pd_voucher_export_write_csv_finish (PD_VOUCHER_EXPORT (source), result, &error);

  end_export (self);
  g_clear_pointer (&self->export_error, g_free);

  if (ok)
    {
      g_autofree char *name = g_file_get_basename (data->file);
      g_autofree char *uri = g_file_get_uri (data->file);
      /* Translators: a toast; %s is a file name */
      g_autofree char *text = g_strdup_printf (_("Exported “%s”"), name);
      AdwToast *toast = adw_toast_new (text);

      adw_toast_set_button_label (toast, _("_Open"));
      adw_toast_set_action_name (toast, "vouchers.open-file");
      adw_toast_set_action_target_value (toast, g_variant_new_string (uri));
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      self->export_error = g_strdup (error->message);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Export cancelled")));
    }
  else
    {
      /* Translators: a toast; %s says what went wrong */
      g_autofree char *text = g_strdup_printf (_("Could not export: %s"), error->message);
      AdwToast *toast = adw_toast_new (text);

      self->export_error = g_strdup (error->message);
      adw_toast_set_timeout (toast, 0);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
    }

  export_data_free (data);
}

void
_pd_vouchers_page_export_to_file (PdVouchersPage *self,
                                  const char     *batch_id,
                                  GFile          *file,
                                  const char     *format)
{
  g_autoptr(PdVoucherBatch) batch = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;
  ExportData *data;

  g_return_if_fail (PD_IS_VOUCHERS_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->export != NULL || self->store == NULL || self->campaign == NULL)
    return;

  g_clear_pointer (&self->export_error, g_free);
  batch = pd_store_get_voucher_batch (self->store, batch_id);
  if (batch == NULL)
    return;

  url = donor_page_url (self);
  self->export = pd_voucher_export_new_for_batch (self->store, batch, url, &error);
  if (self->export == NULL)
    {
      self->export_error = g_strdup (error->message);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }

  data = g_new0 (ExportData, 1);
  data->self = g_object_ref (self);
  data->file = g_object_ref (file);
  data->pdf = g_strcmp0 (format, "pdf") == 0;

  name = g_file_get_basename (file);
  /* Translators: %s is a file name */
  text = g_strdup_printf (_("Exporting “%s”…"), name);
  gtk_label_set_text (self->progress_label, text);
  self->export_cancellable = g_cancellable_new ();
  self->export_binding = g_object_bind_property (self->export, "fraction",
                                                 self->progress_bar, "fraction",
                                                 G_BINDING_SYNC_CREATE);
  gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "vouchers.cancel-export", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "vouchers.export-csv", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "vouchers.export-pdf", FALSE);

  if (data->pdf)
    pd_voucher_export_write_pdf_async (self->export, file, self->export_cancellable,
                                       on_export_done_cb, data);
  else
    pd_voucher_export_write_csv_async (self->export, file, self->export_cancellable,
                                       on_export_done_cb, data);
}

gboolean
_pd_vouchers_page_get_exporting (PdVouchersPage *self)
{
  g_return_val_if_fail (PD_IS_VOUCHERS_PAGE (self), FALSE);

  return self->export != NULL;
}

const char *
_pd_vouchers_page_get_export_error (PdVouchersPage *self)
{
  g_return_val_if_fail (PD_IS_VOUCHERS_PAGE (self), NULL);

  return self->export_error;
}

GtkWidget *
_pd_vouchers_page_get_list_box (PdVouchersPage *self)
{
  g_return_val_if_fail (PD_IS_VOUCHERS_PAGE (self), NULL);

  return GTK_WIDGET (self->list_box);
}

static void
on_chooser_response_cb (GtkNativeDialog *chooser,
                        int              response,
                        PdVouchersPage  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      const char *batch_id = g_object_get_data (G_OBJECT (chooser), "batch-id");
      const char *format = g_object_get_data (G_OBJECT (chooser), "format");

      if (file != NULL)
        _pd_vouchers_page_export_to_file (self, batch_id, file, format);
    }

  g_clear_object (&self->chooser);
}

static void
choose_file (PdVouchersPage *self,
             const char     *batch_id,
             gboolean        pdf)
{
  g_autoptr(PdVoucherBatch) batch = NULL;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  g_autofree char *base = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->store == NULL || self->export != NULL || self->chooser != NULL)
    return;
  batch = pd_store_get_voucher_batch (self->store, batch_id);
  if (batch == NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (pdf ? _("Export Printable Cards") : _("Export Voucher Codes"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  base = g_strdelimit (g_strdup (pd_voucher_batch_get_label (batch)), "/\\:", '-');
  name = g_strconcat (base, pdf ? ".pdf" : ".csv", NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  gtk_file_filter_set_name (filter, pdf ? _("PDF documents") : _("CSV files"));
  gtk_file_filter_add_mime_type (filter, pdf ? "application/pdf" : "text/csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_object_set_data_full (G_OBJECT (self->chooser), "batch-id", g_strdup (batch_id), g_free);
  g_object_set_data (G_OBJECT (self->chooser), "format", (gpointer) (pdf ? "pdf" : "csv"));
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  choose_file (PD_VOUCHERS_PAGE (widget), g_variant_get_string (parameter, NULL),
               g_str_equal (action_name, "vouchers.export-pdf"));
}

static void
cancel_export_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PdVouchersPage *self = PD_VOUCHERS_PAGE (widget);

  if (self->export_cancellable != NULL)
    g_cancellable_cancel (self->export_cancellable);
}

static void
open_file_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                g_variant_get_string (parameter, NULL), GDK_CURRENT_TIME);
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
  gtk_widget_class_install_action (widget_class, "vouchers.export-csv", "s", export_action);
  gtk_widget_class_install_action (widget_class, "vouchers.export-pdf", "s", export_action);
  gtk_widget_class_install_action (widget_class, "vouchers.cancel-export", NULL, cancel_export_action);
  gtk_widget_class_install_action (widget_class, "vouchers.open-file", "s", open_file_action);
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
