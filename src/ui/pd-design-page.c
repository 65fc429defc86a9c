/* pd-design-page.c
 *
 * The Design page of a campaign.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-design-page"

#include "config.h"

#include "pd-design-page.h"

struct _PdDesignPage
{
  AdwBin parent_instance;
};

G_DEFINE_FINAL_TYPE (PdDesignPage, pd_design_page, ADW_TYPE_BIN)

static void
pd_design_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), PD_TYPE_DESIGN_PAGE);

  G_OBJECT_CLASS (pd_design_page_parent_class)->dispose (object);
}

static void
pd_design_page_class_init (PdDesignPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pd_design_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/particulate/Designer/ui/pd-design-page.ui");
}

static void
pd_design_page_init (PdDesignPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
