/* Cryptographic primitives for vans, all from libsodium (included here only): random
 * bytes, HMAC-SHA256, SHA-256, BLAKE2b, base64url, constant-time comparison, Argon2id
 * password hashes and PBKDF2-HMAC-SHA256 (RFC 8018, built on libsodium's HMAC). */
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
/* Standard base64 with padding (RFC 4648 §4, as browsers' btoa); encode returns the length
 * (dst needs 4*((n+2)/3)+1 bytes), decode -1 on invalid input. */
size_t crypto_b64_encode(const void *src, size_t n, char *dst, size_t dstlen);
int crypto_b64_decode(const char *src, size_t n, unsigned char *dst, size_t dstlen, size_t *outlen);
bool crypto_equal(const void *a, const void *b, size_t n);
void crypto_wipe(void *p, size_t n);
/* Lowercase hex of even length → bytes; -1 on odd length, a non-hex digit or no room. */
int crypto_unhex(const char *hex, size_t n, unsigned char *dst, size_t dstlen, size_t *outlen);

/* Argon2id password hashes in the PHC string format ($argon2id$v=19$m=…,t=…,p=1$…).
 * ops = passes, mem = bytes. */
#define CRYPTO_PASSWORD_HASH_LEN 128
int crypto_password_hash(char out[CRYPTO_PASSWORD_HASH_LEN], const char *pw, size_t pwlen, uint64_t ops, size_t mem);
bool crypto_password_verify(const char *hash, const char *pw, size_t pwlen);
/* True when hash was made with other parameters than ops/mem (time to rehash). */
bool crypto_password_needs_rehash(const char *hash, uint64_t ops, size_t mem);

/* PBKDF2 with HMAC-SHA256 (RFC 8018 §5.2): dklen bytes of key from pw, salt and iterations. */
void crypto_pbkdf2_sha256(const void *pw, size_t pwlen, const void *salt, size_t saltlen,
			  uint32_t iterations, unsigned char *out, size_t dklen);

#endif
