/* pd-sync-push.c: sends the outbox, one operation after the other
 *
 * Each op is frozen as inflight (payload and key committed) before it is
 * sent, so a crash at any moment re-sends the very same request and the
 * platform replays its first answer. The answer is applied in one store
 * transaction; the store removes the op only if the record was not edited
 * meanwhile, so an edit made during the request is pushed next.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-sync"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-sync-engine-private.h"

static void push_next (PdSyncEngine *self);
static void send_op (PdSyncEngine *self);

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

static gboolean
op_is_sendable (PdOutboxOp *op,
                gint64      now)
{
  return (op->status == PD_OUTBOX_STATUS_PENDING || op->status == PD_OUTBOX_STATUS_INFLIGHT) &&
         op->next_at <= now;
}

void
_pd_sync_push_begin (PdSyncEngine *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ops = NULL;
  gint64 now = g_get_real_time ();

  ops = pd_store_list_outbox (self->store, TRUE, &error);
  if (ops == NULL)
    {
      _pd_sync_engine_fail (self, error);
      return;
    }

  g_clear_pointer (&self->ops, g_ptr_array_unref);
  self->ops = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_outbox_op_free);
  for (guint i = 0; i < ops->len; i++)
    {
      PdOutboxOp *op = g_ptr_array_index (ops, i);

      if (op_is_sendable (op, now))
        g_ptr_array_add (self->ops, pd_outbox_op_copy (op));
    }
  self->op_index = 0;

  push_next (self);
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

static void
push_next (PdSyncEngine *self)
{
  g_autoptr(GError) error = NULL;
  PdOutboxOp *queued;
  JsonNode *payload = NULL;
  gint64 started;

  g_clear_pointer (&self->op, pd_outbox_op_free);

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

  queued = g_ptr_array_index (self->ops, self->op_index++);
  started = g_get_monotonic_time ();
  self->op = pd_store_mark_inflight (self->store, queued->op_id, &error);
  g_debug ("Froze op %" G_GINT64_FORMAT " in %.1f ms", queued->op_id, (g_get_monotonic_time () - started) / 1000.0);
  if (self->op == NULL)
    {
      /* The op was merged away or resolved since the list was read. */
      if (g_error_matches (error, PD_STORE_ERROR, PD_STORE_ERROR_NOT_FOUND) ||
          g_error_matches (error, PD_STORE_ERROR, PD_STORE_ERROR_CONFLICT))
        {
          push_next (self);
          return;
        }
      _pd_sync_engine_fail (self, error);
      return;
    }

  _pd_sync_engine_hook (self, "op-frozen");

  g_ptr_array_set_size (self->assets_to_send, 0);
  if (self->op->payload != NULL && self->op->verb != PD_OUTBOX_VERB_DELETE)
    {
      payload = json_from_string (self->op->payload, NULL);
      if (payload != NULL)
        {
          g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);

          collect_assets (payload, found);
          for (guint i = 0; i < found->len; i++)
            {
              const char *sha = g_ptr_array_index (found, i);

              if (!g_hash_table_contains (self->uploaded_assets, sha))
                g_ptr_array_add (self->assets_to_send, g_strdup (sha));
            }
          json_node_unref (payload);
        }
    }

  send_op (self);
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
      /* An asset rejected for good leaves the record unsendable too; the
       * record's own push then fails with the platform's reason. */
      if (pd_api_error_is_transient (error) ||
          g_error_matches (error, PD_API_ERROR, PD_API_ERROR_UNAUTHORIZED) ||
          g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          _pd_sync_engine_fail (self, error);
          return;
        }
      g_debug ("Asset %s was refused: %s", sha, error->message);
    }
  else
    g_hash_table_add (self->uploaded_assets, g_steal_pointer (&sha));

  send_op (self);
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

static void apply_answer (PdSyncEngine *self,
                          PdApiRecord  *record,
                          const GError *error);

static void
on_record_answered_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(PdSyncEngine) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PdApiRecord) record = NULL;

  record = pd_api_client_record_finish (PD_API_CLIENT (source), result, &error);
  apply_answer (self, record, error);
}

static void
on_delete_answered_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(PdSyncEngine) self = user_data;
  g_autoptr(GError) error = NULL;

  pd_api_client_delete_record_finish (PD_API_CLIENT (source), result, &error);
  apply_answer (self, NULL, error);
}

static void
send_op (PdSyncEngine *self)
{
  PdOutboxOp *op = self->op;
  g_autoptr(JsonNode) payload = NULL;
  g_autoptr(GError) error = NULL;

  if (upload_next_asset (self))
    return;

  if (op->verb != PD_OUTBOX_VERB_DELETE)
    {
      payload = op->payload != NULL ? json_from_string (op->payload, &error) : NULL;
      if (payload == NULL || !JSON_NODE_HOLDS_OBJECT (payload))
        {
          /* A frozen op that cannot be read would block the queue
           * forever: park it, keeping the record's data. */
          pd_store_mark_op_dead (self->store, op->op_id,
                                 _("The change could not be prepared for sending."), NULL);
          push_next (self);
          return;
        }
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
    default:
      g_assert_not_reached ();
    }
}

static JsonNode *
record_node (PdApiRecord *record)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, record->object);
  return node;
}

static void
apply_conflict (PdSyncEngine *self,
                JsonObject   *current)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  gint64 revision = 0;

  if (current != NULL)
    {
      node = json_node_new (JSON_NODE_OBJECT);
      json_node_set_object (node, current);
      revision = json_object_get_int_member_with_default (current, "revision", 0);
    }

  if (!pd_store_apply_push_conflict (self->store, self->op->op_id, revision, node, &error))
    {
      _pd_sync_engine_fail (self, error);
      return;
    }
  _pd_sync_engine_hook (self, "op-applied");
  push_next (self);
}

static void
apply_answer (PdSyncEngine *self,
              PdApiRecord  *record,
              const GError *error)
{
  g_autoptr(GError) local_error = NULL;
  PdOutboxOp *op = self->op;

  _pd_sync_engine_hook (self, "op-answered");
  g_debug ("Op %" G_GINT64_FORMAT " answered: %s (revision %" G_GINT64_FORMAT ")",
           op->op_id, error != NULL ? error->message : "ok", record != NULL ? record->revision : 0);

  if (error == NULL)
    {
      g_autoptr(JsonNode) node = record != NULL ? record_node (record) : NULL;

      gint64 started = g_get_monotonic_time ();

      if (!pd_store_apply_push_result (self->store, op->op_id,
                                       record != NULL ? record->revision : 0,
                                       node, &local_error))
        {
          _pd_sync_engine_fail (self, local_error);
          return;
        }
      g_debug ("Applied op %" G_GINT64_FORMAT " in %.1f ms", op->op_id,
               (g_get_monotonic_time () - started) / 1000.0);
      _pd_sync_engine_hook (self, "op-applied");
      _pd_sync_engine_succeeded (self);
      push_next (self);
      return;
    }

  if (error->domain == PD_API_ERROR)
    {
      switch ((PdApiErrorCode) error->code)
        {
        case PD_API_ERROR_PRECONDITION_FAILED:
          apply_conflict (self, pd_api_error_get_current (error));
          return;

        case PD_API_ERROR_NOT_FOUND:
          if (op->verb == PD_OUTBOX_VERB_DELETE)
            {
              /* Gone already: the delete has the effect it wanted. */
              if (!pd_store_apply_push_result (self->store, op->op_id, 0, NULL, &local_error))
                {
                  _pd_sync_engine_fail (self, local_error);
                  return;
                }
              push_next (self);
            }
          else
            /* Deleted on the platform while edited here. */
            apply_conflict (self, NULL);
          return;

        case PD_API_ERROR_INVALID_REQUEST:
        case PD_API_ERROR_FORBIDDEN:
        case PD_API_ERROR_VALIDATION:
        case PD_API_ERROR_IDEMPOTENCY_KEY_REUSED:
        case PD_API_ERROR_PAYLOAD_TOO_LARGE:
        case PD_API_ERROR_PRECONDITION_REQUIRED:
        case PD_API_ERROR_NOT_PUBLISHABLE:
          {
            g_autoptr(GString) message = g_string_new (error->message);
            GPtrArray *fields = pd_api_error_get_field_errors (error);

            for (guint i = 0; fields != NULL && i < fields->len; i++)
              {
                PdApiFieldError *fe = g_ptr_array_index (fields, i);

                g_string_append_printf (message, "\n%s: %s", fe->field, fe->message);
              }
            if (!pd_store_mark_op_dead (self->store, op->op_id, message->str, &local_error))
              {
                _pd_sync_engine_fail (self, local_error);
                return;
              }
            push_next (self);
          }
          return;

        default:
          break;
        }
    }

  /* Transient errors, 401 and cancellation: the engine decides when to
   * try again; the op stays inflight with its key, so the retry is the
   * same request. */
  _pd_sync_engine_fail (self, error);
}
