/* Format detection from content alone (magic bytes, zip entry names, the first JSON keys,
 * the XML root element) and the one entry point that detects and reads. Unknown formats
 * get a reason the uploader can act on, in English for logs and the CLI. */
#include "vans/intake/intake.h"

#include "core/zip_archive.h"
#include "vans/intake/internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#define SNIFF_BYTES (64 * 1024)

static enum intake_format unknown(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static enum intake_format unknown(char *err, size_t errlen, const char *fmt, ...)
{
	if (err && errlen) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(err, errlen, fmt, ap);
		va_end(ap);
	}
	return INTAKE_FORMAT_UNKNOWN;
}

static bool starts(const char *p, size_t len, const char *lit)
{
	size_t n = strlen(lit);
	return len >= n && memcmp(p, lit, n) == 0;
}

static bool starts_nocase(const char *p, size_t len, const char *lit)
{
	size_t n = strlen(lit);
	return len >= n && strncasecmp(p, lit, n) == 0;
}

static const char *find(const char *p, size_t len, const char *lit)
{
	size_t n = strlen(lit);
	for (size_t i = 0; n <= len && i <= len - n; i++)
		if (p[i] == lit[0] && memcmp(p + i, lit, n) == 0)
			return p + i;
	return NULL;
}

static enum intake_format zip_kind(const void *p, size_t len, char *err, size_t errlen)
{
	struct zip_archive *z;
	char msg[256];
	if (zip_archive_open_mem(p, len, NULL, &z, msg, sizeof(msg)) != ERR_OK)
		return unknown(err, errlen, "a zip archive that cannot be read (%s)", msg);
	enum intake_format f = INTAKE_FORMAT_UNKNOWN;
	if (zip_archive_find(z, "xl/workbook.xml") >= 0)
		f = INTAKE_FORMAT_XLSX;
	else if (zip_archive_find(z, "xl/workbook.bin") >= 0)
		unknown(err, errlen, "an Excel binary workbook (.xlsb): save it as .xlsx");
	else if (zip_archive_find(z, "word/document.xml") >= 0)
		unknown(err, errlen, "a Word document, not a workbook: use the .xlsx template");
	else if (zip_archive_find(z, "ppt/presentation.xml") >= 0)
		unknown(err, errlen, "a PowerPoint file, not a workbook: use the .xlsx template");
	else if (zip_archive_find(z, "content.xml") >= 0 && zip_archive_find(z, "mimetype") >= 0)
		unknown(err, errlen, "an OpenDocument file (.ods): save it as .xlsx or CSV");
	else
		unknown(err, errlen, "a zip archive that is not an XLSX workbook");
	zip_archive_close(z);
	return f;
}

static enum intake_format json_kind(const char *p, size_t len, char *err, size_t errlen)
{
	if (p[0] == '[')
		return unknown(err, errlen, "a JSON array, not a CycloneDX or SPDX document");
	size_t n = len < SNIFF_BYTES ? len : SNIFF_BYTES;
	if (find(p, n, "\"bomFormat\""))
		return INTAKE_FORMAT_CYCLONEDX_JSON;
	const char *v = find(p, n, "\"spdxVersion\"");
	if (v) {
		if (find(v, (size_t)(p + n - v), "\"SPDX-3"))
			return unknown(err, errlen, "SPDX 3 is not read yet: export the SBOM as SPDX 2.3 JSON");
		return INTAKE_FORMAT_SPDX_JSON;
	}
	if (find(p, n, "spdx.org/rdf/3"))
		return unknown(err, errlen,
		               "SPDX 3 JSON-LD is not read yet: export the SBOM as SPDX 2.3 JSON");
	return unknown(err, errlen,
	               "JSON, but neither a CycloneDX BOM (bomFormat) nor an SPDX document (spdxVersion)");
}

/* The root element's name and namespace, read from the text without parsing it. */
static enum intake_format xml_kind(const char *p, size_t len, char *err, size_t errlen)
{
	size_t n = len < SNIFF_BYTES ? len : SNIFF_BYTES;
	size_t i = 0;
	for (;;) {
		while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' || p[i] == '\n'))
			i++;
		if (i >= n || p[i] != '<')
			return unknown(err, errlen, "XML without a root element in its first %d KB",
			               SNIFF_BYTES / 1024);
		if (starts(p + i, n - i, "<?") || starts(p + i, n - i, "<!--")) {
			const char *term = starts(p + i, n - i, "<?") ? "?>" : "-->";
			const char *end = find(p + i, n - i, term);
			if (!end)
				return unknown(err, errlen, "XML that does not read");
			i = (size_t)(end - p) + strlen(term);
			continue;
		}
		if (starts_nocase(p + i, n - i, "<!DOCTYPE html") || starts_nocase(p + i, n - i, "<html"))
			return unknown(err, errlen, "an HTML page, not an inventory or SBOM");
		if (starts(p + i, n - i, "<!"))
			return unknown(err, errlen, "XML with a DOCTYPE, which vans does not read");
		break;
	}
	const char *tag = p + i + 1;
	size_t k = 0;
	while (i + 1 + k < n && tag[k] != ' ' && tag[k] != '>' && tag[k] != '/' && tag[k] != '\t' &&
	       tag[k] != '\r' && tag[k] != '\n')
		k++;
	const char *close = find(tag, n - i - 1, ">");
	size_t taglen = close ? (size_t)(close - tag) : n - i - 1;
	const char *colon = memchr(tag, ':', k);
	const char *local = colon ? colon + 1 : tag;
	size_t local_len = k - (size_t)(local - tag);
	bool cdx = find(tag, taglen, "http://cyclonedx.org/schema/bom/") != NULL;
	if (local_len == 3 && memcmp(local, "bom", 3) == 0 && cdx)
		return INTAKE_FORMAT_CYCLONEDX_XML;
	if ((local_len == 3 && memcmp(local, "RDF", 3) == 0 && find(p, n, "spdx.org/rdf")) ||
	    (local_len == 8 && memcmp(local, "Document", 8) == 0 && find(p, n, "<spdxVersion>")))
		return unknown(err, errlen, "SPDX in XML is not read: export the SBOM as SPDX 2.3 JSON");
	return unknown(err, errlen, "XML, but not a CycloneDX BOM (root <%.*s>)",
	               (int)(k > 40 ? 40 : k), tag);
}

enum intake_format intake_detect(const void *data, size_t len, char *err, size_t errlen)
{
	if (err && errlen)
		err[0] = '\0';
	const char *p = data;
	const unsigned char *u = data;
	if (!p || len == 0)
		return unknown(err, errlen, "the file is empty");
	if (len >= 8 && memcmp(u, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0)
		return unknown(err, errlen,
		               "an Excel 97-2003 workbook (.xls) or another old Office file: save it as .xlsx");
	if (zip_archive_sniff(p, len))
		return zip_kind(p, len, err, errlen);
	if (len >= 2 && u[0] == 0x1F && u[1] == 0x8B)
		return unknown(err, errlen, "a gzip-compressed file: upload it uncompressed");
	if (starts(p, len, "%PDF"))
		return unknown(err, errlen, "a PDF document, not an inventory or SBOM");
	if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF)))
		return unknown(err, errlen, "UTF-16 text: save it as UTF-8 (\"CSV UTF-8\" in Excel)");
	size_t i = len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF ? 3 : 0;
	while (i < len && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' || p[i] == '\n'))
		i++;
	if (i == len)
		return unknown(err, errlen, "the file holds only white space");
	const char *q = p + i;
	size_t qn = len - i;
	if (q[0] == '{' || q[0] == '[')
		return json_kind(q, qn, err, errlen);
	if (q[0] == '<')
		return xml_kind(q, qn, err, errlen);
	if (starts(q, qn, "SPDXVersion:"))
		return unknown(err, errlen,
		               "SPDX tag-value is not read: export the SBOM as SPDX 2.3 JSON");
	if (starts(q, qn, "---") || starts(q, qn, "spdxVersion:") ||
	    find(q, qn < 4096 ? qn : 4096, "\nspdxVersion:"))
		return unknown(err, errlen, "SPDX YAML is not read: export the SBOM as SPDX 2.3 JSON");
	size_t head = len < 4096 ? len : 4096;
	if (memchr(p, '\0', head))
		return unknown(err, errlen, "a binary file of unknown type");
	return INTAKE_FORMAT_CSV;
}

enum err intake_read(const void *p, size_t len, const struct intake_opts *opts,
		     struct asset_batch *b)
{
	char why[256];
	switch (intake_detect(p, len, why, sizeof(why))) {
	case INTAKE_FORMAT_XLSX:
		return intake_read_xlsx(p, len, opts, b);
	case INTAKE_FORMAT_CSV:
		return intake_read_csv(p, len, opts, b);
	case INTAKE_FORMAT_CYCLONEDX_JSON:
		return intake_read_cyclonedx_json(p, len, opts, b);
	case INTAKE_FORMAT_CYCLONEDX_XML:
		return intake_read_cyclonedx_xml(p, len, opts, b);
	case INTAKE_FORMAT_SPDX_JSON:
		return intake_read_spdx_json(p, len, opts, b);
	default:
		break;
	}
	asset_batch_init(b, ASSET_SOURCE_UNKNOWN);
	asset_batch_issue(b, ASSET_ISSUE_UNSUPPORTED, ASSET_SEV_ERROR, ASSET_FIELD__MAX, 0, 0, NULL,
	                  NULL, 0, "%s", why);
	return ERR_INVALID;
}
