/* test-crash-safety.c
 *
 * Kills a child that writes through PdStore (crash-writer.c) with SIGKILL
 * at random moments, over and over, and checks after each kill that the
 * database is intact and holds every edit the child reported committed.
 * SIGKILL gives SQLite no chance to clean up, which is what a crash, the
 * OOM killer or a logout does to the app.
 *
 * It kills 200 times, which CI runs; PD_KILL_TEST_ROUNDS sets another
 * number, such as PD_KILL_TEST_ROUNDS=1000 for a longer run by hand.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "crash-writer.h"
#include "pd-store.h"
#include "pd-test-utils.h"

#define DEFAULT_KILLS 200
/* Every fifth kill lands during start-up; fewer than five would check
 * no kill during writing. */
#define MIN_KILLS 5

typedef struct
{
  GString *pending;   /* an incomplete line */
  gint64   last;      /* last edit reported committed, -1 for none */
  guint    lines;
} Output;

static void
take_output (Output     *output,
             const char *data,
             gsize       length)
{
  g_string_append_len (output->pending, data, length);

  for (;;)
    {
      char *newline = memchr (output->pending->str, '\n', output->pending->len);
      g_autofree char *line = NULL;
      guint64 edit;

      if (newline == NULL)
        break;
      line = g_strndup (output->pending->str, newline - output->pending->str);
      g_string_erase (output->pending, 0, newline - output->pending->str + 1);

      g_assert_true (g_str_has_prefix (line, "committed "));
      edit = g_ascii_strtoull (line + strlen ("committed "), NULL, 10);
      /* Edits are reported in order, each once. */
      g_assert_cmpint ((gint64) edit, >, output->last);
      output->last = (gint64) edit;
      output->lines++;
    }
}

/* Reads what the child says until @deadline (monotonic µs, -1: none) or
 * until it has reported @min_lines edits; FALSE at EOF. */
static gboolean
read_until (int     fd,
            Output *output,
            gint64  deadline,
            guint   min_lines)
{
  for (;;)
    {
      gint64 now = g_get_monotonic_time ();
      struct pollfd pfd = { .fd = fd, .events = POLLIN };
      char buffer[4096];
      gssize n;
      int ready;

      if ((deadline >= 0 && now >= deadline) || (min_lines > 0 && output->lines >= min_lines))
        return TRUE;

      ready = poll (&pfd, 1, deadline < 0 ? -1 : (int) ((deadline - now + 999) / 1000));
      if (ready < 0 && errno == EINTR)
        continue;
      g_assert_cmpint (ready, >=, 0);
      if (ready == 0)
        continue;

      n = read (fd, buffer, sizeof buffer);
      if (n < 0 && (errno == EINTR || errno == EAGAIN))
        continue;
      g_assert_cmpint (n, >=, 0);
      if (n == 0)
        return FALSE;
      take_output (output, buffer, n);
    }
}

static void
assert_integrity (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  /* A child killed before it created the file leaves nothing to check. */
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static guint
expected_projects (gint64 last)
{
  guint n = last >= 1 ? 1 : 0;

  for (gint64 edit = 0; edit <= last; edit++)
    if (crash_edit_creates (edit))
      n++;

  return n;
}

/* Every edit in [@from, @last] is in the store. The child may have
 * committed edit @last + 1 without living to say so; that may be there. */
static void
assert_edits_present (const char *path,
                      gint64      from,
                      gint64      last)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStore) store = pd_store_open (path, &error);
  guint count;

  g_assert_no_error (error);

  for (gint64 edit = MAX (from, 0); edit <= last; edit++)
    {
      g_autofree char *id = crash_project_id (edit);
      g_autofree char *title = crash_project_title (edit);
      g_autoptr(PdProject) project = NULL;

      if (!crash_edit_creates (edit))
        continue;
      project = pd_store_get_project (store, id);
      g_assert_nonnull (project);
      g_assert_cmpstr (pd_project_get_title (project), ==, title);
      g_assert_cmpint (pd_project_get_default_target_coins (project), ==, edit);
    }

  if (last >= 1)
    {
      g_autoptr(PdProject) counter = pd_store_get_project (store, CRASH_COUNTER_ID);
      gint64 coins;

      g_assert_nonnull (counter);
      coins = pd_project_get_default_target_coins (counter);
      /* The last counting edit up to @last, or the unreported next one. */
      g_assert_cmpint (coins, >=, crash_edit_counts (last) ? last : last - 1);
      g_assert_cmpint (coins, <=, last + 1);
    }

  /* The unreported edit is there whole or not at all: the new project and
   * the counter of a pd_store_save_all() are one transaction. */
  if (crash_edit_creates (last + 1) && crash_edit_counts (last + 1))
    {
      g_autofree char *id = crash_project_id (last + 1);
      g_autoptr(PdProject) project = pd_store_get_project (store, id);
      g_autoptr(PdProject) counter = pd_store_get_project (store, CRASH_COUNTER_ID);

      g_assert_nonnull (counter);
      g_assert_cmpint (project != NULL, ==, pd_project_get_default_target_coins (counter) == last + 1);
    }

  count = pd_store_count_projects (store);
  g_assert_true (count == expected_projects (last) || count == expected_projects (last + 1));
}

static guint
count_kills (void)
{
  const char *value = g_getenv ("PD_KILL_TEST_ROUNDS");
  g_autoptr(GError) error = NULL;
  guint64 n;

  if (value == NULL || value[0] == '\0')
    return DEFAULT_KILLS;

  /* A typo must not quietly run the short test. */
  if (!g_ascii_string_to_unsigned (value, 10, MIN_KILLS, G_MAXUINT, &n, &error))
    g_error ("PD_KILL_TEST_ROUNDS=%s: %s", value, error->message);
  return (guint) n;
}

static void
test_crash_safety_sigkill (void)
{
  const guint n_kills = count_kills ();
  g_autofree char *dir = pd_test_make_private_dir ();
  g_autofree char *path = g_build_filename (dir, "workspace.db", NULL);
  g_autofree char *child = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "crash-writer", NULL);
  gint64 last = -1;
  guint rounds_with_commits = 0;
  gint64 started = g_get_monotonic_time ();

  for (guint round = 0; round < n_kills; round++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *first = g_strdup_printf ("%" G_GINT64_FORMAT, last + 1);
      const char *argv[] = { child, path, first, NULL };
      Output output = { g_string_new (NULL), last, 0 };
      GPid pid;
      int out_fd;
      int status;
      gint64 from = last + 1;
      /* Most kills land while edits are being written, at a random time
       * after the first one (so a slow machine or a sanitizer build does
       * not turn them all into start-up kills); every fifth lands during
       * start-up, when the store opens (and would migrate) the file. */
      gboolean during_startup = round % 5 == 0;
      guint delay_us = during_startup ? g_test_rand_int_range (0, 20000) : g_test_rand_int_range (0, 30000);

      g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                               NULL, NULL, &pid, NULL, &out_fd, NULL, &error));
      g_assert_no_error (error);

      /* The child must still be writing when it is killed. */
      if (!during_startup)
        g_assert_true (read_until (out_fd, &output, g_get_monotonic_time () + 30 * G_USEC_PER_SEC, 1));
      g_assert_true (read_until (out_fd, &output, g_get_monotonic_time () + delay_us, 0));
      g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
      read_until (out_fd, &output, -1, 0);
      close (out_fd);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_spawn_close_pid (pid);
      g_assert_true (WIFSIGNALED (status));
      g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);

      /* A line cut in half was never a report. */
      g_string_free (output.pending, TRUE);
      if (output.lines > 0)
        rounds_with_commits++;
      last = output.last;

      assert_integrity (path);
      assert_edits_present (path, from, last);
    }

  /* Finally, nothing from any earlier round went missing either. */
  assert_edits_present (path, 0, last);

  g_test_message ("%u kills, %u with commits, %" G_GINT64_FORMAT " edits committed, %.1f s",
                  n_kills, rounds_with_commits, last + 1,
                  (g_get_monotonic_time () - started) / 1e6);
  /* Every kill but the start-up ones came after a commit. */
  g_assert_cmpuint (rounds_with_commits, >=, n_kills - n_kills / 5);
  g_assert_cmpint (last, >=, n_kills);

  pd_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/crash-safety/sigkill", test_crash_safety_sigkill);

  return g_test_run ();
}
