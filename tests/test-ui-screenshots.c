/* test-ui-screenshots.c: pictures of the campaign list, the Details page
 * and the Projects page, wide and at phone width, light and dark, from
 * the demo workspace. They land in _build/tests/screenshots/ for people to
 * look at; the test checks that each was drawn and fits the width, and
 * that the Design page leaves its preview a usable width at 1280 px.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pd-design-page-private.h"
#include "pd-projects-page-private.h"
#include "pd-test-app.h"

static void
resize (PdWindow *window,
        int       width,
        int       height)
{
  /* In steps, as a person drags the window edge: one jump from desktop to
   * phone width lets GTK 4.8 snapshot a folding pane before it is allocated. */
  while (ABS (gtk_widget_get_width (GTK_WIDGET (window)) - width) > 200)
    {
      int current = gtk_widget_get_width (GTK_WIDGET (window));
      int step = current > width ? current - 200 : current + 200;

      gtk_window_set_default_size (GTK_WINDOW (window), step, height);
      pd_test_settle (150);
      if (gtk_widget_get_width (GTK_WIDGET (window)) == current)
        break;
    }
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  pd_test_settle (500);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, width + 40);
}

static void
shoot (PdWindow   *window,
       const char *page,
       const char *size,
       const char *scheme)
{
  g_autofree char *name = g_strdup_printf ("%s-%s-%s", page, size, scheme);

  pd_test_settle (200);
  pd_test_save_screenshot (GTK_WIDGET (window), name);
}

static gboolean
is_stack_switcher_shown (GtkWidget *widget)
{
  if (GTK_IS_STACK_SWITCHER (widget) && gtk_widget_get_mapped (widget))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (is_stack_switcher_shown (child))
      return TRUE;
  return FALSE;
}

/* The donor page preview is what the Design page is for: beside the
 * campaign list and the editor column it keeps a usable share of the
 * window, and the editor column stays open beside it. */
static void
check_design_preview (PdWindow *window,
                      double    min_share)
{
  PdDesignPage *page = PD_DESIGN_PAGE (window->design_page);
  int window_width = gtk_widget_get_width (GTK_WIDGET (window));
  int preview_width = gtk_widget_get_width (GTK_WIDGET (page->preview));
  int editor_width = gtk_widget_get_width (adw_flap_get_flap (page->flap));

  g_test_message ("window %d px: campaigns %d px, editor %d px, preview %d px (%.1f %%)",
                  window_width, gtk_widget_get_width (GTK_WIDGET (window->sidebar_stack)), editor_width,
                  preview_width, 100.0 * preview_width / window_width);
  g_assert_false (adw_leaflet_get_folded (window->leaflet));
  g_assert_false (adw_flap_get_folded (page->flap));
  g_assert_true (adw_flap_get_reveal_flap (page->flap));
  g_assert_cmpint (editor_width, >=, 300);
  g_assert_cmpfloat ((double) preview_width, >=, min_share * window_width);
}

/* Every shortcut on one page: GTK 4.8 pages a section whose groups do not
 * fit max-height, and the page switcher it adds is what warns about a
 * negative label width. */
static void
shoot_shortcuts (PdWindow *window)
{
  GtkWindow *overlay = GTK_WINDOW (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));

  g_assert_nonnull (overlay);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  g_assert_true (pd_test_wait_for_mapped (GTK_WIDGET (overlay)));
  pd_test_settle (300);
  g_assert_false (is_stack_switcher_shown (GTK_WIDGET (overlay)));
  pd_test_save_screenshot (GTK_WIDGET (overlay), "shortcuts");
  gtk_window_close (overlay);
  pd_test_settle (100);
}

static void
check_screenshots (PdApplication *app,
                   PdWindow      *window)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  PdProjectsPage *projects = PD_PROJECTS_PAGE (window->projects_page);
  g_autoptr(PdCampaign) campaign = NULL;
  GListModel *campaigns = pd_store_get_campaigns (window->store);
  static const struct { const char *name; AdwColorScheme scheme; } schemes[] = {
    { "light", ADW_COLOR_SCHEME_FORCE_LIGHT },
    { "dark", ADW_COLOR_SCHEME_FORCE_DARK },
  };

  /* The demo's Christmas campaign has projects, texts and a period. */
  for (guint i = 0; i < g_list_model_get_n_items (campaigns) && campaign == NULL; i++)
    {
      g_autoptr(PdCampaign) item = g_list_model_get_item (campaigns, i);

      if (g_list_model_get_n_items (pd_campaign_get_projects (item)) > 0)
        campaign = g_steal_pointer (&item);
    }
  g_assert_nonnull (campaign);

  for (guint s = 0; s < G_N_ELEMENTS (schemes); s++)
    {
      adw_style_manager_set_color_scheme (style, schemes[s].scheme);

      resize (window, 1280, 800);
      pd_window_select_campaign (window, NULL);
      g_assert_cmpstr (gtk_stack_get_visible_child_name (window->content_stack), ==, "empty");
      shoot (window, "empty", "wide", schemes[s].name);

      pd_window_select_campaign (window, campaign);
      adw_view_stack_set_visible_child_name (window->view_stack, "details");
      shoot (window, "details", "wide", schemes[s].name);
      adw_view_stack_set_visible_child_name (window->view_stack, "projects");
      shoot (window, "projects", "wide", schemes[s].name);
      adw_view_stack_set_visible_child_name (window->view_stack, "design");
      pd_test_settle (300);
      shoot (window, "design", "wide", schemes[s].name);
      check_design_preview (window, 0.45);
      resize (window, 1600, 1000);
      shoot (window, "design", "1600", schemes[s].name);
      check_design_preview (window, 0.55);
      resize (window, 1280, 800);
      adw_view_stack_set_visible_child_name (window->view_stack, "vouchers");
      shoot (window, "vouchers", "wide", schemes[s].name);
      adw_view_stack_set_visible_child_name (window->view_stack, "results");
      shoot (window, "results", "wide", schemes[s].name);

      resize (window, 360, 720);
      g_assert_true (adw_leaflet_get_folded (window->leaflet));
      adw_view_stack_set_visible_child_name (window->view_stack, "details");
      adw_leaflet_navigate (window->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
      shoot (window, "details", "narrow", schemes[s].name);
      adw_view_stack_set_visible_child_name (window->view_stack, "projects");
      gtk_widget_activate_action (GTK_WIDGET (projects), "projects.show-campaign", NULL);
      shoot (window, "projects", "narrow", schemes[s].name);
      g_assert_true (adw_leaflet_get_folded (projects->leaflet));
      gtk_widget_activate_action (GTK_WIDGET (projects), "projects.show-library", NULL);
      shoot (window, "library", "narrow", schemes[s].name);
      gtk_widget_activate_action (GTK_WIDGET (projects), "projects.show-campaign", NULL);
      adw_view_stack_set_visible_child_name (window->view_stack, "design");
      pd_test_settle (300);
      shoot (window, "design", "narrow", schemes[s].name);
      /* At phone width the editor column folds away over the preview. */
      g_assert_true (adw_flap_get_folded (PD_DESIGN_PAGE (window->design_page)->flap));
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (PD_DESIGN_PAGE (window->design_page)->preview)), >=, 300);
      adw_leaflet_navigate (window->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
      shoot (window, "campaigns", "narrow", schemes[s].name);
    }

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  resize (window, 1100, 720);
  shoot_shortcuts (window);
}

static void
test_screenshots (void)
{
  pd_test_app_reset_workspace ();
  pd_test_app_run (TRUE, check_screenshots);
}

int
main (int   argc,
      char *argv[])
{
  pd_test_app_init ();
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ui-screenshots/pages", test_screenshots);

  return g_test_run ();
}
