/* pd-donor-preview-blocks.c: the donor page's blocks as widgets
 *
 * The sizes here match the HTML export (pd-donor-page-html.c) rule for
 * rule, including its breakpoints at 600 and 900 px, so the exported page
 * looks like the preview.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-donor-preview"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-donor-preview-private.h"

#define PAGE_MAX_WIDTH 1120

static int
side_padding (int width)
{
  return width < 600 ? 16 : 32;
}

char *
_pd_donor_preview_css (PdDonorPage *page,
                       int          width)
{
  const PdDonorPalette *p = &page->palette;
  g_autofree char *bg = pd_colour_to_string (&p->background);
  g_autofree char *surface = pd_colour_to_string (&p->surface);
  g_autofree char *text = pd_colour_to_string (&p->text);
  g_autofree char *muted = pd_colour_to_string (&p->muted);
  g_autofree char *primary = pd_colour_to_string (&p->primary);
  g_autofree char *on_primary = pd_colour_to_string (&p->on_primary);
  g_autofree char *accent = pd_colour_to_string (&p->accent);
  g_autofree char *border = pd_colour_to_string (&p->border);
  g_autofree char *track = pd_colour_to_string (&p->track);
  g_autofree char *fonts = pd_donor_page_font_stack (page->font_family);
  gboolean phone = width < 600;
  int r = page->corner_radius;
  int pad = side_padding (width);
  GString *css = g_string_new (NULL);

  g_string_append_printf (css,
    ".pdp-page { background-color: %s; color: %s; font-family: %s; font-size: 16px; }\n"
    ".pdp-topbar { padding: 12px %dpx; min-height: 40px; border-bottom: 1px solid %s; }\n"
    ".pdp-brand { font-weight: 700; font-size: 17px; }\n"
    ".pdp-block { padding: %dpx %dpx; }\n"
    ".pdp-heading { font-size: %dpx; font-weight: 800; margin-bottom: 16px; }\n"
    ".pdp-text { font-size: 17px; margin-bottom: 12px; }\n"
    ".pdp-muted { color: %s; }\n",
    bg, text, fonts, pad, border, phone ? 28 : 40, pad, phone ? 22 : 26, muted);
  g_string_append_printf (css,
    ".pdp-hero { min-height: %dpx; background-image: linear-gradient(135deg, %s, %s); color: %s; }\n"
    ".pdp-hero-content { padding: %dpx %dpx; }\n"
    ".pdp-hero-shade { background-image: linear-gradient(180deg, rgba(0,0,0,0.05), rgba(0,0,0,0.65)); color: #ffffff; }\n"
    ".pdp-hero-title { font-size: %dpx; font-weight: 800; margin-bottom: 12px; }\n"
    ".pdp-hero-subtitle { font-size: %dpx; }\n",
    phone ? 260 : 340, primary, accent, on_primary, phone ? 32 : 48, pad,
    phone ? 30 : width < 900 ? 36 : 44, phone ? 17 : 19);
  g_string_append_printf (css,
    ".pdp-band { background-color: %s; }\n"
    ".pdp-card { background-color: %s; border: 1px solid %s; border-radius: %dpx; }\n"
    ".pdp-redeem { padding: 24px; }\n"
    ".pdp-input { font-size: 18px; letter-spacing: 2px; padding: 12px 16px; border: 2px solid %s;"
    " border-radius: %dpx; background-color: %s; color: %s; }\n"
    ".pdp-button { font-weight: 700; font-size: 17px; padding: 12px 28px; border-radius: %dpx;"
    " background-color: %s; color: %s; }\n"
    ".pdp-button.pdp-small { font-size: 15px; padding: 8px 18px; }\n",
    surface, bg, border, r, border, r / 2, bg, muted, r / 2, primary, on_primary);
  g_string_append_printf (css,
    ".pdp-project-image { background-color: %s; color: %s; font-size: 44px; font-weight: 800; }\n"
    ".pdp-project-body { padding: 16px; }\n"
    ".pdp-project-title { font-size: 19px; font-weight: 700; }\n"
    ".pdp-project-org { font-size: 14px; color: %s; margin-bottom: 8px; }\n"
    ".pdp-project-text { font-size: 15px; margin-bottom: 12px; }\n"
    "progressbar.pdp-bar { margin: 8px 0; }\n"
    "progressbar.pdp-bar > trough { min-height: 8px; border-radius: 4px; background-color: %s; border: none; box-shadow: none; }\n"
    "progressbar.pdp-bar > trough > progress { min-height: 8px; border-radius: 4px; background-color: %s; border: none; box-shadow: none; }\n"
    "progressbar.pdp-bar.pdp-large > trough, progressbar.pdp-bar.pdp-large > trough > progress { min-height: 14px; border-radius: 7px; }\n"
    ".pdp-numbers { font-size: 14px; color: %s; margin-bottom: 12px; }\n"
    ".pdp-total { font-size: %dpx; font-weight: 800; color: %s; }\n",
    track, primary, muted, track, accent, muted, phone ? 34 : 44, primary);
  g_string_append_printf (css,
    ".pdp-faq-item { border-bottom: 1px solid %s; padding: 14px 0; }\n"
    ".pdp-faq-q { font-size: 17px; font-weight: 700; margin-bottom: 4px; }\n"
    ".pdp-faq-a { color: %s; }\n"
    ".pdp-partner { padding: 10px 20px; border: 1px solid %s; border-radius: 999px; font-weight: 700; background-color: %s; }\n"
    ".pdp-figure { border-radius: %dpx; }\n"
    ".pdp-caption { color: %s; font-size: 14px; margin-top: 8px; }\n"
    ".pdp-footer { background-color: %s; color: %s; font-size: 14px; border-top: 1px solid %s; }\n"
    ".pdp-link { color: %s; text-decoration-line: underline; }\n"
    ".pdp-empty { padding: 64px 32px; color: %s; font-size: 17px; }\n",
    border, muted, border, bg, r, muted, surface, muted, border, primary, muted);
  /* No outline of GTK's own on focused blocks: the preview draws the
   * selection itself, outside the page, so exports stay clean. */
  g_string_append (css, ".pdp-slot, .pdp-slot:focus-visible { outline: none; }\n");

  return g_string_free (css, FALSE);
}

/* --- Images drawn to fill (cover) or fit (contain) a fixed box --------- */

typedef struct {
  GdkTexture *texture;
  gboolean    cover;
} ImageData;

static void
image_data_free (gpointer data)
{
  ImageData *image = data;

  g_clear_object (&image->texture);
  g_free (image);
}

static void
draw_image_cb (GtkDrawingArea *area,
               cairo_t        *cr,
               int             width,
               int             height,
               gpointer        user_data)
{
  ImageData *image = user_data;
  int tw = gdk_texture_get_width (image->texture);
  int th = gdk_texture_get_height (image->texture);
  double scale;

  (void) area;
  if (tw <= 0 || th <= 0)
    return;

  scale = image->cover ? MAX ((double) width / tw, (double) height / th)
                       : MIN ((double) width / tw, (double) height / th);
  {
    cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, tw, th);

    cairo_surface_flush (surface);
    gdk_texture_download (image->texture, cairo_image_surface_get_data (surface),
                          cairo_image_surface_get_stride (surface));
    cairo_surface_mark_dirty (surface);

    cairo_rectangle (cr, 0, 0, width, height);
    cairo_clip (cr);
    cairo_translate (cr, (width - tw * scale) / 2.0, image->cover ? (height - th * scale) / 2.0 : 0);
    cairo_scale (cr, scale, scale);
    cairo_set_source_surface (cr, surface, 0, 0);
    cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
    cairo_paint (cr);
    cairo_surface_destroy (surface);
  }
}

static GtkWidget *
image_new (GdkTexture *texture,
           int         width,
           int         height,
           gboolean    cover)
{
  GtkWidget *area = gtk_drawing_area_new ();
  ImageData *image = g_new0 (ImageData, 1);

  image->texture = g_object_ref (texture);
  image->cover = cover;
  if (width > 0)
    gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), width);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), height);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_image_cb, image, image_data_free);
  return area;
}

/* --- Building blocks ---------------------------------------------------- */

static GtkWidget *
box_new (GtkOrientation  orientation,
         int             spacing,
         const char     *css_class)
{
  GtkWidget *box = gtk_box_new (orientation, spacing);

  if (css_class != NULL)
    gtk_widget_add_css_class (box, css_class);
  return box;
}

static GtkWidget *
add_label (GtkWidget  *box,
           const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  /* Widths come from the page's layout, never from how long a text is. */
  gtk_label_set_max_width_chars (GTK_LABEL (label), 8);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_widget_set_halign (label, GTK_ALIGN_FILL);
  if (css_class != NULL)
    {
      g_auto(GStrv) classes = g_strsplit (css_class, " ", -1);
      for (guint i = 0; classes[i] != NULL; i++)
        gtk_widget_add_css_class (label, classes[i]);
    }
  gtk_box_append (GTK_BOX (box), label);
  return label;
}

static void
add_paragraphs (GtkWidget  *box,
                const char *text)
{
  g_auto(GStrv) paragraphs = g_strsplit (text ? text : "", "\n\n", -1);

  for (guint i = 0; paragraphs[i] != NULL; i++)
    {
      g_strstrip (paragraphs[i]);
      if (*paragraphs[i] != '\0')
        add_label (box, paragraphs[i], "pdp-text");
    }
}

/* A full-width band with its content centred at the page's max width. */
static GtkWidget *
block_new (GtkWidget  *slot,
           int         width,
           const char *css_class)
{
  GtkWidget *band = box_new (GTK_ORIENTATION_VERTICAL, 0, "pdp-block");
  GtkWidget *inner = box_new (GTK_ORIENTATION_VERTICAL, 0, "pdp-inner");

  if (css_class != NULL)
    gtk_widget_add_css_class (band, css_class);
  gtk_widget_set_size_request (inner, MIN (width - 2 * side_padding (width), PAGE_MAX_WIDTH), -1);
  gtk_widget_set_halign (inner, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (band), inner);
  gtk_box_append (GTK_BOX (slot), band);
  return inner;
}

static void
add_heading (GtkWidget   *inner,
             PdDonorPage *page,
             PdPageBlock *block)
{
  const char *heading = pd_donor_page_block_heading (page, block);

  if (heading != NULL && *heading != '\0')
    add_label (inner, heading, "pdp-heading");
}

/* As wide as the HTML page's bar, and read out as the page words it. */
static GtkWidget *
bar_new (PdDonorPage *page,
         gint64       raised,
         gint64       target,
         const char  *extra)
{
  GtkWidget *bar = gtk_progress_bar_new ();
  g_autofree char *share = pd_donor_page_format_percent (page, raised, target);

  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (bar), pd_donor_page_percent (raised, target) / 100.0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, share, -1);
  gtk_widget_add_css_class (bar, "pdp-bar");
  if (extra != NULL)
    gtk_widget_add_css_class (bar, extra);
  return bar;
}

static void
build_hero (PdDonorPreview *self,
            GtkWidget      *slot,
            PdDonorPage    *page,
            PdPageBlock    *block,
            int             width)
{
  g_autoptr(GdkTexture) texture = _pd_donor_preview_load_texture (self, page->hero_sha256);
  GtkWidget *overlay = gtk_overlay_new ();
  GtkWidget *content = box_new (GTK_ORIENTATION_VERTICAL, 0, "pdp-hero-content");
  GtkWidget *inner = box_new (GTK_ORIENTATION_VERTICAL, 0, NULL);
  int height = width < 600 ? 260 : 340;

  gtk_widget_add_css_class (overlay, "pdp-hero");
  if (texture != NULL)
    {
      gtk_overlay_set_child (GTK_OVERLAY (overlay), image_new (texture, -1, height, TRUE));
      gtk_widget_add_css_class (content, "pdp-hero-shade");
    }
  else
    gtk_overlay_set_child (GTK_OVERLAY (overlay), box_new (GTK_ORIENTATION_VERTICAL, 0, NULL));

  gtk_widget_set_valign (inner, GTK_ALIGN_END);
  gtk_widget_set_vexpand (inner, TRUE);
  gtk_widget_set_size_request (inner, MIN (width - 2 * side_padding (width), PAGE_MAX_WIDTH), -1);
  gtk_widget_set_halign (inner, GTK_ALIGN_CENTER);
  add_label (inner, pd_donor_page_block_heading (page, block), "pdp-hero-title");
  add_label (inner, pd_donor_page_block_text (page, block, "subtitle",
                                              pd_donor_page_string (PD_DONOR_STRING_HERO_SUBTITLE, page->language)),
             "pdp-hero-subtitle");
  gtk_box_append (GTK_BOX (content), inner);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), content);
  gtk_overlay_set_measure_overlay (GTK_OVERLAY (overlay), content, TRUE);
  gtk_box_append (GTK_BOX (slot), overlay);
}

static void
build_redeem (GtkWidget   *slot,
              PdDonorPage *page,
              PdPageBlock *block,
              int          width)
{
  GtkWidget *inner = block_new (slot, width, "pdp-band");
  GtkWidget *card = box_new (GTK_ORIENTATION_VERTICAL, 0, "pdp-card");
  GtkWidget *form = box_new (width < 600 ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL, 12, NULL);
  GtkWidget *input, *button;

  gtk_widget_add_css_class (card, "pdp-redeem");
  gtk_widget_set_size_request (card, MIN (720, width - 2 * side_padding (width)), -1);
  gtk_widget_set_halign (card, GTK_ALIGN_START);
  add_heading (card, page, block);
  add_label (card, pd_donor_page_string (PD_DONOR_STRING_REDEEM_HINT, page->language), "pdp-text pdp-muted");
  input = add_label (form, "XXXX-XXXX-XXXX-XXXX", "pdp-input");
  gtk_label_set_wrap (GTK_LABEL (input), FALSE);
  gtk_widget_set_hexpand (input, TRUE);
  button = add_label (form, pd_donor_page_block_text (page, block, "button",
                                                      pd_donor_page_string (PD_DONOR_STRING_REDEEM_BUTTON, page->language)),
                      "pdp-button");
  gtk_label_set_xalign (GTK_LABEL (button), 0.5);
  gtk_widget_set_margin_top (form, 12);
  gtk_box_append (GTK_BOX (card), form);
  gtk_box_append (GTK_BOX (inner), card);
}

static GtkWidget *
project_card_new (PdDonorPreview       *self,
                  PdDonorPage          *page,
                  const PdDonorProject *project,
                  gboolean              show_progress)
{
  g_autoptr(GdkTexture) texture = _pd_donor_preview_load_texture (self, project->image_sha256);
  GtkWidget *card = box_new (GTK_ORIENTATION_VERTICAL, 0, "pdp-card");
  GtkWidget *body = box_new (GTK_ORIENTATION_VERTICAL, 0, "pdp-project-body");
  GtkWidget *button;
  g_autofree char *org = NULL;

  gtk_widget_set_overflow (card, GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_hexpand (card, TRUE);
  if (texture != NULL)
    {
      GtkWidget *image = image_new (texture, -1, 160, TRUE);
      gtk_widget_add_css_class (image, "pdp-project-image");
      gtk_box_append (GTK_BOX (card), image);
    }
  else
    {
      g_autofree char *initial = g_utf8_substring (project->title, 0, 1);
      g_autofree char *upper = g_utf8_strup (initial, -1);
      GtkWidget *placeholder = box_new (GTK_ORIENTATION_VERTICAL, 0, "pdp-project-image");
      GtkWidget *label;

      gtk_widget_set_size_request (placeholder, -1, 160);
      label = add_label (placeholder, upper, NULL);
      gtk_label_set_xalign (GTK_LABEL (label), 0.5);
      gtk_widget_set_vexpand (label, TRUE);
      gtk_box_append (GTK_BOX (card), placeholder);
    }

  add_label (body, project->title, "pdp-project-title");
  org = *project->location != '\0' ? g_strdup_printf ("%s · %s", project->organisation, project->location)
                                   : g_strdup (project->organisation);
  add_label (body, org, "pdp-project-org");
  if (*project->description != '\0')
    {
      GtkWidget *text = add_label (body, project->description, "pdp-project-text");
      gtk_label_set_lines (GTK_LABEL (text), 3);
      gtk_label_set_ellipsize (GTK_LABEL (text), PANGO_ELLIPSIZE_END);
    }
  if (show_progress)
    {
      g_autofree char *numbers = pd_donor_page_format_progress (page, project->raised_coins, project->target_coins);

      gtk_box_append (GTK_BOX (body), bar_new (page, project->raised_coins, project->target_coins, NULL));
      add_label (body, numbers, "pdp-numbers");
    }
  button = add_label (body, pd_donor_page_string (PD_DONOR_STRING_DONATE, page->language), "pdp-button pdp-small");
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (card), body);
  return card;
}

static void
build_project_grid (PdDonorPreview *self,
                    GtkWidget      *slot,
                    PdDonorPage    *page,
                    PdPageBlock    *block,
                    int             width)
{
  GtkWidget *inner = block_new (slot, width, NULL);
  gboolean show_progress = pd_page_block_get_boolean (block, "show_progress", TRUE);
  int columns = pd_donor_page_grid_columns (block, width);
  GtkWidget *grid;

  add_heading (inner, page, block);
  if (page->projects->len == 0)
    {
      add_label (inner, pd_donor_page_string (PD_DONOR_STRING_NO_PROJECTS, page->language), "pdp-text pdp-muted");
      return;
    }

  grid = gtk_grid_new ();
  gtk_grid_set_column_homogeneous (GTK_GRID (grid), TRUE);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 20);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 20);
  for (guint i = 0; i < page->projects->len; i++)
    gtk_grid_attach (GTK_GRID (grid), project_card_new (self, page, g_ptr_array_index (page->projects, i), show_progress),
                     (int) i % columns, (int) i / columns, 1, 1);
  /* Keep columns as wide as the HTML grid when there are fewer cards. */
  for (guint i = page->projects->len; i < (guint) columns; i++)
    gtk_grid_attach (GTK_GRID (grid), box_new (GTK_ORIENTATION_VERTICAL, 0, NULL), (int) i, 0, 1, 1);
  gtk_box_append (GTK_BOX (inner), grid);
}

static void
build_progress (GtkWidget   *slot,
                PdDonorPage *page,
                PdPageBlock *block,
                int          width)
{
  GtkWidget *inner = block_new (slot, width, "pdp-band");
  g_autofree char *number = pd_donor_page_format_number (page->raised_coins, page->language);
  g_autofree char *total = g_strdup_printf ("%s %s", number, pd_donor_page_string (PD_DONOR_STRING_COINS, page->language));

  add_heading (inner, page, block);
  add_label (inner, total, "pdp-total");
  gtk_box_append (GTK_BOX (inner), bar_new (page, page->raised_coins, page->target_coins, "pdp-large"));
  if (pd_page_block_get_boolean (block, "show_numbers", TRUE))
    {
      g_autofree char *numbers = pd_donor_page_format_progress (page, page->raised_coins, page->target_coins);
      g_autofree char *share = pd_donor_page_format_percent (page, page->raised_coins, page->target_coins);
      g_autofree char *reached = NULL;
      g_autofree char *line = NULL;

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
      reached = g_strdup_printf (pd_donor_page_string (PD_DONOR_STRING_REACHED, page->language), share);
#pragma GCC diagnostic pop
      line = g_strdup_printf ("%s · %s", numbers, reached);
      add_label (inner, line, "pdp-numbers");
    }
}

static void
build_faq (GtkWidget   *slot,
           PdDonorPage *page,
           PdPageBlock *block,
           int          width)
{
  GtkWidget *inner = block_new (slot, width, NULL);

  add_heading (inner, page, block);
  if (page->faq->len == 0)
    add_label (inner, pd_donor_page_string (PD_DONOR_STRING_NO_FAQ, page->language), "pdp-text pdp-muted");
  for (guint i = 0; i < page->faq->len; i++)
    {
      PdFaqEntry *entry = g_ptr_array_index (page->faq, i);
      GtkWidget *item = box_new (GTK_ORIENTATION_VERTICAL, 0, "pdp-faq-item");

      add_label (item, pd_faq_entry_get_question (entry), "pdp-faq-q");
      add_label (item, pd_faq_entry_get_answer (entry), "pdp-faq-a");
      gtk_box_append (GTK_BOX (inner), item);
    }
}

static void
build_partners (GtkWidget   *slot,
                PdDonorPage *page,
                PdPageBlock *block,
                int          width)
{
  GtkWidget *inner = block_new (slot, width, "pdp-band");
  GtkWidget *flow = gtk_flow_box_new ();
  g_auto(GStrv) names = g_strsplit (pd_page_block_get_string (block, "partners", ""), ",", -1);

  add_heading (inner, page, block);
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), 12);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flow), 12);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (flow), 12);
  gtk_widget_set_can_focus (flow, FALSE);
  for (guint i = 0; names[i] != NULL; i++)
    {
      GtkWidget *chip;

      g_strstrip (names[i]);
      if (*names[i] == '\0')
        continue;
      chip = gtk_label_new (names[i]);
      gtk_widget_add_css_class (chip, "pdp-partner");
      gtk_flow_box_append (GTK_FLOW_BOX (flow), chip);
    }
  gtk_box_append (GTK_BOX (inner), flow);
}

static void
build_footer (GtkWidget   *slot,
              PdDonorPage *page,
              PdPageBlock *block,
              int          width)
{
  GtkWidget *inner = block_new (slot, width, "pdp-footer");

  add_paragraphs (inner, pd_donor_page_block_text (page, block, "text",
                                                   pd_donor_page_string (PD_DONOR_STRING_FOOTER_TEXT, page->language)));
  if (pd_donor_page_url_is_safe (pd_page_block_get_string (block, "link_url", NULL)))
    add_label (inner, pd_donor_page_string (PD_DONOR_STRING_FOOTER_LINK, page->language), "pdp-text pdp-link");
}

static void
build_image (PdDonorPreview *self,
             GtkWidget      *slot,
             PdDonorPage    *page,
             PdPageBlock    *block,
             int             width)
{
  GtkWidget *inner = block_new (slot, width, NULL);
  g_autoptr(GdkTexture) texture = _pd_donor_preview_load_texture (self, pd_page_block_get_string (block, "image_sha256", NULL));
  const char *caption = pd_donor_page_block_text (page, block, "caption", "");
  int inner_width = MIN (width - 2 * side_padding (width), PAGE_MAX_WIDTH);

  add_heading (inner, page, block);
  if (texture != NULL)
    {
      int height = inner_width * gdk_texture_get_height (texture) / MAX (1, gdk_texture_get_width (texture));
      GtkWidget *image = image_new (texture, -1, height, TRUE);

      gtk_widget_add_css_class (image, "pdp-figure");
      gtk_widget_set_overflow (image, GTK_OVERFLOW_HIDDEN);
      gtk_box_append (GTK_BOX (inner), image);
    }
  else
    {
      GtkWidget *placeholder = box_new (GTK_ORIENTATION_VERTICAL, 0, "pdp-project-image");
      GtkWidget *label;

      gtk_widget_add_css_class (placeholder, "pdp-figure");
      gtk_widget_set_size_request (placeholder, -1, 200);
      label = add_label (placeholder, pd_donor_page_string (PD_DONOR_STRING_IMAGE_MISSING, page->language), NULL);
      gtk_label_set_xalign (GTK_LABEL (label), 0.5);
      gtk_widget_set_vexpand (label, TRUE);
      gtk_box_append (GTK_BOX (inner), placeholder);
    }
  if (*caption != '\0')
    add_label (inner, caption, "pdp-caption");
}

static void
build_block (PdDonorPreview *self,
             GtkWidget      *slot,
             PdDonorPage    *page,
             PdPageBlock    *block,
             int             width)
{
  GtkWidget *inner;

  switch (pd_page_block_get_block_type (block))
    {
    case PD_PAGE_BLOCK_HERO:
      build_hero (self, slot, page, block, width);
      break;
    case PD_PAGE_BLOCK_INTRO:
      inner = block_new (slot, width, NULL);
      add_heading (inner, page, block);
      add_paragraphs (inner, pd_donor_page_block_text (page, block, "text", page->intro));
      break;
    case PD_PAGE_BLOCK_REDEEM_FORM:
      build_redeem (slot, page, block, width);
      break;
    case PD_PAGE_BLOCK_PROJECT_GRID:
      build_project_grid (self, slot, page, block, width);
      break;
    case PD_PAGE_BLOCK_PROGRESS:
      build_progress (slot, page, block, width);
      break;
    case PD_PAGE_BLOCK_FAQ:
      build_faq (slot, page, block, width);
      break;
    case PD_PAGE_BLOCK_PARTNER_LOGOS:
      build_partners (slot, page, block, width);
      break;
    case PD_PAGE_BLOCK_FOOTER:
      build_footer (slot, page, block, width);
      break;
    case PD_PAGE_BLOCK_TEXT:
      inner = block_new (slot, width, NULL);
      add_heading (inner, page, block);
      add_paragraphs (inner, pd_donor_page_block_text (page, block, "text", ""));
      break;
    case PD_PAGE_BLOCK_IMAGE:
      build_image (self, slot, page, block, width);
      break;
    default:
      break;
    }
}

GtkWidget *
_pd_donor_preview_build_page (PdDonorPreview *self,
                              PdDonorPage    *page,
                              int             width,
                              GPtrArray      *slots)
{
  GtkWidget *root = box_new (GTK_ORIENTATION_VERTICAL, 0, "pdp-page");
  GtkWidget *bar = box_new (GTK_ORIENTATION_HORIZONTAL, 0, "pdp-topbar");
  GtkWidget *topbar = box_new (GTK_ORIENTATION_HORIZONTAL, 12, NULL);
  g_autoptr(GdkTexture) logo = _pd_donor_preview_load_texture (self, page->logo_sha256);
  GListModel *blocks = pd_campaign_get_page_blocks (page->campaign);
  guint n_blocks = g_list_model_get_n_items (blocks);
  GtkWidget *brand;

  gtk_widget_set_size_request (root, width, -1);
  if (logo != NULL)
    {
      int h = gdk_texture_get_height (logo);
      int w = gdk_texture_get_width (logo) * 40 / MAX (1, h);
      GtkWidget *image = image_new (logo, MIN (w, 160), 40, FALSE);

      gtk_widget_set_valign (image, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (topbar), image);
    }
  brand = add_label (topbar, page->title, "pdp-brand");
  gtk_label_set_wrap (GTK_LABEL (brand), FALSE);
  gtk_label_set_ellipsize (GTK_LABEL (brand), PANGO_ELLIPSIZE_END);
  gtk_widget_set_valign (brand, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (brand, TRUE);
  gtk_widget_set_size_request (topbar, MIN (width - 2 * side_padding (width), PAGE_MAX_WIDTH), -1);
  gtk_widget_set_halign (topbar, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (topbar, TRUE);
  gtk_box_append (GTK_BOX (bar), topbar);
  gtk_box_append (GTK_BOX (root), bar);

  for (guint i = 0; i < n_blocks; i++)
    {
      g_autoptr(PdPageBlock) block = g_list_model_get_item (blocks, i);
      GtkWidget *slot = box_new (GTK_ORIENTATION_VERTICAL, 0, "pdp-slot");
      g_autofree char *label = NULL;

      g_object_set_data_full (G_OBJECT (slot), "pd-block-id", g_strdup (pd_page_block_get_id (block)), g_free);
      gtk_widget_set_focusable (slot, TRUE);
      /* Translators: the accessible name of a block in the page preview,
       * e.g. "Hero block, 1 of 5" */
      label = g_strdup_printf (_("%s block, %u of %u"), pd_page_block_type_get_title (pd_page_block_get_block_type (block)),
                               i + 1, n_blocks);
      gtk_accessible_update_property (GTK_ACCESSIBLE (slot), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      build_block (self, slot, page, block, width);
      gtk_box_append (GTK_BOX (root), slot);
      g_ptr_array_add (slots, slot);
    }

  if (n_blocks == 0)
    {
      GtkWidget *empty = box_new (GTK_ORIENTATION_VERTICAL, 0, "pdp-empty");
      GtkWidget *hint = add_label (empty, _("Drag blocks here from the palette, or select a block in the palette and press Enter."), NULL);

      gtk_label_set_xalign (GTK_LABEL (hint), 0.5);
      gtk_label_set_justify (GTK_LABEL (hint), GTK_JUSTIFY_CENTER);
      gtk_box_append (GTK_BOX (root), empty);
    }

  return root;
}
