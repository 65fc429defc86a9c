/* pd-projects-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pd-store.h"

G_BEGIN_DECLS

#define PD_TYPE_PROJECTS_PAGE (pd_projects_page_get_type ())
G_DECLARE_FINAL_TYPE (PdProjectsPage, pd_projects_page, PD, PROJECTS_PAGE, AdwBin)

/* (transfer none): the library as shown (searched, filtered, sorted) */
GListModel *pd_projects_page_get_library (PdProjectsPage *self);
/* Shows the projects matching @query (nullable) in @category (nullable). */
void        pd_projects_page_search      (PdProjectsPage *self,
                                          const char     *query,
                                          const char     *category);

G_END_DECLS
