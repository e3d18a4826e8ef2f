/* Reader for FIRST's daily EPSS file (epss_scores-YYYY-MM-DD.csv[.gz]): the
 * "#model_version:…,score_date:…" line, the "cve,epss,percentile" header, then one
 * score per line, delivered one at a time to a callback. */
#ifndef VANS_KB_EPSS_READER_H
#define VANS_KB_EPSS_READER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Caps: a bigger input is refused with ERR_TOO_LARGE rather than read. */
#define EPSS_MAX_LINE     1024                    /* bytes in one line */
#define EPSS_MAX_ROWS     10000000                /* a 2025 file has about 300,000 */
#define EPSS_MAX_BYTES    ((uint64_t)1 << 30)     /* decompressed input */

/* One score. cve_id is valid only during the callback. */
struct epss_score {
	const char *cve_id;       /* "CVE-2024-3094", format checked */
	double epss;              /* probability of exploitation in 30 days, 0..1 */
	double percentile;        /* 0..1; -1 when the file has no percentile column (2021 v1 files) */
	size_t line;              /* 1-based line in the (decompressed) file */
};

/* What the comment line says; fields stay "" / -1 when the file has none (the first
 * files of 2021 began directly with the header). Filled in as the reader meets the line,
 * so a callback already sees it (the comment line comes first). */
struct epss_meta {
	char model_version[64];   /* "v2025.03.14" */
	char score_date[64];      /* as written: "2025-08-25T00:00:00Z" or "…+0000" */
	int64_t score_date_unix;  /* -1 when absent */
	bool has_percentile;
	size_t rows;              /* scores delivered */
};

/* Returns 0 to go on; any other value stops the reader, which returns it unchanged
 * (by convention an enum err from core/err.h). */
typedef int (*epss_score_cb)(void *ctx, const struct epss_score *score);

/* Reads a file, plain, gzip-compressed or the one member of a zip (kb/feed_input.h).
 * Returns ERR_OK, an enum err (ERR_IO when the file cannot be opened or its compression
 * is corrupt or truncated, ERR_INVALID, ERR_TOO_LARGE) with a message naming the file and
 * line in err, or the callback's value. meta may be NULL. */
int epss_read_file(const char *path, epss_score_cb cb, void *ctx, struct epss_meta *meta,
                   char *err, size_t errlen);

/* The same over bytes in memory, packaged in any of those ways (told by magic bytes);
 * name is used in messages. */
int epss_read_mem(const char *name, const void *p, size_t len, epss_score_cb cb, void *ctx,
                  struct epss_meta *meta, char *err, size_t errlen);

/* The same over an input the caller opened (and closes), e.g. to follow its progress;
 * messages name the input. Open it with EPSS_MAX_BYTES as its cap. */
struct feed_input;
int epss_read_input(struct feed_input *in, epss_score_cb cb, void *ctx, struct epss_meta *meta,
                    char *err, size_t errlen);

#endif
