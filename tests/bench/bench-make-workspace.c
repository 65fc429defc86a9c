/* bench-make-workspace.c: a data folder whose local workspace holds N
 * projects, as the application opens it at start-up
 *
 * Usage: bench-make-workspace DATA_DIR N_PROJECTS
 *
 * DATA_DIR is the application's data folder ($XDG_DATA_HOME/
 * particulate-designer); the workspace is DATA_DIR/local/workspace.db, the
 * one used without any account (pd_context_dup_local_workspace_path()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>

#include "pd-demo-workspace.h"
#include "pd-store.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStore) store = NULL;
  g_autofree char *database = NULL;
  guint n_projects;

  if (argc != 3)
    {
      g_printerr ("Usage: %s DATA_DIR N_PROJECTS\n", argv[0]);
      return 2;
    }
  n_projects = (guint) strtoul (argv[2], NULL, 10);

  /* The store creates the folders, private. */
  database = g_build_filename (argv[1], "local", "workspace.db", NULL);
  store = pd_store_open (database, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  if (!pd_demo_workspace_fill (store, n_projects, PD_DEMO_WORKSPACE_SEED, &error))
    g_error ("%s", error->message);

  g_print ("%s: %u projects\n", database, pd_store_count_projects (store));

  return 0;
}
