/* pd-details-page.c
 *
 * The Details page of a campaign.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-details-page"

#include "config.h"

#include "pd-details-page.h"

struct _PdDetailsPage
{
  AdwBin parent_instance;
};

G_DEFINE_FINAL_TYPE (PdDetailsPage, pd_details_page, ADW_TYPE_BIN)

static void
pd_details_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), PD_TYPE_DETAILS_PAGE);

  G_OBJECT_CLASS (pd_details_page_parent_class)->dispose (object);
}

static void
pd_details_page_class_init (PdDetailsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pd_details_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/particulate/Designer/ui/pd-details-page.ui");
}

static void
pd_details_page_init (PdDetailsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
