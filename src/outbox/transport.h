/* Delivery of one message: mail over SMTP and SMS over an HTTP gateway, both with libcurl
 * (included by transport.c only), or SMS into files for development and tests. */
#ifndef VANS_OUTBOX_TRANSPORT_H
#define VANS_OUTBOX_TRANSPORT_H

#include <stddef.h>

#include "core/config.h"
#include "core/err.h"

/* Once at start-up (curl_global_init). */
int transport_init(void);
/* ERR_OK when the server accepted the message; otherwise ERR_UNAVAILABLE with a reason. */
enum err transport_send_mail(const struct config *cfg, const char *to, const char *subject, const char *body,
			     char *why, size_t whylen);
enum err transport_send_sms(const struct config *cfg, const char *to, const char *text, char *why, size_t whylen);

#endif
