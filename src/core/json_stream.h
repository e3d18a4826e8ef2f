/* Streaming JSON: an event parser (yajl underneath, the only file that includes it) for
 * feeds too big to hold as a tree. Bytes go in piece by piece; handlers see each token. */
#ifndef VANS_CORE_JSON_STREAM_H
#define VANS_CORE_JSON_STREAM_H

#include <stddef.h>

/* Each handler returns non-zero to go on and 0 to stop the parse (json_stream_parse then
 * returns JSON_STREAM_STOPPED). A NULL handler ignores its tokens. When number is set it
 * receives every number as written and integer/real are never called; otherwise a number
 * goes to integer when it has no fraction or exponent and fits, else to real. Strings
 * and keys are UTF-8-checked and unescaped; they point into parser memory valid only
 * during the call. */
struct json_stream_handlers {
	int (*null)(void *ctx);
	int (*boolean)(void *ctx, int v);
	int (*integer)(void *ctx, long long v);
	int (*real)(void *ctx, double v);
	int (*number)(void *ctx, const char *s, size_t len);
	int (*string)(void *ctx, const unsigned char *s, size_t len);
	int (*start_map)(void *ctx);
	int (*map_key)(void *ctx, const unsigned char *key, size_t len);
	int (*end_map)(void *ctx);
	int (*start_array)(void *ctx);
	int (*end_array)(void *ctx);
};

enum json_stream_status {
	JSON_STREAM_OK,
	JSON_STREAM_STOPPED,        /* a handler returned 0 */
	JSON_STREAM_ERROR,          /* malformed JSON: see json_stream_error */
	JSON_STREAM__MAX
};

struct json_stream;

/* handlers must outlive the stream. Allocation failure aborts. */
struct json_stream *json_stream_new(const struct json_stream_handlers *handlers, void *ctx);
void json_stream_free(struct json_stream *js);   /* NULL is a no-op */

/* Parses the next piece of one JSON document (one value, nothing after it). */
enum json_stream_status json_stream_parse(struct json_stream *js, const void *p, size_t len);
/* Ends the document: a value left open is JSON_STREAM_ERROR. */
enum json_stream_status json_stream_finish(struct json_stream *js);
/* Bytes of the piece being parsed consumed so far: inside a handler, the offset just
 * after the current token; after an error, where the parser stopped. */
size_t json_stream_consumed(const struct json_stream *js);
/* The parser's message for the last JSON_STREAM_ERROR ("lexical error: invalid char in
 * json text"), without a trailing newline or full stop. */
void json_stream_error(struct json_stream *js, char *out, size_t outlen);

#endif
