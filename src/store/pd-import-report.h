/* pd-import-report.h: what an import did, row by row
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pd-import-problem.h"

G_BEGIN_DECLS

#define PD_TYPE_IMPORT_REPORT (pd_import_report_get_type ())
G_DECLARE_FINAL_TYPE (PdImportReport, pd_import_report, PD, IMPORT_REPORT, GObject)

/* Read-only properties: "n-rows" (data rows in the file), "n-created",
 * "n-updated", "n-unchanged", "n-skipped" (rows with problems left out),
 * "problems" (GListModel of PdImportProblem, by row). */
PdImportReport *pd_import_report_new             (void);
guint           pd_import_report_get_n_rows      (PdImportReport *self);
guint           pd_import_report_get_n_created   (PdImportReport *self);
guint           pd_import_report_get_n_updated   (PdImportReport *self);
guint           pd_import_report_get_n_unchanged (PdImportReport *self);
guint           pd_import_report_get_n_skipped   (PdImportReport *self);
/* (transfer none) */
GListModel     *pd_import_report_get_problems    (PdImportReport *self);
/* (transfer none): header names the import did not use, as in the file */
const char * const *pd_import_report_get_ignored_columns (PdImportReport *self);
/* A translated one-line summary ("12 projects imported, 2 rows skipped"). */
char           *pd_import_report_dup_summary     (PdImportReport *self);

/* For the importers. */
void            _pd_import_report_add_problem    (PdImportReport *self,
                                                  guint           row,
                                                  guint           line,
                                                  const char     *column,
                                                  const char     *message);
void            _pd_import_report_add_ignored_column (PdImportReport *self,
                                                      const char     *column);
void            _pd_import_report_set_counts     (PdImportReport *self,
                                                  guint           n_rows,
                                                  guint           n_created,
                                                  guint           n_updated,
                                                  guint           n_unchanged,
                                                  guint           n_skipped);

G_END_DECLS
