/* pd-projects-page-import.c: projects from a CSV file
 *
 * The import runs in a worker thread (pd_project_import_csv_async()), so
 * the window stays responsive; a dialog shows its progress and can
 * cancel it, which leaves nothing imported. If rows have problems, nothing
 * is written and the report lists them by line; the user decides whether
 * to import the valid rows or nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-projects-page"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-project-import.h"
#include "pd-projects-page-private.h"

static void show_report (PdProjectsPage *self,
                         GBytes         *csv,
                         PdImportReport *report);

/* One import under way, with its progress dialog. */
typedef struct {
  PdProjectsPage       *page;
  GBytes               *csv;
  PdProjectImportFlags  flags;
  GCancellable         *cancellable;
  AdwMessageDialog     *dialog;      /* (nullable) weak */
  GtkProgressBar       *progress_bar;
} ImportJob;

static void
import_job_free (ImportJob *job)
{
  if (job->dialog != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (job->dialog), (gpointer *) &job->dialog);
      g_signal_handlers_disconnect_by_data (job->dialog, job);
      gtk_window_destroy (GTK_WINDOW (job->dialog));
    }
  g_clear_object (&job->page);
  g_clear_pointer (&job->csv, g_bytes_unref);
  g_clear_object (&job->cancellable);
  g_free (job);
}

static void
on_import_progress_cb (double   fraction,
                       gpointer user_data)
{
  ImportJob *job = user_data;

  if (job->progress_bar != NULL && job->dialog != NULL)
    gtk_progress_bar_set_fraction (job->progress_bar, fraction);
}

static void
on_progress_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         ImportJob        *job)
{
  /* "cancel", or the dialog closed: stop the import. */
  g_cancellable_cancel (job->cancellable);
}

static void
on_import_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  ImportJob *job = user_data;
  PdProjectsPage *self = job->page;
  g_autoptr(PdImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;

  if (!pd_project_import_csv_finish (PD_STORE (source), result, &report, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _pd_projects_page_show_toast (self, adw_toast_new (_("Import cancelled. Nothing was imported.")));
      else if (g_error_matches (error, PD_IMPORT_ERROR, PD_IMPORT_ERROR_INVALID_ROWS) && report != NULL &&
               !(job->flags & PD_PROJECT_IMPORT_SKIP_BAD_ROWS))
        show_report (self, job->csv, report);
      else
        _pd_projects_page_show_error (self, error);
      import_job_free (job);
      return;
    }

  summary = pd_import_report_dup_summary (report);
  _pd_projects_page_show_toast (self, adw_toast_new (summary));
  /* The library follows the store by itself; a new category may need
   * a place in the drop-down. */
  _pd_projects_page_reload_categories (self);
  import_job_free (job);
}

static void
import_now (PdProjectsPage       *self,
            GBytes               *csv,
            PdProjectImportFlags  flags)
{
  ImportJob *job;
  GtkWidget *bar;

  if (self->store == NULL)
    return;

  job = g_new0 (ImportJob, 1);
  job->page = g_object_ref (self);
  job->csv = g_bytes_ref (csv);
  job->flags = flags;
  job->cancellable = g_cancellable_new ();

  bar = gtk_progress_bar_new ();
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Import progress"), -1);
  job->progress_bar = GTK_PROGRESS_BAR (bar);
  job->dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                            _("Importing Projects"),
                                                            _("Nothing is saved until every row is read. Cancelling leaves the workspace as it was.")));
  g_object_add_weak_pointer (G_OBJECT (job->dialog), (gpointer *) &job->dialog);
  adw_message_dialog_set_extra_child (job->dialog, bar);
  adw_message_dialog_add_response (job->dialog, "cancel", _("_Cancel"));
  adw_message_dialog_set_close_response (job->dialog, "cancel");
  g_signal_connect (job->dialog, "response", G_CALLBACK (on_progress_response_cb), job);
  gtk_window_present (GTK_WINDOW (job->dialog));

  pd_project_import_csv_async (self->store, csv, flags, job->cancellable,
                               on_import_progress_cb, job, NULL, on_import_done_cb, job);
}

static void
on_report_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       PdProjectsPage   *self)
{
  GBytes *csv = g_object_get_data (G_OBJECT (dialog), "csv");

  if (g_strcmp0 (response, "import") == 0)
    import_now (self, csv, PD_PROJECT_IMPORT_SKIP_BAD_ROWS);
}

static GtkWidget *
build_problem_list (PdImportReport *report)
{
  GListModel *problems = pd_import_report_get_problems (report);
  guint n = g_list_model_get_n_items (problems);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Problems found in the file"), -1);

  /* A long report stays readable: the first hundred problems. */
  for (guint i = 0; i < MIN (n, 100); i++)
    {
      g_autoptr(PdImportProblem) problem = g_list_model_get_item (problems, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *where = NULL;

      if (pd_import_problem_get_column (problem) != NULL)
        /* Translators: where a problem is in a CSV file: "Line 4, column “title”" */
        where = g_strdup_printf (_("Line %u, column “%s”"), pd_import_problem_get_line (problem),
                                 pd_import_problem_get_column (problem));
      else
        /* Translators: where a problem is in a CSV file */
        where = g_strdup_printf (_("Line %u"), pd_import_problem_get_line (problem));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), where);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), pd_import_problem_get_message (problem));
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 120);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 300);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  return scrolled;
}

void
_pd_projects_page_import_bytes (PdProjectsPage *self,
                                GBytes         *csv)
{
  /* A file without problems is imported at once; one with bad rows
   * writes nothing and comes back with its report (see above). */
  import_now (self, csv, PD_PROJECT_IMPORT_NONE);
}

static void
show_report (PdProjectsPage *self,
             GBytes         *csv,
             PdImportReport *report)
{
  AdwMessageDialog *dialog;
  guint n_problems, n_rows, n_skipped;
  g_autofree char *body = NULL;

  n_problems = g_list_model_get_n_items (pd_import_report_get_problems (report));
  n_rows = pd_import_report_get_n_rows (report);
  n_skipped = pd_import_report_get_n_skipped (report);
  if (n_skipped == 0)
    n_skipped = MIN (n_problems, n_rows);
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u of %u rows cannot be imported. The other rows are fine.",
                                       "%u of %u rows cannot be imported. The other rows are fine.",
                                       n_rows),
                          n_skipped, n_rows);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                       _("Some Rows Have Problems"), body));
  adw_message_dialog_set_extra_child (dialog, build_problem_list (report));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "import", _("_Import Valid Rows"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "import", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (dialog, "import", n_skipped < n_rows);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "csv", g_bytes_ref (csv), (GDestroyNotify) g_bytes_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_report_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_csv_loaded_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(PdProjectsPage) self = user_data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  bytes = g_file_load_bytes_finish (G_FILE (source), result, NULL, &error);
  if (bytes == NULL)
    {
      _pd_projects_page_show_error (self, error);
      return;
    }
  _pd_projects_page_import_bytes (self, bytes);
}

static void
on_chooser_response_cb (GtkNativeDialog *chooser,
                        int              response,
                        PdProjectsPage  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        g_file_load_bytes_async (file, NULL, on_csv_loaded_cb, g_object_ref (self));
    }
  g_object_unref (chooser);
}

void
_pd_projects_page_import_csv (PdProjectsPage *self)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Import Projects"),
                                         GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("CSV Files"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
