/* test-import-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <sqlite3.h>
#include <string.h>

#include "pd-csv-reader.h"
#include "pd-demo-workspace.h"
#include "pd-export.h"
#include "pd-json.h"
#include "pd-project-import.h"
#include "pd-store-sync.h"
#include "pd-test-utils.h"

typedef struct
{
  char    *dir;
  PdStore *store;
} Fixture;

static PdStore *
open_store (const char *dir,
            const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  PdStore *store = pd_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = pd_test_make_private_dir ();
  fixture->store = open_store (fixture->dir, "workspace.db");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  pd_test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

static gboolean
import_text (PdStore               *store,
             const char            *text,
             PdProjectImportFlags   flags,
             PdImportReport       **report,
             GError               **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

  return pd_project_import_csv (store, bytes, flags, report, error);
}

/* The project whose title is @title, (transfer full) or %NULL. */
static PdProject *
find_by_title (PdStore    *store,
               const char *title)
{
  GListModel *projects = pd_store_get_projects (store);

  for (guint i = 0; i < g_list_model_get_n_items (projects); i++)
    {
      g_autoptr(PdProject) project = g_list_model_get_item (projects, i);

      if (g_strcmp0 (pd_project_get_title (project), title) == 0)
        return g_steal_pointer (&project);
    }

  return NULL;
}

/* "row:column" for each problem, joined by "\n". */
static char *
describe_problems (PdImportReport *report)
{
  GListModel *problems = pd_import_report_get_problems (report);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (problems); i++)
    {
      g_autoptr(PdImportProblem) problem = g_list_model_get_item (problems, i);
      const char *column = pd_import_problem_get_column (problem);

      g_string_append_printf (out, "%s%u:%s", i > 0 ? "\n" : "",
                              pd_import_problem_get_row (problem), column != NULL ? column : "-");
      g_assert_cmpstr (pd_import_problem_get_message (problem), !=, "");
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_import_comma (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdImportReport) report = NULL;
  g_autoptr(PdProject) well = NULL;
  g_autoptr(PdProject) library = NULL;
  gboolean ok;

  ok = import_text (fixture->store,
                    "title,organisation,description,category,location,website,default_target_coins,notes\n"
                    "Trinkwasserbrunnen für Kisumu,Wasser für Alle e.V.,\"Ein Brunnen, zwei Pumpen\",Wasser,Kenia,www.wasser-fuer-alle.de,500000,intern\n"
                    "School library,Bright Futures Trust,\"Books for \"\"all\"\"\nof them\",Education,Leeds,,\"25,000\",\n",
                    PD_PROJECT_IMPORT_NONE, &report, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpuint (pd_import_report_get_n_rows (report), ==, 2);
  g_assert_cmpuint (pd_import_report_get_n_created (report), ==, 2);
  g_assert_cmpuint (pd_import_report_get_n_skipped (report), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (pd_import_report_get_problems (report)), ==, 0);
  g_assert_cmpstrv (pd_import_report_get_ignored_columns (report), ((const char *[]) { "notes", NULL }));
  g_assert_cmpuint (pd_store_count_projects (fixture->store), ==, 2);

  well = find_by_title (fixture->store, "Trinkwasserbrunnen für Kisumu");
  g_assert_nonnull (well);
  g_assert_cmpstr (pd_project_get_organisation (well), ==, "Wasser für Alle e.V.");
  g_assert_cmpstr (pd_project_get_description (well), ==, "Ein Brunnen, zwei Pumpen");
  g_assert_cmpstr (pd_project_get_category (well), ==, "Wasser");
  g_assert_cmpstr (pd_project_get_location (well), ==, "Kenia");
  g_assert_cmpstr (pd_project_get_website (well), ==, "https://www.wasser-fuer-alle.de");
  g_assert_cmpint (pd_project_get_default_target_coins (well), ==, 500000);
  g_assert_cmpint (pd_project_get_source (well), ==, PD_PROJECT_SOURCE_CLIENT);

  library = find_by_title (fixture->store, "School library");
  g_assert_nonnull (library);
  g_assert_cmpstr (pd_project_get_description (library), ==, "Books for \"all\"\nof them");
  g_assert_null (pd_project_get_website (library));
  g_assert_cmpint (pd_project_get_default_target_coins (library), ==, 25000);
}

/* As German Excel saves "CSV UTF-8": BOM, semicolons, CRLF, German
 * headers, thousands dots. */
static void
test_import_german_excel (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdImportReport) report = NULL;
  g_autoptr(PdProject) project = NULL;
  g_autofree char *summary = NULL;

  g_assert_true (import_text (fixture->store,
                              "\xEF\xBB\xBFTitel;Träger;Kategorie;Ort;Zielbetrag\r\n"
                              "Lesepaten für Grundschulen;Lichtblick Leipzig e.V.;Bildung;Leipzig;1.250.000\r\n"
                              ";;;;\r\n"
                              "Warme Mahlzeiten;Tafel Köln e.V.;Soziales;Köln;80000\r\n",
                              PD_PROJECT_IMPORT_NONE, &report, &error));
  g_assert_no_error (error);
  /* The blank row is no row. */
  g_assert_cmpuint (pd_import_report_get_n_rows (report), ==, 2);
  g_assert_cmpuint (pd_store_count_projects (fixture->store), ==, 2);

  project = find_by_title (fixture->store, "Lesepaten für Grundschulen");
  g_assert_nonnull (project);
  g_assert_cmpstr (pd_project_get_organisation (project), ==, "Lichtblick Leipzig e.V.");
  g_assert_cmpint (pd_project_get_default_target_coins (project), ==, 1250000);

  summary = pd_import_report_dup_summary (report);
  g_assert_cmpstr (summary, ==, "2 projects imported");
}

static const char bad_file[] =
  "id;title;organisation;website;default_target_coins\n"
  ";Gute Zeile;Verein A;;100\n"                                             /* 2: fine */
  ";;Verein B;;100\n"                                                       /* 3: no title */
  ";Halbe Münzen;Verein C;;12,5\n"                                          /* 4: not whole */
  ";Keine Seite;Verein D;ftp://example.org;100\n"                           /* 5: bad website */
  "not-a-uuid;Falsche ID;Verein E;;100\n"                                   /* 6: bad id */
  "0b7a5a3e-6f0e-4d55-9a43-3f1d1c0e9b11;Erste;Verein F;;100\n"              /* 7: fine */
  "0b7a5a3e-6f0e-4d55-9a43-3f1d1c0e9b11;Zweite;Verein G;;100\n"             /* 8: same id */
  ";Zu viele;Verein H;;100;extra\n"                                         /* 9: extra field */
  ";Negativ;Verein I;;-5\n"                                                 /* 10: negative */
  ";\"Zweizeilig\nTitel\";Verein J;;7\n"                                    /* 11-12: fine */
  ";Ohne Website;Verein K;http://;7\n";                                      /* 13: row 12 */

static void
test_import_errors_import_nothing (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdImportReport) report = NULL;
  g_autofree char *problems = NULL;
  PdUndoStack *undo = pd_store_get_undo_stack (fixture->store);

  g_assert_false (import_text (fixture->store, bad_file, PD_PROJECT_IMPORT_NONE, &report, &error));
  g_assert_error (error, PD_IMPORT_ERROR, PD_IMPORT_ERROR_INVALID_ROWS);
  g_assert_nonnull (strstr (error->message, "8 rows"));
  g_assert_nonnull (report);

  problems = describe_problems (report);
  g_assert_cmpstr (problems, ==,
                   "3:title\n"
                   "4:default_target_coins\n"
                   "5:website\n"
                   "6:id\n"
                   "8:id\n"
                   "9:-\n"
                   "10:default_target_coins\n"
                   "12:website");
  {
    g_autoptr(PdImportProblem) last = g_list_model_get_item (pd_import_report_get_problems (report), 7);
    g_assert_cmpuint (pd_import_problem_get_line (last), ==, 13);
  }
  g_assert_cmpuint (pd_import_report_get_n_rows (report), ==, 11);
  g_assert_cmpuint (pd_import_report_get_n_created (report), ==, 0);

  /* Nothing written, nothing to undo. */
  g_assert_cmpuint (pd_store_count_projects (fixture->store), ==, 0);
  g_assert_false (pd_undo_stack_get_can_undo (undo));
}

static void
test_import_skip_bad_rows (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdImportReport) report = NULL;
  g_autoptr(PdProject) first = NULL;
  g_autoptr(PdProject) two_lines = NULL;
  g_autofree char *summary = NULL;

  g_assert_true (import_text (fixture->store, bad_file, PD_PROJECT_IMPORT_SKIP_BAD_ROWS, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pd_import_report_get_n_created (report), ==, 3);
  g_assert_cmpuint (pd_import_report_get_n_skipped (report), ==, 8);
  g_assert_cmpuint (g_list_model_get_n_items (pd_import_report_get_problems (report)), ==, 8);
  g_assert_cmpuint (pd_store_count_projects (fixture->store), ==, 3);

  /* The id of the file is kept; the duplicate's later row lost. */
  first = pd_store_get_project (fixture->store, "0b7a5a3e-6f0e-4d55-9a43-3f1d1c0e9b11");
  g_assert_nonnull (first);
  g_assert_cmpstr (pd_project_get_title (first), ==, "Erste");
  two_lines = find_by_title (fixture->store, "Zweizeilig\nTitel");
  g_assert_nonnull (two_lines);

  summary = pd_import_report_dup_summary (report);
  g_assert_cmpstr (summary, ==, "3 projects imported, 8 rows with problems skipped");
}

static void
test_import_dry_run (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdImportReport) report = NULL;

  g_assert_true (import_text (fixture->store, bad_file,
                              PD_PROJECT_IMPORT_SKIP_BAD_ROWS | PD_PROJECT_IMPORT_DRY_RUN, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pd_import_report_get_n_created (report), ==, 3);
  g_assert_cmpuint (pd_store_count_projects (fixture->store), ==, 0);
}

static void
test_import_malformed (Fixture       *fixture,
                       gconstpointer  data)
{
  struct {
    const char *text;
    GQuark      domain;
    int         code;
    const char *needle;
  } cases[] = {
    { "title\nA\n\"B\nC\n", PD_CSV_ERROR, PD_CSV_ERROR_UNTERMINATED_QUOTE, "line 3" },
    { "title\nA\nK\xF6ln\n", PD_CSV_ERROR, PD_CSV_ERROR_INVALID_UTF8, "Line 3" },
    { "name_of_thing;organisation\nA;B\n", PD_IMPORT_ERROR, PD_IMPORT_ERROR_MISSING_COLUMN, "title" },
    { "title;Titel\nA;B\n", PD_IMPORT_ERROR, PD_IMPORT_ERROR_DUPLICATE_COLUMN, "Titel" },
    { "", PD_IMPORT_ERROR, PD_IMPORT_ERROR_EMPTY, NULL },
    { "\xEF\xBB\xBF\r\n\r\n", PD_IMPORT_ERROR, PD_IMPORT_ERROR_EMPTY, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PdImportReport) report = NULL;

      g_assert_false (import_text (fixture->store, cases[i].text, PD_PROJECT_IMPORT_SKIP_BAD_ROWS, &report, &error));
      g_assert_error (error, cases[i].domain, cases[i].code);
      if (cases[i].needle != NULL)
        g_assert_nonnull (strstr (error->message, cases[i].needle));
      g_assert_cmpuint (pd_store_count_projects (fixture->store), ==, 0);
    }
}

static void
test_import_undo (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  PdUndoStack *undo = pd_store_get_undo_stack (fixture->store);

  g_assert_true (import_text (fixture->store, "title\nA\nB\nC\n", PD_PROJECT_IMPORT_NONE, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pd_store_count_projects (fixture->store), ==, 3);
  g_assert_cmpuint (pd_undo_stack_get_depth (undo), ==, 1);

  /* The whole import is one step. */
  g_assert_true (pd_undo_stack_undo (undo, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pd_store_count_projects (fixture->store), ==, 0);
  g_assert_true (pd_undo_stack_redo (undo, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pd_store_count_projects (fixture->store), ==, 3);
}

/* New rows take the store's bulk path: each still gets its create op and
 * its bookkeeping, and undo/redo bring back every field. */
static void
test_import_tracks_new (Fixture       *fixture,
                        gconstpointer  data)
{
  const char *csv =
    "id;title;organisation;location;default_target_coins\n"
    "6f1c1b1e-0000-4000-8000-000000000003;Brunnen;Wasser e.V.;Köln;1.500\n"
    "6f1c1b1e-0000-4000-8000-000000000001;Schule;Bildung e.V.;Gent;0\n"
    ";Ohne Id;Verein;Berlin;7\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ops = NULL;
  g_autoptr(PdProject) brunnen = NULL;
  PdUndoStack *undo = pd_store_get_undo_stack (fixture->store);

  g_assert_true (import_text (fixture->store, csv, PD_PROJECT_IMPORT_NONE, NULL, &error));
  g_assert_no_error (error);

  ops = pd_store_list_outbox (fixture->store, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ops->len, ==, 3);
  for (guint i = 0; i < ops->len; i++)
    {
      PdOutboxOp *op = g_ptr_array_index (ops, i);

      g_assert_cmpint (op->verb, ==, PD_OUTBOX_VERB_CREATE);
      g_assert_cmpint (op->status, ==, PD_OUTBOX_STATUS_PENDING);
      g_assert_cmpstr (op->kind, ==, "project");
      g_assert_nonnull (pd_store_get_project (fixture->store, op->record_id));
      g_assert_cmpint (pd_store_get_sync_state (fixture->store, "project", op->record_id), ==,
                       PD_SYNC_STATE_CREATED);
      g_assert_cmpint (pd_store_get_local_seq (fixture->store, "project", op->record_id), ==, 1);
      /* Keys are unique per op. */
      for (guint j = 0; j < i; j++)
        g_assert_cmpstr (op->idempotency_key, !=, ((PdOutboxOp *) g_ptr_array_index (ops, j))->idempotency_key);
    }
  brunnen = pd_store_get_project (fixture->store, "6f1c1b1e-0000-4000-8000-000000000003");
  g_assert_cmpint (pd_record_get_sync_state (PD_RECORD (brunnen)), ==, PD_SYNC_STATE_CREATED);
  g_clear_object (&brunnen);

  g_assert_true (pd_undo_stack_undo (undo, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pd_store_count_projects (fixture->store), ==, 0);
  g_assert_cmpuint (pd_store_count_outbox (fixture->store), ==, 0);

  g_assert_true (pd_undo_stack_redo (undo, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pd_store_count_projects (fixture->store), ==, 3);
  g_assert_cmpuint (pd_store_count_outbox (fixture->store), ==, 3);
  brunnen = pd_store_get_project (fixture->store, "6f1c1b1e-0000-4000-8000-000000000003");
  g_assert_cmpstr (pd_project_get_title (brunnen), ==, "Brunnen");
  g_assert_cmpstr (pd_project_get_organisation (brunnen), ==, "Wasser e.V.");
  g_assert_cmpstr (pd_project_get_location (brunnen), ==, "Köln");
  g_assert_cmpint (pd_project_get_default_target_coins (brunnen), ==, 1500);

  /* And undo once more, now from the redone copies. */
  g_assert_true (pd_undo_stack_undo (undo, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pd_store_count_projects (fixture->store), ==, 0);
}

/* A new row whose id the store still tracks (synced, then deleted here)
 * is brought back as an edit of the server's record, not a second create. */
static void
test_import_tracked_id (Fixture       *fixture,
                        gconstpointer  data)
{
  const char *id = "6f1c1b1e-0000-4000-8000-0000000000aa";
  g_autoptr(PdProject) remote = pd_project_new_with_id (id);
  g_autoptr(JsonNode) record = NULL;
  g_autoptr(JsonArray) changes = json_array_new ();
  JsonObject *change = json_object_new ();
  g_autoptr(PdProject) stored = NULL;
  g_autoptr(GPtrArray) ops = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = g_strdup_printf ("id,title\n%s,Zurück\n", id);

  pd_project_set_title (remote, "Vom Server");
  pd_project_set_source (remote, PD_PROJECT_SOURCE_CLIENT);
  record = pd_record_content_to_json (PD_RECORD (remote));
  json_object_set_string_member (change, "kind", "project");
  json_object_set_string_member (change, "id", id);
  json_object_set_int_member (change, "revision", 3);
  json_object_set_member (change, "record", json_node_ref (record));
  json_array_add_object_element (changes, change);
  g_assert_true (pd_store_apply_remote_changes (fixture->store, "changes", changes, "c1", &error));
  g_assert_no_error (error);

  stored = pd_store_get_project (fixture->store, id);
  g_assert_true (pd_store_delete (fixture->store, PD_RECORD (stored), NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&stored);

  g_assert_true (import_text (fixture->store, csv, PD_PROJECT_IMPORT_NONE, NULL, &error));
  g_assert_no_error (error);
  stored = pd_store_get_project (fixture->store, id);
  g_assert_cmpstr (pd_project_get_title (stored), ==, "Zurück");
  g_assert_cmpint (pd_store_get_sync_state (fixture->store, "project", id), ==, PD_SYNC_STATE_MODIFIED);
  ops = pd_store_list_outbox (fixture->store, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ops->len, ==, 1);
  g_assert_cmpint (((PdOutboxOp *) g_ptr_array_index (ops, 0))->verb, ==, PD_OUTBOX_VERB_UPDATE);
}


/* --- Off the main thread ---------------------------------------------------- */

typedef struct {
  GAsyncResult *result;
  GCancellable *cancel_at_progress;
  guint         n_progress;
  double        last_fraction;
  guint         n_ticks;
} AsyncState;

static void
on_import_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  AsyncState *state = user_data;

  state->result = g_object_ref (result);
}

static void
on_import_progress_cb (double   fraction,
                       gpointer user_data)
{
  AsyncState *state = user_data;

  g_assert_cmpfloat (fraction, >=, state->last_fraction);
  g_assert_cmpfloat (fraction, <=, 1.0);
  state->last_fraction = fraction;
  state->n_progress++;
  if (state->cancel_at_progress != NULL && fraction > 0)
    g_cancellable_cancel (state->cancel_at_progress);
}

static gboolean
on_tick_cb (gpointer user_data)
{
  ((AsyncState *) user_data)->n_ticks++;
  return G_SOURCE_CONTINUE;
}

static gboolean
has_result (gpointer data)
{
  return ((AsyncState *) data)->result != NULL;
}

static GBytes *
many_rows_csv (guint n)
{
  GString *csv = g_string_new ("title;organisation;location;default_target_coins\n");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (csv, "Projekt %u;Verein %u e.V.;Köln;%u\n", i, i % 97, i);
  return g_string_free_to_bytes (csv);
}

static void
assert_integrity (PdStore *store)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (pd_store_get_path (store), &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

/* The import runs in a thread: the main loop keeps turning, progress
 * arrives in it, and the result lands in the store (lists, undo, outbox). */
static void
test_import_async (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GBytes) csv = many_rows_csv (20000);
  g_autoptr(PdImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  AsyncState state = { 0 };
  GListModel *projects = pd_store_get_projects (fixture->store);
  PdUndoStack *undo = pd_store_get_undo_stack (fixture->store);
  guint tick;

  tick = g_timeout_add (5, on_tick_cb, &state);
  pd_project_import_csv_async (fixture->store, csv, PD_PROJECT_IMPORT_NONE, NULL,
                               on_import_progress_cb, &state, NULL, on_import_done_cb, &state);
  /* Nothing is written before the worker commits. */
  g_assert_cmpuint (g_list_model_get_n_items (projects), ==, 0);
  g_assert_true (pd_test_wait_for (has_result, &state, 100000));
  g_source_remove (tick);

  g_assert_true (pd_project_import_csv_finish (fixture->store, state.result, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pd_import_report_get_n_created (report), ==, 20000);
  /* The main loop ran while the worker imported. */
  g_assert_cmpuint (state.n_progress, >, 1);
  g_assert_cmpuint (state.n_ticks, >, 1);

  g_assert_cmpuint (g_list_model_get_n_items (projects), ==, 20000);
  g_assert_cmpuint (pd_store_count_outbox (fixture->store), ==, 20000);
  g_assert_cmpuint (pd_undo_stack_get_depth (undo), ==, 1);
  g_assert_true (pd_undo_stack_undo (undo, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (projects), ==, 0);
  g_assert_cmpuint (pd_store_count_outbox (fixture->store), ==, 0);
  g_clear_object (&state.result);
  assert_integrity (fixture->store);
}

/* Cancelled half-way: nothing imported, nothing to undo, database whole. */
static void
test_import_async_cancel (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GBytes) csv = many_rows_csv (60000);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  AsyncState state = { 0 };

  state.cancel_at_progress = cancellable;
  pd_project_import_csv_async (fixture->store, csv, PD_PROJECT_IMPORT_NONE, cancellable,
                               on_import_progress_cb, &state, NULL, on_import_done_cb, &state);
  g_assert_true (pd_test_wait_for (has_result, &state, 100000));

  g_assert_false (pd_project_import_csv_finish (fixture->store, state.result, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (state.n_progress, >=, 1);
  g_assert_cmpuint (pd_store_count_projects (fixture->store), ==, 0);
  g_assert_cmpuint (pd_store_count_outbox (fixture->store), ==, 0);
  g_assert_false (pd_undo_stack_get_can_undo (pd_store_get_undo_stack (fixture->store)));
  g_clear_object (&state.result);
  assert_integrity (fixture->store);

  /* The store is free for the next import. */
  g_clear_error (&error);
  g_assert_true (import_text (fixture->store, "title\nA\n", PD_PROJECT_IMPORT_NONE, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pd_store_count_projects (fixture->store), ==, 1);
}

static GBytes *
replace_in_bytes (GBytes     *bytes,
                  const char *from,
                  const char *to)
{
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_auto(GStrv) parts = g_strsplit (text, from, 2);
  char *joined;

  g_assert_cmpuint (g_strv_length (parts), ==, 2);
  joined = g_strjoinv (to, parts);
  return g_bytes_new_take (joined, strlen (joined));
}

/* A project from the platform catalogue arrives by sync; the import leaves
 * it as it is when the file does, and refuses to change it otherwise. */
static void
test_import_catalogue (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdProject) remote = pd_project_new ();
  g_autoptr(JsonNode) record = NULL;
  g_autoptr(JsonArray) page = json_array_new ();
  g_autoptr(JsonObject) change = json_object_new ();
  g_autoptr(PdImportReport) report = NULL;
  g_autoptr(GBytes) csv = NULL;
  g_autoptr(GBytes) edited = NULL;
  g_autofree char *problems = NULL;
  const char *id = pd_record_get_id (PD_RECORD (remote));

  pd_project_set_title (remote, "Plattformprojekt Regenwald");
  pd_project_set_organisation (remote, "Regenwald-Stiftung");
  pd_project_set_source (remote, PD_PROJECT_SOURCE_CATALOGUE);
  pd_record_set_revision (PD_RECORD (remote), 3);
  pd_record_set_updated_at (PD_RECORD (remote), "2026-11-01T10:00:00Z");
  record = pd_record_to_json (PD_RECORD (remote));
  json_object_set_string_member (change, "kind", "project");
  json_object_set_string_member (change, "id", id);
  json_object_set_int_member (change, "revision", 3);
  json_object_set_boolean_member (change, "deleted", FALSE);
  json_object_set_member (change, "record", json_node_ref (record));
  json_array_add_object_element (page, json_object_ref (change));
  g_assert_true (pd_store_apply_remote_changes (fixture->store, "changes", page, "c1", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pd_store_count_projects (fixture->store), ==, 1);

  csv = pd_export_projects_csv (pd_store_get_projects (fixture->store), ';');
  g_assert_nonnull (strstr (g_bytes_get_data (csv, NULL), ";catalogue\r\n"));
  g_assert_true (pd_project_import_csv (fixture->store, csv, PD_PROJECT_IMPORT_NONE, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pd_import_report_get_n_unchanged (report), ==, 1);
  g_clear_object (&report);

  edited = replace_in_bytes (csv, "Regenwald;", "Urwald;");
  g_assert_false (pd_project_import_csv (fixture->store, edited, PD_PROJECT_IMPORT_NONE, &report, &error));
  g_assert_error (error, PD_IMPORT_ERROR, PD_IMPORT_ERROR_INVALID_ROWS);
  problems = describe_problems (report);
  g_assert_cmpstr (problems, ==, "2:-");
  g_assert_cmpint (pd_store_get_sync_state (fixture->store, "project", id), ==, PD_SYNC_STATE_SYNCED);
  g_assert_cmpuint (pd_store_count_outbox (fixture->store), ==, 0);
}

/* Export, edit one cell as a person would, import: one project changes,
 * the others are recognised by their id as unchanged. */
static void
test_import_updates_by_id (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdImportReport) report = NULL;
  g_autoptr(GBytes) csv = NULL;
  g_autoptr(GBytes) edited = NULL;
  g_autoptr(PdProject) first = NULL;
  g_autofree char *old_title = NULL;
  g_autofree char *new_title = NULL;

  g_assert_true (pd_demo_workspace_fill (fixture->store, 20, 7, &error));
  g_assert_no_error (error);
  /* The client's own project: catalogue projects cannot be changed. */
  for (guint i = 0; first == NULL; i++)
    {
      g_autoptr(PdProject) project = g_list_model_get_item (pd_store_get_projects (fixture->store), i);

      g_assert_nonnull (project);
      if (pd_project_get_source (project) == PD_PROJECT_SOURCE_CLIENT)
        first = g_steal_pointer (&project);
    }
  old_title = g_strdup (pd_project_get_title (first));
  new_title = g_strconcat (old_title, " (neu)", NULL);

  csv = pd_export_projects_csv (pd_store_get_projects (fixture->store), ';');
  edited = replace_in_bytes (csv, old_title, new_title);

  g_assert_true (pd_project_import_csv (fixture->store, edited, PD_PROJECT_IMPORT_NONE, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pd_import_report_get_n_rows (report), ==, 20);
  g_assert_cmpuint (pd_import_report_get_n_created (report), ==, 0);
  g_assert_cmpuint (pd_import_report_get_n_updated (report), ==, 1);
  g_assert_cmpuint (pd_import_report_get_n_unchanged (report), ==, 19);
  g_assert_cmpuint (pd_store_count_projects (fixture->store), ==, 20);
  /* The live instance follows. */
  g_assert_cmpstr (pd_project_get_title (first), ==, new_title);
}

/* Everything the CSV export writes comes back field for field in another
 * workspace, awkward characters included. */
static void
test_export_projects_csv_round_trip (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStore) other = open_store (fixture->dir, "other.db");
  g_autoptr(PdProject) tricky = pd_project_new ();
  g_autoptr(PdImportReport) report = NULL;
  g_autoptr(GBytes) csv = NULL;
  GListModel *projects;
  guint n;

  g_assert_true (pd_demo_workspace_fill (fixture->store, 30, 11, &error));
  g_assert_no_error (error);

  pd_project_set_title (tricky, "=HYPERLINK(\"http://evil.example\";\"Klick\")");
  pd_project_set_organisation (tricky, "-Verein; \"Anführung\", Komma");
  pd_project_set_description (tricky, "Zeile 1\nZeile 2\n  eingerückt");
  pd_project_set_category (tricky, "@Sonstiges");
  pd_project_set_location (tricky, "'s-Hertogenbosch");
  pd_project_set_default_target_coins (tricky, 0);
  pd_project_set_source (tricky, PD_PROJECT_SOURCE_CLIENT);
  g_assert_true (pd_store_save (fixture->store, PD_RECORD (tricky), NULL, &error));
  g_assert_no_error (error);

  projects = pd_store_get_projects (fixture->store);
  csv = pd_export_projects_csv (projects, ',');
  /* No cell starts a formula. */
  g_assert_null (strstr (g_bytes_get_data (csv, NULL), ",=HYPERLINK"));
  g_assert_nonnull (strstr (g_bytes_get_data (csv, NULL), "\"'=HYPERLINK"));

  g_assert_true (pd_project_import_csv (other, csv, PD_PROJECT_IMPORT_NONE, &report, &error));
  g_assert_no_error (error);

  n = g_list_model_get_n_items (projects);
  g_assert_cmpuint (n, ==, 31);
  g_assert_cmpuint (pd_store_count_projects (other), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PdProject) original = g_list_model_get_item (projects, i);
      g_autoptr(PdProject) copy = pd_store_get_project (other, pd_record_get_id (PD_RECORD (original)));
      g_autoptr(JsonNode) a = pd_record_content_to_json (PD_RECORD (original));
      g_autoptr(JsonNode) b = NULL;

      g_assert_nonnull (copy);
      b = pd_record_content_to_json (PD_RECORD (copy));
      /* What a CSV brings into a workspace is the client's own, also a
       * copy of a catalogue project; every other field comes back. */
      g_assert_cmpint (pd_project_get_source (copy), ==, PD_PROJECT_SOURCE_CLIENT);
      json_object_set_string_member (json_node_get_object (a), "source", "client");
      if (!pd_json_equal (a, b))
        {
          g_autofree char *sa = pd_json_to_string (a);
          g_autofree char *sb = pd_json_to_string (b);
          g_assert_cmpstr (sa, ==, sb);
        }
    }
}

static void
test_export_campaigns_csv (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) csv = NULL;
  g_autoptr(GBytes) members_csv = NULL;
  g_autoptr(PdCsvReader) reader = NULL;
  g_autoptr(PdCampaign) christmas = NULL;
  g_auto(GStrv) header = NULL;
  g_auto(GStrv) row = NULL;
  g_auto(GStrv) row2 = NULL;
  g_auto(GStrv) member = NULL;
  GListModel *campaigns;

  /* The demo's campaigns are placed relative to the clock's today. */
  pd_test_fix_clock ("2026-11-20T09:00:00+01:00");
  g_assert_true (pd_demo_workspace_fill (fixture->store, 12, 3, &error));
  g_assert_no_error (error);
  campaigns = pd_store_get_campaigns (fixture->store);
  g_assert_cmpuint (g_list_model_get_n_items (campaigns), ==, 2);

  csv = pd_export_campaigns_csv (fixture->store, campaigns, ';');
  reader = pd_csv_reader_new (csv, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pd_csv_reader_get_separator (reader), ==, ';');
  g_assert_true (pd_csv_reader_next (reader, &header, NULL, &error));
  g_assert_true (pd_csv_reader_next (reader, &row, NULL, &error));
  g_assert_true (pd_csv_reader_next (reader, &row2, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpstr (header[1], ==, "name");
  g_assert_cmpstr (row[1], ==, "Weihnachtsaktion 2026");
  g_assert_cmpstr (row[3], ==, "draft");
  g_assert_cmpstr (row[4], ==, "2026-12-01T00:00:00+01:00");
  g_assert_cmpstr (row[8], ==, "10000");
  g_assert_cmpstr (row[10], ==, "donation");
  g_assert_cmpstr (row[11], ==, "Winterlicht");
  g_assert_cmpstr (row[13], ==, "Schenken Sie Hoffnung");
  g_assert_cmpstr (row[14], ==, "6");
  g_assert_cmpstr (row2[10], ==, "sponsorship");
  g_assert_cmpstr (row2[12], ==, "nl");
  g_assert_cmpstr (row2[14], ==, "5");

  christmas = g_list_model_get_item (campaigns, 0);
  members_csv = pd_export_campaign_projects_csv (fixture->store, christmas, ',');
  g_clear_pointer (&reader, pd_csv_reader_free);
  reader = pd_csv_reader_new (members_csv, &error);
  g_clear_pointer (&header, g_strfreev);
  g_assert_true (pd_csv_reader_next (reader, &header, NULL, &error));
  g_assert_true (pd_csv_reader_next (reader, &member, NULL, &error));
  g_assert_cmpstr (member[0], ==, "1");
  {
    g_autoptr(PdCampaignProject) first = g_list_model_get_item (pd_campaign_get_projects (christmas), 0);
    g_autoptr(PdProject) project = pd_store_get_project (fixture->store, pd_campaign_project_get_project_id (first));

    g_assert_cmpstr (member[1], ==, pd_record_get_id (PD_RECORD (project)));
    g_assert_cmpstr (member[2], ==, pd_project_get_title (project));
  }
}

/* The JSON export holds every record in the platform's form: read back
 * through the model, each equals the original. */
static void
test_export_json (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) json = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *written = NULL;
  gsize written_length;
  const char *collections[] = { "campaigns", "projects", "themes" };
  GListModel *models[] = {
    pd_store_get_campaigns (fixture->store),
    pd_store_get_projects (fixture->store),
    pd_store_get_themes (fixture->store),
  };
  GType types[] = { PD_TYPE_CAMPAIGN, PD_TYPE_PROJECT, PD_TYPE_THEME };

  g_assert_true (pd_demo_workspace_fill (fixture->store, 15, 5, &error));
  g_assert_no_error (error);

  json = pd_export_json (models[0], models[1], models[2]);
  text = g_strndup (g_bytes_get_data (json, NULL), g_bytes_get_size (json));
  root = pd_json_from_string (text, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "format"), ==,
                   "particulate-designer-export");

  for (guint c = 0; c < G_N_ELEMENTS (collections); c++)
    {
      JsonArray *array = json_object_get_array_member (json_node_get_object (root), collections[c]);

      g_assert_nonnull (array);
      g_assert_cmpuint (json_array_get_length (array), ==, g_list_model_get_n_items (models[c]));
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autoptr(PdRecord) original = g_list_model_get_item (models[c], i);
          g_autoptr(PdRecord) copy = pd_record_new_from_json (types[c], json_array_get_element (array, i), &error);
          g_autoptr(JsonNode) a = pd_record_content_to_json (original);
          g_autoptr(JsonNode) b = NULL;

          g_assert_no_error (error);
          g_assert_cmpstr (pd_record_get_id (copy), ==, pd_record_get_id (original));
          b = pd_record_content_to_json (copy);
          g_assert_true (pd_json_equal (a, b));
        }
    }

  /* Written whole to a file. */
  path = g_build_filename (fixture->dir, "export.json", NULL);
  file = g_file_new_for_path (path);
  g_assert_true (pd_export_write_file (json, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &written, &written_length, &error));
  g_assert_cmpmem (written, written_length, g_bytes_get_data (json, NULL), g_bytes_get_size (json));
}

static void
test_export_separator_for_locale (void)
{
  g_assert_cmpint (pd_export_separator_for_locale ("de_DE.UTF-8"), ==, ';');
  g_assert_cmpint (pd_export_separator_for_locale ("nl_NL"), ==, ';');
  g_assert_cmpint (pd_export_separator_for_locale ("en_GB.UTF-8"), ==, ',');
  g_assert_cmpint (pd_export_separator_for_locale ("C"), ==, ',');
}

/* The same seed gives the same workspace, ids included; another seed
 * another one. The records are valid, or saving them would have failed. */
static void
test_demo_workspace (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStore) same = open_store (fixture->dir, "same.db");
  g_autoptr(PdStore) other = open_store (fixture->dir, "other.db");
  GListModel *a, *b, *c;
  g_autoptr(GHashTable) languages = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(PdCampaign) christmas = NULL;
  g_autoptr(PdCampaign) spring = NULL;
  g_autoptr(PdTheme) theme = NULL;
  g_autoptr(GBytes) logo = NULL;
  guint differ = 0;

  g_assert_true (pd_demo_workspace_fill (fixture->store, PD_DEMO_WORKSPACE_N_PROJECTS, PD_DEMO_WORKSPACE_SEED, &error));
  g_assert_no_error (error);
  g_assert_true (pd_demo_workspace_fill (same, PD_DEMO_WORKSPACE_N_PROJECTS, PD_DEMO_WORKSPACE_SEED, &error));
  g_assert_no_error (error);
  g_assert_true (pd_demo_workspace_fill (other, PD_DEMO_WORKSPACE_N_PROJECTS, PD_DEMO_WORKSPACE_SEED + 1, &error));
  g_assert_no_error (error);

  a = pd_store_get_projects (fixture->store);
  b = pd_store_get_projects (same);
  c = pd_store_get_projects (other);
  g_assert_cmpuint (g_list_model_get_n_items (a), ==, PD_DEMO_WORKSPACE_N_PROJECTS);
  for (guint i = 0; i < PD_DEMO_WORKSPACE_N_PROJECTS; i++)
    {
      g_autoptr(PdProject) pa = g_list_model_get_item (a, i);
      g_autoptr(PdProject) pb = g_list_model_get_item (b, i);
      g_autoptr(PdProject) pc = g_list_model_get_item (c, i);
      g_autoptr(JsonNode) ja = pd_record_to_json (PD_RECORD (pa));
      g_autoptr(JsonNode) jb = pd_record_to_json (PD_RECORD (pb));

      g_assert_true (pd_json_equal (ja, jb));
      if (g_strcmp0 (pd_project_get_title (pa), pd_project_get_title (pc)) != 0)
        differ++;
      /* German, Dutch and English titles all occur. */
      if (strstr (pd_project_get_title (pa), " für ") != NULL)
        g_hash_table_add (languages, (gpointer) "de");
      else if (strstr (pd_project_get_title (pa), " voor ") != NULL)
        g_hash_table_add (languages, (gpointer) "nl");
      else if (strstr (pd_project_get_title (pa), " for ") != NULL)
        g_hash_table_add (languages, (gpointer) "en");
    }
  g_assert_cmpuint (differ, >, PD_DEMO_WORKSPACE_N_PROJECTS / 2);
  g_assert_cmpuint (g_hash_table_size (languages), ==, 3);

  /* Like a real client's library: mostly the platform's catalogue, a
   * handful of the client's own, and campaigns that mix both. */
  {
    guint n_own = 0;

    for (guint i = 0; i < PD_DEMO_WORKSPACE_N_PROJECTS; i++)
      {
        g_autoptr(PdProject) project = g_list_model_get_item (a, i);

        if (pd_project_get_source (project) == PD_PROJECT_SOURCE_CLIENT)
          n_own++;
        else
          g_assert_cmpint (pd_record_get_sync_state (PD_RECORD (project)), ==, PD_SYNC_STATE_SYNCED);
      }
    g_assert_cmpuint (n_own, >=, 3);
    g_assert_cmpuint (n_own, <=, PD_DEMO_WORKSPACE_N_PROJECTS / 4);
  }

  g_assert_cmpuint (g_list_model_get_n_items (pd_store_get_campaigns (fixture->store)), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (pd_store_get_themes (fixture->store)), ==, 1);
  christmas = g_list_model_get_item (pd_store_get_campaigns (fixture->store), 0);
  spring = g_list_model_get_item (pd_store_get_campaigns (fixture->store), 1);
  /* Drafts being prepared: both start ahead of the clock's today, and
   * the Christmas campaign is named after the year it runs in. */
  {
    g_autoptr(GDateTime) now = pd_now_utc ();
    GDateTime *starts = pd_campaign_get_starts_at (christmas);
    g_autofree char *name = g_strdup_printf ("Weihnachtsaktion %d", g_date_time_get_year (starts));

    g_assert_cmpstr (pd_campaign_get_name (christmas), ==, name);
    g_assert_cmpint (g_date_time_get_month (starts), ==, 12);
    g_assert_cmpint (g_date_time_get_day_of_month (starts), ==, 1);
    g_assert_cmpint (g_date_time_compare (starts, now), >, 0);
    g_assert_cmpint (g_date_time_compare (pd_campaign_get_starts_at (spring), now), >, 0);
    g_assert_cmpint (g_date_time_difference (starts, now), <, 366 * G_TIME_SPAN_DAY);
  }
  g_assert_cmpstr (pd_campaign_get_default_language (christmas), ==, "de");
  g_assert_cmpstr (pd_campaign_get_default_language (spring), ==, "nl");
  g_assert_nonnull (pd_campaign_get_text (spring, "en"));
  g_assert_cmpuint (g_list_model_get_n_items (pd_campaign_get_projects (christmas)), ==, 6);
  g_assert_cmpuint (g_list_model_get_n_items (pd_campaign_get_page_blocks (christmas)), ==, 7);
  for (guint k = 0; k < 2; k++)
    {
      GListModel *members = pd_campaign_get_projects (k == 0 ? christmas : spring);
      guint kinds = 0;

      for (guint i = 0; i < g_list_model_get_n_items (members); i++)
        {
          g_autoptr(PdCampaignProject) member = g_list_model_get_item (members, i);
          g_autoptr(PdProject) project = pd_store_get_project (fixture->store, pd_campaign_project_get_project_id (member));

          g_assert_nonnull (project);
          kinds |= 1u << pd_project_get_source (project);
        }
      g_assert_cmpuint (kinds, ==, (1u << PD_PROJECT_SOURCE_CLIENT) | (1u << PD_PROJECT_SOURCE_CATALOGUE));
    }

  /* The theme's logo is a real asset in the store. */
  theme = g_list_model_get_item (pd_store_get_themes (fixture->store), 0);
  g_assert_cmpstr (pd_campaign_get_theme_id (christmas), ==, pd_record_get_id (PD_RECORD (theme)));
  logo = pd_store_load_asset (fixture->store, pd_theme_get_logo_sha256 (theme), &error);
  g_assert_no_error (error);
  g_assert_nonnull (logo);
}

/* The demo workspace is filled once; the user's edits survive reopening. */
static void
test_demo_workspace_open (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "demo.db", NULL);
  g_autoptr(PdStore) store = pd_demo_workspace_open (path, &error);
  g_autoptr(PdCampaign) campaign = NULL;
  g_autofree char *id = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (pd_store_count_projects (store), ==, PD_DEMO_WORKSPACE_N_PROJECTS);
  campaign = g_list_model_get_item (pd_store_get_campaigns (store), 0);
  id = g_strdup (pd_record_get_id (PD_RECORD (campaign)));
  g_assert_true (pd_store_delete (store, PD_RECORD (campaign), "Delete Campaign", &error));
  g_assert_no_error (error);
  g_clear_object (&campaign);
  g_clear_object (&store);

  store = pd_demo_workspace_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pd_store_count_projects (store), ==, PD_DEMO_WORKSPACE_N_PROJECTS);
  g_assert_cmpuint (g_list_model_get_n_items (pd_store_get_campaigns (store)), ==, 1);
  g_assert_null (pd_store_get_campaign (store, id));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/import/comma", test_import_comma);
  ADD ("/import/german-excel", test_import_german_excel);
  ADD ("/import/errors-import-nothing", test_import_errors_import_nothing);
  ADD ("/import/skip-bad-rows", test_import_skip_bad_rows);
  ADD ("/import/dry-run", test_import_dry_run);
  ADD ("/import/malformed", test_import_malformed);
  ADD ("/import/undo", test_import_undo);
  ADD ("/import/tracks-new", test_import_tracks_new);
  ADD ("/import/tracked-id", test_import_tracked_id);
  ADD ("/import/async", test_import_async);
  ADD ("/import/async-cancel", test_import_async_cancel);
  ADD ("/import/updates-by-id", test_import_updates_by_id);
  ADD ("/import/catalogue", test_import_catalogue);
  ADD ("/export/projects-csv-round-trip", test_export_projects_csv_round_trip);
  ADD ("/export/campaigns-csv", test_export_campaigns_csv);
  ADD ("/export/json", test_export_json);
  ADD ("/demo/workspace", test_demo_workspace);
  ADD ("/demo/workspace-open", test_demo_workspace_open);
  g_test_add_func ("/export/separator-for-locale", test_export_separator_for_locale);

#undef ADD

  return g_test_run ();
}
