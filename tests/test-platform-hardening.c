/* test-platform-hardening.c: attacks on the reference platform, over real
 * HTTP against the real server binary (issue 13)
 *
 * Each test reproduces one fault as an attacker would send it, then checks
 * that the server refused it cheaply and still serves everyone else.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-platform-hardening"

#include "pd-platform-fixture.h"
#include "pd-test-utils.h"

#include <string.h>

typedef struct
{
  PdPlatformFixture *platform;
  char              *token;
  char              *tenant_id;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *api = NULL;

  f->platform = pd_platform_fixture_start ("--admin", NULL);
  api = pd_platform_admin_tenant (f->platform, "Bank", "h@example.com", "hardening-pw", &f->tenant_id);
  f->token = pd_platform_sign_in (f->platform, "h@example.com", "hardening-pw");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  pd_platform_fixture_stop (f->platform);
  g_free (f->token);
  g_free (f->tenant_id);
}

/* The server still answers a signed-in request as usual. */
static void
assert_still_serving (Fixture *f)
{
  g_autoptr(PdResponse) me = pd_platform_request (f->platform, "GET", "/v1/me", f->token, NULL, NULL, 0, NULL);

  g_assert_no_error (me->error);
  pd_assert_status (me, 200);
}

/* ---- 8: a body without a JSON root ---- */

static void
test_body_without_root (Fixture       *f,
                        gconstpointer  data)
{
  static const char *bodies[] = { " ", "\n\t \r\n", "" };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(PdResponse) session = pd_platform_json (f->platform, "POST", "/v1/session", NULL, bodies[i], NULL);
      g_autoptr(PdResponse) put = pd_platform_json (f->platform, "PUT",
                                                    "/v1/projects/10000000-0000-4000-8000-000000000001",
                                                    f->token, bodies[i], "If-None-Match", "*", NULL);
      g_autoptr(PdResponse) admin = pd_platform_json (f->platform, "POST", "/_admin/faults", NULL, bodies[i], NULL);

      g_assert_no_error (session->error);
      pd_assert_problem (session, 400, "invalid-json");
      pd_assert_problem (put, 400, "invalid-json");
      pd_assert_problem (admin, 400, "invalid-json");
    }
  assert_still_serving (f);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/platform/hardening/body-without-root", test_body_without_root);
#undef ADD

  return g_test_run ();
}
