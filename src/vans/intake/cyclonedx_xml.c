/* CycloneDX XML (namespaces bom/1.0 to bom/1.7) streamed through core/xml_pull.h: a
 * component is one under bom/components, bom/metadata or the components of another such
 * component (never pedigree, formulation or services); each becomes a row at its end tag. */
#include "vans/intake/intake.h"

#include "core/alloc.h"
#include "core/buf.h"
#include "core/xml_pull.h"
#include "vans/intake/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NS_PREFIX "http://cyclonedx.org/schema/bom/"
#define MAX_DEPTH 256
#define MAX_OPEN 32          /* components open inside each other */
#define MAX_TEXT (64 * 1024) /* one field's text */

enum slot { S_NAME, S_VERSION, S_SUPPLIER, S_PUBLISHER, S_MANUFACTURER, S_AUTHOR, S_AUTHORS,
            S_CPE, S_PURL, S__MAX };

struct open_comp {
	int depth;
	uint32_t line;
	bool subject;
	bool skip;                 /* the subject seen again among the components */
	bool not_asset;            /* of type data or cryptographic-asset */
	char *ref;
	struct buf text[S__MAX];
	bool have[S__MAX];
};

struct reader {
	struct asset_batch *b;
	struct intake_opts o;
	struct xml_pull *x;
	const char *ns;            /* the BOM's namespace */
	char names[MAX_DEPTH][24]; /* element names from the root down (cut to fit) */
	bool real[MAX_DEPTH];      /* the element at this depth is a component we read */
	struct open_comp open[MAX_OPEN];
	int n_open;
	int capture;               /* the slot being captured, or -1 */
	int capture_depth;
	char *subject_ref;
	bool stop;
};

static bool name_is(const struct reader *r, int depth, const char *n)
{
	return depth >= 0 && depth < MAX_DEPTH && strcmp(r->names[depth], n) == 0;
}

static void comp_free(struct open_comp *c)
{
	for (int i = 0; i < S__MAX; i++)
		buf_free(&c->text[i]);
	free(c->ref);
}

static struct sbom_text slot_text(const struct open_comp *c, enum slot s)
{
	if (!c->have[s])
		return (struct sbom_text){ NULL, 0 };
	return (struct sbom_text){ c->text[s].data ? c->text[s].data : "", c->text[s].len };
}

static void comp_end(struct reader *r)
{
	struct open_comp *c = &r->open[--r->n_open];
	if (c->not_asset && !c->skip) {
		r->b->rows_not_assets++;
	} else if (!c->skip && !r->stop) {
		if (r->b->rows_read == r->o.max_rows) {
			asset_batch_issue(r->b, ASSET_ISSUE_TOO_MANY_ROWS, ASSET_SEV_ERROR, ASSET_FIELD__MAX,
			                  c->line, 0, NULL, NULL, 0, "line %u: more than %zu components; "
			                  "the rest is not read", c->line, r->o.max_rows);
			r->stop = true;
		} else {
			struct sbom_comp sc = { 0 };
			sc.name = slot_text(c, S_NAME);
			sc.version = slot_text(c, S_VERSION);
			static const enum slot vendors[] = { S_SUPPLIER, S_PUBLISHER, S_MANUFACTURER,
			                                     S_AUTHOR, S_AUTHORS };
			for (size_t i = 0; i < sizeof(vendors) / sizeof(vendors[0]) && !sc.vendor.len; i++)
				sc.vendor = slot_text(c, vendors[i]);
			sc.purl = slot_text(c, S_PURL);
			sc.cpe[0] = slot_text(c, S_CPE);
			sc.n_cpe = sc.cpe[0].p ? 1 : 0;
			sc.subject = c->subject;
			sc.line = c->line;
			sbom_emit(r->b, &r->o, &sc);
		}
	}
	if (c->subject && c->ref && !r->subject_ref) {
		r->subject_ref = c->ref;
		c->ref = NULL;
	}
	comp_free(c);
}

/* An element inside the innermost open component: is it one of its fields? */
static void field_start(struct reader *r, int depth, const char *n)
{
	struct open_comp *c = &r->open[r->n_open - 1];
	int rel = depth - c->depth;
	int s = -1;
	if (rel == 1) {
		if (strcmp(n, "name") == 0)
			s = S_NAME;
		else if (strcmp(n, "version") == 0)
			s = S_VERSION;
		else if (strcmp(n, "publisher") == 0)
			s = S_PUBLISHER;
		else if (strcmp(n, "author") == 0)
			s = S_AUTHOR;
		else if (strcmp(n, "cpe") == 0)
			s = S_CPE;
		else if (strcmp(n, "purl") == 0)
			s = S_PURL;
	} else if (rel == 2 && strcmp(n, "name") == 0) {
		if (name_is(r, depth - 1, "supplier"))
			s = S_SUPPLIER;
		else if (name_is(r, depth - 1, "manufacturer"))
			s = S_MANUFACTURER;
	} else if (rel == 3 && strcmp(n, "name") == 0 && name_is(r, depth - 1, "author") &&
	           name_is(r, depth - 2, "authors")) {
		s = S_AUTHORS;
	}
	if (s < 0 || c->have[s])
		return;   /* the first of each counts */
	c->have[s] = true;
	buf_init(&c->text[s], MAX_TEXT);
	r->capture = s;
	r->capture_depth = depth;
}

static bool is_component(const struct reader *r, int depth)
{
	if (depth == 2 && name_is(r, 0, "bom") &&
	    (name_is(r, 1, "components") || name_is(r, 1, "metadata")))
		return true;
	return depth >= 2 && name_is(r, depth - 1, "components") && r->real[depth - 2];
}

static void on_start(struct reader *r)
{
	struct xml_pull *x = r->x;
	int depth = xml_pull_depth(x);
	const char *n = xml_pull_name(x);
	const char *ns = xml_pull_ns(x);
	if (depth >= MAX_DEPTH) {
		asset_batch_issue(r->b, ASSET_ISSUE_UNREADABLE, ASSET_SEV_ERROR, ASSET_FIELD__MAX,
		                  (uint32_t)xml_pull_line(x), 0, NULL, NULL, 0,
		                  "line %ld: elements nested deeper than %d", xml_pull_line(x), MAX_DEPTH);
		r->stop = true;
		return;
	}
	bool ours = ns && r->ns && strcmp(ns, r->ns) == 0;
	snprintf(r->names[depth], sizeof(r->names[depth]), "%s", ours ? n : "");
	r->real[depth] = false;
	if (!ours)
		return;
	if (strcmp(n, "component") == 0 && is_component(r, depth)) {
		if (r->n_open == MAX_OPEN) {
			asset_batch_issue(r->b, ASSET_ISSUE_UNREADABLE, ASSET_SEV_WARNING, ASSET_FIELD__MAX,
			                  (uint32_t)xml_pull_line(x), 0, NULL, NULL, 0,
			                  "line %ld: components nested deeper than %d are not read",
			                  xml_pull_line(x), MAX_OPEN);
			return;
		}
		r->real[depth] = true;
		struct open_comp *c = &r->open[r->n_open++];
		memset(c, 0, sizeof(*c));
		c->depth = depth;
		c->line = (uint32_t)xml_pull_line(x);
		c->subject = depth == 2 && name_is(r, 1, "metadata");
		const char *ref = xml_pull_attr(x, "bom-ref");
		if (ref)
			c->ref = xstrdup(ref);
		c->skip = !c->subject && ref && r->subject_ref && strcmp(ref, r->subject_ref) == 0;
		const char *type = xml_pull_attr(x, "type");
		c->not_asset = type && sbom_type_not_asset(type, strlen(type));
		return;
	}
	if (r->n_open > 0 && r->capture < 0)
		field_start(r, depth, n);
}

enum err intake_read_cyclonedx_xml(const void *p, size_t len, const struct intake_opts *opts,
				   struct asset_batch *b)
{
	asset_batch_init(b, ASSET_SOURCE_CYCLONEDX_XML);
	struct reader r;
	memset(&r, 0, sizeof(r));
	r.b = b;
	r.o = intake_opts_fill(opts);
	r.capture = -1;
	b->max_issues = r.o.max_issues;
	r.x = xml_pull_new_mem(p, p ? len : 0, INTAKE_MAX_SBOM_BYTES);
	enum err e = ERR_OK;
	bool root = false;
	enum xml_event ev;
	while (!r.stop && (ev = xml_pull_next(r.x)) != XML_EV_EOF) {
		if (ev == XML_EV_ERROR) {
			e = sbom_fail(b, ASSET_ISSUE_UNREADABLE, xml_pull_status(r.x), "not readable XML: %s",
			              xml_pull_error(r.x));
			break;
		}
		if (!root) {
			if (ev != XML_EV_START)
				continue;
			const char *ns = xml_pull_ns(r.x);
			const char *v = ns && strncmp(ns, NS_PREFIX, strlen(NS_PREFIX)) == 0
			                    ? ns + strlen(NS_PREFIX) : NULL;
			static const char *const versions[] = { "1.0", "1.1", "1.2", "1.3", "1.4", "1.5",
			                                        "1.6", "1.7", NULL };
			bool ok = false;
			for (size_t i = 0; v && versions[i] && !ok; i++)
				ok = strcmp(v, versions[i]) == 0;
			if (strcmp(xml_pull_name(r.x), "bom") != 0 || !ok) {
				e = sbom_fail(b, ASSET_ISSUE_UNREADABLE, ERR_INVALID,
				              "not a CycloneDX BOM: the root is <%.32s> in namespace \"%.80s\"",
				              xml_pull_name(r.x), ns ? ns : "");
				break;
			}
			root = true;
			r.ns = arena_strdup(&b->arena, ns);
			b->spec = arena_printf(&b->arena, "CycloneDX %s", v);
			on_start(&r);
			continue;
		}
		if (ev == XML_EV_START) {
			on_start(&r);
		} else if (ev == XML_EV_TEXT) {
			if (r.capture >= 0) {
				size_t n;
				const char *t = xml_pull_text(r.x, &n);
				buf_append(&r.open[r.n_open - 1].text[r.capture], t, n);
			}
		} else if (ev == XML_EV_END) {
			int depth = xml_pull_depth(r.x);
			if (r.capture >= 0 && depth == r.capture_depth) {
				struct open_comp *c = &r.open[r.n_open - 1];
				if (c->text[r.capture].overflow) {
					asset_batch_issue(b, ASSET_ISSUE_TOO_LONG, ASSET_SEV_ERROR, ASSET_FIELD__MAX,
					                  c->line, 0, NULL, NULL, 0,
					                  "line %ld: a value longer than %d bytes", xml_pull_line(r.x),
					                  MAX_TEXT);
					c->skip = true;
					b->rows_read++;
					b->rows_rejected++;
				}
				r.capture = -1;
			}
			if (depth < MAX_DEPTH && r.real[depth] && r.n_open > 0 &&
			    r.open[r.n_open - 1].depth == depth) {
				r.real[depth] = false;
				comp_end(&r);
			}
		}
	}
	if (!e && r.stop)
		e = b->n_errors ? ERR_TOO_LARGE : ERR_OK;
	if (!e && !root)
		e = sbom_fail(b, ASSET_ISSUE_UNREADABLE, ERR_INVALID, "not a CycloneDX BOM: empty");
	while (r.n_open > 0)
		comp_free(&r.open[--r.n_open]);
	free(r.subject_ref);
	xml_pull_free(r.x);
	return intake_finish(b, &r.o, e);
}
