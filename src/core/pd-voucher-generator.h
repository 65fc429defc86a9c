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

/**
 * PdVoucherGeneratorExistingFunc:
 *
 * Runs in the worker thread and returns (transfer full) the codes already
 * used in the tenant, as a #GArray of #PdVoucherCodeValue in any order,
 * or %NULL with @error set.
 */
typedef GArray *(*PdVoucherGeneratorExistingFunc) (GCancellable  *cancellable,
                                                   gpointer       user_data,
                                                   GError       **error);

/**
 * PdVoucherGeneratorCommitFunc:
 *
 * Runs in the worker thread with the finished codes and writes them in one
 * transaction, reporting @progress_cb as it goes; on error or cancellation
 * it must leave nothing written.
 */
typedef gboolean (*PdVoucherGeneratorCommitFunc) (const PdVoucherCodeValue *values,
                                                  gsize                     n_values,
                                                  GCancellable             *cancellable,
                                                  void                    (*progress_cb) (gsize    done,
                                                                                          gpointer progress_data),
                                                  gpointer                  progress_data,
                                                  gpointer                  user_data,
                                                  GError                  **error);

PdVoucherGenerator *pd_voucher_generator_new             (guint                           count);
guint               pd_voucher_generator_get_count       (PdVoucherGenerator             *self);
double              pd_voucher_generator_get_fraction    (PdVoucherGenerator             *self);
void                pd_voucher_generator_set_existing_func (PdVoucherGenerator           *self,
                                                          PdVoucherGeneratorExistingFunc  func,
                                                          gpointer                        user_data,
                                                          GDestroyNotify                  destroy);
void                pd_voucher_generator_set_commit_func (PdVoucherGenerator             *self,
                                                          PdVoucherGeneratorCommitFunc    func,
                                                          gpointer                        user_data,
                                                          GDestroyNotify                  destroy);
void                pd_voucher_generator_generate_async  (PdVoucherGenerator             *self,
                                                          GCancellable                   *cancellable,
                                                          GAsyncReadyCallback             callback,
                                                          gpointer                        user_data);
GArray             *pd_voucher_generator_generate_finish (PdVoucherGenerator             *self,
                                                          GAsyncResult                   *result,
                                                          GError                        **error);

G_END_DECLS
