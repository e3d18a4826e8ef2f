/* Tests of the SBOM readers: CycloneDX JSON and XML and SPDX JSON documents written here
 * for each rule (vendor order, CPE 2.2 → 2.3, purl guesses, nesting, the subject read once,
 * warnings that keep the component, errors that do not), then every SBOM of the shared test
 * data: all valid CycloneDX conformance BOMs (1.6, 1.7) and examples (1.1–1.6) and every
 * SPDX 2.2/2.3 JSON document read, with their component, CPE and purl counts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/err.h"
#include "vans/intake/intake.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *issue_text(const struct asset_batch *b)
{
	static char all[8192];
	size_t o = 0;
	all[0] = '\0';
	for (size_t i = 0; i < b->n_issues; i++)
		o += (size_t)snprintf(all + o, sizeof(all) - o, "%s %s: %s\n",
		                      b->issues[i].severity == ASSET_SEV_ERROR ? "E" : "W",
		                      asset_issue_code_str(b->issues[i].code), b->issues[i].message);
	return all;
}

/* "name|version|vendor|cpe|purl|guess-vendor/guess-product@confidence" per row */
static const char *rows_text(const struct asset_batch *b)
{
	static char all[8192];
	size_t o = 0;
	all[0] = '\0';
	for (size_t i = 0; i < b->n_rows; i++) {
		const struct asset_row *r = &b->rows[i];
		o += (size_t)snprintf(all + o, sizeof(all) - o, "%s%s|%s|%s|%s|%s|%s/%s@%u\n",
		                      r->sbom_subject ? "*" : "", r->name, r->version, r->vendor, r->cpe,
		                      r->purl, r->guess.vendor, r->guess.product, r->guess.confidence);
	}
	return all;
}

/* ---- CycloneDX JSON ---- */

static const char cdx_json[] =
	"{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"version\":1,"
	"\"metadata\":{\"component\":{\"type\":\"application\",\"bom-ref\":\"app\",\"name\":\"Portal\","
	"  \"version\":\"3.1\",\"supplier\":{\"name\":\"機關資訊室\"}}},"
	"\"components\":["
	"  {\"type\":\"application\",\"bom-ref\":\"app\",\"name\":\"Portal\",\"version\":\"3.1\"},"
	"  {\"type\":\"library\",\"name\":\"log4j-core\",\"version\":\"2.14.1\",\"publisher\":\"Apache\","
	"   \"cpe\":\"cpe:/a:apache:log4j:2.14.1\","
	"   \"purl\":\"pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1\","
	"   \"components\":[{\"type\":\"library\",\"name\":\"log4j-api\",\"version\":\"2.14.1\","
	"     \"authors\":[{\"name\":\"Ralph Goers\"}],\"purl\":\"pkg:maven/org.apache.logging.log4j/log4j-api@2.14.1\"}]},"
	"  {\"type\":\"library\",\"name\":\"lodash\",\"purl\":\"pkg:npm/lodash@4.17.20\",\"cpe\":\"N/A\"},"
	"  {\"type\":\"library\",\"name\":\"bad-cpe\",\"version\":\"1\",\"cpe\":\"cpe:2.3:a:x\","
	"   \"purl\":\"not-a-purl\",\"manufacturer\":{\"name\":\"Maker\"},\"author\":\"Someone\"},"
	"  {\"type\":\"library\",\"version\":\"1\"},"
	"  {\"type\":\"data\",\"name\":\"training set\"},"
	"  {\"type\":\"cryptographic-asset\",\"name\":\"AES-128-GCM\"},"
	"  {\"type\":\"operating-system\",\"name\":\"Windows Server\",\"version\":\"2019\","
	"   \"cpe\":\"cpe:2.3:o:microsoft:windows_server_2019:-:*:*:*:*:*:*:*\"}"
	"],"
	"\"services\":[{\"name\":\"not an asset\"}]}";

static void test_sbom_cyclonedx_json_components(void **state)
{
	(void)state;
	struct asset_batch b;
	struct intake_opts o = { .mode = INTAKE_KEEP_VALID, .category = ASSET_CATEGORY_ENDPOINT,
	                         .group_code = "web01" };
	assert_int_equal(intake_read_cyclonedx_json(cdx_json, sizeof(cdx_json) - 1, &o, &b), ERR_OK);
	assert_string_equal(b.spec, "CycloneDX 1.6");
	assert_string_equal(rows_text(&b),
	                    "*Portal|3.1|機關資訊室|||/@0\n"
	                    "log4j-core|2.14.1|Apache|cpe:2.3:a:apache:log4j:2.14.1:*:*:*:*:*:*:*|"
	                    "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1|apache/log4j@30\n"
	                    "log4j-api|2.14.1|Ralph Goers||pkg:maven/org.apache.logging.log4j/log4j-api@2.14.1|"
	                    "apache/log4j-api@40\n"
	                    "lodash|4.17.20|||pkg:npm/lodash@4.17.20|lodash/lodash@40\n"
	                    "bad-cpe|1|Maker||not-a-purl|/@0\n"
	                    "Windows Server|2019||cpe:2.3:o:microsoft:windows_server_2019:-:*:*:*:*:*:*:*||/@0\n");
	assert_string_equal(issue_text(&b),
	                    "W cpe: components[3] (\"bad-cpe\"): the CPE is left out, it does not read: "
	                    "name ends after 2 of 11 attributes at position 12 (product missing)\n"
	                    "W purl: components[3] (\"bad-cpe\"): the package URL does not read (not a "
	                    "package URL (no pkg: scheme)); kept as written, without a vendor/product guess\n"
	                    "E required: components[4]: a component without a name\n");
	assert_int_equal(b.rows_read, 7);
	assert_int_equal(b.rows_rejected, 1);
	assert_int_equal(b.rows_not_assets, 2);
	assert_int_equal(b.n_cpe, 2);
	assert_int_equal(b.n_cpe_uri, 1);
	assert_int_equal(b.n_purl, 4);
	assert_int_equal(b.n_guess, 3);
	const struct asset_row *r = &b.rows[1];
	assert_true(r->cpe_from_uri);
	assert_int_equal(r->category, ASSET_CATEGORY_ENDPOINT);
	assert_string_equal(r->group_code, "web01");
	assert_string_equal(r->guess.cpe, "cpe:2.3:a:apache:log4j:2.14.1:*:*:*:*:*:*:*");
	assert_string_equal(r->guess.rule, "maven-reverse-dns-core");
	assert_string_equal(r->src.path, "components[1]");
	assert_string_equal(b.rows[2].src.path, "components[1].components[0]");
	assert_int_equal(b.rows[2].src.index, 3);
	asset_batch_free(&b);
	/* all-or-nothing: the nameless component refuses the whole BOM */
	assert_int_equal(intake_read_cyclonedx_json(cdx_json, sizeof(cdx_json) - 1, NULL, &b), ERR_INVALID);
	assert_int_equal(b.n_rows, 0);
	assert_true(b.all_or_nothing_dropped);
	asset_batch_free(&b);
}

static void test_sbom_cyclonedx_json_refusals(void **state)
{
	(void)state;
	static const struct {
		const char *doc, *issue;
	} cases[] = {
		{ "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.1\",\"components\":[]}",
		  "E unsupported: CycloneDX specVersion \"1.1\" is not read (1.2 to 1.7 are)\n" },
		{ "{\"bomFormat\":\"SPDX\",\"specVersion\":\"1.6\"}",
		  "E unreadable: not a CycloneDX BOM: bomFormat is not \"CycloneDX\"\n" },
		{ "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"components\":[",
		  "E unreadable: not JSON: line 1, column 59: ']' expected near end of file\n" },
		{ "{\"bomFormat\":\"CycloneDX\",\"bomFormat\":\"CycloneDX\"}",
		  "E unreadable: not JSON: line 1, column 36: duplicate object key near '\"bomFormat\"'\n" },
		{ "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.4\",\"components\":[\"x\"]}",
		  "E required: components[0]: not a component object\n" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct asset_batch b;
		assert_int_equal(intake_read_cyclonedx_json(cases[i].doc, strlen(cases[i].doc), NULL, &b),
		                 ERR_INVALID);
		assert_string_equal(issue_text(&b), cases[i].issue);
		assert_int_equal(b.n_rows, 0);
		asset_batch_free(&b);
	}
}

/* ---- CycloneDX XML ---- */

static const char cdx_xml[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<bom xmlns=\"http://cyclonedx.org/schema/bom/1.5\" xmlns:x=\"urn:other\" version=\"1\">\n"
	"  <metadata><component type=\"application\" bom-ref=\"app\"><name>Portal</name>\n"
	"    <supplier><name>機關資訊室</name></supplier></component></metadata>\n"
	"  <components>\n"
	"    <component type=\"application\" bom-ref=\"app\"><name>Portal</name></component>\n"
	"    <component type=\"library\">\n"
	"      <publisher>Apache</publisher><group>org.apache.logging.log4j</group>\n"
	"      <name>log4j-core</name><version>2.14.1</version>\n"
	"      <x:name>not this one</x:name>\n"
	"      <cpe>cpe:/a:apache:log4j:2.14.1</cpe>\n"
	"      <purl>pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1</purl>\n"
	"      <pedigree><ancestors><component type=\"library\"><name>ancestor</name></component>"
	"</ancestors></pedigree>\n"
	"      <components><component type=\"library\"><name>log4j-api</name>\n"
	"        <authors><author><name>Ralph Goers</name></author></authors>"
	"<version>2.14.1</version></component></components>\n"
	"    </component>\n"
	"    <component type=\"data\"><name>training set</name></component>\n"
	"    <component type=\"library\"><version>1</version></component>\n"
	"    <component type=\"library\"><name><![CDATA[a&b]]></name><cpe>cpe:2.3:a:x</cpe></component>\n"
	"  </components>\n"
	"  <services><service><name>not an asset</name></service></services>\n"
	"</bom>\n";

static void test_sbom_cyclonedx_xml_components(void **state)
{
	(void)state;
	struct asset_batch b;
	struct intake_opts o = { .mode = INTAKE_KEEP_VALID };
	assert_int_equal(intake_read_cyclonedx_xml(cdx_xml, sizeof(cdx_xml) - 1, &o, &b), ERR_OK);
	assert_string_equal(b.spec, "CycloneDX 1.5");
	/* a nested component ends before its parent */
	assert_string_equal(rows_text(&b),
	                    "*Portal||機關資訊室|||/@0\n"
	                    "log4j-api|2.14.1|Ralph Goers|||/@0\n"
	                    "log4j-core|2.14.1|Apache|cpe:2.3:a:apache:log4j:2.14.1:*:*:*:*:*:*:*|"
	                    "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1|apache/log4j@30\n"
	                    "a&b|||||/@0\n");
	assert_string_equal(issue_text(&b),
	                    "E required: line 18: a component without a name\n"
	                    "W cpe: line 19 (\"a&b\"): the CPE is left out, it does not read: "
	                    "name ends after 2 of 11 attributes at position 12 (product missing)\n");
	assert_int_equal(b.rows[2].src.line, 7);
	assert_int_equal(b.rows_not_assets, 1);
	assert_int_equal(b.n_cpe_uri, 1);
	asset_batch_free(&b);
}

static void test_sbom_cyclonedx_xml_refusals(void **state)
{
	(void)state;
	static const struct {
		const char *doc, *issue;
	} cases[] = {
		{ "<bom xmlns=\"http://cyclonedx.org/schema/bom/12\"/>",
		  "E unreadable: not a CycloneDX BOM: the root is <bom> in namespace "
		  "\"http://cyclonedx.org/schema/bom/12\"\n" },
		{ "<Document><spdxVersion>SPDX-2.3</spdxVersion></Document>",
		  "E unreadable: not a CycloneDX BOM: the root is <Document> in namespace \"\"\n" },
		{ "<?xml version=\"1.0\"?>\n<!DOCTYPE bom [<!ENTITY e SYSTEM \"/etc/passwd\">]>\n"
		  "<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\"><components><component><name>&e;"
		  "</name></component></components></bom>",
		  "E unreadable: not readable XML: line 2: a DOCTYPE is not allowed\n" },
		{ "<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\"><components>",
		  "E unreadable: not readable XML: line 1: the document ends before its elements close "
		  "(truncated?)\n" },
		{ "", "E unreadable: not readable XML: line 1: an empty document\n" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct asset_batch b;
		assert_int_equal(intake_read_cyclonedx_xml(cases[i].doc, strlen(cases[i].doc), NULL, &b),
		                 ERR_INVALID);
		assert_string_equal(issue_text(&b), cases[i].issue);
		asset_batch_free(&b);
	}
}

/* ---- SPDX ---- */

static const char spdx[] =
	"{\"spdxVersion\":\"SPDX-2.3\",\"SPDXID\":\"SPDXRef-DOCUMENT\",\"name\":\"x\","
	"\"packages\":["
	"  {\"SPDXID\":\"SPDXRef-1\",\"name\":\"openssl\",\"versionInfo\":\"1.1.1k\","
	"   \"supplier\":\"Organization: OpenSSL Software Foundation (openssl-security@openssl.org)\","
	"   \"externalRefs\":["
	"     {\"referenceCategory\":\"SECURITY\",\"referenceType\":\"cpe23Type\",\"referenceLocator\":\"cpe:2.3:a:openssl\"},"
	"     {\"referenceCategory\":\"SECURITY\",\"referenceType\":\"cpe22Type\",\"referenceLocator\":\"cpe:/a:openssl:openssl:1.1.1k\"},"
	"     {\"referenceCategory\":\"PACKAGE-MANAGER\",\"referenceType\":\"purl\",\"referenceLocator\":\"pkg:deb/debian/openssl@1.1.1k\"}]},"
	"  {\"SPDXID\":\"SPDXRef-2\",\"name\":\"glibc\",\"versionInfo\":\"2.31\",\"supplier\":\"NOASSERTION\","
	"   \"originator\":\"Person: Jane Doe\"},"
	"  {\"SPDXID\":\"SPDXRef-3\",\"versionInfo\":\"1\"}"
	"],\"files\":[{\"fileName\":\"./a.c\"}]}";

static void test_sbom_spdx_packages(void **state)
{
	(void)state;
	struct asset_batch b;
	struct intake_opts o = { .mode = INTAKE_KEEP_VALID };
	assert_int_equal(intake_read_spdx_json(spdx, sizeof(spdx) - 1, &o, &b), ERR_OK);
	assert_string_equal(b.spec, "SPDX-2.3");
	assert_string_equal(rows_text(&b),
	                    "openssl|1.1.1k|OpenSSL Software Foundation|"
	                    "cpe:2.3:a:openssl:openssl:1.1.1k:*:*:*:*:*:*:*|pkg:deb/debian/openssl@1.1.1k|"
	                    "openssl/openssl@20\n"
	                    "glibc|2.31|Jane Doe|||/@0\n");
	/* the first CPE that reads is taken, silently */
	assert_string_equal(issue_text(&b), "E required: packages[2]: a component without a name\n");
	assert_true(b.rows[0].cpe_from_uri);
	asset_batch_free(&b);
	static const char *const refused[] = {
		"{\"spdxVersion\":\"SPDX-2.1\",\"packages\":[]}",
		"{\"spdxVersion\":\"SPDX-3.0\"}",
		"{\"SPDXID\":\"SPDXRef-DOCUMENT\"}",
		"{\"spdxVersion\":\"SPDX-2.3\",\"packages\":{}}",
	};
	static const char *const why[] = {
		"E unsupported: SPDX-2.1 is not read (SPDX-2.2 and SPDX-2.3 JSON are)\n",
		"E unsupported: SPDX-3.0 is not read (SPDX-2.2 and SPDX-2.3 JSON are)\n",
		"E unreadable: not an SPDX 2 document: no spdxVersion\n",
		"E unreadable: packages is not an array\n",
	};
	for (size_t i = 0; i < 4; i++) {
		assert_int_equal(intake_read_spdx_json(refused[i], strlen(refused[i]), NULL, &b), ERR_INVALID);
		assert_string_equal(issue_text(&b), why[i]);
		asset_batch_free(&b);
	}
}

static void test_sbom_component_cap(void **state)
{
	(void)state;
	struct asset_batch b;
	struct intake_opts o = { .mode = INTAKE_KEEP_VALID, .max_rows = 3 };
	assert_int_equal(intake_read_cyclonedx_json(cdx_json, sizeof(cdx_json) - 1, &o, &b), ERR_TOO_LARGE);
	assert_int_equal(b.n_rows, 0);
	assert_non_null(strstr(issue_text(&b), "more than 3 components; the rest is not read"));
	asset_batch_free(&b);
	assert_int_equal(intake_read_cyclonedx_xml(cdx_xml, sizeof(cdx_xml) - 1, &o, &b), ERR_TOO_LARGE);
	assert_non_null(strstr(issue_text(&b), "more than 3 components; the rest is not read"));
	asset_batch_free(&b);
}

/* ---- the shared test data ---- */

static const char *data_dir(void)
{
	const char *d = getenv("VANS_TESTDATA");
	return d && *d ? d : "../shared/data";
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *p = malloc((size_t)n + 1);
	assert_non_null(p);
	assert_int_equal(fread(p, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return p;
}

struct tally {
	size_t files, components, cpes, cpe_uris, purls, guesses, subjects;
};

struct corpus {
	struct tally by_spec[16];
	char spec[16][24];
	size_t n_spec;
	size_t valid, invalid_refused, invalid_read, unsupported, failures;
	size_t keycloak_rows, keycloak_purls, obom_cpes, spdx_example_cpes;
};

static struct tally *tally_for(struct corpus *c, const char *spec)
{
	for (size_t i = 0; i < c->n_spec; i++)
		if (strcmp(c->spec[i], spec) == 0)
			return &c->by_spec[i];
	assert_true(c->n_spec < 16);
	snprintf(c->spec[c->n_spec], sizeof(c->spec[0]), "%s", spec);
	return &c->by_spec[c->n_spec++];
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);
	return a >= b && strcmp(s + a - b, suffix) == 0;
}

static void one_file(struct corpus *c, const char *path)
{
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	bool sbom_like = ends_with(path, ".json") || ends_with(path, ".xml") || ends_with(path, ".spdx") ||
	                 ends_with(path, ".yaml");
	if (!sbom_like || strstr(path, "/schema/") || strstr(base, "schema"))
		return;
	size_t len;
	char *p = slurp(path, &len);
	char why[256];
	enum intake_format f = intake_detect(p, len, why, sizeof(why));
	struct asset_batch b;
	enum err e = intake_read(p, len, NULL, &b);   /* all-or-nothing */
	bool invalid = strncmp(base, "invalid-", 8) == 0 || strncmp(base, "informal-invalid-", 17) == 0;
	if (f == INTAKE_FORMAT_UNKNOWN) {
		/* SPDX 3, tag-value, YAML, RDF and XML: said so */
		c->unsupported++;
		if (!strstr(why, "SPDX"))
			print_message("%s: %s\n", path, why);
		assert_non_null(strstr(why, "SPDX"));
	} else if (invalid) {
		if (e == ERR_OK) {
			c->invalid_read++;
		} else {
			c->invalid_refused++;
			if (b.n_issues)
				print_message("# refused %s: %s\n", base, b.issues[0].message);
		}
	} else {
		if (e != ERR_OK) {
			print_message("%s: %s", path, issue_text(&b));
			c->failures++;
		}
		assert_int_equal(e, ERR_OK);
		assert_int_equal(b.n_errors, 0);
		c->valid++;
		struct tally *t = tally_for(c, b.spec);
		t->files++;
		t->components += b.n_rows;
		t->cpes += b.n_cpe;
		t->cpe_uris += b.n_cpe_uri;
		t->purls += b.n_purl;
		t->guesses += b.n_guess;
		for (size_t i = 0; i < b.n_rows; i++)
			t->subjects += b.rows[i].sbom_subject;
		if (strstr(path, "SBOM/keycloak-10.0.2/bom.json")) {
			c->keycloak_rows = b.n_rows;
			c->keycloak_purls = b.n_purl;
		}
		if (strstr(path, "OBOM/Example-1-Standalone/bom.json"))
			c->obom_cpes = b.n_cpe;
		if (strstr(path, "SPDXJSONExample-v2.3.spdx.json"))
			c->spdx_example_cpes = b.n_cpe;
	}
	asset_batch_free(&b);
	free(p);
}

static void walk(struct corpus *c, const char *dir)
{
	DIR *d = opendir(dir);
	assert_non_null(d);
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		char path[1024];
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		struct stat st;
		if (stat(path, &st) != 0)
			continue;
		if (S_ISDIR(st.st_mode))
			walk(c, path);
		else if (S_ISREG(st.st_mode))
			one_file(c, path);
	}
	closedir(d);
}

static void test_sbom_every_shared_sbom(void **state)
{
	(void)state;
	char root[512];
	snprintf(root, sizeof(root), "%s/sbom", data_dir());
	if (access(root, R_OK) != 0) {
		print_message("test data %s absent: skipped\n", root);
		skip();
	}
	struct corpus *c = calloc(1, sizeof(*c));
	assert_non_null(c);
	walk(c, root);
	print_message("# %zu SBOMs read, %zu invalid conformance BOMs refused, %zu invalid ones read "
	              "(vans checks what it uses, not the whole schema), %zu not read (SPDX 3, "
	              "tag-value, YAML, RDF, XML)\n", c->valid, c->invalid_refused, c->invalid_read,
	              c->unsupported);
	print_message("# %-14s %5s %10s %6s %8s %6s %8s\n", "spec", "files", "components", "CPEs",
	              "2.2 URIs", "purls", "guesses");
	for (size_t i = 0; i < c->n_spec; i++) {
		const struct tally *t = &c->by_spec[i];
		print_message("# %-14s %5zu %10zu %6zu %8zu %6zu %8zu\n", c->spec[i], t->files,
		              t->components, t->cpes, t->cpe_uris, t->purls, t->guesses);
	}
	assert_int_equal(c->failures, 0);
	/* the conformance suites: 1.6 has 91 valid JSON/XML BOMs, 1.7 has 125 */
	assert_true(c->valid >= 216 + 60);
	/* what README.txt of the data says: keycloak's 903 Maven components and its subject,
	 * one CPE in the OBOM examples, the SPDX 2.3 example's Spring CPE */
	assert_int_equal(c->keycloak_rows, 904);
	assert_int_equal(c->keycloak_purls, 904);
	assert_int_equal(c->obom_cpes, 1);
	assert_int_equal(c->spdx_example_cpes, 1);
	/* bomFormat, namespace and nameless components are refused */
	assert_true(c->invalid_refused >= 6);
	for (size_t i = 0; i < c->n_spec; i++)
		assert_true(strncmp(c->spec[i], "CycloneDX 1.", 12) == 0 || strncmp(c->spec[i], "SPDX-2.", 7) == 0);
	assert_true(c->unsupported > 30);
	free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sbom_cyclonedx_json_components),
		cmocka_unit_test(test_sbom_cyclonedx_json_refusals),
		cmocka_unit_test(test_sbom_cyclonedx_xml_components),
		cmocka_unit_test(test_sbom_cyclonedx_xml_refusals),
		cmocka_unit_test(test_sbom_spdx_packages),
		cmocka_unit_test(test_sbom_component_cap),
		cmocka_unit_test(test_sbom_every_shared_sbom),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
