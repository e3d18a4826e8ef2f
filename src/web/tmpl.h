/* The template engine: mustache-like syntax over the value tree, HTML-escaping by default.
 *   {{name}} {{a.b}} {{.}}    escaped value          {{{name}}}  raw (trusted HTML only)
 *   {{#name}}…{{/name}}       section: loop over an array, enter an object, or show if truthy
 *   {{^name}}…{{/name}}       shown when falsy         {{>partial}}  another template
 *   {{t key}}                 message of the page's language    {{asset file}}  static URL
 *   {{! comment }}
 * Templates are compiled once at start-up; rendering allocates only output. */
#ifndef VANS_WEB_TMPL_H
#define VANS_WEB_TMPL_H

#include <stddef.h>

#include "core/buf.h"
#include "core/val.h"
#include "web/i18n.h"

struct tmpl_set;

/* Helpers the renderer calls for {{asset …}}; NULL uses the name as given. */
struct tmpl_env {
	enum lang lang;
	const char *(*asset_url)(const char *name, size_t len);
};

struct tmpl_set *tmpl_set_new(void);
void tmpl_set_free(struct tmpl_set *set);
/* Compiles one template under a name (e.g. "home"). Errors name the template and line. */
int tmpl_add(struct tmpl_set *set, const char *name, const char *text, size_t len, char *err,
	     size_t errlen);
/* Compiles every embedded templates/NAME.html and checks that partials and messages exist. */
int tmpl_load_embedded(struct tmpl_set *set, char *err, size_t errlen);
/* Checks that every partial named exists and every {{t key}} is in both catalogues. */
int tmpl_check(const struct tmpl_set *set, char *err, size_t errlen);
int tmpl_render(const struct tmpl_set *set, const char *name, const struct val *ctx,
		const struct tmpl_env *env, struct buf *out);
int tmpl_exists(const struct tmpl_set *set, const char *name);

/* HTML-escapes s into out: & < > " ' */
void html_escape(struct buf *out, const char *s, size_t len);

#endif
