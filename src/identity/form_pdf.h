/* The pre-filled application form for the organisation-administrator permission
 * (資通安全弱點通報系統(VANS系統)機關管理者帳號申請(異動)單) as a PDF in Traditional
 * Chinese, drawn with core/pdf.h (cairo and pango) in Noto Sans CJK. */
#ifndef VANS_IDENTITY_FORM_PDF_H
#define VANS_IDENTITY_FORM_PDF_H

#include "core/buf.h"
#include "core/err.h"

struct form_fields {
	const char *org_name, *org_identifier, *org_level;
	const char *name, *username, *title, *department, *email, *mobile, *phone, *extension, *fax, *address;
	const char *permission;     /* "機關管理者" */
	const char *date;           /* "2026-05-01" */
	const char *reference;      /* request number printed on the form */
};

/* Appends the PDF to out. */
enum err form_pdf_write(const struct form_fields *f, struct buf *out);

#endif
