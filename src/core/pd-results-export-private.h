/* pd-results-export-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pd-results-export.h"

G_BEGIN_DECLS

struct _PdResultsExport
{
  GObject          parent_instance;

  PdCampaignStats *stats;
  char            *campaign_name;
  char            *currency;
  gint64           coin_value_micros;
  GHashTable      *titles;   /* project id → title; frozen while writing */
};

gboolean _pd_results_export_write_pdf (PdResultsExport  *self,
                                       GFile            *file,
                                       GCancellable     *cancellable,
                                       GError          **error);

G_END_DECLS
