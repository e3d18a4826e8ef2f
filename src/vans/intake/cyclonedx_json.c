/* CycloneDX 1.2–1.7 JSON: the document becomes a value tree (core/val.h, jansson behind
 * it) in a scratch arena; metadata.component and every components[] entry, nested ones
 * too, become rows. Services, pedigree and formulation are not installed software. */
#include "vans/intake/intake.h"

#include "core/val.h"
#include "vans/intake/internal.h"

#include <stdio.h>
#include <string.h>

#define MAX_NESTING 32

static struct sbom_text str(const struct val *obj, const char *key)
{
	const struct val *v = val_get(obj, key);
	if (v && v->kind == VAL_STR)
		return (struct sbom_text){ v->u.s.p, v->u.s.len };
	return (struct sbom_text){ NULL, 0 };
}

/* The name of an organizational entity ({"name": …}) or a string. */
static struct sbom_text entity_name(const struct val *v)
{
	if (v && v->kind == VAL_OBJ)
		return str(v, "name");
	if (v && v->kind == VAL_STR)
		return (struct sbom_text){ v->u.s.p, v->u.s.len };
	return (struct sbom_text){ NULL, 0 };
}

/* Supplier, publisher, manufacturer (1.6), author (deprecated in 1.6), authors[0]. */
static struct sbom_text vendor_of(const struct val *c)
{
	struct sbom_text t = entity_name(val_get(c, "supplier"));
	if (!t.len)
		t = str(c, "publisher");
	if (!t.len)
		t = entity_name(val_get(c, "manufacturer"));
	if (!t.len)
		t = str(c, "author");
	if (!t.len) {
		const struct val *a = val_get(c, "authors");
		if (a && a->kind == VAL_ARR && a->u.a.n > 0)
			t = entity_name(a->u.a.items[0]);
	}
	return t;
}

struct walk {
	struct asset_batch *b;
	const struct intake_opts *o;
	const char *subject_ref;   /* metadata.component's bom-ref: not read twice */
	bool stop;
};

static void component(struct walk *w, const struct val *c, const char *path, bool subject,
		      int depth);

static void components(struct walk *w, const struct val *arr, const char *path, int depth)
{
	if (!arr || arr->kind != VAL_ARR)
		return;
	if (depth > MAX_NESTING) {
		asset_batch_issue(w->b, ASSET_ISSUE_UNREADABLE, ASSET_SEV_WARNING, ASSET_FIELD__MAX, 0, 0,
		                  NULL, NULL, 0, "%s: components nested deeper than %d are not read",
		                  path, MAX_NESTING);
		return;
	}
	for (size_t i = 0; i < arr->u.a.n && !w->stop; i++) {
		char p[512];
		snprintf(p, sizeof(p), "%s[%zu]", path, i);
		component(w, arr->u.a.items[i], p, false, depth);
	}
}

static void component(struct walk *w, const struct val *c, const char *path, bool subject,
		      int depth)
{
	if (!c || c->kind != VAL_OBJ) {
		asset_batch_issue(w->b, ASSET_ISSUE_REQUIRED, ASSET_SEV_ERROR, ASSET_FIELD_NAME, 0, 0,
		                  NULL, NULL, 0, "%s: not a component object", path);
		w->b->rows_read++;
		w->b->rows_rejected++;
		return;
	}
	const char *ref = val_string(val_get(c, "bom-ref"));
	bool again = !subject && ref && w->subject_ref && strcmp(ref, w->subject_ref) == 0;
	struct sbom_text type = str(c, "type");
	if (!again && type.p && sbom_type_not_asset(type.p, type.len)) {
		w->b->rows_not_assets++;
	} else if (!again) {
		if (w->b->rows_read == w->o->max_rows) {
			asset_batch_issue(w->b, ASSET_ISSUE_TOO_MANY_ROWS, ASSET_SEV_ERROR, ASSET_FIELD__MAX,
			                  0, 0, NULL, NULL, 0, "%s: more than %zu components; the rest is "
			                  "not read", path, w->o->max_rows);
			w->stop = true;
			return;
		}
		struct sbom_comp sc = { 0 };
		sc.name = str(c, "name");
		sc.version = str(c, "version");
		sc.vendor = vendor_of(c);
		sc.purl = str(c, "purl");
		sc.cpe[0] = str(c, "cpe");
		sc.n_cpe = sc.cpe[0].p ? 1 : 0;
		sc.subject = subject;
		sc.path = path;
		sbom_emit(w->b, w->o, &sc);
	}
	char p[512];
	snprintf(p, sizeof(p), "%s.components", path);
	components(w, val_get(c, "components"), p, depth + 1);
}

enum err intake_read_cyclonedx_json(const void *p, size_t len, const struct intake_opts *opts,
				    struct asset_batch *b)
{
	asset_batch_init(b, ASSET_SOURCE_CYCLONEDX_JSON);
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
	const char *format = val_string(val_get(root, "bomFormat"));
	if (!root || root->kind != VAL_OBJ || !format || strcmp(format, "CycloneDX") != 0) {
		e = sbom_fail(b, ASSET_ISSUE_UNREADABLE, ERR_INVALID,
		              "not a CycloneDX BOM: bomFormat is not \"CycloneDX\"");
		goto out;
	}
	const char *spec = val_string(val_get(root, "specVersion"));
	static const char *const supported[] = { "1.2", "1.3", "1.4", "1.5", "1.6", "1.7", NULL };
	bool ok = false;
	for (size_t i = 0; spec && supported[i] && !ok; i++)
		ok = strcmp(spec, supported[i]) == 0;
	if (!ok) {
		e = sbom_fail(b, ASSET_ISSUE_UNSUPPORTED, ERR_INVALID,
		              "CycloneDX specVersion \"%.16s\" is not read (1.2 to 1.7 are)",
		              spec ? spec : "(none)");
		goto out;
	}
	b->spec = arena_printf(&b->arena, "CycloneDX %s", spec);
	struct walk w = { b, &o, NULL, false };
	const struct val *meta = val_get(root, "metadata");
	const struct val *subject = meta ? val_get(meta, "component") : NULL;
	if (subject) {
		w.subject_ref = val_string(val_get(subject, "bom-ref"));
		component(&w, subject, "metadata.component", true, 0);
	}
	components(&w, val_get(root, "components"), "components", 0);
	if (w.stop)
		e = ERR_TOO_LARGE;
out:
	arena_free(&tree);
	return intake_finish(b, &o, e);
}
