/* From an SBOM component to an asset row, the same for CycloneDX (JSON, XML) and SPDX: the
 * name is required, the vendor is the first of supplier/publisher/manufacturer/author the
 * reader found, the first CPE that reads (2.2 URIs converted), the purl with its guess. */
#include "vans/intake/internal.h"

#include "vans/intake/text.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

enum err sbom_fail(struct asset_batch *b, enum asset_issue_code code, enum err e,
		   const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	asset_batch_issue(b, code, ASSET_SEV_ERROR, ASSET_FIELD__MAX, 0, 0, NULL, NULL, 0, "%s", msg);
	return e;
}

bool sbom_type_not_asset(const char *type, size_t len)
{
	return (len == 4 && memcmp(type, "data", 4) == 0) ||
	       (len == 19 && memcmp(type, "cryptographic-asset", 19) == 0);
}

/* "components[3] (\"lodash\")" or "line 120 (\"lodash\")": where a component is. */
static void where(const struct sbom_comp *c, char *buf, size_t size)
{
	int n;
	if (c->path)
		n = snprintf(buf, size, "%s", c->path);
	else
		n = snprintf(buf, size, "line %u", c->line);
	if (n > 0 && (size_t)n < size && c->name.len)
		snprintf(buf + n, size - (size_t)n, " (\"%.*s\")",
		         (int)(c->name.len > 60 ? 60 : c->name.len), c->name.p);
}

static bool usable(struct sbom_text t)
{
	return t.p && t.len;
}

/* A text value for the row: trimmed, checked; NULL (and an error) when it cannot be. */
static const char *text(struct asset_batch *b, const struct sbom_comp *c, enum asset_field f,
			struct sbom_text t, size_t max, bool *bad)
{
	const char *p = t.p ? t.p : "";
	size_t n = t.p ? t.len : 0;
	intake_trim(&p, &n);
	if (!n)
		return "";
	char pos[160];
	where(c, pos, sizeof(pos));
	if (memchr(p, '\0', n) || intake_has_control(p, n, false) || !intake_utf8_valid(p, n, NULL)) {
		asset_batch_issue(b, ASSET_ISSUE_CONTROL_CHAR, ASSET_SEV_ERROR, f, c->line, 0, NULL, NULL,
		                  0, "%s: the %s holds control characters", pos, asset_field_key(f));
		*bad = true;
		return "";
	}
	if (n > max) {
		asset_batch_issue(b, ASSET_ISSUE_TOO_LONG, ASSET_SEV_ERROR, f, c->line, 0, NULL, p, n,
		                  "%s: the %s is longer than %zu bytes", pos, asset_field_key(f), max);
		*bad = true;
		return "";
	}
	return arena_strndup(&b->arena, p, n);
}

void sbom_emit(struct asset_batch *b, const struct intake_opts *o, const struct sbom_comp *c)
{
	b->rows_read++;
	char pos[160];
	where(c, pos, sizeof(pos));
	struct asset_row *r = asset_batch_add_row(b);
	r->category = o->category;
	r->group_code = o->group_code;
	r->sbom_subject = c->subject;
	r->src.line = c->line;
	r->src.index = (uint32_t)b->rows_read;
	r->src.path = c->path ? arena_strdup(&b->arena, c->path) : NULL;
	bool bad = false;
	r->name = text(b, c, ASSET_FIELD_NAME, c->name, ASSET_MAX_NAME, &bad);
	if (!bad && !*r->name) {
		asset_batch_issue(b, ASSET_ISSUE_REQUIRED, ASSET_SEV_ERROR, ASSET_FIELD_NAME, c->line, 0,
		                  NULL, NULL, 0, "%s: a component without a name", pos);
		bad = true;
	}
	r->version = text(b, c, ASSET_FIELD_VERSION, c->version, ASSET_MAX_VERSION, &bad);
	r->vendor = text(b, c, ASSET_FIELD_VENDOR, c->vendor, ASSET_MAX_VENDOR, &bad);
	if (bad) {
		b->rows_rejected++;
		asset_batch_pop_row(b);
		return;
	}
	/* the first CPE that reads */
	char why[200] = "";
	for (size_t i = 0; i < c->n_cpe && !*r->cpe; i++) {
		const char *p = c->cpe[i].p;
		size_t n = c->cpe[i].len;
		intake_trim(&p, &n);
		if (!n || intake_is_na(p, n))
			continue;
		if (memchr(p, '\0', n) ||
		    intake_cpe_normalise(p, n, &b->arena, &r->cpe, &r->cpe_from_uri,
		                         why[0] ? NULL : why, why[0] ? 0 : sizeof(why)) != 0) {
			if (!why[0])
				snprintf(why, sizeof(why), "a NUL character");
			r->cpe = "";
		}
	}
	if (!*r->cpe && why[0]) {
		asset_batch_issue(b, ASSET_ISSUE_CPE, ASSET_SEV_WARNING, ASSET_FIELD_CPE, c->line, 0,
		                  NULL, c->cpe[0].p, c->cpe[0].len,
		                  "%s: the CPE is left out, it does not read: %s", pos, why);
	}
	if (*r->cpe) {
		b->n_cpe++;
		if (r->cpe_from_uri)
			b->n_cpe_uri++;
	}
	/* the package URL */
	if (usable(c->purl)) {
		const char *p = c->purl.p;
		size_t n = c->purl.len;
		intake_trim(&p, &n);
		char perr[200];
		if (n > ASSET_MAX_PURL || memchr(p, '\0', n)) {
			asset_batch_issue(b, ASSET_ISSUE_PURL, ASSET_SEV_WARNING, ASSET_FIELD_PURL, c->line, 0,
			                  NULL, p, n, "%s: the package URL is left out: longer than %d bytes "
			                  "or with a NUL", pos, ASSET_MAX_PURL);
		} else if (n && intake_row_purl(b, r, p, n, perr, sizeof(perr)) != 0) {
			r->purl = arena_strndup(&b->arena, p, n);
			asset_batch_issue(b, ASSET_ISSUE_PURL, ASSET_SEV_WARNING, ASSET_FIELD_PURL, c->line, 0,
			                  NULL, p, n, "%s: the package URL does not read (%s); kept as "
			                  "written, without a vendor/product guess", pos, perr);
		}
		if (*r->purl)
			b->n_purl++;
	}
}
