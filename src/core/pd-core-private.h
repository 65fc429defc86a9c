/* pd-core-private.h: small helpers shared inside the core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* g_set_str() arrived in GLib 2.76, after our floor. */
static inline gboolean
pd_set_str (char       **str_pointer,
            const char  *new_str)
{
  char *copy;

  if (*str_pointer == new_str || g_strcmp0 (*str_pointer, new_str) == 0)
    return FALSE;

  copy = g_strdup (new_str);
  g_free (*str_pointer);
  *str_pointer = copy;
  return TRUE;
}

/* Like pd_set_str() but stores "" for NULL: text fields are never NULL. */
static inline gboolean
pd_set_text (char       **str_pointer,
             const char  *new_str)
{
  return pd_set_str (str_pointer, new_str != NULL ? new_str : "");
}

G_END_DECLS
