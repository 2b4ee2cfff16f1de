/*
 * Text for terminals and spreadsheets: display width of UTF-8 (CJK
 * characters take two columns), padding, and CSV fields.
 */
#ifndef LVZHI_TEXT_H
#define LVZHI_TEXT_H

#include <stdio.h>

/* Columns a UTF-8 string takes on a terminal. */
int text_width(const char *s);
/* Writes s padded with spaces to width columns (never truncates). */
void text_pad(FILE *out, const char *s, int width);
/*
 * Writes one CSV field (RFC 4180 quoting). A field a spreadsheet would
 * take for a formula (=, +, -, @ first) gets a leading apostrophe.
 */
void text_csv(FILE *out, const char *s);
/*
 * Whether s is well-formed UTF-8 (RFC 3629): no overlong forms, no
 * surrogates, nothing past U+10FFFF. PostgreSQL refuses any other text,
 * so request data is checked before it reaches a query.
 */
int text_utf8_valid(const char *s);

#endif
