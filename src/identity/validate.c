/* Field validators of identity. The 統一編號 checksum follows the Ministry of Finance rule
 * as amended on 2023-04-01 (divisible by 5); the OID rule is the X.660 arc syntax. */
#include "identity/validate.h"

#include <string.h>

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

bool ubn_valid(const char *p, size_t n)
{
	static const int weights[8] = { 1, 2, 1, 2, 1, 2, 4, 1 };
	if (n != 8)
		return false;
	int sum = 0;
	for (int i = 0; i < 8; i++) {
		if (!is_digit(p[i]))
			return false;
		int prod = (p[i] - '0') * weights[i];
		sum += prod / 10 + prod % 10;
	}
	/* sum counts a 7th-digit 7 (28 → 2+8 = 10) as 10, which is 0 modulo 5; it may also
	 * count as 1 */
	if (sum % 5 == 0)
		return true;
	return p[6] == '7' && (sum - 10 + 1) % 5 == 0;
}

bool oid_valid(const char *p, size_t n)
{
	if (n == 0 || n > 128)
		return false;
	int arcs = 0;
	size_t i = 0;
	while (i < n) {
		size_t start = i;
		while (i < n && is_digit(p[i]))
			i++;
		size_t len = i - start;
		if (len == 0 || len > 20 || (len > 1 && p[start] == '0'))
			return false;
		if (arcs == 0 && (len != 1 || p[start] > '2'))
			return false;
		arcs++;
		if (i < n) {
			if (p[i] != '.' || i + 1 == n)
				return false;
			i++;
		}
	}
	return arcs >= 2 && arcs <= 32;
}

enum org_id_kind org_id_check(const char *p, size_t n, const char **reason)
{
	const char *why = NULL;
	enum org_id_kind kind = ORG_ID_INVALID;
	bool digits = n > 0, dots = false;
	for (size_t i = 0; i < n; i++) {
		if (p[i] == '.')
			dots = true;
		else if (!is_digit(p[i]))
			digits = false;
	}
	if (n == 0)
		why = "empty";
	else if (!digits)
		why = "only digits and dots are allowed";
	else if (dots)
		kind = oid_valid(p, n) ? ORG_ID_OID : ORG_ID_INVALID, why = "not a dotted numeric OID";
	else if (n != 8)
		why = "a 統一編號 has 8 digits and an OID has dots";
	else
		kind = ubn_valid(p, n) ? ORG_ID_UBN : ORG_ID_INVALID, why = "wrong check digit";
	if (reason)
		*reason = kind == ORG_ID_INVALID ? why : NULL;
	return kind;
}

bool username_valid(const char *p, size_t n)
{
	if (n < 6 || n > 30)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = p[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c)))
			return false;
	}
	return true;
}

bool email_valid(const char *p, size_t n)
{
	if (n < 3 || n > 254)
		return false;
	const char *at = memchr(p, '@', n);
	if (!at || at == p || memchr(at + 1, '@', n - (size_t)(at - p) - 1))
		return false;
	size_t local = (size_t)(at - p), dlen = n - local - 1;
	if (local > 64 || dlen < 3)
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)p[i];
		if (c <= ' ' || c == 0x7f || c == '<' || c == '>' || c == '"' || c == ',' || c == ';' ||
		    c == '(' || c == ')' || c == '[' || c == ']' || c == '\\')
			return false;
	}
	const char *d = at + 1;
	if (!memchr(d, '.', dlen) || d[0] == '.' || d[0] == '-' || d[dlen - 1] == '.' || d[dlen - 1] == '-')
		return false;
	for (size_t i = 0; i + 1 < dlen; i++)
		if (d[i] == '.' && d[i + 1] == '.')
			return false;
	return true;
}

bool mobile_valid(const char *p, size_t n, char out[11])
{
	char digits[11] = { 0 };
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (is_digit(p[i])) {
			if (k == 10)
				return false;
			digits[k++] = p[i];
		} else if (!(p[i] == '-' && k == 4)) {
			return false;
		}
	}
	if (k != 10 || digits[0] != '0' || digits[1] != '9')
		return false;
	digits[10] = '\0';
	if (out)
		memcpy(out, digits, 11);
	return true;
}

/* Length of the UTF-8 sequence starting at p (1 for ASCII), 0 when malformed. */
static size_t utf8_len(const unsigned char *p, size_t n)
{
	if (p[0] < 0x80)
		return 1;
	size_t len = (p[0] & 0xe0) == 0xc0 ? 2 : (p[0] & 0xf0) == 0xe0 ? 3 : (p[0] & 0xf8) == 0xf0 ? 4 : 0;
	if (len == 0 || len > n || (len == 2 && p[0] < 0xc2))
		return 0;
	for (size_t i = 1; i < len; i++)
		if ((p[i] & 0xc0) != 0x80)
			return 0;
	return len;
}

bool person_name_valid(const char *p, size_t n)
{
	const unsigned char *s = (const unsigned char *)p;
	size_t chars = 0, letters = 0;
	for (size_t i = 0; i < n;) {
		size_t len = utf8_len(s + i, n - i);
		if (len == 0)
			return false;
		if (len == 1) {
			char c = (char)s[i];
			bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
			if (!letter && c != ' ' && c != '.' && c != '-' && c != '\'')
				return false;
			letters += letter;
		} else {
			letters++; /* CJK and other letters; the middle dot of 外文 names is allowed too */
		}
		chars++;
		i += len;
	}
	return letters > 0 && chars <= 60 && s[0] != ' ' && s[n - 1] != ' ';
}

bool phone_valid(const char *p, size_t n)
{
	size_t digits = 0;
	for (size_t i = 0; i < n; i++) {
		char c = p[i];
		if (is_digit(c))
			digits++;
		else if (c != '-' && c != '(' && c != ')' && c != '+' && c != ' ')
			return false;
	}
	return digits >= 7 && digits <= 15 && n <= 24;
}

bool extension_valid(const char *p, size_t n)
{
	if (n == 0 || n > 10)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!is_digit(p[i]))
			return false;
	return true;
}

bool org_level_valid(const char *p, size_t n)
{
	return n == 1 && p[0] >= 'A' && p[0] <= 'E';
}
