/* Value tree construction, lookup and the JSON writer. Objects keep insertion order,
 * so JSON output is stable and matches the order handlers build it in. */
#include "core/val.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static struct val *make(struct arena *a, enum val_kind k)
{
	struct val *v = arena_alloc(a, sizeof *v);
	memset(v, 0, sizeof *v);
	v->kind = k;
	return v;
}

struct val *val_null(struct arena *a) { return make(a, VAL_NULL); }

struct val *val_bool(struct arena *a, bool b)
{
	struct val *v = make(a, VAL_BOOL);
	v->u.b = b;
	return v;
}

struct val *val_int(struct arena *a, int64_t i)
{
	struct val *v = make(a, VAL_INT);
	v->u.i = i;
	return v;
}

struct val *val_real(struct arena *a, double d)
{
	struct val *v = make(a, VAL_REAL);
	v->u.d = d;
	return v;
}

struct val *val_strn(struct arena *a, const char *s, size_t n)
{
	struct val *v = make(a, VAL_STR);
	v->u.s.p = arena_strndup(a, s, n);
	v->u.s.len = n;
	return v;
}

struct val *val_str(struct arena *a, const char *s)
{
	return s ? val_strn(a, s, strlen(s)) : val_null(a);
}

struct val *val_str_static(struct arena *a, const char *s)
{
	struct val *v = make(a, VAL_STR);
	v->u.s.p = s;
	v->u.s.len = strlen(s);
	return v;
}

struct val *val_arr(struct arena *a) { return make(a, VAL_ARR); }
struct val *val_obj(struct arena *a) { return make(a, VAL_OBJ); }

struct val *val_getn(const struct val *obj, const char *key, size_t keylen)
{
	if (!obj || obj->kind != VAL_OBJ)
		return NULL;
	for (size_t i = 0; i < obj->u.o.n; i++) {
		const char *k = obj->u.o.m[i].key;
		if (strncmp(k, key, keylen) == 0 && k[keylen] == '\0')
			return obj->u.o.m[i].v;
	}
	return NULL;
}

struct val *val_get(const struct val *obj, const char *key)
{
	return val_getn(obj, key, strlen(key));
}

struct val *val_set(struct arena *a, struct val *obj, const char *key, struct val *v)
{
	for (size_t i = 0; i < obj->u.o.n; i++) {
		if (strcmp(obj->u.o.m[i].key, key) == 0) {
			obj->u.o.m[i].v = v;
			return v;
		}
	}
	if (obj->u.o.n == obj->u.o.cap) {
		size_t cap = obj->u.o.cap ? obj->u.o.cap * 2 : 8;
		struct val_member *m = arena_alloc(a, cap * sizeof *m);
		if (obj->u.o.n)
			memcpy(m, obj->u.o.m, obj->u.o.n * sizeof *m);
		obj->u.o.m = m;
		obj->u.o.cap = cap;
	}
	obj->u.o.m[obj->u.o.n].key = arena_strdup(a, key);
	obj->u.o.m[obj->u.o.n].v = v;
	obj->u.o.n++;
	return v;
}

void val_push(struct arena *a, struct val *arr, struct val *v)
{
	if (arr->u.a.n == arr->u.a.cap) {
		size_t cap = arr->u.a.cap ? arr->u.a.cap * 2 : 8;
		struct val **items = arena_alloc(a, cap * sizeof *items);
		if (arr->u.a.n)
			memcpy(items, arr->u.a.items, arr->u.a.n * sizeof *items);
		arr->u.a.items = items;
		arr->u.a.cap = cap;
	}
	arr->u.a.items[arr->u.a.n++] = v;
}

void val_set_str(struct arena *a, struct val *obj, const char *key, const char *s)
{
	val_set(a, obj, key, val_str(a, s));
}

void val_set_int(struct arena *a, struct val *obj, const char *key, int64_t i)
{
	val_set(a, obj, key, val_int(a, i));
}

void val_set_bool(struct arena *a, struct val *obj, const char *key, bool b)
{
	val_set(a, obj, key, val_bool(a, b));
}

bool val_truthy(const struct val *v)
{
	if (!v)
		return false;
	switch (v->kind) {
	case VAL_NULL: return false;
	case VAL_BOOL: return v->u.b;
	case VAL_INT: return v->u.i != 0;
	case VAL_REAL: return v->u.d != 0.0;
	case VAL_STR: return v->u.s.len != 0;
	case VAL_ARR: return v->u.a.n != 0;
	case VAL_OBJ: return true;
	default: return false;
	}
}

const char *val_string(const struct val *v)
{
	return v && v->kind == VAL_STR ? v->u.s.p : NULL;
}

void json_write_string(struct buf *out, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	buf_putc(out, '"');
	size_t start = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c != '"' && c != '\\' && c != 0x7f)
			continue;
		buf_append(out, s + start, i - start);
		start = i + 1;
		switch (c) {
		case '"': buf_puts(out, "\\\""); break;
		case '\\': buf_puts(out, "\\\\"); break;
		case '\n': buf_puts(out, "\\n"); break;
		case '\r': buf_puts(out, "\\r"); break;
		case '\t': buf_puts(out, "\\t"); break;
		default: {
			char u[7] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15], 0 };
			buf_append(out, u, 6);
		}
		}
	}
	buf_append(out, s + start, n - start);
	buf_putc(out, '"');
}

void val_write_json(const struct val *v, struct buf *out)
{
	if (!v) {
		buf_puts(out, "null");
		return;
	}
	switch (v->kind) {
	case VAL_NULL: buf_puts(out, "null"); break;
	case VAL_BOOL: buf_puts(out, v->u.b ? "true" : "false"); break;
	case VAL_INT: buf_printf(out, "%lld", (long long)v->u.i); break;
	case VAL_REAL:
		if (isfinite(v->u.d))
			buf_printf(out, "%.15g", v->u.d);
		else
			buf_puts(out, "null");
		break;
	case VAL_STR: json_write_string(out, v->u.s.p, v->u.s.len); break;
	case VAL_ARR:
		buf_putc(out, '[');
		for (size_t i = 0; i < v->u.a.n; i++) {
			if (i)
				buf_putc(out, ',');
			val_write_json(v->u.a.items[i], out);
		}
		buf_putc(out, ']');
		break;
	case VAL_OBJ:
		buf_putc(out, '{');
		for (size_t i = 0; i < v->u.o.n; i++) {
			if (i)
				buf_putc(out, ',');
			json_write_string(out, v->u.o.m[i].key, strlen(v->u.o.m[i].key));
			buf_putc(out, ':');
			val_write_json(v->u.o.m[i].v, out);
		}
		buf_putc(out, '}');
		break;
	default: buf_puts(out, "null");
	}
}
