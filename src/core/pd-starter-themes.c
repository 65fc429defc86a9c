/* pd-starter-themes.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-starter-themes"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-starter-themes.h"

static const struct {
  const char *name;
  const char *primary;
  const char *accent;
  const char *background;
  const char *text;
  const char *font;
  int         radius;
} starters[] = {
  { N_("Bank Blue"), "#0b4f9c", "#00a3e0", "#ffffff", "#1b2432", "Noto Sans", 8 },
  { N_("Railway Green"), "#0f6e3f", "#8cc63f", "#fbfdf9", "#17251d", "Cantarell", 16 },
  { N_("Energy Orange"), "#b34700", "#ffb000", "#fffaf5", "#2b1d14", "Noto Sans", 24 },
  { N_("Retail Red"), "#c01c28", "#241f31", "#ffffff", "#241f31", "Noto Serif", 4 },
};

GPtrArray *
pd_starter_themes_new (void)
{
  GPtrArray *themes = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < G_N_ELEMENTS (starters); i++)
    {
      PdTheme *theme = pd_theme_new ();

      pd_theme_set_name (theme, _(starters[i].name));
      pd_theme_set_primary_color (theme, starters[i].primary);
      pd_theme_set_accent_color (theme, starters[i].accent);
      pd_theme_set_background_color (theme, starters[i].background);
      pd_theme_set_text_color (theme, starters[i].text);
      pd_theme_set_font_family (theme, starters[i].font);
      pd_theme_set_corner_radius (theme, starters[i].radius);
      g_ptr_array_add (themes, theme);
    }
  return themes;
}
