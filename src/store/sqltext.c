/* SQL text rewrites for the engines: parameter numbering for libpq, the type rewrite that
 * lets one migration file serve SQLite STRICT tables and PostgreSQL, engine blocks. */
#include "store/sqltext.h"
#include "core/alloc.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void sql_params_free(struct sql_params *p)
{
	for (int i = 0; i < p->n; i++)
		free(p->names[i]);
	free(p->names);
	p->names = NULL;
	p->n = 0;
}

static bool ident_start(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static bool ident_char(char c)
{
	return ident_start(c) || (c >= '0' && c <= '9');
}

/* End (exclusive) of the literal, quoted identifier or comment starting at i, or 0 when
 * none starts there; -1 in *bad when it is not terminated. */
static size_t skip_opaque(const char *s, size_t len, size_t i, int *bad)
{
	char c = s[i];
	if (c == '\'' || c == '"') {
		for (size_t j = i + 1; j < len; j++) {
			if (s[j] == c) {
				if (j + 1 < len && s[j + 1] == c) {
					j++; /* doubled quote inside */
					continue;
				}
				return j + 1;
			}
		}
		*bad = 1;
		return len;
	}
	if (c == '-' && i + 1 < len && s[i + 1] == '-') {
		size_t j = i + 2;
		while (j < len && s[j] != '\n')
			j++;
		return j;
	}
	if (c == '/' && i + 1 < len && s[i + 1] == '*') {
		for (size_t j = i + 2; j + 1 < len; j++)
			if (s[j] == '*' && s[j + 1] == '/')
				return j + 2;
		*bad = 1;
		return len;
	}
	return 0;
}

int sql_number_params(const char *sql, struct buf *out, struct sql_params *params, char *err, size_t errlen)
{
	size_t len = strlen(sql);
	params->names = NULL;
	params->n = 0;
	int cap = 0;
	for (size_t i = 0; i < len;) {
		int bad = 0;
		size_t end = skip_opaque(sql, len, i, &bad);
		if (bad) {
			snprintf(err, errlen, "unterminated quote or comment at offset %zu", i);
			goto fail;
		}
		if (end) {
			buf_append(out, sql + i, end - i);
			i = end;
			continue;
		}
		char c = sql[i];
		if (c == ':' && i + 1 < len && sql[i + 1] == ':') {
			snprintf(err, errlen, "\"::\" at offset %zu: write CAST(x AS type), which both engines read", i);
			goto fail;
		}
		if (c == ':' && i + 1 < len && ident_start(sql[i + 1])) {
			size_t j = i + 1;
			while (j < len && ident_char(sql[j]))
				j++;
			int k = 0;
			while (k < params->n && !(strlen(params->names[k]) == j - i &&
						  memcmp(params->names[k], sql + i, j - i) == 0))
				k++;
			if (k == params->n) {
				if (params->n == cap) {
					cap = cap ? cap * 2 : 8;
					params->names = xrealloc(params->names, (size_t)cap * sizeof *params->names);
				}
				params->names[params->n++] = xstrndup(sql + i, j - i);
			}
			buf_printf(out, "$%d", k + 1);
			i = j;
			continue;
		}
		if (c == '?' || c == '$' || c == '`' || (c == '@' && i + 1 < len && ident_start(sql[i + 1]))) {
			snprintf(err, errlen, "'%c' at offset %zu: parameters are written :name, identifiers \"quoted\"", c, i);
			goto fail;
		}
		buf_putc(out, c);
		i++;
	}
	return 0;
fail:
	sql_params_free(params);
	return -1;
}

/* ---- the PostgreSQL rewrite of shared DDL ---- */

enum tok_kind { T_SPACE, T_OPAQUE, T_WORD, T_PUNCT };

struct tok {
	enum tok_kind kind;
	size_t start, len;
};

static size_t tokenize(const char *s, size_t len, struct tok **out)
{
	size_t n = 0, cap = 64;
	struct tok *t = xmalloc(cap * sizeof *t);
	for (size_t i = 0; i < len;) {
		if (n == cap) {
			cap *= 2;
			t = xrealloc(t, cap * sizeof *t);
		}
		int bad = 0;
		size_t end = skip_opaque(s, len, i, &bad);
		enum tok_kind k;
		if (end) {
			k = T_OPAQUE;
		} else if (isspace((unsigned char)s[i])) {
			end = i + 1;
			while (end < len && isspace((unsigned char)s[end]))
				end++;
			k = T_SPACE;
		} else if (ident_start(s[i])) {
			end = i + 1;
			while (end < len && ident_char(s[end]))
				end++;
			k = T_WORD;
		} else {
			end = i + 1;
			k = T_PUNCT;
		}
		t[n++] = (struct tok){ k, i, end - i };
		i = end;
	}
	*out = t;
	return n;
}

static bool word_is(const char *s, const struct tok *t, const char *w)
{
	return t->kind == T_WORD && strlen(w) == t->len && strncasecmp(s + t->start, w, t->len) == 0;
}

/* Index of the next token after i that is neither space nor comment (n when none). A
 * string literal counts: it is significant. */
static size_t next_sig(const char *s, const struct tok *t, size_t n, size_t i)
{
	for (i++; i < n; i++) {
		if (t[i].kind == T_SPACE)
			continue;
		if (t[i].kind == T_OPAQUE && (s[t[i].start] == '-' || s[t[i].start] == '/'))
			continue;
		return i;
	}
	return n;
}

static bool table_option_at(const char *s, const struct tok *t, size_t n, size_t i)
{
	if (i >= n)
		return false;
	if (word_is(s, &t[i], "STRICT"))
		return true;
	size_t j = next_sig(s, t, n, i);
	return word_is(s, &t[i], "WITHOUT") && j < n && word_is(s, &t[j], "ROWID");
}

void sql_pg_ddl(const char *sql, size_t len, struct buf *out)
{
	struct tok *t;
	size_t n = tokenize(sql, len, &t);
	size_t prev = n;          /* previous significant token */
	bool options = false;     /* inside the table options after a closing parenthesis */
	for (size_t i = 0; i < n; i++) {
		const struct tok *k = &t[i];
		const char *text = sql + k->start;
		bool sig = k->kind == T_WORD || k->kind == T_PUNCT ||
			   (k->kind == T_OPAQUE && text[0] != '-' && text[0] != '/');
		if (!sig) {
			buf_append(out, text, k->len);
			continue;
		}
		size_t nx = next_sig(sql, t, n, i);
		bool after_paren = prev < n && t[prev].kind == T_PUNCT && sql[t[prev].start] == ')';
		if ((after_paren || options) && table_option_at(sql, t, n, i)) {
			options = true;
			if (word_is(sql, k, "WITHOUT"))
				i = nx; /* ROWID too */
			prev = i;
			continue;
		}
		if (options && k->kind == T_PUNCT && text[0] == ',' && table_option_at(sql, t, n, nx)) {
			prev = i;
			continue;
		}
		options = false;
		if (word_is(sql, k, "INTEGER") || word_is(sql, k, "INT")) {
			size_t k2 = nx < n ? next_sig(sql, t, n, nx) : n;
			if (nx < n && k2 < n && word_is(sql, &t[nx], "PRIMARY") && word_is(sql, &t[k2], "KEY"))
				buf_puts(out, "BIGINT GENERATED BY DEFAULT AS IDENTITY");
			else
				buf_puts(out, "BIGINT");
		} else if (word_is(sql, k, "REAL")) {
			buf_puts(out, "DOUBLE PRECISION");
		} else if (word_is(sql, k, "BLOB")) {
			buf_puts(out, "BYTEA");
		} else if (word_is(sql, k, "AUTOINCREMENT")) {
			/* identity columns never reuse values: nothing to say */
		} else {
			buf_append(out, text, k->len);
		}
		prev = i;
	}
	free(t);
}

/* ---- engine blocks ---- */

enum block { B_BOTH, B_SQLITE, B_POSTGRES };

static int marker(const char *line, size_t n)
{
	while (n && isspace((unsigned char)line[n - 1]))
		n--;
	while (n && isspace((unsigned char)*line)) {
		line++;
		n--;
	}
	static const char *const names[] = { "-- vans:end", "-- vans:sqlite", "-- vans:postgres" };
	for (int i = 0; i < 3; i++)
		if (n == strlen(names[i]) && memcmp(line, names[i], n) == 0)
			return i;
	return -1;
}

int sql_migration_for(const char *sql, const char *engine, struct buf *out, char *err, size_t errlen)
{
	bool pg = strcmp(engine, "postgres") == 0;
	enum block cur = B_BOTH;
	struct buf shared;      /* shared lines waiting for the PostgreSQL rewrite */
	buf_init(&shared, 0);
	int lineno = 0, rc = 0;
	for (const char *p = sql; *p;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) + 1 : strlen(p);
		lineno++;
		int m = marker(p, nl ? (size_t)(nl - p) : n);
		if (m >= 0) {
			if ((m == 0) == (cur == B_BOTH)) {
				snprintf(err, errlen, "line %d: %s", lineno,
					 m == 0 ? "-- vans:end without a block to end" : "engine blocks do not nest");
				rc = -1;
				break;
			}
			if (pg && cur == B_BOTH) {
				sql_pg_ddl(shared.data ? shared.data : "", shared.len, out);
				buf_reset(&shared);
			}
			cur = m == 0 ? B_BOTH : m == 1 ? B_SQLITE : B_POSTGRES;
			buf_putc(out, '\n');
		} else if (cur == B_BOTH) {
			buf_append(pg ? &shared : out, p, n);
		} else if ((cur == B_POSTGRES) == pg) {
			buf_append(out, p, n);
		} else {
			buf_putc(out, '\n');
		}
		p += n;
	}
	if (rc == 0 && cur != B_BOTH) {
		snprintf(err, errlen, "an engine block is not closed with -- vans:end");
		rc = -1;
	}
	if (rc == 0 && pg)
		sql_pg_ddl(shared.data ? shared.data : "", shared.len, out);
	buf_free(&shared);
	return rc;
}
