/* The vendor/product index (table cpe_product): every (part, vendor, product) the CPE
 * dictionary or NVD's configurations name, with the dictionary's product title, its name
 * count and the CVE count. Importers note the products they touch; the index is then
 * recomputed for those alone, so keeping it current costs little. */
#ifndef VANS_KB_CPE_PRODUCT_H
#define VANS_KB_CPE_PRODUCT_H

#include <stddef.h>

#include "core/arena.h"
#include "core/err.h"
#include "store/db.h"

/* A set of (part, vendor, product), as written in CPE 2.3 formatted names (escapes kept,
 * the form cpe_dict and cve_match store). */
struct kb_products;

struct kb_products *kb_products_new(void);
void kb_products_free(struct kb_products *set);     /* NULL is a no-op */
void kb_products_add(struct kb_products *set, const char *part, size_t part_len, const char *vendor,
		     size_t vendor_len, const char *product, size_t product_len);
/* Splits a CPE 2.3 formatted name at its unescaped colons: f[0..n) receive the first n
 * components after "cpe:2.3:" (part, vendor, product, version, …) as written, escapes
 * kept. Returns 0, or -1 when the name does not start "cpe:2.3:" or has fewer. */
int kb_cpe_fs_fields(const char *name, size_t len, const char **f, size_t *fl, size_t n);
/* Adds the part, vendor and product of a CPE 2.3 formatted name; -1 when it is not one. */
int kb_products_add_name(struct kb_products *set, const char *name, size_t len);
size_t kb_products_count(const struct kb_products *set);

/* Recomputes cpe_product for every product in the set (inside the caller's transaction):
 * a product neither the dictionary nor any CVE names any more is removed. */
enum err kb_cpe_product_refresh(struct db *db, const struct kb_products *set);

/* The product title the dictionary gives, from the titles of its names: each title with
 * the name's version cut off ("1024cms.org 1024 CMS 1.4.2 beta" for version 1.4.2 gives
 * "1024cms.org 1024 CMS"), the most frequent one winning (ties: the alphabetically
 * first). Titles that name every word of the product (product as the CPE writes it,
 * "windows_nt") come first, then names not deprecated before deprecated ones: NVD's
 * "Microsoft Windows 4.0 sp1" titles outnumber "Microsoft Windows NT 4.0". Versions are
 * compared with CPE escapes removed. NULL when no title names its version. Exposed for
 * tests. */
struct kb_title_row {
	const char *version;
	const char *title;
	int deprecated;
};
const char *kb_product_title_pick(struct arena *a, const char *product, const struct kb_title_row *rows,
				  size_t n);
/* One title with its version cut off, or NULL when the title does not contain the version
 * as a word ("-" and "*" versions leave the title whole). */
const char *kb_title_without_version(struct arena *a, const char *title, const char *version);

/* The dictionary's title for a product (names as the formatted string writes them), from
 * cpe_product; NULL when it has none. */
const char *kb_product_title(struct db *db, struct arena *a, const char *part, const char *vendor,
			     const char *product);

#endif
