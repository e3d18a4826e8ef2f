/* Text helpers shared by the intake parsers: UTF-8 checks, trimming that knows the
 * ideographic and no-break spaces, and the fold that lets "資產名稱 (必填)", "ＡＳＳＥＴ
 * name" and "asset_name" all find the same column. */
#ifndef VANS_VANS_INTAKE_TEXT_H
#define VANS_VANS_INTAKE_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"

/* True when p[0..len) is well-formed UTF-8 (no overlongs, surrogates or values past
 * U+10FFFF); otherwise *bad gets the offset of the first bad byte (bad may be NULL). */
bool intake_utf8_valid(const char *p, size_t len, size_t *bad);

/* Trims ASCII whitespace, U+00A0, U+3000 and U+FEFF from both ends: *p and *len move. */
void intake_trim(const char **p, size_t *len);

/* True when the text holds a C0 control character or DEL (tab, line feed and carriage
 * return allowed when multiline). */
bool intake_has_control(const char *p, size_t len, bool multiline);

/* Folds text for comparison: full-width ASCII forms (U+FF01..U+FF5E) to ASCII, U+3000
 * and U+00A0 to a space, ASCII letters to lower case; then drops spaces, tabs, line
 * breaks and the characters _ - . * / : so that only letters, digits, CJK and brackets
 * remain. out is reset first; returns out->data. */
const char *intake_fold(const char *p, size_t len, struct buf *out);

/* The narrow fold for values: full-width ASCII forms to ASCII, U+3000 to a space, ASCII
 * letters to lower case, nothing dropped ("ＫＢ５０３" → "kb503", "2.5" stays "2.5"). */
const char *intake_fold_width(const char *p, size_t len, struct buf *out);

#endif
