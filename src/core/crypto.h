/* Cryptographic primitives for vans, all from libsodium (included here only): random
 * bytes, HMAC-SHA256, SHA-256, BLAKE2b, base64url and constant-time comparison. */
#ifndef VANS_CORE_CRYPTO_H
#define VANS_CORE_CRYPTO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CRYPTO_HMAC_BYTES 32
#define CRYPTO_SHA256_BYTES 32

/* Must be called once before any other function; -1 when libsodium cannot start. */
int crypto_init(void);
void crypto_random(void *buf, size_t n);
uint32_t crypto_random_uniform(uint32_t upper);
void crypto_hmac_sha256(const void *key, size_t keylen, const void *msg, size_t msglen,
			unsigned char out[CRYPTO_HMAC_BYTES]);
void crypto_sha256(const void *msg, size_t len, unsigned char out[CRYPTO_SHA256_BYTES]);
/* Short content hash as lowercase hex (outlen bytes of BLAKE2b → 2*outlen chars + NUL). */
void crypto_hash_hex(const void *msg, size_t len, size_t outlen, char *hex, size_t hexlen);
/* base64url without padding; returns the encoded length (dst needs 4*n/3+4 bytes). */
size_t crypto_b64url_encode(const void *src, size_t n, char *dst, size_t dstlen);
/* Decodes base64url (no padding); -1 on invalid input. */
int crypto_b64url_decode(const char *src, size_t n, unsigned char *dst, size_t dstlen, size_t *outlen);
void crypto_hex(const void *src, size_t n, char *dst, size_t dstlen);
bool crypto_equal(const void *a, const void *b, size_t n);
void crypto_wipe(void *p, size_t n);

#endif
