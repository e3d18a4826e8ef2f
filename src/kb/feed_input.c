/* Feed packaging: plain, gzip and single-member zip, read as one capped byte stream. The
 * only file that includes zlib.h and zip.h, so the feed readers never know how the bytes
 * were packed and the caps live in one place. */
#include "kb/feed_input.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zip.h>
#include <zlib.h>

#include "core/alloc.h"

struct feed_input {
	enum feed_kind kind;
	char *name;
	char *path;                   /* file inputs; NULL for memory */
	int fd;                       /* plain and gzip files; -1 otherwise */
	const unsigned char *mem;     /* memory inputs */
	size_t mem_len;
	size_t mem_pos;
	unsigned char *inbuf;         /* file reads land here */
	const unsigned char *in_p;    /* packaged bytes taken from the source, not yet used */
	size_t in_n;
	bool in_eof;                  /* the source has nothing more */
	uint64_t src_taken;           /* packaged bytes taken from the source */
	unsigned char *outbuf;        /* decompressed output */
	z_stream zs;
	bool zs_live;
	bool member_done;             /* a gzip member ended; another may follow */
	unsigned members;
	zip_t *za;
	zip_file_t *zf;
	uint64_t zip_comp;            /* the member's compressed and declared sizes */
	uint64_t zip_size;
	uint64_t bytes_out;
	uint64_t size_in;
	uint64_t max_out;
	enum err failed;
	char err[512];
};

static const char *const kind_names[FEED_KIND__MAX] = {
	[FEED_KIND_PLAIN] = "plain",
	[FEED_KIND_GZIP] = "gzip",
	[FEED_KIND_ZIP] = "zip",
};

const char *feed_kind_str(enum feed_kind k)
{
	return (unsigned)k < FEED_KIND__MAX ? kind_names[k] : "unknown";
}

__attribute__((format(printf, 3, 4)))
static enum err fail(struct feed_input *in, enum err e, const char *fmt, ...)
{
	char msg[400];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	snprintf(in->err, sizeof(in->err), "%s: %s", in->name, msg);
	in->failed = e;
	return e;
}

static struct feed_input *input_new(const char *name, uint64_t max_out)
{
	struct feed_input *in = xcalloc(1, sizeof(*in));
	in->name = xstrdup(name && *name ? name : "<memory>");
	in->fd = -1;
	in->max_out = max_out ? max_out : FEED_INPUT_DEFAULT_MAX_OUT;
	in->failed = ERR_OK;
	return in;
}

void feed_input_close(struct feed_input *in)
{
	if (!in)
		return;
	if (in->zs_live)
		inflateEnd(&in->zs);
	if (in->zf)
		zip_fclose(in->zf);
	if (in->za)
		zip_discard(in->za);
	if (in->fd >= 0)
		close(in->fd);
	free(in->inbuf);
	free(in->outbuf);
	free(in->path);
	free(in->name);
	free(in);
}

/* Makes packaged bytes available in in_p/in_n when none are pending. */
static enum err fill(struct feed_input *in)
{
	if (in->in_n > 0 || in->in_eof)
		return ERR_OK;
	if (in->fd >= 0) {
		ssize_t n;
		do {
			n = read(in->fd, in->inbuf, FEED_INPUT_CHUNK);
		} while (n < 0 && errno == EINTR);
		if (n < 0)
			return fail(in, ERR_IO, "read failed: %s", strerror(errno));
		if (n == 0)
			in->in_eof = true;
		in->in_p = in->inbuf;
		in->in_n = (size_t)n;
	} else {
		size_t left = in->mem_len - in->mem_pos;
		size_t n = left < FEED_INPUT_CHUNK ? left : FEED_INPUT_CHUNK;
		if (n == 0)
			in->in_eof = true;
		in->in_p = in->mem + in->mem_pos;
		in->in_n = n;
		in->mem_pos += n;
	}
	in->src_taken += in->in_n;
	return ERR_OK;
}

static enum feed_kind sniff(const unsigned char *p, size_t n)
{
	if (n >= 2 && p[0] == 0x1f && p[1] == 0x8b)
		return FEED_KIND_GZIP;
	/* local file header, or the end record of an empty archive */
	if (n >= 4 && p[0] == 'P' && p[1] == 'K' &&
	    ((p[2] == 3 && p[3] == 4) || (p[2] == 5 && p[3] == 6)))
		return FEED_KIND_ZIP;
	return FEED_KIND_PLAIN;
}

static bool ends_with_json(const char *s)
{
	size_t n = strlen(s);
	return n >= 5 && strcasecmp(s + n - 5, ".json") == 0;
}

/* Picks the member to read: the only file, or else the only *.json file. */
static enum err zip_setup(struct feed_input *in)
{
	zip_int64_t n = zip_get_num_entries(in->za, 0);
	zip_int64_t files = 0, jsons = 0, file_idx = -1, json_idx = -1;
	for (zip_int64_t i = 0; i < n; i++) {
		const char *nm = zip_get_name(in->za, (zip_uint64_t)i, ZIP_FL_ENC_RAW);
		if (!nm)
			return fail(in, ERR_INVALID, "zip entry %lld unreadable: %s", (long long)i,
				    zip_strerror(in->za));
		size_t len = strlen(nm);
		if (len > 0 && nm[len - 1] == '/')
			continue;
		files++;
		file_idx = i;
		if (ends_with_json(nm)) {
			jsons++;
			json_idx = i;
		}
	}
	zip_int64_t idx = files == 1 ? file_idx : jsons == 1 ? json_idx : -1;
	if (idx < 0)
		return fail(in, ERR_INVALID,
			    "zip holds %lld files (%lld .json); expected one member, or one .json member",
			    (long long)files, (long long)jsons);
	zip_stat_t st;
	zip_stat_init(&st);
	if (zip_stat_index(in->za, (zip_uint64_t)idx, 0, &st) != 0)
		return fail(in, ERR_INVALID, "zip member unreadable: %s", zip_strerror(in->za));
	if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE)
		return fail(in, ERR_INVALID, "zip member is encrypted");
	if ((st.valid & ZIP_STAT_SIZE) && st.size > in->max_out)
		return fail(in, ERR_TOO_LARGE, "zip member declares %llu bytes, over the cap of %llu",
			    (unsigned long long)st.size, (unsigned long long)in->max_out);
	in->zip_size = (st.valid & ZIP_STAT_SIZE) ? st.size : 0;
	in->zip_comp = (st.valid & ZIP_STAT_COMP_SIZE) ? st.comp_size : 0;
	in->zf = zip_fopen_index(in->za, (zip_uint64_t)idx, 0);
	if (!in->zf)
		return fail(in, ERR_INVALID, "cannot open zip member: %s", zip_strerror(in->za));
	return ERR_OK;
}

static enum err zip_open_err(struct feed_input *in, zip_error_t *ze)
{
	enum err e = fail(in, ERR_INVALID, "not a readable zip archive: %s", zip_error_strerror(ze));
	zip_error_fini(ze);
	return e;
}

static enum err start(struct feed_input *in)
{
	if (fill(in) != ERR_OK)
		return in->failed;
	in->kind = sniff(in->in_p, in->in_n);
	in->outbuf = in->kind == FEED_KIND_PLAIN ? NULL : xmalloc(FEED_INPUT_CHUNK);
	if (in->kind == FEED_KIND_GZIP) {
		memset(&in->zs, 0, sizeof(in->zs));
		if (inflateInit2(&in->zs, 16 + MAX_WBITS) != Z_OK)
			return fail(in, ERR_INTERNAL, "zlib initialisation failed");
		in->zs_live = true;
	} else if (in->kind == FEED_KIND_ZIP) {
		/* libzip reads the archive itself (it needs the central directory at the end) */
		in->in_n = 0;
		in->in_eof = true;
		zip_error_t ze;
		zip_error_init(&ze);
		if (in->path) {
			close(in->fd);
			in->fd = -1;
			int code = 0;
			in->za = zip_open(in->path, ZIP_RDONLY, &code);
			if (!in->za) {
				zip_error_init_with_code(&ze, code);
				return zip_open_err(in, &ze);
			}
		} else {
			zip_source_t *src = zip_source_buffer_create(in->mem, in->mem_len, 0, &ze);
			if (!src)
				return zip_open_err(in, &ze);
			in->za = zip_open_from_source(src, ZIP_RDONLY, &ze);
			if (!in->za) {
				zip_source_free(src);
				return zip_open_err(in, &ze);
			}
		}
		zip_error_fini(&ze);
		return zip_setup(in);
	}
	return ERR_OK;
}

static enum err finish_open(struct feed_input *in, struct feed_input **out, char *err,
			    size_t errlen)
{
	enum err e = in->failed == ERR_OK ? start(in) : in->failed;
	if (e == ERR_OK) {
		if (errlen)
			err[0] = '\0';
		*out = in;
		return ERR_OK;
	}
	if (errlen)
		snprintf(err, errlen, "%s", in->err);
	feed_input_close(in);
	return e;
}

enum err feed_input_open_file(const char *path, uint64_t max_out, struct feed_input **out,
			      char *err, size_t errlen)
{
	*out = NULL;
	struct feed_input *in = input_new(path, max_out);
	in->path = xstrdup(path);
	in->fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	if (in->fd < 0)
		fail(in, ERR_IO, "cannot open: %s", strerror(errno));
	else if (fstat(in->fd, &st) != 0)
		fail(in, ERR_IO, "cannot stat: %s", strerror(errno));
	else if (S_ISDIR(st.st_mode))
		fail(in, ERR_IO, "is a directory");
	else
		in->size_in = S_ISREG(st.st_mode) ? (uint64_t)st.st_size : 0;
	in->inbuf = xmalloc(FEED_INPUT_CHUNK);
	return finish_open(in, out, err, errlen);
}

enum err feed_input_open_mem(const void *data, size_t len, const char *name, uint64_t max_out,
			     struct feed_input **out, char *err, size_t errlen)
{
	*out = NULL;
	struct feed_input *in = input_new(name, max_out);
	in->mem = data ? data : (const void *)"";
	in->mem_len = data ? len : 0;
	in->size_in = in->mem_len;
	return finish_open(in, out, err, errlen);
}

static enum err yield(struct feed_input *in, const unsigned char *p, size_t n,
		      const unsigned char **data, size_t *len)
{
	if (n > in->max_out - in->bytes_out)
		return fail(in, ERR_TOO_LARGE, "more than %llu bytes once unpacked (the cap for this feed)",
			    (unsigned long long)in->max_out);
	in->bytes_out += n;
	*data = p;
	*len = n;
	return ERR_OK;
}

static enum err read_plain(struct feed_input *in, const unsigned char **data, size_t *len)
{
	if (fill(in) != ERR_OK)
		return in->failed;
	size_t n = in->in_n;
	const unsigned char *p = in->in_p;
	in->in_n = 0;
	return yield(in, p, n, data, len);
}

static enum err read_gzip(struct feed_input *in, const unsigned char **data, size_t *len)
{
	for (;;) {
		if (in->member_done) {
			if (fill(in) != ERR_OK)
				return in->failed;
			if (in->in_n == 0)
				return ERR_OK;    /* end of the last member */
			/* concatenated members are one stream (RFC 1952 §2.2) */
			inflateReset(&in->zs);
			in->member_done = false;
			in->members++;
		}
		if (fill(in) != ERR_OK)
			return in->failed;
		in->zs.next_in = (Bytef *)in->in_p;
		in->zs.avail_in = (uInt)in->in_n;
		in->zs.next_out = in->outbuf;
		in->zs.avail_out = (uInt)FEED_INPUT_CHUNK;
		int rc = inflate(&in->zs, Z_NO_FLUSH);
		size_t used = in->in_n - in->zs.avail_in;
		size_t produced = FEED_INPUT_CHUNK - in->zs.avail_out;
		in->in_p += used;
		in->in_n -= used;
		if (rc == Z_STREAM_END) {
			in->member_done = true;
		} else if (rc == Z_BUF_ERROR || rc == Z_OK) {
			if (produced == 0 && in->in_n == 0 && in->in_eof)
				return fail(in, ERR_INVALID, "truncated gzip data after %llu bytes",
					    (unsigned long long)in->src_taken);
		} else if (in->members > 0 && in->zs.total_out == 0) {
			return fail(in, ERR_INVALID, "trailing bytes after the gzip data are not a gzip member (%s)",
				    in->zs.msg ? in->zs.msg : "bad header");
		} else {
			return fail(in, ERR_INVALID, "corrupt gzip data near byte %llu: %s",
				    (unsigned long long)(in->src_taken - in->in_n),
				    in->zs.msg ? in->zs.msg : "inflate failed");
		}
		if (produced)
			return yield(in, in->outbuf, produced, data, len);
	}
}

static enum err read_zip(struct feed_input *in, const unsigned char **data, size_t *len)
{
	zip_int64_t n = zip_fread(in->zf, in->outbuf, FEED_INPUT_CHUNK);
	if (n < 0)
		return fail(in, ERR_INVALID, "corrupt zip member: %s", zip_file_strerror(in->zf));
	return yield(in, in->outbuf, (size_t)n, data, len);
}

enum err feed_input_read(struct feed_input *in, const unsigned char **data, size_t *len)
{
	*data = NULL;
	*len = 0;
	if (in->failed != ERR_OK)
		return in->failed;
	switch (in->kind) {
	case FEED_KIND_GZIP:
		return read_gzip(in, data, len);
	case FEED_KIND_ZIP:
		return read_zip(in, data, len);
	case FEED_KIND_PLAIN:
	case FEED_KIND__MAX:
		break;
	}
	return read_plain(in, data, len);
}

const char *feed_input_error(const struct feed_input *in)
{
	return in->err;
}

const char *feed_input_name(const struct feed_input *in)
{
	return in->name;
}

enum feed_kind feed_input_kind(const struct feed_input *in)
{
	return in->kind;
}

uint64_t feed_input_bytes_in(const struct feed_input *in)
{
	if (in->kind != FEED_KIND_ZIP)
		return in->src_taken - in->in_n;
	if (in->zip_size == 0)
		return in->bytes_out ? in->zip_comp : 0;
	/* libzip does not report compressed bytes consumed: scale by the share yielded */
	uint64_t out = in->bytes_out < in->zip_size ? in->bytes_out : in->zip_size;
	return (uint64_t)((double)in->zip_comp * ((double)out / (double)in->zip_size));
}

uint64_t feed_input_bytes_out(const struct feed_input *in)
{
	return in->bytes_out;
}

uint64_t feed_input_size_in(const struct feed_input *in)
{
	return in->size_in;
}
