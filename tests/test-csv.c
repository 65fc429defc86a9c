/* test-csv.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "pd-csv-reader.h"
#include "pd-csv-writer.h"
#include "pd-test-utils.h"

/* Reads all rows of @text; each row joined with "|" and rows with "\n", so
 * an expectation is one readable string. */
static char *
read_all (const char  *text,
          gssize       length,
          char        *out_separator,
          GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, length < 0 ? strlen (text) : (gsize) length);
  g_autoptr(PdCsvReader) reader = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  char **fields;
  guint line;

  reader = pd_csv_reader_new (bytes, error);
  if (reader == NULL)
    return NULL;
  if (out_separator != NULL)
    *out_separator = pd_csv_reader_get_separator (reader);

  while (pd_csv_reader_next (reader, &fields, &line, error))
    {
      g_autofree char *joined = g_strjoinv ("|", fields);

      g_string_append_printf (out, "%s%u:%s", out->len > 0 ? "\n" : "", line, joined);
      g_strfreev (fields);
    }
  if (error != NULL && *error != NULL)
    return NULL;

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_csv_read_comma (void)
{
  g_autoptr(GError) error = NULL;
  char separator = 0;
  g_autofree char *rows = read_all ("title,organisation,target\nBrunnen,Wasser e.V.,5000\n", -1, &separator, &error);

  g_assert_no_error (error);
  g_assert_cmpint (separator, ==, ',');
  g_assert_cmpstr (rows, ==, "1:title|organisation|target\n2:Brunnen|Wasser e.V.|5000");
}

static void
test_csv_read_semicolon_bom_crlf (void)
{
  g_autoptr(GError) error = NULL;
  char separator = 0;
  /* As German Excel writes it: BOM, semicolons, decimal commas, CRLF. */
  g_autofree char *rows = read_all ("\xEF\xBB\xBFTitel;Betrag;Ort\r\nSchule;1,50;Köln\r\n\"A;B\";2,0;\r\n",
                                    -1, &separator, &error);

  g_assert_no_error (error);
  g_assert_cmpint (separator, ==, ';');
  g_assert_cmpstr (rows, ==, "1:Titel|Betrag|Ort\n2:Schule|1,50|Köln\n3:A;B|2,0|");
}

static void
test_csv_read_quoted (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *rows = read_all ("a,b,c\r\n"
                                    "\"x, y\",\"He said \"\"hi\"\"\",\"two\r\nlines\"\r\n"
                                    "\"\",12\" screen,\"\"  \n"
                                    "last,row,\"no newline\"",
                                    -1, NULL, &error);

  g_assert_no_error (error);
  /* The quoted newline is kept (as LF) and moves the line counter. */
  g_assert_cmpstr (rows, ==,
                   "1:a|b|c\n"
                   "2:x, y|He said \"hi\"|two\nlines\n"
                   "4:|12\" screen|\n"
                   "5:last|row|no newline");
}

static void
test_csv_read_edges (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *empty = read_all ("", 0, NULL, &error);
  g_autofree char *bom_only = NULL;
  g_autofree char *blank_lines = NULL;
  g_autofree char *trailing_sep = NULL;
  g_autofree char *hint = NULL;
  g_autofree char *lone_cr = NULL;
  char separator = 0;

  g_assert_no_error (error);
  g_assert_cmpstr (empty, ==, "");

  bom_only = read_all ("\xEF\xBB\xBF", -1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bom_only, ==, "");

  blank_lines = read_all ("\n\na\n\n\nb\n\n", -1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (blank_lines, ==, "3:a\n6:b");

  trailing_sep = read_all ("a,b,", -1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (trailing_sep, ==, "1:a|b|");

  hint = read_all ("sep=;\r\na,b;c\r\n", -1, &separator, &error);
  g_assert_no_error (error);
  g_assert_cmpint (separator, ==, ';');
  g_assert_cmpstr (hint, ==, "2:a,b|c");

  lone_cr = read_all ("a,b\rc,d\r", -1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lone_cr, ==, "1:a|b\n2:c|d");
}

/* Rows count as a spreadsheet shows them, lines as an editor does. */
static void
test_csv_read_rows (void)
{
  const char text[] = "sep=,\r\nh1,h2\r\n\r\n\"two\nlines\",x\r\n\"three\r\nmore\r\nlines\",y\r\nlast,z";
  g_autoptr(GBytes) bytes = g_bytes_new (text, sizeof text - 1);
  g_autoptr(PdCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  guint expected[][2] = { { 2, 1 }, { 4, 3 }, { 6, 4 }, { 9, 5 } };
  char **fields;
  guint line, i = 0;

  reader = pd_csv_reader_new (bytes, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pd_csv_reader_get_row (reader), ==, 0);
  while (pd_csv_reader_next (reader, &fields, &line, &error))
    {
      g_assert_cmpuint (i, <, G_N_ELEMENTS (expected));
      g_assert_cmpuint (line, ==, expected[i][0]);
      g_assert_cmpuint (pd_csv_reader_get_row (reader), ==, expected[i][1]);
      g_strfreev (fields);
      i++;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (i, ==, G_N_ELEMENTS (expected));
}

static void
test_csv_read_separator_in_quoted_header (void)
{
  g_autoptr(GError) error = NULL;
  char separator = 0;
  /* Three commas inside quotes must not outvote the two real semicolons. */
  g_autofree char *rows = read_all ("\"a,b,c,d\";x;y\n1;2;3\n", -1, &separator, &error);

  g_assert_no_error (error);
  g_assert_cmpint (separator, ==, ';');
  g_assert_cmpstr (rows, ==, "1:a,b,c,d|x|y\n2:1|2|3");
}

static void
test_csv_error_invalid_utf8 (void)
{
  g_autoptr(GError) error = NULL;
  /* "Köln" in Windows-1252, as an old Excel writes it, on line 3. */
  g_autofree char *rows = read_all ("a;b\n\"x\ny\";1\nK\xF6ln;2\n", -1, NULL, &error);

  g_assert_null (rows);
  g_assert_error (error, PD_CSV_ERROR, PD_CSV_ERROR_INVALID_UTF8);
  g_assert_nonnull (strstr (error->message, "Line 4"));
  g_clear_error (&error);

  rows = read_all ("a\0b\n", 4, NULL, &error);
  g_assert_null (rows);
  g_assert_error (error, PD_CSV_ERROR, PD_CSV_ERROR_INVALID_UTF8);
  g_assert_nonnull (strstr (error->message, "Line 1"));
}

static void
test_csv_error_unterminated (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *rows = read_all ("a,b\n1,2\n3,\"open\nstill open\n", -1, NULL, &error);

  g_assert_null (rows);
  g_assert_error (error, PD_CSV_ERROR, PD_CSV_ERROR_UNTERMINATED_QUOTE);
  g_assert_nonnull (strstr (error->message, "line 3"));
}

static void
test_csv_error_text_after_quote (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *rows = read_all ("a,b\n\"ok\" ,2\n\"bad\"x,2\n", -1, NULL, &error);

  g_assert_null (rows);
  g_assert_error (error, PD_CSV_ERROR, PD_CSV_ERROR_TEXT_AFTER_QUOTE);
  g_assert_nonnull (strstr (error->message, "Line 3"));
}

static void
test_csv_write_quoting (void)
{
  g_autoptr(PdCsvWriter) writer = pd_csv_writer_new (';', FALSE);
  g_autoptr(GBytes) bytes = NULL;

  pd_csv_writer_add_text (writer, "plain");
  pd_csv_writer_add_text (writer, "a;b");
  pd_csv_writer_add_text (writer, "a,b");
  pd_csv_writer_add_text (writer, "say \"x\"");
  pd_csv_writer_add_text (writer, "two\nlines");
  pd_csv_writer_add_text (writer, " padded");
  pd_csv_writer_add_text (writer, NULL);
  pd_csv_writer_add_int (writer, -42);
  pd_csv_writer_end_row (writer);
  pd_csv_writer_add_text (writer, "");
  pd_csv_writer_end_row (writer);

  bytes = pd_csv_writer_free_to_bytes (g_steal_pointer (&writer));
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                   "plain;\"a;b\";a,b;\"say \"\"x\"\"\";\"two\nlines\";\" padded\";;-42\r\n\"\"\r\n",
                   strlen ("plain;\"a;b\";a,b;\"say \"\"x\"\"\";\"two\nlines\";\" padded\";;-42\r\n\"\"\r\n"));
}

static void
test_csv_write_formula_guard (void)
{
  g_autoptr(PdCsvWriter) writer = pd_csv_writer_new (',', FALSE);
  g_autoptr(GBytes) bytes = NULL;

  pd_csv_writer_add_text (writer, "=HYPERLINK(\"http://x\")");
  pd_csv_writer_add_text (writer, "+1");
  pd_csv_writer_add_text (writer, "-Kinderhilfe");
  pd_csv_writer_add_text (writer, "@SUM(A1)");
  pd_csv_writer_add_text (writer, "'quoted");
  pd_csv_writer_add_text (writer, "a=b");
  pd_csv_writer_add_raw (writer, "-1");
  pd_csv_writer_end_row (writer);

  bytes = pd_csv_writer_free_to_bytes (g_steal_pointer (&writer));
  g_assert_cmpstr (g_bytes_get_data (bytes, NULL), ==,
                   "\"'=HYPERLINK(\"\"http://x\"\")\",'+1,'-Kinderhilfe,'@SUM(A1),''quoted,a=b,-1\r\n");
}

/* Whatever text we write, reading it back and stripping the guard gives the
 * same text: the writer and reader agree on every awkward character. */
static void
test_csv_round_trip (void)
{
  const char *texts[] = {
    "", "plain", "=1+2", "'=x", "''", "'", "-", "@", "\ttab", "a;b,c", "\"", "\"\"",
    "line\nbreak", " lead", "trail ", "Ärger über Größe", "日本語", "a\"b\"c", "=",
  };
  const char separators[] = { ',', ';', '\t' };

  for (guint s = 0; s < G_N_ELEMENTS (separators); s++)
    {
      g_autoptr(PdCsvWriter) writer = pd_csv_writer_new (separators[s], TRUE);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(PdCsvReader) reader = NULL;
      g_autoptr(GError) error = NULL;
      char **fields = NULL;
      guint rows = 0;

      /* The header decides the separator, so give it two columns. */
      pd_csv_writer_add_raw (writer, "text");
      pd_csv_writer_add_raw (writer, "n");
      pd_csv_writer_end_row (writer);
      for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
        {
          pd_csv_writer_add_text (writer, texts[i]);
          pd_csv_writer_add_int (writer, i);
          pd_csv_writer_end_row (writer);
        }
      bytes = pd_csv_writer_free_to_bytes (g_steal_pointer (&writer));

      reader = pd_csv_reader_new (bytes, &error);
      g_assert_no_error (error);
      g_assert_cmpint (pd_csv_reader_get_separator (reader), ==, separators[s]);
      g_assert_true (pd_csv_reader_next (reader, &fields, NULL, &error));
      g_strfreev (fields);

      while (pd_csv_reader_next (reader, &fields, NULL, &error))
        {
          g_autofree char *text = pd_csv_strip_formula_guard (fields[0]);

          g_assert_cmpuint (g_strv_length (fields), ==, 2);
          g_assert_cmpstr (text, ==, texts[rows]);
          g_assert_cmpint (g_ascii_strtoll (fields[1], NULL, 10), ==, rows);
          rows++;
          g_strfreev (fields);
        }
      g_assert_no_error (error);
      g_assert_cmpuint (rows, ==, G_N_ELEMENTS (texts));
    }
}

/* Reads every record of @bytes as read_all() does, but keeps the records
 * read before an error, and checks what every record must hold: fields in
 * valid UTF-8 and lines that never go back. */
static char *
read_checked (GBytes  *bytes,
              char    *out_separator,
              GError **error)
{
  g_autoptr(PdCsvReader) reader = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  char **fields;
  guint line = 0;
  guint last_line = 0;

  reader = pd_csv_reader_new (bytes, error);
  if (reader == NULL)
    return NULL;
  if (out_separator != NULL)
    *out_separator = pd_csv_reader_get_separator (reader);

  while (pd_csv_reader_next (reader, &fields, &line, error))
    {
      g_autofree char *joined = NULL;

      g_assert_nonnull (fields);
      g_assert_nonnull (fields[0]);
      for (guint i = 0; fields[i] != NULL; i++)
        g_assert_true (g_utf8_validate (fields[i], -1, NULL));
      g_assert_cmpuint (line, >, last_line);
      last_line = line;

      joined = g_strjoinv ("|", fields);
      g_string_append_printf (out, "%s%u:%s", out->len > 0 ? "\n" : "", line, joined);
      g_strfreev (fields);
    }
  if (error != NULL && *error != NULL)
    {
      g_assert_true ((*error)->domain == PD_CSV_ERROR);
      /* An error says where: "Line 3" or "line 3". */
      g_assert_nonnull (strstr ((*error)->message, "ine "));
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The seed corpus of fuzz-csv is a set of real files: the good ones read
 * as a spreadsheet would show them, the broken one is refused with the
 * error it deserves after the records before it. A reader that read
 * nothing, or accepted everything, fails here. */
static void
test_csv_fuzz_corpus (void)
{
  static const struct {
    const char *name;
    char        separator;
    const char *rows;      /* as read_all() joins them */
    int         error;     /* a PdCsvError, or -1 */
  } corpus[] = {
    { "comma.csv", ',',
      "1:title|organisation|description|category|location|website|default_target_coins\n"
      "2:Clean water|Water Aid|Wells, filters\nand pumps|water|Kisumu|https://example.org|250000",
      -1 },
    { "excel-sep.csv", ';',
      "2:a|b|c\n"
      "3:1|2|3",
      -1 },
    { "semicolon-bom.csv", ';',
      "1:titel|organisatie|omschrijving\n"
      "2:Schoon \"water\"|WaterAid|Putten",
      -1 },
    { "tab.csv", '\t',
      "1:a|b|c\n"
      "2:1|2|3",
      -1 },
    { "formula-unterminated.csv", ',',
      "1:title|description\n"
      "2:'=HYPERLINK(\"x\")|'+1",
      PD_CSV_ERROR_UNTERMINATED_QUOTE },
  };
  g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "fuzz", "corpus", "csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, &error);
  const char *name;
  guint n_known = 0;
  guint n_files = 0;

  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (corpus); i++)
    {
      g_autofree char *path = g_build_filename (dir_path, corpus[i].name, NULL);
      g_autofree char *contents = NULL;
      g_autofree char *rows = NULL;
      g_autoptr(GBytes) bytes = NULL;
      char separator = 0;
      gsize length;

      g_test_message ("%s", corpus[i].name);
      g_assert_true (g_file_get_contents (path, &contents, &length, &error));
      g_assert_no_error (error);
      bytes = g_bytes_new (contents, length);

      rows = read_checked (bytes, &separator, &error);
      g_assert_nonnull (rows);
      g_assert_cmpint (separator, ==, corpus[i].separator);
      g_assert_cmpstr (rows, ==, corpus[i].rows);
      if (corpus[i].error < 0)
        g_assert_no_error (error);
      else
        g_assert_error (error, PD_CSV_ERROR, corpus[i].error);
      g_clear_error (&error);
    }

  {
    /* The formula guard of a spreadsheet export comes off on import. */
    g_autofree char *formula = pd_csv_strip_formula_guard ("'=HYPERLINK(\"x\")");
    g_autofree char *plus = pd_csv_strip_formula_guard ("'+1");

    g_assert_cmpstr (formula, ==, "=HYPERLINK(\"x\")");
    g_assert_cmpstr (plus, ==, "+1");
  }

  /* Inputs added later (a crash the fuzzer found) give records or a clean
   * error; their expectation belongs in the table above. */
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);
      g_autofree char *contents = NULL;
      g_autofree char *rows = NULL;
      g_autoptr(GBytes) bytes = NULL;
      gboolean known = FALSE;
      gsize length;

      for (guint i = 0; i < G_N_ELEMENTS (corpus); i++)
        known |= g_str_equal (name, corpus[i].name);
      n_files++;
      if (known)
        {
          n_known++;
          continue;
        }

      g_test_message ("%s: no expectation, only checked for a clean end", name);
      g_assert_true (g_file_get_contents (path, &contents, &length, &error));
      g_assert_no_error (error);
      bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
      rows = read_checked (bytes, NULL, &error);
      g_clear_error (&error);
    }
  g_assert_cmpuint (n_known, ==, G_N_ELEMENTS (corpus));
  g_assert_cmpuint (n_files, >=, n_known);
}

static char
random_char (GRand      *rand,
             const char *alphabet)
{
  return alphabet[g_rand_int_range (rand, 0, strlen (alphabet))];
}

/* Random rows of awkward fields, written by the writer with a random
 * separator, read back as the same fields; and random bytes give records
 * or a clean error, never a crash or a hang. Run under the sanitizers this
 * also catches reads past the end. */
static void
test_csv_fuzz (void)
{
  /* No CR in a field: a quoted CRLF reads back as LF, by design. */
  const char field_alphabet[] = "ab,;\"\n \t'=+-@\xC3\xA4";
  const char byte_alphabet[] = "ab,;\"\r\n \t'\xC3\xA4";
  const char separators[] = { ',', ';', '\t' };
  g_autoptr(GRand) rand = g_rand_new_with_seed (4180);
  guint n_refused = 0;

  for (guint round = 0; round < 1000; round++)
    {
      char separator = separators[g_rand_int_range (rand, 0, G_N_ELEMENTS (separators))];
      g_autoptr(PdCsvWriter) writer = pd_csv_writer_new (separator, g_rand_boolean (rand));
      g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
      guint n_rows = g_rand_int_range (rand, 1, 6);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(PdCsvReader) reader = NULL;
      g_autoptr(GError) error = NULL;
      char **fields;
      guint row = 0;

      /* The header decides the separator. */
      pd_csv_writer_add_raw (writer, "h");
      pd_csv_writer_add_raw (writer, "i");
      pd_csv_writer_end_row (writer);
      for (guint r = 0; r < n_rows; r++)
        {
          guint n_fields = g_rand_int_range (rand, 1, 5);
          char **row_fields = g_new0 (char *, n_fields + 1);

          for (guint f = 0; f < n_fields; f++)
            {
              guint length = g_rand_int_range (rand, 0, 8);
              GString *text = g_string_new (NULL);

              for (guint i = 0; i < length; i++)
                {
                  char c = random_char (rand, field_alphabet);

                  /* ä is two bytes; never split it. */
                  if ((guchar) c == 0xC3 || (guchar) c == 0xA4)
                    g_string_append (text, "\xC3\xA4");
                  else
                    g_string_append_c (text, c);
                }
              row_fields[f] = g_string_free (text, FALSE);
              pd_csv_writer_add_text (writer, row_fields[f]);
            }
          pd_csv_writer_end_row (writer);
          g_ptr_array_add (expected, row_fields);
        }
      bytes = pd_csv_writer_free_to_bytes (g_steal_pointer (&writer));

      reader = pd_csv_reader_new (bytes, &error);
      g_assert_no_error (error);
      g_assert_cmpint (pd_csv_reader_get_separator (reader), ==, separator);
      g_assert_true (pd_csv_reader_next (reader, &fields, NULL, &error));
      g_assert_cmpstr (fields[0], ==, "h");
      g_assert_cmpstr (fields[1], ==, "i");
      g_strfreev (fields);
      while (pd_csv_reader_next (reader, &fields, NULL, &error))
        {
          char **want;

          g_assert_cmpuint (row, <, expected->len);
          want = expected->pdata[row];
          g_assert_cmpuint (g_strv_length (fields), ==, g_strv_length (want));
          for (guint f = 0; want[f] != NULL; f++)
            {
              g_autofree char *text = pd_csv_strip_formula_guard (fields[f]);

              g_assert_cmpstr (text, ==, want[f]);
            }
          g_strfreev (fields);
          row++;
        }
      g_assert_no_error (error);
      g_assert_cmpuint (row, ==, expected->len);
    }

  for (guint round = 0; round < 3000; round++)
    {
      guint length = g_rand_int_range (rand, 0, 40);
      g_autofree char *text = g_malloc (length + 1);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *rows = NULL;

      for (guint i = 0; i < length; i++)
        text[i] = random_char (rand, byte_alphabet);
      text[length] = '\0';
      bytes = g_bytes_new (text, length);

      rows = read_checked (bytes, NULL, &error);
      if (error != NULL)
        n_refused++;
    }
  /* Random quotes and split characters leave some inputs broken. */
  g_assert_cmpuint (n_refused, >, 0);
  g_assert_cmpuint (n_refused, <, 3000);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv/read/comma", test_csv_read_comma);
  g_test_add_func ("/csv/read/semicolon-bom-crlf", test_csv_read_semicolon_bom_crlf);
  g_test_add_func ("/csv/read/quoted", test_csv_read_quoted);
  g_test_add_func ("/csv/read/edges", test_csv_read_edges);
  g_test_add_func ("/csv/read/rows", test_csv_read_rows);
  g_test_add_func ("/csv/read/separator-in-quoted-header", test_csv_read_separator_in_quoted_header);
  g_test_add_func ("/csv/error/invalid-utf8", test_csv_error_invalid_utf8);
  g_test_add_func ("/csv/error/unterminated-quote", test_csv_error_unterminated);
  g_test_add_func ("/csv/error/text-after-quote", test_csv_error_text_after_quote);
  g_test_add_func ("/csv/write/quoting", test_csv_write_quoting);
  g_test_add_func ("/csv/write/formula-guard", test_csv_write_formula_guard);
  g_test_add_func ("/csv/round-trip", test_csv_round_trip);
  g_test_add_func ("/csv/fuzz/random", test_csv_fuzz);
  g_test_add_func ("/csv/fuzz/corpus", test_csv_fuzz_corpus);

  return g_test_run ();
}
