/* pd-csv-reader.c
 *
 * An RFC 4180 reader for the files that people export from spreadsheets:
 * UTF-8 with or without a byte order mark, CRLF or LF line ends, and comma
 * or semicolon separators (German and Dutch spreadsheets write semicolons
 * because the comma is their decimal mark). The separator is taken from the
 * header line; Excel's "sep=;" hint line is honoured too.
 *
 * Deliberate leniencies, because real files have them and the meaning is
 * unambiguous: a quote inside an unquoted field is taken literally
 * (12" Display), blanks after a closing quote are ignored, blank lines are
 * skipped. Everything else that is malformed is an error with the line
 * number, since guessing would import wrong data silently.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-csv-reader"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pd-csv-reader.h"

struct _PdCsvReader
{
  GBytes     *bytes;
  const char *pos;
  const char *end;
  guint       line;
  guint       rows;        /* rows read, blank ones included */
  char        separator;
  GString    *field;
};

G_DEFINE_QUARK (pd-csv-error-quark, pd_csv_error)

static guint
count_lines (const char *start,
             const char *stop)
{
  guint lines = 1;

  for (const char *p = start; p < stop; p++)
    {
      /* CRLF counts once, a lone CR (old Mac files) counts too. */
      if (*p == '\n' || (*p == '\r' && (p + 1 >= stop || p[1] != '\n')))
        lines++;
    }

  return lines;
}

/* Consumes one line break at pos, if there is one. */
static gboolean
eat_line_break (PdCsvReader *self)
{
  if (self->pos >= self->end)
    return FALSE;

  if (*self->pos == '\r')
    {
      self->pos++;
      if (self->pos < self->end && *self->pos == '\n')
        self->pos++;
    }
  else if (*self->pos == '\n')
    {
      self->pos++;
    }
  else
    {
      return FALSE;
    }

  self->line++;
  return TRUE;
}

/* Counts the candidate separators outside quotes on the first record only:
 * later rows may hold free text full of commas. */
static char
detect_separator (const char *p,
                  const char *end)
{
  gboolean quoted = FALSE;
  guint commas = 0, semicolons = 0, tabs = 0;

  for (; p < end; p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (quoted)
        continue;
      else if (*p == '\n' || *p == '\r')
        break;
      else if (*p == ',')
        commas++;
      else if (*p == ';')
        semicolons++;
      else if (*p == '\t')
        tabs++;
    }

  if (semicolons > commas && semicolons >= tabs)
    return ';';
  if (tabs > commas && tabs > semicolons)
    return '\t';
  return ',';
}

/**
 * pd_csv_reader_new:
 * @bytes: the whole file
 * @error: return location for a #PD_CSV_ERROR
 *
 * Checks that @bytes is UTF-8 (after an optional byte order mark) and
 * detects the separator. Rows are then read with pd_csv_reader_next().
 *
 * Returns: (transfer full) (nullable): a reader, or %NULL if the file is not
 *   UTF-8 text
 */
PdCsvReader *
pd_csv_reader_new (GBytes  *bytes,
                   GError **error)
{
  g_autoptr(PdCsvReader) self = NULL;
  gsize length;
  const char *data;
  const char *invalid;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_new0 (PdCsvReader, 1);
  self->bytes = g_bytes_ref (bytes);
  self->field = g_string_sized_new (128);
  self->line = 1;

  data = g_bytes_get_data (bytes, &length);
  if (data == NULL)
    {
      /* An empty GBytes may have no data at all. */
      self->pos = self->end = "";
    }
  else
    {
      self->pos = data;
      self->end = data + length;
    }

  if (self->end - self->pos >= 3 && memcmp (self->pos, "\xEF\xBB\xBF", 3) == 0)
    self->pos += 3;

  /* A NUL byte also fails here, which is right: no text file has one. */
  if (!g_utf8_validate (self->pos, self->end - self->pos, &invalid))
    {
      g_set_error (error, PD_CSV_ERROR, PD_CSV_ERROR_INVALID_UTF8,
                   _("Line %u is not valid UTF-8 text. Save the file as “CSV UTF-8” in your spreadsheet and try again."),
                   count_lines (self->pos, invalid));
      return NULL;
    }

  /* Excel's own hint for the separator, written as the first line. */
  if (self->end - self->pos >= 5 && strncmp (self->pos, "sep=", 4) == 0
      && (self->end - self->pos == 5 || self->pos[5] == '\n' || self->pos[5] == '\r'))
    {
      self->separator = self->pos[4];
      self->pos += 5;
      /* The hint is no row: spreadsheets do not show it. */
      eat_line_break (self);
    }
  else
    {
      self->separator = detect_separator (self->pos, self->end);
    }

  return g_steal_pointer (&self);
}

void
pd_csv_reader_free (PdCsvReader *self)
{
  if (self == NULL)
    return;

  g_bytes_unref (self->bytes);
  g_string_free (self->field, TRUE);
  g_free (self);
}

/**
 * pd_csv_reader_get_separator:
 *
 * Returns: the separator detected from the header line (`,` `;` or tab)
 */
char
pd_csv_reader_get_separator (PdCsvReader *self)
{
  g_return_val_if_fail (self != NULL, ',');

  return self->separator;
}

static gboolean
read_quoted (PdCsvReader  *self,
             GError      **error)
{
  guint start_line = self->line;

  self->pos++;
  for (;;)
    {
      const char *run = self->pos;

      /* Copy plain runs in one go; they are most of the text. */
      while (self->pos < self->end && *self->pos != '"' && *self->pos != '\r' && *self->pos != '\n')
        self->pos++;
      g_string_append_len (self->field, run, self->pos - run);

      if (self->pos >= self->end)
        {
          g_set_error (error, PD_CSV_ERROR, PD_CSV_ERROR_UNTERMINATED_QUOTE,
                       _("The quoted field that starts on line %u is never closed. Check that every quote mark in it is doubled."),
                       start_line);
          return FALSE;
        }

      if (*self->pos == '"')
        {
          if (self->pos + 1 < self->end && self->pos[1] == '"')
            {
              g_string_append_c (self->field, '"');
              self->pos += 2;
              continue;
            }
          self->pos++;
          break;
        }

      /* A line break inside quotes belongs to the text; store it as LF so
       * that a description reads the same whatever wrote the file. */
      eat_line_break (self);
      g_string_append_c (self->field, '\n');
    }

  while (self->pos < self->end && (*self->pos == ' ' || *self->pos == '\t') && *self->pos != self->separator)
    self->pos++;

  if (self->pos < self->end && *self->pos != self->separator && *self->pos != '\r' && *self->pos != '\n')
    {
      g_set_error (error, PD_CSV_ERROR, PD_CSV_ERROR_TEXT_AFTER_QUOTE,
                   _("Line %u has text after the closing quote of a field. Put the whole field in quotes and double the quote marks inside it."),
                   self->line);
      return FALSE;
    }

  return TRUE;
}

static void
read_plain (PdCsvReader *self)
{
  const char *run = self->pos;

  while (self->pos < self->end && *self->pos != self->separator && *self->pos != '\r' && *self->pos != '\n')
    self->pos++;
  g_string_append_len (self->field, run, self->pos - run);
}

/**
 * pd_csv_reader_next:
 * @self: a #PdCsvReader
 * @out_fields: (out) (transfer full): the fields of the next row
 * @out_line: (out) (optional): the line on which the row starts
 * @error: return location for a #PD_CSV_ERROR
 *
 * Reads one row. Returns %FALSE with @error unset at the end of the file.
 *
 * Returns: %TRUE if a row was read
 */
gboolean
pd_csv_reader_next (PdCsvReader   *self,
                    char        ***out_fields,
                    guint         *out_line,
                    GError       **error)
{
  g_autoptr(GPtrArray) fields = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (out_fields != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *out_fields = NULL;

  /* A blank line is an empty row in a spreadsheet: skip it, but count it,
   * so that pd_csv_reader_get_row() matches the row numbers people see. */
  while (eat_line_break (self))
    self->rows++;
  if (self->pos >= self->end)
    return FALSE;

  self->rows++;

  if (out_line != NULL)
    *out_line = self->line;

  fields = g_ptr_array_new_with_free_func (g_free);
  for (;;)
    {
      g_string_truncate (self->field, 0);

      if (*self->pos == '"')
        {
          if (!read_quoted (self, error))
            return FALSE;
        }
      else
        {
          read_plain (self);
        }

      g_ptr_array_add (fields, g_strndup (self->field->str, self->field->len));

      if (self->pos < self->end && *self->pos == self->separator)
        {
          self->pos++;
          /* A separator at the very end still opens one empty field. */
          if (self->pos >= self->end)
            {
              g_ptr_array_add (fields, g_strdup (""));
              break;
            }
          continue;
        }

      eat_line_break (self);
      break;
    }

  g_ptr_array_add (fields, NULL);
  *out_fields = (char **) g_ptr_array_free (g_steal_pointer (&fields), FALSE);
  return TRUE;
}

/**
 * pd_csv_reader_get_row:
 *
 * The number of the row last read as a spreadsheet shows it: the header is
 * row 1, blank lines count, and a row whose quoted text spans several
 * lines is still one row. pd_csv_reader_next() gives the line instead,
 * which is what a text editor shows.
 *
 * Returns: the row number, 0 before the first row
 */
guint
pd_csv_reader_get_row (PdCsvReader *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->rows;
}

/**
 * pd_csv_strip_formula_guard:
 * @text: a text cell as read from a file
 *
 * Undoes the guard that pd_csv_writer_add_text() puts in front of cells a
 * spreadsheet would run as a formula, so our own exports import unchanged.
 *
 * Returns: (transfer full): the text without the guard
 */
char *
pd_csv_strip_formula_guard (const char *text)
{
  g_return_val_if_fail (text != NULL, NULL);

  if (text[0] == '\'' && text[1] != '\0' && strchr ("=+-@\t\r'", text[1]) != NULL)
    return g_strdup (text + 1);

  return g_strdup (text);
}
