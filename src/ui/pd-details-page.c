/* pd-details-page.c
 *
 * The Details page of a campaign: name, period, money and the donor page's
 * texts per language. There is no Save button: each field is written as
 * the user types (after a short pause, or when the field loses focus), as
 * one undo step named after the field. When the store refuses a value the
 * message is shown under the field and the user's input stays.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-details-page"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "pd-details-page-private.h"
#include "pd-store-sync.h"
#include "pd-ui-utils.h"

#define SAVE_DELAY_MS 500

G_DEFINE_FINAL_TYPE (PdDetailsPage, pd_details_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_CAMPAIGN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *languages[] = { "de", "en", "nl" };

/* The zones offered first; a campaign's own zone is added when missing. */
static const char *common_time_zones[] = {
  "Europe/Berlin", "Europe/Vienna", "Europe/Zurich", "Europe/Amsterdam",
  "Europe/Brussels", "Europe/Luxembourg", "Europe/Paris", "Europe/London",
  "Europe/Dublin", "Europe/Madrid", "Europe/Rome", "Europe/Copenhagen",
  "Europe/Stockholm", "Europe/Oslo", "Europe/Helsinki", "Europe/Warsaw",
  "Europe/Prague", "America/New_York", "UTC",
};

static const char *common_currencies[] = {
  "EUR", "CHF", "GBP", "USD", "DKK", "SEK", "NOK", "PLN", "CZK",
};

static const char *
field_action_title (PdDetailsField field)
{
  switch (field)
    {
    case FIELD_NAME: return _("Rename Campaign");
    case FIELD_FUNDING: return _("Change Funding");
    case FIELD_PERIOD: return _("Change Campaign Period");
    case FIELD_TIME_ZONE: return _("Change Time Zone");
    case FIELD_CURRENCY: return _("Change Currency");
    case FIELD_COIN_VALUE: return _("Change Coin Value");
    case FIELD_BUDGET: return _("Change Voucher Budget");
    case FIELD_DEFAULT_LANGUAGE: return _("Change Default Language");
    case FIELD_TITLE: return _("Edit Title");
    case FIELD_INTRO: return _("Edit Introduction");
    case FIELD_THANK_YOU: return _("Edit Thank-You Text");
    case FIELD_FAQ: return _("Edit Questions");
    case N_FIELDS:
    default:
      g_assert_not_reached ();
    }
}

static GtkWidget *
field_widget (PdDetailsPage  *self,
              PdDetailsField  field)
{
  switch (field)
    {
    case FIELD_NAME: return GTK_WIDGET (self->name_row);
    case FIELD_FUNDING: return GTK_WIDGET (self->funding_row);
    case FIELD_PERIOD: return GTK_WIDGET (self->ends_row);
    case FIELD_TIME_ZONE: return GTK_WIDGET (self->time_zone_row);
    case FIELD_CURRENCY: return GTK_WIDGET (self->currency_row);
    case FIELD_COIN_VALUE: return GTK_WIDGET (self->coin_value_row);
    case FIELD_BUDGET: return GTK_WIDGET (self->budget_row);
    case FIELD_DEFAULT_LANGUAGE: return GTK_WIDGET (self->default_language_row);
    case FIELD_TITLE: return GTK_WIDGET (self->title_row);
    case FIELD_INTRO: return GTK_WIDGET (self->intro_view);
    case FIELD_THANK_YOU: return GTK_WIDGET (self->thank_you_view);
    case FIELD_FAQ: return GTK_WIDGET (self->faq_group);
    case N_FIELDS:
    default:
      g_assert_not_reached ();
    }
}

static GtkLabel *
field_error_label (PdDetailsPage  *self,
                   PdDetailsField  field)
{
  switch (field)
    {
    case FIELD_NAME:
    case FIELD_FUNDING:
      return self->general_error;
    case FIELD_PERIOD:
    case FIELD_TIME_ZONE:
      return self->period_error;
    case FIELD_CURRENCY:
    case FIELD_COIN_VALUE:
    case FIELD_BUDGET:
      return self->money_error;
    case FIELD_DEFAULT_LANGUAGE:
    case FIELD_TITLE:
    case FIELD_INTRO:
    case FIELD_THANK_YOU:
    case FIELD_FAQ:
    case N_FIELDS:
    default:
      return self->texts_error;
    }
}

static void
set_field_error (PdDetailsPage  *self,
                 PdDetailsField  field,
                 const char     *message)
{
  GtkLabel *label = field_error_label (self, field);

  if (message != NULL)
    self->failed |= 1u << field;
  else
    self->failed &= ~(1u << field);

  pd_widget_set_error (field_widget (self, field), message != NULL);

  if (message != NULL)
    {
      gtk_label_set_label (label, message);
      gtk_widget_set_visible (GTK_WIDGET (label), TRUE);
      return;
    }

  /* The label is shared by a group; it stays while another of its fields
   * is still refused. */
  for (guint f = 0; f < N_FIELDS; f++)
    if ((self->failed & (1u << f)) && field_error_label (self, f) == label)
      return;
  gtk_widget_set_visible (GTK_WIDGET (label), FALSE);
}

static char *
dup_text_view_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static const char *
selected_string (AdwComboRow *row)
{
  GtkStringObject *item = adw_combo_row_get_selected_item (row);

  return item != NULL ? gtk_string_object_get_string (item) : NULL;
}

/* The same wall-clock time in another zone: "1 Dec 00:00" stays that. */
static GDateTime *
move_to_zone (GDateTime *date_time,
              GTimeZone *from,
              GTimeZone *to)
{
  g_autoptr(GDateTime) local = NULL;

  if (date_time == NULL)
    return NULL;

  local = g_date_time_to_timezone (date_time, from);
  return g_date_time_new (to,
                          g_date_time_get_year (local),
                          g_date_time_get_month (local),
                          g_date_time_get_day_of_month (local),
                          g_date_time_get_hour (local),
                          g_date_time_get_minute (local),
                          g_date_time_get_seconds (local));
}

static void
apply_field (PdDetailsPage  *self,
             PdCampaign     *copy,
             PdDetailsField  field)
{
  switch (field)
    {
    case FIELD_NAME:
      {
        g_autofree char *slug = g_strdup (pd_campaign_get_slug (copy));

        pd_campaign_set_name (copy, gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
        /* A draft's vouchers carry its address as well as a live one's. */
        if (_pd_details_page_has_vouchers (self))
          pd_campaign_set_slug (copy, slug);
      }
      break;

    case FIELD_FUNDING:
      pd_campaign_set_funding_type (copy, adw_combo_row_get_selected (self->funding_row) == 1
                                          ? PD_FUNDING_TYPE_SPONSORSHIP
                                          : PD_FUNDING_TYPE_DONATION);
      break;

    case FIELD_PERIOD:
      pd_campaign_set_starts_at (copy, pd_date_time_button_get_date_time (self->starts_button));
      pd_campaign_set_ends_at (copy, pd_date_time_button_get_date_time (self->ends_button));
      break;

    case FIELD_TIME_ZONE:
      {
        const char *zone = selected_string (self->time_zone_row);
        g_autoptr(GTimeZone) from = g_time_zone_new_identifier (pd_campaign_get_time_zone (copy));
        g_autoptr(GTimeZone) to = zone != NULL ? g_time_zone_new_identifier (zone) : NULL;

        if (zone == NULL)
          break;
        pd_campaign_set_time_zone (copy, zone);
        if (from != NULL && to != NULL)
          {
            g_autoptr(GDateTime) starts = move_to_zone (pd_campaign_get_starts_at (copy), from, to);
            g_autoptr(GDateTime) ends = move_to_zone (pd_campaign_get_ends_at (copy), from, to);

            pd_campaign_set_starts_at (copy, starts);
            pd_campaign_set_ends_at (copy, ends);
          }
      }
      break;

    case FIELD_CURRENCY:
      if (selected_string (self->currency_row) != NULL)
        pd_campaign_set_currency (copy, selected_string (self->currency_row));
      break;

    case FIELD_COIN_VALUE:
      pd_campaign_set_coin_value_micros (copy, (gint64) llround (gtk_spin_button_get_value (self->coin_value_spin) * 1000000.0));
      break;

    case FIELD_BUDGET:
      pd_campaign_set_voucher_budget_coins (copy, (gint64) llround (gtk_spin_button_get_value (self->budget_spin)));
      break;

    case FIELD_DEFAULT_LANGUAGE:
      {
        guint selected = adw_combo_row_get_selected (self->default_language_row);

        if (selected < G_N_ELEMENTS (languages))
          pd_campaign_set_default_language (copy, languages[selected]);
      }
      break;

    case FIELD_TITLE:
      pd_campaign_text_set_title (pd_campaign_ensure_text (copy, self->language),
                                  gtk_editable_get_text (GTK_EDITABLE (self->title_row)));
      break;

    case FIELD_INTRO:
      {
        g_autofree char *intro = dup_text_view_text (self->intro_view);

        pd_campaign_text_set_intro (pd_campaign_ensure_text (copy, self->language), intro);
      }
      break;

    case FIELD_THANK_YOU:
      {
        g_autofree char *thank_you = dup_text_view_text (self->thank_you_view);

        pd_campaign_text_set_thank_you (pd_campaign_ensure_text (copy, self->language), thank_you);
      }
      break;

    case FIELD_FAQ:
      _pd_details_page_apply_faq (self, pd_campaign_ensure_text (copy, self->language));
      break;

    case N_FIELDS:
    default:
      g_assert_not_reached ();
    }
}

/* Writes @field from its widget; %FALSE when the store refused it. */
gboolean
_pd_details_page_save (PdDetailsPage  *self,
                       PdDetailsField  field)
{
  g_autoptr(PdCampaign) copy = NULL;
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autoptr(GError) error = NULL;

  self->dirty &= ~(1u << field);
  if (self->store == NULL || self->campaign == NULL)
    return TRUE;

  copy = PD_CAMPAIGN (pd_record_copy (PD_RECORD (self->campaign)));
  apply_field (self, copy, field);

  /* Focus moving through the fields must not add empty undo steps. */
  before = pd_record_content_to_json (PD_RECORD (self->campaign));
  after = pd_record_content_to_json (PD_RECORD (copy));
  if (json_node_equal (before, after))
    {
      set_field_error (self, field, NULL);
      return TRUE;
    }

  if (!pd_store_save_edit (self->store, PD_RECORD (copy), self->edit_started, field_action_title (field), &error))
    {
      set_field_error (self, field, error->message);
      return FALSE;
    }

  set_field_error (self, field, NULL);
  return TRUE;
}

void
pd_details_page_flush (PdDetailsPage *self)
{
  g_return_if_fail (PD_IS_DETAILS_PAGE (self));

  g_clear_handle_id (&self->save_id, g_source_remove);
  for (guint field = 0; field < N_FIELDS; field++)
    if (self->dirty & (1u << field))
      _pd_details_page_save (self, field);
  /* Everything typed is saved: the next edit begins from what is synced
   * then. */
  if (self->dirty == 0 && !pd_spin_button_has_typed_text (self->budget_spin) &&
      !pd_spin_button_has_typed_text (self->coin_value_spin))
    g_clear_pointer (&self->edit_started, json_node_unref);
}

/* Typing begins: what the platform had then, so that a pull landing on
 * the same field meanwhile is a conflict, not an overwrite. */
static void
begin_edit (PdDetailsPage *self)
{
  if (self->edit_started != NULL || self->store == NULL || self->campaign == NULL)
    return;
  self->edit_started = pd_store_dup_synced (self->store, pd_record_get_kind (PD_RECORD (self->campaign)),
                                            pd_record_get_id (PD_RECORD (self->campaign)));
}

static gboolean
save_timeout_cb (gpointer user_data)
{
  PdDetailsPage *self = user_data;

  self->save_id = 0;
  pd_details_page_flush (self);
  return G_SOURCE_REMOVE;
}

void
_pd_details_page_mark_dirty (PdDetailsPage  *self,
                             PdDetailsField  field)
{
  if (self->updating || self->campaign == NULL)
    return;

  begin_edit (self);
  self->dirty |= 1u << field;
  g_clear_handle_id (&self->save_id, g_source_remove);
  self->save_id = g_timeout_add (SAVE_DELAY_MS, save_timeout_cb, self);
}

static void queue_refresh (PdDetailsPage *self);

static void
on_focus_leave_cb (GtkEventControllerFocus *controller,
                   PdDetailsPage           *self)
{
  pd_details_page_flush (self);
  /* What a sync brought in while the field was being edited shows now. */
  queue_refresh (self);
}

void
_pd_details_page_watch_focus (PdDetailsPage *self,
                              GtkWidget     *widget)
{
  GtkEventController *controller = gtk_event_controller_focus_new ();

  g_signal_connect_object (controller, "leave", G_CALLBACK (on_focus_leave_cb), self, 0);
  gtk_widget_add_controller (widget, controller);
}

/* --- From the model to the widgets --------------------------------------*/

/* A field with unsaved or refused input keeps what the user typed: a
 * refresh (a sync landing, an edit elsewhere) must not overwrite it. A
 * spin button's digits are input before they are its value. */
static gboolean
is_busy (PdDetailsPage  *self,
         PdDetailsField  field)
{
  if (((self->dirty | self->failed) & (1u << field)) != 0)
    return TRUE;
  if (field == FIELD_COIN_VALUE)
    return pd_spin_button_has_typed_text (self->coin_value_spin);
  if (field == FIELD_BUDGET)
    return pd_spin_button_has_typed_text (self->budget_spin);
  return FALSE;
}

static void
select_string (AdwComboRow   *row,
               GtkStringList *list,
               const char    *value)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (gtk_string_list_get_string (list, i), value) == 0)
      {
        adw_combo_row_set_selected (row, i);
        return;
      }

  gtk_string_list_append (list, value);
  adw_combo_row_set_selected (row, n);
}

static void
set_text_view_text (GtkTextView *view,
                    const char  *text)
{
  g_autofree char *current = dup_text_view_text (view);

  if (g_strcmp0 (current, text) != 0)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text, -1);
}

static void
set_editable_text (GtkEditable *editable,
                   const char  *text)
{
  if (g_strcmp0 (gtk_editable_get_text (editable), text) != 0)
    gtk_editable_set_text (editable, text);
}

static void
update_money_subtitles (PdDetailsPage *self)
{
  g_autofree char *hundred = NULL;
  g_autofree char *coin_subtitle = NULL;
  g_autofree char *budget = NULL;
  const char *currency;
  gint64 micros;

  if (self->campaign == NULL)
    return;

  currency = pd_campaign_get_currency (self->campaign);
  micros = (gint64) llround (gtk_spin_button_get_value (self->coin_value_spin) * 1000000.0);
  hundred = pd_format_money (100, micros, currency);
  /* Translators: %s is an amount of money, "1.00 EUR" */
  coin_subtitle = g_strdup_printf (_("100 coins are worth %s"), hundred);
  adw_action_row_set_subtitle (self->coin_value_row, coin_subtitle);

  budget = pd_format_money ((gint64) gtk_spin_button_get_value (self->budget_spin), micros, currency);
  adw_action_row_set_subtitle (self->budget_row, budget);
}

static void watch_text (PdDetailsPage *self);

void
_pd_details_page_refresh (PdDetailsPage *self)
{
  PdCampaign *campaign = self->campaign;
  PdCampaignText *text;

  if (campaign == NULL)
    return;

  self->updating = TRUE;

  if (!is_busy (self, FIELD_NAME))
    set_editable_text (GTK_EDITABLE (self->name_row), pd_campaign_get_name (campaign));
  _pd_details_page_refresh_address (self);
  if (!is_busy (self, FIELD_FUNDING))
    adw_combo_row_set_selected (self->funding_row,
                                pd_campaign_get_funding_type (campaign) == PD_FUNDING_TYPE_SPONSORSHIP ? 1 : 0);
  if (!is_busy (self, FIELD_TIME_ZONE))
    select_string (self->time_zone_row, self->time_zones, pd_campaign_get_time_zone (campaign));
  if (!is_busy (self, FIELD_PERIOD) && !is_busy (self, FIELD_TIME_ZONE))
    {
      pd_date_time_button_set_time_zone (self->starts_button, pd_campaign_get_time_zone (campaign));
      pd_date_time_button_set_time_zone (self->ends_button, pd_campaign_get_time_zone (campaign));
      pd_date_time_button_set_date_time (self->starts_button, pd_campaign_get_starts_at (campaign));
      pd_date_time_button_set_date_time (self->ends_button, pd_campaign_get_ends_at (campaign));
    }
  if (!is_busy (self, FIELD_CURRENCY))
    select_string (self->currency_row, self->currencies, pd_campaign_get_currency (campaign));
  if (!is_busy (self, FIELD_COIN_VALUE))
    pd_spin_button_refresh_value (self->coin_value_spin, (double) pd_campaign_get_coin_value_micros (campaign) / 1000000.0);
  if (!is_busy (self, FIELD_BUDGET))
    pd_spin_button_refresh_value (self->budget_spin, (double) pd_campaign_get_voucher_budget_coins (campaign));
  update_money_subtitles (self);

  if (!is_busy (self, FIELD_DEFAULT_LANGUAGE))
    for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
      if (g_strcmp0 (languages[i], pd_campaign_get_default_language (campaign)) == 0)
        adw_combo_row_set_selected (self->default_language_row, i);

  watch_text (self);
  text = self->text;
  if (!is_busy (self, FIELD_TITLE))
    set_editable_text (GTK_EDITABLE (self->title_row), text != NULL ? pd_campaign_text_get_title (text) : "");
  if (!is_busy (self, FIELD_INTRO))
    set_text_view_text (self->intro_view, text != NULL ? pd_campaign_text_get_intro (text) : "");
  if (!is_busy (self, FIELD_THANK_YOU))
    set_text_view_text (self->thank_you_view, text != NULL ? pd_campaign_text_get_thank_you (text) : "");
  if (!is_busy (self, FIELD_FAQ))
    _pd_details_page_refresh_faq (self);

  self->updating = FALSE;
}

static gboolean
refresh_cb (gpointer user_data)
{
  PdDetailsPage *self = user_data;

  self->refresh_id = 0;
  _pd_details_page_refresh (self);
  return G_SOURCE_REMOVE;
}

/* Undo, redo and sync change the live campaign; one idle refresh follows a
 * burst of notifications. */
static void
queue_refresh (PdDetailsPage *self)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add (refresh_cb, self);
}

static void
queue_refresh_cb (PdDetailsPage *self)
{
  if (self->campaign != NULL)
    queue_refresh (self);
}

static void
watch_text (PdDetailsPage *self)
{
  PdCampaignText *text = pd_campaign_get_text (self->campaign, self->language);

  if (text == self->text)
    return;

  if (self->text != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->text, self);
      g_signal_handlers_disconnect_by_data (pd_campaign_text_get_faq (self->text), self);
    }
  g_set_object (&self->text, text);
  if (text != NULL)
    {
      g_signal_connect_swapped (text, "notify", G_CALLBACK (queue_refresh), self);
      g_signal_connect_swapped (pd_campaign_text_get_faq (text), "items-changed",
                                G_CALLBACK (queue_refresh), self);
    }
}

static void
unwatch_campaign (PdDetailsPage *self)
{
  if (self->text != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->text, self);
      g_signal_handlers_disconnect_by_data (pd_campaign_text_get_faq (self->text), self);
      g_clear_object (&self->text);
    }
  if (self->campaign != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->campaign, self);
      g_signal_handlers_disconnect_by_data (pd_campaign_get_texts (self->campaign), self);
    }
}

/* --- Widget signals -----------------------------------------------------*/

static void
set_language (PdDetailsPage *self,
              const char    *language)
{
  if (g_strcmp0 (self->language, language) == 0)
    return;

  pd_details_page_flush (self);
  for (guint f = FIELD_TITLE; f <= FIELD_FAQ; f++)
    set_field_error (self, f, NULL);

  g_free (self->language);
  self->language = g_strdup (language);

  self->updating = TRUE;
  gtk_toggle_button_set_active (self->de_button, g_strcmp0 (language, "de") == 0);
  gtk_toggle_button_set_active (self->en_button, g_strcmp0 (language, "en") == 0);
  gtk_toggle_button_set_active (self->nl_button, g_strcmp0 (language, "nl") == 0);
  self->updating = FALSE;

  _pd_details_page_refresh (self);
}

static void
on_language_toggled_cb (PdDetailsPage   *self,
                        GtkToggleButton *button)
{
  if (self->updating || !gtk_toggle_button_get_active (button))
    return;

  if (button == self->en_button)
    set_language (self, "en");
  else if (button == self->nl_button)
    set_language (self, "nl");
  else
    set_language (self, "de");
}

static void
on_period_changed_cb (PdDetailsPage *self)
{
  if (self->updating || self->campaign == NULL)
    return;
  _pd_details_page_save (self, FIELD_PERIOD);
}

static void
on_combo_selected_cb (AdwComboRow   *row,
                      GParamSpec    *pspec,
                      PdDetailsPage *self)
{
  if (self->updating || self->campaign == NULL)
    return;

  if (row == self->funding_row)
    _pd_details_page_save (self, FIELD_FUNDING);
  else if (row == self->time_zone_row)
    _pd_details_page_save (self, FIELD_TIME_ZONE);
  else if (row == self->currency_row)
    _pd_details_page_save (self, FIELD_CURRENCY);
  else if (row == self->default_language_row)
    _pd_details_page_save (self, FIELD_DEFAULT_LANGUAGE);
}

static void
on_name_changed_cb (PdDetailsPage *self)
{
  _pd_details_page_refresh_address (self);
  _pd_details_page_mark_dirty (self, FIELD_NAME);
}

static void
on_title_changed_cb (PdDetailsPage *self)
{
  _pd_details_page_mark_dirty (self, FIELD_TITLE);
}

static void
on_intro_changed_cb (PdDetailsPage *self)
{
  _pd_details_page_mark_dirty (self, FIELD_INTRO);
}

static void
on_thank_you_changed_cb (PdDetailsPage *self)
{
  _pd_details_page_mark_dirty (self, FIELD_THANK_YOU);
}

static void
on_spin_text_changed_cb (GtkSpinButton *spin,
                         PdDetailsPage *self)
{
  if (!self->updating && pd_spin_button_has_typed_text (spin))
    begin_edit (self);
}

static void
on_spin_value_changed_cb (GtkSpinButton *spin,
                          PdDetailsPage *self)
{
  update_money_subtitles (self);
  _pd_details_page_mark_dirty (self, spin == self->coin_value_spin ? FIELD_COIN_VALUE : FIELD_BUDGET);
}

static void
change_address_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  PdDetailsPage *self = PD_DETAILS_PAGE (widget);

  /* A name still being typed decides the address the dialog starts from. */
  pd_details_page_flush (self);
  _pd_details_page_change_address (self);
}

static void
add_question_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  _pd_details_page_add_question (PD_DETAILS_PAGE (widget));
}

/* --- Properties ---------------------------------------------------------*/

static void
pd_details_page_set_store (PdDetailsPage *self,
                           PdStore       *store)
{
  if (self->store == store)
    return;

  pd_details_page_flush (self);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (pd_store_get_voucher_batches (self->store), self);
  g_set_object (&self->store, store);
  /* Issued vouchers fix the address. */
  if (store != NULL)
    g_signal_connect_object (pd_store_get_voucher_batches (store), "items-changed",
                             G_CALLBACK (queue_refresh), self, G_CONNECT_SWAPPED);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

static void
pd_details_page_set_campaign (PdDetailsPage *self,
                              PdCampaign    *campaign)
{
  if (self->campaign == campaign)
    return;

  /* Pending edits belong to the campaign they were typed for; a campaign
   * that was deleted meanwhile must not come back through them. */
  if (self->campaign != NULL && self->store != NULL)
    {
      g_autoptr(PdCampaign) still_there =
        pd_store_get_campaign (self->store, pd_record_get_id (PD_RECORD (self->campaign)));

      if (still_there != NULL)
        pd_details_page_flush (self);
    }
  g_clear_handle_id (&self->save_id, g_source_remove);
  self->dirty = 0;
  g_clear_pointer (&self->edit_started, json_node_unref);
  for (guint f = 0; f < N_FIELDS; f++)
    set_field_error (self, f, NULL);
  if (self->address_dialog != NULL)
    gtk_window_destroy (self->address_dialog);

  unwatch_campaign (self);
  g_set_object (&self->campaign, campaign);
  _pd_details_page_clear_faq (self);

  if (campaign != NULL)
    {
      g_signal_connect_swapped (campaign, "notify", G_CALLBACK (queue_refresh), self);
      g_signal_connect_swapped (pd_campaign_get_texts (campaign), "items-changed",
                                G_CALLBACK (queue_refresh), self);
      g_clear_pointer (&self->language, g_free);
      set_language (self, pd_campaign_get_default_language (campaign));
    }

  gtk_widget_set_sensitive (GTK_WIDGET (self), campaign != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAMPAIGN]);
}

static void
pd_details_page_dispose (GObject *object)
{
  PdDetailsPage *self = PD_DETAILS_PAGE (object);

  pd_details_page_set_campaign (self, NULL);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (pd_store_get_voucher_batches (self->store), self);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_handle_id (&self->save_id, g_source_remove);
  g_clear_pointer (&self->edit_started, json_node_unref);
  /* The bin's child is a bound template child: let the bin drop it, so
   * that disposing the template does not unparent it behind its back. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), PD_TYPE_DETAILS_PAGE);
  g_clear_pointer (&self->faq_rows, g_ptr_array_unref);
  g_clear_object (&self->store);
  g_clear_object (&self->time_zones);
  g_clear_object (&self->currencies);
  g_clear_pointer (&self->language, g_free);

  G_OBJECT_CLASS (pd_details_page_parent_class)->dispose (object);
}

static void
pd_details_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PdDetailsPage *self = PD_DETAILS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_CAMPAIGN:
      g_value_set_object (value, self->campaign);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_details_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  PdDetailsPage *self = PD_DETAILS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      pd_details_page_set_store (self, g_value_get_object (value));
      break;

    case PROP_CAMPAIGN:
      pd_details_page_set_campaign (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_details_page_class_init (PdDetailsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pd_details_page_dispose;
  object_class->get_property = pd_details_page_get_property;
  object_class->set_property = pd_details_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, PD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAMPAIGN] =
    g_param_spec_object ("campaign", NULL, NULL, PD_TYPE_CAMPAIGN,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (PD_TYPE_DATE_TIME_BUTTON);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/particulate/Designer/ui/pd-details-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PdDetailsPage, name_row);
  gtk_widget_class_bind_template_child (widget_class, PdDetailsPage, address_row);
  gtk_widget_class_bind_template_child (widget_class, PdDetailsPage, address_button);
  gtk_widget_class_bind_template_child (widget_class, PdDetailsPage, funding_row);
  gtk_widget_class_bind_template_child (widget_class, PdDetailsPage, general_error);
  gtk_widget_class_bind_template_child (widget_class, PdDetailsPage, starts_row);
  gtk_widget_class_bind_template_child (widget_class, PdDetailsPage, ends_row);
  gtk_widget_class_bind_template_child (widget_class, PdDetailsPage, starts_button);
  gtk_widget_class_bind_template_child (widget_class, PdDetailsPage, ends_button);
  gtk_widget_class_bind_template_child (widget_class, PdDetailsPage, time_zone_row);
  gtk_widget_class_bind_template_child (widget_class, PdDetailsPage, period_error);
  gtk_widget_class_bind_template_child (widget_class, PdDetailsPage, currency_row);
  gtk_widget_class_bind_template_child (widget_class, PdDetailsPage, coin_value_row);
  gtk_widget_class_bind_template_child (widget_class, PdDetailsPage, coin_value_spin);
  gtk_widget_class_bind_template_child (widget_class, PdDetailsPage, budget_row);
  gtk_widget_class_bind_template_child (widget_class, PdDetailsPage, budget_spin);
  gtk_widget_class_bind_template_child (widget_class, PdDetailsPage, money_error);
  gtk_widget_class_bind_template_child (widget_class, PdDetailsPage, default_language_row);
  gtk_widget_class_bind_template_child (widget_class, PdDetailsPage, de_button);
  gtk_widget_class_bind_template_child (widget_class, PdDetailsPage, en_button);
  gtk_widget_class_bind_template_child (widget_class, PdDetailsPage, nl_button);
  gtk_widget_class_bind_template_child (widget_class, PdDetailsPage, title_row);
  gtk_widget_class_bind_template_child (widget_class, PdDetailsPage, texts_error);
  gtk_widget_class_bind_template_child (widget_class, PdDetailsPage, intro_view);
  gtk_widget_class_bind_template_child (widget_class, PdDetailsPage, thank_you_view);
  gtk_widget_class_bind_template_child (widget_class, PdDetailsPage, faq_group);
  gtk_widget_class_bind_template_callback (widget_class, on_language_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_period_changed_cb);

  gtk_widget_class_install_action (widget_class, "details.add-question", NULL, add_question_action);
  gtk_widget_class_install_action (widget_class, "details.change-address", NULL, change_address_action);
}

static void
pd_details_page_init (PdDetailsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->faq_rows = g_ptr_array_new_with_free_func (g_free);

  self->time_zones = gtk_string_list_new (common_time_zones);
  self->currencies = gtk_string_list_new (common_currencies);
  adw_combo_row_set_model (self->time_zone_row, G_LIST_MODEL (self->time_zones));
  adw_combo_row_set_model (self->currency_row, G_LIST_MODEL (self->currencies));

  g_signal_connect (self->funding_row, "notify::selected", G_CALLBACK (on_combo_selected_cb), self);
  g_signal_connect (self->time_zone_row, "notify::selected", G_CALLBACK (on_combo_selected_cb), self);
  g_signal_connect (self->currency_row, "notify::selected", G_CALLBACK (on_combo_selected_cb), self);
  g_signal_connect (self->default_language_row, "notify::selected", G_CALLBACK (on_combo_selected_cb), self);

  g_signal_connect_swapped (self->name_row, "changed", G_CALLBACK (on_name_changed_cb), self);
  g_signal_connect_swapped (self->title_row, "changed", G_CALLBACK (on_title_changed_cb), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->intro_view), "changed",
                            G_CALLBACK (on_intro_changed_cb), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->thank_you_view), "changed",
                            G_CALLBACK (on_thank_you_changed_cb), self);
  g_signal_connect (self->coin_value_spin, "value-changed", G_CALLBACK (on_spin_value_changed_cb), self);
  g_signal_connect (self->budget_spin, "value-changed", G_CALLBACK (on_spin_value_changed_cb), self);
  g_signal_connect (self->coin_value_spin, "changed", G_CALLBACK (on_spin_text_changed_cb), self);
  g_signal_connect (self->budget_spin, "changed", G_CALLBACK (on_spin_text_changed_cb), self);

  pd_entry_row_name_parts (self->name_row);
  pd_entry_row_name_parts (self->title_row);
  _pd_details_page_watch_focus (self, GTK_WIDGET (self->name_row));
  _pd_details_page_watch_focus (self, GTK_WIDGET (self->title_row));
  _pd_details_page_watch_focus (self, GTK_WIDGET (self->intro_view));
  _pd_details_page_watch_focus (self, GTK_WIDGET (self->thank_you_view));
  _pd_details_page_watch_focus (self, GTK_WIDGET (self->coin_value_spin));
  _pd_details_page_watch_focus (self, GTK_WIDGET (self->budget_spin));

  /* The buffer of a text view keeps no history: the store's is the one. */
  gtk_text_buffer_set_enable_undo (gtk_text_view_get_buffer (self->intro_view), FALSE);
  gtk_text_buffer_set_enable_undo (gtk_text_view_get_buffer (self->thank_you_view), FALSE);

  /* The address shown depends on the account of the window it is in. */
  g_signal_connect (self, "notify::root", G_CALLBACK (queue_refresh_cb), NULL);

  gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
}
