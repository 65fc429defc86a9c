/* pd-results-export-pdf.c
 *
 * The results as an A4 report to send on: summary, each project's
 * progress to its target, redemptions per day as a bar chart, and the
 * payouts due. Everything flows down the page and breaks onto a new page
 * when the next line would not fit, so a campaign with hundreds of
 * projects still prints whole.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-results-export"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-export-file.h"
#include "pd-money-format.h"
#include "pd-percent-format.h"
#include "pd-results-export-private.h"
#include "pd-voucher-export.h"
#include "pd-voucher-rules.h"

#define MM(x) ((x) * 72.0 / 25.4)

#define PAGE_W    MM (210.0)
#define PAGE_H    MM (297.0)
#define MARGIN    MM (18.0)
#define CONTENT_W (PAGE_W - 2 * MARGIN)
#define CHART_H   MM (50.0)

typedef struct {
  cairo_t *cr;
  double   y;
  guint    page;
} Report;

static void
ensure_room (Report *r,
             double  height)
{
  if (r->y + height <= PAGE_H - MARGIN)
    return;
  cairo_show_page (r->cr);
  r->page++;
  r->y = MARGIN;
}

static void
text (Report     *r,
      const char *s,
      double      x,
      double      size,
      gboolean    bold,
      gboolean    align_right)
{
  cairo_text_extents_t ext;

  cairo_select_font_face (r->cr, "Sans", CAIRO_FONT_SLANT_NORMAL,
                          bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (r->cr, size);
  cairo_set_source_rgb (r->cr, 0.1, 0.1, 0.12);
  cairo_text_extents (r->cr, s, &ext);
  cairo_move_to (r->cr, align_right ? x - ext.x_advance : x, r->y);
  cairo_show_text (r->cr, s);
}

static void
heading (Report     *r,
         const char *s)
{
  ensure_room (r, MM (20.0));
  r->y += MM (9.0);
  text (r, s, MARGIN, 13.0, TRUE, FALSE);
  r->y += MM (3.0);
}

static void
row (Report     *r,
     const char *label,
     const char *value)
{
  ensure_room (r, MM (6.0));
  r->y += MM (5.5);
  text (r, label, MARGIN, 10.0, FALSE, FALSE);
  text (r, value, MARGIN + CONTENT_W, 10.0, TRUE, TRUE);
}

static char *
format_count (gint64 n)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, n);
}

static char *
coins_money (PdResultsExport *self,
             gint64           coins)
{
  gint64 micros;

  if (!pd_voucher_rules_value_micros (coins, self->coin_value_micros, &micros))
    return g_strdup ("—");
  return pd_money_format_display (micros, self->currency);
}

static void
draw_summary (PdResultsExport *self,
              Report          *r)
{
  PdCampaignStats *stats = self->stats;
  g_autofree char *issued = format_count (pd_campaign_stats_get_vouchers_issued (stats));
  g_autofree char *redeemed = format_count (pd_campaign_stats_get_vouchers_redeemed (stats));
  g_autofree char *expired = format_count (pd_campaign_stats_get_vouchers_expired (stats));
  g_autofree char *coins = format_count (pd_campaign_stats_get_coins_redeemed (stats));
  g_autofree char *unredeemed = coins_money (self, pd_campaign_stats_get_unredeemed_coins (stats));

  heading (r, _("Summary"));
  row (r, _("Vouchers issued"), issued);
  row (r, _("Vouchers redeemed"), redeemed);
  row (r, _("Vouchers expired"), expired);
  row (r, _("Coins donated"), coins);
  row (r, _("Value not yet redeemed"), unredeemed);
}

static void
draw_projects (PdResultsExport *self,
               Report          *r)
{
  PdCampaignStats *stats = self->stats;

  heading (r, _("Projects"));
  for (guint i = 0; i < pd_campaign_stats_get_n_projects (stats); i++)
    {
      const PdCampaignStatsProject *p = pd_campaign_stats_get_project (stats, i);
      /* 99.6 % is not reached: the bar fills and turns green only at the target. */
      double fraction = pd_percent_format_bar (p->coins, p->target_coins) / 100.0;
      gboolean reached = p->target_coins > 0 && p->coins >= p->target_coins;
      g_autofree char *coins = format_count (p->coins);
      g_autofree char *target = format_count (p->target_coins);
      g_autofree char *share = pd_percent_format_share (p->coins, p->target_coins);
      g_autofree char *progress = NULL;

      /* TRANSLATORS: coins donated to a project, its target and the share reached ("57 %", "<1 %") */
      progress = g_strdup_printf (_("%s of %s coins (%s)"), coins, target, share);
      ensure_room (r, MM (11.0));
      r->y += MM (5.5);
      text (r, pd_results_export_get_project_title (self, p->project_id), MARGIN, 10.0, FALSE, FALSE);
      text (r, progress, MARGIN + CONTENT_W, 9.0, FALSE, TRUE);
      r->y += MM (1.5);
      cairo_set_source_rgb (r->cr, 0.87, 0.87, 0.87);
      cairo_rectangle (r->cr, MARGIN, r->y, CONTENT_W, MM (2.0));
      cairo_fill (r->cr);
      if (reached)
        cairo_set_source_rgb (r->cr, 0.15, 0.55, 0.25);
      else
        cairo_set_source_rgb (r->cr, 0.11, 0.44, 0.85);
      cairo_rectangle (r->cr, MARGIN, r->y, CONTENT_W * fraction, MM (2.0));
      cairo_fill (r->cr);
      r->y += MM (2.5);
    }
}

static void
draw_timeline (PdResultsExport *self,
               Report          *r)
{
  PdCampaignStats *stats = self->stats;
  guint n = pd_campaign_stats_get_n_days (stats);
  gint64 max = 1;
  double bar_w;
  g_autofree char *max_label = NULL;

  heading (r, _("Redemptions per day"));
  if (n == 0)
    {
      row (r, _("No voucher has been redeemed yet."), "");
      return;
    }

  for (guint i = 0; i < n; i++)
    max = MAX (max, pd_campaign_stats_get_day (stats, i)->redemptions);
  ensure_room (r, CHART_H + MM (10.0));
  r->y += MM (2.0);

  cairo_set_source_rgb (r->cr, 0.6, 0.6, 0.6);
  cairo_set_line_width (r->cr, 0.5);
  cairo_move_to (r->cr, MARGIN, r->y);
  cairo_line_to (r->cr, MARGIN, r->y + CHART_H);
  cairo_line_to (r->cr, MARGIN + CONTENT_W, r->y + CHART_H);
  cairo_stroke (r->cr);

  bar_w = CONTENT_W / n;
  cairo_set_source_rgb (r->cr, 0.11, 0.44, 0.85);
  for (guint i = 0; i < n; i++)
    {
      const PdCampaignStatsDay *d = pd_campaign_stats_get_day (stats, i);
      double h = CHART_H * (double) d->redemptions / (double) max;

      cairo_rectangle (r->cr, MARGIN + i * bar_w + bar_w * 0.1, r->y + CHART_H - h, bar_w * 0.8, h);
    }
  cairo_fill (r->cr);

  max_label = format_count (max);
  r->y += MM (3.0);
  text (r, max_label, MARGIN + MM (1.5), 8.0, FALSE, FALSE);
  r->y += CHART_H + MM (1.0);
  text (r, pd_campaign_stats_get_day (stats, 0)->date, MARGIN, 8.0, FALSE, FALSE);
  text (r, pd_campaign_stats_get_day (stats, n - 1)->date, MARGIN + CONTENT_W, 8.0, FALSE, TRUE);
}

static void
draw_payouts (PdResultsExport *self,
              Report          *r)
{
  PdCampaignStats *stats = self->stats;

  heading (r, _("Payouts due"));
  if (pd_campaign_stats_get_n_payouts (stats) == 0)
    row (r, _("No project has reached its target yet."), "");
  for (guint i = 0; i < pd_campaign_stats_get_n_payouts (stats); i++)
    {
      const PdCampaignStatsPayout *p = pd_campaign_stats_get_payout (stats, i);
      g_autofree char *amount = pd_money_format_display (p->amount_micros, p->currency);

      row (r, pd_results_export_get_project_title (self, p->project_id), amount);
    }
}

gboolean
_pd_results_export_write_pdf (PdResultsExport  *self,
                              GFile            *file,
                              GCancellable     *cancellable,
                              GError          **error)
{
  g_autoptr(PdExportFile) out = pd_export_file_open (file, error);
  g_autofree char *title = NULL;
  g_autofree char *when = NULL;
  g_autofree char *subtitle = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  Report r = { 0 };

  if (out == NULL)
    return FALSE;

  /* TRANSLATORS: the title of the results report; %s is the campaign's name */
  title = g_strdup_printf (_("Results of “%s”"), self->campaign_name);
  /* TRANSLATORS: a date and time format for g_date_time_format() */
  when = g_date_time_format (pd_campaign_stats_get_generated_at (self->stats), C_("report time", "%Y-%m-%d %H:%M"));
  subtitle = g_strdup_printf (_("As of %s"), when);

  surface = pd_export_file_create_pdf (out, PAGE_W, PAGE_H, title);
  r.cr = cairo_create (surface);
  r.page = 1;
  r.y = MARGIN + MM (6.0);

  text (&r, title, MARGIN, 18.0, TRUE, FALSE);
  r.y += MM (6.0);
  text (&r, subtitle, MARGIN, 10.0, FALSE, FALSE);

  draw_summary (self, &r);
  draw_projects (self, &r);
  draw_timeline (self, &r);
  draw_payouts (self, &r);
  cairo_show_page (r.cr);

  cairo_destroy (r.cr);
  status = pd_export_file_finish_pdf (surface);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, PD_VOUCHER_EXPORT_ERROR, PD_VOUCHER_EXPORT_ERROR_WRITE,
                   _("Could not write the report: %s"), cairo_status_to_string (status));
      return FALSE;
    }
  return pd_export_file_commit (out, error);
}
