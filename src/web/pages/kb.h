/* Handlers of the knowledge-base pages and API: CVE search and the CVE page, as HTML
 * under /cves and JSON under /api/v1/cves. */
#ifndef VANS_WEB_PAGES_KB_H
#define VANS_WEB_PAGES_KB_H

#include "web/http.h"

void page_cves(struct request *r, struct response *w);
void page_cve(struct request *r, struct response *w);
void api_cves(struct request *r, struct response *w);
void api_cve(struct request *r, struct response *w);

/* pages/kb_admin.c: the operator's feed page */
void page_admin_feeds(struct request *r, struct response *w);
void page_admin_feeds_sync(struct request *r, struct response *w);
void api_admin_feeds(struct request *r, struct response *w);

#endif
