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
  AdwBin parent_instance;
};

G_DEFINE_FINAL_TYPE (PdResultsPage, pd_results_page, ADW_TYPE_BIN)

static void
pd_results_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), PD_TYPE_RESULTS_PAGE);

  G_OBJECT_CLASS (pd_results_page_parent_class)->dispose (object);
}

static void
pd_results_page_class_init (PdResultsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pd_results_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/particulate/Designer/ui/pd-results-page.ui");
}

static void
pd_results_page_init (PdResultsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
