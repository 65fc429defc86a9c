/* pd-project-list-model.h: the project library as a lazy GListModel
 *
 * The library may hold 100,000 projects. This model holds only the row ids
 * of the projects that match its query, category and sort order, computed
 * by SQLite; a PdProject (the store's live instance) is made when a view
 * asks for it and a few hundred are kept. It follows the store
 * (PdStore::record-changed) with exact items-changed signals.
 *
 * The model is empty until the first pd_project_list_model_reload() or
 * _refresh(): a library nobody shows costs nothing. From then on every
 * change of query, category or sort, and every change in the store,
 * queries again. Queries run on a worker thread with their own read-only
 * connection, so typing in a search never stalls the main loop; "loading"
 * is TRUE while one is under way. pd_project_list_model_refresh() queries
 * at once, for callers that need the answer now.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pd-store.h"

G_BEGIN_DECLS

typedef enum {
  PD_PROJECT_SORT_TITLE,
  PD_PROJECT_SORT_ORGANISATION,
  PD_PROJECT_SORT_LOCATION,
  PD_PROJECT_SORT_TARGET,       /* largest default target first */
} PdProjectSort;

#define PD_TYPE_PROJECT_SORT (pd_project_sort_get_type ())
GType pd_project_sort_get_type (void);

#define PD_TYPE_PROJECT_LIST_MODEL (pd_project_list_model_get_type ())
G_DECLARE_FINAL_TYPE (PdProjectListModel, pd_project_list_model, PD, PROJECT_LIST_MODEL, GObject)

PdProjectListModel *pd_project_list_model_new          (PdStore            *store);
PdStore            *pd_project_list_model_get_store    (PdProjectListModel *self);

/* Each setter queries again (on the worker thread) when the value changes.
 * @query: (nullable): words that must all occur in title, organisation or
 *   location, ignoring case and accents (as pd_store_search_projects())
 * @category: (nullable): only this category */
void                pd_project_list_model_set_query    (PdProjectListModel *self,
                                                        const char         *query);
const char         *pd_project_list_model_get_query    (PdProjectListModel *self);
void                pd_project_list_model_set_category (PdProjectListModel *self,
                                                        const char         *category);
const char         *pd_project_list_model_get_category (PdProjectListModel *self);
void                pd_project_list_model_set_sort     (PdProjectListModel *self,
                                                        PdProjectSort       sort);
PdProjectSort       pd_project_list_model_get_sort     (PdProjectListModel *self);

/* TRUE while the model is behind: a query runs on the worker thread, or
 * one is due after a change in the store. */
gboolean            pd_project_list_model_get_loading  (PdProjectListModel *self);
/* All projects of the store, whatever the query, as of the last query. */
guint               pd_project_list_model_get_total    (PdProjectListModel *self);

/* Queries again on the worker thread. */
void                pd_project_list_model_reload       (PdProjectListModel *self);
/* Queries now, on the store's own connection, and drops any query in
 * flight; the model then matches the store. */
gboolean            pd_project_list_model_refresh      (PdProjectListModel *self,
                                                        GError            **error);

G_END_DECLS
