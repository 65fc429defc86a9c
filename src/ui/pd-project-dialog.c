/* pd-project-dialog.c
 *
 * Adds or edits one of the client's own projects. The image comes from a
 * file dropped from the file manager or picked through the file chooser
 * portal; the app never needs access to the user's folders.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-project-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-project-dialog.h"
#include "pd-ui-utils.h"
#include "pd-validation.h"


struct _PdProjectDialog
{
  AdwWindow      parent_instance;

  PdStore       *store;
  PdProject     *project;     /* the copy being edited */
  gboolean       is_new;
  GBytes        *image;       /* picked, not yet stored */
  char          *image_type;
  GCancellable  *cancellable;

  AdwEntryRow   *title_row;
  AdwEntryRow   *organisation_row;
  AdwEntryRow   *category_row;
  AdwEntryRow   *location_row;
  AdwEntryRow   *website_row;
  AdwEntryRow   *description_row;
  GtkSpinButton *target_spin;
  GtkFrame      *image_frame;
  GtkStack      *image_stack;
  GtkPicture    *picture;
  GtkLabel      *error_label;
};

G_DEFINE_FINAL_TYPE (PdProjectDialog, pd_project_dialog, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_error (PdProjectDialog *self,
            const char      *message)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
show_image (PdProjectDialog *self,
            GBytes          *bytes)
{
  g_autoptr(GdkTexture) texture = NULL;

  if (bytes != NULL)
    texture = gdk_texture_new_from_bytes (bytes, NULL);
  gtk_picture_set_paintable (self->picture, GDK_PAINTABLE (texture));
  gtk_stack_set_visible_child_name (self->image_stack, texture != NULL ? "image" : "none");
}

static gboolean
take_image (PdProjectDialog  *self,
            GBytes           *bytes,
            const char       *name,
            GError          **error)
{
  g_autofree char *content_type = NULL;
  g_autofree char *mime_type = NULL;
  gsize size = g_bytes_get_size (bytes);

  if (size > PD_ASSET_MAX_BYTES)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The image is larger than 10 MB. Please choose a smaller one."));
      return FALSE;
    }

  content_type = g_content_type_guess (name, g_bytes_get_data (bytes, NULL), size, NULL);
  mime_type = g_content_type_get_mime_type (content_type);
  if (mime_type == NULL || !pd_asset_mime_type_is_supported (mime_type))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Only PNG, JPEG, SVG and WebP images can be used."));
      return FALSE;
    }

  g_clear_pointer (&self->image, g_bytes_unref);
  g_free (self->image_type);
  self->image = g_bytes_ref (bytes);
  self->image_type = g_steal_pointer (&mime_type);
  show_image (self, bytes);
  show_error (self, NULL);
  return TRUE;
}

gboolean
pd_project_dialog_set_image_file (PdProjectDialog  *self,
                                  GFile            *file,
                                  GError          **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (PD_IS_PROJECT_DIALOG (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  bytes = g_file_load_bytes (file, NULL, NULL, error);
  if (bytes == NULL)
    return FALSE;
  name = g_file_get_basename (file);
  return take_image (self, bytes, name, error);
}

static void
on_image_loaded_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(PdProjectDialog) self = user_data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (G_FILE (source));

  bytes = g_file_load_bytes_finish (G_FILE (source), result, NULL, &error);
  if (bytes == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error->message);
      return;
    }
  if (!take_image (self, bytes, name, &error))
    show_error (self, error->message);
}

static void
load_image_file (PdProjectDialog *self,
                 GFile           *file)
{
  g_file_load_bytes_async (file, self->cancellable, on_image_loaded_cb, g_object_ref (self));
}

static gboolean
on_drop_cb (GtkDropTarget   *target,
            const GValue    *value,
            double           x,
            double           y,
            PdProjectDialog *self)
{
  GFile *file = NULL;

  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      GSList *files = gdk_file_list_get_files (g_value_get_boxed (value));

      file = files != NULL ? files->data : NULL;
      g_slist_free (files);
    }
  else if (G_VALUE_HOLDS (value, G_TYPE_FILE))
    file = g_value_get_object (value);

  if (file == NULL)
    return FALSE;

  load_image_file (self, file);
  return TRUE;
}

static void
on_chooser_response_cb (GtkNativeDialog *chooser,
                        int              response,
                        PdProjectDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        load_image_file (self, file);
    }
  g_object_unref (chooser);
}

static void
choose_image_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PdProjectDialog *self = PD_PROJECT_DIALOG (widget);
  GtkFileChooserNative *chooser = pd_image_chooser_new (widget, _("Choose an Image"));

  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

gboolean
pd_project_dialog_save (PdProjectDialog *self)
{
  g_autoptr(GError) error = NULL;
  const char *title;

  g_return_val_if_fail (PD_IS_PROJECT_DIALOG (self), FALSE);

  pd_project_set_title (self->project, gtk_editable_get_text (GTK_EDITABLE (self->title_row)));
  pd_project_set_organisation (self->project, gtk_editable_get_text (GTK_EDITABLE (self->organisation_row)));
  pd_project_set_category (self->project, gtk_editable_get_text (GTK_EDITABLE (self->category_row)));
  pd_project_set_location (self->project, gtk_editable_get_text (GTK_EDITABLE (self->location_row)));
  pd_project_set_website (self->project, gtk_editable_get_text (GTK_EDITABLE (self->website_row)));
  pd_project_set_description (self->project, gtk_editable_get_text (GTK_EDITABLE (self->description_row)));
  pd_project_set_default_target_coins (self->project, gtk_spin_button_get_value_as_int (self->target_spin));

  if (self->image != NULL)
    {
      g_autoptr(PdAsset) asset = pd_store_add_asset (self->store, self->image, self->image_type, &error);

      if (asset == NULL)
        {
          show_error (self, error->message);
          return FALSE;
        }
      pd_project_set_image_sha256 (self->project, pd_asset_get_sha256 (asset));
    }

  title = self->is_new ? _("Add Project") : _("Edit Project");
  if (!pd_store_save (self->store, PD_RECORD (self->project), title, &error))
    {
      show_error (self, error->message);
      pd_widget_set_error (GTK_WIDGET (self->title_row),
                           g_error_matches (error, PD_VALIDATION_ERROR, PD_VALIDATION_ERROR_REQUIRED));
      return FALSE;
    }

  g_signal_emit (self, signals[SAVED], 0, self->project);
  return TRUE;
}

static void
on_title_changed_cb (PdProjectDialog *self)
{
  pd_widget_set_error (GTK_WIDGET (self->title_row), FALSE);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PdProjectDialog *self = PD_PROJECT_DIALOG (widget);

  if (pd_project_dialog_save (self))
    gtk_window_close (GTK_WINDOW (self));
}

static void
pd_project_dialog_dispose (GObject *object)
{
  PdProjectDialog *self = PD_PROJECT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), PD_TYPE_PROJECT_DIALOG);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->project);
  g_clear_pointer (&self->image, g_bytes_unref);
  g_clear_pointer (&self->image_type, g_free);

  G_OBJECT_CLASS (pd_project_dialog_parent_class)->dispose (object);
}

static void
pd_project_dialog_class_init (PdProjectDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pd_project_dialog_dispose;

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, PD_TYPE_PROJECT);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/particulate/Designer/ui/pd-project-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PdProjectDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, PdProjectDialog, organisation_row);
  gtk_widget_class_bind_template_child (widget_class, PdProjectDialog, category_row);
  gtk_widget_class_bind_template_child (widget_class, PdProjectDialog, location_row);
  gtk_widget_class_bind_template_child (widget_class, PdProjectDialog, website_row);
  gtk_widget_class_bind_template_child (widget_class, PdProjectDialog, description_row);
  gtk_widget_class_bind_template_child (widget_class, PdProjectDialog, target_spin);
  gtk_widget_class_bind_template_child (widget_class, PdProjectDialog, image_frame);
  gtk_widget_class_bind_template_child (widget_class, PdProjectDialog, image_stack);
  gtk_widget_class_bind_template_child (widget_class, PdProjectDialog, picture);
  gtk_widget_class_bind_template_child (widget_class, PdProjectDialog, error_label);

  gtk_widget_class_install_action (widget_class, "dialog.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "dialog.choose-image", NULL, choose_image_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "dialog.save", NULL);
}

static void
pd_project_dialog_init (PdProjectDialog *self)
{
  GType types[] = { GDK_TYPE_FILE_LIST, G_TYPE_FILE };
  GtkDropTarget *target;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();

  pd_entry_row_name_parts (self->title_row);
  pd_entry_row_name_parts (self->organisation_row);
  pd_entry_row_name_parts (self->category_row);
  pd_entry_row_name_parts (self->location_row);
  pd_entry_row_name_parts (self->website_row);
  pd_entry_row_name_parts (self->description_row);

  target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  gtk_drop_target_set_gtypes (target, types, G_N_ELEMENTS (types));
  /* The keyboard's way to do what a drop does (see the help). */
  gtk_event_controller_set_name (GTK_EVENT_CONTROLLER (target), "dialog.choose-image");
  g_signal_connect (target, "drop", G_CALLBACK (on_drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}

PdProjectDialog *
pd_project_dialog_new (PdStore   *store,
                       PdProject *project)
{
  PdProjectDialog *self;

  g_return_val_if_fail (PD_IS_STORE (store), NULL);
  g_return_val_if_fail (project == NULL || PD_IS_PROJECT (project), NULL);

  self = g_object_new (PD_TYPE_PROJECT_DIALOG, NULL);
  self->store = g_object_ref (store);
  self->is_new = project == NULL;
  if (project != NULL)
    self->project = PD_PROJECT (pd_record_copy (PD_RECORD (project)));
  else
    {
      self->project = pd_project_new ();
      pd_project_set_source (self->project, PD_PROJECT_SOURCE_CLIENT);
    }

  gtk_window_set_title (GTK_WINDOW (self), self->is_new ? _("New Project") : _("Edit Project"));
  g_signal_connect_swapped (self->title_row, "changed", G_CALLBACK (on_title_changed_cb), self);
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), pd_project_get_title (self->project));
  gtk_editable_set_text (GTK_EDITABLE (self->organisation_row), pd_project_get_organisation (self->project));
  gtk_editable_set_text (GTK_EDITABLE (self->category_row), pd_project_get_category (self->project));
  gtk_editable_set_text (GTK_EDITABLE (self->location_row), pd_project_get_location (self->project));
  gtk_editable_set_text (GTK_EDITABLE (self->website_row),
                         pd_project_get_website (self->project) != NULL ? pd_project_get_website (self->project) : "");
  gtk_editable_set_text (GTK_EDITABLE (self->description_row), pd_project_get_description (self->project));
  gtk_spin_button_set_value (self->target_spin, (double) pd_project_get_default_target_coins (self->project));

  if (pd_project_get_image_sha256 (self->project) != NULL)
    {
      g_autoptr(GBytes) bytes = pd_store_load_asset (store, pd_project_get_image_sha256 (self->project), NULL);

      show_image (self, bytes);
    }

  return self;
}
