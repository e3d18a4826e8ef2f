/* The layout of the matching index, shared by the files of the engine (match_index.c builds
 * it, match_eval.c reads it on the hot path, match_hosts.c walks it for incremental
 * matching). Not for other modules: they use match.h. */
#ifndef VANS_VANS_MATCH_INTERNAL_H
#define VANS_VANS_MATCH_INTERNAL_H

#include "core/arena.h"
#include "kb/version.h"
#include "vans/match.h"

#define M_NONE UINT32_MAX

/* ---- interned byte strings: key → dense id ------------------------------------------ */

struct strent {
	const char *p;   /* NUL-terminated copy in the map's arena; stable */
	uint32_t len;
	uint32_t hash;
};

struct strmap {
	uint32_t *slots;     /* id + 1, 0 = empty; open addressing, linear probing */
	uint32_t mask;
	struct strent *ents;
	uint32_t n, cap;
	struct arena *a;
};

uint32_t match_hash(const void *p, size_t len);
void strmap_init(struct strmap *m, struct arena *a);
void strmap_free(struct strmap *m);
uint32_t strmap_find(const struct strmap *m, const char *p, size_t len, uint32_t hash);
/* The id of the key, adding it (copied) if new. */
uint32_t strmap_put(struct strmap *m, const char *p, size_t len, bool *added);
size_t strmap_bytes(const struct strmap *m);

/* ---- keys of the product index ------------------------------------------------------ */

/* The product key "part\x1fvendor\x1fproduct" and the vendor key "\x02vendor", lowercased,
 * NA written as "\x01". Only attributes that are a value without wildcards, or NA, make a
 * key ("concrete"); these return 0 and the key length, -1 when an attribute is not
 * concrete. buf holds at least M_KEY_MAX bytes. */
#define M_KEY_MAX (3 * CPE_CONTENT_MAX + 8)
int match_product_key(const struct cpe *c, char *buf, size_t *len);
int match_vendor_key(const struct cpe *c, char *buf, size_t *len);
bool match_attr_concrete(const struct cpe *c, enum cpe_attr a);

/* Strips one leading 'v' or 'V' before a digit ("v1.2" → "1.2"), on both sides of every
 * version check. */
void match_strip_v(const char **p, size_t *len);

/* ---- the index ---------------------------------------------------------------------- */

/* A criterion value other than ANY, as cpe_attr_matches takes it. */
struct m_av {
	const char *p;
	uint16_t len, pre, suf;
	uint8_t kind, flags;
	uint8_t attr;        /* enum cpe_attr */
};

enum m_vkind {
	M_V_ANY,             /* version ANY: every version (bounds may narrow it) */
	M_V_NA,              /* version NA: only NA */
	M_V_EXACT,           /* a concrete version: equal by version comparison */
	M_V_PATTERN,         /* a version with wildcards: NISTIR matching, in avs */
	M_V__MAX
};

/* Where a matcher is found from an asset CPE. */
enum m_place {
	M_PLACE_EXACT,       /* by (product, version) in the exact-version hash */
	M_PLACE_PRODUCT,     /* in its product's list */
	M_PLACE_VENDOR,      /* concrete vendor, part or product not: in its vendor's list */
	M_PLACE_GLOBAL,      /* vendor not concrete: checked for every CPE */
	M_PLACE_NEVER,       /* criteria that do not parse */
	M_PLACE__MAX
};

/* A distinct criterion: criteria string plus bounds. Many rows share one (the same CPE is
 * named by many CVEs), so each is tested once per host CPE. */
struct m_matcher {
	const char *sig;      /* criteria, NUL, then the four bounds; criteria is sig itself */
	uint32_t product;     /* product id (EXACT, PRODUCT) */
	uint32_t vendor;      /* vendor id (VENDOR) */
	uint32_t av;          /* its attribute values in ix->avs: those not ANY, except part,
			       * vendor and product when the product key decides them, and
			       * the version unless it is a pattern */
	uint8_t nav;
	uint8_t vkind;        /* enum m_vkind */
	uint8_t place;        /* enum m_place */
	uint8_t nbounds;
	uint32_t version;     /* M_V_EXACT: version id */
	uint32_t bound[4];    /* version ids: start incl, start excl, end incl, end excl */
	uint32_t first_use, nuse;  /* configurations where it is vulnerable: ix->uses */
	uint32_t xnext;       /* next in the exact-version hash chain */
};

enum { M_B_START_INCL, M_B_START_EXCL, M_B_END_INCL, M_B_END_EXCL, M_B__MAX };

struct m_cve {
	const char *id;
	uint64_t order;       /* year << 32 | number, for sorting findings */
	uint32_t first_config, nconfig;
	bool live;
};

#define M_CFG_NEGATE 0x01
#define M_CFG_DEAD 0x02   /* replaced by a newer version of its CVE */

struct m_config {
	uint32_t cve;
	uint32_t first_node, nnode;
	uint8_t op_and;
	uint8_t flags;
};

struct m_node {
	uint32_t first_crit, ncrit;
	uint32_t config;
	uint8_t op_and;
	uint8_t negate;
};

struct m_crit {
	uint32_t matcher;
	uint32_t node;
	uint32_t seq;
	uint8_t vulnerable;
};

/* The bounds as given (unescaped), for match_criterion_get; per matcher, from sig. */

struct m_product {
	uint32_t first, nother, nexact;   /* ix->plist[first ..): other matchers, then exact */
};

struct m_vendor {
	uint32_t first, n;                /* ix->vlist */
};

struct match_index {
	struct arena strings;             /* every interned string */
	struct strmap cve_ids, sigs, products, vendors, versions;

	struct m_cve *cves;               /* by cve_ids id */
	size_t cves_cap;
	struct m_config *configs;
	size_t nconfigs, configs_cap, dead_configs;
	struct m_node *nodes;
	size_t nnodes, nodes_cap;
	struct m_crit *crits;
	size_t ncrits, crits_cap, dead_crits;
	struct m_matcher *matchers;       /* by sigs id */
	size_t matchers_cap;
	struct m_av *avs;
	size_t navs, avs_cap;
	struct version_key *vkeys;        /* by versions id */
	size_t vkeys_cap;

	/* rebuilt by commit */
	struct m_product *prods;          /* by products id */
	uint32_t *plist;
	struct m_vendor *vends;           /* by vendors id */
	uint32_t *vlist;
	uint32_t *glist;                  /* M_PLACE_GLOBAL matchers */
	size_t nglobal;
	uint32_t *xhead;                  /* exact-version hash: chains through m_matcher.xnext */
	uint32_t xmask;
	uint32_t *uses;                   /* config ids, grouped by matcher */
	size_t nuses;
	size_t committed_matchers;        /* what the tables above cover */

	int64_t seq;                      /* change sequence the index is up to date with */
	size_t bad_criteria;
};

/* The index a context matches against. */
const struct match_index *match_ctx_index(const struct match_ctx *c);

/* The exact-version hash of a product id and a version key (which must be exact): equal
 * versions (31.3 = 31.3.0) hash alike. */
uint32_t match_exact_hash(uint32_t product, const struct version_key *k);

#endif
