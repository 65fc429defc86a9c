/* pd-fuzz-common.c: set-up shared by the fuzz targets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pd-fuzz.h"

#include <locale.h>
#include <string.h>

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  /* Bad input must be refused with a GError, never with a g_critical() or
   * g_warning(): make both abort, so the fuzzer records them as crashes. */
  pd_fuzz_make_warnings_fatal ();
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  setlocale (LC_ALL, "");

  return 0;
}

void
pd_fuzz_note (const char   *what,
              const GError *error)
{
  static int verbose = -1;

  if (verbose < 0)
    verbose = g_getenv ("PD_FUZZ_VERBOSE") != NULL;
  if (verbose)
    g_printerr ("%s: %s\n", what, error != NULL ? error->message : "accepted");
}

char *
pd_fuzz_strndup (const uint8_t *data,
                 size_t         size)
{
  char *copy = g_malloc (size + 1);

  if (size > 0)
    memcpy (copy, data, size);
  copy[size] = '\0';

  return copy;
}
