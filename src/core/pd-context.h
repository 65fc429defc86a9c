/* pd-context.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pd-clock.h"
#include "pd-store.h"

/* The sync layer's types, declared here so the core's context header does
 * not pull in the API client. */
typedef struct _PdAccount        PdAccount;
typedef struct _PdAccountManager PdAccountManager;
typedef struct _PdSyncEngine     PdSyncEngine;

G_BEGIN_DECLS

#define PD_TYPE_CONTEXT (pd_context_get_type ())
G_DECLARE_FINAL_TYPE (PdContext, pd_context, PD, CONTEXT, GObject)

PdContext  *pd_context_new           (const char *data_dir);
const char *pd_context_get_data_dir  (PdContext  *self);
GSettings  *pd_context_get_settings  (PdContext  *self);
PdClock    *pd_context_get_clock     (PdContext  *self);

PdStore    *pd_context_get_store     (PdContext  *self);
char       *pd_context_dup_local_workspace_path (PdContext *self);
gboolean    pd_context_open_workspace (PdContext *self,
                                       GError   **error);
PdAccountManager *pd_context_get_account_manager (PdContext *self);
PdAccount  *pd_context_get_account   (PdContext  *self);
PdSyncEngine *pd_context_get_sync_engine (PdContext *self);
gboolean    pd_context_switch_account (PdContext *self,
                                       PdAccount *account,
                                       GError   **error);
gboolean    pd_context_fill_demo     (PdContext  *self,
                                      GError    **error);

char       *pd_context_default_data_dir (void);

G_END_DECLS
