/* pd-import-report.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-import-report"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-import-report.h"

struct _PdImportReport
{
  GObject     parent_instance;

  guint       n_rows;
  guint       n_created;
  guint       n_updated;
  guint       n_unchanged;
  guint       n_skipped;
  GListStore *problems;
  GPtrArray  *ignored_columns;
};

G_DEFINE_FINAL_TYPE (PdImportReport, pd_import_report, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_N_ROWS,
  PROP_N_CREATED,
  PROP_N_UPDATED,
  PROP_N_UNCHANGED,
  PROP_N_SKIPPED,
  PROP_PROBLEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pd_import_report_finalize (GObject *object)
{
  PdImportReport *self = PD_IMPORT_REPORT (object);

  g_clear_object (&self->problems);
  g_clear_pointer (&self->ignored_columns, g_ptr_array_unref);

  G_OBJECT_CLASS (pd_import_report_parent_class)->finalize (object);
}

static void
pd_import_report_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PdImportReport *self = PD_IMPORT_REPORT (object);

  switch (prop_id)
    {
    case PROP_N_ROWS:
      g_value_set_uint (value, self->n_rows);
      break;
    case PROP_N_CREATED:
      g_value_set_uint (value, self->n_created);
      break;
    case PROP_N_UPDATED:
      g_value_set_uint (value, self->n_updated);
      break;
    case PROP_N_UNCHANGED:
      g_value_set_uint (value, self->n_unchanged);
      break;
    case PROP_N_SKIPPED:
      g_value_set_uint (value, self->n_skipped);
      break;
    case PROP_PROBLEMS:
      g_value_set_object (value, self->problems);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_import_report_class_init (PdImportReportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const char *counts[] = { NULL, "n-rows", "n-created", "n-updated", "n-unchanged", "n-skipped" };

  object_class->finalize = pd_import_report_finalize;
  object_class->get_property = pd_import_report_get_property;

  for (guint i = PROP_N_ROWS; i <= PROP_N_SKIPPED; i++)
    properties[i] = g_param_spec_uint (counts[i], NULL, NULL, 0, G_MAXUINT, 0,
                                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROBLEMS] =
    g_param_spec_object ("problems", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pd_import_report_init (PdImportReport *self)
{
  self->problems = g_list_store_new (PD_TYPE_IMPORT_PROBLEM);
  self->ignored_columns = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->ignored_columns, NULL);
}

PdImportReport *
pd_import_report_new (void)
{
  return g_object_new (PD_TYPE_IMPORT_REPORT, NULL);
}

guint
pd_import_report_get_n_rows (PdImportReport *self)
{
  g_return_val_if_fail (PD_IS_IMPORT_REPORT (self), 0);
  return self->n_rows;
}

guint
pd_import_report_get_n_created (PdImportReport *self)
{
  g_return_val_if_fail (PD_IS_IMPORT_REPORT (self), 0);
  return self->n_created;
}

guint
pd_import_report_get_n_updated (PdImportReport *self)
{
  g_return_val_if_fail (PD_IS_IMPORT_REPORT (self), 0);
  return self->n_updated;
}

guint
pd_import_report_get_n_unchanged (PdImportReport *self)
{
  g_return_val_if_fail (PD_IS_IMPORT_REPORT (self), 0);
  return self->n_unchanged;
}

guint
pd_import_report_get_n_skipped (PdImportReport *self)
{
  g_return_val_if_fail (PD_IS_IMPORT_REPORT (self), 0);
  return self->n_skipped;
}

GListModel *
pd_import_report_get_problems (PdImportReport *self)
{
  g_return_val_if_fail (PD_IS_IMPORT_REPORT (self), NULL);
  return G_LIST_MODEL (self->problems);
}

const char * const *
pd_import_report_get_ignored_columns (PdImportReport *self)
{
  g_return_val_if_fail (PD_IS_IMPORT_REPORT (self), NULL);
  return (const char * const *) self->ignored_columns->pdata;
}

/**
 * pd_import_report_dup_summary:
 *
 * Returns: (transfer full): a translated sentence for the import dialog
 */
char *
pd_import_report_dup_summary (PdImportReport *self)
{
  guint imported;
  g_autofree char *first = NULL;

  g_return_val_if_fail (PD_IS_IMPORT_REPORT (self), NULL);

  imported = self->n_created + self->n_updated;
  first = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u project imported", "%u projects imported", imported),
                           imported);
  if (self->n_skipped == 0)
    return g_steal_pointer (&first);

  /* Translators: the first %s is "N projects imported" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %u row with problems skipped",
                                       "%s, %u rows with problems skipped", self->n_skipped),
                          first, self->n_skipped);
}

void
_pd_import_report_add_problem (PdImportReport *self,
                               guint           row,
                               guint           line,
                               const char     *column,
                               const char     *message)
{
  g_autoptr(PdImportProblem) problem = pd_import_problem_new (row, line, column, message);

  g_list_store_append (self->problems, problem);
}

void
_pd_import_report_add_ignored_column (PdImportReport *self,
                                      const char     *column)
{
  /* Keep the array NULL-terminated for the getter. */
  g_ptr_array_insert (self->ignored_columns, self->ignored_columns->len - 1, g_strdup (column));
}

void
_pd_import_report_set_counts (PdImportReport *self,
                              guint           n_rows,
                              guint           n_created,
                              guint           n_updated,
                              guint           n_unchanged,
                              guint           n_skipped)
{
  guint values[] = { 0, n_rows, n_created, n_updated, n_unchanged, n_skipped };
  guint *fields[] = { NULL, &self->n_rows, &self->n_created, &self->n_updated, &self->n_unchanged, &self->n_skipped };

  for (guint i = PROP_N_ROWS; i <= PROP_N_SKIPPED; i++)
    {
      if (*fields[i] == values[i])
        continue;
      *fields[i] = values[i];
      g_object_notify_by_pspec (G_OBJECT (self), properties[i]);
    }
}
