/* pd-sync-child.c: a sync client the fault tests kill at named moments
 *
 * pd-sync-child DIR URL sync [MOMENT [N]]
 *     syncs the account in DIR; at the Nth MOMENT of the engine
 *     ("op-answered", "page-received", …) it kills itself with SIGKILL,
 *     exactly as `kill -9` from outside would.
 * pd-sync-child DIR URL edit CAMPAIGN-ID NAME
 *     renames a campaign and is killed right after the commit.
 * The session token comes in PD_TEST_TOKEN, never on the command line.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>

#include "pd-sync-test-utils.h"

static const char *die_at;
static guint die_count = 1;

static void
on_moment_cb (PdSyncEngine *engine,
              const char   *moment,
              gpointer      user_data)
{
  if (die_at != NULL && g_str_equal (moment, die_at) && --die_count == 0)
    raise (SIGKILL);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(PdAccount) account = NULL;
  g_autoptr(GError) error = NULL;

  if (argc < 4)
    return 2;

  account = pd_test_account_new (argv[1], argv[2], g_getenv ("PD_TEST_TOKEN"));

  if (g_str_equal (argv[3], "sync"))
    {
      g_autoptr(PdSyncEngine) engine = pd_sync_engine_new (account, &error);
      g_autoptr(GError) sync_error = NULL;

      g_assert_no_error (error);
      die_at = argc > 4 ? argv[4] : NULL;
      die_count = argc > 5 ? (guint) g_ascii_strtoull (argv[5], NULL, 10) : 1;
      if (g_getenv ("PD_TEST_PAGE_SIZE") != NULL)
        _pd_sync_engine_set_page_size (engine, (guint) g_ascii_strtoull (g_getenv ("PD_TEST_PAGE_SIZE"), NULL, 10));
      _pd_sync_engine_set_hook (engine, on_moment_cb, NULL);
      sync_error = pd_test_sync (engine);
      return sync_error == NULL ? 0 : 1;
    }

  if (g_str_equal (argv[3], "edit") && argc == 6)
    {
      PdStore *store = pd_account_open_store (account, &error);
      g_autoptr(PdCampaign) campaign = NULL;

      g_assert_no_error (error);
      campaign = pd_store_get_campaign (store, argv[4]);
      g_assert_nonnull (campaign);
      pd_campaign_set_name (campaign, argv[5]);
      if (!pd_store_save (store, PD_RECORD (campaign), NULL, &error))
        return 1;
      /* The commit returned: the edit must survive what comes now. */
      raise (SIGKILL);
    }

  return 2;
}
