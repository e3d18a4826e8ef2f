/* A small arena-allocated value tree (null, bool, int, real, string, array, object): the
 * view model handlers fill, which templates render as HTML and json.c writes as JSON. */
#ifndef VANS_CORE_VAL_H
#define VANS_CORE_VAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/buf.h"

enum val_kind { VAL_NULL, VAL_BOOL, VAL_INT, VAL_REAL, VAL_STR, VAL_ARR, VAL_OBJ, VAL__MAX };

struct val;

struct val_member {
	const char *key;
	struct val *v;
};

struct val {
	enum val_kind kind;
	union {
		bool b;
		int64_t i;
		double d;
		struct { const char *p; size_t len; } s;
		struct { struct val **items; size_t n, cap; } a;
		struct { struct val_member *m; size_t n, cap; } o;
	} u;
};

/* Constructors copy nothing but what they say: val_str copies the string into the arena,
 * val_str_static keeps the pointer (for literals and catalogue messages). */
struct val *val_null(struct arena *a);
struct val *val_bool(struct arena *a, bool b);
struct val *val_int(struct arena *a, int64_t i);
struct val *val_real(struct arena *a, double d);
struct val *val_str(struct arena *a, const char *s);
struct val *val_strn(struct arena *a, const char *s, size_t n);
struct val *val_str_static(struct arena *a, const char *s);
struct val *val_arr(struct arena *a);
struct val *val_obj(struct arena *a);

/* Adds or replaces a member (key is copied); returns v. */
struct val *val_set(struct arena *a, struct val *obj, const char *key, struct val *v);
void val_push(struct arena *a, struct val *arr, struct val *v);
/* Shorthands for val_set(a, obj, key, val_xxx(a, ...)). A NULL string sets null. */
void val_set_str(struct arena *a, struct val *obj, const char *key, const char *s);
void val_set_int(struct arena *a, struct val *obj, const char *key, int64_t i);
void val_set_bool(struct arena *a, struct val *obj, const char *key, bool b);

/* Member lookup on objects (NULL otherwise or when absent). */
struct val *val_get(const struct val *obj, const char *key);
struct val *val_getn(const struct val *obj, const char *key, size_t keylen);
/* Truthiness as templates see it: null, false, 0, "" and [] are false. */
bool val_truthy(const struct val *v);
/* String content, or NULL when v is not a string. */
const char *val_string(const struct val *v);

/* Writes s as a JSON string literal (quotes included): for code that streams JSON without
 * building a tree first. */
void json_write_string(struct buf *out, const char *s, size_t n);
/* Writes v as JSON (UTF-8 passed through, control characters escaped). */
void val_write_json(const struct val *v, struct buf *out);
/* Parses JSON text (duplicate keys rejected, depth capped at 64) into the arena.
 * On error returns -1 with "line L, column C: reason" in err. */
int val_parse_json(struct arena *a, const char *p, size_t len, struct val **out, char *err, size_t errlen);

#endif
