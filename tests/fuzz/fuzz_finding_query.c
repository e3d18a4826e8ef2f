/* Fuzz target: what the findings pages and API read from a request — the list's query
 * parameters (as "name=value" lines), the product of a CPE for triage rules — and the CSV
 * cell writer that must never let a value start a formula. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "vans/finding.h"
#include "vans/finding_export.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct params {
	char *names[16], *values[16];
	size_t n;
};

static const char *get(void *ctx, const char *name)
{
	const struct params *p = ctx;
	for (size_t i = 0; i < p->n; i++)
		if (strcmp(p->names[i], name) == 0)
			return p->values[i];
	return NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	struct params p = { 0 };
	for (char *line = text, *next; line && p.n < 16; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		char *eq = strchr(line, '=');
		if (!eq)
			continue;
		*eq = '\0';
		p.names[p.n] = line;
		p.values[p.n++] = eq + 1;
	}
	struct arena a;
	arena_init(&a, 4096);
	struct finding_query q;
	const char *bad = NULL;
	if (finding_query_parse(&q, &a, 1, 0, get, &p, &bad) == ERR_OK) {
		if (q.page < 1 || q.per_page < 1 || q.per_page > FINDING_PER_PAGE_MAX || (q.dir != 1 && q.dir != -1))
			__builtin_trap();
	} else if (!bad) {
		__builtin_trap();
	}
	arena_free(&a);

	char vendor[64], product[64];
	if (finding_cpe_product((const char *)text, vendor, sizeof vendor, product, sizeof product) &&
	    (strlen(vendor) >= sizeof vendor || strlen(product) >= sizeof product))
		__builtin_trap();

	struct buf b;
	buf_init(&b, 1 << 20);
	finding_csv_cell(&b, (const char *)data, size);
	if (size && b.len) {
		size_t i = b.data[0] == '"' ? 1 : 0;
		char c = b.data[i];
		if (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r')
			__builtin_trap();
	}
	buf_free(&b);
	free(text);
	return 0;
}
