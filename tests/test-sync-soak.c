/* test-sync-soak.c: two managers edit the same campaigns at random
 *
 * A fixed number of rounds with a fixed seed; the platform fails requests
 * (503, 500, 429) throughout, and one client is killed with SIGKILL in the
 * middle of a sync and started again. At the end both clients and the
 * platform hold identical data, and every edit is either what everyone
 * holds, replaced by a later edit of the same field, or was shown as a
 * conflict.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>

#include "pd-sync-test-utils.h"
#include "pd-test-utils.h"

#define N_CAMPAIGNS 6
#define N_ROUNDS    40
#define KILL_ROUND  20

typedef struct {
  char         *dir;
  PdAccount    *account;
  PdStore      *store;
  PdSyncEngine *engine;
} Client;

typedef struct {
  guint   client;
  guint   campaign;
  gboolean is_name;
  char   *value;   /* the name, or the budget as text */
  guint   seq;
} Edit;

static PdTestPlatform *platform;
static char *token;
static char *ids[N_CAMPAIGNS];
static GPtrArray *edits;
static GHashTable *seen_in_conflict; /* "campaign/field/value" */

static void
client_open (Client *c)
{
  g_autoptr(GError) error = NULL;

  c->account = pd_test_account_new (c->dir, platform->url, token);
  c->engine = pd_sync_engine_new (c->account, &error);
  g_assert_no_error (error);
  c->store = pd_account_open_store (c->account, NULL);
  pd_sync_engine_set_auto_sync (c->engine, FALSE);
  _pd_sync_engine_set_timing (c->engine, 20, 200, 20);
}

static void
client_close (Client *c)
{
  g_clear_object (&c->engine);
  g_clear_object (&c->account);
  c->store = NULL;
}

static void
edit_free (gpointer data)
{
  Edit *edit = data;

  g_free (edit->value);
  g_free (edit);
}

static char *
field_value (JsonObject *object,
             gboolean    is_name)
{
  if (is_name)
    return g_strdup (json_object_get_string_member (object, "name"));
  return g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (object, "voucher_budget_coins"));
}

/* A conflict shows both sides to the user: both values count as shown. */
static void
remember_conflicts (Client *c)
{
  GListModel *conflicts = pd_sync_engine_get_conflicts (c->engine);

  for (guint i = 0; i < g_list_model_get_n_items (conflicts); i++)
    {
      g_autoptr(PdSyncConflict) conflict = g_list_model_get_item (conflicts, i);
      JsonNode *sides[] = { pd_sync_conflict_get_local (conflict), pd_sync_conflict_get_server (conflict) };

      for (guint s = 0; s < G_N_ELEMENTS (sides); s++)
        for (guint f = 0; sides[s] != NULL && f < 2; f++)
          {
            g_autofree char *value = field_value (json_node_get_object (sides[s]), f == 0);

            g_hash_table_add (seen_in_conflict,
                              g_strdup_printf ("%s/%u/%s", pd_sync_conflict_get_id (conflict), f == 0, value));
          }
    }
}

static void
random_edit (Client *c,
             guint   who,
             GRand  *rand)
{
  guint n = g_rand_int_range (rand, 0, N_CAMPAIGNS);
  g_autoptr(PdCampaign) campaign = pd_store_get_campaign (c->store, ids[n]);
  g_autoptr(GError) error = NULL;
  Edit *edit;

  if (campaign == NULL || pd_store_get_sync_state (c->store, "campaign", ids[n]) == PD_SYNC_STATE_CONFLICT)
    return;

  edit = g_new0 (Edit, 1);
  edit->client = who;
  edit->campaign = n;
  edit->is_name = g_rand_boolean (rand);
  edit->seq = edits->len;
  if (g_getenv ("SOAK_DEBUG"))
    g_printerr ("round edit %u by %u on %u\n", edit->seq, who, n);
  if (edit->is_name)
    {
      edit->value = g_strdup_printf ("%c-%u", who == 0 ? 'A' : 'B', edit->seq);
      pd_campaign_set_name (campaign, edit->value);
    }
  else
    {
      gint64 coins = 1000 + edit->seq;

      edit->value = g_strdup_printf ("%" G_GINT64_FORMAT, coins);
      pd_campaign_set_voucher_budget_coins (campaign, coins);
    }
  pd_store_save (c->store, PD_RECORD (campaign), NULL, &error);
  g_assert_no_error (error);
  g_ptr_array_add (edits, edit);
}

static void
try_sync (Client *c)
{
  g_autoptr(GError) error = pd_test_sync (c->engine);

  if (g_getenv ("SOAK_DEBUG"))
    g_printerr ("sync %s: %s, outbox %u, conflicts %u\n", c->dir, error ? error->message : "ok",
                pd_store_count_outbox (c->store), g_list_model_get_n_items (pd_sync_engine_get_conflicts (c->engine)));

  /* Failures are expected here; the engine must cope by itself. */
  remember_conflicts (c);
}

static void
resolve_all (Client *c,
             GRand  *rand)
{
  GListModel *conflicts = pd_sync_engine_get_conflicts (c->engine);

  remember_conflicts (c);
  while (g_list_model_get_n_items (conflicts) > 0)
    {
      g_autoptr(PdSyncConflict) conflict = g_list_model_get_item (conflicts, 0);
      g_autoptr(GError) error = NULL;

      pd_sync_conflict_choose_all (conflict, g_rand_boolean (rand) ? PD_CONFLICT_CHOICE_MINE
                                                                   : PD_CONFLICT_CHOICE_THEIRS);
      /* Refused when the platform's side changed meanwhile: the list then
       * holds the new version, which is decided in the next turn. */
      if (!pd_sync_engine_resolve_conflict (c->engine, conflict, &error))
        {
          g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
          remember_conflicts (c);
        }
    }
}

static gboolean
quiet (Client *c)
{
  return pd_store_count_outbox (c->store) == 0 &&
         g_list_model_get_n_items (pd_sync_engine_get_conflicts (c->engine)) == 0;
}

static void
settle (Client *a,
        Client *b,
        GRand  *rand)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  /* Until both have nothing left and a last pull brought nothing new. */
  for (guint calm = 0; calm < 2 && g_get_monotonic_time () < deadline;)
    {
      Client *both[] = { a, b };

      calm++;
      for (guint i = 0; i < 2; i++)
        {
          g_autoptr(GError) error = NULL;

          resolve_all (both[i], rand);
          remember_conflicts (both[i]);
          error = pd_test_sync (both[i]->engine);
          remember_conflicts (both[i]);
          if (error != NULL)
            {
              /* Deferred by a backoff: wait for it to pass. */
              gint64 until = g_get_monotonic_time () + 300000;

              while (g_get_monotonic_time () < until)
                g_main_context_iteration (NULL, FALSE);
              calm = 0;
            }
          if (!quiet (both[i]))
            calm = 0;
        }
    }
  g_assert_true (quiet (a) && quiet (b));
}

static void
test_soak (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261125);
  Client a = { 0, }, b = { 0, };
  g_autoptr(GPtrArray) server = NULL;
  gint64 started = g_get_monotonic_time ();

  a.dir = pd_test_make_private_dir ();
  b.dir = pd_test_make_private_dir ();
  client_open (&a);
  client_open (&b);

  for (guint i = 0; i < N_CAMPAIGNS; i++)
    {
      g_autoptr(PdCampaign) campaign = pd_test_campaign_new ("Start");
      g_autoptr(GError) error = NULL;

      pd_store_save (a.store, PD_RECORD (campaign), NULL, &error);
      g_assert_no_error (error);
      ids[i] = g_strdup (pd_record_get_id (PD_RECORD (campaign)));
    }
  try_sync (&a);
  try_sync (&b);

  pd_test_platform_set_faults (platform, "{\"error_rate\": 0.08, \"every_429\": 23, \"retry_after\": 1}");

  for (guint round = 0; round < N_ROUNDS; round++)
    {
      guint n_edits = g_rand_int_range (rand, 1, 4);

      for (guint i = 0; i < n_edits; i++)
        {
          guint who = g_rand_int_range (rand, 0, 2);

          random_edit (who == 0 ? &a : &b, who, rand);
        }

      if (g_rand_boolean (rand))
        try_sync (&a);
      if (g_rand_boolean (rand))
        try_sync (&b);

      /* Let runs that waited for a backoff happen meanwhile. */
      {
        gint64 until = g_get_monotonic_time () + 250000;

        while (g_get_monotonic_time () < until)
          g_main_context_iteration (NULL, FALSE);
        remember_conflicts (&a);
        remember_conflicts (&b);
      }

      if (round == KILL_ROUND)
        {
          g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
          g_autofree char *binary = g_test_build_filename (G_TEST_BUILT, "pd-sync-child", NULL);
          g_autoptr(GSubprocess) child = NULL;
          g_autoptr(GError) error = NULL;

          /* B is killed in the middle of a sync and started again. */
          random_edit (&b, 1, rand);
          client_close (&b);
          g_subprocess_launcher_setenv (launcher, "PD_TEST_TOKEN", token, TRUE);
          child = g_subprocess_launcher_spawn (launcher, &error, binary, b.dir, platform->url,
                                               "sync", "op-answered", NULL);
          g_assert_no_error (error);
          g_subprocess_wait (child, NULL, NULL);
          /* It may have died of an injected fault before the moment came. */
          if (g_subprocess_get_if_signaled (child))
            g_assert_cmpint (g_subprocess_get_term_sig (child), ==, SIGKILL);
          client_open (&b);
        }
    }

  pd_test_platform_set_faults (platform, "{\"error_rate\": 0, \"every_429\": 0}");
  settle (&a, &b, rand);

  /* Both clients and the platform hold the same. */
  server = pd_test_platform_list (platform, token, "campaigns");
  g_assert_cmpuint (server->len, ==, N_CAMPAIGNS);
  for (guint i = 0; i < server->len; i++)
    {
      JsonObject *on_server = g_ptr_array_index (server, i);
      const char *id = json_object_get_string_member (on_server, "id");
      g_autoptr(JsonNode) on_a = pd_store_get_local (a.store, "campaign", id);
      g_autoptr(JsonNode) on_b = pd_store_get_local (b.store, "campaign", id);

      g_assert_nonnull (on_a);
      g_assert_nonnull (on_b);
      for (guint f = 0; f < 2; f++)
        {
          g_autofree char *vs = field_value (on_server, f == 0);
          g_autofree char *va = field_value (json_node_get_object (on_a), f == 0);
          g_autofree char *vb = field_value (json_node_get_object (on_b), f == 0);

          g_assert_cmpstr (va, ==, vs);
          g_assert_cmpstr (vb, ==, vs);
        }
    }

  /* Every edit: what everyone holds, replaced by a later edit of the same
   * field, or shown as a conflict. */
  for (guint e = 0; e < edits->len; e++)
    {
      Edit *edit = g_ptr_array_index (edits, e);
      g_autoptr(JsonNode) final = pd_store_get_local (a.store, "campaign", ids[edit->campaign]);
      g_autofree char *now = field_value (json_node_get_object (final), edit->is_name);
      g_autofree char *key = g_strdup_printf ("%s/%u/%s", ids[edit->campaign], edit->is_name, edit->value);
      gboolean replaced = FALSE;

      for (guint later = e + 1; later < edits->len && !replaced; later++)
        {
          Edit *other = g_ptr_array_index (edits, later);

          replaced = other->campaign == edit->campaign && other->is_name == edit->is_name;
        }
      if (!g_str_equal (now, edit->value) && !replaced && !g_hash_table_contains (seen_in_conflict, key))
        {
          for (guint k = 0; k < edits->len; k++)
            {
              Edit *x = g_ptr_array_index (edits, k);

              if (x->campaign == edit->campaign)
                g_printerr ("edit %u by %u: %s = %s\n", x->seq, x->client, x->is_name ? "name" : "budget", x->value);
            }
          g_printerr ("final: %s\n", now);
        }
      if (!g_str_equal (now, edit->value) && !replaced && !g_hash_table_contains (seen_in_conflict, key))
        g_error ("Edit %u (%s of campaign %u) was lost", edit->seq, edit->value, edit->campaign);
    }

  g_test_message ("%u edits in %u rounds, %u values seen in conflicts, %.1f s",
                  edits->len, N_ROUNDS, g_hash_table_size (seen_in_conflict),
                  (g_get_monotonic_time () - started) / 1e6);
  g_assert_cmpuint (edits->len, >, N_ROUNDS);

  client_close (&a);
  client_close (&b);
  pd_test_remove_tree (a.dir);
  pd_test_remove_tree (b.dir);
  g_free (a.dir);
  g_free (b.dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *api_token = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);

  platform = pd_test_platform_start (NULL);
  api_token = pd_test_platform_add_tenant (platform, "Soak", "soak@example.com", "password", NULL);
  token = pd_test_platform_sign_in (platform, api_token);
  edits = g_ptr_array_new_with_free_func (edit_free);
  seen_in_conflict = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_test_add_func ("/sync/soak", test_soak);
  ret = g_test_run ();

  g_ptr_array_unref (edits);
  g_hash_table_unref (seen_in_conflict);
  for (guint i = 0; i < N_CAMPAIGNS; i++)
    g_free (ids[i]);
  g_free (token);
  pd_test_platform_free (platform);
  return ret;
}
