/* pd-sync-conflict.c: a record changed here and on the platform
 *
 * Holds both sides of a record in conflict and the user's choice per
 * field, so that the conflicts page can show them side by side. Nothing is
 * decided for the user: a field without a choice keeps the conflict open.
 * Only what was changed on both sides is asked about; a field that merely
 * followed another here (a campaign's web address, made from its name
 * until the user types one) goes with that field's choice instead of
 * being asked about on its own (issue 14).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-sync"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-campaign-private.h"
#include "pd-json.h"
#include "pd-sync-conflict-private.h"

struct _PdSyncConflict
{
  GObject     parent_instance;

  char       *kind;
  char       *id;
  JsonNode   *local;    /* NULL: deleted here */
  JsonNode   *server;   /* NULL: deleted on the platform */
  GStrv       fields;     /* asked about */
  GHashTable *followers; /* field -> the asked-about field whose choice it takes */
  GHashTable *choices;   /* field -> PdConflictChoice */
};

G_DEFINE_FINAL_TYPE (PdSyncConflict, pd_sync_conflict, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KIND,
  PROP_ID,
  PROP_TITLE,
  PROP_DECIDED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* A whole-record choice (delete against edit) is kept under this key. */
#define WHOLE_RECORD ""

static void
pd_sync_conflict_finalize (GObject *object)
{
  PdSyncConflict *self = PD_SYNC_CONFLICT (object);

  g_free (self->kind);
  g_free (self->id);
  g_clear_pointer (&self->local, json_node_unref);
  g_clear_pointer (&self->server, json_node_unref);
  g_strfreev (self->fields);
  g_hash_table_unref (self->followers);
  g_hash_table_unref (self->choices);

  G_OBJECT_CLASS (pd_sync_conflict_parent_class)->finalize (object);
}

static void
pd_sync_conflict_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PdSyncConflict *self = PD_SYNC_CONFLICT (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_string (value, self->kind);
      break;
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_TITLE:
      g_value_take_string (value, pd_sync_conflict_dup_title (self));
      break;
    case PROP_DECIDED:
      g_value_set_boolean (value, pd_sync_conflict_is_decided (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_sync_conflict_class_init (PdSyncConflictClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pd_sync_conflict_finalize;
  object_class->get_property = pd_sync_conflict_get_property;

  properties[PROP_KIND] =
    g_param_spec_string ("kind", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DECIDED] =
    g_param_spec_boolean ("decided", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pd_sync_conflict_init (PdSyncConflict *self)
{
  self->choices = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->followers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

static gboolean
slug_follows_name (JsonNode *record)
{
  JsonObject *object = json_node_get_object (record);
  const char *name = json_object_get_string_member_with_default (object, "name", NULL);
  const char *slug = json_object_get_string_member_with_default (object, "slug", NULL);
  g_autofree char *made = NULL;

  if (name == NULL || slug == NULL)
    return FALSE;
  made = pd_campaign_slugify (name);
  return g_str_equal (made, slug);
}

typedef struct {
  const char *kind;
  const char *field;
  const char *leader;
  gboolean  (*follows) (JsonNode *local);
} Follower;

static const Follower followers[] = {
  { "campaign", "slug", "name", slug_follows_name },
};

/* Sets the fields asked about: @fields, less those that followed a
 * field in dispute here. A follower is taken from the chosen side even
 * when only this side changed it: the platform's name comes with the
 * platform's web address. */
static void
set_fields (PdSyncConflict  *self,
            char           **fields)
{
  g_autoptr(GStrvBuilder) asked = g_strv_builder_new ();

  for (guint i = 0; i < G_N_ELEMENTS (followers); i++)
    if (g_str_equal (self->kind, followers[i].kind) && self->local != NULL && self->server != NULL &&
        JSON_NODE_HOLDS_OBJECT (self->local) && JSON_NODE_HOLDS_OBJECT (self->server) &&
        fields != NULL && g_strv_contains ((const char * const *) fields, followers[i].leader) &&
        followers[i].follows (self->local))
      g_hash_table_insert (self->followers, g_strdup (followers[i].field), g_strdup (followers[i].leader));

  for (guint i = 0; fields != NULL && fields[i] != NULL; i++)
    if (!g_hash_table_contains (self->followers, fields[i]))
      g_strv_builder_add (asked, fields[i]);
  self->fields = g_strv_builder_end (asked);
}

/**
 * pd_sync_conflict_new:
 * @local: (nullable): the local copy, %NULL if deleted here
 * @server: (nullable): the platform's copy, %NULL if deleted there
 * @fields: (nullable): dotted paths that were changed on both sides, as
 *   the store keeps them; those that only followed another are not asked
 *   about (see pd_sync_conflict_get_fields())
 *
 * Returns: (transfer full): a new conflict
 */
PdSyncConflict *
pd_sync_conflict_new (const char  *kind,
                      const char  *id,
                      JsonNode    *local,
                      JsonNode    *server,
                      char       **fields)
{
  PdSyncConflict *self;

  g_return_val_if_fail (kind != NULL && id != NULL, NULL);

  self = g_object_new (PD_TYPE_SYNC_CONFLICT, NULL);
  self->kind = g_strdup (kind);
  self->id = g_strdup (id);
  self->local = local != NULL && !JSON_NODE_HOLDS_NULL (local) ? json_node_copy (local) : NULL;
  self->server = server != NULL && !JSON_NODE_HOLDS_NULL (server) ? json_node_copy (server) : NULL;
  set_fields (self, fields);
  return self;
}

const char *
pd_sync_conflict_get_kind (PdSyncConflict *self)
{
  g_return_val_if_fail (PD_IS_SYNC_CONFLICT (self), NULL);
  return self->kind;
}

const char *
pd_sync_conflict_get_id (PdSyncConflict *self)
{
  g_return_val_if_fail (PD_IS_SYNC_CONFLICT (self), NULL);
  return self->id;
}

static const char *
node_title (JsonNode *node)
{
  static const char * const names[] = { "name", "title", "label" };
  JsonObject *object;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  object = json_node_get_object (node);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      JsonNode *member = json_object_get_member (object, names[i]);

      if (member != NULL && json_node_get_value_type (member) == G_TYPE_STRING)
        return json_node_get_string (member);
    }
  return NULL;
}

/**
 * pd_sync_conflict_dup_title:
 *
 * Returns: (transfer full): the record's name as the user knows it
 */
char *
pd_sync_conflict_dup_title (PdSyncConflict *self)
{
  const char *title;

  g_return_val_if_fail (PD_IS_SYNC_CONFLICT (self), NULL);

  title = node_title (self->local);
  if (title == NULL)
    title = node_title (self->server);
  return g_strdup (title != NULL ? title : self->id);
}

/**
 * pd_sync_conflict_get_fields:
 *
 * Returns: (transfer none): the dotted paths changed on both sides, to
 *   be asked about; empty when the record was deleted on one side and
 *   edited on the other
 */
const char * const *
pd_sync_conflict_get_fields (PdSyncConflict *self)
{
  g_return_val_if_fail (PD_IS_SYNC_CONFLICT (self), NULL);
  return (const char * const *) self->fields;
}

/**
 * pd_sync_conflict_dup_followers:
 * @field: a field from pd_sync_conflict_get_fields()
 *
 * Returns: (transfer full): the fields not asked about that take
 *   @field's choice (a campaign's web address that follows its name)
 */
char **
pd_sync_conflict_dup_followers (PdSyncConflict *self,
                                const char     *field)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GHashTableIter iter;
  gpointer follower, leader;

  g_return_val_if_fail (PD_IS_SYNC_CONFLICT (self), NULL);
  g_return_val_if_fail (field != NULL, NULL);

  g_hash_table_iter_init (&iter, self->followers);
  while (g_hash_table_iter_next (&iter, &follower, &leader))
    if (g_str_equal (leader, field))
      g_strv_builder_add (builder, follower);
  return g_strv_builder_end (builder);
}

gboolean
pd_sync_conflict_get_deleted_here (PdSyncConflict *self)
{
  g_return_val_if_fail (PD_IS_SYNC_CONFLICT (self), FALSE);
  return self->local == NULL;
}

gboolean
pd_sync_conflict_get_deleted_there (PdSyncConflict *self)
{
  g_return_val_if_fail (PD_IS_SYNC_CONFLICT (self), FALSE);
  return self->server == NULL;
}

/**
 * pd_sync_conflict_get_local:
 *
 * Returns: (transfer none) (nullable): the local copy
 */
JsonNode *
pd_sync_conflict_get_local (PdSyncConflict *self)
{
  g_return_val_if_fail (PD_IS_SYNC_CONFLICT (self), NULL);
  return self->local;
}

/**
 * pd_sync_conflict_get_server:
 *
 * Returns: (transfer none) (nullable): the platform's copy
 */
JsonNode *
pd_sync_conflict_get_server (PdSyncConflict *self)
{
  g_return_val_if_fail (PD_IS_SYNC_CONFLICT (self), NULL);
  return self->server;
}

/* Sets (or with @value %NULL removes) the member at @path, making the
 * objects on the way as needed. */
static void
set_path (JsonNode   *root,
          const char *path,
          JsonNode   *value)
{
  g_auto(GStrv) parts = g_strsplit (path, ".", -1);
  JsonObject *object = json_node_get_object (root);
  guint n = g_strv_length (parts);

  for (guint i = 0; i + 1 < n; i++)
    {
      JsonNode *child = json_object_get_member (object, parts[i]);

      if (child == NULL || !JSON_NODE_HOLDS_OBJECT (child))
        {
          if (value == NULL)
            return;
          json_object_set_object_member (object, parts[i], json_object_new ());
          child = json_object_get_member (object, parts[i]);
        }
      object = json_node_get_object (child);
    }

  if (value == NULL)
    json_object_remove_member (object, parts[n - 1]);
  else
    json_object_set_member (object, parts[n - 1], json_node_copy (value));
}

/**
 * pd_sync_conflict_get_local_value:
 *
 * Returns: (transfer none) (nullable): the local value at @field
 */
JsonNode *
pd_sync_conflict_get_local_value (PdSyncConflict *self,
                                  const char     *field)
{
  g_return_val_if_fail (PD_IS_SYNC_CONFLICT (self), NULL);
  return pd_json_lookup_path (self->local, field);
}

/**
 * pd_sync_conflict_get_server_value:
 *
 * Returns: (transfer none) (nullable): the platform's value at @field
 */
JsonNode *
pd_sync_conflict_get_server_value (PdSyncConflict *self,
                                   const char     *field)
{
  g_return_val_if_fail (PD_IS_SYNC_CONFLICT (self), NULL);
  return pd_json_lookup_path (self->server, field);
}

/**
 * pd_sync_conflict_choose:
 * @field: a field from pd_sync_conflict_get_fields()
 *
 * Records which side wins @field.
 */
void
pd_sync_conflict_choose (PdSyncConflict   *self,
                         const char       *field,
                         PdConflictChoice  choice)
{
  g_return_if_fail (PD_IS_SYNC_CONFLICT (self));
  g_return_if_fail (field != NULL);

  g_hash_table_replace (self->choices, g_strdup (field), GINT_TO_POINTER (choice));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DECIDED]);
}

/* For a deleted record there are no fields: the choice is the record's. */
void
pd_sync_conflict_choose_all (PdSyncConflict   *self,
                             PdConflictChoice  choice)
{
  g_return_if_fail (PD_IS_SYNC_CONFLICT (self));

  g_hash_table_replace (self->choices, g_strdup (WHOLE_RECORD), GINT_TO_POINTER (choice));
  for (guint i = 0; self->fields[i] != NULL; i++)
    g_hash_table_replace (self->choices, g_strdup (self->fields[i]), GINT_TO_POINTER (choice));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DECIDED]);
}

PdConflictChoice
pd_sync_conflict_get_choice (PdSyncConflict *self,
                             const char     *field)
{
  g_return_val_if_fail (PD_IS_SYNC_CONFLICT (self), PD_CONFLICT_CHOICE_NONE);

  return GPOINTER_TO_INT (g_hash_table_lookup (self->choices, field));
}

static gboolean
is_deletion (PdSyncConflict *self)
{
  return self->local == NULL || self->server == NULL;
}

gboolean
pd_sync_conflict_is_decided (PdSyncConflict *self)
{
  g_return_val_if_fail (PD_IS_SYNC_CONFLICT (self), FALSE);

  if (is_deletion (self))
    return pd_sync_conflict_get_choice (self, WHOLE_RECORD) != PD_CONFLICT_CHOICE_NONE;

  for (guint i = 0; self->fields[i] != NULL; i++)
    if (pd_sync_conflict_get_choice (self, self->fields[i]) == PD_CONFLICT_CHOICE_NONE)
      return FALSE;
  return TRUE;
}

/**
 * pd_sync_conflict_build_resolution:
 *
 * Returns: (transfer full) (nullable): the record as the user decided,
 *   %NULL when the decision is to delete it; only call when decided
 */
JsonNode *
pd_sync_conflict_build_resolution (PdSyncConflict *self)
{
  JsonNode *resolved;
  GHashTableIter iter;
  gpointer follower, leader;

  g_return_val_if_fail (PD_IS_SYNC_CONFLICT (self), NULL);
  g_return_val_if_fail (pd_sync_conflict_is_decided (self), NULL);

  if (is_deletion (self))
    {
      JsonNode *winner = pd_sync_conflict_get_choice (self, WHOLE_RECORD) == PD_CONFLICT_CHOICE_MINE
                         ? self->local : self->server;

      return winner != NULL ? json_node_copy (winner) : NULL;
    }

  /* The local copy already holds every change that did not collide; only
   * the fields in dispute are taken from the chosen side. */
  resolved = pd_json_deep_copy (self->local);
  for (guint i = 0; self->fields[i] != NULL; i++)
    if (pd_sync_conflict_get_choice (self, self->fields[i]) == PD_CONFLICT_CHOICE_THEIRS)
      set_path (resolved, self->fields[i], pd_json_lookup_path (self->server, self->fields[i]));

  g_hash_table_iter_init (&iter, self->followers);
  while (g_hash_table_iter_next (&iter, &follower, &leader))
    if (pd_sync_conflict_get_choice (self, leader) == PD_CONFLICT_CHOICE_THEIRS)
      set_path (resolved, follower, pd_json_lookup_path (self->server, follower));

  return resolved;
}

/* Whether both describe the same conflict with the same sides. */
gboolean
_pd_sync_conflict_equal (PdSyncConflict *a,
                         PdSyncConflict *b)
{
  guint n;

  if (!g_str_equal (a->kind, b->kind) || !g_str_equal (a->id, b->id) ||
      !pd_json_equal (a->local, b->local) || !pd_json_equal (a->server, b->server))
    return FALSE;

  n = g_strv_length (a->fields);
  if (n != g_strv_length (b->fields))
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (!g_str_equal (a->fields[i], b->fields[i]))
      return FALSE;
  return TRUE;
}

/* Takes over the choices made in @old, the same record's conflict before
 * a save here, for each field whose two values are still the ones the
 * user chose between: an edit of another field must not undo them. */
void
_pd_sync_conflict_carry_choices (PdSyncConflict *self,
                                 PdSyncConflict *old)
{
  gboolean carried = FALSE;

  g_return_if_fail (PD_IS_SYNC_CONFLICT (self) && PD_IS_SYNC_CONFLICT (old));

  if (!g_str_equal (self->kind, old->kind) || !g_str_equal (self->id, old->id) ||
      !pd_json_equal (self->server, old->server) || is_deletion (self) != is_deletion (old))
    return;

  if (is_deletion (self))
    {
      PdConflictChoice choice = pd_sync_conflict_get_choice (old, WHOLE_RECORD);

      if (choice != PD_CONFLICT_CHOICE_NONE && pd_json_equal (self->local, old->local))
        pd_sync_conflict_choose_all (self, choice);
      return;
    }

  for (guint i = 0; self->fields[i] != NULL; i++)
    {
      const char *field = self->fields[i];
      PdConflictChoice choice = pd_sync_conflict_get_choice (old, field);
      gboolean same = pd_json_equal (pd_json_lookup_path (self->local, field),
                                     pd_json_lookup_path (old->local, field));
      GHashTableIter iter;
      gpointer follower, leader;

      g_hash_table_iter_init (&iter, self->followers);
      while (same && g_hash_table_iter_next (&iter, &follower, &leader))
        if (g_str_equal (leader, field))
          same = g_strcmp0 (g_hash_table_lookup (old->followers, follower), field) == 0 &&
                 pd_json_equal (pd_json_lookup_path (self->local, follower),
                                pd_json_lookup_path (old->local, follower));

      if (choice != PD_CONFLICT_CHOICE_NONE && same &&
          g_strv_contains ((const char * const *) old->fields, field))
        {
          g_hash_table_replace (self->choices, g_strdup (field), GINT_TO_POINTER (choice));
          carried = TRUE;
        }
    }
  if (carried)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DECIDED]);
}
