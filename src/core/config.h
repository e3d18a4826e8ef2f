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
