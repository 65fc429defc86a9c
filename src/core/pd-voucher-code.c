/* pd-voucher-code.c
 *
 * A voucher code is 15 symbols drawn from getrandom() and one check
 * symbol, in Crockford's Base32 alphabet (no I, L, O, U: nothing to
 * misread or mistype). The check symbol makes the weighted sum
 * Σ a^(16-i)·s_i over GF(32) vanish, with a = x, a generator of the
 * multiplicative group (order 31). Because the weights a^1..a^16 are
 * distinct and non-zero, a single substitution changes the sum by
 * a^k·e ≠ 0, and swapping two different symbols anywhere (so also any
 * two neighbours) changes it by (a^j + a^k)(x + y) ≠ 0: every such error
 * is caught, not just most of them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-voucher-code"

#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include <glib/gi18n.h>

#include "pd-voucher-code.h"

/* x^5 + x^2 + 1, a primitive polynomial, so x generates GF(32)*. */
#define GF32_POLY 0x25

static const char alphabet[] = PD_VOUCHER_CODE_ALPHABET;

G_DEFINE_QUARK (pd-voucher-code-error-quark, pd_voucher_code_error)

static inline guint
gf32_times_x (guint v)
{
  v <<= 1;
  if (v & 0x20)
    v ^= GF32_POLY;
  return v;
}

/* Maps an ASCII character to its symbol value, following Crockford's
 * decoding rules; -1 for separators, -2 for anything else. */
static int
symbol_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'z')
    c = (char) (c - 'a' + 'A');
  switch (c)
    {
    case 'O':
      return 0;
    case 'I':
    case 'L':
      return 1;
    case '-':
    case ' ':
    case '\t':
      return -1;
    default:
      {
        const char *p = (c >= 'A' && c <= 'Z') ? strchr (alphabet, c) : NULL;
        return p != NULL ? (int) (p - alphabet) : -2;
      }
    }
}

/**
 * pd_voucher_code_random_bytes:
 *
 * Fills @buffer from the kernel's cryptographic random source, retrying
 * interrupted and short reads.
 */
gboolean
pd_voucher_code_random_bytes (void    *buffer,
                              gsize    length,
                              GError **error)
{
  guint8 *p = buffer;

  g_return_val_if_fail (buffer != NULL || length == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  while (length > 0)
    {
      ssize_t got = getrandom (p, length, 0);

      if (got < 0)
        {
          int saved_errno = errno;

          if (saved_errno == EINTR)
            continue;
          g_set_error (error, PD_VOUCHER_CODE_ERROR, PD_VOUCHER_CODE_ERROR_NO_RANDOMNESS,
                       _("The system’s random number source failed: %s"),
                       g_strerror (saved_errno));
          return FALSE;
        }
      p += got;
      length -= (gsize) got;
    }

  return TRUE;
}

/**
 * pd_voucher_code_random_values:
 *
 * Fills @values with fresh random codes (75 bits each).
 */
gboolean
pd_voucher_code_random_values (PdVoucherCodeValue *values,
                               gsize               n_values,
                               GError            **error)
{
  /* Ten bytes per code, read a few thousand codes at a time. */
  enum { CHUNK = 4096 };
  guint8 buffer[CHUNK * 10];
  gsize done = 0;

  g_return_val_if_fail (values != NULL || n_values == 0, FALSE);

  while (done < n_values)
    {
      gsize n = MIN (n_values - done, (gsize) CHUNK);

      if (!pd_voucher_code_random_bytes (buffer, n * 10, error))
        return FALSE;

      for (gsize i = 0; i < n; i++)
        {
          const guint8 *b = buffer + i * 10;
          guint64 lo = 0;

          for (guint k = 0; k < 8; k++)
            lo = (lo << 8) | b[k];
          values[done + i].lo = lo >> 4;                              /* 60 bits */
          values[done + i].hi = (((guint64) b[8] << 8) | b[9]) & 0x7fff; /* 15 bits */
        }
      done += n;
    }

  return TRUE;
}

/**
 * pd_voucher_code_check_symbol:
 * @symbols: upper-case symbols of the alphabet (no separators)
 *
 * Returns: the check symbol that completes @symbols.
 */
char
pd_voucher_code_check_symbol (const char *symbols,
                              gsize       n_symbols)
{
  guint sum = 0;

  g_return_val_if_fail (symbols != NULL, '0');

  for (gsize i = 0; i < n_symbols; i++)
    {
      int v = symbol_value (symbols[i]);

      g_return_val_if_fail (v >= 0, '0');
      sum = gf32_times_x (sum) ^ (guint) v;
    }

  return alphabet[gf32_times_x (sum)];
}

/**
 * pd_voucher_code_format:
 * @out: (out caller-allocates): room for PD_VOUCHER_CODE_LENGTH + 1 bytes
 *
 * Writes the code for @value, grouped and with its check symbol.
 */
void
pd_voucher_code_format (const PdVoucherCodeValue *value,
                        char                      out[PD_VOUCHER_CODE_LENGTH + 1])
{
  guint symbols[PD_VOUCHER_CODE_SYMBOLS];
  guint sum = 0;
  guint j = 0;

  for (guint i = 0; i < 3; i++)
    symbols[i] = (guint) (value->hi >> (5 * (2 - i))) & 0x1f;
  for (guint i = 0; i < 12; i++)
    symbols[3 + i] = (guint) (value->lo >> (5 * (11 - i))) & 0x1f;
  for (guint i = 0; i < PD_VOUCHER_CODE_DATA_SYMBOLS; i++)
    sum = gf32_times_x (sum) ^ symbols[i];
  symbols[15] = gf32_times_x (sum);

  for (guint i = 0; i < PD_VOUCHER_CODE_SYMBOLS; i++)
    {
      if (i > 0 && i % 4 == 0)
        out[j++] = '-';
      out[j++] = alphabet[symbols[i]];
    }
  out[j] = '\0';
}

/**
 * pd_voucher_code_parse:
 * @input: a code as a person typed it
 * @value: (out) (optional): its data bits
 *
 * Reads a code leniently (any case, I and L as 1, O as 0, hyphens and
 * spaces anywhere) and checks its length and check symbol.
 */
gboolean
pd_voucher_code_parse (const char         *input,
                       PdVoucherCodeValue *value,
                       GError            **error)
{
  guint symbols[PD_VOUCHER_CODE_SYMBOLS] = { 0 };
  guint n = 0;
  guint sum = 0;

  g_return_val_if_fail (input != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Byte by byte: any byte outside ASCII ends the loop with an error. */
  for (const char *p = input; *p != '\0'; p++)
    {
      int v = ((guchar) *p < 0x80) ? symbol_value (*p) : -2;

      if (v == -1)
        continue;
      if (v == -2)
        {
          /* Never step over a byte of invalid UTF-8: its lead byte may
           * claim more bytes than the string has left. */
          gunichar c = g_utf8_get_char_validated (p, (gssize) strnlen (p, 6));
          char bad[8] = "?";

          if (c != (gunichar) -1 && c != (gunichar) -2 && c != 0)
            bad[g_unichar_to_utf8 (c, bad)] = '\0';
          g_set_error (error, PD_VOUCHER_CODE_ERROR, PD_VOUCHER_CODE_ERROR_INVALID_CHARACTER,
                       _("“%s” does not occur in voucher codes. Codes use the digits 0–9 and the letters A–Z except I, L, O and U."),
                       bad);
          return FALSE;
        }
      if (n < PD_VOUCHER_CODE_SYMBOLS)
        symbols[n] = (guint) v;
      n++;
    }

  if (n == 0)
    {
      g_set_error_literal (error, PD_VOUCHER_CODE_ERROR, PD_VOUCHER_CODE_ERROR_EMPTY,
                           _("Enter a voucher code."));
      return FALSE;
    }
  if (n != PD_VOUCHER_CODE_SYMBOLS)
    {
      g_set_error (error, PD_VOUCHER_CODE_ERROR, PD_VOUCHER_CODE_ERROR_WRONG_LENGTH,
                   g_dngettext (GETTEXT_PACKAGE,
                                "A voucher code has 16 characters, but this one has %u.",
                                "A voucher code has 16 characters, but this one has %u.",
                                n),
                   n);
      return FALSE;
    }

  for (guint i = 0; i < PD_VOUCHER_CODE_SYMBOLS; i++)
    sum = gf32_times_x (sum) ^ symbols[i];
  if (sum != 0)
    {
      g_set_error_literal (error, PD_VOUCHER_CODE_ERROR, PD_VOUCHER_CODE_ERROR_CHECK_FAILED,
                           _("This voucher code contains a typing error. Check each character again."));
      return FALSE;
    }

  if (value != NULL)
    {
      value->hi = 0;
      value->lo = 0;
      for (guint i = 0; i < 3; i++)
        value->hi = (value->hi << 5) | symbols[i];
      for (guint i = 3; i < PD_VOUCHER_CODE_DATA_SYMBOLS; i++)
        value->lo = (value->lo << 5) | symbols[i];
    }

  return TRUE;
}

/**
 * pd_voucher_code_normalize:
 *
 * Returns: (transfer full) (nullable): @input in its canonical written
 *   form, or %NULL with @error set when it is not a valid code.
 */
char *
pd_voucher_code_normalize (const char  *input,
                           GError     **error)
{
  PdVoucherCodeValue value;
  char *out;

  g_return_val_if_fail (input != NULL, NULL);

  if (!pd_voucher_code_parse (input, &value, error))
    return NULL;

  out = g_malloc (PD_VOUCHER_CODE_LENGTH + 1);
  pd_voucher_code_format (&value, out);
  return out;
}

gboolean
pd_voucher_code_is_valid (const char *input)
{
  g_return_val_if_fail (input != NULL, FALSE);

  return pd_voucher_code_parse (input, NULL, NULL);
}

int
pd_voucher_code_value_compare (gconstpointer a,
                               gconstpointer b)
{
  const PdVoucherCodeValue *va = a;
  const PdVoucherCodeValue *vb = b;

  if (va->hi != vb->hi)
    return va->hi < vb->hi ? -1 : 1;
  if (va->lo != vb->lo)
    return va->lo < vb->lo ? -1 : 1;
  return 0;
}

static int
compare_lo (const void *a,
            const void *b)
{
  guint64 x = ((const PdVoucherCodeValue *) a)->lo;
  guint64 y = ((const PdVoucherCodeValue *) b)->lo;

  return x < y ? -1 : x > y;
}

/* Sorts by value. Large arrays are first distributed by their 15 high
 * bits (a counting sort, two linear passes) and then each small bucket is
 * sorted by the low bits: for the uniformly random codes of a big batch
 * that is several times faster than one qsort() over a million items. */
void
pd_voucher_code_values_sort (PdVoucherCodeValue *values,
                             gsize               n_values)
{
  enum { BUCKETS = 1 << 15 };
  g_autofree PdVoucherCodeValue *scratch = NULL;
  g_autofree gsize *starts = NULL;
  gboolean bucketable = n_values >= 4096;

  g_return_if_fail (values != NULL || n_values == 0);

  /* Values wider than 75 bits are not codes, but still sort right. */
  for (gsize i = 0; bucketable && i < n_values; i++)
    if (values[i].hi >= BUCKETS)
      bucketable = FALSE;

  if (!bucketable)
    {
      if (n_values > 1)
        qsort (values, n_values, sizeof *values, pd_voucher_code_value_compare);
      return;
    }

  starts = g_new0 (gsize, BUCKETS + 1);
  for (gsize i = 0; i < n_values; i++)
    starts[(values[i].hi & (BUCKETS - 1)) + 1]++;
  for (gsize b = 0; b < BUCKETS; b++)
    starts[b + 1] += starts[b];

  scratch = g_new (PdVoucherCodeValue, n_values);
  {
    g_autofree gsize *next = g_memdup2 (starts, (BUCKETS + 1) * sizeof (gsize));

    for (gsize i = 0; i < n_values; i++)
      scratch[next[values[i].hi & (BUCKETS - 1)]++] = values[i];
  }
  memcpy (values, scratch, n_values * sizeof *values);

  for (gsize b = 0; b < BUCKETS; b++)
    if (starts[b + 1] - starts[b] > 1)
      qsort (values + starts[b], starts[b + 1] - starts[b], sizeof *values, compare_lo);
}

gboolean
pd_voucher_code_values_contain (const PdVoucherCodeValue *sorted,
                                gsize                     n_sorted,
                                const PdVoucherCodeValue *value)
{
  gsize lo = 0;
  gsize hi = n_sorted;

  g_return_val_if_fail (value != NULL, FALSE);

  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;
      int c = pd_voucher_code_value_compare (&sorted[mid], value);

      if (c == 0)
        return TRUE;
      if (c < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return FALSE;
}
