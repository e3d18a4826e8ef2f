/* libsodium behind one header, so the rest of vans names what it needs (an HMAC, a random
 * token) rather than a library's API, and a change of library touches one file. */
#include "core/crypto.h"

#include <sodium.h>
#include <string.h>

int crypto_init(void)
{
	return sodium_init() < 0 ? -1 : 0;
}

void crypto_random(void *buf, size_t n)
{
	randombytes_buf(buf, n);
}

uint32_t crypto_random_uniform(uint32_t upper)
{
	return randombytes_uniform(upper);
}

void crypto_hmac_sha256(const void *key, size_t keylen, const void *msg, size_t msglen,
			unsigned char out[CRYPTO_HMAC_BYTES])
{
	crypto_auth_hmacsha256_state st;
	crypto_auth_hmacsha256_init(&st, key, keylen);
	crypto_auth_hmacsha256_update(&st, msg, msglen);
	crypto_auth_hmacsha256_final(&st, out);
	sodium_memzero(&st, sizeof st);
}

void crypto_sha256(const void *msg, size_t len, unsigned char out[CRYPTO_SHA256_BYTES])
{
	crypto_hash_sha256(out, msg, len);
}

void crypto_hash_hex(const void *msg, size_t len, size_t outlen, char *hex, size_t hexlen)
{
	unsigned char h[32];
	crypto_generichash(h, sizeof h, msg, len, NULL, 0);
	if (outlen > sizeof h)
		outlen = sizeof h;
	if (hexlen < 2 * outlen + 1)
		outlen = hexlen ? (hexlen - 1) / 2 : 0;
	if (hexlen)
		sodium_bin2hex(hex, hexlen, h, outlen);
}

size_t crypto_b64url_encode(const void *src, size_t n, char *dst, size_t dstlen)
{
	sodium_bin2base64(dst, dstlen, src, n, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	return strlen(dst);
}

int crypto_b64url_decode(const char *src, size_t n, unsigned char *dst, size_t dstlen, size_t *outlen)
{
	return sodium_base642bin(dst, dstlen, src, n, NULL, outlen, NULL,
				 sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

void crypto_hex(const void *src, size_t n, char *dst, size_t dstlen)
{
	sodium_bin2hex(dst, dstlen, src, n);
}

bool crypto_equal(const void *a, const void *b, size_t n)
{
	return sodium_memcmp(a, b, n) == 0;
}

void crypto_wipe(void *p, size_t n)
{
	sodium_memzero(p, n);
}
