/* pd-validation.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-validation"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pd-validation.h"

G_DEFINE_QUARK (pd-validation-error-quark, pd_validation_error)

gboolean
pd_validate_name (const char  *value,
                  const char  *field_label,
                  GError     **error)
{
  g_autofree char *stripped = NULL;

  g_return_val_if_fail (field_label != NULL, FALSE);

  if (value == NULL || !g_utf8_validate (value, -1, NULL))
    {
      g_set_error (error, PD_VALIDATION_ERROR, PD_VALIDATION_ERROR_REQUIRED,
                   _("%s must not be empty."), field_label);
      return FALSE;
    }

  stripped = g_strstrip (g_strdup (value));
  if (*stripped == '\0')
    {
      g_set_error (error, PD_VALIDATION_ERROR, PD_VALIDATION_ERROR_REQUIRED,
                   _("%s must not be empty."), field_label);
      return FALSE;
    }

  if (g_utf8_strlen (value, -1) > PD_NAME_MAX_CHARS)
    {
      g_set_error (error, PD_VALIDATION_ERROR, PD_VALIDATION_ERROR_TOO_LONG,
                   _("%s must not be longer than %d characters."),
                   field_label, PD_NAME_MAX_CHARS);
      return FALSE;
    }

  return TRUE;
}

gboolean
pd_is_valid_color (const char *value)
{
  if (value == NULL || value[0] != '#' || strlen (value) != 7)
    return FALSE;

  for (guint i = 1; i < 7; i++)
    if (!g_ascii_isxdigit (value[i]))
      return FALSE;

  return TRUE;
}

gboolean
pd_validate_color (const char  *value,
                   const char  *field_label,
                   GError     **error)
{
  if (!pd_is_valid_color (value))
    {
      g_set_error (error, PD_VALIDATION_ERROR, PD_VALIDATION_ERROR_COLOR,
                   _("%s must be a colour like #1a5fb4."), field_label);
      return FALSE;
    }
  return TRUE;
}

gboolean
pd_validate_not_negative (gint64       value,
                          const char  *field_label,
                          GError     **error)
{
  if (value < 0)
    {
      g_set_error (error, PD_VALIDATION_ERROR, PD_VALIDATION_ERROR_NEGATIVE,
                   _("%s must not be negative."), field_label);
      return FALSE;
    }
  return TRUE;
}

gboolean
pd_validate_money (gint64       coins,
                   gint64       coin_value_micros,
                   gint64      *total_micros,
                   const char  *field_label,
                   GError     **error)
{
  gint64 micros;

  if (__builtin_mul_overflow (coins, coin_value_micros, &micros) ||
      (total_micros != NULL && __builtin_add_overflow (*total_micros, micros, total_micros)))
    {
      /* TRANSLATORS: %s is what is too large, e.g. "The voucher budget" */
      g_set_error (error, PD_VALIDATION_ERROR, PD_VALIDATION_ERROR_OUT_OF_RANGE,
                   _("%s is too large: at this coin value it would be worth more money than the app can count. Choose a smaller number or a smaller coin value."),
                   field_label);
      return FALSE;
    }
  return TRUE;
}

gboolean
pd_is_valid_uuid (const char *value)
{
  if (value == NULL || strlen (value) != 36)
    return FALSE;

  for (guint i = 0; i < 36; i++)
    {
      gboolean dash = (i == 8 || i == 13 || i == 18 || i == 23);

      if (dash ? value[i] != '-' : !g_ascii_isxdigit (value[i]))
        return FALSE;
    }
  return TRUE;
}

gboolean
pd_is_valid_sha256 (const char *value)
{
  if (value == NULL || strlen (value) != 64)
    return FALSE;

  for (guint i = 0; i < 64; i++)
    if (!g_ascii_isxdigit (value[i]) || g_ascii_isupper (value[i]))
      return FALSE;

  return TRUE;
}

gboolean
pd_is_valid_currency (const char *value)
{
  return value != NULL && strlen (value) == 3 &&
         g_ascii_isupper (value[0]) && g_ascii_isupper (value[1]) &&
         g_ascii_isupper (value[2]);
}

char *
pd_uuid_new (void)
{
  return g_uuid_string_random ();
}
