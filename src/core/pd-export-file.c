/* pd-export-file.c
 *
 * Exports go to a hidden temporary file beside the target and are
 * renamed over it only when complete, so a cancelled or failed export
 * leaves neither a truncated file nor a damaged older one. Freeing an
 * uncommitted file removes the temporary file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-export-file"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "pd-export-file.h"
#include <cairo-pdf.h>

#include "pd-voucher-export.h"

struct _PdExportFile
{
  char *path;
  char *temp_path;
  FILE *stream;
};

static void
set_write_error (GError     **error,
                 const char  *path,
                 int          saved_errno)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, PD_VOUCHER_EXPORT_ERROR, PD_VOUCHER_EXPORT_ERROR_WRITE,
               _("Could not write “%s”: %s"), display, g_strerror (saved_errno));
}

/**
 * pd_export_file_open:
 *
 * Returns: (transfer full) (nullable): a temporary file that becomes
 *   @target on commit
 */
/* gcc 12's -fanalyzer loses the FILE once it is stored in the struct that
 * g_steal_pointer() hands out, and reports it leaked: the stream is closed
 * in pd_export_file_free() or pd_export_file_commit(). */
#if defined (__GNUC__) && !defined (__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wanalyzer-malloc-leak"
#endif
PdExportFile *
pd_export_file_open (GFile   *target,
                     GError **error)
{
  g_autoptr(PdExportFile) self = g_new0 (PdExportFile, 1);
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *temp_name = NULL;
  int fd;

  g_return_val_if_fail (G_IS_FILE (target), NULL);

  self->path = g_file_get_path (target);
  if (self->path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (target);

      g_set_error (error, PD_VOUCHER_EXPORT_ERROR, PD_VOUCHER_EXPORT_ERROR_NOT_LOCAL,
                   _("Exports can only be saved to a local folder, not to “%s”."), uri);
      return NULL;
    }

  dir = g_path_get_dirname (self->path);
  base = g_path_get_basename (self->path);
  temp_name = g_strdup_printf (".%s.XXXXXX", base);
  self->temp_path = g_build_filename (dir, temp_name, NULL);

  /* Voucher codes are worth money: the file is the user's alone. */
  fd = g_mkstemp_full (self->temp_path, O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      set_write_error (error, self->path, errno);
      g_clear_pointer (&self->temp_path, g_free);
      return NULL;
    }

  self->stream = fdopen (fd, "w");
  if (self->stream == NULL)
    {
      set_write_error (error, self->path, errno);
      close (fd);
      return NULL;
    }
  /* Large writes: a million CSV rows in few system calls. */
  setvbuf (self->stream, NULL, _IOFBF, 1 << 20);

  return g_steal_pointer (&self);
}
#if defined (__GNUC__) && !defined (__clang__)
#pragma GCC diagnostic pop
#endif

FILE *
pd_export_file_stream (PdExportFile *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->stream;
}

const char *
pd_export_file_temp_path (PdExportFile *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->temp_path;
}

/**
 * pd_export_file_commit:
 *
 * Flushes the data and moves it into place.
 */
gboolean
pd_export_file_commit (PdExportFile  *self,
                       GError       **error)
{
  FILE *stream;

  g_return_val_if_fail (self != NULL && self->stream != NULL, FALSE);

  stream = g_steal_pointer (&self->stream);
  if (ferror (stream) || fflush (stream) != 0 || fsync (fileno (stream)) != 0)
    {
      int saved_errno = errno != 0 ? errno : EIO;

      fclose (stream);
      set_write_error (error, self->path, saved_errno);
      return FALSE;
    }
  if (fclose (stream) != 0 || g_rename (self->temp_path, self->path) != 0)
    {
      set_write_error (error, self->path, errno);
      return FALSE;
    }

  g_clear_pointer (&self->temp_path, g_free);
  return TRUE;
}

void
pd_export_file_free (PdExportFile *self)
{
  if (self == NULL)
    return;

  if (self->stream != NULL)
    fclose (self->stream);
  if (self->temp_path != NULL)
    g_unlink (self->temp_path);
  g_free (self->temp_path);
  g_free (self->path);
  g_free (self);
}

/* RFC 3339 for exported files: "Z" for UTC, else the offset with a colon. */
char *
_pd_export_file_format_time (GDateTime *time)
{
  g_return_val_if_fail (time != NULL, NULL);

  if (g_date_time_get_utc_offset (time) == 0)
    return g_date_time_format (time, "%Y-%m-%dT%H:%M:%SZ");
  return g_date_time_format (time, "%Y-%m-%dT%H:%M:%S%:z");
}

static cairo_status_t
write_pdf_cb (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  return fwrite (data, 1, length, closure) == length ? CAIRO_STATUS_SUCCESS
                                                     : CAIRO_STATUS_WRITE_ERROR;
}

cairo_surface_t *
pd_export_file_create_pdf (PdExportFile *self,
                           double        width,
                           double        height,
                           const char   *title)
{
  cairo_surface_t *surface;

  g_return_val_if_fail (self != NULL, NULL);

  surface = cairo_pdf_surface_create_for_stream (write_pdf_cb, self->stream, width, height);
  if (title != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Particulate Designer");
  return surface;
}

cairo_status_t
pd_export_file_finish_pdf (cairo_surface_t *surface)
{
  cairo_status_t status;

  /* Finishing writes the rest of the file: only now is the status final. */
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  return status;
}
