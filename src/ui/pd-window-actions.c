/* pd-window-actions.c: the window's actions on campaigns and history
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-window"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-clock.h"
#include "pd-validation.h"
#include "pd-window-private.h"

static const char *supported_languages[] = { "de", "en", "nl" };

void
_pd_window_show_error (PdWindow     *self,
                       const GError *error)
{
  AdwToast *toast = adw_toast_new (error->message);

  g_debug ("Showing error: %s", error->message);

  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* The first of de, en, nl among the user's languages; English otherwise. */
static const char *
default_language_from_locale (void)
{
  const char * const *names = g_get_language_names ();

  for (guint i = 0; names[i] != NULL; i++)
    for (guint j = 0; j < G_N_ELEMENTS (supported_languages); j++)
      if (g_str_has_prefix (names[i], supported_languages[j]) &&
          (names[i][2] == '\0' || names[i][2] == '_' || names[i][2] == '.' || names[i][2] == '@'))
        return supported_languages[j];

  return "en";
}

/* The whole of next month in the campaign's time zone: the usual
 * shape of a campaign that is being prepared now. */
static void
set_next_month (PdCampaign *campaign)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (pd_campaign_get_time_zone (campaign));
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) first = NULL;
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;

  if (tz == NULL)
    tz = g_time_zone_new_utc ();
  now = pd_now (tz);
  first = g_date_time_new (tz, g_date_time_get_year (now), g_date_time_get_month (now), 1, 0, 0, 0);
  start = g_date_time_add_months (first, 1);
  g_clear_pointer (&first, g_date_time_unref);
  first = g_date_time_add_months (start, 1);
  /* The last minute of the month, so the period reads "1 – 31 Dec". */
  end = g_date_time_add_minutes (first, -1);
  pd_campaign_set_starts_at (campaign, start);
  pd_campaign_set_ends_at (campaign, end);
}

PdCampaign *
_pd_window_new_campaign (PdWindow *self)
{
  g_autoptr(PdCampaign) campaign = pd_campaign_new ();
  g_autoptr(GError) error = NULL;
  const char *language = default_language_from_locale ();

  g_return_val_if_fail (self->store != NULL, NULL);

  pd_campaign_set_name (campaign, _("New Campaign"));
  pd_campaign_set_currency (campaign, PD_DEFAULT_CURRENCY);
  pd_campaign_set_coin_value_micros (campaign, PD_DEFAULT_COIN_VALUE_MICROS);
  set_next_month (campaign);
  if (g_strcmp0 (language, pd_campaign_get_default_language (campaign)) != 0)
    {
      const char *old_language = pd_campaign_get_default_language (campaign);

      pd_campaign_ensure_text (campaign, language);
      pd_campaign_set_default_language (campaign, language);
      pd_campaign_remove_text (campaign, old_language);
    }
  /* The donor page needs a title in the default language; the manager
   * replaces this one on the Details page. */
  pd_campaign_text_set_title (pd_campaign_ensure_text (campaign, language), _("New Campaign"));

  if (!pd_store_save (self->store, PD_RECORD (campaign), _("New Campaign"), &error))
    {
      _pd_window_show_error (self, error);
      return NULL;
    }

  return pd_store_get_campaign (self->store, pd_record_get_id (PD_RECORD (campaign)));
}

static void
pd_window_new_campaign_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  PdWindow *self = PD_WINDOW (widget);
  g_autoptr(PdCampaign) campaign = _pd_window_new_campaign (self);

  if (campaign == NULL)
    return;

  pd_window_select_campaign (self, campaign);
  adw_view_stack_set_visible_child_name (self->view_stack, "details");
}

/* A copy of @campaign under a new id: projects with their targets, texts,
 * blocks (with new ids of their own) and the theme; a draft again. */
static PdCampaign *
duplicate_campaign (PdCampaign  *campaign,
                    GError     **error)
{
  g_autoptr(JsonNode) node = pd_record_content_to_json (PD_RECORD (campaign));
  JsonObject *object = json_node_get_object (node);
  g_autofree char *id = pd_uuid_new ();
  g_autofree char *name = NULL;
  g_autofree char *slug = NULL;
  PdCampaign *copy;

  json_object_set_string_member (object, "id", id);
  if (json_object_has_member (object, "page_blocks"))
    {
      JsonArray *blocks = json_object_get_array_member (object, "page_blocks");

      for (guint i = 0; i < json_array_get_length (blocks); i++)
        {
          g_autofree char *block_id = pd_uuid_new ();

          json_object_set_string_member (json_array_get_object_element (blocks, i), "id", block_id);
        }
    }

  copy = PD_CAMPAIGN (pd_record_new_from_json (PD_TYPE_CAMPAIGN, node, error));
  if (copy == NULL)
    return NULL;

  /* Translators: the name of a duplicated campaign */
  name = g_strdup_printf (_("%s (Copy)"), pd_campaign_get_name (campaign));
  if (g_utf8_strlen (name, -1) > PD_NAME_MAX_CHARS)
    name = (g_free (name), g_strdup (pd_campaign_get_name (campaign)));
  pd_campaign_set_name (copy, name);
  slug = g_strconcat (pd_campaign_get_slug (campaign), "-copy", NULL);
  if (g_strcmp0 (pd_campaign_get_slug (copy), pd_campaign_get_slug (campaign)) == 0)
    pd_campaign_set_slug (copy, slug);
  pd_campaign_set_status (copy, PD_CAMPAIGN_STATUS_DRAFT);
  return copy;
}

static void
pd_window_duplicate_campaign_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *parameter)
{
  PdWindow *self = PD_WINDOW (widget);
  g_autoptr(PdCampaign) copy = NULL;
  g_autoptr(PdCampaign) live = NULL;
  g_autoptr(GError) error = NULL;

  if (self->campaign == NULL || self->store == NULL)
    return;

  pd_details_page_flush (PD_DETAILS_PAGE (self->details_page));
  copy = duplicate_campaign (self->campaign, &error);
  if (copy == NULL || !pd_store_save (self->store, PD_RECORD (copy), _("Duplicate Campaign"), &error))
    {
      _pd_window_show_error (self, error);
      return;
    }

  live = pd_store_get_campaign (self->store, pd_record_get_id (PD_RECORD (copy)));
  pd_window_select_campaign (self, live);
}

static void
pd_window_delete_campaign_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  PdWindow *self = PD_WINDOW (widget);
  g_autoptr(PdCampaign) campaign = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (self->campaign == NULL || self->store == NULL)
    return;

  pd_details_page_flush (PD_DETAILS_PAGE (self->details_page));
  campaign = g_object_ref (self->campaign);
  if (!pd_store_delete (self->store, PD_RECORD (campaign), _("Delete Campaign"), &error))
    {
      _pd_window_show_error (self, error);
      return;
    }

  /* Translators: shown after a campaign was deleted, with an Undo button */
  title = g_strdup_printf (_("“%s” deleted"), pd_campaign_get_name (campaign));
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo");
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
pd_window_undo_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  PdWindow *self = PD_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  gboolean redo = g_str_equal (action_name, "win.redo");
  PdUndoStack *stack;

  if (self->store == NULL)
    return;

  /* What was just typed becomes a step of its own first, so Ctrl+Z takes
   * back the typing, not the edit before it. */
  pd_details_page_flush (PD_DETAILS_PAGE (self->details_page));
  stack = pd_store_get_undo_stack (self->store);
  if (!(redo ? pd_undo_stack_redo (stack, &error) : pd_undo_stack_undo (stack, &error)))
    _pd_window_show_error (self, error);
}

void
_pd_window_update_actions (PdWindow *self)
{
  PdUndoStack *stack = self->store != NULL ? pd_store_get_undo_stack (self->store) : NULL;
  const char *undo_label = NULL;
  const char *redo_label = NULL;
  g_autoptr(GMenuItem) undo_item = NULL;
  g_autoptr(GMenuItem) redo_item = NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-campaign", self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.duplicate-campaign", self->campaign != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete-campaign", self->campaign != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo",
                                 stack != NULL && pd_undo_stack_get_can_undo (stack));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo",
                                 stack != NULL && pd_undo_stack_get_can_redo (stack));

  if (stack != NULL)
    {
      undo_label = pd_undo_stack_get_undo_label (stack);
      redo_label = pd_undo_stack_get_redo_label (stack);
    }

  /* The menu names what Ctrl+Z would do ("Undo Rename Campaign"). */
  undo_item = g_menu_item_new (undo_label != NULL ? undo_label : _("Undo"), "win.undo");
  redo_item = g_menu_item_new (redo_label != NULL ? redo_label : _("Redo"), "win.redo");
  g_menu_item_set_attribute (undo_item, "accel", "s", "<Control>z");
  g_menu_item_set_attribute (redo_item, "accel", "s", "<Control><Shift>z");
  g_menu_remove_all (self->edit_section);
  g_menu_append_item (self->edit_section, undo_item);
  g_menu_append_item (self->edit_section, redo_item);
}

void
_pd_window_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.new-campaign", NULL, pd_window_new_campaign_action);
  gtk_widget_class_install_action (widget_class, "win.duplicate-campaign", NULL, pd_window_duplicate_campaign_action);
  gtk_widget_class_install_action (widget_class, "win.delete-campaign", NULL, pd_window_delete_campaign_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, pd_window_undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, pd_window_undo_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-campaign", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK, "win.duplicate-campaign", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
}
