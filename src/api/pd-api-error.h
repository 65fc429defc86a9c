/* pd-api-error.h: errors of the platform API
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define PD_API_ERROR (pd_api_error_quark ())

typedef enum {
  PD_API_ERROR_FAILED,
  PD_API_ERROR_INVALID_URL,
  PD_API_ERROR_INSECURE_URL,
  PD_API_ERROR_NETWORK,
  PD_API_ERROR_TLS,
  PD_API_ERROR_TIMEOUT,
  PD_API_ERROR_UNAUTHORIZED,
  PD_API_ERROR_FORBIDDEN,
  PD_API_ERROR_NOT_FOUND,
  PD_API_ERROR_INVALID_REQUEST,
  PD_API_ERROR_PRECONDITION_FAILED,
  PD_API_ERROR_PRECONDITION_REQUIRED,
  PD_API_ERROR_PAYLOAD_TOO_LARGE,
  PD_API_ERROR_VALIDATION,
  PD_API_ERROR_IDEMPOTENCY_KEY_REUSED,
  PD_API_ERROR_NOT_PUBLISHABLE,
  PD_API_ERROR_CURSOR_EXPIRED,
  PD_API_ERROR_RATE_LIMITED,
  PD_API_ERROR_UNAVAILABLE,
  PD_API_ERROR_SERVER,
  PD_API_ERROR_INVALID_RESPONSE,
  PD_API_ERROR_SLUG_LOCKED,
} PdApiErrorCode;

typedef struct {
  char *field;
  char *message;
} PdApiFieldError;

GQuark        pd_api_error_quark            (void);

guint         pd_api_error_get_status       (const GError *error);
const char   *pd_api_error_get_detail       (const GError *error);
gint64        pd_api_error_get_retry_after  (const GError *error);
JsonObject   *pd_api_error_get_current      (const GError *error);
GPtrArray    *pd_api_error_get_field_errors (const GError *error);

gboolean      pd_api_error_is_transient     (const GError *error);

/* The longest wait a Retry-After can ask for: a longer one (a typo on the
 * server, or a hostile one) would park every change for days. */
#define PD_API_RETRY_AFTER_MAX_MS (G_GINT64_CONSTANT (60 * 60 * 1000))

gint64        pd_api_parse_retry_after      (const char   *value,
                                             GDateTime    *now);

GError       *_pd_api_error_new_from_response (guint         status,
                                               const char   *content_type,
                                               const char   *retry_after,
                                               GBytes       *body);
GError       *_pd_api_error_new_invalid_response (const char *format,
                                                  ...) G_GNUC_PRINTF (1, 2);
GError       *_pd_api_error_new_from_transport (const GError *error);

G_END_DECLS
