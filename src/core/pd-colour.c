/* pd-colour.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-colour"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "pd-colour.h"

G_DEFINE_QUARK (pd-colour-error-quark, pd_colour_error)

static int
hex_value (char c)
{
  return g_ascii_xdigit_value (c);
}

gboolean
pd_colour_parse (const char  *text,
                 PdColour    *colour,
                 GError     **error)
{
  g_autofree char *trimmed = NULL;
  gsize len;
  guint8 channels[3];

  g_return_val_if_fail (colour != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));
  len = strlen (trimmed);

  if (len == 0)
    {
      g_set_error_literal (error, PD_COLOUR_ERROR, PD_COLOUR_ERROR_INVALID,
                           _("Enter a colour such as #1a5fb4."));
      return FALSE;
    }

  if (trimmed[0] != '#' || (len != 7 && len != 4))
    goto invalid;

  for (gsize i = 1; i < len; i++)
    if (hex_value (trimmed[i]) < 0)
      goto invalid;

  for (guint i = 0; i < 3; i++)
    {
      if (len == 7)
        channels[i] = (guint8) (hex_value (trimmed[1 + 2 * i]) * 16 + hex_value (trimmed[2 + 2 * i]));
      else
        channels[i] = (guint8) (hex_value (trimmed[1 + i]) * 17);
    }

  colour->red = channels[0];
  colour->green = channels[1];
  colour->blue = channels[2];
  return TRUE;

invalid:
  /* Quote what the user typed, but only a reasonable part of it. */
  if (g_utf8_strlen (trimmed, -1) > 20)
    {
      char *end = g_utf8_offset_to_pointer (trimmed, 20);
      *end = '\0';
    }
  g_set_error (error, PD_COLOUR_ERROR, PD_COLOUR_ERROR_INVALID,
               _("“%s” is not a colour. Use a hash sign and six hexadecimal digits, such as #1a5fb4."),
               trimmed);
  return FALSE;
}

PdColour
pd_colour_parse_or (const char *text,
                    const char *fallback)
{
  PdColour colour = { 0, 0, 0 };

  if (!pd_colour_parse (text, &colour, NULL))
    {
      gboolean ok = pd_colour_parse (fallback, &colour, NULL);
      g_assert (ok);
    }
  return colour;
}

char *
pd_colour_to_string (const PdColour *colour)
{
  g_return_val_if_fail (colour != NULL, NULL);

  return g_strdup_printf ("#%02x%02x%02x", colour->red, colour->green, colour->blue);
}

void
pd_colour_to_rgba (const PdColour *colour,
                   double          rgba[4])
{
  g_return_if_fail (colour != NULL);

  rgba[0] = colour->red / 255.0;
  rgba[1] = colour->green / 255.0;
  rgba[2] = colour->blue / 255.0;
  rgba[3] = 1.0;
}

static guint8
channel_from_double (double value)
{
  return (guint8) lround (CLAMP (value, 0.0, 1.0) * 255.0);
}

PdColour
pd_colour_from_rgba (const double rgba[4])
{
  PdColour colour;

  colour.red = channel_from_double (rgba[0]);
  colour.green = channel_from_double (rgba[1]);
  colour.blue = channel_from_double (rgba[2]);
  return colour;
}

/* The sRGB transfer function undone, per WCAG 2.x (its 0.03928 threshold). */
static double
linearise (guint8 channel)
{
  double c = channel / 255.0;

  if (c <= 0.03928)
    return c / 12.92;
  return pow ((c + 0.055) / 1.055, 2.4);
}

double
pd_colour_relative_luminance (const PdColour *colour)
{
  g_return_val_if_fail (colour != NULL, 0.0);

  return 0.2126 * linearise (colour->red)
       + 0.7152 * linearise (colour->green)
       + 0.0722 * linearise (colour->blue);
}

double
pd_colour_contrast_ratio (const PdColour *a,
                          const PdColour *b)
{
  double la, lb;

  g_return_val_if_fail (a != NULL, 1.0);
  g_return_val_if_fail (b != NULL, 1.0);

  la = pd_colour_relative_luminance (a);
  lb = pd_colour_relative_luminance (b);
  if (la < lb)
    {
      double t = la;
      la = lb;
      lb = t;
    }
  return (la + 0.05) / (lb + 0.05);
}

PdColour
pd_colour_mix (const PdColour *a,
               const PdColour *b,
               double          amount)
{
  PdColour colour;

  amount = CLAMP (amount, 0.0, 1.0);
  colour.red = (guint8) lround (a->red + (b->red - a->red) * amount);
  colour.green = (guint8) lround (a->green + (b->green - a->green) * amount);
  colour.blue = (guint8) lround (a->blue + (b->blue - a->blue) * amount);
  return colour;
}

PdColour
pd_colour_ensure_contrast (const PdColour *colour,
                           const PdColour *against,
                           double          ratio)
{
  static const PdColour white = { 255, 255, 255 };
  static const PdColour black = { 0, 0, 0 };
  const PdColour *target;
  PdColour result = *colour;

  target = pd_colour_relative_luminance (against) < 0.18 ? &white : &black;

  for (guint step = 1; step <= 20 && pd_colour_contrast_ratio (&result, against) < ratio; step++)
    result = pd_colour_mix (colour, target, step / 20.0);

  return result;
}
