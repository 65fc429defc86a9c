/* pd-faq-entry.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-faq-entry"

#include "config.h"

#include "pd-core-private.h"
#include "pd-faq-entry.h"

struct _PdFaqEntry
{
  GObject  parent_instance;

  char    *question;
  char    *answer;
};

G_DEFINE_FINAL_TYPE (PdFaqEntry, pd_faq_entry, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_QUESTION,
  PROP_ANSWER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pd_faq_entry_finalize (GObject *object)
{
  PdFaqEntry *self = PD_FAQ_ENTRY (object);

  g_clear_pointer (&self->question, g_free);
  g_clear_pointer (&self->answer, g_free);

  G_OBJECT_CLASS (pd_faq_entry_parent_class)->finalize (object);
}

static void
pd_faq_entry_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  PdFaqEntry *self = PD_FAQ_ENTRY (object);

  switch (prop_id)
    {
    case PROP_QUESTION:
      g_value_set_string (value, self->question);
      break;
    case PROP_ANSWER:
      g_value_set_string (value, self->answer);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_faq_entry_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  PdFaqEntry *self = PD_FAQ_ENTRY (object);

  switch (prop_id)
    {
    case PROP_QUESTION:
      pd_faq_entry_set_question (self, g_value_get_string (value));
      break;
    case PROP_ANSWER:
      pd_faq_entry_set_answer (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_faq_entry_class_init (PdFaqEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pd_faq_entry_finalize;
  object_class->get_property = pd_faq_entry_get_property;
  object_class->set_property = pd_faq_entry_set_property;

  properties[PROP_QUESTION] =
    g_param_spec_string ("question", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ANSWER] =
    g_param_spec_string ("answer", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pd_faq_entry_init (PdFaqEntry *self)
{
  self->question = g_strdup ("");
  self->answer = g_strdup ("");
}

PdFaqEntry *
pd_faq_entry_new (const char *question,
                  const char *answer)
{
  return g_object_new (PD_TYPE_FAQ_ENTRY, "question", question, "answer", answer, NULL);
}

const char *
pd_faq_entry_get_question (PdFaqEntry *self)
{
  g_return_val_if_fail (PD_IS_FAQ_ENTRY (self), NULL);

  return self->question;
}

void
pd_faq_entry_set_question (PdFaqEntry *self,
                           const char *question)
{
  g_return_if_fail (PD_IS_FAQ_ENTRY (self));

  if (pd_set_text (&self->question, question))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUESTION]);
}

const char *
pd_faq_entry_get_answer (PdFaqEntry *self)
{
  g_return_val_if_fail (PD_IS_FAQ_ENTRY (self), NULL);

  return self->answer;
}

void
pd_faq_entry_set_answer (PdFaqEntry *self,
                         const char *answer)
{
  g_return_if_fail (PD_IS_FAQ_ENTRY (self));

  if (pd_set_text (&self->answer, answer))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANSWER]);
}
