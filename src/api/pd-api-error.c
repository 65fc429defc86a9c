/* pd-api-error.c: errors of the platform API
 *
 * Every failure of a request becomes a PD_API_ERROR with a translated
 * message for the user; what the sync engine needs to act on (the HTTP
 * status, Retry-After, the server's current record after a 412, the field
 * errors of a 422) travels in the error's private data so that callers never
 * parse messages.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-api"

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "pd-api-error.h"
#include "pd-clock.h"
#include "pd-json.h"

typedef struct {
  guint       status;
  char       *detail;
  gint64      retry_after_ms;
  JsonObject *current;
  GPtrArray  *field_errors;
} PdApiErrorPrivate;

static void
pd_api_field_error_free (gpointer data)
{
  PdApiFieldError *fe = data;

  g_free (fe->field);
  g_free (fe->message);
  g_free (fe);
}

static void
pd_api_error_private_init (PdApiErrorPrivate *priv)
{
  priv->retry_after_ms = -1;
}

static void
pd_api_error_private_copy (const PdApiErrorPrivate *src,
                           PdApiErrorPrivate       *dest)
{
  dest->status = src->status;
  dest->detail = g_strdup (src->detail);
  dest->retry_after_ms = src->retry_after_ms;
  dest->current = src->current != NULL ? json_object_ref (src->current) : NULL;
  if (src->field_errors != NULL)
    {
      dest->field_errors = g_ptr_array_new_with_free_func (pd_api_field_error_free);
      for (guint i = 0; i < src->field_errors->len; i++)
        {
          const PdApiFieldError *fe = g_ptr_array_index (src->field_errors, i);
          PdApiFieldError *copy = g_new0 (PdApiFieldError, 1);

          copy->field = g_strdup (fe->field);
          copy->message = g_strdup (fe->message);
          g_ptr_array_add (dest->field_errors, copy);
        }
    }
}

static void
pd_api_error_private_clear (PdApiErrorPrivate *priv)
{
  g_clear_pointer (&priv->detail, g_free);
  g_clear_pointer (&priv->current, json_object_unref);
  g_clear_pointer (&priv->field_errors, g_ptr_array_unref);
}

/* The generated wrappers look the private data up and cannot prove to
 * the compiler that it exists; GLib guarantees it for our own domain. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnull-dereference"
G_DEFINE_EXTENDED_ERROR (PdApiError, pd_api_error)
#pragma GCC diagnostic pop

guint
pd_api_error_get_status (const GError *error)
{
  PdApiErrorPrivate *priv;

  if (error == NULL || (priv = pd_api_error_get_private (error)) == NULL)
    return 0;
  return priv->status;
}

/**
 * pd_api_error_get_detail:
 *
 * Returns: (nullable): the server's own explanation, untranslated
 */
const char *
pd_api_error_get_detail (const GError *error)
{
  PdApiErrorPrivate *priv;

  if (error == NULL || (priv = pd_api_error_get_private (error)) == NULL)
    return NULL;
  return priv->detail;
}

/**
 * pd_api_error_get_retry_after:
 *
 * Returns: how many milliseconds the server asked us to wait, or -1
 */
gint64
pd_api_error_get_retry_after (const GError *error)
{
  PdApiErrorPrivate *priv;

  if (error == NULL || (priv = pd_api_error_get_private (error)) == NULL)
    return -1;
  return priv->retry_after_ms;
}

/**
 * pd_api_error_get_current:
 *
 * Returns: (transfer none) (nullable): the record as the server holds it,
 *   sent with a 412
 */
JsonObject *
pd_api_error_get_current (const GError *error)
{
  PdApiErrorPrivate *priv;

  if (error == NULL || (priv = pd_api_error_get_private (error)) == NULL)
    return NULL;
  return priv->current;
}

/**
 * pd_api_error_get_field_errors:
 *
 * Returns: (transfer none) (nullable) (element-type PdApiFieldError): the
 *   fields the server rejected
 */
GPtrArray *
pd_api_error_get_field_errors (const GError *error)
{
  PdApiErrorPrivate *priv;

  if (error == NULL || (priv = pd_api_error_get_private (error)) == NULL)
    return NULL;
  return priv->field_errors;
}

/* Errors worth retrying later with the same request unchanged. */
gboolean
pd_api_error_is_transient (const GError *error)
{
  if (error == NULL || error->domain != PD_API_ERROR)
    return FALSE;

  switch ((PdApiErrorCode) error->code)
    {
    case PD_API_ERROR_NETWORK:
    case PD_API_ERROR_TIMEOUT:
    case PD_API_ERROR_RATE_LIMITED:
    case PD_API_ERROR_UNAVAILABLE:
    case PD_API_ERROR_SERVER:
      return TRUE;
    default:
      return FALSE;
    }
}

/**
 * pd_api_parse_retry_after:
 * @value: (nullable): a Retry-After header
 * @now: (nullable): the time to measure an HTTP date against, or %NULL for now
 *
 * Retry-After is either a number of seconds or an HTTP date (RFC 9110).
 *
 * Returns: the wait in milliseconds (never negative, at most
 *   %PD_API_RETRY_AFTER_MAX_MS), or -1 when @value is missing or not
 *   understood
 */
gint64
pd_api_parse_retry_after (const char *value,
                          GDateTime  *now)
{
  g_autoptr(GDateTime) date = NULL;
  g_autoptr(GDateTime) local_now = NULL;
  g_autofree char *digits = NULL;
  const char *p;
  guint64 seconds;
  GTimeSpan diff;

  if (value == NULL)
    return -1;

  while (g_ascii_isspace (*value))
    value++;

  for (p = value; g_ascii_isdigit (*p); p++)
    ;
  if (p != value)
    {
      const char *end = p;

      while (g_ascii_isspace (*end))
        end++;
      if (*end == '\0')
        {
          digits = g_strndup (value, p - value);
          if (!g_ascii_string_to_unsigned (digits, 10, 0, G_MAXINT32, &seconds, NULL))
            return -1;
          return MIN ((gint64) seconds * 1000, PD_API_RETRY_AFTER_MAX_MS);
        }
    }

  date = soup_date_time_new_from_http_string (value);
  if (date == NULL)
    return -1;

  if (now == NULL)
    now = local_now = pd_now_utc ();

  diff = g_date_time_difference (date, now);
  return CLAMP ((diff + 999) / 1000, 0, PD_API_RETRY_AFTER_MAX_MS);
}

/* A member's text, or @fallback when it is missing or not text: a problem
 * body comes from the server and may hold anything where text belongs
 * ("type": 5), which json-glib's getters answer with NULL or a critical. */
static const char *
string_member (JsonObject *object,
               const char *name,
               const char *fallback)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return fallback;
  return json_node_get_string (node);
}

static const char *
problem_slug (JsonObject *problem)
{
  const char *type;
  const char *slash;

  if (problem == NULL)
    return "";
  type = string_member (problem, "type", "");
  slash = strrchr (type, '/');
  return slash != NULL ? slash + 1 : type;
}

static void
fill_field_errors (PdApiErrorPrivate *priv,
                   JsonObject        *problem)
{
  JsonNode *node = json_object_get_member (problem, "errors");
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return;

  array = json_node_get_array (node);
  priv->field_errors = g_ptr_array_new_with_free_func (pd_api_field_error_free);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      JsonObject *obj;
      PdApiFieldError *fe;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        continue;
      obj = json_node_get_object (item);
      fe = g_new0 (PdApiFieldError, 1);
      fe->field = g_strdup (string_member (obj, "field", ""));
      fe->message = g_strdup (string_member (obj, "message", ""));
      g_ptr_array_add (priv->field_errors, fe);
    }
}

/* Maps a failed HTTP answer (status >= 300) to a PD_API_ERROR. The body is
 * read as problem+json when it is one; anything else still gives a useful
 * error from the status alone. */
GError *
_pd_api_error_new_from_response (guint       status,
                                 const char *content_type,
                                 const char *retry_after,
                                 GBytes     *body)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *problem = NULL;
  PdApiErrorPrivate *priv;
  const char *slug;
  PdApiErrorCode code;
  const char *message;
  GError *error;

  if (body != NULL && g_bytes_get_size (body) > 0 && content_type != NULL &&
      (g_str_has_prefix (content_type, "application/problem+json") ||
       g_str_has_prefix (content_type, "application/json")))
    {
      gsize len;
      const char *data = g_bytes_get_data (body, &len);

      /* Strict and depth-limited, as every answer: this runs on the main
       * thread, where 200,000 "[" would overflow json-glib's stack. */
      root = pd_json_parse (data, len, NULL);
      if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
        problem = json_node_get_object (root);
    }

  slug = problem_slug (problem);

  switch (status)
    {
    case 401:
      code = PD_API_ERROR_UNAUTHORIZED;
      message = _("The platform did not accept your sign-in. Please sign in again.");
      break;
    case 403:
      code = PD_API_ERROR_FORBIDDEN;
      message = _("You are not allowed to change this on the platform.");
      break;
    case 404:
      code = PD_API_ERROR_NOT_FOUND;
      message = _("The platform does not know this item.");
      break;
    case 409:
      if (g_str_equal (slug, "slug-locked"))
        {
          code = PD_API_ERROR_SLUG_LOCKED;
          message = _("The platform keeps the web address of this campaign: its vouchers carry it, "
                      "and printed vouchers would stop working. Change the web address back to keep "
                      "your other changes.");
        }
      else
        {
          code = PD_API_ERROR_INVALID_REQUEST;
          message = _("The platform rejected the request.");
        }
      break;
    case 410:
      code = PD_API_ERROR_CURSOR_EXPIRED;
      message = _("The platform no longer has the changes since the last sync; everything is fetched again.");
      break;
    case 412:
      code = PD_API_ERROR_PRECONDITION_FAILED;
      message = _("Someone else changed this item on the platform in the meantime.");
      break;
    case 413:
      code = PD_API_ERROR_PAYLOAD_TOO_LARGE;
      message = _("This is too large for the platform.");
      break;
    case 422:
      if (g_str_equal (slug, "idempotency-key-reused"))
        {
          code = PD_API_ERROR_IDEMPOTENCY_KEY_REUSED;
          message = _("The platform received two different changes under the same key.");
        }
      else if (g_str_equal (slug, "not-publishable"))
        {
          code = PD_API_ERROR_NOT_PUBLISHABLE;
          message = _("The campaign cannot be published yet.");
        }
      else
        {
          code = PD_API_ERROR_VALIDATION;
          message = _("The platform rejected some of the values.");
        }
      break;
    case 428:
      code = PD_API_ERROR_PRECONDITION_REQUIRED;
      message = _("The platform refused a change that was not based on a known version.");
      break;
    case 429:
      code = PD_API_ERROR_RATE_LIMITED;
      message = _("The platform asked to slow down; sync continues shortly.");
      break;
    case 503:
      code = PD_API_ERROR_UNAVAILABLE;
      message = _("The platform is temporarily unavailable; sync continues shortly.");
      break;
    default:
      if (status >= 500)
        {
          code = PD_API_ERROR_SERVER;
          message = _("The platform had an internal error; sync tries again later.");
        }
      else if (status >= 400)
        {
          code = PD_API_ERROR_INVALID_REQUEST;
          message = _("The platform rejected the request.");
        }
      else
        {
          code = PD_API_ERROR_INVALID_RESPONSE;
          message = _("The platform sent an answer that was not understood.");
        }
      break;
    }

  error = g_error_new_literal (PD_API_ERROR, code, message);
  priv = pd_api_error_get_private (error);
  g_assert (priv != NULL);
  priv->status = status;
  if (problem != NULL)
    {
      priv->detail = g_strdup (string_member (problem, "detail", NULL));
      if (json_object_has_member (problem, "current") &&
          JSON_NODE_HOLDS_OBJECT (json_object_get_member (problem, "current")))
        priv->current = json_object_ref (json_object_get_object_member (problem, "current"));
      fill_field_errors (priv, problem);
    }

  if (status == 429 || status == 503)
    priv->retry_after_ms = pd_api_parse_retry_after (retry_after, NULL);

  return error;
}

GError *
_pd_api_error_new_invalid_response (const char *format,
                                    ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  /* Translators: %s says what was wrong, e.g. "field “name” is missing" */
  return g_error_new (PD_API_ERROR, PD_API_ERROR_INVALID_RESPONSE,
                      _("The platform sent an answer that was not understood: %s"),
                      what);
}

/* Errors from the transport (libsoup, GIO, GnuTLS) keep cancellation as
 * G_IO_ERROR_CANCELLED; everything else becomes network, timeout or TLS. */
GError *
_pd_api_error_new_from_transport (const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);

  if (error->domain == G_TLS_ERROR)
    return g_error_new (PD_API_ERROR, PD_API_ERROR_TLS,
                        _("The platform’s identity could not be verified (%s). The connection was not made."),
                        error->message);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return g_error_new_literal (PD_API_ERROR, PD_API_ERROR_TIMEOUT,
                                _("The platform did not answer in time."));

  return g_error_new (PD_API_ERROR, PD_API_ERROR_NETWORK,
                      _("The platform could not be reached: %s"),
                      error->message);
}
