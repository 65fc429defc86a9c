/* pd-voucher-generator.h: draws a batch of unique voucher codes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pd-voucher-code.h"

G_BEGIN_DECLS

#define PD_TYPE_VOUCHER_GENERATOR (pd_voucher_generator_get_type ())
G_DECLARE_FINAL_TYPE (PdVoucherGenerator, pd_voucher_generator, PD, VOUCHER_GENERATOR, GObject)

PdVoucherGenerator *pd_voucher_generator_new             (guint                           count);
guint               pd_voucher_generator_get_count       (PdVoucherGenerator             *self);
double              pd_voucher_generator_get_fraction    (PdVoucherGenerator             *self);
void                pd_voucher_generator_set_existing    (PdVoucherGenerator             *self,
                                                          GArray                         *existing);
void                pd_voucher_generator_generate_async  (PdVoucherGenerator             *self,
                                                          GCancellable                   *cancellable,
                                                          GAsyncReadyCallback             callback,
                                                          gpointer                        user_data);
GArray             *pd_voucher_generator_generate_finish (PdVoucherGenerator             *self,
                                                          GAsyncResult                   *result,
                                                          GError                        **error);

G_END_DECLS
