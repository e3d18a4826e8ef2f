/* URL-encoded form parsing. Browsers send these for every HTML form; the parser is a
 * fuzz target because every byte of a form body is chosen by the client. */
#include "web/form.h"

#include <string.h>

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

char *url_decode(struct arena *a, const char *p, size_t len, int plus_is_space, size_t *outlen)
{
	char *out = arena_alloc(a, len + 1);
	size_t j = 0;
	for (size_t i = 0; i < len; i++) {
		char c = p[i];
		if (c == '+' && plus_is_space) {
			out[j++] = ' ';
		} else if (c == '%' && i + 2 < len && hexval(p[i + 1]) >= 0 && hexval(p[i + 2]) >= 0) {
			out[j++] = (char)(hexval(p[i + 1]) * 16 + hexval(p[i + 2]));
			i += 2;
		} else {
			out[j++] = c;
		}
	}
	out[j] = '\0';
	if (outlen)
		*outlen = j;
	return out;
}

struct kv *form_parse(struct arena *a, const char *p, size_t len, int *too_many)
{
	struct kv *head = NULL, **tail = &head;
	int count = 0;
	if (too_many)
		*too_many = 0;
	size_t i = 0;
	while (i < len) {
		size_t start = i;
		while (i < len && p[i] != '&')
			i++;
		size_t end = i++;
		if (end == start)
			continue;
		if (count == FORM_MAX_FIELDS) {
			if (too_many)
				*too_many = 1;
			break;
		}
		const char *eq = memchr(p + start, '=', end - start);
		size_t klen = eq ? (size_t)(eq - (p + start)) : end - start;
		struct kv *f = arena_alloc(a, sizeof *f);
		f->key = url_decode(a, p + start, klen, 1, NULL);
		if (eq)
			f->value = url_decode(a, eq + 1, (size_t)(p + end - eq - 1), 1, &f->value_len);
		else {
			f->value = "";
			f->value_len = 0;
		}
		f->next = NULL;
		*tail = f;
		tail = &f->next;
		count++;
	}
	return head;
}

const char *form_get(const struct kv *fields, const char *name)
{
	for (const struct kv *f = fields; f; f = f->next)
		if (strcmp(f->key, name) == 0)
			return f->value;
	return NULL;
}

void url_encode(struct buf *out, const char *s, size_t len)
{
	static const char hex[] = "0123456789ABCDEF";
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
		    c == '.' || c == '~') {
			buf_putc(out, (char)c);
		} else {
			char e[3] = { '%', hex[c >> 4], hex[c & 15] };
			buf_append(out, e, 3);
		}
	}
}
