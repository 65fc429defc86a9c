/* pd-design-edit.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-design-edit"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-design-edit.h"

static PdCampaign *
copy_campaign (PdCampaign *campaign)
{
  return PD_CAMPAIGN (pd_record_copy (PD_RECORD (campaign)));
}

static gboolean
block_not_found (const char  *block_id,
                 GError     **error)
{
  g_set_error (error, PD_STORE_ERROR, PD_STORE_ERROR_NOT_FOUND,
               _("The block is no longer on the page."));
  return FALSE;
}

gboolean
pd_design_edit_insert_block (PdStore          *store,
                             PdCampaign       *campaign,
                             PdPageBlockType   type,
                             guint             position,
                             char            **block_id,
                             GError          **error)
{
  g_autoptr(PdCampaign) copy = NULL;
  g_autoptr(PdPageBlock) block = NULL;
  g_autofree char *title = NULL;
  guint n;

  g_return_val_if_fail (PD_IS_STORE (store), FALSE);
  g_return_val_if_fail (PD_IS_CAMPAIGN (campaign), FALSE);

  copy = copy_campaign (campaign);
  block = pd_page_block_new (type);
  switch (type)
    {
    case PD_PAGE_BLOCK_PROJECT_GRID:
      pd_page_block_set_int (block, "columns", 3);
      pd_page_block_set_boolean (block, "show_progress", TRUE);
      break;
    case PD_PAGE_BLOCK_PROGRESS:
      pd_page_block_set_boolean (block, "show_numbers", TRUE);
      break;
    case PD_PAGE_BLOCK_PARTNER_LOGOS:
      pd_page_block_set_string (block, "partners", pd_campaign_get_name (campaign));
      break;
    case PD_PAGE_BLOCK_HERO:
    case PD_PAGE_BLOCK_INTRO:
    case PD_PAGE_BLOCK_REDEEM_FORM:
    case PD_PAGE_BLOCK_FAQ:
    case PD_PAGE_BLOCK_FOOTER:
    case PD_PAGE_BLOCK_TEXT:
    case PD_PAGE_BLOCK_IMAGE:
    default:
      break;
    }

  n = g_list_model_get_n_items (pd_campaign_get_page_blocks (copy));
  pd_campaign_insert_page_block (copy, block, MIN (position, n));

  /* Translators: an undo step, e.g. "Add Hero Block" */
  title = g_strdup_printf (_("Add %s Block"), pd_page_block_type_get_title (type));
  if (!pd_store_save (store, PD_RECORD (copy), title, error))
    return FALSE;

  if (block_id != NULL)
    *block_id = g_strdup (pd_page_block_get_id (block));
  return TRUE;
}

gboolean
pd_design_edit_move_block (PdStore     *store,
                           PdCampaign  *campaign,
                           const char  *block_id,
                           guint        to,
                           GError     **error)
{
  g_autoptr(PdCampaign) copy = NULL;
  guint from, n;

  g_return_val_if_fail (PD_IS_STORE (store), FALSE);
  g_return_val_if_fail (PD_IS_CAMPAIGN (campaign), FALSE);
  g_return_val_if_fail (block_id != NULL, FALSE);

  copy = copy_campaign (campaign);
  if (pd_campaign_find_page_block (copy, block_id, &from) == NULL)
    return block_not_found (block_id, error);

  n = g_list_model_get_n_items (pd_campaign_get_page_blocks (copy));
  to = MIN (to, n - 1);
  if (from == to)
    return TRUE;

  pd_campaign_move_page_block (copy, from, to);
  return pd_store_save (store, PD_RECORD (copy), _("Move Block"), error);
}

gboolean
pd_design_edit_remove_block (PdStore     *store,
                             PdCampaign  *campaign,
                             const char  *block_id,
                             GError     **error)
{
  g_autoptr(PdCampaign) copy = NULL;

  g_return_val_if_fail (PD_IS_STORE (store), FALSE);
  g_return_val_if_fail (PD_IS_CAMPAIGN (campaign), FALSE);
  g_return_val_if_fail (block_id != NULL, FALSE);

  copy = copy_campaign (campaign);
  if (!pd_campaign_remove_page_block (copy, block_id))
    return block_not_found (block_id, error);
  return pd_store_save (store, PD_RECORD (copy), _("Remove Block"), error);
}


static gboolean
edit_block (PdStore      *store,
            PdCampaign   *campaign,
            const char   *block_id,
            const char   *key,
            JsonNode     *value,
            const char   *action_title,
            GError      **error)
{
  g_autoptr(PdCampaign) copy = NULL;
  g_autoptr(JsonObject) properties = NULL;
  PdPageBlock *block;

  g_return_val_if_fail (PD_IS_STORE (store), FALSE);
  g_return_val_if_fail (PD_IS_CAMPAIGN (campaign), FALSE);
  g_return_val_if_fail (block_id != NULL && key != NULL, FALSE);

  copy = copy_campaign (campaign);
  block = pd_campaign_find_page_block (copy, block_id, NULL);
  if (block == NULL)
    return block_not_found (block_id, error);

  /* An edit that changes nothing is no undo step. */
  {
    JsonObject *current = pd_page_block_get_properties (block);
    JsonNode *old = json_object_has_member (current, key) ? json_object_get_member (current, key) : NULL;

    if ((old == NULL && value == NULL) || (old != NULL && value != NULL && json_node_equal (old, value)))
      return TRUE;
  }

  properties = json_object_new ();
  {
    JsonObject *current = pd_page_block_get_properties (block);
    g_autoptr(GList) members = json_object_get_members (current);

    for (GList *l = members; l != NULL; l = l->next)
      if (!g_str_equal (l->data, key))
        json_object_set_member (properties, l->data, json_node_copy (json_object_get_member (current, l->data)));
  }
  if (value != NULL)
    json_object_set_member (properties, key, json_node_copy (value));
  pd_page_block_set_properties (block, properties);

  return pd_store_save (store, PD_RECORD (copy), action_title, error);
}

gboolean
pd_design_edit_set_block_string (PdStore     *store,
                                 PdCampaign  *campaign,
                                 const char  *block_id,
                                 const char  *key,
                                 const char  *value,
                                 const char  *action_title,
                                 GError     **error)
{
  g_autoptr(JsonNode) node = NULL;

  if (value != NULL && *value != '\0')
    {
      node = json_node_new (JSON_NODE_VALUE);
      json_node_set_string (node, value);
    }
  return edit_block (store, campaign, block_id, key, node, action_title, error);
}

gboolean
pd_design_edit_set_block_int (PdStore     *store,
                              PdCampaign  *campaign,
                              const char  *block_id,
                              const char  *key,
                              gint64       value,
                              const char  *action_title,
                              GError     **error)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_VALUE);

  json_node_set_int (node, value);
  return edit_block (store, campaign, block_id, key, node, action_title, error);
}

gboolean
pd_design_edit_set_block_boolean (PdStore     *store,
                                  PdCampaign  *campaign,
                                  const char  *block_id,
                                  const char  *key,
                                  gboolean     value,
                                  const char  *action_title,
                                  GError     **error)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_VALUE);

  json_node_set_boolean (node, value);
  return edit_block (store, campaign, block_id, key, node, action_title, error);
}

gboolean
pd_design_edit_theme (PdStore       *store,
                      PdTheme       *theme,
                      const char    *property,
                      const GValue  *value,
                      const char    *action_title,
                      GError       **error)
{
  g_autoptr(PdTheme) copy = NULL;
  g_auto(GValue) current = G_VALUE_INIT;

  g_return_val_if_fail (PD_IS_STORE (store), FALSE);
  g_return_val_if_fail (PD_IS_THEME (theme), FALSE);
  g_return_val_if_fail (property != NULL && value != NULL, FALSE);

  g_value_init (&current, G_VALUE_TYPE (value));
  g_object_get_property (G_OBJECT (theme), property, &current);
  if (g_param_values_cmp (g_object_class_find_property (G_OBJECT_GET_CLASS (theme), property), &current, value) == 0)
    return TRUE;

  copy = PD_THEME (pd_record_copy (PD_RECORD (theme)));
  g_object_set_property (G_OBJECT (copy), property, value);
  return pd_store_save (store, PD_RECORD (copy), action_title, error);
}

typedef struct {
  PdStore    *store;
  PdCampaign *campaign;
  char       *block_id;
  char       *name;
} ImageData;

static void
image_data_free (gpointer data)
{
  ImageData *image = data;

  g_clear_object (&image->store);
  g_clear_object (&image->campaign);
  g_free (image->block_id);
  g_free (image->name);
  g_free (image);
}

static void
on_block_image_loaded_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ImageData *image = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(PdAsset) asset = NULL;
  g_autofree char *content_type = NULL;
  g_autofree char *mime_type = NULL;

  bytes = g_file_load_bytes_finish (G_FILE (source), result, NULL, &error);
  if (bytes == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  content_type = g_content_type_guess (image->name, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL);
  mime_type = g_content_type_get_mime_type (content_type);
  if (!pd_asset_mime_type_is_supported (mime_type))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("This file is not a PNG, JPEG, SVG or WebP image."));
      return;
    }

  asset = pd_store_add_asset (image->store, bytes, mime_type, &error);
  if (asset == NULL
      || !pd_design_edit_set_block_string (image->store, image->campaign, image->block_id, "image_sha256",
                                           pd_asset_get_sha256 (asset), _("Change Image"), &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

void
pd_design_edit_set_block_image_async (PdStore             *store,
                                      PdCampaign          *campaign,
                                      const char          *block_id,
                                      GFile               *file,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ImageData *image;

  g_return_if_fail (PD_IS_STORE (store));
  g_return_if_fail (PD_IS_CAMPAIGN (campaign));
  g_return_if_fail (block_id != NULL);
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, pd_design_edit_set_block_image_async);
  image = g_new0 (ImageData, 1);
  image->store = g_object_ref (store);
  image->campaign = g_object_ref (campaign);
  image->block_id = g_strdup (block_id);
  image->name = g_file_get_basename (file);
  g_task_set_task_data (task, image, image_data_free);
  g_file_load_bytes_async (file, cancellable, on_block_image_loaded_cb, g_steal_pointer (&task));
}

gboolean
pd_design_edit_set_block_image_finish (GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
