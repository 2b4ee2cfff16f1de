/*
 * Before a year is closed ([workbench] item 9): the records of the scope
 * being closed that still await verification. The evaluation counts
 * them as submitted (the contract's rule), and closing freezes the
 * results with them: the office sees them first, each linked to its
 * record, and then closes, or goes to verify them. With none waiting the
 * close goes ahead at once.
 */
#include <string.h>

#include "auth/access.h"
#include "web/page-evaluation.h"
#include "web/web.h"

#define PENDING_LISTED 100 /* records listed; the ledger link has all */
#define PENDING_PAGE_MAX (1u << 20)

static int
pending_row(void *ctx, const struct store_ledger_row *w)
{
	struct page_rows *l = ctx;
	struct request *r = l->r;
	html_fmt(l->b, "<tr><td><a href=\"/ledger/%s\">%s</a></td><td>%s</td>"
	    "<td>%s</td><td>%s</td></tr>", html_q(r->arena, w->id),
	    w->title && *w->title ? w->title : "(无标题)", w->organ_name,
	    w->person_name ? w->person_name : "—", web_day(r->arena, w->date));
	return 0;
}

int
page_evaluation_close_pending(struct request *r, int year, const char *region,
    const char *reason)
{
	char path[512], from[11], to[11];
	const char *code = region != NULL ? region : r->user.region;
	/* A region outside the scope is the close's to refuse. */
	if (year < 1900 || year > 2200 || code == NULL || *code == '\0' ||
	    store_region_path(r->store, code, path, sizeof path) != 1 ||
	    !access_can_read_path(&r->user, path))
		return 0;
	date_format(date_from_ymd(year, 1, 1), from);
	date_format(date_from_ymd(year, 12, 31), to);
	struct store_ledger_filter f = { .path = path, .status = "submitted",
		.from = date_from_ymd(year, 1, 1), .to = date_from_ymd(year, 12,
		31), .limit = PENDING_LISTED };
	long n = store_count_ledger(r->store, &f);
	if (n < 0) {
		page_error(r, 500, "内部错误:无法读取待核实记录");
		return -1;
	}
	if (n == 0)
		return 0;
	struct buf b, rows;
	buf_init(&b, PENDING_PAGE_MAX);
	buf_init(&rows, PENDING_PAGE_MAX / 2);
	struct page_rows l = { r, &rows };
	int rc = store_each_ledger(r->store, &f, pending_row, &l);
	page_begin(r, &b, "结转前确认", "/evaluation");
	html_fmt(&b, "<h1>结转 %d 年度前:尚有 %ld 条记录待核实</h1>"
	    "<p class=\"alert\" role=\"alert\">以下记录已报送、尚未核实。考评按"
	    "已报送的记录计算,结转将连同这些记录冻结考评结果,此后不能再核实、"
	    "退回或修改。请先核实或退回,或确认仍要结转。</p>", year, n);
	page_rows_table(&b, rc < 0, rows.len, "暂时无法读取待核实记录。", "",
	    "<th>记录</th><th>机构</th><th>负责人</th><th>日期</th>",
	    rows.data);
	if (n > PENDING_LISTED)
		html_fmt(&b, "<p class=\"hint\">仅列出前 %d 条。</p>",
		    PENDING_LISTED);
	html_fmt(&b, "<p><a class=\"button secondary\" href=\"/ledger?"
	    "status=submitted&amp;from=%s&amp;to=%s\">在履职台账中核实</a> "
	    "<a class=\"button secondary\" href=\"/evaluation?year=%d&amp;"
	    "region=%s\">返回考评</a></p>", from, to, year, html_q(r->arena,
	    code));
	html_fmt(&b, "<form class=\"closure\" method=\"post\" "
	    "action=\"/evaluation/close\" data-confirm=\"尚有 %ld 条记录待核实,"
	    "结转后不能再核实。确定结转?\">", n);
	page_csrf(r, &b);
	html_fmt(&b, "<input type=\"hidden\" name=\"year\" value=\"%d\">"
	    "<input type=\"hidden\" name=\"region\" value=\"%s\">"
	    "<input type=\"hidden\" name=\"confirmed\" value=\"1\">"
	    "<label>理由<textarea name=\"reason\" maxlength=\"600\" rows=\"2\">"
	    "%s</textarea></label><button type=\"submit\">仍然结转</button>"
	    "</form>", year, code, reason != NULL ? reason : "");
	page_end(r, &b);
	buf_free(&rows);
	buf_free(&b);
	return 1;
}
