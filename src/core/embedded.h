/* Files compiled into the binary by scripts/embed.c (templates, static assets, message
 * catalogues, migrations). Data is static and NUL-terminated one byte past len. */
#ifndef VANS_CORE_EMBEDDED_H
#define VANS_CORE_EMBEDDED_H

#include <stddef.h>

struct embedded_file {
	const char *name;            /* e.g. "templates/base.html", "migrations/0001_init.sql" */
	const unsigned char *data;
	unsigned long len;
};

extern const struct embedded_file embedded_files[];
extern const unsigned long embedded_count;

/* The file of that exact name, or NULL. */
const struct embedded_file *embedded_find(const char *name);

#endif
