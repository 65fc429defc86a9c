/* pd-platform-validate.c: the fields of each kind of record
 *
 * Validation returns the record with the known fields only: unknown fields
 * are dropped without complaint (clients newer than the server may send
 * them), known fields are checked and every problem is reported at once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-platform-validate"

#include "pd-platform.h"

#include <string.h>

typedef enum
{
  F_STRING,
  F_SLUG,
  F_ENUM,
  F_DATETIME,
  F_TIMEZONE,
  F_CURRENCY,
  F_LANGUAGE,
  F_INT,
  F_UUID,
  F_SHA256,
  F_URL,
  F_COLORS,
  F_TEXTS,
  F_CAMPAIGN_PROJECTS,
  F_PAGE_BLOCKS,
} FieldType;

typedef struct
{
  const char  *name;
  FieldType    type;
  gboolean     optional;
  gint64       min;
  gint64       max;
  const char  *values; /* F_ENUM: space-separated */
} FieldSpec;

static const FieldSpec campaign_fields[] = {
  { "name", F_STRING, FALSE, 1, 200 },
  { "slug", F_SLUG, FALSE, 1, 100 },
  { "starts_at", F_DATETIME },
  { "ends_at", F_DATETIME },
  { "time_zone", F_TIMEZONE },
  { "currency", F_CURRENCY },
  { "coin_value_micros", F_INT, FALSE, 1, G_GINT64_CONSTANT (1000000000000) },
  { "voucher_budget_coins", F_INT, FALSE, 0, PD_COINS_MAX },
  { "funding_type", F_ENUM, FALSE, 0, 0, "donation sponsorship" },
  { "theme_id", F_UUID, TRUE },
  { "default_language", F_LANGUAGE },
  { "texts", F_TEXTS },
  { "projects", F_CAMPAIGN_PROJECTS },
  { "page_blocks", F_PAGE_BLOCKS },
};

static const FieldSpec project_fields[] = {
  { "title", F_STRING, FALSE, 1, 200 },
  { "organisation", F_STRING, FALSE, 1, 200 },
  { "description", F_STRING, FALSE, 0, 10000 },
  { "category", F_STRING, FALSE, 1, 100 },
  { "location", F_STRING, FALSE, 0, 200 },
  { "website", F_URL, TRUE },
  { "image_sha256", F_SHA256, TRUE },
  { "default_target_coins", F_INT, FALSE, 1, PD_COINS_MAX },
  { "source", F_ENUM, FALSE, 0, 0, "catalogue client" },
  { "language", F_LANGUAGE, TRUE },
};

static const FieldSpec theme_fields[] = {
  { "name", F_STRING, FALSE, 1, 200 },
  { "colors", F_COLORS },
  { "logo_sha256", F_SHA256 },
  { "hero_sha256", F_SHA256, TRUE },
  { "font_family", F_STRING, FALSE, 1, 100 },
  { "corner_radius", F_INT, FALSE, 0, 48 },
};

static const FieldSpec batch_fields[] = {
  { "campaign_id", F_UUID },
  { "label", F_STRING, FALSE, 1, 200 },
  { "count", F_INT, FALSE, 1, 1000000 },
  { "coins_per_voucher", F_INT, FALSE, 1, 1000000000 },
  { "expires_at", F_DATETIME },
};

static const char *
string_of (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
is_int (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64;
}

static gboolean
check_string (JsonArray  *errors,
              const char *field,
              JsonNode   *node,
              gint64      min,
              gint64      max)
{
  const char *text = string_of (node);
  glong len;

  if (text == NULL)
    {
      pd_field_error (errors, field, "must be a string");
      return FALSE;
    }
  len = g_utf8_strlen (text, -1);
  if (len < min || len > max)
    {
      pd_field_error (errors, field, "must be %" G_GINT64_FORMAT " to %" G_GINT64_FORMAT " characters long", min, max);
      return FALSE;
    }
  return TRUE;
}

static gboolean
is_color (const char *text)
{
  if (text == NULL || strlen (text) != 7 || text[0] != '#')
    return FALSE;
  for (guint i = 1; i < 7; i++)
    if (!g_ascii_isxdigit (text[i]))
      return FALSE;
  return TRUE;
}

static gboolean
is_language (const char *text)
{
  return text != NULL && g_regex_match_simple ("^[a-z]{2,3}(-[A-Z]{2})?$", text, 0, 0);
}

static void
check_texts (JsonArray *errors,
             JsonNode  *node)
{
  JsonObject *texts;
  g_autoptr(GList) languages = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      pd_field_error (errors, "texts", "must be an object keyed by language");
      return;
    }
  texts = json_node_get_object (node);
  languages = json_object_get_members (texts);
  for (GList *l = languages; l != NULL; l = l->next)
    {
      const char *language = l->data;
      JsonNode *entry = json_object_get_member (texts, language);
      g_autofree char *prefix = g_strdup_printf ("texts.%s", language);
      static const char *const keys[] = { "title", "intro", "thank_you" };
      JsonObject *object;
      JsonNode *faq;

      if (!is_language (language))
        pd_field_error (errors, prefix, "is not a language code");
      if (!JSON_NODE_HOLDS_OBJECT (entry))
        {
          pd_field_error (errors, prefix, "must be an object");
          continue;
        }
      object = json_node_get_object (entry);
      for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
        {
          JsonNode *value = json_object_get_member (object, keys[k]);
          g_autofree char *field = g_strdup_printf ("%s.%s", prefix, keys[k]);

          if (value != NULL)
            check_string (errors, field, value, 0, 20000);
        }
      faq = json_object_get_member (object, "faq");
      if (faq != NULL && !JSON_NODE_HOLDS_ARRAY (faq))
        {
          g_autofree char *field = g_strdup_printf ("%s.faq", prefix);

          pd_field_error (errors, field, "must be a list of questions and answers");
        }
      else if (faq != NULL)
        {
          JsonArray *items = json_node_get_array (faq);

          for (guint i = 0; i < json_array_get_length (items); i++)
            {
              JsonNode *item = json_array_get_element (items, i);
              g_autofree char *field = g_strdup_printf ("%s.faq[%u]", prefix, i);

              if (!JSON_NODE_HOLDS_OBJECT (item) ||
                  string_of (json_object_get_member (json_node_get_object (item), "question")) == NULL ||
                  string_of (json_object_get_member (json_node_get_object (item), "answer")) == NULL)
                pd_field_error (errors, field, "needs a question and an answer");
            }
        }
    }
}

static void
check_campaign_projects (JsonArray *errors,
                         JsonNode  *node)
{
  JsonArray *items;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      pd_field_error (errors, "projects", "must be a list");
      return;
    }
  items = json_node_get_array (node);
  if (json_array_get_length (items) > 500)
    pd_field_error (errors, "projects", "may hold at most 500 projects");
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonNode *item = json_array_get_element (items, i);
      JsonObject *object;
      const char *project_id;
      JsonNode *target;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        {
          g_autofree char *field = g_strdup_printf ("projects[%u]", i);

          pd_field_error (errors, field, "must be an object");
          continue;
        }
      object = json_node_get_object (item);
      project_id = string_of (json_object_get_member (object, "project_id"));
      target = json_object_get_member (object, "target_coins");
      if (!pd_is_uuid (project_id))
        {
          g_autofree char *field = g_strdup_printf ("projects[%u].project_id", i);

          pd_field_error (errors, field, "must be a UUID");
        }
      else if (!g_hash_table_add (seen, (gpointer) project_id))
        {
          g_autofree char *field = g_strdup_printf ("projects[%u].project_id", i);

          pd_field_error (errors, field, "is listed twice");
        }
      if (!is_int (target) || json_node_get_int (target) < 1 || json_node_get_int (target) > PD_COINS_MAX)
        {
          g_autofree char *field = g_strdup_printf ("projects[%u].target_coins", i);

          pd_field_error (errors, field, "must be a whole number of coins from 1 to %" G_GINT64_FORMAT,
                          PD_COINS_MAX);
        }
    }
}

static void
check_page_blocks (JsonArray *errors,
                   JsonNode  *node)
{
  JsonArray *items;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      pd_field_error (errors, "page_blocks", "must be a list");
      return;
    }
  items = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonNode *item = json_array_get_element (items, i);
      JsonObject *object = JSON_NODE_HOLDS_OBJECT (item) ? json_node_get_object (item) : NULL;
      JsonNode *properties = object ? json_object_get_member (object, "properties") : NULL;
      g_autofree char *field = g_strdup_printf ("page_blocks[%u]", i);

      const char *type = object ? string_of (json_object_get_member (object, "type")) : NULL;

      if (object == NULL ||
          string_of (json_object_get_member (object, "id")) == NULL ||
          type == NULL || type[0] == '\0' ||
          (properties != NULL && !JSON_NODE_HOLDS_OBJECT (properties)))
        pd_field_error (errors, field, "needs an id, a type and an object of properties");
    }
}

static void
check_colors (JsonArray *errors,
              JsonNode  *node)
{
  static const char *const keys[] = { "primary", "accent", "background", "text" };
  JsonObject *object;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      pd_field_error (errors, "colors", "must be an object");
      return;
    }
  object = json_node_get_object (node);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    if (!is_color (string_of (json_object_get_member (object, keys[i]))))
      {
        g_autofree char *field = g_strdup_printf ("colors.%s", keys[i]);

        pd_field_error (errors, field, "must be a colour as #rrggbb");
      }
}

/* g_time_zone_new_identifier() takes any path below the zoneinfo folder
 * ("../../usr/share/zoneinfo/UTC"), absolute paths and POSIX TZ strings
 * ("UTC+1"), and warns about a file that is no zone (/etc/passwd), so
 * whether a name was taken told whether a file exists on the server. IANA
 * names are segments of letters, digits, '_', '+' and '-', each starting
 * with a letter ("Etc/GMT+5", "America/Port-au-Prince"): that leaves no
 * '.', no absolute path and no offset. Only such a name that names a
 * compiled zone (TZif) in the zoneinfo folder reaches GLib. */
static GTimeZone *
iana_time_zone_new (const char *text)
{
  const char *tzdir = g_getenv ("TZDIR");
  gboolean segment_start = TRUE;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  gsize len;

  if (text == NULL)
    return NULL;
  len = strlen (text);
  if (len == 0 || len > 64 || text[len - 1] == '/')
    return NULL;
  for (const char *p = text; *p != '\0'; p++)
    {
      if (segment_start && !g_ascii_isalpha (*p))
        return NULL;
      segment_start = *p == '/';
      if (!g_ascii_isalnum (*p) && *p != '_' && *p != '+' && *p != '-' && *p != '/')
        return NULL;
    }
  /* files in the zoneinfo folder that are no zone of their own */
  if (g_str_equal (text, "localtime") || g_str_equal (text, "posixrules") || g_str_equal (text, "Factory"))
    return NULL;

  path = g_build_filename (tzdir != NULL && g_path_is_absolute (tzdir) ? tzdir : "/usr/share/zoneinfo", text, NULL);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR) ||
      !g_file_get_contents (path, &contents, &len, NULL) || len < 44 || memcmp (contents, "TZif", 4) != 0)
    return NULL;
  return g_time_zone_new_identifier (text);
}

static void
check_field (PdTenant        *tenant,
             const FieldSpec *spec,
             JsonNode        *node,
             JsonArray       *errors)
{
  const char *text = string_of (node);

  switch (spec->type)
    {
    case F_STRING:
      check_string (errors, spec->name, node, spec->min, spec->max);
      break;
    case F_SLUG:
      if (check_string (errors, spec->name, node, spec->min, spec->max) &&
          !g_regex_match_simple ("^[a-z0-9]+(-[a-z0-9]+)*$", text, 0, 0))
        pd_field_error (errors, spec->name, "may hold lowercase letters, digits and single hyphens");
      break;
    case F_ENUM:
      {
        g_auto(GStrv) values = g_strsplit (spec->values, " ", -1);

        if (text == NULL || !g_strv_contains ((const char * const *) values, text))
          pd_field_error (errors, spec->name, "must be one of: %s", spec->values);
      }
      break;
    case F_DATETIME:
      {
        g_autoptr(GDateTime) when = text ? g_date_time_new_from_iso8601 (text, NULL) : NULL;

        if (when == NULL || strchr (text, 'T') == NULL)
          pd_field_error (errors, spec->name, "must be an RFC 3339 date and time with an offset");
      }
      break;
    case F_TIMEZONE:
      {
        GTimeZone *zone = iana_time_zone_new (text);

        if (zone == NULL)
          pd_field_error (errors, spec->name, "must be an IANA time zone such as Europe/Berlin");
        g_clear_pointer (&zone, g_time_zone_unref);
      }
      break;
    case F_CURRENCY:
      if (text == NULL || !g_regex_match_simple ("^[A-Z]{3}$", text, 0, 0))
        pd_field_error (errors, spec->name, "must be an ISO 4217 code such as EUR");
      break;
    case F_LANGUAGE:
      if (!is_language (text))
        pd_field_error (errors, spec->name, "must be a language code such as de");
      break;
    case F_INT:
      if (!is_int (node) || json_node_get_int (node) < spec->min || json_node_get_int (node) > spec->max)
        pd_field_error (errors, spec->name, "must be a whole number from %" G_GINT64_FORMAT " to %" G_GINT64_FORMAT,
                        spec->min, spec->max);
      break;
    case F_UUID:
      if (!pd_is_uuid (text))
        pd_field_error (errors, spec->name, "must be a UUID");
      break;
    case F_SHA256:
      if (!pd_is_sha256 (text))
        pd_field_error (errors, spec->name, "must be a lowercase hex SHA-256");
      break;
    case F_URL:
      if (text == NULL || !(g_str_has_prefix (text, "https://") || g_str_has_prefix (text, "http://")) ||
          !g_uri_is_valid (text, G_URI_FLAGS_NONE, NULL))
        pd_field_error (errors, spec->name, "must be an http or https address");
      break;
    case F_COLORS:
      check_colors (errors, node);
      break;
    case F_TEXTS:
      check_texts (errors, node);
      break;
    case F_CAMPAIGN_PROJECTS:
      check_campaign_projects (errors, node);
      break;
    case F_PAGE_BLOCKS:
      check_page_blocks (errors, node);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* The coins a campaign's voucher batches may hand out (each batch's count ×
 * coins_per_voucher), leaving out the batch @except_batch_id. Each term is
 * at most PD_COINS_MAX, so the sum only overflows past nine million
 * batches; it saturates then. */
static gint64
campaign_batch_coins (PdTenant   *tenant,
                      const char *campaign_id,
                      const char *except_batch_id)
{
  sqlite3_stmt *stmt = pd_db_prepare (tenant->db,
                                      "SELECT json_extract (json, '$.count'), json_extract (json, '$.coins_per_voucher') "
                                      "FROM records WHERE kind = 'voucher-batch' AND deleted = 0 "
                                      "  AND json_extract (json, '$.campaign_id') = ?1 AND id != ?2");
  gint64 total = 0;

  sqlite3_bind_text (stmt, 1, campaign_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, except_batch_id != NULL ? except_batch_id : "", -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 coins;

      if (__builtin_mul_overflow (sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1), &coins) ||
          __builtin_add_overflow (total, coins, &total))
        total = G_MAXINT64;
    }
  sqlite3_reset (stmt);
  return total;
}

/* Whether @coins × @coin_value_micros is an amount the platform keeps. */
static gboolean
amount_in_range (gint64 coins,
                 gint64 coin_value_micros)
{
  gint64 amount;

  return !__builtin_mul_overflow (coins, coin_value_micros, &amount) && amount <= PD_AMOUNT_MAX_MICROS;
}

/* The products of a campaign's coin value: its budget, each project's
 * target and the coins its voucher batches hand out, in money. */
static void
check_campaign_amounts (PdTenant   *tenant,
                        const char *id,
                        JsonObject *fields,
                        JsonArray  *errors)
{
  gint64 coin_value = pd_json_int (fields, "coin_value_micros", 0);
  JsonNode *projects = json_object_get_member (fields, "projects");
  g_autofree char *too_much = g_strdup_printf ("times coin_value_micros must stay within %" G_GINT64_FORMAT " micros",
                                               PD_AMOUNT_MAX_MICROS);

  if (!amount_in_range (pd_json_int (fields, "voucher_budget_coins", 0), coin_value))
    pd_field_error (errors, "voucher_budget_coins", "%s", too_much);
  for (guint i = 0; projects != NULL && i < json_array_get_length (json_node_get_array (projects)); i++)
    {
      JsonObject *item = json_array_get_object_element (json_node_get_array (projects), i);

      if (!amount_in_range (pd_json_int (item, "target_coins", 0), coin_value))
        {
          g_autofree char *field = g_strdup_printf ("projects[%u].target_coins", i);

          pd_field_error (errors, field, "%s", too_much);
        }
    }
  if (id != NULL && !amount_in_range (campaign_batch_coins (tenant, id, NULL), coin_value))
    pd_field_error (errors, "coin_value_micros",
                    "times the coins of this campaign's voucher batches must stay within %" G_GINT64_FORMAT " micros",
                    PD_AMOUNT_MAX_MICROS);
}

/* A batch's coins, alone and with the other batches of its campaign, at
 * the campaign's coin value. */
static void
check_batch_amounts (PdTenant   *tenant,
                     const char *id,
                     JsonObject *fields,
                     JsonObject *campaign,
                     JsonArray  *errors)
{
  const char *campaign_id = pd_json_string (fields, "campaign_id");
  gint64 coins;

  if (__builtin_mul_overflow (pd_json_int (fields, "count", 0), pd_json_int (fields, "coins_per_voucher", 0), &coins) ||
      coins > PD_COINS_MAX)
    {
      pd_field_error (errors, "coins_per_voucher", "times count must stay within %" G_GINT64_FORMAT " coins",
                      PD_COINS_MAX);
      return;
    }
  if (campaign != NULL &&
      (__builtin_add_overflow (coins, campaign_batch_coins (tenant, campaign_id, id), &coins) ||
       !amount_in_range (coins, pd_json_int (campaign, "coin_value_micros", 0))))
    pd_field_error (errors, "coins_per_voucher",
                    "times count, with the campaign's other batches and its coin value, must stay within %"
                    G_GINT64_FORMAT " micros", PD_AMOUNT_MAX_MICROS);
}

/* Returns the known fields of @input, or NULL with @errors filled. @id is
 * the record's, for the checks that look at its neighbours. */
JsonObject *
pd_validate_record (PdTenant   *tenant,
                    const char *kind,
                    const char *id,
                    JsonObject *input,
                    JsonArray  *errors)
{
  const FieldSpec *specs;
  guint n_specs;
  g_autoptr(JsonObject) fields = json_object_new ();
  guint errors_before = json_array_get_length (errors);

  if (g_str_equal (kind, "campaign"))
    specs = campaign_fields, n_specs = G_N_ELEMENTS (campaign_fields);
  else if (g_str_equal (kind, "project"))
    specs = project_fields, n_specs = G_N_ELEMENTS (project_fields);
  else if (g_str_equal (kind, "theme"))
    specs = theme_fields, n_specs = G_N_ELEMENTS (theme_fields);
  else
    specs = batch_fields, n_specs = G_N_ELEMENTS (batch_fields);

  for (guint i = 0; i < n_specs; i++)
    {
      JsonNode *node = json_object_get_member (input, specs[i].name);

      if (node == NULL || JSON_NODE_HOLDS_NULL (node))
        {
          if (!specs[i].optional)
            pd_field_error (errors, specs[i].name, "is required");
          continue;
        }
      check_field (tenant, &specs[i], node, errors);
      json_object_set_member (fields, specs[i].name, json_node_copy (node));
    }

  if (g_str_equal (kind, "voucher-batch"))
    {
      const char *campaign_id = pd_json_string (input, "campaign_id");
      g_autofree char *campaign = NULL;

      if (pd_is_uuid (campaign_id))
        {
          campaign = pd_records_get_json (tenant, "campaign", campaign_id, NULL);
          if (campaign == NULL)
            pd_field_error (errors, "campaign_id", "names no campaign of this tenant");
        }
      /* the products only mean something once each factor is valid */
      if (json_array_get_length (errors) == errors_before)
        {
          g_autoptr(JsonNode) campaign_node = campaign != NULL ? pd_json_from_string (campaign) : NULL;

          check_batch_amounts (tenant, id, fields,
                               campaign_node != NULL && JSON_NODE_HOLDS_OBJECT (campaign_node)
                               ? json_node_get_object (campaign_node) : NULL,
                               errors);
        }
    }
  else if (g_str_equal (kind, "campaign") && json_array_get_length (errors) == errors_before)
    {
      check_campaign_amounts (tenant, id, fields, errors);
    }

  if (json_array_get_length (errors) > errors_before)
    return NULL;
  return g_steal_pointer (&fields);
}
