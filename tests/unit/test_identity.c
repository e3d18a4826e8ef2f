/* Unit tests of src/identity: every validation rule with the values of DESIGN §1, the
 * password policy and common-password list, Argon2id rehash, PBKDF2 and the ALTCHA
 * captcha, TOTP (RFC 6238) with reuse refused, and, on a real SQLite file, organisations,
 * accounts and lockout, permissions and their review, codes, sessions, API keys and the
 * chained audit log. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/clock.h"
#include "core/config.h"
#include "core/embedded.h"
#include "core/crypto.h"
#include "identity/account.h"
#include "identity/apikey.h"
#include "identity/audit.h"
#include "identity/captcha.h"
#include "identity/codes.h"
#include "identity/form_pdf.h"
#include "identity/org.h"
#include "identity/password.h"
#include "identity/permission.h"
#include "identity/qr.h"
#include "identity/registration.h"
#include "identity/session.h"
#include "identity/totp.h"
#include "identity/validate.h"

#define S(x) x, strlen(x)

static void ubn_checksum_of_design_section_1(void **state)
{
	(void)state;
	assert_true(ubn_valid(S("04595257")));
	assert_true(ubn_valid(S("10458575")));   /* 7th digit 7: valid either way */
	assert_true(ubn_valid(S("10000004")));   /* only under the rule of 5 (since 2023-04-01) */
	assert_false(ubn_valid(S("04595258")));  /* wrong check digit */
	assert_false(ubn_valid(S("10458576")));
	assert_false(ubn_valid(S("1045857")));   /* 7 digits */
	assert_false(ubn_valid(S("1045857a")));
	assert_false(ubn_valid(S("104585750")));
	const char *why;
	assert_int_equal(org_id_check(S("04595257"), &why), ORG_ID_UBN);
	assert_null(why);
	assert_int_equal(org_id_check(S("04595258"), &why), ORG_ID_INVALID);
	assert_string_equal(why, "wrong check digit");
}

static void oid_is_a_dotted_numeric_arc(void **state)
{
	(void)state;
	assert_true(oid_valid(S("2.16.886.101.20003")));
	assert_true(oid_valid(S("2.16.886.105.100010")));
	assert_true(oid_valid(S("0.1")));
	assert_false(oid_valid(S("2")));
	assert_false(oid_valid(S("2.16.")));
	assert_false(oid_valid(S(".2.16")));
	assert_false(oid_valid(S("2..16")));
	assert_false(oid_valid(S("2.016.886")));  /* leading zero */
	assert_false(oid_valid(S("3.16.886")));   /* first arc 0–2 */
	assert_false(oid_valid(S("2.16.x")));
	const char *why;
	assert_int_equal(org_id_check(S("2.16.886.101.20003"), &why), ORG_ID_OID);
	assert_int_equal(org_id_check(S("2.16..1"), &why), ORG_ID_INVALID);
	assert_string_equal(why, "not a dotted numeric OID");
	assert_int_equal(org_id_check(S("abc"), &why), ORG_ID_INVALID);
	assert_int_equal(org_id_check(S("1234"), &why), ORG_ID_INVALID);
}

static void account_fields_follow_the_seed(void **state)
{
	(void)state;
	assert_true(username_valid(S("abc123")));
	assert_true(username_valid(S("ABCdef123456789012345678901234")));    /* 30 */
	assert_false(username_valid(S("abc12")));                             /* 5 */
	assert_false(username_valid(S("ABCdef1234567890123456789012345")));  /* 31 */
	assert_false(username_valid(S("abc_123")));
	assert_false(username_valid(S("王小明abc")));
	char m[11];
	assert_true(mobile_valid(S("0912-345678"), m));
	assert_string_equal(m, "0912345678");
	assert_true(mobile_valid(S("0912345678"), m));
	assert_false(mobile_valid(S("0812345678"), m));
	assert_false(mobile_valid(S("091234567"), m));
	assert_false(mobile_valid(S("09-12345678"), m));
	assert_true(email_valid(S("wang@agency.gov.tw")));
	assert_false(email_valid(S("wang@localhost")));
	assert_false(email_valid(S("wang@@agency.gov.tw")));
	assert_false(email_valid(S("wang agency@gov.tw")));
	assert_false(email_valid(S("wang@agency..gov.tw")));
	assert_true(person_name_valid(S("王小明")));
	assert_true(person_name_valid(S("Wang Hsiao-ming")));
	assert_false(person_name_valid(S("Wang2")));
	assert_false(person_name_valid(S("<script>")));
	assert_false(person_name_valid(S("")));
	assert_true(phone_valid(S("02-2345-6789")));
	assert_false(phone_valid(S("12345")));
	assert_true(extension_valid(S("123")));
	assert_false(extension_valid(S("12a")));
	assert_true(org_level_valid(S("D")));
	assert_false(org_level_valid(S("F")));
}

static struct config cfg;

static void password_policy_is_the_seeds_and_configurable(void **state)
{
	(void)state;
	assert_int_equal(password_check(&cfg, S("Abcdefgh1234"), "someone"), PW_OK);
	assert_true(password_check(&cfg, S("Abcdefgh123"), NULL) & PW_TOO_SHORT);
	assert_true(password_check(&cfg, S("abcdefgh1234"), NULL) & PW_NEEDS_MIXED);
	assert_true(password_check(&cfg, S("ABCDEFGH1234"), NULL) & PW_NEEDS_MIXED);
	assert_true(password_check(&cfg, S("Abcdefghijkl"), NULL) & PW_NEEDS_MIXED);
	assert_true(password_check(&cfg, S("Abcdefgh123!"), NULL) & PW_BAD_CHARS);
	assert_true(password_check(&cfg, S("Xwangxiao1234"), "wangxiao") & PW_HAS_USERNAME);
	/* from John the Ripper's list (Debian john-data), also with digits appended */
	assert_true(password_is_common(S("password")));
	assert_true(password_is_common(S("Password123456")));
	assert_true(password_is_common(S("QWERTY")));
	assert_false(password_is_common(S("Tq7vLm2xRb9w")));
	assert_true(password_check(&cfg, S("Password1234"), NULL) & PW_COMMON);
	struct config loose = cfg;
	loose.password_min_length = 8;
	loose.password_alnum_only = false;
	assert_int_equal(password_check(&loose, S("Tq7v!m2x"), NULL), PW_OK);
}

static void argon2id_hashes_verify_and_rehash_when_parameters_change(void **state)
{
	(void)state;
	char h[128];
	assert_int_equal(password_hash(&cfg, S("Tq7vLm2xRb9w"), h), 0);
	assert_true(strncmp(h, "$argon2id$", 10) == 0);
	assert_true(password_verify(h, S("Tq7vLm2xRb9w")));
	assert_false(password_verify(h, S("Tq7vLm2xRb9W")));
	assert_false(password_needs_rehash(&cfg, h));
	struct config stronger = cfg;
	stronger.password_hash_ops = cfg.password_hash_ops + 1;
	assert_true(password_needs_rehash(&stronger, h));
}

static void pbkdf2_sha256_matches_rfc_7914(void **state)
{
	(void)state;
	unsigned char dk[64];
	char hex[129];
	/* RFC 7914 §11: PBKDF2-HMAC-SHA256 ("passwd", "salt", 1, 64) */
	crypto_pbkdf2_sha256("passwd", 6, "salt", 4, 1, dk, 64);
	crypto_hex(dk, 64, hex, sizeof hex);
	assert_string_equal(hex, "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
				 "49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783");
	/* ("Password", "NaCl", 80000, 64) */
	crypto_pbkdf2_sha256("Password", 8, "NaCl", 4, 80000, dk, 64);
	crypto_hex(dk, 64, hex, sizeof hex);
	assert_string_equal(hex, "4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56"
				 "a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d");
}

/* Solves a challenge as the widget does: counter 0, 1, 2, … until the key has the prefix. */
static char *solve(const char *challenge_json, int64_t counter_max, int tamper)
{
	const char *pn = strstr(challenge_json, "\"nonce\":\"") + 9, *ps = strstr(challenge_json, "\"salt\":\"") + 8;
	const char *pp = strstr(challenge_json, "\"keyPrefix\":\"") + 13;
	char nonce[33], salt[33], prefix[33];
	memcpy(nonce, pn, 32);
	nonce[32] = 0;
	memcpy(salt, ps, 32);
	salt[32] = 0;
	memcpy(prefix, pp, 32);
	prefix[32] = 0;
	int64_t cost = strtoll(strstr(challenge_json, "\"cost\":") + 7, NULL, 10);
	for (uint32_t c = 0; c < (uint32_t)counter_max; c++) {
		unsigned char dk[32];
		char hex[65];
		captcha_derive(nonce, salt, (uint32_t)cost, c, dk);
		crypto_hex(dk, 32, hex, sizeof hex);
		if (memcmp(hex, prefix, 32) != 0)
			continue;
		/* the payload: {"challenge":{"parameters":…,"signature":…},"solution":{…}} */
		struct buf b;
		buf_init(&b, 0);
		buf_printf(&b, "{\"challenge\":%s,\"solution\":{\"counter\":%u,\"derivedKey\":\"%s\",\"time\":12.5}}",
			   challenge_json, tamper == 1 ? c + 1 : c, hex);
		if (tamper == 2) /* a parameter changed after signing */
			strstr(b.data, "\"cost\":10,")[8] = '1';
		char *out = malloc(b.len * 2 + 8);
		crypto_b64_encode(b.data, b.len, out, b.len * 2 + 8);
		buf_free(&b);
		return out;
	}
	return NULL;
}

static void captcha_challenges_are_signed_and_solutions_verified_once(void **state)
{
	(void)state;
	struct config c = cfg;
	c.captcha_cost = 10;
	c.captcha_counter_max = 50;
	unsigned char key[32] = "server secret for the test.....";
	struct buf ch;
	buf_init(&ch, 0);
	int64_t now = clock_now_unix();
	captcha_challenge(key, sizeof key, &c, now, &ch);
	assert_non_null(strstr(ch.data, "\"algorithm\":\"PBKDF2/SHA-256\""));
	char *payload = solve(ch.data, c.captcha_counter_max, 0);
	assert_non_null(payload);
	assert_int_equal(captcha_verify(key, sizeof key, NULL, S(payload), now), ERR_OK);
	/* expired, other key, a wrong counter, garbage */
	assert_int_equal(captcha_verify(key, sizeof key, NULL, S(payload), now + CAPTCHA_TTL + 1), ERR_INVALID);
	unsigned char other[32] = "another secret.................";
	assert_int_equal(captcha_verify(other, sizeof other, NULL, S(payload), now), ERR_INVALID);
	char *wrong = solve(ch.data, c.captcha_counter_max, 1);
	assert_int_equal(captcha_verify(key, sizeof key, NULL, S(wrong), now), ERR_INVALID);
	assert_int_equal(captcha_verify(key, sizeof key, NULL, S("bm90IGpzb24="), now), ERR_INVALID);
	assert_int_equal(captcha_verify(key, sizeof key, NULL, S("!!"), now), ERR_INVALID);
	/* a changed parameter breaks the signature */
	char *forged = solve(ch.data, c.captcha_counter_max, 2);
	assert_int_equal(captcha_verify(key, sizeof key, NULL, S(forged), now), ERR_INVALID);
	free(forged);
	free(payload);
	free(wrong);
	buf_free(&ch);
}

static void totp_matches_rfc_6238_and_refuses_reuse(void **state)
{
	(void)state;
	assert_int_equal(totp_init(), 0);
	/* RFC 6238 SHA-1 secret "12345678901234567890" in base32 */
	const char *secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
	char code[7];
	assert_int_equal(totp_generate(secret, 59, code), 0);
	assert_string_equal(code, "287082");  /* the 8-digit vector 94287082, last 6 digits */
	int64_t step;
	assert_int_equal(totp_verify(secret, "287082", 59, 0, &step), ERR_OK);
	assert_int_equal(step, 1);
	assert_int_equal(totp_verify(secret, "287082", 59, step, &step), ERR_INVALID);  /* used */
	assert_int_equal(totp_verify(secret, "287083", 59, 0, &step), ERR_INVALID);
	assert_int_equal(totp_verify(secret, "28708", 59, 0, &step), ERR_INVALID);
	char fresh[TOTP_SECRET_B32];
	totp_new_secret(fresh);
	assert_int_equal(strlen(fresh), 32);
	struct arena a;
	arena_init(&a, 0);
	const char *uri = totp_uri(&a, "vans", "王小明", fresh);
	assert_true(strncmp(uri, "otpauth://totp/vans:%E7%8E%8B", 29) == 0);
	const char *svg = qr_svg(&a, uri);
	assert_non_null(svg);
	assert_true(strncmp(svg, "<svg", 4) == 0);
	arena_free(&a);
}

static void the_application_form_is_a_pdf(void **state)
{
	(void)state;
	struct form_fields f = { .org_name = "行政院", .org_identifier = "2.16.886.101.20003", .org_level = "A",
				 .name = "王小明", .username = "wangxm01", .title = "科員", .email = "wang@ey.gov.tw",
				 .date = "2026-05-01", .reference = "P-1" };
	struct buf b;
	buf_init(&b, 0);
	assert_int_equal(form_pdf_write(&f, &b), ERR_OK);
	assert_true(b.len > 1000);
	assert_memory_equal(b.data, "%PDF-", 5);
	buf_free(&b);
}

/* ---- with a database ---- */

struct fixture {
	char path[64];
	struct db *db;
	struct arena a;
};

static int open_db(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	snprintf(f->path, sizeof f->path, "/tmp/vans-identity-XXXXXX");
	int fd = mkstemp(f->path);
	if (fd < 0)
		return -1;
	close(fd);
	unlink(f->path);
	char err[256];
	int applied;
	f->db = db_open(f->path, err, sizeof err);
	if (!f->db || db_migrate(f->db, &applied, err, sizeof err) != ERR_OK)
		return -1;
	arena_init(&f->a, 0);
	*state = f;
	return 0;
}

static int close_db(void **state)
{
	struct fixture *f = *state;
	db_close(f->db);
	arena_free(&f->a);
	char p[96];
	unlink(f->path);
	snprintf(p, sizeof p, "%s-wal", f->path);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", f->path);
	unlink(p);
	free(f);
	return 0;
}

static int64_t add_org(struct db *db, const char *ident, const char *level)
{
	struct org_new o = { .identifier = ident, .name = "測試機關", .level = level };
	int64_t id = 0;
	const char *why;
	assert_int_equal(org_add(db, &o, &id, &why), ERR_OK);
	return id;
}

static int64_t add_account(struct db *db, int64_t org, const char *username)
{
	struct account_new n = { .org_id = org, .username = username, .password = "Tq7vLm2xRb9w",
				 .name = "王小明", .email = "wang@agency.gov.tw", .mobile = "0912-345678",
				 .title = "科員", .address = "臺北市中正區", .phone = "02-23456789" };
	struct field_problem p[ACCOUNT_MAX_PROBLEMS];
	size_t np;
	int64_t id = 0;
	assert_int_equal(account_create(db, &cfg, &n, &id, p, &np), ERR_OK);
	return id;
}

static void organisations_are_validated_and_unique(void **state)
{
	struct fixture *f = *state;
	int64_t a = add_org(f->db, "2.16.886.101.20003", "A");
	struct org_new bad = { .identifier = "04595258", .name = "x", .level = "A" };
	const char *why;
	assert_int_equal(org_add(f->db, &bad, NULL, &why), ERR_INVALID);
	assert_string_equal(why, "wrong check digit");
	struct org_new dup = { .identifier = "2.16.886.101.20003", .name = "x", .level = "B" };
	assert_int_equal(org_add(f->db, &dup, NULL, &why), ERR_EXISTS);
	struct org_new badlevel = { .identifier = "10458575", .name = "x", .level = "F" };
	assert_int_equal(org_add(f->db, &badlevel, NULL, &why), ERR_INVALID);
	add_org(f->db, "10458575", "D");
	struct org o;
	assert_int_equal(org_find(f->db, &f->a, "10458575", &o), ERR_OK);
	assert_string_equal(o.kind, "ubn");
	assert_false(org_may_self_apply(&o));
	assert_int_equal(org_get(f->db, &f->a, a, &o), ERR_OK);
	assert_string_equal(o.kind, "oid");
	assert_true(org_may_self_apply(&o));
	assert_int_equal(org_find(f->db, &f->a, "10000004", &o), ERR_NOT_FOUND);
}

static void accounts_sign_in_lock_out_and_back_off(void **state)
{
	struct fixture *f = *state;
	int64_t org = add_org(f->db, "04595257", "B");
	int64_t id = add_account(f->db, org, "wangxm01");
	struct account acct;
	int64_t until;
	assert_int_equal(account_authenticate(f->db, &cfg, &f->a, "wangxm01", "Tq7vLm2xRb9w", &acct, &until), ERR_OK);
	assert_int_equal(acct.id, id);
	assert_int_equal(account_authenticate(f->db, &cfg, &f->a, "nosuchuser", "Tq7vLm2xRb9w", &acct, &until),
			 ERR_UNAUTHENTICATED);
	for (int i = 0; i < cfg.lockout_threshold - 1; i++)
		assert_int_equal(account_authenticate(f->db, &cfg, &f->a, "wangxm01", "wrong", &acct, &until),
				 ERR_UNAUTHENTICATED);
	assert_int_equal(account_authenticate(f->db, &cfg, &f->a, "wangxm01", "wrong", &acct, &until),
			 ERR_UNAUTHENTICATED);
	assert_true(until >= clock_now_unix() + cfg.lockout_seconds - 1);
	/* locked: even the right password is refused until the lock ends */
	assert_int_equal(account_authenticate(f->db, &cfg, &f->a, "wangxm01", "Tq7vLm2xRb9w", &acct, &until),
			 ERR_RATE_LIMITED);
	/* a taken username and a bad field are reported per field */
	struct account_new n = { .org_id = org, .username = "wangxm01", .password = "Tq7vLm2xRb9w",
				 .password_confirm = "Tq7vLm2xRb9x", .name = "王小明", .email = "bad",
				 .mobile = "0912", .title = "", .address = "x", .phone = "02-23456789" };
	struct field_problem p[ACCOUNT_MAX_PROBLEMS];
	size_t np;
	assert_int_equal(account_create(f->db, &cfg, &n, NULL, p, &np), ERR_INVALID);
	assert_int_equal(np, 4);  /* password_confirm, email, mobile, title */
	n.password_confirm = n.password;
	n.email = "ok@agency.gov.tw";
	n.mobile = "0912345678";
	n.title = "科長";
	assert_int_equal(account_create(f->db, &cfg, &n, NULL, p, &np), ERR_EXISTS);
	assert_string_equal(p[0].field, "username");
	/* disabling ends the sessions */
	char token[SESSION_TOKEN_SIZE];
	assert_int_equal(session_create(f->db, id, true, "127.0.0.1", token), ERR_OK);
	struct session s;
	assert_int_equal(session_lookup(f->db, &cfg, token, &s), ERR_OK);
	assert_int_equal(account_set_disabled(f->db, id, true), ERR_OK);
	assert_int_equal(session_lookup(f->db, &cfg, token, &s), ERR_UNAUTHENTICATED);
}

static void permissions_are_requested_reviewed_and_become_roles(void **state)
{
	struct fixture *f = *state;
	int64_t org = add_org(f->db, "2.16.886.101.20003", "A");
	int64_t admin = add_account(f->db, org, "adminA01"), staff = add_account(f->db, org, "staffA01");
	int64_t pid;
	assert_int_equal(perm_request(f->db, admin, "vans", "org_admin", &pid), ERR_OK);
	assert_int_equal(perm_request(f->db, admin, "vans", "org_admin", &pid), ERR_CONFLICT);
	assert_int_equal(perm_request(f->db, admin, "vans", "nosuch", &pid), ERR_INVALID);
	struct perm p;
	assert_int_equal(perm_get(f->db, &f->a, pid, &p), ERR_OK);
	const char *to;
	assert_int_equal(perm_decide(f->db, &p, true, 0, &to), ERR_OK);
	assert_string_equal(to, "approved");
	assert_int_equal(perm_decide(f->db, &p, true, 0, &to), ERR_CONFLICT);  /* decided already (stale) */
	assert_int_equal(perm_roles(f->db, admin, false), ROLE_SIGNED_IN | ROLE_ORG_ADMIN);
	assert_int_equal(perm_reviewer_count(f->db, org, perm_def_find("vans", "general")), 1);

	int64_t sp;
	assert_int_equal(perm_request(f->db, staff, "vans", "general", &sp), ERR_OK);
	struct perm *list;
	size_t n;
	assert_int_equal(perm_pending(f->db, &f->a, org, "vans", "general", &list, &n), ERR_OK);
	assert_int_equal(n, 1);
	assert_int_equal(list[0].account_id, staff);
	assert_int_equal(perm_pending(f->db, &f->a, org + 1, "vans", "general", &list, &n), ERR_OK);
	assert_int_equal(n, 0);
	assert_int_equal(perm_get(f->db, &f->a, sp, &p), ERR_OK);
	assert_int_equal(perm_decide(f->db, &p, false, admin, &to), ERR_OK);
	assert_string_equal(to, "rejected");
	assert_int_equal(perm_roles(f->db, staff, false), ROLE_SIGNED_IN);
	/* apply again after a rejection, accepted, then removal requested and accepted */
	assert_int_equal(perm_request(f->db, staff, "vans", "general", &sp), ERR_OK);
	assert_int_equal(perm_get(f->db, &f->a, sp, &p), ERR_OK);
	assert_int_equal(perm_decide(f->db, &p, true, admin, &to), ERR_OK);
	assert_int_equal(perm_roles(f->db, staff, false), ROLE_SIGNED_IN | ROLE_VANS_USER);
	assert_int_equal(perm_request_removal(f->db, staff, sp), ERR_OK);
	assert_int_equal(perm_get(f->db, &f->a, sp, &p), ERR_OK);
	assert_string_equal(p.status, "removal_pending");
	assert_int_equal(perm_decide(f->db, &p, true, admin, &to), ERR_OK);
	assert_string_equal(to, "removed");
	assert_int_equal(perm_roles(f->db, staff, false), ROLE_SIGNED_IN);
}

static void codes_expire_count_attempts_and_are_single_use(void **state)
{
	struct fixture *f = *state;
	int64_t org = add_org(f->db, "04595257", "A");
	int64_t id = add_account(f->db, org, "codes001");
	char code[7];
	assert_int_equal(code_issue(f->db, &cfg, id, "login", code), ERR_OK);
	assert_int_equal(strlen(code), 6);
	char wrong[7];
	memcpy(wrong, code, 7);
	wrong[0] = wrong[0] == '9' ? '0' : (char)(wrong[0] + 1);
	assert_int_equal(code_check(f->db, &cfg, id, "reset", code), ERR_NOT_FOUND);  /* other purpose */
	assert_int_equal(code_check(f->db, &cfg, id, "login", wrong), ERR_INVALID);
	assert_int_equal(code_check(f->db, &cfg, id, "login", code), ERR_OK);
	assert_int_equal(code_check(f->db, &cfg, id, "login", code), ERR_NOT_FOUND);  /* used */
	/* five wrong attempts void a code */
	assert_int_equal(code_issue(f->db, &cfg, id, "login", code), ERR_OK);
	memcpy(wrong, code, 7);
	wrong[5] = wrong[5] == '9' ? '0' : (char)(wrong[5] + 1);
	for (int i = 0; i < cfg.otp_max_attempts - 1; i++)
		assert_int_equal(code_check(f->db, &cfg, id, "login", wrong), ERR_INVALID);
	assert_int_equal(code_check(f->db, &cfg, id, "login", wrong), ERR_NOT_FOUND);
	assert_int_equal(code_check(f->db, &cfg, id, "login", code), ERR_NOT_FOUND);
	/* links */
	char tok[LINK_TOKEN_SIZE];
	int64_t who;
	assert_int_equal(link_issue(f->db, id, "setup", 3600, tok), ERR_OK);
	assert_int_equal(link_check(f->db, tok, "setup", false, &who), ERR_OK);
	assert_int_equal(who, id);
	assert_int_equal(link_check(f->db, tok, "setup", true, &who), ERR_OK);
	assert_int_equal(link_check(f->db, tok, "setup", true, &who), ERR_NOT_FOUND);
	/* rate limits */
	for (int i = 0; i < 3; i++)
		assert_true(rate_allow(f->db, "otp:addr:x", 3, 3600));
	assert_false(rate_allow(f->db, "otp:addr:x", 3, 3600));
	assert_true(rate_allow(f->db, "otp:addr:y", 3, 3600));
	/* recovery codes */
	char rc[RECOVERY_CODES][RECOVERY_CODE_SIZE];
	assert_int_equal(recovery_generate(f->db, id, rc), ERR_OK);
	assert_int_equal(recovery_left(f->db, id), RECOVERY_CODES);
	assert_int_equal(recovery_use(f->db, id, rc[3]), ERR_OK);
	assert_int_equal(recovery_use(f->db, id, rc[3]), ERR_INVALID);
	assert_int_equal(recovery_left(f->db, id), RECOVERY_CODES - 1);
}

static void registration_needs_both_codes(void **state)
{
	struct fixture *f = *state;
	int64_t org = add_org(f->db, "04595257", "A");
	char tok[LINK_TOKEN_SIZE];
	assert_int_equal(registration_start(f->db, org, tok), ERR_OK);
	struct registration r;
	assert_int_equal(registration_get(f->db, &f->a, tok, &r), ERR_OK);
	char ec[7], sc[7];
	assert_int_equal(registration_set_contact(f->db, &cfg, &r, "王小明", "w@a.gov.tw", "0912345678", ec, sc), ERR_OK);
	assert_int_equal(registration_get(f->db, &f->a, tok, &r), ERR_OK);
	bool eok, sok;
	assert_int_equal(registration_verify(f->db, &cfg, &r, sc, ec, &eok, &sok), ERR_INVALID);  /* swapped */
	assert_int_equal(registration_verify(f->db, &cfg, &r, ec, "000000", &eok, &sok) == ERR_OK, strcmp(sc, "000000") == 0);
	if (strcmp(sc, "000000") != 0) {
		assert_true(eok);
		assert_false(sok);
	}
	assert_int_equal(registration_get(f->db, &f->a, tok, &r), ERR_OK);
	assert_int_equal(registration_verify(f->db, &cfg, &r, ec, sc, &eok, &sok), ERR_OK);
	assert_int_equal(registration_set_wants(f->db, &r, "vans:general"), ERR_OK);
}

static void sessions_time_out(void **state)
{
	struct fixture *f = *state;
	int64_t org = add_org(f->db, "04595257", "A");
	int64_t id = add_account(f->db, org, "session01");
	char t1[SESSION_TOKEN_SIZE], t2[SESSION_TOKEN_SIZE];
	assert_int_equal(session_create(f->db, id, true, "", t1), ERR_OK);
	assert_int_equal(session_create(f->db, id, false, "", t2), ERR_OK);
	assert_string_not_equal(t1, t2);
	struct session s;
	assert_int_equal(session_lookup(f->db, &cfg, t2, &s), ERR_OK);
	assert_false(s.mfa_done);
	struct config strict = cfg;
	strict.session_absolute_timeout = -1;   /* every session is too old */
	assert_int_equal(session_lookup(f->db, &strict, t1, &s), ERR_UNAUTHENTICATED);
	assert_int_equal(session_lookup(f->db, &cfg, t1, &s), ERR_UNAUTHENTICATED);  /* deleted */
	assert_int_equal(session_lookup(f->db, &cfg, "forged", &s), ERR_UNAUTHENTICATED);
	assert_int_equal(account_set_password(f->db, &cfg, id, "Zq7vLm2xRb9w"), ERR_OK);
	assert_int_equal(session_lookup(f->db, &cfg, t2, &s), ERR_UNAUTHENTICATED);
}

static void api_keys_are_88_characters_shown_once_and_revocable(void **state)
{
	struct fixture *f = *state;
	int64_t org = add_org(f->db, "04595257", "A"), other = add_org(f->db, "10458575", "A");
	char key[APIKEY_LEN + 1];
	int64_t kid, got_org, got_id;
	assert_int_equal(apikey_create(f->db, org, "asset tool", 0, key, &kid), ERR_OK);
	assert_int_equal(strlen(key), 88);
	for (int i = 0; i < 88; i++)
		assert_true(key[i] > ' ' && key[i] < 0x7f);
	assert_int_equal(apikey_resolve(f->db, key, strlen(key), &got_org, &got_id), ERR_OK);
	assert_int_equal(got_org, org);
	assert_int_equal(got_id, kid);
	char forged[APIKEY_LEN + 1];
	memcpy(forged, key, sizeof forged);
	forged[50] = forged[50] == 'A' ? 'B' : 'A';
	assert_int_equal(apikey_resolve(f->db, forged, 88, &got_org, &got_id), ERR_UNAUTHENTICATED);
	struct apikey *list;
	size_t n;
	assert_int_equal(apikey_list(f->db, &f->a, org, &list, &n), ERR_OK);
	assert_int_equal(n, 1);
	assert_true(list[0].last_used_at > 0);
	assert_int_equal(apikey_revoke(f->db, other, kid), ERR_NOT_FOUND);  /* not theirs */
	assert_int_equal(apikey_revoke(f->db, org, kid), ERR_OK);
	assert_int_equal(apikey_resolve(f->db, key, 88, &got_org, &got_id), ERR_UNAUTHENTICATED);
}

static void the_audit_log_is_chained_and_append_only(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(audit_append(f->db, 1, "alice", 7, "login", "alice", "10.0.0.1", ""), ERR_OK);
	assert_int_equal(audit_append(f->db, 2, "bob", 8, "permission.accept", "perm 3", "10.0.0.2", "vans general"), ERR_OK);
	assert_int_equal(audit_append(f->db, 1, "alice", 7, "logout", "alice", "10.0.0.1", ""), ERR_OK);
	int64_t count, bad;
	assert_int_equal(audit_verify(f->db, &count, &bad), ERR_OK);
	assert_int_equal(count, 3);
	struct audit_entry *e;
	size_t n;
	assert_int_equal(audit_list(f->db, &f->a, 7, 10, &e, &n), ERR_OK);
	assert_int_equal(n, 2);
	assert_string_equal(e[0].action, "logout");
	assert_int_equal(audit_list(f->db, &f->a, 0, 10, &e, &n), ERR_OK);
	assert_int_equal(n, 3);
	/* the table refuses changes; with the triggers dropped, a change breaks the chain */
	char err[256];
	const struct embedded_file tamper[] = {
		{ "migrations/9998_tamper.sql", (const unsigned char *)"UPDATE audit_log SET actor = 'mallory' WHERE id = 2;", 53 },
	};
	int applied;
	assert_int_equal(db_migrate_files(f->db, tamper, 1, &applied, err, sizeof err), ERR_DB);
	assert_non_null(strstr(err, "append-only"));
	static const char drop[] = "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = 'mallory' WHERE id = 2;";
	const struct embedded_file tamper2[] = { { "migrations/9999_tamper.sql", (const unsigned char *)drop, sizeof drop - 1 } };
	assert_int_equal(db_migrate_files(f->db, tamper2, 1, &applied, err, sizeof err), ERR_OK);
	assert_int_equal(audit_verify(f->db, &count, &bad), ERR_CONFLICT);
	assert_int_equal(bad, 2);
}

int main(void)
{
	assert_int_equal(crypto_init(), 0);
	config_defaults(&cfg);
	cfg.password_hash_mem_mib = 8;   /* fast enough under the sanitizers */
	cfg.password_hash_ops = 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ubn_checksum_of_design_section_1),
		cmocka_unit_test(oid_is_a_dotted_numeric_arc),
		cmocka_unit_test(account_fields_follow_the_seed),
		cmocka_unit_test(password_policy_is_the_seeds_and_configurable),
		cmocka_unit_test(argon2id_hashes_verify_and_rehash_when_parameters_change),
		cmocka_unit_test(pbkdf2_sha256_matches_rfc_7914),
		cmocka_unit_test(captcha_challenges_are_signed_and_solutions_verified_once),
		cmocka_unit_test(totp_matches_rfc_6238_and_refuses_reuse),
		cmocka_unit_test(the_application_form_is_a_pdf),
		cmocka_unit_test_setup_teardown(organisations_are_validated_and_unique, open_db, close_db),
		cmocka_unit_test_setup_teardown(accounts_sign_in_lock_out_and_back_off, open_db, close_db),
		cmocka_unit_test_setup_teardown(permissions_are_requested_reviewed_and_become_roles, open_db, close_db),
		cmocka_unit_test_setup_teardown(codes_expire_count_attempts_and_are_single_use, open_db, close_db),
		cmocka_unit_test_setup_teardown(registration_needs_both_codes, open_db, close_db),
		cmocka_unit_test_setup_teardown(sessions_time_out, open_db, close_db),
		cmocka_unit_test_setup_teardown(api_keys_are_88_characters_shown_once_and_revocable, open_db, close_db),
		cmocka_unit_test_setup_teardown(the_audit_log_is_chained_and_append_only, open_db, close_db),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	config_free(&cfg);
	return rc;
}
