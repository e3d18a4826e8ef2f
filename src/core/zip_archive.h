/* Reading members of an untrusted zip archive held in memory (libzip underneath): caps on
 * the number of entries, on each member's and on all members' uncompressed bytes, counted
 * as they are inflated (declared sizes are not trusted), and no encrypted members. And
 * writing a new archive into memory (zip_writer), for XLSX files and other exports. */
#ifndef VANS_CORE_ZIP_ARCHIVE_H
#define VANS_CORE_ZIP_ARCHIVE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/err.h"

struct zip_limits {
	uint32_t max_entries;      /* 0: 10,000 */
	uint64_t max_member;       /* uncompressed bytes of one member; 0: 256 MiB */
	uint64_t max_total;        /* uncompressed bytes of every member read; 0: 1 GiB */
};

struct zip_archive;
struct zip_member;

/* True when the bytes begin like a zip archive (a local file header, or the end record of
 * an empty archive). */
bool zip_archive_sniff(const void *p, size_t len);

/* Opens an archive over a caller's buffer, which must outlive it. limits may be NULL.
 * Errors: ERR_INVALID (not a readable zip) or ERR_TOO_LARGE (too many entries), with a
 * message in err. */
enum err zip_archive_open_mem(const void *p, size_t len, const struct zip_limits *limits,
			      struct zip_archive **out, char *err, size_t errlen);
void zip_archive_close(struct zip_archive *z);   /* NULL is a no-op */

size_t zip_archive_count(const struct zip_archive *z);
/* The entry's name as stored (UTF-8 or CP437 guessed by libzip), "" if unreadable. */
const char *zip_archive_name(struct zip_archive *z, size_t index);
/* The index of a member by name, compared without regard to ASCII case (OPC part names
 * are case-insensitive); -1 when absent. */
long zip_archive_find(struct zip_archive *z, const char *name);

/* Opens a member for reading. Errors: ERR_INVALID (encrypted, unknown compression,
 * corrupt), ERR_TOO_LARGE (its declared size is over the cap). */
enum err zip_member_open(struct zip_archive *z, size_t index, struct zip_member **out,
			 char *err, size_t errlen);
/* Reads up to len bytes: the count, 0 at the end, -1 on failure (ERR_TOO_LARGE once the
 * member or the archive's total passes its cap, ERR_INVALID when corrupt: see
 * zip_member_status and zip_member_error). */
long zip_member_read(struct zip_member *m, void *dst, size_t len);
enum err zip_member_status(const struct zip_member *m);
const char *zip_member_error(const struct zip_member *m);
void zip_member_close(struct zip_member *m);   /* NULL is a no-op */

/* Reads a whole member into out (reset first), at most max bytes (also capped by the
 * limits). */
enum err zip_archive_read(struct zip_archive *z, size_t index, size_t max, struct buf *out,
			  char *err, size_t errlen);

/* ---- writing ---------------------------------------------------------------------- */

/* A new archive built in memory: members are added in order (deflated), then the whole
 * archive is appended to a buffer. Member names must be unique. */
struct zip_writer;

enum err zip_writer_new(struct zip_writer **out, char *err, size_t errlen);
/* Adds a member with a copy of p[0..len). ERR_INVALID (a duplicate or empty name). */
enum err zip_writer_add(struct zip_writer *w, const char *name, const void *p, size_t len, char *err,
			size_t errlen);
/* Writes the archive and appends it to out (ERR_TOO_LARGE when out's cap refuses it).
 * Frees the writer whatever the result. */
enum err zip_writer_finish(struct zip_writer *w, struct buf *out, char *err, size_t errlen);
/* Frees a writer without writing anything (NULL is a no-op). */
void zip_writer_discard(struct zip_writer *w);

#endif
