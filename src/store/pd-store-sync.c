/* pd-store-sync.c: change tracking and the outbox (SYNC.md)
 *
 * Invariants: a record has at most one op that is not inflight; an
 * inflight op is never changed (its payload and key are what the server
 * may already have seen); sync_records.local_seq grows with every local
 * edit, so a push result can tell whether the user edited meanwhile.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-store"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pd-clock.h"
#include "pd-json.h"
#include "pd-store-private.h"
#include "pd-validation.h"

typedef struct {
  gboolean     exists;
  PdSyncState  state;
  gint64       revision;
  gint64       local_seq;
  char        *base_json;
  char        *conflict_json;
  char        *conflict_fields;  /* JSON array of the dotted paths in dispute */
} SyncRow;

static void
sync_row_clear (SyncRow *row)
{
  g_clear_pointer (&row->base_json, g_free);
  g_clear_pointer (&row->conflict_json, g_free);
  g_clear_pointer (&row->conflict_fields, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SyncRow, sync_row_clear)

static gboolean
read_sync_row (PdStore     *self,
               const char  *kind,
               const char  *id,
               SyncRow     *row,
               GError     **error)
{
  sqlite3_stmt *stmt = _pd_store_prepare (self,
    "SELECT state, revision, local_seq, base_json, conflict_json, conflict_fields FROM sync_records"
    " WHERE kind = ?1 AND id = ?2", error);
  int state = PD_SYNC_STATE_SYNCED;

  memset (row, 0, sizeof *row);
  if (stmt == NULL)
    return FALSE;
  _pd_store_bind_static (stmt, 1, kind);
  _pd_store_bind_static (stmt, 2, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      row->exists = TRUE;
      pd_enum_from_string (PD_TYPE_SYNC_STATE, _pd_store_column_text (stmt, 0), &state);
      row->state = state;
      row->revision = sqlite3_column_int64 (stmt, 1);
      row->local_seq = sqlite3_column_int64 (stmt, 2);
      row->base_json = g_strdup (_pd_store_column_text (stmt, 3));
      row->conflict_json = g_strdup (_pd_store_column_text (stmt, 4));
      row->conflict_fields = g_strdup (_pd_store_column_text (stmt, 5));
    }
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
write_sync_row (PdStore     *self,
                const char  *kind,
                const char  *id,
                PdSyncState  state,
                gint64       revision,
                gint64       local_seq,
                const char  *base_json,
                const char  *conflict_json,
                const char  *conflict_fields,
                GError     **error)
{
  sqlite3_stmt *stmt = _pd_store_prepare (self,
    "INSERT INTO sync_records (kind, id, state, revision, local_seq, base_json, conflict_json, conflict_fields)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (kind, id) DO UPDATE SET"
    " state = ?3, revision = ?4, local_seq = ?5, base_json = ?6, conflict_json = ?7, conflict_fields = ?8", error);

  if (stmt == NULL)
    return FALSE;
  _pd_store_bind_static (stmt, 1, kind);
  _pd_store_bind_static (stmt, 2, id);
  _pd_store_bind_static (stmt, 3, pd_enum_to_string (PD_TYPE_SYNC_STATE, state));
  sqlite3_bind_int64 (stmt, 4, revision);
  sqlite3_bind_int64 (stmt, 5, local_seq);
  _pd_store_bind_static (stmt, 6, base_json);
  _pd_store_bind_static (stmt, 7, conflict_json);
  _pd_store_bind_static (stmt, 8, conflict_fields);
  return _pd_store_step_done (self, stmt, error);
}

static gboolean
run_for_record (PdStore     *self,
                const char  *sql,
                const char  *kind,
                const char  *id,
                GError     **error)
{
  sqlite3_stmt *stmt = _pd_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  _pd_store_bind_text (stmt, 1, kind);
  _pd_store_bind_text (stmt, 2, id);
  return _pd_store_step_done (self, stmt, error);
}

static gboolean
has_inflight_op (PdStore    *self,
                 const char *kind,
                 const char *id)
{
  sqlite3_stmt *stmt = _pd_store_prepare (self,
    "SELECT 1 FROM outbox WHERE kind = ?1 AND record_id = ?2 AND status = 'inflight'", NULL);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  _pd_store_bind_text (stmt, 1, kind);
  _pd_store_bind_text (stmt, 2, id);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return found;
}

/* Edits merge into the record's op that is not inflight; a dead op comes
 * back to life with a fresh key, since the server never accepted it. */
/* An idempotency key: a time-ordered (version 7) UUID, written without
 * printf into @key (37 bytes), as every saved record needs one. Being
 * time-ordered, keys go to the end of the outbox's unique index instead
 * of splitting pages all over it; 74 random bits keep them unique across
 * devices. The server only needs a unique printable key. */
static void
new_idempotency_key (char key[37])
{
  static const char hex[] = "0123456789abcdef";
  guint64 ms = (guint64) (pd_real_time () / 1000);
  guint8 bytes[16] = { 0 };
  guint j = 0;

  for (guint i = 0; i < 6; i++)
    bytes[i] = (guint8) (ms >> (40 - 8 * i));
  for (guint i = 6; i < 16; i += 2)
    {
      guint32 r = g_random_int ();

      bytes[i] = (guint8) r;
      bytes[i + 1] = (guint8) (r >> 8);
    }
  bytes[6] = (bytes[6] & 0x0f) | 0x70;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  for (guint i = 0; i < 16; i++)
    {
      if (i == 4 || i == 6 || i == 8 || i == 10)
        key[j++] = '-';
      key[j++] = hex[bytes[i] >> 4];
      key[j++] = hex[bytes[i] & 0x0f];
    }
  key[j] = '\0';
}

static gboolean
insert_op (PdStore         *self,
           const char      *kind,
           const char      *id,
           PdOutboxVerb     verb,
           PdOutboxStatus   status,
           gint64           local_seq,
           GError         **error)
{
  char key[37];
  sqlite3_stmt *stmt = _pd_store_prepare (self,
    "INSERT INTO outbox (kind, record_id, verb, idempotency_key, local_seq, status)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);

  if (stmt == NULL)
    return FALSE;
  new_idempotency_key (key);
  _pd_store_bind_static (stmt, 1, kind);
  _pd_store_bind_static (stmt, 2, id);
  _pd_store_bind_static (stmt, 3, pd_outbox_verb_to_string (verb));
  _pd_store_bind_static (stmt, 4, key);
  sqlite3_bind_int64 (stmt, 5, local_seq);
  _pd_store_bind_static (stmt, 6, pd_outbox_status_to_string (status));
  self->outbox_touched = TRUE;
  return _pd_store_step_done (self, stmt, error);
}

static gboolean
merge_op (PdStore         *self,
          const char      *kind,
          const char      *id,
          PdOutboxVerb     verb,
          PdOutboxStatus   status,
          gint64           local_seq,
          GError         **error)
{
  sqlite3_stmt *stmt;
  gint64 op_id = 0;
  gboolean was_dead = FALSE;

  stmt = _pd_store_prepare (self,
    "SELECT op_id, status FROM outbox WHERE kind = ?1 AND record_id = ?2 AND status != 'inflight'"
    " ORDER BY op_id DESC LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  _pd_store_bind_text (stmt, 1, kind);
  _pd_store_bind_text (stmt, 2, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      op_id = sqlite3_column_int64 (stmt, 0);
      was_dead = g_strcmp0 (_pd_store_column_text (stmt, 1), "dead") == 0;
    }
  sqlite3_reset (stmt);

  if (op_id != 0)
    {
      g_autofree char *key = was_dead ? pd_uuid_new () : NULL;

      stmt = _pd_store_prepare (self,
        "UPDATE outbox SET verb = ?2, status = ?3, local_seq = ?4, payload = NULL,"
        " idempotency_key = coalesce (?5, idempotency_key),"
        " attempts = CASE WHEN ?5 IS NULL THEN attempts ELSE 0 END,"
        " last_error = CASE WHEN ?5 IS NULL THEN last_error ELSE NULL END"
        " WHERE op_id = ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, op_id);
      _pd_store_bind_text (stmt, 2, pd_outbox_verb_to_string (verb));
      _pd_store_bind_text (stmt, 3, pd_outbox_status_to_string (status));
      sqlite3_bind_int64 (stmt, 4, local_seq);
      _pd_store_bind_text (stmt, 5, key);
    }
  else
    return insert_op (self, kind, id, verb, status, local_seq, error);

  self->outbox_touched = TRUE;
  return _pd_store_step_done (self, stmt, error);
}

static gboolean
drop_waiting_ops (PdStore     *self,
                  const char  *kind,
                  const char  *id,
                  GError     **error)
{
  self->outbox_touched = TRUE;
  return run_for_record (self, "DELETE FROM outbox WHERE kind = ?1 AND record_id = ?2 AND status != 'inflight'",
                         kind, id, error);
}

static char *
conflict_fields_json (GPtrArray *fields)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < fields->len; i++)
    json_array_add_string_element (array, g_ptr_array_index (fields, i));
  json_node_take_array (node, array);
  return pd_json_to_string (node);
}

/* (transfer full): the paths of @json (a row's conflict_fields), NULL
 * when it names none: a conflict stored before the fields were kept. */
static GPtrArray *
parse_conflict_fields (const char *json)
{
  g_autoptr(JsonNode) node = json != NULL ? pd_json_from_string (json, NULL) : NULL;
  GPtrArray *fields;
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  array = json_node_get_array (node);
  if (json_array_get_length (array) == 0)
    return NULL;
  fields = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      const char *path = json_array_get_string_element (array, i);

      if (path != NULL)
        g_ptr_array_add (fields, g_strdup (path));
    }
  return fields;
}

static gboolean
path_overlaps (const char *a,
               const char *b)
{
  gsize na = strlen (a), nb = strlen (b);

  if (na == nb)
    return strcmp (a, b) == 0;
  if (na < nb)
    return strncmp (a, b, na) == 0 && b[na] == '.';
  return strncmp (a, b, nb) == 0 && a[nb] == '.';
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Adds to @disputed (dotted paths, owned) each path of @old_fields_json
 * that @local and @remote still hold different values at. A field stays
 * in dispute until the user decides it, or both sides come to agree on
 * it: neither a later save here nor a later version from the platform
 * that leaves it alone settles it. */
static void
add_still_disputed (GPtrArray  *disputed,
                    const char *old_fields_json,
                    JsonNode   *local,
                    JsonNode   *remote)
{
  g_autoptr(GPtrArray) old = parse_conflict_fields (old_fields_json);

  for (guint i = 0; old != NULL && i < old->len; i++)
    {
      const char *path = g_ptr_array_index (old, i);
      gboolean covered = FALSE;

      if (pd_json_equal (pd_json_lookup_path (local, path), pd_json_lookup_path (remote, path)))
        continue;
      for (guint j = 0; j < disputed->len && !covered; j++)
        covered = path_overlaps (path, g_ptr_array_index (disputed, j));
      if (!covered)
        g_ptr_array_add (disputed, g_strdup (path));
    }
  g_ptr_array_sort (disputed, compare_paths);
}

/* After a local save of a record in conflict: whether anything is still
 * in dispute, and in @fields_json (transfer full) what. A conflict on
 * fields whose sides now agree (renamed here to the platform's name) is
 * over; a deletion, or a conflict stored without its fields, stays as
 * it is. */
static gboolean
conflict_remains (PdStore     *self,
                  const char  *kind,
                  const char  *id,
                  SyncRow     *row,
                  char       **fields_json)
{
  g_autoptr(GPtrArray) old = parse_conflict_fields (row->conflict_fields);
  g_autoptr(GPtrArray) disputed = NULL;
  g_autoptr(JsonNode) local = NULL;
  g_autoptr(JsonNode) remote = NULL;

  *fields_json = g_strdup (row->conflict_fields);
  if (old == NULL || row->conflict_json == NULL)
    return TRUE;
  for (guint i = 0; i < old->len; i++)
    if (g_str_equal (g_ptr_array_index (old, i), "deleted"))
      return TRUE;

  local = _pd_store_read_content (self, kind, id);
  remote = pd_json_from_string (row->conflict_json, NULL);
  if (local == NULL || remote == NULL)
    return TRUE;

  disputed = g_ptr_array_new_with_free_func (g_free);
  add_still_disputed (disputed, row->conflict_fields, local, remote);
  g_clear_pointer (fields_json, g_free);
  if (disputed->len == 0)
    return FALSE;
  *fields_json = conflict_fields_json (disputed);
  return TRUE;
}

gboolean
_pd_store_track_local_change (PdStore     *self,
                              const char  *kind,
                              const char  *id,
                              gboolean     deleted,
                              GError     **error)
{
  g_auto(SyncRow) row = { 0, };
  g_autofree char *fields_json = NULL;
  gboolean inflight;
  PdSyncState state;
  PdOutboxVerb verb;
  gint64 seq;

  if (!read_sync_row (self, kind, id, &row, error))
    return FALSE;

  if (!row.exists)
    {
      if (deleted)
        return TRUE;
      /* Without bookkeeping there is no op either: insert directly. */
      self->tracked_state = PD_SYNC_STATE_CREATED;
      self->tracked_revision = 0;
      return write_sync_row (self, kind, id, PD_SYNC_STATE_CREATED, 0, 1, NULL, NULL, NULL, error) &&
             insert_op (self, kind, id, PD_OUTBOX_VERB_CREATE, PD_OUTBOX_STATUS_PENDING, 1, error);
    }

  seq = row.local_seq + 1;
  inflight = has_inflight_op (self, kind, id);

  if (deleted)
    {
      /* Created here and never sent: the server need not hear of it. */
      self->tracked_state = PD_SYNC_STATE_DELETED;
      self->tracked_revision = row.revision;
      if (row.revision == 0 && !inflight)
        return drop_waiting_ops (self, kind, id, error) &&
               run_for_record (self, "DELETE FROM sync_records WHERE kind = ?1 AND id = ?2", kind, id, error);

      state = row.state == PD_SYNC_STATE_CONFLICT ? PD_SYNC_STATE_CONFLICT : PD_SYNC_STATE_DELETED;
      fields_json = g_strdup (row.conflict_fields);
      verb = PD_OUTBOX_VERB_DELETE;
    }
  else
    {
      /* The base of a record in conflict is the platform's version: a save
       * here changes what is in dispute only where it now agrees with it. */
      gboolean in_conflict = row.state == PD_SYNC_STATE_CONFLICT &&
                             conflict_remains (self, kind, id, &row, &fields_json);

      if (!in_conflict)
        g_clear_pointer (&row.conflict_json, g_free);

      /* Edited back to what the server has (e.g. undo): nothing to send. */
      if (!in_conflict && row.base_json != NULL && !inflight)
        {
          g_autoptr(JsonNode) base = pd_json_from_string (row.base_json, NULL);
          g_autoptr(JsonNode) local = _pd_store_read_content (self, kind, id);

          if (pd_json_equal (base, local))
            {
              self->tracked_state = PD_SYNC_STATE_SYNCED;
              self->tracked_revision = row.revision;
              return write_sync_row (self, kind, id, PD_SYNC_STATE_SYNCED, row.revision, seq, row.base_json,
                                     NULL, NULL, error) &&
                     drop_waiting_ops (self, kind, id, error);
            }
        }

      if (in_conflict)
        state = PD_SYNC_STATE_CONFLICT;
      else if (row.revision == 0)
        state = PD_SYNC_STATE_CREATED;
      else
        state = PD_SYNC_STATE_MODIFIED;
      /* After an inflight create the server will have it: update next. */
      verb = row.revision == 0 && !inflight ? PD_OUTBOX_VERB_CREATE : PD_OUTBOX_VERB_UPDATE;
    }

  self->tracked_state = state;
  self->tracked_revision = row.revision;
  return write_sync_row (self, kind, id, state, row.revision, seq, row.base_json, row.conflict_json,
                         state == PD_SYNC_STATE_CONFLICT ? fields_json : NULL, error) &&
         merge_op (self, kind, id, verb,
                   state == PD_SYNC_STATE_CONFLICT ? PD_OUTBOX_STATUS_CONFLICT : PD_OUTBOX_STATUS_PENDING,
                   seq, error);
}

static void
idempotency_key_func (sqlite3_context *context,
                      int              argc,
                      sqlite3_value  **argv)
{
  char key[37];

  new_idempotency_key (key);
  sqlite3_result_text (context, key, 36, SQLITE_TRANSIENT);
}

void
_pd_store_register_sync_functions (sqlite3 *db)
{
  /* Not deterministic: a new key on every call. */
  sqlite3_create_function (db, "pd_idempotency_key", 0, SQLITE_UTF8 | SQLITE_INNOCUOUS,
                           NULL, idempotency_key_func, NULL, NULL);
}

/* For records just written that the caller found absent (a bulk import):
 * their bookkeeping and create ops in three statements for all of them,
 * instead of a read and two writes each. @ids_json is a JSON array of the
 * ids; those the store already tracks (say, synced and then deleted here)
 * are returned in @out_tracked for the caller to track one by one, and
 * get neither a row nor an op here. */
gboolean
_pd_store_track_created_all (PdStore     *self,
                             const char  *kind,
                             const char  *ids_json,
                             GPtrArray   *out_tracked,
                             GError     **error)
{
  sqlite3_stmt *stmt = _pd_store_prepare (self,
    "SELECT value FROM json_each (?2) WHERE EXISTS"
    " (SELECT 1 FROM sync_records WHERE kind = ?1 AND id = value)", error);

  if (stmt == NULL)
    return FALSE;
  _pd_store_bind_static (stmt, 1, kind);
  _pd_store_bind_static (stmt, 2, ids_json);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (out_tracked, g_strdup (_pd_store_column_text (stmt, 0)));
  sqlite3_reset (stmt);

  /* The ops first, while "not tracked yet" still tells them apart (in
   * the usual case, none is tracked and the check is left out). */
  if (out_tracked->len == 0)
    stmt = _pd_store_prepare (self,
      "INSERT INTO outbox (kind, record_id, verb, idempotency_key, local_seq, status)"
      " SELECT ?1, value, 'create', pd_idempotency_key (), 1, 'pending' FROM json_each (?2) ORDER BY key", error);
  else
    stmt = _pd_store_prepare (self,
      "INSERT INTO outbox (kind, record_id, verb, idempotency_key, local_seq, status)"
      " SELECT ?1, value, 'create', pd_idempotency_key (), 1, 'pending' FROM json_each (?2)"
      " WHERE NOT EXISTS (SELECT 1 FROM sync_records WHERE kind = ?1 AND id = value) ORDER BY key", error);
  if (stmt == NULL)
    return FALSE;
  _pd_store_bind_static (stmt, 1, kind);
  _pd_store_bind_static (stmt, 2, ids_json);
  if (!_pd_store_step_done (self, stmt, error))
    return FALSE;
  self->outbox_touched = TRUE;

  stmt = _pd_store_prepare (self,
    "INSERT INTO sync_records (kind, id, state, revision, local_seq)"
    " SELECT ?1, value, 'created', 0, 1 FROM json_each (?2) WHERE true"
    " ON CONFLICT (kind, id) DO NOTHING", error);
  if (stmt == NULL)
    return FALSE;
  _pd_store_bind_static (stmt, 1, kind);
  _pd_store_bind_static (stmt, 2, ids_json);
  return _pd_store_step_done (self, stmt, error);
}

PdSyncState
_pd_store_read_state (PdStore    *self,
                      const char *kind,
                      const char *id,
                      gint64     *revision)
{
  g_auto(SyncRow) row = { 0, };

  if (!read_sync_row (self, kind, id, &row, NULL) || !row.exists)
    {
      if (revision != NULL)
        *revision = 0;
      /* Rows without bookkeeping came from elsewhere, e.g. migrated. */
      return PD_SYNC_STATE_SYNCED;
    }
  if (revision != NULL)
    *revision = row.revision;
  return row.state;
}

/* --- Public change tracking ---------------------------------------------- */

PdSyncState
pd_store_get_sync_state (PdStore    *self,
                         const char *kind,
                         const char *id)
{
  g_return_val_if_fail (PD_IS_STORE (self), PD_SYNC_STATE_SYNCED);
  return _pd_store_read_state (self, kind, id, NULL);
}

gint64
pd_store_get_local_seq (PdStore    *self,
                        const char *kind,
                        const char *id)
{
  g_auto(SyncRow) row = { 0, };

  g_return_val_if_fail (PD_IS_STORE (self), 0);

  read_sync_row (self, kind, id, &row, NULL);
  return row.local_seq;
}

JsonNode *
pd_store_get_base (PdStore    *self,
                   const char *kind,
                   const char *id)
{
  g_auto(SyncRow) row = { 0, };

  g_return_val_if_fail (PD_IS_STORE (self), NULL);

  if (!read_sync_row (self, kind, id, &row, NULL) || row.base_json == NULL)
    return NULL;
  return pd_json_from_string (row.base_json, NULL);
}

JsonNode *
pd_store_get_local (PdStore    *self,
                    const char *kind,
                    const char *id)
{
  g_return_val_if_fail (PD_IS_STORE (self), NULL);
  return _pd_store_read_content (self, kind, id);
}

char **
pd_store_get_dirty_fields (PdStore    *self,
                           const char *kind,
                           const char *id)
{
  g_autoptr(JsonNode) base = NULL;
  g_autoptr(JsonNode) local = NULL;

  g_return_val_if_fail (PD_IS_STORE (self), NULL);

  base = pd_store_get_base (self, kind, id);
  local = _pd_store_read_content (self, kind, id);
  if (base == NULL && local == NULL)
    return g_new0 (char *, 1);
  return pd_json_changed_fields (base, local);
}

/* --- Outbox --------------------------------------------------------------- */

#define OP_COLUMNS \
  "op_id, kind, record_id, verb, idempotency_key, if_match, payload, local_seq, status," \
  " attempts, next_at, last_error"

static PdOutboxOp *
op_from_row (sqlite3_stmt *stmt)
{
  PdOutboxOp *op = g_new0 (PdOutboxOp, 1);
  const char *verb = _pd_store_column_text (stmt, 3);
  const char *status = _pd_store_column_text (stmt, 8);

  op->op_id = sqlite3_column_int64 (stmt, 0);
  op->kind = g_strdup (_pd_store_column_text (stmt, 1));
  op->record_id = g_strdup (_pd_store_column_text (stmt, 2));
  op->verb = g_str_equal (verb, "create") ? PD_OUTBOX_VERB_CREATE
           : g_str_equal (verb, "delete") ? PD_OUTBOX_VERB_DELETE
           : g_str_equal (verb, "upload") ? PD_OUTBOX_VERB_UPLOAD : PD_OUTBOX_VERB_UPDATE;
  op->idempotency_key = g_strdup (_pd_store_column_text (stmt, 4));
  op->if_match = sqlite3_column_int64 (stmt, 5);
  op->payload = g_strdup (_pd_store_column_text (stmt, 6));
  op->local_seq = sqlite3_column_int64 (stmt, 7);
  op->status = g_str_equal (status, "inflight") ? PD_OUTBOX_STATUS_INFLIGHT
             : g_str_equal (status, "conflict") ? PD_OUTBOX_STATUS_CONFLICT
             : g_str_equal (status, "dead") ? PD_OUTBOX_STATUS_DEAD : PD_OUTBOX_STATUS_PENDING;
  op->attempts = sqlite3_column_int (stmt, 9);
  op->next_at = sqlite3_column_int64 (stmt, 10);
  op->last_error = g_strdup (_pd_store_column_text (stmt, 11));
  return op;
}

static PdOutboxOp *
read_op (PdStore  *self,
         gint64    op_id,
         GError  **error)
{
  sqlite3_stmt *stmt = _pd_store_prepare (self, "SELECT " OP_COLUMNS " FROM outbox WHERE op_id = ?1", error);
  PdOutboxOp *op = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, op_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    op = op_from_row (stmt);
  sqlite3_reset (stmt);

  if (op == NULL)
    g_set_error (error, PD_STORE_ERROR, PD_STORE_ERROR_NOT_FOUND,
                 _("The change to send no longer exists."));
  return op;
}

GPtrArray *
pd_store_list_outbox (PdStore   *self,
                      gboolean   ready_only,
                      GError   **error)
{
  g_autoptr(GPtrArray) ops = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_outbox_op_free);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PD_IS_STORE (self), NULL);

  if (ready_only)
    {
      stmt = _pd_store_prepare (self, "SELECT " OP_COLUMNS " FROM outbox"
                                " WHERE status IN ('pending', 'inflight') AND next_at <= ?1 ORDER BY op_id", error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_int64 (stmt, 1, pd_real_time ());
    }
  else
    {
      stmt = _pd_store_prepare (self, "SELECT " OP_COLUMNS " FROM outbox ORDER BY op_id", error);
      if (stmt == NULL)
        return NULL;
    }

  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (ops, op_from_row (stmt));
  sqlite3_reset (stmt);

  return g_steal_pointer (&ops);
}

/* What the window tells the user about; a workspace with 100,000 unsent
 * projects must not build 100,000 ops after every edit to find these. */
GPtrArray *
pd_store_list_outbox_problems (PdStore  *self,
                               GError  **error)
{
  g_autoptr(GPtrArray) ops = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_outbox_op_free);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PD_IS_STORE (self), NULL);

  stmt = _pd_store_prepare (self, "SELECT " OP_COLUMNS " FROM outbox"
                            " WHERE status IN ('dead', 'conflict') ORDER BY op_id", error);
  if (stmt == NULL)
    return NULL;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (ops, op_from_row (stmt));
  sqlite3_reset (stmt);

  return g_steal_pointer (&ops);
}

guint
pd_store_count_outbox (PdStore *self)
{
  sqlite3_stmt *stmt;
  guint count = 0;

  g_return_val_if_fail (PD_IS_STORE (self), 0);

  stmt = _pd_store_prepare (self, "SELECT count(*) FROM outbox", NULL);
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return count;
}

PdOutboxOp *
pd_store_mark_inflight (PdStore  *self,
                        gint64    op_id,
                        GError  **error)
{
  g_autoptr(PdOutboxOp) op = NULL;
  g_auto(SyncRow) row = { 0, };
  g_autoptr(JsonNode) local = NULL;
  g_autofree char *payload = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PD_IS_STORE (self), NULL);

  if (!_pd_store_begin (self, error))
    return NULL;

  op = read_op (self, op_id, error);
  if (op == NULL)
    goto fail;
  /* Voucher codes (pd-store-voucher-sync.c): no record, no revision. */
  if (op->verb == PD_OUTBOX_VERB_UPLOAD)
    {
      gboolean gone = FALSE;

      if (!_pd_store_freeze_upload_op (self, op, &gone, error) || !_pd_store_commit (self, error))
        goto fail;
      if (gone)
        {
          g_set_error (error, PD_STORE_ERROR, PD_STORE_ERROR_NOT_FOUND, _("The record no longer exists."));
          return NULL;
        }
      pd_outbox_op_free (g_steal_pointer (&op));
      return read_op (self, op_id, error);
    }
  if (op->status == PD_OUTBOX_STATUS_INFLIGHT)
    {
      if (!_pd_store_commit (self, error))
        goto fail;
      return g_steal_pointer (&op);
    }
  if (op->status != PD_OUTBOX_STATUS_PENDING)
    {
      g_set_error (error, PD_STORE_ERROR, PD_STORE_ERROR_CONFLICT,
                   _("This change waits for a decision and cannot be sent."));
      goto fail;
    }
  if (!read_sync_row (self, op->kind, op->record_id, &row, error))
    goto fail;

  if (op->verb != PD_OUTBOX_VERB_DELETE)
    {
      local = _pd_store_read_content (self, op->kind, op->record_id);
      if (local == NULL)
        {
          g_set_error (error, PD_STORE_ERROR, PD_STORE_ERROR_NOT_FOUND,
                       _("The record no longer exists."));
          goto fail;
        }
      if (op->verb == PD_OUTBOX_VERB_CREATE)
        payload = pd_json_to_string (local);
      else
        {
          g_autoptr(JsonNode) base = row.base_json != NULL ? pd_json_from_string (row.base_json, NULL) : NULL;
          g_autoptr(JsonNode) patch = pd_json_merge_patch_diff (base, local);

          payload = pd_json_to_string (patch);
        }
    }

  stmt = _pd_store_prepare (self,
    "UPDATE outbox SET status = 'inflight', payload = ?2, if_match = ?3 WHERE op_id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, op_id);
  _pd_store_bind_text (stmt, 2, payload);
  sqlite3_bind_int64 (stmt, 3, op->verb == PD_OUTBOX_VERB_CREATE ? 0 : row.revision);
  if (!_pd_store_step_done (self, stmt, error) || !_pd_store_commit (self, error))
    goto fail;

  pd_outbox_op_free (g_steal_pointer (&op));
  return read_op (self, op_id, error);

fail:
  _pd_store_rollback (self);
  return NULL;
}

static gboolean
write_content (PdStore     *self,
               const char  *kind,
               JsonNode    *content,
               GError     **error)
{
  g_autoptr(PdRecord) record = pd_record_new_from_json (pd_record_type_from_kind (kind), content, error);

  return record != NULL && _pd_store_write_record (self, record, error);
}

static void
refresh_live (PdStore    *self,
              const char *kind,
              const char *id)
{
  g_autoptr(JsonNode) content = _pd_store_read_content (self, kind, id);

  _pd_store_update_live (self, kind, id, content, NULL);
}

/* Drops an op that is done with (sent, or nothing left to send). */
gboolean
_pd_store_delete_op (PdStore  *self,
                     gint64    op_id,
                     GError  **error)
{
  sqlite3_stmt *stmt = _pd_store_prepare (self, "DELETE FROM outbox WHERE op_id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, op_id);
  self->outbox_touched = TRUE;
  return _pd_store_step_done (self, stmt, error);
}

gboolean
pd_store_apply_push_result (PdStore   *self,
                            gint64     op_id,
                            gint64     revision,
                            JsonNode  *server_record,
                            GError   **error)
{
  g_autoptr(PdOutboxOp) op = NULL;
  g_auto(SyncRow) row = { 0, };
  g_autoptr(JsonNode) base = NULL;
  g_autoptr(PdRecord) parsed = NULL;
  g_autofree char *base_json = NULL;
  gboolean confirmed = FALSE;

  g_return_val_if_fail (PD_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_pd_store_begin (self, error))
    return FALSE;

  op = read_op (self, op_id, error);
  if (op == NULL)
    goto fail;
  if (op->status != PD_OUTBOX_STATUS_INFLIGHT)
    {
      g_set_error (error, PD_STORE_ERROR, PD_STORE_ERROR_CONFLICT,
                   _("This change was not being sent."));
      goto fail;
    }
  if (op->verb == PD_OUTBOX_VERB_UPLOAD)
    {
      if (!_pd_store_finish_upload_op (self, op, error) || !_pd_store_commit (self, error))
        goto fail;
      return TRUE;
    }
  if (!read_sync_row (self, op->kind, op->record_id, &row, error) ||
      !_pd_store_delete_op (self, op_id, error))
    goto fail;

  if (op->verb == PD_OUTBOX_VERB_DELETE)
    {
      if (!row.exists || row.state == PD_SYNC_STATE_DELETED)
        {
          if (!run_for_record (self, "DELETE FROM sync_records WHERE kind = ?1 AND id = ?2",
                               op->kind, op->record_id, error))
            goto fail;
        }
      else
        {
          /* Restored here (undo) while the delete was under way: the
           * server now has a tombstone, so it must be created again. */
          if (!write_sync_row (self, op->kind, op->record_id, PD_SYNC_STATE_CREATED, 0, row.local_seq,
                               NULL, NULL, NULL, error) ||
              !merge_op (self, op->kind, op->record_id, PD_OUTBOX_VERB_CREATE, PD_OUTBOX_STATUS_PENDING,
                         row.local_seq, error))
            goto fail;
        }
      if (!_pd_store_commit (self, error))
        goto fail;
      refresh_live (self, op->kind, op->record_id);
      return TRUE;
    }

  if (server_record != NULL)
    {
      /* Parsed once: written as it is below, its content the new base. */
      parsed = pd_record_new_from_json (pd_record_type_from_kind (op->kind), server_record, error);
      if (parsed == NULL)
        goto fail;
      base = pd_record_content_to_json (parsed);
    }
  else
    {
      /* No body: what the server confirmed is what we sent. */
      g_autoptr(JsonNode) sent = op->payload != NULL ? pd_json_from_string (op->payload, NULL) : NULL;
      g_autoptr(JsonNode) old_base = row.base_json != NULL ? pd_json_from_string (row.base_json, NULL) : NULL;

      if (sent == NULL)
        {
          g_set_error (error, PD_STORE_ERROR, PD_STORE_ERROR_FAILED, _("The change that was sent is unknown."));
          goto fail;
        }
      base = op->verb == PD_OUTBOX_VERB_CREATE ? g_steal_pointer (&sent)
                                               : pd_json_merge_patch_apply (old_base, sent);
    }
  base_json = pd_json_to_string (base);

  if (row.exists && row.local_seq == op->local_seq && row.state != PD_SYNC_STATE_CONFLICT &&
      row.state != PD_SYNC_STATE_DELETED)
    {
      /* Nothing changed meanwhile: the server's copy is the local one. */
      if (!(parsed != NULL ? _pd_store_write_record (self, parsed, error)
                           : write_content (self, op->kind, base, error)) ||
          !write_sync_row (self, op->kind, op->record_id, PD_SYNC_STATE_SYNCED, revision, row.local_seq,
                           base_json, NULL, NULL, error))
        goto fail;
      confirmed = TRUE;
    }
  else
    {
      PdSyncState state = row.state == PD_SYNC_STATE_CREATED ? PD_SYNC_STATE_MODIFIED : row.state;

      if (!write_sync_row (self, op->kind, op->record_id, state, revision, row.local_seq,
                           base_json, row.conflict_json, NULL, error) ||
          !run_for_record (self, "UPDATE outbox SET verb = 'update' WHERE kind = ?1 AND record_id = ?2"
                           " AND verb = 'create' AND status != 'inflight'", op->kind, op->record_id, error))
        goto fail;
    }

  if (!_pd_store_commit (self, error))
    goto fail;
  /* What was just written is known: no need to read it back. */
  if (confirmed)
    _pd_store_update_live_known (self, op->kind, op->record_id, base, parsed, PD_SYNC_STATE_SYNCED, revision);
  else
    refresh_live (self, op->kind, op->record_id);
  return TRUE;

fail:
  _pd_store_rollback (self);
  return FALSE;
}

/* @remote_json: the server side, or %NULL when it deleted the record */
static gboolean
mark_conflict (PdStore     *self,
               const char  *kind,
               const char  *id,
               SyncRow     *row,
               gint64       revision,
               const char  *base_json,
               const char  *remote_json,
               GPtrArray   *fields,
               PdOutboxVerb verb,
               GError     **error)
{
  g_autofree char *fields_json = conflict_fields_json (fields);

  return write_sync_row (self, kind, id, PD_SYNC_STATE_CONFLICT, revision, row->local_seq + 1,
                         base_json, remote_json, fields_json, error) &&
         merge_op (self, kind, id, verb, PD_OUTBOX_STATUS_CONFLICT, row->local_seq + 1, error);
}

/* Brings one server version of a record in (a pull or the "current" of a
 * 412): taken as is without local changes, merged three-way with them.
 * @parsed is the server version read (NULL: it deleted the record), and
 * @remote_json its normalised content. */
static gboolean
merge_remote_read (PdStore     *self,
                   const char  *kind,
                   const char  *id,
                   gint64       revision,
                   PdRecord    *parsed,
                   const char  *remote_json,
                   gboolean     from_push,
                   PdRecord   **out_written,
                   GError     **error)
{
  g_auto(SyncRow) row = { 0, };
  g_autoptr(JsonNode) remote = NULL;
  g_autoptr(JsonNode) local = NULL;
  g_autoptr(JsonNode) base = NULL;
  g_autoptr(JsonNode) merged = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GPtrArray) deleted_field = g_ptr_array_new ();

  if (!read_sync_row (self, kind, id, &row, error))
    return FALSE;

  if (!row.exists || row.state == PD_SYNC_STATE_SYNCED)
    {
      if (parsed == NULL)
        return _pd_store_delete_rows (self, kind, id, error) &&
               drop_waiting_ops (self, kind, id, error) &&
               run_for_record (self, "DELETE FROM sync_records WHERE kind = ?1 AND id = ?2", kind, id, error);

      if (row.exists && !from_push && revision <= row.revision)
        return TRUE;
      if (!_pd_store_write_record (self, parsed, error) ||
          !write_sync_row (self, kind, id, PD_SYNC_STATE_SYNCED, revision, row.local_seq,
                           remote_json, NULL, NULL, error))
        return FALSE;
      /* The caller may make it the live instance: nothing to read back. */
      if (out_written != NULL)
        {
          pd_record_set_revision (parsed, revision);
          pd_record_set_sync_state (parsed, PD_SYNC_STATE_SYNCED);
          *out_written = g_object_ref (parsed);
        }
      return TRUE;
    }

  /* Our own push coming back through the feed, or an older version. */
  if (!from_push && parsed != NULL && revision <= row.revision)
    return TRUE;

  local = _pd_store_read_content (self, kind, id);
  g_ptr_array_add (deleted_field, (gpointer) "deleted");

  if (parsed == NULL)
    {
      if (local == NULL)
        return drop_waiting_ops (self, kind, id, error) &&
               run_for_record (self, "DELETE FROM sync_records WHERE kind = ?1 AND id = ?2", kind, id, error);
      /* Deleted there, edited here: the user decides. */
      return mark_conflict (self, kind, id, &row, row.revision, row.base_json, NULL, deleted_field,
                            PD_OUTBOX_VERB_UPDATE, error);
    }

  if (local == NULL)
    return mark_conflict (self, kind, id, &row, revision, remote_json, remote_json, deleted_field,
                          PD_OUTBOX_VERB_DELETE, error);

  remote = pd_record_content_to_json (parsed);
  base = row.base_json != NULL ? pd_json_from_string (row.base_json, NULL) : NULL;
  merged = pd_json_three_way_merge (base, local, remote, &conflicts);
  /* In conflict already, the base is the platform's version of then: a
   * field in dispute that this version left alone is still in dispute. */
  if (row.state == PD_SYNC_STATE_CONFLICT)
    add_still_disputed (conflicts, row.conflict_fields, merged, remote);
  if (!write_content (self, kind, merged, error))
    return FALSE;

  if (conflicts->len > 0)
    return mark_conflict (self, kind, id, &row, revision, remote_json, remote_json, conflicts,
                          PD_OUTBOX_VERB_UPDATE, error);

  if (pd_json_equal (merged, remote))
    return drop_waiting_ops (self, kind, id, error) &&
           write_sync_row (self, kind, id, PD_SYNC_STATE_SYNCED, revision, row.local_seq + 1,
                           remote_json, NULL, NULL, error);

  /* Both sides' changes kept: the local ones go out against the new base. */
  return write_sync_row (self, kind, id, PD_SYNC_STATE_MODIFIED, revision, row.local_seq + 1,
                         remote_json, NULL, NULL, error) &&
         merge_op (self, kind, id, PD_OUTBOX_VERB_UPDATE, PD_OUTBOX_STATUS_PENDING, row.local_seq + 1, error);
}

/* The same for a server version still in JSON (@server_record, NULL when
 * the server deleted the record). */
static gboolean
merge_remote (PdStore     *self,
              const char  *kind,
              const char  *id,
              gint64       revision,
              JsonNode    *server_record,
              gboolean     from_push,
              PdRecord   **out_written,
              GError     **error)
{
  g_autoptr(PdRecord) parsed = NULL;
  g_autoptr(JsonNode) remote = NULL;
  g_autofree char *remote_json = NULL;

  if (server_record != NULL)
    {
      parsed = pd_record_new_from_json (pd_record_type_from_kind (kind), server_record, error);
      if (parsed == NULL)
        return FALSE;
      remote = pd_record_content_to_json (parsed);
      remote_json = pd_json_to_string (remote);
    }
  return merge_remote_read (self, kind, id, revision, parsed, remote_json, from_push, out_written, error);
}

gboolean
pd_store_apply_push_conflict (PdStore   *self,
                              gint64     op_id,
                              gint64     revision,
                              JsonNode  *current,
                              GError   **error)
{
  g_autoptr(PdOutboxOp) op = NULL;

  g_return_val_if_fail (PD_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_pd_store_begin (self, error))
    return FALSE;

  op = read_op (self, op_id, error);
  if (op == NULL || !_pd_store_delete_op (self, op_id, error) ||
      !merge_remote (self, op->kind, op->record_id, revision, current, TRUE, NULL, error) ||
      !_pd_store_commit (self, error))
    {
      _pd_store_rollback (self);
      return FALSE;
    }

  refresh_live (self, op->kind, op->record_id);
  return TRUE;
}

static gboolean
update_op_status (PdStore     *self,
                  gint64       op_id,
                  const char  *sql,
                  gint64       next_at,
                  const char  *message,
                  GError     **error)
{
  sqlite3_stmt *stmt;

  if (!_pd_store_begin (self, error))
    return FALSE;

  stmt = _pd_store_prepare (self, sql, error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, op_id);
  sqlite3_bind_int64 (stmt, 2, next_at);
  _pd_store_bind_text (stmt, 3, message);
  if (!_pd_store_step_done (self, stmt, error))
    goto fail;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, PD_STORE_ERROR, PD_STORE_ERROR_NOT_FOUND,
                   _("The change to send no longer exists."));
      goto fail;
    }
  self->outbox_touched = TRUE;
  return _pd_store_commit (self, error);

fail:
  _pd_store_rollback (self);
  return FALSE;
}

gboolean
pd_store_retry_op_later (PdStore     *self,
                         gint64       op_id,
                         gint64       next_at,
                         const char  *error_message,
                         GError     **error)
{
  g_return_val_if_fail (PD_IS_STORE (self), FALSE);

  return update_op_status (self, op_id,
                           "UPDATE outbox SET attempts = attempts + 1, next_at = ?2, last_error = ?3"
                           " WHERE op_id = ?1", next_at, error_message, error);
}

gboolean
pd_store_limit_waits (PdStore  *self,
                      gint64    latest,
                      GError  **error)
{
  static const char * const statements[] = {
    "UPDATE outbox SET next_at = ?1 WHERE status IN ('pending', 'inflight') AND next_at > ?1",
    "UPDATE sync_state SET backoff_until = ?1 WHERE backoff_until > ?1",
  };

  g_return_val_if_fail (PD_IS_STORE (self), FALSE);

  if (!_pd_store_begin (self, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (statements); i++)
    {
      sqlite3_stmt *stmt = _pd_store_prepare (self, statements[i], error);

      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, latest);
      if (!_pd_store_step_done (self, stmt, error))
        goto fail;
    }
  return _pd_store_commit (self, error);

fail:
  _pd_store_rollback (self);
  return FALSE;
}

gboolean
pd_store_mark_op_dead (PdStore     *self,
                       gint64       op_id,
                       const char  *error_message,
                       GError     **error)
{
  g_return_val_if_fail (PD_IS_STORE (self), FALSE);

  /* Back to no payload: if the user fixes the record, the op revives
   * with a new key and a fresh payload (merge_op). */
  return update_op_status (self, op_id,
                           "UPDATE outbox SET status = 'dead', attempts = attempts + 1, next_at = ?2,"
                           " last_error = ?3, payload = NULL WHERE op_id = ?1", 0, error_message, error);
}

/* --- Pull ------------------------------------------------------------------ */

static gboolean
apply_code_status (PdStore         *self,
                   PdRemoteChange  *change,
                   GError         **error)
{
  sqlite3_stmt *stmt;

  if (change->code_status == NULL)
    return TRUE;
  stmt = _pd_store_prepare (self, "UPDATE voucher_codes SET status = ?2, redeemed_at = ?3 WHERE code = ?1", error);
  if (stmt == NULL)
    return FALSE;
  _pd_store_bind_text (stmt, 1, change->id);
  _pd_store_bind_text (stmt, 2, change->code_status);
  _pd_store_bind_text (stmt, 3, change->redeemed_at);
  return _pd_store_step_done (self, stmt, error);
}

/**
 * pd_store_apply_remote_page:
 * @page: the page's changes, read with pd_remote_page_new()
 * @next_cursor: (nullable): the page's next_cursor
 *
 * Like pd_store_apply_remote_changes() for a page already read. The
 * records of @page may become the store's live instances.
 */
gboolean
pd_store_apply_remote_page (PdStore       *self,
                            const char    *scope,
                            PdRemotePage  *page,
                            const char    *next_cursor,
                            GError       **error)
{
  g_autoptr(GPtrArray) touched = g_ptr_array_new ();
  /* Records taken from the server as they are: they become the live
   * instances (or update them) without being read back. */
  g_autoptr(GPtrArray) written_records = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  gboolean resyncing;
  guint n_vouchers = 0;

  g_return_val_if_fail (PD_IS_STORE (self), FALSE);
  g_return_val_if_fail (scope != NULL && page != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* A page lost to a power cut is lost with its cursor: pulled again. */
  if (!_pd_store_begin_relaxed (self, error))
    return FALSE;

  resyncing = pd_store_is_resyncing (self, scope);
  for (guint i = 0; i < pd_remote_page_get_length (page); i++)
    {
      PdRemoteChange *change = pd_remote_page_get_change (page, i);
      g_autoptr(PdRecord) written = NULL;

      if (g_str_equal (change->kind, "voucher"))
        {
          if (!apply_code_status (self, change, error))
            goto fail;
          n_vouchers++;
          continue;
        }
      /* Kinds this version does not know are skipped, not an error. */
      if (pd_record_type_from_kind (change->kind) == G_TYPE_INVALID)
        continue;

      if (!merge_remote_read (self, change->kind, change->id, change->revision, change->record,
                              change->content_json, FALSE, &written, error))
        goto fail;
      if (resyncing)
        {
          stmt = _pd_store_prepare (self, "INSERT OR IGNORE INTO resync_seen (scope, kind, id) VALUES (?1, ?2, ?3)", error);
          if (stmt == NULL)
            goto fail;
          _pd_store_bind_text (stmt, 1, scope);
          _pd_store_bind_text (stmt, 2, change->kind);
          _pd_store_bind_text (stmt, 3, change->id);
          if (!_pd_store_step_done (self, stmt, error))
            goto fail;
        }
      if (written != NULL)
        g_ptr_array_add (written_records, g_steal_pointer (&written));
      else
        g_ptr_array_add (touched, change);
    }

  /* The cursor moves in the same transaction as the data it covers. */
  stmt = _pd_store_prepare (self,
    "INSERT INTO sync_state (scope, cursor) VALUES (?1, ?2)"
    " ON CONFLICT (scope) DO UPDATE SET cursor = ?2", error);
  if (stmt == NULL)
    goto fail;
  _pd_store_bind_text (stmt, 1, scope);
  _pd_store_bind_text (stmt, 2, next_cursor);
  if (!_pd_store_step_done (self, stmt, error) || !_pd_store_commit (self, error))
    goto fail;

  for (guint i = 0; i < written_records->len; i++)
    {
      PdRecord *record = g_ptr_array_index (written_records, i);
      const char *kind = pd_record_get_kind (record);
      const char *id = pd_record_get_id (record);
      PdRecord *live = _pd_store_lookup_live (self, kind, id);
      g_autoptr(JsonNode) content = NULL;

      /* An instance someone holds takes the new content; otherwise the
       * parsed record becomes the live one. */
      if (live != NULL)
        content = pd_record_content_to_json (record);
      else
        content = json_node_new (JSON_NODE_NULL);
      _pd_store_update_live_known (self, kind, id, content, record, PD_SYNC_STATE_SYNCED,
                                   pd_record_get_revision (record));
    }
  for (guint i = 0; i < touched->len; i++)
    {
      PdRemoteChange *change = g_ptr_array_index (touched, i);

      refresh_live (self, change->kind, change->id);
    }
  if (n_vouchers > 0)
    _pd_store_emit_voucher_codes_changed (self);
  return TRUE;

fail:
  _pd_store_rollback (self);
  return FALSE;
}

gboolean
pd_store_apply_remote_changes (PdStore     *self,
                               const char  *scope,
                               JsonArray   *changes,
                               const char  *next_cursor,
                               GError     **error)
{
  g_autoptr(PdRemotePage) page = NULL;

  g_return_val_if_fail (PD_IS_STORE (self), FALSE);
  g_return_val_if_fail (scope != NULL && changes != NULL, FALSE);

  page = pd_remote_page_new (changes, error);
  return page != NULL && pd_store_apply_remote_page (self, scope, page, next_cursor, error);
}

char *
pd_store_get_cursor (PdStore    *self,
                     const char *scope)
{
  sqlite3_stmt *stmt;
  char *cursor = NULL;

  g_return_val_if_fail (PD_IS_STORE (self), NULL);

  stmt = _pd_store_prepare (self, "SELECT cursor FROM sync_state WHERE scope = ?1", NULL);
  if (stmt == NULL)
    return NULL;
  _pd_store_bind_text (stmt, 1, scope);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    cursor = g_strdup (_pd_store_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return cursor;
}

gboolean
pd_store_reset_cursor (PdStore     *self,
                       const char  *scope,
                       GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PD_IS_STORE (self), FALSE);

  stmt = _pd_store_prepare (self, "UPDATE sync_state SET cursor = NULL WHERE scope = ?1", error);
  if (stmt == NULL)
    return FALSE;
  _pd_store_bind_text (stmt, 1, scope);
  return _pd_store_step_done (self, stmt, error);
}

gint64
pd_store_get_backoff_until (PdStore    *self,
                            const char *scope)
{
  sqlite3_stmt *stmt;
  gint64 until = 0;

  g_return_val_if_fail (PD_IS_STORE (self), 0);

  stmt = _pd_store_prepare (self, "SELECT backoff_until FROM sync_state WHERE scope = ?1", NULL);
  if (stmt == NULL)
    return 0;
  _pd_store_bind_text (stmt, 1, scope);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    until = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return until;
}

gboolean
pd_store_set_backoff_until (PdStore     *self,
                            const char  *scope,
                            gint64       until,
                            GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PD_IS_STORE (self), FALSE);

  stmt = _pd_store_prepare (self,
    "INSERT INTO sync_state (scope, backoff_until) VALUES (?1, ?2)"
    " ON CONFLICT (scope) DO UPDATE SET backoff_until = ?2", error);
  if (stmt == NULL)
    return FALSE;
  _pd_store_bind_text (stmt, 1, scope);
  sqlite3_bind_int64 (stmt, 2, until);
  return _pd_store_step_done (self, stmt, error);
}

/* --- Full resync ------------------------------------------------------------ */

gboolean
pd_store_is_resyncing (PdStore    *self,
                       const char *scope)
{
  sqlite3_stmt *stmt;
  gboolean resyncing = FALSE;

  g_return_val_if_fail (PD_IS_STORE (self), FALSE);

  stmt = _pd_store_prepare (self, "SELECT resyncing FROM sync_state WHERE scope = ?1", NULL);
  if (stmt == NULL)
    return FALSE;
  _pd_store_bind_text (stmt, 1, scope);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    resyncing = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);
  return resyncing;
}

static gboolean
run_for_scope (PdStore     *self,
               const char  *sql,
               const char  *scope,
               GError     **error)
{
  sqlite3_stmt *stmt = _pd_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  _pd_store_bind_text (stmt, 1, scope);
  return _pd_store_step_done (self, stmt, error);
}

gboolean
pd_store_begin_full_resync (PdStore     *self,
                            const char  *scope,
                            GError     **error)
{
  g_return_val_if_fail (PD_IS_STORE (self), FALSE);
  g_return_val_if_fail (scope != NULL, FALSE);

  if (!_pd_store_begin (self, error))
    return FALSE;
  if (!run_for_scope (self, "INSERT INTO sync_state (scope, cursor, resyncing) VALUES (?1, NULL, 1)"
                      " ON CONFLICT (scope) DO UPDATE SET cursor = NULL, resyncing = 1", scope, error) ||
      !run_for_scope (self, "DELETE FROM resync_seen WHERE scope = ?1", scope, error) ||
      !_pd_store_commit (self, error))
    {
      _pd_store_rollback (self);
      return FALSE;
    }
  return TRUE;
}

typedef struct {
  char        *kind;
  char        *id;
  PdSyncState  state;
  gint64       local_seq;
} Unseen;

static void
unseen_free (Unseen *unseen)
{
  g_free (unseen->kind);
  g_free (unseen->id);
  g_free (unseen);
}

static gboolean
forget_unseen (PdStore  *self,
               Unseen   *unseen,
               GError  **error)
{
  const char *kind = unseen->kind, *id = unseen->id;

  switch (unseen->state)
    {
    case PD_SYNC_STATE_SYNCED:
      /* Gone on the server while we could not hear of it. */
      return _pd_store_delete_rows (self, kind, id, error) &&
             drop_waiting_ops (self, kind, id, error) &&
             run_for_record (self, "DELETE FROM sync_records WHERE kind = ?1 AND id = ?2", kind, id, error);

    case PD_SYNC_STATE_DELETED:
      /* Deleted on both sides. */
      return drop_waiting_ops (self, kind, id, error) &&
             run_for_record (self, "DELETE FROM sync_records WHERE kind = ?1 AND id = ?2", kind, id, error);

    case PD_SYNC_STATE_CREATED:
    case PD_SYNC_STATE_MODIFIED:
    case PD_SYNC_STATE_CONFLICT:
      /* Edited here, unknown there: keep it and create it anew. */
      return write_sync_row (self, kind, id, PD_SYNC_STATE_CREATED, 0, unseen->local_seq + 1,
                             NULL, NULL, NULL, error) &&
             merge_op (self, kind, id, PD_OUTBOX_VERB_CREATE, PD_OUTBOX_STATUS_PENDING,
                       unseen->local_seq + 1, error);

    default:
      g_assert_not_reached ();
    }
}

gboolean
pd_store_finish_full_resync (PdStore     *self,
                             const char  *scope,
                             GError     **error)
{
  g_autoptr(GPtrArray) unseen = g_ptr_array_new_with_free_func ((GDestroyNotify) unseen_free);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PD_IS_STORE (self), FALSE);
  g_return_val_if_fail (scope != NULL, FALSE);

  if (!_pd_store_begin (self, error))
    return FALSE;

  if (!pd_store_is_resyncing (self, scope))
    {
      g_set_error (error, PD_STORE_ERROR, PD_STORE_ERROR_CONFLICT, _("No full synchronisation is under way."));
      goto fail;
    }

  /* Only records the server once confirmed: ones made here and never sent
   * are not expected in its feed. */
  stmt = _pd_store_prepare (self,
    "SELECT kind, id, state, local_seq FROM sync_records AS r WHERE revision > 0 AND NOT EXISTS"
    " (SELECT 1 FROM resync_seen AS s WHERE s.scope = ?1 AND s.kind = r.kind AND s.id = r.id)", error);
  if (stmt == NULL)
    goto fail;
  _pd_store_bind_text (stmt, 1, scope);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      Unseen *entry = g_new0 (Unseen, 1);
      int state = PD_SYNC_STATE_SYNCED;

      entry->kind = g_strdup (_pd_store_column_text (stmt, 0));
      entry->id = g_strdup (_pd_store_column_text (stmt, 1));
      pd_enum_from_string (PD_TYPE_SYNC_STATE, _pd_store_column_text (stmt, 2), &state);
      entry->state = state;
      entry->local_seq = sqlite3_column_int64 (stmt, 3);
      g_ptr_array_add (unseen, entry);
    }
  sqlite3_reset (stmt);

  for (guint i = 0; i < unseen->len; i++)
    if (!forget_unseen (self, g_ptr_array_index (unseen, i), error))
      goto fail;

  if (!run_for_scope (self, "UPDATE sync_state SET resyncing = 0 WHERE scope = ?1", scope, error) ||
      !run_for_scope (self, "DELETE FROM resync_seen WHERE scope = ?1", scope, error) ||
      !_pd_store_commit (self, error))
    goto fail;

  for (guint i = 0; i < unseen->len; i++)
    {
      Unseen *entry = g_ptr_array_index (unseen, i);
      refresh_live (self, entry->kind, entry->id);
    }
  return TRUE;

fail:
  _pd_store_rollback (self);
  return FALSE;
}

/* --- Conflicts -------------------------------------------------------------- */

JsonNode *
pd_store_dup_synced (PdStore    *self,
                     const char *kind,
                     const char *id)
{
  g_auto(SyncRow) row = { 0, };

  g_return_val_if_fail (PD_IS_STORE (self), NULL);

  if (!read_sync_row (self, kind, id, &row, NULL) || !row.exists || row.base_json == NULL)
    return NULL;
  return pd_json_from_string (row.base_json, NULL);
}

gboolean
pd_store_save_edit (PdStore     *self,
                    PdRecord    *record,
                    JsonNode    *started,
                    const char  *action_title,
                    GError     **error)
{
  g_auto(SyncRow) row = { 0, };
  g_autoptr(JsonNode) synced = NULL;
  g_autoptr(JsonNode) local = NULL;
  g_autoptr(JsonNode) merged = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  const char *kind, *id;

  g_return_val_if_fail (PD_IS_STORE (self), FALSE);
  g_return_val_if_fail (PD_IS_RECORD (record), FALSE);

  if (started == NULL)
    return pd_store_save (self, record, action_title, error);

  kind = pd_record_get_kind (record);
  id = pd_record_get_id (record);
  if (!_pd_store_begin (self, error))
    return FALSE;
  if (!read_sync_row (self, kind, id, &row, error))
    goto fail;

  /* The base is the platform's version as last pulled: where it moved
   * away from @started, a pull landed while the user typed. Already in
   * conflict: the user decides there anyway. */
  if (row.exists && row.base_json != NULL && row.state != PD_SYNC_STATE_CONFLICT)
    {
      synced = pd_json_from_string (row.base_json, NULL);
      local = pd_record_content_to_json (record);
      merged = pd_json_three_way_merge (started, local, synced, &conflicts);
    }

  if (!pd_store_save (self, record, action_title, error))
    goto fail;
  if (conflicts != NULL && conflicts->len > 0)
    {
      g_auto(SyncRow) saved = { 0, };

      if (!read_sync_row (self, kind, id, &saved, error) ||
          !mark_conflict (self, kind, id, &saved, saved.revision, saved.base_json, saved.base_json,
                          conflicts, PD_OUTBOX_VERB_UPDATE, error))
        goto fail;
      self->outbox_touched = TRUE;
    }
  if (!_pd_store_commit (self, error))
    goto fail;
  return TRUE;

fail:
  _pd_store_rollback (self);
  return FALSE;
}

gboolean
pd_store_get_conflict (PdStore     *self,
                       const char  *kind,
                       const char  *id,
                       JsonNode   **local,
                       JsonNode   **server,
                       char      ***fields)
{
  g_auto(SyncRow) row = { 0, };
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PD_IS_STORE (self), FALSE);

  if (!read_sync_row (self, kind, id, &row, NULL) || row.state != PD_SYNC_STATE_CONFLICT)
    return FALSE;

  if (local != NULL)
    *local = _pd_store_read_content (self, kind, id);
  if (server != NULL)
    *server = row.conflict_json != NULL ? pd_json_from_string (row.conflict_json, NULL) : NULL;
  if (fields != NULL)
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

      stmt = _pd_store_prepare (self, "SELECT value FROM sync_records, json_each (conflict_fields)"
                                " WHERE sync_records.kind = ?1 AND sync_records.id = ?2", NULL);
      if (stmt != NULL)
        {
          _pd_store_bind_text (stmt, 1, kind);
          _pd_store_bind_text (stmt, 2, id);
          while (sqlite3_step (stmt) == SQLITE_ROW)
            g_strv_builder_add (builder, _pd_store_column_text (stmt, 0));
          sqlite3_reset (stmt);
        }
      *fields = g_strv_builder_end (builder);
    }
  return TRUE;
}

gboolean
pd_store_resolve_conflict (PdStore     *self,
                           const char  *kind,
                           const char  *id,
                           JsonNode    *resolved,
                           GError     **error)
{
  g_auto(SyncRow) row = { 0, };
  g_autoptr(PdRecord) record = NULL;
  gboolean server_deleted;
  gint64 seq;

  g_return_val_if_fail (PD_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (resolved != NULL)
    {
      record = pd_record_new_from_json (pd_record_type_from_kind (kind), resolved, error);
      if (record == NULL || !pd_record_validate (record, error))
        return FALSE;
    }

  if (!_pd_store_begin (self, error))
    return FALSE;
  if (!read_sync_row (self, kind, id, &row, error))
    goto fail;
  if (row.state != PD_SYNC_STATE_CONFLICT)
    {
      g_set_error (error, PD_STORE_ERROR, PD_STORE_ERROR_CONFLICT, _("The record is not in conflict."));
      goto fail;
    }

  server_deleted = row.conflict_json == NULL;
  seq = row.local_seq + 1;

  if (record == NULL)
    {
      if (!_pd_store_delete_rows (self, kind, id, error))
        goto fail;
      if (server_deleted)
        {
          if (!drop_waiting_ops (self, kind, id, error) ||
              !run_for_record (self, "DELETE FROM sync_records WHERE kind = ?1 AND id = ?2", kind, id, error))
            goto fail;
        }
      else if (!write_sync_row (self, kind, id, PD_SYNC_STATE_DELETED, row.revision, seq, row.base_json,
                                NULL, NULL, error) ||
               !merge_op (self, kind, id, PD_OUTBOX_VERB_DELETE, PD_OUTBOX_STATUS_PENDING, seq, error))
        goto fail;
    }
  else
    {
      if (!_pd_store_write_record (self, record, error))
        goto fail;
      /* Kept against a deletion on the server: it is created anew. */
      if (server_deleted)
        {
          if (!write_sync_row (self, kind, id, PD_SYNC_STATE_CREATED, 0, seq, NULL, NULL, NULL, error) ||
              !merge_op (self, kind, id, PD_OUTBOX_VERB_CREATE, PD_OUTBOX_STATUS_PENDING, seq, error))
            goto fail;
        }
      else if (!write_sync_row (self, kind, id, PD_SYNC_STATE_MODIFIED, row.revision, seq, row.base_json,
                                NULL, NULL, error) ||
               !merge_op (self, kind, id, PD_OUTBOX_VERB_UPDATE, PD_OUTBOX_STATUS_PENDING, seq, error))
        goto fail;
    }

  if (!_pd_store_commit (self, error))
    goto fail;
  refresh_live (self, kind, id);
  return TRUE;

fail:
  _pd_store_rollback (self);
  return FALSE;
}
