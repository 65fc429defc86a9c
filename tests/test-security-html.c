/* test-security-html.c: a donor page exported with hostile campaign texts
 * runs no script in a real browser
 *
 * The page is generated from texts and URLs that carry script in every form
 * (script elements, event handler attributes that break out of quotes,
 * javascript: URLs) and opened in headless Chromium. Every payload would
 * mark the document's root element; the DOM Chromium serializes after
 * loading must carry no mark. A control page with a script of its own
 * shows that Chromium does run scripts here, so the test can fail.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pd-campaign.h"
#include "pd-donor-page-html.h"
#include "pd-project.h"
#include "pd-test-utils.h"

#define MARK(how) "document.documentElement.setAttribute('data-pwned','" how "')"

static const char *payloads[] = {
  "<script>" MARK ("script") "</script>",
  "\"><img src=x onerror=\"" MARK ("img") "\">",
  "'><svg onload='" MARK ("svg") "'>",
  "</title></style></textarea><script>" MARK ("breakout") "</script>",
  "<iframe srcdoc=\"<script>parent." MARK ("iframe") "</script>\"></iframe>",
  "<a href=\"javascript:" MARK ("href") "\">x</a>",
};

static char *
find_chromium (void)
{
  static const char *names[] = { "chromium", "chromium-browser", "google-chrome" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      char *path = g_find_program_in_path (names[i]);

      if (path != NULL)
        return path;
    }
  return NULL;
}

/* The DOM after loading (and running whatever script the page has). */
static char *
dump_dom (const char *chromium,
          const char *html_path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = g_filename_to_uri (html_path, NULL, NULL);
  g_autofree char *profile = pd_test_make_private_dir ();
  g_autofree char *user_data = g_strdup_printf ("--user-data-dir=%s", profile);
  g_autoptr(GSubprocess) process = NULL;
  char *out = NULL;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                              chromium, "--headless", "--no-sandbox", "--disable-gpu",
                              "--no-first-run", "--disable-extensions", "--disable-dev-shm-usage",
                              user_data, "--virtual-time-budget=3000", "--dump-dom", url, NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error));
  g_assert_no_error (error);
  pd_test_remove_tree (profile);

  return out;
}

static void
test_security_html_runs_no_script (void)
{
  g_autofree char *chromium = find_chromium ();
  g_autofree char *dir = NULL;
  g_autofree char *page_path = NULL;
  g_autofree char *control_path = NULL;
  g_autofree char *html = NULL;
  g_autofree char *dom = NULL;
  g_autofree char *control_dom = NULL;
  g_autoptr(PdCampaign) campaign = pd_campaign_new ();
  g_autoptr(GString) hostile = g_string_new ("Winterspende ");
  PdCampaignText *text;
  PdDonorPage *page;

  if (chromium == NULL)
    {
      g_test_skip ("Chromium is not installed (build-aux/common.sh installs it)");
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (payloads); i++)
    g_string_append (hostile, payloads[i]);

  pd_campaign_set_name (campaign, hostile->str);
  text = pd_campaign_ensure_text (campaign, "de");
  pd_campaign_text_set_title (text, hostile->str);
  pd_campaign_text_set_intro (text, hostile->str);
  pd_campaign_text_set_thank_you (text, hostile->str);
  pd_campaign_text_append_faq (text, pd_faq_entry_new (hostile->str, hostile->str));
  for (PdPageBlockType type = PD_PAGE_BLOCK_HERO; type <= PD_PAGE_BLOCK_FOOTER; type++)
    {
      g_autoptr(PdPageBlock) block = pd_page_block_new (type);

      pd_page_block_set_string (block, "heading_de", hostile->str);
      pd_page_block_set_string (block, "text_de", hostile->str);
      pd_page_block_set_string (block, "caption_de", hostile->str);
      pd_page_block_set_string (block, "partners", hostile->str);
      pd_page_block_set_string (block, "link_url", "javascript:" MARK ("footer"));
      pd_campaign_insert_page_block (campaign, block, G_MAXUINT);
    }

  page = pd_donor_page_new (campaign, NULL, "de", FALSE);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(PdProject) project = pd_project_new ();

      pd_project_set_title (project, hostile->str);
      pd_project_set_organisation (project, hostile->str);
      pd_project_set_description (project, hostile->str);
      pd_project_set_location (project, hostile->str);
      pd_project_set_website (project, i == 0 ? "javascript:" MARK ("website")
                                     : i == 1 ? "https://ok.example/\"onmouseover=\"" MARK ("quote") "\""
                                              : "data:text/html,<script>" MARK ("data") "</script>");
      pd_donor_page_add_project (page, pd_record_get_id (PD_RECORD (project)), project, 1000, 10);
    }
  html = pd_donor_page_html_generate (page, NULL, NULL);
  pd_donor_page_free (page);

  dir = pd_test_make_private_dir ();
  page_path = g_build_filename (dir, "donor-page.html", NULL);
  control_path = g_build_filename (dir, "control.html", NULL);
  g_assert_true (g_file_set_contents (page_path, html, -1, NULL));
  g_assert_true (g_file_set_contents (control_path,
                                      "<!DOCTYPE html><html><body><p>control</p><script>"
                                      MARK ("control") "</script></body></html>", -1, NULL));

  /* Chromium runs scripts in this set-up ... */
  control_dom = dump_dom (chromium, control_path);
  g_assert_nonnull (strstr (control_dom, "data-pwned=\"control\""));

  /* ... but none of the payloads in the exported page. */
  dom = dump_dom (chromium, page_path);
  g_test_message ("%" G_GSIZE_FORMAT " bytes of DOM", strlen (dom));
  g_assert_nonnull (strstr (dom, "Winterspende"));
  if (strstr (dom, "data-pwned=") != NULL)
    g_error ("a payload ran: …%.200s…", strstr (dom, "data-pwned="));

  pd_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/security/html/runs-no-script", test_security_html_runs_no_script);

  return g_test_run ();
}
