/* The XLSX reader: package relationships → workbook (sheets, 1904 flag) → styles (which
 * cell formats are dates) → shared strings (held in one buffer) → the chosen sheet, streamed
 * row by row. Namespaces are ignored on purpose so Strict OOXML reads like Transitional. */
#include "vans/intake/xlsx.h"

#include "core/alloc.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/xml_pull.h"
#include "core/zip_archive.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define DEFAULT_MAX_PART ((uint64_t)256 << 20)
#define DEFAULT_MAX_TOTAL ((uint64_t)1 << 30)
#define DEFAULT_MAX_ENTRIES 10000u
#define DEFAULT_MAX_SHARED_BYTES ((uint64_t)64 << 20)
#define DEFAULT_MAX_SHARED 2000000u
#define DEFAULT_MAX_CELL (128u * 1024u)
#define MAX_PATH 512
#define MAX_SHEETS 4096
#define MAX_RELS 65536
#define MAX_STYLES 65536

/* the date/time parts a cell format shows */
#define FMT_DATE 1u
#define FMT_TIME 2u

struct rel {
	char *id;
	char *target;   /* resolved part name, "xl/worksheets/sheet1.xml" */
	char *type;
};

struct sheet {
	char *name;
	char *rid;
	bool visible;
};

struct xr {
	struct zip_archive *z;
	struct xlsx_limits lim;
	const struct xlsx_opts *opts;
	char *err;
	size_t errlen;
	int rc;

	char workbook[MAX_PATH];
	struct rel *rels;
	size_t n_rels, cap_rels;
	struct sheet *sheets;
	size_t n_sheets, cap_sheets;
	bool date1904;

	/* the sheet being read */
	uint32_t sheet_pos;
	const char *sheet_name;

	/* styles: format flags per cellXfs index */
	uint8_t *xf;
	size_t n_xf;

	/* shared strings: offsets into sst (each string NUL-terminated) */
	struct buf sst;
	uint64_t *sst_off;
	uint32_t *sst_len;
	size_t n_sst, cap_sst;
};

static int fail(struct xr *r, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static int fail(struct xr *r, int code, const char *fmt, ...)
{
	if (r->rc)
		return r->rc;
	r->rc = code;
	if (r->err && r->errlen) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(r->err, r->errlen, fmt, ap);
		va_end(ap);
	}
	return code;
}

/* ---- small helpers ------------------------------------------------------------------ */

void xlsx_col_name(uint32_t col, char buf[4])
{
	char tmp[4];
	int n = 0;
	uint32_t c = col + 1;
	while (c > 0 && n < 3) {
		uint32_t rem = (c - 1) % 26;
		tmp[n++] = (char)('A' + rem);
		c = (c - 1) / 26;
	}
	for (int i = 0; i < n; i++)
		buf[i] = tmp[n - 1 - i];
	buf[n] = '\0';
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);
	return a >= b && strcmp(s + a - b, suffix) == 0;
}

/* Resolves a relationship target against the folder of its source part: "/xl/a.xml" is
 * absolute, "worksheets/s.xml" relative; "." and ".." segments and %XX are undone. */
static bool resolve(const char *base_dir, const char *target, char *out, size_t outlen)
{
	char joined[MAX_PATH * 2];
	int n;
	if (target[0] == '/')
		n = snprintf(joined, sizeof(joined), "%s", target + 1);
	else
		n = snprintf(joined, sizeof(joined), "%s%s", base_dir, target);
	if (n < 0 || (size_t)n >= sizeof(joined))
		return false;
	/* percent-decoding */
	char dec[MAX_PATH * 2];
	size_t d = 0;
	for (size_t i = 0; joined[i]; i++) {
		char c = joined[i];
		if (c == '%' && joined[i + 1] && joined[i + 2]) {
			char hex[3] = { joined[i + 1], joined[i + 2], 0 };
			char *end;
			long v = strtol(hex, &end, 16);
			if (*end == '\0' && v > 0) {
				c = (char)v;
				i += 2;
			}
		}
		dec[d++] = c;
	}
	dec[d] = '\0';
	/* segments */
	size_t o = 0;
	const char *s = dec;
	while (*s) {
		const char *e = strchr(s, '/');
		size_t len = e ? (size_t)(e - s) : strlen(s);
		if (len == 0 || (len == 1 && s[0] == '.')) {
			/* skip */
		} else if (len == 2 && s[0] == '.' && s[1] == '.') {
			if (o > 0) {
				o--;   /* drop the '/' then the segment */
				while (o > 0 && out[o - 1] != '/')
					o--;
			}
		} else {
			if (o + len + 2 > outlen)
				return false;
			memcpy(out + o, s, len);
			o += len;
			out[o++] = '/';
		}
		if (!e)
			break;
		s = e + 1;
	}
	if (o == 0)
		return false;
	out[o - 1] = '\0';   /* the last '/' */
	return true;
}

static void dir_of(const char *path, char *out, size_t outlen)
{
	const char *slash = strrchr(path, '/');
	size_t n = slash ? (size_t)(slash - path) + 1 : 0;
	if (n >= outlen)
		n = 0;
	memcpy(out, path, n);
	out[n] = '\0';
}

/* ---- parts through the XML reader --------------------------------------------------- */

struct part {
	struct zip_member *m;
	struct xml_pull *x;
	const char *name;
};

static long part_read(void *ctx, char *dst, size_t len)
{
	struct part *p = ctx;
	return zip_member_read(p->m, dst, len);
}

/* Opens a part; 1 when it is absent and !required, 0 when open, else the error code. */
static int part_open(struct xr *r, const char *name, bool required, struct part *pt)
{
	memset(pt, 0, sizeof(*pt));
	pt->name = name;
	long idx = zip_archive_find(r->z, name);
	if (idx < 0) {
		if (!required)
			return 1;
		return fail(r, ERR_INVALID, "not an XLSX workbook: %s is missing", name);
	}
	char msg[256];
	enum err e = zip_member_open(r->z, (size_t)idx, &pt->m, msg, sizeof(msg));
	if (e)
		return fail(r, e, "%s", msg);
	pt->x = xml_pull_new_io(part_read, pt, r->lim.max_part);
	return 0;
}

static void part_close(struct part *pt)
{
	xml_pull_free(pt->x);
	zip_member_close(pt->m);
	memset(pt, 0, sizeof(*pt));
}

/* After XML_EV_ERROR: the zip's reason when the bytes failed, else the XML's. */
static int part_error(struct xr *r, struct part *pt, const char *where)
{
	if (zip_member_status(pt->m))
		return fail(r, zip_member_status(pt->m), "%s%s: %s", where, pt->name,
		            zip_member_error(pt->m));
	enum err e = xml_pull_status(pt->x);
	return fail(r, e ? e : ERR_INVALID, "%s%s: %s", where, pt->name, xml_pull_error(pt->x));
}

/* ---- relationships ------------------------------------------------------------------ */

static void rels_free(struct xr *r)
{
	for (size_t i = 0; i < r->n_rels; i++) {
		free(r->rels[i].id);
		free(r->rels[i].target);
		free(r->rels[i].type);
	}
	free(r->rels);
	r->rels = NULL;
	r->n_rels = r->cap_rels = 0;
}

/* Reads the .rels part that belongs to part `source`; targets are resolved. */
static int read_rels(struct xr *r, const char *source)
{
	char dir[MAX_PATH], rels[MAX_PATH];
	dir_of(source, dir, sizeof(dir));
	const char *base = source + strlen(dir);
	if ((size_t)snprintf(rels, sizeof(rels), "%s_rels/%s.rels", dir, base) >= sizeof(rels))
		return fail(r, ERR_INVALID, "part name too long: %s", source);
	struct part pt;
	int rc = part_open(r, rels, false, &pt);
	if (rc == 1)
		return 0;
	if (rc)
		return rc;
	enum xml_event ev;
	while ((ev = xml_pull_next(pt.x)) != XML_EV_EOF) {
		if (ev == XML_EV_ERROR) {
			rc = part_error(r, &pt, "");
			break;
		}
		if (ev != XML_EV_START || strcmp(xml_pull_name(pt.x), "Relationship") != 0)
			continue;
		const char *mode = xml_pull_attr(pt.x, "TargetMode");
		if (mode && strcmp(mode, "External") == 0)
			continue;
		const char *id = xml_pull_attr(pt.x, "Id");
		const char *target = xml_pull_attr(pt.x, "Target");
		const char *type = xml_pull_attr(pt.x, "Type");
		if (!id || !target || !type)
			continue;
		char resolved[MAX_PATH];
		if (!resolve(dir, target, resolved, sizeof(resolved)))
			continue;
		if (r->n_rels == MAX_RELS) {
			rc = fail(r, ERR_TOO_LARGE, "%s: more than %d relationships", rels, MAX_RELS);
			break;
		}
		if (r->n_rels == r->cap_rels) {
			r->cap_rels = r->cap_rels ? r->cap_rels * 2 : 16;
			r->rels = xrealloc(r->rels, r->cap_rels * sizeof(*r->rels));
		}
		struct rel *rl = &r->rels[r->n_rels++];
		rl->id = xstrdup(id);
		rl->target = xstrdup(resolved);
		rl->type = xstrdup(type);
	}
	part_close(&pt);
	return rc;
}

static const struct rel *rel_by_type(const struct xr *r, const char *suffix)
{
	for (size_t i = 0; i < r->n_rels; i++)
		if (ends_with(r->rels[i].type, suffix))
			return &r->rels[i];
	return NULL;
}

static const struct rel *rel_by_id(const struct xr *r, const char *id)
{
	for (size_t i = 0; i < r->n_rels; i++)
		if (strcmp(r->rels[i].id, id) == 0)
			return &r->rels[i];
	return NULL;
}

/* ---- workbook ----------------------------------------------------------------------- */

static void sheets_free(struct xr *r)
{
	for (size_t i = 0; i < r->n_sheets; i++) {
		free(r->sheets[i].name);
		free(r->sheets[i].rid);
	}
	free(r->sheets);
	r->sheets = NULL;
	r->n_sheets = r->cap_sheets = 0;
}

static bool truthy(const char *v)
{
	return v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
}

static int read_workbook(struct xr *r)
{
	/* the package says where the workbook is */
	int rc = read_rels(r, "");
	if (rc)
		return rc;
	const struct rel *doc = rel_by_type(r, "/officeDocument");
	snprintf(r->workbook, sizeof(r->workbook), "%s", doc ? doc->target : "xl/workbook.xml");
	rels_free(r);
	if ((rc = read_rels(r, r->workbook)) != 0)
		return rc;

	struct part pt;
	if ((rc = part_open(r, r->workbook, true, &pt)) != 0)
		return rc;
	enum xml_event ev;
	bool root = false;
	while ((ev = xml_pull_next(pt.x)) != XML_EV_EOF) {
		if (ev == XML_EV_ERROR) {
			rc = part_error(r, &pt, "");
			break;
		}
		if (ev != XML_EV_START)
			continue;
		const char *n = xml_pull_name(pt.x);
		int depth = xml_pull_depth(pt.x);
		if (depth == 0) {
			if (strcmp(n, "workbook") != 0) {
				rc = fail(r, ERR_INVALID, "not an XLSX workbook: %s has <%s>", r->workbook, n);
				break;
			}
			root = true;
		} else if (depth == 1 && strcmp(n, "workbookPr") == 0) {
			r->date1904 = truthy(xml_pull_attr(pt.x, "date1904"));
		} else if (depth == 2 && strcmp(n, "sheet") == 0) {
			if (r->n_sheets == MAX_SHEETS) {
				rc = fail(r, ERR_TOO_LARGE, "more than %d sheets", MAX_SHEETS);
				break;
			}
			const char *rid = xml_pull_attr_ns(pt.x, "id", NULL);
			const char *name = xml_pull_attr(pt.x, "name");
			if (!rid || !name) {
				rc = fail(r, ERR_INVALID, "%s: a sheet without a name or relationship",
				          r->workbook);
				break;
			}
			const char *state = xml_pull_attr(pt.x, "state");
			if (r->n_sheets == r->cap_sheets) {
				r->cap_sheets = r->cap_sheets ? r->cap_sheets * 2 : 8;
				r->sheets = xrealloc(r->sheets, r->cap_sheets * sizeof(*r->sheets));
			}
			struct sheet *s = &r->sheets[r->n_sheets++];
			s->name = xstrdup(name);
			s->rid = xstrdup(rid);
			s->visible = !state || strcmp(state, "visible") == 0;
		}
	}
	part_close(&pt);
	if (!rc && !root)
		rc = fail(r, ERR_INVALID, "not an XLSX workbook: %s is empty", r->workbook);
	return rc;
}

static bool is_worksheet(const struct xr *r, const struct sheet *s)
{
	const struct rel *rl = rel_by_id(r, s->rid);
	return rl && ends_with(rl->type, "/worksheet");
}

/* The part the workbook relates to by a type, or the usual name beside the workbook. */
static void workbook_part(const struct xr *r, const char *type, const char *usual, char *path,
			  size_t size)
{
	const struct rel *rl = rel_by_type(r, type);
	if (rl) {
		snprintf(path, size, "%s", rl->target);
	} else {
		char dir[MAX_PATH];
		dir_of(r->workbook, dir, sizeof(dir));
		snprintf(path, size, "%s%s", dir, usual);
	}
}

/* ---- styles ------------------------------------------------------------------------- */

bool xlsx_format_is_date(const char *code, bool *has_date, bool *has_time)
{
	bool date = false, time = false, month = false;
	for (size_t i = 0; code && code[i] && code[i] != ';'; i++) {
		char c = code[i];
		if (c == '"') {
			while (code[i + 1] && code[i + 1] != '"')
				i++;
			if (code[i + 1])
				i++;
			continue;
		}
		if (c == '\\' || c == '_' || c == '*') {
			if (code[i + 1])
				i++;
			continue;
		}
		if (c == '[') {
			size_t j = i + 1;
			while (code[j] && code[j] != ']')
				j++;
			/* [h], [mm], [ss]: elapsed time; anything else is a colour, locale or condition */
			bool elapsed = j > i + 1;
			for (size_t k = i + 1; k < j; k++) {
				char l = (char)(code[k] | 0x20);
				if (l != 'h' && l != 'm' && l != 's')
					elapsed = false;
			}
			if (elapsed)
				time = true;
			i = code[j] ? j : j - 1;
			continue;
		}
		if (strncasecmp(code + i, "general", 7) == 0) {
			i += 6;
			continue;
		}
		if (strncasecmp(code + i, "am/pm", 5) == 0) {
			time = true;
			i += 4;
			continue;
		}
		if (strncasecmp(code + i, "a/p", 3) == 0) {
			time = true;
			i += 2;
			continue;
		}
		char l = (char)(c | 0x20);
		if (c == 'E' || c == 'e') {
			/* "E+" / "E-" is scientific notation; else the year of zh-TW and ja formats */
			if (code[i + 1] != '+' && code[i + 1] != '-')
				date = true;
			continue;
		}
		if (l == 'y' || l == 'd' || l == 'g' || l == 'b')
			date = true;
		else if (l == 'h' || l == 's')
			time = true;
		else if (l == 'm')
			month = true;
	}
	/* "m" is minutes next to hours or seconds, else the month */
	if (month && !time)
		date = true;
	if (has_date)
		*has_date = date;
	if (has_time)
		*has_time = time;
	return date || time;
}

/* Built-in number formats that show dates or times (ECMA-376 §18.8.30 and the East Asian
 * ids Excel uses in zh-TW). */
static uint8_t builtin_format(unsigned id)
{
	if ((id >= 14 && id <= 17) || (id >= 27 && id <= 31) || id == 36 ||
	    (id >= 50 && id <= 54) || id == 57 || id == 58)
		return FMT_DATE;
	if ((id >= 18 && id <= 21) || (id >= 45 && id <= 47) || (id >= 32 && id <= 35) ||
	    id == 55 || id == 56)
		return FMT_TIME;
	if (id == 22)
		return FMT_DATE | FMT_TIME;
	return 0;
}

struct numfmt {
	unsigned id;
	uint8_t flags;
};

static int read_styles(struct xr *r)
{
	char path[MAX_PATH + 32];
	workbook_part(r, "/styles", "styles.xml", path, sizeof(path));
	struct part pt;
	int rc = part_open(r, path, false, &pt);
	if (rc == 1)
		return 0;
	if (rc)
		return rc;
	struct numfmt *fmts = NULL;
	size_t n_fmts = 0, cap_fmts = 0, cap_xf = 0;
	bool in_xfs = false;
	enum xml_event ev;
	while ((ev = xml_pull_next(pt.x)) != XML_EV_EOF) {
		if (ev == XML_EV_ERROR) {
			rc = part_error(r, &pt, "");
			break;
		}
		const char *n = xml_pull_name(pt.x);
		int depth = xml_pull_depth(pt.x);
		if (ev == XML_EV_END) {
			if (depth == 1 && strcmp(n, "cellXfs") == 0)
				in_xfs = false;
			continue;
		}
		if (ev != XML_EV_START)
			continue;
		if (depth == 1 && strcmp(n, "cellXfs") == 0) {
			in_xfs = true;
		} else if (depth == 2 && strcmp(n, "numFmt") == 0) {
			const char *id = xml_pull_attr(pt.x, "numFmtId");
			const char *code = xml_pull_attr(pt.x, "formatCode");
			if (!id || !code)
				continue;
			if (n_fmts == MAX_STYLES) {
				rc = fail(r, ERR_TOO_LARGE, "%s: more than %d number formats", path, MAX_STYLES);
				break;
			}
			if (n_fmts == cap_fmts) {
				cap_fmts = cap_fmts ? cap_fmts * 2 : 16;
				fmts = xrealloc(fmts, cap_fmts * sizeof(*fmts));
			}
			bool d, t;
			xlsx_format_is_date(code, &d, &t);
			fmts[n_fmts].id = (unsigned)strtoul(id, NULL, 10);
			fmts[n_fmts].flags = (uint8_t)((d ? FMT_DATE : 0) | (t ? FMT_TIME : 0));
			n_fmts++;
		} else if (in_xfs && depth == 2 && strcmp(n, "xf") == 0) {
			if (r->n_xf == MAX_STYLES) {
				rc = fail(r, ERR_TOO_LARGE, "%s: more than %d cell formats", path, MAX_STYLES);
				break;
			}
			if (r->n_xf == cap_xf) {
				cap_xf = cap_xf ? cap_xf * 2 : 16;
				r->xf = xrealloc(r->xf, cap_xf);
			}
			const char *id = xml_pull_attr(pt.x, "numFmtId");
			unsigned fid = id ? (unsigned)strtoul(id, NULL, 10) : 0;
			uint8_t flags = builtin_format(fid);
			for (size_t i = 0; i < n_fmts; i++)
				if (fmts[i].id == fid)
					flags = fmts[i].flags;
			r->xf[r->n_xf++] = flags;
		}
	}
	free(fmts);
	part_close(&pt);
	return rc;
}

/* ---- strings ------------------------------------------------------------------------ */

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Undoes the _xHHHH_ escapes of OOXML strings (ST_Xstring) in place: "_x000D_" is a
 * carriage return, "_x005F_" an underscore. Returns the new length. */
static size_t unescape_x(char *s, size_t len)
{
	if (!memchr(s, '_', len))
		return len;
	size_t o = 0;
	for (size_t i = 0; i < len;) {
		if (s[i] == '_' && i + 6 < len + 0 && s[i + 1] == 'x' && s[i + 6] == '_') {
			int v = 0;
			bool ok = true;
			for (int k = 2; k < 6; k++) {
				int h = hexval(s[i + (size_t)k]);
				if (h < 0)
					ok = false;
				v = v * 16 + (h < 0 ? 0 : h);
			}
			/* only what one to three UTF-8 bytes hold, never a NUL or a surrogate */
			if (ok && v != 0 && (v < 0xD800 || v > 0xDFFF)) {
				if (v < 0x80) {
					s[o++] = (char)v;
				} else if (v < 0x800) {
					s[o++] = (char)(0xC0 | (v >> 6));
					s[o++] = (char)(0x80 | (v & 0x3F));
				} else {
					s[o++] = (char)(0xE0 | (v >> 12));
					s[o++] = (char)(0x80 | ((v >> 6) & 0x3F));
					s[o++] = (char)(0x80 | (v & 0x3F));
				}
				i += 7;
				continue;
			}
		}
		s[o++] = s[i++];
	}
	s[o] = '\0';
	return o;
}

/* Collects the text of an <si> or <is>: its <t>, or the <t> of its <r> runs, never the
 * phonetic runs (<rPh>). The element handling is shared by shared and inline strings. */
struct rich {
	int base;        /* depth of <si>/<is> */
	bool in_t;
	bool in_rph;
	struct buf *out;
};

static void rich_event(struct rich *rc, struct xml_pull *x, enum xml_event ev)
{
	if (ev == XML_EV_TEXT) {
		if (rc->in_t && !rc->in_rph) {
			size_t n;
			const char *t = xml_pull_text(x, &n);
			buf_append(rc->out, t, n);
		}
		return;
	}
	const char *n = xml_pull_name(x);
	int rel = xml_pull_depth(x) - rc->base;
	bool start = ev == XML_EV_START;
	if (rel == 1 && strcmp(n, "rPh") == 0)
		rc->in_rph = start;
	else if (strcmp(n, "t") == 0 && (rel == 1 || rel == 2))
		rc->in_t = start;
}

static int read_shared_strings(struct xr *r)
{
	char path[MAX_PATH + 32];
	workbook_part(r, "/sharedStrings", "sharedStrings.xml", path, sizeof(path));
	struct part pt;
	int rc = part_open(r, path, false, &pt);
	if (rc == 1)
		return 0;
	if (rc)
		return rc;
	buf_init(&r->sst, (size_t)r->lim.max_shared_bytes);
	struct buf one;
	buf_init(&one, r->lim.max_cell);
	struct rich rich = { 0 };
	bool in_si = false;
	enum xml_event ev;
	while ((ev = xml_pull_next(pt.x)) != XML_EV_EOF) {
		if (ev == XML_EV_ERROR) {
			rc = part_error(r, &pt, "");
			break;
		}
		int depth = ev == XML_EV_TEXT ? -1 : xml_pull_depth(pt.x);
		if (ev == XML_EV_START && depth == 1 && strcmp(xml_pull_name(pt.x), "si") == 0) {
			in_si = true;
			rich = (struct rich){ .base = 1, .out = &one };
			buf_reset(&one);
			continue;
		}
		if (!in_si)
			continue;
		if (ev == XML_EV_END && depth == 1) {
			in_si = false;
			if (one.overflow) {
				rc = fail(r, ERR_TOO_LARGE, "%s: shared string %zu is longer than %u bytes",
				          path, r->n_sst + 1, r->lim.max_cell);
				break;
			}
			if (r->n_sst == r->lim.max_shared) {
				rc = fail(r, ERR_TOO_LARGE, "%s: more than %u shared strings", path,
				          r->lim.max_shared);
				break;
			}
			size_t len = unescape_x(one.data ? one.data : (char *)"", one.len);
			if (r->n_sst == r->cap_sst) {
				r->cap_sst = r->cap_sst ? r->cap_sst * 2 : 1024;
				r->sst_off = xrealloc(r->sst_off, r->cap_sst * sizeof(*r->sst_off));
				r->sst_len = xrealloc(r->sst_len, r->cap_sst * sizeof(*r->sst_len));
			}
			r->sst_off[r->n_sst] = r->sst.len;
			r->sst_len[r->n_sst] = (uint32_t)len;
			if (buf_append(&r->sst, one.data ? one.data : "", len) < 0 ||
			    buf_putc(&r->sst, '\0') < 0) {
				rc = fail(r, ERR_TOO_LARGE, "%s: the shared strings hold more than %llu bytes",
				          path, (unsigned long long)r->lim.max_shared_bytes);
				break;
			}
			r->n_sst++;
			continue;
		}
		rich_event(&rich, pt.x, ev);
	}
	buf_free(&one);
	part_close(&pt);
	return rc;
}

/* ---- numbers and dates -------------------------------------------------------------- */

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian; H. Hinnant's algorithm). */
static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

static void civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t yy = (int64_t)yoe + era * 400;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yy + (*m <= 2);
}

int xlsx_serial_to_iso(double serial, bool date1904, bool want_date, bool want_time,
		       char *buf, size_t size)
{
	if (!isfinite(serial) || serial < 0 || serial > 2958466.0)
		return -1;
	double whole = floor(serial);
	int64_t days = (int64_t)whole;
	long secs = lround((serial - whole) * 86400.0);
	if (secs >= 86400) {
		days++;
		secs -= 86400;
	}
	int n;
	char date[16] = "";
	if (want_date) {
		int64_t y;
		unsigned m, d;
		if (date1904) {
			civil_from_days(days_from_civil(1904, 1, 1) + days, &y, &m, &d);
		} else if (days < 1) {
			return -1;   /* Excel's "1900-01-00" */
		} else if (days == 60) {
			y = 1900; m = 2; d = 29;   /* the day Lotus 1-2-3 believed in */
		} else {
			civil_from_days(days_from_civil(1899, 12, days < 60 ? 31 : 30) + days, &y, &m, &d);
		}
		if (y > 9999)
			return -1;
		snprintf(date, sizeof(date), "%04d-%02u-%02u", (int)y, m, d);
	}
	if (want_date && want_time)
		n = snprintf(buf, size, "%s %02ld:%02ld:%02ld", date, secs / 3600, secs / 60 % 60, secs % 60);
	else if (want_time)
		n = snprintf(buf, size, "%02ld:%02ld:%02ld", secs / 3600, secs / 60 % 60, secs % 60);
	else
		n = snprintf(buf, size, "%s", date);
	return n < 0 || (size_t)n >= size ? -1 : n;
}

/* A number as Excel's General format shows it, without binary floating-point noise:
 * integers exact ("4044995670156060910" stays as written), others to 15 significant
 * digits ("4.4000000000000004" → "4.4"). Returns the length, or -1 if not a number. */
static int number_text(const char *raw, size_t len, char *out, size_t size, double *value)
{
	while (len && (*raw == ' ' || *raw == '\t' || *raw == '\n' || *raw == '\r')) {
		raw++;
		len--;
	}
	while (len && (raw[len - 1] == ' ' || raw[len - 1] == '\t' || raw[len - 1] == '\n' ||
	               raw[len - 1] == '\r'))
		len--;
	if (len == 0 || len > 64)
		return -1;
	char tmp[65];
	memcpy(tmp, raw, len);
	tmp[len] = '\0';
	char *end;
	double v = strtod(tmp, &end);
	if (*end != '\0' || !isfinite(v) || tmp[0] == 'i' || tmp[0] == 'I' || tmp[0] == 'n' ||
	    tmp[0] == 'N' || strchr(tmp, 'x') || strchr(tmp, 'X'))
		return -1;
	*value = v;
	/* an integer literal is kept as written */
	size_t k = tmp[0] == '-' ? 1 : 0;
	bool integer = len > k;
	for (size_t i = k; i < len; i++)
		if (tmp[i] < '0' || tmp[i] > '9')
			integer = false;
	int n;
	if (integer && !(len > k + 1 && tmp[k] == '0'))
		n = snprintf(out, size, "%s", tmp);
	else if (v == floor(v) && fabs(v) < 1e15)
		n = snprintf(out, size, "%.0f", v == 0 ? 0.0 : v);
	else
		n = snprintf(out, size, "%.15G", v);
	return n < 0 || (size_t)n >= size ? -1 : n;
}

/* ---- the sheet ---------------------------------------------------------------------- */

struct cellrec {
	size_t off;                 /* into row text */
	size_t len;
	enum xlsx_cell_type type;
};

struct sheetstate {
	struct xr *r;
	xlsx_row_cb cb;
	void *ctx;
	struct part pt;
	char where[320];            /* "sheet 1 (Assets)" */

	uint32_t row;               /* current row number */
	uint32_t last_row;
	bool in_row;
	struct buf text;            /* the row's cell texts, each NUL-terminated */
	struct cellrec *cells;
	size_t n_cells, cap_cells;
	struct xlsx_cell *out;
	size_t cap_out;

	/* the current cell */
	bool in_cell;
	int cell_depth;
	uint32_t col;
	int32_t last_col;
	char t[16];
	uint32_t style;
	bool in_v;
	bool has_v;
	bool in_is;
	struct rich rich;
	struct buf value;           /* <v> text or inline string */
};

static uint32_t parse_u32(const char *s, bool *ok)
{
	uint64_t v = 0;
	*ok = s && *s;
	for (const char *p = s; p && *p; p++) {
		if (*p < '0' || *p > '9' || v > UINT32_MAX / 10) {
			*ok = false;
			return 0;
		}
		v = v * 10 + (uint64_t)(*p - '0');
	}
	if (v > UINT32_MAX)
		*ok = false;
	return (uint32_t)v;
}

/* "AB12" → column 27 (0-based); false when malformed. */
static bool parse_ref(const char *ref, uint32_t *col)
{
	uint32_t c = 0;
	size_t i = 0;
	while (ref[i] && ((ref[i] >= 'A' && ref[i] <= 'Z') || (ref[i] >= 'a' && ref[i] <= 'z'))) {
		if (i == 3)
			return false;
		c = c * 26 + (uint32_t)((ref[i] | 0x20) - 'a' + 1);
		i++;
	}
	if (i == 0)
		return false;
	for (size_t j = i; ref[j]; j++)
		if (ref[j] < '0' || ref[j] > '9')
			return false;
	*col = c - 1;
	return true;
}

static int cell_fail(struct sheetstate *s, int code, const char *what)
{
	char col[4];
	xlsx_col_name(s->col, col);
	return fail(s->r, code, "%s, row %u, column %s: %s", s->where, s->row, col, what);
}

static int cell_start(struct sheetstate *s)
{
	struct xml_pull *x = s->pt.x;
	const char *ref = xml_pull_attr(x, "r");
	uint32_t col = (uint32_t)(s->last_col + 1);
	if (ref && !parse_ref(ref, &col))
		return fail(s->r, ERR_INVALID, "%s, row %u: a cell reference \"%.16s\" that is not one",
		            s->where, s->row, ref);
	s->col = col;
	if (col >= s->r->lim.max_cols)
		return cell_fail(s, ERR_TOO_LARGE, "beyond the last column");
	if ((int32_t)col <= s->last_col)
		return cell_fail(s, ERR_INVALID, "cells out of order");
	const char *t = xml_pull_attr(x, "t");
	snprintf(s->t, sizeof(s->t), "%s", t ? t : "n");
	const char *st = xml_pull_attr(x, "s");
	bool ok;
	s->style = st ? parse_u32(st, &ok) : 0;
	if (st && !ok)
		s->style = 0;
	s->in_cell = true;
	s->cell_depth = xml_pull_depth(x);
	s->in_v = s->has_v = s->in_is = false;
	buf_reset(&s->value);
	return 0;
}

static int cell_store(struct sheetstate *s, const char *text, size_t len, enum xlsx_cell_type type)
{
	/* empty cells up to this one */
	while (s->n_cells <= s->col) {
		if (s->n_cells == s->cap_cells) {
			s->cap_cells = s->cap_cells ? s->cap_cells * 2 : 32;
			s->cells = xrealloc(s->cells, s->cap_cells * sizeof(*s->cells));
		}
		s->cells[s->n_cells++] = (struct cellrec){ 0, 0, XLSX_CELL_EMPTY };
	}
	if (len > s->r->lim.max_cell)
		return cell_fail(s, ERR_TOO_LARGE, "a cell longer than the cap");
	struct cellrec *c = &s->cells[s->col];
	c->off = s->text.len;
	c->len = len;
	c->type = len ? type : XLSX_CELL_EMPTY;
	if (buf_append(&s->text, text, len) < 0 || buf_putc(&s->text, '\0') < 0)
		return cell_fail(s, ERR_TOO_LARGE, "the row holds too much text");
	return 0;
}

static int cell_end(struct sheetstate *s)
{
	struct xr *r = s->r;
	s->in_cell = false;
	s->last_col = (int32_t)s->col;
	const char *t = s->t;
	char *v = s->value.data ? s->value.data : (char *)"";
	size_t vlen = s->value.len;
	if (s->value.overflow)
		return cell_fail(s, ERR_TOO_LARGE, "a cell longer than the cap");
	if (strcmp(t, "inlineStr") == 0) {
		vlen = unescape_x(v, vlen);
		return cell_store(s, v, vlen, XLSX_CELL_STRING);
	}
	if (!s->has_v)
		return cell_store(s, "", 0, XLSX_CELL_EMPTY);
	if (strcmp(t, "s") == 0) {
		bool ok;
		char idx[24];
		size_t n = vlen < sizeof(idx) - 1 ? vlen : sizeof(idx) - 1;
		memcpy(idx, v, n);
		idx[n] = '\0';
		uint32_t i = parse_u32(idx, &ok);
		if (!ok || i >= r->n_sst) {
			char msg[96];
			snprintf(msg, sizeof(msg), "shared string %s does not exist", ok ? idx : "?");
			return cell_fail(s, ERR_INVALID, msg);
		}
		return cell_store(s, r->sst.data + r->sst_off[i], r->sst_len[i], XLSX_CELL_STRING);
	}
	if (strcmp(t, "str") == 0) {
		vlen = unescape_x(v, vlen);
		return cell_store(s, v, vlen, XLSX_CELL_STRING);
	}
	if (strcmp(t, "b") == 0) {
		bool yes = vlen == 1 ? v[0] == '1' : strcasecmp(v, "true") == 0;
		return cell_store(s, yes ? "TRUE" : "FALSE", yes ? 4 : 5, XLSX_CELL_BOOL);
	}
	if (strcmp(t, "e") == 0)
		return cell_store(s, v, vlen, XLSX_CELL_ERROR);
	if (strcmp(t, "d") == 0) {
		/* an ISO 8601 date written as such: midnight is left out */
		if (vlen >= 19 && strncmp(v + 10, "T00:00:00", 9) == 0 &&
		    (vlen == 19 || (vlen == 20 && v[19] == 'Z') ||
		     (vlen == 23 && strncmp(v + 19, ".000", 4) == 0)))
			vlen = 10;
		else if (vlen > 10 && v[10] == 'T')
			v[10] = ' ';
		return cell_store(s, v, vlen, XLSX_CELL_DATE);
	}
	/* a number */
	char num[64];
	double value;
	int n = number_text(v, vlen, num, sizeof(num), &value);
	if (n < 0) {
		char msg[96];
		snprintf(msg, sizeof(msg), "\"%.24s\" is not a number", v);
		return cell_fail(s, ERR_INVALID, msg);
	}
	uint8_t fmt = s->style < r->n_xf ? r->xf[s->style] : 0;
	if (fmt && !(s->r->opts && s->r->opts->dates_as_serial)) {
		char iso[40];
		int k = xlsx_serial_to_iso(value, r->date1904, fmt & FMT_DATE, fmt & FMT_TIME, iso,
		                           sizeof(iso));
		if (k > 0)
			return cell_store(s, iso, (size_t)k, XLSX_CELL_DATE);
	}
	return cell_store(s, num, (size_t)n, XLSX_CELL_NUMBER);
}

static int row_start(struct sheetstate *s)
{
	const char *rv = xml_pull_attr(s->pt.x, "r");
	uint32_t row = s->last_row + 1;
	if (rv) {
		bool ok;
		row = parse_u32(rv, &ok);
		if (!ok || row == 0)
			return fail(s->r, ERR_INVALID, "%s: a row number \"%.16s\" that is not one",
			            s->where, rv);
	}
	if (row <= s->last_row)
		return fail(s->r, ERR_INVALID, "%s, row %u: rows out of order", s->where, row);
	if (row > s->r->lim.max_rows)
		return fail(s->r, ERR_TOO_LARGE, "%s: more than %u rows", s->where, s->r->lim.max_rows);
	s->row = row;
	s->in_row = true;
	s->n_cells = 0;
	s->last_col = -1;
	buf_reset(&s->text);
	return 0;
}

static int row_end(struct sheetstate *s, uint32_t sheet_pos, const char *sheet_name)
{
	s->in_row = false;
	s->last_row = s->row;
	size_t n = s->n_cells;
	while (n && s->cells[n - 1].len == 0)
		n--;
	if (n > s->cap_out) {
		s->cap_out = s->n_cells;
		s->out = xrealloc(s->out, s->cap_out * sizeof(*s->out));
	}
	for (size_t i = 0; i < n; i++) {
		const struct cellrec *c = &s->cells[i];
		s->out[i].text = c->len ? s->text.data + c->off : "";
		s->out[i].len = c->len;
		s->out[i].type = c->type;
	}
	struct xlsx_row row = { s->row, sheet_pos, sheet_name, n, s->out };
	int rc = s->cb ? s->cb(s->ctx, &row) : 0;
	if (rc) {
		s->r->rc = rc;
		if (s->r->err && s->r->errlen)
			snprintf(s->r->err, s->r->errlen, "%s, row %u: stopped by the caller", s->where,
			         s->row);
	}
	return rc;
}

static int read_sheet(struct xr *r, const char *path, xlsx_row_cb cb, void *ctx)
{
	struct sheetstate s;
	memset(&s, 0, sizeof(s));
	s.r = r;
	s.cb = cb;
	s.ctx = ctx;
	snprintf(s.where, sizeof(s.where), "sheet %u (%s)", r->sheet_pos, r->sheet_name);
	int rc = part_open(r, path, true, &s.pt);
	if (rc)
		return rc;
	buf_init(&s.text, (size_t)r->lim.max_cols * 16 + (size_t)r->lim.max_cell * 64);
	buf_init(&s.value, r->lim.max_cell);
	bool in_data = false;
	enum xml_event ev;
	while (!rc && (ev = xml_pull_next(s.pt.x)) != XML_EV_EOF) {
		if (ev == XML_EV_ERROR) {
			char where[360];
			snprintf(where, sizeof(where), "%s: ", s.where);
			rc = part_error(r, &s.pt, where);
			break;
		}
		if (ev == XML_EV_TEXT) {
			if (s.in_v) {
				size_t n;
				const char *t = xml_pull_text(s.pt.x, &n);
				buf_append(&s.value, t, n);
			} else if (s.in_is) {
				s.rich.out = &s.value;
				rich_event(&s.rich, s.pt.x, ev);
			}
			continue;
		}
		const char *n = xml_pull_name(s.pt.x);
		int depth = xml_pull_depth(s.pt.x);
		if (ev == XML_EV_START) {
			if (depth == 0 && strcmp(n, "worksheet") != 0) {
				rc = fail(r, ERR_INVALID, "%s: not a worksheet (<%s>)", s.where, n);
			} else if (depth == 1 && strcmp(n, "sheetData") == 0) {
				in_data = true;
			} else if (in_data && depth == 2 && strcmp(n, "row") == 0) {
				rc = row_start(&s);
			} else if (s.in_row && depth == 3 && strcmp(n, "c") == 0) {
				rc = cell_start(&s);
			} else if (s.in_cell && depth == s.cell_depth + 1) {
				if (strcmp(n, "v") == 0) {
					s.in_v = true;
					s.has_v = true;
				} else if (strcmp(n, "is") == 0) {
					s.in_is = true;
					s.rich = (struct rich){ .base = depth, .out = &s.value };
				}
			} else if (s.in_is) {
				rich_event(&s.rich, s.pt.x, ev);
			}
		} else if (ev == XML_EV_END) {
			if (s.in_cell && depth == s.cell_depth + 1) {
				s.in_v = false;
				s.in_is = false;
			} else if (s.in_is) {
				rich_event(&s.rich, s.pt.x, ev);
			} else if (s.in_cell && depth == s.cell_depth) {
				rc = cell_end(&s);
			} else if (s.in_row && depth == 2) {
				rc = row_end(&s, r->sheet_pos, r->sheet_name);
			} else if (depth == 1 && in_data) {
				in_data = false;
			}
		}
	}
	if (!rc && r->rc)
		rc = r->rc;
	buf_free(&s.text);
	buf_free(&s.value);
	free(s.cells);
	free(s.out);
	part_close(&s.pt);
	return rc;
}

/* ---- entry points ------------------------------------------------------------------- */

static void limits_fill(struct xlsx_limits *l, const struct xlsx_limits *from)
{
	memset(l, 0, sizeof(*l));
	if (from)
		*l = *from;
	if (!l->max_part)
		l->max_part = DEFAULT_MAX_PART;
	if (!l->max_total)
		l->max_total = DEFAULT_MAX_TOTAL;
	if (!l->max_entries)
		l->max_entries = DEFAULT_MAX_ENTRIES;
	if (!l->max_shared_bytes)
		l->max_shared_bytes = DEFAULT_MAX_SHARED_BYTES;
	if (!l->max_shared)
		l->max_shared = DEFAULT_MAX_SHARED;
	if (!l->max_cell)
		l->max_cell = DEFAULT_MAX_CELL;
	if (!l->max_rows || l->max_rows > XLSX_MAX_ROWS)
		l->max_rows = XLSX_MAX_ROWS;
	if (!l->max_cols || l->max_cols > XLSX_MAX_COLS)
		l->max_cols = XLSX_MAX_COLS;
}

static int open_workbook(struct xr *r, const void *p, size_t len, const struct xlsx_limits *lim,
			 char *err, size_t errlen)
{
	memset(r, 0, sizeof(*r));
	r->err = err;
	r->errlen = err ? errlen : 0;
	if (r->errlen)
		err[0] = '\0';
	limits_fill(&r->lim, lim);
	if (!zip_archive_sniff(p, len))
		return fail(r, ERR_INVALID, "not an XLSX workbook: not a zip archive");
	struct zip_limits zl = { r->lim.max_entries, r->lim.max_part, r->lim.max_total };
	char msg[256];
	enum err e = zip_archive_open_mem(p, len, &zl, &r->z, msg, sizeof(msg));
	if (e)
		return fail(r, e, "not an XLSX workbook: %s", msg);
	return read_workbook(r);
}

static void close_workbook(struct xr *r)
{
	rels_free(r);
	sheets_free(r);
	free(r->xf);
	free(r->sst_off);
	free(r->sst_len);
	buf_free(&r->sst);
	zip_archive_close(r->z);
}

int xlsx_read(const void *p, size_t len, const struct xlsx_opts *opts, xlsx_row_cb cb,
	      void *ctx, char *err, size_t errlen)
{
	struct xr r;
	int rc = open_workbook(&r, p, len, opts ? opts->limits : NULL, err, errlen);
	r.opts = opts;
	if (rc)
		goto out;
	const struct sheet *chosen = NULL;
	if (opts && opts->sheet) {
		for (size_t i = 0; i < r.n_sheets && !chosen; i++)
			if (strcasecmp(r.sheets[i].name, opts->sheet) == 0)
				chosen = &r.sheets[i];
		if (!chosen) {
			rc = fail(&r, ERR_INVALID, "the workbook has no sheet named \"%s\"", opts->sheet);
			goto out;
		}
		if (!is_worksheet(&r, chosen)) {
			rc = fail(&r, ERR_INVALID, "sheet \"%s\" is not a worksheet", opts->sheet);
			goto out;
		}
	} else {
		for (size_t i = 0; i < r.n_sheets && !chosen; i++)
			if (r.sheets[i].visible && is_worksheet(&r, &r.sheets[i]))
				chosen = &r.sheets[i];
		for (size_t i = 0; i < r.n_sheets && !chosen; i++)
			if (is_worksheet(&r, &r.sheets[i]))
				chosen = &r.sheets[i];
		if (!chosen) {
			rc = fail(&r, ERR_INVALID, "the workbook has no worksheet");
			goto out;
		}
	}
	r.sheet_pos = (uint32_t)(chosen - r.sheets) + 1;
	r.sheet_name = chosen->name;
	char path[MAX_PATH];
	snprintf(path, sizeof(path), "%s", rel_by_id(&r, chosen->rid)->target);
	if ((rc = read_styles(&r)) != 0 || (rc = read_shared_strings(&r)) != 0)
		goto out;
	rc = read_sheet(&r, path, cb, ctx);
out:
	close_workbook(&r);
	return rc;
}

int xlsx_sheets(const void *p, size_t len, const struct xlsx_limits *limits, xlsx_sheet_cb cb,
		void *ctx, char *err, size_t errlen)
{
	struct xr r;
	int rc = open_workbook(&r, p, len, limits, err, errlen);
	for (size_t i = 0; !rc && i < r.n_sheets; i++)
		if (cb)
			rc = cb(ctx, r.sheets[i].name, (uint32_t)i + 1, is_worksheet(&r, &r.sheets[i]),
			        r.sheets[i].visible);
	close_workbook(&r);
	return rc;
}
