/* application/x-www-form-urlencoded parsing (request bodies and query strings) and
 * percent-decoding. Caps the number of fields; input is a slice, output in the arena. */
#ifndef VANS_WEB_FORM_H
#define VANS_WEB_FORM_H

#include <stddef.h>

#include "core/arena.h"
#include "web/http.h"

#define FORM_MAX_FIELDS 1000

/* Parses "a=1&b=x+y%21"; returns the fields in order, or sets *too_many when over the cap
 * (the first FORM_MAX_FIELDS are still returned). Malformed escapes are kept literally. */
struct kv *form_parse(struct arena *a, const char *p, size_t len, int *too_many);
/* The first value of a field, or NULL. */
const char *form_get(const struct kv *fields, const char *name);
/* Percent-decodes (and '+' → space when plus_is_space) into the arena. */
char *url_decode(struct arena *a, const char *p, size_t len, int plus_is_space, size_t *outlen);

/* Percent-encodes s for a query-string value (RFC 3986 unreserved characters kept). */
void url_encode(struct buf *out, const char *s, size_t len);

#endif
