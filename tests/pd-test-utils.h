/* pd-test-utils.h: helpers shared by the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pd-clock.h"

G_BEGIN_DECLS

char     *pd_test_make_private_dir (void);
void      pd_test_remove_tree      (const char  *path);
gboolean  pd_test_wait_for         (gboolean   (*condition) (gpointer data),
                                    gpointer      data,
                                    guint         timeout_ms);
char     *pd_test_build_path       (const char  *first,
                                    ...) G_GNUC_NULL_TERMINATED;

/* For an _async call: pass pd_test_async_cb with &result (a GAsyncResult *
 * set to NULL) as its user data, then pd_test_wait_async (&result) runs the
 * main loop until the result came. The slot owns it: g_autoptr or clear. */
void          pd_test_async_cb     (GObject       *source,
                                    GAsyncResult  *result,
                                    gpointer       slot);
GAsyncResult *pd_test_wait_async   (GAsyncResult **slot);

/* Fixes the app's clock (pd_clock_get_default()) at @iso8601 until the
 * current test ends; returns the fixed clock, to move it on. */
PdClock  *pd_test_fix_clock        (const char  *iso8601);

/* The clock's now plus @days, at midnight UTC, as ISO 8601: for dates a
 * test sends that must lie ahead whatever day it runs on. */
char     *pd_test_iso8601_in_days  (int          days);

void      pd_test_bench_line       (const char  *name,
                                    double       ours,
                                    const char  *unit,
                                    double       baseline,
                                    const char  *target,
                                    gboolean     met);

G_END_DECLS
