/* pd-outbox-op.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-store"

#include "config.h"

#include "pd-outbox-op.h"

G_DEFINE_BOXED_TYPE (PdOutboxOp, pd_outbox_op, pd_outbox_op_copy, pd_outbox_op_free)

PdOutboxOp *
pd_outbox_op_copy (const PdOutboxOp *op)
{
  PdOutboxOp *copy;

  g_return_val_if_fail (op != NULL, NULL);

  copy = g_memdup2 (op, sizeof *op);
  copy->kind = g_strdup (op->kind);
  copy->record_id = g_strdup (op->record_id);
  copy->idempotency_key = g_strdup (op->idempotency_key);
  copy->payload = g_strdup (op->payload);
  copy->last_error = g_strdup (op->last_error);
  return copy;
}

void
pd_outbox_op_free (PdOutboxOp *op)
{
  if (op == NULL)
    return;

  g_free (op->kind);
  g_free (op->record_id);
  g_free (op->idempotency_key);
  g_free (op->payload);
  g_free (op->last_error);
  g_free (op);
}

const char *
pd_outbox_verb_to_string (PdOutboxVerb verb)
{
  switch (verb)
    {
    case PD_OUTBOX_VERB_CREATE: return "create";
    case PD_OUTBOX_VERB_UPDATE: return "update";
    case PD_OUTBOX_VERB_DELETE: return "delete";
    case PD_OUTBOX_VERB_UPLOAD: return "upload";
    default: return NULL;
    }
}

const char *
pd_outbox_status_to_string (PdOutboxStatus status)
{
  switch (status)
    {
    case PD_OUTBOX_STATUS_PENDING: return "pending";
    case PD_OUTBOX_STATUS_INFLIGHT: return "inflight";
    case PD_OUTBOX_STATUS_CONFLICT: return "conflict";
    case PD_OUTBOX_STATUS_DEAD: return "dead";
    default: return NULL;
    }
}
