/* CSV as RFC 4180 writes it and spreadsheets save it: UTF-8 with or without a byte-order
 * mark, comma or semicolon (detected from the first record, or named by Excel's "sep=;"
 * first line), quoted fields with "" and line breaks inside, CRLF, LF or CR line ends.
 * Records stream to a callback with the line each began on. */
#ifndef VANS_VANS_INTAKE_CSV_H
#define VANS_VANS_INTAKE_CSV_H

#include <stdbool.h>
#include <stddef.h>

#define CSV_MAX_FIELD    (64 * 1024)   /* bytes of one field */
#define CSV_MAX_FIELDS   1024          /* fields of one record */
#define CSV_MAX_RECORDS  1048576       /* records, as many as a worksheet has rows */

struct csv_opts {
	char delimiter;        /* ',' or ';'; 0 detects it from the first record */
	size_t max_field;      /* 0: CSV_MAX_FIELD */
	size_t max_fields;     /* 0: CSV_MAX_FIELDS */
	size_t max_records;    /* 0: CSV_MAX_RECORDS */
};

struct csv_field {
	const char *p;         /* unquoted bytes, NUL-terminated */
	size_t len;
	bool quoted;
};

/* Valid only during the callback. */
struct csv_record {
	size_t line;           /* 1-based line the record begins on */
	size_t number;         /* 1-based record number */
	size_t n;              /* >= 1: an empty line is one empty field */
	const struct csv_field *fields;
	char delimiter;        /* the one in use */
};

/* Returns 0 to go on; anything else stops the reader, which returns it. */
typedef int (*csv_record_cb)(void *ctx, const struct csv_record *rec);

/* Reads p[0..len). Returns 0 (ERR_OK), the callback's value, or an enum err with a
 * message in err that names the line: ERR_INVALID (UTF-16, not UTF-8, a NUL byte, an
 * unterminated quote, text after a closing quote) or ERR_TOO_LARGE (a cap). A quote
 * inside an unquoted field is kept as a character (5" screen). */
int csv_read(const void *p, size_t len, const struct csv_opts *opts, csv_record_cb cb,
	     void *ctx, char *err, size_t errlen);

/* The delimiter of the first record: ';' when it has more semicolons than commas outside
 * quotes, else ','. A byte-order mark is skipped. */
char csv_detect_delimiter(const void *p, size_t len);

#endif
