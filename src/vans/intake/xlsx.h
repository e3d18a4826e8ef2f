/* An in-house streaming XLSX (Office Open XML workbook) reader: finds the first visible
 * worksheet or a named one, reads the shared strings and the number formats, then streams
 * the sheet's rows to a callback as text. Untrusted input: zip caps (bombs, entry counts)
 * and the safe XML reader of core/xml_pull.h (no DTD, no entities, no DOCTYPE). */
#ifndef VANS_VANS_INTAKE_XLSX_H
#define VANS_VANS_INTAKE_XLSX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define XLSX_MAX_ROWS    1048576u  /* Excel's own limits */
#define XLSX_MAX_COLS    16384u    /* A..XFD */

struct xlsx_limits {
	uint64_t max_part;          /* uncompressed bytes of one part; 0: 256 MiB */
	uint64_t max_total;         /* uncompressed bytes of every part read; 0: 1 GiB */
	uint32_t max_entries;       /* zip entries; 0: 10,000 */
	uint64_t max_shared_bytes;  /* text of all shared strings; 0: 64 MiB */
	uint32_t max_shared;        /* shared strings; 0: 2,000,000 */
	uint32_t max_cell;          /* bytes of one cell's text; 0: 128 KiB (Excel: 32,767 characters) */
	uint32_t max_rows;          /* 0: XLSX_MAX_ROWS */
	uint32_t max_cols;          /* 0: XLSX_MAX_COLS */
};

struct xlsx_opts {
	const char *sheet;          /* a sheet name (case-insensitive, as Excel compares them);
	                               NULL: the first visible worksheet */
	bool dates_as_serial;       /* keep date cells as their serial number */
	const struct xlsx_limits *limits;   /* NULL: the defaults */
};

enum xlsx_cell_type {
	XLSX_CELL_EMPTY,
	XLSX_CELL_STRING,           /* shared, inline or a formula's string result */
	XLSX_CELL_NUMBER,           /* as Excel's General format shows it: "16", "0.1",
	                               "1.5E-05"; integers exact, at most 15 significant digits */
	XLSX_CELL_BOOL,             /* "TRUE" or "FALSE" */
	XLSX_CELL_DATE,             /* a number in a date or time format, converted to
	                               "2024-03-01", "2024-03-01 13:45:00" or "13:45:00" */
	XLSX_CELL_ERROR,            /* "#N/A", "#DIV/0!", … */
	XLSX_CELL__MAX
};

struct xlsx_cell {
	const char *text;           /* NUL-terminated UTF-8; "" when empty */
	size_t len;
	enum xlsx_cell_type type;
};

/* A row, dense from column A to its last non-empty cell (cells[i] is column i + 1);
 * valid only during the callback. */
struct xlsx_row {
	uint32_t row;               /* 1-based row number as in the sheet */
	uint32_t sheet;             /* 1-based position of the sheet in the workbook */
	const char *sheet_name;
	size_t n;                   /* may be 0: a row of empty (formatted) cells */
	const struct xlsx_cell *cells;
};

/* Returns 0 to go on; anything else stops the reader, which returns it. */
typedef int (*xlsx_row_cb)(void *ctx, const struct xlsx_row *row);

/* Reads the workbook in p[0..len) (the caller's buffer). Returns 0, the callback's value,
 * or an enum err with a message in err: ERR_INVALID (not an XLSX workbook, malformed XML,
 * a DOCTYPE, no such sheet, a bad cell), ERR_TOO_LARGE (a cap). Messages say where:
 * "sheet 1 (Assets), row 12, column F: …". */
int xlsx_read(const void *p, size_t len, const struct xlsx_opts *opts, xlsx_row_cb cb,
	      void *ctx, char *err, size_t errlen);

/* Calls cb for each sheet in workbook order (name, 1-based position, whether it is a
 * worksheet and whether it is visible). Returns 0, cb's value or an enum err. */
typedef int (*xlsx_sheet_cb)(void *ctx, const char *name, uint32_t position, bool worksheet,
			     bool visible);
int xlsx_sheets(const void *p, size_t len, const struct xlsx_limits *limits, xlsx_sheet_cb cb,
		void *ctx, char *err, size_t errlen);

/* Column letters of a 0-based column index: 0 → "A", 25 → "Z", 26 → "AA"; buf holds at
 * least 4 bytes. */
void xlsx_col_name(uint32_t col, char buf[4]);

/* Converts a spreadsheet serial date (1900 system with its 1900-02-29, or 1904) into
 * "YYYY-MM-DD", "YYYY-MM-DD hh:mm:ss" or "hh:mm:ss" as the flags ask. Returns the length,
 * or -1 out of range (before 1900-01-01 / 1904-01-01, after 9999-12-31). */
int xlsx_serial_to_iso(double serial, bool date1904, bool want_date, bool want_time,
		       char *buf, size_t size);

/* Whether a number format code shows a date or time (y, m, d, h, s, e outside quotes and
 * brackets; [h], [mm], [ss] elapsed times), and which parts. */
bool xlsx_format_is_date(const char *code, bool *has_date, bool *has_time);

#endif
