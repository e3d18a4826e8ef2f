/* Unit tests of the web layer's pure parts: route matching with parameters and methods,
 * urlencoded forms, and the mapping of error codes to HTTP status. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "web/form.h"
#include "web/http.h"
#include "web/router.h"

static void routes_match_paths_methods_and_parameters(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 0);
	const struct route *rt;
	const char *params[ROUTE_MAX_PARAMS];
	assert_int_equal(router_match(&a, HTTP_GET, "/", &rt, params), ROUTE_FOUND);
	assert_string_equal(rt->pattern, "/");
	assert_int_equal(router_match(&a, HTTP_HEAD, "/healthz", &rt, params), ROUTE_FOUND);
	assert_int_equal(router_match(&a, HTTP_GET, "/static/app.css", &rt, params), ROUTE_FOUND);
	assert_string_equal(params[0], "app.css");
	assert_int_equal(router_match(&a, HTTP_GET, "/static/", &rt, params), ROUTE_NOT_FOUND);
	assert_int_equal(router_match(&a, HTTP_GET, "/static/a/b", &rt, params), ROUTE_NOT_FOUND);
	assert_int_equal(router_match(&a, HTTP_DELETE, "/healthz", &rt, params), ROUTE_BAD_METHOD);
	assert_int_equal(router_match(&a, HTTP_GET, "/healthz/", &rt, params), ROUTE_NOT_FOUND);
	assert_int_equal(router_match(&a, HTTP_GET, "/nope", &rt, params), ROUTE_NOT_FOUND);
	assert_null(rt);
	arena_free(&a);
}

static void every_route_has_a_handler_and_a_known_policy(void **state)
{
	(void)state;
	for (size_t i = 0; i < route_count; i++) {
		assert_non_null(routes[i].fn);
		assert_true(routes[i].policy < POLICY__MAX);
		assert_true(routes[i].pattern[0] == '/');
		for (size_t j = 0; j < i; j++)
			if (routes[j].method == routes[i].method && strcmp(routes[j].pattern, routes[i].pattern) == 0)
				fail_msg("route %s is listed twice", routes[i].pattern);
	}
}

static void forms_decode_plus_percent_and_keep_order(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 0);
	const char *body = "name=%E7%8E%8B%E5%B0%8F%E6%98%8E&note=a+b%21&empty=&flag&name=second&bad=%zz%4";
	struct kv *f = form_parse(&a, body, strlen(body), NULL);
	assert_string_equal(form_get(f, "name"), "王小明");
	assert_string_equal(form_get(f, "note"), "a b!");
	assert_string_equal(form_get(f, "empty"), "");
	assert_string_equal(form_get(f, "flag"), "");
	assert_string_equal(form_get(f, "bad"), "%zz%4");
	assert_null(form_get(f, "missing"));
	int n = 0;
	for (struct kv *k = f; k; k = k->next)
		n++;
	assert_int_equal(n, 6);
	arena_free(&a);
}

static void forms_stop_at_the_field_cap(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 0);
	struct buf b;
	buf_init(&b, 0);
	for (int i = 0; i < FORM_MAX_FIELDS + 5; i++)
		buf_printf(&b, "f%d=1&", i);
	int too_many;
	struct kv *f = form_parse(&a, b.data, b.len, &too_many);
	assert_true(too_many);
	int n = 0;
	for (struct kv *k = f; k; k = k->next)
		n++;
	assert_int_equal(n, FORM_MAX_FIELDS);
	buf_free(&b);
	arena_free(&a);
}

static void errors_map_to_http_status_in_one_place(void **state)
{
	(void)state;
	assert_int_equal(http_status_for(ERR_OK), 200);
	assert_int_equal(http_status_for(ERR_INVALID), 422);
	assert_int_equal(http_status_for(ERR_NOT_FOUND), 404);
	assert_int_equal(http_status_for(ERR_DENIED), 403);
	assert_int_equal(http_status_for(ERR_UNAUTHENTICATED), 401);
	assert_int_equal(http_status_for(ERR_TOO_LARGE), 413);
	assert_int_equal(http_status_for(ERR_RATE_LIMITED), 429);
	assert_int_equal(http_status_for(ERR_DB), 500);
	assert_int_equal(http_status_for(ERR_UNAVAILABLE), 503);
	assert_string_equal(err_str(ERR_DENIED), "forbidden");
	assert_string_equal(err_str((enum err)999), "internal_error");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(routes_match_paths_methods_and_parameters),
		cmocka_unit_test(every_route_has_a_handler_and_a_known_policy),
		cmocka_unit_test(forms_decode_plus_percent_and_keep_order),
		cmocka_unit_test(forms_stop_at_the_field_cap),
		cmocka_unit_test(errors_map_to_http_status_in_one_place),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
