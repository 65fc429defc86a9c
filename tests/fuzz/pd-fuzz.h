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

G_END_DECLS
