/* CISA KEV catalogue reader: bytes from a feed input (plain, gzip or zip), JSON through
 * the streaming parser of core/json_stream.h, CSV through an RFC 4180 state machine, both
 * building one entry at a time in an arena that is reset after each callback, so memory
 * stays flat whatever the catalogue's size. */
#include "kb/kev_reader.h"

#include "core/alloc.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/json_stream.h"
#include "kb/feed_input.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_COLUMNS 64
#define MAX_RECORD_BYTES (1024 * 1024)
#define MAX_SKIP_DEPTH 64

/* The fields of an entry, in the CSV's and JSON's own names. */
enum field {
	F_CVE_ID,
	F_VENDOR,
	F_PRODUCT,
	F_NAME,
	F_DATE_ADDED,
	F_DESCRIPTION,
	F_ACTION,
	F_DUE_DATE,
	F_RANSOMWARE,
	F_NOTES,
	F_CWES,
	F__MAX
};

static const char *const field_names[F__MAX] = {
	"cveID", "vendorProject", "product", "vulnerabilityName", "dateAdded",
	"shortDescription", "requiredAction", "dueDate", "knownRansomwareCampaignUse",
	"notes", "cwes",
};

/* Required by CISA's schema; the others may be missing. */
static const bool field_required[F__MAX] = {
	[F_CVE_ID] = true, [F_VENDOR] = true, [F_PRODUCT] = true, [F_NAME] = true,
	[F_DATE_ADDED] = true, [F_DESCRIPTION] = true, [F_ACTION] = true, [F_DUE_DATE] = true,
};

static int field_by_name(const char *p, size_t len)
{
	for (int i = 0; i < F__MAX; i++)
		if (strlen(field_names[i]) == len && memcmp(field_names[i], p, len) == 0)
			return i;
	return -1;
}

struct reader {
	const char *name;
	struct feed_input *in;
	kev_entry_cb cb;
	void *ctx;
	struct kev_catalog *cat;         /* the caller's, or local_cat: never NULL */
	struct kev_catalog local_cat;
	char *err;
	size_t errlen;
	int rc;                          /* first error or the callback's value */

	struct arena arena;              /* the current entry's strings */
	const char *val[F__MAX];
	const char *cwes[KEV_MAX_CWES];
	size_t n_cwes;
	unsigned seen;                   /* bit per field: duplicate keys are errors */
	size_t index;
	size_t line;

	/* position, for messages: lines counted lazily over the current chunk */
	const unsigned char *chunk;
	size_t chunk_scanned;
	size_t cur_line;
};

static int fail(struct reader *r, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int fail(struct reader *r, int code, const char *fmt, ...)
{
	if (r->rc)
		return r->rc;
	r->rc = code;
	if (r->errlen) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(r->err, r->errlen, fmt, ap);
		va_end(ap);
	}
	return code;
}

static void entry_reset(struct reader *r)
{
	arena_reset(&r->arena);
	for (int i = 0; i < F__MAX; i++)
		r->val[i] = NULL;
	r->n_cwes = 0;
	r->seen = 0;
}

static bool is_digits(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] < '0' || p[i] > '9')
			return false;
	return true;
}

static bool valid_cve_id(const char *s)
{
	size_t n = strlen(s);
	return n >= 13 && n <= 28 && memcmp(s, "CVE-", 4) == 0 && is_digits(s + 4, 4) &&
	       s[8] == '-' && is_digits(s + 9, n - 9);
}

static bool valid_cwe(const char *s, size_t n)
{
	return n > 4 && n <= 16 && memcmp(s, "CWE-", 4) == 0 && is_digits(s + 4, n - 4);
}

/* YYYY-MM-DD naming a real day (the clock parser lets 2025-02-30 through). */
static int parse_date(const char *s, int64_t *out)
{
	static const int mdays[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (strlen(s) != 10 || !is_digits(s, 4) || s[4] != '-' || !is_digits(s + 5, 2) ||
	    s[7] != '-' || !is_digits(s + 8, 2))
		return -1;
	int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	int m = (s[5] - '0') * 10 + (s[6] - '0');
	int d = (s[8] - '0') * 10 + (s[9] - '0');
	if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return -1;
	if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return -1;
	return clock_parse_iso8601(s, 10, out);
}

static int add_cwe(struct reader *r, const char *p, size_t n)
{
	if (!valid_cwe(p, n))
		return fail(r, ERR_INVALID, "%s:%zu: entry %zu: cwes: \"%.*s\" is not CWE-<number>",
		            r->name, r->line, r->index, (int)(n < 40 ? n : 40), p);
	if (r->n_cwes == KEV_MAX_CWES)
		return fail(r, ERR_TOO_LARGE, "%s:%zu: entry %zu: more than %d CWEs", r->name,
		            r->line, r->index, KEV_MAX_CWES);
	r->cwes[r->n_cwes++] = arena_strndup(&r->arena, p, n);
	return 0;
}

/* Checks the entry and hands it to the callback. */
static int entry_deliver(struct reader *r)
{
	struct kev_entry e;
	for (int i = 0; i < F__MAX; i++) {
		if (i == F_CWES)
			continue;
		if (!r->val[i] && field_required[i])
			return fail(r, ERR_INVALID, "%s:%zu: entry %zu: %s is missing", r->name, r->line,
			            r->index, field_names[i]);
	}
	const char *cve = r->val[F_CVE_ID];
	if (!valid_cve_id(cve))
		return fail(r, ERR_INVALID, "%s:%zu: entry %zu: cveID \"%.40s\" is not CVE-YYYY-NNNN",
		            r->name, r->line, r->index, cve);
	if (parse_date(r->val[F_DATE_ADDED], &e.date_added_unix))
		return fail(r, ERR_INVALID, "%s:%zu: entry %zu (%s): dateAdded \"%.40s\" is not YYYY-MM-DD",
		            r->name, r->line, r->index, cve, r->val[F_DATE_ADDED]);
	if (parse_date(r->val[F_DUE_DATE], &e.due_date_unix))
		return fail(r, ERR_INVALID, "%s:%zu: entry %zu (%s): dueDate \"%.40s\" is not YYYY-MM-DD",
		            r->name, r->line, r->index, cve, r->val[F_DUE_DATE]);
	if (r->index > KEV_MAX_ENTRIES)
		return fail(r, ERR_TOO_LARGE, "%s:%zu: more than %d entries", r->name, r->line,
		            KEV_MAX_ENTRIES);
	e.cve_id = cve;
	e.vendor_project = r->val[F_VENDOR];
	e.product = r->val[F_PRODUCT];
	e.vulnerability_name = r->val[F_NAME];
	e.date_added = r->val[F_DATE_ADDED];
	e.short_description = r->val[F_DESCRIPTION];
	e.required_action = r->val[F_ACTION];
	e.due_date = r->val[F_DUE_DATE];
	e.known_ransomware = r->val[F_RANSOMWARE] ? r->val[F_RANSOMWARE] : "";
	e.notes = r->val[F_NOTES] ? r->val[F_NOTES] : "";
	for (size_t i = 0; i < r->n_cwes; i++)
		e.cwes[i] = r->cwes[i];
	e.n_cwes = r->n_cwes;
	e.ransomware_known = strcmp(e.known_ransomware, "Known") == 0;
	e.index = r->index;
	e.line = r->line;
	int rc = r->cb ? r->cb(r->ctx, &e) : 0;
	if (rc) {
		r->rc = rc;
		if (r->errlen)
			snprintf(r->err, r->errlen, "%s:%zu: stopped by the caller at entry %zu (%s)",
			         r->name, r->line, r->index, cve);
		return rc;
	}
	r->cat->entries++;
	entry_reset(r);
	return 0;
}

/* ---- JSON ---- */

enum jstate {
	J_START,      /* before the root object */
	J_ROOT,       /* in the root object */
	J_VULNS,      /* in the "vulnerabilities" array */
	J_ENTRY,      /* in an entry object */
	J_CWES,       /* in an entry's "cwes" array */
	J_END,        /* after the root object */
};

enum rootkey { RK_NONE, RK_TITLE, RK_VERSION, RK_RELEASED, RK_COUNT, RK_VULNS, RK_SKIP };

struct jreader {
	struct reader *r;
	struct json_stream *js;
	enum jstate state;
	enum rootkey rootkey;
	int key;                 /* field of the entry's current key, -1 unknown, -2 none */
	int skip_depth;          /* > 0 while skipping an unknown key's object or array */
	enum jstate skip_return;
	bool root_seen_vulns;
};

/* Line of the token the parser has just lexed: json_stream_consumed() is the offset in
 * the current chunk while a handler runs. */
static size_t jline(struct jreader *j)
{
	struct reader *r = j->r;
	size_t upto = json_stream_consumed(j->js);
	for (; r->chunk_scanned < upto; r->chunk_scanned++)
		if (r->chunk[r->chunk_scanned] == '\n')
			r->cur_line++;
	return r->cur_line;
}

/* found: what stood where it must not ("a number", "an object", …) */
static int jfail_type(struct jreader *j, const char *found)
{
	struct reader *r = j->r;
	if (j->state == J_CWES)
		fail(r, ERR_INVALID, "%s:%zu: entry %zu: cwes: unexpected %s (want strings)", r->name,
		     jline(j), r->index, found);
	else if (j->state == J_ENTRY)
		fail(r, ERR_INVALID, "%s:%zu: entry %zu: %s: unexpected %s", r->name, jline(j),
		     r->index, j->key >= 0 ? field_names[j->key] : "?", found);
	else
		fail(r, ERR_INVALID, "%s:%zu: unexpected %s", r->name, jline(j), found);
	return 0;
}

/* A value (scalar or container start) where a skipped key's value goes. */
static bool skipping(struct jreader *j)
{
	return j->skip_depth > 0;
}

static int skip_value(struct jreader *j, bool container)
{
	if (container) {
		if (j->skip_depth == 0)
			j->skip_return = j->state;
		if (++j->skip_depth > MAX_SKIP_DEPTH) {
			fail(j->r, ERR_TOO_LARGE, "%s:%zu: nesting deeper than %d", j->r->name, jline(j),
			     MAX_SKIP_DEPTH);
			return 0;
		}
	}
	return 1;
}

static int set_catalog_string(struct jreader *j, char *dst, size_t dstlen, const char *s,
                              size_t len, const char *key)
{
	struct reader *r = j->r;
	if (len >= dstlen) {
		fail(r, ERR_TOO_LARGE, "%s:%zu: %s longer than %zu bytes", r->name, jline(j), key,
		     dstlen - 1);
		return 0;
	}
	if (memchr(s, '\0', len)) {
		fail(r, ERR_INVALID, "%s:%zu: %s contains a NUL", r->name, jline(j), key);
		return 0;
	}
	memcpy(dst, s, len);
	dst[len] = '\0';
	return 1;
}

static int j_string(void *ctx, const unsigned char *sv, size_t len)
{
	struct jreader *j = ctx;
	struct reader *r = j->r;
	const char *s = (const char *)sv;
	if (skipping(j))
		return 1;
	switch (j->state) {
	case J_ROOT:
		if (j->rootkey == RK_SKIP || j->rootkey == RK_NONE)
			return 1;
		if (j->rootkey == RK_TITLE)
			return set_catalog_string(j, r->cat->title, sizeof(r->cat->title), s, len, "title");
		if (j->rootkey == RK_VERSION)
			return set_catalog_string(j, r->cat->catalog_version,
			                          sizeof(r->cat->catalog_version), s, len, "catalogVersion");
		if (j->rootkey == RK_RELEASED) {
			if (!set_catalog_string(j, r->cat->date_released, sizeof(r->cat->date_released), s,
			                        len, "dateReleased"))
				return 0;
			if (clock_parse_iso8601(s, len, &r->cat->date_released_unix))
				return fail(r, ERR_INVALID, "%s:%zu: dateReleased \"%s\" is not a date-time",
				            r->name, jline(j), r->cat->date_released), 0;
			return 1;
		}
		return jfail_type(j, "string");
	case J_ENTRY:
		if (j->key < 0)
			return 1;
		if (j->key == F_CWES)
			return jfail_type(j, "string (cwes is an array)");
		if (len > KEV_MAX_FIELD)
			return fail(r, ERR_TOO_LARGE, "%s:%zu: entry %zu: %s longer than %d bytes", r->name,
			            jline(j), r->index, field_names[j->key], KEV_MAX_FIELD), 0;
		if (memchr(s, '\0', len))
			return fail(r, ERR_INVALID, "%s:%zu: entry %zu: %s contains a NUL", r->name,
			            jline(j), r->index, field_names[j->key]), 0;
		r->val[j->key] = arena_strndup(&r->arena, s, len);
		return 1;
	case J_CWES:
		return add_cwe(r, s, len) == 0;
	default:
		return jfail_type(j, "string");
	}
}

static int j_scalar(struct jreader *j, const char *what)
{
	if (skipping(j))
		return 1;
	if (j->state == J_ROOT && (j->rootkey == RK_SKIP || j->rootkey == RK_NONE))
		return 1;
	if (j->state == J_ENTRY && j->key < 0)
		return 1;
	return jfail_type(j, what);
}

static int j_null(void *ctx)
{
	struct jreader *j = ctx;
	/* null stands for a missing value: CISA's schema has none, other producers may */
	if (!skipping(j) && j->state == J_ENTRY)
		return 1;
	return j_scalar(j, "null");
}

static int j_bool(void *ctx, int b)
{
	(void)b;
	return j_scalar(ctx, "boolean");
}

static int j_integer(void *ctx, long long v)
{
	struct jreader *j = ctx;
	if (!skipping(j) && j->state == J_ROOT && j->rootkey == RK_COUNT) {
		if (v < 0)
			return jfail_type(j, "negative count");
		j->r->cat->count = v;
		return 1;
	}
	return j_scalar(j, "number");
}

static int j_double(void *ctx, double v)
{
	(void)v;
	return j_scalar(ctx, "number");
}

static int j_map_key(void *ctx, const unsigned char *k, size_t len)
{
	struct jreader *j = ctx;
	struct reader *r = j->r;
	const char *key = (const char *)k;
	if (skipping(j))
		return 1;
	if (j->state == J_ROOT) {
		static const struct { const char *name; enum rootkey k; } keys[] = {
			{ "title", RK_TITLE }, { "catalogVersion", RK_VERSION },
			{ "dateReleased", RK_RELEASED }, { "count", RK_COUNT },
			{ "vulnerabilities", RK_VULNS },
		};
		j->rootkey = RK_SKIP;
		for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
			if (strlen(keys[i].name) == len && memcmp(keys[i].name, key, len) == 0)
				j->rootkey = keys[i].k;
		return 1;
	}
	if (j->state == J_ENTRY) {
		j->key = field_by_name(key, len);
		if (j->key >= 0) {
			if (r->seen & (1u << j->key))
				return fail(r, ERR_INVALID, "%s:%zu: entry %zu: duplicate key %s", r->name,
				            jline(j), r->index, field_names[j->key]), 0;
			r->seen |= 1u << j->key;
		}
		return 1;
	}
	return 1;
}

static int j_start_map(void *ctx)
{
	struct jreader *j = ctx;
	struct reader *r = j->r;
	if (skipping(j))
		return skip_value(j, true);
	switch (j->state) {
	case J_START:
		j->state = J_ROOT;
		j->rootkey = RK_NONE;
		return 1;
	case J_VULNS:
		r->index++;
		r->line = jline(j);
		entry_reset(r);
		j->key = -2;
		j->state = J_ENTRY;
		return 1;
	case J_ROOT:
		if (j->rootkey == RK_SKIP)
			return skip_value(j, true);
		return jfail_type(j, "object");
	case J_ENTRY:
		if (j->key < 0)
			return skip_value(j, true);
		return jfail_type(j, "object");
	default:
		return jfail_type(j, "object");
	}
}

static int j_end_map(void *ctx)
{
	struct jreader *j = ctx;
	if (skipping(j)) {
		if (--j->skip_depth == 0)
			j->state = j->skip_return;
		return 1;
	}
	if (j->state == J_ENTRY) {
		j->state = J_VULNS;
		return entry_deliver(j->r) == 0;
	}
	if (j->state == J_ROOT) {
		j->state = J_END;
		return 1;
	}
	return 1;
}

static int j_start_array(void *ctx)
{
	struct jreader *j = ctx;
	if (skipping(j))
		return skip_value(j, true);
	if (j->state == J_ROOT && j->rootkey == RK_VULNS) {
		if (j->root_seen_vulns)
			return fail(j->r, ERR_INVALID, "%s:%zu: duplicate key vulnerabilities", j->r->name,
			            jline(j)), 0;
		j->root_seen_vulns = true;
		j->state = J_VULNS;
		return 1;
	}
	if (j->state == J_ROOT && j->rootkey == RK_SKIP)
		return skip_value(j, true);
	if (j->state == J_ENTRY && j->key == F_CWES) {
		j->state = J_CWES;
		return 1;
	}
	if (j->state == J_ENTRY && j->key < 0)
		return skip_value(j, true);
	return jfail_type(j, "array");
}

static int j_end_array(void *ctx)
{
	struct jreader *j = ctx;
	if (skipping(j)) {
		if (--j->skip_depth == 0)
			j->state = j->skip_return;
		return 1;
	}
	if (j->state == J_VULNS)
		j->state = J_ROOT;
	else if (j->state == J_CWES)
		j->state = J_ENTRY;
	return 1;
}

static const struct json_stream_handlers jhandlers = {
	.null = j_null,
	.boolean = j_bool,
	.integer = j_integer,
	.real = j_double,
	.string = j_string,
	.start_map = j_start_map,
	.map_key = j_map_key,
	.end_map = j_end_map,
	.start_array = j_start_array,
	.end_array = j_end_array,
};

static void json_syntax_error(struct jreader *j)
{
	struct reader *r = j->r;
	if (r->rc)
		return;
	size_t line = jline(j);
	char text[160];
	json_stream_error(j->js, text, sizeof(text));
	fail(r, ERR_INVALID, "%s:%zu: %s", r->name, line, text);
}

/* The next chunk of input into p and n (n == 0 at the end); non-zero on failure. Corrupt
 * or truncated packaging reads as ERR_IO, a failed read, as the API has always said. */
static int next_chunk(struct reader *r, const unsigned char **p, size_t *n)
{
	enum err e = feed_input_read(r->in, p, n);
	if (e == ERR_OK)
		return 0;
	return fail(r, e == ERR_TOO_LARGE ? ERR_TOO_LARGE : ERR_IO, "%s", feed_input_error(r->in));
}

static int read_json(struct reader *r, const unsigned char *p, size_t have)
{
	struct jreader j = { .r = r, .state = J_START, .key = -2 };
	j.js = json_stream_new(&jhandlers, &j);
	for (;;) {
		if (have) {
			r->chunk = p;
			r->chunk_scanned = 0;
			enum json_stream_status st = json_stream_parse(j.js, p, have);
			if (st != JSON_STREAM_OK) {
				if (st == JSON_STREAM_ERROR)
					json_syntax_error(&j);
				goto out;
			}
			/* count the rest of this chunk's lines before it is replaced */
			for (; r->chunk_scanned < have; r->chunk_scanned++)
				if (p[r->chunk_scanned] == '\n')
					r->cur_line++;
		}
		r->chunk = NULL;
		if (next_chunk(r, &p, &have))
			goto out;
		if (have == 0)
			break;
	}
	r->chunk = NULL;
	if (json_stream_finish(j.js) != JSON_STREAM_OK) {
		if (!r->rc)
			fail(r, ERR_INVALID, "%s:%zu: truncated JSON", r->name, r->cur_line);
		goto out;
	}
	if (j.state != J_END)
		fail(r, ERR_INVALID, "%s: the document is not a KEV catalogue object", r->name);
	else if (!j.root_seen_vulns)
		fail(r, ERR_INVALID, "%s: no \"vulnerabilities\" array", r->name);
	else if (r->cat->count >= 0 && (size_t)r->cat->count != r->cat->entries)
		fail(r, ERR_INVALID, "%s: count says %lld but %zu entries were read", r->name,
		     (long long)r->cat->count, r->cat->entries);
out:
	r->chunk = NULL;
	json_stream_free(j.js);
	return r->rc;
}

/* ---- CSV ---- */

enum cstate { C_FIELD_START, C_UNQUOTED, C_QUOTED, C_QUOTE_IN_QUOTED, C_AFTER_CR };

struct creader {
	struct reader *r;
	enum cstate state;
	char *rec;                    /* the current record's fields, each NUL-terminated */
	size_t rec_len, rec_cap;      /* rec grows by doubling up to MAX_RECORD_BYTES */
	size_t starts[MAX_COLUMNS];   /* offset of each field in rec */
	size_t n_fields;
	size_t line;                  /* line of the byte being read */
	size_t rec_line;              /* line where the current record started */
	size_t quote_line;            /* line where the open quoted field started */
	bool in_record;
	bool header_done;
	int column_of[F__MAX];        /* header column of each field, -1 when absent */
	size_t n_columns;
};

/* Room for one more byte in the record, or ERR_TOO_LARGE. */
static int c_room(struct creader *c)
{
	if (c->rec_len + 1 < c->rec_cap)
		return 0;
	if (c->rec_cap >= MAX_RECORD_BYTES)
		return fail(c->r, ERR_TOO_LARGE, "%s:%zu: record longer than %d bytes", c->r->name,
		            c->rec_line, MAX_RECORD_BYTES);
	c->rec_cap = c->rec_cap ? c->rec_cap * 2 : 4096;
	if (c->rec_cap > MAX_RECORD_BYTES)
		c->rec_cap = MAX_RECORD_BYTES;
	c->rec = xrealloc(c->rec, c->rec_cap);
	return 0;
}

static int c_putc(struct creader *c, char ch)
{
	struct reader *r = c->r;
	if (c_room(c))
		return r->rc;
	if (c->rec_len - c->starts[c->n_fields - 1] >= KEV_MAX_FIELD)
		return fail(r, ERR_TOO_LARGE, "%s:%zu: field %zu longer than %d bytes", r->name,
		            c->rec_line, c->n_fields, KEV_MAX_FIELD);
	if (ch == '\0')
		return fail(r, ERR_INVALID, "%s:%zu: NUL byte in field %zu", r->name, c->line,
		            c->n_fields);
	c->rec[c->rec_len++] = ch;
	return 0;
}

static int c_begin_field(struct creader *c)
{
	struct reader *r = c->r;
	if (!c->in_record) {
		c->in_record = true;
		c->rec_line = c->line;
		c->rec_len = 0;
		c->n_fields = 0;
	}
	if (c->n_fields == MAX_COLUMNS)
		return fail(r, ERR_TOO_LARGE, "%s:%zu: more than %d fields", r->name, c->rec_line,
		            MAX_COLUMNS);
	c->starts[c->n_fields++] = c->rec_len;
	return 0;
}

static int c_end_field(struct creader *c)
{
	if (c_room(c))
		return c->r->rc;
	c->rec[c->rec_len++] = '\0';
	return 0;
}

static const char *c_field(struct creader *c, size_t i)
{
	return c->rec + c->starts[i];
}

static int c_header(struct creader *c)
{
	struct reader *r = c->r;
	for (int i = 0; i < F__MAX; i++)
		c->column_of[i] = -1;
	for (size_t i = 0; i < c->n_fields; i++) {
		const char *name = c_field(c, i);
		/* a UTF-8 byte-order mark before the first name */
		if (i == 0 && (unsigned char)name[0] == 0xEF && (unsigned char)name[1] == 0xBB &&
		    (unsigned char)name[2] == 0xBF)
			name += 3;
		int f = field_by_name(name, strlen(name));
		if (f < 0)
			continue;
		if (c->column_of[f] >= 0)
			return fail(r, ERR_INVALID, "%s:%zu: column %s appears twice", r->name,
			            c->rec_line, field_names[f]);
		c->column_of[f] = (int)i;
	}
	for (int f = 0; f < F__MAX; f++)
		if (field_required[f] && c->column_of[f] < 0)
			return fail(r, ERR_INVALID, "%s:%zu: no %s column in the header", r->name,
			            c->rec_line, field_names[f]);
	c->n_columns = c->n_fields;
	c->header_done = true;
	return 0;
}

/* Splits "CWE-59, CWE-436" into the entry's list. */
static int c_cwes(struct reader *r, const char *s)
{
	while (*s) {
		while (*s == ' ' || *s == '\t')
			s++;
		const char *end = strchr(s, ',');
		size_t n = end ? (size_t)(end - s) : strlen(s);
		size_t m = n;
		while (m && (s[m - 1] == ' ' || s[m - 1] == '\t'))
			m--;
		if (m && add_cwe(r, s, m))
			return r->rc;
		s += n;
		if (*s == ',')
			s++;
	}
	return 0;
}

static int c_end_record(struct creader *c)
{
	struct reader *r = c->r;
	c->in_record = false;
	/* a blank line is one empty field: skip it */
	if (c->n_fields == 1 && c_field(c, 0)[0] == '\0')
		return 0;
	if (!c->header_done)
		return c_header(c);
	if (c->n_fields != c->n_columns)
		return fail(r, ERR_INVALID, "%s:%zu: %zu fields where the header has %zu", r->name,
		            c->rec_line, c->n_fields, c->n_columns);
	r->index++;
	r->line = c->rec_line;
	entry_reset(r);
	for (int f = 0; f < F__MAX; f++) {
		if (c->column_of[f] < 0)
			continue;
		const char *v = c_field(c, (size_t)c->column_of[f]);
		if (f == F_CWES) {
			if (c_cwes(r, v))
				return r->rc;
		} else {
			r->val[f] = v;
		}
	}
	return entry_deliver(r);
}

static int c_byte(struct creader *c, char ch)
{
	struct reader *r = c->r;
	if (c->state == C_AFTER_CR) {
		/* CRLF ends a record once; a lone CR ended it too */
		c->state = C_FIELD_START;
		if (ch == '\n')
			return 0;
	}
	switch (c->state) {
	case C_AFTER_CR:
	case C_FIELD_START:
		if (ch == '\r' || ch == '\n') {
			/* a blank line, or the empty last field after a comma */
			if (c_begin_field(c))
				return r->rc;
			if (c_end_field(c) || c_end_record(c))
				return r->rc;
			c->state = ch == '\r' ? C_AFTER_CR : C_FIELD_START;
			return 0;
		}
		if (c_begin_field(c))
			return r->rc;
		if (ch == '"') {
			c->state = C_QUOTED;
			c->quote_line = c->line;
			return 0;
		}
		if (ch == ',') {
			/* an empty field; the next starts now */
			return c_end_field(c);
		}
		c->state = C_UNQUOTED;
		return c_putc(c, ch);
	case C_UNQUOTED:
		if (ch == ',') {
			c->state = C_FIELD_START;
			if (c_end_field(c))
				return r->rc;
			/* a trailing comma still makes one more (empty) field */
			return 0;
		}
		if (ch == '\r' || ch == '\n') {
			if (c_end_field(c) || c_end_record(c))
				return r->rc;
			c->state = ch == '\r' ? C_AFTER_CR : C_FIELD_START;
			return 0;
		}
		return c_putc(c, ch);
	case C_QUOTED:
		if (ch == '"') {
			c->state = C_QUOTE_IN_QUOTED;
			return 0;
		}
		return c_putc(c, ch);
	case C_QUOTE_IN_QUOTED:
		if (ch == '"') {
			c->state = C_QUOTED;
			return c_putc(c, '"');
		}
		if (ch == ',') {
			c->state = C_FIELD_START;
			return c_end_field(c);
		}
		if (ch == '\r' || ch == '\n') {
			if (c_end_field(c) || c_end_record(c))
				return r->rc;
			c->state = ch == '\r' ? C_AFTER_CR : C_FIELD_START;
			return 0;
		}
		return fail(r, ERR_INVALID, "%s:%zu: '%c' after the closing quote of field %zu",
		            r->name, c->line, ch >= ' ' && ch < 127 ? ch : '?', c->n_fields);
	}
	return 0;
}

static int read_csv(struct reader *r, const unsigned char *p, size_t have)
{
	struct creader c = { .r = r, .state = C_FIELD_START, .line = r->cur_line };
	bool prev_cr = false;
	for (;;) {
		for (size_t i = 0; i < have; i++) {
			char ch = (char)p[i];
			if (c_byte(&c, ch))
				goto out;
			/* CRLF, LF and a lone CR each end one line */
			if (ch == '\r' || (ch == '\n' && !prev_cr))
				c.line++;
			prev_cr = ch == '\r';
		}
		if (next_chunk(r, &p, &have))
			goto out;
		if (have == 0)
			break;
	}
	if (c.state == C_QUOTED) {
		fail(r, ERR_INVALID, "%s:%zu: quoted field never closed", r->name, c.quote_line);
		goto out;
	}
	if (c.in_record) {
		/* after a comma the last (empty) field has not begun yet */
		if (c.state == C_FIELD_START && c_begin_field(&c))
			goto out;
		if (c_end_field(&c) || c_end_record(&c))
			goto out;
	}
	if (!c.header_done)
		fail(r, ERR_INVALID, "%s: empty: no header line", r->name);
out:
	free(c.rec);
	return r->rc;
}

/* ---- entry points ---- */

/* The first byte that is not a byte-order mark or blank: '{' or '[' is JSON. */
static const unsigned char *first_token(const unsigned char *p, size_t n, bool *bom)
{
	size_t i = 0;
	*bom = n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF;
	if (*bom)
		i = 3;
	while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' || p[i] == '\n'))
		i++;
	return i < n ? p + i : NULL;
}

static int read_any(struct reader *r, enum kev_format format)
{
	const unsigned char *p;
	size_t n;
	if (next_chunk(r, &p, &n))
		return r->rc;
	/* a chunk of nothing but blank lines tells nothing: count its lines and read on */
	bool bom = false;
	const unsigned char *tok = first_token(p, n, &bom);
	while (n && !tok && !bom) {
		for (size_t i = 0; i < n; i++)
			r->cur_line += p[i] == '\n';
		if (next_chunk(r, &p, &n))
			return r->rc;
		tok = first_token(p, n, &bom);
	}
	if (format == KEV_FORMAT_AUTO)
		format = tok && (*tok == '{' || *tok == '[') ? KEV_FORMAT_JSON : KEV_FORMAT_CSV;
	r->cat->format = format;
	if (format == KEV_FORMAT_JSON) {
		/* the JSON parser rejects a byte-order mark; skip one */
		if (bom) {
			p += 3;
			n -= 3;
		}
		return read_json(r, p, n);
	}
	if (format == KEV_FORMAT_CSV)
		return read_csv(r, p, n);
	return fail(r, ERR_INVALID, "%s: unknown format %d", r->name, (int)format);
}

static void reader_init(struct reader *r, struct feed_input *in, kev_entry_cb cb, void *ctx,
                        struct kev_catalog *cat, char *err, size_t errlen)
{
	memset(r, 0, sizeof(*r));
	r->in = in;
	r->name = feed_input_name(in);
	r->cb = cb;
	r->ctx = ctx;
	r->cat = cat ? cat : &r->local_cat;
	r->err = err;
	r->errlen = err ? errlen : 0;
	r->cur_line = 1;
	if (r->errlen)
		err[0] = '\0';
	arena_init(&r->arena, 0);
	memset(r->cat, 0, sizeof(*r->cat));
	r->cat->count = -1;
	r->cat->date_released_unix = -1;
}

int kev_read_input(struct feed_input *in, enum kev_format format, kev_entry_cb cb, void *ctx,
                   struct kev_catalog *catalog, char *err, size_t errlen)
{
	struct reader r;
	reader_init(&r, in, cb, ctx, catalog, err, errlen);
	int rc = read_any(&r, format);
	arena_free(&r.arena);
	return rc;
}

/* Opening failures leave the catalogue described as empty, like a read that found nothing. */
static int open_failed(enum err e, struct kev_catalog *catalog)
{
	if (catalog) {
		memset(catalog, 0, sizeof(*catalog));
		catalog->count = -1;
		catalog->date_released_unix = -1;
	}
	return e;
}

int kev_read_file(const char *path, enum kev_format format, kev_entry_cb cb, void *ctx,
                  struct kev_catalog *catalog, char *err, size_t errlen)
{
	struct feed_input *in;
	enum err e = feed_input_open_file(path, KEV_MAX_BYTES, &in, err, err ? errlen : 0);
	if (e != ERR_OK)
		return open_failed(e == ERR_TOO_LARGE ? ERR_TOO_LARGE : ERR_IO, catalog);
	int rc = kev_read_input(in, format, cb, ctx, catalog, err, errlen);
	feed_input_close(in);
	return rc;
}

int kev_read_mem(const char *name, const char *p, size_t len, enum kev_format format,
                 kev_entry_cb cb, void *ctx, struct kev_catalog *catalog, char *err,
                 size_t errlen)
{
	struct feed_input *in;
	enum err e = feed_input_open_mem(p, p ? len : 0, name ? name : "(kev)", KEV_MAX_BYTES, &in, err,
	                                 err ? errlen : 0);
	if (e != ERR_OK)
		return open_failed(e == ERR_TOO_LARGE ? ERR_TOO_LARGE : ERR_IO, catalog);
	int rc = kev_read_input(in, format, cb, ctx, catalog, err, errlen);
	feed_input_close(in);
	return rc;
}

const char *kev_format_str(enum kev_format f)
{
	switch (f) {
	case KEV_FORMAT_AUTO: return "auto";
	case KEV_FORMAT_JSON: return "json";
	case KEV_FORMAT_CSV: return "csv";
	default: return "?";
	}
}
