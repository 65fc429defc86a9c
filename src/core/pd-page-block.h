/* pd-page-block.h: one block of a campaign's donor page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "pd-enums.h"

G_BEGIN_DECLS

#define PD_TYPE_PAGE_BLOCK (pd_page_block_get_type ())
G_DECLARE_FINAL_TYPE (PdPageBlock, pd_page_block, PD, PAGE_BLOCK, GObject)

/* Properties: "id" (UUID, construct-only), "block-type" (PdPageBlockType),
 * "properties" (JsonObject boxed: the block's own settings, e.g. "heading",
 * "image_sha256", "columns"). Every change notifies "properties". */
PdPageBlock     *pd_page_block_new            (PdPageBlockType  type);
PdPageBlock     *pd_page_block_new_with_id    (const char      *id,
                                               PdPageBlockType  type);
const char      *pd_page_block_get_id         (PdPageBlock     *self);
PdPageBlockType  pd_page_block_get_block_type (PdPageBlock     *self);
void             pd_page_block_set_block_type (PdPageBlock     *self,
                                               PdPageBlockType  type);

/**
 * pd_page_block_get_properties:
 *
 * Returns: (transfer none): the block's settings; do not modify it, use
 *   the setters so that "notify::properties" is emitted
 */
JsonObject      *pd_page_block_get_properties (PdPageBlock     *self);
/* Replaces the settings with a deep copy of @properties. */
void             pd_page_block_set_properties (PdPageBlock     *self,
                                               JsonObject      *properties);

/* Convenience accessors for single settings; getters return @fallback when
 * the key is absent or has another type. Setting %NULL removes the key. */
const char      *pd_page_block_get_string     (PdPageBlock     *self,
                                               const char      *key,
                                               const char      *fallback);
void             pd_page_block_set_string     (PdPageBlock     *self,
                                               const char      *key,
                                               const char      *value);
gint64           pd_page_block_get_int        (PdPageBlock     *self,
                                               const char      *key,
                                               gint64           fallback);
void             pd_page_block_set_int        (PdPageBlock     *self,
                                               const char      *key,
                                               gint64           value);
gboolean         pd_page_block_get_boolean    (PdPageBlock     *self,
                                               const char      *key,
                                               gboolean         fallback);
void             pd_page_block_set_boolean    (PdPageBlock     *self,
                                               const char      *key,
                                               gboolean         value);

G_END_DECLS
