/*
 * Sheets built cell by cell, and the CSV reader (RFC 4180: quoted fields
 * with doubled quotes and line breaks inside, CRLF or LF), after the file
 * is made UTF-8: Excel's "CSV UTF-8" starts with a byte-order mark, its
 * plain "CSV" on a Chinese Windows is GB18030 (glibc's iconv converts
 * it), and a file that is neither is refused naming the row.
 */
#include <errno.h>
#include <iconv.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/text.h"
#include "import/sheet-int.h"

int
sheet_fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return -1;
}

/* The sheet lives in its own arena with its rows and cells: one free. */
struct sheet *
sheet_new(void)
{
	struct arena *a = arena_create();
	struct sheet *s = arena_alloc(a, sizeof *s);
	*s = (struct sheet){.arena = a};
	return s;
}

void
sheet_free(struct sheet *s)
{
	if (s != NULL)
		arena_free(s->arena);
}

/* Room for one more of n items of size bytes at *items (cap of them),
 * in the arena: the array doubles, the copies it leaves behind add up to
 * less than it. */
static void *
grow(struct arena *a, void *items, size_t n, size_t *cap, size_t size,
    size_t first)
{
	if (n < *cap)
		return items;
	*cap = *cap ? *cap * 2 : first;
	void *more = arena_alloc(a, *cap * size);
	if (n > 0)
		memcpy(more, items, n * size);
	return more;
}

void
sheet_column_name(size_t col, char out[8])
{
	char rev[8];
	size_t n = 0;
	for (size_t c = col + 1; c > 0 && n < 7; c = (c - 1) / 26)
		rev[n++] = (char)('A' + (c - 1) % 26);
	for (size_t i = 0; i < n; i++)
		out[i] = rev[n - 1 - i];
	out[n] = '\0';
}

int
sheet_put(struct sheet *s, size_t row, size_t col, const char *text,
    size_t len, char *err, size_t errlen)
{
	char name[8];
	sheet_column_name(col, name);
	if (row >= SHEET_MAX_ROWS)
		return sheet_fail(err, errlen, "表格超过 %d 行,请分成几个文件上传",
		    SHEET_MAX_ROWS);
	if (col >= SHEET_MAX_COLS)
		return sheet_fail(err, errlen, "第 %zu 行:超过 %d 列", row + 1,
		    SHEET_MAX_COLS);
	if (len > SHEET_MAX_CELL)
		return sheet_fail(err, errlen, "第 %zu 行第 %s 列:单元格超过 %d 字节",
		    row + 1, name, SHEET_MAX_CELL);
	if (s->n > row + 1)
		return sheet_fail(err, errlen, "第 %zu 行排在第 %zu 行之后,表格的行序"
		    "不对", row + 1, s->n);
	while (s->n <= row) {
		s->rows = grow(s->arena, s->rows, s->n, &s->cap, sizeof *s->rows,
		    64);
		s->rows[s->n++] = (struct sheet_row){0};
		s->row_cap = 0;
	}
	struct sheet_row *r = &s->rows[row];
	while (r->n <= col) {
		r->cells = grow(s->arena, r->cells, r->n, &s->row_cap,
		    sizeof *r->cells, 8);
		r->cells[r->n++] = "";
	}
	if (len > 0) {
		char *copy = arena_alloc(s->arena, len + 1);
		memcpy(copy, text, len);
		copy[len] = '\0';
		r->cells[col] = copy;
	}
	return 0;
}

void
sheet_trim(struct sheet *s)
{
	for (size_t i = 0; i < s->n; i++)
		while (s->rows[i].n > 0 &&
		    s->rows[i].cells[s->rows[i].n - 1][0] == '\0')
			s->rows[i].n--;
}

const char *
sheet_cell(const struct sheet *s, size_t row, size_t col)
{
	if (row >= s->n || col >= s->rows[row].n)
		return "";
	return s->rows[row].cells[col];
}

enum sheet_format
sheet_sniff(const void *data, size_t len)
{
	return len >= 4 && memcmp(data, "PK\3\4", 4) == 0 ? SHEET_XLSX :
	    SHEET_CSV;
}

/* The row (from 1) that byte off of text is on. */
static size_t
row_at(const char *text, size_t off)
{
	size_t row = 1;
	for (size_t i = 0; i < off; i++)
		row += text[i] == '\n';
	return row;
}

/* GB18030 text (len bytes) as UTF-8 in a new NUL-terminated string, or
 * NULL with the row of the first byte that is not GB18030 in err. */
static char *
from_gb18030(const char *text, size_t len, char *err, size_t errlen)
{
	iconv_t cd = iconv_open("UTF-8", "GB18030");
	if (cd == (iconv_t)-1) {
		sheet_fail(err, errlen, "无法转换 GB18030 编码:%s",
		    strerror(errno));
		return NULL;
	}
	/* A GB18030 character of 2 bytes is 3 in UTF-8, one of 4 is 4. */
	size_t cap = len / 2 * 3 + len % 2 + 1;
	char *out = malloc(cap);
	char *in = (char *)text, *o = out;
	size_t inleft = len, outleft = cap - 1;
	if (out != NULL && iconv(cd, &in, &inleft, &o, &outleft) !=
	    (size_t)-1) {
		*o = '\0';
		iconv_close(cd);
		return out;
	}
	iconv_close(cd);
	free(out);
	sheet_fail(err, errlen, "第 %zu 行:文字既不是 UTF-8 也不是 GB18030 编码,"
	    "请在 Excel 或 WPS 中另存为“CSV UTF-8”或 XLSX",
	    row_at(text, (size_t)(in - text)));
	return NULL;
}

/* The file as UTF-8 text without a byte-order mark, NUL-terminated, in
 * a new string; NULL with the reason in err. */
static char *
csv_text(const unsigned char *data, size_t len, char *err, size_t errlen)
{
	if (len >= 2 && ((data[0] == 0xFF && data[1] == 0xFE) ||
	    (data[0] == 0xFE && data[1] == 0xFF))) {
		sheet_fail(err, errlen, "文件是 UTF-16 编码的文本,请另存为“CSV UTF-8”"
		    "或 XLSX");
		return NULL;
	}
	if (memchr(data, '\0', len) != NULL) {
		sheet_fail(err, errlen, "第 %zu 行:文件含有空字节,不是 CSV 文本",
		    row_at((const char *)data,
		    (size_t)((const unsigned char *)memchr(data, '\0', len) -
		    data)));
		return NULL;
	}
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		data += 3;
		len -= 3;
	}
	char *text = strndup((const char *)data, len);
	if (text == NULL) {
		sheet_fail(err, errlen, "内存不足");
		return NULL;
	}
	if (text_utf8_valid(text))
		return text;
	char *utf8 = from_gb18030(text, len, err, errlen);
	free(text);
	return utf8;
}

/* One field from p[*i] on into cell (the quotes undone); *i after it.
 * Returns 0, or -1 with the reason in err. */
static int
csv_field(const char *p, size_t len, size_t *i, struct buf *cell,
    size_t row, size_t col, char *err, size_t errlen)
{
	char name[8];
	sheet_column_name(col, name);
	size_t k = *i;
	int full = 0;
	if (k < len && p[k] == '"') {
		for (k++;; k++) {
			if (k >= len)
				return sheet_fail(err, errlen, "第 %zu 行第 %s 列:引号"
				    "没有闭合", row + 1, name);
			if (p[k] == '"' && (k + 1 >= len || p[k + 1] != '"'))
				break;
			k += p[k] == '"';
			full |= buf_putc(cell, p[k]);
		}
		k++;
		if (k < len && p[k] != ',' && p[k] != '\r' && p[k] != '\n')
			return sheet_fail(err, errlen, "第 %zu 行第 %s 列:引号之后"
			    "还有文字(引号里的引号要写两次)", row + 1, name);
	} else {
		while (k < len && p[k] != ',' && p[k] != '\r' && p[k] != '\n')
			full |= buf_putc(cell, p[k++]);
	}
	if (full)
		return sheet_fail(err, errlen, "第 %zu 行第 %s 列:单元格超过 %d "
		    "字节", row + 1, name, SHEET_MAX_CELL);
	*i = k;
	return 0;
}

static struct sheet *
read_csv(const void *data, size_t len, char *err, size_t errlen)
{
	if (len > SHEET_MAX_BYTES) {
		sheet_fail(err, errlen, "文件超过 %d MB", SHEET_MAX_BYTES >> 20);
		return NULL;
	}
	char *p = csv_text(data, len, err, errlen);
	if (p == NULL)
		return NULL;
	struct sheet *s = sheet_new();
	struct buf cell;
	buf_init(&cell, SHEET_MAX_CELL + 1);
	size_t n = strlen(p), i = 0, row = 0, col = 0;
	int ok = 1;
	while (ok && i < n) {
		buf_reset(&cell);
		ok = csv_field(p, n, &i, &cell, row, col, err, errlen) == 0 &&
		    sheet_put(s, row, col, cell.data, cell.len, err, errlen) == 0;
		if (i < n && p[i] == ',') {
			i++;
			col++;
			/* A line that ends in a comma has an empty last cell. */
			if (ok && i == n)
				ok = sheet_put(s, row, col, "", 0, err, errlen) == 0;
			continue;
		}
		i += i < n && p[i] == '\r';
		i += i < n && p[i] == '\n';
		row++;
		col = 0;
	}
	buf_free(&cell);
	free(p);
	if (!ok) {
		sheet_free(s);
		return NULL;
	}
	sheet_trim(s);
	return s;
}

struct sheet *
sheet_read(const void *data, size_t len, enum sheet_format format,
    char *err, size_t errlen)
{
	return format == SHEET_XLSX ? sheet_read_xlsx(data, len, err, errlen) :
	    read_csv(data, len, err, errlen);
}
