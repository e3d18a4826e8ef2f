/* Route matching by path segments: a "{name}" segment matches any one non-empty segment.
 * Linear over the table, which stays small (a few hundred routes at most). */
#include "web/router.h"

#include <string.h>

/* Matches one route; params filled on success. */
static int match_pattern(struct arena *a, const char *pattern, const char *path,
			 const char *params[ROUTE_MAX_PARAMS])
{
	const char *p = pattern, *s = path;
	int np = 0;
	while (*p && *s) {
		if (*p == '{') {
			const char *close = strchr(p, '}');
			if (!close)
				return 0;
			const char *seg_end = strchr(s, '/');
			size_t seglen = seg_end ? (size_t)(seg_end - s) : strlen(s);
			if (seglen == 0 || np == ROUTE_MAX_PARAMS)
				return 0;
			params[np++] = arena_strndup(a, s, seglen);
			p = close + 1;
			s += seglen;
			continue;
		}
		if (*p != *s)
			return 0;
		p++;
		s++;
	}
	return *p == '\0' && *s == '\0';
}

enum route_match router_match(struct arena *a, enum http_method method, const char *path,
			      const struct route **out, const char *params[ROUTE_MAX_PARAMS])
{
	int path_matched = 0;
	enum http_method want = method == HTTP_HEAD ? HTTP_GET : method;
	for (size_t i = 0; i < route_count; i++) {
		const char *tmp[ROUTE_MAX_PARAMS] = { 0 };
		if (!match_pattern(a, routes[i].pattern, path, tmp))
			continue;
		path_matched = 1;
		if (routes[i].method != want)
			continue;
		memcpy(params, tmp, sizeof tmp);
		*out = &routes[i];
		return ROUTE_FOUND;
	}
	*out = NULL;
	return path_matched ? ROUTE_BAD_METHOD : ROUTE_NOT_FOUND;
}

size_t route_index(const struct route *rt)
{
	return rt ? (size_t)(rt - routes) : route_count;
}
