/* The home page (what vans offers, in the visitor's language) and the language switch,
 * which remembers the choice in a cookie. */
#include "web/handlers.h"
#include "web/page.h"

#include <string.h>

void page_home(struct request *r, struct response *w)
{
	struct arena *a = &r->arena;
	struct val *ctx = page_context(r);
	static const char *const services[] = { "vans", "kb", "incident", "vuln", "phishing", "intel" };
	struct val *list = val_arr(a);
	for (size_t i = 0; i < sizeof services / sizeof services[0]; i++) {
		struct val *o = val_obj(a);
		val_set_str(a, o, "id", services[i]);
		val_push(a, list, o);
	}
	val_set(a, ctx, "services", list);
	page_render(r, w, 200, "home", "home.title", ctx);
}

/* Only local paths may be redirect targets, so the switch cannot become an open redirect. */
static const char *safe_next(const char *next)
{
	if (!next || next[0] != '/' || next[1] == '/' || next[1] == '\\' || strpbrk(next, "\r\n"))
		return "/";
	return next;
}

void page_set_language(struct request *r, struct response *w)
{
	const char *code = req_form(r, "lang");
	int l = code ? lang_parse(code, strlen(code)) : -1;
	if (l < 0) {
		w->status = 400;
		return;
	}
	resp_cookie(r, w, "vans_lang", lang_code((enum lang)l), 365L * 24 * 3600);
	resp_redirect(r, w, 303, safe_next(req_form(r, "next")));
}
