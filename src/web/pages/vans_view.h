/* What the findings pages, exports and API share: severity words and colours, a finding
 * dressed for a template (labels, CSS classes, local dates), the triage form and its parsing. */
#ifndef VANS_WEB_PAGES_VANS_VIEW_H
#define VANS_WEB_PAGES_VANS_VIEW_H

#include "core/val.h"
#include "web/http.h"
#include "vans/finding.h"

const char *vans_severity_label(struct request *r, const char *severity);
const char *vans_severity_color(const char *severity);
/* Adds severity_class and severity_label for o's "severity". */
void vans_decorate_severity(struct request *r, struct val *o);
/* Adds the labels, classes, scores as text and dates in Taiwan time to a finding object. */
void vans_decorate_finding(struct request *r, struct val *f);
void vans_decorate_event(struct request *r, struct val *e);
/* "2026-05-01 14:03" (UTC+8) of an ISO time; "2026-05-01" with vans_local_date. */
const char *vans_local_time(struct request *r, const char *iso);
const char *vans_local_date(struct request *r, const char *iso);
const char *vans_url_encode(struct request *r, const char *s);
/* The triage form's options, with f's current values selected (NULL: the form's own). */
struct val *vans_triage_form(struct request *r, const struct val *f);
/* A decision from the posted form (status, until, justification, note, owner, to_product). */
enum err vans_triage_from_form(struct request *r, struct finding_triage *t, const char **why);
/* The status's words in the request's language. */
const char *vans_status_label(struct request *r, const char *status);

#endif
