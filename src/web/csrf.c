/* Signed double-submit CSRF tokens. Signing the cookie with the server secret means a
 * cookie planted by a sibling domain is useless without the secret. */
#include "web/csrf.h"
#include "web/app.h"
#include "core/crypto.h"

#include <string.h>

#define COOKIE_BYTES 24

static const char *token_for(struct request *r, const char *cookie)
{
	unsigned char mac[CRYPTO_HMAC_BYTES];
	crypto_hmac_sha256(app.secret, sizeof app.secret, cookie, strlen(cookie), mac);
	char *tok = arena_alloc(&r->arena, 64);
	crypto_b64url_encode(mac, sizeof mac, tok, 64);
	return tok;
}

static bool cookie_well_formed(const char *c)
{
	size_t n = c ? strlen(c) : 0;
	if (n != 32)
		return false;
	for (size_t i = 0; i < n; i++) {
		char ch = c[i];
		if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
		      ch == '-' || ch == '_'))
			return false;
	}
	return true;
}

const char *csrf_token(struct request *r)
{
	if (!r->csrf_cookie) {
		const char *c = req_cookie(r, CSRF_COOKIE);
		if (cookie_well_formed(c)) {
			r->csrf_cookie = c;
		} else {
			unsigned char raw[COOKIE_BYTES];
			crypto_random(raw, sizeof raw);
			char *enc = arena_alloc(&r->arena, 40);
			crypto_b64url_encode(raw, sizeof raw, enc, 40);
			r->csrf_cookie = enc;
			r->set_csrf = true;
		}
	}
	return token_for(r, r->csrf_cookie);
}

bool csrf_valid(struct request *r)
{
	const char *cookie = req_cookie(r, CSRF_COOKIE);
	if (!cookie_well_formed(cookie))
		return false;
	const char *sent = req_form(r, CSRF_FIELD);
	if (!sent)
		sent = req_header(r, "X-CSRF-Token");
	if (!sent)
		return false;
	const char *want = token_for(r, cookie);
	size_t n = strlen(want);
	return strlen(sent) == n && crypto_equal(sent, want, n);
}
