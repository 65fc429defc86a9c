/* pd-results-page.c
 *
 * The Results page of a campaign.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-results-page"

#include "config.h"

#include "pd-results-page.h"

struct _PdResultsPage
{
  AdwBin      parent_instance;

  PdStore    *store;
  PdCampaign *campaign;
};

G_DEFINE_FINAL_TYPE (PdResultsPage, pd_results_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_CAMPAIGN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pd_results_page_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  PdResultsPage *self = PD_RESULTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_CAMPAIGN:
      g_value_set_object (value, self->campaign);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_results_page_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  PdResultsPage *self = PD_RESULTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      if (g_set_object (&self->store, g_value_get_object (value)))
        g_object_notify_by_pspec (object, pspec);
      break;

    case PROP_CAMPAIGN:
      if (g_set_object (&self->campaign, g_value_get_object (value)))
        g_object_notify_by_pspec (object, pspec);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_results_page_dispose (GObject *object)
{
  PdResultsPage *self = PD_RESULTS_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), PD_TYPE_RESULTS_PAGE);
  g_clear_object (&self->campaign);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (pd_results_page_parent_class)->dispose (object);
}

static void
pd_results_page_class_init (PdResultsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pd_results_page_dispose;
  object_class->get_property = pd_results_page_get_property;
  object_class->set_property = pd_results_page_set_property;

  /* The window sets both when the workspace or the selection changes. */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, PD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAMPAIGN] =
    g_param_spec_object ("campaign", NULL, NULL, PD_TYPE_CAMPAIGN,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/particulate/Designer/ui/pd-results-page.ui");
}

static void
pd_results_page_init (PdResultsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
