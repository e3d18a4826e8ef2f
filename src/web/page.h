/* Rendering of HTML pages inside the base layout (header, navigation, language switch,
 * footer), and of the error pages. Handlers fill a context and name a template. */
#ifndef VANS_WEB_PAGE_H
#define VANS_WEB_PAGE_H

#include "core/val.h"
#include "web/http.h"

/* A new context object for a page, already holding what every template may use
 * (lang, csrf, path). */
struct val *page_context(struct request *r);
/* Renders template 'name' with ctx into the layout; title_key names the <title> message. */
void page_render(struct request *r, struct response *w, int status, const char *name,
		 const char *title_key, struct val *ctx);
/* The HTML error page for a status (403, 404, 405, 413, 500, …) in the request's language. */
void page_error(struct request *r, struct response *w, int status);

#endif
