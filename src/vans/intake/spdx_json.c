/* SPDX 2.2 and 2.3 JSON: every packages[] entry becomes a row (files and snippets are
 * not assets): name, versionInfo, supplier (or originator) without its "Organization:"
 * prefix, the cpe23Type/cpe22Type and purl external references. */
#include "vans/intake/intake.h"

#include "core/val.h"
#include "vans/intake/internal.h"

#include <stdio.h>
#include <string.h>

static struct sbom_text str(const struct val *obj, const char *key)
{
	const struct val *v = val_get(obj, key);
	if (v && v->kind == VAL_STR)
		return (struct sbom_text){ v->u.s.p, v->u.s.len };
	return (struct sbom_text){ NULL, 0 };
}

static bool prefix(struct sbom_text t, const char *lit)
{
	size_t n = strlen(lit);
	return t.len >= n && memcmp(t.p, lit, n) == 0;
}

/* "Organization: ExampleCodeInspect (contact@example.com)" → "ExampleCodeInspect";
 * NOASSERTION → nothing. */
static struct sbom_text party(struct sbom_text t)
{
	if (!t.p || (t.len == 11 && memcmp(t.p, "NOASSERTION", 11) == 0))
		return (struct sbom_text){ NULL, 0 };
	static const char *const kinds[] = { "Organization:", "Person:", "Tool:", NULL };
	for (size_t i = 0; kinds[i]; i++) {
		if (prefix(t, kinds[i])) {
			size_t k = strlen(kinds[i]);
			t.p += k;
			t.len -= k;
			break;
		}
	}
	/* the e-mail in brackets at the end */
	if (t.len && t.p[t.len - 1] == ')') {
		for (size_t i = t.len; i > 0; i--) {
			if (t.p[i - 1] == '(') {
				t.len = i - 1;
				break;
			}
		}
	}
	while (t.len && (t.p[t.len - 1] == ' '))
		t.len--;
	while (t.len && t.p[0] == ' ') {
		t.p++;
		t.len--;
	}
	return t;
}

enum err intake_read_spdx_json(const void *p, size_t len, const struct intake_opts *opts,
			       struct asset_batch *b)
{
	asset_batch_init(b, ASSET_SOURCE_SPDX_JSON);
	struct intake_opts o = intake_opts_fill(opts);
	b->max_issues = o.max_issues;
	if (len > INTAKE_MAX_SBOM_BYTES)
		return intake_finish(b, &o, sbom_fail(b, ASSET_ISSUE_UNREADABLE, ERR_TOO_LARGE,
		                                      "the SBOM is larger than %zu bytes",
		                                      INTAKE_MAX_SBOM_BYTES));
	struct arena tree;
	arena_init(&tree, 256 * 1024);
	struct val *root = NULL;
	char jerr[256];
	enum err e = ERR_OK;
	if (val_parse_json(&tree, p ? p : "", p ? len : 0, &root, jerr, sizeof(jerr)) != 0) {
		e = sbom_fail(b, ASSET_ISSUE_UNREADABLE, ERR_INVALID, "not JSON: %s", jerr);
		goto out;
	}
	const char *version = val_string(val_get(root, "spdxVersion"));
	if (!version) {
		e = sbom_fail(b, ASSET_ISSUE_UNREADABLE, ERR_INVALID,
		              "not an SPDX 2 document: no spdxVersion");
		goto out;
	}
	if (strcmp(version, "SPDX-2.2") != 0 && strcmp(version, "SPDX-2.3") != 0) {
		e = sbom_fail(b, ASSET_ISSUE_UNSUPPORTED, ERR_INVALID,
		              "%.16s is not read (SPDX-2.2 and SPDX-2.3 JSON are)", version);
		goto out;
	}
	b->spec = arena_strdup(&b->arena, version);
	const struct val *pkgs = val_get(root, "packages");
	if (pkgs && pkgs->kind != VAL_ARR) {
		e = sbom_fail(b, ASSET_ISSUE_UNREADABLE, ERR_INVALID, "packages is not an array");
		goto out;
	}
	for (size_t i = 0; pkgs && i < pkgs->u.a.n; i++) {
		char path[64];
		snprintf(path, sizeof(path), "packages[%zu]", i);
		const struct val *pk = pkgs->u.a.items[i];
		if (b->rows_read == o.max_rows) {
			e = sbom_fail(b, ASSET_ISSUE_TOO_MANY_ROWS, ERR_TOO_LARGE,
			              "%s: more than %zu packages; the rest is not read", path, o.max_rows);
			break;
		}
		struct sbom_comp sc = { 0 };
		sc.path = path;
		if (!pk || pk->kind != VAL_OBJ) {
			sbom_emit(b, &o, &sc);   /* reported as a package without a name */
			continue;
		}
		sc.name = str(pk, "name");
		sc.version = str(pk, "versionInfo");
		sc.vendor = party(str(pk, "supplier"));
		if (!sc.vendor.len)
			sc.vendor = party(str(pk, "originator"));
		const struct val *refs = val_get(pk, "externalRefs");
		for (size_t k = 0; refs && refs->kind == VAL_ARR && k < refs->u.a.n; k++) {
			const struct val *ref = refs->u.a.items[k];
			const char *type = val_string(val_get(ref, "referenceType"));
			struct sbom_text loc = str(ref, "referenceLocator");
			if (!type || !loc.p)
				continue;
			if ((strcmp(type, "cpe23Type") == 0 || strcmp(type, "cpe22Type") == 0) &&
			    sc.n_cpe < SBOM_MAX_CPES)
				sc.cpe[sc.n_cpe++] = loc;
			else if (strcmp(type, "purl") == 0 && !sc.purl.p)
				sc.purl = loc;
		}
		sbom_emit(b, &o, &sc);
	}
out:
	arena_free(&tree);
	return intake_finish(b, &o, e);
}
