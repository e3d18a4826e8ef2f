/* The durable outbox of outgoing mail, SMS and webhooks. Senders enqueue a row and return at once;
 * a thread of `vans serve` (or `vans outbox run`) delivers due rows, retrying with
 * exponential back-off, so a mail server that is down delays a message but loses none.
 * Claims carry a lease, so several instances may run the sender against one database. */
#ifndef VANS_OUTBOX_OUTBOX_H
#define VANS_OUTBOX_OUTBOX_H

#include <stdint.h>

#include "core/config.h"
#include "core/err.h"
#include "store/db.h"

#define OUTBOX_LEASE 120          /* seconds a claimed message is reserved for its sender */

/* channel: "email" (subject required) or "sms". Recipient and subject may not hold CR/LF. */
enum err outbox_enqueue(struct db *db, const char *channel, const char *recipient, const char *subject,
			const char *body, int64_t *id);

/* A webhook: POST body (JSON) to url, signed with secret at each attempt (X-Vans-Signature:
 * sha256=HMAC-SHA256(secret, body), X-Vans-Timestamp, X-Vans-Delivery: the outbox id).
 * subject is a label for `vans outbox list`. Only http and https URLs are accepted. */
enum err outbox_enqueue_webhook(struct db *db, const char *url, const char *secret, const char *subject,
				const char *body, int64_t *id);

struct outbox_result {
	int sent, retried, failed;
};

/* Delivers due messages (at most max) as 'owner'; adds to *res. Returns how many it tried. */
int outbox_run_once(struct db *db, const struct config *cfg, const char *owner, int max, struct outbox_result *res);
/* Delay before attempt n+1 after n failed ones: retry_seconds · 2^(n-1), at most 6 h. */
int64_t outbox_backoff(const struct config *cfg, int64_t attempts);

/* The sender thread of `vans serve`: polls every second until outbox_stop. */
int outbox_start(const struct config *cfg);
void outbox_stop(void);

#endif
