/* pd-faq-entry.h: one question and its answer in a campaign's texts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PD_TYPE_FAQ_ENTRY (pd_faq_entry_get_type ())
G_DECLARE_FINAL_TYPE (PdFaqEntry, pd_faq_entry, PD, FAQ_ENTRY, GObject)

/* Properties: "question", "answer" (strings, never NULL). */
PdFaqEntry *pd_faq_entry_new          (const char *question,
                                       const char *answer);
const char *pd_faq_entry_get_question (PdFaqEntry *self);
void        pd_faq_entry_set_question (PdFaqEntry *self,
                                       const char *question);
const char *pd_faq_entry_get_answer   (PdFaqEntry *self);
void        pd_faq_entry_set_answer   (PdFaqEntry *self,
                                       const char *answer);

G_END_DECLS
