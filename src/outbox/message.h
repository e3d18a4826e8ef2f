/* Composition of outgoing messages: an RFC 5322 mail with a UTF-8 subject (RFC 2047) and a
 * base64 text body, and the JSON body of an SMS gateway request from its template. */
#ifndef VANS_OUTBOX_MESSAGE_H
#define VANS_OUTBOX_MESSAGE_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"

/* Writes the whole message (headers and body, CRLF line ends). CR and LF in from, to and
 * subject are dropped, so a header cannot be injected. */
void message_mail(struct buf *out, const char *from, const char *to, const char *subject, const char *body,
		  int64_t now, const char *message_id);
/* Replaces {{to}} and {{text}} in tmpl with the JSON-escaped values. */
void message_sms_json(struct buf *out, const char *tmpl, const char *to, const char *text);

/* "sha256=" and the lowercase hex HMAC-SHA256 of body under secret: the X-Vans-Signature of
 * a webhook. out needs MESSAGE_SIGNATURE_LEN bytes. */
#define MESSAGE_SIGNATURE_LEN (7 + 64 + 1)
void message_webhook_signature(const char *secret, const char *body, size_t len, char out[MESSAGE_SIGNATURE_LEN]);

#endif
