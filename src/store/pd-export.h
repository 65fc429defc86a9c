/* pd-export.h: campaigns and projects as CSV for spreadsheets and as JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pd-store.h"

G_BEGIN_DECLS

/* The separator spreadsheets in @locale's region expect: ";" where the
 * comma is the decimal mark (de, nl, fr, …), "," elsewhere. */
char     pd_export_separator_for_locale   (const char  *locale);

GBytes  *pd_export_projects_csv           (GListModel  *projects,
                                           char         separator);
GBytes  *pd_export_campaigns_csv          (PdStore     *store,
                                           GListModel  *campaigns,
                                           char         separator);
GBytes  *pd_export_campaign_projects_csv  (PdStore     *store,
                                           PdCampaign  *campaign,
                                           char         separator);
GBytes  *pd_export_json                   (GListModel  *campaigns,
                                           GListModel  *projects,
                                           GListModel  *themes);

gboolean pd_export_write_file             (GBytes        *bytes,
                                           GFile         *file,
                                           GCancellable  *cancellable,
                                           GError       **error);

G_END_DECLS
