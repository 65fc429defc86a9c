/* pd-project.h: a charitable project from the catalogue or the client's own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pd-record.h"

G_BEGIN_DECLS

#define PD_TYPE_PROJECT (pd_project_get_type ())
G_DECLARE_FINAL_TYPE (PdProject, pd_project, PD, PROJECT, PdRecord)

/* Properties (all notify): "title", "organisation", "description",
 * "category", "location" (strings, never NULL), "website",
 * "image-sha256" (nullable), "default-target-coins" (gint64),
 * "source" (PdProjectSource; catalogue projects are read-only). */
PdProject       *pd_project_new                      (void);
PdProject       *pd_project_new_with_id              (const char      *id);

const char      *pd_project_get_title                (PdProject       *self);
void             pd_project_set_title                (PdProject       *self,
                                                      const char      *title);
const char      *pd_project_get_organisation         (PdProject       *self);
void             pd_project_set_organisation         (PdProject       *self,
                                                      const char      *organisation);
const char      *pd_project_get_description          (PdProject       *self);
void             pd_project_set_description          (PdProject       *self,
                                                      const char      *description);
const char      *pd_project_get_category             (PdProject       *self);
void             pd_project_set_category             (PdProject       *self,
                                                      const char      *category);
const char      *pd_project_get_location             (PdProject       *self);
void             pd_project_set_location             (PdProject       *self,
                                                      const char      *location);
const char      *pd_project_get_website              (PdProject       *self);
void             pd_project_set_website              (PdProject       *self,
                                                      const char      *website);
const char      *pd_project_get_image_sha256         (PdProject       *self);
void             pd_project_set_image_sha256         (PdProject       *self,
                                                      const char      *sha256);
gint64           pd_project_get_default_target_coins (PdProject       *self);
void             pd_project_set_default_target_coins (PdProject       *self,
                                                      gint64           coins);
PdProjectSource  pd_project_get_source               (PdProject       *self);
void             pd_project_set_source               (PdProject       *self,
                                                      PdProjectSource  source);

G_END_DECLS
