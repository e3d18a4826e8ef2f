/* Liveness and readiness probes, Prometheus metrics and the API's index and OpenAPI
 * document: what load balancers, monitoring and API clients ask first. */
#include "web/handlers.h"
#include "web/app.h"
#include "web/metrics.h"
#include "core/embedded.h"
#include "store/db.h"
#include "core/val.h"

#include <string.h>

void probe_healthz(struct request *r, struct response *w)
{
	(void)r;
	resp_text(w, 200, "text/plain; charset=utf-8", "ok\n", 3);
}

void probe_readyz(struct request *r, struct response *w)
{
	(void)r;
	struct db *db = db_thread();
	struct db_stmt *s = db ? db_stmt(db, STMT_PING) : NULL;
	if (atomic_load(&app.draining)) {
		resp_text(w, 503, "text/plain; charset=utf-8", "draining\n", 9);
		return;
	}
	if (!s || db_step(s) != DB_ROW) {
		if (s)
			db_reset(s);
		resp_text(w, 503, "text/plain; charset=utf-8", "database unavailable\n", 21);
		return;
	}
	db_reset(s);
	resp_text(w, 200, "text/plain; charset=utf-8", "ready\n", 6);
}

void probe_metrics(struct request *r, struct response *w)
{
	(void)r;
	w->status = 200;
	w->content_type = "text/plain; version=0.0.4; charset=utf-8";
	metrics_write(&w->body);
}

void api_index(struct request *r, struct response *w)
{
	struct arena *a = &r->arena;
	struct val *root = val_obj(a);
	val_set_str(a, root, "name", "vans");
	val_set_str(a, root, "version", app.version);
	val_set_str(a, root, "openapi", "/api/v1/openapi.json");
	w->status = 200;
	w->content_type = "application/json";
	val_write_json(root, &w->body);
}

void api_openapi(struct request *r, struct response *w)
{
	(void)r;
	const struct embedded_file *f = embedded_find("api/openapi.json");
	if (!f) {
		w->status = 404;
		return;
	}
	resp_text(w, 200, "application/json", (const char *)f->data, f->len);
}
