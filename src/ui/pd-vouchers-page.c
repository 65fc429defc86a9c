/* pd-vouchers-page.c
 *
 * The Vouchers page of a campaign.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-vouchers-page"

#include "config.h"

#include "pd-vouchers-page.h"

struct _PdVouchersPage
{
  AdwBin parent_instance;
};

G_DEFINE_FINAL_TYPE (PdVouchersPage, pd_vouchers_page, ADW_TYPE_BIN)

static void
pd_vouchers_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), PD_TYPE_VOUCHERS_PAGE);

  G_OBJECT_CLASS (pd_vouchers_page_parent_class)->dispose (object);
}

static void
pd_vouchers_page_class_init (PdVouchersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pd_vouchers_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/particulate/Designer/ui/pd-vouchers-page.ui");
}

static void
pd_vouchers_page_init (PdVouchersPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
