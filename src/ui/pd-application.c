/* pd-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-application"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-application.h"
#include "pd-resources.h"
#include "pd-preferences-window.h"
#include "pd-window.h"

struct _PdApplication
{
  AdwApplication  parent_instance;

  PdContext      *context;
  gboolean        fill_demo;
};

G_DEFINE_FINAL_TYPE (PdApplication, pd_application, ADW_TYPE_APPLICATION)

static void
pd_application_activate (GApplication *app)
{
  PdApplication *self = PD_APPLICATION (app);
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window == NULL)
    window = GTK_WINDOW (pd_window_new (self));

  gtk_window_present (window);
}

static void
pd_application_startup (GApplication *app)
{
  PdApplication *self = PD_APPLICATION (app);
  g_autoptr(GError) error = NULL;

  G_APPLICATION_CLASS (pd_application_parent_class)->startup (app);

  /* The context is made at start-up, not in init, so that a remote
   * instance that only forwards its arguments never opens a database. */
  self->context = pd_context_new (NULL);

  /* A workspace that cannot be opened is shown in the window as an empty
   * state with the reason, not as a crash. */
  if (!pd_context_open_workspace (self->context, &error))
    g_message ("Could not open the workspace: %s", error->message);
  else if (self->fill_demo && !pd_context_fill_demo (self->context, &error))
    g_message ("Could not fill the demo workspace: %s", error->message);

  gtk_window_set_default_icon_name (APPLICATION_ID);
}

static int
pd_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  PdApplication *self = PD_APPLICATION (app);

  if (g_variant_dict_contains (options, "demo"))
    self->fill_demo = TRUE;

  return -1;
}

static void
pd_application_dispose (GObject *object)
{
  PdApplication *self = PD_APPLICATION (object);

  g_clear_object (&self->context);

  G_OBJECT_CLASS (pd_application_parent_class)->dispose (object);
}

static void
pd_application_class_init (PdApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = pd_application_dispose;

  /* The resources live in a static library, where an automatic constructor
   * could be dropped by the linker; register them explicitly instead. */
  pd_register_resource ();

  app_class->activate = pd_application_activate;
  app_class->startup = pd_application_startup;
  app_class->handle_local_options = pd_application_handle_local_options;
}

static void
pd_application_about_action (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  static const char *developers[] = {
    "The Particulate Designer developers",
    NULL
  };
  PdApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  adw_show_about_window (window,
                         "application-name", _("Particulate Designer"),
                         "application-icon", APPLICATION_ID,
                         "developer-name", _("The Particulate Designer developers"),
                         "version", PACKAGE_VERSION,
                         "website", "https://particulate.example.com/designer",
                         "issue-url", "https://particulate.example.com/designer/issues",
                         "developers", developers,
                         /* Translators: Replace "translator-credits" with your names, one name per line */
                         "translator-credits", _("translator-credits"),
                         "copyright", "© 2026 The Particulate Designer developers",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         NULL);
}

static void
pd_application_preferences_action (GSimpleAction *action,
                                   GVariant      *parameter,
                                   gpointer       user_data)
{
  PdApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  PdPreferencesWindow *preferences;

  preferences = pd_preferences_window_new (self->context);
  gtk_window_set_transient_for (GTK_WINDOW (preferences), window);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (preferences), TRUE);
  gtk_window_set_application (GTK_WINDOW (preferences), GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
pd_application_help_action (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  PdApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  gtk_show_uri (window, "help:" APPLICATION_ID, GDK_CURRENT_TIME);
}

static void
pd_application_quit_action (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  PdApplication *self = user_data;
  GList *windows;

  /* Closing each window first lets it save its size and state. */
  windows = gtk_application_get_windows (GTK_APPLICATION (self));
  while (windows != NULL)
    {
      GtkWindow *window = windows->data;

      windows = windows->next;
      gtk_window_close (window);
    }

  g_application_quit (G_APPLICATION (self));
}

static const GActionEntry app_actions[] = {
  { "quit", pd_application_quit_action },
  { "about", pd_application_about_action },
  { "preferences", pd_application_preferences_action },
  { "help", pd_application_help_action },
};

static const GOptionEntry main_options[] = {
  { "demo", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("Fill an empty workspace with demo campaigns and projects"), NULL },
  { NULL }
};

static void
pd_application_init (PdApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), main_options);

  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   app_actions,
                                   G_N_ELEMENTS (app_actions),
                                   self);

  gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                         "app.quit",
                                         (const char *[]) { "<primary>q", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                         "app.preferences",
                                         (const char *[]) { "<primary>comma", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                         "app.help",
                                         (const char *[]) { "F1", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                         "win.show-help-overlay",
                                         (const char *[]) { "<primary>question", NULL });
}

PdApplication *
pd_application_new (void)
{
  return g_object_new (PD_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/com/particulate/Designer",
                       NULL);
}

/**
 * pd_application_get_context:
 *
 * Returns: (transfer none): the shared services
 */
PdContext *
pd_application_get_context (PdApplication *self)
{
  g_return_val_if_fail (PD_IS_APPLICATION (self), NULL);

  return self->context;
}
