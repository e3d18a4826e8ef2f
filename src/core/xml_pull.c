/* The safe XML pull reader over libxml2's xmlTextReader: options fixed at NONET without
 * NOENT/DTDLOAD/DTDATTR, a DOCTYPE is an error, the source is capped, and libxml2's error
 * handlers are taken over for each read so nothing reaches stderr. */
#include "core/xml_pull.h"

#include "core/alloc.h"

#include <libxml/xmlreader.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_MAX_BYTES ((uint64_t)1 << 30)

struct xml_pull {
	xmlTextReaderPtr xr;
	/* the source */
	const char *mem;
	size_t memlen, mempos;
	xml_read_fn fn;
	void *fn_ctx;
	uint64_t total, max;
	bool too_large;
	bool source_failed;
	bool source_ended;
	long open_elements;  /* started and not yet ended */
	struct prolog {
		int state;
		int matched;
		long line;
		bool done;
		bool doctype;
	} prolog;

	bool pending_end;   /* the last START was <a/>: its END comes next */
	bool failed;
	enum err status;
	char error[256];    /* the first error, with its line */

	xmlChar **attrs;    /* attribute values handed out since the last call */
	size_t n_attrs, cap_attrs;
};

/* The prolog, watched as bytes arrive, before libxml2 parses any of it: a DOCTYPE is
 * refused here so that no internal subset (entity declarations) is ever parsed. NUL
 * bytes are skipped, so UTF-16 and UTF-32 prologs are read the same way. */
enum { P_TEXT, P_LT, P_BANG, P_BANG_DASH, P_COMMENT, P_COMMENT_D1, P_COMMENT_D2, P_PI, P_PI_Q };

static void prolog_scan(struct prolog *pr, const unsigned char *p, size_t n)
{
	static const char doctype[] = "DOCTYPE";
	for (size_t i = 0; i < n && !pr->done; i++) {
		unsigned char c = p[i];
		if (c == 0)
			continue;
		if (c == '\n')
			pr->line++;
		switch (pr->state) {
		case P_TEXT:
			if (c == '<')
				pr->state = P_LT;
			break;
		case P_LT:
			if (c == '!') {
				pr->state = P_BANG;
				pr->matched = 0;
			} else if (c == '?') {
				pr->state = P_PI;
			} else {
				pr->done = true;   /* the root element: the prolog is over */
			}
			break;
		case P_BANG:
			if (pr->matched == 0 && c == '-') {
				pr->state = P_BANG_DASH;
			} else if (c == (unsigned char)doctype[pr->matched]) {
				if (++pr->matched == 7) {
					pr->doctype = true;
					pr->done = true;
				}
			} else {
				pr->done = true;   /* not well-formed: libxml2 will say so */
			}
			break;
		case P_BANG_DASH:
			if (c == '-')
				pr->state = P_COMMENT;
			else
				pr->done = true;
			break;
		case P_COMMENT:
			if (c == '-')
				pr->state = P_COMMENT_D1;
			break;
		case P_COMMENT_D1:
			pr->state = c == '-' ? P_COMMENT_D2 : P_COMMENT;
			break;
		case P_COMMENT_D2:
			if (c == '>')
				pr->state = P_TEXT;
			else if (c != '-')
				pr->state = P_COMMENT;
			break;
		case P_PI:
			if (c == '?')
				pr->state = P_PI_Q;
			break;
		case P_PI_Q:
			if (c == '>')
				pr->state = P_TEXT;
			else if (c != '?')
				pr->state = P_PI;
			break;
		default:
			pr->done = true;
		}
	}
}

static int src_read(void *ctx, char *dst, int len)
{
	struct xml_pull *x = ctx;
	if (len <= 0)
		return 0;
	size_t n = (size_t)len;
	long got;
	if (x->fn) {
		got = x->fn(x->fn_ctx, dst, n);
		if (got < 0) {
			x->source_failed = true;
			return -1;
		}
		if ((size_t)got > n)
			got = (long)n;
		if (got == 0)
			x->source_ended = true;
	} else {
		size_t left = x->memlen - x->mempos;
		size_t take = left < n ? left : n;
		if (take)
			memcpy(dst, x->mem + x->mempos, take);
		x->mempos += take;
		got = (long)take;
		if (take == 0)
			x->source_ended = true;
	}
	x->total += (uint64_t)got;
	if (x->total > x->max) {
		x->too_large = true;
		return -1;
	}
	if (!x->prolog.done) {
		prolog_scan(&x->prolog, (const unsigned char *)dst, (size_t)got);
		if (x->prolog.doctype)
			return -1;
	}
	return (int)got;
}

static int src_close(void *ctx)
{
	(void)ctx;   /* the caller owns the source */
	return 0;
}

static void trim_message(char *s)
{
	size_t n = strlen(s);
	while (n && (s[n - 1] == '\n' || s[n - 1] == ' ' || s[n - 1] == '.'))
		s[--n] = '\0';
}

static void on_error(void *arg, xmlErrorPtr e)
{
	struct xml_pull *x = arg;
	if (x->error[0] || !e)
		return;
	snprintf(x->error, sizeof(x->error), "line %d: %s", e->line,
	         e->message ? e->message : "XML error");
	trim_message(x->error);
}

/* libxml2 reports some input failures ("encoder error") through the generic handler. */
static void on_generic_error(void *arg, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void on_generic_error(void *arg, const char *fmt, ...)
{
	struct xml_pull *x = arg;
	if (x->error[0])
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(x->error, sizeof(x->error), fmt, ap);
	va_end(ap);
	trim_message(x->error);
}

/* Takes over this thread's libxml2 error handlers for one call into the reader. */
struct handlers {
	xmlStructuredErrorFunc fn;
	void *ctx;
	xmlGenericErrorFunc gfn;
	void *gctx;
};

static void take_handlers(struct xml_pull *x, struct handlers *h)
{
	h->fn = xmlStructuredError;
	h->ctx = xmlStructuredErrorContext;
	h->gfn = xmlGenericError;
	h->gctx = xmlGenericErrorContext;
	xmlSetStructuredErrorFunc(x, on_error);
	xmlSetGenericErrorFunc(x, on_generic_error);
}

static void give_back_handlers(const struct handlers *h)
{
	xmlSetStructuredErrorFunc(h->ctx, h->fn);
	xmlSetGenericErrorFunc(h->gctx, h->gfn);
}

static enum xml_event fail(struct xml_pull *x, enum err e, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static enum xml_event fail(struct xml_pull *x, enum err e, const char *fmt, ...)
{
	if (!x->failed) {
		x->failed = true;
		x->status = e;
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(x->error, sizeof(x->error), fmt, ap);
		va_end(ap);
	}
	return XML_EV_ERROR;
}

long xml_pull_line(const struct xml_pull *x)
{
	if (!x->xr)
		return 1;
	xmlNodePtr node = xmlTextReaderCurrentNode(x->xr);
	long line = node ? xmlGetLineNo(node) : -1;
	if (line > 0 && line < 65535)
		return line;
	return xmlTextReaderGetParserLineNumber(x->xr);
}

/* The reader said -1: says why, the source's reason first. */
static enum xml_event read_failed(struct xml_pull *x)
{
	if (x->prolog.doctype)
		return fail(x, ERR_INVALID, "line %ld: a DOCTYPE is not allowed", x->prolog.line + 1);
	if (x->total == 0 && !x->source_failed)
		return fail(x, ERR_INVALID, "line 1: an empty document");
	if (x->too_large)
		return fail(x, ERR_TOO_LARGE, "larger than %llu bytes", (unsigned long long)x->max);
	if (x->source_failed)
		return fail(x, ERR_IO, "the input could not be read");
	if (x->source_ended && x->open_elements > 0)
		return fail(x, ERR_INVALID, "line %ld: the document ends before its elements close "
		            "(truncated?)", xml_pull_line(x));
	char msg[256];
	snprintf(msg, sizeof(msg), "%s", x->error[0] ? x->error : "not well-formed XML");
	x->error[0] = '\0';
	return fail(x, ERR_INVALID, "%s", msg);
}

/* The reader reads its first bytes when it is created: the source is set before. */
static struct xml_pull *start(struct xml_pull *x, uint64_t max_bytes)
{
	x->max = max_bytes ? max_bytes : DEFAULT_MAX_BYTES;
	xmlInitParser();
	struct handlers h;
	take_handlers(x, &h);
	/* no XML_PARSE_NOENT, DTDLOAD, DTDATTR or DTDVALID: entities stay unexpanded and
	 * nothing outside the document is ever read */
	x->xr = xmlReaderForIO(src_read, src_close, x, NULL, NULL,
	                       XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_COMPACT);
	give_back_handlers(&h);
	if (!x->xr) {
		read_failed(x);
	} else {
		xmlTextReaderSetStructuredErrorHandler(x->xr, on_error, x);
	}
	return x;
}

struct xml_pull *xml_pull_new_mem(const void *p, size_t len, uint64_t max_bytes)
{
	struct xml_pull *x = xcalloc(1, sizeof(*x));
	x->mem = p;
	x->memlen = p ? len : 0;
	return start(x, max_bytes);
}

struct xml_pull *xml_pull_new_io(xml_read_fn fn, void *ctx, uint64_t max_bytes)
{
	struct xml_pull *x = xcalloc(1, sizeof(*x));
	x->fn = fn;
	x->fn_ctx = ctx;
	return start(x, max_bytes);
}

static void drop_attrs(struct xml_pull *x)
{
	for (size_t i = 0; i < x->n_attrs; i++)
		xmlFree(x->attrs[i]);
	x->n_attrs = 0;
}

void xml_pull_free(struct xml_pull *x)
{
	if (!x)
		return;
	drop_attrs(x);
	free(x->attrs);
	if (x->xr)
		xmlFreeTextReader(x->xr);
	free(x);
}

enum xml_event xml_pull_next(struct xml_pull *x)
{
	drop_attrs(x);
	if (x->failed)
		return XML_EV_ERROR;
	if (x->pending_end) {
		x->pending_end = false;
		x->open_elements--;
		return XML_EV_END;
	}
	for (;;) {
		struct handlers h;
		take_handlers(x, &h);
		int ret = xmlTextReaderRead(x->xr);
		give_back_handlers(&h);
		if (ret == 0)
			return XML_EV_EOF;
		if (ret < 0)
			return read_failed(x);
		switch (xmlTextReaderNodeType(x->xr)) {
		case XML_READER_TYPE_DOCUMENT_TYPE:
			return fail(x, ERR_INVALID, "line %ld: a DOCTYPE is not allowed", xml_pull_line(x));
		case XML_READER_TYPE_ENTITY_REFERENCE:
		case XML_READER_TYPE_ENTITY:
			return fail(x, ERR_INVALID, "line %ld: entity references are not allowed",
			            xml_pull_line(x));
		case XML_READER_TYPE_ELEMENT:
			if (xmlTextReaderIsEmptyElement(x->xr))
				x->pending_end = true;
			x->open_elements++;
			return XML_EV_START;
		case XML_READER_TYPE_END_ELEMENT:
			x->open_elements--;
			return XML_EV_END;
		case XML_READER_TYPE_TEXT:
		case XML_READER_TYPE_CDATA:
		case XML_READER_TYPE_WHITESPACE:
		case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
			return XML_EV_TEXT;
		default:
			break;   /* comments, processing instructions, the XML declaration */
		}
	}
}

const char *xml_pull_name(const struct xml_pull *x)
{
	const xmlChar *n = x->xr ? xmlTextReaderConstLocalName(x->xr) : NULL;
	return n ? (const char *)n : "";
}

const char *xml_pull_ns(const struct xml_pull *x)
{
	const xmlChar *n = x->xr ? xmlTextReaderConstNamespaceUri(x->xr) : NULL;
	return (const char *)n;
}

int xml_pull_depth(const struct xml_pull *x)
{
	return x->xr ? xmlTextReaderDepth(x->xr) : 0;
}

static const char *keep(struct xml_pull *x, xmlChar *v)
{
	if (!v)
		return NULL;
	if (x->n_attrs == x->cap_attrs) {
		x->cap_attrs = x->cap_attrs ? x->cap_attrs * 2 : 8;
		x->attrs = xrealloc(x->attrs, x->cap_attrs * sizeof(*x->attrs));
	}
	x->attrs[x->n_attrs++] = v;
	return (const char *)v;
}

const char *xml_pull_attr(struct xml_pull *x, const char *name)
{
	if (x->failed || !x->xr || xmlTextReaderNodeType(x->xr) != XML_READER_TYPE_ELEMENT)
		return NULL;
	return keep(x, xmlTextReaderGetAttribute(x->xr, (const xmlChar *)name));
}

const char *xml_pull_attr_ns(struct xml_pull *x, const char *local, const char *ns)
{
	if (x->failed || !x->xr || xmlTextReaderNodeType(x->xr) != XML_READER_TYPE_ELEMENT)
		return NULL;
	if (ns)
		return keep(x, xmlTextReaderGetAttributeNs(x->xr, (const xmlChar *)local,
		                                           (const xmlChar *)ns));
	/* any namespace: walk the attributes, then return to the element */
	const char *found = NULL;
	if (xmlTextReaderMoveToFirstAttribute(x->xr) == 1) {
		do {
			const xmlChar *ln = xmlTextReaderConstLocalName(x->xr);
			const xmlChar *uri = xmlTextReaderConstNamespaceUri(x->xr);
			if (uri && ln && strcmp((const char *)ln, local) == 0 &&
			    strcmp((const char *)uri, "http://www.w3.org/2000/xmlns/") != 0) {
				found = keep(x, xmlTextReaderValue(x->xr));
				break;
			}
		} while (xmlTextReaderMoveToNextAttribute(x->xr) == 1);
		xmlTextReaderMoveToElement(x->xr);
	}
	return found;
}

const char *xml_pull_text(const struct xml_pull *x, size_t *len)
{
	const xmlChar *v = x->xr ? xmlTextReaderConstValue(x->xr) : NULL;
	const char *s = v ? (const char *)v : "";
	if (len)
		*len = strlen(s);
	return s;
}

enum err xml_pull_status(const struct xml_pull *x)
{
	return x->failed ? x->status : ERR_OK;
}

const char *xml_pull_error(const struct xml_pull *x)
{
	return x->failed ? x->error : "";
}
