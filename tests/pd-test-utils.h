/* pd-test-utils.h: helpers shared by the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

char     *pd_test_make_private_dir (void);
void      pd_test_remove_tree      (const char  *path);
gboolean  pd_test_wait_for         (gboolean   (*condition) (gpointer data),
                                    gpointer      data,
                                    guint         timeout_ms);
char     *pd_test_build_path       (const char  *first,
                                    ...) G_GNUC_NULL_TERMINATED;

void      pd_test_bench_line       (const char  *name,
                                    double       ours,
                                    const char  *unit,
                                    double       baseline,
                                    const char  *target,
                                    gboolean     met);

G_END_DECLS
