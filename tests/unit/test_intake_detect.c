/* Tests of format detection for `vans asset import`: each readable format told from its
 * content alone, and every look-alike refused with a reason the uploader can act on. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/err.h"
#include "vans/intake/intake.h"

#include "../lib/zipwrite.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static enum intake_format detect(const void *p, size_t len, char *why)
{
	return intake_detect(p, len, why, 256);
}

#define DETECT(lit, why) detect(lit, sizeof(lit) - 1, why)

static unsigned char *zip_with(const char *const *names, size_t n, size_t *len)
{
	struct zw z = { 0 };
	for (size_t i = 0; i < n; i++)
		zw_add(&z, names[i], "<x/>");
	return zw_finish(&z, len);
}

static void test_detect_zip_kinds(void **state)
{
	(void)state;
	char why[256];
	size_t len;
	const char *xlsx[] = { "[Content_Types].xml", "_rels/.rels", "xl/workbook.xml" };
	unsigned char *z = zip_with(xlsx, 3, &len);
	assert_int_equal(detect(z, len, why), INTAKE_FORMAT_XLSX);
	free(z);
	static const struct {
		const char *names[2];
		const char *why;
	} others[] = {
		{ { "word/document.xml", "[Content_Types].xml" }, "a Word document, not a workbook: use the .xlsx template" },
		{ { "mimetype", "content.xml" }, "an OpenDocument file (.ods): save it as .xlsx or CSV" },
		{ { "xl/workbook.bin", "[Content_Types].xml" }, "an Excel binary workbook (.xlsb): save it as .xlsx" },
		{ { "ppt/presentation.xml", "x" }, "a PowerPoint file, not a workbook: use the .xlsx template" },
		{ { "bom.json", "readme.txt" }, "a zip archive that is not an XLSX workbook" },
	};
	for (size_t i = 0; i < sizeof(others) / sizeof(others[0]); i++) {
		z = zip_with(others[i].names, 2, &len);
		assert_int_equal(detect(z, len, why), INTAKE_FORMAT_UNKNOWN);
		assert_string_equal(why, others[i].why);
		free(z);
	}
}

static void test_detect_text_formats(void **state)
{
	(void)state;
	char why[256];
	assert_int_equal(DETECT("資產類別,資產名稱\n資通系統資產,nginx\n", why), INTAKE_FORMAT_CSV);
	assert_int_equal(DETECT("\xEF\xBB\xBF" "Category;Asset name\n", why), INTAKE_FORMAT_CSV);
	assert_int_equal(DETECT("\xEF\xBB\xBF  {\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.6\"}", why),
	                 INTAKE_FORMAT_CYCLONEDX_JSON);
	/* bomFormat need not come first */
	assert_int_equal(DETECT("{\n  \"$schema\": \"http://cyclonedx.org/schema/bom-1.5.schema.json\",\n"
	                        "  \"bomFormat\": \"CycloneDX\"}", why), INTAKE_FORMAT_CYCLONEDX_JSON);
	assert_int_equal(DETECT("{\"SPDXID\":\"SPDXRef-DOCUMENT\",\"spdxVersion\":\"SPDX-2.3\"}", why),
	                 INTAKE_FORMAT_SPDX_JSON);
	assert_int_equal(DETECT("<?xml version=\"1.0\"?>\n<!-- made by a tool -->\n"
	                        "<bom xmlns=\"http://cyclonedx.org/schema/bom/1.4\" version=\"1\">", why),
	                 INTAKE_FORMAT_CYCLONEDX_XML);
	assert_int_equal(DETECT("<cdx:bom xmlns:cdx=\"http://cyclonedx.org/schema/bom/1.6\"/>", why),
	                 INTAKE_FORMAT_CYCLONEDX_XML);
}

static void test_detect_refusals_say_what_to_do(void **state)
{
	(void)state;
	static const struct {
		const char *in;
		size_t len;
		const char *why;
	} cases[] = {
#define C(lit, why) { lit, sizeof(lit) - 1, why }
		C("", "the file is empty"),
		C(" \r\n\t", "the file holds only white space"),
		C("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest",
		  "an Excel 97-2003 workbook (.xls) or another old Office file: save it as .xlsx"),
		C("\x1F\x8B\x08\x00", "a gzip-compressed file: upload it uncompressed"),
		C("%PDF-1.7\n", "a PDF document, not an inventory or SBOM"),
		C("\xFF\xFE" "a\0,\0b\0", "UTF-16 text: save it as UTF-8 (\"CSV UTF-8\" in Excel)"),
		C("{\"@context\":\"https://spdx.org/rdf/3.0.1/spdx-context.jsonld\",\"@graph\":[]}",
		  "SPDX 3 JSON-LD is not read yet: export the SBOM as SPDX 2.3 JSON"),
		C("{\"spdxVersion\":\"SPDX-3.0\"}", "SPDX 3 is not read yet: export the SBOM as SPDX 2.3 JSON"),
		C("[{\"name\":\"x\"}]", "a JSON array, not a CycloneDX or SPDX document"),
		C("{\"api_key\":\"k\",\"data\":[]}",
		  "JSON, but neither a CycloneDX BOM (bomFormat) nor an SPDX document (spdxVersion)"),
		C("SPDXVersion: SPDX-2.2\nDataLicense: CC0-1.0\n",
		  "SPDX tag-value is not read: export the SBOM as SPDX 2.3 JSON"),
		C("---\nSPDXID: \"SPDXRef-DOCUMENT\"\nspdxVersion: \"SPDX-2.3\"\n",
		  "SPDX YAML is not read: export the SBOM as SPDX 2.3 JSON"),
		C("<rdf:RDF xmlns:spdx=\"http://spdx.org/rdf/terms#\" xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">",
		  "SPDX in XML is not read: export the SBOM as SPDX 2.3 JSON"),
		C("<?xml version='1.0'?>\n<Document>\n<spdxVersion>SPDX-2.3</spdxVersion>",
		  "SPDX in XML is not read: export the SBOM as SPDX 2.3 JSON"),
		C("<!DOCTYPE html><html><body>login</body></html>", "an HTML page, not an inventory or SBOM"),
		C("<?xml version=\"1.0\"?><!DOCTYPE bom [<!ENTITY x \"y\">]><bom/>",
		  "XML with a DOCTYPE, which vans does not read"),
		C("<catalog xmlns=\"urn:oasis:names:tc:entity:xmlns:xml:catalog\"/>",
		  "XML, but not a CycloneDX BOM (root <catalog>)"),
		C("ab\0cd", "a binary file of unknown type"),
#undef C
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char why[256] = "";
		assert_int_equal(detect(cases[i].in, cases[i].len, why), INTAKE_FORMAT_UNKNOWN);
		assert_string_equal(why, cases[i].why);
	}
	assert_string_equal(intake_format_str(INTAKE_FORMAT_SPDX_JSON), "spdx-json");
	assert_string_equal(intake_format_str(INTAKE_FORMAT__MAX), "unknown");
}

static void test_detect_then_read(void **state)
{
	(void)state;
	struct asset_batch b;
	const char csv[] = "資產類別,資產名稱\n資通系統資產,nginx\n";
	assert_int_equal(intake_read(csv, sizeof(csv) - 1, NULL, &b), ERR_OK);
	assert_int_equal(b.source, ASSET_SOURCE_CSV);
	assert_int_equal(b.n_rows, 1);
	asset_batch_free(&b);
	const char cdx[] = "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.5\",\"components\":"
	                   "[{\"type\":\"library\",\"name\":\"lodash\",\"version\":\"4.17.20\"}]}";
	assert_int_equal(intake_read(cdx, sizeof(cdx) - 1, NULL, &b), ERR_OK);
	assert_int_equal(b.source, ASSET_SOURCE_CYCLONEDX_JSON);
	assert_string_equal(asset_source_str(b.source), "cyclonedx-json");
	assert_int_equal(b.n_rows, 1);
	asset_batch_free(&b);
	assert_int_equal(intake_read("%PDF-1.4", 8, NULL, &b), ERR_INVALID);
	assert_int_equal(b.source, ASSET_SOURCE_UNKNOWN);
	assert_int_equal(b.n_issues, 1);
	assert_int_equal(b.issues[0].code, ASSET_ISSUE_UNSUPPORTED);
	assert_string_equal(b.issues[0].message, "a PDF document, not an inventory or SBOM");
	asset_batch_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_detect_zip_kinds),
		cmocka_unit_test(test_detect_text_formats),
		cmocka_unit_test(test_detect_refusals_say_what_to_do),
		cmocka_unit_test(test_detect_then_read),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
