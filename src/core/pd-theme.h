/* pd-theme.h: a white-label look, reusable across campaigns
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pd-record.h"

G_BEGIN_DECLS

#define PD_TYPE_THEME (pd_theme_get_type ())
G_DECLARE_FINAL_TYPE (PdTheme, pd_theme, PD, THEME, PdRecord)

#define PD_THEME_CORNER_RADIUS_MAX 48

/* Properties (all notify): "name", "primary-color", "accent-color",
 * "background-color", "text-color" ("#rrggbb"), "logo-sha256",
 * "hero-sha256" (nullable), "font-family", "corner-radius" (0–48). */
PdTheme    *pd_theme_new                  (void);
PdTheme    *pd_theme_new_with_id          (const char *id);

const char *pd_theme_get_name             (PdTheme    *self);
void        pd_theme_set_name             (PdTheme    *self,
                                           const char *name);
const char *pd_theme_get_primary_color    (PdTheme    *self);
void        pd_theme_set_primary_color    (PdTheme    *self,
                                           const char *color);
const char *pd_theme_get_accent_color     (PdTheme    *self);
void        pd_theme_set_accent_color     (PdTheme    *self,
                                           const char *color);
const char *pd_theme_get_background_color (PdTheme    *self);
void        pd_theme_set_background_color (PdTheme    *self,
                                           const char *color);
const char *pd_theme_get_text_color       (PdTheme    *self);
void        pd_theme_set_text_color       (PdTheme    *self,
                                           const char *color);
const char *pd_theme_get_logo_sha256      (PdTheme    *self);
void        pd_theme_set_logo_sha256      (PdTheme    *self,
                                           const char *sha256);
const char *pd_theme_get_hero_sha256      (PdTheme    *self);
void        pd_theme_set_hero_sha256      (PdTheme    *self,
                                           const char *sha256);
const char *pd_theme_get_font_family      (PdTheme    *self);
void        pd_theme_set_font_family      (PdTheme    *self,
                                           const char *font_family);
int         pd_theme_get_corner_radius    (PdTheme    *self);
void        pd_theme_set_corner_radius    (PdTheme    *self,
                                           int         radius);

G_END_DECLS
