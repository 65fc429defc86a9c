/* pd-asset.h: an image stored once by its SHA-256
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PD_TYPE_ASSET (pd_asset_get_type ())
G_DECLARE_FINAL_TYPE (PdAsset, pd_asset, PD, ASSET, GObject)

/* Properties (construct-only): "sha256" (64 lower-case hex digits),
 * "mime-type", "size" (bytes). */
PdAsset    *pd_asset_new           (const char *sha256,
                                    const char *mime_type,
                                    gint64      size);
const char *pd_asset_get_sha256    (PdAsset    *self);
const char *pd_asset_get_mime_type (PdAsset    *self);
gint64      pd_asset_get_size      (PdAsset    *self);

/* The largest image the store takes, for projects, themes and blocks
 * alike; the platform refuses assets above 16 MiB with 413. */
#define PD_ASSET_MAX_BYTES (10 * 1024 * 1024)

/* Whether the store accepts @mime_type (PNG, JPEG, SVG, WebP). */
gboolean    pd_asset_mime_type_is_supported (const char *mime_type);
const char * const *pd_asset_get_supported_mime_types (void);

G_END_DECLS
