/* pd-sync-push.c: sends the outbox in batches
 *
 * A batch of operations is frozen as inflight (payload and key committed)
 * in one transaction before any of them is sent, so a crash at any moment
 * re-sends the very same requests and the platform replays its first
 * answers. The requests go one after the other; their answers are kept in
 * memory and applied together in one transaction when the batch is done
 * (or stops early). Until that commit nothing is lost by a crash: the ops
 * are still inflight and go again with their keys. The store removes an
 * op only if its record was not edited meanwhile, so an edit made during
 * the request is pushed next.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-sync"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-clock.h"
#include "pd-json.h"
#include "pd-sync-engine-private.h"

/* Enough to make the two commits per batch cheap; small enough that a
 * batch stopped by an error re-sends little. */
#define BATCH_SIZE 64

typedef PdSyncPushItem Item;

static void send_next (PdSyncEngine *self);
static void freeze_batch (PdSyncEngine *self);

static void
item_free (gpointer data)
{
  Item *item = data;

  pd_outbox_op_free (item->op);
  g_clear_pointer (&item->record, pd_api_record_free);
  g_clear_error (&item->error);
  g_free (item);
}

static gboolean
is_sha256 (const char *text)
{
  if (text == NULL || strlen (text) != 64)
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isxdigit (*p) || g_ascii_isupper (*p))
      return FALSE;
  return TRUE;
}

/* Every "…sha256" member anywhere in the record names an asset it uses
 * (project images, theme logos, image blocks). */
static void
collect_assets (JsonNode   *node,
                GPtrArray  *found)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, &name, &member))
        {
          if (g_str_has_suffix (name, "sha256") &&
              json_node_get_value_type (member) == G_TYPE_STRING &&
              is_sha256 (json_node_get_string (member)))
            g_ptr_array_add (found, g_strdup (json_node_get_string (member)));
          else
            collect_assets (member, found);
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        collect_assets (json_array_get_element (array, i), found);
    }
}

void
_pd_sync_push_begin (PdSyncEngine *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ops = NULL;

  /* pending or inflight, and due */
  ops = pd_store_list_outbox (self->store, TRUE, &error);
  if (ops == NULL)
    {
      _pd_sync_engine_fail (self, error);
      return;
    }

  g_clear_pointer (&self->ops, g_ptr_array_unref);
  self->ops = g_steal_pointer (&ops);
  self->op_index = 0;

  freeze_batch (self);
}

static void
set_push_progress (PdSyncEngine *self)
{
  double progress = self->ops->len > 0 ? (double) self->op_index / self->ops->len : 1.0;

  if (progress != self->progress)
    {
      self->progress = progress;
      g_object_notify (G_OBJECT (self), "progress");
    }
}

/* A batch's code chunks count as that batch: each waits for what went
 * before it (the batch's create first), one chunk per push batch, so each
 * chunk's answer is applied in a transaction of its own. */
static const char *
record_kind (PdOutboxOp *op)
{
  return g_str_equal (op->kind, PD_OUTBOX_KIND_VOUCHER_CODES) ? "voucher-batch" : op->kind;
}

static gboolean
batch_has_record (PdSyncEngine *self,
                  PdOutboxOp   *op)
{
  for (guint i = 0; i < self->batch->len; i++)
    {
      Item *item = g_ptr_array_index (self->batch, i);

      if (g_str_equal (item->op->record_id, op->record_id) &&
          g_str_equal (record_kind (item->op), record_kind (op)))
        return TRUE;
    }
  return FALSE;
}

static void
freeze_batch (PdSyncEngine *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->batch, g_ptr_array_unref);
  self->batch_index = 0;

  if (g_cancellable_is_cancelled (self->cancellable))
    {
      g_autoptr(GError) cancelled = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "cancelled");

      _pd_sync_engine_fail (self, cancelled);
      return;
    }

  set_push_progress (self);
  if (self->op_index >= self->ops->len)
    {
      _pd_sync_engine_phase_done (self);
      return;
    }

  self->batch = g_ptr_array_new_with_free_func (item_free);
  pd_store_begin_action (self->store, NULL);
  while (self->op_index < self->ops->len && self->batch->len < BATCH_SIZE)
    {
      PdOutboxOp *queued = g_ptr_array_index (self->ops, self->op_index);
      PdOutboxOp *frozen;
      Item *item;

      /* A second op of the same record needs the first one's revision:
       * it goes in the next batch. */
      if (batch_has_record (self, queued))
        break;
      self->op_index++;

      frozen = pd_store_mark_inflight (self->store, queued->op_id, &error);
      if (frozen == NULL)
        {
          /* Merged away or resolved since the list was read. */
          if (g_error_matches (error, PD_STORE_ERROR, PD_STORE_ERROR_NOT_FOUND) ||
              g_error_matches (error, PD_STORE_ERROR, PD_STORE_ERROR_CONFLICT))
            {
              g_clear_error (&error);
              continue;
            }
          pd_store_end_action (self->store, FALSE, NULL);
          g_clear_pointer (&self->batch, g_ptr_array_unref);
          _pd_sync_engine_fail (self, error);
          return;
        }

      item = g_new0 (Item, 1);
      item->op = frozen;
      g_ptr_array_add (self->batch, item);
    }
  if (!pd_store_end_action (self->store, TRUE, &error))
    {
      g_clear_pointer (&self->batch, g_ptr_array_unref);
      _pd_sync_engine_fail (self, error);
      return;
    }

  /* Committed: from here on a crash re-sends these with their keys. */
  for (guint i = 0; i < self->batch->len; i++)
    _pd_sync_engine_hook (self, "op-frozen");

  send_next (self);
}

static void
on_asset_uploaded_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(PdSyncEngine) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *sha = NULL;

  sha = g_ptr_array_steal_index (self->assets_to_send, self->assets_to_send->len - 1);
  if (!pd_api_client_upload_asset_finish (PD_API_CLIENT (source), result, &error))
    {
      /* An asset refused for good leaves the record to fail with the
       * platform's reason; anything else stops the batch. */
      if (pd_api_error_is_transient (error) ||
          g_error_matches (error, PD_API_ERROR, PD_API_ERROR_UNAUTHORIZED) ||
          g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          Item *item = g_ptr_array_index (self->batch, self->batch_index);

          item->error = g_steal_pointer (&error);
          item->answered = TRUE;
          self->batch_index++;
          _pd_sync_push_apply_batch (self);
          return;
        }
      g_debug ("Asset %s was refused: %s", sha, error->message);
    }
  else
    g_hash_table_add (self->uploaded_assets, g_steal_pointer (&sha));

  send_next (self);
}

static gboolean
upload_next_asset (PdSyncEngine *self)
{
  while (self->assets_to_send->len > 0)
    {
      const char *sha = g_ptr_array_index (self->assets_to_send, self->assets_to_send->len - 1);
      g_autoptr(PdAsset) asset = pd_store_get_asset (self->store, sha);
      g_autoptr(GBytes) bytes = NULL;
      g_autofree char *key = NULL;

      /* Not here: it came from the platform, which has it already. */
      if (asset == NULL ||
          (bytes = pd_store_load_asset (self->store, sha, NULL)) == NULL)
        {
          g_ptr_array_remove_index (self->assets_to_send, self->assets_to_send->len - 1);
          continue;
        }

      /* The same bytes always make the same request, so the key can be
       * derived from the hash and a retry is harmless. */
      key = g_strconcat ("asset-", sha, NULL);
      pd_api_client_upload_asset_async (self->client, sha, pd_asset_get_mime_type (asset),
                                        bytes, key, self->cancellable,
                                        on_asset_uploaded_cb, g_object_ref (self));
      return TRUE;
    }
  return FALSE;
}

static gboolean
stops_the_batch (const GError *error)
{
  /* Later requests would meet the same fate, or must not be sent now. */
  return error != NULL &&
         (pd_api_error_is_transient (error) ||
          g_error_matches (error, PD_API_ERROR, PD_API_ERROR_INVALID_RESPONSE) ||
          g_error_matches (error, PD_API_ERROR, PD_API_ERROR_UNAUTHORIZED) ||
          g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
}

static void
answered (PdSyncEngine *self,
          PdApiRecord  *record,
          GError       *error)
{
  Item *item = g_ptr_array_index (self->batch, self->batch_index++);

  item->record = record;
  item->error = error;
  item->answered = TRUE;

  _pd_sync_engine_hook (self, "op-answered");
  g_debug ("Op %" G_GINT64_FORMAT " answered: %s (revision %" G_GINT64_FORMAT ")",
           item->op->op_id, error != NULL ? error->message : "ok", record != NULL ? record->revision : 0);

  if (stops_the_batch (error))
    _pd_sync_push_apply_batch (self);
  else
    send_next (self);
}

static void
on_record_answered_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(PdSyncEngine) self = user_data;
  GError *error = NULL;
  PdApiRecord *record = pd_api_client_record_finish (PD_API_CLIENT (source), result, &error);

  answered (self, record, error);
}

static void
on_delete_answered_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(PdSyncEngine) self = user_data;
  GError *error = NULL;

  pd_api_client_delete_record_finish (PD_API_CLIENT (source), result, &error);
  answered (self, NULL, error);
}

static void
on_codes_answered_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(PdSyncEngine) self = user_data;
  GError *error = NULL;
  gint64 accepted = 0, total = 0;

  if (pd_api_client_upload_voucher_codes_finish (PD_API_CLIENT (source), result, &accepted, &total, &error))
    g_debug ("Chunk stored: %" G_GINT64_FORMAT " codes, %" G_GINT64_FORMAT " in the batch", accepted, total);
  answered (self, NULL, error);
}

/* Sends a frozen chunk of voucher codes; FALSE if its payload is unusable. */
static gboolean
send_codes (PdSyncEngine *self,
            PdOutboxOp   *op,
            JsonObject   *payload)
{
  JsonNode *codes_node = json_object_get_member (payload, "codes");
  g_autoptr(GPtrArray) codes = g_ptr_array_new ();
  JsonArray *array;
  gint64 chunk = json_object_get_int_member_with_default (payload, "chunk", -1);

  if (chunk < 0 || codes_node == NULL || !JSON_NODE_HOLDS_ARRAY (codes_node))
    return FALSE;
  array = json_node_get_array (codes_node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      const char *code = json_array_get_string_element (array, i);

      if (code == NULL)
        return FALSE;
      g_ptr_array_add (codes, (gpointer) code);
    }
  g_ptr_array_add (codes, NULL);

  g_debug ("Sending op %" G_GINT64_FORMAT " (chunk %" G_GINT64_FORMAT " of batch %s, %u codes, attempt %u)",
           op->op_id, chunk, op->record_id, codes->len - 1, op->attempts + 1);
  pd_api_client_upload_voucher_codes_async (self->client, op->record_id, (guint) chunk,
                                            (const char * const *) codes->pdata, op->idempotency_key,
                                            self->cancellable, on_codes_answered_cb, g_object_ref (self));
  return TRUE;
}

static void
send_next (PdSyncEngine *self)
{
  g_autoptr(JsonNode) payload = NULL;
  PdOutboxOp *op;
  Item *item;

  if (self->batch_index >= self->batch->len)
    {
      _pd_sync_push_apply_batch (self);
      return;
    }

  item = g_ptr_array_index (self->batch, self->batch_index);
  op = item->op;

  if (op->verb != PD_OUTBOX_VERB_DELETE)
    {
      payload = op->payload != NULL ? pd_json_from_string (op->payload, NULL) : NULL;
      if (payload == NULL || !JSON_NODE_HOLDS_OBJECT (payload))
        {
          /* A frozen op that cannot be read would block the queue
           * forever: it is parked when the batch is applied. */
          item->error = g_error_new_literal (PD_API_ERROR, PD_API_ERROR_INVALID_REQUEST,
                                             _("The change could not be prepared for sending."));
          item->answered = TRUE;
          self->batch_index++;
          send_next (self);
          return;
        }

      if (op->verb == PD_OUTBOX_VERB_UPLOAD)
        {
          if (!send_codes (self, op, json_node_get_object (payload)))
            {
              item->error = g_error_new_literal (PD_API_ERROR, PD_API_ERROR_INVALID_REQUEST,
                                                 _("The change could not be prepared for sending."));
              item->answered = TRUE;
              self->batch_index++;
              send_next (self);
            }
          return;
        }

      /* Assets before the records that use them. */
      if (self->assets_op_id != op->op_id)
        {
          g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);

          self->assets_op_id = op->op_id;
          g_ptr_array_set_size (self->assets_to_send, 0);
          collect_assets (payload, found);
          for (guint i = 0; i < found->len; i++)
            if (!g_hash_table_contains (self->uploaded_assets, g_ptr_array_index (found, i)))
              g_ptr_array_add (self->assets_to_send, g_strdup (g_ptr_array_index (found, i)));
        }
      if (upload_next_asset (self))
        return;
    }

  g_debug ("Sending op %" G_GINT64_FORMAT " (%s %s %s, If-Match %" G_GINT64_FORMAT ", attempt %u): %s",
           op->op_id, pd_outbox_verb_to_string (op->verb), op->kind, op->record_id, op->if_match,
           op->attempts + 1, op->payload != NULL ? op->payload : "");

  switch (op->verb)
    {
    case PD_OUTBOX_VERB_CREATE:
      pd_api_client_create_record_async (self->client, op->kind, op->record_id,
                                         json_node_get_object (payload), op->idempotency_key,
                                         self->cancellable, on_record_answered_cb,
                                         g_object_ref (self));
      break;
    case PD_OUTBOX_VERB_UPDATE:
      pd_api_client_update_record_async (self->client, op->kind, op->record_id, op->if_match,
                                         json_node_get_object (payload), op->idempotency_key,
                                         self->cancellable, on_record_answered_cb,
                                         g_object_ref (self));
      break;
    case PD_OUTBOX_VERB_DELETE:
      pd_api_client_delete_record_async (self->client, op->kind, op->record_id, op->if_match,
                                         op->idempotency_key, self->cancellable,
                                         on_delete_answered_cb, g_object_ref (self));
      break;
    case PD_OUTBOX_VERB_UPLOAD:
    default:
      g_assert_not_reached ();
    }
}

static JsonNode *
object_node (JsonObject *object)
{
  JsonNode *node;

  if (object == NULL)
    return NULL;
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, object);
  return node;
}

static char *
describe_rejection (const GError *error)
{
  GString *message = g_string_new (error->message);
  GPtrArray *fields = pd_api_error_get_field_errors (error);

  for (guint i = 0; fields != NULL && i < fields->len; i++)
    {
      PdApiFieldError *fe = g_ptr_array_index (fields, i);

      g_string_append_printf (message, "\n%s: %s", fe->field, fe->message);
    }
  return g_string_free (message, FALSE);
}

/* What the manager can do about a refused web address: the platform's
 * field note adds nothing they could act on, the address it keeps does. */
static char *
describe_slug_locked (PdSyncEngine *self,
                      PdOutboxOp   *op,
                      const GError *answer)
{
  g_autoptr(JsonNode) base = pd_store_get_base (self->store, op->kind, op->record_id);
  const char *slug = NULL;

  if (base != NULL && JSON_NODE_HOLDS_OBJECT (base))
    slug = json_object_get_string_member_with_default (json_node_get_object (base), "slug", NULL);
  if (slug == NULL || *slug == '\0')
    return g_strdup (answer->message);

  /* Translators: %s is the part of a campaign's web address that the
   * platform keeps, "weihnachtsaktion-2026" */
  return g_strdup_printf (_("The platform keeps the web address “%s”: vouchers of this campaign carry it, "
                            "and printed vouchers would stop working. Change the web address back on the "
                            "Details page to send your other changes."), slug);
}

/* Applies one answer; returns FALSE only when the store failed. */
static gboolean
apply_item (PdSyncEngine  *self,
            Item          *item,
            GError       **error)
{
  PdOutboxOp *op = item->op;
  const GError *answer = item->error;

  if (answer == NULL)
    {
      g_autoptr(JsonNode) node = item->record != NULL ? object_node (item->record->object) : NULL;

      return pd_store_apply_push_result (self->store, op->op_id,
                                         item->record != NULL ? item->record->revision : 0,
                                         node, error);
    }

  if (answer->domain != PD_API_ERROR)
    return TRUE;

  switch ((PdApiErrorCode) answer->code)
    {
    case PD_API_ERROR_PRECONDITION_FAILED:
      {
        JsonObject *current = pd_api_error_get_current (answer);
        g_autoptr(JsonNode) node = object_node (current);
        gint64 revision = current != NULL ? json_object_get_int_member_with_default (current, "revision", 0) : 0;

        return pd_store_apply_push_conflict (self->store, op->op_id, revision, node, error);
      }

    case PD_API_ERROR_NOT_FOUND:
      /* Codes of a batch the platform does not have (any more): the
       * batch's own op or the change feed settles it; until then the
       * chunk waits, frozen, and goes again later. */
      if (op->verb == PD_OUTBOX_VERB_UPLOAD)
        return pd_store_retry_op_later (self->store, op->op_id,
                                        pd_real_time () + 60 * G_USEC_PER_SEC, answer->message, error);
      /* Deleting what is gone has the effect it wanted; editing it is
       * delete against edit, for the user to decide. */
      if (op->verb == PD_OUTBOX_VERB_DELETE)
        return pd_store_apply_push_result (self->store, op->op_id, 0, NULL, error);
      return pd_store_apply_push_conflict (self->store, op->op_id, 0, NULL, error);

    case PD_API_ERROR_SLUG_LOCKED:
      {
        g_autofree char *message = describe_slug_locked (self, op, answer);

        return pd_store_mark_op_dead (self->store, op->op_id, message, error);
      }

    case PD_API_ERROR_INVALID_REQUEST:
    case PD_API_ERROR_FORBIDDEN:
    case PD_API_ERROR_VALIDATION:
    case PD_API_ERROR_IDEMPOTENCY_KEY_REUSED:
    case PD_API_ERROR_PAYLOAD_TOO_LARGE:
    case PD_API_ERROR_PRECONDITION_REQUIRED:
    case PD_API_ERROR_NOT_PUBLISHABLE:
      {
        /* Refused for good: parked with the reason, data kept. */
        g_autofree char *message = describe_rejection (answer);

        return pd_store_mark_op_dead (self->store, op->op_id, message, error);
      }

    default:
      /* Transient, 401, cancelled: stays inflight with its key. */
      return TRUE;
    }
}

void
_pd_sync_push_apply_batch (PdSyncEngine *self)
{
  g_autoptr(GError) error = NULL;
  const GError *stop = NULL;
  gint64 started = g_get_monotonic_time ();
  guint applied = 0;

  pd_store_begin_action (self->store, NULL);
  for (guint i = 0; i < self->batch->len; i++)
    {
      Item *item = g_ptr_array_index (self->batch, i);

      if (!item->answered)
        continue;
      if (!apply_item (self, item, &error))
        break;
      applied++;
      if (stop == NULL && stops_the_batch (item->error))
        stop = item->error;
    }
  if (error != NULL)
    {
      /* Nothing of the batch is applied; it is all re-sent later, and
       * the platform replays its answers. */
      pd_store_end_action (self->store, FALSE, NULL);
      _pd_sync_engine_fail (self, error);
      return;
    }
  if (!pd_store_end_action (self->store, TRUE, &error))
    {
      _pd_sync_engine_fail (self, error);
      return;
    }
  g_debug ("Applied %u answers in %.1f ms", applied, (g_get_monotonic_time () - started) / 1000.0);

  for (guint i = 0; i < applied; i++)
    _pd_sync_engine_hook (self, "op-applied");

  if (stop != NULL)
    {
      g_autoptr(GError) stop_copy = g_error_copy (stop);

      _pd_sync_engine_fail (self, stop_copy);
      return;
    }
  if (applied > 0)
    _pd_sync_engine_succeeded (self);

  freeze_batch (self);
}
