/* NVD configurations turned into what a person reads: per configuration, the vulnerable
 * products with their version ranges, and the platforms they are vulnerable "running on /
 * with". Structure only; the page puts the words around it in the reader's language. */
#ifndef VANS_KB_CONFIG_TEXT_H
#define VANS_KB_CONFIG_TEXT_H

#include "core/val.h"
#include "store/db.h"

/* From the "configurations" array of kb_cve_load, returns an array of
 * {"groups": [{"role": "vulnerable"|"platform", "negate": bool,
 *              "items": [{"product": "Apache Log4j", "vendor": "apache", "cpe": "…",
 *                         "version": "2.14.1" | null, "any": bool, "na": bool,
 *                         "from": "2.0-beta9", "from_including": bool,
 *                         "to": "2.15.0", "to_including": bool}]}]}.
 * "product" is the CPE dictionary's product title when the vendor/product index has one
 * (db may be NULL: then, and otherwise, kb_product_display's). */
struct val *kb_config_phrases(struct db *db, struct arena *a, const struct val *configurations);
/* "apache", "http_server" → "Apache HTTP Server"-like display name (words capitalised,
 * underscores as spaces); the CPE dictionary's title is preferred when the caller has it. */
char *kb_product_display(struct arena *a, const char *vendor, const char *product);

#endif
