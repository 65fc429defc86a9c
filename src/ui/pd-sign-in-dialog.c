/* pd-sign-in-dialog.c
 *
 * Adds a platform account: the password is exchanged for a token that the
 * account manager keeps in the system keyring; the dialog forgets it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-sign-in-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-account-manager.h"
#include "pd-api-error.h"
#include "pd-sign-in-dialog.h"
#include "pd-ui-utils.h"

#define DEFAULT_PLATFORM_URL "https://platform.particulate.example"

struct _PdSignInDialog
{
  AdwWindow     parent_instance;

  PdContext    *context;
  GCancellable *cancellable;

  AdwEntryRow  *url_row;
  AdwEntryRow  *email_row;
  AdwEntryRow  *password_row;
  GtkLabel     *error_label;
  GtkSpinner   *spinner;
  GtkWidget    *sign_in_button;
  gboolean      busy;
};

G_DEFINE_FINAL_TYPE (PdSignInDialog, pd_sign_in_dialog, ADW_TYPE_WINDOW)

static gboolean
row_filled (AdwEntryRow *row)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));

  while (g_ascii_isspace (*text))
    text++;
  return *text != '\0';
}

/* Sign In works once there is something to send, and not twice at once. */
static void
update_sign_in_action (PdSignInDialog *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sign-in.sign-in",
                                 !self->busy && row_filled (self->url_row) &&
                                 row_filled (self->email_row) && row_filled (self->password_row));
}

static void
set_busy (PdSignInDialog *self,
          gboolean        busy)
{
  self->busy = busy;
  gtk_spinner_set_spinning (self->spinner, busy);
  update_sign_in_action (self);
}

/* What went wrong, in the words of someone signing in: the client's
 * messages are written for a sync that was already set up. */
static const char *
describe_sign_in_error (const GError *error)
{
  if (error->domain != PD_API_ERROR)
    return error->message;

  switch (error->code)
    {
    case PD_API_ERROR_UNAUTHORIZED:
      return _("The e-mail address or password is wrong.");
    case PD_API_ERROR_NETWORK:
    case PD_API_ERROR_TIMEOUT:
      return _("No platform answers at this address. Check the address and your connection.");
    case PD_API_ERROR_NOT_FOUND:
    case PD_API_ERROR_INVALID_RESPONSE:
      return _("This address is not a Particulate platform. Check the address your organisation gave you.");
    case PD_API_ERROR_RATE_LIMITED:
      return _("Too many sign-in attempts. Wait a minute, then try again.");
    default:
      return error->message;
    }
}

static void
on_signed_in_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(PdSignInDialog) self = user_data;
  g_autoptr(PdAccount) account = NULL;
  g_autoptr(GError) error = NULL;

  account = pd_account_manager_sign_in_finish (PD_ACCOUNT_MANAGER (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);

  if (account == NULL || !pd_context_switch_account (self->context, account, &error))
    {
      gtk_label_set_label (self->error_label, describe_sign_in_error (error));
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }

  gtk_window_close (GTK_WINDOW (self));
}

static void
sign_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PdSignInDialog *self = PD_SIGN_IN_DIALOG (widget);

  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  set_busy (self, TRUE);
  pd_account_manager_sign_in_async (pd_context_get_account_manager (self->context),
                                    gtk_editable_get_text (GTK_EDITABLE (self->url_row)),
                                    gtk_editable_get_text (GTK_EDITABLE (self->email_row)),
                                    gtk_editable_get_text (GTK_EDITABLE (self->password_row)),
                                    NULL,
                                    self->cancellable,
                                    on_signed_in_cb,
                                    g_object_ref (self));
}

static void
pd_sign_in_dialog_dispose (GObject *object)
{
  PdSignInDialog *self = PD_SIGN_IN_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), PD_TYPE_SIGN_IN_DIALOG);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (pd_sign_in_dialog_parent_class)->dispose (object);
}

static void
pd_sign_in_dialog_class_init (PdSignInDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pd_sign_in_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/particulate/Designer/ui/pd-sign-in-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PdSignInDialog, url_row);
  gtk_widget_class_bind_template_child (widget_class, PdSignInDialog, email_row);
  gtk_widget_class_bind_template_child (widget_class, PdSignInDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, PdSignInDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, PdSignInDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, PdSignInDialog, sign_in_button);

  gtk_widget_class_install_action (widget_class, "sign-in.sign-in", NULL, sign_in_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pd_sign_in_dialog_init (PdSignInDialog *self)
{
  const char *url = g_getenv ("PARTICULATE_PLATFORM_URL");

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();

  /* The run script starts a reference platform and names it here. */
  gtk_editable_set_text (GTK_EDITABLE (self->url_row), url != NULL && *url != '\0' ? url : DEFAULT_PLATFORM_URL);
  pd_entry_row_name_parts (self->url_row);
  pd_entry_row_name_parts (self->email_row);
  pd_entry_row_name_parts (self->password_row);
  gtk_window_set_default_widget (GTK_WINDOW (self), self->sign_in_button);
  adw_entry_row_set_activates_default (self->password_row, TRUE);

  g_signal_connect_swapped (self->url_row, "changed", G_CALLBACK (update_sign_in_action), self);
  g_signal_connect_swapped (self->email_row, "changed", G_CALLBACK (update_sign_in_action), self);
  g_signal_connect_swapped (self->password_row, "changed", G_CALLBACK (update_sign_in_action), self);
  update_sign_in_action (self);
}

PdSignInDialog *
pd_sign_in_dialog_new (PdContext *context)
{
  PdSignInDialog *self;

  g_return_val_if_fail (PD_IS_CONTEXT (context), NULL);

  self = g_object_new (PD_TYPE_SIGN_IN_DIALOG, NULL);
  self->context = g_object_ref (context);
  return self;
}
