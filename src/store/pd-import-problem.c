/* pd-import-problem.c
 *
 * A GObject rather than a struct so that the import dialog can show the
 * report's problems in a GtkListView bound to the properties.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-import-problem"

#include "config.h"

#include "pd-import-problem.h"

struct _PdImportProblem
{
  GObject  parent_instance;

  guint    row;
  guint    line;
  char    *column;
  char    *message;
};

G_DEFINE_FINAL_TYPE (PdImportProblem, pd_import_problem, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ROW,
  PROP_LINE,
  PROP_COLUMN,
  PROP_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pd_import_problem_finalize (GObject *object)
{
  PdImportProblem *self = PD_IMPORT_PROBLEM (object);

  g_clear_pointer (&self->column, g_free);
  g_clear_pointer (&self->message, g_free);

  G_OBJECT_CLASS (pd_import_problem_parent_class)->finalize (object);
}

static void
pd_import_problem_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  PdImportProblem *self = PD_IMPORT_PROBLEM (object);

  switch (prop_id)
    {
    case PROP_ROW:
      g_value_set_uint (value, self->row);
      break;
    case PROP_LINE:
      g_value_set_uint (value, self->line);
      break;
    case PROP_COLUMN:
      g_value_set_string (value, self->column);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_import_problem_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  PdImportProblem *self = PD_IMPORT_PROBLEM (object);

  switch (prop_id)
    {
    case PROP_ROW:
      self->row = g_value_get_uint (value);
      break;
    case PROP_LINE:
      self->line = g_value_get_uint (value);
      break;
    case PROP_COLUMN:
      self->column = g_value_dup_string (value);
      break;
    case PROP_MESSAGE:
      self->message = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_import_problem_class_init (PdImportProblemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pd_import_problem_finalize;
  object_class->get_property = pd_import_problem_get_property;
  object_class->set_property = pd_import_problem_set_property;

  properties[PROP_ROW] =
    g_param_spec_uint ("row", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LINE] =
    g_param_spec_uint ("line", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COLUMN] =
    g_param_spec_string ("column", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pd_import_problem_init (PdImportProblem *self)
{
}

PdImportProblem *
pd_import_problem_new (guint       row,
                       guint       line,
                       const char *column,
                       const char *message)
{
  g_return_val_if_fail (message != NULL, NULL);

  return g_object_new (PD_TYPE_IMPORT_PROBLEM,
                       "row", row,
                       "line", line,
                       "column", column,
                       "message", message,
                       NULL);
}

guint
pd_import_problem_get_row (PdImportProblem *self)
{
  g_return_val_if_fail (PD_IS_IMPORT_PROBLEM (self), 0);

  return self->row;
}

guint
pd_import_problem_get_line (PdImportProblem *self)
{
  g_return_val_if_fail (PD_IS_IMPORT_PROBLEM (self), 0);

  return self->line;
}

/* (nullable): %NULL when the problem concerns the whole row */
const char *
pd_import_problem_get_column (PdImportProblem *self)
{
  g_return_val_if_fail (PD_IS_IMPORT_PROBLEM (self), NULL);

  return self->column;
}

const char *
pd_import_problem_get_message (PdImportProblem *self)
{
  g_return_val_if_fail (PD_IS_IMPORT_PROBLEM (self), NULL);

  return self->message;
}
