/* Reading configurations aloud. A configuration whose nodes are joined by AND names the
 * vulnerable software (nodes with a vulnerable match) and the platform it runs on (nodes
 * with only non-vulnerable matches); an OR configuration is a list of vulnerable products. */
#include "kb/config_text.h"
#include "kb/cpe.h"
#include "kb/cpe_product.h"

#include <ctype.h>
#include <string.h>

char *kb_product_display(struct arena *a, const char *vendor, const char *product)
{
	size_t vl = strlen(vendor), pl = strlen(product);
	char *out = arena_alloc(a, vl + pl + 2);
	size_t j = 0;
	/* the vendor is repeated in many product names ("microsoft windows" is fine, but
	 * "apache apache_http_server" is not): leave it out when the product starts with it */
	int skip_vendor = strncmp(product, vendor, vl) == 0 && (product[vl] == '_' || product[vl] == '\0');
	const char *parts[2] = { skip_vendor ? "" : vendor, product };
	for (int k = 0; k < 2; k++) {
		const char *s = parts[k];
		if (!*s)
			continue;
		if (j)
			out[j++] = ' ';
		int start = 1;
		for (; *s; s++) {
			char c = *s == '_' ? ' ' : *s;
			if (c == '\\')
				continue;
			out[j++] = start && isalpha((unsigned char)c) ? (char)toupper((unsigned char)c) : c;
			start = c == ' ' || c == '-';
		}
	}
	out[j] = '\0';
	return out;
}

static bool flag(const struct val *o, const char *key)
{
	const struct val *v = val_get(o, key);
	return v && v->kind == VAL_BOOL && v->u.b;
}

/* The dictionary's title for the product of a criteria, looked up under the names as the
 * formatted string writes them (escapes kept, the form cpe_product stores). */
static const char *dictionary_title(struct db *db, struct arena *a, const char *criteria)
{
	const char *f[3];
	size_t fl[3];
	if (!db || kb_cpe_fs_fields(criteria, strlen(criteria), f, fl, 3) < 0)
		return NULL;
	return kb_product_title(db, a, arena_strndup(a, f[0], fl[0]), arena_strndup(a, f[1], fl[1]),
				arena_strndup(a, f[2], fl[2]));
}

static struct val *item(struct db *db, struct arena *a, const struct val *m)
{
	struct val *o = val_obj(a);
	const char *criteria = val_string(val_get(m, "criteria"));
	val_set_str(a, o, "cpe", criteria);
	struct cpe c;
	char err[128];
	if (!criteria || cpe_parse(criteria, strlen(criteria), &c, err, sizeof err) < 0) {
		val_set_str(a, o, "product", criteria ? criteria : "?");
		return o;
	}
	size_t vl, pl, verl;
	const char *vendor = cpe_vendor(&c, &vl), *product = cpe_product(&c, &pl);
	char *v = arena_strndup(a, vendor ? vendor : "", vendor ? vl : 0);
	char *p = arena_strndup(a, product ? product : "", product ? pl : 0);
	val_set_str(a, o, "vendor", v);
	const char *title = dictionary_title(db, a, criteria);
	val_set_str(a, o, "product", title ? title : kb_product_display(a, v, p));
	enum cpe_kind vk = cpe_kind_of(&c, CPE_ATTR_VERSION);
	const char *ver = cpe_version(&c, &verl);
	bool any = vk == CPE_KIND_ANY, na = vk == CPE_KIND_NA;
	val_set(a, o, "version", any || na || !ver ? val_null(a) : val_strn(a, ver, verl));
	static const struct { const char *key, *out; bool including; } bounds[] = {
		{ "versionStartIncluding", "from", true }, { "versionStartExcluding", "from", false },
		{ "versionEndIncluding", "to", true }, { "versionEndExcluding", "to", false },
	};
	bool ranged = false;
	for (size_t i = 0; i < sizeof bounds / sizeof bounds[0]; i++) {
		const char *b = val_string(val_get(m, bounds[i].key));
		if (!b)
			continue;
		ranged = true;
		val_set_str(a, o, bounds[i].out, b);
		val_set_bool(a, o, strcmp(bounds[i].out, "from") == 0 ? "from_including" : "to_including",
			     bounds[i].including);
	}
	val_set_bool(a, o, "any", any && !ranged);
	val_set_bool(a, o, "na", na);
	return o;
}

struct val *kb_config_phrases(struct db *db, struct arena *a, const struct val *configurations)
{
	struct val *out = val_arr(a);
	if (!configurations || configurations->kind != VAL_ARR)
		return out;
	for (size_t ci = 0; ci < configurations->u.a.n; ci++) {
		const struct val *cfg = configurations->u.a.items[ci];
		const struct val *nodes = val_get(cfg, "nodes");
		const char *op = val_string(val_get(cfg, "operator"));
		bool and_config = op && strcmp(op, "AND") == 0;
		struct val *groups = val_arr(a);
		for (size_t ni = 0; nodes && ni < nodes->u.a.n; ni++) {
			const struct val *node = nodes->u.a.items[ni];
			const struct val *matches = val_get(node, "cpeMatch");
			bool any_vulnerable = false;
			for (size_t mi = 0; matches && mi < matches->u.a.n; mi++)
				any_vulnerable |= flag(matches->u.a.items[mi], "vulnerable");
			struct val *g = val_obj(a), *items = val_arr(a);
			val_set_str(a, g, "role", !and_config || any_vulnerable ? "vulnerable" : "platform");
			val_set_bool(a, g, "is_platform", and_config && !any_vulnerable);
			val_set_bool(a, g, "negate", flag(node, "negate"));
			for (size_t mi = 0; matches && mi < matches->u.a.n; mi++) {
				const struct val *m = matches->u.a.items[mi];
				/* in a vulnerable group, non-vulnerable entries are context, not findings */
				if (!and_config && !flag(m, "vulnerable"))
					continue;
				val_push(a, items, item(db, a, m));
			}
			val_set(a, g, "items", items);
			val_push(a, groups, g);
		}
		struct val *c = val_obj(a);
		val_set(a, c, "groups", groups);
		val_set_bool(a, c, "negate", flag(cfg, "negate"));
		val_push(a, out, c);
	}
	return out;
}
