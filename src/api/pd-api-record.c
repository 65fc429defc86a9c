/* pd-api-record.c: what the platform sends back, checked
 *
 * Every answer is checked against the contract before anything is handed
 * to the store: a missing or mistyped field is a clear error and nothing is
 * written, while fields we do not know are ignored so that a newer platform
 * does not break an older app.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-api"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-api-error.h"
#include "pd-api-record.h"

typedef enum {
  T_STRING,
  T_INT,
  T_OBJECT,
  T_ARRAY,
} FieldType;

typedef struct {
  const char *name;
  FieldType   type;
  gboolean    optional;
} FieldSpec;

static const FieldSpec campaign_fields[] = {
  { "name", T_STRING }, { "slug", T_STRING }, { "status", T_STRING },
  { "starts_at", T_STRING }, { "ends_at", T_STRING }, { "time_zone", T_STRING },
  { "currency", T_STRING }, { "coin_value_micros", T_INT },
  { "voucher_budget_coins", T_INT }, { "funding_type", T_STRING },
  { "theme_id", T_STRING, TRUE }, { "default_language", T_STRING },
  { "texts", T_OBJECT }, { "projects", T_ARRAY }, { "page_blocks", T_ARRAY },
  { NULL }
};

static const FieldSpec project_fields[] = {
  { "title", T_STRING }, { "organisation", T_STRING },
  { "description", T_STRING }, { "category", T_STRING },
  { "location", T_STRING }, { "website", T_STRING, TRUE },
  { "image_sha256", T_STRING, TRUE }, { "default_target_coins", T_INT },
  { "source", T_STRING },
  { NULL }
};

static const FieldSpec theme_fields[] = {
  { "name", T_STRING }, { "colors", T_OBJECT }, { "logo_sha256", T_STRING },
  { "hero_sha256", T_STRING, TRUE }, { "font_family", T_STRING },
  { "corner_radius", T_INT },
  { NULL }
};

static const FieldSpec voucher_batch_fields[] = {
  { "campaign_id", T_STRING }, { "label", T_STRING }, { "count", T_INT },
  { "coins_per_voucher", T_INT }, { "expires_at", T_STRING },
  { NULL }
};

static const struct {
  const char      *kind;
  const char      *collection;
  const FieldSpec *fields;
} kinds[] = {
  { "campaign", "campaigns", campaign_fields },
  { "project", "projects", project_fields },
  { "theme", "themes", theme_fields },
  { "voucher-batch", "voucher-batches", voucher_batch_fields },
};

static const FieldSpec *
fields_for_kind (const char *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (kinds[i].kind, kind) == 0)
      return kinds[i].fields;
  return NULL;
}

/**
 * pd_api_kind_to_collection:
 *
 * Returns: (nullable): the path segment of @kind's collection
 */
const char *
pd_api_kind_to_collection (const char *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (kinds[i].kind, kind) == 0)
      return kinds[i].collection;
  return NULL;
}

gboolean
pd_api_kind_is_valid (const char *kind)
{
  return fields_for_kind (kind) != NULL;
}

static gboolean
node_has_type (JsonNode  *node,
               FieldType  type)
{
  switch (type)
    {
    case T_STRING:
      return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
    case T_INT:
      return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64;
    case T_OBJECT:
      return JSON_NODE_HOLDS_OBJECT (node);
    case T_ARRAY:
      return JSON_NODE_HOLDS_ARRAY (node);
    default:
      g_assert_not_reached ();
    }
}

static const char *
type_name (FieldType type)
{
  switch (type)
    {
    case T_STRING: return "string";
    case T_INT: return "integer";
    case T_OBJECT: return "object";
    case T_ARRAY: return "array";
    default: g_assert_not_reached ();
    }
}

static gboolean
check_member (JsonObject  *object,
              const char  *name,
              FieldType    type,
              gboolean     optional,
              const char  *where,
              GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (optional)
        return TRUE;
      g_propagate_error (error,
                         _pd_api_error_new_invalid_response ("%s: field “%s” is missing", where, name));
      return FALSE;
    }

  if (!node_has_type (node, type))
    {
      g_propagate_error (error,
                         _pd_api_error_new_invalid_response ("%s: field “%s” is not a %s",
                                                             where, name, type_name (type)));
      return FALSE;
    }

  return TRUE;
}

/* The nested lists are checked too, since the editor indexes into them. */
static gboolean
check_array_of (JsonObject       *object,
                const char       *name,
                const FieldSpec  *item_fields,
                const char       *where,
                GError          **error)
{
  JsonNode *node = json_object_get_member (object, name);
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return TRUE;

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      g_autofree char *item_where = g_strdup_printf ("%s.%s[%u]", where, name, i);

      if (!JSON_NODE_HOLDS_OBJECT (item))
        {
          g_propagate_error (error,
                             _pd_api_error_new_invalid_response ("%s is not an object", item_where));
          return FALSE;
        }
      for (const FieldSpec *f = item_fields; f->name != NULL; f++)
        if (!check_member (json_node_get_object (item), f->name, f->type, f->optional,
                           item_where, error))
          return FALSE;
    }

  return TRUE;
}

static const FieldSpec campaign_project_fields[] = {
  { "project_id", T_STRING }, { "target_coins", T_INT }, { NULL }
};

static const FieldSpec page_block_fields[] = {
  { "id", T_STRING }, { "type", T_STRING }, { "properties", T_OBJECT, TRUE }, { NULL }
};

/**
 * pd_api_validate_fields:
 * @partial: whether only the fields present are checked (a merge patch)
 *
 * Checks the fields of a record of @kind against the contract.
 */
gboolean
pd_api_validate_fields (const char  *kind,
                        JsonObject  *object,
                        gboolean     partial,
                        GError     **error)
{
  const FieldSpec *fields = fields_for_kind (kind);

  g_return_val_if_fail (object != NULL, FALSE);

  if (fields == NULL)
    {
      g_propagate_error (error,
                         _pd_api_error_new_invalid_response ("unknown kind “%s”", kind));
      return FALSE;
    }

  for (const FieldSpec *f = fields; f->name != NULL; f++)
    {
      if (partial && !json_object_has_member (object, f->name))
        continue;
      if (!check_member (object, f->name, f->type, f->optional || partial, kind, error))
        return FALSE;
    }

  if (g_str_equal (kind, "campaign"))
    return check_array_of (object, "projects", campaign_project_fields, kind, error) &&
           check_array_of (object, "page_blocks", page_block_fields, kind, error);

  return TRUE;
}

/**
 * pd_api_record_new_from_json:
 *
 * Returns: (transfer full): the record, or %NULL with @error set
 */
PdApiRecord *
pd_api_record_new_from_json (const char  *kind,
                             JsonNode    *node,
                             GError     **error)
{
  g_autoptr(PdApiRecord) record = NULL;
  JsonObject *object;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_propagate_error (error, _pd_api_error_new_invalid_response ("%s is not an object", kind));
      return NULL;
    }

  object = json_node_get_object (node);
  if (!check_member (object, "id", T_STRING, FALSE, kind, error) ||
      !check_member (object, "revision", T_INT, FALSE, kind, error) ||
      !check_member (object, "updated_at", T_STRING, FALSE, kind, error) ||
      !pd_api_validate_fields (kind, object, FALSE, error))
    return NULL;

  record = g_new0 (PdApiRecord, 1);
  record->kind = g_strdup (kind);
  record->id = g_strdup (json_object_get_string_member (object, "id"));
  record->revision = json_object_get_int_member (object, "revision");
  record->updated_at = g_strdup (json_object_get_string_member (object, "updated_at"));
  record->object = json_object_ref (object);

  return g_steal_pointer (&record);
}

PdApiRecord *
pd_api_record_copy (const PdApiRecord *record)
{
  PdApiRecord *copy = g_new0 (PdApiRecord, 1);

  copy->kind = g_strdup (record->kind);
  copy->id = g_strdup (record->id);
  copy->revision = record->revision;
  copy->updated_at = g_strdup (record->updated_at);
  copy->object = json_object_ref (record->object);
  return copy;
}

void
pd_api_record_free (PdApiRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->kind);
  g_free (record->id);
  g_free (record->updated_at);
  g_clear_pointer (&record->object, json_object_unref);
  g_free (record);
}

G_DEFINE_BOXED_TYPE (PdApiRecord, pd_api_record, pd_api_record_copy, pd_api_record_free)

static void
pd_api_change_free (gpointer data)
{
  PdApiChange *change = data;

  g_free (change->kind);
  g_free (change->id);
  g_clear_pointer (&change->record, pd_api_record_free);
  g_clear_pointer (&change->voucher, json_object_unref);
  g_free (change);
}

void
pd_api_change_page_free (PdApiChangePage *page)
{
  if (page == NULL)
    return;
  g_clear_pointer (&page->changes, g_ptr_array_unref);
  g_clear_pointer (&page->raw, json_array_unref);
  g_free (page->next_cursor);
  g_free (page);
}

PdApiChangePage *
pd_api_change_page_copy (const PdApiChangePage *page)
{
  PdApiChangePage *copy = g_new0 (PdApiChangePage, 1);

  copy->changes = g_ptr_array_ref (page->changes);
  copy->raw = page->raw != NULL ? json_array_ref (page->raw) : NULL;
  copy->next_cursor = g_strdup (page->next_cursor);
  copy->has_more = page->has_more;
  return copy;
}

G_DEFINE_BOXED_TYPE (PdApiChangePage, pd_api_change_page,
                     pd_api_change_page_copy, pd_api_change_page_free)

/**
 * pd_api_change_page_new_from_json:
 *
 * Changes of kinds this version does not know are skipped, so that a newer
 * platform can add kinds.
 *
 * Returns: (transfer full): the page, or %NULL with @error set
 */
PdApiChangePage *
pd_api_change_page_new_from_json (JsonNode  *node,
                                  GError   **error)
{
  g_autoptr(PdApiChangePage) page = NULL;
  JsonObject *object;
  JsonArray *changes;
  JsonNode *cursor;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_propagate_error (error, _pd_api_error_new_invalid_response ("the change feed is not an object"));
      return NULL;
    }

  object = json_node_get_object (node);
  if (!check_member (object, "changes", T_ARRAY, FALSE, "changes", error))
    return NULL;

  cursor = json_object_get_member (object, "next_cursor");
  if (cursor == NULL || !JSON_NODE_HOLDS_VALUE (cursor) ||
      json_node_get_value_type (cursor) != G_TYPE_STRING)
    {
      g_propagate_error (error, _pd_api_error_new_invalid_response ("changes: field “next_cursor” is missing"));
      return NULL;
    }

  if (!json_object_has_member (object, "has_more") ||
      json_node_get_value_type (json_object_get_member (object, "has_more")) != G_TYPE_BOOLEAN)
    {
      g_propagate_error (error, _pd_api_error_new_invalid_response ("changes: field “has_more” is missing"));
      return NULL;
    }

  page = g_new0 (PdApiChangePage, 1);
  page->changes = g_ptr_array_new_with_free_func (pd_api_change_free);
  page->next_cursor = g_strdup (json_node_get_string (cursor));
  page->has_more = json_object_get_boolean_member (object, "has_more");

  changes = json_object_get_array_member (object, "changes");
  page->raw = json_array_ref (changes);
  for (guint i = 0; i < json_array_get_length (changes); i++)
    {
      JsonNode *item = json_array_get_element (changes, i);
      JsonObject *obj;
      PdApiChange *change;
      const char *kind;
      gboolean deleted = FALSE;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        {
          g_propagate_error (error, _pd_api_error_new_invalid_response ("changes[%u] is not an object", i));
          return NULL;
        }
      obj = json_node_get_object (item);
      if (!check_member (obj, "kind", T_STRING, FALSE, "change", error) ||
          !check_member (obj, "id", T_STRING, FALSE, "change", error))
        return NULL;

      kind = json_object_get_string_member (obj, "kind");
      if (json_object_has_member (obj, "deleted"))
        {
          JsonNode *d = json_object_get_member (obj, "deleted");

          if (!JSON_NODE_HOLDS_VALUE (d) || json_node_get_value_type (d) != G_TYPE_BOOLEAN)
            {
              g_propagate_error (error, _pd_api_error_new_invalid_response ("change: field “deleted” is not a boolean"));
              return NULL;
            }
          deleted = json_node_get_boolean (d);
        }

      if (!g_str_equal (kind, "voucher") && !pd_api_kind_is_valid (kind))
        continue;

      change = g_new0 (PdApiChange, 1);
      change->kind = g_strdup (kind);
      change->id = g_strdup (json_object_get_string_member (obj, "id"));
      change->deleted = deleted;
      g_ptr_array_add (page->changes, change);

      if (json_object_has_member (obj, "revision"))
        {
          if (!check_member (obj, "revision", T_INT, FALSE, "change", error))
            return NULL;
          change->revision = json_object_get_int_member (obj, "revision");
        }

      if (deleted)
        continue;

      if (g_str_equal (kind, "voucher"))
        {
          if (!check_member (obj, "record", T_OBJECT, FALSE, "change", error))
            return NULL;
          change->voucher = json_object_ref (json_object_get_object_member (obj, "record"));
          continue;
        }

      change->record = pd_api_record_new_from_json (kind, json_object_get_member (obj, "record"), error);
      if (change->record == NULL)
        return NULL;
      change->revision = change->record->revision;
    }

  return g_steal_pointer (&page);
}

void
pd_api_session_free (PdApiSession *session)
{
  if (session == NULL)
    return;
  /* The token is a secret: do not leave it in freed memory. */
  if (session->token != NULL)
    memset (session->token, 0, strlen (session->token));
  g_free (session->token);
  g_free (session->expires_at);
  g_free (session->tenant_id);
  g_free (session->tenant_name);
  g_free (session->user_id);
  g_free (session->user_email);
  g_free (session->user_name);
  g_free (session->donor_page_url);
  g_free (session);
}

PdApiSession *
pd_api_session_copy (const PdApiSession *session)
{
  PdApiSession *copy = g_new0 (PdApiSession, 1);

  copy->token = g_strdup (session->token);
  copy->expires_at = g_strdup (session->expires_at);
  copy->tenant_id = g_strdup (session->tenant_id);
  copy->tenant_name = g_strdup (session->tenant_name);
  copy->user_id = g_strdup (session->user_id);
  copy->user_email = g_strdup (session->user_email);
  copy->user_name = g_strdup (session->user_name);
  copy->donor_page_url = g_strdup (session->donor_page_url);
  return copy;
}

G_DEFINE_BOXED_TYPE (PdApiSession, pd_api_session, pd_api_session_copy, pd_api_session_free)

/* The tenant's donor pages: printed on every voucher, so only an absolute
 * https:// address is taken; anything else (or an older platform that
 * sends none) leaves it unknown rather than failing the sign-in. */
static char *
donor_page_url (JsonObject *tenant)
{
  const char *url = json_object_get_string_member_with_default (tenant, "donor_page_url", NULL);
  g_autoptr(GUri) uri = NULL;

  if (url == NULL || !g_str_has_prefix (url, "https://"))
    return NULL;
  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0' ||
      g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL)
    return NULL;
  return g_str_has_suffix (url, "/") ? g_strdup (url) : g_strconcat (url, "/", NULL);
}

/**
 * pd_api_session_new_from_json:
 *
 * Reads the answer of `POST /v1/session` (with a token) or `GET /v1/me`
 * (without one).
 *
 * Returns: (transfer full): the session, or %NULL with @error set
 */
PdApiSession *
pd_api_session_new_from_json (JsonNode  *node,
                              GError   **error)
{
  g_autoptr(PdApiSession) session = NULL;
  JsonObject *object, *tenant, *user;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_propagate_error (error, _pd_api_error_new_invalid_response ("the session is not an object"));
      return NULL;
    }

  object = json_node_get_object (node);
  if (!check_member (object, "tenant", T_OBJECT, FALSE, "session", error) ||
      !check_member (object, "user", T_OBJECT, FALSE, "session", error) ||
      !check_member (object, "token", T_STRING, TRUE, "session", error) ||
      !check_member (object, "expires_at", T_STRING, TRUE, "session", error))
    return NULL;

  tenant = json_object_get_object_member (object, "tenant");
  user = json_object_get_object_member (object, "user");
  if (!check_member (tenant, "id", T_STRING, FALSE, "tenant", error) ||
      !check_member (tenant, "name", T_STRING, FALSE, "tenant", error) ||
      !check_member (user, "id", T_STRING, FALSE, "user", error) ||
      !check_member (user, "email", T_STRING, FALSE, "user", error) ||
      !check_member (user, "name", T_STRING, TRUE, "user", error))
    return NULL;

  session = g_new0 (PdApiSession, 1);
  session->token = g_strdup (json_object_get_string_member_with_default (object, "token", NULL));
  session->expires_at = g_strdup (json_object_get_string_member_with_default (object, "expires_at", NULL));
  session->tenant_id = g_strdup (json_object_get_string_member (tenant, "id"));
  session->tenant_name = g_strdup (json_object_get_string_member (tenant, "name"));
  session->user_id = g_strdup (json_object_get_string_member (user, "id"));
  session->user_email = g_strdup (json_object_get_string_member (user, "email"));
  session->user_name = g_strdup (json_object_get_string_member_with_default (user, "name", ""));
  session->donor_page_url = donor_page_url (tenant);

  return g_steal_pointer (&session);
}
