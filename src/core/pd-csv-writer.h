/* pd-csv-writer.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _PdCsvWriter PdCsvWriter;

PdCsvWriter *pd_csv_writer_new           (char          separator,
                                          gboolean      byte_order_mark);
void         pd_csv_writer_free          (PdCsvWriter  *self);
void         pd_csv_writer_add_text      (PdCsvWriter  *self,
                                          const char   *text);
void         pd_csv_writer_add_raw       (PdCsvWriter  *self,
                                          const char   *text);
void         pd_csv_writer_add_int       (PdCsvWriter  *self,
                                          gint64        value);
void         pd_csv_writer_end_row       (PdCsvWriter  *self);
GBytes      *pd_csv_writer_free_to_bytes (PdCsvWriter  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdCsvWriter, pd_csv_writer_free)

G_END_DECLS
