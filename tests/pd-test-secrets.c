/* pd-test-secrets.c: catching secrets where they must never appear
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pd-test-secrets.h"

#include <string.h>

static GMutex capture_lock;
static GString *captured;

static GLogWriterOutput
capture_writer (GLogLevelFlags   log_level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         user_data)
{
  g_mutex_lock (&capture_lock);
  for (gsize i = 0; i < n_fields; i++)
    {
      /* Every field, not only MESSAGE: a token in CODE_FUNC or a custom
       * field would leak to the journal just the same. */
      if (fields[i].length < 0)
        g_string_append (captured, fields[i].value);
      else
        g_string_append_len (captured, fields[i].value, fields[i].length);
      g_string_append_c (captured, ' ');
    }
  g_string_append_c (captured, '\n');
  g_mutex_unlock (&capture_lock);

  if (log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    return g_log_writer_default (log_level, fields, n_fields, user_data);

  return G_LOG_WRITER_HANDLED;
}

void
pd_test_log_capture_install (void)
{
  /* Libraries check this before formatting their debug output. */
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  g_log_set_debug_enabled (TRUE);

  captured = g_string_new (NULL);
  g_log_set_writer_func (capture_writer, NULL, NULL);
}

char *
pd_test_log_capture_take (void)
{
  char *text;

  g_mutex_lock (&capture_lock);
  text = g_strdup (captured->str);
  g_string_truncate (captured, 0);
  g_mutex_unlock (&capture_lock);

  return text;
}

char *
pd_test_find_secret_in_text (const char *text,
                             const char *secret)
{
  const char *found;

  g_assert_nonnull (secret);
  g_assert_cmpuint (strlen (secret), >=, 8);

  if (text == NULL || (found = strstr (text, secret)) == NULL)
    return NULL;

  return g_strdup_printf ("at offset %" G_GSIZE_FORMAT, (gsize) (found - text));
}

static gboolean
bytes_contain (const char *data,
               gsize       length,
               const char *secret)
{
  gsize n = strlen (secret);

  for (gsize i = 0; i + n <= length; i++)
    if (memcmp (data + i, secret, n) == 0)
      return TRUE;

  return FALSE;
}

/* Every file below @path (SQLite databases with their -wal and -journal
 * files, exports, caches), byte for byte. */
char *
pd_test_find_secret_in_tree (const char *path,
                             const char *secret)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    return NULL;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *contents = NULL;
      gsize length;

      if (g_file_get_contents (path, &contents, &length, NULL) &&
          bytes_contain (contents, length, secret))
        return g_strdup_printf ("file %s", path);
      return NULL;
    }

  dir = g_dir_open (path, 0, NULL);
  if (dir == NULL)
    return NULL;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      char *found = pd_test_find_secret_in_tree (child, secret);

      if (found != NULL)
        return found;
    }

  return NULL;
}

char *
pd_test_find_secret_in_settings (GSettings  *settings,
                                 const char *secret)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autoptr(GVariant) value = g_settings_get_value (settings, keys[i]);
      g_autofree char *text = g_variant_print (value, FALSE);

      if (strstr (text, secret) != NULL)
        return g_strdup_printf ("key %s", keys[i]);
    }

  return NULL;
}
