/* pd-voucher-export.h: vouchers as CSV and as printable PDF cards
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pd-voucher-code.h"

G_BEGIN_DECLS

#define PD_TYPE_VOUCHER_EXPORT (pd_voucher_export_get_type ())
G_DECLARE_FINAL_TYPE (PdVoucherExport, pd_voucher_export, PD, VOUCHER_EXPORT, GObject)

#define PD_VOUCHER_EXPORT_ERROR (pd_voucher_export_error_quark ())

typedef enum {
  PD_VOUCHER_EXPORT_ERROR_NOT_LOCAL,
  PD_VOUCHER_EXPORT_ERROR_WRITE,
  PD_VOUCHER_EXPORT_ERROR_VALUE,
  PD_VOUCHER_EXPORT_ERROR_QR,
  PD_VOUCHER_EXPORT_ERROR_LOGO,
} PdVoucherExportError;

/* Cards per A4 page: two columns of five cards of 85 × 54 mm. */
#define PD_VOUCHER_EXPORT_CARDS_PER_PAGE 10

GQuark           pd_voucher_export_error_quark     (void);

PdVoucherExport *pd_voucher_export_new             (GArray           *codes,
                                                    gint64            coins_per_voucher,
                                                    gint64            coin_value_micros,
                                                    const char       *currency,
                                                    GDateTime        *expires_at,
                                                    const char       *donor_page_url);
double           pd_voucher_export_get_fraction    (PdVoucherExport  *self);
guint            pd_voucher_export_get_n_codes     (PdVoucherExport  *self);
char            *pd_voucher_export_redemption_url  (PdVoucherExport  *self,
                                                    const char       *code);

void             pd_voucher_export_set_title       (PdVoucherExport  *self,
                                                    const char       *title);
gboolean         pd_voucher_export_set_colors      (PdVoucherExport  *self,
                                                    const char       *primary,
                                                    const char       *accent,
                                                    const char       *background,
                                                    const char       *text);
void             pd_voucher_export_set_font_family (PdVoucherExport  *self,
                                                    const char       *font_family);
void             pd_voucher_export_set_logo_file   (PdVoucherExport  *self,
                                                    const char       *logo_path);

void             pd_voucher_export_write_csv_async  (PdVoucherExport     *self,
                                                     GFile               *file,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean         pd_voucher_export_write_csv_finish (PdVoucherExport     *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);
void             pd_voucher_export_write_pdf_async  (PdVoucherExport     *self,
                                                     GFile               *file,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean         pd_voucher_export_write_pdf_finish (PdVoucherExport     *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

G_END_DECLS
