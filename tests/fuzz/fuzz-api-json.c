/* fuzz-api-json.c: what the platform answers, checked by the API client
 *
 * The first byte picks what the bytes are read as: a change page
 * (GET /v1/changes), a session (sign-in), a record of one kind, the
 * platform address a user types, a campaign's results
 * (GET /v1/campaigns/{id}/stats, also the offline cache), or a failed
 * answer (status from the second byte, then a Retry-After value up to the
 * first newline, then the problem+json body); the rest is the JSON body. A
 * record the client accepts must also load into the model type of its kind
 * or be refused with a GError, never a crash.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pd-fuzz.h"

#include <string.h>

#include "pd-api-client.h"
#include "pd-api-error.h"
#include "pd-api-record.h"
#include "pd-campaign-stats.h"
#include "pd-json.h"
#include "pd-record.h"

static const char *kinds[] = { "campaign", "project", "theme", "voucher-batch" };

/* The choices after the change page, the session and the kinds; new ones
 * go last, so the first byte of every corpus file keeps its meaning. */
enum {
  CHOICE_URL = 2 + G_N_ELEMENTS (kinds),
  CHOICE_STATS,
  CHOICE_PROBLEM,
  N_CHOICES
};

static void
load_as_model (const PdApiRecord *api_record)
{
  GType type = pd_record_type_from_kind (api_record->kind);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(PdRecord) record = NULL;
  g_autoptr(GError) error = NULL;

  if (type == G_TYPE_INVALID)
    return;

  node = json_node_init_object (json_node_alloc (), api_record->object);
  record = pd_record_new_from_json (type, node, &error);
  pd_fuzz_note ("model", error);
  g_assert_true ((record != NULL) == (error == NULL));
}

/* Results as read from the platform or the offline cache file: what loads
 * must save and load again to the same figures, as the cache relies on. */
static void
read_stats (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdCampaignStats) stats = NULL;
  g_autoptr(PdCampaignStats) again = NULL;
  g_autoptr(JsonNode) saved = NULL;
  g_autofree char *saved_text = NULL;

  if (!g_utf8_validate (text, -1, NULL))
    return;
  stats = pd_campaign_stats_new_from_string (text, &error);
  pd_fuzz_note ("stats", error);
  g_assert_true ((stats != NULL) == (error == NULL));
  if (stats == NULL)
    return;

  saved = pd_campaign_stats_to_json (stats);
  saved_text = json_to_string (saved, FALSE);
  again = pd_campaign_stats_new_from_string (saved_text, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pd_campaign_stats_get_vouchers_issued (again), ==, pd_campaign_stats_get_vouchers_issued (stats));
  g_assert_cmpint (pd_campaign_stats_get_vouchers_redeemed (again), ==, pd_campaign_stats_get_vouchers_redeemed (stats));
  g_assert_cmpint (pd_campaign_stats_get_unredeemed_coins (again), ==, pd_campaign_stats_get_unredeemed_coins (stats));
  g_assert_cmpuint (pd_campaign_stats_get_n_projects (again), ==, pd_campaign_stats_get_n_projects (stats));
  g_assert_cmpuint (pd_campaign_stats_get_n_days (again), ==, pd_campaign_stats_get_n_days (stats));
  g_assert_cmpuint (pd_campaign_stats_get_n_payouts (again), ==, pd_campaign_stats_get_n_payouts (stats));
  for (guint i = 0; i < pd_campaign_stats_get_n_projects (stats); i++)
    g_assert_nonnull (pd_campaign_stats_get_project (stats, i)->project_id);
  for (guint i = 0; i < pd_campaign_stats_get_n_days (stats); i++)
    g_assert_nonnull (pd_campaign_stats_get_day (stats, i)->date);
}

/* A failed answer always becomes a PD_API_ERROR with its status, whatever
 * its body and Retry-After say. */
static void
read_problem (const uint8_t *data,
              size_t         size)
{
  g_autofree char *retry_after = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  const uint8_t *newline;
  GPtrArray *field_errors;
  guint status;

  if (size < 1)
    return;
  /* 400 to 599: what the client turns into errors. */
  status = 400 + data[0] % 200;
  newline = memchr (data + 1, '\n', size - 1);
  if (newline == NULL)
    newline = data + size;
  retry_after = pd_fuzz_strndup (data + 1, newline - (data + 1));
  body = g_bytes_new (newline < data + size ? newline + 1 : newline,
                      newline < data + size ? data + size - newline - 1 : 0);

  error = _pd_api_error_new_from_response (status, "application/problem+json", retry_after, body);
  g_assert_nonnull (error);
  g_assert_true (error->domain == PD_API_ERROR);
  g_assert_nonnull (error->message);
  g_assert_cmpuint (pd_api_error_get_status (error), ==, status);
  g_assert_cmpint (pd_api_error_get_retry_after (error), >=, -1);
  field_errors = pd_api_error_get_field_errors (error);
  for (guint i = 0; field_errors != NULL && i < field_errors->len; i++)
    {
      PdApiFieldError *field_error = g_ptr_array_index (field_errors, i);

      g_assert_nonnull (field_error->field);
      g_assert_nonnull (field_error->message);
    }
  pd_api_error_is_transient (error);
  pd_api_error_get_detail (error);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  guint choice;

  if (size < 1)
    return 0;

  choice = data[0] % N_CHOICES;
  if (choice == CHOICE_PROBLEM)
    {
      read_problem (data + 1, size - 1);
      return 0;
    }

  text = pd_fuzz_strndup (data + 1, size - 1);
  if (choice == CHOICE_STATS)
    {
      read_stats (text);
      return 0;
    }
  if (choice == CHOICE_URL)
    {
      gboolean ok = pd_api_check_url (text, &error);

      pd_fuzz_note (text, error);
      g_assert_true (ok == (error == NULL));
      return 0;
    }

  node = pd_json_from_string (text, NULL);
  if (node == NULL)
    return 0;

  if (choice == 0)
    {
      g_autoptr(PdApiChangePage) page = pd_api_change_page_new_from_json (node, &error);

      pd_fuzz_note ("change page", error);
      g_assert_true ((page != NULL) == (error == NULL));
      if (page != NULL)
        {
          g_autoptr(PdApiChangePage) copy = pd_api_change_page_copy (page);

          g_assert_cmpuint (copy->changes->len, ==, page->changes->len);
          for (guint i = 0; i < page->changes->len; i++)
            {
              PdApiChange *change = g_ptr_array_index (page->changes, i);

              g_assert_nonnull (change->kind);
              g_assert_nonnull (change->id);
              if (change->record != NULL)
                load_as_model (change->record);
            }
        }
    }
  else if (choice == 1)
    {
      g_autoptr(PdApiSession) session = pd_api_session_new_from_json (node, &error);

      pd_fuzz_note ("session", error);
      /* GET /v1/me answers the same shape without a token. */
      g_assert_true ((session != NULL) == (error == NULL));
    }
  else
    {
      g_autoptr(PdApiRecord) record = pd_api_record_new_from_json (kinds[choice - 2], node, &error);

      pd_fuzz_note (kinds[choice - 2], error);
      g_assert_true ((record != NULL) == (error == NULL));
      if (record != NULL)
        {
          g_autoptr(PdApiRecord) copy = pd_api_record_copy (record);

          g_assert_cmpstr (copy->id, ==, record->id);
          load_as_model (record);
        }
    }

  return 0;
}
