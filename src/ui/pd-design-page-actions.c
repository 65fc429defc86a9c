/* pd-design-page-actions.c: the Design page's block actions, palette and
 * export
 *
 * Every pointer action has a keyboard way: palette buttons add a block
 * below the selected one, Alt+Up/Alt+Down move the selected block, Delete
 * removes it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-design-page"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-design-edit.h"
#include "pd-design-page-private.h"
#include "pd-donor-page-html.h"
#include "pd-ui-utils.h"

static const PdPageBlockType palette_types[] = {
  PD_PAGE_BLOCK_HERO, PD_PAGE_BLOCK_INTRO, PD_PAGE_BLOCK_REDEEM_FORM, PD_PAGE_BLOCK_PROJECT_GRID,
  PD_PAGE_BLOCK_PROGRESS, PD_PAGE_BLOCK_FAQ, PD_PAGE_BLOCK_PARTNER_LOGOS, PD_PAGE_BLOCK_TEXT,
  PD_PAGE_BLOCK_IMAGE, PD_PAGE_BLOCK_FOOTER,
};

static gboolean
selected_position (PdDesignPage *self,
                   guint        *position)
{
  const char *selected = pd_donor_preview_get_selected (self->preview);

  return self->campaign != NULL && selected != NULL
         && pd_campaign_find_page_block (self->campaign, selected, position) != NULL;
}

void
_pd_design_page_update_actions (PdDesignPage *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean editable = self->store != NULL && self->campaign != NULL;
  guint position = 0, n = 0;
  gboolean has_selection = editable && selected_position (self, &position);

  if (self->campaign != NULL)
    n = g_list_model_get_n_items (pd_campaign_get_page_blocks (self->campaign));

  gtk_widget_action_set_enabled (widget, "design.add-block", editable);
  gtk_widget_action_set_enabled (widget, "design.move-block-up", has_selection && position > 0);
  gtk_widget_action_set_enabled (widget, "design.move-block-down", has_selection && position + 1 < n);
  gtk_widget_action_set_enabled (widget, "design.remove-block", has_selection);
  gtk_widget_action_set_enabled (widget, "design.choose-block-image", has_selection);
  gtk_widget_action_set_enabled (widget, "design.export-png", self->campaign != NULL);
  gtk_widget_action_set_enabled (widget, "design.export-html", self->campaign != NULL);
}

void
_pd_design_page_insert_block (PdDesignPage    *self,
                              PdPageBlockType  type,
                              guint            position)
{
  g_autoptr(GError) error = NULL;
  char *block_id = NULL;

  if (self->store == NULL || self->campaign == NULL)
    return;

  if (pd_design_edit_insert_block (self->store, self->campaign, type, position, &block_id, &error))
    pd_design_page_select_block (self, block_id);
  else
    _pd_design_page_show_error (self, error);
  g_free (block_id);
}

void
_pd_design_page_move_block (PdDesignPage *self,
                            const char   *block_id,
                            guint         position)
{
  g_autoptr(GError) error = NULL;
  guint from;

  if (self->store == NULL || self->campaign == NULL
      || pd_campaign_find_page_block (self->campaign, block_id, &from) == NULL)
    return;

  /* @position counts the blocks above the drop point, the moved block
   * included; once it is taken out, everything below shifts up by one. */
  if (position > from)
    position--;

  if (!pd_design_edit_move_block (self->store, self->campaign, block_id, position, &error))
    _pd_design_page_show_error (self, error);
  pd_design_page_select_block (self, block_id);
}

static void
add_block_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PdDesignPage *self = PD_DESIGN_PAGE (widget);
  int type;
  guint position;

  if (!pd_enum_from_string (PD_TYPE_PAGE_BLOCK_TYPE, g_variant_get_string (parameter, NULL), &type))
    return;

  if (selected_position (self, &position))
    position++;
  else
    position = G_MAXUINT;
  _pd_design_page_insert_block (self, type, position);
}

static void
move_selected (PdDesignPage *self,
               int           delta)
{
  guint position;

  if (!selected_position (self, &position) || (delta < 0 && position == 0))
    return;
  /* In drop terms: above the block before, or below the block after. */
  _pd_design_page_move_block (self, pd_donor_preview_get_selected (self->preview),
                              delta < 0 ? position - 1 : position + 2);
}

static void
move_up_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  move_selected (PD_DESIGN_PAGE (widget), -1);
}

static void
move_down_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  move_selected (PD_DESIGN_PAGE (widget), +1);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PdDesignPage *self = PD_DESIGN_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (self->store != NULL && !pd_undo_stack_undo (pd_store_get_undo_stack (self->store), &error))
    _pd_design_page_show_error (self, error);
}

static void
remove_block_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PdDesignPage *self = PD_DESIGN_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(AdwToast) toast = NULL;
  g_autofree char *block_id = NULL;
  g_autofree char *next_id = NULL;
  g_autofree char *message = NULL;
  GListModel *blocks;
  PdPageBlock *block;
  guint position, n;

  if (!selected_position (self, &position))
    return;

  blocks = pd_campaign_get_page_blocks (self->campaign);
  n = g_list_model_get_n_items (blocks);
  block = pd_campaign_find_page_block (self->campaign, pd_donor_preview_get_selected (self->preview), NULL);
  block_id = g_strdup (pd_page_block_get_id (block));
  /* Translators: a toast after removing a block, e.g. "Hero block removed" */
  message = g_strdup_printf (_("%s block removed"), pd_page_block_type_get_title (pd_page_block_get_block_type (block)));

  /* The block after it (or before, at the end) takes the selection, so
   * pressing Delete again keeps working. */
  if (n > 1)
    {
      g_autoptr(PdPageBlock) next = g_list_model_get_item (blocks, position + 1 < n ? position + 1 : position - 1);
      next_id = g_strdup (pd_page_block_get_id (next));
    }

  if (!pd_design_edit_remove_block (self->store, self->campaign, block_id, &error))
    {
      _pd_design_page_show_error (self, error);
      return;
    }

  pd_design_page_select_block (self, next_id);
  toast = adw_toast_new (message);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "design.undo");
  _pd_design_page_show_toast (self, toast);
}

/* --- Palette ------------------------------------------------------------ */

static GdkContentProvider *
on_palette_drag_prepare_cb (GtkDragSource *source,
                            double         x,
                            double         y,
                            gpointer       user_data)
{
  GtkWidget *button = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  PdPageBlockType type = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "pd-block-type"));
  g_autofree char *payload = g_strconcat ("pd-block-type:", pd_enum_to_string (PD_TYPE_PAGE_BLOCK_TYPE, type), NULL);

  return gdk_content_provider_new_typed (G_TYPE_STRING, payload);
}

static void
on_palette_drag_begin_cb (GtkDragSource *source,
                          GdkDrag       *drag,
                          gpointer       user_data)
{
  GtkWidget *button = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (button);

  gtk_drag_source_set_icon (source, paintable, 0, 0);
}

void
_pd_design_page_build_palette (PdDesignPage *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (palette_types); i++)
    {
      PdPageBlockType type = palette_types[i];
      GtkWidget *button = gtk_button_new_with_label (pd_page_block_type_get_title (type));
      GtkDragSource *drag = gtk_drag_source_new ();
      g_autofree char *tooltip = NULL;

      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "design.add-block");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", pd_enum_to_string (PD_TYPE_PAGE_BLOCK_TYPE, type));
      /* Translators: tooltip of a palette button, e.g. "Add a Hero block" */
      tooltip = g_strdup_printf (_("Add a %s block, or drag it onto the page"), pd_page_block_type_get_title (type));
      gtk_widget_set_tooltip_text (button, tooltip);
      g_object_set_data (G_OBJECT (button), "pd-block-type", GINT_TO_POINTER (type));

      gtk_drag_source_set_actions (drag, GDK_ACTION_COPY);
      g_signal_connect (drag, "prepare", G_CALLBACK (on_palette_drag_prepare_cb), NULL);
      g_signal_connect (drag, "drag-begin", G_CALLBACK (on_palette_drag_begin_cb), NULL);
      gtk_widget_add_controller (button, GTK_EVENT_CONTROLLER (drag));
      gtk_flow_box_append (self->palette, button);
    }
}

/* --- Export ------------------------------------------------------------- */

static GBytes *
load_asset_cb (const char  *sha256,
               char       **mime_type,
               gpointer     user_data)
{
  PdStore *store = user_data;
  g_autoptr(PdAsset) asset = pd_store_get_asset (store, sha256);
  GBytes *bytes;

  if (asset == NULL || (bytes = pd_store_load_asset (store, sha256, NULL)) == NULL)
    return NULL;
  *mime_type = g_strdup (pd_asset_get_mime_type (asset));
  return bytes;
}

static void
on_export_written_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
pd_design_page_export_async (PdDesignPage         *self,
                             PdDesignExportFormat  format,
                             GFile                *file,
                             GCancellable         *cancellable,
                             GAsyncReadyCallback   callback,
                             gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_if_fail (PD_IS_DESIGN_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pd_design_page_export_async);

  if (self->campaign == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED, _("There is no campaign to export."));
      return;
    }

  if (format == PD_DESIGN_EXPORT_PNG)
    {
      g_autoptr(GdkTexture) texture = pd_donor_preview_render_texture (self->preview);

      if (texture == NULL)
        {
          g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                                   _("The preview is not shown, so there is nothing to export."));
          return;
        }
      bytes = gdk_texture_save_to_png_bytes (texture);
    }
  else
    {
      g_autoptr(PdDonorPage) page = _pd_design_page_build_donor_page (self);
      char *html = pd_donor_page_html_generate (page, self->store ? load_asset_cb : NULL, self->store);

      bytes = g_bytes_new_take (html, strlen (html));
    }

  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                       cancellable, on_export_written_cb, g_steal_pointer (&task));
}

gboolean
pd_design_page_export_finish (PdDesignPage  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_exported_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  PdDesignPage *self = PD_DESIGN_PAGE (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(AdwToast) toast = NULL;

  if (!pd_design_page_export_finish (self, result, &error))
    {
      _pd_design_page_show_error (self, error);
      return;
    }
  toast = adw_toast_new (_("Preview exported"));
  _pd_design_page_show_toast (self, toast);
}

static void
on_export_response_cb (GtkNativeDialog *dialog,
                       int              response,
                       PdDesignPage    *self)
{
  PdDesignExportFormat format = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "pd-format"));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      if (file != NULL)
        pd_design_page_export_async (self, format, file, NULL, on_exported_cb, NULL);
    }
  g_object_unref (dialog);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PdDesignPage *self = PD_DESIGN_PAGE (widget);
  PdDesignExportFormat format = g_str_equal (action_name, "design.export-png") ? PD_DESIGN_EXPORT_PNG
                                                                               : PD_DESIGN_EXPORT_HTML;
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *dialog;
  g_autofree char *name = NULL;
  const char *slug;

  if (self->campaign == NULL)
    return;

  dialog = gtk_file_chooser_native_new (format == PD_DESIGN_EXPORT_PNG ? _("Export Preview as PNG")
                                                                       : _("Export Preview as HTML"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  slug = pd_campaign_get_slug (self->campaign);
  name = g_strdup_printf ("%s-%s-%d.%s", slug != NULL && *slug != '\0' ? slug : "donor-page", self->language,
                          pd_donor_preview_get_device_width (self->preview),
                          format == PD_DESIGN_EXPORT_PNG ? "png" : "html");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_object_set_data (G_OBJECT (dialog), "pd-format", GINT_TO_POINTER (format));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_export_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
on_block_image_response_cb (GtkNativeDialog *dialog,
                            int              response,
                            PdDesignPage    *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      if (file != NULL)
        pd_block_properties_set_image (self->block_properties, file);
    }
  g_object_unref (dialog);
}

static void
choose_block_image_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  PdDesignPage *self = PD_DESIGN_PAGE (widget);
  GtkFileChooserNative *dialog = pd_image_chooser_new (widget, _("Choose an Image"));

  g_signal_connect_object (dialog, "response", G_CALLBACK (on_block_image_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

void
_pd_design_page_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "design.add-block", "s", add_block_action);
  gtk_widget_class_install_action (widget_class, "design.move-block-up", NULL, move_up_action);
  gtk_widget_class_install_action (widget_class, "design.move-block-down", NULL, move_down_action);
  gtk_widget_class_install_action (widget_class, "design.remove-block", NULL, remove_block_action);
  gtk_widget_class_install_action (widget_class, "design.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "design.choose-block-image", NULL, choose_block_image_action);
  gtk_widget_class_install_action (widget_class, "design.export-png", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "design.export-html", NULL, export_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "design.move-block-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Up, GDK_ALT_MASK, "design.move-block-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK, "design.move-block-down", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Down, GDK_ALT_MASK, "design.move-block-down", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "design.remove-block", NULL);
}
