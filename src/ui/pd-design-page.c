/* pd-design-page.c
 *
 * The Design page: a sidebar with the block palette, the selected block's
 * settings and the theme editor, and the donor page preview, which is the
 * canvas blocks are dropped on. Every edit goes through the store as one
 * undo step; the preview re-renders from the live records whenever they
 * change, whatever changed them (this page, undo, sync).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-design-page"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-design-page-private.h"

G_DEFINE_FINAL_TYPE (PdDesignPage, pd_design_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_CAMPAIGN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
_pd_design_page_show_toast (PdDesignPage *self,
                            AdwToast     *toast)
{
  adw_toast_overlay_add_toast (self->toast_overlay, g_object_ref (toast));
}

void
_pd_design_page_show_error (PdDesignPage *self,
                            const GError *error)
{
  g_autoptr(AdwToast) toast = adw_toast_new (error->message);

  adw_toast_set_timeout (toast, 8);
  _pd_design_page_show_toast (self, toast);
}

static void
on_toast_cb (PdDesignPage *self,
             AdwToast     *toast)
{
  _pd_design_page_show_toast (self, toast);
}

/* --- Rendering ---------------------------------------------------------- */

static void on_watched_changed_cb (PdDesignPage *self);

static void
unwatch_all (PdDesignPage *self)
{
  for (guint i = 0; i < self->watched->len; i++)
    g_signal_handlers_disconnect_by_func (g_ptr_array_index (self->watched, i), on_watched_changed_cb, self);
  g_ptr_array_set_size (self->watched, 0);
}

static void
watch (PdDesignPage *self,
       gpointer      object,
       const char   *signal)
{
  g_signal_connect_object (object, signal, G_CALLBACK (on_watched_changed_cb), self, G_CONNECT_SWAPPED);
  g_ptr_array_add (self->watched, g_object_ref (object));
}

/* project id → pointer to the coins donated to it */
static GHashTable *
dup_raised_coins (PdCampaignStats *stats)
{
  GHashTable *raised = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  guint n = pd_campaign_stats_get_n_projects (stats);

  for (guint i = 0; i < n; i++)
    {
      const PdCampaignStatsProject *p = pd_campaign_stats_get_project (stats, i);
      gint64 *coins = g_hash_table_lookup (raised, p->project_id);

      if (coins == NULL)
        {
          coins = g_new0 (gint64, 1);
          /* The stats outlive the table, so their ids can be the keys. */
          g_hash_table_insert (raised, p->project_id, coins);
        }
      *coins += p->coins;
    }
  return raised;
}

PdDonorPage *
_pd_design_page_build_donor_page (PdDesignPage *self)
{
  g_autoptr(PdTheme) theme = NULL;
  PdDonorPage *page;
  g_autoptr(PdCampaignStats) stats = NULL;
  g_autoptr(GHashTable) raised_coins = NULL;
  GListModel *projects;
  const char *theme_id;

  g_return_val_if_fail (self->campaign != NULL, NULL);

  /* The progress donors see is what the platform reported last. */
  if (self->store != NULL)
    stats = pd_stats_cache_lookup (pd_store_get_stats_cache (self->store),
                                   pd_record_get_id (PD_RECORD (self->campaign)));
  if (stats != NULL)
    raised_coins = dup_raised_coins (stats);

  theme_id = pd_campaign_get_theme_id (self->campaign);
  if (theme_id != NULL && self->store != NULL)
    theme = pd_store_get_theme (self->store, theme_id);

  page = pd_donor_page_new (self->campaign, theme, self->language, self->dark);

  projects = pd_campaign_get_projects (self->campaign);
  for (guint i = 0; i < g_list_model_get_n_items (projects); i++)
    {
      g_autoptr(PdCampaignProject) item = g_list_model_get_item (projects, i);
      const char *id = pd_campaign_project_get_project_id (item);
      g_autoptr(PdProject) project = self->store ? pd_store_get_project (self->store, id) : NULL;
      gint64 *raised = raised_coins != NULL ? g_hash_table_lookup (raised_coins, id) : NULL;

      pd_donor_page_add_project (page, id, project, pd_campaign_project_get_target_coins (item),
                                 raised != NULL ? *raised : 0);
    }
  return page;
}

/* Watches exactly what the page shows, so an edit anywhere re-renders. */
static void
rewatch (PdDesignPage *self)
{
  GListModel *model;

  unwatch_all (self);
  if (self->campaign == NULL)
    return;

  watch (self, self->campaign, "notify");
  watch (self, pd_campaign_get_page_blocks (self->campaign), "items-changed");
  watch (self, pd_campaign_get_projects (self->campaign), "items-changed");
  watch (self, pd_campaign_get_texts (self->campaign), "items-changed");

  model = pd_campaign_get_page_blocks (self->campaign);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) block = g_list_model_get_item (model, i);
      watch (self, block, "notify");
    }
  model = pd_campaign_get_texts (self->campaign);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PdCampaignText) text = g_list_model_get_item (model, i);
      watch (self, text, "notify");
      watch (self, pd_campaign_text_get_faq (text), "items-changed");
    }
  model = pd_campaign_get_projects (self->campaign);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PdCampaignProject) item = g_list_model_get_item (model, i);
      g_autoptr(PdProject) project = self->store ? pd_store_get_project (self->store, pd_campaign_project_get_project_id (item)) : NULL;

      watch (self, item, "notify");
      if (project != NULL)
        watch (self, project, "notify");
    }
  if (self->store != NULL)
    {
      const char *theme_id = pd_campaign_get_theme_id (self->campaign);
      g_autoptr(PdTheme) theme = theme_id ? pd_store_get_theme (self->store, theme_id) : NULL;

      watch (self, pd_store_get_themes (self->store), "items-changed");
      if (theme != NULL)
        watch (self, theme, "notify");
    }
}

static gboolean
render_cb (gpointer data)
{
  PdDesignPage *self = data;
  g_autoptr(PdDonorPage) page = NULL;

  self->render_id = 0;
  if (self->campaign == NULL)
    return G_SOURCE_REMOVE;

  rewatch (self);
  page = _pd_design_page_build_donor_page (self);
  pd_donor_preview_render (self->preview, page);
  pd_block_properties_set_block (self->block_properties, pd_donor_preview_get_selected (self->preview), self->language);
  _pd_design_page_update_actions (self);
  return G_SOURCE_REMOVE;
}

void
_pd_design_page_queue_render (PdDesignPage *self)
{
  /* Many notifications arrive for one save; draw once, after them all. */
  if (self->render_id == 0)
    self->render_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 30, render_cb, self, NULL);
}

static void
on_watched_changed_cb (PdDesignPage *self)
{
  _pd_design_page_queue_render (self);
}

/* --- Preview controls --------------------------------------------------- */

static void
on_width_toggled_cb (PdDesignPage *self)
{
  int width = PD_DONOR_PREVIEW_DESKTOP_WIDTH;

  if (gtk_toggle_button_get_active (self->phone_button))
    width = PD_DONOR_PREVIEW_PHONE_WIDTH;
  else if (gtk_toggle_button_get_active (self->tablet_button))
    width = PD_DONOR_PREVIEW_TABLET_WIDTH;
  else if (!gtk_toggle_button_get_active (self->desktop_button))
    return;

  if (width == pd_donor_preview_get_device_width (self->preview))
    return;
  pd_donor_preview_set_device_width (self->preview, width);
  _pd_design_page_queue_render (self);
}

static void
on_dark_toggled_cb (PdDesignPage *self)
{
  self->dark = gtk_toggle_button_get_active (self->dark_button);
  _pd_design_page_queue_render (self);
}

static void
on_language_selected_cb (PdDesignPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->language_dropdown);

  if (selected >= g_strv_length ((char **) pd_donor_page_languages))
    return;
  g_free (self->language);
  self->language = g_strdup (pd_donor_page_languages[selected]);
  _pd_design_page_queue_render (self);
}

void
pd_design_page_set_preview (PdDesignPage *self,
                            int           width,
                            gboolean      dark,
                            const char   *language)
{
  g_return_if_fail (PD_IS_DESIGN_PAGE (self));

  if (width <= PD_DONOR_PREVIEW_PHONE_WIDTH)
    gtk_toggle_button_set_active (self->phone_button, TRUE);
  else if (width <= PD_DONOR_PREVIEW_TABLET_WIDTH)
    gtk_toggle_button_set_active (self->tablet_button, TRUE);
  else
    gtk_toggle_button_set_active (self->desktop_button, TRUE);
  gtk_toggle_button_set_active (self->dark_button, dark);

  for (guint i = 0; language != NULL && pd_donor_page_languages[i] != NULL; i++)
    if (g_str_equal (pd_donor_page_languages[i], language))
      gtk_drop_down_set_selected (self->language_dropdown, i);
}

/* --- Selection ---------------------------------------------------------- */

static void
on_block_selected_cb (PdDesignPage *self,
                      const char   *block_id)
{
  pd_block_properties_set_block (self->block_properties, block_id, self->language);
  _pd_design_page_update_actions (self);
}

const char *
pd_design_page_get_selected_block (PdDesignPage *self)
{
  g_return_val_if_fail (PD_IS_DESIGN_PAGE (self), NULL);
  return pd_donor_preview_get_selected (self->preview);
}

void
pd_design_page_select_block (PdDesignPage *self,
                             const char   *block_id)
{
  g_return_if_fail (PD_IS_DESIGN_PAGE (self));

  pd_donor_preview_set_selected (self->preview, block_id);
  on_block_selected_cb (self, block_id);
}

static void
on_insert_requested_cb (PdDesignPage *self,
                        int           type,
                        guint         position)
{
  _pd_design_page_insert_block (self, type, position);
}

static void
on_move_requested_cb (PdDesignPage *self,
                      const char   *block_id,
                      guint         position)
{
  _pd_design_page_move_block (self, block_id, position);
}

/* --- Properties --------------------------------------------------------- */

/* New results from the platform: the preview shows the new progress. */
static void
on_stats_changed_cb (PdDesignPage *self,
                     const char   *campaign_id)
{
  if (self->campaign != NULL && g_strcmp0 (campaign_id, pd_record_get_id (PD_RECORD (self->campaign))) == 0)
    _pd_design_page_queue_render (self);
}

PdStore *
pd_design_page_get_store (PdDesignPage *self)
{
  g_return_val_if_fail (PD_IS_DESIGN_PAGE (self), NULL);
  return self->store;
}

void
pd_design_page_set_store (PdDesignPage *self,
                          PdStore      *store)
{
  g_return_if_fail (PD_IS_DESIGN_PAGE (self));
  g_return_if_fail (store == NULL || PD_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (pd_store_get_stats_cache (self->store), on_stats_changed_cb, self);
  g_set_object (&self->store, store);
  if (store != NULL)
    g_signal_connect_object (pd_store_get_stats_cache (store), "stats-changed",
                             G_CALLBACK (on_stats_changed_cb), self, G_CONNECT_SWAPPED);

  pd_donor_preview_set_store (self->preview, store);
  g_object_set (self->theme_editor, "store", store, NULL);
  pd_block_properties_set_context (self->block_properties, store, self->campaign);
  _pd_design_page_queue_render (self);
  _pd_design_page_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

PdCampaign *
pd_design_page_get_campaign (PdDesignPage *self)
{
  g_return_val_if_fail (PD_IS_DESIGN_PAGE (self), NULL);
  return self->campaign;
}

void
pd_design_page_set_campaign (PdDesignPage *self,
                             PdCampaign   *campaign)
{
  g_return_if_fail (PD_IS_DESIGN_PAGE (self));
  g_return_if_fail (campaign == NULL || PD_IS_CAMPAIGN (campaign));

  if (self->campaign == campaign)
    return;

  unwatch_all (self);
  g_set_object (&self->campaign, campaign);
  pd_donor_preview_set_selected (self->preview, NULL);
  g_object_set (self->theme_editor, "campaign", campaign, NULL);
  pd_block_properties_set_context (self->block_properties, self->store, campaign);
  gtk_stack_set_visible_child_name (self->stack, campaign != NULL ? "editor" : "empty");

  /* Preview in the campaign's own language first. */
  if (campaign != NULL)
    pd_design_page_set_preview (self, pd_donor_preview_get_device_width (self->preview), self->dark,
                                pd_campaign_get_default_language (campaign));

  _pd_design_page_queue_render (self);
  _pd_design_page_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAMPAIGN]);
}

static void
pd_design_page_dispose (GObject *object)
{
  PdDesignPage *self = PD_DESIGN_PAGE (object);

  g_clear_handle_id (&self->render_id, g_source_remove);
  if (self->watched != NULL)
    unwatch_all (self);

  /* The toast overlay is both the bin's child and a template child: let
   * the bin drop it first so it is unparented once. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), PD_TYPE_DESIGN_PAGE);

  g_clear_object (&self->campaign);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (pd_store_get_stats_cache (self->store), on_stats_changed_cb, self);
  g_clear_object (&self->store);
  g_clear_pointer (&self->watched, g_ptr_array_unref);
  g_clear_pointer (&self->language, g_free);

  G_OBJECT_CLASS (pd_design_page_parent_class)->dispose (object);
}

static void
pd_design_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PdDesignPage *self = PD_DESIGN_PAGE (object);

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
pd_design_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  PdDesignPage *self = PD_DESIGN_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      pd_design_page_set_store (self, g_value_get_object (value));
      break;
    case PROP_CAMPAIGN:
      pd_design_page_set_campaign (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_design_page_class_init (PdDesignPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pd_design_page_dispose;
  object_class->get_property = pd_design_page_get_property;
  object_class->set_property = pd_design_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, PD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAMPAIGN] =
    g_param_spec_object ("campaign", NULL, NULL, PD_TYPE_CAMPAIGN,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (PD_TYPE_BLOCK_PROPERTIES);
  g_type_ensure (PD_TYPE_DONOR_PREVIEW);
  g_type_ensure (PD_TYPE_THEME_EDITOR);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/particulate/Designer/ui/pd-design-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PdDesignPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PdDesignPage, stack);
  gtk_widget_class_bind_template_child (widget_class, PdDesignPage, flap);
  gtk_widget_class_bind_template_child (widget_class, PdDesignPage, palette);
  gtk_widget_class_bind_template_child (widget_class, PdDesignPage, block_properties);
  gtk_widget_class_bind_template_child (widget_class, PdDesignPage, theme_editor);
  gtk_widget_class_bind_template_child (widget_class, PdDesignPage, phone_button);
  gtk_widget_class_bind_template_child (widget_class, PdDesignPage, tablet_button);
  gtk_widget_class_bind_template_child (widget_class, PdDesignPage, desktop_button);
  gtk_widget_class_bind_template_child (widget_class, PdDesignPage, dark_button);
  gtk_widget_class_bind_template_child (widget_class, PdDesignPage, language_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PdDesignPage, preview);
  gtk_widget_class_bind_template_callback (widget_class, on_width_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_dark_toggled_cb);

  _pd_design_page_class_init_actions (widget_class);
}

static void
pd_design_page_init (PdDesignPage *self)
{
  self->watched = g_ptr_array_new_with_free_func (g_object_unref);
  self->language = g_strdup ("de");

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (self->language_dropdown, "notify::selected", G_CALLBACK (on_language_selected_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->preview, "block-selected", G_CALLBACK (on_block_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->preview, "insert-requested", G_CALLBACK (on_insert_requested_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->preview, "move-requested", G_CALLBACK (on_move_requested_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->theme_editor, "toast", G_CALLBACK (on_toast_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->block_properties, "toast", G_CALLBACK (on_toast_cb), self, G_CONNECT_SWAPPED);

  _pd_design_page_build_palette (self);
  _pd_design_page_update_actions (self);
}

GtkWidget *
pd_design_page_new (void)
{
  return g_object_new (PD_TYPE_DESIGN_PAGE, NULL);
}
