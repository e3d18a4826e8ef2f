/* UTF-8 checking, trimming and folding for the intake parsers (see text.h). The fold is
 * deliberately small: full-width ASCII and a few spaces, not Unicode normalisation. */
#include "vans/intake/text.h"

#include <stdint.h>
#include <string.h>

/* Decodes one UTF-8 sequence at p (n bytes left): its length, or 0 when malformed. */
static size_t utf8_decode(const unsigned char *p, size_t n, uint32_t *cp)
{
	unsigned char c = p[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	size_t len;
	uint32_t v, min;
	if (c >= 0xC2 && c <= 0xDF) {
		len = 2; v = c & 0x1Fu; min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3; v = c & 0x0Fu; min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4; v = c & 0x07u; min = 0x10000;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return 0;
		v = (v << 6) | (p[i] & 0x3Fu);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		return 0;
	*cp = v;
	return len;
}

bool intake_utf8_valid(const char *p, size_t len, size_t *bad)
{
	const unsigned char *u = (const unsigned char *)p;
	size_t i = 0;
	while (i < len) {
		/* ASCII runs eight bytes at a time */
		while (i + 8 <= len) {
			uint64_t w;
			memcpy(&w, u + i, 8);
			if (w & 0x8080808080808080ull)
				break;
			i += 8;
		}
		if (i >= len)
			break;
		if (u[i] < 0x80) {
			i++;
			continue;
		}
		uint32_t cp;
		size_t n = utf8_decode(u + i, len - i, &cp);
		if (!n) {
			if (bad)
				*bad = i;
			return false;
		}
		i += n;
	}
	return true;
}

/* The length of a space-like character at p, or 0. */
static size_t space_at(const unsigned char *p, size_t n)
{
	if (n >= 1 && (p[0] == ' ' || p[0] == '\t' || p[0] == '\n' || p[0] == '\r' ||
	               p[0] == '\v' || p[0] == '\f'))
		return 1;
	if (n >= 2 && p[0] == 0xC2 && p[1] == 0xA0)
		return 2;
	if (n >= 3 && p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80)
		return 3;
	if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
		return 3;
	return 0;
}

/* The length of a space-like character ending at p + n, or 0. */
static size_t space_before(const unsigned char *p, size_t n)
{
	if (n >= 1 && (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == '\n' ||
	               p[n - 1] == '\r' || p[n - 1] == '\v' || p[n - 1] == '\f'))
		return 1;
	if (n >= 2 && p[n - 2] == 0xC2 && p[n - 1] == 0xA0)
		return 2;
	if (n >= 3 && p[n - 3] == 0xE3 && p[n - 2] == 0x80 && p[n - 1] == 0x80)
		return 3;
	if (n >= 3 && p[n - 3] == 0xEF && p[n - 2] == 0xBB && p[n - 1] == 0xBF)
		return 3;
	return 0;
}

void intake_trim(const char **p, size_t *len)
{
	const unsigned char *u = (const unsigned char *)*p;
	size_t n = *len, k;
	while (n && (k = space_at(u, n)) > 0) {
		u += k;
		n -= k;
	}
	while (n && (k = space_before(u, n)) > 0)
		n -= k;
	*p = (const char *)u;
	*len = n;
}

bool intake_has_control(const char *p, size_t len, bool multiline)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)p[i];
		if (c == 0x7F)
			return true;
		if (c >= 0x20)
			continue;
		if (multiline && (c == '\t' || c == '\n' || c == '\r'))
			continue;
		return true;
	}
	return false;
}

static const char *fold(const char *p, size_t len, struct buf *out, bool drop)
{
	buf_reset(out);
	const unsigned char *u = (const unsigned char *)p;
	size_t i = 0;
	while (i < len) {
		uint32_t cp;
		size_t n = utf8_decode(u + i, len - i, &cp);
		if (!n) {
			i++;   /* malformed bytes are dropped: a fold is only for comparing */
			continue;
		}
		if (cp >= 0xFF01 && cp <= 0xFF5E)
			cp -= 0xFEE0;
		else if (cp == 0x3000 || cp == 0xA0 || cp == 0xFEFF)
			cp = ' ';
		if (cp < 0x80) {
			char c = (char)cp;
			if (c >= 'A' && c <= 'Z')
				c = (char)(c - 'A' + 'a');
			if (c != '\0' && (!drop || !strchr(" \t\r\n\v\f_-.*/:", c)))
				buf_putc(out, c);
		} else {
			buf_append(out, u + i, n);
		}
		i += n;
	}
	if (!out->data)
		buf_append(out, "", 0);
	return out->data;
}

const char *intake_fold(const char *p, size_t len, struct buf *out)
{
	return fold(p, len, out, true);
}

const char *intake_fold_width(const char *p, size_t len, struct buf *out)
{
	return fold(p, len, out, false);
}
