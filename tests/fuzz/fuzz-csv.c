/* fuzz-csv.c: the CSV reader behind project import
 *
 * Reads every record of any bytes; each field must be valid UTF-8, line
 * numbers must never go back, and the formula guard must never grow a
 * field it strips.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pd-fuzz.h"

#include "pd-csv-reader.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(PdCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  char **fields = NULL;
  guint line = 0;
  guint last_line = 0;
  guint n_records = 0;

  reader = pd_csv_reader_new (bytes, &error);
  if (reader == NULL)
    {
      g_assert_nonnull (error);
      return 0;
    }

  while (pd_csv_reader_next (reader, &fields, &line, &error))
    {
      g_auto(GStrv) owned = fields;

      g_assert_nonnull (owned);
      g_assert_cmpuint (line, >=, last_line);
      last_line = line;

      for (guint i = 0; owned[i] != NULL; i++)
        {
          g_autofree char *stripped = pd_csv_strip_formula_guard (owned[i]);

          g_assert_true (g_utf8_validate (owned[i], -1, NULL));
          g_assert_nonnull (stripped);
          g_assert_cmpuint (strlen (stripped), <=, strlen (owned[i]));
        }

      /* A record always advances: more records than bytes means a loop. */
      n_records++;
      g_assert_cmpuint (n_records, <=, size + 1);
    }

  return 0;
}
