/* The inventory template vans hands out (範本下載): the columns of intake_columns() with
 * zh-TW or English headers, as CSV or as XLSX with a second sheet explaining each column. */
#include "vans/asset.h"

#include "core/xlsx_write.h"

#include <string.h>

/* An example value per field, for the explanation sheet. */
static const char *example(enum asset_field f)
{
	switch (f) {
	case ASSET_FIELD_CATEGORY: return "資通系統資產";
	case ASSET_FIELD_GROUP: return "DEFAULT";
	case ASSET_FIELD_IDENTIFIER: return "4044995670156060910";
	case ASSET_FIELD_NAME: return "Microsoft Access 2016";
	case ASSET_FIELD_VENDOR: return "Microsoft Corporation";
	case ASSET_FIELD_VERSION: return "16.0.4266.1001";
	case ASSET_FIELD_CPE: return "cpe:2.3:a:microsoft:access:2016:*:*:*:*:*:*:*";
	case ASSET_FIELD_CPE_TITLE: return "Microsoft Access 2016";
	case ASSET_FIELD_QUANTITY: return "1";
	case ASSET_FIELD_KB_IDS: return "KB5034441, KB5034439";
	case ASSET_FIELD_OWNER: return "王小明";
	case ASSET_FIELD_DEPARTMENT: return "資訊室";
	case ASSET_FIELD_NOTE: return "";
	case ASSET_FIELD_PURL: return "pkg:npm/lodash@4.17.20";
	default: return "";
	}
}

static const char *rule(enum asset_field f, bool en)
{
	switch (f) {
	case ASSET_FIELD_CATEGORY:
		return en ? "Required: 資通系統資產 (servers and information systems), 使用者電腦資產 (end-user computers), "
			    "網通設備資產 (network devices) or 工業控制系統資產 (industrial control systems)"
			  : "必填：資通系統資產、使用者電腦資產、網通設備資產或工業控制系統資產";
	case ASSET_FIELD_GROUP: return en ? "Asset group code; empty means DEFAULT" : "資產分群代碼，空白為 DEFAULT";
	case ASSET_FIELD_IDENTIFIER:
		return en ? "The host, e.g. a hash of its MAC address: assets with one identifier are matched together"
			  : "主機識別，例如 MAC 位址雜湊；同一識別碼的資產一併比對";
	case ASSET_FIELD_NAME: return en ? "Required: the product's name" : "必填：產品名稱";
	case ASSET_FIELD_VENDOR: return en ? "Vendor or brand" : "廠牌或製造商";
	case ASSET_FIELD_VERSION: return en ? "The installed version" : "安裝的版本";
	case ASSET_FIELD_CPE:
		return en ? "CPE 2.3 name or 2.2 URI; N/A when unknown (vans suggests one)"
			  : "CPE 2.3 名稱或 2.2 URI；不知道請填 N/A（系統會提供建議）";
	case ASSET_FIELD_CPE_TITLE: return en ? "The CPE's title" : "CPE 的名稱";
	case ASSET_FIELD_QUANTITY: return en ? "1 to 1,000,000; empty means 1" : "1 至 1,000,000，空白為 1";
	case ASSET_FIELD_KB_IDS: return en ? "Installed Windows updates, comma separated" : "已安裝的 Windows 更新，以逗號分隔";
	case ASSET_FIELD_OWNER: return en ? "Who is responsible" : "負責人";
	case ASSET_FIELD_DEPARTMENT: return en ? "Department" : "所屬部門";
	case ASSET_FIELD_NOTE: return en ? "Free text" : "備註";
	case ASSET_FIELD_PURL: return en ? "Package URL (pkg:type/name@version), used for CPE suggestions" : "套件 URL，用於 CPE 建議";
	default: return "";
	}
}

enum err asset_template_csv(bool english, struct buf *out)
{
	size_t n;
	const struct intake_column *cols = intake_columns(&n);
	buf_puts(out, "\xEF\xBB\xBF");
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_putc(out, ',');
		buf_puts(out, english ? cols[i].en : cols[i].zh);
	}
	buf_puts(out, "\r\n");
	return out->overflow ? ERR_TOO_LARGE : ERR_OK;
}

enum err asset_template_xlsx(bool english, struct buf *out, char *err, size_t errlen)
{
	size_t n;
	const struct intake_column *cols = intake_columns(&n);
	struct xlsx_writer *x = xlsx_writer_new();
	xlsx_sheet_begin(x, english ? "Assets" : "資產清單");
	double widths[ASSET_FIELD__MAX + 1];
	for (size_t i = 0; i < n && i < ASSET_FIELD__MAX; i++)
		widths[i] = cols[i].field == ASSET_FIELD_CPE ? 48 : cols[i].field == ASSET_FIELD_NAME ? 32 : 18;
	xlsx_sheet_widths(x, widths, n);
	xlsx_sheet_freeze_first_row(x);
	xlsx_row_begin(x, XLSX_BOLD);
	for (size_t i = 0; i < n; i++)
		xlsx_cell_str(x, english ? cols[i].en : cols[i].zh);
	/* the explanation: one row per column */
	xlsx_sheet_begin(x, english ? "Instructions" : "填寫說明");
	xlsx_sheet_widths(x, (const double[]){ 22, 10, 70, 48 }, 4);
	xlsx_row_begin(x, XLSX_BOLD);
	xlsx_cell_str(x, english ? "Column" : "欄位");
	xlsx_cell_str(x, english ? "Required" : "必填");
	xlsx_cell_str(x, english ? "What to write" : "填寫方式");
	xlsx_cell_str(x, english ? "Example" : "範例");
	for (size_t i = 0; i < n; i++) {
		xlsx_row_begin(x, 0);
		xlsx_cell_str(x, english ? cols[i].en : cols[i].zh);
		xlsx_cell_str(x, cols[i].required ? (english ? "yes" : "是") : "");
		xlsx_cell_str(x, rule(cols[i].field, english));
		xlsx_cell_str(x, example(cols[i].field));
	}
	return xlsx_writer_finish(x, out, err, errlen);
}
