/* pd-preflight-item.h: one line of the checklist before publishing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  PD_PREFLIGHT_OK,
  PD_PREFLIGHT_WARNING,  /* shown, publishing allowed */
  PD_PREFLIGHT_ERROR,    /* blocks publishing */
} PdPreflightSeverity;

#define PD_TYPE_PREFLIGHT_ITEM (pd_preflight_item_get_type ())
G_DECLARE_FINAL_TYPE (PdPreflightItem, pd_preflight_item, PD, PREFLIGHT_ITEM, GObject)

/* Properties (read-only): "check" (a stable key, e.g. "budget",
 * "texts:nl", "target:<project id>"), "severity", "message" (translated). */
PdPreflightItem     *pd_preflight_item_new          (const char          *check,
                                                     PdPreflightSeverity  severity,
                                                     const char          *message);
const char          *pd_preflight_item_get_check    (PdPreflightItem     *self);
PdPreflightSeverity  pd_preflight_item_get_severity (PdPreflightItem     *self);
const char          *pd_preflight_item_get_message  (PdPreflightItem     *self);

G_END_DECLS
