/* pd-fuzz.h: what every fuzz target defines and may use
 *
 * A target is tests/fuzz/fuzz-<name>.c defining LLVMFuzzerTestOneInput().
 * With clang it links libFuzzer (build-aux/fuzz); with any compiler it links
 * pd-fuzz-driver.c, which replays the seed corpus as a regression test.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <stddef.h>
#include <stdlib.h>
#include <stdint.h>

G_BEGIN_DECLS

int   LLVMFuzzerInitialize   (int            *argc,
                              char         ***argv);
int   LLVMFuzzerTestOneInput (const uint8_t  *data,
                              size_t          size);

/* Returns a NUL-terminated copy of the input, for parsers that take strings. */
char *pd_fuzz_strndup        (const uint8_t  *data,
                              size_t          size);

/* Prints why an input was refused when PD_FUZZ_VERBOSE is set, to check
 * that seeds reach past the first error. */
void  pd_fuzz_note           (const char     *what,
                              const GError   *error);

/* Makes every critical and warning abort. GLib's own fatal path raises
 * SIGTRAP, which libFuzzer does not catch, so it would save no input to
 * reproduce the failure with; abort() it catches. Call it first in
 * LLVMFuzzerInitialize(). */
static inline GLogWriterOutput
pd_fuzz_abort_writer (GLogLevelFlags   log_level,
                      const GLogField *fields,
                      gsize            n_fields,
                      gpointer         user_data)
{
  GLogWriterOutput output = g_log_writer_default (log_level, fields, n_fields, user_data);

  if (log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    abort ();
  return output;
}

static inline void
pd_fuzz_make_warnings_fatal (void)
{
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  g_log_set_writer_func (pd_fuzz_abort_writer, NULL, NULL);
}

G_END_DECLS
