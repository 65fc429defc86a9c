/* pd-project-import.c
 *
 * Reads projects from CSV as spreadsheets write it and saves them in one
 * transaction (and one undo step). Every row is checked before anything is
 * written; each problem is reported with its row and column, and by default
 * one bad row stops the whole import, because a half-imported list is
 * harder to repair than a file. Headers may be the API names we export
 * ("default_target_coins") or the German, Dutch and English words people
 * type ("Zielbetrag", "Doelbedrag"). A row with the id of an existing
 * project updates it, so an exported file can be edited and read back;
 * columns the file lacks keep their values.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-project-import"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pd-csv-reader.h"
#include "pd-json.h"
#include "pd-project-import.h"
#include "pd-project-import-private.h"
#include "pd-store-private.h"
#include "pd-validation.h"

/* Pages of SQLite's cache during an import (KiB when negative). The
 * default 2 MB is too small for one transaction of many projects: SQLite
 * then spills dirty pages to the WAL and reads them back, which made a
 * 100,000-row import a fifth slower. The cache only grows as it is used. */
#define IMPORT_CACHE_KIB 131072

typedef enum {
  COL_NONE = -1,  /* the whole row */
  COL_ID,
  COL_TITLE,
  COL_ORGANISATION,
  COL_DESCRIPTION,
  COL_CATEGORY,
  COL_LOCATION,
  COL_WEBSITE,
  COL_IMAGE,
  COL_TARGET,
  COL_SOURCE,
  N_COLUMNS
} Column;

/* Header names after normalising (lower case, without blanks, "_", "-",
 * "." and brackets), separated by "|". The first is the API name. */
static const char *column_aliases[N_COLUMNS] = {
  [COL_ID] = "id|uuid",
  [COL_TITLE] = "title|titel|name|project|projekt|projectnaam|projekttitel|projecttitel",
  [COL_ORGANISATION] = "organisation|organization|organisatie|träger|traeger|verein|charity",
  [COL_DESCRIPTION] = "description|beschreibung|beschrijving|omschrijving",
  [COL_CATEGORY] = "category|kategorie|categorie|rubrik",
  [COL_LOCATION] = "location|ort|standort|locatie|plaats|place",
  [COL_WEBSITE] = "website|webseite|internetseite|url|homepage",
  [COL_IMAGE] = "imagesha256|image|bild|afbeelding",
  [COL_TARGET] = "defaulttargetcoins|targetcoins|target|ziel|zielbetrag|zielmünzen|doel|doelbedrag|doelmunten",
  /* Written by our export; imported projects are always the client's. */
  [COL_SOURCE] = "source|quelle|bron",
};

typedef struct
{
  PdStore        *store;
  PdImportReport *report;
  int             index[N_COLUMNS];  /* field index, or -1 */
  char          **header;
  GHashTable     *seen_ids;
  gboolean        row_bad;
  guint           row;
  guint           line;
} Import;

G_DEFINE_QUARK (pd-import-error-quark, pd_import_error)

static char *
normalise_header (const char *text)
{
  g_autofree char *down = g_utf8_strdown (text, -1);
  GString *out = g_string_new (NULL);

  for (const char *p = down; *p != '\0'; p++)
    {
      if (strchr (" \t_-.()[]", *p) == NULL)
        g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

static int
find_column (const char *normalised)
{
  for (int c = 0; c < N_COLUMNS; c++)
    {
      g_auto(GStrv) aliases = g_strsplit (column_aliases[c], "|", -1);

      if (g_strv_contains ((const char * const *) aliases, normalised))
        return c;
    }

  return -1;
}

static gboolean
map_header (Import   *import,
            GError  **error)
{
  for (int c = 0; c < N_COLUMNS; c++)
    import->index[c] = -1;

  for (int i = 0; import->header[i] != NULL; i++)
    {
      g_autofree char *name = normalise_header (import->header[i]);
      int c = find_column (name);

      if (c < 0)
        {
          if (*name != '\0')
            _pd_import_report_add_ignored_column (import->report, import->header[i]);
          continue;
        }

      if (import->index[c] >= 0)
        {
          g_set_error (error, PD_IMPORT_ERROR, PD_IMPORT_ERROR_DUPLICATE_COLUMN,
                       _("The columns “%s” and “%s” both name the same field. Remove one of them."),
                       import->header[import->index[c]], import->header[i]);
          return FALSE;
        }
      import->index[c] = i;
    }

  if (import->index[COL_TITLE] < 0)
    {
      g_set_error (error, PD_IMPORT_ERROR, PD_IMPORT_ERROR_MISSING_COLUMN,
                   _("The file has no “title” column. Its first line must name the columns, for example: title, organisation, category, location, default_target_coins."));
      return FALSE;
    }

  return TRUE;
}

static void
problem (Import     *import,
         Column      column,
         const char *message)
{
  const char *name = NULL;

  if (column != COL_NONE && import->index[column] >= 0)
    name = import->header[import->index[column]];

  _pd_import_report_add_problem (import->report, import->row, import->line, name, message);
  import->row_bad = TRUE;
}

/* (transfer full) (nullable): the trimmed value of @column in @fields with
 * our export's formula guard removed, or %NULL when the file lacks it. */
static char *
get_value (Import  *import,
           char   **fields,
           guint    n_fields,
           Column   column)
{
  int i = import->index[column];
  g_autofree char *value = NULL;

  if (i < 0)
    return NULL;
  if ((guint) i >= n_fields)
    return g_strdup ("");

  value = pd_csv_strip_formula_guard (fields[i]);
  return g_strdup (g_strstrip (value));
}

/* Whole coins: "5000", or with thousands marks as people type them in
 * German ("5.000"), Dutch or English ("5,000") spreadsheets. A decimal
 * value is refused rather than rounded: coins are whole. */
static gboolean
parse_coins (const char *text,
             gint64     *out_coins)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  const char *p = text;
  gboolean negative = FALSE;
  guint group = 0;
  gboolean grouped = FALSE;
  guint64 value;

  if (*p == '-')
    {
      negative = TRUE;
      p++;
    }

  for (; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          g_string_append_c (digits, *p);
          group++;
        }
      else if (strchr (".,' ", *p) != NULL && digits->len > 0 && (!grouped || group == 3) && group <= 3)
        {
          grouped = TRUE;
          group = 0;
        }
      else
        {
          return FALSE;
        }
    }

  if (digits->len == 0 || (grouped && group != 3) || digits->len > 15)
    return FALSE;

  value = g_ascii_strtoull (digits->str, NULL, 10);
  *out_coins = negative ? -(gint64) value : (gint64) value;
  return TRUE;
}

static char *
normalise_website (const char *text)
{
  g_autofree char *url = NULL;
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  /* "www.example.org" is what people paste; it means https. */
  if (strstr (text, "://") == NULL)
    url = g_strconcat ("https://", text, NULL);
  else
    url = g_strdup (text);

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return NULL;

  scheme = g_uri_get_scheme (uri);
  if ((g_strcmp0 (scheme, "http") != 0 && g_strcmp0 (scheme, "https") != 0)
      || g_uri_get_host (uri) == NULL || strchr (g_uri_get_host (uri), '.') == NULL)
    return NULL;

  return g_steal_pointer (&url);
}

static void
set_text_fields (Import     *import,
                 PdProject  *project,
                 char      **fields,
                 guint       n_fields)
{
  g_autofree char *title = get_value (import, fields, n_fields, COL_TITLE);
  g_autofree char *organisation = get_value (import, fields, n_fields, COL_ORGANISATION);
  g_autofree char *description = get_value (import, fields, n_fields, COL_DESCRIPTION);
  g_autofree char *category = get_value (import, fields, n_fields, COL_CATEGORY);
  g_autofree char *location = get_value (import, fields, n_fields, COL_LOCATION);
  g_autoptr(GError) local_error = NULL;

  if (!pd_validate_name (title, _("Title"), &local_error))
    problem (import, COL_TITLE, local_error->message);
  else
    pd_project_set_title (project, title);

  if (organisation != NULL)
    pd_project_set_organisation (project, organisation);
  if (description != NULL)
    pd_project_set_description (project, description);
  if (category != NULL)
    pd_project_set_category (project, category);
  if (location != NULL)
    pd_project_set_location (project, location);
}

static void
set_other_fields (Import     *import,
                  PdProject  *project,
                  char      **fields,
                  guint       n_fields)
{
  g_autofree char *website = get_value (import, fields, n_fields, COL_WEBSITE);
  g_autofree char *image = get_value (import, fields, n_fields, COL_IMAGE);
  g_autofree char *target = get_value (import, fields, n_fields, COL_TARGET);

  if (website != NULL && *website == '\0')
    {
      pd_project_set_website (project, NULL);
    }
  else if (website != NULL)
    {
      g_autofree char *url = normalise_website (website);

      if (url == NULL)
        {
          g_autofree char *message = g_strdup_printf (_("“%s” is not a web address."), website);
          problem (import, COL_WEBSITE, message);
        }
      else
        {
          pd_project_set_website (project, url);
        }
    }

  if (image != NULL && *image == '\0')
    {
      pd_project_set_image_sha256 (project, NULL);
    }
  else if (image != NULL)
    {
      g_autofree char *lower = g_ascii_strdown (image, -1);

      if (!pd_is_valid_sha256 (lower))
        problem (import, COL_IMAGE, _("The image must be given by its SHA-256 hash: 64 hexadecimal digits."));
      else
        pd_project_set_image_sha256 (project, lower);
    }

  if (target != NULL)
    {
      gint64 coins = 0;
      g_autoptr(GError) local_error = NULL;

      if (*target == '\0')
        {
          pd_project_set_default_target_coins (project, 0);
        }
      else if (!parse_coins (target, &coins))
        {
          g_autofree char *message = g_strdup_printf (_("“%s” is not a whole number of coins."), target);
          problem (import, COL_TARGET, message);
        }
      else if (!pd_validate_not_negative (coins, _("Target"), &local_error))
        {
          problem (import, COL_TARGET, local_error->message);
        }
      else
        {
          pd_project_set_default_target_coins (project, coins);
        }
    }
}

/* Most imported rows are new: a look at the index is all they need,
 * rather than building a record that is not there. */
static gboolean
project_exists (PdStore    *store,
                const char *id)
{
  sqlite3_stmt *stmt = _pd_store_prepare (store, "SELECT 1 FROM projects WHERE id = ?1", NULL);
  gboolean found;

  if (stmt == NULL)
    return TRUE;  /* then let the full lookup decide */
  _pd_store_bind_static (stmt, 1, id);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return found;
}

/* (transfer full) (nullable): the project the row describes, a new one or
 * an edited copy of an existing one; %NULL when the row has problems or
 * would change nothing (then *unchanged is set). */
static PdProject *
import_row (Import    *import,
            char     **fields,
            gboolean  *out_existing,
            gboolean  *out_unchanged)
{
  guint n_fields = g_strv_length (fields);
  g_autofree char *id = get_value (import, fields, n_fields, COL_ID);
  g_autoptr(PdProject) existing = NULL;
  g_autoptr(PdProject) project = NULL;
  g_autoptr(GError) local_error = NULL;
  guint n_header = g_strv_length (import->header);

  import->row_bad = FALSE;
  *out_existing = FALSE;
  *out_unchanged = FALSE;

  for (guint i = n_header; i < n_fields; i++)
    {
      if (*g_strstrip (fields[i]) != '\0')
        {
          g_autofree char *message = g_strdup_printf (_("The row has %u fields, but the first line names only %u columns."),
                                                      n_fields, n_header);
          problem (import, COL_NONE, message);
          return NULL;
        }
    }

  if (id != NULL && *id != '\0')
    {
      g_autofree char *lower = g_ascii_strdown (id, -1);

      g_free (id);
      id = g_steal_pointer (&lower);
      if (!pd_is_valid_uuid (id))
        {
          problem (import, COL_ID, _("The id is not a UUID. Leave it empty for a new project."));
          return NULL;
        }
      if (!g_hash_table_add (import->seen_ids, g_strdup (id)))
        {
          problem (import, COL_ID, _("An earlier row has the same id."));
          return NULL;
        }
      if (project_exists (import->store, id))
        existing = pd_store_get_project (import->store, id);
    }

  if (existing != NULL)
    project = PD_PROJECT (pd_record_copy (PD_RECORD (existing)));
  else if (id != NULL && *id != '\0')
    project = pd_project_new_with_id (id);
  else
    project = pd_project_new ();

  if (existing == NULL)
    pd_project_set_source (project, PD_PROJECT_SOURCE_CLIENT);

  set_text_fields (import, project, fields, n_fields);
  set_other_fields (import, project, fields, n_fields);
  if (import->row_bad)
    return NULL;

  if (!pd_record_validate (PD_RECORD (project), &local_error))
    {
      problem (import, COL_NONE, local_error->message);
      return NULL;
    }

  if (existing != NULL)
    {
      g_autoptr(JsonNode) before = pd_record_content_to_json (PD_RECORD (existing));
      g_autoptr(JsonNode) after = pd_record_content_to_json (PD_RECORD (project));

      *out_existing = TRUE;
      if (pd_json_equal (before, after))
        {
          *out_unchanged = TRUE;
          return NULL;
        }
      if (pd_project_get_source (existing) == PD_PROJECT_SOURCE_CATALOGUE)
        {
          problem (import, COL_NONE, _("This project is from the platform catalogue and cannot be changed."));
          return NULL;
        }
    }

  return g_steal_pointer (&project);
}

/* Returns the cache size to restore afterwards. */
static gint64
enlarge_cache (PdStore *store)
{
  sqlite3_stmt *stmt = NULL;
  gint64 previous = 0;
  g_autofree char *sql = NULL;

  if (sqlite3_prepare_v2 (store->db, "PRAGMA cache_size", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    previous = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  if (previous < 0 && -previous >= IMPORT_CACHE_KIB)
    return previous;

  /* A pragma's value cannot be bound; this is our own integer. */
  sql = g_strdup_printf ("PRAGMA cache_size = -%d", IMPORT_CACHE_KIB);
  sqlite3_exec (store->db, sql, NULL, NULL, NULL);
  return previous;
}

static void
restore_cache (PdStore *store,
               gint64   previous)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA cache_size = %" G_GINT64_FORMAT, previous);

  sqlite3_exec (store->db, sql, NULL, NULL, NULL);
}

/* How often the import reports progress (and may be stopped). */
#define PROGRESS_ROWS 256

static guint
count_lines (GBytes *csv)
{
  gsize size;
  const char *data = g_bytes_get_data (csv, &size);
  const char *end = data + size;
  guint n = 0;

  for (const char *p = data; p != NULL && p < end; p++)
    {
      p = memchr (p, '\n', end - p);
      if (p == NULL)
        break;
      n++;
    }
  return n + 1;
}

static gboolean
row_is_blank (char **fields)
{
  for (guint i = 0; fields[i] != NULL; i++)
    {
      for (const char *p = fields[i]; *p != '\0'; p++)
        if (!g_ascii_isspace (*p))
          return FALSE;
    }

  return TRUE;
}

/* Does pd_project_import_csv(); @progress (nullable), called in the
 * calling thread every few hundred rows, may stop the import by
 * returning %FALSE (then nothing is written, and @error is
 * G_IO_ERROR_CANCELLED). */
gboolean
_pd_project_import_csv_full (PdStore               *store,
                             GBytes                *csv,
                             PdProjectImportFlags   flags,
                             PdImportProgressFunc   progress,
                             gpointer               progress_data,
                             PdImportReport       **out_report,
                             GError               **error)
{
  g_autoptr(PdCsvReader) reader = NULL;
  g_autoptr(PdImportReport) report = NULL;
  g_autoptr(GPtrArray) created = NULL;
  g_autoptr(GPtrArray) updated = NULL;
  g_autoptr(GHashTable) seen_ids = NULL;
  g_auto(GStrv) header = NULL;
  g_autoptr(GError) local_error = NULL;
  guint n_rows = 0, n_created = 0, n_updated = 0, n_unchanged = 0, n_bad = 0;
  guint n_lines = progress != NULL ? count_lines (csv) : 0;
  gint64 cache_size;
  gboolean saved;
  Import import = { 0 };
  char **fields;
  guint line;

  g_return_val_if_fail (PD_IS_STORE (store), FALSE);
  g_return_val_if_fail (csv != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (out_report != NULL)
    *out_report = NULL;

  reader = pd_csv_reader_new (csv, error);
  if (reader == NULL)
    return FALSE;

  if (!pd_csv_reader_next (reader, &header, NULL, &local_error))
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, PD_IMPORT_ERROR, PD_IMPORT_ERROR_EMPTY, _("The file is empty."));
      return FALSE;
    }

  report = pd_import_report_new ();
  seen_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  import.store = store;
  import.report = report;
  import.header = header;
  import.seen_ids = seen_ids;
  if (!map_header (&import, error))
    return FALSE;

  /* One transaction from the first lookup to the last write: the rows are
   * checked against the very state they are written to, and the reads
   * need no lock each. */
  cache_size = enlarge_cache (store);
  pd_store_begin_action (store, _("Import Projects"));

  created = g_ptr_array_new_with_free_func (g_object_unref);
  updated = g_ptr_array_new_with_free_func (g_object_unref);
  while (pd_csv_reader_next (reader, &fields, &line, &local_error))
    {
      g_autoptr(PdProject) project = NULL;
      gboolean existing, unchanged;

      if (row_is_blank (fields))
        {
          g_strfreev (fields);
          continue;
        }

      n_rows++;
      /* Reading is about half the work; saving (see below) the rest. */
      if (progress != NULL && n_rows % PROGRESS_ROWS == 0 &&
          !progress (0.5 * MIN (1.0, (double) line / MAX (n_lines, 1)), progress_data))
        {
          g_strfreev (fields);
          g_set_error_literal (&local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The import was cancelled."));
          break;
        }
      import.row = pd_csv_reader_get_row (reader);
      import.line = line;
      project = import_row (&import, fields, &existing, &unchanged);
      g_strfreev (fields);

      if (project != NULL)
        {
          g_ptr_array_add (existing ? updated : created, g_steal_pointer (&project));
          if (existing)
            n_updated++;
          else
            n_created++;
        }
      else if (unchanged)
        n_unchanged++;
      else
        n_bad++;
    }

  /* A malformed file (say, an unclosed quote) stops everything: where the
   * rows after it begin is anybody's guess. */
  if (local_error != NULL)
    {
      pd_store_end_action (store, FALSE, NULL);
      restore_cache (store, cache_size);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (n_bad > 0 && !(flags & PD_PROJECT_IMPORT_SKIP_BAD_ROWS))
    {
      pd_store_end_action (store, FALSE, NULL);
      restore_cache (store, cache_size);
      _pd_import_report_set_counts (report, n_rows, 0, 0, 0, 0);
      g_set_error (error, PD_IMPORT_ERROR, PD_IMPORT_ERROR_INVALID_ROWS,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%u row has problems, so nothing was imported. Correct the file, or choose to skip the rows with problems.",
                                "%u rows have problems, so nothing was imported. Correct the file, or choose to skip the rows with problems.",
                                n_bad),
                   n_bad);
      if (out_report != NULL)
        *out_report = g_steal_pointer (&report);
      return FALSE;
    }

  if (flags & PD_PROJECT_IMPORT_DRY_RUN)
    {
      pd_store_end_action (store, FALSE, NULL);
      saved = TRUE;
    }
  else
    {
      /* New rows were validated above and checked absent in this very
       * transaction: they take the store's bulk path. */
      gboolean written;

      store->bulk_progress = progress;
      store->bulk_progress_data = progress_data;
      written = (created->len == 0 || _pd_store_save_new (store, created, error)) &&
                (updated->len == 0 || pd_store_save_all (store, updated, NULL, error));
      store->bulk_progress = NULL;
      store->bulk_progress_data = NULL;

      /* After a failed save, ending the action rolls everything back. */
      saved = pd_store_end_action (store, written, written ? error : NULL) && written;
    }

  restore_cache (store, cache_size);
  if (!saved)
    {
      _pd_import_report_set_counts (report, n_rows, 0, 0, 0, 0);
      if (out_report != NULL)
        *out_report = g_steal_pointer (&report);
      return FALSE;
    }

  _pd_import_report_set_counts (report, n_rows, n_created, n_updated, n_unchanged, n_bad);
  if (out_report != NULL)
    *out_report = g_steal_pointer (&report);
  return TRUE;
}

/**
 * pd_project_import_csv:
 * @store: the workspace
 * @csv: the file's bytes
 * @flags: whether to skip bad rows, or only check
 * @out_report: (out) (optional) (transfer full): what was imported and
 *   every problem by line and column; set whenever the header was read
 * @error: return location for a #PD_CSV_ERROR (malformed file), a
 *   #PD_IMPORT_ERROR (bad header, or bad rows without
 *   %PD_PROJECT_IMPORT_SKIP_BAD_ROWS) or a #PD_STORE_ERROR
 *
 * Imports the projects of @csv in one transaction and one undo step:
 * either every accepted row is saved, or nothing is. Blocks until done;
 * see pd_project_import_csv_async() for large files in a window.
 *
 * Returns: %TRUE if the projects were imported (or, for a dry run, could be)
 */
gboolean
pd_project_import_csv (PdStore               *store,
                       GBytes                *csv,
                       PdProjectImportFlags   flags,
                       PdImportReport       **out_report,
                       GError               **error)
{
  g_return_val_if_fail (PD_IS_STORE (store), FALSE);
  g_return_val_if_fail (csv != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return _pd_project_import_csv_full (store, csv, flags, NULL, NULL, out_report, error);
}
