/* Password policy and hashing. The common-password list is read once from the embedded
 * copy of /usr/share/john/password.lst into a sorted array of lower-case entries. */
#include "identity/password.h"
#include "core/alloc.h"
#include "core/crypto.h"
#include "core/embedded.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

static char **common;
static size_t ncommon;
static pthread_once_t common_once = PTHREAD_ONCE_INIT;

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void lower_ascii(char *s)
{
	for (; *s; s++)
		if (*s >= 'A' && *s <= 'Z')
			*s = (char)(*s - 'A' + 'a');
}

static void load_common(void)
{
	const struct embedded_file *f = embedded_find("data/common-passwords.txt");
	if (!f)
		return;
	size_t cap = 4096;
	common = xmalloc(cap * sizeof *common);
	const char *p = (const char *)f->data, *end = p + f->len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
		if (len && p[len - 1] == '\r')
			len--;
		if (len && !(len >= 2 && p[0] == '#' && p[1] == '!')) {
			if (ncommon == cap) {
				cap *= 2;
				common = xrealloc(common, cap * sizeof *common);
			}
			common[ncommon] = xstrndup(p, len);
			lower_ascii(common[ncommon]);
			ncommon++;
		}
		p = nl ? nl + 1 : end;
	}
	qsort(common, ncommon, sizeof *common, cmp_str);
}

static bool listed(const char *s)
{
	return bsearch(&s, common, ncommon, sizeof *common, cmp_str) != NULL;
}

bool password_is_common(const char *pw, size_t n)
{
	pthread_once(&common_once, load_common);
	if (n == 0 || n > PASSWORD_MAX)
		return false;
	char low[PASSWORD_MAX + 1];
	memcpy(low, pw, n);
	low[n] = '\0';
	lower_ascii(low);
	if (listed(low))
		return true;
	/* "Password2024": a listed word with digits appended is as weak */
	size_t k = n;
	while (k > 0 && low[k - 1] >= '0' && low[k - 1] <= '9')
		k--;
	if (k >= 4 && k < n) {
		low[k] = '\0';
		if (listed(low))
			return true;
	}
	return false;
}

unsigned password_check(const struct config *cfg, const char *pw, size_t n, const char *username)
{
	unsigned problems = 0;
	if ((int64_t)n < cfg->password_min_length)
		problems |= PW_TOO_SHORT;
	if (n > PASSWORD_MAX)
		return problems | PW_TOO_LONG;
	bool upper = false, lower = false, digit = false, other = false;
	for (size_t i = 0; i < n; i++) {
		char c = pw[i];
		if (c >= 'A' && c <= 'Z')
			upper = true;
		else if (c >= 'a' && c <= 'z')
			lower = true;
		else if (c >= '0' && c <= '9')
			digit = true;
		else
			other = true;
	}
	if (cfg->password_require_mixed && !(upper && lower && digit))
		problems |= PW_NEEDS_MIXED;
	if (cfg->password_alnum_only && other)
		problems |= PW_BAD_CHARS;
	if (password_is_common(pw, n))
		problems |= PW_COMMON;
	if (username && *username && n >= strlen(username)) {
		size_t ul = strlen(username);
		for (size_t i = 0; i + ul <= n; i++) {
			size_t j = 0;
			while (j < ul && ((pw[i + j] | 0x20) == (username[j] | 0x20)))
				j++;
			if (j == ul) {
				problems |= PW_HAS_USERNAME;
				break;
			}
		}
	}
	return problems;
}

static size_t mem_bytes(const struct config *cfg)
{
	return (size_t)cfg->password_hash_mem_mib * 1024 * 1024;
}

int password_hash(const struct config *cfg, const char *pw, size_t n, char out[128])
{
	return crypto_password_hash(out, pw, n, (uint64_t)cfg->password_hash_ops, mem_bytes(cfg));
}

bool password_verify(const char *hash, const char *pw, size_t n)
{
	return hash && *hash && crypto_password_verify(hash, pw, n);
}

bool password_needs_rehash(const struct config *cfg, const char *hash)
{
	return crypto_password_needs_rehash(hash, (uint64_t)cfg->password_hash_ops, mem_bytes(cfg));
}
