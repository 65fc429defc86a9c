/* pd-csv-reader.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PD_CSV_ERROR (pd_csv_error_quark ())

typedef enum {
  PD_CSV_ERROR_INVALID_UTF8,
  PD_CSV_ERROR_UNTERMINATED_QUOTE,
  PD_CSV_ERROR_TEXT_AFTER_QUOTE,
} PdCsvError;

typedef struct _PdCsvReader PdCsvReader;

GQuark       pd_csv_error_quark          (void);

PdCsvReader *pd_csv_reader_new           (GBytes       *bytes,
                                          GError      **error);
void         pd_csv_reader_free          (PdCsvReader  *self);
char         pd_csv_reader_get_separator (PdCsvReader  *self);
gboolean     pd_csv_reader_next          (PdCsvReader  *self,
                                          char       ***out_fields,
                                          guint        *out_line,
                                          GError      **error);
guint        pd_csv_reader_get_row       (PdCsvReader  *self);

char        *pd_csv_strip_formula_guard  (const char   *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdCsvReader, pd_csv_reader_free)

G_END_DECLS
