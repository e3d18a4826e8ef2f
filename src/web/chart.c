/* Server-rendered SVG charts (chart.h): bars and stacked areas with accessible names, in
 * a viewBox that scales with the page. Text is escaped like any HTML. */
#include "web/chart.h"
#include "web/tmpl.h"

#include <string.h>

static void esc(struct buf *out, const char *s)
{
	html_escape(out, s ? s : "", s ? strlen(s) : 0);
}

static void open_svg(struct buf *out, const char *id, double w, double h, const char *title, const char *desc)
{
	buf_printf(out, "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %.0f %.0f\" "
			"role=\"img\" aria-labelledby=\"%s-title %s-desc\" font-family=\"inherit\">", w, h, id, id);
	buf_printf(out, "<title id=\"%s-title\">", id);
	esc(out, title);
	buf_printf(out, "</title><desc id=\"%s-desc\">", id);
	esc(out, desc);
	buf_puts(out, "</desc>");
}

int64_t chart_nice_max(int64_t v)
{
	if (v <= 1)
		return 1;
	int64_t p = 1;
	while (p * 10 < v)
		p *= 10;
	if (p >= v)
		return p;
	if (2 * p >= v)
		return 2 * p;
	if (5 * p >= v)
		return 5 * p;
	return 10 * p;
}

void chart_bars(struct buf *out, const char *id, const char *title, const char *desc,
		const struct chart_bar *bars, size_t n)
{
	const double w = 560, label_w = 90, value_w = 56, row_h = 30, bar_h = 20;
	double h = n * row_h + 8;
	int64_t max = 0;
	for (size_t i = 0; i < n; i++)
		if (bars[i].value > max)
			max = bars[i].value;
	int64_t scale = chart_nice_max(max);
	open_svg(out, id, w, h, title, desc);
	double track = w - label_w - value_w;
	for (size_t i = 0; i < n; i++) {
		double y = 4 + i * row_h;
		double bw = bars[i].value > 0 ? track * (double)bars[i].value / (double)scale : 0;
		if (bars[i].value > 0 && bw < 3)
			bw = 3;
		if (bars[i].href) {
			buf_puts(out, "<a href=\"");
			esc(out, bars[i].href);
			buf_puts(out, "\">");
		}
		buf_printf(out, "<text x=\"%.0f\" y=\"%.1f\" text-anchor=\"end\" font-size=\"15\" fill=\"#1b1f24\">",
			   label_w - 10, y + bar_h / 2 + 5);
		esc(out, bars[i].label);
		buf_puts(out, "</text>");
		buf_printf(out, "<rect x=\"%.0f\" y=\"%.1f\" width=\"%.1f\" height=\"%.0f\" rx=\"3\" fill=\"#eef2f6\"/>",
			   label_w, y, track, bar_h);
		buf_printf(out, "<rect x=\"%.0f\" y=\"%.1f\" width=\"%.1f\" height=\"%.0f\" rx=\"3\" fill=\"",
			   label_w, y, bw, bar_h);
		esc(out, bars[i].color);
		buf_puts(out, "\"/>");
		buf_printf(out, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"15\" font-weight=\"700\" fill=\"#1b1f24\">%lld</text>",
			   label_w + bw + 8, y + bar_h / 2 + 5, (long long)bars[i].value);
		if (bars[i].href)
			buf_puts(out, "</a>");
	}
	buf_puts(out, "</svg>");
}

void chart_stacked(struct buf *out, const char *id, const char *title, const char *desc,
		   const char *const *x_labels, size_t nx, const struct chart_series *series, size_t ns,
		   size_t every)
{
	const double w = 900, h = 300, left = 52, right = 34, top = 16, bottom = 64;
	const double pw = w - left - right, ph = h - top - bottom;
	int64_t max = 0;
	for (size_t x = 0; x < nx; x++) {
		int64_t sum = 0;
		for (size_t s = 0; s < ns; s++)
			sum += series[s].values[x];
		if (sum > max)
			max = sum;
	}
	int64_t ymax = chart_nice_max(max);
	open_svg(out, id, w, h, title, desc);
	/* grid and y ticks: 0, 1/4 … ymax */
	for (int t = 0; t <= 4; t++) {
		double y = top + ph - ph * t / 4.0;
		int64_t v = ymax * t / 4;
		if (ymax < 4 && ymax * t % 4)
			continue;   /* no fractional ticks */
		buf_printf(out, "<line x1=\"%.0f\" x2=\"%.0f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"1\"/>",
			   left, w - right, y, y, t ? "#e1e7ee" : "#6b7785");
		buf_printf(out, "<text x=\"%.0f\" y=\"%.1f\" text-anchor=\"end\" font-size=\"13\" fill=\"#4a5562\">%lld</text>",
			   left - 8, y + 4, (long long)v);
	}
	/* one column per day, the series stacked from the bottom; a day without findings is empty */
	double slot = nx ? pw / (double)nx : 0, bw = slot > 3 ? slot - 1.5 : slot;
	for (size_t x = 0; x < nx; x++) {
		int64_t base = 0;
		for (size_t s = 0; s < ns; s++) {
			int64_t v = series[s].values[x];
			if (v <= 0)
				continue;
			double y0 = top + ph - ph * (double)base / ymax, y1 = top + ph - ph * (double)(base + v) / ymax;
			buf_printf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"", left + slot * x, y1, bw,
				   y0 - y1);
			esc(out, series[s].color);
			buf_puts(out, "\"/>");
			base += v;
		}
	}
	for (size_t x = 0; every && x < nx; x++) {
		if (x % every != 0 && x != nx - 1)
			continue;
		if (x != nx - 1 && nx - 1 - x < every / 2)
			continue;   /* too close to the last label */
		double px = left + slot * x + bw / 2;
		buf_printf(out, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#6b7785\"/>",
			   px, px, top + ph, top + ph + 5);
		buf_printf(out, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"13\" fill=\"#4a5562\">",
			   px, top + ph + 20);
		const char *l = x_labels[x];
		html_escape(out, l && strlen(l) >= 10 ? l + 5 : l ? l : "", l && strlen(l) >= 10 ? 5 : l ? strlen(l) : 0);
		buf_puts(out, "</text>");
	}
	/* legend */
	double lx = left;
	for (size_t s = 0; s < ns; s++) {
		buf_printf(out, "<rect x=\"%.0f\" y=\"%.0f\" width=\"14\" height=\"14\" rx=\"2\" fill=\"", lx, h - 22);
		esc(out, series[s].color);
		buf_printf(out, "\"/><text x=\"%.0f\" y=\"%.0f\" font-size=\"14\" fill=\"#1b1f24\">", lx + 20, h - 10);
		esc(out, series[s].label);
		int64_t last = nx ? series[s].values[nx - 1] : 0;
		buf_printf(out, " %lld</text>", (long long)last);
		lx += 150;
	}
	buf_puts(out, "</svg>");
}
