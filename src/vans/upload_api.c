/* Reading the VANS upload API's JSON body into intake records: the envelope, then each item
 * of "data" field by field (VANS 2.0 or v1 names), every field a required string. */
#include "vans/upload_api.h"

#include "core/val.h"

#include <stdio.h>
#include <string.h>

struct field_map {
	const char *key;
	enum asset_field field;          /* ASSET_FIELD__MAX: not an asset field (oid, orgName) */
};

static const struct field_map v2_fields[] = {
	{ "oid", ASSET_FIELD__MAX },
	{ "orgName", ASSET_FIELD__MAX },
	{ "identifier", ASSET_FIELD_IDENTIFIER },
	{ "assetGroupCode", ASSET_FIELD_GROUP },
	{ "assetName", ASSET_FIELD_NAME },
	{ "brand", ASSET_FIELD_VENDOR },
	{ "version", ASSET_FIELD_VERSION },
	{ "cpe", ASSET_FIELD_CPE },
	{ "cpeName", ASSET_FIELD_CPE_TITLE },
};

static const struct field_map v1_fields[] = {
	{ "oid", ASSET_FIELD__MAX },
	{ "unit_name", ASSET_FIELD__MAX },
	{ "asset_number", ASSET_FIELD_IDENTIFIER },
	{ "product_name", ASSET_FIELD_NAME },
	{ "product_vendor", ASSET_FIELD_VENDOR },
	{ "product_version", ASSET_FIELD_VERSION },
	{ "category", ASSET_FIELD__MAX },
	{ "cpe23", ASSET_FIELD_CPE },
	{ "product_cpename", ASSET_FIELD_CPE_TITLE },
};

static void read_item(enum upload_api_version v, const struct val *it, size_t index, struct arena *a,
		      struct upload_api_item *out)
{
	memset(out, 0, sizeof *out);
	out->oid = "";
	out->org_name = "";
	out->rec.line = (uint32_t)(index + 1);
	if (!it || it->kind != VAL_OBJ) {
		out->reason = "the item is not a JSON object";
		return;
	}
	const struct field_map *map = v == UPLOAD_API_V2 ? v2_fields : v1_fields;
	size_t n = v == UPLOAD_API_V2 ? sizeof v2_fields / sizeof v2_fields[0] : sizeof v1_fields / sizeof v1_fields[0];
	for (size_t i = 0; i < n; i++) {
		const struct val *f = val_get(it, map[i].key);
		if (!f) {
			out->reason = arena_printf(a, "%s is missing (every field is required; \"N/A\" when unknown)",
						   map[i].key);
			return;
		}
		if (f->kind != VAL_STR) {
			out->reason = arena_printf(a, "%s is not a string", map[i].key);
			return;
		}
		const char *s = f->u.s.p;
		size_t len = f->u.s.len;
		if (!strcmp(map[i].key, "oid")) {
			out->oid = s;
		} else if (!strcmp(map[i].key, "orgName") || !strcmp(map[i].key, "unit_name")) {
			out->org_name = s;
		} else if (!strcmp(map[i].key, "category")) {
			if (strcmp(s, "software") && strcmp(s, "hardware")) {
				out->reason = "category is \"software\" or \"hardware\"";
				return;
			}
		} else if (map[i].field < ASSET_FIELD__MAX) {
			out->rec.value[map[i].field] = s;
			out->rec.len[map[i].field] = len;
		}
	}
	/* a field holding NUL bytes would be cut short: refused as a control character */
	for (int f = 0; f < ASSET_FIELD__MAX; f++)
		if (out->rec.value[f] && out->rec.len[f] != strlen(out->rec.value[f])) {
			out->reason = arena_printf(a, "%s holds a NUL character", asset_field_key((enum asset_field)f));
			return;
		}
}

int upload_api_parse(enum upload_api_version v, const char *body, size_t len, struct arena *a,
		     struct upload_api_body *out, char *err, size_t errlen)
{
	memset(out, 0, sizeof *out);
	struct val *root;
	char perr[160];
	if (val_parse_json(a, body ? body : "", len, &root, perr, sizeof perr) != 0) {
		snprintf(err, errlen, "the body is not JSON: %s", perr);
		return -1;
	}
	if (root->kind != VAL_OBJ) {
		snprintf(err, errlen, "the body is not a JSON object");
		return -1;
	}
	const struct val *key = val_get(root, "api_key");
	if (key && key->kind == VAL_STR) {
		out->api_key = key->u.s.p;
		out->api_key_len = key->u.s.len;
	}
	const struct val *data = val_get(root, "data");
	if (!data || data->kind != VAL_ARR) {
		snprintf(err, errlen, "\"data\" is not an array of items");
		return -1;
	}
	if (data->u.a.n > UPLOAD_API_MAX_ITEMS) {
		snprintf(err, errlen, "more than %d items in one request", UPLOAD_API_MAX_ITEMS);
		return -1;
	}
	out->n_items = data->u.a.n;
	out->items = arena_alloc(a, (out->n_items ? out->n_items : 1) * sizeof *out->items);
	for (size_t i = 0; i < out->n_items; i++)
		read_item(v, data->u.a.items[i], i, a, &out->items[i]);
	return 0;
}
