/* bench-sync.c: first sync of a large tenant, and a push of many edits
 *
 * Prints each as a ratio to the floor measured in the same run: curl
 * moving the same HTTP requests over one keep-alive connection, plus the
 * sqlite3 shell importing the same rows into tables of the store's shape
 * (see sqlite_floor()). Target: within 2x of the floor. Also printed as
 * BENCH lines for build-aux/bench, with the first sync's ratio to a bare
 * floor (one table of kind, id and JSON) for information.
 *
 * Sizes: PD_BENCH_PROJECTS (50000), PD_BENCH_CAMPAIGNS (1000),
 * PD_BENCH_EDITS (10000).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "pd-json.h"
#include "pd-project.h"
#include "pd-sync-test-utils.h"
#include "pd-test-utils.h"

static PdTestPlatform *platform;
static char *token;
static char *workdir;

typedef struct {
  PdApiClient *client;
  GPtrArray   *ids;
  guint        next;
  guint        in_flight;
  guint        done;
  const char  *kind;
} Seeder;

static JsonObject *
project_fields (guint n)
{
  JsonObject *object = json_object_new ();
  g_autofree char *title = g_strdup_printf ("Projekt %u", n);

  json_object_set_string_member (object, "title", title);
  json_object_set_string_member (object, "organisation", "Verein für Beispiele e.V.");
  json_object_set_string_member (object, "description", "Ein Projekt, das gefördert werden möchte, mit einer Beschreibung von ein paar Sätzen Länge.");
  json_object_set_string_member (object, "category", n % 2 ? "Umwelt" : "Bildung");
  json_object_set_string_member (object, "location", "Köln");
  json_object_set_int_member (object, "default_target_coins", 10000 + n);
  json_object_set_string_member (object, "source", "client");
  return object;
}

static JsonObject *
campaign_fields (guint n)
{
  g_autoptr(PdCampaign) campaign = pd_test_campaign_new ("Kampagne");
  g_autoptr(JsonNode) node = pd_record_content_to_json (PD_RECORD (campaign));
  JsonObject *object = json_object_ref (json_node_get_object (node));
  g_autofree char *name = g_strdup_printf ("Kampagne %u", n);

  json_object_set_string_member (object, "name", name);
  json_object_remove_member (object, "id");
  return object;
}

static void seed_next (Seeder *seeder);

static void
on_seeded_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Seeder *seeder = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PdApiRecord) record = pd_api_client_record_finish (seeder->client, result, &error);

  g_assert_no_error (error);
  seeder->in_flight--;
  seeder->done++;
  seed_next (seeder);
}

static void
seed_next (Seeder *seeder)
{
  while (seeder->in_flight < 8 && seeder->next < seeder->ids->len)
    {
      guint n = seeder->next++;
      g_autoptr(JsonObject) fields = g_str_equal (seeder->kind, "project") ? project_fields (n) : campaign_fields (n);

      seeder->in_flight++;
      pd_api_client_create_record_async (seeder->client, seeder->kind, g_ptr_array_index (seeder->ids, n),
                                         fields, NULL, NULL, on_seeded_cb, seeder);
    }
}

static GPtrArray *
seed (PdApiClient *client,
      const char  *kind,
      guint        count)
{
  Seeder seeder = { client, g_ptr_array_new_with_free_func (g_free), 0, 0, 0, kind };

  for (guint i = 0; i < count; i++)
    g_ptr_array_add (seeder.ids, g_uuid_string_random ());
  seed_next (&seeder);
  while (seeder.done < count)
    g_main_context_iteration (NULL, TRUE);
  return seeder.ids;
}

static double
run_command (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  int status = 0;
  gint64 start = g_get_monotonic_time ();

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                               NULL, NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return (g_get_monotonic_time () - start) / 1e6;
}

/* Quotes @text as one CSV field. */
static void
append_csv_field (GString    *csv,
                  const char *text)
{
  if (text == NULL)
    return;
  g_string_append_c (csv, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (csv, '"');
      g_string_append_c (csv, *p);
    }
  g_string_append_c (csv, '"');
}

static void
append_csv_member (GString    *csv,
                   JsonObject *record,
                   const char *name)
{
  JsonNode *node = record != NULL ? json_object_get_member (record, name) : NULL;

  g_string_append_c (csv, ',');
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    append_csv_field (csv, json_node_get_string (node));
  else
    g_string_append_printf (csv, "%" G_GINT64_FORMAT, json_node_get_int (node));
}

/* Runs the sqlite3 shell on @db with @script, timed. */
static double
run_shell_script (const char *db,
                  const char *name,
                  const char *sql)
{
  g_autofree char *script = g_build_filename (workdir, name, NULL);
  g_autofree char *read = g_strdup_printf (".read %s", script);
  const char *argv[] = { "sqlite3", "-batch", db, read, NULL };

  g_assert_true (g_file_set_contents (script, sql, -1, NULL));
  return run_command (argv);
}

/* The shell imports the same rows into tables of the same shape as the
 * store's, so that the floor pays for what any copy of this data pays
 * for: the projects with their columns, normalised search and sort keys
 * and indexes (as in bench-store), and per record a sync_records row with
 * its revision and the copy of the record that a later three-way merge
 * needs as its base. Campaigns go whole into a table of their own, as
 * their texts, lists and blocks have no CSV shape. It does not do what
 * only the store does: validation, the live objects, the cursor.
 * @rows holds each record as JSON, @keys "kind,id,revision".
 *
 * Also times the bare import (one table of kind, id and JSON), printed for
 * comparison with earlier runs. */
static double
sqlite_floor (GPtrArray  *rows,
              GPtrArray  *keys,
              const char *name,
              double     *bare)
{
  g_autofree char *csv = g_build_filename (workdir, name, NULL);
  g_autofree char *db = g_strconcat (csv, ".sqlite", NULL);
  g_autofree char *bare_db = g_strconcat (csv, ".bare.sqlite", NULL);
  g_autofree char *setup = NULL;
  g_autofree char *import = NULL;
  g_autofree char *bare_import = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < rows->len; i++)
    {
      const char *json = g_ptr_array_index (rows, i);
      g_autoptr(JsonNode) node = json_from_string (json, NULL);
      JsonObject *record = json_node_get_object (node);
      gboolean is_project = g_str_has_prefix (g_ptr_array_index (keys, i), "project,");

      g_string_append (text, g_ptr_array_index (keys, i));
      for (guint f = 0; f < 9; f++)
        {
          static const char * const columns[] = { "title", "organisation", "description", "category",
                                                  "location", "website", "image_sha256",
                                                  "default_target_coins", "source" };

          append_csv_member (text, is_project ? record : NULL, columns[f]);
        }
      g_string_append_c (text, ',');
      append_csv_field (text, json);
      g_string_append_c (text, '\n');
    }
  g_assert_true (g_file_set_contents (csv, text->str, text->len, NULL));

  for (guint i = 0; i < 2; i++)
    {
      const char *path = i == 0 ? db : bare_db;
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (path, "-shm", NULL);

      g_unlink (path);
      g_unlink (wal);
      g_unlink (shm);
    }

  setup = g_strdup_printf (
    "PRAGMA journal_mode=WAL;\n"
    "CREATE TABLE projects (id TEXT PRIMARY KEY NOT NULL, title TEXT NOT NULL,"
    " organisation TEXT NOT NULL, description TEXT NOT NULL, category TEXT NOT NULL,"
    " location TEXT NOT NULL, website TEXT, image_sha256 TEXT,"
    " default_target_coins INTEGER NOT NULL, source TEXT NOT NULL,"
    " search_text TEXT NOT NULL DEFAULT '', sort_key TEXT NOT NULL DEFAULT '');\n"
    "CREATE INDEX projects_by_category ON projects (category);\n"
    "CREATE INDEX projects_by_sort_key_search ON projects (sort_key, category, search_text);\n"
    "CREATE TABLE campaigns (id TEXT PRIMARY KEY NOT NULL, json TEXT NOT NULL);\n"
    "CREATE TABLE sync_records (kind TEXT NOT NULL, id TEXT NOT NULL, revision INTEGER NOT NULL DEFAULT 0,"
    " updated_at TEXT, base_json TEXT, state TEXT NOT NULL, local_seq INTEGER NOT NULL DEFAULT 0,"
    " conflict_json TEXT, conflict_fields TEXT, PRIMARY KEY (kind, id)) WITHOUT ROWID;\n"
    "CREATE VIEW import_rows AS SELECT '' AS kind, '' AS id, 0 AS revision, title, organisation,"
    " description, category, location, website, image_sha256, default_target_coins, source,"
    " '' AS json FROM projects;\n"
    "CREATE TRIGGER import_rows_insert INSTEAD OF INSERT ON import_rows BEGIN"
    " INSERT INTO projects SELECT NEW.id, NEW.title, NEW.organisation, NEW.description, NEW.category,"
    "  NEW.location, NEW.website, NEW.image_sha256, NEW.default_target_coins, NEW.source,"
    "  lower (NEW.title || ' ' || NEW.organisation || ' ' || NEW.location), lower (NEW.title)"
    "  WHERE NEW.kind = 'project';"
    " INSERT INTO campaigns SELECT NEW.id, NEW.json WHERE NEW.kind = 'campaign';"
    " INSERT INTO sync_records (kind, id, revision, base_json, state)"
    "  VALUES (NEW.kind, NEW.id, NEW.revision, NEW.json, 'synced'); END;\n");
  run_shell_script (db, "floor-setup.sql", setup);
  /* The page cache, durability and checkpoints our store has for pulls. */
  import = g_strdup_printf ("PRAGMA cache_size = -65536;\nPRAGMA synchronous = NORMAL;\n"
                            "PRAGMA wal_autocheckpoint = 16384;\n.mode csv\n.import %s import_rows\n", csv);

  {
    g_autoptr(GString) bare_csv = g_string_new (NULL);
    g_autofree char *bare_path = g_strconcat (csv, ".bare", NULL);

    for (guint i = 0; i < rows->len; i++)
      {
        g_auto(GStrv) key = g_strsplit (g_ptr_array_index (keys, i), ",", 3);

        g_string_append_printf (bare_csv, "%s,%s,", key[0], key[1]);
        append_csv_field (bare_csv, g_ptr_array_index (rows, i));
        g_string_append_c (bare_csv, '\n');
      }
    g_assert_true (g_file_set_contents (bare_path, bare_csv->str, bare_csv->len, NULL));
    bare_import = g_strdup_printf ("PRAGMA journal_mode=WAL;\n"
                                   "CREATE TABLE r (kind TEXT, id TEXT PRIMARY KEY, json TEXT);\n"
                                   ".mode csv\n.import %s r\n", bare_path);
  }
  *bare = run_shell_script (bare_db, "floor-bare.sql", bare_import);
  return run_shell_script (db, "floor-import.sql", import);
}

/* Times curl fetching @urls (GET) or sending @bodies (PATCH with If-Match)
 * over one connection, as the engine does. */
static double
curl_floor (GPtrArray  *urls,
            GPtrArray  *methods_headers,
            const char *name)
{
  g_autofree char *config = g_build_filename (workdir, name, NULL);
  g_autoptr(GString) text = g_string_new (NULL);
  const char *argv[] = { "curl", "-s", "--compressed", "-K", config, NULL };

  for (guint i = 0; i < urls->len; i++)
    {
      if (i > 0)
        g_string_append (text, "next\n");
      g_string_append_printf (text, "url = \"%s\"\noutput = \"/dev/null\"\nheader = \"Authorization: Bearer %s\"\n",
                              (char *) g_ptr_array_index (urls, i), token);
      if (methods_headers != NULL)
        g_string_append (text, g_ptr_array_index (methods_headers, i));
    }
  g_assert_true (g_file_set_contents (config, text->str, text->len, NULL));
  return run_command (argv);
}

/* The longest time the main loop went without running this, every
 * millisecond: how long a window would freeze. */
typedef struct {
  gint64 last;
  gint64 longest;
} Heartbeat;

static gboolean
heartbeat_cb (gpointer data)
{
  Heartbeat *beat = data;
  gint64 now = g_get_monotonic_time ();

  if (beat->last > 0)
    beat->longest = MAX (beat->longest, now - beat->last);
  beat->last = now;
  return G_SOURCE_CONTINUE;
}

static gboolean
engine_idle (gpointer data)
{
  return !pd_sync_engine_get_busy (PD_SYNC_ENGINE (data));
}

int
main (int   argc,
      char *argv[])
{
  guint n_projects = g_getenv ("PD_BENCH_PROJECTS") ? atoi (g_getenv ("PD_BENCH_PROJECTS")) : 50000;
  guint n_campaigns = g_getenv ("PD_BENCH_CAMPAIGNS") ? atoi (g_getenv ("PD_BENCH_CAMPAIGNS")) : 1000;
  guint n_edits = g_getenv ("PD_BENCH_EDITS") ? atoi (g_getenv ("PD_BENCH_EDITS")) : 10000;
  g_autofree char *api_token = NULL;
  g_autoptr(PdApiClient) client = NULL;
  g_autoptr(GPtrArray) projects = NULL;
  g_autoptr(GPtrArray) campaigns = NULL;
  g_autoptr(GPtrArray) page_urls = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(PdAccount) account = NULL;
  g_autoptr(PdSyncEngine) engine = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *cursor = NULL;
  PdStore *store;
  Heartbeat beat = { 0, 0 };
  double t_pull, t_push, f_pull_http, f_pull_db, f_push_http, f_push_db, f_pull_bare, f_push_bare;
  gint64 start;

  g_test_init (&argc, &argv, NULL);

  workdir = pd_test_make_private_dir ();
  platform = pd_test_platform_start (NULL);
  api_token = pd_test_platform_add_tenant (platform, "Bench", "bench@example.com", "password", NULL);
  token = pd_test_platform_sign_in (platform, api_token);
  client = pd_api_client_new (platform->url, &error);
  pd_api_client_set_token (client, token);

  g_print ("Seeding %u projects and %u campaigns…\n", n_projects, n_campaigns);
  projects = seed (client, "project", n_projects);
  campaigns = seed (client, "campaign", n_campaigns);

  /* The first sync, timed. */
  dir = g_build_filename (workdir, "account", NULL);
  account = pd_test_account_new (dir, platform->url, token);
  engine = pd_sync_engine_new (account, &error);
  g_assert_no_error (error);
  store = pd_account_open_store (account, NULL);
  pd_sync_engine_set_auto_sync (engine, FALSE);
  start = g_get_monotonic_time ();
  {
    g_autoptr(GError) sync_error = NULL;
    guint beat_id = g_timeout_add (1, heartbeat_cb, &beat);

    sync_error = pd_test_sync (engine);
    g_source_remove (beat_id);
    g_assert_no_error (sync_error);
  }
  t_pull = (g_get_monotonic_time () - start) / 1e6;
  g_assert_cmpuint (pd_store_count_projects (store), ==, n_projects);

  /* The floor: the same pages with curl, the same rows with sqlite3. */
  for (;;)
    {
      g_autoptr(GString) path = g_string_new ("/v1/changes?limit=1000");
      g_autoptr(JsonNode) node = NULL;
      JsonObject *page;
      JsonArray *changes;

      if (cursor != NULL)
        {
          g_autofree char *escaped = g_uri_escape_string (cursor, NULL, FALSE);

          g_string_append_printf (path, "&since=%s", escaped);
        }
      g_ptr_array_add (page_urls, g_strconcat (platform->url, path->str, NULL));
      node = pd_test_platform_request (platform, "GET", path->str, token, NULL, NULL);
      page = json_node_get_object (node);
      changes = json_object_get_array_member (page, "changes");
      for (guint i = 0; i < json_array_get_length (changes); i++)
        {
          JsonObject *change = json_array_get_object_element (changes, i);
          JsonNode *record = json_object_get_member (change, "record");

          if (record != NULL && JSON_NODE_HOLDS_OBJECT (record))
            {
              g_ptr_array_add (rows, pd_json_to_string (record));
              g_ptr_array_add (keys, g_strdup_printf ("%s,%s,%" G_GINT64_FORMAT,
                                                      json_object_get_string_member (change, "kind"),
                                                      json_object_get_string_member (change, "id"),
                                                      json_object_get_int_member (change, "revision")));
            }
        }
      g_free (cursor);
      cursor = g_strdup (json_object_get_string_member (page, "next_cursor"));
      if (!json_object_get_boolean_member (page, "has_more") || json_array_get_length (changes) == 0)
        break;
    }
  f_pull_http = curl_floor (page_urls, NULL, "pages.curl");
  f_pull_db = sqlite_floor (rows, keys, "pull.csv", &f_pull_bare);

  /* A push of many edits, timed. */
  n_edits = MIN (n_edits, n_projects);
  pd_store_begin_action (store, NULL);
  for (guint i = 0; i < n_edits; i++)
    {
      g_autoptr(PdProject) project = pd_store_get_project (store, g_ptr_array_index (projects, i));
      g_autofree char *title = g_strdup_printf ("Projekt %u, überarbeitet", i);

      pd_project_set_title (project, title);
      pd_store_save (store, PD_RECORD (project), NULL, &error);
      g_assert_no_error (error);
    }
  g_assert_true (pd_store_end_action (store, TRUE, &error));
  start = g_get_monotonic_time ();
  {
    g_autoptr(GError) sync_error = pd_test_sync (engine);

    g_assert_no_error (sync_error);
  }
  t_push = (g_get_monotonic_time () - start) / 1e6;
  g_assert_true (pd_test_wait_for (engine_idle, engine, 1000));
  g_assert_cmpuint (pd_store_count_outbox (store), ==, 0);

  /* The floor: the same PATCHes with curl, the same rows with sqlite3. */
  {
    g_autoptr(GPtrArray) urls = g_ptr_array_new_with_free_func (g_free);
    g_autoptr(GPtrArray) extra = g_ptr_array_new_with_free_func (g_free);
    g_autoptr(GPtrArray) edit_rows = g_ptr_array_new_with_free_func (g_free);
    g_autoptr(GPtrArray) edit_keys = g_ptr_array_new_with_free_func (g_free);

    for (guint i = 0; i < n_edits; i++)
      {
        const char *id = g_ptr_array_index (projects, i);
        g_autoptr(PdProject) project = pd_store_get_project (store, id);
        g_autofree char *body = g_strdup_printf ("{\\\"title\\\":\\\"Projekt %u, noch einmal\\\"}", i);

        g_ptr_array_add (urls, g_strdup_printf ("%s/v1/projects/%s", platform->url, id));
        g_ptr_array_add (extra, g_strdup_printf ("request = \"PATCH\"\nheader = \"Content-Type: application/json\"\n"
                                                 "header = \"If-Match: \\\"%" G_GINT64_FORMAT "\\\"\"\n"
                                                 "header = \"Idempotency-Key: bench-%u\"\ndata = \"%s\"\n",
                                                 pd_record_get_revision (PD_RECORD (project)), i, body));
        {
          g_autoptr(JsonNode) local = pd_store_get_local (store, "project", id);

          g_ptr_array_add (edit_rows, pd_json_to_string (local));
          g_ptr_array_add (edit_keys, g_strdup_printf ("project,%s,%" G_GINT64_FORMAT, id,
                                                       pd_record_get_revision (PD_RECORD (project))));
        }
      }
    f_push_http = curl_floor (urls, extra, "patches.curl");
    f_push_db = sqlite_floor (edit_rows, edit_keys, "push.csv", &f_push_bare);
  }

  g_print ("first sync of %u projects + %u campaigns: %.2f s; floor %.2f s (curl %.2f + sqlite3 %.2f); ratio %.2f\n",
           n_projects, n_campaigns, t_pull, f_pull_http + f_pull_db, f_pull_http, f_pull_db,
           t_pull / (f_pull_http + f_pull_db));
  g_print ("  (against a bare import into one table of kind, id and JSON: sqlite3 %.2f s, ratio %.2f)\n",
           f_pull_bare, t_pull / (f_pull_http + f_pull_bare));
  g_print ("push of %u edits: %.2f s; floor %.2f s (curl %.2f + sqlite3 %.2f); ratio %.2f\n",
           n_edits, t_push, f_push_http + f_push_db, f_push_http, f_push_db,
           t_push / (f_push_http + f_push_db));
  g_print ("  (against a bare import into one table of kind, id and JSON: sqlite3 %.2f s, ratio %.2f)\n",
           f_push_bare, t_push / (f_push_http + f_push_bare));

  /* For build-aux/bench. */
  {
    double pull_floor = f_pull_http + f_pull_db, push_floor = f_push_http + f_push_db;
    g_autofree char *pull_name = g_strdup_printf ("first sync, %u projects + %u campaigns, vs curl + sqlite3",
                                                  n_projects, n_campaigns);
    g_autofree char *push_name = g_strdup_printf ("push of %u edits, vs curl + sqlite3", n_edits);

    pd_test_bench_line (pull_name, t_pull, "s", pull_floor, "<= 2.0x", t_pull / pull_floor <= 2.0);
    pd_test_bench_line (push_name, t_push, "s", push_floor, "<= 2.0x", t_push / push_floor <= 2.0);
    /* For information: against a frame (16.7 ms); a page is written in
     * one transaction, which may take a few. */
    pd_test_bench_line ("first sync, longest main-loop stall, vs a frame", beat.longest / 1000.0, "ms", 16.7,
                        NULL, FALSE);
    pd_test_bench_line ("first sync, vs curl + a bare sqlite3 import (kind, id, JSON)", t_pull, "s",
                        f_pull_http + f_pull_bare, NULL, FALSE);
  }

  g_clear_object (&engine);
  g_clear_object (&account);
  pd_test_platform_free (platform);
  pd_test_remove_tree (workdir);
  return 0;
}
