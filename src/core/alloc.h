/* Allocation wrappers: every allocation in vans goes through these, and failure aborts
 * (as Redis does). That is safe only because every buffer, body and import is capped. */
#ifndef VANS_CORE_ALLOC_H
#define VANS_CORE_ALLOC_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
/* Returns a NUL-terminated copy of the first n bytes of s; the caller frees it. */
char *xstrndup(const char *s, size_t n);
char *xstrdup(const char *s);

#endif
