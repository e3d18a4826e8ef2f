/* Charts as inline SVG rendered on the server: no script, colours as presentation attributes
 * (allowed by the CSP), a <title> and <desc> for screen readers and every figure also written
 * as text, so the chart reads without the picture. */
#ifndef VANS_WEB_CHART_H
#define VANS_WEB_CHART_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"

struct chart_bar {
	const char *label;
	int64_t value;
	const char *color;     /* "#7a0010" */
	const char *href;      /* NULL: the bar is not a link */
};

/* Horizontal bars, one per row, with the label on the left and the value after the bar. */
void chart_bars(struct buf *out, const char *id, const char *title, const char *desc,
		const struct chart_bar *bars, size_t n);

struct chart_series {
	const char *label;
	const char *color;
	const int64_t *values;  /* one per x label */
};

/* Stacked columns over days (x_labels[i] for column i, "2026-11-23"): the first series at the
 * bottom; y axis with round ticks, x axis labelled every `every` columns, and a legend. */
void chart_stacked(struct buf *out, const char *id, const char *title, const char *desc,
		   const char *const *x_labels, size_t nx, const struct chart_series *series, size_t ns,
		   size_t every);

/* The smallest "nice" axis maximum (1, 2, 5 × 10^k) at or above v, at least 1. */
int64_t chart_nice_max(int64_t v);

#endif
