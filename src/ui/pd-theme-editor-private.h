/* pd-theme-editor-private.h: shared by the theme editor's files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pd-theme-editor.h"

G_BEGIN_DECLS

typedef struct {
  GtkWidget  *row;
  GtkWidget  *entry;
  GtkWidget  *button;
} ColourRow;

typedef struct {
  GtkWidget  *row;
  GtkWidget  *picture;
  GtkWidget  *remove_button;
} ImageRow;

struct _PdThemeEditor
{
  AdwBin          parent_instance;

  PdStore        *store;
  PdCampaign     *campaign;
  PdTheme        *theme;
  GListModel     *themes;
  GtkStringList  *theme_names;
  GPtrArray      *theme_ids;     /* parallel to theme_names; [0] is NULL */
  GtkStringList  *fonts;
  GCancellable   *cancellable;
  gboolean        updating;

  ColourRow       colours[PD_THEME_N_COLOURS];
  ImageRow        images[PD_THEME_N_IMAGES];

  AdwComboRow    *theme_row;
  AdwEntryRow    *name_row;
  GtkWidget      *starters_row;
  AdwPreferencesGroup *colours_group;
  GtkWidget      *contrast_group;
  AdwActionRow   *text_contrast_row;
  GtkImage       *text_contrast_icon;
  AdwActionRow   *button_contrast_row;
  GtkImage       *button_contrast_icon;
  AdwPreferencesGroup *images_group;
  GtkWidget      *type_group;
  AdwComboRow    *font_row;
  GtkSpinButton  *radius_spin;
  GtkWidget      *menu_button;
};

/* pd-theme-editor.c */
void     _pd_theme_editor_emit_toast   (PdThemeEditor  *self,
                                        AdwToast       *toast);
void     _pd_theme_editor_show_error   (PdThemeEditor  *self,
                                        const GError   *error);
gboolean _pd_theme_editor_assign_theme (PdThemeEditor  *self,
                                        const char     *theme_id,
                                        GError        **error);

/* pd-theme-editor-images.c */
void     _pd_theme_editor_set_picture       (PdThemeEditor  *self,
                                             ImageRow       *row,
                                             const char     *sha256);
void     _pd_theme_editor_build_image_rows  (PdThemeEditor  *self);
void     _pd_theme_editor_class_init_image_actions (GtkWidgetClass *widget_class);

/* pd-theme-editor-actions.c */
void     _pd_theme_editor_class_init_actions (GtkWidgetClass *widget_class);

G_END_DECLS
