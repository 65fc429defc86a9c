/* pd-design-page-private.h: shared by the Design page's files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pd-block-properties.h"
#include "pd-design-page.h"
#include "pd-donor-preview.h"
#include "pd-theme-editor.h"

G_BEGIN_DECLS

struct _PdDesignPage
{
  AdwBin             parent_instance;

  PdStore           *store;
  PdCampaign        *campaign;
  GPtrArray         *watched;       /* objects whose changes re-render */
  guint              render_id;
  gboolean           dark;
  char              *language;

  AdwToastOverlay   *toast_overlay;
  GtkStack          *stack;
  AdwFlap           *flap;
  GtkFlowBox        *palette;
  PdBlockProperties *block_properties;
  PdThemeEditor     *theme_editor;
  GtkToggleButton   *phone_button;
  GtkToggleButton   *tablet_button;
  GtkToggleButton   *desktop_button;
  GtkToggleButton   *dark_button;
  GtkDropDown       *language_dropdown;
  PdDonorPreview    *preview;
};

/* (transfer full): the page as the preview shows it now */
PdDonorPage *_pd_design_page_build_donor_page (PdDesignPage *self);
void         _pd_design_page_queue_render     (PdDesignPage *self);
void         _pd_design_page_show_toast       (PdDesignPage *self,
                                               AdwToast     *toast);
void         _pd_design_page_show_error       (PdDesignPage *self,
                                               const GError *error);
void         _pd_design_page_update_actions   (PdDesignPage *self);

/* pd-design-page-actions.c */
void         _pd_design_page_class_init_actions (GtkWidgetClass *widget_class);
void         _pd_design_page_build_palette      (PdDesignPage   *self);
void         _pd_design_page_insert_block       (PdDesignPage   *self,
                                                 PdPageBlockType type,
                                                 guint           position);
void         _pd_design_page_move_block         (PdDesignPage   *self,
                                                 const char     *block_id,
                                                 guint           position);

G_END_DECLS
