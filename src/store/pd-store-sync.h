/* pd-store-sync.h: what the sync engine needs from the store
 *
 * Push:  ops = pd_store_list_outbox (store, TRUE, …);
 *        for each: op = pd_store_mark_inflight (store, op->op_id, …);
 *        send op->payload with op->idempotency_key and op->if_match;
 *        2xx → pd_store_apply_push_result (…),
 *        412 → pd_store_apply_push_conflict (… current …),
 *        retryable → pd_store_retry_op_later (…), 400/422 → pd_store_mark_op_dead (…).
 * Pull:  pd_store_apply_remote_changes (store, scope, page, next_cursor, …)
 *        writes a page and its cursor in one transaction; or, to read the
 *        page on a worker thread first, pd_remote_page_new (changes, …)
 *        there and pd_store_apply_remote_page (store, scope, read, …).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pd-remote-page.h"
#include "pd-store.h"

G_BEGIN_DECLS

/**
 * pd_store_list_outbox:
 * @ready_only: only ops to send now: pending or inflight with next_at ≤ now
 *
 * Returns: (transfer full) (element-type PdOutboxOp): ops by op_id
 */
GPtrArray   *pd_store_list_outbox        (PdStore     *self,
                                          gboolean     ready_only,
                                          GError     **error);
guint        pd_store_count_outbox       (PdStore     *self);
/**
 * pd_store_list_outbox_problems:
 *
 * Returns: (transfer full) (element-type PdOutboxOp): the ops set aside
 *   (refused by the platform) or in conflict, by op_id
 */
GPtrArray   *pd_store_list_outbox_problems (PdStore   *self,
                                            GError   **error);

/**
 * pd_store_mark_inflight:
 *
 * Freezes the op: computes its payload (the full record for a create, the
 * merge patch of the fields changed since base for an update) and If-Match
 * from the record's current revision, and commits it as inflight. An op
 * already inflight is returned unchanged, so a retry after a crash sends
 * the very same request with the same key.
 *
 * Returns: (transfer full) (nullable): the frozen op
 */
PdOutboxOp  *pd_store_mark_inflight      (PdStore     *self,
                                          gint64       op_id,
                                          GError     **error);

/**
 * pd_store_apply_push_result:
 * @server_record: (nullable): the record the server answered (object node),
 *   %NULL for a delete
 *
 * In one transaction: the record's base becomes @server_record, its
 * revision @revision, the op is removed. If the record was not edited
 * since the op was frozen (local_seq did not move) it becomes synced and
 * the local copy takes the server's; otherwise it stays modified and the
 * later edit's pending op is sent next.
 */
gboolean     pd_store_apply_push_result  (PdStore     *self,
                                          gint64       op_id,
                                          gint64       revision,
                                          JsonNode    *server_record,
                                          GError     **error);

/**
 * pd_store_apply_push_conflict:
 * @current: (nullable): the "current" record from the 412 body, %NULL if
 *   the server deleted it
 *
 * Three-way merge of base, local and @current: the op is dropped, fields
 * changed on one side merge and a new pending op carries the local changes
 * against the new base; the same field changed on both sides (or delete
 * against edit) marks the record as conflict with both versions kept.
 */
gboolean     pd_store_apply_push_conflict (PdStore    *self,
                                           gint64      op_id,
                                           gint64      revision,
                                           JsonNode   *current,
                                           GError    **error);

/* Transient failure: attempts + 1, not before @next_at (µs, real time);
 * the op keeps its status, payload and key. */
gboolean     pd_store_retry_op_later     (PdStore     *self,
                                          gint64       op_id,
                                          gint64       next_at,
                                          const char  *error_message,
                                          GError     **error);
/* No op and no back-off waits past @latest (µs, real time): a person
 * who asks to sync now, or a wait longer than the engine believes. */
gboolean     pd_store_limit_waits        (PdStore     *self,
                                          gint64       latest,
                                          GError     **error);
/* Permanent rejection (400/422): the op is parked, local data kept. */
gboolean     pd_store_mark_op_dead       (PdStore     *self,
                                          gint64       op_id,
                                          const char  *error_message,
                                          GError     **error);

/**
 * pd_store_apply_remote_changes:
 * @scope: the feed, e.g. "changes"
 * @changes: the "changes" array of one /v1/changes page
 * @next_cursor: (nullable): the page's next_cursor
 *
 * Writes the page and the cursor in one transaction: records without local
 * changes take the server copy (tombstones delete them); records with
 * local changes are merged three-way like pd_store_apply_push_conflict().
 * Kinds the store does not hold ("voucher" status changes update codes).
 */
gboolean     pd_store_apply_remote_changes (PdStore    *self,
                                            const char *scope,
                                            JsonArray  *changes,
                                            const char *next_cursor,
                                            GError    **error);
gboolean     pd_store_apply_remote_page  (PdStore      *self,
                                          const char   *scope,
                                          PdRemotePage *page,
                                          const char   *next_cursor,
                                          GError      **error);
/* (transfer full) (nullable): the saved cursor of @scope */
char        *pd_store_get_cursor         (PdStore     *self,
                                          const char  *scope);
/* Forgets the cursor (410 cursor-expired): the next pull starts over;
 * the outbox is kept. */
gboolean     pd_store_reset_cursor       (PdStore     *self,
                                          const char  *scope,
                                          GError     **error);
gint64       pd_store_get_backoff_until  (PdStore     *self,
                                          const char  *scope);
gboolean     pd_store_set_backoff_until  (PdStore     *self,
                                          const char  *scope,
                                          gint64       until,
                                          GError     **error);

/**
 * pd_store_begin_full_resync:
 *
 * Starts pulling @scope from the beginning (410 cursor-expired, or a
 * server restored to an older state): forgets the cursor and, until
 * pd_store_finish_full_resync(), notes every record the pages bring. The
 * outbox is kept. Survives a restart: call finish after the last page
 * (has_more false) even in a later session.
 */
gboolean     pd_store_begin_full_resync  (PdStore     *self,
                                          const char  *scope,
                                          GError     **error);
gboolean     pd_store_is_resyncing       (PdStore     *self,
                                          const char  *scope);
/**
 * pd_store_finish_full_resync:
 *
 * In one transaction: synced records the server did not send are gone
 * there and are removed here; records with local changes it did not send
 * are kept and queued to be created again (nothing the user made is lost).
 */
gboolean     pd_store_finish_full_resync (PdStore     *self,
                                          const char  *scope,
                                          GError     **error);

/* (transfer full) (nullable): the platform's version of the record as
 * last synced; %NULL for a record never synced. */
JsonNode    *pd_store_dup_synced         (PdStore     *self,
                                          const char  *kind,
                                          const char  *id);

/**
 * pd_store_save_edit:
 * @started: (nullable): pd_store_dup_synced() of the record when the user
 *   began this edit; %NULL saves like pd_store_save()
 *
 * Saves @record like pd_store_save(), as an edit that began when the
 * platform's version was @started. A field that a pull changed while the
 * user was typing, and that the edit sets to something else, becomes a
 * conflict for the user to decide instead of overwriting the platform's
 * value unseen.
 */
gboolean     pd_store_save_edit          (PdStore     *self,
                                          PdRecord    *record,
                                          JsonNode    *started,
                                          const char  *action_title,
                                          GError     **error);

/**
 * pd_store_get_conflict:
 * @local: (out) (transfer full) (optional)
 * @server: (out) (transfer full) (optional) (nullable): %NULL if the server
 *   deleted the record
 * @fields: (out) (transfer full) (optional): dotted paths in conflict
 *
 * Returns: %FALSE if the record is not in conflict
 */
gboolean     pd_store_get_conflict       (PdStore     *self,
                                          const char  *kind,
                                          const char  *id,
                                          JsonNode   **local,
                                          JsonNode   **server,
                                          char      ***fields);
/* Ends the conflict with @resolved (the user's choice per field; %NULL
 * accepts the server's deletion) and queues it to be pushed. */
gboolean     pd_store_resolve_conflict   (PdStore     *self,
                                          const char  *kind,
                                          const char  *id,
                                          JsonNode    *resolved,
                                          GError     **error);

G_END_DECLS
