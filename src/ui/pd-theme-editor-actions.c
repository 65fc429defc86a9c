/* pd-theme-editor-actions.c: creating, copying, deleting and filling in
 * themes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-theme-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-starter-themes.h"
#include "pd-theme-editor-private.h"

/* --- Theme actions ------------------------------------------------------ */

static void
add_theme_and_assign (PdThemeEditor *self,
                      PdTheme       *theme,
                      const char    *title)
{
  g_autoptr(GError) error = NULL;

  pd_store_begin_action (self->store, title);
  if (!pd_store_save (self->store, PD_RECORD (theme), NULL, &error)
      || (self->campaign != NULL && !_pd_theme_editor_assign_theme (self, pd_record_get_id (PD_RECORD (theme)), &error)))
    {
      pd_store_end_action (self->store, FALSE, NULL);
      _pd_theme_editor_show_error (self, error);
      return;
    }
  if (!pd_store_end_action (self->store, TRUE, &error))
    _pd_theme_editor_show_error (self, error);
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
    _pd_theme_editor_show_error (self, error);
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
  if ((self->campaign != NULL && !_pd_theme_editor_assign_theme (self, NULL, &error))
      || !pd_store_delete (self->store, PD_RECORD (theme), NULL, &error))
    {
      pd_store_end_action (self->store, FALSE, NULL);
      _pd_theme_editor_show_error (self, error);
      return;
    }
  if (!pd_store_end_action (self->store, TRUE, &error))
    {
      _pd_theme_editor_show_error (self, error);
      return;
    }

  /* Translators: a toast after deleting the theme named %s */
  message = g_strdup_printf (_("Theme “%s” deleted"), pd_theme_get_name (theme));
  toast = adw_toast_new (message);
  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_toast_undo_cb), self, G_CONNECT_SWAPPED);
  _pd_theme_editor_emit_toast (self, toast);
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
          && !_pd_theme_editor_assign_theme (self, pd_record_get_id (g_ptr_array_index (themes, 0)), &error)))
    {
      pd_store_end_action (self->store, FALSE, NULL);
      _pd_theme_editor_show_error (self, error);
      return;
    }
  if (!pd_store_end_action (self->store, TRUE, &error))
    _pd_theme_editor_show_error (self, error);
}

void
_pd_theme_editor_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "theme.new", NULL, theme_new_action);
  gtk_widget_class_install_action (widget_class, "theme.duplicate", NULL, theme_duplicate_action);
  gtk_widget_class_install_action (widget_class, "theme.delete", NULL, theme_delete_action);
  gtk_widget_class_install_action (widget_class, "theme.add-starters", NULL, theme_add_starters_action);
  _pd_theme_editor_class_init_image_actions (widget_class);
}
