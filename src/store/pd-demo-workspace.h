/* pd-demo-workspace.h: a sample workspace for trying the app out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pd-store.h"

G_BEGIN_DECLS

/* How many projects the demo workspace of the README's run command has. */
#define PD_DEMO_WORKSPACE_N_PROJECTS 48
#define PD_DEMO_WORKSPACE_SEED       2026

gboolean pd_demo_workspace_fill (PdStore  *store,
                                 guint     n_projects,
                                 guint32   seed,
                                 GError  **error);

PdStore *pd_demo_workspace_open (const char  *path,
                                 GError     **error);

G_END_DECLS
