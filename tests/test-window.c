/* test-window.c: the real application under a real display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pd-application.h"
#include "pd-preferences-window.h"
#include "pd-test-ui-utils.h"
#include "pd-window.h"

typedef struct
{
  PdApplication *app;
  char          *data_home;
  GtkWindow     *window;
  gboolean       checked;
  void         (*check) (PdApplication *app, GtkWindow *window);
} Fixture;

static void
on_window_added_cb (GtkApplication *app,
                    GtkWindow      *window,
                    Fixture        *fixture)
{
  if (PD_IS_WINDOW (window) && fixture->window == NULL)
    fixture->window = window;
}

static gboolean
run_check_cb (gpointer data)
{
  Fixture *fixture = data;

  g_assert_nonnull (fixture->window);
  g_assert_true (pd_test_wait_for_mapped (GTK_WIDGET (fixture->window)));
  pd_test_settle (300);

  fixture->check (fixture->app, fixture->window);
  fixture->checked = TRUE;

  g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "quit", NULL);
  return G_SOURCE_REMOVE;
}

static void
on_activate_cb (GApplication *app,
                Fixture      *fixture)
{
  g_idle_add (run_check_cb, fixture);
}

/* Runs the real application, calls @check once its window is on screen,
 * then quits through the app.quit action. */
static void
run_application (void (*check) (PdApplication *app, GtkWindow *window))
{
  Fixture fixture = { 0 };
  char *argv[] = { (char *) "particulate-designer", NULL };
  int status;

  fixture.data_home = pd_test_make_private_dir ();
  g_setenv ("XDG_DATA_HOME", fixture.data_home, TRUE);

  fixture.app = pd_application_new ();
  fixture.check = check;
  g_application_set_flags (G_APPLICATION (fixture.app), G_APPLICATION_NON_UNIQUE);
  g_signal_connect (fixture.app, "window-added", G_CALLBACK (on_window_added_cb), &fixture);
  g_signal_connect_after (fixture.app, "activate", G_CALLBACK (on_activate_cb), &fixture);

  status = g_application_run (G_APPLICATION (fixture.app), 1, argv);

  g_assert_cmpint (status, ==, 0);
  g_assert_true (fixture.checked);

  g_object_add_weak_pointer (G_OBJECT (fixture.app), (gpointer *) &fixture.app);
  g_object_unref (fixture.app);
  g_assert_null (fixture.app);

  pd_test_remove_tree (fixture.data_home);
  g_free (fixture.data_home);
}

static void
check_smoke (PdApplication *app,
             GtkWindow     *window)
{
  g_autoptr(GdkTexture) texture = NULL;

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  pd_test_save_screenshot (GTK_WIDGET (window), "main-window");

  texture = pd_test_render_widget (GTK_WIDGET (window));
  g_assert_cmpint (gdk_texture_get_width (texture), ==, gtk_widget_get_width (GTK_WIDGET (window)));
}

static void
test_window_smoke (void)
{
  run_application (check_smoke);
}

static GtkWindow *
find_window (PdApplication *app,
             GType          type)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
      return l->data;

  return NULL;
}

static void
check_actions (PdApplication *app,
               GtkWindow     *window)
{
  static const char *app_actions[] = { "quit", "about", "preferences", "help" };
  g_auto(GStrv) quit_accels = NULL;
  g_auto(GStrv) help_accels = NULL;
  g_auto(GStrv) prefs_accels = NULL;
  g_auto(GStrv) overlay_accels = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (app_actions); i++)
    g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), app_actions[i]));

  quit_accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.quit");
  help_accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.help");
  prefs_accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.preferences");
  overlay_accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay");
  g_assert_true (g_strv_contains ((const char * const *) quit_accels, "<Control>q"));
  g_assert_true (g_strv_contains ((const char * const *) help_accels, "F1"));
  g_assert_true (g_strv_contains ((const char * const *) prefs_accels, "<Control>comma"));
  g_assert_true (g_strv_contains ((const char * const *) overlay_accels, "<Control>question"));

  /* The shortcuts window comes from the resources and the window offers it. */
  g_assert_nonnull (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));

  /* Preferences open as a real window with the setting bound. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  pd_test_settle (300);
  {
    GtkWindow *preferences = find_window (app, PD_TYPE_PREFERENCES_WINDOW);

    g_assert_nonnull (preferences);
    g_assert_true (gtk_window_get_transient_for (preferences) == window);
    g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (preferences)));
    pd_test_save_screenshot (GTK_WIDGET (preferences), "preferences");
    gtk_window_close (preferences);
  }

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  pd_test_settle (300);
  {
    GtkWindow *about = find_window (app, ADW_TYPE_ABOUT_WINDOW);

    g_assert_nonnull (about);
    g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (about)), ==, PACKAGE_VERSION);
    pd_test_save_screenshot (GTK_WIDGET (about), "about");
    gtk_window_close (about);
  }
}

static void
test_window_actions (void)
{
  run_application (check_actions);
}

static void
check_narrow (PdApplication *app,
              GtkWindow     *window)
{
  /* At phone width the two panes fold into one, and it is still drawn. */
  gtk_window_set_default_size (window, 360, 640);
  pd_test_settle (600);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 400);
  pd_test_save_screenshot (GTK_WIDGET (window), "main-window-narrow");
}

static void
test_window_narrow (void)
{
  run_application (check_narrow);
}

static void
check_remember_size (PdApplication *app,
                     GtkWindow     *window)
{
  gtk_window_set_default_size (window, 900, 650);
  pd_test_settle (300);
}

static void
check_remembered_size (PdApplication *app,
                       GtkWindow     *window)
{
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 650);
}

static void
test_window_remembers_size (void)
{
  /* Settings are in memory for the whole process, so a second run of the
   * application sees what the first saved when it closed. */
  run_application (check_remember_size);
  run_application (check_remembered_size);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/window/smoke", test_window_smoke);
  g_test_add_func ("/window/actions", test_window_actions);
  g_test_add_func ("/window/narrow", test_window_narrow);
  g_test_add_func ("/window/remembers-size", test_window_remembers_size);

  return g_test_run ();
}
