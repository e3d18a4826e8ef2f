/* A safe pull reader for untrusted XML (libxml2's xmlTextReader underneath): no network,
 * no DTD loading, no entity substitution, a DOCTYPE refused, input bytes capped. Callers
 * see start/end/text events and never a libxml2 type. */
#ifndef VANS_CORE_XML_PULL_H
#define VANS_CORE_XML_PULL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

enum xml_event {
	XML_EV_EOF,     /* the document ended well-formed */
	XML_EV_START,   /* an element's start tag; <a/> is followed by its own XML_EV_END */
	XML_EV_END,
	XML_EV_TEXT,    /* character data, CDATA or whitespace inside an element */
	XML_EV_ERROR,   /* see xml_pull_status and xml_pull_error; every later call repeats it */
	XML_EV__MAX
};

/* Supplies input: fills dst with up to len bytes, returns how many, 0 at the end, -1 on
 * failure (the source keeps its own reason; xml_pull_status then says ERR_IO). */
typedef long (*xml_read_fn)(void *ctx, char *dst, size_t len);

struct xml_pull;

/* max_bytes caps the bytes read from the source (0: 1 GiB). Over a caller's buffer, which
 * must outlive the reader; or over a read function. Allocation failure aborts. */
struct xml_pull *xml_pull_new_mem(const void *p, size_t len, uint64_t max_bytes);
struct xml_pull *xml_pull_new_io(xml_read_fn fn, void *ctx, uint64_t max_bytes);
void xml_pull_free(struct xml_pull *x);   /* NULL is a no-op */

enum xml_event xml_pull_next(struct xml_pull *x);

/* Of the current START or END: local name and namespace URI (NULL without one). */
const char *xml_pull_name(const struct xml_pull *x);
const char *xml_pull_ns(const struct xml_pull *x);
/* Element depth: the root is 0; a TEXT event has its element's depth + 1. */
int xml_pull_depth(const struct xml_pull *x);
/* Line of the current node (1-based; libxml2 stops counting exactly at 65,535 and the
 * parser's position, a few lines ahead, serves beyond). */
long xml_pull_line(const struct xml_pull *x);

/* Attributes of the current START, valid until the next call: by unprefixed name, or by
 * local name and namespace URI (ns NULL: any namespace but none). NULL when absent. */
const char *xml_pull_attr(struct xml_pull *x, const char *name);
const char *xml_pull_attr_ns(struct xml_pull *x, const char *local, const char *ns);

/* The text of a TEXT event (UTF-8, NUL-terminated, entities and character references
 * already replaced), valid until the next call. */
const char *xml_pull_text(const struct xml_pull *x, size_t *len);

/* After XML_EV_ERROR: ERR_INVALID (not well-formed, a DOCTYPE), ERR_TOO_LARGE (the byte
 * cap), ERR_IO (the source failed) and a message with the line ("line 3: ..."). */
enum err xml_pull_status(const struct xml_pull *x);
const char *xml_pull_error(const struct xml_pull *x);

#endif
