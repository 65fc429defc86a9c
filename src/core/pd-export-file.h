/* pd-export-file.h: files written whole or not at all
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdio.h>

#include <cairo.h>
#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _PdExportFile PdExportFile;

PdExportFile *pd_export_file_open   (GFile         *target,
                                     GError       **error);
FILE         *pd_export_file_stream (PdExportFile  *self);
const char   *pd_export_file_temp_path (PdExportFile *self);
gboolean      pd_export_file_commit (PdExportFile  *self,
                                     GError       **error);
void          pd_export_file_free   (PdExportFile  *self);

char         *_pd_export_file_format_time (GDateTime *time);

/* A PDF surface of pages @width x @height points writing to @self, its
 * title (nullable) and creator set. (transfer full) */
cairo_surface_t *pd_export_file_create_pdf (PdExportFile *self,
                                            double        width,
                                            double        height,
                                            const char   *title);
/* Finishes and frees @surface; returns whether every write succeeded. */
cairo_status_t   pd_export_file_finish_pdf (cairo_surface_t *surface);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdExportFile, pd_export_file_free)

G_END_DECLS
