/* pd-colour.h: sRGB colours, their text form and WCAG 2.x contrast
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PD_COLOUR_ERROR (pd_colour_error_quark ())

typedef enum {
  PD_COLOUR_ERROR_INVALID,
} PdColourError;

/* WCAG 2.x level AA for normal text. */
#define PD_CONTRAST_MIN_TEXT 4.5

typedef struct {
  guint8 red;
  guint8 green;
  guint8 blue;
} PdColour;

GQuark    pd_colour_error_quark          (void);

/**
 * pd_colour_parse:
 * @text: "#rrggbb" or "#rgb", any case, surrounding blanks ignored
 *
 * Returns: %TRUE and fills @colour, or %FALSE with a translated
 *   %PD_COLOUR_ERROR_INVALID in @error
 */
gboolean  pd_colour_parse                (const char      *text,
                                          PdColour        *colour,
                                          GError         **error);
/* Parses @text, or gives @fallback (which must be valid) when it is bad. */
PdColour  pd_colour_parse_or             (const char      *text,
                                          const char      *fallback);
/* (transfer full): "#rrggbb" in lower case */
char     *pd_colour_to_string            (const PdColour  *colour);
void      pd_colour_to_rgba              (const PdColour  *colour,
                                          double           rgba[4]);
PdColour  pd_colour_from_rgba            (const double     rgba[4]);

/* Relative luminance, 0 (black) to 1 (white), as WCAG 2.x defines it. */
double    pd_colour_relative_luminance   (const PdColour  *colour);
/* (L1 + 0.05) / (L2 + 0.05) with L1 the lighter: 1 to 21. */
double    pd_colour_contrast_ratio       (const PdColour  *a,
                                          const PdColour  *b);
/* @a moved towards @b by @amount (0: @a, 1: @b), per channel. */
PdColour  pd_colour_mix                  (const PdColour  *a,
                                          const PdColour  *b,
                                          double           amount);
/* Moves @colour towards white (or black, if @against is light) until its
 * contrast with @against reaches @ratio, or as far as it goes. */
PdColour  pd_colour_ensure_contrast      (const PdColour  *colour,
                                          const PdColour  *against,
                                          double           ratio);

G_END_DECLS
