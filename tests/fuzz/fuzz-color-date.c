/* fuzz-color-date.c: colours, dates and identifiers as they come in JSON,
 * CSV and forms
 *
 * Besides "no crash, no leak": the boolean and the GError forms of the
 * colour check agree, a colour typed in the theme editor that parses
 * prints as a valid colour that parses to the same colour, and a date that
 * parses formats to text that parses to the same instant.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pd-fuzz.h"

#include "pd-colour.h"
#include "pd-json.h"
#include "pd-validation.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = pd_fuzz_strndup (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(GDateTime) date_time = NULL;
  gboolean valid;

  valid = pd_is_valid_color (text);
  g_assert_true (valid == pd_validate_color (text, "Colour", &error));
  g_assert_true (valid == (error == NULL));
  g_clear_error (&error);

  pd_is_valid_uuid (text);
  pd_is_valid_sha256 (text);
  pd_is_valid_currency (text);
  pd_validate_name (text, "Name", NULL);

  if (!g_utf8_validate (text, -1, NULL))
    return 0;

  /* Typed text, so always UTF-8, as the entry hands it over. */
  {
    PdColour colour, again;
    g_autofree char *printed = NULL;

    if (pd_colour_parse (text, &colour, &error))
      {
        printed = pd_colour_to_string (&colour);
        g_assert_true (pd_is_valid_color (printed));
        g_assert_true (pd_colour_parse (printed, &again, NULL));
        g_assert_true (colour.red == again.red && colour.green == again.green && colour.blue == again.blue);
      }
    else
      {
        g_assert_nonnull (error);
        g_assert_true (g_utf8_validate (error->message, -1, NULL));
      }
    g_clear_error (&error);
  }

  json_object_set_string_member (object, "starts_at", text);
  if (pd_json_read_date_time (object, "starts_at", FALSE, &date_time, &error))
    {
      g_autofree char *formatted = NULL;
      g_autoptr(JsonObject) again = json_object_new ();
      g_autoptr(GDateTime) reparsed = NULL;

      g_assert_nonnull (date_time);
      formatted = pd_json_format_date_time (date_time);
      g_assert_nonnull (formatted);
      json_object_set_string_member (again, "starts_at", formatted);
      g_assert_true (pd_json_read_date_time (again, "starts_at", FALSE, &reparsed, NULL));
      /* Formatting keeps whole seconds. */
      g_assert_cmpint (g_date_time_to_unix (reparsed), ==, g_date_time_to_unix (date_time));
    }
  else
    {
      g_assert_nonnull (error);
      g_assert_null (date_time);
    }

  return 0;
}
