/* pd-theme-editor.c
 *
 * Edits the theme assigned to the campaign. Each change is saved at once
 * as its own undo step; the controls follow the live theme, so undo and
 * sync update them like any other edit.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-theme-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-block-properties.h"
#include "pd-colour.h"
#include "pd-design-edit.h"
#include "pd-starter-themes.h"
#include "pd-theme-editor.h"

typedef struct {
  GtkWidget  *row;
  GtkWidget  *entry;
  GtkWidget  *button;
} ColourRow;

typedef struct {
  GtkWidget  *row;
  GtkWidget  *picture;
  GtkWidget  *remove_button;
} ImageRow;

struct _PdThemeEditor
{
  AdwBin          parent_instance;

  PdStore        *store;
  PdCampaign     *campaign;
  PdTheme        *theme;
  GListModel     *themes;
  GtkStringList  *theme_names;
  GPtrArray      *theme_ids;     /* parallel to theme_names; [0] is NULL */
  GtkStringList  *fonts;
  GCancellable   *cancellable;
  gboolean        updating;

  ColourRow       colours[PD_THEME_N_COLOURS];
  ImageRow        images[PD_THEME_N_IMAGES];

  AdwComboRow    *theme_row;
  AdwEntryRow    *name_row;
  GtkWidget      *starters_row;
  AdwPreferencesGroup *colours_group;
  GtkWidget      *contrast_group;
  AdwActionRow   *text_contrast_row;
  GtkImage       *text_contrast_icon;
  AdwActionRow   *button_contrast_row;
  GtkImage       *button_contrast_icon;
  AdwPreferencesGroup *images_group;
  GtkWidget      *type_group;
  AdwComboRow    *font_row;
  GtkSpinButton  *radius_spin;
  GtkWidget      *menu_button;
};

G_DEFINE_FINAL_TYPE (PdThemeEditor, pd_theme_editor, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_CAMPAIGN,
  N_PROPS
};

enum {
  TOAST,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const char *colour_properties[PD_THEME_N_COLOURS] = {
  "primary-color", "accent-color", "background-color", "text-color",
};

static const char *image_properties[PD_THEME_N_IMAGES] = { "logo-sha256", "hero-sha256" };

/* A short list of fonts that read well on screen and exist nearly
 * everywhere (the HTML page names fallbacks after them). */
static const char *font_families[] = {
  "Cantarell", "Noto Sans", "Noto Serif", "Inter", "Source Sans 3", "DejaVu Sans", "Georgia", NULL,
};

static const char *
colour_title (PdThemeColour colour)
{
  switch (colour)
    {
    case PD_THEME_COLOUR_PRIMARY: return _("_Primary");
    case PD_THEME_COLOUR_ACCENT: return _("_Accent");
    case PD_THEME_COLOUR_BACKGROUND: return _("_Background");
    case PD_THEME_COLOUR_TEXT: return _("Te_xt");
    case PD_THEME_N_COLOURS:
    default: return NULL;
    }
}

static const char *
colour_subtitle (PdThemeColour colour)
{
  switch (colour)
    {
    case PD_THEME_COLOUR_PRIMARY: return _("Buttons, links and highlights");
    case PD_THEME_COLOUR_ACCENT: return _("Progress bars and the hero gradient");
    case PD_THEME_COLOUR_BACKGROUND: return _("The page, and the text on buttons");
    case PD_THEME_COLOUR_TEXT: return _("Headings and body text");
    case PD_THEME_N_COLOURS:
    default: return NULL;
    }
}

static const char *
colour_action_title (PdThemeColour colour)
{
  switch (colour)
    {
    case PD_THEME_COLOUR_PRIMARY: return _("Change Primary Colour");
    case PD_THEME_COLOUR_ACCENT: return _("Change Accent Colour");
    case PD_THEME_COLOUR_BACKGROUND: return _("Change Background Colour");
    case PD_THEME_COLOUR_TEXT: return _("Change Text Colour");
    case PD_THEME_N_COLOURS:
    default: return NULL;
    }
}

static void
show_error (PdThemeEditor *self,
            const GError  *error)
{
  g_autoptr(AdwToast) toast = adw_toast_new (error->message);

  g_signal_emit (self, signals[TOAST], 0, toast);
}

static const char *
theme_colour (PdTheme       *theme,
              PdThemeColour  colour)
{
  switch (colour)
    {
    case PD_THEME_COLOUR_PRIMARY: return pd_theme_get_primary_color (theme);
    case PD_THEME_COLOUR_ACCENT: return pd_theme_get_accent_color (theme);
    case PD_THEME_COLOUR_BACKGROUND: return pd_theme_get_background_color (theme);
    case PD_THEME_COLOUR_TEXT: return pd_theme_get_text_color (theme);
    case PD_THEME_N_COLOURS:
    default: return NULL;
    }
}

static void
update_contrast_row (AdwActionRow   *row,
                     GtkImage       *icon,
                     const PdColour *a,
                     const PdColour *b)
{
  double ratio = pd_colour_contrast_ratio (a, b);
  gboolean ok = ratio >= PD_CONTRAST_MIN_TEXT;
  g_autofree char *subtitle = NULL;

  /* Round down, so 4.49 never shows as a passing 4.5. */
  if (ok)
    /* Translators: a contrast ratio such as "12.6:1", and that it passes */
    subtitle = g_strdup_printf (_("%.1f:1 — easy to read"), (double) ((int) (ratio * 10)) / 10.0);
  else
    /* Translators: a contrast ratio such as "2.9:1" below the 4.5:1 minimum */
    subtitle = g_strdup_printf (_("%.1f:1 — too low, at least 4.5:1 is needed"), (double) ((int) (ratio * 10)) / 10.0);

  adw_action_row_set_subtitle (row, subtitle);
  gtk_image_set_from_icon_name (icon, ok ? "emblem-ok-symbolic" : "dialog-warning-symbolic");
  if (ok)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (icon), "warning");
      gtk_widget_add_css_class (GTK_WIDGET (icon), "success");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (icon), "success");
      gtk_widget_add_css_class (GTK_WIDGET (icon), "warning");
    }
  g_object_set_data (G_OBJECT (row), "pd-warning", GINT_TO_POINTER (!ok));
}

static void
update_contrast (PdThemeEditor *self)
{
  PdColour text, background, primary;

  if (self->theme == NULL)
    return;

  /* The same colours the donor page uses in light mode: button labels
   * carry the background colour. */
  text = pd_colour_parse_or (pd_theme_get_text_color (self->theme), "#000000");
  background = pd_colour_parse_or (pd_theme_get_background_color (self->theme), "#ffffff");
  primary = pd_colour_parse_or (pd_theme_get_primary_color (self->theme), "#1a5fb4");
  update_contrast_row (self->text_contrast_row, self->text_contrast_icon, &text, &background);
  update_contrast_row (self->button_contrast_row, self->button_contrast_icon, &background, &primary);
}

static void
set_picture_from_asset (PdThemeEditor *self,
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
  gtk_widget_set_sensitive (row->remove_button, sha256 != NULL);
}

static void
update_controls (PdThemeEditor *self)
{
  gboolean has_theme = self->theme != NULL;
  guint n_themes = self->themes != NULL ? g_list_model_get_n_items (self->themes) : 0;

  self->updating = TRUE;

  gtk_widget_set_visible (self->starters_row, n_themes == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->name_row), has_theme);
  gtk_widget_set_sensitive (GTK_WIDGET (self->theme_row), self->campaign != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->colours_group), has_theme);
  gtk_widget_set_visible (self->contrast_group, has_theme);
  gtk_widget_set_sensitive (GTK_WIDGET (self->images_group), has_theme);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "theme.choose-logo", has_theme);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "theme.choose-hero", has_theme);
  gtk_widget_set_sensitive (self->type_group, has_theme);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "theme.new", self->store != NULL && self->campaign != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "theme.add-starters", self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "theme.duplicate", has_theme);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "theme.delete", has_theme);

  {
    guint selected = 0;
    const char *theme_id = self->campaign ? pd_campaign_get_theme_id (self->campaign) : NULL;

    for (guint i = 1; i < self->theme_ids->len; i++)
      if (g_strcmp0 (g_ptr_array_index (self->theme_ids, i), theme_id) == 0)
        selected = i;
    adw_combo_row_set_selected (self->theme_row, selected);
  }

  if (has_theme)
    {
      const char *font = pd_theme_get_font_family (self->theme);
      guint font_index = 0;

      gtk_editable_set_text (GTK_EDITABLE (self->name_row), pd_theme_get_name (self->theme));
      for (guint i = 0; i < PD_THEME_N_COLOURS; i++)
        {
          PdColour colour = pd_colour_parse_or (theme_colour (self->theme, i), "#000000");
          double rgba_d[4];
          GdkRGBA rgba;
          g_autofree char *text = pd_colour_to_string (&colour);

          pd_colour_to_rgba (&colour, rgba_d);
          rgba = (GdkRGBA) { rgba_d[0], rgba_d[1], rgba_d[2], 1.0 };
          gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (self->colours[i].button), &rgba);
          gtk_editable_set_text (GTK_EDITABLE (self->colours[i].entry), text);
          gtk_widget_remove_css_class (self->colours[i].entry, "error");
        }
      for (guint i = 0; i < PD_THEME_N_IMAGES; i++)
        set_picture_from_asset (self, &self->images[i],
                                i == PD_THEME_IMAGE_LOGO ? pd_theme_get_logo_sha256 (self->theme)
                                                         : pd_theme_get_hero_sha256 (self->theme));
      for (guint i = 0; font_families[i] != NULL; i++)
        if (g_strcmp0 (font_families[i], font) == 0)
          font_index = i;
      /* A font set elsewhere that is not in the list is added to it. */
      if (font != NULL && *font != '\0' && g_strcmp0 (font_families[font_index], font) != 0)
        {
          guint n = g_list_model_get_n_items (G_LIST_MODEL (self->fonts));
          if (n > G_N_ELEMENTS (font_families) - 1)
            gtk_string_list_remove (self->fonts, n - 1);
          gtk_string_list_append (self->fonts, font);
          font_index = G_N_ELEMENTS (font_families) - 1;
        }
      adw_combo_row_set_selected (self->font_row, font_index);
      gtk_spin_button_set_value (self->radius_spin, pd_theme_get_corner_radius (self->theme));
      update_contrast (self);
    }

  self->updating = FALSE;
}

static void rebuild_theme_names (PdThemeEditor *self);

static void
on_theme_notify_cb (PdThemeEditor *self,
                    GParamSpec    *pspec)
{
  /* The name shows in the theme list too. */
  if (g_str_equal (pspec->name, "name"))
    rebuild_theme_names (self);
  else
    update_controls (self);
}

static void
set_theme (PdThemeEditor *self,
           PdTheme       *theme)
{
  if (self->theme == theme)
    return;

  if (self->theme != NULL)
    g_signal_handlers_disconnect_by_func (self->theme, on_theme_notify_cb, self);
  g_set_object (&self->theme, theme);
  if (self->theme != NULL)
    g_signal_connect_object (self->theme, "notify", G_CALLBACK (on_theme_notify_cb), self, G_CONNECT_SWAPPED);
}

static void
refresh_theme (PdThemeEditor *self)
{
  g_autoptr(PdTheme) theme = NULL;
  const char *theme_id = self->campaign ? pd_campaign_get_theme_id (self->campaign) : NULL;

  if (theme_id != NULL && self->store != NULL)
    theme = pd_store_get_theme (self->store, theme_id);
  set_theme (self, theme);
  update_controls (self);
}

static void
rebuild_theme_names (PdThemeEditor *self)
{
  guint n = self->themes != NULL ? g_list_model_get_n_items (self->themes) : 0;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  g_ptr_array_set_size (self->theme_ids, 0);
  g_ptr_array_add (self->theme_ids, NULL);
  g_ptr_array_add (names, (gpointer) _("Default Look"));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PdTheme) theme = g_list_model_get_item (self->themes, i);
      g_ptr_array_add (self->theme_ids, g_strdup (pd_record_get_id (PD_RECORD (theme))));
      g_ptr_array_add (names, (gpointer) g_intern_string (pd_theme_get_name (theme)));
    }
  g_ptr_array_add (names, NULL);

  self->updating = TRUE;
  gtk_string_list_splice (self->theme_names, 0, g_list_model_get_n_items (G_LIST_MODEL (self->theme_names)),
                          (const char * const *) names->pdata);
  self->updating = FALSE;
  refresh_theme (self);
}

static void
on_themes_changed_cb (PdThemeEditor *self)
{
  rebuild_theme_names (self);
}

static void
on_campaign_theme_changed_cb (PdThemeEditor *self)
{
  refresh_theme (self);
}

static gboolean
assign_theme (PdThemeEditor  *self,
              const char     *theme_id,
              GError        **error)
{
  g_autoptr(PdCampaign) copy = NULL;

  if (g_strcmp0 (theme_id, pd_campaign_get_theme_id (self->campaign)) == 0)
    return TRUE;

  copy = PD_CAMPAIGN (pd_record_copy (PD_RECORD (self->campaign)));
  pd_campaign_set_theme_id (copy, theme_id);
  return pd_store_save (self->store, PD_RECORD (copy), _("Assign Theme"), error);
}

static void
on_theme_row_selected_cb (PdThemeEditor *self)
{
  g_autoptr(GError) error = NULL;
  guint selected = adw_combo_row_get_selected (self->theme_row);

  if (self->updating || self->campaign == NULL || self->store == NULL || selected >= self->theme_ids->len)
    return;

  if (!assign_theme (self, g_ptr_array_index (self->theme_ids, selected), &error))
    {
      show_error (self, error);
      update_controls (self);
    }
}

static void
on_name_apply_cb (PdThemeEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  g_autofree char *name = NULL;

  if (self->theme == NULL)
    return;

  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, name);
  if (!pd_design_edit_theme (self->store, self->theme, "name", &value, _("Rename Theme"), &error))
    {
      show_error (self, error);
      update_controls (self);
    }
}

static void
save_colour (PdThemeEditor  *self,
             PdThemeColour   colour,
             const PdColour *value)
{
  g_autoptr(GError) error = NULL;
  g_auto(GValue) gvalue = G_VALUE_INIT;

  if (self->updating || self->theme == NULL)
    return;

  g_value_init (&gvalue, G_TYPE_STRING);
  g_value_take_string (&gvalue, pd_colour_to_string (value));
  if (!pd_design_edit_theme (self->store, self->theme, colour_properties[colour], &gvalue,
                             colour_action_title (colour), &error))
    show_error (self, error);
  update_controls (self);
}

static void
on_colour_set_cb (GtkColorButton *button,
                  PdThemeEditor  *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "pd-colour"));
  GdkRGBA rgba;
  double values[4];
  PdColour colour;

  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (button), &rgba);
  values[0] = rgba.red;
  values[1] = rgba.green;
  values[2] = rgba.blue;
  values[3] = 1.0;
  colour = pd_colour_from_rgba (values);
  save_colour (self, index, &colour);
}

static void
on_colour_entry_activate_cb (GtkEntry      *entry,
                             PdThemeEditor *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (entry), "pd-colour"));
  g_autoptr(GError) error = NULL;
  PdColour colour;

  if (!pd_colour_parse (gtk_editable_get_text (GTK_EDITABLE (entry)), &colour, &error))
    {
      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (entry), error->message);
      show_error (self, error);
      return;
    }
  gtk_widget_set_tooltip_text (GTK_WIDGET (entry), NULL);
  save_colour (self, index, &colour);
}

static void
on_font_selected_cb (PdThemeEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  guint selected = adw_combo_row_get_selected (self->font_row);

  if (self->updating || self->theme == NULL || selected == GTK_INVALID_LIST_POSITION)
    return;

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, gtk_string_list_get_string (self->fonts, selected));
  if (!pd_design_edit_theme (self->store, self->theme, "font-family", &value, _("Change Font"), &error))
    show_error (self, error);
}

static void
on_radius_changed_cb (PdThemeEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_auto(GValue) value = G_VALUE_INIT;

  if (self->updating || self->theme == NULL)
    return;

  g_value_init (&value, G_TYPE_INT);
  g_value_set_int (&value, gtk_spin_button_get_value_as_int (self->radius_spin));
  if (!pd_design_edit_theme (self->store, self->theme, "corner-radius", &value, _("Change Corner Radius"), &error))
    show_error (self, error);
}

/* --- Images ------------------------------------------------------------- */

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
    show_error (self, error);
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
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  dialog = gtk_file_chooser_native_new (image == PD_THEME_IMAGE_LOGO ? _("Choose a Logo") : _("Choose a Hero Image"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Images"));
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_filter_add_mime_type (filter, "image/jpeg");
  gtk_file_filter_add_mime_type (filter, "image/svg+xml");
  gtk_file_filter_add_mime_type (filter, "image/webp");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
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
    show_error (self, error);
}

/* --- Theme actions ------------------------------------------------------ */

static void
add_theme_and_assign (PdThemeEditor *self,
                      PdTheme       *theme,
                      const char    *title)
{
  g_autoptr(GError) error = NULL;

  pd_store_begin_action (self->store, title);
  if (!pd_store_save (self->store, PD_RECORD (theme), NULL, &error)
      || (self->campaign != NULL && !assign_theme (self, pd_record_get_id (PD_RECORD (theme)), &error)))
    {
      pd_store_end_action (self->store, FALSE, NULL);
      show_error (self, error);
      return;
    }
  if (!pd_store_end_action (self->store, TRUE, &error))
    show_error (self, error);
}

static void
theme_new_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PdThemeEditor *self = PD_THEME_EDITOR (widget);
  g_autoptr(PdTheme) theme = pd_theme_new ();

  pd_theme_set_name (theme, _("New Theme"));
  pd_theme_set_font_family (theme, "Cantarell");
  pd_theme_set_corner_radius (theme, 12);
  add_theme_and_assign (self, theme, _("New Theme"));
}

static void
theme_duplicate_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  PdThemeEditor *self = PD_THEME_EDITOR (widget);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(PdTheme) copy = NULL;
  g_autofree char *name = NULL;

  if (self->theme == NULL)
    return;

  node = pd_record_content_to_json (PD_RECORD (self->theme));
  /* The copy is a new record with an id of its own. */
  json_object_remove_member (json_node_get_object (node), "id");
  copy = pd_theme_new ();
  if (!pd_record_load_json (PD_RECORD (copy), node, NULL))
    return;
  /* Translators: the name of a copied theme, e.g. "Bank Blue (Copy)" */
  name = g_strdup_printf (_("%s (Copy)"), pd_theme_get_name (self->theme));
  pd_theme_set_name (copy, name);
  add_theme_and_assign (self, copy, _("Duplicate Theme"));
}

static void
on_toast_undo_cb (PdThemeEditor *self)
{
  g_autoptr(GError) error = NULL;

  if (self->store != NULL && !pd_undo_stack_undo (pd_store_get_undo_stack (self->store), &error))
    show_error (self, error);
}

static void
theme_delete_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PdThemeEditor *self = PD_THEME_EDITOR (widget);
  g_autoptr(PdTheme) theme = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AdwToast) toast = NULL;
  g_autofree char *message = NULL;

  if (self->theme == NULL)
    return;

  theme = g_object_ref (self->theme);
  pd_store_begin_action (self->store, _("Delete Theme"));
  if ((self->campaign != NULL && !assign_theme (self, NULL, &error))
      || !pd_store_delete (self->store, PD_RECORD (theme), NULL, &error))
    {
      pd_store_end_action (self->store, FALSE, NULL);
      show_error (self, error);
      return;
    }
  if (!pd_store_end_action (self->store, TRUE, &error))
    {
      show_error (self, error);
      return;
    }

  /* Translators: a toast after deleting the theme named %s */
  message = g_strdup_printf (_("Theme “%s” deleted"), pd_theme_get_name (theme));
  toast = adw_toast_new (message);
  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_toast_undo_cb), self, G_CONNECT_SWAPPED);
  g_signal_emit (self, signals[TOAST], 0, toast);
}

static void
theme_add_starters_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  PdThemeEditor *self = PD_THEME_EDITOR (widget);
  g_autoptr(GPtrArray) themes = pd_starter_themes_new ();
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;

  pd_store_begin_action (self->store, _("Add Starter Themes"));
  if (!pd_store_save_all (self->store, themes, NULL, &error)
      || (self->campaign != NULL && pd_campaign_get_theme_id (self->campaign) == NULL
          && !assign_theme (self, pd_record_get_id (g_ptr_array_index (themes, 0)), &error)))
    {
      pd_store_end_action (self->store, FALSE, NULL);
      show_error (self, error);
      return;
    }
  if (!pd_store_end_action (self->store, TRUE, &error))
    show_error (self, error);
}

/* --- Construction ------------------------------------------------------- */

/* GtkColorButton takes colours dropped on it, with no keyboard way to do
 * the same; the colour code field is the way here, so drops are off. */
static void
remove_drop_targets (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  g_autoptr(GPtrArray) targets = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);
      if (GTK_IS_DROP_TARGET (controller) || GTK_IS_DROP_TARGET_ASYNC (controller))
        g_ptr_array_add (targets, g_object_ref (controller));
    }
  for (guint i = 0; i < targets->len; i++)
    gtk_widget_remove_controller (widget, g_ptr_array_index (targets, i));

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    remove_drop_targets (child);
}

static void
build_colour_rows (PdThemeEditor *self)
{
  for (guint i = 0; i < PD_THEME_N_COLOURS; i++)
    {
      ColourRow *c = &self->colours[i];
      g_autofree char *plain = NULL;
      g_autofree char *entry_label = NULL;
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

      c->row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (c->row), colour_title (i));
      adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (c->row), TRUE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (c->row), colour_subtitle (i));

      plain = g_strdup (colour_title (i));
      {
        char *w = plain;
        for (const char *r = plain; *r != '\0'; r++)
          if (*r != '_')
            *w++ = *r;
        *w = '\0';
      }

      c->entry = gtk_entry_new ();
      gtk_editable_set_width_chars (GTK_EDITABLE (c->entry), 8);
      gtk_editable_set_max_width_chars (GTK_EDITABLE (c->entry), 8);
      gtk_widget_set_valign (c->entry, GTK_ALIGN_CENTER);
      /* Translators: accessible name of the hex field, e.g. "Primary colour code" */
      entry_label = g_strdup_printf (_("%s colour code"), plain);
      gtk_accessible_update_property (GTK_ACCESSIBLE (c->entry), GTK_ACCESSIBLE_PROPERTY_LABEL, entry_label, -1);
      g_object_set_data (G_OBJECT (c->entry), "pd-colour", GUINT_TO_POINTER (i));
      g_signal_connect_object (c->entry, "activate", G_CALLBACK (on_colour_entry_activate_cb), self, 0);

      G_GNUC_BEGIN_IGNORE_DEPRECATIONS
      c->button = gtk_color_button_new ();
      gtk_color_chooser_set_use_alpha (GTK_COLOR_CHOOSER (c->button), FALSE);
      gtk_color_button_set_title (GTK_COLOR_BUTTON (c->button), plain);
      G_GNUC_END_IGNORE_DEPRECATIONS
      gtk_widget_set_valign (c->button, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (c->button), GTK_ACCESSIBLE_PROPERTY_LABEL, plain, -1);
      remove_drop_targets (c->button);
      g_object_set_data (G_OBJECT (c->button), "pd-colour", GUINT_TO_POINTER (i));
      g_signal_connect_object (c->button, "color-set", G_CALLBACK (on_colour_set_cb), self, 0);

      gtk_box_append (GTK_BOX (box), c->entry);
      gtk_box_append (GTK_BOX (box), c->button);
      adw_action_row_add_suffix (ADW_ACTION_ROW (c->row), box);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (c->row), c->button);
      adw_preferences_group_add (self->colours_group, c->row);
    }
}

static const char *choose_actions[PD_THEME_N_IMAGES] = { "theme.choose-logo", "theme.choose-hero" };

static void
build_image_rows (PdThemeEditor *self)
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

static void
pd_theme_editor_dispose (GObject *object)
{
  PdThemeEditor *self = PD_THEME_EDITOR (object);

  g_cancellable_cancel (self->cancellable);
  set_theme (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), PD_TYPE_THEME_EDITOR);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->campaign);
  g_clear_object (&self->store);
  g_clear_object (&self->themes);
  g_clear_object (&self->theme_names);
  g_clear_object (&self->fonts);
  g_clear_pointer (&self->theme_ids, g_ptr_array_unref);

  G_OBJECT_CLASS (pd_theme_editor_parent_class)->dispose (object);
}

static void
set_store (PdThemeEditor *self,
           PdStore       *store)
{
  if (self->store == store)
    return;

  if (self->themes != NULL)
    g_signal_handlers_disconnect_by_func (self->themes, on_themes_changed_cb, self);
  g_clear_object (&self->themes);
  g_set_object (&self->store, store);
  if (store != NULL)
    {
      self->themes = g_object_ref (pd_store_get_themes (store));
      g_signal_connect_object (self->themes, "items-changed", G_CALLBACK (on_themes_changed_cb), self, G_CONNECT_SWAPPED);
    }
  rebuild_theme_names (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

static void
set_campaign (PdThemeEditor *self,
              PdCampaign    *campaign)
{
  if (self->campaign == campaign)
    return;

  if (self->campaign != NULL)
    g_signal_handlers_disconnect_by_func (self->campaign, on_campaign_theme_changed_cb, self);
  g_set_object (&self->campaign, campaign);
  if (campaign != NULL)
    g_signal_connect_object (campaign, "notify::theme-id", G_CALLBACK (on_campaign_theme_changed_cb), self, G_CONNECT_SWAPPED);
  refresh_theme (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAMPAIGN]);
}

static void
pd_theme_editor_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PdThemeEditor *self = PD_THEME_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_CAMPAIGN:
      g_value_set_object (value, self->campaign);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_theme_editor_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  PdThemeEditor *self = PD_THEME_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      set_store (self, g_value_get_object (value));
      break;
    case PROP_CAMPAIGN:
      set_campaign (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_theme_editor_class_init (PdThemeEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pd_theme_editor_dispose;
  object_class->get_property = pd_theme_editor_get_property;
  object_class->set_property = pd_theme_editor_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, PD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAMPAIGN] =
    g_param_spec_object ("campaign", NULL, NULL, PD_TYPE_CAMPAIGN,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[TOAST] =
    g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, ADW_TYPE_TOAST);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/particulate/Designer/ui/pd-theme-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, PdThemeEditor, theme_row);
  gtk_widget_class_bind_template_child (widget_class, PdThemeEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, PdThemeEditor, starters_row);
  gtk_widget_class_bind_template_child (widget_class, PdThemeEditor, colours_group);
  gtk_widget_class_bind_template_child (widget_class, PdThemeEditor, contrast_group);
  gtk_widget_class_bind_template_child (widget_class, PdThemeEditor, text_contrast_row);
  gtk_widget_class_bind_template_child (widget_class, PdThemeEditor, text_contrast_icon);
  gtk_widget_class_bind_template_child (widget_class, PdThemeEditor, button_contrast_row);
  gtk_widget_class_bind_template_child (widget_class, PdThemeEditor, button_contrast_icon);
  gtk_widget_class_bind_template_child (widget_class, PdThemeEditor, images_group);
  gtk_widget_class_bind_template_child (widget_class, PdThemeEditor, type_group);
  gtk_widget_class_bind_template_child (widget_class, PdThemeEditor, font_row);
  gtk_widget_class_bind_template_child (widget_class, PdThemeEditor, radius_spin);
  gtk_widget_class_bind_template_child (widget_class, PdThemeEditor, menu_button);
  gtk_widget_class_bind_template_callback (widget_class, on_name_apply_cb);

  gtk_widget_class_install_action (widget_class, "theme.new", NULL, theme_new_action);
  gtk_widget_class_install_action (widget_class, "theme.duplicate", NULL, theme_duplicate_action);
  gtk_widget_class_install_action (widget_class, "theme.delete", NULL, theme_delete_action);
  gtk_widget_class_install_action (widget_class, "theme.add-starters", NULL, theme_add_starters_action);
  gtk_widget_class_install_action (widget_class, "theme.choose-logo", NULL, choose_logo_action);
  gtk_widget_class_install_action (widget_class, "theme.choose-hero", NULL, choose_hero_action);
}

static void
pd_theme_editor_init (PdThemeEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->theme_ids = g_ptr_array_new_with_free_func (g_free);
  self->theme_names = gtk_string_list_new (NULL);
  self->fonts = gtk_string_list_new (font_families);

  adw_combo_row_set_model (self->theme_row, G_LIST_MODEL (self->theme_names));
  adw_combo_row_set_model (self->font_row, G_LIST_MODEL (self->fonts));
  g_signal_connect_object (self->theme_row, "notify::selected", G_CALLBACK (on_theme_row_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->font_row, "notify::selected", G_CALLBACK (on_font_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->radius_spin, "value-changed", G_CALLBACK (on_radius_changed_cb), self, G_CONNECT_SWAPPED);

  build_colour_rows (self);
  build_image_rows (self);
  pd_entry_row_set_accessible_name (self->name_row, _("Theme Name"));
  rebuild_theme_names (self);
}

GtkWidget *
pd_theme_editor_new (void)
{
  return g_object_new (PD_TYPE_THEME_EDITOR, NULL);
}

PdTheme *
pd_theme_editor_get_theme (PdThemeEditor *self)
{
  g_return_val_if_fail (PD_IS_THEME_EDITOR (self), NULL);
  return self->theme;
}

GtkWidget *
pd_theme_editor_get_colour_button (PdThemeEditor *self,
                                   PdThemeColour  colour)
{
  g_return_val_if_fail (PD_IS_THEME_EDITOR (self), NULL);
  g_return_val_if_fail (colour < PD_THEME_N_COLOURS, NULL);
  return self->colours[colour].button;
}

GtkWidget *
pd_theme_editor_get_colour_entry (PdThemeEditor *self,
                                  PdThemeColour  colour)
{
  g_return_val_if_fail (PD_IS_THEME_EDITOR (self), NULL);
  g_return_val_if_fail (colour < PD_THEME_N_COLOURS, NULL);
  return self->colours[colour].entry;
}

GtkWidget *
pd_theme_editor_get_theme_row (PdThemeEditor *self)
{
  g_return_val_if_fail (PD_IS_THEME_EDITOR (self), NULL);
  return GTK_WIDGET (self->theme_row);
}

GtkWidget *
pd_theme_editor_get_image_row (PdThemeEditor *self,
                               PdThemeImage   image)
{
  g_return_val_if_fail (PD_IS_THEME_EDITOR (self), NULL);
  g_return_val_if_fail (image < PD_THEME_N_IMAGES, NULL);
  return self->images[image].row;
}

const char *
pd_theme_editor_get_contrast_text (PdThemeEditor *self,
                                   gboolean       button)
{
  g_return_val_if_fail (PD_IS_THEME_EDITOR (self), NULL);
  return adw_action_row_get_subtitle (button ? self->button_contrast_row : self->text_contrast_row);
}

gboolean
pd_theme_editor_get_contrast_warning (PdThemeEditor *self,
                                      gboolean       button)
{
  g_return_val_if_fail (PD_IS_THEME_EDITOR (self), FALSE);
  return GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button ? self->button_contrast_row : self->text_contrast_row),
                                             "pd-warning"));
}
