/* pd-projects-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PD_TYPE_PROJECTS_PAGE (pd_projects_page_get_type ())
G_DECLARE_FINAL_TYPE (PdProjectsPage, pd_projects_page, PD, PROJECTS_PAGE, AdwBin)

G_END_DECLS
