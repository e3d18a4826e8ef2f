/* EPSS CSV reader: a line at a time from a feed input (plain, gzip or zip), columns
 * found by name in the header, every score checked to lie in 0..1 before the callback sees it.
 * Numbers are parsed by hand so a process locale cannot change the decimal point. */
#include "kb/epss_reader.h"

#include "core/alloc.h"
#include "core/clock.h"
#include "core/err.h"
#include "kb/feed_input.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_COLUMNS 16

struct reader {
	const char *name;
	epss_score_cb cb;
	void *ctx;
	struct epss_meta *meta;
	struct epss_meta local_meta;   /* used when the caller passes none */
	char *err;
	size_t errlen;
	int rc;

	size_t line_no;
	bool header_done;
	size_t n_columns;
	int col_cve, col_epss, col_pct;
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

static bool is_digits(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] < '0' || p[i] > '9')
			return false;
	return true;
}

static bool valid_cve_id(const char *s, size_t n)
{
	return n >= 13 && n <= 28 && memcmp(s, "CVE-", 4) == 0 && is_digits(s + 4, 4) &&
	       s[8] == '-' && is_digits(s + 9, n - 9);
}

/* A non-negative decimal: digits[.digits][e[+-]digits]. Exact powers of ten and a
 * mantissa below 2^53 make the result correctly rounded for the files' 5-9 digits. */
static int parse_unit(const char *p, size_t n, double *out)
{
	static const double pow10[] = {
		1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
		1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
	};
	size_t i = 0;
	uint64_t m = 0;
	int digits = 0, frac = 0, exp = 0;
	bool any = false;
	if (i < n && p[i] == '+')
		i++;
	for (; i < n && p[i] >= '0' && p[i] <= '9'; i++) {
		any = true;
		if (m == 0 && p[i] == '0')
			continue;
		if (++digits > 17)
			return -1;
		m = m * 10 + (uint64_t)(p[i] - '0');
	}
	if (i < n && p[i] == '.') {
		i++;
		for (; i < n && p[i] >= '0' && p[i] <= '9'; i++) {
			any = true;
			if (m == 0 && p[i] == '0') {
				frac++;
				continue;
			}
			if (++digits > 17)
				return -1;
			m = m * 10 + (uint64_t)(p[i] - '0');
			frac++;
		}
	}
	if (!any)
		return -1;
	if (i < n && (p[i] == 'e' || p[i] == 'E')) {
		i++;
		bool neg = false;
		if (i < n && (p[i] == '+' || p[i] == '-'))
			neg = p[i++] == '-';
		size_t start = i;
		for (; i < n && p[i] >= '0' && p[i] <= '9'; i++) {
			if (exp > 1000)
				return -1;
			exp = exp * 10 + (p[i] - '0');
		}
		if (i == start)
			return -1;
		if (neg)
			exp = -exp;
	}
	if (i != n)
		return -1;
	int e = exp - frac;
	double v = (double)m;
	if (m == 0)
		v = 0;
	else if (e < 0 && -e <= 22)
		v = v / pow10[-e];
	else if (e >= 0 && e <= 22)
		v = v * pow10[e];
	else if (e < 0)
		v = 0;          /* far below anything EPSS writes; the range check accepts it */
	else
		return -1;
	*out = v;
	return 0;
}

static struct epss_meta *meta(struct reader *r)
{
	return r->meta ? r->meta : &r->local_meta;
}

static int copy_meta(struct reader *r, char *dst, size_t dstlen, const char *p, size_t n,
                     const char *key)
{
	if (n >= dstlen)
		return fail(r, ERR_TOO_LARGE, "%s:%zu: %s longer than %zu bytes", r->name, r->line_no,
		            key, dstlen - 1);
	memcpy(dst, p, n);
	dst[n] = '\0';
	return 0;
}

/* "#model_version:v2025.03.14,score_date:2025-08-25T00:00:00Z"; unknown keys are
 * ignored so a new key in a later model does not stop the import. */
static int parse_comment(struct reader *r, const char *p, size_t n)
{
	struct epss_meta *m = meta(r);
	size_t i = 1;
	while (i < n) {
		const char *item = p + i;
		const char *comma = memchr(item, ',', n - i);
		size_t len = comma ? (size_t)(comma - item) : n - i;
		const char *colon = memchr(item, ':', len);
		if (colon) {
			size_t klen = (size_t)(colon - item);
			const char *v = colon + 1;
			size_t vlen = len - klen - 1;
			while (vlen && v[0] == ' ') {
				v++;
				vlen--;
			}
			while (klen && item[0] == ' ') {
				item++;
				klen--;
			}
			if (klen == 13 && memcmp(item, "model_version", 13) == 0) {
				if (copy_meta(r, m->model_version, sizeof(m->model_version), v, vlen,
				              "model_version"))
					return r->rc;
			} else if (klen == 10 && memcmp(item, "score_date", 10) == 0) {
				if (copy_meta(r, m->score_date, sizeof(m->score_date), v, vlen, "score_date"))
					return r->rc;
				/* FIRST writes both "…Z" and "…+0000"; the clock parser wants "+00:00" */
				char norm[72];
				size_t nl = vlen;
				memcpy(norm, v, vlen);
				if (nl > 5 && (norm[nl - 5] == '+' || norm[nl - 5] == '-') &&
				    is_digits(norm + nl - 4, 4)) {
					norm[nl + 1] = '\0';
					norm[nl] = norm[nl - 1];
					norm[nl - 1] = norm[nl - 2];
					norm[nl - 2] = ':';
					nl++;
				}
				if (clock_parse_iso8601(norm, nl, &m->score_date_unix))
					return fail(r, ERR_INVALID, "%s:%zu: score_date \"%s\" is not a date",
					            r->name, r->line_no, m->score_date);
			}
		}
		i += len + 1;
	}
	return 0;
}

/* Splits a line at commas, in place; a field in double quotes loses them. */
static int split(struct reader *r, char *line, size_t n, char **f, size_t *flen, size_t *count)
{
	size_t k = 0, start = 0;
	for (size_t i = 0; i <= n; i++) {
		if (i < n && line[i] != ',')
			continue;
		if (k == MAX_COLUMNS)
			return fail(r, ERR_INVALID, "%s:%zu: more than %d columns", r->name, r->line_no,
			            MAX_COLUMNS);
		char *p = line + start;
		size_t len = i - start;
		while (len && (p[0] == ' ' || p[0] == '\t')) {
			p++;
			len--;
		}
		while (len && (p[len - 1] == ' ' || p[len - 1] == '\t'))
			len--;
		if (len >= 2 && p[0] == '"' && p[len - 1] == '"') {
			p++;
			len -= 2;
			if (memchr(p, '"', len))
				return fail(r, ERR_INVALID, "%s:%zu: quote inside field %zu", r->name,
				            r->line_no, k + 1);
		}
		f[k] = p;
		flen[k] = len;
		k++;
		start = i + 1;
	}
	*count = k;
	return 0;
}

static int header(struct reader *r, char **f, size_t *flen, size_t n)
{
	r->col_cve = r->col_epss = r->col_pct = -1;
	for (size_t i = 0; i < n; i++) {
		const char *name = f[i];
		size_t len = flen[i];
		/* a UTF-8 byte-order mark before the first name */
		if (i == 0 && len >= 3 && memcmp(name, "\xEF\xBB\xBF", 3) == 0) {
			name += 3;
			len -= 3;
		}
		int *col = NULL;
		if (len == 3 && strncasecmp(name, "cve", 3) == 0)
			col = &r->col_cve;
		else if (len == 4 && strncasecmp(name, "epss", 4) == 0)
			col = &r->col_epss;
		else if (len == 10 && strncasecmp(name, "percentile", 10) == 0)
			col = &r->col_pct;
		if (!col)
			continue;
		if (*col >= 0)
			return fail(r, ERR_INVALID, "%s:%zu: column \"%.*s\" appears twice", r->name,
			            r->line_no, (int)len, name);
		*col = (int)i;
	}
	if (r->col_cve < 0 || r->col_epss < 0)
		return fail(r, ERR_INVALID, "%s:%zu: header has no %s column (want cve,epss,percentile)",
		            r->name, r->line_no, r->col_cve < 0 ? "cve" : "epss");
	r->n_columns = n;
	meta(r)->has_percentile = r->col_pct >= 0;
	r->header_done = true;
	return 0;
}

static int line(struct reader *r, char *p, size_t n)
{
	if (n && p[n - 1] == '\r')
		n--;
	if (n == 0)
		return 0;
	if (!r->header_done && p[0] == '#')
		return parse_comment(r, p, n);
	if (memchr(p, '\0', n))
		return fail(r, ERR_INVALID, "%s:%zu: NUL byte", r->name, r->line_no);
	char *f[MAX_COLUMNS];
	size_t flen[MAX_COLUMNS], count = 0;
	if (split(r, p, n, f, flen, &count))
		return r->rc;
	if (!r->header_done)
		return header(r, f, flen, count);
	if (count != r->n_columns)
		return fail(r, ERR_INVALID, "%s:%zu: %zu columns where the header has %zu", r->name,
		            r->line_no, count, r->n_columns);
	struct epss_score s = { .percentile = -1, .line = r->line_no };
	char *cve = f[r->col_cve];
	size_t cvelen = flen[r->col_cve];
	if (!valid_cve_id(cve, cvelen))
		return fail(r, ERR_INVALID, "%s:%zu: \"%.*s\" is not a CVE id", r->name, r->line_no,
		            (int)(cvelen < 40 ? cvelen : 40), cve);
	cve[cvelen] = '\0';    /* the separator or the line's end: both are ours to overwrite */
	if (parse_unit(f[r->col_epss], flen[r->col_epss], &s.epss) || s.epss > 1)
		return fail(r, ERR_INVALID, "%s:%zu: %s: epss \"%.*s\" is not a number in 0..1",
		            r->name, r->line_no, cve, (int)(flen[r->col_epss] < 40 ? flen[r->col_epss] : 40),
		            f[r->col_epss]);
	if (r->col_pct >= 0 &&
	    (parse_unit(f[r->col_pct], flen[r->col_pct], &s.percentile) || s.percentile > 1))
		return fail(r, ERR_INVALID, "%s:%zu: %s: percentile \"%.*s\" is not a number in 0..1",
		            r->name, r->line_no, cve, (int)(flen[r->col_pct] < 40 ? flen[r->col_pct] : 40),
		            f[r->col_pct]);
	if (meta(r)->rows >= EPSS_MAX_ROWS)
		return fail(r, ERR_TOO_LARGE, "%s:%zu: more than %d rows", r->name, r->line_no,
		            EPSS_MAX_ROWS);
	s.cve_id = cve;
	int rc = r->cb ? r->cb(r->ctx, &s) : 0;
	if (rc) {
		r->rc = rc;
		if (r->errlen)
			snprintf(r->err, r->errlen, "%s:%zu: stopped by the caller at %s", r->name,
			         r->line_no, cve);
		return rc;
	}
	meta(r)->rows++;
	return 0;
}

static int read_all(struct reader *r, struct feed_input *in)
{
	char *ln = xmalloc(EPSS_MAX_LINE + 2);
	size_t lnlen = 0;
	r->line_no = 1;
	for (;;) {
		const unsigned char *buf;
		size_t got;
		enum err e = feed_input_read(in, &buf, &got);
		if (e != ERR_OK) {
			/* corrupt or truncated compression reads as a failed read (ERR_IO) */
			fail(r, e == ERR_TOO_LARGE ? ERR_TOO_LARGE : ERR_IO, "%s (line %zu)", feed_input_error(in),
			     r->line_no);
			goto out;
		}
		if (got == 0)
			break;
		for (size_t i = 0; i < got; i++) {
			if (buf[i] == '\n') {
				if (line(r, ln, lnlen))
					goto out;
				lnlen = 0;
				r->line_no++;
				continue;
			}
			if (lnlen == EPSS_MAX_LINE) {
				fail(r, ERR_TOO_LARGE, "%s:%zu: line longer than %d bytes", r->name,
				     r->line_no, EPSS_MAX_LINE);
				goto out;
			}
			ln[lnlen++] = (char)buf[i];
		}
	}
	if (lnlen && line(r, ln, lnlen))
		goto out;
	if (!r->header_done)
		fail(r, ERR_INVALID, "%s: no header line (want cve,epss,percentile)", r->name);
out:
	free(ln);
	return r->rc;
}

static void reader_init(struct reader *r, const char *name, epss_score_cb cb, void *ctx,
                        struct epss_meta *m, char *err, size_t errlen)
{
	memset(r, 0, sizeof(*r));
	r->name = name ? name : "(epss)";
	r->cb = cb;
	r->ctx = ctx;
	r->meta = m;
	r->err = err;
	r->errlen = err ? errlen : 0;
	if (r->errlen)
		err[0] = '\0';
	struct epss_meta *mm = meta(r);
	memset(mm, 0, sizeof(*mm));
	mm->score_date_unix = -1;
}

int epss_read_input(struct feed_input *in, epss_score_cb cb, void *ctx, struct epss_meta *m,
                    char *err, size_t errlen)
{
	struct reader r;
	reader_init(&r, feed_input_name(in), cb, ctx, m, err, errlen);
	return read_all(&r, in);
}

static int open_failed(struct reader *r, enum err e, const char *msg)
{
	/* the reader's own words for its callers: the input could not be read */
	return fail(r, e == ERR_TOO_LARGE ? ERR_TOO_LARGE : ERR_IO, "%s", msg);
}

int epss_read_file(const char *path, epss_score_cb cb, void *ctx, struct epss_meta *m,
                   char *err, size_t errlen)
{
	struct reader r;
	reader_init(&r, path, cb, ctx, m, err, errlen);
	struct feed_input *in;
	char msg[512];
	enum err e = feed_input_open_file(path, EPSS_MAX_BYTES, &in, msg, sizeof(msg));
	if (e != ERR_OK)
		return open_failed(&r, e, msg);
	int rc = read_all(&r, in);
	feed_input_close(in);
	return rc;
}

int epss_read_mem(const char *name, const void *p, size_t len, epss_score_cb cb, void *ctx,
                  struct epss_meta *m, char *err, size_t errlen)
{
	struct reader r;
	reader_init(&r, name, cb, ctx, m, err, errlen);
	struct feed_input *in;
	char msg[512];
	enum err e = feed_input_open_mem(p, p ? len : 0, r.name, EPSS_MAX_BYTES, &in, msg, sizeof(msg));
	if (e != ERR_OK)
		return open_failed(&r, e, msg);
	int rc = read_all(&r, in);
	feed_input_close(in);
	return rc;
}
