/* pd-remote-page.c: one page of the change feed, read into records
 *
 * Reading a page (checking every change, building the records and their
 * normalised content) touches no database and no shared state, so the
 * sync engine does it on a worker thread while the previous page is
 * written; pd_store_apply_remote_page() then only writes. A change that
 * does not read fails the whole page, so nothing of it is written.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-store"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-json.h"
#include "pd-remote-page.h"
#include "pd-validation.h"

struct _PdRemotePage
{
  GArray *changes;  /* PdRemoteChange */
};

static void
remote_change_clear (PdRemoteChange *change)
{
  g_clear_pointer (&change->kind, g_free);
  g_clear_pointer (&change->id, g_free);
  g_clear_object (&change->record);
  g_clear_pointer (&change->content_json, g_free);
  g_clear_pointer (&change->code_status, g_free);
  g_clear_pointer (&change->redeemed_at, g_free);
}

static gboolean
read_code_status (PdRemoteChange  *change,
                  JsonNode        *record,
                  GError         **error)
{
  const char *status = NULL, *redeemed_at = NULL;

  if (record == NULL || !JSON_NODE_HOLDS_OBJECT (record))
    return TRUE;
  if (!pd_json_read_string (json_node_get_object (record), "status", FALSE, &status, error) ||
      !pd_json_read_string (json_node_get_object (record), "redeemed_at", TRUE, &redeemed_at, error))
    return FALSE;
  /* A status this version does not know is skipped, like unknown kinds. */
  if (!g_str_equal (status, "issued") && !g_str_equal (status, "redeemed") && !g_str_equal (status, "expired"))
    return TRUE;
  change->code_status = g_strdup (status);
  change->redeemed_at = g_strdup (redeemed_at);
  return TRUE;
}

static gboolean
read_change (PdRemoteChange  *change,
             JsonNode        *node,
             GError         **error)
{
  JsonObject *object;
  const char *kind, *id;
  JsonNode *record;
  g_autoptr(JsonNode) content = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, PD_VALIDATION_ERROR, PD_VALIDATION_ERROR_WRONG_TYPE,
                   _("Each entry of “%s” must be an object."), "changes");
      return FALSE;
    }
  object = json_node_get_object (node);
  if (!pd_json_read_string (object, "kind", FALSE, &kind, error) ||
      !pd_json_read_string (object, "id", FALSE, &id, error) ||
      !pd_json_read_int (object, "revision", TRUE, &change->revision, error))
    return FALSE;
  change->kind = g_strdup (kind);
  change->id = g_strdup (id);
  change->deleted = json_object_get_boolean_member_with_default (object, "deleted", FALSE);
  record = change->deleted ? NULL : json_object_get_member (object, "record");

  if (g_str_equal (kind, "voucher"))
    return read_code_status (change, record, error);
  /* Kinds this version does not know are skipped, not an error. */
  if (pd_record_type_from_kind (kind) == G_TYPE_INVALID || change->deleted)
    return TRUE;
  if (record == NULL)
    {
      g_set_error (error, PD_VALIDATION_ERROR, PD_VALIDATION_ERROR_MISSING_FIELD,
                   _("The field “%s” is missing."), "record");
      return FALSE;
    }

  /* Read once: the record written, its normalised content the base. */
  change->record = pd_record_new_from_json (pd_record_type_from_kind (kind), record, error);
  if (change->record == NULL)
    return FALSE;
  content = pd_record_content_to_json (change->record);
  change->content_json = pd_json_to_string (content);
  return TRUE;
}

/**
 * pd_remote_page_new:
 * @changes: the "changes" array of one /v1/changes page
 *
 * Reads every change of a page; may be called from any thread.
 *
 * Returns: (transfer full) (nullable): the page, or %NULL with @error set
 *   if a change does not read
 */
PdRemotePage *
pd_remote_page_new (JsonArray  *changes,
                    GError    **error)
{
  g_autoptr(PdRemotePage) self = g_new0 (PdRemotePage, 1);
  guint n = json_array_get_length (changes);

  self->changes = g_array_sized_new (FALSE, TRUE, sizeof (PdRemoteChange), n);
  g_array_set_clear_func (self->changes, (GDestroyNotify) remote_change_clear);
  g_array_set_size (self->changes, n);
  for (guint i = 0; i < n; i++)
    if (!read_change (&g_array_index (self->changes, PdRemoteChange, i),
                      json_array_get_element (changes, i), error))
      return NULL;
  return g_steal_pointer (&self);
}

void
pd_remote_page_free (PdRemotePage *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->changes, g_array_unref);
  g_free (self);
}

guint
pd_remote_page_get_length (PdRemotePage *self)
{
  return self->changes->len;
}

/**
 * pd_remote_page_get_change:
 *
 * Returns: (transfer none): the change at @index
 */
PdRemoteChange *
pd_remote_page_get_change (PdRemotePage *self,
                           guint         index)
{
  g_return_val_if_fail (index < self->changes->len, NULL);

  return &g_array_index (self->changes, PdRemoteChange, index);
}
