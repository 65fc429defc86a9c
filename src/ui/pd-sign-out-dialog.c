/* pd-sign-out-dialog.c
 *
 * Signing out of an account removes it from this computer: its session on
 * the platform, its token in the keyring, its workspace. What was synced
 * stays on the platform; what was not would be lost, so the dialog says
 * how many changes wait and offers to sync them first.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-sign-out-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-account-manager.h"
#include "pd-sign-out-dialog.h"
#include "pd-sync-engine.h"
#include "pd-ui-utils.h"

struct _PdSignOutDialog
{
  AdwMessageDialog  parent_instance;

  PdContext        *context;
  PdAccount        *account;
  GtkWindow        *parent;    /* weak: where the outcome is told */
  guint             pending;
};

G_DEFINE_FINAL_TYPE (PdSignOutDialog, pd_sign_out_dialog, ADW_TYPE_MESSAGE_DIALOG)

typedef struct {
  GtkWindow *parent;
  char      *title;
} SignOut;

static void
sign_out_free (SignOut *sign_out)
{
  g_clear_weak_pointer (&sign_out->parent);
  g_free (sign_out->title);
  g_free (sign_out);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SignOut, sign_out_free)

static void
on_signed_out_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(SignOut) sign_out = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!pd_account_manager_sign_out_finish (PD_ACCOUNT_MANAGER (source), result, &error))
    message = g_strdup (error->message);
  else
    /* Translators: %s is an account, "Demo Bank AG (ann@example.com)" */
    message = g_strdup_printf (_("Signed out of %s"), sign_out->title);

  if (sign_out->parent != NULL)
    pd_widget_show_toast (GTK_WIDGET (sign_out->parent), message);
}

static void
sign_out (PdSignOutDialog *self)
{
  g_autoptr(GError) error = NULL;
  SignOut *job;

  /* The workspace is closed before its files go. */
  if (pd_context_get_account (self->context) == self->account &&
      !pd_context_switch_account (self->context, NULL, &error))
    {
      if (self->parent != NULL)
        pd_widget_show_toast (GTK_WIDGET (self->parent), error->message);
      return;
    }

  job = g_new0 (SignOut, 1);
  g_set_weak_pointer (&job->parent, self->parent);
  job->title = pd_account_dup_title (self->account);
  /* Changes made after the dialog counted them are not confirmed: the
   * manager counts again and refuses. */
  pd_account_manager_sign_out_async (pd_context_get_account_manager (self->context), self->account,
                                     self->pending > 0, NULL, on_signed_out_cb, job);
}

static void
sync_first (PdSignOutDialog *self)
{
  g_autoptr(GError) error = NULL;
  PdSyncEngine *engine;

  if (pd_context_get_account (self->context) != self->account &&
      !pd_context_switch_account (self->context, self->account, &error))
    {
      if (self->parent != NULL)
        pd_widget_show_toast (GTK_WIDGET (self->parent), error->message);
      return;
    }
  engine = pd_context_get_sync_engine (self->context);
  if (engine != NULL)
    pd_sync_engine_sync_now (engine);
}

static void
on_response_cb (PdSignOutDialog *self,
                const char      *response)
{
  if (g_str_equal (response, "sign-out"))
    sign_out (self);
  else if (g_str_equal (response, "sync"))
    sync_first (self);
}

static void
pd_sign_out_dialog_dispose (GObject *object)
{
  PdSignOutDialog *self = PD_SIGN_OUT_DIALOG (object);

  g_clear_object (&self->context);
  g_clear_object (&self->account);
  g_clear_weak_pointer (&self->parent);

  G_OBJECT_CLASS (pd_sign_out_dialog_parent_class)->dispose (object);
}

static void
pd_sign_out_dialog_class_init (PdSignOutDialogClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = pd_sign_out_dialog_dispose;
}

static void
pd_sign_out_dialog_init (PdSignOutDialog *self)
{
  g_signal_connect (self, "response", G_CALLBACK (on_response_cb), NULL);
}

PdSignOutDialog *
pd_sign_out_dialog_new (GtkWindow *parent,
                        PdContext *context,
                        PdAccount *account)
{
  AdwMessageDialog *dialog;
  PdSignOutDialog *self;
  g_autofree char *title = NULL;
  g_autofree char *heading = NULL;
  g_autoptr(GString) body = NULL;

  g_return_val_if_fail (PD_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (PD_IS_ACCOUNT (account), NULL);

  self = g_object_new (PD_TYPE_SIGN_OUT_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
  dialog = ADW_MESSAGE_DIALOG (self);
  self->context = g_object_ref (context);
  self->account = g_object_ref (account);
  g_set_weak_pointer (&self->parent, parent);
  self->pending = pd_account_get_pending_count (account);

  title = pd_account_dup_title (account);
  /* Translators: %s is an account, "Demo Bank AG (ann@example.com)" */
  heading = g_strdup_printf (_("Sign Out of %s?"), title);
  adw_message_dialog_set_heading (dialog, heading);

  body = g_string_new (_("The account’s campaigns, images and vouchers are removed from this computer. "
                         "Everything that was synced stays on the platform, and signing in again brings it back."));
  if (self->pending > 0)
    {
      g_string_append (body, "\n\n");
      g_string_append_printf (body,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "%u change made on this computer has not been synced yet and would be lost.",
                                           "%u changes made on this computer have not been synced yet and would be lost.",
                                           self->pending),
                              self->pending);
    }
  adw_message_dialog_set_body (dialog, body->str);

  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  if (self->pending > 0)
    adw_message_dialog_add_response (dialog, "sync", _("S_ync First"));
  adw_message_dialog_add_response (dialog, "sign-out", _("_Sign Out"));
  adw_message_dialog_set_response_appearance (dialog, "sign-out", ADW_RESPONSE_DESTRUCTIVE);
  if (self->pending > 0)
    adw_message_dialog_set_response_appearance (dialog, "sync", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, self->pending > 0 ? "sync" : "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");

  return self;
}

guint
pd_sign_out_dialog_get_pending (PdSignOutDialog *self)
{
  g_return_val_if_fail (PD_IS_SIGN_OUT_DIALOG (self), 0);

  return self->pending;
}
