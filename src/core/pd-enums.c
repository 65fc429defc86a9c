/* pd-enums.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-enums"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-enums.h"

#define DEFINE_ENUM_TYPE(TypeName, type_name, ...)                         \
GType                                                                      \
type_name##_get_type (void)                                                \
{                                                                          \
  static gsize type_id = 0;                                                \
  static const GEnumValue values[] = { __VA_ARGS__, { 0, NULL, NULL } };   \
  if (g_once_init_enter (&type_id))                                        \
    g_once_init_leave (&type_id,                                           \
                       g_enum_register_static (g_intern_static_string (#TypeName), values)); \
  return type_id;                                                          \
}

DEFINE_ENUM_TYPE (PdCampaignStatus, pd_campaign_status,
  { PD_CAMPAIGN_STATUS_DRAFT, "PD_CAMPAIGN_STATUS_DRAFT", "draft" },
  { PD_CAMPAIGN_STATUS_SCHEDULED, "PD_CAMPAIGN_STATUS_SCHEDULED", "scheduled" },
  { PD_CAMPAIGN_STATUS_LIVE, "PD_CAMPAIGN_STATUS_LIVE", "live" },
  { PD_CAMPAIGN_STATUS_ENDED, "PD_CAMPAIGN_STATUS_ENDED", "ended" },
  { PD_CAMPAIGN_STATUS_ARCHIVED, "PD_CAMPAIGN_STATUS_ARCHIVED", "archived" })

DEFINE_ENUM_TYPE (PdFundingType, pd_funding_type,
  { PD_FUNDING_TYPE_DONATION, "PD_FUNDING_TYPE_DONATION", "donation" },
  { PD_FUNDING_TYPE_SPONSORSHIP, "PD_FUNDING_TYPE_SPONSORSHIP", "sponsorship" })

DEFINE_ENUM_TYPE (PdPageBlockType, pd_page_block_type,
  { PD_PAGE_BLOCK_HERO, "PD_PAGE_BLOCK_HERO", "hero" },
  { PD_PAGE_BLOCK_INTRO, "PD_PAGE_BLOCK_INTRO", "intro" },
  { PD_PAGE_BLOCK_REDEEM_FORM, "PD_PAGE_BLOCK_REDEEM_FORM", "redeem-form" },
  { PD_PAGE_BLOCK_PROJECT_GRID, "PD_PAGE_BLOCK_PROJECT_GRID", "project-grid" },
  { PD_PAGE_BLOCK_PROGRESS, "PD_PAGE_BLOCK_PROGRESS", "progress" },
  { PD_PAGE_BLOCK_FAQ, "PD_PAGE_BLOCK_FAQ", "faq" },
  { PD_PAGE_BLOCK_PARTNER_LOGOS, "PD_PAGE_BLOCK_PARTNER_LOGOS", "partner-logos" },
  { PD_PAGE_BLOCK_FOOTER, "PD_PAGE_BLOCK_FOOTER", "footer" },
  { PD_PAGE_BLOCK_TEXT, "PD_PAGE_BLOCK_TEXT", "text" },
  { PD_PAGE_BLOCK_IMAGE, "PD_PAGE_BLOCK_IMAGE", "image" })

DEFINE_ENUM_TYPE (PdProjectSource, pd_project_source,
  { PD_PROJECT_SOURCE_CATALOGUE, "PD_PROJECT_SOURCE_CATALOGUE", "catalogue" },
  { PD_PROJECT_SOURCE_CLIENT, "PD_PROJECT_SOURCE_CLIENT", "client" })

DEFINE_ENUM_TYPE (PdSyncState, pd_sync_state,
  { PD_SYNC_STATE_SYNCED, "PD_SYNC_STATE_SYNCED", "synced" },
  { PD_SYNC_STATE_CREATED, "PD_SYNC_STATE_CREATED", "created" },
  { PD_SYNC_STATE_MODIFIED, "PD_SYNC_STATE_MODIFIED", "modified" },
  { PD_SYNC_STATE_DELETED, "PD_SYNC_STATE_DELETED", "deleted" },
  { PD_SYNC_STATE_CONFLICT, "PD_SYNC_STATE_CONFLICT", "conflict" })

const char *
pd_enum_to_string (GType enum_type,
                   int   value)
{
  g_autoptr(GEnumClass) klass = NULL;
  GEnumValue *enum_value;

  g_return_val_if_fail (G_TYPE_IS_ENUM (enum_type), NULL);

  klass = g_type_class_ref (enum_type);
  enum_value = g_enum_get_value (klass, value);

  return enum_value != NULL ? enum_value->value_nick : NULL;
}

gboolean
pd_enum_from_string (GType       enum_type,
                     const char *nick,
                     int        *value)
{
  g_autoptr(GEnumClass) klass = NULL;
  GEnumValue *enum_value;

  g_return_val_if_fail (G_TYPE_IS_ENUM (enum_type), FALSE);

  if (nick == NULL)
    return FALSE;

  klass = g_type_class_ref (enum_type);
  enum_value = g_enum_get_value_by_nick (klass, nick);
  if (enum_value == NULL)
    return FALSE;

  if (value != NULL)
    *value = enum_value->value;
  return TRUE;
}

const char *
pd_page_block_type_get_title (PdPageBlockType type)
{
  switch (type)
    {
    case PD_PAGE_BLOCK_HERO: return C_("page block", "Hero");
    case PD_PAGE_BLOCK_INTRO: return C_("page block", "Introduction");
    case PD_PAGE_BLOCK_REDEEM_FORM: return C_("page block", "Redeem Form");
    case PD_PAGE_BLOCK_PROJECT_GRID: return C_("page block", "Project Grid");
    case PD_PAGE_BLOCK_PROGRESS: return C_("page block", "Progress");
    case PD_PAGE_BLOCK_FAQ: return C_("page block", "FAQ");
    case PD_PAGE_BLOCK_PARTNER_LOGOS: return C_("page block", "Partner Logos");
    case PD_PAGE_BLOCK_FOOTER: return C_("page block", "Footer");
    case PD_PAGE_BLOCK_TEXT: return C_("page block", "Text");
    case PD_PAGE_BLOCK_IMAGE: return C_("page block", "Image");
    default: return NULL;
    }
}

const char *
pd_campaign_status_get_title (PdCampaignStatus status)
{
  switch (status)
    {
    case PD_CAMPAIGN_STATUS_DRAFT: return C_("campaign status", "Draft");
    case PD_CAMPAIGN_STATUS_SCHEDULED: return C_("campaign status", "Scheduled");
    case PD_CAMPAIGN_STATUS_LIVE: return C_("campaign status", "Live");
    case PD_CAMPAIGN_STATUS_ENDED: return C_("campaign status", "Ended");
    case PD_CAMPAIGN_STATUS_ARCHIVED: return C_("campaign status", "Archived");
    default: return NULL;
    }
}
