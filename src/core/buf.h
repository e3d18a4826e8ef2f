/* Growable byte buffer with an explicit cap: appends beyond the cap fail (return -1)
 * instead of growing without bound. The data is always NUL-terminated for convenience. */
#ifndef VANS_CORE_BUF_H
#define VANS_CORE_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char *data;     /* owned; NUL-terminated after every successful append */
	size_t len;
	size_t cap;     /* allocated bytes */
	size_t max;     /* hard limit on len; buf_init(b, 0) sets BUF_DEFAULT_MAX (a zeroed buf takes nothing) */
	int overflow;   /* set once an append was refused */
};

#define BUF_DEFAULT_MAX ((size_t)64 * 1024 * 1024)

void buf_init(struct buf *b, size_t max);
void buf_free(struct buf *b);
void buf_reset(struct buf *b);
int buf_append(struct buf *b, const void *p, size_t n);
int buf_puts(struct buf *b, const char *s);
int buf_putc(struct buf *b, char c);
int buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int buf_vprintf(struct buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/* Hands the data to the caller (who frees it) and leaves the buffer empty. */
char *buf_detach(struct buf *b, size_t *len);

#endif
