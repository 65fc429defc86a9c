/* fuzz-json-merge.c: merge patches and the three-way merge of sync
 *
 * The input holds up to three JSON documents separated by NUL bytes: base,
 * local, remote. For objects: applying the merge-patch diff of base and
 * local to base gives local back, and the three-way merge of a document
 * with itself on both sides gives it back without conflicts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pd-fuzz.h"

#include "pd-json.h"

static JsonNode *
parse_part (const uint8_t **data,
            size_t         *size)
{
  const uint8_t *end = memchr (*data, '\0', *size);
  size_t length = end != NULL ? (size_t) (end - *data) : *size;
  g_autofree char *text = pd_fuzz_strndup (*data, length);
  JsonNode *node;

  *data += length;
  *size -= length;
  if (*size > 0)
    {
      (*data)++;
      (*size)--;
    }

  node = pd_json_from_string (text, NULL);
  if (node != NULL && !JSON_NODE_HOLDS_OBJECT (node))
    g_clear_pointer (&node, json_node_unref);

  return node;
}

/* RFC 7396 cannot express a member whose value is null (null deletes), so
 * the round trips below only hold for documents without one. */
static gboolean
has_null_member (JsonNode *node)
{
  if (JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autoptr(GList) members = json_object_get_values (json_node_get_object (node));

      for (GList *l = members; l != NULL; l = l->next)
        if (has_null_member (l->data))
          return TRUE;
    }

  return FALSE;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonNode) base = parse_part (&data, &size);
  g_autoptr(JsonNode) local = parse_part (&data, &size);
  g_autoptr(JsonNode) remote = parse_part (&data, &size);
  g_auto(GStrv) changed = NULL;

  if (base == NULL || local == NULL || has_null_member (local))
    return 0;

  {
    g_autoptr(JsonNode) patch = pd_json_merge_patch_diff (base, local);
    g_autoptr(JsonNode) patched = pd_json_merge_patch_apply (base, patch);

    g_assert_nonnull (patch);
    g_assert_true (pd_json_equal (patched, local));
  }

  changed = pd_json_changed_fields (base, local);
  g_assert_nonnull (changed);
  g_assert_true ((changed[0] == NULL) == pd_json_equal (base, local));

  {
    g_autoptr(GPtrArray) conflicts = NULL;
    g_autoptr(JsonNode) merged = pd_json_three_way_merge (base, local, local, &conflicts);

    g_assert_true (pd_json_equal (merged, local));
    g_assert_true (conflicts == NULL || conflicts->len == 0);
  }

  if (remote != NULL)
    {
      g_autoptr(GPtrArray) conflicts = NULL;
      g_autoptr(JsonNode) merged = pd_json_three_way_merge (base, local, remote, &conflicts);
      g_autofree char *text = NULL;

      g_assert_nonnull (merged);
      text = pd_json_to_string (merged);
      g_assert_nonnull (text);
    }

  return 0;
}
