/* Mail over SMTP and SMS through the gateway (both via net/http_client, which has connect
 * and total timeouts, so a stuck server cannot hold the sender); file drivers for both in
 * development. */
#include "outbox/transport.h"
#include "outbox/message.h"
#include "core/buf.h"
#include "core/clock.h"
#include "core/crypto.h"
#include "net/http_client.h"

#include <stdbool.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int transport_init(void)
{
	return http_client_init();
}

/* "vans <noreply@x>" → "<noreply@x>"; "noreply@x" → "<noreply@x>" */
static void envelope(const char *addr, char *out, size_t n)
{
	const char *lt = strchr(addr, '<'), *gt = lt ? strchr(lt, '>') : NULL;
	if (lt && gt)
		snprintf(out, n, "%.*s", (int)(gt - lt + 1), lt);
	else
		snprintf(out, n, "<%s>", addr);
}

static void mkdirs(const char *dir);

/* smtp_url "file:DIR": each mail as an .eml file in DIR, for development without a server. */
static enum err mail_file(const char *dir, const struct buf *msg, char *why, size_t whylen)
{
	mkdirs(dir);
	unsigned char rnd[6];
	char rhex[13], tmp[1200], final[1200];
	crypto_random(rnd, sizeof rnd);
	crypto_hex(rnd, sizeof rnd, rhex, sizeof rhex);
	long long now = (long long)clock_now_unix();
	snprintf(final, sizeof final, "%s/%lld-%s.eml", dir, now, rhex);
	snprintf(tmp, sizeof tmp, "%s/.%lld-%s.tmp", dir, now, rhex);
	int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL, 0640);
	bool ok = fd >= 0 && write(fd, msg->data, msg->len) == (ssize_t)msg->len;
	if (fd >= 0 && close(fd) != 0)
		ok = false;
	if (ok && rename(tmp, final) != 0)
		ok = false;
	if (!ok) {
		snprintf(why, whylen, "mail file %s: %s", final, strerror(errno));
		unlink(tmp);
	}
	return ok ? ERR_OK : ERR_UNAVAILABLE;
}

enum err transport_send_mail(const struct config *cfg, const char *to, const char *subject, const char *body,
			     char *why, size_t whylen)
{
	struct buf msg;
	buf_init(&msg, 4 * 1024 * 1024);
	unsigned char rnd[12];
	char rhex[25], msgid[128], from_env[320], to_env[320];
	crypto_random(rnd, sizeof rnd);
	crypto_hex(rnd, sizeof rnd, rhex, sizeof rhex);
	const char *at = strrchr(cfg->smtp_from, '@');
	snprintf(msgid, sizeof msgid, "%s@%.*s", rhex, at ? (int)strcspn(at + 1, ">") : 9, at ? at + 1 : "localhost");
	message_mail(&msg, cfg->smtp_from, to, subject, body, clock_now_unix(), msgid);
	if (strncmp(cfg->smtp_url, "file:", 5) == 0) {
		enum err e = mail_file(cfg->smtp_url + 5, &msg, why, whylen);
		buf_free(&msg);
		return e;
	}
	envelope(cfg->smtp_from, from_env, sizeof from_env);
	envelope(to, to_env, sizeof to_env);
	enum err e = net_smtp_send(cfg->smtp_url, from_env, to_env, msg.data, msg.len, why, whylen);
	buf_free(&msg);
	return e;
}

static void mkdirs(const char *dir)
{
	char p[1024];
	snprintf(p, sizeof p, "%s", dir);
	for (char *s = p + 1; *s; s++) {
		if (*s == '/') {
			*s = '\0';
			mkdir(p, 0750);
			*s = '/';
		}
	}
	mkdir(p, 0750);
}

static enum err sms_file(const struct config *cfg, const char *to, const char *text, char *why, size_t whylen)
{
	mkdirs(cfg->sms_outbox_dir);
	unsigned char rnd[6];
	char rhex[13], ts[32], tmp[1200], final[1200];
	crypto_random(rnd, sizeof rnd);
	crypto_hex(rnd, sizeof rnd, rhex, sizeof rhex);
	int64_t now = clock_now_unix();
	snprintf(final, sizeof final, "%s/%lld-%s.json", cfg->sms_outbox_dir, (long long)now, rhex);
	snprintf(tmp, sizeof tmp, "%s/.%lld-%s.tmp", cfg->sms_outbox_dir, (long long)now, rhex);
	struct buf b;
	buf_init(&b, 1 << 20);
	message_sms_json(&b, "{\"to\":\"{{to}}\",\"text\":\"{{text}}\"", to, text);
	buf_printf(&b, ",\"at\":\"%s\"}\n", clock_format_iso8601(now, ts, sizeof ts));
	int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL, 0640);
	bool ok = fd >= 0 && write(fd, b.data, b.len) == (ssize_t)b.len;
	if (fd >= 0 && close(fd) != 0)
		ok = false;
	/* rename makes the file appear whole: readers never see half a message */
	if (ok && rename(tmp, final) != 0)
		ok = false;
	if (!ok) {
		snprintf(why, whylen, "sms file %s: %s", final, strerror(errno));
		unlink(tmp);
	}
	buf_free(&b);
	return ok ? ERR_OK : ERR_UNAVAILABLE;
}

static enum err sms_http(const struct config *cfg, const char *to, const char *text, char *why, size_t whylen)
{
	if (!*cfg->sms_gateway_url) {
		snprintf(why, whylen, "sms_gateway_url is not set");
		return ERR_UNAVAILABLE;
	}
	struct buf body;
	buf_init(&body, 1 << 20);
	message_sms_json(&body, cfg->sms_gateway_template, to, text);
	const char *headers[3] = { "Content-Type: application/json", NULL, NULL };
	char auth[1024];
	if (*cfg->sms_gateway_auth) {
		snprintf(auth, sizeof auth, "Authorization: %s", cfg->sms_gateway_auth);
		headers[1] = auth;
	}
	long status = 0;
	enum err e = http_post(cfg->sms_gateway_url, headers, body.data, body.len, 30, &status, why, whylen);
	if (e == ERR_OK && (status < 200 || status > 299)) {
		snprintf(why, whylen, "sms gateway answered %ld", status);
		e = ERR_UNAVAILABLE;
	}
	buf_free(&body);
	return e;
}

enum err transport_send_webhook(const struct config *cfg, int64_t delivery_id, const char *url, const char *secret, const char *body,
				char *why, size_t whylen)
{
	char sig[MESSAGE_SIGNATURE_LEN], h_sig[100], h_ts[64], h_id[64];
	size_t len = strlen(body);
	message_webhook_signature(secret, body, len, sig);
	snprintf(h_sig, sizeof h_sig, "X-Vans-Signature: %s", sig);
	snprintf(h_ts, sizeof h_ts, "X-Vans-Timestamp: %lld", (long long)clock_now_unix());
	snprintf(h_id, sizeof h_id, "X-Vans-Delivery: %lld", (long long)delivery_id);
	const char *headers[] = { "Content-Type: application/json; charset=utf-8", h_sig, h_ts, h_id,
				  "User-Agent: vans-webhook", NULL };
	long status = 0;
	enum err e = cfg->webhook_private_addresses ? http_post(url, headers, body, len, 30, &status, why, whylen)
						    : http_post_public(url, headers, body, len, 30, &status, why, whylen);
	if (e == ERR_OK && (status < 200 || status > 299)) {
		snprintf(why, whylen, "webhook %s answered %ld", url, status);
		e = ERR_UNAVAILABLE;
	}
	return e;
}

enum err transport_send_sms(const struct config *cfg, const char *to, const char *text, char *why, size_t whylen)
{
	return strcmp(cfg->sms_driver, "http") == 0 ? sms_http(cfg, to, text, why, whylen)
						    : sms_file(cfg, to, text, why, whylen);
}
