/* Shared by the intake fuzz targets: walks every row and issue of an asset batch so a
 * dangling or unterminated string shows up under ASan, and checks what the readers promise
 * (names never empty, quantities from 1, CPEs in 2.3 form, counts that add up). */
#ifndef VANS_FUZZ_BATCH_CHECK_H
#define VANS_FUZZ_BATCH_CHECK_H

#include <stdlib.h>
#include <string.h>

#include "vans/intake/intake.h"

#define CHECK(cond) do { if (!(cond)) abort(); } while (0)

static size_t check_str(const char *s)
{
	CHECK(s != NULL);
	return strlen(s);
}

static void check_batch(const struct asset_batch *b, enum err e)
{
	size_t sum = 0;
	for (size_t i = 0; i < b->n_rows; i++) {
		const struct asset_row *r = &b->rows[i];
		CHECK(check_str(r->name) > 0);
		sum += check_str(r->group_code) + check_str(r->identifier) + check_str(r->vendor) +
		       check_str(r->version) + check_str(r->cpe) + check_str(r->cpe_title) +
		       check_str(r->owner) + check_str(r->department) + check_str(r->note) +
		       check_str(r->purl) + check_str(r->guess.vendor) + check_str(r->guess.product) +
		       check_str(r->guess.cpe) + check_str(r->guess.rule);
		CHECK(r->quantity >= 1 && r->quantity <= ASSET_MAX_QUANTITY);
		CHECK((unsigned)r->category < ASSET_CATEGORY__MAX);
		CHECK(r->cpe[0] == '\0' || strncmp(r->cpe, "cpe:2.3:", 8) == 0);
		CHECK(r->guess.confidence <= 100);
		CHECK(r->n_kb <= ASSET_MAX_KB);
		for (size_t k = 0; k < r->n_kb; k++)
			CHECK(strncmp(r->kb_ids[k], "KB", 2) == 0);
	}
	for (size_t i = 0; i < b->n_issues; i++) {
		const struct asset_issue *is = &b->issues[i];
		CHECK(check_str(is->message) > 0);
		if (is->column)
			sum += strlen(is->column);
		if (is->value)
			sum += strlen(is->value);
		CHECK((unsigned)is->code < ASSET_ISSUE__MAX);
	}
	CHECK(b->n_issues + b->issues_dropped == b->n_errors + b->n_warnings);
	CHECK(b->n_rows + b->rows_rejected <= b->rows_read || b->n_rows == 0);
	if (e != ERR_OK)
		CHECK(b->n_rows == 0 && b->n_errors > 0);
	(void)sum;
}

#endif
