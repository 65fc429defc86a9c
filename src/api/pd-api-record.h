/* pd-api-record.h: what the platform sends back, checked
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* A record as the platform holds it: the envelope (kind, id, revision)
 * plus all its fields, checked against the contract. */
typedef struct {
  char       *kind;
  char       *id;
  gint64      revision;
  char       *updated_at;
  JsonObject *object;
} PdApiRecord;

typedef struct {
  char        *kind;
  char        *id;
  gint64       revision;
  gboolean     deleted;
  PdApiRecord *record;        /* NULL for tombstones and vouchers */
  JsonObject  *voucher;       /* only for kind "voucher" */
} PdApiChange;

typedef struct {
  GPtrArray *changes;         /* PdApiChange */
  JsonArray *raw;             /* the checked "changes" array as sent */
  char      *next_cursor;
  gboolean   has_more;
} PdApiChangePage;

typedef struct {
  char *token;
  char *expires_at;
  char *tenant_id;
  char *tenant_name;
  char *user_id;
  char *user_email;
  char *user_name;
  char *donor_page_url;  /* nullable: the tenant's donor pages, ends in '/' */
} PdApiSession;

#define PD_TYPE_API_RECORD (pd_api_record_get_type ())
#define PD_TYPE_API_CHANGE_PAGE (pd_api_change_page_get_type ())
#define PD_TYPE_API_SESSION (pd_api_session_get_type ())

GType            pd_api_record_get_type        (void) G_GNUC_CONST;
GType            pd_api_change_page_get_type   (void) G_GNUC_CONST;
GType            pd_api_session_get_type       (void) G_GNUC_CONST;

PdApiRecord     *pd_api_record_copy            (const PdApiRecord *record);
void             pd_api_record_free            (PdApiRecord       *record);
void             pd_api_change_page_free       (PdApiChangePage   *page);
PdApiChangePage *pd_api_change_page_copy       (const PdApiChangePage *page);
void             pd_api_session_free           (PdApiSession      *session);
PdApiSession    *pd_api_session_copy           (const PdApiSession *session);

const char      *pd_api_kind_to_collection     (const char        *kind);
gboolean         pd_api_kind_is_valid          (const char        *kind);

gboolean         pd_api_validate_fields        (const char        *kind,
                                                JsonObject        *object,
                                                gboolean           partial,
                                                GError           **error);
PdApiRecord     *pd_api_record_new_from_json   (const char        *kind,
                                                JsonNode          *node,
                                                GError           **error);
PdApiChangePage *pd_api_change_page_new_from_json (JsonNode       *node,
                                                   GError        **error);
PdApiSession    *pd_api_session_new_from_json  (JsonNode          *node,
                                                GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdApiRecord, pd_api_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdApiChangePage, pd_api_change_page_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdApiSession, pd_api_session_free)

G_END_DECLS
