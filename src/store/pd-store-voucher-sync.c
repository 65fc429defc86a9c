/* pd-store-voucher-sync.c: voucher codes on their way to the platform
 *
 * Issuing a batch queues its codes in chunks of PD_STORE_VOUCHER_CHUNK:
 * one outbox row per chunk naming a range of positions in the batch
 * (insertion order), never a row per code. The chunk's codes are read and
 * frozen into the op's payload only when it is sent, and stay frozen until
 * the platform's answer is applied, so a retry after a crash or a lost
 * answer sends the very same request with the very same key and the
 * platform replays it: no code is stored twice, none is skipped.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-store"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pd-store-private.h"

gboolean
_pd_store_queue_voucher_chunks (PdStore     *self,
                                const char  *batch_id,
                                gint64       first,
                                gint64       count,
                                GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 end = first + count;

  stmt = _pd_store_prepare (self,
    "INSERT INTO outbox (kind, record_id, verb, idempotency_key, local_seq, status,"
    " chunk, chunk_first, chunk_count) VALUES ('" PD_OUTBOX_KIND_VOUCHER_CODES "', ?1, 'upload', ?2, 0,"
    " 'pending', ?3, ?4, ?5)", error);
  if (stmt == NULL)
    return FALSE;

  /* Chunks are aligned to multiples of the chunk size, so their numbers
   * follow from positions. The key names the batch and the first
   * position: the same codes always go with the same key. */
  for (gint64 position = first; position < end;)
    {
      gint64 chunk = position / PD_STORE_VOUCHER_CHUNK;
      gint64 next = MIN ((chunk + 1) * PD_STORE_VOUCHER_CHUNK, end);
      g_autofree char *key = g_strdup_printf ("voucher-codes-%s-%" G_GINT64_FORMAT, batch_id, position);

      _pd_store_bind_static (stmt, 1, batch_id);
      _pd_store_bind_static (stmt, 2, key);
      sqlite3_bind_int64 (stmt, 3, chunk);
      sqlite3_bind_int64 (stmt, 4, position);
      sqlite3_bind_int64 (stmt, 5, next - position);
      if (!_pd_store_step_done (self, stmt, error))
        return FALSE;
      position = next;
    }

  self->outbox_touched = TRUE;
  return TRUE;
}

static gboolean
exists (PdStore    *self,
        const char *sql,
        const char *batch_id)
{
  sqlite3_stmt *stmt = _pd_store_prepare (self, sql, NULL);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  _pd_store_bind_text (stmt, 1, batch_id);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return found;
}

static gboolean
read_range (PdStore  *self,
            gint64    op_id,
            gint64   *chunk,
            gint64   *first,
            gint64   *count,
            GError  **error)
{
  sqlite3_stmt *stmt = _pd_store_prepare (self,
    "SELECT chunk, chunk_first, chunk_count FROM outbox WHERE op_id = ?1 AND chunk_count IS NOT NULL", error);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, op_id);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  if (found)
    {
      *chunk = sqlite3_column_int64 (stmt, 0);
      *first = sqlite3_column_int64 (stmt, 1);
      *count = sqlite3_column_int64 (stmt, 2);
    }
  sqlite3_reset (stmt);
  if (!found)
    g_set_error (error, PD_STORE_ERROR, PD_STORE_ERROR_NOT_FOUND, _("The change to send no longer exists."));
  return found;
}

gboolean
_pd_store_freeze_upload_op (PdStore     *self,
                            PdOutboxOp  *op,
                            gboolean    *gone,
                            GError     **error)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *payload = NULL;
  sqlite3_stmt *stmt;
  gint64 chunk = 0, first = 0, count = 0, n = 0;

  *gone = FALSE;

  /* Deleted here (its codes went with it): nothing left to send. */
  if (!exists (self, "SELECT 1 FROM voucher_batches WHERE id = ?1", op->record_id))
    {
      *gone = TRUE;
      return _pd_store_delete_op (self, op->op_id, error);
    }
  if (op->status == PD_OUTBOX_STATUS_INFLIGHT)
    return TRUE;
  if (op->status != PD_OUTBOX_STATUS_PENDING)
    {
      g_set_error (error, PD_STORE_ERROR, PD_STORE_ERROR_CONFLICT,
                   _("This change waits for a decision and cannot be sent."));
      return FALSE;
    }
  /* The platform refuses codes of a batch it does not have yet. */
  if (exists (self, "SELECT 1 FROM outbox WHERE kind = 'voucher-batch' AND record_id = ?1 AND verb = 'create'",
              op->record_id))
    {
      g_set_error (error, PD_STORE_ERROR, PD_STORE_ERROR_CONFLICT,
                   _("The voucher codes wait until their batch has been sent."));
      return FALSE;
    }
  if (!read_range (self, op->op_id, &chunk, &first, &count, error))
    return FALSE;

  stmt = _pd_store_prepare (self, "SELECT code FROM voucher_codes WHERE batch_id = ?1"
                            " ORDER BY rowid LIMIT ?3 OFFSET ?2", error);
  if (stmt == NULL)
    return FALSE;
  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "chunk");
  json_builder_add_int_value (builder, chunk);
  json_builder_set_member_name (builder, "codes");
  json_builder_begin_array (builder);
  _pd_store_bind_text (stmt, 1, op->record_id);
  sqlite3_bind_int64 (stmt, 2, first);
  sqlite3_bind_int64 (stmt, 3, count);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      json_builder_add_string_value (builder, _pd_store_column_text (stmt, 0));
      n++;
    }
  sqlite3_reset (stmt);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  /* Codes are never removed one by one, so a short range means damage. */
  if (n != count)
    {
      g_set_error (error, PD_STORE_ERROR, PD_STORE_ERROR_FAILED,
                   _("Some voucher codes of this batch are missing from the workspace."));
      return FALSE;
    }

  body = json_builder_get_root (builder);
  payload = json_to_string (body, FALSE);
  stmt = _pd_store_prepare (self, "UPDATE outbox SET status = 'inflight', payload = ?2 WHERE op_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, op->op_id);
  _pd_store_bind_static (stmt, 2, payload);
  self->outbox_touched = TRUE;
  return _pd_store_step_done (self, stmt, error);
}

gboolean
_pd_store_finish_upload_op (PdStore     *self,
                            PdOutboxOp  *op,
                            GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 chunk = 0, first = 0, count = 0;

  if (!read_range (self, op->op_id, &chunk, &first, &count, error))
    return FALSE;

  stmt = _pd_store_prepare (self,
    "UPDATE voucher_codes SET uploaded = 1 WHERE rowid IN (SELECT rowid FROM voucher_codes"
    " WHERE batch_id = ?1 ORDER BY rowid LIMIT ?3 OFFSET ?2)", error);
  if (stmt == NULL)
    return FALSE;
  _pd_store_bind_text (stmt, 1, op->record_id);
  sqlite3_bind_int64 (stmt, 2, first);
  sqlite3_bind_int64 (stmt, 3, count);
  return _pd_store_step_done (self, stmt, error) &&
         _pd_store_delete_op (self, op->op_id, error);
}

/**
 * pd_store_get_voucher_code_counts:
 * @batch_id: a batch
 * @counts: (out caller-allocates): how many of its codes still wait for
 *   the platform, and how many the platform reported redeemed and expired
 *
 * Cheap enough for a list row: the waiting codes come from the outbox's
 * chunks, the others from an index of the codes that are not issued.
 */
void
pd_store_get_voucher_code_counts (PdStore             *self,
                                  const char          *batch_id,
                                  PdVoucherCodeCounts *counts)
{
  sqlite3_stmt *stmt;

  g_return_if_fail (PD_IS_STORE (self));
  g_return_if_fail (batch_id != NULL && counts != NULL);

  memset (counts, 0, sizeof *counts);
  stmt = _pd_store_prepare (self,
    "SELECT total (chunk_count) FROM outbox WHERE kind = '" PD_OUTBOX_KIND_VOUCHER_CODES "' AND record_id = ?1", NULL);
  if (stmt == NULL)
    return;
  _pd_store_bind_text (stmt, 1, batch_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    counts->waiting = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  stmt = _pd_store_prepare (self,
    "SELECT status, count(*) FROM voucher_codes WHERE batch_id = ?1 AND status != 'issued' GROUP BY status", NULL);
  if (stmt == NULL)
    return;
  _pd_store_bind_text (stmt, 1, batch_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *status = _pd_store_column_text (stmt, 0);

      if (g_strcmp0 (status, "redeemed") == 0)
        counts->redeemed = sqlite3_column_int64 (stmt, 1);
      else if (g_strcmp0 (status, "expired") == 0)
        counts->expired = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
}

/**
 * pd_store_dup_voucher_code_status:
 * @redeemed_at: (out) (optional) (transfer full) (nullable): when it was
 *   redeemed (RFC 3339), as the platform reported
 *
 * Returns: (transfer full) (nullable): "issued", "redeemed" or "expired";
 *   %NULL for a code that is not in the workspace
 */
char *
pd_store_dup_voucher_code_status (PdStore     *self,
                                  const char  *code,
                                  char       **redeemed_at)
{
  sqlite3_stmt *stmt;
  char *status = NULL;

  g_return_val_if_fail (PD_IS_STORE (self), NULL);
  g_return_val_if_fail (code != NULL, NULL);

  if (redeemed_at != NULL)
    *redeemed_at = NULL;
  stmt = _pd_store_prepare (self, "SELECT status, redeemed_at FROM voucher_codes WHERE code = ?1", NULL);
  if (stmt == NULL)
    return NULL;
  _pd_store_bind_text (stmt, 1, code);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      status = g_strdup (_pd_store_column_text (stmt, 0));
      if (redeemed_at != NULL)
        *redeemed_at = g_strdup (_pd_store_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);
  return status;
}
