/* pd-results-export.c
 *
 * Results for spreadsheets: one CSV file with four tables one after the
 * other (summary, projects, timeline, payouts), each with its own header
 * row and a blank line between, the way finance teams paste them. Column
 * names are fixed English keys so formulas survive a change of language;
 * amounts are plain decimals with a dot.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-results-export"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pd-export-file.h"
#include "pd-money-format.h"
#include "pd-percent-format.h"
#include "pd-results-export-private.h"
#include "pd-voucher-rules.h"

G_DEFINE_FINAL_TYPE (PdResultsExport, pd_results_export, G_TYPE_OBJECT)

typedef gboolean (*WriteFunc) (PdResultsExport  *self,
                               GFile            *file,
                               GCancellable     *cancellable,
                               GError          **error);

static void
put_field (FILE       *stream,
           const char *value)
{
  if (value == NULL)
    return;
  if (strpbrk (value, ",\"\n\r") == NULL)
    {
      fputs (value, stream);
      return;
    }
  fputc ('"', stream);
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"')
        fputc ('"', stream);
      fputc (*p, stream);
    }
  fputc ('"', stream);
}

static char *
coins_value (PdResultsExport *self,
             gint64           coins)
{
  gint64 micros;

  if (!pd_voucher_rules_value_micros (coins, self->coin_value_micros, &micros))
    return g_strdup ("");
  return pd_money_format_plain (micros, self->currency);
}

static gboolean
write_csv (PdResultsExport  *self,
           GFile            *file,
           GCancellable     *cancellable,
           GError          **error)
{
  g_autoptr(PdExportFile) out = pd_export_file_open (file, error);
  PdCampaignStats *stats = self->stats;
  g_autofree char *generated = NULL;
  g_autofree char *unredeemed = NULL;
  FILE *s;

  if (out == NULL)
    return FALSE;
  s = pd_export_file_stream (out);

  generated = _pd_export_file_format_time (pd_campaign_stats_get_generated_at (stats));
  unredeemed = coins_value (self, pd_campaign_stats_get_unredeemed_coins (stats));
  fputs ("metric,value\n", s);
  fputs ("campaign,", s);
  put_field (s, self->campaign_name);
  fprintf (s, "\ngenerated_at,%s\n", generated);
  fprintf (s, "vouchers_issued,%" G_GINT64_FORMAT "\n", pd_campaign_stats_get_vouchers_issued (stats));
  fprintf (s, "vouchers_redeemed,%" G_GINT64_FORMAT "\n", pd_campaign_stats_get_vouchers_redeemed (stats));
  fprintf (s, "vouchers_expired,%" G_GINT64_FORMAT "\n", pd_campaign_stats_get_vouchers_expired (stats));
  fprintf (s, "coins_redeemed,%" G_GINT64_FORMAT "\n", pd_campaign_stats_get_coins_redeemed (stats));
  fprintf (s, "unredeemed_coins,%" G_GINT64_FORMAT "\n", pd_campaign_stats_get_unredeemed_coins (stats));
  fprintf (s, "unredeemed_value,%s\n", unredeemed);
  fputs ("currency,", s);
  put_field (s, self->currency);

  fputs ("\n\nproject_id,project,coins,target_coins,progress_percent,value,currency\n", s);
  for (guint i = 0; i < pd_campaign_stats_get_n_projects (stats); i++)
    {
      const PdCampaignStatsProject *p = pd_campaign_stats_get_project (stats, i);
      g_autofree char *value = coins_value (self, p->coins);
      /* Whole percent, rounded down, so 99.6 % never reads as reached. */
      gint64 percent = pd_percent_format_whole (p->coins, p->target_coins);

      put_field (s, p->project_id);
      fputc (',', s);
      put_field (s, pd_results_export_get_project_title (self, p->project_id));
      fprintf (s, ",%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",%s,",
               p->coins, p->target_coins, percent, value);
      put_field (s, self->currency);
      fputc ('\n', s);
    }

  fputs ("\ndate,redemptions,coins\n", s);
  for (guint i = 0; i < pd_campaign_stats_get_n_days (stats); i++)
    {
      const PdCampaignStatsDay *d = pd_campaign_stats_get_day (stats, i);

      fprintf (s, "%s,%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT "\n", d->date, d->redemptions, d->coins);
    }

  fputs ("\nproject_id,project,amount,currency\n", s);
  for (guint i = 0; i < pd_campaign_stats_get_n_payouts (stats); i++)
    {
      const PdCampaignStatsPayout *p = pd_campaign_stats_get_payout (stats, i);
      g_autofree char *amount = pd_money_format_plain (p->amount_micros, p->currency);

      put_field (s, p->project_id);
      fputc (',', s);
      put_field (s, pd_results_export_get_project_title (self, p->project_id));
      fprintf (s, ",%s,", amount);
      put_field (s, p->currency);
      fputc ('\n', s);
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  return pd_export_file_commit (out, error);
}

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  WriteFunc write = (WriteFunc) g_object_get_data (G_OBJECT (task), "write-func");
  GError *error = NULL;

  if (!write (PD_RESULTS_EXPORT (source_object), task_data, cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
start_write (PdResultsExport     *self,
             GFile               *file,
             WriteFunc            write,
             gpointer             source_tag,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_object_set_data (G_OBJECT (task), "write-func", (gpointer) write);
  g_task_run_in_thread (task, write_thread);
}

static void
pd_results_export_finalize (GObject *object)
{
  PdResultsExport *self = PD_RESULTS_EXPORT (object);

  g_clear_object (&self->stats);
  g_clear_pointer (&self->campaign_name, g_free);
  g_clear_pointer (&self->currency, g_free);
  g_clear_pointer (&self->titles, g_hash_table_unref);

  G_OBJECT_CLASS (pd_results_export_parent_class)->finalize (object);
}

static void
pd_results_export_class_init (PdResultsExportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pd_results_export_finalize;
}

static void
pd_results_export_init (PdResultsExport *self)
{
  self->titles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/**
 * pd_results_export_new:
 * @coin_value_micros: the value of one coin in millionths of @currency
 *
 * Returns: (transfer full): an export of @stats
 */
PdResultsExport *
pd_results_export_new (PdCampaignStats *stats,
                       const char      *campaign_name,
                       const char      *currency,
                       gint64           coin_value_micros)
{
  PdResultsExport *self;

  g_return_val_if_fail (PD_IS_CAMPAIGN_STATS (stats), NULL);
  g_return_val_if_fail (campaign_name != NULL, NULL);
  g_return_val_if_fail (currency != NULL, NULL);
  g_return_val_if_fail (coin_value_micros > 0, NULL);

  self = g_object_new (PD_TYPE_RESULTS_EXPORT, NULL);
  self->stats = g_object_ref (stats);
  self->campaign_name = g_strdup (campaign_name);
  self->currency = g_strdup (currency);
  self->coin_value_micros = coin_value_micros;
  return self;
}

/* Names a project for people; set before writing. */
void
pd_results_export_set_project_title (PdResultsExport *self,
                                     const char      *project_id,
                                     const char      *title)
{
  g_return_if_fail (PD_IS_RESULTS_EXPORT (self));
  g_return_if_fail (project_id != NULL);

  if (title == NULL)
    g_hash_table_remove (self->titles, project_id);
  else
    g_hash_table_replace (self->titles, g_strdup (project_id), g_strdup (title));
}

/**
 * pd_results_export_get_project_title:
 *
 * Returns: (transfer none): the project's title, or a translated
 *   placeholder for a project this workspace does not know
 */
const char *
pd_results_export_get_project_title (PdResultsExport *self,
                                     const char      *project_id)
{
  const char *title;

  g_return_val_if_fail (PD_IS_RESULTS_EXPORT (self), NULL);
  g_return_val_if_fail (project_id != NULL, NULL);

  title = g_hash_table_lookup (self->titles, project_id);
  return title != NULL ? title : _("Unknown project");
}

void
pd_results_export_write_csv_async (PdResultsExport     *self,
                                   GFile               *file,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (PD_IS_RESULTS_EXPORT (self));
  g_return_if_fail (G_IS_FILE (file));

  start_write (self, file, write_csv, pd_results_export_write_csv_async,
               cancellable, callback, user_data);
}

gboolean
pd_results_export_write_csv_finish (PdResultsExport  *self,
                                    GAsyncResult     *result,
                                    GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
pd_results_export_write_pdf_async (PdResultsExport     *self,
                                   GFile               *file,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (PD_IS_RESULTS_EXPORT (self));
  g_return_if_fail (G_IS_FILE (file));

  start_write (self, file, _pd_results_export_write_pdf, pd_results_export_write_pdf_async,
               cancellable, callback, user_data);
}

gboolean
pd_results_export_write_pdf_finish (PdResultsExport  *self,
                                    GAsyncResult     *result,
                                    GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
