/* `vans match`: which stored CVEs apply to a host with the given CPEs (--cpe), or to each
 * CPE of a file as a host of its own (--cpe-file), or re-matching an organisation's assets
 * into findings (--org); the output forms are a contract other tools rely on (docs/matching.md). */
#include "cli/cli.h"
#include "cli/cmd_match.h"
#include "core/clock.h"
#include "identity/org.h"
#include "store/db.h"
#include "vans/engine.h"
#include "vans/match.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum mode { MODE_NONE, MODE_CPE, MODE_FILE, MODE_ORG };

struct printer {
	const struct match_index *ix;
	const struct match_hosts *hosts;
	enum mode mode;
	bool explain;
};

static void usage(FILE *f)
{
	fprintf(f, "usage: vans match --cpe CPE [--cpe CPE...] [--explain]\n"
		   "           the CVE IDs that apply to one host with these CPEs, one per line, sorted\n"
		   "       vans match --cpe-file FILE [--explain]\n"
		   "           each line of FILE (- for stdin) a host with that one CPE: CPE<TAB>CVE-ID lines\n"
		   "       vans match --org ID\n"
		   "           re-matches every asset of the organisation (OID or 統一編號), writes its findings\n"
		   "           and prints what changed\n"
		   "       --explain adds the confidence, the host CPE and the criterion that matched and its\n"
		   "           version bounds as further tab-separated columns\n");
}

/* ">=2.0-beta9 <2.15.0", or "-" for a criterion without bounds */
static void format_bounds(const struct match_criterion *c, char *out, size_t outlen)
{
	const char *ops[4] = { ">=", ">", "<=", "<" };
	const char *v[4] = { c->start_incl, c->start_excl, c->end_incl, c->end_excl };
	size_t n = 0;
	out[0] = '\0';
	for (int i = 0; i < 4; i++) {
		if (!v[i])
			continue;
		int w = snprintf(out + n, outlen - n, "%s%s%s", n ? " " : "", ops[i], v[i]);
		if (w < 0 || (size_t)w >= outlen - n)
			break;
		n += (size_t)w;
	}
	if (!n)
		snprintf(out, outlen, "-");
}

static int print_host(void *ctx, size_t host, const struct match_finding *f, size_t n)
{
	const struct printer *p = ctx;
	for (size_t i = 0; i < n; i++) {
		const char *cve = match_cve_id(p->ix, f[i].cve);
		if (p->mode == MODE_FILE)
			printf("%s\t", match_hosts_cpe(p->hosts, host, 0));
		if (!p->explain) {
			printf("%s\n", cve);
			continue;
		}
		struct match_criterion c;
		char bounds[2200];
		match_criterion_get(p->ix, f[i].criterion, &c);
		format_bounds(&c, bounds, sizeof bounds);
		if (p->mode == MODE_FILE)
			printf("%s\t%d\t%s\t%s\n", cve, f[i].confidence, c.criteria, bounds);
		else
			printf("%s\t%d\t%s\t%s\t%s\n", cve, f[i].confidence, match_hosts_cpe(p->hosts, host, f[i].cpe),
			       c.criteria, bounds);
	}
	return 0;
}

/* Each non-empty line not starting with '#' is one CPE; surrounding blanks are ignored.
 * Returns the number of lines refused (reported on stderr), or -1 when FILE cannot be read. */
static long read_cpe_file(const char *path, struct match_hosts *h)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
	if (!f) {
		fprintf(stderr, "vans match: cannot read %s\n", path);
		return -1;
	}
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	long bad = 0;
	uint64_t lineno = 0;
	while ((len = getline(&line, &cap, f)) >= 0) {
		lineno++;
		char *s = line;
		size_t n = (size_t)len;
		while (n && (s[n - 1] == '\n' || s[n - 1] == '\r' || s[n - 1] == ' ' || s[n - 1] == '\t'))
			n--;
		while (n && (*s == ' ' || *s == '\t')) {
			s++;
			n--;
		}
		if (n == 0 || *s == '#')
			continue;
		char err[256];
		if (match_hosts_add(h, lineno, s, n, MATCH_ORIGIN_GIVEN, err, sizeof err) != ERR_OK) {
			fprintf(stderr, "vans match: %s:%llu: not a CPE name: %s\n", path, (unsigned long long)lineno, err);
			bad++;
		}
	}
	free(line);
	if (f != stdin)
		fclose(f);
	return bad;
}

/* Re-matches every asset of the organisation and writes its findings. */
static int match_org(const char *identifier)
{
	struct db *db = cli_open_db(1);
	if (!db)
		return 1;
	struct arena a;
	arena_init(&a, 0);
	struct org o;
	int rc = 1;
	if (org_find(db, &a, identifier, &o) != ERR_OK) {
		fprintf(stderr, "vans match --org: no organisation %s (see vans org list)\n", identifier);
		goto out;
	}
	struct vans_match_summary sum;
	char err[1024], text[512];
	uint64_t t0 = clock_mono_ns();
	if (vans_engine_match_org(db, o.id, NULL, 0, &sum, err, sizeof err) != ERR_OK) {
		fprintf(stderr, "vans match --org: %s\n", err);
		goto out;
	}
	vans_match_summary_format(&sum, text, sizeof text);
	printf("%s %s: %s (knowledge base change %lld, %.2f s)\n", o.identifier, o.name, text, (long long)sum.cve_seq,
	       (double)(clock_mono_ns() - t0) / 1e9);
	rc = 0;
out:
	vans_engine_stop();
	arena_free(&a);
	db_close(db);
	return rc;
}

int cli_match(int argc, char **argv)
{
	enum mode mode = MODE_NONE;
	bool explain = false;
	const char *file = NULL, *org = NULL;
	struct match_hosts *hosts = match_hosts_new();
	int rc = 2;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		bool has_value = i + 1 < argc;
		if (!strcmp(a, "--help")) {
			usage(stdout);
			rc = 0;
			goto out;
		} else if (!strcmp(a, "--explain")) {
			explain = true;
		} else if (!strcmp(a, "--cpe") && has_value && (mode == MODE_NONE || mode == MODE_CPE)) {
			mode = MODE_CPE;
			const char *cpe = argv[++i];
			char err[256];
			if (match_hosts_add(hosts, 0, cpe, strlen(cpe), MATCH_ORIGIN_GIVEN, err, sizeof err) != ERR_OK) {
				fprintf(stderr, "vans match: \"%s\" is not a CPE name: %s\n", cpe, err);
				goto out;
			}
		} else if (!strcmp(a, "--cpe-file") && has_value && mode == MODE_NONE) {
			mode = MODE_FILE;
			file = argv[++i];
		} else if (!strcmp(a, "--org") && has_value && mode == MODE_NONE) {
			mode = MODE_ORG;
			org = argv[++i];
		} else {
			usage(stderr);
			goto out;
		}
	}
	if (mode == MODE_NONE) {
		usage(stderr);
		goto out;
	}
	if (mode == MODE_ORG) {
		rc = explain ? 2 : match_org(org);
		if (explain)
			usage(stderr);
		goto out;
	}
	long bad = 0;
	if (mode == MODE_FILE && (bad = read_cpe_file(file, hosts)) < 0) {
		rc = 1;
		goto out;
	}
	match_hosts_commit(hosts);

	struct db *db = cli_open_db(1);
	if (!db) {
		rc = 1;
		goto out;
	}
	struct match_index *ix = match_index_new();
	char err[1024];
	if (match_index_load(ix, db, err, sizeof err) != ERR_OK) {
		fprintf(stderr, "vans match: %s\n", err);
		rc = 1;
	} else {
		struct match_stats st;
		match_index_stats(ix, &st);
		if (st.cves == 0)
			fprintf(stderr, "vans match: the knowledge base holds no CVE configurations yet "
					"(load feeds with: vans feed import nvd FILE...)\n");
		struct match_ctx *c = match_ctx_new(ix);
		struct printer p = { .ix = ix, .hosts = hosts, .mode = mode, .explain = explain };
		rc = match_hosts_all(c, hosts, print_host, &p) == ERR_OK && bad == 0 ? 0 : 1;
		match_ctx_free(c);
	}
	match_index_free(ix);
	db_close(db);
out:
	match_hosts_free(hosts);
	return rc;
}
