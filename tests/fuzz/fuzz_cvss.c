/* Fuzz target for the CVSS library: any bytes are parsed; a vector that parses must score
 * within 0..10, describe every metric in both languages, and format to a canonical vector
 * that parses to the same metrics and the same scores. Any broken promise aborts. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kb/cvss.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int same_score(double a, double b)
{
	return (isnan(a) && isnan(b)) || a == b;
}

static void check_range(double x)
{
	if (!(x >= 0.0 && x <= 10.0))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* own heap copy of exactly size bytes, so that ASan sees any read past the slice */
	char *p = malloc(size ? size : 1);
	if (!p)
		abort();
	if (size)
		memcpy(p, data, size);

	struct cvss c;
	char err[CVSS_ERR_MAX];
	/* a second parse with a short error buffer exercises truncation */
	char small[5];
	int rc = cvss_parse(p, size, &c, err, sizeof err);
	if (cvss_parse(p, size, &c, small, size % sizeof small) != rc)
		abort();
	if (rc != 0) {
		/* messages always fit CVSS_ERR_MAX untruncated */
		if (rc != -1 || err[0] == '\0' || strlen(err) >= sizeof err - 1)
			abort();
		free(p);
		return 0;
	}

	struct cvss_scores s;
	cvss_score(&c, &s);
	check_range(s.base);
	if (c.version == CVSS_V4_0) {
		if (!isnan(s.temporal) || strlen(s.macrovector) != 6 || !cvss4_nomenclature(&c))
			abort();
	} else {
		check_range(s.temporal);
		check_range(s.environmental);
		check_range(s.impact);
		check_range(s.exploitability);
		check_range(s.modified_impact);
	}
	if (s.severity != cvss_severity(c.version, s.base) ||
	    strcmp(cvss_severity_str(c.version, s.base), cvss_severity_name(s.severity, "en")) != 0)
		abort();

	size_t n = cvss_metric_count(&c);
	for (size_t i = 0; i < n; i++) {
		struct cvss_metric_info info;
		for (int zh = 0; zh < 2; zh++)
			if (cvss_metric_info(&c, i, zh ? "zh-TW" : "en", &info) != 0 || !info.metric ||
			    !info.value || !info.metric_name || !info.value_name || !info.group)
				abort();
	}
	struct cvss_metric_info none;
	if (cvss_metric_info(&c, n, "en", &none) != -1)
		abort();

	/* round trip through the canonical vector */
	char canon[CVSS_VECTOR_MAX];
	size_t len = cvss_format(&c, canon, sizeof canon);
	if (len >= sizeof canon || len != strlen(canon) || len > size)
		abort();
	struct cvss c2;
	if (cvss_parse(canon, len, &c2, err, sizeof err) != 0)
		abort();
	if (memcmp(&c, &c2, sizeof c) != 0)
		abort();
	struct cvss_scores s2;
	cvss_score(&c2, &s2);
	if (!same_score(s.base, s2.base) || !same_score(s.temporal, s2.temporal) ||
	    !same_score(s.environmental, s2.environmental) || !same_score(s.impact, s2.impact) ||
	    !same_score(s.exploitability, s2.exploitability) ||
	    !same_score(s.modified_impact, s2.modified_impact) ||
	    strcmp(s.macrovector, s2.macrovector) != 0 || n != cvss_metric_count(&c2))
		abort();
	/* canonical is a fixed point */
	char again[CVSS_VECTOR_MAX];
	if (cvss_format(&c2, again, sizeof again) != len || strcmp(canon, again) != 0)
		abort();

	free(p);
	return 0;
}
