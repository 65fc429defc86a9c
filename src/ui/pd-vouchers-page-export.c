/* pd-vouchers-page-export.c: the Vouchers page's CSV and PDF exports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-vouchers-page"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-account.h"
#include "pd-voucher-batch-export.h"
#include "pd-vouchers-page-private.h"

/* --- Exports ------------------------------------------------------------ */

/* The campaign's donor page on the platform, as the tenant's account
 * names it; @placeholder says when there is none to name (a demo or
 * offline workspace, or a platform that does not say), so the user can
 * be told that the codes point to an example address. */
static char *
donor_page_url (PdVouchersPage *self,
                gboolean       *placeholder)
{
  PdContext *context = _pd_vouchers_page_get_context (self);
  PdAccount *account = context != NULL ? pd_context_get_account (context) : NULL;
  const char *donor_pages = account != NULL ? pd_account_get_donor_page_url (account) : NULL;

  *placeholder = donor_pages == NULL;
  return pd_voucher_donor_page_url (donor_pages, self->campaign);
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
  gboolean placeholder = FALSE;
  ExportData *data;

  g_return_if_fail (PD_IS_VOUCHERS_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->export != NULL || self->store == NULL || self->campaign == NULL)
    return;

  g_clear_pointer (&self->export_error, g_free);
  batch = pd_store_get_voucher_batch (self->store, batch_id);
  if (batch == NULL)
    return;

  url = donor_page_url (self, &placeholder);
  self->export = pd_voucher_export_new_for_batch (self->store, batch, url, &error);
  if (self->export == NULL)
    {
      self->export_error = g_strdup (error->message);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }
  if (placeholder)
    {
      g_autofree char *escaped = g_markup_escape_text (url, -1);
      g_autofree char *note = NULL;

      /* Translators: %s is an example web address, not a real one */
      note = g_strdup_printf (_("Not connected to a platform: the codes point to the example address %s"), escaped);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (note));
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

void
_pd_vouchers_page_export_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  choose_file (PD_VOUCHERS_PAGE (widget), g_variant_get_string (parameter, NULL),
               g_str_equal (action_name, "vouchers.export-pdf"));
}

void
_pd_vouchers_page_cancel_export_action (GtkWidget  *widget,
                                        const char *action_name,
                                        GVariant   *parameter)
{
  PdVouchersPage *self = PD_VOUCHERS_PAGE (widget);

  if (self->export_cancellable != NULL)
    g_cancellable_cancel (self->export_cancellable);
}

void
_pd_vouchers_page_open_file_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                g_variant_get_string (parameter, NULL), GDK_CURRENT_TIME);
}
