/* The management report of an organisation's findings as a PDF in Traditional Chinese:
 * a summary, outstanding findings by severity as bars and a table, the top products, and
 * the KEV and overdue findings listed. Drawn with core/pdf.h. */
#ifndef VANS_VANS_FINDING_REPORT_H
#define VANS_VANS_FINDING_REPORT_H

#include <stdint.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/val.h"

/* org: finding_org_brief; dash: finding_dashboard; kev and overdue: finding_list items. */
enum err finding_report_pdf(const struct val *org, const struct val *dash, const struct val *kev,
			    const struct val *overdue, int64_t now, struct buf *out);

#endif
