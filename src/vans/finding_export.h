/* Findings written out for other tools: CSV that Excel opens as UTF-8 and never evaluates
 * (formula injection), and CycloneDX VEX (JSON) with the analysis of every finding. The
 * input is the finding objects of finding_list. */
#ifndef VANS_VANS_FINDING_EXPORT_H
#define VANS_VANS_FINDING_EXPORT_H

#include <stdint.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/val.h"

/* One CSV cell: quoted when it holds a comma, quote, CR or LF; a leading ' when it starts with
 * = + - @ TAB or CR, so that a spreadsheet shows it as text instead of running it. */
void finding_csv_cell(struct buf *out, const char *s, size_t len);

/* The column headings of the CSV in order, for the caller to translate: keys of i18n
 * ("findings.csv.<name>"). NULL-terminated. */
extern const char *const finding_csv_columns[];
/* The BOM, a heading row (headings[i] for finding_csv_columns[i]) and one row per finding;
 * CRLF line ends. status_words maps a status name to its label (NULL: the name itself). */
void finding_export_csv(const struct val *items, const char *const *headings,
			const char *(*status_words)(void *ctx, const char *status), void *ctx, struct buf *out);

/* The same rows as an XLSX workbook (core/xlsx_write.h): a bold, frozen heading row, figures
 * as numbers, text never read as a formula. ERR_TOO_LARGE past out's cap. */
enum err finding_export_xlsx(const struct val *items, const char *const *headings, const char *sheet,
			     const char *(*status_words)(void *ctx, const char *status), void *ctx, struct buf *out);

/* The CycloneDX analysis of a status: state, and response (NULL when none). */
struct finding_vex_analysis {
	const char *state;       /* in_triage exploitable resolved false_positive not_affected */
	const char *response;    /* update will_not_fix NULL */
};
struct finding_vex_analysis finding_vex_map(const char *status);

/* A CycloneDX 1.5 VEX document: the organisation's assets as components (bom-ref
 * "asset-ID") and one vulnerability per finding whose affects points at its asset.
 * serial is a UUID ("urn:uuid:" is added), now the document's time. */
void finding_export_vex(struct arena *a, const struct val *items, const char *org_name, const char *serial,
			int64_t now, struct buf *out);

#endif
