/* What the intake parsers produce: asset rows with the fields of DESIGN §2, where each
 * came from in the file, and the issues (errors and warnings) found on the way, all in
 * one batch that owns its memory. No storage, no web: the caller decides what to keep. */
#ifndef VANS_VANS_INTAKE_ASSET_ROW_H
#define VANS_VANS_INTAKE_ASSET_ROW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"

/* The four categories of the VANS 2.0 menu. */
enum asset_category {
	ASSET_CATEGORY_NONE,     /* not given */
	ASSET_CATEGORY_SYSTEM,   /* 資通系統資產: servers and information systems */
	ASSET_CATEGORY_ENDPOINT, /* 使用者電腦資產: end-user computers */
	ASSET_CATEGORY_NETWORK,  /* 網通設備資產: network devices */
	ASSET_CATEGORY_ICS,      /* 工業控制系統資產: industrial control systems */
	ASSET_CATEGORY__MAX
};

/* The fields of an asset row, in the order of the inventory template's columns. */
enum asset_field {
	ASSET_FIELD_CATEGORY,
	ASSET_FIELD_GROUP,
	ASSET_FIELD_IDENTIFIER,
	ASSET_FIELD_NAME,
	ASSET_FIELD_VENDOR,
	ASSET_FIELD_VERSION,
	ASSET_FIELD_CPE,
	ASSET_FIELD_CPE_TITLE,
	ASSET_FIELD_QUANTITY,
	ASSET_FIELD_KB_IDS,
	ASSET_FIELD_OWNER,
	ASSET_FIELD_DEPARTMENT,
	ASSET_FIELD_NOTE,
	ASSET_FIELD_PURL,
	ASSET_FIELD__MAX         /* also "no particular field" in an issue */
};

/* Where rows came from. */
enum asset_source {
	ASSET_SOURCE_UNKNOWN,     /* a file no reader took */
	ASSET_SOURCE_CSV,
	ASSET_SOURCE_XLSX,
	ASSET_SOURCE_CYCLONEDX_JSON,
	ASSET_SOURCE_CYCLONEDX_XML,
	ASSET_SOURCE_SPDX_JSON,
	ASSET_SOURCE__MAX
};

/* Longest values accepted, in bytes of UTF-8. */
#define ASSET_MAX_GROUP      64
#define ASSET_MAX_IDENTIFIER 128
#define ASSET_MAX_NAME       256
#define ASSET_MAX_VENDOR     256
#define ASSET_MAX_VERSION    128
#define ASSET_MAX_CPE_TITLE  512
#define ASSET_MAX_PERSON     128   /* owner, department */
#define ASSET_MAX_NOTE       2000
#define ASSET_MAX_PURL       1024
#define ASSET_MAX_KB         1024  /* KB IDs on one row */
#define ASSET_MAX_QUANTITY   1000000
#define ASSET_DEFAULT_GROUP  "DEFAULT"

/* A row's origin, for messages that point at it ("sheet 1, row 12, column F"). */
struct asset_src {
	uint32_t line;                    /* CSV line, XLSX row, XML line; 0 when none */
	uint32_t index;                   /* 1-based data row, component or package number */
	uint16_t col[ASSET_FIELD__MAX];   /* 1-based column each field was read from; 0 none */
	const char *path;                 /* JSON: "components[3].components[0]"; else NULL */
};

/* A vendor/product suggestion made from a package URL: a guess, never a fact. */
struct asset_guess {
	const char *vendor;      /* CPE-style: lower case, "_" for spaces; "" when none */
	const char *product;
	const char *cpe;         /* "cpe:2.3:a:vendor:product:version:*:*:*:*:*:*:*" or "" */
	uint8_t confidence;      /* 0 (no guess) .. 100; see docs/asset-import.md */
	const char *rule;        /* which rule made it, e.g. "maven-group" ("" when none) */
};

/* One asset. Every string is NUL-terminated UTF-8 owned by the batch's arena, never NULL:
 * "" when the source had nothing. */
struct asset_row {
	enum asset_category category;     /* NONE only from SBOMs read without a default */
	const char *group_code;           /* asset group code; "DEFAULT" when not given */
	const char *identifier;           /* 資產識別碼 */
	const char *name;                 /* never "" */
	const char *vendor;               /* brand, supplier or publisher */
	const char *version;
	const char *cpe;                  /* CPE 2.3 formatted string (2.2 URIs converted) */
	const char *cpe_title;
	int64_t quantity;                 /* >= 1 */
	const char *const *kb_ids;        /* "KB5034441", upper case, no duplicates */
	size_t n_kb;
	const char *owner;
	const char *department;
	const char *note;
	const char *purl;                 /* a package URL as written; "" */
	struct asset_guess guess;         /* from purl; confidence 0 when none */
	bool cpe_from_uri;                /* cpe was a CPE 2.2 URI in the source */
	bool sbom_subject;                /* the SBOM's own subject (metadata.component) */
	struct asset_src src;
};

enum asset_severity {
	ASSET_SEV_ERROR,     /* the row (or the file) is not taken */
	ASSET_SEV_WARNING,   /* taken; something was ignored or dropped */
	ASSET_SEV__MAX
};

/* What is wrong, as a stable code ("required", "quantity", …) a caller maps to a message
 * in the user's language; each issue also carries an English message. */
enum asset_issue_code {
	ASSET_ISSUE_UNREADABLE,        /* the file cannot be read at all */
	ASSET_ISSUE_NO_HEADER,         /* no row names the template's columns */
	ASSET_ISSUE_MISSING_COLUMN,    /* a required column is absent */
	ASSET_ISSUE_DUPLICATE_COLUMN,  /* two columns for one field */
	ASSET_ISSUE_UNKNOWN_COLUMN,    /* a column that is not the template's: ignored */
	ASSET_ISSUE_REQUIRED,          /* an empty required value */
	ASSET_ISSUE_TOO_LONG,
	ASSET_ISSUE_CONTROL_CHAR,      /* control characters (a line break in a name, …) */
	ASSET_ISSUE_QUANTITY,          /* not a whole number from 1 to 1,000,000 */
	ASSET_ISSUE_CPE,               /* not a CPE 2.3 name or 2.2 URI, or names no product */
	ASSET_ISSUE_CATEGORY,          /* not one of the four */
	ASSET_ISSUE_KB,                /* not like KB5034441 */
	ASSET_ISSUE_GROUP_CODE,        /* spaces or control characters in a group code */
	ASSET_ISSUE_PURL,              /* not a package URL */
	ASSET_ISSUE_TOO_MANY_ROWS,     /* over the import's cap: the rest is not read */
	ASSET_ISSUE_NO_ROWS,           /* a header but not one asset */
	ASSET_ISSUE_UNSUPPORTED,       /* a format or version vans does not read */
	ASSET_ISSUE_EXTRA_VALUES,      /* values under no header: ignored */
	ASSET_ISSUE__MAX
};

struct asset_issue {
	enum asset_issue_code code;
	enum asset_severity severity;
	enum asset_field field;           /* ASSET_FIELD__MAX when about no one field */
	uint32_t line;                    /* as in asset_src; 0 for the whole file */
	uint32_t col;                     /* 1-based column; 0 when none */
	const char *column;               /* the column's header as written, or NULL */
	const char *value;                /* the offending value (abbreviated), or NULL */
	const char *message;              /* English, with its position: "row 12, column F
	                                     (數量): …" */
};

/* Default cap on the issues a batch lists; beyond it they are only counted. */
#define ASSET_BATCH_MAX_ISSUES 10000

/* Rows and issues of one import. Zero it with asset_batch_init, free with
 * asset_batch_free; everything it points to lives in its arena. */
struct asset_batch {
	struct arena arena;
	enum asset_source source;
	uint32_t sheet;                   /* XLSX: 1-based position of the sheet read */
	const char *sheet_name;           /* XLSX: its name; else NULL */
	const char *spec;                 /* SBOMs: "CycloneDX 1.6", "SPDX-2.3"; else NULL */

	struct asset_row *rows;
	size_t n_rows, cap_rows;
	struct asset_issue *issues;
	size_t n_issues, cap_issues;
	size_t max_issues;                /* 0: ASSET_BATCH_MAX_ISSUES */
	size_t issues_dropped;            /* issues past max_issues */
	size_t n_errors, n_warnings;      /* all of them, listed or not */

	size_t rows_read;                 /* data rows or components seen, blank rows aside */
	size_t rows_rejected;             /* of those, rows with an error */
	size_t rows_blank;                /* rows with no value at all, skipped */
	size_t rows_not_assets;           /* SBOM components of type data or
	                                     cryptographic-asset: described, not installed */
	bool all_or_nothing_dropped;      /* rows were read but dropped because of errors */

	/* SBOM counts: components (packages) seen, with a CPE, with a 2.2 URI converted,
	 * with a package URL, with a vendor/product guess */
	size_t n_cpe, n_cpe_uri, n_purl, n_guess;
};

void asset_batch_init(struct asset_batch *b, enum asset_source source);
void asset_batch_free(struct asset_batch *b);
/* A new row, every string "", quantity 1, group "DEFAULT"; valid until the next add. */
struct asset_row *asset_batch_add_row(struct asset_batch *b);
/* Removes the last row (one found invalid after it was added). */
void asset_batch_pop_row(struct asset_batch *b);
/* Adds an issue; message is printf-style (English). Counted even when not listed.
 * column and value are copied (value abbreviated to 80 bytes). Returns the issue or
 * NULL when only counted. */
struct asset_issue *asset_batch_issue(struct asset_batch *b, enum asset_issue_code code,
				      enum asset_severity sev, enum asset_field field,
				      uint32_t line, uint32_t col, const char *column,
				      const char *value, size_t value_len, const char *fmt, ...)
	__attribute__((format(printf, 10, 11)));
/* All-or-nothing: drops every row (issues stay). */
void asset_batch_drop_rows(struct asset_batch *b);

/* Stable codes: "system", "endpoint", "network", "ics" ("" for NONE). */
const char *asset_category_code(enum asset_category c);
/* The category's name in the national system, e.g. "資通系統資產". */
const char *asset_category_zh(enum asset_category c);
/* Reads a category as people write it: the four names in zh-TW or English, short forms
 * and the codes (docs/asset-import.md lists them), ignoring case, spaces and full-width
 * forms. ASSET_CATEGORY_NONE when it is none of them. */
enum asset_category asset_category_parse(const char *p, size_t len);

/* "category", "group", "identifier", "name", … "purl". */
const char *asset_field_key(enum asset_field f);
/* "unreadable", "no_header", "missing_column", … */
const char *asset_issue_code_str(enum asset_issue_code c);
/* "unknown", "csv", "xlsx", "cyclonedx-json", "cyclonedx-xml", "spdx-json". */
const char *asset_source_str(enum asset_source s);

#endif
