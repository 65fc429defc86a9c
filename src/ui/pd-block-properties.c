/* pd-block-properties.c
 *
 * Rows are built for the selected block's type; when the block changes
 * underneath (undo, sync) the rows take the new values without being
 * rebuilt, so keyboard focus stays where it is.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-block-properties"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-block-properties.h"
#include "pd-design-edit.h"
#include "pd-donor-page.h"
#include "pd-ui-utils.h"

typedef enum {
  SETTING_TEXT,        /* per language */
  SETTING_PLAIN_TEXT,  /* the same in every language */
  SETTING_URL,
  SETTING_COLUMNS,
  SETTING_SWITCH,
} SettingKind;

typedef struct {
  SettingKind  kind;
  char        *key;       /* the stored key, language suffix included */
  GtkWidget   *control;
  const char  *action_title;
} Setting;

struct _PdBlockProperties
{
  AdwBin          parent_instance;

  PdStore        *store;
  PdCampaign     *campaign;
  PdPageBlock    *block;
  char           *block_id;
  char           *language;
  GPtrArray      *settings;
  GtkWidget      *group;
  gboolean        updating;
};

G_DEFINE_FINAL_TYPE (PdBlockProperties, pd_block_properties, ADW_TYPE_BIN)

enum {
  TOAST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
setting_free (gpointer data)
{
  Setting *setting = data;

  g_free (setting->key);
  g_free (setting);
}

static void
show_error (PdBlockProperties *self,
            const char        *message)
{
  g_autoptr(AdwToast) toast = adw_toast_new (message);

  g_signal_emit (self, signals[TOAST], 0, toast);
}

static const char *
language_name (const char *language)
{
  if (g_strcmp0 (language, "de") == 0)
    return _("German");
  if (g_strcmp0 (language, "nl") == 0)
    return _("Dutch");
  return _("English");
}

static void
name_entry_row_parts (GtkWidget  *widget,
                      const char *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_TEXT (child))
        gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      else if (GTK_IS_BUTTON (child))
        {
          /* Translators: accessible name of the button that keeps a text,
           * e.g. "Apply Heading" */
          g_autofree char *label = g_strdup_printf (_("Apply %s"), name);
          gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
        }
      else
        name_entry_row_parts (child, name);
    }
}

void
pd_entry_row_set_accessible_name (AdwEntryRow *row,
                                  const char  *name)
{
  g_return_if_fail (ADW_IS_ENTRY_ROW (row));
  g_return_if_fail (name != NULL);

  name_entry_row_parts (GTK_WIDGET (row), name);
}

static void
sync_values (PdBlockProperties *self)
{
  if (self->block == NULL)
    return;

  self->updating = TRUE;
  for (guint i = 0; i < self->settings->len; i++)
    {
      Setting *setting = g_ptr_array_index (self->settings, i);

      switch (setting->kind)
        {
        case SETTING_TEXT:
        case SETTING_PLAIN_TEXT:
        case SETTING_URL:
          {
            const char *value = pd_page_block_get_string (self->block, setting->key, "");
            if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (setting->control)), value) != 0)
              gtk_editable_set_text (GTK_EDITABLE (setting->control), value);
          }
          break;
        case SETTING_COLUMNS:
          pd_spin_button_refresh_value (GTK_SPIN_BUTTON (setting->control),
                                        (double) CLAMP (pd_page_block_get_int (self->block, setting->key, 3), 1, 4));
          break;
        case SETTING_SWITCH:
          gtk_switch_set_active (GTK_SWITCH (setting->control), pd_page_block_get_boolean (self->block, setting->key, TRUE));
          break;
        default:
          break;
        }
    }
  self->updating = FALSE;
}

static void
save_setting (PdBlockProperties *self,
              Setting           *setting)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;

  if (self->updating || self->block_id == NULL || self->store == NULL)
    return;

  switch (setting->kind)
    {
    case SETTING_URL:
      {
        g_autofree char *url = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (setting->control))));

        if (*url != '\0' && !pd_donor_page_url_is_safe (url))
          {
            gtk_widget_add_css_class (setting->control, "error");
            show_error (self, _("Links must start with https://, http:// or mailto:."));
            return;
          }
        gtk_widget_remove_css_class (setting->control, "error");
        ok = pd_design_edit_set_block_string (self->store, self->campaign, self->block_id, setting->key, url,
                                              setting->action_title, &error);
      }
      break;
    case SETTING_TEXT:
    case SETTING_PLAIN_TEXT:
      {
        g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (setting->control))));
        ok = pd_design_edit_set_block_string (self->store, self->campaign, self->block_id, setting->key, text,
                                              setting->action_title, &error);
      }
      break;
    case SETTING_COLUMNS:
      ok = pd_design_edit_set_block_int (self->store, self->campaign, self->block_id, setting->key,
                                         gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (setting->control)),
                                         setting->action_title, &error);
      break;
    case SETTING_SWITCH:
      ok = pd_design_edit_set_block_boolean (self->store, self->campaign, self->block_id, setting->key,
                                             gtk_switch_get_active (GTK_SWITCH (setting->control)),
                                             setting->action_title, &error);
      break;
    default:
      break;
    }

  if (!ok)
    {
      show_error (self, error->message);
      sync_values (self);
    }
}

static void
on_entry_apply_cb (GtkWidget         *row,
                   PdBlockProperties *self)
{
  save_setting (self, g_object_get_data (G_OBJECT (row), "pd-setting"));
}

static void
on_value_changed_cb (GtkWidget         *control,
                     GParamSpec        *pspec,
                     PdBlockProperties *self)
{
  save_setting (self, g_object_get_data (G_OBJECT (control), "pd-setting"));
}

static void
on_spin_changed_cb (GtkSpinButton     *spin,
                    PdBlockProperties *self)
{
  save_setting (self, g_object_get_data (G_OBJECT (spin), "pd-setting"));
}

static Setting *
add_setting (PdBlockProperties *self,
             SettingKind        kind,
             const char        *key,
             const char        *title,
             const char        *subtitle,
             const char        *action_title)
{
  Setting *setting = g_new0 (Setting, 1);
  GtkWidget *row;

  setting->kind = kind;
  setting->key = kind == SETTING_TEXT ? pd_donor_page_language_key (key, self->language) : g_strdup (key);
  setting->action_title = action_title;

  switch (kind)
    {
    case SETTING_TEXT:
    case SETTING_PLAIN_TEXT:
    case SETTING_URL:
      {
        g_autofree char *full_title = kind == SETTING_TEXT
          /* Translators: a block setting and the language it is in, e.g. "Heading (German)" */
          ? g_strdup_printf (_("%s (%s)"), title, language_name (self->language))
          : g_strdup (title);

        row = adw_entry_row_new ();
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), full_title);
        adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
        pd_entry_row_set_accessible_name (ADW_ENTRY_ROW (row), full_title);
        setting->control = row;
        g_object_set_data (G_OBJECT (row), "pd-setting", setting);
        g_signal_connect_object (row, "apply", G_CALLBACK (on_entry_apply_cb), self, 0);
      }
      break;
    case SETTING_COLUMNS:
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      setting->control = gtk_spin_button_new_with_range (1, 4, 1);
      gtk_widget_set_valign (setting->control, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (setting->control), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), setting->control);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), setting->control);
      g_object_set_data (G_OBJECT (setting->control), "pd-setting", setting);
      g_signal_connect_object (setting->control, "value-changed", G_CALLBACK (on_spin_changed_cb), self, 0);
      break;
    case SETTING_SWITCH:
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      setting->control = gtk_switch_new ();
      gtk_widget_set_valign (setting->control, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (setting->control), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), setting->control);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), setting->control);
      g_object_set_data (G_OBJECT (setting->control), "pd-setting", setting);
      g_signal_connect_object (setting->control, "notify::active", G_CALLBACK (on_value_changed_cb), self, 0);
      break;
    default:
      g_assert_not_reached ();
    }

  if (subtitle != NULL && ADW_IS_ACTION_ROW (row))
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->group), row);
  g_ptr_array_add (self->settings, setting);
  return setting;
}

static void
on_image_set_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(PdBlockProperties) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!pd_design_edit_set_block_image_finish (result, &error))
    show_error (self, error->message);
}

void
pd_block_properties_set_image (PdBlockProperties *self,
                               GFile             *file)
{
  g_return_if_fail (PD_IS_BLOCK_PROPERTIES (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->store == NULL || self->campaign == NULL || self->block_id == NULL)
    return;
  pd_design_edit_set_block_image_async (self->store, self->campaign, self->block_id, file, NULL,
                                        on_image_set_cb, g_object_ref (self));
}

static gboolean
on_image_drop_cb (GtkDropTarget     *target,
                  const GValue      *value,
                  double             x,
                  double             y,
                  PdBlockProperties *self)
{
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  files = gdk_file_list_get_files (g_value_get_boxed (value));
  if (files == NULL)
    return FALSE;
  pd_block_properties_set_image (self, files->data);
  g_slist_free (files);
  return TRUE;
}

static void
add_image_row (PdBlockProperties *self)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *choose = gtk_button_new_with_mnemonic (_("_Choose…"));
  GtkDropTarget *drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Image"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Drop an image file here, or choose one"));
  gtk_widget_set_valign (choose, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (choose), "design.choose-block-image");
  gtk_accessible_update_property (GTK_ACCESSIBLE (choose), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Choose Image"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), choose);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), choose);
  /* The Choose button's action is the keyboard way to do what a drop does. */
  gtk_event_controller_set_name (GTK_EVENT_CONTROLLER (drop), "design.choose-block-image");
  g_signal_connect_object (drop, "drop", G_CALLBACK (on_image_drop_cb), self, 0);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (drop));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->group), row);
}

static GtkWidget *
move_buttons_new (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  static const struct {
    const char *icon;
    const char *label;
    const char *action;
  } buttons[] = {
    { "go-up-symbolic", N_("Move Block Up (Alt+Up)"), "design.move-block-up" },
    { "go-down-symbolic", N_("Move Block Down (Alt+Down)"), "design.move-block-down" },
    { "user-trash-symbolic", N_("Remove Block (Delete)"), "design.remove-block" },
  };

  gtk_widget_add_css_class (box, "linked");
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    {
      GtkWidget *button = gtk_button_new_from_icon_name (buttons[i].icon);

      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), buttons[i].action);
      gtk_widget_set_tooltip_text (button, _(buttons[i].label));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, _(buttons[i].label), -1);
      gtk_box_append (GTK_BOX (box), button);
    }
  return box;
}

static void
rebuild (PdBlockProperties *self)
{
  PdPageBlockType type;
  g_autofree char *title = NULL;

  g_ptr_array_set_size (self->settings, 0);
  self->group = adw_preferences_group_new ();
  adw_bin_set_child (ADW_BIN (self), self->group);

  if (self->block == NULL)
    {
      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->group), _("Selected Block"));
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->group),
                                             _("Select a block on the page to change its settings."));
      return;
    }

  type = pd_page_block_get_block_type (self->block);
  /* Translators: the properties panel title, e.g. "Hero Block" */
  title = g_strdup_printf (_("%s Block"), pd_page_block_type_get_title (type));
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->group), title);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (self->group), move_buttons_new ());

  switch (type)
    {
    case PD_PAGE_BLOCK_HERO:
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->group),
                                             _("Empty fields show the campaign title and a standard line."));
      add_setting (self, SETTING_TEXT, "heading", _("Headline"), NULL, _("Change Heading"));
      add_setting (self, SETTING_TEXT, "subtitle", _("Subtitle"), NULL, _("Change Subtitle"));
      break;
    case PD_PAGE_BLOCK_INTRO:
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->group),
                                             _("Shows the campaign’s introduction from the Details page."));
      add_setting (self, SETTING_TEXT, "heading", _("Heading"), NULL, _("Change Heading"));
      break;
    case PD_PAGE_BLOCK_REDEEM_FORM:
      add_setting (self, SETTING_TEXT, "heading", _("Heading"), NULL, _("Change Heading"));
      add_setting (self, SETTING_TEXT, "button", _("Button Label"), NULL, _("Change Button Label"));
      break;
    case PD_PAGE_BLOCK_PROJECT_GRID:
      add_setting (self, SETTING_TEXT, "heading", _("Heading"), NULL, _("Change Heading"));
      add_setting (self, SETTING_COLUMNS, "columns", _("Columns"),
                   _("On wide screens; phones always show one"), _("Change Columns"));
      add_setting (self, SETTING_SWITCH, "show_progress", _("Show Progress"), NULL, _("Show or Hide Progress"));
      break;
    case PD_PAGE_BLOCK_PROGRESS:
      add_setting (self, SETTING_TEXT, "heading", _("Heading"), NULL, _("Change Heading"));
      add_setting (self, SETTING_SWITCH, "show_numbers", _("Show Numbers"),
                   _("Coins collected, target and percentage"), _("Show or Hide Numbers"));
      break;
    case PD_PAGE_BLOCK_FAQ:
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->group),
                                             _("Shows the questions from the campaign’s texts."));
      add_setting (self, SETTING_TEXT, "heading", _("Heading"), NULL, _("Change Heading"));
      break;
    case PD_PAGE_BLOCK_PARTNER_LOGOS:
      add_setting (self, SETTING_TEXT, "heading", _("Heading"), NULL, _("Change Heading"));
      add_setting (self, SETTING_PLAIN_TEXT, "partners", _("Partners, separated by commas"), NULL, _("Change Partners"));
      break;
    case PD_PAGE_BLOCK_FOOTER:
      add_setting (self, SETTING_TEXT, "text", _("Text"), NULL, _("Change Text"));
      add_setting (self, SETTING_URL, "link_url", _("Imprint and Privacy Link"), NULL, _("Change Link"));
      break;
    case PD_PAGE_BLOCK_TEXT:
      add_setting (self, SETTING_TEXT, "heading", _("Heading"), NULL, _("Change Heading"));
      add_setting (self, SETTING_TEXT, "text", _("Text"), NULL, _("Change Text"));
      break;
    case PD_PAGE_BLOCK_IMAGE:
      add_image_row (self);
      add_setting (self, SETTING_TEXT, "heading", _("Heading"), NULL, _("Change Heading"));
      add_setting (self, SETTING_TEXT, "caption", _("Caption"), NULL, _("Change Caption"));
      break;
    default:
      break;
    }

  sync_values (self);
}

static void
on_block_changed_cb (PdBlockProperties *self)
{
  sync_values (self);
}

static void
set_block_object (PdBlockProperties *self,
                  PdPageBlock       *block)
{
  if (self->block != NULL)
    g_signal_handlers_disconnect_by_func (self->block, on_block_changed_cb, self);
  g_set_object (&self->block, block);
  if (block != NULL)
    g_signal_connect_object (block, "notify::properties", G_CALLBACK (on_block_changed_cb), self, G_CONNECT_SWAPPED);
}

/* The live block objects are replaced when blocks move (the store splices
 * the list), so look the selected block up again on every change. */
static void
on_blocks_changed_cb (PdBlockProperties *self)
{
  PdPageBlock *block = NULL;
  int old_type = self->block ? (int) pd_page_block_get_block_type (self->block) : -1;

  if (self->campaign != NULL && self->block_id != NULL)
    block = pd_campaign_find_page_block (self->campaign, self->block_id, NULL);

  if (block == self->block)
    return;

  set_block_object (self, block);
  if (block == NULL || (int) pd_page_block_get_block_type (block) != (int) old_type)
    rebuild (self);
  else
    sync_values (self);
}

static void
pd_block_properties_dispose (GObject *object)
{
  PdBlockProperties *self = PD_BLOCK_PROPERTIES (object);

  pd_block_properties_set_context (self, NULL, NULL);
  g_clear_pointer (&self->settings, g_ptr_array_unref);
  g_clear_pointer (&self->block_id, g_free);
  g_clear_pointer (&self->language, g_free);

  G_OBJECT_CLASS (pd_block_properties_parent_class)->dispose (object);
}

static void
pd_block_properties_class_init (PdBlockPropertiesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pd_block_properties_dispose;

  signals[TOAST] =
    g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, ADW_TYPE_TOAST);
}

static void
pd_block_properties_init (PdBlockProperties *self)
{
  self->settings = g_ptr_array_new_with_free_func (setting_free);
  self->language = g_strdup ("de");
  rebuild (self);
}

GtkWidget *
pd_block_properties_new (void)
{
  return g_object_new (PD_TYPE_BLOCK_PROPERTIES, NULL);
}

void
pd_block_properties_set_context (PdBlockProperties *self,
                                 PdStore           *store,
                                 PdCampaign        *campaign)
{
  g_return_if_fail (PD_IS_BLOCK_PROPERTIES (self));

  if (self->campaign != NULL)
    g_signal_handlers_disconnect_by_func (pd_campaign_get_page_blocks (self->campaign), on_blocks_changed_cb, self);
  g_set_object (&self->store, store);
  g_set_object (&self->campaign, campaign);
  if (campaign != NULL)
    g_signal_connect_object (pd_campaign_get_page_blocks (campaign), "items-changed",
                             G_CALLBACK (on_blocks_changed_cb), self, G_CONNECT_SWAPPED);
  set_block_object (self, NULL);
  g_clear_pointer (&self->block_id, g_free);
  if (self->settings != NULL)
    rebuild (self);
}

void
pd_block_properties_set_block (PdBlockProperties *self,
                               const char        *block_id,
                               const char        *language)
{
  PdPageBlock *block = NULL;

  g_return_if_fail (PD_IS_BLOCK_PROPERTIES (self));

  if (g_strcmp0 (self->block_id, block_id) == 0 && g_strcmp0 (self->language, language) == 0)
    return;

  g_free (self->block_id);
  self->block_id = g_strdup (block_id);
  g_free (self->language);
  self->language = g_strdup (language != NULL ? language : "de");
  if (self->campaign != NULL && block_id != NULL)
    block = pd_campaign_find_page_block (self->campaign, block_id, NULL);
  set_block_object (self, block);
  rebuild (self);
}

GtkWidget *
pd_block_properties_get_control (PdBlockProperties *self,
                                 const char        *key)
{
  g_return_val_if_fail (PD_IS_BLOCK_PROPERTIES (self), NULL);

  for (guint i = 0; i < self->settings->len; i++)
    {
      Setting *setting = g_ptr_array_index (self->settings, i);
      if (g_str_equal (setting->key, key))
        return setting->control;
    }
  return NULL;
}
