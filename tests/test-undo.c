/* test-undo.c: one undo/redo history per workspace, for every kind of edit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pd-json.h"
#include "pd-store.h"
#include "pd-test-utils.h"

#define P1 "6f1c1c5e-4b8e-4f0a-9a57-111111111111"
#define P2 "6f1c1c5e-4b8e-4f0a-9a57-222222222222"
#define P3 "6f1c1c5e-4b8e-4f0a-9a57-333333333333"

typedef struct {
  char        *dir;
  PdStore     *store;
  PdUndoStack *undo;
  PdCampaign  *campaign;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(PdPageBlock) hero = pd_page_block_new (PD_PAGE_BLOCK_HERO);
  g_autoptr(PdPageBlock) form = pd_page_block_new (PD_PAGE_BLOCK_REDEEM_FORM);

  fixture->dir = pd_test_make_private_dir ();
  path = g_build_filename (fixture->dir, "workspace.sqlite", NULL);
  fixture->store = pd_store_open (path, &error);
  g_assert_no_error (error);
  fixture->undo = pd_store_get_undo_stack (fixture->store);

  fixture->campaign = pd_campaign_new ();
  pd_campaign_set_name (fixture->campaign, "Winter");
  pd_campaign_text_set_title (pd_campaign_ensure_text (fixture->campaign, "de"), "Winterhilfe");
  pd_campaign_text_set_title (pd_campaign_ensure_text (fixture->campaign, "en"), "Winter aid");
  pd_campaign_add_project (fixture->campaign, P1, 100, G_MAXUINT);
  pd_campaign_add_project (fixture->campaign, P2, 200, G_MAXUINT);
  pd_page_block_set_string (hero, "heading", "Helfen Sie mit");
  pd_campaign_insert_page_block (fixture->campaign, hero, G_MAXUINT);
  pd_campaign_insert_page_block (fixture->campaign, form, G_MAXUINT);
  g_assert_true (pd_store_save (fixture->store, PD_RECORD (fixture->campaign), "Create Campaign", &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  PdUndoStack *undo = fixture->undo;

  g_clear_object (&fixture->campaign);
  g_object_add_weak_pointer (G_OBJECT (undo), (gpointer *) &undo);
  g_clear_object (&fixture->store);
  g_assert_null (undo);
  pd_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static JsonNode *
snapshot (Fixture *fixture)
{
  return pd_record_content_to_json (PD_RECORD (fixture->campaign));
}

static void
save (Fixture    *fixture,
      const char *title)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pd_store_save (fixture->store, PD_RECORD (fixture->campaign), title, &error));
  g_assert_no_error (error);
}

static void
undo (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pd_undo_stack_undo (fixture->undo, &error));
  g_assert_no_error (error);
}

static void
redo (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pd_undo_stack_redo (fixture->undo, &error));
  g_assert_no_error (error);
}

/* The live object and the database agree with @expected. */
static void
assert_state (Fixture  *fixture,
              JsonNode *expected)
{
  g_autoptr(JsonNode) live = snapshot (fixture);
  g_autoptr(JsonNode) stored = pd_store_get_local (fixture->store, "campaign",
                                                   pd_record_get_id (PD_RECORD (fixture->campaign)));

  g_assert_true (pd_json_equal (live, expected));
  g_assert_true (pd_json_equal (stored, expected));
}

static void
on_notify_cb (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  GPtrArray *names = user_data;

  g_ptr_array_add (names, (gpointer) g_param_spec_get_name (pspec));
}

static void
test_rename (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(JsonNode) before = snapshot (fixture);
  g_autoptr(JsonNode) after = NULL;
  g_autoptr(GPtrArray) stack_notes = g_ptr_array_new ();
  g_autoptr(GPtrArray) campaign_notes = g_ptr_array_new ();

  g_assert_true (pd_undo_stack_get_can_undo (fixture->undo));
  g_assert_false (pd_undo_stack_get_can_redo (fixture->undo));
  g_assert_cmpstr (pd_undo_stack_get_undo_label (fixture->undo), ==, "Undo Create Campaign");

  g_signal_connect (fixture->undo, "notify", G_CALLBACK (on_notify_cb), stack_notes);
  pd_campaign_set_name (fixture->campaign, "Winter 2026");
  save (fixture, "Rename Campaign");
  after = snapshot (fixture);
  g_assert_cmpstr (pd_undo_stack_get_undo_label (fixture->undo), ==, "Undo Rename Campaign");
  g_assert_cmpuint (stack_notes->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (stack_notes, 0), ==, "undo-label");

  /* Undo puts the old name back on the very object views are bound to. */
  g_signal_connect (fixture->campaign, "notify", G_CALLBACK (on_notify_cb), campaign_notes);
  undo (fixture);
  assert_state (fixture, before);
  g_assert_cmpstr (pd_campaign_get_name (fixture->campaign), ==, "Winter");
  g_assert_true (g_ptr_array_find_with_equal_func (campaign_notes, "name", g_str_equal, NULL));
  g_assert_true (pd_undo_stack_get_can_redo (fixture->undo));
  g_assert_cmpstr (pd_undo_stack_get_redo_label (fixture->undo), ==, "Redo Rename Campaign");
  g_assert_true (g_ptr_array_find_with_equal_func (stack_notes, "can-redo", g_str_equal, NULL));

  redo (fixture);
  assert_state (fixture, after);
  g_assert_false (pd_undo_stack_get_can_redo (fixture->undo));
  g_assert_null (pd_undo_stack_get_redo_label (fixture->undo));

  /* A new edit drops the redo history. */
  undo (fixture);
  pd_campaign_set_voucher_budget_coins (fixture->campaign, 99);
  save (fixture, "Change Budget");
  g_assert_false (pd_undo_stack_get_can_redo (fixture->undo));

  g_signal_handlers_disconnect_by_func (fixture->undo, on_notify_cb, stack_notes);
  g_signal_handlers_disconnect_by_func (fixture->campaign, on_notify_cb, campaign_notes);
}

static void
test_project_list_edits (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(JsonNode) s0 = snapshot (fixture);
  g_autoptr(JsonNode) s1 = NULL;
  g_autoptr(JsonNode) s2 = NULL;
  g_autoptr(JsonNode) s3 = NULL;
  g_autoptr(JsonNode) s4 = NULL;

  pd_campaign_add_project (fixture->campaign, P3, 300, 0);
  save (fixture, "Add Project");
  s1 = snapshot (fixture);
  pd_campaign_move_project (fixture->campaign, 0, 2);
  save (fixture, "Move Project");
  s2 = snapshot (fixture);
  pd_campaign_project_set_target_coins (pd_campaign_find_project (fixture->campaign, P1, NULL), 5000);
  save (fixture, "Change Target");
  s3 = snapshot (fixture);
  pd_campaign_remove_project (fixture->campaign, P2);
  save (fixture, "Remove Project");
  s4 = snapshot (fixture);

  undo (fixture);
  assert_state (fixture, s3);
  g_assert_nonnull (pd_campaign_find_project (fixture->campaign, P2, NULL));
  undo (fixture);
  assert_state (fixture, s2);
  g_assert_cmpint (pd_campaign_project_get_target_coins (pd_campaign_find_project (fixture->campaign, P1, NULL)), ==, 100);
  undo (fixture);
  assert_state (fixture, s1);
  undo (fixture);
  assert_state (fixture, s0);
  g_assert_null (pd_campaign_find_project (fixture->campaign, P3, NULL));

  redo (fixture);
  redo (fixture);
  redo (fixture);
  redo (fixture);
  assert_state (fixture, s4);
}

static void
test_block_edits (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(JsonNode) s0 = snapshot (fixture);
  g_autoptr(PdPageBlock) faq = pd_page_block_new (PD_PAGE_BLOCK_FAQ);
  g_autoptr(PdPageBlock) hero = g_list_model_get_item (pd_campaign_get_page_blocks (fixture->campaign), 0);

  pd_page_block_set_string (hero, "heading", "Neu");
  save (fixture, "Edit Block");
  pd_campaign_insert_page_block (fixture->campaign, faq, 1);
  save (fixture, "Add Block");
  pd_campaign_move_page_block (fixture->campaign, 0, 2);
  save (fixture, "Move Block");
  pd_campaign_remove_page_block (fixture->campaign, pd_page_block_get_id (faq));
  save (fixture, "Remove Block");

  for (guint i = 0; i < 4; i++)
    undo (fixture);
  assert_state (fixture, s0);
  /* The block views are bound to got its old settings back. */
  {
    g_autoptr(PdPageBlock) first = g_list_model_get_item (pd_campaign_get_page_blocks (fixture->campaign), 0);
    g_assert_cmpstr (pd_page_block_get_string (first, "heading", NULL), ==, "Helfen Sie mit");
  }
}

static void
test_delete_with_relations (Fixture       *fixture,
                            gconstpointer  data)
{
  GListModel *campaigns = pd_store_get_campaigns (fixture->store);
  g_autoptr(JsonNode) before = snapshot (fixture);
  g_autofree char *id = g_strdup (pd_record_get_id (PD_RECORD (fixture->campaign)));
  g_autoptr(GError) error = NULL;
  g_autoptr(PdCampaign) restored = NULL;
  g_autoptr(JsonNode) restored_json = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (campaigns), ==, 1);
  g_assert_true (pd_store_delete (fixture->store, PD_RECORD (fixture->campaign), "Delete Campaign", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (campaigns), ==, 0);
  g_clear_object (&fixture->campaign);
  g_assert_null (pd_store_get_campaign (fixture->store, id));
  g_assert_cmpstr (pd_undo_stack_get_undo_label (fixture->undo), ==, "Undo Delete Campaign");

  undo (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (campaigns), ==, 1);
  restored = pd_store_get_campaign (fixture->store, id);
  g_assert_nonnull (restored);
  restored_json = pd_record_content_to_json (PD_RECORD (restored));
  g_assert_true (pd_json_equal (restored_json, before));
  g_assert_cmpuint (g_list_model_get_n_items (pd_campaign_get_projects (restored)), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (pd_campaign_get_page_blocks (restored)), ==, 2);
  g_assert_nonnull (pd_campaign_get_text (restored, "en"));

  redo (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (campaigns), ==, 0);
  fixture->campaign = g_steal_pointer (&restored);
}

static void
test_undo_create_cancels_sync (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(PdTheme) theme = pd_theme_new ();
  g_autoptr(GError) error = NULL;
  guint before = pd_store_count_outbox (fixture->store);

  pd_theme_set_name (theme, "Neu");
  g_assert_true (pd_store_save (fixture->store, PD_RECORD (theme), "Create Theme", &error));
  g_assert_cmpuint (pd_store_count_outbox (fixture->store), ==, before + 1);
  undo (fixture);
  /* Never sent, so undoing the creation leaves nothing to send. */
  g_assert_cmpuint (pd_store_count_outbox (fixture->store), ==, before);
  g_assert_null (pd_store_get_theme (fixture->store, pd_record_get_id (PD_RECORD (theme))));
  redo (fixture);
  g_assert_cmpuint (pd_store_count_outbox (fixture->store), ==, before + 1);
}

static void
test_action_groups (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(PdProject) project = pd_project_new ();
  g_autoptr(JsonNode) before = snapshot (fixture);
  g_autoptr(GError) error = NULL;
  guint depth = pd_undo_stack_get_depth (fixture->undo);

  /* "Add a new project to the campaign": two records, one step. */
  pd_store_begin_action (fixture->store, "Add New Project");
  pd_project_set_title (project, "Tafel Nord");
  g_assert_true (pd_store_save (fixture->store, PD_RECORD (project), NULL, &error));
  pd_campaign_add_project (fixture->campaign, pd_record_get_id (PD_RECORD (project)), 10, G_MAXUINT);
  g_assert_true (pd_store_save (fixture->store, PD_RECORD (fixture->campaign), NULL, &error));
  g_assert_true (pd_store_end_action (fixture->store, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pd_undo_stack_get_depth (fixture->undo), ==, depth + 1);

  undo (fixture);
  assert_state (fixture, before);
  g_assert_null (pd_store_get_project (fixture->store, pd_record_get_id (PD_RECORD (project))));

  /* A failing part rolls the whole action back. */
  pd_store_begin_action (fixture->store, "Broken");
  pd_campaign_set_name (fixture->campaign, "Geändert");
  g_assert_true (pd_store_save (fixture->store, PD_RECORD (fixture->campaign), NULL, &error));
  pd_campaign_set_coin_value_micros (fixture->campaign, -1);
  g_assert_false (pd_store_save (fixture->store, PD_RECORD (fixture->campaign), NULL, &error));
  g_clear_error (&error);
  g_assert_false (pd_store_end_action (fixture->store, TRUE, &error));
  g_assert_error (error, PD_STORE_ERROR, PD_STORE_ERROR_FAILED);
  pd_campaign_set_coin_value_micros (fixture->campaign, 10000);
  assert_state (fixture, before);
  g_assert_cmpuint (pd_undo_stack_get_depth (fixture->undo), ==, depth);
}

static void
test_clear (Fixture       *fixture,
            gconstpointer  data)
{
  pd_undo_stack_clear (fixture->undo);
  g_assert_false (pd_undo_stack_get_can_undo (fixture->undo));
  g_assert_null (pd_undo_stack_get_undo_label (fixture->undo));
  /* Nothing to undo is not an error. */
  undo (fixture);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/undo/rename", test_rename);
  ADD ("/undo/project-list", test_project_list_edits);
  ADD ("/undo/blocks", test_block_edits);
  ADD ("/undo/delete-with-relations", test_delete_with_relations);
  ADD ("/undo/create-cancels-sync", test_undo_create_cancels_sync);
  ADD ("/undo/action-groups", test_action_groups);
  ADD ("/undo/clear", test_clear);
#undef ADD

  return g_test_run ();
}
