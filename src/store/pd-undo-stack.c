/* pd-undo-stack.c
 *
 * A step is the list of records an action changed, each with its content
 * before and after. Undo writes the "before" copies back (deleting what
 * did not exist), redo the "after" copies; both go through the store as
 * ordinary local edits, so sync sees them like any other change.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-undo-stack"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-store-private.h"
#include "pd-undo-stack.h"

/* Enough for a working session; older steps fall off the bottom. */
#define MAX_DEPTH 200

typedef struct {
  char      *title;
  GPtrArray *changes; /* PdStoreChange */
} Step;

struct _PdUndoStack
{
  GObject  parent_instance;

  PdStore *store; /* not owned: the store owns us */
  GQueue   undo;  /* Step*, head = most recent */
  GQueue   redo;
  char    *undo_label;
  char    *redo_label;
};

G_DEFINE_FINAL_TYPE (PdUndoStack, pd_undo_stack, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_UNDO_LABEL,
  PROP_REDO_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
step_free (Step *step)
{
  g_free (step->title);
  g_ptr_array_unref (step->changes);
  g_free (step);
}

static void
pd_undo_stack_finalize (GObject *object)
{
  PdUndoStack *self = PD_UNDO_STACK (object);

  g_queue_clear_full (&self->undo, (GDestroyNotify) step_free);
  g_queue_clear_full (&self->redo, (GDestroyNotify) step_free);
  g_clear_pointer (&self->undo_label, g_free);
  g_clear_pointer (&self->redo_label, g_free);

  G_OBJECT_CLASS (pd_undo_stack_parent_class)->finalize (object);
}

static void
pd_undo_stack_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  PdUndoStack *self = PD_UNDO_STACK (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO: g_value_set_boolean (value, pd_undo_stack_get_can_undo (self)); break;
    case PROP_CAN_REDO: g_value_set_boolean (value, pd_undo_stack_get_can_redo (self)); break;
    case PROP_UNDO_LABEL: g_value_set_string (value, self->undo_label); break;
    case PROP_REDO_LABEL: g_value_set_string (value, self->redo_label); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_undo_stack_class_init (PdUndoStackClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = pd_undo_stack_finalize;
  object_class->get_property = pd_undo_stack_get_property;

  properties[PROP_CAN_UNDO] = g_param_spec_boolean ("can-undo", NULL, NULL, FALSE, flags);
  properties[PROP_CAN_REDO] = g_param_spec_boolean ("can-redo", NULL, NULL, FALSE, flags);
  properties[PROP_UNDO_LABEL] = g_param_spec_string ("undo-label", NULL, NULL, NULL, flags);
  properties[PROP_REDO_LABEL] = g_param_spec_string ("redo-label", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pd_undo_stack_init (PdUndoStack *self)
{
  g_queue_init (&self->undo);
  g_queue_init (&self->redo);
}

PdUndoStack *
_pd_undo_stack_new (PdStore *store)
{
  PdUndoStack *self = g_object_new (PD_TYPE_UNDO_STACK, NULL);

  self->store = store;
  return self;
}

/* Recomputes the four properties and notifies only those that changed. */
static void
update_state (PdUndoStack *self,
              gboolean     could_undo,
              gboolean     could_redo)
{
  Step *undo = g_queue_peek_head (&self->undo);
  Step *redo = g_queue_peek_head (&self->redo);
  /* TRANSLATORS: %s is an action such as "Rename Campaign" */
  g_autofree char *undo_label = undo != NULL ? g_strdup_printf (_("Undo %s"), undo->title) : NULL;
  /* TRANSLATORS: %s is an action such as "Rename Campaign" */
  g_autofree char *redo_label = redo != NULL ? g_strdup_printf (_("Redo %s"), redo->title) : NULL;

  g_object_freeze_notify (G_OBJECT (self));
  if (g_strcmp0 (undo_label, self->undo_label) != 0)
    {
      g_free (self->undo_label);
      self->undo_label = g_steal_pointer (&undo_label);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNDO_LABEL]);
    }
  if (g_strcmp0 (redo_label, self->redo_label) != 0)
    {
      g_free (self->redo_label);
      self->redo_label = g_steal_pointer (&redo_label);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REDO_LABEL]);
    }
  if (could_undo != pd_undo_stack_get_can_undo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  if (could_redo != pd_undo_stack_get_can_redo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
  g_object_thaw_notify (G_OBJECT (self));
}

void
_pd_undo_stack_push (PdUndoStack *self,
                     const char  *title,
                     GPtrArray   *changes)
{
  gboolean could_undo = pd_undo_stack_get_can_undo (self);
  gboolean could_redo = pd_undo_stack_get_can_redo (self);
  Step *step = g_new0 (Step, 1);

  step->title = g_strdup (title);
  step->changes = g_ptr_array_ref (changes);
  g_queue_push_head (&self->undo, step);
  /* A new edit makes the redo history meaningless. */
  g_queue_clear_full (&self->redo, (GDestroyNotify) step_free);
  while (g_queue_get_length (&self->undo) > MAX_DEPTH)
    step_free (g_queue_pop_tail (&self->undo));

  update_state (self, could_undo, could_redo);
}

GPtrArray *
_pd_undo_stack_take_last (PdUndoStack  *self,
                          char        **out_title)
{
  gboolean could_undo = pd_undo_stack_get_can_undo (self);
  gboolean could_redo = pd_undo_stack_get_can_redo (self);
  Step *step = g_queue_pop_head (&self->undo);
  GPtrArray *changes;

  *out_title = NULL;
  if (step == NULL)
    return NULL;
  *out_title = g_steal_pointer (&step->title);
  changes = g_steal_pointer (&step->changes);
  g_free (step);
  update_state (self, could_undo, could_redo);
  return changes;
}

gboolean
pd_undo_stack_get_can_undo (PdUndoStack *self)
{
  g_return_val_if_fail (PD_IS_UNDO_STACK (self), FALSE);
  return !g_queue_is_empty (&self->undo);
}

gboolean
pd_undo_stack_get_can_redo (PdUndoStack *self)
{
  g_return_val_if_fail (PD_IS_UNDO_STACK (self), FALSE);
  return !g_queue_is_empty (&self->redo);
}

const char *
pd_undo_stack_get_undo_label (PdUndoStack *self)
{
  g_return_val_if_fail (PD_IS_UNDO_STACK (self), NULL);
  return self->undo_label;
}

const char *
pd_undo_stack_get_redo_label (PdUndoStack *self)
{
  g_return_val_if_fail (PD_IS_UNDO_STACK (self), NULL);
  return self->redo_label;
}

guint
pd_undo_stack_get_depth (PdUndoStack *self)
{
  g_return_val_if_fail (PD_IS_UNDO_STACK (self), 0);
  return g_queue_get_length (&self->undo);
}

/* Applies one side of @step in one transaction: all records or none. */
static gboolean
apply_step (PdUndoStack  *self,
            Step         *step,
            gboolean      backwards,
            GError      **error)
{
  PdStore *store = self->store;

  if (!_pd_store_begin (store, error))
    return FALSE;

  for (guint i = 0; i < step->changes->len; i++)
    {
      guint index = backwards ? step->changes->len - 1 - i : i;
      PdStoreChange *change = g_ptr_array_index (step->changes, index);

      /* A bulk save kept no copy of what it wrote; until it is undone,
       * the store holds exactly that, so redo's copy is read now. */
      if (backwards && change->after == NULL && change->after_is_written)
        {
          change->after = _pd_store_read_content (store, change->kind, change->id);
          change->after_is_written = FALSE;
        }

      if (!_pd_store_apply_content (store, change->kind, change->id,
                                    backwards ? change->before : change->after, error))
        {
          _pd_store_rollback (store);
          /* Views already follow the writes above; bring them back. */
          for (guint j = 0; j < step->changes->len; j++)
            {
              PdStoreChange *c = g_ptr_array_index (step->changes, j);
              g_autoptr(JsonNode) content = _pd_store_read_content (store, c->kind, c->id);

              _pd_store_update_live (store, c->kind, c->id, content, NULL);
            }
          return FALSE;
        }
    }

  return _pd_store_commit (store, error);
}

gboolean
pd_undo_stack_undo (PdUndoStack  *self,
                    GError      **error)
{
  gboolean could_undo, could_redo;
  Step *step;

  g_return_val_if_fail (PD_IS_UNDO_STACK (self), FALSE);

  step = g_queue_peek_head (&self->undo);
  if (step == NULL)
    return TRUE;

  could_undo = pd_undo_stack_get_can_undo (self);
  could_redo = pd_undo_stack_get_can_redo (self);
  if (!apply_step (self, step, TRUE, error))
    return FALSE;

  g_queue_push_head (&self->redo, g_queue_pop_head (&self->undo));
  update_state (self, could_undo, could_redo);
  return TRUE;
}

gboolean
pd_undo_stack_redo (PdUndoStack  *self,
                    GError      **error)
{
  gboolean could_undo, could_redo;
  Step *step;

  g_return_val_if_fail (PD_IS_UNDO_STACK (self), FALSE);

  step = g_queue_peek_head (&self->redo);
  if (step == NULL)
    return TRUE;

  could_undo = pd_undo_stack_get_can_undo (self);
  could_redo = pd_undo_stack_get_can_redo (self);
  if (!apply_step (self, step, FALSE, error))
    return FALSE;

  g_queue_push_head (&self->undo, g_queue_pop_head (&self->redo));
  update_state (self, could_undo, could_redo);
  return TRUE;
}

void
pd_undo_stack_clear (PdUndoStack *self)
{
  gboolean could_undo, could_redo;

  g_return_if_fail (PD_IS_UNDO_STACK (self));

  could_undo = pd_undo_stack_get_can_undo (self);
  could_redo = pd_undo_stack_get_can_redo (self);
  g_queue_clear_full (&self->undo, (GDestroyNotify) step_free);
  g_queue_clear_full (&self->redo, (GDestroyNotify) step_free);
  update_state (self, could_undo, could_redo);
}
