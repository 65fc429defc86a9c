/* pd-field-text.c: a record's fields as people read them
 *
 * The conflicts dialog shows both sides of a field; neither the JSON
 * member names nor raw values ("voucher_budget_coins": 5000) mean anything
 * to a campaign manager, so each known field gets a label and its value a
 * readable form. Unknown fields still show, with a label made from their
 * name: nothing in dispute may be hidden.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-field-text"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-enums.h"
#include "pd-field-text.h"
#include "pd-money-format.h"

typedef struct {
  const char *kind;   /* NULL: any kind */
  const char *member; /* the last part of the path */
  const char *label;
} FieldLabel;

static const FieldLabel labels[] = {
  { "campaign", "name", N_("Name") },
  { "campaign", "slug", N_("Web address") },
  { "campaign", "status", N_("Status") },
  { "campaign", "starts_at", N_("Start") },
  { "campaign", "ends_at", N_("End") },
  { "campaign", "time_zone", N_("Time zone") },
  { "campaign", "currency", N_("Currency") },
  { "campaign", "coin_value_micros", N_("Coin value") },
  { "campaign", "voucher_budget_coins", N_("Voucher budget") },
  { "campaign", "funding_type", N_("Funding") },
  { "campaign", "theme_id", N_("Theme") },
  { "campaign", "default_language", N_("Default language") },
  { "campaign", "projects", N_("Projects") },
  { "campaign", "page_blocks", N_("Donor page layout") },
  { "campaign", "title", N_("Title") },
  { "campaign", "intro", N_("Introduction") },
  { "campaign", "thank_you", N_("Thank-you message") },
  { "campaign", "faq", N_("Questions and answers") },
  { "project", "title", N_("Title") },
  { "project", "description", N_("Description") },
  { "project", "organisation", N_("Organisation") },
  { "project", "location", N_("Location") },
  { "project", "website", N_("Website") },
  { "project", "category", N_("Category") },
  { "project", "default_target_coins", N_("Default target") },
  { "theme", "name", N_("Name") },
  { "theme", "primary", N_("Main colour") },
  { "theme", "accent", N_("Accent colour") },
  { "theme", "background", N_("Background colour") },
  { "theme", "text", N_("Text colour") },
  { "theme", "font_family", N_("Font") },
  { "theme", "corner_radius", N_("Corner radius") },
  { NULL, "name", N_("Name") },
  { NULL, "title", N_("Title") },
};

const char *
pd_field_text_kind_title (const char *kind)
{
  g_return_val_if_fail (kind != NULL, NULL);

  if (g_str_equal (kind, "campaign"))
    return C_("record kind", "Campaign");
  if (g_str_equal (kind, "project"))
    return C_("record kind", "Project");
  if (g_str_equal (kind, "theme"))
    return C_("record kind", "Theme");
  if (g_str_equal (kind, "voucher-batch"))
    return C_("record kind", "Voucher batch");
  return C_("record kind", "Record");
}

static const char *
language_name (const char *code)
{
  if (g_str_equal (code, "de"))
    return _("German");
  if (g_str_equal (code, "nl"))
    return _("Dutch");
  if (g_str_equal (code, "en"))
    return _("English");
  if (g_str_equal (code, "fr"))
    return _("French");
  return NULL;
}

/* "corner_radius" -> "Corner radius", for fields this file does not know. */
static char *
label_from_member (const char *member)
{
  g_autofree char *spaced = g_strdelimit (g_strdup (member), "_-", ' ');
  gunichar first = g_utf8_get_char (spaced);
  char buf[8] = { 0 };

  g_unichar_to_utf8 (g_unichar_totitle (first), buf);
  return g_strconcat (buf, g_utf8_next_char (spaced), NULL);
}

char *
pd_field_text_dup_label (const char *kind,
                         const char *path)
{
  g_auto(GStrv) parts = NULL;
  const char *member;
  const char *label = NULL;
  g_autofree char *made = NULL;
  guint n;

  g_return_val_if_fail (kind != NULL && path != NULL, NULL);

  parts = g_strsplit (path, ".", -1);
  n = g_strv_length (parts);
  if (n == 0)
    return g_strdup (path);
  member = parts[n - 1];

  for (guint i = 0; i < G_N_ELEMENTS (labels) && label == NULL; i++)
    if ((labels[i].kind == NULL || g_str_equal (labels[i].kind, kind)) &&
        g_str_equal (labels[i].member, member))
      label = _(labels[i].label);
  if (label == NULL)
    label = made = label_from_member (member);

  /* A campaign's texts come per language: "texts.de.title". */
  if (n == 3 && g_str_equal (parts[0], "texts"))
    {
      const char *language = language_name (parts[1]);
      g_autofree char *code = g_ascii_strup (parts[1], -1);

      /* TRANSLATORS: a field of a campaign's text in one language, e.g. "Title (German)" */
      return g_strdup_printf (C_("field in language", "%s (%s)"), label,
                              language != NULL ? language : code);
    }
  return g_strdup (label);
}

static JsonObject *
record_object (JsonNode *record)
{
  return record != NULL && JSON_NODE_HOLDS_OBJECT (record) ? json_node_get_object (record) : NULL;
}

static char *
format_date (const char *text,
             JsonNode   *record)
{
  JsonObject *object = record_object (record);
  const char *zone_name = object != NULL ? json_object_get_string_member_with_default (object, "time_zone", NULL) : NULL;
  g_autoptr(GDateTime) parsed = g_date_time_new_from_iso8601 (text, NULL);
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GDateTime) there = NULL;

  if (parsed == NULL)
    return g_strdup (text);
  if (zone_name != NULL)
    zone = g_time_zone_new_identifier (zone_name);
  if (zone == NULL)
    zone = g_time_zone_new_local ();
  there = g_date_time_to_timezone (parsed, zone);
  /* TRANSLATORS: a date and time as in g_date_time_format(), e.g. "1 March 2027, 09:00" */
  return g_date_time_format (there, C_("date and time", "%-d %B %Y, %H:%M"));
}

static char *
format_coins (gint64    coins,
              JsonNode *record)
{
  JsonObject *object = record_object (record);
  gint64 coin_micros = object != NULL ? json_object_get_int_member_with_default (object, "coin_value_micros", 0) : 0;
  const char *currency = object != NULL ? json_object_get_string_member_with_default (object, "currency", NULL) : NULL;
  g_autofree char *number = g_strdup_printf ("%'" G_GINT64_FORMAT, coins);
  /* TRANSLATORS: %s is a number of voucher coins, already formatted */
  g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s coin", "%s coins",
                                                         (gulong) MIN (ABS (coins), G_MAXULONG)),
                                            number);
  g_autofree char *money = NULL;

  if (coin_micros <= 0 || currency == NULL || ABS (coins) > G_MAXINT64 / coin_micros)
    return g_steal_pointer (&count);
  money = pd_money_format_display (coins * coin_micros, currency);
  /* TRANSLATORS: a number of voucher coins and what they are worth, e.g. "500 coins (250.00 EUR)" */
  return g_strdup_printf (C_("coins and money", "%s (%s)"), count, money);
}

static char *
format_enum (GType       type,
             const char *nick)
{
  int value = 0;

  if (!pd_enum_from_string (type, nick, &value))
    return g_strdup (nick);
  if (type == PD_TYPE_CAMPAIGN_STATUS)
    return g_strdup (pd_campaign_status_get_title (value));
  if (value == PD_FUNDING_TYPE_DONATION)
    return g_strdup (C_("funding type", "Donation"));
  return g_strdup (C_("funding type", "Sponsorship"));
}

static char *
format_array (const char *member,
              JsonArray  *array)
{
  guint n = json_array_get_length (array);

  if (g_str_equal (member, "projects"))
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u project", "%u projects", n), n);
  if (g_str_equal (member, "faq"))
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u question", "%u questions", n), n);
  if (g_str_equal (member, "page_blocks"))
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u block", "%u blocks", n), n);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u item", "%u items", n), n);
}

char *
pd_field_text_dup_value (const char *kind,
                         const char *path,
                         JsonNode   *value,
                         JsonNode   *record)
{
  const char *member;

  g_return_val_if_fail (kind != NULL && path != NULL, NULL);

  member = strrchr (path, '.');
  member = member != NULL ? member + 1 : path;

  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    return g_strdup (_("Not set"));

  if (JSON_NODE_HOLDS_ARRAY (value))
    return format_array (member, json_node_get_array (value));

  if (JSON_NODE_HOLDS_OBJECT (value))
    {
      guint n = json_object_get_size (json_node_get_object (value));

      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u setting", "%u settings", n), n);
    }

  switch (json_node_get_value_type (value))
    {
    case G_TYPE_STRING:
      {
        const char *text = json_node_get_string (value);

        if (*text == '\0')
          return g_strdup (_("Empty"));
        if (g_str_has_suffix (member, "_at"))
          return format_date (text, record);
        if (g_str_equal (kind, "campaign") && g_str_equal (member, "status"))
          return format_enum (PD_TYPE_CAMPAIGN_STATUS, text);
        if (g_str_equal (kind, "campaign") && g_str_equal (member, "funding_type"))
          return format_enum (PD_TYPE_FUNDING_TYPE, text);
        if (g_str_equal (member, "default_language") && language_name (text) != NULL)
          return g_strdup (language_name (text));
        return g_strdup (text);
      }

    case G_TYPE_INT64:
      {
        gint64 number = json_node_get_int (value);
        JsonObject *object = record_object (record);

        if (g_str_has_suffix (member, "_micros"))
          return pd_money_format_display (number, object != NULL ? json_object_get_string_member_with_default (object, "currency", NULL) : NULL);
        if (g_str_has_suffix (member, "_coins"))
          return format_coins (number, record);
        return g_strdup_printf ("%'" G_GINT64_FORMAT, number);
      }

    case G_TYPE_DOUBLE:
      return g_strdup_printf ("%g", json_node_get_double (value));

    case G_TYPE_BOOLEAN:
      return g_strdup (json_node_get_boolean (value) ? _("Yes") : _("No"));

    default:
      return g_strdup (_("Not set"));
    }
}
