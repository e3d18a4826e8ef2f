/* Response helpers shared by handlers, and the mapping of error codes to HTTP status.
 * Headers and cookies are collected in the request arena; server.c sends them. */
#include "web/http.h"
#include "web/form.h"
#include "web/multipart.h"
#include "core/val.h"

#include <stdio.h>
#include <string.h>

void resp_header(struct request *r, struct response *w, const char *name, const char *value)
{
	struct kv *h = arena_alloc(&r->arena, sizeof *h);
	h->key = arena_strdup(&r->arena, name);
	h->value = arena_strdup(&r->arena, value);
	h->value_len = strlen(value);
	h->next = w->headers;
	w->headers = h;
}

void resp_cookie(struct request *r, struct response *w, const char *name, const char *value,
		 long max_age)
{
	char age[48] = "";
	if (max_age >= 0)
		snprintf(age, sizeof age, "; Max-Age=%ld", max_age);
	const char *v = arena_printf(&r->arena, "%s=%s; Path=/; HttpOnly; SameSite=Lax%s%s", name, value, age,
				     r->tls ? "; Secure" : "");
	resp_header(r, w, "Set-Cookie", v);
}

void resp_text(struct response *w, int status, const char *content_type, const char *body, size_t len)
{
	w->status = status;
	w->content_type = content_type;
	buf_reset(&w->body);
	buf_append(&w->body, body, len);
}

void resp_redirect(struct request *r, struct response *w, int status, const char *location)
{
	w->status = status;
	resp_header(r, w, "Location", location);
}

void resp_json_error(struct response *w, int status, const char *code, const char *message)
{
	w->status = status;
	w->content_type = "application/json";
	buf_reset(&w->body);
	struct arena a;
	arena_init(&a, 1024);
	struct val *root = val_obj(&a), *e = val_obj(&a);
	val_set_str(&a, e, "code", code);
	val_set_str(&a, e, "message", message);
	val_set(&a, root, "error", e);
	val_write_json(root, &w->body);
	arena_free(&a);
}

const char *req_form(struct request *r, const char *name)
{
	if (!r->form_parsed) {
		r->form_parsed = true;
		const char *ct = req_header(r, "Content-Type");
		if (ct && strncmp(ct, "application/x-www-form-urlencoded", 33) == 0) {
			r->form = form_parse(&r->arena, r->body.data ? r->body.data : "", r->body.len, NULL);
		} else if (ct && strncmp(ct, "multipart/form-data", 19) == 0) {
			/* the text fields of an upload form (its CSRF token among them); files are
			 * read with multipart_parse by the handler that takes them */
			struct kv **tail = &r->form;
			for (const struct mp_part *p = multipart_parse(&r->arena, ct, r->body.data ? r->body.data : "",
								       r->body.len); p; p = p->next) {
				if (p->filename)
					continue;
				struct kv *f = arena_zalloc(&r->arena, sizeof *f);
				f->key = p->name;
				f->value = arena_strndup(&r->arena, p->data, p->len);
				f->value_len = p->len;
				*tail = f;
				tail = &f->next;
			}
		}
	}
	return form_get(r->form, name);
}

const char *req_param(struct request *r, int i)
{
	return i >= 0 && i < ROUTE_MAX_PARAMS ? r->params[i] : NULL;
}

enum http_method http_method_parse(const char *s)
{
	static const char *const names[] = { "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS" };
	for (int i = 0; i < (int)(sizeof names / sizeof names[0]); i++)
		if (strcmp(s, names[i]) == 0)
			return (enum http_method)i;
	return HTTP_OTHER;
}

const char *http_reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 201: return "Created";
	case 204: return "No Content";
	case 303: return "See Other";
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 409: return "Conflict";
	case 413: return "Payload Too Large";
	case 415: return "Unsupported Media Type";
	case 422: return "Unprocessable Content";
	case 429: return "Too Many Requests";
	case 503: return "Service Unavailable";
	default: return status >= 500 ? "Internal Server Error" : "Error";
	}
}

int http_status_for(enum err e)
{
	switch (e) {
	case ERR_OK: return 200;
	case ERR_INVALID: return 422;
	case ERR_NOT_FOUND: return 404;
	case ERR_EXISTS: return 409;
	case ERR_DENIED: return 403;
	case ERR_UNAUTHENTICATED: return 401;
	case ERR_TOO_LARGE: return 413;
	case ERR_RATE_LIMITED: return 429;
	case ERR_CONFLICT: return 409;
	case ERR_UNAVAILABLE: return 503;
	case ERR_DB:
	case ERR_IO:
	case ERR_INTERNAL:
	default: return 500;
	}
}
