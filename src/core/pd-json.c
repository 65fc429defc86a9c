/* pd-json.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-json"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pd-json.h"
#include "pd-validation.h"

static JsonNode *
node_take_object (JsonObject *object)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, object);
  return node;
}

/* Sets @node to the member, or to %NULL when it is absent or null; that is
 * an error only when the member is not @optional. */
static gboolean
get_member (JsonObject  *object,
            const char  *name,
            gboolean     optional,
            JsonNode   **node,
            GError     **error)
{
  *node = json_object_get_member (object, name);

  if (*node == NULL || JSON_NODE_HOLDS_NULL (*node))
    {
      *node = NULL;
      if (optional)
        return TRUE;
      g_set_error (error, PD_VALIDATION_ERROR, PD_VALIDATION_ERROR_MISSING_FIELD,
                   _("The field “%s” is missing."), name);
      return FALSE;
    }
  return TRUE;
}

static gboolean
wrong_type (const char  *name,
            const char  *expected,
            GError     **error)
{
  /* TRANSLATORS: the second %s is a JSON type: "a string", "a number"… */
  g_set_error (error, PD_VALIDATION_ERROR, PD_VALIDATION_ERROR_WRONG_TYPE,
               _("The field “%s” must be %s."), name, expected);
  return FALSE;
}

gboolean
pd_json_read_string (JsonObject  *object,
                     const char  *name,
                     gboolean     optional,
                     const char **value,
                     GError     **error)
{
  JsonNode *node;

  *value = NULL;
  if (!get_member (object, name, optional, &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return wrong_type (name, _("a string"), error);

  *value = json_node_get_string (node);
  return TRUE;
}

gboolean
pd_json_read_int (JsonObject  *object,
                  const char  *name,
                  gboolean     optional,
                  gint64      *value,
                  GError     **error)
{
  JsonNode *node;

  *value = 0;
  if (!get_member (object, name, optional, &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;
  /* Money is never a float: 1.5 coins is a type error, not a rounding. */
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return wrong_type (name, _("a whole number"), error);

  *value = json_node_get_int (node);
  return TRUE;
}

gboolean
pd_json_read_object (JsonObject  *object,
                     const char  *name,
                     gboolean     optional,
                     JsonObject **value,
                     GError     **error)
{
  JsonNode *node;

  *value = NULL;
  if (!get_member (object, name, optional, &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return wrong_type (name, _("an object"), error);

  *value = json_node_get_object (node);
  return TRUE;
}

gboolean
pd_json_read_array (JsonObject  *object,
                    const char  *name,
                    gboolean     optional,
                    JsonArray  **value,
                    GError     **error)
{
  JsonNode *node;

  *value = NULL;
  if (!get_member (object, name, optional, &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return wrong_type (name, _("a list"), error);

  *value = json_node_get_array (node);
  return TRUE;
}

gboolean
pd_json_read_date_time (JsonObject  *object,
                        const char  *name,
                        gboolean     optional,
                        GDateTime  **value,
                        GError     **error)
{
  const char *text;

  *value = NULL;
  if (!pd_json_read_string (object, name, optional, &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;

  /* No default zone: a time without offset is ambiguous, so refused. */
  *value = g_date_time_new_from_iso8601 (text, NULL);
  if (*value == NULL)
    return wrong_type (name, _("a date and time with offset"), error);

  return TRUE;
}

char *
pd_json_format_date_time (GDateTime *date_time)
{
  gint64 offset;
  int minutes;

  g_return_val_if_fail (date_time != NULL, NULL);

  /* By hand: "%Y" does not pad years before 1000 to four digits, and
   * RFC 3339 needs them. */
  offset = g_date_time_get_utc_offset (date_time) / G_TIME_SPAN_MINUTE;
  minutes = (int) ABS (offset);
  return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d",
                          g_date_time_get_year (date_time),
                          g_date_time_get_month (date_time),
                          g_date_time_get_day_of_month (date_time),
                          g_date_time_get_hour (date_time),
                          g_date_time_get_minute (date_time),
                          g_date_time_get_second (date_time),
                          offset < 0 ? '-' : '+', minutes / 60, minutes % 60);
}

gboolean
pd_json_equal (JsonNode *a,
               JsonNode *b)
{
  if (a == NULL || b == NULL)
    return a == b;

  return json_node_equal (a, b);
}

JsonNode *
pd_json_deep_copy (JsonNode *node)
{
  g_return_val_if_fail (node != NULL, NULL);

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *copy = json_object_new ();
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (object);

      for (GList *l = members; l != NULL; l = l->next)
        json_object_set_member (copy, l->data, pd_json_deep_copy (json_object_get_member (object, l->data)));
      return node_take_object (copy);
    }

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *copy = json_array_new ();
      JsonArray *array = json_node_get_array (node);
      JsonNode *result = json_node_new (JSON_NODE_ARRAY);

      for (guint i = 0; i < json_array_get_length (array); i++)
        json_array_add_element (copy, pd_json_deep_copy (json_array_get_element (array, i)));
      json_node_take_array (result, copy);
      return result;
    }

  return json_node_copy (node);
}

char *
pd_json_to_string (JsonNode *node)
{
  g_return_val_if_fail (node != NULL, NULL);

  return json_to_string (node, FALSE);
}

/* --- Strict reading ---------------------------------------------------------
 *
 * json-glib accepts more than RFC 8259 (comments, 'single quotes', bare
 * words) and recurses once per nesting level with no limit. Everything read
 * from outside is first scanned here, without recursion: only strict JSON,
 * at most PD_JSON_MAX_DEPTH deep, reaches json-glib. A bracket counter would
 * not do: json-glib would count brackets hidden in a comment or in a
 * 'string' the counter skipped as text, or the other way round. */

typedef struct {
  const char *start;
  const char *p;
  const char *end;
} Scan;

static gboolean
scan_fail (const Scan  *scan,
           GError     **error)
{
  /* TRANSLATORS: %lu is a position in the text, counted in bytes from 0 */
  g_set_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE,
               _("The text is not valid JSON (at byte %lu)."),
               (gulong) (scan->p - scan->start));
  return FALSE;
}

static void
scan_blanks (Scan *scan)
{
  while (scan->p < scan->end &&
         (*scan->p == ' ' || *scan->p == '\t' || *scan->p == '\n' || *scan->p == '\r'))
    scan->p++;
}

static int
scan_hex4 (Scan *scan)
{
  int value = 0;

  if (scan->end - scan->p < 4)
    return -1;
  for (int i = 0; i < 4; i++)
    {
      int digit = g_ascii_xdigit_value (*scan->p++);

      if (digit < 0)
        return -1;
      value = value * 16 + digit;
    }
  return value;
}

/* At the opening quote. The text is known to be valid UTF-8. */
static gboolean
scan_string (Scan *scan)
{
  scan->p++;
  while (scan->p < scan->end)
    {
      guchar c = *scan->p;

      if (c == '"')
        {
          scan->p++;
          return TRUE;
        }
      if (c < 0x20)
        return FALSE;
      scan->p++;
      if (c != '\\')
        continue;
      if (scan->p == scan->end)
        return FALSE;
      c = *scan->p++;
      if (c == 'u')
        {
          int unit = scan_hex4 (scan);

          if (unit < 0 || (unit >= 0xDC00 && unit <= 0xDFFF))
            return FALSE;
          /* A high surrogate must be followed by a low one: json-glib
           * would otherwise make invalid UTF-8 of it. */
          if (unit >= 0xD800 && unit <= 0xDBFF)
            {
              if (scan->end - scan->p < 2 || scan->p[0] != '\\' || scan->p[1] != 'u')
                return FALSE;
              scan->p += 2;
              unit = scan_hex4 (scan);
              if (unit < 0xDC00 || unit > 0xDFFF)
                return FALSE;
            }
        }
      else if (strchr ("\"\\/bfnrt", c) == NULL || c == '\0')
        return FALSE;
    }
  return FALSE;
}

static gboolean
scan_digits (Scan *scan)
{
  const char *first = scan->p;

  while (scan->p < scan->end && g_ascii_isdigit (*scan->p))
    scan->p++;
  return scan->p > first;
}

static gboolean
scan_number (Scan *scan)
{
  if (*scan->p == '-')
    scan->p++;
  if (scan->p < scan->end && *scan->p == '0')
    scan->p++;
  else if (!scan_digits (scan))
    return FALSE;
  if (scan->p < scan->end && *scan->p == '.')
    {
      scan->p++;
      if (!scan_digits (scan))
        return FALSE;
    }
  if (scan->p < scan->end && (*scan->p == 'e' || *scan->p == 'E'))
    {
      scan->p++;
      if (scan->p < scan->end && (*scan->p == '+' || *scan->p == '-'))
        scan->p++;
      if (!scan_digits (scan))
        return FALSE;
    }
  return TRUE;
}

static gboolean
scan_word (Scan       *scan,
           const char *word)
{
  gsize len = strlen (word);

  if ((gsize) (scan->end - scan->p) < len || memcmp (scan->p, word, len) != 0)
    return FALSE;
  scan->p += len;
  return TRUE;
}

/**
 * pd_json_check_strict:
 * @data: (array length=length): the text
 *
 * Checks that @data is one JSON value as RFC 8259 defines it, in UTF-8,
 * with arrays and objects nested at most %PD_JSON_MAX_DEPTH deep.
 *
 * Returns: whether it is; otherwise @error says why
 */
gboolean
pd_json_check_strict (const char  *data,
                      gsize        length,
                      GError     **error)
{
  /* The open containers: '{' or '['. */
  char containers[PD_JSON_MAX_DEPTH];
  guint depth = 0;
  Scan scan = { data, data, data + length };

  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  /* Also refuses NUL bytes, which would end the text early for json-glib. */
  if (!g_utf8_validate_len (data, length, NULL))
    {
      g_set_error_literal (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA,
                           _("The text is not valid UTF-8."));
      return FALSE;
    }
  scan_blanks (&scan);
  if (scan.p == scan.end)
    {
      g_set_error_literal (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA,
                           _("The text is empty, not JSON."));
      return FALSE;
    }

  for (;;)
    {
      gboolean ok;

      /* A value. */
      scan_blanks (&scan);
      if (scan.p == scan.end)
        return scan_fail (&scan, error);
      switch (*scan.p)
        {
        case '{':
        case '[':
          if (depth == PD_JSON_MAX_DEPTH)
            {
              g_set_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA,
                           _("The JSON is nested more than %d levels deep."), PD_JSON_MAX_DEPTH);
              return FALSE;
            }
          containers[depth++] = *scan.p++;
          scan_blanks (&scan);
          if (scan.p < scan.end && *scan.p == (containers[depth - 1] == '{' ? '}' : ']'))
            {
              scan.p++;
              depth--;
              ok = TRUE;
              break;
            }
          if (containers[depth - 1] == '[')
            continue;
          /* The first key of an object. */
          if (scan.p == scan.end || *scan.p != '"' || !scan_string (&scan))
            return scan_fail (&scan, error);
          scan_blanks (&scan);
          if (scan.p == scan.end || *scan.p != ':')
            return scan_fail (&scan, error);
          scan.p++;
          continue;
        case '"':
          ok = scan_string (&scan);
          break;
        case 't':
          ok = scan_word (&scan, "true");
          break;
        case 'f':
          ok = scan_word (&scan, "false");
          break;
        case 'n':
          ok = scan_word (&scan, "null");
          break;
        default:
          ok = *scan.p == '-' || g_ascii_isdigit (*scan.p) ? scan_number (&scan) : FALSE;
          break;
        }
      if (!ok)
        return scan_fail (&scan, error);

      /* After a value: the end, a comma or the end of its container. */
      for (;;)
        {
          scan_blanks (&scan);
          if (depth == 0)
            {
              if (scan.p != scan.end)
                return scan_fail (&scan, error);
              return TRUE;
            }
          if (scan.p == scan.end)
            return scan_fail (&scan, error);
          if (*scan.p == (containers[depth - 1] == '{' ? '}' : ']'))
            {
              scan.p++;
              depth--;
              continue;
            }
          if (*scan.p != ',')
            return scan_fail (&scan, error);
          scan.p++;
          break;
        }
      if (containers[depth - 1] == '{')
        {
          scan_blanks (&scan);
          if (scan.p == scan.end || *scan.p != '"' || !scan_string (&scan))
            return scan_fail (&scan, error);
          scan_blanks (&scan);
          if (scan.p == scan.end || *scan.p != ':')
            return scan_fail (&scan, error);
          scan.p++;
        }
    }
}

/**
 * pd_json_parse:
 * @data: (array length=length): the text
 * @length: its length in bytes, or -1 when it is NUL-terminated
 *
 * Reads JSON that comes from outside (the platform, a file, the store):
 * only what pd_json_check_strict() accepts.
 *
 * Returns: (transfer full) (nullable): the value, never %NULL without @error
 */
JsonNode *
pd_json_parse (const char  *data,
               gssize       length,
               GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  gsize len;
  JsonNode *root;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  len = length < 0 ? strlen (data) : (gsize) length;
  if (!pd_json_check_strict (data, len, error))
    return NULL;

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data, len, error))
    return NULL;
  root = json_parser_steal_root (parser);
  /* The scan rules out a text without a value, but json-glib answers one
   * with no root and no error, so check. */
  if (root == NULL)
    g_set_error_literal (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA,
                         _("The text is empty, not JSON."));
  return root;
}

JsonNode *
pd_json_from_string (const char  *text,
                     GError     **error)
{
  g_return_val_if_fail (text != NULL, NULL);

  return pd_json_parse (text, -1, error);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static void
add_keys (GHashTable *keys,
          JsonNode   *node)
{
  g_autoptr(GList) members = NULL;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return;

  members = json_object_get_members (json_node_get_object (node));
  for (GList *l = members; l != NULL; l = l->next)
    g_hash_table_add (keys, l->data);
}

static JsonNode *
member_or_null (JsonNode   *node,
                const char *name)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  return json_object_get_member (json_node_get_object (node), name);
}

/* The union of the keys of up to three objects, sorted so that results and
 * conflict lists are stable. */
static GPtrArray *
union_keys (JsonNode *a,
            JsonNode *b,
            JsonNode *c)
{
  g_autoptr(GHashTable) keys = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *result = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  add_keys (keys, a);
  add_keys (keys, b);
  add_keys (keys, c);

  g_hash_table_iter_init (&iter, keys);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (result, key);
  g_ptr_array_sort (result, compare_strings);

  return result;
}

JsonNode *
pd_json_lookup_path (JsonNode   *node,
                     const char *path)
{
  g_auto(GStrv) parts = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  parts = g_strsplit (path, ".", -1);
  for (guint i = 0; parts[i] != NULL && node != NULL; i++)
    {
      if (!JSON_NODE_HOLDS_OBJECT (node))
        return NULL;
      node = json_object_get_member (json_node_get_object (node), parts[i]);
    }
  return node;
}

char **
pd_json_changed_fields (JsonNode *base,
                        JsonNode *local)
{
  g_autoptr(GPtrArray) keys = union_keys (base, local, NULL);
  GPtrArray *changed = g_ptr_array_new ();

  for (guint i = 0; i < keys->len; i++)
    {
      const char *name = g_ptr_array_index (keys, i);

      if (base == NULL || !pd_json_equal (member_or_null (base, name), member_or_null (local, name)))
        g_ptr_array_add (changed, g_strdup (name));
    }
  g_ptr_array_add (changed, NULL);

  return (char **) g_ptr_array_free (changed, FALSE);
}

JsonNode *
pd_json_merge_patch_diff (JsonNode *base,
                          JsonNode *target)
{
  g_autoptr(JsonObject) patch = json_object_new ();
  g_autoptr(GPtrArray) keys = union_keys (base, target, NULL);
  JsonNode *result;

  for (guint i = 0; i < keys->len; i++)
    {
      const char *name = g_ptr_array_index (keys, i);
      JsonNode *b = member_or_null (base, name);
      JsonNode *t = member_or_null (target, name);

      if (pd_json_equal (b, t))
        continue;

      if (t == NULL)
        json_object_set_null_member (patch, name);
      else if (b != NULL && JSON_NODE_HOLDS_OBJECT (b) && JSON_NODE_HOLDS_OBJECT (t))
        json_object_set_member (patch, name, pd_json_merge_patch_diff (b, t));
      else
        json_object_set_member (patch, name, json_node_copy (t));
    }

  result = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (result, patch);
  return result;
}

JsonNode *
pd_json_merge_patch_apply (JsonNode *target,
                           JsonNode *patch)
{
  JsonObject *result_object;
  JsonNode *result;
  g_autoptr(GList) members = NULL;

  g_return_val_if_fail (patch != NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (patch))
    return json_node_copy (patch);

  if (target != NULL && JSON_NODE_HOLDS_OBJECT (target))
    result = json_node_copy (target);
  else
    result = node_take_object (json_object_new ());
  /* json_node_copy shares the object; build a private one to modify. */
  {
    JsonObject *copy = json_object_new ();
    g_autoptr(GList) old = json_object_get_members (json_node_get_object (result));

    for (GList *l = old; l != NULL; l = l->next)
      json_object_set_member (copy, l->data,
                              json_node_copy (json_object_get_member (json_node_get_object (result), l->data)));
    json_node_take_object (result, copy);
  }
  result_object = json_node_get_object (result);

  members = json_object_get_members (json_node_get_object (patch));
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode *value = json_object_get_member (json_node_get_object (patch), name);

      if (JSON_NODE_HOLDS_NULL (value))
        json_object_remove_member (result_object, name);
      else
        json_object_set_member (result_object, name,
                                pd_json_merge_patch_apply (json_object_get_member (result_object, name), value));
    }

  return result;
}

static JsonNode *
merge_recursive (JsonNode   *base,
                 JsonNode   *local,
                 JsonNode   *remote,
                 const char *path,
                 GPtrArray  *conflicts)
{
  g_autoptr(GPtrArray) keys = NULL;
  JsonObject *merged;

  if (pd_json_equal (local, remote) || pd_json_equal (base, remote))
    return local != NULL ? json_node_copy (local) : NULL;
  if (pd_json_equal (base, local))
    return remote != NULL ? json_node_copy (remote) : NULL;

  /* Both sides changed: descend into objects, elsewhere it is a conflict. */
  if (local == NULL || remote == NULL ||
      !JSON_NODE_HOLDS_OBJECT (local) || !JSON_NODE_HOLDS_OBJECT (remote))
    {
      g_ptr_array_add (conflicts, g_strdup (path));
      return local != NULL ? json_node_copy (local) : NULL;
    }

  merged = json_object_new ();
  keys = union_keys (base, local, remote);
  for (guint i = 0; i < keys->len; i++)
    {
      const char *name = g_ptr_array_index (keys, i);
      g_autofree char *child_path = path[0] ? g_strdup_printf ("%s.%s", path, name) : g_strdup (name);
      JsonNode *child = merge_recursive (member_or_null (base, name),
                                         member_or_null (local, name),
                                         member_or_null (remote, name),
                                         child_path, conflicts);

      if (child != NULL)
        json_object_set_member (merged, name, child);
    }

  return node_take_object (merged);
}

JsonNode *
pd_json_three_way_merge (JsonNode   *base,
                         JsonNode   *local,
                         JsonNode   *remote,
                         GPtrArray **conflicts)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  JsonNode *result;

  g_return_val_if_fail (local != NULL && JSON_NODE_HOLDS_OBJECT (local), NULL);
  g_return_val_if_fail (remote != NULL && JSON_NODE_HOLDS_OBJECT (remote), NULL);

  result = merge_recursive (base, local, remote, "", found);
  if (result == NULL)
    result = node_take_object (json_object_new ());

  if (conflicts != NULL)
    *conflicts = g_steal_pointer (&found);
  return result;
}
