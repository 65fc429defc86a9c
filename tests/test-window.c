/* test-window.c: the real application under a real display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pd-application.h"
#include "pd-preferences-window.h"
#include "pd-test-ui-utils.h"
#include "pd-context.h"
#include "pd-window-private.h"

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
 * then quits through the app.quit action. With @demo, the workspace holds
 * the demo campaigns and projects, as `particulate-designer --demo`. */
/* The day the demo runs on: it places its campaigns relative to today. */
#define DEMO_TODAY "2026-11-20T09:00:00+01:00"

/* As run_application(), in the data folder @data_home, which stays: the
 * next run sees what this one saved. */
static void
run_application_in (const char  *data_home,
                    void       (*check) (PdApplication *app, GtkWindow *window),
                    gboolean     demo)
{
  Fixture fixture = { 0 };
  char *argv[] = { (char *) "particulate-designer", demo ? (char *) "--demo" : NULL, NULL };
  int status;

  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  /* The demo places its campaigns relative to today. */
  if (demo)
    pd_test_fix_clock (DEMO_TODAY);

  fixture.app = pd_application_new ();
  fixture.check = check;
  g_application_set_flags (G_APPLICATION (fixture.app), G_APPLICATION_NON_UNIQUE);
  g_signal_connect (fixture.app, "window-added", G_CALLBACK (on_window_added_cb), &fixture);
  g_signal_connect_after (fixture.app, "activate", G_CALLBACK (on_activate_cb), &fixture);

  status = g_application_run (G_APPLICATION (fixture.app), demo ? 2 : 1, argv);

  g_assert_cmpint (status, ==, 0);
  g_assert_true (fixture.checked);

  g_object_add_weak_pointer (G_OBJECT (fixture.app), (gpointer *) &fixture.app);
  g_object_unref (fixture.app);
  g_assert_null (fixture.app);
}

static void
run_application (void   (*check) (PdApplication *app, GtkWindow *window),
                 gboolean demo)
{
  g_autofree char *data_home = pd_test_make_private_dir ();
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);

  /* A fresh start: no campaign chosen in an earlier run. */
  g_settings_reset (settings, "last-selection");
  run_application_in (data_home, check, demo);
  pd_test_remove_tree (data_home);
}

/* The demo workspace's campaigns (pd-demo-data.c), as the demo names
 * them on DEMO_TODAY. */
#define N_DEMO_CAMPAIGNS 2
static const char *demo_campaigns[N_DEMO_CAMPAIGNS + 1] = {
  "Weihnachtsaktion 2026",
  "Lentecampagne 2027 – Samen voor schoon water",
  NULL
};

static GtkWidget *
find_widget_of_type (GtkWidget *widget,
                     GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget_of_type (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The GtkStack that has pages named @page and @other_page: the window's
 * own stacks, not those of the pages in it. */
static GtkStack *
find_stack_with_pages (GtkWidget  *widget,
                       const char *page,
                       const char *other_page)
{
  if (GTK_IS_STACK (widget) &&
      gtk_stack_get_child_by_name (GTK_STACK (widget), page) != NULL &&
      gtk_stack_get_child_by_name (GTK_STACK (widget), other_page) != NULL)
    return GTK_STACK (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkStack *found = find_stack_with_pages (child, page, other_page);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The sidebar's stack: the campaign list or why there is none. */
static GtkStack *
find_sidebar_stack (GtkWindow *window)
{
  GtkStack *stack = find_stack_with_pages (GTK_WIDGET (window), "list", "no-workspace");

  g_assert_nonnull (stack);
  return stack;
}

static GtkListView *
find_campaign_list (GtkStack *sidebar_stack)
{
  GtkWidget *list_view = find_widget_of_type (gtk_stack_get_child_by_name (sidebar_stack, "list"),
                                              GTK_TYPE_LIST_VIEW);

  g_assert_nonnull (list_view);
  return GTK_LIST_VIEW (list_view);
}

/* The button that activates @action_name. */
static GtkWidget *
find_action_button (GtkWidget  *widget,
                    const char *action_name)
{
  if (GTK_IS_BUTTON (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_action_button (child, action_name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Whether a label showing @text is on screen under @widget. */
static gboolean
shows_label (GtkWidget  *widget,
             const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
      g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_label (child, text))
      return TRUE;

  return FALSE;
}

static GtkWidget *
leaflet_pane (AdwLeaflet *leaflet,
              const char *name)
{
  GtkWidget *pane = adw_leaflet_get_child_by_name (leaflet, name);

  g_assert_nonnull (pane);
  return pane;
}

/* Asserts that the sidebar's campaign list holds the demo campaigns, each
 * on a row on screen; returns the position of the one named @name. */
static guint
assert_campaigns_listed (GtkListView *list_view,
                         const char  *name)
{
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (list_view));
  guint position = GTK_INVALID_LIST_POSITION;

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, N_DEMO_CAMPAIGNS);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);
      const char *item_name;

      g_assert_true (PD_IS_CAMPAIGN (item));
      item_name = pd_campaign_get_name (PD_CAMPAIGN (item));
      g_assert_true (g_strv_contains (demo_campaigns, item_name));
      if (g_strcmp0 (item_name, name) == 0)
        position = i;
    }
  for (guint i = 0; i < N_DEMO_CAMPAIGNS; i++)
    g_assert_true (shows_label (GTK_WIDGET (list_view), demo_campaigns[i]));

  g_assert_cmpuint (position, !=, GTK_INVALID_LIST_POSITION);
  return position;
}

/* Opens the campaign at @position as a click (or Enter) on its row would. */
static void
activate_campaign (GtkListView *list_view,
                   guint        position)
{
  g_signal_emit_by_name (list_view, "activate", position);
  pd_test_settle (600);
}

static void
check_smoke (PdApplication *app,
             GtkWindow     *window)
{
  static const struct {
    const char *name;
    const char *title;
    const char *type;
  } pages[] = {
    { "details", "Details", "PdDetailsPage" },
    { "projects", "Projects", "PdProjectsPage" },
    { "design", "Design", "PdDesignPage" },
    { "vouchers", "Vouchers", "PdVouchersPage" },
    { "results", "Results", "PdResultsPage" },
  };
  g_autoptr(GdkTexture) texture = NULL;
  AdwLeaflet *leaflet;
  GtkStack *sidebar_stack;
  GtkStack *content_stack;
  GtkListView *list_view;
  AdwViewStack *view_stack;
  AdwViewSwitcherTitle *title;
  PdCampaign *campaign;
  guint position;

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_cmpstr (gtk_window_get_title (window), ==, "Particulate Designer");

  /* Wide, both panes side by side. */
  leaflet = ADW_LEAFLET (find_widget_of_type (GTK_WIDGET (window), ADW_TYPE_LEAFLET));
  g_assert_nonnull (leaflet);
  g_assert_false (adw_leaflet_get_folded (leaflet));
  g_assert_true (gtk_widget_get_mapped (leaflet_pane (leaflet, "sidebar")));
  g_assert_true (gtk_widget_get_mapped (leaflet_pane (leaflet, "content")));

  /* The sidebar lists the demo campaigns; nothing is open yet. */
  sidebar_stack = find_sidebar_stack (window);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (sidebar_stack), ==, "list");
  list_view = find_campaign_list (sidebar_stack);
  position = assert_campaigns_listed (list_view, demo_campaigns[0]);

  content_stack = find_stack_with_pages (GTK_WIDGET (window), "campaign", "empty");
  g_assert_nonnull (content_stack);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (content_stack), ==, "empty");
  g_assert_true (shows_label (GTK_WIDGET (content_stack), "No Campaign Selected"));
  g_assert_null (pd_window_get_campaign (PD_WINDOW (window)));
  pd_test_save_screenshot (GTK_WIDGET (window), "main-window");

  texture = pd_test_render_widget (GTK_WIDGET (window));
  g_assert_cmpint (gdk_texture_get_width (texture), ==, gtk_widget_get_width (GTK_WIDGET (window)));

  /* Opening a campaign shows its pages, with its name in the header. */
  activate_campaign (list_view, position);
  campaign = pd_window_get_campaign (PD_WINDOW (window));
  g_assert_nonnull (campaign);
  g_assert_cmpstr (pd_campaign_get_name (campaign), ==, demo_campaigns[0]);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (content_stack), ==, "campaign");

  title = ADW_VIEW_SWITCHER_TITLE (find_widget_of_type (GTK_WIDGET (window), ADW_TYPE_VIEW_SWITCHER_TITLE));
  g_assert_nonnull (title);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (title)));
  g_assert_cmpstr (adw_view_switcher_title_get_title (title), ==, demo_campaigns[0]);

  view_stack = ADW_VIEW_STACK (find_widget_of_type (GTK_WIDGET (content_stack), ADW_TYPE_VIEW_STACK));
  g_assert_nonnull (view_stack);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (adw_view_stack_get_pages (view_stack))),
                    ==, G_N_ELEMENTS (pages));
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      GtkWidget *child = adw_view_stack_get_child_by_name (view_stack, pages[i].name);
      AdwViewStackPage *page;
      g_autofree char *screenshot = g_strconcat ("main-window-", pages[i].name, NULL);

      g_test_message ("page %s", pages[i].name);
      g_assert_nonnull (child);
      g_assert_cmpstr (G_OBJECT_TYPE_NAME (child), ==, pages[i].type);
      page = adw_view_stack_get_page (view_stack, child);
      g_assert_cmpstr (adw_view_stack_page_get_title (page), ==, pages[i].title);
      /* Each page has its tab in the header. */
      g_assert_true (shows_label (GTK_WIDGET (title), pages[i].title));

      adw_view_stack_set_visible_child_name (view_stack, pages[i].name);
      pd_test_settle (300);
      g_assert_true (gtk_widget_get_mapped (child));
      g_assert_cmpint (gtk_widget_get_width (child), >, 0);
      g_assert_cmpint (gtk_widget_get_height (child), >, 0);
      pd_test_save_screenshot (GTK_WIDGET (window), screenshot);
    }
}

static void
test_window_smoke (void)
{
  run_application (check_smoke, TRUE);
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
  run_application (check_actions, FALSE);
}

static gboolean
leaflet_at_rest (gpointer data)
{
  return !adw_leaflet_get_child_transition_running (data);
}

/* Only the pane named @name of the folded leaflet is on screen, once the
 * slide to it has ended. */
static void
assert_only_pane (AdwLeaflet *leaflet,
                  const char *name)
{
  const char *other = g_str_equal (name, "sidebar") ? "content" : "sidebar";

  g_assert_true (pd_test_wait_for (leaflet_at_rest, leaflet, 10000));
  g_assert_true (adw_leaflet_get_folded (leaflet));
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, name);
  g_assert_true (gtk_widget_get_mapped (leaflet_pane (leaflet, name)));
  g_assert_false (gtk_widget_get_mapped (leaflet_pane (leaflet, other)));
}

static void
check_narrow (PdApplication *app,
              GtkWindow     *window)
{
  AdwLeaflet *leaflet = ADW_LEAFLET (find_widget_of_type (GTK_WIDGET (window), ADW_TYPE_LEAFLET));
  GtkWidget *back_button = find_action_button (GTK_WIDGET (window), "win.go-back");
  GtkListView *list_view = find_campaign_list (find_sidebar_stack (window));
  guint position;

  g_assert_nonnull (leaflet);
  g_assert_nonnull (back_button);

  /* Wide: both panes, no way back, as there is nowhere to go back to. */
  g_assert_false (adw_leaflet_get_folded (leaflet));
  g_assert_false (gtk_widget_get_visible (back_button));

  /* At phone width the two panes fold into one, the list, and it is
   * still drawn. */
  gtk_window_set_default_size (window, 360, 640);
  pd_test_settle (600);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 400);
  assert_only_pane (leaflet, "sidebar");
  position = assert_campaigns_listed (list_view, demo_campaigns[1]);
  pd_test_save_screenshot (GTK_WIDGET (window), "main-window-narrow");

  /* A campaign opens in place of the list, with a way back. */
  activate_campaign (list_view, position);
  g_assert_cmpstr (pd_campaign_get_name (pd_window_get_campaign (PD_WINDOW (window))), ==, demo_campaigns[1]);
  assert_only_pane (leaflet, "content");
  g_assert_true (gtk_widget_get_mapped (back_button));
  g_assert_true (gtk_widget_is_sensitive (back_button));
  pd_test_save_screenshot (GTK_WIDGET (window), "main-window-narrow-campaign");

  /* Back shows the list again; the campaign stays open behind it. */
  g_assert_true (gtk_widget_activate (back_button));
  pd_test_settle (600);
  assert_only_pane (leaflet, "sidebar");
  g_assert_nonnull (pd_window_get_campaign (PD_WINDOW (window)));

  /* The button's action, also bound to Alt+Left, does the same. */
  activate_campaign (list_view, position);
  assert_only_pane (leaflet, "content");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.go-back", NULL));
  pd_test_settle (600);
  assert_only_pane (leaflet, "sidebar");

  /* Wide again, both panes come back. */
  gtk_window_set_default_size (window, 1200, 800);
  pd_test_settle (600);
  g_assert_false (adw_leaflet_get_folded (leaflet));
  g_assert_true (gtk_widget_get_mapped (leaflet_pane (leaflet, "sidebar")));
  g_assert_true (gtk_widget_get_mapped (leaflet_pane (leaflet, "content")));
  g_assert_false (gtk_widget_get_visible (back_button));
}

static void
test_window_narrow (void)
{
  run_application (check_narrow, TRUE);
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
  run_application (check_remember_size, FALSE);
  run_application (check_remembered_size, FALSE);
}

/* The second demo campaign, chosen in the list as a click would, and its
 * Design page, as a click on its tab would. */
static void
check_select_campaign_and_page (PdApplication *app,
                                GtkWindow     *window)
{
  PdWindow *self = PD_WINDOW (window);
  GListModel *rows = G_LIST_MODEL (gtk_list_view_get_model (self->campaign_list_view));
  guint position = GTK_INVALID_LIST_POSITION;

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(PdCampaign) campaign = g_list_model_get_item (rows, i);

      if (g_str_equal (pd_campaign_get_name (campaign), demo_campaigns[1]))
        position = i;
    }
  g_assert_cmpuint (position, !=, GTK_INVALID_LIST_POSITION);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (self->campaign_list_view), "list.activate-item",
                                             "u", position));
  adw_view_stack_set_visible_child_name (self->view_stack, "design");
  pd_test_settle (200);
  g_assert_nonnull (self->campaign);
  g_assert_cmpstr (pd_campaign_get_name (self->campaign), ==, demo_campaigns[1]);
}

static char *deleted_id;
static guint n_campaigns;

static void
check_selection_restored (PdApplication *app,
                          GtkWindow     *window)
{
  PdWindow *self = PD_WINDOW (window);

  g_assert_nonnull (self->campaign);
  g_assert_cmpstr (pd_campaign_get_name (self->campaign), ==, demo_campaigns[1]);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (self->view_stack), ==, "design");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (self->content_stack), ==, "campaign");
  g_assert_true (gtk_single_selection_get_selected_item (self->selection) == (gpointer) self->campaign);
  pd_test_save_screenshot (GTK_WIDGET (window), "window-restored-selection");

  /* deleted while the window is closed, as a colleague on the platform
   * would: through the store, with the window not looking */
  deleted_id = g_strdup (pd_record_get_id (PD_RECORD (self->campaign)));
  n_campaigns = g_list_model_get_n_items (pd_store_get_campaigns (self->store));
}

static void
check_deleted_falls_back (PdApplication *app,
                          GtkWindow     *window)
{
  PdWindow *self = PD_WINDOW (window);

  g_assert_null (self->campaign);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (self->content_stack), ==, "empty");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (self->sidebar_stack), ==, "list");
  g_assert_null (gtk_single_selection_get_selected_item (self->selection));
  /* the other campaign is still there to choose */
  g_assert_cmpuint (g_list_model_get_n_items (pd_store_get_campaigns (self->store)), ==, n_campaigns - 1);
}

/* GLib keeps the first user data folder of the process: the workspace of
 * every run is there. */
static void
delete_campaign_offline (const char *id)
{
  g_autofree char *data_dir = pd_context_default_data_dir ();
  g_autofree char *path = g_build_filename (data_dir, "local", "workspace.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStore) store = pd_store_open (path, &error);
  g_autoptr(PdCampaign) campaign = NULL;

  g_assert_no_error (error);
  campaign = pd_store_get_campaign (store, id);
  g_assert_nonnull (campaign);
  g_assert_true (pd_store_delete (store, PD_RECORD (campaign), NULL, &error));
  g_assert_no_error (error);
}

static void
test_window_restores_selection (void)
{
  g_autofree char *data_home = pd_test_make_private_dir ();

  /* Settings are in memory for the whole process: the next start of the
   * application in the same data folder sees what this one saved. */
  run_application_in (data_home, check_select_campaign_and_page, TRUE);
  run_application_in (data_home, check_selection_restored, FALSE);
  delete_campaign_offline (deleted_id);
  run_application_in (data_home, check_deleted_falls_back, FALSE);
  g_clear_pointer (&deleted_id, g_free);
  pd_test_remove_tree (data_home);
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
  g_test_add_func ("/window/restores-selection", test_window_restores_selection);

  return g_test_run ();
}
