/* pd-stats-cache.c
 *
 * The platform's stats of each campaign, as last fetched, one JSON file
 * per campaign in a folder beside the workspace database. The Results page
 * writes it when it fetches; the donor page preview and its exports read
 * it for the projects' progress, also offline. Files are read once and
 * kept in memory; "stats-changed" tells readers when a fetch brought news.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-stats-cache"

#include "config.h"

#include <errno.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "pd-stats-cache.h"

struct _PdStatsCache
{
  GObject     parent_instance;

  char       *dir;
  GHashTable *loaded;   /* campaign id → PdCampaignStats, or NULL: no file */
};

G_DEFINE_FINAL_TYPE (PdStatsCache, pd_stats_cache, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DIR,
  N_PROPS
};

enum {
  STATS_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
unref_nullable (gpointer object)
{
  if (object != NULL)
    g_object_unref (object);
}

static void
pd_stats_cache_finalize (GObject *object)
{
  PdStatsCache *self = PD_STATS_CACHE (object);

  g_clear_pointer (&self->dir, g_free);
  g_clear_pointer (&self->loaded, g_hash_table_unref);

  G_OBJECT_CLASS (pd_stats_cache_parent_class)->finalize (object);
}

static void
pd_stats_cache_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PdStatsCache *self = PD_STATS_CACHE (object);

  switch (prop_id)
    {
    case PROP_DIR:
      g_value_set_string (value, self->dir);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_stats_cache_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  PdStatsCache *self = PD_STATS_CACHE (object);

  switch (prop_id)
    {
    case PROP_DIR:
      self->dir = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_stats_cache_class_init (PdStatsCacheClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pd_stats_cache_finalize;
  object_class->get_property = pd_stats_cache_get_property;
  object_class->set_property = pd_stats_cache_set_property;

  properties[PROP_DIR] =
    g_param_spec_string ("dir", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[STATS_CHANGED] =
    g_signal_new ("stats-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
pd_stats_cache_init (PdStatsCache *self)
{
  self->loaded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        unref_nullable);
}

/**
 * pd_stats_cache_new:
 * @dir: the folder of the cache files, created when the first is saved
 *
 * Returns: (transfer full): a new cache
 */
PdStatsCache *
pd_stats_cache_new (const char *dir)
{
  g_return_val_if_fail (dir != NULL, NULL);

  return g_object_new (PD_TYPE_STATS_CACHE, "dir", dir, NULL);
}

const char *
pd_stats_cache_get_dir (PdStatsCache *self)
{
  g_return_val_if_fail (PD_IS_STATS_CACHE (self), NULL);

  return self->dir;
}

/**
 * pd_stats_cache_dup_path:
 *
 * Returns: (transfer full): the file of @campaign_id's stats
 */
char *
pd_stats_cache_dup_path (PdStatsCache *self,
                         const char   *campaign_id)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (PD_IS_STATS_CACHE (self), NULL);
  g_return_val_if_fail (campaign_id != NULL && *campaign_id != '\0', NULL);

  /* Ids come from the platform: never let one name a file elsewhere. */
  name = g_strconcat (campaign_id, ".json", NULL);
  g_strdelimit (name, G_DIR_SEPARATOR_S "\\", '_');
  return g_build_filename (self->dir, name, NULL);
}

/**
 * pd_stats_cache_lookup:
 *
 * Returns: (transfer full) (nullable): the stats last saved for
 *   @campaign_id, or %NULL when there are none or the file is damaged
 */
PdCampaignStats *
pd_stats_cache_lookup (PdStatsCache *self,
                       const char   *campaign_id)
{
  PdCampaignStats *stats = NULL;
  g_autofree char *path = NULL;
  g_autofree char *json = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (PD_IS_STATS_CACHE (self), NULL);
  g_return_val_if_fail (campaign_id != NULL, NULL);

  if (g_hash_table_lookup_extended (self->loaded, campaign_id, NULL, (gpointer *) &stats))
    return stats != NULL ? g_object_ref (stats) : NULL;

  /* A missing or damaged file just means no results to show yet. */
  path = pd_stats_cache_dup_path (self, campaign_id);
  if (g_file_get_contents (path, &json, NULL, &error))
    stats = pd_campaign_stats_new_from_string (json, &error);
  if (stats == NULL && !g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    g_debug ("Ignoring the cached stats %s: %s", path, error->message);

  g_hash_table_insert (self->loaded, g_strdup (campaign_id), stats);
  return stats != NULL ? g_object_ref (stats) : NULL;
}

/**
 * pd_stats_cache_save:
 * @stats: what the platform reported now
 *
 * Writes @stats for @campaign_id (private to the user, never half a file)
 * and emits "stats-changed". Readers get @stats even when writing failed.
 *
 * Returns: %TRUE when the file was written
 */
gboolean
pd_stats_cache_save (PdStatsCache     *self,
                     const char       *campaign_id,
                     PdCampaignStats  *stats,
                     GError          **error)
{
  g_autofree char *path = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *json = NULL;
  gboolean ok;

  g_return_val_if_fail (PD_IS_STATS_CACHE (self), FALSE);
  g_return_val_if_fail (campaign_id != NULL, FALSE);
  g_return_val_if_fail (PD_IS_CAMPAIGN_STATS (stats), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  path = pd_stats_cache_dup_path (self, campaign_id);
  node = pd_campaign_stats_to_json (stats);
  json = json_to_string (node, FALSE);

  if (g_mkdir_with_parents (self->dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create the folder “%s”: %s"), self->dir, g_strerror (saved_errno));
      ok = FALSE;
    }
  else
    {
      ok = g_file_set_contents_full (path, json, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
    }

  /* What is on screen follows the platform even when the disk is full. */
  g_hash_table_insert (self->loaded, g_strdup (campaign_id), g_object_ref (stats));
  g_signal_emit (self, signals[STATS_CHANGED], 0, campaign_id);
  return ok;
}
