/* PDF drawing (core/pdf.h) with cairo's PDF surface and pango: the one file that includes
 * them. Noto Sans CJK TC is embedded as a subset, so the text stays extractable. */
#include "core/pdf.h"
#include "core/alloc.h"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <stdlib.h>

#define FONT "Noto Sans CJK TC"

struct pdf {
	cairo_surface_t *surface;
	cairo_t *cr;
};

static cairo_status_t write_buf(void *closure, const unsigned char *data, unsigned int length)
{
	return buf_append(closure, data, length) == 0 ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

struct pdf *pdf_new(struct buf *out, double width, double height, const char *title)
{
	struct pdf *p = xcalloc(1, sizeof *p);
	p->surface = cairo_pdf_surface_create_for_stream(write_buf, out, width, height);
	if (title)
		cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_TITLE, title);
	cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_CREATOR, "vans");
	p->cr = cairo_create(p->surface);
	cairo_set_source_rgb(p->cr, 0, 0, 0);
	cairo_set_line_width(p->cr, 0.8);
	return p;
}

static PangoLayout *layout(struct pdf *p, double w, const char *s, double size, bool bold, enum pdf_align align)
{
	PangoLayout *l = pango_cairo_create_layout(p->cr);
	PangoFontDescription *fd = pango_font_description_from_string(FONT);
	pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_set_width(l, (int)(w * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(l, align == PDF_CENTER ? PANGO_ALIGN_CENTER
					: align == PDF_RIGHT ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
	pango_layout_set_text(l, s ? s : "", -1);
	return l;
}

double pdf_text(struct pdf *p, double x, double y, double w, const char *s, double size, bool bold,
		enum pdf_align align)
{
	PangoLayout *l = layout(p, w, s, size, bold, align);
	int pw, ph;
	pango_layout_get_pixel_size(l, &pw, &ph);
	cairo_move_to(p->cr, x, y);
	pango_cairo_show_layout(p->cr, l);
	g_object_unref(l);
	return ph;
}

double pdf_text_height(struct pdf *p, double w, const char *s, double size, bool bold)
{
	PangoLayout *l = layout(p, w, s, size, bold, PDF_LEFT);
	int pw, ph;
	pango_layout_get_pixel_size(l, &pw, &ph);
	g_object_unref(l);
	return ph;
}

void pdf_color(struct pdf *p, double r, double g, double b)
{
	cairo_set_source_rgb(p->cr, r, g, b);
}

void pdf_line_width(struct pdf *p, double width)
{
	cairo_set_line_width(p->cr, width);
}

void pdf_fill_rect(struct pdf *p, double x, double y, double w, double h)
{
	cairo_rectangle(p->cr, x, y, w, h);
	cairo_fill(p->cr);
}

void pdf_stroke_rect(struct pdf *p, double x, double y, double w, double h)
{
	cairo_rectangle(p->cr, x, y, w, h);
	cairo_stroke(p->cr);
}

void pdf_line(struct pdf *p, double x1, double y1, double x2, double y2)
{
	cairo_move_to(p->cr, x1, y1);
	cairo_line_to(p->cr, x2, y2);
	cairo_stroke(p->cr);
}

void pdf_next_page(struct pdf *p)
{
	cairo_show_page(p->cr);
}

enum err pdf_finish(struct pdf *p)
{
	cairo_show_page(p->cr);
	cairo_destroy(p->cr);
	cairo_surface_finish(p->surface);
	cairo_status_t st = cairo_surface_status(p->surface);
	cairo_surface_destroy(p->surface);
	free(p);
	return st == CAIRO_STATUS_SUCCESS ? ERR_OK : ERR_IO;
}
