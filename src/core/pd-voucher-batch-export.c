/* pd-voucher-batch-export.c
 *
 * Glue between the store and PdVoucherExport: the batch's codes, coins
 * and expiry, the campaign's currency, coin value and name, and the
 * theme's colours, font and logo (an asset file in the store). The codes
 * are read on the calling thread, since the store belongs to the main
 * loop; the writing itself then runs in the export's thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-voucher-export"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-voucher-batch-export.h"

#define PAGE 100000

/**
 * pd_voucher_donor_page_url:
 * @donor_pages: (nullable): the tenant's donor pages as the platform
 *   named them at sign-in (data/api/CONTRACT.md); %NULL for a workspace
 *   without a platform, which gets the placeholder
 *   %PD_VOUCHER_PLACEHOLDER_DONOR_PAGES
 *
 * Returns: (transfer full): the campaign's donor page,
 *   "<donor_pages><slug>" (the id while it has no slug)
 */
char *
pd_voucher_donor_page_url (const char *donor_pages,
                           PdCampaign *campaign)
{
  const char *slug;
  g_autofree char *escaped = NULL;

  g_return_val_if_fail (PD_IS_CAMPAIGN (campaign), NULL);

  if (donor_pages == NULL || *donor_pages == '\0')
    donor_pages = PD_VOUCHER_PLACEHOLDER_DONOR_PAGES;
  slug = pd_campaign_get_slug (campaign);
  if (slug == NULL || *slug == '\0')
    slug = pd_record_get_id (PD_RECORD (campaign));
  /* Slugs are validated, but the URL goes on paper: escape regardless. */
  escaped = g_uri_escape_string (slug, NULL, FALSE);

  return g_strconcat (donor_pages, g_str_has_suffix (donor_pages, "/") ? "" : "/", escaped, NULL);
}

/**
 * pd_voucher_export_apply_theme:
 * @theme: (nullable): the campaign's theme; %NULL keeps the neutral look
 * @store: where the theme's logo is kept
 *
 * Takes the theme's colours, font and logo for the cards. Colours that
 * are not "#rrggbb" and a logo whose file is missing are left out rather
 * than failing the export.
 */
void
pd_voucher_export_apply_theme (PdVoucherExport *self,
                               PdTheme         *theme,
                               PdStore         *store)
{
  const char *logo;

  g_return_if_fail (PD_IS_VOUCHER_EXPORT (self));
  g_return_if_fail (theme == NULL || PD_IS_THEME (theme));
  g_return_if_fail (PD_IS_STORE (store));

  if (theme == NULL)
    return;

  pd_voucher_export_set_colors (self,
                                pd_theme_get_primary_color (theme),
                                pd_theme_get_accent_color (theme),
                                pd_theme_get_background_color (theme),
                                pd_theme_get_text_color (theme));
  pd_voucher_export_set_font_family (self, pd_theme_get_font_family (theme));

  logo = pd_theme_get_logo_sha256 (theme);
  if (logo != NULL && *logo != '\0')
    {
      g_autofree char *path = pd_store_get_asset_path (store, logo);

      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        pd_voucher_export_set_logo_file (self, path);
    }
}

/**
 * pd_voucher_export_new_for_batch:
 * @batch: a batch whose codes are in @store
 * @donor_page_url: the campaign's donor page
 *
 * Returns: (transfer full) (nullable): an export of the batch with its
 *   campaign's values and theme, or %NULL with @error
 */
PdVoucherExport *
pd_voucher_export_new_for_batch (PdStore         *store,
                                 PdVoucherBatch  *batch,
                                 const char      *donor_page_url,
                                 GError         **error)
{
  g_autoptr(PdCampaign) campaign = NULL;
  g_autoptr(PdTheme) theme = NULL;
  g_autoptr(GArray) codes = NULL;
  const char *batch_id;
  const char *theme_id;
  PdVoucherExport *self;

  g_return_val_if_fail (PD_IS_STORE (store), NULL);
  g_return_val_if_fail (PD_IS_VOUCHER_BATCH (batch), NULL);
  g_return_val_if_fail (donor_page_url != NULL, NULL);

  campaign = pd_store_get_campaign (store, pd_voucher_batch_get_campaign_id (batch));
  if (campaign == NULL)
    {
      g_set_error_literal (error, PD_STORE_ERROR, PD_STORE_ERROR_NOT_FOUND,
                           _("The campaign of this voucher batch does not exist."));
      return NULL;
    }
  if (pd_voucher_batch_get_expires_at (batch) == NULL || pd_voucher_batch_get_coins_per_voucher (batch) <= 0
      || pd_campaign_get_coin_value_micros (campaign) <= 0)
    {
      g_set_error_literal (error, PD_VOUCHER_EXPORT_ERROR, PD_VOUCHER_EXPORT_ERROR_VALUE,
                           _("This voucher batch lacks its value or expiry date."));
      return NULL;
    }

  batch_id = pd_record_get_id (PD_RECORD (batch));
  codes = g_array_sized_new (FALSE, FALSE, sizeof (PdVoucherCodeValue),
                             (guint) pd_store_count_voucher_codes (store, batch_id));
  for (gint64 offset = 0;; offset += PAGE)
    {
      g_auto(GStrv) page = pd_store_list_voucher_codes (store, batch_id, offset, PAGE, error);
      guint n;

      if (page == NULL)
        return NULL;
      n = g_strv_length (page);
      for (guint i = 0; i < n; i++)
        {
          PdVoucherCodeValue value;

          /* Codes that came from elsewhere (another tool, the platform)
           * and are not in our format cannot be drawn again from values:
           * refuse rather than print something else. */
          if (!pd_voucher_code_parse (page[i], &value, error))
            return NULL;
          g_array_append_val (codes, value);
        }
      if (n < PAGE)
        break;
    }

  self = pd_voucher_export_new (codes,
                                pd_voucher_batch_get_coins_per_voucher (batch),
                                pd_campaign_get_coin_value_micros (campaign),
                                pd_campaign_get_currency (campaign),
                                pd_voucher_batch_get_expires_at (batch),
                                donor_page_url);
  pd_voucher_export_set_title (self, pd_campaign_get_name (campaign));

  theme_id = pd_campaign_get_theme_id (campaign);
  if (theme_id != NULL && *theme_id != '\0')
    theme = pd_store_get_theme (store, theme_id);
  pd_voucher_export_apply_theme (self, theme, store);

  return self;
}
