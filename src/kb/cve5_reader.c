/* CVE JSON 5 record reader: one file at a time parsed whole into core/val.h's tree (records
 * are small), flattened into the structs of cve5_reader.h; tree, arrays and strings live in
 * one arena released after the callback. The validator
 * for records we publish is in the second half of this file. */
#include "kb/cve5_reader.h"

#include "core/alloc.h"
#include "core/arena.h"
#include "core/err.h"
#include "core/val.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <regex.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- the parsed tree (core/val.h), read the way the schema is written ---- */

static bool jis(const struct val *v, enum val_kind k)
{
	return v && v->kind == k;
}

static bool jis_object(const struct val *v)
{
	return jis(v, VAL_OBJ);
}
static bool jis_array(const struct val *v)
{
	return jis(v, VAL_ARR);
}
static bool jis_boolean(const struct val *v)
{
	return jis(v, VAL_BOOL);
}
static bool jis_integer(const struct val *v)
{
	return jis(v, VAL_INT);
}
static bool jis_number(const struct val *v)
{
	return jis(v, VAL_INT) || jis(v, VAL_REAL);
}

/* A string without an embedded NUL (C code could not see past one). */
static bool jis_string(const struct val *v)
{
	return jis(v, VAL_STR) && strlen(v->u.s.p) == v->u.s.len;
}

static const char *jstring(const struct val *v)
{
	return jis_string(v) ? v->u.s.p : NULL;
}

static size_t jsize(const struct val *a)
{
	return jis_array(a) ? a->u.a.n : 0;
}

static size_t jmembers(const struct val *o)
{
	return jis_object(o) ? o->u.o.n : 0;
}

static const struct val *jitem(const struct val *a, size_t i)
{
	return i < jsize(a) ? a->u.a.items[i] : NULL;
}

static double jnumber(const struct val *v)
{
	return jis(v, VAL_INT) ? (double)v->u.i : jis(v, VAL_REAL) ? v->u.d : 0;
}

static int64_t jinteger(const struct val *v)
{
	return jis(v, VAL_INT) ? v->u.i : 0;
}

/* JSON equality (uniqueItems): same kind and content; objects regardless of key order. */
static bool jequal(const struct val *a, const struct val *b)
{
	if (!a || !b)
		return a == b;
	if (jis_number(a) && jis_number(b) && a->kind != b->kind)
		return false;       /* jansson's rule: 1 and 1.0 differ */
	if (a->kind != b->kind)
		return false;
	switch (a->kind) {
	case VAL_NULL: return true;
	case VAL_BOOL: return a->u.b == b->u.b;
	case VAL_INT: return a->u.i == b->u.i;
	case VAL_REAL: return a->u.d == b->u.d;
	case VAL_STR: return a->u.s.len == b->u.s.len && memcmp(a->u.s.p, b->u.s.p, a->u.s.len) == 0;
	case VAL_ARR:
		if (a->u.a.n != b->u.a.n)
			return false;
		for (size_t i = 0; i < a->u.a.n; i++)
			if (!jequal(a->u.a.items[i], b->u.a.items[i]))
				return false;
		return true;
	case VAL_OBJ:
		if (a->u.o.n != b->u.o.n)
			return false;
		for (size_t i = 0; i < a->u.o.n; i++)
			if (!jequal(a->u.o.m[i].v, val_get(b, a->u.o.m[i].key)))
				return false;
		return true;
	default:
		return false;
	}
}

struct reader {
	const char *name;
	cve5_record_cb cb;
	void *ctx;
	char *err;
	size_t errlen;
	int rc;
	bool not_record;        /* valid JSON, but not a CVE record: the walk skips it */
	bool stopped;           /* the callback returned non-zero */
	struct arena arena;
};

static int fail(struct reader *r, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int fail(struct reader *r, int code, const char *fmt, ...)
{
	if (r->rc)
		return r->rc;
	r->rc = code;
	if (r->errlen) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(r->err, r->errlen, fmt, ap);
		va_end(ap);
	}
	return code;
}

static bool is_digits(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] < '0' || p[i] > '9')
			return false;
	return true;
}

/* ^CVE-[0-9]{4}-[0-9]{4,19}$ */
static bool valid_cve_id(const char *s)
{
	size_t n = strlen(s);
	return n >= 13 && n <= 28 && memcmp(s, "CVE-", 4) == 0 && is_digits(s + 4, 4) &&
	       s[8] == '-' && is_digits(s + 9, n - 9);
}

/* ^5\.(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))?$ */
static bool valid_data_version(const char *s)
{
	if (s[0] != '5' || s[1] != '.')
		return false;
	const char *p = s + 2;
	for (int part = 0; part < 2; part++) {
		size_t n = strspn(p, "0123456789");
		if (n == 0 || n > 9 || (n > 1 && p[0] == '0'))
			return false;
		p += n;
		if (*p == '\0')
			return true;
		if (part == 1 || *p != '.')
			return false;
		p++;
	}
	return false;
}

static const char *jstr(const struct val *obj, const char *key)
{
	const struct val *v = val_get(obj, key);
	return jis_string(v) ? jstring(v) : NULL;
}

/* The array under key, or NULL; ERR_TOO_LARGE past the cap. */
static const struct val *jarr(struct reader *r, const struct val *obj, const char *key, size_t *n)
{
	const struct val *v = val_get(obj, key);
	*n = 0;
	if (!jis_array(v))
		return NULL;
	if (jsize(v) > CVE5_MAX_ITEMS) {
		fail(r, ERR_TOO_LARGE, "%s: %s has more than %d entries", r->name, key, CVE5_MAX_ITEMS);
		return NULL;
	}
	*n = jsize(v);
	return v;
}

static void *alloc_array(struct reader *r, size_t n, size_t size)
{
	return n ? arena_zalloc(&r->arena, n * size) : NULL;
}

/* An array of strings; other members are dropped. */
static const char *const *strings(struct reader *r, const struct val *obj, const char *key,
                                  size_t *count)
{
	size_t n;
	const struct val *a = jarr(r, obj, key, &n);
	*count = 0;
	if (!a || !n)
		return NULL;
	const char **out = alloc_array(r, n, sizeof(*out));
	for (size_t i = 0; i < n; i++) {
		const struct val *v = jitem(a, i);
		if (jis_string(v))
			out[(*count)++] = jstring(v);
	}
	return out;
}

static const struct cve5_text *texts(struct reader *r, const struct val *obj, const char *key,
                                     size_t *count)
{
	size_t n;
	const struct val *a = jarr(r, obj, key, &n);
	*count = 0;
	if (!a || !n)
		return NULL;
	struct cve5_text *out = alloc_array(r, n, sizeof(*out));
	for (size_t i = 0; i < n; i++) {
		const struct val *d = jitem(a, i);
		const char *value = jstr(d, "value");
		if (!value)
			continue;
		out[*count].lang = jstr(d, "lang");
		out[*count].value = value;
		(*count)++;
	}
	return out;
}

static void read_versions(struct reader *r, const struct val *prod, struct cve5_affected *a)
{
	size_t n;
	const struct val *arr = jarr(r, prod, "versions", &n);
	if (!arr || !n)
		return;
	struct cve5_version *out = alloc_array(r, n, sizeof(*out));
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		const struct val *v = jitem(arr, i);
		if (!jis_object(v))
			continue;
		struct cve5_version *o = &out[k++];
		o->version = jstr(v, "version");
		o->status = jstr(v, "status");
		o->version_type = jstr(v, "versionType");
		o->less_than = jstr(v, "lessThan");
		o->less_than_or_equal = jstr(v, "lessThanOrEqual");
		size_t nc;
		const struct val *ch = jarr(r, v, "changes", &nc);
		if (ch && nc) {
			struct cve5_change *c = alloc_array(r, nc, sizeof(*c));
			size_t m = 0;
			for (size_t j = 0; j < nc; j++) {
				const struct val *e = jitem(ch, j);
				const char *at = jstr(e, "at"), *status = jstr(e, "status");
				if (at && status) {
					c[m].at = at;
					c[m].status = status;
					m++;
				}
			}
			o->changes = c;
			o->n_changes = m;
		}
	}
	a->versions = out;
	a->n_versions = k;
}

static void read_affected(struct reader *r, const struct val *cont, struct cve5_container *c)
{
	size_t n;
	const struct val *arr = jarr(r, cont, "affected", &n);
	if (!arr || !n)
		return;
	struct cve5_affected *out = alloc_array(r, n, sizeof(*out));
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		const struct val *p = jitem(arr, i);
		if (!jis_object(p))
			continue;
		struct cve5_affected *a = &out[k++];
		a->vendor = jstr(p, "vendor");
		a->product = jstr(p, "product");
		a->collection_url = jstr(p, "collectionURL");
		a->package_name = jstr(p, "packageName");
		a->repo = jstr(p, "repo");
		a->default_status = jstr(p, "defaultStatus");
		a->cpes = strings(r, p, "cpes", &a->n_cpes);
		a->platforms = strings(r, p, "platforms", &a->n_platforms);
		read_versions(r, p, a);
	}
	c->affected = out;
	c->n_affected = k;
}

static void read_problems(struct reader *r, const struct val *cont, struct cve5_container *c)
{
	size_t n;
	const struct val *arr = jarr(r, cont, "problemTypes", &n);
	if (!arr || !n)
		return;
	size_t total = 0;
	for (size_t i = 0; i < n; i++) {
		size_t m;
		jarr(r, jitem(arr, i), "descriptions", &m);
		total += m;
	}
	if (!total)
		return;
	struct cve5_problem *out = alloc_array(r, total, sizeof(*out));
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		size_t m;
		const struct val *ds = jarr(r, jitem(arr, i), "descriptions", &m);
		for (size_t j = 0; j < m; j++) {
			const struct val *d = jitem(ds, j);
			if (!jis_object(d))
				continue;
			struct cve5_problem *p = &out[k++];
			p->lang = jstr(d, "lang");
			p->description = jstr(d, "description");
			p->cwe_id = jstr(d, "cweId");
			p->type = jstr(d, "type");
		}
	}
	c->problems = out;
	c->n_problems = k;
}

static void read_references(struct reader *r, const struct val *cont, struct cve5_container *c)
{
	size_t n;
	const struct val *arr = jarr(r, cont, "references", &n);
	if (!arr || !n)
		return;
	struct cve5_reference *out = alloc_array(r, n, sizeof(*out));
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		const struct val *ref = jitem(arr, i);
		const char *url = jstr(ref, "url");
		if (!url)
			continue;
		struct cve5_reference *o = &out[k++];
		o->url = url;
		o->name = jstr(ref, "name");
		o->tags = strings(r, ref, "tags", &o->n_tags);
	}
	c->references = out;
	c->n_references = k;
}

/* cpeApplicability: matches without a string criteria are dropped, as NVD's reader does. */
static void read_applicability(struct reader *r, const struct val *cont, struct cve5_container *c)
{
	size_t n;
	const struct val *arr = jarr(r, cont, "cpeApplicability", &n);
	if (!arr || !n)
		return;
	struct cve5_applicability *out = alloc_array(r, n, sizeof(*out));
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		const struct val *e = jitem(arr, i);
		if (!jis_object(e))
			continue;
		struct cve5_applicability *a = &out[k++];
		a->op = jstr(e, "operator");
		a->negate = jis_boolean(val_get(e, "negate")) && val_get(e, "negate")->u.b;
		size_t nn;
		const struct val *nodes = jarr(r, e, "nodes", &nn);
		struct cve5_cpe_node *no = alloc_array(r, nn, sizeof(*no));
		for (size_t j = 0; j < nn; j++) {
			const struct val *nd = jitem(nodes, j);
			if (!jis_object(nd))
				continue;
			struct cve5_cpe_node *o = &no[a->n_nodes++];
			o->op = jstr(nd, "operator");
			o->negate = jis_boolean(val_get(nd, "negate")) && val_get(nd, "negate")->u.b;
			size_t nm;
			const struct val *ms = jarr(r, nd, "cpeMatch", &nm);
			struct cve5_cpe_match *mo = alloc_array(r, nm, sizeof(*mo));
			for (size_t m = 0; m < nm; m++) {
				const struct val *cm = jitem(ms, m);
				const char *criteria = jstr(cm, "criteria");
				if (!criteria)
					continue;
				struct cve5_cpe_match *x = &mo[o->n_matches++];
				x->criteria = criteria;
				x->vulnerable = jis_boolean(val_get(cm, "vulnerable")) && val_get(cm, "vulnerable")->u.b;
				x->match_criteria_id = jstr(cm, "matchCriteriaId");
				x->version_start_including = jstr(cm, "versionStartIncluding");
				x->version_start_excluding = jstr(cm, "versionStartExcluding");
				x->version_end_including = jstr(cm, "versionEndIncluding");
				x->version_end_excluding = jstr(cm, "versionEndExcluding");
			}
			o->matches = mo;
		}
		a->nodes = no;
	}
	c->applicability = out;
	c->n_applicability = k;
}

static void read_ssvc(struct reader *r, const struct val *content, struct cve5_container *c)
{
	struct cve5_ssvc *s = arena_zalloc(&r->arena, sizeof(*s));
	s->version = jstr(content, "version");
	s->role = jstr(content, "role");
	s->timestamp = jstr(content, "timestamp");
	size_t n;
	const struct val *opts = jarr(r, content, "options", &n);
	/* options is a list of one-key objects: [{"Exploitation":"none"}, …] */
	for (size_t i = 0; i < n; i++) {
		const struct val *o = jitem(opts, i);
		const char *v;
		if ((v = jstr(o, "Exploitation")))
			s->exploitation = v;
		if ((v = jstr(o, "Automatable")))
			s->automatable = v;
		if ((v = jstr(o, "Technical Impact")))
			s->technical_impact = v;
	}
	c->ssvc = s;
}

static void read_metrics(struct reader *r, const struct val *cont, struct cve5_container *c)
{
	static const char *const keys[CVE5_CVSS__MAX] = {
		[CVE5_CVSS_V2_0] = "cvssV2_0", [CVE5_CVSS_V3_0] = "cvssV3_0",
		[CVE5_CVSS_V3_1] = "cvssV3_1", [CVE5_CVSS_V4_0] = "cvssV4_0",
	};
	size_t n;
	const struct val *arr = jarr(r, cont, "metrics", &n);
	if (!arr || !n)
		return;
	/* an item may carry several CVSS versions, hence up to 4 per item */
	if (n > CVE5_MAX_ITEMS / CVE5_CVSS__MAX) {
		fail(r, ERR_TOO_LARGE, "%s: too many metrics", r->name);
		return;
	}
	struct cve5_metric *out = alloc_array(r, n * CVE5_CVSS__MAX, sizeof(*out));
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		const struct val *m = jitem(arr, i);
		if (!jis_object(m))
			continue;
		const char *scenario = NULL;
		size_t ns;
		const struct val *sc = jarr(r, m, "scenarios", &ns);
		if (ns)
			scenario = jstr(jitem(sc, 0), "value");
		for (int v = 0; v < CVE5_CVSS__MAX; v++) {
			const struct val *cv = val_get(m, keys[v]);
			if (!jis_object(cv))
				continue;
			struct cve5_metric *o = &out[k++];
			o->version = (enum cve5_cvss)v;
			o->vector = jstr(cv, "vectorString");
			const struct val *score = val_get(cv, "baseScore");
			o->base_score = jis_number(score) ? jnumber(score) : -1;
			o->base_severity = jstr(cv, "baseSeverity");
			o->scenario = scenario;
		}
		const struct val *other = val_get(m, "other");
		const char *type = jstr(other, "type");
		const struct val *content = val_get(other, "content");
		if (type && jis_object(content)) {
			if (strcmp(type, "ssvc") == 0 && !c->ssvc) {
				read_ssvc(r, content, c);
			} else if (strcmp(type, "kev") == 0 && !c->kev) {
				struct cve5_kev *kev = arena_zalloc(&r->arena, sizeof(*kev));
				kev->date_added = jstr(content, "dateAdded");
				kev->reference = jstr(content, "reference");
				c->kev = kev;
			}
		}
	}
	c->metrics = out;
	c->n_metrics = k;
}

static void read_container(struct reader *r, const struct val *cont, enum cve5_container_kind kind,
                           struct cve5_container *c)
{
	memset(c, 0, sizeof(*c));
	c->kind = kind;
	const struct val *pm = val_get(cont, "providerMetadata");
	c->org_id = jstr(pm, "orgId");
	c->short_name = jstr(pm, "shortName");
	c->date_updated = jstr(pm, "dateUpdated");
	c->title = jstr(cont, "title");
	c->date_public = jstr(cont, "datePublic");
	c->date_assigned = jstr(cont, "dateAssigned");
	c->descriptions = texts(r, cont, "descriptions", &c->n_descriptions);
	c->rejected_reasons = texts(r, cont, "rejectedReasons", &c->n_rejected_reasons);
	c->replaced_by = strings(r, cont, "replacedBy", &c->n_replaced_by);
	read_affected(r, cont, c);
	read_problems(r, cont, c);
	read_references(r, cont, c);
	read_metrics(r, cont, c);
	read_applicability(r, cont, c);
}

static int read_root(struct reader *r, const struct val *root)
{
	struct cve5_record rec;
	memset(&rec, 0, sizeof(rec));
	rec.path = r->name;
	if (!jis_object(root)) {
		r->not_record = true;
		return fail(r, ERR_INVALID, "%s: not a CVE record (top level is not an object)", r->name);
	}
	const char *type = jstr(root, "dataType");
	if (!type || strcmp(type, "CVE_RECORD") != 0) {
		r->not_record = true;
		return fail(r, ERR_INVALID, "%s: not a CVE record (dataType is not CVE_RECORD)", r->name);
	}
	rec.data_version = jstr(root, "dataVersion");
	if (!rec.data_version || !valid_data_version(rec.data_version))
		return fail(r, ERR_INVALID, "%s: dataVersion \"%.20s\" is not 5.x", r->name,
		            rec.data_version ? rec.data_version : "");
	const struct val *md = val_get(root, "cveMetadata");
	if (!jis_object(md))
		return fail(r, ERR_INVALID, "%s: no cveMetadata object", r->name);
	rec.cve_id = jstr(md, "cveId");
	if (!rec.cve_id || !valid_cve_id(rec.cve_id))
		return fail(r, ERR_INVALID, "%s: cveMetadata.cveId \"%.40s\" is not CVE-YYYY-NNNN",
		            r->name, rec.cve_id ? rec.cve_id : "");
	const char *state = jstr(md, "state");
	if (state && strcmp(state, "PUBLISHED") == 0)
		rec.state = CVE5_STATE_PUBLISHED;
	else if (state && strcmp(state, "REJECTED") == 0)
		rec.state = CVE5_STATE_REJECTED;
	else if (state && strcmp(state, "RESERVED") == 0)
		rec.state = CVE5_STATE_RESERVED;
	else
		return fail(r, ERR_INVALID, "%s: %s: state \"%.20s\" is not PUBLISHED, REJECTED or RESERVED",
		            r->name, rec.cve_id, state ? state : "");
	rec.assigner_org_id = jstr(md, "assignerOrgId");
	rec.assigner_short_name = jstr(md, "assignerShortName");
	rec.date_reserved = jstr(md, "dateReserved");
	rec.date_published = jstr(md, "datePublished");
	rec.date_updated = jstr(md, "dateUpdated");
	rec.date_rejected = jstr(md, "dateRejected");

	const struct val *containers = val_get(root, "containers");
	const struct val *cna = val_get(containers, "cna");
	if (jis_object(cna)) {
		rec.has_cna = true;
		read_container(r, cna, CVE5_CNA, &rec.cna);
	} else if (rec.state != CVE5_STATE_RESERVED) {
		return fail(r, ERR_INVALID, "%s: %s: no containers.cna object", r->name, rec.cve_id);
	}
	size_t n_adp;
	const struct val *adp = jarr(r, containers, "adp", &n_adp);
	if (n_adp > CVE5_MAX_ADP)
		return fail(r, ERR_TOO_LARGE, "%s: %s: more than %d ADP containers", r->name,
		            rec.cve_id, CVE5_MAX_ADP);
	if (adp && n_adp) {
		struct cve5_container *a = alloc_array(r, n_adp, sizeof(*a));
		for (size_t i = 0; i < n_adp; i++) {
			const struct val *c = jitem(adp, i);
			if (jis_object(c))
				read_container(r, c, CVE5_ADP, &a[rec.n_adp++]);
		}
		rec.adp = a;
	}
	if (r->rc)
		return r->rc;
	int rc = r->cb ? r->cb(r->ctx, &rec) : 0;
	if (rc) {
		r->rc = rc;
		r->stopped = true;
		if (r->errlen)
			snprintf(r->err, r->errlen, "%s: stopped by the caller at %s", r->name, rec.cve_id);
	}
	return rc;
}

static void reader_init(struct reader *r, const char *name, cve5_record_cb cb, void *ctx,
                        char *err, size_t errlen)
{
	memset(r, 0, sizeof(*r));
	r->name = name ? name : "(cve5)";
	r->cb = cb;
	r->ctx = ctx;
	r->err = err;
	r->errlen = err ? errlen : 0;
	if (r->errlen)
		err[0] = '\0';
	arena_init(&r->arena, 0);
}

static int read_buffer(struct reader *r, const char *p, size_t len)
{
	if (len > CVE5_MAX_FILE)
		return fail(r, ERR_TOO_LARGE, "%s: larger than %d bytes", r->name, CVE5_MAX_FILE);
	struct val *root;
	char jerr[200];
	int rc;
	if (val_parse_json(&r->arena, p ? p : "", len, &root, jerr, sizeof(jerr)) < 0)
		rc = fail(r, ERR_INVALID, "%s: %s", r->name, jerr);
	else
		rc = read_root(r, root);
	arena_reset(&r->arena);
	return rc;
}

/* Reads a whole file of at most CVE5_MAX_FILE bytes; the caller frees *out. */
static int slurp(struct reader *r, const char *path, char **out, size_t *outlen)
{
	*out = NULL;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return fail(r, ERR_IO, "%s: cannot open: %s", path, strerror(errno));
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return fail(r, ERR_IO, "%s: not a regular file", path);
	}
	if (st.st_size > CVE5_MAX_FILE) {
		close(fd);
		return fail(r, ERR_TOO_LARGE, "%s: larger than %d bytes", path, CVE5_MAX_FILE);
	}
	size_t cap = (size_t)st.st_size, len = 0;
	char *buf = xmalloc(cap + 1);
	for (;;) {
		if (len == cap) {
			/* the file grew since fstat: read on, within the cap */
			if (cap >= CVE5_MAX_FILE) {
				char extra;
				ssize_t k = read(fd, &extra, 1);
				if (k > 0) {
					free(buf);
					close(fd);
					return fail(r, ERR_TOO_LARGE, "%s: larger than %d bytes", path,
					            CVE5_MAX_FILE);
				}
				if (k == 0)
					break;
				if (errno == EINTR)
					continue;
				goto ioerr;
			}
			cap = cap ? cap * 2 : 4096;
			if (cap > CVE5_MAX_FILE)
				cap = CVE5_MAX_FILE;
			buf = xrealloc(buf, cap + 1);
		}
		ssize_t k = read(fd, buf + len, cap - len);
		if (k == 0)
			break;
		if (k < 0) {
			if (errno == EINTR)
				continue;
			goto ioerr;
		}
		len += (size_t)k;
	}
	close(fd);
	*out = buf;
	*outlen = len;
	return 0;
ioerr:
	free(buf);
	close(fd);
	return fail(r, ERR_IO, "%s: read error: %s", path, strerror(errno));
}

static int read_path(struct reader *r, const char *path)
{
	char *buf;
	size_t len;
	if (slurp(r, path, &buf, &len))
		return r->rc;
	int rc = read_buffer(r, buf, len);
	free(buf);
	return rc;
}

int cve5_read_file(const char *path, cve5_record_cb cb, void *ctx, char *err, size_t errlen)
{
	struct reader r;
	reader_init(&r, path, cb, ctx, err, errlen);
	int rc = read_path(&r, path);
	arena_free(&r.arena);
	return rc;
}

int cve5_read_mem(const char *name, const char *p, size_t len, cve5_record_cb cb, void *ctx,
                  char *err, size_t errlen)
{
	struct reader r;
	reader_init(&r, name, cb, ctx, err, errlen);
	int rc = read_buffer(&r, p, len);
	arena_free(&r.arena);
	return rc;
}

/* ---- directory walk ---- */

struct walk {
	cve5_record_cb cb;
	cve5_error_cb on_error;
	void *ctx;
	struct cve5_walk_stats *stats;
	char *err;
	size_t errlen;
	struct arena arena;     /* shared by every record read, reset after each */
};

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool ends_with_json(const char *name)
{
	size_t n = strlen(name);
	return n > 5 && strcmp(name + n - 5, ".json") == 0;
}

static int walk_file(struct walk *w, const char *path)
{
	struct reader r;
	char msg[512];
	reader_init(&r, path, w->cb, w->ctx, msg, sizeof(msg));
	arena_free(&r.arena);
	r.arena = w->arena;
	w->stats->files++;
	int rc = read_path(&r, path);
	w->arena = r.arena;
	if (rc == 0) {
		w->stats->records++;
		return 0;
	}
	if (r.not_record) {
		w->stats->skipped++;
		return 0;
	}
	/* a callback's own value stops the walk; the reader's errors do not */
	if (r.stopped) {
		if (w->errlen)
			snprintf(w->err, w->errlen, "%s", msg);
		return rc;
	}
	w->stats->failed++;
	if (w->on_error)
		return w->on_error(w->ctx, path, rc, msg);
	return 0;
}

static int walk_dir(struct walk *w, const char *dir, int depth)
{
	if (depth > CVE5_MAX_DEPTH) {
		if (w->errlen)
			snprintf(w->err, w->errlen, "%s: deeper than %d levels", dir, CVE5_MAX_DEPTH);
		return ERR_TOO_LARGE;
	}
	DIR *d = opendir(dir);
	if (!d) {
		if (w->errlen)
			snprintf(w->err, w->errlen, "%s: cannot open directory: %s", dir, strerror(errno));
		return ERR_IO;
	}
	size_t n = 0, cap = 64;
	char **names = xmalloc(cap * sizeof(*names));
	struct dirent *de;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;   /* ".", "..", and hidden files such as .git */
		if (n == cap) {
			cap *= 2;
			names = xrealloc(names, cap * sizeof(*names));
		}
		names[n++] = xstrdup(de->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof(*names), cmp_names);
	int rc = 0;
	char path[PATH_MAX];
	for (size_t i = 0; i < n && rc == 0; i++) {
		int len = snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		if (len < 0 || (size_t)len >= sizeof(path))
			continue;
		struct stat st;
		if (lstat(path, &st) != 0)
			continue;
		if (S_ISDIR(st.st_mode)) {
			rc = walk_dir(w, path, depth + 1);
			/* an unreadable subdirectory is a failed entry, not the end of the walk */
			if (rc == ERR_IO) {
				w->stats->failed++;
				rc = w->on_error ? w->on_error(w->ctx, path, ERR_IO, w->err) : 0;
			}
		} else if (S_ISREG(st.st_mode) && ends_with_json(names[i])) {
			rc = walk_file(w, path);
		}
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc;
}

int cve5_walk_dir(const char *dir, cve5_record_cb cb, cve5_error_cb on_error, void *ctx,
                  struct cve5_walk_stats *stats, char *err, size_t errlen)
{
	struct cve5_walk_stats local = { 0 };
	struct walk w = {
		.cb = cb, .on_error = on_error, .ctx = ctx,
		.stats = stats ? stats : &local, .err = err, .errlen = err ? errlen : 0,
	};
	memset(w.stats, 0, sizeof(*w.stats));
	if (w.errlen)
		err[0] = '\0';
	arena_init(&w.arena, 0);
	struct stat st;
	int rc;
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		if (w.errlen)
			snprintf(err, errlen, "%s: not a directory", dir);
		rc = ERR_IO;
	} else {
		rc = walk_dir(&w, dir, 0);
	}
	arena_free(&w.arena);
	return rc;
}

const char *cve5_state_str(enum cve5_state s)
{
	switch (s) {
	case CVE5_STATE_PUBLISHED: return "PUBLISHED";
	case CVE5_STATE_REJECTED: return "REJECTED";
	case CVE5_STATE_RESERVED: return "RESERVED";
	default: return "?";
	}
}

const char *cve5_cvss_str(enum cve5_cvss v)
{
	switch (v) {
	case CVE5_CVSS_V2_0: return "2.0";
	case CVE5_CVSS_V3_0: return "3.0";
	case CVE5_CVSS_V3_1: return "3.1";
	case CVE5_CVSS_V4_0: return "4.0";
	default: return "?";
	}
}

/* ---- validator for records we publish (CVE Record Format 5.1.1) ---- */

/* The path of the value being checked, for messages: "containers.cna.affected[0]". */
struct vstate {
	char *err;
	size_t errlen;
	char path[256];
	size_t plen;
	regex_t vec[CVE5_CVSS__MAX];
};

static int vfail(struct vstate *v, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int vfail(struct vstate *v, const char *fmt, ...)
{
	if (v->errlen) {
		char msg[256];
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(msg, sizeof(msg), fmt, ap);
		va_end(ap);
		snprintf(v->err, v->errlen, "%s: %s", v->plen ? v->path : "(record)", msg);
	}
	return ERR_INVALID;
}

static size_t push_key(struct vstate *v, const char *key)
{
	size_t old = v->plen;
	int n = snprintf(v->path + v->plen, sizeof(v->path) - v->plen, "%s%s", v->plen ? "." : "", key);
	if (n > 0)
		v->plen = v->plen + (size_t)n < sizeof(v->path) ? v->plen + (size_t)n : sizeof(v->path) - 1;
	return old;
}

static size_t push_index(struct vstate *v, size_t i)
{
	size_t old = v->plen;
	int n = snprintf(v->path + v->plen, sizeof(v->path) - v->plen, "[%zu]", i);
	if (n > 0)
		v->plen = v->plen + (size_t)n < sizeof(v->path) ? v->plen + (size_t)n : sizeof(v->path) - 1;
	return old;
}

static void pop(struct vstate *v, size_t old)
{
	v->plen = old;
	v->path[old] = '\0';
}

/* JSON Schema counts string length in code points; jansson hands us valid UTF-8. */
static size_t utf8_len(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

typedef bool (*format_fn)(const char *s);

/* ^(date)T(2[0-3]|[01][0-9]):[0-5][0-9]:[0-5][0-9](\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})?$
 * where the schema's date is a real calendar day of the years 1900-2999. */
static bool is_date(const char *s)
{
	if (!is_digits(s, 4) || s[4] != '-' || !is_digits(s + 5, 2) || s[7] != '-' ||
	    !is_digits(s + 8, 2))
		return false;
	int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	int m = (s[5] - '0') * 10 + (s[6] - '0');
	int d = (s[8] - '0') * 10 + (s[9] - '0');
	static const int mdays[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return false;
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return !(m == 2 && d == 29 && !leap);
}

static bool is_timestamp(const char *s)
{
	if (strlen(s) < 19 || !is_date(s) || s[10] != 'T')
		return false;
	const char *t = s + 11;
	if (!is_digits(t, 2) || t[2] != ':' || !is_digits(t + 3, 2) || t[5] != ':' ||
	    !is_digits(t + 6, 2))
		return false;
	if ((t[0] - '0') * 10 + (t[1] - '0') > 23 || t[3] > '5' || t[6] > '5')
		return false;
	const char *p = t + 8;
	if (*p == '.') {
		size_t n = strspn(p + 1, "0123456789");
		if (n == 0)
			return false;
		p += 1 + n;
	}
	if (*p == '\0')
		return true;
	if (p[0] == 'Z')
		return p[1] == '\0';
	return (p[0] == '+' || p[0] == '-') && is_digits(p + 1, 2) && p[3] == ':' &&
	       is_digits(p + 4, 2) && p[6] == '\0';
}

static bool is_hex(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f') ||
		      (s[i] >= 'A' && s[i] <= 'F')))
			return false;
	return true;
}

/* A version 4 UUID, as the schema's uuidType. */
static bool is_uuid(const char *s)
{
	return strlen(s) == 36 && is_hex(s, 8) && s[8] == '-' && is_hex(s + 9, 4) && s[13] == '-' &&
	       s[14] == '4' && is_hex(s + 15, 3) && s[18] == '-' && strchr("89ABab", s[19]) &&
	       s[19] && is_hex(s + 20, 3) && s[23] == '-' && is_hex(s + 24, 12);
}

static bool is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* ^[A-Za-z]{2,4}([_-][A-Za-z]{4})?([_-]([A-Za-z]{2}|[0-9]{3}))?$ ; english: "en" first */
static bool lang_tail(const char *p)
{
	if ((*p == '-' || *p == '_') && is_alpha(p[1]) && is_alpha(p[2]) && is_alpha(p[3]) &&
	    is_alpha(p[4]) && (p[5] == '\0' || p[5] == '-' || p[5] == '_'))
		p += 5;
	if (*p == '\0')
		return true;
	if (*p != '-' && *p != '_')
		return false;
	p++;
	if (is_alpha(p[0]) && is_alpha(p[1]) && p[2] == '\0')
		return true;
	return is_digits(p, 3) && p[3] == '\0';
}

static bool is_lang(const char *s)
{
	size_t n = 0;
	while (n < 4 && is_alpha(s[n]))
		n++;
	if (n < 2)
		return false;
	/* the region may follow a 2-4 letter language: try each split the regex allows */
	for (size_t k = n; k >= 2; k--)
		if (lang_tail(s + k))
			return true;
	return false;
}

static bool is_english(const char *s)
{
	return s[0] == 'e' && s[1] == 'n' && lang_tail(s + 2);
}

/* RFC 3986 URI: scheme ":" then unreserved, sub-delims, gen-delims and %HH only. */
static bool is_uri(const char *s)
{
	if (!is_alpha(s[0]))
		return false;
	size_t i = 1;
	while (is_alpha(s[i]) || (s[i] >= '0' && s[i] <= '9') || s[i] == '+' || s[i] == '-' ||
	       s[i] == '.')
		i++;
	if (s[i] != ':' || s[i + 1] == '\0')
		return false;
	for (i++; s[i]; i++) {
		char c = s[i];
		if (c == '%') {
			if (!is_hex(s + i + 1, 2))
				return false;
			i += 2;
			continue;
		}
		if (is_alpha(c) || (c >= '0' && c <= '9') || strchr("-._~!$&'()*+,;=:@/?#[]", c))
			continue;
		return false;
	}
	return true;
}

static bool is_cwe(const char *s)
{
	size_t n = strlen(s);
	return n >= 5 && n <= 9 && memcmp(s, "CWE-", 4) == 0 && s[4] != '0' && is_digits(s + 4, n - 4);
}

static bool is_capec(const char *s)
{
	size_t n = strlen(s);
	return n >= 7 && n <= 11 && memcmp(s, "CAPEC-", 6) == 0 && s[6] != '0' &&
	       is_digits(s + 6, n - 6);
}

static bool is_status(const char *s)
{
	return strcmp(s, "affected") == 0 || strcmp(s, "unaffected") == 0 ||
	       strcmp(s, "unknown") == 0;
}

static bool is_tag_extension(const char *s)
{
	size_t n = utf8_len(s);
	return n >= 2 && n <= 128 && s[0] == 'x' && s[1] == '_';
}

static bool in_list(const char *s, const char *const *list)
{
	for (; *list; list++)
		if (strcmp(s, *list) == 0)
			return true;
	return false;
}

static bool is_reference_tag(const char *s)
{
	static const char *const tags[] = {
		"broken-link", "customer-entitlement", "exploit", "government-resource",
		"issue-tracking", "mailing-list", "mitigation", "not-applicable", "patch",
		"permissions-required", "media-coverage", "product", "related", "release-notes",
		"signature", "technical-description", "third-party-advisory", "vendor-advisory",
		"vdb-entry", NULL,
	};
	return is_tag_extension(s) || in_list(s, tags);
}

static bool is_cna_tag(const char *s)
{
	static const char *const tags[] = {
		"unsupported-when-assigned", "exclusively-hosted-service", "disputed", NULL,
	};
	return is_tag_extension(s) || in_list(s, tags);
}

static bool is_adp_tag(const char *s)
{
	static const char *const tags[] = { "disputed", NULL };
	return is_tag_extension(s) || in_list(s, tags);
}

/* One component of a CPE 2.3 formatted string: "*", "-", or a value of
 * [A-Za-z0-9._-] and backslash-escaped punctuation, with optional ? or * at either end. */
static bool cpe23_component(const char *p, size_t n)
{
	if (n == 1 && (p[0] == '*' || p[0] == '-'))
		return true;
	size_t i = 0;
	if (i < n && p[i] == '*')
		i++;
	else
		while (i < n && p[i] == '?')
			i++;
	size_t body = 0;
	while (i < n) {
		char c = p[i];
		if (is_alpha(c) || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_') {
			i++;
			body++;
		} else if (c == '\\' && i + 1 < n && strchr("\\*?!\"#$%&'()+,/:;<=>@[]^`{|}~", p[i + 1])) {
			i += 2;
			body++;
		} else {
			break;
		}
	}
	if (body == 0)
		return false;
	if (i < n && p[i] == '*')
		i++;
	else
		while (i < n && p[i] == '?')
			i++;
	return i == n;
}

static bool cpe23_language(const char *p, size_t n)
{
	if (n == 1 && (p[0] == '*' || p[0] == '-'))
		return true;
	size_t i = 0;
	while (i < n && i < 3 && is_alpha(p[i]))
		i++;
	if (i < 2)
		return false;
	if (i == n)
		return true;
	if (p[i] != '-')
		return false;
	const char *r = p + i + 1;
	size_t rn = n - i - 1;
	return (rn == 2 && is_alpha(r[0]) && is_alpha(r[1])) || (rn == 3 && is_digits(r, 3));
}

/* cpe:2.3:part:vendor:product:version:update:edition:language:sw_ed:target_sw:target_hw:other */
static bool is_cpe23(const char *s)
{
	if (strncmp(s, "cpe:2.3:", 8) != 0 || !strchr("aho*-", s[8]) || s[8] == '\0' || s[9] != ':')
		return false;
	const char *p = s + 10;
	for (int k = 0; k < 10; k++) {
		/* a component ends at a ':' that is not escaped */
		size_t n = 0;
		while (p[n] && p[n] != ':') {
			if (p[n] == '\\' && p[n + 1])
				n++;
			n++;
		}
		bool ok = k == 5 ? cpe23_language(p, n) : cpe23_component(p, n);
		if (!ok)
			return false;
		p += n;
		if (k < 9) {
			if (*p != ':')
				return false;
			p++;
		}
	}
	return *p == '\0';
}

/* cpe:/[aho]?(:[A-Za-z0-9._\-~%]*){0,6} */
static bool is_cpe22(const char *s)
{
	if (strncasecmp(s, "cpe:/", 5) != 0 || s[0] != 'c')
		return false;
	const char *p = s + 5;
	if (*p && strchr("AHOaho", *p))
		p++;
	for (int k = 0; *p; k++) {
		if (k == 6 || *p != ':')
			return false;
		p++;
		p += strspn(p, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-~%");
	}
	return true;
}

static bool is_cpe(const char *s)
{
	return is_cpe23(s) || is_cpe22(s);
}

/* ---- structural helpers ---- */

/* additionalProperties: false, with allow_x for the containers' ^x_[^.]*$ keys. */
static int check_keys(struct vstate *v, const struct val *obj, const char *const *allowed, bool allow_x)
{
	for (size_t i = 0; obj && obj->kind == VAL_OBJ && i < obj->u.o.n; i++) {
		const char *key = obj->u.o.m[i].key;
		if (in_list(key, allowed))
			continue;
		if (allow_x && key[0] == 'x' && key[1] == '_' && !strchr(key, '.'))
			continue;
		return vfail(v, "unexpected property \"%.64s\"", key);
	}
	return 0;
}

static int check_string(struct vstate *v, const struct val *obj, const char *key, bool required,
                        size_t minlen, size_t maxlen, format_fn fmt, const char *what)
{
	const struct val *s = val_get(obj, key);
	if (!s) {
		if (!required)
			return 0;
		return vfail(v, "%s is required", key);
	}
	size_t old = push_key(v, key);
	int rc = 0;
	if (!jis_string(s)) {
		rc = vfail(v, "must be a string");
	} else {
		const char *str = jstring(s);
		size_t n = utf8_len(str);
		if (n < minlen || (maxlen && n > maxlen))
			rc = vfail(v, "length %zu is outside %zu..%zu", n, minlen, maxlen);
		else if (fmt && !fmt(str))
			rc = vfail(v, "\"%.80s\" is not %s", str, what);
	}
	if (!rc)
		pop(v, old);
	return rc;
}

/* uniqueItems, by JSON equality; the arrays we publish are small. */
static int check_unique(struct vstate *v, const struct val *a)
{
	size_t n = jsize(a);
	if (n > 4096)
		return vfail(v, "more than 4096 entries");
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++)
			if (jequal(jitem(a, i), jitem(a, j)))
				return vfail(v, "entries %zu and %zu are the same", i, j);
	return 0;
}

typedef int (*item_fn)(struct vstate *v, const struct val *item);

/* An array under key: required or not, at least min entries (max 0: no limit), unique,
 * each checked by fn with its index on the path. */
static int check_array(struct vstate *v, const struct val *obj, const char *key, bool required,
                       size_t min, size_t max, bool unique, item_fn fn)
{
	const struct val *a = val_get(obj, key);
	if (!a)
		return required ? vfail(v, "%s is required", key) : 0;
	size_t old = push_key(v, key);
	if (!jis_array(a))
		return vfail(v, "must be an array");
	size_t n = jsize(a);
	if (n < min)
		return vfail(v, "needs at least %zu entr%s", min, min == 1 ? "y" : "ies");
	if (max && n > max)
		return vfail(v, "has %zu entries, more than %zu", n, max);
	if (unique && check_unique(v, a))
		return ERR_INVALID;
	for (size_t i = 0; i < n; i++) {
		size_t o = push_index(v, i);
		if (fn && fn(v, jitem(a, i)))
			return ERR_INVALID;
		pop(v, o);
	}
	pop(v, old);
	return 0;
}

static int need_object(struct vstate *v, const struct val *x)
{
	return jis_object(x) ? 0 : vfail(v, "must be an object");
}

/* ---- the schema's definitions ---- */

static int v_string_1_4096(struct vstate *v, const struct val *s)
{
	if (!jis_string(s))
		return vfail(v, "must be a string");
	size_t n = utf8_len(jstring(s));
	return n >= 1 && n <= 4096 ? 0 : vfail(v, "length %zu is outside 1..4096", n);
}

static int v_string_1_1024(struct vstate *v, const struct val *s)
{
	if (!jis_string(s))
		return vfail(v, "must be a string");
	size_t n = utf8_len(jstring(s));
	return n >= 1 && n <= 1024 ? 0 : vfail(v, "length %zu is outside 1..1024", n);
}

static int v_platform(struct vstate *v, const struct val *s)
{
	if (!jis_string(s))
		return vfail(v, "must be a string");
	size_t n = utf8_len(jstring(s));
	return n <= 1024 ? 0 : vfail(v, "longer than 1024");
}

static int v_cpe(struct vstate *v, const struct val *s)
{
	if (!jis_string(s))
		return vfail(v, "must be a string");
	const char *c = jstring(s);
	if (strlen(c) > 2048 || !is_cpe(c))
		return vfail(v, "\"%.80s\" is not a CPE 2.2 or 2.3 name", c);
	return 0;
}

static int v_cve_id(struct vstate *v, const struct val *s)
{
	if (!jis_string(s) || !valid_cve_id(jstring(s)))
		return vfail(v, "must be a CVE id (CVE-YYYY-NNNN)");
	return 0;
}

static int v_supporting_media(struct vstate *v, const struct val *m)
{
	static const char *const keys[] = { "type", "base64", "value", NULL };
	if (need_object(v, m) || check_keys(v, m, keys, false) ||
	    check_string(v, m, "type", true, 1, 256, NULL, NULL) ||
	    check_string(v, m, "value", true, 1, 16384, NULL, NULL))
		return ERR_INVALID;
	const struct val *b = val_get(m, "base64");
	if (b && !jis_boolean(b))
		return vfail(v, "base64 must be true or false");
	return 0;
}

static int v_description(struct vstate *v, const struct val *d)
{
	static const char *const keys[] = { "lang", "value", "supportingMedia", NULL };
	if (need_object(v, d) || check_keys(v, d, keys, false) ||
	    check_string(v, d, "lang", true, 0, 0, is_lang, "a BCP 47 language tag") ||
	    check_string(v, d, "value", true, 1, 4096, NULL, NULL) ||
	    check_array(v, d, "supportingMedia", false, 1, 0, true, v_supporting_media))
		return ERR_INVALID;
	return 0;
}

/* descriptions and rejectedReasons: at least one, and one of them in English. */
static int check_descriptions(struct vstate *v, const struct val *obj, const char *key, bool required)
{
	if (check_array(v, obj, key, required, 1, 0, true, v_description))
		return ERR_INVALID;
	const struct val *a = val_get(obj, key);
	if (!a)
		return 0;
	for (size_t i = 0; i < jsize(a); i++) {
		const char *lang = jstr(jitem(a, i), "lang");
		if (lang && is_english(lang))
			return 0;
	}
	size_t old = push_key(v, key);
	int rc = vfail(v, "needs one entry in English (lang \"en\" or \"en-XX\")");
	pop(v, old);
	return rc;
}

static int v_provider_metadata(struct vstate *v, const struct val *obj)
{
	static const char *const keys[] = { "orgId", "shortName", "dateUpdated", NULL };
	const struct val *pm = val_get(obj, "providerMetadata");
	if (!pm)
		return vfail(v, "providerMetadata is required");
	size_t old = push_key(v, "providerMetadata");
	if (need_object(v, pm) || check_keys(v, pm, keys, false) ||
	    check_string(v, pm, "orgId", true, 0, 0, is_uuid, "a version 4 UUID") ||
	    check_string(v, pm, "shortName", false, 2, 32, NULL, NULL) ||
	    check_string(v, pm, "dateUpdated", false, 0, 0, is_timestamp, "a timestamp"))
		return ERR_INVALID;
	pop(v, old);
	return 0;
}

static int v_change(struct vstate *v, const struct val *c)
{
	static const char *const keys[] = { "at", "status", NULL };
	if (need_object(v, c) || check_keys(v, c, keys, false) ||
	    check_string(v, c, "at", true, 1, 1024, NULL, NULL) ||
	    check_string(v, c, "status", true, 0, 0, is_status, "affected, unaffected or unknown"))
		return ERR_INVALID;
	return 0;
}

/* The schema's oneOf over a version entry comes down to: a single version is
 * {version, status[, versionType]}; a range adds versionType and exactly one of
 * lessThan / lessThanOrEqual, and may add changes. */
static int v_version(struct vstate *v, const struct val *e)
{
	static const char *const keys[] = {
		"version", "status", "versionType", "lessThan", "lessThanOrEqual", "changes", NULL,
	};
	if (need_object(v, e) || check_keys(v, e, keys, false) ||
	    check_string(v, e, "version", true, 1, 1024, NULL, NULL) ||
	    check_string(v, e, "status", true, 0, 0, is_status, "affected, unaffected or unknown") ||
	    check_string(v, e, "versionType", false, 1, 128, NULL, NULL) ||
	    check_string(v, e, "lessThan", false, 1, 1024, NULL, NULL) ||
	    check_string(v, e, "lessThanOrEqual", false, 1, 1024, NULL, NULL) ||
	    check_array(v, e, "changes", false, 1, 0, true, v_change))
		return ERR_INVALID;
	bool lt = val_get(e, "lessThan"), le = val_get(e, "lessThanOrEqual");
	bool type = val_get(e, "versionType");
	if (lt && le)
		return vfail(v, "has both lessThan and lessThanOrEqual");
	if ((lt || le) && !type)
		return vfail(v, "a range (lessThan/lessThanOrEqual) needs versionType");
	if (!lt && !le && val_get(e, "changes"))
		return vfail(v, "changes needs a range (lessThan or lessThanOrEqual)");
	return 0;
}

static int v_program_routine(struct vstate *v, const struct val *r)
{
	static const char *const keys[] = { "name", NULL };
	if (need_object(v, r) || check_keys(v, r, keys, false) ||
	    check_string(v, r, "name", true, 1, 4096, NULL, NULL))
		return ERR_INVALID;
	return 0;
}

static int v_product(struct vstate *v, const struct val *p)
{
	if (need_object(v, p) ||
	    check_string(v, p, "vendor", false, 1, 512, NULL, NULL) ||
	    check_string(v, p, "product", false, 1, 2048, NULL, NULL) ||
	    check_string(v, p, "collectionURL", false, 1, 2048, is_uri, "a URI") ||
	    check_string(v, p, "packageName", false, 1, 2048, NULL, NULL) ||
	    check_string(v, p, "repo", false, 1, 2048, is_uri, "a URI") ||
	    check_string(v, p, "defaultStatus", false, 0, 0, is_status,
	                 "affected, unaffected or unknown") ||
	    check_array(v, p, "cpes", false, 0, 0, true, v_cpe) ||
	    check_array(v, p, "modules", false, 0, 0, true, v_string_1_4096) ||
	    check_array(v, p, "programFiles", false, 0, 0, true, v_string_1_1024) ||
	    check_array(v, p, "programRoutines", false, 0, 0, true, v_program_routine) ||
	    check_array(v, p, "platforms", false, 1, 0, true, v_platform) ||
	    check_array(v, p, "versions", false, 1, 0, true, v_version))
		return ERR_INVALID;
	bool named = val_get(p, "vendor") && val_get(p, "product");
	bool packaged = val_get(p, "collectionURL") && val_get(p, "packageName");
	if (!named && !packaged)
		return vfail(v, "needs vendor and product, or collectionURL and packageName");
	if (!val_get(p, "versions") && !val_get(p, "defaultStatus"))
		return vfail(v, "needs versions or defaultStatus");
	return 0;
}

static int v_reference_tag(struct vstate *v, const struct val *t)
{
	if (!jis_string(t) || !is_reference_tag(jstring(t)))
		return vfail(v, "not a reference tag of the schema nor an x_ extension");
	return 0;
}

static int v_reference(struct vstate *v, const struct val *r)
{
	static const char *const keys[] = { "url", "name", "tags", NULL };
	if (need_object(v, r) || check_keys(v, r, keys, false) ||
	    check_string(v, r, "url", true, 1, 2048, is_uri, "a URI") ||
	    check_string(v, r, "name", false, 1, 512, NULL, NULL) ||
	    check_array(v, r, "tags", false, 1, 0, true, v_reference_tag))
		return ERR_INVALID;
	return 0;
}

static int check_references(struct vstate *v, const struct val *obj, bool required)
{
	return check_array(v, obj, "references", required, 1, 512, true, v_reference);
}

static int v_problem_description(struct vstate *v, const struct val *d)
{
	static const char *const keys[] = { "lang", "description", "cweId", "type", "references", NULL };
	if (need_object(v, d) || check_keys(v, d, keys, false) ||
	    check_string(v, d, "lang", true, 0, 0, is_lang, "a BCP 47 language tag") ||
	    check_string(v, d, "description", true, 1, 4096, NULL, NULL) ||
	    check_string(v, d, "cweId", false, 0, 0, is_cwe, "a CWE id (CWE-NNN)") ||
	    check_string(v, d, "type", false, 1, 128, NULL, NULL) ||
	    check_references(v, d, false))
		return ERR_INVALID;
	return 0;
}

static int v_problem_type(struct vstate *v, const struct val *p)
{
	static const char *const keys[] = { "descriptions", NULL };
	if (need_object(v, p) || check_keys(v, p, keys, false) ||
	    check_array(v, p, "descriptions", true, 1, 0, true, v_problem_description))
		return ERR_INVALID;
	return 0;
}

static int v_impact(struct vstate *v, const struct val *i)
{
	static const char *const keys[] = { "capecId", "descriptions", NULL };
	if (need_object(v, i) || check_keys(v, i, keys, false) ||
	    check_string(v, i, "capecId", false, 0, 0, is_capec, "a CAPEC id (CAPEC-NNN)") ||
	    check_descriptions(v, i, "descriptions", true))
		return ERR_INVALID;
	return 0;
}

static int v_scenario(struct vstate *v, const struct val *s)
{
	static const char *const keys[] = { "lang", "value", NULL };
	if (need_object(v, s) || check_keys(v, s, keys, false) ||
	    check_string(v, s, "lang", true, 0, 0, is_lang, "a BCP 47 language tag") ||
	    check_string(v, s, "value", true, 1, 4096, NULL, NULL))
		return ERR_INVALID;
	return 0;
}

/* The CVSS objects' vectorString patterns, copied from the 5.1.1 schema; they use only
 * POSIX ERE syntax, so regcomp takes them as they are. */
static const char *const vector_patterns[CVE5_CVSS__MAX] = {
	[CVE5_CVSS_V2_0] =
		"^((AV:[NAL]|AC:[LMH]|Au:[MSN]|[CIA]:[NPC]|E:(U|POC|F|H|ND)|RL:(OF|TF|W|U|ND)|"
		"RC:(UC|UR|C|ND)|CDP:(N|L|LM|MH|H|ND)|TD:(N|L|M|H|ND)|[CIA]R:(L|M|H|ND))/)*"
		"(AV:[NAL]|AC:[LMH]|Au:[MSN]|[CIA]:[NPC]|E:(U|POC|F|H|ND)|RL:(OF|TF|W|U|ND)|"
		"RC:(UC|UR|C|ND)|CDP:(N|L|LM|MH|H|ND)|TD:(N|L|M|H|ND)|[CIA]R:(L|M|H|ND))$",
	[CVE5_CVSS_V3_0] =
		"^CVSS:3[.]0/((AV:[NALP]|AC:[LH]|PR:[UNLH]|UI:[NR]|S:[UC]|[CIA]:[NLH]|E:[XUPFH]|"
		"RL:[XOTWU]|RC:[XURC]|[CIA]R:[XLMH]|MAV:[XNALP]|MAC:[XLH]|MPR:[XUNLH]|MUI:[XNR]|"
		"MS:[XUC]|M[CIA]:[XNLH])/)*(AV:[NALP]|AC:[LH]|PR:[UNLH]|UI:[NR]|S:[UC]|[CIA]:[NLH]|"
		"E:[XUPFH]|RL:[XOTWU]|RC:[XURC]|[CIA]R:[XLMH]|MAV:[XNALP]|MAC:[XLH]|MPR:[XUNLH]|"
		"MUI:[XNR]|MS:[XUC]|M[CIA]:[XNLH])$",
	[CVE5_CVSS_V3_1] =
		"^CVSS:3[.]1/((AV:[NALP]|AC:[LH]|PR:[NLH]|UI:[NR]|S:[UC]|[CIA]:[NLH]|E:[XUPFH]|"
		"RL:[XOTWU]|RC:[XURC]|[CIA]R:[XLMH]|MAV:[XNALP]|MAC:[XLH]|MPR:[XNLH]|MUI:[XNR]|"
		"MS:[XUC]|M[CIA]:[XNLH])/)*(AV:[NALP]|AC:[LH]|PR:[NLH]|UI:[NR]|S:[UC]|[CIA]:[NLH]|"
		"E:[XUPFH]|RL:[XOTWU]|RC:[XURC]|[CIA]R:[XLMH]|MAV:[XNALP]|MAC:[XLH]|MPR:[XNLH]|"
		"MUI:[XNR]|MS:[XUC]|M[CIA]:[XNLH])$",
	[CVE5_CVSS_V4_0] =
		"^CVSS:4[.]0/AV:[NALP]/AC:[LH]/AT:[NP]/PR:[NLH]/UI:[NPA]/VC:[HLN]/VI:[HLN]/VA:[HLN]/"
		"SC:[HLN]/SI:[HLN]/SA:[HLN](/E:[XAPU])?(/CR:[XHML])?(/IR:[XHML])?(/AR:[XHML])?"
		"(/MAV:[XNALP])?(/MAC:[XLH])?(/MAT:[XNP])?(/MPR:[XNLH])?(/MUI:[XNPA])?(/MVC:[XNLH])?"
		"(/MVI:[XNLH])?(/MVA:[XNLH])?(/MSC:[XNLH])?(/MSI:[XNLHS])?(/MSA:[XNLHS])?(/S:[XNP])?"
		"(/AU:[XNY])?(/R:[XAUI])?(/V:[XDC])?(/RE:[XLMH])?(/U:(X|Clear|Green|Amber|Red))?$",
};

static int v_cvss(struct vstate *v, const struct val *c, enum cve5_cvss which)
{
	static const char *const versions[CVE5_CVSS__MAX] = { "2.0", "3.0", "3.1", "4.0" };
	static const char *const severities[] = { "NONE", "LOW", "MEDIUM", "HIGH", "CRITICAL", NULL };
	if (need_object(v, c))
		return ERR_INVALID;
	const char *ver = jstr(c, "version");
	if (!ver || strcmp(ver, versions[which]) != 0)
		return vfail(v, "version must be \"%s\"", versions[which]);
	const char *vec = jstr(c, "vectorString");
	if (!vec)
		return vfail(v, "vectorString is required");
	if (strlen(vec) > 1024 || regexec(&v->vec[which], vec, 0, NULL, 0) != 0)
		return vfail(v, "vectorString \"%.80s\" is not a CVSS %s vector", vec, versions[which]);
	const struct val *score = val_get(c, "baseScore");
	if (!jis_number(score))
		return vfail(v, "baseScore is required and must be a number");
	double s = jnumber(score);
	if (!(s >= 0 && s <= 10))
		return vfail(v, "baseScore %g is outside 0..10", s);
	if (which != CVE5_CVSS_V2_0) {
		/* v3 and v4 enumerate the scores: one decimal place */
		double tenths = s * 10;
		if (tenths - (double)(long)(tenths + 0.5) > 1e-9 ||
		    (double)(long)(tenths + 0.5) - tenths > 1e-9)
			return vfail(v, "baseScore %g has more than one decimal", s);
		const char *sev = jstr(c, "baseSeverity");
		if (!sev || !in_list(sev, severities))
			return vfail(v, "baseSeverity must be NONE, LOW, MEDIUM, HIGH or CRITICAL");
	}
	return 0;
}

static int v_metric(struct vstate *v, const struct val *m)
{
	static const char *const keys[] = {
		"format", "scenarios", "cvssV4_0", "cvssV3_1", "cvssV3_0", "cvssV2_0", "other", NULL,
	};
	static const char *const cvss_keys[CVE5_CVSS__MAX] = {
		"cvssV2_0", "cvssV3_0", "cvssV3_1", "cvssV4_0",
	};
	if (need_object(v, m) || check_keys(v, m, keys, false) ||
	    check_string(v, m, "format", false, 1, 64, NULL, NULL) ||
	    check_array(v, m, "scenarios", false, 1, 0, true, v_scenario))
		return ERR_INVALID;
	bool any = false;
	for (int i = 0; i < CVE5_CVSS__MAX; i++) {
		const struct val *c = val_get(m, cvss_keys[i]);
		if (!c)
			continue;
		any = true;
		size_t old = push_key(v, cvss_keys[i]);
		if (v_cvss(v, c, (enum cve5_cvss)i))
			return ERR_INVALID;
		pop(v, old);
	}
	const struct val *other = val_get(m, "other");
	if (other) {
		static const char *const okeys[] = { "type", "content", NULL };
		any = true;
		size_t old = push_key(v, "other");
		if (need_object(v, other) || check_keys(v, other, okeys, false) ||
		    check_string(v, other, "type", true, 1, 128, NULL, NULL))
			return ERR_INVALID;
		const struct val *content = val_get(other, "content");
		if (!jis_object(content) || jmembers(content) < 1)
			return vfail(v, "content must be a non-empty object");
		pop(v, old);
	}
	if (!any)
		return vfail(v, "needs one of cvssV4_0, cvssV3_1, cvssV3_0, cvssV2_0 or other");
	return 0;
}

static int v_timeline(struct vstate *v, const struct val *t)
{
	static const char *const keys[] = { "time", "lang", "value", NULL };
	if (need_object(v, t) || check_keys(v, t, keys, false) ||
	    check_string(v, t, "time", true, 0, 0, is_timestamp, "a timestamp") ||
	    check_string(v, t, "lang", true, 0, 0, is_lang, "a BCP 47 language tag") ||
	    check_string(v, t, "value", true, 1, 4096, NULL, NULL))
		return ERR_INVALID;
	return 0;
}

static bool is_credit_type(const char *s)
{
	static const char *const types[] = {
		"finder", "reporter", "analyst", "coordinator", "remediation developer",
		"remediation reviewer", "remediation verifier", "tool", "sponsor", "other", NULL,
	};
	return in_list(s, types);
}

static int v_credit(struct vstate *v, const struct val *c)
{
	static const char *const keys[] = { "lang", "value", "user", "type", NULL };
	if (need_object(v, c) || check_keys(v, c, keys, false) ||
	    check_string(v, c, "lang", true, 0, 0, is_lang, "a BCP 47 language tag") ||
	    check_string(v, c, "value", true, 1, 4096, NULL, NULL) ||
	    check_string(v, c, "user", false, 0, 0, is_uuid, "a version 4 UUID") ||
	    check_string(v, c, "type", false, 0, 0, is_credit_type, "a credit type of the schema"))
		return ERR_INVALID;
	return 0;
}

static int v_taxonomy_relation(struct vstate *v, const struct val *r)
{
	static const char *const keys[] = { "taxonomyId", "relationshipName", "relationshipValue", NULL };
	if (need_object(v, r) || check_keys(v, r, keys, false) ||
	    check_string(v, r, "taxonomyId", true, 1, 2048, NULL, NULL) ||
	    check_string(v, r, "relationshipName", true, 1, 128, NULL, NULL) ||
	    check_string(v, r, "relationshipValue", true, 1, 2048, NULL, NULL))
		return ERR_INVALID;
	return 0;
}

static int v_taxonomy_mapping(struct vstate *v, const struct val *t)
{
	static const char *const keys[] = { "taxonomyName", "taxonomyVersion", "taxonomyRelations", NULL };
	if (need_object(v, t) || check_keys(v, t, keys, false) ||
	    check_string(v, t, "taxonomyName", true, 1, 128, NULL, NULL) ||
	    check_string(v, t, "taxonomyVersion", false, 1, 128, NULL, NULL) ||
	    check_array(v, t, "taxonomyRelations", true, 1, 0, true, v_taxonomy_relation))
		return ERR_INVALID;
	return 0;
}

static bool is_version_string(const char *s)
{
	size_t n = utf8_len(s);
	return n >= 1 && n <= 1024;
}

static int v_cpe_match(struct vstate *v, const struct val *m)
{
	static const char *const keys[] = {
		"vulnerable", "criteria", "matchCriteriaId", "versionStartExcluding",
		"versionStartIncluding", "versionEndExcluding", "versionEndIncluding", NULL,
	};
	if (need_object(v, m) || check_keys(v, m, keys, false))
		return ERR_INVALID;
	if (!jis_boolean(val_get(m, "vulnerable")))
		return vfail(v, "vulnerable is required and must be true or false");
	if (check_string(v, m, "criteria", true, 1, 2048, is_cpe23, "a CPE 2.3 name") ||
	    check_string(v, m, "matchCriteriaId", false, 0, 0, is_uuid, "a version 4 UUID"))
		return ERR_INVALID;
	for (int i = 3; keys[i]; i++)
		if (check_string(v, m, keys[i], false, 0, 0, is_version_string, "a version"))
			return ERR_INVALID;
	return 0;
}

static bool is_operator(const char *s)
{
	return strcmp(s, "AND") == 0 || strcmp(s, "OR") == 0;
}

static int v_cpe_node(struct vstate *v, const struct val *n)
{
	if (need_object(v, n) ||
	    check_string(v, n, "operator", true, 0, 0, is_operator, "AND or OR") ||
	    check_array(v, n, "cpeMatch", true, 0, 0, false, v_cpe_match))
		return ERR_INVALID;
	const struct val *neg = val_get(n, "negate");
	if (neg && !jis_boolean(neg))
		return vfail(v, "negate must be true or false");
	return 0;
}

static int v_cpe_applicability(struct vstate *v, const struct val *e)
{
	if (need_object(v, e) ||
	    check_string(v, e, "operator", false, 0, 0, is_operator, "AND or OR") ||
	    check_array(v, e, "nodes", true, 0, 0, false, v_cpe_node))
		return ERR_INVALID;
	const struct val *neg = val_get(e, "negate");
	if (neg && !jis_boolean(neg))
		return vfail(v, "negate must be true or false");
	return 0;
}

static int v_cna_tag(struct vstate *v, const struct val *t)
{
	if (!jis_string(t) || !is_cna_tag(jstring(t)))
		return vfail(v, "not a CNA tag of the schema nor an x_ extension");
	return 0;
}

static int v_adp_tag(struct vstate *v, const struct val *t)
{
	if (!jis_string(t) || !is_adp_tag(jstring(t)))
		return vfail(v, "not an ADP tag of the schema nor an x_ extension");
	return 0;
}

/* The parts a published CNA container and an ADP container share. */
static int check_container_fields(struct vstate *v, const struct val *c, bool cna)
{
	if (v_provider_metadata(v, c) ||
	    (cna && check_string(v, c, "dateAssigned", false, 0, 0, is_timestamp, "a timestamp")) ||
	    check_string(v, c, "datePublic", false, 0, 0, is_timestamp, "a timestamp") ||
	    check_string(v, c, "title", false, 1, 256, NULL, NULL) ||
	    check_descriptions(v, c, "descriptions", cna) ||
	    check_array(v, c, "affected", cna, 1, 0, false, v_product) ||
	    check_array(v, c, "cpeApplicability", false, 0, 0, false, v_cpe_applicability) ||
	    check_array(v, c, "problemTypes", false, 1, 0, true, v_problem_type) ||
	    check_references(v, c, cna) ||
	    check_array(v, c, "impacts", false, 1, 0, true, v_impact) ||
	    check_array(v, c, "metrics", false, 1, 0, true, v_metric) ||
	    check_array(v, c, "configurations", false, 1, 0, true, v_description) ||
	    check_array(v, c, "workarounds", false, 1, 0, true, v_description) ||
	    check_array(v, c, "solutions", false, 1, 0, true, v_description) ||
	    check_array(v, c, "exploits", false, 1, 0, true, v_description) ||
	    check_array(v, c, "timeline", false, 1, 0, true, v_timeline) ||
	    check_array(v, c, "credits", false, 1, 0, true, v_credit) ||
	    check_array(v, c, "tags", false, 1, 0, true, cna ? v_cna_tag : v_adp_tag) ||
	    check_array(v, c, "taxonomyMappings", false, 1, 0, true, v_taxonomy_mapping))
		return ERR_INVALID;
	const struct val *src = val_get(c, "source");
	if (src && (!jis_object(src) || jmembers(src) < 1)) {
		size_t old = push_key(v, "source");
		int rc = vfail(v, "must be a non-empty object");
		pop(v, old);
		return rc;
	}
	return 0;
}

static const char *const container_keys[] = {
	"providerMetadata", "dateAssigned", "datePublic", "title", "descriptions", "affected",
	"cpeApplicability", "problemTypes", "references", "impacts", "metrics", "configurations",
	"workarounds", "solutions", "exploits", "timeline", "credits", "source", "tags",
	"taxonomyMappings", NULL,
};

static int v_adp(struct vstate *v, const struct val *c)
{
	if (need_object(v, c))
		return ERR_INVALID;
	/* dateAssigned is the CNA's alone: skip it in the shared list */
	for (size_t i = 0; i < c->u.o.n; i++) {
		const char *key = c->u.o.m[i].key;
		if (strcmp(key, "dateAssigned") == 0)
			return vfail(v, "unexpected property \"dateAssigned\"");
	}
	if (check_keys(v, c, container_keys, true) || check_container_fields(v, c, false))
		return ERR_INVALID;
	if (jmembers(c) < 2)
		return vfail(v, "an ADP container needs something besides providerMetadata");
	return 0;
}

static int check_published(struct vstate *v, const struct val *root)
{
	static const char *const md_keys[] = {
		"cveId", "assignerOrgId", "assignerShortName", "requesterUserId", "dateUpdated",
		"serial", "dateReserved", "datePublished", "state", NULL,
	};
	static const char *const cont_keys[] = { "cna", "adp", NULL };
	const struct val *md = val_get(root, "cveMetadata");
	size_t old = push_key(v, "cveMetadata");
	if (check_keys(v, md, md_keys, false) ||
	    check_string(v, md, "requesterUserId", false, 0, 0, is_uuid, "a version 4 UUID") ||
	    check_string(v, md, "dateReserved", false, 0, 0, is_timestamp, "a timestamp") ||
	    check_string(v, md, "datePublished", false, 0, 0, is_timestamp, "a timestamp"))
		return ERR_INVALID;
	pop(v, old);
	const struct val *cont = val_get(root, "containers");
	old = push_key(v, "containers");
	if (need_object(v, cont) || check_keys(v, cont, cont_keys, false))
		return ERR_INVALID;
	const struct val *cna = val_get(cont, "cna");
	if (!cna)
		return vfail(v, "cna is required");
	size_t o2 = push_key(v, "cna");
	if (need_object(v, cna) || check_keys(v, cna, container_keys, true) ||
	    check_container_fields(v, cna, true))
		return ERR_INVALID;
	pop(v, o2);
	if (check_array(v, cont, "adp", false, 1, 0, true, v_adp))
		return ERR_INVALID;
	pop(v, old);
	return 0;
}

static int check_rejected(struct vstate *v, const struct val *root)
{
	static const char *const md_keys[] = {
		"cveId", "assignerOrgId", "assignerShortName", "serial", "dateUpdated",
		"datePublished", "dateRejected", "state", "dateReserved", NULL,
	};
	static const char *const cont_keys[] = { "cna", NULL };
	static const char *const cna_keys[] = {
		"providerMetadata", "rejectedReasons", "replacedBy", NULL,
	};
	const struct val *md = val_get(root, "cveMetadata");
	size_t old = push_key(v, "cveMetadata");
	if (check_keys(v, md, md_keys, false) ||
	    check_string(v, md, "datePublished", false, 0, 0, is_timestamp, "a timestamp") ||
	    check_string(v, md, "dateRejected", false, 0, 0, is_timestamp, "a timestamp") ||
	    check_string(v, md, "dateReserved", false, 0, 0, is_timestamp, "a timestamp"))
		return ERR_INVALID;
	pop(v, old);
	const struct val *cont = val_get(root, "containers");
	old = push_key(v, "containers");
	if (need_object(v, cont) || check_keys(v, cont, cont_keys, false))
		return ERR_INVALID;
	const struct val *cna = val_get(cont, "cna");
	if (!cna)
		return vfail(v, "cna is required");
	push_key(v, "cna");
	if (need_object(v, cna) || check_keys(v, cna, cna_keys, true) ||
	    v_provider_metadata(v, cna) ||
	    check_descriptions(v, cna, "rejectedReasons", true) ||
	    check_array(v, cna, "replacedBy", false, 1, 0, true, v_cve_id))
		return ERR_INVALID;
	pop(v, old);
	return 0;
}

static int validate_root(struct vstate *v, const struct val *root)
{
	static const char *const keys[] = { "dataType", "dataVersion", "cveMetadata", "containers", NULL };
	if (need_object(v, root) || check_keys(v, root, keys, false))
		return ERR_INVALID;
	const char *type = jstr(root, "dataType");
	if (!type || strcmp(type, "CVE_RECORD") != 0)
		return vfail(v, "dataType must be \"CVE_RECORD\"");
	const char *ver = jstr(root, "dataVersion");
	if (!ver || !valid_data_version(ver))
		return vfail(v, "dataVersion must be 5.x (e.g. \"5.1\")");
	const struct val *md = val_get(root, "cveMetadata");
	if (!md)
		return vfail(v, "cveMetadata is required");
	if (!val_get(root, "containers"))
		return vfail(v, "containers is required");
	size_t old = push_key(v, "cveMetadata");
	if (need_object(v, md) ||
	    check_string(v, md, "cveId", true, 0, 0, valid_cve_id, "a CVE id (CVE-YYYY-NNNN)") ||
	    check_string(v, md, "assignerOrgId", true, 0, 0, is_uuid, "a version 4 UUID") ||
	    check_string(v, md, "assignerShortName", false, 2, 32, NULL, NULL) ||
	    check_string(v, md, "dateUpdated", false, 0, 0, is_timestamp, "a timestamp"))
		return ERR_INVALID;
	const struct val *serial = val_get(md, "serial");
	if (serial && (!jis_integer(serial) || jinteger(serial) < 1))
		return vfail(v, "serial must be an integer >= 1");
	const char *state = jstr(md, "state");
	if (!state)
		return vfail(v, "state is required");
	pop(v, old);
	if (strcmp(state, "PUBLISHED") == 0)
		return check_published(v, root);
	if (strcmp(state, "REJECTED") == 0)
		return check_rejected(v, root);
	push_key(v, "cveMetadata.state");
	return vfail(v, "\"%.20s\" is not PUBLISHED or REJECTED (a published record has no RESERVED state)",
	             state);
}

int cve5_validate(const char *json, size_t len, char *err, size_t errlen)
{
	struct vstate v;
	memset(&v, 0, sizeof(v));
	v.err = err;
	v.errlen = err ? errlen : 0;
	if (v.errlen)
		err[0] = '\0';
	if (len > CVE5_MAX_FILE) {
		if (v.errlen)
			snprintf(err, errlen, "record larger than %d bytes", CVE5_MAX_FILE);
		return ERR_TOO_LARGE;
	}
	struct arena a;
	arena_init(&a, 0);
	struct val *root;
	char jerr[200];
	if (val_parse_json(&a, json ? json : "", len, &root, jerr, sizeof(jerr)) < 0) {
		if (v.errlen)
			snprintf(err, errlen, "%s", jerr);
		arena_free(&a);
		return ERR_INVALID;
	}
	/* compiled per call: validation runs once per export, and no state is shared */
	for (int i = 0; i < CVE5_CVSS__MAX; i++) {
		if (regcomp(&v.vec[i], vector_patterns[i], REG_EXTENDED | REG_NOSUB) != 0) {
			for (int j = 0; j < i; j++)
				regfree(&v.vec[j]);
			arena_free(&a);
			if (v.errlen)
				snprintf(err, errlen, "cannot compile the CVSS vector patterns");
			return ERR_INTERNAL;
		}
	}
	int rc = validate_root(&v, root);
	for (int i = 0; i < CVE5_CVSS__MAX; i++)
		regfree(&v.vec[i]);
	arena_free(&a);
	return rc;
}
