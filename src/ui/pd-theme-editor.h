/* pd-theme-editor.h: the theme part of the Design page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pd-store.h"

G_BEGIN_DECLS

typedef enum {
  PD_THEME_COLOUR_PRIMARY,
  PD_THEME_COLOUR_ACCENT,
  PD_THEME_COLOUR_BACKGROUND,
  PD_THEME_COLOUR_TEXT,
  PD_THEME_N_COLOURS
} PdThemeColour;

typedef enum {
  PD_THEME_IMAGE_LOGO,
  PD_THEME_IMAGE_HERO,
  PD_THEME_N_IMAGES
} PdThemeImage;

#define PD_TYPE_THEME_EDITOR (pd_theme_editor_get_type ())
G_DECLARE_FINAL_TYPE (PdThemeEditor, pd_theme_editor, PD, THEME_EDITOR, AdwBin)

/* Properties: "store" (PdStore), "campaign" (PdCampaign, nullable).
 * Signal "toast" (AdwToast): a message for the page to show. */
GtkWidget  *pd_theme_editor_new              (void);
/* (transfer none) (nullable): the campaign's theme being edited */
PdTheme    *pd_theme_editor_get_theme        (PdThemeEditor  *self);

/* Stores @file as the logo or hero image of the theme; asynchronous. */
void        pd_theme_editor_load_image_async  (PdThemeEditor       *self,
                                               PdThemeImage         image,
                                               GFile               *file,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean    pd_theme_editor_load_image_finish (PdThemeEditor       *self,
                                               GAsyncResult        *result,
                                               GError             **error);

/* The real controls, for tests and the page's keyboard handling. */
GtkWidget  *pd_theme_editor_get_colour_button (PdThemeEditor  *self,
                                               PdThemeColour   colour);
GtkWidget  *pd_theme_editor_get_colour_entry  (PdThemeEditor  *self,
                                               PdThemeColour   colour);
GtkWidget  *pd_theme_editor_get_theme_row     (PdThemeEditor  *self);
GtkWidget  *pd_theme_editor_get_image_row     (PdThemeEditor  *self,
                                               PdThemeImage    image);
/* The contrast rows' subtitles, e.g. "12.6:1" */
const char *pd_theme_editor_get_contrast_text (PdThemeEditor  *self,
                                               gboolean        button);
gboolean    pd_theme_editor_get_contrast_warning (PdThemeEditor *self,
                                                  gboolean       button);

G_END_DECLS
