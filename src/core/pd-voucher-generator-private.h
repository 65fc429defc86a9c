/* pd-voucher-generator-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pd-voucher-generator.h"

G_BEGIN_DECLS

typedef gboolean (*PdVoucherGeneratorRandomFunc) (PdVoucherCodeValue  *values,
                                                  gsize                n_values,
                                                  GError             **error);

/* Replaces getrandom() for tests that need collisions to happen. */
void _pd_voucher_generator_set_random_func (PdVoucherGenerator           *self,
                                            PdVoucherGeneratorRandomFunc  func);

G_END_DECLS
