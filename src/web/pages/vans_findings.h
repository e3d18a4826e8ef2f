/* Handlers of the findings pages (資訊綜整儀表板, 資產風險狀態, the finding page and its
 * triage, exports) and of the operator's 機關總覽, and their JSON API under /api/v1. */
#ifndef VANS_WEB_PAGES_VANS_FINDINGS_H
#define VANS_WEB_PAGES_VANS_FINDINGS_H

#include "web/http.h"

/* pages/vans_findings.c */
void page_vans_dashboard(struct request *r, struct response *w);
void page_vans_findings(struct request *r, struct response *w);
void page_vans_finding(struct request *r, struct response *w);
void page_vans_finding_triage(struct request *r, struct response *w);
void page_vans_findings_bulk(struct request *r, struct response *w);
void page_vans_overview(struct request *r, struct response *w);

/* pages/vans_exports.c */
void page_vans_export_csv(struct request *r, struct response *w);
void page_vans_export_xlsx(struct request *r, struct response *w);
void page_vans_export_vex(struct request *r, struct response *w);
void page_vans_export_pdf(struct request *r, struct response *w);

/* pages/vans_findings_api.c */
void api_vans_findings(struct request *r, struct response *w);
void api_vans_finding(struct request *r, struct response *w);
void api_vans_finding_triage(struct request *r, struct response *w);
void api_vans_dashboard(struct request *r, struct response *w);
void api_vans_overview(struct request *r, struct response *w);

#endif
