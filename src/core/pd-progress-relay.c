/* pd-progress-relay.c
 *
 * Long jobs (code generation, exports) run in GTask threads but their
 * owners' "fraction" properties must change on the main loop, where the
 * widgets bound to them live. Reports are coalesced to whole permille
 * steps, and at most one update is queued at a time, so a worker that
 * reports a million times queues at most a thousand idles.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-progress-relay"

#include "config.h"

#include "pd-progress-relay.h"

struct _PdProgressRelay
{
  GMainContext        *context;
  GObject             *owner;
  PdProgressRelayFunc  func;
  int                  permille;   /* atomic */
  int                  queued;     /* atomic: an update is on its way */
  int                  delivered;  /* main loop only */
};

static void
pd_progress_relay_clear (PdProgressRelay *self)
{
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_object (&self->owner);
}

PdProgressRelay *
pd_progress_relay_new (GMainContext        *context,
                       GObject             *owner,
                       PdProgressRelayFunc  func)
{
  PdProgressRelay *self;

  g_return_val_if_fail (G_IS_OBJECT (owner), NULL);
  g_return_val_if_fail (func != NULL, NULL);

  self = g_atomic_rc_box_new0 (PdProgressRelay);
  self->context = context != NULL ? g_main_context_ref (context)
                                  : g_main_context_ref_thread_default ();
  self->owner = g_object_ref (owner);
  self->func = func;
  self->delivered = -1;
  return self;
}

PdProgressRelay *
pd_progress_relay_ref (PdProgressRelay *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_atomic_rc_box_acquire (self);
}

void
pd_progress_relay_unref (PdProgressRelay *self)
{
  g_return_if_fail (self != NULL);

  g_atomic_rc_box_release_full (self, (GDestroyNotify) pd_progress_relay_clear);
}

static gboolean
deliver_cb (gpointer data)
{
  PdProgressRelay *self = data;
  int permille;

  g_atomic_int_set (&self->queued, 0);
  permille = g_atomic_int_get (&self->permille);
  if (permille != self->delivered)
    {
      self->delivered = permille;
      self->func (self->owner, permille / 1000.0);
    }
  return G_SOURCE_REMOVE;
}

/* Thread-safe; may be called from any thread, as often as convenient. */
void
pd_progress_relay_report (PdProgressRelay *self,
                          guint64          done,
                          guint64          total)
{
  int permille;

  g_return_if_fail (self != NULL);

  permille = total == 0 ? 1000 : (int) (MIN (done, total) * 1000 / total);
  if (g_atomic_int_get (&self->permille) == permille && done != 0)
    return;
  g_atomic_int_set (&self->permille, permille);

  if (g_atomic_int_compare_and_exchange (&self->queued, 0, 1))
    g_main_context_invoke_full (self->context, G_PRIORITY_DEFAULT_IDLE,
                                deliver_cb, pd_progress_relay_ref (self),
                                (GDestroyNotify) pd_progress_relay_unref);
}
