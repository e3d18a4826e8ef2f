/* Static assets (CSS, JS, images) served under content-hashed names such as
 * /static/app.1a2b3c4d5e6f.css, so browsers may cache them for a year. */
#ifndef VANS_WEB_ASSETS_H
#define VANS_WEB_ASSETS_H

#include <stddef.h>

#include "web/http.h"

/* Computes the hashed names of every embedded static/ file. */
int assets_init(char *err, size_t errlen);
void assets_free(void);
/* "/static/app.1a2b….css" for "app.css"; NULL when there is no such asset. */
const char *assets_url(const char *name, size_t len);
/* GET /static/{file}: serves a hashed name with immutable caching (unhashed names too,
 * revalidated, for pages cached before a deployment). */
void assets_handle(struct request *r, struct response *w);

#endif
