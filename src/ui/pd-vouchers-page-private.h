/* pd-vouchers-page-private.h: what the tests reach into
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pd-vouchers-page.h"

G_BEGIN_DECLS

/* Exports the batch @batch_id to @file as "csv" or "pdf" as the export
 * buttons do after the file chooser. */
void      _pd_vouchers_page_export_to_file (PdVouchersPage *self,
                                            const char     *batch_id,
                                            GFile          *file,
                                            const char     *format);
gboolean  _pd_vouchers_page_get_exporting  (PdVouchersPage *self);
/* The last export's error message, or NULL when it succeeded. */
const char *_pd_vouchers_page_get_export_error (PdVouchersPage *self);
GtkWidget *_pd_vouchers_page_get_list_box  (PdVouchersPage *self);

G_END_DECLS
