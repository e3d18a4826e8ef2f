/* Asset intake: an uploaded inventory (the CSV/XLSX template) or SBOM (CycloneDX JSON/XML,
 * SPDX JSON) → an asset batch (asset_row.h). Format detection, the options every reader
 * shares, and one entry point per format. Pure parsing: no storage, no web. */
#ifndef VANS_VANS_INTAKE_INTAKE_H
#define VANS_VANS_INTAKE_INTAKE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"
#include "vans/intake/asset_row.h"

enum intake_format {
	INTAKE_FORMAT_UNKNOWN,
	INTAKE_FORMAT_XLSX,
	INTAKE_FORMAT_CSV,
	INTAKE_FORMAT_CYCLONEDX_JSON,
	INTAKE_FORMAT_CYCLONEDX_XML,
	INTAKE_FORMAT_SPDX_JSON,
	INTAKE_FORMAT__MAX
};

enum intake_mode {
	INTAKE_ALL_OR_NOTHING,   /* any error: no rows at all, every error listed */
	INTAKE_KEEP_VALID,       /* rows with errors left out and listed, the rest kept */
	INTAKE_MODE__MAX
};

#define INTAKE_MAX_ROWS        100000             /* assets in one import */
#define INTAKE_MAX_SBOM_BYTES  ((size_t)64 << 20) /* a JSON SBOM becomes a tree in memory */

struct intake_opts {
	enum intake_mode mode;
	size_t max_rows;                 /* 0: INTAKE_MAX_ROWS */
	size_t max_issues;               /* 0: ASSET_BATCH_MAX_ISSUES */
	const char *sheet;               /* XLSX: a sheet by name; NULL: the first visible one */
	enum asset_category category;    /* SBOMs: the category of every component
	                                    (NONE: 資通系統資產, servers and information systems) */
	const char *group_code;          /* SBOMs: the asset group (NULL: "DEFAULT") */
};

/* "xlsx", "csv", "cyclonedx-json", "cyclonedx-xml", "spdx-json"; "unknown". */
const char *intake_format_str(enum intake_format f);

/* Tells the format from the first bytes (and, for zip archives, the entry names): never
 * from a file name. UNKNOWN with a reason a person can act on in err: "an Excel 97-2003
 * .xls workbook: save it as .xlsx", "SPDX tag-value: export the SBOM as SPDX JSON",
 * "an OpenDocument spreadsheet: save it as .xlsx or CSV", … */
enum intake_format intake_detect(const void *p, size_t len, char *err, size_t errlen);

/* Every reader initialises *b (asset_batch_init: the caller frees it with
 * asset_batch_free whatever the result) and fills it. Result: ERR_OK when the rows in b
 * are to be taken (in INTAKE_KEEP_VALID, some rows may have been left out: b->n_errors);
 * ERR_INVALID when the file cannot be read, has no usable header, or (all-or-nothing)
 * any error was found; ERR_TOO_LARGE when a cap stopped it. The issues in b always say
 * why, each with its position. opts may be NULL (all-or-nothing, defaults). */
enum err intake_read(const void *p, size_t len, const struct intake_opts *opts,
		     struct asset_batch *b);
enum err intake_read_csv(const void *p, size_t len, const struct intake_opts *opts,
			 struct asset_batch *b);
enum err intake_read_xlsx(const void *p, size_t len, const struct intake_opts *opts,
			  struct asset_batch *b);
enum err intake_read_cyclonedx_json(const void *p, size_t len, const struct intake_opts *opts,
				    struct asset_batch *b);
enum err intake_read_cyclonedx_xml(const void *p, size_t len, const struct intake_opts *opts,
				   struct asset_batch *b);
enum err intake_read_spdx_json(const void *p, size_t len, const struct intake_opts *opts,
			       struct asset_batch *b);

/* One asset given field by field (the VANS upload API, the web form): value[f] is the
 * field's text (NULL or "" when absent), len[f] its length (0: strlen). line is what
 * issues call the item ("item 3"); 0: its 1-based position. */
struct intake_record {
	uint32_t line;
	const char *value[ASSET_FIELD__MAX];
	size_t len[ASSET_FIELD__MAX];
};

/* Checks records exactly as inventory rows are checked (the same rules, issue codes and
 * N/A handling; a pkg: name read as a purl); an absent category takes opts->category
 * (default 資通系統資產). Same results as the file readers; b->source is UNKNOWN. */
enum err intake_read_records(const struct intake_record *recs, size_t n, const struct intake_opts *opts,
			     struct asset_batch *b);

/* The inventory template's columns, in template order, for writing templates and docs. */
struct intake_column {
	enum asset_field field;
	const char *zh;              /* the zh-TW header: "資產名稱" */
	const char *en;              /* the English header: "Asset name" */
	bool required;
	const char *const *aliases;  /* other headers accepted, NULL-terminated */
};
const struct intake_column *intake_columns(size_t *n);

/* Reads "KB5034441, KB5034442 kb5034443" (commas, semicolons, spaces, 、，；| between; "KB"
 * optional, any case, full-width digits): the IDs as "KB<digits>", duplicates dropped,
 * into the arena. Returns the count, or -1 with the offending token in *bad / *bad_len. */
long intake_parse_kb_ids(const char *p, size_t len, struct arena *a, const char ***out,
			 const char **bad, size_t *bad_len);

#endif
