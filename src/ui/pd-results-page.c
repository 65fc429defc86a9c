/* pd-results-page.c
 *
 * The Results page of a campaign: the platform's stats, cached beside the
 * workspace database for offline viewing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-results-page"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "pd-account.h"
#include "pd-money-format.h"
#include "pd-percent-format.h"
#include "pd-results-chart.h"
#include "pd-results-page-private.h"
#include "pd-ui-utils.h"
#include "pd-window.h"


G_DEFINE_FINAL_TYPE (PdResultsPage, pd_results_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_CAMPAIGN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void reload (PdResultsPage *self);

static PdAccount *
signed_in_account (PdResultsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  PdContext *context = PD_IS_WINDOW (root) ? pd_window_get_context (PD_WINDOW (root)) : NULL;
  PdAccount *account = context != NULL ? pd_context_get_account (context) : NULL;

  if (account == NULL || pd_account_get_needs_sign_in (account))
    return NULL;

  return account;
}

char *
_pd_results_page_dup_cache_path (PdStore    *store,
                                 const char *campaign_id)
{
  g_return_val_if_fail (PD_IS_STORE (store), NULL);
  g_return_val_if_fail (campaign_id != NULL, NULL);

  return pd_stats_cache_dup_path (pd_store_get_stats_cache (store), campaign_id);
}

/* --- Showing ------------------------------------------------------------ */

char *
_pd_results_page_dup_project_title (PdResultsPage *self,
                                    const char    *project_id)
{
  g_autoptr(PdProject) project = self->store != NULL ? pd_store_get_project (self->store, project_id) : NULL;

  if (project != NULL)
    return g_strdup (pd_project_get_title (project));

  return g_strdup (_("Unknown project"));
}

static void
add_number (PdResultsPage *self,
            const char    *value,
            const char    *caption)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *value_label = gtk_label_new (value);
  GtkWidget *caption_label = gtk_label_new (caption);
  /* Translators: a key figure read aloud, "Vouchers issued: 5000" */
  g_autofree char *name = g_strdup_printf (_("%s: %s"), caption, value);

  gtk_widget_add_css_class (box, "card");
  gtk_widget_set_focusable (box, FALSE);
  gtk_widget_add_css_class (value_label, "title-2");
  gtk_label_set_wrap (GTK_LABEL (value_label), TRUE);
  gtk_label_set_justify (GTK_LABEL (value_label), GTK_JUSTIFY_CENTER);
  gtk_widget_set_margin_start (value_label, 6);
  gtk_widget_set_margin_end (value_label, 6);
  gtk_widget_add_css_class (caption_label, "dim-label");
  gtk_label_set_wrap (GTK_LABEL (caption_label), TRUE);
  gtk_label_set_justify (GTK_LABEL (caption_label), GTK_JUSTIFY_CENTER);
  gtk_widget_set_margin_top (value_label, 12);
  gtk_widget_set_margin_bottom (caption_label, 12);
  gtk_widget_set_margin_start (caption_label, 6);
  gtk_widget_set_margin_end (caption_label, 6);
  gtk_box_append (GTK_BOX (box), value_label);
  gtk_box_append (GTK_BOX (box), caption_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_flow_box_append (self->numbers_box, box);
}

static void
clear_list (GtkWidget *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (list)) != NULL)
    {
      if (GTK_IS_LIST_BOX (list))
        gtk_list_box_remove (GTK_LIST_BOX (list), child);
      else
        gtk_flow_box_remove (GTK_FLOW_BOX (list), child);
    }
}

static void
show_numbers (PdResultsPage *self)
{
  PdCampaignStats *stats = self->stats;
  gint64 coin_value = pd_campaign_get_coin_value_micros (self->campaign);
  const char *currency = pd_campaign_get_currency (self->campaign);
  g_autofree char *issued = g_strdup_printf ("%'" G_GINT64_FORMAT, pd_campaign_stats_get_vouchers_issued (stats));
  g_autofree char *redeemed = g_strdup_printf ("%'" G_GINT64_FORMAT, pd_campaign_stats_get_vouchers_redeemed (stats));
  g_autofree char *expired = g_strdup_printf ("%'" G_GINT64_FORMAT, pd_campaign_stats_get_vouchers_expired (stats));
  g_autofree char *unredeemed = pd_format_money (pd_campaign_stats_get_unredeemed_coins (stats), coin_value, currency);

  clear_list (GTK_WIDGET (self->numbers_box));
  add_number (self, issued, _("Vouchers issued"));
  add_number (self, redeemed, _("Vouchers redeemed"));
  add_number (self, expired, _("Vouchers expired"));
  add_number (self, unredeemed, _("Unredeemed value"));
}

static void
show_projects (PdResultsPage *self)
{
  guint n = pd_campaign_stats_get_n_projects (self->stats);

  clear_list (GTK_WIDGET (self->projects_list));
  for (guint i = 0; i < n; i++)
    {
      const PdCampaignStatsProject *p = pd_campaign_stats_get_project (self->stats, i);
      g_autofree char *title = _pd_results_page_dup_project_title (self, p->project_id);
      g_autofree char *subtitle = NULL;
      g_autofree char *description = NULL;
      g_autofree char *coins = g_strdup_printf ("%'" G_GINT64_FORMAT, p->coins);
      g_autofree char *target = g_strdup_printf ("%'" G_GINT64_FORMAT, p->target_coins);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *bar = gtk_level_bar_new_for_interval (0.0, 1.0);
      g_autofree char *share = pd_percent_format_share (p->coins, p->target_coins);
      /* The bar agrees with the words: full only once the target is reached. */
      double fraction = pd_percent_format_bar (p->coins, p->target_coins) / 100.0;

      /* Translators: coins a project received, its target, the share reached ("57 %", "<1 %") */
      subtitle = g_strdup_printf (_("%s of %s coins (%s)"), coins, target, share);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), fraction);
      gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_LOW);
      gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_HIGH);
      gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_FULL);
      gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
      gtk_widget_set_size_request (bar, 120, -1);
      /* Translators: accessible text of a progress bar; %s is a project */
      description = g_strdup_printf (_("Progress of %s to its target"), title);
      gtk_accessible_update_property (GTK_ACCESSIBLE (bar),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, description,
                                      GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, subtitle,
                                      -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), bar);
      gtk_list_box_append (self->projects_list, row);
    }

  if (n == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No coins have reached a project yet."));
      gtk_list_box_append (self->projects_list, row);
    }
}

static void
show_payouts (PdResultsPage *self)
{
  guint n = pd_campaign_stats_get_n_payouts (self->stats);

  clear_list (GTK_WIDGET (self->payouts_list));
  for (guint i = 0; i < n; i++)
    {
      const PdCampaignStatsPayout *p = pd_campaign_stats_get_payout (self->stats, i);
      g_autofree char *title = _pd_results_page_dup_project_title (self, p->project_id);
      g_autofree char *amount = pd_money_format_display (p->amount_micros, p->currency);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *label = gtk_label_new (amount);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      gtk_widget_add_css_class (label, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      gtk_list_box_append (self->payouts_list, row);
    }

  if (n == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No project has reached its target yet."));
      gtk_list_box_append (self->payouts_list, row);
    }
}

static void
show_stats (PdResultsPage *self)
{
  gboolean have = self->stats != NULL && self->campaign != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "results.export", have);
  /* A menu of disabled items only disappoints: nothing to export yet. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), have);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "results.refresh",
                                 self->campaign != NULL && self->cancellable == NULL);
  pd_results_chart_set_stats (self->chart, have ? self->stats : NULL);

  if (!have)
    {
      gboolean online = signed_in_account (self) != NULL;

      adw_status_page_set_description (self->empty_page,
                                       online
                                       ? _("Results appear once the campaign is published and vouchers are redeemed. Use Refresh to fetch them.")
                                       : _("Sign in to the platform to fetch the results. Results fetched once stay available offline."));
      gtk_label_set_text (self->updated_label, online ? "" : _("Offline"));
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  {
    g_autoptr(GDateTime) local = g_date_time_to_local (pd_campaign_stats_get_generated_at (self->stats));
    g_autofree char *when = g_date_time_format (local, "%x %H:%M");
    /* Translators: %s is a date and time */
    g_autofree char *text = g_strdup_printf (_("Last updated %s"), when);

    gtk_label_set_text (self->updated_label, text);
  }

  show_numbers (self);
  show_projects (self);
  show_payouts (self);
  gtk_stack_set_visible_child_name (self->stack, "results");
}

/* --- Cache and fetching --------------------------------------------------- */

static void
reload (PdResultsPage *self)
{
  g_clear_object (&self->stats);

  if (self->store != NULL && self->campaign != NULL)
    {
      /* The workspace's cache: a missing or damaged file is no results yet. */
      self->stats = pd_stats_cache_lookup (pd_store_get_stats_cache (self->store),
                                           pd_record_get_id (PD_RECORD (self->campaign)));
    }

  show_stats (self);
}

static void
on_stats_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(PdResultsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) object = pd_api_client_get_stats_finish (PD_API_CLIENT (source), result, &error);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(PdCampaignStats) stats = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->cancellable);
  gtk_spinner_stop (self->spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);

  if (object != NULL)
    {
      node = json_node_init_object (json_node_alloc (), object);
      stats = pd_campaign_stats_new_from_json (node, &error);
    }

  if (stats == NULL)
    {
      /* Translators: a toast; %s says what went wrong */
      g_autofree char *text = g_strdup_printf (_("Could not fetch the results: %s"), error->message);

      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
      show_stats (self);
      return;
    }

  g_set_object (&self->stats, stats);
  /* Through the workspace's cache, so the donor page preview follows. */
  if (self->store != NULL &&
      !pd_stats_cache_save (pd_store_get_stats_cache (self->store),
                            pd_record_get_id (PD_RECORD (self->campaign)), stats, &error))
    g_debug ("Stats not cached: %s", error->message);
  show_stats (self);
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PdResultsPage *self = PD_RESULTS_PAGE (widget);
  PdAccount *account = signed_in_account (self);

  if (self->campaign == NULL || self->cancellable != NULL)
    return;

  if (account == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("Sign in to an account to fetch the results.")));
      reload (self);
      return;
    }

  self->cancellable = g_cancellable_new ();
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), TRUE);
  gtk_spinner_start (self->spinner);
  gtk_widget_action_set_enabled (widget, "results.refresh", FALSE);
  pd_api_client_get_stats_async (pd_account_get_client (account),
                                 pd_record_get_id (PD_RECORD (self->campaign)),
                                 self->cancellable, on_stats_cb, g_object_ref (self));
}

/* --- GObject ---------------------------------------------------------------- */

static void
set_campaign (PdResultsPage *self,
              PdCampaign    *campaign)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_spinner_stop (self->spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  g_set_object (&self->campaign, campaign);
  reload (self);

  /* Show the cache at once, then what the platform says now. */
  if (self->campaign != NULL && signed_in_account (self) != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "results.refresh", NULL);
}

static void
pd_results_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PdResultsPage *self = PD_RESULTS_PAGE (object);

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
pd_results_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  PdResultsPage *self = PD_RESULTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      if (g_set_object (&self->store, g_value_get_object (value)))
        {
          reload (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_CAMPAIGN:
      if (self->campaign != g_value_get_object (value))
        {
          set_campaign (self, g_value_get_object (value));
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_results_page_dispose (GObject *object)
{
  PdResultsPage *self = PD_RESULTS_PAGE (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (object), PD_TYPE_RESULTS_PAGE);
  self->toast_overlay = NULL;
  g_clear_object (&self->cancellable);
  g_clear_object (&self->stats);
  g_clear_object (&self->campaign);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (pd_results_page_parent_class)->dispose (object);
}

static void
pd_results_page_class_init (PdResultsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pd_results_page_dispose;
  object_class->get_property = pd_results_page_get_property;
  object_class->set_property = pd_results_page_set_property;

  /* The window sets both when the workspace or the selection changes. */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, PD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAMPAIGN] =
    g_param_spec_object ("campaign", NULL, NULL, PD_TYPE_CAMPAIGN,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (PD_TYPE_RESULTS_CHART);
  gtk_widget_class_set_template_from_resource (widget_class, "/com/particulate/Designer/ui/pd-results-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PdResultsPage, updated_label);
  gtk_widget_class_bind_template_child (widget_class, PdResultsPage, export_button);
  gtk_widget_class_bind_template_child (widget_class, PdResultsPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, PdResultsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, PdResultsPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, PdResultsPage, numbers_box);
  gtk_widget_class_bind_template_child (widget_class, PdResultsPage, projects_list);
  gtk_widget_class_bind_template_child (widget_class, PdResultsPage, chart);
  gtk_widget_class_bind_template_child (widget_class, PdResultsPage, payouts_list);

  gtk_widget_class_install_action (widget_class, "results.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "results.export", "s", _pd_results_page_export_action);
}

static void
pd_results_page_init (PdResultsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* The bin owns its child; binding it would unparent it twice. */
  self->toast_overlay = ADW_TOAST_OVERLAY (adw_bin_get_child (ADW_BIN (self)));
  show_stats (self);
}
