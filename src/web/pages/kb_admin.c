/* The operator's feed page: what the knowledge base holds, the latest imports, and an NVD
 * sync started from the browser whose progress the page shows while it runs (refreshing
 * itself, so it needs no script). */
#include "web/pages/kb.h"
#include "web/app.h"
#include "web/page.h"
#include "kb/feed_job.h"
#include "store/db.h"

#include <string.h>

static enum err overview(struct request *r, struct val **out)
{
	struct db *db = db_thread();
	return db ? kb_feed_overview(db, &r->arena, out) : ERR_UNAVAILABLE;
}

void page_admin_feeds(struct request *r, struct response *w)
{
	struct arena *a = &r->arena;
	struct val *ov;
	if (overview(r, &ov) != ERR_OK) {
		w->status = 503;
		return;
	}
	struct val *ctx = page_context(r);
	val_set(a, ctx, "ov", ov);
	struct val *job = val_get(ov, "job");
	bool running = job && job->kind == VAL_OBJ && val_get(job, "running")->u.b;
	val_set_bool(a, ctx, "running", running);
	/* the layout turns this into <meta http-equiv="refresh">: live progress without script */
	if (running)
		val_set_int(a, ctx, "refresh", 2);
	const char *started = req_query(r, "started");
	val_set_bool(a, ctx, "started", started && strcmp(started, "1") == 0);
	val_set_bool(a, ctx, "busy", req_query(r, "busy") != NULL);
	val_set_str(a, ctx, "api_url", app.cfg->nvd_api_url);
	val_set_bool(a, ctx, "has_key", app.cfg->nvd_api_key && *app.cfg->nvd_api_key);
	page_render(r, w, 200, "admin_feeds", "feeds.title", ctx);
}

void page_admin_feeds_sync(struct request *r, struct response *w)
{
	struct db *db = db_thread();
	if (!db) {
		w->status = 503;
		return;
	}
	const struct config *cfg = app.cfg;
	struct kb_sync_options o = {
		.base_url = cfg->nvd_api_url,
		.api_key = cfg->nvd_api_key,
		.since = -1,
		.until = -1,
		.page_size = (int)cfg->nvd_page_size,
		.rate_window = (int)cfg->nvd_rate_window,
		.max_retries = (int)cfg->nvd_retry_max,
		.retry_base_ms = (int)cfg->nvd_retry_base_ms,
	};
	int64_t id;
	enum err e = kb_feed_job_start(db, cfg->db, &o, r->user.account_id, &id);
	if (e == ERR_CONFLICT) {
		resp_redirect(r, w, 303, "/admin/feeds?busy=1");
		return;
	}
	if (e != ERR_OK) {
		w->status = http_status_for(e);
		return;
	}
	resp_redirect(r, w, 303, "/admin/feeds?started=1");
}

void api_admin_feeds(struct request *r, struct response *w)
{
	struct val *ov;
	enum err e = overview(r, &ov);
	if (e != ERR_OK) {
		resp_json_error(w, http_status_for(e), err_str(e), "the knowledge base cannot be read now");
		return;
	}
	w->status = 200;
	w->content_type = "application/json";
	val_write_json(ov, &w->body);
}
