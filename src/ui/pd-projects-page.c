/* pd-projects-page.c
 *
 * The Projects page: the project library (the platform's catalogue and the
 * client's own) beside the campaign's list of projects with their donation
 * targets. The library can hold a hundred thousand projects: SQLite
 * searches, filters and sorts them off the main thread (PdProjectListModel),
 * a project is only made when its row is on screen, and nothing is read
 * before the library is first shown.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-projects-page"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-campaign-project-row.h"
#include "pd-project-dialog.h"
#include "pd-project-row.h"
#include "pd-projects-page-private.h"

G_DEFINE_FINAL_TYPE (PdProjectsPage, pd_projects_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_CAMPAIGN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* --- The library --------------------------------------------------------*/

static void
update_library_count (PdProjectsPage *self)
{
  guint shown = self->library != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->library)) : 0;
  guint total = self->library != NULL ? pd_project_list_model_get_total (self->library) : 0;
  gboolean loading = self->library != NULL && (!self->library_loaded || pd_project_list_model_get_loading (self->library));
  g_autofree char *label = NULL;

  /* Not a word about "no projects" before the first answer. */
  if (loading && shown == 0)
    {
      gtk_label_set_label (self->library_count_label, "");
      gtk_stack_set_visible_child_name (self->library_stack, "list");
      return;
    }

  if (shown == total)
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u project", "%u projects", total), total);
  else
    /* Translators: "12 of 48 projects" */
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u project", "%u of %u projects", total),
                             shown, total);
  gtk_label_set_label (self->library_count_label, label);
  gtk_stack_set_visible_child_name (self->library_stack, shown > 0 ? "list" : "empty");
}

/* The first time the library is shown (or asked for): its categories
 * and its first query. @now: answer before returning. */
static void
ensure_library (PdProjectsPage *self,
                gboolean        now)
{
  g_autoptr(GError) error = NULL;

  if (self->library == NULL || self->library_loaded)
    return;

  self->library_loaded = TRUE;
  _pd_projects_page_reload_categories (self);
  if (!now)
    pd_project_list_model_reload (self->library);
  else if (!pd_project_list_model_refresh (self->library, &error))
    _pd_projects_page_show_error (self, error);
  update_library_count (self);
}

void
pd_projects_page_search (PdProjectsPage *self,
                         const char     *query,
                         const char     *category)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (PD_IS_PROJECTS_PAGE (self));

  if (self->library == NULL)
    return;

  self->library_loaded = TRUE;
  pd_project_list_model_set_query (self->library, query);
  pd_project_list_model_set_category (self->library, category);
  if (!pd_project_list_model_refresh (self->library, &error))
    _pd_projects_page_show_error (self, error);
  update_library_count (self);
}

/* Typing: the query runs on the worker thread, so the entry never waits. */
static void
run_search (PdProjectsPage *self)
{
  if (self->library == NULL)
    return;
  ensure_library (self, FALSE);
  pd_project_list_model_set_query (self->library, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
on_library_map_cb (PdProjectsPage *self)
{
  ensure_library (self, FALSE);
}

static void
on_category_selected_cb (PdProjectsPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->category_dropdown);

  g_clear_pointer (&self->category, g_free);
  if (selected != GTK_INVALID_LIST_POSITION && selected > 0)
    self->category = g_strdup (gtk_string_list_get_string (self->categories, selected));
  if (self->library != NULL)
    pd_project_list_model_set_category (self->library, self->category);
}

static PdProjectSort
selected_sort (PdProjectsPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->sort_dropdown);

  return selected <= PD_PROJECT_SORT_TARGET ? (PdProjectSort) selected : PD_PROJECT_SORT_TITLE;
}

static void
on_sort_selected_cb (PdProjectsPage *self)
{
  if (self->library != NULL)
    pd_project_list_model_set_sort (self->library, selected_sort (self));
}

void
_pd_projects_page_reload_categories (PdProjectsPage *self)
{
  g_auto(GStrv) names = self->store != NULL && self->library_loaded ? pd_store_list_categories (self->store) : NULL;
  g_autofree char *keep = g_strdup (self->category);
  guint selected = 0;

  g_signal_handlers_block_by_func (self->category_dropdown, on_category_selected_cb, self);
  gtk_string_list_splice (self->categories, 0, g_list_model_get_n_items (G_LIST_MODEL (self->categories)), NULL);
  gtk_string_list_append (self->categories, _("All Categories"));
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      gtk_string_list_append (self->categories, names[i]);
      if (g_strcmp0 (names[i], keep) == 0)
        selected = i + 1;
    }
  gtk_drop_down_set_selected (self->category_dropdown, selected);
  g_signal_handlers_unblock_by_func (self->category_dropdown, on_category_selected_cb, self);

  if (selected == 0)
    g_clear_pointer (&self->category, g_free);
}

static void
library_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  gtk_list_item_set_child (item, pd_project_row_new ());
}

static void
library_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  pd_project_row_set_project (PD_PROJECT_ROW (gtk_list_item_get_child (item)),
                              gtk_list_item_get_item (item));
}

static void
library_unbind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  user_data)
{
  pd_project_row_set_project (PD_PROJECT_ROW (gtk_list_item_get_child (item)), NULL);
}

/* Enter (or a double click) on a library row: the keyboard's way to do
 * what dragging the row into the campaign does. */
static void
on_library_view_activate_cb (PdProjectsPage *self,
                             guint           position)
{
  g_autoptr(PdProject) project = g_list_model_get_item (G_LIST_MODEL (self->library), position);

  if (project != NULL)
    _pd_projects_page_add_project (self, pd_record_get_id (PD_RECORD (project)), G_MAXUINT);
}

/* --- The campaign's list ------------------------------------------------*/

static void
update_campaign_count (PdProjectsPage *self)
{
  guint n = self->campaign != NULL ? g_list_model_get_n_items (pd_campaign_get_projects (self->campaign)) : 0;
  g_autofree char *label = NULL;

  label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Project in This Campaign",
                                        "%u Projects in This Campaign", n), n);
  gtk_label_set_label (self->campaign_count_label, label);
  gtk_stack_set_visible_child_name (self->campaign_stack, n > 0 ? "list" : "empty");
}

static gboolean
focus_row_cb (gpointer data)
{
  GtkWidget *row = data;
  GtkWidget *item_widget = gtk_widget_get_parent (row);

  if (item_widget != NULL && gtk_widget_get_root (row) != NULL)
    gtk_widget_grab_focus (item_widget);
  g_object_unref (row);
  return G_SOURCE_REMOVE;
}

static void
campaign_setup_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   PdProjectsPage           *self)
{
  GtkWidget *row = pd_campaign_project_row_new ();

  /* Dropping on a row moves or inserts there; Alt+Up/Down moves. */
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (_pd_projects_page_new_drop_target (self, "projects.move-selected-down")));
  gtk_list_item_set_child (item, row);
}

static void
campaign_bind_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  PdProjectsPage           *self)
{
  PdCampaignProject *campaign_project = gtk_list_item_get_item (item);
  GtkWidget *row = gtk_list_item_get_child (item);
  g_autoptr(PdProject) project = NULL;
  guint position = gtk_list_item_get_position (item);

  if (self->store != NULL)
    project = pd_store_get_project (self->store, pd_campaign_project_get_project_id (campaign_project));

  pd_campaign_project_row_bind (PD_CAMPAIGN_PROJECT_ROW (row), campaign_project, project,
                                self->campaign, position);

  /* A row moved by keyboard keeps the focus in its new place. */
  if (position == self->focus_position)
    {
      self->focus_position = G_MAXUINT;
      g_idle_add (focus_row_cb, g_object_ref (row));
    }
}

static void
campaign_unbind_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    PdProjectsPage           *self)
{
  pd_campaign_project_row_unbind (PD_CAMPAIGN_PROJECT_ROW (gtk_list_item_get_child (item)));
}

/* --- Properties ---------------------------------------------------------*/

static void
pd_projects_page_set_store (PdProjectsPage *self,
                            PdStore        *store)
{
  if (!g_set_object (&self->store, store))
    return;

  if (self->library != NULL)
    g_signal_handlers_disconnect_by_data (self->library, self);
  g_clear_object (&self->library);
  self->library_loaded = FALSE;
  if (store != NULL)
    {
      /* Nothing is read yet: that waits until the library is shown. */
      self->library = pd_project_list_model_new (store);
      pd_project_list_model_set_query (self->library, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
      pd_project_list_model_set_category (self->library, self->category);
      pd_project_list_model_set_sort (self->library, selected_sort (self));
      g_signal_connect_swapped (self->library, "items-changed", G_CALLBACK (update_library_count), self);
      g_signal_connect_swapped (self->library, "notify::total", G_CALLBACK (update_library_count), self);
      g_signal_connect_swapped (self->library, "notify::loading", G_CALLBACK (update_library_count), self);
    }
  gtk_no_selection_set_model (self->library_selection, G_LIST_MODEL (self->library));
  _pd_projects_page_reload_categories (self);
  update_library_count (self);
  if (gtk_widget_get_mapped (GTK_WIDGET (self->library_stack)))
    ensure_library (self, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

static void
pd_projects_page_set_campaign (PdProjectsPage *self,
                               PdCampaign     *campaign)
{
  if (self->campaign == campaign)
    return;

  if (self->campaign != NULL)
    g_signal_handlers_disconnect_by_data (pd_campaign_get_projects (self->campaign), self);
  g_set_object (&self->campaign, campaign);
  gtk_single_selection_set_model (self->campaign_selection,
                                  campaign != NULL ? pd_campaign_get_projects (campaign) : NULL);
  if (campaign != NULL)
    g_signal_connect_swapped (pd_campaign_get_projects (campaign), "items-changed",
                              G_CALLBACK (update_campaign_count), self);

  update_campaign_count (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self), campaign != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAMPAIGN]);
}

static void
pd_projects_page_dispose (GObject *object)
{
  PdProjectsPage *self = PD_PROJECTS_PAGE (object);

  pd_projects_page_set_campaign (self, NULL);
  /* The bin's child is a bound template child: let the bin drop it, so
   * that disposing the template does not unparent it behind its back. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), PD_TYPE_PROJECTS_PAGE);
  g_clear_object (&self->library_selection);
  if (self->library != NULL)
    g_signal_handlers_disconnect_by_data (self->library, self);
  g_clear_object (&self->library);
  g_clear_object (&self->campaign_selection);
  g_clear_object (&self->categories);
  g_clear_object (&self->store);
  g_clear_pointer (&self->category, g_free);

  G_OBJECT_CLASS (pd_projects_page_parent_class)->dispose (object);
}

static void
pd_projects_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PdProjectsPage *self = PD_PROJECTS_PAGE (object);

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
pd_projects_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  PdProjectsPage *self = PD_PROJECTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      pd_projects_page_set_store (self, g_value_get_object (value));
      break;

    case PROP_CAMPAIGN:
      pd_projects_page_set_campaign (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_projects_page_class_init (PdProjectsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pd_projects_page_dispose;
  object_class->get_property = pd_projects_page_get_property;
  object_class->set_property = pd_projects_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, PD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAMPAIGN] =
    g_param_spec_object ("campaign", NULL, NULL, PD_TYPE_CAMPAIGN,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/particulate/Designer/ui/pd-projects-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PdProjectsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, PdProjectsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PdProjectsPage, category_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PdProjectsPage, sort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PdProjectsPage, library_stack);
  gtk_widget_class_bind_template_child (widget_class, PdProjectsPage, library_view);
  gtk_widget_class_bind_template_child (widget_class, PdProjectsPage, library_count_label);
  gtk_widget_class_bind_template_child (widget_class, PdProjectsPage, campaign_stack);
  gtk_widget_class_bind_template_child (widget_class, PdProjectsPage, campaign_view);
  gtk_widget_class_bind_template_child (widget_class, PdProjectsPage, campaign_count_label);
  gtk_widget_class_bind_template_callback (widget_class, on_library_view_activate_cb);

  _pd_projects_page_class_init_edit (widget_class);
}

static void
pd_projects_page_init (PdProjectsPage *self)
{
  g_autoptr(GtkListItemFactory) library_factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkListItemFactory) campaign_factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->focus_position = G_MAXUINT;

  self->categories = gtk_string_list_new (NULL);
  gtk_drop_down_set_model (self->category_dropdown, G_LIST_MODEL (self->categories));
  _pd_projects_page_reload_categories (self);
  g_signal_connect_swapped (self->category_dropdown, "notify::selected",
                            G_CALLBACK (on_category_selected_cb), self);
  g_signal_connect_swapped (self->sort_dropdown, "notify::selected",
                            G_CALLBACK (on_sort_selected_cb), self);
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (run_search), self);

  self->library_selection = gtk_no_selection_new (NULL);
  g_signal_connect_swapped (self->library_stack, "map", G_CALLBACK (on_library_map_cb), self);
  g_signal_connect (library_factory, "setup", G_CALLBACK (library_setup_cb), self);
  g_signal_connect (library_factory, "bind", G_CALLBACK (library_bind_cb), self);
  g_signal_connect (library_factory, "unbind", G_CALLBACK (library_unbind_cb), self);
  gtk_list_view_set_factory (self->library_view, library_factory);
  gtk_list_view_set_model (self->library_view, GTK_SELECTION_MODEL (self->library_selection));

  self->campaign_selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->campaign_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->campaign_selection, TRUE);
  g_signal_connect (campaign_factory, "setup", G_CALLBACK (campaign_setup_cb), self);
  g_signal_connect (campaign_factory, "bind", G_CALLBACK (campaign_bind_cb), self);
  g_signal_connect (campaign_factory, "unbind", G_CALLBACK (campaign_unbind_cb), self);
  gtk_list_view_set_factory (self->campaign_view, campaign_factory);
  gtk_list_view_set_model (self->campaign_view, GTK_SELECTION_MODEL (self->campaign_selection));

  /* Dropping below the last row (or on the empty state) appends. */
  gtk_widget_add_controller (GTK_WIDGET (self->campaign_stack),
                             GTK_EVENT_CONTROLLER (_pd_projects_page_new_drop_target (self, "projects.show-library")));

  adw_leaflet_set_visible_child_name (self->leaflet, "campaign");
  update_library_count (self);
  update_campaign_count (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
}

GListModel *
pd_projects_page_get_library (PdProjectsPage *self)
{
  g_return_val_if_fail (PD_IS_PROJECTS_PAGE (self), NULL);

  ensure_library (self, TRUE);
  return G_LIST_MODEL (self->library);
}
