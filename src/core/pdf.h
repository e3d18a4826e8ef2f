/* PDF drawing for documents in Traditional Chinese: pages, text laid out by pango in Noto Sans
 * CJK TC (wrapped to a width), rectangles and lines, with cairo's PDF surface. pangocairo and
 * cairo-pdf are included by pdf.c only; callers see this small API. */
#ifndef VANS_CORE_PDF_H
#define VANS_CORE_PDF_H

#include <stdbool.h>

#include "core/buf.h"
#include "core/err.h"

#define PDF_A4_W 595.0
#define PDF_A4_H 842.0

enum pdf_align { PDF_LEFT, PDF_CENTER, PDF_RIGHT };

struct pdf;

/* A document written to out when finished; points, origin at the top left. */
struct pdf *pdf_new(struct buf *out, double width, double height, const char *title);
/* Draws s in a box of width w at (x, y), wrapped; returns the height used. */
double pdf_text(struct pdf *p, double x, double y, double w, const char *s, double size, bool bold,
		enum pdf_align align);
/* The height pdf_text would use, without drawing. */
double pdf_text_height(struct pdf *p, double w, const char *s, double size, bool bold);
void pdf_color(struct pdf *p, double r, double g, double b);
void pdf_line_width(struct pdf *p, double width);
void pdf_fill_rect(struct pdf *p, double x, double y, double w, double h);
void pdf_stroke_rect(struct pdf *p, double x, double y, double w, double h);
void pdf_line(struct pdf *p, double x1, double y1, double x2, double y2);
/* Ends the page and starts the next. */
void pdf_next_page(struct pdf *p);
/* Ends the last page, writes the document and frees p. */
enum err pdf_finish(struct pdf *p);

#endif
