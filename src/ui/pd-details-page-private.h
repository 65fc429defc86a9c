/* pd-details-page-private.h: what the Details page's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pd-date-time-button.h"
#include "pd-details-page.h"

G_BEGIN_DECLS

/* The fields saved separately, each its own undo step. */
typedef enum {
  FIELD_NAME,
  FIELD_FUNDING,
  FIELD_PERIOD,
  FIELD_TIME_ZONE,
  FIELD_CURRENCY,
  FIELD_COIN_VALUE,
  FIELD_BUDGET,
  FIELD_DEFAULT_LANGUAGE,
  FIELD_TITLE,
  FIELD_INTRO,
  FIELD_THANK_YOU,
  FIELD_FAQ,
  N_FIELDS
} PdDetailsField;

/* What a rename does to the campaign's web address (its slug). */
typedef enum {
  ADDRESS_FOLLOWS_NAME,  /* a draft whose address was never chosen by hand */
  ADDRESS_CHOSEN,        /* a draft whose address was chosen by hand */
  ADDRESS_PUBLISHED,     /* published: a rename leaves it, a change asks */
  ADDRESS_VOUCHERS,      /* vouchers carry it: it never changes */
} PdAddressState;

typedef struct
{
  AdwExpanderRow *expander;
  AdwEntryRow    *question_row;
  AdwEntryRow    *answer_row;
} PdFaqRow;

struct _PdDetailsPage
{
  AdwBin            parent_instance;

  PdStore          *store;
  PdCampaign       *campaign;
  PdCampaignText   *text;        /* the live text shown, if any */
  char             *language;    /* the language being edited */

  guint             dirty;       /* 1 << field: typed, not yet saved */
  JsonNode         *edit_started; /* the platform's version when typing began */
  guint             failed;      /* 1 << field: refused; input kept */
  guint             save_id;
  guint             refresh_id;
  gboolean          updating;    /* widgets being set from the model */
  GPtrArray        *faq_rows;    /* PdFaqRow */

  GtkWindow        *address_dialog; /* weak; while it is open */

  GtkStringList    *time_zones;
  GtkStringList    *currencies;

  /* Template widgets */
  AdwEntryRow      *name_row;
  AdwActionRow     *address_row;
  GtkButton        *address_button;
  AdwComboRow      *funding_row;
  GtkLabel         *general_error;
  AdwActionRow     *starts_row;
  AdwActionRow     *ends_row;
  PdDateTimeButton *starts_button;
  PdDateTimeButton *ends_button;
  AdwComboRow      *time_zone_row;
  GtkLabel         *period_error;
  AdwComboRow      *currency_row;
  AdwActionRow     *coin_value_row;
  GtkSpinButton    *coin_value_spin;
  AdwActionRow     *budget_row;
  GtkSpinButton    *budget_spin;
  GtkLabel         *money_error;
  AdwComboRow      *default_language_row;
  GtkToggleButton  *de_button;
  GtkToggleButton  *en_button;
  GtkToggleButton  *nl_button;
  AdwEntryRow      *title_row;
  GtkLabel         *texts_error;
  GtkTextView      *intro_view;
  GtkTextView      *thank_you_view;
  AdwPreferencesGroup *faq_group;
};

/* pd-details-page.c */
void     _pd_details_page_refresh       (PdDetailsPage  *self);
void     _pd_details_page_mark_dirty    (PdDetailsPage  *self,
                                         PdDetailsField  field);
gboolean _pd_details_page_save          (PdDetailsPage  *self,
                                         PdDetailsField  field);
void     _pd_details_page_watch_focus   (PdDetailsPage  *self,
                                         GtkWidget      *widget);

/* pd-details-page-address.c */
gboolean       _pd_details_page_has_vouchers      (PdDetailsPage *self);
PdAddressState _pd_details_page_get_address_state (PdDetailsPage *self);
void           _pd_details_page_refresh_address   (PdDetailsPage *self);
void           _pd_details_page_change_address    (PdDetailsPage *self);

/* pd-details-page-faq.c */
void     _pd_details_page_refresh_faq   (PdDetailsPage  *self);
void     _pd_details_page_apply_faq     (PdDetailsPage  *self,
                                         PdCampaignText *text);
void     _pd_details_page_add_question  (PdDetailsPage  *self);
void     _pd_details_page_remove_question (PdDetailsPage *self,
                                           guint          position);
void     _pd_details_page_clear_faq     (PdDetailsPage  *self);

G_END_DECLS
