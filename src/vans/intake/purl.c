/* Package URL parsing in the order the purl specification gives (subpath, qualifiers,
 * scheme, type, version, name, namespace), and the ecosystem rules that turn a purl into
 * a CPE vendor/product guess. */
#include "vans/intake/purl.h"

#include "vans/intake/text.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

static int say(char *err, size_t errlen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static int say(char *err, size_t errlen, const char *fmt, ...)
{
	if (err && errlen) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(err, errlen, fmt, ap);
		va_end(ap);
	}
	return -1;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Percent-decodes p[0..len) into the arena; NULL on a bad escape, a NUL or bad UTF-8
 * (*bad_at gets the offset). */
static char *decode(struct arena *a, const char *p, size_t len, size_t *bad_at)
{
	char *out = arena_alloc(a, len + 1);
	size_t o = 0;
	for (size_t i = 0; i < len; i++) {
		if (p[i] != '%') {
			out[o++] = p[i];
			continue;
		}
		int hi = i + 1 < len ? hexval(p[i + 1]) : -1;
		int lo = i + 2 < len ? hexval(p[i + 2]) : -1;
		if (hi < 0 || lo < 0 || (hi == 0 && lo == 0)) {
			*bad_at = i;
			return NULL;
		}
		out[o++] = (char)(hi * 16 + lo);
		i += 2;
	}
	out[o] = '\0';
	size_t bad;
	if (!intake_utf8_valid(out, o, &bad)) {
		*bad_at = 0;
		return NULL;
	}
	return out;
}

static void lower(char *s)
{
	for (; *s; s++)
		if (*s >= 'A' && *s <= 'Z')
			*s = (char)(*s - 'A' + 'a');
}

/* Decodes '/'-separated segments, dropping empty ones (and "." and ".." when dots). */
static char *segments(struct arena *a, const char *p, size_t len, bool dots, size_t *bad_at,
		      size_t base)
{
	char *out = arena_alloc(a, len + 1);
	size_t o = 0, n = 0;
	size_t i = 0;
	while (i <= len) {
		size_t j = i;
		while (j < len && p[j] != '/')
			j++;
		if (j > i) {
			size_t bad;
			char *seg = decode(a, p + i, j - i, &bad);
			if (!seg) {
				*bad_at = base + i + bad;
				return NULL;
			}
			bool skip = dots && (strcmp(seg, ".") == 0 || strcmp(seg, "..") == 0);
			if (!skip) {
				if (++n > PURL_MAX_SEGMENTS) {
					*bad_at = base + i;
					return NULL;
				}
				if (o)
					out[o++] = '/';
				size_t k = strlen(seg);
				memcpy(out + o, seg, k);
				o += k;
			}
		}
		i = j + 1;
	}
	out[o] = '\0';
	return out;
}

static bool valid_type(const char *t, size_t n)
{
	if (n == 0 || (t[0] >= '0' && t[0] <= '9'))
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = t[i];
		bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		          c == '.' || c == '+' || c == '-';
		if (!ok)
			return false;
	}
	return true;
}

static bool valid_key(const char *k)
{
	if (!*k || (k[0] >= '0' && k[0] <= '9'))
		return false;
	for (; *k; k++) {
		char c = *k;
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_'))
			return false;
	}
	return true;
}

static const char *rfind(const char *p, size_t len, char c)
{
	for (size_t i = len; i > 0; i--)
		if (p[i - 1] == c)
			return p + i - 1;
	return NULL;
}

int purl_parse(const char *p, size_t len, struct arena *a, struct purl *out, char *err,
	       size_t errlen)
{
	memset(out, 0, sizeof(*out));
	out->type = out->namespace_ = out->name = out->version = out->subpath = "";
	if (!p || len == 0)
		return say(err, errlen, "empty");
	if (len > PURL_MAX_LEN)
		return say(err, errlen, "longer than %d bytes", PURL_MAX_LEN);
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)p[i] < 0x20 || p[i] == 0x7F || p[i] == ' ')
			return say(err, errlen, "a space or control character at position %zu", i + 1);
	size_t bad;
	size_t rest = len;

	/* #subpath */
	const char *hash = memchr(p, '#', rest);
	if (hash) {
		size_t off = (size_t)(hash - p) + 1;
		char *sub = segments(a, hash + 1, len - off, true, &bad, off);
		if (!sub)
			return say(err, errlen, "bad subpath at position %zu", bad + 1);
		out->subpath = sub;
		rest = (size_t)(hash - p);
	}
	/* ?qualifiers */
	const char *q = memchr(p, '?', rest);
	if (q) {
		size_t qoff = (size_t)(q - p) + 1;
		size_t qlen = rest - qoff;
		size_t i = 0;
		while (i <= qlen) {
			const char *s = p + qoff + i;
			size_t j = i;
			while (j < qlen && p[qoff + j] != '&')
				j++;
			size_t n = j - i;
			if (n) {
				const char *eq = memchr(s, '=', n);
				if (!eq)
					return say(err, errlen, "a qualifier without '=' at position %zu",
					           qoff + i + 1);
				size_t klen = (size_t)(eq - s);
				char *key = arena_strndup(a, s, klen);
				lower(key);
				if (!valid_key(key))
					return say(err, errlen, "bad qualifier key at position %zu", qoff + i + 1);
				char *val = decode(a, eq + 1, n - klen - 1, &bad);
				if (!val)
					return say(err, errlen, "bad percent-encoding at position %zu",
					           qoff + i + klen + 2 + bad);
				if (*val) {
					for (size_t k = 0; k < out->n_qualifiers; k++)
						if (strcmp(out->qualifiers[k].key, key) == 0)
							return say(err, errlen, "qualifier \"%s\" given twice", key);
					if (out->n_qualifiers == PURL_MAX_QUALIFIERS)
						return say(err, errlen, "more than %d qualifiers", PURL_MAX_QUALIFIERS);
					out->qualifiers[out->n_qualifiers].key = key;
					out->qualifiers[out->n_qualifiers].value = val;
					out->n_qualifiers++;
				}
			}
			i = j + 1;
		}
		rest = (size_t)(q - p);
	}
	/* scheme */
	if (rest < 4 || strncasecmp(p, "pkg:", 4) != 0)
		return say(err, errlen, "not a package URL (no pkg: scheme)");
	size_t start = 4;
	while (start < rest && p[start] == '/')
		start++;
	size_t end = rest;
	while (end > start && p[end - 1] == '/')
		end--;
	/* type */
	const char *slash = memchr(p + start, '/', end - start);
	if (!slash)
		return say(err, errlen, "no type or no name");
	size_t tlen = (size_t)(slash - (p + start));
	if (!valid_type(p + start, tlen))
		return say(err, errlen, "bad type \"%.*s\"", (int)(tlen > 32 ? 32 : tlen), p + start);
	char *type = arena_strndup(a, p + start, tlen);
	lower(type);
	out->type = type;
	start += tlen + 1;
	/* @version: the last '@' after the last '/' (npm scopes begin with "%40" or '@') */
	const char *last_slash = rfind(p + start, end - start, '/');
	size_t name_from = last_slash ? (size_t)(last_slash - p) + 1 : start;
	const char *at = rfind(p + name_from, end - name_from, '@');
	if (at) {
		size_t voff = (size_t)(at - p) + 1;
		char *ver = decode(a, at + 1, end - voff, &bad);
		if (!ver)
			return say(err, errlen, "bad percent-encoding at position %zu", voff + bad + 1);
		out->version = ver;
		end = (size_t)(at - p);
	}
	/* name */
	if (name_from >= end)
		return say(err, errlen, "no name");
	char *name = decode(a, p + name_from, end - name_from, &bad);
	if (!name)
		return say(err, errlen, "bad percent-encoding at position %zu", name_from + bad + 1);
	if (!*name)
		return say(err, errlen, "no name");
	out->name = name;
	/* namespace */
	if (name_from > start) {
		char *ns = segments(a, p + start, name_from - 1 - start, false, &bad, start);
		if (!ns)
			return say(err, errlen, "bad namespace at position %zu", bad + 1);
		out->namespace_ = ns;
	}
	/* type-specific normalisation */
	static const char *const lower_both[] = { "bitbucket", "github", "npm", "composer", "hex",
	                                          "apk", "alpm", "luarocks", NULL };
	for (size_t i = 0; lower_both[i]; i++) {
		if (strcmp(type, lower_both[i]) == 0) {
			lower((char *)out->namespace_);
			lower(name);
		}
	}
	if (strcmp(type, "pypi") == 0) {
		lower(name);
		for (char *c = name; *c; c++)
			if (*c == '_')
				*c = '-';
	}
	if (strcmp(type, "maven") == 0 && !*out->namespace_)
		return say(err, errlen, "a Maven package URL needs a namespace (the group ID)");
	return 0;
}

const char *purl_qualifier(const struct purl *u, const char *key)
{
	for (size_t i = 0; i < u->n_qualifiers; i++)
		if (strcmp(u->qualifiers[i].key, key) == 0)
			return u->qualifiers[i].value;
	return NULL;
}

/* ---- the guess ---------------------------------------------------------------------- */

/* A CPE-style value: lower case, letters, digits, '.', '-' and '_' only (others become
 * '_', leading '@' dropped). */
static const char *cpe_value(struct arena *a, const char *s, size_t n)
{
	while (n && (*s == '@' || *s == '.' || *s == '-' || *s == '_')) {
		s++;
		n--;
	}
	char *out = arena_alloc(a, n + 1);
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' ||
		      c == '_'))
			c = '_';
		out[o++] = c;
	}
	out[o] = '\0';
	return out;
}

static void set(struct purl_guess *g, struct arena *a, const char *vendor, size_t vlen,
		const char *product, size_t plen, uint8_t confidence, const char *rule)
{
	g->vendor = cpe_value(a, vendor, vlen);
	g->product = cpe_value(a, product, plen);
	if (!*g->vendor || !*g->product) {
		g->vendor = g->product = "";
		return;
	}
	g->confidence = confidence;
	g->rule = rule;
}

/* Top-level domains and the like that begin reverse-DNS Maven group IDs. */
static bool reverse_dns_root(const char *s, size_t n)
{
	static const char *const roots[] = { "org", "com", "net", "io", "de", "fr", "uk", "jp",
	                                     "ch", "nl", "edu", "gov", "info", "biz", "me", "dev",
	                                     "app", "co", "eu", "it", "es", "be", "at", "se", "dk",
	                                     "no", "fi", "pl", "cz", "ru", "cn", "tw", "in", "br",
	                                     "au", "ca", "us", "ai", "cloud", "tech", NULL };
	for (size_t i = 0; roots[i]; i++)
		if (strlen(roots[i]) == n && memcmp(roots[i], s, n) == 0)
			return true;
	return false;
}

static void guess_maven(const struct purl *u, struct arena *a, struct purl_guess *g)
{
	const char *grp = u->namespace_;
	const char *dot = strchr(grp, '.');
	const char *vendor = grp;
	size_t vlen = strlen(grp);
	uint8_t conf = 20;
	const char *rule = "maven-group";
	if (dot && reverse_dns_root(grp, (size_t)(dot - grp))) {
		vendor = dot + 1;
		const char *dot2 = strchr(vendor, '.');
		vlen = dot2 ? (size_t)(dot2 - vendor) : strlen(vendor);
		conf = 40;
		rule = "maven-reverse-dns";
	} else if (dot) {
		vlen = (size_t)(dot - grp);
	}
	/* "log4j-core" is the core module of log4j, as NVD names it */
	const char *product = u->name;
	size_t plen = strlen(product);
	if (plen > 5 && strcasecmp(product + plen - 5, "-core") == 0) {
		plen -= 5;
		if (conf > 30)
			conf = 30;
		rule = "maven-reverse-dns-core";
	}
	set(g, a, vendor, vlen, product, plen, conf, rule);
}

/* golang: github.com/owner/repo[/sub]; golang.org/x/net. */
static void guess_golang(const struct purl *u, struct arena *a, struct purl_guess *g)
{
	const char *ns = u->namespace_;
	static const char *const forges[] = { "github.com/", "gitlab.com/", "bitbucket.org/", NULL };
	for (size_t i = 0; forges[i]; i++) {
		size_t k = strlen(forges[i]);
		if (strncasecmp(ns, forges[i], k) != 0)
			continue;
		const char *owner = ns + k;
		const char *sl = strchr(owner, '/');
		if (!sl) {
			set(g, a, owner, strlen(owner), u->name, strlen(u->name), 50, "golang-forge");
		} else {
			const char *repo = sl + 1;
			const char *sl2 = strchr(repo, '/');
			set(g, a, owner, (size_t)(sl - owner), repo, sl2 ? (size_t)(sl2 - repo) : strlen(repo),
			    50, "golang-forge");
		}
		return;
	}
	/* a vanity host: its registrable name ("golang" of golang.org) is the vendor */
	const char *host_end = strchr(ns, '/');
	size_t hlen = host_end ? (size_t)(host_end - ns) : strlen(ns);
	const char *last_dot = rfind(ns, hlen, '.');
	size_t vend_end = last_dot ? (size_t)(last_dot - ns) : hlen;
	const char *vstart = rfind(ns, vend_end, '.');
	const char *vendor = vstart ? vstart + 1 : ns;
	set(g, a, vendor, (size_t)(ns + vend_end - vendor), u->name, strlen(u->name), 20,
	    "golang-host");
}

void purl_guess_cpe(const struct purl *u, struct arena *a, struct purl_guess *g)
{
	g->vendor = g->product = g->rule = "";
	g->confidence = 0;
	const char *t = u->type;
	const char *n = u->name;
	size_t nl = strlen(n);
	const char *ns = u->namespace_;
	if (strcmp(t, "maven") == 0) {
		guess_maven(u, a, g);
	} else if (strcmp(t, "npm") == 0) {
		if (*ns)
			set(g, a, ns, strlen(ns), n, nl, 30, "npm-scope");
		else
			set(g, a, n, nl, n, nl, 40, "npm");
	} else if (strcmp(t, "pypi") == 0 || strcmp(t, "gem") == 0 || strcmp(t, "cargo") == 0) {
		set(g, a, n, nl, n, nl, 30, t);
	} else if (strcmp(t, "github") == 0 || strcmp(t, "bitbucket") == 0 ||
	           strcmp(t, "gitlab") == 0) {
		if (*ns && !strchr(ns, '/'))
			set(g, a, ns, strlen(ns), n, nl, 50, t);
	} else if (strcmp(t, "golang") == 0) {
		if (*ns)
			guess_golang(u, a, g);
	} else if (strcmp(t, "composer") == 0) {
		if (*ns)
			set(g, a, ns, strlen(ns), n, nl, 40, t);
	} else if (strcmp(t, "nuget") == 0) {
		const char *dot = strchr(n, '.');
		set(g, a, n, dot ? (size_t)(dot - n) : nl, n, nl, 30, t);
	} else if (strcmp(t, "deb") == 0 || strcmp(t, "rpm") == 0 || strcmp(t, "apk") == 0 ||
	           strcmp(t, "alpm") == 0) {
		set(g, a, n, nl, n, nl, 20, "os-package");
	} else if (strcmp(t, "hex") == 0 || strcmp(t, "pub") == 0 || strcmp(t, "cocoapods") == 0 ||
	           strcmp(t, "conan") == 0 || strcmp(t, "conda") == 0 || strcmp(t, "cran") == 0 ||
	           strcmp(t, "hackage") == 0 || strcmp(t, "swift") == 0) {
		set(g, a, n, nl, n, nl, 20, t);
	}
}
