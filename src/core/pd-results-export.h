/* pd-results-export.h: a campaign's results as CSV and as a PDF report
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pd-campaign-stats.h"

G_BEGIN_DECLS

#define PD_TYPE_RESULTS_EXPORT (pd_results_export_get_type ())
G_DECLARE_FINAL_TYPE (PdResultsExport, pd_results_export, PD, RESULTS_EXPORT, GObject)

PdResultsExport *pd_results_export_new               (PdCampaignStats     *stats,
                                                      const char          *campaign_name,
                                                      const char          *currency,
                                                      gint64               coin_value_micros);
void             pd_results_export_set_project_title (PdResultsExport     *self,
                                                      const char          *project_id,
                                                      const char          *title);
const char      *pd_results_export_get_project_title (PdResultsExport     *self,
                                                      const char          *project_id);

void             pd_results_export_write_csv_async   (PdResultsExport     *self,
                                                      GFile               *file,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
gboolean         pd_results_export_write_csv_finish  (PdResultsExport     *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);
void             pd_results_export_write_pdf_async   (PdResultsExport     *self,
                                                      GFile               *file,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
gboolean         pd_results_export_write_pdf_finish  (PdResultsExport     *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);

G_END_DECLS
