/* The table of configuration keys and the three sources that set them. Validation lives
 * here so that a bad value fails at start-up, never in the middle of a request. */
#include "core/config.h"
#include "core/alloc.h"
#include "core/str.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum kind { K_STRING, K_OPT_STRING, K_INT, K_BOOL, K_LISTEN, K_LANG, K_LEVEL, K_URL, K_SMS };

struct key {
	const char *name;
	enum kind kind;
	size_t offset;
	const char *def;
	int64_t min, max;
	const char *help;
};

#define OFF(f) offsetof(struct config, f)

static const struct key keys[] = {
	{ "db", K_STRING, OFF(db), "var/vans.db", 0, 0,
	  "Database: a SQLite file path (or sqlite:PATH), or postgres://user@host/db for PostgreSQL." },
	{ "db_statement_timeout", K_INT, OFF(db_statement_timeout), "30000", 0, 86400000,
	  "Milliseconds PostgreSQL lets one statement run before cancelling it; 0 means no limit." },
	{ "listen", K_LISTEN, OFF(listen), "127.0.0.1:8080", 0, 0,
	  "Address and port `vans serve` listens on (HOST:PORT; port 0 picks a free one)." },
	{ "threads", K_INT, OFF(threads), "0", 0, 256,
	  "HTTP worker threads; 0 means one per CPU." },
	{ "log_level", K_LEVEL, OFF(log_level), "info", 0, 0, "debug, info, warn or error." },
	{ "base_url", K_URL, OFF(base_url), "http://127.0.0.1:8080", 0, 0,
	  "Public URL of this installation, used in links sent by mail; https enables HSTS." },
	{ "trust_proxy", K_BOOL, OFF(trust_proxy), "false", 0, 0,
	  "Trust X-Forwarded-For and X-Forwarded-Proto (set when behind nginx)." },
	{ "max_body", K_INT, OFF(max_body), "1048576", 1024, 1073741824,
	  "Largest request body accepted for forms and JSON, in bytes." },
	{ "max_upload", K_INT, OFF(max_upload), "52428800", 1024, 4294967296,
	  "Largest file upload accepted, in bytes." },
	{ "request_timeout", K_INT, OFF(request_timeout), "30", 1, 3600,
	  "Seconds a connection may stay idle before it is closed." },
	{ "shutdown_grace", K_INT, OFF(shutdown_grace), "20", 0, 600,
	  "Seconds in-flight requests get to finish after SIGTERM." },
	{ "max_connections", K_INT, OFF(max_connections), "1024", 1, 65536,
	  "Simultaneous connections accepted." },
	{ "default_lang", K_LANG, OFF(default_lang), "zh-TW", 0, 0,
	  "Interface language when neither the user nor the browser chooses: zh-TW or en." },
	{ "feed_dir", K_STRING, OFF(feed_dir), "../shared/data", 0, 0,
	  "Folder that `make run` loads vulnerability feeds from on an empty database." },
	{ "nvd_api_url", K_URL, OFF(nvd_api_url), "https://services.nvd.nist.gov/rest/json/cves/2.0", 0, 0,
	  "NVD CVE API 2.0 endpoint that `vans feed sync nvd` pages through." },
	{ "nvd_api_key", K_OPT_STRING, OFF(nvd_api_key), "", 0, 0,
	  "NVD API key (sent as the apiKey header; allows 50 instead of 5 requests per 30 s)." },
	{ "nvd_page_size", K_INT, OFF(nvd_page_size), "2000", 1, 2000, "resultsPerPage of each NVD API request." },
	{ "nvd_rate_window", K_INT, OFF(nvd_rate_window), "30", 1, 3600,
	  "Seconds of NVD's rate window (5 requests without a key, 50 with, per window)." },
	{ "nvd_retry_max", K_INT, OFF(nvd_retry_max), "6", 0, 100,
	  "Retries of one NVD request after 403, 429, 5xx or a connection failure." },
	{ "nvd_retry_base_ms", K_INT, OFF(nvd_retry_base_ms), "6000", 1, 600000,
	  "First back-off before a retry, in milliseconds; it doubles each time, up to 60 s." },
	{ "smtp_url", K_STRING, OFF(smtp_url), "smtp://127.0.0.1:25", 0, 0,
	  "Mail server for outgoing mail: smtp://HOST:PORT, smtps:// for TLS, user:password@ for AUTH; file:DIR writes .eml files (development)." },
	{ "smtp_from", K_STRING, OFF(smtp_from), "vans@localhost", 0, 0,
	  "Sender address of every mail vans sends." },
	{ "sms_driver", K_SMS, OFF(sms_driver), "file", 0, 0,
	  "How SMS leave: file (one JSON file per message in sms_outbox_dir, for development) or http." },
	{ "sms_outbox_dir", K_STRING, OFF(sms_outbox_dir), "var/sms", 0, 0,
	  "Folder of the file SMS driver." },
	{ "sms_gateway_url", K_OPT_STRING, OFF(sms_gateway_url), "", 0, 0,
	  "URL the http SMS driver POSTs each message to." },
	{ "sms_gateway_auth", K_OPT_STRING, OFF(sms_gateway_auth), "", 0, 0,
	  "Authorization header value for the SMS gateway (for example \"Bearer KEY\")." },
	{ "sms_gateway_template", K_STRING, OFF(sms_gateway_template), "{\"to\":\"{{to}}\",\"text\":\"{{text}}\"}", 0, 0,
	  "JSON body of a gateway request; {{to}} and {{text}} are replaced, JSON-escaped." },
	{ "match_poll_interval", K_INT, OFF(match_poll_interval), "30", 1, 86400,
	  "Seconds between checks of `vans serve` for feed changes another instance or command imported; findings are then refreshed." },
	{ "outbox_max_attempts", K_INT, OFF(outbox_max_attempts), "12", 1, 1000,
	  "Deliveries tried per message before it is marked failed." },
	{ "outbox_retry_seconds", K_INT, OFF(outbox_retry_seconds), "30", 1, 86400,
	  "Delay before the first retry of a message; doubles with each attempt (at most 6 hours)." },
	{ "notice_interval", K_INT, OFF(notice_interval), "60", 1, 86400,
	  "Seconds between two passes of the notice dispatcher of `vans serve` (new findings → notifications, mail, webhooks)." },
	{ "webhook_private_addresses", K_BOOL, OFF(webhook_private_addresses), "false", 0, 0,
	  "Let organisations' webhooks reach loopback, private and link-local addresses (tests, closed networks)." },
	{ "service_mailbox", K_STRING, OFF(service_mailbox), "vans-service@localhost", 0, 0,
	  "Service mailbox shown to organisations of level D and E, which cannot apply for VANS themselves." },
	{ "review_reject_mail", K_BOOL, OFF(review_reject_mail), "false", 0, 0,
	  "Mail the applicant when a permission request is rejected (the seed says no)." },
	{ "password_min_length", K_INT, OFF(password_min_length), "12", 8, 128,
	  "Shortest password accepted." },
	{ "password_require_mixed", K_BOOL, OFF(password_require_mixed), "true", 0, 0,
	  "Passwords must contain an upper-case letter, a lower-case letter and a digit." },
	{ "password_alnum_only", K_BOOL, OFF(password_alnum_only), "true", 0, 0,
	  "Passwords may contain letters and digits only (the rule of the national system)." },
	{ "password_hash_ops", K_INT, OFF(password_hash_ops), "2", 1, 10,
	  "Argon2id passes; a change rehashes each password at its next sign-in." },
	{ "password_hash_mem_mib", K_INT, OFF(password_hash_mem_mib), "64", 8, 4096,
	  "Argon2id memory in MiB; a change rehashes each password at its next sign-in." },
	{ "session_idle_timeout", K_INT, OFF(session_idle_timeout), "1800", 60, 604800,
	  "Seconds without a request after which a session ends." },
	{ "session_absolute_timeout", K_INT, OFF(session_absolute_timeout), "43200", 300, 2592000,
	  "Seconds after sign-in after which a session ends whatever the activity." },
	{ "lockout_threshold", K_INT, OFF(lockout_threshold), "5", 1, 100,
	  "Failed sign-ins in a row before the account is locked for a while." },
	{ "lockout_seconds", K_INT, OFF(lockout_seconds), "60", 1, 86400,
	  "First lockout; each further failure doubles it (at most one day)." },
	{ "otp_ttl", K_INT, OFF(otp_ttl), "600", 60, 3600,
	  "Seconds a one-time code sent by e-mail or SMS is valid." },
	{ "otp_max_attempts", K_INT, OFF(otp_max_attempts), "5", 1, 20,
	  "Wrong entries after which a one-time code is void." },
	{ "otp_sends_per_address", K_INT, OFF(otp_sends_per_address), "5", 1, 1000,
	  "Codes sent to one e-mail address or mobile number per hour." },
	{ "otp_sends_per_ip", K_INT, OFF(otp_sends_per_ip), "20", 1, 100000,
	  "Codes requested from one client address per hour." },
	{ "captcha_cost", K_INT, OFF(captcha_cost), "1000", 1, 1000000,
	  "PBKDF2-SHA256 iterations per captcha attempt (ALTCHA proof of work)." },
	{ "captcha_counter_max", K_INT, OFF(captcha_counter_max), "5000", 2, 10000000,
	  "The browser searches up to this many attempts (on average half) to solve a captcha." },
};

#define NKEYS (sizeof keys / sizeof keys[0])

static const char *source_name(enum config_source src)
{
	switch (src) {
	case CONFIG_FILE: return "config file";
	case CONFIG_ENV: return "environment";
	case CONFIG_FLAG: return "command line";
	default: return "default";
	}
}

static const struct key *find(const char *name)
{
	for (size_t i = 0; i < NKEYS; i++)
		if (strcmp(keys[i].name, name) == 0)
			return &keys[i];
	return NULL;
}

bool config_has_key(const char *key)
{
	return find(key) != NULL;
}

static int valid_listen(const char *v)
{
	const char *colon = strrchr(v, ':');
	if (!colon || colon == v)
		return 0;
	int64_t port;
	if (slice_to_i64(slice_of(colon + 1), 0, 65535, &port) < 0)
		return 0;
	return 1;
}

static void set_string(struct config *cfg, size_t off, const char *v)
{
	char **slot = (char **)((char *)cfg + off);
	free(*slot);
	*slot = xstrdup(v);
}

int config_set(struct config *cfg, const char *name, const char *value, enum config_source src,
	       char *err, size_t errlen)
{
	const struct key *k = find(name);
	if (!k) {
		snprintf(err, errlen, "%s: unknown setting (from %s)", name, source_name(src));
		return -1;
	}
	char *base = (char *)cfg;
	switch (k->kind) {
	case K_INT: {
		int64_t v;
		if (slice_to_i64(slice_of(value), k->min, k->max, &v) < 0) {
			snprintf(err, errlen, "%s: \"%s\" is not a whole number from %lld to %lld (from %s)",
				 name, value, (long long)k->min, (long long)k->max, source_name(src));
			return -1;
		}
		*(int64_t *)(base + k->offset) = v;
		return 0;
	}
	case K_BOOL: {
		bool v;
		if (!strcmp(value, "true") || !strcmp(value, "1") || !strcmp(value, "yes") || !strcmp(value, "on"))
			v = true;
		else if (!strcmp(value, "false") || !strcmp(value, "0") || !strcmp(value, "no") || !strcmp(value, "off"))
			v = false;
		else {
			snprintf(err, errlen, "%s: \"%s\" is not true or false (from %s)", name, value, source_name(src));
			return -1;
		}
		*(bool *)(base + k->offset) = v;
		return 0;
	}
	case K_LISTEN:
		if (!valid_listen(value)) {
			snprintf(err, errlen, "%s: \"%s\" is not HOST:PORT with a port from 0 to 65535 (from %s)",
				 name, value, source_name(src));
			return -1;
		}
		break;
	case K_LANG:
		if (strcmp(value, "zh-TW") && strcmp(value, "en")) {
			snprintf(err, errlen, "%s: \"%s\" is not zh-TW or en (from %s)", name, value, source_name(src));
			return -1;
		}
		break;
	case K_LEVEL:
		if (strcmp(value, "debug") && strcmp(value, "info") && strcmp(value, "warn") && strcmp(value, "error")) {
			snprintf(err, errlen, "%s: \"%s\" is not debug, info, warn or error (from %s)", name, value,
				 source_name(src));
			return -1;
		}
		break;
	case K_URL:
		if (strncmp(value, "http://", 7) && strncmp(value, "https://", 8)) {
			snprintf(err, errlen, "%s: \"%s\" must start with http:// or https:// (from %s)", name, value,
				 source_name(src));
			return -1;
		}
		break;
	case K_SMS:
		if (strcmp(value, "file") && strcmp(value, "http")) {
			snprintf(err, errlen, "%s: \"%s\" is not file or http (from %s)", name, value, source_name(src));
			return -1;
		}
		break;
	case K_OPT_STRING:
		break;
	case K_STRING:
		if (!*value) {
			snprintf(err, errlen, "%s: must not be empty (from %s)", name, source_name(src));
			return -1;
		}
		break;
	}
	set_string(cfg, k->offset, value);
	return 0;
}

void config_defaults(struct config *cfg)
{
	memset(cfg, 0, sizeof *cfg);
	char err[256];
	for (size_t i = 0; i < NKEYS; i++)
		if (config_set(cfg, keys[i].name, keys[i].def, CONFIG_DEFAULT, err, sizeof err) < 0)
			abort(); /* a default that fails its own validation is a bug */
}

void config_free(struct config *cfg)
{
	for (size_t i = 0; i < NKEYS; i++) {
		if (keys[i].kind == K_INT || keys[i].kind == K_BOOL)
			continue;
		char **slot = (char **)((char *)cfg + keys[i].offset);
		free(*slot);
		*slot = NULL;
	}
}

int config_load_file(struct config *cfg, const char *path, char *err, size_t errlen)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		snprintf(err, errlen, "config file %s: %s", path, strerror(errno));
		return -1;
	}
	char line[4096];
	int lineno = 0, rc = 0;
	while (fgets(line, sizeof line, f)) {
		lineno++;
		size_t n = strlen(line);
		if (n == sizeof line - 1 && line[n - 1] != '\n') {
			snprintf(err, errlen, "%s:%d: line too long", path, lineno);
			rc = -1;
			break;
		}
		struct slice s = slice_trim(slice_make(line, n));
		if (s.len == 0 || s.p[0] == '#')
			continue;
		struct slice key, val;
		bool found;
		val = slice_trim(slice_cut(s, '=', &key, &found));
		key = slice_trim(key);
		if (!found || key.len == 0) {
			snprintf(err, errlen, "%s:%d: expected \"key = value\"", path, lineno);
			rc = -1;
			break;
		}
		if (val.len >= 2 && val.p[0] == '"' && val.p[val.len - 1] == '"') {
			val.p++;
			val.len -= 2;
		}
		char *k = xstrndup(key.p, key.len), *v = xstrndup(val.p, val.len);
		char kerr[512];
		rc = config_set(cfg, k, v, CONFIG_FILE, kerr, sizeof kerr);
		if (rc < 0)
			snprintf(err, errlen, "%s:%d: %s", path, lineno, kerr);
		free(k);
		free(v);
		if (rc < 0)
			break;
	}
	fclose(f);
	return rc;
}

int config_load_env(struct config *cfg, char *err, size_t errlen)
{
	for (size_t i = 0; i < NKEYS; i++) {
		char env[64] = "VANS_";
		size_t j = 5;
		for (const char *p = keys[i].name; *p && j < sizeof env - 1; p++)
			env[j++] = (char)toupper((unsigned char)*p);
		env[j] = '\0';
		const char *v = getenv(env);
		if (v && config_set(cfg, keys[i].name, v, CONFIG_ENV, err, errlen) < 0) {
			/* name the variable too: that is what the user typed */
			size_t used = strlen(err);
			snprintf(err + used, errlen - used, " [%s]", env);
			return -1;
		}
	}
	return 0;
}

size_t config_key_count(void)
{
	return NKEYS;
}

const char *config_key_name(size_t i)
{
	return i < NKEYS ? keys[i].name : NULL;
}

const char *config_key_help(size_t i)
{
	return i < NKEYS ? keys[i].help : NULL;
}

const char *config_key_default(size_t i)
{
	return i < NKEYS ? keys[i].def : NULL;
}
