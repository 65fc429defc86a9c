/* pd-window.c
 *
 * The main window: the campaign list of the open workspace in the sidebar,
 * the selected campaign's pages in the content pane. Every page gets the
 * store and the campaign through its "store" and "campaign" properties.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-window"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-campaign-row.h"
#include "pd-conflict-dialog.h"
#include "pd-sync-engine.h"
#include "pd-design-page.h"
#include "pd-results-page.h"
#include "pd-vouchers-page.h"
#include "pd-window-private.h"

G_DEFINE_FINAL_TYPE (PdWindow, pd_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_CAMPAIGN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Pages of other helpers may not have the properties yet; setting a
 * missing property would be a critical. */
static void
set_page_property (GtkWidget  *page,
                   const char *name,
                   gpointer    value)
{
  if (g_object_class_find_property (G_OBJECT_GET_CLASS (page), name) != NULL)
    g_object_set (page, name, value, NULL);
}

static void
set_pages_property (PdWindow   *self,
                    const char *name,
                    gpointer    value)
{
  GtkWidget *pages[] = {
    self->details_page, self->projects_page, self->design_page,
    self->vouchers_page, self->results_page,
  };

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    set_page_property (pages[i], name, value);
}

static void
pd_window_restore_state (PdWindow *self)
{
  GSettings *settings = pd_context_get_settings (self->context);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));

  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static gboolean
pd_window_close_request (GtkWindow *window)
{
  PdWindow *self = PD_WINDOW (window);
  GSettings *settings = pd_context_get_settings (self->context);
  int width, height;

  /* The default size tracks the unmaximized size, which is what should be
   * restored when the window is later unmaximized. */
  gtk_window_get_default_size (window, &width, &height);

  g_settings_delay (settings);
  g_settings_set_int (settings, "window-width", width);
  g_settings_set_int (settings, "window-height", height);
  g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (window));
  g_settings_apply (settings);

  /* The campaign shown is saved as it is chosen; the window going away
   * chooses none. */
  _pd_window_save_selection (self);
  self->keep_selection = TRUE;

  return GTK_WINDOW_CLASS (pd_window_parent_class)->close_request (window);
}

/* --- The campaign list --------------------------------------------------*/

static int
status_rank (PdCampaignStatus status)
{
  /* What needs attention first: running, then coming, then in the making. */
  switch (status)
    {
    case PD_CAMPAIGN_STATUS_LIVE: return 0;
    case PD_CAMPAIGN_STATUS_SCHEDULED: return 1;
    case PD_CAMPAIGN_STATUS_DRAFT: return 2;
    case PD_CAMPAIGN_STATUS_ENDED: return 3;
    case PD_CAMPAIGN_STATUS_ARCHIVED: return 4;
    default: return 5;
    }
}

static int
compare_campaigns_cb (gconstpointer a,
                      gconstpointer b,
                      gpointer      user_data)
{
  PdCampaign *ca = PD_CAMPAIGN ((gpointer) a);
  PdCampaign *cb = PD_CAMPAIGN ((gpointer) b);
  GDateTime *sa, *sb;
  int diff;

  diff = status_rank (pd_campaign_get_status (ca)) - status_rank (pd_campaign_get_status (cb));
  if (diff != 0)
    return diff < 0 ? GTK_ORDERING_SMALLER : GTK_ORDERING_LARGER;

  /* Newest period first. */
  sa = pd_campaign_get_starts_at (ca);
  sb = pd_campaign_get_starts_at (cb);
  if (sa != NULL && sb != NULL && (diff = g_date_time_compare (sb, sa)) != 0)
    return diff < 0 ? GTK_ORDERING_SMALLER : GTK_ORDERING_LARGER;

  diff = g_utf8_collate (pd_campaign_get_name (ca), pd_campaign_get_name (cb));
  if (diff == 0)
    diff = g_strcmp0 (pd_record_get_id (PD_RECORD (ca)), pd_record_get_id (PD_RECORD (cb)));
  return diff < 0 ? GTK_ORDERING_SMALLER : diff > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

static gboolean
filter_campaign_cb (gpointer item,
                    gpointer user_data)
{
  PdWindow *self = user_data;
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *name = NULL;
  g_autofree char *needle = NULL;

  if (query == NULL || *query == '\0')
    return TRUE;

  name = g_utf8_casefold (pd_campaign_get_name (item), -1);
  needle = g_utf8_casefold (query, -1);
  return strstr (name, needle) != NULL;
}

static void
update_sidebar_page (PdWindow *self)
{
  const char *page = "list";

  if (self->store == NULL)
    page = "no-workspace";
  else if (g_list_model_get_n_items (pd_store_get_campaigns (self->store)) == 0)
    page = "empty";
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) == 0)
    page = "no-results";

  gtk_stack_set_visible_child_name (self->sidebar_stack, page);
}

void
_pd_window_refresh_list (PdWindow *self)
{
  /* Neither model watches the campaigns' properties; a rename or a new
   * period re-sorts and re-filters here. */
  gtk_sorter_changed (self->sorter, GTK_SORTER_CHANGE_DIFFERENT);
  gtk_filter_changed (self->filter, GTK_FILTER_CHANGE_DIFFERENT);
  update_sidebar_page (self);
}

static void
on_search_changed_cb (PdWindow *self)
{
  gtk_filter_changed (self->filter, GTK_FILTER_CHANGE_DIFFERENT);
  update_sidebar_page (self);
}

static void set_campaign (PdWindow   *self,
                          PdCampaign *campaign);
static gboolean campaign_is_listed (PdWindow *self);

static void
on_items_changed_cb (PdWindow *self)
{
  /* The open campaign was deleted (here, by undo or by a colleague). */
  if (self->campaign != NULL && !campaign_is_listed (self))
    set_campaign (self, NULL);
  update_sidebar_page (self);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  gtk_list_item_set_child (item, pd_campaign_row_new ());
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  PdCampaign *campaign = gtk_list_item_get_item (item);

  pd_campaign_row_set_campaign (PD_CAMPAIGN_ROW (gtk_list_item_get_child (item)), campaign);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  pd_campaign_row_set_campaign (PD_CAMPAIGN_ROW (gtk_list_item_get_child (item)), NULL);
}

/* A narrow window hides the page tabs and shows this title instead, so
 * the manager still sees which campaign they are editing. */
static void
on_campaign_name_changed_cb (PdWindow *self)
{
  adw_view_switcher_title_set_title (ADW_VIEW_SWITCHER_TITLE (self->view_switcher_title),
                                     self->campaign != NULL ? pd_campaign_get_name (self->campaign) : NULL);
}

static void
set_campaign (PdWindow   *self,
              PdCampaign *campaign)
{
  if (self->campaign == campaign)
    return;

  if (self->campaign != NULL)
    g_signal_handlers_disconnect_by_func (self->campaign, on_campaign_name_changed_cb, self);
  g_set_object (&self->campaign, campaign);
  if (campaign != NULL)
    g_signal_connect_object (campaign, "notify::name", G_CALLBACK (on_campaign_name_changed_cb),
                             self, G_CONNECT_SWAPPED);
  on_campaign_name_changed_cb (self);

  set_pages_property (self, "campaign", campaign);
  gtk_stack_set_visible_child_name (self->content_stack, campaign != NULL ? "campaign" : "empty");
  /* Page tabs and the campaign menu only mean something with a campaign. */
  gtk_widget_set_visible (self->view_switcher_title, campaign != NULL);
  gtk_widget_set_visible (self->campaign_menu_button, campaign != NULL);
  _pd_window_update_actions (self);

  if (campaign != NULL)
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  else
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);

  _pd_window_save_selection (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAMPAIGN]);
}

static gboolean
campaign_is_listed (PdWindow *self)
{
  GListModel *campaigns;
  guint n;

  if (self->campaign == NULL || self->store == NULL)
    return FALSE;

  campaigns = pd_store_get_campaigns (self->store);
  n = g_list_model_get_n_items (campaigns);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PdCampaign) item = g_list_model_get_item (campaigns, i);

      if (item == self->campaign)
        return TRUE;
    }
  return FALSE;
}

static void
on_selected_item_changed_cb (PdWindow *self)
{
  PdCampaign *selected = gtk_single_selection_get_selected_item (self->selection);

  /* A search that hides the open campaign does not close it; only a
   * deleted campaign (or another choice) does. */
  if (selected == NULL && campaign_is_listed (self))
    return;

  set_campaign (self, selected);
}

static void
on_campaign_list_view_activate_cb (PdWindow *self,
                                   guint     position)
{
  gtk_single_selection_set_selected (self->selection, position);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

/* --- Sync state ---------------------------------------------------------*/

PdSyncIndicatorStatus
_pd_window_compute_sync_status (PdStore  *store,
                                gboolean  has_account,
                                gboolean  network_available,
                                guint    *pending_count,
                                char    **details)
{
  g_autoptr(GPtrArray) ops = NULL;
  g_autoptr(GString) problems = g_string_new (NULL);
  guint pending = 0;

  *pending_count = 0;
  *details = NULL;
  if (store == NULL)
    return PD_SYNC_INDICATOR_LOCAL;

  ops = pd_store_list_outbox_problems (store, NULL);
  for (guint i = 0; ops != NULL && i < ops->len; i++)
    {
      PdOutboxOp *op = g_ptr_array_index (ops, i);

      if (problems->len > 0)
        g_string_append_c (problems, '\n');
      if (op->status == PD_OUTBOX_STATUS_CONFLICT)
        g_string_append (problems, _("A change conflicts with an edit made on the platform."));
      else
        g_string_append (problems, op->last_error != NULL ? op->last_error
                                                           : _("The platform refused a change."));
    }
  pending = pd_store_count_outbox (store);

  *pending_count = pending;
  if (problems->len > 0)
    {
      *details = g_string_free (g_steal_pointer (&problems), FALSE);
      return PD_SYNC_INDICATOR_ERROR;
    }
  if (!has_account)
    return PD_SYNC_INDICATOR_LOCAL;
  if (!network_available)
    return PD_SYNC_INDICATOR_OFFLINE;
  return pending > 0 ? PD_SYNC_INDICATOR_PENDING : PD_SYNC_INDICATOR_SYNCED;
}

/* The sync engine's word, for an account's workspace. @details gets the
 * technical cause of a failure, for the popover's "Details"; the plain
 * words are the indicator's. */
static PdSyncIndicatorStatus
engine_status (PdSyncEngine  *engine,
               char         **details)
{
  const char *detail = pd_sync_engine_get_status_detail (engine);

  *details = NULL;
  switch (pd_sync_engine_get_status (engine))
    {
    case PD_SYNC_STATUS_SYNCED: return PD_SYNC_INDICATOR_SYNCED;
    case PD_SYNC_STATUS_PENDING: return PD_SYNC_INDICATOR_PENDING;
    case PD_SYNC_STATUS_SYNCING: return PD_SYNC_INDICATOR_SYNCING;
    case PD_SYNC_STATUS_OFFLINE: return PD_SYNC_INDICATOR_OFFLINE;
    case PD_SYNC_STATUS_SIGNED_OUT: return PD_SYNC_INDICATOR_SIGNED_OUT;
    case PD_SYNC_STATUS_ERROR:
    default:
      *details = g_strdup (detail);
      switch (pd_sync_engine_get_problem (engine))
        {
        case PD_SYNC_PROBLEM_UNREACHABLE: return PD_SYNC_INDICATOR_UNREACHABLE;
        case PD_SYNC_PROBLEM_BUSY: return PD_SYNC_INDICATOR_BUSY;
        case PD_SYNC_PROBLEM_NONE:
        case PD_SYNC_PROBLEM_OTHER:
        default:
          return PD_SYNC_INDICATOR_ERROR;
        }
    }
}

void
_pd_window_refresh_sync_state (PdWindow *self)
{
  GNetworkMonitor *monitor = g_network_monitor_get_default ();
  PdSyncEngine *engine = pd_context_get_sync_engine (self->context);
  g_autofree char *details = NULL;
  PdSyncIndicatorStatus status;
  guint pending;

  if (engine != NULL)
    {
      guint conflicts = g_list_model_get_n_items (pd_sync_engine_get_conflicts (engine));
      gboolean busy = pd_sync_engine_get_busy (engine);

      status = engine_status (engine, &details);
      pd_sync_indicator_set_state (self->sync_indicator, status,
                                   pd_sync_engine_get_pending_count (engine), details);
      pd_sync_indicator_set_conflict_count (self->sync_indicator, conflicts);
      /* A retry the engine makes quietly, while the platform is away,
       * shows no progress: the line keeps saying why changes wait. */
      pd_sync_indicator_set_progress (self->sync_indicator,
                                      busy && status == PD_SYNC_INDICATOR_SYNCING,
                                      pd_sync_engine_get_progress (engine),
                                      pd_sync_engine_get_received_count (engine));
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.resolve-conflicts", conflicts > 0);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-sync", busy);
      return;
    }

  pd_sync_indicator_set_conflict_count (self->sync_indicator, 0);
  pd_sync_indicator_set_progress (self->sync_indicator, FALSE, 1.0, 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.resolve-conflicts", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-sync", FALSE);

  status = _pd_window_compute_sync_status (self->store, FALSE,
                                           g_network_monitor_get_network_available (monitor),
                                           &pending, &details);
  pd_sync_indicator_set_state (self->sync_indicator, status, pending, details);
}

static gboolean
refresh_cb (gpointer user_data)
{
  PdWindow *self = user_data;

  self->refresh_id = 0;
  _pd_window_refresh_list (self);
  _pd_window_refresh_sync_state (self);
  return G_SOURCE_REMOVE;
}

/* Every edit, undo and redo moves the undo stack and the outbox; one idle
 * refresh then covers a burst of them. */
static void
on_undo_stack_notify_cb (PdWindow *self)
{
  _pd_window_update_actions (self);
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add (refresh_cb, self);
}

/* --- The workspace ------------------------------------------------------*/

static void
set_store (PdWindow *self,
           PdStore  *store)
{
  if (self->store == store)
    return;

  if (self->store != NULL)
    {
      g_signal_handlers_disconnect_by_data (pd_store_get_undo_stack (self->store), self);
      g_signal_handlers_disconnect_by_data (pd_store_get_campaigns (self->store), self);
      g_signal_handlers_disconnect_by_data (self->store, self);
    }

  /* Leaving a workspace is not choosing no campaign in it. */
  self->keep_selection = TRUE;
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  set_campaign (self, NULL);
  g_set_object (&self->store, store);

  gtk_filter_list_model_set_model (self->filter_model,
                                   store != NULL ? pd_store_get_campaigns (store) : NULL);
  set_pages_property (self, "store", store);

  if (store != NULL)
    {
      g_signal_connect_object (pd_store_get_undo_stack (store), "notify",
                               G_CALLBACK (on_undo_stack_notify_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (pd_store_get_campaigns (store), "items-changed",
                               G_CALLBACK (on_items_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (store, "outbox-changed",
                               G_CALLBACK (on_undo_stack_notify_cb), self, G_CONNECT_SWAPPED);
    }

  update_sidebar_page (self);
  _pd_window_restore_selection (self);
  self->keep_selection = FALSE;
  _pd_window_update_actions (self);
  _pd_window_refresh_sync_state (self);
}

static void
on_context_store_changed_cb (PdWindow *self)
{
  set_store (self, pd_context_get_store (self->context));
}

static void
on_sync_engine_notify_cb (PdWindow *self)
{
  _pd_window_refresh_sync_state (self);
}

static void
on_context_sync_engine_changed_cb (PdWindow *self)
{
  PdSyncEngine *engine = pd_context_get_sync_engine (self->context);

  if (engine != NULL)
    {
      g_signal_connect_object (engine, "notify", G_CALLBACK (on_sync_engine_notify_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (pd_sync_engine_get_conflicts (engine), "items-changed",
                               G_CALLBACK (on_sync_engine_notify_cb), self, G_CONNECT_SWAPPED);
    }
  /* The conflicts shown belong to the engine of the account left. */
  if (self->conflict_dialog != NULL &&
      pd_conflict_dialog_get_engine (PD_CONFLICT_DIALOG (self->conflict_dialog)) != engine)
    gtk_window_close (self->conflict_dialog);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sync", engine != NULL);
  _pd_window_refresh_sync_state (self);
}

static void
pd_window_sync_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  PdWindow *self = PD_WINDOW (widget);
  PdSyncEngine *engine = pd_context_get_sync_engine (self->context);

  pd_details_page_flush (PD_DETAILS_PAGE (self->details_page));
  if (engine != NULL)
    pd_sync_engine_sync_now (engine);
}

static void
pd_window_cancel_sync_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  PdWindow *self = PD_WINDOW (widget);
  PdSyncEngine *engine = pd_context_get_sync_engine (self->context);

  if (engine != NULL)
    pd_sync_engine_cancel (engine);
}

static void
pd_window_resolve_conflicts_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter)
{
  PdWindow *self = PD_WINDOW (widget);
  PdSyncEngine *engine = pd_context_get_sync_engine (self->context);

  if (engine == NULL)
    return;

  if (self->conflict_dialog == NULL)
    {
      self->conflict_dialog = GTK_WINDOW (pd_conflict_dialog_new (engine));
      g_object_add_weak_pointer (G_OBJECT (self->conflict_dialog), (gpointer *) &self->conflict_dialog);
      gtk_window_set_transient_for (self->conflict_dialog, GTK_WINDOW (self));
    }
  gtk_window_present (self->conflict_dialog);
}

static void
pd_window_go_back (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PdWindow *self = PD_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
pd_window_focus_search (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  PdWindow *self = PD_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
pd_window_constructed (GObject *object)
{
  PdWindow *self = PD_WINDOW (object);

  G_OBJECT_CLASS (pd_window_parent_class)->constructed (object);

  pd_window_restore_state (self);
  pd_account_switcher_set_context (self->account_switcher, self->context);

  g_signal_connect_object (self->context, "notify::store",
                           G_CALLBACK (on_context_store_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "notify::sync-engine",
                           G_CALLBACK (on_context_sync_engine_changed_cb), self, G_CONNECT_SWAPPED);
  set_store (self, pd_context_get_store (self->context));
  on_context_sync_engine_changed_cb (self);
}

static void
pd_window_dispose (GObject *object)
{
  PdWindow *self = PD_WINDOW (object);

  self->keep_selection = TRUE;
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->conflict_dialog != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->conflict_dialog), (gpointer *) &self->conflict_dialog);
      gtk_window_destroy (self->conflict_dialog);
      self->conflict_dialog = NULL;
    }
  if (self->store != NULL)
    {
      g_signal_handlers_disconnect_by_data (pd_store_get_undo_stack (self->store), self);
      g_signal_handlers_disconnect_by_data (pd_store_get_campaigns (self->store), self);
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), PD_TYPE_WINDOW);
  g_clear_object (&self->selection);
  g_clear_object (&self->edit_section);
  if (self->campaign != NULL)
    g_signal_handlers_disconnect_by_func (self->campaign, on_campaign_name_changed_cb, self);
  g_clear_object (&self->campaign);
  g_clear_object (&self->store);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (pd_window_parent_class)->dispose (object);
}

static void
pd_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  PdWindow *self = PD_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    case PROP_CAMPAIGN:
      g_value_set_object (value, self->campaign);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  PdWindow *self = PD_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_window_class_init (PdWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = pd_window_constructed;
  object_class->dispose = pd_window_dispose;
  object_class->get_property = pd_window_get_property;
  object_class->set_property = pd_window_set_property;

  window_class->close_request = pd_window_close_request;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         PD_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAMPAIGN] =
    g_param_spec_object ("campaign", NULL, NULL,
                         PD_TYPE_CAMPAIGN,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/particulate/Designer/ui/pd-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PdWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PdWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, PdWindow, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, PdWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, PdWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, PdWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PdWindow, campaign_list_view);
  gtk_widget_class_bind_template_child (widget_class, PdWindow, account_switcher);
  gtk_widget_class_bind_template_child (widget_class, PdWindow, sync_indicator);
  gtk_widget_class_bind_template_child (widget_class, PdWindow, no_workspace_page);
  gtk_widget_class_bind_template_child (widget_class, PdWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, PdWindow, view_switcher_title);
  gtk_widget_class_bind_template_child (widget_class, PdWindow, campaign_menu_button);
  gtk_widget_class_bind_template_child (widget_class, PdWindow, details_page);
  gtk_widget_class_bind_template_child (widget_class, PdWindow, projects_page);
  gtk_widget_class_bind_template_child (widget_class, PdWindow, design_page);
  gtk_widget_class_bind_template_child (widget_class, PdWindow, vouchers_page);
  gtk_widget_class_bind_template_child (widget_class, PdWindow, results_page);
  gtk_widget_class_bind_template_callback (widget_class, on_campaign_list_view_activate_cb);

  gtk_widget_class_install_action (widget_class, "win.go-back", NULL, pd_window_go_back);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, pd_window_focus_search);
  gtk_widget_class_install_action (widget_class, "win.sync", NULL, pd_window_sync_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-sync", NULL, pd_window_cancel_sync_action);
  gtk_widget_class_install_action (widget_class, "win.resolve-conflicts", NULL, pd_window_resolve_conflicts_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.sync", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.go-back", NULL);

  _pd_window_class_init_actions (widget_class);
}

static void
pd_window_init (PdWindow *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;

  g_type_ensure (PD_TYPE_ACCOUNT_SWITCHER);
  g_type_ensure (PD_TYPE_SYNC_INDICATOR);
  g_type_ensure (PD_TYPE_DETAILS_PAGE);
  g_type_ensure (PD_TYPE_PROJECTS_PAGE);
  g_type_ensure (PD_TYPE_DESIGN_PAGE);
  g_type_ensure (PD_TYPE_VOUCHERS_PAGE);
  g_type_ensure (PD_TYPE_RESULTS_PAGE);

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_visible (self->view_switcher_title, FALSE);
  gtk_widget_set_visible (self->campaign_menu_button, FALSE);

  /* Undo and Redo head the main menu, labelled with what they would do. */
  self->edit_section = g_menu_new ();
  g_menu_prepend_section (G_MENU (gtk_menu_button_get_menu_model (self->primary_menu_button)),
                          NULL, G_MENU_MODEL (self->edit_section));

  self->filter = GTK_FILTER (gtk_custom_filter_new (filter_campaign_cb, self, NULL));
  self->sorter = GTK_SORTER (gtk_custom_sorter_new (compare_campaigns_cb, NULL, NULL));
  self->filter_model = gtk_filter_list_model_new (NULL, self->filter);
  self->sort_model = gtk_sort_list_model_new (G_LIST_MODEL (self->filter_model), self->sorter);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (self->sort_model));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected-item",
                            G_CALLBACK (on_selected_item_changed_cb), self);
  g_signal_connect_swapped (self->filter_model, "items-changed",
                            G_CALLBACK (on_items_changed_cb), self);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), NULL);
  gtk_list_view_set_factory (self->campaign_list_view, factory);
  gtk_list_view_set_model (self->campaign_list_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_swapped (self->search_entry, "search-changed",
                            G_CALLBACK (on_search_changed_cb), self);
  g_signal_connect_swapped (self->view_stack, "notify::visible-child-name",
                            G_CALLBACK (_pd_window_save_selection), self);
  gtk_search_entry_set_key_capture_widget (self->search_entry, NULL);

#ifdef DEVELOPMENT_BUILD
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif
}

PdWindow *
pd_window_new (PdApplication *application)
{
  g_return_val_if_fail (PD_IS_APPLICATION (application), NULL);

  return g_object_new (PD_TYPE_WINDOW,
                       "application", application,
                       "context", pd_application_get_context (application),
                       NULL);
}

/**
 * pd_window_get_context:
 *
 * Returns: (transfer none): the shared services
 */
PdContext *
pd_window_get_context (PdWindow *self)
{
  g_return_val_if_fail (PD_IS_WINDOW (self), NULL);

  return self->context;
}

PdStore *
pd_window_get_store (PdWindow *self)
{
  g_return_val_if_fail (PD_IS_WINDOW (self), NULL);

  return self->store;
}

PdCampaign *
pd_window_get_campaign (PdWindow *self)
{
  g_return_val_if_fail (PD_IS_WINDOW (self), NULL);

  return self->campaign;
}

void
pd_window_select_campaign (PdWindow   *self,
                           PdCampaign *campaign)
{
  GListModel *model;
  guint n;

  g_return_if_fail (PD_IS_WINDOW (self));
  g_return_if_fail (campaign == NULL || PD_IS_CAMPAIGN (campaign));

  if (campaign == NULL)
    {
      gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
      set_campaign (self, NULL);
      return;
    }

  /* A campaign hidden by the search is shown by clearing the search. */
  _pd_window_refresh_list (self);
  model = G_LIST_MODEL (self->sort_model);
  n = g_list_model_get_n_items (model);
  for (guint pass = 0; pass < 2; pass++)
    {
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(PdCampaign) item = g_list_model_get_item (model, i);

          if (item == campaign)
            {
              gtk_single_selection_set_selected (self->selection, i);
              return;
            }
        }
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      on_search_changed_cb (self);
      n = g_list_model_get_n_items (model);
    }
}

void
pd_window_add_toast (PdWindow *self,
                     AdwToast *toast)
{
  g_return_if_fail (PD_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}
