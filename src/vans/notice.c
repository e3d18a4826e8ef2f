/* The notice dispatcher: claims pending notices in batches, groups them per organisation and
 * tells that organisation's VANS users (in-app, mail now or in the daily digest) and its
 * webhook, in the claiming transaction; then sends the digests that are due. */
#include "vans/notice.h"
#include "core/alloc.h"
#include "core/clock.h"
#include "core/log.h"
#include "outbox/outbox.h"
#include "store/db.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct pending {
	int64_t id, org_id, finding_id;
	char reason[16];
	bool urgent;
};

struct recipient {
	int64_t id;
	const char *email, *name, *pref;
};

static enum err fail(struct db *db, const char *what, char *err, size_t errlen)
{
	snprintf(err, errlen, "notices: %s: %s", what, db_errmsg(db));
	return ERR_DB;
}

/* The finding behind a notice, if it is still worth telling: active, of this organisation,
 * not triaged away. */
static bool load_item(struct db *db, struct arena *a, int64_t org_id, int64_t finding_id, const char *reason,
		      bool urgent, struct notice_item *it)
{
	struct db_stmt *s = db_stmt(db, STMT_NOTICE_FINDING);
	if (!s)
		return false;
	db_bind_int(s, ":id", finding_id);
	db_bind_int(s, ":org_id", org_id);
	bool ok = db_step(s) == DB_ROW;
	if (ok) {
		const char *status = db_col_text(s, 12);
		ok = db_col_int(s, 11) == 1 && strcmp(status, "false_positive") && strcmp(status, "not_affected") &&
		     strcmp(status, "fixed");
	}
	if (ok) {
		*it = (struct notice_item){
			.finding_id = db_col_int(s, 0),
			.reason = arena_strdup(a, reason),
			.urgent = urgent,
			.cve = arena_strdup(a, db_col_text(s, 1)),
			.severity = arena_strdup(a, db_col_text(s, 2)),
			.cvss = db_col_double(s, 3),
			.kev = db_col_int(s, 4) == 1,
			.kev_due = arena_strdup(a, db_col_text(s, 5)),
			.identifier = arena_strdup(a, db_col_text(s, 6)),
			.asset = arena_strdup(a, db_col_text(s, 7)),
			.vendor = arena_strdup(a, db_col_text(s, 8)),
			.version = arena_strdup(a, db_col_text(s, 9)),
			.cpe = arena_strdup(a, db_col_text(s, 10)),
		};
	}
	db_reset(s);
	return ok;
}

static bool load_org(struct db *db, struct arena *a, int64_t org_id, const char **name, const char **identifier)
{
	struct db_stmt *s = db_stmt(db, STMT_NOTICE_ORG);
	if (!s)
		return false;
	db_bind_int(s, ":id", org_id);
	bool ok = db_step(s) == DB_ROW;
	if (ok) {
		*name = arena_strdup(a, db_col_text(s, 0));
		*identifier = arena_strdup(a, db_col_text(s, 1));
	}
	db_reset(s);
	return ok;
}

static size_t load_recipients(struct db *db, struct arena *a, int64_t org_id, struct recipient **out)
{
	size_t n = 0, cap = 8;
	struct recipient *r = arena_alloc(a, cap * sizeof *r);
	struct db_stmt *s = db_stmt(db, STMT_NOTICE_RECIPIENTS);
	if (!s)
		return 0;
	db_bind_int(s, ":org_id", org_id);
	while (db_step(s) == DB_ROW) {
		if (n == cap) {
			struct recipient *bigger = arena_alloc(a, 2 * cap * sizeof *r);
			memcpy(bigger, r, n * sizeof *r);
			r = bigger;
			cap *= 2;
		}
		r[n++] = (struct recipient){ db_col_int(s, 0), arena_strdup(a, db_col_text(s, 1)),
					     arena_strdup(a, db_col_text(s, 2)), arena_strdup(a, db_col_text(s, 3)) };
	}
	db_reset(s);
	*out = r;
	return n;
}

static enum err notify_in_app(struct db *db, int64_t account_id, int64_t org_id, const struct notice_item *items,
			      size_t n, size_t urgent, int64_t now)
{
	struct buf body;
	buf_init(&body, 1 << 20);
	notice_notification_body(&body, items, n);
	struct db_stmt *s = db_stmt(db, STMT_NOTIFICATION_INSERT);
	if (!s) {
		buf_free(&body);
		return ERR_DB;
	}
	db_bind_int(s, ":account_id", account_id);
	db_bind_int(s, ":org_id", org_id);
	db_bind_int(s, ":urgent", urgent > 0);
	/* a message key: the page says it in the reader's language, with the counts of body */
	db_bind_text(s, ":title", urgent ? "notice.title.urgent" : "notice.title.new");
	db_bind_text(s, ":body", body.data ? body.data : "");
	db_bind_text(s, ":link", "/findings");
	db_bind_int(s, ":at", now);
	enum err e = db_exec(s);
	buf_free(&body);
	return e;
}

static enum err put_in_digest(struct db *db, int64_t account_id, int64_t org_id, const struct notice_item *it,
			      int64_t now)
{
	struct db_stmt *s = db_stmt(db, STMT_NOTICE_DIGEST_INSERT);
	if (!s)
		return ERR_DB;
	db_bind_int(s, ":account_id", account_id);
	db_bind_int(s, ":org_id", org_id);
	db_bind_int(s, ":finding_id", it->finding_id);
	db_bind_text(s, ":reason", it->reason);
	db_bind_int(s, ":at", now);
	return db_exec(s);
}

/* Everything one organisation's people and webhook get for these items (sorted). */
static enum err tell_org(struct db *db, const struct config *cfg, struct arena *a, int64_t org_id,
			 struct notice_item *items, size_t n, int64_t now, struct notice_result *res)
{
	const char *org_name, *org_identifier;
	if (!load_org(db, a, org_id, &org_name, &org_identifier))
		return ERR_DB;
	size_t urgent = 0;
	for (size_t i = 0; i < n; i++)
		urgent += notice_item_urgent(&items[i]);
	struct recipient *people;
	size_t np = load_recipients(db, a, org_id, &people);
	struct notice_item *now_items = arena_alloc(a, n * sizeof *now_items);
	enum err e = ERR_OK;
	for (size_t p = 0; p < np && e == ERR_OK; p++) {
		const struct recipient *who = &people[p];
		if ((e = notify_in_app(db, who->id, org_id, items, n, urgent, now)) != ERR_OK)
			break;
		res->notifications++;
		if (!strcmp(who->pref, "off") || !*who->email)
			continue;
		bool immediate = !strcmp(who->pref, "immediate");
		size_t k = 0;
		for (size_t i = 0; i < n && e == ERR_OK; i++) {
			if (immediate || notice_item_urgent(&items[i]))
				now_items[k++] = items[i];
			else if ((e = put_in_digest(db, who->id, org_id, &items[i], now)) == ERR_OK)
				res->digest_items++;
		}
		if (e != ERR_OK || !k)
			continue;
		const char *subject, *body;
		notice_mail_compose(a, NOTICE_MAIL_NOW, cfg->base_url, org_name, who->name, now_items, k, &subject, &body);
		if ((e = outbox_enqueue(db, "email", who->email, subject, body, NULL)) == ERR_INVALID) {
			log_warn("notices: account %lld has an address mail cannot go to", (long long)who->id);
			e = ERR_OK;
		} else if (e == ERR_OK) {
			res->mails++;
		}
	}
	if (e != ERR_OK)
		return e;
	struct db_stmt *s = db_stmt(db, STMT_NOTICE_WEBHOOK_GET);
	if (!s)
		return ERR_DB;
	db_bind_int(s, ":org_id", org_id);
	const char *url = NULL, *secret = NULL;
	if (db_step(s) == DB_ROW && db_col_int(s, 2) == 1) {
		url = arena_strdup(a, db_col_text(s, 0));
		secret = arena_strdup(a, db_col_text(s, 1));
	}
	db_reset(s);
	if (url) {
		struct buf json;
		buf_init(&json, 16 * 1024 * 1024);
		notice_webhook_json(&json, cfg->base_url, org_identifier, org_name, now, items, n, false);
		e = outbox_enqueue_webhook(db, url, secret, "vans.findings", json.data, NULL);
		buf_free(&json);
		if (e == ERR_INVALID) {
			log_warn("notices: the webhook URL of organisation %lld is not usable", (long long)org_id);
			e = ERR_OK;
		} else if (e == ERR_OK) {
			res->webhooks++;
		}
	}
	res->orgs++;
	return e;
}

static int by_org(const void *pa, const void *pb)
{
	const struct pending *a = pa, *b = pb;
	if (a->org_id != b->org_id)
		return a->org_id < b->org_id ? -1 : 1;
	return a->id < b->id ? -1 : a->id > b->id;
}

/* One batch in one transaction. *claimed says how many notices it took. */
static enum err dispatch_batch(struct db *db, const struct config *cfg, int64_t now, struct notice_result *res,
			       size_t *claimed, char *err, size_t errlen)
{
	*claimed = 0;
	enum err e = db_begin(db);
	if (e != ERR_OK)
		return fail(db, "begin", err, errlen);
	struct db_stmt *s = db_stmt(db, STMT_NOTICE_CLAIM);
	if (!s) {
		db_rollback(db);
		return fail(db, "claim", err, errlen);
	}
	db_bind_int(s, ":now", now);
	db_bind_int(s, ":limit", NOTICE_BATCH);
	struct pending *p = xmalloc(NOTICE_BATCH * sizeof *p);
	size_t n = 0;
	enum db_step_rc rc;
	while (n < NOTICE_BATCH && (rc = db_step(s)) == DB_ROW) {
		p[n] = (struct pending){ .id = db_col_int(s, 0), .org_id = db_col_int(s, 1),
					 .finding_id = db_col_int(s, 2), .urgent = db_col_int(s, 4) == 1 };
		snprintf(p[n].reason, sizeof p[n].reason, "%s", db_col_text(s, 3));
		n++;
	}
	bool step_failed = n < NOTICE_BATCH && rc == DB_ERROR;
	db_reset(s);
	if (step_failed) {
		e = fail(db, "claim", err, errlen);
		goto out;
	}
	if (n > 1)
		qsort(p, n, sizeof *p, by_org);
	struct arena a;
	arena_init(&a, 0);
	for (size_t i = 0; i < n && e == ERR_OK;) {
		size_t j = i;
		while (j < n && p[j].org_id == p[i].org_id)
			j++;
		struct notice_item *items = arena_alloc(&a, (j - i) * sizeof *items);
		size_t k = 0;
		for (size_t q = i; q < j; q++)
			if (load_item(db, &a, p[q].org_id, p[q].finding_id, p[q].reason, p[q].urgent, &items[k]))
				k++;
		notice_items_sort(items, k);
		if (k && (e = tell_org(db, cfg, &a, p[i].org_id, items, k, now, res)) != ERR_OK)
			fail(db, "telling an organisation", err, errlen);
		arena_reset(&a);
		i = j;
	}
	arena_free(&a);
out:
	free(p);
	if (e != ERR_OK) {
		db_rollback(db);
		return e;
	}
	if ((e = db_commit(db)) != ERR_OK)
		return fail(db, "commit", err, errlen);
	*claimed = n;
	res->notices += (int)n;
	return ERR_OK;
}

struct waiting {
	int64_t account_id, oldest, last;
	char pref[16];
};

/* One user's digest, if another process did not take it first. */
static enum err send_digest(struct db *db, const struct config *cfg, const struct waiting *w, int64_t now,
			    struct notice_result *res)
{
	enum err e = db_begin(db);
	if (e != ERR_OK)
		return e;
	struct arena a;
	arena_init(&a, 0);
	struct db_stmt *s = db_stmt(db, STMT_NOTICE_PREF_ENSURE);
	if (!s) {
		e = ERR_DB;
		goto out;
	}
	db_bind_int(s, ":account_id", w->account_id);
	if ((e = db_exec(s)) != ERR_OK)
		goto out;
	if (!(s = db_stmt(db, STMT_NOTICE_DIGEST_STAMP))) {
		e = ERR_DB;
		goto out;
	}
	db_bind_int(s, ":now", now);
	db_bind_int(s, ":account_id", w->account_id);
	db_bind_int(s, ":old", w->last);
	if ((e = db_exec(s)) != ERR_OK)
		goto out;
	if (db_changes(db) != 1)
		goto out; /* sent by another process meanwhile: nothing to do */
	/* who the digest goes to, if they may still be told */
	const char *email = NULL, *name = NULL;
	int64_t org_id = 0;
	if (!(s = db_stmt(db, STMT_NOTICE_RECIPIENT))) {
		e = ERR_DB;
		goto out;
	}
	db_bind_int(s, ":id", w->account_id);
	if (db_step(s) == DB_ROW) {
		email = arena_strdup(&a, db_col_text(s, 0));
		name = arena_strdup(&a, db_col_text(s, 1));
		org_id = db_col_int(s, 2);
	}
	db_reset(s);
	if (!(s = db_stmt(db, STMT_NOTICE_DIGEST_TAKE))) {
		e = ERR_DB;
		goto out;
	}
	db_bind_int(s, ":account_id", w->account_id);
	db_bind_int(s, ":now", now);
	size_t n = 0, cap = 64;
	struct pending *taken = xmalloc(cap * sizeof *taken);
	while (db_step(s) == DB_ROW) {
		if (n == cap)
			taken = xrealloc(taken, (cap *= 2) * sizeof *taken);
		taken[n] = (struct pending){ .org_id = db_col_int(s, 0), .finding_id = db_col_int(s, 1) };
		snprintf(taken[n].reason, sizeof taken[n].reason, "%s", db_col_text(s, 2));
		n++;
	}
	db_reset(s);
	struct notice_item *items = arena_alloc(&a, (n ? n : 1) * sizeof *items);
	size_t k = 0;
	/* only findings of the organisation the user belongs to now */
	for (size_t i = 0; i < n && email; i++)
		if (taken[i].org_id == org_id &&
		    load_item(db, &a, org_id, taken[i].finding_id, taken[i].reason, false, &items[k]))
			k++;
	free(taken);
	const char *org_name, *org_identifier;
	if (k && strcmp(w->pref, "off") && load_org(db, &a, org_id, &org_name, &org_identifier)) {
		notice_items_sort(items, k);
		const char *subject, *body;
		notice_mail_compose(&a, NOTICE_MAIL_DIGEST, cfg->base_url, org_name, name, items, k, &subject, &body);
		e = outbox_enqueue(db, "email", email, subject, body, NULL);
		if (e == ERR_OK)
			res->digests++;
		else if (e == ERR_INVALID)
			e = ERR_OK;
	}
out:
	arena_free(&a);
	if (e != ERR_OK) {
		db_rollback(db);
		return e;
	}
	return db_commit(db);
}

static enum err run_digests(struct db *db, const struct config *cfg, int64_t now, struct notice_result *res,
			    char *err, size_t errlen)
{
	struct db_stmt *s = db_stmt(db, STMT_NOTICE_DIGEST_WAITING);
	if (!s)
		return fail(db, "digests", err, errlen);
	size_t n = 0, cap = 64;
	struct waiting *w = xmalloc(cap * sizeof *w);
	while (db_step(s) == DB_ROW) {
		if (n == cap)
			w = xrealloc(w, (cap *= 2) * sizeof *w);
		w[n] = (struct waiting){ .account_id = db_col_int(s, 0), .oldest = db_col_int(s, 1),
					 .last = db_col_int(s, 2) };
		snprintf(w[n].pref, sizeof w[n].pref, "%s", db_col_text(s, 3));
		n++;
	}
	db_reset(s);
	enum err e = ERR_OK;
	for (size_t i = 0; i < n && e == ERR_OK; i++) {
		/* a user who switched to 'immediate' or 'off' is served (or dropped) at once */
		bool due = strcmp(w[i].pref, "daily") || now >= notice_digest_due(w[i].last, w[i].oldest);
		if (due && (e = send_digest(db, cfg, &w[i], now, res)) != ERR_OK)
			fail(db, "a digest", err, errlen);
	}
	free(w);
	return e;
}

enum err notice_run(struct db *db, const struct config *cfg, int64_t now, struct notice_result *res, char *err,
		    size_t errlen)
{
	size_t claimed;
	enum err e;
	do {
		e = dispatch_batch(db, cfg, now, res, &claimed, err, errlen);
	} while (e == ERR_OK && claimed == NOTICE_BATCH);
	if (e != ERR_OK)
		return e;
	return run_digests(db, cfg, now, res, err, errlen);
}

/* ---- the thread of `vans serve` ---- */

static pthread_t thread;
static atomic_int running;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static const struct config *thread_cfg;

static void *dispatcher(void *arg)
{
	(void)arg;
	while (atomic_load(&running)) {
		struct db *db = db_thread();
		if (db) {
			struct notice_result res = { 0 };
			char err[512];
			if (notice_run(db, thread_cfg, clock_now_unix(), &res, err, sizeof err) != ERR_OK)
				log_warn("%s", err);
			else if (res.notices || res.digests)
				log_info("notices: %d notices in %d organisation batches: %d notifications, %d mails, "
					 "%d for digests, %d digests, %d webhooks",
					 res.notices, res.orgs, res.notifications, res.mails, res.digest_items, res.digests,
					 res.webhooks);
		}
		pthread_mutex_lock(&mu);
		if (atomic_load(&running)) {
			struct timespec ts;
			clock_gettime(CLOCK_REALTIME, &ts);
			ts.tv_sec += thread_cfg->notice_interval;
			pthread_cond_timedwait(&cv, &mu, &ts);
		}
		pthread_mutex_unlock(&mu);
	}
	db_thread_release();
	return NULL;
}

int notice_start(const struct config *cfg)
{
	thread_cfg = cfg;
	atomic_store(&running, 1);
	if (pthread_create(&thread, NULL, dispatcher, NULL) != 0) {
		atomic_store(&running, 0);
		return -1;
	}
	return 0;
}

void notice_stop(void)
{
	if (!atomic_load(&running))
		return;
	pthread_mutex_lock(&mu);
	atomic_store(&running, 0);
	pthread_cond_signal(&cv);
	pthread_mutex_unlock(&mu);
	pthread_join(thread, NULL);
}
