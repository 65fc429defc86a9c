/* pd-voucher-export-pdf.c
 *
 * Printable voucher cards: A4 pages with two columns of five cards of
 * 85 × 54 mm (the size of a bank card, so they fit wallets), set edge to
 * edge so one cut serves two cards, with crop marks in the margins. Each
 * card shows the campaign's colours, logo and title, the value, the code
 * and its expiry, and a QR code of the redemption URL. Each QR code is a
 * tiny image (a pixel per module, with a white quiet zone so it scans
 * whatever the theme's background) marked not to be smoothed, so it
 * prints with sharp edges at any size: ten thousand cards take a few
 * seconds and a few megabytes, where vector modules took five times
 * more of both.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-voucher-export"

#include "config.h"

#include <string.h>

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <qrencode.h>

#include <glib/gi18n.h>

#include "pd-export-file.h"
#include "pd-money-format.h"
#include "pd-voucher-export-private.h"
#include "pd-voucher-rules.h"

#define MM(x) ((x) * 72.0 / 25.4)

#define PAGE_W      MM (210.0)
#define PAGE_H      MM (297.0)
#define CARD_W      MM (85.0)
#define CARD_H      MM (54.0)
#define COLUMNS     2
#define ROWS        5
#define MARGIN_X    ((PAGE_W - COLUMNS * CARD_W) / 2)
#define MARGIN_Y    ((PAGE_H - ROWS * CARD_H) / 2)
#define BAND_H      MM (12.0)
#define PAD         MM (4.0)
#define QR_SIZE     MM (30.0)
#define QUIET       4  /* modules of white around the symbol, as the standard asks */
/* Crop marks stop short of the cards so no mark shows on a cut card. */
#define MARK_GAP    MM (3.0)
#define MARK_LEN    MM (6.0)

typedef struct {
  cairo_t           *cr;
  cairo_surface_t   *logo;
  /* Looked up once: selecting a face by name asks fontconfig each time. */
  cairo_font_face_t *regular;
  cairo_font_face_t *bold;
  cairo_font_face_t *mono;
  char            *value_line;
  char            *money_line;
  char            *expiry_line;
  char            *redeem_line;
} CardContext;

static void
set_color (cairo_t                    *cr,
           const PdVoucherExportColor *color)
{
  cairo_set_source_rgb (cr, color->red, color->green, color->blue);
}

/* Shows @text at the current point, shrunk until it fits @max_width. */
static void
show_text_fitting (cairo_t    *cr,
                   const char *text,
                   double      size,
                   double      max_width)
{
  cairo_text_extents_t extents;

  cairo_set_font_size (cr, size);
  cairo_text_extents (cr, text, &extents);
  if (extents.x_advance > max_width && extents.x_advance > 0)
    cairo_set_font_size (cr, MAX (size * max_width / extents.x_advance, 3.0));
  cairo_show_text (cr, text);
}

static gboolean
draw_qr (cairo_t     *cr,
         const char  *url,
         double       x,
         double       y,
         GError     **error)
{
  QRcode *qr = QRcode_encodeString (url, 0, QR_ECLEVEL_M, QR_MODE_8, 1);

  if (qr == NULL)
    {
      g_set_error (error, PD_VOUCHER_EXPORT_ERROR, PD_VOUCHER_EXPORT_ERROR_QR,
                   _("Could not make a QR code for “%s”."), url);
      return FALSE;
    }

  {
    /* One pixel per module on a white quiet zone, scaled up without
     * smoothing: a small image is far cheaper for the PDF than hundreds
     * of rectangles per card. */
    int size = qr->width + 2 * QUIET;
    cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, size, size);
    guchar *data = cairo_image_surface_get_data (image);
    int stride = cairo_image_surface_get_stride (image);
    cairo_pattern_t *pattern;
    cairo_matrix_t matrix;

    cairo_surface_flush (image);
    for (int row = 0; row < size; row++)
      for (int col = 0; col < size; col++)
        {
          gboolean dark = row >= QUIET && row < QUIET + qr->width && col >= QUIET && col < QUIET + qr->width
                          && (qr->data[(row - QUIET) * qr->width + (col - QUIET)] & 1);

          *(guint32 *) (gpointer) (data + row * stride + col * 4) = dark ? 0x000000 : 0xffffff;
        }
    cairo_surface_mark_dirty (image);

    pattern = cairo_pattern_create_for_surface (image);
    cairo_pattern_set_filter (pattern, CAIRO_FILTER_NEAREST);
    cairo_matrix_init_scale (&matrix, size / QR_SIZE, size / QR_SIZE);
    cairo_matrix_translate (&matrix, -x, -y);
    cairo_pattern_set_matrix (pattern, &matrix);
    cairo_set_source (cr, pattern);
    cairo_rectangle (cr, x, y, QR_SIZE, QR_SIZE);
    cairo_fill (cr);
    cairo_pattern_destroy (pattern);
    cairo_surface_destroy (image);
  }

  QRcode_free (qr);
  return TRUE;
}

static gboolean
draw_card (PdVoucherExport  *self,
           CardContext      *ctx,
           const char       *code,
           double            x,
           double            y,
           GError          **error)
{
  cairo_t *cr = ctx->cr;
  g_autofree char *url = pd_voucher_export_redemption_url (self, code);
  double text_x = x + PAD;
  double text_w = CARD_W - 3 * PAD - QR_SIZE;
  double title_x = x + PAD;

  cairo_save (cr);
  cairo_rectangle (cr, x, y, CARD_W, CARD_H);
  cairo_clip (cr);

  set_color (cr, &self->background);
  cairo_paint (cr);
  set_color (cr, &self->primary);
  cairo_rectangle (cr, x, y, CARD_W, BAND_H);
  cairo_fill (cr);
  set_color (cr, &self->accent);
  cairo_rectangle (cr, x, y + BAND_H, CARD_W, MM (0.8));
  cairo_fill (cr);

  if (ctx->logo != NULL)
    {
      double lw = cairo_image_surface_get_width (ctx->logo);
      double lh = cairo_image_surface_get_height (ctx->logo);
      double scale = MIN (MM (8.0) / lh, MM (25.0) / lw);

      cairo_save (cr);
      cairo_translate (cr, x + PAD, y + (BAND_H - lh * scale) / 2);
      cairo_scale (cr, scale, scale);
      cairo_set_source_surface (cr, ctx->logo, 0, 0);
      cairo_paint (cr);
      cairo_restore (cr);
      title_x += lw * scale + MM (2.0);
    }

  if (self->title != NULL)
    {
      cairo_set_font_face (cr, ctx->bold);
      set_color (cr, &self->background);
      cairo_move_to (cr, title_x, y + BAND_H / 2 + MM (1.5));
      show_text_fitting (cr, self->title, 11.0, x + CARD_W - PAD - title_x);
    }

  set_color (cr, &self->text);
  cairo_set_font_face (cr, ctx->regular);
  cairo_move_to (cr, text_x, y + BAND_H + MM (6.0));
  show_text_fitting (cr, _("Donation voucher"), 8.0, text_w);

  cairo_set_font_face (cr, ctx->bold);
  cairo_move_to (cr, text_x, y + BAND_H + MM (13.0));
  show_text_fitting (cr, ctx->value_line, 16.0, text_w);

  cairo_set_font_face (cr, ctx->regular);
  cairo_move_to (cr, text_x, y + BAND_H + MM (18.0));
  show_text_fitting (cr, ctx->money_line, 8.0, text_w);

  cairo_set_font_face (cr, ctx->mono);
  cairo_move_to (cr, text_x, y + BAND_H + MM (26.0));
  show_text_fitting (cr, code, 11.0, text_w);

  cairo_set_font_face (cr, ctx->regular);
  cairo_move_to (cr, text_x, y + BAND_H + MM (31.0));
  show_text_fitting (cr, ctx->expiry_line, 6.5, text_w);
  cairo_move_to (cr, text_x, y + BAND_H + MM (35.5));
  show_text_fitting (cr, ctx->redeem_line, 6.5, text_w);

  if (!draw_qr (cr, url, x + CARD_W - PAD - QR_SIZE, y + BAND_H + MM (4.5), error))
    {
      cairo_restore (cr);
      return FALSE;
    }

  cairo_restore (cr);
  return TRUE;
}

static void
draw_crop_marks (cairo_t *cr)
{
  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_line_width (cr, 0.3);

  for (int c = 0; c <= COLUMNS; c++)
    {
      double x = MARGIN_X + c * CARD_W;

      cairo_move_to (cr, x, MARGIN_Y - MARK_GAP);
      cairo_line_to (cr, x, MARGIN_Y - MARK_GAP - MARK_LEN);
      cairo_move_to (cr, x, PAGE_H - MARGIN_Y + MARK_GAP);
      cairo_line_to (cr, x, PAGE_H - MARGIN_Y + MARK_GAP + MARK_LEN);
    }
  for (int r = 0; r <= ROWS; r++)
    {
      double y = MARGIN_Y + r * CARD_H;

      cairo_move_to (cr, MARGIN_X - MARK_GAP, y);
      cairo_line_to (cr, MARGIN_X - MARK_GAP - MARK_LEN, y);
      cairo_move_to (cr, PAGE_W - MARGIN_X + MARK_GAP, y);
      cairo_line_to (cr, PAGE_W - MARGIN_X + MARK_GAP + MARK_LEN, y);
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

static gboolean
prepare_lines (PdVoucherExport  *self,
               CardContext      *ctx,
               GError          **error)
{
  g_autofree char *money = NULL;
  g_autofree char *coins = NULL;
  g_autofree char *date = NULL;
  g_autofree char *host = NULL;
  const char *scheme_end;
  gint64 micros;

  if (!pd_voucher_rules_value_micros (self->coins_per_voucher, self->coin_value_micros, &micros))
    {
      g_set_error_literal (error, PD_VOUCHER_EXPORT_ERROR, PD_VOUCHER_EXPORT_ERROR_VALUE,
                           _("The value of a voucher is too large to write down."));
      return FALSE;
    }

  coins = g_strdup_printf ("%'" G_GINT64_FORMAT, self->coins_per_voucher);
  /* TRANSLATORS: the value of a voucher in coins */
  ctx->value_line = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s coin", "%s coins",
                                                  (gulong) MIN (self->coins_per_voucher, G_MAXLONG)),
                                     coins);
  money = pd_money_format_display (micros, self->currency);
  /* TRANSLATORS: the money value of a voucher's coins, e.g. "worth 5.00 EUR" */
  ctx->money_line = g_strdup_printf (_("worth %s"), money);
  /* TRANSLATORS: a date format for g_date_time_format(), as on the cards */
  date = g_date_time_format (self->expires_at, C_("voucher expiry date", "%Y-%m-%d"));
  ctx->expiry_line = g_strdup_printf (_("Valid until %s"), date);
  scheme_end = strstr (self->donor_page_url, "://");
  host = g_strdup (scheme_end != NULL ? scheme_end + 3 : self->donor_page_url);
  ctx->redeem_line = g_strdup_printf (_("Redeem at %s"), host);
  return TRUE;
}

/* Scalable logos (SVG) are rendered to fit 600 × 200 pixels: about
 * 600 dpi at the size they are printed. */
static void
on_logo_size_prepared_cb (GdkPixbufLoader *loader,
                          int              width,
                          int              height,
                          gpointer         user_data)
{
  GdkPixbufFormat *format = gdk_pixbuf_loader_get_format (loader);
  double scale;

  if (width <= 0 || height <= 0 || format == NULL || !gdk_pixbuf_format_is_scalable (format))
    return;
  scale = MIN (600.0 / width, 200.0 / height);
  gdk_pixbuf_loader_set_size (loader, MAX (1, (int) (width * scale)), MAX (1, (int) (height * scale)));
}

/* Loads any image gdk-pixbuf reads (SVG, PNG, JPEG, …) into a cairo
 * surface; SVG is rendered at about 600 dpi for the logo's printed size. */
static cairo_surface_t *
load_logo (const char  *path,
           GError     **error)
{
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) local_error = NULL;
  cairo_surface_t *surface;
  int width, height, src_stride, dst_stride, channels;
  const guchar *src;
  guchar *dst;

  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  g_autofree char *contents = NULL;
  gsize length = 0;

  /* A loader rather than gdk_pixbuf_new_from_file_at_scale(): that one
   * complains loudly about an image without a size (an empty SVG), and a
   * bad file must only fail. */
  g_signal_connect (loader, "size-prepared", G_CALLBACK (on_logo_size_prepared_cb), NULL);
  if (g_file_get_contents (path, &contents, &length, &local_error)
      && gdk_pixbuf_loader_write (loader, (const guchar *) contents, length, &local_error)
      && gdk_pixbuf_loader_close (loader, &local_error))
    {
      pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
      if (pixbuf != NULL && gdk_pixbuf_get_width (pixbuf) > 0 && gdk_pixbuf_get_height (pixbuf) > 0)
        g_object_ref (pixbuf);
      else
        {
          pixbuf = NULL;
          g_set_error_literal (&local_error, GDK_PIXBUF_ERROR, GDK_PIXBUF_ERROR_UNKNOWN_TYPE,
                               _("This is not an image."));
        }
    }
  else
    gdk_pixbuf_loader_close (loader, NULL);

  if (pixbuf == NULL)
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, PD_VOUCHER_EXPORT_ERROR, PD_VOUCHER_EXPORT_ERROR_LOGO,
                   _("Could not read the logo “%s”: %s"), display, local_error->message);
      return NULL;
    }

  width = gdk_pixbuf_get_width (pixbuf);
  height = gdk_pixbuf_get_height (pixbuf);
  channels = gdk_pixbuf_get_n_channels (pixbuf);
  src_stride = gdk_pixbuf_get_rowstride (pixbuf);
  src = gdk_pixbuf_read_pixels (pixbuf);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  dst = cairo_image_surface_get_data (surface);
  dst_stride = cairo_image_surface_get_stride (surface);

  /* RGB(A) bytes to native-endian premultiplied ARGB words. */
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        const guchar *p = src + y * src_stride + x * channels;
        guint a = channels == 4 ? p[3] : 255;
        guint32 *q = (guint32 *) (gpointer) (dst + y * dst_stride + x * 4);

        *q = (a << 24) | ((p[0] * a / 255) << 16) | ((p[1] * a / 255) << 8) | (p[2] * a / 255);
      }
  cairo_surface_mark_dirty (surface);
  return surface;
}

gboolean
_pd_voucher_export_write_pdf (PdVoucherExport  *self,
                              GFile            *file,
                              PdProgressRelay  *relay,
                              GCancellable     *cancellable,
                              GError          **error)
{
  g_autoptr(PdExportFile) out = NULL;
  const PdVoucherCodeValue *values = (const PdVoucherCodeValue *) (gconstpointer) self->codes->data;
  guint n = self->codes->len;
  CardContext ctx = { 0 };
  cairo_surface_t *surface;
  cairo_status_t status;
  gboolean ok = TRUE;

  if (!prepare_lines (self, &ctx, error))
    return FALSE;

  if (self->logo_path != NULL)
    {
      ctx.logo = load_logo (self->logo_path, error);
      ok = ctx.logo != NULL;
    }

  if (ok)
    out = pd_export_file_open (file, error);
  if (out == NULL)
    ok = FALSE;

  if (ok)
    {
      surface = pd_export_file_create_pdf (out, PAGE_W, PAGE_H, self->title);
      ctx.cr = cairo_create (surface);
      ctx.regular = cairo_toy_font_face_create (self->font_family, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
      ctx.bold = cairo_toy_font_face_create (self->font_family, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
      ctx.mono = cairo_toy_font_face_create ("Monospace", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);

      for (guint i = 0; i < n && ok; i++)
        {
          char code[PD_VOUCHER_CODE_LENGTH + 1];
          guint slot = i % PD_VOUCHER_EXPORT_CARDS_PER_PAGE;

          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            {
              ok = FALSE;
              break;
            }
          pd_voucher_code_format (&values[i], code);
          ok = draw_card (self, &ctx, code,
                          MARGIN_X + (slot % COLUMNS) * CARD_W,
                          MARGIN_Y + (slot / COLUMNS) * CARD_H, error);
          if (slot == PD_VOUCHER_EXPORT_CARDS_PER_PAGE - 1 || i == n - 1)
            {
              draw_crop_marks (ctx.cr);
              cairo_show_page (ctx.cr);
            }
          pd_progress_relay_report (relay, i + 1, n);
        }

      cairo_destroy (ctx.cr);
      cairo_font_face_destroy (ctx.regular);
      cairo_font_face_destroy (ctx.bold);
      cairo_font_face_destroy (ctx.mono);
      status = pd_export_file_finish_pdf (surface);
      if (ok && status != CAIRO_STATUS_SUCCESS)
        {
          g_set_error (error, PD_VOUCHER_EXPORT_ERROR, PD_VOUCHER_EXPORT_ERROR_WRITE,
                       _("Could not write the cards: %s"), cairo_status_to_string (status));
          ok = FALSE;
        }
      if (ok)
        ok = pd_export_file_commit (out, error);
    }

  g_clear_pointer (&ctx.logo, cairo_surface_destroy);
  g_free (ctx.value_line);
  g_free (ctx.money_line);
  g_free (ctx.expiry_line);
  g_free (ctx.redeem_line);
  return ok;
}
