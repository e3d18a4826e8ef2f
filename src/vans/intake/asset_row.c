/* The asset batch (rows, issues, counts in one arena) and the names of categories,
 * fields, issue codes and sources. */
#include "vans/intake/asset_row.h"

#include "core/alloc.h"
#include "core/buf.h"
#include "vans/intake/text.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void asset_batch_init(struct asset_batch *b, enum asset_source source)
{
	memset(b, 0, sizeof(*b));
	arena_init(&b->arena, 64 * 1024);
	b->source = source;
	b->max_issues = ASSET_BATCH_MAX_ISSUES;
}

void asset_batch_free(struct asset_batch *b)
{
	if (!b)
		return;
	free(b->rows);
	free(b->issues);
	arena_free(&b->arena);
	memset(b, 0, sizeof(*b));
}

struct asset_row *asset_batch_add_row(struct asset_batch *b)
{
	if (b->n_rows == b->cap_rows) {
		b->cap_rows = b->cap_rows ? b->cap_rows * 2 : 64;
		b->rows = xrealloc(b->rows, b->cap_rows * sizeof(*b->rows));
	}
	struct asset_row *r = &b->rows[b->n_rows++];
	memset(r, 0, sizeof(*r));
	r->group_code = ASSET_DEFAULT_GROUP;
	r->identifier = r->name = r->vendor = r->version = r->cpe = r->cpe_title = "";
	r->owner = r->department = r->note = r->purl = "";
	r->guess.vendor = r->guess.product = r->guess.cpe = r->guess.rule = "";
	r->quantity = 1;
	return r;
}

void asset_batch_pop_row(struct asset_batch *b)
{
	if (b->n_rows)
		b->n_rows--;
}

void asset_batch_drop_rows(struct asset_batch *b)
{
	if (b->n_rows)
		b->all_or_nothing_dropped = true;
	b->n_rows = 0;
}

struct asset_issue *asset_batch_issue(struct asset_batch *b, enum asset_issue_code code,
				      enum asset_severity sev, enum asset_field field,
				      uint32_t line, uint32_t col, const char *column,
				      const char *value, size_t value_len, const char *fmt, ...)
{
	if (sev == ASSET_SEV_ERROR)
		b->n_errors++;
	else
		b->n_warnings++;
	size_t cap = b->max_issues ? b->max_issues : ASSET_BATCH_MAX_ISSUES;
	if (b->n_issues >= cap) {
		b->issues_dropped++;
		return NULL;
	}
	if (b->n_issues == b->cap_issues) {
		b->cap_issues = b->cap_issues ? b->cap_issues * 2 : 16;
		b->issues = xrealloc(b->issues, b->cap_issues * sizeof(*b->issues));
	}
	struct asset_issue *is = &b->issues[b->n_issues++];
	memset(is, 0, sizeof(*is));
	is->code = code;
	is->severity = sev;
	is->field = field;
	is->line = line;
	is->col = col;
	is->column = column ? arena_strdup(&b->arena, column) : NULL;
	if (value) {
		/* abbreviated at a character boundary */
		size_t n = value_len;
		if (n > 80) {
			n = 80;
			while (n && ((unsigned char)value[n] & 0xC0) == 0x80)
				n--;
		}
		is->value = n < value_len ? arena_printf(&b->arena, "%.*s…", (int)n, value)
		                          : arena_strndup(&b->arena, value, n);
	}
	va_list ap;
	va_start(ap, fmt);
	is->message = arena_vprintf(&b->arena, fmt, ap);
	va_end(ap);
	return is;
}

static const char *const category_codes[ASSET_CATEGORY__MAX] = {
	[ASSET_CATEGORY_NONE] = "",
	[ASSET_CATEGORY_SYSTEM] = "system",
	[ASSET_CATEGORY_ENDPOINT] = "endpoint",
	[ASSET_CATEGORY_NETWORK] = "network",
	[ASSET_CATEGORY_ICS] = "ics",
};

static const char *const category_zh[ASSET_CATEGORY__MAX] = {
	[ASSET_CATEGORY_NONE] = "",
	[ASSET_CATEGORY_SYSTEM] = "資通系統資產",
	[ASSET_CATEGORY_ENDPOINT] = "使用者電腦資產",
	[ASSET_CATEGORY_NETWORK] = "網通設備資產",
	[ASSET_CATEGORY_ICS] = "工業控制系統資產",
};

const char *asset_category_code(enum asset_category c)
{
	return (unsigned)c < ASSET_CATEGORY__MAX ? category_codes[c] : "";
}

const char *asset_category_zh(enum asset_category c)
{
	return (unsigned)c < ASSET_CATEGORY__MAX ? category_zh[c] : "";
}

/* Folded spellings (text.h), after a trailing "資產" / "asset(s)" is cut off. */
static const struct {
	const char *folded;
	enum asset_category c;
} category_names[] = {
	{ "資通系統", ASSET_CATEGORY_SYSTEM },
	{ "資訊系統", ASSET_CATEGORY_SYSTEM },
	{ "伺服器", ASSET_CATEGORY_SYSTEM },
	{ "伺服器及資訊系統", ASSET_CATEGORY_SYSTEM },
	{ "system", ASSET_CATEGORY_SYSTEM },
	{ "systems", ASSET_CATEGORY_SYSTEM },
	{ "informationsystem", ASSET_CATEGORY_SYSTEM },
	{ "informationsystems", ASSET_CATEGORY_SYSTEM },
	{ "server", ASSET_CATEGORY_SYSTEM },
	{ "servers", ASSET_CATEGORY_SYSTEM },
	{ "serversandinformationsystems", ASSET_CATEGORY_SYSTEM },
	{ "serverandinformationsystem", ASSET_CATEGORY_SYSTEM },
	{ "使用者電腦", ASSET_CATEGORY_ENDPOINT },
	{ "個人電腦", ASSET_CATEGORY_ENDPOINT },
	{ "endpoint", ASSET_CATEGORY_ENDPOINT },
	{ "endpoints", ASSET_CATEGORY_ENDPOINT },
	{ "endusercomputer", ASSET_CATEGORY_ENDPOINT },
	{ "endusercomputers", ASSET_CATEGORY_ENDPOINT },
	{ "usercomputer", ASSET_CATEGORY_ENDPOINT },
	{ "usercomputers", ASSET_CATEGORY_ENDPOINT },
	{ "pc", ASSET_CATEGORY_ENDPOINT },
	{ "pcs", ASSET_CATEGORY_ENDPOINT },
	{ "網通設備", ASSET_CATEGORY_NETWORK },
	{ "網路設備", ASSET_CATEGORY_NETWORK },
	{ "network", ASSET_CATEGORY_NETWORK },
	{ "networkdevice", ASSET_CATEGORY_NETWORK },
	{ "networkdevices", ASSET_CATEGORY_NETWORK },
	{ "networkequipment", ASSET_CATEGORY_NETWORK },
	{ "工業控制系統", ASSET_CATEGORY_ICS },
	{ "工控系統", ASSET_CATEGORY_ICS },
	{ "工控", ASSET_CATEGORY_ICS },
	{ "ics", ASSET_CATEGORY_ICS },
	{ "industrialcontrolsystem", ASSET_CATEGORY_ICS },
	{ "industrialcontrolsystems", ASSET_CATEGORY_ICS },
};

static bool cut_suffix(char *s, size_t *n, const char *suffix)
{
	size_t k = strlen(suffix);
	if (*n > k && memcmp(s + *n - k, suffix, k) == 0) {
		*n -= k;
		s[*n] = '\0';
		return true;
	}
	return false;
}

enum asset_category asset_category_parse(const char *p, size_t len)
{
	struct buf f;
	buf_init(&f, 1024);
	enum asset_category c = ASSET_CATEGORY_NONE;
	if (len > 512)
		goto out;
	intake_fold(p, len, &f);
	size_t n = f.len;
	if (!cut_suffix(f.data, &n, "資產") && !cut_suffix(f.data, &n, "assets"))
		cut_suffix(f.data, &n, "asset");
	for (size_t i = 0; i < sizeof(category_names) / sizeof(category_names[0]); i++) {
		if (strcmp(f.data, category_names[i].folded) == 0) {
			c = category_names[i].c;
			break;
		}
	}
out:
	buf_free(&f);
	return c;
}

static const char *const field_keys[ASSET_FIELD__MAX] = {
	[ASSET_FIELD_CATEGORY] = "category",
	[ASSET_FIELD_GROUP] = "group",
	[ASSET_FIELD_IDENTIFIER] = "identifier",
	[ASSET_FIELD_NAME] = "name",
	[ASSET_FIELD_VENDOR] = "vendor",
	[ASSET_FIELD_VERSION] = "version",
	[ASSET_FIELD_CPE] = "cpe",
	[ASSET_FIELD_CPE_TITLE] = "cpe_title",
	[ASSET_FIELD_QUANTITY] = "quantity",
	[ASSET_FIELD_KB_IDS] = "kb_ids",
	[ASSET_FIELD_OWNER] = "owner",
	[ASSET_FIELD_DEPARTMENT] = "department",
	[ASSET_FIELD_NOTE] = "note",
	[ASSET_FIELD_PURL] = "purl",
};

const char *asset_field_key(enum asset_field f)
{
	return (unsigned)f < ASSET_FIELD__MAX ? field_keys[f] : "";
}

static const char *const issue_codes[ASSET_ISSUE__MAX] = {
	[ASSET_ISSUE_UNREADABLE] = "unreadable",
	[ASSET_ISSUE_NO_HEADER] = "no_header",
	[ASSET_ISSUE_MISSING_COLUMN] = "missing_column",
	[ASSET_ISSUE_DUPLICATE_COLUMN] = "duplicate_column",
	[ASSET_ISSUE_UNKNOWN_COLUMN] = "unknown_column",
	[ASSET_ISSUE_REQUIRED] = "required",
	[ASSET_ISSUE_TOO_LONG] = "too_long",
	[ASSET_ISSUE_CONTROL_CHAR] = "control_char",
	[ASSET_ISSUE_QUANTITY] = "quantity",
	[ASSET_ISSUE_CPE] = "cpe",
	[ASSET_ISSUE_CATEGORY] = "category",
	[ASSET_ISSUE_KB] = "kb",
	[ASSET_ISSUE_GROUP_CODE] = "group_code",
	[ASSET_ISSUE_PURL] = "purl",
	[ASSET_ISSUE_TOO_MANY_ROWS] = "too_many_rows",
	[ASSET_ISSUE_NO_ROWS] = "no_rows",
	[ASSET_ISSUE_UNSUPPORTED] = "unsupported",
	[ASSET_ISSUE_EXTRA_VALUES] = "extra_values",
};

const char *asset_issue_code_str(enum asset_issue_code c)
{
	return (unsigned)c < ASSET_ISSUE__MAX ? issue_codes[c] : "";
}

static const char *const source_names[ASSET_SOURCE__MAX] = {
	[ASSET_SOURCE_UNKNOWN] = "unknown",
	[ASSET_SOURCE_CSV] = "csv",
	[ASSET_SOURCE_XLSX] = "xlsx",
	[ASSET_SOURCE_CYCLONEDX_JSON] = "cyclonedx-json",
	[ASSET_SOURCE_CYCLONEDX_XML] = "cyclonedx-xml",
	[ASSET_SOURCE_SPDX_JSON] = "spdx-json",
};

const char *asset_source_str(enum asset_source s)
{
	return (unsigned)s < ASSET_SOURCE__MAX ? source_names[s] : "";
}
