/*
 * The spreadsheets offices keep, read as rows of text, for the bulk
 * uploads of people, tenures and ledger records: CSV in UTF-8 (with or
 * without the byte-order mark Excel writes) or in GB18030 (what Excel
 * and WPS save as "CSV" on a Chinese Windows), and XLSX (the first
 * worksheet: shared and inline strings, numbers, booleans, formulas'
 * cached values, and dates by their cell style as YYYY-MM-DD).
 *
 * Every cell is UTF-8 text; an empty cell is "". Rows keep the sheet's
 * own numbering (row 0 is the sheet's first row, usually the header), so
 * an error can name the row a person sees; a row's trailing empty cells
 * are dropped and an empty row has no cells.
 */
#ifndef LVZHI_SHEET_H
#define LVZHI_SHEET_H

#include <stddef.h>

/* Ceilings: what an office's sheet stays far below, and what keeps a
 * hostile file (a ZIP bomb, a million columns) from taking the server's
 * memory. A cell's is Excel's own limit. */
enum {
	SHEET_MAX_ROWS = 200000,
	SHEET_MAX_COLS = 256,
	SHEET_MAX_CELL = 32767,
	SHEET_MAX_BYTES = 64 << 20, /* the CSV file, or one XLSX part unzipped */
};

enum sheet_format {
	SHEET_CSV,
	SHEET_XLSX,
};

struct sheet_row {
	size_t n;
	const char **cells;
};

struct sheet {
	size_t n;
	struct sheet_row *rows;
	struct arena *arena; /* the sheet itself, its rows and cells */
	size_t cap;          /* rows allocated */
	size_t row_cap;      /* cells allocated in the last row */
};

/* XLSX when data is a ZIP archive (it starts "PK\3\4"), else CSV. */
enum sheet_format sheet_sniff(const void *data, size_t len);

/*
 * Reads data (len bytes) as format. Returns the sheet, or NULL with the
 * reason in err, in Chinese and naming the row (and column) where there
 * is one, e.g. "第 12 行第 3 列:引号没有闭合".
 */
struct sheet *sheet_read(const void *data, size_t len,
    enum sheet_format format, char *err, size_t errlen);

/* The cell at row, col (from 0), "" where the sheet has none. */
const char *sheet_cell(const struct sheet *s, size_t row, size_t col);

/* "A", "B", … "AA": a column's name as a spreadsheet shows it. */
void sheet_column_name(size_t col, char out[8]);

void sheet_free(struct sheet *s);

#endif
