/* pd-sync-test-utils.h: the real platform server, a fault proxy and a
 * keyring for the sync and account tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct {
  GSubprocess *process;
  char        *data_dir;
  char        *url;
  GStrv        extra_args;
} PdTestPlatform;

PdTestPlatform *pd_test_platform_start         (const char * const *extra_args);
void            pd_test_platform_stop          (PdTestPlatform     *platform);
void            pd_test_platform_restart       (PdTestPlatform     *platform);
void            pd_test_platform_free          (PdTestPlatform     *platform);
JsonNode       *pd_test_platform_request       (PdTestPlatform     *platform,
                                                const char         *method,
                                                const char         *path,
                                                const char         *token,
                                                const char         *body,
                                                guint              *status);
void            pd_test_platform_set_faults    (PdTestPlatform     *platform,
                                                const char         *json);
char           *pd_test_platform_add_tenant    (PdTestPlatform     *platform,
                                                const char         *name,
                                                const char         *email,
                                                const char         *password,
                                                char              **tenant_id);
char           *pd_test_platform_sign_in       (PdTestPlatform     *platform,
                                                const char         *api_token);
GPtrArray      *pd_test_platform_list          (PdTestPlatform     *platform,
                                                const char         *token,
                                                const char         *collection);

/* An HTTP proxy in the test process in front of the platform: it logs
 * every request with its time and can answer or hang up in the
 * platform's place. */
typedef struct {
  char   *method;
  char   *path;
  gint64  at;      /* g_get_monotonic_time () when it arrived */
  guint   status;  /* what the client got; 0: hung up */
} PdTestProxyEntry;

typedef struct _PdTestProxy PdTestProxy;

PdTestProxy    *pd_test_proxy_new              (const char         *backend_url);
void            pd_test_proxy_free             (PdTestProxy        *proxy);
const char     *pd_test_proxy_get_url          (PdTestProxy        *proxy);
GPtrArray      *pd_test_proxy_get_log          (PdTestProxy        *proxy);
guint           pd_test_proxy_count            (PdTestProxy        *proxy,
                                                const char         *method,
                                                const char         *path_prefix);
void            pd_test_proxy_answer           (PdTestProxy        *proxy,
                                                guint               skip,
                                                guint               count,
                                                guint               status,
                                                const char         *retry_after);
void            pd_test_proxy_answer_body      (PdTestProxy        *proxy,
                                                guint               skip,
                                                const char         *body);
void            pd_test_proxy_hang_up_after_forward (PdTestProxy   *proxy,
                                                const char         *method,
                                                guint               count);

gboolean        pd_test_start_keyring          (void);
void            pd_test_stop_keyring           (void);

G_END_DECLS

/* ---- sync clients ---- */
#include "pd-account-private.h"
#include "pd-campaign.h"
#include "pd-sync-engine-private.h"

PdAccount      *pd_test_account_new            (const char         *directory,
                                                const char         *url,
                                                const char         *token);
GError         *pd_test_sync                   (PdSyncEngine       *engine);
PdCampaign     *pd_test_campaign_new           (const char         *name);
char           *pd_test_store_add_campaign     (PdStore            *store,
                                                const char         *name);
void            pd_test_store_rename_campaign  (PdStore            *store,
                                                const char         *id,
                                                const char         *name);
void            pd_test_store_add_conflicts    (PdStore            *store);
char           *pd_test_store_issue_batch      (PdStore            *store,
                                                const char         *campaign_id,
                                                guint               count,
                                                gint64              coins,
                                                GDateTime          *now);
void            pd_test_publish_campaign       (PdAccount          *account,
                                                PdStore            *store,
                                                const char         *campaign_id,
                                                const char         *idempotency_key);
