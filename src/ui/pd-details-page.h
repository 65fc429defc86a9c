/* pd-details-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pd-store.h"

G_BEGIN_DECLS

#define PD_TYPE_DETAILS_PAGE (pd_details_page_get_type ())
G_DECLARE_FINAL_TYPE (PdDetailsPage, pd_details_page, PD, DETAILS_PAGE, AdwBin)

/* Writes the edits still waiting for their debounce now. */
void pd_details_page_flush (PdDetailsPage *self);

G_END_DECLS
