/*
 * 年度考评 downloaded, for people: as CSV (with a byte order mark) and as
 * XLSX (libxlsxwriter: one sheet of leaders, one of duties), both with
 * Chinese headers and values and the page's filters and order.
 * The workbook goes through a temporary file because libxlsxwriter writes
 * files; its worksheets run in constant-memory mode, one row at a time.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "base/fd.h"
#include "domain/evaluation.h"
#include "engine/coverage.h"
#include "web/page-evaluation.h"
#include "base/text.h"
#include "web/web.h"

struct xlsx {
	lxw_workbook *wb;
	lxw_worksheet *leaders, *duties;
	lxw_format *head, *score; /* the header row; one decimal */
	lxw_row_t nleaders, nduties;
	struct arena *arena; /* one result's cells */
	struct web_labels *labels; /* the records its explanations name */
	int failed;
};

static lxw_error
xl_str(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *s)
{
	if (s == NULL || *s == '\0')
		return LXW_NO_ERROR;
	return worksheet_write_string(ws, row, col, s, NULL);
}

static void
xl_header(lxw_worksheet *ws, lxw_format *head, const char *const *cols,
    const double *widths, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		worksheet_write_string(ws, 0, (lxw_col_t)i, cols[i], head);
		worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i, widths[i], NULL);
	}
	worksheet_freeze_panes(ws, 1, 0);
}

const char *const page_eval_cols[PAGE_EVAL_COLS] = { "地区", "机构",
	"姓名", "职务", "适用方式", "考评期间起", "考评期间止", "得分", "等次",
	"等次暂定", "一票否决", "未达标职责", "考评后果" };

void
page_eval_cells(struct arena *a, const struct eval_result *res,
    const char *out[PAGE_EVAL_COLS])
{
	char from[32], to[32];
	struct buf unmet, cons;
	buf_init(&unmet, 1u << 16);
	buf_init(&cons, 1u << 16);
	date_format_cn(res->from, from);
	date_format_cn(res->to, to);
	for (size_t i = 0; i < res->nduties; i++)
		if (res->duties[i].verdict == VERDICT_UNMET)
			buf_printf(&unmet, "%s%s", unmet.len ? "、" : "",
			    res->duties[i].rule->title);
	for (size_t i = 0; i < res->nconsequences; i++) {
		const char *item = res->consequence_items != NULL ?
		    res->consequence_items[i] : NULL;
		buf_printf(&cons, "%s%s%s%s%s", i ? "、" : "",
		    res->consequences[i]->label, item ? "(" : "",
		    item ? item : "", item ? ")" : "");
	}
	const char *v[PAGE_EVAL_COLS] = { res->region_name, res->organ_name,
		res->person_name, catalog_role_label(res->role),
		coverage_label(res->coverage), from, to,
		res->has_score ? arena_printf(a, "%.1f", res->score) : "",
		/* provisional: marked in the next column, 等次暂定 */
		catalog_grade_label(res->grade), res->provisional ? "是" : "否",
		res->veto ? "是" : "否", unmet.data ? unmet.data : "",
		cons.data ? cons.data : "" };
	for (size_t i = 0; i < PAGE_EVAL_COLS; i++)
		out[i] = arena_strdup(a, v[i] ? v[i] : "");
	buf_free(&unmet);
	buf_free(&cons);
}

static int
xlsx_result(void *ctx, const struct eval_result *res)
{
	struct xlsx *x = ctx;
	lxw_worksheet *ws = x->leaders;
	lxw_row_t row = ++x->nleaders;
	lxw_error e = LXW_NO_ERROR;
	const char *cells[PAGE_EVAL_COLS];
	arena_reset(x->arena);
	page_eval_cells(x->arena, res, cells);
	for (size_t i = 0; i < PAGE_EVAL_COLS && !e; i++)
		e = i == PAGE_EVAL_SCORE && res->has_score ?
		    worksheet_write_number(ws, row, (lxw_col_t)i,
		    round(res->score * 10) / 10, x->score) :
		    xl_str(ws, row, (lxw_col_t)i, cells[i]);

	/* The records the explanations name, by number: one result's in
	 * a batch. */
	web_labels_reset(x->labels);
	for (size_t i = 0; i < res->nduties; i++)
		web_labels_want_text(x->labels, res->duties[i].explanation,
		    "record", res->duties[i].evidence, res->duties[i].nevidence);
	if (web_labels_load(x->labels))
		e = LXW_ERROR_MEMORY_MALLOC_FAILED;
	ws = x->duties;
	for (size_t i = 0; i < res->nduties && !e; i++) {
		const struct eval_duty *d = &res->duties[i];
		row = ++x->nduties;
		const char *dc[] = { res->region_name, res->organ_name,
			res->person_name, d->rule->title, d->rule->citation,
			eval_verdict_label(d->verdict) };
		for (size_t c = 0; c < sizeof dc / sizeof *dc && !e; c++)
			e = xl_str(ws, row, (lxw_col_t)c, dc[c]);
		if (!e && d->has_counts)
			e = worksheet_write_number(ws, row, 6, d->required, NULL);
		if (!e && d->has_counts)
			e = worksheet_write_number(ws, row, 7, d->actual, NULL);
		if (!e && d->scored)
			e = worksheet_write_number(ws, row, 8, d->score, x->score);
		if (!e)
			e = xl_str(ws, row, 9, web_ref_plain(x->labels, x->arena,
			    d->explanation, "record", d->evidence, d->nevidence));
		if (!e)
			e = worksheet_write_number(ws, row, 10,
			    (double)d->nevidence, NULL);
		if (!e)
			e = xl_str(ws, row, 11, d->rule->id);
	}
	if (e) {
		x->failed = 1;
		return 1; /* stops the run; the handler reports it */
	}
	return 0;
}

void
page_evaluation_xlsx(struct request *r)
{
	/* Titles first; a duty's code last, for whoever needs to cite it. */
	static const double lwidths[PAGE_EVAL_COLS] = { 14, 28, 10, 15, 10, 16,
		16, 8, 9, 9, 9, 40, 18 };
	static const char *const dcols[] = { "地区", "机构", "姓名", "职责",
		"条款", "结论", "应有", "实有", "评分", "说明", "佐证记录(条)",
		"职责编号" };
	static const double dwidths[] = { 14, 28, 10, 40, 22, 10, 6, 6, 6, 60,
		12, 22 };
	struct query q;
	struct dom d = { 0 };
	struct xlsx x = { .labels = web_labels_new(r) };
	const char *dir = getenv("TMPDIR");
	char path[512];
	char *data = NULL;
	size_t len = 0;
	int fd = -1, answered = 0;
	if (page_evaluation_query(r, &q))
		return;
	x.arena = arena_create();
	if (x.arena == NULL)
		goto out;
	if (dir == NULL || *dir != '/' || strlen(dir) > 400)
		dir = "/tmp";
	snprintf(path, sizeof path, "%s/lvzhi-xlsx-XXXXXX", dir);
	fd = mkstemp(path);
	if (fd < 0)
		goto out;
	/* Its worksheets' own temporary files go to the same place. */
	lxw_workbook_options opt = { .constant_memory = LXW_TRUE,
		.tmpdir = (char *)dir };
	x.wb = workbook_new_opt(path, &opt);
	if (x.wb == NULL)
		goto out;
	x.leaders = workbook_add_worksheet(x.wb, "考评结果");
	x.duties = workbook_add_worksheet(x.wb, "职责明细");
	x.head = workbook_add_format(x.wb);
	x.score = workbook_add_format(x.wb);
	if (x.leaders == NULL || x.duties == NULL || x.head == NULL ||
	    x.score == NULL)
		goto out;
	format_set_num_format(x.score, "0.0");
	format_set_bold(x.head);
	format_set_bg_color(x.head, 0xEEF0F3);
	format_set_border(x.head, LXW_BORDER_THIN);
	xl_header(x.leaders, x.head, page_eval_cols, lwidths, PAGE_EVAL_COLS);
	xl_header(x.duties, x.head, dcols, dwidths, sizeof dcols / sizeof *dcols);
	char *title = arena_printf(r->arena, "%d 年度党政主要负责人履行推进法治建设"
	    "第一责任人职责考评", q.year);
	lxw_doc_properties props = { .title = title, .author = "履职 lvzhi",
		.company = r->catalog->interpreter };
	workbook_set_properties(x.wb, &props);
	req_dom(r, &d);
	if (page_evaluation_all(&d, &q, xlsx_result, &x)) {
		answered = 1; /* the fault is in d */
		goto out;
	}
	if (x.failed)
		goto out;
	worksheet_autofilter(x.leaders, 0, 0, x.nleaders, PAGE_EVAL_COLS - 1);
	worksheet_autofilter(x.duties, 0, 0, x.nduties, 11);
	lxw_error e = workbook_close(x.wb);
	x.wb = NULL;
	if (e != LXW_NO_ERROR || (data = fd_slurp(fd, EXPORT_MAX, &len)) == NULL)
		goto out;
	resp_bytes(r, 200, "application/vnd.openxmlformats-officedocument."
	    "spreadsheetml.sheet", data, len, arena_printf(r->arena,
	    "考评-%d.xlsx", q.year), 0);
	answered = 2;
out:
	if (x.wb != NULL)
		workbook_close(x.wb);
	if (fd >= 0) {
		close(fd);
		unlink(path);
	}
	free(data);
	arena_free(x.arena);
	if (answered == 1)
		page_fault(r, &d.fault);
	else if (answered == 0)
		page_error(r, 500, "内部错误:无法生成 Excel 文件");
}

/* ---- CSV ---- */

int
page_evaluation_all(struct dom *d, const struct query *q,
    int (*emit)(void *, const struct eval_result *), void *ctx)
{
	struct evaluation_set es;
	struct store_evalfilter f;
	enum store_evalsort sort;
	page_evaluation_select(q, &f, &sort);
	if (evaluation_set_open(d, q->year, q->region, &es))
		return -1;
	return evaluation_set_each(d, &es, &f, sort, 0, -1, emit, ctx);
}

struct csv {
	struct request *r;
	FILE *out;
};

/* One line: the cells quoted as text_csv does (a comma, a quote, a line
 * break, or a leading = + - @ that a spreadsheet would take for a
 * formula). */
static void
csv_line(FILE *out, const char *const *cells)
{
	for (size_t i = 0; i < PAGE_EVAL_COLS; i++) {
		if (i)
			fputc(',', out);
		text_csv(out, cells[i]);
	}
	fputs("\r\n", out);
}

static int
csv_result(void *ctx, const struct eval_result *res)
{
	struct csv *c = ctx;
	const char *cells[PAGE_EVAL_COLS];
	page_eval_cells(c->r->arena, res, cells);
	csv_line(c->out, cells);
	return ftell(c->out) > EXPORT_MAX ? 1 : 0;
}

/* The download for people: Chinese headers and values, a byte order
 * mark (page_csv_open: or Excel reads the Chinese as a legacy code page).
 * Programs read `lvzhi eval --format csv` or the API's JSON, which keep
 * their codes. */
void
page_evaluation_csv(struct request *r)
{
	struct query q;
	if (page_evaluation_query(r, &q))
		return;
	char *text = NULL;
	size_t len = 0;
	struct csv c = { .r = r, .out = page_csv_open(r, &text, &len) };
	if (c.out == NULL)
		return;
	csv_line(c.out, page_eval_cols);
	struct dom d;
	req_dom(r, &d);
	int rc = page_evaluation_all(&d, &q, csv_result, &c);
	long size = ftell(c.out);
	if (fclose(c.out) && rc == 0)
		rc = -1;
	if (size > EXPORT_MAX)
		page_error(r, 413, "导出内容过大,请选择下级地区");
	else if (rc)
		page_fault(r, &d.fault);
	else
		resp_bytes(r, 200, "text/csv; charset=utf-8", text, len,
		    arena_printf(r->arena, "考评-%d.csv", q.year), 0);
	free(text);
}
