/* pd-record.h: base class of every record the platform syncs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "pd-enums.h"

G_BEGIN_DECLS

#define PD_TYPE_RECORD (pd_record_get_type ())
G_DECLARE_DERIVABLE_TYPE (PdRecord, pd_record, PD, RECORD, GObject)

struct _PdRecordClass
{
  GObjectClass parent_class;

  /* "campaign", "project", "theme", "voucher-batch": the kind in /v1/changes */
  const char *kind;

  /* Adds the record's own fields (not id/revision/updated_at) to @object. */
  void     (*to_json)   (PdRecord    *self,
                         JsonObject  *object);
  /* Replaces the record's own fields from @object; must not touch @self
   * when it fails. Unknown fields are ignored. */
  gboolean (*load_json) (PdRecord    *self,
                         JsonObject  *object,
                         GError     **error);
  gboolean (*validate)  (PdRecord    *self,
                         GError     **error);

  gpointer padding[8];
};

const char  *pd_record_get_id          (PdRecord    *self);
/* The server's revision of the copy the local one is based on; 0 when the
 * server has never seen it. */
gint64       pd_record_get_revision    (PdRecord    *self);
void         pd_record_set_revision    (PdRecord    *self,
                                        gint64       revision);
/* RFC 3339 time of the server's last change, or %NULL. */
const char  *pd_record_get_updated_at  (PdRecord    *self);
void         pd_record_set_updated_at  (PdRecord    *self,
                                        const char  *updated_at);
PdSyncState  pd_record_get_sync_state  (PdRecord    *self);
void         pd_record_set_sync_state  (PdRecord    *self,
                                        PdSyncState  state);

const char  *pd_record_get_kind        (PdRecord    *self);
GType        pd_record_type_from_kind  (const char  *kind);

/**
 * pd_record_to_json:
 *
 * Returns: (transfer full): the record as a JSON object node with the field
 *   names of CONTRACT.md, including "id" (and "revision"/"updated_at" when
 *   the server has seen it)
 */
JsonNode    *pd_record_to_json         (PdRecord    *self);
/* Same, without "revision" and "updated_at": the user's content only, as
 * used for change tracking and undo. */
JsonNode    *pd_record_content_to_json (PdRecord    *self);

/**
 * pd_record_load_json:
 *
 * Replaces every field of @self from @node (an object) in place, so views
 * bound to @self update. On error @self is unchanged. Unknown fields are
 * ignored; missing or mistyped fields are a %PD_VALIDATION_ERROR.
 */
gboolean     pd_record_load_json       (PdRecord    *self,
                                        JsonNode    *node,
                                        GError     **error);

/**
 * pd_record_new_from_json:
 * @type: a subtype of #PdRecord (see pd_record_type_from_kind())
 *
 * Returns: (transfer full) (nullable): a new record of @type from @node,
 *   or %NULL with @error set
 */
PdRecord    *pd_record_new_from_json   (GType        type,
                                        JsonNode    *node,
                                        GError     **error);

/* Checks every rule of the record (pd-validation.h); the store refuses to
 * write a record that fails. */
gboolean     pd_record_validate        (PdRecord    *self,
                                        GError     **error);

/* Copies @self through JSON: (transfer full). */
PdRecord    *pd_record_copy            (PdRecord    *self);

G_END_DECLS
