/* pd-design-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PD_TYPE_DESIGN_PAGE (pd_design_page_get_type ())
G_DECLARE_FINAL_TYPE (PdDesignPage, pd_design_page, PD, DESIGN_PAGE, AdwBin)

G_END_DECLS
