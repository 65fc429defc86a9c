/* fuzz-csv-import.c: a spreadsheet's CSV imported into a real store
 *
 * Each input is a CSV file, imported into a fresh copy of a small workspace
 * (two of the client's projects and one from the platform catalogue, whose
 * ids the seeds use) on a real SQLite file: first as a dry run, then for
 * real, all or nothing; when that refuses bad rows, again skipping them.
 *
 * Besides "no crash, no leak, no sanitizer report":
 * - a dry run, and any import that fails, leave every table as it was;
 * - a dry run answers what the import then does;
 * - all or nothing: success means no row was left out;
 * - skipping: every row is created, updated, unchanged or skipped, the
 *   skipped ones are the rows with problems, and the store holds exactly
 *   the created projects more;
 * - the database passes PRAGMA integrity_check and foreign_key_check.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pd-fuzz.h"

#include <glib/gstdio.h>
#include <stdlib.h>

#include "pd-project-import.h"
#include "pd-store-sync.h"
#include "pd-store-private.h"

#define CLIENT_ID_1  "7a1c0c8e-1f51-4b6a-9d0e-0a0000000001"
#define CLIENT_ID_2  "7a1c0c8e-1f51-4b6a-9d0e-0a0000000002"
#define CATALOGUE_ID "7a1c0c8e-1f51-4b6a-9d0e-0a00000000c1"

static char *work_dir;
static char *work_db;
static GBytes *template_db;

static void
remove_work_dir (void)
{
  g_autoptr(GDir) dir = g_dir_open (work_dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (work_dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (work_dir);
}

static PdProject *
client_project (const char *id,
                const char *title,
                gint64      target)
{
  PdProject *project = pd_project_new_with_id (id);

  pd_project_set_title (project, title);
  pd_project_set_organisation (project, "Bürgerstiftung Kassel");
  pd_project_set_category (project, "water");
  pd_project_set_location (project, "Kassel");
  pd_project_set_default_target_coins (project, target);
  pd_project_set_source (project, PD_PROJECT_SOURCE_CLIENT);
  return project;
}

/* A catalogue project only ever arrives from the platform. */
static void
add_catalogue_project (PdStore *store)
{
  g_autoptr(PdProject) remote = pd_project_new_with_id (CATALOGUE_ID);
  g_autoptr(JsonArray) page = json_array_new ();
  g_autoptr(JsonObject) change = json_object_new ();
  g_autoptr(GError) error = NULL;

  pd_project_set_title (remote, "Regenwald schützen");
  pd_project_set_organisation (remote, "Regenwald-Stiftung");
  pd_project_set_source (remote, PD_PROJECT_SOURCE_CATALOGUE);
  pd_record_set_revision (PD_RECORD (remote), 3);
  pd_record_set_updated_at (PD_RECORD (remote), "2026-11-01T10:00:00Z");
  json_object_set_string_member (change, "kind", "project");
  json_object_set_string_member (change, "id", CATALOGUE_ID);
  json_object_set_int_member (change, "revision", 3);
  json_object_set_boolean_member (change, "deleted", FALSE);
  json_object_set_member (change, "record", pd_record_to_json (PD_RECORD (remote)));
  json_array_add_object_element (page, g_steal_pointer (&change));
  if (!pd_store_apply_remote_changes (store, "changes", page, "c1", &error))
    g_error ("%s", error->message);
}

/* The workspace every input starts from, made once and kept as bytes:
 * copying a file is much cheaper than creating the schema each time. */
static void
make_template (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStore) store = NULL;
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  char *contents;
  gsize length;

  work_dir = g_dir_make_tmp ("pd-fuzz-csv-import-XXXXXX", &error);
  if (work_dir == NULL)
    g_error ("%s", error->message);
  atexit (remove_work_dir);
  work_db = g_build_filename (work_dir, "workspace.db", NULL);

  store = pd_store_open (work_db, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  g_ptr_array_add (records, client_project (CLIENT_ID_1, "Trinkwasser für Schulen", 250000));
  g_ptr_array_add (records, client_project (CLIENT_ID_2, "Schoon water voor scholen", 1000));
  if (!pd_store_save_all (store, records, NULL, &error))
    g_error ("%s", error->message);
  add_catalogue_project (store);
  /* Closing the last connection folds the WAL into the file. */
  g_clear_object (&store);

  if (!g_file_get_contents (work_db, &contents, &length, &error))
    g_error ("%s", error->message);
  template_db = g_bytes_new_take (contents, length);
}

static PdStore *
open_fresh_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *wal = g_strconcat (work_db, "-wal", NULL);
  g_autofree char *shm = g_strconcat (work_db, "-shm", NULL);
  PdStore *store;

  g_remove (wal);
  g_remove (shm);
  if (!g_file_set_contents_full (work_db, g_bytes_get_data (template_db, NULL), g_bytes_get_size (template_db),
                                 G_FILE_SET_CONTENTS_NONE, 0600, &error))
    g_error ("%s", error->message);
  store = pd_store_open (work_db, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  return store;
}

/* A digest of every row of every table: what "unchanged" means. */
static char *
digest_tables (PdStore *store)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (store->db,
                                       "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  for (guint i = 0; i < tables->len; i++)
    {
      /* Table names come from the schema, not from the input. */
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\" ORDER BY rowid", (char *) tables->pdata[i]);

      if (sqlite3_prepare_v2 (store->db, sql, -1, &stmt, NULL) != SQLITE_OK)
        {
          /* WITHOUT ROWID tables: their primary key orders them. */
          g_free (sql);
          sql = g_strdup_printf ("SELECT * FROM \"%s\"", (char *) tables->pdata[i]);
          g_assert_cmpint (sqlite3_prepare_v2 (store->db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
        }
      g_checksum_update (checksum, (const guchar *) sql, -1);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        for (int c = 0; c < sqlite3_column_count (stmt); c++)
          {
            const void *blob = sqlite3_column_blob (stmt, c);
            int n = sqlite3_column_bytes (stmt, c);
            char type = '0' + sqlite3_column_type (stmt, c);

            g_checksum_update (checksum, (const guchar *) &type, 1);
            g_checksum_update (checksum, (const guchar *) &n, sizeof n);
            if (blob != NULL)
              g_checksum_update (checksum, blob, n);
          }
      sqlite3_finalize (stmt);
    }

  return g_strdup (g_checksum_get_string (checksum));
}

static void
assert_pragma_ok (PdStore    *store,
                  const char *pragma,
                  const char *expected)
{
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (store->db, pragma, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, expected);
  else
    g_assert_null (expected);
  sqlite3_finalize (stmt);
}

static guint
count_problem_rows (PdImportReport *report)
{
  GListModel *problems = pd_import_report_get_problems (report);
  g_autoptr(GHashTable) rows = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (problems); i++)
    {
      g_autoptr(PdImportProblem) problem = g_list_model_get_item (problems, i);

      g_assert_nonnull (pd_import_problem_get_message (problem));
      g_hash_table_add (rows, GUINT_TO_POINTER (pd_import_problem_get_row (problem)));
    }

  return g_hash_table_size (rows);
}

static void
assert_counts_add_up (PdImportReport *report)
{
  g_assert_cmpuint (pd_import_report_get_n_created (report) + pd_import_report_get_n_updated (report) +
                    pd_import_report_get_n_unchanged (report) + pd_import_report_get_n_skipped (report),
                    ==, pd_import_report_get_n_rows (report));
}

static void
assert_same_counts (PdImportReport *a,
                    PdImportReport *b)
{
  g_assert_cmpuint (pd_import_report_get_n_rows (a), ==, pd_import_report_get_n_rows (b));
  g_assert_cmpuint (pd_import_report_get_n_created (a), ==, pd_import_report_get_n_created (b));
  g_assert_cmpuint (pd_import_report_get_n_updated (a), ==, pd_import_report_get_n_updated (b));
  g_assert_cmpuint (pd_import_report_get_n_unchanged (a), ==, pd_import_report_get_n_unchanged (b));
  g_assert_cmpuint (pd_import_report_get_n_skipped (a), ==, pd_import_report_get_n_skipped (b));
}

/* Imports @csv with @flags, first as a dry run; checks what both did.
 * Returns whether the import succeeded; @out_error tells why not. */
static gboolean
import_checked (PdStore               *store,
                GBytes                *csv,
                PdProjectImportFlags   flags,
                GError               **out_error)
{
  g_autoptr(PdImportReport) dry_report = NULL;
  g_autoptr(PdImportReport) report = NULL;
  g_autoptr(GError) dry_error = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = digest_tables (store);
  g_autofree char *after_dry = NULL;
  g_autofree char *after = NULL;
  guint n_before = pd_store_count_projects (store);
  gboolean dry_ok, ok;

  dry_ok = pd_project_import_csv (store, csv, flags | PD_PROJECT_IMPORT_DRY_RUN, &dry_report, &dry_error);
  g_assert_true (dry_ok == (dry_error == NULL));
  after_dry = digest_tables (store);
  g_assert_cmpstr (after_dry, ==, before);

  ok = pd_project_import_csv (store, csv, flags, &report, &error);
  pd_fuzz_note (flags & PD_PROJECT_IMPORT_SKIP_BAD_ROWS ? "import, skipping" : "import", error);
  g_assert_true (ok == (error == NULL));
  g_assert_true (ok == dry_ok);
  g_assert_true ((report == NULL) == (dry_report == NULL));
  if (report != NULL)
    {
      assert_same_counts (report, dry_report);
      g_assert_cmpuint (count_problem_rows (report), ==, count_problem_rows (dry_report));
    }

  after = digest_tables (store);
  assert_pragma_ok (store, "PRAGMA integrity_check", "ok");
  assert_pragma_ok (store, "PRAGMA foreign_key_check", NULL);

  if (!ok)
    {
      /* Nothing at all was written, not even to the outbox or undo. */
      g_assert_cmpstr (after, ==, before);
      g_assert_cmpuint (pd_store_count_projects (store), ==, n_before);
      if (report != NULL && g_error_matches (error, PD_IMPORT_ERROR, PD_IMPORT_ERROR_INVALID_ROWS))
        g_assert_cmpuint (count_problem_rows (report), >, 0);
      g_propagate_error (out_error, g_steal_pointer (&error));
      return FALSE;
    }

  g_assert_nonnull (report);
  assert_counts_add_up (report);
  g_assert_cmpuint (pd_import_report_get_n_skipped (report), ==, count_problem_rows (report));
  if (!(flags & PD_PROJECT_IMPORT_SKIP_BAD_ROWS))
    g_assert_cmpuint (pd_import_report_get_n_skipped (report), ==, 0);
  g_assert_cmpuint (pd_store_count_projects (store), ==, n_before + pd_import_report_get_n_created (report));
  if (pd_import_report_get_n_created (report) + pd_import_report_get_n_updated (report) == 0)
    g_assert_cmpstr (after, ==, before);
  else
    g_assert_cmpstr (after, !=, before);

  return TRUE;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) csv = g_bytes_new (data, size);
  g_autoptr(PdStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (template_db == NULL)
    make_template ();

  store = open_fresh_store ();
  if (!import_checked (store, csv, PD_PROJECT_IMPORT_NONE, &error) &&
      g_error_matches (error, PD_IMPORT_ERROR, PD_IMPORT_ERROR_INVALID_ROWS))
    {
      /* Refused for its bad rows, and the store is as it was: skip them. */
      g_clear_error (&error);
      import_checked (store, csv, PD_PROJECT_IMPORT_SKIP_BAD_ROWS, &error);
      pd_fuzz_note ("skipping", error);
    }

  return 0;
}
