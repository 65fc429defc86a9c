/* pd-voucher-generator.c
 *
 * Draws a batch in a GTask thread: random codes first, then duplicates
 * (within the batch or against the tenant's existing codes) are redrawn
 * until none is left. Nothing is stored here: the caller stores the
 * finished batch in one transaction (see pd-voucher-issue.c), so a
 * cancelled or failed run leaves nothing behind. The finished codes come
 * back sorted, which costs nothing extra and lets printed lists be
 * searched by eye.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-voucher-generator"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-progress-relay.h"
#include "pd-voucher-generator-private.h"
#include "pd-voucher-rules.h"

struct _PdVoucherGenerator
{
  GObject                         parent_instance;

  guint                           count;
  double                          fraction;

  GArray                         *existing;
  PdVoucherGeneratorRandomFunc    random_func;

  gboolean                        running;
};

G_DEFINE_FINAL_TYPE (PdVoucherGenerator, pd_voucher_generator, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_COUNT,
  PROP_FRACTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct {
  guint                         count;
  GArray                       *existing;
  PdVoucherGeneratorRandomFunc  random_func;
  PdProgressRelay              *relay;
} GenerateData;

static void
generate_data_free (GenerateData *data)
{
  g_clear_pointer (&data->relay, pd_progress_relay_unref);
  g_clear_pointer (&data->existing, g_array_unref);
  g_free (data);
}

static void
set_fraction (GObject *owner,
              double   fraction)
{
  PdVoucherGenerator *self = PD_VOUCHER_GENERATOR (owner);

  if (self->fraction == fraction)
    return;
  self->fraction = fraction;
  g_object_notify_by_pspec (owner, properties[PROP_FRACTION]);
}

/* Sorts @values and redraws each one that repeats an earlier one or an
 * existing code, until all are unique. With 75 bits, a million codes
 * collide with odds of about 10⁻¹¹, so the loop nearly always runs once;
 * it is still a loop, because "nearly" is not "never". */
static gboolean
make_unique (PdVoucherCodeValue           *values,
             gsize                         n_values,
             const GArray                 *existing,
             PdVoucherGeneratorRandomFunc  random_func,
             GCancellable                 *cancellable,
             GError                      **error)
{
  const PdVoucherCodeValue *ex = existing != NULL ? (const PdVoucherCodeValue *) (gconstpointer) existing->data : NULL;
  gsize n_ex = existing != NULL ? existing->len : 0;

  for (;;)
    {
      gsize redrawn = 0;

      pd_voucher_code_values_sort (values, n_values);
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      for (gsize i = 0; i < n_values; i++)
        {
          gboolean clash = (i > 0 && pd_voucher_code_value_compare (&values[i - 1], &values[i]) == 0)
                           || (n_ex > 0 && pd_voucher_code_values_contain (ex, n_ex, &values[i]));

          if (!clash)
            continue;
          if (!random_func (&values[i], 1, error))
            return FALSE;
          redrawn++;
        }

      if (redrawn == 0)
        return TRUE;
      g_debug ("Redrew %" G_GSIZE_FORMAT " colliding voucher codes", redrawn);
    }
}

static void
generate_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  GenerateData *data = task_data;
  g_autoptr(GArray) codes = NULL;
  GError *error = NULL;
  const gsize chunk = 16384;
  PdVoucherCodeValue *values;

  /* The caller's array is ours (copied), so sorting it in place is fine. */
  if (data->existing != NULL)
    pd_voucher_code_values_sort ((PdVoucherCodeValue *) (gpointer) data->existing->data,
                                 data->existing->len);

  codes = g_array_sized_new (FALSE, FALSE, sizeof (PdVoucherCodeValue), data->count);
  g_array_set_size (codes, data->count);
  values = (PdVoucherCodeValue *) (gpointer) codes->data;

  for (gsize done = 0; done < data->count; done += chunk)
    {
      gsize n = MIN (chunk, data->count - done);

      if (g_cancellable_set_error_if_cancelled (cancellable, &error)
          || !data->random_func (values + done, n, &error))
        {
          g_task_return_error (task, error);
          return;
        }
      pd_progress_relay_report (data->relay,
                                done + n, (guint64) data->count + data->count / 8);
    }

  /* Sorting takes the last eighth of the bar. */
  if (!make_unique (values, codes->len, data->existing, data->random_func, cancellable, &error)
      || g_cancellable_set_error_if_cancelled (cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  pd_progress_relay_report (data->relay, 1, 1);
  g_task_return_pointer (task, g_steal_pointer (&codes), (GDestroyNotify) g_array_unref);
}

static void
pd_voucher_generator_finalize (GObject *object)
{
  PdVoucherGenerator *self = PD_VOUCHER_GENERATOR (object);

  g_clear_pointer (&self->existing, g_array_unref);

  G_OBJECT_CLASS (pd_voucher_generator_parent_class)->finalize (object);
}

static void
pd_voucher_generator_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  PdVoucherGenerator *self = PD_VOUCHER_GENERATOR (object);

  switch (prop_id)
    {
    case PROP_COUNT:
      g_value_set_uint (value, self->count);
      break;
    case PROP_FRACTION:
      g_value_set_double (value, self->fraction);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_voucher_generator_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  PdVoucherGenerator *self = PD_VOUCHER_GENERATOR (object);

  switch (prop_id)
    {
    case PROP_COUNT:
      self->count = g_value_get_uint (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_voucher_generator_class_init (PdVoucherGeneratorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pd_voucher_generator_finalize;
  object_class->get_property = pd_voucher_generator_get_property;
  object_class->set_property = pd_voucher_generator_set_property;

  properties[PROP_COUNT] =
    g_param_spec_uint ("count", NULL, NULL,
                       1, PD_VOUCHER_BATCH_MAX_COUNT, 1,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Progress of the running generation, 0..1, changed on the main loop. */
  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL,
                         0.0, 1.0, 0.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pd_voucher_generator_init (PdVoucherGenerator *self)
{
  self->count = 1;
  self->random_func = pd_voucher_code_random_values;
}

/**
 * pd_voucher_generator_new:
 * @count: how many codes to draw, 1 to 1,000,000
 *
 * Returns: (transfer full): a new generator
 */
PdVoucherGenerator *
pd_voucher_generator_new (guint count)
{
  g_return_val_if_fail (count >= 1 && count <= PD_VOUCHER_BATCH_MAX_COUNT, NULL);

  return g_object_new (PD_TYPE_VOUCHER_GENERATOR, "count", count, NULL);
}

guint
pd_voucher_generator_get_count (PdVoucherGenerator *self)
{
  g_return_val_if_fail (PD_IS_VOUCHER_GENERATOR (self), 0);

  return self->count;
}

double
pd_voucher_generator_get_fraction (PdVoucherGenerator *self)
{
  g_return_val_if_fail (PD_IS_VOUCHER_GENERATOR (self), 0.0);

  return self->fraction;
}

/**
 * pd_voucher_generator_set_existing:
 * @existing: (nullable): a #GArray of #PdVoucherCodeValue, in any order:
 *   the codes already used in the tenant, which the batch must avoid
 */
void
pd_voucher_generator_set_existing (PdVoucherGenerator *self,
                                   GArray             *existing)
{
  g_return_if_fail (PD_IS_VOUCHER_GENERATOR (self));
  g_return_if_fail (!self->running);
  g_return_if_fail (existing == NULL || g_array_get_element_size (existing) == sizeof (PdVoucherCodeValue));

  g_clear_pointer (&self->existing, g_array_unref);
  if (existing != NULL)
    self->existing = g_array_ref (existing);
}

void
_pd_voucher_generator_set_random_func (PdVoucherGenerator           *self,
                                       PdVoucherGeneratorRandomFunc  func)
{
  g_return_if_fail (PD_IS_VOUCHER_GENERATOR (self));

  self->random_func = func != NULL ? func : pd_voucher_code_random_values;
}

static void
on_generate_done_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  PdVoucherGenerator *self = PD_VOUCHER_GENERATOR (object);
  GError *error = NULL;
  GArray *codes = g_task_propagate_pointer (G_TASK (result), &error);

  self->running = FALSE;
  if (codes == NULL)
    {
      g_task_return_error (outer, error);
      return;
    }
  set_fraction (object, 1.0);
  g_task_return_pointer (outer, codes, (GDestroyNotify) g_array_unref);
}

/**
 * pd_voucher_generator_generate_async:
 *
 * Draws the codes in a worker thread; "fraction" follows the progress.
 */
void
pd_voucher_generator_generate_async (PdVoucherGenerator  *self,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) outer = NULL;
  g_autoptr(GTask) inner = NULL;
  GenerateData *data;

  g_return_if_fail (PD_IS_VOUCHER_GENERATOR (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, pd_voucher_generator_generate_async);

  if (self->running)
    {
      g_task_return_new_error (outer, G_IO_ERROR, G_IO_ERROR_PENDING,
                               _("These vouchers are being generated already."));
      return;
    }
  self->running = TRUE;
  set_fraction (G_OBJECT (self), 0.0);

  data = g_new0 (GenerateData, 1);
  data->count = self->count;
  data->random_func = self->random_func;
  /* A private copy: the thread sorts it, the caller may keep using theirs. */
  if (self->existing != NULL)
    {
      data->existing = g_array_sized_new (FALSE, FALSE, sizeof (PdVoucherCodeValue), self->existing->len);
      g_array_append_vals (data->existing, self->existing->data, self->existing->len);
    }
  data->relay = pd_progress_relay_new (g_task_get_context (outer), G_OBJECT (self), set_fraction);

  /* The inner task runs the thread; the outer one reports, after the
   * running flag is cleared, so a callback may start another run. */
  inner = g_task_new (self, cancellable, on_generate_done_cb, g_steal_pointer (&outer));
  g_task_set_source_tag (inner, generate_thread);
  g_task_set_task_data (inner, data, (GDestroyNotify) generate_data_free);
  g_task_set_return_on_cancel (inner, FALSE);
  g_task_run_in_thread (inner, generate_thread);
}

/**
 * pd_voucher_generator_generate_finish:
 *
 * Returns: (transfer full): the codes, a #GArray of #PdVoucherCodeValue
 *   in ascending order, or %NULL with @error set
 */
GArray *
pd_voucher_generator_generate_finish (PdVoucherGenerator  *self,
                                      GAsyncResult        *result,
                                      GError             **error)
{
  g_return_val_if_fail (PD_IS_VOUCHER_GENERATOR (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
