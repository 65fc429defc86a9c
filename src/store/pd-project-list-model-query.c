/* pd-project-list-model-query.c: the library's query, on either thread
 *
 * The SQL of PdProjectListModel: the matching rowids in order, on the
 * store's connection (main thread) or on a read-only one of the worker's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-project-list-model"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-project-list-model-private.h"
#include "pd-store-private.h"

/* As pd_store_search_projects(): more words narrow nothing in practice. */
#define MAX_QUERY_WORDS 8

void
_pd_project_query_free (PdProjectQuery *query)
{
  g_strfreev (query->words);
  g_free (query->category);
  g_free (query->path);
  g_free (query);
}

void
_pd_project_answer_free (PdProjectAnswer *answer)
{
  g_array_unref (answer->rows);
  g_free (answer);
}

static const char *
order_for_sort (PdProjectSort sort)
{
  /* Ties go by title, then by age, so every order is total and stable. */
  switch (sort)
    {
    case PD_PROJECT_SORT_ORGANISATION:
      return " ORDER BY pd_normalise (organisation), sort_key, rowid";
    case PD_PROJECT_SORT_LOCATION:
      return " ORDER BY pd_normalise (location), sort_key, rowid";
    case PD_PROJECT_SORT_TARGET:
      return " ORDER BY default_target_coins DESC, sort_key, rowid";
    case PD_PROJECT_SORT_TITLE:
    default:
      return " ORDER BY sort_key, rowid";
    }
}

static void
set_read_error (sqlite3  *db,
                GError  **error)
{
  if (sqlite3_errcode (db) == SQLITE_INTERRUPT)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Cancelled");
  else
    g_set_error (error, PD_STORE_ERROR, PD_STORE_ERROR_FAILED,
                 _("The project library could not be read: %s"), sqlite3_errmsg (db));
}

/* The matching rowids in order, and the number of all projects. */
PdProjectAnswer *
_pd_project_query_run (sqlite3       *db,
           const PdProjectQuery   *query,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT rowid FROM projects WHERE (?1 IS NULL OR category = ?1)");
  g_autoptr(PdProjectAnswer) answer = g_new0 (PdProjectAnswer, 1);
  sqlite3_stmt *stmt = NULL;
  guint n_words = g_strv_length (query->words);
  int rc;

  /* Only the number of words and the sort vary the SQL; the words and
   * the category are bound. */
  for (guint i = 0; i < n_words; i++)
    g_string_append_printf (sql, " AND instr (search_text, ?%u) > 0", i + 2);
  g_string_append (sql, order_for_sort (query->sort));

  answer->rows = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL) != SQLITE_OK)
    {
      set_read_error (db, error);
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, query->category, -1, SQLITE_TRANSIENT);
  for (guint i = 0; i < n_words; i++)
    sqlite3_bind_text (stmt, i + 2, query->words[i], -1, SQLITE_TRANSIENT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 rowid = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (answer->rows, rowid);
    }
  if (rc != SQLITE_DONE)
    set_read_error (db, error);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  if (sqlite3_prepare_v2 (db, "SELECT count(*) FROM projects", -1, &stmt, NULL) != SQLITE_OK)
    {
      set_read_error (db, error);
      return NULL;
    }
  if (sqlite3_step (stmt) == SQLITE_ROW)
    answer->total = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  return g_steal_pointer (&answer);
}

/* SQLite calls this every few thousand steps of a long query; a non-zero
 * answer interrupts it, so a query typing has outrun stops early. */
static int
progress_cb (void *data)
{
  return g_cancellable_is_cancelled (data);
}

void
_pd_project_query_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  PdProjectQuery *query = task_data;
  sqlite3 *db = NULL;
  GError *error = NULL;
  PdProjectAnswer *answer;

  /* A connection of its own: the store's belongs to the main thread.
   * WAL lets it read while the main thread writes. */
  if (sqlite3_open_v2 (query->path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    {
      set_read_error (db, &error);
      sqlite3_close (db);
      g_task_return_error (task, error);
      return;
    }
  sqlite3_busy_timeout (db, 5000);
  _pd_store_register_functions (db);
  sqlite3_progress_handler (db, 10000, progress_cb, cancellable);

  answer = _pd_project_query_run (db, query, cancellable, &error);
  sqlite3_close (db);
  if (answer == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, answer, (GDestroyNotify) _pd_project_answer_free);
}

PdProjectQuery *
_pd_project_query_new (const char    *text,
                       const char    *category,
                       PdProjectSort  sort,
                       const char    *path,
                       guint          generation)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *normalised = _pd_store_normalise (text != NULL ? text : "");
  g_auto(GStrv) words = g_strsplit_set (g_strstrip (normalised), " \t\n", -1);
  PdProjectQuery *query = g_new0 (PdProjectQuery, 1);
  guint n = 0;

  for (guint i = 0; words[i] != NULL && n < MAX_QUERY_WORDS; i++)
    if (*words[i] != '\0')
      {
        g_strv_builder_add (builder, words[i]);
        n++;
      }
  query->words = g_strv_builder_end (builder);
  query->category = g_strdup (category);
  query->sort = sort;
  query->path = g_strdup (path);
  query->generation = generation;

  return query;
}
