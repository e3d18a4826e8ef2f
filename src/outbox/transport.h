/* Delivery of one message: mail over SMTP, webhooks and SMS over HTTP, both with libcurl
 * (included by transport.c only), or SMS into files for development and tests. */
#ifndef VANS_OUTBOX_TRANSPORT_H
#define VANS_OUTBOX_TRANSPORT_H

#include <stddef.h>
#include <stdint.h>

#include "core/config.h"
#include "core/err.h"

/* Once at start-up (curl_global_init). */
int transport_init(void);
/* ERR_OK when the server accepted the message; otherwise ERR_UNAVAILABLE with a reason. */
enum err transport_send_mail(const struct config *cfg, const char *to, const char *subject, const char *body,
			     char *why, size_t whylen);
/* POSTs a JSON body signed with secret (message_webhook_signature) with the delivery id and
 * the time; a 2xx answer is ERR_OK, anything else ERR_UNAVAILABLE (retried). Private and
 * loopback addresses are refused (ERR_DENIED) unless cfg->webhook_private_addresses. */
enum err transport_send_webhook(const struct config *cfg, int64_t delivery_id, const char *url, const char *secret, const char *body,
				char *why, size_t whylen);
enum err transport_send_sms(const struct config *cfg, const char *to, const char *text, char *why, size_t whylen);

#endif
