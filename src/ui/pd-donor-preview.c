/* pd-donor-preview.c
 *
 * The preview rebuilds its widgets from a PdDonorPage on each change. Its
 * GtkCssProvider is added to the style context of each of its widgets
 * only, never to the display, so the donor page's colours cannot reach
 * the application's own widgets.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-donor-preview"

#include "config.h"

#include "pd-donor-preview-private.h"
#include "pd-preview-frame.h"

#define BLOCK_PAYLOAD "pd-block:"
#define TYPE_PAYLOAD  "pd-block-type:"

struct _PdDonorPreview
{
  AdwBin          parent_instance;

  PdStore        *store;
  GtkWidget      *frame;
  GtkWidget      *page;
  GtkCssProvider *provider;
  GtkDropTarget  *drop_target;
  GPtrArray      *slots;
  GHashTable     *textures;   /* sha256 → GdkTexture, or missing */
  char           *selected;
  int             device_width;
  int             drop_position;  /* -1: no drag over the page */
};

G_DEFINE_FINAL_TYPE (PdDonorPreview, pd_donor_preview, ADW_TYPE_BIN)

enum {
  BLOCK_SELECTED,
  INSERT_REQUESTED,
  MOVE_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
unref_nullable (gpointer object)
{
  if (object != NULL)
    g_object_unref (object);
}

GdkTexture *
_pd_donor_preview_load_texture (PdDonorPreview *self,
                                const char     *sha256)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  GdkTexture *texture;

  if (sha256 == NULL || *sha256 == '\0' || self->store == NULL)
    return NULL;

  if (g_hash_table_lookup_extended (self->textures, sha256, NULL, (gpointer *) &texture))
    return texture != NULL ? g_object_ref (texture) : NULL;

  bytes = pd_store_load_asset (self->store, sha256, &error);
  texture = bytes != NULL ? gdk_texture_new_from_bytes (bytes, &error) : NULL;
  if (texture == NULL)
    g_debug ("No image for %s: %s", sha256, error ? error->message : "");
  /* Remember failures too, so a broken asset is not read on every edit. */
  g_hash_table_insert (self->textures, g_strdup (sha256), texture);
  return texture != NULL ? g_object_ref (texture) : NULL;
}

static void
add_provider_recursive (GtkWidget      *widget,
                        GtkCssProvider *provider)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_add_provider (gtk_widget_get_style_context (widget), GTK_STYLE_PROVIDER (provider),
                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  G_GNUC_END_IGNORE_DEPRECATIONS

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    add_provider_recursive (child, provider);
}

static GtkWidget *
find_slot (PdDonorPreview *self,
           const char     *block_id)
{
  for (guint i = 0; block_id != NULL && i < self->slots->len; i++)
    {
      GtkWidget *slot = g_ptr_array_index (self->slots, i);
      if (g_strcmp0 (g_object_get_data (G_OBJECT (slot), "pd-block-id"), block_id) == 0)
        return slot;
    }
  return NULL;
}

static void
update_selection_marks (PdDonorPreview *self)
{
  for (guint i = 0; i < self->slots->len; i++)
    {
      GtkWidget *slot = g_ptr_array_index (self->slots, i);
      gboolean selected = g_strcmp0 (g_object_get_data (G_OBJECT (slot), "pd-block-id"), self->selected) == 0;

      gtk_accessible_update_state (GTK_ACCESSIBLE (slot), GTK_ACCESSIBLE_STATE_SELECTED, selected, -1);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The selection and the drop point are drawn over the page rather than
 * styled into it, so they never show in an exported picture. */
static void
pd_donor_preview_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  PdDonorPreview *self = PD_DONOR_PREVIEW (widget);
  static const GdkRGBA accent = { 0x35 / 255.0, 0x84 / 255.0, 0xe4 / 255.0, 1.0 };
  GtkWidget *slot = find_slot (self, self->selected);
  graphene_rect_t bounds, page_bounds;

  GTK_WIDGET_CLASS (pd_donor_preview_parent_class)->snapshot (widget, snapshot);

  if (self->page == NULL || !gtk_widget_compute_bounds (self->page, widget, &page_bounds))
    return;

  if (slot != NULL && gtk_widget_compute_bounds (slot, widget, &bounds))
    {
      GskRoundedRect outline;
      const float widths[4] = { 3, 3, 3, 3 };
      const GdkRGBA colours[4] = { accent, accent, accent, accent };

      gsk_rounded_rect_init_from_rect (&outline, &bounds, 2);
      gtk_snapshot_append_border (snapshot, &outline, widths, colours);
    }

  if (self->drop_position >= 0)
    {
      float y = page_bounds.origin.y + page_bounds.size.height - 4;

      if ((guint) self->drop_position < self->slots->len
          && gtk_widget_compute_bounds (g_ptr_array_index (self->slots, self->drop_position), widget, &bounds))
        y = bounds.origin.y - 2;
      gtk_snapshot_append_color (snapshot, &accent,
                                 &GRAPHENE_RECT_INIT (page_bounds.origin.x, MAX (y, page_bounds.origin.y),
                                                      page_bounds.size.width, 4));
    }
}

static void
select_slot (PdDonorPreview *self,
             GtkWidget      *slot)
{
  const char *id = g_object_get_data (G_OBJECT (slot), "pd-block-id");

  if (g_strcmp0 (id, self->selected) != 0)
    {
      pd_donor_preview_set_selected (self, id);
      g_signal_emit (self, signals[BLOCK_SELECTED], 0, id);
    }
}

static void
on_slot_pressed_cb (GtkGestureClick *gesture,
                    int              n_press,
                    double           x,
                    double           y,
                    PdDonorPreview  *self)
{
  GtkWidget *slot = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));

  select_slot (self, slot);
  gtk_widget_grab_focus (slot);
}

static void
on_slot_focus_enter_cb (GtkEventControllerFocus *controller,
                        PdDonorPreview          *self)
{
  select_slot (self, gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller)));
}

static GdkContentProvider *
on_slot_drag_prepare_cb (GtkDragSource  *source,
                         double          x,
                         double          y,
                         PdDonorPreview *self)
{
  GtkWidget *slot = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  g_autofree char *payload = g_strconcat (BLOCK_PAYLOAD, (char *) g_object_get_data (G_OBJECT (slot), "pd-block-id"), NULL);

  return gdk_content_provider_new_typed (G_TYPE_STRING, payload);
}

static void
on_slot_drag_begin_cb (GtkDragSource  *source,
                       GdkDrag        *drag,
                       PdDonorPreview *self)
{
  GtkWidget *slot = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (slot);

  select_slot (self, slot);
  gtk_drag_source_set_icon (source, paintable, 16, 16);
}

static void
setup_slot (PdDonorPreview *self,
            GtkWidget      *slot)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();
  GtkDragSource *drag = gtk_drag_source_new ();

  /* The content is a picture of the page: only the slot takes input. */
  for (GtkWidget *child = gtk_widget_get_first_child (slot); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      gtk_widget_set_can_target (child, FALSE);
      gtk_widget_set_can_focus (child, FALSE);
    }

  g_signal_connect_object (click, "pressed", G_CALLBACK (on_slot_pressed_cb), self, 0);
  gtk_widget_add_controller (slot, GTK_EVENT_CONTROLLER (click));
  g_signal_connect_object (focus, "enter", G_CALLBACK (on_slot_focus_enter_cb), self, 0);
  gtk_widget_add_controller (slot, focus);
  gtk_drag_source_set_actions (drag, GDK_ACTION_MOVE);
  g_signal_connect_object (drag, "prepare", G_CALLBACK (on_slot_drag_prepare_cb), self, 0);
  g_signal_connect_object (drag, "drag-begin", G_CALLBACK (on_slot_drag_begin_cb), self, 0);
  gtk_widget_add_controller (slot, GTK_EVENT_CONTROLLER (drag));
}

guint
pd_donor_preview_position_at (PdDonorPreview *self,
                              double          y)
{
  g_return_val_if_fail (PD_IS_DONOR_PREVIEW (self), 0);

  for (guint i = 0; i < self->slots->len; i++)
    {
      graphene_rect_t bounds;

      if (gtk_widget_compute_bounds (g_ptr_array_index (self->slots, i), self->page, &bounds)
          && y < bounds.origin.y + bounds.size.height / 2)
        return i;
    }
  return self->slots->len;
}

static void
clear_drop_marks (PdDonorPreview *self)
{
  if (self->drop_position != -1)
    {
      self->drop_position = -1;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static GdkDragAction
on_drop_motion_cb (GtkDropTarget  *target,
                   double          x,
                   double          y,
                   PdDonorPreview *self)
{
  int position = (int) pd_donor_preview_position_at (self, y);

  if (position != self->drop_position)
    {
      self->drop_position = position;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
  return GDK_ACTION_MOVE;
}

static void
on_drop_leave_cb (GtkDropTarget  *target,
                  PdDonorPreview *self)
{
  clear_drop_marks (self);
}

static gboolean
on_drop_cb (GtkDropTarget  *target,
            const GValue   *value,
            double          x,
            double          y,
            PdDonorPreview *self)
{
  const char *payload;
  guint position;

  clear_drop_marks (self);
  if (!G_VALUE_HOLDS_STRING (value) || (payload = g_value_get_string (value)) == NULL)
    return FALSE;

  position = pd_donor_preview_position_at (self, y);

  if (g_str_has_prefix (payload, BLOCK_PAYLOAD))
    {
      const char *id = payload + strlen (BLOCK_PAYLOAD);

      if (find_slot (self, id) == NULL)
        return FALSE;
      g_signal_emit (self, signals[MOVE_REQUESTED], 0, id, position);
      return TRUE;
    }

  if (g_str_has_prefix (payload, TYPE_PAYLOAD))
    {
      int type;

      if (!pd_enum_from_string (PD_TYPE_PAGE_BLOCK_TYPE, payload + strlen (TYPE_PAYLOAD), &type))
        return FALSE;
      g_signal_emit (self, signals[INSERT_REQUESTED], 0, type, position);
      return TRUE;
    }

  /* Plain text from another application is not a block. */
  return FALSE;
}

static void
pd_donor_preview_dispose (GObject *object)
{
  PdDonorPreview *self = PD_DONOR_PREVIEW (object);

  adw_bin_set_child (ADW_BIN (self), NULL);
  self->frame = NULL;
  self->page = NULL;
  g_clear_object (&self->store);
  g_clear_object (&self->provider);
  g_clear_object (&self->drop_target);
  g_clear_pointer (&self->slots, g_ptr_array_unref);
  g_clear_pointer (&self->textures, g_hash_table_unref);
  g_clear_pointer (&self->selected, g_free);

  G_OBJECT_CLASS (pd_donor_preview_parent_class)->dispose (object);
}

static void
pd_donor_preview_class_init (PdDonorPreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pd_donor_preview_dispose;
  widget_class->snapshot = pd_donor_preview_snapshot;

  signals[BLOCK_SELECTED] =
    g_signal_new ("block-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[INSERT_REQUESTED] =
    g_signal_new ("insert-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_UINT);
  signals[MOVE_REQUESTED] =
    g_signal_new ("move-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_UINT);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
pd_donor_preview_init (PdDonorPreview *self)
{
  self->device_width = PD_DONOR_PREVIEW_DESKTOP_WIDTH;
  self->drop_position = -1;
  self->provider = gtk_css_provider_new ();
  self->slots = g_ptr_array_new ();
  self->textures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, unref_nullable);
  self->frame = pd_preview_frame_new ();
  gtk_widget_add_css_class (self->frame, "card");
  gtk_widget_set_valign (self->frame, GTK_ALIGN_START);
  gtk_widget_set_halign (self->frame, GTK_ALIGN_CENTER);
  adw_bin_set_child (ADW_BIN (self), self->frame);

  self->drop_target = g_object_ref_sink (gtk_drop_target_new (G_TYPE_STRING, GDK_ACTION_COPY | GDK_ACTION_MOVE));
  g_signal_connect_object (self->drop_target, "drop", G_CALLBACK (on_drop_cb), self, 0);
  g_signal_connect_object (self->drop_target, "motion", G_CALLBACK (on_drop_motion_cb), self, 0);
  g_signal_connect_object (self->drop_target, "leave", G_CALLBACK (on_drop_leave_cb), self, 0);
}

GtkWidget *
pd_donor_preview_new (void)
{
  return g_object_new (PD_TYPE_DONOR_PREVIEW, NULL);
}

void
pd_donor_preview_set_store (PdDonorPreview *self,
                            PdStore        *store)
{
  g_return_if_fail (PD_IS_DONOR_PREVIEW (self));
  g_return_if_fail (store == NULL || PD_IS_STORE (store));

  if (g_set_object (&self->store, store))
    g_hash_table_remove_all (self->textures);
}

void
pd_donor_preview_set_device_width (PdDonorPreview *self,
                                   int             width)
{
  g_return_if_fail (PD_IS_DONOR_PREVIEW (self));

  self->device_width = CLAMP (width, 320, 2560);
  pd_preview_frame_set_logical_width (PD_PREVIEW_FRAME (self->frame), self->device_width);
}

int
pd_donor_preview_get_device_width (PdDonorPreview *self)
{
  g_return_val_if_fail (PD_IS_DONOR_PREVIEW (self), 0);
  return self->device_width;
}

void
pd_donor_preview_render (PdDonorPreview *self,
                         PdDonorPage    *page)
{
  g_autofree char *css = NULL;
  gboolean had_focus;

  g_return_if_fail (PD_IS_DONOR_PREVIEW (self));
  g_return_if_fail (page != NULL);

  if (self->page != NULL && gtk_widget_get_root (self->page) != NULL)
    {
      GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (self->page));
      had_focus = focus != NULL && (focus == self->page || gtk_widget_is_ancestor (focus, self->page));
    }
  else
    had_focus = FALSE;

  css = _pd_donor_preview_css (page, self->device_width);
  gtk_css_provider_load_from_data (self->provider, css, -1);

  if (self->page != NULL)
    gtk_widget_remove_controller (self->page, GTK_EVENT_CONTROLLER (self->drop_target));
  g_ptr_array_set_size (self->slots, 0);

  self->page = _pd_donor_preview_build_page (self, page, self->device_width, self->slots);
  for (guint i = 0; i < self->slots->len; i++)
    setup_slot (self, g_ptr_array_index (self->slots, i));
  add_provider_recursive (self->page, self->provider);
  gtk_widget_add_controller (self->page, GTK_EVENT_CONTROLLER (g_object_ref (self->drop_target)));
  pd_preview_frame_set_child (PD_PREVIEW_FRAME (self->frame), self->page);

  if (find_slot (self, self->selected) == NULL)
    g_clear_pointer (&self->selected, g_free);
  update_selection_marks (self);
  if (had_focus && self->selected != NULL)
    gtk_widget_grab_focus (find_slot (self, self->selected));
}

void
pd_donor_preview_set_selected (PdDonorPreview *self,
                               const char     *block_id)
{
  g_return_if_fail (PD_IS_DONOR_PREVIEW (self));

  if (g_strcmp0 (self->selected, block_id) == 0)
    return;
  g_free (self->selected);
  self->selected = g_strdup (block_id);
  update_selection_marks (self);
}

const char *
pd_donor_preview_get_selected (PdDonorPreview *self)
{
  g_return_val_if_fail (PD_IS_DONOR_PREVIEW (self), NULL);
  return self->selected;
}

GtkWidget *
pd_donor_preview_get_block_widget (PdDonorPreview *self,
                                   const char     *block_id)
{
  g_return_val_if_fail (PD_IS_DONOR_PREVIEW (self), NULL);
  return find_slot (self, block_id);
}

GtkWidget *
pd_donor_preview_get_page_widget (PdDonorPreview *self)
{
  g_return_val_if_fail (PD_IS_DONOR_PREVIEW (self), NULL);
  return self->page;
}

GtkCssProvider *
pd_donor_preview_get_css_provider (PdDonorPreview *self)
{
  g_return_val_if_fail (PD_IS_DONOR_PREVIEW (self), NULL);
  return self->provider;
}

GtkDropTarget *
pd_donor_preview_get_drop_target (PdDonorPreview *self)
{
  g_return_val_if_fail (PD_IS_DONOR_PREVIEW (self), NULL);
  return self->drop_target;
}

GdkTexture *
pd_donor_preview_render_texture (PdDonorPreview *self)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  GtkNative *native;
  int width, height;

  g_return_val_if_fail (PD_IS_DONOR_PREVIEW (self), NULL);

  if (self->page == NULL || (native = gtk_widget_get_native (self->page)) == NULL)
    return NULL;

  /* The page's own size is the device width, whatever the scale shown. */
  width = gtk_widget_get_width (self->page);
  height = gtk_widget_get_height (self->page);
  if (width <= 0 || height <= 0)
    return NULL;

  paintable = gtk_widget_paintable_new (self->page);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    return NULL;

  return gsk_renderer_render_texture (gtk_native_get_renderer (native), node,
                                      &GRAPHENE_RECT_INIT (0, 0, width, height));
}
