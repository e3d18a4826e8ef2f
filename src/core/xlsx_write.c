/* The XLSX writer: each sheet's rows are written as SpreadsheetML into a buffer as they come
 * (inline strings, so no shared-string table is held), then the package parts are zipped. */
#include "core/xlsx_write.h"

#include "core/alloc.h"
#include "core/zip_archive.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ROWS 1048576u
#define MAX_COLS 16384u
#define MAX_CELL 32767u      /* characters of a cell */
#define MAX_SHEET_NAME 31u

struct sheet {
	char name[MAX_SHEET_NAME * 4 + 8];
	struct buf cols;         /* <col> elements */
	struct buf rows;         /* <row> elements */
	bool freeze;
	uint32_t n_rows;
	bool in_row;
	uint32_t col;            /* next column of the current row, 0-based */
	bool bold;               /* the current row's style is XLSX_BOLD */
};

struct xlsx_writer {
	struct sheet *sheets;
	size_t n_sheets, cap_sheets;
	bool too_large;
};

struct xlsx_writer *xlsx_writer_new(void)
{
	return xcalloc(1, sizeof(struct xlsx_writer));
}

void xlsx_writer_free(struct xlsx_writer *x)
{
	if (!x)
		return;
	for (size_t i = 0; i < x->n_sheets; i++) {
		buf_free(&x->sheets[i].cols);
		buf_free(&x->sheets[i].rows);
	}
	free(x->sheets);
	free(x);
}

static struct sheet *current(struct xlsx_writer *x)
{
	if (!x->n_sheets)
		xlsx_sheet_begin(x, "Sheet1");
	return &x->sheets[x->n_sheets - 1];
}

static void end_row(struct sheet *s)
{
	if (s->in_row)
		buf_puts(&s->rows, "</row>");
	s->in_row = false;
}

/* The length of the UTF-8 sequence at p (1..4), or 0 when it is not valid UTF-8. */
static size_t utf8_len(const unsigned char *p, size_t n)
{
	if (p[0] < 0x80)
		return 1;
	size_t k = p[0] >= 0xf0 && p[0] <= 0xf4 ? 4 : p[0] >= 0xe0 ? 3 : p[0] >= 0xc2 && p[0] < 0xe0 ? 2 : 0;
	if (!k || k > n)
		return 0;
	for (size_t i = 1; i < k; i++)
		if ((p[i] & 0xc0) != 0x80)
			return 0;
	if (k == 3 && ((p[0] == 0xe0 && p[1] < 0xa0) || (p[0] == 0xed && p[1] >= 0xa0)))
		return 0;   /* overlong, surrogates */
	if (k == 3 && p[0] == 0xef && p[1] == 0xbf && (p[2] == 0xbe || p[2] == 0xbf))
		return 0;   /* U+FFFE, U+FFFF: not XML characters */
	if (k == 4 && ((p[0] == 0xf0 && p[1] < 0x90) || (p[0] == 0xf4 && p[1] >= 0x90)))
		return 0;
	return k;
}

/* XML text: escaped, characters XML cannot hold dropped, at most MAX_CELL characters. */
static void xml_text(struct buf *b, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t chars = 0;
	for (size_t i = 0; i < len && chars < MAX_CELL;) {
		unsigned char c = p[i];
		size_t k = utf8_len(p + i, len - i);
		if (!k) {
			i++;
			continue;
		}
		chars++;
		if (k > 1) {
			buf_append(b, p + i, k);
		} else if (c == '&') {
			buf_puts(b, "&amp;");
		} else if (c == '<') {
			buf_puts(b, "&lt;");
		} else if (c == '>') {
			buf_puts(b, "&gt;");
		} else if (c == '"') {
			buf_puts(b, "&quot;");
		} else if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
			if (c == '\r')
				buf_puts(b, "&#13;");
			else
				buf_putc(b, (char)c);
		} else {
			chars--;   /* a control character: dropped */
		}
		i += k;
	}
}

static void col_name(uint32_t col, char out[4])
{
	char tmp[4];
	int n = 0;
	col++;
	while (col && n < 3) {
		col--;
		tmp[n++] = (char)('A' + col % 26);
		col /= 26;
	}
	for (int i = 0; i < n; i++)
		out[i] = tmp[n - 1 - i];
	out[n] = '\0';
}

void xlsx_sheet_begin(struct xlsx_writer *x, const char *name)
{
	if (x->n_sheets)
		end_row(&x->sheets[x->n_sheets - 1]);
	if (x->n_sheets == x->cap_sheets) {
		x->cap_sheets = x->cap_sheets ? x->cap_sheets * 2 : 4;
		x->sheets = xrealloc(x->sheets, x->cap_sheets * sizeof(*x->sheets));
	}
	struct sheet *s = &x->sheets[x->n_sheets++];
	memset(s, 0, sizeof(*s));
	buf_init(&s->cols, 0);
	buf_init(&s->rows, (size_t)1 << 30);
	/* the name: forbidden characters replaced, at most 31 characters */
	size_t k = 0, chars = 0;
	const unsigned char *p = (const unsigned char *)(name && *name ? name : "Sheet");
	size_t len = strlen((const char *)p);
	for (size_t i = 0; i < len && chars < MAX_SHEET_NAME;) {
		size_t l = utf8_len(p + i, len - i);
		if (!l) {
			i++;
			continue;
		}
		if (l == 1 && (strchr("[]:*?/\\", p[i]) || p[i] < 0x20))
			s->name[k++] = '_';
		else
			for (size_t j = 0; j < l; j++)
				s->name[k++] = (char)p[i + j];
		i += l;
		chars++;
	}
	s->name[k] = '\0';
	/* names differ (Excel compares them without case) */
	for (int n = 2; n < 100; n++) {
		bool clash = false;
		for (size_t i = 0; i + 1 < x->n_sheets; i++)
			if (strcasecmp(x->sheets[i].name, s->name) == 0)
				clash = true;
		if (!clash)
			break;
		/* the first 24 bytes, cut at a character boundary */
		size_t cut = strlen(s->name) > 24 ? 24 : strlen(s->name);
		while (cut && (s->name[cut] & 0xc0) == 0x80)
			cut--;
		char suffix[16];
		snprintf(suffix, sizeof suffix, " (%d)", n);
		memcpy(s->name + cut, suffix, strlen(suffix) + 1);
	}
}

void xlsx_sheet_widths(struct xlsx_writer *x, const double *widths, size_t n)
{
	struct sheet *s = current(x);
	for (size_t i = 0; i < n && i < MAX_COLS; i++)
		if (widths[i] > 0)
			buf_printf(&s->cols, "<col min=\"%zu\" max=\"%zu\" width=\"%.2f\" customWidth=\"1\"/>", i + 1, i + 1,
				   widths[i] > 255 ? 255.0 : widths[i]);
}

void xlsx_sheet_freeze_first_row(struct xlsx_writer *x)
{
	current(x)->freeze = true;
}

void xlsx_row_begin(struct xlsx_writer *x, unsigned style)
{
	struct sheet *s = current(x);
	end_row(s);
	if (s->n_rows == MAX_ROWS) {
		x->too_large = true;
		return;
	}
	s->n_rows++;
	s->in_row = true;
	s->col = 0;
	s->bold = (style & XLSX_BOLD) != 0;
	if (style & XLSX_BOLD)
		buf_printf(&s->rows, "<row r=\"%u\" s=\"1\" customFormat=\"1\">", s->n_rows);
	else
		buf_printf(&s->rows, "<row r=\"%u\">", s->n_rows);
}

/* The opening of the next cell, or NULL when there is no row to put it in. */
static struct sheet *next_cell(struct xlsx_writer *x, char ref[16])
{
	struct sheet *s = current(x);
	if (!s->in_row) {
		if (s->n_rows == MAX_ROWS) {
			x->too_large = true;
			return NULL;
		}
		xlsx_row_begin(x, 0);
	}
	if (s->col == MAX_COLS) {
		x->too_large = true;
		return NULL;
	}
	char c[4];
	col_name(s->col++, c);
	snprintf(ref, 16, "%s%u", c, s->n_rows);
	return s;
}

/* Cells of a bold row carry the bold style too (Excel shows the cell's style). */
static const char *cell_style(const struct sheet *s)
{
	return s->bold ? " s=\"1\"" : "";
}

void xlsx_cell_strn(struct xlsx_writer *x, const char *str, size_t len)
{
	char ref[16];
	struct sheet *s = next_cell(x, ref);
	if (!s || !str || !len)
		return;
	buf_printf(&s->rows, "<c r=\"%s\"%s t=\"inlineStr\"><is><t xml:space=\"preserve\">", ref, cell_style(s));
	xml_text(&s->rows, str, len);
	buf_puts(&s->rows, "</t></is></c>");
}

void xlsx_cell_str(struct xlsx_writer *x, const char *str)
{
	xlsx_cell_strn(x, str, str ? strlen(str) : 0);
}

void xlsx_cell_int(struct xlsx_writer *x, int64_t v)
{
	char ref[16];
	struct sheet *s = next_cell(x, ref);
	if (s)
		buf_printf(&s->rows, "<c r=\"%s\"%s><v>%lld</v></c>", ref, cell_style(s), (long long)v);
}

void xlsx_cell_num(struct xlsx_writer *x, double v)
{
	char ref[16];
	struct sheet *s = next_cell(x, ref);
	if (s && v == v && v - v == 0)   /* NaN and infinities have no cell value: left empty */
		buf_printf(&s->rows, "<c r=\"%s\"%s><v>%.17g</v></c>", ref, cell_style(s), v);
}

void xlsx_cell_empty(struct xlsx_writer *x)
{
	char ref[16];
	next_cell(x, ref);
}

/* ---- the package ------------------------------------------------------------------- */

static const char RELS[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	"<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
	"officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>";

static const char STYLES[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	"<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
	"<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>"
	"<font><b/><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font></fonts>"
	"<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill>"
	"<fill><patternFill patternType=\"gray125\"/></fill></fills>"
	"<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
	"<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
	"<cellXfs count=\"2\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
	"<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/></cellXfs>"
	"<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
	"</styleSheet>";

static enum err add(struct zip_writer *z, const char *name, const struct buf *b, char *err, size_t errlen)
{
	if (b->overflow) {
		snprintf(err, errlen, "%s is larger than allowed", name);
		return ERR_TOO_LARGE;
	}
	return zip_writer_add(z, name, b->data ? b->data : "", b->len, err, errlen);
}

enum err xlsx_writer_finish(struct xlsx_writer *x, struct buf *out, char *err, size_t errlen)
{
	char dummy[8];
	if (!err || !errlen) {
		err = dummy;
		errlen = sizeof dummy;
	}
	current(x);
	end_row(&x->sheets[x->n_sheets - 1]);
	if (x->too_large) {
		snprintf(err, errlen, "more rows or columns than a sheet holds");
		xlsx_writer_free(x);
		return ERR_TOO_LARGE;
	}
	struct zip_writer *z;
	enum err e = zip_writer_new(&z, err, errlen);
	if (e != ERR_OK) {
		xlsx_writer_free(x);
		return e;
	}
	struct buf b;
	buf_init(&b, 0);
	/* [Content_Types].xml */
	buf_puts(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
		     "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
		     "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
		     "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
		     "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/"
		     "vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
		     "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/"
		     "vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>");
	for (size_t i = 0; i < x->n_sheets; i++)
		buf_printf(&b, "<Override PartName=\"/xl/worksheets/sheet%zu.xml\" ContentType=\"application/"
			       "vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>", i + 1);
	buf_puts(&b, "</Types>");
	e = add(z, "[Content_Types].xml", &b, err, errlen);
	if (e == ERR_OK)
		e = zip_writer_add(z, "_rels/.rels", RELS, sizeof RELS - 1, err, errlen);
	/* the workbook and its relationships */
	if (e == ERR_OK) {
		buf_reset(&b);
		buf_puts(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
			     "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
			     "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>");
		for (size_t i = 0; i < x->n_sheets; i++) {
			buf_puts(&b, "<sheet name=\"");
			xml_text(&b, x->sheets[i].name, strlen(x->sheets[i].name));
			buf_printf(&b, "\" sheetId=\"%zu\" r:id=\"rId%zu\"/>", i + 1, i + 1);
		}
		buf_puts(&b, "</sheets></workbook>");
		e = add(z, "xl/workbook.xml", &b, err, errlen);
	}
	if (e == ERR_OK) {
		buf_reset(&b);
		buf_puts(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
			     "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">");
		for (size_t i = 0; i < x->n_sheets; i++)
			buf_printf(&b, "<Relationship Id=\"rId%zu\" Type=\"http://schemas.openxmlformats.org/"
				       "officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet%zu.xml\"/>",
				   i + 1, i + 1);
		buf_printf(&b, "<Relationship Id=\"rId%zu\" Type=\"http://schemas.openxmlformats.org/officeDocument/"
			       "2006/relationships/styles\" Target=\"styles.xml\"/></Relationships>", x->n_sheets + 1);
		e = add(z, "xl/_rels/workbook.xml.rels", &b, err, errlen);
	}
	if (e == ERR_OK)
		e = zip_writer_add(z, "xl/styles.xml", STYLES, sizeof STYLES - 1, err, errlen);
	/* the sheets */
	for (size_t i = 0; i < x->n_sheets && e == ERR_OK; i++) {
		struct sheet *s = &x->sheets[i];
		struct buf w;
		buf_init(&w, (size_t)1 << 30);
		buf_puts(&w, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
			     "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
			     "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">");
		if (s->freeze)
			buf_puts(&w, "<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" "
				     "activePane=\"bottomLeft\" state=\"frozen\"/></sheetView></sheetViews>");
		if (s->cols.len) {
			buf_puts(&w, "<cols>");
			buf_append(&w, s->cols.data, s->cols.len);
			buf_puts(&w, "</cols>");
		}
		buf_puts(&w, "<sheetData>");
		if (s->rows.len)
			buf_append(&w, s->rows.data, s->rows.len);
		buf_puts(&w, "</sheetData></worksheet>");
		if (s->rows.overflow)
			w.overflow = 1;
		char name[64];
		snprintf(name, sizeof name, "xl/worksheets/sheet%zu.xml", i + 1);
		e = add(z, name, &w, err, errlen);
		buf_free(&w);
		/* the sheet's rows are in the archive now */
		buf_free(&s->rows);
		buf_init(&s->rows, 0);
	}
	buf_free(&b);
	xlsx_writer_free(x);
	if (e != ERR_OK) {
		zip_writer_discard(z);
		return e;
	}
	return zip_writer_finish(z, out, err, errlen);
}
