/* fuzz-model-json.c: records from the platform's JSON into model types
 *
 * The first byte picks the kind (campaign, project, theme, voucher batch),
 * the rest is JSON text. Besides "no crash, no leak, no critical": a record
 * that loads writes JSON that loads again to the same JSON (no field lost
 * or changed), and a load that fails leaves the record untouched.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pd-fuzz.h"

#include "pd-campaign.h"
#include "pd-json.h"
#include "pd-project.h"
#include "pd-record.h"
#include "pd-theme.h"
#include "pd-voucher-batch.h"

static const char *kinds[] = { "campaign", "project", "theme", "voucher-batch" };

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(PdRecord) record = NULL;
  g_autoptr(PdRecord) again = NULL;
  g_autoptr(JsonNode) written = NULL;
  g_autoptr(JsonNode) rewritten = NULL;
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autoptr(GError) error = NULL;
  GType type;

  if (size < 1)
    return 0;

  type = pd_record_type_from_kind (kinds[data[0] % G_N_ELEMENTS (kinds)]);
  g_assert_true (g_type_is_a (type, PD_TYPE_RECORD));

  text = pd_fuzz_strndup (data + 1, size - 1);
  node = pd_json_from_string (text, &error);
  if (node == NULL)
    {
      g_assert_nonnull (error);
      return 0;
    }

  record = pd_record_new_from_json (type, node, &error);
  pd_fuzz_note (g_type_name (type), error);
  if (record == NULL)
    {
      g_assert_nonnull (error);
      return 0;
    }
  g_assert_no_error (error);

  /* Validation may refuse the record, but must not crash on it. */
  pd_record_validate (record, &error);
  pd_fuzz_note ("validate", error);
  g_clear_error (&error);

  written = pd_record_to_json (record);
  again = pd_record_new_from_json (type, written, &error);
  g_assert_no_error (error);
  rewritten = pd_record_to_json (again);
  g_assert_true (pd_json_equal (written, rewritten));

  /* Loading the input into an existing record: all or nothing. */
  before = pd_record_to_json (again);
  if (!pd_record_load_json (again, node, NULL))
    {
      after = pd_record_to_json (again);
      g_assert_true (pd_json_equal (before, after));
    }

  return 0;
}
