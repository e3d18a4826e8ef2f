/* `vans finding list`: an organisation's findings (active by default) as tab-separated lines
 * or a JSON array, with the CVE's severity, score, KEV and EPSS; the columns are a contract
 * other tools rely on (docs/matching.md). */
#include "cli/cli.h"
#include "cli/cmd_finding.h"
#include "core/buf.h"
#include "core/clock.h"
#include "core/val.h"
#include "identity/org.h"
#include "store/db.h"

#include <stdio.h>
#include <string.h>

static const char *const columns[] = { "asset_identifier", "asset_name", "cpe", "cve", "severity", "cvss_score",
				       "kev", "epss", "confidence", "status", "due_date", "first_seen", "active" };
#define NCOLS (sizeof columns / sizeof columns[0])

static void usage(FILE *f)
{
	fprintf(f, "usage: vans finding list --org ID [--format tsv|json] [--all]\n"
		   "  the organisation's (OID or 統一編號) active findings, --all with the inactive ones;\n"
		   "  columns: asset identifier, asset name, CPE, CVE, severity, CVSS score, KEV (yes/no),\n"
		   "  EPSS, confidence, status, due date, first seen (dates YYYY-MM-DD, UTC)\n");
}

static void date_of(int64_t t, char *out, size_t len)
{
	char iso[40];
	clock_format_iso8601(t, iso, sizeof iso);
	snprintf(out, len, "%.10s", iso);
}

/* Tabs and newlines inside a field would break the line format. */
static void put_tsv(const char *s)
{
	for (; s && *s; s++)
		putchar(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s);
}

static void json_field(struct buf *b, const char *key, bool first)
{
	if (!first)
		buf_putc(b, ',');
	json_write_string(b, key, strlen(key));
	buf_putc(b, ':');
}

static int list(int argc, char **argv)
{
	static const char *const names[] = { "org", "format" };
	const char *v[2] = { NULL, NULL };
	bool all = false;
	/* --all takes no value: take it out before the name-value flags */
	char *rest[64];
	int nrest = 0;
	for (int i = 0; i < argc && nrest < 64; i++) {
		if (i >= 2 && !strcmp(argv[i], "--all"))
			all = true;
		else
			rest[nrest++] = argv[i];
	}
	if (cli_flags(nrest, rest, 2, names, v, 2, NULL) < 0)
		return 2;
	bool json = v[1] && !strcmp(v[1], "json");
	if (!v[0] || (v[1] && !json && strcmp(v[1], "tsv"))) {
		usage(stderr);
		return 2;
	}
	struct db *db = cli_open_db(1);
	if (!db)
		return 1;
	struct arena a;
	arena_init(&a, 0);
	struct org o;
	int rc = 1;
	if (org_find(db, &a, v[0], &o) != ERR_OK) {
		fprintf(stderr, "vans finding list: no organisation %s (see vans org list)\n", v[0]);
		goto out;
	}
	struct db_stmt *s = db_stmt(db, STMT_VANS_FINDING_LIST);
	if (!s) {
		fprintf(stderr, "vans finding list: %s\n", db_errmsg(db));
		goto out;
	}
	db_bind_int(s, ":org", o.id);
	db_bind_int(s, ":all", all ? 1 : 0);
	struct buf b;
	buf_init(&b, 0);
	if (json)
		fputs("[", stdout);
	else {
		for (size_t c = 0; c + 1 < NCOLS; c++)
			printf("%s%s", c ? "\t" : "", columns[c]);
		if (all)
			printf("\t%s", columns[NCOLS - 1]);
		putchar('\n');
	}
	enum db_step_rc step;
	size_t n = 0;
	while ((step = db_step(s)) == DB_ROW) {
		char due[16] = "", first[16] = "", score[32] = "", epss[32] = "";
		if (!db_col_null(s, 10))
			date_of(db_col_int(s, 10), due, sizeof due);
		date_of(db_col_int(s, 11), first, sizeof first);
		if (!db_col_null(s, 5))
			snprintf(score, sizeof score, "%.1f", db_col_double(s, 5));
		if (!db_col_null(s, 7))
			snprintf(epss, sizeof epss, "%.5f", db_col_double(s, 7));
		bool kev = db_col_int(s, 6) != 0, active = db_col_int(s, 12) != 0;
		int confidence = (int)db_col_int(s, 8);
		const char *text[] = { db_col_text(s, 0), db_col_text(s, 1), db_col_text(s, 2), db_col_text(s, 3),
				       db_col_text(s, 4), db_col_text(s, 9) };
		if (!json) {
			for (int c = 0; c < 5; c++) {
				put_tsv(text[c]);
				putchar('\t');
			}
			printf("%s\t%s\t%s\t%d\t", score, kev ? "yes" : "no", epss, confidence);
			put_tsv(text[5]);
			printf("\t%s\t%s", due, first);
			if (all)
				printf("\t%s", active ? "yes" : "no");
			putchar('\n');
			n++;
			continue;
		}
		buf_reset(&b);
		buf_puts(&b, n ? ",\n{" : "\n{");
		for (int c = 0; c < 5; c++) {
			json_field(&b, columns[c], c == 0);
			if (c == 4 && !text[c])
				buf_puts(&b, "null");
			else
				json_write_string(&b, text[c] ? text[c] : "", strlen(text[c] ? text[c] : ""));
		}
		json_field(&b, "cvss_score", false);
		buf_puts(&b, score[0] ? score : "null");
		json_field(&b, "kev", false);
		buf_puts(&b, kev ? "true" : "false");
		json_field(&b, "epss", false);
		buf_puts(&b, epss[0] ? epss : "null");
		json_field(&b, "confidence", false);
		buf_printf(&b, "%d", confidence);
		json_field(&b, "status", false);
		json_write_string(&b, text[5] ? text[5] : "", strlen(text[5] ? text[5] : ""));
		json_field(&b, "due_date", false);
		if (due[0])
			json_write_string(&b, due, strlen(due));
		else
			buf_puts(&b, "null");
		json_field(&b, "first_seen", false);
		json_write_string(&b, first, strlen(first));
		json_field(&b, "active", false);
		buf_puts(&b, active ? "true" : "false");
		buf_putc(&b, '}');
		fwrite(b.data, 1, b.len, stdout);
		n++;
	}
	db_reset(s);
	buf_free(&b);
	if (json)
		fputs(n ? "\n]\n" : "]\n", stdout);
	if (step == DB_ERROR) {
		fprintf(stderr, "vans finding list: %s\n", db_errmsg(db));
		goto out;
	}
	rc = 0;
out:
	arena_free(&a);
	db_close(db);
	return rc;
}

int cli_finding(int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "list"))
		return list(argc, argv);
	usage(argc >= 2 && !strcmp(argv[1], "--help") ? stdout : stderr);
	return argc >= 2 && !strcmp(argv[1], "--help") ? 0 : 2;
}
