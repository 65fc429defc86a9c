/* pd-sync-indicator.c
 *
 * The line at the foot of the sidebar that tells whether the work is safe
 * on the platform, waiting to be sent, or stuck; its popover gives the
 * details (which change was refused and why).
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

  GtkMenuButton         *button;
  GtkImage              *icon;
  GtkLabel              *summary_label;
  GtkLabel              *title_label;
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
                    G_DEFINE_ENUM_VALUE (PD_SYNC_INDICATOR_ERROR, "error"))

enum {
  PROP_0,
  PROP_STATUS,
  PROP_PENDING_COUNT,
  PROP_DETAILS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pd_sync_indicator_update (PdSyncIndicator *self)
{
  const char *icon_name = "emblem-ok-symbolic";
  const char *fallback = NULL;
  g_autofree char *summary = NULL;

  switch (self->status)
    {
    case PD_SYNC_INDICATOR_LOCAL:
      icon_name = "computer-symbolic";
      if (self->pending_count > 0)
        summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "%u change saved on this computer",
                                                "%u changes saved on this computer",
                                                self->pending_count),
                                   self->pending_count);
      else
        summary = g_strdup (_("Saved on this computer"));
      fallback = _("This workspace is kept on this computer only. Sign in to an account to publish campaigns on the platform.");
      break;

    case PD_SYNC_INDICATOR_SYNCED:
      icon_name = "emblem-ok-symbolic";
      summary = g_strdup (_("All changes synced"));
      fallback = _("Everything in this workspace is saved on the platform.");
      break;

    case PD_SYNC_INDICATOR_PENDING:
      icon_name = "document-send-symbolic";
      summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%u change pending",
                                              "%u changes pending",
                                              self->pending_count),
                                 self->pending_count);
      fallback = _("Your changes are saved on this computer and will be sent to the platform shortly.");
      break;

    case PD_SYNC_INDICATOR_SYNCING:
      icon_name = "emblem-synchronizing-symbolic";
      summary = g_strdup (_("Syncing…"));
      fallback = _("Changes are being sent to the platform.");
      break;

    case PD_SYNC_INDICATOR_OFFLINE:
      icon_name = "network-offline-symbolic";
      summary = g_strdup (_("Offline"));
      fallback = _("You can keep working. Your changes are saved on this computer and sent when the network is back.");
      break;

    case PD_SYNC_INDICATOR_ERROR:
      icon_name = "dialog-warning-symbolic";
      summary = g_strdup (_("Sync error"));
      fallback = _("Some changes could not be sent to the platform. They are kept on this computer.");
      break;

    default:
      g_assert_not_reached ();
    }

  gtk_image_set_from_icon_name (self->icon, icon_name);
  /* The local workspace has nowhere to sync to. */
  gtk_widget_set_visible (self->sync_button, self->status != PD_SYNC_INDICATOR_LOCAL);
  gtk_label_set_label (self->summary_label, summary);
  gtk_label_set_label (self->title_label, summary);
  gtk_label_set_label (self->details_label, self->details != NULL ? self->details : fallback);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, summary,
                                  -1);

  if (self->status == PD_SYNC_INDICATOR_ERROR)
    gtk_widget_add_css_class (GTK_WIDGET (self), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "error");

  g_free (self->summary);
  self->summary = g_steal_pointer (&summary);
}

static void
pd_sync_indicator_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), PD_TYPE_SYNC_INDICATOR);

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
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/com/particulate/Designer/ui/pd-sync-indicator.ui");
  gtk_widget_class_bind_template_child (widget_class, PdSyncIndicator, button);
  gtk_widget_class_bind_template_child (widget_class, PdSyncIndicator, icon);
  gtk_widget_class_bind_template_child (widget_class, PdSyncIndicator, summary_label);
  gtk_widget_class_bind_template_child (widget_class, PdSyncIndicator, title_label);
  gtk_widget_class_bind_template_child (widget_class, PdSyncIndicator, details_label);
  gtk_widget_class_bind_template_child (widget_class, PdSyncIndicator, sync_button);
}

static void
pd_sync_indicator_init (PdSyncIndicator *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
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
