/* Region allocator: many small allocations freed in one go (per request, per record).
 * Memory returned by arena_* belongs to the arena and lives until arena_reset/arena_free. */
#ifndef VANS_CORE_ARENA_H
#define VANS_CORE_ARENA_H

#include <stdarg.h>
#include <stddef.h>

struct arena_block;

struct arena {
	struct arena_block *head;   /* current block; older blocks follow */
	size_t block_size;          /* size of ordinary blocks */
	size_t used_total;          /* bytes handed out since the last reset */
};

/* block_size 0 picks a default (16 KiB). */
void arena_init(struct arena *a, size_t block_size);
/* Releases every block but the first, so a reused arena stops calling malloc. */
void arena_reset(struct arena *a);
void arena_free(struct arena *a);

void *arena_alloc(struct arena *a, size_t n);       /* aligned to max_align_t */
void *arena_zalloc(struct arena *a, size_t n);
/* An arena array about to take element number `used`: returns v when it has room, else a
 * copy with twice the capacity (*cap updated; the old block stays in the arena). */
void *arena_grow(struct arena *a, void *v, size_t used, size_t *cap, size_t size);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_strdup(struct arena *a, const char *s);
char *arena_printf(struct arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
char *arena_vprintf(struct arena *a, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));

#endif
