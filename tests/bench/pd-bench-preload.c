/* pd-bench-preload.c: measures a GTK 4 application from the inside
 *
 * Loaded with LD_PRELOAD into both our application and the baseline
 * (adwaita-1-demo), so that both are measured the very same way without a
 * line of benchmark code in either. Once the application's main loop runs,
 * it waits for the first toplevel to paint its first frame, then, after
 * PD_BENCH_MODE:
 *
 *   startup  exits at once: the harness times spawn to exit
 *   memory   lets the application settle for a second (two, after showing
 *            the page named PD_BENCH_PAGE), then exits: the harness reads
 *            the peak resident size
 *   scroll   (after showing the page named PD_BENCH_PAGE, choosing the first
 *            item of the first list if the page needs one) scrolls the
 *            biggest scrollable list through its whole length and
 *            types a filter into the first search entry, recording how long
 *            each frame's work takes (update to after-paint), then exits
 *
 * Results are written as "key value" lines to PD_BENCH_OUT.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

void pd_bench_preload_init (void) __attribute__ ((constructor));

static const char *mode;
static gint64 frame_start;
static GArray *scroll_frames;   /* double, ms */
static GArray *filter_frames;
static GArray *current;
static guint step;

static void
write_result (const char *key,
              double      value)
{
  const char *path = g_getenv ("PD_BENCH_OUT");
  FILE *out;

  if (path == NULL)
    return;
  out = fopen (path, "a");
  if (out == NULL)
    return;
  fprintf (out, "%s %.3f\n", key, value);
  fclose (out);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
write_percentiles (const char *name,
                   GArray     *frames)
{
  g_autofree char *p50 = g_strdup_printf ("%s_p50_ms", name);
  g_autofree char *p95 = g_strdup_printf ("%s_p95_ms", name);
  g_autofree char *n = g_strdup_printf ("%s_frames", name);

  write_result (n, frames->len);
  if (frames->len == 0)
    return;
  g_array_sort (frames, compare_doubles);
  write_result (p50, g_array_index (frames, double, frames->len / 2));
  write_result (p95, g_array_index (frames, double, MIN (frames->len - 1, frames->len * 95 / 100)));
}

static void
finish (void)
{
  /* No clean shutdown: the figures are taken, and the baseline application
   * has no quit action we could rely on. */
  _exit (0);
}

static GtkWidget *
find_widget (GtkWidget *widget,
             gboolean (*match) (GtkWidget *))
{
  if (gtk_widget_get_mapped (widget) && match (widget))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, match);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
is_list_scroller (GtkWidget *widget)
{
  GtkWidget *child;

  if (!GTK_IS_SCROLLED_WINDOW (widget))
    return FALSE;
  child = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (widget));

  return GTK_IS_LIST_VIEW (child) || GTK_IS_COLUMN_VIEW (child) || GTK_IS_GRID_VIEW (child);
}

/* The mapped list with the most to scroll: the project list, not the
 * sidebar's campaigns. */
static void
find_biggest_list (GtkWidget  *widget,
                   GtkWidget **best,
                   double     *best_upper)
{
  if (gtk_widget_get_mapped (widget) && is_list_scroller (widget))
    {
      GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (widget));

      if (gtk_adjustment_get_upper (adjustment) > *best_upper)
        {
          *best = widget;
          *best_upper = gtk_adjustment_get_upper (adjustment);
        }
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    find_biggest_list (child, best, best_upper);
}

/* Shows the page named PD_BENCH_PAGE in every stack that has one. */
static void
show_page (GtkWidget  *widget,
           const char *name)
{
  if (GTK_IS_STACK (widget) && gtk_stack_get_child_by_name (GTK_STACK (widget), name) != NULL)
    gtk_stack_set_visible_child_name (GTK_STACK (widget), name);
  else if (ADW_IS_VIEW_STACK (widget) && adw_view_stack_get_child_by_name (ADW_VIEW_STACK (widget), name) != NULL)
    adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (widget), name);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    show_page (child, name);
}

static gboolean
is_list_view (GtkWidget *widget)
{
  return GTK_IS_LIST_VIEW (widget);
}

static gboolean
is_search_entry (GtkWidget *widget)
{
  return GTK_IS_SEARCH_ENTRY (widget);
}

static void
on_update_cb (GdkFrameClock *frame_clock,
              gpointer       user_data)
{
  frame_start = g_get_monotonic_time ();
}

static void
on_after_paint_cb (GdkFrameClock *frame_clock,
                   gpointer       user_data)
{
  double ms;

  if (current == NULL || frame_start == 0)
    return;
  ms = (g_get_monotonic_time () - frame_start) / 1000.0;
  g_array_append_val (current, ms);
}

static const char *filter_steps[] = { "w", "wa", "wat", "wate", "water", "wate", "wat", "wa", "w", "", "sch", "schoo", "school", "" };

static gboolean
scroll_step_cb (GtkWidget     *widget,
                GdkFrameClock *frame_clock,
                gpointer       user_data)
{
  GtkWindow *window = GTK_WINDOW (widget);
  static GtkWidget *scroller;
  GtkWidget *entry;
  double upper_found = 0;

  if (scroller == NULL)
    find_biggest_list (GTK_WIDGET (window), &scroller, &upper_found);
  /* The search entry nearest the list: the first one inside its page. */
  entry = scroller != NULL ? find_widget (gtk_widget_get_parent (gtk_widget_get_parent (scroller)), is_search_entry) : NULL;
  if (entry == NULL)
    entry = find_widget (GTK_WIDGET (window), is_search_entry);

  if (scroller == NULL)
    {
      write_result ("no_list", 1);
      finish ();
    }

  if (current == scroll_frames)
    {
      GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
      double upper = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);
      /* Two pages a frame, at most 600 frames: a fast fling end to end. */
      double value = gtk_adjustment_get_value (adjustment) + 2 * gtk_adjustment_get_page_size (adjustment);

      if (step++ < 600 && gtk_adjustment_get_value (adjustment) < upper)
        {
          gtk_adjustment_set_value (adjustment, MIN (value, upper));
          return G_SOURCE_CONTINUE;
        }

      write_result ("scroll_rows_upper", upper);
      current = filter_frames;
      step = 0;
    }

  if (entry != NULL && step < G_N_ELEMENTS (filter_steps))
    {
      gtk_editable_set_text (GTK_EDITABLE (entry), filter_steps[step++]);
      return G_SOURCE_CONTINUE;
    }

  write_percentiles ("scroll", scroll_frames);
  write_percentiles ("filter", filter_frames);
  finish ();
  return G_SOURCE_REMOVE;
}

static gboolean
add_tick_cb (gpointer user_data)
{
  /* One step each frame. */
  gtk_widget_add_tick_callback (user_data, scroll_step_cb, NULL, NULL);
  return G_SOURCE_REMOVE;
}

/* Shows the page named PD_BENCH_PAGE; FALSE when none is asked for. */
static gboolean
open_bench_page (GtkWidget *window)
{
  const char *page = g_getenv ("PD_BENCH_PAGE");
  GtkWidget *list;

  if (page == NULL)
    return FALSE;

  /* The page may belong to an item of the first list (ours: the Projects
   * page of the campaign chosen in the sidebar): choose the first, as a
   * user's first click would. Without this the page stays unmapped and
   * the biggest list would be the sidebar's. */
  list = find_widget (window, is_list_view);
  if (list != NULL)
    gtk_widget_activate_action (list, "list.activate-item", "u", 0);
  show_page (window, page);
  return TRUE;
}

static gboolean
start_scrolling_cb (gpointer user_data)
{
  /* Show the page, and give its list a moment to fill. */
  if (open_bench_page (user_data))
    {
      g_timeout_add (1000, add_tick_cb, user_data);
      return G_SOURCE_REMOVE;
    }

  /* One step each frame. */
  gtk_widget_add_tick_callback (user_data, scroll_step_cb, NULL, NULL);
  return G_SOURCE_REMOVE;
}

static gboolean
settled_cb (gpointer user_data)
{
  finish ();
  return G_SOURCE_REMOVE;
}

static void
on_first_paint_cb (GdkFrameClock *frame_clock,
                   GtkWindow     *window)
{
  static gboolean done;

  if (done)
    return;
  done = TRUE;

  if (g_strcmp0 (mode, "memory") == 0)
    {
      /* With a page asked for, memory is read once its list is shown. */
      g_timeout_add (open_bench_page (GTK_WIDGET (window)) ? 2000 : 1000, settled_cb, NULL);
    }
  else if (g_strcmp0 (mode, "scroll") == 0)
    {
      scroll_frames = g_array_new (FALSE, FALSE, sizeof (double));
      filter_frames = g_array_new (FALSE, FALSE, sizeof (double));
      current = scroll_frames;
      g_signal_connect (frame_clock, "update", G_CALLBACK (on_update_cb), NULL);
      g_signal_connect (frame_clock, "after-paint", G_CALLBACK (on_after_paint_cb), NULL);
      /* Let lazy loading finish before the first step. */
      g_timeout_add (500, start_scrolling_cb, window);
    }
  else
    finish ();
}

static void
watch_window (GtkWidget *window)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  static gboolean watching;

  if (watching || surface == NULL)
    return;
  watching = TRUE;

  g_signal_connect (gdk_surface_get_frame_clock (surface), "after-paint",
                    G_CALLBACK (on_first_paint_cb), window);
}

/* Mapping comes before the first frame is painted. */
static gboolean
on_map_hook_cb (GSignalInvocationHint *hint,
                guint                  n_params,
                const GValue          *params,
                gpointer               user_data)
{
  GObject *object = g_value_get_object (&params[0]);

  if (GTK_IS_WINDOW (object) && !GTK_IS_POPOVER (object))
    watch_window (GTK_WIDGET (object));

  return TRUE;
}

static gboolean
watch_cb (gpointer user_data)
{
  g_autoptr(GList) toplevels = NULL;

  if (!gtk_is_initialized ())
    return G_SOURCE_CONTINUE;

  g_type_class_ref (GTK_TYPE_WIDGET);
  g_signal_add_emission_hook (g_signal_lookup ("map", GTK_TYPE_WIDGET), 0,
                              on_map_hook_cb, NULL, NULL);

  /* Mapped before we got here: measure its next frame. */
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (gtk_widget_get_mapped (l->data))
      {
        watch_window (l->data);
        gtk_widget_queue_draw (l->data);
        break;
      }

  return G_SOURCE_REMOVE;
}

void
pd_bench_preload_init (void)
{
  mode = g_getenv ("PD_BENCH_MODE");
  if (mode == NULL)
    return;

  /* Children the application spawns must not inherit the probe. */
  g_unsetenv ("LD_PRELOAD");

  /* Runs as soon as the application iterates the default main context. */
  g_timeout_add (1, watch_cb, NULL);
}
