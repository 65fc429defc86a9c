/* pd-enums.h: the enumerations of the domain model and their JSON names
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The nick of each value is its name in the platform API (CONTRACT.md). */

typedef enum {
  PD_CAMPAIGN_STATUS_DRAFT,
  PD_CAMPAIGN_STATUS_SCHEDULED,
  PD_CAMPAIGN_STATUS_LIVE,
  PD_CAMPAIGN_STATUS_ENDED,
  PD_CAMPAIGN_STATUS_ARCHIVED,
} PdCampaignStatus;

typedef enum {
  PD_FUNDING_TYPE_DONATION,
  PD_FUNDING_TYPE_SPONSORSHIP,
} PdFundingType;

typedef enum {
  PD_PAGE_BLOCK_HERO,
  PD_PAGE_BLOCK_INTRO,
  PD_PAGE_BLOCK_REDEEM_FORM,
  PD_PAGE_BLOCK_PROJECT_GRID,
  PD_PAGE_BLOCK_PROGRESS,
  PD_PAGE_BLOCK_FAQ,
  PD_PAGE_BLOCK_PARTNER_LOGOS,
  PD_PAGE_BLOCK_FOOTER,
  PD_PAGE_BLOCK_TEXT,
  PD_PAGE_BLOCK_IMAGE,
} PdPageBlockType;

typedef enum {
  PD_PROJECT_SOURCE_CATALOGUE,
  PD_PROJECT_SOURCE_CLIENT,
} PdProjectSource;

/* Where a record stands against the server (SYNC.md). */
typedef enum {
  PD_SYNC_STATE_SYNCED,    /* local equals the last copy the server confirmed */
  PD_SYNC_STATE_CREATED,   /* made here, the server has never seen it */
  PD_SYNC_STATE_MODIFIED,  /* edited here since the last confirmed copy */
  PD_SYNC_STATE_DELETED,   /* deleted here, the delete is not yet confirmed */
  PD_SYNC_STATE_CONFLICT,  /* edited here and on the server; the user decides */
} PdSyncState;

#define PD_TYPE_CAMPAIGN_STATUS (pd_campaign_status_get_type ())
#define PD_TYPE_FUNDING_TYPE    (pd_funding_type_get_type ())
#define PD_TYPE_PAGE_BLOCK_TYPE (pd_page_block_type_get_type ())
#define PD_TYPE_PROJECT_SOURCE  (pd_project_source_get_type ())
#define PD_TYPE_SYNC_STATE      (pd_sync_state_get_type ())

GType pd_campaign_status_get_type  (void) G_GNUC_CONST;
GType pd_funding_type_get_type     (void) G_GNUC_CONST;
GType pd_page_block_type_get_type  (void) G_GNUC_CONST;
GType pd_project_source_get_type   (void) G_GNUC_CONST;
GType pd_sync_state_get_type       (void) G_GNUC_CONST;

/* The API name (nick) of @value, e.g. "redeem-form"; never %NULL for a
 * valid value. */
const char *pd_enum_to_string   (GType        enum_type,
                                 int          value);
/* Parses an API name; returns %FALSE for unknown names. */
gboolean    pd_enum_from_string (GType        enum_type,
                                 const char  *nick,
                                 int         *value);

/* Translated, human readable name of a block type ("Redeem form"). */
const char *pd_page_block_type_get_title (PdPageBlockType type);
/* Translated, human readable name of a campaign status ("Draft"). */
const char *pd_campaign_status_get_title (PdCampaignStatus status);

G_END_DECLS
