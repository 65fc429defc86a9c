/* pd-conflict-dialog.c: decide, field by field, the records in conflict
 *
 * Lists every record the sync engine holds in conflict. For each field
 * changed on both sides it shows the value here and the platform's value
 * as a pair of radio rows; for a record deleted on one side and changed on
 * the other, whether to keep it or let it go. Nothing is pre-selected:
 * the user decides each field, and Apply hands the decided records to the
 * engine, which stores the result and pushes it. Undecided records stay in
 * conflict, with both sides kept. Above the list the dialog says how many
 * choices are still open, so a greyed Apply never goes unexplained.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-conflict-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-account.h"
#include "pd-conflict-dialog.h"
#include "pd-field-text.h"
#include "pd-json.h"
#include "pd-theme.h"

struct _PdConflictDialog
{
  AdwWindow     parent_instance;

  PdSyncEngine *engine;
  GListModel   *conflicts;
  GHashTable   *checks;   /* "kind/id/field/choice" -> GtkCheckButton */

  GtkWidget    *apply_button;
  GtkRevealer  *undecided_revealer;
  GtkLabel     *undecided_label;
  GtkRevealer  *error_revealer;
  GtkLabel     *error_label;
  GtkStack     *stack;
  GtkLabel     *summary_label;
  GtkBox       *records_box;
};

G_DEFINE_FINAL_TYPE (PdConflictDialog, pd_conflict_dialog, ADW_TYPE_WINDOW)

/* The whole record's choice (delete against edit) under this field name,
 * as PdSyncConflict keeps it. */
#define WHOLE_RECORD ""

static char *
check_key (PdSyncConflict   *conflict,
           const char       *field,
           PdConflictChoice  choice)
{
  return g_strdup_printf ("%s/%s/%s/%d", pd_sync_conflict_get_kind (conflict),
                          pd_sync_conflict_get_id (conflict), field, choice);
}

static gboolean
any_decided (PdConflictDialog *self)
{
  guint n = g_list_model_get_n_items (self->conflicts);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PdSyncConflict) conflict = g_list_model_get_item (self->conflicts, i);

      if (pd_sync_conflict_is_decided (conflict))
        return TRUE;
    }
  return FALSE;
}

/* (transfer full) (nullable): what is still to be chosen, %NULL when
 * nothing is. */
static char *
dup_undecided_text (PdConflictDialog *self)
{
  guint n = g_list_model_get_n_items (self->conflicts);
  guint fields = 0, records = 0;
  g_autofree char *fields_text = NULL;
  g_autofree char *records_text = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PdSyncConflict) conflict = g_list_model_get_item (self->conflicts, i);
      const char * const *names = pd_sync_conflict_get_fields (conflict);

      if (pd_sync_conflict_get_deleted_here (conflict) || pd_sync_conflict_get_deleted_there (conflict))
        {
          if (!pd_sync_conflict_is_decided (conflict))
            records++;
          continue;
        }
      for (guint j = 0; names[j] != NULL; j++)
        if (pd_sync_conflict_get_choice (conflict, names[j]) == PD_CONFLICT_CHOICE_NONE)
          fields++;
    }

  if (fields > 0)
    /* TRANSLATORS: shown while Apply waits for the user's choices; %u is a number of fields */
    fields_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "Choose a version for %u more field",
                                                "Choose a version for %u more fields",
                                                fields), fields);
  if (records > 0)
    /* TRANSLATORS: shown while Apply waits for the user's choices; %u is a number of
     * records deleted on one side and changed on the other */
    records_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "Choose what happens to %u more deleted item",
                                                 "Choose what happens to %u more deleted items",
                                                 records), records);
  if (fields_text != NULL && records_text != NULL)
    return g_strconcat (fields_text, "\n", records_text, NULL);
  if (fields_text != NULL)
    return g_steal_pointer (&fields_text);
  return g_steal_pointer (&records_text);
}

static void
update_apply (PdConflictDialog *self)
{
  g_autofree char *undecided = dup_undecided_text (self);
  const char *tooltip = undecided != NULL ? undecided
                                          : _("Apply the decided conflicts and sync them (Ctrl+Return)");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "conflicts.apply", any_decided (self));
  gtk_label_set_label (self->undecided_label, undecided != NULL ? undecided : "");
  gtk_revealer_set_reveal_child (self->undecided_revealer, undecided != NULL);
  gtk_widget_set_tooltip_text (self->apply_button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->apply_button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, tooltip,
                                  -1);
}

static void
on_check_toggled_cb (GtkCheckButton   *check,
                     PdConflictDialog *self)
{
  PdSyncConflict *conflict = g_object_get_data (G_OBJECT (check), "conflict");
  const char *field = g_object_get_data (G_OBJECT (check), "field");
  PdConflictChoice choice = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (check), "choice"));

  if (!gtk_check_button_get_active (check))
    return;

  if (*field == '\0')
    pd_sync_conflict_choose_all (conflict, choice);
  else
    pd_sync_conflict_choose (conflict, field, choice);
  update_apply (self);
}

/* One radio row: @title says what the choice does, @subtitle shows the
 * value it keeps. Returns the row; its radio button goes to @check_out. */
static GtkWidget *
choice_row (PdConflictDialog  *self,
            PdSyncConflict    *conflict,
            const char        *field,
            PdConflictChoice   choice,
            const char        *title,
            const char        *subtitle,
            const char        *accessible_label,
            GtkCheckButton    *group,
            GtkCheckButton   **check_out)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 6);

  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  if (group != NULL)
    gtk_check_button_set_group (GTK_CHECK_BUTTON (check), group);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                               pd_sync_conflict_get_choice (conflict, field) == choice);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle,
                                  -1);
  g_object_set_data_full (G_OBJECT (check), "conflict", g_object_ref (conflict), g_object_unref);
  g_object_set_data_full (G_OBJECT (check), "field", g_strdup (field), g_free);
  g_object_set_data (G_OBJECT (check), "choice", GINT_TO_POINTER (choice));
  g_signal_connect_object (check, "toggled", G_CALLBACK (on_check_toggled_cb), self, 0);

  /* Screen readers moving row by row hear which field the choice is for,
   * not only "Keep mine" again and again. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label,
                                  -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  g_hash_table_insert (self->checks, check_key (conflict, field, choice), check);
  if (check_out != NULL)
    *check_out = GTK_CHECK_BUTTON (check);
  return row;
}

/* A campaign's theme by the name the user gave it, not by its id. */
static char *
value_text (PdConflictDialog *self,
            PdSyncConflict   *conflict,
            const char       *field,
            JsonNode         *value,
            JsonNode         *record)
{
  const char *kind = pd_sync_conflict_get_kind (conflict);

  if (g_str_equal (field, "theme_id") && value != NULL && JSON_NODE_HOLDS_VALUE (value) &&
      json_node_get_value_type (value) == G_TYPE_STRING)
    {
      PdStore *store = pd_account_open_store (pd_sync_engine_get_account (self->engine), NULL);
      g_autoptr(PdTheme) theme = store != NULL ? pd_store_get_theme (store, json_node_get_string (value)) : NULL;

      if (theme != NULL && pd_theme_get_name (theme) != NULL && *pd_theme_get_name (theme) != '\0')
        return g_strdup (pd_theme_get_name (theme));
    }
  return pd_field_text_dup_value (kind, field, value, record);
}

/* One side's value of @field, and of each field that goes with it where
 * the two sides differ ("Web address: winter-appeal"), so the user sees
 * everything a choice takes. */
static char *
side_text (PdConflictDialog *self,
           PdSyncConflict   *conflict,
           const char       *field,
           gboolean          mine)
{
  const char *kind = pd_sync_conflict_get_kind (conflict);
  JsonNode *record = mine ? pd_sync_conflict_get_local (conflict) : pd_sync_conflict_get_server (conflict);
  g_auto(GStrv) followers = pd_sync_conflict_dup_followers (conflict, field);
  g_autofree char *value = value_text (self, conflict, field,
                                       mine ? pd_sync_conflict_get_local_value (conflict, field)
                                            : pd_sync_conflict_get_server_value (conflict, field),
                                       record);
  GString *text = g_string_new (value);

  for (guint i = 0; followers[i] != NULL; i++)
    {
      JsonNode *here = pd_sync_conflict_get_local_value (conflict, followers[i]);
      JsonNode *there = pd_sync_conflict_get_server_value (conflict, followers[i]);
      g_autofree char *label = NULL;
      g_autofree char *shown = NULL;

      if (pd_json_equal (here, there))
        continue;
      label = pd_field_text_dup_label (kind, followers[i]);
      shown = value_text (self, conflict, followers[i], mine ? here : there, record);
      g_string_append_c (text, '\n');
      /* TRANSLATORS: a field that goes with the one chosen, and its value,
       * e.g. "Web address: winter-appeal" under a campaign's name */
      g_string_append_printf (text, _("%s: %s"), label, shown);
    }
  return g_string_free (text, FALSE);
}

/* A field changed on both sides: its two values, one to keep. */
static GtkWidget *
field_group (PdConflictDialog *self,
             PdSyncConflict   *conflict,
             const char       *field)
{
  const char *kind = pd_sync_conflict_get_kind (conflict);
  g_autofree char *label = pd_field_text_dup_label (kind, field);
  g_autofree char *mine = side_text (self, conflict, field, TRUE);
  g_autofree char *theirs = side_text (self, conflict, field, FALSE);
  /* TRANSLATORS: accessible name of a radio button; %s is a field, e.g. "Keep mine: Name" */
  g_autofree char *mine_label = g_strdup_printf (_("Keep mine: %s"), label);
  /* TRANSLATORS: accessible name of a radio button; %s is a field, e.g. "Take the platform’s: Name" */
  g_autofree char *theirs_label = g_strdup_printf (_("Take the platform’s: %s"), label);
  GtkWidget *group = adw_preferences_group_new ();
  GtkCheckButton *mine_check = NULL;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), label);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             choice_row (self, conflict, field, PD_CONFLICT_CHOICE_MINE,
                                         _("Keep mine"), mine, mine_label, NULL, &mine_check));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             choice_row (self, conflict, field, PD_CONFLICT_CHOICE_THEIRS,
                                         _("Take the platform’s"), theirs, theirs_label, mine_check, NULL));
  return group;
}

/* Deleted on one side, changed on the other: keep the record or not. */
static GtkWidget *
deletion_group (PdConflictDialog *self,
                PdSyncConflict   *conflict)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkCheckButton *mine_check = NULL;
  GtkWidget *mine_row, *theirs_row;

  if (pd_sync_conflict_get_deleted_there (conflict))
    {
      mine_row = choice_row (self, conflict, WHOLE_RECORD, PD_CONFLICT_CHOICE_MINE,
                             _("Keep my version"),
                             _("It is restored on the platform, with your changes."),
                             _("Keep my version"), NULL, &mine_check);
      theirs_row = choice_row (self, conflict, WHOLE_RECORD, PD_CONFLICT_CHOICE_THEIRS,
                               _("Accept the deletion"),
                               _("It is removed here as well, with your changes to it."),
                               _("Accept the deletion"), mine_check, NULL);
    }
  else
    {
      mine_row = choice_row (self, conflict, WHOLE_RECORD, PD_CONFLICT_CHOICE_MINE,
                             _("Keep it deleted"),
                             _("It is deleted on the platform as well, with the changes made there."),
                             _("Keep it deleted"), NULL, &mine_check);
      theirs_row = choice_row (self, conflict, WHOLE_RECORD, PD_CONFLICT_CHOICE_THEIRS,
                               _("Restore the platform’s version"),
                               _("It comes back here, with the changes made on the platform."),
                               _("Restore the platform’s version"), mine_check, NULL);
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), mine_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), theirs_row);
  return group;
}

static void
on_choose_all_clicked_cb (GtkButton        *button,
                          PdConflictDialog *self)
{
  PdSyncConflict *conflict = g_object_get_data (G_OBJECT (button), "conflict");
  PdConflictChoice choice = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "choice"));
  const char * const *fields = pd_sync_conflict_get_fields (conflict);

  /* Through the radios, so that what is shown is what is chosen. */
  for (guint i = 0; fields[i] != NULL; i++)
    {
      g_autofree char *key = check_key (conflict, fields[i], choice);
      GtkCheckButton *check = g_hash_table_lookup (self->checks, key);

      if (check != NULL)
        gtk_check_button_set_active (check, TRUE);
    }
}

static GtkWidget *
choose_all_button (PdConflictDialog *self,
                   PdSyncConflict   *conflict,
                   PdConflictChoice  choice,
                   const char       *label,
                   const char       *accessible_label)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  gtk_widget_add_css_class (button, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label,
                                  -1);
  g_object_set_data_full (G_OBJECT (button), "conflict", g_object_ref (conflict), g_object_unref);
  g_object_set_data (G_OBJECT (button), "choice", GINT_TO_POINTER (choice));
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_choose_all_clicked_cb), self, 0);
  return button;
}

static char *
record_caption (PdSyncConflict *conflict)
{
  const char *kind_title = pd_field_text_kind_title (pd_sync_conflict_get_kind (conflict));
  guint n = g_strv_length ((char **) pd_sync_conflict_get_fields (conflict));

  if (pd_sync_conflict_get_deleted_there (conflict))
    /* TRANSLATORS: %s is a record kind, e.g. "Campaign" */
    return g_strdup_printf (_("%s · You changed it, but it was deleted on the platform."), kind_title);
  if (pd_sync_conflict_get_deleted_here (conflict))
    /* TRANSLATORS: %s is a record kind, e.g. "Campaign" */
    return g_strdup_printf (_("%s · You deleted it, but it was changed on the platform."), kind_title);
  /* TRANSLATORS: %s is a record kind, e.g. "Campaign"; %u a number of fields */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%s · %u field was changed here and on the platform.",
                                       "%s · %u fields were changed here and on the platform.",
                                       n),
                          kind_title, n);
}

static GtkWidget *
record_widget (PdConflictDialog *self,
               PdSyncConflict   *conflict)
{
  const char * const *fields = pd_sync_conflict_get_fields (conflict);
  g_autofree char *title = pd_sync_conflict_dup_title (conflict);
  g_autofree char *caption = record_caption (conflict);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *title_label = gtk_label_new (title);
  GtkWidget *caption_label = gtk_label_new (caption);
  gboolean deletion = pd_sync_conflict_get_deleted_here (conflict) ||
                      pd_sync_conflict_get_deleted_there (conflict);

  gtk_label_set_wrap (GTK_LABEL (title_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (title_label), 0);
  gtk_widget_add_css_class (title_label, "title-3");
  gtk_label_set_wrap (GTK_LABEL (caption_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (caption_label), 0);
  gtk_widget_add_css_class (caption_label, "dim-label");
  gtk_box_append (GTK_BOX (texts), title_label);
  gtk_box_append (GTK_BOX (texts), caption_label);
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (header), texts);

  if (!deletion && g_strv_length ((char **) fields) > 1)
    {
      GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      /* TRANSLATORS: accessible name of a button; %s is a record's name */
      g_autofree char *all_mine = g_strdup_printf (_("Keep all mine in “%s”"), title);
      /* TRANSLATORS: accessible name of a button; %s is a record's name */
      g_autofree char *all_theirs = g_strdup_printf (_("Take all of the platform’s in “%s”"), title);

      gtk_widget_set_valign (buttons, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (buttons), choose_all_button (self, conflict, PD_CONFLICT_CHOICE_MINE,
                                                            _("Keep All Mine"), all_mine));
      gtk_box_append (GTK_BOX (buttons), choose_all_button (self, conflict, PD_CONFLICT_CHOICE_THEIRS,
                                                            _("Take All the Platform’s"), all_theirs));
      gtk_box_append (GTK_BOX (header), buttons);
    }
  gtk_box_append (GTK_BOX (box), header);

  if (deletion)
    gtk_box_append (GTK_BOX (box), deletion_group (self, conflict));
  else
    for (guint i = 0; fields[i] != NULL; i++)
      gtk_box_append (GTK_BOX (box), field_group (self, conflict, fields[i]));

  return box;
}

static void
rebuild (PdConflictDialog *self)
{
  guint n = g_list_model_get_n_items (self->conflicts);
  GtkWidget *child;
  g_autofree char *summary = NULL;

  g_hash_table_remove_all (self->checks);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->records_box))) != NULL)
    gtk_box_remove (self->records_box, child);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PdSyncConflict) conflict = g_list_model_get_item (self->conflicts, i);

      gtk_box_append (self->records_box, record_widget (self, conflict));
    }

  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%u item was changed both here and on the platform. For each field, choose the version to keep. Until you apply, both versions are kept.",
                                          "%u items were changed both here and on the platform. For each field, choose the version to keep. Until you apply, both versions are kept.",
                                          n), n);
  gtk_label_set_label (self->summary_label, summary);
  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "conflicts" : "none");
  update_apply (self);
}

static void
on_conflicts_changed_cb (PdConflictDialog *self)
{
  rebuild (self);
}

static void
apply_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  PdConflictDialog *self = PD_CONFLICT_DIALOG (widget);
  g_autoptr(GPtrArray) decided = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GString) errors = g_string_new (NULL);
  guint n = g_list_model_get_n_items (self->conflicts);

  /* Resolving changes the list: decide on a copy of it. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PdSyncConflict) conflict = g_list_model_get_item (self->conflicts, i);

      if (pd_sync_conflict_is_decided (conflict))
        g_ptr_array_add (decided, g_steal_pointer (&conflict));
    }

  for (guint i = 0; i < decided->len; i++)
    {
      PdSyncConflict *conflict = g_ptr_array_index (decided, i);
      g_autoptr(GError) error = NULL;

      if (!pd_sync_engine_resolve_conflict (self->engine, conflict, &error))
        {
          g_autofree char *title = pd_sync_conflict_dup_title (conflict);

          if (errors->len > 0)
            g_string_append_c (errors, '\n');
          /* TRANSLATORS: a record's name, then why its conflict could not be resolved */
          g_string_append_printf (errors, _("%s: %s"), title, error->message);
        }
    }

  gtk_label_set_label (self->error_label, errors->str);
  gtk_revealer_set_reveal_child (self->error_revealer, errors->len > 0);

  if (errors->len == 0 && g_list_model_get_n_items (self->conflicts) == 0)
    gtk_window_close (GTK_WINDOW (self));
}

static void
pd_conflict_dialog_dispose (GObject *object)
{
  PdConflictDialog *self = PD_CONFLICT_DIALOG (object);

  if (self->conflicts != NULL)
    g_signal_handlers_disconnect_by_data (self->conflicts, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), PD_TYPE_CONFLICT_DIALOG);
  g_clear_pointer (&self->checks, g_hash_table_unref);
  g_clear_object (&self->conflicts);
  g_clear_object (&self->engine);

  G_OBJECT_CLASS (pd_conflict_dialog_parent_class)->dispose (object);
}

static void
pd_conflict_dialog_class_init (PdConflictDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pd_conflict_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/particulate/Designer/ui/pd-conflict-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PdConflictDialog, apply_button);
  gtk_widget_class_bind_template_child (widget_class, PdConflictDialog, undecided_revealer);
  gtk_widget_class_bind_template_child (widget_class, PdConflictDialog, undecided_label);
  gtk_widget_class_bind_template_child (widget_class, PdConflictDialog, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, PdConflictDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, PdConflictDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, PdConflictDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, PdConflictDialog, records_box);

  gtk_widget_class_install_action (widget_class, "conflicts.apply", NULL, apply_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "conflicts.apply", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pd_conflict_dialog_init (PdConflictDialog *self)
{
  self->checks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
}

PdConflictDialog *
pd_conflict_dialog_new (PdSyncEngine *engine)
{
  PdConflictDialog *self;

  g_return_val_if_fail (PD_IS_SYNC_ENGINE (engine), NULL);

  self = g_object_new (PD_TYPE_CONFLICT_DIALOG, NULL);
  self->engine = g_object_ref (engine);
  self->conflicts = g_object_ref (pd_sync_engine_get_conflicts (engine));
  g_signal_connect_object (self->conflicts, "items-changed",
                           G_CALLBACK (on_conflicts_changed_cb), self, G_CONNECT_SWAPPED);
  rebuild (self);
  return self;
}

/**
 * pd_conflict_dialog_get_engine:
 *
 * Returns: (transfer none): the engine whose conflicts are shown
 */
PdSyncEngine *
pd_conflict_dialog_get_engine (PdConflictDialog *self)
{
  g_return_val_if_fail (PD_IS_CONFLICT_DIALOG (self), NULL);
  return self->engine;
}

gboolean
pd_conflict_dialog_choose (PdConflictDialog *self,
                           const char       *kind,
                           const char       *id,
                           const char       *field,
                           PdConflictChoice  choice)
{
  g_autofree char *key = NULL;
  GtkCheckButton *check;

  g_return_val_if_fail (PD_IS_CONFLICT_DIALOG (self), FALSE);
  g_return_val_if_fail (kind != NULL && id != NULL, FALSE);

  key = g_strdup_printf ("%s/%s/%s/%d", kind, id, field != NULL ? field : WHOLE_RECORD, choice);
  check = g_hash_table_lookup (self->checks, key);
  if (check == NULL)
    return FALSE;
  /* What a click on the radio or its row does. */
  gtk_widget_activate (GTK_WIDGET (check));
  return TRUE;
}
