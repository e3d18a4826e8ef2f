/* Request handlers of the web shell, as named in web/routes/core.def. Each module declares
 * its own handlers in its own header (web/pages/<module>.h) and includes it from handlers.h.
 */
#ifndef VANS_WEB_HANDLERS_H
#define VANS_WEB_HANDLERS_H

#include "web/http.h"

/* pages/home.c */
void page_home(struct request *r, struct response *w);
void page_set_language(struct request *r, struct response *w);

/* api/health.c */
void probe_healthz(struct request *r, struct response *w);
void probe_readyz(struct request *r, struct response *w);
void probe_metrics(struct request *r, struct response *w);
void api_index(struct request *r, struct response *w);
void api_openapi(struct request *r, struct response *w);

#include "web/pages/identity.h"


#include "web/pages/kb.h"
#include "web/pages/vans_asset.h"

#endif
