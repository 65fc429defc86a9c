/* pd-window-state.c: what the window shows again at the next start
 *
 * Each account's workspace (and the local one) remembers the campaign and
 * the page that were shown last, in one GSettings dictionary keyed by the
 * account's id ("" for the local workspace). A campaign deleted meanwhile
 * leaves the window with none selected.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-window"

#include "config.h"

#include "pd-account-manager.h"
#include "pd-account.h"
#include "pd-window-private.h"

#define LAST_SELECTION_KEY "last-selection"

static const char *
account_key (PdWindow *self)
{
  PdAccount *account = pd_context_get_account (self->context);

  return account != NULL ? pd_account_get_id (account) : "";
}

static gboolean
is_known_account (PdWindow   *self,
                  const char *id)
{
  PdAccountManager *manager = pd_context_get_account_manager (self->context);

  return *id == '\0' || (manager != NULL && pd_account_manager_lookup (manager, id) != NULL);
}

void
_pd_window_save_selection (PdWindow *self)
{
  GSettings *settings;
  g_autoptr(GVariant) old = NULL;
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a{s(ss)}"));
  const char *key;
  const char *page;
  GVariantIter iter;
  const char *id, *campaign_id, *page_name;

  if (self->keep_selection || self->store == NULL)
    return;

  settings = pd_context_get_settings (self->context);
  key = account_key (self);
  page = adw_view_stack_get_visible_child_name (self->view_stack);

  /* Accounts removed since are forgotten on the way. */
  old = g_settings_get_value (settings, LAST_SELECTION_KEY);
  g_variant_iter_init (&iter, old);
  while (g_variant_iter_next (&iter, "{&s(&s&s)}", &id, &campaign_id, &page_name))
    if (!g_str_equal (id, key) && is_known_account (self, id))
      g_variant_builder_add (&builder, "{s(ss)}", id, campaign_id, page_name);
  g_variant_builder_add (&builder, "{s(ss)}", key,
                         self->campaign != NULL ? pd_record_get_id (PD_RECORD (self->campaign)) : "",
                         page != NULL ? page : "");
  g_settings_set_value (settings, LAST_SELECTION_KEY, g_variant_builder_end (&builder));
}

static PdCampaign *
find_campaign (PdStore    *store,
               const char *id)
{
  GListModel *campaigns = pd_store_get_campaigns (store);
  guint n = g_list_model_get_n_items (campaigns);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PdCampaign) campaign = g_list_model_get_item (campaigns, i);

      if (g_strcmp0 (pd_record_get_id (PD_RECORD (campaign)), id) == 0)
        return g_steal_pointer (&campaign);
    }
  return NULL;
}

void
_pd_window_restore_selection (PdWindow *self)
{
  GSettings *settings = pd_context_get_settings (self->context);
  g_autoptr(GVariant) all = NULL;
  g_autoptr(PdCampaign) campaign = NULL;
  const char *campaign_id = NULL;
  const char *page = NULL;

  if (self->store == NULL)
    return;

  all = g_settings_get_value (settings, LAST_SELECTION_KEY);
  if (!g_variant_lookup (all, account_key (self), "(&s&s)", &campaign_id, &page))
    return;

  if (*page != '\0' && adw_view_stack_get_child_by_name (self->view_stack, page) != NULL)
    adw_view_stack_set_visible_child_name (self->view_stack, page);
  /* Deleted meanwhile (here, or on the platform): none is shown. */
  campaign = *campaign_id != '\0' ? find_campaign (self->store, campaign_id) : NULL;
  if (campaign != NULL)
    pd_window_select_campaign (self, campaign);
}
