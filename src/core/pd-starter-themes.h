/* pd-starter-themes.h: ready-made themes to start from
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pd-theme.h"

G_BEGIN_DECLS

/* (transfer full) (element-type PdTheme): new themes, each with a fresh id
 * and a translated name: "Bank Blue", "Railway Green", "Energy Orange",
 * "Retail Red". All pass WCAG AA for text and button text. */
GPtrArray *pd_starter_themes_new (void);

G_END_DECLS
