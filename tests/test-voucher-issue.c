/* test-voucher-issue.c: issuing batches into a real workspace store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <cairo.h>

#include "pd-store.h"
#include "pd-voucher-batch-export.h"
#include "pd-test-utils.h"
#include "pd-voucher-issue.h"
#include "pd-voucher-rules.h"

typedef struct {
  char       *dir;
  PdStore    *store;
  PdCampaign *campaign;
  GDateTime  *now;
  GDateTime  *expires;
} Fixture;

typedef struct {
  GAsyncResult *result;
} Wait;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GDateTime) starts = g_date_time_new_utc (2026, 12, 1, 0, 0, 0);
  g_autoptr(GDateTime) ends = g_date_time_new_utc (2027, 2, 28, 0, 0, 0);
  g_autoptr(GError) error = NULL;

  f->dir = pd_test_make_private_dir ();
  path = g_build_filename (f->dir, "workspace.db", NULL);
  f->store = pd_store_open (path, &error);
  g_assert_no_error (error);

  f->campaign = pd_campaign_new ();
  pd_campaign_set_name (f->campaign, "Winter");
  pd_campaign_set_slug (f->campaign, "winter");
  pd_campaign_set_starts_at (f->campaign, starts);
  pd_campaign_set_ends_at (f->campaign, ends);
  pd_campaign_set_voucher_budget_coins (f->campaign, 50000000);
  pd_campaign_text_set_title (pd_campaign_ensure_text (f->campaign, "de"), "Winterspende");
  pd_store_save (f->store, PD_RECORD (f->campaign), NULL, &error);
  g_assert_no_error (error);

  f->now = g_date_time_new_utc (2026, 11, 20, 9, 0, 0);
  f->expires = g_date_time_new_utc (2027, 3, 31, 0, 0, 0);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->campaign);
  g_assert_finalize_object (f->store);
  g_clear_pointer (&f->now, g_date_time_unref);
  g_clear_pointer (&f->expires, g_date_time_unref);
  pd_test_remove_tree (f->dir);
  g_free (f->dir);
}

static PdVoucherBatch *
new_batch (Fixture    *f,
           const char *label,
           gint64      count,
           gint64      coins)
{
  PdVoucherBatch *batch = pd_voucher_batch_new (pd_record_get_id (PD_RECORD (f->campaign)));

  pd_voucher_batch_set_label (batch, label);
  pd_voucher_batch_set_count (batch, count);
  pd_voucher_batch_set_coins_per_voucher (batch, coins);
  pd_voucher_batch_set_expires_at (batch, f->expires);
  return batch;
}

static void
on_done_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  ((Wait *) user_data)->result = g_object_ref (result);
}

static gboolean
wait_done (gpointer data)
{
  return ((Wait *) data)->result != NULL;
}

static GArray *
issue (Fixture         *f,
       PdVoucherBatch  *batch,
       GCancellable    *cancellable,
       GError         **error)
{
  g_autoptr(PdVoucherGenerator) generator = pd_voucher_issue_prepare (f->store, batch, FALSE, f->now, error);
  Wait wait = { 0 };
  GArray *codes;

  if (generator == NULL)
    return NULL;
  pd_voucher_issue_async (f->store, batch, generator, cancellable, on_done_cb, &wait);
  g_assert_true (pd_test_wait_for (wait_done, &wait, 120000));
  codes = pd_voucher_issue_finish (f->store, wait.result, error);
  g_object_unref (wait.result);
  return codes;
}

static void
test_issue (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(PdVoucherBatch) first = new_batch (f, "Rail customers", 20000, 100);
  g_autoptr(PdVoucherBatch) second = new_batch (f, "Staff", 5000, 500);
  g_autoptr(GArray) codes = NULL;
  g_autoptr(GArray) more = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) all = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *batch_id = pd_record_get_id (PD_RECORD (first));
  g_auto(GStrv) stored = NULL;

  codes = issue (f, first, NULL, &error);
  g_assert_no_error (error);
  g_assert (codes != NULL);
  g_assert_cmpuint (codes->len, ==, 20000);
  g_assert_cmpint (pd_store_count_voucher_codes (f->store, batch_id), ==, 20000);
  g_assert_nonnull (pd_store_get_voucher_batch (f->store, batch_id));
  g_object_unref (pd_store_get_voucher_batch (f->store, batch_id));

  /* The store holds exactly the codes returned, in their written form. */
  stored = pd_store_list_voucher_codes (f->store, batch_id, 0, 100000, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (stored), ==, 20000);
  for (guint i = 0; i < 20000; i++)
    {
      char code[PD_VOUCHER_CODE_LENGTH + 1];

      pd_voucher_code_format (&g_array_index (codes, PdVoucherCodeValue, i), code);
      g_assert_cmpstr (stored[i], ==, code);
      g_assert_true (g_hash_table_add (all, g_strdup (code)));
    }

  /* 20,000 × 100 + 5,000 × 500 coins = 4,500,000 of 50,000,000. */
  more = issue (f, second, NULL, &error);
  g_assert_no_error (error);
  g_assert (more != NULL);
  g_assert_cmpint (pd_voucher_issue_remaining_budget (f->store, f->campaign, NULL), ==, 45500000);
  for (guint i = 0; i < more->len; i++)
    {
      char code[PD_VOUCHER_CODE_LENGTH + 1];

      pd_voucher_code_format (&g_array_index (more, PdVoucherCodeValue, i), code);
      g_assert_true (g_hash_table_add (all, g_strdup (code)));
    }
  g_assert_cmpuint (g_hash_table_size (all), ==, 25000);
}

static void
test_rules (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(PdVoucherBatch) big = new_batch (f, "Too big", 1000000, 51);
  g_autoptr(PdVoucherBatch) early = new_batch (f, "Early", 10, 10);
  g_autoptr(PdVoucherBatch) orphan = pd_voucher_batch_new ("7d1f2a40-5b6c-4d7e-8f90-a1b2c3d4e5f6");
  g_autoptr(GDateTime) christmas = g_date_time_new_utc (2026, 12, 24, 0, 0, 0);
  g_autoptr(PdVoucherGenerator) generator = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_null (pd_voucher_issue_prepare (f->store, big, FALSE, f->now, &error));
  g_assert_error (error, PD_VOUCHER_RULES_ERROR, PD_VOUCHER_RULES_ERROR_OVER_BUDGET);
  g_clear_error (&error);

  pd_voucher_batch_set_expires_at (early, christmas);
  g_assert_null (pd_voucher_issue_prepare (f->store, early, FALSE, f->now, &error));
  g_assert_error (error, PD_VOUCHER_RULES_ERROR, PD_VOUCHER_RULES_ERROR_EXPIRY_BEFORE_END);
  g_clear_error (&error);
  generator = pd_voucher_issue_prepare (f->store, early, TRUE, f->now, &error);
  g_assert_no_error (error);
  g_assert_nonnull (generator);

  pd_voucher_batch_set_label (orphan, "Nobody’s");
  pd_voucher_batch_set_count (orphan, 1);
  pd_voucher_batch_set_coins_per_voucher (orphan, 1);
  pd_voucher_batch_set_expires_at (orphan, f->expires);
  g_assert_null (pd_voucher_issue_prepare (f->store, orphan, FALSE, f->now, &error));
  g_assert_error (error, PD_STORE_ERROR, PD_STORE_ERROR_NOT_FOUND);

  g_assert_cmpuint (g_list_model_get_n_items (pd_store_get_voucher_batches (f->store)), ==, 0);
}

static void
on_fraction_cb (GObject    *object,
                GParamSpec *pspec,
                gpointer    user_data)
{
  if (pd_voucher_generator_get_fraction (PD_VOUCHER_GENERATOR (object)) > 0.2)
    g_cancellable_cancel (user_data);
}

/* A million codes, cancelled while being drawn: no batch, no code. */
static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(PdVoucherBatch) batch = new_batch (f, "Everyone", 1000000, 10);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(PdVoucherGenerator) generator = NULL;
  g_autoptr(GError) error = NULL;
  Wait wait = { 0 };

  generator = pd_voucher_issue_prepare (f->store, batch, FALSE, f->now, &error);
  g_assert_no_error (error);
  g_signal_connect (generator, "notify::fraction", G_CALLBACK (on_fraction_cb), cancellable);
  pd_voucher_issue_async (f->store, batch, generator, cancellable, on_done_cb, &wait);
  g_assert_true (pd_test_wait_for (wait_done, &wait, 120000));
  g_assert_null (pd_voucher_issue_finish (f->store, wait.result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_object_unref (wait.result);

  g_assert_null (pd_store_get_voucher_batch (f->store, pd_record_get_id (PD_RECORD (batch))));
  g_assert_cmpint (pd_store_count_voucher_codes (f->store, pd_record_get_id (PD_RECORD (batch))), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (pd_store_get_voucher_batches (f->store)), ==, 0);
}

/* Cancelled after the codes were drawn but before they were stored: the
 * store is not touched either. */
static void
test_cancel_before_store (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(PdVoucherBatch) batch = new_batch (f, "Late", 10, 10);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(PdVoucherGenerator) generator = NULL;
  g_autoptr(GError) error = NULL;
  Wait wait = { 0 };

  generator = pd_voucher_issue_prepare (f->store, batch, FALSE, f->now, &error);
  pd_voucher_issue_async (f->store, batch, generator, cancellable, on_done_cb, &wait);
  /* Codes for ten vouchers are drawn at once; cancel before the main loop
   * delivers them. */
  g_usleep (G_USEC_PER_SEC / 10);
  g_cancellable_cancel (cancellable);
  g_assert_true (pd_test_wait_for (wait_done, &wait, 120000));
  g_assert_null (pd_voucher_issue_finish (f->store, wait.result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_object_unref (wait.result);
  g_assert_cmpuint (g_list_model_get_n_items (pd_store_get_voucher_batches (f->store)), ==, 0);
}

static char *
run_tool (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &out, NULL, &status, &error))
    g_error ("Could not run %s (install poppler-utils): %s", argv[0], error->message);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static guint32
pixel_at (cairo_surface_t *surface,
          double           x_mm,
          double           y_mm)
{
  int x = (int) (x_mm / 25.4 * 100);
  int y = (int) (y_mm / 25.4 * 100);
  const guchar *data = cairo_image_surface_get_data (surface);

  return *(const guint32 *) (gconstpointer) (data + y * cairo_image_surface_get_stride (surface) + x * 4) & 0xffffff;
}

static void
assert_color_near (guint32 got,
                   guint32 want)
{
  for (guint shift = 0; shift < 24; shift += 8)
    if (ABS ((int) ((got >> shift) & 0xff) - (int) ((want >> shift) & 0xff)) > 4)
      g_error ("Colour #%06x is not near #%06x", got, want);
}

/* A stored batch prints with its campaign's name and its theme's colours
 * and SVG logo. */
static void
test_export_batch (Fixture       *f,
                   gconstpointer  data)
{
  static const char svg[] =
    "<svg xmlns='http://www.w3.org/2000/svg' width='300' height='100'>"
    "<rect width='300' height='100' fill='#ff0000'/></svg>";
  g_autoptr(PdVoucherBatch) batch = new_batch (f, "Printed", 25, 200);
  g_autoptr(PdTheme) theme = pd_theme_new ();
  g_autoptr(GBytes) bytes = g_bytes_new_static (svg, sizeof svg - 1);
  g_autoptr(PdAsset) asset = NULL;
  g_autoptr(GArray) codes = NULL;
  g_autoptr(PdVoucherExport) export = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = g_build_filename (f->dir, "cards.pdf", NULL);
  g_autofree char *prefix = g_build_filename (f->dir, "page", NULL);
  g_autofree char *png = g_build_filename (f->dir, "page-1.png", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (pdf);
  g_autofree char *text = NULL;
  char first[PD_VOUCHER_CODE_LENGTH + 1];
  cairo_surface_t *page;
  Wait wait = { 0 };

  asset = pd_store_add_asset (f->store, bytes, "image/svg+xml", &error);
  g_assert_no_error (error);
  pd_theme_set_name (theme, "Bahn");
  pd_theme_set_primary_color (theme, "#006a4e");
  pd_theme_set_accent_color (theme, "#ffcc00");
  pd_theme_set_background_color (theme, "#fafafa");
  pd_theme_set_text_color (theme, "#111111");
  pd_theme_set_font_family (theme, "Cantarell");
  pd_theme_set_logo_sha256 (theme, pd_asset_get_sha256 (asset));
  pd_store_save (f->store, PD_RECORD (theme), NULL, &error);
  g_assert_no_error (error);
  pd_campaign_set_theme_id (f->campaign, pd_record_get_id (PD_RECORD (theme)));
  pd_store_save (f->store, PD_RECORD (f->campaign), NULL, &error);
  g_assert_no_error (error);

  codes = issue (f, batch, NULL, &error);
  g_assert_no_error (error);
  g_assert (codes != NULL);
  export = pd_voucher_export_new_for_batch (f->store, batch, "https://give.example.org/winter", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pd_voucher_export_get_n_codes (export), ==, 25);

  pd_voucher_export_write_pdf_async (export, file, NULL, on_done_cb, &wait);
  g_assert_true (pd_test_wait_for (wait_done, &wait, 60000));
  g_assert_true (pd_voucher_export_write_pdf_finish (export, wait.result, &error));
  g_assert_no_error (error);
  g_object_unref (wait.result);

  text = run_tool ((const char *[]) { "pdftotext", "-layout", pdf, "-", NULL });
  pd_voucher_code_format (&g_array_index (codes, PdVoucherCodeValue, 0), first);
  g_assert_nonnull (strstr (text, first));
  g_assert_nonnull (strstr (text, "Winter"));
  g_assert_nonnull (strstr (text, "200 coins"));
  g_assert_nonnull (strstr (text, "worth 2.00 EUR"));

  g_free (run_tool ((const char *[]) { "pdftoppm", "-r", "100", "-f", "1", "-l", "1", "-png", pdf, prefix, NULL }));
  page = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (page), ==, CAIRO_STATUS_SUCCESS);
  /* The band of the first card is the primary colour, its logo red, its
   * body the background colour. */
  assert_color_near (pixel_at (page, 20 + 70, 13.5 + 2), 0x006a4e);
  assert_color_near (pixel_at (page, 20 + 10, 13.5 + 6), 0xff0000);
  assert_color_near (pixel_at (page, 20 + 2, 13.5 + 50), 0xfafafa);
  cairo_surface_destroy (page);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/voucher/issue/store", Fixture, NULL, fixture_set_up, test_issue, fixture_tear_down);
  g_test_add ("/voucher/issue/rules", Fixture, NULL, fixture_set_up, test_rules, fixture_tear_down);
  g_test_add ("/voucher/issue/cancel", Fixture, NULL, fixture_set_up, test_cancel, fixture_tear_down);
  g_test_add ("/voucher/issue/export-batch", Fixture, NULL, fixture_set_up, test_export_batch, fixture_tear_down);
  g_test_add ("/voucher/issue/cancel-before-store", Fixture, NULL, fixture_set_up, test_cancel_before_store, fixture_tear_down);

  return g_test_run ();
}
