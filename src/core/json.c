/* JSON input through jansson (the only file that includes it): strict parsing with
 * duplicate keys rejected, converted into the arena-allocated value tree. */
#include "core/val.h"

#include <jansson.h>
#include <stdio.h>

#define MAX_DEPTH 64

static int convert(struct arena *a, json_t *j, int depth, struct val **out, char *err, size_t errlen)
{
	if (depth > MAX_DEPTH) {
		snprintf(err, errlen, "nested deeper than %d levels", MAX_DEPTH);
		return -1;
	}
	switch (json_typeof(j)) {
	case JSON_NULL: *out = val_null(a); return 0;
	case JSON_TRUE: *out = val_bool(a, true); return 0;
	case JSON_FALSE: *out = val_bool(a, false); return 0;
	case JSON_INTEGER: *out = val_int(a, (int64_t)json_integer_value(j)); return 0;
	case JSON_REAL: *out = val_real(a, json_real_value(j)); return 0;
	case JSON_STRING: *out = val_strn(a, json_string_value(j), json_string_length(j)); return 0;
	case JSON_ARRAY: {
		struct val *arr = val_arr(a);
		size_t i;
		json_t *item;
		json_array_foreach(j, i, item) {
			struct val *v;
			if (convert(a, item, depth + 1, &v, err, errlen) < 0)
				return -1;
			val_push(a, arr, v);
		}
		*out = arr;
		return 0;
	}
	case JSON_OBJECT: {
		struct val *obj = val_obj(a);
		const char *key;
		json_t *item;
		json_object_foreach(j, key, item) {
			struct val *v;
			if (convert(a, item, depth + 1, &v, err, errlen) < 0)
				return -1;
			val_set(a, obj, key, v);
		}
		*out = obj;
		return 0;
	}
	}
	snprintf(err, errlen, "unsupported JSON value");
	return -1;
}

int val_parse_json(struct arena *a, const char *p, size_t len, struct val **out, char *err, size_t errlen)
{
	json_error_t je;
	json_t *j = json_loadb(p, len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY | JSON_ALLOW_NUL, &je);
	if (!j) {
		snprintf(err, errlen, "line %d, column %d: %s", je.line, je.column, je.text);
		return -1;
	}
	int rc = convert(a, j, 0, out, err, errlen);
	json_decref(j);
	return rc;
}
