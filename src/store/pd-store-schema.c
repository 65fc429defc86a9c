/* pd-store-schema.c: the schema and its migrations
 *
 * Each entry of migrations[] takes the database from version i to i + 1
 * inside one transaction, together with PRAGMA user_version, so a crash
 * leaves either the old or the new schema. Never edit a released step:
 * add a new one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-store"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pd-store-private.h"

static const char schema_v1[] =
  /* The content of records, in typed tables. */
  "CREATE TABLE campaigns ("
  "  id TEXT PRIMARY KEY NOT NULL,"
  "  name TEXT NOT NULL,"
  "  slug TEXT NOT NULL,"
  "  status TEXT NOT NULL,"
  "  starts_at TEXT,"
  "  ends_at TEXT,"
  "  time_zone TEXT NOT NULL,"
  "  currency TEXT NOT NULL,"
  "  coin_value_micros INTEGER NOT NULL,"
  "  voucher_budget_coins INTEGER NOT NULL,"
  "  funding_type TEXT NOT NULL,"
  "  theme_id TEXT,"
  "  default_language TEXT NOT NULL);"
  "CREATE TABLE campaign_texts ("
  "  campaign_id TEXT NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,"
  "  language TEXT NOT NULL,"
  "  title TEXT NOT NULL,"
  "  intro TEXT NOT NULL,"
  "  thank_you TEXT NOT NULL,"
  "  faq_json TEXT NOT NULL DEFAULT '[]',"
  "  PRIMARY KEY (campaign_id, language));"
  "CREATE TABLE campaign_projects ("
  "  campaign_id TEXT NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  project_id TEXT NOT NULL,"
  "  target_coins INTEGER NOT NULL,"
  "  PRIMARY KEY (campaign_id, position),"
  "  UNIQUE (campaign_id, project_id));"
  "CREATE INDEX campaign_projects_by_project ON campaign_projects (project_id);"
  "CREATE TABLE page_blocks ("
  "  id TEXT PRIMARY KEY NOT NULL,"
  "  campaign_id TEXT NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  type TEXT NOT NULL,"
  "  properties_json TEXT NOT NULL DEFAULT '{}');"
  "CREATE INDEX page_blocks_by_campaign ON page_blocks (campaign_id, position);"
  "CREATE TABLE projects ("
  "  id TEXT PRIMARY KEY NOT NULL,"
  "  title TEXT NOT NULL,"
  "  organisation TEXT NOT NULL,"
  "  description TEXT NOT NULL,"
  "  category TEXT NOT NULL,"
  "  location TEXT NOT NULL,"
  "  website TEXT,"
  "  image_sha256 TEXT,"
  "  default_target_coins INTEGER NOT NULL,"
  "  source TEXT NOT NULL);"
  "CREATE INDEX projects_by_category ON projects (category);"
  "CREATE TABLE themes ("
  "  id TEXT PRIMARY KEY NOT NULL,"
  "  name TEXT NOT NULL,"
  "  primary_color TEXT NOT NULL,"
  "  accent_color TEXT NOT NULL,"
  "  background_color TEXT NOT NULL,"
  "  text_color TEXT NOT NULL,"
  "  logo_sha256 TEXT,"
  "  hero_sha256 TEXT,"
  "  font_family TEXT NOT NULL,"
  "  corner_radius INTEGER NOT NULL);"
  /* No foreign key to campaigns: a pull may bring a batch before its
   * campaign, and a batch outlives a local campaign delete until synced. */
  "CREATE TABLE voucher_batches ("
  "  id TEXT PRIMARY KEY NOT NULL,"
  "  campaign_id TEXT NOT NULL,"
  "  label TEXT NOT NULL,"
  "  count INTEGER NOT NULL,"
  "  coins_per_voucher INTEGER NOT NULL,"
  "  expires_at TEXT);"
  "CREATE INDEX voucher_batches_by_campaign ON voucher_batches (campaign_id);"
  "CREATE TABLE voucher_codes ("
  "  code TEXT NOT NULL UNIQUE,"
  "  batch_id TEXT NOT NULL REFERENCES voucher_batches (id) ON DELETE CASCADE,"
  "  status TEXT NOT NULL DEFAULT 'issued',"
  "  redeemed_at TEXT,"
  "  uploaded INTEGER NOT NULL DEFAULT 0);"
  "CREATE INDEX voucher_codes_by_batch ON voucher_codes (batch_id);"
  "CREATE TABLE assets ("
  "  sha256 TEXT PRIMARY KEY NOT NULL,"
  "  mime_type TEXT NOT NULL,"
  "  size INTEGER NOT NULL,"
  "  created_at INTEGER NOT NULL);"
  /* Sync bookkeeping (SYNC.md): per record, the last copy the server
   * confirmed (base), its revision, where it stands, and a counter of
   * local edits; conflict_json is the server side of a conflict. */
  "CREATE TABLE sync_records ("
  "  kind TEXT NOT NULL,"
  "  id TEXT NOT NULL,"
  "  revision INTEGER NOT NULL DEFAULT 0,"
  "  updated_at TEXT,"
  "  base_json TEXT,"
  "  state TEXT NOT NULL,"
  "  local_seq INTEGER NOT NULL DEFAULT 0,"
  "  conflict_json TEXT,"
  "  conflict_fields TEXT,"
  "  PRIMARY KEY (kind, id)) WITHOUT ROWID;"
  "CREATE TABLE outbox ("
  "  op_id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  kind TEXT NOT NULL,"
  "  record_id TEXT NOT NULL,"
  "  verb TEXT NOT NULL,"
  "  idempotency_key TEXT NOT NULL UNIQUE,"
  "  if_match INTEGER NOT NULL DEFAULT 0,"
  "  payload TEXT,"
  "  local_seq INTEGER NOT NULL,"
  "  status TEXT NOT NULL,"
  "  attempts INTEGER NOT NULL DEFAULT 0,"
  "  next_at INTEGER NOT NULL DEFAULT 0,"
  "  last_error TEXT);"
  "CREATE INDEX outbox_by_record ON outbox (kind, record_id);"
  "CREATE TABLE sync_state ("
  "  scope TEXT PRIMARY KEY NOT NULL,"
  "  cursor TEXT,"
  "  backoff_until INTEGER NOT NULL DEFAULT 0);";

/* Version 2: searching 100,000 projects ignoring case and accents, and
 * sorting them by title, without computing either per row and query. */
static const char schema_v2[] =
  "ALTER TABLE projects ADD COLUMN search_text TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE projects ADD COLUMN sort_key TEXT NOT NULL DEFAULT '';"
  "UPDATE projects SET"
  "  search_text = pd_normalise (title || ' ' || organisation || ' ' || location),"
  "  sort_key = pd_normalise (title);"
  "CREATE INDEX projects_by_sort_key ON projects (sort_key);";

/* Version 3: a full resync (410 cursor-expired, or a server restored to an
 * older state) remembers which records the server still sent, so that
 * afterwards those it no longer has can be told apart. It spans many pages
 * and may outlive a crash, hence a table rather than memory. */
static const char schema_v3[] =
  "ALTER TABLE sync_state ADD COLUMN resyncing INTEGER NOT NULL DEFAULT 0;"
  "CREATE TABLE resync_seen ("
  "  scope TEXT NOT NULL,"
  "  kind TEXT NOT NULL,"
  "  id TEXT NOT NULL,"
  "  PRIMARY KEY (scope, kind, id)) WITHOUT ROWID;";

/* Version 4: voucher codes go to the platform in chunks (issue 7). An
 * upload op stands for the codes at positions chunk_first to
 * chunk_first + chunk_count - 1 of its batch (in insertion order), never
 * one row per code, so a million codes cost 200 outbox rows. Codes issued
 * before this version were never uploaded: their chunks are queued now,
 * after the ops already waiting (so after their batch's create). */
static const char schema_v4[] =
  "ALTER TABLE outbox ADD COLUMN chunk INTEGER;"
  "ALTER TABLE outbox ADD COLUMN chunk_first INTEGER;"
  "ALTER TABLE outbox ADD COLUMN chunk_count INTEGER;"
  /* Redeemed and expired codes per batch, counted without reading the
   * issued ones; partial, so issuing a million codes adds no entries. */
  "CREATE INDEX voucher_codes_settled ON voucher_codes (batch_id, status) WHERE status != 'issued';"
  "WITH RECURSIVE sizes (batch_id, n) AS"
  "  (SELECT batch_id, count(*) FROM voucher_codes GROUP BY batch_id),"
  " chunks (batch_id, n, k) AS"
  "  (SELECT batch_id, n, 0 FROM sizes"
  "   UNION ALL SELECT batch_id, n, k + 1 FROM chunks WHERE (k + 1) * 5000 < n)"
  " INSERT INTO outbox (kind, record_id, verb, idempotency_key, local_seq, status,"
  "                     chunk, chunk_first, chunk_count)"
  " SELECT 'voucher-codes', batch_id, 'upload', 'voucher-codes-' || batch_id || '-' || (k * 5000),"
  "  0, 'pending', k, k * 5000, min (5000, n - k * 5000) FROM chunks ORDER BY batch_id, k;";
/* Version 5: the project library (PdProjectListModel) searches 100,000
 * projects by scanning this index instead of the whole table (a seventh of
 * the pages), already in title order. It starts with sort_key, so the
 * plain sort_key index is no longer needed. Independent of the others. */
static const char schema_v5[] =
  "DROP INDEX IF EXISTS projects_by_sort_key;"
  "CREATE INDEX projects_by_sort_key_search ON projects (sort_key, category, search_text);";

static const char * const migrations[] = {
  schema_v1,
  schema_v2,
  schema_v3,
  schema_v4,
  schema_v5,
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == PD_STORE_SCHEMA_VERSION);

guint
_pd_store_n_migrations (void)
{
  return G_N_ELEMENTS (migrations);
}

gboolean
_pd_store_exec (sqlite3     *db,
                const char  *sql,
                GError     **error)
{
  char *message = NULL;

  /* Only for fixed schema SQL without parameters; data always goes
   * through prepared statements. */
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error (error, PD_STORE_ERROR, PD_STORE_ERROR_FAILED,
                   _("The workspace database could not be changed: %s"),
                   message != NULL ? message : sqlite3_errmsg (db));
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

int
_pd_store_get_version (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  int version = -1;

  if (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  return version;
}

gboolean
_pd_store_migrate (sqlite3  *db,
                   guint     target_version,
                   GError  **error)
{
  int version = _pd_store_get_version (db);

  g_return_val_if_fail (target_version <= G_N_ELEMENTS (migrations), FALSE);

  if (version < 0)
    {
      g_set_error (error, PD_STORE_ERROR, PD_STORE_ERROR_FAILED,
                   _("The workspace database could not be read: %s"), sqlite3_errmsg (db));
      return FALSE;
    }
  if ((guint) version > G_N_ELEMENTS (migrations))
    {
      g_set_error (error, PD_STORE_ERROR, PD_STORE_ERROR_TOO_NEW,
                   _("This workspace was saved by a newer version of Particulate Designer."));
      return FALSE;
    }

  for (guint v = version; v < target_version; v++)
    {
      /* user_version cannot be bound; it is our own integer. */
      g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %u;", v + 1);

      if (!_pd_store_exec (db, "BEGIN IMMEDIATE;", error))
        return FALSE;
      if (!_pd_store_exec (db, migrations[v], error) ||
          !_pd_store_exec (db, set_version, error) ||
          !_pd_store_exec (db, "COMMIT;", error))
        {
          sqlite3_exec (db, "ROLLBACK;", NULL, NULL, NULL);
          return FALSE;
        }
      g_debug ("Migrated %s to schema version %u", sqlite3_db_filename (db, "main"), v + 1);
    }

  return TRUE;
}

/* One character the slow, exact way: NFKD, case fold, marks dropped.
 * Both steps map character by character (the canonical reordering NFKD
 * also does only moves marks, which are dropped), so folding a text
 * character by character gives the same result as folding it whole. */
static void
normalise_char_slow (GString    *result,
                     const char *chr,
                     gssize      length)
{
  g_autofree char *decomposed = g_utf8_normalize (chr, length, G_NORMALIZE_NFKD);
  g_autofree char *folded = decomposed != NULL ? g_utf8_casefold (decomposed, -1) : NULL;

  for (const char *p = folded; p != NULL && *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_ismark (c))
        continue;
      if (c == 0x00DF) /* ß survives casefold as "ss" already; keep safe */
        g_string_append (result, "ss");
      else
        g_string_append_unichar (result, c);
    }
}

/* Latin letters (U+0080 to U+024F) cover German and Dutch text; their
 * folded forms are worked out once, the exact way, and looked up after. */
#define LATIN_END 0x0250
static char *latin_folded[LATIN_END - 0x80];

static gpointer
init_latin_folded (gpointer data)
{
  for (gunichar c = 0x80; c < LATIN_END; c++)
    {
      GString *result = g_string_new (NULL);
      char chr[6];
      int length = g_unichar_to_utf8 (c, chr);

      normalise_char_slow (result, chr, length);
      latin_folded[c - 0x80] = g_string_free (result, FALSE);
    }
  return NULL;
}

/* Lower case without accents, so "Müller" and "MULLER" both match
 * "muller"; applied to stored text and to queries alike. It runs for
 * every saved project, so plain ASCII and Latin letters take a fast path. */
char *
_pd_store_normalise (const char *text)
{
  static GOnce once = G_ONCE_INIT;
  const char *p;
  GString *result;
  gboolean ascii = TRUE;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return g_strdup ("");

  /* Most text is plain ASCII: lower case is all it needs. */
  for (p = text; *p && ascii; p++)
    ascii = ((guchar) *p) < 0x80;
  if (ascii)
    return g_ascii_strdown (text, -1);

  g_once (&once, init_latin_folded, NULL);
  result = g_string_sized_new (strlen (text));
  for (p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c;

      if (((guchar) *p) < 0x80)
        {
          g_string_append_c (result, g_ascii_tolower (*p));
          continue;
        }
      c = g_utf8_get_char (p);
      if (c < LATIN_END)
        g_string_append (result, latin_folded[c - 0x80]);
      else
        normalise_char_slow (result, p, g_utf8_next_char (p) - p);
    }
  return g_string_free (result, FALSE);
}

static void
normalise_func (sqlite3_context *context,
                int              argc,
                sqlite3_value  **argv)
{
  g_autofree char *normalised = _pd_store_normalise ((const char *) sqlite3_value_text (argv[0]));

  sqlite3_result_text (context, normalised, -1, SQLITE_TRANSIENT);
}

void
_pd_store_register_functions (sqlite3 *db)
{
  sqlite3_create_function (db, "pd_normalise", 1,
                           SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                           NULL, normalise_func, NULL, NULL);
  _pd_store_register_sync_functions (db);
}
