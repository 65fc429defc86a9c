/* test-design-page.c: the Design page's real widgets under a display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <cairo.h>
#include <glib/gstdio.h>

#include "pd-block-properties.h"
#include "pd-colour.h"
#include "pd-design-page-private.h"
#include "pd-resources.h"
#include "pd-test-ui-utils.h"
#include "pd-validation.h"

typedef struct {
  char         *dir;
  PdStore      *store;
  PdCampaign   *campaign;
  GtkWindow    *window;
  PdDesignPage *page;
  GtkWidget    *outside_label;
  GString      *stats_projects;  /* the cached stats' "projects" */
} Fixture;

/* --- Pictures for the sample campaign, drawn here ----------------------- */

static char *
draw_png (Fixture    *fixture,
          const char *name,
          int         width,
          int         height,
          void      (*draw) (cairo_t *cr, int width, int height, double hue))
{
  static double hue = 0;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);
  char *path = g_build_filename (fixture->dir, name, NULL);

  draw (cr, width, height, hue);
  hue += 1;
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return path;
}

static void
draw_landscape (cairo_t *cr,
                int      width,
                int      height,
                double   hue)
{
  cairo_pattern_t *sky = cairo_pattern_create_linear (0, 0, 0, height);

  cairo_pattern_add_color_stop_rgb (sky, 0, 0.45, 0.70, 0.93);
  cairo_pattern_add_color_stop_rgb (sky, 1, 0.98, 0.85, 0.62);
  cairo_set_source (cr, sky);
  cairo_paint (cr);
  cairo_pattern_destroy (sky);

  cairo_set_source_rgb (cr, 1.0, 0.93, 0.55);
  cairo_arc (cr, width * 0.78, height * 0.32, height * 0.12, 0, 2 * G_PI);
  cairo_fill (cr);

  for (int layer = 0; layer < 3; layer++)
    {
      double base = height * (0.55 + layer * 0.15);

      cairo_set_source_rgb (cr, 0.16 + layer * 0.08, 0.45 - layer * 0.08, 0.28 - layer * 0.05);
      cairo_move_to (cr, 0, height);
      for (int x = 0; x <= width; x += 8)
        cairo_line_to (cr, x, base - sin ((x / (double) width) * G_PI * (2 + layer) + layer) * height * 0.08);
      cairo_line_to (cr, width, height);
      cairo_close_path (cr);
      cairo_fill (cr);
    }
}

static void
draw_project (cairo_t *cr,
              int      width,
              int      height,
              double   hue)
{
  static const double palette[][3] = {
    { 0.90, 0.38, 0.25 }, { 0.20, 0.55, 0.80 }, { 0.35, 0.65, 0.35 }, { 0.85, 0.65, 0.20 }, { 0.55, 0.40, 0.75 },
  };
  const double *c = palette[(int) hue % G_N_ELEMENTS (palette)];
  cairo_pattern_t *bg = cairo_pattern_create_linear (0, 0, width, height);

  cairo_pattern_add_color_stop_rgb (bg, 0, c[0], c[1], c[2]);
  cairo_pattern_add_color_stop_rgb (bg, 1, c[0] * 0.6, c[1] * 0.6, c[2] * 0.6);
  cairo_set_source (cr, bg);
  cairo_paint (cr);
  cairo_pattern_destroy (bg);

  for (int i = 0; i < 6; i++)
    {
      cairo_set_source_rgba (cr, 1, 1, 1, 0.10 + i * 0.03);
      cairo_arc (cr, width * (0.15 + 0.15 * i), height * (0.75 - 0.08 * (i % 3)), height * (0.10 + 0.04 * (i % 2)), 0, 2 * G_PI);
      cairo_fill (cr);
    }
}

static void
draw_logo (cairo_t *cr,
           int      width,
           int      height,
           double   hue)
{
  cairo_set_source_rgb (cr, 0.04, 0.31, 0.61);
  cairo_arc (cr, height / 2.0, height / 2.0, height / 2.0 - 2, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_arc (cr, height / 2.0, height / 2.0, height / 5.0, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_select_font_face (cr, "Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
  cairo_set_font_size (cr, height * 0.5);
  cairo_set_source_rgb (cr, 0.04, 0.31, 0.61);
  cairo_move_to (cr, height * 1.15, height * 0.68);
  cairo_show_text (cr, "Nordbank");
}

static char *
store_png (Fixture    *fixture,
           const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(PdAsset) asset = NULL;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
  asset = pd_store_add_asset (fixture->store, bytes, "image/png", &error);
  g_assert_no_error (error);
  return g_strdup (pd_asset_get_sha256 (asset));
}

/* --- The sample campaign ------------------------------------------------ */

static void
add_project (Fixture    *fixture,
             PdCampaign *campaign,
             const char *title,
             const char *organisation,
             const char *location,
             const char *description,
             gint64      target,
             gint64      raised)
{
  g_autoptr(PdProject) project = pd_project_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("project-%s.png", title);
  g_autofree char *path = draw_png (fixture, name, 480, 320, draw_project);
  g_autofree char *sha = store_png (fixture, path);

  pd_project_set_title (project, title);
  pd_project_set_organisation (project, organisation);
  pd_project_set_location (project, location);
  pd_project_set_description (project, description);
  pd_project_set_category (project, "Sport");
  pd_project_set_default_target_coins (project, target);
  pd_project_set_source (project, PD_PROJECT_SOURCE_CLIENT);
  pd_project_set_image_sha256 (project, sha);
  g_assert_true (pd_store_save (fixture->store, PD_RECORD (project), NULL, &error));
  g_assert_no_error (error);

  pd_campaign_add_project (campaign, pd_record_get_id (PD_RECORD (project)), target, G_MAXUINT);
  g_string_append_printf (fixture->stats_projects, "%s{\"project_id\": \"%s\", \"coins\": %" G_GINT64_FORMAT
                          ", \"target_coins\": %" G_GINT64_FORMAT "}",
                          fixture->stats_projects->len > 0 ? ", " : "",
                          pd_record_get_id (PD_RECORD (project)), raised, target);
}

static void
make_campaign (Fixture *fixture)
{
  g_autoptr(PdCampaign) campaign = pd_campaign_new ();
  g_autoptr(GError) error = NULL;
  PdCampaignText *text;

  pd_campaign_set_name (campaign, "Radeln für den Verein");
  text = pd_campaign_ensure_text (campaign, "de");
  pd_campaign_text_set_title (text, "Radeln für den Verein");
  pd_campaign_text_set_intro (text, "Für jede Fahrt mit unseren Leihrädern schenken wir Ihnen 100 SocialCoins. "
                                    "Sie entscheiden, welches Projekt in Ihrer Stadt das Geld bekommt – "
                                    "100 % Ihrer Spende kommen an.");
  pd_campaign_text_append_faq (text, pd_faq_entry_new ("Was kostet mich das?",
                                                       "Nichts. Die Nordbank zahlt jede Spende aus ihrem Aktionsbudget."));
  pd_campaign_text_append_faq (text, pd_faq_entry_new ("Wie lange ist mein Gutschein gültig?",
                                                       "Bis zum Ende der Aktion am 31. Januar."));
  text = pd_campaign_ensure_text (campaign, "en");
  pd_campaign_text_set_title (text, "Cycling for your club");
  pd_campaign_text_set_intro (text, "For every ride on our rental bikes we give you 100 SocialCoins. "
                                    "You decide which project in your city gets the money.");
  text = pd_campaign_ensure_text (campaign, "nl");
  pd_campaign_text_set_title (text, "Fietsen voor je club");
  pd_campaign_text_set_intro (text, "Voor elke rit op onze huurfietsen krijgt u 100 SocialCoins. "
                                    "U bepaalt welk project in uw stad het geld krijgt.");

  add_project (fixture, campaign, "Neue Trikots für die C-Jugend", "SV Grün-Weiß Köln", "Köln",
               "Die C-Jugend spielt seit acht Jahren in denselben Trikots. Zeit für neue!", 50000, 31250);
  add_project (fixture, campaign, "Ein Spielplatz für Ehrenfeld", "Bürgerverein Ehrenfeld", "Köln",
               "Schaukeln, Sandkasten und ein Klettergerüst für den Hinterhof der Grundschule.", 120000, 45800);
  add_project (fixture, campaign, "Frisches Essen für die Tafel", "Kölner Tafel e. V.", "Köln",
               "Ein Kühltransporter, damit gespendete Lebensmittel frisch ankommen.", 80000, 80000);

  g_assert_true (pd_store_save (fixture->store, PD_RECORD (campaign), NULL, &error));
  g_assert_no_error (error);
  fixture->campaign = pd_store_get_campaign (fixture->store, pd_record_get_id (PD_RECORD (campaign)));
  g_assert_nonnull (fixture->campaign);
}

/* The stats as the Results page cached them on an earlier fetch. */
static char *
stats_json (Fixture    *fixture,
            const char *projects)
{
  return g_strdup_printf ("{\"campaign_id\": \"%s\", \"vouchers_issued\": 5000, \"vouchers_redeemed\": 1500,"
                          " \"vouchers_expired\": 0, \"coins_redeemed\": 157050, \"unredeemed_coins\": 342950,"
                          " \"projects\": [%s], \"timeline\": [], \"payouts_due\": [],"
                          " \"generated_at\": \"2026-12-04T18:00:00+01:00\"}",
                          pd_record_get_id (PD_RECORD (fixture->campaign)), projects);
}

static void
write_cached_stats (Fixture *fixture)
{
  PdStatsCache *cache = pd_store_get_stats_cache (fixture->store);
  g_autofree char *path = pd_stats_cache_dup_path (cache, pd_record_get_id (PD_RECORD (fixture->campaign)));
  g_autofree char *json = stats_json (fixture, fixture->stats_projects->str);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_str_has_prefix (path, fixture->dir));
  g_assert_cmpint (g_mkdir_with_parents (pd_stats_cache_get_dir (cache), 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, json, -1, &error));
  g_assert_no_error (error);
}

static void settle_preview (Fixture *fixture);

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;
  GtkWidget *box;

  fixture->dir = pd_test_make_private_dir ();
  db = g_build_filename (fixture->dir, "workspace.db", NULL);
  fixture->store = pd_store_open (db, &error);
  g_assert_no_error (error);
  fixture->stats_projects = g_string_new (NULL);
  make_campaign (fixture);
  write_cached_stats (fixture);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1400, 1000);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  fixture->outside_label = gtk_label_new ("Application label");
  gtk_box_append (GTK_BOX (box), fixture->outside_label);
  fixture->page = PD_DESIGN_PAGE (pd_design_page_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (fixture->page), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (fixture->page));
  gtk_window_set_child (fixture->window, box);

  g_object_set (fixture->page, "store", fixture->store, "campaign", fixture->campaign, NULL);
  gtk_window_present (fixture->window);
  g_assert_true (pd_test_wait_for_mapped (GTK_WIDGET (fixture->page)));
  settle_preview (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_object_add_weak_pointer (G_OBJECT (fixture->page), (gpointer *) &fixture->page);
  gtk_window_destroy (fixture->window);
  pd_test_settle (50);
  /* The page lets go of everything when its window closes. */
  g_assert_null (fixture->page);
  g_clear_object (&fixture->campaign);
  g_clear_object (&fixture->store);
  g_string_free (fixture->stats_projects, TRUE);
  pd_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

/* --- Helpers ------------------------------------------------------------ */

/* The preview re-renders in an idle after each change and is laid out on
 * the next frame: wait for both, so positions are those on screen. */
static gboolean
preview_is_ready (gpointer data)
{
  Fixture *fixture = data;
  GtkWidget *page = pd_donor_preview_get_page_widget (fixture->page->preview);
  GtkWidget *last;

  if (fixture->page->render_id != 0 || page == NULL || gtk_widget_get_height (page) <= 0)
    return FALSE;
  last = gtk_widget_get_last_child (page);
  return last == NULL || gtk_widget_get_height (last) > 0;
}

static void
settle_preview (Fixture *fixture)
{
  g_assert_true (pd_test_wait_for (preview_is_ready, fixture, 10000));
  pd_test_settle (20);
}

static PdThemeEditor *
theme_editor (Fixture *fixture)
{
  return fixture->page->theme_editor;
}

static PdTheme *
campaign_theme (Fixture *fixture)
{
  const char *id = pd_campaign_get_theme_id (fixture->campaign);

  g_assert_nonnull (id);
  return pd_store_get_theme (fixture->store, id);
}

static void
undo (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pd_undo_stack_undo (pd_store_get_undo_stack (fixture->store), &error));
  g_assert_no_error (error);
  settle_preview (fixture);
}

/* The block types in the order the store has them now, e.g. "hero,faq". */
static char *
stored_order (Fixture *fixture)
{
  g_autoptr(JsonNode) local = pd_store_get_local (fixture->store, "campaign", pd_record_get_id (PD_RECORD (fixture->campaign)));
  JsonArray *blocks = json_object_get_array_member (json_node_get_object (local), "page_blocks");
  GString *order = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (blocks); i++)
    {
      JsonObject *block = json_array_get_object_element (blocks, i);
      if (i > 0)
        g_string_append_c (order, ',');
      g_string_append (order, json_object_get_string_member (block, "type"));
    }
  return g_string_free (order, FALSE);
}

static const char *
block_id_at (Fixture *fixture,
             guint    position)
{
  g_autoptr(PdPageBlock) block = g_list_model_get_item (pd_campaign_get_page_blocks (fixture->campaign), position);

  g_assert_nonnull (block);
  return g_intern_string (pd_page_block_get_id (block));
}

static void
add_block (Fixture    *fixture,
           const char *type)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "design.add-block", "s", type));
  settle_preview (fixture);
}

/* Triggers the page's own shortcut for @accel, as a key press would. */
static void
press_shortcut (Fixture    *fixture,
                const char *accel)
{
  g_autoptr(GtkShortcutTrigger) wanted = gtk_shortcut_trigger_parse_string (accel);
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (fixture->page));
  gboolean done = FALSE;

  for (guint i = 0; !done && i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; !done && j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), wanted))
            {
              g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0,
                                                           GTK_WIDGET (fixture->page), gtk_shortcut_get_arguments (shortcut)));
              done = TRUE;
            }
        }
    }
  g_assert_true (done);
  settle_preview (fixture);
}

/* Drops @payload on the preview at the vertical middle of slot @slot_index
 * (or below the last one), through the preview's real drop handler. */
static gboolean
drop_on_preview (Fixture    *fixture,
                 const char *payload,
                 double      y)
{
  GtkDropTarget *target = pd_donor_preview_get_drop_target (fixture->page->preview);
  g_auto(GValue) value = G_VALUE_INIT;
  gboolean handled = FALSE;

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, payload);
  g_signal_emit_by_name (target, "drop", &value, 10.0, y, &handled);
  settle_preview (fixture);
  return handled;
}

static double
slot_y (Fixture *fixture,
        guint    position,
        double   fraction)
{
  GtkWidget *slot = pd_donor_preview_get_block_widget (fixture->page->preview, block_id_at (fixture, position));
  graphene_rect_t bounds;

  g_assert_nonnull (slot);
  g_assert_true (gtk_widget_compute_bounds (slot, pd_donor_preview_get_page_widget (fixture->page->preview), &bounds));
  return bounds.origin.y + bounds.size.height * fraction;
}

/* --- Waiting for asynchronous work ------------------------------------- */

typedef struct {
  gboolean  done;
  GError   *error;
} AsyncWait;

static gboolean
is_done (gpointer data)
{
  return ((AsyncWait *) data)->done;
}

static void
on_export_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      data)
{
  AsyncWait *wait = data;

  pd_design_page_export_finish (PD_DESIGN_PAGE (source), result, &wait->error);
  wait->done = TRUE;
}

static void
on_image_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      data)
{
  AsyncWait *wait = data;

  pd_theme_editor_load_image_finish (PD_THEME_EDITOR (source), result, &wait->error);
  wait->done = TRUE;
}

static gboolean
has_logo (gpointer theme)
{
  return pd_theme_get_logo_sha256 (theme) != NULL;
}

static void
load_image (Fixture      *fixture,
            PdThemeImage  image,
            GFile        *file)
{
  AsyncWait wait = { FALSE, NULL };

  pd_theme_editor_load_image_async (fixture->page->theme_editor, image, file, NULL, on_image_done_cb, &wait);
  g_assert_true (pd_test_wait_for (is_done, &wait, 5000));
  g_assert_no_error (wait.error);
}

/* --- Tests -------------------------------------------------------------- */

static void
test_theme_colour (Fixture       *fixture,
                   gconstpointer  data)
{
  PdThemeEditor *editor = theme_editor (fixture);
  g_autoptr(PdTheme) theme = NULL;
  g_autofree char *original = NULL;
  GtkWidget *entry;
  GdkRGBA yellow = { 1.0, 230 / 255.0, 0.0, 1.0 };

  g_assert_null (pd_campaign_get_theme_id (fixture->campaign));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "theme.add-starters", NULL));
  settle_preview (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (pd_store_get_themes (fixture->store)), ==, 4);
  theme = campaign_theme (fixture);
  g_assert_nonnull (theme);
  g_assert_true (pd_theme_editor_get_theme (editor) == theme);
  original = g_strdup (pd_theme_get_primary_color (theme));
  g_assert_false (pd_theme_editor_get_contrast_warning (editor, TRUE));

  /* Typing a colour code and pressing Enter. */
  entry = pd_theme_editor_get_colour_entry (editor, PD_THEME_COLOUR_PRIMARY);
  gtk_editable_set_text (GTK_EDITABLE (entry), "#7A1F5C");
  g_signal_emit_by_name (entry, "activate");
  settle_preview (fixture);
  g_assert_cmpstr (pd_theme_get_primary_color (theme), ==, "#7a1f5c");
  g_assert_cmpstr (pd_undo_stack_get_undo_label (pd_store_get_undo_stack (fixture->store)), ==,
                   "Undo Change Primary Colour");

  /* A bad code is refused with a message, and nothing is saved. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "#12345");
  g_signal_emit_by_name (entry, "activate");
  settle_preview (fixture);
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  g_assert_cmpstr (pd_theme_get_primary_color (theme), ==, "#7a1f5c");

  /* The colour chooser: a yellow primary makes white button text fail. */
  gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (pd_theme_editor_get_colour_button (editor, PD_THEME_COLOUR_PRIMARY)), &yellow);
  g_signal_emit_by_name (pd_theme_editor_get_colour_button (editor, PD_THEME_COLOUR_PRIMARY), "color-set");
  settle_preview (fixture);
  g_assert_cmpstr (pd_theme_get_primary_color (theme), ==, "#ffe600");
  g_assert_true (pd_theme_editor_get_contrast_warning (editor, TRUE));
  g_assert_false (pd_theme_editor_get_contrast_warning (editor, FALSE));
  g_assert_true (g_str_has_prefix (pd_theme_editor_get_contrast_text (editor, TRUE), "1.2:1"));
  gtk_stack_set_visible_child_name (GTK_STACK (gtk_widget_get_ancestor (GTK_WIDGET (editor), GTK_TYPE_STACK)), "theme");
  settle_preview (fixture);
  /* Styles of the switcher and toolbar change on the next frames. */
  pd_test_settle (300);
  pd_test_save_screenshot (GTK_WIDGET (fixture->page), "design-theme-contrast-warning");

  /* The stored copy has it too, and undo goes back step by step. */
  {
    g_autoptr(JsonNode) local = pd_store_get_local (fixture->store, "theme", pd_record_get_id (PD_RECORD (theme)));
    JsonObject *colors = json_object_get_object_member (json_node_get_object (local), "colors");
    g_assert_cmpstr (json_object_get_string_member (colors, "primary"), ==, "#ffe600");
  }
  undo (fixture);
  g_assert_cmpstr (pd_theme_get_primary_color (theme), ==, "#7a1f5c");
  g_assert_false (pd_theme_editor_get_contrast_warning (editor, TRUE));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "#7a1f5c");
  undo (fixture);
  g_assert_cmpstr (pd_theme_get_primary_color (theme), ==, original);

  /* The preview follows the theme: its page uses the primary colour. */
  {
    GtkCssProvider *provider = pd_donor_preview_get_css_provider (fixture->page->preview);
    g_autofree char *css = gtk_css_provider_to_string (provider);
    PdColour primary = pd_colour_parse_or (original, "#000000");
    g_autofree char *needle = g_strdup_printf ("rgb(%d,%d,%d)", primary.red, primary.green, primary.blue);

    g_assert_nonnull (strstr (css, needle));
  }
}

static void
test_theme_manage (Fixture       *fixture,
                   gconstpointer  data)
{
  PdThemeEditor *editor = theme_editor (fixture);
  g_autoptr(PdTheme) theme = NULL;
  g_autoptr(PdTheme) copy = NULL;
  g_autofree char *first_id = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "theme.new", NULL));
  settle_preview (fixture);
  theme = campaign_theme (fixture);
  first_id = g_strdup (pd_record_get_id (PD_RECORD (theme)));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "theme.duplicate", NULL));
  settle_preview (fixture);
  copy = campaign_theme (fixture);
  g_assert_cmpstr (pd_record_get_id (PD_RECORD (copy)), !=, first_id);
  g_assert_true (g_str_has_suffix (pd_theme_get_name (copy), "(Copy)"));
  g_assert_cmpuint (g_list_model_get_n_items (pd_store_get_themes (fixture->store)), ==, 2);

  /* Delete takes it off the campaign; undo brings both back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "theme.delete", NULL));
  settle_preview (fixture);
  g_assert_null (pd_campaign_get_theme_id (fixture->campaign));
  g_assert_cmpuint (g_list_model_get_n_items (pd_store_get_themes (fixture->store)), ==, 1);
  undo (fixture);
  g_assert_cmpstr (pd_campaign_get_theme_id (fixture->campaign), ==, pd_record_get_id (PD_RECORD (copy)));
  g_assert_cmpuint (g_list_model_get_n_items (pd_store_get_themes (fixture->store)), ==, 2);

  /* Choosing another theme in the list assigns it. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (pd_theme_editor_get_theme_row (editor)), 1);
  settle_preview (fixture);
  g_assert_cmpstr (pd_campaign_get_theme_id (fixture->campaign), ==, first_id);
}

static void
test_theme_image_file (Fixture       *fixture,
                       gconstpointer  data)
{
  PdThemeEditor *editor = theme_editor (fixture);
  g_autofree char *path = draw_png (fixture, "logo.png", 400, 96, draw_logo);
  g_autofree char *text_path = g_build_filename (fixture->dir, "notes.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) text_file = g_file_new_for_path (text_path);
  GdkFileList *list = NULL;
  g_autoptr(PdTheme) theme = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  GtkDropTarget *target = NULL;
  gboolean handled = FALSE;
  GSList *files;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "theme.new", NULL));
  settle_preview (fixture);
  theme = campaign_theme (fixture);
  g_assert_null (pd_theme_get_logo_sha256 (theme));

  /* Dropping a file from the file manager on the logo row. */
  {
    g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (pd_theme_editor_get_image_row (editor, PD_THEME_IMAGE_LOGO));
    for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
      {
        g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);
        if (GTK_IS_DROP_TARGET (controller))
          target = GTK_DROP_TARGET (controller);
      }
  }
  g_assert_nonnull (target);
  files = g_slist_prepend (NULL, file);
  list = gdk_file_list_new_from_list (files);
  g_slist_free (files);
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, list);
  g_signal_emit_by_name (target, "drop", &value, 5.0, 5.0, &handled);
  g_assert_true (handled);
  g_assert_true (pd_test_wait_for (has_logo, theme, 5000));
  {
    g_autoptr(GBytes) bytes = pd_store_load_asset (fixture->store, pd_theme_get_logo_sha256 (theme), NULL);
    g_assert_nonnull (bytes);
  }

  /* A file that is no image is refused and changes nothing. */
  g_assert_true (g_file_set_contents (text_path, "just text", -1, NULL));
  {
    AsyncWait wait = { FALSE, NULL };
    g_autofree char *before = g_strdup (pd_theme_get_logo_sha256 (theme));

    pd_theme_editor_load_image_async (editor, PD_THEME_IMAGE_LOGO, text_file, NULL, on_image_done_cb, &wait);
    g_assert_true (pd_test_wait_for (is_done, &wait, 5000));
    g_assert_error (wait.error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
    g_clear_error (&wait.error);
    g_assert_cmpstr (pd_theme_get_logo_sha256 (theme), ==, before);
  }
}

static void
test_blocks (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *order = NULL;
  const char *faq_id;

  add_block (fixture, "hero");
  add_block (fixture, "redeem-form");
  add_block (fixture, "project-grid");
  add_block (fixture, "faq");
  add_block (fixture, "footer");
  order = stored_order (fixture);
  g_assert_cmpstr (order, ==, "hero,redeem-form,project-grid,faq,footer");
  g_clear_pointer (&order, g_free);
  g_assert_cmpstr (pd_undo_stack_get_undo_label (pd_store_get_undo_stack (fixture->store)), ==, "Undo Add Footer Block");

  /* A palette button adds below the selected block. */
  pd_design_page_select_block (fixture->page, block_id_at (fixture, 0));
  add_block (fixture, "intro");
  order = stored_order (fixture);
  g_assert_cmpstr (order, ==, "hero,intro,redeem-form,project-grid,faq,footer");
  g_clear_pointer (&order, g_free);
  g_assert_cmpstr (pd_design_page_get_selected_block (fixture->page), ==, block_id_at (fixture, 1));

  /* Keyboard: Alt+Down twice, then Alt+Up once. */
  faq_id = block_id_at (fixture, 4);
  pd_design_page_select_block (fixture->page, faq_id);
  gtk_widget_grab_focus (pd_donor_preview_get_block_widget (fixture->page->preview, faq_id));
  press_shortcut (fixture, "<Alt>Up");
  press_shortcut (fixture, "<Alt>Up");
  order = stored_order (fixture);
  g_assert_cmpstr (order, ==, "hero,intro,faq,redeem-form,project-grid,footer");
  g_clear_pointer (&order, g_free);
  g_assert_cmpstr (pd_undo_stack_get_undo_label (pd_store_get_undo_stack (fixture->store)), ==, "Undo Move Block");
  press_shortcut (fixture, "<Alt>Down");
  order = stored_order (fixture);
  g_assert_cmpstr (order, ==, "hero,intro,redeem-form,faq,project-grid,footer");
  g_clear_pointer (&order, g_free);
  /* The moved block keeps the selection and the focus. */
  g_assert_cmpstr (pd_design_page_get_selected_block (fixture->page), ==, faq_id);
  g_assert_true (gtk_widget_has_focus (pd_donor_preview_get_block_widget (fixture->page->preview, faq_id)));

  /* Drag and drop: the footer dropped on the upper half of the hero goes
   * first; the hero dropped below the last block goes last. */
  {
    g_autofree char *payload = g_strconcat ("pd-block:", block_id_at (fixture, 5), NULL);
    g_assert_true (drop_on_preview (fixture, payload, slot_y (fixture, 0, 0.25)));
  }
  order = stored_order (fixture);
  g_assert_cmpstr (order, ==, "footer,hero,intro,redeem-form,faq,project-grid");
  g_clear_pointer (&order, g_free);
  {
    g_autofree char *payload = g_strconcat ("pd-block:", block_id_at (fixture, 1), NULL);
    g_assert_true (drop_on_preview (fixture, payload, slot_y (fixture, 5, 0.9)));
  }
  order = stored_order (fixture);
  g_assert_cmpstr (order, ==, "footer,intro,redeem-form,faq,project-grid,hero");
  g_clear_pointer (&order, g_free);

  /* A palette block dropped on the lower half of the second block. */
  g_assert_true (drop_on_preview (fixture, "pd-block-type:progress", slot_y (fixture, 1, 0.75)));
  order = stored_order (fixture);
  g_assert_cmpstr (order, ==, "footer,intro,progress,redeem-form,faq,project-grid,hero");
  g_clear_pointer (&order, g_free);
  /* Text from elsewhere is not a block. */
  g_assert_false (drop_on_preview (fixture, "hello", 10));
  g_assert_false (drop_on_preview (fixture, "pd-block-type:no-such-block", 10));
  g_assert_false (drop_on_preview (fixture, "pd-block:no-such-id", 10));

  /* Undo walks back through the drops. */
  undo (fixture);
  undo (fixture);
  order = stored_order (fixture);
  g_assert_cmpstr (order, ==, "footer,hero,intro,redeem-form,faq,project-grid");
  g_clear_pointer (&order, g_free);

  /* Delete removes the selected block; the toast's Undo brings it back. */
  pd_design_page_select_block (fixture->page, block_id_at (fixture, 0));
  press_shortcut (fixture, "Delete");
  order = stored_order (fixture);
  g_assert_cmpstr (order, ==, "hero,intro,redeem-form,faq,project-grid");
  g_clear_pointer (&order, g_free);
  g_assert_cmpstr (pd_design_page_get_selected_block (fixture->page), ==, block_id_at (fixture, 0));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "design.undo", NULL));
  settle_preview (fixture);
  order = stored_order (fixture);
  g_assert_cmpstr (order, ==, "footer,hero,intro,redeem-form,faq,project-grid");
  g_clear_pointer (&order, g_free);

  /* The preview shows the blocks in the same order. */
  for (guint i = 0; i < 6; i++)
    {
      GtkWidget *slot = pd_donor_preview_get_block_widget (fixture->page->preview, block_id_at (fixture, i));
      g_assert_nonnull (slot);
      if (i > 0)
        g_assert_cmpfloat (slot_y (fixture, i, 0), >, slot_y (fixture, i - 1, 0));
    }
}

static void
test_block_properties (Fixture       *fixture,
                       gconstpointer  data)
{
  PdBlockProperties *panel = fixture->page->block_properties;
  GtkWidget *control;
  g_autoptr(PdPageBlock) block = NULL;

  add_block (fixture, "project-grid");
  block = g_list_model_get_item (pd_campaign_get_page_blocks (fixture->campaign), 0);

  control = pd_block_properties_get_control (panel, "columns");
  g_assert_nonnull (control);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (control), 2);
  settle_preview (fixture);
  g_assert_cmpint (pd_page_block_get_int (pd_campaign_find_page_block (fixture->campaign, pd_page_block_get_id (block), NULL),
                                          "columns", 0), ==, 2);

  control = pd_block_properties_get_control (panel, "show_progress");
  gtk_switch_set_active (GTK_SWITCH (control), FALSE);
  settle_preview (fixture);
  g_assert_false (pd_page_block_get_boolean (pd_campaign_find_page_block (fixture->campaign, pd_page_block_get_id (block), NULL),
                                             "show_progress", TRUE));

  /* The heading is per language: German here. */
  control = pd_block_properties_get_control (panel, "heading_de");
  g_assert_nonnull (control);
  gtk_editable_set_text (GTK_EDITABLE (control), "Unsere Projekte");
  g_signal_emit_by_name (control, "apply");
  settle_preview (fixture);
  g_assert_cmpstr (pd_page_block_get_string (pd_campaign_find_page_block (fixture->campaign, pd_page_block_get_id (block), NULL),
                                             "heading_de", NULL), ==, "Unsere Projekte");

  /* Undo puts the switch back, and the panel shows it. */
  undo (fixture);
  undo (fixture);
  control = pd_block_properties_get_control (panel, "show_progress");
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (control)));

  /* An image block takes a dropped picture file. */
  add_block (fixture, "image");
  {
    g_autofree char *path = draw_png (fixture, "picture.png", 640, 360, draw_landscape);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autoptr(GFile) text_file = NULL;
    g_autofree char *text_path = g_build_filename (fixture->dir, "readme.txt", NULL);
    const char *image_id = pd_design_page_get_selected_block (fixture->page);
    PdPageBlock *image_block;

    pd_block_properties_set_image (panel, file);
    image_block = NULL;
    for (guint i = 0; i < 200 && image_block == NULL; i++)
      {
        PdPageBlock *b = pd_campaign_find_page_block (fixture->campaign, image_id, NULL);
        if (b != NULL && pd_page_block_get_string (b, "image_sha256", NULL) != NULL)
          image_block = b;
        else
          pd_test_settle (20);
      }
    g_assert_nonnull (image_block);
    g_assert_cmpstr (pd_undo_stack_get_undo_label (pd_store_get_undo_stack (fixture->store)), ==, "Undo Change Image");
    {
      g_autoptr(GBytes) bytes = pd_store_load_asset (fixture->store, pd_page_block_get_string (image_block, "image_sha256", NULL), NULL);
      g_assert_nonnull (bytes);
    }

    /* Text is not an image: refused, the picture stays. */
    g_assert_true (g_file_set_contents (text_path, "<script>alert(1)</script>", -1, NULL));
    text_file = g_file_new_for_path (text_path);
    pd_block_properties_set_image (panel, text_file);
    pd_test_settle (300);
    g_assert_cmpstr (pd_undo_stack_get_undo_label (pd_store_get_undo_stack (fixture->store)), ==, "Undo Change Image");
    settle_preview (fixture);
  }

  /* The footer refuses a javascript: link. */
  add_block (fixture, "footer");
  control = pd_block_properties_get_control (panel, "link_url");
  g_assert_nonnull (control);
  gtk_editable_set_text (GTK_EDITABLE (control), "javascript:alert(1)");
  g_signal_emit_by_name (control, "apply");
  settle_preview (fixture);
  g_assert_true (gtk_widget_has_css_class (control, "error"));
  g_assert_null (pd_page_block_get_string (pd_campaign_find_page_block (fixture->campaign,
                                                                        pd_design_page_get_selected_block (fixture->page), NULL),
                                           "link_url", NULL));
}

static void
test_css_scoped (Fixture       *fixture,
                 gconstpointer  data)
{
  GtkWidget *button = gtk_button_new_with_label ("Application button");
  g_autoptr(GdkTexture) before = NULL;
  g_autoptr(GdkTexture) after = NULL;
  GdkRGBA label_before, label_after, inside;
  GtkWidget *slot, *label;

  gtk_box_prepend (GTK_BOX (gtk_widget_get_parent (fixture->outside_label)), button);
  g_assert_true (pd_test_wait_for_mapped (button));
  settle_preview (fixture);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (fixture->outside_label), &label_before);
  G_GNUC_END_IGNORE_DEPRECATIONS
  before = pd_test_render_widget (button);

  /* A loud theme and blocks with every kind of widget. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (theme_editor (fixture)), "theme.add-starters", NULL));
  add_block (fixture, "hero");
  add_block (fixture, "redeem-form");
  add_block (fixture, "project-grid");
  add_block (fixture, "progress");
  add_block (fixture, "partner-logos");
  {
    GtkWidget *entry = pd_theme_editor_get_colour_entry (theme_editor (fixture), PD_THEME_COLOUR_TEXT);
    gtk_editable_set_text (GTK_EDITABLE (entry), "#ff0000");
    g_signal_emit_by_name (entry, "activate");
  }
  pd_design_page_set_preview (fixture->page, PD_DONOR_PREVIEW_DESKTOP_WIDTH, TRUE, "de");
  pd_design_page_set_preview (fixture->page, PD_DONOR_PREVIEW_DESKTOP_WIDTH, FALSE, "de");
  settle_preview (fixture);

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (fixture->outside_label), &label_after);
  G_GNUC_END_IGNORE_DEPRECATIONS
  after = pd_test_render_widget (button);

  /* The application's widgets look exactly as before … */
  g_assert_true (gdk_rgba_equal (&label_before, &label_after));
  g_assert_cmpint (gdk_texture_get_width (before), ==, gdk_texture_get_width (after));
  {
    gsize size = (gsize) gdk_texture_get_width (before) * gdk_texture_get_height (before) * 4;
    g_autofree guchar *a = g_malloc (size);
    g_autofree guchar *b = g_malloc (size);

    gdk_texture_download (before, a, gdk_texture_get_width (before) * 4);
    gdk_texture_download (after, b, gdk_texture_get_width (after) * 4);
    g_assert_true (memcmp (a, b, size) == 0);
  }
  /* … while a label inside the preview takes the theme's text colour. */
  slot = pd_donor_preview_get_block_widget (fixture->page->preview, block_id_at (fixture, 1));
  label = slot;
  while (label != NULL && !GTK_IS_LABEL (label))
    label = gtk_widget_get_first_child (label);
  g_assert_nonnull (label);
  label = gtk_widget_get_parent (label);
  label = gtk_widget_get_first_child (label);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (label), &inside);
  G_GNUC_END_IGNORE_DEPRECATIONS
  g_assert_cmpfloat (inside.red, >, 0.99);
  g_assert_cmpfloat (inside.green, <, 0.01);
  g_assert_false (gdk_rgba_equal (&inside, &label_after));

  /* Every style class the preview uses has the preview's prefix. */
  {
    /* GTK's progress bars set these on their own parts. */
    static const char * const gtk_own_classes[] = {
      "horizontal", "vertical", "left", "right", "top", "bottom", "full", "empty", "pulse", NULL,
    };
    GPtrArray *stack = g_ptr_array_new ();
    g_ptr_array_add (stack, pd_donor_preview_get_page_widget (fixture->page->preview));
    while (stack->len > 0)
      {
        GtkWidget *widget = g_ptr_array_steal_index (stack, stack->len - 1);
        g_auto(GStrv) classes = gtk_widget_get_css_classes (widget);

        for (guint i = 0; classes[i] != NULL; i++)
          if (!g_str_has_prefix (classes[i], PD_DONOR_PREVIEW_CSS_PREFIX)
              && !g_strv_contains (gtk_own_classes, classes[i]))
            g_error ("style class “%s” without the preview prefix", classes[i]);
        for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
          g_ptr_array_add (stack, child);
      }
    g_ptr_array_unref (stack);
  }
}

static void
wait_export (Fixture              *fixture,
             PdDesignExportFormat  format,
             GFile                *file)
{
  AsyncWait wait = { FALSE, NULL };

  pd_design_page_export_async (fixture->page, format, file, NULL, on_export_done_cb, &wait);
  g_assert_true (pd_test_wait_for (is_done, &wait, 5000));
  g_assert_no_error (wait.error);
}

static void
build_sample_page (Fixture *fixture)
{
  g_autofree char *hero = draw_png (fixture, "hero.png", 1600, 700, draw_landscape);
  g_autofree char *logo = draw_png (fixture, "logo.png", 400, 96, draw_logo);
  g_autoptr(GFile) hero_file = g_file_new_for_path (hero);
  g_autoptr(GFile) logo_file = g_file_new_for_path (logo);
  g_autoptr(PdTheme) theme = NULL;
  PdBlockProperties *panel = fixture->page->block_properties;
  GtkWidget *control;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (theme_editor (fixture)), "theme.add-starters", NULL));
  settle_preview (fixture);
  theme = campaign_theme (fixture);
  load_image (fixture, PD_THEME_IMAGE_HERO, hero_file);
  load_image (fixture, PD_THEME_IMAGE_LOGO, logo_file);
  g_assert_nonnull (pd_theme_get_hero_sha256 (theme));

  add_block (fixture, "hero");
  add_block (fixture, "intro");
  add_block (fixture, "redeem-form");
  add_block (fixture, "progress");
  add_block (fixture, "project-grid");
  add_block (fixture, "faq");
  add_block (fixture, "partner-logos");
  control = pd_block_properties_get_control (panel, "partners");
  gtk_editable_set_text (GTK_EDITABLE (control), "Nordbank, Stadt Köln, KVB Rad, Sportjugend");
  g_signal_emit_by_name (control, "apply");
  add_block (fixture, "footer");
  pd_design_page_select_block (fixture->page, block_id_at (fixture, 4));
  settle_preview (fixture);
}

static void
test_export (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *png_path = g_build_filename (fixture->dir, "page.png", NULL);
  g_autofree char *html_path = g_build_filename (fixture->dir, "page.html", NULL);
  g_autoptr(GFile) png = g_file_new_for_path (png_path);
  g_autoptr(GFile) html = g_file_new_for_path (html_path);
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  build_sample_page (fixture);
  pd_design_page_set_preview (fixture->page, PD_DONOR_PREVIEW_TABLET_WIDTH, FALSE, "nl");
  settle_preview (fixture);

  wait_export (fixture, PD_DESIGN_EXPORT_PNG, png);
  texture = gdk_texture_new_from_file (png, &error);
  g_assert_no_error (error);
  /* The logical width, whatever the scale on screen. */
  g_assert_cmpint (gdk_texture_get_width (texture), ==, PD_DONOR_PREVIEW_TABLET_WIDTH);
  g_assert_cmpint (gdk_texture_get_height (texture), >, 1500);
  g_assert_cmpuint (pd_test_count_colours (texture), >, 1000);

  wait_export (fixture, PD_DESIGN_EXPORT_HTML, html);
  g_assert_true (g_file_get_contents (html_path, &contents, NULL, &error));
  g_assert_true (g_str_has_prefix (contents, "<!DOCTYPE html>\n<html lang=\"nl\">"));
  g_assert_nonnull (strstr (contents, "Fietsen voor je club"));
  g_assert_nonnull (strstr (contents, "Ein Spielplatz für Ehrenfeld"));
  g_assert_nonnull (strstr (contents, "31.250 van 50.000 coins"));
  g_assert_nonnull (strstr (contents, "class=\"pdp-hero pdp-has-image\""));
  g_assert_nonnull (strstr (contents, "class=\"pdp-logo\" src=\"data:image/png;base64,"));
}

/* Every label's text and every progress bar's fraction in @widget, in
 * tree order: what the manager reads on the preview. */
static void
collect_progress (GtkWidget *widget,
                  GString   *labels,
                  GArray    *fractions)
{
  if (GTK_IS_LABEL (widget))
    g_string_append_printf (labels, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  if (GTK_IS_PROGRESS_BAR (widget))
    {
      double fraction = gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (widget));
      g_array_append_val (fractions, fraction);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_progress (child, labels, fractions);
}

static void
assert_progress (Fixture    *fixture,
                 const char *block_id,
                 const char *text,
                 double      fraction)
{
  g_autoptr(GString) labels = g_string_new (NULL);
  g_autoptr(GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  gboolean found = FALSE;

  collect_progress (pd_donor_preview_get_block_widget (fixture->page->preview, block_id), labels, fractions);
  if (strstr (labels->str, text) == NULL)
    g_error ("“%s” not in the block's labels:\n%s", text, labels->str);
  for (guint i = 0; i < fractions->len; i++)
    if (fabs (g_array_index (fractions, double, i) - fraction) < 0.001)
      found = TRUE;
  g_assert_true (found);
}

/* The preview and its export show the progress the Results page cached,
 * and follow when a fetch brings new stats. */
static void
test_progress (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *html_path = g_build_filename (fixture->dir, "progress.html", NULL);
  g_autoptr(GFile) html = g_file_new_for_path (html_path);
  g_autofree char *contents = NULL;
  g_autofree char *json = NULL;
  g_autoptr(PdCampaignStats) stats = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *dir = pd_test_build_path ("screenshots", NULL);
  g_autofree char *png = g_build_filename (dir, "donor-page-progress.png", NULL);
  g_autoptr(PdCampaignProject) first = g_list_model_get_item (pd_campaign_get_projects (fixture->campaign), 0);
  g_autoptr(PdCampaignProject) second = g_list_model_get_item (pd_campaign_get_projects (fixture->campaign), 1);
  g_autoptr(PdCampaignProject) third = g_list_model_get_item (pd_campaign_get_projects (fixture->campaign), 2);
  const char *progress, *grid;

  add_block (fixture, "progress");
  add_block (fixture, "project-grid");
  progress = block_id_at (fixture, 0);
  grid = block_id_at (fixture, 1);
  pd_design_page_set_preview (fixture->page, PD_DONOR_PREVIEW_DESKTOP_WIDTH, FALSE, "de");
  settle_preview (fixture);

  /* 31,250 + 45,800 + 80,000 of 50,000 + 120,000 + 80,000 coins. */
  assert_progress (fixture, progress, "157.050 Coins", 0.62);
  assert_progress (fixture, progress, "157.050 von 250.000 Coins", 0.62);
  assert_progress (fixture, grid, "31.250 von 50.000 Coins", 0.62);
  assert_progress (fixture, grid, "45.800 von 120.000 Coins", 0.38);
  assert_progress (fixture, grid, "80.000 von 80.000 Coins", 1.0);

  g_mkdir_with_parents (dir, 0755);
  texture = pd_donor_preview_render_texture (fixture->page->preview);
  g_assert_true (gdk_texture_save_to_png (texture, png));

  wait_export (fixture, PD_DESIGN_EXPORT_HTML, html);
  g_assert_true (g_file_get_contents (html_path, &contents, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (contents, "157.050 von 250.000 Coins"));
  g_assert_nonnull (strstr (contents, "45.800 von 120.000 Coins"));
  g_clear_pointer (&contents, g_free);

  /* A fetch: the second project reached its target, and the preview
   * follows without the manager doing anything. */
  json = g_strdup_printf ("{\"project_id\": \"%s\", \"coins\": 31250, \"target_coins\": 50000},"
                          " {\"project_id\": \"%s\", \"coins\": 120000, \"target_coins\": 120000},"
                          " {\"project_id\": \"%s\", \"coins\": 80000, \"target_coins\": 80000}",
                          pd_campaign_project_get_project_id (first),
                          pd_campaign_project_get_project_id (second),
                          pd_campaign_project_get_project_id (third));
  {
    g_autofree char *body = stats_json (fixture, json);

    stats = pd_campaign_stats_new_from_string (body, &error);
    g_assert_no_error (error);
  }
  g_assert_true (pd_stats_cache_save (pd_store_get_stats_cache (fixture->store),
                                      pd_record_get_id (PD_RECORD (fixture->campaign)), stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->page->render_id, !=, 0);
  settle_preview (fixture);
  assert_progress (fixture, progress, "231.250 von 250.000 Coins", 0.92);
  assert_progress (fixture, grid, "120.000 von 120.000 Coins", 1.0);

  wait_export (fixture, PD_DESIGN_EXPORT_HTML, html);
  g_assert_true (g_file_get_contents (html_path, &contents, NULL, &error));
  g_assert_nonnull (strstr (contents, "231.250 von 250.000 Coins"));

  /* The file was written for the next start, private to the user. */
  {
    g_autofree char *path = pd_stats_cache_dup_path (pd_store_get_stats_cache (fixture->store),
                                                     pd_record_get_id (PD_RECORD (fixture->campaign)));
    g_autoptr(PdStatsCache) fresh = pd_stats_cache_new (pd_stats_cache_get_dir (pd_store_get_stats_cache (fixture->store)));
    g_autoptr(PdCampaignStats) again = pd_stats_cache_lookup (fresh, pd_record_get_id (PD_RECORD (fixture->campaign)));
    GStatBuf st;

    g_assert_nonnull (again);
    g_assert_cmpint (pd_campaign_stats_get_project (again, 1)->coins, ==, 120000);
    g_assert_cmpint (g_stat (path, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  }
}

static void
test_screenshots (Fixture       *fixture,
                  gconstpointer  data)
{
  static const int widths[] = { PD_DONOR_PREVIEW_PHONE_WIDTH, PD_DONOR_PREVIEW_TABLET_WIDTH, PD_DONOR_PREVIEW_DESKTOP_WIDTH };
  g_autofree char *dir = pd_test_build_path ("screenshots", NULL);

  /* A new campaign's page: no blocks yet, and a hint what to do. */
  pd_test_save_screenshot (GTK_WIDGET (fixture->page), "design-page-empty");

  build_sample_page (fixture);
  g_mkdir_with_parents (dir, 0755);

  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    for (int dark = 0; dark <= 1; dark++)
      {
        g_autofree char *name = g_strdup_printf ("design-page-%d-%s", widths[w], dark ? "dark" : "light");
        g_autofree char *file = g_strdup_printf ("donor-page-%d-%s.png", widths[w], dark ? "dark" : "light");
        g_autofree char *path = g_build_filename (dir, file, NULL);
        g_autoptr(GdkTexture) texture = NULL;

        pd_design_page_set_preview (fixture->page, widths[w], dark, w == 1 ? "en" : "de");
        settle_preview (fixture);
        pd_test_settle (200);
        pd_test_save_screenshot (GTK_WIDGET (fixture->page), name);

        texture = pd_donor_preview_render_texture (fixture->page->preview);
        g_assert_nonnull (texture);
        g_assert_cmpint (gdk_texture_get_width (texture), ==, widths[w]);
        g_assert_true (gdk_texture_save_to_png (texture, path));
        g_assert_cmpuint (pd_test_count_colours (texture), >, 500);
      }

  gtk_stack_set_visible_child_name (GTK_STACK (gtk_widget_get_ancestor (GTK_WIDGET (fixture->page->theme_editor), GTK_TYPE_STACK)), "theme");
  settle_preview (fixture);
  pd_test_settle (300);
  pd_test_save_screenshot (GTK_WIDGET (fixture->page), "design-page-theme");
}

/* A 16 MiB image (the platform takes 16 MiB at most, and refuses it with
 * 413 after a sync) is refused for a theme and for a page block like for a
 * project, with a message, and nothing is stored. */
static char *
write_large_png (Fixture *fixture)
{
  static const guchar signature[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  gsize size = 16 * 1024 * 1024;
  g_autofree guchar *data = g_malloc0 (size);
  char *path = g_build_filename (fixture->dir, "huge.png", NULL);
  g_autoptr(GError) error = NULL;

  memcpy (data, signature, sizeof signature);
  g_file_set_contents (path, (const char *) data, size, &error);
  g_assert_no_error (error);
  return path;
}

static void
on_toast_cb (PdBlockProperties  *panel,
             AdwToast           *toast,
             char              **title)
{
  g_free (*title);
  *title = g_strdup (adw_toast_get_title (toast));
}

static gboolean
has_title (gpointer data)
{
  return *(char **) data != NULL;
}

/* Files below @path, in folders of any depth. */
static guint
count_files (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;
  guint n = 0;

  if (dir == NULL)
    return g_file_test (path, G_FILE_TEST_IS_REGULAR) ? 1 : 0;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      n += count_files (child);
    }
  return n;
}

static guint
count_assets (Fixture *fixture)
{
  return count_files (pd_store_get_assets_dir (fixture->store));
}

static void
test_image_too_large (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *path = write_large_png (fixture);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(PdTheme) theme = NULL;
  g_autofree char *toast_title = NULL;
  AsyncWait wait = { FALSE, NULL };
  PdPageBlock *block;
  guint n_assets = count_assets (fixture);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (theme_editor (fixture)), "theme.new", NULL));
  settle_preview (fixture);
  theme = campaign_theme (fixture);
  pd_theme_editor_load_image_async (theme_editor (fixture), PD_THEME_IMAGE_HERO, file, NULL, on_image_done_cb, &wait);
  g_assert_true (pd_test_wait_for (is_done, &wait, 5000));
  g_assert_error (wait.error, PD_VALIDATION_ERROR, PD_VALIDATION_ERROR_OUT_OF_RANGE);
  g_assert_cmpstr (wait.error->message, ==, "The image is larger than 10 MB. Please choose a smaller one.");
  g_clear_error (&wait.error);
  g_assert_null (pd_theme_get_hero_sha256 (theme));

  add_block (fixture, "image");
  g_signal_connect (fixture->page->block_properties, "toast", G_CALLBACK (on_toast_cb), &toast_title);
  pd_block_properties_set_image (fixture->page->block_properties, file);
  g_assert_true (pd_test_wait_for (has_title, &toast_title, 5000));
  g_assert_cmpstr (toast_title, ==, "The image is larger than 10 MB. Please choose a smaller one.");
  g_signal_handlers_disconnect_by_func (fixture->page->block_properties, on_toast_cb, &toast_title);
  block = pd_campaign_find_page_block (fixture->campaign, pd_design_page_get_selected_block (fixture->page), NULL);
  g_assert_null (pd_page_block_get_string (block, "image_sha256", NULL));

  g_assert_cmpuint (count_assets (fixture), ==, n_assets);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  pd_register_resource ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/design-page/theme-colour", test_theme_colour);
  ADD ("/design-page/theme-manage", test_theme_manage);
  ADD ("/design-page/theme-image-file", test_theme_image_file);
  ADD ("/design-page/image-too-large", test_image_too_large);
  ADD ("/design-page/blocks", test_blocks);
  ADD ("/design-page/block-properties", test_block_properties);
  ADD ("/design-page/css-scoped", test_css_scoped);
  ADD ("/design-page/export", test_export);
  ADD ("/design-page/progress", test_progress);
  ADD ("/design-page/screenshots", test_screenshots);
#undef ADD

  return g_test_run ();
}
