/* What the notice pages read and change: a user's notifications and e-mail choice, and the
 * organisation's webhook (URL, a secret made here and shown once, enabled or not, a test
 * delivery). Every call is scoped by the caller's account or organisation. */
#include "vans/notice.h"
#include "core/crypto.h"
#include "outbox/outbox.h"
#include "store/db.h"

#include <stdio.h>
#include <string.h>

int64_t notice_unread_count(struct db *db, int64_t account_id)
{
	struct db_stmt *s = db_stmt(db, STMT_NOTIFICATION_UNREAD);
	if (!s)
		return 0;
	db_bind_int(s, ":account_id", account_id);
	int64_t n = db_step(s) == DB_ROW ? db_col_int(s, 0) : 0;
	db_reset(s);
	return n;
}

enum err notice_list(struct db *db, struct arena *a, int64_t account_id, size_t limit, struct notification **out,
		     size_t *n)
{
	*n = 0;
	*out = arena_alloc(a, (limit ? limit : 1) * sizeof **out);
	struct db_stmt *s = db_stmt(db, STMT_NOTIFICATION_LIST);
	if (!s)
		return ERR_DB;
	db_bind_int(s, ":account_id", account_id);
	db_bind_int(s, ":limit", (int64_t)limit);
	enum db_step_rc rc;
	while (*n < limit && (rc = db_step(s)) == DB_ROW) {
		(*out)[(*n)++] = (struct notification){
			.id = db_col_int(s, 0),
			.urgent = db_col_int(s, 1) == 1,
			.title = arena_strdup(a, db_col_text(s, 2)),
			.body = arena_strdup(a, db_col_text(s, 3)),
			.link = arena_strdup(a, db_col_text(s, 4)),
			.created_at = db_col_int(s, 5),
			.read_at = db_col_null(s, 6) ? 0 : db_col_int(s, 6),
		};
	}
	db_reset(s);
	return ERR_OK;
}

enum err notice_mark_read(struct db *db, int64_t account_id, int64_t id, int64_t now)
{
	struct db_stmt *s = db_stmt(db, STMT_NOTIFICATION_OWNED);
	if (!s)
		return ERR_DB;
	db_bind_int(s, ":id", id);
	db_bind_int(s, ":account_id", account_id);
	bool mine = db_step(s) == DB_ROW;
	db_reset(s);
	if (!mine)
		return ERR_NOT_FOUND;
	if (!(s = db_stmt(db, STMT_NOTIFICATION_READ)))
		return ERR_DB;
	db_bind_int(s, ":at", now);
	db_bind_int(s, ":id", id);
	db_bind_int(s, ":account_id", account_id);
	return db_exec(s);
}

enum err notice_mark_all_read(struct db *db, int64_t account_id, int64_t now)
{
	struct db_stmt *s = db_stmt(db, STMT_NOTIFICATION_READ_ALL);
	if (!s)
		return ERR_DB;
	db_bind_int(s, ":at", now);
	db_bind_int(s, ":account_id", account_id);
	return db_exec(s);
}

const char *notice_pref_get(struct db *db, struct arena *a, int64_t account_id)
{
	struct db_stmt *s = db_stmt(db, STMT_NOTICE_PREF_GET);
	const char *v = "daily";
	if (!s)
		return v;
	db_bind_int(s, ":account_id", account_id);
	if (db_step(s) == DB_ROW)
		v = arena_strdup(a, db_col_text(s, 0));
	db_reset(s);
	return v;
}

enum err notice_pref_set(struct db *db, int64_t account_id, const char *email)
{
	if (!email || (strcmp(email, "immediate") && strcmp(email, "daily") && strcmp(email, "off")))
		return ERR_INVALID;
	struct db_stmt *s = db_stmt(db, STMT_NOTICE_PREF_SET);
	if (!s)
		return ERR_DB;
	db_bind_int(s, ":account_id", account_id);
	db_bind_text(s, ":email", email);
	return db_exec(s);
}

enum err notice_webhook_get(struct db *db, struct arena *a, int64_t org_id, struct notice_webhook *out)
{
	*out = (struct notice_webhook){ .url = "" };
	struct db_stmt *s = db_stmt(db, STMT_NOTICE_WEBHOOK_GET);
	if (!s)
		return ERR_DB;
	db_bind_int(s, ":org_id", org_id);
	if (db_step(s) == DB_ROW) {
		out->exists = true;
		out->url = arena_strdup(a, db_col_text(s, 0));
		out->enabled = db_col_int(s, 2) == 1;
		out->created_at = db_col_int(s, 3);
	}
	db_reset(s);
	return ERR_OK;
}

bool notice_webhook_url_valid(const char *url)
{
	if (!url || strlen(url) > 2000)
		return false;
	size_t scheme = !strncmp(url, "https://", 8) ? 8 : !strncmp(url, "http://", 7) ? 7 : 0;
	if (!scheme || !url[scheme] || url[scheme] == '/')
		return false;
	for (const unsigned char *p = (const unsigned char *)url; *p; p++)
		if (*p <= ' ' || *p == 0x7f)
			return false;
	return true;
}

enum err notice_webhook_save(struct db *db, int64_t org_id, const char *url, bool regenerate, int64_t now,
			     char secret_out[NOTICE_SECRET_LEN + 1])
{
	secret_out[0] = '\0';
	if (!notice_webhook_url_valid(url))
		return ERR_INVALID;
	struct arena a;
	arena_init(&a, 0);
	struct notice_webhook cur;
	enum err e = notice_webhook_get(db, &a, org_id, &cur);
	arena_free(&a);
	if (e != ERR_OK)
		return e;
	struct db_stmt *s;
	if (cur.exists && !regenerate) {
		if (!(s = db_stmt(db, STMT_NOTICE_WEBHOOK_URL)))
			return ERR_DB;
		db_bind_text(s, ":url", url);
		db_bind_int(s, ":org_id", org_id);
		return db_exec(s);
	}
	unsigned char raw[NOTICE_SECRET_LEN / 2];
	crypto_random(raw, sizeof raw);
	crypto_hex(raw, sizeof raw, secret_out, NOTICE_SECRET_LEN + 1);
	crypto_wipe(raw, sizeof raw);
	if (!(s = db_stmt(db, STMT_NOTICE_WEBHOOK_SAVE)))
		return ERR_DB;
	db_bind_int(s, ":org_id", org_id);
	db_bind_text(s, ":url", url);
	db_bind_text(s, ":secret", secret_out);
	db_bind_int(s, ":at", now);
	return db_exec(s);
}

enum err notice_webhook_disable(struct db *db, int64_t org_id)
{
	struct db_stmt *s = db_stmt(db, STMT_NOTICE_WEBHOOK_DISABLE);
	if (!s)
		return ERR_DB;
	db_bind_int(s, ":org_id", org_id);
	return db_exec(s);
}

enum err notice_webhook_test(struct db *db, const struct config *cfg, int64_t org_id, int64_t now)
{
	struct db_stmt *s = db_stmt(db, STMT_NOTICE_WEBHOOK_GET);
	if (!s)
		return ERR_DB;
	db_bind_int(s, ":org_id", org_id);
	char url[2048] = "", secret[NOTICE_SECRET_LEN + 1] = "";
	if (db_step(s) == DB_ROW && db_col_int(s, 2) == 1) {
		snprintf(url, sizeof url, "%s", db_col_text(s, 0));
		snprintf(secret, sizeof secret, "%s", db_col_text(s, 1));
	}
	db_reset(s);
	if (!*url)
		return ERR_NOT_FOUND;
	if (!(s = db_stmt(db, STMT_NOTICE_ORG)))
		return ERR_DB;
	db_bind_int(s, ":id", org_id);
	char name[512] = "", identifier[128] = "";
	if (db_step(s) == DB_ROW) {
		snprintf(name, sizeof name, "%s", db_col_text(s, 0));
		snprintf(identifier, sizeof identifier, "%s", db_col_text(s, 1));
	}
	db_reset(s);
	struct buf json;
	buf_init(&json, 1 << 20);
	notice_webhook_json(&json, cfg->base_url, identifier, name, now, NULL, 0, true);
	enum err e = outbox_enqueue_webhook(db, url, secret, "vans.test", json.data, NULL);
	buf_free(&json);
	crypto_wipe(secret, sizeof secret);
	return e;
}
