/* pd-platform.h: shared types of the reference platform server
 *
 * The reference server is one process on one main loop: every handler runs
 * on the main thread, so the tenants' databases and the counters below need
 * no locking.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "pd-platform-clock.h"

G_BEGIN_DECLS

#define PD_PROBLEM_BASE "https://api.particulate.example/problems/"
#define PD_JSON_BODY_LIMIT (1024 * 1024)
#define PD_ASSET_BODY_LIMIT (16 * 1024 * 1024)
#define PD_JSON_MAX_DEPTH 32
#define PD_LIST_LIMIT_DEFAULT 100
#define PD_LIST_LIMIT_MAX 1000
#define PD_CODES_PER_CHUNK_MAX 10000
/* A record's fields as JSON, and a page of a list or of the change feed:
 * a page stops early (with a next cursor) before it grows past this, so
 * no answer is built from a thousand records of a megabyte each. */
#define PD_RECORD_BYTES_MAX (256 * 1024)
#define PD_PAGE_BYTES_MAX (4 * 1024 * 1024)
/* Money: any count of coins stays within PD_COINS_MAX and any amount
 * (coins × coin_value_micros) within PD_AMOUNT_MAX_MICROS, a billion
 * currency units. Validation holds every product of a record to these, so
 * the sums in campaign results stay far from G_MAXINT64 (9.2e18). */
#define PD_COINS_MAX G_GINT64_CONSTANT (1000000000000)
#define PD_AMOUNT_MAX_MICROS G_GINT64_CONSTANT (1000000000000000)
/* OWASP's count for PBKDF2-HMAC-SHA256 (2023); --pbkdf2-iterations lowers
 * it for tests only. */
#define PD_PBKDF2_ITERATIONS 600000
/* failed sign-ins of one e-mail address a minute (three times as many of
 * one client address) before 429 */
#define PD_SIGN_IN_FAILURES 10
/* What one connection may hold the server for: its request's headers
 * within this of its accept (or of the previous answer), its body within
 * this of the headers; and how many connections one client address may
 * hold at once. */
#define PD_HEADER_TIMEOUT_MS 10000
#define PD_BODY_TIMEOUT_MS 30000
#define PD_PEER_CONNECTIONS 32
#define PD_IDEMPOTENCY_KEEP_SECONDS (30 * 24 * 3600)
/* Donors meet a campaign at <this><tenant id>/<campaign slug>. */
#define PD_DONOR_PAGE_BASE "https://give.particulate.example/t/"

/* ---- databases (pd-platform-db.c) ---- */

typedef struct
{
  sqlite3    *handle;
  GHashTable *statements; /* sql (address of a literal) -> sqlite3_stmt */
  guint       depth;      /* of nested pd_db_begin() */
} PdDb;

PdDb         *pd_db_open           (const char  *path,
                                    GError     **error);
void          pd_db_free           (PdDb        *db);
gboolean      pd_db_exec           (PdDb        *db,
                                    const char  *sql,
                                    GError     **error);
sqlite3_stmt *pd_db_prepare        (PdDb        *db,
                                    const char  *sql);
void          pd_db_begin          (PdDb        *db);
void          pd_db_commit         (PdDb        *db);
gint64        pd_db_query_int      (PdDb        *db,
                                    const char  *sql,
                                    const char  *text_arg);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdDb, pd_db_free)

/* ---- faults (pd-platform-faults.c) ---- */

typedef struct
{
  guint   latency_ms;
  double  error_rate;       /* share of requests answered 500 or 503 */
  guint   every_429;        /* every Nth request answered 429; 0 = never */
  guint   retry_after;      /* seconds sent with 429 and 503 */
  gint64  drop_after_bytes; /* < 0: never drop */
  guint   drop_count;       /* responses left to drop; 0 = all while enabled */
  gint64  token_lifetime;   /* seconds; 0 = the normal lifetime */
  guint64 requests;         /* counted for every_429 */
} PdFaults;

/* ---- the server ---- */

typedef struct _PdListener PdListener;

typedef struct
{
  char   *tenant_id;
  char   *user_id;
  gint64  created_at;
  gint64  expires_at;
} PdSession;

void        pd_session_free          (PdSession   *session);

typedef struct
{
  char       *id;
  char       *name;
  char       *dir;
  PdDb       *db;
  char       *generation; /* changes when a tenant is recreated: old cursors expire */
  gint64      seq;        /* the last change-feed sequence number handed out */
} PdTenant;

typedef struct
{
  char        *data_dir;
  SoupServer  *server;
  PdDb        *registry;
  GHashTable  *tenants;          /* id -> PdTenant */
  GHashTable  *sessions;         /* token hash -> PdSession, a cache of the registry */
  PdFaults     faults;
  gint64       feed_retention;   /* changes a cursor may lag behind */
  gint64       token_lifetime;   /* seconds */
  gboolean     admin;
  double       donor_rate;       /* redemptions per second */
  double       donor_credit;
  guint        donor_source;
  GRand       *rand;
  guint64      requests_served;
  guint        pbkdf2_iterations; /* for new hashes; 0: PD_PBKDF2_ITERATIONS */
  guint        sign_in_limit;     /* 0: PD_SIGN_IN_FAILURES */
  GHashTable  *sign_in_failures;  /* "a:<address>" or "e:<e-mail>" -> counts */
  PdListener  *listener;          /* NULL when libsoup listens (the fuzz target) */
  guint        header_timeout_ms;
  guint        body_timeout_ms;
  guint        peer_limit;        /* connections per client address */
} PdPlatform;

typedef struct
{
  PdPlatform        *platform;
  SoupServerMessage *msg;
  const char        *method;
  char              *path;
  GHashTable        *query;          /* may be NULL */
  char             **segments;       /* path below /v1, split at '/' */
  guint              n_segments;
  PdTenant          *tenant;
  char              *user_id;
  char              *token_hash;
  GBytes            *body;
  JsonNode          *json;           /* parsed body, when it is JSON */

  /* the answer, kept apart from the message so idempotency can store it */
  guint              status;
  const char        *content_type;
  GBytes            *reply_body;
  char              *etag;
  char              *www_authenticate;
  char              *allow;
  guint              retry_after;    /* seconds for Retry-After; 0: none */
  gboolean           replayed;
  gboolean           deferred;       /* answered later, through pd_router_resume() */
} PdRequest;

/* pd-platform-http.c */
void        pd_reply_bytes        (PdRequest   *req,
                                   guint        status,
                                   const char  *content_type,
                                   GBytes      *body);
void        pd_reply_take_json    (PdRequest   *req,
                                   guint        status,
                                   char        *json);
void        pd_reply_node         (PdRequest   *req,
                                   guint        status,
                                   JsonNode    *node);
void        pd_reply_empty        (PdRequest   *req,
                                   guint        status);
void        pd_reply_problem      (PdRequest   *req,
                                   guint        status,
                                   const char  *slug,
                                   const char  *detail,
                                   JsonArray   *errors,
                                   const char  *current_json);
void        pd_reply_set_etag     (PdRequest   *req,
                                   gint64       revision);
void        pd_field_error        (JsonArray   *errors,
                                   const char  *field,
                                   const char  *format,
                                   ...) G_GNUC_PRINTF (3, 4);
char       *pd_json_to_string     (JsonNode    *node);
JsonNode   *pd_json_from_string   (const char  *json);
JsonNode   *pd_json_parse_object  (const char  *data,
                                   gsize        len,
                                   GError     **error);
gboolean    pd_is_uuid            (const char  *text);
gboolean    pd_is_sha256          (const char  *text);
char       *pd_now_rfc3339        (void);
char       *pd_uuid_new           (GRand       *rand);
char       *pd_sha256_hex         (const void  *data,
                                   gsize        len);
void        pd_random_bytes       (void        *buf,
                                   gsize        len);
char       *pd_cursor_encode      (const char  *text);
char       *pd_cursor_decode      (const char  *cursor);
gboolean    pd_parse_limit        (PdRequest   *req,
                                   guint       *limit);
const char *pd_json_string        (JsonObject  *object,
                                   const char  *member);
gint64      pd_json_int           (JsonObject  *object,
                                   const char  *member,
                                   gint64       fallback);
gboolean    pd_media_type_is      (const char  *content_type,
                                   const char  *wanted);

/* pd-platform-tenants.c */
gboolean    pd_tenants_open_registry (PdPlatform  *platform,
                                      GError     **error);
PdTenant   *pd_tenants_lookup        (PdPlatform  *platform,
                                      const char  *tenant_id);
PdTenant   *pd_tenants_create        (PdPlatform  *platform,
                                      const char  *tenant_id,
                                      const char  *name,
                                      GError     **error);
gboolean    pd_tenants_add_user      (PdPlatform  *platform,
                                      const char  *tenant_id,
                                      const char  *user_id,
                                      const char  *email,
                                      const char  *name,
                                      const char  *password,
                                      GError     **error);
char       *pd_tenants_add_api_token (PdPlatform  *platform,
                                      const char  *tenant_id,
                                      const char  *user_id);
void        pd_tenant_free           (PdTenant    *tenant);
gint64      pd_tenant_next_seq       (PdTenant    *tenant);
JsonNode   *pd_tenant_to_json        (PdTenant    *tenant);

/* pd-platform-auth.c */
char       *pd_auth_hash_password    (const char  *password,
                                      const char  *salt_hex,
                                      guint        iterations);
char       *pd_auth_new_salt         (void);
guint       pd_auth_iterations       (PdPlatform  *platform);
gboolean    pd_auth_authenticate     (PdRequest   *req);
void        pd_auth_handle_session   (PdRequest   *req);
void        pd_auth_handle_me        (PdRequest   *req);

/* pd-platform-connections.c */
GSource    *pd_source_attach         (GSource     *source,
                                      GSourceFunc  func,
                                      gpointer     data);
void        pd_source_clear          (GSource    **source);
void        pd_connections_install   (PdPlatform  *platform);
GBytes     *pd_connections_answer    (PdRequest   *req);

/* pd-platform-listener.c */
PdListener *pd_listener_new          (PdPlatform       *platform,
                                      GSocketAddress   *address,
                                      GTlsCertificate  *certificate,
                                      GError          **error);
guint       pd_listener_get_port     (PdListener       *listener);
GSocket    *pd_listener_lookup_socket (SoupServerMessage *msg);
void        pd_listener_free         (PdListener       *listener);

/* pd-platform-router.c */
void        pd_router_install        (PdPlatform  *platform);
void        pd_router_resume         (PdRequest   *req);

/* pd-platform-records.c */
gboolean    pd_records_is_collection (const char  *collection);
const char *pd_records_kind          (const char  *collection);
void        pd_records_handle_list   (PdRequest   *req,
                                      const char  *collection);
void        pd_records_handle_item   (PdRequest   *req,
                                      const char  *collection,
                                      const char  *id);
char       *pd_records_get_json      (PdTenant    *tenant,
                                      const char  *kind,
                                      const char  *id,
                                      gint64      *revision);
gboolean    pd_records_put           (PdTenant    *tenant,
                                      const char  *kind,
                                      const char  *id,
                                      JsonObject  *fields,
                                      gint64       revision,
                                      char       **json_out);
gboolean    pd_records_check_if_match (PdRequest  *req,
                                       gint64      revision,
                                       const char *current_json);
void        pd_records_purge_tombstones (PdPlatform *platform,
                                         PdTenant   *tenant);

/* pd-platform-validate.c */
JsonObject *pd_validate_record       (PdTenant    *tenant,
                                      const char  *kind,
                                      const char  *id,
                                      JsonObject  *input,
                                      JsonArray   *errors);

/* pd-platform-campaigns.c */
void        pd_campaigns_handle_publish (PdRequest  *req,
                                         const char *id,
                                         gboolean    publish);
void        pd_campaigns_handle_stats   (PdRequest  *req,
                                         const char *id);
gboolean    pd_campaigns_has_vouchers   (PdTenant   *tenant,
                                         const char *id);

/* pd-platform-vouchers.c */
void        pd_vouchers_handle_codes (PdRequest   *req,
                                      const char  *batch_id);
gboolean    pd_vouchers_redeem       (PdPlatform  *platform,
                                      PdTenant    *tenant,
                                      const char  *code,
                                      const char  *project_id,
                                      JsonNode   **result,
                                      GError     **error);
void        pd_vouchers_delete_batch (PdTenant    *tenant,
                                      const char  *batch_id);
gboolean    pd_vouchers_expire       (PdTenant    *tenant,
                                      const char  *code);

/* pd-platform-assets.c */
void        pd_assets_handle         (PdRequest   *req,
                                      const char  *sha256);

/* pd-platform-changes.c */
void        pd_changes_handle        (PdRequest   *req);

/* pd-platform-idempotency.c */
gboolean    pd_idempotency_replay    (PdRequest   *req,
                                      const char  *key);
void        pd_idempotency_store     (PdRequest   *req,
                                      const char  *key);
void        pd_idempotency_expire    (PdTenant    *tenant);

/* pd-platform-faults.c */
gboolean    pd_faults_apply_before   (PdRequest   *req);
gboolean    pd_faults_should_drop    (PdPlatform  *platform);
void        pd_faults_drop_response  (PdRequest   *req);
void        pd_faults_update_from_json (PdFaults  *faults,
                                        JsonObject *object);
JsonNode   *pd_faults_to_json        (PdPlatform  *platform);

/* pd-platform-admin.c */
void        pd_admin_handle          (PdRequest   *req);

/* pd-platform-seed.c */
gboolean    pd_seed_demo             (PdPlatform  *platform,
                                      GError     **error);

/* pd-platform-donors.c */
void        pd_donors_start          (PdPlatform  *platform);

G_END_DECLS
