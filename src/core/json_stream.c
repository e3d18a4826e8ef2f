/* Streaming JSON over yajl's callback parser: the one file that includes yajl, so the feed
 * readers (NVD, KEV) share one parser and one set of defaults (strict UTF-8, one value,
 * no comments, nothing after the value). */
#include "core/json_stream.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yajl/yajl_parse.h>

#include "core/alloc.h"

struct json_stream {
	yajl_handle h;
	yajl_callbacks cb;    /* yajl keeps a pointer to it: it lives here */
};

struct json_stream *json_stream_new(const struct json_stream_handlers *handlers, void *ctx)
{
	struct json_stream *js = xcalloc(1, sizeof(*js));
	/* the handler types are yajl's own, one for one */
	js->cb.yajl_null = handlers->null;
	js->cb.yajl_boolean = handlers->boolean;
	js->cb.yajl_integer = handlers->integer;
	js->cb.yajl_double = handlers->real;
	js->cb.yajl_number = handlers->number;
	js->cb.yajl_string = handlers->string;
	js->cb.yajl_start_map = handlers->start_map;
	js->cb.yajl_map_key = handlers->map_key;
	js->cb.yajl_end_map = handlers->end_map;
	js->cb.yajl_start_array = handlers->start_array;
	js->cb.yajl_end_array = handlers->end_array;
	js->h = yajl_alloc(&js->cb, NULL, ctx);
	if (!js->h)
		abort();    /* yajl_alloc fails only when malloc does */
	return js;
}

void json_stream_free(struct json_stream *js)
{
	if (!js)
		return;
	yajl_free(js->h);
	free(js);
}

static enum json_stream_status status(yajl_status st)
{
	switch (st) {
	case yajl_status_ok:
		return JSON_STREAM_OK;
	case yajl_status_client_canceled:
		return JSON_STREAM_STOPPED;
	default:
		return JSON_STREAM_ERROR;
	}
}

enum json_stream_status json_stream_parse(struct json_stream *js, const void *p, size_t len)
{
	return status(yajl_parse(js->h, p, len));
}

enum json_stream_status json_stream_finish(struct json_stream *js)
{
	return status(yajl_complete_parse(js->h));
}

size_t json_stream_consumed(const struct json_stream *js)
{
	return yajl_get_bytes_consumed(js->h);
}

void json_stream_error(struct json_stream *js, char *out, size_t outlen)
{
	if (!outlen)
		return;
	unsigned char *m = yajl_get_error(js->h, 0, NULL, 0);
	size_t n = m ? strlen((const char *)m) : 0;
	while (n > 0 && (m[n - 1] == '\n' || m[n - 1] == ' ' || m[n - 1] == '.'))
		n--;
	if (n)
		snprintf(out, outlen, "%.*s", (int)n, (const char *)m);
	else
		snprintf(out, outlen, "syntax error");
	if (m)
		yajl_free_error(js->h, m);
}
