/* test-colour.c: colour parsing and WCAG contrast
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pd-colour.h"
#include "pd-donor-page.h"
#include "pd-starter-themes.h"
#include "pd-test-utils.h"

static void
test_colour_parse (void)
{
  PdColour c;
  g_autofree char *text = NULL;

  g_assert_true (pd_colour_parse ("#1A5fb4", &c, NULL));
  g_assert_cmpint (c.red, ==, 0x1a);
  g_assert_cmpint (c.green, ==, 0x5f);
  g_assert_cmpint (c.blue, ==, 0xb4);
  text = pd_colour_to_string (&c);
  g_assert_cmpstr (text, ==, "#1a5fb4");

  g_assert_true (pd_colour_parse ("  #f0a \n", &c, NULL));
  g_assert_cmpint (c.red, ==, 0xff);
  g_assert_cmpint (c.green, ==, 0x00);
  g_assert_cmpint (c.blue, ==, 0xaa);
}

static void
test_colour_parse_errors (void)
{
  static const char *bad[] = { "", "   ", "1a5fb4", "#1a5fb", "#1a5fb44", "#gg0000", "red",
                               "#12345\xc3\xa4", "rgb(0,0,0)", "#-10000" };
  PdColour c = { 1, 2, 3 };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (pd_colour_parse (bad[i], &c, &error));
      g_assert_error (error, PD_COLOUR_ERROR, PD_COLOUR_ERROR_INVALID);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      /* The colour is untouched on failure. */
      g_assert_cmpint (c.red, ==, 1);
    }

  {
    g_autoptr(GError) error = NULL;
    g_assert_false (pd_colour_parse (NULL, &c, &error));
    g_assert_error (error, PD_COLOUR_ERROR, PD_COLOUR_ERROR_INVALID);
  }

  {
    /* A long paste is quoted shortened, never whole. */
    g_autofree char *long_text = g_strnfill (5000, 'x');
    g_autoptr(GError) error = NULL;

    g_assert_false (pd_colour_parse (long_text, &c, &error));
    g_assert_cmpint (strlen (error->message), <, 300);
  }

  {
    PdColour fallback = pd_colour_parse_or ("nonsense", "#ffffff");
    g_assert_cmpint (fallback.green, ==, 255);
  }
}

static void
test_colour_luminance (void)
{
  PdColour black = { 0, 0, 0 }, white = { 255, 255, 255 };
  PdColour red = { 255, 0, 0 }, grey = { 0x77, 0x77, 0x77 };

  g_assert_cmpfloat_with_epsilon (pd_colour_relative_luminance (&black), 0.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (pd_colour_relative_luminance (&white), 1.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (pd_colour_relative_luminance (&red), 0.2126, 1e-9);
  /* #777777 is the classic borderline grey: 4.48:1 on white. */
  g_assert_cmpfloat_with_epsilon (pd_colour_contrast_ratio (&grey, &white), 4.48, 0.01);
  g_assert_cmpfloat_with_epsilon (pd_colour_contrast_ratio (&black, &white), 21.0, 1e-9);
  /* Symmetric, and 1:1 against itself. */
  g_assert_cmpfloat_with_epsilon (pd_colour_contrast_ratio (&white, &black), 21.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (pd_colour_contrast_ratio (&red, &red), 1.0, 1e-9);

  {
    PdColour blue = { 0x1a, 0x5f, 0xb4 };
    /* Worked out by hand from the WCAG formula: 6.29:1. */
    g_assert_cmpfloat_with_epsilon (pd_colour_contrast_ratio (&blue, &white), 6.29, 0.01);
  }
}

static void
test_colour_mix_and_ensure (void)
{
  PdColour black = { 0, 0, 0 }, white = { 255, 255, 255 };
  PdColour mid = pd_colour_mix (&black, &white, 0.5);
  PdColour yellow = { 0xf6, 0xd3, 0x2d };
  PdColour fixed;

  g_assert_cmpint (mid.red, ==, 128);
  g_assert_cmpint (pd_colour_mix (&black, &white, 2.0).red, ==, 255);

  g_assert_cmpfloat (pd_colour_contrast_ratio (&yellow, &white), <, 4.5);
  fixed = pd_colour_ensure_contrast (&yellow, &white, 4.5);
  g_assert_cmpfloat (pd_colour_contrast_ratio (&fixed, &white), >=, 4.5);

  fixed = pd_colour_ensure_contrast (&black, &black, 4.5);
  g_assert_cmpfloat (pd_colour_contrast_ratio (&fixed, &black), >=, 4.5);
}

static void
test_colour_starter_themes (void)
{
  g_autoptr(GPtrArray) themes = pd_starter_themes_new ();

  g_assert_cmpuint (themes->len, ==, 4);
  for (guint i = 0; i < themes->len; i++)
    {
      PdTheme *theme = g_ptr_array_index (themes, i);
      PdColour text = pd_colour_parse_or (pd_theme_get_text_color (theme), "#ff00ff");
      PdColour background = pd_colour_parse_or (pd_theme_get_background_color (theme), "#ff00ff");
      PdColour primary = pd_colour_parse_or (pd_theme_get_primary_color (theme), "#ff00ff");
      g_autoptr(GError) error = NULL;

      g_assert_true (pd_record_validate (PD_RECORD (theme), &error));
      g_assert_no_error (error);
      g_assert_cmpfloat (pd_colour_contrast_ratio (&text, &background), >=, PD_CONTRAST_MIN_TEXT);
      g_assert_cmpfloat (pd_colour_contrast_ratio (&primary, &background), >=, PD_CONTRAST_MIN_TEXT);
    }
}

static void
test_colour_dark_palette (void)
{
  g_autoptr(GPtrArray) themes = pd_starter_themes_new ();

  /* The dark variant of every starter theme keeps text readable. */
  for (guint i = 0; i < themes->len; i++)
    {
      PdDonorPalette light, dark;

      pd_donor_palette_init (&light, g_ptr_array_index (themes, i), FALSE);
      pd_donor_palette_init (&dark, g_ptr_array_index (themes, i), TRUE);
      g_assert_cmpfloat (pd_colour_relative_luminance (&dark.background), <, 0.05);
      g_assert_cmpfloat (pd_colour_contrast_ratio (&dark.text, &dark.background), >=, 7.0);
      g_assert_cmpfloat (pd_colour_contrast_ratio (&dark.on_primary, &dark.primary), >=, 3.0);
      g_assert_cmpfloat (pd_colour_contrast_ratio (&light.text, &light.background), >=, 4.5);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/colour/parse", test_colour_parse);
  g_test_add_func ("/colour/parse-errors", test_colour_parse_errors);
  g_test_add_func ("/colour/luminance", test_colour_luminance);
  g_test_add_func ("/colour/mix-and-ensure", test_colour_mix_and_ensure);
  g_test_add_func ("/colour/starter-themes", test_colour_starter_themes);
  g_test_add_func ("/colour/dark-palette", test_colour_dark_palette);

  return g_test_run ();
}
