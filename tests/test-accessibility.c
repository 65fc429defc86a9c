/* test-accessibility.c: every control can be named and reached without a mouse
 *
 * Runs the real application, shows every page of the main window and opens
 * every dialog, and walks each widget tree through GTK's accessibility API
 * (GTK_A11Y=test). It checks, for every widget on every window:
 *
 * - each interactive widget (button, toggle, switch, check box, entry,
 *   search entry, spin button, drop-down, colour button, menu button, list
 *   row, tab, link, slider) has an accessible name: an accessible label or
 *   labelled-by relation, text content for roles named by their content
 *   (buttons, rows, tabs, …), or the title of the libadwaita row it is the
 *   activatable widget of. A tooltip alone is not a name.
 *
 * - each widget that accepts drops (GtkDropTarget, GtkDropTargetAsync) has a
 *   keyboard alternative. The convention: the drop controller's name
 *   (gtk_event_controller_set_name) is a detailed action name, such as
 *   "design.choose-logo", that does the same with the keyboard (opens a file
 *   chooser, pastes). The action must exist for the widget (installed on its
 *   class or an ancestor's class, or a win./app. action), and be reachable from
 *   the keyboard: an accelerator, a class key binding, or a button with that
 *   action on the same window. Text widgets are exempt: typing and pasting is
 *   their alternative.
 *
 * It is generic: a new page in any GtkStack, AdwViewStack or AdwLeaflet, a new
 * row or a new widget is checked without changing this file. A new dialog is
 * checked once its opening action is added to dialog_actions[] below; a
 * dialog listed there that cannot be opened (its type or its widget gone)
 * fails the test.
 *
 * Some dialogs only open in a certain state: the conflicts dialog needs an
 * account whose store holds records in conflict. Their entry prepares that
 * state first, with real records put into conflict in the account's real
 * store, and verifies that the dialog then shows what it is to be checked
 * with.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pd-application.h"
#include "pd-conflict-dialog.h"
#include "pd-context.h"
#include "pd-sync-test-utils.h"
#include "pd-test-ui-utils.h"
#include "pd-window.h"

typedef struct _Fixture Fixture;

static void open_account_in_conflict (Fixture   *fixture);
static void open_published_campaign  (Fixture   *fixture);
static void verify_address_confirmation (Fixture   *fixture,
                                         GtkWindow *dialog,
                                         guint      n_checked);
static void verify_conflicts_shown   (Fixture   *fixture,
                                      GtkWindow *dialog,
                                      guint      n_checked);

/* Actions that open a dialog, each checked on its own: an app. or win.
 * action, or an action installed on the first widget of a type in the
 * main window. A dialog that needs a certain state has @prepare, which
 * brings the window there, and @verify, which asserts that the open dialog
 * shows what it is to be checked with. */
static const struct {
  const char *widget_type;   /* NULL: the application or the window */
  const char *action;
  void      (*prepare) (Fixture   *fixture);
  void      (*verify)  (Fixture   *fixture,
                        GtkWindow *dialog,
                        guint      n_checked);
} dialog_actions[] = {
  { NULL, "app.preferences", NULL, NULL },
  { NULL, "app.about", NULL, NULL },
  { NULL, "win.show-help-overlay", NULL, NULL },
  { "PdAccountSwitcher", "account.add", NULL, NULL },
  { "PdProjectsPage", "projects.new-project", NULL, NULL },
  { "PdDetailsPage", "details.change-address", open_published_campaign, verify_address_confirmation },
  /* Last: it leaves the local workspace for an account's. */
  { NULL, "win.resolve-conflicts", open_account_in_conflict, verify_conflicts_shown },
};

/* ---------------------------------------------------------------------- */
/* The checker                                                             */

static gboolean
is_atomic_control (GtkWidget *widget)
{
  /* Controls whose inner widgets take the control's name: the toggle in a
   * menu button, the text in an entry, the arrows of a spin button. */
  return GTK_IS_MENU_BUTTON (widget) ||
         GTK_IS_DROP_DOWN (widget) ||
         GTK_IS_COLOR_BUTTON (widget) ||
         GTK_IS_FONT_BUTTON (widget) ||
         GTK_IS_SPIN_BUTTON (widget) ||
         GTK_IS_SWITCH (widget) ||
         GTK_IS_CHECK_BUTTON (widget) ||
         GTK_IS_BUTTON (widget) ||
         GTK_IS_SCALE (widget) ||
         ADW_IS_SPLIT_BUTTON (widget) ||
         (GTK_IS_EDITABLE (widget) && !ADW_IS_PREFERENCES_ROW (widget));
}

static gboolean
is_interactive (GtkWidget *widget)
{
  if (is_atomic_control (widget))
    return TRUE;

  /* Read-only text (a licence, release notes) is a document, not a control. */
  if (GTK_IS_TEXT_VIEW (widget) && !gtk_text_view_get_editable (GTK_TEXT_VIEW (widget)))
    return FALSE;

  switch ((int) gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget)))
    {
    case GTK_ACCESSIBLE_ROLE_BUTTON:
    case GTK_ACCESSIBLE_ROLE_CHECKBOX:
    case GTK_ACCESSIBLE_ROLE_COMBO_BOX:
    case GTK_ACCESSIBLE_ROLE_LINK:
    case GTK_ACCESSIBLE_ROLE_MENU_ITEM:
    case GTK_ACCESSIBLE_ROLE_MENU_ITEM_CHECKBOX:
    case GTK_ACCESSIBLE_ROLE_MENU_ITEM_RADIO:
    case GTK_ACCESSIBLE_ROLE_RADIO:
    case GTK_ACCESSIBLE_ROLE_SEARCH_BOX:
    case GTK_ACCESSIBLE_ROLE_SLIDER:
    case GTK_ACCESSIBLE_ROLE_SPIN_BUTTON:
    case GTK_ACCESSIBLE_ROLE_SWITCH:
    case GTK_ACCESSIBLE_ROLE_TAB:
    case GTK_ACCESSIBLE_ROLE_TEXT_BOX:
      return TRUE;

    case GTK_ACCESSIBLE_ROLE_LIST_ITEM:
    case GTK_ACCESSIBLE_ROLE_ROW:
      /* A row is a control when it can be activated or selected. */
      if (GTK_IS_LIST_BOX_ROW (widget))
        return gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (widget)) ||
               gtk_list_box_row_get_selectable (GTK_LIST_BOX_ROW (widget));
      return gtk_widget_get_focusable (widget);

    default:
      return FALSE;
    }
}

static gboolean
is_named_by_content (GtkWidget *widget)
{
  switch ((int) gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget)))
    {
    case GTK_ACCESSIBLE_ROLE_BUTTON:
    case GTK_ACCESSIBLE_ROLE_CHECKBOX:
    case GTK_ACCESSIBLE_ROLE_LINK:
    case GTK_ACCESSIBLE_ROLE_MENU_ITEM:
    case GTK_ACCESSIBLE_ROLE_MENU_ITEM_CHECKBOX:
    case GTK_ACCESSIBLE_ROLE_MENU_ITEM_RADIO:
    case GTK_ACCESSIBLE_ROLE_RADIO:
    case GTK_ACCESSIBLE_ROLE_TAB:
    case GTK_ACCESSIBLE_ROLE_LIST_ITEM:
    case GTK_ACCESSIBLE_ROLE_ROW:
    case GTK_ACCESSIBLE_ROLE_CELL:
      return TRUE;

    default:
      /* Compound buttons whose own role is not a button. */
      return GTK_IS_MENU_BUTTON (widget) || GTK_IS_CHECK_BUTTON (widget) ||
             ADW_IS_SPLIT_BUTTON (widget);
    }
}

static gboolean
has_text_content (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    {
      const char *text = gtk_label_get_text (GTK_LABEL (widget));

      return text != NULL && text[0] != '\0';
    }
  if (GTK_IS_INSCRIPTION (widget))
    {
      const char *text = gtk_inscription_get_text (GTK_INSCRIPTION (widget));

      return text != NULL && text[0] != '\0';
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      /* A popover's menu is not the name of the button it hangs on. */
      if (GTK_IS_POPOVER (child))
        continue;
      if (has_text_content (child))
        return TRUE;
    }

  return FALSE;
}

static gboolean
is_activatable_widget_of_titled_row (GtkWidget *widget)
{
  for (GtkWidget *w = gtk_widget_get_parent (widget); w != NULL; w = gtk_widget_get_parent (w))
    {
      if (ADW_IS_ACTION_ROW (w))
        {
          const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (w));

          return adw_action_row_get_activatable_widget (ADW_ACTION_ROW (w)) == widget &&
                 title != NULL && title[0] != '\0';
        }
    }

  return FALSE;
}

/* The widget in @tree that @widget is labelled by, if it is a single one. */
static GtkWidget *
find_labelled_by (GtkWidget *widget,
                  GtkWidget *tree)
{
  g_autofree char *mismatch = NULL;

  mismatch = gtk_test_accessible_check_relation (GTK_ACCESSIBLE (widget),
                                                 GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                                 tree, NULL);
  if (mismatch == NULL)
    return tree;

  for (GtkWidget *child = gtk_widget_get_first_child (tree);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_labelled_by (widget, child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
has_accessible_name (GtkWidget *widget)
{
  GtkAccessible *accessible = GTK_ACCESSIBLE (widget);

  if (gtk_test_accessible_has_property (accessible, GTK_ACCESSIBLE_PROPERTY_LABEL))
    return TRUE;

  /* GtkButton marks itself labelled by its child, even when the child is
   * an icon: the relation names it only if its target has text. A target
   * outside this window, or several targets, are taken on trust. */
  if (gtk_test_accessible_has_relation (accessible, GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    {
      GtkWidget *top = widget;
      GtkWidget *label;

      while (gtk_widget_get_parent (top) != NULL)
        top = gtk_widget_get_parent (top);
      label = find_labelled_by (widget, top);

      if (label == NULL || label == widget || has_text_content (label))
        return TRUE;
    }

  if (ADW_IS_PREFERENCES_ROW (widget))
    {
      const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget));

      if (title != NULL && title[0] != '\0')
        return TRUE;
    }

  if (is_named_by_content (widget) && has_text_content (widget))
    return TRUE;

  return is_activatable_widget_of_titled_row (widget);
}

static char *
describe_widget (GtkWidget *widget)
{
  GString *path = g_string_new (NULL);

  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    {
      const char *name = gtk_widget_get_name (w);
      const char *type = G_OBJECT_TYPE_NAME (w);

      if (w != widget)
        g_string_prepend (path, " > ");
      if (name != NULL && g_strcmp0 (name, type) != 0)
        {
          g_string_prepend_c (path, ')');
          g_string_prepend (path, name);
          g_string_prepend_c (path, '(');
        }
      g_string_prepend (path, type);
    }

  return g_string_free (path, FALSE);
}

static void add_problem (GPtrArray *problems,
                         char      *problem);

static gboolean
shortcut_controller_has_action (GtkShortcutController *controller,
                                const char            *action_name)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (controller));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), i);
      GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);

      if (GTK_IS_NAMED_ACTION (action) &&
          g_strcmp0 (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)), action_name) == 0)
        return TRUE;
    }

  return FALSE;
}

static gboolean
widget_has_key_binding (GtkWidget  *widget,
                        const char *action_name)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  guint n = g_list_model_get_n_items (controllers);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_SHORTCUT_CONTROLLER (controller) &&
          shortcut_controller_has_action (GTK_SHORTCUT_CONTROLLER (controller), action_name))
        return TRUE;
    }

  return FALSE;
}

static gboolean
class_has_action (GtkWidget  *widget,
                  const char *action_name)
{
  GtkWidgetClass *klass = GTK_WIDGET_GET_CLASS (widget);
  const GVariantType *parameter_type;
  const char *property_name;
  const char *name;
  GType owner;

  /* GTK 4.8 writes every out argument; none may be NULL. */
  for (guint i = 0;
       gtk_widget_class_query_action (klass, i, &owner, &name, &parameter_type, &property_name);
       i++)
    if (g_strcmp0 (name, action_name) == 0)
      return TRUE;

  return FALSE;
}

static gboolean
tree_has_actionable (GtkWidget  *widget,
                     const char *action_name)
{
  if (GTK_IS_ACTIONABLE (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (tree_has_actionable (child, action_name))
      return TRUE;

  return FALSE;
}

/* Whether @action_name resolves from @widget, including action groups
 * inserted with gtk_widget_insert_action_group(), which GTK offers no way to
 * list: a button with that action, placed under @widget for a moment, is
 * sensitive exactly when the action exists and is enabled. */
static gboolean
action_resolves_from (GtkWidget  *widget,
                      const char *action_name)
{
  GtkWidget *probe = g_object_ref_sink (gtk_button_new ());
  gboolean resolves;

  gtk_actionable_set_action_name (GTK_ACTIONABLE (probe), action_name);
  gtk_widget_set_parent (probe, widget);
  resolves = gtk_widget_get_sensitive (probe);
  gtk_widget_unparent (probe);
  g_object_unref (probe);

  return resolves;
}

/* Returns NULL when the drop target follows the convention above, or what
 * is wrong with it. */
static char *
check_drop_alternative (GtkWidget          *widget,
                        GtkEventController *controller)
{
  const char *action_name = gtk_event_controller_get_name (controller);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkApplication *app = NULL;
  gboolean exists;
  gboolean reachable = FALSE;
  const char *dot;

  if (action_name == NULL || (dot = strchr (action_name, '.')) == NULL)
    return g_strdup_printf ("accepts drops (%s), but its drop controller is not named after the action that is its keyboard alternative", G_OBJECT_TYPE_NAME (controller));

  if (GTK_IS_WINDOW (root))
    app = gtk_window_get_application (GTK_WINDOW (root));

  /* A disabled action does not resolve, so also look in the classes. */
  exists = action_resolves_from (widget, action_name);
  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    {
      if (class_has_action (w, action_name))
        exists = TRUE;
      if (widget_has_key_binding (w, action_name))
        reachable = TRUE;
    }

  if (g_str_has_prefix (action_name, "win.") && GTK_IS_APPLICATION_WINDOW (root) &&
      g_action_group_has_action (G_ACTION_GROUP (root), dot + 1))
    exists = TRUE;
  if (g_str_has_prefix (action_name, "app.") && app != NULL &&
      g_action_group_has_action (G_ACTION_GROUP (app), dot + 1))
    exists = TRUE;

  if (app != NULL)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (app, action_name);

      if (accels != NULL && accels[0] != NULL)
        reachable = TRUE;
    }
  if (root != NULL && tree_has_actionable (GTK_WIDGET (root), action_name))
    reachable = TRUE;

  if (!exists)
    return g_strdup_printf ("accepts drops; its keyboard alternative “%s” is not an action of the widget", action_name);
  if (!reachable)
    return g_strdup_printf ("accepts drops; its keyboard alternative “%s” has no shortcut and no button", action_name);

  return NULL;
}

static void
check_drop_targets (GtkWidget *widget,
                    GPtrArray *problems)
{
  g_autoptr(GListModel) controllers = NULL;
  guint n;

  /* Typing and pasting is the keyboard alternative of a text widget. */
  if (GTK_IS_TEXT (widget) || GTK_IS_TEXT_VIEW (widget))
    return;

  controllers = gtk_widget_observe_controllers (widget);
  n = g_list_model_get_n_items (controllers);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);
      g_autofree char *problem = NULL;

      if (!GTK_IS_DROP_TARGET (controller) && !GTK_IS_DROP_TARGET_ASYNC (controller))
        continue;

      /* Every GtkWindow has a target that only takes GTK's own marker for
       * drags that end outside any window: no user drop lands there. */
      if (GTK_IS_DROP_TARGET_ASYNC (controller))
        {
          GdkContentFormats *formats = gtk_drop_target_async_get_formats (GTK_DROP_TARGET_ASYNC (controller));
          gsize n_types = 0;
          const char * const *types = formats ? gdk_content_formats_get_mime_types (formats, &n_types) : NULL;

          if (n_types == 1 && g_strcmp0 (types[0], "application/x-rootwindow-drop") == 0 &&
              gdk_content_formats_get_gtypes (formats, NULL) == NULL)
            continue;
        }

      problem = check_drop_alternative (widget, controller);
      if (problem != NULL)
        {
          g_autofree char *where = describe_widget (widget);

          add_problem (problems, g_strdup_printf ("%s: %s", where, problem));
        }
    }
}

/* Gaps in the toolkit's own widgets that the user cannot reach in our
 * windows, each with its reason. Keep this list short and exact. */
static gboolean
is_known_toolkit_gap (GtkWidget *widget)
{
  /* libadwaita 1.2 labels neither the search entry nor the (icon-only)
   * search toggle in AdwPreferencesWindow's header bar. Both only show when
   * search is enabled, and our preferences disable it; with search on, they
   * are checked again. */
  if ((GTK_IS_SEARCH_ENTRY (widget) || GTK_IS_TOGGLE_BUTTON (widget)) &&
      gtk_widget_get_ancestor (widget, ADW_TYPE_HEADER_BAR) != NULL &&
      gtk_widget_get_ancestor (widget, ADW_TYPE_PREFERENCES_WINDOW) != NULL)
    {
      GtkWidget *window = gtk_widget_get_ancestor (widget, ADW_TYPE_PREFERENCES_WINDOW);

      return !adw_preferences_window_get_search_enabled (ADW_PREFERENCES_WINDOW (window));
    }

  /* libadwaita 1.2's AdwAboutWindow gives the Back buttons of its sub-pages
   * (Credits, Legal, …) only an icon and a tooltip; later versions label
   * them. We cannot reach them from our code. */
  if (GTK_IS_BUTTON (widget) &&
      gtk_widget_get_ancestor (widget, ADW_TYPE_ABOUT_WINDOW) != NULL &&
      gtk_widget_get_ancestor (widget, GTK_TYPE_HEADER_BAR) != NULL &&
      g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (widget)), "go-previous-symbolic") == 0 &&
      gtk_widget_get_tooltip_text (widget) != NULL)
    return TRUE;

  /* GTK 4.8 builds the header bar (search toggle, section menu button) and
   * the search bar (entry, close button) of GtkShortcutsWindow itself, out
   * of reach of our help-overlay.ui, with icons or placeholders and no
   * labels. What our overlay adds (sections, groups) is still checked. */
  if (gtk_widget_get_ancestor (widget, GTK_TYPE_SHORTCUTS_WINDOW) != NULL &&
      (gtk_widget_get_ancestor (widget, GTK_TYPE_HEADER_BAR) != NULL ||
       gtk_widget_get_ancestor (widget, GTK_TYPE_SEARCH_BAR) != NULL))
    return TRUE;

  return FALSE;
}

static void
add_problem (GPtrArray *problems,
             char      *problem)
{
  /* The same widget is seen once for every page of every stack. */
  if (g_ptr_array_find_with_equal_func (problems, problem, g_str_equal, NULL))
    g_free (problem);
  else
    g_ptr_array_add (problems, problem);
}

/* Walks @widget and its descendants and adds a line to @problems for each
 * interactive widget without a name and each drop target without a keyboard
 * alternative. Returns how many interactive widgets it checked. */
static guint
check_tree (GtkWidget *widget,
            GPtrArray *problems)
{
  guint n_checked = 0;

  check_drop_targets (widget, problems);

  if (is_interactive (widget))
    {
      n_checked++;

      if (!has_accessible_name (widget) && !is_known_toolkit_gap (widget))
        {
          g_autofree char *where = describe_widget (widget);

          add_problem (problems, g_strdup_printf ("%s: interactive (role %d) but has no accessible name",
                                                      where,
                                                      gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget))));
        }

      /* The parts of a control are named by the control. */
      if (is_atomic_control (widget))
        return n_checked;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n_checked += check_tree (child, problems);

  return n_checked;
}

/* Shows each page of each stack in turn, so that pages built when first
 * shown exist, and checks the tree after each. */
static void
collect_stacks (GtkWidget *widget,
                GPtrArray *stacks)
{
  if (GTK_IS_STACK (widget) || ADW_IS_VIEW_STACK (widget) || ADW_IS_LEAFLET (widget))
    g_ptr_array_add (stacks, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_stacks (child, stacks);
}

static GListModel *
get_stack_pages (GtkWidget *stack)
{
  if (GTK_IS_STACK (stack))
    return G_LIST_MODEL (gtk_stack_get_pages (GTK_STACK (stack)));
  if (ADW_IS_VIEW_STACK (stack))
    return G_LIST_MODEL (adw_view_stack_get_pages (ADW_VIEW_STACK (stack)));
  return G_LIST_MODEL (adw_leaflet_get_pages (ADW_LEAFLET (stack)));
}

static void
show_stack_page (GtkWidget *stack,
                 gpointer   page)
{
  if (GTK_IS_STACK (stack))
    gtk_stack_set_visible_child (GTK_STACK (stack), gtk_stack_page_get_child (page));
  else if (ADW_IS_VIEW_STACK (stack))
    adw_view_stack_set_visible_child (ADW_VIEW_STACK (stack), adw_view_stack_page_get_child (page));
  else if (adw_leaflet_page_get_navigatable (page))
    adw_leaflet_set_visible_child (ADW_LEAFLET (stack), adw_leaflet_page_get_child (page));
}

static GtkWidget *
get_stack_visible_child (GtkWidget *stack)
{
  if (GTK_IS_STACK (stack))
    return gtk_stack_get_visible_child (GTK_STACK (stack));
  if (ADW_IS_VIEW_STACK (stack))
    return adw_view_stack_get_visible_child (ADW_VIEW_STACK (stack));
  return adw_leaflet_get_visible_child (ADW_LEAFLET (stack));
}

static guint
check_all_pages (GtkWidget *root,
                 GPtrArray *problems,
                 guint     *n_pages)
{
  g_autoptr(GPtrArray) stacks = g_ptr_array_new ();
  guint n_checked = check_tree (root, problems);

  collect_stacks (root, stacks);
  for (guint i = 0; i < stacks->len; i++)
    {
      GtkWidget *stack = stacks->pdata[i];
      g_autoptr(GListModel) pages = get_stack_pages (stack);
      GtkWidget *previous = get_stack_visible_child (stack);
      guint n = g_list_model_get_n_items (pages);

      for (guint p = 0; p < n; p++)
        {
          g_autoptr(GObject) page = g_list_model_get_item (pages, p);

          show_stack_page (stack, page);
          pd_test_settle (20);
          n_checked += check_tree (stack, problems);
          (*n_pages)++;
        }

      /* Back to where it was, so the next stack is seen as the user would. */
      if (previous != NULL)
        {
          if (GTK_IS_STACK (stack))
            gtk_stack_set_visible_child (GTK_STACK (stack), previous);
          else if (ADW_IS_VIEW_STACK (stack))
            adw_view_stack_set_visible_child (ADW_VIEW_STACK (stack), previous);
          else
            adw_leaflet_set_visible_child (ADW_LEAFLET (stack), previous);
        }
    }

  return n_checked;
}

static void
assert_no_problems (const char *what,
                    GPtrArray  *problems)
{
  if (problems->len == 0)
    return;

  for (guint i = 0; i < problems->len; i++)
    g_printerr ("%s: %s\n", what, (char *) problems->pdata[i]);

  g_error ("%s: %u accessibility problem(s), listed above", what, problems->len);
}

/* ---------------------------------------------------------------------- */
/* The checker checks: known-bad and known-good trees                      */

static void
test_accessibility_checker_finds_problems (void)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *icon_button = gtk_button_new_from_icon_name ("list-add-symbolic");
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *drop_area = gtk_label_new ("Drop a logo here");
  GtkWidget *spin = gtk_spin_button_new_with_range (0, 10, 1);
  GtkDropTarget *drop = gtk_drop_target_new (G_TYPE_FILE, GDK_ACTION_COPY);

  g_object_ref_sink (box);
  gtk_box_append (GTK_BOX (box), icon_button);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), spin);
  gtk_box_append (GTK_BOX (box), drop_area);
  gtk_widget_add_controller (drop_area, GTK_EVENT_CONTROLLER (drop));

  /* An icon-only button, an entry, a spin button without a label, and a
   * drop target without a keyboard alternative. A tooltip is not a name. */
  gtk_widget_set_tooltip_text (icon_button, "Add");
  g_assert_cmpuint (check_tree (box, problems), ==, 3);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("%s", (char *) problems->pdata[i]);
  g_assert_cmpuint (problems->len, ==, 4);

  /* Named, they pass; the drop target still needs its alternative. */
  g_ptr_array_set_size (problems, 0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon_button), GTK_ACCESSIBLE_PROPERTY_LABEL, "Add", -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, "Name", -1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_RELATION_LABELLED_BY, drop_area, NULL, -1);
  check_tree (box, problems);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_nonnull (strstr (problems->pdata[0], "drop"));

  /* Named after an action that does not exist is still a problem. */
  g_ptr_array_set_size (problems, 0);
  gtk_event_controller_set_name (GTK_EVENT_CONTROLLER (drop), "design.choose-logo");
  check_tree (box, problems);
  g_assert_cmpuint (problems->len, ==, 1);

  g_object_unref (box);
}

static void
test_accessibility_checker_accepts_good_tree (void)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *labelled_button = gtk_button_new_with_label ("Choose Logo…");
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *row_switch = gtk_switch_new ();
  GtkWidget *drop_area = gtk_label_new ("Drop a logo here");
  GtkDropTarget *drop = gtk_drop_target_new (G_TYPE_FILE, GDK_ACTION_COPY);
  GSimpleActionGroup *group = g_simple_action_group_new ();
  GSimpleAction *action = g_simple_action_new ("choose-logo", NULL);

  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_box_append (GTK_BOX (box), labelled_button);
  gtk_box_append (GTK_BOX (box), list);
  gtk_box_append (GTK_BOX (box), drop_area);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), "Show Logo");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), row_switch);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), row_switch);
  gtk_list_box_append (GTK_LIST_BOX (list), row);

  /* The drop target's alternative is a window action with a button. */
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (action));
  gtk_widget_insert_action_group (window, "design", G_ACTION_GROUP (group));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (labelled_button), "design.choose-logo");
  gtk_event_controller_set_name (GTK_EVENT_CONTROLLER (drop), "design.choose-logo");
  gtk_widget_add_controller (drop_area, GTK_EVENT_CONTROLLER (drop));

  g_assert_cmpuint (check_tree (window, problems), ==, 3);
  g_assert_cmpuint (problems->len, ==, 0);

  /* Without the button, the alternative cannot be reached by keyboard. */
  gtk_actionable_set_action_name (GTK_ACTIONABLE (labelled_button), NULL);
  check_tree (window, problems);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_nonnull (strstr (problems->pdata[0], "no shortcut"));

  g_object_unref (action);
  g_object_unref (group);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* ---------------------------------------------------------------------- */
/* The real application                                                    */

struct _Fixture
{
  PdApplication *app;
  GtkWindow     *window;
  gboolean       checked;
  /* The account opened for the conflicts dialog, and its folder. */
  PdAccount     *account;
  char          *account_dir;
};

static GList *
list_visible_toplevels (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();
  GList *visible = NULL;

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (gtk_widget_get_visible (l->data))
      visible = g_list_prepend (visible, l->data);

  return visible;
}

/* The window that became visible since @before; the shortcuts window, for
 * one, exists hidden from the start. */
static GtkWindow *
find_new_toplevel (GList *before)
{
  g_autoptr(GList) toplevels = list_visible_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (g_list_find (before, l->data) == NULL)
      return l->data;

  return NULL;
}

static GtkWidget *
find_widget_of_type (GtkWidget *widget,
                     GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget_of_type (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* ---------------------------------------------------------------------- */
/* An account with records in conflict, for the conflicts dialog           */

/* The window opens an account whose store holds conflicts, as the account
 * switcher would. The account is signed out: nothing in the window then
 * reaches for a platform, so what it shows does not depend on a network,
 * and the engine lists a store's conflicts the same either way. */
/* The web address of a published campaign changes only after a
 * confirmation: its dialog has the most to check. */
static void
open_published_campaign (Fixture *fixture)
{
  PdStore *store = pd_window_get_store (PD_WINDOW (fixture->window));
  g_autoptr(PdCampaign) campaign = g_list_model_get_item (pd_store_get_campaigns (store), 0);
  g_autoptr(PdCampaign) live = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (campaign);
  /* as a pull from the platform brings it once published */
  live = PD_CAMPAIGN (pd_record_copy (PD_RECORD (campaign)));
  pd_campaign_set_status (live, PD_CAMPAIGN_STATUS_LIVE);
  g_assert_true (pd_store_save (store, PD_RECORD (live), NULL, &error));
  g_assert_no_error (error);
  pd_window_select_campaign (PD_WINDOW (fixture->window), campaign);
  pd_test_settle (200);
}

static void
verify_address_confirmation (Fixture   *fixture,
                             GtkWindow *dialog,
                             guint      n_checked)
{
  GtkWidget *extra;

  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  extra = adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog));
  g_assert_true (GTK_IS_ENTRY (gtk_widget_get_first_child (extra)));
  g_assert_true (GTK_IS_CHECK_BUTTON (gtk_widget_get_last_child (extra)));
  /* the entry, the check button, Cancel and Change Address */
  g_assert_cmpuint (n_checked, >=, 4);
}

static void
open_account_in_conflict (Fixture *fixture)
{
  PdContext *context = pd_window_get_context (PD_WINDOW (fixture->window));
  g_autoptr(GError) error = NULL;
  PdSyncEngine *engine;
  PdStore *store;

  fixture->account_dir = pd_test_make_private_dir ();
  fixture->account = pd_test_account_new (fixture->account_dir, "http://127.0.0.1:9", NULL);
  g_assert_true (pd_account_get_needs_sign_in (fixture->account));
  store = pd_account_open_store (fixture->account, &error);
  g_assert_no_error (error);
  pd_test_store_add_conflicts (store);

  g_settings_set_boolean (pd_context_get_settings (context), "sync-automatically", FALSE);
  g_assert_true (pd_context_switch_account (context, fixture->account, &error));
  g_assert_no_error (error);
  engine = pd_context_get_sync_engine (context);
  g_assert_nonnull (engine);
  g_assert_true (pd_context_get_store (context) == store);
  g_assert_cmpuint (g_list_model_get_n_items (pd_sync_engine_get_conflicts (engine)), ==, 3);
  g_assert_true (action_resolves_from (GTK_WIDGET (fixture->window), "win.resolve-conflicts"));
}

/* Back to the local workspace, so that the account's store closes. */
static void
close_account (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  if (fixture->account == NULL)
    return;
  g_assert_true (pd_context_switch_account (pd_window_get_context (PD_WINDOW (fixture->window)), NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&fixture->account);
}

static void
count_choices (GtkWidget *widget,
               guint     *n_radios,
               guint     *n_buttons)
{
  if (GTK_IS_CHECK_BUTTON (widget) && gtk_widget_is_visible (widget))
    (*n_radios)++;
  else if (GTK_IS_BUTTON (widget) && gtk_widget_is_visible (widget))
    (*n_buttons)++;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    count_choices (child, n_radios, n_buttons);
}

/* The dialog was checked with every kind of conflict in it: a pair of
 * radio rows for each field changed on both sides and for each record
 * deleted on one side, the buttons that decide a whole record, Cancel and
 * Apply. */
static void
verify_conflicts_shown (Fixture   *fixture,
                        GtkWindow *dialog,
                        guint      n_checked)
{
  PdSyncEngine *engine = pd_context_get_sync_engine (pd_window_get_context (PD_WINDOW (fixture->window)));
  GListModel *conflicts = pd_sync_engine_get_conflicts (engine);
  guint n_fields = 0, n_deleted_here = 0, n_deleted_there = 0, n_choose_all = 0;
  guint n_radios = 0, n_buttons = 0;

  g_assert_true (PD_IS_CONFLICT_DIALOG (dialog));
  for (guint i = 0; i < g_list_model_get_n_items (conflicts); i++)
    {
      g_autoptr(PdSyncConflict) conflict = g_list_model_get_item (conflicts, i);
      guint n = g_strv_length ((char **) pd_sync_conflict_get_fields (conflict));

      if (pd_sync_conflict_get_deleted_here (conflict))
        n_deleted_here++;
      else if (pd_sync_conflict_get_deleted_there (conflict))
        n_deleted_there++;
      else
        {
          n_fields += n;
          if (n > 1)
            n_choose_all++;
        }
    }
  g_assert_cmpuint (n_fields, ==, 2);
  g_assert_cmpuint (n_choose_all, ==, 1);
  g_assert_cmpuint (n_deleted_here, ==, 1);
  g_assert_cmpuint (n_deleted_there, ==, 1);

  count_choices (GTK_WIDGET (dialog), &n_radios, &n_buttons);
  g_assert_cmpuint (n_radios, ==, 2 * (n_fields + n_deleted_here + n_deleted_there));
  /* Keep All Mine and Take All the Platform's, Cancel and Apply. */
  g_assert_cmpuint (n_buttons, ==, 2 * n_choose_all + 2);
  /* Each radio and its row, and every button, went through the checker. */
  g_assert_cmpuint (n_checked, >=, 2 * n_radios + n_buttons);
}

static void
check_application (Fixture *fixture)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  guint n_pages = 0;
  guint n_checked;

  /* The main window at full width, then folded to one pane, where other
   * buttons (Back) appear. */
  n_checked = check_all_pages (GTK_WIDGET (fixture->window), problems, &n_pages);
  g_test_message ("main window: %u interactive widgets on %u pages", n_checked, n_pages);
  g_assert_cmpuint (n_checked, >=, 5);
  g_assert_cmpuint (n_pages, >=, 5);

  gtk_window_set_default_size (fixture->window, 360, 640);
  pd_test_settle (300);
  check_all_pages (GTK_WIDGET (fixture->window), problems, &n_pages);
  assert_no_problems ("main window", problems);

  for (guint i = 0; i < G_N_ELEMENTS (dialog_actions); i++)
    {
      g_autoptr(GList) before = list_visible_toplevels ();
      const char *action = dialog_actions[i].action;
      const char *type_name = dialog_actions[i].widget_type;
      GtkWindow *dialog;

      if (dialog_actions[i].prepare != NULL)
        dialog_actions[i].prepare (fixture);

      if (type_name != NULL)
        {
          GType type = g_type_from_name (type_name);
          GtkWidget *owner = type != G_TYPE_INVALID ? find_widget_of_type (GTK_WIDGET (fixture->window), type) : NULL;

          /* A missing type or widget is a failure, not a dialog left
           * unchecked: a deleted widget must not pass for an accessible one. */
          if (type == G_TYPE_INVALID)
            g_error ("%s: there is no type %s", action, type_name);
          if (owner == NULL)
            g_error ("%s: no %s in the window", action, type_name);
          g_assert_true (gtk_widget_activate_action (owner, action, NULL));
        }
      else if (g_str_has_prefix (action, "app."))
        {
          g_assert_true (g_action_group_has_action (G_ACTION_GROUP (fixture->app), action + 4));
          g_action_group_activate_action (G_ACTION_GROUP (fixture->app), action + 4, NULL);
        }
      else
        g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), action, NULL));
      pd_test_settle (300);

      dialog = find_new_toplevel (before);
      if (dialog == NULL)
        g_error ("%s opened no dialog", action);
      g_assert_true (pd_test_wait_for_mapped (GTK_WIDGET (dialog)));

      n_pages = 0;
      n_checked = check_all_pages (GTK_WIDGET (dialog), problems, &n_pages);
      g_test_message ("%s: %u interactive widgets on %u pages", action, n_checked, n_pages);
      g_assert_cmpuint (n_checked, >, 0);
      assert_no_problems (action, problems);
      if (dialog_actions[i].verify != NULL)
        dialog_actions[i].verify (fixture, dialog, n_checked);

      gtk_window_close (dialog);
      pd_test_settle (100);
    }

  close_account (fixture);
  fixture->checked = TRUE;
}

static void
on_window_added_cb (GtkApplication *app,
                    GtkWindow      *window,
                    Fixture        *fixture)
{
  if (PD_IS_WINDOW (window) && fixture->window == NULL)
    fixture->window = window;
}

static gboolean
run_check_cb (gpointer data)
{
  Fixture *fixture = data;

  g_assert_nonnull (fixture->window);
  g_assert_true (pd_test_wait_for_mapped (GTK_WIDGET (fixture->window)));
  pd_test_settle (200);

  check_application (fixture);

  g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "quit", NULL);
  return G_SOURCE_REMOVE;
}

static void
on_activate_cb (GApplication *app,
                Fixture      *fixture)
{
  g_idle_add (run_check_cb, fixture);
}

static void
test_accessibility_application (void)
{
  Fixture fixture = { 0 };
  /* With demo campaigns and projects, so lists have rows to check. */
  char *argv[] = { (char *) "particulate-designer", (char *) "--demo", NULL };
  fixture.app = pd_application_new ();
  g_application_set_flags (G_APPLICATION (fixture.app), G_APPLICATION_NON_UNIQUE);
  g_signal_connect (fixture.app, "window-added", G_CALLBACK (on_window_added_cb), &fixture);
  g_signal_connect_after (fixture.app, "activate", G_CALLBACK (on_activate_cb), &fixture);

  g_assert_cmpint (g_application_run (G_APPLICATION (fixture.app), 2, argv), ==, 0);
  g_assert_true (fixture.checked);

  g_clear_object (&fixture.app);
  pd_test_remove_tree (fixture.account_dir);
  g_free (fixture.account_dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = g_dir_make_tmp ("pd-test-a11y-XXXXXX", NULL);
  GTestDBus *bus;
  int status;

  /* A private data folder, set before GTK starts: GLib keeps the first
   * g_get_user_data_dir() it computes, so setting XDG_DATA_HOME later would
   * still open the real workspace of whoever runs the test. */
  g_assert_nonnull (data_home);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  /* A private bus that starts no services: opening an account looks for
   * its token in the keyring, which must never start or unlock the keyring
   * of whoever runs the test. Without a Secret Service the lookup fails at
   * once and the account stays as it is. */
  bus = pd_test_private_bus_up ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/accessibility/checker/finds-problems", test_accessibility_checker_finds_problems);
  g_test_add_func ("/accessibility/checker/accepts-good-tree", test_accessibility_checker_accepts_good_tree);
  g_test_add_func ("/accessibility/application", test_accessibility_application);

  status = g_test_run ();
  pd_test_remove_tree (data_home);
  g_test_dbus_stop (bus);

  return status;
}
