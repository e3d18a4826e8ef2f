/* Catalogue loading and Accept-Language negotiation. Catalogues are read once at start-up
 * into sorted arrays; lookups are binary searches and need no locking. */
#include "web/i18n.h"
#include "core/alloc.h"
#include "core/embedded.h"
#include "core/log.h"
#include "core/str.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct message {
	char *key;
	char *value;
};

struct catalogue {
	struct message *msgs;
	size_t count;
};

static struct catalogue catalogues[LANG__MAX];
static const char *const codes[LANG__MAX] = { "zh-TW", "en" };

const char *lang_code(enum lang lang)
{
	return (unsigned)lang < LANG__MAX ? codes[lang] : codes[LANG_ZH_TW];
}

static int cmp_msg(const void *a, const void *b)
{
	return strcmp(((const struct message *)a)->key, ((const struct message *)b)->key);
}

/* Unescapes \n and \\ in a value; the rest is taken literally. */
static char *unescape(struct slice v)
{
	char *out = xmalloc(v.len + 1);
	size_t j = 0;
	for (size_t i = 0; i < v.len; i++) {
		if (v.p[i] == '\\' && i + 1 < v.len && (v.p[i + 1] == 'n' || v.p[i + 1] == '\\')) {
			out[j++] = v.p[i + 1] == 'n' ? '\n' : '\\';
			i++;
		} else {
			out[j++] = v.p[i];
		}
	}
	out[j] = '\0';
	return out;
}

/* Adds the messages of one catalogue file to c. */
static int load_file(struct catalogue *c, size_t *cap, const struct embedded_file *f, char *err, size_t errlen)
{
	struct slice rest = slice_make((const char *)f->data, f->len);
	int lineno = 0;
	while (rest.len) {
		struct slice line;
		rest = slice_cut(rest, '\n', &line, NULL);
		lineno++;
		line = slice_trim(line);
		if (line.len == 0 || line.p[0] == '#')
			continue;
		struct slice key;
		bool found;
		struct slice val = slice_trim(slice_cut(line, '=', &key, &found));
		key = slice_trim(key);
		if (!found || key.len == 0) {
			snprintf(err, errlen, "%s:%d: expected \"key = message\"", f->name, lineno);
			return -1;
		}
		if (c->count == *cap) {
			*cap *= 2;
			c->msgs = xrealloc(c->msgs, *cap * sizeof *c->msgs);
		}
		/* a value in double quotes keeps its leading and trailing spaces */
		if (val.len >= 2 && val.p[0] == '"' && val.p[val.len - 1] == '"') {
			val.p++;
			val.len -= 2;
		}
		c->msgs[c->count].key = xstrndup(key.p, key.len);
		c->msgs[c->count].value = unescape(val);
		c->count++;
	}
	return 0;
}

/* A language's catalogue is every embedded i18n/<lang>/<module>.msg file. */
static int load(enum lang lang, char *err, size_t errlen)
{
	char prefix[32];
	snprintf(prefix, sizeof prefix, "i18n/%s/", codes[lang]);
	struct catalogue *c = &catalogues[lang];
	size_t cap = 256;
	c->msgs = xmalloc(cap * sizeof *c->msgs);
	c->count = 0;
	int files = 0;
	for (unsigned long i = 0; i < embedded_count; i++) {
		const struct embedded_file *f = &embedded_files[i];
		size_t n = strlen(f->name);
		if (strncmp(f->name, prefix, strlen(prefix)) != 0 || n < 4 || strcmp(f->name + n - 4, ".msg") != 0)
			continue;
		if (load_file(c, &cap, f, err, errlen) < 0)
			return -1;
		files++;
	}
	if (!files) {
		snprintf(err, errlen, "%s*.msg: no catalogue in this build", prefix);
		return -1;
	}
	qsort(c->msgs, c->count, sizeof *c->msgs, cmp_msg);
	for (size_t i = 1; i < c->count; i++) {
		if (strcmp(c->msgs[i - 1].key, c->msgs[i].key) == 0) {
			snprintf(err, errlen, "%s: key %s is defined twice", prefix, c->msgs[i].key);
			return -1;
		}
	}
	return 0;
}

int i18n_init(char *err, size_t errlen)
{
	i18n_free();
	for (int l = 0; l < LANG__MAX; l++)
		if (load((enum lang)l, err, errlen) < 0)
			return -1;
	return 0;
}

void i18n_free(void)
{
	for (int l = 0; l < LANG__MAX; l++) {
		for (size_t i = 0; i < catalogues[l].count; i++) {
			free(catalogues[l].msgs[i].key);
			free(catalogues[l].msgs[i].value);
		}
		free(catalogues[l].msgs);
		catalogues[l].msgs = NULL;
		catalogues[l].count = 0;
	}
}

const char *i18n_lookup(enum lang lang, const char *key, size_t keylen)
{
	const struct catalogue *c = &catalogues[(unsigned)lang < LANG__MAX ? lang : LANG_ZH_TW];
	size_t lo = 0, hi = c->count;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		const char *k = c->msgs[mid].key;
		int cmp = strncmp(k, key, keylen);
		if (cmp == 0 && k[keylen] != '\0')
			cmp = 1;
		if (cmp == 0)
			return c->msgs[mid].value;
		if (cmp < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

const char *i18n_get(enum lang lang, const char *key)
{
	const char *v = i18n_lookup(lang, key, strlen(key));
	if (!v) {
		log_warn("i18n: no %s message for %s", lang_code(lang), key);
		return key;
	}
	return v;
}

size_t i18n_count(enum lang lang)
{
	return catalogues[lang].count;
}

const char *i18n_key_at(enum lang lang, size_t i)
{
	return i < catalogues[lang].count ? catalogues[lang].msgs[i].key : NULL;
}

int lang_parse(const char *s, size_t len)
{
	struct slice v = slice_make(s, len);
	/* Traditional Chinese: zh-TW, zh-Hant*, zh-HK, zh-MO and bare zh all get zh-TW;
	 * Simplified Chinese (zh-CN, zh-Hans) is not offered, so it falls through. */
	if (slice_eq_nocase(v, "zh") || slice_eq_nocase(v, "zh-TW") || slice_eq_nocase(v, "zh-HK") ||
	    slice_eq_nocase(v, "zh-MO") || (v.len >= 7 && slice_eq_nocase(slice_make(s, 7), "zh-Hant")))
		return LANG_ZH_TW;
	if (slice_eq_nocase(v, "en") || (v.len > 3 && slice_eq_nocase(slice_make(s, 3), "en-")))
		return LANG_EN;
	return -1;
}

/* Parses "q=0.8" style weights as thousandths; invalid weights count as 0. */
static int parse_q(struct slice params)
{
	while (params.len) {
		struct slice p;
		params = slice_cut(params, ';', &p, NULL);
		p = slice_trim(p);
		if (p.len >= 2 && (p.p[0] == 'q' || p.p[0] == 'Q') && p.p[1] == '=') {
			struct slice num = slice_make(p.p + 2, p.len - 2);
			if (num.len == 0 || num.len > 5)
				return 0;
			if (num.p[0] == '1')
				return 1000;
			if (num.p[0] != '0')
				return 0;
			int q = 0, scale = 100;
			for (size_t i = 2; i < num.len && scale; i++, scale /= 10) {
				if (num.p[1] != '.' || !isdigit((unsigned char)num.p[i]))
					return 0;
				q += (num.p[i] - '0') * scale;
			}
			return q;
		}
	}
	return 1000;
}

enum lang lang_negotiate(const char *header, size_t len, enum lang fallback)
{
	if (!header)
		return fallback;
	struct slice rest = slice_make(header, len > 4096 ? 4096 : len);
	int best = -1, best_q = 0;
	for (int items = 0; rest.len && items < 64; items++) {
		struct slice item, tag;
		rest = slice_cut(rest, ',', &item, NULL);
		struct slice params = slice_cut(slice_trim(item), ';', &tag, NULL);
		tag = slice_trim(tag);
		int q = parse_q(params);
		int l = lang_parse(tag.p, tag.len);
		if (l >= 0 && q > best_q) {
			best = l;
			best_q = q;
		}
	}
	return best >= 0 ? (enum lang)best : fallback;
}
