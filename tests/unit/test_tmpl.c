/* Unit tests of the template engine and the message catalogues: escaping by default,
 * sections, partials, compile errors with line numbers, and that both catalogues and all
 * embedded templates are complete and compile. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "web/i18n.h"
#include "web/tmpl.h"

static int setup(void **state)
{
	(void)state;
	char err[256];
	return i18n_init(err, sizeof err);
}

static int teardown(void **state)
{
	(void)state;
	i18n_free();
	return 0;
}

static const char *render(struct tmpl_set *set, const char *src, const struct val *ctx, struct buf *out)
{
	char err[256];
	if (tmpl_add(set, "t", src, strlen(src), err, sizeof err) < 0)
		return NULL;
	struct tmpl_env env = { .lang = LANG_EN };
	buf_reset(out);
	if (tmpl_render(set, "t", ctx, &env, out) < 0)
		return NULL;
	return out->data ? out->data : "";
}

static void values_are_html_escaped_unless_triple_braced(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 0);
	struct val *ctx = val_obj(&a);
	val_set_str(&a, ctx, "name", "<script>alert('x')</script>&\"");
	struct tmpl_set *set = tmpl_set_new();
	struct buf out;
	buf_init(&out, 0);
	assert_string_equal(render(set, "<p>{{name}}</p><p>{{{name}}}</p>", ctx, &out),
			    "<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;</p>"
			    "<p><script>alert('x')</script>&\"</p>");
	tmpl_set_free(set);
	buf_free(&out);
	arena_free(&a);
}

static void sections_loop_enter_objects_and_invert(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 0);
	struct val *ctx = val_obj(&a), *items = val_arr(&a), *user = val_obj(&a);
	for (int i = 1; i <= 3; i++) {
		struct val *o = val_obj(&a);
		val_set_int(&a, o, "n", i);
		val_push(&a, items, o);
	}
	val_set(&a, ctx, "items", items);
	val_set_str(&a, user, "name", "Ann");
	val_set(&a, ctx, "user", user);
	val_set_str(&a, ctx, "site", "vans");
	struct tmpl_set *set = tmpl_set_new();
	struct buf out;
	buf_init(&out, 0);
	assert_string_equal(render(set, "{{#items}}[{{n}}@{{site}}]{{/items}}{{^none}}empty{{/none}}"
				   "{{#user}}{{name}}{{/user}}{{user.name}}{{! a comment }}",
				   ctx, &out),
			    "[1@vans][2@vans][3@vans]emptyAnnAnn");
	tmpl_set_free(set);
	buf_free(&out);
	arena_free(&a);
}

static void messages_come_from_the_page_language(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 0);
	struct tmpl_set *set = tmpl_set_new();
	char err[256];
	assert_int_equal(tmpl_add(set, "m", "{{t nav.home}}", 14, err, sizeof err), 0);
	struct buf out;
	buf_init(&out, 0);
	struct tmpl_env zh = { .lang = LANG_ZH_TW }, en = { .lang = LANG_EN };
	assert_int_equal(tmpl_render(set, "m", val_obj(&a), &zh, &out), 0);
	assert_string_equal(out.data, "首頁");
	buf_reset(&out);
	assert_int_equal(tmpl_render(set, "m", val_obj(&a), &en, &out), 0);
	assert_string_equal(out.data, "Home");
	tmpl_set_free(set);
	buf_free(&out);
	arena_free(&a);
}

static void compile_errors_name_the_template_and_line(void **state)
{
	(void)state;
	struct tmpl_set *set = tmpl_set_new();
	char err[256];
	const char *unclosed = "a\n{{#x}}\nb";
	assert_int_equal(tmpl_add(set, "bad", unclosed, strlen(unclosed), err, sizeof err), -1);
	assert_non_null(strstr(err, "bad"));
	assert_non_null(strstr(err, "line 2"));
	const char *mismatch = "{{#x}}{{/y}}";
	assert_int_equal(tmpl_add(set, "bad2", mismatch, strlen(mismatch), err, sizeof err), -1);
	assert_non_null(strstr(err, "closes"));
	const char *open = "{{name";
	assert_int_equal(tmpl_add(set, "bad3", open, strlen(open), err, sizeof err), -1);
	const char *partial = "{{>missing}}";
	assert_int_equal(tmpl_add(set, "p", partial, strlen(partial), err, sizeof err), 0);
	assert_int_equal(tmpl_check(set, err, sizeof err), -1);
	assert_non_null(strstr(err, "no template missing"));
	tmpl_set_free(set);
}

static void both_catalogues_have_the_same_keys(void **state)
{
	(void)state;
	assert_true(i18n_count(LANG_ZH_TW) > 10);
	for (int l = 0; l < LANG__MAX; l++) {
		int other = l == LANG_ZH_TW ? LANG_EN : LANG_ZH_TW;
		for (size_t i = 0; i < i18n_count((enum lang)l); i++) {
			const char *k = i18n_key_at((enum lang)l, i);
			if (!i18n_lookup((enum lang)other, k, strlen(k)))
				fail_msg("%s is in %s.msg but not in %s.msg", k, lang_code((enum lang)l),
					 lang_code((enum lang)other));
		}
	}
}

static void every_embedded_template_compiles_with_its_messages(void **state)
{
	(void)state;
	struct tmpl_set *set = tmpl_set_new();
	char err[512] = "";
	int rc = tmpl_load_embedded(set, err, sizeof err);
	if (rc < 0)
		fail_msg("%s", err);
	assert_true(tmpl_exists(set, "layout"));
	assert_true(tmpl_exists(set, "error"));
	tmpl_set_free(set);
}

static void accept_language_picks_the_best_offered_language(void **state)
{
	(void)state;
	const struct { const char *header; enum lang want; } cases[] = {
		{ "en-US,en;q=0.9", LANG_EN },
		{ "zh-TW,zh;q=0.9,en;q=0.8", LANG_ZH_TW },
		{ "zh-Hant-TW", LANG_ZH_TW },
		{ "en;q=0.4, zh-TW;q=0.6", LANG_ZH_TW },
		{ "fr-FR, de;q=0.5", LANG_ZH_TW },      /* nothing offered: the default */
		{ "zh-CN", LANG_ZH_TW },                 /* Simplified is not offered */
		{ "en;q=0", LANG_ZH_TW },                /* q=0 means "not acceptable" */
		{ "fr, en;q=0.1", LANG_EN },
		{ "", LANG_ZH_TW },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		enum lang got = lang_negotiate(cases[i].header, strlen(cases[i].header), LANG_ZH_TW);
		if (got != cases[i].want)
			fail_msg("\"%s\" gave %s", cases[i].header, lang_code(got));
	}
	assert_int_equal(lang_negotiate("fr", 2, LANG_EN), LANG_EN);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(values_are_html_escaped_unless_triple_braced),
		cmocka_unit_test(sections_loop_enter_objects_and_invert),
		cmocka_unit_test(messages_come_from_the_page_language),
		cmocka_unit_test(compile_errors_name_the_template_and_line),
		cmocka_unit_test(both_catalogues_have_the_same_keys),
		cmocka_unit_test(every_embedded_template_compiles_with_its_messages),
		cmocka_unit_test(accept_language_picks_the_best_offered_language),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
