/* pd-voucher-export-private.h: shared by the CSV and PDF writers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pd-progress-relay.h"
#include "pd-voucher-export.h"

G_BEGIN_DECLS

typedef struct {
  double red;
  double green;
  double blue;
} PdVoucherExportColor;

struct _PdVoucherExport
{
  GObject               parent_instance;

  GArray               *codes;
  gint64                coins_per_voucher;
  gint64                coin_value_micros;
  char                 *currency;
  GDateTime            *expires_at;
  char                 *donor_page_url;

  char                 *title;
  char                 *font_family;
  char                 *logo_path;
  PdVoucherExportColor  primary;
  PdVoucherExportColor  accent;
  PdVoucherExportColor  background;
  PdVoucherExportColor  text;

  double                fraction;
  gboolean              running;
};

/* Runs in the worker thread; the export's fields are frozen while it runs. */
gboolean _pd_voucher_export_write_pdf (PdVoucherExport  *self,
                                       GFile            *file,
                                       PdProgressRelay  *relay,
                                       GCancellable     *cancellable,
                                       GError          **error);

gboolean _pd_voucher_export_parse_color (const char           *spec,
                                         PdVoucherExportColor *color);

G_END_DECLS
