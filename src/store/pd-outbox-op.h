/* pd-outbox-op.h: one change waiting to be sent to the server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  PD_OUTBOX_VERB_CREATE, /* PUT + If-None-Match: * with the full record */
  PD_OUTBOX_VERB_UPDATE, /* PATCH + If-Match with a merge patch */
  PD_OUTBOX_VERB_DELETE, /* DELETE + If-Match */
  PD_OUTBOX_VERB_UPLOAD, /* kind "voucher-codes": POST one chunk of a
                          * batch's codes; payload {"chunk", "codes"} */
} PdOutboxVerb;

/* The kind of upload ops: record_id is the batch's id. */
#define PD_OUTBOX_KIND_VOUCHER_CODES "voucher-codes"

typedef enum {
  PD_OUTBOX_STATUS_PENDING,  /* may still absorb further edits */
  PD_OUTBOX_STATUS_INFLIGHT, /* payload and key frozen; re-send as is */
  PD_OUTBOX_STATUS_CONFLICT, /* waits for the user to resolve the record */
  PD_OUTBOX_STATUS_DEAD,     /* rejected (400/422); data kept, error shown */
} PdOutboxStatus;

#define PD_TYPE_OUTBOX_OP (pd_outbox_op_get_type ())

typedef struct {
  gint64          op_id;           /* order of sending */
  char           *kind;            /* "campaign", "project", … */
  char           *record_id;
  PdOutboxVerb    verb;
  char           *idempotency_key; /* unique, stays the same across retries */
  gint64          if_match;        /* revision for If-Match; 0: none (create) */
  char           *payload;         /* JSON text to send; NULL until inflight
                                    * and for deletes */
  gint64          local_seq;       /* the record's local_seq this op covers */
  PdOutboxStatus  status;
  guint           attempts;
  gint64          next_at;         /* pd_real_time() µs; not before */
  char           *last_error;      /* nullable */
} PdOutboxOp;

GType       pd_outbox_op_get_type (void) G_GNUC_CONST;
PdOutboxOp *pd_outbox_op_copy     (const PdOutboxOp *op);
void        pd_outbox_op_free     (PdOutboxOp       *op);

const char *pd_outbox_verb_to_string   (PdOutboxVerb   verb);
const char *pd_outbox_status_to_string (PdOutboxStatus status);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdOutboxOp, pd_outbox_op_free)

G_END_DECLS
