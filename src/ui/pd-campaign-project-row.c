/* pd-campaign-project-row.c
 *
 * A project in the campaign's list: its title, its donation target in
 * coins with the money it stands for, and a menu to move or remove it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-campaign-project-row"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "pd-campaign-project-row.h"
#include "pd-ui-utils.h"

#define TARGET_DELAY_MS 500

struct _PdCampaignProjectRow
{
  GtkWidget          parent_instance;

  PdCampaignProject *item;
  PdCampaign        *campaign;
  guint              position;
  gboolean           updating;
  guint              target_id;

  GtkLabel          *title_label;
  GtkLabel          *money_label;
  GtkSpinButton     *target_spin;
  GtkMenuButton     *menu_button;
};

G_DEFINE_FINAL_TYPE (PdCampaignProjectRow, pd_campaign_project_row, GTK_TYPE_WIDGET)

static void
update_money (PdCampaignProjectRow *self)
{
  g_autofree char *money = NULL;
  g_autofree char *label = NULL;

  if (self->campaign == NULL)
    return;

  money = pd_format_money ((gint64) gtk_spin_button_get_value (self->target_spin),
                           pd_campaign_get_coin_value_micros (self->campaign),
                           pd_campaign_get_currency (self->campaign));
  /* Translators: coins of a donation target are worth %s, "= 250.00 EUR" */
  label = g_strdup_printf (_("coins = %s"), money);
  gtk_label_set_label (self->money_label, label);
}

static void
update_target (PdCampaignProjectRow *self)
{
  if (self->item == NULL || self->target_id != 0)
    return;

  self->updating = TRUE;
  pd_spin_button_refresh_value (self->target_spin, (double) pd_campaign_project_get_target_coins (self->item));
  self->updating = FALSE;
  update_money (self);
}

void
pd_campaign_project_row_flush (PdCampaignProjectRow *self)
{
  gint64 coins;

  g_return_if_fail (PD_IS_CAMPAIGN_PROJECT_ROW (self));

  if (self->target_id == 0)
    return;
  g_clear_handle_id (&self->target_id, g_source_remove);
  if (self->item == NULL)
    return;

  coins = (gint64) llround (gtk_spin_button_get_value (self->target_spin));
  if (coins != pd_campaign_project_get_target_coins (self->item))
    gtk_widget_activate_action (GTK_WIDGET (self), "projects.set-target", "(sx)",
                                pd_campaign_project_get_project_id (self->item), coins);
}

static gboolean
target_timeout_cb (gpointer user_data)
{
  PdCampaignProjectRow *self = user_data;

  pd_campaign_project_row_flush (self);
  return G_SOURCE_REMOVE;
}

static void
on_target_value_changed_cb (PdCampaignProjectRow *self)
{
  update_money (self);
  if (self->updating || self->item == NULL)
    return;

  g_clear_handle_id (&self->target_id, g_source_remove);
  self->target_id = g_timeout_add (TARGET_DELAY_MS, target_timeout_cb, self);
}

static void
on_focus_leave_cb (PdCampaignProjectRow *self)
{
  pd_campaign_project_row_flush (self);
}

static GdkContentProvider *
on_drag_prepare_cb (GtkDragSource        *source,
                    double                x,
                    double                y,
                    PdCampaignProjectRow *self)
{
  if (self->item == NULL)
    return NULL;

  return gdk_content_provider_new_typed (PD_TYPE_CAMPAIGN_PROJECT, self->item);
}

static void
on_drag_begin_cb (GtkDragSource        *source,
                  GdkDrag              *drag,
                  PdCampaignProjectRow *self)
{
  g_autoptr(GdkPaintable) icon = gtk_widget_paintable_new (GTK_WIDGET (self));

  gtk_drag_source_set_icon (source, icon, 0, 0);
}

static GMenuModel *
build_menu (const char *project_id)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) moves = g_menu_new ();
  g_autoptr(GMenu) removes = g_menu_new ();
  g_autoptr(GMenuItem) up = g_menu_item_new (_("Move _Up"), NULL);
  g_autoptr(GMenuItem) down = g_menu_item_new (_("Move _Down"), NULL);
  g_autoptr(GMenuItem) remove = g_menu_item_new (_("_Remove from Campaign"), NULL);

  g_menu_item_set_action_and_target (up, "projects.move-up", "s", project_id);
  g_menu_item_set_attribute (up, "accel", "s", "<Alt>Up");
  g_menu_item_set_action_and_target (down, "projects.move-down", "s", project_id);
  g_menu_item_set_attribute (down, "accel", "s", "<Alt>Down");
  g_menu_item_set_action_and_target (remove, "projects.remove", "s", project_id);
  g_menu_append_item (moves, up);
  g_menu_append_item (moves, down);
  g_menu_append_item (removes, remove);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (moves));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (removes));
  return G_MENU_MODEL (menu);
}

static void
pd_campaign_project_row_dispose (GObject *object)
{
  GtkWidget *child;
  PdCampaignProjectRow *self = PD_CAMPAIGN_PROJECT_ROW (object);

  pd_campaign_project_row_unbind (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), PD_TYPE_CAMPAIGN_PROJECT_ROW);
  /* The template's root box has no name, so it is not unparented above. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (pd_campaign_project_row_parent_class)->dispose (object);
}

static void
pd_campaign_project_row_class_init (PdCampaignProjectRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pd_campaign_project_row_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/com/particulate/Designer/ui/pd-campaign-project-row.ui");
  gtk_widget_class_bind_template_child (widget_class, PdCampaignProjectRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, PdCampaignProjectRow, money_label);
  gtk_widget_class_bind_template_child (widget_class, PdCampaignProjectRow, target_spin);
  gtk_widget_class_bind_template_child (widget_class, PdCampaignProjectRow, menu_button);
}

static void
pd_campaign_project_row_init (PdCampaignProjectRow *self)
{
  GtkDragSource *source;
  GtkEventController *focus;

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_swapped (self->target_spin, "value-changed",
                            G_CALLBACK (on_target_value_changed_cb), self);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (on_focus_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->target_spin), focus);

  source = gtk_drag_source_new ();
  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect (source, "prepare", G_CALLBACK (on_drag_prepare_cb), self);
  g_signal_connect (source, "drag-begin", G_CALLBACK (on_drag_begin_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (source));
}

GtkWidget *
pd_campaign_project_row_new (void)
{
  return g_object_new (PD_TYPE_CAMPAIGN_PROJECT_ROW, NULL);
}

void
pd_campaign_project_row_bind (PdCampaignProjectRow *self,
                              PdCampaignProject    *item,
                              PdProject            *project,
                              PdCampaign           *campaign,
                              guint                 position)
{
  g_autoptr(GMenuModel) menu = NULL;
  g_autofree char *spin_label = NULL;
  g_autofree char *menu_label = NULL;
  const char *title;

  g_return_if_fail (PD_IS_CAMPAIGN_PROJECT_ROW (self));

  pd_campaign_project_row_unbind (self);
  self->item = g_object_ref (item);
  self->campaign = g_object_ref (campaign);
  self->position = position;

  title = project != NULL ? pd_project_get_title (project) : _("Unknown project");
  gtk_label_set_label (self->title_label, title);

  /* Translators: accessible names; %s is a project's title */
  spin_label = g_strdup_printf (_("Donation target for “%s” in coins"), title);
  menu_label = g_strdup_printf (_("Actions for “%s”"), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->target_spin),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, spin_label, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->menu_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, menu_label, -1);

  menu = build_menu (pd_campaign_project_get_project_id (item));
  gtk_menu_button_set_menu_model (self->menu_button, menu);

  g_signal_connect_swapped (item, "notify::target-coins", G_CALLBACK (update_target), self);
  g_signal_connect_swapped (campaign, "notify::coin-value-micros", G_CALLBACK (update_money), self);
  g_signal_connect_swapped (campaign, "notify::currency", G_CALLBACK (update_money), self);
  update_target (self);
}

void
pd_campaign_project_row_unbind (PdCampaignProjectRow *self)
{
  g_return_if_fail (PD_IS_CAMPAIGN_PROJECT_ROW (self));

  /* A target typed just before the list changed is not lost. */
  pd_campaign_project_row_flush (self);

  if (self->item != NULL)
    g_signal_handlers_disconnect_by_data (self->item, self);
  if (self->campaign != NULL)
    g_signal_handlers_disconnect_by_data (self->campaign, self);
  g_clear_object (&self->item);
  g_clear_object (&self->campaign);
}

PdCampaignProject *
pd_campaign_project_row_get_item (PdCampaignProjectRow *self)
{
  g_return_val_if_fail (PD_IS_CAMPAIGN_PROJECT_ROW (self), NULL);
  return self->item;
}

guint
pd_campaign_project_row_get_position (PdCampaignProjectRow *self)
{
  g_return_val_if_fail (PD_IS_CAMPAIGN_PROJECT_ROW (self), 0);
  return self->position;
}

GtkSpinButton *
pd_campaign_project_row_get_target_spin (PdCampaignProjectRow *self)
{
  g_return_val_if_fail (PD_IS_CAMPAIGN_PROJECT_ROW (self), NULL);
  return self->target_spin;
}
