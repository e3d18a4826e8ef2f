/* What every intake reader does the same way: CPE names normalised to 2.3, purls parsed
 * onto rows with their vendor/product guess, "N/A" recognised, options defaulted and the
 * all-or-nothing rule applied at the end. */
#include "vans/intake/internal.h"

#include "core/buf.h"
#include "kb/cpe.h"
#include "vans/intake/text.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

bool intake_is_na(const char *p, size_t len)
{
	if (len == 0 || len > 16)
		return false;
	struct buf f;
	buf_init(&f, 64);
	intake_fold(p, len, &f);
	/* the fold drops '/', '-' and spaces: "N/A" is "na", "-" is "" */
	bool na = f.len == 0 || strcmp(f.data, "na") == 0 || strcmp(f.data, "none") == 0 ||
	          strcmp(f.data, "無") == 0 || strcmp(f.data, "null") == 0;
	buf_free(&f);
	return na;
}

int intake_cpe_normalise(const char *p, size_t len, struct arena *a, const char **out,
			 bool *from_uri, char *err, size_t errlen)
{
	struct cpe c;
	bool uri;
	if (len >= 8 && strncasecmp(p, "cpe:2.3:", 8) == 0) {
		uri = false;
		if (cpe_parse_fs(p, len, &c, err, errlen) != 0)
			return -1;
	} else if (len >= 5 && strncasecmp(p, "cpe:/", 5) == 0) {
		uri = true;
		if (cpe_parse_uri(p, len, &c, err, errlen) != 0)
			return -1;
	} else {
		if (err && errlen)
			snprintf(err, errlen, "not a CPE name (cpe:2.3:… or cpe:/…)");
		return -1;
	}
	if (cpe_kind_of(&c, CPE_ATTR_VENDOR) != CPE_KIND_VALUE ||
	    cpe_kind_of(&c, CPE_ATTR_PRODUCT) != CPE_KIND_VALUE) {
		if (err && errlen)
			snprintf(err, errlen, "the CPE names no vendor or no product");
		return -1;
	}
	char fs[CPE_FORMAT_MAX];
	int n = cpe_format_fs(&c, fs, sizeof(fs));
	if (n < 0) {
		if (err && errlen)
			snprintf(err, errlen, "the CPE cannot be written as a 2.3 name");
		return -1;
	}
	*out = arena_strndup(a, fs, (size_t)n);
	if (from_uri)
		*from_uri = uri;
	return 0;
}

int intake_row_purl(struct asset_batch *b, struct asset_row *row, const char *p, size_t len,
		    char *err, size_t errlen)
{
	struct purl u;
	if (purl_parse(p, len, &b->arena, &u, err, errlen) != 0)
		return -1;
	row->purl = arena_strndup(&b->arena, p, len);
	if (!*row->version && *u.version && strlen(u.version) <= ASSET_MAX_VERSION &&
	    !intake_has_control(u.version, strlen(u.version), false))
		row->version = u.version;
	struct purl_guess g;
	purl_guess_cpe(&u, &b->arena, &g);
	if (!g.confidence)
		return 0;
	row->guess.vendor = g.vendor;
	row->guess.product = g.product;
	row->guess.confidence = g.confidence;
	row->guess.rule = g.rule;
	/* the guessed name, with the version when it can stand in a CPE as it is */
	const char *version = *row->version ? row->version : u.version;
	/* "v1.8.0" (Go modules, git tags) is "1.8.0" in NVD's names */
	if (version[0] == 'v' && version[1] >= '0' && version[1] <= '9')
		version++;
	struct cpe c;
	cpe_init(&c);
	if (cpe_set_plain(&c, CPE_ATTR_PART, "a", 1, NULL, 0) != 0 ||
	    cpe_set_plain(&c, CPE_ATTR_VENDOR, g.vendor, strlen(g.vendor), NULL, 0) != 0 ||
	    cpe_set_plain(&c, CPE_ATTR_PRODUCT, g.product, strlen(g.product), NULL, 0) != 0)
		return 0;
	if (*version && cpe_set_plain(&c, CPE_ATTR_VERSION, version, strlen(version), NULL, 0) != 0)
		cpe_set_logical(&c, CPE_ATTR_VERSION, CPE_KIND_ANY);
	char fs[CPE_FORMAT_MAX];
	int n = cpe_format_fs(&c, fs, sizeof(fs));
	if (n > 0)
		row->guess.cpe = arena_strndup(&b->arena, fs, (size_t)n);
	b->n_guess++;
	return 0;
}

struct intake_opts intake_opts_fill(const struct intake_opts *o)
{
	struct intake_opts f = { 0 };
	if (o)
		f = *o;
	if (f.mode >= INTAKE_MODE__MAX)
		f.mode = INTAKE_ALL_OR_NOTHING;
	if (!f.max_rows)
		f.max_rows = INTAKE_MAX_ROWS;
	if (!f.max_issues)
		f.max_issues = ASSET_BATCH_MAX_ISSUES;
	if (f.category == ASSET_CATEGORY_NONE || f.category >= ASSET_CATEGORY__MAX)
		f.category = ASSET_CATEGORY_SYSTEM;
	if (!f.group_code || !*f.group_code)
		f.group_code = ASSET_DEFAULT_GROUP;
	return f;
}

enum err intake_finish(struct asset_batch *b, const struct intake_opts *o, enum err e)
{
	if (e != ERR_OK) {
		asset_batch_drop_rows(b);
		return e;
	}
	if (o->mode == INTAKE_ALL_OR_NOTHING && b->n_errors > 0) {
		asset_batch_drop_rows(b);
		return ERR_INVALID;
	}
	return ERR_OK;
}

static const char *const format_names[INTAKE_FORMAT__MAX] = {
	[INTAKE_FORMAT_UNKNOWN] = "unknown",
	[INTAKE_FORMAT_XLSX] = "xlsx",
	[INTAKE_FORMAT_CSV] = "csv",
	[INTAKE_FORMAT_CYCLONEDX_JSON] = "cyclonedx-json",
	[INTAKE_FORMAT_CYCLONEDX_XML] = "cyclonedx-xml",
	[INTAKE_FORMAT_SPDX_JSON] = "spdx-json",
};

const char *intake_format_str(enum intake_format f)
{
	return (unsigned)f < INTAKE_FORMAT__MAX ? format_names[f] : "unknown";
}
