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

int crypto_unhex(const char *hex, size_t n, unsigned char *dst, size_t dstlen, size_t *outlen)
{
	if (n % 2 || n / 2 > dstlen)
		return -1;
	const char *end = NULL;
	size_t got = 0;
	if (sodium_hex2bin(dst, dstlen, hex, n, NULL, &got, &end) != 0 || end != hex + n)
		return -1;
	if (outlen)
		*outlen = got;
	return 0;
}

int crypto_password_hash(char out[CRYPTO_PASSWORD_HASH_LEN], const char *pw, size_t pwlen, uint64_t ops, size_t mem)
{
	_Static_assert(CRYPTO_PASSWORD_HASH_LEN == crypto_pwhash_STRBYTES, "PHC string size");
	return crypto_pwhash_str_alg(out, pw, pwlen, ops, mem, crypto_pwhash_ALG_ARGON2ID13) == 0 ? 0 : -1;
}

bool crypto_password_verify(const char *hash, const char *pw, size_t pwlen)
{
	return crypto_pwhash_str_verify(hash, pw, pwlen) == 0;
}

bool crypto_password_needs_rehash(const char *hash, uint64_t ops, size_t mem)
{
	return crypto_pwhash_str_needs_rehash(hash, ops, mem) != 0;
}

void crypto_pbkdf2_sha256(const void *pw, size_t pwlen, const void *salt, size_t saltlen,
			  uint32_t iterations, unsigned char *out, size_t dklen)
{
	crypto_auth_hmacsha256_state base, st;
	crypto_auth_hmacsha256_init(&base, pw, pwlen);
	unsigned char u[32], t[32];
	for (uint32_t block = 1; dklen > 0; block++) {
		unsigned char be[4] = { (unsigned char)(block >> 24), (unsigned char)(block >> 16),
					(unsigned char)(block >> 8), (unsigned char)block };
		st = base;
		crypto_auth_hmacsha256_update(&st, salt, saltlen);
		crypto_auth_hmacsha256_update(&st, be, 4);
		crypto_auth_hmacsha256_final(&st, u);
		memcpy(t, u, sizeof t);
		for (uint32_t i = 1; i < iterations; i++) {
			st = base;
			crypto_auth_hmacsha256_update(&st, u, sizeof u);
			crypto_auth_hmacsha256_final(&st, u);
			for (size_t k = 0; k < sizeof t; k++)
				t[k] ^= u[k];
		}
		size_t n = dklen < sizeof t ? dklen : sizeof t;
		memcpy(out, t, n);
		out += n;
		dklen -= n;
	}
	sodium_memzero(&base, sizeof base);
	sodium_memzero(&st, sizeof st);
	sodium_memzero(u, sizeof u);
	sodium_memzero(t, sizeof t);
}

size_t crypto_b64_encode(const void *src, size_t n, char *dst, size_t dstlen)
{
	sodium_bin2base64(dst, dstlen, src, n, sodium_base64_VARIANT_ORIGINAL);
	return strlen(dst);
}

int crypto_b64_decode(const char *src, size_t n, unsigned char *dst, size_t dstlen, size_t *outlen)
{
	return sodium_base642bin(dst, dstlen, src, n, "\r\n", outlen, NULL, sodium_base64_VARIANT_ORIGINAL);
}
