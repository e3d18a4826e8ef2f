/* Line-oriented logger. The level is read without locking: it is set once at start-up
 * before threads exist. */
#include "core/log.h"
#include "core/clock.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static enum log_level current = LOG_INFO;
static const char *const level_names[LOG__MAX] = { "debug", "info", "warn", "error" };

void log_set_level(enum log_level lvl)
{
	current = lvl;
}

int log_level_parse(const char *s)
{
	for (int i = 0; i < LOG__MAX; i++)
		if (strcmp(s, level_names[i]) == 0)
			return i;
	return -1;
}

static void write_all(const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(STDERR_FILENO, p, n);
		if (w <= 0)
			return;
		p += w;
		n -= (size_t)w;
	}
}

static void vlog(enum log_level lvl, const char *fmt, va_list ap)
{
	char line[2048];
	char ts[32];
	clock_format_iso8601(clock_now_unix(), ts, sizeof ts);
	int n = snprintf(line, sizeof line, "%s %s ", ts, level_names[lvl]);
	if (n < 0)
		return;
	int m = vsnprintf(line + n, sizeof line - (size_t)n, fmt, ap);
	size_t len = (size_t)n + (m < 0 ? 0 : (size_t)m);
	if (len > sizeof line - 2)
		len = sizeof line - 2;
	line[len++] = '\n';
	write_all(line, len);
}

void log_msg(enum log_level lvl, const char *fmt, ...)
{
	if (lvl < current)
		return;
	va_list ap;
	va_start(ap, fmt);
	vlog(lvl, fmt, ap);
	va_end(ap);
}

void log_json(const char *line, unsigned long len)
{
	/* one write(2) per line, newline included, so concurrent lines never interleave */
	char small[4096];
	char *p = len < sizeof small ? small : malloc(len + 1);
	if (!p)
		return;
	memcpy(p, line, len);
	p[len] = '\n';
	write_all(p, len + 1);
	if (p != small)
		free(p);
}

void fatal(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vlog(LOG_ERROR, fmt, ap);
	va_end(ap);
	exit(1);
}
