/* pd-voucher-batch-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-voucher-batch-row"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-money-format.h"
#include "pd-ui-utils.h"
#include "pd-voucher-batch-row.h"

struct _PdVoucherBatchRow
{
  AdwActionRow    parent_instance;

  PdVoucherBatch *batch;
  PdCampaign     *campaign;
  PdStore        *store;
  GtkWidget      *csv_button;
  GtkWidget      *pdf_button;
};

G_DEFINE_FINAL_TYPE (PdVoucherBatchRow, pd_voucher_batch_row, ADW_TYPE_ACTION_ROW)

/* A count with the locale's digit grouping, "12,500". */
static char *
format_count (gint64 n)
{
  return g_strdup_printf ("%'" G_GINT64_FORMAT, n);
}

static const char *
sync_state_text (PdSyncState state)
{
  switch (state)
    {
    case PD_SYNC_STATE_SYNCED:
      return _("Uploaded");
    case PD_SYNC_STATE_CREATED:
    case PD_SYNC_STATE_MODIFIED:
      return _("Not yet uploaded");
    case PD_SYNC_STATE_DELETED:
      return _("Being deleted");
    case PD_SYNC_STATE_CONFLICT:
      return _("Conflict");
    default:
      return "";
    }
}

/* What became of the codes: still uploading, then what donors and the
 * platform did with them. NULL when there is nothing to say. */
static char *
codes_text (PdVoucherBatchRow *self,
            const char        *state)
{
  PdVoucherCodeCounts counts;
  gint64 count = pd_voucher_batch_get_count (self->batch);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (self->store == NULL)
    return *state != '\0' ? g_strdup (state) : NULL;

  pd_store_get_voucher_code_counts (self->store, pd_record_get_id (PD_RECORD (self->batch)), &counts);
  if (counts.waiting > 0 && pd_record_get_sync_state (PD_RECORD (self->batch)) == PD_SYNC_STATE_SYNCED)
    {
      g_autofree char *done = format_count (MAX (count - counts.waiting, 0));
      g_autofree char *all = format_count (count);

      /* Translators: codes of a batch the platform has so far, "5,000 of 12,000 codes uploaded" */
      g_ptr_array_add (parts, g_strdup_printf (_("%s of %s codes uploaded"), done, all));
    }
  else if (*state != '\0')
    g_ptr_array_add (parts, g_strdup (state));
  if (counts.redeemed > 0)
    {
      g_autofree char *n = format_count (counts.redeemed);

      /* Translators: vouchers of a batch that donors redeemed, "40 redeemed" */
      g_ptr_array_add (parts, g_strdup_printf (_("%s redeemed"), n));
    }
  if (counts.expired > 0)
    {
      g_autofree char *n = format_count (counts.expired);

      /* Translators: vouchers of a batch that expired unused, "25 expired" */
      g_ptr_array_add (parts, g_strdup_printf (_("%s expired"), n));
    }
  if (parts->len == 0)
    return NULL;
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

static void
update (PdVoucherBatchRow *self)
{
  gint64 count = pd_voucher_batch_get_count (self->batch);
  gint64 coins = pd_voucher_batch_get_coins_per_voucher (self->batch);
  GDateTime *expires_at = pd_voucher_batch_get_expires_at (self->batch);
  gint64 total_coins;
  /* A batch from the platform has not been through our validation. */
  g_autofree char *money = __builtin_mul_overflow (count, coins, &total_coins)
                           ? pd_money_format_too_large ()
                           : pd_format_money (total_coins,
                                              pd_campaign_get_coin_value_micros (self->campaign),
                                              pd_campaign_get_currency (self->campaign));
  g_autofree char *date = expires_at != NULL ? g_date_time_format (expires_at, "%x") : g_strdup ("—");
  g_autofree char *amounts = NULL;
  g_autofree char *count_text = format_count (count);
  g_autofree char *coins_text = format_count (coins);
  g_autofree char *subtitle = NULL;
  g_autofree char *csv_name = NULL;
  g_autofree char *pdf_name = NULL;
  g_autofree char *codes = NULL;
  const char *label = pd_voucher_batch_get_label (self->batch);
  const char *state = sync_state_text (pd_record_get_sync_state (PD_RECORD (self->batch)));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), label);
  /* Translators: "100 vouchers of 500 coins" */
  amounts = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%s voucher of %s coins",
                                          "%s vouchers of %s coins",
                                          (gulong) count),
                             count_text, coins_text);
  /* Translators: vouchers and coins, their total value, the expiry date */
  subtitle = g_strdup_printf (_("%s · %s · expires %s"), amounts, money, date);
  codes = codes_text (self, state);
  if (codes != NULL)
    {
      char *with_state = g_strconcat (subtitle, " · ", codes, NULL);

      g_free (subtitle);
      subtitle = with_state;
    }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);

  /* Translators: accessible name of a button; %s is the batch's label */
  csv_name = g_strdup_printf (_("Export “%s” as CSV"), label);
  /* Translators: accessible name of a button; %s is the batch's label */
  pdf_name = g_strdup_printf (_("Export “%s” as printable cards"), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->csv_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, csv_name, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->pdf_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, pdf_name, -1);
}

static void
pd_voucher_batch_row_dispose (GObject *object)
{
  PdVoucherBatchRow *self = PD_VOUCHER_BATCH_ROW (object);

  g_clear_object (&self->batch);
  g_clear_object (&self->campaign);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (pd_voucher_batch_row_parent_class)->dispose (object);
}

static void
pd_voucher_batch_row_class_init (PdVoucherBatchRowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = pd_voucher_batch_row_dispose;
}

static GtkWidget *
make_button (const char *icon_name,
             const char *tooltip,
             const char *action_name,
             const char *batch_id)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", batch_id);
  gtk_widget_add_css_class (button, "flat");

  return button;
}

static void
pd_voucher_batch_row_init (PdVoucherBatchRow *self)
{
  /* The label is the user's text: "a & <b>" is shown as typed. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);
}

GtkWidget *
pd_voucher_batch_row_new (PdVoucherBatch *batch,
                          PdCampaign     *campaign,
                          PdStore        *store)
{
  PdVoucherBatchRow *self;
  const char *id;

  g_return_val_if_fail (PD_IS_VOUCHER_BATCH (batch), NULL);
  g_return_val_if_fail (PD_IS_CAMPAIGN (campaign), NULL);
  g_return_val_if_fail (store == NULL || PD_IS_STORE (store), NULL);

  self = g_object_new (PD_TYPE_VOUCHER_BATCH_ROW, NULL);
  self->batch = g_object_ref (batch);
  self->campaign = g_object_ref (campaign);
  self->store = store != NULL ? g_object_ref (store) : NULL;
  id = pd_record_get_id (PD_RECORD (batch));

  self->csv_button = make_button ("x-office-spreadsheet-symbolic",
                                  _("Export the codes as a spreadsheet (CSV)"),
                                  "vouchers.export-csv", id);
  self->pdf_button = make_button ("printer-symbolic",
                                  _("Export printable cards with QR codes (PDF)"),
                                  "vouchers.export-pdf", id);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), self->csv_button);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), self->pdf_button);

  g_signal_connect_object (batch, "notify", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  if (store != NULL)
    {
      /* Chunks confirmed, and statuses pulled from the change feed. */
      g_signal_connect_object (store, "outbox-changed", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (store, "voucher-codes-changed", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
    }
  update (self);

  return GTK_WIDGET (self);
}

PdVoucherBatch *
pd_voucher_batch_row_get_batch (PdVoucherBatchRow *self)
{
  g_return_val_if_fail (PD_IS_VOUCHER_BATCH_ROW (self), NULL);

  return self->batch;
}
