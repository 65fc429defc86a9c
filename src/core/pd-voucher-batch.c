/* pd-voucher-batch.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-voucher-batch"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-core-private.h"
#include "pd-json.h"
#include "pd-validation.h"
#include "pd-voucher-batch.h"

struct _PdVoucherBatch
{
  PdRecord   parent_instance;

  char      *campaign_id;
  char      *label;
  gint64     count;
  gint64     coins_per_voucher;
  GDateTime *expires_at;
};

G_DEFINE_FINAL_TYPE (PdVoucherBatch, pd_voucher_batch, PD_TYPE_RECORD)

enum {
  PROP_0,
  PROP_CAMPAIGN_ID,
  PROP_LABEL,
  PROP_COUNT,
  PROP_COINS_PER_VOUCHER,
  PROP_EXPIRES_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

const char *
pd_voucher_batch_get_campaign_id (PdVoucherBatch *self)
{
  g_return_val_if_fail (PD_IS_VOUCHER_BATCH (self), NULL);
  return self->campaign_id;
}

void
pd_voucher_batch_set_campaign_id (PdVoucherBatch *self,
                                  const char     *campaign_id)
{
  g_return_if_fail (PD_IS_VOUCHER_BATCH (self));

  if (pd_set_text (&self->campaign_id, campaign_id))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAMPAIGN_ID]);
}

const char *
pd_voucher_batch_get_label (PdVoucherBatch *self)
{
  g_return_val_if_fail (PD_IS_VOUCHER_BATCH (self), NULL);
  return self->label;
}

void
pd_voucher_batch_set_label (PdVoucherBatch *self,
                            const char     *label)
{
  g_return_if_fail (PD_IS_VOUCHER_BATCH (self));

  if (pd_set_text (&self->label, label))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABEL]);
}

gint64
pd_voucher_batch_get_count (PdVoucherBatch *self)
{
  g_return_val_if_fail (PD_IS_VOUCHER_BATCH (self), 0);
  return self->count;
}

void
pd_voucher_batch_set_count (PdVoucherBatch *self,
                            gint64          count)
{
  g_return_if_fail (PD_IS_VOUCHER_BATCH (self));

  if (self->count == count)
    return;
  self->count = count;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNT]);
}

gint64
pd_voucher_batch_get_coins_per_voucher (PdVoucherBatch *self)
{
  g_return_val_if_fail (PD_IS_VOUCHER_BATCH (self), 0);
  return self->coins_per_voucher;
}

void
pd_voucher_batch_set_coins_per_voucher (PdVoucherBatch *self,
                                        gint64          coins)
{
  g_return_if_fail (PD_IS_VOUCHER_BATCH (self));

  if (self->coins_per_voucher == coins)
    return;
  self->coins_per_voucher = coins;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COINS_PER_VOUCHER]);
}

GDateTime *
pd_voucher_batch_get_expires_at (PdVoucherBatch *self)
{
  g_return_val_if_fail (PD_IS_VOUCHER_BATCH (self), NULL);
  return self->expires_at;
}

void
pd_voucher_batch_set_expires_at (PdVoucherBatch *self,
                                 GDateTime      *expires_at)
{
  g_return_if_fail (PD_IS_VOUCHER_BATCH (self));

  if (self->expires_at == expires_at ||
      (self->expires_at != NULL && expires_at != NULL && g_date_time_equal (self->expires_at, expires_at) &&
       g_date_time_get_utc_offset (self->expires_at) == g_date_time_get_utc_offset (expires_at)))
    return;
  g_clear_pointer (&self->expires_at, g_date_time_unref);
  self->expires_at = expires_at != NULL ? g_date_time_ref (expires_at) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPIRES_AT]);
}

static void
pd_voucher_batch_to_json (PdRecord   *record,
                          JsonObject *object)
{
  PdVoucherBatch *self = PD_VOUCHER_BATCH (record);

  json_object_set_string_member (object, "campaign_id", self->campaign_id);
  json_object_set_string_member (object, "label", self->label);
  json_object_set_int_member (object, "count", self->count);
  json_object_set_int_member (object, "coins_per_voucher", self->coins_per_voucher);
  if (self->expires_at != NULL)
    {
      g_autofree char *text = pd_json_format_date_time (self->expires_at);
      json_object_set_string_member (object, "expires_at", text);
    }
}

static gboolean
pd_voucher_batch_load_json (PdRecord    *record,
                            JsonObject  *object,
                            GError     **error)
{
  PdVoucherBatch *self = PD_VOUCHER_BATCH (record);
  const char *campaign_id, *label;
  gint64 count, coins;
  g_autoptr(GDateTime) expires_at = NULL;

  if (!pd_json_read_string (object, "campaign_id", FALSE, &campaign_id, error) ||
      !pd_json_read_string (object, "label", FALSE, &label, error) ||
      !pd_json_read_int (object, "count", FALSE, &count, error) ||
      !pd_json_read_int (object, "coins_per_voucher", FALSE, &coins, error) ||
      !pd_json_read_date_time (object, "expires_at", FALSE, &expires_at, error))
    return FALSE;

  pd_voucher_batch_set_campaign_id (self, campaign_id);
  pd_voucher_batch_set_label (self, label);
  pd_voucher_batch_set_count (self, count);
  pd_voucher_batch_set_coins_per_voucher (self, coins);
  pd_voucher_batch_set_expires_at (self, expires_at);

  return TRUE;
}

static gboolean
pd_voucher_batch_validate (PdRecord  *record,
                           GError   **error)
{
  PdVoucherBatch *self = PD_VOUCHER_BATCH (record);
  gint64 total_coins;

  if (!pd_is_valid_uuid (self->campaign_id))
    {
      g_set_error (error, PD_VALIDATION_ERROR, PD_VALIDATION_ERROR_REQUIRED,
                   _("A voucher batch must belong to a campaign."));
      return FALSE;
    }
  if (!pd_validate_name (self->label, _("The batch label"), error))
    return FALSE;
  if (self->count < 1 || self->count > PD_VOUCHER_BATCH_MAX_COUNT)
    {
      g_set_error (error, PD_VALIDATION_ERROR, PD_VALIDATION_ERROR_OUT_OF_RANGE,
                   _("A batch holds between 1 and %d vouchers."), PD_VOUCHER_BATCH_MAX_COUNT);
      return FALSE;
    }
  if (self->coins_per_voucher <= 0)
    {
      g_set_error (error, PD_VALIDATION_ERROR, PD_VALIDATION_ERROR_NEGATIVE,
                   _("Each voucher must be worth at least one coin."));
      return FALSE;
    }
  if (__builtin_mul_overflow (self->count, self->coins_per_voucher, &total_coins))
    {
      g_set_error (error, PD_VALIDATION_ERROR, PD_VALIDATION_ERROR_OUT_OF_RANGE,
                   _("This batch is worth more coins than the app can count. Choose fewer vouchers or fewer coins per voucher."));
      return FALSE;
    }
  if (self->expires_at == NULL)
    {
      g_set_error (error, PD_VALIDATION_ERROR, PD_VALIDATION_ERROR_REQUIRED,
                   _("The vouchers need an expiry date."));
      return FALSE;
    }
  return TRUE;
}

static void
pd_voucher_batch_finalize (GObject *object)
{
  PdVoucherBatch *self = PD_VOUCHER_BATCH (object);

  g_clear_pointer (&self->campaign_id, g_free);
  g_clear_pointer (&self->label, g_free);
  g_clear_pointer (&self->expires_at, g_date_time_unref);

  G_OBJECT_CLASS (pd_voucher_batch_parent_class)->finalize (object);
}

static void
pd_voucher_batch_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PdVoucherBatch *self = PD_VOUCHER_BATCH (object);

  switch (prop_id)
    {
    case PROP_CAMPAIGN_ID: g_value_set_string (value, self->campaign_id); break;
    case PROP_LABEL: g_value_set_string (value, self->label); break;
    case PROP_COUNT: g_value_set_int64 (value, self->count); break;
    case PROP_COINS_PER_VOUCHER: g_value_set_int64 (value, self->coins_per_voucher); break;
    case PROP_EXPIRES_AT: g_value_set_boxed (value, self->expires_at); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_voucher_batch_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  PdVoucherBatch *self = PD_VOUCHER_BATCH (object);

  switch (prop_id)
    {
    case PROP_CAMPAIGN_ID: pd_voucher_batch_set_campaign_id (self, g_value_get_string (value)); break;
    case PROP_LABEL: pd_voucher_batch_set_label (self, g_value_get_string (value)); break;
    case PROP_COUNT: pd_voucher_batch_set_count (self, g_value_get_int64 (value)); break;
    case PROP_COINS_PER_VOUCHER: pd_voucher_batch_set_coins_per_voucher (self, g_value_get_int64 (value)); break;
    case PROP_EXPIRES_AT: pd_voucher_batch_set_expires_at (self, g_value_get_boxed (value)); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_voucher_batch_class_init (PdVoucherBatchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  PdRecordClass *record_class = PD_RECORD_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = pd_voucher_batch_finalize;
  object_class->get_property = pd_voucher_batch_get_property;
  object_class->set_property = pd_voucher_batch_set_property;

  record_class->kind = "voucher-batch";
  record_class->to_json = pd_voucher_batch_to_json;
  record_class->load_json = pd_voucher_batch_load_json;
  record_class->validate = pd_voucher_batch_validate;

  properties[PROP_CAMPAIGN_ID] = g_param_spec_string ("campaign-id", NULL, NULL, "", flags);
  properties[PROP_LABEL] = g_param_spec_string ("label", NULL, NULL, "", flags);
  properties[PROP_COUNT] = g_param_spec_int64 ("count", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_COINS_PER_VOUCHER] =
    g_param_spec_int64 ("coins-per-voucher", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_EXPIRES_AT] = g_param_spec_boxed ("expires-at", NULL, NULL, G_TYPE_DATE_TIME, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pd_voucher_batch_init (PdVoucherBatch *self)
{
  self->campaign_id = g_strdup ("");
  self->label = g_strdup ("");
}

PdVoucherBatch *
pd_voucher_batch_new (const char *campaign_id)
{
  return pd_voucher_batch_new_with_id (NULL, campaign_id);
}

PdVoucherBatch *
pd_voucher_batch_new_with_id (const char *id,
                              const char *campaign_id)
{
  return g_object_new (PD_TYPE_VOUCHER_BATCH, "id", id, "campaign-id", campaign_id, NULL);
}
