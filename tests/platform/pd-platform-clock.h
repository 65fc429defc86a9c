/* pd-platform-clock.h: the one place the server reads the time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

GDateTime *pd_platform_now_utc  (void);
gint64     pd_platform_now_unix (void);

G_END_DECLS
