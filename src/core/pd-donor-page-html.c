/* pd-donor-page-html.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-donor-page-html"

#include "config.h"

#include "pd-asset.h"
#include "pd-donor-page-html.h"

typedef struct {
  PdDonorPage      *page;
  PdDonorAssetFunc  load_asset;
  gpointer          user_data;
  GString          *out;
  guint             n_grids;
} Writer;

char *
pd_html_escape (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text ? text : ""; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '&': g_string_append (out, "&amp;"); break;
        case '<': g_string_append (out, "&lt;"); break;
        case '>': g_string_append (out, "&gt;"); break;
        case '"': g_string_append (out, "&quot;"); break;
        case '\'': g_string_append (out, "&#39;"); break;
        default: g_string_append_c (out, *p); break;
        }
    }
  return g_string_free (out, FALSE);
}

/* Appends the escaped @text; text never goes out any other way. */
static void
put_text (Writer     *w,
          const char *text)
{
  g_autofree char *escaped = pd_html_escape (text);

  g_string_append (w->out, escaped);
}

/* Paragraphs from blank-line separated text, line breaks kept. */
static void
put_paragraphs (Writer     *w,
                const char *text,
                const char *css_class)
{
  g_auto(GStrv) paragraphs = g_strsplit (text ? text : "", "\n\n", -1);

  for (guint i = 0; paragraphs[i] != NULL; i++)
    {
      g_auto(GStrv) lines = NULL;

      g_strstrip (paragraphs[i]);
      if (*paragraphs[i] == '\0')
        continue;
      g_string_append_printf (w->out, "<p class=\"%s\">", css_class);
      lines = g_strsplit (paragraphs[i], "\n", -1);
      for (guint j = 0; lines[j] != NULL; j++)
        {
          if (j > 0)
            g_string_append (w->out, "<br>");
          put_text (w, lines[j]);
        }
      g_string_append (w->out, "</p>\n");
    }
}

static char *
colour (const PdColour *c)
{
  return pd_colour_to_string (c);
}

/* (transfer full) (nullable): "data:image/png;base64,…" */
static char *
data_uri (Writer     *w,
          const char *sha256)
{
  GBytes *bytes;
  char *mime_type = NULL;
  char *uri = NULL;

  if (sha256 == NULL || w->load_asset == NULL)
    return NULL;

  bytes = w->load_asset (sha256, &mime_type, w->user_data);
  /* Only images are embedded; anything else could carry markup. */
  if (bytes != NULL && pd_asset_mime_type_is_supported (mime_type))
    {
      gsize size;
      const guchar *data = g_bytes_get_data (bytes, &size);
      char *base64 = g_base64_encode (data, size);

      uri = g_strdup_printf ("data:%s;base64,%s", mime_type, base64);
      g_free (base64);
    }

  g_free (mime_type);
  if (bytes != NULL)
    g_bytes_unref (bytes);
  return uri;
}

static void
put_css (Writer *w)
{
  const PdDonorPalette *p = &w->page->palette;
  g_autofree char *bg = colour (&p->background);
  g_autofree char *surface = colour (&p->surface);
  g_autofree char *text = colour (&p->text);
  g_autofree char *muted = colour (&p->muted);
  g_autofree char *primary = colour (&p->primary);
  g_autofree char *on_primary = colour (&p->on_primary);
  g_autofree char *accent = colour (&p->accent);
  g_autofree char *on_accent = colour (&p->on_accent);
  g_autofree char *border = colour (&p->border);
  g_autofree char *track = colour (&p->track);
  g_autofree char *fonts = pd_donor_page_font_stack (w->page->font_family);
  int r = w->page->corner_radius;

  /* Sizes match the GTK preview (pd-preview-css.c) so both look alike. */
  g_string_append_printf (w->out,
    ":root{--bg:%s;--surface:%s;--text:%s;--muted:%s;--primary:%s;--on-primary:%s;"
    "--accent:%s;--on-accent:%s;--border:%s;--track:%s;--radius:%dpx;--radius-small:%dpx}\n",
    bg, surface, text, muted, primary, on_primary, accent, on_accent, border, track, r, r / 2);
  g_string_append_printf (w->out,
    "*{box-sizing:border-box}\n"
    "body{margin:0;background:var(--bg);color:var(--text);font-family:%s;font-size:16px;line-height:1.5}\n", fonts);
  g_string_append (w->out,
    ".pdp-topbar{padding:12px 32px;border-bottom:1px solid var(--border);min-height:64px}\n"
    ".pdp-topbar-inner{display:flex;align-items:center;gap:12px;max-width:1120px;margin:0 auto;min-height:40px}\n"
    ".pdp-logo{max-height:40px;max-width:160px}\n"
    ".pdp-brand{font-weight:700;font-size:17px}\n"
    ".pdp-block{padding:40px 32px}\n"
    ".pdp-inner{max-width:1120px;margin:0 auto}\n"
    ".pdp-heading{font-size:26px;font-weight:800;margin:0 0 16px}\n"
    ".pdp-text{margin:0 0 12px;font-size:17px}\n"
    ".pdp-muted{color:var(--muted)}\n"
    ".pdp-hero{position:relative;min-height:340px;display:flex;align-items:flex-end;padding:48px 32px;"
      "color:var(--on-primary);background:linear-gradient(135deg,var(--primary),var(--accent));background-size:cover;background-position:center}\n"
    ".pdp-hero.pdp-has-image{background-image:linear-gradient(180deg,rgba(0,0,0,0.05),rgba(0,0,0,0.65)),var(--hero)}\n"
    ".pdp-hero.pdp-has-image{color:#ffffff}\n"
    ".pdp-hero h1{font-size:44px;line-height:1.15;font-weight:800;margin:0 0 12px;max-width:760px}\n"
    ".pdp-hero p{font-size:19px;margin:0;max-width:640px}\n"
    ".pdp-band{background:var(--surface)}\n"
    ".pdp-card{background:var(--bg);border:1px solid var(--border);border-radius:var(--radius);overflow:hidden}\n"
    ".pdp-redeem{padding:24px;max-width:720px}\n"
    ".pdp-form{display:flex;gap:12px;flex-wrap:wrap;margin-top:12px}\n"
    ".pdp-input{flex:1 1 240px;font:inherit;font-size:18px;letter-spacing:2px;padding:12px 16px;border:2px solid var(--border);"
      "border-radius:var(--radius-small);background:var(--bg);color:var(--text)}\n"
    ".pdp-button{display:inline-block;font:inherit;font-weight:700;font-size:17px;padding:12px 28px;border:0;"
      "border-radius:var(--radius-small);background:var(--primary);color:var(--on-primary);text-decoration:none;cursor:pointer}\n"
    ".pdp-button.pdp-small{font-size:15px;padding:8px 18px}\n"
    ".pdp-grid{display:grid;gap:20px;grid-template-columns:repeat(var(--columns),minmax(0,1fr))}\n"
    ".pdp-project-image{height:160px;background:var(--track);display:flex;align-items:center;justify-content:center;"
      "font-size:44px;font-weight:800;color:var(--primary)}\n"
    ".pdp-project-image img{width:100%;height:100%;object-fit:cover}\n"
    ".pdp-project-body{padding:16px}\n"
    ".pdp-project-title{font-size:19px;font-weight:700;margin:0}\n"
    ".pdp-project-org{font-size:14px;color:var(--muted);margin:0 0 8px}\n"
    ".pdp-project-text{font-size:15px;margin:0 0 12px}\n"
    ".pdp-bar{height:8px;border-radius:4px;background:var(--track);overflow:hidden;margin:8px 0}\n"
    ".pdp-bar span{display:block;height:100%;background:var(--accent);border-radius:4px}\n"
    ".pdp-bar.pdp-large{height:14px;border-radius:7px}\n"
    ".pdp-numbers{font-size:14px;color:var(--muted);margin:0 0 12px}\n"
    ".pdp-total{font-size:44px;font-weight:800;color:var(--primary);margin:0}\n"
    ".pdp-faq-item{border-bottom:1px solid var(--border);padding:14px 0}\n"
    ".pdp-faq-q{font-weight:700;margin:0 0 4px;font-size:17px}\n"
    ".pdp-faq-a{margin:0;color:var(--muted)}\n"
    ".pdp-partners{display:flex;gap:12px;flex-wrap:wrap}\n"
    ".pdp-partner{padding:10px 20px;border:1px solid var(--border);border-radius:999px;font-weight:700;background:var(--bg)}\n"
    ".pdp-figure{margin:0}.pdp-figure img{width:100%;border-radius:var(--radius)}\n"
    ".pdp-caption{color:var(--muted);font-size:14px;margin-top:8px}\n"
    ".pdp-footer{background:var(--surface);color:var(--muted);font-size:14px;border-top:1px solid var(--border)}\n"
    ".pdp-footer a{color:var(--primary)}\n"
    "@media (max-width:899px){.pdp-hero h1{font-size:36px}}\n"
    "@media (max-width:599px){.pdp-block{padding:28px 16px}.pdp-topbar{padding:12px 16px}"
      ".pdp-hero{min-height:260px;padding:32px 16px}.pdp-hero h1{font-size:30px}.pdp-hero p{font-size:17px}"
      ".pdp-heading{font-size:22px}.pdp-total{font-size:34px}}\n");
}

static void
open_block (Writer     *w,
            const char *classes)
{
  g_string_append_printf (w->out, "<section class=\"pdp-block %s\"><div class=\"pdp-inner\">\n", classes);
}

static void
close_block (Writer *w)
{
  g_string_append (w->out, "</div></section>\n");
}

static void
put_heading (Writer      *w,
             PdPageBlock *block)
{
  const char *heading = pd_donor_page_block_heading (w->page, block);

  if (heading == NULL || *heading == '\0')
    return;
  g_string_append (w->out, "<h2 class=\"pdp-heading\">");
  put_text (w, heading);
  g_string_append (w->out, "</h2>\n");
}

/* The bar is never wider than full; the value text says what a bare
 * number would not: "<1 %" rather than 0, "120 %" rather than 100. */
static void
put_bar (Writer     *w,
         gint64      raised,
         gint64      target,
         const char *extra_class)
{
  int percent = pd_donor_page_percent (raised, target);
  g_autofree char *share = pd_donor_page_format_percent (w->page, raised, target);

  g_string_append_printf (w->out, "<div class=\"pdp-bar %s\" role=\"progressbar\" aria-valuemin=\"0\" "
                          "aria-valuemax=\"100\" aria-valuenow=\"%d\" aria-valuetext=\"",
                          extra_class, percent);
  put_text (w, share);
  g_string_append_printf (w->out, "\"><span style=\"width:%d%%\"></span></div>\n", percent);
}

static void
put_hero (Writer      *w,
          PdPageBlock *block)
{
  g_autofree char *image = data_uri (w, w->page->hero_sha256);

  if (image != NULL)
    g_string_append_printf (w->out, "<section class=\"pdp-hero pdp-has-image\" style=\"--hero:url('%s')\">", image);
  else
    g_string_append (w->out, "<section class=\"pdp-hero\">");
  g_string_append (w->out, "<div class=\"pdp-inner\" style=\"width:100%\"><h1>");
  put_text (w, pd_donor_page_block_heading (w->page, block));
  g_string_append (w->out, "</h1><p>");
  put_text (w, pd_donor_page_block_text (w->page, block, "subtitle",
                                         pd_donor_page_string (PD_DONOR_STRING_HERO_SUBTITLE, w->page->language)));
  g_string_append (w->out, "</p></div></section>\n");
}

static void
put_project (Writer               *w,
             const PdDonorProject *project,
             gboolean              show_progress)
{
  g_autofree char *image = data_uri (w, project->image_sha256);

  g_string_append (w->out, "<article class=\"pdp-card pdp-project\"><div class=\"pdp-project-image\">");
  if (image != NULL)
    {
      g_string_append_printf (w->out, "<img src=\"%s\" alt=\"", image);
      put_text (w, project->title);
      g_string_append (w->out, "\">");
    }
  else
    {
      g_autofree char *initial = g_utf8_substring (project->title, 0, 1);
      g_autofree char *upper = g_utf8_strup (initial, -1);
      put_text (w, upper);
    }
  g_string_append (w->out, "</div><div class=\"pdp-project-body\"><h3 class=\"pdp-project-title\">");
  put_text (w, project->title);
  g_string_append (w->out, "</h3><p class=\"pdp-project-org\">");
  put_text (w, project->organisation);
  if (*project->location != '\0')
    {
      g_string_append (w->out, " · ");
      put_text (w, project->location);
    }
  g_string_append (w->out, "</p>");
  if (*project->description != '\0')
    {
      g_string_append (w->out, "<p class=\"pdp-project-text\">");
      put_text (w, project->description);
      g_string_append (w->out, "</p>");
    }
  if (show_progress)
    {
      g_autofree char *numbers = pd_donor_page_format_progress (w->page, project->raised_coins, project->target_coins);

      put_bar (w, project->raised_coins, project->target_coins, "");
      g_string_append (w->out, "<p class=\"pdp-numbers\">");
      put_text (w, numbers);
      g_string_append (w->out, "</p>");
    }
  if (project->website != NULL)
    {
      g_autofree char *href = pd_html_escape (project->website);
      g_string_append_printf (w->out, "<a class=\"pdp-button pdp-small\" rel=\"noopener\" href=\"%s\">", href);
    }
  else
    g_string_append (w->out, "<a class=\"pdp-button pdp-small\">");
  put_text (w, pd_donor_page_string (PD_DONOR_STRING_DONATE, w->page->language));
  g_string_append (w->out, "</a></div></article>\n");
}

static void
put_project_grid (Writer      *w,
                  PdPageBlock *block)
{
  int columns = pd_donor_page_grid_columns (block, 1280);
  gboolean show_progress = pd_page_block_get_boolean (block, "show_progress", TRUE);

  open_block (w, "pdp-projects");
  put_heading (w, block);
  if (w->page->projects->len == 0)
    {
      g_string_append (w->out, "<p class=\"pdp-text pdp-muted\">");
      put_text (w, pd_donor_page_string (PD_DONOR_STRING_NO_PROJECTS, w->page->language));
      g_string_append (w->out, "</p>\n");
    }
  else
    {
      w->n_grids++;
      /* The breakpoints of pd_donor_page_grid_columns(). */
      g_string_append_printf (w->out,
                              "<style>@media (max-width:899px){.pdp-grid-%u{--columns:%d!important}}"
                              "@media (max-width:599px){.pdp-grid-%u{--columns:1!important}}</style>\n",
                              w->n_grids, MIN (columns, 2), w->n_grids);
      g_string_append_printf (w->out, "<div class=\"pdp-grid pdp-grid-%u\" style=\"--columns:%d\">\n",
                              w->n_grids, columns);
      for (guint i = 0; i < w->page->projects->len; i++)
        put_project (w, g_ptr_array_index (w->page->projects, i), show_progress);
      g_string_append (w->out, "</div>\n");
    }
  close_block (w);
}

static void
put_progress (Writer      *w,
              PdPageBlock *block)
{
  g_autofree char *total = pd_donor_page_format_number (w->page->raised_coins, w->page->language);

  open_block (w, "pdp-band pdp-progress");
  put_heading (w, block);
  g_string_append (w->out, "<p class=\"pdp-total\">");
  put_text (w, total);
  g_string_append (w->out, " ");
  put_text (w, pd_donor_page_string (PD_DONOR_STRING_COINS, w->page->language));
  g_string_append (w->out, "</p>\n");
  put_bar (w, w->page->raised_coins, w->page->target_coins, "pdp-large");
  if (pd_page_block_get_boolean (block, "show_numbers", TRUE))
    {
      g_autofree char *numbers = pd_donor_page_format_progress (w->page, w->page->raised_coins, w->page->target_coins);
      g_autofree char *share = pd_donor_page_format_percent (w->page, w->page->raised_coins, w->page->target_coins);
      g_autofree char *reached = NULL;

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
      reached = g_strdup_printf (pd_donor_page_string (PD_DONOR_STRING_REACHED, w->page->language), share);
#pragma GCC diagnostic pop
      g_string_append (w->out, "<p class=\"pdp-numbers\">");
      put_text (w, numbers);
      g_string_append (w->out, " · ");
      put_text (w, reached);
      g_string_append (w->out, "</p>\n");
    }
  close_block (w);
}

static void
put_faq (Writer      *w,
         PdPageBlock *block)
{
  open_block (w, "pdp-faq");
  put_heading (w, block);
  if (w->page->faq->len == 0)
    {
      g_string_append (w->out, "<p class=\"pdp-text pdp-muted\">");
      put_text (w, pd_donor_page_string (PD_DONOR_STRING_NO_FAQ, w->page->language));
      g_string_append (w->out, "</p>\n");
    }
  for (guint i = 0; i < w->page->faq->len; i++)
    {
      PdFaqEntry *entry = g_ptr_array_index (w->page->faq, i);

      g_string_append (w->out, "<div class=\"pdp-faq-item\"><p class=\"pdp-faq-q\">");
      put_text (w, pd_faq_entry_get_question (entry));
      g_string_append (w->out, "</p><p class=\"pdp-faq-a\">");
      put_text (w, pd_faq_entry_get_answer (entry));
      g_string_append (w->out, "</p></div>\n");
    }
  close_block (w);
}

static void
put_partners (Writer      *w,
              PdPageBlock *block)
{
  g_auto(GStrv) names = g_strsplit (pd_page_block_get_string (block, "partners", ""), ",", -1);

  open_block (w, "pdp-band pdp-partners-block");
  put_heading (w, block);
  g_string_append (w->out, "<div class=\"pdp-partners\">");
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_strstrip (names[i]);
      if (*names[i] == '\0')
        continue;
      g_string_append (w->out, "<span class=\"pdp-partner\">");
      put_text (w, names[i]);
      g_string_append (w->out, "</span>");
    }
  g_string_append (w->out, "</div>\n");
  close_block (w);
}

static void
put_footer (Writer      *w,
            PdPageBlock *block)
{
  const char *url = pd_page_block_get_string (block, "link_url", NULL);

  open_block (w, "pdp-footer");
  put_paragraphs (w, pd_donor_page_block_text (w->page, block, "text",
                                               pd_donor_page_string (PD_DONOR_STRING_FOOTER_TEXT, w->page->language)),
                  "pdp-text");
  if (pd_donor_page_url_is_safe (url))
    {
      g_autofree char *href = pd_html_escape (url);

      g_string_append_printf (w->out, "<p class=\"pdp-text\"><a rel=\"noopener\" href=\"%s\">", href);
      put_text (w, pd_donor_page_string (PD_DONOR_STRING_FOOTER_LINK, w->page->language));
      g_string_append (w->out, "</a></p>\n");
    }
  close_block (w);
}

static void
put_image (Writer      *w,
           PdPageBlock *block)
{
  g_autofree char *image = data_uri (w, pd_page_block_get_string (block, "image_sha256", NULL));
  const char *caption = pd_donor_page_block_text (w->page, block, "caption", "");

  open_block (w, "pdp-image");
  put_heading (w, block);
  g_string_append (w->out, "<figure class=\"pdp-figure\">");
  if (image != NULL)
    {
      g_string_append_printf (w->out, "<img src=\"%s\" alt=\"", image);
      put_text (w, caption);
      g_string_append (w->out, "\">");
    }
  if (*caption != '\0')
    {
      g_string_append (w->out, "<figcaption class=\"pdp-caption\">");
      put_text (w, caption);
      g_string_append (w->out, "</figcaption>");
    }
  g_string_append (w->out, "</figure>\n");
  close_block (w);
}

static void
put_block (Writer      *w,
           PdPageBlock *block)
{
  switch (pd_page_block_get_block_type (block))
    {
    case PD_PAGE_BLOCK_HERO:
      put_hero (w, block);
      break;
    case PD_PAGE_BLOCK_INTRO:
      open_block (w, "pdp-intro");
      put_heading (w, block);
      put_paragraphs (w, pd_donor_page_block_text (w->page, block, "text", w->page->intro), "pdp-text");
      close_block (w);
      break;
    case PD_PAGE_BLOCK_REDEEM_FORM:
      open_block (w, "pdp-band");
      g_string_append (w->out, "<div class=\"pdp-card pdp-redeem\">");
      put_heading (w, block);
      g_string_append (w->out, "<p class=\"pdp-text pdp-muted\">");
      put_text (w, pd_donor_page_string (PD_DONOR_STRING_REDEEM_HINT, w->page->language));
      g_string_append (w->out, "</p><div class=\"pdp-form\" role=\"form\">"
                               "<input class=\"pdp-input\" placeholder=\"XXXX-XXXX-XXXX-XXXX\" aria-label=\"");
      put_text (w, pd_donor_page_string (PD_DONOR_STRING_REDEEM_HINT, w->page->language));
      g_string_append (w->out, "\"><button class=\"pdp-button\" type=\"button\">");
      put_text (w, pd_donor_page_block_text (w->page, block, "button",
                                             pd_donor_page_string (PD_DONOR_STRING_REDEEM_BUTTON, w->page->language)));
      g_string_append (w->out, "</button></div></div>\n");
      close_block (w);
      break;
    case PD_PAGE_BLOCK_PROJECT_GRID:
      put_project_grid (w, block);
      break;
    case PD_PAGE_BLOCK_PROGRESS:
      put_progress (w, block);
      break;
    case PD_PAGE_BLOCK_FAQ:
      put_faq (w, block);
      break;
    case PD_PAGE_BLOCK_PARTNER_LOGOS:
      put_partners (w, block);
      break;
    case PD_PAGE_BLOCK_FOOTER:
      put_footer (w, block);
      break;
    case PD_PAGE_BLOCK_TEXT:
      open_block (w, "pdp-text-block");
      put_heading (w, block);
      put_paragraphs (w, pd_donor_page_block_text (w->page, block, "text", ""), "pdp-text");
      close_block (w);
      break;
    case PD_PAGE_BLOCK_IMAGE:
      put_image (w, block);
      break;
    default:
      break;
    }
}

char *
pd_donor_page_html_generate (PdDonorPage      *page,
                             PdDonorAssetFunc  load_asset,
                             gpointer          user_data)
{
  Writer w = { page, load_asset, user_data, NULL, 0 };
  GListModel *blocks;
  g_autofree char *logo = NULL;

  g_return_val_if_fail (page != NULL, NULL);

  w.out = g_string_new ("<!DOCTYPE html>\n");
  g_string_append_printf (w.out, "<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
                          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                          /* Nothing in the file may run or load from elsewhere. */
                          "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                          "style-src 'unsafe-inline'; img-src data:\">\n<title>",
                          page->language);
  put_text (&w, page->title);
  g_string_append (w.out, "</title>\n<style>\n");
  put_css (&w);
  g_string_append_printf (w.out, "</style>\n</head>\n<body class=\"pdp-page%s\">\n", page->dark ? " pdp-dark" : "");

  g_string_append (w.out, "<header class=\"pdp-topbar\"><div class=\"pdp-topbar-inner\">");
  logo = data_uri (&w, page->logo_sha256);
  if (logo != NULL)
    g_string_append_printf (w.out, "<img class=\"pdp-logo\" src=\"%s\" alt=\"\">", logo);
  g_string_append (w.out, "<span class=\"pdp-brand\">");
  put_text (&w, page->title);
  g_string_append (w.out, "</span></div></header>\n<main>\n");

  blocks = pd_campaign_get_page_blocks (page->campaign);
  for (guint i = 0; i < g_list_model_get_n_items (blocks); i++)
    {
      g_autoptr(PdPageBlock) block = g_list_model_get_item (blocks, i);
      put_block (&w, block);
    }

  g_string_append (w.out, "</main>\n</body>\n</html>\n");
  return g_string_free (w.out, FALSE);
}
