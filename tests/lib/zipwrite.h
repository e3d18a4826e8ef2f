/* A tiny zip writer for tests and benchmarks: builds XLSX files (and hostile zips) in
 * memory from XML strings, stored or deflated with zlib, so no binary fixture is kept in
 * the repository. Header-only; include it once per program. */
#ifndef VANS_TESTS_ZIPWRITE_H
#define VANS_TESTS_ZIPWRITE_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

/* not every program uses every helper */
#define ZW_FN static __attribute__((unused))

struct zw {
	unsigned char *data;
	size_t len, cap;
	unsigned char *cd;       /* the central directory, appended at the end */
	size_t cd_len, cd_cap;
	uint16_t entries;
};

ZW_FN void zw_grow(unsigned char **p, size_t *cap, size_t need)
{
	if (need <= *cap)
		return;
	size_t c = *cap ? *cap : 4096;
	while (c < need)
		c *= 2;
	*p = realloc(*p, c);
	if (!*p)
		abort();
	*cap = c;
}

ZW_FN void zw_put(unsigned char **p, size_t *len, size_t *cap, const void *src, size_t n)
{
	zw_grow(p, cap, *len + n);
	memcpy(*p + *len, src, n);
	*len += n;
}

ZW_FN void zw_u16(unsigned char **p, size_t *len, size_t *cap, uint16_t v)
{
	unsigned char b[2] = { (unsigned char)v, (unsigned char)(v >> 8) };
	zw_put(p, len, cap, b, 2);
}

ZW_FN void zw_u32(unsigned char **p, size_t *len, size_t *cap, uint32_t v)
{
	unsigned char b[4] = { (unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16),
	                       (unsigned char)(v >> 24) };
	zw_put(p, len, cap, b, 4);
}

/* Adds a member. compress_it: deflate it (raw deflate, as zip wants). declared_size, when
 * not 0, is written as the uncompressed size instead of the real one (a lying bomb). */
ZW_FN void zw_add_ex(struct zw *z, const char *name, const void *body, size_t n, int compress_it,
		      uint32_t declared_size)
{
	uint32_t crc = (uint32_t)crc32(0L, body, (uInt)n);
	unsigned char *comp = NULL;
	size_t clen = n;
	uint16_t method = 0;
	if (compress_it) {
		z_stream s;
		memset(&s, 0, sizeof(s));
		if (deflateInit2(&s, 9, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY) != Z_OK)
			abort();
		size_t bound = deflateBound(&s, (uLong)n) + 16;
		comp = malloc(bound);
		if (!comp)
			abort();
		s.next_in = (unsigned char *)(uintptr_t)body;
		s.avail_in = (uInt)n;
		s.next_out = comp;
		s.avail_out = (uInt)bound;
		if (deflate(&s, Z_FINISH) != Z_STREAM_END)
			abort();
		clen = bound - s.avail_out;
		deflateEnd(&s);
		method = 8;
	}
	uint32_t usize = declared_size ? declared_size : (uint32_t)n;
	size_t nlen = strlen(name);
	uint32_t offset = (uint32_t)z->len;
	/* local file header */
	zw_u32(&z->data, &z->len, &z->cap, 0x04034b50);
	zw_u16(&z->data, &z->len, &z->cap, 20);
	zw_u16(&z->data, &z->len, &z->cap, 0x0800);   /* UTF-8 names */
	zw_u16(&z->data, &z->len, &z->cap, method);
	zw_u16(&z->data, &z->len, &z->cap, 0);
	zw_u16(&z->data, &z->len, &z->cap, 0x21);
	zw_u32(&z->data, &z->len, &z->cap, crc);
	zw_u32(&z->data, &z->len, &z->cap, (uint32_t)clen);
	zw_u32(&z->data, &z->len, &z->cap, usize);
	zw_u16(&z->data, &z->len, &z->cap, (uint16_t)nlen);
	zw_u16(&z->data, &z->len, &z->cap, 0);
	zw_put(&z->data, &z->len, &z->cap, name, nlen);
	zw_put(&z->data, &z->len, &z->cap, compress_it ? comp : body, clen);
	free(comp);
	/* central directory entry */
	zw_u32(&z->cd, &z->cd_len, &z->cd_cap, 0x02014b50);
	zw_u16(&z->cd, &z->cd_len, &z->cd_cap, 20);
	zw_u16(&z->cd, &z->cd_len, &z->cd_cap, 20);
	zw_u16(&z->cd, &z->cd_len, &z->cd_cap, 0x0800);
	zw_u16(&z->cd, &z->cd_len, &z->cd_cap, method);
	zw_u16(&z->cd, &z->cd_len, &z->cd_cap, 0);
	zw_u16(&z->cd, &z->cd_len, &z->cd_cap, 0x21);
	zw_u32(&z->cd, &z->cd_len, &z->cd_cap, crc);
	zw_u32(&z->cd, &z->cd_len, &z->cd_cap, (uint32_t)clen);
	zw_u32(&z->cd, &z->cd_len, &z->cd_cap, usize);
	zw_u16(&z->cd, &z->cd_len, &z->cd_cap, (uint16_t)nlen);
	zw_u16(&z->cd, &z->cd_len, &z->cd_cap, 0);
	zw_u16(&z->cd, &z->cd_len, &z->cd_cap, 0);
	zw_u16(&z->cd, &z->cd_len, &z->cd_cap, 0);
	zw_u16(&z->cd, &z->cd_len, &z->cd_cap, 0);
	zw_u32(&z->cd, &z->cd_len, &z->cd_cap, 0);
	zw_u32(&z->cd, &z->cd_len, &z->cd_cap, offset);
	zw_put(&z->cd, &z->cd_len, &z->cd_cap, name, nlen);
	z->entries++;
}

ZW_FN void zw_add(struct zw *z, const char *name, const char *text)
{
	zw_add_ex(z, name, text, strlen(text), 1, 0);
}

/* Ends the archive: central directory and end record appended. Returns the bytes (the
 * caller frees them) and their length. */
ZW_FN unsigned char *zw_finish(struct zw *z, size_t *len)
{
	uint32_t cd_off = (uint32_t)z->len;
	zw_put(&z->data, &z->len, &z->cap, z->cd, z->cd_len);
	zw_u32(&z->data, &z->len, &z->cap, 0x06054b50);
	zw_u16(&z->data, &z->len, &z->cap, 0);
	zw_u16(&z->data, &z->len, &z->cap, 0);
	zw_u16(&z->data, &z->len, &z->cap, z->entries);
	zw_u16(&z->data, &z->len, &z->cap, z->entries);
	zw_u32(&z->data, &z->len, &z->cap, (uint32_t)z->cd_len);
	zw_u32(&z->data, &z->len, &z->cap, cd_off);
	zw_u16(&z->data, &z->len, &z->cap, 0);
	free(z->cd);
	unsigned char *out = z->data;
	*len = z->len;
	memset(z, 0, sizeof(*z));
	return out;
}

/* The package parts every XLSX has, around a workbook whose sheets are named in
 * sheet_names ("Assets", …) with worksheets xl/worksheets/sheetN.xml added by the caller.
 * styles may be NULL (no styles part). */
ZW_FN void zw_xlsx_frame(struct zw *z, const char *const *sheet_names, size_t n_sheets,
			  const char *styles, int date1904)
{
	zw_add(z, "[Content_Types].xml",
	       "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	       "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
	       "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
	       "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
	       "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
	       "</Types>");
	zw_add(z, "_rels/.rels",
	       "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	       "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	       "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
	       "</Relationships>");
	char *wb = malloc(4096 + n_sheets * 256), *rels = malloc(4096 + n_sheets * 256);
	if (!wb || !rels)
		abort();
	size_t w = (size_t)snprintf(wb, 4096,
	                            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	                            "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
	                            "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
	                            "<workbookPr%s/><sheets>", date1904 ? " date1904=\"1\"" : "");
	size_t r = (size_t)snprintf(rels, 4096,
	                            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	                            "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	                            "<Relationship Id=\"rIdS\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>"
	                            "<Relationship Id=\"rIdY\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>");
	for (size_t i = 0; i < n_sheets; i++) {
		w += (size_t)snprintf(wb + w, 256, "<sheet name=\"%s\" sheetId=\"%zu\" r:id=\"rId%zu\"/>",
		                      sheet_names[i], i + 1, i + 1);
		r += (size_t)snprintf(rels + r, 256,
		                      "<Relationship Id=\"rId%zu\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet%zu.xml\"/>",
		                      i + 1, i + 1);
	}
	snprintf(wb + w, 64, "</sheets></workbook>");
	snprintf(rels + r, 64, "</Relationships>");
	zw_add(z, "xl/workbook.xml", wb);
	zw_add(z, "xl/_rels/workbook.xml.rels", rels);
	free(wb);
	free(rels);
	if (styles)
		zw_add(z, "xl/styles.xml", styles);
}

#endif
