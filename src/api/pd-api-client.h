/* pd-api-client.h: the REST client of the Particulate platform
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "pd-api-error.h"
#include "pd-api-record.h"

G_BEGIN_DECLS

#define PD_TYPE_API_CLIENT (pd_api_client_get_type ())
G_DECLARE_FINAL_TYPE (PdApiClient, pd_api_client, PD, API_CLIENT, GObject)

PdApiClient     *pd_api_client_new                (const char           *base_url,
                                                   GError              **error);
const char      *pd_api_client_get_base_url       (PdApiClient          *self);
void             pd_api_client_set_token          (PdApiClient          *self,
                                                   const char           *token);
gboolean         pd_api_client_has_token          (PdApiClient          *self);
void             pd_api_client_set_timeout        (PdApiClient          *self,
                                                   guint                 seconds);
gboolean         pd_api_check_url                 (const char           *base_url,
                                                   GError              **error);

void             pd_api_client_sign_in_async      (PdApiClient          *self,
                                                   const char           *email,
                                                   const char           *password,
                                                   const char           *api_token,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
PdApiSession    *pd_api_client_sign_in_finish     (PdApiClient          *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
void             pd_api_client_sign_out_async     (PdApiClient          *self,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean         pd_api_client_sign_out_finish    (PdApiClient          *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
void             pd_api_client_get_me_async       (PdApiClient          *self,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
PdApiSession    *pd_api_client_get_me_finish      (PdApiClient          *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);

void             pd_api_client_get_record_async   (PdApiClient          *self,
                                                   const char           *kind,
                                                   const char           *id,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
void             pd_api_client_create_record_async (PdApiClient         *self,
                                                   const char           *kind,
                                                   const char           *id,
                                                   JsonObject           *fields,
                                                   const char           *idempotency_key,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
void             pd_api_client_update_record_async (PdApiClient         *self,
                                                   const char           *kind,
                                                   const char           *id,
                                                   gint64                revision,
                                                   JsonObject           *merge_patch,
                                                   const char           *idempotency_key,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
void             pd_api_client_publish_async      (PdApiClient          *self,
                                                   const char           *campaign_id,
                                                   gint64                revision,
                                                   gboolean              publish,
                                                   const char           *idempotency_key,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
PdApiRecord     *pd_api_client_record_finish      (PdApiClient          *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);

void             pd_api_client_delete_record_async (PdApiClient         *self,
                                                   const char           *kind,
                                                   const char           *id,
                                                   gint64                revision,
                                                   const char           *idempotency_key,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean         pd_api_client_delete_record_finish (PdApiClient        *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);

void             pd_api_client_get_changes_async  (PdApiClient          *self,
                                                   const char           *cursor,
                                                   guint                 limit,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
PdApiChangePage *pd_api_client_get_changes_finish (PdApiClient          *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);

void             pd_api_client_get_stats_async    (PdApiClient          *self,
                                                   const char           *campaign_id,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
JsonObject      *pd_api_client_get_stats_finish   (PdApiClient          *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);

void             pd_api_client_upload_asset_async (PdApiClient          *self,
                                                   const char           *sha256,
                                                   const char           *content_type,
                                                   GBytes               *data,
                                                   const char           *idempotency_key,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean         pd_api_client_upload_asset_finish (PdApiClient         *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);

void             pd_api_client_upload_voucher_codes_async (PdApiClient   *self,
                                                   const char           *batch_id,
                                                   guint                 chunk,
                                                   const char * const   *codes,
                                                   const char           *idempotency_key,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean         pd_api_client_upload_voucher_codes_finish (PdApiClient *self,
                                                   GAsyncResult         *result,
                                                   gint64               *accepted,
                                                   gint64               *total,
                                                   GError              **error);

G_END_DECLS
