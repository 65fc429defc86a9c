/* pd-theme.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-theme"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-core-private.h"
#include "pd-json.h"
#include "pd-theme.h"
#include "pd-validation.h"

struct _PdTheme
{
  PdRecord  parent_instance;

  char     *name;
  char     *primary_color;
  char     *accent_color;
  char     *background_color;
  char     *text_color;
  char     *logo_sha256;
  char     *hero_sha256;
  char     *font_family;
  int       corner_radius;
};

G_DEFINE_FINAL_TYPE (PdTheme, pd_theme, PD_TYPE_RECORD)

enum {
  PROP_0,
  PROP_NAME,
  PROP_PRIMARY_COLOR,
  PROP_ACCENT_COLOR,
  PROP_BACKGROUND_COLOR,
  PROP_TEXT_COLOR,
  PROP_LOGO_SHA256,
  PROP_HERO_SHA256,
  PROP_FONT_FAMILY,
  PROP_CORNER_RADIUS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
set_optional (char       **field,
              const char  *value)
{
  return pd_set_str (field, value != NULL && *value != '\0' ? value : NULL);
}

#define TEXT_ACCESSORS(field, FIELD, setter)                                   \
const char *                                                                  \
pd_theme_get_##field (PdTheme *self)                                          \
{                                                                             \
  g_return_val_if_fail (PD_IS_THEME (self), NULL);                            \
  return self->field;                                                         \
}                                                                             \
void                                                                          \
pd_theme_set_##field (PdTheme    *self,                                       \
                      const char *value)                                      \
{                                                                             \
  g_return_if_fail (PD_IS_THEME (self));                                      \
  if (setter (&self->field, value))                                           \
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_##FIELD]);     \
}

TEXT_ACCESSORS (name, NAME, pd_set_text)
TEXT_ACCESSORS (primary_color, PRIMARY_COLOR, pd_set_text)
TEXT_ACCESSORS (accent_color, ACCENT_COLOR, pd_set_text)
TEXT_ACCESSORS (background_color, BACKGROUND_COLOR, pd_set_text)
TEXT_ACCESSORS (text_color, TEXT_COLOR, pd_set_text)
TEXT_ACCESSORS (logo_sha256, LOGO_SHA256, set_optional)
TEXT_ACCESSORS (hero_sha256, HERO_SHA256, set_optional)
TEXT_ACCESSORS (font_family, FONT_FAMILY, pd_set_text)

int
pd_theme_get_corner_radius (PdTheme *self)
{
  g_return_val_if_fail (PD_IS_THEME (self), 0);
  return self->corner_radius;
}

void
pd_theme_set_corner_radius (PdTheme *self,
                            int      radius)
{
  g_return_if_fail (PD_IS_THEME (self));

  if (self->corner_radius == radius)
    return;
  self->corner_radius = radius;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CORNER_RADIUS]);
}

static void
pd_theme_to_json (PdRecord   *record,
                  JsonObject *object)
{
  PdTheme *self = PD_THEME (record);
  JsonObject *colors = json_object_new ();

  json_object_set_string_member (object, "name", self->name);
  json_object_set_string_member (colors, "primary", self->primary_color);
  json_object_set_string_member (colors, "accent", self->accent_color);
  json_object_set_string_member (colors, "background", self->background_color);
  json_object_set_string_member (colors, "text", self->text_color);
  json_object_set_object_member (object, "colors", colors);
  if (self->logo_sha256 != NULL)
    json_object_set_string_member (object, "logo_sha256", self->logo_sha256);
  if (self->hero_sha256 != NULL)
    json_object_set_string_member (object, "hero_sha256", self->hero_sha256);
  json_object_set_string_member (object, "font_family", self->font_family);
  json_object_set_int_member (object, "corner_radius", self->corner_radius);
}

static gboolean
pd_theme_load_json (PdRecord    *record,
                    JsonObject  *object,
                    GError     **error)
{
  PdTheme *self = PD_THEME (record);
  const char *name, *primary, *accent, *background, *text, *logo, *hero, *font;
  JsonObject *colors;
  gint64 radius;

  /* The logo is optional here although the platform wants it on create:
   * a theme being designed offline may not have one yet. */
  if (!pd_json_read_string (object, "name", FALSE, &name, error) ||
      !pd_json_read_object (object, "colors", FALSE, &colors, error) ||
      !pd_json_read_string (colors, "primary", FALSE, &primary, error) ||
      !pd_json_read_string (colors, "accent", FALSE, &accent, error) ||
      !pd_json_read_string (colors, "background", FALSE, &background, error) ||
      !pd_json_read_string (colors, "text", FALSE, &text, error) ||
      !pd_json_read_string (object, "logo_sha256", TRUE, &logo, error) ||
      !pd_json_read_string (object, "hero_sha256", TRUE, &hero, error) ||
      !pd_json_read_string (object, "font_family", FALSE, &font, error) ||
      !pd_json_read_int (object, "corner_radius", FALSE, &radius, error))
    return FALSE;

  if (radius < G_MININT || radius > G_MAXINT)
    {
      g_set_error (error, PD_VALIDATION_ERROR, PD_VALIDATION_ERROR_OUT_OF_RANGE,
                   _("The corner radius must be between 0 and %d pixels."), PD_THEME_CORNER_RADIUS_MAX);
      return FALSE;
    }

  pd_theme_set_name (self, name);
  pd_theme_set_primary_color (self, primary);
  pd_theme_set_accent_color (self, accent);
  pd_theme_set_background_color (self, background);
  pd_theme_set_text_color (self, text);
  pd_theme_set_logo_sha256 (self, logo);
  pd_theme_set_hero_sha256 (self, hero);
  pd_theme_set_font_family (self, font);
  pd_theme_set_corner_radius (self, (int) radius);

  return TRUE;
}

static gboolean
pd_theme_validate (PdRecord  *record,
                   GError   **error)
{
  PdTheme *self = PD_THEME (record);

  if (!pd_validate_name (self->name, _("The theme name"), error) ||
      !pd_validate_color (self->primary_color, _("The primary colour"), error) ||
      !pd_validate_color (self->accent_color, _("The accent colour"), error) ||
      !pd_validate_color (self->background_color, _("The background colour"), error) ||
      !pd_validate_color (self->text_color, _("The text colour"), error))
    return FALSE;

  if (self->corner_radius < 0 || self->corner_radius > PD_THEME_CORNER_RADIUS_MAX)
    {
      g_set_error (error, PD_VALIDATION_ERROR, PD_VALIDATION_ERROR_OUT_OF_RANGE,
                   _("The corner radius must be between 0 and %d pixels."), PD_THEME_CORNER_RADIUS_MAX);
      return FALSE;
    }

  if ((self->logo_sha256 != NULL && !pd_is_valid_sha256 (self->logo_sha256)) ||
      (self->hero_sha256 != NULL && !pd_is_valid_sha256 (self->hero_sha256)))
    {
      g_set_error (error, PD_VALIDATION_ERROR, PD_VALIDATION_ERROR_INVALID,
                   _("A theme image is not a valid SHA-256 reference."));
      return FALSE;
    }

  return TRUE;
}

static void
pd_theme_finalize (GObject *object)
{
  PdTheme *self = PD_THEME (object);

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->primary_color, g_free);
  g_clear_pointer (&self->accent_color, g_free);
  g_clear_pointer (&self->background_color, g_free);
  g_clear_pointer (&self->text_color, g_free);
  g_clear_pointer (&self->logo_sha256, g_free);
  g_clear_pointer (&self->hero_sha256, g_free);
  g_clear_pointer (&self->font_family, g_free);

  G_OBJECT_CLASS (pd_theme_parent_class)->finalize (object);
}

static void
pd_theme_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  PdTheme *self = PD_THEME (object);

  switch (prop_id)
    {
    case PROP_NAME: g_value_set_string (value, self->name); break;
    case PROP_PRIMARY_COLOR: g_value_set_string (value, self->primary_color); break;
    case PROP_ACCENT_COLOR: g_value_set_string (value, self->accent_color); break;
    case PROP_BACKGROUND_COLOR: g_value_set_string (value, self->background_color); break;
    case PROP_TEXT_COLOR: g_value_set_string (value, self->text_color); break;
    case PROP_LOGO_SHA256: g_value_set_string (value, self->logo_sha256); break;
    case PROP_HERO_SHA256: g_value_set_string (value, self->hero_sha256); break;
    case PROP_FONT_FAMILY: g_value_set_string (value, self->font_family); break;
    case PROP_CORNER_RADIUS: g_value_set_int (value, self->corner_radius); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_theme_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  PdTheme *self = PD_THEME (object);

  switch (prop_id)
    {
    case PROP_NAME: pd_theme_set_name (self, g_value_get_string (value)); break;
    case PROP_PRIMARY_COLOR: pd_theme_set_primary_color (self, g_value_get_string (value)); break;
    case PROP_ACCENT_COLOR: pd_theme_set_accent_color (self, g_value_get_string (value)); break;
    case PROP_BACKGROUND_COLOR: pd_theme_set_background_color (self, g_value_get_string (value)); break;
    case PROP_TEXT_COLOR: pd_theme_set_text_color (self, g_value_get_string (value)); break;
    case PROP_LOGO_SHA256: pd_theme_set_logo_sha256 (self, g_value_get_string (value)); break;
    case PROP_HERO_SHA256: pd_theme_set_hero_sha256 (self, g_value_get_string (value)); break;
    case PROP_FONT_FAMILY: pd_theme_set_font_family (self, g_value_get_string (value)); break;
    case PROP_CORNER_RADIUS: pd_theme_set_corner_radius (self, g_value_get_int (value)); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_theme_class_init (PdThemeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  PdRecordClass *record_class = PD_RECORD_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = pd_theme_finalize;
  object_class->get_property = pd_theme_get_property;
  object_class->set_property = pd_theme_set_property;

  record_class->kind = "theme";
  record_class->to_json = pd_theme_to_json;
  record_class->load_json = pd_theme_load_json;
  record_class->validate = pd_theme_validate;

  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, "", flags);
  properties[PROP_PRIMARY_COLOR] = g_param_spec_string ("primary-color", NULL, NULL, "#1a5fb4", flags);
  properties[PROP_ACCENT_COLOR] = g_param_spec_string ("accent-color", NULL, NULL, "#e66100", flags);
  properties[PROP_BACKGROUND_COLOR] = g_param_spec_string ("background-color", NULL, NULL, "#ffffff", flags);
  properties[PROP_TEXT_COLOR] = g_param_spec_string ("text-color", NULL, NULL, "#241f31", flags);
  properties[PROP_LOGO_SHA256] = g_param_spec_string ("logo-sha256", NULL, NULL, NULL, flags);
  properties[PROP_HERO_SHA256] = g_param_spec_string ("hero-sha256", NULL, NULL, NULL, flags);
  properties[PROP_FONT_FAMILY] = g_param_spec_string ("font-family", NULL, NULL, "Cantarell", flags);
  /* Out-of-range radii are representable so validation can explain them. */
  properties[PROP_CORNER_RADIUS] = g_param_spec_int ("corner-radius", NULL, NULL, G_MININT, G_MAXINT, 8, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pd_theme_init (PdTheme *self)
{
  self->name = g_strdup ("");
  self->primary_color = g_strdup ("#1a5fb4");
  self->accent_color = g_strdup ("#e66100");
  self->background_color = g_strdup ("#ffffff");
  self->text_color = g_strdup ("#241f31");
  self->font_family = g_strdup ("Cantarell");
  self->corner_radius = 8;
}

PdTheme *
pd_theme_new (void)
{
  return g_object_new (PD_TYPE_THEME, NULL);
}

PdTheme *
pd_theme_new_with_id (const char *id)
{
  return g_object_new (PD_TYPE_THEME, "id", id, NULL);
}
