/* pd-project-list-model.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-project-list-model"

#include "config.h"

#include "pd-project-list-model-private.h"
#include "pd-store-private.h"

/* Projects kept once made; a screenful is a few dozen, a fast fling a few
 * hundred. Beyond that the cache starts over rather than tracking age. */
#define CACHE_SIZE 512
/* Changes up to this many rows are signalled in one go (see apply_rows). */
#define SMALL_CHANGE 256

G_DEFINE_ENUM_TYPE (PdProjectSort, pd_project_sort,
  G_DEFINE_ENUM_VALUE (PD_PROJECT_SORT_TITLE, "title"),
  G_DEFINE_ENUM_VALUE (PD_PROJECT_SORT_ORGANISATION, "organisation"),
  G_DEFINE_ENUM_VALUE (PD_PROJECT_SORT_LOCATION, "location"),
  G_DEFINE_ENUM_VALUE (PD_PROJECT_SORT_TARGET, "target"))

struct _PdProjectListModel
{
  GObject       parent_instance;

  PdStore      *store;
  char         *query;
  char         *category;
  PdProjectSort sort;

  GArray       *rows;          /* gint64 rowids of the projects table, in order */
  guint         total;
  gboolean      started;       /* reloaded or refreshed once: follows changes */
  gboolean      loading;

  GHashTable   *cache;         /* rowid (gint64 *) → PdProject */
  GHashTable   *cached_ids;    /* project id → its rowid key in cache */

  GCancellable *cancellable;   /* of the query in flight */
  guint         generation;    /* answers of older queries are dropped */
  guint         changed_id;    /* idle query after store changes */
};

static void pd_project_list_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PdProjectListModel, pd_project_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      pd_project_list_model_list_model_init))

enum {
  PROP_0,
  PROP_STORE,
  PROP_QUERY,
  PROP_CATEGORY,
  PROP_SORT,
  PROP_LOADING,
  PROP_TOTAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* --- Queries (pd-project-list-model-query.c) ------------------------------*/

static PdProjectQuery *
query_new (PdProjectListModel *self)
{
  return _pd_project_query_new (self->query, self->category, self->sort,
                                pd_store_get_path (self->store), self->generation);
}

/* --- The cache -------------------------------------------------------------*/

static void
cache_clear (PdProjectListModel *self)
{
  g_hash_table_remove_all (self->cached_ids);
  g_hash_table_remove_all (self->cache);
}

static void
cache_insert (PdProjectListModel *self,
              gint64              rowid,
              PdProject          *project)
{
  gint64 *key;

  if (g_hash_table_size (self->cache) >= CACHE_SIZE)
    cache_clear (self);

  key = g_memdup2 (&rowid, sizeof rowid);
  g_hash_table_insert (self->cache, key, g_object_ref (project));
  /* The id string belongs to the project, which the cache holds. */
  g_hash_table_insert (self->cached_ids, (gpointer) pd_record_get_id (PD_RECORD (project)), key);
}

static PdProject *
load_project (PdProjectListModel *self,
              gint64              rowid)
{
  g_autofree char *id = NULL;
  sqlite3_stmt *stmt;

  stmt = _pd_store_prepare (self->store, "SELECT id FROM projects WHERE rowid = ?1", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, rowid);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = g_strdup (_pd_store_column_text (stmt, 0));
  sqlite3_reset (stmt);

  /* The live instance: the one every other view shows and edits. */
  return id != NULL ? pd_store_get_project (self->store, id) : NULL;
}

/* --- Answers ---------------------------------------------------------------*/

static void
set_loading (PdProjectListModel *self,
             gboolean            loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* Swaps in @rows and tells views the one range between the common start
 * and the common end that changed: an edit, an insert or a delete moves a
 * handful of rows, and views keep their place. */
static void
apply_rows (PdProjectListModel *self,
            GArray             *rows,
            guint               total)
{
  g_autoptr(GArray) old = self->rows;
  guint n_old = old->len, n_new = rows->len;
  guint prefix = 0, suffix = 0, removed, added;

  while (prefix < n_old && prefix < n_new &&
         g_array_index (old, gint64, prefix) == g_array_index (rows, gint64, prefix))
    prefix++;
  while (suffix < n_old - prefix && suffix < n_new - prefix &&
         g_array_index (old, gint64, n_old - 1 - suffix) == g_array_index (rows, gint64, n_new - 1 - suffix))
    suffix++;

  removed = n_old - prefix - suffix;
  added = n_new - prefix - suffix;

  if (self->total != total)
    {
      self->total = total;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL]);
    }

  /* GTK 4.8's list view looks for the removed rows' items among all the
   * added ones, asking for every one of them: a new query would make all
   * 100,000 projects. A big change is therefore told as a removal, then
   * an addition; a small one (an edit moving a row) in one go, so the
   * view keeps its rows. */
  if (removed > 0 && added > SMALL_CHANGE)
    {
      g_autoptr(GArray) between = g_array_sized_new (FALSE, FALSE, sizeof (gint64), prefix + suffix);

      g_array_append_vals (between, old->data, prefix);
      g_array_append_vals (between, &g_array_index (old, gint64, n_old - suffix), suffix);
      self->rows = g_array_ref (between);
      g_list_model_items_changed (G_LIST_MODEL (self), prefix, removed, 0);
      g_array_unref (g_steal_pointer (&self->rows));
      removed = 0;
    }

  self->rows = g_array_ref (rows);
  if (removed > 0 || added > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), prefix, removed, added);
}

static void
weak_ref_free (GWeakRef *ref)
{
  g_weak_ref_clear (ref);
  g_free (ref);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GWeakRef, weak_ref_free)

static void
query_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GWeakRef) ref = user_data;
  g_autoptr(PdProjectListModel) self = g_weak_ref_get (ref);
  PdProjectQuery *query = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(PdProjectAnswer) answer = g_task_propagate_pointer (G_TASK (result), &error);

  /* Gone, or a newer query (or a refresh) took over. */
  if (self == NULL || query->generation != self->generation)
    return;

  set_loading (self, FALSE);
  if (answer == NULL)
    {
      /* The list keeps what it showed; the next change queries again. */
      g_message ("%s", error->message);
      return;
    }
  apply_rows (self, answer->rows, answer->total);
}

static void
start_query (PdProjectListModel *self)
{
  g_autoptr(GTask) task = NULL;
  /* Not the model as the task's source: the worker thread may drop the
   * task last, and the model must only ever be finalized on the main
   * thread. The callback, on the main thread, holds it weakly. */
  GWeakRef *ref = g_new0 (GWeakRef, 1);

  g_weak_ref_init (ref, self);
  g_clear_handle_id (&self->changed_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->generation++;
  self->started = TRUE;

  task = g_task_new (NULL, self->cancellable, query_done_cb, ref);
  g_task_set_source_tag (task, start_query);
  g_task_set_task_data (task, query_new (self), (GDestroyNotify) _pd_project_query_free);
  set_loading (self, TRUE);
  g_task_run_in_thread (task, _pd_project_query_thread);
}

static gboolean
changed_cb (gpointer user_data)
{
  PdProjectListModel *self = user_data;

  self->changed_id = 0;
  start_query (self);
  return G_SOURCE_REMOVE;
}

/* A deleted project a view may ask for again goes at once, so that no
 * view ever gets a row without a project; the query that follows brings
 * everything else in line. */
static void
drop_deleted (PdProjectListModel *self,
              const char         *id)
{
  gint64 *key = g_hash_table_lookup (self->cached_ids, id);
  PdProject *project;
  gint64 rowid;

  if (key == NULL)
    return;
  project = g_hash_table_lookup (self->cache, key);
  if (pd_record_get_sync_state (PD_RECORD (project)) != PD_SYNC_STATE_DELETED)
    return;

  rowid = *key;
  g_hash_table_remove (self->cached_ids, id);
  g_hash_table_remove (self->cache, &rowid);
  for (guint i = 0; i < self->rows->len; i++)
    if (g_array_index (self->rows, gint64, i) == rowid)
      {
        g_array_remove_index (self->rows, i);
        g_list_model_items_changed (G_LIST_MODEL (self), i, 1, 0);
        break;
      }
}

static void
on_record_changed_cb (PdStore    *store,
                      const char *kind,
                      const char *id,
                      gpointer    user_data)
{
  PdProjectListModel *self = user_data;

  drop_deleted (self, id);
  /* One query after a burst (an import, a pull, an undo of many). Until
   * it lands the model is behind the store: "loading". */
  if (self->started && self->changed_id == 0)
    {
      self->changed_id = g_idle_add (changed_cb, self);
      set_loading (self, TRUE);
    }
}

/* --- GListModel ------------------------------------------------------------*/

static GType
pd_project_list_model_get_item_type (GListModel *model)
{
  return PD_TYPE_PROJECT;
}

static guint
pd_project_list_model_get_n_items (GListModel *model)
{
  return PD_PROJECT_LIST_MODEL (model)->rows->len;
}

static gpointer
pd_project_list_model_get_item (GListModel *model,
                                guint       position)
{
  PdProjectListModel *self = PD_PROJECT_LIST_MODEL (model);
  g_autoptr(PdProject) project = NULL;
  PdProject *cached;
  gint64 rowid;

  if (position >= self->rows->len)
    return NULL;

  rowid = g_array_index (self->rows, gint64, position);
  cached = g_hash_table_lookup (self->cache, &rowid);
  if (cached != NULL)
    return g_object_ref (cached);

  project = load_project (self, rowid);
  if (project == NULL)
    {
      /* Deleted by a pull or an import's undo, and the query that drops
       * it has not landed yet: an empty stand-in for that moment. */
      return pd_project_new ();
    }
  cache_insert (self, rowid, project);
  return g_steal_pointer (&project);
}

static void
pd_project_list_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = pd_project_list_model_get_item_type;
  iface->get_n_items = pd_project_list_model_get_n_items;
  iface->get_item = pd_project_list_model_get_item;
}

/* --- GObject ---------------------------------------------------------------*/

static void
pd_project_list_model_dispose (GObject *object)
{
  PdProjectListModel *self = PD_PROJECT_LIST_MODEL (object);

  g_clear_handle_id (&self->changed_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  cache_clear (self);

  G_OBJECT_CLASS (pd_project_list_model_parent_class)->dispose (object);
}

static void
pd_project_list_model_finalize (GObject *object)
{
  PdProjectListModel *self = PD_PROJECT_LIST_MODEL (object);

  g_clear_pointer (&self->rows, g_array_unref);
  g_clear_pointer (&self->cached_ids, g_hash_table_unref);
  g_clear_pointer (&self->cache, g_hash_table_unref);
  g_clear_pointer (&self->query, g_free);
  g_clear_pointer (&self->category, g_free);

  G_OBJECT_CLASS (pd_project_list_model_parent_class)->finalize (object);
}

static void
pd_project_list_model_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  PdProjectListModel *self = PD_PROJECT_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_QUERY:
      g_value_set_string (value, self->query);
      break;

    case PROP_CATEGORY:
      g_value_set_string (value, self->category);
      break;

    case PROP_SORT:
      g_value_set_enum (value, self->sort);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    case PROP_TOTAL:
      g_value_set_uint (value, self->total);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_project_list_model_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  PdProjectListModel *self = PD_PROJECT_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      g_signal_connect_object (self->store, "record-changed::project",
                               G_CALLBACK (on_record_changed_cb), self, 0);
      break;

    case PROP_QUERY:
      pd_project_list_model_set_query (self, g_value_get_string (value));
      break;

    case PROP_CATEGORY:
      pd_project_list_model_set_category (self, g_value_get_string (value));
      break;

    case PROP_SORT:
      pd_project_list_model_set_sort (self, g_value_get_enum (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_project_list_model_class_init (PdProjectListModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pd_project_list_model_dispose;
  object_class->finalize = pd_project_list_model_finalize;
  object_class->get_property = pd_project_list_model_get_property;
  object_class->set_property = pd_project_list_model_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, PD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_QUERY] =
    g_param_spec_string ("query", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CATEGORY] =
    g_param_spec_string ("category", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SORT] =
    g_param_spec_enum ("sort", NULL, NULL, PD_TYPE_PROJECT_SORT, PD_PROJECT_SORT_TITLE,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TOTAL] =
    g_param_spec_uint ("total", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pd_project_list_model_init (PdProjectListModel *self)
{
  self->rows = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->cache = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  self->cached_ids = g_hash_table_new (g_str_hash, g_str_equal);
}

/* --- Public API ------------------------------------------------------------*/

/* TRUE when *@field changed (g_set_str() is GLib 2.76). */
static gboolean
replace_string (char       **field,
                const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

PdProjectListModel *
pd_project_list_model_new (PdStore *store)
{
  g_return_val_if_fail (PD_IS_STORE (store), NULL);

  return g_object_new (PD_TYPE_PROJECT_LIST_MODEL, "store", store, NULL);
}

PdStore *
pd_project_list_model_get_store (PdProjectListModel *self)
{
  g_return_val_if_fail (PD_IS_PROJECT_LIST_MODEL (self), NULL);

  return self->store;
}

void
pd_project_list_model_set_query (PdProjectListModel *self,
                                 const char         *query)
{
  g_return_if_fail (PD_IS_PROJECT_LIST_MODEL (self));

  /* An empty query is no query. */
  if (query != NULL && *query == '\0')
    query = NULL;
  if (!replace_string (&self->query, query))
    return;
  if (self->started)
    start_query (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUERY]);
}

const char *
pd_project_list_model_get_query (PdProjectListModel *self)
{
  g_return_val_if_fail (PD_IS_PROJECT_LIST_MODEL (self), NULL);

  return self->query;
}

void
pd_project_list_model_set_category (PdProjectListModel *self,
                                    const char         *category)
{
  g_return_if_fail (PD_IS_PROJECT_LIST_MODEL (self));

  if (!replace_string (&self->category, category))
    return;
  if (self->started)
    start_query (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CATEGORY]);
}

const char *
pd_project_list_model_get_category (PdProjectListModel *self)
{
  g_return_val_if_fail (PD_IS_PROJECT_LIST_MODEL (self), NULL);

  return self->category;
}

void
pd_project_list_model_set_sort (PdProjectListModel *self,
                                PdProjectSort       sort)
{
  g_return_if_fail (PD_IS_PROJECT_LIST_MODEL (self));

  if (self->sort == sort)
    return;
  self->sort = sort;
  if (self->started)
    start_query (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SORT]);
}

PdProjectSort
pd_project_list_model_get_sort (PdProjectListModel *self)
{
  g_return_val_if_fail (PD_IS_PROJECT_LIST_MODEL (self), PD_PROJECT_SORT_TITLE);

  return self->sort;
}

gboolean
pd_project_list_model_get_loading (PdProjectListModel *self)
{
  g_return_val_if_fail (PD_IS_PROJECT_LIST_MODEL (self), FALSE);

  return self->loading;
}

guint
pd_project_list_model_get_total (PdProjectListModel *self)
{
  g_return_val_if_fail (PD_IS_PROJECT_LIST_MODEL (self), 0);

  return self->total;
}

void
pd_project_list_model_reload (PdProjectListModel *self)
{
  g_return_if_fail (PD_IS_PROJECT_LIST_MODEL (self));

  start_query (self);
}

gboolean
pd_project_list_model_refresh (PdProjectListModel *self,
                               GError            **error)
{
  g_autoptr(PdProjectQuery) query = NULL;
  g_autoptr(PdProjectAnswer) answer = NULL;

  g_return_val_if_fail (PD_IS_PROJECT_LIST_MODEL (self), FALSE);

  /* Whatever is in flight now answers an older question. */
  g_clear_handle_id (&self->changed_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  self->generation++;
  self->started = TRUE;
  set_loading (self, FALSE);

  query = query_new (self);
  answer = _pd_project_query_run (self->store->db, query, NULL, error);
  if (answer == NULL)
    return FALSE;
  apply_rows (self, answer->rows, answer->total);
  return TRUE;
}
