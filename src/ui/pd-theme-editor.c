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
#include "pd-theme-editor-private.h"
#include "pd-ui-utils.h"

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

void
_pd_theme_editor_emit_toast (PdThemeEditor *self,
                             AdwToast      *toast)
{
  g_signal_emit (self, signals[TOAST], 0, toast);
}

void
_pd_theme_editor_show_error (PdThemeEditor *self,
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
        _pd_theme_editor_set_picture (self, &self->images[i],
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
      pd_spin_button_refresh_value (self->radius_spin, pd_theme_get_corner_radius (self->theme));
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

gboolean
_pd_theme_editor_assign_theme (PdThemeEditor  *self,
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

  if (!_pd_theme_editor_assign_theme (self, g_ptr_array_index (self->theme_ids, selected), &error))
    {
      _pd_theme_editor_show_error (self, error);
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
      _pd_theme_editor_show_error (self, error);
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
    _pd_theme_editor_show_error (self, error);
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
      _pd_theme_editor_show_error (self, error);
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
    _pd_theme_editor_show_error (self, error);
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
    _pd_theme_editor_show_error (self, error);
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

  _pd_theme_editor_class_init_actions (widget_class);

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
  _pd_theme_editor_build_image_rows (self);
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
