/* fuzz-api-json.c: what the platform answers, checked by the API client
 *
 * The first byte picks what the bytes are read as: a change page
 * (GET /v1/changes), a session (sign-in), or a record of one kind; the rest
 * is the JSON body. A record the client accepts must also load into the
 * model type of its kind or be refused with a GError, never a crash.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pd-fuzz.h"

#include "pd-api-client.h"
#include "pd-api-record.h"
#include "pd-json.h"
#include "pd-record.h"

static const char *kinds[] = { "campaign", "project", "theme", "voucher-batch" };

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

  choice = data[0] % (2 + G_N_ELEMENTS (kinds) + 1);
  text = pd_fuzz_strndup (data + 1, size - 1);

  /* The last choice reads the text as the platform address a user types. */
  if (choice == 2 + G_N_ELEMENTS (kinds))
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
