/* pd-account.c: one platform account (URL + tenant) with its own database
 *
 * An agency serves several clients, each a tenant on possibly different
 * platforms; every account therefore has its own folder with its own
 * SQLite file and assets, so that switching never mixes data and signing
 * out of one removes exactly its files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-sync"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-account-private.h"

struct _PdAccount
{
  GObject      parent_instance;

  char        *id;
  char        *base_url;
  char        *directory;
  char        *tenant_id;
  char        *tenant_name;
  char        *donor_page_url;
  char        *user_email;
  char        *user_name;
  gboolean     needs_sign_in;

  PdApiClient *client;
  PdStore     *store;
};

G_DEFINE_FINAL_TYPE (PdAccount, pd_account, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_BASE_URL,
  PROP_TENANT_NAME,
  PROP_USER_EMAIL,
  PROP_TITLE,
  PROP_NEEDS_SIGN_IN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pd_account_dispose (GObject *object)
{
  PdAccount *self = PD_ACCOUNT (object);

  g_clear_object (&self->client);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (pd_account_parent_class)->dispose (object);
}

static void
pd_account_finalize (GObject *object)
{
  PdAccount *self = PD_ACCOUNT (object);

  g_free (self->id);
  g_free (self->base_url);
  g_free (self->directory);
  g_free (self->tenant_id);
  g_free (self->tenant_name);
  g_free (self->donor_page_url);
  g_free (self->user_email);
  g_free (self->user_name);

  G_OBJECT_CLASS (pd_account_parent_class)->finalize (object);
}

static void
pd_account_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  PdAccount *self = PD_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;
    case PROP_TENANT_NAME:
      g_value_set_string (value, self->tenant_name);
      break;
    case PROP_USER_EMAIL:
      g_value_set_string (value, self->user_email);
      break;
    case PROP_TITLE:
      g_value_take_string (value, pd_account_dup_title (self));
      break;
    case PROP_NEEDS_SIGN_IN:
      g_value_set_boolean (value, self->needs_sign_in);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_account_class_init (PdAccountClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pd_account_dispose;
  object_class->finalize = pd_account_finalize;
  object_class->get_property = pd_account_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TENANT_NAME] =
    g_param_spec_string ("tenant-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_USER_EMAIL] =
    g_param_spec_string ("user-email", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NEEDS_SIGN_IN] =
    g_param_spec_boolean ("needs-sign-in", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pd_account_init (PdAccount *self)
{
  self->needs_sign_in = TRUE;
}

/* g_set_str() is newer than our GLib floor. */
static gboolean
set_str (char       **field,
         const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

PdAccount *
_pd_account_new (const char *id,
                 const char *base_url,
                 const char *directory)
{
  PdAccount *self = g_object_new (PD_TYPE_ACCOUNT, NULL);
  g_autoptr(GError) error = NULL;

  self->id = g_strdup (id);
  self->base_url = g_strdup (base_url);
  self->directory = g_strdup (directory);
  /* The URL was checked before the account was made or saved. */
  self->client = pd_api_client_new (base_url, &error);
  g_assert_no_error (error);

  return self;
}

void
_pd_account_set_identity (PdAccount  *self,
                          const char *tenant_id,
                          const char *tenant_name,
                          const char *user_email,
                          const char *user_name)
{
  set_str (&self->tenant_id, tenant_id);
  if (set_str (&self->tenant_name, tenant_name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TENANT_NAME]);
  if (set_str (&self->user_email, user_email))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USER_EMAIL]);
  set_str (&self->user_name, user_name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

void
_pd_account_set_donor_page_url (PdAccount  *self,
                                const char *url)
{
  set_str (&self->donor_page_url, url);
}

/**
 * pd_account_get_donor_page_url:
 *
 * Returns: (nullable): where the tenant's donor pages live (ends in '/'),
 *   as the platform said at sign-in; %NULL if it did not
 */
const char *
pd_account_get_donor_page_url (PdAccount *self)
{
  g_return_val_if_fail (PD_IS_ACCOUNT (self), NULL);
  return self->donor_page_url;
}

void
_pd_account_set_token (PdAccount  *self,
                       const char *token)
{
  pd_api_client_set_token (self->client, token);
  _pd_account_set_needs_sign_in (self, token == NULL);
}

void
_pd_account_set_needs_sign_in (PdAccount *self,
                               gboolean   needs_sign_in)
{
  needs_sign_in = !!needs_sign_in;
  if (self->needs_sign_in == needs_sign_in)
    return;
  self->needs_sign_in = needs_sign_in;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEEDS_SIGN_IN]);
}

void
_pd_account_close_store (PdAccount *self)
{
  g_clear_object (&self->store);
}

const char *
pd_account_get_id (PdAccount *self)
{
  g_return_val_if_fail (PD_IS_ACCOUNT (self), NULL);
  return self->id;
}

const char *
pd_account_get_base_url (PdAccount *self)
{
  g_return_val_if_fail (PD_IS_ACCOUNT (self), NULL);
  return self->base_url;
}

const char *
pd_account_get_tenant_id (PdAccount *self)
{
  g_return_val_if_fail (PD_IS_ACCOUNT (self), NULL);
  return self->tenant_id;
}

const char *
pd_account_get_tenant_name (PdAccount *self)
{
  g_return_val_if_fail (PD_IS_ACCOUNT (self), NULL);
  return self->tenant_name;
}

const char *
pd_account_get_user_email (PdAccount *self)
{
  g_return_val_if_fail (PD_IS_ACCOUNT (self), NULL);
  return self->user_email;
}

const char *
pd_account_get_user_name (PdAccount *self)
{
  g_return_val_if_fail (PD_IS_ACCOUNT (self), NULL);
  return self->user_name;
}

/**
 * pd_account_dup_title:
 *
 * Returns: (transfer full): how the account is named in lists
 */
char *
pd_account_dup_title (PdAccount *self)
{
  g_autoptr(GUri) uri = NULL;

  g_return_val_if_fail (PD_IS_ACCOUNT (self), NULL);

  uri = g_uri_parse (self->base_url, G_URI_FLAGS_NONE, NULL);
  /* Translators: a client (tenant) on a platform host, e.g. "Bakery Müller on api.example.com" */
  return g_strdup_printf (_("%s on %s"),
                          self->tenant_name != NULL ? self->tenant_name : "",
                          uri != NULL ? g_uri_get_host (uri) : self->base_url);
}

const char *
pd_account_get_directory (PdAccount *self)
{
  g_return_val_if_fail (PD_IS_ACCOUNT (self), NULL);
  return self->directory;
}

/**
 * pd_account_dup_database_path:
 *
 * Returns: (transfer full): the account's SQLite file
 */
char *
pd_account_dup_database_path (PdAccount *self)
{
  g_return_val_if_fail (PD_IS_ACCOUNT (self), NULL);
  return g_build_filename (self->directory, "workspace.sqlite", NULL);
}

gboolean
pd_account_get_needs_sign_in (PdAccount *self)
{
  g_return_val_if_fail (PD_IS_ACCOUNT (self), TRUE);
  return self->needs_sign_in;
}

/**
 * pd_account_get_client:
 *
 * Returns: (transfer none): the account's API client
 */
PdApiClient *
pd_account_get_client (PdAccount *self)
{
  g_return_val_if_fail (PD_IS_ACCOUNT (self), NULL);
  return self->client;
}

/**
 * pd_account_open_store:
 *
 * Opens the account's database on first use; later calls return the same
 * store.
 *
 * Returns: (transfer none) (nullable): the store, or %NULL with @error
 */
PdStore *
pd_account_open_store (PdAccount  *self,
                       GError    **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (PD_IS_ACCOUNT (self), NULL);

  if (self->store != NULL)
    return self->store;

  path = pd_account_dup_database_path (self);
  self->store = pd_store_open (path, error);
  return self->store;
}

/* How many changes would be lost by signing out now. */
guint
pd_account_get_pending_count (PdAccount *self)
{
  g_autoptr(GError) error = NULL;
  PdStore *store;

  g_return_val_if_fail (PD_IS_ACCOUNT (self), 0);

  store = pd_account_open_store (self, &error);
  if (store == NULL)
    return 0;
  return pd_store_count_outbox (store);
}
