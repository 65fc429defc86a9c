/* test-sign-in-ui.c: the sign-in dialog's errors against the reference
 * platform, a closed port and a web server that is no platform
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libsoup/soup.h>

#include "pd-context.h"
#include "pd-resources.h"
#include "pd-sign-in-dialog.h"
#include "pd-sync-test-utils.h"
#include "pd-test-ui-utils.h"

typedef struct {
  PdTestPlatform *platform;
  char           *data_dir;
  PdContext      *context;
  PdSignInDialog *dialog;
} Fixture;

static AdwEntryRow *
row (Fixture    *f,
     const char *name)
{
  return ADW_ENTRY_ROW (gtk_widget_get_template_child (GTK_WIDGET (f->dialog), PD_TYPE_SIGN_IN_DIALOG, name));
}

static GtkLabel *
error_label (Fixture *f)
{
  return GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (f->dialog), PD_TYPE_SIGN_IN_DIALOG, "error_label"));
}

static gboolean
sign_in_enabled (Fixture *f)
{
  GtkWidget *button = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (f->dialog), PD_TYPE_SIGN_IN_DIALOG,
                                                                 "sign_in_button"));

  return gtk_widget_is_sensitive (button);
}

static void
fill (Fixture    *f,
      const char *url,
      const char *email,
      const char *password)
{
  gtk_editable_set_text (GTK_EDITABLE (row (f, "url_row")), url);
  gtk_editable_set_text (GTK_EDITABLE (row (f, "email_row")), email);
  gtk_editable_set_text (GTK_EDITABLE (row (f, "password_row")), password);
}

static gboolean
error_shown (gpointer data)
{
  Fixture *f = data;

  return gtk_widget_get_visible (GTK_WIDGET (error_label (f))) && sign_in_enabled (f);
}

/* Signs in and returns the error the dialog shows; it must be visible
 * without scrolling, above the form. */
static const char *
sign_in_error (Fixture *f)
{
  graphene_point_t label_at, form_at;

  g_assert_true (sign_in_enabled (f));
  gtk_widget_activate_action (GTK_WIDGET (f->dialog), "sign-in.sign-in", NULL);
  g_assert_true (pd_test_wait_for (error_shown, f, 20000));
  pd_test_settle (100);
  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (error_label (f)), GTK_WIDGET (f->dialog),
                                           &GRAPHENE_POINT_INIT (0, 0), &label_at));
  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (row (f, "url_row")), GTK_WIDGET (f->dialog),
                                           &GRAPHENE_POINT_INIT (0, 0), &form_at));
  g_assert_cmpfloat (label_at.y, <, form_at.y);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (error_label (f))), >, 0);
  return gtk_label_get_label (error_label (f));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->platform = pd_test_platform_start (NULL);
  f->data_dir = pd_test_make_private_dir ();
  f->context = pd_context_new (f->data_dir);
  f->dialog = pd_sign_in_dialog_new (f->context);
  gtk_window_set_default_size (GTK_WINDOW (f->dialog), 420, 420);
  gtk_window_present (GTK_WINDOW (f->dialog));
  pd_test_settle (200);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->dialog));
  pd_test_settle (50);
  g_clear_object (&f->context);
  pd_test_platform_free (f->platform);
  pd_test_remove_tree (f->data_dir);
  g_free (f->data_dir);
}

static void
test_needs_fields (Fixture       *f,
                   gconstpointer  data)
{
  fill (f, f->platform->url, "", "");
  g_assert_false (sign_in_enabled (f));
  fill (f, f->platform->url, "demo@example.com", "");
  g_assert_false (sign_in_enabled (f));
  fill (f, f->platform->url, "   ", "demo-password");
  g_assert_false (sign_in_enabled (f));
  fill (f, "", "demo@example.com", "demo-password");
  g_assert_false (sign_in_enabled (f));
  fill (f, f->platform->url, "demo@example.com", "demo-password");
  g_assert_true (sign_in_enabled (f));
}

static void
test_wrong_password (Fixture       *f,
                     gconstpointer  data)
{
  fill (f, f->platform->url, "demo@example.com", "not-the-password");
  g_assert_cmpstr (sign_in_error (f), ==, "The e-mail address or password is wrong.");
  pd_test_save_screenshot (GTK_WIDGET (f->dialog), "sign-in-wrong-password");

  /* An unknown e-mail reads the same: no hint which one was wrong. */
  fill (f, f->platform->url, "nobody@example.com", "not-the-password");
  g_assert_cmpstr (sign_in_error (f), ==, "The e-mail address or password is wrong.");
  g_assert_null (pd_context_get_account (f->context));
}

static void
test_nobody_answers (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autofree char *url = NULL;

  /* A port that was free a moment ago and has no listener. */
  g_assert_true (g_socket_bind (socket, any, TRUE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  url = g_strdup_printf ("http://127.0.0.1:%u", g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  g_socket_close (socket, NULL);

  fill (f, url, "demo@example.com", "demo-password");
  g_assert_cmpstr (sign_in_error (f), ==, "No platform answers at this address. Check the address and your connection.");
}

static void
not_a_platform_cb (SoupServer        *server,
                   SoupServerMessage *message,
                   const char        *path,
                   GHashTable        *query,
                   gpointer           user_data)
{
  static const char page[] = "<!doctype html><title>Shop</title><p>Welcome to our shop.</p>";

  soup_server_message_set_status (message, 404, NULL);
  soup_server_message_set_response (message, "text/html", SOUP_MEMORY_STATIC, page, sizeof page - 1);
}

static void
test_not_a_platform (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSList) uris = NULL;
  g_autofree char *url = NULL;

  soup_server_add_handler (server, NULL, not_a_platform_cb, NULL, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  url = g_strdup_printf ("http://127.0.0.1:%u", g_uri_get_port (uris->data));
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);

  fill (f, url, "demo@example.com", "demo-password");
  g_assert_cmpstr (sign_in_error (f), ==,
                   "This address is not a Particulate platform. Check the address your organisation gave you.");
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  pd_register_resource ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/sign-in-ui/needs-fields", test_needs_fields);
  ADD ("/sign-in-ui/wrong-password", test_wrong_password);
  ADD ("/sign-in-ui/nobody-answers", test_nobody_answers);
  ADD ("/sign-in-ui/not-a-platform", test_not_a_platform);
#undef ADD

  return g_test_run ();
}
