/* CPE dictionary reader: xmlTextReader over a feed input (plain, gzip or zip), one
 * cpe-item at a time, its
 * strings and lists in an arena reset after each callback. Entities are never
 * substituted, no DTD is loaded, and a document that declares a DOCTYPE is refused: the
 * NVD file has none, and a DOCTYPE is where entity expansion attacks live. */
#include "kb/cpedict_reader.h"

#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "kb/feed_input.h"

#include <libxml/xmlreader.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define NS_DICT "http://cpe.mitre.org/dictionary/2.0"
#define NS_CPE23 "http://scap.nist.gov/schema/cpe-extension/2.3"

/* Input: the feed input's chunks, copied out as libxml2 asks for them. */
struct src {
	struct feed_input *in;
	const unsigned char *p;     /* the rest of the current chunk */
	size_t n;
	enum err failed;            /* ERR_OK, or what the input said */
};

/* libxml2's read callback: bytes read, 0 at the end, -1 on error. */
static int src_read(void *ctx, char *dst, int len)
{
	struct src *s = ctx;
	if (len <= 0 || s->failed != ERR_OK)
		return s->failed != ERR_OK ? -1 : 0;
	if (s->n == 0) {
		enum err e = feed_input_read(s->in, &s->p, &s->n);
		if (e != ERR_OK) {
			s->failed = e;
			return -1;
		}
		if (s->n == 0)
			return 0;
	}
	size_t take = s->n < (size_t)len ? s->n : (size_t)len;
	memcpy(dst, s->p, take);
	s->p += take;
	s->n -= take;
	return (int)take;
}

static int src_close(void *ctx)
{
	(void)ctx;   /* the caller owns the source */
	return 0;
}

/* A list that grows inside the item's arena. */
struct list {
	void *v;
	size_t n, cap;
};

enum capture {
	CAP_NONE,
	CAP_TITLE,
	CAP_REFERENCE,
	CAP_GEN_PRODUCT,
	CAP_GEN_VERSION,
	CAP_GEN_SCHEMA,
	CAP_GEN_TIMESTAMP,
};

struct reader {
	const char *name;
	cpedict_item_cb cb;
	void *ctx;
	struct cpedict_meta *meta;
	struct cpedict_meta local_meta;
	char *err;
	size_t errlen;
	int rc;
	xmlTextReaderPtr xr;
	struct src *src;

	char xml_error[256];        /* libxml2's first error, with its line */

	bool root_seen;
	bool in_generator;
	bool in_item;
	struct arena arena;
	struct cpedict_item item;
	struct list titles, refs, depby;

	enum capture cap;
	int cap_depth;
	struct buf text;
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

/* The line of the current node. libxml2 records it exactly up to 65,534 and stores
 * 65,535 beyond; there the parser's own position serves, which runs a few lines ahead
 * (at most 12 in the NVD file). */
static int line_no(struct reader *r)
{
	xmlNodePtr node = xmlTextReaderCurrentNode(r->xr);
	long line = node ? xmlGetLineNo(node) : -1;
	if (line > 0 && line < 65535)
		return (int)line;
	return xmlTextReaderGetParserLineNumber(r->xr);
}

static struct cpedict_meta *meta(struct reader *r)
{
	return r->meta ? r->meta : &r->local_meta;
}

static void xml_error(void *arg, xmlErrorPtr e)
{
	struct reader *r = arg;
	if (r->xml_error[0] || !e)
		return;
	snprintf(r->xml_error, sizeof(r->xml_error), "line %d: %s", e->line,
	         e->message ? e->message : "XML error");
	size_t n = strlen(r->xml_error);
	while (n && (r->xml_error[n - 1] == '\n' || r->xml_error[n - 1] == ' '))
		r->xml_error[--n] = '\0';
}

/* libxml2 reports some input failures ("xmlParseChunk: encoder error") through the
 * thread's generic error function, not the structured one. */
static void xml_generic_error(void *arg, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void xml_generic_error(void *arg, const char *fmt, ...)
{
	struct reader *r = arg;
	if (r->xml_error[0])
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(r->xml_error, sizeof(r->xml_error), fmt, ap);
	va_end(ap);
	size_t n = strlen(r->xml_error);
	while (n && (r->xml_error[n - 1] == '\n' || r->xml_error[n - 1] == ' '))
		r->xml_error[--n] = '\0';
}

static void *list_add(struct reader *r, struct list *l, size_t size, const char *what)
{
	if (l->n == CPEDICT_MAX_LIST) {
		fail(r, ERR_TOO_LARGE, "%s:%d: item %zu: more than %d %s", r->name, line_no(r),
		     r->item.index, CPEDICT_MAX_LIST, what);
		return NULL;
	}
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 4;
		void *v = arena_alloc(&r->arena, cap * size);
		if (l->n)
			memcpy(v, l->v, l->n * size);
		l->v = v;
		l->cap = cap;
	}
	void *slot = (char *)l->v + l->n * size;
	memset(slot, 0, size);
	l->n++;
	return slot;
}

/* An attribute copied into the item's arena; NULL when absent. */
static const char *attr(struct reader *r, const char *name, const char *ns)
{
	xmlChar *v = ns ? xmlTextReaderGetAttributeNs(r->xr, (const xmlChar *)name,
	                                              (const xmlChar *)ns)
	                : xmlTextReaderGetAttribute(r->xr, (const xmlChar *)name);
	if (!v)
		return NULL;
	size_t n = strlen((const char *)v);
	const char *out = NULL;
	if (n > CPEDICT_MAX_TEXT)
		fail(r, ERR_TOO_LARGE, "%s:%d: attribute %s longer than %d bytes", r->name,
		     line_no(r), name, CPEDICT_MAX_TEXT);
	else
		out = arena_strndup(&r->arena, (const char *)v, n);
	xmlFree(v);
	return out;
}

static void item_reset(struct reader *r)
{
	arena_reset(&r->arena);
	memset(&r->item, 0, sizeof(r->item));
	memset(&r->titles, 0, sizeof(r->titles));
	memset(&r->refs, 0, sizeof(r->refs));
	memset(&r->depby, 0, sizeof(r->depby));
}

static int item_start(struct reader *r)
{
	struct cpedict_meta *m = meta(r);
	if (m->items >= CPEDICT_MAX_ITEMS)
		return fail(r, ERR_TOO_LARGE, "%s:%d: more than %d items", r->name, line_no(r),
		            CPEDICT_MAX_ITEMS);
	size_t index = m->items + 1;
	item_reset(r);
	r->in_item = true;
	r->item.index = index;
	r->item.line = (size_t)line_no(r);
	r->item.name = attr(r, "name", NULL);
	const char *dep = attr(r, "deprecated", NULL);
	r->item.deprecated = dep && strcmp(dep, "true") == 0;
	r->item.deprecation_date = attr(r, "deprecation_date", NULL);
	/* the CPE 2.2 dictionary names the replacement in an attribute */
	const char *by = attr(r, "deprecated_by", NULL);
	if (by) {
		struct cpedict_deprecated_by *d = list_add(r, &r->depby, sizeof(*d), "deprecated-by");
		if (d)
			d->name = by;
	}
	if (!r->item.name)
		return fail(r, ERR_INVALID, "%s:%zu: item %zu: cpe-item without a name", r->name,
		            r->item.line, index);
	return r->rc;
}

static int item_end(struct reader *r)
{
	struct cpedict_item *it = &r->item;
	it->titles = r->titles.v;
	it->n_titles = r->titles.n;
	it->refs = r->refs.v;
	it->n_refs = r->refs.n;
	it->deprecated_by = r->depby.v;
	it->n_deprecated_by = r->depby.n;
	r->in_item = false;
	int rc = r->cb ? r->cb(r->ctx, it) : 0;
	if (rc) {
		r->rc = rc;
		if (r->errlen)
			snprintf(r->err, r->errlen, "%s:%zu: stopped by the caller at item %zu (%s)",
			         r->name, it->line, it->index, it->name);
		return rc;
	}
	meta(r)->items++;
	item_reset(r);
	return 0;
}

static void capture(struct reader *r, enum capture c, int depth)
{
	r->cap = c;
	r->cap_depth = depth;
	buf_reset(&r->text);
}

static int copy_meta(struct reader *r, char *dst, size_t dstlen, const char *s)
{
	size_t n = strlen(s);
	if (n >= dstlen)
		return fail(r, ERR_TOO_LARGE, "%s:%d: generator field longer than %zu bytes", r->name,
		            line_no(r), dstlen - 1);
	memcpy(dst, s, n + 1);
	return 0;
}

/* The end of a captured element: its text goes where the capture said. */
static int capture_end(struct reader *r)
{
	if (r->text.overflow)
		return fail(r, ERR_TOO_LARGE, "%s:%d: text longer than %d bytes", r->name, line_no(r),
		            CPEDICT_MAX_TEXT);
	const char *s = r->text.data ? r->text.data : "";
	struct cpedict_meta *m = meta(r);
	enum capture c = r->cap;
	r->cap = CAP_NONE;
	switch (c) {
	case CAP_TITLE: {
		struct cpedict_title *t = (struct cpedict_title *)r->titles.v + r->titles.n - 1;
		t->text = arena_strndup(&r->arena, s, r->text.len);
		return 0;
	}
	case CAP_REFERENCE: {
		struct cpedict_reference *ref = (struct cpedict_reference *)r->refs.v + r->refs.n - 1;
		ref->text = arena_strndup(&r->arena, s, r->text.len);
		return 0;
	}
	case CAP_GEN_PRODUCT:
		return copy_meta(r, m->product_name, sizeof(m->product_name), s);
	case CAP_GEN_VERSION:
		return copy_meta(r, m->product_version, sizeof(m->product_version), s);
	case CAP_GEN_SCHEMA:
		return copy_meta(r, m->schema_version, sizeof(m->schema_version), s);
	case CAP_GEN_TIMESTAMP:
		return copy_meta(r, m->timestamp, sizeof(m->timestamp), s);
	default:
		return 0;
	}
}

static bool is(const xmlChar *a, const char *b)
{
	return a && strcmp((const char *)a, b) == 0;
}

static int on_element(struct reader *r, int depth)
{
	const xmlChar *ln = xmlTextReaderConstLocalName(r->xr);
	const xmlChar *ns = xmlTextReaderConstNamespaceUri(r->xr);
	bool dict = is(ns, NS_DICT), cpe23 = is(ns, NS_CPE23);
	if (depth == 0) {
		if (!dict || !is(ln, "cpe-list"))
			return fail(r, ERR_INVALID, "%s:%d: not a CPE dictionary (root is <%s>)", r->name,
			            line_no(r), ln ? (const char *)ln : "?");
		r->root_seen = true;
		return 0;
	}
	if (depth == 1) {
		r->in_generator = dict && is(ln, "generator");
		if (dict && is(ln, "cpe-item"))
			return item_start(r);
		return 0;
	}
	if (r->in_generator && depth == 2 && dict) {
		if (is(ln, "product_name"))
			capture(r, CAP_GEN_PRODUCT, depth);
		else if (is(ln, "product_version"))
			capture(r, CAP_GEN_VERSION, depth);
		else if (is(ln, "schema_version"))
			capture(r, CAP_GEN_SCHEMA, depth);
		else if (is(ln, "timestamp"))
			capture(r, CAP_GEN_TIMESTAMP, depth);
		return 0;
	}
	if (!r->in_item)
		return 0;
	if (depth == 2 && dict && is(ln, "title")) {
		struct cpedict_title *t = list_add(r, &r->titles, sizeof(*t), "titles");
		if (!t)
			return r->rc;
		const xmlChar *lang = xmlTextReaderConstXmlLang(r->xr);
		t->lang = lang ? arena_strdup(&r->arena, (const char *)lang) : NULL;
		t->text = "";
		capture(r, CAP_TITLE, depth);
	} else if (depth == 3 && dict && is(ln, "reference")) {
		struct cpedict_reference *ref = list_add(r, &r->refs, sizeof(*ref), "references");
		if (!ref)
			return r->rc;
		ref->href = attr(r, "href", NULL);
		ref->text = "";
		capture(r, CAP_REFERENCE, depth);
	} else if (depth == 2 && cpe23 && is(ln, "cpe23-item")) {
		r->item.name23 = attr(r, "name", NULL);
	} else if (depth == 3 && cpe23 && is(ln, "deprecation")) {
		if (!r->item.deprecation_date23)
			r->item.deprecation_date23 = attr(r, "date", NULL);
	} else if (depth == 4 && cpe23 && is(ln, "deprecated-by")) {
		struct cpedict_deprecated_by *d = list_add(r, &r->depby, sizeof(*d), "deprecated-by");
		if (!d)
			return r->rc;
		d->name = attr(r, "name", NULL);
		d->type = attr(r, "type", NULL);
		if (!d->name && !r->rc)
			return fail(r, ERR_INVALID, "%s:%d: item %zu: deprecated-by without a name",
			            r->name, line_no(r), r->item.index);
	}
	return r->rc;
}

static int run(struct reader *r)
{
	int ret;
	while ((ret = xmlTextReaderRead(r->xr)) == 1) {
		int type = xmlTextReaderNodeType(r->xr);
		int depth = xmlTextReaderDepth(r->xr);
		switch (type) {
		case XML_READER_TYPE_DOCUMENT_TYPE:
			return fail(r, ERR_INVALID, "%s:%d: a DOCTYPE is not allowed in a CPE dictionary",
			            r->name, line_no(r));
		case XML_READER_TYPE_ELEMENT:
			if (on_element(r, depth))
				return r->rc;
			if (xmlTextReaderIsEmptyElement(r->xr)) {
				/* <title/> or <cpe-item/>: no end tag will come */
				if (r->cap != CAP_NONE && r->cap_depth == depth && capture_end(r))
					return r->rc;
				if (depth == 1 && r->in_item && item_end(r))
					return r->rc;
			}
			break;
		case XML_READER_TYPE_TEXT:
		case XML_READER_TYPE_CDATA:
		case XML_READER_TYPE_WHITESPACE:
		case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
			if (r->cap != CAP_NONE && depth == r->cap_depth + 1) {
				const xmlChar *v = xmlTextReaderConstValue(r->xr);
				if (v)
					buf_puts(&r->text, (const char *)v);
			}
			break;
		case XML_READER_TYPE_END_ELEMENT:
			if (r->cap != CAP_NONE && depth == r->cap_depth && capture_end(r))
				return r->rc;
			if (depth == 1 && r->in_item && item_end(r))
				return r->rc;
			if (depth == 1)
				r->in_generator = false;
			break;
		default:
			break;
		}
	}
	if (ret < 0) {
		/* corrupt or truncated compression reads as a failed read (ERR_IO) */
		if (r->src->failed != ERR_OK)
			return fail(r, r->src->failed == ERR_TOO_LARGE ? ERR_TOO_LARGE : ERR_IO, "%s",
			            feed_input_error(r->src->in));
		return fail(r, ERR_INVALID, "%s: %s%s", r->name,
		            r->xml_error[0] ? r->xml_error : "XML error",
		            r->in_item ? " (inside a cpe-item)" : "");
	}
	if (!r->root_seen)
		return fail(r, ERR_INVALID, "%s: empty document", r->name);
	return 0;
}

static int read_src(const char *name, struct src *s, cpedict_item_cb cb, void *ctx,
                    struct cpedict_meta *m, char *err, size_t errlen)
{
	struct reader r;
	memset(&r, 0, sizeof(r));
	r.name = name ? name : "(cpe dictionary)";
	r.cb = cb;
	r.ctx = ctx;
	r.meta = m;
	r.err = err;
	r.errlen = err ? errlen : 0;
	r.src = s;
	if (r.errlen)
		err[0] = '\0';
	memset(meta(&r), 0, sizeof(*meta(&r)));
	xmlInitParser();
	/* encoding errors bypass the reader's own handler and go to this thread's global
	 * ones, which print to stderr: take them over for the read */
	xmlStructuredErrorFunc old_fn = xmlStructuredError;
	void *old_ctx = xmlStructuredErrorContext;
	xmlGenericErrorFunc old_gfn = xmlGenericError;
	void *old_gctx = xmlGenericErrorContext;
	xmlSetStructuredErrorFunc(&r, xml_error);
	xmlSetGenericErrorFunc(&r, xml_generic_error);
	int rc;
	/* no XML_PARSE_NOENT, DTDLOAD, DTDATTR or DTDVALID: entities stay unexpanded */
	r.xr = xmlReaderForIO(src_read, src_close, s, NULL, NULL,
	                      XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_COMPACT);
	if (!r.xr) {
		rc = fail(&r, ERR_INVALID, "%s: cannot start the XML reader (empty input?)", r.name);
	} else {
		xmlTextReaderSetStructuredErrorHandler(r.xr, xml_error, &r);
		arena_init(&r.arena, 0);
		buf_init(&r.text, CPEDICT_MAX_TEXT);
		rc = run(&r);
		buf_free(&r.text);
		arena_free(&r.arena);
		xmlFreeTextReader(r.xr);
	}
	xmlSetStructuredErrorFunc(old_ctx, old_fn);
	xmlSetGenericErrorFunc(old_gctx, old_gfn);
	return rc;
}

int cpedict_read_input(struct feed_input *in, cpedict_item_cb cb, void *ctx,
                       struct cpedict_meta *m, char *err, size_t errlen)
{
	struct src s = { .in = in };
	return read_src(feed_input_name(in), &s, cb, ctx, m, err, errlen);
}

static int open_failed(enum err e, struct cpedict_meta *m)
{
	if (m)
		memset(m, 0, sizeof(*m));
	return e == ERR_TOO_LARGE ? ERR_TOO_LARGE : ERR_IO;
}

int cpedict_read_file(const char *path, cpedict_item_cb cb, void *ctx,
                      struct cpedict_meta *m, char *err, size_t errlen)
{
	struct feed_input *in;
	enum err e = feed_input_open_file(path, CPEDICT_MAX_BYTES, &in, err, err ? errlen : 0);
	if (e != ERR_OK)
		return open_failed(e, m);
	int rc = cpedict_read_input(in, cb, ctx, m, err, errlen);
	feed_input_close(in);
	return rc;
}

int cpedict_read_mem(const char *name, const void *p, size_t len, cpedict_item_cb cb,
                     void *ctx, struct cpedict_meta *m, char *err, size_t errlen)
{
	struct feed_input *in;
	enum err e = feed_input_open_mem(p, p ? len : 0, name ? name : "(cpe dictionary)",
	                                 CPEDICT_MAX_BYTES, &in, err, err ? errlen : 0);
	if (e != ERR_OK)
		return open_failed(e, m);
	int rc = cpedict_read_input(in, cb, ctx, m, err, errlen);
	feed_input_close(in);
	return rc;
}
