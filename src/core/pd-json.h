/* pd-json.h: JSON helpers shared by the model, the store, the API client
 * and the sync engine: strict field readers, equality, merge patches
 * (RFC 7396) and the three-way merge of SYNC.md
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Strict readers for a field of @object. A missing field is
 * %PD_VALIDATION_ERROR_MISSING_FIELD unless @optional (then the out value is
 * left at its default: NULL / 0 / FALSE and TRUE is returned); JSON null
 * counts as missing; a mistyped field is %PD_VALIDATION_ERROR_WRONG_TYPE.
 * Strings are returned (transfer none). */
gboolean   pd_json_read_string  (JsonObject  *object,
                                 const char  *name,
                                 gboolean     optional,
                                 const char **value,
                                 GError     **error);
gboolean   pd_json_read_int     (JsonObject  *object,
                                 const char  *name,
                                 gboolean     optional,
                                 gint64      *value,
                                 GError     **error);
gboolean   pd_json_read_object  (JsonObject  *object,
                                 const char  *name,
                                 gboolean     optional,
                                 JsonObject **value,
                                 GError     **error);
gboolean   pd_json_read_array   (JsonObject  *object,
                                 const char  *name,
                                 gboolean     optional,
                                 JsonArray  **value,
                                 GError     **error);
/* An RFC 3339 time with offset; (transfer full) into @value. */
gboolean   pd_json_read_date_time (JsonObject  *object,
                                   const char  *name,
                                   gboolean     optional,
                                   GDateTime  **value,
                                   GError     **error);
/* RFC 3339 with offset, seconds precision: "2026-12-01T00:00:00+01:00". */
char      *pd_json_format_date_time (GDateTime *date_time);

/* Deep equality; both %NULL are equal; integers compare exactly. */
gboolean   pd_json_equal        (JsonNode    *a,
                                 JsonNode    *b);

/* (transfer full): a copy sharing nothing with @node (json_node_copy()
 * shares objects and arrays). */
JsonNode  *pd_json_deep_copy    (JsonNode    *node);

/* (transfer full) */
char      *pd_json_to_string    (JsonNode    *node);

/* How deep arrays and objects may nest in JSON read by pd_json_parse();
 * json-glib recurses once per level, so 200,000 "[" overflow its stack. */
#define PD_JSON_MAX_DEPTH 64

gboolean   pd_json_check_strict (const char  *data,
                                 gsize        length,
                                 GError     **error);
JsonNode  *pd_json_parse        (const char  *data,
                                 gssize       length,
                                 GError     **error);
/* pd_json_parse() of a NUL-terminated @text. */
JsonNode  *pd_json_from_string  (const char  *text,
                                 GError     **error);

/**
 * pd_json_lookup_path:
 * @node: (nullable): an object node
 * @path: a dotted path, as the three-way merge names conflicts
 *   ("texts.de.title")
 *
 * Returns: (transfer none) (nullable): the member at @path, %NULL when
 *   there is none
 */
JsonNode  *pd_json_lookup_path  (JsonNode    *node,
                                 const char  *path);
/**
 * pd_json_changed_fields:
 * @base: (nullable): an object node, or %NULL (then every field changed)
 * @local: (nullable): an object node
 *
 * Returns: (transfer full): the sorted names of the top-level fields whose
 *   values differ, %NULL-terminated (never %NULL itself)
 */
char     **pd_json_changed_fields (JsonNode  *base,
                                   JsonNode  *local);

/**
 * pd_json_merge_patch_diff:
 *
 * Returns: (transfer full): the RFC 7396 merge patch that turns object
 *   @base into object @target (nested objects recursively, removed keys as
 *   null); an empty object when they are equal
 */
JsonNode  *pd_json_merge_patch_diff  (JsonNode  *base,
                                      JsonNode  *target);
/**
 * pd_json_merge_patch_apply:
 *
 * Returns: (transfer full): @target with @patch applied (RFC 7396)
 */
JsonNode  *pd_json_merge_patch_apply (JsonNode  *target,
                                      JsonNode  *patch);

/**
 * pd_json_three_way_merge:
 * @base: (nullable): the common ancestor (an object), %NULL if none
 * @conflicts: (out) (transfer full): dotted paths ("name",
 *   "texts.de.title") changed on both sides to different values
 *
 * Merges object by object: a field changed only on one side takes that
 * side's value; arrays and scalars are atomic. For conflicting fields the
 * result keeps the @local value.
 *
 * Returns: (transfer full): the merged object
 */
JsonNode  *pd_json_three_way_merge (JsonNode    *base,
                                    JsonNode    *local,
                                    JsonNode    *remote,
                                    GPtrArray  **conflicts);

G_END_DECLS
