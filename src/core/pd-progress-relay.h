/* pd-progress-relay.h: hands progress from a worker thread to the main loop
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _PdProgressRelay PdProgressRelay;

/* Called in @context with the owner and the fraction done (0..1). */
typedef void (*PdProgressRelayFunc) (GObject *owner,
                                     double   fraction);

PdProgressRelay *pd_progress_relay_new    (GMainContext        *context,
                                           GObject             *owner,
                                           PdProgressRelayFunc  func);
PdProgressRelay *pd_progress_relay_ref    (PdProgressRelay     *self);
void             pd_progress_relay_unref  (PdProgressRelay     *self);
void             pd_progress_relay_report (PdProgressRelay     *self,
                                           guint64              done,
                                           guint64              total);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdProgressRelay, pd_progress_relay_unref)

G_END_DECLS
