/* A small XLSX (Office Open XML spreadsheet) writer: one or more sheets written row by row,
 * inline strings and numbers, a bold row style (headers), column widths, a frozen header
 * row; the workbook is zipped through core/zip_archive.h into a buffer.
 *
 *   struct xlsx_writer *x = xlsx_writer_new();
 *   xlsx_sheet_begin(x, "Assets");
 *   xlsx_sheet_widths(x, (const double[]){ 18, 40 }, 2);   // optional, before the first row
 *   xlsx_row_begin(x, XLSX_BOLD);
 *   xlsx_cell_str(x, "資產名稱"); xlsx_cell_str(x, "數量");
 *   xlsx_row_begin(x, 0);                                   // a new row ends the previous one
 *   xlsx_cell_str(x, "Microsoft Access 2016"); xlsx_cell_int(x, 3);
 *   xlsx_writer_finish(x, &out, err, sizeof err);           // frees x
 *
 * Text is UTF-8; characters XML 1.0 cannot hold (control characters other than tab and line
 * breaks, invalid UTF-8) are dropped. Strings are written as they are, never as formulas, so a
 * cell starting with "=" stays text. Limits of the format: 1,048,576 rows, 16,384 columns,
 * 32,767 characters in a cell (longer text is cut), sheet names of 31 characters without
 * []:*?/\ (others are replaced by "_"). */
#ifndef VANS_CORE_XLSX_WRITE_H
#define VANS_CORE_XLSX_WRITE_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/err.h"

#define XLSX_BOLD 1u   /* row style: bold text (a header row) */

struct xlsx_writer;

struct xlsx_writer *xlsx_writer_new(void);
/* Starts a sheet (ending the previous one). Names must differ; a clash gets " (2)". */
void xlsx_sheet_begin(struct xlsx_writer *x, const char *name);
/* Column widths in characters, from column A; 0 keeps the default. Before the first row. */
void xlsx_sheet_widths(struct xlsx_writer *x, const double *widths, size_t n);
/* Keeps the first row in view while scrolling. Before the first row. */
void xlsx_sheet_freeze_first_row(struct xlsx_writer *x);
/* Starts a row (ending the previous one); style 0 or XLSX_BOLD. */
void xlsx_row_begin(struct xlsx_writer *x, unsigned style);
/* Cells of the current row, from column A on. NULL and "" leave the cell empty. */
void xlsx_cell_str(struct xlsx_writer *x, const char *s);
void xlsx_cell_strn(struct xlsx_writer *x, const char *s, size_t len);
void xlsx_cell_int(struct xlsx_writer *x, int64_t v);
void xlsx_cell_num(struct xlsx_writer *x, double v);
void xlsx_cell_empty(struct xlsx_writer *x);
/* Writes the workbook (a workbook without sheets gets one empty "Sheet1") and appends
 * the .xlsx bytes to out. Frees x whatever the result. ERR_TOO_LARGE when a limit of the
 * format or out's cap was passed. */
enum err xlsx_writer_finish(struct xlsx_writer *x, struct buf *out, char *err, size_t errlen);
/* Frees a writer without writing (NULL is a no-op). */
void xlsx_writer_free(struct xlsx_writer *x);

#endif
