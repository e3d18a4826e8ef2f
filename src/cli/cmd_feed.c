/* `vans feed`: import vulnerability feeds from files (NVD, CVE 5, KEV, EPSS, the CPE
 * dictionary) and show what is loaded. Each file is one transaction; a progress bar is
 * drawn when stderr is a terminal, and a summary line is printed per file. */
#include "cli/cli.h"
#include "cli/cmd_feed.h"
#include "core/clock.h"
#include "kb/feed_job.h"
#include "kb/import.h"
#include "kb/nvd_sync.h"
#include "net/http_client.h"
#include "vans/engine.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

struct progress {
	const char *name;
	uint64_t started;
	int shown;
};

static void draw_progress(void *ctx, uint64_t done, uint64_t total)
{
	struct progress *p = ctx;
	if (!isatty(STDERR_FILENO))
		return;
	if (total == 0) {
		/* a directory of records: no size known ahead, so a count */
		fprintf(stderr, "\r  %-32.32s %10llu records\033[K", p->name, (unsigned long long)done);
		p->shown = 0;
		fflush(stderr);
		return;
	}
	int pct = (int)(done * 100 / total);
	if (pct > 100)
		pct = 100;
	if (pct == p->shown)
		return;
	p->shown = pct;
	double secs = (double)(clock_mono_ns() - p->started) / 1e9;
	char bar[31];
	int fill = pct * 30 / 100;
	for (int i = 0; i < 30; i++)
		bar[i] = i < fill ? '#' : ' ';
	bar[30] = '\0';
	fprintf(stderr, "\r  %-32.32s [%s] %3d%%  %6.1f MB/s", p->name, bar, pct,
		secs > 0 ? (double)done / 1e6 / secs : 0.0);
	fflush(stderr);
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

typedef enum err (*import_fn)(struct db *db, const char *path, struct kb_import_stats *st, kb_progress_fn progress,
			     void *pctx, char *err, size_t errlen);

static void print_bad_file(void *ctx, const char *path, const char *msg)
{
	(void)path;
	struct progress *p = ctx;
	if (p->shown >= 0)
		fputs("\r\033[K", stderr);
	p->shown = -1;
	fprintf(stderr, "vans feed import cve5: %s (not stored)\n", msg);
}

static enum err import_cve5(struct db *db, const char *path, struct kb_import_stats *st, kb_progress_fn progress,
			    void *pctx, char *err, size_t errlen)
{
	return kb_import_cve5_path(db, path, st, progress, print_bad_file, pctx, err, errlen);
}

static const struct {
	const char *feed;
	import_fn fn;
	int many;             /* takes several files */
	int changes_findings; /* findings are refreshed after it */
} importers[] = {
	{ "nvd", kb_import_nvd_file, 1, 1 },
	{ "cve5", import_cve5, 1, 1 },
	{ "kev", kb_import_kev_file, 0, 1 },
	{ "epss", kb_import_epss_file, 0, 0 },
	{ "cpedict", kb_import_cpedict_file, 0, 0 },
};
#define N_IMPORTERS (sizeof importers / sizeof importers[0])

/* Findings follow the knowledge base: only the CVEs that changed are matched again (nothing
 * at all without assets). A failure here leaves the import stored; the next refresh (or
 * `vans serve`) catches up. */
static void refresh_findings(struct db *db, const char *cmd)
{
	struct vans_match_summary sum;
	char err[1024] = "", text[512];
	uint64_t t0 = clock_mono_ns();
	enum err e = vans_engine_refresh(db, &sum, err, sizeof err);
	vans_engine_stop();
	if (e != ERR_OK) {
		fprintf(stderr, "%s: the import is stored, but findings could not be updated: %s\n", cmd, err);
		return;
	}
	if (sum.no_assets)
		return;
	vans_match_summary_format(&sum, text, sizeof text);
	printf("findings (to change %lld, %.1f s): %s\n", (long long)sum.cve_seq, (double)(clock_mono_ns() - t0) / 1e9,
	       text);
}

static int import_files(struct db *db, size_t which, int nfiles, char **files)
{
	const char *feed = importers[which].feed;
	if (nfiles < 1 || (!importers[which].many && nfiles != 1)) {
		fprintf(stderr, "usage: vans feed import %s FILE%s\n", feed, importers[which].many ? "..." : "");
		return 2;
	}
	int failed = 0;
	for (int i = 0; i < nfiles; i++) {
		struct kb_import_stats st = { 0 };
		struct progress p = { .name = base_name(files[i]), .started = clock_mono_ns(), .shown = -1 };
		char err[1024] = "";
		enum err e = importers[which].fn(db, files[i], &st, draw_progress, &p, err, sizeof err);
		if (p.shown >= 0)
			fputs("\r\033[K", stderr);
		char summary[768];
		kb_stats_format(&st, summary, sizeof summary);
		if (e != ERR_OK && st.new_records + st.updated + st.unchanged + st.skipped == 0) {
			fprintf(stderr, "vans feed import %s: %s (nothing of this file was kept)\n", feed, err);
			failed++;
			continue;
		}
		if (e != ERR_OK) {
			/* a directory whose bad files were left out; the good ones are stored */
			fprintf(stderr, "vans feed import %s: %s\n", feed, err);
			failed++;
		}
		printf("%s: %s%s%s — ", files[i], st.about, st.about[0] ? ": " : "", summary);
		if (st.bytes_json)
			printf("%.1f MB in %.1f s\n", (double)st.bytes_json / 1e6, st.seconds);
		else
			printf("%.1f s\n", st.seconds);
	}
	if (failed < nfiles && importers[which].changes_findings)
		refresh_findings(db, "vans feed import");
	return failed ? 1 : 0;
}

static int feed_status(struct db *db)
{
	struct db_stmt *s = db_stmt(db, STMT_KB_COUNTS);
	if (s && db_step(s) == DB_ROW) {
		printf("cves\t%lld (rejected %lld, from CVE 5 records %lld)\n", (long long)db_col_int(s, 0),
		       (long long)db_col_int(s, 1), (long long)db_col_int(s, 7));
		printf("kev\t%lld", (long long)db_col_int(s, 2));
		if (!db_col_null(s, 9) && db_col_text(s, 9)[0])
			printf(" (newest catalogue %s)", db_col_text(s, 9));
		printf("\nepss\t%lld", (long long)db_col_int(s, 3));
		if (!db_col_null(s, 10) && db_col_text(s, 10)[0])
			printf(" (scores of %s)", db_col_text(s, 10));
		printf("\ncpe dictionary\t%lld (deprecated %lld)\ncpe products\t%lld\ncpe matches\t%lld\n",
		       (long long)db_col_int(s, 4), (long long)db_col_int(s, 8), (long long)db_col_int(s, 6),
		       (long long)db_col_int(s, 5));
	}
	if (s)
		db_reset(s);
	s = db_stmt(db, STMT_KB_FEED_STATUS_LIST);
	int any = 0;
	while (s && db_step(s) == DB_ROW) {
		if (!any++)
			printf("\nfeed\tloaded at\tsource\tlast import\n");
		printf("%s\t%s\t%s\t%s\n", db_col_text(s, 0), db_col_text(s, 1), db_col_text(s, 3), db_col_text(s, 4));
	}
	if (s)
		db_reset(s);
	if (!any)
		printf("\nNo feed has been loaded. Load one with: vans feed import nvd FILE... (see vans feed --help)\n");
	return 0;
}

static void sync_progress(void *ctx, uint64_t stored, int64_t window_total, int64_t window_done)
{
	(void)ctx;
	if (isatty(STDERR_FILENO))
		fprintf(stderr, "\r  NVD API: %llu records stored; this window %lld of %lld\033[K",
			(unsigned long long)stored, (long long)window_done, (long long)window_total);
	else
		fprintf(stderr, "nvd sync: %llu records stored; this window %lld of %lld\n", (unsigned long long)stored,
			(long long)window_done, (long long)window_total);
}

static int sync_nvd(struct db *db, int argc, char **argv)
{
	struct kb_sync_options o = {
		.base_url = cli_config.nvd_api_url,
		.api_key = cli_config.nvd_api_key,
		.since = -1,
		.until = -1,
		.page_size = (int)cli_config.nvd_page_size,
		.rate_window = (int)cli_config.nvd_rate_window,
		.max_retries = (int)cli_config.nvd_retry_max,
		.retry_base_ms = (int)cli_config.nvd_retry_base_ms,
		.progress = sync_progress,
	};
	for (int i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "--since") && i + 1 < argc) {
			const char *v = argv[++i];
			if (clock_parse_iso8601(v, strlen(v), &o.since) < 0) {
				fprintf(stderr, "vans feed sync nvd: --since \"%s\" is not a date (YYYY-MM-DD or ISO 8601)\n", v);
				return 2;
			}
		} else if (!strcmp(argv[i], "--api-key") && i + 1 < argc) {
			o.api_key = argv[++i];
		} else {
			fprintf(stderr, "vans feed sync nvd: unexpected argument \"%s\"\n", argv[i]);
			return 2;
		}
	}
	if (http_client_init() < 0) {
		fprintf(stderr, "vans feed sync nvd: the HTTP client failed to start\n");
		return 1;
	}
	/* the lock the feed page's sync holds: never two syncs, whoever starts them */
	enum err locked = kb_sync_lock(db);
	if (locked != ERR_OK) {
		fprintf(stderr, "vans feed sync nvd: %s\n", locked == ERR_CONFLICT
			? "a sync is running already (started from the feed page or another vans feed sync); "
			  "run this one when it has finished"
			: "the database did not answer");
		return 1;
	}
	struct kb_import_stats st = { 0 };
	char err[1024] = "", summary[512];
	enum err e = kb_sync_nvd(db, &o, &st, err, sizeof err);
	kb_sync_unlock(db);
	if (isatty(STDERR_FILENO))
		fputs("\r\033[K", stderr);
	kb_stats_format(&st, summary, sizeof summary);
	if (e != ERR_OK) {
		fprintf(stderr, "vans feed sync nvd: %s\n  stored before the failure (kept; the next sync resumes there): %s\n",
			err, summary);
		return 1;
	}
	printf("NVD API: %s\n", summary);
	refresh_findings(db, "vans feed sync nvd");
	return 0;
}

static void usage(FILE *f)
{
	fprintf(f, "usage: vans feed import nvd FILE...        NVD CVE API 2.0 or 1.1 JSON (.json, .json.gz, .zip)\n"
		   "       vans feed import cve5 FILE|DIR...   CVE JSON 5 records (a record file, or a directory\n"
		   "                                           of them such as a cvelistV5 tree)\n"
		   "       vans feed import kev FILE           CISA KEV catalogue, JSON or CSV\n"
		   "       vans feed import epss FILE          FIRST EPSS daily scores, CSV (plain or .gz)\n"
		   "       vans feed import cpedict FILE       NVD CPE 2.3 dictionary, XML (plain or .gz)\n"
		   "       vans feed sync nvd [--since DATE] [--api-key KEY]\n"
		   "                                           incremental sync from the NVD CVE API 2.0\n"
		   "       vans feed status                    what is loaded, and when\n");
}

int cli_feed(int argc, char **argv)
{
	if (argc < 2 || !strcmp(argv[1], "--help")) {
		usage(argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	struct db *db = cli_open_db(1);
	if (!db)
		return 1;
	int rc = 2;
	if (!strcmp(argv[1], "status") && argc == 2) {
		rc = feed_status(db);
	} else if (!strcmp(argv[1], "sync") && argc >= 3 && !strcmp(argv[2], "nvd")) {
		rc = sync_nvd(db, argc - 3, argv + 3);
	} else if (!strcmp(argv[1], "import") && argc >= 3) {
		size_t i = 0;
		while (i < N_IMPORTERS && strcmp(argv[2], importers[i].feed) != 0)
			i++;
		if (i < N_IMPORTERS)
			rc = import_files(db, i, argc - 3, argv + 3);
		else
			usage(stderr);
	} else {
		usage(stderr);
	}
	db_close(db);
	return rc;
}
