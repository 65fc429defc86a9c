/* crash-writer.c: the child of test-crash-safety
 *
 * Usage: crash-writer DATABASE FIRST-EDIT
 *
 * Writes edits numbered from FIRST-EDIT through PdStore for ever and
 * prints "committed N" once edit N's save has returned, that is once it is
 * committed. The parent kills it with SIGKILL at a random moment and checks
 * that every edit printed is in the database. Edit N is (by N % 4):
 *   0: create project N;  1, 2: edit the counter project to N;
 *   3: project N and the counter in one pd_store_save_all() transaction.
 * Saving an edit again is harmless, so the parent restarts at the edit
 * after the last one printed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <unistd.h>

#include "crash-writer.h"
#include "pd-store.h"

static void
say (const char *line)
{
  gsize length = strlen (line);

  /* write(2) and no stdio buffer: a line the parent reads was written
   * after the commit and never sits in a buffer that SIGKILL discards. */
  while (length > 0)
    {
      gssize n = write (STDOUT_FILENO, line, length);

      if (n < 0)
        exit (3);
      line += n;
      length -= n;
    }
}

static PdProject *
counter_at (PdStore *store,
            guint    edit)
{
  g_autoptr(PdProject) live = pd_store_get_project (store, CRASH_COUNTER_ID);
  g_autofree char *title = g_strdup_printf ("Zähler %u", edit);
  PdProject *counter;

  counter = live != NULL ? PD_PROJECT (pd_record_copy (PD_RECORD (live))) : pd_project_new_with_id (CRASH_COUNTER_ID);
  pd_project_set_title (counter, title);
  pd_project_set_organisation (counter, "Crash-Test e.V.");
  pd_project_set_default_target_coins (counter, edit);
  return counter;
}

static PdProject *
project_at (guint edit)
{
  g_autofree char *id = crash_project_id (edit);
  g_autofree char *title = crash_project_title (edit);
  PdProject *project = pd_project_new_with_id (id);

  pd_project_set_title (project, title);
  pd_project_set_organisation (project, "Crash-Test e.V.");
  pd_project_set_description (project, "Ein Projekt, das mitten im Schreiben abgeschossen wird.");
  pd_project_set_default_target_coins (project, edit);
  return project;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStore) store = NULL;
  guint first;

  if (argc != 3)
    {
      g_printerr ("Usage: %s DATABASE FIRST-EDIT\n", argv[0]);
      return 2;
    }

  first = (guint) g_ascii_strtoull (argv[2], NULL, 10);
  store = pd_store_open (argv[1], &error);
  if (store == NULL)
    {
      g_printerr ("crash-writer: %s\n", error->message);
      return 1;
    }

  for (guint edit = first; edit < first + 1000000; edit++)
    {
      g_autofree char *line = NULL;
      gboolean ok;

      switch (edit % 4)
        {
        case 0:
          {
            g_autoptr(PdProject) project = project_at (edit);
            ok = pd_store_save (store, PD_RECORD (project), "Add Project", &error);
          }
          break;
        case 1:
        case 2:
          {
            g_autoptr(PdProject) counter = counter_at (store, edit);
            ok = pd_store_save (store, PD_RECORD (counter), "Rename Project", &error);
          }
          break;
        case 3:
        default:
          {
            g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);

            g_ptr_array_add (records, project_at (edit));
            g_ptr_array_add (records, counter_at (store, edit));
            ok = pd_store_save_all (store, records, "Add Projects", &error);
          }
          break;
        }

      if (!ok)
        {
          g_printerr ("crash-writer: edit %u: %s\n", edit, error->message);
          return 1;
        }

      line = g_strdup_printf ("committed %u\n", edit);
      say (line);
    }

  return 0;
}
