/* pd-platform-db.c: SQLite handles with a cache of prepared statements
 *
 * A handle stays open for the life of the server and keeps every statement
 * it ever prepared, so a request costs a reset and a step, never a parse or
 * a file open.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-platform-db"

#include "pd-platform.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

static void
finalize_statement (gpointer data)
{
  sqlite3_finalize (data);
}

PdDb *
pd_db_open (const char  *path,
            GError     **error)
{
  g_autoptr(PdDb) db = g_new0 (PdDb, 1);
  int fd;

  /* SQLite creates its files 0644 (less the umask) and gives the -wal and
   * -shm files the mode of the database: made 0600 here, so are they. A
   * file left 0644 by an older server is tightened the same way. */
  fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0 || fchmod (fd, 0600) != 0)
    {
      int saved = errno;

      if (fd >= 0)
        close (fd);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "Cannot create %s: %s",
                   path, g_strerror (saved));
      return NULL;
    }
  close (fd);

  db->statements = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, finalize_statement);
  if (sqlite3_open_v2 (path, &db->handle,
                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                       NULL) != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Cannot open %s: %s",
                   path, db->handle ? sqlite3_errmsg (db->handle) : "out of memory");
      return NULL;
    }

  sqlite3_busy_timeout (db->handle, 5000);
  /* WAL lets the simulated donors write while reads go on; NORMAL
   * durability is what a server with a battery-backed disk would pick. */
  if (!pd_db_exec (db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                       "PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY;", error))
    return NULL;

  return g_steal_pointer (&db);
}

void
pd_db_free (PdDb *db)
{
  if (db == NULL)
    return;
  g_clear_pointer (&db->statements, g_hash_table_unref);
  if (db->handle != NULL)
    sqlite3_close (db->handle);
  g_free (db);
}

gboolean
pd_db_exec (PdDb        *db,
            const char  *sql,
            GError     **error)
{
  char *message = NULL;

  if (sqlite3_exec (db->handle, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "SQL failed: %s", message);
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

/* Statements are keyed by the address of the SQL text: callers pass string
 * literals, so the key is stable and the lookup is a pointer hash. */
sqlite3_stmt *
pd_db_prepare (PdDb       *db,
               const char *sql)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (db->statements, sql);

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  if (sqlite3_prepare_v3 (db->handle, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    g_error ("Cannot prepare “%s”: %s", sql, sqlite3_errmsg (db->handle));

  g_hash_table_insert (db->statements, (gpointer) sql, stmt);
  return stmt;
}

/* Transactions nest: only the outermost begin and commit reach SQLite, so
 * a handler's writes and its idempotency record commit together. */
void
pd_db_begin (PdDb *db)
{
  if (db->depth++ == 0)
    sqlite3_step (pd_db_prepare (db, "BEGIN IMMEDIATE"));
}

void
pd_db_commit (PdDb *db)
{
  g_assert (db->depth > 0);
  if (--db->depth == 0)
    sqlite3_step (pd_db_prepare (db, "COMMIT"));
}

/* Runs a query with at most one text parameter and returns the first column
 * of the first row, or 0. */
gint64
pd_db_query_int (PdDb       *db,
                 const char *sql,
                 const char *text_arg)
{
  sqlite3_stmt *stmt = pd_db_prepare (db, sql);
  gint64 value = 0;

  if (text_arg != NULL)
    sqlite3_bind_text (stmt, 1, text_arg, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return value;
}
