/* pd-project-import-async.c: importing projects off the main thread
 *
 * A hundred thousand rows take seconds. The import runs in a worker
 * thread on its own connection to the same database file (SQLite in WAL
 * mode lets the window keep reading meanwhile) and writes everything in
 * one transaction, exactly as the blocking import does: a cancelled or
 * failed import leaves nothing behind. Once it has committed, the main
 * thread takes over its undo step and shows the new records.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-project-import"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-project-import-private.h"

typedef struct {
  GBytes                    *csv;
  PdProjectImportFlags       flags;
  char                      *path;
  GCancellable              *cancellable;

  /* Progress, from the worker to the caller's main context. */
  GMainContext              *context;
  PdProjectImportProgress    progress;
  gpointer                   progress_data;
  GDestroyNotify             progress_notify;
  GMutex                     lock;
  double                     fraction;      /* under @lock */
  gboolean                   pending;       /* an idle is queued; under @lock */
  int                        last_percent;  /* worker only */

  /* Results, from the worker. */
  PdImportReport            *report;
  GPtrArray                 *changes;       /* the undo step's changes */
  char                      *title;
} ImportData;

static void
import_data_free (ImportData *data)
{
  g_clear_pointer (&data->csv, g_bytes_unref);
  g_free (data->path);
  g_clear_object (&data->cancellable);
  g_clear_pointer (&data->context, g_main_context_unref);
  if (data->progress_notify != NULL)
    data->progress_notify (data->progress_data);
  g_mutex_clear (&data->lock);
  g_clear_object (&data->report);
  g_clear_pointer (&data->changes, g_ptr_array_unref);
  g_free (data->title);
  g_free (data);
}

static gboolean
deliver_progress_cb (gpointer user_data)
{
  GTask *task = user_data;
  ImportData *data = g_task_get_task_data (task);
  double fraction;

  g_mutex_lock (&data->lock);
  fraction = data->fraction;
  data->pending = FALSE;
  g_mutex_unlock (&data->lock);

  if (data->progress != NULL && !g_task_get_completed (task))
    data->progress (fraction, data->progress_data);
  return G_SOURCE_REMOVE;
}

/* In the worker: hands the fraction to the main context at most once per
 * percent, and stops the import once it is cancelled. */
static gboolean
worker_progress_cb (double   fraction,
                    gpointer user_data)
{
  GTask *task = user_data;
  ImportData *data = g_task_get_task_data (task);
  int percent = (int) (fraction * 100);
  gboolean queue;

  if (g_cancellable_is_cancelled (data->cancellable))
    return FALSE;
  if (data->progress == NULL || percent == data->last_percent)
    return TRUE;
  data->last_percent = percent;

  g_mutex_lock (&data->lock);
  data->fraction = fraction;
  queue = !data->pending;
  data->pending = TRUE;
  g_mutex_unlock (&data->lock);

  if (queue)
    g_main_context_invoke_full (data->context, G_PRIORITY_DEFAULT, deliver_progress_cb,
                                g_object_ref (task), g_object_unref);
  return TRUE;
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportData *data = task_data;
  g_autoptr(PdStore) worker = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (g_cancellable_is_cancelled (data->cancellable))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s", _("The import was cancelled."));
      return;
    }

  worker = pd_store_open (data->path, &error);
  if (worker == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  ok = _pd_project_import_csv_full (worker, data->csv, data->flags, worker_progress_cb, task,
                                    &data->report, &error);
  if (ok && !(data->flags & PD_PROJECT_IMPORT_DRY_RUN))
    data->changes = _pd_undo_stack_take_last (pd_store_get_undo_stack (worker), &data->title);

  if (!ok)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * pd_project_import_csv_async:
 * @store: the workspace
 * @csv: the file's bytes
 * @flags: whether to skip bad rows, or only check
 * @cancellable: (nullable): stops the import; nothing is written then
 * @progress: (nullable) (scope notified): called in the thread-default
 *   main context of the caller with the fraction done, 0 to 1
 * @progress_data: (closure progress): for @progress
 * @progress_notify: (nullable): frees @progress_data when done
 * @callback: called when the import is done, in the same context
 * @user_data: for @callback
 *
 * Does what pd_project_import_csv() does in a worker thread, with its own
 * connection to the database: the same checks, one transaction, and one
 * undo step on @store's stack once it has committed. @store must be a
 * database file (not in memory).
 */
void
pd_project_import_csv_async (PdStore                 *store,
                             GBytes                  *csv,
                             PdProjectImportFlags     flags,
                             GCancellable            *cancellable,
                             PdProjectImportProgress  progress,
                             gpointer                 progress_data,
                             GDestroyNotify           progress_notify,
                             GAsyncReadyCallback      callback,
                             gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;
  ImportData *data;

  g_return_if_fail (PD_IS_STORE (store));
  g_return_if_fail (csv != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (ImportData, 1);
  data->csv = g_bytes_ref (csv);
  data->flags = flags;
  data->path = g_strdup (pd_store_get_path (store));
  data->cancellable = cancellable != NULL ? g_object_ref (cancellable) : g_cancellable_new ();
  data->context = g_main_context_ref_thread_default ();
  data->progress = progress;
  data->progress_data = progress_data;
  data->progress_notify = progress_notify;
  data->last_percent = -1;
  g_mutex_init (&data->lock);

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, pd_project_import_csv_async);
  g_task_set_task_data (task, data, (GDestroyNotify) import_data_free);
  /* Once committed, an import is reported as done even if the cancel
   * came too late to stop it: the result must say what happened. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_run_in_thread (task, import_thread);
}

/* The worker's connection wrote the records: the store's live objects,
 * lists and undo stack learn of them here, in the main thread. */
static void
adopt_changes (PdStore    *store,
               const char *title,
               GPtrArray  *changes)
{
  for (guint i = 0; i < changes->len; i++)
    {
      PdStoreChange *change = g_ptr_array_index (changes, i);
      g_autoptr(PdRecord) record = _pd_store_read_record (store, change->kind, change->id, NULL);
      g_autoptr(JsonNode) content = NULL;

      if (record == NULL)
        {
          _pd_store_update_live (store, change->kind, change->id, NULL, NULL);
          continue;
        }
      /* Read as a record, not as JSON: it becomes the live instance
       * unless someone holds one already, which then takes its content. */
      if (_pd_store_lookup_live (store, change->kind, change->id) != NULL)
        content = pd_record_content_to_json (record);
      else
        content = json_node_new (JSON_NODE_NULL);
      _pd_store_update_live_known (store, change->kind, change->id, content, record,
                                   change->state, change->revision);
    }

  if (changes->len > 0)
    {
      _pd_undo_stack_push (pd_store_get_undo_stack (store), title, changes);
      _pd_store_outbox_changed (store);
    }
}

/**
 * pd_project_import_csv_finish:
 * @store: the workspace
 * @result: the result given to the callback
 * @out_report: (out) (optional) (transfer full): as for
 *   pd_project_import_csv()
 * @error: as for pd_project_import_csv(); G_IO_ERROR_CANCELLED when
 *   cancelled (then nothing was imported)
 *
 * Returns: %TRUE if the projects were imported (or, for a dry run, could be)
 */
gboolean
pd_project_import_csv_finish (PdStore          *store,
                              GAsyncResult     *result,
                              PdImportReport  **out_report,
                              GError          **error)
{
  ImportData *data;
  gboolean ok;

  g_return_val_if_fail (PD_IS_STORE (store), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pd_project_import_csv_async, FALSE);

  data = g_task_get_task_data (G_TASK (result));
  if (out_report != NULL)
    *out_report = data->report != NULL ? g_object_ref (data->report) : NULL;

  ok = g_task_propagate_boolean (G_TASK (result), error);
  if (ok && data->changes != NULL)
    {
      g_autoptr(GPtrArray) changes = g_steal_pointer (&data->changes);

      adopt_changes (store, data->title, changes);
    }
  return ok;
}
