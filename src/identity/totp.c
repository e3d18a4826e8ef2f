/* liboath behind totp.h. Secrets are stored base32 (what authenticator apps show) and
 * decoded for each check. */
#include "identity/totp.h"
#include "core/crypto.h"

#include <liboath/oath.h>
#include <stdlib.h>
#include <string.h>

#define STEP 30

int totp_init(void)
{
	return oath_init() == OATH_OK ? 0 : -1;
}

void totp_new_secret(char b32[TOTP_SECRET_B32])
{
	unsigned char raw[20];
	crypto_random(raw, sizeof raw);
	char *out = NULL;
	size_t len = 0;
	if (oath_base32_encode((const char *)raw, sizeof raw, &out, &len) == OATH_OK && len < TOTP_SECRET_B32) {
		memcpy(b32, out, len);
		b32[len] = '\0';
	} else {
		b32[0] = '\0';
	}
	free(out);
	crypto_wipe(raw, sizeof raw);
}

static int decode(const char *b32, char **secret, size_t *len)
{
	return b32 && *b32 && oath_base32_decode(b32, strlen(b32), secret, len) == OATH_OK ? 0 : -1;
}

enum err totp_verify(const char *b32, const char *code, int64_t now, int64_t last_step, int64_t *step)
{
	if (!code || strlen(code) != 6 || strspn(code, "0123456789") != 6)
		return ERR_INVALID;
	char *secret = NULL;
	size_t len = 0;
	if (decode(b32, &secret, &len) < 0)
		return ERR_INVALID;
	int pos = 0;
	uint64_t counter = 0;
	int rc = oath_totp_validate3(secret, len, (time_t)now, STEP, 0, 1, &pos, &counter, code);
	crypto_wipe(secret, len);
	free(secret);
	if (rc < 0 || (int64_t)counter <= last_step)
		return ERR_INVALID;
	*step = (int64_t)counter;
	return ERR_OK;
}

int totp_generate(const char *b32, int64_t now, char out[7])
{
	char *secret = NULL;
	size_t len = 0;
	if (decode(b32, &secret, &len) < 0)
		return -1;
	int rc = oath_totp_generate(secret, len, (time_t)now, STEP, 0, 6, out);
	free(secret);
	return rc == OATH_OK ? 0 : -1;
}

/* Percent-encodes for a URI component. */
static const char *pct(struct arena *a, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	char *out = arena_alloc(a, strlen(s) * 3 + 1), *o = out;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '-' ||
		    *p == '.' || *p == '_') {
			*o++ = (char)*p;
		} else {
			*o++ = '%';
			*o++ = hex[*p >> 4];
			*o++ = hex[*p & 15];
		}
	}
	*o = '\0';
	return out;
}

const char *totp_uri(struct arena *a, const char *issuer, const char *account, const char *b32)
{
	return arena_printf(a, "otpauth://totp/%s:%s?secret=%s&issuer=%s&algorithm=SHA1&digits=6&period=30",
			    pct(a, issuer), pct(a, account), b32, pct(a, issuer));
}
