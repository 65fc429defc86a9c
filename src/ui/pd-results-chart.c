/* pd-results-chart.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-results-chart"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-results-chart.h"

struct _PdResultsChart
{
  GtkWidget        parent_instance;

  PdCampaignStats *stats;
};

G_DEFINE_FINAL_TYPE (PdResultsChart, pd_results_chart, GTK_TYPE_WIDGET)

#define MARGIN_LEFT   48.0
#define MARGIN_BOTTOM 24.0
#define MARGIN_TOP    12.0
#define MARGIN_RIGHT  12.0

static gint64
max_redemptions (PdCampaignStats *stats)
{
  gint64 max = 0;

  for (guint i = 0; i < pd_campaign_stats_get_n_days (stats); i++)
    max = MAX (max, pd_campaign_stats_get_day (stats, i)->redemptions);

  return max;
}

/* A round step for the value axis: 1, 2 or 5 times a power of ten. */
static gint64
nice_step (gint64 max)
{
  gint64 step = 1;

  while (step * 10 < max)
    step *= 10;
  if (step * 2 >= max / 2 && max > 4)
    return step;
  if (step * 5 < max && max > 4)
    return step * 2;

  return MAX (step / 2, 1);
}

static void
lookup_colour (GtkWidget  *widget,
               const char *name,
               GdkRGBA    *colour,
               const char *fallback)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  GtkStyleContext *context = gtk_widget_get_style_context (widget);

  if (!gtk_style_context_lookup_color (context, name, colour))
    gdk_rgba_parse (colour, fallback);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static void
draw (PdResultsChart *self,
      cairo_t        *cr,
      double          width,
      double          height)
{
  GtkWidget *widget = GTK_WIDGET (self);
  guint n = self->stats != NULL ? pd_campaign_stats_get_n_days (self->stats) : 0;
  double plot_w = width - MARGIN_LEFT - MARGIN_RIGHT;
  double plot_h = height - MARGIN_TOP - MARGIN_BOTTOM;
  gint64 max, step, top;
  GdkRGBA fg, bar;
  PangoLayout *layout;

  if (plot_w <= 0 || plot_h <= 0)
    return;

  /* The theme's own colours keep the chart readable in light and dark. */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
  lookup_colour (widget, "accent_bg_color", &bar, "#3584e4");

  max = n > 0 ? max_redemptions (self->stats) : 0;
  step = nice_step (MAX (max, 1));
  top = MAX (((MAX (max, 1) + step - 1) / step) * step, step);

  layout = gtk_widget_create_pango_layout (widget, NULL);

  /* Grid lines and value labels */
  cairo_set_line_width (cr, 1.0);
  for (gint64 v = 0; v <= top; v += step)
    {
      double y = MARGIN_TOP + plot_h - plot_h * (double) v / (double) top;
      g_autofree char *text = g_strdup_printf ("%'" G_GINT64_FORMAT, v);
      int tw, th;

      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, v == 0 ? 0.6 : 0.15);
      cairo_move_to (cr, MARGIN_LEFT, floor (y) + 0.5);
      cairo_line_to (cr, MARGIN_LEFT + plot_w, floor (y) + 0.5);
      cairo_stroke (cr);

      pango_layout_set_text (layout, text, -1);
      pango_layout_get_pixel_size (layout, &tw, &th);
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.7);
      cairo_move_to (cr, MARGIN_LEFT - 6 - tw, y - th / 2.0);
      pango_cairo_show_layout (cr, layout);
    }

  if (n > 0)
    {
      double slot = plot_w / n;
      /* A campaign's first days would otherwise draw one wall of colour. */
      double bar_w = CLAMP (slot * 0.7, 1.0, 48.0);
      guint label_every = MAX (1, (guint) ceil (70.0 / slot));

      for (guint i = 0; i < n; i++)
        {
          const PdCampaignStatsDay *day = pd_campaign_stats_get_day (self->stats, i);
          double h = plot_h * (double) day->redemptions / (double) top;
          double x = MARGIN_LEFT + i * slot + (slot - bar_w) / 2.0;

          cairo_set_source_rgba (cr, bar.red, bar.green, bar.blue, 1.0);
          cairo_rectangle (cr, x, MARGIN_TOP + plot_h - h, bar_w, h);
          cairo_fill (cr);

          if (i % label_every == 0 && day->date != NULL && strlen (day->date) >= 10)
            {
              /* "MM-DD" is short enough to fit under narrow bars */
              int tw, th;

              pango_layout_set_text (layout, day->date + 5, -1);
              pango_layout_get_pixel_size (layout, &tw, &th);
              cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.7);
              cairo_move_to (cr, MARGIN_LEFT + i * slot + slot / 2.0 - tw / 2.0,
                             MARGIN_TOP + plot_h + 4);
              pango_cairo_show_layout (cr, layout);
            }
        }
    }

  g_object_unref (layout);
}

static void
pd_results_chart_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  draw (PD_RESULTS_CHART (widget), cr, width, height);
  cairo_destroy (cr);
}

static void
pd_results_chart_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 200;
      *natural = 600;
    }
  else
    {
      *minimum = 160;
      *natural = 220;
    }
}

static void
pd_results_chart_dispose (GObject *object)
{
  PdResultsChart *self = PD_RESULTS_CHART (object);

  g_clear_object (&self->stats);

  G_OBJECT_CLASS (pd_results_chart_parent_class)->dispose (object);
}

static void
pd_results_chart_css_changed (GtkWidget         *widget,
                              GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (pd_results_chart_parent_class)->css_changed (widget, change);
  gtk_widget_queue_draw (widget);
}

static void
pd_results_chart_class_init (PdResultsChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pd_results_chart_dispose;
  widget_class->snapshot = pd_results_chart_snapshot;
  widget_class->measure = pd_results_chart_measure;
  widget_class->css_changed = pd_results_chart_css_changed;
  gtk_widget_class_set_css_name (widget_class, "results-chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
pd_results_chart_init (PdResultsChart *self)
{
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Redemptions per day"),
                                  -1);
}

GtkWidget *
pd_results_chart_new (void)
{
  return g_object_new (PD_TYPE_RESULTS_CHART, NULL);
}

char *
pd_results_chart_dup_text (PdResultsChart *self)
{
  GString *text;
  guint n;

  g_return_val_if_fail (PD_IS_RESULTS_CHART (self), NULL);

  n = self->stats != NULL ? pd_campaign_stats_get_n_days (self->stats) : 0;
  if (n == 0)
    return g_strdup (_("No vouchers have been redeemed yet."));

  text = g_string_new (NULL);
  for (guint i = 0; i < n; i++)
    {
      const PdCampaignStatsDay *day = pd_campaign_stats_get_day (self->stats, i);
      g_autofree char *redemptions = g_strdup_printf ("%'" G_GINT64_FORMAT, day->redemptions);
      g_autofree char *coins = g_strdup_printf ("%'" G_GINT64_FORMAT, day->coins);

      if (i > 0)
        g_string_append (text, "; ");

      /* Translators: a day of the chart, "2026-11-20: 12 redemptions, 600 coins" */
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                 "%s: %s redemption, %s coins",
                                                 "%s: %s redemptions, %s coins",
                                                 (gulong) day->redemptions),
                              day->date, redemptions, coins);
    }

  return g_string_free (text, FALSE);
}

void
pd_results_chart_set_stats (PdResultsChart  *self,
                            PdCampaignStats *stats)
{
  g_autofree char *description = NULL;

  g_return_if_fail (PD_IS_RESULTS_CHART (self));
  g_return_if_fail (stats == NULL || PD_IS_CAMPAIGN_STATS (stats));

  if (!g_set_object (&self->stats, stats))
    return;

  description = pd_results_chart_dup_text (self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
