/* Pieces the intake readers share and nobody else needs: CPE normalisation, the purl
 * guess on a row, "N/A" spotting and option defaults. Not a public interface. */
#ifndef VANS_VANS_INTAKE_INTERNAL_H
#define VANS_VANS_INTAKE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "vans/intake/asset_row.h"
#include "vans/intake/intake.h"
#include "vans/intake/purl.h"

/* "N/A", "NA", "-", "無", "none" (any case, full-width): what tools write for "no value". */
bool intake_is_na(const char *p, size_t len);

/* A CPE 2.3 formatted string or 2.2 URI → the 2.3 formatted string in the arena.
 * Refuses other notations and names whose vendor or product is not a value. Returns 0 or
 * -1 with the reason in err. */
int intake_cpe_normalise(const char *p, size_t len, struct arena *a, const char **out,
			 bool *from_uri, char *err, size_t errlen);

/* Parses a purl onto the row: row->purl, the row's version when it has none, the guess
 * (with a CPE built from it and the version). Returns 0, or -1 with the reason in err. */
int intake_row_purl(struct asset_batch *b, struct asset_row *row, const char *p, size_t len,
		    char *err, size_t errlen);

/* The options with their defaults filled in. */
struct intake_opts intake_opts_fill(const struct intake_opts *o);

/* Ends a read: drops the rows in all-or-nothing mode when there are errors, and says
 * what the caller gets. */
enum err intake_finish(struct asset_batch *b, const struct intake_opts *o, enum err e);

/* One SBOM component (CycloneDX) or package (SPDX) as its reader found it; pointers into
 * the reader's memory, lengths given (JSON strings may hold NULs). */
#define SBOM_MAX_CPES 8

struct sbom_text {
	const char *p;
	size_t len;
};

struct sbom_comp {
	struct sbom_text name, version, vendor, purl;
	struct sbom_text cpe[SBOM_MAX_CPES];   /* candidates in the order given */
	size_t n_cpe;
	bool subject;                          /* metadata.component */
	uint32_t line;                         /* XML: its start tag's line; else 0 */
	const char *path;                      /* JSON: "components[3]"; else NULL */
};

/* CycloneDX component types that describe rather than install something (data,
 * cryptographic assets): not assets, counted in rows_not_assets. */
bool sbom_type_not_asset(const char *type, size_t len);

/* Turns a component into a row of b (or an error issue, the component left out), with
 * warnings for a CPE or purl that cannot be read (the component kept without it). */
void sbom_emit(struct asset_batch *b, const struct intake_opts *o, const struct sbom_comp *c);

/* A file-level issue (unreadable, unsupported) and the error the reader returns. */
enum err sbom_fail(struct asset_batch *b, enum asset_issue_code code, enum err e,
		   const char *fmt, ...) __attribute__((format(printf, 4, 5)));

#endif
