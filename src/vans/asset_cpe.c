/* CPE help for assets: candidates from the vendor/product index (cpe_product) and the CPE
 * dictionary (cpe_dict) for a name + vendor + version with a confidence (docs/assets.md),
 * accepting one (remembered as the organisation's mapping and applied to its other assets),
 * and the organisation's CPE list (CPE清單下載). */
#include "vans/asset.h"

#include "core/clock.h"
#include "kb/cpe.h"
#include "store/db.h"
#include "vans/intake/purl.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_WORDS 16
#define MAX_SEARCH_WORDS 3

const char *asset_cpe_with_version(struct arena *a, const char *cpe, const char *version)
{
	struct cpe c;
	if (cpe_parse(cpe, strlen(cpe), &c, NULL, 0) != 0)
		return cpe;
	const char *v = version ? version : "";
	/* "v1.8.0" is "1.8.0" in NVD's names; spaces cannot stand in a CPE value */
	if (v[0] == 'v' && v[1] >= '0' && v[1] <= '9')
		v++;
	char tmp[ASSET_MAX_VERSION + 1];
	size_t n = strlen(v);
	if (n > ASSET_MAX_VERSION)
		n = 0;
	for (size_t i = 0; i < n; i++)
		tmp[i] = v[i] == ' ' ? '_' : v[i];
	tmp[n] = '\0';
	if (!n || cpe_set_plain(&c, CPE_ATTR_VERSION, tmp, n, NULL, 0) != 0)
		cpe_set_logical(&c, CPE_ATTR_VERSION, CPE_KIND_ANY);
	char fs[CPE_FORMAT_MAX];
	int len = cpe_format_fs(&c, fs, sizeof fs);
	return len > 0 ? arena_strndup(a, fs, (size_t)len) : cpe;
}

/* ---- words ------------------------------------------------------------------------- */

struct words {
	char w[MAX_WORDS][64];
	size_t n;
};

static bool is_number(const char *w)
{
	for (; *w; w++)
		if (!isdigit((unsigned char)*w) && *w != '.')
			return false;
	return true;
}

/* Lower-case ASCII words of s (letters and digits; CPE escapes and punctuation split). */
static void split_words(const char *s, struct words *out)
{
	out->n = 0;
	char cur[64];
	size_t k = 0;
	for (const char *p = s;; p++) {
		unsigned char c = (unsigned char)*p;
		bool word = c && (isalnum(c) || c >= 0x80);
		if (word && k < sizeof cur - 1) {
			cur[k++] = (char)tolower(c);
			continue;
		}
		if (!word && k) {
			cur[k] = '\0';
			bool dup = false;
			for (size_t i = 0; i < out->n; i++)
				if (!strcmp(out->w[i], cur))
					dup = true;
			if (!dup && out->n < MAX_WORDS)
				memcpy(out->w[out->n++], cur, k + 1);
			k = 0;
		}
		if (!c)
			break;
	}
}

static bool has_word(const struct words *w, const char *x)
{
	for (size_t i = 0; i < w->n; i++)
		if (!strcmp(w->w[i], x))
			return true;
	return false;
}

/* Words that say nothing about a product. */
static bool noise_word(const char *w)
{
	static const char *const noise[] = { "inc", "corp", "corporation", "co", "ltd", "llc", "gmbh", "the",
					     "software", "foundation", "project", "community", "edition", "x64",
					     "x86", "bit", "64", "32", "for", "and", "of", "team", "technologies",
					     "systems", "enterprise", "server", "version" };
	for (size_t i = 0; i < sizeof noise / sizeof noise[0]; i++)
		if (!strcmp(w, noise[i]))
			return true;
	return strlen(w) < 2;
}

/* ---- candidates -------------------------------------------------------------------- */

struct cand {
	char part[4];
	const char *vendor, *product, *title;
	int64_t cve_count, dict_names;
	int score;
};

static int cand_cmp(const void *x, const void *y)
{
	const struct cand *a = x, *b = y;
	if (a->score != b->score)
		return b->score - a->score;
	/* at equal score an application before an OS before hardware: inventories list software */
	if (a->part[0] != b->part[0])
		return (a->part[0] == 'a' ? 0 : a->part[0] == 'o' ? 1 : 2) - (b->part[0] == 'a' ? 0 : b->part[0] == 'o' ? 1 : 2);
	if (a->cve_count != b->cve_count)
		return a->cve_count < b->cve_count ? 1 : -1;
	return strcmp(a->product, b->product);
}

/* The share (0..1) of a's meaningful words found in b. */
static double covered(const struct words *a, const struct words *b, size_t *meaningful)
{
	size_t m = 0, hit = 0;
	for (size_t i = 0; i < a->n; i++) {
		if (noise_word(a->w[i]) || is_number(a->w[i]))
			continue;
		m++;
		if (has_word(b, a->w[i]))
			hit++;
	}
	if (meaningful)
		*meaningful = m;
	return m ? (double)hit / (double)m : 0.0;
}

/* The score of a product for an asset (docs/assets.md): how much of the product's name the
 * asset's name holds (50), how much of the asset's name the product covers (20), the vendor
 * (25), and 5 for a product NVD knows CVEs for. */
static int score(const struct cand *c, const struct words *name, const struct words *vendor,
		 const struct words *name_and_vendor)
{
	struct words pw, vw;
	split_words(c->product, &pw);
	split_words(c->vendor, &vw);
	size_t pm;
	double product_in_name = covered(&pw, name, &pm);
	if (!pm)
		return 0;
	/* the asset's name words other than the vendor's */
	struct words rest = { .n = 0 };
	for (size_t i = 0; i < name->n; i++)
		if (!has_word(&vw, name->w[i]) && !has_word(vendor, name->w[i]))
			memcpy(rest.w[rest.n++], name->w[i], sizeof name->w[i]);
	double name_in_product = covered(&rest, &pw, NULL);
	if (!rest.n)
		name_in_product = 1.0;
	double vendor_score = covered(&vw, name_and_vendor, NULL);
	double s = 50 * product_in_name + 20 * name_in_product + 25 * vendor_score + (c->cve_count > 0 ? 5 : 0);
	if (product_in_name < 1.0)
		s *= 0.6;   /* part of the product's name is not in the asset's: a different product */
	if (rest.n && name_in_product == 0.0)
		s *= 0.5;   /* the product names none of the asset's own words ("mozilla" for Firefox) */
	return (int)(s + 0.5);
}

static bool cand_seen(const struct cand *v, size_t n, const char *part, const char *vendor, const char *product)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v[i].part, part) && !strcmp(v[i].vendor, vendor) && !strcmp(v[i].product, product))
			return true;
	return false;
}

/* The dictionary's name and title of this product at this version, when it lists it. */
static bool dict_version(struct db *db, struct arena *a, const struct cand *c, const char *version,
			 const char **name, const char **title)
{
	if (!version || !*version)
		return false;
	struct db_stmt *s = db_stmt(db, STMT_ASSET_CAND_DICT_VERSIONS);
	if (!s)
		return false;
	db_bind_text(s, ":part", c->part);
	db_bind_text(s, ":vendor", c->vendor);
	db_bind_text(s, ":product", c->product);
	bool found = false;
	const char *v = version[0] == 'v' && isdigit((unsigned char)version[1]) ? version + 1 : version;
	while (db_step(s) == DB_ROW) {
		if (db_col_int(s, 3))
			continue;
		/* the dictionary escapes dots ("16\.0"): compare without the escapes */
		const char *dv = db_col_text(s, 2);
		char plain[256];
		size_t k = 0;
		for (; *dv && k < sizeof plain - 1; dv++)
			if (*dv != '\\')
				plain[k++] = *dv;
		plain[k] = '\0';
		if (strcasecmp(plain, v) == 0) {
			*name = arena_strdup(a, db_col_text(s, 0));
			*title = arena_strdup(a, db_col_text(s, 1));
			found = true;
			break;
		}
	}
	db_reset(s);
	return found;
}

static size_t add_products(struct db *db, struct arena *a, const char *word, struct cand **v, size_t n, size_t *cap)
{
	struct db_stmt *s = db_stmt(db, STMT_ASSET_CAND_PRODUCTS);
	if (!s)
		return n;
	db_bind_text(s, ":word", word);
	while (db_step(s) == DB_ROW) {
		const char *part = db_col_text(s, 0), *vendor = db_col_text(s, 1), *product = db_col_text(s, 2);
		if (strlen(part) > 3 || cand_seen(*v, n, part, vendor, product))
			continue;
		if (n == *cap) {
			size_t nc = *cap ? *cap * 2 : 256;
			struct cand *nv = arena_alloc(a, nc * sizeof *nv);
			if (n)
				memcpy(nv, *v, n * sizeof *nv);
			*v = nv;
			*cap = nc;
		}
		struct cand *c = &(*v)[n++];
		memset(c, 0, sizeof *c);
		snprintf(c->part, sizeof c->part, "%s", part);
		c->vendor = arena_strdup(a, vendor);
		c->product = arena_strdup(a, product);
		c->title = arena_strdup(a, db_col_text(s, 3));
		c->dict_names = db_col_int(s, 4);
		c->cve_count = db_col_int(s, 5);
	}
	db_reset(s);
	return n;
}

enum err asset_cpe_candidates(struct db *db, struct arena *a, const char *name, const char *vendor,
			      const char *version, const char *purl, size_t max, struct asset_cpe_candidate **out,
			      size_t *n_out)
{
	*out = NULL;
	*n_out = 0;
	struct words nw, vw, both;
	split_words(name ? name : "", &nw);
	split_words(vendor ? vendor : "", &vw);
	both = nw;
	for (size_t i = 0; i < vw.n && both.n < MAX_WORDS; i++)
		if (!has_word(&both, vw.w[i]))
			memcpy(both.w[both.n++], vw.w[i], sizeof vw.w[i]);

	/* a package URL's guess, when the asset has one */
	const char *g_vendor = NULL, *g_product = NULL;
	int g_conf = 0;
	if (purl && *purl) {
		struct purl u;
		char perr[128];
		if (purl_parse(purl, strlen(purl), a, &u, perr, sizeof perr) == 0) {
			struct purl_guess g;
			purl_guess_cpe(&u, a, &g);
			if (g.confidence) {
				g_vendor = g.vendor;
				g_product = g.product;
				g_conf = g.confidence;
			}
			if (!nw.n || !strncmp(name, "pkg:", 4)) {
				split_words(u.name, &nw);
				both = nw;
			}
		}
	}

	/* search words: the longest meaningful words of the name that are not the vendor's */
	const char *search[MAX_SEARCH_WORDS];
	size_t ns = 0;
	bool used[MAX_WORDS] = { false };
	while (ns < MAX_SEARCH_WORDS) {
		size_t best = SIZE_MAX, best_len = 0;
		for (size_t i = 0; i < nw.n; i++) {
			size_t l = strlen(nw.w[i]);
			if (used[i] || noise_word(nw.w[i]) || is_number(nw.w[i]) || l < 3)
				continue;
			size_t weight = l + (has_word(&vw, nw.w[i]) ? 0 : 100);
			if (weight > best_len) {
				best_len = weight;
				best = i;
			}
		}
		if (best == SIZE_MAX)
			break;
		used[best] = true;
		search[ns++] = nw.w[best];
	}
	struct cand *v = NULL;
	size_t n = 0, cap = 0;
	for (size_t i = 0; i < ns; i++)
		n = add_products(db, a, search[i], &v, n, &cap);
	if (g_product)
		n = add_products(db, a, g_product, &v, n, &cap);
	for (size_t i = 0; i < n; i++) {
		v[i].score = score(&v[i], &nw, &vw, &both);
		if (g_vendor && !strcmp(v[i].vendor, g_vendor) && !strcmp(v[i].product, g_product) &&
		    v[i].score < g_conf)
			v[i].score = g_conf;
	}
	if (n)
		qsort(v, n, sizeof *v, cand_cmp);
	size_t k = 0;
	struct asset_cpe_candidate *res = arena_zalloc(a, (max ? max : 1) * sizeof *res);
	for (size_t i = 0; i < n && k < max; i++) {
		if (v[i].score < 20)
			break;
		struct asset_cpe_candidate *c = &res[k++];
		char base[CPE_FORMAT_MAX];
		snprintf(base, sizeof base, "cpe:2.3:%s:%s:%s:*:*:*:*:*:*:*:*", v[i].part, v[i].vendor, v[i].product);
		const char *dname, *dtitle;
		if (dict_version(db, a, &v[i], version, &dname, &dtitle)) {
			c->cpe = dname;
			c->title = dtitle;
			c->in_dictionary = true;
		} else {
			c->cpe = asset_cpe_with_version(a, base, version);
			c->title = v[i].title;
		}
		c->vendor = v[i].vendor;
		c->product = v[i].product;
		c->cve_count = v[i].cve_count;
		c->confidence = v[i].score + (c->in_dictionary ? 5 : 0);
		if (c->confidence > 100)
			c->confidence = 100;
	}
	*out = res;
	*n_out = k;
	return ERR_OK;
}

/* ---- accepting ---------------------------------------------------------------------- */

struct accept_ctx {
	int64_t org_id, account_id, asset_id;
	const char *cpe, *title;
	struct arena *a;
	const char **idents;
	size_t n_idents;
	size_t applied;
};

static enum err set_cpe(struct db *db, struct accept_ctx *c, int64_t id, const char *cpe)
{
	struct db_stmt *s = db_stmt(db, STMT_ASSET_SET_CPE);
	if (!s)
		return ERR_DB;
	db_bind_int(s, ":org_id", c->org_id);
	db_bind_int(s, ":id", id);
	db_bind_text(s, ":cpe", cpe);
	db_bind_text(s, ":cpe_title", c->title ? c->title : "");
	db_bind_int(s, ":now", clock_now_unix());
	return db_exec(s);
}

static enum err accept_tx(struct db *db, void *ctx)
{
	struct accept_ctx *c = ctx;
	struct asset me;
	enum err e = asset_get(db, c->a, c->org_id, c->asset_id, &me);
	if (e != ERR_OK)
		return e;
	const char *vk = asset_mapping_key(c->a, me.vendor), *nk = asset_mapping_key(c->a, me.name);
	struct db_stmt *s = db_stmt(db, STMT_ASSET_MAPPING_PUT);
	if (!s)
		return ERR_DB;
	db_bind_int(s, ":org_id", c->org_id);
	db_bind_text(s, ":vendor_key", vk);
	db_bind_text(s, ":name_key", nk);
	db_bind_text(s, ":cpe", c->cpe);
	db_bind_text(s, ":cpe_title", c->title ? c->title : "");
	if (c->account_id)
		db_bind_int(s, ":by", c->account_id);
	else
		db_bind_null(s, ":by");
	db_bind_int(s, ":now", clock_now_unix());
	if ((e = db_exec(s)) != ERR_OK)
		return e;
	/* the organisation's assets with the same vendor and name, this one included */
	s = db_stmt(db, STMT_ASSET_WITHOUT_CPE);
	if (!s)
		return ERR_DB;
	db_bind_int(s, ":org_id", c->org_id);
	size_t cap = 16, n = 0;
	int64_t *ids = arena_alloc(c->a, cap * sizeof *ids);
	const char **vers = arena_alloc(c->a, cap * sizeof *vers);
	c->idents = arena_alloc(c->a, cap * sizeof *c->idents);
	enum db_step_rc rc;
	while ((rc = db_step(s)) == DB_ROW) {
		if (strcmp(asset_mapping_key(c->a, db_col_text(s, 2)), vk) != 0 ||
		    strcmp(asset_mapping_key(c->a, db_col_text(s, 3)), nk) != 0)
			continue;
		if (n == cap) {
			int64_t *ni = arena_alloc(c->a, 2 * cap * sizeof *ni);
			const char **nv = arena_alloc(c->a, 2 * cap * sizeof *nv), **nid = arena_alloc(c->a, 2 * cap * sizeof *nid);
			memcpy(ni, ids, n * sizeof *ids);
			memcpy(nv, vers, n * sizeof *vers);
			memcpy(nid, c->idents, n * sizeof *nid);
			ids = ni, vers = nv, c->idents = nid;
			cap *= 2;
		}
		ids[n] = db_col_int(s, 0);
		c->idents[n] = arena_strdup(c->a, db_col_text(s, 1));
		vers[n] = arena_strdup(c->a, db_col_text(s, 4));
		n++;
	}
	db_reset(s);
	if (rc != DB_DONE)
		return ERR_DB;
	bool self = false;
	for (size_t i = 0; i < n && e == ERR_OK; i++) {
		e = set_cpe(db, c, ids[i], asset_cpe_with_version(c->a, c->cpe, vers[i]));
		self |= ids[i] == c->asset_id;
	}
	/* an asset whose CPE was given is changed only when it is the one asked for */
	if (e == ERR_OK && !self) {
		e = set_cpe(db, c, c->asset_id, asset_cpe_with_version(c->a, c->cpe, me.version));
		const char **nid = arena_alloc(c->a, (n + 1) * sizeof *nid);
		if (n)
			memcpy(nid, c->idents, n * sizeof *nid);
		nid[n++] = me.identifier;
		c->idents = nid;
	}
	c->n_idents = n;
	c->applied = n;
	return e;
}

static int str_cmp(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

enum err asset_cpe_accept(struct db *db, int64_t org_id, int64_t account_id, int64_t asset_id, const char *cpe,
			  const char *title, size_t *applied, struct vans_match_summary *sum, char *err,
			  size_t errlen)
{
	if (err && errlen)
		err[0] = '\0';
	struct arena a;
	arena_init(&a, 0);
	struct cpe c;
	char perr[160];
	enum err e = ERR_OK;
	const char *fs = NULL;
	if (!cpe || cpe_parse(cpe, strlen(cpe), &c, perr, sizeof perr) != 0) {
		if (err && errlen)
			snprintf(err, errlen, "not a CPE name: %s", cpe ? perr : "none given");
		e = ERR_INVALID;
	} else if (cpe_kind_of(&c, CPE_ATTR_VENDOR) != CPE_KIND_VALUE ||
		   cpe_kind_of(&c, CPE_ATTR_PRODUCT) != CPE_KIND_VALUE) {
		if (err && errlen)
			snprintf(err, errlen, "the CPE names no vendor or no product");
		e = ERR_INVALID;
	} else {
		char buf[CPE_FORMAT_MAX];
		int len = cpe_format_fs(&c, buf, sizeof buf);
		fs = len > 0 ? arena_strndup(&a, buf, (size_t)len) : NULL;
		if (!fs)
			e = ERR_INVALID;
	}
	struct accept_ctx ctx = { org_id, account_id, asset_id, fs, title, &a, NULL, 0, 0 };
	if (e == ERR_OK)
		e = db_transaction(db, accept_tx, &ctx);
	if (applied)
		*applied = e == ERR_OK ? ctx.applied : 0;
	struct vans_match_summary tmp;
	if (!sum)
		sum = &tmp;
	memset(sum, 0, sizeof *sum);
	if (e == ERR_OK && ctx.n_idents) {
		qsort(ctx.idents, ctx.n_idents, sizeof *ctx.idents, str_cmp);
		size_t k = 0;
		for (size_t i = 0; i < ctx.n_idents; i++)
			if (!k || strcmp(ctx.idents[k - 1], ctx.idents[i]) != 0)
				ctx.idents[k++] = ctx.idents[i];
		char merr[200];
		vans_engine_match_org(db, org_id, ctx.idents, k, sum, merr, sizeof merr);
	}
	arena_free(&a);
	return e;
}

/* ---- CPE清單下載 ---------------------------------------------------------------------- */

static void csv_cell(struct buf *out, const char *s)
{
	/* formula injection: a cell a spreadsheet would evaluate gets a leading quote */
	bool formula = *s == '=' || *s == '+' || *s == '-' || *s == '@' || *s == '\t' || *s == '\r';
	buf_putc(out, '"');
	if (formula)
		buf_putc(out, '\'');
	for (; *s; s++) {
		if (*s == '"')
			buf_putc(out, '"');
		buf_putc(out, *s);
	}
	buf_putc(out, '"');
}

enum err asset_cpe_list_csv(struct db *db, int64_t org_id, struct buf *out)
{
	struct db_stmt *s = db_stmt(db, STMT_ASSET_CPE_LIST);
	if (!s)
		return ERR_DB;
	db_bind_int(s, ":org_id", org_id);
	buf_puts(out, "\xEF\xBB\xBF" "cpe,cpe_title,origin,assets,quantity\r\n");
	enum db_step_rc rc;
	while ((rc = db_step(s)) == DB_ROW) {
		csv_cell(out, db_col_text(s, 0));
		buf_putc(out, ',');
		csv_cell(out, db_col_text(s, 1));
		buf_putc(out, ',');
		csv_cell(out, db_col_text(s, 2));
		buf_printf(out, ",%lld,%lld\r\n", (long long)db_col_int(s, 3), (long long)db_col_int(s, 4));
	}
	db_reset(s);
	return rc == DB_DONE ? ERR_OK : ERR_DB;
}
