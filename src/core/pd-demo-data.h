/* pd-demo-data.h: realistic, reproducible sample records
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pd-campaign.h"
#include "pd-project.h"
#include "pd-theme.h"

G_BEGIN_DECLS

typedef struct _PdDemoData PdDemoData;

PdDemoData *pd_demo_data_new          (guint32      seed);
void        pd_demo_data_free         (PdDemoData  *self);

char       *pd_demo_data_make_uuid    (PdDemoData  *self);
PdProject  *pd_demo_data_make_project (PdDemoData  *self);
PdTheme    *pd_demo_data_make_theme   (PdDemoData  *self,
                                       const char  *logo_sha256);
PdCampaign *pd_demo_data_make_christmas_campaign (PdDemoData *self,
                                                  const char *theme_id,
                                                  GPtrArray  *projects);
PdCampaign *pd_demo_data_make_spring_campaign    (PdDemoData *self,
                                                  const char *theme_id,
                                                  GPtrArray  *projects);
GBytes     *pd_demo_data_make_logo_svg (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdDemoData, pd_demo_data_free)

G_END_DECLS
