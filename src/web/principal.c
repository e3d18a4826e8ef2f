/* Session and API-key authentication for the web layer. Roles come from the approved
 * permissions at every request, so a revoked permission takes effect at once. */
#include "web/principal.h"
#include "web/app.h"
#include "web/form.h"
#include "web/router.h"
#include "identity/account.h"
#include "identity/apikey.h"
#include "identity/permission.h"
#include "identity/session.h"

#include <string.h>

void web_identify(struct request *r)
{
	memset(&r->user, 0, sizeof r->user);
	struct db *db = db_thread();
	if (!db)
		return;
	if (r->route && r->route->kind == ROUTE_API) {
		const char *auth = req_header(r, "Authorization");
		if (auth && strncmp(auth, "Bearer ", 7) == 0) {
			int64_t org;
			if (apikey_resolve(db, auth + 7, strlen(auth + 7), &org, NULL) == ERR_OK) {
				r->user.org_id = org;
				r->user.roles = ROLE_APIKEY;
				r->user.via_api_key = true;
			}
			return; /* a presented key decides alone, even when it is wrong */
		}
	}
	const char *token = req_cookie(r, SESSION_COOKIE);
	struct session s;
	if (!token || session_lookup(db, app.cfg, token, &s) != ERR_OK)
		return;
	struct account acct;
	if (account_get(db, &r->arena, s.account_id, &acct) != ERR_OK || acct.disabled)
		return;
	r->user.account_id = acct.id;
	r->user.org_id = acct.org_id;
	r->user.username = acct.username;
	r->user.name = acct.name;
	r->user.session = arena_strdup(&r->arena, token);
	if (!s.mfa_done) {
		r->user.mfa_pending = true;
		return;
	}
	r->user.roles = perm_roles(db, acct.id, acct.is_operator);
}

enum err web_sign_in(struct request *r, struct response *w, int64_t account_id, bool mfa_done)
{
	struct db *db = db_thread();
	if (!db)
		return ERR_DB;
	if (r->user.session)
		session_destroy(db, r->user.session);
	char token[SESSION_TOKEN_SIZE];
	enum err e = session_create(db, account_id, mfa_done, r->client_ip, token);
	if (e != ERR_OK)
		return e;
	resp_cookie(r, w, SESSION_COOKIE, token, -1);
	r->user.session = arena_strdup(&r->arena, token);
	return ERR_OK;
}

void web_sign_out(struct request *r, struct response *w)
{
	struct db *db = db_thread();
	if (db && r->user.session)
		session_destroy(db, r->user.session);
	resp_cookie(r, w, SESSION_COOKIE, "", 0);
	memset(&r->user, 0, sizeof r->user);
}

const char *web_safe_next(const char *next)
{
	if (!next || next[0] != '/' || next[1] == '/' || next[1] == '\\' || strpbrk(next, "\r\n"))
		return "/";
	return next;
}

void web_redirect_to_login(struct request *r, struct response *w)
{
	static const char hex[] = "0123456789ABCDEF";
	const char *p = r->raw_url ? r->raw_url : r->path;
	char *enc = arena_alloc(&r->arena, strlen(p) * 3 + 1), *o = enc;
	for (const unsigned char *s = (const unsigned char *)p; *s; s++) {
		if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
		    strchr("/-_.~", *s)) {
			*o++ = (char)*s;
		} else {
			*o++ = '%';
			*o++ = hex[*s >> 4];
			*o++ = hex[*s & 15];
		}
	}
	*o = '\0';
	resp_redirect(r, w, 303, arena_printf(&r->arena, "/login?next=%s", enc));
}
