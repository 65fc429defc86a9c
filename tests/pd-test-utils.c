/* pd-test-utils.c: helpers shared by the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pd-test-utils.h"

#include <glib/gstdio.h>

/* Each test gets a private data folder, so tests never see each other's
 * databases, nor the user's. */
char *
pd_test_make_private_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *path = g_dir_make_tmp ("particulate-test-XXXXXX", &error);

  g_assert_no_error (error);
  return path;
}

void
pd_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (path == NULL || !g_file_test (path, G_FILE_TEST_EXISTS))
    return;

  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      dir = g_dir_open (path, 0, NULL);
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          pd_test_remove_tree (child);
        }
    }

  g_remove (path);
}

static gboolean
on_timeout_cb (gpointer data)
{
  gboolean *timed_out = data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Iterates the default main context until @condition holds or @timeout_ms
 * passed; returns whether it holds. */
gboolean
pd_test_wait_for (gboolean (*condition) (gpointer data),
                  gpointer   data,
                  guint      timeout_ms)
{
  gboolean timed_out = FALSE;
  guint timeout_id = g_timeout_add (timeout_ms, on_timeout_cb, &timed_out);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (!timed_out)
    g_source_remove (timeout_id);

  return condition (data);
}

/* A path in the build folder of the tests, for artefacts (screenshots,
 * exports) that a person can look at after the run. */
char *
pd_test_build_path (const char *first,
                    ...)
{
  va_list args;
  const char *builddir = g_getenv ("G_TEST_BUILDDIR");
  g_autofree char *tail = NULL;

  va_start (args, first);
  tail = g_build_filename_valist (first, &args);
  va_end (args);

  return g_build_filename (builddir != NULL ? builddir : ".", tail, NULL);
}
