/* Zip members out of memory through libzip, with the caps of zip_archive.h counted on the
 * bytes actually inflated: a member that declares 1 KB and inflates to 1 GB stops at the
 * cap like one that declares it honestly. */
#include "core/zip_archive.h"

#include "core/alloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#define DEFAULT_MAX_ENTRIES 10000u
#define DEFAULT_MAX_MEMBER ((uint64_t)256 << 20)
#define DEFAULT_MAX_TOTAL ((uint64_t)1 << 30)

struct zip_archive {
	zip_t *za;
	struct zip_limits lim;
	size_t count;
	uint64_t total;   /* bytes inflated from every member so far */
};

struct zip_member {
	struct zip_archive *z;
	zip_file_t *zf;
	uint64_t got;
	enum err status;
	char error[200];
};

static void say(char *err, size_t errlen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void say(char *err, size_t errlen, const char *fmt, ...)
{
	if (!err || !errlen)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

bool zip_archive_sniff(const void *p, size_t len)
{
	const unsigned char *b = p;
	if (!p || len < 4 || b[0] != 'P' || b[1] != 'K')
		return false;
	return (b[2] == 3 && b[3] == 4) || (b[2] == 5 && b[3] == 6);
}

enum err zip_archive_open_mem(const void *p, size_t len, const struct zip_limits *limits,
			      struct zip_archive **out, char *err, size_t errlen)
{
	*out = NULL;
	struct zip_limits lim = { 0 };
	if (limits)
		lim = *limits;
	if (!lim.max_entries)
		lim.max_entries = DEFAULT_MAX_ENTRIES;
	if (!lim.max_member)
		lim.max_member = DEFAULT_MAX_MEMBER;
	if (!lim.max_total)
		lim.max_total = DEFAULT_MAX_TOTAL;
	if (!p || len == 0) {
		say(err, errlen, "not a zip archive: empty input");
		return ERR_INVALID;
	}
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(p, len, 0, &ze);
	if (!src) {
		say(err, errlen, "not a zip archive: %s", zip_error_strerror(&ze));
		zip_error_fini(&ze);
		return ERR_INVALID;
	}
	zip_t *za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
	if (!za) {
		say(err, errlen, "not a readable zip archive: %s", zip_error_strerror(&ze));
		zip_source_free(src);
		zip_error_fini(&ze);
		return ERR_INVALID;
	}
	zip_error_fini(&ze);
	zip_int64_t n = zip_get_num_entries(za, 0);
	if (n < 0 || (uint64_t)n > lim.max_entries) {
		say(err, errlen, "the zip archive has %lld entries, more than %u", (long long)n,
		    lim.max_entries);
		zip_discard(za);
		return ERR_TOO_LARGE;
	}
	struct zip_archive *z = xcalloc(1, sizeof(*z));
	z->za = za;
	z->lim = lim;
	z->count = (size_t)n;
	*out = z;
	return ERR_OK;
}

void zip_archive_close(struct zip_archive *z)
{
	if (!z)
		return;
	zip_discard(z->za);
	free(z);
}

size_t zip_archive_count(const struct zip_archive *z)
{
	return z->count;
}

const char *zip_archive_name(struct zip_archive *z, size_t index)
{
	if (index >= z->count)
		return "";
	const char *n = zip_get_name(z->za, (zip_uint64_t)index, 0);
	return n ? n : "";
}

long zip_archive_find(struct zip_archive *z, const char *name)
{
	zip_int64_t i = zip_name_locate(z->za, name, ZIP_FL_NOCASE);
	return i < 0 ? -1 : (long)i;
}

enum err zip_member_open(struct zip_archive *z, size_t index, struct zip_member **out,
			 char *err, size_t errlen)
{
	*out = NULL;
	if (index >= z->count) {
		say(err, errlen, "no zip member %zu", index);
		return ERR_NOT_FOUND;
	}
	const char *name = zip_archive_name(z, index);
	zip_stat_t st;
	zip_stat_init(&st);
	if (zip_stat_index(z->za, (zip_uint64_t)index, 0, &st) != 0) {
		say(err, errlen, "%s: unreadable zip entry: %s", name, zip_strerror(z->za));
		return ERR_INVALID;
	}
	if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE) {
		say(err, errlen, "%s: encrypted zip members are not read", name);
		return ERR_INVALID;
	}
	if ((st.valid & ZIP_STAT_COMP_METHOD) &&
	    !zip_compression_method_supported((zip_int32_t)st.comp_method, 0)) {
		say(err, errlen, "%s: unsupported zip compression method %u", name,
		    (unsigned)st.comp_method);
		return ERR_INVALID;
	}
	if ((st.valid & ZIP_STAT_SIZE) && st.size > z->lim.max_member) {
		say(err, errlen, "%s: %llu bytes uncompressed, more than %llu", name,
		    (unsigned long long)st.size, (unsigned long long)z->lim.max_member);
		return ERR_TOO_LARGE;
	}
	zip_file_t *zf = zip_fopen_index(z->za, (zip_uint64_t)index, 0);
	if (!zf) {
		say(err, errlen, "%s: cannot open the zip member: %s", name, zip_strerror(z->za));
		return ERR_INVALID;
	}
	struct zip_member *m = xcalloc(1, sizeof(*m));
	m->z = z;
	m->zf = zf;
	*out = m;
	return ERR_OK;
}

static long member_fail(struct zip_member *m, enum err e, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static long member_fail(struct zip_member *m, enum err e, const char *fmt, ...)
{
	if (m->status == ERR_OK) {
		m->status = e;
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(m->error, sizeof(m->error), fmt, ap);
		va_end(ap);
	}
	return -1;
}

long zip_member_read(struct zip_member *m, void *dst, size_t len)
{
	if (m->status != ERR_OK)
		return -1;
	if (len == 0)
		return 0;
	/* ask for one byte more than the caps allow, so passing them is seen */
	uint64_t room = m->z->lim.max_member - m->got;
	uint64_t room_total = m->z->lim.max_total - m->z->total;
	if (room_total < room)
		room = room_total;
	if ((uint64_t)len > room + 1)
		len = (size_t)(room + 1);
	zip_int64_t n = zip_fread(m->zf, dst, (zip_uint64_t)len);
	if (n < 0)
		return member_fail(m, ERR_INVALID, "corrupt zip member: %s", zip_file_strerror(m->zf));
	m->got += (uint64_t)n;
	m->z->total += (uint64_t)n;
	if (m->got > m->z->lim.max_member)
		return member_fail(m, ERR_TOO_LARGE, "a zip member inflates to more than %llu bytes",
		                   (unsigned long long)m->z->lim.max_member);
	if (m->z->total > m->z->lim.max_total)
		return member_fail(m, ERR_TOO_LARGE, "the zip members inflate to more than %llu bytes",
		                   (unsigned long long)m->z->lim.max_total);
	return (long)n;
}

enum err zip_member_status(const struct zip_member *m)
{
	return m->status;
}

const char *zip_member_error(const struct zip_member *m)
{
	return m->error;
}

void zip_member_close(struct zip_member *m)
{
	if (!m)
		return;
	zip_fclose(m->zf);
	free(m);
}

enum err zip_archive_read(struct zip_archive *z, size_t index, size_t max, struct buf *out,
			  char *err, size_t errlen)
{
	buf_reset(out);
	struct zip_member *m;
	enum err e = zip_member_open(z, index, &m, err, errlen);
	if (e)
		return e;
	char chunk[16384];
	for (;;) {
		long n = zip_member_read(m, chunk, sizeof(chunk));
		if (n < 0) {
			e = zip_member_status(m);
			say(err, errlen, "%s: %s", zip_archive_name(z, index), zip_member_error(m));
			break;
		}
		if (n == 0)
			break;
		if ((size_t)n > max - out->len || buf_append(out, chunk, (size_t)n) < 0) {
			e = ERR_TOO_LARGE;
			say(err, errlen, "%s: more than %zu bytes", zip_archive_name(z, index), max);
			break;
		}
	}
	zip_member_close(m);
	return e;
}

/* ---- writing ---------------------------------------------------------------------- */

struct zip_writer {
	zip_source_t *src;   /* the memory the archive is written to (kept past zip_close) */
	zip_t *za;
};

enum err zip_writer_new(struct zip_writer **out, char *err, size_t errlen)
{
	*out = NULL;
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
	if (!src) {
		say(err, errlen, "cannot start a zip archive: %s", zip_error_strerror(&ze));
		zip_error_fini(&ze);
		return ERR_INTERNAL;
	}
	zip_t *za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
	if (!za) {
		say(err, errlen, "cannot start a zip archive: %s", zip_error_strerror(&ze));
		zip_source_free(src);
		zip_error_fini(&ze);
		return ERR_INTERNAL;
	}
	zip_error_fini(&ze);
	zip_source_keep(src);
	struct zip_writer *w = xcalloc(1, sizeof(*w));
	w->src = src;
	w->za = za;
	*out = w;
	return ERR_OK;
}

enum err zip_writer_add(struct zip_writer *w, const char *name, const void *p, size_t len, char *err,
			size_t errlen)
{
	if (!name || !*name) {
		say(err, errlen, "a zip member needs a name");
		return ERR_INVALID;
	}
	void *copy = xmalloc(len ? len : 1);
	if (len)
		memcpy(copy, p, len);
	zip_source_t *s = zip_source_buffer(w->za, copy, len, 1);
	if (!s) {
		free(copy);
		say(err, errlen, "%s: %s", name, zip_strerror(w->za));
		return ERR_INTERNAL;
	}
	zip_int64_t i = zip_file_add(w->za, name, s, ZIP_FL_ENC_UTF_8);
	if (i < 0) {
		zip_source_free(s);
		say(err, errlen, "%s: %s", name, zip_strerror(w->za));
		return ERR_INVALID;
	}
	zip_set_file_compression(w->za, (zip_uint64_t)i, ZIP_CM_DEFLATE, 6);
	/* a fixed time, so the same content gives the same bytes */
	zip_file_set_mtime(w->za, (zip_uint64_t)i, 315532800 + 86400, 0);
	return ERR_OK;
}

void zip_writer_discard(struct zip_writer *w)
{
	if (!w)
		return;
	if (w->za)
		zip_discard(w->za);
	zip_source_free(w->src);
	free(w);
}

enum err zip_writer_finish(struct zip_writer *w, struct buf *out, char *err, size_t errlen)
{
	enum err e = ERR_OK;
	if (zip_close(w->za) != 0) {
		say(err, errlen, "cannot write the zip archive: %s", zip_strerror(w->za));
		zip_discard(w->za);
		w->za = NULL;
		zip_writer_discard(w);
		return ERR_INVALID;
	}
	w->za = NULL;
	zip_stat_t st;
	zip_stat_init(&st);
	if (zip_source_stat(w->src, &st) != 0 || zip_source_open(w->src) != 0) {
		say(err, errlen, "cannot read the written zip archive");
		zip_writer_discard(w);
		return ERR_INVALID;
	}
	char chunk[16384];
	zip_int64_t n;
	while ((n = zip_source_read(w->src, chunk, sizeof chunk)) > 0)
		if (buf_append(out, chunk, (size_t)n) != 0) {
			say(err, errlen, "the zip archive is larger than allowed");
			e = ERR_TOO_LARGE;
			break;
		}
	if (n < 0 && e == ERR_OK) {
		say(err, errlen, "cannot read the written zip archive");
		e = ERR_INVALID;
	}
	zip_source_close(w->src);
	zip_writer_discard(w);
	return e;
}
