/* VANS notices: telling an organisation's VANS users about findings (notice_pending rows
 * written by the engine) by in-app notification, e-mail (urgent at once, the rest at once or
 * in a daily digest, per user) and the organisation's signed webhook, all through the
 * durable outbox. Also what the pages need: notifications, e-mail choice, webhook settings. */
#ifndef VANS_VANS_NOTICE_H
#define VANS_VANS_NOTICE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/config.h"
#include "core/err.h"

struct db;

#define NOTICE_DIGEST_PERIOD (24 * 3600)
#define NOTICE_BATCH 1000             /* pending notices claimed per transaction */
#define NOTICE_MAIL_MAX_ITEMS 200     /* findings listed in one mail; the rest are counted */

/* ---- the dispatcher ---- */

struct notice_result {
	int notices;          /* pending notices claimed */
	int orgs;             /* organisations told */
	int notifications;    /* in-app notifications written */
	int mails;            /* mails queued at once (urgent or 'immediate' users) */
	int digest_items;     /* notices put aside for a daily digest */
	int digests;          /* digest mails queued */
	int webhooks;         /* webhook deliveries queued */
};

/* One pass at time now: every pending notice, then every digest that is due. Safe to run
 * in several processes at once: each notice and each digest goes out once. */
enum err notice_run(struct db *db, const struct config *cfg, int64_t now, struct notice_result *res, char *err,
		    size_t errlen);

/* The background thread of `vans serve`: a pass every cfg->notice_interval seconds. */
int notice_start(const struct config *cfg);
void notice_stop(void);

/* ---- what a notice says (notice_mail.c; pure, no database) ---- */

struct notice_item {
	int64_t finding_id;
	const char *reason;       /* new, reactivated, kev, changed */
	bool urgent;              /* KEV or critical */
	const char *cve, *severity;
	double cvss;              /* < 0 when unknown */
	bool kev;
	const char *kev_due;      /* YYYY-MM-DD or "" */
	const char *identifier, *asset, *vendor, *version, *cpe;
};

/* Urgent first (KEV before critical), then by CVSS (highest first), then by CVE. */
void notice_items_sort(struct notice_item *items, size_t n);
/* True when an item must go at once: flagged urgent, in KEV, or of critical severity. */
bool notice_item_urgent(const struct notice_item *it);

enum notice_mail_kind { NOTICE_MAIL_NOW, NOTICE_MAIL_DIGEST };
/* Subject and body (Traditional Chinese first, English after) of a mail listing items
 * (sorted) for one user of one organisation; subject marked 【緊急】/[URGENT] when any item is
 * urgent. Strings in a. */
void notice_mail_compose(struct arena *a, enum notice_mail_kind kind, const char *base_url, const char *org_name,
			 const char *user_name, const struct notice_item *items, size_t n, const char **subject,
			 const char **body);
/* The JSON body of a webhook delivery (event "vans.findings", or "vans.test" when n == 0). */
void notice_webhook_json(struct buf *out, const char *base_url, const char *org_identifier, const char *org_name,
			 int64_t now, const struct notice_item *items, size_t n, bool test);
/* The in-app notification's body: one line per item, "urgent TAB cve TAB severity TAB asset
 * TAB finding id TAB reason" (the page renders it in the reader's language). */
void notice_notification_body(struct buf *out, const struct notice_item *items, size_t n);

/* When a user's next digest may leave: 24 h after the last one, or after the oldest waiting
 * notice when there never was one. */
int64_t notice_digest_due(int64_t last_digest_at, int64_t oldest_waiting);

/* ---- for the pages (notice_store.c) ---- */

struct notification {
	int64_t id, created_at, read_at;
	bool urgent;
	const char *title, *body, *link;
};

int64_t notice_unread_count(struct db *db, int64_t account_id);
enum err notice_list(struct db *db, struct arena *a, int64_t account_id, size_t limit, struct notification **out,
		     size_t *n);
/* ERR_NOT_FOUND when the notification is not the account's. */
enum err notice_mark_read(struct db *db, int64_t account_id, int64_t id, int64_t now);
enum err notice_mark_all_read(struct db *db, int64_t account_id, int64_t now);

/* "immediate", "daily" (the default) or "off". */
const char *notice_pref_get(struct db *db, struct arena *a, int64_t account_id);
enum err notice_pref_set(struct db *db, int64_t account_id, const char *email);

struct notice_webhook {
	bool exists, enabled;
	const char *url;
	int64_t created_at;
};
#define NOTICE_SECRET_LEN 64          /* hex characters of a webhook secret */

enum err notice_webhook_get(struct db *db, struct arena *a, int64_t org_id, struct notice_webhook *out);
/* ERR_INVALID unless url is an http(s) URL without spaces or control characters, at most 2000 bytes. */
bool notice_webhook_url_valid(const char *url);
/* Saves the URL (enabling the webhook). When there was no webhook, or regenerate is set, a
 * new secret is made and written to secret_out (NOTICE_SECRET_LEN + 1 bytes), else
 * secret_out is "". */
enum err notice_webhook_save(struct db *db, int64_t org_id, const char *url, bool regenerate, int64_t now,
			     char secret_out[NOTICE_SECRET_LEN + 1]);
enum err notice_webhook_disable(struct db *db, int64_t org_id);
/* Queues a "vans.test" delivery to the organisation's webhook. ERR_NOT_FOUND when none is enabled. */
enum err notice_webhook_test(struct db *db, const struct config *cfg, int64_t org_id, int64_t now);

#endif
