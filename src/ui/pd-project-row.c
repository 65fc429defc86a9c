/* pd-project-row.c
 *
 * One project of the library: title, organisation and place, category,
 * and buttons to add it to the campaign (or edit it, for the client's own).
 * It can also be dragged into the campaign's list.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-project-row"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-project-row.h"

struct _PdProjectRow
{
  GtkWidget  parent_instance;

  PdProject *project;

  GtkLabel  *title_label;
  GtkLabel  *subtitle_label;
  GtkLabel  *category_label;
  GtkLabel  *own_label;
  GtkButton *edit_button;
  GtkButton *add_button;
};

G_DEFINE_FINAL_TYPE (PdProjectRow, pd_project_row, GTK_TYPE_WIDGET)

static void
pd_project_row_update (PdProjectRow *self)
{
  PdProject *project = self->project;
  g_autofree char *subtitle = NULL;
  g_autofree char *add_label = NULL;
  g_autofree char *edit_label = NULL;
  gboolean own;

  if (project == NULL)
    return;

  own = pd_project_get_source (project) == PD_PROJECT_SOURCE_CLIENT;
  gtk_label_set_label (self->title_label, pd_project_get_title (project));
  if (*pd_project_get_location (project) != '\0')
    /* Translators: organisation · place of a project */
    subtitle = g_strdup_printf (_("%s · %s"), pd_project_get_organisation (project),
                                pd_project_get_location (project));
  else
    subtitle = g_strdup (pd_project_get_organisation (project));
  gtk_label_set_label (self->subtitle_label, subtitle);
  gtk_label_set_label (self->category_label, pd_project_get_category (project));
  gtk_widget_set_visible (GTK_WIDGET (self->category_label), *pd_project_get_category (project) != '\0');
  gtk_widget_set_visible (GTK_WIDGET (self->own_label), own);
  gtk_widget_set_visible (GTK_WIDGET (self->edit_button), own);

  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->add_button), "s",
                                    pd_record_get_id (PD_RECORD (project)));
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->edit_button), "s",
                                    pd_record_get_id (PD_RECORD (project)));

  /* Translators: accessible name of a button, %s is a project's title */
  add_label = g_strdup_printf (_("Add “%s” to the campaign"), pd_project_get_title (project));
  /* Translators: accessible name of a button, %s is a project's title */
  edit_label = g_strdup_printf (_("Edit “%s”"), pd_project_get_title (project));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->add_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, add_label, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->edit_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, edit_label, -1);
}

static GdkContentProvider *
on_drag_prepare_cb (GtkDragSource *source,
                    double         x,
                    double         y,
                    PdProjectRow  *self)
{
  if (self->project == NULL)
    return NULL;

  return gdk_content_provider_new_typed (PD_TYPE_PROJECT, self->project);
}

static void
on_drag_begin_cb (GtkDragSource *source,
                  GdkDrag       *drag,
                  PdProjectRow  *self)
{
  g_autoptr(GdkPaintable) icon = gtk_widget_paintable_new (GTK_WIDGET (self));

  gtk_drag_source_set_icon (source, icon, 0, 0);
}

static void
pd_project_row_dispose (GObject *object)
{
  GtkWidget *child;
  PdProjectRow *self = PD_PROJECT_ROW (object);

  pd_project_row_set_project (self, NULL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (pd_project_row_parent_class)->dispose (object);
}

static void
pd_project_row_class_init (PdProjectRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pd_project_row_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static GtkLabel *
add_label (GtkBox     *box,
           const char *css_class,
           const char *css_class2)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  if (css_class2 != NULL)
    gtk_widget_add_css_class (label, css_class2);
  gtk_box_append (box, label);
  return GTK_LABEL (label);
}

static GtkButton *
add_button (GtkBox     *box,
            const char *icon_name,
            const char *action_name,
            const char *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", "");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_box_append (box, button);
  return GTK_BUTTON (button);
}

/* Built in code, not from a template: a search makes GTK build a couple of
 * hundred of these at once, and parsing a template for each is what made
 * typing in the search field stutter. */
static void
build_widgets (PdProjectRow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *tags = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (box), text);

  self->title_label = add_label (GTK_BOX (text), "heading", NULL);
  self->subtitle_label = add_label (GTK_BOX (text), "caption", "dim-label");
  gtk_box_append (GTK_BOX (text), tags);
  self->category_label = add_label (GTK_BOX (tags), "tag", NULL);
  self->own_label = add_label (GTK_BOX (tags), "tag", "own");
  gtk_label_set_label (self->own_label, _("Own project"));

  self->edit_button = add_button (GTK_BOX (box), "document-edit-symbolic",
                                  "projects.edit-project", _("Edit Project"));
  self->add_button = add_button (GTK_BOX (box), "list-add-symbolic",
                                 "projects.add-project", _("Add to Campaign"));

  gtk_widget_set_parent (box, GTK_WIDGET (self));
}

static void
pd_project_row_init (PdProjectRow *self)
{
  GtkDragSource *source;

  build_widgets (self);

  source = gtk_drag_source_new ();
  gtk_drag_source_set_actions (source, GDK_ACTION_COPY);
  g_signal_connect (source, "prepare", G_CALLBACK (on_drag_prepare_cb), self);
  g_signal_connect (source, "drag-begin", G_CALLBACK (on_drag_begin_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (source));
}

GtkWidget *
pd_project_row_new (void)
{
  return g_object_new (PD_TYPE_PROJECT_ROW, NULL);
}

PdProject *
pd_project_row_get_project (PdProjectRow *self)
{
  g_return_val_if_fail (PD_IS_PROJECT_ROW (self), NULL);
  return self->project;
}

void
pd_project_row_set_project (PdProjectRow *self,
                            PdProject    *project)
{
  g_return_if_fail (PD_IS_PROJECT_ROW (self));

  if (self->project == project)
    return;

  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);
  g_set_object (&self->project, project);
  if (project != NULL)
    g_signal_connect_swapped (project, "notify", G_CALLBACK (pd_project_row_update), self);
  pd_project_row_update (self);
}
