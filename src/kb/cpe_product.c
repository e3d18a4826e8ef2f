/* The vendor/product index kept current by the importers: a hash set of the products an
 * import touched, then one recount per product (its dictionary names and titles, its CVEs)
 * through the (vendor, product) indexes of cpe_dict and cve_match. */
#include "kb/cpe_product.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/alloc.h"
#include "kb/config_text.h"

/* Keys are "part\0vendor\0product\0" in the arena; slots hold pointers and lengths. */
struct slot {
	const char *key;
	size_t len;
	uint64_t hash;
};

struct kb_products {
	struct arena keys;
	struct slot *slots;
	size_t cap;     /* a power of two */
	size_t n;
};

static uint64_t fnv1a(const char *p, size_t n)
{
	uint64_t h = 1469598103934665603ull;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)p[i];
		h *= 1099511628211ull;
	}
	return h;
}

struct kb_products *kb_products_new(void)
{
	struct kb_products *s = xcalloc(1, sizeof(*s));
	arena_init(&s->keys, 64 * 1024);
	s->cap = 1024;
	s->slots = xcalloc(s->cap, sizeof(*s->slots));
	return s;
}

void kb_products_free(struct kb_products *s)
{
	if (!s)
		return;
	arena_free(&s->keys);
	free(s->slots);
	free(s);
}

size_t kb_products_count(const struct kb_products *s)
{
	return s->n;
}

static void grow(struct kb_products *s)
{
	size_t cap = s->cap * 2;
	struct slot *slots = xcalloc(cap, sizeof(*slots));
	for (size_t i = 0; i < s->cap; i++) {
		if (!s->slots[i].key)
			continue;
		size_t j = s->slots[i].hash & (cap - 1);
		while (slots[j].key)
			j = (j + 1) & (cap - 1);
		slots[j] = s->slots[i];
	}
	free(s->slots);
	s->slots = slots;
	s->cap = cap;
}

void kb_products_add(struct kb_products *s, const char *part, size_t part_len, const char *vendor,
		     size_t vendor_len, const char *product, size_t product_len)
{
	char stack[512];
	size_t len = part_len + vendor_len + product_len + 3;
	char *k = len <= sizeof(stack) ? stack : xmalloc(len);
	memcpy(k, part, part_len);
	k[part_len] = '\0';
	memcpy(k + part_len + 1, vendor, vendor_len);
	k[part_len + 1 + vendor_len] = '\0';
	memcpy(k + part_len + vendor_len + 2, product, product_len);
	k[len - 1] = '\0';
	uint64_t h = fnv1a(k, len);
	size_t i = h & (s->cap - 1);
	for (; s->slots[i].key; i = (i + 1) & (s->cap - 1)) {
		if (s->slots[i].hash == h && s->slots[i].len == len && memcmp(s->slots[i].key, k, len) == 0)
			goto out;
	}
	char *copy = arena_alloc(&s->keys, len);
	memcpy(copy, k, len);
	s->slots[i] = (struct slot){ copy, len, h };
	if (++s->n * 2 > s->cap)
		grow(s);
out:
	if (k != stack)
		free(k);
}

int kb_cpe_fs_fields(const char *c, size_t len, const char **f, size_t *fl, size_t n)
{
	if (len < 8 || memcmp(c, "cpe:2.3:", 8) != 0)
		return -1;
	size_t field = 0, start = 8;
	for (size_t i = 8; i <= len && field < n; i++) {
		if (i < len && c[i] == '\\') {
			i++;
			continue;
		}
		if (i >= len || c[i] == ':') {
			size_t end = i < len ? i : len;
			f[field] = c + start;
			fl[field] = end - start;
			field++;
			start = i + 1;
		}
	}
	return field == n ? 0 : -1;
}

int kb_products_add_name(struct kb_products *s, const char *c, size_t len)
{
	const char *f[3];
	size_t fl[3];
	if (kb_cpe_fs_fields(c, len, f, fl, 3) < 0)
		return -1;
	kb_products_add(s, f[0], fl[0], f[1], fl[1], f[2], fl[2]);
	return 0;
}

/* ---- product titles ---- */

/* The version as a reader sees it: CPE escapes ("1\.0") removed. */
static char *unescape(struct arena *a, const char *v)
{
	size_t n = strlen(v), j = 0;
	char *out = arena_alloc(a, n + 1);
	for (size_t i = 0; i < n; i++) {
		if (v[i] == '\\' && i + 1 < n)
			i++;
		out[j++] = v[i];
	}
	out[j] = '\0';
	return out;
}

static bool ends_word(char c)
{
	return c == '\0' || c == ' ' || c == ',' || c == ')' || c == ':' || c == ';' || c == '/';
}

/* Titles write a version as people do: "2-3.3.1-K9" for 2-3.3.1-k9, "1.0_9" for 1.0-9,
 * "1.6.3.0067 BootROM 3.0.0" for 1.6.3.0067_bootrom_3.0.0. Letters compare without case
 * and space, '_' and '-' as one. */
static bool same_char(char t, char v)
{
	bool ts = t == ' ' || t == '_' || t == '-', vs = v == ' ' || v == '_' || v == '-';
	if (ts || vs)
		return ts && vs;
	return tolower((unsigned char)t) == tolower((unsigned char)v);
}

static bool version_at(const char *t, const char *v, size_t vl)
{
	for (size_t i = 0; i < vl; i++)
		if (!t[i] || !same_char(t[i], v[i]))
			return false;
	return ends_word(t[vl]);
}

const char *kb_title_without_version(struct arena *a, const char *title, const char *version)
{
	if (!title || !*title)
		return NULL;
	if (!version || !*version || strcmp(version, "-") == 0 || strcmp(version, "*") == 0)
		return title;
	const char *v = unescape(a, version);
	size_t vl = strlen(v);
	/* the last place the version stands as a word, after a space (or " v", or "_") */
	const char *cut = NULL;
	for (const char *p = title + 1; *p; p++) {
		if (!version_at(p, v, vl))
			continue;
		if (p[-1] == ' ' || p[-1] == '_')    /* "Microsoft windows 2000_beta3" */
			cut = p - 1;
		else if (p > title + 1 && (p[-1] == 'v' || p[-1] == 'V') && p[-2] == ' ')
			cut = p - 2;
	}
	if (!cut)
		return NULL;
	size_t n = (size_t)(cut - title);
	while (n && (title[n - 1] == ' ' || title[n - 1] == '-' || title[n - 1] == ',' || title[n - 1] == ':'))
		n--;
	return n ? arena_strndup(a, title, n) : NULL;
}

static int cmp_str(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* The most frequent string of list[0..n) (sorted in place); ties: the first in order. */
static const char *most_frequent(const char **list, size_t n)
{
	if (!n)
		return NULL;
	qsort(list, n, sizeof(*list), cmp_str);
	const char *best = list[0];
	size_t best_run = 0, run = 0;
	for (size_t i = 0; i < n; i++) {
		run = i > 0 && strcmp(list[i], list[i - 1]) == 0 ? run + 1 : 1;
		if (run > best_run) {
			best_run = run;
			best = list[i];
		}
	}
	return best;
}

static bool contains_nocase(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	for (; *hay; hay++)
		if (strncasecmp(hay, needle, n) == 0)
			return true;
	return n == 0;
}

/* Whether a title names every word of the product ("windows_nt": "windows" and "nt"),
 * letters compared without case. */
static bool covers(const char *title, const char *product)
{
	char word[128];
	size_t n = 0;
	for (const char *p = product;; p++) {
		bool end = *p == '\0' || *p == '_' || *p == '\\';
		if (!end && n < sizeof word - 1) {
			word[n++] = *p;
			continue;
		}
		if (n) {
			word[n] = '\0';
			if (!contains_nocase(title, word))
				return false;
			n = 0;
		}
		if (*p == '\0')
			return true;
	}
}

const char *kb_product_title_pick(struct arena *a, const char *product, const struct kb_title_row *rows, size_t n)
{
	/* four tiers, the first that has a title wins: names not deprecated whose title
	 * names every word of the product, deprecated ones that do, then any of either */
	const char **tier[4];
	size_t count[4] = { 0 };
	for (int t = 0; t < 4; t++)
		tier[t] = arena_alloc(a, (n ? n : 1) * sizeof(*tier[t]));
	for (size_t i = 0; i < n; i++) {
		const char *t = kb_title_without_version(a, rows[i].title, rows[i].version);
		if (!t)
			continue;
		int k = (product && covers(t, product) ? 0 : 2) + (rows[i].deprecated ? 1 : 0);
		tier[k][count[k]++] = t;
	}
	for (int t = 0; t < 4; t++)
		if (count[t])
			return most_frequent(tier[t], count[t]);
	return NULL;
}

/* ---- recount ---- */

static size_t capitals(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += *s >= 'A' && *s <= 'Z';
	return n;
}

static void bind_key(struct db_stmt *st, const char *key)
{
	const char *part = key, *vendor = part + strlen(part) + 1, *product = vendor + strlen(vendor) + 1;
	db_bind_text(st, ":part", part);
	db_bind_text(st, ":vendor", vendor);
	db_bind_text(st, ":product", product);
}

static enum err refresh_one(struct db *db, struct arena *a, const char *key)
{
	/* the dictionary's names of the product and their titles */
	struct db_stmt *st = db_stmt(db, STMT_KB_CPE_PRODUCT_DICT_ROWS);
	bind_key(st, key);
	size_t n = 0, cap = 16;
	struct kb_title_row *rows = arena_alloc(a, cap * sizeof(*rows));
	enum db_step_rc rc;
	while ((rc = db_step(st)) == DB_ROW) {
		if (n == cap) {
			struct kb_title_row *bigger = arena_alloc(a, cap * 2 * sizeof(*rows));
			memcpy(bigger, rows, n * sizeof(*rows));
			rows = bigger;
			cap *= 2;
		}
		rows[n].version = arena_strdup(a, db_col_text(st, 0));
		rows[n].title = arena_strdup(a, db_col_text(st, 1));
		rows[n].deprecated = (int)db_col_int(st, 2);
		n++;
	}
	db_reset(st);
	if (rc == DB_ERROR)
		return ERR_DB;
	const char *part = key, *vendor = part + strlen(part) + 1, *product = vendor + strlen(vendor) + 1;
	const char *title = kb_product_title_pick(a, product, rows, n);
	/* "Microsoft windows 2000" (from "Microsoft windows 2000_beta3"): when the title is the
	 * name made from the CPE but for case, the name's capitals read better */
	const char *made = kb_product_display(a, vendor, product);
	if (title && strcasecmp(title, made) == 0 && capitals(made) > capitals(title))
		title = made;

	st = db_stmt(db, STMT_KB_CPE_PRODUCT_CVE_COUNT);
	bind_key(st, key);
	rc = db_step(st);
	int64_t cves = rc == DB_ROW ? db_col_int(st, 0) : 0;
	db_reset(st);
	if (rc == DB_ERROR)
		return ERR_DB;

	st = db_stmt(db, n || cves ? STMT_KB_CPE_PRODUCT_PUT : STMT_KB_CPE_PRODUCT_DELETE);
	bind_key(st, key);
	if (n || cves) {
		db_bind_text(st, ":title", title ? title : "");
		db_bind_int(st, ":dict_names", (int64_t)n);
		db_bind_int(st, ":cve_count", cves);
	}
	return db_exec(st);
}

enum err kb_cpe_product_refresh(struct db *db, const struct kb_products *s)
{
	struct arena a;
	arena_init(&a, 0);
	enum err e = ERR_OK;
	for (size_t i = 0; i < s->cap && e == ERR_OK; i++) {
		if (!s->slots[i].key)
			continue;
		e = refresh_one(db, &a, s->slots[i].key);
		arena_reset(&a);
	}
	arena_free(&a);
	return e;
}

const char *kb_product_title(struct db *db, struct arena *a, const char *part, const char *vendor,
			     const char *product)
{
	struct db_stmt *st = db_stmt(db, STMT_KB_CPE_PRODUCT_GET);
	if (!st)
		return NULL;
	db_bind_text(st, ":part", part);
	db_bind_text(st, ":vendor", vendor);
	db_bind_text(st, ":product", product);
	const char *title = NULL;
	if (db_step(st) == DB_ROW && db_col_text(st, 0)[0])
		title = arena_strdup(a, db_col_text(st, 0));
	db_reset(st);
	return title;
}
