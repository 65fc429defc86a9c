/* pd-test-secrets.h: catching secrets where they must never appear
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Call first in main(): turns on every debug message (as with
 * G_MESSAGES_DEBUG=all) and keeps a copy of each log message. Messages of
 * level warning and above still go to the default writer. */
void   pd_test_log_capture_install  (void);
/* Everything logged since the last call, one message a line. */
char  *pd_test_log_capture_take     (void);

/* Where @secret occurs, as a description ("file …", "key …"), or NULL. */
char  *pd_test_find_secret_in_text     (const char  *text,
                                        const char  *secret);
char  *pd_test_find_secret_in_tree     (const char  *path,
                                        const char  *secret);
char  *pd_test_find_secret_in_settings (GSettings   *settings,
                                        const char  *secret);

G_END_DECLS
