/* test-security.c: files are private, secrets stay secret
 *
 * The parts of issue 8's security checks that the foundation holds; the
 * API client, store, export and server have their own test-security-*.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>

#include "pd-context.h"
#include "pd-test-secrets.h"
#include "pd-test-utils.h"

static void
assert_mode (const char *path,
             guint       mode)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpuint (st.st_mode & 0777, ==, mode);
}

static void
test_security_data_dir_created_private (void)
{
  g_autofree char *root = pd_test_make_private_dir ();
  g_autofree char *data_dir = g_build_filename (root, "deep", "particulate-designer", NULL);
  g_autoptr(PdContext) context = NULL;
  mode_t old_umask;

  /* A permissive umask, as on many desktops, must not leak into our files. */
  old_umask = umask (0002);
  context = pd_context_new (data_dir);
  umask (old_umask);

  assert_mode (data_dir, 0700);
  g_clear_object (&context);
  pd_test_remove_tree (root);
}

static void
test_security_data_dir_tightened (void)
{
  g_autofree char *root = pd_test_make_private_dir ();
  g_autofree char *data_dir = g_build_filename (root, "particulate-designer", NULL);
  g_autoptr(PdContext) context = NULL;

  /* A folder left world-readable by an older version or by hand. */
  g_assert_cmpint (g_mkdir (data_dir, 0755), ==, 0);
  g_assert_cmpint (g_chmod (data_dir, 0755), ==, 0);

  context = pd_context_new (data_dir);
  assert_mode (data_dir, 0700);

  g_clear_object (&context);
  pd_test_remove_tree (root);
}

/* The detectors themselves must find what they look for, or every test
 * built on them would pass with the secret in plain sight. */
static void
test_security_detectors_work (void)
{
  const char *secret = "tok_4f9a2c7e1b8d";
  g_autofree char *root = pd_test_make_private_dir ();
  g_autofree char *nested = g_build_filename (root, "a", "b", NULL);
  g_autofree char *file = g_build_filename (nested, "workspace.sqlite-wal", NULL);
  g_autofree char *logs = NULL;
  g_autofree char *in_logs = NULL;
  g_autofree char *in_tree = NULL;
  g_autofree char *binary = NULL;

  g_debug ("a debug message with %s in it", secret);
  logs = pd_test_log_capture_take ();
  in_logs = pd_test_find_secret_in_text (logs, secret);
  g_assert_nonnull (in_logs);

  g_assert_null (pd_test_find_secret_in_tree (root, secret));
  g_assert_cmpint (g_mkdir_with_parents (nested, 0700), ==, 0);
  /* Embedded in binary data, as in a SQLite page. */
  binary = g_strdup_printf ("%c%c%s%c", 0, 1, secret, 0);
  g_assert_true (g_file_set_contents (file, binary, 3 + strlen (secret) + 1, NULL));
  in_tree = pd_test_find_secret_in_tree (root, secret);
  g_assert_nonnull (in_tree);
  g_assert_nonnull (strstr (in_tree, "workspace.sqlite-wal"));

  pd_test_remove_tree (root);
}

int
main (int   argc,
      char *argv[])
{
  pd_test_log_capture_install ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/security/data-dir/created-private", test_security_data_dir_created_private);
  g_test_add_func ("/security/data-dir/tightened", test_security_data_dir_tightened);
  g_test_add_func ("/security/detectors-work", test_security_detectors_work);

  return g_test_run ();
}
