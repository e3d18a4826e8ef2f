/* The inventory template: its columns (zh-TW and English headers and the aliases people
 * use), finding the header row, and turning each data row of a CSV or XLSX file into an
 * asset row, checked field by field, with issues that say row, column and reason. */
#include "vans/intake/intake.h"

#include "core/alloc.h"
#include "core/buf.h"
#include "vans/intake/csv.h"
#include "vans/intake/internal.h"
#include "vans/intake/text.h"
#include "vans/intake/xlsx.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HEADER_SEARCH_ROWS 20   /* non-blank rows in which the header must appear */

static const char *const al_category[] = { "類別", "資產種類", "資產分類", "Asset category",
                                           "Asset type", NULL };
static const char *const al_group[] = { "資產分群", "資產分群代碼", "資產群組", "群組代碼", "分群代碼",
                                        "Group", "Group code", "Asset group", "assetGroupCode", NULL };
static const char *const al_identifier[] = { "識別碼", "資產編號", "Identifier", "Asset ID",
                                             "asset_number", NULL };
static const char *const al_name[] = { "名稱", "產品名稱", "軟體名稱", "Name", "Product name",
                                       "Product", "assetName", "product_name", NULL };
static const char *const al_vendor[] = { "廠商", "品牌", "製造商", "供應商", "Brand", "Manufacturer",
                                         "Publisher", "product_vendor", NULL };
static const char *const al_version[] = { "版本號", "版本編號", "product_version", NULL };
static const char *const al_cpe[] = { "CPE 2.3", "CPE 2.3 name", "CPE23", "cpe23Type", NULL };
static const char *const al_cpe_title[] = { "CPE標題", "CPE name", "cpeName", "product_cpename",
                                            NULL };
static const char *const al_quantity[] = { "Qty", "Count", "台數", "套數", NULL };
static const char *const al_kb[] = { "已安裝KB", "已安裝KBID", "KBID", "KBID列表", "KB列表", "KB",
                                     "Installed KBs", "Windows KB", "Hotfixes", "HotFixID", NULL };
static const char *const al_owner[] = { "保管人", "擁有者", "資產擁有者", "管理者", "Custodian",
                                        "Asset owner", NULL };
static const char *const al_department[] = { "單位", "所屬部門", "所屬單位", "使用單位", "Unit", NULL };
static const char *const al_note[] = { "說明", "附註", "Notes", "Remark", "Remarks", "Comment",
                                       "Comments", "Description", NULL };
static const char *const al_purl[] = { "purl", "套件網址", NULL };

static const struct intake_column columns[] = {
	{ ASSET_FIELD_CATEGORY, "資產類別", "Category", true, al_category },
	{ ASSET_FIELD_GROUP, "資產群組代碼", "Asset group code", false, al_group },
	{ ASSET_FIELD_IDENTIFIER, "資產識別碼", "Asset identifier", false, al_identifier },
	{ ASSET_FIELD_NAME, "資產名稱", "Asset name", true, al_name },
	{ ASSET_FIELD_VENDOR, "廠牌", "Vendor", false, al_vendor },
	{ ASSET_FIELD_VERSION, "版本", "Version", false, al_version },
	{ ASSET_FIELD_CPE, "CPE", "CPE", false, al_cpe },
	{ ASSET_FIELD_CPE_TITLE, "CPE 名稱", "CPE title", false, al_cpe_title },
	{ ASSET_FIELD_QUANTITY, "數量", "Quantity", false, al_quantity },
	{ ASSET_FIELD_KB_IDS, "已安裝KBID列表", "Installed KB IDs", false, al_kb },
	{ ASSET_FIELD_OWNER, "負責人", "Owner", false, al_owner },
	{ ASSET_FIELD_DEPARTMENT, "部門", "Department", false, al_department },
	{ ASSET_FIELD_NOTE, "備註", "Note", false, al_note },
	{ ASSET_FIELD_PURL, "套件URL", "Package URL", false, al_purl },
};
#define N_COLUMNS (sizeof(columns) / sizeof(columns[0]))

const struct intake_column *intake_columns(size_t *n)
{
	if (n)
		*n = N_COLUMNS;
	return columns;
}

/* ---- KB IDs ------------------------------------------------------------------------- */

/* Separators between KB IDs: ASCII ones, and 、，；｜ and the ideographic space. */
static size_t kb_sep(const unsigned char *p, size_t n)
{
	if (n >= 1 && strchr(",; \t\r\n|/", p[0]) && p[0])
		return 1;
	if (n >= 3 && ((p[0] == 0xE3 && p[1] == 0x80 && (p[2] == 0x81 || p[2] == 0x80)) ||
	               (p[0] == 0xEF && p[1] == 0xBC && (p[2] == 0x8C || p[2] == 0x9B)) ||
	               (p[0] == 0xEF && p[1] == 0xBD && p[2] == 0x9C)))
		return 3;
	return 0;
}

long intake_parse_kb_ids(const char *p, size_t len, struct arena *a, const char ***out,
			 const char **bad, size_t *bad_len)
{
	const unsigned char *u = (const unsigned char *)p;
	const char **ids = NULL;
	size_t n = 0, cap = 0;
	struct buf f;
	buf_init(&f, 256);
	size_t i = 0;
	long rc = 0;
	while (i < len) {
		size_t k = kb_sep(u + i, len - i);
		if (k) {
			i += k;
			continue;
		}
		size_t j = i;
		while (j < len && !kb_sep(u + j, len - j))
			j++;
		intake_fold_width(p + i, j - i, &f);
		const char *t = f.data;
		if (f.len >= 2 && t[0] == 'k' && t[1] == 'b')
			t += 2;
		size_t digits = strlen(t);
		bool ok = digits >= 4 && digits <= 8;
		for (size_t d = 0; ok && d < digits; d++)
			ok = t[d] >= '0' && t[d] <= '9';
		if (!ok || n == ASSET_MAX_KB) {
			*bad = p + i;
			*bad_len = j - i;
			rc = -1;
			goto out;
		}
		char id[16];
		snprintf(id, sizeof(id), "KB%s", t);
		bool dup = false;
		for (size_t d = 0; d < n && !dup; d++)
			dup = strcmp(ids[d], id) == 0;
		if (!dup) {
			if (n == cap) {
				cap = cap ? cap * 2 : 8;
				const char **grown = arena_alloc(a, cap * sizeof(*grown));
				if (n)
					memcpy(grown, ids, n * sizeof(*grown));
				ids = grown;
			}
			ids[n++] = arena_strdup(a, id);
		}
		i = j;
	}
	*out = ids;
	rc = (long)n;
out:
	buf_free(&f);
	return rc;
}

/* ---- the mapping -------------------------------------------------------------------- */

struct cellview {
	const char *p;
	size_t len;
};

struct alias {
	char *folded;
	enum asset_field field;
};

struct inv {
	struct asset_batch *b;
	struct intake_opts o;
	bool xlsx;
	bool records;                /* intake_read_records: cells are indexed by field */
	char sheet_where[300];       /* "sheet 1 (Assets), " for XLSX */

	struct alias *aliases;
	size_t n_aliases;

	bool have_header;
	size_t searched;             /* non-blank rows looked at for the header */
	size_t n_cols;
	int *col_field;              /* per column: an asset_field, or -1 */
	char **col_header;           /* per column: the header as written */
	int field_col[ASSET_FIELD__MAX];
	bool warned_extra;
	bool fatal;                  /* the header is unusable: nothing more is read */
	int stop;                    /* non-zero stops the reader */
	struct buf fold;
	char err[256];
};

static void add_alias(struct inv *v, const char *name, enum asset_field f)
{
	struct buf tmp;
	buf_init(&tmp, 256);
	intake_fold(name, strlen(name), &tmp);
	v->aliases[v->n_aliases].folded = xstrdup(tmp.data);
	v->aliases[v->n_aliases].field = f;
	v->n_aliases++;
	buf_free(&tmp);
}

static void inv_init(struct inv *v, struct asset_batch *b, const struct intake_opts *o, bool xlsx)
{
	memset(v, 0, sizeof(*v));
	v->b = b;
	v->o = intake_opts_fill(o);
	v->xlsx = xlsx;
	b->max_issues = v->o.max_issues;
	buf_init(&v->fold, 4096);
	size_t total = 0;
	for (size_t i = 0; i < N_COLUMNS; i++) {
		total += 2;
		for (const char *const *a = columns[i].aliases; *a; a++)
			total++;
	}
	v->aliases = xcalloc(total, sizeof(*v->aliases));
	for (size_t i = 0; i < N_COLUMNS; i++) {
		add_alias(v, columns[i].zh, columns[i].field);
		add_alias(v, columns[i].en, columns[i].field);
		for (const char *const *a = columns[i].aliases; *a; a++)
			add_alias(v, *a, columns[i].field);
	}
	for (int f = 0; f < ASSET_FIELD__MAX; f++)
		v->field_col[f] = -1;
}

static void inv_free(struct inv *v)
{
	for (size_t i = 0; i < v->n_aliases; i++)
		free(v->aliases[i].folded);
	free(v->aliases);
	for (size_t i = 0; i < v->n_cols; i++)
		free(v->col_header[i]);
	free(v->col_header);
	free(v->col_field);
	buf_free(&v->fold);
}

static int lookup(struct inv *v, const char *p, size_t len)
{
	intake_trim(&p, &len);
	if (!len || len > 256)
		return -1;
	intake_fold(p, len, &v->fold);
	for (size_t i = 0; i < v->n_aliases; i++)
		if (strcmp(v->fold.data, v->aliases[i].folded) == 0)
			return (int)v->aliases[i].field;
	return -1;
}

/* A header cell: the whole text, then each line, then what precedes or is inside
 * brackets ("資產名稱(必填)", "Asset name (資產名稱)"), then a leading CJK run and what
 * follows it ("資產名稱 Asset name"). */
static int header_field(struct inv *v, const char *p, size_t len)
{
	int f = lookup(v, p, len);
	if (f >= 0)
		return f;
	size_t i = 0;
	while (i <= len) {
		size_t j = i;
		while (j < len && p[j] != '\n' && p[j] != '\r')
			j++;
		const char *line = p + i;
		size_t n = j - i;
		if (n && n < len && (f = lookup(v, line, n)) >= 0)
			return f;
		/* brackets, ASCII or full-width */
		const char *open = NULL;
		size_t olen = 0;
		for (size_t k = 0; k < n && !open; k++) {
			if (line[k] == '(' || line[k] == '[') {
				open = line + k;
				olen = 1;
			} else if (k + 3 <= n && (memcmp(line + k, "（", 3) == 0 ||
			                          memcmp(line + k, "【", 3) == 0)) {
				open = line + k;
				olen = 3;
			}
		}
		if (open) {
			if ((f = lookup(v, line, (size_t)(open - line))) >= 0)
				return f;
			const char *in = open + olen;
			size_t inlen = (size_t)(line + n - in);
			for (size_t k = 0; k < inlen; k++) {
				if (in[k] == ')' || in[k] == ']' ||
				    (k + 3 <= inlen && (memcmp(in + k, "）", 3) == 0 ||
				                        memcmp(in + k, "】", 3) == 0))) {
					inlen = k;
					break;
				}
			}
			if ((f = lookup(v, in, inlen)) >= 0)
				return f;
		}
		size_t cjk = 0;
		while (cjk < n && (unsigned char)line[cjk] >= 0x80)
			cjk++;
		if (cjk && cjk < n) {
			if ((f = lookup(v, line, cjk)) >= 0)
				return f;
			if ((f = lookup(v, line + cjk, n - cjk)) >= 0)
				return f;
		}
		i = j + 1;
	}
	return -1;
}

static void col_label(const struct inv *v, size_t col, char *buf, size_t size)
{
	if (v->xlsx) {
		char l[4];
		xlsx_col_name((uint32_t)col, l);
		snprintf(buf, size, "%s", l);
	} else {
		snprintf(buf, size, "%zu", col + 1);
	}
}

/* "sheet 1 (Assets), row 12" or "line 12" */
static const char *row_word(const struct inv *v)
{
	return v->records ? "item" : v->xlsx ? "row" : "line";
}

static bool blank_row(const struct cellview *cells, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const char *p = cells[i].p;
		size_t len = cells[i].len;
		intake_trim(&p, &len);
		if (len)
			return false;
	}
	return true;
}

static void header_issue(struct inv *v, enum asset_issue_code code, enum asset_severity sev,
			 enum asset_field field, uint32_t line, size_t col, const char *head,
			 const char *reason)
{
	char cl[24];
	col_label(v, col, cl, sizeof(cl));
	asset_batch_issue(v->b, code, sev, field, line, (uint32_t)col + 1, head, NULL, 0,
	                  "%s%s %u, column %s (%s): %s", v->sheet_where, row_word(v), line, cl, head,
	                  reason);
}

/* Tries a row as the header; true when it is one (even an unusable one). */
static bool try_header(struct inv *v, uint32_t line, const struct cellview *cells, size_t n)
{
	int *fields = xcalloc(n ? n : 1, sizeof(*fields));
	size_t distinct = 0;
	bool seen[ASSET_FIELD__MAX] = { false };
	for (size_t i = 0; i < n; i++) {
		fields[i] = header_field(v, cells[i].p, cells[i].len);
		if (fields[i] >= 0 && !seen[fields[i]]) {
			seen[fields[i]] = true;
			distinct++;
		}
	}
	if (distinct < 2) {
		free(fields);
		return false;
	}
	v->have_header = true;
	v->n_cols = n;
	v->col_field = fields;
	v->col_header = xcalloc(n ? n : 1, sizeof(*v->col_header));
	for (size_t i = 0; i < n; i++) {
		const char *p = cells[i].p;
		size_t len = cells[i].len;
		intake_trim(&p, &len);
		v->col_header[i] = xstrndup(p, len);
		int f = fields[i];
		if (f < 0) {
			if (len)
				header_issue(v, ASSET_ISSUE_UNKNOWN_COLUMN, ASSET_SEV_WARNING, ASSET_FIELD__MAX,
				             line, i, v->col_header[i],
				             "not a column of the template; its values are ignored");
			continue;
		}
		if (v->field_col[f] >= 0) {
			char first[24], msg[200];
			col_label(v, (size_t)v->field_col[f], first, sizeof(first));
			snprintf(msg, sizeof(msg), "a second column for %s (column %s is the first)",
			         asset_field_key((enum asset_field)f), first);
			header_issue(v, ASSET_ISSUE_DUPLICATE_COLUMN, ASSET_SEV_ERROR, (enum asset_field)f,
			             line, i, v->col_header[i], msg);
			v->fatal = true;
			continue;
		}
		v->field_col[f] = (int)i;
	}
	for (size_t i = 0; i < N_COLUMNS; i++) {
		if (!columns[i].required || v->field_col[columns[i].field] >= 0)
			continue;
		asset_batch_issue(v->b, ASSET_ISSUE_MISSING_COLUMN, ASSET_SEV_ERROR, columns[i].field,
		                  line, 0, NULL, NULL, 0,
		                  "%s%s %u: the header has no %s column (%s / %s)", v->sheet_where,
		                  row_word(v), line, asset_field_key(columns[i].field), columns[i].zh,
		                  columns[i].en);
		v->fatal = true;
	}
	return true;
}

/* ---- one data row ------------------------------------------------------------------- */

struct rowctx {
	struct inv *v;
	uint32_t line;
	bool bad;
};

static void value_issue(struct rowctx *rc, enum asset_issue_code code, enum asset_field f,
			const char *value, size_t vlen, const char *reason)
{
	struct inv *v = rc->v;
	int col = v->field_col[f];
	rc->bad = true;
	if (col < 0) {
		asset_batch_issue(v->b, code, ASSET_SEV_ERROR, f, rc->line, 0, NULL, value, vlen,
		                  "%s%s %u (%s): %s", v->sheet_where, row_word(v), rc->line,
		                  asset_field_key(f), reason);
		return;
	}
	char cl[24];
	col_label(v, (size_t)col, cl, sizeof(cl));
	asset_batch_issue(v->b, code, ASSET_SEV_ERROR, f, rc->line, (uint32_t)col + 1,
	                  v->col_header[col], value, vlen, "%s%s %u, column %s (%s): %s",
	                  v->sheet_where, row_word(v), rc->line, cl, v->col_header[col], reason);
	rc->bad = true;
}

/* The trimmed value of a field's cell ("" when the column or the cell is absent). */
static struct cellview field_value(const struct inv *v, enum asset_field f,
				   const struct cellview *cells, size_t n)
{
	struct cellview c = { "", 0 };
	int col = v->records ? (int)f : v->field_col[f];
	if (col < 0 || (size_t)col >= n || !cells[col].p)
		return c;
	c = cells[col];
	intake_trim(&c.p, &c.len);
	return c;
}

/* A text field: control characters and length checked; copied into the arena. */
static const char *text_field(struct rowctx *rc, enum asset_field f, struct cellview c,
			      size_t max, bool multiline)
{
	if (intake_has_control(c.p, c.len, multiline)) {
		value_issue(rc, ASSET_ISSUE_CONTROL_CHAR, f, c.p, c.len,
		            multiline ? "control characters are not allowed"
		                      : "line breaks and other control characters are not allowed");
		return "";
	}
	if (c.len > max) {
		char why[64];
		snprintf(why, sizeof(why), "longer than %zu bytes", max);
		value_issue(rc, ASSET_ISSUE_TOO_LONG, f, c.p, c.len, why);
		return "";
	}
	return c.len ? arena_strndup(&rc->v->b->arena, c.p, c.len) : "";
}

static int64_t parse_quantity(struct inv *v, struct cellview c)
{
	intake_fold_width(c.p, c.len, &v->fold);   /* full-width digits become ASCII */
	const char *s = v->fold.data;
	size_t n = v->fold.len;
	if (n == 0 || n > 7)
		return -1;
	int64_t q = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		q = q * 10 + (s[i] - '0');
	}
	return q >= 1 && q <= ASSET_MAX_QUANTITY ? q : -1;
}

static void data_row(struct inv *v, uint32_t line, const struct cellview *cells, size_t n)
{
	struct asset_batch *b = v->b;
	if (b->rows_read == v->o.max_rows) {
		asset_batch_issue(b, ASSET_ISSUE_TOO_MANY_ROWS, ASSET_SEV_ERROR, ASSET_FIELD__MAX, line, 0,
		                  NULL, NULL, 0, "%s%s %u: more than %zu assets; the rest is not read",
		                  v->sheet_where, row_word(v), line, v->o.max_rows);
		v->stop = ERR_TOO_LARGE;
		return;
	}
	b->rows_read++;
	struct rowctx rc = { v, line, false };
	struct asset_row *r = asset_batch_add_row(b);
	r->src.line = line;
	r->src.index = (uint32_t)b->rows_read;
	for (int f = 0; f < ASSET_FIELD__MAX; f++)
		r->src.col[f] = v->field_col[f] >= 0 ? (uint16_t)(v->field_col[f] + 1) : 0;

	/* values under no usable header: said once */
	if (!v->warned_extra && !v->records) {
		for (size_t i = 0; i < n; i++) {
			bool unused = i >= v->n_cols || (v->col_field[i] < 0 && !v->col_header[i][0]);
			const char *p = cells[i].p;
			size_t len = cells[i].len;
			intake_trim(&p, &len);
			if (unused && len) {
				char cl[24];
				col_label(v, i, cl, sizeof(cl));
				asset_batch_issue(b, ASSET_ISSUE_EXTRA_VALUES, ASSET_SEV_WARNING, ASSET_FIELD__MAX,
				                  line, (uint32_t)i + 1, NULL, p, len,
				                  "%s%s %u, column %s: values under no header are ignored "
				                  "(here and below)", v->sheet_where, row_word(v), line, cl);
				v->warned_extra = true;
				break;
			}
		}
	}

	struct cellview c;
	/* category */
	c = field_value(v, ASSET_FIELD_CATEGORY, cells, n);
	if (!c.len && v->records) {
		r->category = v->o.category;   /* records: the caller's default */
	} else if (!c.len) {
		value_issue(&rc, ASSET_ISSUE_REQUIRED, ASSET_FIELD_CATEGORY, NULL, 0,
		            "the category is required (資通系統資產, 使用者電腦資產, 網通設備資產 or "
		            "工業控制系統資產)");
	} else if ((r->category = asset_category_parse(c.p, c.len)) == ASSET_CATEGORY_NONE) {
		value_issue(&rc, ASSET_ISSUE_CATEGORY, ASSET_FIELD_CATEGORY, c.p, c.len,
		            "not one of the four categories (資通系統資產, 使用者電腦資產, 網通設備資產, "
		            "工業控制系統資產)");
	}
	/* group */
	c = field_value(v, ASSET_FIELD_GROUP, cells, n);
	if (c.len) {
		bool spaced = false;
		for (size_t i = 0; i < c.len; i++)
			if (c.p[i] == ' ' || c.p[i] == '\t')
				spaced = true;
		if (spaced || intake_has_control(c.p, c.len, false))
			value_issue(&rc, ASSET_ISSUE_GROUP_CODE, ASSET_FIELD_GROUP, c.p, c.len,
			            "a group code has no spaces or control characters");
		else
			r->group_code = text_field(&rc, ASSET_FIELD_GROUP, c, ASSET_MAX_GROUP, false);
	}
	r->identifier = text_field(&rc, ASSET_FIELD_IDENTIFIER,
	                           field_value(v, ASSET_FIELD_IDENTIFIER, cells, n),
	                           ASSET_MAX_IDENTIFIER, false);
	/* name */
	c = field_value(v, ASSET_FIELD_NAME, cells, n);
	if (!c.len)
		value_issue(&rc, ASSET_ISSUE_REQUIRED, ASSET_FIELD_NAME, NULL, 0,
		            "the asset name is required");
	else
		r->name = text_field(&rc, ASSET_FIELD_NAME, c, ASSET_MAX_NAME, false);
	r->vendor = text_field(&rc, ASSET_FIELD_VENDOR, field_value(v, ASSET_FIELD_VENDOR, cells, n),
	                       ASSET_MAX_VENDOR, false);
	r->version = text_field(&rc, ASSET_FIELD_VERSION,
	                        field_value(v, ASSET_FIELD_VERSION, cells, n), ASSET_MAX_VERSION, false);
	/* upload tools send "N/A" for what they do not know */
	if (v->records && intake_is_na(r->vendor, strlen(r->vendor)))
		r->vendor = "";
	if (v->records && intake_is_na(r->version, strlen(r->version)))
		r->version = "";
	/* CPE */
	c = field_value(v, ASSET_FIELD_CPE, cells, n);
	if (c.len && !intake_is_na(c.p, c.len)) {
		char why[200], reason[260];
		if (intake_cpe_normalise(c.p, c.len, &b->arena, &r->cpe, &r->cpe_from_uri, why,
		                         sizeof(why)) != 0) {
			snprintf(reason, sizeof(reason), "not a CPE 2.3 name or 2.2 URI: %s", why);
			value_issue(&rc, ASSET_ISSUE_CPE, ASSET_FIELD_CPE, c.p, c.len, reason);
		}
	}
	c = field_value(v, ASSET_FIELD_CPE_TITLE, cells, n);
	if (c.len && !intake_is_na(c.p, c.len))
		r->cpe_title = text_field(&rc, ASSET_FIELD_CPE_TITLE, c, ASSET_MAX_CPE_TITLE, false);
	/* quantity */
	c = field_value(v, ASSET_FIELD_QUANTITY, cells, n);
	if (c.len && (r->quantity = parse_quantity(v, c)) < 0)
		value_issue(&rc, ASSET_ISSUE_QUANTITY, ASSET_FIELD_QUANTITY, c.p, c.len,
		            "the quantity is a whole number from 1 to 1,000,000");
	if (r->quantity < 1)
		r->quantity = 1;
	/* KB IDs */
	c = field_value(v, ASSET_FIELD_KB_IDS, cells, n);
	if (c.len) {
		const char *bad, **ids = NULL;
		size_t bad_len;
		long k = intake_parse_kb_ids(c.p, c.len, &b->arena, &ids, &bad, &bad_len);
		if (k < 0) {
			char reason[160];
			snprintf(reason, sizeof(reason),
			         "\"%.*s\" is not a KB ID like KB5034441 (at most 1,024 per asset)",
			         (int)(bad_len > 40 ? 40 : bad_len), bad);
			value_issue(&rc, ASSET_ISSUE_KB, ASSET_FIELD_KB_IDS, c.p, c.len, reason);
		} else {
			r->kb_ids = ids;
			r->n_kb = (size_t)k;
		}
	}
	r->owner = text_field(&rc, ASSET_FIELD_OWNER, field_value(v, ASSET_FIELD_OWNER, cells, n),
	                      ASSET_MAX_PERSON, false);
	r->department = text_field(&rc, ASSET_FIELD_DEPARTMENT,
	                           field_value(v, ASSET_FIELD_DEPARTMENT, cells, n), ASSET_MAX_PERSON,
	                           false);
	r->note = text_field(&rc, ASSET_FIELD_NOTE, field_value(v, ASSET_FIELD_NOTE, cells, n),
	                     ASSET_MAX_NOTE, true);
	/* a package URL: in its column, or where tools put it, in the name */
	c = field_value(v, ASSET_FIELD_PURL, cells, n);
	if (c.len && !intake_is_na(c.p, c.len)) {
		char why[200], reason[260];
		if (c.len > ASSET_MAX_PURL) {
			value_issue(&rc, ASSET_ISSUE_TOO_LONG, ASSET_FIELD_PURL, c.p, c.len,
			            "longer than 1024 bytes");
		} else if (intake_row_purl(b, r, c.p, c.len, why, sizeof(why)) != 0) {
			snprintf(reason, sizeof(reason), "not a package URL: %s", why);
			value_issue(&rc, ASSET_ISSUE_PURL, ASSET_FIELD_PURL, c.p, c.len, reason);
		}
	} else if (strncmp(r->name, "pkg:", 4) == 0) {
		char why[200];
		/* not an error: the name stays as written */
		intake_row_purl(b, r, r->name, strlen(r->name), why, sizeof(why));
	}
	if (*r->purl)
		b->n_purl++;
	if (*r->cpe) {
		b->n_cpe++;
		if (r->cpe_from_uri)
			b->n_cpe_uri++;
	}
	if (rc.bad) {
		b->rows_rejected++;
		if (*r->purl)
			b->n_purl--;
		if (*r->cpe) {
			b->n_cpe--;
			if (r->cpe_from_uri)
				b->n_cpe_uri--;
		}
		if (r->guess.confidence)
			b->n_guess--;
		asset_batch_pop_row(b);
	}
}

static void feed_row(struct inv *v, uint32_t line, const struct cellview *cells, size_t n)
{
	if (v->stop || v->fatal)
		return;
	if (blank_row(cells, n)) {
		if (v->have_header)
			v->b->rows_blank++;
		return;
	}
	if (!v->have_header) {
		if (try_header(v, line, cells, n))
			return;
		if (++v->searched == HEADER_SEARCH_ROWS)
			v->stop = ERR_INVALID;   /* reported at the end */
		return;
	}
	data_row(v, line, cells, n);
}

static enum err inv_end(struct inv *v, enum err read_err, const char *read_msg)
{
	struct asset_batch *b = v->b;
	enum err e = ERR_OK;
	if (read_err != ERR_OK) {
		asset_batch_issue(b, ASSET_ISSUE_UNREADABLE, ASSET_SEV_ERROR, ASSET_FIELD__MAX, 0, 0,
		                  NULL, NULL, 0, "%s", read_msg);
		e = read_err;
	} else if (!v->have_header) {
		asset_batch_issue(b, ASSET_ISSUE_NO_HEADER, ASSET_SEV_ERROR, ASSET_FIELD__MAX, 0, 0,
		                  NULL, NULL, 0,
		                  "%sno header row in the first %d rows: the template's columns are "
		                  "資產類別/Category, 資產名稱/Asset name, 廠牌/Vendor, 版本/Version, CPE, …",
		                  v->sheet_where, HEADER_SEARCH_ROWS);
		e = ERR_INVALID;
	} else if (v->fatal) {
		e = ERR_INVALID;
	} else if (v->stop) {
		e = (enum err)v->stop;
	} else if (b->rows_read == 0) {
		asset_batch_issue(b, ASSET_ISSUE_NO_ROWS, ASSET_SEV_ERROR, ASSET_FIELD__MAX, 0, 0, NULL,
		                  NULL, 0, "%sthe header is there but not one asset follows it",
		                  v->sheet_where);
		e = ERR_INVALID;
	}
	return intake_finish(b, &v->o, e);
}

/* ---- CSV ---------------------------------------------------------------------------- */

/* The cells of the record or row being fed, reused from one to the next. */
struct cellctx {
	struct inv *v;
	struct cellview *cells;
	size_t cap;
};

static int on_csv(void *ctx, const struct csv_record *rec)
{
	struct cellctx *c = ctx;
	if (rec->n > c->cap) {
		c->cap = rec->n;
		c->cells = xrealloc(c->cells, c->cap * sizeof(*c->cells));
	}
	for (size_t i = 0; i < rec->n; i++) {
		c->cells[i].p = rec->fields[i].p;
		c->cells[i].len = rec->fields[i].len;
	}
	uint32_t line = rec->line > UINT32_MAX ? UINT32_MAX : (uint32_t)rec->line;
	feed_row(c->v, line, c->cells, rec->n);
	return c->v->stop || c->v->fatal ? -1 : 0;
}

enum err intake_read_csv(const void *p, size_t len, const struct intake_opts *opts,
			 struct asset_batch *b)
{
	asset_batch_init(b, ASSET_SOURCE_CSV);
	struct inv v;
	inv_init(&v, b, opts, false);
	struct cellctx c = { &v, NULL, 0 };
	char msg[256] = "";
	int rc = csv_read(p, len, NULL, on_csv, &c, msg, sizeof(msg));
	enum err e = inv_end(&v, rc > 0 ? (enum err)rc : ERR_OK, msg);
	free(c.cells);
	inv_free(&v);
	return e;
}

/* ---- XLSX --------------------------------------------------------------------------- */

static int on_xlsx(void *ctx, const struct xlsx_row *row)
{
	struct cellctx *c = ctx;
	struct inv *v = c->v;
	if (!v->sheet_where[0]) {
		snprintf(v->sheet_where, sizeof(v->sheet_where), "sheet %u (%s), ", row->sheet,
		         row->sheet_name);
		v->b->sheet = row->sheet;
		v->b->sheet_name = arena_strdup(&v->b->arena, row->sheet_name);
	}
	if (row->n > c->cap) {
		c->cap = row->n;
		c->cells = xrealloc(c->cells, c->cap * sizeof(*c->cells));
	}
	for (size_t i = 0; i < row->n; i++) {
		c->cells[i].p = row->cells[i].text;
		c->cells[i].len = row->cells[i].len;
	}
	feed_row(v, row->row, c->cells, row->n);
	return v->stop || v->fatal ? -1 : 0;
}

enum err intake_read_xlsx(const void *p, size_t len, const struct intake_opts *opts,
			  struct asset_batch *b)
{
	asset_batch_init(b, ASSET_SOURCE_XLSX);
	struct inv v;
	inv_init(&v, b, opts, true);
	struct cellctx c = { &v, NULL, 0 };
	struct xlsx_opts xo = { .sheet = v.o.sheet };
	char msg[320] = "";
	int rc = xlsx_read(p, len, &xo, on_xlsx, &c, msg, sizeof(msg));
	enum err e = inv_end(&v, rc > 0 ? (enum err)rc : ERR_OK, msg);
	free(c.cells);
	inv_free(&v);
	return e;
}

/* ---- records (the upload API, the web form) ----------------------------------------- */

enum err intake_read_records(const struct intake_record *recs, size_t n, const struct intake_opts *opts,
			     struct asset_batch *b)
{
	asset_batch_init(b, ASSET_SOURCE_UNKNOWN);
	struct inv v;
	inv_init(&v, b, opts, false);
	v.records = true;
	v.have_header = true;
	struct cellview cells[ASSET_FIELD__MAX];
	for (size_t i = 0; i < n && !v.stop; i++) {
		for (int f = 0; f < ASSET_FIELD__MAX; f++) {
			cells[f].p = recs[i].value[f];
			cells[f].len = recs[i].value[f] ? (recs[i].len[f] ? recs[i].len[f] : strlen(recs[i].value[f])) : 0;
		}
		uint32_t line = recs[i].line ? recs[i].line : (uint32_t)(i + 1);
		if (blank_row(cells, ASSET_FIELD__MAX)) {
			/* an empty item is an error here: the caller sent it as an asset */
			b->rows_read++;
			b->rows_rejected++;
			asset_batch_issue(b, ASSET_ISSUE_REQUIRED, ASSET_SEV_ERROR, ASSET_FIELD_NAME, line, 0, NULL,
			                  NULL, 0, "item %u (name): the asset name is required", line);
			continue;
		}
		data_row(&v, line, cells, ASSET_FIELD__MAX);
	}
	enum err e = v.stop ? inv_end(&v, ERR_OK, "") : intake_finish(b, &v.o, ERR_OK);
	inv_free(&v);
	return e;
}
