/* Start-up of the web layer: templates and catalogues compiled and cross-checked, assets
 * hashed, and the server secret read from the database (created on first start), so
 * every instance sharing the database signs the same way. */
#include "web/app.h"
#include "web/assets.h"
#include "core/crypto.h"

#include <stdio.h>
#include <string.h>

struct web_app app;

static int load_secret(struct db *db, char *err, size_t errlen)
{
	unsigned char fresh[32];
	char hex[65];
	crypto_random(fresh, sizeof fresh);
	crypto_hex(fresh, sizeof fresh, hex, sizeof hex);
	struct db_stmt *s = db_stmt(db, STMT_SETTING_INSERT_IF_ABSENT);
	if (!s) {
		snprintf(err, errlen, "settings: %s", db_errmsg(db));
		return -1;
	}
	db_bind_text(s, ":key", "server_secret");
	db_bind_text(s, ":value", hex);
	if (db_exec(s) != ERR_OK) {
		snprintf(err, errlen, "settings: cannot store the server secret: %s", db_errmsg(db));
		return -1;
	}
	s = db_stmt(db, STMT_SETTING_GET);
	db_bind_text(s, ":key", "server_secret");
	if (db_step(s) != DB_ROW || db_col_len(s, 0) != 64) {
		db_reset(s);
		snprintf(err, errlen, "settings: the server secret is unreadable");
		return -1;
	}
	const char *v = db_col_text(s, 0);
	for (int i = 0; i < 32; i++) {
		unsigned hi, lo;
		if (sscanf(v + 2 * i, "%1x%1x", &hi, &lo) != 2) {
			db_reset(s);
			snprintf(err, errlen, "settings: the server secret is not hex");
			return -1;
		}
		app.secret[i] = (unsigned char)(hi << 4 | lo);
	}
	db_reset(s);
	crypto_wipe(fresh, sizeof fresh);
	return 0;
}

int web_app_init(const struct config *cfg, struct db *db, char *err, size_t errlen)
{
	app.cfg = cfg;
	app.default_lang = strcmp(cfg->default_lang, "en") == 0 ? LANG_EN : LANG_ZH_TW;
	if (i18n_init(err, errlen) < 0)
		return -1;
	app.tmpl = tmpl_set_new();
	if (tmpl_load_embedded(app.tmpl, err, errlen) < 0)
		return -1;
	if (assets_init(err, errlen) < 0)
		return -1;
	return load_secret(db, err, errlen);
}

void web_app_free(void)
{
	tmpl_set_free(app.tmpl);
	app.tmpl = NULL;
	assets_free();
	i18n_free();
}
