/* bench-store.c: how the store compares with plain SQLite
 *
 * Usage: bench-store [N]   (default 100,000 projects)
 *
 * Imports N demo projects from CSV through our store (parse, validate,
 * save with change tracking and undo, one transaction), saves the same
 * projects as objects with pd_store_save_all() (the store alone), loads them as a
 * GListModel from a freshly opened store, and filters them by a substring;
 * then has the sqlite3 command-line shell import the same CSV into an
 * equivalent table (.import --csv), load and filter it, and prints each of
 * our figures as a ratio to the shell's from the same run, both as text
 * and as BENCH lines for build-aux/bench.
 *
 * The shell's table is a fair copy of ours: the same columns, including
 * the normalised search_text and sort_key our store computes for every
 * project (the shell computes them with lower() in an INSTEAD OF trigger,
 * as .import cannot skip columns), and the same indexes and constraints
 * (primary key on the id, category, sort_key), and the same page cache
 * for the import as our store takes for bulk writes. It does not do the work
 * only our store does: parsing localized numbers and web addresses,
 * validation, the sync bookkeeping (sync_records, outbox) and the undo
 * step. Those are counted in our figure, so ratios above 1 are expected.
 * Target for the import: 1.5.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <glib/gstdio.h>

#include "pd-demo-data.h"
#include "pd-export.h"
#include "pd-project-import.h"
#include "pd-store.h"
#include "pd-test-utils.h"

#define QUERY "brunnen"
#define RUNS 3

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1e6;
}

/* Runs the sqlite3 shell on @db with @commands (each SQL or one
 * dot-command); returns its wall time. */
static double
run_shell (const char  *db,
           const char  *first_command,
           const char  *second_command,
           char       **out_stdout)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  g_autofree char *ignored = NULL;
  const char *argv[] = { "sqlite3", "-batch", db, first_command, second_command, NULL };
  int status;
  gint64 start = g_get_monotonic_time ();
  double elapsed;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                     out_stdout != NULL ? out_stdout : &ignored, &err, &status, &error))
    g_error ("Could not run sqlite3: %s", error->message);
  elapsed = seconds_since (start);
  if (!g_spawn_check_wait_status (status, &error) || (err != NULL && *err != '\0'))
    g_error ("sqlite3 failed: %s %s", error != NULL ? error->message : "", err);

  return elapsed;
}

static void
report (const char *what,
        double      ours,
        double      shell,
        const char *target)
{
  g_print ("%-34s ours %8.3f s   sqlite3 shell %8.3f s   ratio %6.2f%s%s\n",
           what, ours, shell, shell > 0 ? ours / shell : 0.0,
           target != NULL ? "   target <= " : "", target != NULL ? target : "");
}

/* One figure for build-aux/bench: "BENCH name|ours|unit|baseline|ratio|target|met". */
static void
bench_line (const char *name,
            double      ours,
            double      baseline,
            double      target)
{
  double ratio = baseline > 0 ? ours / baseline : 0.0;
  g_autofree char *target_text = target > 0 ? g_strdup_printf ("<= %.1fx", target) : g_strdup ("-");

  g_print ("BENCH %s|%.3f|s|%.3f|%.2f|%s|%s\n", name, ours, baseline, ratio, target_text,
           target > 0 ? (ratio <= target ? "yes" : "no") : "n/a");
}

/* The shell's database: the same columns and indexes as our projects
 * table, WAL like ours (see the top of the file). Made before the clock
 * starts, as our schema exists before an import. */
static void
make_shell_db (const char *shell_db)
{
  g_autofree char *wal = g_strconcat (shell_db, "-wal", NULL);
  g_autofree char *shm = g_strconcat (shell_db, "-shm", NULL);

  g_unlink (shell_db);
  g_unlink (wal);
  g_unlink (shm);
  run_shell (shell_db,
             "PRAGMA journal_mode=WAL;"
             "CREATE TABLE projects (id TEXT PRIMARY KEY NOT NULL, title TEXT NOT NULL,"
             " organisation TEXT NOT NULL, description TEXT NOT NULL, category TEXT NOT NULL,"
             " location TEXT NOT NULL, website TEXT, image_sha256 TEXT,"
             " default_target_coins INTEGER NOT NULL, source TEXT NOT NULL,"
             " search_text TEXT NOT NULL DEFAULT '', sort_key TEXT NOT NULL DEFAULT '');"
             "CREATE INDEX projects_by_category ON projects (category);"
             "CREATE INDEX projects_by_sort_key ON projects (sort_key);"
             "CREATE VIEW import_projects AS SELECT id, title, organisation, description, category,"
             " location, website, image_sha256, default_target_coins, source FROM projects;"
             "CREATE TRIGGER import_projects_insert INSTEAD OF INSERT ON import_projects BEGIN"
             " INSERT INTO projects VALUES (NEW.id, NEW.title, NEW.organisation, NEW.description,"
             " NEW.category, NEW.location, NEW.website, NEW.image_sha256, NEW.default_target_coins,"
             " NEW.source, lower (NEW.title || ' ' || NEW.organisation || ' ' || NEW.location),"
             " lower (NEW.title)); END;",
             NULL, NULL);
}

static GListStore *
make_projects (guint n)
{
  g_autoptr(PdDemoData) data = pd_demo_data_new (100000);
  GListStore *projects = g_list_store_new (PD_TYPE_PROJECT);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PdProject) project = pd_demo_data_make_project (data);
      g_list_store_append (projects, project);
    }

  return projects;
}

static guint
filter_loaded (GListModel *projects,
               const char *query)
{
  g_autofree char *needle = g_utf8_casefold (query, -1);
  guint n = g_list_model_get_n_items (projects);
  guint found = 0;

  /* What a GtkFilterListModel with a GtkStringFilter does per item. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PdProject) project = g_list_model_get_item (projects, i);
      g_autofree char *title = g_utf8_casefold (pd_project_get_title (project), -1);

      if (strstr (title, needle) != NULL)
        found++;
    }

  return found;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  guint n = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 100000;
  g_autofree char *dir = pd_test_make_private_dir ();
  g_autofree char *db_path = g_build_filename (dir, "workspace.db", NULL);
  g_autofree char *save_path = g_build_filename (dir, "saved.db", NULL);
  g_autofree char *shell_db = g_build_filename (dir, "shell.db", NULL);
  g_autofree char *csv_path = g_build_filename (dir, "projects.csv", NULL);
  g_autofree char *import_cmd = NULL;
  g_autofree char *shell_count = NULL;
  g_autoptr(GBytes) csv = NULL;
  g_autoptr(GListStore) made = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(PdStore) store = NULL;
  g_autoptr(GListModel) found = NULL;
  GListModel *projects;
  double ours_import, ours_save, shell_import, ours_load, shell_load, ours_search, ours_filter, shell_filter;
  guint n_found, n_filtered;
  gint64 start;

  g_print ("Making %u demo projects as CSV...\n", n);
  made = make_projects (n);
  /* Comma: what the shell's --csv mode reads. */
  csv = pd_export_projects_csv (G_LIST_MODEL (made), ',');
  g_assert_true (g_file_set_contents (csv_path, g_bytes_get_data (csv, NULL), g_bytes_get_size (csv), &error));
  g_print ("CSV: %.1f MB\n\n", g_bytes_get_size (csv) / 1e6);

  /* Each import runs RUNS times, the shell's and ours in turn so that
   * the load of a shared machine weighs on both alike; the best time of
   * each counts. The last databases stay for loading and filtering. */
  import_cmd = g_strdup_printf (".import --csv --skip 1 '%s' import_projects", csv_path);
  shell_import = G_MAXDOUBLE;
  ours_import = G_MAXDOUBLE;
  for (guint run = 0; run < RUNS; run++)
    {
      g_autoptr(PdImportReport) import_report = NULL;
      g_autofree char *wal = g_strconcat (db_path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (db_path, "-shm", NULL);
      double seconds;

      make_shell_db (shell_db);
      /* The same page cache as our store takes for a bulk write, so that
       * neither spills dirty pages mid-transaction. */
      seconds = run_shell (shell_db, "PRAGMA cache_size = -131072", import_cmd, NULL);
      shell_import = MIN (shell_import, seconds);

      g_clear_object (&store);
      g_unlink (db_path);
      g_unlink (wal);
      g_unlink (shm);
      store = pd_store_open (db_path, &error);
      g_assert_no_error (error);
      start = g_get_monotonic_time ();
      g_assert_true (pd_project_import_csv (store, csv, PD_PROJECT_IMPORT_NONE, &import_report, &error));
      seconds = seconds_since (start);
      g_assert_no_error (error);
      g_assert_cmpuint (pd_import_report_get_n_created (import_report), ==, n);
      ours_import = MIN (ours_import, seconds);
    }
  g_clear_object (&store);

  shell_load = run_shell (shell_db, ".output /dev/null", "SELECT * FROM projects ORDER BY sort_key;", NULL);
  /* The same fields as pd_store_search_projects(); LIKE ignores ASCII case. */
  shell_filter = run_shell (shell_db,
                            "SELECT count(*) FROM projects WHERE title LIKE '%" QUERY "%'"
                            " OR organisation LIKE '%" QUERY "%' OR location LIKE '%" QUERY "%';",
                            NULL, &shell_count);

  /* The store alone: the same projects as objects, saved in one call
   * (no undo step), into a workspace of their own. */
  records = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (records, g_list_model_get_item (G_LIST_MODEL (made), i));
  store = pd_store_open (save_path, &error);
  g_assert_no_error (error);
  start = g_get_monotonic_time ();
  g_assert_true (pd_store_save_all (store, records, NULL, &error));
  ours_save = seconds_since (start);
  g_assert_no_error (error);
  g_clear_object (&store);
  g_clear_pointer (&records, g_ptr_array_unref);

  /* Load from a freshly opened store, touching every item as a view would. */
  start = g_get_monotonic_time ();
  store = pd_store_open (db_path, &error);
  g_assert_no_error (error);
  projects = pd_store_get_projects (store);
  g_assert_cmpuint (g_list_model_get_n_items (projects), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PdProject) project = g_list_model_get_item (projects, i);
      g_assert_nonnull (pd_project_get_title (project));
    }
  ours_load = seconds_since (start);

  /* Filter: the store's search, and filtering the loaded list in memory. */
  start = g_get_monotonic_time ();
  found = pd_store_search_projects (store, QUERY, NULL, &error);
  g_assert_no_error (error);
  n_found = g_list_model_get_n_items (found);
  ours_search = seconds_since (start);

  start = g_get_monotonic_time ();
  n_filtered = filter_loaded (projects, QUERY);
  ours_filter = seconds_since (start);

  g_print ("%u projects; \"%s\" in title, organisation or location: %u by the shell, %u by our "
           "search; in the title: %u by filtering the loaded list\n\n",
           n, QUERY, (guint) g_ascii_strtoull (shell_count, NULL, 10), n_found, n_filtered);
  /* Both read the same rows; an ASCII query matches the same ones. */
  g_assert_cmpuint (n_found, ==, (guint) g_ascii_strtoull (shell_count, NULL, 10));
  report ("import from CSV", ours_import, shell_import, "1.5");
  report ("insert: pd_store_save_all", ours_save, shell_import, NULL);
  report ("load as GListModel", ours_load, shell_load, NULL);
  report ("filter: pd_store_search_projects", ours_search, shell_filter, NULL);
  report ("filter: the loaded list model", ours_filter, shell_filter, NULL);
  g_print ("\n");
  bench_line ("import projects from CSV, vs sqlite3 .import", ours_import, shell_import, 1.5);
  bench_line ("insert with pd_store_save_all, vs sqlite3 .import", ours_save, shell_import, 0);
  bench_line ("load as GListModel, vs sqlite3 SELECT", ours_load, shell_load, 0);
  bench_line ("filter: pd_store_search_projects, vs sqlite3 LIKE", ours_search, shell_filter, 0);
  bench_line ("filter: the loaded list model, vs sqlite3 LIKE", ours_filter, shell_filter, 0);

  g_clear_object (&store);
  pd_test_remove_tree (dir);
  return 0;
}
