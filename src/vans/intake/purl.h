/* Package URLs (purl: pkg:type/namespace/name@version?qualifiers#subpath) as the purl
 * specification parses them, and the vendor/product guess vans makes from one for CPE
 * suggestions: a suggestion with a confidence, never taken as fact (rules in
 * docs/asset-import.md). */
#ifndef VANS_VANS_INTAKE_PURL_H
#define VANS_VANS_INTAKE_PURL_H

#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"

#define PURL_MAX_LEN        4096
#define PURL_MAX_QUALIFIERS 32
#define PURL_MAX_SEGMENTS   32   /* of namespace or subpath */

struct purl_qualifier {
	const char *key;    /* lower case */
	const char *value;  /* percent-decoded, not empty */
};

/* Strings are NUL-terminated, percent-decoded, in the arena given to purl_parse; ""
 * when absent (namespace, version, subpath). */
struct purl {
	const char *type;        /* lower case: "maven", "npm", "pypi", … */
	const char *namespace_;  /* segments joined by '/': "org.apache.logging.log4j", "@angular" */
	const char *name;        /* never "" */
	const char *version;
	const char *subpath;
	struct purl_qualifier qualifiers[PURL_MAX_QUALIFIERS];
	size_t n_qualifiers;
};

/* Parses p[0..len). The type-specific normalisation of the spec is applied (npm, pypi,
 * github, bitbucket, golang…: lower case where the spec says so; pypi "_" → "-").
 * Returns 0, or -1 with a reason in err: "not a package URL (no pkg: scheme)", "no
 * name", "bad percent-encoding at position 17", … */
int purl_parse(const char *p, size_t len, struct arena *a, struct purl *out, char *err,
	       size_t errlen);

/* The qualifier's value, or NULL. */
const char *purl_qualifier(const struct purl *u, const char *key);

/* A CPE vendor/product guess. confidence 0 means no guess (vendor and product ""). */
struct purl_guess {
	const char *vendor;
	const char *product;
	uint8_t confidence;
	const char *rule;        /* a static string: "maven-group", "npm", "github", … */
};

void purl_guess_cpe(const struct purl *u, struct arena *a, struct purl_guess *out);

#endif
