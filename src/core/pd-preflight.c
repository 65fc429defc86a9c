/* pd-preflight.c
 *
 * The checklist shown before publishing. It repeats the platform's own
 * publish checks (period, budget, a project, texts in the default
 * language) as errors, so a campaign that would be refused is stopped
 * here, offline, with a message that says what to fix; and it adds what
 * the platform cannot know but a manager should: what the vouchers will
 * cost, targets the budget cannot reach, texts missing in a language,
 * vouchers that expire before the campaign ends. Warnings never block.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-preflight"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-clock.h"
#include "pd-money-format.h"
#include "pd-preflight.h"
#include "pd-project.h"
#include "pd-voucher-batch.h"
#include "pd-voucher-rules.h"

typedef struct {
  GListStore *items;
  PdCampaign *campaign;
} Checklist;

static void
add (Checklist           *list,
     const char          *check,
     PdPreflightSeverity  severity,
     const char          *message)
{
  g_autoptr(PdPreflightItem) item = pd_preflight_item_new (check, severity, message);

  g_list_store_append (list->items, item);
}

static char *
money_of_coins (PdCampaign *campaign,
                gint64      coins)
{
  gint64 micros;

  if (!pd_voucher_rules_value_micros (coins, pd_campaign_get_coin_value_micros (campaign), &micros))
    return g_strdup ("—");
  return pd_money_format_display (micros, pd_campaign_get_currency (campaign));
}

static char *
count (gint64 n)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, n);
}

static const char *
language_name (const char *code)
{
  if (g_strcmp0 (code, "de") == 0)
    return _("German");
  if (g_strcmp0 (code, "en") == 0)
    return _("English");
  if (g_strcmp0 (code, "nl") == 0)
    return _("Dutch");
  return code;
}

static const char *
project_title (GListModel *projects,
               const char *project_id)
{
  for (guint i = 0; projects != NULL && i < g_list_model_get_n_items (projects); i++)
    {
      g_autoptr(PdProject) project = g_list_model_get_item (projects, i);

      if (g_strcmp0 (pd_record_get_id (PD_RECORD (project)), project_id) == 0)
        return pd_project_get_title (project);
    }
  return _("Unknown project");
}

static void
check_period (Checklist *list,
              GDateTime *now)
{
  GDateTime *starts = pd_campaign_get_starts_at (list->campaign);
  GDateTime *ends = pd_campaign_get_ends_at (list->campaign);

  if (starts == NULL || ends == NULL)
    add (list, "period", PD_PREFLIGHT_ERROR, _("Set when the campaign starts and ends."));
  else if (g_date_time_compare (ends, starts) <= 0)
    add (list, "period", PD_PREFLIGHT_ERROR, _("The campaign must end after it starts."));
  else if (g_date_time_compare (ends, now) <= 0)
    add (list, "period", PD_PREFLIGHT_ERROR, _("The campaign’s end lies in the past. Choose a later end."));
  else
    add (list, "period", PD_PREFLIGHT_OK, _("The campaign period is valid."));
}

static gint64
issued_coins (GListModel *batches,
              const char *campaign_id,
              gint64     *n_vouchers)
{
  gint64 coins = 0;

  *n_vouchers = 0;
  for (guint i = 0; batches != NULL && i < g_list_model_get_n_items (batches); i++)
    {
      g_autoptr(PdVoucherBatch) batch = g_list_model_get_item (batches, i);
      gint64 batch_coins;

      if (g_strcmp0 (pd_voucher_batch_get_campaign_id (batch), campaign_id) != 0)
        continue;
      if (__builtin_mul_overflow (pd_voucher_batch_get_count (batch),
                                  pd_voucher_batch_get_coins_per_voucher (batch), &batch_coins)
          || __builtin_add_overflow (coins, batch_coins, &coins))
        return G_MAXINT64;
      *n_vouchers += pd_voucher_batch_get_count (batch);
    }
  return coins;
}

static void
check_budget (Checklist  *list,
              GListModel *batches,
              guint       redemption_percent)
{
  gint64 budget = pd_campaign_get_voucher_budget_coins (list->campaign);
  const char *campaign_id = pd_record_get_id (PD_RECORD (list->campaign));
  g_autofree char *budget_coins = count (budget);
  g_autofree char *budget_money = money_of_coins (list->campaign, budget);
  g_autofree char *message = NULL;
  gint64 n_vouchers;
  gint64 issued = issued_coins (batches, campaign_id, &n_vouchers);

  if (budget <= 0)
    {
      add (list, "budget", PD_PREFLIGHT_ERROR, _("Set a voucher budget: it is the most the campaign can cost."));
      return;
    }
  /* TRANSLATORS: the voucher budget in coins and in money */
  message = g_strdup_printf (_("The voucher budget is %s coins (%s)."), budget_coins, budget_money);
  add (list, "budget", PD_PREFLIGHT_OK, message);
  g_clear_pointer (&message, g_free);

  if (issued > budget)
    {
      g_autofree char *issued_text = count (issued);

      message = g_strdup_printf (_("The vouchers issued carry %s coins, more than the budget of %s coins."),
                                 issued_text, budget_coins);
      add (list, "issued", PD_PREFLIGHT_ERROR, message);
    }
  else if (n_vouchers == 0)
    add (list, "issued", PD_PREFLIGHT_WARNING, _("No vouchers have been issued for this campaign yet."));
  else
    {
      g_autofree char *vouchers = count (n_vouchers);
      g_autofree char *coins = count (issued);
      g_autofree char *cost = NULL;
      /* Expected cost in coins, rounded up: budgets are planned on the safe side. */
      gint64 expected = (gint64) (((guint64) issued * MIN (redemption_percent, 100) + 99) / 100);

      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%s voucher issued, carrying %s coins.",
                                              "%s vouchers issued, carrying %s coins.",
                                              (gulong) MIN (n_vouchers, G_MAXLONG)),
                                 vouchers, coins);
      add (list, "issued", PD_PREFLIGHT_OK, message);
      g_clear_pointer (&message, g_free);

      cost = money_of_coins (list->campaign, expected);
      /* TRANSLATORS: %u %% is the expected share of vouchers redeemed, %s the money */
      message = g_strdup_printf (_("If %u %% of the vouchers are redeemed, the campaign costs %s."),
                                 MIN (redemption_percent, 100), cost);
      add (list, "expected-cost", PD_PREFLIGHT_OK, message);
    }
}

static void
check_projects (Checklist  *list,
                GListModel *projects)
{
  GListModel *chosen = pd_campaign_get_projects (list->campaign);
  gint64 budget = pd_campaign_get_voucher_budget_coins (list->campaign);
  gint64 targets = 0;
  guint n = g_list_model_get_n_items (chosen);

  if (n == 0)
    {
      add (list, "projects", PD_PREFLIGHT_ERROR, _("Add at least one project that donors can support."));
      return;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PdCampaignProject) cp = g_list_model_get_item (chosen, i);
      gint64 target = pd_campaign_project_get_target_coins (cp);

      if (__builtin_add_overflow (targets, target, &targets))
        targets = G_MAXINT64;
      if (budget > 0 && target > budget)
        {
          g_autofree char *check = g_strconcat ("target:", pd_campaign_project_get_project_id (cp), NULL);
          g_autofree char *target_text = count (target);
          g_autofree char *budget_text = count (budget);
          g_autofree char *message =
            g_strdup_printf (_("“%s” needs %s coins to reach its target, but the whole budget is %s coins."),
                             project_title (projects, pd_campaign_project_get_project_id (cp)),
                             target_text, budget_text);

          add (list, check, PD_PREFLIGHT_WARNING, message);
        }
    }

  if (budget > 0 && targets > budget)
    {
      g_autofree char *targets_text = count (targets);
      g_autofree char *budget_text = count (budget);
      g_autofree char *message =
        g_strdup_printf (_("The project targets add up to %s coins, more than the budget of %s coins: not every project can reach its target."),
                         targets_text, budget_text);

      add (list, "targets", PD_PREFLIGHT_WARNING, message);
    }
  else
    add (list, "projects", PD_PREFLIGHT_OK, _("The budget covers every project’s target."));
}

static void
check_texts (Checklist *list)
{
  GListModel *texts = pd_campaign_get_texts (list->campaign);
  const char *default_language = pd_campaign_get_default_language (list->campaign);

  if (pd_campaign_get_text (list->campaign, default_language) == NULL)
    {
      g_autofree char *check = g_strconcat ("texts:", default_language, NULL);
      g_autofree char *message = g_strdup_printf (_("The campaign has no texts in its default language, %s."),
                                                  language_name (default_language));

      add (list, check, PD_PREFLIGHT_ERROR, message);
    }

  for (guint i = 0; i < g_list_model_get_n_items (texts); i++)
    {
      g_autoptr(PdCampaignText) text = g_list_model_get_item (texts, i);
      const char *language = pd_campaign_text_get_language (text);
      gboolean is_default = g_strcmp0 (language, default_language) == 0;
      g_autoptr(GPtrArray) missing = g_ptr_array_new ();
      g_autofree char *check = g_strconcat ("texts:", language, NULL);
      g_autofree char *message = NULL;
      g_autofree char *fields = NULL;

      if (*pd_campaign_text_get_title (text) == '\0')
        g_ptr_array_add (missing, (gpointer) C_("campaign text", "title"));
      if (*pd_campaign_text_get_intro (text) == '\0')
        g_ptr_array_add (missing, (gpointer) C_("campaign text", "introduction"));
      if (*pd_campaign_text_get_thank_you (text) == '\0')
        g_ptr_array_add (missing, (gpointer) C_("campaign text", "thank-you message"));

      if (missing->len == 0)
        {
          message = g_strdup_printf (_("The texts in %s are complete."), language_name (language));
          add (list, check, PD_PREFLIGHT_OK, message);
          continue;
        }
      g_ptr_array_add (missing, NULL);
      /* TRANSLATORS: separates the names of missing texts */
      fields = g_strjoinv (C_("list separator", ", "), (char **) missing->pdata);
      /* TRANSLATORS: "The texts in German lack: title, introduction." */
      message = g_strdup_printf (_("The texts in %s lack: %s."), language_name (language), fields);
      /* The platform refuses a campaign without a title and introduction
       * in its default language; elsewhere, gaps only look unfinished. */
      add (list, check, is_default ? PD_PREFLIGHT_ERROR : PD_PREFLIGHT_WARNING, message);
    }
}

static void
check_expiry (Checklist  *list,
              GListModel *batches,
              GDateTime  *now)
{
  const char *campaign_id = pd_record_get_id (PD_RECORD (list->campaign));
  GDateTime *ends = pd_campaign_get_ends_at (list->campaign);

  for (guint i = 0; batches != NULL && i < g_list_model_get_n_items (batches); i++)
    {
      g_autoptr(PdVoucherBatch) batch = g_list_model_get_item (batches, i);
      GDateTime *expires = pd_voucher_batch_get_expires_at (batch);
      g_autofree char *check = NULL;
      g_autofree char *message = NULL;
      const char *label;

      if (g_strcmp0 (pd_voucher_batch_get_campaign_id (batch), campaign_id) != 0 || expires == NULL)
        continue;
      label = pd_voucher_batch_get_label (batch);
      check = g_strconcat ("expiry:", pd_record_get_id (PD_RECORD (batch)), NULL);
      if (g_date_time_compare (expires, now) <= 0)
        {
          message = g_strdup_printf (_("The vouchers of “%s” have expired already."), label);
          add (list, check, PD_PREFLIGHT_ERROR, message);
        }
      else if (ends != NULL && g_date_time_compare (expires, ends) < 0)
        {
          message = g_strdup_printf (_("The vouchers of “%s” expire before the campaign ends."), label);
          add (list, check, PD_PREFLIGHT_WARNING, message);
        }
    }
}

/**
 * pd_preflight_run:
 * @voucher_batches: (nullable): #PdVoucherBatch records; those of other
 *   campaigns are skipped
 * @projects: (nullable): #PdProject records, to name projects
 * @redemption_percent: the share of vouchers the user expects redeemed
 * @now: (nullable): the current time; %NULL for the clock's
 *
 * Returns: (transfer full): a #GListModel of #PdPreflightItem, errors
 *   and warnings first
 */
GListModel *
pd_preflight_run (PdCampaign *campaign,
                  GListModel *voucher_batches,
                  GListModel *projects,
                  guint       redemption_percent,
                  GDateTime  *now)
{
  g_autoptr(GDateTime) clock_now = NULL;
  g_autoptr(GListStore) sorted = g_list_store_new (PD_TYPE_PREFLIGHT_ITEM);
  Checklist list;

  g_return_val_if_fail (PD_IS_CAMPAIGN (campaign), NULL);

  if (now == NULL)
    now = clock_now = pd_now_utc ();
  list.items = g_list_store_new (PD_TYPE_PREFLIGHT_ITEM);
  list.campaign = campaign;

  check_period (&list, now);
  check_budget (&list, voucher_batches, redemption_percent);
  check_projects (&list, projects);
  check_texts (&list);
  check_expiry (&list, voucher_batches, now);

  /* Most severe first, in check order within a severity. */
  for (int severity = PD_PREFLIGHT_ERROR; severity >= PD_PREFLIGHT_OK; severity--)
    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list.items)); i++)
      {
        g_autoptr(PdPreflightItem) item = g_list_model_get_item (G_LIST_MODEL (list.items), i);

        if ((int) pd_preflight_item_get_severity (item) == severity)
          g_list_store_append (sorted, item);
      }
  g_object_unref (list.items);

  return G_LIST_MODEL (g_steal_pointer (&sorted));
}

guint
pd_preflight_count (GListModel          *items,
                    PdPreflightSeverity  severity)
{
  guint n = 0;

  g_return_val_if_fail (G_IS_LIST_MODEL (items), 0);

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(PdPreflightItem) item = g_list_model_get_item (items, i);

      n += pd_preflight_item_get_severity (item) == severity;
    }
  return n;
}

/* Whether the checklist blocks publishing. */
gboolean
pd_preflight_has_errors (GListModel *items)
{
  return pd_preflight_count (items, PD_PREFLIGHT_ERROR) > 0;
}
