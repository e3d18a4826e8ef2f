/* A multipart body is boundary-delimited parts, each with headers and data. We find the
 * delimiters with memmem over the body (binary-safe) and read only the headers we need. */
#include "web/multipart.h"

#include <stdio.h>
#include <string.h>

/* memmem without _GNU_SOURCE */
static const char *find(const char *h, size_t hl, const char *n, size_t nl)
{
	if (nl == 0 || hl < nl)
		return NULL;
	for (const char *p = h; (p = memchr(p, n[0], hl - (size_t)(p - h) - nl + 1)); p++)
		if (!memcmp(p, n, nl))
			return p;
	return NULL;
}

static int ci_prefix(const char *p, size_t n, const char *lit)
{
	size_t l = strlen(lit);
	if (n < l)
		return 0;
	for (size_t i = 0; i < l; i++) {
		char c = p[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != lit[i])
			return 0;
	}
	return 1;
}

/* The value of param (e.g. name=) in a header line: quoted or token. */
static const char *param(struct arena *a, const char *p, size_t n, const char *key)
{
	size_t kl = strlen(key);
	for (size_t i = 0; i + kl < n; i++) {
		if ((i == 0 || p[i - 1] == ';' || p[i - 1] == ' ') && ci_prefix(p + i, n - i, key)) {
			const char *v = p + i + kl;
			size_t rest = n - i - kl;
			if (rest && *v == '"') {
				const char *end = memchr(v + 1, '"', rest - 1);
				if (!end)
					return NULL;
				return arena_strndup(a, v + 1, (size_t)(end - v - 1));
			}
			size_t k = 0;
			while (k < rest && v[k] != ';' && v[k] != ' ')
				k++;
			return arena_strndup(a, v, k);
		}
	}
	return NULL;
}

struct mp_part *multipart_parse(struct arena *a, const char *ct, const char *body, size_t len)
{
	if (!ct || !ci_prefix(ct, strlen(ct), "multipart/form-data"))
		return NULL;
	const char *b = param(a, ct, strlen(ct), "boundary=");
	if (!b || !*b || strlen(b) > 70)
		return NULL;
	char delim[80];
	size_t dl = (size_t)snprintf(delim, sizeof delim, "--%s", b);
	const char *p = find(body, len, delim, dl);
	if (!p)
		return NULL;
	const char *end = body + len;
	struct mp_part *head = NULL, **tail = &head;
	int count = 0;
	p += dl;
	while (p < end && count < MULTIPART_MAX_PARTS) {
		if (end - p >= 2 && p[0] == '-' && p[1] == '-')
			return head; /* closing delimiter */
		if (end - p < 2 || p[0] != '\r' || p[1] != '\n')
			return NULL;
		p += 2;
		const char *hend = find(p, (size_t)(end - p), "\r\n\r\n", 4);
		if (!hend)
			return NULL;
		struct mp_part *part = arena_zalloc(a, sizeof *part);
		part->name = "";
		part->content_type = "";
		for (const char *line = p; line < hend;) {
			const char *nl = find(line, (size_t)(hend - line), "\r\n", 2);
			size_t ll = nl ? (size_t)(nl - line) : (size_t)(hend - line);
			if (ci_prefix(line, ll, "content-disposition:")) {
				const char *v = param(a, line, ll, "name=");
				part->name = v ? v : "";
				part->filename = param(a, line, ll, "filename=");
			} else if (ci_prefix(line, ll, "content-type:")) {
				const char *v = line + 13;
				size_t vl = ll - 13;
				while (vl && *v == ' ')
					v++, vl--;
				part->content_type = arena_strndup(a, v, vl);
			}
			line += ll + 2;
		}
		const char *data = hend + 4;
		/* the data ends at CRLF + delimiter */
		char sep[84];
		size_t sl = (size_t)snprintf(sep, sizeof sep, "\r\n%s", delim);
		const char *next = find(data, (size_t)(end - data), sep, sl);
		if (!next)
			return NULL;
		part->data = data;
		part->len = (size_t)(next - data);
		*tail = part;
		tail = &part->next;
		count++;
		p = next + sl;
	}
	return count < MULTIPART_MAX_PARTS ? NULL : head;
}

const struct mp_part *multipart_get(const struct mp_part *parts, const char *name)
{
	for (; parts; parts = parts->next)
		if (!strcmp(parts->name, name))
			return parts;
	return NULL;
}
