/* pd-platform-json-guard.h: strict JSON with a depth limit, before parsing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  PD_JSON_GUARD_OK,
  PD_JSON_GUARD_INVALID,   /* not RFC 8259 JSON, or not UTF-8 */
  PD_JSON_GUARD_TOO_DEEP,  /* more than max_depth open containers */
} PdJsonGuardResult;

PdJsonGuardResult pd_json_guard_check (const char *data,
                                       gsize       len,
                                       guint       max_depth);

G_END_DECLS
