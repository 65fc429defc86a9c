/* pd-fuzz-driver.c: replays fuzz inputs without libFuzzer
 *
 * Linked with each fuzz target into a plain test program that feeds it
 * every file of the given folders (the seed corpus, which also holds every
 * input that once crashed). It runs in the normal and the sanitizer build,
 * so a fixed crash stays fixed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pd-fuzz.h"

#include <gio/gio.h>

static guint n_inputs;

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static void
replay_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, &error))
    g_error ("%s", error->message);

  g_print ("# %s (%" G_GSIZE_FORMAT " bytes)\n", path, length);
  LLVMFuzzerTestOneInput ((const uint8_t *) contents, length);
  n_inputs++;
}

static void
replay_path (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      replay_file (path);
      return;
    }

  dir = g_dir_open (path, 0, &error);
  if (dir == NULL)
    g_error ("%s", error->message);

  /* Sorted, so a failure names the same first file on every run. */
  names = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.')
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *child = g_build_filename (path, names->pdata[i], NULL);

      replay_path (child);
    }
}

int
main (int   argc,
      char *argv[])
{
  LLVMFuzzerInitialize (&argc, &argv);

  /* An empty and a one-byte input are always worth checking. */
  LLVMFuzzerTestOneInput ((const uint8_t *) "", 0);
  LLVMFuzzerTestOneInput ((const uint8_t *) "\xff", 1);

  for (int i = 1; i < argc; i++)
    replay_path (argv[i]);

  if (n_inputs == 0)
    g_error ("no corpus files found: a target needs a seed corpus");

  g_print ("# replayed %u inputs\n", n_inputs);

  return 0;
}
