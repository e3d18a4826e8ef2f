/* Outbox queue and sender (mail, SMS, webhooks). A claim is one conditional UPDATE with a lease, so a sender that
 * dies mid-delivery leaves the row to be retried after the lease; delivery results are
 * recorded only by the lease owner. */
#include "outbox/outbox.h"
#include "outbox/transport.h"
#include "core/alloc.h"
#include "core/clock.h"
#include "core/crypto.h"
#include "core/log.h"
#include "identity/session.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static bool header_safe(const char *s)
{
	return s && !strpbrk(s, "\r\n");
}

enum err outbox_enqueue(struct db *db, const char *channel, const char *recipient, const char *subject,
			const char *body, int64_t *id)
{
	bool email = channel && !strcmp(channel, "email");
	if (!channel || (!email && strcmp(channel, "sms")) || !header_safe(recipient) || !*recipient || !body ||
	    (email && !header_safe(subject)))
		return ERR_INVALID;
	struct db_stmt *s = db_stmt(db, STMT_OUTBOX_INSERT);
	if (!s)
		return ERR_DB;
	db_bind_text(s, ":channel", channel);
	db_bind_text(s, ":recipient", recipient);
	db_bind_text(s, ":subject", subject ? subject : "");
	db_bind_text(s, ":body", body);
	db_bind_int(s, ":at", clock_now_unix());
	enum db_step_rc rc = db_step(s);
	if (rc == DB_ROW && id)
		*id = db_col_int(s, 0);
	db_reset(s);
	return rc == DB_ROW ? ERR_OK : ERR_DB;
}

enum err outbox_enqueue_webhook(struct db *db, const char *url, const char *secret, const char *subject,
				const char *body, int64_t *id)
{
	if (!url || !header_safe(url) || (strncmp(url, "http://", 7) && strncmp(url, "https://", 8)) || !secret ||
	    !*secret || !body || !header_safe(subject))
		return ERR_INVALID;
	struct db_stmt *s = db_stmt(db, STMT_OUTBOX_INSERT_WEBHOOK);
	if (!s)
		return ERR_DB;
	db_bind_text(s, ":url", url);
	db_bind_text(s, ":subject", subject ? subject : "");
	db_bind_text(s, ":body", body);
	db_bind_text(s, ":secret", secret);
	db_bind_int(s, ":at", clock_now_unix());
	enum db_step_rc rc = db_step(s);
	if (rc == DB_ROW && id)
		*id = db_col_int(s, 0);
	db_reset(s);
	return rc == DB_ROW ? ERR_OK : ERR_DB;
}

int64_t outbox_backoff(const struct config *cfg, int64_t attempts)
{
	int64_t d = cfg->outbox_retry_seconds;
	for (int64_t i = 1; i < attempts && d < 6 * 3600; i++)
		d *= 2;
	return d > 6 * 3600 ? 6 * 3600 : d;
}

struct claimed {
	int64_t id, attempts;
	char *channel, *recipient, *subject, *body, *secret;
};

static bool claim(struct db *db, const char *owner, struct claimed *c)
{
	struct db_stmt *s = db_stmt(db, STMT_OUTBOX_CLAIM);
	if (!s)
		return false;
	int64_t now = clock_now_unix();
	db_bind_int(s, ":lease_until", now + OUTBOX_LEASE);
	db_bind_text(s, ":owner", owner);
	db_bind_int(s, ":now", now);
	bool got = db_step(s) == DB_ROW;
	if (got) {
		c->id = db_col_int(s, 0);
		c->channel = xstrdup(db_col_text(s, 1));
		c->recipient = xstrdup(db_col_text(s, 2));
		c->subject = xstrdup(db_col_text(s, 3));
		c->body = xstrdup(db_col_text(s, 4));
		c->attempts = db_col_int(s, 5);
		c->secret = xstrdup(db_col_text(s, 6));
	}
	db_reset(s);
	return got;
}

static void record(struct db *db, const struct config *cfg, const char *owner, const struct claimed *c, enum err e,
		   const char *why, struct outbox_result *res)
{
	int64_t now = clock_now_unix();
	struct db_stmt *s;
	if (e == ERR_OK) {
		s = db_stmt(db, STMT_OUTBOX_SENT);
		if (!s)
			return;
		db_bind_int(s, ":at", now);
		res->sent++;
	} else {
		bool give_up = c->attempts + 1 >= cfg->outbox_max_attempts;
		s = db_stmt(db, STMT_OUTBOX_RETRY);
		if (!s)
			return;
		db_bind_text(s, ":status", give_up ? "failed" : "pending");
		db_bind_int(s, ":next", now + outbox_backoff(cfg, c->attempts + 1));
		db_bind_text(s, ":error", why);
		if (give_up) {
			res->failed++;
			log_error("outbox: message %lld to %s failed for good after %lld attempts: %s", (long long)c->id,
				  c->recipient, (long long)c->attempts + 1, why);
		} else {
			res->retried++;
			log_warn("outbox: message %lld: %s (retry in %llds)", (long long)c->id, why,
				 (long long)outbox_backoff(cfg, c->attempts + 1));
		}
	}
	db_bind_int(s, ":id", c->id);
	db_bind_text(s, ":owner", owner);
	db_exec(s);
}

int outbox_run_once(struct db *db, const struct config *cfg, const char *owner, int max, struct outbox_result *res)
{
	int tried = 0;
	struct claimed c;
	while (tried < max && claim(db, owner, &c)) {
		char why[512] = "";
		enum err e;
		if (!strcmp(c.channel, "email"))
			e = transport_send_mail(cfg, c.recipient, c.subject, c.body, why, sizeof why);
		else if (!strcmp(c.channel, "webhook"))
			e = transport_send_webhook(cfg, c.id, c.recipient, c.secret, c.body, why, sizeof why);
		else
			e = transport_send_sms(cfg, c.recipient, c.body, why, sizeof why);
		record(db, cfg, owner, &c, e, why, res);
		free(c.channel);
		free(c.recipient);
		free(c.subject);
		free(c.body);
		crypto_wipe(c.secret, strlen(c.secret));
		free(c.secret);
		tried++;
	}
	return tried;
}

/* ---- the sender thread ---- */

static pthread_t thread;
static atomic_int running;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static const struct config *thread_cfg;
static char thread_owner[40];

static void *sender(void *arg)
{
	(void)arg;
	int64_t last_purge = 0;
	while (atomic_load(&running)) {
		struct db *db = db_thread();
		if (db) {
			struct outbox_result res = { 0 };
			outbox_run_once(db, thread_cfg, thread_owner, 50, &res);
			if (clock_now_unix() - last_purge > 300) {
				session_purge(db, thread_cfg);
				last_purge = clock_now_unix();
			}
		}
		pthread_mutex_lock(&mu);
		if (atomic_load(&running)) {
			struct timespec ts;
			clock_gettime(CLOCK_REALTIME, &ts);
			ts.tv_sec += 1;
			pthread_cond_timedwait(&cv, &mu, &ts);
		}
		pthread_mutex_unlock(&mu);
	}
	db_thread_release();
	return NULL;
}

int outbox_start(const struct config *cfg)
{
	if (transport_init() < 0)
		return -1;
	thread_cfg = cfg;
	unsigned char rnd[8];
	crypto_random(rnd, sizeof rnd);
	char hex[17];
	crypto_hex(rnd, sizeof rnd, hex, sizeof hex);
	snprintf(thread_owner, sizeof thread_owner, "serve-%s", hex);
	atomic_store(&running, 1);
	if (pthread_create(&thread, NULL, sender, NULL) != 0) {
		atomic_store(&running, 0);
		return -1;
	}
	return 0;
}

void outbox_stop(void)
{
	if (!atomic_load(&running))
		return;
	pthread_mutex_lock(&mu);
	atomic_store(&running, 0);
	pthread_cond_signal(&cv);
	pthread_mutex_unlock(&mu);
	pthread_join(thread, NULL);
}
