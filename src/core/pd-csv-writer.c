/* pd-csv-writer.c
 *
 * Writes RFC 4180 CSV: CRLF line ends, fields quoted only when they need it
 * (separator, quote, line break, or blanks at either end that spreadsheets
 * would trim), quotes doubled.
 *
 * Formula injection: project titles and descriptions partly come from the
 * platform catalogue, written by other parties, and clients open our
 * exports in Excel or LibreOffice. A cell starting with = + - @ (or a tab or
 * CR, which some spreadsheets skip before looking for those) would run as a
 * formula there, e.g. =HYPERLINK(...) leaking data. So text cells that start
 * with one of these get a leading apostrophe, as OWASP recommends; an
 * apostrophe is shown by no spreadsheet as a formula and is the mark they
 * themselves use for "this is text". A text cell that already starts with an
 * apostrophe gets one more, so pd_csv_strip_formula_guard() on import
 * restores every text exactly and our exports round-trip. Numbers, ids and
 * timestamps we format ourselves go through pd_csv_writer_add_int() and
 * pd_csv_writer_add_raw() unguarded, so they stay numbers in a spreadsheet.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-csv-writer"

#include "config.h"

#include <string.h>

#include "pd-csv-writer.h"

struct _PdCsvWriter
{
  GString  *out;
  char      separator;
  gboolean  row_started;
  gsize     row_start;
};

/**
 * pd_csv_writer_new:
 * @separator: `,` or `;` (or a tab)
 * @byte_order_mark: whether to start with a UTF-8 byte order mark, which
 *   Excel needs to read the file as UTF-8 rather than the Windows code page
 *
 * Returns: (transfer full): a new writer
 */
PdCsvWriter *
pd_csv_writer_new (char     separator,
                   gboolean byte_order_mark)
{
  PdCsvWriter *self;

  g_return_val_if_fail (separator == ',' || separator == ';' || separator == '\t', NULL);

  self = g_new0 (PdCsvWriter, 1);
  self->out = g_string_sized_new (4096);
  self->separator = separator;
  if (byte_order_mark)
    g_string_append (self->out, "\xEF\xBB\xBF");
  self->row_start = self->out->len;

  return self;
}

void
pd_csv_writer_free (PdCsvWriter *self)
{
  if (self == NULL)
    return;

  g_string_free (self->out, TRUE);
  g_free (self);
}

static void
append_field (PdCsvWriter *self,
              const char  *prefix,
              const char  *text)
{
  gsize len = strlen (text);
  gboolean quote;

  if (self->row_started)
    g_string_append_c (self->out, self->separator);
  self->row_started = TRUE;

  quote = strchr (text, self->separator) != NULL
          || strpbrk (text, "\"\r\n") != NULL
          || (len > 0 && (text[0] == ' ' || text[len - 1] == ' '));

  if (!quote)
    {
      g_string_append (self->out, prefix);
      g_string_append_len (self->out, text, len);
      return;
    }

  g_string_append_c (self->out, '"');
  g_string_append (self->out, prefix);
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (self->out, '"');
      g_string_append_c (self->out, *p);
    }
  g_string_append_c (self->out, '"');
}

/**
 * pd_csv_writer_add_text:
 * @text: (nullable): free text; %NULL writes an empty field
 *
 * Adds a text field, guarded against formula injection (see above).
 */
void
pd_csv_writer_add_text (PdCsvWriter *self,
                        const char  *text)
{
  g_return_if_fail (self != NULL);

  if (text == NULL)
    text = "";

  append_field (self, (text[0] != '\0' && strchr ("=+-@\t\r'", text[0]) != NULL) ? "'" : "", text);
}

/**
 * pd_csv_writer_add_raw:
 * @text: (nullable): a value we formatted ourselves (id, date, code)
 *
 * Adds a field without the formula guard; quotes it if needed.
 */
void
pd_csv_writer_add_raw (PdCsvWriter *self,
                       const char  *text)
{
  g_return_if_fail (self != NULL);

  append_field (self, "", text != NULL ? text : "");
}

void
pd_csv_writer_add_int (PdCsvWriter *self,
                       gint64       value)
{
  char buf[32];

  g_return_if_fail (self != NULL);

  g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, value);
  append_field (self, "", buf);
}

void
pd_csv_writer_end_row (PdCsvWriter *self)
{
  g_return_if_fail (self != NULL);

  /* One empty field would make a blank line, which readers skip. */
  if (self->row_started && self->out->len == self->row_start)
    g_string_append (self->out, "\"\"");

  g_string_append (self->out, "\r\n");
  self->row_started = FALSE;
  self->row_start = self->out->len;
}

/**
 * pd_csv_writer_free_to_bytes:
 *
 * Frees the writer and returns what it wrote.
 *
 * Returns: (transfer full): the CSV text
 */
GBytes *
pd_csv_writer_free_to_bytes (PdCsvWriter *self)
{
  GString *out;

  g_return_val_if_fail (self != NULL, NULL);

  out = self->out;
  g_free (self);
  return g_string_free_to_bytes (out);
}
