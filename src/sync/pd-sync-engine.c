/* pd-sync-engine.c: keeps one account's workspace and the platform in step
 *
 * A run is push, pull, push what is left (SYNC.md). Runs start shortly
 * after edits, on start-up, when the network comes back and on demand;
 * they never overlap. Failures decide the next attempt: network errors and
 * 5xx back off with full jitter, 429/503 wait at least Retry-After (kept in
 * the store, so a restart waits too), 401 pauses until the user signs in
 * again. While changes wait for a platform that does not answer, the
 * back-off stops growing at probe-interval (20 s), so they arrive soon
 * after it is back, without hammering it. The pending changes are never
 * touched by any of this.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-sync"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-account-private.h"
#include "pd-clock.h"
#include "pd-json.h"
#include "pd-sync-conflict-private.h"
#include "pd-sync-engine-private.h"

#define DEFAULT_BACKOFF_BASE_MS 1000
#define DEFAULT_BACKOFF_CAP_MS  (5 * 60 * 1000)
#define DEFAULT_DEBOUNCE_MS     2000
/* Issue 14: waiting changes reach a platform that is back within 30 s;
 * equal jitter below 20 s asks it at most six times a minute. */
#define DEFAULT_PROBE_INTERVAL_MS (20 * 1000)

G_DEFINE_FINAL_TYPE (PdSyncEngine, pd_sync_engine, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ACCOUNT,
  PROP_STATUS,
  PROP_STATUS_DETAIL,
  PROP_STATUS_TEXT,
  PROP_PENDING_COUNT,
  PROP_FAILED_COUNT,
  PROP_BUSY,
  PROP_PROGRESS,
  PROP_RECEIVED_COUNT,
  PROP_AUTO_SYNC,
  PROP_CONFLICTS,
  PROP_NETWORK_MONITOR,
  PROP_PROBLEM,
  PROP_PROBE_INTERVAL,
  N_PROPS
};

enum {
  SYNC_FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

GType
pd_sync_status_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      static const GEnumValue values[] = {
        { PD_SYNC_STATUS_SYNCED, "PD_SYNC_STATUS_SYNCED", "synced" },
        { PD_SYNC_STATUS_PENDING, "PD_SYNC_STATUS_PENDING", "pending" },
        { PD_SYNC_STATUS_SYNCING, "PD_SYNC_STATUS_SYNCING", "syncing" },
        { PD_SYNC_STATUS_OFFLINE, "PD_SYNC_STATUS_OFFLINE", "offline" },
        { PD_SYNC_STATUS_SIGNED_OUT, "PD_SYNC_STATUS_SIGNED_OUT", "signed-out" },
        { PD_SYNC_STATUS_ERROR, "PD_SYNC_STATUS_ERROR", "error" },
        { 0, NULL, NULL }
      };
      GType type = g_enum_register_static ("PdSyncStatus", values);

      g_once_init_leave (&type_id, type);
    }
  return type_id;
}

GType
pd_sync_problem_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      static const GEnumValue values[] = {
        { PD_SYNC_PROBLEM_NONE, "PD_SYNC_PROBLEM_NONE", "none" },
        { PD_SYNC_PROBLEM_UNREACHABLE, "PD_SYNC_PROBLEM_UNREACHABLE", "unreachable" },
        { PD_SYNC_PROBLEM_BUSY, "PD_SYNC_PROBLEM_BUSY", "busy" },
        { PD_SYNC_PROBLEM_OTHER, "PD_SYNC_PROBLEM_OTHER", "other" },
        { 0, NULL, NULL }
      };
      GType type = g_enum_register_static ("PdSyncProblem", values);

      g_once_init_leave (&type_id, type);
    }
  return type_id;
}

static void start_run (PdSyncEngine *self,
                       gboolean      asked);

static void
set_problem (PdSyncEngine  *self,
             PdSyncProblem  problem)
{
  if (self->problem == problem)
    return;
  self->problem = problem;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBLEM]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS_TEXT]);
}

static void
set_status (PdSyncEngine *self,
            PdSyncStatus  status,
            const char   *detail)
{
  gboolean changed = FALSE;

  if (self->status != status)
    {
      self->status = status;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
      changed = TRUE;
    }
  if (g_strcmp0 (self->detail, detail) != 0)
    {
      g_free (self->detail);
      self->detail = g_strdup (detail);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS_DETAIL]);
      changed = TRUE;
    }
  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS_TEXT]);
}

static gboolean
is_offline (PdSyncEngine *self)
{
  return !self->reachable;
}

static void
refresh_conflicts (PdSyncEngine *self)
{
  g_autoptr(GPtrArray) ops = pd_store_list_outbox (self->store, FALSE, NULL);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint old_n = g_list_model_get_n_items (G_LIST_MODEL (self->conflicts));
  gboolean same;

  for (guint i = 0; ops != NULL && i < ops->len; i++)
    {
      PdOutboxOp *op = g_ptr_array_index (ops, i);
      g_autoptr(JsonNode) local = NULL;
      g_autoptr(JsonNode) server = NULL;
      g_auto(GStrv) fields = NULL;
      g_autofree char *key = NULL;

      if (op->status != PD_OUTBOX_STATUS_CONFLICT)
        continue;
      key = g_strconcat (op->kind, "/", op->record_id, NULL);
      if (g_hash_table_contains (seen, key))
        continue;
      if (!pd_store_get_conflict (self->store, op->kind, op->record_id, &local, &server, &fields))
        continue;
      /* Should the store not name the fields (a conflict saved over by
       * an older version of the app), every field that differs is
       * offered, so that nothing in dispute is hidden. */
      if ((fields == NULL || fields[0] == NULL) && local != NULL && server != NULL)
        {
          g_strfreev (fields);
          fields = pd_json_changed_fields (server, local);
        }
      g_hash_table_add (seen, g_steal_pointer (&key));
      g_ptr_array_add (items, pd_sync_conflict_new (op->kind, op->record_id, local, server, fields));
    }

  /* Keep the objects (and the user's half-made choices) when nothing
   * changed, so an open conflicts page is not reset by every sync; but a
   * conflict whose sides changed (a newer server version was pulled) is
   * replaced, so the user never decides against an outdated version. */
  same = old_n == items->len;
  for (guint i = 0; i < items->len; i++)
    {
      g_autoptr(PdSyncConflict) old = i < old_n ? g_list_model_get_item (G_LIST_MODEL (self->conflicts), i) : NULL;
      PdSyncConflict *fresh = g_ptr_array_index (items, i);

      if (old != NULL && _pd_sync_conflict_equal (old, fresh))
        {
          g_ptr_array_index (items, i) = g_object_ref (old);
          g_object_unref (fresh);
          continue;
        }
      same = FALSE;
      /* Saved here meanwhile: what the user chose still holds where the
       * values chosen between are unchanged. */
      for (guint j = 0; j < old_n; j++)
        {
          g_autoptr(PdSyncConflict) before = g_list_model_get_item (G_LIST_MODEL (self->conflicts), j);

          if (g_str_equal (pd_sync_conflict_get_kind (before), pd_sync_conflict_get_kind (fresh)) &&
              g_str_equal (pd_sync_conflict_get_id (before), pd_sync_conflict_get_id (fresh)))
            _pd_sync_conflict_carry_choices (fresh, before);
        }
    }
  if (!same)
    g_list_store_splice (self->conflicts, 0, old_n, items->pdata, items->len);
}

void
_pd_sync_engine_update_counts (PdSyncEngine *self)
{
  g_autoptr(GPtrArray) ops = pd_store_list_outbox (self->store, FALSE, NULL);
  guint pending = 0, failed = 0;

  for (guint i = 0; ops != NULL && i < ops->len; i++)
    {
      PdOutboxOp *op = g_ptr_array_index (ops, i);

      if (op->status == PD_OUTBOX_STATUS_DEAD)
        failed++;
      else
        pending++;
    }

  if (self->pending_count != pending)
    {
      self->pending_count = pending;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENDING_COUNT]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS_TEXT]);
    }
  if (self->failed_count != failed)
    {
      self->failed_count = failed;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FAILED_COUNT]);
    }

  refresh_conflicts (self);
}

/* The status when no run is going on. */
static void
update_idle_status (PdSyncEngine *self)
{
  _pd_sync_engine_update_counts (self);

  if (pd_account_get_needs_sign_in (self->account))
    set_status (self, PD_SYNC_STATUS_SIGNED_OUT,
                _("Sign in again to sync your changes. They are kept until then."));
  else if (is_offline (self))
    set_status (self, PD_SYNC_STATUS_OFFLINE,
                _("Changes are kept on this computer and sent when you are back online."));
  else if (self->status == PD_SYNC_STATUS_ERROR)
    ; /* keep the error and its detail until the next run */
  else if (self->pending_count > 0)
    set_status (self, PD_SYNC_STATUS_PENDING, NULL);
  else if (self->cancelled)
    /* Not "synced": the platform may hold more than was received. */
    set_status (self, PD_SYNC_STATUS_PENDING,
                _("The last sync was cancelled. What was received is kept; the rest comes with the next sync."));
  else
    set_status (self, PD_SYNC_STATUS_SYNCED, NULL);
}

static gboolean
on_timer_cb (gpointer user_data)
{
  PdSyncEngine *self = user_data;

  self->timer_id = 0;
  start_run (self, FALSE);
  return G_SOURCE_REMOVE;
}

static void
schedule (PdSyncEngine *self,
          gint64        delay_ms)
{
  g_clear_handle_id (&self->timer_id, g_source_remove);
  self->timer_id = g_timeout_add ((guint) CLAMP (delay_ms, 0, G_MAXUINT), on_timer_cb, self);
}

static void
set_busy (PdSyncEngine *self,
          gboolean      busy)
{
  gboolean was_busy = self->phase != PHASE_IDLE;

  if (!busy)
    self->phase = PHASE_IDLE;
  if (was_busy != busy)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
finish_run (PdSyncEngine *self,
            const GError *error)
{
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->ops, g_ptr_array_unref);
  g_clear_pointer (&self->batch, g_ptr_array_unref);
  set_busy (self, FALSE);

  self->progress = 1.0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);

  self->quiet = FALSE;
  if (error == NULL)
    set_problem (self, PD_SYNC_PROBLEM_NONE);
  /* ERROR here is what a quiet retry left standing: it got through. */
  if (error == NULL && (self->status == PD_SYNC_STATUS_SYNCING || self->status == PD_SYNC_STATUS_ERROR))
    set_status (self, PD_SYNC_STATUS_SYNCED, NULL);
  update_idle_status (self);

  g_signal_emit (self, signals[SYNC_FINISHED], 0, error);

  if (self->again && error == NULL)
    {
      self->again = FALSE;
      schedule (self, 0);
    }
  else if (error == NULL && self->auto_sync && self->timer_id == 0)
    {
      /* Edits made while the last push list was already being sent. */
      g_autoptr(GPtrArray) ready = pd_store_list_outbox (self->store, TRUE, NULL);

      if (ready != NULL && ready->len > 0)
        schedule (self, self->debounce_ms);
    }
}

static gint64
jitter_delay (PdSyncEngine *self)
{
  guint shift = MIN (self->failures, 20u);
  gint64 ceiling = MIN ((gint64) self->backoff_cap_ms, (gint64) self->backoff_base_ms << shift);

  /* Full jitter: anywhere between now and the ceiling. */
  return (gint64) (g_random_double () * ceiling);
}

/* While changes wait for a platform that does not answer: the ceiling
 * grows as jitter_delay()'s, to probe-interval at most, and the wait is
 * between half the ceiling and the ceiling (equal jitter). So a platform
 * that is back gets the changes within probe-interval, and is asked no
 * more than twice per probe-interval while it is away. */
static gint64
probe_delay (PdSyncEngine *self)
{
  guint shift = MIN (self->failures, 20u);
  gint64 ceiling = MIN ((gint64) self->backoff_base_ms << shift,
                        MIN ((gint64) self->probe_interval_ms, (gint64) self->backoff_cap_ms));

  return ceiling / 2 + (gint64) (g_random_double () * (ceiling - ceiling / 2));
}

/* Ends the run after a failure and decides when to try again. */
void
_pd_sync_engine_fail (PdSyncEngine *self,
                      const GError *error)
{
  gint64 delay = -1;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      self->again = FALSE;
      self->cancelled = TRUE;
      set_status (self, PD_SYNC_STATUS_PENDING, NULL);
      finish_run (self, error);
      return;
    }

  if (g_error_matches (error, PD_API_ERROR, PD_API_ERROR_UNAUTHORIZED))
    {
      /* No retry loop with a refused token: wait for a new sign-in. */
      self->again = FALSE;
      set_problem (self, PD_SYNC_PROBLEM_NONE);
      _pd_account_set_needs_sign_in (self->account, TRUE);
      set_status (self, PD_SYNC_STATUS_SIGNED_OUT, error->message);
      finish_run (self, error);
      return;
    }

  if (error->domain == PD_API_ERROR)
    {
      gint64 retry_after = pd_api_error_get_retry_after (error);

      self->failures++;
      if (retry_after >= 0 && (error->code == PD_API_ERROR_RATE_LIMITED ||
                               error->code == PD_API_ERROR_UNAVAILABLE))
        {
          /* Never earlier than asked; a little jitter after it so that many
           * clients do not return in the same instant. */
          delay = retry_after + g_random_int_range (0, 250);
          set_problem (self, PD_SYNC_PROBLEM_BUSY);
        }
      else if (error->code == PD_API_ERROR_RATE_LIMITED)
        {
          delay = jitter_delay (self);
          set_problem (self, PD_SYNC_PROBLEM_BUSY);
        }
      else if (pd_api_error_is_transient (error))
        {
          delay = self->pending_count > 0 ? probe_delay (self) : jitter_delay (self);
          set_problem (self, PD_SYNC_PROBLEM_UNREACHABLE);
        }
      else
        {
          delay = jitter_delay (self);
          set_problem (self, PD_SYNC_PROBLEM_OTHER);
        }
    }
  else
    {
      /* The store failed (disk full, …): try again later, gently. */
      self->failures++;
      delay = jitter_delay (self);
      set_problem (self, PD_SYNC_PROBLEM_OTHER);
    }

  /* The ops that met the failure count an attempt and wait as long. */
  for (guint i = 0; self->batch != NULL && i < self->batch->len; i++)
    {
      PdSyncPushItem *item = g_ptr_array_index (self->batch, i);
      PdOutboxOp *op = item->op;
      const GError *answer = item->error;

      if (answer != NULL && (pd_api_error_is_transient (answer) ||
                             g_error_matches (answer, PD_API_ERROR, PD_API_ERROR_INVALID_RESPONSE)))
        pd_store_retry_op_later (self->store, op->op_id,
                                 pd_real_time () + delay * 1000, answer->message, NULL);
    }
  pd_store_set_backoff_until (self->store, PD_SYNC_SCOPE,
                              pd_real_time () + delay * 1000, NULL);

  self->again = FALSE;
  set_status (self, PD_SYNC_STATUS_ERROR, error->message);
  finish_run (self, error);
  schedule (self, delay);
}

void
_pd_sync_engine_succeeded (PdSyncEngine *self)
{
  self->failures = 0;
  /* A quiet retry got through: from now on the window says so. */
  if (self->quiet)
    {
      self->quiet = FALSE;
      set_status (self, PD_SYNC_STATUS_SYNCING, NULL);
    }
}

void
_pd_sync_engine_phase_done (PdSyncEngine *self)
{
  switch (self->phase)
    {
    case PHASE_PUSH_FIRST:
      self->phase = PHASE_PULL;
      _pd_sync_pull_begin (self);
      break;

    case PHASE_PULL:
      self->phase = PHASE_PUSH_AGAIN;
      _pd_sync_push_begin (self);
      break;

    case PHASE_PUSH_AGAIN:
      self->cancelled = FALSE;
      pd_store_set_backoff_until (self->store, PD_SYNC_SCOPE, 0, NULL);
      finish_run (self, NULL);
      break;

    case PHASE_IDLE:
    default:
      g_assert_not_reached ();
    }
}

/* @asked: a person asked for this run (Sync Now), so it shows. */
static void
start_run (PdSyncEngine *self,
           gboolean      asked)
{
  gint64 wait_until;
  gint64 now = pd_real_time ();

  if (self->phase != PHASE_IDLE)
    {
      self->again = TRUE;
      return;
    }

  g_clear_handle_id (&self->timer_id, g_source_remove);

  if (pd_account_get_needs_sign_in (self->account) || is_offline (self))
    {
      update_idle_status (self);
      return;
    }

  /* Retry-After and backoff survive restarts: no request before then,
   * but never more than an hour from now, whatever was stored (by an
   * older version, or before the clock was set back). */
  pd_store_limit_waits (self->store, now + PD_API_RETRY_AFTER_MAX_MS * 1000, NULL);
  wait_until = pd_store_get_backoff_until (self->store, PD_SYNC_SCOPE);
  if (wait_until > now)
    {
      update_idle_status (self);
      schedule (self, (wait_until - now + 999) / 1000);
      return;
    }

  self->cancellable = g_cancellable_new ();
  self->phase = PHASE_PUSH_FIRST;
  self->received_count = 0;
  self->progress = 0.0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECEIVED_COUNT]);
  /* A retry by itself while the platform is away keeps saying why the
   * changes wait, rather than flashing "Syncing…" every few seconds. */
  self->quiet = !asked && self->status == PD_SYNC_STATUS_ERROR &&
                (self->problem == PD_SYNC_PROBLEM_UNREACHABLE || self->problem == PD_SYNC_PROBLEM_BUSY);
  if (!self->quiet)
    set_status (self, PD_SYNC_STATUS_SYNCING, NULL);

  _pd_sync_push_begin (self);
}

static void
on_reachability_changed (PdSyncEngine *self)
{
  if (is_offline (self))
    {
      if (self->phase == PHASE_IDLE)
        update_idle_status (self);
      return;
    }

  /* Back online, or another network: what waited is sent now, not at
   * the end of a backoff that was only caused by not reaching the
   * platform. A wait the platform asked for (Retry-After) still holds. */
  if (self->status == PD_SYNC_STATUS_OFFLINE || self->status == PD_SYNC_STATUS_ERROR ||
      (self->status == PD_SYNC_STATUS_PENDING && self->pending_count > 0))
    {
      self->failures = 0;
      if (self->problem == PD_SYNC_PROBLEM_UNREACHABLE ||
          (self->status == PD_SYNC_STATUS_OFFLINE && self->problem != PD_SYNC_PROBLEM_BUSY))
        pd_store_limit_waits (self->store, pd_real_time (), NULL);
      /* No longer "Offline" while the sync is about to start. */
      if (self->phase == PHASE_IDLE)
        update_idle_status (self);
      if (self->auto_sync)
        schedule (self, 500);
    }
}

static void
on_reach_checked_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(PdSyncEngine) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean reached = g_network_monitor_can_reach_finish (G_NETWORK_MONITOR (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->reach_cancellable);

  /* A monitor that cannot tell (no answer, a resolver error) keeps a
   * platform on this machine reachable: only a plain "unreachable" counts. */
  self->reachable = reached ||
                    !(g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE) ||
                      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE));
  on_reachability_changed (self);
}

/* "network-available" only says whether there is a default route. A
 * platform elsewhere needs one; a platform on this machine (a test or
 * self-hosted platform on 127.0.0.1) does not, so then the monitor is
 * asked about the platform's own address: the system monitors know the
 * loopback routes and answer yes even without any network, while a
 * monitor that says the address is unreachable takes the engine offline
 * like any other. */
static void
check_reachable (PdSyncEngine *self)
{
  if (self->reach_cancellable != NULL)
    g_cancellable_cancel (self->reach_cancellable);
  g_clear_object (&self->reach_cancellable);

  if (g_network_monitor_get_network_available (self->monitor) || self->platform_address == NULL)
    {
      self->reachable = g_network_monitor_get_network_available (self->monitor);
      on_reachability_changed (self);
      return;
    }

  self->reach_cancellable = g_cancellable_new ();
  g_network_monitor_can_reach_async (self->monitor, self->platform_address, self->reach_cancellable,
                                     on_reach_checked_cb, g_object_ref (self));
}

static void
on_network_changed_cb (GNetworkMonitor *monitor,
                       gboolean         available,
                       PdSyncEngine    *self)
{
  check_reachable (self);
}

/* Every committed edit: a sync shortly after, and the count at once. */
static void
on_outbox_changed_cb (PdStore      *store,
                      PdSyncEngine *self)
{
  if (self->phase == PHASE_IDLE)
    pd_sync_engine_queue_sync (self);
}

static void
on_needs_sign_in_changed_cb (PdAccount    *account,
                             GParamSpec   *pspec,
                             PdSyncEngine *self)
{
  if (!pd_account_get_needs_sign_in (account) && self->phase == PHASE_IDLE)
    {
      /* Signed in again: the paused changes go out now. */
      set_status (self, PD_SYNC_STATUS_PENDING, NULL);
      schedule (self, 0);
    }
}

static void
pd_sync_engine_dispose (GObject *object)
{
  PdSyncEngine *self = PD_SYNC_ENGINE (object);

  g_clear_handle_id (&self->timer_id, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->reach_cancellable != NULL)
    g_cancellable_cancel (self->reach_cancellable);
  g_clear_object (&self->reach_cancellable);
  if (self->monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->monitor, self);
  if (self->account != NULL)
    g_signal_handlers_disconnect_by_data (self->account, self);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);

  G_OBJECT_CLASS (pd_sync_engine_parent_class)->dispose (object);
}

static void
pd_sync_engine_finalize (GObject *object)
{
  PdSyncEngine *self = PD_SYNC_ENGINE (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->ops, g_ptr_array_unref);
  g_clear_pointer (&self->batch, g_ptr_array_unref);
  g_clear_pointer (&self->assets_to_send, g_ptr_array_unref);
  g_clear_pointer (&self->seen, g_hash_table_unref);
  g_clear_pointer (&self->uploaded_assets, g_hash_table_unref);
  g_clear_object (&self->conflicts);
  g_clear_object (&self->store);
  g_clear_object (&self->client);
  g_clear_object (&self->account);
  g_clear_object (&self->monitor);
  g_clear_object (&self->platform_address);
  g_free (self->detail);

  G_OBJECT_CLASS (pd_sync_engine_parent_class)->finalize (object);
}

static void
pd_sync_engine_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PdSyncEngine *self = PD_SYNC_ENGINE (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT:
      g_value_set_object (value, self->account);
      break;
    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;
    case PROP_STATUS_DETAIL:
      g_value_set_string (value, self->detail);
      break;
    case PROP_STATUS_TEXT:
      g_value_take_string (value, pd_sync_engine_dup_status_text (self));
      break;
    case PROP_PENDING_COUNT:
      g_value_set_uint (value, self->pending_count);
      break;
    case PROP_FAILED_COUNT:
      g_value_set_uint (value, self->failed_count);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->phase != PHASE_IDLE);
      break;
    case PROP_PROGRESS:
      g_value_set_double (value, self->progress);
      break;
    case PROP_RECEIVED_COUNT:
      g_value_set_uint (value, self->received_count);
      break;
    case PROP_AUTO_SYNC:
      g_value_set_boolean (value, self->auto_sync);
      break;
    case PROP_CONFLICTS:
      g_value_set_object (value, self->conflicts);
      break;
    case PROP_NETWORK_MONITOR:
      g_value_set_object (value, self->monitor);
      break;
    case PROP_PROBLEM:
      g_value_set_enum (value, self->problem);
      break;
    case PROP_PROBE_INTERVAL:
      g_value_set_uint (value, self->probe_interval_ms);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_sync_engine_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  PdSyncEngine *self = PD_SYNC_ENGINE (object);

  switch (prop_id)
    {
    case PROP_AUTO_SYNC:
      pd_sync_engine_set_auto_sync (self, g_value_get_boolean (value));
      break;
    case PROP_NETWORK_MONITOR:
      pd_sync_engine_set_network_monitor (self, g_value_get_object (value));
      break;
    case PROP_PROBE_INTERVAL:
      pd_sync_engine_set_probe_interval (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_sync_engine_class_init (PdSyncEngineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pd_sync_engine_dispose;
  object_class->finalize = pd_sync_engine_finalize;
  object_class->get_property = pd_sync_engine_get_property;
  object_class->set_property = pd_sync_engine_set_property;

  properties[PROP_ACCOUNT] =
    g_param_spec_object ("account", NULL, NULL, PD_TYPE_ACCOUNT,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL, PD_TYPE_SYNC_STATUS, PD_SYNC_STATUS_SYNCED,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS_DETAIL] =
    g_param_spec_string ("status-detail", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS_TEXT] =
    g_param_spec_string ("status-text", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PENDING_COUNT] =
    g_param_spec_uint ("pending-count", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FAILED_COUNT] =
    g_param_spec_uint ("failed-count", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROGRESS] =
    g_param_spec_double ("progress", NULL, NULL, 0.0, 1.0, 1.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RECEIVED_COUNT] =
    g_param_spec_uint ("received-count", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_AUTO_SYNC] =
    g_param_spec_boolean ("auto-sync", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONFLICTS] =
    g_param_spec_object ("conflicts", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * PdSyncEngine:network-monitor:
   *
   * Tells when the platform can be reached; the system's monitor unless
   * another one is set (the tests set their own).
   */
  properties[PROP_NETWORK_MONITOR] =
    g_param_spec_object ("network-monitor", NULL, NULL, G_TYPE_NETWORK_MONITOR,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * PdSyncEngine:problem:
   *
   * Why the last run failed; %PD_SYNC_PROBLEM_NONE once a run went through.
   */
  properties[PROP_PROBLEM] =
    g_param_spec_enum ("problem", NULL, NULL, PD_TYPE_SYNC_PROBLEM, PD_SYNC_PROBLEM_NONE,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * PdSyncEngine:probe-interval:
   *
   * The longest wait, in milliseconds, between two attempts while changes
   * wait and the platform does not answer (network errors, 5xx); waits
   * the platform asks for with Retry-After are not shortened.
   */
  properties[PROP_PROBE_INTERVAL] =
    g_param_spec_uint ("probe-interval", NULL, NULL, 100, G_MAXUINT, DEFAULT_PROBE_INTERVAL_MS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PdSyncEngine::sync-finished:
   * @error: (nullable): why the run stopped early
   */
  signals[SYNC_FINISHED] =
    g_signal_new ("sync-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
pd_sync_engine_init (PdSyncEngine *self)
{
  self->auto_sync = TRUE;
  self->progress = 1.0;
  self->backoff_base_ms = DEFAULT_BACKOFF_BASE_MS;
  self->backoff_cap_ms = DEFAULT_BACKOFF_CAP_MS;
  self->probe_interval_ms = DEFAULT_PROBE_INTERVAL_MS;
  self->debounce_ms = DEFAULT_DEBOUNCE_MS;
  self->page_size = PD_SYNC_PAGE_SIZE;
  self->uploaded_assets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->assets_to_send = g_ptr_array_new_with_free_func (g_free);
  self->conflicts = g_list_store_new (PD_TYPE_SYNC_CONFLICT);
}

static gboolean
url_is_loopback (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  g_autoptr(GInetAddress) address = NULL;
  const char *host = uri != NULL ? g_uri_get_host (uri) : NULL;

  if (host == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;
  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

static void
attach_monitor (PdSyncEngine    *self,
                GNetworkMonitor *monitor)
{
  if (self->monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->monitor, self);
  g_set_object (&self->monitor, monitor);
  g_signal_connect (self->monitor, "network-changed",
                    G_CALLBACK (on_network_changed_cb), self);

  /* Until the monitor answers about a platform on this machine, it
   * counts as reachable, as it is with the system's monitor. */
  self->reachable = self->loopback || g_network_monitor_get_network_available (monitor);
  if (!g_network_monitor_get_network_available (monitor) && self->platform_address != NULL)
    check_reachable (self);
}

/**
 * pd_sync_engine_new:
 *
 * Opens @account's store. Nothing is sent until a sync is asked for (see
 * pd_sync_engine_queue_sync() and pd_sync_engine_sync_now()).
 *
 * Returns: (transfer full) (nullable): the engine, or %NULL with @error
 */
PdSyncEngine *
pd_sync_engine_new (PdAccount  *account,
                    GError    **error)
{
  g_autoptr(PdSyncEngine) self = NULL;
  PdStore *store;

  g_return_val_if_fail (PD_IS_ACCOUNT (account), NULL);

  store = pd_account_open_store (account, error);
  if (store == NULL)
    return NULL;

  self = g_object_new (PD_TYPE_SYNC_ENGINE, NULL);
  self->account = g_object_ref (account);
  self->store = g_object_ref (store);
  self->client = g_object_ref (pd_account_get_client (account));
  self->loopback = url_is_loopback (pd_account_get_base_url (account));
  if (self->loopback)
    self->platform_address = g_network_address_parse_uri (pd_account_get_base_url (account), 443, NULL);
  attach_monitor (self, g_network_monitor_get_default ());

  g_signal_connect (self->account, "notify::needs-sign-in",
                    G_CALLBACK (on_needs_sign_in_changed_cb), self);
  g_signal_connect (self->store, "outbox-changed",
                    G_CALLBACK (on_outbox_changed_cb), self);

  update_idle_status (self);
  return g_steal_pointer (&self);
}

/**
 * pd_sync_engine_get_account:
 *
 * Returns: (transfer none): the account
 */
PdAccount *
pd_sync_engine_get_account (PdSyncEngine *self)
{
  g_return_val_if_fail (PD_IS_SYNC_ENGINE (self), NULL);
  return self->account;
}

PdSyncStatus
pd_sync_engine_get_status (PdSyncEngine *self)
{
  g_return_val_if_fail (PD_IS_SYNC_ENGINE (self), PD_SYNC_STATUS_ERROR);
  return self->status;
}

/**
 * pd_sync_engine_get_status_detail:
 *
 * Returns: (nullable): the reason behind an error, offline or signed-out
 *   status, translated
 */
const char *
pd_sync_engine_get_status_detail (PdSyncEngine *self)
{
  g_return_val_if_fail (PD_IS_SYNC_ENGINE (self), NULL);
  return self->detail;
}

/**
 * pd_sync_engine_dup_status_text:
 *
 * Returns: (transfer full): a short translated line for the window
 */
char *
pd_sync_engine_dup_status_text (PdSyncEngine *self)
{
  g_return_val_if_fail (PD_IS_SYNC_ENGINE (self), NULL);

  switch (self->status)
    {
    case PD_SYNC_STATUS_SYNCED:
      return g_strdup (_("All changes synced"));
    case PD_SYNC_STATUS_PENDING:
      if (self->pending_count == 0)
        return g_strdup (_("Not fully synced"));
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u change waiting",
                                           "%u changes waiting",
                                           self->pending_count),
                              self->pending_count);
    case PD_SYNC_STATUS_SYNCING:
      return g_strdup (_("Syncing…"));
    case PD_SYNC_STATUS_OFFLINE:
      if (self->pending_count == 0)
        return g_strdup (_("Offline"));
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u change waiting · offline",
                                           "%u changes waiting · offline",
                                           self->pending_count),
                              self->pending_count);
    case PD_SYNC_STATUS_SIGNED_OUT:
      if (self->pending_count == 0)
        return g_strdup (_("Signed out"));
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u change waiting · sign in again",
                                           "%u changes waiting · sign in again",
                                           self->pending_count),
                              self->pending_count);
    case PD_SYNC_STATUS_ERROR:
      if (self->problem == PD_SYNC_PROBLEM_UNREACHABLE)
        {
          if (self->pending_count == 0)
            return g_strdup (_("The platform cannot be reached"));
          return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "%u change waiting · the platform cannot be reached",
                                               "%u changes waiting · the platform cannot be reached",
                                               self->pending_count),
                                  self->pending_count);
        }
      if (self->problem == PD_SYNC_PROBLEM_BUSY)
        {
          if (self->pending_count == 0)
            return g_strdup (_("The platform asked to wait"));
          return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "%u change waiting · the platform asked to wait",
                                               "%u changes waiting · the platform asked to wait",
                                               self->pending_count),
                                  self->pending_count);
        }
      if (self->pending_count == 0)
        return g_strdup (_("Sync problem"));
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u change waiting · sync problem",
                                           "%u changes waiting · sync problem",
                                           self->pending_count),
                              self->pending_count);
    default:
      g_assert_not_reached ();
    }
}

PdSyncProblem
pd_sync_engine_get_problem (PdSyncEngine *self)
{
  g_return_val_if_fail (PD_IS_SYNC_ENGINE (self), PD_SYNC_PROBLEM_NONE);
  return self->problem;
}

guint
pd_sync_engine_get_probe_interval (PdSyncEngine *self)
{
  g_return_val_if_fail (PD_IS_SYNC_ENGINE (self), DEFAULT_PROBE_INTERVAL_MS);
  return self->probe_interval_ms;
}

void
pd_sync_engine_set_probe_interval (PdSyncEngine *self,
                                   guint         probe_interval_ms)
{
  g_return_if_fail (PD_IS_SYNC_ENGINE (self));
  g_return_if_fail (probe_interval_ms >= 100);

  if (self->probe_interval_ms == probe_interval_ms)
    return;
  self->probe_interval_ms = probe_interval_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBE_INTERVAL]);
}

guint
pd_sync_engine_get_pending_count (PdSyncEngine *self)
{
  g_return_val_if_fail (PD_IS_SYNC_ENGINE (self), 0);
  return self->pending_count;
}

guint
pd_sync_engine_get_failed_count (PdSyncEngine *self)
{
  g_return_val_if_fail (PD_IS_SYNC_ENGINE (self), 0);
  return self->failed_count;
}

/**
 * pd_sync_engine_list_failed:
 *
 * Returns: (transfer full) (element-type PdOutboxOp): the changes the
 *   platform refused, with their errors; their data is kept
 */
GPtrArray *
pd_sync_engine_list_failed (PdSyncEngine *self)
{
  g_autoptr(GPtrArray) ops = NULL;
  GPtrArray *failed = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_outbox_op_free);

  g_return_val_if_fail (PD_IS_SYNC_ENGINE (self), failed);

  ops = pd_store_list_outbox (self->store, FALSE, NULL);
  for (guint i = 0; ops != NULL && i < ops->len; i++)
    {
      PdOutboxOp *op = g_ptr_array_index (ops, i);

      if (op->status == PD_OUTBOX_STATUS_DEAD)
        g_ptr_array_add (failed, pd_outbox_op_copy (op));
    }
  return failed;
}

gboolean
pd_sync_engine_get_busy (PdSyncEngine *self)
{
  g_return_val_if_fail (PD_IS_SYNC_ENGINE (self), FALSE);
  return self->phase != PHASE_IDLE;
}

double
pd_sync_engine_get_progress (PdSyncEngine *self)
{
  g_return_val_if_fail (PD_IS_SYNC_ENGINE (self), 1.0);
  return self->progress;
}

guint
pd_sync_engine_get_received_count (PdSyncEngine *self)
{
  g_return_val_if_fail (PD_IS_SYNC_ENGINE (self), 0);
  return self->received_count;
}

gboolean
pd_sync_engine_get_auto_sync (PdSyncEngine *self)
{
  g_return_val_if_fail (PD_IS_SYNC_ENGINE (self), FALSE);
  return self->auto_sync;
}

void
pd_sync_engine_set_auto_sync (PdSyncEngine *self,
                              gboolean      auto_sync)
{
  g_return_if_fail (PD_IS_SYNC_ENGINE (self));

  auto_sync = !!auto_sync;
  if (self->auto_sync == auto_sync)
    return;
  self->auto_sync = auto_sync;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTO_SYNC]);
}

/**
 * pd_sync_engine_get_network_monitor:
 *
 * Returns: (transfer none): the monitor that tells when to go offline
 */
GNetworkMonitor *
pd_sync_engine_get_network_monitor (PdSyncEngine *self)
{
  g_return_val_if_fail (PD_IS_SYNC_ENGINE (self), NULL);
  return self->monitor;
}

/**
 * pd_sync_engine_set_network_monitor:
 * @monitor: (nullable): a monitor, or %NULL for the system's
 *
 * Replaces the monitor that takes the engine offline and back.
 */
void
pd_sync_engine_set_network_monitor (PdSyncEngine    *self,
                                    GNetworkMonitor *monitor)
{
  g_return_if_fail (PD_IS_SYNC_ENGINE (self));
  g_return_if_fail (monitor == NULL || G_IS_NETWORK_MONITOR (monitor));

  if (monitor == NULL)
    monitor = g_network_monitor_get_default ();
  if (self->monitor == monitor)
    return;

  attach_monitor (self, monitor);
  /* As if the network had changed: offline now, or back with a sync. */
  on_reachability_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NETWORK_MONITOR]);
}

/**
 * pd_sync_engine_sync_now:
 *
 * Syncs at once (Ctrl+R, the sync button). A person asked, so a back-off
 * or a Retry-After does not hold the changes back: they are tried now,
 * and the platform may ask to wait again.
 */
void
pd_sync_engine_sync_now (PdSyncEngine *self)
{
  g_return_if_fail (PD_IS_SYNC_ENGINE (self));

  self->failures = 0;
  pd_store_limit_waits (self->store, pd_real_time (), NULL);
  /* A retry going on by itself becomes the one asked for: shown. */
  if (self->quiet)
    {
      self->quiet = FALSE;
      set_status (self, PD_SYNC_STATUS_SYNCING, NULL);
    }
  start_run (self, TRUE);
}

/**
 * pd_sync_engine_queue_sync:
 *
 * Asks for a sync shortly: called after each edit and on start-up. Edits
 * in quick succession make one run. Does nothing when automatic sync is
 * off.
 */
void
pd_sync_engine_queue_sync (PdSyncEngine *self)
{
  g_return_if_fail (PD_IS_SYNC_ENGINE (self));

  if (self->phase == PHASE_IDLE)
    update_idle_status (self);

  if (!self->auto_sync)
    return;

  if (self->phase != PHASE_IDLE)
    {
      self->again = TRUE;
      return;
    }

  /* A backoff timer already decides when the next run is. */
  if (self->timer_id != 0 && self->status == PD_SYNC_STATUS_ERROR)
    return;

  schedule (self, self->debounce_ms);
}

/**
 * pd_sync_engine_cancel:
 *
 * Stops a run (a long first sync, for instance). What was received is
 * kept; unsent changes stay in the outbox.
 */
void
pd_sync_engine_cancel (PdSyncEngine *self)
{
  g_return_if_fail (PD_IS_SYNC_ENGINE (self));

  self->again = FALSE;
  g_clear_handle_id (&self->timer_id, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

/* Re-reads counts and conflicts, e.g. after the UI changed the store. */
void
pd_sync_engine_refresh (PdSyncEngine *self)
{
  g_return_if_fail (PD_IS_SYNC_ENGINE (self));

  if (self->phase == PHASE_IDLE)
    update_idle_status (self);
}

/**
 * pd_sync_engine_get_conflicts:
 *
 * Returns: (transfer none): a #GListModel of #PdSyncConflict
 */
GListModel *
pd_sync_engine_get_conflicts (PdSyncEngine *self)
{
  g_return_val_if_fail (PD_IS_SYNC_ENGINE (self), NULL);
  return G_LIST_MODEL (self->conflicts);
}

/**
 * pd_sync_engine_resolve_conflict:
 *
 * Applies the user's choices of @conflict (every field decided) and
 * queues the result to be pushed.
 */
gboolean
pd_sync_engine_resolve_conflict (PdSyncEngine    *self,
                                 PdSyncConflict  *conflict,
                                 GError         **error)
{
  g_autoptr(JsonNode) resolved = NULL;

  g_return_val_if_fail (PD_IS_SYNC_ENGINE (self), FALSE);
  g_return_val_if_fail (PD_IS_SYNC_CONFLICT (conflict), FALSE);

  if (!pd_sync_conflict_is_decided (conflict))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Choose a version for every field first."));
      return FALSE;
    }

  /* Decided against the version the store holds now, or not at all. */
  {
    g_autoptr(JsonNode) local = NULL;
    g_autoptr(JsonNode) server = NULL;
    g_auto(GStrv) fields = NULL;
    g_autoptr(PdSyncConflict) current = NULL;

    if (!pd_store_get_conflict (self->store, pd_sync_conflict_get_kind (conflict),
                                pd_sync_conflict_get_id (conflict), &local, &server, &fields))
      {
        _pd_sync_engine_update_counts (self);
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                             _("This conflict has been resolved already."));
        return FALSE;
      }
    current = pd_sync_conflict_new (pd_sync_conflict_get_kind (conflict),
                                    pd_sync_conflict_get_id (conflict), local, server, NULL);
    if (!pd_json_equal (pd_sync_conflict_get_server (current), pd_sync_conflict_get_server (conflict)) ||
        !pd_json_equal (pd_sync_conflict_get_local (current), pd_sync_conflict_get_local (conflict)))
      {
        _pd_sync_engine_update_counts (self);
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                             _("The platform’s version changed while you decided. Please check this conflict again."));
        return FALSE;
      }
  }

  resolved = pd_sync_conflict_build_resolution (conflict);
  if (!pd_store_resolve_conflict (self->store, pd_sync_conflict_get_kind (conflict),
                                  pd_sync_conflict_get_id (conflict), resolved, error))
    return FALSE;

  /* The list must lose this conflict now, even while a run goes on. */
  _pd_sync_engine_update_counts (self);
  if (self->phase == PHASE_IDLE)
    update_idle_status (self);
  pd_sync_engine_queue_sync (self);
  return TRUE;
}

void
_pd_sync_engine_set_hook (PdSyncEngine   *self,
                          PdSyncHookFunc  hook,
                          gpointer        user_data)
{
  self->hook = hook;
  self->hook_data = user_data;
}

void
_pd_sync_engine_set_timing (PdSyncEngine *self,
                            guint         backoff_base_ms,
                            guint         backoff_cap_ms,
                            guint         debounce_ms)
{
  self->backoff_base_ms = backoff_base_ms;
  self->backoff_cap_ms = backoff_cap_ms;
  self->debounce_ms = debounce_ms;
}

void
_pd_sync_engine_set_page_size (PdSyncEngine *self,
                               guint         page_size)
{
  self->page_size = page_size;
}

void
_pd_sync_engine_hook (PdSyncEngine *self,
                      const char   *moment)
{
  if (self->hook != NULL)
    self->hook (self, moment, self->hook_data);
}
