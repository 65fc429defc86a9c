/* pd-voucher-export-pdf.c
 *
 * Printable voucher cards: A4 pages with two columns of five cards of
 * 85 × 54 mm (the size of a bank card, so they fit wallets), set edge to
 * edge so one cut serves two cards, with crop marks in the margins. Each
 * card shows the campaign's colours, logo and title, the value, the code
 * and its expiry, and a QR code of the redemption URL. QR modules are
 * drawn as vector runs on a white quiet zone, so they scan however the
 * printer scales them and whatever the theme's background colour.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-voucher-export"

#include "config.h"

#include <string.h>

#include <cairo-pdf.h>
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
  cairo_t         *cr;
  cairo_surface_t *logo;
  char            *value_line;
  char            *money_line;
  char            *expiry_line;
  char            *redeem_line;
} CardContext;

static cairo_status_t
write_stream_cb (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  FILE *stream = closure;

  return fwrite (data, 1, length, stream) == length ? CAIRO_STATUS_SUCCESS
                                                    : CAIRO_STATUS_WRITE_ERROR;
}

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
  double module;

  if (qr == NULL)
    {
      g_set_error (error, PD_VOUCHER_EXPORT_ERROR, PD_VOUCHER_EXPORT_ERROR_QR,
                   _("Could not make a QR code for “%s”."), url);
      return FALSE;
    }

  module = QR_SIZE / (qr->width + 2 * QUIET);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, x, y, QR_SIZE, QR_SIZE);
  cairo_fill (cr);

  /* One rectangle per horizontal run of dark modules keeps files small. */
  cairo_set_source_rgb (cr, 0, 0, 0);
  for (int row = 0; row < qr->width; row++)
    {
      int col = 0;

      while (col < qr->width)
        {
          int start;

          if (!(qr->data[row * qr->width + col] & 1))
            {
              col++;
              continue;
            }
          start = col;
          while (col < qr->width && (qr->data[row * qr->width + col] & 1))
            col++;
          cairo_rectangle (cr, x + (QUIET + start) * module, y + (QUIET + row) * module,
                           (col - start) * module, module);
        }
    }
  cairo_fill (cr);

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
      cairo_select_font_face (cr, self->font_family, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
      set_color (cr, &self->background);
      cairo_move_to (cr, title_x, y + BAND_H / 2 + MM (1.5));
      show_text_fitting (cr, self->title, 11.0, x + CARD_W - PAD - title_x);
    }

  set_color (cr, &self->text);
  cairo_select_font_face (cr, self->font_family, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_move_to (cr, text_x, y + BAND_H + MM (6.0));
  show_text_fitting (cr, _("Donation voucher"), 8.0, text_w);

  cairo_select_font_face (cr, self->font_family, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
  cairo_move_to (cr, text_x, y + BAND_H + MM (13.0));
  show_text_fitting (cr, ctx->value_line, 16.0, text_w);

  cairo_select_font_face (cr, self->font_family, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_move_to (cr, text_x, y + BAND_H + MM (18.0));
  show_text_fitting (cr, ctx->money_line, 8.0, text_w);

  cairo_select_font_face (cr, "Monospace", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
  cairo_move_to (cr, text_x, y + BAND_H + MM (26.0));
  show_text_fitting (cr, code, 11.0, text_w);

  cairo_select_font_face (cr, self->font_family, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
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

  coins = g_strdup_printf ("%" G_GINT64_FORMAT, self->coins_per_voucher);
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
      ctx.logo = cairo_image_surface_create_from_png (self->logo_path);
      if (cairo_surface_status (ctx.logo) != CAIRO_STATUS_SUCCESS)
        {
          g_autofree char *display = g_filename_display_name (self->logo_path);

          g_set_error (error, PD_VOUCHER_EXPORT_ERROR, PD_VOUCHER_EXPORT_ERROR_LOGO,
                       _("Could not read the logo “%s”: %s"), display,
                       cairo_status_to_string (cairo_surface_status (ctx.logo)));
          ok = FALSE;
        }
    }

  if (ok)
    out = pd_export_file_open (file, error);
  if (out == NULL)
    ok = FALSE;

  if (ok)
    {
      surface = cairo_pdf_surface_create_for_stream (write_stream_cb, pd_export_file_stream (out),
                                                     PAGE_W, PAGE_H);
      if (self->title != NULL)
        cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, self->title);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Particulate Designer");
      ctx.cr = cairo_create (surface);

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
      cairo_surface_finish (surface);
      status = cairo_surface_status (surface);
      cairo_surface_destroy (surface);
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
