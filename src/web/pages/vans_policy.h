/* Handlers of the operator's due-date policy page (/admin/due-policy) and its JSON: days to
 * fix a finding by organisation level and severity. */
#ifndef VANS_WEB_PAGES_VANS_POLICY_H
#define VANS_WEB_PAGES_VANS_POLICY_H

#include "web/http.h"

void page_admin_due_policy(struct request *r, struct response *w);
void page_admin_due_policy_save(struct request *r, struct response *w);
void api_admin_due_policy(struct request *r, struct response *w);

#endif
