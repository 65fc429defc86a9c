/* test-donor-page-html.c: the exported donor page is complete and safe
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pd-donor-page-html.h"
#include "pd-test-utils.h"

#define HOSTILE "<script>alert(\"x\")</script> & 'quoted' \"double\""

static const char png_1x1[] = {
  (char) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0x0d, 'I', 'H', 'D', 'R',
};

static GBytes *
load_asset_cb (const char  *sha256,
               char       **mime_type,
               gpointer     user_data)
{
  guint *calls = user_data;

  (*calls)++;
  if (g_str_equal (sha256, "missing"))
    return NULL;
  if (g_str_equal (sha256, "script"))
    {
      *mime_type = g_strdup ("text/html");
      return g_bytes_new_static ("<script>", 8);
    }
  *mime_type = g_strdup ("image/png");
  return g_bytes_new_static (png_1x1, sizeof png_1x1);
}

static PdCampaign *
make_campaign (const char *hostile)
{
  PdCampaign *campaign = pd_campaign_new ();
  PdCampaignText *text;
  static const PdPageBlockType order[] = {
    PD_PAGE_BLOCK_HERO, PD_PAGE_BLOCK_INTRO, PD_PAGE_BLOCK_REDEEM_FORM, PD_PAGE_BLOCK_PROGRESS,
    PD_PAGE_BLOCK_PROJECT_GRID, PD_PAGE_BLOCK_FAQ, PD_PAGE_BLOCK_PARTNER_LOGOS, PD_PAGE_BLOCK_TEXT,
    PD_PAGE_BLOCK_IMAGE, PD_PAGE_BLOCK_FOOTER,
  };

  pd_campaign_set_name (campaign, hostile);
  text = pd_campaign_ensure_text (campaign, "de");
  pd_campaign_text_set_title (text, hostile);
  pd_campaign_text_set_intro (text, "Erster Absatz " HOSTILE "\n\nZweiter Absatz");
  pd_campaign_text_append_faq (text, pd_faq_entry_new (hostile, hostile));
  text = pd_campaign_ensure_text (campaign, "nl");
  pd_campaign_text_set_title (text, "Fietsen voor het goede doel");

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      g_autoptr(PdPageBlock) block = pd_page_block_new (order[i]);

      pd_page_block_set_string (block, "heading_de", order[i] == PD_PAGE_BLOCK_HERO ? NULL : hostile);
      if (order[i] == PD_PAGE_BLOCK_PARTNER_LOGOS)
        pd_page_block_set_string (block, "partners", "Stadtwerke, " HOSTILE);
      if (order[i] == PD_PAGE_BLOCK_FOOTER)
        pd_page_block_set_string (block, "link_url", "javascript:alert(1)");
      if (order[i] == PD_PAGE_BLOCK_TEXT)
        pd_page_block_set_string (block, "text_de", hostile);
      if (order[i] == PD_PAGE_BLOCK_IMAGE)
        {
          pd_page_block_set_string (block, "image_sha256", "script");
          pd_page_block_set_string (block, "caption_de", hostile);
        }
      if (order[i] == PD_PAGE_BLOCK_PROJECT_GRID)
        pd_page_block_set_int (block, "columns", 2);
      pd_campaign_insert_page_block (campaign, block, G_MAXUINT);
    }
  return campaign;
}

static PdProject *
make_project (const char *title,
              const char *website,
              const char *image)
{
  PdProject *project = pd_project_new ();

  pd_project_set_title (project, title);
  pd_project_set_organisation (project, "SV Grün-Weiß " HOSTILE);
  pd_project_set_description (project, HOSTILE);
  pd_project_set_location (project, "Köln");
  pd_project_set_website (project, website);
  pd_project_set_image_sha256 (project, image);
  return project;
}

static PdTheme *
make_theme (void)
{
  PdTheme *theme = pd_theme_new ();

  pd_theme_set_name (theme, "Bank");
  pd_theme_set_primary_color (theme, "#0b4f9c");
  pd_theme_set_accent_color (theme, "#00a3e0");
  pd_theme_set_font_family (theme, "Evil\"; } body { background: url(http://x) } .a{");
  pd_theme_set_logo_sha256 (theme, "logo");
  pd_theme_set_hero_sha256 (theme, "missing");
  pd_theme_set_corner_radius (theme, 20);
  return theme;
}

static void
assert_no_raw (const char *html,
               const char *needle)
{
  g_autofree char *lower = g_ascii_strdown (html, -1);

  if (strstr (lower, needle) != NULL)
    g_error ("found “%s” in the page at …%.80s…", needle, strstr (lower, needle));
}

static guint
count (const char *html,
       const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (html, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* Every element the generator opens, it closes. */
static void
assert_balanced (const char *html)
{
  static const char *elements[] = { "section", "div", "p", "h1", "h2", "h3", "article", "a", "span",
                                    "figure", "figcaption", "header", "main", "button", "style", "title" };

  for (guint i = 0; i < G_N_ELEMENTS (elements); i++)
    {
      g_autofree char *open_tag = g_strdup_printf ("<%s ", elements[i]);
      g_autofree char *open_bare = g_strdup_printf ("<%s>", elements[i]);
      g_autofree char *close_tag = g_strdup_printf ("</%s>", elements[i]);

      g_assert_cmpuint (count (html, open_tag) + count (html, open_bare), ==, count (html, close_tag));
    }
}

static void
test_html_hostile_texts (void)
{
  g_autoptr(PdCampaign) campaign = make_campaign (HOSTILE);
  g_autoptr(PdTheme) theme = make_theme ();
  g_autoptr(PdDonorPage) page = pd_donor_page_new (campaign, theme, "de", FALSE);
  g_autofree char *html = NULL;
  guint calls = 0;

  static const char *evil_urls[] = {
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)",
    "java\nscript:alert(1)", "vbscript:msgbox(1)", "data:text/html,<script>alert(1)</script>",
    "https://ok.example/\"onmouseover=\"alert(1)", "//evil.example", "file:///etc/passwd",
  };

  for (guint i = 0; i < G_N_ELEMENTS (evil_urls); i++)
    {
      g_autoptr(PdProject) project = make_project ("Projekt", evil_urls[i], NULL);
      pd_donor_page_add_project (page, pd_record_get_id (PD_RECORD (project)), project, 1000, 10);
    }

  html = pd_donor_page_html_generate (page, load_asset_cb, &calls);
  g_assert_true (g_utf8_validate (html, -1, NULL));
  assert_balanced (html);

  assert_no_raw (html, "<script");
  assert_no_raw (html, "javascript:");
  assert_no_raw (html, "vbscript:");
  assert_no_raw (html, "data:text");
  assert_no_raw (html, "file:");
  assert_no_raw (html, "onmouseover=\"");
  assert_no_raw (html, "href=\"//");
  assert_no_raw (html, "'quoted'");
  assert_no_raw (html, "\"double\"");
  assert_no_raw (html, "url(http");
  assert_no_raw (html, "evil\";");
  g_assert_nonnull (strstr (html, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quoted&#39;"));
  /* No link was given a refused URL: "Spenden" buttons carry no href. */
  g_assert_null (strstr (html, "href="));
  /* The image block's asset is no image: not embedded. */
  g_assert_null (strstr (html, "data:text/html"));
  g_assert_cmpuint (calls, >, 0);
}

static void
test_html_content (void)
{
  g_autoptr(PdCampaign) campaign = make_campaign ("Radeln für Vereine");
  g_autoptr(PdTheme) theme = make_theme ();
  g_autoptr(PdDonorPage) page = pd_donor_page_new (campaign, theme, "de", FALSE);
  g_autoptr(PdProject) jerseys = make_project ("Neue Trikots", "https://sv.example/trikots?a=1&b=2", "img");
  g_autoptr(PdProject) playground = make_project ("Spielplatz", "mailto:info@example.org", NULL);
  g_autofree char *html = NULL;
  const char *body, *hero, *intro, *redeem, *progress, *grid, *footer;
  guint calls = 0;

  pd_donor_page_add_project (page, pd_record_get_id (PD_RECORD (jerseys)), jerseys, 5000, 1234);
  pd_donor_page_add_project (page, pd_record_get_id (PD_RECORD (playground)), playground, 20000, 2000);
  pd_donor_page_add_project (page, "unknown-project", NULL, 100, 500);
  html = pd_donor_page_html_generate (page, load_asset_cb, &calls);

  g_assert_true (g_str_has_prefix (html, "<!DOCTYPE html>\n<html lang=\"de\">"));
  g_assert_nonnull (strstr (html, "</html>"));
  assert_balanced (html);
  /* Self-contained: nothing loads from elsewhere. */
  g_assert_null (strstr (html, "src=\"http"));
  g_assert_null (strstr (html, "<link"));
  g_assert_nonnull (strstr (html, "default-src 'none'"));

  /* The theme's colours and radius, and the font name cleaned. */
  g_assert_nonnull (strstr (html, "--primary:#0b4f9c"));
  g_assert_nonnull (strstr (html, "--accent:#00a3e0"));
  g_assert_nonnull (strstr (html, "--radius:20px"));
  g_assert_nonnull (strstr (html, "font-family:\"Evil  body  background urlhttpx  a\""));

  /* Logo and a project image embedded, the missing hero left out. */
  g_assert_nonnull (strstr (html, "class=\"pdp-logo\" src=\"data:image/png;base64,"));
  g_assert_nonnull (strstr (html, "<img src=\"data:image/png;base64,"));
  g_assert_null (strstr (html, "class=\"pdp-hero pdp-has-image\""));

  /* Blocks in the campaign's order. */
  body = strstr (html, "<main>");
  g_assert_nonnull (body);
  hero = strstr (body, "class=\"pdp-hero");
  intro = strstr (body, "pdp-intro");
  redeem = strstr (body, "pdp-redeem");
  progress = strstr (body, "pdp-progress");
  grid = strstr (body, "pdp-projects");
  footer = strstr (body, "pdp-footer\"");
  g_assert_true (hero && intro && redeem && progress && grid && footer);
  g_assert_true (hero < intro && intro < redeem && redeem < progress && progress < grid && grid < footer);

  /* Paragraphs of the intro, German wording and numbers. */
  g_assert_nonnull (strstr (html, "<p class=\"pdp-text\">Erster Absatz"));
  g_assert_nonnull (strstr (html, "<p class=\"pdp-text\">Zweiter Absatz</p>"));
  g_assert_nonnull (strstr (html, "Einlösen"));
  g_assert_nonnull (strstr (html, "1.234 von 5.000 Coins"));
  /* Totals: 1234 + 2000 + 500 of 25100, 14 %. */
  g_assert_nonnull (strstr (html, "3.734 Coins"));
  g_assert_nonnull (strstr (html, "14\u00a0% erreicht"));
  g_assert_nonnull (strstr (html, "aria-valuenow=\"14\""));
  /* Over target shows a full bar, never more. */
  g_assert_nonnull (strstr (html, "width:100%"));
  g_assert_nonnull (strstr (html, "--columns:2"));
  /* Safe links kept, escaped inside the attribute. */
  g_assert_nonnull (strstr (html, "href=\"https://sv.example/trikots?a=1&amp;b=2\""));
  g_assert_nonnull (strstr (html, "href=\"mailto:info@example.org\""));
  g_assert_nonnull (strstr (html, "unknown-project"));
}

static void
test_html_language_and_dark (void)
{
  g_autoptr(PdCampaign) campaign = make_campaign ("Fietsactie");
  g_autoptr(PdDonorPage) nl = pd_donor_page_new (campaign, NULL, "nl", TRUE);
  g_autoptr(PdDonorPage) en = pd_donor_page_new (campaign, NULL, "en", FALSE);
  g_autofree char *nl_html = NULL;
  g_autofree char *en_html = NULL;

  pd_donor_page_add_project (nl, "p1", NULL, 1234567, 0);
  pd_donor_page_add_project (en, "p1", NULL, 1234567, 0);
  nl_html = pd_donor_page_html_generate (nl, NULL, NULL);
  en_html = pd_donor_page_html_generate (en, NULL, NULL);
  assert_balanced (nl_html);
  assert_balanced (en_html);

  g_assert_true (g_str_has_prefix (nl_html, "<!DOCTYPE html>\n<html lang=\"nl\">"));
  g_assert_nonnull (strstr (nl_html, "<title>Fietsen voor het goede doel</title>"));
  g_assert_nonnull (strstr (nl_html, "Voucher inwisselen"));
  g_assert_nonnull (strstr (nl_html, "0 van 1.234.567 coins"));
  g_assert_nonnull (strstr (nl_html, "pdp-dark"));
  /* Headings set only in German fall back to the page's own wording. */
  g_assert_nonnull (strstr (nl_html, "Veelgestelde vragen"));

  /* English has no texts: the German ones stand in, English numbers. */
  g_assert_nonnull (strstr (en_html, "<title>Fietsactie</title>"));
  g_assert_nonnull (strstr (en_html, "0 of 1,234,567 coins"));
  g_assert_nonnull (strstr (en_html, "Redeem your voucher"));
  g_assert_null (strstr (en_html, "pdp-dark"));
  g_assert_nonnull (strstr (en_html, "--bg:#ffffff"));
  g_assert_null (strstr (nl_html, "--bg:#ffffff"));
}

static void
test_html_url_check (void)
{
  g_assert_true (pd_donor_page_url_is_safe ("https://example.org/a?b=c"));
  g_assert_true (pd_donor_page_url_is_safe ("HTTP://example.org"));
  g_assert_true (pd_donor_page_url_is_safe ("mailto:a@b.example"));
  g_assert_false (pd_donor_page_url_is_safe (NULL));
  g_assert_false (pd_donor_page_url_is_safe (""));
  g_assert_false (pd_donor_page_url_is_safe ("javascript:alert(1)"));
  g_assert_false (pd_donor_page_url_is_safe ("JAVASCRIPT:alert(1)"));
  g_assert_false (pd_donor_page_url_is_safe ("\x01javascript:alert(1)"));
  g_assert_false (pd_donor_page_url_is_safe ("relative/path"));
  g_assert_false (pd_donor_page_url_is_safe ("https://a.example/<x>"));
}

static void
test_html_escape (void)
{
  g_autofree char *escaped = pd_html_escape ("<a href='x'>\"&\"</a>");
  g_autofree char *empty = pd_html_escape (NULL);

  g_assert_cmpstr (escaped, ==, "&lt;a href=&#39;x&#39;&gt;&quot;&amp;&quot;&lt;/a&gt;");
  g_assert_cmpstr (empty, ==, "");
}

/* A few coins of a large target read "<1 %", a coin short "99 %", and
 * beyond the target the words say so while the bar stays full. */
static void
test_html_small_shares (void)
{
  g_autoptr(PdCampaign) campaign = make_campaign ("Radspende");
  g_autoptr(PdDonorPage) de = pd_donor_page_new (campaign, NULL, "de", FALSE);
  g_autoptr(PdDonorPage) nl = pd_donor_page_new (campaign, NULL, "nl", FALSE);
  g_autoptr(PdDonorPage) close = pd_donor_page_new (campaign, NULL, "en", FALSE);
  g_autoptr(PdDonorPage) over = pd_donor_page_new (campaign, NULL, "en", FALSE);
  g_autofree char *de_html = NULL;
  g_autofree char *nl_html = NULL;
  g_autofree char *close_html = NULL;
  g_autofree char *over_html = NULL;
  g_autofree char *de_share = NULL;

  pd_donor_page_add_project (de, "p1", NULL, 1000000, 3);
  pd_donor_page_add_project (nl, "p1", NULL, 1000000, 3);
  pd_donor_page_add_project (close, "p1", NULL, 1000000, 999999);
  pd_donor_page_add_project (over, "p1", NULL, 100000, 125000);
  de_html = pd_donor_page_html_generate (de, NULL, NULL);
  nl_html = pd_donor_page_html_generate (nl, NULL, NULL);
  close_html = pd_donor_page_html_generate (close, NULL, NULL);
  over_html = pd_donor_page_html_generate (over, NULL, NULL);
  assert_balanced (de_html);

  de_share = pd_donor_page_format_percent (de, 3, 1000000);
  g_assert_cmpstr (de_share, ==, "<1\u00a0%");
  /* The words, escaped, and the bars read out the same to screen readers. */
  g_assert_nonnull (strstr (de_html, "&lt;1\u00a0% erreicht"));
  g_assert_null (strstr (de_html, ">0\u00a0% erreicht"));
  g_assert_cmpuint (count (de_html, "aria-valuetext=\"&lt;1\u00a0%\""), ==, 2);
  g_assert_nonnull (strstr (nl_html, "&lt;1\u00a0% bereikt"));

  g_assert_nonnull (strstr (close_html, "99\u00a0% reached"));
  g_assert_null (strstr (close_html, "100\u00a0% reached"));
  g_assert_null (strstr (close_html, "<span style=\"width:100%\">"));
  g_assert_nonnull (strstr (close_html, "<span style=\"width:99%\">"));
  g_assert_nonnull (strstr (close_html, "aria-valuenow=\"99\""));

  g_assert_nonnull (strstr (over_html, "125\u00a0% reached"));
  g_assert_nonnull (strstr (over_html, "aria-valuenow=\"100\" aria-valuetext=\"125\u00a0%\""));
  g_assert_nonnull (strstr (over_html, "<span style=\"width:100%\">"));
  g_assert_null (strstr (over_html, "width:125%"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/donor-page-html/hostile-texts", test_html_hostile_texts);
  g_test_add_func ("/donor-page-html/content", test_html_content);
  g_test_add_func ("/donor-page-html/language-and-dark", test_html_language_and_dark);
  g_test_add_func ("/donor-page-html/url-check", test_html_url_check);
  g_test_add_func ("/donor-page-html/escape", test_html_escape);
  g_test_add_func ("/donor-page-html/small-shares", test_html_small_shares);

  return g_test_run ();
}
