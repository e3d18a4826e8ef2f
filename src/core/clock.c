/* Clock helpers. Parsing is strict: feeds and forms that carry times are outside input,
 * and a malformed time must be an error, not a silently wrong value. */
#include "core/clock.h"

#include <stdio.h>
#include <time.h>

int64_t clock_now_unix(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec;
}

uint64_t clock_mono_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

char *clock_format_iso8601(int64_t unix_secs, char *dst, size_t dstlen)
{
	time_t t = (time_t)unix_secs;
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(dst, dstlen, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return dst;
}

static int digits(const char *p, size_t n, int *out)
{
	int v = 0;
	for (size_t i = 0; i < n; i++) {
		if (p[i] < '0' || p[i] > '9')
			return -1;
		v = v * 10 + (p[i] - '0');
	}
	*out = v;
	return 0;
}

/* days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm) */
static int64_t days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

int clock_parse_iso8601(const char *p, size_t len, int64_t *out)
{
	int y, mo, d, h = 0, mi = 0, s = 0, off = 0;
	if (len < 10 || digits(p, 4, &y) || p[4] != '-' || digits(p + 5, 2, &mo) || p[7] != '-' ||
	    digits(p + 8, 2, &d))
		return -1;
	if (mo < 1 || mo > 12 || d < 1 || d > 31)
		return -1;
	size_t i = 10;
	if (i < len) {
		if ((p[i] != 'T' && p[i] != ' ') || len < i + 9)
			return -1;
		if (digits(p + i + 1, 2, &h) || p[i + 3] != ':' || digits(p + i + 4, 2, &mi) ||
		    p[i + 6] != ':' || digits(p + i + 7, 2, &s))
			return -1;
		if (h > 23 || mi > 59 || s > 60)
			return -1;
		i += 9;
		if (i < len && p[i] == '.') {
			i++;
			size_t start = i;
			while (i < len && p[i] >= '0' && p[i] <= '9')
				i++;
			if (i == start)
				return -1;
		}
		if (i < len) {
			if (p[i] == 'Z' && i + 1 == len) {
				i++;
			} else if ((p[i] == '+' || p[i] == '-') && len - i == 6 && p[i + 3] == ':') {
				int oh, om;
				if (digits(p + i + 1, 2, &oh) || digits(p + i + 4, 2, &om) || oh > 23 || om > 59)
					return -1;
				off = (oh * 60 + om) * 60 * (p[i] == '-' ? -1 : 1);
				i = len;
			} else {
				return -1;
			}
		}
	}
	if (i != len)
		return -1;
	*out = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s - off;
	return 0;
}
