/* pd-field-text.h: a record's fields as people read them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Translated name of a record kind ("campaign" -> "Campaign"). */
const char *pd_field_text_kind_title (const char *kind);
/* Translated label of a dotted field path ("texts.de.title" -> "Title (German)"). */
char       *pd_field_text_dup_label  (const char *kind,
                                      const char *path);
/* @value as people read it: money as money, dates in the record's time
 * zone, lists as counts; @record (nullable) gives the currency and time
 * zone. */
char       *pd_field_text_dup_value  (const char *kind,
                                      const char *path,
                                      JsonNode   *value,
                                      JsonNode   *record);

G_END_DECLS
