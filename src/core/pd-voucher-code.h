/* pd-voucher-code.h: voucher codes — random, readable, self-checking
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* 15 random Crockford Base32 symbols (75 bits) and one check symbol,
 * written XXXX-XXXX-XXXX-XXXX. */
#define PD_VOUCHER_CODE_DATA_SYMBOLS   15
#define PD_VOUCHER_CODE_SYMBOLS        16
#define PD_VOUCHER_CODE_ENTROPY_BITS   75
#define PD_VOUCHER_CODE_LENGTH         19
#define PD_VOUCHER_CODE_ALPHABET       "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

#define PD_VOUCHER_CODE_ERROR (pd_voucher_code_error_quark ())

typedef enum {
  PD_VOUCHER_CODE_ERROR_EMPTY,
  PD_VOUCHER_CODE_ERROR_INVALID_CHARACTER,
  PD_VOUCHER_CODE_ERROR_WRONG_LENGTH,
  PD_VOUCHER_CODE_ERROR_CHECK_FAILED,
  PD_VOUCHER_CODE_ERROR_NO_RANDOMNESS,
} PdVoucherCodeError;

/* The 75 data bits of a code: the first three symbols in @hi, the other
 * twelve in @lo, so that ordering values orders the written codes. */
typedef struct {
  guint64 lo;
  guint64 hi;
} PdVoucherCodeValue;

GQuark    pd_voucher_code_error_quark     (void);

gboolean  pd_voucher_code_random_bytes    (void                     *buffer,
                                           gsize                     length,
                                           GError                  **error);
gboolean  pd_voucher_code_random_values   (PdVoucherCodeValue       *values,
                                           gsize                     n_values,
                                           GError                  **error);

char      pd_voucher_code_check_symbol    (const char               *symbols,
                                           gsize                     n_symbols);
void      pd_voucher_code_format          (const PdVoucherCodeValue *value,
                                           char                      out[PD_VOUCHER_CODE_LENGTH + 1]);
gboolean  pd_voucher_code_parse           (const char               *input,
                                           PdVoucherCodeValue       *value,
                                           GError                  **error);
char     *pd_voucher_code_normalize       (const char               *input,
                                           GError                  **error);
gboolean  pd_voucher_code_is_valid        (const char               *input);

int       pd_voucher_code_value_compare   (gconstpointer             a,
                                           gconstpointer             b);
void      pd_voucher_code_values_sort     (PdVoucherCodeValue       *values,
                                           gsize                     n_values);
gboolean  pd_voucher_code_values_contain  (const PdVoucherCodeValue *sorted,
                                           gsize                     n_sorted,
                                           const PdVoucherCodeValue *value);

G_END_DECLS
