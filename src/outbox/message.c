/* Mail and SMS message bodies. Only ASCII goes into mail headers: the subject is an
 * encoded-word, the body base64 wrapped at 76 columns. */
#include "outbox/message.h"
#include "core/crypto.h"

#include <stdbool.h>

#include <stdlib.h>
#include <string.h>
#include <time.h>

static void put_header_value(struct buf *out, const char *s)
{
	for (; s && *s; s++)
		if (*s != '\r' && *s != '\n')
			buf_putc(out, *s);
}

static bool ascii(const char *s)
{
	for (; s && *s; s++)
		if ((unsigned char)*s >= 0x80)
			return false;
	return true;
}

/* RFC 2047 encoded words of at most ~45 input bytes each, split on UTF-8 boundaries. */
static void put_subject(struct buf *out, const char *s)
{
	char clean[1024];
	size_t n = 0;
	for (; s && *s && n < sizeof clean - 1; s++)
		if (*s != '\r' && *s != '\n')
			clean[n++] = *s;
	clean[n] = '\0';
	if (ascii(clean)) {
		buf_puts(out, clean);
		return;
	}
	size_t i = 0;
	bool first = true;
	while (i < n) {
		size_t take = n - i > 45 ? 45 : n - i;
		while (i + take < n && ((unsigned char)clean[i + take] & 0xc0) == 0x80)
			take--;
		char enc[128];
		crypto_b64_encode(clean + i, take, enc, sizeof enc);
		buf_printf(out, "%s=?UTF-8?B?%s?=", first ? "" : "\r\n ", enc);
		first = false;
		i += take;
	}
}

void message_mail(struct buf *out, const char *from, const char *to, const char *subject, const char *body,
		  int64_t now, const char *message_id)
{
	char date[64];
	time_t t = (time_t)now;
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
	buf_puts(out, "From: ");
	put_header_value(out, from);
	buf_puts(out, "\r\nTo: ");
	put_header_value(out, to);
	buf_puts(out, "\r\nSubject: ");
	put_subject(out, subject);
	buf_printf(out, "\r\nDate: %s\r\nMessage-ID: <", date);
	put_header_value(out, message_id);
	buf_puts(out, ">\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
		      "Content-Transfer-Encoding: base64\r\nAuto-Submitted: auto-generated\r\n\r\n");
	size_t len = body ? strlen(body) : 0;
	size_t cap = 4 * ((len + 2) / 3) + 1;
	char *enc = malloc(cap);
	if (!enc)
		abort();
	size_t elen = crypto_b64_encode(body ? body : "", len, enc, cap);
	for (size_t i = 0; i < elen; i += 76) {
		buf_append(out, enc + i, elen - i > 76 ? 76 : elen - i);
		buf_puts(out, "\r\n");
	}
	free(enc);
}

static void json_escape(struct buf *out, const char *s)
{
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			buf_printf(out, "\\%c", c);
		else if (c == '\n')
			buf_puts(out, "\\n");
		else if (c < 0x20)
			buf_printf(out, "\\u%04x", c);
		else
			buf_putc(out, (char)c);
	}
}

void message_sms_json(struct buf *out, const char *tmpl, const char *to, const char *text)
{
	const char *p = tmpl;
	while (*p) {
		if (!strncmp(p, "{{to}}", 6)) {
			json_escape(out, to);
			p += 6;
		} else if (!strncmp(p, "{{text}}", 8)) {
			json_escape(out, text);
			p += 8;
		} else {
			buf_putc(out, *p++);
		}
	}
}

void message_webhook_signature(const char *secret, const char *body, size_t len, char out[MESSAGE_SIGNATURE_LEN])
{
	unsigned char mac[CRYPTO_HMAC_BYTES];
	crypto_hmac_sha256(secret, strlen(secret), body, len, mac);
	memcpy(out, "sha256=", 7);
	crypto_hex(mac, sizeof mac, out + 7, MESSAGE_SIGNATURE_LEN - 7);
	crypto_wipe(mac, sizeof mac);
}
