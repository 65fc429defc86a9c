/* test-projects-ui.c: the Projects page, driven through the real widgets
 * of the running application on a demo workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pd-campaign-project-row.h"
#include "pd-project-dialog.h"
#include "pd-projects-page-private.h"
#include "pd-store-sync.h"
#include "pd-test-app.h"

static char *campaign_id;
static char *expected_order[3];

static void
collect_rows (GtkWidget *widget,
              GPtrArray *rows)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (PD_IS_CAMPAIGN_PROJECT_ROW (child) && pd_campaign_project_row_get_item (PD_CAMPAIGN_PROJECT_ROW (child)) != NULL)
        g_ptr_array_add (rows, child);
      else
        collect_rows (child, rows);
    }
}

/* The row widget showing @position of the campaign's list. */
static PdCampaignProjectRow *
find_row (PdProjectsPage *page,
          guint           position)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  pd_test_settle (100);
  collect_rows (GTK_WIDGET (page->campaign_view), rows);
  for (guint i = 0; i < rows->len; i++)
    if (pd_campaign_project_row_get_position (rows->pdata[i]) == position)
      return rows->pdata[i];

  g_assert_not_reached ();
}

static GtkDropTarget *
find_drop_target (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        return GTK_DROP_TARGET (controller);
    }
  g_assert_not_reached ();
}

/* What GTK does when something is dropped on @widget at @y. */
static gboolean
drop_on (GtkWidget *widget,
         GType      type,
         gpointer   object,
         double     y)
{
  GValue value = G_VALUE_INIT;
  gboolean handled = FALSE;

  g_value_init (&value, type);
  g_value_set_object (&value, object);
  g_signal_emit_by_name (find_drop_target (widget), "drop", &value, 10.0, y, &handled);
  g_value_unset (&value);
  return handled;
}

static const char *
id_at (PdCampaign *campaign,
       guint       position)
{
  g_autoptr(PdCampaignProject) item = g_list_model_get_item (pd_campaign_get_projects (campaign), position);

  /* The live campaign keeps its items, so the string outlives @item. */
  return pd_campaign_project_get_project_id (item);
}

static const char *
library_id (PdProjectsPage *page,
            guint           position)
{
  g_autoptr(PdProject) project = g_list_model_get_item (pd_projects_page_get_library (page), position);

  return pd_record_get_id (PD_RECORD (project));
}

static gboolean
library_settled (gpointer data)
{
  return !pd_project_list_model_get_loading (PD_PROJECT_LIST_MODEL (data));
}

/* The library queries off the main thread: wait for its answer. */
static void
wait_library (PdProjectsPage *page)
{
  g_assert_true (pd_test_wait_for (library_settled, pd_projects_page_get_library (page), 10000));
}

static void
check_projects (PdApplication *app,
                PdWindow      *window)
{
  PdProjectsPage *page = PD_PROJECTS_PAGE (window->projects_page);
  GListModel *library = pd_projects_page_get_library (page);
  PdCampaign *campaign;
  GListModel *projects;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  g_autofree char *fourth = NULL;
  const char *category;

  /* The demo workspace: projects and campaigns to work with. */
  g_assert_cmpuint (g_list_model_get_n_items (pd_store_get_campaigns (window->store)), >=, 1);
  g_assert_cmpuint (g_list_model_get_n_items (library), ==, 48);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-campaign", NULL);
  campaign = window->campaign;
  projects = pd_campaign_get_projects (campaign);
  campaign_id = g_strdup (pd_record_get_id (PD_RECORD (campaign)));
  adw_view_stack_set_visible_child_name (window->view_stack, "projects");
  pd_test_settle (200);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page->campaign_stack), ==, "empty");

  /* Category filter and search go through the store. */
  gtk_drop_down_set_selected (page->category_dropdown, 1);
  wait_library (page);
  category = gtk_string_list_get_string (page->categories, 1);
  g_assert_cmpuint (g_list_model_get_n_items (library), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (library), <, 48);
  for (guint i = 0; i < g_list_model_get_n_items (library); i++)
    {
      g_autoptr(PdProject) project = g_list_model_get_item (library, i);

      g_assert_cmpstr (pd_project_get_category (project), ==, category);
    }
  gtk_drop_down_set_selected (page->category_dropdown, 0);
  wait_library (page);
  g_assert_cmpuint (g_list_model_get_n_items (library), ==, 48);
  pd_projects_page_search (page, "zzzzqqq", NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page->library_stack), ==, "empty");
  pd_projects_page_search (page, NULL, NULL);

  /* Sorting by target: largest first. */
  gtk_drop_down_set_selected (page->sort_dropdown, PD_LIBRARY_SORT_TARGET);
  wait_library (page);
  {
    g_autoptr(PdProject) a = g_list_model_get_item (library, 0);
    g_autoptr(PdProject) b = g_list_model_get_item (library, 47);

    g_assert_cmpint (pd_project_get_default_target_coins (a), >=, pd_project_get_default_target_coins (b));
  }
  gtk_drop_down_set_selected (page->sort_dropdown, PD_LIBRARY_SORT_TITLE);
  wait_library (page);

  first = g_strdup (library_id (page, 0));
  second = g_strdup (library_id (page, 1));
  third = g_strdup (library_id (page, 2));
  fourth = g_strdup (library_id (page, 3));

  /* Enter on a library row adds it: the keyboard's way to drag. */
  g_signal_emit_by_name (page->library_view, "activate", 0);
  g_assert_cmpuint (g_list_model_get_n_items (projects), ==, 1);
  g_assert_cmpstr (id_at (campaign, 0), ==, first);
  /* The row's Add button. */
  gtk_widget_activate_action (GTK_WIDGET (page), "projects.add-project", "s", second);
  gtk_widget_activate_action (GTK_WIDGET (page), "projects.add-project", "s", third);
  gtk_widget_activate_action (GTK_WIDGET (page), "projects.add-project", "s", third);
  g_assert_cmpuint (g_list_model_get_n_items (projects), ==, 3);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page->campaign_stack), ==, "list");

  /* Alt+Down on the selected row moves it down. */
  gtk_single_selection_set_selected (page->campaign_selection, 0);
  gtk_widget_activate_action (GTK_WIDGET (page), "projects.move-selected-down", NULL);
  g_assert_cmpstr (id_at (campaign, 0), ==, second);
  g_assert_cmpstr (id_at (campaign, 1), ==, first);
  g_assert_cmpuint (gtk_single_selection_get_selected (page->campaign_selection), ==, 1);
  gtk_widget_activate_action (GTK_WIDGET (page), "projects.move-selected-up", NULL);
  g_assert_cmpstr (id_at (campaign, 0), ==, first);
  /* The row menu's Move Down. */
  gtk_widget_activate_action (GTK_WIDGET (page), "projects.move-down", "s", first);
  g_assert_cmpstr (id_at (campaign, 1), ==, first);

  /* Drag the last row onto the upper half of the first: it goes first. */
  {
    g_autoptr(PdCampaignProject) last = g_list_model_get_item (projects, 2);

    g_assert_true (drop_on (GTK_WIDGET (find_row (page, 0)), PD_TYPE_CAMPAIGN_PROJECT, last, 1.0));
  }
  g_assert_cmpstr (id_at (campaign, 0), ==, third);
  g_assert_cmpstr (id_at (campaign, 1), ==, second);
  g_assert_cmpstr (id_at (campaign, 2), ==, first);

  /* Drag a project from the library onto the lower half of the first row:
   * it is inserted after it. */
  {
    g_autoptr(PdProject) project = g_list_model_get_item (library, 3);
    GtkWidget *row = GTK_WIDGET (find_row (page, 0));

    g_assert_true (drop_on (row, PD_TYPE_PROJECT, project, gtk_widget_get_height (row) - 1.0));
  }
  g_assert_cmpuint (g_list_model_get_n_items (projects), ==, 4);
  g_assert_cmpstr (id_at (campaign, 1), ==, fourth);

  /* The target spin button of a row, in coins. */
  {
    PdCampaignProjectRow *row = find_row (page, 1);

    gtk_spin_button_set_value (pd_campaign_project_row_get_target_spin (row), 7500);
    pd_campaign_project_row_flush (row);
  }
  g_assert_cmpint (pd_campaign_project_get_target_coins (pd_campaign_find_project (campaign, fourth, NULL)), ==, 7500);

  /* Remove, undo, remove for good. */
  gtk_widget_activate_action (GTK_WIDGET (page), "projects.remove", "s", second);
  g_assert_cmpuint (g_list_model_get_n_items (projects), ==, 3);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (projects), ==, 4);
  g_assert_cmpstr (id_at (campaign, 2), ==, second);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (projects), ==, 3);

  expected_order[0] = g_strdup (third);
  expected_order[1] = g_strdup (fourth);
  expected_order[2] = g_strdup (first);
  pd_test_settle (200);
  pd_test_save_screenshot (GTK_WIDGET (window), "projects-edited");
}

static void
test_projects (void)
{
  g_autoptr(PdStore) store = NULL;
  g_autoptr(PdCampaign) campaign = NULL;
  GListModel *projects;

  pd_test_app_reset_workspace ();
  pd_test_app_run (TRUE, check_projects);

  store = pd_test_app_reopen_store ();
  campaign = pd_store_get_campaign (store, campaign_id);
  g_assert_nonnull (campaign);
  projects = pd_campaign_get_projects (campaign);
  g_assert_cmpuint (g_list_model_get_n_items (projects), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(PdCampaignProject) item = g_list_model_get_item (projects, i);

      g_assert_cmpstr (pd_campaign_project_get_project_id (item), ==, expected_order[i]);
      if (i == 1)
        g_assert_cmpint (pd_campaign_project_get_target_coins (item), ==, 7500);
      g_clear_pointer (&expected_order[i], g_free);
    }
  g_clear_pointer (&campaign_id, g_free);
}

static gboolean
dialog_shows_image (gpointer data)
{
  GtkStack *stack = GTK_STACK (gtk_widget_get_template_child (data, PD_TYPE_PROJECT_DIALOG, "image_stack"));

  return g_strcmp0 (gtk_stack_get_visible_child_name (stack), "image") == 0;
}

/* The visible message dialog with @heading, or %NULL. */
static AdwMessageDialog *
find_message_dialog (const char *heading)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data) &&
        g_strcmp0 (adw_message_dialog_get_heading (l->data), heading) == 0)
      return l->data;
  return NULL;
}

static gboolean
report_shown (gpointer data)
{
  return find_message_dialog ("Some Rows Have Problems") != NULL;
}

typedef struct {
  PdStore *store;
  guint    count;
} CountWait;

static gboolean
count_reached (gpointer data)
{
  CountWait *wait = data;

  return pd_store_count_projects (wait->store) == wait->count &&
         find_message_dialog ("Importing Projects") == NULL;
}

static gboolean
on_tick_cb (gpointer data)
{
  (*(guint *) data)++;
  return G_SOURCE_CONTINUE;
}

static GBytes *
many_rows_csv (guint n)
{
  GString *csv = g_string_new ("title;organisation;category;default_target_coins\n");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (csv, "Massenprojekt %u;Verein %u;Sport;%u\n", i, i % 89, i);
  return g_string_free_to_bytes (csv);
}

static gboolean
progress_moved (gpointer data)
{
  AdwMessageDialog *dialog = find_message_dialog ("Importing Projects");
  GtkWidget *bar = dialog != NULL ? adw_message_dialog_get_extra_child (dialog) : NULL;

  return bar != NULL && gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (bar)) > 0;
}

/* A large file is imported in a worker: the window keeps drawing frames
 * and running its main loop, the progress bar moves, and the projects
 * land; a cancelled import leaves nothing. */
static void
check_large_import (PdApplication *app,
                    PdWindow      *window)
{
  PdProjectsPage *page = PD_PROJECTS_PAGE (window->projects_page);
  g_autoptr(GBytes) csv = many_rows_csv (30000);
  guint before = pd_store_count_projects (window->store);
  guint before_outbox = pd_store_count_outbox (window->store);
  CountWait wait = { window->store, before };
  AdwMessageDialog *progress;
  guint ticks = 0, tick;

  /* Cancelled as soon as it shows progress: nothing imported. */
  _pd_projects_page_import_bytes (page, csv);
  progress = find_message_dialog ("Importing Projects");
  g_assert_nonnull (progress);
  g_assert_true (pd_test_wait_for (progress_moved, NULL, 60000));
  adw_message_dialog_response (progress, "cancel");
  g_assert_true (pd_test_wait_for (count_reached, &wait, 60000));
  pd_test_settle (100);
  g_assert_cmpuint (pd_store_count_projects (window->store), ==, before);
  g_assert_cmpuint (pd_store_count_outbox (window->store), ==, before_outbox);

  /* Imported: the main loop turns meanwhile. */
  tick = g_timeout_add (10, on_tick_cb, &ticks);
  _pd_projects_page_import_bytes (page, csv);
  progress = find_message_dialog ("Importing Projects");
  g_assert_nonnull (progress);
  pd_test_wait_for_mapped (GTK_WIDGET (progress));
  g_assert_true (pd_test_wait_for (progress_moved, NULL, 60000));
  pd_test_save_screenshot (GTK_WIDGET (progress), "import-progress");
  wait.count = before + 30000;
  g_assert_true (pd_test_wait_for (count_reached, &wait, 120000));
  g_source_remove (tick);
  g_assert_cmpuint (ticks, >, 2);
  pd_projects_page_search (page, "Massenprojekt 29999", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (pd_projects_page_get_library (page)), ==, 1);
}

static void
test_large_import (void)
{
  pd_test_app_reset_workspace ();
  pd_test_app_run (TRUE, check_large_import);
}

static void
check_own_projects (PdApplication *app,
                    PdWindow      *window)
{
  PdProjectsPage *page = PD_PROJECTS_PAGE (window->projects_page);
  g_autofree char *dir = pd_test_make_private_dir ();
  g_autofree char *png = g_build_filename (dir, "logo.png", NULL);
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 32, 24);
  g_autoptr(GFile) file = g_file_new_for_path (png);
  g_autoptr(GBytes) csv = NULL;
  PdProjectDialog *dialog;
  AdwMessageDialog *report;
  GtkWidget *title_row;
  GListModel *library;
  guint before;

  gdk_pixbuf_fill (pixbuf, 0x3366ccff);
  g_assert_true (gdk_pixbuf_save (pixbuf, png, "png", NULL, NULL));

  /* A client project with an image dropped from the file manager. */
  dialog = pd_project_dialog_new (window->store, NULL);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (dialog));
  pd_test_wait_for_mapped (GTK_WIDGET (dialog));
  title_row = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (dialog), PD_TYPE_PROJECT_DIALOG, "title_row"));
  /* An empty title is refused with a message; nothing is written. */
  before = pd_store_count_projects (window->store);
  g_assert_false (pd_project_dialog_save (dialog));
  g_assert_cmpuint (pd_store_count_projects (window->store), ==, before);
  gtk_editable_set_text (GTK_EDITABLE (title_row), "Neue Trikots für den FC Nord");
  g_assert_true (drop_on (GTK_WIDGET (dialog), G_TYPE_FILE, file, 10.0));
  g_assert_true (pd_test_wait_for (dialog_shows_image, dialog, 3000));
  pd_test_settle (300);
  pd_test_save_screenshot (GTK_WIDGET (dialog), "project-dialog");
  g_assert_true (pd_project_dialog_save (dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpuint (pd_store_count_projects (window->store), ==, before + 1);

  /* The library follows the store by itself: the new project is in it,
   * undo takes it out, redo brings it back, an edit moves it. */
  wait_library (page);
  library = pd_projects_page_get_library (page);
  g_assert_cmpuint (g_list_model_get_n_items (library), ==, before + 1);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  wait_library (page);
  g_assert_cmpuint (g_list_model_get_n_items (library), ==, before);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL);
  wait_library (page);
  g_assert_cmpuint (g_list_model_get_n_items (library), ==, before + 1);
  {
    g_autoptr(PdProject) renamed = NULL;
    g_autoptr(PdProject) first = NULL;
    g_autoptr(GError) error = NULL;

    /* The new project, renamed to sort first, through the store like the
     * dialog. */
    pd_projects_page_search (page, "Trikots Nord", NULL);
    renamed = g_list_model_get_item (library, 0);
    pd_projects_page_search (page, NULL, NULL);
    first = g_list_model_get_item (library, 0);
    g_assert_true (first != renamed);
    g_clear_object (&first);
    pd_project_set_title (renamed, "0000 Erste Hilfe");
    g_assert_true (pd_store_save (window->store, PD_RECORD (renamed), "Edit Project", &error));
    g_assert_no_error (error);
    wait_library (page);
    first = g_list_model_get_item (library, 0);
    g_assert_true (first == renamed);
    g_assert_true (pd_undo_stack_undo (pd_store_get_undo_stack (window->store), &error));
    g_assert_no_error (error);
  }
  pd_projects_page_search (page, "Trikots Nord", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (pd_projects_page_get_library (page)), ==, 1);
  {
    g_autoptr(PdProject) project = g_list_model_get_item (pd_projects_page_get_library (page), 0);

    g_assert_cmpint (pd_project_get_source (project), ==, PD_PROJECT_SOURCE_CLIENT);
    g_assert_nonnull (pd_project_get_image_sha256 (project));
  }

  pd_projects_page_search (page, NULL, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (library), ==, before + 1);

  /* A CSV with one bad row: the report, then "Import valid rows". */
  csv = g_bytes_new_static ("title,organisation,category,default_target_coins\n"
                            "Spielplatz Süd,Bürgerverein Süd,Kinder,5000\n"
                            ",Ohne Titel e.V.,Kinder,100\n", 124);
  _pd_projects_page_import_bytes (page, csv);
  g_assert_true (pd_test_wait_for (report_shown, NULL, 30000));
  report = find_message_dialog ("Some Rows Have Problems");
  g_assert_nonnull (report);
  g_assert_cmpuint (pd_store_count_projects (window->store), ==, before + 1);
  pd_test_wait_for_mapped (GTK_WIDGET (report));
  pd_test_settle (300);
  pd_test_save_screenshot (GTK_WIDGET (report), "import-report");
  adw_message_dialog_response (report, "import");
  {
    CountWait wait = { window->store, before + 2 };

    g_assert_true (pd_test_wait_for (count_reached, &wait, 30000));
  }
  g_assert_cmpuint (pd_store_count_projects (window->store), ==, before + 2);
  /* The list shows the imported project without being asked. */
  wait_library (page);
  g_assert_cmpuint (g_list_model_get_n_items (library), ==, before + 2);
  pd_projects_page_search (page, "Spielplatz Süd", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (pd_projects_page_get_library (page)), ==, 1);

  pd_test_remove_tree (dir);
}

static void
test_own_projects (void)
{
  pd_test_app_reset_workspace ();
  pd_test_app_run (TRUE, check_own_projects);
}

int
main (int   argc,
      char *argv[])
{
  pd_test_app_init ();
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/projects-ui/add-reorder-target", test_projects);
  g_test_add_func ("/projects-ui/own-projects-and-import", test_own_projects);
  g_test_add_func ("/projects-ui/large-import", test_large_import);

  return g_test_run ();
}
