/* pd-platform-fixture.h: the reference platform as a subprocess, for tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct
{
  GSubprocess *process;
  char        *data_dir;
  char        *base_url;
  SoupSession *session;
  guint        port;
  gboolean     tls;
  GPtrArray   *argv;            /* of the server, for restarts */
  guint        max_open_files;  /* RLIMIT_NOFILE of the server; 0: inherited */
} PdPlatformFixture;

typedef struct
{
  guint               status;
  SoupMessageHeaders *headers;
  GBytes             *body;
  JsonNode           *json;
  GError             *error;   /* set when no answer came (dropped connection) */
  double              seconds;
} PdResponse;

PdPlatformFixture *pd_platform_fixture_start   (const char         *first_arg,
                                                ...) G_GNUC_NULL_TERMINATED;
PdPlatformFixture *pd_platform_fixture_start_limited (guint        max_open_files,
                                                      const char  *first_arg,
                                                      ...) G_GNUC_NULL_TERMINATED;
void               pd_platform_fixture_restart (PdPlatformFixture  *fixture);
int                pd_platform_fixture_pid     (PdPlatformFixture  *fixture);
void               pd_platform_fixture_stop    (PdPlatformFixture  *fixture);

PdResponse        *pd_platform_request         (PdPlatformFixture  *fixture,
                                                const char         *method,
                                                const char         *path,
                                                const char         *token,
                                                const char         *content_type,
                                                const char         *body,
                                                gssize              body_len,
                                                ...) G_GNUC_NULL_TERMINATED;
PdResponse        *pd_platform_json            (PdPlatformFixture  *fixture,
                                                const char         *method,
                                                const char         *path,
                                                const char         *token,
                                                const char         *json,
                                                ...) G_GNUC_NULL_TERMINATED;
void               pd_response_free            (PdResponse         *response);
const char        *pd_response_header          (PdResponse         *response,
                                                const char         *name);
const char        *pd_response_string          (PdResponse         *response,
                                                const char         *member);
gint64             pd_response_int             (PdResponse         *response,
                                                const char         *member);
JsonObject        *pd_response_object          (PdResponse         *response);
const char        *pd_response_problem         (PdResponse         *response);

char              *pd_platform_sign_in         (PdPlatformFixture  *fixture,
                                                const char         *email,
                                                const char         *password);
char              *pd_platform_admin_tenant    (PdPlatformFixture  *fixture,
                                                const char         *name,
                                                const char         *email,
                                                const char         *password,
                                                char              **tenant_id);
void               pd_platform_admin_faults    (PdPlatformFixture  *fixture,
                                                const char         *json);

#define pd_assert_problem(response, code, slug) \
  G_STMT_START { \
    PdResponse *_r = (response); \
    if (_r->status != (guint) (code) || g_strcmp0 (pd_response_problem (_r), (slug)) != 0) \
      g_error ("%s:%d: expected %u %s, got %u %s: %.*s", __FILE__, __LINE__, (guint) (code), (slug), \
               _r->status, pd_response_problem (_r), \
               _r->body ? (int) g_bytes_get_size (_r->body) : 0, \
               _r->body ? (const char *) g_bytes_get_data (_r->body, NULL) : ""); \
    g_assert_cmpstr (pd_response_header (_r, "Content-Type"), ==, "application/problem+json"); \
  } G_STMT_END

#define pd_assert_status(response, code) \
  G_STMT_START { \
    PdResponse *_r = (response); \
    if (_r->status != (guint) (code)) \
      g_error ("%s:%d: expected %u, got %u: %.*s", __FILE__, __LINE__, (guint) (code), _r->status, \
               _r->body ? (int) g_bytes_get_size (_r->body) : 0, \
               _r->body ? (const char *) g_bytes_get_data (_r->body, NULL) : ""); \
  } G_STMT_END

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdResponse, pd_response_free)

G_END_DECLS
