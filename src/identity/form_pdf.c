/* A4 form drawn with core/pdf.h: a title, a bordered table of the applicant's details,
 * the permission applied for, signature and seal boxes, and the notes on where it goes. */
#include "identity/form_pdf.h"

#include "core/pdf.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#define PAGE_W PDF_A4_W
#define PAGE_H PDF_A4_H
#define MARGIN 48.0

static void box(struct pdf *cr, double x, double y, double w, double h)
{
	pdf_stroke_rect(cr, x, y, w, h);
}

/* A table row: label cell (shaded) and value cell; returns the row height. */
static double row(struct pdf *cr, double y, const char *label, const char *value, double lx, double lw, double vw)
{
	double h = 30;
	pdf_color(cr, 0.93, 0.95, 0.97);
	pdf_fill_rect(cr, lx, y, lw, h);
	pdf_color(cr, 0, 0, 0);
	box(cr, lx, y, lw, h);
	box(cr, lx + lw, y, vw, h);
	pdf_text(cr, lx + 6, y + 7, lw - 12, label, 11, true, PDF_LEFT);
	pdf_text(cr, lx + lw + 8, y + 7, vw - 16, value && *value ? value : " ", 11, false, PDF_LEFT);
	return h;
}

enum err form_pdf_write(const struct form_fields *f, struct buf *out)
{
	struct pdf *cr = pdf_new(out, PAGE_W, PAGE_H, "資通安全弱點通報系統(VANS系統)機關管理者帳號申請(異動)單");
	double w = PAGE_W - 2 * MARGIN, y = MARGIN;
	y += pdf_text(cr, MARGIN, y, w, "資通安全弱點通報系統(VANS系統)", 17, true, PDF_CENTER);
	y += pdf_text(cr, MARGIN, y + 2, w, "機關管理者帳號申請(異動)單", 17, true, PDF_CENTER) + 10;
	char ref[160];
	snprintf(ref, sizeof ref, "申請編號：%s　　填表日期：%s", f->reference ? f->reference : "",
		 f->date ? f->date : "");
	y += pdf_text(cr, MARGIN, y, w, ref, 10, false, PDF_RIGHT) + 6;

	double lw = 130, vw = w - lw;
	y += pdf_text(cr, MARGIN, y, w, "一、機關資料", 12, true, PDF_LEFT) + 4;
	y += row(cr, y, "機關名稱", f->org_name, MARGIN, lw, vw);
	y += row(cr, y, "機關 OID／統一編號", f->org_identifier, MARGIN, lw, vw);
	y += row(cr, y, "資安責任等級", f->org_level, MARGIN, lw, vw) + 12;

	y += pdf_text(cr, MARGIN, y, w, "二、申請人資料", 12, true, PDF_LEFT) + 4;
	y += row(cr, y, "姓名", f->name, MARGIN, lw, vw);
	y += row(cr, y, "帳號", f->username, MARGIN, lw, vw);
	y += row(cr, y, "職稱", f->title, MARGIN, lw, vw);
	y += row(cr, y, "部門名稱", f->department, MARGIN, lw, vw);
	y += row(cr, y, "電子郵件（公務信箱）", f->email, MARGIN, lw, vw);
	y += row(cr, y, "手機號碼", f->mobile, MARGIN, lw, vw);
	char phone[160];
	snprintf(phone, sizeof phone, "%s%s%s", f->phone ? f->phone : "", f->extension && *f->extension ? " 分機 " : "",
		 f->extension ? f->extension : "");
	y += row(cr, y, "公務電話", phone, MARGIN, lw, vw);
	y += row(cr, y, "傳真", f->fax, MARGIN, lw, vw);
	y += row(cr, y, "地址", f->address, MARGIN, lw, vw) + 12;

	y += pdf_text(cr, MARGIN, y, w, "三、申請權限", 12, true, PDF_LEFT) + 4;
	char perm[128];
	snprintf(perm, sizeof perm, "☑ %s（用於審核機關內人員之一般權限申請）", f->permission ? f->permission : "機關管理者");
	y += row(cr, y, "資通安全弱點通報系統", perm, MARGIN, lw, vw) + 12;

	y += pdf_text(cr, MARGIN, y, w, "四、簽章", 12, true, PDF_LEFT) + 4;
	double cw = w / 3, ch = 96;
	static const char *const heads[3] = { "申請人簽章", "單位主管簽章", "機關首長或授權人核章（機關印信）" };
	for (int i = 0; i < 3; i++) {
		box(cr, MARGIN + i * cw, y, cw, 24);
		box(cr, MARGIN + i * cw, y + 24, cw, ch);
		pdf_text(cr, MARGIN + i * cw + 4, y + 5, cw - 8, heads[i], 9.5, true, PDF_CENTER);
	}
	y += 24 + ch + 14;

	y += pdf_text(cr, MARGIN, y, w, "備註", 11, true, PDF_LEFT) + 2;
	pdf_text(cr, MARGIN, y, w,
	     "1. 本申請單由 vans 依申請人於「個人帳號管理／權限異動申請」填寫之資料產生，請勿自行修改內容。\n"
	     "2. 請申請人簽章，並經單位主管及機關首長（或授權人）核章後，掃描為 PDF 或圖檔，"
	     "於 vans「個人帳號管理／權限異動申請」上傳；平台管理者審核後以電子郵件通知結果。\n"
	     "3. 機關管理者用於審核機關內人員之一般權限申請；若欲執行系統服務功能，請另申請一般權限。\n"
	     "4. 資安責任等級為 D、E 級之機關不得自行申請，請來信服務信箱，由平台管理者開通。",
	     9.5, false, PDF_LEFT);
	return pdf_finish(cr);
}
