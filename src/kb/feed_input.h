/* A feed file (or an in-memory body) as one stream of bytes (JSON, CSV or XML), whatever
 * its packaging: plain, gzip (one or more members) or a zip holding a single member (or a
 * single .json one). The packaging is detected from magic bytes, never from the name.
 * Decompressed output is capped (bombs). Every feed reader reads through it. */
#ifndef VANS_KB_FEED_INPUT_H
#define VANS_KB_FEED_INPUT_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

enum feed_kind {
	FEED_KIND_PLAIN,
	FEED_KIND_GZIP,
	FEED_KIND_ZIP,
	FEED_KIND__MAX
};

/* Default cap on the bytes a stream may yield (after decompression). */
#define FEED_INPUT_DEFAULT_MAX_OUT ((uint64_t)4 << 30)
/* Size of the chunks feed_input_read yields at most. */
#define FEED_INPUT_CHUNK ((size_t)64 * 1024)

struct feed_input;

/* Opens a file into *out (freed with feed_input_close). max_out caps the bytes yielded
 * (0 picks FEED_INPUT_DEFAULT_MAX_OUT). On failure *out is NULL, the result is ERR_IO
 * (cannot open or read), ERR_INVALID (unreadable zip, no single JSON member) or
 * ERR_TOO_LARGE (a zip member declares more than the cap), and "<path>: <reason>" is
 * written into err (errlen may be 0). */
enum err feed_input_open_file(const char *path, uint64_t max_out, struct feed_input **out,
			      char *err, size_t errlen);
/* Same over a caller's buffer, which must outlive the input; name (may be NULL) is only
 * used in messages and is copied. */
enum err feed_input_open_mem(const void *data, size_t len, const char *name, uint64_t max_out,
			     struct feed_input **out, char *err, size_t errlen);
void feed_input_close(struct feed_input *in);

/* Yields the next chunk of at most FEED_INPUT_CHUNK bytes: *data points into memory owned
 * by the input (or into the caller's buffer) and stays valid until the next call.
 * *len == 0 with ERR_OK means end of stream. Errors: ERR_IO (read failed), ERR_INVALID
 * (corrupt or truncated packaging), ERR_TOO_LARGE (the cap); the message, which names the
 * input, is in feed_input_error, and every later call returns the same error. */
enum err feed_input_read(struct feed_input *in, const unsigned char **data, size_t *len);

const char *feed_input_error(const struct feed_input *in);  /* "" when none */
const char *feed_input_name(const struct feed_input *in);
enum feed_kind feed_input_kind(const struct feed_input *in);
const char *feed_kind_str(enum feed_kind k);                  /* "plain", "gzip", "zip" */

/* Counters for a progress bar and MB/s figures. bytes_in: packaged bytes consumed so far
 * (for zip, the member's compressed size scaled by the share already yielded); bytes_out:
 * unpacked bytes yielded so far; size_in: the whole packaged size (file or buffer size). */
uint64_t feed_input_bytes_in(const struct feed_input *in);
uint64_t feed_input_bytes_out(const struct feed_input *in);
uint64_t feed_input_size_in(const struct feed_input *in);

#endif
