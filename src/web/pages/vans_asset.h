/* Handlers of assets (pages/vans_asset*.c, api/vans_asset.c): the asset list and form, groups,
 * upload with its templates and history, CPE help, the VANS upload API and /api/v1/assets. */
#ifndef VANS_WEB_PAGES_VANS_ASSET_H
#define VANS_WEB_PAGES_VANS_ASSET_H

#include "core/val.h"
#include "web/http.h"

struct asset;
struct asset_query;
struct asset_intake_result;

/* api/vans_asset.c */
void api_vans2_insert_server_unitproduct(struct request *r, struct response *w);
void api_vans1_insert_system_unitproduct(struct request *r, struct response *w);
void api_assets(struct request *r, struct response *w);
void api_asset(struct request *r, struct response *w);
void api_asset_create(struct request *r, struct response *w);
void api_asset_update(struct request *r, struct response *w);
void api_asset_delete(struct request *r, struct response *w);
void api_asset_cpe_candidates(struct request *r, struct response *w);
void api_asset_cpe_accept(struct request *r, struct response *w);
void api_assets_cpe_list(struct request *r, struct response *w);
/* pages/vans_asset.c */
void page_assets(struct request *r, struct response *w);
void page_asset_new(struct request *r, struct response *w);
void page_asset_create(struct request *r, struct response *w);
void page_asset(struct request *r, struct response *w);
void page_asset_update(struct request *r, struct response *w);
void page_asset_delete(struct request *r, struct response *w);
void page_asset_cpe_accept(struct request *r, struct response *w);
void page_assets_cpe_list(struct request *r, struct response *w);
void page_asset_groups(struct request *r, struct response *w);
void page_asset_group_create(struct request *r, struct response *w);
void page_asset_group_update(struct request *r, struct response *w);
void page_asset_group_delete(struct request *r, struct response *w);
/* pages/vans_asset_upload.c */
void page_asset_upload(struct request *r, struct response *w);
void page_asset_upload_post(struct request *r, struct response *w);
void page_asset_template(struct request *r, struct response *w);
void page_asset_uploads(struct request *r, struct response *w);
/* shared with the pages */
void vans_asset_subnav(struct request *r, struct val *ctx);
struct val *vans_asset_json(struct arena *a, const struct asset *x);
struct val *vans_match_json(struct arena *a, const struct asset_intake_result *res);
void vans_asset_query_from(struct request *r, struct asset_query *q);

#endif
