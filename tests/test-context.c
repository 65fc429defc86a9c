/* test-context.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <sys/stat.h>

#include "pd-context.h"
#include "pd-test-utils.h"

static void
test_context_data_dir_private (void)
{
  g_autofree char *base = pd_test_make_private_dir ();
  g_autofree char *data_dir = g_build_filename (base, "nested", "data", NULL);
  g_autoptr(PdContext) context = pd_context_new (data_dir);
  GStatBuf st;

  g_assert_cmpstr (pd_context_get_data_dir (context), ==, data_dir);
  g_assert_cmpint (g_stat (data_dir, &st), ==, 0);
  g_assert_true (S_ISDIR (st.st_mode));
  /* Nobody but the user may list a client's data. */
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  pd_test_remove_tree (base);
}

static void
test_context_settings (void)
{
  g_autofree char *base = pd_test_make_private_dir ();
  g_autoptr(PdContext) context = pd_context_new (base);
  GSettings *settings = pd_context_get_settings (context);

  g_assert_nonnull (settings);
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), >=, 360);
  g_assert_true (g_settings_get_boolean (settings, "sync-automatically"));

  pd_test_remove_tree (base);
}

static void
test_context_finalizes (void)
{
  g_autofree char *base = pd_test_make_private_dir ();
  PdContext *context = pd_context_new (base);

  g_object_add_weak_pointer (G_OBJECT (context), (gpointer *) &context);
  g_object_unref (context);
  g_assert_null (context);

  pd_test_remove_tree (base);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/context/data-dir-private", test_context_data_dir_private);
  g_test_add_func ("/context/settings", test_context_settings);
  g_test_add_func ("/context/finalizes", test_context_finalizes);

  return g_test_run ();
}
