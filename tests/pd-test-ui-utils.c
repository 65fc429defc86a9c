/* pd-test-ui-utils.c: helpers for tests of real widgets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pd-test-ui-utils.h"

/* Renders what @widget shows now, through its own window's renderer, so the
 * picture is what a person would see. */
GdkTexture *
pd_test_render_widget (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GskRenderNode) node = NULL;
  GskRenderer *renderer;
  int width = 0;
  int height = 0;

  /* A widget whose new layout is still waiting for the next frame draws
   * nothing yet (seen on a loaded machine): give it up to two seconds of
   * frames before calling the picture missing. */
  for (guint attempt = 0; node == NULL && attempt < 100; attempt++)
    {
      g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();

      if (attempt > 0)
        pd_test_settle (20);
      width = gtk_widget_get_width (widget);
      height = gtk_widget_get_height (widget);
      g_assert_cmpint (width, >, 0);
      g_assert_cmpint (height, >, 0);
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
    }
  g_assert_nonnull (node);

  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  g_assert_nonnull (renderer);

  return gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
}

/* Saves a PNG of @widget as screenshots/@name.png in the build folder and
 * asserts that it is not blank. */
void
pd_test_save_screenshot (GtkWidget  *widget,
                         const char *name)
{
  g_autoptr(GdkTexture) texture = pd_test_render_widget (widget);
  g_autofree char *dir = pd_test_build_path ("screenshots", NULL);
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  g_autofree char *path = g_build_filename (dir, file, NULL);

  g_mkdir_with_parents (dir, 0755);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  /* A blank or single-colour picture means nothing was drawn. */
  g_assert_cmpuint (pd_test_count_colours (texture), >, 8);
}

guint
pd_test_count_colours (GdkTexture *texture)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  gsize stride = (gsize) width * 4;
  g_autofree guchar *pixels = g_malloc (stride * height);
  g_autoptr(GHashTable) colours = g_hash_table_new (NULL, NULL);

  gdk_texture_download (texture, pixels, stride);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint32 pixel;

        memcpy (&pixel, pixels + y * stride + x * 4, 4);
        g_hash_table_add (colours, GUINT_TO_POINTER (pixel));
      }

  return g_hash_table_size (colours);
}

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data) && gtk_widget_get_width (data) > 0;
}

gboolean
pd_test_wait_for_mapped (GtkWidget *widget)
{
  return pd_test_wait_for (is_mapped, widget, 10000);
}

static gboolean
never (gpointer data)
{
  return FALSE;
}

/* Lets layout, animations and idle work run for @ms milliseconds. */
void
pd_test_settle (guint ms)
{
  pd_test_wait_for (never, NULL, ms);
}

/* A private session bus for a UI test: nothing on the desktop's bus (a
 * keyring, a portal) is started, read or asked to prompt. GTestDBus unsets
 * DISPLAY, which the UI still needs. Keep the bus to the end of the
 * process: GTK holds its connection to it. */
GTestDBus *
pd_test_private_bus_up (void)
{
  GTestDBus *bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_autofree char *display = g_strdup (g_getenv ("DISPLAY"));

  g_test_dbus_up (bus);
  if (display != NULL)
    g_setenv ("DISPLAY", display, TRUE);
  return bus;
}
