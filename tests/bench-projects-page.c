/* bench-projects-page.c: the Projects page with a large library
 *
 * Fills a store with 10,000 and with 100,000 projects and measures, on the
 * real page in a real window, how long a search, a category filter, a
 * sort and scrolling to the end take, and how many row widgets exist. The
 * 10,000 run is the baseline; the ratios show how the page scales.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pd-project-row.h"
#include "pd-resources.h"
#include "pd-projects-page-private.h"
#include "pd-test-ui-utils.h"

typedef struct
{
  double store_search;
  double search;
  double filter;
  double sort;
  double scroll;
  guint  rows;
} Figures;

static const char *categories[] = { "Kinder & Jugend", "Umwelt", "Gesundheit", "Tierschutz", "Bildung" };
static const char *places[] = { "Duisburg", "Freiburg", "Zwolle", "Antwerpen", "Rostock", "Nürnberg" };

static PdStore *
make_store (const char *dir,
            guint       n)
{
  g_autofree char *path = g_strdup_printf ("%s/bench-%u.db", dir, n);
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  PdStore *store = pd_store_open (path, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    {
      PdProject *project = pd_project_new ();
      g_autofree char *title = g_strdup_printf ("Projekt %u für %s", i, places[i % G_N_ELEMENTS (places)]);

      pd_project_set_title (project, title);
      pd_project_set_organisation (project, i % 3 ? "Bürgerverein e.V." : "Stichting Samen");
      pd_project_set_category (project, categories[i % G_N_ELEMENTS (categories)]);
      pd_project_set_location (project, places[i % G_N_ELEMENTS (places)]);
      pd_project_set_default_target_coins (project, (i * 7919) % 100000);
      pd_project_set_source (project, PD_PROJECT_SOURCE_CLIENT);
      g_ptr_array_add (records, project);
    }
  g_assert_true (pd_store_save_all (store, records, NULL, &error));
  g_assert_no_error (error);
  return store;
}

static void
count_rows (GtkWidget *widget,
            guint     *n)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (PD_IS_PROJECT_ROW (child))
        (*n)++;
      else
        count_rows (child, n);
    }
}

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1e6;
}

static void
wait_library (PdProjectsPage *page)
{
  PdProjectListModel *library = PD_PROJECT_LIST_MODEL (pd_projects_page_get_library (page));

  while (pd_project_list_model_get_loading (library))
    g_main_context_iteration (NULL, TRUE);
}

static Figures
measure (PdStore *store)
{
  GtkWidget *window = gtk_window_new ();
  PdProjectsPage *page = g_object_new (PD_TYPE_PROJECTS_PAGE, NULL);
  GtkAdjustment *adjustment;
  Figures f = { 0 };
  gint64 start;

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 800);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  gtk_window_present (GTK_WINDOW (window));
  pd_test_wait_for_mapped (window);
  g_object_set (page, "store", store, NULL);
  pd_test_settle (200);

  start = g_get_monotonic_time ();
  g_object_unref (pd_store_search_projects (store, "freiburg projekt", NULL, NULL));
  f.store_search = seconds_since (start);

  start = g_get_monotonic_time ();
  pd_projects_page_search (page, "freiburg projekt", NULL);
  pd_test_settle (1);
  f.search = seconds_since (start);

  /* The drop-downs query on a worker thread; measured until the answer
   * is in the list. */
  start = g_get_monotonic_time ();
  gtk_drop_down_set_selected (page->category_dropdown, 2);
  wait_library (page);
  f.filter = seconds_since (start);
  gtk_drop_down_set_selected (page->category_dropdown, 0);
  pd_projects_page_search (page, NULL, NULL);

  start = g_get_monotonic_time ();
  gtk_drop_down_set_selected (page->sort_dropdown, PD_LIBRARY_SORT_TARGET);
  wait_library (page);
  f.sort = seconds_since (start);

  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (page->library_view));
  start = g_get_monotonic_time ();
  for (int i = 0; i <= 20; i++)
    {
      gtk_adjustment_set_value (adjustment, (gtk_adjustment_get_upper (adjustment) -
                                             gtk_adjustment_get_page_size (adjustment)) * i / 20.0);
      pd_test_settle (16);
    }
  f.scroll = seconds_since (start) - 21 * 0.016;
  count_rows (GTK_WIDGET (page->library_view), &f.rows);

  gtk_window_destroy (GTK_WINDOW (window));
  return f;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = pd_test_make_private_dir ();
  g_autoptr(PdStore) small = NULL;
  g_autoptr(PdStore) large = NULL;
  Figures base, big;

  /* Not gtk_test_init(): GTK 4.8 warns when a list view scrolled by its
   * adjustment lands between estimated rows, which is not fatal here. */
  gtk_init ();
  adw_init ();
  pd_register_resource ();

  small = make_store (dir, 10000);
  large = make_store (dir, 100000);
  base = measure (small);
  big = measure (large);

  /* 100,000 projects against 10,000 in the same run. "Smooth" (issue 6)
   * read as: an answer within 100 ms, which feels instant. */
  {
    static const struct { const char *name; gsize offset; } timed[] = {
      { "projects page, store search", G_STRUCT_OFFSET (Figures, store_search) },
      { "projects page, search", G_STRUCT_OFFSET (Figures, search) },
      { "projects page, category filter", G_STRUCT_OFFSET (Figures, filter) },
      { "projects page, sort by target", G_STRUCT_OFFSET (Figures, sort) },
    };
    /* The scroll figures have the 16 ms settling time a step taken off. */
    double step = MAX (big.scroll, 0) * 1000 / 21;

    for (guint i = 0; i < G_N_ELEMENTS (timed); i++)
      {
        g_autofree char *name = g_strdup_printf ("%s, 100,000 vs 10,000 projects", timed[i].name);
        double ours = G_STRUCT_MEMBER (double, &big, timed[i].offset) * 1000;
        double baseline = G_STRUCT_MEMBER (double, &base, timed[i].offset) * 1000;

        pd_test_bench_line (name, ours, "ms", MAX (baseline, 0.01), "<= 100 ms", ours <= 100);
      }
    /* For information: the frame-time target is measured by bench-ui.py,
     * from the frame clock, which this rougher figure must not second-guess. */
    pd_test_bench_line ("projects page, a scroll step, 100,000 vs 10,000 projects", step, "ms",
                        MAX (base.scroll * 1000 / 21, 0.01), NULL, FALSE);
    pd_test_bench_line ("projects page, row widgets, 100,000 vs 10,000 projects", big.rows, "rows", base.rows,
                        "as many as for 10,000", big.rows <= base.rows + 20);
  }

  /* Rows are made for the screen, never for the library: as many for
   * 100,000 projects as for 10,000. */
  g_assert_cmpuint (big.rows, <=, base.rows + 20);
  g_assert_cmpuint (big.rows, <, 400);

  pd_test_remove_tree (dir);
  return 0;
}
