/* Handlers of VANS notices (web/routes/notice.def, pages/notice.c): the signed-in user's
 * notifications and e-mail choice, the organisation administrator's webhook settings. */
#ifndef VANS_WEB_PAGES_NOTICE_H
#define VANS_WEB_PAGES_NOTICE_H

#include "web/http.h"

void page_notifications(struct request *r, struct response *w);
void page_notification_read_post(struct request *r, struct response *w);
void page_notifications_read_all_post(struct request *r, struct response *w);
void page_notice_prefs(struct request *r, struct response *w);
void page_notice_prefs_post(struct request *r, struct response *w);
void page_org_webhook(struct request *r, struct response *w);
void page_org_webhook_post(struct request *r, struct response *w);
void page_org_webhook_secret_post(struct request *r, struct response *w);
void page_org_webhook_disable_post(struct request *r, struct response *w);
void page_org_webhook_test_post(struct request *r, struct response *w);

#endif
