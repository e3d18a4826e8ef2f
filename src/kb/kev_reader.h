/* Reader for CISA's Known Exploited Vulnerabilities catalogue, in its JSON or its CSV
 * form (told apart by content), delivering one entry at a time to a callback so the
 * import never holds the catalogue in memory. */
#ifndef VANS_KB_KEV_READER_H
#define VANS_KB_KEV_READER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum kev_format {
	KEV_FORMAT_AUTO,    /* look at the first non-blank byte: '{' is JSON, else CSV */
	KEV_FORMAT_JSON,
	KEV_FORMAT_CSV,
	KEV_FORMAT__MAX
};

/* Caps: a bigger input is refused with ERR_TOO_LARGE rather than read. */
#define KEV_MAX_FIELD      (64 * 1024)             /* bytes in one field */
#define KEV_MAX_CWES       32                      /* CWE ids in one entry */
#define KEV_MAX_ENTRIES    1000000                 /* entries in one catalogue */
#define KEV_MAX_BYTES      ((uint64_t)64 << 20)    /* decompressed input (the 2025 catalogue: 1.3 MB) */

/* One catalogue entry. Every pointer is valid only during the callback; strings are
 * NUL-terminated UTF-8, and the optional ones ("notes") are "" when absent. */
struct kev_entry {
	const char *cve_id;              /* "CVE-2025-48384", format checked */
	const char *vendor_project;
	const char *product;
	const char *vulnerability_name;
	const char *date_added;          /* "YYYY-MM-DD", checked */
	const char *short_description;
	const char *required_action;
	const char *due_date;            /* "YYYY-MM-DD", checked; may precede date_added */
	const char *known_ransomware;    /* "Known" or "Unknown" as written; "" if absent */
	const char *notes;
	const char *cwes[KEV_MAX_CWES];  /* "CWE-79"; the CSV's "CWE-59, CWE-436" is split */
	size_t n_cwes;
	int64_t date_added_unix;         /* midnight UTC of date_added */
	int64_t due_date_unix;
	bool ransomware_known;           /* known_ransomware is exactly "Known" */
	size_t index;                    /* 1-based position in the catalogue */
	size_t line;                     /* line where the entry starts in the input */
};

/* What the catalogue says about itself, filled in as the reader meets each field: during
 * a callback, the fields written before the entries (in CISA's JSON, all of them) are
 * already set. The CSV carries none of it: there title, catalog_version and
 * date_released stay "" and count stays -1. */
struct kev_catalog {
	enum kev_format format;          /* the format actually read */
	char title[256];
	char catalog_version[32];        /* "2025.08.25" */
	char date_released[64];          /* "2025-08-25T17:04:19.9796Z" */
	int64_t date_released_unix;      /* -1 when absent */
	int64_t count;                   /* the "count" field, -1 when absent */
	size_t entries;                  /* entries delivered to the callback */
};

/* Returns 0 to go on; any other value stops the reader, which returns it unchanged
 * (by convention an enum err from core/err.h). */
typedef int (*kev_entry_cb)(void *ctx, const struct kev_entry *entry);

/* Reads a catalogue file, plain, gzip-compressed or the one member of a zip (see
 * kb/feed_input.h). Returns ERR_OK, an enum err (ERR_IO when the file cannot be opened
 * or its compression is corrupt or truncated, ERR_INVALID, ERR_TOO_LARGE) with a message
 * naming the file and the line or entry in err, or the callback's non-zero value. A JSON
 * catalogue whose "count" disagrees with the entries read is ERR_INVALID (after all
 * entries were delivered). catalog may be NULL. */
int kev_read_file(const char *path, enum kev_format format, kev_entry_cb cb, void *ctx,
                  struct kev_catalog *catalog, char *err, size_t errlen);

/* The same over bytes in memory, packaged in any of those ways; name is used in messages. */
int kev_read_mem(const char *name, const char *p, size_t len, enum kev_format format,
                 kev_entry_cb cb, void *ctx, struct kev_catalog *catalog, char *err,
                 size_t errlen);

/* The same over an input the caller opened (and closes), e.g. to follow its progress;
 * messages name the input. Open it with KEV_MAX_BYTES as its cap. */
struct feed_input;
int kev_read_input(struct feed_input *in, enum kev_format format, kev_entry_cb cb, void *ctx,
                   struct kev_catalog *catalog, char *err, size_t errlen);

const char *kev_format_str(enum kev_format f);

#endif
