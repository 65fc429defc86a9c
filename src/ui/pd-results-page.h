/* pd-results-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pd-store.h"

G_BEGIN_DECLS

#define PD_TYPE_RESULTS_PAGE (pd_results_page_get_type ())
G_DECLARE_FINAL_TYPE (PdResultsPage, pd_results_page, PD, RESULTS_PAGE, AdwBin)

G_END_DECLS
