/* CVE search. Free text is turned into an FTS phrase list (every word must appear), so no
 * user input is ever interpreted as full-text query syntax. */
#include "kb/cve_search.h"
#include "core/buf.h"
#include "core/clock.h"
#include "core/str.h"

#include <ctype.h>
#include <string.h>

static const char *const severities[] = { "CRITICAL", "HIGH", "MEDIUM", "LOW", "NONE" };

static bool cpe_word(const char *s)
{
	if (!*s || strlen(s) > 128)
		return false;
	for (const char *p = s; *p; p++)
		if (!(isalnum((unsigned char)*p) || strchr("_-.~+!\\", *p)))
			return false;
	return true;
}

static int parse_date(const char *s, int64_t *out)
{
	return clock_parse_iso8601(s, strlen(s), out) == 0 && strlen(s) == 10 ? 0 : -1;
}

enum err kb_cve_query_parse(struct kb_cve_query *q, const char *text, const char *vendor, const char *product,
			    const char *severity, const char *kev, const char *from, const char *to,
			    const char *page, const char *per_page, const char **bad_field)
{
	memset(q, 0, sizeof *q);
	q->published_from = q->published_to = -1;
	q->page = 1;
	q->per_page = 25;
	*bad_field = NULL;
#define BAD(f)                 \
	do {                   \
		*bad_field = f; \
		return ERR_INVALID; \
	} while (0)
	if (text && *text) {
		if (strlen(text) > 200)
			BAD("q");
		q->text = text;
	}
	if (vendor && *vendor) {
		if (!cpe_word(vendor))
			BAD("vendor");
		q->vendor = vendor;
	}
	if (product && *product) {
		if (!q->vendor || !cpe_word(product))
			BAD("product");
		q->product = product;
	}
	if (severity && *severity) {
		for (size_t i = 0; i < sizeof severities / sizeof severities[0]; i++)
			if (strcasecmp(severity, severities[i]) == 0)
				q->severity = severities[i];
		if (!q->severity)
			BAD("severity");
	}
	if (kev && *kev) {
		if (strcmp(kev, "1") && strcmp(kev, "true") && strcmp(kev, "on") && strcmp(kev, "0") && strcmp(kev, "false"))
			BAD("kev");
		q->kev_only = !strcmp(kev, "1") || !strcmp(kev, "true") || !strcmp(kev, "on");
	}
	if (from && *from && parse_date(from, &q->published_from) < 0)
		BAD("from");
	if (to && *to) {
		if (parse_date(to, &q->published_to) < 0)
			BAD("to");
		q->published_to += 86400; /* the "to" day is included */
	}
	if (page && *page && slice_to_i64(slice_of(page), 1, 1000000, &q->page) < 0)
		BAD("page");
	if (per_page && *per_page && slice_to_i64(slice_of(per_page), 1, KB_SEARCH_PER_PAGE_MAX, &q->per_page) < 0)
		BAD("per_page");
#undef BAD
	return ERR_OK;
}

/* "log4j remote code" → "\"log4j\" \"remote\" \"code\"" (every word, as a phrase). */
static const char *fts_phrases(struct arena *a, const char *text)
{
	struct buf b;
	buf_init(&b, 4096);
	const char *p = text;
	while (*p) {
		while (*p && (isspace((unsigned char)*p) || *p == '"'))
			p++;
		const char *start = p;
		while (*p && !isspace((unsigned char)*p) && *p != '"')
			p++;
		if (p > start) {
			if (b.len)
				buf_putc(&b, ' ');
			buf_putc(&b, '"');
			buf_append(&b, start, (size_t)(p - start));
			buf_putc(&b, '"');
		}
	}
	const char *out = b.len ? arena_strndup(a, b.data, b.len) : NULL;
	buf_free(&b);
	return out;
}

static void bind_query(struct db_stmt *s, const struct kb_cve_query *q, const char *text)
{
	db_bind_text(s, ":severity", q->severity);
	db_bind_int(s, ":kev_only", q->kev_only);
	if (q->published_from >= 0)
		db_bind_int(s, ":published_from", q->published_from);
	else
		db_bind_null(s, ":published_from");
	if (q->published_to >= 0)
		db_bind_int(s, ":published_to", q->published_to);
	else
		db_bind_null(s, ":published_to");
	db_bind_int(s, ":include_rejected", q->include_rejected);
	db_bind_text(s, ":vendor", q->vendor);
	db_bind_text(s, ":product", q->product);
	db_bind_text(s, ":text", text);
}

enum err kb_cve_search(struct db *db, struct arena *a, const struct kb_cve_query *q, struct val **out)
{
	const char *text = q->text ? fts_phrases(a, q->text) : NULL;
	if (q->text && !text)
		text = NULL;
	struct db_stmt *c = db_stmt(db, STMT_KB_CVE_SEARCH_COUNT);
	if (!c)
		return ERR_DB;
	bind_query(c, q, text);
	int64_t total = db_step(c) == DB_ROW ? db_col_int(c, 0) : -1;
	db_reset(c);
	if (total < 0)
		return ERR_DB;
	struct val *res = val_obj(a), *items = val_arr(a);
	val_set_int(a, res, "total", total);
	val_set_int(a, res, "page", q->page);
	val_set_int(a, res, "per_page", q->per_page);
	val_set(a, res, "items", items);
	struct db_stmt *s = db_stmt(db, STMT_KB_CVE_SEARCH);
	bind_query(s, q, text);
	db_bind_int(s, ":limit", q->per_page);
	db_bind_int(s, ":offset", (q->page - 1) * q->per_page);
	enum db_step_rc rc;
	while ((rc = db_step(s)) == DB_ROW) {
		struct val *o = val_obj(a);
		val_set_str(a, o, "id", db_col_text(s, 0));
		val_set_str(a, o, "published", db_col_text(s, 1));
		if (!db_col_null(s, 3)) {
			struct val *cvss = val_obj(a);
			val_set_str(a, cvss, "version", db_col_text(s, 2));
			val_set(a, cvss, "score", val_real(a, db_col_double(s, 3)));
			val_set_str(a, cvss, "severity", db_col_null(s, 4) ? NULL : db_col_text(s, 4));
			val_set(a, o, "cvss", cvss);
		} else {
			val_set(a, o, "cvss", val_null(a));
		}
		val_set_str(a, o, "description", db_col_text(s, 5));
		val_set_bool(a, o, "rejected", db_col_int(s, 6) != 0);
		val_set_bool(a, o, "kev", db_col_int(s, 7) != 0);
		val_set(a, o, "epss", db_col_null(s, 8) ? val_null(a) : val_real(a, db_col_double(s, 8)));
		val_push(a, items, o);
	}
	db_reset(s);
	*out = res;
	return rc == DB_DONE ? ERR_OK : ERR_DB;
}
