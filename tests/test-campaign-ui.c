/* test-campaign-ui.c: the campaign list and the Details page, driven
 * through the real widgets of the running application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pd-details-page-private.h"
#include "pd-store-sync.h"
#include "pd-test-app.h"

static char *campaign_id;
/* The first day of the period the test picks, next month by the clock. */
static GDateTime *period_start;

static gboolean
campaign_has_name (gpointer data)
{
  gpointer *args = data;

  return g_strcmp0 (pd_campaign_get_name (args[0]), args[1]) == 0;
}

static void
wait_for_name (PdCampaign *campaign,
               const char *name)
{
  gpointer args[] = { campaign, (gpointer) name };

  g_assert_true (pd_test_wait_for (campaign_has_name, args, 3000));
}

static gboolean
editable_has_text (gpointer data)
{
  gpointer *args = data;

  return g_strcmp0 (gtk_editable_get_text (args[0]), args[1]) == 0;
}

/* The page follows the live campaign in an idle after undo and redo. */
static void
wait_for_text (GtkWidget  *editable,
               const char *text)
{
  gpointer args[] = { editable, (gpointer) text };

  pd_test_wait_for (editable_has_text, args, 3000);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (editable)), ==, text);
}

static void
type_into (GtkWidget  *editable,
           const char *text)
{
  gtk_widget_grab_focus (editable);
  gtk_editable_set_text (GTK_EDITABLE (editable), text);
}

/* @when's day, as a click on it in @button's calendar. */
static void
pick_day (PdDateTimeButton *button,
          GDateTime        *when)
{
  GtkCalendar *calendar = GTK_CALENDAR (gtk_widget_get_template_child (GTK_WIDGET (button),
                                                                       PD_TYPE_DATE_TIME_BUTTON,
                                                                       "calendar"));
  g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();
  g_autoptr(GDateTime) date = g_date_time_new (tz, g_date_time_get_year (when), g_date_time_get_month (when),
                                               g_date_time_get_day_of_month (when), 12, 0, 0);

  /* As a click on the day: the calendar emits day-selected. */
  gtk_calendar_select_day (calendar, date);
}

static void
check_create_and_edit (PdApplication *app,
                       PdWindow      *window)
{
  PdDetailsPage *details = PD_DETAILS_PAGE (window->details_page);
  PdUndoStack *undo = pd_store_get_undo_stack (window->store);
  PdCampaign *campaign;
  GDateTime *starts;
  g_autoptr(GDateTime) now = pd_now_utc ();
  g_autoptr(GDateTime) period_end = NULL;
  g_autoptr(GDateTime) before_start = NULL;

  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->sidebar_stack), ==, "empty");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->content_stack), ==, "empty");
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (details)) && window->campaign != NULL);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-campaign", NULL);
  pd_test_settle (100);
  campaign = window->campaign;
  g_assert_nonnull (campaign);
  g_assert_cmpuint (g_list_model_get_n_items (pd_store_get_campaigns (window->store)), ==, 1);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->sidebar_stack), ==, "list");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->content_stack), ==, "campaign");
  g_assert_cmpstr (pd_campaign_get_name (campaign), ==, "New Campaign");
  g_assert_cmpstr (pd_campaign_get_currency (campaign), ==, "EUR");
  g_assert_cmpint (pd_campaign_get_coin_value_micros (campaign), ==, 10000);
  /* LC_ALL=C in the tests: English is the default language. */
  g_assert_cmpstr (pd_campaign_get_default_language (campaign), ==, "en");
  starts = pd_campaign_get_starts_at (campaign);
  g_assert_cmpint (g_date_time_get_day_of_month (starts), ==, 1);
  /* The whole of next month, as the app's clock sees it. */
  g_assert_true (g_date_time_compare (starts, now) > 0);
  g_assert_cmpint (g_date_time_difference (starts, now), <=, 31 * G_TIME_SPAN_DAY);
  period_start = g_date_time_ref (starts);
  period_end = g_date_time_add_days (period_start, 23);
  before_start = g_date_time_add_days (period_start, -11);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (details)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (details->name_row)), ==, "New Campaign");
  campaign_id = g_strdup (pd_record_get_id (PD_RECORD (campaign)));

  /* Typing saves after a pause, as one step named after the field. */
  type_into (GTK_WIDGET (details->name_row), "Weihnachten für alle 2026");
  g_assert_cmpstr (pd_campaign_get_name (campaign), ==, "New Campaign");
  wait_for_name (campaign, "Weihnachten für alle 2026");
  g_assert_cmpstr (pd_undo_stack_get_undo_label (undo), ==, "Undo Rename Campaign");
  /* A narrow window shows the name where the page tabs were. */
  g_assert_cmpstr (adw_view_switcher_title_get_title (ADW_VIEW_SWITCHER_TITLE (window->view_switcher_title)),
                   ==, "Weihnachten für alle 2026");

  /* An invalid name is refused: the message is beside the field and the
   * user's input stays. */
  type_into (GTK_WIDGET (details->name_row), "");
  pd_details_page_flush (details);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (details->general_error)));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (details->name_row), "error"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (details->name_row)), ==, "");
  g_assert_cmpstr (pd_campaign_get_name (campaign), ==, "Weihnachten für alle 2026");
  type_into (GTK_WIDGET (details->name_row), "Weihnachten 2026");
  pd_details_page_flush (details);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (details->general_error)));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (details->name_row), "error"));
  g_assert_cmpstr (pd_campaign_get_name (campaign), ==, "Weihnachten 2026");

  /* The period, picked in the calendars: the 1st to the 24th of next
   * month, whatever day the test runs on. */
  pick_day (details->starts_button, period_start);
  pick_day (details->ends_button, period_end);
  g_assert_cmpint (g_date_time_get_month (pd_campaign_get_ends_at (campaign)), ==, g_date_time_get_month (period_end));
  g_assert_cmpint (g_date_time_get_day_of_month (pd_campaign_get_ends_at (campaign)), ==, 24);
  g_assert_cmpstr (pd_undo_stack_get_undo_label (undo), ==, "Undo Change Campaign Period");

  /* An end before the start is refused and explained. */
  pick_day (details->ends_button, before_start);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (details->period_error)));
  g_assert_cmpint (g_date_time_get_day_of_month (pd_campaign_get_ends_at (campaign)), ==, 24);
  pick_day (details->ends_button, period_end);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (details->period_error)));

  /* Budget in coins, with the money shown beside it. */
  gtk_spin_button_set_value (details->budget_spin, 250000);
  pd_details_page_flush (details);
  g_assert_cmpint (pd_campaign_get_voucher_budget_coins (campaign), ==, 250000);
  g_assert_cmpstr (adw_action_row_get_subtitle (details->budget_row), ==, "2500.00 EUR");

  /* Texts per language: German added beside the English default. */
  gtk_toggle_button_set_active (details->de_button, TRUE);
  type_into (GTK_WIDGET (details->title_row), "Spenden Sie mit uns");
  pd_details_page_flush (details);
  g_assert_nonnull (pd_campaign_get_text (campaign, "de"));
  g_assert_cmpstr (pd_campaign_text_get_title (pd_campaign_get_text (campaign, "de")), ==, "Spenden Sie mit uns");
  gtk_widget_activate_action (GTK_WIDGET (details), "details.add-question", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (pd_campaign_text_get_faq (pd_campaign_get_text (campaign, "de"))), ==, 1);

  /* Undo and redo through the window's actions (Ctrl+Z, Ctrl+Shift+Z). */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (pd_campaign_text_get_faq (pd_campaign_get_text (campaign, "de"))), ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  g_assert_cmpstr (pd_campaign_text_get_title (pd_campaign_get_text (campaign, "de")), ==, "");
  wait_for_text (GTK_WIDGET (details->title_row), "");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL);
  g_assert_cmpstr (pd_campaign_text_get_title (pd_campaign_get_text (campaign, "de")), ==, "Spenden Sie mit uns");
  wait_for_text (GTK_WIDGET (details->title_row), "Spenden Sie mit uns");

  /* The sidebar row follows the edits. */
  g_assert_true (pd_sync_indicator_get_pending_count (window->sync_indicator) > 0 ||
                 pd_sync_indicator_get_status (window->sync_indicator) == PD_SYNC_INDICATOR_LOCAL);

  pd_test_settle (300);
  pd_test_save_screenshot (GTK_WIDGET (window), "campaign-edited");
}

static void
test_create_and_edit (void)
{
  g_autoptr(PdStore) store = NULL;
  g_autoptr(PdCampaign) campaign = NULL;

  pd_test_app_reset_workspace ();
  pd_test_app_run (FALSE, check_create_and_edit);

  /* What the widgets wrote is in the file. */
  store = pd_test_app_reopen_store ();
  campaign = pd_store_get_campaign (store, campaign_id);
  g_assert_nonnull (campaign);
  g_assert_cmpstr (pd_campaign_get_name (campaign), ==, "Weihnachten 2026");
  g_assert_cmpint (g_date_time_get_day_of_month (pd_campaign_get_ends_at (campaign)), ==, 24);
  g_assert_true (g_date_time_equal (pd_campaign_get_starts_at (campaign), period_start));
  g_assert_cmpint (g_date_time_get_day_of_month (pd_campaign_get_starts_at (campaign)), ==, 1);
  g_assert_cmpint (pd_campaign_get_voucher_budget_coins (campaign), ==, 250000);
  g_assert_cmpstr (pd_campaign_text_get_title (pd_campaign_get_text (campaign, "de")), ==, "Spenden Sie mit uns");
  g_clear_pointer (&campaign_id, g_free);
  g_clear_pointer (&period_start, g_date_time_unref);
}

static gboolean
model_has_count (gpointer data)
{
  gpointer *args = data;

  return g_list_model_get_n_items (args[0]) == GPOINTER_TO_UINT (args[1]);
}

/* The search entry waits a moment after typing before it searches. */
static void
wait_for_count (GListModel *model,
                guint       n)
{
  gpointer args[] = { model, GUINT_TO_POINTER (n) };

  pd_test_wait_for (model_has_count, args, 3000);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n);
}

static void
check_delete_and_undo (PdApplication *app,
                       PdWindow      *window)
{
  GListModel *campaigns = pd_store_get_campaigns (window->store);
  g_autofree char *id = NULL;
  g_autofree char *copy_id = NULL;
  PdCampaign *campaign;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-campaign", NULL);
  campaign = window->campaign;
  g_assert_nonnull (campaign);
  id = g_strdup (pd_record_get_id (PD_RECORD (campaign)));

  /* Duplicate: a new id, the same texts, a draft named as a copy. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.duplicate-campaign", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (campaigns), ==, 2);
  g_assert_true (window->campaign != campaign);
  g_assert_cmpstr (pd_campaign_get_name (window->campaign), ==, "New Campaign (Copy)");
  copy_id = g_strdup (pd_record_get_id (PD_RECORD (window->campaign)));
  g_assert_cmpstr (copy_id, !=, id);

  /* Search narrows the list; nothing matches shows its own state. */
  gtk_editable_set_text (GTK_EDITABLE (window->search_entry), "copy");
  wait_for_count (G_LIST_MODEL (window->sort_model), 1);
  gtk_editable_set_text (GTK_EDITABLE (window->search_entry), "zzz");
  wait_for_count (G_LIST_MODEL (window->sort_model), 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->sidebar_stack), ==, "no-results");
  gtk_editable_set_text (GTK_EDITABLE (window->search_entry), "");
  wait_for_count (G_LIST_MODEL (window->sort_model), 2);

  /* Delete, then Undo from the toast's action. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-campaign", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (campaigns), ==, 1);
  g_assert_null (window->campaign);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->content_stack), ==, "empty");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (campaigns), ==, 2);

  /* Delete the other one for good. */
  {
    g_autoptr(PdCampaign) original = pd_store_get_campaign (window->store, id);

    pd_window_select_campaign (window, original);
    g_assert_true (window->campaign == original);
    gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-campaign", NULL);
  }
  g_assert_cmpuint (g_list_model_get_n_items (campaigns), ==, 1);
  campaign_id = g_steal_pointer (&copy_id);
}

static void
test_delete_and_undo (void)
{
  g_autoptr(PdStore) store = NULL;
  g_autoptr(PdCampaign) copy = NULL;

  pd_test_app_reset_workspace ();
  pd_test_app_run (FALSE, check_delete_and_undo);

  store = pd_test_app_reopen_store ();
  g_assert_cmpuint (g_list_model_get_n_items (pd_store_get_campaigns (store)), ==, 1);
  copy = pd_store_get_campaign (store, campaign_id);
  g_assert_nonnull (copy);
  g_assert_cmpstr (pd_campaign_get_name (copy), ==, "New Campaign (Copy)");
  g_clear_pointer (&campaign_id, g_free);
}

static gboolean
indicator_has_pending (gpointer data)
{
  return pd_sync_indicator_get_pending_count (data) >= 1;
}

static void
check_sync_states (PdApplication *app,
                   PdWindow      *window)
{
  g_autofree char *details = NULL;
  guint pending = 0;

  g_assert_cmpint (pd_sync_indicator_get_status (window->sync_indicator), ==, PD_SYNC_INDICATOR_LOCAL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-campaign", NULL);
  g_assert_true (pd_test_wait_for (indicator_has_pending, window->sync_indicator, 3000));
  g_assert_nonnull (strstr (pd_sync_indicator_get_summary (window->sync_indicator), "saved on this computer"));

  /* With an account the same outbox reads as pending, or offline. */
  g_assert_cmpint (_pd_window_compute_sync_status (window->store, TRUE, TRUE, &pending, &details),
                   ==, PD_SYNC_INDICATOR_PENDING);
  g_assert_cmpuint (pending, >=, 1);
  g_assert_cmpint (_pd_window_compute_sync_status (window->store, TRUE, FALSE, &pending, &details),
                   ==, PD_SYNC_INDICATOR_OFFLINE);
  pd_sync_indicator_set_state (window->sync_indicator, PD_SYNC_INDICATOR_PENDING, 3, NULL);
  g_assert_cmpstr (pd_sync_indicator_get_summary (window->sync_indicator), ==, "3 changes waiting");
  pd_sync_indicator_set_state (window->sync_indicator, PD_SYNC_INDICATOR_ERROR, 1, "Rejected");
  g_assert_cmpstr (pd_sync_indicator_get_details (window->sync_indicator), ==, "Rejected");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (window->sync_indicator), "error"));
}

static void
test_sync_states (void)
{
  pd_test_app_reset_workspace ();
  pd_test_app_run (FALSE, check_sync_states);
}

/* Another change to the record lands while the user types, as a sync
 * or an edit in another window would: through the store, outside the
 * page. It renames the campaign too, and returns once the page shows the
 * new name, so the page has refreshed. */
static void
land_change (PdDetailsPage *details,
             PdStore       *store,
             PdCampaign    *campaign,
             const char    *name,
             gint64         budget)
{
  g_autoptr(PdCampaign) copy = PD_CAMPAIGN (pd_record_copy (PD_RECORD (campaign)));
  g_autoptr(GError) error = NULL;

  pd_campaign_set_name (copy, name);
  if (budget >= 0)
    pd_campaign_set_voucher_budget_coins (copy, budget);
  g_assert_true (pd_store_save (store, PD_RECORD (copy), "Change Elsewhere", &error));
  g_assert_no_error (error);
  wait_for_text (GTK_WIDGET (details->name_row), name);
}

static void
check_typing_survives_refresh (PdApplication *app,
                               PdWindow      *window)
{
  PdDetailsPage *details = PD_DETAILS_PAGE (window->details_page);
  GtkEditable *budget_text = GTK_EDITABLE (details->budget_spin);
  GtkTextBuffer *intro = gtk_text_view_get_buffer (details->intro_view);
  PdCampaign *campaign;
  g_autofree char *intro_text = NULL;
  GtkTextIter start, end;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-campaign", NULL);
  pd_test_settle (100);
  campaign = window->campaign;
  g_assert_nonnull (campaign);

  /* Half a number typed into the budget: the spin button has not parsed
   * it yet. A change to the name lands: the name follows, the digits stay. */
  gtk_widget_grab_focus (GTK_WIDGET (details->budget_spin));
  gtk_editable_set_text (budget_text, "22");
  land_change (details, window->store, campaign, "Renamed Elsewhere", -1);
  g_assert_cmpstr (gtk_editable_get_text (budget_text), ==, "22");

  /* The same field changes elsewhere, mid-typing: still the user's digits. */
  land_change (details, window->store, campaign, "Renamed, Budget Too", 3000000);
  g_assert_cmpstr (gtk_editable_get_text (budget_text), ==, "22");
  gtk_editable_set_text (budget_text, "2200000");
  land_change (details, window->store, campaign, "Renamed Again", -1);
  g_assert_cmpstr (gtk_editable_get_text (budget_text), ==, "2200000");

  /* Enter (which parses the text) commits what was typed, and only that. */
  gtk_spin_button_update (details->budget_spin);
  pd_details_page_flush (details);
  g_assert_cmpint (pd_campaign_get_voucher_budget_coins (window->campaign), ==, 2200000);
  g_assert_cmpstr (pd_campaign_get_name (window->campaign), ==, "Renamed Again");

  /* With nothing typed, a change that lands shows at once, focus or not
   * (so Undo shows too). */
  land_change (details, window->store, window->campaign, "Fourth Name", 4000000);
  g_assert_cmpstr (gtk_editable_get_text (budget_text), ==, "4000000");
  g_assert_cmpint (pd_campaign_get_voucher_budget_coins (window->campaign), ==, 4000000);
  gtk_widget_grab_focus (GTK_WIDGET (details->title_row));

  /* A text view being typed into keeps its text too. */
  gtk_widget_grab_focus (GTK_WIDGET (details->intro_view));
  gtk_text_buffer_set_text (intro, "Liebe Kundinnen", -1);
  land_change (details, window->store, window->campaign, "Third Name", -1);
  gtk_text_buffer_get_bounds (intro, &start, &end);
  intro_text = gtk_text_buffer_get_text (intro, &start, &end, FALSE);
  g_assert_cmpstr (intro_text, ==, "Liebe Kundinnen");
  pd_details_page_flush (details);
  g_assert_cmpstr (pd_campaign_text_get_intro (pd_campaign_get_text (window->campaign, "en")), ==, "Liebe Kundinnen");
  g_assert_cmpstr (pd_campaign_get_name (window->campaign), ==, "Third Name");

  /* A drop-down (saved at once) and a date picker (saved after a pause)
   * just chosen: a landing change leaves both choices. */
  {
    g_autoptr(GDateTime) new_end = g_date_time_add_days (pd_campaign_get_ends_at (window->campaign), 3);
    guint currency = adw_combo_row_get_selected (details->currency_row) == 0 ? 1 : 0;
    const char *currency_name;

    adw_combo_row_set_selected (details->currency_row, currency);
    currency_name = gtk_string_object_get_string (adw_combo_row_get_selected_item (details->currency_row));
    pick_day (details->ends_button, new_end);
    land_change (details, window->store, window->campaign, "Fifth Name", -1);
    g_assert_cmpuint (adw_combo_row_get_selected (details->currency_row), ==, currency);
    g_assert_cmpint (g_date_time_get_day_of_month (pd_date_time_button_get_date_time (details->ends_button)),
                     ==, g_date_time_get_day_of_month (new_end));
    pd_details_page_flush (details);
    g_assert_cmpstr (pd_campaign_get_currency (window->campaign), ==, currency_name);
    g_assert_cmpint (g_date_time_get_day_of_month (pd_campaign_get_ends_at (window->campaign)),
                     ==, g_date_time_get_day_of_month (new_end));
    g_assert_cmpstr (pd_campaign_get_name (window->campaign), ==, "Fifth Name");
  }
}

static void
test_typing_survives_refresh (void)
{
  pd_test_app_reset_workspace ();
  pd_test_app_run (FALSE, check_typing_survives_refresh);
}

static gboolean
subtitle_has (gpointer data)
{
  gpointer *args = data;
  const char *subtitle = adw_action_row_get_subtitle (args[0]);

  return subtitle != NULL && strstr (subtitle, args[1]) != NULL;
}

/* The address row shows @text, after the idle refresh that follows a save. */
static void
wait_for_address (PdDetailsPage *details,
                  const char    *text)
{
  gpointer args[] = { details->address_row, (gpointer) text };

  pd_test_wait_for (subtitle_has, args, 3000);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (details->address_row), text));
}

/* A change that comes from elsewhere, as a pull from the platform would
 * bring it: the campaign's status. */
static void
land_status (PdStore          *store,
             PdCampaign       *campaign,
             PdCampaignStatus  status)
{
  g_autoptr(PdCampaign) copy = PD_CAMPAIGN (pd_record_copy (PD_RECORD (campaign)));
  g_autoptr(GError) error = NULL;

  pd_campaign_set_status (copy, status);
  g_assert_true (pd_store_save (store, PD_RECORD (copy), NULL, &error));
  g_assert_no_error (error);
  pd_test_settle (50);
}

/* The platform takes every waiting change, as a push would. */
static void
accept_outbox (PdStore *store)
{
  g_autoptr(GPtrArray) ops = pd_store_list_outbox (store, TRUE, NULL);

  for (guint i = 0; ops != NULL && i < ops->len; i++)
    {
      PdOutboxOp *op = g_ptr_array_index (ops, i);
      g_autoptr(PdOutboxOp) sent = NULL;
      g_autoptr(GError) error = NULL;

      sent = pd_store_mark_inflight (store, op->op_id, &error);
      g_assert_no_error (error);
      g_assert_true (pd_store_apply_push_result (store, op->op_id, 1, NULL, &error));
      g_assert_no_error (error);
    }
  g_assert_cmpuint (pd_store_count_outbox (store), ==, 0);
}

static AdwMessageDialog *
find_message_dialog (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

/* As a click on a button of @dialog: the response, then the dialog closes. */
static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_close (GTK_WINDOW (dialog));
  pd_test_settle (200);
}

static void
check_web_address (PdApplication *app,
                   PdWindow      *window)
{
  PdDetailsPage *details = PD_DETAILS_PAGE (window->details_page);
  PdUndoStack *undo = pd_store_get_undo_stack (window->store);
  g_autoptr(PdVoucherBatch) batch = NULL;
  g_autoptr(GDateTime) now = pd_now_utc ();
  g_autoptr(GDateTime) expires = g_date_time_add_days (now, 400);
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *extra, *entry, *check;
  PdCampaign *campaign;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-campaign", NULL);
  pd_test_settle (100);
  campaign = window->campaign;
  g_assert_nonnull (campaign);

  /* A draft: the address follows the name, key by key, and is saved with it. */
  wait_for_address (details, "/new-campaign\nFollows the name");
  type_into (GTK_WIDGET (details->name_row), "Sommerfest 2027");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (details->address_row), "/sommerfest-2027\n"));
  pd_details_page_flush (details);
  g_assert_cmpstr (pd_campaign_get_slug (campaign), ==, "sommerfest-2027");
  pd_test_settle (300);
  pd_test_save_screenshot (GTK_WIDGET (window), "details-web-address-draft");

  /* Published (as a pull brings it): a rename leaves the address alone. */
  land_status (window->store, campaign, PD_CAMPAIGN_STATUS_LIVE);
  wait_for_address (details, "Stays the same when the campaign is renamed");
  type_into (GTK_WIDGET (details->name_row), "Sommerfest 2027 verlängert");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (details->address_row), "/sommerfest-2027\n"));
  pd_details_page_flush (details);
  g_assert_cmpstr (pd_campaign_get_name (campaign), ==, "Sommerfest 2027 verlängert");
  g_assert_cmpstr (pd_campaign_get_slug (campaign), ==, "sommerfest-2027");

  /* By hand, only after saying that printed vouchers stop working. */
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (details->address_button)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (details), "details.change-address", NULL));
  pd_test_settle (200);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "stop working"));
  extra = adw_message_dialog_get_extra_child (dialog);
  entry = gtk_widget_get_first_child (extra);
  check = gtk_widget_get_last_child (extra);
  g_assert_true (GTK_IS_ENTRY (entry));
  g_assert_true (GTK_IS_CHECK_BUTTON (check));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "sommerfest-2027");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "change"));
  gtk_editable_set_text (GTK_EDITABLE (entry), "Sommerfest Süd");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "change"));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "change"));
  pd_test_settle (300);
  pd_test_save_screenshot (GTK_WIDGET (dialog), "details-change-web-address");
  respond (dialog, "change");
  g_assert_cmpstr (pd_campaign_get_slug (campaign), ==, "sommerfest-sud");
  g_assert_cmpstr (pd_undo_stack_get_undo_label (undo), ==, "Undo Change Web Address");
  wait_for_address (details, "/sommerfest-sud\n");

  /* Cancel changes nothing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (details), "details.change-address", NULL));
  pd_test_settle (100);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_first_child (adw_message_dialog_get_extra_child (dialog))),
                         "anders");
  respond (dialog, "cancel");
  g_assert_cmpstr (pd_campaign_get_slug (campaign), ==, "sommerfest-sud");

  /* The platform has the campaign with this address. An address changed
   * here meets vouchers issued elsewhere (the platform refuses it): only
   * going back to the address on the vouchers is left. */
  accept_outbox (window->store);
  {
    g_autoptr(PdCampaign) copy = PD_CAMPAIGN (pd_record_copy (PD_RECORD (campaign)));

    pd_campaign_set_slug (copy, "sommerfest-neu");
    g_assert_true (pd_store_save (window->store, PD_RECORD (copy), NULL, &error));
    g_assert_no_error (error);
  }
  batch = pd_voucher_batch_new (pd_record_get_id (PD_RECORD (campaign)));
  pd_voucher_batch_set_label (batch, "Filialen");
  pd_voucher_batch_set_count (batch, 100);
  pd_voucher_batch_set_coins_per_voucher (batch, 50);
  pd_voucher_batch_set_expires_at (batch, expires);
  g_assert_true (pd_store_save (window->store, PD_RECORD (batch), NULL, &error));
  g_assert_no_error (error);
  wait_for_address (details, "Not sent: the vouchers of this campaign carry the earlier address");
  g_assert_cmpstr (gtk_button_get_label (details->address_button), ==, "_Restore");
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (details->address_button)));
  pd_test_save_screenshot (GTK_WIDGET (details), "details-web-address-restore");
  gtk_widget_activate_action (GTK_WIDGET (details), "details.change-address", NULL);
  g_assert_cmpstr (pd_campaign_get_slug (campaign), ==, "sommerfest-sud");
  g_assert_cmpstr (pd_undo_stack_get_undo_label (undo), ==, "Undo Restore Web Address");

  /* Vouchers carry it: fixed, even for a draft again (unpublished). */
  land_status (window->store, campaign, PD_CAMPAIGN_STATUS_DRAFT);
  wait_for_address (details, "Fixed: the vouchers of this campaign carry it");
  g_assert_cmpstr (gtk_button_get_label (details->address_button), ==, "_Change…");
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (details->address_button)));
  gtk_widget_activate_action (GTK_WIDGET (details), "details.change-address", NULL);
  pd_test_settle (100);
  g_assert_null (find_message_dialog ());
  type_into (GTK_WIDGET (details->name_row), "Herbstfest 2027");
  pd_details_page_flush (details);
  g_assert_cmpstr (pd_campaign_get_name (campaign), ==, "Herbstfest 2027");
  g_assert_cmpstr (pd_campaign_get_slug (campaign), ==, "sommerfest-sud");
  pd_test_settle (300);
  pd_test_save_screenshot (GTK_WIDGET (window), "details-web-address-vouchers");
}

static void
test_web_address (void)
{
  pd_test_app_reset_workspace ();
  pd_test_app_run (FALSE, check_web_address);
}

int
main (int   argc,
      char *argv[])
{
  pd_test_app_init ();
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/campaign-ui/create-and-edit", test_create_and_edit);
  g_test_add_func ("/campaign-ui/delete-and-undo", test_delete_and_undo);
  g_test_add_func ("/campaign-ui/sync-states", test_sync_states);
  g_test_add_func ("/campaign-ui/typing-survives-refresh", test_typing_survives_refresh);
  g_test_add_func ("/campaign-ui/web-address", test_web_address);

  return g_test_run ();
}
