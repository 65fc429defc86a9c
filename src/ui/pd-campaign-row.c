/* pd-campaign-row.c
 *
 * One campaign in the sidebar: its name, its period and a badge for its
 * status. The row follows the live campaign, so undo and sync show at once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-campaign-row"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-campaign-row.h"

struct _PdCampaignRow
{
  GtkWidget   parent_instance;

  PdCampaign *campaign;

  GtkWidget  *box;
  GtkLabel   *name_label;
  GtkLabel   *status_label;
  GtkLabel   *period_label;
};

G_DEFINE_FINAL_TYPE (PdCampaignRow, pd_campaign_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CAMPAIGN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *status_classes[] = { "draft", "scheduled", "live", "ended", "archived" };

char *
pd_campaign_format_period (PdCampaign *campaign)
{
  GDateTime *starts_at;
  GDateTime *ends_at;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;

  g_return_val_if_fail (PD_IS_CAMPAIGN (campaign), NULL);

  starts_at = pd_campaign_get_starts_at (campaign);
  ends_at = pd_campaign_get_ends_at (campaign);
  if (starts_at == NULL || ends_at == NULL)
    return g_strdup (_("No period set"));

  /* Translators: a day and month in a campaign period, see strftime */
  start = g_date_time_format (starts_at, _("%-d %b"));
  /* Translators: a day, month and year in a campaign period, see strftime */
  end = g_date_time_format (ends_at, _("%-d %b %Y"));
  g_strstrip (start);
  g_strstrip (end);

  /* Translators: a campaign period, "12 Dec – 24 Dec 2026" */
  return g_strdup_printf (_("%s – %s"), start, end);
}

static void
pd_campaign_row_update (PdCampaignRow *self)
{
  g_autofree char *period = NULL;
  PdCampaignStatus status;

  if (self->campaign == NULL)
    return;

  gtk_label_set_label (self->name_label, pd_campaign_get_name (self->campaign));
  /* The sidebar is narrow: a long name is cut, the tooltip shows it all. */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->name_label), pd_campaign_get_name (self->campaign));

  period = pd_campaign_format_period (self->campaign);
  gtk_label_set_label (self->period_label, period);

  status = pd_campaign_get_status (self->campaign);
  for (guint i = 0; i < G_N_ELEMENTS (status_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), status_classes[i]);
  if (status < G_N_ELEMENTS (status_classes))
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), status_classes[status]);
  gtk_label_set_label (self->status_label, pd_campaign_status_get_title (status));
}

static void
on_campaign_notify_cb (PdCampaignRow *self)
{
  pd_campaign_row_update (self);
}

static void
pd_campaign_row_dispose (GObject *object)
{
  PdCampaignRow *self = PD_CAMPAIGN_ROW (object);

  pd_campaign_row_set_campaign (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), PD_TYPE_CAMPAIGN_ROW);

  G_OBJECT_CLASS (pd_campaign_row_parent_class)->dispose (object);
}

static void
pd_campaign_row_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PdCampaignRow *self = PD_CAMPAIGN_ROW (object);

  switch (prop_id)
    {
    case PROP_CAMPAIGN:
      g_value_set_object (value, self->campaign);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_campaign_row_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  PdCampaignRow *self = PD_CAMPAIGN_ROW (object);

  switch (prop_id)
    {
    case PROP_CAMPAIGN:
      pd_campaign_row_set_campaign (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_campaign_row_class_init (PdCampaignRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pd_campaign_row_dispose;
  object_class->get_property = pd_campaign_row_get_property;
  object_class->set_property = pd_campaign_row_set_property;

  properties[PROP_CAMPAIGN] =
    g_param_spec_object ("campaign", NULL, NULL, PD_TYPE_CAMPAIGN,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/com/particulate/Designer/ui/pd-campaign-row.ui");
  gtk_widget_class_bind_template_child (widget_class, PdCampaignRow, box);
  gtk_widget_class_bind_template_child (widget_class, PdCampaignRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, PdCampaignRow, status_label);
  gtk_widget_class_bind_template_child (widget_class, PdCampaignRow, period_label);
}

static void
pd_campaign_row_init (PdCampaignRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
pd_campaign_row_new (void)
{
  return g_object_new (PD_TYPE_CAMPAIGN_ROW, NULL);
}

PdCampaign *
pd_campaign_row_get_campaign (PdCampaignRow *self)
{
  g_return_val_if_fail (PD_IS_CAMPAIGN_ROW (self), NULL);

  return self->campaign;
}

void
pd_campaign_row_set_campaign (PdCampaignRow *self,
                              PdCampaign    *campaign)
{
  g_return_if_fail (PD_IS_CAMPAIGN_ROW (self));
  g_return_if_fail (campaign == NULL || PD_IS_CAMPAIGN (campaign));

  if (self->campaign == campaign)
    return;

  if (self->campaign != NULL)
    g_signal_handlers_disconnect_by_data (self->campaign, self);
  g_set_object (&self->campaign, campaign);
  if (campaign != NULL)
    g_signal_connect_swapped (campaign, "notify", G_CALLBACK (on_campaign_notify_cb), self);

  pd_campaign_row_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAMPAIGN]);
}
