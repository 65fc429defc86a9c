/* pd-remote-page.h: one page of the change feed, read into records
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "pd-record.h"

G_BEGIN_DECLS

typedef struct _PdRemotePage PdRemotePage;

/* One entry: a record's new version, its deletion, or a voucher code's
 * new status. */
typedef struct {
  char     *kind;
  char     *id;
  gint64    revision;
  gboolean  deleted;
  PdRecord *record;        /* the server's version, read; NULL if deleted or a code */
  char     *content_json;  /* its normalised content, the next merge base */
  char     *code_status;   /* a voucher code: NULL for a status this version does not know */
  char     *redeemed_at;
} PdRemoteChange;

PdRemotePage   *pd_remote_page_new        (JsonArray      *changes,
                                           GError        **error);
void            pd_remote_page_free       (PdRemotePage   *self);
guint           pd_remote_page_get_length (PdRemotePage   *self);
PdRemoteChange *pd_remote_page_get_change (PdRemotePage   *self,
                                           guint           index);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdRemotePage, pd_remote_page_free)

G_END_DECLS
