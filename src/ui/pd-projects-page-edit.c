/* pd-projects-page-edit.c: changes to the campaign's list of projects
 *
 * Each change is written to a copy of the live campaign and saved as one
 * undo step; the store then updates the live campaign and so the list.
 * Everything the mouse can do here the keyboard can too: Enter adds from
 * the library, Alt+Up/Alt+Down move, the row menu moves and removes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-projects-page"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-campaign-project-row.h"
#include "pd-project-dialog.h"
#include "pd-projects-page-private.h"

void
_pd_projects_page_show_toast (PdProjectsPage *self,
                              AdwToast       *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

void
_pd_projects_page_show_error (PdProjectsPage *self,
                              const GError   *error)
{
  AdwToast *toast = adw_toast_new (error->message);

  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  _pd_projects_page_show_toast (self, toast);
}

static PdCampaign *
copy_campaign (PdProjectsPage *self)
{
  if (self->store == NULL || self->campaign == NULL)
    return NULL;

  return PD_CAMPAIGN (pd_record_copy (PD_RECORD (self->campaign)));
}

static gboolean
save_copy (PdProjectsPage *self,
           PdCampaign     *copy,
           const char     *title)
{
  g_autoptr(GError) error = NULL;

  if (!pd_store_save (self->store, PD_RECORD (copy), title, &error))
    {
      _pd_projects_page_show_error (self, error);
      return FALSE;
    }
  return TRUE;
}

gboolean
_pd_projects_page_add_project (PdProjectsPage *self,
                               const char     *project_id,
                               guint           position)
{
  g_autoptr(PdCampaign) copy = copy_campaign (self);
  g_autoptr(PdProject) project = NULL;

  if (copy == NULL)
    return FALSE;

  project = pd_store_get_project (self->store, project_id);
  if (project == NULL)
    return FALSE;

  if (pd_campaign_find_project (copy, project_id, NULL) != NULL)
    {
      g_autofree char *title = NULL;

      /* Translators: %s is a project's title */
      title = g_strdup_printf (_("“%s” is already in this campaign"), pd_project_get_title (project));
      _pd_projects_page_show_toast (self, adw_toast_new (title));
      return FALSE;
    }

  pd_campaign_add_project (copy, project_id, pd_project_get_default_target_coins (project), position);
  return save_copy (self, copy, _("Add Project to Campaign"));
}

gboolean
_pd_projects_page_move_project (PdProjectsPage *self,
                                guint           from,
                                guint           to)
{
  g_autoptr(PdCampaign) copy = copy_campaign (self);
  guint n;

  if (copy == NULL)
    return FALSE;

  n = g_list_model_get_n_items (pd_campaign_get_projects (copy));
  if (from >= n || to >= n || from == to)
    return FALSE;

  pd_campaign_move_project (copy, from, to);
  if (!save_copy (self, copy, _("Move Project")))
    return FALSE;

  gtk_single_selection_set_selected (self->campaign_selection, to);
  return TRUE;
}

gboolean
_pd_projects_page_remove_project (PdProjectsPage *self,
                                  const char     *project_id)
{
  g_autoptr(PdCampaign) copy = copy_campaign (self);
  g_autoptr(PdProject) project = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (copy == NULL || !pd_campaign_remove_project (copy, project_id))
    return FALSE;
  if (!save_copy (self, copy, _("Remove Project from Campaign")))
    return FALSE;

  project = pd_store_get_project (self->store, project_id);
  /* Translators: %s is a project's title; shown with an Undo button */
  title = g_strdup_printf (_("“%s” removed from the campaign"),
                           project != NULL ? pd_project_get_title (project) : "");
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo");
  _pd_projects_page_show_toast (self, toast);
  return TRUE;
}

gboolean
_pd_projects_page_set_target (PdProjectsPage *self,
                              const char     *project_id,
                              gint64          coins)
{
  g_autoptr(PdCampaign) copy = copy_campaign (self);
  PdCampaignProject *item;

  if (copy == NULL)
    return FALSE;

  item = pd_campaign_find_project (copy, project_id, NULL);
  if (item == NULL || pd_campaign_project_get_target_coins (item) == coins)
    return FALSE;

  pd_campaign_project_set_target_coins (item, coins);
  return save_copy (self, copy, _("Change Donation Target"));
}

/* --- Drag and drop ------------------------------------------------------*/

gboolean
_pd_projects_page_drop (PdProjectsPage *self,
                        const GValue   *value,
                        guint           position)
{
  if (G_VALUE_HOLDS (value, PD_TYPE_PROJECT))
    {
      PdProject *project = g_value_get_object (value);

      return project != NULL &&
             _pd_projects_page_add_project (self, pd_record_get_id (PD_RECORD (project)), position);
    }

  if (G_VALUE_HOLDS (value, PD_TYPE_CAMPAIGN_PROJECT) && self->campaign != NULL)
    {
      PdCampaignProject *item = g_value_get_object (value);
      guint n = g_list_model_get_n_items (pd_campaign_get_projects (self->campaign));
      guint from;

      if (item == NULL ||
          pd_campaign_find_project (self->campaign, pd_campaign_project_get_project_id (item), &from) == NULL)
        return FALSE;

      /* @position counts the rows before the dragged one is taken out. */
      if (position > from)
        position--;
      return _pd_projects_page_move_project (self, from, MIN (position, n - 1));
    }

  return FALSE;
}

static gboolean
on_drop_cb (GtkDropTarget  *target,
            const GValue   *value,
            double          x,
            double          y,
            PdProjectsPage *self)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  guint position = G_MAXUINT;

  /* On a row: before it in its upper half, after it in its lower half. */
  if (PD_IS_CAMPAIGN_PROJECT_ROW (widget))
    {
      position = pd_campaign_project_row_get_position (PD_CAMPAIGN_PROJECT_ROW (widget));
      if (y > gtk_widget_get_height (widget) / 2.0)
        position++;
    }
  else if (self->campaign != NULL)
    position = g_list_model_get_n_items (pd_campaign_get_projects (self->campaign));

  return _pd_projects_page_drop (self, value, position);
}

GtkDropTarget *
_pd_projects_page_new_drop_target (PdProjectsPage *self,
                                   const char     *keyboard_action)
{
  GType types[] = { PD_TYPE_PROJECT, PD_TYPE_CAMPAIGN_PROJECT };
  GtkDropTarget *target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY | GDK_ACTION_MOVE);

  /* Named after what the keyboard does instead of this drop. */
  gtk_event_controller_set_name (GTK_EVENT_CONTROLLER (target), keyboard_action);
  gtk_drop_target_set_gtypes (target, types, G_N_ELEMENTS (types));
  g_signal_connect_object (target, "drop", G_CALLBACK (on_drop_cb), self, 0);
  return target;
}

/* --- Actions ------------------------------------------------------------*/

static guint
position_of (PdProjectsPage *self,
             const char     *project_id)
{
  guint position = G_MAXUINT;

  if (self->campaign == NULL || pd_campaign_find_project (self->campaign, project_id, &position) == NULL)
    return G_MAXUINT;
  return position;
}

/* The row the keyboard is on: the focused row, else the selected one;
 * nothing while the keyboard is elsewhere on the page (the library). */
static guint
current_position (PdProjectsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self)) &&
      !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->campaign_view)))
    return GTK_INVALID_LIST_POSITION;

  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->campaign_view)))
    {
      GtkWidget *row = PD_IS_CAMPAIGN_PROJECT_ROW (focus)
                       ? focus : gtk_widget_get_ancestor (focus, PD_TYPE_CAMPAIGN_PROJECT_ROW);

      /* The focus may be on the list item around the row. */
      if (row == NULL && gtk_widget_get_first_child (focus) != NULL &&
          PD_IS_CAMPAIGN_PROJECT_ROW (gtk_widget_get_first_child (focus)))
        row = gtk_widget_get_first_child (focus);
      if (row != NULL)
        return pd_campaign_project_row_get_position (PD_CAMPAIGN_PROJECT_ROW (row));
    }

  return gtk_single_selection_get_selected (self->campaign_selection);
}

static void
move_by (PdProjectsPage *self,
         guint           from,
         int             delta)
{
  guint n;

  if (self->campaign == NULL || from == GTK_INVALID_LIST_POSITION)
    return;

  n = g_list_model_get_n_items (pd_campaign_get_projects (self->campaign));
  if (from >= n || (delta < 0 && from == 0) || (delta > 0 && from + 1 >= n))
    return;

  self->focus_position = from + delta;
  if (!_pd_projects_page_move_project (self, from, from + delta))
    self->focus_position = G_MAXUINT;
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PdProjectsPage *self = PD_PROJECTS_PAGE (widget);
  int delta = g_str_has_suffix (action_name, "-up") ? -1 : 1;
  guint from;

  if (parameter != NULL)
    from = position_of (self, g_variant_get_string (parameter, NULL));
  else
    from = current_position (self);

  move_by (self, from, delta);
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  _pd_projects_page_remove_project (PD_PROJECTS_PAGE (widget), g_variant_get_string (parameter, NULL));
}

static void
remove_selected_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  PdProjectsPage *self = PD_PROJECTS_PAGE (widget);
  g_autoptr(PdCampaignProject) item = NULL;
  guint position = current_position (self);

  if (self->campaign == NULL || position == GTK_INVALID_LIST_POSITION)
    return;
  item = g_list_model_get_item (pd_campaign_get_projects (self->campaign), position);
  if (item != NULL)
    _pd_projects_page_remove_project (self, pd_campaign_project_get_project_id (item));
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  _pd_projects_page_add_project (PD_PROJECTS_PAGE (widget), g_variant_get_string (parameter, NULL), G_MAXUINT);
}

static void
set_target_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  const char *project_id;
  gint64 coins;

  g_variant_get (parameter, "(&sx)", &project_id, &coins);
  _pd_projects_page_set_target (PD_PROJECTS_PAGE (widget), project_id, coins);
}

static void
on_project_saved_cb (PdProjectsPage *self)
{
  /* The library follows the store by itself; a new category may need
   * a place in the drop-down. */
  _pd_projects_page_reload_categories (self);
}

static void
open_dialog (PdProjectsPage *self,
             PdProject      *project)
{
  PdProjectDialog *dialog;

  if (self->store == NULL)
    return;

  dialog = pd_project_dialog_new (self->store, project);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_project_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
new_project_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  open_dialog (PD_PROJECTS_PAGE (widget), NULL);
}

static void
edit_project_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PdProjectsPage *self = PD_PROJECTS_PAGE (widget);
  g_autoptr(PdProject) project = NULL;

  if (self->store == NULL)
    return;
  project = pd_store_get_project (self->store, g_variant_get_string (parameter, NULL));
  if (project != NULL && pd_project_get_source (project) == PD_PROJECT_SOURCE_CLIENT)
    open_dialog (self, project);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  _pd_projects_page_import_csv (PD_PROJECTS_PAGE (widget));
}

static void
show_pane_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PdProjectsPage *self = PD_PROJECTS_PAGE (widget);
  gboolean library = g_str_equal (action_name, "projects.show-library");

  adw_leaflet_set_visible_child_name (self->leaflet, library ? "library" : "campaign");
  gtk_widget_grab_focus (library ? GTK_WIDGET (self->search_entry) : GTK_WIDGET (self->campaign_view));
}

void
_pd_projects_page_class_init_edit (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "projects.add-project", "s", add_action);
  gtk_widget_class_install_action (widget_class, "projects.edit-project", "s", edit_project_action);
  gtk_widget_class_install_action (widget_class, "projects.new-project", NULL, new_project_action);
  gtk_widget_class_install_action (widget_class, "projects.import-csv", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "projects.set-target", "(sx)", set_target_action);
  gtk_widget_class_install_action (widget_class, "projects.move-up", "s", move_action);
  gtk_widget_class_install_action (widget_class, "projects.move-down", "s", move_action);
  gtk_widget_class_install_action (widget_class, "projects.remove", "s", remove_action);
  gtk_widget_class_install_action (widget_class, "projects.move-selected-up", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "projects.move-selected-down", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "projects.remove-selected", NULL, remove_selected_action);
  gtk_widget_class_install_action (widget_class, "projects.show-library", NULL, show_pane_action);
  gtk_widget_class_install_action (widget_class, "projects.show-campaign", NULL, show_pane_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "projects.move-selected-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK, "projects.move-selected-down", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "projects.remove-selected", NULL);
}
