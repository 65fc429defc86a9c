/* pd-test-app.h: runs the real application for a UI test
 *
 * Header-only so each UI test stays one file in tests/meson.build.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pd-application.h"
#include "pd-context.h"
#include "pd-test-ui-utils.h"
#include "pd-window-private.h"

typedef void (*PdTestAppCheck) (PdApplication *app,
                                PdWindow      *window);

typedef struct
{
  PdApplication  *app;
  PdWindow       *window;
  gboolean        checked;
  PdTestAppCheck  check;
} PdTestApp;

static inline void
pd_test_app_window_added_cb (GtkApplication *app,
                             GtkWindow      *window,
                             PdTestApp      *fixture)
{
  if (PD_IS_WINDOW (window) && fixture->window == NULL)
    fixture->window = PD_WINDOW (window);
}

static inline gboolean
pd_test_app_run_check_cb (gpointer data)
{
  PdTestApp *fixture = data;

  g_assert_nonnull (fixture->window);
  g_assert_true (pd_test_wait_for_mapped (GTK_WIDGET (fixture->window)));
  pd_test_settle (200);

  fixture->check (fixture->app, fixture->window);
  fixture->checked = TRUE;

  g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "quit", NULL);
  return G_SOURCE_REMOVE;
}

static inline void
pd_test_app_activate_cb (GApplication *app,
                         PdTestApp    *fixture)
{
  g_idle_add (pd_test_app_run_check_cb, fixture);
}

/* The local workspace the application opens: GLib keeps the first user
 * data folder of the process, so every run of one test shares it. */
static inline char *
pd_test_app_workspace_path (void)
{
  g_autofree char *data_dir = pd_context_default_data_dir ();

  return g_build_filename (data_dir, "local", "workspace.db", NULL);
}

static inline void
pd_test_app_reset_workspace (void)
{
  g_autofree char *data_dir = pd_context_default_data_dir ();

  pd_test_remove_tree (data_dir);
}

/* Runs the application (with --demo when @demo), calls @check once its
 * window is on screen, quits through app.quit and checks that the
 * application is finalized. */
static inline void
pd_test_app_run (gboolean       demo,
                 PdTestAppCheck check)
{
  PdTestApp fixture = { 0 };
  char *argv[] = { (char *) "particulate-designer", (char *) "--demo", NULL };
  int status;

  fixture.app = pd_application_new ();
  fixture.check = check;
  g_application_set_flags (G_APPLICATION (fixture.app), G_APPLICATION_NON_UNIQUE);
  g_signal_connect (fixture.app, "window-added", G_CALLBACK (pd_test_app_window_added_cb), &fixture);
  g_signal_connect_after (fixture.app, "activate", G_CALLBACK (pd_test_app_activate_cb), &fixture);

  status = g_application_run (G_APPLICATION (fixture.app), demo ? 2 : 1, argv);

  g_assert_cmpint (status, ==, 0);
  g_assert_true (fixture.checked);

  g_object_add_weak_pointer (G_OBJECT (fixture.app), (gpointer *) &fixture.app);
  g_object_unref (fixture.app);
  g_assert_null (fixture.app);
}

/* Opens the workspace file again, as the next start of the app would. */
static inline PdStore *
pd_test_app_reopen_store (void)
{
  g_autofree char *path = pd_test_app_workspace_path ();
  g_autoptr(GError) error = NULL;
  PdStore *store = pd_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

static inline void
pd_test_app_init (void)
{
  g_autofree char *home = pd_test_make_private_dir ();

  /* Before anything asks GLib for the user data folder. */
  g_setenv ("XDG_DATA_HOME", home, TRUE);
}
