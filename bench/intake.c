/* Intake throughput: a 10,000-row inventory in the template's 13 zh-TW columns, written
 * here as CSV and as XLSX (shared strings, as Excel saves), read by the bare tokenizers and
 * by the full import (header matching, every field checked, CPEs normalised). Best of N
 * runs; the bare readers are the same-run baselines the ratios refer to. */
#include "core/buf.h"
#include "core/zip_archive.h"
#include "vans/intake/csv.h"
#include "vans/intake/intake.h"
#include "vans/intake/xlsx.h"

#include "../tests/lib/zipwrite.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define ROWS 10000
#define RUNS 7

static const char *const header[] = { "資產類別", "資產群組代碼", "資產識別碼", "資產名稱", "廠牌",
                                      "版本", "CPE", "CPE 名稱", "數量", "已安裝KBID列表",
                                      "負責人", "部門", "備註" };
#define NCOL 13

static const struct product {
	const char *category, *name, *vendor, *version, *cpe;
} products[] = {
	{ "資通系統資產", "Microsoft Access 2016", "Microsoft Corporation", "16.0.4266.1001",
	  "cpe:2.3:a:microsoft:access:2016:*:*:*:*:*:*:*" },
	{ "資通系統資產", "Apache HTTP Server", "Apache Software Foundation", "2.4.58",
	  "cpe:2.3:a:apache:http_server:2.4.58:*:*:*:*:*:*:*" },
	{ "資通系統資產", "nginx", "F5", "1.25.3", "cpe:/a:f5:nginx:1.25.3" },
	{ "使用者電腦資產", "Windows 11 企業版", "Microsoft", "23H2",
	  "cpe:2.3:o:microsoft:windows_11:23h2:*:*:*:*:*:x64:*" },
	{ "使用者電腦資產", "Adobe Acrobat Reader DC", "Adobe", "23.008.20470", "" },
	{ "網通設備資產", "FortiGate 60F", "Fortinet", "7.2.5", "cpe:2.3:o:fortinet:fortios:7.2.5:*:*:*:*:*:*:*" },
	{ "網通設備資產", "Catalyst 9300", "Cisco", "17.9.4", "" },
	{ "工業控制系統資產", "SIMATIC S7-1500", "Siemens", "2.9.4",
	  "cpe:2.3:o:siemens:simatic_s7-1500_cpu_firmware:2.9.4:*:*:*:*:*:*:*" },
};
#define NPROD (sizeof(products) / sizeof(products[0]))

static void row_values(size_t i, char v[NCOL][160])
{
	const struct product *p = &products[i % NPROD];
	bool endpoint = strcmp(p->category, "使用者電腦資產") == 0;
	snprintf(v[0], 160, "%s", p->category);
	snprintf(v[1], 160, "group%02zu", i % 17);
	snprintf(v[2], 160, "%016zx", i * 2654435761u);
	snprintf(v[3], 160, "%s", p->name);
	snprintf(v[4], 160, "%s", p->vendor);
	snprintf(v[5], 160, "%s", p->version);
	snprintf(v[6], 160, "%s", p->cpe);
	snprintf(v[7], 160, "%s", *p->cpe ? p->name : "N/A");
	snprintf(v[8], 160, "%zu", 1 + i % 40);
	snprintf(v[9], 160, "%s", endpoint ? "KB5034441, KB5034123, KB5033375" : "");
	snprintf(v[10], 160, "%s", i % 3 ? "王小明" : "陳美玲");
	snprintf(v[11], 160, "%s", i % 2 ? "資訊室" : "總務處");
	snprintf(v[12], 160, "%s", i % 10 == 0 ? "機房 A, 機櫃 3\n保固至 2026 年" : "");
}

static void csv_field(struct buf *b, const char *s)
{
	if (strpbrk(s, ",\"\n")) {
		buf_putc(b, '"');
		for (; *s; s++) {
			if (*s == '"')
				buf_putc(b, '"');
			buf_putc(b, *s);
		}
		buf_putc(b, '"');
	} else {
		buf_puts(b, s);
	}
}

static void make_csv(struct buf *b)
{
	buf_init(b, 0);
	for (int c = 0; c < NCOL; c++) {
		if (c)
			buf_putc(b, ',');
		buf_puts(b, header[c]);
	}
	buf_puts(b, "\r\n");
	char v[NCOL][160];
	for (size_t i = 0; i < ROWS; i++) {
		row_values(i, v);
		for (int c = 0; c < NCOL; c++) {
			if (c)
				buf_putc(b, ',');
			csv_field(b, v[c]);
		}
		buf_puts(b, "\r\n");
	}
}

/* Shared strings: every distinct text once, as Excel writes them (an open-addressing
 * table keeps the generator fast; it is not what is measured). */
struct sst {
	char **s;
	size_t n, cap;
	size_t *slot;      /* index + 1, 0 when empty */
	size_t nslot;
};

static size_t hash(const char *s)
{
	size_t h = 1469598103934665603u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

static size_t sst_index(struct sst *t, const char *s)
{
	if (!t->nslot) {
		t->nslot = 1u << 16;
		t->slot = calloc(t->nslot, sizeof(*t->slot));
	}
	size_t h = hash(s) & (t->nslot - 1);
	while (t->slot[h]) {
		if (strcmp(t->s[t->slot[h] - 1], s) == 0)
			return t->slot[h] - 1;
		h = (h + 1) & (t->nslot - 1);
	}
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 256;
		t->s = realloc(t->s, t->cap * sizeof(*t->s));
	}
	t->s[t->n] = strdup(s);
	t->slot[h] = ++t->n;
	return t->n - 1;
}

static void xml_text(struct buf *b, const char *s)
{
	for (; *s; s++) {
		if (*s == '&')
			buf_puts(b, "&amp;");
		else if (*s == '<')
			buf_puts(b, "&lt;");
		else
			buf_putc(b, *s);
	}
}

static unsigned char *make_xlsx(size_t *len)
{
	struct sst t = { 0 };
	struct buf sheet;
	buf_init(&sheet, 0);
	buf_puts(&sheet, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	                 "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
	                 "<dimension ref=\"A1:M10001\"/><sheetData>");
	char v[NCOL][160];
	for (size_t i = 0; i <= ROWS; i++) {
		if (i)
			row_values(i - 1, v);
		buf_printf(&sheet, "<row r=\"%zu\" spans=\"1:13\">", i + 1);
		for (int c = 0; c < NCOL; c++) {
			const char *s = i ? v[c] : header[c];
			if (!*s)
				continue;
			char col[4];
			xlsx_col_name((uint32_t)c, col);
			if (i && c == 8)
				buf_printf(&sheet, "<c r=\"%s%zu\"><v>%s</v></c>", col, i + 1, s);
			else
				buf_printf(&sheet, "<c r=\"%s%zu\" t=\"s\"><v>%zu</v></c>", col, i + 1, sst_index(&t, s));
		}
		buf_puts(&sheet, "</row>");
	}
	buf_puts(&sheet, "</sheetData></worksheet>");
	struct buf ss;
	buf_init(&ss, 0);
	buf_printf(&ss, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	                "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
	                "count=\"%zu\" uniqueCount=\"%zu\">", t.n, t.n);
	for (size_t i = 0; i < t.n; i++) {
		buf_puts(&ss, "<si><t xml:space=\"preserve\">");
		xml_text(&ss, t.s[i]);
		buf_puts(&ss, "</t></si>");
		free(t.s[i]);
	}
	buf_puts(&ss, "</sst>");
	free(t.s);
	free(t.slot);
	struct zw z = { 0 };
	const char *names[] = { "資產清冊" };
	zw_xlsx_frame(&z, names, 1, NULL, 0);
	zw_add_ex(&z, "xl/worksheets/sheet1.xml", sheet.data, sheet.len, 1, 0);
	zw_add_ex(&z, "xl/sharedStrings.xml", ss.data, ss.len, 1, 0);
	buf_free(&sheet);
	buf_free(&ss);
	return zw_finish(&z, len);
}

static int atoi_free(const char *s)
{
	return (int)strtol(s, NULL, 10);
}

static double now(clockid_t clock)
{
	struct timespec ts;
	clock_gettime(clock, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int count_csv(void *ctx, const struct csv_record *r)
{
	(*(size_t *)ctx) += r->n;
	return 0;
}

static int count_xlsx(void *ctx, const struct xlsx_row *r)
{
	(*(size_t *)ctx) += r->n;
	return 0;
}

enum task { T_CSV_READ, T_CSV_IMPORT, T_XLSX_INFLATE, T_XLSX_READ, T_XLSX_IMPORT, T__MAX };

static size_t run(enum task t, const void *p, size_t len)
{
	size_t n = 0;
	char err[256];
	if (t == T_CSV_READ) {
		if (csv_read(p, len, NULL, count_csv, &n, err, sizeof(err)) != 0)
			abort();
		return n;
	}
	if (t == T_XLSX_READ) {
		if (xlsx_read(p, len, NULL, count_xlsx, &n, err, sizeof(err)) != 0)
			abort();
		return n;
	}
	if (t == T_XLSX_INFLATE) {
		struct zip_archive *z;
		if (zip_archive_open_mem(p, len, NULL, &z, err, sizeof(err)) != ERR_OK)
			abort();
		struct buf b;
		buf_init(&b, 0);
		for (size_t i = 0; i < zip_archive_count(z); i++) {
			if (zip_archive_read(z, i, SIZE_MAX, &b, err, sizeof(err)) != ERR_OK)
				abort();
			n += b.len;
		}
		buf_free(&b);
		zip_archive_close(z);
		return n;
	}
	struct asset_batch b;
	enum err e = t == T_CSV_IMPORT ? intake_read_csv(p, len, NULL, &b) : intake_read_xlsx(p, len, NULL, &b);
	if (e != ERR_OK || b.n_rows != ROWS) {
		fprintf(stderr, "import failed: %s\n", b.n_issues ? b.issues[0].message : "?");
		abort();
	}
	n = b.n_rows;
	asset_batch_free(&b);
	return n;
}

int main(int argc, char **argv)
{
	/* "intake xlsx_read 20" repeats one task, for perf stat */
	if (argc == 3) {
		struct buf c;
		make_csv(&c);
		size_t xl;
		unsigned char *x = make_xlsx(&xl);
		static const char *const names[T__MAX] = { "csv_read", "csv_import", "inflate",
		                                           "xlsx_read", "xlsx_import" };
		for (int t = 0; t < T__MAX; t++) {
			if (strcmp(argv[1], names[t]) != 0)
				continue;
			for (int r = 0; r < atoi_free(argv[2]); r++)
				run((enum task)t, t <= T_CSV_IMPORT ? (const void *)c.data : (const void *)x,
				    t <= T_CSV_IMPORT ? c.len : xl);
		}
		buf_free(&c);
		free(x);
		return 0;
	}
	struct buf csv;
	make_csv(&csv);
	size_t xlen;
	unsigned char *xlsx = make_xlsx(&xlen);
	static const char *const what[T__MAX] = {
		"CSV: records (csv_read)", "CSV: import (intake_read_csv)",
		"XLSX: inflate parts (zip only)", "XLSX: rows (xlsx_read)", "XLSX: import (intake_read_xlsx)",
	};
	/* wall time is what a user waits; CPU time of this process is steadier on a shared
	 * machine. Both are the best of RUNS. */
	double best[T__MAX], cpu[T__MAX];
	for (int t = 0; t < T__MAX; t++) {
		const void *p = t <= T_CSV_IMPORT ? (const void *)csv.data : (const void *)xlsx;
		size_t len = t <= T_CSV_IMPORT ? csv.len : xlen;
		best[t] = cpu[t] = 1e9;
		for (int r = 0; r < RUNS; r++) {
			double t0 = now(CLOCK_MONOTONIC), c0 = now(CLOCK_PROCESS_CPUTIME_ID);
			run((enum task)t, p, len);
			double dt = now(CLOCK_MONOTONIC) - t0, dc = now(CLOCK_PROCESS_CPUTIME_ID) - c0;
			if (dt < best[t])
				best[t] = dt;
			if (dc < cpu[t])
				cpu[t] = dc;
		}
	}
	printf("%d-row inventory, 13 columns: CSV %zu bytes, XLSX %zu bytes (best of %d runs)\n\n",
	       ROWS, csv.len, xlen, RUNS);
	printf("| %-32s | %9s | %9s | %12s | %-22s |\n", "what", "wall ms", "CPU ms", "rows/s wall",
	       "CPU vs the bare reader");
	printf("|%s|%s|%s|%s|%s|\n", "----------------------------------", "-----------", "-----------",
	       "--------------", "------------------------");
	for (int t = 0; t < T__MAX; t++) {
		char ratio[40] = "baseline";
		if (t == T_CSV_IMPORT)
			snprintf(ratio, sizeof(ratio), "%.2f x csv_read", cpu[t] / cpu[T_CSV_READ]);
		else if (t == T_XLSX_READ)
			snprintf(ratio, sizeof(ratio), "%.2f x inflate", cpu[t] / cpu[T_XLSX_INFLATE]);
		else if (t == T_XLSX_IMPORT)
			snprintf(ratio, sizeof(ratio), "%.2f x xlsx_read", cpu[t] / cpu[T_XLSX_READ]);
		printf("| %-32s | %9.1f | %9.1f | %12.0f | %-22s |\n", what[t], best[t] * 1000, cpu[t] * 1000,
		       ROWS / best[t], ratio);
	}
	buf_free(&csv);
	free(xlsx);
	return 0;
}
