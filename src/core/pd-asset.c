/* pd-asset.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-asset"

#include "config.h"

#include "pd-asset.h"

struct _PdAsset
{
  GObject  parent_instance;

  char    *sha256;
  char    *mime_type;
  gint64   size;
};

G_DEFINE_FINAL_TYPE (PdAsset, pd_asset, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SHA256,
  PROP_MIME_TYPE,
  PROP_SIZE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pd_asset_finalize (GObject *object)
{
  PdAsset *self = PD_ASSET (object);

  g_clear_pointer (&self->sha256, g_free);
  g_clear_pointer (&self->mime_type, g_free);

  G_OBJECT_CLASS (pd_asset_parent_class)->finalize (object);
}

static void
pd_asset_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  PdAsset *self = PD_ASSET (object);

  switch (prop_id)
    {
    case PROP_SHA256: g_value_set_string (value, self->sha256); break;
    case PROP_MIME_TYPE: g_value_set_string (value, self->mime_type); break;
    case PROP_SIZE: g_value_set_int64 (value, self->size); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_asset_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  PdAsset *self = PD_ASSET (object);

  switch (prop_id)
    {
    case PROP_SHA256: self->sha256 = g_value_dup_string (value); break;
    case PROP_MIME_TYPE: self->mime_type = g_value_dup_string (value); break;
    case PROP_SIZE: self->size = g_value_get_int64 (value); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_asset_class_init (PdAssetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = pd_asset_finalize;
  object_class->get_property = pd_asset_get_property;
  object_class->set_property = pd_asset_set_property;

  properties[PROP_SHA256] = g_param_spec_string ("sha256", NULL, NULL, NULL, flags);
  properties[PROP_MIME_TYPE] = g_param_spec_string ("mime-type", NULL, NULL, NULL, flags);
  properties[PROP_SIZE] = g_param_spec_int64 ("size", NULL, NULL, 0, G_MAXINT64, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pd_asset_init (PdAsset *self)
{
}

PdAsset *
pd_asset_new (const char *sha256,
              const char *mime_type,
              gint64      size)
{
  return g_object_new (PD_TYPE_ASSET, "sha256", sha256, "mime-type", mime_type, "size", size, NULL);
}

const char *
pd_asset_get_sha256 (PdAsset *self)
{
  g_return_val_if_fail (PD_IS_ASSET (self), NULL);
  return self->sha256;
}

const char *
pd_asset_get_mime_type (PdAsset *self)
{
  g_return_val_if_fail (PD_IS_ASSET (self), NULL);
  return self->mime_type;
}

gint64
pd_asset_get_size (PdAsset *self)
{
  g_return_val_if_fail (PD_IS_ASSET (self), 0);
  return self->size;
}

/* (transfer none): the image types the store accepts, %NULL-terminated;
 * the file choosers offer the same. */
const char * const *
pd_asset_get_supported_mime_types (void)
{
  static const char * const supported[] = {
    "image/png", "image/jpeg", "image/svg+xml", "image/webp", NULL
  };

  return supported;
}

gboolean
pd_asset_mime_type_is_supported (const char *mime_type)
{
  return mime_type != NULL && g_strv_contains (pd_asset_get_supported_mime_types (), mime_type);
}
