/* fuzz-voucher-code.c: voucher codes as a donor or a CSV file types them
 *
 * Checks, besides "no crash, no leak": a code that parses formats back to
 * the same value, normalising is idempotent, and the three entry points
 * (parse, normalize, is_valid) agree.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pd-fuzz.h"

#include "pd-voucher-code.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *input = pd_fuzz_strndup (data, size);
  g_autoptr(GError) parse_error = NULL;
  g_autoptr(GError) normalize_error = NULL;
  g_autofree char *normalized = NULL;
  PdVoucherCodeValue value = { 0 };
  gboolean parsed;

  parsed = pd_voucher_code_parse (input, &value, &parse_error);
  g_assert_true (parsed == (parse_error == NULL));
  g_assert_true (parsed == pd_voucher_code_is_valid (input));

  normalized = pd_voucher_code_normalize (input, &normalize_error);
  g_assert_true ((normalized != NULL) == (normalize_error == NULL));

  if (parsed)
    {
      char formatted[PD_VOUCHER_CODE_LENGTH + 1];
      PdVoucherCodeValue again = { 0 };

      g_assert_nonnull (normalized);
      pd_voucher_code_format (&value, formatted);
      g_assert_cmpstr (formatted, ==, normalized);
      g_assert_true (pd_voucher_code_parse (formatted, &again, NULL));
      g_assert_cmpint (pd_voucher_code_value_compare (&value, &again), ==, 0);
    }

  if (normalized != NULL)
    {
      g_autofree char *twice = pd_voucher_code_normalize (normalized, NULL);

      g_assert_cmpstr (twice, ==, normalized);
    }

  return 0;
}
