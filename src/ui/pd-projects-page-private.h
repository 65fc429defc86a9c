/* pd-projects-page-private.h: what the Projects page's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pd-project-list-model.h"
#include "pd-projects-page.h"

G_BEGIN_DECLS

/* The sort drop-down's items, in order. */
typedef enum {
  PD_LIBRARY_SORT_TITLE = PD_PROJECT_SORT_TITLE,
  PD_LIBRARY_SORT_ORGANISATION = PD_PROJECT_SORT_ORGANISATION,
  PD_LIBRARY_SORT_LOCATION = PD_PROJECT_SORT_LOCATION,
  PD_LIBRARY_SORT_TARGET = PD_PROJECT_SORT_TARGET,
} PdLibrarySort;

struct _PdProjectsPage
{
  AdwBin              parent_instance;

  PdStore            *store;
  PdCampaign         *campaign;

  PdProjectListModel *library;         /* NULL without a store */
  gboolean            library_loaded;  /* queried since the store was set */
  GtkNoSelection     *library_selection;
  GtkSingleSelection *campaign_selection;
  GtkStringList      *categories;
  char               *category;        /* NULL: all */
  guint               focus_position;  /* to focus after a move, or G_MAXUINT */

  /* Template widgets */
  AdwLeaflet         *leaflet;
  GtkSearchEntry     *search_entry;
  GtkDropDown        *category_dropdown;
  GtkDropDown        *sort_dropdown;
  GtkStack           *library_stack;
  GtkListView        *library_view;
  GtkLabel           *library_count_label;
  GtkStack           *campaign_stack;
  GtkListView        *campaign_view;
  GtkLabel           *campaign_count_label;
};

/* pd-projects-page-edit.c: every change to the campaign's list */
gboolean _pd_projects_page_add_project  (PdProjectsPage *self,
                                         const char     *project_id,
                                         guint           position);
gboolean _pd_projects_page_move_project (PdProjectsPage *self,
                                         guint           from,
                                         guint           to);
gboolean _pd_projects_page_remove_project (PdProjectsPage *self,
                                           const char     *project_id);
gboolean _pd_projects_page_set_target   (PdProjectsPage *self,
                                         const char     *project_id,
                                         gint64          coins);
/* The drop handler: a PdProject from the library is added at @position,
 * a PdCampaignProject of the list is moved there. */
gboolean _pd_projects_page_drop         (PdProjectsPage *self,
                                         const GValue   *value,
                                         guint           position);
GtkDropTarget *_pd_projects_page_new_drop_target (PdProjectsPage *self,
                                                  const char     *keyboard_action);
void     _pd_projects_page_class_init_edit (GtkWidgetClass *widget_class);
void     _pd_projects_page_show_toast   (PdProjectsPage *self,
                                         AdwToast       *toast);
void     _pd_projects_page_show_error   (PdProjectsPage *self,
                                         const GError   *error);

/* pd-projects-page-import.c */
void     _pd_projects_page_import_csv   (PdProjectsPage *self);
void     _pd_projects_page_import_bytes (PdProjectsPage *self,
                                         GBytes         *csv);

/* pd-projects-page.c */
void     _pd_projects_page_reload_categories (PdProjectsPage *self);

G_END_DECLS
