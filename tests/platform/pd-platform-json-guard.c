/* pd-platform-json-guard.c: strict JSON (RFC 8259) with a depth limit,
 * checked before json-glib sees a body
 *
 * json-glib parses recursively, so a body of a hundred thousand '[' runs the
 * server out of stack. It also accepts more than JSON: comments, single
 * quotes and bare words, so a depth count that only knows double quotes is
 * fooled by a quote inside a comment or inside single quotes, which opens
 * no string for json-glib, followed by a hundred thousand '['. This scanner accepts exactly the RFC 8259 grammar,
 * without recursion, and gives up at the first byte that is not JSON or at
 * the first container deeper than the limit. What it passes, json-glib
 * parses with the same meaning.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-platform-json-guard"

#include "pd-platform-json-guard.h"

typedef struct
{
  const char *p;
  const char *end;
} Scanner;

static void
skip_white_space (Scanner *s)
{
  while (s->p < s->end && (*s->p == ' ' || *s->p == '\t' || *s->p == '\n' || *s->p == '\r'))
    s->p++;
}

static gboolean
peek_is (Scanner *s,
         char     c)
{
  return s->p < s->end && *s->p == c;
}

static gboolean
scan_string (Scanner *s)
{
  if (!peek_is (s, '"'))
    return FALSE;
  s->p++;
  while (s->p < s->end)
    {
      guchar c = (guchar) *s->p++;

      if (c == '"')
        return TRUE;
      if (c < 0x20)
        return FALSE;
      if (c != '\\')
        continue;
      if (s->p >= s->end)
        return FALSE;
      c = (guchar) *s->p++;
      if (c == 'u')
        {
          for (guint i = 0; i < 4; i++, s->p++)
            if (s->p >= s->end || !g_ascii_isxdigit (*s->p))
              return FALSE;
        }
      else if (c != '"' && c != '\\' && c != '/' && c != 'b' && c != 'f' && c != 'n' && c != 'r' && c != 't')
        {
          return FALSE;
        }
    }
  return FALSE;
}

static gboolean
scan_digits (Scanner *s)
{
  const char *start = s->p;

  while (s->p < s->end && g_ascii_isdigit (*s->p))
    s->p++;
  return s->p > start;
}

static gboolean
scan_number (Scanner *s)
{
  if (peek_is (s, '-'))
    s->p++;
  if (peek_is (s, '0'))
    s->p++;
  else if (s->p >= s->end || *s->p < '1' || *s->p > '9' || !scan_digits (s))
    return FALSE;
  if (peek_is (s, '.'))
    {
      s->p++;
      if (!scan_digits (s))
        return FALSE;
    }
  if (peek_is (s, 'e') || peek_is (s, 'E'))
    {
      s->p++;
      if (peek_is (s, '+') || peek_is (s, '-'))
        s->p++;
      if (!scan_digits (s))
        return FALSE;
    }
  return TRUE;
}

static gboolean
scan_word (Scanner    *s,
           const char *word)
{
  for (; *word != '\0'; word++, s->p++)
    if (s->p >= s->end || *s->p != *word)
      return FALSE;
  return TRUE;
}

static char
closing (char opening)
{
  return opening == '{' ? '}' : ']';
}

/* A member name and its colon, with the white space around them. */
static gboolean
scan_member_name (Scanner *s)
{
  skip_white_space (s);
  if (!scan_string (s))
    return FALSE;
  skip_white_space (s);
  if (!peek_is (s, ':'))
    return FALSE;
  s->p++;
  return TRUE;
}

PdJsonGuardResult
pd_json_guard_check (const char *data,
                     gsize       len,
                     guint       max_depth)
{
  Scanner s = { data, data + len };
  /* the open containers, innermost last: '{' or '[' */
  g_autofree char *stack = g_malloc (MAX (max_depth, 1));
  guint depth = 0;

  g_return_val_if_fail (data != NULL || len == 0, PD_JSON_GUARD_INVALID);

  if (!g_utf8_validate_len (data, len, NULL))
    return PD_JSON_GUARD_INVALID;

  for (;;)
    {
      /* a value */
      skip_white_space (&s);
      if (s.p >= s.end)
        return PD_JSON_GUARD_INVALID;
      switch (*s.p)
        {
        case '{':
        case '[':
          if (depth >= max_depth)
            return PD_JSON_GUARD_TOO_DEEP;
          stack[depth++] = *s.p++;
          skip_white_space (&s);
          if (peek_is (&s, closing (stack[depth - 1])))
            {
              /* an empty container is a whole value */
              s.p++;
              depth--;
              break;
            }
          if (stack[depth - 1] == '{' && !scan_member_name (&s))
            return PD_JSON_GUARD_INVALID;
          continue; /* to its first element */
        case '"':
          if (!scan_string (&s))
            return PD_JSON_GUARD_INVALID;
          break;
        case 't':
          if (!scan_word (&s, "true"))
            return PD_JSON_GUARD_INVALID;
          break;
        case 'f':
          if (!scan_word (&s, "false"))
            return PD_JSON_GUARD_INVALID;
          break;
        case 'n':
          if (!scan_word (&s, "null"))
            return PD_JSON_GUARD_INVALID;
          break;
        default:
          if (!scan_number (&s))
            return PD_JSON_GUARD_INVALID;
          break;
        }

      /* after a value: a comma, or the ends of the containers it closes */
      for (;;)
        {
          skip_white_space (&s);
          if (depth == 0)
            return s.p == s.end ? PD_JSON_GUARD_OK : PD_JSON_GUARD_INVALID;
          if (peek_is (&s, ','))
            {
              s.p++;
              if (stack[depth - 1] == '{' && !scan_member_name (&s))
                return PD_JSON_GUARD_INVALID;
              break;
            }
          if (!peek_is (&s, closing (stack[depth - 1])))
            return PD_JSON_GUARD_INVALID;
          s.p++;
          depth--;
        }
    }
}
