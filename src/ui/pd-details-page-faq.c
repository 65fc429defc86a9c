/* pd-details-page-faq.c: the FAQ entries of the Details page
 *
 * Rows are only rebuilt when entries are added or removed, so the row
 * being typed in keeps its focus while its text is saved.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-details-page"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-details-page-private.h"
#include "pd-ui-utils.h"

static void
set_row_title (PdFaqRow *row)
{
  const char *question = gtk_editable_get_text (GTK_EDITABLE (row->question_row));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->expander),
                                 *question != '\0' ? question : _("New Question"));
}

static void
on_faq_changed_cb (GtkEditable   *editable,
                   PdDetailsPage *self)
{
  for (guint i = 0; i < self->faq_rows->len; i++)
    {
      PdFaqRow *row = g_ptr_array_index (self->faq_rows, i);

      if (GTK_EDITABLE (row->question_row) == editable)
        set_row_title (row);
    }
  _pd_details_page_mark_dirty (self, FIELD_FAQ);
}

static void
on_remove_clicked_cb (GtkButton     *button,
                      PdDetailsPage *self)
{
  for (guint i = 0; i < self->faq_rows->len; i++)
    {
      PdFaqRow *row = g_ptr_array_index (self->faq_rows, i);

      if (gtk_widget_is_ancestor (GTK_WIDGET (button), GTK_WIDGET (row->expander)))
        {
          _pd_details_page_remove_question (self, i);
          return;
        }
    }
}

static PdFaqRow *
add_row (PdDetailsPage *self,
         PdFaqEntry    *entry,
         guint          position)
{
  PdFaqRow *row = g_new0 (PdFaqRow, 1);
  GtkWidget *remove;
  g_autofree char *remove_label = NULL;

  row->expander = ADW_EXPANDER_ROW (adw_expander_row_new ());
  /* Its title is the question as typed, never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row->expander), FALSE);
  row->question_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  row->answer_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->question_row), _("Question"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->answer_row), _("Answer"));
  pd_entry_row_name_parts (row->question_row);
  pd_entry_row_name_parts (row->answer_row);
  gtk_editable_set_enable_undo (GTK_EDITABLE (row->question_row), FALSE);
  gtk_editable_set_enable_undo (GTK_EDITABLE (row->answer_row), FALSE);
  gtk_editable_set_text (GTK_EDITABLE (row->question_row), pd_faq_entry_get_question (entry));
  gtk_editable_set_text (GTK_EDITABLE (row->answer_row), pd_faq_entry_get_answer (entry));
  adw_expander_row_add_row (row->expander, GTK_WIDGET (row->question_row));
  adw_expander_row_add_row (row->expander, GTK_WIDGET (row->answer_row));
  set_row_title (row);

  remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  /* Translators: %u is the number of a question in the FAQ */
  remove_label = g_strdup_printf (_("Remove Question %u"), position + 1);
  gtk_widget_set_tooltip_text (remove, _("Remove Question"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label, -1);
  adw_expander_row_add_action (row->expander, remove);

  g_signal_connect (row->question_row, "changed", G_CALLBACK (on_faq_changed_cb), self);
  g_signal_connect (row->answer_row, "changed", G_CALLBACK (on_faq_changed_cb), self);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_clicked_cb), self);
  _pd_details_page_watch_focus (self, GTK_WIDGET (row->expander));

  adw_preferences_group_add (self->faq_group, GTK_WIDGET (row->expander));
  g_ptr_array_add (self->faq_rows, row);
  return row;
}

void
_pd_details_page_clear_faq (PdDetailsPage *self)
{
  for (guint i = 0; i < self->faq_rows->len; i++)
    {
      PdFaqRow *row = g_ptr_array_index (self->faq_rows, i);

      adw_preferences_group_remove (self->faq_group, GTK_WIDGET (row->expander));
    }
  g_ptr_array_set_size (self->faq_rows, 0);
}

void
_pd_details_page_refresh_faq (PdDetailsPage *self)
{
  GListModel *faq = self->text != NULL ? pd_campaign_text_get_faq (self->text) : NULL;
  guint n = faq != NULL ? g_list_model_get_n_items (faq) : 0;

  if (n != self->faq_rows->len)
    _pd_details_page_clear_faq (self);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PdFaqEntry) entry = g_list_model_get_item (faq, i);

      if (i < self->faq_rows->len)
        {
          PdFaqRow *row = g_ptr_array_index (self->faq_rows, i);

          if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row->question_row)),
                         pd_faq_entry_get_question (entry)) != 0)
            gtk_editable_set_text (GTK_EDITABLE (row->question_row), pd_faq_entry_get_question (entry));
          if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row->answer_row)),
                         pd_faq_entry_get_answer (entry)) != 0)
            gtk_editable_set_text (GTK_EDITABLE (row->answer_row), pd_faq_entry_get_answer (entry));
          set_row_title (row);
        }
      else
        add_row (self, entry, i);
    }
}

/* Replaces the FAQ of @text (in a copy of the campaign) by the rows. */
void
_pd_details_page_apply_faq (PdDetailsPage  *self,
                            PdCampaignText *text)
{
  GListModel *faq = pd_campaign_text_get_faq (text);

  while (g_list_model_get_n_items (faq) > 0)
    pd_campaign_text_remove_faq (text, 0);

  for (guint i = 0; i < self->faq_rows->len; i++)
    {
      PdFaqRow *row = g_ptr_array_index (self->faq_rows, i);
      g_autoptr(PdFaqEntry) entry =
        pd_faq_entry_new (gtk_editable_get_text (GTK_EDITABLE (row->question_row)),
                          gtk_editable_get_text (GTK_EDITABLE (row->answer_row)));

      pd_campaign_text_append_faq (text, entry);
    }
}

static gboolean
save_faq_change (PdDetailsPage *self,
                 PdCampaign    *copy,
                 const char    *title)
{
  g_autoptr(GError) error = NULL;

  if (!pd_store_save (self->store, PD_RECORD (copy), title, &error))
    {
      AdwToast *toast = adw_toast_new (error->message);
      GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

      if (overlay != NULL)
        adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
      else
        g_object_unref (g_object_ref_sink (toast));
      return FALSE;
    }
  return TRUE;
}

void
_pd_details_page_add_question (PdDetailsPage *self)
{
  g_autoptr(PdCampaign) copy = NULL;
  g_autoptr(PdFaqEntry) entry = NULL;
  PdCampaignText *text;

  if (self->store == NULL || self->campaign == NULL)
    return;

  pd_details_page_flush (self);
  copy = PD_CAMPAIGN (pd_record_copy (PD_RECORD (self->campaign)));
  text = pd_campaign_ensure_text (copy, self->language);
  _pd_details_page_apply_faq (self, text);
  entry = pd_faq_entry_new ("", "");
  pd_campaign_text_append_faq (text, entry);

  if (save_faq_change (self, copy, _("Add Question")))
    {
      PdFaqRow *row;

      /* Show and focus the new, empty question at once. */
      _pd_details_page_refresh (self);
      if (self->faq_rows->len == 0)
        return;
      row = g_ptr_array_index (self->faq_rows, self->faq_rows->len - 1);
      adw_expander_row_set_expanded (row->expander, TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (row->question_row));
    }
}

void
_pd_details_page_remove_question (PdDetailsPage *self,
                                  guint          position)
{
  g_autoptr(PdCampaign) copy = NULL;
  PdCampaignText *text;

  if (self->store == NULL || self->campaign == NULL)
    return;

  pd_details_page_flush (self);
  copy = PD_CAMPAIGN (pd_record_copy (PD_RECORD (self->campaign)));
  text = pd_campaign_ensure_text (copy, self->language);
  if (position >= g_list_model_get_n_items (pd_campaign_text_get_faq (text)))
    return;
  pd_campaign_text_remove_faq (text, position);
  save_faq_change (self, copy, _("Remove Question"));
}
