/* test-voucher-export.c: CSV rows and printable PDF cards whose QR codes
 * scan to the right redemption URLs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <cairo.h>
#include <glib/gstdio.h>

#include "pd-money-format.h"
#include "pd-test-utils.h"
#include "pd-voucher-batch-export.h"
#include "pd-voucher-export.h"
#include "pd-voucher-generator.h"

/* Millimetres in pixels at 200 dpi. */
#define MM_PX(mm) ((int) ((mm) / 25.4 * 200 + 0.5))

#define DONOR_PAGE "https://spenden.example.org/weihnachten/"

typedef struct {
  char   *dir;
  GArray *codes;
} Fixture;

static GArray *
draw_codes (guint count)
{
  g_autoptr(PdVoucherGenerator) generator = pd_voucher_generator_new (count);
  GAsyncResult *done = NULL;
  GError *error = NULL;
  GArray *codes;

  pd_voucher_generator_generate_async (generator, NULL, pd_test_async_cb, &done);
  pd_test_wait_async (&done);
  codes = pd_voucher_generator_generate_finish (generator, done, &error);
  g_assert_no_error (error);
  g_clear_object (&done);
  return codes;
}

static PdVoucherExport *
make_export (GArray *codes)
{
  g_autoptr(GDateTime) expiry = g_date_time_new_utc (2027, 3, 31, 22, 59, 59);

  /* 125 coins of 0.01 EUR: 1.25 EUR. */
  return pd_voucher_export_new (codes, 125, 10000, "EUR", expiry, DONOR_PAGE);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = pd_test_make_private_dir ();
  fixture->codes = draw_codes (GPOINTER_TO_UINT (data));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (g_getenv ("PD_TEST_KEEP") == NULL)
    pd_test_remove_tree (fixture->dir);
  else
    g_test_message ("kept %s", fixture->dir);
  g_free (fixture->dir);
  g_array_unref (fixture->codes);
}

static guint
count_entries (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (d != NULL && g_dir_read_name (d) != NULL)
    n++;
  return n;
}

static void
test_money (void)
{
  struct { gint64 micros; const char *currency; const char *plain; } cases[] = {
    { 1250000, "EUR", "1.25" },
    { 10000, "EUR", "0.01" },
    { 5000, "EUR", "0.01" },      /* half a cent rounds away from zero */
    { 4999, "EUR", "0.00" },
    { -5000, "EUR", "-0.01" },
    { 123456789, "JPY", "123" },
    { 123500000, "JPY", "124" },
    { 1234567, "BHD", "1.235" },
    { G_MAXINT64, "EUR", "9223372036854.78" },
    { G_MININT64, "EUR", "-9223372036854.78" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *plain = pd_money_format_plain (cases[i].micros, cases[i].currency);

      g_assert_cmpstr (plain, ==, cases[i].plain);
    }
  /* For people: the regional separators, digits grouped by three. */
  {
    struct { gint64 micros; const char *currency; const char *shown; } grouped[] = {
      { 33800000000, "EUR", "33.800,00" },
      { 999990000, "EUR", "999,99" },
      { 1000000000, "EUR", "1.000,00" },
      { -1234567890000, "EUR", "-1.234.567,89" },
      { 1234567000000, "JPY", "1.234.567" },
      { G_MININT64, "EUR", "-9.223.372.036.854,78" },
    };

    for (gsize i = 0; i < G_N_ELEMENTS (grouped); i++)
      {
        g_autofree char *shown = pd_money_format_number (grouped[i].micros, grouped[i].currency, ",", ".");

        g_assert_cmpstr (shown, ==, grouped[i].shown);
      }
  }
  g_assert_cmpuint (pd_money_format_minor_digits ("jpy"), ==, 0);
  g_assert_cmpuint (pd_money_format_minor_digits ("CHF"), ==, 2);
}

static void
test_csv (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(PdVoucherExport) export = make_export (fixture->codes);
  g_autofree char *path = g_build_filename (fixture->dir, "codes.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const PdVoucherCodeValue *values = (const PdVoucherCodeValue *) (gconstpointer) fixture->codes->data;
  GAsyncResult *done = NULL;

  pd_voucher_export_write_csv_async (export, file, NULL, pd_test_async_cb, &done);
  pd_test_wait_async (&done);
  g_assert_true (pd_voucher_export_write_csv_finish (export, done, &error));
  g_assert_no_error (error);
  g_clear_object (&done);
  g_assert_cmpfloat (pd_voucher_export_get_fraction (export), ==, 1.0);

  /* Codes are worth money: nobody else on the machine may read them. */
  {
    GStatBuf st;

    g_assert_cmpint (g_stat (path, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  }

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  lines = g_strsplit (contents, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, fixture->codes->len + 2);
  g_assert_cmpstr (lines[0], ==, "code,coins,value,currency,expires_at,redemption_url");
  g_assert_cmpstr (lines[fixture->codes->len + 1], ==, "");

  for (guint i = 0; i < fixture->codes->len; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i + 1], ",", -1);
      g_autofree char *url = NULL;
      char code[PD_VOUCHER_CODE_LENGTH + 1];

      pd_voucher_code_format (&values[i], code);
      g_assert_cmpuint (g_strv_length (fields), ==, 6);
      g_assert_cmpstr (fields[0], ==, code);
      g_assert_true (pd_voucher_code_is_valid (fields[0]));
      g_assert_true (g_hash_table_add (seen, g_strdup (fields[0])));
      g_assert_cmpstr (fields[1], ==, "125");
      g_assert_cmpstr (fields[2], ==, "1.25");
      g_assert_cmpstr (fields[3], ==, "EUR");
      g_assert_cmpstr (fields[4], ==, "2027-03-31T22:59:59Z");
      url = g_strconcat ("https://spenden.example.org/weihnachten/redeem?code=", code, NULL);
      g_assert_cmpstr (fields[5], ==, url);
    }
  g_assert_cmpuint (g_hash_table_size (seen), ==, fixture->codes->len);

  /* Nothing else was left in the folder. */
  g_assert_cmpuint (count_entries (fixture->dir), ==, 1);
}

/* A comma in the address must not shift the columns (RFC 4180 quoting). */
static void
test_csv_quoting (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GDateTime) expiry = g_date_time_new_utc (2027, 1, 1, 0, 0, 0);
  g_autoptr(PdVoucherExport) export = pd_voucher_export_new (fixture->codes, 3, 333333, "JPY", expiry,
                                                             "https://x.example/a,\"b\"");
  g_autofree char *path = g_build_filename (fixture->dir, "q.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  char code[PD_VOUCHER_CODE_LENGTH + 1];
  g_autofree char *expected = NULL;
  GAsyncResult *done = NULL;

  pd_voucher_export_write_csv_async (export, file, NULL, pd_test_async_cb, &done);
  pd_test_wait_async (&done);
  g_assert_true (pd_voucher_export_write_csv_finish (export, done, &error));
  g_clear_object (&done);
  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  lines = g_strsplit (contents, "\n", -1);
  pd_voucher_code_format (&g_array_index (fixture->codes, PdVoucherCodeValue, 0), code);
  expected = g_strdup_printf ("%s,3,1,JPY,2027-01-01T00:00:00Z,\"https://x.example/a,\"\"b\"\"/redeem?code=%s\"",
                              code, code);
  g_assert_cmpstr (lines[1], ==, expected);
}

static char *
run_tool (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                     &out, &err, &status, &error))
    g_error ("Could not run %s (install poppler-utils and zbar-tools): %s", argv[0], error->message);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("%s failed: %s\n%s", argv[0], error->message, err);
  return out;
}

static char *
make_logo (const char *dir)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 120, 40);
  cairo_t *cr = cairo_create (surface);
  char *path = g_build_filename (dir, "logo.png", NULL);

  cairo_set_source_rgb (cr, 0.9, 0.1, 0.2);
  cairo_arc (cr, 20, 20, 18, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_rectangle (cr, 45, 10, 70, 20);
  cairo_fill (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return path;
}

static void
test_pdf (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(PdVoucherExport) export = make_export (fixture->codes);
  g_autofree char *path = g_build_filename (fixture->dir, "cards.pdf", NULL);
  g_autofree char *logo = make_logo (fixture->dir);
  g_autofree char *png_prefix = g_build_filename (fixture->dir, "page", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *info = NULL;
  g_autofree char *pages = NULL;
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) argv = NULL;
  g_autofree char *scanned = NULL;
  g_auto(GStrv) urls = NULL;
  char code[PD_VOUCHER_CODE_LENGTH + 1];
  guint n = fixture->codes->len;
  GAsyncResult *done = NULL;

  pd_voucher_export_set_title (export, "Weihnachtsspende 2026");
  g_assert_true (pd_voucher_export_set_colors (export, "#006a4e", "#ffcc00", "#fdfdf8", "#1a1a1a"));
  g_assert_false (pd_voucher_export_set_colors (export, "green", "#ffcc00", "#fdfdf8", "#1a1a1a"));
  pd_voucher_export_set_logo_file (export, logo);

  pd_voucher_export_write_pdf_async (export, file, NULL, pd_test_async_cb, &done);
  pd_test_wait_async (&done);
  g_assert_true (pd_voucher_export_write_pdf_finish (export, done, &error));
  g_assert_no_error (error);
  g_clear_object (&done);

  /* 25 cards, ten a page: three A4 pages. */
  info = run_tool ((const char *[]) { "pdfinfo", path, NULL });
  g_test_message ("%s", info);
  g_assert_true (g_regex_match_simple ("^Pages:\\s+3$", info, G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^Title:\\s+Weihnachtsspende 2026$", info, G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^Page size:\\s+595.276 x 841.89 pts \\(A4\\)$", info, G_REGEX_MULTILINE, 0));

  /* Render at 200 dpi and cut out each card (zbar misses symbols on a
   * crowded page now and then, never on one card), then scan them all in
   * one go: zbarimg reports in file order, so card i must carry code i. */
  g_free (run_tool ((const char *[]) { "pdftoppm", "-r", "200", "-gray", "-png", path, png_prefix, NULL }));
  argv = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (argv, g_strdup ("zbarimg"));
  g_ptr_array_add (argv, g_strdup ("--quiet"));
  g_ptr_array_add (argv, g_strdup ("--raw"));
  g_ptr_array_add (argv, g_strdup ("-Sdisable"));
  g_ptr_array_add (argv, g_strdup ("-Sqrcode.enable"));
  for (guint i = 0; i < n; i++)
    {
      guint page = i / 10 + 1;
      guint slot = i % 10;
      g_autofree char *page_png = g_strdup_printf ("%s-%u.png", png_prefix, page);
      char *card_png = g_strdup_printf ("%s-card-%03u.png", png_prefix, i);
      cairo_surface_t *page_surface = cairo_image_surface_create_from_png (page_png);
      cairo_surface_t *card = cairo_image_surface_create (CAIRO_FORMAT_RGB24, MM_PX (85), MM_PX (54));
      cairo_t *cr = cairo_create (card);

      g_assert_cmpint (cairo_surface_status (page_surface), ==, CAIRO_STATUS_SUCCESS);
      g_assert_cmpint (cairo_image_surface_get_width (page_surface), ==, MM_PX (210));
      cairo_set_source_surface (cr, page_surface, -MM_PX (20 + (slot % 2) * 85), -MM_PX (13.5 + (slot / 2) * 54));
      cairo_paint (cr);
      cairo_destroy (cr);
      g_assert_cmpint (cairo_surface_write_to_png (card, card_png), ==, CAIRO_STATUS_SUCCESS);
      cairo_surface_destroy (card);
      cairo_surface_destroy (page_surface);
      g_ptr_array_add (argv, card_png);
      pd_voucher_code_format (&g_array_index (fixture->codes, PdVoucherCodeValue, i), code);
      g_ptr_array_add (expected, pd_voucher_export_redemption_url (export, code));
    }
  g_ptr_array_add (argv, NULL);
  g_ptr_array_add (expected, NULL);

  scanned = run_tool ((const char * const *) argv->pdata);
  urls = g_strsplit (g_strstrip (scanned), "\n", -1);
  g_assert_cmpstrv (urls, (const char * const *) expected->pdata);
  g_assert_true (g_str_has_prefix (urls[0], "https://spenden.example.org/weihnachten/redeem?code="));
}

static void
test_pdf_bad_logo (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(PdVoucherExport) export = make_export (fixture->codes);
  g_autofree char *path = g_build_filename (fixture->dir, "cards.pdf", NULL);
  g_autofree char *logo = g_build_filename (fixture->dir, "not-a.png", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GAsyncResult *done = NULL;

  g_assert_true (g_file_set_contents (logo, "not an image at all", -1, NULL));
  pd_voucher_export_set_logo_file (export, logo);
  pd_voucher_export_write_pdf_async (export, file, NULL, pd_test_async_cb, &done);
  pd_test_wait_async (&done);
  g_assert_false (pd_voucher_export_write_pdf_finish (export, done, &error));
  g_assert_error (error, PD_VOUCHER_EXPORT_ERROR, PD_VOUCHER_EXPORT_ERROR_LOGO);
  g_clear_object (&done);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_entries (fixture->dir), ==, 1);

  /* An SVG without a size is no reason to crash; it may draw nothing. */
  g_assert_true (g_file_set_contents (logo, "<svg xmlns='http://www.w3.org/2000/svg'/>", -1, NULL));
  g_clear_error (&error);
  pd_voucher_export_write_pdf_async (export, file, NULL, pd_test_async_cb, &done);
  pd_test_wait_async (&done);
  if (!pd_voucher_export_write_pdf_finish (export, done, &error))
    g_assert_error (error, PD_VOUCHER_EXPORT_ERROR, PD_VOUCHER_EXPORT_ERROR_LOGO);
  g_clear_object (&done);
}

static void
on_fraction_cancel_cb (GObject    *object,
                       GParamSpec *pspec,
                       gpointer    user_data)
{
  GCancellable *cancellable = user_data;
  double fraction = pd_voucher_export_get_fraction (PD_VOUCHER_EXPORT (object));

  if (fraction >= 0.05 && !g_cancellable_is_cancelled (cancellable))
    {
      g_object_set_data (object, "fraction-at-cancel", GINT_TO_POINTER ((int) (fraction * 1000)));
      g_cancellable_cancel (cancellable);
    }
}

/* 12,000 cards: cancelled once under way, the export leaves the older file
 * as it was and no temporary file behind. */
static void
test_pdf_cancel (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(PdVoucherExport) export = make_export (fixture->codes);
  g_autofree char *path = g_build_filename (fixture->dir, "cards.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  GAsyncResult *done = NULL;

  g_assert_true (g_file_set_contents (path, "older cards", -1, NULL));
  g_signal_connect (export, "notify::fraction", G_CALLBACK (on_fraction_cancel_cb), cancellable);
  pd_voucher_export_write_pdf_async (export, file, cancellable, pd_test_async_cb, &done);
  pd_test_wait_async (&done);
  g_assert_false (pd_voucher_export_write_pdf_finish (export, done, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_object (&done);

  g_assert_cmpint (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (export), "fraction-at-cancel")), >=, 50);
  g_assert_cmpint (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (export), "fraction-at-cancel")), <, 1000);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "older cards");
  g_assert_cmpuint (count_entries (fixture->dir), ==, 1);
}

static void
test_csv_cancel (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(PdVoucherExport) export = make_export (fixture->codes);
  g_autofree char *path = g_build_filename (fixture->dir, "codes.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  GAsyncResult *done = NULL;

  g_cancellable_cancel (cancellable);
  pd_voucher_export_write_csv_async (export, file, cancellable, pd_test_async_cb, &done);
  pd_test_wait_async (&done);
  g_assert_false (pd_voucher_export_write_csv_finish (export, done, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_object (&done);
  g_assert_cmpuint (count_entries (fixture->dir), ==, 0);
}

static void
test_not_writable (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(PdVoucherExport) export = make_export (fixture->codes);
  g_autofree char *path = g_build_filename (fixture->dir, "missing-folder", "codes.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GAsyncResult *done = NULL;

  pd_voucher_export_write_csv_async (export, file, NULL, pd_test_async_cb, &done);
  pd_test_wait_async (&done);
  g_assert_false (pd_voucher_export_write_csv_finish (export, done, &error));
  g_assert_error (error, PD_VOUCHER_EXPORT_ERROR, PD_VOUCHER_EXPORT_ERROR_WRITE);
  g_clear_object (&done);
}

/* The platform's donor pages when there is an account, the placeholder
 * only without one; the slug (or the id before there is one) last. */
static void
test_donor_page_url (void)
{
  g_autoptr(PdCampaign) campaign = pd_campaign_new ();
  g_autofree char *with_account = NULL;
  g_autofree char *without_slash = NULL;
  g_autofree char *offline = NULL;
  g_autofree char *no_slug = NULL;
  g_autofree char *expected = NULL;

  pd_campaign_set_slug (campaign, "radspende-2026");
  with_account = pd_voucher_donor_page_url ("https://give.example.org/t/42/", campaign);
  g_assert_cmpstr (with_account, ==, "https://give.example.org/t/42/radspende-2026");
  without_slash = pd_voucher_donor_page_url ("https://give.example.org/t/42", campaign);
  g_assert_cmpstr (without_slash, ==, "https://give.example.org/t/42/radspende-2026");
  offline = pd_voucher_donor_page_url (NULL, campaign);
  g_assert_cmpstr (offline, ==, "https://particulate.example.com/c/radspende-2026");

  pd_campaign_set_slug (campaign, "");
  no_slug = pd_voucher_donor_page_url ("https://give.example.org/t/42/", campaign);
  expected = g_strconcat ("https://give.example.org/t/42/", pd_record_get_id (PD_RECORD (campaign)), NULL);
  g_assert_cmpstr (no_slug, ==, expected);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/voucher/export/money", test_money);
  g_test_add_func ("/voucher/export/donor-page-url", test_donor_page_url);
  g_test_add ("/voucher/export/csv", Fixture, GUINT_TO_POINTER (5000),
              fixture_set_up, test_csv, fixture_tear_down);
  g_test_add ("/voucher/export/csv-quoting", Fixture, GUINT_TO_POINTER (3),
              fixture_set_up, test_csv_quoting, fixture_tear_down);
  g_test_add ("/voucher/export/csv-cancel", Fixture, GUINT_TO_POINTER (1000),
              fixture_set_up, test_csv_cancel, fixture_tear_down);
  g_test_add ("/voucher/export/not-writable", Fixture, GUINT_TO_POINTER (10),
              fixture_set_up, test_not_writable, fixture_tear_down);
  g_test_add ("/voucher/export/pdf", Fixture, GUINT_TO_POINTER (25),
              fixture_set_up, test_pdf, fixture_tear_down);
  g_test_add ("/voucher/export/pdf-bad-logo", Fixture, GUINT_TO_POINTER (2),
              fixture_set_up, test_pdf_bad_logo, fixture_tear_down);
  g_test_add ("/voucher/export/pdf-cancel", Fixture, GUINT_TO_POINTER (12000),
              fixture_set_up, test_pdf_cancel, fixture_tear_down);

  return g_test_run ();
}
