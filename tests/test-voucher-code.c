/* test-voucher-code.c: format, check symbol and reading of voucher codes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "pd-test-utils.h"
#include "pd-voucher-code.h"

#define SAMPLE 3000

typedef char Code[PD_VOUCHER_CODE_LENGTH + 1];

static const char alphabet[] = PD_VOUCHER_CODE_ALPHABET;

/* Positions of the 16 symbols within "XXXX-XXXX-XXXX-XXXX". */
static guint
symbol_offset (guint i)
{
  return i + i / 4;
}

static void
random_codes (Code  *codes,
              guint  n)
{
  g_autofree PdVoucherCodeValue *values = g_new (PdVoucherCodeValue, n);
  g_autoptr(GError) error = NULL;

  g_assert_true (pd_voucher_code_random_values (values, n, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    pd_voucher_code_format (&values[i], codes[i]);
}

static void
test_format (void)
{
  g_autofree PdVoucherCodeValue *values = g_new (PdVoucherCodeValue, SAMPLE);
  g_autoptr(GRegex) shape = g_regex_new ("^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$", 0, 0, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (pd_voucher_code_random_values (values, SAMPLE, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < SAMPLE; i++)
    {
      char code[PD_VOUCHER_CODE_LENGTH + 1];
      PdVoucherCodeValue back;

      g_assert_cmpuint (values[i].hi >> 15, ==, 0);
      g_assert_cmpuint (values[i].lo >> 60, ==, 0);
      pd_voucher_code_format (&values[i], code);
      g_assert_cmpuint (strlen (code), ==, PD_VOUCHER_CODE_LENGTH);
      g_assert_true (g_regex_match (shape, code, 0, NULL));
      g_assert_true (pd_voucher_code_parse (code, &back, &error));
      g_assert_no_error (error);
      g_assert_cmpint (pd_voucher_code_value_compare (&back, &values[i]), ==, 0);
      g_assert_cmpint (code[PD_VOUCHER_CODE_LENGTH - 1], ==,
                       pd_voucher_code_check_symbol ((char[]) {
                         code[0], code[1], code[2], code[3], code[5], code[6], code[7], code[8],
                         code[10], code[11], code[12], code[13], code[15], code[16], code[17] }, 15));
    }
}

/* Every symbol of every position must be in use, about evenly: codes come
 * from the whole 75-bit space, not a corner of it. */
static void
test_entropy (void)
{
  enum { N = 64000 };
  g_autofree PdVoucherCodeValue *values = g_new (PdVoucherCodeValue, N);
  guint counts[PD_VOUCHER_CODE_DATA_SYMBOLS][32] = { { 0 } };
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (PD_VOUCHER_CODE_ENTROPY_BITS, >=, 60);
  g_assert_true (pd_voucher_code_random_values (values, N, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < N; i++)
    {
      char code[PD_VOUCHER_CODE_LENGTH + 1];

      pd_voucher_code_format (&values[i], code);
      for (guint s = 0; s < PD_VOUCHER_CODE_DATA_SYMBOLS; s++)
        counts[s][strchr (alphabet, code[symbol_offset (s)]) - alphabet]++;
    }
  /* Expected 2000 per cell, σ ≈ 44: ±20 % is far beyond chance. */
  for (guint s = 0; s < PD_VOUCHER_CODE_DATA_SYMBOLS; s++)
    for (guint v = 0; v < 32; v++)
      g_assert_cmpuint (ABS ((int) counts[s][v] - N / 32), <, N / 32 / 5);
}

static void
test_random_bytes (void)
{
  g_autofree guint8 *a = g_malloc0 (1 << 20);
  g_autofree guint8 *b = g_malloc0 (1 << 20);
  g_autoptr(GError) error = NULL;
  guint zeros = 0;

  /* More than getrandom() returns in one call: the loop must finish it. */
  g_assert_true (pd_voucher_code_random_bytes (a, 1 << 20, &error));
  g_assert_true (pd_voucher_code_random_bytes (b, 1 << 20, &error));
  g_assert_no_error (error);
  g_assert_true (memcmp (a, b, 1 << 20) != 0);
  for (guint i = (1 << 20) - 4096; i < (1 << 20); i++)
    zeros += a[i] == 0;
  g_assert_cmpuint (zeros, <, 64);
}

static void
assert_rejected (const char *code)
{
  g_autoptr(GError) error = NULL;

  if (pd_voucher_code_parse (code, NULL, &error))
    g_error ("Accepted a mistyped code: %s", code);
  g_assert_error (error, PD_VOUCHER_CODE_ERROR, PD_VOUCHER_CODE_ERROR_CHECK_FAILED);
}

static void
test_single_errors (void)
{
  g_autofree Code *codes = g_new (Code, SAMPLE);
  guint tried = 0;

  random_codes (codes, SAMPLE);
  for (guint i = 0; i < SAMPLE; i++)
    for (guint s = 0; s < PD_VOUCHER_CODE_SYMBOLS; s++)
      for (guint v = 0; v < 32; v++)
        {
          char typo[PD_VOUCHER_CODE_LENGTH + 1];

          memcpy (typo, codes[i], sizeof typo);
          if (typo[symbol_offset (s)] == alphabet[v])
            continue;
          typo[symbol_offset (s)] = alphabet[v];
          assert_rejected (typo);
          tried++;
        }
  g_assert_cmpuint (tried, ==, SAMPLE * PD_VOUCHER_CODE_SYMBOLS * 31);
}

static void
test_swaps (void)
{
  g_autofree Code *codes = g_new (Code, SAMPLE);
  guint adjacent = 0;

  random_codes (codes, SAMPLE);
  for (guint i = 0; i < SAMPLE; i++)
    for (guint s = 0; s < PD_VOUCHER_CODE_SYMBOLS; s++)
      for (guint t = s + 1; t < PD_VOUCHER_CODE_SYMBOLS; t++)
        {
          char swapped[PD_VOUCHER_CODE_LENGTH + 1];
          char c;

          memcpy (swapped, codes[i], sizeof swapped);
          c = swapped[symbol_offset (s)];
          if (c == swapped[symbol_offset (t)])
            continue;
          swapped[symbol_offset (s)] = swapped[symbol_offset (t)];
          swapped[symbol_offset (t)] = c;
          /* Neighbours also across a hyphen, and the check symbol too;
           * swaps further apart are caught as well. */
          assert_rejected (swapped);
          adjacent += t == s + 1;
        }
  g_assert_cmpuint (adjacent, >, SAMPLE * 15 * 9 / 10);
}

/* The proof in pd-voucher-code.c, checked exhaustively for all symbol
 * pairs at every pair of positions: substituting or swapping changes the
 * check symbol. */
static void
test_check_symbol_exhaustive (void)
{
  char base[PD_VOUCHER_CODE_DATA_SYMBOLS + 1] = "000000000000000";

  for (guint p = 0; p < PD_VOUCHER_CODE_DATA_SYMBOLS; p++)
    for (guint q = p + 1; q < PD_VOUCHER_CODE_DATA_SYMBOLS; q++)
      for (guint x = 0; x < 32; x++)
        for (guint y = 0; y < 32; y++)
          {
            char a[PD_VOUCHER_CODE_DATA_SYMBOLS + 1];
            char b[PD_VOUCHER_CODE_DATA_SYMBOLS + 1];

            if (x == y)
              continue;
            memcpy (a, base, sizeof a);
            a[p] = alphabet[x];
            a[q] = alphabet[y];
            memcpy (b, a, sizeof b);
            b[p] = alphabet[y];
            b[q] = alphabet[x];
            g_assert_cmpint (pd_voucher_code_check_symbol (a, 15), !=, pd_voucher_code_check_symbol (b, 15));
            b[q] = alphabet[y];
            g_assert_cmpint (pd_voucher_code_check_symbol (a, 15), !=, pd_voucher_code_check_symbol (b, 15));
          }
}

static void
test_normalize (void)
{
  char code[PD_VOUCHER_CODE_LENGTH + 1];
  PdVoucherCodeValue value = { .hi = 0x1234, .lo = G_GUINT64_CONSTANT (0x0fedcba987654321) };
  g_autofree char *lower = NULL;
  g_autofree char *loose = NULL;
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  struct { guint64 hi, lo; } zero_one = { 0, 0 };
  char mistaken[64];

  pd_voucher_code_format (&value, code);
  lower = g_ascii_strdown (code, -1);
  out = pd_voucher_code_normalize (lower, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (out, ==, code);
  g_clear_pointer (&out, g_free);

  loose = g_strdup_printf ("  %.4s %.4s\t%.4s--%.4s ", code, code + 5, code + 10, code + 15);
  out = pd_voucher_code_normalize (loose, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (out, ==, code);
  g_clear_pointer (&out, g_free);

  /* O reads as 0, I and L as 1. */
  value.hi = zero_one.hi;
  value.lo = 1;
  pd_voucher_code_format (&value, code);
  g_assert_true (g_str_has_prefix (code, "0000-0000-0000-001"));
  g_snprintf (mistaken, sizeof mistaken, "oOOo-0000-0000-0Oi%c", code[18]);
  out = pd_voucher_code_normalize (mistaken, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (out, ==, code);
  g_clear_pointer (&out, g_free);
  g_snprintf (mistaken, sizeof mistaken, "0000 0000 0000 00L%c", code[18]);
  g_assert_true (pd_voucher_code_is_valid (mistaken));

  g_assert_null (pd_voucher_code_normalize ("", &error));
  g_assert_error (error, PD_VOUCHER_CODE_ERROR, PD_VOUCHER_CODE_ERROR_EMPTY);
  g_clear_error (&error);
  g_assert_null (pd_voucher_code_normalize (" - ", &error));
  g_assert_error (error, PD_VOUCHER_CODE_ERROR, PD_VOUCHER_CODE_ERROR_EMPTY);
  g_clear_error (&error);
  g_assert_null (pd_voucher_code_normalize ("ABCD-EFGH-JKMN-PQR", &error));
  g_assert_error (error, PD_VOUCHER_CODE_ERROR, PD_VOUCHER_CODE_ERROR_WRONG_LENGTH);
  g_assert_nonnull (strstr (error->message, "15"));
  g_clear_error (&error);
  g_assert_null (pd_voucher_code_normalize ("ABCD-EFGH-JKMN-PQRST", &error));
  g_assert_error (error, PD_VOUCHER_CODE_ERROR, PD_VOUCHER_CODE_ERROR_WRONG_LENGTH);
  g_clear_error (&error);
  g_assert_null (pd_voucher_code_normalize ("ABCD-EFGH-JKMN-PQRU", &error));
  g_assert_error (error, PD_VOUCHER_CODE_ERROR, PD_VOUCHER_CODE_ERROR_INVALID_CHARACTER);
  g_assert_nonnull (strstr (error->message, "“U”"));
  g_clear_error (&error);
  g_assert_null (pd_voucher_code_normalize ("ÄBCD-EFGH-JKMN-PQRS", &error));
  g_assert_error (error, PD_VOUCHER_CODE_ERROR, PD_VOUCHER_CODE_ERROR_INVALID_CHARACTER);
  g_assert_nonnull (strstr (error->message, "“Ä”"));
  g_clear_error (&error);
  g_assert_null (pd_voucher_code_normalize ("ABCD*EFGH-JKMN-PQRS", &error));
  g_assert_error (error, PD_VOUCHER_CODE_ERROR, PD_VOUCHER_CODE_ERROR_INVALID_CHARACTER);
  g_clear_error (&error);
  /* Invalid UTF-8 is refused, never read past (a lead byte that claims
   * more bytes than are left, as the fuzzer found). */
  g_assert_false (pd_voucher_code_is_valid ("ABCD-EFGH-JKMN-PQR\xff"));
  g_assert_null (pd_voucher_code_normalize ("0\t\xfd\xff,", &error));
  g_assert_error (error, PD_VOUCHER_CODE_ERROR, PD_VOUCHER_CODE_ERROR_INVALID_CHARACTER);
  g_assert_nonnull (strstr (error->message, "“?”"));
  g_clear_error (&error);
  g_assert_null (pd_voucher_code_normalize ("ABCD\xf0", &error));
  g_assert_error (error, PD_VOUCHER_CODE_ERROR, PD_VOUCHER_CODE_ERROR_INVALID_CHARACTER);
  g_clear_error (&error);
}

static void
test_sorted_lookup (void)
{
  enum { N = 5000 };
  g_autofree PdVoucherCodeValue *values = g_new (PdVoucherCodeValue, N);
  PdVoucherCodeValue other;

  g_assert_true (pd_voucher_code_random_values (values, N, NULL));
  pd_voucher_code_values_sort (values, N);
  for (guint i = 1; i < N; i++)
    {
      char a[PD_VOUCHER_CODE_LENGTH + 1];
      char b[PD_VOUCHER_CODE_LENGTH + 1];

      /* Sorting values sorts the written codes. */
      pd_voucher_code_format (&values[i - 1], a);
      pd_voucher_code_format (&values[i], b);
      g_assert_cmpint (strcmp (a, b), <, 0);
      g_assert_true (pd_voucher_code_values_contain (values, N, &values[i]));
    }
  other = values[N / 2];
  other.lo ^= 1;
  g_assert_false (pd_voucher_code_values_contain (values, N, &other));
  g_assert_false (pd_voucher_code_values_contain (NULL, 0, &other));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/voucher/code/format", test_format);
  g_test_add_func ("/voucher/code/entropy", test_entropy);
  g_test_add_func ("/voucher/code/random-bytes", test_random_bytes);
  g_test_add_func ("/voucher/code/single-errors", test_single_errors);
  g_test_add_func ("/voucher/code/swaps", test_swaps);
  g_test_add_func ("/voucher/code/check-symbol-exhaustive", test_check_symbol_exhaustive);
  g_test_add_func ("/voucher/code/normalize", test_normalize);
  g_test_add_func ("/voucher/code/sorted-lookup", test_sorted_lookup);

  return g_test_run ();
}
