/* pd-project.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-project"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-core-private.h"
#include "pd-json.h"
#include "pd-project.h"
#include "pd-validation.h"

struct _PdProject
{
  PdRecord         parent_instance;

  char            *title;
  char            *organisation;
  char            *description;
  char            *category;
  char            *location;
  char            *website;
  char            *image_sha256;
  gint64           default_target_coins;
  PdProjectSource  source;
};

G_DEFINE_FINAL_TYPE (PdProject, pd_project, PD_TYPE_RECORD)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_ORGANISATION,
  PROP_DESCRIPTION,
  PROP_CATEGORY,
  PROP_LOCATION,
  PROP_WEBSITE,
  PROP_IMAGE_SHA256,
  PROP_DEFAULT_TARGET_COINS,
  PROP_SOURCE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define TEXT_ACCESSORS(field, FIELD, setter)                                   \
const char *                                                                  \
pd_project_get_##field (PdProject *self)                                      \
{                                                                             \
  g_return_val_if_fail (PD_IS_PROJECT (self), NULL);                          \
  return self->field;                                                         \
}                                                                             \
void                                                                          \
pd_project_set_##field (PdProject  *self,                                     \
                        const char *value)                                    \
{                                                                             \
  g_return_if_fail (PD_IS_PROJECT (self));                                    \
  if (setter (&self->field, value))                                           \
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_##FIELD]);     \
}

static gboolean
set_optional (char       **field,
              const char  *value)
{
  /* "" and NULL both mean "none" for optional fields. */
  return pd_set_str (field, value != NULL && *value != '\0' ? value : NULL);
}

TEXT_ACCESSORS (title, TITLE, pd_set_text)
TEXT_ACCESSORS (organisation, ORGANISATION, pd_set_text)
TEXT_ACCESSORS (description, DESCRIPTION, pd_set_text)
TEXT_ACCESSORS (category, CATEGORY, pd_set_text)
TEXT_ACCESSORS (location, LOCATION, pd_set_text)
TEXT_ACCESSORS (website, WEBSITE, set_optional)
TEXT_ACCESSORS (image_sha256, IMAGE_SHA256, set_optional)

gint64
pd_project_get_default_target_coins (PdProject *self)
{
  g_return_val_if_fail (PD_IS_PROJECT (self), 0);
  return self->default_target_coins;
}

void
pd_project_set_default_target_coins (PdProject *self,
                                     gint64     coins)
{
  g_return_if_fail (PD_IS_PROJECT (self));

  if (self->default_target_coins == coins)
    return;
  self->default_target_coins = coins;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEFAULT_TARGET_COINS]);
}

PdProjectSource
pd_project_get_source (PdProject *self)
{
  g_return_val_if_fail (PD_IS_PROJECT (self), PD_PROJECT_SOURCE_CLIENT);
  return self->source;
}

void
pd_project_set_source (PdProject       *self,
                       PdProjectSource  source)
{
  g_return_if_fail (PD_IS_PROJECT (self));

  if (self->source == source)
    return;
  self->source = source;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCE]);
}

static void
pd_project_to_json (PdRecord   *record,
                    JsonObject *object)
{
  PdProject *self = PD_PROJECT (record);

  json_object_set_string_member (object, "title", self->title);
  json_object_set_string_member (object, "organisation", self->organisation);
  json_object_set_string_member (object, "description", self->description);
  json_object_set_string_member (object, "category", self->category);
  json_object_set_string_member (object, "location", self->location);
  if (self->website != NULL)
    json_object_set_string_member (object, "website", self->website);
  if (self->image_sha256 != NULL)
    json_object_set_string_member (object, "image_sha256", self->image_sha256);
  json_object_set_int_member (object, "default_target_coins", self->default_target_coins);
  json_object_set_string_member (object, "source", pd_enum_to_string (PD_TYPE_PROJECT_SOURCE, self->source));
}

static gboolean
pd_project_load_json (PdRecord    *record,
                      JsonObject  *object,
                      GError     **error)
{
  PdProject *self = PD_PROJECT (record);
  const char *title, *organisation, *description, *category, *location, *website, *image, *source_nick;
  gint64 target;
  int source;

  if (!pd_json_read_string (object, "title", FALSE, &title, error) ||
      !pd_json_read_string (object, "organisation", FALSE, &organisation, error) ||
      !pd_json_read_string (object, "description", FALSE, &description, error) ||
      !pd_json_read_string (object, "category", FALSE, &category, error) ||
      !pd_json_read_string (object, "location", FALSE, &location, error) ||
      !pd_json_read_string (object, "website", TRUE, &website, error) ||
      !pd_json_read_string (object, "image_sha256", TRUE, &image, error) ||
      !pd_json_read_int (object, "default_target_coins", FALSE, &target, error) ||
      !pd_json_read_string (object, "source", FALSE, &source_nick, error))
    return FALSE;

  if (!pd_enum_from_string (PD_TYPE_PROJECT_SOURCE, source_nick, &source))
    {
      g_set_error (error, PD_VALIDATION_ERROR, PD_VALIDATION_ERROR_INVALID,
                   _("The field “%s” has an unknown value “%s”."), "source", source_nick);
      return FALSE;
    }

  pd_project_set_title (self, title);
  pd_project_set_organisation (self, organisation);
  pd_project_set_description (self, description);
  pd_project_set_category (self, category);
  pd_project_set_location (self, location);
  pd_project_set_website (self, website);
  pd_project_set_image_sha256 (self, image);
  pd_project_set_default_target_coins (self, target);
  pd_project_set_source (self, source);

  return TRUE;
}

static gboolean
pd_project_validate (PdRecord  *record,
                     GError   **error)
{
  PdProject *self = PD_PROJECT (record);

  if (!pd_validate_name (self->title, _("The project title"), error))
    return FALSE;

  if (!pd_validate_not_negative (self->default_target_coins, _("The default donation target"), error))
    return FALSE;

  if (self->image_sha256 != NULL && !pd_is_valid_sha256 (self->image_sha256))
    {
      g_set_error (error, PD_VALIDATION_ERROR, PD_VALIDATION_ERROR_INVALID,
                   _("The project image is not a valid SHA-256 reference."));
      return FALSE;
    }

  if (self->website != NULL &&
      !g_str_has_prefix (self->website, "https://") && !g_str_has_prefix (self->website, "http://"))
    {
      g_set_error (error, PD_VALIDATION_ERROR, PD_VALIDATION_ERROR_INVALID,
                   _("The website must start with https:// or http://."));
      return FALSE;
    }

  return TRUE;
}

static void
pd_project_finalize (GObject *object)
{
  PdProject *self = PD_PROJECT (object);

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->organisation, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->category, g_free);
  g_clear_pointer (&self->location, g_free);
  g_clear_pointer (&self->website, g_free);
  g_clear_pointer (&self->image_sha256, g_free);

  G_OBJECT_CLASS (pd_project_parent_class)->finalize (object);
}

static void
pd_project_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  PdProject *self = PD_PROJECT (object);

  switch (prop_id)
    {
    case PROP_TITLE: g_value_set_string (value, self->title); break;
    case PROP_ORGANISATION: g_value_set_string (value, self->organisation); break;
    case PROP_DESCRIPTION: g_value_set_string (value, self->description); break;
    case PROP_CATEGORY: g_value_set_string (value, self->category); break;
    case PROP_LOCATION: g_value_set_string (value, self->location); break;
    case PROP_WEBSITE: g_value_set_string (value, self->website); break;
    case PROP_IMAGE_SHA256: g_value_set_string (value, self->image_sha256); break;
    case PROP_DEFAULT_TARGET_COINS: g_value_set_int64 (value, self->default_target_coins); break;
    case PROP_SOURCE: g_value_set_enum (value, self->source); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_project_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  PdProject *self = PD_PROJECT (object);

  switch (prop_id)
    {
    case PROP_TITLE: pd_project_set_title (self, g_value_get_string (value)); break;
    case PROP_ORGANISATION: pd_project_set_organisation (self, g_value_get_string (value)); break;
    case PROP_DESCRIPTION: pd_project_set_description (self, g_value_get_string (value)); break;
    case PROP_CATEGORY: pd_project_set_category (self, g_value_get_string (value)); break;
    case PROP_LOCATION: pd_project_set_location (self, g_value_get_string (value)); break;
    case PROP_WEBSITE: pd_project_set_website (self, g_value_get_string (value)); break;
    case PROP_IMAGE_SHA256: pd_project_set_image_sha256 (self, g_value_get_string (value)); break;
    case PROP_DEFAULT_TARGET_COINS: pd_project_set_default_target_coins (self, g_value_get_int64 (value)); break;
    case PROP_SOURCE: pd_project_set_source (self, g_value_get_enum (value)); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_project_class_init (PdProjectClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  PdRecordClass *record_class = PD_RECORD_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = pd_project_finalize;
  object_class->get_property = pd_project_get_property;
  object_class->set_property = pd_project_set_property;

  record_class->kind = "project";
  record_class->to_json = pd_project_to_json;
  record_class->load_json = pd_project_load_json;
  record_class->validate = pd_project_validate;

  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, "", flags);
  properties[PROP_ORGANISATION] = g_param_spec_string ("organisation", NULL, NULL, "", flags);
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, "", flags);
  properties[PROP_CATEGORY] = g_param_spec_string ("category", NULL, NULL, "", flags);
  properties[PROP_LOCATION] = g_param_spec_string ("location", NULL, NULL, "", flags);
  properties[PROP_WEBSITE] = g_param_spec_string ("website", NULL, NULL, NULL, flags);
  properties[PROP_IMAGE_SHA256] = g_param_spec_string ("image-sha256", NULL, NULL, NULL, flags);
  properties[PROP_DEFAULT_TARGET_COINS] =
    g_param_spec_int64 ("default-target-coins", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_SOURCE] =
    g_param_spec_enum ("source", NULL, NULL, PD_TYPE_PROJECT_SOURCE, PD_PROJECT_SOURCE_CLIENT, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pd_project_init (PdProject *self)
{
  self->title = g_strdup ("");
  self->organisation = g_strdup ("");
  self->description = g_strdup ("");
  self->category = g_strdup ("");
  self->location = g_strdup ("");
  self->source = PD_PROJECT_SOURCE_CLIENT;
}

PdProject *
pd_project_new (void)
{
  return g_object_new (PD_TYPE_PROJECT, NULL);
}

PdProject *
pd_project_new_with_id (const char *id)
{
  return g_object_new (PD_TYPE_PROJECT, "id", id, NULL);
}
