/* pd-details-page-address.c: the campaign's web address on the Details page
 *
 * Every printed voucher carries <donor page>/<slug>/redeem?code=…. The
 * address of a draft follows its name, so the row shows it changing as
 * the manager types; once the campaign is published a rename leaves it
 * alone, and a change by hand asks for a confirmation that says what
 * happens to printed vouchers. A campaign with vouchers keeps its address
 * for good: the platform refuses a new one (409 slug-locked).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-details-page"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-account.h"
#include "pd-details-page-private.h"
#include "pd-store-sync.h"
#include "pd-voucher-batch-export.h"
#include "pd-window.h"

gboolean
_pd_details_page_has_vouchers (PdDetailsPage *self)
{
  GListModel *batches;
  const char *id;
  guint n;

  if (self->store == NULL || self->campaign == NULL)
    return FALSE;

  id = pd_record_get_id (PD_RECORD (self->campaign));
  batches = pd_store_get_voucher_batches (self->store);
  n = g_list_model_get_n_items (batches);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PdVoucherBatch) batch = g_list_model_get_item (batches, i);

      if (g_strcmp0 (pd_voucher_batch_get_campaign_id (batch), id) == 0)
        return TRUE;
    }
  return FALSE;
}

PdAddressState
_pd_details_page_get_address_state (PdDetailsPage *self)
{
  if (_pd_details_page_has_vouchers (self))
    return ADDRESS_VOUCHERS;
  if (pd_campaign_get_status (self->campaign) != PD_CAMPAIGN_STATUS_DRAFT)
    return ADDRESS_PUBLISHED;
  return pd_campaign_get_slug_follows_name (self->campaign) ? ADDRESS_FOLLOWS_NAME : ADDRESS_CHOSEN;
}

/* (transfer full) (nullable): the slug the platform has, when the one here
 * differs: a change of it that the platform refused (or will) */
static char *
platform_slug (PdDetailsPage *self)
{
  g_autoptr(JsonNode) base = NULL;
  const char *slug = NULL;

  if (self->store == NULL)
    return NULL;
  base = pd_store_get_base (self->store, "campaign", pd_record_get_id (PD_RECORD (self->campaign)));
  if (base != NULL && JSON_NODE_HOLDS_OBJECT (base))
    slug = json_object_get_string_member_with_default (json_node_get_object (base), "slug", NULL);
  if (slug == NULL || *slug == '\0' || g_strcmp0 (slug, pd_campaign_get_slug (self->campaign)) == 0)
    return NULL;
  return g_strdup (slug);
}

/* The tenant's donor pages, as the platform named them at sign-in; NULL
 * in a workspace without a platform, which shows the placeholder. */
static const char *
donor_pages (PdDetailsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  PdContext *context = PD_IS_WINDOW (root) ? pd_window_get_context (PD_WINDOW (root)) : NULL;
  PdAccount *account = context != NULL ? pd_context_get_account (context) : NULL;

  return account != NULL ? pd_account_get_donor_page_url (account) : NULL;
}

/* (transfer full): the donor page of the campaign with @slug */
static char *
address_for (PdDetailsPage *self,
             const char    *slug)
{
  g_autoptr(PdCampaign) copy = PD_CAMPAIGN (pd_record_copy (PD_RECORD (self->campaign)));

  pd_campaign_set_slug (copy, slug);
  return pd_voucher_donor_page_url (donor_pages (self), copy);
}

void
_pd_details_page_refresh_address (PdDetailsPage *self)
{
  g_autofree char *typed = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *address = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *subtitle = NULL;
  const char *hint = NULL;
  PdAddressState state;

  if (self->campaign == NULL)
    return;

  state = _pd_details_page_get_address_state (self);
  switch (state)
    {
    case ADDRESS_FOLLOWS_NAME:
      hint = _("Follows the name until the campaign is published");
      break;
    case ADDRESS_PUBLISHED:
      hint = _("Stays the same when the campaign is renamed");
      break;
    case ADDRESS_VOUCHERS:
      /* A new address that cannot be sent (the platform refuses it) can
       * only go back to the one on the vouchers. */
      kept = platform_slug (self);
      hint = kept != NULL ? _("Not sent: the vouchers of this campaign carry the earlier address")
                          : _("Fixed: the vouchers of this campaign carry it");
      break;
    case ADDRESS_CHOSEN:
    default:
      break;
    }

  /* While the name is typed, the address of a draft follows each key. */
  if (state == ADDRESS_FOLLOWS_NAME)
    typed = pd_campaign_slugify (gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
  address = address_for (self, typed != NULL && *typed != '\0' ? typed : pd_campaign_get_slug (self->campaign));
  escaped = g_markup_escape_text (address, -1);
  if (hint != NULL)
    {
      g_autofree char *hint_escaped = g_markup_escape_text (hint, -1);

      subtitle = g_strconcat (escaped, "\n", hint_escaped, NULL);
    }
  adw_action_row_set_subtitle (self->address_row, subtitle != NULL ? subtitle : escaped);
  gtk_button_set_label (self->address_button, kept != NULL ? _("_Restore") : _("_Change…"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->address_button),
                               kept != NULL ? _("Restore the Address on the Vouchers") : _("Change Web Address"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "details.change-address",
                                 state != ADDRESS_VOUCHERS || kept != NULL);
}

/* Back to the address the platform keeps, so the other changes go out. */
static void
restore_address (PdDetailsPage *self)
{
  g_autofree char *kept = platform_slug (self);
  g_autoptr(PdCampaign) copy = NULL;
  g_autoptr(GError) error = NULL;

  if (kept == NULL)
    return;
  copy = PD_CAMPAIGN (pd_record_copy (PD_RECORD (self->campaign)));
  pd_campaign_set_slug (copy, kept);
  if (!pd_store_save (self->store, PD_RECORD (copy), _("Restore Web Address"), &error))
    {
      gtk_label_set_label (self->general_error, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->general_error), TRUE);
    }
}

/* --- The Change Web Address dialog -------------------------------------- */

typedef struct
{
  PdDetailsPage  *self;
  GtkEditable    *entry;
  GtkLabel       *preview;
  GtkCheckButton *understood;  /* NULL unless vouchers may be printed */
} AddressDialog;

static void
address_dialog_free (AddressDialog *data)
{
  g_clear_object (&data->self);
  g_free (data);
}

/* (transfer full) (nullable): the slug typed, or NULL when it is none or
 * the one the campaign has */
static char *
typed_slug (AddressDialog *data)
{
  g_autofree char *slug = pd_campaign_slugify (gtk_editable_get_text (data->entry));

  if (*slug == '\0' || data->self->campaign == NULL ||
      g_strcmp0 (slug, pd_campaign_get_slug (data->self->campaign)) == 0)
    return NULL;
  return g_steal_pointer (&slug);
}

static void
update_dialog (AdwMessageDialog *dialog,
               AddressDialog    *data)
{
  g_autofree char *slug = pd_campaign_slugify (gtk_editable_get_text (data->entry));
  g_autofree char *changed = typed_slug (data);
  g_autofree char *address = NULL;
  g_autofree char *preview = NULL;

  if (data->self->campaign == NULL)
    return;

  if (*slug != '\0')
    {
      address = address_for (data->self, slug);
      /* Translators: %s is a web address, "https://give.example/weihnachten-2026" */
      preview = g_strdup_printf (_("New address: %s"), address);
    }
  gtk_label_set_label (data->preview, preview != NULL ? preview : _("The address needs a letter or a digit."));
  adw_message_dialog_set_response_enabled (dialog, "change",
                                           changed != NULL &&
                                           (data->understood == NULL ||
                                            gtk_check_button_get_active (data->understood)));
}

static void
on_dialog_input_changed_cb (AdwMessageDialog *dialog)
{
  update_dialog (dialog, g_object_get_data (G_OBJECT (dialog), "address-dialog"));
}

static void
on_dialog_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       AddressDialog    *data)
{
  PdDetailsPage *self = data->self;
  g_autofree char *slug = typed_slug (data);
  g_autoptr(PdCampaign) copy = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "change") || slug == NULL || self->store == NULL)
    return;

  copy = PD_CAMPAIGN (pd_record_copy (PD_RECORD (self->campaign)));
  pd_campaign_set_slug (copy, slug);
  if (!pd_store_save (self->store, PD_RECORD (copy), _("Change Web Address"), &error))
    {
      gtk_label_set_label (self->general_error, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->general_error), TRUE);
    }
}

void
_pd_details_page_change_address (PdDetailsPage *self)
{
  g_autofree char *address = NULL;
  g_autofree char *body = NULL;
  AddressDialog *data;
  AdwMessageDialog *dialog;
  GtkWidget *box;
  GtkWidget *entry;
  GtkWidget *preview;
  gboolean published;

  if (self->campaign == NULL)
    return;
  if (_pd_details_page_get_address_state (self) == ADDRESS_VOUCHERS)
    {
      restore_address (self);
      return;
    }

  published = pd_campaign_get_status (self->campaign) != PD_CAMPAIGN_STATUS_DRAFT;
  address = address_for (self, pd_campaign_get_slug (self->campaign));
  if (published)
    /* Translators: %s is the campaign's current web address */
    body = g_strdup_printf (_("Printed vouchers and their QR codes lead to %s. Once the address changes, "
                              "they stop working: donors who scan them will not find the campaign."), address);
  else
    body = g_strdup (_("The donor page will be at the new address. It then no longer follows the name."));

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                       _("Change Web Address?"), body));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "change", _("C_hange Address"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "change",
                                              published ? ADW_RESPONSE_DESTRUCTIVE : ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, published ? "cancel" : "change");
  adw_message_dialog_set_close_response (dialog, "cancel");

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), pd_campaign_get_slug (self->campaign));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), !published);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("New web address"), -1);
  gtk_box_append (GTK_BOX (box), entry);
  preview = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (preview), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (preview), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (preview), 0);
  gtk_widget_add_css_class (preview, "dim-label");
  gtk_widget_add_css_class (preview, "caption");
  gtk_box_append (GTK_BOX (box), preview);

  data = g_new0 (AddressDialog, 1);
  data->self = g_object_ref (self);
  data->entry = GTK_EDITABLE (entry);
  data->preview = GTK_LABEL (preview);
  if (published)
    {
      GtkWidget *check = gtk_check_button_new_with_mnemonic (_("I understand that printed vouchers will _stop working"));

      gtk_box_append (GTK_BOX (box), check);
      data->understood = GTK_CHECK_BUTTON (check);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (on_dialog_input_changed_cb), dialog);
    }
  adw_message_dialog_set_extra_child (dialog, box);

  g_object_set_data_full (G_OBJECT (dialog), "address-dialog", data, (GDestroyNotify) address_dialog_free);
  g_signal_connect_swapped (entry, "changed", G_CALLBACK (on_dialog_input_changed_cb), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (on_dialog_response_cb), data);
  update_dialog (dialog, data);

  /* A dialog left open must not change the campaign chosen next. */
  g_set_weak_pointer (&self->address_dialog, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}
