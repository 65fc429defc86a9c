/* pd-test-utils.c: helpers shared by the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pd-test-utils.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

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

static char *private_xdg_root;

static void
remove_private_xdg_root (void)
{
  pd_test_remove_tree (private_xdg_root);
  g_clear_pointer (&private_xdg_root, g_free);
}

/* Before main(), so before GLib caches the folders: every test process gets
 * its own data and configuration folders, and no test ever reads or writes
 * the user's own. (Caches stay shared: a cold font cache only slows tests.) A test may still point them elsewhere itself. */
__attribute__((constructor)) static void
make_private_xdg_folders (void)
{
  static const char *variables[] = { "XDG_DATA_HOME", "XDG_CONFIG_HOME" };

  /* Helper programs that a test starts keep the folders they were given. */
  if (g_getenv ("PD_TEST_PRIVATE_XDG") != NULL)
    return;

  private_xdg_root = g_dir_make_tmp ("particulate-test-home-XXXXXX", NULL);
  if (private_xdg_root == NULL)
    return;
  g_setenv ("PD_TEST_PRIVATE_XDG", private_xdg_root, TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (variables); i++)
    {
      g_autofree char *path = g_build_filename (private_xdg_root, variables[i], NULL);

      g_mkdir (path, 0700);
      g_setenv (variables[i], path, TRUE);
    }

  atexit (remove_private_xdg_root);
}

void
pd_test_async_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      slot)
{
  GAsyncResult **out = slot;

  g_assert_null (*out);
  *out = g_object_ref (result);
}

/* Returns: (transfer none): the result, still owned by @slot */
GAsyncResult *
pd_test_wait_async (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

/* One figure of a benchmark, as build-aux/bench collects them into its
 * table (README, "Checks"): BENCH name|ours|unit|baseline|ratio|target|met.
 * A @baseline of 0 or less means the figure has none; a NULL @target makes
 * it a figure for information, with no target to meet. */
void
pd_test_bench_line (const char *name,
                    double      ours,
                    const char *unit,
                    double      baseline,
                    const char *target,
                    gboolean    met)
{
  char ours_text[G_ASCII_DTOSTR_BUF_SIZE];
  char baseline_text[G_ASCII_DTOSTR_BUF_SIZE] = "-";
  char ratio_text[G_ASCII_DTOSTR_BUF_SIZE] = "-";

  g_return_if_fail (name != NULL && strchr (name, '|') == NULL);
  g_return_if_fail (target == NULL || strchr (target, '|') == NULL);

  g_ascii_formatd (ours_text, sizeof ours_text, "%.2f", ours);
  if (baseline > 0)
    {
      g_ascii_formatd (baseline_text, sizeof baseline_text, "%.2f", baseline);
      g_ascii_formatd (ratio_text, sizeof ratio_text, "%.2f", ours / baseline);
    }
  g_print ("BENCH %s|%s|%s|%s|%s|%s|%s\n", name, ours_text, unit, baseline_text, ratio_text,
           target != NULL ? target : "-", target == NULL ? "-" : met ? "yes" : "no");
}

static void
restore_clock (gpointer data)
{
  pd_clock_set_default (NULL);
}

PdClock *
pd_test_fix_clock (const char *iso8601)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_iso8601 (iso8601, NULL);
  g_autoptr(PdClock) clock = NULL;

  g_assert_nonnull (now);
  clock = pd_clock_new_fixed (now);
  pd_clock_set_default (clock);
  g_test_queue_destroy (restore_clock, NULL);
  return pd_clock_get_default ();
}

char *
pd_test_iso8601_in_days (int days)
{
  g_autoptr(GDateTime) now = pd_now_utc ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, days);

  return g_date_time_format (then, "%Y-%m-%dT00:00:00Z");
}
