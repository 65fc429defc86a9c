/* pd-block-properties.h: the settings of the selected page block
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pd-store.h"

G_BEGIN_DECLS

#define PD_TYPE_BLOCK_PROPERTIES (pd_block_properties_get_type ())
G_DECLARE_FINAL_TYPE (PdBlockProperties, pd_block_properties, PD, BLOCK_PROPERTIES, AdwBin)

/* Signal "toast" (AdwToast): a message for the page to show. */
GtkWidget  *pd_block_properties_new          (void);
void        pd_block_properties_set_context  (PdBlockProperties *self,
                                              PdStore           *store,
                                              PdCampaign        *campaign);
/* @block_id: (nullable): the selected block; @language: the preview's */
void        pd_block_properties_set_block    (PdBlockProperties *self,
                                              const char        *block_id,
                                              const char        *language);
/* Stores @file as the selected image block's picture; asynchronous. */
void        pd_block_properties_set_image    (PdBlockProperties *self,
                                              GFile             *file);
/* (transfer none) (nullable): the control of setting @key, for tests */
GtkWidget  *pd_block_properties_get_control  (PdBlockProperties *self,
                                              const char        *key);

/* Names the text field and the apply button inside @row after @name, which
 * libadwaita 1.2 leaves unnamed for assistive technologies. */
void        pd_entry_row_set_accessible_name (AdwEntryRow       *row,
                                              const char        *name);

G_END_DECLS
