/* test-project-list-model.c: the lazy project library against plain
 * queries, after inserts, updates, deletes, undo, redo and bulk saves
 *
 * Every check compares three lists: what the model holds, what a mirror
 * built only from its items-changed signals holds (so the signals are
 * exact), and what pd_store_search_projects() answers, sorted as asked.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pd-project-list-model.h"
#include "pd-store-private.h"
#include "pd-test-utils.h"

typedef struct {
  char               *dir;
  PdStore            *store;
  PdProjectListModel *model;
  GPtrArray          *mirror;   /* PdProject, kept by items-changed alone */
  guint               n_signals;
} Fixture;

static const char *categories[] = { "Umwelt", "Bildung", "Gesundheit", "Wasser" };
static const char *places[] = { "Köln", "Zwolle", "Düsseldorf", "Antwerpen", "Malmö" };
static const char *organisations[] = { "Öko e.V.", "stichting Water", "Bürgerverein", "Aqua Zürich", "zentrum" };

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     Fixture    *fixture)
{
  fixture->n_signals++;
  g_assert_cmpuint (position + removed, <=, fixture->mirror->len);
  g_ptr_array_remove_range (fixture->mirror, position, removed);
  for (guint i = 0; i < added; i++)
    g_ptr_array_insert (fixture->mirror, position + i, g_list_model_get_item (model, position + i));
}

static PdProject *
make_project (guint i)
{
  PdProject *project = pd_project_new ();
  g_autofree char *title = g_strdup_printf ("%s Projekt %03u in %s",
                                            i % 2 ? "Wasser" : "Schule", (i * 37) % 200,
                                            places[i % G_N_ELEMENTS (places)]);

  pd_project_set_title (project, title);
  pd_project_set_organisation (project, organisations[i % G_N_ELEMENTS (organisations)]);
  pd_project_set_category (project, categories[i % G_N_ELEMENTS (categories)]);
  pd_project_set_location (project, places[(i / 3) % G_N_ELEMENTS (places)]);
  pd_project_set_default_target_coins (project, (i * 7919) % 500);
  pd_project_set_source (project, PD_PROJECT_SOURCE_CLIENT);
  return project;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = pd_test_make_private_dir ();
  path = g_build_filename (fixture->dir, "workspace.db", NULL);
  fixture->store = pd_store_open (path, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < 300; i++)
    g_ptr_array_add (records, make_project (i));
  g_assert_true (pd_store_save_all (fixture->store, records, NULL, &error));
  g_assert_no_error (error);

  fixture->mirror = g_ptr_array_new_with_free_func (g_object_unref);
  fixture->model = pd_project_list_model_new (fixture->store);
  g_signal_connect (fixture->model, "items-changed", G_CALLBACK (on_items_changed_cb), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  PdProjectListModel *model = fixture->model;
  PdStore *store = fixture->store;

  g_object_add_weak_pointer (G_OBJECT (model), (gpointer *) &model);
  g_object_add_weak_pointer (G_OBJECT (store), (gpointer *) &store);
  g_signal_handlers_disconnect_by_data (fixture->model, fixture);
  g_clear_object (&fixture->model);
  /* Queries in flight hold it only weakly. */
  g_assert_null (model);
  g_clear_object (&fixture->store);
  g_assert_null (store);
  g_ptr_array_unref (fixture->mirror);
  pd_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static gboolean
settled (gpointer data)
{
  return !pd_project_list_model_get_loading (data);
}

static void
wait_settled (Fixture *fixture)
{
  g_assert_true (pd_test_wait_for (settled, fixture->model, 20000));
}

typedef struct {
  PdProjectSort sort;
  GHashTable   *rank;   /* project → position in title order */
} SortData;

static int
compare_projects (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  SortData *data = user_data;
  PdProject *pa = *(PdProject **) a, *pb = *(PdProject **) b;
  int diff = 0;

  switch (data->sort)
    {
    case PD_PROJECT_SORT_ORGANISATION:
    case PD_PROJECT_SORT_LOCATION:
      {
        gboolean org = data->sort == PD_PROJECT_SORT_ORGANISATION;
        g_autofree char *ka = _pd_store_normalise (org ? pd_project_get_organisation (pa) : pd_project_get_location (pa));
        g_autofree char *kb = _pd_store_normalise (org ? pd_project_get_organisation (pb) : pd_project_get_location (pb));

        diff = strcmp (ka, kb);
        break;
      }
    case PD_PROJECT_SORT_TARGET:
      {
        gint64 ta = pd_project_get_default_target_coins (pa), tb = pd_project_get_default_target_coins (pb);

        diff = (tb > ta) - (tb < ta);
        break;
      }
    case PD_PROJECT_SORT_TITLE:
    default:
      break;
    }
  if (diff != 0)
    return diff;
  /* Ties keep the store's title order. */
  return GPOINTER_TO_INT (g_hash_table_lookup (data->rank, pa)) - GPOINTER_TO_INT (g_hash_table_lookup (data->rank, pb));
}

/* The model, its mirror and the plain query agree. */
static void
assert_matches (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) plain = pd_store_search_projects (fixture->store,
                                                          pd_project_list_model_get_query (fixture->model),
                                                          pd_project_list_model_get_category (fixture->model),
                                                          &error);
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) rank = g_hash_table_new (NULL, NULL);
  GListModel *model = G_LIST_MODEL (fixture->model);
  SortData data = { pd_project_list_model_get_sort (fixture->model), rank };

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (plain); i++)
    {
      PdProject *project = g_list_model_get_item (plain, i);

      g_ptr_array_add (expected, project);
      g_hash_table_insert (rank, project, GINT_TO_POINTER (i));
    }
  g_ptr_array_sort_with_data (expected, compare_projects, &data);

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, expected->len);
  g_assert_cmpuint (fixture->mirror->len, ==, expected->len);
  g_assert_cmpuint (pd_project_list_model_get_total (fixture->model), ==, pd_store_count_projects (fixture->store));
  for (guint i = 0; i < expected->len; i++)
    {
      g_autoptr(PdProject) item = g_list_model_get_item (model, i);

      /* The live instances, one per record. */
      g_assert_true (item == g_ptr_array_index (expected, i));
      g_assert_true (g_ptr_array_index (fixture->mirror, i) == item);
    }
  g_assert_null (g_list_model_get_item (model, expected->len));
}

static void
test_empty_until_asked (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* Nothing is read before the first reload, whatever is set. */
  pd_project_list_model_set_query (fixture->model, "wasser");
  pd_project_list_model_set_sort (fixture->model, PD_PROJECT_SORT_TARGET);
  g_assert_false (pd_project_list_model_get_loading (fixture->model));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->model)), ==, 0);
  g_assert_cmpuint (g_list_model_get_item_type (G_LIST_MODEL (fixture->model)), ==, PD_TYPE_PROJECT);

  /* The worker thread's answer. */
  pd_project_list_model_reload (fixture->model);
  g_assert_true (pd_project_list_model_get_loading (fixture->model));
  wait_settled (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->model)), ==, 150);
  assert_matches (fixture);

  /* The same, at once. */
  pd_project_list_model_set_query (fixture->model, NULL);
  g_assert_true (pd_project_list_model_refresh (fixture->model, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->model)), ==, 300);
  assert_matches (fixture);
}

static void
test_query_category_sort (Fixture       *fixture,
                          gconstpointer  data)
{
  static const char *queries[] = { NULL, "wasser", "KÖLN projekt", "zurich", "malmo 01", "nothing-like-it", "%", "_", "'" };

  pd_project_list_model_reload (fixture->model);
  wait_settled (fixture);
  assert_matches (fixture);

  for (guint s = PD_PROJECT_SORT_TITLE; s <= PD_PROJECT_SORT_TARGET; s++)
    for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
      for (guint c = 0; c <= G_N_ELEMENTS (categories); c++)
        {
          pd_project_list_model_set_sort (fixture->model, s);
          pd_project_list_model_set_query (fixture->model, queries[q]);
          pd_project_list_model_set_category (fixture->model, c < G_N_ELEMENTS (categories) ? categories[c] : NULL);
          wait_settled (fixture);
          assert_matches (fixture);
        }
}

static void
test_typing_outruns_queries (Fixture       *fixture,
                             gconstpointer  data)
{
  static const char *steps[] = { "w", "wa", "was", "wass", "wasse", "wasser", "wasser k", "wasser ko", "wasser köln" };

  pd_project_list_model_reload (fixture->model);
  wait_settled (fixture);

  /* Only the last query counts; older answers are dropped. */
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    pd_project_list_model_set_query (fixture->model, steps[i]);
  wait_settled (fixture);
  g_assert_cmpstr (pd_project_list_model_get_query (fixture->model), ==, "wasser köln");
  assert_matches (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->model)), >, 0);
}

static void
test_follows_store (Fixture       *fixture,
                    gconstpointer  data)
{
  PdUndoStack *undo = pd_store_get_undo_stack (fixture->store);
  g_autoptr(GError) error = NULL;
  g_autoptr(PdProject) added = make_project (1000);
  g_autoptr(PdProject) victim = NULL;
  g_autoptr(GPtrArray) bulk = g_ptr_array_new_with_free_func (g_object_unref);
  guint n;

  pd_project_list_model_set_sort (fixture->model, PD_PROJECT_SORT_ORGANISATION);
  pd_project_list_model_reload (fixture->model);
  wait_settled (fixture);
  assert_matches (fixture);

  /* Insert, undo, redo. */
  g_assert_true (pd_store_save (fixture->store, PD_RECORD (added), "Add Project", &error));
  g_assert_no_error (error);
  wait_settled (fixture);
  assert_matches (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->model)), ==, 301);
  g_assert_true (pd_undo_stack_undo (undo, &error));
  wait_settled (fixture);
  assert_matches (fixture);
  g_assert_true (pd_undo_stack_redo (undo, &error));
  g_assert_no_error (error);
  wait_settled (fixture);
  assert_matches (fixture);

  /* An update that moves a project from the middle to the front: only
   * the range between is signalled. */
  victim = g_list_model_get_item (G_LIST_MODEL (fixture->model), 150);
  pd_project_set_organisation (victim, "AAA Erste");
  fixture->n_signals = 0;
  g_assert_true (pd_store_save (fixture->store, PD_RECORD (victim), "Edit Project", &error));
  g_assert_no_error (error);
  wait_settled (fixture);
  assert_matches (fixture);
  g_assert_cmpuint (fixture->n_signals, ==, 1);
  {
    g_autoptr(PdProject) first = g_list_model_get_item (G_LIST_MODEL (fixture->model), 0);

    g_assert_true (first == victim);
  }
  g_assert_true (pd_undo_stack_undo (undo, &error));
  wait_settled (fixture);
  assert_matches (fixture);

  /* A delete of a project a view holds leaves the list at once, before
   * the query; the query then agrees. */
  n = g_list_model_get_n_items (G_LIST_MODEL (fixture->model));
  g_assert_true (pd_store_delete (fixture->store, PD_RECORD (victim), "Delete Project", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->model)), ==, n - 1);
  g_assert_cmpuint (fixture->mirror->len, ==, n - 1);
  g_assert_true (pd_project_list_model_get_loading (fixture->model));
  wait_settled (fixture);
  assert_matches (fixture);
  g_assert_true (pd_undo_stack_undo (undo, &error));
  wait_settled (fixture);
  assert_matches (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->model)), ==, n);

  /* A bulk save (as an import) and its undo: one query each. */
  for (guint i = 0; i < 120; i++)
    g_ptr_array_add (bulk, make_project (2000 + i));
  fixture->n_signals = 0;
  g_assert_true (pd_store_save_all (fixture->store, bulk, "Import Projects", &error));
  g_assert_no_error (error);
  wait_settled (fixture);
  assert_matches (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->model)), ==, n + 120);
  g_assert_true (pd_undo_stack_undo (undo, &error));
  wait_settled (fixture);
  assert_matches (fixture);

  /* With a filter: a change outside it signals nothing. */
  pd_project_list_model_set_category (fixture->model, "Wasser");
  wait_settled (fixture);
  assert_matches (fixture);
  {
    g_autoptr(PdProject) outside = make_project (4000);

    pd_project_set_category (outside, "Umwelt");
    fixture->n_signals = 0;
    g_assert_true (pd_store_save (fixture->store, PD_RECORD (outside), NULL, &error));
    wait_settled (fixture);
    assert_matches (fixture);
    g_assert_cmpuint (fixture->n_signals, ==, 0);
  }
}

/* One /v1/changes page with one change, as the platform sends it. */
static JsonArray *
page_of (PdProject *project,
         const char *id,
         gint64      revision)
{
  JsonArray *changes = json_array_new ();
  JsonObject *change = json_object_new ();

  json_object_set_string_member (change, "kind", "project");
  json_object_set_string_member (change, "id", id);
  json_object_set_int_member (change, "revision", revision);
  json_object_set_boolean_member (change, "deleted", project == NULL);
  if (project != NULL)
    {
      JsonNode *record = pd_record_content_to_json (PD_RECORD (project));

      json_object_set_int_member (json_node_get_object (record), "revision", revision);
      json_object_set_member (change, "record", record);
    }
  json_array_add_object_element (changes, change);
  return changes;
}

static void
test_follows_pull (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(PdProject) remote = make_project (5000);
  const char *id = pd_record_get_id (PD_RECORD (remote));
  g_autoptr(JsonArray) created = NULL;
  g_autoptr(JsonArray) renamed = NULL;
  g_autoptr(JsonArray) tombstone = NULL;
  g_autoptr(GError) error = NULL;

  pd_project_set_source (remote, PD_PROJECT_SOURCE_CATALOGUE);
  pd_project_list_model_reload (fixture->model);
  wait_settled (fixture);

  /* A project a colleague added, then renamed, then deleted. */
  created = page_of (remote, id, 1);
  g_assert_true (pd_store_apply_remote_changes (fixture->store, "changes", created, "c1", &error));
  g_assert_no_error (error);
  wait_settled (fixture);
  assert_matches (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->model)), ==, 301);

  pd_project_set_title (remote, "000 Zuerst");
  renamed = page_of (remote, id, 2);
  g_assert_true (pd_store_apply_remote_changes (fixture->store, "changes", renamed, "c2", &error));
  g_assert_no_error (error);
  wait_settled (fixture);
  assert_matches (fixture);
  {
    g_autoptr(PdProject) first = g_list_model_get_item (G_LIST_MODEL (fixture->model), 0);

    g_assert_cmpstr (pd_record_get_id (PD_RECORD (first)), ==, id);
    g_assert_cmpstr (pd_project_get_title (first), ==, "000 Zuerst");
  }

  tombstone = page_of (NULL, id, 3);
  g_assert_true (pd_store_apply_remote_changes (fixture->store, "changes", tombstone, "c3", &error));
  g_assert_no_error (error);
  /* It was on screen (made by the model): gone at once. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->model)), ==, 300);
  wait_settled (fixture);
  assert_matches (fixture);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/project-list-model/empty-until-asked", test_empty_until_asked);
  ADD ("/project-list-model/query-category-sort", test_query_category_sort);
  ADD ("/project-list-model/typing-outruns-queries", test_typing_outruns_queries);
  ADD ("/project-list-model/follows-store", test_follows_store);
  ADD ("/project-list-model/follows-pull", test_follows_pull);
#undef ADD

  return g_test_run ();
}
