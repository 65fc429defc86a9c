/* pd-import-problem.h: one thing wrong with one row of an imported file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PD_TYPE_IMPORT_PROBLEM (pd_import_problem_get_type ())
G_DECLARE_FINAL_TYPE (PdImportProblem, pd_import_problem, PD, IMPORT_PROBLEM, GObject)

/* Properties (construct-only): "row" (as a spreadsheet numbers it: the
 * header is row 1), "line" (the file's text line where the row starts;
 * differs when quoted text spans lines), "column" (the header's name as in the file, nullable:
 * the whole row), "message" (translated). */
PdImportProblem *pd_import_problem_new         (guint            row,
                                                guint            line,
                                                const char      *column,
                                                const char      *message);
guint            pd_import_problem_get_row     (PdImportProblem *self);
guint            pd_import_problem_get_line    (PdImportProblem *self);
const char      *pd_import_problem_get_column  (PdImportProblem *self);
const char      *pd_import_problem_get_message (PdImportProblem *self);

G_END_DECLS
