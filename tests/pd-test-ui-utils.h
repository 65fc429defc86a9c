/* pd-test-ui-utils.h: helpers for tests of real widgets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pd-test-utils.h"

G_BEGIN_DECLS

GdkTexture *pd_test_render_widget     (GtkWidget   *widget);
void        pd_test_save_screenshot   (GtkWidget   *widget,
                                       const char  *name);
guint       pd_test_count_colours     (GdkTexture  *texture);
gboolean    pd_test_wait_for_mapped   (GtkWidget   *widget);
void        pd_test_settle            (guint        ms);
GTestDBus  *pd_test_private_bus_up    (void);

G_END_DECLS
