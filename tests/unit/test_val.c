/* Unit tests of the value tree and its JSON reader/writer (core/val, core/json). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "core/val.h"

static void objects_keep_insertion_order_and_replace_keys(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 0);
	struct val *o = val_obj(&a);
	val_set_str(&a, o, "b", "1");
	val_set_int(&a, o, "a", 2);
	val_set_str(&a, o, "b", "3");
	struct buf out;
	buf_init(&out, 0);
	val_write_json(o, &out);
	assert_string_equal(out.data, "{\"b\":\"3\",\"a\":2}");
	assert_string_equal(val_string(val_get(o, "b")), "3");
	assert_null(val_get(o, "zz"));
	buf_free(&out);
	arena_free(&a);
}

static void json_writer_escapes_control_characters_and_quotes(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 0);
	struct val *arr = val_arr(&a);
	val_push(&a, arr, val_str(&a, "a\"b\\c\n\x01 中文"));
	val_push(&a, arr, val_bool(&a, true));
	val_push(&a, arr, val_null(&a));
	val_push(&a, arr, val_real(&a, 9.8));
	struct buf out;
	buf_init(&out, 0);
	val_write_json(arr, &out);
	assert_string_equal(out.data, "[\"a\\\"b\\\\c\\n\\u0001 中文\",true,null,9.8]");
	buf_free(&out);
	arena_free(&a);
}

static void json_reader_round_trips_and_rejects_duplicates(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 0);
	struct val *v;
	char err[256];
	const char *text = "{\"api_key\":\"k\",\"data\":[{\"oid\":\"2.16.886.105.100010\",\"n\":1.5}]}";
	assert_int_equal(val_parse_json(&a, text, strlen(text), &v, err, sizeof err), 0);
	struct buf out;
	buf_init(&out, 0);
	val_write_json(v, &out);
	assert_string_equal(out.data, text);
	const char *dup = "{\"a\":1,\"a\":2}";
	assert_int_equal(val_parse_json(&a, dup, strlen(dup), &v, err, sizeof err), -1);
	assert_non_null(strstr(err, "line 1"));
	const char *broken = "{\"a\":\n[1,}";
	assert_int_equal(val_parse_json(&a, broken, strlen(broken), &v, err, sizeof err), -1);
	assert_non_null(strstr(err, "line 2"));
	buf_free(&out);
	arena_free(&a);
}

static void truthiness_follows_template_rules(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 0);
	assert_false(val_truthy(NULL));
	assert_false(val_truthy(val_null(&a)));
	assert_false(val_truthy(val_str(&a, "")));
	assert_false(val_truthy(val_int(&a, 0)));
	assert_false(val_truthy(val_arr(&a)));
	assert_true(val_truthy(val_obj(&a)));
	assert_true(val_truthy(val_str(&a, "x")));
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(objects_keep_insertion_order_and_replace_keys),
		cmocka_unit_test(json_writer_escapes_control_characters_and_quotes),
		cmocka_unit_test(json_reader_round_trips_and_rejects_duplicates),
		cmocka_unit_test(truthiness_follows_template_rules),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
