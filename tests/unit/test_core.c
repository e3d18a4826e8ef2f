/* Unit tests of src/core: arena, capped buffer, slices, clock parsing, configuration
 * precedence and validation, crypto helpers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/clock.h"
#include "core/config.h"
#include "core/crypto.h"
#include "core/str.h"

static void arena_hands_out_aligned_distinct_memory(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 256);
	char *p = arena_alloc(&a, 3), *q = arena_alloc(&a, 5);
	assert_true(((uintptr_t)p % _Alignof(max_align_t)) == 0);
	assert_true(((uintptr_t)q % _Alignof(max_align_t)) == 0);
	assert_true(q >= p + 3);
	/* a block-sized allocation gets its own block and earlier data survives */
	memcpy(p, "ab", 3);
	char *big = arena_alloc(&a, 10000);
	memset(big, 'x', 10000);
	assert_string_equal(p, "ab");
	assert_string_equal(arena_printf(&a, "%s-%d", "cve", 42), "cve-42");
	assert_string_equal(arena_strndup(&a, "hello", 4), "hell");
	arena_reset(&a);
	assert_int_equal(a.used_total, 0);
	assert_non_null(arena_alloc(&a, 16));
	/* an array grown one element at a time keeps what it held */
	size_t cap = 0;
	int *v = NULL;
	for (int i = 0; i < 100; i++) {
		v = arena_grow(&a, v, (size_t)i, &cap, sizeof *v);
		v[i] = i * i;
	}
	assert_true(cap >= 100 && cap < 200);
	for (int i = 0; i < 100; i++)
		assert_int_equal(v[i], i * i);
	assert_ptr_equal(arena_grow(&a, v, 100, &cap, sizeof *v), v);
	arena_free(&a);
}

static void buf_refuses_appends_beyond_its_cap(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 8);
	assert_int_equal(buf_puts(&b, "12345"), 0);
	assert_int_equal(buf_printf(&b, "%d", 678), 0);
	assert_string_equal(b.data, "12345678");
	assert_int_equal(buf_putc(&b, '9'), -1);
	assert_true(b.overflow);
	assert_string_equal(b.data, "12345678");
	size_t len;
	char *d = buf_detach(&b, &len);
	assert_int_equal(len, 8);
	free(d);
	buf_free(&b);
}

static void slices_split_trim_and_parse_integers(void **state)
{
	(void)state;
	struct slice head;
	bool found;
	struct slice rest = slice_cut(slice_of("key = value"), '=', &head, &found);
	assert_true(found);
	assert_true(slice_eq(slice_trim(head), "key"));
	assert_true(slice_eq(slice_trim(rest), "value"));
	rest = slice_cut(slice_of("novalue"), '=', &head, &found);
	assert_false(found);
	assert_int_equal(rest.len, 0);
	int64_t v;
	assert_int_equal(slice_to_i64(slice_of("42"), 0, 100, &v), 0);
	assert_int_equal(v, 42);
	assert_int_equal(slice_to_i64(slice_of("-7"), -10, 10, &v), 0);
	assert_int_equal(v, -7);
	assert_int_equal(slice_to_i64(slice_of("101"), 0, 100, &v), -1);
	assert_int_equal(slice_to_i64(slice_of("4x"), 0, 100, &v), -1);
	assert_int_equal(slice_to_i64(slice_of(""), 0, 100, &v), -1);
	assert_int_equal(slice_to_i64(slice_of("99999999999999999999"), INT64_MIN, INT64_MAX, &v), -1);
	assert_true(slice_eq_nocase(slice_of("Zh-tw"), "zh-TW"));
	assert_true(str_ct_equal("abc", 3, "abc", 3));
	assert_false(str_ct_equal("abc", 3, "abd", 3));
	assert_false(str_ct_equal("abc", 3, "abcd", 4));
}

static void clock_parses_iso8601_strictly(void **state)
{
	(void)state;
	int64_t t;
	const char *ok = "2021-12-10T10:15:09.143Z";
	assert_int_equal(clock_parse_iso8601(ok, strlen(ok), &t), 0);
	assert_int_equal(t, 1639131309);
	const char *off = "2021-12-10T18:15:09+08:00";
	assert_int_equal(clock_parse_iso8601(off, strlen(off), &t), 0);
	assert_int_equal(t, 1639131309);
	assert_int_equal(clock_parse_iso8601("2021-12-13", 10, &t), 0);
	assert_int_equal(t, 1639353600);
	const char *nvd = "2021-12-10T10:15:09.143";   /* NVD API 2.0 omits the zone: UTC */
	assert_int_equal(clock_parse_iso8601(nvd, strlen(nvd), &t), 0);
	assert_int_equal(t, 1639131309);
	const char *bad[] = { "2021-13-01", "2021-12-10T25:00:00Z", "2021-12-10 x", "21-12-10", "2021-12-10T10:15:09Zjunk" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_equal(clock_parse_iso8601(bad[i], strlen(bad[i]), &t), -1);
	char buf[32];
	assert_string_equal(clock_format_iso8601(1639131309, buf, sizeof buf), "2021-12-10T10:15:09Z");
}

static void config_layers_file_env_and_flags_and_names_bad_keys(void **state)
{
	(void)state;
	struct config cfg;
	char err[512];
	config_defaults(&cfg);
	assert_string_equal(cfg.db, "var/vans.db");
	assert_string_equal(cfg.listen, "127.0.0.1:8080");

	char path[] = "/tmp/vans-config-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	const char *text = "# comment\nlisten = 0.0.0.0:9000\nthreads = 4\ndb = \"/srv/vans.db\"\n";
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	assert_int_equal(config_load_file(&cfg, path, err, sizeof err), 0);
	assert_string_equal(cfg.listen, "0.0.0.0:9000");
	assert_int_equal(cfg.threads, 4);
	assert_string_equal(cfg.db, "/srv/vans.db");

	setenv("VANS_THREADS", "8", 1);
	assert_int_equal(config_load_env(&cfg, err, sizeof err), 0);
	assert_int_equal(cfg.threads, 8);
	setenv("VANS_THREADS", "eight", 1);
	assert_int_equal(config_load_env(&cfg, err, sizeof err), -1);
	assert_non_null(strstr(err, "threads"));
	assert_non_null(strstr(err, "VANS_THREADS"));
	unsetenv("VANS_THREADS");

	assert_int_equal(config_set(&cfg, "listen", "127.0.0.1:1", CONFIG_FLAG, err, sizeof err), 0);
	assert_string_equal(cfg.listen, "127.0.0.1:1");
	assert_int_equal(config_set(&cfg, "listen", "127.0.0.1:70000", CONFIG_FLAG, err, sizeof err), -1);
	assert_non_null(strstr(err, "listen"));
	assert_int_equal(config_set(&cfg, "default_lang", "fr", CONFIG_FLAG, err, sizeof err), -1);
	assert_int_equal(config_set(&cfg, "nonsense", "1", CONFIG_FILE, err, sizeof err), -1);
	assert_non_null(strstr(err, "unknown setting"));

	FILE *f = fopen(path, "w");
	fputs("threads = 2\nbase_url = ftp://x\n", f);
	fclose(f);
	assert_int_equal(config_load_file(&cfg, path, err, sizeof err), -1);
	assert_non_null(strstr(err, ":2: base_url"));
	unlink(path);
	config_free(&cfg);
}

static void every_setting_is_documented(void **state)
{
	(void)state;
	FILE *f = fopen("docs/configuration.md", "r");
	assert_non_null(f);
	static char doc[65536];
	size_t n = fread(doc, 1, sizeof doc - 1, f);
	doc[n] = '\0';
	fclose(f);
	for (size_t i = 0; i < config_key_count(); i++) {
		char needle[64];
		snprintf(needle, sizeof needle, "`%s`", config_key_name(i));
		if (!strstr(doc, needle))
			fail_msg("docs/configuration.md does not document %s", config_key_name(i));
	}
}

static void crypto_hmac_matches_rfc4231_and_base64url_round_trips(void **state)
{
	(void)state;
	assert_int_equal(crypto_init(), 0);
	/* RFC 4231 test case 2 */
	unsigned char mac[32];
	crypto_hmac_sha256("Jefe", 4, "what do ya want for nothing?", 28, mac);
	char hex[65];
	crypto_hex(mac, 32, hex, sizeof hex);
	assert_string_equal(hex, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
	unsigned char raw[20], back[20];
	crypto_random(raw, sizeof raw);
	char enc[64];
	size_t len = crypto_b64url_encode(raw, sizeof raw, enc, sizeof enc);
	assert_int_equal(len, 27);
	assert_null(strpbrk(enc, "+/="));
	size_t outlen;
	assert_int_equal(crypto_b64url_decode(enc, len, back, sizeof back, &outlen), 0);
	assert_int_equal(outlen, 20);
	assert_memory_equal(raw, back, 20);
	assert_int_equal(crypto_b64url_decode("!!", 2, back, sizeof back, &outlen), -1);
	char h1[13], h2[13];
	crypto_hash_hex("a", 1, 6, h1, sizeof h1);
	crypto_hash_hex("b", 1, 6, h2, sizeof h2);
	assert_int_equal(strlen(h1), 12);
	assert_string_not_equal(h1, h2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(arena_hands_out_aligned_distinct_memory),
		cmocka_unit_test(buf_refuses_appends_beyond_its_cap),
		cmocka_unit_test(slices_split_trim_and_parse_integers),
		cmocka_unit_test(clock_parses_iso8601_strictly),
		cmocka_unit_test(config_layers_file_env_and_flags_and_names_bad_keys),
		cmocka_unit_test(every_setting_is_documented),
		cmocka_unit_test(crypto_hmac_matches_rfc4231_and_base64url_round_trips),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
