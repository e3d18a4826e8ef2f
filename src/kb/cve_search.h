/* CVE search for the pages and the API: by ID, free text, vendor/product, severity, KEV,
 * published range, with paging. Input is validated here, once, for both callers. */
#ifndef VANS_KB_CVE_SEARCH_H
#define VANS_KB_CVE_SEARCH_H

#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"
#include "core/val.h"
#include "store/db.h"

#define KB_SEARCH_PER_PAGE_MAX 100

struct kb_cve_query {
	const char *text;          /* free text; NULL or "" for none */
	const char *vendor;        /* CPE vendor, e.g. "apache"; NULL for any */
	const char *product;       /* CPE product; only with vendor */
	const char *severity;      /* CRITICAL, HIGH, MEDIUM, LOW, NONE; NULL for any */
	bool kev_only;
	bool include_rejected;
	int64_t published_from;    /* Unix seconds, -1 for none */
	int64_t published_to;      /* exclusive, -1 for none */
	int64_t page;              /* 1-based */
	int64_t per_page;
};

/* Fills q from textual parameters (query string or form), naming the first bad one in
 * *bad_field; ERR_INVALID then. Dates are YYYY-MM-DD. */
enum err kb_cve_query_parse(struct kb_cve_query *q, const char *text, const char *vendor, const char *product,
			    const char *severity, const char *kev, const char *from, const char *to,
			    const char *page, const char *per_page, const char **bad_field);
/* {"total": N, "page": P, "per_page": K, "items": [{id, published, cvss{…}, description,
 * rejected, kev, epss}]}. */
enum err kb_cve_search(struct db *db, struct arena *a, const struct kb_cve_query *q, struct val **out);

#endif
