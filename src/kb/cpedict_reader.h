/* Reader for NVD's official CPE 2.3 dictionary (official-cpe-dictionary_v2.3.xml[.gz]):
 * streams the XML with libxml2's xmlTextReader and hands each cpe-item (2.2 URI, 2.3
 * formatted name, titles, references, deprecation) to a callback; memory stays flat. */
#ifndef VANS_KB_CPEDICT_READER_H
#define VANS_KB_CPEDICT_READER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Caps: a bigger input is refused with ERR_TOO_LARGE rather than read. */
#define CPEDICT_MAX_TEXT       (64 * 1024)             /* bytes of one title, reference or name */
#define CPEDICT_MAX_LIST       1024                    /* titles, references or deprecated-by of one item */
#define CPEDICT_MAX_ITEMS      20000000                /* items (the 2024 dictionary had 1.3 M) */
#define CPEDICT_MAX_BYTES      ((uint64_t)8 << 30)     /* decompressed input */

/* Strings are NUL-terminated UTF-8, NULL when absent; every pointer in an item is valid
 * only during the callback. */

struct cpedict_title {
	const char *lang;               /* xml:lang, "en-US", "ja-JP" */
	const char *text;
};

struct cpedict_reference {
	const char *href;
	const char *text;               /* "Vendor website", "Advisory", … ("" if empty) */
};

struct cpedict_deprecated_by {
	const char *name;               /* a 2.3 formatted name (or 2.2 URI from the 2.2 attribute) */
	const char *type;               /* "NAME_CORRECTION", "NAME_REMOVAL", …; NULL if absent */
};

struct cpedict_item {
	const char *name;               /* cpe-item/@name: the CPE 2.2 URI, as written */
	const char *name23;             /* cpe-23:cpe23-item/@name: the 2.3 formatted string */
	const struct cpedict_title *titles;
	size_t n_titles;
	const struct cpedict_reference *refs;
	size_t n_refs;
	bool deprecated;                /* cpe-item/@deprecated="true" */
	const char *deprecation_date;   /* cpe-item/@deprecation_date, or NULL */
	const char *deprecation_date23; /* cpe-23:deprecation/@date (first), or NULL */
	const struct cpedict_deprecated_by *deprecated_by;
	size_t n_deprecated_by;
	size_t index;                   /* 1-based position in the dictionary */
	size_t line;                    /* line of the cpe-item start tag; exact up to 65,534,
	                                   a few lines late beyond (libxml2 stores 16 bits) */
};

/* The dictionary's <generator>. */
struct cpedict_meta {
	char product_name[128];
	char product_version[32];
	char schema_version[32];        /* "2.3" */
	char timestamp[64];             /* "2015-10-14T03:50:00.163Z" */
	size_t items;                   /* items delivered */
};

/* Returns 0 to go on; any other value stops the reader, which returns it unchanged
 * (by convention an enum err from core/err.h). */
typedef int (*cpedict_item_cb)(void *ctx, const struct cpedict_item *item);

/* Reads the dictionary from a file, plain, gzip-compressed or the one member of a zip
 * (kb/feed_input.h). The XML is parsed without
 * network access, DTD loading or entity substitution, and a document with a DOCTYPE is
 * refused. Returns ERR_OK, an enum err (ERR_IO when the file cannot be opened or its
 * compression is corrupt or truncated, ERR_INVALID, ERR_TOO_LARGE) with a message
 * naming the file, line and item in err, or the callback's value. meta may be
 * NULL. Calls xmlInitParser(); a threaded program should call it once at start-up. */
int cpedict_read_file(const char *path, cpedict_item_cb cb, void *ctx,
                      struct cpedict_meta *meta, char *err, size_t errlen);

/* The same over bytes in memory, packaged in any of those ways (told by magic bytes). */
int cpedict_read_mem(const char *name, const void *p, size_t len, cpedict_item_cb cb,
                     void *ctx, struct cpedict_meta *meta, char *err, size_t errlen);

/* The same over an input the caller opened (and closes), e.g. to follow its progress;
 * messages name the input. Open it with CPEDICT_MAX_BYTES as its cap. */
struct feed_input;
int cpedict_read_input(struct feed_input *in, cpedict_item_cb cb, void *ctx,
                       struct cpedict_meta *meta, char *err, size_t errlen);

#endif
