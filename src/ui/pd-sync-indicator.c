/* pd-sync-indicator.c
 *
 * The line at the foot of the sidebar that tells whether the work is safe
 * on the platform, or how many changes wait to be sent and why; its
 * popover says in plain words what happens to them, with the technical
 * cause folded away under "Details".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-sync-indicator"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-sync-indicator.h"

struct _PdSyncIndicator
{
  GtkWidget              parent_instance;

  PdSyncIndicatorStatus  status;
  guint                  pending_count;
  char                  *details;
  char                  *summary;
  guint                  conflict_count;
  gboolean               busy;
  double                 progress;
  guint                  received_count;

  GtkRevealer           *conflicts_revealer;
  GtkWidget             *conflicts_button;
  GtkLabel              *conflicts_label;
  GtkProgressBar        *line_progress_bar;
  GtkProgressBar        *progress_bar;
  GtkWidget             *cancel_button;
  GtkMenuButton         *button;
  GtkImage              *icon;
  GtkLabel              *summary_label;
  GtkLabel              *reason_label;
  GtkLabel              *title_label;
  GtkLabel              *message_label;
  GtkExpander           *details_expander;
  GtkLabel              *details_label;
  GtkWidget             *sync_button;
};

G_DEFINE_FINAL_TYPE (PdSyncIndicator, pd_sync_indicator, GTK_TYPE_WIDGET)

G_DEFINE_ENUM_TYPE (PdSyncIndicatorStatus, pd_sync_indicator_status,
                    G_DEFINE_ENUM_VALUE (PD_SYNC_INDICATOR_LOCAL, "local"),
                    G_DEFINE_ENUM_VALUE (PD_SYNC_INDICATOR_SYNCED, "synced"),
                    G_DEFINE_ENUM_VALUE (PD_SYNC_INDICATOR_PENDING, "pending"),
                    G_DEFINE_ENUM_VALUE (PD_SYNC_INDICATOR_SYNCING, "syncing"),
                    G_DEFINE_ENUM_VALUE (PD_SYNC_INDICATOR_OFFLINE, "offline"),
                    G_DEFINE_ENUM_VALUE (PD_SYNC_INDICATOR_ERROR, "error"),
                    G_DEFINE_ENUM_VALUE (PD_SYNC_INDICATOR_UNREACHABLE, "unreachable"),
                    G_DEFINE_ENUM_VALUE (PD_SYNC_INDICATOR_BUSY, "busy"),
                    G_DEFINE_ENUM_VALUE (PD_SYNC_INDICATOR_SIGNED_OUT, "signed-out"))

enum {
  PROP_0,
  PROP_STATUS,
  PROP_PENDING_COUNT,
  PROP_DETAILS,
  PROP_CONFLICT_COUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* "N changes waiting · why", or just why when nothing waits. */
#define WAITING_BECAUSE(n, format, nothing_waits) \
  ((n) > 0 ? g_strdup_printf (format, (n)) : g_strdup (nothing_waits))

static void
pd_sync_indicator_update (PdSyncIndicator *self)
{
  const char *icon_name = "emblem-ok-symbolic";
  const char *message = NULL;
  const char *reason = NULL;
  g_autofree char *summary = NULL;
  guint n = self->pending_count;

  /* The count of waiting changes is never replaced by a problem: the
   * problem is said after it, and the popover says what happens next. */
  switch (self->status)
    {
    case PD_SYNC_INDICATOR_LOCAL:
      icon_name = "computer-symbolic";
      if (n > 0)
        summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "%u change saved on this computer",
                                                "%u changes saved on this computer",
                                                n),
                                   n);
      else
        summary = g_strdup (_("Saved on this computer"));
      message = _("This workspace is kept on this computer only. Sign in to an account to publish campaigns on the platform.");
      break;

    case PD_SYNC_INDICATOR_SYNCED:
      icon_name = "emblem-ok-symbolic";
      summary = g_strdup (_("All changes synced"));
      message = _("Everything in this workspace is saved on the platform.");
      break;

    case PD_SYNC_INDICATOR_PENDING:
      icon_name = "document-send-symbolic";
      /* Nothing to send, yet not all received: a cancelled sync. */
      if (n == 0)
        {
          summary = g_strdup (_("Not fully synced"));
          message = _("Some changes on the platform have not been received yet. They come with the next sync.");
          break;
        }
      summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u change waiting", "%u changes waiting", n), n);
      message = _("Your changes are kept on this computer and will be sent to the platform shortly.");
      break;

    case PD_SYNC_INDICATOR_SYNCING:
      icon_name = "emblem-synchronizing-symbolic";
      summary = g_strdup (_("Syncing…"));
      message = _("Your changes are being sent to the platform, and your colleagues’ changes received.");
      break;

    case PD_SYNC_INDICATOR_OFFLINE:
      icon_name = "network-offline-symbolic";
      summary = WAITING_BECAUSE (n, g_dngettext (GETTEXT_PACKAGE, "%u change waiting · offline", "%u changes waiting · offline", n), _("Offline"));
      reason = _("Offline");
      message = _("You can keep working. Your changes are kept on this computer and will be sent when the network is back.");
      break;

    case PD_SYNC_INDICATOR_UNREACHABLE:
      icon_name = "network-error-symbolic";
      summary = WAITING_BECAUSE (n, g_dngettext (GETTEXT_PACKAGE, "%u change waiting · the platform cannot be reached", "%u changes waiting · the platform cannot be reached", n),
                                 _("The platform cannot be reached"));
      reason = _("The platform cannot be reached");
      message = n > 0 ? _("You can keep working. Your changes are kept on this computer and will be sent as soon as the platform answers again. Particulate Designer checks several times a minute.")
                      : _("The platform does not answer. Particulate Designer checks several times a minute.");
      break;

    case PD_SYNC_INDICATOR_BUSY:
      icon_name = "document-send-symbolic";
      summary = WAITING_BECAUSE (n, g_dngettext (GETTEXT_PACKAGE, "%u change waiting · the platform asked to wait", "%u changes waiting · the platform asked to wait", n),
                                 _("The platform asked to wait"));
      reason = _("The platform asked to wait");
      message = _("The platform is busy and asked to wait a while. Your changes are kept on this computer and will be sent when the wait is over.");
      break;

    case PD_SYNC_INDICATOR_SIGNED_OUT:
      icon_name = "dialog-password-symbolic";
      summary = WAITING_BECAUSE (n, g_dngettext (GETTEXT_PACKAGE, "%u change waiting · sign in again", "%u changes waiting · sign in again", n),
                                 _("Signed out"));
      reason = _("Sign in again");
      message = _("The platform asks you to sign in again. Your changes are kept on this computer and will be sent once you have signed in.");
      break;

    case PD_SYNC_INDICATOR_ERROR:
      icon_name = "dialog-warning-symbolic";
      summary = WAITING_BECAUSE (n, g_dngettext (GETTEXT_PACKAGE, "%u change waiting · sync problem", "%u changes waiting · sync problem", n),
                                 _("Sync problem"));
      reason = _("Sync problem");
      message = _("Some changes could not be sent to the platform. They are kept on this computer.");
      break;

    default:
      g_assert_not_reached ();
    }

  gtk_image_set_from_icon_name (self->icon, icon_name);
  /* The local workspace has nowhere to sync to. */
  gtk_widget_set_visible (self->sync_button, self->status != PD_SYNC_INDICATOR_LOCAL && !self->busy);
  /* The line under the count says why; the accessible name has both. */
  if (reason != NULL && n > 0)
    {
      g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u change waiting", "%u changes waiting", n), n);

      gtk_label_set_label (self->summary_label, count);
      gtk_label_set_label (self->reason_label, reason);
    }
  else
    gtk_label_set_label (self->summary_label, summary);
  gtk_widget_set_visible (GTK_WIDGET (self->reason_label), reason != NULL && n > 0);
  gtk_label_set_label (self->title_label, summary);
  gtk_label_set_label (self->message_label, message);
  /* The technical cause is for whoever asks for it, or for support. */
  gtk_label_set_label (self->details_label, self->details != NULL ? self->details : "");
  gtk_widget_set_visible (GTK_WIDGET (self->details_expander), self->details != NULL && *self->details != '\0');
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, summary,
                                  -1);

  if (self->status == PD_SYNC_INDICATOR_ERROR || self->status == PD_SYNC_INDICATOR_SIGNED_OUT)
    gtk_widget_add_css_class (GTK_WIDGET (self), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "error");
  if (self->status == PD_SYNC_INDICATOR_UNREACHABLE || self->status == PD_SYNC_INDICATOR_OFFLINE ||
      self->status == PD_SYNC_INDICATOR_BUSY)
    gtk_widget_add_css_class (GTK_WIDGET (self->icon), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->icon), "warning");

  g_free (self->summary);
  self->summary = g_steal_pointer (&summary);
}

/* The popover gives its first focus away as it opens, and a selectable
 * label that gets it selects all its text: nothing is to look selected
 * when the user merely opened it. */
static void
on_popover_show_cb (PdSyncIndicator *self)
{
  gtk_label_select_region (self->details_label, 0, 0);
}

static void
pd_sync_indicator_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), PD_TYPE_SYNC_INDICATOR);
  /* The box holding the rows is no bound template child. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (pd_sync_indicator_parent_class)->dispose (object);
}

static void
pd_sync_indicator_finalize (GObject *object)
{
  PdSyncIndicator *self = PD_SYNC_INDICATOR (object);

  g_clear_pointer (&self->details, g_free);
  g_clear_pointer (&self->summary, g_free);

  G_OBJECT_CLASS (pd_sync_indicator_parent_class)->finalize (object);
}

static void
pd_sync_indicator_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  PdSyncIndicator *self = PD_SYNC_INDICATOR (object);

  switch (prop_id)
    {
    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;

    case PROP_PENDING_COUNT:
      g_value_set_uint (value, self->pending_count);
      break;

    case PROP_DETAILS:
      g_value_set_string (value, self->details);
      break;

    case PROP_CONFLICT_COUNT:
      g_value_set_uint (value, self->conflict_count);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_sync_indicator_class_init (PdSyncIndicatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pd_sync_indicator_dispose;
  object_class->finalize = pd_sync_indicator_finalize;
  object_class->get_property = pd_sync_indicator_get_property;

  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL, PD_TYPE_SYNC_INDICATOR_STATUS, PD_SYNC_INDICATOR_LOCAL,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PENDING_COUNT] =
    g_param_spec_uint ("pending-count", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DETAILS] =
    g_param_spec_string ("details", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONFLICT_COUNT] =
    g_param_spec_uint ("conflict-count", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/com/particulate/Designer/ui/pd-sync-indicator.ui");
  gtk_widget_class_bind_template_child (widget_class, PdSyncIndicator, conflicts_revealer);
  gtk_widget_class_bind_template_child (widget_class, PdSyncIndicator, conflicts_button);
  gtk_widget_class_bind_template_child (widget_class, PdSyncIndicator, conflicts_label);
  gtk_widget_class_bind_template_child (widget_class, PdSyncIndicator, line_progress_bar);
  gtk_widget_class_bind_template_child (widget_class, PdSyncIndicator, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, PdSyncIndicator, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, PdSyncIndicator, button);
  gtk_widget_class_bind_template_child (widget_class, PdSyncIndicator, icon);
  gtk_widget_class_bind_template_child (widget_class, PdSyncIndicator, summary_label);
  gtk_widget_class_bind_template_child (widget_class, PdSyncIndicator, reason_label);
  gtk_widget_class_bind_template_child (widget_class, PdSyncIndicator, title_label);
  gtk_widget_class_bind_template_child (widget_class, PdSyncIndicator, message_label);
  gtk_widget_class_bind_template_child (widget_class, PdSyncIndicator, details_expander);
  gtk_widget_class_bind_template_child (widget_class, PdSyncIndicator, details_label);
  gtk_widget_class_bind_template_child (widget_class, PdSyncIndicator, sync_button);
  gtk_widget_class_bind_template_callback (widget_class, on_popover_show_cb);
}

static void
pd_sync_indicator_init (PdSyncIndicator *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->progress = 1.0;
  pd_sync_indicator_update (self);
}

PdSyncIndicatorStatus
pd_sync_indicator_get_status (PdSyncIndicator *self)
{
  g_return_val_if_fail (PD_IS_SYNC_INDICATOR (self), PD_SYNC_INDICATOR_LOCAL);
  return self->status;
}

guint
pd_sync_indicator_get_pending_count (PdSyncIndicator *self)
{
  g_return_val_if_fail (PD_IS_SYNC_INDICATOR (self), 0);
  return self->pending_count;
}

const char *
pd_sync_indicator_get_details (PdSyncIndicator *self)
{
  g_return_val_if_fail (PD_IS_SYNC_INDICATOR (self), NULL);
  return self->details;
}

const char *
pd_sync_indicator_get_summary (PdSyncIndicator *self)
{
  g_return_val_if_fail (PD_IS_SYNC_INDICATOR (self), NULL);
  return self->summary;
}

void
pd_sync_indicator_set_state (PdSyncIndicator       *self,
                             PdSyncIndicatorStatus  status,
                             guint                  pending_count,
                             const char            *details)
{
  g_return_if_fail (PD_IS_SYNC_INDICATOR (self));

  g_object_freeze_notify (G_OBJECT (self));
  if (self->status != status)
    {
      self->status = status;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
    }
  if (self->pending_count != pending_count)
    {
      self->pending_count = pending_count;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENDING_COUNT]);
    }
  if (g_strcmp0 (self->details, details) != 0)
    {
      g_free (self->details);
      self->details = g_strdup (details);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DETAILS]);
    }
  pd_sync_indicator_update (self);
  g_object_thaw_notify (G_OBJECT (self));
}

guint
pd_sync_indicator_get_conflict_count (PdSyncIndicator *self)
{
  g_return_val_if_fail (PD_IS_SYNC_INDICATOR (self), 0);
  return self->conflict_count;
}

/* Records in conflict wait for the user, whatever the sync status says:
 * a row of their own above the status, one click from the dialog. */
void
pd_sync_indicator_set_conflict_count (PdSyncIndicator *self,
                                      guint            conflict_count)
{
  g_autofree char *text = NULL;

  g_return_if_fail (PD_IS_SYNC_INDICATOR (self));

  if (self->conflict_count == conflict_count)
    return;
  self->conflict_count = conflict_count;

  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u conflict to resolve",
                                       "%u conflicts to resolve",
                                       conflict_count),
                          conflict_count);
  gtk_label_set_label (self->conflicts_label, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->conflicts_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                  -1);
  gtk_revealer_set_reveal_child (self->conflicts_revealer, conflict_count > 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONFLICT_COUNT]);
}

gboolean
pd_sync_indicator_get_busy (PdSyncIndicator *self)
{
  g_return_val_if_fail (PD_IS_SYNC_INDICATOR (self), FALSE);
  return self->busy;
}

/**
 * pd_sync_indicator_set_progress:
 * @busy: whether a sync runs
 * @progress: how far it is, 0 to 1, when known (sending); 1 otherwise
 * @received_count: how many records it received so far
 *
 * A long first sync shows its progress, in the line and in the popover,
 * and the popover offers to cancel it.
 */
void
pd_sync_indicator_set_progress (PdSyncIndicator *self,
                                gboolean         busy,
                                double           progress,
                                guint            received_count)
{
  g_autofree char *text = NULL;

  g_return_if_fail (PD_IS_SYNC_INDICATOR (self));

  busy = !!busy;
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), busy);
  gtk_widget_set_visible (GTK_WIDGET (self->line_progress_bar), busy);
  gtk_widget_set_visible (self->cancel_button, busy);
  gtk_widget_set_visible (self->sync_button, !busy && self->status != PD_SYNC_INDICATOR_LOCAL);

  if (busy)
    {
      /* Receiving has no known end (the change feed gives no total):
       * the bar pulses with each page and says how many came. */
      if (progress > 0.0 && progress < 1.0)
        {
          gtk_progress_bar_set_fraction (self->progress_bar, progress);
          gtk_progress_bar_set_fraction (self->line_progress_bar, progress);
        }
      else if (received_count != self->received_count || !self->busy)
        {
          gtk_progress_bar_pulse (self->progress_bar);
          gtk_progress_bar_pulse (self->line_progress_bar);
        }
      if (received_count > 0)
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "%u record received",
                                             "%u records received",
                                             received_count),
                                received_count);
      else
        text = g_strdup (_("Sending changes…"));
      gtk_progress_bar_set_text (self->progress_bar, text);
    }

  self->busy = busy;
  self->progress = progress;
  self->received_count = received_count;
}
