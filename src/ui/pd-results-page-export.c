/* pd-results-page-export.c: the Results page's CSV and PDF exports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-results-page"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-results-export.h"
#include "pd-results-page-private.h"

typedef struct {
  PdResultsPage *self;
  GFile         *file;
  gboolean       pdf;
} ExportData;

static void
on_export_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  ExportData *data = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = data->pdf
                ? pd_results_export_write_pdf_finish (PD_RESULTS_EXPORT (source), result, &error)
                : pd_results_export_write_csv_finish (PD_RESULTS_EXPORT (source), result, &error);
  g_autofree char *text = NULL;

  g_object_set_data (G_OBJECT (data->self), "pd-exporting", NULL);
  if (ok)
    {
      g_autofree char *name = g_file_get_basename (data->file);

      /* Translators: a toast; %s is a file name */
      text = g_strdup_printf (_("Exported “%s”"), name);
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Translators: a toast; %s says what went wrong */
      text = g_strdup_printf (_("Could not export: %s"), error->message);
    }

  if (text != NULL && data->self->toast_overlay != NULL)
    adw_toast_overlay_add_toast (data->self->toast_overlay, adw_toast_new (text));

  g_object_unref (data->self);
  g_object_unref (data->file);
  g_free (data);
}

void
_pd_results_page_export_to_file (PdResultsPage *self,
                                 GFile         *file,
                                 const char    *format)
{
  g_autoptr(PdResultsExport) export = NULL;
  ExportData *data;

  g_return_if_fail (PD_IS_RESULTS_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->stats == NULL || self->campaign == NULL || _pd_results_page_get_busy (self))
    return;

  export = pd_results_export_new (self->stats, pd_campaign_get_name (self->campaign),
                                  pd_campaign_get_currency (self->campaign),
                                  pd_campaign_get_coin_value_micros (self->campaign));
  for (guint i = 0; i < pd_campaign_stats_get_n_projects (self->stats); i++)
    {
      const char *id = pd_campaign_stats_get_project (self->stats, i)->project_id;
      g_autofree char *title = _pd_results_page_dup_project_title (self, id);

      pd_results_export_set_project_title (export, id, title);
    }

  data = g_new0 (ExportData, 1);
  data->self = g_object_ref (self);
  data->file = g_object_ref (file);
  data->pdf = g_strcmp0 (format, "pdf") == 0;
  g_object_set_data (G_OBJECT (self), "pd-exporting", GINT_TO_POINTER (1));

  if (data->pdf)
    pd_results_export_write_pdf_async (export, file, NULL, on_export_done_cb, data);
  else
    pd_results_export_write_csv_async (export, file, NULL, on_export_done_cb, data);
}

gboolean
_pd_results_page_get_busy (PdResultsPage *self)
{
  g_return_val_if_fail (PD_IS_RESULTS_PAGE (self), FALSE);

  return self->cancellable != NULL || g_object_get_data (G_OBJECT (self), "pd-exporting") != NULL;
}

PdCampaignStats *
_pd_results_page_get_stats (PdResultsPage *self)
{
  g_return_val_if_fail (PD_IS_RESULTS_PAGE (self), NULL);

  return self->stats;
}

static void
on_chooser_response_cb (GtkNativeDialog *chooser,
                        int              response,
                        PdResultsPage   *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        _pd_results_page_export_to_file (self, file, g_object_get_data (G_OBJECT (chooser), "format"));
    }

  g_clear_object (&self->chooser);
}

void
_pd_results_page_export_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  PdResultsPage *self = PD_RESULTS_PAGE (widget);
  gboolean pdf = g_strcmp0 (g_variant_get_string (parameter, NULL), "pdf") == 0;
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *name = NULL;

  if (self->stats == NULL || self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (pdf ? _("Export Results Report") : _("Export Results"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  /* Translators: a file name; %s is the campaign's name */
  name = g_strdup_printf (_("%s results"), pd_campaign_get_name (self->campaign));
  g_strdelimit (name, "/\\:", '-');
  {
    g_autofree char *file_name = g_strconcat (name, pdf ? ".pdf" : ".csv", NULL);

    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), file_name);
  }
  g_object_set_data (G_OBJECT (self->chooser), "format", (gpointer) (pdf ? "pdf" : "csv"));
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}
