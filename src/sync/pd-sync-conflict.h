/* pd-sync-conflict.h: a record changed here and on the platform
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum {
  PD_CONFLICT_CHOICE_NONE,
  PD_CONFLICT_CHOICE_MINE,    /* keep the local value */
  PD_CONFLICT_CHOICE_THEIRS,  /* take the platform's value */
} PdConflictChoice;

#define PD_TYPE_SYNC_CONFLICT (pd_sync_conflict_get_type ())
G_DECLARE_FINAL_TYPE (PdSyncConflict, pd_sync_conflict, PD, SYNC_CONFLICT, GObject)

PdSyncConflict   *pd_sync_conflict_new          (const char       *kind,
                                                 const char       *id,
                                                 JsonNode         *local,
                                                 JsonNode         *server,
                                                 char            **fields);
const char       *pd_sync_conflict_get_kind     (PdSyncConflict   *self);
const char       *pd_sync_conflict_get_id       (PdSyncConflict   *self);
char             *pd_sync_conflict_dup_title    (PdSyncConflict   *self);
const char * const *pd_sync_conflict_get_fields (PdSyncConflict   *self);
char            **pd_sync_conflict_dup_followers (PdSyncConflict *self,
                                                 const char     *field);
gboolean          pd_sync_conflict_get_deleted_here  (PdSyncConflict *self);
gboolean          pd_sync_conflict_get_deleted_there (PdSyncConflict *self);
JsonNode         *pd_sync_conflict_get_local    (PdSyncConflict   *self);
JsonNode         *pd_sync_conflict_get_server   (PdSyncConflict   *self);
JsonNode         *pd_sync_conflict_get_local_value  (PdSyncConflict *self,
                                                     const char     *field);
JsonNode         *pd_sync_conflict_get_server_value (PdSyncConflict *self,
                                                     const char     *field);
void              pd_sync_conflict_choose       (PdSyncConflict   *self,
                                                 const char       *field,
                                                 PdConflictChoice  choice);
void              pd_sync_conflict_choose_all   (PdSyncConflict   *self,
                                                 PdConflictChoice  choice);
PdConflictChoice  pd_sync_conflict_get_choice   (PdSyncConflict   *self,
                                                 const char       *field);
gboolean          pd_sync_conflict_is_decided   (PdSyncConflict   *self);
JsonNode         *pd_sync_conflict_build_resolution (PdSyncConflict *self);

G_END_DECLS
