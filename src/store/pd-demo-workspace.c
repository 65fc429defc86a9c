/* pd-demo-workspace.c
 *
 * Fills a store with the records of pd-demo-data.c: a theme with its logo
 * asset, the projects, and a German and a Dutch campaign using the first
 * of them. As in a real client's workspace most projects come from the
 * platform's catalogue (stored as a pull would bring them: read-only,
 * nothing to push) and a handful are the client's own. One transaction and
 * no undo step: the demo is where the user starts, not an action to take
 * back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-demo-workspace"

#include "config.h"

#include "pd-demo-data.h"
#include "pd-demo-workspace.h"
#include "pd-store-private.h"
#include "pd-store-sync.h"

/* One project in this many is the client's own, the first included, so
 * each demo campaign mixes both kinds. */
#define CLIENT_PROJECT_EVERY 8

/* The catalogue projects as one page of the platform's change feed. */
static JsonArray *
catalogue_changes (GPtrArray *projects)
{
  JsonArray *changes = json_array_new ();

  for (guint i = 0; i < projects->len; i++)
    {
      PdRecord *project = g_ptr_array_index (projects, i);
      JsonObject *change;

      if (pd_project_get_source (PD_PROJECT (project)) != PD_PROJECT_SOURCE_CATALOGUE)
        continue;
      change = json_object_new ();
      json_object_set_string_member (change, "kind", pd_record_get_kind (project));
      json_object_set_string_member (change, "id", pd_record_get_id (project));
      json_object_set_int_member (change, "revision", 1);
      json_object_set_member (change, "record", pd_record_to_json (project));
      json_array_add_object_element (changes, change);
    }
  return changes;
}

/**
 * pd_demo_workspace_fill:
 * @store: an (empty) workspace
 * @n_projects: how many projects to make; the campaigns use up to eleven
 * @seed: the same seed gives the same records, ids included
 * @error: return location for a #GError
 *
 * Adds a theme, @n_projects projects and two campaigns, all or nothing.
 * Call it on a store that does not hold them yet: with the same seed the
 * ids repeat, and the records would be saved over.
 *
 * Returns: %TRUE on success
 */
gboolean
pd_demo_workspace_fill (PdStore  *store,
                        guint     n_projects,
                        guint32   seed,
                        GError  **error)
{
  g_autoptr(PdDemoData) data = NULL;
  g_autoptr(GBytes) logo = NULL;
  g_autoptr(PdAsset) asset = NULL;
  g_autoptr(PdTheme) theme = NULL;
  g_autoptr(GPtrArray) projects = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(JsonArray) catalogue = NULL;
  const char *theme_id;

  g_return_val_if_fail (PD_IS_STORE (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  data = pd_demo_data_new (seed);
  logo = pd_demo_data_make_logo_svg ();
  asset = pd_store_add_asset (store, logo, "image/svg+xml", error);
  if (asset == NULL)
    return FALSE;

  theme = pd_demo_data_make_theme (data, pd_asset_get_sha256 (asset));
  theme_id = pd_record_get_id (PD_RECORD (theme));

  projects = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n_projects; i++)
    {
      PdProject *project = pd_demo_data_make_project (data);

      if (i % CLIENT_PROJECT_EVERY != 0)
        pd_project_set_source (project, PD_PROJECT_SOURCE_CATALOGUE);
      g_ptr_array_add (projects, project);
    }

  records = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (records, g_object_ref (theme));
  for (guint i = 0; i < projects->len; i++)
    if (pd_project_get_source (g_ptr_array_index (projects, i)) == PD_PROJECT_SOURCE_CLIENT)
      g_ptr_array_add (records, g_object_ref (g_ptr_array_index (projects, i)));
  g_ptr_array_add (records, pd_demo_data_make_christmas_campaign (data, theme_id, projects));
  g_ptr_array_add (records, pd_demo_data_make_spring_campaign (data, theme_id, projects));

  catalogue = catalogue_changes (projects);
  if (!_pd_store_begin (store, error))
    return FALSE;
  /* Catalogue projects cannot be saved as local edits: they belong to the
   * platform. A "demo" feed keeps the real feed's cursor untouched. */
  if ((json_array_get_length (catalogue) > 0 &&
       !pd_store_apply_remote_changes (store, "demo", catalogue, NULL, error)) ||
      !pd_store_save_all (store, records, NULL, error) ||
      !_pd_store_commit (store, error))
    {
      _pd_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

/**
 * pd_demo_workspace_open:
 * @path: where the demo workspace lives, e.g. "demo.db" in the data folder
 * @error: return location for a #GError
 *
 * Opens the demo workspace for trying the app without an account, filling
 * it with %PD_DEMO_WORKSPACE_N_PROJECTS projects, two campaigns and a theme
 * when it holds no records yet. Once filled it is the user's to change:
 * opening it again keeps their edits.
 *
 * Returns: (transfer full) (nullable): the store, or %NULL with @error set
 */
PdStore *
pd_demo_workspace_open (const char  *path,
                        GError     **error)
{
  g_autoptr(PdStore) store = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  store = pd_store_open (path, error);
  if (store == NULL)
    return NULL;

  if (pd_store_count_projects (store) == 0 &&
      g_list_model_get_n_items (pd_store_get_campaigns (store)) == 0 &&
      g_list_model_get_n_items (pd_store_get_themes (store)) == 0 &&
      !pd_demo_workspace_fill (store, PD_DEMO_WORKSPACE_N_PROJECTS, PD_DEMO_WORKSPACE_SEED, error))
    return NULL;

  return g_steal_pointer (&store);
}
