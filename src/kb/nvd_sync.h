/* Incremental sync from the NVD CVE API 2.0: lastModified windows of at most 120 days,
 * startIndex paging, the API key header, the request-rate limit NVD publishes (5 per 30 s
 * without a key, 50 with), retries with back-off, and a checkpoint stored with each page so
 * an interrupted sync resumes where it stopped. */
#ifndef VANS_KB_NVD_SYNC_H
#define VANS_KB_NVD_SYNC_H

#include <stdint.h>

#include "kb/import.h"

struct kb_sync_options {
	const char *base_url;     /* e.g. https://services.nvd.nist.gov/rest/json/cves/2.0 */
	const char *api_key;      /* NULL or "": no key */
	int64_t since;            /* Unix seconds; -1: from the checkpoint (everything when none) */
	int64_t until;            /* Unix seconds; -1: now */
	int page_size;            /* resultsPerPage, 1..2000 */
	int rate_window;          /* seconds of the rate window (NVD: 30) */
	int rate_limit;           /* requests per window; 0 picks 5 without a key, 50 with */
	int max_retries;          /* per request, on 403/429/5xx and connection errors */
	int retry_base_ms;        /* first back-off; doubles each try, at most 60 s */
	/* progress after each stored page: records stored so far, results of the current window */
	void (*progress)(void *ctx, uint64_t stored, int64_t window_total, int64_t window_done);
	void *pctx;
};

#define KB_NVD_WINDOW_SECONDS (120 * 86400)

/* Runs the sync; each page is one transaction together with the checkpoint. */
enum err kb_sync_nvd(struct db *db, const struct kb_sync_options *o, struct kb_import_stats *st, char *err,
		     size_t errlen);

#endif
