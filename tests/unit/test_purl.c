/* Tests of package URLs: parsing as the purl specification's examples show (namespaces,
 * percent-encoding, qualifiers, subpaths, per-type normalisation), refusals with reasons,
 * and the CPE vendor/product guesses with their confidence per ecosystem. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/arena.h"
#include "vans/intake/purl.h"

#include <stdio.h>
#include <string.h>

struct parse_case {
	const char *in;
	const char *type, *ns, *name, *version, *subpath;
	const char *qualifiers;   /* "k=v&k=v" as parsed, in order */
};

static void test_purl_parses_the_spec_examples(void **state)
{
	(void)state;
	static const struct parse_case cases[] = {
		{ "pkg:maven/org.apache.commons/io@1.3.4", "maven", "org.apache.commons", "io", "1.3.4", "", "" },
		{ "pkg:npm/%40angular/animation@12.3.1", "npm", "@angular", "animation", "12.3.1", "", "" },
		{ "pkg:npm/@babel/core@7.0.0", "npm", "@babel", "core", "7.0.0", "", "" },
		{ "pkg:NPM/Lodash@4.17.20", "npm", "", "lodash", "4.17.20", "", "" },
		{ "pkg:pypi/Django_package@1.11.1", "pypi", "", "django-package", "1.11.1", "", "" },
		{ "pkg:github/Package-url/Purl-Spec@244fd47e07d1004#everybody/loves/dogs", "github",
		  "package-url", "purl-spec", "244fd47e07d1004", "everybody/loves/dogs", "" },
		{ "pkg:golang/google.golang.org/genproto#googleapis/api/annotations", "golang",
		  "google.golang.org", "genproto", "", "googleapis/api/annotations", "" },
		{ "pkg:deb/debian/curl@7.50.3-1?arch=i386&distro=jessie", "deb", "debian", "curl",
		  "7.50.3-1", "", "arch=i386&distro=jessie" },
		{ "pkg:docker/customer/dockerimage@sha256%3A244fd47e07d10?repository_url=gcr.io",
		  "docker", "customer", "dockerimage", "sha256:244fd47e07d10", "", "repository_url=gcr.io" },
		{ "pkg://maven/org.apache.commons/io", "maven", "org.apache.commons", "io", "", "", "" },
		{ "pkg:generic/openssl@1.1.10g?download_url=https://openssl.org/source/openssl-1.1.0g.tar.gz"
		  "&checksum=sha256:de4d501267da", "generic", "", "openssl", "1.1.10g", "",
		  "download_url=https://openssl.org/source/openssl-1.1.0g.tar.gz&checksum=sha256:de4d501267da" },
		{ "pkg:deb/debian/curl?ARCH=i386&empty=&x=%E4%B8%AD", "deb", "debian", "curl", "", "",
		  "arch=i386&x=中" },
		{ "pkg:maven/org.apache//commons/io#/./a/../b/", "maven", "org.apache/commons", "io", "", "a/b", "" },
	};
	struct arena a;
	arena_init(&a, 0);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct parse_case *c = &cases[i];
		struct purl u;
		char err[128];
		int rc = purl_parse(c->in, strlen(c->in), &a, &u, err, sizeof(err));
		if (rc != 0)
			print_message("%s: %s\n", c->in, err);
		assert_int_equal(rc, 0);
		assert_string_equal(u.type, c->type);
		assert_string_equal(u.namespace_, c->ns);
		assert_string_equal(u.name, c->name);
		assert_string_equal(u.version, c->version);
		assert_string_equal(u.subpath, c->subpath);
		char q[512] = "";
		size_t o = 0;
		for (size_t k = 0; k < u.n_qualifiers; k++)
			o += (size_t)snprintf(q + o, sizeof(q) - o, "%s%s=%s", k ? "&" : "",
			                      u.qualifiers[k].key, u.qualifiers[k].value);
		assert_string_equal(q, c->qualifiers);
	}
	struct purl u;
	assert_int_equal(purl_parse("pkg:deb/debian/curl?arch=i386", 29, &a, &u, NULL, 0), 0);
	assert_string_equal(purl_qualifier(&u, "arch"), "i386");
	assert_null(purl_qualifier(&u, "distro"));
	arena_free(&a);
}

static void test_purl_refusals_say_why(void **state)
{
	(void)state;
	static const struct {
		const char *in, *why;
	} cases[] = {
		{ "maven/org.apache/io", "not a package URL (no pkg: scheme)" },
		{ "pkg:maven", "no type or no name" },
		{ "pkg:maven/@1.3.4", "no name" },
		{ "pkg:9x/name", "bad type \"9x\"" },
		{ "pkg:ma ven/x", "a space or control character at position 7" },
		{ "pkg:npm/foo%2", "bad percent-encoding at position 12" },
		{ "pkg:npm/foo%zz@1", "bad percent-encoding at position 12" },
		{ "pkg:npm/foo@1%00", "bad percent-encoding at position 14" },
		{ "pkg:maven/io@1", "a Maven package URL needs a namespace (the group ID)" },
		{ "pkg:deb/curl?arch=1&arch=2", "qualifier \"arch\" given twice" },
		{ "pkg:deb/curl?arch", "a qualifier without '=' at position 14" },
		{ "pkg:deb/curl?a%20b=1", "bad qualifier key at position 14" },
		{ "", "empty" },
	};
	struct arena a;
	arena_init(&a, 0);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct purl u;
		char err[128] = "";
		assert_int_equal(purl_parse(cases[i].in, strlen(cases[i].in), &a, &u, err, sizeof(err)), -1);
		assert_string_equal(err, cases[i].why);
	}
	arena_free(&a);
}

static void test_purl_guesses_vendor_and_product(void **state)
{
	(void)state;
	static const struct {
		const char *in, *vendor, *product;
		int confidence;
		const char *rule;
	} cases[] = {
		{ "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1", "apache", "log4j", 30,
		  "maven-reverse-dns-core" },
		{ "pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.10.1", "fasterxml",
		  "jackson-databind", 40, "maven-reverse-dns" },
		{ "pkg:maven/junit/junit@4.12", "junit", "junit", 20, "maven-group" },
		{ "pkg:maven/commons-collections/commons-collections@3.2.1", "commons-collections",
		  "commons-collections", 20, "maven-group" },
		{ "pkg:npm/lodash@4.17.20", "lodash", "lodash", 40, "npm" },
		{ "pkg:npm/%40angular/core@12.0.0", "angular", "core", 30, "npm-scope" },
		{ "pkg:pypi/Django@3.2", "django", "django", 30, "pypi" },
		{ "pkg:gem/rails@6.0.0", "rails", "rails", 30, "gem" },
		{ "pkg:github/Package-url/Purl-Spec@1", "package-url", "purl-spec", 50, "github" },
		{ "pkg:golang/github.com/gin-gonic/gin@v1.7.0", "gin-gonic", "gin", 50, "golang-forge" },
		{ "pkg:golang/github.com/CloudyKit/jet/v3@v3.0.0", "cloudykit", "jet", 50, "golang-forge" },
		{ "pkg:golang/golang.org/x/net@v0.0.1", "golang", "net", 20, "golang-host" },
		{ "pkg:composer/laravel/framework@7.12.0", "laravel", "framework", 40, "composer" },
		{ "pkg:nuget/Newtonsoft.Json@12.0.3", "newtonsoft", "newtonsoft.json", 30, "nuget" },
		{ "pkg:deb/debian/curl@7.50.3-1", "curl", "curl", 20, "os-package" },
		{ "pkg:cargo/rand@0.8", "rand", "rand", 30, "cargo" },
		{ "pkg:docker/library/nginx@1.25", "", "", 0, "" },
		{ "pkg:generic/openssl@1.1.1", "", "", 0, "" },
		{ "pkg:npm/My%20Pkg@1", "my_pkg", "my_pkg", 40, "npm" },
	};
	struct arena a;
	arena_init(&a, 0);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct purl u;
		assert_int_equal(purl_parse(cases[i].in, strlen(cases[i].in), &a, &u, NULL, 0), 0);
		struct purl_guess g;
		purl_guess_cpe(&u, &a, &g);
		assert_string_equal(g.vendor, cases[i].vendor);
		assert_string_equal(g.product, cases[i].product);
		assert_int_equal(g.confidence, cases[i].confidence);
		assert_string_equal(g.rule, cases[i].rule);
	}
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_purl_parses_the_spec_examples),
		cmocka_unit_test(test_purl_refusals_say_why),
		cmocka_unit_test(test_purl_guesses_vendor_and_product),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
