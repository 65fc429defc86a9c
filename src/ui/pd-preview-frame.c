/* pd-preview-frame.c
 *
 * The donor page is laid out at the device's width (390, 820 or 1280 px),
 * exactly as a browser would, and then scaled as a whole so that a desktop
 * page still fits a laptop screen. Picking and drops go through the same
 * transform, so drag-and-drop works on the scaled page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-preview-frame"

#include "config.h"

#include <math.h>

#include "pd-preview-frame.h"

struct _PdPreviewFrame
{
  GtkWidget  parent_instance;

  GtkWidget *child;
  int        logical_width;
  double     scale;
};

G_DEFINE_FINAL_TYPE (PdPreviewFrame, pd_preview_frame, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CHILD,
  PROP_LOGICAL_WIDTH,
  PROP_SCALE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static double
scale_for_width (PdPreviewFrame *self,
                 int             width)
{
  if (width <= 0)
    return 1.0;
  return MIN (1.0, (double) width / self->logical_width);
}

static int
child_height (PdPreviewFrame *self)
{
  int min = 0, nat = 0;

  if (self->child == NULL)
    return 0;
  gtk_widget_measure (self->child, GTK_ORIENTATION_VERTICAL, self->logical_width, &min, &nat, NULL, NULL);
  return MAX (min, nat);
}

static GtkSizeRequestMode
pd_preview_frame_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
pd_preview_frame_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  PdPreviewFrame *self = PD_PREVIEW_FRAME (widget);

  if (self->child != NULL)
    {
      /* The child must be measured before it is allocated. */
      int child_min, child_nat;
      gtk_widget_measure (self->child, GTK_ORIENTATION_HORIZONTAL, -1, &child_min, &child_nat, NULL, NULL);
    }

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = MIN (self->logical_width, 160);
      *natural = self->logical_width;
    }
  else
    {
      double scale = for_size < 0 ? 1.0 : scale_for_width (self, for_size);
      *minimum = *natural = (int) ceil (child_height (self) * scale);
    }
}

static void
pd_preview_frame_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  PdPreviewFrame *self = PD_PREVIEW_FRAME (widget);
  GskTransform *transform;
  double scale = scale_for_width (self, width);
  double x = MAX (0.0, (width - self->logical_width * scale) / 2.0);
  int h;

  if (scale != self->scale)
    {
      self->scale = scale;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCALE]);
    }

  if (self->child == NULL)
    return;

  h = MAX (child_height (self), (int) ceil (height / scale));
  transform = gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT ((float) x, 0));
  transform = gsk_transform_scale (transform, (float) scale, (float) scale);
  gtk_widget_allocate (self->child, self->logical_width, h, -1, transform);
}

static void
pd_preview_frame_dispose (GObject *object)
{
  PdPreviewFrame *self = PD_PREVIEW_FRAME (object);

  g_clear_pointer (&self->child, gtk_widget_unparent);

  G_OBJECT_CLASS (pd_preview_frame_parent_class)->dispose (object);
}

static void
pd_preview_frame_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PdPreviewFrame *self = PD_PREVIEW_FRAME (object);

  switch (prop_id)
    {
    case PROP_CHILD:
      g_value_set_object (value, self->child);
      break;
    case PROP_LOGICAL_WIDTH:
      g_value_set_int (value, self->logical_width);
      break;
    case PROP_SCALE:
      g_value_set_double (value, self->scale);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_preview_frame_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  PdPreviewFrame *self = PD_PREVIEW_FRAME (object);

  switch (prop_id)
    {
    case PROP_CHILD:
      pd_preview_frame_set_child (self, g_value_get_object (value));
      break;
    case PROP_LOGICAL_WIDTH:
      pd_preview_frame_set_logical_width (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_preview_frame_class_init (PdPreviewFrameClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pd_preview_frame_dispose;
  object_class->get_property = pd_preview_frame_get_property;
  object_class->set_property = pd_preview_frame_set_property;

  widget_class->get_request_mode = pd_preview_frame_get_request_mode;
  widget_class->measure = pd_preview_frame_measure;
  widget_class->size_allocate = pd_preview_frame_size_allocate;

  properties[PROP_CHILD] =
    g_param_spec_object ("child", NULL, NULL, GTK_TYPE_WIDGET,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOGICAL_WIDTH] =
    g_param_spec_int ("logical-width", NULL, NULL, 200, 4096, 1280,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SCALE] =
    g_param_spec_double ("scale", NULL, NULL, 0.0, 1.0, 1.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "pd-preview-frame");
}

static void
pd_preview_frame_init (PdPreviewFrame *self)
{
  self->logical_width = 1280;
  self->scale = 1.0;
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
}

GtkWidget *
pd_preview_frame_new (void)
{
  return g_object_new (PD_TYPE_PREVIEW_FRAME, NULL);
}

void
pd_preview_frame_set_child (PdPreviewFrame *self,
                            GtkWidget      *child)
{
  g_return_if_fail (PD_IS_PREVIEW_FRAME (self));
  g_return_if_fail (child == NULL || GTK_IS_WIDGET (child));

  if (self->child == child)
    return;

  g_clear_pointer (&self->child, gtk_widget_unparent);
  if (child != NULL)
    {
      self->child = child;
      gtk_widget_set_parent (child, GTK_WIDGET (self));
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHILD]);
}

GtkWidget *
pd_preview_frame_get_child (PdPreviewFrame *self)
{
  g_return_val_if_fail (PD_IS_PREVIEW_FRAME (self), NULL);
  return self->child;
}

void
pd_preview_frame_set_logical_width (PdPreviewFrame *self,
                                    int             width)
{
  g_return_if_fail (PD_IS_PREVIEW_FRAME (self));

  width = CLAMP (width, 200, 4096);
  if (self->logical_width == width)
    return;
  self->logical_width = width;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOGICAL_WIDTH]);
}

int
pd_preview_frame_get_logical_width (PdPreviewFrame *self)
{
  g_return_val_if_fail (PD_IS_PREVIEW_FRAME (self), 0);
  return self->logical_width;
}

double
pd_preview_frame_get_scale (PdPreviewFrame *self)
{
  g_return_val_if_fail (PD_IS_PREVIEW_FRAME (self), 1.0);
  return self->scale;
}
