/* pd-date-time-button.c
 *
 * A button showing a date and time in a given time zone; its popover has a
 * calendar and hour and minute fields, all reachable by keyboard.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-date-time-button"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-clock.h"
#include "pd-date-time-button.h"

struct _PdDateTimeButton
{
  GtkWidget      parent_instance;

  GDateTime     *date_time;
  char          *time_zone;
  gboolean       updating;

  GtkMenuButton *button;
  GtkCalendar   *calendar;
  GtkSpinButton *hour_spin;
  GtkSpinButton *minute_spin;
};

G_DEFINE_FINAL_TYPE (PdDateTimeButton, pd_date_time_button, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DATE_TIME,
  PROP_TIME_ZONE,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static GTimeZone *
get_time_zone (PdDateTimeButton *self)
{
  GTimeZone *tz = NULL;

  if (self->time_zone != NULL)
    tz = g_time_zone_new_identifier (self->time_zone);
  return tz != NULL ? tz : g_time_zone_new_utc ();
}

static void
pd_date_time_button_update (PdDateTimeButton *self)
{
  g_autoptr(GTimeZone) tz = get_time_zone (self);
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *label = NULL;

  if (self->date_time == NULL)
    {
      g_autoptr(GDateTime) today = pd_now (tz);

      gtk_menu_button_set_label (self->button, _("Not set"));
      /* Nothing picked yet: the calendar opens on the app's today, not
       * on the one GTK reads from the wall clock. */
      self->updating = TRUE;
      gtk_calendar_select_day (self->calendar, today);
      self->updating = FALSE;
      return;
    }

  local = g_date_time_to_timezone (self->date_time, tz);
  /* Translators: a date and time in the campaign period, see strftime */
  label = g_date_time_format (local, _("%-d %b %Y, %H:%M"));
  g_strstrip (label);
  gtk_menu_button_set_label (self->button, label);

  self->updating = TRUE;
  gtk_calendar_select_day (self->calendar, local);
  gtk_spin_button_set_value (self->hour_spin, g_date_time_get_hour (local));
  gtk_spin_button_set_value (self->minute_spin, g_date_time_get_minute (local));
  self->updating = FALSE;
}

static void
on_value_changed_cb (PdDateTimeButton *self)
{
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GDateTime) day = NULL;
  g_autoptr(GDateTime) picked = NULL;

  if (self->updating)
    return;

  tz = get_time_zone (self);
  day = gtk_calendar_get_date (self->calendar);
  picked = g_date_time_new (tz,
                            g_date_time_get_year (day),
                            g_date_time_get_month (day),
                            g_date_time_get_day_of_month (day),
                            gtk_spin_button_get_value_as_int (self->hour_spin),
                            gtk_spin_button_get_value_as_int (self->minute_spin),
                            0);
  if (picked == NULL)
    return;

  pd_date_time_button_set_date_time (self, picked);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Minutes read "05", not "5". */
static gboolean
on_minute_output_cb (GtkSpinButton *spin,
                     gpointer       user_data)
{
  g_autofree char *text = g_strdup_printf ("%02d", gtk_spin_button_get_value_as_int (spin));

  gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

static void
pd_date_time_button_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), PD_TYPE_DATE_TIME_BUTTON);

  G_OBJECT_CLASS (pd_date_time_button_parent_class)->dispose (object);
}

static void
pd_date_time_button_finalize (GObject *object)
{
  PdDateTimeButton *self = PD_DATE_TIME_BUTTON (object);

  g_clear_pointer (&self->date_time, g_date_time_unref);
  g_clear_pointer (&self->time_zone, g_free);

  G_OBJECT_CLASS (pd_date_time_button_parent_class)->finalize (object);
}

static void
pd_date_time_button_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  PdDateTimeButton *self = PD_DATE_TIME_BUTTON (object);

  switch (prop_id)
    {
    case PROP_DATE_TIME:
      g_value_set_boxed (value, self->date_time);
      break;

    case PROP_TIME_ZONE:
      g_value_set_string (value, self->time_zone);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_date_time_button_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  PdDateTimeButton *self = PD_DATE_TIME_BUTTON (object);

  switch (prop_id)
    {
    case PROP_DATE_TIME:
      pd_date_time_button_set_date_time (self, g_value_get_boxed (value));
      break;

    case PROP_TIME_ZONE:
      pd_date_time_button_set_time_zone (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_date_time_button_class_init (PdDateTimeButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pd_date_time_button_dispose;
  object_class->finalize = pd_date_time_button_finalize;
  object_class->get_property = pd_date_time_button_get_property;
  object_class->set_property = pd_date_time_button_set_property;

  properties[PROP_DATE_TIME] =
    g_param_spec_boxed ("date-time", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIME_ZONE] =
    g_param_spec_string ("time-zone", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/com/particulate/Designer/ui/pd-date-time-button.ui");
  gtk_widget_class_bind_template_child (widget_class, PdDateTimeButton, button);
  gtk_widget_class_bind_template_child (widget_class, PdDateTimeButton, calendar);
  gtk_widget_class_bind_template_child (widget_class, PdDateTimeButton, hour_spin);
  gtk_widget_class_bind_template_child (widget_class, PdDateTimeButton, minute_spin);
  gtk_widget_class_bind_template_callback (widget_class, on_value_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_minute_output_cb);
}

static void
pd_date_time_button_init (PdDateTimeButton *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  pd_date_time_button_update (self);
}

GtkWidget *
pd_date_time_button_new (void)
{
  return g_object_new (PD_TYPE_DATE_TIME_BUTTON, NULL);
}

GDateTime *
pd_date_time_button_get_date_time (PdDateTimeButton *self)
{
  g_return_val_if_fail (PD_IS_DATE_TIME_BUTTON (self), NULL);
  return self->date_time;
}

void
pd_date_time_button_set_date_time (PdDateTimeButton *self,
                                   GDateTime        *date_time)
{
  g_return_if_fail (PD_IS_DATE_TIME_BUTTON (self));

  if (self->date_time == date_time ||
      (self->date_time != NULL && date_time != NULL && g_date_time_equal (self->date_time, date_time)))
    return;

  g_clear_pointer (&self->date_time, g_date_time_unref);
  self->date_time = date_time != NULL ? g_date_time_ref (date_time) : NULL;
  pd_date_time_button_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE_TIME]);
}

const char *
pd_date_time_button_get_time_zone (PdDateTimeButton *self)
{
  g_return_val_if_fail (PD_IS_DATE_TIME_BUTTON (self), NULL);
  return self->time_zone;
}

void
pd_date_time_button_set_time_zone (PdDateTimeButton *self,
                                   const char       *time_zone)
{
  g_return_if_fail (PD_IS_DATE_TIME_BUTTON (self));

  if (g_strcmp0 (self->time_zone, time_zone) == 0)
    return;

  g_free (self->time_zone);
  self->time_zone = g_strdup (time_zone);
  pd_date_time_button_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIME_ZONE]);
}
