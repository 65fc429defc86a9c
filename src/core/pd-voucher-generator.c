/* pd-voucher-generator.c
 *
 * Draws a batch in a GTask thread: random codes first, then duplicates
 * (within the batch or against the tenant's existing codes) are redrawn
 * until none is left, then the commit function stores the whole batch in
 * one transaction. Cancellation is honoured between every step and inside
 * the commit, which rolls back; so a cancelled or failed run leaves
 * nothing behind. The finished codes come back sorted, which costs nothing
 * extra and lets printed lists be searched by eye.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-voucher-generator"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-progress-relay.h"
#include "pd-voucher-generator.h"
#include "pd-voucher-rules.h"

/* Share of the progress bar that drawing the codes takes when a commit
 * follows; writing them to disk is the slower part. */
#define DRAW_SHARE 0.3

struct _PdVoucherGenerator
{
  GObject                         parent_instance;

  guint                           count;
  double                          fraction;

  PdVoucherGeneratorExistingFunc  existing_func;
  gpointer                        existing_data;
  GDestroyNotify                  existing_destroy;
  PdVoucherGeneratorCommitFunc    commit_func;
  gpointer                        commit_data;
  GDestroyNotify                  commit_destroy;

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
  PdVoucherGeneratorExistingFunc existing_func;
  gpointer                      existing_data;
  PdVoucherGeneratorCommitFunc  commit_func;
  gpointer                      commit_data;
  PdProgressRelay              *relay;
  double                        draw_share;
} GenerateData;

static void
generate_data_free (GenerateData *data)
{
  g_clear_pointer (&data->relay, pd_progress_relay_unref);
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

static void
commit_progress_cb (gsize    done,
                    gpointer progress_data)
{
  GenerateData *data = progress_data;

  /* Report in thousandths of the commit's share of the bar. */
  pd_progress_relay_report (data->relay,
                            (guint64) (data->draw_share * 1000000)
                            + (guint64) ((1.0 - data->draw_share) * 1000000 * done / MAX (data->count, 1)),
                            1000000);
}

/* Sorts @values and redraws each one that repeats an earlier one or an
 * existing code, until all are unique. With 75 bits, a million codes
 * collide with odds of about 10⁻¹¹, so the loop nearly always runs once;
 * it is still a loop, because "nearly" is not "never". */
static gboolean
make_unique (PdVoucherCodeValue *values,
             gsize               n_values,
             const GArray       *existing,
             GCancellable       *cancellable,
             GError            **error)
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
          if (!pd_voucher_code_random_values (&values[i], 1, error))
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
  g_autoptr(GArray) existing = NULL;
  g_autoptr(GArray) codes = NULL;
  GError *error = NULL;
  const gsize chunk = 16384;
  PdVoucherCodeValue *values;

  if (data->existing_func != NULL)
    {
      existing = data->existing_func (cancellable, data->existing_data, &error);
      if (existing == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      pd_voucher_code_values_sort ((PdVoucherCodeValue *) (gpointer) existing->data, existing->len);
    }

  codes = g_array_sized_new (FALSE, FALSE, sizeof (PdVoucherCodeValue), data->count);
  g_array_set_size (codes, data->count);
  values = (PdVoucherCodeValue *) (gpointer) codes->data;

  for (gsize done = 0; done < data->count; done += chunk)
    {
      gsize n = MIN (chunk, data->count - done);

      if (g_cancellable_set_error_if_cancelled (cancellable, &error)
          || !pd_voucher_code_random_values (values + done, n, &error))
        {
          g_task_return_error (task, error);
          return;
        }
      pd_progress_relay_report (data->relay,
                                (guint64) ((done + n) * (data->draw_share - 0.05) * 1000000 / data->count),
                                1000000);
    }

  if (!make_unique (values, codes->len, existing, cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  pd_progress_relay_report (data->relay, (guint64) (data->draw_share * 1000000), 1000000);

  if (data->commit_func != NULL)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, &error)
          || !data->commit_func (values, codes->len, cancellable,
                                 commit_progress_cb, data,
                                 data->commit_data, &error))
        {
          g_task_return_error (task, error);
          return;
        }
    }

  pd_progress_relay_report (data->relay, 1, 1);
  g_task_return_pointer (task, g_steal_pointer (&codes), (GDestroyNotify) g_array_unref);
}

static void
pd_voucher_generator_finalize (GObject *object)
{
  PdVoucherGenerator *self = PD_VOUCHER_GENERATOR (object);

  if (self->existing_destroy != NULL)
    self->existing_destroy (self->existing_data);
  if (self->commit_destroy != NULL)
    self->commit_destroy (self->commit_data);

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
 * pd_voucher_generator_set_existing_func:
 * @func: (nullable): returns the tenant's codes, which the batch must avoid
 */
void
pd_voucher_generator_set_existing_func (PdVoucherGenerator             *self,
                                        PdVoucherGeneratorExistingFunc  func,
                                        gpointer                        user_data,
                                        GDestroyNotify                  destroy)
{
  g_return_if_fail (PD_IS_VOUCHER_GENERATOR (self));
  g_return_if_fail (!self->running);

  if (self->existing_destroy != NULL)
    self->existing_destroy (self->existing_data);
  self->existing_func = func;
  self->existing_data = user_data;
  self->existing_destroy = destroy;
}

/**
 * pd_voucher_generator_set_commit_func:
 * @func: (nullable): stores the finished batch
 */
void
pd_voucher_generator_set_commit_func (PdVoucherGenerator           *self,
                                      PdVoucherGeneratorCommitFunc  func,
                                      gpointer                      user_data,
                                      GDestroyNotify                destroy)
{
  g_return_if_fail (PD_IS_VOUCHER_GENERATOR (self));
  g_return_if_fail (!self->running);

  if (self->commit_destroy != NULL)
    self->commit_destroy (self->commit_data);
  self->commit_func = func;
  self->commit_data = user_data;
  self->commit_destroy = destroy;
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
 * The functions set with the setters run in that thread.
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
  data->existing_func = self->existing_func;
  data->existing_data = self->existing_data;
  data->commit_func = self->commit_func;
  data->commit_data = self->commit_data;
  data->draw_share = self->commit_func != NULL ? DRAW_SHARE : 1.0;
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
