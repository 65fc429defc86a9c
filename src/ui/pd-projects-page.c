/* pd-projects-page.c
 *
 * The Projects page of a campaign.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-projects-page"

#include "config.h"

#include "pd-projects-page.h"

struct _PdProjectsPage
{
  AdwBin parent_instance;
};

G_DEFINE_FINAL_TYPE (PdProjectsPage, pd_projects_page, ADW_TYPE_BIN)

static void
pd_projects_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), PD_TYPE_PROJECTS_PAGE);

  G_OBJECT_CLASS (pd_projects_page_parent_class)->dispose (object);
}

static void
pd_projects_page_class_init (PdProjectsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pd_projects_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/particulate/Designer/ui/pd-projects-page.ui");
}

static void
pd_projects_page_init (PdProjectsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
