/* test-stats-cache.c: the workspace's cache of the campaigns' results
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <glib/gstdio.h>

#include "pd-store.h"
#include "pd-test-utils.h"

#define CAMPAIGN "5a0c7e1f-2b3d-4c5e-9f60-718293a4b5c6"

static const char sample[] =
  "{\"vouchers_issued\": 100, \"vouchers_redeemed\": 10, \"vouchers_expired\": 0,"
  " \"coins_redeemed\": 1000, \"unredeemed_coins\": 9000,"
  " \"projects\": [{\"project_id\": \"p1\", \"coins\": 1000, \"target_coins\": 5000}],"
  " \"timeline\": [], \"payouts_due\": [], \"generated_at\": \"2026-12-02T18:00:00+01:00\"}";

typedef struct {
  guint  n;
  char  *campaign_id;
} Changed;

static void
on_stats_changed_cb (PdStatsCache *cache,
                     const char   *campaign_id,
                     Changed      *changed)
{
  changed->n++;
  g_free (changed->campaign_id);
  changed->campaign_id = g_strdup (campaign_id);
}

/* The cache lives beside the workspace; what one reader saves, every
 * reader of the store sees, and a new session reads it back. */
static void
test_save_and_lookup (void)
{
  g_autofree char *dir = pd_test_make_private_dir ();
  g_autofree char *db = g_build_filename (dir, "workspace.db", NULL);
  g_autofree char *expected_dir = g_build_filename (dir, "stats", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStore) store = pd_store_open (db, &error);
  PdStatsCache *cache;
  g_autoptr(PdCampaignStats) stats = NULL;
  g_autoptr(PdCampaignStats) found = NULL;
  g_autoptr(PdStatsCache) fresh = NULL;
  g_autoptr(PdCampaignStats) reread = NULL;
  g_autofree char *path = NULL;
  Changed changed = { 0, NULL };
  GStatBuf st;

  g_assert_no_error (error);
  cache = pd_store_get_stats_cache (store);
  g_assert_true (cache == pd_store_get_stats_cache (store));
  g_assert_cmpstr (pd_stats_cache_get_dir (cache), ==, expected_dir);
  g_assert_null (pd_stats_cache_lookup (cache, CAMPAIGN));

  g_signal_connect (cache, "stats-changed", G_CALLBACK (on_stats_changed_cb), &changed);
  stats = pd_campaign_stats_new_from_string (sample, &error);
  g_assert_no_error (error);
  g_assert_true (pd_stats_cache_save (cache, CAMPAIGN, stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed.n, ==, 1);
  g_assert_cmpstr (changed.campaign_id, ==, CAMPAIGN);

  found = pd_stats_cache_lookup (cache, CAMPAIGN);
  g_assert_true (found == stats);

  path = pd_stats_cache_dup_path (cache, CAMPAIGN);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (expected_dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  fresh = pd_stats_cache_new (expected_dir);
  reread = pd_stats_cache_lookup (fresh, CAMPAIGN);
  g_assert_nonnull (reread);
  g_assert_cmpint (pd_campaign_stats_get_coins_redeemed (reread), ==, 1000);
  g_assert_cmpstr (pd_campaign_stats_get_project (reread, 0)->project_id, ==, "p1");

  g_free (changed.campaign_id);
  g_clear_object (&store);
  pd_test_remove_tree (dir);
}

/* A damaged file shows no results instead of wrong ones, and an id can
 * never name a file outside the cache folder. */
static void
test_damaged_and_hostile (void)
{
  g_autofree char *dir = pd_test_make_private_dir ();
  g_autoptr(PdStatsCache) cache = pd_stats_cache_new (dir);
  g_autofree char *path = pd_stats_cache_dup_path (cache, CAMPAIGN);
  g_autofree char *hostile = pd_stats_cache_dup_path (cache, "../../etc/passwd");
  g_autofree char *hostile_dir = g_path_get_dirname (hostile);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, "{\"vouchers_issued\": -1}", -1, &error));
  g_assert_no_error (error);
  g_assert_null (pd_stats_cache_lookup (cache, CAMPAIGN));
  /* Asked again, it is still nothing, not a crash or a stale half. */
  g_assert_null (pd_stats_cache_lookup (cache, CAMPAIGN));

  g_assert_cmpstr (hostile_dir, ==, dir);
  pd_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/stats-cache/save-and-lookup", test_save_and_lookup);
  g_test_add_func ("/stats-cache/damaged-and-hostile", test_damaged_and_hostile);

  return g_test_run ();
}
