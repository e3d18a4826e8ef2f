/* multipart/form-data parsing (RFC 7578) for file uploads: the parts of a body with their
 * field name, file name and content type. Input is the client's: a fuzz target covers it. */
#ifndef VANS_WEB_MULTIPART_H
#define VANS_WEB_MULTIPART_H

#include <stddef.h>

#include "core/arena.h"

#define MULTIPART_MAX_PARTS 32

struct mp_part {
	const char *name;          /* form field name ("" when absent) */
	const char *filename;      /* NULL for ordinary fields */
	const char *content_type;  /* "" when absent */
	const char *data;          /* points into the body */
	size_t len;
	struct mp_part *next;
};

/* Parses body under the Content-Type header value ct; NULL when ct is not multipart or the
 * body is malformed. Strings are in the arena, data points into body. */
struct mp_part *multipart_parse(struct arena *a, const char *ct, const char *body, size_t len);
const struct mp_part *multipart_get(const struct mp_part *parts, const char *name);

#endif
