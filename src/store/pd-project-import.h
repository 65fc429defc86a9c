/* pd-project-import.h: projects from a spreadsheet's CSV into the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pd-import-report.h"
#include "pd-store.h"

G_BEGIN_DECLS

#define PD_IMPORT_ERROR (pd_import_error_quark ())

typedef enum {
  PD_IMPORT_ERROR_EMPTY,           /* no header line */
  PD_IMPORT_ERROR_MISSING_COLUMN,  /* a required column is not in the header */
  PD_IMPORT_ERROR_DUPLICATE_COLUMN,/* two header cells mean the same field */
  PD_IMPORT_ERROR_INVALID_ROWS,    /* rows have problems; see the report */
} PdImportError;

typedef enum {
  PD_PROJECT_IMPORT_NONE           = 0,
  /* Import the good rows and leave out the bad ones (listed in the
   * report); without it a file with any bad row imports nothing. */
  PD_PROJECT_IMPORT_SKIP_BAD_ROWS  = 1 << 0,
  /* Check everything and fill the report, but write nothing. */
  PD_PROJECT_IMPORT_DRY_RUN        = 1 << 1,
} PdProjectImportFlags;

/* Progress of pd_project_import_csv_async(): the fraction done, 0 to 1. */
typedef void (*PdProjectImportProgress) (double   fraction,
                                         gpointer user_data);

GQuark    pd_import_error_quark  (void);

gboolean  pd_project_import_csv  (PdStore               *store,
                                  GBytes                *csv,
                                  PdProjectImportFlags   flags,
                                  PdImportReport       **out_report,
                                  GError               **error);

void      pd_project_import_csv_async  (PdStore                 *store,
                                        GBytes                  *csv,
                                        PdProjectImportFlags     flags,
                                        GCancellable            *cancellable,
                                        PdProjectImportProgress  progress,
                                        gpointer                 progress_data,
                                        GDestroyNotify           progress_notify,
                                        GAsyncReadyCallback      callback,
                                        gpointer                 user_data);
gboolean  pd_project_import_csv_finish (PdStore                 *store,
                                        GAsyncResult            *result,
                                        PdImportReport         **out_report,
                                        GError                 **error);

G_END_DECLS
