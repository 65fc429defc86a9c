/* pd-store-assets.c: content-addressed images and voucher codes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-store"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "pd-clock.h"
#include "pd-store-private.h"
#include "pd-validation.h"

char *
pd_store_get_asset_path (PdStore    *self,
                         const char *sha256)
{
  char prefix[3];

  g_return_val_if_fail (PD_IS_STORE (self), NULL);
  g_return_val_if_fail (pd_is_valid_sha256 (sha256), NULL);

  prefix[0] = sha256[0];
  prefix[1] = sha256[1];
  prefix[2] = '\0';
  return g_build_filename (self->assets_dir, prefix, sha256, NULL);
}

PdAsset *
pd_store_add_asset (PdStore     *self,
                    GBytes      *bytes,
                    const char  *mime_type,
                    GError     **error)
{
  g_autofree char *sha256 = NULL;
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;
  sqlite3_stmt *stmt;
  gsize size;
  gconstpointer data;

  g_return_val_if_fail (PD_IS_STORE (self), NULL);
  g_return_val_if_fail (bytes != NULL, NULL);

  if (!pd_asset_mime_type_is_supported (mime_type))
    {
      g_set_error (error, PD_VALIDATION_ERROR, PD_VALIDATION_ERROR_INVALID,
                   _("Only PNG, JPEG, SVG and WebP images can be used."));
      return NULL;
    }

  data = g_bytes_get_data (bytes, &size);
  /* Checked here, before anything is written, so that no way in (project
   * dialog, theme editor, page block, import) stores an image that the
   * platform would refuse at the next sync. */
  if (size > PD_ASSET_MAX_BYTES)
    {
      g_set_error (error, PD_VALIDATION_ERROR, PD_VALIDATION_ERROR_OUT_OF_RANGE,
                   _("The image is larger than 10 MB. Please choose a smaller one."));
      return NULL;
    }

  sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  path = pd_store_get_asset_path (self, sha256);
  dir = g_path_get_dirname (path);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create the folder “%s”: %s"), dir, g_strerror (saved_errno));
      return NULL;
    }
  g_chmod (self->assets_dir, 0700);

  /* g_file_set_contents_full() writes beside and renames, so a crash
   * never leaves half an image under a valid name; 0600 from the start. */
  if (!g_file_test (path, G_FILE_TEST_EXISTS) &&
      !g_file_set_contents_full (path, data, size, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error))
    return NULL;

  stmt = _pd_store_prepare (self,
    "INSERT INTO assets (sha256, mime_type, size, created_at) VALUES (?1, ?2, ?3, ?4)"
    " ON CONFLICT (sha256) DO NOTHING", error);
  if (stmt == NULL)
    return NULL;
  _pd_store_bind_text (stmt, 1, sha256);
  _pd_store_bind_text (stmt, 2, mime_type);
  sqlite3_bind_int64 (stmt, 3, size);
  sqlite3_bind_int64 (stmt, 4, pd_real_time () / G_USEC_PER_SEC);
  if (!_pd_store_step_done (self, stmt, error))
    return NULL;

  return pd_store_get_asset (self, sha256);
}

PdAsset *
pd_store_get_asset (PdStore    *self,
                    const char *sha256)
{
  sqlite3_stmt *stmt;
  PdAsset *asset = NULL;

  g_return_val_if_fail (PD_IS_STORE (self), NULL);

  stmt = _pd_store_prepare (self, "SELECT sha256, mime_type, size FROM assets WHERE sha256 = ?1", NULL);
  if (stmt == NULL)
    return NULL;
  _pd_store_bind_text (stmt, 1, sha256);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    asset = pd_asset_new (_pd_store_column_text (stmt, 0), _pd_store_column_text (stmt, 1),
                          sqlite3_column_int64 (stmt, 2));
  sqlite3_reset (stmt);
  return asset;
}

GBytes *
pd_store_load_asset (PdStore     *self,
                     const char  *sha256,
                     GError     **error)
{
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *actual = NULL;
  gsize length;

  g_return_val_if_fail (PD_IS_STORE (self), NULL);

  if (!pd_is_valid_sha256 (sha256))
    {
      g_set_error (error, PD_STORE_ERROR, PD_STORE_ERROR_NOT_FOUND, _("There is no such image."));
      return NULL;
    }
  path = pd_store_get_asset_path (self, sha256);
  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;

  actual = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
  if (!g_str_equal (actual, sha256))
    {
      g_set_error (error, PD_STORE_ERROR, PD_STORE_ERROR_HASH_MISMATCH,
                   _("The stored image is damaged."));
      return NULL;
    }
  return g_bytes_new_take (g_steal_pointer (&contents), length);
}

/* --- Voucher codes ---------------------------------------------------------- */

gboolean
pd_store_add_voucher_codes (PdStore             *self,
                            const char          *batch_id,
                            const char * const  *codes,
                            GError             **error)
{
  sqlite3_stmt *stmt;
  gint64 first;
  guint n = 0;

  g_return_val_if_fail (PD_IS_STORE (self), FALSE);
  g_return_val_if_fail (batch_id != NULL && codes != NULL, FALSE);

  if (!_pd_store_begin (self, error))
    return FALSE;
  first = pd_store_count_voucher_codes (self, batch_id);

  /* A million codes in a row: one statement, the batch bound once, the
   * codes bound without a copy; a reset keeps the bindings. */
  stmt = _pd_store_prepare (self, "INSERT INTO voucher_codes (code, batch_id) VALUES (?1, ?2)", error);
  if (stmt == NULL)
    goto fail;
  _pd_store_bind_static (stmt, 2, batch_id);
  for (guint i = 0; codes[i] != NULL; i++)
    {
      int rc;

      _pd_store_bind_static (stmt, 1, codes[i]);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc == SQLITE_CONSTRAINT_UNIQUE)
        {
          g_set_error (error, PD_VALIDATION_ERROR, PD_VALIDATION_ERROR_INVALID,
                       _("The voucher code %s exists already."), codes[i]);
          goto fail;
        }
      if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
        {
          g_set_error (error, PD_STORE_ERROR, PD_STORE_ERROR_NOT_FOUND,
                       _("The voucher batch does not exist."));
          goto fail;
        }
      if (rc != SQLITE_DONE)
        {
          _pd_store_set_sqlite_error (self, error);
          goto fail;
        }
    }
  sqlite3_clear_bindings (stmt);

  /* In the same transaction: codes stored here are queued for the
   * platform, or neither happened. */
  for (n = 0; codes[n] != NULL; n++)
    ;
  if (!_pd_store_queue_voucher_chunks (self, batch_id, first, n, error))
    goto fail;
  return _pd_store_commit (self, error);

fail:
  _pd_store_rollback (self);
  return FALSE;
}

gint64
pd_store_count_voucher_codes (PdStore    *self,
                              const char *batch_id)
{
  sqlite3_stmt *stmt;
  gint64 count = 0;

  g_return_val_if_fail (PD_IS_STORE (self), 0);

  stmt = _pd_store_prepare (self, "SELECT count(*) FROM voucher_codes WHERE batch_id = ?1", NULL);
  if (stmt == NULL)
    return 0;
  _pd_store_bind_text (stmt, 1, batch_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return count;
}

char **
pd_store_list_voucher_codes (PdStore     *self,
                             const char  *batch_id,
                             gint64       offset,
                             gint64       limit,
                             GError     **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PD_IS_STORE (self), NULL);

  stmt = _pd_store_prepare (self, "SELECT code FROM voucher_codes WHERE batch_id = ?1"
                            " ORDER BY rowid LIMIT ?3 OFFSET ?2", error);
  if (stmt == NULL)
    return NULL;
  _pd_store_bind_text (stmt, 1, batch_id);
  sqlite3_bind_int64 (stmt, 2, offset);
  sqlite3_bind_int64 (stmt, 3, limit);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_strv_builder_add (builder, _pd_store_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return g_strv_builder_end (builder);
}
