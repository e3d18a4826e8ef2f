/* ALTCHA challenges and their verification. The canonical form of the parameters is the
 * widget's JSON.stringify of the keys in sorted order; we write and re-create it exactly. */
#include "identity/captcha.h"
#include "identity/codes.h"
#include "core/arena.h"
#include "core/crypto.h"
#include "core/val.h"

#include <stdio.h>
#include <string.h>

#define KEY_LEN 32
#define PREFIX_BYTES 16

static int canonical(char *out, size_t n, const char *nonce, const char *salt, int64_t cost, int64_t expires,
		     const char *prefix)
{
	return snprintf(out, n,
			"{\"algorithm\":\"%s\",\"cost\":%lld,\"expiresAt\":%lld,\"keyLength\":%d,"
			"\"keyPrefix\":\"%s\",\"nonce\":\"%s\",\"salt\":\"%s\"}",
			CAPTCHA_ALGORITHM, (long long)cost, (long long)expires, KEY_LEN, prefix, nonce, salt);
}

static void sign(const unsigned char *key, size_t keylen, const char *text, size_t len, char hex[65])
{
	unsigned char mac[32];
	crypto_hmac_sha256(key, keylen, text, len, mac);
	crypto_hex(mac, sizeof mac, hex, 65);
}

void captcha_derive(const char *nonce_hex, const char *salt_hex, uint32_t cost, uint32_t counter,
		    unsigned char out[32])
{
	unsigned char pw[16 + 4], salt[16];
	size_t n = 0, sn = 0;
	crypto_unhex(nonce_hex, strlen(nonce_hex), pw, 16, &n);
	crypto_unhex(salt_hex, strlen(salt_hex), salt, sizeof salt, &sn);
	pw[n] = (unsigned char)(counter >> 24);
	pw[n + 1] = (unsigned char)(counter >> 16);
	pw[n + 2] = (unsigned char)(counter >> 8);
	pw[n + 3] = (unsigned char)counter;
	crypto_pbkdf2_sha256(pw, n + 4, salt, sn, cost, out, KEY_LEN);
}

void captcha_challenge(const unsigned char *key, size_t keylen, const struct config *cfg, int64_t now,
		       struct buf *out)
{
	unsigned char raw[16];
	char nonce[33], salt[33], prefix[2 * PREFIX_BYTES + 1];
	crypto_random(raw, sizeof raw);
	crypto_hex(raw, sizeof raw, nonce, sizeof nonce);
	crypto_random(raw, sizeof raw);
	crypto_hex(raw, sizeof raw, salt, sizeof salt);
	/* the secret counter: the browser finds it by trying 0, 1, 2, … */
	uint32_t counter = crypto_random_uniform((uint32_t)cfg->captcha_counter_max);
	unsigned char dk[KEY_LEN];
	captcha_derive(nonce, salt, (uint32_t)cfg->captcha_cost, counter, dk);
	crypto_hex(dk, PREFIX_BYTES, prefix, sizeof prefix);
	char params[512], sig[65];
	int len = canonical(params, sizeof params, nonce, salt, cfg->captcha_cost, now + CAPTCHA_TTL, prefix);
	sign(key, keylen, params, (size_t)len, sig);
	buf_printf(out, "{\"parameters\":%s,\"signature\":\"%s\"}", params, sig);
}

static bool is_hex(const char *s, size_t want)
{
	if (!s || strlen(s) != want)
		return false;
	for (size_t i = 0; i < want; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return true;
}

enum err captcha_verify(const unsigned char *key, size_t keylen, struct db *db, const char *payload, size_t len,
			int64_t now)
{
	if (!payload || len == 0 || len > 4096)
		return ERR_INVALID;
	unsigned char json[3072];
	size_t jlen;
	if (crypto_b64_decode(payload, len, json, sizeof json, &jlen) != 0)
		return ERR_INVALID;
	struct arena a;
	arena_init(&a, 4096);
	enum err result = ERR_INVALID;
	struct val *root;
	char err[128];
	if (val_parse_json(&a, (const char *)json, jlen, &root, err, sizeof err) < 0)
		goto out;
	const struct val *ch = val_get(root, "challenge"), *sol = val_get(root, "solution");
	const struct val *p = val_get(ch, "parameters");
	const char *signature = val_string(val_get(ch, "signature"));
	if (!p || p->kind != VAL_OBJ || p->u.o.n != 7 || !sol)
		goto out;
	const char *alg = val_string(val_get(p, "algorithm")), *nonce = val_string(val_get(p, "nonce")),
		   *salt = val_string(val_get(p, "salt")), *prefix = val_string(val_get(p, "keyPrefix"));
	const struct val *cost = val_get(p, "cost"), *klen = val_get(p, "keyLength"), *exp = val_get(p, "expiresAt");
	const struct val *counter = val_get(sol, "counter");
	const char *derived = val_string(val_get(sol, "derivedKey"));
	if (!alg || strcmp(alg, CAPTCHA_ALGORITHM) || !is_hex(nonce, 32) || !is_hex(salt, 32) ||
	    !is_hex(prefix, 2 * PREFIX_BYTES) || !cost || cost->kind != VAL_INT || cost->u.i < 1 ||
	    cost->u.i > 10000000 || !klen || klen->kind != VAL_INT || klen->u.i != KEY_LEN || !exp ||
	    exp->kind != VAL_INT || !is_hex(signature, 64) || !counter || counter->kind != VAL_INT ||
	    counter->u.i < 0 || counter->u.i > 0xffffffffLL || !is_hex(derived, 2 * KEY_LEN))
		goto out;
	if (exp->u.i < now)
		goto out;
	char params[512], want[65];
	int plen = canonical(params, sizeof params, nonce, salt, cost->u.i, exp->u.i, prefix);
	sign(key, keylen, params, (size_t)plen, want);
	if (!crypto_equal(want, signature, 64))
		goto out;
	unsigned char dk[KEY_LEN];
	captcha_derive(nonce, salt, (uint32_t)cost->u.i, (uint32_t)counter->u.i, dk);
	char dkhex[2 * KEY_LEN + 1];
	crypto_hex(dk, sizeof dk, dkhex, sizeof dkhex);
	if (!crypto_equal(dkhex, derived, 2 * KEY_LEN) || memcmp(dkhex, prefix, 2 * PREFIX_BYTES) != 0)
		goto out;
	/* accepted once: a solved challenge replayed within its lifetime is refused */
	if (db) {
		char rk[48];
		snprintf(rk, sizeof rk, "captcha:%s", nonce);
		if (!rate_allow(db, rk, 1, CAPTCHA_TTL + 60))
			goto out;
	}
	result = ERR_OK;
out:
	arena_free(&a);
	return result;
}
