/*
 * 批量导入: the upload pages of people (/registry/upload) and ledger
 * records (/ledger/upload), their templates (XLSX with a notes sheet and
 * lists to pick from, CSV in UTF-8 with a BOM), and bulk review of the
 * ledger (/ledger/review). Reading, validating and writing are
 * domain/bulk.c's: a page only shows its verdict, row by row.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "base/fd.h"
#include "domain/bulk.h"
#include "import/sheet.h"
#include "web/web.h"

#define UPLOAD_PAGE_MAX (4u << 20)
#define TEMPLATE_MAX (4u << 20)
/* Rows of a template given lists and formats: what a sheet takes. */
#define TEMPLATE_ROWS 2000

/* The two uploads: where each lives and what it says. */
struct upload_page {
	enum bulk_kind kind;
	const char *path, *title, *back, *back_label;
};
static const struct upload_page uploads[] = {
	{ BULK_PEOPLE, "/registry/upload", "批量导入人员任职", "/registry",
	    "机构与人员" },
	{ BULK_RECORDS, "/ledger/upload", "批量导入台账记录", "/ledger",
	    "履职台账" },
};

static const char *const type_label[] = {
	[BULK_TEXT] = "文字", [BULK_DATE] = "日期", [BULK_YEAR] = "年份",
	[BULK_INT] = "整数", [BULK_BOOL] = "是/否", [BULK_CHOICE] = "单选",
	[BULK_SET] = "多选", [BULK_STEP] = "日期或“不适用:原因”",
};

/* The form, the columns explained, and (after a post) the verdict. */
static void
upload_page(struct request *r, const struct upload_page *u,
    const struct bulk_result *res, const struct fault *f, unsigned status)
{
	struct dom d;
	req_dom(r, &d);
	size_t n;
	const struct bulk_column *cols = bulk_columns(&d, u->kind, &n);
	struct buf b;
	buf_init(&b, UPLOAD_PAGE_MAX);
	page_begin(r, &b, u->title, u->back);
	html_fmt(&b, "<p class=\"muted\"><a href=\"%s\">%s</a> › 批量导入</p>"
	    "<h1>%s</h1>", u->back, u->back_label, u->title);
	html_fmt(&b, "<div role=\"status\" aria-live=\"polite\" "
	    "id=\"upload-result\">");
	if (res != NULL && f == NULL) {
		if (u->kind == BULK_PEOPLE)
			html_fmt(&b, "<p class=\"notice ok\">导入成功:新增 %ld 条任职"
			    "(其中新增人员 %ld 名)。</p>", res->added, res->people);
		else
			html_fmt(&b, "<p class=\"notice ok\">导入成功:新增 %ld 条记录,"
			    "等待审核。</p>", res->added);
	} else if (f != NULL) {
		html_fmt(&b, "<div class=\"alert\" role=\"alert\"><p><strong>%s"
		    "</strong></p>", web_chinese(r->arena, f->title));
		if (res != NULL && res->nerrors > 0) {
			html_fmt(&b, "<p>共 %zu 处问题%s,请改正后重新上传:</p>"
			    "<div class=\"table-wrap\"><table class=\"upload-errors\">"
			    "<thead><tr><th>行</th><th>列</th><th>问题</th></tr>"
			    "</thead><tbody>", res->nerrors + (size_t)res->more,
			    res->more ? "(仅列出前 500 处)" : "");
			for (size_t i = 0; i < res->nerrors; i++) {
				const struct bulk_error *e = &res->errors[i];
				html_fmt(&b, "<tr><td>%s</td><td>%s%s%s%s</td><td>%s"
				    "</td></tr>", e->row ? arena_printf(r->arena,
				    "第%ld行", e->row) : "文件", e->col, e->label ?
				    "(" : "", e->label ? e->label : "", e->label ?
				    ")" : "", e->reason);
			}
			html_fmt(&b, "</tbody></table></div>");
		}
		html_fmt(&b, "</div>");
	}
	html_fmt(&b, "</div><section class=\"card\"><h2>上传文件</h2>"
	    "<form method=\"post\" action=\"%s\" enctype=\"multipart/form-data\">",
	    u->path);
	page_csrf(r, &b);
	html_fmt(&b, "<label>表格文件(Excel 的 .xlsx,或 UTF-8 / GB18030 编码的 "
	    ".csv)<input type=\"file\" name=\"file\" required accept=\".xlsx,"
	    ".csv,application/vnd.openxmlformats-officedocument.spreadsheetml."
	    "sheet,text/csv\"></label><p class=\"muted\">只读第一个工作表;第一行"
	    "为列名。整个文件一次导入:任何一行有误,都不写入任何数据。</p>"
	    "<div class=\"actions\"><button type=\"submit\">上传并导入</button>"
	    "<a class=\"button secondary\" href=\"%s/template.xlsx\">下载 Excel "
	    "模板</a><a class=\"button secondary\" href=\"%s/template.csv\">下载 "
	    "CSV 模板</a></div></form></section>", u->path, u->path);
	html_fmt(&b, "<section class=\"card\"><h2>各列说明</h2><div "
	    "class=\"table-wrap\"><table><thead><tr><th>列名</th><th>必填</th>"
	    "<th>填写</th><th>说明</th></tr></thead><tbody>");
	for (size_t i = 0; i < n; i++) {
		const struct bulk_column *c = &cols[i];
		html_fmt(&b, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s%s%s%s%s"
		    "</td></tr>", c->label, c->required ? "是" : "", type_label[
		    c->type], c->note, c->nvalues ? ";可选:" : "", c->nvalues ?
		    bulk_values(r->arena, c, 0) : "", c->kinds ? ";适用于:" : "",
		    c->kinds ? c->kinds : "");
	}
	html_fmt(&b, "</tbody></table></div></section>");
	if (status == 200)
		page_end(r, &b);
	else
		page_close(r, &b, status);
}

static const struct upload_page *
upload_of(struct request *r)
{
	return strncmp(r->path, "/ledger", 7) == 0 ? &uploads[1] : &uploads[0];
}

void
page_upload_form(struct request *r)
{
	upload_page(r, upload_of(r), NULL, NULL, 200);
}

void
page_upload(struct request *r)
{
	const struct upload_page *u = upload_of(r);
	struct dom d;
	struct bulk_result res;
	req_dom(r, &d);
	int rc = bulk_upload(&d, u->kind, r->file.present ? r->file.data.data :
	    NULL, r->file.present ? r->file.data.len : 0, &res);
	if (rc == 0)
		upload_page(r, u, &res, NULL, 200);
	else if (d.fault.status == 400)
		upload_page(r, u, &res, &d.fault, 400);
	else
		page_fault(r, &d.fault);
	fault_clear(&d.fault);
}

/* ---- templates ---- */

/* The CSV template: the header row, UTF-8 with the BOM Excel reads. */
static void
template_csv(struct request *r, const struct bulk_column *cols, size_t n,
    const char *name)
{
	struct buf b;
	buf_init(&b, TEMPLATE_MAX);
	buf_puts(&b, "\xef\xbb\xbf");
	for (size_t i = 0; i < n; i++)
		buf_printf(&b, "%s%s%s", i ? "," : "", cols[i].label,
		    cols[i].required ? "*" : "");
	buf_puts(&b, "\r\n");
	resp_bytes(r, 200, "text/csv; charset=utf-8", b.data, b.len,
	    arena_printf(r->arena, "%s.csv", name), 0);
	buf_free(&b);
}

/* The XLSX template: 填写 (the header; a list to pick from where a
 * column has values, dates formatted as dates), 填写说明 (each column
 * explained) and 选项 (the lists, hidden). -1 when it cannot be made. */
static int
template_xlsx(struct request *r, const struct bulk_column *cols, size_t n,
    const char *name)
{
	char path[512];
	const char *dir = getenv("TMPDIR");
	if (dir == NULL || *dir != '/' || strlen(dir) > 400)
		dir = "/tmp";
	snprintf(path, sizeof path, "%s/lvzhi-template-XXXXXX", dir);
	int fd = mkstemp(path);
	if (fd < 0)
		return -1;
	int rc = -1;
	char *data = NULL;
	size_t len = 0;
	lxw_workbook *wb = workbook_new(path);
	lxw_worksheet *ws = wb ? workbook_add_worksheet(wb, "填写") : NULL;
	lxw_worksheet *notes = wb ? workbook_add_worksheet(wb, "填写说明") :
	    NULL;
	lxw_worksheet *lists = wb ? workbook_add_worksheet(wb, "选项") : NULL;
	lxw_format *head = wb ? workbook_add_format(wb) : NULL;
	lxw_format *day = wb ? workbook_add_format(wb) : NULL;
	lxw_format *text = wb ? workbook_add_format(wb) : NULL;
	lxw_format *wrap = wb ? workbook_add_format(wb) : NULL;
	if (ws == NULL || notes == NULL || lists == NULL || head == NULL ||
	    day == NULL || text == NULL || wrap == NULL)
		goto out;
	format_set_bold(head);
	format_set_bg_color(head, 0xEEF0F3);
	format_set_border(head, LXW_BORDER_THIN);
	format_set_num_format(day, "yyyy-mm-dd");
	format_set_num_format(text, "@");
	format_set_text_wrap(wrap);
	lxw_doc_properties props = { .title = (char *)name,
		.author = "履职 lvzhi" };
	workbook_set_properties(wb, &props);
	static const char *const note_head[] = { "列", "列名", "必填", "填写",
		"说明", "可选值", "适用的记录类型" };
	static const double note_width[] = { 6, 22, 6, 12, 40, 40, 40 };
	for (lxw_col_t j = 0; j < 7; j++) {
		worksheet_write_string(notes, 0, j, note_head[j], head);
		worksheet_set_column(notes, j, j, note_width[j], j >= 4 ? wrap :
		    NULL);
	}
	worksheet_freeze_panes(notes, 1, 0);
	lxw_col_t list_col = 0;
	for (size_t i = 0; i < n; i++) {
		const struct bulk_column *c = &cols[i];
		lxw_col_t col = (lxw_col_t)i;
		char letter[8];
		sheet_column_name(i, letter);
		worksheet_write_string(ws, 0, col, arena_printf(r->arena, "%s%s",
		    c->label, c->required ? "*" : ""), head);
		int dated = c->type == BULK_DATE;
		worksheet_set_column(ws, col, col, 16, dated ? day :
		    c->type == BULK_TEXT ? text : NULL);
		lxw_row_t nr = (lxw_row_t)i + 1;
		worksheet_write_string(notes, nr, 0, letter, NULL);
		worksheet_write_string(notes, nr, 1, c->label, NULL);
		worksheet_write_string(notes, nr, 2, c->required ? "是" : "否",
		    NULL);
		worksheet_write_string(notes, nr, 3, type_label[c->type], NULL);
		worksheet_write_string(notes, nr, 4, c->note, NULL);
		if (c->nvalues)
			worksheet_write_string(notes, nr, 5, bulk_values(r->arena, c, 0),
			    NULL);
		if (c->kinds)
			worksheet_write_string(notes, nr, 6, c->kinds, NULL);
		if (c->type == BULK_DATE) {
			lxw_data_validation v = { .validate = LXW_VALIDATION_TYPE_DATE,
				.criteria = LXW_VALIDATION_CRITERIA_BETWEEN,
				.minimum_datetime = { 1949, 10, 1, 0, 0, 0 },
				.maximum_datetime = { 2200, 12, 31, 0, 0, 0 },
				.error_title = "日期", .error_message = "请填写日期,如 "
				"2025-03-10", .error_type = LXW_VALIDATION_ERROR_TYPE_WARNING };
			worksheet_data_validation_range(ws, 1, col, TEMPLATE_ROWS,
			    col, &v);
		}
		/* A single choice picks from its list (values on the hidden
		 * sheet: a list written inline has a 255-character limit). */
		if (c->type != BULK_CHOICE && c->type != BULK_BOOL)
			continue;
		char lcol[8];
		sheet_column_name(list_col, lcol);
		for (size_t k = 0; k < c->nvalues; k++)
			worksheet_write_string(lists, (lxw_row_t)k, list_col,
			    c->values[k], NULL);
		char *formula = arena_printf(r->arena, "=选项!$%s$1:$%s$%zu",
		    lcol, lcol, c->nvalues);
		lxw_data_validation v = { .validate = LXW_VALIDATION_TYPE_LIST,
			.value_formula = formula, .error_title = "不在可选范围内",
			.error_message = "请从下拉列表中选择",
			.input_title = (char *)c->label,
			.input_message = (char *)c->note };
		if (strlen(c->note) > 250)
			v.input_message = NULL;
		worksheet_data_validation_range(ws, 1, col, TEMPLATE_ROWS, col,
		    &v);
		list_col++;
	}
	worksheet_freeze_panes(ws, 1, 0);
	worksheet_hide(lists);
	worksheet_activate(ws);
	lxw_error e = workbook_close(wb);
	wb = NULL;
	if (e != LXW_NO_ERROR || (data = fd_slurp(fd, TEMPLATE_MAX, &len)) ==
	    NULL)
		goto out;
	resp_bytes(r, 200, "application/vnd.openxmlformats-officedocument."
	    "spreadsheetml.sheet", data, len, arena_printf(r->arena, "%s.xlsx",
	    name), 0);
	rc = 0;
out:
	if (wb != NULL)
		workbook_close(wb);
	close(fd);
	unlink(path);
	free(data);
	return rc;
}

void
page_upload_template(struct request *r)
{
	const struct upload_page *u = upload_of(r);
	/* The route is …/template.xlsx or …/template.csv. */
	size_t n0 = strlen(r->path);
	int xlsx = n0 > 5 && strcmp(r->path + n0 - 5, ".xlsx") == 0;
	struct dom d;
	req_dom(r, &d);
	size_t n;
	const struct bulk_column *cols = bulk_columns(&d, u->kind, &n);
	if (!xlsx)
		template_csv(r, cols, n, bulk_title(u->kind));
	else if (template_xlsx(r, cols, n, bulk_title(u->kind)))
		page_error(r, 500, "内部错误:无法生成 Excel 模板。");
}

/* ---- bulk review ---- */

void
page_ledger_review(struct request *r)
{
	const char *action = req_form(r, "action");
	const char *note = req_form(r, "note");
	const char *status = action == NULL ? NULL : strcmp(action, "verify")
	    == 0 ? "verified" : strcmp(action, "reject") == 0 ? "rejected" :
	    NULL;
	if (status == NULL) {
		page_error(r, 400, "请选择核实或退回。");
		return;
	}
	if (note != NULL && *note == '\0')
		note = NULL;
	/* The check boxes share one name: the form fields arrive joined,
	 * each value ending in a space (page-ledger.c writes them so). */
	const char *sel = req_form(r, "ids");
	char *copy = arena_strdup(r->arena, sel ? sel : ""), *save = NULL;
	size_t n = 0, cap = 0;
	const char **ids = NULL;
	struct dom d;
	req_dom(r, &d);
	for (char *t = strtok_r(copy, " \t\r\n", &save); t; t = strtok_r(NULL,
	    " \t\r\n", &save))
		*(const char **)dom_push(&d, &ids, &n, &cap, sizeof *ids) = t;
	long changed = 0;
	if (bulk_review(&d, ids, n, status, note, &changed)) {
		page_fault(r, &d.fault);
		return;
	}
	/* Back to the listing as it was filtered: the ledger's own query,
	 * percent-encoded (html_q), taken only when it is nothing else. */
	const char *back = req_form(r, "back");
	if (back == NULL || strlen(back) > 2000 || strspn(back, "abcdefghijkl"
	    "mnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789%=&._~-") !=
	    strlen(back))
		back = "";
	resp_redirect(r, arena_printf(r->arena, "/ledger?%s%sok=%s&n=%ld",
	    back, *back ? "&" : "", strcmp(status, "verified") == 0 ?
	    "verified" : "rejected", changed));
}
