/* pd-voucher-issue.c
 *
 * Issuing a batch: the rules are checked and the tenant's codes collected
 * on the main loop (the store lives there), the codes are drawn in the
 * generator's thread, and only then — if nothing was cancelled — the
 * batch record and all its codes are written as one store action: one
 * transaction. A cancelled or failed issue therefore leaves no batch and
 * no code behind.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-voucher-issue"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pd-voucher-issue.h"
#include "pd-voucher-rules.h"

/* Codes are read from the store this many at a time. */
#define PAGE 50000

/**
 * pd_voucher_issue_remaining_budget:
 * @except: (nullable): a batch not to count (the one being issued)
 *
 * Returns: the campaign's budget minus the coins of its batches
 */
gint64
pd_voucher_issue_remaining_budget (PdStore        *store,
                                   PdCampaign     *campaign,
                                   PdVoucherBatch *except)
{
  GListModel *batches;
  g_autoptr(GArray) counts = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) coins = g_array_new (FALSE, FALSE, sizeof (gint64));
  const char *campaign_id;

  g_return_val_if_fail (PD_IS_STORE (store), 0);
  g_return_val_if_fail (PD_IS_CAMPAIGN (campaign), 0);

  campaign_id = pd_record_get_id (PD_RECORD (campaign));
  batches = pd_store_get_voucher_batches (store);
  for (guint i = 0; i < g_list_model_get_n_items (batches); i++)
    {
      g_autoptr(PdVoucherBatch) batch = g_list_model_get_item (batches, i);
      gint64 count;
      gint64 per;

      if (g_strcmp0 (pd_voucher_batch_get_campaign_id (batch), campaign_id) != 0
          || (except != NULL && g_strcmp0 (pd_record_get_id (PD_RECORD (batch)),
                                           pd_record_get_id (PD_RECORD (except))) == 0))
        continue;
      count = pd_voucher_batch_get_count (batch);
      per = pd_voucher_batch_get_coins_per_voucher (batch);
      g_array_append_val (counts, count);
      g_array_append_val (coins, per);
    }

  return pd_voucher_rules_remaining_budget (pd_campaign_get_voucher_budget_coins (campaign),
                                            (const gint64 *) (gpointer) counts->data,
                                            (const gint64 *) (gpointer) coins->data,
                                            counts->len);
}

/* Every code already in the workspace (the tenant's), as values. Codes
 * that are not in our format cannot equal one of ours, so they are
 * skipped. */
static GArray *
collect_existing (PdStore  *store,
                  GError  **error)
{
  GListModel *batches = pd_store_get_voucher_batches (store);
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (PdVoucherCodeValue));

  for (guint i = 0; i < g_list_model_get_n_items (batches); i++)
    {
      g_autoptr(PdVoucherBatch) batch = g_list_model_get_item (batches, i);
      const char *batch_id = pd_record_get_id (PD_RECORD (batch));

      for (gint64 offset = 0;; offset += PAGE)
        {
          g_auto(GStrv) codes = pd_store_list_voucher_codes (store, batch_id, offset, PAGE, error);
          guint n;

          if (codes == NULL)
            return NULL;
          n = g_strv_length (codes);
          for (guint k = 0; k < n; k++)
            {
              PdVoucherCodeValue value;

              if (pd_voucher_code_parse (codes[k], &value, NULL))
                g_array_append_val (values, value);
            }
          if (n < PAGE)
            break;
        }
    }
  return g_steal_pointer (&values);
}

/**
 * pd_voucher_issue_prepare:
 * @batch: a batch not yet issued, with count, coins, expiry and label set
 * @early_expiry_confirmed: the user agreed to an expiry before the
 *   campaign's end
 * @now: (nullable): the current time; %NULL for the clock's
 *
 * Checks the batch against its campaign's budget and dates, and makes a
 * generator that avoids every code in the workspace. Bind a progress bar
 * to its "fraction", then call pd_voucher_issue_async().
 *
 * Returns: (transfer full) (nullable): the generator, or %NULL with
 *   @error (%PD_VOUCHER_RULES_ERROR for a rule the batch breaks)
 */
PdVoucherGenerator *
pd_voucher_issue_prepare (PdStore         *store,
                          PdVoucherBatch  *batch,
                          gboolean         early_expiry_confirmed,
                          GDateTime       *now,
                          GError         **error)
{
  g_autoptr(PdCampaign) campaign = NULL;
  g_autoptr(GArray) existing = NULL;
  PdVoucherGenerator *generator;

  g_return_val_if_fail (PD_IS_STORE (store), NULL);
  g_return_val_if_fail (PD_IS_VOUCHER_BATCH (batch), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  campaign = pd_store_get_campaign (store, pd_voucher_batch_get_campaign_id (batch));
  if (campaign == NULL)
    {
      g_set_error_literal (error, PD_STORE_ERROR, PD_STORE_ERROR_NOT_FOUND,
                           _("The campaign of this voucher batch does not exist."));
      return NULL;
    }
  if (!pd_voucher_rules_check_batch (pd_voucher_batch_get_count (batch) < 0 ? 0 : (guint64) pd_voucher_batch_get_count (batch),
                                     pd_voucher_batch_get_coins_per_voucher (batch),
                                     pd_voucher_issue_remaining_budget (store, campaign, batch),
                                     pd_voucher_batch_get_expires_at (batch),
                                     pd_campaign_get_ends_at (campaign),
                                     now, early_expiry_confirmed, error))
    return NULL;

  existing = collect_existing (store, error);
  if (existing == NULL)
    return NULL;

  generator = pd_voucher_generator_new ((guint) pd_voucher_batch_get_count (batch));
  pd_voucher_generator_set_existing (generator, existing);
  return generator;
}

/**
 * pd_voucher_issue_format_codes:
 * @codes: a #GArray of #PdVoucherCodeValue
 *
 * Returns: (transfer full): the written codes, %NULL-terminated, in one
 *   allocation with their pointers (free with g_free(), not g_strfreev())
 */
char **
pd_voucher_issue_format_codes (GArray *codes)
{
  gsize stride = PD_VOUCHER_CODE_LENGTH + 1;
  gsize pointers = (codes->len + 1) * sizeof (char *);
  char **strv;
  char *text;

  g_return_val_if_fail (codes != NULL, NULL);

  /* One block for a million codes instead of a million small ones. */
  strv = g_malloc (pointers + codes->len * stride);
  text = (char *) strv + pointers;
  for (guint i = 0; i < codes->len; i++)
    {
      strv[i] = text + i * stride;
      pd_voucher_code_format (&g_array_index (codes, PdVoucherCodeValue, i), strv[i]);
    }
  strv[codes->len] = NULL;
  return strv;
}

typedef struct {
  PdStore        *store;
  PdVoucherBatch *batch;
} IssueData;

static void
issue_data_free (IssueData *data)
{
  g_clear_object (&data->store);
  g_clear_object (&data->batch);
  g_free (data);
}

static void
on_generated_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  IssueData *data = g_task_get_task_data (task);
  g_autoptr(GArray) codes = NULL;
  g_autofree char **strv = NULL;
  GError *error = NULL;

  codes = pd_voucher_generator_generate_finish (PD_VOUCHER_GENERATOR (object), result, &error);
  if (codes == NULL || g_task_return_error_if_cancelled (task))
    {
      if (error != NULL)
        g_task_return_error (task, error);
      return;
    }

  strv = pd_voucher_issue_format_codes (codes);
  /* No undo step: undo would delete the batch, and redo could not bring
   * its codes back (they are not part of the record). */
  pd_store_begin_action (data->store, NULL);
  if (!pd_store_save (data->store, PD_RECORD (data->batch), NULL, &error)
      || !pd_store_add_voucher_codes (data->store, pd_record_get_id (PD_RECORD (data->batch)),
                                      (const char * const *) strv, &error))
    {
      pd_store_end_action (data->store, FALSE, NULL);
      g_task_return_error (task, error);
      return;
    }
  if (!pd_store_end_action (data->store, TRUE, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&codes), (GDestroyNotify) g_array_unref);
}

/**
 * pd_voucher_issue_async:
 * @generator: from pd_voucher_issue_prepare() for @batch
 *
 * Draws the codes and stores @batch with them in one transaction.
 */
void
pd_voucher_issue_async (PdStore             *store,
                        PdVoucherBatch      *batch,
                        PdVoucherGenerator  *generator,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  IssueData *data;

  g_return_if_fail (PD_IS_STORE (store));
  g_return_if_fail (PD_IS_VOUCHER_BATCH (batch));
  g_return_if_fail (PD_IS_VOUCHER_GENERATOR (generator));

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, pd_voucher_issue_async);
  g_task_set_check_cancellable (task, TRUE);
  data = g_new0 (IssueData, 1);
  data->store = g_object_ref (store);
  data->batch = g_object_ref (batch);
  g_task_set_task_data (task, data, (GDestroyNotify) issue_data_free);

  pd_voucher_generator_generate_async (generator, cancellable, on_generated_cb, g_steal_pointer (&task));
}

/**
 * pd_voucher_issue_finish:
 *
 * Returns: (transfer full): the batch's codes (a #GArray of
 *   #PdVoucherCodeValue, ascending), or %NULL with @error
 */
GArray *
pd_voucher_issue_finish (PdStore       *store,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
