/* test-store.c: the workspace database, its lists, search, assets and codes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <sys/stat.h>

#include "pd-json.h"
#include "pd-store-private.h"
#include "pd-test-utils.h"
#include "pd-validation.h"

typedef struct {
  char    *dir;
  char    *path;
  PdStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = pd_test_make_private_dir ();
  fixture->path = g_build_filename (fixture->dir, "account", "workspace.sqlite", NULL);
  fixture->store = pd_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->store);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  PdStore *store = fixture->store;

  g_object_add_weak_pointer (G_OBJECT (store), (gpointer *) &store);
  g_clear_object (&fixture->store);
  /* Nobody else holds the store: it must be gone. */
  g_assert_null (store);
  pd_test_remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static PdCampaign *
make_campaign (const char *name)
{
  PdCampaign *campaign = pd_campaign_new ();
  g_autoptr(PdPageBlock) hero = pd_page_block_new (PD_PAGE_BLOCK_HERO);
  g_autoptr(PdFaqEntry) faq = pd_faq_entry_new ("Was kostet das?", "Nichts.");

  pd_campaign_set_name (campaign, name);
  pd_campaign_text_set_title (pd_campaign_ensure_text (campaign, "de"), name);
  pd_campaign_text_set_title (pd_campaign_ensure_text (campaign, "nl"), "Kerst voor iedereen");
  pd_campaign_text_append_faq (pd_campaign_ensure_text (campaign, "de"), faq);
  pd_campaign_add_project (campaign, "6f1c1c5e-4b8e-4f0a-9a57-111111111111", 1000, G_MAXUINT);
  pd_campaign_add_project (campaign, "6f1c1c5e-4b8e-4f0a-9a57-222222222222", 2000, G_MAXUINT);
  pd_page_block_set_string (hero, "heading", "Hallo");
  pd_campaign_insert_page_block (campaign, hero, 0);
  return campaign;
}

static PdProject *
make_project (const char *title,
              const char *category)
{
  PdProject *project = pd_project_new ();

  pd_project_set_title (project, title);
  pd_project_set_organisation (project, "Verein");
  pd_project_set_category (project, category);
  pd_project_set_location (project, "Köln");
  pd_project_set_default_target_coins (project, 10000);
  return project;
}

static char *
pragma_text (PdStore    *store,
             const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *result = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (store->db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return result;
}

static void
test_open_private_wal (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *dir = g_path_get_dirname (fixture->path);
  g_autofree char *journal = pragma_text (fixture->store, "PRAGMA journal_mode");
  g_autofree char *fk = pragma_text (fixture->store, "PRAGMA foreign_keys");
  g_autofree char *sync = pragma_text (fixture->store, "PRAGMA synchronous");
  g_autofree char *version = pragma_text (fixture->store, "PRAGMA user_version");
  g_autoptr(PdCampaign) campaign = make_campaign ("Privat");
  g_autoptr(GError) error = NULL;
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  GStatBuf st;

  g_assert_cmpint (g_stat (fixture->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_cmpstr (journal, ==, "wal");
  g_assert_cmpstr (fk, ==, "1");
  g_assert_cmpstr (sync, ==, "2"); /* FULL */
  g_assert (version != NULL);
  g_assert_cmpint (atoi (version), ==, PD_STORE_SCHEMA_VERSION);

  g_assert_true (pd_store_save (fixture->store, PD_RECORD (campaign), NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (wal, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

static void
test_save_and_reopen (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(PdCampaign) campaign = make_campaign ("Weihnachten 2026");
  g_autofree char *id = g_strdup (pd_record_get_id (PD_RECORD (campaign)));
  g_autoptr(JsonNode) before = pd_record_content_to_json (PD_RECORD (campaign));
  g_autoptr(GError) error = NULL;
  g_autoptr(PdCampaign) again = NULL;
  g_autoptr(PdCampaign) loaded = NULL;
  g_autoptr(JsonNode) after = NULL;

  g_assert_true (pd_store_save (fixture->store, PD_RECORD (campaign), NULL, &error));
  g_assert_no_error (error);

  /* The saved instance is the live one. */
  again = pd_store_get_campaign (fixture->store, id);
  g_assert_true (again == campaign);
  g_assert_cmpint (pd_record_get_sync_state (PD_RECORD (campaign)), ==, PD_SYNC_STATE_CREATED);
  g_clear_object (&again);
  g_clear_object (&campaign);

  g_clear_object (&fixture->store);
  fixture->store = pd_store_open (fixture->path, &error);
  g_assert_no_error (error);

  loaded = pd_store_get_campaign (fixture->store, id);
  g_assert_nonnull (loaded);
  after = pd_record_content_to_json (PD_RECORD (loaded));
  g_assert_true (pd_json_equal (before, after));
  g_assert_cmpuint (g_list_model_get_n_items (pd_campaign_get_projects (loaded)), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (pd_campaign_get_texts (loaded)), ==, 2);
  g_assert_cmpint (pd_record_get_sync_state (PD_RECORD (loaded)), ==, PD_SYNC_STATE_CREATED);

  g_assert_null (pd_store_get_campaign (fixture->store, "6f1c1c5e-4b8e-4f0a-9a57-999999999999"));
}

static gint64
count_rows (PdStore    *store,
            const char *sql)
{
  g_autofree char *text = pragma_text (store, sql);

  return g_ascii_strtoll (text, NULL, 10);
}

static void
test_invalid_writes_nothing (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(PdCampaign) campaign = make_campaign ("Gültig");
  g_autoptr(PdTheme) theme = pd_theme_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);

  g_assert_true (pd_store_save (fixture->store, PD_RECORD (campaign), "Create", &error));
  g_assert_cmpint (pd_store_count_outbox (fixture->store), ==, 1);

  pd_campaign_set_coin_value_micros (campaign, 0);
  g_assert_false (pd_store_save (fixture->store, PD_RECORD (campaign), "Edit", &error));
  g_assert_error (error, PD_VALIDATION_ERROR, PD_VALIDATION_ERROR_COIN_VALUE);
  g_clear_error (&error);
  g_assert_cmpint (count_rows (fixture->store, "SELECT coin_value_micros FROM campaigns"), ==, 10000);
  g_assert_cmpint (pd_store_get_local_seq (fixture->store, "campaign", pd_record_get_id (PD_RECORD (campaign))), ==, 1);
  g_assert_cmpuint (pd_undo_stack_get_depth (pd_store_get_undo_stack (fixture->store)), ==, 1);

  /* All or nothing: one bad record in a batch writes none of them. */
  g_ptr_array_add (batch, make_project ("Eins", "Sport"));
  pd_theme_set_name (theme, "Bad");
  pd_theme_set_text_color (theme, "black");
  g_ptr_array_add (batch, g_object_ref (theme));
  g_assert_false (pd_store_save_all (fixture->store, batch, "Import", &error));
  g_assert_error (error, PD_VALIDATION_ERROR, PD_VALIDATION_ERROR_COLOR);
  g_assert_cmpint (count_rows (fixture->store, "SELECT count(*) FROM projects"), ==, 0);
  g_assert_cmpint (count_rows (fixture->store, "SELECT count(*) FROM themes"), ==, 0);
  g_assert_cmpint (pd_store_count_outbox (fixture->store), ==, 1);

  /* The refused value is still on the object until it is reverted. */
  g_assert_cmpint (pd_campaign_get_coin_value_micros (campaign), ==, 0);
  g_clear_error (&error);
  g_assert_true (pd_store_revert (fixture->store, PD_RECORD (campaign), &error));
  g_assert_no_error (error);
  g_assert_cmpint (pd_campaign_get_coin_value_micros (campaign), ==, 10000);
}

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     gpointer    user_data)
{
  int *delta = user_data;

  *delta += (int) added - (int) removed;
}

static void
test_live_lists (Fixture       *fixture,
                 gconstpointer  data)
{
  GListModel *campaigns = pd_store_get_campaigns (fixture->store);
  g_autoptr(PdCampaign) a = make_campaign ("A");
  g_autoptr(PdCampaign) b = make_campaign ("B");
  g_autoptr(PdCampaign) first = NULL;
  g_autoptr(GError) error = NULL;
  int delta = 0;

  g_assert_cmpuint (g_list_model_get_n_items (campaigns), ==, 0);
  g_signal_connect (campaigns, "items-changed", G_CALLBACK (on_items_changed_cb), &delta);

  g_assert_true (pd_store_save (fixture->store, PD_RECORD (a), NULL, &error));
  g_assert_true (pd_store_save (fixture->store, PD_RECORD (b), NULL, &error));
  g_assert_cmpint (delta, ==, 2);
  first = g_list_model_get_item (campaigns, 0);
  g_assert_true (first == a);

  /* Saving again does not add it twice. */
  pd_campaign_set_name (a, "A2");
  g_assert_true (pd_store_save (fixture->store, PD_RECORD (a), NULL, &error));
  g_assert_cmpint (delta, ==, 2);

  /* A copy saved updates the live instance in place. */
  {
    g_autoptr(PdRecord) copy = pd_record_copy (PD_RECORD (b));

    pd_campaign_set_voucher_budget_coins (PD_CAMPAIGN (copy), 42);
    g_assert_true (pd_store_save (fixture->store, copy, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpint (pd_campaign_get_voucher_budget_coins (b), ==, 42);
    g_assert_cmpint (delta, ==, 2);
  }

  g_assert_true (pd_store_delete (fixture->store, PD_RECORD (a), NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (delta, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (campaigns), ==, 1);
  /* Its relations went with it. */
  g_assert_cmpint (count_rows (fixture->store, "SELECT count(*) FROM campaign_projects"), ==, 2);
  g_assert_cmpint (count_rows (fixture->store, "SELECT count(*) FROM campaign_texts"), ==, 2);
  g_assert_cmpint (count_rows (fixture->store, "SELECT count(*) FROM page_blocks"), ==, 1);

  g_assert_false (pd_store_delete (fixture->store, PD_RECORD (a), NULL, &error));
  g_assert_error (error, PD_STORE_ERROR, PD_STORE_ERROR_NOT_FOUND);

  g_signal_handlers_disconnect_by_func (campaigns, on_items_changed_cb, &delta);
}

static void
test_search_projects (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) projects = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) found = NULL;
  g_auto(GStrv) categories = NULL;
  GListModel *all;

  for (guint i = 0; i < 2000; i++)
    {
      g_autofree char *title = g_strdup_printf ("Projekt %04u", i);
      g_ptr_array_add (projects, make_project (title, i % 2 ? "Sport" : "Umwelt"));
    }
  g_ptr_array_add (projects, make_project ("Trikots für den SV Müller-Lüdenscheidt", "Sport"));
  g_ptr_array_add (projects, make_project ("Äpfel für Schulen", "Bildung"));
  g_assert_true (pd_store_save_all (fixture->store, projects, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pd_store_count_projects (fixture->store), ==, 2002);

  found = pd_store_search_projects (fixture->store, "muller", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 1);
  g_clear_object (&found);

  /* Words in any order, case and accents ignored. */
  found = pd_store_search_projects (fixture->store, "LÜDENSCHEIDT trikots", "Sport", &error);
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 1);
  g_clear_object (&found);
  found = pd_store_search_projects (fixture->store, "trikots", "Umwelt", &error);
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 0);
  g_clear_object (&found);

  /* Sorted by title: "Äpfel" sorts with A. */
  found = pd_store_search_projects (fixture->store, NULL, NULL, &error);
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 2002);
  {
    g_autoptr(PdProject) first = g_list_model_get_item (found, 0);
    g_assert_cmpstr (pd_project_get_title (first), ==, "Äpfel für Schulen");
  }
  g_clear_object (&found);

  found = pd_store_search_projects (fixture->store, "köln 0042", NULL, &error);
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 1);
  {
    g_autoptr(PdProject) hit = g_list_model_get_item (found, 0);
    /* Search results are the live instances. */
    g_assert_true (PD_RECORD (hit) == g_ptr_array_index (projects, 42));
  }

  categories = pd_store_list_categories (fixture->store);
  g_assert_cmpuint (g_strv_length (categories), ==, 3);
  g_assert_cmpstr (categories[0], ==, "Bildung");

  all = pd_store_get_projects (fixture->store);
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, 2002);
}

static void
test_catalogue_read_only (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(PdProject) project = make_project ("Katalog", "Sport");
  g_autoptr(GError) error = NULL;

  pd_project_set_source (project, PD_PROJECT_SOURCE_CATALOGUE);
  g_assert_false (pd_store_save (fixture->store, PD_RECORD (project), NULL, &error));
  g_assert_error (error, PD_STORE_ERROR, PD_STORE_ERROR_READ_ONLY);
}

static void
test_assets (Fixture       *fixture,
             gconstpointer  data)
{
  static const char png[] = "\x89PNG\r\n\x1a\n not really a picture";
  g_autoptr(GBytes) bytes = g_bytes_new_static (png, sizeof png - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(PdAsset) asset = NULL;
  g_autoptr(PdAsset) again = NULL;
  g_autoptr(GBytes) loaded = NULL;
  g_autofree char *path = NULL;
  g_autofree char *expected_dir = NULL;
  GStatBuf st;

  g_assert_null (pd_store_add_asset (fixture->store, bytes, "application/pdf", &error));
  g_assert_error (error, PD_VALIDATION_ERROR, PD_VALIDATION_ERROR_INVALID);
  g_clear_error (&error);

  asset = pd_store_add_asset (fixture->store, bytes, "image/png", &error);
  g_assert_no_error (error);
  {
    g_autofree char *sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
    g_assert_cmpstr (pd_asset_get_sha256 (asset), ==, sha256);
  }
  g_assert_cmpint (pd_asset_get_size (asset), ==, sizeof png - 1);

  path = pd_store_get_asset_path (fixture->store, pd_asset_get_sha256 (asset));
  expected_dir = g_build_filename (fixture->dir, "account", "assets", NULL);
  g_assert_true (g_str_has_prefix (path, expected_dir));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (expected_dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  /* Stored once. */
  again = pd_store_add_asset (fixture->store, bytes, "image/png", &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (fixture->store, "SELECT count(*) FROM assets"), ==, 1);

  loaded = pd_store_load_asset (fixture->store, pd_asset_get_sha256 (asset), &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (loaded, bytes));

  g_assert_true (g_file_set_contents (path, "tampered", -1, NULL));
  g_clear_pointer (&loaded, g_bytes_unref);
  loaded = pd_store_load_asset (fixture->store, pd_asset_get_sha256 (asset), &error);
  g_assert_null (loaded);
  g_assert_error (error, PD_STORE_ERROR, PD_STORE_ERROR_HASH_MISMATCH);
}

static void
test_voucher_codes (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(PdCampaign) campaign = make_campaign ("Codes");
  g_autoptr(PdVoucherBatch) batch = pd_voucher_batch_new (pd_record_get_id (PD_RECORD (campaign)));
  g_autoptr(GDateTime) expires = g_date_time_new_from_iso8601 ("2027-03-31T23:59:59+02:00", NULL);
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) page = NULL;
  const char *dup[] = { "NEW1-NEW1-NEW1-NEW1", "AAAA-0000-0000-0007", NULL };

  pd_voucher_batch_set_label (batch, "Dezember");
  pd_voucher_batch_set_count (batch, 20000);
  pd_voucher_batch_set_coins_per_voucher (batch, 100);
  pd_voucher_batch_set_expires_at (batch, expires);
  g_assert_true (pd_store_save (fixture->store, PD_RECORD (campaign), NULL, &error));
  g_assert_true (pd_store_save (fixture->store, PD_RECORD (batch), NULL, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < 20000; i++)
    g_ptr_array_add (codes, g_strdup_printf ("AAAA-%04u-%04u-%04u", i / 10000, (i / 100) % 100, i % 10000));
  g_ptr_array_add (codes, NULL);
  g_assert_true (pd_store_add_voucher_codes (fixture->store, pd_record_get_id (PD_RECORD (batch)),
                                             (const char * const *) codes->pdata, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pd_store_count_voucher_codes (fixture->store, pd_record_get_id (PD_RECORD (batch))), ==, 20000);

  /* A duplicate adds none of its chunk. */
  g_assert_false (pd_store_add_voucher_codes (fixture->store, pd_record_get_id (PD_RECORD (batch)), dup, &error));
  g_assert_error (error, PD_VALIDATION_ERROR, PD_VALIDATION_ERROR_INVALID);
  g_assert_cmpint (pd_store_count_voucher_codes (fixture->store, pd_record_get_id (PD_RECORD (batch))), ==, 20000);

  page = pd_store_list_voucher_codes (fixture->store, pd_record_get_id (PD_RECORD (batch)), 10, 2, NULL);
  g_assert_cmpuint (g_strv_length (page), ==, 2);
  g_assert_cmpstr (page[0], ==, g_ptr_array_index (codes, 10));
}

static void
test_live_instances_finalize (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  PdCampaign *campaign = make_campaign ("Kurzlebig");
  g_autofree char *id = g_strdup (pd_record_get_id (PD_RECORD (campaign)));
  PdCampaign *held = NULL;

  g_assert_true (pd_store_save (fixture->store, PD_RECORD (campaign), NULL, &error));
  g_object_add_weak_pointer (G_OBJECT (campaign), (gpointer *) &campaign);
  /* The store does not keep records alive on its own… */
  g_object_unref (campaign);
  g_assert_null (campaign);

  /* …and a record may outlive the store. */
  held = pd_store_get_campaign (fixture->store, id);
  g_assert_nonnull (held);
  g_clear_object (&fixture->store);
  g_object_add_weak_pointer (G_OBJECT (held), (gpointer *) &held);
  g_object_unref (held);
  g_assert_null (held);

  fixture->store = pd_store_open (fixture->path, &error);
  g_assert_no_error (error);
}

/* The fast path of _pd_store_normalise() (ASCII, a table for Latin
 * letters, character by character otherwise) against the plain
 * definition: NFKD of the whole text, case folded, marks dropped. */
static char *
normalise_reference (const char *text)
{
  g_autofree char *decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_NFKD);
  g_autofree char *folded = g_utf8_casefold (decomposed, -1);
  GString *result = g_string_new (NULL);

  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_ismark (c))
        g_string_append_unichar (result, c);
    }
  return g_string_free (result, FALSE);
}

static void
test_normalise (void)
{
  const char *samples[] = {
    "Brunnen für Ägypten", "MÜLLER & Söhne", "Straße", "Œuvre ĳssel Ĳmuiden",
    "e\xcc\x81te\xcc\x81", "ﬁnal ① ｆｕｌｌ", "한국어 Ελληνικά ΣΊΣΥΦΟΣ", "İstanbul ı",
    "Łódź Ørsted Þór", "", "plain ascii",
  };
  GString *all = g_string_new (NULL);
  g_autofree char *all_text = NULL;
  g_autofree char *fast = NULL;
  g_autofree char *reference = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autofree char *got = _pd_store_normalise (samples[i]);
      g_autofree char *want = normalise_reference (samples[i]);

      g_assert_cmpstr (got, ==, want);
    }

  /* Every Latin letter, each after an ASCII one and before a mark. */
  for (gunichar c = 0x80; c < 0x300; c++)
    if (g_unichar_isdefined (c) && !g_unichar_iscntrl (c))
      {
        g_string_append_c (all, 'A');
        g_string_append_unichar (all, c);
        g_string_append (all, "\xcc\x88");
      }
  all_text = g_string_free (all, FALSE);
  fast = _pd_store_normalise (all_text);
  reference = normalise_reference (all_text);
  g_assert_cmpstr (fast, ==, reference);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/normalise", test_normalise);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/store/open/private-wal", test_open_private_wal);
  ADD ("/store/save-and-reopen", test_save_and_reopen);
  ADD ("/store/invalid-writes-nothing", test_invalid_writes_nothing);
  ADD ("/store/live-lists", test_live_lists);
  ADD ("/store/search-projects", test_search_projects);
  ADD ("/store/catalogue-read-only", test_catalogue_read_only);
  ADD ("/store/assets", test_assets);
  ADD ("/store/voucher-codes", test_voucher_codes);
  ADD ("/store/live-instances-finalize", test_live_instances_finalize);
#undef ADD

  return g_test_run ();
}
