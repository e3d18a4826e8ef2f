/* Asset table: built once at start-up from the embedded static/ files. The hash is of the
 * content, so a changed file gets a new URL and stale caches cannot serve old code. */
#include "web/assets.h"
#include "core/alloc.h"
#include "core/crypto.h"
#include "core/embedded.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct asset {
	const char *name;          /* "app.css" */
	char *hashed;              /* "app.1a2b3c4d5e6f.css" */
	char *url;                 /* "/static/app.1a2b3c4d5e6f.css" */
	const struct embedded_file *file;
	const char *content_type;
};

static struct asset *assets;
static size_t nassets;

static const char *content_type_of(const char *name)
{
	static const struct { const char *ext, *type; } types[] = {
		{ ".css", "text/css; charset=utf-8" },
		{ ".js", "text/javascript; charset=utf-8" },
		{ ".mjs", "text/javascript; charset=utf-8" },
		{ ".svg", "image/svg+xml" },
		{ ".png", "image/png" },
		{ ".ico", "image/x-icon" },
		{ ".woff2", "font/woff2" },
		{ ".json", "application/json" },
		{ ".txt", "text/plain; charset=utf-8" },
		{ ".csv", "text/csv; charset=utf-8" },
		{ ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
	};
	const char *dot = strrchr(name, '.');
	for (size_t i = 0; dot && i < sizeof types / sizeof types[0]; i++)
		if (strcmp(dot, types[i].ext) == 0)
			return types[i].type;
	return "application/octet-stream";
}

int assets_init(char *err, size_t errlen)
{
	(void)err;
	(void)errlen;
	assets_free();
	assets = xcalloc(embedded_count ? embedded_count : 1, sizeof *assets);
	for (unsigned long i = 0; i < embedded_count; i++) {
		const struct embedded_file *f = &embedded_files[i];
		if (strncmp(f->name, "static/", 7) != 0)
			continue;
		struct asset *a = &assets[nassets++];
		a->name = f->name + 7;
		a->file = f;
		a->content_type = content_type_of(a->name);
		char hex[13];
		crypto_hash_hex(f->data, f->len, 6, hex, sizeof hex);
		const char *dot = strrchr(a->name, '.');
		size_t stem = dot ? (size_t)(dot - a->name) : strlen(a->name);
		size_t n = strlen(a->name) + sizeof hex + 2;
		a->hashed = xmalloc(n);
		snprintf(a->hashed, n, "%.*s.%s%s", (int)stem, a->name, hex, dot ? dot : "");
		n = strlen(a->hashed) + 9;
		a->url = xmalloc(n);
		snprintf(a->url, n, "/static/%s", a->hashed);
	}
	return 0;
}

void assets_free(void)
{
	for (size_t i = 0; i < nassets; i++) {
		free(assets[i].hashed);
		free(assets[i].url);
	}
	free(assets);
	assets = NULL;
	nassets = 0;
}

const char *assets_url(const char *name, size_t len)
{
	for (size_t i = 0; i < nassets; i++)
		if (strncmp(assets[i].name, name, len) == 0 && assets[i].name[len] == '\0')
			return assets[i].url;
	return NULL;
}

void assets_handle(struct request *r, struct response *w)
{
	const char *file = req_param(r, 0);
	for (size_t i = 0; i < nassets; i++) {
		const struct asset *a = &assets[i];
		int hashed = strcmp(a->hashed, file) == 0;
		if (!hashed && strcmp(a->name, file) != 0)
			continue;
		resp_text(w, 200, a->content_type, (const char *)a->file->data, a->file->len);
		if (hashed)
			w->is_static = true;
		else
			w->cache_control = "no-cache";
		return;
	}
	w->status = 404;
}
