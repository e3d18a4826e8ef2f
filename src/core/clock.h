/* Time: wall clock for timestamps stored and shown, monotonic clock for durations.
 * Stored times are UTC ISO 8601 strings or Unix seconds. */
#ifndef VANS_CORE_CLOCK_H
#define VANS_CORE_CLOCK_H

#include <stddef.h>
#include <stdint.h>

int64_t clock_now_unix(void);
/* Monotonic nanoseconds, for latency measurement. */
uint64_t clock_mono_ns(void);
/* Writes "2026-11-23T14:59:57Z"; returns dst. */
char *clock_format_iso8601(int64_t unix_secs, char *dst, size_t dstlen);
/* Parses "YYYY-MM-DDThh:mm:ss[.fff][Z|±hh:mm]" or "YYYY-MM-DD" to Unix seconds; -1 on error. */
int clock_parse_iso8601(const char *p, size_t len, int64_t *out);

#endif
