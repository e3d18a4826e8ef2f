/* The asset service: an organisation's asset groups, the intake of a batch of asset rows
 * (one transaction, all-or-nothing or keep-valid, an upload record each time, mappings applied,
 * then matching), the asset list with its filters, one asset, and CPE help (asset_cpe.c). */
#ifndef VANS_VANS_ASSET_H
#define VANS_VANS_ASSET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "vans/engine.h"
#include "vans/intake/asset_row.h"
#include "vans/intake/intake.h"

struct db;

#define ASSET_UPLOAD_MAX_ERRORS 1000   /* errors kept in asset_uploads.errors */

/* ---- groups (資產分群管理) ---------------------------------------------------------- */

struct asset_group {
	int64_t id;
	const char *code, *name, *note;
	int64_t created_at;
	int64_t assets;                    /* how many assets it holds */
};

/* The DEFAULT group's id, created when the organisation has none yet. */
enum err asset_group_default(struct db *db, int64_t org_id, int64_t *id);
/* The id of the group with this code, created (named after its code) when missing. */
enum err asset_group_ensure(struct db *db, int64_t org_id, const char *code, int64_t *id);
/* Every group of the organisation, DEFAULT first (DEFAULT created when missing). */
enum err asset_group_list(struct db *db, struct arena *a, int64_t org_id, struct asset_group **out, size_t *n);
enum err asset_group_get(struct db *db, struct arena *a, int64_t org_id, int64_t id, struct asset_group *out);
/* code and name required (code: no spaces, ≤ 64 bytes); ERR_EXISTS when the code is taken,
 * ERR_INVALID with *why otherwise. */
enum err asset_group_create(struct db *db, int64_t org_id, const char *code, const char *name, const char *note,
			    int64_t *id, const char **why);
/* DEFAULT keeps its code. ERR_NOT_FOUND when it is not the organisation's. */
enum err asset_group_update(struct db *db, int64_t org_id, int64_t id, const char *code, const char *name,
			    const char *note, const char **why);
/* Its assets move to DEFAULT. DEFAULT cannot be deleted (ERR_DENIED). */
enum err asset_group_delete(struct db *db, int64_t org_id, int64_t id);

/* ---- intake ------------------------------------------------------------------------ */

/* asset_uploads.source: "form", "csv", "xlsx", "cyclonedx", "spdx", "api_v2", "api_v1",
 * "cli", "demo". */
struct asset_intake {
	int64_t org_id;
	int64_t account_id;                /* 0: none (CLI, API key) */
	int64_t api_key_id;                /* 0: none */
	const char *source;
	const char *filename;              /* "" when none */
	enum intake_mode mode;
	const char *group_code;            /* overrides every row's group; NULL: the rows' own */
	bool match;                        /* run matching afterwards (vans_engine_match_org) */
};

struct asset_intake_result {
	int64_t upload_id;
	const char *status;                /* "done", "partial", "rejected" */
	size_t rows_total, rows_added, rows_updated, rows_rejected;
	size_t rows_mapped;                /* got a CPE from a remembered mapping */
	bool stored;                       /* assets were written */
	bool matched;                      /* matching ran (and sum is its summary) */
	struct vans_match_summary sum;
	char match_error[200];             /* matching failed after the intake was stored */
};

/* Stores the rows of b for the organisation in one transaction, unless b has errors and
 * the mode is all-or-nothing (then nothing but the upload record is written, status
 * "rejected"). Rows upsert on (org, identifier, vendor, name); rows without a CPE get the
 * organisation's accepted mapping for their vendor + name (origin suggested, the asset's
 * own version). Every intake leaves an asset_uploads row with its counts and errors. Then
 * matching runs for the identifiers the intake touched (in->match). ERR_INVALID when
 * rejected; ERR_DB (message in err) when the database failed, nothing stored. */
enum err asset_intake_store(struct db *db, const struct asset_intake *in, const struct asset_batch *b,
			    struct asset_intake_result *res, char *err, size_t errlen);

/* The reason of an issue without its position prefix ("line 3, column 4 (資產名稱): "). */
const char *asset_issue_reason(const struct asset_issue *is);
/* The row-level errors of a batch as a JSON array of {line, field, reason} (at most max). */
void asset_issues_json(const struct asset_batch *b, size_t max, struct buf *out);

/* "system", "pc", "network", "ics" (the database's codes) from the intake's category. */
const char *asset_category_db(enum asset_category c);
/* The four database codes, and their zh-TW names. */
const char *asset_category_db_zh(const char *code);
bool asset_category_db_valid(const char *code);

/* ---- reading ---------------------------------------------------------------------- */

struct asset {
	int64_t id, group_id;
	const char *group_code, *category, *identifier, *name, *vendor, *version, *cpe, *cpe_title,
		*cpe_origin, *purl;
	int64_t quantity;
	const char *kb_ids, *owner, *department, *note;
	int64_t upload_id, created_at, updated_at;
};

/* The list's filters (every one optional: NULL or "" means any) and its page. */
struct asset_query {
	const char *name, *vendor, *identifier, *version;   /* substrings, any case */
	const char *category;              /* "system", "pc", "network", "ics" */
	const char *cpe_kind;              /* "with", "without", "a", "o", "h" */
	int64_t group_id;                  /* 0: any */
	const char *sort;                  /* name, vendor, version, identifier, category, cpe, group, updated */
	bool desc;
	int64_t limit, offset;             /* limit 0: 50; at most 10,000 */
};

enum err asset_list(struct db *db, struct arena *a, int64_t org_id, const struct asset_query *q,
		    struct asset **out, size_t *n, int64_t *total);
/* ERR_NOT_FOUND unless the asset is the organisation's. */
enum err asset_get(struct db *db, struct arena *a, int64_t org_id, int64_t id, struct asset *out);
/* Replaces one asset's fields with the record's (checked as an intake row is; issues in
 * b), then matches its host. ERR_INVALID with the issues in b; ERR_EXISTS when another
 * asset of the organisation has the same identifier, vendor and name. */
enum err asset_update(struct db *db, int64_t org_id, int64_t id, const struct intake_record *rec,
		      struct asset_batch *b, struct vans_match_summary *sum);
/* Deletes the asset and its findings, then matches its host again. */
enum err asset_delete(struct db *db, int64_t org_id, int64_t id);

struct asset_upload {
	int64_t id;
	const char *source, *filename, *status, *errors, *username, *key_name;
	int64_t rows_total, rows_added, rows_updated, rows_rejected, created_at;
};
enum err asset_upload_list(struct db *db, struct arena *a, int64_t org_id, int64_t limit, int64_t offset,
			   struct asset_upload **out, size_t *n, int64_t *total);

/* ---- CPE help (asset_cpe.c) ---------------------------------------------------------- */

/* A candidate CPE for an asset: a product of the vendor/product index, with the asset's
 * version filled in (the dictionary's own name when it lists that version). */
struct asset_cpe_candidate {
	const char *cpe;                   /* CPE 2.3 formatted string */
	const char *title;                 /* the dictionary's title, or "" */
	const char *vendor, *product;      /* as the CPE writes them */
	int confidence;                    /* 0..100, docs/assets.md explains the score */
	bool in_dictionary;                /* the exact name (with the version) is in cpe_dict */
	int64_t cve_count;
};

#define ASSET_CPE_MAX_CANDIDATES 10

/* The best candidates (at most max) for a name, vendor and version, best first. */
enum err asset_cpe_candidates(struct db *db, struct arena *a, const char *name, const char *vendor,
			      const char *version, const char *purl, size_t max, struct asset_cpe_candidate **out,
			      size_t *n);
/* Accepts a CPE for an asset: the asset gets it (origin suggested, its own version), the
 * mapping is remembered for the organisation and applied to its other assets with the same
 * vendor and name; then matching runs for the hosts touched. *applied counts the assets
 * changed (this one included). ERR_INVALID when cpe is not a CPE name. */
enum err asset_cpe_accept(struct db *db, int64_t org_id, int64_t account_id, int64_t asset_id, const char *cpe,
			  const char *title, size_t *applied, struct vans_match_summary *sum, char *err,
			  size_t errlen);
/* vendor/name keys of a mapping: trimmed, lower case (ASCII), inner spaces collapsed. */
const char *asset_mapping_key(struct arena *a, const char *s);
/* A CPE 2.3 name with its version (and update) attribute replaced by version ("" → "*"). */
const char *asset_cpe_with_version(struct arena *a, const char *cpe, const char *version);

/* ---- templates (範本下載, asset_template.c) ------------------------------------------- */

/* The inventory template with the headers in zh-TW (english false) or English: CSV (UTF-8
 * with a BOM, so Excel reads the Chinese) or XLSX (bold header row, widths, a second sheet
 * that explains each column with an example). Appended to out. */
enum err asset_template_csv(bool english, struct buf *out);
enum err asset_template_xlsx(bool english, struct buf *out, char *err, size_t errlen);

/* CPE清單下載: the organisation's CPEs as CSV (cpe, title, origin, assets, quantity). */
enum err asset_cpe_list_csv(struct db *db, int64_t org_id, struct buf *out);

#endif
