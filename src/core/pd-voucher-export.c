/* pd-voucher-export.c
 *
 * Writes a batch's codes for distribution. Every row of a batch carries
 * the same coins, value, expiry and URL prefix, so the CSV writer formats
 * those once and each row is two copies of the code around that middle:
 * a million rows cost little more than writing the bytes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-voucher-export"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pd-export-file.h"
#include "pd-money-format.h"
#include "pd-voucher-export-private.h"
#include "pd-voucher-rules.h"

G_DEFINE_FINAL_TYPE (PdVoucherExport, pd_voucher_export, G_TYPE_OBJECT)

G_DEFINE_QUARK (pd-voucher-export-error-quark, pd_voucher_export_error)

enum {
  PROP_0,
  PROP_FRACTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef gboolean (*WriteFunc) (PdVoucherExport  *self,
                               GFile            *file,
                               PdProgressRelay  *relay,
                               GCancellable     *cancellable,
                               GError          **error);

typedef struct {
  GFile           *file;
  PdProgressRelay *relay;
  WriteFunc        write;
} WriteData;

static void
write_data_free (WriteData *data)
{
  g_clear_object (&data->file);
  g_clear_pointer (&data->relay, pd_progress_relay_unref);
  g_free (data);
}

static void
set_fraction (GObject *owner,
              double   fraction)
{
  PdVoucherExport *self = PD_VOUCHER_EXPORT (owner);

  if (self->fraction == fraction)
    return;
  self->fraction = fraction;
  g_object_notify_by_pspec (owner, properties[PROP_FRACTION]);
}

gboolean
_pd_voucher_export_parse_color (const char           *spec,
                                PdVoucherExportColor *color)
{
  guint rgb = 0;

  if (spec == NULL || strlen (spec) != 7 || spec[0] != '#')
    return FALSE;
  for (guint i = 1; i < 7; i++)
    {
      int digit = g_ascii_xdigit_value (spec[i]);

      if (digit < 0)
        return FALSE;
      rgb = (rgb << 4) | (guint) digit;
    }
  color->red = ((rgb >> 16) & 0xff) / 255.0;
  color->green = ((rgb >> 8) & 0xff) / 255.0;
  color->blue = (rgb & 0xff) / 255.0;
  return TRUE;
}

static gboolean
write_csv (PdVoucherExport  *self,
           GFile            *file,
           PdProgressRelay  *relay,
           GCancellable     *cancellable,
           GError          **error)
{
  g_autoptr(PdExportFile) out = NULL;
  g_autoptr(GString) middle = g_string_new (NULL);
  g_autofree char *value = NULL;
  g_autofree char *expires = NULL;
  g_autofree char *url_prefix = NULL;
  const PdVoucherCodeValue *values = (const PdVoucherCodeValue *) (gconstpointer) self->codes->data;
  gsize n = self->codes->len;
  gint64 micros;
  char row[1024];
  gsize middle_len;
  gboolean quote_url;
  FILE *stream;

  if (!pd_voucher_rules_value_micros (self->coins_per_voucher, self->coin_value_micros, &micros))
    {
      g_set_error_literal (error, PD_VOUCHER_EXPORT_ERROR, PD_VOUCHER_EXPORT_ERROR_VALUE,
                           _("The value of a voucher is too large to write down."));
      return FALSE;
    }
  value = pd_money_format_plain (micros, self->currency);
  expires = _pd_export_file_format_time (self->expires_at);
  url_prefix = g_strconcat (self->donor_page_url, "/redeem?code=", NULL);

  g_string_append_printf (middle, ",%" G_GINT64_FORMAT ",%s,%s,%s,", self->coins_per_voucher,
                          value, self->currency, expires);
  /* A URL with a comma or quote must be quoted (RFC 4180). */
  quote_url = strpbrk (url_prefix, ",\"\n") != NULL;
  if (quote_url)
    {
      g_autofree char *doubled = NULL;
      g_auto(GStrv) parts = g_strsplit (url_prefix, "\"", -1);

      doubled = g_strjoinv ("\"\"", parts);
      g_string_append_c (middle, '"');
      g_string_append (middle, doubled);
    }
  else
    g_string_append (middle, url_prefix);
  middle_len = middle->len;
  if (middle_len + 2 * PD_VOUCHER_CODE_LENGTH + 3 > sizeof row)
    {
      g_set_error_literal (error, PD_VOUCHER_EXPORT_ERROR, PD_VOUCHER_EXPORT_ERROR_VALUE,
                           _("The donor page address is too long."));
      return FALSE;
    }

  out = pd_export_file_open (file, error);
  if (out == NULL)
    return FALSE;
  stream = pd_export_file_stream (out);

  fputs ("code,coins,value,currency,expires_at,redemption_url\n", stream);
  for (gsize i = 0; i < n; i++)
    {
      gsize len = 0;

      pd_voucher_code_format (&values[i], row);
      len = PD_VOUCHER_CODE_LENGTH;
      memcpy (row + len, middle->str, middle_len);
      len += middle_len;
      memcpy (row + len, row, PD_VOUCHER_CODE_LENGTH);
      len += PD_VOUCHER_CODE_LENGTH;
      if (quote_url)
        row[len++] = '"';
      row[len++] = '\n';
      fwrite (row, 1, len, stream);

      if ((i & 0xffff) == 0xffff)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
          pd_progress_relay_report (relay, i + 1, n);
        }
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  return pd_export_file_commit (out, error);
}

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  WriteData *data = task_data;
  GError *error = NULL;

  if (!data->write (PD_VOUCHER_EXPORT (source_object), data->file, data->relay, cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  pd_progress_relay_report (data->relay, 1, 1);
  g_task_return_boolean (task, TRUE);
}

static void
on_write_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  PdVoucherExport *self = PD_VOUCHER_EXPORT (object);
  GError *error = NULL;

  self->running = FALSE;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (outer, error);
      return;
    }
  set_fraction (object, 1.0);
  g_task_return_boolean (outer, TRUE);
}

static void
start_write (PdVoucherExport     *self,
             GFile               *file,
             WriteFunc            write,
             gpointer             source_tag,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  g_autoptr(GTask) outer = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GTask) inner = NULL;
  WriteData *data;

  g_task_set_source_tag (outer, source_tag);
  if (self->running)
    {
      g_task_return_new_error (outer, G_IO_ERROR, G_IO_ERROR_PENDING,
                               _("An export of these vouchers is running already."));
      return;
    }
  self->running = TRUE;
  set_fraction (G_OBJECT (self), 0.0);

  data = g_new0 (WriteData, 1);
  data->file = g_object_ref (file);
  data->write = write;
  data->relay = pd_progress_relay_new (g_task_get_context (outer), G_OBJECT (self), set_fraction);

  inner = g_task_new (self, cancellable, on_write_done_cb, g_steal_pointer (&outer));
  g_task_set_source_tag (inner, write_thread);
  g_task_set_task_data (inner, data, (GDestroyNotify) write_data_free);
  g_task_run_in_thread (inner, write_thread);
}

static void
pd_voucher_export_finalize (GObject *object)
{
  PdVoucherExport *self = PD_VOUCHER_EXPORT (object);

  g_clear_pointer (&self->codes, g_array_unref);
  g_clear_pointer (&self->currency, g_free);
  g_clear_pointer (&self->expires_at, g_date_time_unref);
  g_clear_pointer (&self->donor_page_url, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->font_family, g_free);
  g_clear_pointer (&self->logo_path, g_free);

  G_OBJECT_CLASS (pd_voucher_export_parent_class)->finalize (object);
}

static void
pd_voucher_export_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  PdVoucherExport *self = PD_VOUCHER_EXPORT (object);

  switch (prop_id)
    {
    case PROP_FRACTION:
      g_value_set_double (value, self->fraction);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_voucher_export_class_init (PdVoucherExportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pd_voucher_export_finalize;
  object_class->get_property = pd_voucher_export_get_property;

  /* Progress of the running export, 0..1, changed on the main loop. */
  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL,
                         0.0, 1.0, 0.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pd_voucher_export_init (PdVoucherExport *self)
{
  /* A neutral look until the campaign's theme is set. */
  _pd_voucher_export_parse_color ("#1c71d8", &self->primary);
  _pd_voucher_export_parse_color ("#e5a50a", &self->accent);
  _pd_voucher_export_parse_color ("#ffffff", &self->background);
  _pd_voucher_export_parse_color ("#241f31", &self->text);
  self->font_family = g_strdup ("Sans");
}

/**
 * pd_voucher_export_new:
 * @codes: a #GArray of #PdVoucherCodeValue, as the generator returns it
 * @coin_value_micros: the value of one coin in millionths of @currency
 * @donor_page_url: the campaign's donor page, e.g. "https://give.example.org/xmas"
 *
 * Returns: (transfer full): an export of @codes
 */
PdVoucherExport *
pd_voucher_export_new (GArray     *codes,
                       gint64      coins_per_voucher,
                       gint64      coin_value_micros,
                       const char *currency,
                       GDateTime  *expires_at,
                       const char *donor_page_url)
{
  PdVoucherExport *self;

  g_return_val_if_fail (codes != NULL, NULL);
  g_return_val_if_fail (g_array_get_element_size (codes) == sizeof (PdVoucherCodeValue), NULL);
  g_return_val_if_fail (coins_per_voucher > 0, NULL);
  g_return_val_if_fail (coin_value_micros > 0, NULL);
  g_return_val_if_fail (currency != NULL, NULL);
  g_return_val_if_fail (expires_at != NULL, NULL);
  g_return_val_if_fail (donor_page_url != NULL, NULL);

  self = g_object_new (PD_TYPE_VOUCHER_EXPORT, NULL);
  self->codes = g_array_ref (codes);
  self->coins_per_voucher = coins_per_voucher;
  self->coin_value_micros = coin_value_micros;
  self->currency = g_strdup (currency);
  self->expires_at = g_date_time_ref (expires_at);
  self->donor_page_url = g_strdup (donor_page_url);
  while (*self->donor_page_url != '\0' && g_str_has_suffix (self->donor_page_url, "/"))
    self->donor_page_url[strlen (self->donor_page_url) - 1] = '\0';
  return self;
}

double
pd_voucher_export_get_fraction (PdVoucherExport *self)
{
  g_return_val_if_fail (PD_IS_VOUCHER_EXPORT (self), 0.0);

  return self->fraction;
}

guint
pd_voucher_export_get_n_codes (PdVoucherExport *self)
{
  g_return_val_if_fail (PD_IS_VOUCHER_EXPORT (self), 0);

  return self->codes->len;
}

/**
 * pd_voucher_export_redemption_url:
 * @code: a code in its written form (letters, digits, hyphens: nothing
 *   that needs escaping in a query)
 *
 * Returns: (transfer full): where a donor redeems @code
 */
char *
pd_voucher_export_redemption_url (PdVoucherExport *self,
                                  const char      *code)
{
  g_return_val_if_fail (PD_IS_VOUCHER_EXPORT (self), NULL);
  g_return_val_if_fail (code != NULL, NULL);

  return g_strconcat (self->donor_page_url, "/redeem?code=", code, NULL);
}

void
pd_voucher_export_set_title (PdVoucherExport *self,
                             const char      *title)
{
  g_return_if_fail (PD_IS_VOUCHER_EXPORT (self));
  g_return_if_fail (!self->running);

  g_free (self->title);
  self->title = g_strdup (title);
}

/**
 * pd_voucher_export_set_colors:
 *
 * Sets the theme's colours, each "#rrggbb".
 *
 * Returns: %FALSE, changing nothing, if one of them is not a colour
 */
gboolean
pd_voucher_export_set_colors (PdVoucherExport *self,
                              const char      *primary,
                              const char      *accent,
                              const char      *background,
                              const char      *text)
{
  PdVoucherExportColor c[4];

  g_return_val_if_fail (PD_IS_VOUCHER_EXPORT (self), FALSE);
  g_return_val_if_fail (!self->running, FALSE);

  if (!_pd_voucher_export_parse_color (primary, &c[0])
      || !_pd_voucher_export_parse_color (accent, &c[1])
      || !_pd_voucher_export_parse_color (background, &c[2])
      || !_pd_voucher_export_parse_color (text, &c[3]))
    return FALSE;

  self->primary = c[0];
  self->accent = c[1];
  self->background = c[2];
  self->text = c[3];
  return TRUE;
}

void
pd_voucher_export_set_font_family (PdVoucherExport *self,
                                   const char      *font_family)
{
  g_return_if_fail (PD_IS_VOUCHER_EXPORT (self));
  g_return_if_fail (!self->running);

  g_free (self->font_family);
  self->font_family = g_strdup (font_family != NULL && *font_family != '\0' ? font_family : "Sans");
}

/**
 * pd_voucher_export_set_logo_file:
 * @logo_path: (nullable): the theme's logo: an SVG, PNG or JPEG file
 */
void
pd_voucher_export_set_logo_file (PdVoucherExport *self,
                                 const char      *logo_path)
{
  g_return_if_fail (PD_IS_VOUCHER_EXPORT (self));
  g_return_if_fail (!self->running);

  g_free (self->logo_path);
  self->logo_path = g_strdup (logo_path);
}

/**
 * pd_voucher_export_write_csv_async:
 *
 * Writes one row per code: code, coins, value, currency, expiry (ISO
 * 8601) and redemption URL. @file appears only once it is complete.
 */
void
pd_voucher_export_write_csv_async (PdVoucherExport     *self,
                                   GFile               *file,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (PD_IS_VOUCHER_EXPORT (self));
  g_return_if_fail (G_IS_FILE (file));

  start_write (self, file, write_csv, pd_voucher_export_write_csv_async,
               cancellable, callback, user_data);
}

gboolean
pd_voucher_export_write_csv_finish (PdVoucherExport  *self,
                                    GAsyncResult     *result,
                                    GError          **error)
{
  g_return_val_if_fail (PD_IS_VOUCHER_EXPORT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * pd_voucher_export_write_pdf_async:
 *
 * Writes printable A4 pages of cards, each with the campaign's colours
 * and logo, the code, its value and expiry and a QR code of its
 * redemption URL, with crop marks. @file appears only once it is complete.
 */
void
pd_voucher_export_write_pdf_async (PdVoucherExport     *self,
                                   GFile               *file,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (PD_IS_VOUCHER_EXPORT (self));
  g_return_if_fail (G_IS_FILE (file));

  start_write (self, file, _pd_voucher_export_write_pdf, pd_voucher_export_write_pdf_async,
               cancellable, callback, user_data);
}

gboolean
pd_voucher_export_write_pdf_finish (PdVoucherExport  *self,
                                    GAsyncResult     *result,
                                    GError          **error)
{
  g_return_val_if_fail (PD_IS_VOUCHER_EXPORT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
