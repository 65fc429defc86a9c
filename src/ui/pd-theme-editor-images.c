/* pd-theme-editor-images.c: the logo and the hero image, dropped from the
 * file manager or chosen in the portal's file chooser
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-theme-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-design-edit.h"
#include "pd-theme-editor-private.h"
#include "pd-ui-utils.h"

static const char *image_properties[PD_THEME_N_IMAGES] = { "logo-sha256", "hero-sha256" };

void
_pd_theme_editor_set_picture (PdThemeEditor *self,
                              ImageRow      *row,
                              const char    *sha256)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  if (sha256 != NULL && self->store != NULL)
    bytes = pd_store_load_asset (self->store, sha256, NULL);
  if (bytes != NULL)
    texture = gdk_texture_new_from_bytes (bytes, NULL);
  gtk_picture_set_paintable (GTK_PICTURE (row->picture), GDK_PAINTABLE (texture));
  /* An empty slot would push the row's title aside for nothing. */
  gtk_widget_set_visible (row->picture, texture != NULL);
  gtk_widget_set_sensitive (row->remove_button, sha256 != NULL);
}

typedef struct {
  PdThemeImage image;
  char        *path;
} LoadData;

static void
load_data_free (gpointer data)
{
  LoadData *load = data;

  g_free (load->path);
  g_free (load);
}

static void
on_file_loaded_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PdThemeEditor *self = g_task_get_source_object (task);
  LoadData *load = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *content_type = NULL;
  g_autofree char *mime_type = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(PdAsset) asset = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  gsize length;

  if (!g_file_load_contents_finish (G_FILE (source), result, &contents, &length, NULL, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  content_type = g_content_type_guess (load->path, (const guchar *) contents, length, NULL);
  mime_type = g_content_type_get_mime_type (content_type);
  if (!pd_asset_mime_type_is_supported (mime_type))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("This file is not a PNG, JPEG, SVG or WebP image."));
      return;
    }

  if (self->theme == NULL || self->store == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The campaign has no theme."));
      return;
    }

  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
  asset = pd_store_add_asset (self->store, bytes, mime_type, &error);
  if (asset == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, pd_asset_get_sha256 (asset));
  if (!pd_design_edit_theme (self->store, self->theme, image_properties[load->image], &value,
                             load->image == PD_THEME_IMAGE_LOGO ? _("Change Logo") : _("Change Hero Image"), &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

void
pd_theme_editor_load_image_async (PdThemeEditor       *self,
                                  PdThemeImage         image,
                                  GFile               *file,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadData *load;

  g_return_if_fail (PD_IS_THEME_EDITOR (self));
  g_return_if_fail (image < PD_THEME_N_IMAGES);
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pd_theme_editor_load_image_async);
  load = g_new0 (LoadData, 1);
  load->image = image;
  load->path = g_file_get_basename (file);
  g_task_set_task_data (task, load, load_data_free);
  g_file_load_contents_async (file, cancellable, on_file_loaded_cb, g_steal_pointer (&task));
}

gboolean
pd_theme_editor_load_image_finish (PdThemeEditor  *self,
                                   GAsyncResult   *result,
                                   GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_image_loaded_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  PdThemeEditor *self = PD_THEME_EDITOR (source);
  g_autoptr(GError) error = NULL;

  if (!pd_theme_editor_load_image_finish (self, result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    _pd_theme_editor_show_error (self, error);
}

static gboolean
on_image_drop_cb (GtkDropTarget *target,
                  const GValue  *value,
                  double         x,
                  double         y,
                  PdThemeEditor *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  PdThemeImage image = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "pd-image"));
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  files = gdk_file_list_get_files (g_value_get_boxed (value));
  if (files == NULL)
    return FALSE;

  pd_theme_editor_load_image_async (self, image, files->data, self->cancellable, on_image_loaded_cb, NULL);
  g_slist_free (files);
  return TRUE;
}

static void
on_chooser_response_cb (GtkNativeDialog *dialog,
                        int              response,
                        PdThemeEditor   *self)
{
  PdThemeImage image = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dialog), "pd-image"));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      if (file != NULL)
        pd_theme_editor_load_image_async (self, image, file, self->cancellable, on_image_loaded_cb, NULL);
    }
  g_object_unref (dialog);
}

static void
choose_image (PdThemeEditor *self,
              PdThemeImage   image)
{
  GtkFileChooserNative *dialog = pd_image_chooser_new (GTK_WIDGET (self), image == PD_THEME_IMAGE_LOGO
                                                                           ? _("Choose a Logo")
                                                                           : _("Choose a Hero Image"));

  g_object_set_data (G_OBJECT (dialog), "pd-image", GUINT_TO_POINTER (image));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
choose_logo_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  choose_image (PD_THEME_EDITOR (widget), PD_THEME_IMAGE_LOGO);
}

static void
choose_hero_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  choose_image (PD_THEME_EDITOR (widget), PD_THEME_IMAGE_HERO);
}

static void
on_remove_image_clicked_cb (GtkButton     *button,
                            PdThemeEditor *self)
{
  PdThemeImage image = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "pd-image"));
  g_autoptr(GError) error = NULL;
  g_auto(GValue) value = G_VALUE_INIT;

  if (self->theme == NULL)
    return;
  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, NULL);
  if (!pd_design_edit_theme (self->store, self->theme, image_properties[image], &value,
                             image == PD_THEME_IMAGE_LOGO ? _("Remove Logo") : _("Remove Hero Image"), &error))
    _pd_theme_editor_show_error (self, error);
}

static const char *choose_actions[PD_THEME_N_IMAGES] = { "theme.choose-logo", "theme.choose-hero" };

void
_pd_theme_editor_build_image_rows (PdThemeEditor *self)
{
  for (guint i = 0; i < PD_THEME_N_IMAGES; i++)
    {
      ImageRow *r = &self->images[i];
      GtkWidget *choose = gtk_button_new_with_mnemonic (_("_Choose…"));
      GtkDropTarget *drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
      const char *title = i == PD_THEME_IMAGE_LOGO ? _("_Logo") : _("_Hero Image");
      const char *plain = i == PD_THEME_IMAGE_LOGO ? _("Logo") : _("Hero Image");
      g_autofree char *choose_label = NULL;
      g_autofree char *remove_label = NULL;

      r->row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (r->row), title);
      adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (r->row), TRUE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (r->row),
                                   i == PD_THEME_IMAGE_LOGO ? _("Shown in the page’s top bar")
                                                            : _("Behind the headline of the hero block"));
      g_object_set_data (G_OBJECT (r->row), "pd-image", GUINT_TO_POINTER (i));

      r->picture = gtk_picture_new ();
      gtk_widget_set_size_request (r->picture, 48, 48);
      gtk_picture_set_can_shrink (GTK_PICTURE (r->picture), TRUE);
      gtk_widget_set_valign (r->picture, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (r->picture), GTK_ACCESSIBLE_PROPERTY_LABEL, plain, -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (r->row), r->picture);

      gtk_widget_set_valign (choose, GTK_ALIGN_CENTER);
      /* Translators: accessible name, e.g. "Choose Logo" */
      choose_label = g_strdup_printf (_("Choose %s"), plain);
      gtk_accessible_update_property (GTK_ACCESSIBLE (choose), GTK_ACCESSIBLE_PROPERTY_LABEL, choose_label, -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (choose), choose_actions[i]);
      adw_action_row_add_suffix (ADW_ACTION_ROW (r->row), choose);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (r->row), choose);

      r->remove_button = gtk_button_new_from_icon_name ("edit-delete-symbolic");
      gtk_widget_add_css_class (r->remove_button, "flat");
      gtk_widget_set_valign (r->remove_button, GTK_ALIGN_CENTER);
      /* Translators: accessible name and tooltip, e.g. "Remove Logo" */
      remove_label = g_strdup_printf (_("Remove %s"), plain);
      gtk_widget_set_tooltip_text (r->remove_button, remove_label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (r->remove_button), GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label, -1);
      g_object_set_data (G_OBJECT (r->remove_button), "pd-image", GUINT_TO_POINTER (i));
      g_signal_connect_object (r->remove_button, "clicked", G_CALLBACK (on_remove_image_clicked_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (r->row), r->remove_button);

      /* The Choose button's action is what the keyboard does instead. */
      gtk_event_controller_set_name (GTK_EVENT_CONTROLLER (drop), choose_actions[i]);
      g_signal_connect_object (drop, "drop", G_CALLBACK (on_image_drop_cb), self, 0);
      gtk_widget_add_controller (r->row, GTK_EVENT_CONTROLLER (drop));
      adw_preferences_group_add (self->images_group, r->row);
    }
}

void
_pd_theme_editor_class_init_image_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "theme.choose-logo", NULL, choose_logo_action);
  gtk_widget_class_install_action (widget_class, "theme.choose-hero", NULL, choose_hero_action);
}
