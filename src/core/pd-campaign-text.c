/* pd-campaign-text.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-campaign-text"

#include "config.h"

#include "pd-campaign-text.h"
#include "pd-core-private.h"

struct _PdCampaignText
{
  GObject     parent_instance;

  char       *language;
  char       *title;
  char       *intro;
  char       *thank_you;
  GListStore *faq;
};

G_DEFINE_FINAL_TYPE (PdCampaignText, pd_campaign_text, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LANGUAGE,
  PROP_TITLE,
  PROP_INTRO,
  PROP_THANK_YOU,
  PROP_FAQ,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pd_campaign_text_dispose (GObject *object)
{
  PdCampaignText *self = PD_CAMPAIGN_TEXT (object);

  g_clear_object (&self->faq);

  G_OBJECT_CLASS (pd_campaign_text_parent_class)->dispose (object);
}

static void
pd_campaign_text_finalize (GObject *object)
{
  PdCampaignText *self = PD_CAMPAIGN_TEXT (object);

  g_clear_pointer (&self->language, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->intro, g_free);
  g_clear_pointer (&self->thank_you, g_free);

  G_OBJECT_CLASS (pd_campaign_text_parent_class)->finalize (object);
}

static void
pd_campaign_text_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PdCampaignText *self = PD_CAMPAIGN_TEXT (object);

  switch (prop_id)
    {
    case PROP_LANGUAGE:
      g_value_set_string (value, self->language);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_INTRO:
      g_value_set_string (value, self->intro);
      break;
    case PROP_THANK_YOU:
      g_value_set_string (value, self->thank_you);
      break;
    case PROP_FAQ:
      g_value_set_object (value, self->faq);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_campaign_text_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  PdCampaignText *self = PD_CAMPAIGN_TEXT (object);

  switch (prop_id)
    {
    case PROP_LANGUAGE:
      self->language = g_value_dup_string (value);
      break;
    case PROP_TITLE:
      pd_campaign_text_set_title (self, g_value_get_string (value));
      break;
    case PROP_INTRO:
      pd_campaign_text_set_intro (self, g_value_get_string (value));
      break;
    case PROP_THANK_YOU:
      pd_campaign_text_set_thank_you (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_campaign_text_class_init (PdCampaignTextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pd_campaign_text_dispose;
  object_class->finalize = pd_campaign_text_finalize;
  object_class->get_property = pd_campaign_text_get_property;
  object_class->set_property = pd_campaign_text_set_property;

  properties[PROP_LANGUAGE] =
    g_param_spec_string ("language", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_INTRO] =
    g_param_spec_string ("intro", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_THANK_YOU] =
    g_param_spec_string ("thank-you", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FAQ] =
    g_param_spec_object ("faq", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pd_campaign_text_init (PdCampaignText *self)
{
  self->title = g_strdup ("");
  self->intro = g_strdup ("");
  self->thank_you = g_strdup ("");
  self->faq = g_list_store_new (PD_TYPE_FAQ_ENTRY);
}

PdCampaignText *
pd_campaign_text_new (const char *language)
{
  g_return_val_if_fail (language != NULL, NULL);

  return g_object_new (PD_TYPE_CAMPAIGN_TEXT, "language", language, NULL);
}

const char *
pd_campaign_text_get_language (PdCampaignText *self)
{
  g_return_val_if_fail (PD_IS_CAMPAIGN_TEXT (self), NULL);

  return self->language;
}

const char *
pd_campaign_text_get_title (PdCampaignText *self)
{
  g_return_val_if_fail (PD_IS_CAMPAIGN_TEXT (self), NULL);

  return self->title;
}

void
pd_campaign_text_set_title (PdCampaignText *self,
                            const char     *title)
{
  g_return_if_fail (PD_IS_CAMPAIGN_TEXT (self));

  if (pd_set_text (&self->title, title))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
pd_campaign_text_get_intro (PdCampaignText *self)
{
  g_return_val_if_fail (PD_IS_CAMPAIGN_TEXT (self), NULL);

  return self->intro;
}

void
pd_campaign_text_set_intro (PdCampaignText *self,
                            const char     *intro)
{
  g_return_if_fail (PD_IS_CAMPAIGN_TEXT (self));

  if (pd_set_text (&self->intro, intro))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTRO]);
}

const char *
pd_campaign_text_get_thank_you (PdCampaignText *self)
{
  g_return_val_if_fail (PD_IS_CAMPAIGN_TEXT (self), NULL);

  return self->thank_you;
}

void
pd_campaign_text_set_thank_you (PdCampaignText *self,
                                const char     *thank_you)
{
  g_return_if_fail (PD_IS_CAMPAIGN_TEXT (self));

  if (pd_set_text (&self->thank_you, thank_you))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_THANK_YOU]);
}

GListModel *
pd_campaign_text_get_faq (PdCampaignText *self)
{
  g_return_val_if_fail (PD_IS_CAMPAIGN_TEXT (self), NULL);

  return G_LIST_MODEL (self->faq);
}

void
pd_campaign_text_append_faq (PdCampaignText *self,
                             PdFaqEntry     *entry)
{
  g_return_if_fail (PD_IS_CAMPAIGN_TEXT (self));
  g_return_if_fail (PD_IS_FAQ_ENTRY (entry));

  g_list_store_append (self->faq, entry);
}

void
pd_campaign_text_remove_faq (PdCampaignText *self,
                             guint           position)
{
  g_return_if_fail (PD_IS_CAMPAIGN_TEXT (self));
  g_return_if_fail (position < g_list_model_get_n_items (G_LIST_MODEL (self->faq)));

  g_list_store_remove (self->faq, position);
}

void
pd_campaign_text_move_faq (PdCampaignText *self,
                           guint           from,
                           guint           to)
{
  g_autoptr(PdFaqEntry) entry = NULL;
  guint n;

  g_return_if_fail (PD_IS_CAMPAIGN_TEXT (self));
  n = g_list_model_get_n_items (G_LIST_MODEL (self->faq));
  g_return_if_fail (from < n && to < n);

  if (from == to)
    return;
  entry = g_list_model_get_item (G_LIST_MODEL (self->faq), from);
  g_list_store_remove (self->faq, from);
  g_list_store_insert (self->faq, to, entry);
}
