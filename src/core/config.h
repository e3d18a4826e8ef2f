/* Run-time configuration: built-in defaults, then a file (--config), then VANS_* environment
 * variables, then command-line flags. Every key is in one table (config.c) and documented
 * in docs/configuration.md; a bad value stops start-up with a message naming the key. */
#ifndef VANS_CORE_CONFIG_H
#define VANS_CORE_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct config {
	char *db;                 /* database URL or SQLite path */
	int64_t db_statement_timeout; /* ms before PostgreSQL cancels a statement; 0 = never */
	char *listen;             /* host:port */
	int64_t threads;          /* HTTP worker threads; 0 = number of CPUs */
	char *log_level;
	char *base_url;           /* public URL of this installation, for links in mail */
	bool trust_proxy;         /* honour X-Forwarded-For / -Proto from the reverse proxy */
	int64_t max_body;         /* bytes of a request body */
	int64_t max_upload;       /* bytes of a file upload */
	int64_t request_timeout;  /* seconds a connection may stay idle */
	int64_t shutdown_grace;   /* seconds in-flight requests get after SIGTERM */
	int64_t max_connections;
	char *default_lang;       /* zh-TW or en */
	char *feed_dir;           /* where make run looks for vulnerability feeds */
	char *nvd_api_url;        /* NVD CVE API 2.0 endpoint */
	char *nvd_api_key;        /* "" for none */
	int64_t nvd_page_size;
	int64_t nvd_rate_window;  /* seconds */
	int64_t nvd_retry_max;
	int64_t nvd_retry_base_ms;
	/* outbound messages (src/outbox) */
	char *smtp_url;           /* smtp://host:port or smtps://user:pass@host */
	char *smtp_from;          /* From: address of every mail */
	char *sms_driver;         /* "file" or "http" */
	char *sms_outbox_dir;     /* file driver: one JSON file per message */
	char *sms_gateway_url;    /* http driver */
	char *sms_gateway_auth;   /* http driver: Authorization header value */
	char *sms_gateway_template; /* http driver: JSON body with {{to}} and {{text}} */
	int64_t outbox_max_attempts;
	int64_t outbox_retry_seconds; /* first retry delay; doubles each attempt */
	/* VANS notices (src/vans/notice.c) */
	int64_t notice_interval;  /* seconds between passes of the notice dispatcher of serve */
	bool webhook_private_addresses; /* webhooks may go to loopback and private addresses */
	/* identity (src/identity) */
	char *service_mailbox;    /* where level D/E organisations write for VANS access */
	bool review_reject_mail;  /* mail the applicant when a request is rejected */
	int64_t password_min_length;
	bool password_require_mixed; /* upper, lower and digit each required */
	bool password_alnum_only; /* letters and digits only (the seed's rule) */
	int64_t password_hash_ops;   /* Argon2id opslimit */
	int64_t password_hash_mem_mib; /* Argon2id memlimit */
	int64_t session_idle_timeout;
	int64_t session_absolute_timeout;
	int64_t lockout_threshold;   /* failed sign-ins before a lockout */
	int64_t lockout_seconds;     /* first lockout; doubles with each further failure */
	int64_t otp_ttl;             /* seconds a one-time code is valid */
	int64_t otp_max_attempts;
	int64_t otp_sends_per_address; /* codes per e-mail address or mobile per hour */
	int64_t otp_sends_per_ip;      /* codes per client address per hour */
	int64_t captcha_cost;          /* PBKDF2 iterations per captcha attempt */
	int64_t captcha_counter_max;   /* the secret counter is below this */
	int64_t match_poll_interval;   /* seconds between checks for another instance's feed import */
};

enum config_source { CONFIG_DEFAULT, CONFIG_FILE, CONFIG_ENV, CONFIG_FLAG };

/* Fills cfg with the defaults. */
void config_defaults(struct config *cfg);
/* Sets one key from a textual value. On error writes "KEY: reason" to err and returns -1. */
int config_set(struct config *cfg, const char *key, const char *value, enum config_source src,
	       char *err, size_t errlen);
/* Reads a "key = value" file; errors name the file and line. */
int config_load_file(struct config *cfg, const char *path, char *err, size_t errlen);
int config_load_env(struct config *cfg, char *err, size_t errlen);
/* True when 'key' names a setting (flags are the keys with '_' written as '-'). */
bool config_has_key(const char *key);
void config_free(struct config *cfg);

/* Iteration over the documented keys (for `vans help config` and the docs test). */
size_t config_key_count(void);
const char *config_key_name(size_t i);
const char *config_key_help(size_t i);
const char *config_key_default(size_t i);

#endif
