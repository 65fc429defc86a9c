/* crash-writer.h: what test-crash-safety and its child agree on
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#define CRASH_COUNTER_ID "c0ffee00-0000-4000-8000-000000000000"

static inline char *
crash_project_id (guint edit)
{
  return g_strdup_printf ("00000000-0000-4000-8000-%012x", edit);
}

static inline char *
crash_project_title (guint edit)
{
  return g_strdup_printf ("Projekt %u", edit);
}

/* Whether edit @edit creates project @edit. */
static inline gboolean
crash_edit_creates (guint edit)
{
  return edit % 4 == 0 || edit % 4 == 3;
}

/* Whether edit @edit sets the counter. */
static inline gboolean
crash_edit_counts (guint edit)
{
  return edit % 4 != 0;
}
