/* pd-vouchers-page-private.h: shared by the page's files and its tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pd-context.h"
#include "pd-voucher-export.h"
#include "pd-vouchers-page.h"

G_BEGIN_DECLS

struct _PdVouchersPage
{
  AdwBin             parent_instance;

  PdStore           *store;
  PdCampaign        *campaign;
  GtkFilterListModel *batches;
  GtkCustomFilter   *filter;

  PdVoucherExport   *export;
  GCancellable      *export_cancellable;
  GBinding          *export_binding;
  char              *export_error;
  GtkFileChooserNative *chooser;

  AdwToastOverlay   *toast_overlay;
  GtkStack          *stack;
  GtkLabel          *budget_label;
  GtkListBox        *list_box;
  GtkRevealer       *progress_revealer;
  GtkLabel          *progress_label;
  GtkProgressBar    *progress_bar;
};

PdContext *_pd_vouchers_page_get_context (PdVouchersPage *self);

/* Actions, in pd-vouchers-page-export.c */
void      _pd_vouchers_page_export_action        (GtkWidget  *widget,
                                                  const char *action_name,
                                                  GVariant   *parameter);
void      _pd_vouchers_page_cancel_export_action (GtkWidget  *widget,
                                                  const char *action_name,
                                                  GVariant   *parameter);
void      _pd_vouchers_page_open_file_action     (GtkWidget  *widget,
                                                  const char *action_name,
                                                  GVariant   *parameter);

/* Exports the batch @batch_id to @file as "csv" or "pdf" as the export
 * buttons do after the file chooser. */
void      _pd_vouchers_page_export_to_file (PdVouchersPage *self,
                                            const char     *batch_id,
                                            GFile          *file,
                                            const char     *format);
gboolean  _pd_vouchers_page_get_exporting  (PdVouchersPage *self);
/* The last export's error message, or NULL when it succeeded. */
const char *_pd_vouchers_page_get_export_error (PdVouchersPage *self);
GtkWidget *_pd_vouchers_page_get_list_box  (PdVouchersPage *self);

G_END_DECLS
