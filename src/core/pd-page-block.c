/* pd-page-block.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-page-block"

#include "config.h"

#include "pd-json.h"
#include "pd-page-block.h"
#include "pd-validation.h"

struct _PdPageBlock
{
  GObject          parent_instance;

  char            *id;
  PdPageBlockType  type;
  JsonObject      *properties;
};

G_DEFINE_FINAL_TYPE (PdPageBlock, pd_page_block, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_BLOCK_TYPE,
  PROP_PROPERTIES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pd_page_block_constructed (GObject *object)
{
  PdPageBlock *self = PD_PAGE_BLOCK (object);

  G_OBJECT_CLASS (pd_page_block_parent_class)->constructed (object);

  if (self->id == NULL)
    self->id = pd_uuid_new ();
}

static void
pd_page_block_finalize (GObject *object)
{
  PdPageBlock *self = PD_PAGE_BLOCK (object);

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->properties, json_object_unref);

  G_OBJECT_CLASS (pd_page_block_parent_class)->finalize (object);
}

static void
pd_page_block_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  PdPageBlock *self = PD_PAGE_BLOCK (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_BLOCK_TYPE:
      g_value_set_enum (value, self->type);
      break;
    case PROP_PROPERTIES:
      g_value_set_boxed (value, self->properties);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_page_block_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  PdPageBlock *self = PD_PAGE_BLOCK (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;
    case PROP_BLOCK_TYPE:
      pd_page_block_set_block_type (self, g_value_get_enum (value));
      break;
    case PROP_PROPERTIES:
      if (g_value_get_boxed (value) != NULL)
        pd_page_block_set_properties (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_page_block_class_init (PdPageBlockClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = pd_page_block_constructed;
  object_class->finalize = pd_page_block_finalize;
  object_class->get_property = pd_page_block_get_property;
  object_class->set_property = pd_page_block_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BLOCK_TYPE] =
    g_param_spec_enum ("block-type", NULL, NULL, PD_TYPE_PAGE_BLOCK_TYPE, PD_PAGE_BLOCK_TEXT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROPERTIES] =
    g_param_spec_boxed ("properties", NULL, NULL, JSON_TYPE_OBJECT,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pd_page_block_init (PdPageBlock *self)
{
  self->type = PD_PAGE_BLOCK_TEXT;
  self->properties = json_object_new ();
}

PdPageBlock *
pd_page_block_new (PdPageBlockType type)
{
  return g_object_new (PD_TYPE_PAGE_BLOCK, "block-type", type, NULL);
}

PdPageBlock *
pd_page_block_new_with_id (const char      *id,
                           PdPageBlockType  type)
{
  return g_object_new (PD_TYPE_PAGE_BLOCK, "id", id, "block-type", type, NULL);
}

const char *
pd_page_block_get_id (PdPageBlock *self)
{
  g_return_val_if_fail (PD_IS_PAGE_BLOCK (self), NULL);

  return self->id;
}

PdPageBlockType
pd_page_block_get_block_type (PdPageBlock *self)
{
  g_return_val_if_fail (PD_IS_PAGE_BLOCK (self), PD_PAGE_BLOCK_TEXT);

  return self->type;
}

void
pd_page_block_set_block_type (PdPageBlock     *self,
                              PdPageBlockType  type)
{
  g_return_if_fail (PD_IS_PAGE_BLOCK (self));

  if (self->type == type)
    return;
  self->type = type;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BLOCK_TYPE]);
}

JsonObject *
pd_page_block_get_properties (PdPageBlock *self)
{
  g_return_val_if_fail (PD_IS_PAGE_BLOCK (self), NULL);

  return self->properties;
}

/* A deep copy, so that nobody shares (and mutates) our settings. */
static JsonObject *
copy_object (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonNode) copy = NULL;

  json_node_set_object (node, object);
  copy = pd_json_deep_copy (node);
  return json_object_ref (json_node_get_object (copy));
}

void
pd_page_block_set_properties (PdPageBlock *self,
                              JsonObject  *props)
{
  g_autoptr(JsonNode) old_node = NULL;
  g_autoptr(JsonNode) new_node = NULL;

  g_return_if_fail (PD_IS_PAGE_BLOCK (self));
  g_return_if_fail (props != NULL);

  old_node = json_node_init_object (json_node_alloc (), self->properties);
  new_node = json_node_init_object (json_node_alloc (), props);
  if (json_node_equal (old_node, new_node))
    return;

  g_clear_pointer (&self->properties, json_object_unref);
  self->properties = copy_object (props);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROPERTIES]);
}

static JsonNode *
lookup (PdPageBlock *self,
        const char  *key)
{
  return json_object_get_member (self->properties, key);
}

const char *
pd_page_block_get_string (PdPageBlock *self,
                          const char  *key,
                          const char  *fallback)
{
  JsonNode *node;

  g_return_val_if_fail (PD_IS_PAGE_BLOCK (self), fallback);

  node = lookup (self, key);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return fallback;
  return json_node_get_string (node);
}

/* Changes one key on a copy, so the notify sees a new object and the old
 * one handed out by get_properties() stays valid for its holder. */
static void
set_member (PdPageBlock *self,
            const char  *key,
            JsonNode    *value)
{
  g_autoptr(JsonObject) copy = copy_object (self->properties);

  if (value == NULL)
    json_object_remove_member (copy, key);
  else
    json_object_set_member (copy, key, value);

  pd_page_block_set_properties (self, copy);
}

void
pd_page_block_set_string (PdPageBlock *self,
                          const char  *key,
                          const char  *value)
{
  JsonNode *node = NULL;

  g_return_if_fail (PD_IS_PAGE_BLOCK (self));
  g_return_if_fail (key != NULL);

  if (value != NULL)
    {
      node = json_node_new (JSON_NODE_VALUE);
      json_node_set_string (node, value);
    }
  set_member (self, key, node);
}

gint64
pd_page_block_get_int (PdPageBlock *self,
                       const char  *key,
                       gint64       fallback)
{
  JsonNode *node;

  g_return_val_if_fail (PD_IS_PAGE_BLOCK (self), fallback);

  node = lookup (self, key);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return fallback;
  return json_node_get_int (node);
}

void
pd_page_block_set_int (PdPageBlock *self,
                       const char  *key,
                       gint64       value)
{
  JsonNode *node;

  g_return_if_fail (PD_IS_PAGE_BLOCK (self));
  g_return_if_fail (key != NULL);

  node = json_node_new (JSON_NODE_VALUE);
  json_node_set_int (node, value);
  set_member (self, key, node);
}

gboolean
pd_page_block_get_boolean (PdPageBlock *self,
                           const char  *key,
                           gboolean     fallback)
{
  JsonNode *node;

  g_return_val_if_fail (PD_IS_PAGE_BLOCK (self), fallback);

  node = lookup (self, key);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return fallback;
  return json_node_get_boolean (node);
}

void
pd_page_block_set_boolean (PdPageBlock *self,
                           const char  *key,
                           gboolean     value)
{
  JsonNode *node;

  g_return_if_fail (PD_IS_PAGE_BLOCK (self));
  g_return_if_fail (key != NULL);

  node = json_node_new (JSON_NODE_VALUE);
  json_node_set_boolean (node, value);
  set_member (self, key, node);
}
