/*
 * Internal to the sheet reader: building a sheet cell by cell (sheet.c),
 * for the CSV reader there and the XLSX reader (sheet-xlsx.c).
 */
#ifndef LVZHI_SHEET_INT_H
#define LVZHI_SHEET_INT_H

#include "import/sheet.h"

/* An empty sheet; never NULL (its arena exits when memory runs out). */
struct sheet *sheet_new(void);
/* Formats the reason into err; returns -1. */
int sheet_fail(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/*
 * Sets the cell at row, col to the len bytes of text (copied). Rows come
 * in order: a row before the last one set is refused, as are cells past
 * the ceilings. Returns 0, or -1 with the reason in err.
 */
int sheet_put(struct sheet *s, size_t row, size_t col, const char *text,
    size_t len, char *err, size_t errlen);
/* Drops each row's trailing empty cells (the sheet is complete). */
void sheet_trim(struct sheet *s);

struct sheet *sheet_read_xlsx(const void *data, size_t len, char *err,
    size_t errlen);

#endif
