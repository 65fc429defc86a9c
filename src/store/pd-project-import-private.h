/* pd-project-import-private.h: the import with progress, for its async
 * form
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pd-project-import.h"
#include "pd-store-private.h"

G_BEGIN_DECLS

gboolean  _pd_project_import_csv_full (PdStore               *store,
                                       GBytes                *csv,
                                       PdProjectImportFlags   flags,
                                       PdImportProgressFunc   progress,
                                       gpointer               progress_data,
                                       PdImportReport       **out_report,
                                       GError               **error);

G_END_DECLS
