/* pd-project-list-model-private.h: what PdProjectListModel's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "pd-project-list-model.h"

G_BEGIN_DECLS

/* Everything a query needs, copied, so the worker shares nothing. */
typedef struct
{
  char        **words;      /* normalised, none empty */
  char         *category;
  PdProjectSort sort;
  char         *path;
  guint         generation;
} PdProjectQuery;

typedef struct
{
  GArray *rows;
  guint   total;
} PdProjectAnswer;

PdProjectQuery  *_pd_project_query_new    (const char           *text,
                                           const char           *category,
                                           PdProjectSort         sort,
                                           const char           *path,
                                           guint                 generation);
void             _pd_project_query_free   (PdProjectQuery       *query);
void             _pd_project_answer_free  (PdProjectAnswer      *answer);
/* The matching rowids in order, and the number of all projects. */
PdProjectAnswer *_pd_project_query_run    (sqlite3              *db,
                                           const PdProjectQuery *query,
                                           GCancellable         *cancellable,
                                           GError              **error);
/* A GTaskThreadFunc: runs the task's PdProjectQuery on a connection of its
 * own and returns a PdProjectAnswer. */
void             _pd_project_query_thread (GTask                *task,
                                           gpointer              source_object,
                                           gpointer              task_data,
                                           GCancellable         *cancellable);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdProjectQuery, _pd_project_query_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdProjectAnswer, _pd_project_answer_free)

G_END_DECLS
