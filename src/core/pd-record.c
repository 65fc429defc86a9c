/* pd-record.c
 *
 * The fields every synced record shares. Subclasses describe their own
 * fields through to_json/load_json, which is what the store, the undo
 * stack, the API client and the exports all go through, so the JSON names
 * of CONTRACT.md are written down once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-record"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-campaign.h"
#include "pd-core-private.h"
#include "pd-json.h"
#include "pd-project.h"
#include "pd-record.h"
#include "pd-theme.h"
#include "pd-validation.h"
#include "pd-voucher-batch.h"

typedef struct
{
  char        *id;
  gint64       revision;
  char        *updated_at;
  PdSyncState  sync_state;
} PdRecordPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (PdRecord, pd_record, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_REVISION,
  PROP_UPDATED_AT,
  PROP_SYNC_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pd_record_constructed (GObject *object)
{
  PdRecordPrivate *priv = pd_record_get_instance_private (PD_RECORD (object));

  G_OBJECT_CLASS (pd_record_parent_class)->constructed (object);

  /* Ids are made here, not by the server, so records made offline have
   * their final id at once. */
  if (priv->id == NULL)
    priv->id = pd_uuid_new ();
}

static void
pd_record_finalize (GObject *object)
{
  PdRecordPrivate *priv = pd_record_get_instance_private (PD_RECORD (object));

  g_clear_pointer (&priv->id, g_free);
  g_clear_pointer (&priv->updated_at, g_free);

  G_OBJECT_CLASS (pd_record_parent_class)->finalize (object);
}

static void
pd_record_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  PdRecordPrivate *priv = pd_record_get_instance_private (PD_RECORD (object));

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, priv->id);
      break;
    case PROP_REVISION:
      g_value_set_int64 (value, priv->revision);
      break;
    case PROP_UPDATED_AT:
      g_value_set_string (value, priv->updated_at);
      break;
    case PROP_SYNC_STATE:
      g_value_set_enum (value, priv->sync_state);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_record_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  PdRecord *self = PD_RECORD (object);
  PdRecordPrivate *priv = pd_record_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_ID:
      priv->id = g_value_dup_string (value);
      break;
    case PROP_REVISION:
      pd_record_set_revision (self, g_value_get_int64 (value));
      break;
    case PROP_UPDATED_AT:
      pd_record_set_updated_at (self, g_value_get_string (value));
      break;
    case PROP_SYNC_STATE:
      pd_record_set_sync_state (self, g_value_get_enum (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_record_class_init (PdRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = pd_record_constructed;
  object_class->finalize = pd_record_finalize;
  object_class->get_property = pd_record_get_property;
  object_class->set_property = pd_record_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REVISION] =
    g_param_spec_int64 ("revision", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UPDATED_AT] =
    g_param_spec_string ("updated-at", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SYNC_STATE] =
    g_param_spec_enum ("sync-state", NULL, NULL, PD_TYPE_SYNC_STATE, PD_SYNC_STATE_CREATED,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pd_record_init (PdRecord *self)
{
  PdRecordPrivate *priv = pd_record_get_instance_private (self);

  priv->sync_state = PD_SYNC_STATE_CREATED;
}

const char *
pd_record_get_id (PdRecord *self)
{
  PdRecordPrivate *priv = pd_record_get_instance_private (self);

  g_return_val_if_fail (PD_IS_RECORD (self), NULL);

  return priv->id;
}

gint64
pd_record_get_revision (PdRecord *self)
{
  PdRecordPrivate *priv = pd_record_get_instance_private (self);

  g_return_val_if_fail (PD_IS_RECORD (self), 0);

  return priv->revision;
}

void
pd_record_set_revision (PdRecord *self,
                        gint64    revision)
{
  PdRecordPrivate *priv = pd_record_get_instance_private (self);

  g_return_if_fail (PD_IS_RECORD (self));

  if (priv->revision == revision)
    return;
  priv->revision = revision;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVISION]);
}

const char *
pd_record_get_updated_at (PdRecord *self)
{
  PdRecordPrivate *priv = pd_record_get_instance_private (self);

  g_return_val_if_fail (PD_IS_RECORD (self), NULL);

  return priv->updated_at;
}

void
pd_record_set_updated_at (PdRecord   *self,
                          const char *updated_at)
{
  PdRecordPrivate *priv = pd_record_get_instance_private (self);

  g_return_if_fail (PD_IS_RECORD (self));

  if (pd_set_str (&priv->updated_at, updated_at))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED_AT]);
}

PdSyncState
pd_record_get_sync_state (PdRecord *self)
{
  PdRecordPrivate *priv = pd_record_get_instance_private (self);

  g_return_val_if_fail (PD_IS_RECORD (self), PD_SYNC_STATE_CREATED);

  return priv->sync_state;
}

void
pd_record_set_sync_state (PdRecord    *self,
                          PdSyncState  state)
{
  PdRecordPrivate *priv = pd_record_get_instance_private (self);

  g_return_if_fail (PD_IS_RECORD (self));

  if (priv->sync_state == state)
    return;
  priv->sync_state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNC_STATE]);
}

const char *
pd_record_get_kind (PdRecord *self)
{
  g_return_val_if_fail (PD_IS_RECORD (self), NULL);

  return PD_RECORD_GET_CLASS (self)->kind;
}

GType
pd_record_type_from_kind (const char *kind)
{
  if (g_strcmp0 (kind, "campaign") == 0)
    return PD_TYPE_CAMPAIGN;
  if (g_strcmp0 (kind, "project") == 0)
    return PD_TYPE_PROJECT;
  if (g_strcmp0 (kind, "theme") == 0)
    return PD_TYPE_THEME;
  if (g_strcmp0 (kind, "voucher-batch") == 0)
    return PD_TYPE_VOUCHER_BATCH;
  return G_TYPE_INVALID;
}

JsonNode *
pd_record_content_to_json (PdRecord *self)
{
  PdRecordPrivate *priv = pd_record_get_instance_private (self);
  JsonObject *object;
  JsonNode *node;

  g_return_val_if_fail (PD_IS_RECORD (self), NULL);

  object = json_object_new ();
  json_object_set_string_member (object, "id", priv->id);
  PD_RECORD_GET_CLASS (self)->to_json (self, object);

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, object);
  return node;
}

JsonNode *
pd_record_to_json (PdRecord *self)
{
  PdRecordPrivate *priv = pd_record_get_instance_private (self);
  JsonNode *node;

  g_return_val_if_fail (PD_IS_RECORD (self), NULL);

  node = pd_record_content_to_json (self);
  if (priv->revision > 0)
    json_object_set_int_member (json_node_get_object (node), "revision", priv->revision);
  if (priv->updated_at != NULL)
    json_object_set_string_member (json_node_get_object (node), "updated_at", priv->updated_at);

  return node;
}

gboolean
pd_record_load_json (PdRecord  *self,
                     JsonNode  *node,
                     GError   **error)
{
  PdRecordPrivate *priv = pd_record_get_instance_private (self);
  JsonObject *object;
  const char *id = NULL;
  const char *updated_at = NULL;
  gint64 revision = 0;

  g_return_val_if_fail (PD_IS_RECORD (self), FALSE);
  g_return_val_if_fail (node != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, PD_VALIDATION_ERROR, PD_VALIDATION_ERROR_WRONG_TYPE,
                   _("A record must be a JSON object."));
      return FALSE;
    }
  object = json_node_get_object (node);

  if (!pd_json_read_string (object, "id", TRUE, &id, error) ||
      !pd_json_read_int (object, "revision", TRUE, &revision, error) ||
      !pd_json_read_string (object, "updated_at", TRUE, &updated_at, error))
    return FALSE;

  if (id != NULL && g_strcmp0 (id, priv->id) != 0)
    {
      g_set_error (error, PD_VALIDATION_ERROR, PD_VALIDATION_ERROR_INVALID,
                   _("The record’s id does not match."));
      return FALSE;
    }

  g_object_freeze_notify (G_OBJECT (self));
  if (!PD_RECORD_GET_CLASS (self)->load_json (self, object, error))
    {
      g_object_thaw_notify (G_OBJECT (self));
      return FALSE;
    }
  if (json_object_has_member (object, "revision"))
    pd_record_set_revision (self, revision);
  if (updated_at != NULL)
    pd_record_set_updated_at (self, updated_at);
  g_object_thaw_notify (G_OBJECT (self));

  return TRUE;
}

PdRecord *
pd_record_new_from_json (GType      type,
                         JsonNode  *node,
                         GError   **error)
{
  g_autoptr(PdRecord) record = NULL;
  const char *id = NULL;

  g_return_val_if_fail (g_type_is_a (type, PD_TYPE_RECORD), NULL);
  g_return_val_if_fail (node != NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, PD_VALIDATION_ERROR, PD_VALIDATION_ERROR_WRONG_TYPE,
                   _("A record must be a JSON object."));
      return NULL;
    }
  if (!pd_json_read_string (json_node_get_object (node), "id", FALSE, &id, error))
    return NULL;
  if (!pd_is_valid_uuid (id))
    {
      g_set_error (error, PD_VALIDATION_ERROR, PD_VALIDATION_ERROR_INVALID,
                   _("“%s” is not a valid id."), id);
      return NULL;
    }

  record = g_object_new (type, "id", id, NULL);
  if (!pd_record_load_json (record, node, error))
    return NULL;

  return g_steal_pointer (&record);
}

gboolean
pd_record_validate (PdRecord  *self,
                    GError   **error)
{
  PdRecordPrivate *priv = pd_record_get_instance_private (self);

  g_return_val_if_fail (PD_IS_RECORD (self), FALSE);

  if (!pd_is_valid_uuid (priv->id))
    {
      g_set_error (error, PD_VALIDATION_ERROR, PD_VALIDATION_ERROR_INVALID,
                   _("“%s” is not a valid id."), priv->id);
      return FALSE;
    }

  return PD_RECORD_GET_CLASS (self)->validate (self, error);
}

PdRecord *
pd_record_copy (PdRecord *self)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  PdRecord *copy;

  g_return_val_if_fail (PD_IS_RECORD (self), NULL);

  node = pd_record_to_json (self);
  copy = g_object_new (G_OBJECT_TYPE (self), "id", pd_record_get_id (self), NULL);
  /* Our own JSON always loads back; anything else is a bug here. */
  if (!pd_record_load_json (copy, node, &error))
    g_critical ("Could not copy a %s: %s", pd_record_get_kind (self), error->message);
  pd_record_set_sync_state (copy, pd_record_get_sync_state (self));

  return copy;
}
