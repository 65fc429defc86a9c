/* pd-design-page.h: the Design page of a campaign: its theme and its
 * donor page, edited on a live preview
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pd-store.h"

G_BEGIN_DECLS

typedef enum {
  PD_DESIGN_EXPORT_PNG,
  PD_DESIGN_EXPORT_HTML,
} PdDesignExportFormat;

#define PD_TYPE_DESIGN_PAGE (pd_design_page_get_type ())
G_DECLARE_FINAL_TYPE (PdDesignPage, pd_design_page, PD, DESIGN_PAGE, AdwBin)

/* Properties: "store" (PdStore), "campaign" (PdCampaign, nullable).
 * The preview's progress comes from the store's stats cache and follows
 * it when the Results page fetches new stats.
 *
 * Actions (group "design"): add-block (s: block type name, e.g. "hero"),
 * move-block-up (Alt+Up), move-block-down (Alt+Down), remove-block
 * (Delete), undo, export-png, export-html. */
GtkWidget   *pd_design_page_new             (void);
PdStore     *pd_design_page_get_store       (PdDesignPage  *self);
void         pd_design_page_set_store       (PdDesignPage  *self,
                                             PdStore       *store);
PdCampaign  *pd_design_page_get_campaign    (PdDesignPage  *self);
void         pd_design_page_set_campaign    (PdDesignPage  *self,
                                             PdCampaign    *campaign);

/* Preview settings: width in px (390, 820, 1280), colour scheme, language. */
void         pd_design_page_set_preview      (PdDesignPage *self,
                                              int           width,
                                              gboolean      dark,
                                              const char   *language);
/* (transfer none) (nullable) */
const char  *pd_design_page_get_selected_block (PdDesignPage *self);
void         pd_design_page_select_block       (PdDesignPage *self,
                                                const char   *block_id);

/* Writes what the preview shows now to @file. */
void         pd_design_page_export_async     (PdDesignPage         *self,
                                              PdDesignExportFormat  format,
                                              GFile                *file,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
gboolean     pd_design_page_export_finish    (PdDesignPage         *self,
                                              GAsyncResult         *result,
                                              GError              **error);

G_END_DECLS
