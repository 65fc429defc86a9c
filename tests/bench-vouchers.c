/* bench-vouchers.c: a million vouchers generated, stored and exported to
 * CSV, timed against the sqlite3 shell importing that same CSV in the
 * same run (target: at most 1.5 times as long), and the peak memory of the
 * whole run (target: under 200 MB).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <sys/resource.h>

#include "pd-store.h"
#include "pd-test-utils.h"
#include "pd-voucher-export.h"
#include "pd-voucher-issue.h"

#define COUNT 1000000

static void
on_fraction_cb (GObject    *object,
                GParamSpec *pspec,
                gpointer    user_data)
{
  gint64 *drawn_at = user_data;

  if (pd_voucher_generator_get_fraction (PD_VOUCHER_GENERATOR (object)) >= 1.0 && *drawn_at == 0)
    *drawn_at = g_get_monotonic_time ();
}

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

static double
sqlite3_import (const char *dir,
                const char *csv)
{
  g_autofree char *db = g_build_filename (dir, "baseline.db", NULL);
  g_autofree char *script = g_strdup_printf (
    "CREATE TABLE codes (code TEXT NOT NULL UNIQUE, coins INTEGER, value TEXT,"
    " currency TEXT, expires_at TEXT, redemption_url TEXT);\n"
    ".import --csv --skip 1 '%s' codes\n"
    "SELECT count(*) FROM codes;\n", csv);
  g_autofree char *script_path = g_build_filename (dir, "import.sql", NULL);
  g_autofree char *command = NULL;
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status;
  gint64 start;

  g_assert_true (g_file_set_contents (script_path, script, -1, NULL));
  command = g_strdup_printf ("sqlite3 -init '%s' '%s' .quit", script_path, db);
  start = g_get_monotonic_time ();
  if (!g_spawn_command_line_sync (command, &out, NULL, &status, &error)
      || !g_spawn_check_wait_status (status, &error))
    g_error ("sqlite3 failed: %s", error->message);
  g_assert_cmpint (atoi (g_strstrip (out)), ==, COUNT);
  return seconds_since (start);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = pd_test_make_private_dir ();
  g_autofree char *db = g_build_filename (dir, "workspace.db", NULL);
  g_autofree char *csv = g_build_filename (dir, "codes.csv", NULL);
  g_autoptr(GFile) csv_file = g_file_new_for_path (csv);
  g_autoptr(GDateTime) starts = pd_now_utc ();
  g_autoptr(GDateTime) ends = g_date_time_add_days (starts, 60);
  g_autoptr(GDateTime) expires = g_date_time_add_days (starts, 90);
  g_autoptr(PdStore) store = NULL;
  g_autoptr(PdCampaign) campaign = pd_campaign_new ();
  g_autoptr(PdVoucherBatch) batch = NULL;
  g_autoptr(PdVoucherGenerator) generator = NULL;
  g_autoptr(PdVoucherExport) export = NULL;
  g_autoptr(GArray) codes = NULL;
  g_autoptr(GError) error = NULL;
  struct rusage usage;
  double t_issue, t_draw, t_export, t_ours, t_sqlite;
  gint64 start;
  gint64 drawn_at = 0;
  GAsyncResult *done = NULL;

  store = pd_store_open (db, &error);
  g_assert_no_error (error);
  pd_campaign_set_name (campaign, "Benchmark");
  pd_campaign_set_slug (campaign, "benchmark");
  pd_campaign_set_starts_at (campaign, starts);
  pd_campaign_set_ends_at (campaign, ends);
  pd_campaign_set_voucher_budget_coins (campaign, (gint64) COUNT * 100);
  pd_campaign_text_set_title (pd_campaign_ensure_text (campaign, "de"), "Benchmark");
  pd_store_save (store, PD_RECORD (campaign), NULL, &error);
  g_assert_no_error (error);

  batch = pd_voucher_batch_new (pd_record_get_id (PD_RECORD (campaign)));
  pd_voucher_batch_set_label (batch, "A million");
  pd_voucher_batch_set_count (batch, COUNT);
  pd_voucher_batch_set_coins_per_voucher (batch, 100);
  pd_voucher_batch_set_expires_at (batch, expires);

  /* Ours: draw, store in one transaction, export. */
  start = g_get_monotonic_time ();
  generator = pd_voucher_issue_prepare (store, batch, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_signal_connect (generator, "notify::fraction", G_CALLBACK (on_fraction_cb), &drawn_at);
  pd_voucher_issue_async (store, batch, generator, NULL, pd_test_async_cb, &done);
  pd_test_wait_async (&done);
  codes = pd_voucher_issue_finish (store, done, &error);
  g_assert_no_error (error);
  g_clear_object (&done);
  t_issue = seconds_since (start);
  t_draw = (drawn_at - start) / (double) G_USEC_PER_SEC;

  start = g_get_monotonic_time ();
  export = pd_voucher_export_new (codes, 100, 10000, "EUR", expires, "https://give.example.org/benchmark");
  pd_voucher_export_write_csv_async (export, csv_file, NULL, pd_test_async_cb, &done);
  pd_test_wait_async (&done);
  g_assert_true (pd_voucher_export_write_csv_finish (export, done, &error));
  g_clear_object (&done);
  t_export = seconds_since (start);
  t_ours = t_issue + t_export;
  g_assert_cmpint (pd_store_count_voucher_codes (store, pd_record_get_id (PD_RECORD (batch))), ==, COUNT);

  /* Baseline: the sqlite3 shell importing the very same CSV. */
  t_sqlite = sqlite3_import (dir, csv);

  getrusage (RUSAGE_SELF, &usage);
  g_print ("vouchers: %d codes drawn in %.2f s, stored in %.2f s, exported to CSV in %.2f s: %.2f s\n",
           COUNT, t_draw, t_issue - t_draw, t_export, t_ours);
  g_print ("vouchers: sqlite3 shell importing the same CSV: %.2f s\n", t_sqlite);
  pd_test_bench_line ("1,000,000 vouchers generated, stored and exported to CSV vs sqlite3 shell importing it",
                      t_ours, "s", t_sqlite, "<= 1.5x", t_ours / t_sqlite <= 1.5);
  pd_test_bench_line ("peak memory, 1,000,000 vouchers", usage.ru_maxrss / 1024.0, "MB", 0,
                      "< 200 MB", usage.ru_maxrss < 200 * 1024);

  /* Printable cards for the first 10,000 vouchers. */
  {
    g_autoptr(GArray) first = g_array_sized_new (FALSE, FALSE, sizeof (PdVoucherCodeValue), 10000);
    g_autoptr(PdVoucherExport) cards = NULL;
    g_autofree char *pdf = g_build_filename (dir, "cards.pdf", NULL);
    g_autoptr(GFile) pdf_file = g_file_new_for_path (pdf);
    g_autoptr(GFileInfo) info = NULL;

    g_array_append_vals (first, codes->data, 10000);
    cards = pd_voucher_export_new (first, 100, 10000, "EUR", expires, "https://give.example.org/benchmark");
    pd_voucher_export_set_title (cards, "Benchmark");
    start = g_get_monotonic_time ();
    pd_voucher_export_write_pdf_async (cards, pdf_file, NULL, pd_test_async_cb, &done);
    pd_test_wait_async (&done);
    g_assert_true (pd_voucher_export_write_pdf_finish (cards, done, &error));
    g_clear_object (&done);
    info = g_file_query_info (pdf_file, G_FILE_ATTRIBUTE_STANDARD_SIZE, 0, NULL, &error);
    g_assert_no_error (error);
    g_print ("vouchers: 10000 printable cards (1000 pages), %.1f MB\n",
             g_file_info_get_size (info) / 1048576.0);
    pd_test_bench_line ("10,000 printable voucher cards (PDF, 1,000 pages)", seconds_since (start), "s", 0,
                        NULL, FALSE);
  }

  g_clear_object (&export);
  g_clear_object (&store);
  pd_test_remove_tree (dir);
  return 0;
}
