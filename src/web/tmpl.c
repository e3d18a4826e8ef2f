/* Template compiler and renderer. A template compiles to a flat node array where a
 * section node records where its body ends, so rendering is a loop plus recursion
 * only for sections and partials. */
#include "web/tmpl.h"
#include "core/alloc.h"
#include "core/embedded.h"
#include "core/log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum node_kind { N_TEXT, N_VAR, N_RAW, N_SECTION, N_INVERTED, N_PARTIAL, N_MSG, N_ASSET };

struct node {
	enum node_kind kind;
	const char *p;        /* text, name, key or path */
	size_t len;
	size_t end;           /* sections: index of the first node after the body */
	int line;
};

struct tmpl {
	char *name;
	char *text;           /* owned copy the nodes point into */
	struct node *nodes;
	size_t n;
};

struct tmpl_set {
	struct tmpl *items;
	size_t n, cap;
};

#define MAX_DEPTH 32

struct tmpl_set *tmpl_set_new(void)
{
	return xcalloc(1, sizeof(struct tmpl_set));
}

void tmpl_set_free(struct tmpl_set *set)
{
	if (!set)
		return;
	for (size_t i = 0; i < set->n; i++) {
		free(set->items[i].name);
		free(set->items[i].text);
		free(set->items[i].nodes);
	}
	free(set->items);
	free(set);
}

static const struct tmpl *find(const struct tmpl_set *set, const char *name, size_t len)
{
	for (size_t i = 0; i < set->n; i++)
		if (strncmp(set->items[i].name, name, len) == 0 && set->items[i].name[len] == '\0')
			return &set->items[i];
	return NULL;
}

int tmpl_exists(const struct tmpl_set *set, const char *name)
{
	return find(set, name, strlen(name)) != NULL;
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static void trim(const char **p, size_t *len)
{
	while (*len && is_space(**p)) {
		(*p)++;
		(*len)--;
	}
	while (*len && is_space((*p)[*len - 1]))
		(*len)--;
}

static int valid_name(const char *p, size_t len)
{
	if (len == 0)
		return 0;
	for (size_t i = 0; i < len; i++) {
		char c = p[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '_' || c == '.' || c == '-' || c == '/'))
			return 0;
	}
	return 1;
}

int tmpl_add(struct tmpl_set *set, const char *name, const char *src, size_t srclen, char *err,
	     size_t errlen)
{
	struct tmpl t = { .name = xstrdup(name), .text = xstrndup(src, srclen) };
	size_t cap = 64;
	t.nodes = xmalloc(cap * sizeof *t.nodes);
	size_t stack[MAX_DEPTH];
	int depth = 0, line = 1;
	const char *p = t.text, *end = t.text + srclen;
	while (p < end) {
		const char *open = NULL;
		for (const char *q = p; q + 1 < end; q++)
			if (q[0] == '{' && q[1] == '{') {
				open = q;
				break;
			}
		size_t textlen = (size_t)((open ? open : end) - p);
		if (t.n + 2 >= cap) {
			cap *= 2;
			t.nodes = xrealloc(t.nodes, cap * sizeof *t.nodes);
		}
		if (textlen) {
			t.nodes[t.n++] = (struct node){ N_TEXT, p, textlen, 0, line };
			for (size_t i = 0; i < textlen; i++)
				line += p[i] == '\n';
		}
		if (!open)
			break;
		int triple = open + 2 < end && open[2] == '{';
		const char *close = NULL;
		for (const char *q = open + 2; q + 1 < end; q++)
			if (q[0] == '}' && q[1] == '}') {
				close = q;
				break;
			}
		if (!close || (triple && (close + 2 >= end || close[2] != '}'))) {
			snprintf(err, errlen, "template %s line %d: unclosed {{", name, line);
			goto fail;
		}
		const char *tag = open + 2 + triple;
		size_t taglen = (size_t)(close - tag);
		for (size_t i = 0; i < taglen; i++)
			line += tag[i] == '\n';
		p = close + 2 + triple;
		trim(&tag, &taglen);
		if (taglen == 0) {
			snprintf(err, errlen, "template %s line %d: empty tag", name, line);
			goto fail;
		}
		char sigil = tag[0];
		struct node nd = { .line = line };
		if (triple) {
			nd.kind = N_RAW;
			nd.p = tag;
			nd.len = taglen;
		} else if (sigil == '!') {
			continue;
		} else if (sigil == '#' || sigil == '^' || sigil == '/' || sigil == '>') {
			nd.p = tag + 1;
			nd.len = taglen - 1;
			trim(&nd.p, &nd.len);
			nd.kind = sigil == '#' ? N_SECTION : sigil == '^' ? N_INVERTED : N_PARTIAL;
			if (sigil == '/') {
				if (depth == 0) {
					snprintf(err, errlen, "template %s line %d: {{/%.*s}} closes nothing", name,
						 line, (int)nd.len, nd.p);
					goto fail;
				}
				struct node *sec = &t.nodes[stack[--depth]];
				if (sec->len != nd.len || memcmp(sec->p, nd.p, nd.len) != 0) {
					snprintf(err, errlen, "template %s line %d: {{/%.*s}} closes {{#%.*s}} of line %d",
						 name, line, (int)nd.len, nd.p, (int)sec->len, sec->p, sec->line);
					goto fail;
				}
				sec->end = t.n;
				continue;
			}
		} else if (taglen > 2 && tag[0] == 't' && tag[1] == ' ') {
			nd.kind = N_MSG;
			nd.p = tag + 2;
			nd.len = taglen - 2;
			trim(&nd.p, &nd.len);
		} else if (taglen > 6 && memcmp(tag, "asset ", 6) == 0) {
			nd.kind = N_ASSET;
			nd.p = tag + 6;
			nd.len = taglen - 6;
			trim(&nd.p, &nd.len);
		} else {
			nd.kind = N_VAR;
			nd.p = tag;
			nd.len = taglen;
		}
		if (!valid_name(nd.p, nd.len)) {
			snprintf(err, errlen, "template %s line %d: \"%.*s\" is not a valid name", name, line,
				 (int)nd.len, nd.p);
			goto fail;
		}
		if (nd.kind == N_SECTION || nd.kind == N_INVERTED) {
			if (depth == MAX_DEPTH) {
				snprintf(err, errlen, "template %s line %d: sections nested too deeply", name, line);
				goto fail;
			}
			stack[depth++] = t.n;
		}
		t.nodes[t.n++] = nd;
	}
	if (depth) {
		struct node *sec = &t.nodes[stack[depth - 1]];
		snprintf(err, errlen, "template %s: {{#%.*s}} of line %d is never closed", name, (int)sec->len,
			 sec->p, sec->line);
		goto fail;
	}
	if (set->n == set->cap) {
		set->cap = set->cap ? set->cap * 2 : 16;
		set->items = xrealloc(set->items, set->cap * sizeof *set->items);
	}
	set->items[set->n++] = t;
	return 0;
fail:
	free(t.name);
	free(t.text);
	free(t.nodes);
	return -1;
}

int tmpl_check(const struct tmpl_set *set, char *err, size_t errlen)
{
	for (size_t i = 0; i < set->n; i++) {
		const struct tmpl *t = &set->items[i];
		for (size_t j = 0; j < t->n; j++) {
			const struct node *nd = &t->nodes[j];
			if (nd->kind == N_PARTIAL && !find(set, nd->p, nd->len)) {
				snprintf(err, errlen, "template %s line %d: no template %.*s", t->name, nd->line,
					 (int)nd->len, nd->p);
				return -1;
			}
			if (nd->kind == N_MSG) {
				for (int l = 0; l < LANG__MAX; l++) {
					if (!i18n_lookup((enum lang)l, nd->p, nd->len)) {
						snprintf(err, errlen, "template %s line %d: message %.*s missing from %s",
							 t->name, nd->line, (int)nd->len, nd->p, lang_code((enum lang)l));
						return -1;
					}
				}
			}
		}
	}
	return 0;
}

int tmpl_load_embedded(struct tmpl_set *set, char *err, size_t errlen)
{
	for (unsigned long i = 0; i < embedded_count; i++) {
		const char *n = embedded_files[i].name;
		size_t len = strlen(n);
		if (strncmp(n, "templates/", 10) != 0 || len < 16 || strcmp(n + len - 5, ".html") != 0)
			continue;
		char name[128];
		snprintf(name, sizeof name, "%.*s", (int)(len - 15), n + 10);
		if (tmpl_add(set, name, (const char *)embedded_files[i].data, embedded_files[i].len, err,
			     errlen) < 0)
			return -1;
	}
	return tmpl_check(set, err, errlen);
}

void html_escape(struct buf *out, const char *s, size_t len)
{
	size_t start = 0;
	for (size_t i = 0; i < len; i++) {
		const char *rep;
		switch (s[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: continue;
		}
		buf_append(out, s + start, i - start);
		buf_puts(out, rep);
		start = i + 1;
	}
	buf_append(out, s + start, len - start);
}

/* ---- rendering ---- */

struct ctx {
	const struct tmpl_set *set;
	const struct tmpl_env *env;
	const struct val *stack[MAX_DEPTH * 2];
	int depth;
	int partial_depth;
	struct buf *out;
};

/* Resolves "a.b.c": the first segment is looked up from the innermost context outwards. */
static const struct val *resolve(const struct ctx *c, const char *p, size_t len)
{
	if (len == 1 && p[0] == '.')
		return c->stack[c->depth - 1];
	const char *dot = memchr(p, '.', len);
	size_t first = dot ? (size_t)(dot - p) : len;
	const struct val *v = NULL;
	for (int i = c->depth - 1; i >= 0 && !v; i--)
		v = val_getn(c->stack[i], p, first);
	while (v && dot) {
		const char *seg = dot + 1;
		size_t rest = len - (size_t)(seg - p);
		dot = memchr(seg, '.', rest);
		size_t seglen = dot ? (size_t)(dot - seg) : rest;
		v = val_getn(v, seg, seglen);
	}
	return v;
}

static void write_value(struct buf *out, const struct val *v, int escape)
{
	char num[64];
	const char *s = NULL;
	size_t n = 0;
	if (!v)
		return;
	switch (v->kind) {
	case VAL_STR: s = v->u.s.p; n = v->u.s.len; break;
	case VAL_INT: n = (size_t)snprintf(num, sizeof num, "%lld", (long long)v->u.i); s = num; break;
	case VAL_REAL: n = (size_t)snprintf(num, sizeof num, "%g", v->u.d); s = num; break;
	case VAL_BOOL: s = v->u.b ? "true" : "false"; n = strlen(s); break;
	default: return;
	}
	if (escape)
		html_escape(out, s, n);
	else
		buf_append(out, s, n);
}

static int render_range(struct ctx *c, const struct tmpl *t, size_t from, size_t to);

static int render_section(struct ctx *c, const struct tmpl *t, size_t i)
{
	const struct node *nd = &t->nodes[i];
	const struct val *v = resolve(c, nd->p, nd->len);
	if (nd->kind == N_INVERTED) {
		if (!val_truthy(v))
			return render_range(c, t, i + 1, nd->end);
		return 0;
	}
	if (!val_truthy(v))
		return 0;
	if (c->depth >= (int)(sizeof c->stack / sizeof c->stack[0]))
		return -1;
	if (v->kind == VAL_ARR) {
		for (size_t k = 0; k < v->u.a.n; k++) {
			c->stack[c->depth++] = v->u.a.items[k];
			int rc = render_range(c, t, i + 1, nd->end);
			c->depth--;
			if (rc < 0)
				return rc;
		}
		return 0;
	}
	if (v->kind == VAL_OBJ) {
		c->stack[c->depth++] = v;
		int rc = render_range(c, t, i + 1, nd->end);
		c->depth--;
		return rc;
	}
	return render_range(c, t, i + 1, nd->end);
}

static int render_range(struct ctx *c, const struct tmpl *t, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++) {
		const struct node *nd = &t->nodes[i];
		switch (nd->kind) {
		case N_TEXT:
			buf_append(c->out, nd->p, nd->len);
			break;
		case N_VAR:
		case N_RAW:
			write_value(c->out, resolve(c, nd->p, nd->len), nd->kind == N_VAR);
			break;
		case N_SECTION:
		case N_INVERTED:
			if (render_section(c, t, i) < 0)
				return -1;
			i = nd->end - 1;
			break;
		case N_PARTIAL: {
			const struct tmpl *pt = find(c->set, nd->p, nd->len);
			if (!pt || c->partial_depth >= MAX_DEPTH)
				return -1;
			c->partial_depth++;
			int rc = render_range(c, pt, 0, pt->n);
			c->partial_depth--;
			if (rc < 0)
				return rc;
			break;
		}
		case N_MSG: {
			const char *m = i18n_lookup(c->env->lang, nd->p, nd->len);
			if (m)
				html_escape(c->out, m, strlen(m));
			else
				html_escape(c->out, nd->p, nd->len);
			break;
		}
		case N_ASSET: {
			const char *url = c->env->asset_url ? c->env->asset_url(nd->p, nd->len) : NULL;
			if (url)
				html_escape(c->out, url, strlen(url));
			else
				html_escape(c->out, nd->p, nd->len);
			break;
		}
		}
	}
	return 0;
}

int tmpl_render(const struct tmpl_set *set, const char *name, const struct val *ctx,
		const struct tmpl_env *env, struct buf *out)
{
	const struct tmpl *t = find(set, name, strlen(name));
	if (!t) {
		log_error("template %s does not exist", name);
		return -1;
	}
	struct ctx c = { .set = set, .env = env, .out = out };
	c.stack[c.depth++] = ctx;
	int rc = render_range(&c, t, 0, t->n);
	return rc < 0 || out->overflow ? -1 : 0;
}
