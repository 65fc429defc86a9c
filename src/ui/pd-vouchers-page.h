/* pd-vouchers-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pd-store.h"

G_BEGIN_DECLS

#define PD_TYPE_VOUCHERS_PAGE (pd_vouchers_page_get_type ())
G_DECLARE_FINAL_TYPE (PdVouchersPage, pd_vouchers_page, PD, VOUCHERS_PAGE, AdwBin)

G_END_DECLS
