/* `vans asset`: import an inventory or SBOM file for an organisation (all-or-nothing unless
 * --keep-valid; matching runs afterwards) and list its assets as TSV or JSON. */
#include "cli/cli.h"
#include "core/alloc.h"
#include "core/val.h"
#include "identity/org.h"
#include "store/db.h"
#include "vans/asset.h"
#include "vans/intake/intake.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FILE ((size_t)256 << 20)

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "vans asset import: %s: %s\n", path, strerror(errno));
		return NULL;
	}
	size_t cap = 1 << 16, n = 0;
	char *p = xmalloc(cap);
	size_t got;
	while ((got = fread(p + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap) {
			if (cap >= MAX_FILE) {
				fprintf(stderr, "vans asset import: %s: larger than 256 MB\n", path);
				free(p);
				fclose(f);
				return NULL;
			}
			cap *= 2;
			p = xrealloc(p, cap);
		}
	}
	bool bad = ferror(f);
	fclose(f);
	if (bad) {
		fprintf(stderr, "vans asset import: %s: read error\n", path);
		free(p);
		return NULL;
	}
	*len = n;
	return p;
}

/* Removes a boolean flag from argv; true when it was there. */
static bool take_flag(int *argc, char **argv, const char *flag)
{
	for (int i = 1; i < *argc; i++)
		if (!strcmp(argv[i], flag)) {
			memmove(&argv[i], &argv[i + 1], (size_t)(*argc - i - 1) * sizeof *argv);
			(*argc)--;
			return true;
		}
	return false;
}

static void print_issues(const char *file, const struct asset_batch *b)
{
	for (size_t i = 0; i < b->n_issues; i++) {
		const struct asset_issue *is = &b->issues[i];
		const char *field = is->field < ASSET_FIELD__MAX ? asset_field_key(is->field) : "-";
		fprintf(stderr, "%s:%u: %s: %s%s\n", file, is->line, field,
			is->severity == ASSET_SEV_WARNING ? "warning: " : "", asset_issue_reason(is));
	}
	if (b->issues_dropped)
		fprintf(stderr, "%s: %zu more issues not listed\n", file, b->issues_dropped);
}

static const char *source_of(enum intake_format f)
{
	switch (f) {
	case INTAKE_FORMAT_XLSX: return "xlsx";
	case INTAKE_FORMAT_CSV: return "csv";
	case INTAKE_FORMAT_CYCLONEDX_JSON:
	case INTAKE_FORMAT_CYCLONEDX_XML: return "cyclonedx";
	case INTAKE_FORMAT_SPDX_JSON: return "spdx";
	default: return "cli";
	}
}

static int import(int argc, char **argv)
{
	bool keep = take_flag(&argc, argv, "--keep-valid");
	static const char *const names[] = { "org", "group", "category", "sheet" };
	const char *v[4], *file = NULL;
	if (cli_flags(argc, argv, 2, names, v, 4, &file) < 0)
		return 2;
	if (!v[0] || !file) {
		fprintf(stderr, "usage: vans asset import --org ID [--keep-valid] [--group CODE] "
				"[--category system|pc|network|ics] FILE\n");
		return 2;
	}
	enum asset_category cat = ASSET_CATEGORY_NONE;
	if (v[2]) {
		cat = strcmp(v[2], "pc") == 0 ? ASSET_CATEGORY_ENDPOINT : asset_category_parse(v[2], strlen(v[2]));
		if (cat == ASSET_CATEGORY_NONE) {
			fprintf(stderr, "vans asset import: --category is one of system, pc, network, ics\n");
			return 2;
		}
	}
	size_t len;
	char *data = read_file(file, &len);
	if (!data)
		return 1;
	struct db *db = cli_open_db(1);
	if (!db) {
		free(data);
		return 1;
	}
	struct arena a;
	arena_init(&a, 0);
	int rc = 1;
	struct org o;
	struct asset_batch b;
	asset_batch_init(&b, ASSET_SOURCE_UNKNOWN);
	if (org_find(db, &a, v[0], &o) != ERR_OK) {
		fprintf(stderr, "vans asset import: no organisation %s\n", v[0]);
		goto out;
	}
	char why[256] = "";
	enum intake_format fmt = intake_detect(data, len, why, sizeof why);
	if (fmt == INTAKE_FORMAT_UNKNOWN) {
		fprintf(stderr, "%s:0: -: %s\n", file, why[0] ? why : "not a file vans can import");
		goto out;
	}
	asset_batch_free(&b);
	struct intake_opts opts = { .mode = keep ? INTAKE_KEEP_VALID : INTAKE_ALL_OR_NOTHING, .category = cat,
				    .group_code = v[1] };
	intake_read(data, len, &opts, &b);
	print_issues(file, &b);
	const char *base = strrchr(file, '/');
	struct asset_intake in = { .org_id = o.id, .source = source_of(fmt), .filename = base ? base + 1 : file,
				   .mode = opts.mode, .group_code = v[1], .match = true };
	struct asset_intake_result res;
	char err[256];
	enum err e = asset_intake_store(db, &in, &b, &res, err, sizeof err);
	if (e == ERR_INVALID) {
		fprintf(stderr, "%s: %s: %zu rows, %zu with errors: nothing stored (upload %lld; --keep-valid keeps "
				"the valid rows)\n", file, intake_format_str(fmt), res.rows_total,
			b.rows_rejected ? b.rows_rejected : res.rows_rejected, (long long)res.upload_id);
		goto out;
	}
	if (e != ERR_OK) {
		fprintf(stderr, "vans asset import: %s\n", err[0] ? err : err_str(e));
		goto out;
	}
	printf("%s: %s, %zu rows: %zu added, %zu updated, %zu rejected, %zu CPEs from remembered mappings "
	       "(upload %lld, %s)\n", file, intake_format_str(fmt), res.rows_total, res.rows_added, res.rows_updated,
	       res.rows_rejected, res.rows_mapped, (long long)res.upload_id, res.status);
	if (res.matched)
		printf("matching: %zu hosts, %zu assets, %zu active findings (%zu new, %zu reactivated, %zu inactive)\n",
		       res.sum.hosts, res.sum.assets, res.sum.findings_active, res.sum.findings_new,
		       res.sum.findings_reactivated, res.sum.findings_inactive);
	else
		printf("matching: failed: %s\n", res.match_error);
	rc = 0;
out:
	asset_batch_free(&b);
	arena_free(&a);
	db_close(db);
	free(data);
	return rc;
}

static void tsv_field(const char *s)
{
	for (; *s; s++)
		putchar(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s);
}

static int list(int argc, char **argv)
{
	static const char *const names[] = { "org", "format" };
	const char *v[2];
	if (cli_flags(argc, argv, 2, names, v, 2, NULL) < 0)
		return 2;
	const char *format = v[1] ? v[1] : "tsv";
	if (!v[0] || (strcmp(format, "tsv") && strcmp(format, "json"))) {
		fprintf(stderr, "usage: vans asset list --org ID [--format tsv|json]\n");
		return 2;
	}
	struct db *db = cli_open_db(1);
	if (!db)
		return 1;
	struct arena a;
	arena_init(&a, 0);
	int rc = 1;
	struct org o;
	if (org_find(db, &a, v[0], &o) != ERR_OK) {
		fprintf(stderr, "vans asset list: no organisation %s\n", v[0]);
		goto out;
	}
	bool json = !strcmp(format, "json");
	struct val *arr = val_arr(&a);
	if (!json)
		printf("id\tgroup\tcategory\tidentifier\tname\tvendor\tversion\tcpe\tcpe_origin\tquantity\n");
	struct asset_query q = { .sort = "id", .limit = 10000 };
	for (;;) {
		struct asset *as;
		size_t n;
		if (asset_list(db, &a, o.id, &q, &as, &n, NULL) != ERR_OK) {
			fprintf(stderr, "vans asset list: the database failed\n");
			goto out;
		}
		for (size_t i = 0; i < n; i++) {
			const struct asset *x = &as[i];
			if (json) {
				struct val *e = val_obj(&a);
				val_set_int(&a, e, "id", x->id);
				val_set_str(&a, e, "group", x->group_code);
				val_set_str(&a, e, "category", x->category);
				val_set_str(&a, e, "identifier", x->identifier);
				val_set_str(&a, e, "name", x->name);
				val_set_str(&a, e, "vendor", x->vendor);
				val_set_str(&a, e, "version", x->version);
				val_set_str(&a, e, "cpe", x->cpe);
				val_set_str(&a, e, "cpe_title", x->cpe_title);
				val_set_str(&a, e, "cpe_origin", x->cpe_origin);
				val_set_str(&a, e, "purl", x->purl);
				val_set_int(&a, e, "quantity", x->quantity);
				val_set_str(&a, e, "kb_ids", x->kb_ids);
				val_set_str(&a, e, "owner", x->owner);
				val_set_str(&a, e, "department", x->department);
				val_set_str(&a, e, "note", x->note);
				val_push(&a, arr, e);
			} else {
				printf("%lld\t", (long long)x->id);
				const char *f[] = { x->group_code, x->category, x->identifier, x->name, x->vendor,
						    x->version, x->cpe, x->cpe_origin };
				for (size_t k = 0; k < sizeof f / sizeof f[0]; k++) {
					tsv_field(f[k]);
					putchar('\t');
				}
				printf("%lld\n", (long long)x->quantity);
			}
		}
		if (n < (size_t)q.limit)
			break;
		q.offset += q.limit;
	}
	if (json) {
		struct buf out;
		buf_init(&out, 0);
		struct val *root = val_obj(&a);
		val_set_str(&a, root, "organisation", o.identifier);
		val_set(&a, root, "assets", arr);
		val_write_json(root, &out);
		fwrite(out.data, 1, out.len, stdout);
		putchar('\n');
		buf_free(&out);
	}
	rc = 0;
out:
	arena_free(&a);
	db_close(db);
	return rc;
}

static int template(int argc, char **argv)
{
	static const char *const names[] = { "lang", "format" };
	const char *v[2];
	if (cli_flags(argc, argv, 2, names, v, 2, NULL) < 0)
		return 2;
	const char *lang = v[0] ? v[0] : "zh-TW", *format = v[1] ? v[1] : "xlsx";
	bool en = !strcmp(lang, "en"), xlsx = !strcmp(format, "xlsx");
	if ((!en && strcmp(lang, "zh-TW")) || (!xlsx && strcmp(format, "csv"))) {
		fprintf(stderr, "usage: vans asset template [--lang zh-TW|en] [--format xlsx|csv] > FILE\n");
		return 2;
	}
	struct buf out;
	buf_init(&out, 0);
	char err[200];
	enum err e = xlsx ? asset_template_xlsx(en, &out, err, sizeof err) : asset_template_csv(en, &out);
	if (e == ERR_OK)
		fwrite(out.data, 1, out.len, stdout);
	else
		fprintf(stderr, "vans asset template: %s\n", xlsx ? err : err_str(e));
	buf_free(&out);
	return e == ERR_OK ? 0 : 1;
}

int cli_asset(int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "template"))
		return template(argc, argv);
	if (argc >= 2 && !strcmp(argv[1], "import"))
		return import(argc, argv);
	if (argc >= 2 && !strcmp(argv[1], "list"))
		return list(argc, argv);
	fprintf(stderr, "usage: vans asset import|list|template (vans help asset)\n");
	return 2;
}
