/* test-voucher-generator.c: batches of unique codes, and the batch rules
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pd-test-utils.h"
#include "pd-voucher-generator-private.h"
#include "pd-voucher-rules.h"

typedef struct {
  GArray  *codes;
  GError  *error;
  gboolean done;
  double   last_fraction;
  guint    notifies;
  gboolean went_back;
} Run;

static void
on_fraction_cb (GObject    *object,
                GParamSpec *pspec,
                gpointer    user_data)
{
  Run *run = user_data;
  double fraction = pd_voucher_generator_get_fraction (PD_VOUCHER_GENERATOR (object));

  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  if (fraction < run->last_fraction)
    run->went_back = TRUE;
  run->last_fraction = fraction;
  run->notifies++;
}

static void
on_generated_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Run *run = user_data;

  run->codes = pd_voucher_generator_generate_finish (PD_VOUCHER_GENERATOR (object), result, &run->error);
  run->done = TRUE;
}

static gboolean
run_done (gpointer data)
{
  return ((Run *) data)->done;
}

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->codes, g_array_unref);
  g_clear_error (&run->error);
}

static void
assert_strictly_ascending (GArray *codes)
{
  const PdVoucherCodeValue *v = (const PdVoucherCodeValue *) (gconstpointer) codes->data;

  for (guint i = 1; i < codes->len; i++)
    g_assert_cmpint (pd_voucher_code_value_compare (&v[i - 1], &v[i]), <, 0);
}

static void
test_million (void)
{
  g_autoptr(PdVoucherGenerator) generator = pd_voucher_generator_new (1000000);
  Run run = { 0 };

  g_signal_connect (generator, "notify::fraction", G_CALLBACK (on_fraction_cb), &run);
  pd_voucher_generator_generate_async (generator, NULL, on_generated_cb, &run);
  g_assert_true (pd_test_wait_for (run_done, &run, 60000));
  g_assert_no_error (run.error);
  g_assert_cmpuint (run.codes->len, ==, 1000000);
  /* Strictly ascending: no two codes alike. */
  assert_strictly_ascending (run.codes);
  g_assert_cmpfloat (pd_voucher_generator_get_fraction (generator), ==, 1.0);
  g_assert_false (run.went_back);
  g_assert_cmpuint (run.notifies, >=, 2);
  g_assert_cmpuint (run.notifies, <=, 1001);
  run_clear (&run);
}

/* A source with only 4096 possible codes makes collisions certain: within
 * the batch and with the tenant's existing codes. */
static gboolean
narrow_random (PdVoucherCodeValue  *values,
               gsize                n_values,
               GError             **error)
{
  guint16 noise[1024];

  for (gsize done = 0; done < n_values; done += G_N_ELEMENTS (noise))
    {
      gsize n = MIN (n_values - done, G_N_ELEMENTS (noise));

      if (!pd_voucher_code_random_bytes (noise, n * sizeof noise[0], error))
        return FALSE;
      for (gsize i = 0; i < n; i++)
        {
          values[done + i].hi = 0;
          values[done + i].lo = noise[i] & 0xfff;
        }
    }
  return TRUE;
}

static void
test_collisions (void)
{
  g_autoptr(PdVoucherGenerator) generator = pd_voucher_generator_new (3000);
  g_autoptr(GArray) existing = g_array_new (FALSE, FALSE, sizeof (PdVoucherCodeValue));
  const PdVoucherCodeValue *v;
  Run run = { 0 };

  /* Every odd code is taken already; 3000 of the 2048 even ones cannot be
   * drawn, so first ask for what is possible. */
  for (guint64 i = 1; i < 4096; i += 2)
    g_array_append_val (existing, ((PdVoucherCodeValue) { .lo = i, .hi = 0 }));
  g_object_unref (generator);
  generator = pd_voucher_generator_new (2000);
  _pd_voucher_generator_set_random_func (generator, narrow_random);
  pd_voucher_generator_set_existing (generator, existing);

  pd_voucher_generator_generate_async (generator, NULL, on_generated_cb, &run);
  g_assert_true (pd_test_wait_for (run_done, &run, 60000));
  g_assert_no_error (run.error);
  g_assert_cmpuint (run.codes->len, ==, 2000);
  assert_strictly_ascending (run.codes);
  v = (const PdVoucherCodeValue *) (gconstpointer) run.codes->data;
  for (guint i = 0; i < run.codes->len; i++)
    g_assert_cmpuint (v[i].lo % 2, ==, 0);
  /* The caller's array is left as it was (unsorted copy is the thread's). */
  g_assert_cmpuint (existing->len, ==, 2048);
  run_clear (&run);
}

static void
test_cancel (void)
{
  g_autoptr(PdVoucherGenerator) generator = pd_voucher_generator_new (1000000);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Run run = { 0 };

  pd_voucher_generator_generate_async (generator, cancellable, on_generated_cb, &run);
  g_cancellable_cancel (cancellable);
  g_assert_true (pd_test_wait_for (run_done, &run, 60000));
  g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (run.codes);
  run_clear (&run);

  /* The generator can run again afterwards. */
  g_object_unref (generator);
  generator = pd_voucher_generator_new (10);
  run.done = FALSE;
  pd_voucher_generator_generate_async (generator, NULL, on_generated_cb, &run);
  g_assert_true (pd_test_wait_for (run_done, &run, 60000));
  g_assert_no_error (run.error);
  g_assert_cmpuint (run.codes->len, ==, 10);
  run_clear (&run);
}

static void
test_rules_budget (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 1, 12, 0, 0);
  g_autoptr(GDateTime) end = g_date_time_new_utc (2026, 12, 31, 0, 0, 0);
  g_autoptr(GDateTime) expiry = g_date_time_new_utc (2027, 3, 31, 0, 0, 0);
  g_autoptr(GError) error = NULL;
  const gint64 counts[] = { 1000, 250 };
  const gint64 coins[] = { 100, 200 };
  const gint64 huge[] = { G_MAXINT64 / 2 };
  gint64 remaining;

  remaining = pd_voucher_rules_remaining_budget (500000, counts, coins, 2);
  g_assert_cmpint (remaining, ==, 500000 - 100000 - 50000);
  g_assert_cmpint (pd_voucher_rules_remaining_budget (10, huge, huge, 1), ==, G_MININT64);

  /* Exactly the remaining budget is fine, one coin more is not. */
  g_assert_true (pd_voucher_rules_check_batch (3500, 100, remaining, expiry, end, now, FALSE, &error));
  g_assert_no_error (error);
  g_assert_false (pd_voucher_rules_check_batch (3501, 100, remaining, expiry, end, now, FALSE, &error));
  g_assert_error (error, PD_VOUCHER_RULES_ERROR, PD_VOUCHER_RULES_ERROR_OVER_BUDGET);
  g_assert_nonnull (strstr (error->message, "350000"));
  g_clear_error (&error);
  /* Overflowing products are over budget, not wrapped around. */
  g_assert_false (pd_voucher_rules_check_batch (1000000, G_MAXINT64 / 1000, G_MAXINT64, expiry, end, now, FALSE, &error));
  g_assert_error (error, PD_VOUCHER_RULES_ERROR, PD_VOUCHER_RULES_ERROR_OVER_BUDGET);
  g_clear_error (&error);
  g_assert_false (pd_voucher_rules_check_batch (1, 1, -5, expiry, end, now, FALSE, &error));
  g_assert_error (error, PD_VOUCHER_RULES_ERROR, PD_VOUCHER_RULES_ERROR_OVER_BUDGET);
  g_clear_error (&error);

  g_assert_false (pd_voucher_rules_check_batch (0, 100, remaining, expiry, end, now, FALSE, &error));
  g_assert_error (error, PD_VOUCHER_RULES_ERROR, PD_VOUCHER_RULES_ERROR_COUNT);
  g_clear_error (&error);
  g_assert_false (pd_voucher_rules_check_batch (1000001, 1, G_MAXINT64, expiry, end, now, FALSE, &error));
  g_assert_error (error, PD_VOUCHER_RULES_ERROR, PD_VOUCHER_RULES_ERROR_COUNT);
  g_clear_error (&error);
  g_assert_true (pd_voucher_rules_check_batch (1000000, 1, G_MAXINT64, expiry, end, now, FALSE, &error));
  g_assert_false (pd_voucher_rules_check_batch (10, 0, remaining, expiry, end, now, FALSE, &error));
  g_assert_error (error, PD_VOUCHER_RULES_ERROR, PD_VOUCHER_RULES_ERROR_COINS);
  g_clear_error (&error);
}

static void
test_rules_expiry (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 1, 12, 0, 0);
  g_autoptr(GDateTime) end = g_date_time_new_utc (2026, 12, 31, 0, 0, 0);
  g_autoptr(GDateTime) past = g_date_time_new_utc (2026, 10, 31, 0, 0, 0);
  g_autoptr(GDateTime) early = g_date_time_new_utc (2026, 12, 24, 0, 0, 0);
  g_autoptr(GDateTime) long_past = g_date_time_new_utc (2001, 1, 1, 0, 0, 0);
  g_autoptr(GError) error = NULL;

  g_assert_false (pd_voucher_rules_check_batch (10, 10, 1000, NULL, end, now, FALSE, &error));
  g_assert_error (error, PD_VOUCHER_RULES_ERROR, PD_VOUCHER_RULES_ERROR_EXPIRY_MISSING);
  g_clear_error (&error);
  /* In the past: no confirmation helps. */
  g_assert_false (pd_voucher_rules_check_batch (10, 10, 1000, past, end, now, TRUE, &error));
  g_assert_error (error, PD_VOUCHER_RULES_ERROR, PD_VOUCHER_RULES_ERROR_EXPIRY_PAST);
  g_clear_error (&error);
  g_assert_false (pd_voucher_rules_check_batch (10, 10, 1000, now, end, now, TRUE, &error));
  g_assert_error (error, PD_VOUCHER_RULES_ERROR, PD_VOUCHER_RULES_ERROR_EXPIRY_PAST);
  g_clear_error (&error);
  /* Against the real clock. */
  g_assert_false (pd_voucher_rules_check_batch (10, 10, 1000, long_past, NULL, NULL, TRUE, &error));
  g_assert_error (error, PD_VOUCHER_RULES_ERROR, PD_VOUCHER_RULES_ERROR_EXPIRY_PAST);
  g_clear_error (&error);

  /* Before the campaign ends: only with confirmation. */
  g_assert_false (pd_voucher_rules_check_batch (10, 10, 1000, early, end, now, FALSE, &error));
  g_assert_error (error, PD_VOUCHER_RULES_ERROR, PD_VOUCHER_RULES_ERROR_EXPIRY_BEFORE_END);
  g_clear_error (&error);
  g_assert_true (pd_voucher_rules_check_batch (10, 10, 1000, early, end, now, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (pd_voucher_rules_check_batch (10, 10, 1000, end, end, now, FALSE, &error));
  g_assert_true (pd_voucher_rules_check_batch (10, 10, 1000, early, NULL, now, FALSE, &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/voucher/generator/million", test_million);
  g_test_add_func ("/voucher/generator/collisions", test_collisions);
  g_test_add_func ("/voucher/generator/cancel", test_cancel);
  g_test_add_func ("/voucher/rules/budget", test_rules_budget);
  g_test_add_func ("/voucher/rules/expiry", test_rules_expiry);

  return g_test_run ();
}
