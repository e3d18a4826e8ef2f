/* The CSV reader of csv.h: the input is checked once (encoding, NUL bytes), then one pass
 * of a small state machine copies each record's unquoted bytes into a buffer reused for
 * every record. */
#include "vans/intake/csv.h"

#include "core/alloc.h"
#include "core/buf.h"
#include "core/err.h"
#include "vans/intake/text.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int say(char *err, size_t errlen, int code, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int say(char *err, size_t errlen, int code, const char *fmt, ...)
{
	if (err && errlen) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(err, errlen, fmt, ap);
		va_end(ap);
	}
	return code;
}

/* 1-based line of byte offset off (CRLF, LF and CR each end a line). */
static size_t line_of(const char *p, size_t off)
{
	size_t line = 1;
	for (size_t i = 0; i < off; i++) {
		if (p[i] == '\n')
			line++;
		else if (p[i] == '\r' && (i + 1 >= off || p[i + 1] != '\n'))
			line++;
	}
	return line;
}

static size_t skip_bom(const unsigned char *u, size_t len)
{
	return len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF ? 3 : 0;
}

char csv_detect_delimiter(const void *data, size_t len)
{
	const char *p = data;
	if (!p)
		return ',';
	size_t i = skip_bom(data, len);
	size_t commas = 0, semis = 0;
	bool quoted = false;
	for (; i < len; i++) {
		char c = p[i];
		if (quoted) {
			if (c == '"')
				quoted = false;   /* "" re-enters at once on the next quote */
			continue;
		}
		if (c == '"')
			quoted = true;
		else if (c == ',')
			commas++;
		else if (c == ';')
			semis++;
		else if (c == '\n' || c == '\r')
			break;
	}
	return semis > commas ? ';' : ',';
}

struct reader {
	const struct csv_opts *o;
	struct buf text;           /* the record's fields, each followed by a NUL */
	size_t *starts;            /* offset of each field in text */
	bool *quoted;
	size_t n, cap;
	struct csv_field *fields;
	size_t fields_cap;
};

static int add_field(struct reader *r, bool quoted)
{
	if (r->n == r->o->max_fields)
		return -1;
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 32;
		r->starts = xrealloc(r->starts, r->cap * sizeof(*r->starts));
		r->quoted = xrealloc(r->quoted, r->cap * sizeof(*r->quoted));
	}
	r->starts[r->n] = r->text.len;
	r->quoted[r->n] = quoted;
	r->n++;
	return 0;
}

int csv_read(const void *data, size_t len, const struct csv_opts *opts, csv_record_cb cb,
	     void *ctx, char *err, size_t errlen)
{
	if (err && errlen)
		err[0] = '\0';
	struct csv_opts o = { 0 };
	if (opts)
		o = *opts;
	if (!o.max_field)
		o.max_field = CSV_MAX_FIELD;
	if (!o.max_fields)
		o.max_fields = CSV_MAX_FIELDS;
	if (!o.max_records)
		o.max_records = CSV_MAX_RECORDS;
	const char *p = data ? data : "";
	const unsigned char *u = (const unsigned char *)p;
	if (!data)
		len = 0;
	if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF)))
		return say(err, errlen, ERR_INVALID,
		           "line 1: the file is UTF-16 text; save it as CSV in UTF-8");
	size_t i = skip_bom(u, len);
	const char *nul = memchr(p + i, '\0', len - i);
	if (nul)
		return say(err, errlen, ERR_INVALID, "line %zu: a NUL byte; this is not a text file",
		           line_of(p, (size_t)(nul - p)));
	size_t bad;
	if (!intake_utf8_valid(p + i, len - i, &bad))
		return say(err, errlen, ERR_INVALID,
		           "line %zu: not UTF-8 text (saved as Big5?); save it as CSV in UTF-8",
		           line_of(p, i + bad));
	char delim = o.delimiter ? o.delimiter : csv_detect_delimiter(p, len);
	size_t line = 1, rec_line = 1, records = 0;
	/* Excel's "sep=;" first line names the delimiter and is not a record */
	if (len - i >= 5 && memcmp(p + i, "sep=", 4) == 0 && (p[i + 4] == ',' || p[i + 4] == ';') &&
	    (len - i == 5 || p[i + 5] == '\n' || p[i + 5] == '\r')) {
		delim = p[i + 4];
		i += 5;
		if (i < len && p[i] == '\r')
			i++;
		if (i < len && p[i] == '\n')
			i++;
		line = 2;
	}
	if (delim != ',' && delim != ';')
		return say(err, errlen, ERR_INVALID, "the delimiter must be a comma or a semicolon");

	struct reader r = { .o = &o };
	buf_init(&r.text, o.max_fields * (o.max_field + 1) + 1);
	int rc = 0;
	if (i >= len)
		goto out;   /* an empty file has no records */

	for (;;) {
		/* one record */
		rec_line = line;
		buf_reset(&r.text);
		r.n = 0;
		bool end_of_input = false;
		for (;;) {
			/* one field */
			if (add_field(&r, i < len && p[i] == '"') < 0) {
				rc = say(err, errlen, ERR_TOO_LARGE, "line %zu: more than %zu fields",
				         rec_line, o.max_fields);
				goto out;
			}
			size_t start = r.text.len;
			if (i < len && p[i] == '"') {
				size_t open_line = line;
				i++;
				for (;;) {
					if (i >= len) {
						rc = say(err, errlen, ERR_INVALID,
						         "line %zu, field %zu: a quoted field begins here "
						         "and never ends", open_line, r.n);
						goto out;
					}
					/* copy a run of ordinary characters */
					size_t j = i;
					while (j < len && p[j] != '"' && p[j] != '\n' && p[j] != '\r')
						j++;
					buf_append(&r.text, p + i, j - i);
					i = j;
					if (i >= len)
						continue;
					if (p[i] == '"') {
						if (i + 1 < len && p[i + 1] == '"') {
							buf_putc(&r.text, '"');
							i += 2;
							continue;
						}
						i++;
						break;
					}
					/* a line break inside quotes is part of the value */
					if (p[i] == '\r' && i + 1 < len && p[i + 1] == '\n') {
						buf_append(&r.text, "\r\n", 2);
						i += 2;
					} else {
						buf_putc(&r.text, p[i]);
						i++;
					}
					line++;
				}
				if (i < len && p[i] != delim && p[i] != '\n' && p[i] != '\r') {
					rc = say(err, errlen, ERR_INVALID,
					         "line %zu, field %zu: text after the closing quote of a "
					         "quoted field", line, r.n);
					goto out;
				}
			} else {
				size_t j = i;
				while (j < len && p[j] != delim && p[j] != '\n' && p[j] != '\r')
					j++;
				buf_append(&r.text, p + i, j - i);
				i = j;
			}
			if (r.text.overflow || r.text.len - start > o.max_field) {
				rc = say(err, errlen, ERR_TOO_LARGE, "line %zu, field %zu: longer than %zu bytes",
				         line, r.n, o.max_field);
				goto out;
			}
			buf_putc(&r.text, '\0');
			if (i >= len) {
				end_of_input = true;
				break;
			}
			if (p[i] == delim) {
				i++;
				continue;
			}
			/* a line end */
			if (p[i] == '\r' && i + 1 < len && p[i + 1] == '\n')
				i += 2;
			else
				i++;
			line++;
			break;
		}
		if (records == o.max_records) {
			rc = say(err, errlen, ERR_TOO_LARGE, "line %zu: more than %zu records", rec_line,
			         o.max_records);
			goto out;
		}
		records++;
		if (r.n > r.fields_cap) {
			r.fields_cap = r.cap;
			r.fields = xrealloc(r.fields, r.fields_cap * sizeof(*r.fields));
		}
		for (size_t k = 0; k < r.n; k++) {
			size_t end = k + 1 < r.n ? r.starts[k + 1] - 1 : r.text.len - 1;
			r.fields[k].p = r.text.data + r.starts[k];
			r.fields[k].len = end - r.starts[k];
			r.fields[k].quoted = r.quoted[k];
		}
		struct csv_record rec = { rec_line, records, r.n, r.fields, delim };
		if (cb && (rc = cb(ctx, &rec)) != 0)
			goto out;
		if (end_of_input || i >= len)
			break;
	}
out:
	buf_free(&r.text);
	free(r.starts);
	free(r.quoted);
	free(r.fields);
	return rc;
}
