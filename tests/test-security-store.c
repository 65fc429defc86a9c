/* test-security-store.c: the workspace on disk is private, and what users
 * type is data, never SQL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>

#include "pd-project.h"
#include "pd-store.h"
#include "pd-test-utils.h"

/* Text that breaks any SQL built by pasting strings together. */
static const char *hostile[] = {
  "Robert'); DROP TABLE projects;--",
  "' OR '1'='1",
  "\" OR \"\"=\"",
  "%_%",
  "x'; ATTACH DATABASE '/tmp/pd-pwned.sqlite' AS pwned; --",
  "1; DELETE FROM records",
  "\\' ; SELECT sqlite_version(); --",
  "NULL",
  "*",
  "title:water OR 1",
  "\"unterminated",
  "é'ü\"ß",
};

static void
assert_private (const char *path,
                guint       file_mode,
                guint       dir_mode)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;
  GStatBuf st;

  g_assert_cmpint (g_lstat (path, &st), ==, 0);
  if (S_ISDIR (st.st_mode))
    {
      g_test_message ("%s: %o", path, st.st_mode & 0777);
      g_assert_cmpuint (st.st_mode & 0777, ==, dir_mode);
      dir = g_dir_open (path, 0, NULL);
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          assert_private (child, file_mode, dir_mode);
        }
    }
  else if (S_ISREG (st.st_mode))
    {
      g_test_message ("%s: %o", path, st.st_mode & 0777);
      g_assert_cmpuint (st.st_mode & 0777, ==, file_mode);
    }
}

static void
test_security_store_files_private (void)
{
  g_autofree char *root = pd_test_make_private_dir ();
  g_autofree char *workspace = g_build_filename (root, "accounts", "a1", NULL);
  g_autofree char *path = g_build_filename (workspace, "workspace.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStore) store = NULL;
  g_autoptr(PdProject) project = pd_project_new ();
  g_autoptr(PdAsset) asset = NULL;
  g_autoptr(GBytes) png = NULL;
  static const guint8 png_bytes[] = {
    0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0x0d, 'I', 'H', 'D', 'R',
  };
  mode_t old_umask;

  /* Even with a permissive umask. */
  old_umask = umask (0002);
  store = pd_store_open (path, &error);
  g_assert_no_error (error);

  pd_project_set_title (project, "Clean water");
  pd_project_set_organisation (project, "Water Aid");
  pd_project_set_description (project, "Wells");
  pd_project_set_category (project, "water");
  pd_project_set_location (project, "Kisumu");
  pd_project_set_default_target_coins (project, 1000);
  g_assert_true (pd_store_save (store, PD_RECORD (project), NULL, &error));
  g_assert_no_error (error);

  png = g_bytes_new_static (png_bytes, sizeof png_bytes);
  asset = pd_store_add_asset (store, png, "image/png", &error);
  umask (old_umask);

  /* The database, its journal and every asset: 0600 in 0700 folders. */
  assert_private (workspace, 0600, 0700);

  g_clear_object (&store);
  pd_test_remove_tree (root);
}

static void
test_security_store_sql_text_is_data (void)
{
  g_autofree char *root = pd_test_make_private_dir ();
  g_autofree char *path = g_build_filename (root, "workspace.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStore) store = pd_store_open (path, &error);
  g_autoptr(GPtrArray) saved = g_ptr_array_new_with_free_func (g_object_unref);

  g_assert_no_error (error);

  /* Everywhere a user can type into a project. */
  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      g_autoptr(PdProject) project = pd_project_new ();

      pd_project_set_title (project, hostile[i]);
      pd_project_set_organisation (project, hostile[i]);
      pd_project_set_description (project, hostile[i]);
      pd_project_set_category (project, hostile[i]);
      pd_project_set_location (project, hostile[i]);
      pd_project_set_default_target_coins (project, i);
      g_assert_true (pd_store_save (store, PD_RECORD (project), NULL, &error));
      g_assert_no_error (error);
      g_ptr_array_add (saved, g_object_ref (project));
    }
  g_assert_cmpuint (pd_store_count_projects (store), ==, G_N_ELEMENTS (hostile));

  /* Searches with the same text find exactly what was typed, or nothing,
   * and never fail or return everything. */
  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      g_autoptr(GListModel) by_query = pd_store_search_projects (store, hostile[i], NULL, &error);
      g_autoptr(GListModel) by_category = NULL;

      g_assert_no_error (error);
      g_assert_nonnull (by_query);
      g_assert_cmpuint (g_list_model_get_n_items (by_query), <, G_N_ELEMENTS (hostile));

      by_category = pd_store_search_projects (store, NULL, hostile[i], &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_list_model_get_n_items (by_category), ==, 1);
    }

  /* Reopened from disk, every text is intact and the tables still there. */
  g_clear_object (&store);
  store = pd_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pd_store_count_projects (store), ==, G_N_ELEMENTS (hostile));
  for (guint i = 0; i < saved->len; i++)
    {
      const char *id = pd_record_get_id (saved->pdata[i]);
      g_autoptr(PdProject) project = pd_store_get_project (store, id);

      g_assert_nonnull (project);
      g_assert_cmpstr (pd_project_get_title (project), ==, hostile[i]);
      g_assert_cmpstr (pd_project_get_location (project), ==, hostile[i]);
      g_assert_cmpstr (pd_project_get_category (project), ==, hostile[i]);
    }
  g_assert_false (g_file_test ("/tmp/pd-pwned.sqlite", G_FILE_TEST_EXISTS));

  g_clear_object (&store);
  pd_test_remove_tree (root);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/security/store/files-private", test_security_store_files_private);
  g_test_add_func ("/security/store/sql-text-is-data", test_security_store_sql_text_is_data);

  return g_test_run ();
}
