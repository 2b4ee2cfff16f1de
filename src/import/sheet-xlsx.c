/*
 * The first worksheet of an XLSX file (ECMA-376 SpreadsheetML), read with
 * libzip and expat as a stream, part by part: the workbook names its
 * first sheet and whether dates count from 1904, its relationships where
 * that sheet is, the shared strings hold the texts cells refer to by
 * number, the styles tell which number formats are dates (a date is a
 * number of days in a cell whose style formats it as one). Names are
 * matched by their local part, so transitional and strict files alike
 * are read. Every part is bounded (SHEET_MAX_BYTES unzipped), whatever
 * the archive claims.
 */
#include <expat.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/date.h"
#include "base/vec.h"
#include "import/sheet-int.h"

struct xlsx {
	struct sheet *s;
	char *err;
	size_t errlen;
	int failed;
	XML_Parser parser;
	const char *part;

	/* The workbook's first sheet and its date system; its path. */
	char sheet_rid[64];
	int date1904;
	char sheet_path[512];

	/* Shared strings, in the sheet's arena. */
	const char **shared;
	size_t nshared, shared_cap;
	/* Styles: the custom number formats that are dates, then whether
	 * each cell style (cellXfs, by index) is a date. */
	long *date_fmts;
	size_t ndate_fmts, date_fmts_cap;
	unsigned char *date_style;
	size_t nstyles, styles_cap;
	int in_xfs;

	/* Text being collected (a <t> or a <v>), and where. */
	struct buf text;
	int collect, in_si, in_is, in_phonetic;
	/* The cell being read. */
	size_t row, col, next_row, next_col;
	char type[16];
	long style;
};

static const char *
local(const char *name)
{
	const char *bar = strrchr(name, '|');
	return bar ? bar + 1 : name;
}

static const char *
attr(const char **atts, const char *name)
{
	for (size_t i = 0; atts[i] != NULL; i += 2)
		if (strcmp(local(atts[i]), name) == 0)
			return atts[i + 1];
	return NULL;
}

static void
fail(struct xlsx *x, const char *why)
{
	if (!x->failed)
		sheet_fail(x->err, x->errlen, "%s", why);
	x->failed = 1;
	XML_StopParser(x->parser, XML_FALSE);
}

static void XMLCALL
on_text(void *ud, const XML_Char *s, int len)
{
	struct xlsx *x = ud;
	if (x->collect && buf_append(&x->text, s, (size_t)len))
		fail(x, "XLSX 文件里有超过 32767 字节的单元格");
}

/* The text collected, "" when none. */
static const char *
text(struct xlsx *x)
{
	return x->text.len ? x->text.data : "";
}

/* Starts collecting the text of a <t> (a string's run, not its
 * phonetic guide) or a <v>. */
static void
start_text(struct xlsx *x, const char *name)
{
	if (strcmp(name, "rPh") == 0)
		x->in_phonetic = 1;
	else if (strcmp(name, "t") == 0 && !x->in_phonetic &&
	    (x->in_si || x->in_is))
		x->collect = 1;
	else if (strcmp(name, "v") == 0 && !x->in_si)
		x->collect = 1;
}

static void
end_text(struct xlsx *x, const char *name)
{
	if (strcmp(name, "rPh") == 0)
		x->in_phonetic = 0;
	else if (strcmp(name, "t") == 0 || strcmp(name, "v") == 0)
		x->collect = 0;
}

static void XMLCALL
workbook_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xlsx *x = ud;
	const char *n = local(name);
	if (strcmp(n, "sheet") == 0 && x->sheet_rid[0] == '\0') {
		const char *id = attr(atts, "id");
		if (id != NULL)
			snprintf(x->sheet_rid, sizeof x->sheet_rid, "%s", id);
	} else if (strcmp(n, "workbookPr") == 0) {
		const char *v = attr(atts, "date1904");
		x->date1904 = v != NULL && (strcmp(v, "1") == 0 ||
		    strcmp(v, "true") == 0);
	}
}

static void XMLCALL
rels_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xlsx *x = ud;
	const char *id = attr(atts, "Id"), *target = attr(atts, "Target");
	if (strcmp(local(name), "Relationship") != 0 || id == NULL ||
	    target == NULL || strcmp(id, x->sheet_rid) != 0)
		return;
	/* A target is relative to xl/, or absolute from the archive's
	 * root. */
	if (target[0] == '/')
		snprintf(x->sheet_path, sizeof x->sheet_path, "%s", target + 1);
	else
		snprintf(x->sheet_path, sizeof x->sheet_path, "xl/%s", target);
}

static void XMLCALL
shared_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xlsx *x = ud;
	(void)atts;
	const char *n = local(name);
	if (strcmp(n, "si") == 0) {
		x->in_si = 1;
		buf_reset(&x->text);
	}
	start_text(x, n);
}

static void XMLCALL
shared_end(void *ud, const XML_Char *name)
{
	struct xlsx *x = ud;
	const char *n = local(name);
	end_text(x, n);
	if (strcmp(n, "si") != 0)
		return;
	x->in_si = 0;
	if (x->nshared >= (size_t)SHEET_MAX_ROWS * 4)
		fail(x, "XLSX 文件的共享字符串过多");
	else if (vec_reserve(&x->shared, x->nshared, &x->shared_cap,
	    sizeof *x->shared, 256))
		fail(x, "内存不足");
	else
		x->shared[x->nshared++] = arena_strdup(x->s->arena, text(x));
}

/* Whether a number format's code shows a date: a year or a day outside
 * its quoted texts, [colours] and escaped characters ("m" alone may be
 * minutes). */
static int
date_code(const char *code)
{
	for (const char *p = code; *p; p++) {
		if (*p == '"') {
			const char *q = strchr(p + 1, '"');
			if (q == NULL)
				return 0;
			p = q;
		} else if (*p == '[') {
			const char *q = strchr(p + 1, ']');
			if (q == NULL)
				return 0;
			p = q;
		} else if (*p == '\\' && p[1] != '\0') {
			p++;
		} else if (strchr("yYdD", *p) != NULL) {
			return 1;
		}
	}
	return 0;
}

/* The built-in formats that are dates (ECMA-376 18.8.30, with the
 * Chinese locale's 27-31, 36 and 50-58). */
static int
date_builtin(long id)
{
	return (id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 31) ||
	    id == 36 || (id >= 50 && id <= 58);
}

static void XMLCALL
styles_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xlsx *x = ud;
	const char *n = local(name), *id = attr(atts, "numFmtId");
	if (strcmp(n, "cellXfs") == 0)
		x->in_xfs = 1;
	else if (strcmp(n, "numFmt") == 0 && id != NULL) {
		const char *code = attr(atts, "formatCode");
		if (code == NULL || !date_code(code))
			return;
		if (vec_reserve(&x->date_fmts, x->ndate_fmts, &x->date_fmts_cap,
		    sizeof *x->date_fmts, 8))
			fail(x, "内存不足");
		else
			x->date_fmts[x->ndate_fmts++] = strtol(id, NULL, 10);
	} else if (strcmp(n, "xf") == 0 && x->in_xfs) {
		long f = id ? strtol(id, NULL, 10) : 0;
		int date = date_builtin(f);
		for (size_t i = 0; i < x->ndate_fmts && !date; i++)
			date = x->date_fmts[i] == f;
		if (x->nstyles >= 65536)
			fail(x, "XLSX 文件的单元格样式过多");
		else if (vec_reserve(&x->date_style, x->nstyles, &x->styles_cap,
		    1, 64))
			fail(x, "内存不足");
		else
			x->date_style[x->nstyles++] = (unsigned char)date;
	}
}

static void XMLCALL
styles_end(void *ud, const XML_Char *name)
{
	struct xlsx *x = ud;
	if (strcmp(local(name), "cellXfs") == 0)
		x->in_xfs = 0;
}

/* "BC12" -> column 54, row 11 (from 0); 0 when ref is not a reference. */
static int
cell_ref(const char *ref, size_t *col, size_t *row)
{
	size_t c = 0, r = 0;
	const char *p = ref;
	for (; *p >= 'A' && *p <= 'Z' && c <= SHEET_MAX_COLS; p++)
		c = c * 26 + (size_t)(*p - 'A' + 1);
	for (; *p >= '0' && *p <= '9' && r <= SHEET_MAX_ROWS; p++)
		r = r * 10 + (size_t)(*p - '0');
	if (c == 0 || r == 0 || *p != '\0')
		return 0;
	*col = c - 1;
	*row = r - 1;
	return 1;
}

static void XMLCALL
sheet_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xlsx *x = ud;
	const char *n = local(name);
	if (strcmp(n, "row") == 0) {
		const char *r = attr(atts, "r");
		long v = r ? strtol(r, NULL, 10) : 0;
		x->row = v > 0 ? (size_t)v - 1 : x->next_row;
		x->next_col = 0;
	} else if (strcmp(n, "c") == 0) {
		const char *ref = attr(atts, "r"), *t = attr(atts, "t"),
		    *st = attr(atts, "s");
		size_t row = x->row;
		if (ref == NULL || !cell_ref(ref, &x->col, &row))
			x->col = x->next_col;
		snprintf(x->type, sizeof x->type, "%s", t ? t : "n");
		x->style = st ? strtol(st, NULL, 10) : 0;
		buf_reset(&x->text);
	} else if (strcmp(n, "is") == 0) {
		x->in_is = 1;
	}
	start_text(x, n);
}

/* A number as a person reads it: whole numbers without a point (an id
 * or a year typed as a number), others to 15 significant digits. */
static void
number_text(const char *v, char *out, size_t n)
{
	char *end;
	double d = strtod(v, &end);
	if (end == v || *end != '\0' || !isfinite(d))
		snprintf(out, n, "%s", v);
	else if (d == floor(d) && fabs(d) < 1e15)
		snprintf(out, n, "%.0f", d);
	else
		snprintf(out, n, "%.15g", d);
}

/* A serial day number as YYYY-MM-DD: days since 1899-12-30 (1900 system,
 * whose day 60 is the 29 February 1900 that never was: days before it
 * count from a day later) or since 1904-01-01. */
static void
serial_date(const struct xlsx *x, double serial, char out[11])
{
	long days = (long)floor(serial);
	date_t d = x->date1904 ? date_from_ymd(1904, 1, 1) + (date_t)days :
	    date_from_ymd(1899, 12, days < 61 ? 31 : 30) + (date_t)days;
	date_format(d, out);
}

static void
cell_end(struct xlsx *x)
{
	char num[64], name[8];
	const char *v = text(x);
	if (strcmp(x->type, "s") == 0) {
		char *end;
		long i = strtol(v, &end, 10);
		if (end == v || *end != '\0' || i < 0 ||
		    (size_t)i >= x->nshared) {
			sheet_column_name(x->col, name);
			char why[128];
			snprintf(why, sizeof why, "第 %zu 行第 %s 列:XLSX 文件指向"
			    "不存在的共享字符串", x->row + 1, name);
			fail(x, why);
			return;
		}
		v = x->shared[i];
	} else if (strcmp(x->type, "b") == 0) {
		v = strcmp(v, "1") == 0 ? "TRUE" : "FALSE";
	} else if (strcmp(x->type, "n") == 0 && v[0] != '\0') {
		if (x->style >= 0 && (size_t)x->style < x->nstyles &&
		    x->date_style[x->style])
			serial_date(x, strtod(v, NULL), num);
		else
			number_text(v, num, sizeof num);
		v = num;
	} else if (strcmp(x->type, "d") == 0 && strlen(v) > 10) {
		snprintf(num, sizeof num, "%.10s", v); /* an ISO date-time */
		v = num;
	}
	if (sheet_put(x->s, x->row, x->col, v, strlen(v), x->err,
	    x->errlen)) {
		x->failed = 1;
		XML_StopParser(x->parser, XML_FALSE);
	}
	x->next_col = x->col + 1;
}

static void XMLCALL
sheet_end(void *ud, const XML_Char *name)
{
	struct xlsx *x = ud;
	const char *n = local(name);
	end_text(x, n);
	if (strcmp(n, "c") == 0)
		cell_end(x);
	else if (strcmp(n, "is") == 0)
		x->in_is = 0;
	else if (strcmp(n, "row") == 0)
		x->next_row = x->row + 1;
}

/*
 * Streams the part `name` of z through expat with these handlers.
 * Returns 0, 1 when an optional part is absent, -1 with the reason in
 * x->err.
 */
static int
parse_part(struct xlsx *x, zip_t *z, const char *name, int required,
    XML_StartElementHandler start, XML_EndElementHandler end)
{
	zip_file_t *f = zip_fopen(z, name, 0);
	if (f == NULL) {
		if (!required && zip_name_locate(z, name, 0) < 0)
			return 1;
		return sheet_fail(x->err, x->errlen, "XLSX 文件缺少 %s 或已加密"
		    "(请先取消密码保护)", name);
	}
	x->parser = XML_ParserCreateNS(NULL, '|');
	if (x->parser == NULL) {
		zip_fclose(f);
		return sheet_fail(x->err, x->errlen, "内存不足");
	}
	x->part = name;
	XML_SetUserData(x->parser, x);
	XML_SetElementHandler(x->parser, start, end);
	XML_SetCharacterDataHandler(x->parser, on_text);
	char chunk[65536];
	size_t total = 0;
	int rc = 0;
	for (;;) {
		zip_int64_t n = zip_fread(f, chunk, sizeof chunk);
		if (n < 0) {
			rc = sheet_fail(x->err, x->errlen, "XLSX 文件的 %s 无法解压",
			    name);
			break;
		}
		total += (size_t)n;
		if (total > SHEET_MAX_BYTES) {
			rc = sheet_fail(x->err, x->errlen, "XLSX 文件的 %s 解压后超过 "
			    "%d MB", name, SHEET_MAX_BYTES >> 20);
			break;
		}
		if (XML_Parse(x->parser, chunk, (int)n, n == 0) ==
		    XML_STATUS_ERROR) {
			if (!x->failed)
				sheet_fail(x->err, x->errlen, "XLSX 文件的 %s 不是有效"
				    "的 XML(第 %lu 行):%s", name,
				    (unsigned long)XML_GetCurrentLineNumber(x->parser),
				    XML_ErrorString(XML_GetErrorCode(x->parser)));
			rc = -1;
			break;
		}
		if (n == 0)
			break;
	}
	XML_ParserFree(x->parser);
	x->parser = NULL;
	zip_fclose(f);
	return rc;
}

static void
xlsx_free(struct xlsx *x)
{
	free(x->shared);
	free(x->date_fmts);
	free(x->date_style);
	buf_free(&x->text);
}

struct sheet *
sheet_read_xlsx(const void *data, size_t len, char *err, size_t errlen)
{
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
	zip_t *z = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
	zip_error_fini(&ze);
	if (z == NULL) {
		zip_source_free(src);
		sheet_fail(err, errlen, "不是有效的 XLSX 文件(无法按 ZIP 格式打开)");
		return NULL;
	}
	struct xlsx x = {.s = sheet_new(), .err = err, .errlen = errlen};
	buf_init(&x.text, SHEET_MAX_CELL);
	int rc = parse_part(&x, z, "xl/workbook.xml", 1, workbook_start, NULL);
	if (rc == 0)
		rc = parse_part(&x, z, "xl/_rels/workbook.xml.rels", 0,
		    rels_start, NULL);
	if (rc >= 0 && x.sheet_path[0] == '\0')
		snprintf(x.sheet_path, sizeof x.sheet_path,
		    "xl/worksheets/sheet1.xml");
	if (rc >= 0)
		rc = parse_part(&x, z, "xl/sharedStrings.xml", 0, shared_start,
		    shared_end);
	if (rc >= 0)
		rc = parse_part(&x, z, "xl/styles.xml", 0, styles_start,
		    styles_end);
	if (rc >= 0)
		rc = parse_part(&x, z, x.sheet_path, 1, sheet_start, sheet_end);
	zip_discard(z);
	xlsx_free(&x);
	if (rc < 0) {
		sheet_free(x.s);
		return NULL;
	}
	sheet_trim(x.s);
	return x.s;
}
