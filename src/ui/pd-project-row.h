/* pd-project-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pd-project.h"

G_BEGIN_DECLS

#define PD_TYPE_PROJECT_ROW (pd_project_row_get_type ())
G_DECLARE_FINAL_TYPE (PdProjectRow, pd_project_row, PD, PROJECT_ROW, GtkWidget)

/* A project of the library. Its buttons activate "projects.add-project"
 * and "projects.edit-project" with the project's id. */
GtkWidget *pd_project_row_new         (void);
PdProject *pd_project_row_get_project (PdProjectRow *self);
void       pd_project_row_set_project (PdProjectRow *self,
                                       PdProject    *project);

G_END_DECLS
