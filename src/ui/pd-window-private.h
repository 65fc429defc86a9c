/* pd-window-private.h: what the window's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pd-account-switcher.h"
#include "pd-details-page.h"
#include "pd-projects-page.h"
#include "pd-sync-indicator.h"
#include "pd-window.h"

G_BEGIN_DECLS

struct _PdWindow
{
  AdwApplicationWindow  parent_instance;

  PdContext            *context;
  PdStore              *store;
  PdCampaign           *campaign;

  GtkFilterListModel   *filter_model;
  GtkSortListModel     *sort_model;
  GtkSingleSelection   *selection;
  GtkFilter            *filter;
  GtkSorter            *sorter;
  GMenu                *edit_section;
  guint                 refresh_id;
  GtkWindow            *conflict_dialog;  /* weak; while it is open */
  gboolean              keep_selection;   /* while a workspace opens or the window closes */

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwLeaflet           *leaflet;
  GtkStack             *sidebar_stack;
  GtkStack             *content_stack;
  AdwViewStack         *view_stack;
  GtkSearchEntry       *search_entry;
  GtkListView          *campaign_list_view;
  PdAccountSwitcher    *account_switcher;
  PdSyncIndicator      *sync_indicator;
  AdwStatusPage        *no_workspace_page;
  GtkMenuButton        *primary_menu_button;
  GtkWidget            *view_switcher_title;
  GtkWidget            *campaign_menu_button;
  GtkWidget            *details_page;
  GtkWidget            *projects_page;
  GtkWidget            *design_page;
  GtkWidget            *vouchers_page;
  GtkWidget            *results_page;
};

/* pd-window-actions.c */
void        _pd_window_class_init_actions (GtkWidgetClass *widget_class);
void        _pd_window_update_actions     (PdWindow       *self);
PdCampaign *_pd_window_new_campaign       (PdWindow       *self);
/* Shows @error as a toast; for failed writes the user should know of. */
void        _pd_window_show_error         (PdWindow       *self,
                                           const GError   *error);

/* pd-window-state.c */
void        _pd_window_save_selection     (PdWindow       *self);
void        _pd_window_restore_selection  (PdWindow       *self);

/* pd-window.c */
void        _pd_window_refresh_sync_state (PdWindow       *self);
void        _pd_window_refresh_list       (PdWindow       *self);

/* Which sync state to show for @store; also used by the tests. */
PdSyncIndicatorStatus _pd_window_compute_sync_status (PdStore  *store,
                                                      gboolean  has_account,
                                                      gboolean  network_available,
                                                      guint    *pending_count,
                                                      char    **details);

G_END_DECLS
