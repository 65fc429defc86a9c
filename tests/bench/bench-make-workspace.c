/* bench-make-workspace.c: a data folder with one account whose workspace
 * holds N projects, as the benchmarks' start-up, memory and scrolling runs
 * open it
 *
 * Usage: bench-make-workspace DATA_DIR N_PROJECTS
 *
 * The account is offline (its platform is never contacted); the layout is
 * the account manager's: DATA_DIR/accounts.ini and
 * DATA_DIR/accounts/<id>/workspace.sqlite.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>

#include "pd-demo-workspace.h"
#include "pd-store.h"

#define BENCH_ACCOUNT_ID "8a0c8f4e-6a51-4b8e-9a57-3d2f1c0b9e77"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GKeyFile) accounts = g_key_file_new ();
  g_autoptr(PdStore) store = NULL;
  g_autofree char *accounts_path = NULL;
  g_autofree char *account_dir = NULL;
  g_autofree char *database = NULL;
  guint n_projects;

  if (argc != 3)
    {
      g_printerr ("Usage: %s DATA_DIR N_PROJECTS\n", argv[0]);
      return 2;
    }
  n_projects = (guint) strtoul (argv[2], NULL, 10);

  account_dir = g_build_filename (argv[1], "accounts", BENCH_ACCOUNT_ID, NULL);
  if (g_mkdir_with_parents (account_dir, 0700) != 0)
    g_error ("Could not create %s", account_dir);

  g_key_file_set_string (accounts, BENCH_ACCOUNT_ID, "base-url", "https://platform.example.com");
  g_key_file_set_string (accounts, BENCH_ACCOUNT_ID, "tenant-id", "3b0e8c52-1d0f-4c1a-9d1e-6f4b2a7c9e10");
  g_key_file_set_string (accounts, BENCH_ACCOUNT_ID, "tenant-name", "Benchmark Bank");
  g_key_file_set_string (accounts, BENCH_ACCOUNT_ID, "user-email", "bench@example.com");
  g_key_file_set_string (accounts, BENCH_ACCOUNT_ID, "user-name", "Bench");
  accounts_path = g_build_filename (argv[1], "accounts.ini", NULL);
  if (!g_key_file_save_to_file (accounts, accounts_path, &error))
    g_error ("%s", error->message);

  database = g_build_filename (account_dir, "workspace.sqlite", NULL);
  store = pd_store_open (database, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  if (!pd_demo_workspace_fill (store, n_projects, PD_DEMO_WORKSPACE_SEED, &error))
    g_error ("%s", error->message);

  g_print ("%s: %u projects\n", database, pd_store_count_projects (store));

  return 0;
}
