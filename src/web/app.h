/* State shared by every request of the web server, set up once by web_app_init and
 * read-only afterwards (except the atomic 'draining' flag). */
#ifndef VANS_WEB_APP_H
#define VANS_WEB_APP_H

#include <stdatomic.h>
#include <stddef.h>

#include "core/config.h"
#include "store/db.h"
#include "web/tmpl.h"

struct web_app {
	const struct config *cfg;
	struct tmpl_set *tmpl;
	unsigned char secret[32];   /* server secret: CSRF tokens; shared by all instances via the db */
	enum lang default_lang;
	atomic_int draining;        /* set on SIGTERM: responses close their connections */
	const char *version;
};

extern struct web_app app;

/* Loads templates, catalogues and assets and reads (or creates) the server secret. */
int web_app_init(const struct config *cfg, struct db *db, char *err, size_t errlen);
void web_app_free(void);

#endif
