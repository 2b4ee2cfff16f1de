/*
 * Unit tests of the sheet reader (import/sheet.c, sheet-xlsx.c): CSV in
 * UTF-8 and GB18030 with the quoting Excel writes, XLSX files written
 * here with libxlsxwriter as an office's Excel would (shared strings,
 * numbers, dates by style, gaps), and the refusals that name the row.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include <zip.h>

#include "import/sheet.h"

static char err[256];

static struct sheet *
csv(const char *text)
{
	err[0] = '\0';
	return sheet_read(text, strlen(text), SHEET_CSV, err, sizeof err);
}

static void
test_csv_quotes(void **state)
{
	(void)state;
	struct sheet *s = csv("\xEF\xBB\xBF" "姓名,职务,备注\r\n"
	    "张三,\"区委书记\",\"说 \"\"好\"\"\"\r\n"
	    "\r\n"
	    "李四,\"区长\n(兼)\",,\n"
	    "王五,,\n");
	assert_non_null(s);
	assert_int_equal(s->n, 5);
	assert_int_equal(s->rows[0].n, 3);
	assert_string_equal(sheet_cell(s, 0, 0), "姓名");
	assert_string_equal(sheet_cell(s, 1, 1), "区委书记");
	assert_string_equal(sheet_cell(s, 1, 2), "说 \"好\"");
	assert_int_equal(s->rows[2].n, 0);
	assert_string_equal(sheet_cell(s, 3, 1), "区长\n(兼)");
	/* Trailing empty cells are dropped; a cell past the row is "". */
	assert_int_equal(s->rows[3].n, 2);
	assert_int_equal(s->rows[4].n, 1);
	assert_string_equal(sheet_cell(s, 4, 5), "");
	assert_string_equal(sheet_cell(s, 9, 0), "");
	sheet_free(s);
}

/* UTF-8 text as GB18030 bytes, in a buffer the caller frees. */
static char *
gb18030(const char *utf8, size_t *len)
{
	iconv_t cd = iconv_open("GB18030", "UTF-8");
	assert_true(cd != (iconv_t)-1);
	size_t inleft = strlen(utf8), outleft = inleft * 2 + 1;
	char *out = calloc(1, outleft), *o = out, *in = (char *)utf8;
	assert_int_not_equal(iconv(cd, &in, &inleft, &o, &outleft),
	    (size_t)-1);
	iconv_close(cd);
	*len = (size_t)(o - out);
	return out;
}

static void
test_csv_gb18030(void **state)
{
	(void)state;
	size_t len;
	char *text = gb18030("人员,单位\n张三,南明区委\n", &len);
	struct sheet *s = sheet_read(text, len, SHEET_CSV, err, sizeof err);
	assert_non_null(s);
	assert_string_equal(sheet_cell(s, 1, 1), "南明区委");
	sheet_free(s);
	/* A byte that is neither UTF-8 nor GB18030, on the third row. */
	char bad[] = "a,b\nc,d\ne,\xFF\xFF\n";
	assert_null(sheet_read(bad, strlen(bad), SHEET_CSV, err, sizeof err));
	assert_non_null(strstr(err, "第 3 行"));
	free(text);
}

static void
test_csv_refusals(void **state)
{
	(void)state;
	assert_null(csv("a,b\nc,\"d\n"));
	assert_non_null(strstr(err, "第 2 行第 B 列"));
	assert_non_null(strstr(err, "引号没有闭合"));
	assert_null(csv("a,\"b\"c\n"));
	assert_non_null(strstr(err, "第 1 行第 B 列"));
	assert_null(sheet_read("\xFF\xFE" "a\0", 4, SHEET_CSV, err,
	    sizeof err));
	assert_non_null(strstr(err, "UTF-16"));
	assert_null(sheet_read("a\nb\0c", 5, SHEET_CSV, err, sizeof err));
	assert_non_null(strstr(err, "第 2 行"));
	/* A cell past Excel's own limit. */
	size_t n = SHEET_MAX_CELL + 10;
	char *big = malloc(n + 8);
	memcpy(big, "x\n,", 3);
	memset(big + 3, 'a', n);
	big[n + 3] = '\0';
	assert_null(csv(big));
	assert_non_null(strstr(err, "第 2 行第 B 列"));
	free(big);
}

static void
test_column_names(void **state)
{
	(void)state;
	char name[8];
	const struct { size_t col; const char *name; } cases[] = {
		{0, "A"}, {25, "Z"}, {26, "AA"}, {51, "AZ"}, {701, "ZZ"},
		{702, "AAA"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		sheet_column_name(cases[i].col, name);
		assert_string_equal(name, cases[i].name);
	}
}

/* The bytes of the file at path, in a buffer the caller frees. */
static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	*len = (size_t)ftell(f);
	rewind(f);
	char *data = malloc(*len);
	assert_int_equal(fread(data, 1, *len, f), *len);
	fclose(f);
	return data;
}

static void
test_xlsx(void **state)
{
	(void)state;
	char path[] = "/tmp/lvzhi-sheet-XXXXXX.xlsx";
	int fd = mkstemps(path, 5);
	assert_true(fd >= 0);
	close(fd);
	lxw_workbook *wb = workbook_new(path);
	lxw_worksheet *ws = workbook_add_worksheet(wb, "人员");
	lxw_format *day = workbook_add_format(wb);
	format_set_num_format(day, "yyyy\"年\"m\"月\"d\"日\"");
	lxw_format *builtin = workbook_add_format(wb);
	format_set_num_format_index(builtin, 14);
	lxw_format *money = workbook_add_format(wb);
	format_set_num_format(money, "#,##0.00");
	worksheet_write_string(ws, 0, 0, "编号", NULL);
	worksheet_write_string(ws, 0, 1, "姓名", NULL);
	worksheet_write_string(ws, 0, 3, "任职日期", NULL);
	worksheet_write_number(ws, 1, 0, 520102, NULL);
	worksheet_write_string(ws, 1, 1, "张三", NULL);
	lxw_datetime d1 = {2025, 3, 1, 0, 0, 0};
	worksheet_write_datetime(ws, 1, 3, &d1, day);
	worksheet_write_number(ws, 4, 0, 3.5, money);
	lxw_datetime d2 = {2024, 2, 29, 0, 0, 0};
	worksheet_write_datetime(ws, 4, 1, &d2, builtin);
	worksheet_write_boolean(ws, 4, 2, 1, NULL);
	worksheet_write_string(ws, 4, 3, "张三", NULL);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);

	size_t len;
	char *data = slurp(path, &len);
	unlink(path);
	assert_int_equal(sheet_sniff(data, len), SHEET_XLSX);
	struct sheet *s = sheet_read(data, len, SHEET_XLSX, err, sizeof err);
	assert_non_null(s);
	assert_int_equal(s->n, 5);
	assert_string_equal(sheet_cell(s, 0, 0), "编号");
	assert_string_equal(sheet_cell(s, 0, 2), "");
	assert_string_equal(sheet_cell(s, 0, 3), "任职日期");
	assert_string_equal(sheet_cell(s, 1, 0), "520102");
	assert_string_equal(sheet_cell(s, 1, 3), "2025-03-01");
	assert_int_equal(s->rows[2].n, 0);
	assert_int_equal(s->rows[3].n, 0);
	assert_string_equal(sheet_cell(s, 4, 0), "3.5");
	assert_string_equal(sheet_cell(s, 4, 1), "2024-02-29");
	assert_string_equal(sheet_cell(s, 4, 2), "TRUE");
	assert_string_equal(sheet_cell(s, 4, 3), "张三");
	sheet_free(s);
	free(data);
}

/* A ZIP archive holding one file, name with text, in a buffer the caller
 * frees. */
static char *
zip_of(const char *name, const char *text, size_t *len)
{
	char path[] = "/tmp/lvzhi-zip-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	unlink(path);
	int ze;
	zip_t *z = zip_open(path, ZIP_CREATE, &ze);
	assert_non_null(z);
	zip_source_t *src = zip_source_buffer(z, text, strlen(text), 0);
	assert_true(zip_file_add(z, name, src, 0) >= 0);
	assert_int_equal(zip_close(z), 0);
	char *data = slurp(path, len);
	unlink(path);
	return data;
}

static void
test_xlsx_refusals(void **state)
{
	(void)state;
	const char junk[] = "PK\3\4 not really a zip";
	assert_null(sheet_read(junk, sizeof junk, SHEET_XLSX, err, sizeof err));
	assert_non_null(strstr(err, "不是有效的 XLSX"));
	size_t len;
	char *data = zip_of("readme.txt", "hello", &len);
	assert_null(sheet_read(data, len, SHEET_XLSX, err, sizeof err));
	assert_non_null(strstr(err, "xl/workbook.xml"));
	free(data);
	data = zip_of("xl/workbook.xml", "<workbook><sheets>", &len);
	assert_null(sheet_read(data, len, SHEET_XLSX, err, sizeof err));
	assert_non_null(strstr(err, "不是有效的 XML"));
	free(data);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv_quotes),
		cmocka_unit_test(test_csv_gb18030),
		cmocka_unit_test(test_csv_refusals),
		cmocka_unit_test(test_column_names),
		cmocka_unit_test(test_xlsx),
		cmocka_unit_test(test_xlsx_refusals),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
