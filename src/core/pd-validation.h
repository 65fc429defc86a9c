/* pd-validation.h: the rules a record must satisfy before it is stored
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PD_VALIDATION_ERROR (pd_validation_error_quark ())

typedef enum {
  PD_VALIDATION_ERROR_REQUIRED,      /* a required value is empty or missing */
  PD_VALIDATION_ERROR_TOO_LONG,      /* a name is longer than 200 characters */
  PD_VALIDATION_ERROR_PERIOD,        /* the end is not after the start */
  PD_VALIDATION_ERROR_COIN_VALUE,    /* coin value is not > 0 */
  PD_VALIDATION_ERROR_NEGATIVE,      /* a target, budget or count is < 0 */
  PD_VALIDATION_ERROR_COLOR,         /* not a #rrggbb colour */
  PD_VALIDATION_ERROR_LANGUAGE,      /* no text in the default language */
  PD_VALIDATION_ERROR_OUT_OF_RANGE,  /* e.g. corner radius outside 0–48 */
  PD_VALIDATION_ERROR_INVALID,       /* malformed value: id, currency, time zone, sha256 … */
  PD_VALIDATION_ERROR_MISSING_FIELD, /* JSON: a required field is absent */
  PD_VALIDATION_ERROR_WRONG_TYPE,    /* JSON: a field has the wrong type */
} PdValidationError;

#define PD_NAME_MAX_CHARS 200

GQuark   pd_validation_error_quark (void);

/* Each helper sets a translated message naming @field_label (already
 * translated, e.g. _("Name")). */
gboolean pd_validate_name     (const char *value,
                               const char *field_label,
                               GError    **error);
gboolean pd_validate_color    (const char *value,
                               const char *field_label,
                               GError    **error);
gboolean pd_validate_not_negative (gint64      value,
                                   const char *field_label,
                                   GError    **error);
/* That @coins coins at @coin_value_micros each are an amount of money
 * that fits into 64 bits of micros, and so does @total_micros (if not
 * %NULL) once that amount is added to it. */
gboolean pd_validate_money    (gint64      coins,
                               gint64      coin_value_micros,
                               gint64     *total_micros,
                               const char *field_label,
                               GError    **error);

gboolean pd_is_valid_color    (const char *value);
gboolean pd_is_valid_uuid     (const char *value);
gboolean pd_is_valid_sha256   (const char *value);
gboolean pd_is_valid_currency (const char *value);

/* A new random (version 4) UUID, lower case. */
char    *pd_uuid_new          (void);

G_END_DECLS
