/*
 * 年度考评: whether the year is closed (结转) for the region shown, by whom,
 * when, why, under which catalog version and SM3 digest, and its history;
 * for the office of the region, the forms that close it (结转(关闭)年度)
 * and reopen it (重新开放). Reads and writes are domain/closure.c's, the
 * API's own.
 */
#include <stdio.h>
#include <string.h>

#include "auth/access.h"
#include "base/date.h"
#include "domain/closure.h"
#include "engine/closure.h"
#include "web/page-evaluation.h"
#include "web/web.h"

/* A text that may be NULL, as "" for the page. */
static const char *
str(const char *v)
{
	return v != NULL ? v : "";
}

/* A stored UTC time as a Chinese date and Beijing time. */
static const char *
when(struct request *r, const char *utc)
{
	const char *bj = date_beijing(r->arena, utc);
	return bj ? arena_printf(r->arena, "%s(北京时间)", bj) : "";
}

static const char *
region_label(const char *code, const char *(*name)(void *, const char *),
    void *ctx)
{
	if (code == NULL || *code == '\0')
		return "全部地区";
	const char *n = name(ctx, code);
	return n != NULL ? n : code;
}

/* Who closed or reopened: for a command on the server (main.c's
 * "cli:USER") the operator, said as such; else the person and post
 * behind the account ("web:" or "api:" and its name), never its login
 * name. */
static void
actor_html(struct request *r, struct buf *b, const char *actor)
{
	if (strncmp(actor, "cli:", 4) == 0)
		html_fmt(b, "服务器命令行操作员(%s)", actor + 4);
	else
		html_who(r, b, strncmp(actor, "web:", 4) == 0 ||
		    strncmp(actor, "api:", 4) == 0 ? actor + 4 : actor);
}

/* The hidden fields and reason of a close or reopen form, which asks
 * before it is sent (app.js: data-confirm). */
static void
form(struct request *r, struct buf *b, const char *action, int year,
    const char *region, int required, const char *label, const char *hint,
    const char *confirm)
{
	html_fmt(b, "<form class=\"closure\" method=\"post\" action=\"%s\" "
	    "data-confirm=\"%s\">", action, confirm);
	page_csrf(r, b);
	html_fmt(b, "<input type=\"hidden\" name=\"year\" value=\"%d\">"
	    "<input type=\"hidden\" name=\"region\" value=\"%s\">"
	    "<label>理由<textarea name=\"reason\" maxlength=\"600\" rows=\"2\""
	    "%s placeholder=\"%s\"></textarea></label>"
	    "<button type=\"submit\">%s</button></form>", year, region,
	    required ? " required" : "", hint, label);
}

/* One closure as a list item: the region (as region writes it), when,
 * who, the catalog's version and digest, the reason. */
static void
closure_item(struct request *r, struct buf *b, const struct closure *c,
    void (*region)(struct buf *, const char *, void *), void *ctx)
{
	const char *reason = str(c->reason);
	html_fmt(b, "<li><strong>");
	region(b, c->region, ctx);
	html_fmt(b, "</strong>:%s 由 ", when(r, str(c->closed_at)));
	actor_html(r, b, str(c->closed_by));
	html_fmt(b, " 结转;规则集 %s 版本 %s,SM3 <code>%s</code>%s%s</li>",
	    str(c->ruleset), str(c->version), str(c->digest), *reason ?
	    ";理由:" : "", reason);
}

struct named {
	const char *(*name)(void *, const char *);
	void *ctx;
};

static void
region_named(struct buf *b, const char *code, void *ctx)
{
	struct named *n = ctx;
	html_fmt(b, "%s", region_label(code, n->name, n->ctx));
}

/* The card shows the first CLOSURES_SHOWN closures and links the rest
 * (/evaluation/closures, paged in the store). */
#define CLOSURES_SHOWN 10

/* The link to that list for year over region (NULL: the scope). */
static void
closures_link(struct request *r, struct buf *b, int year,
    const char *region)
{
	html_fmt(b, "/evaluation/closures?year=%d", year);
	if (region != NULL)
		html_fmt(b, "&amp;region=%s", html_q(r->arena, region));
}

void
page_evaluation_closure(struct request *r, struct buf *b,
    const struct query *q, const char *(*name)(void *, const char *),
    void *ctx)
{
	char path[512];
	const char *region = q->region != NULL ? q->region :
	    r->user.region[0] ? r->user.region : NULL;
	snprintf(path, sizeof path, "/");
	if (region != NULL && store_region_path(r->store, region, path,
	    sizeof path) != 1)
		return;
	struct dom d;
	struct closure_listing l;
	struct named nm = { name, ctx };
	req_dom(r, &d);
	if (closure_list(&d, q->year, path, 0, CLOSURES_SHOWN, &l))
		return;
	int office = r->user.role == ACCT_OFFICE && region != NULL &&
	    access_can_read_path(&r->user, path);
	/* Closed when a closure holds the region, by its own when one is
	 * the region's. */
	int covered = l.nholding > 0, exact = 0;
	for (size_t i = 0; i < l.nholding; i++) {
		char cpath[512] = "/";
		if (l.holding[i].region == NULL || store_region_path(r->store,
		    l.holding[i].region, cpath, sizeof cpath) == 1)
			exact |= strcmp(path, cpath) == 0;
	}
	html_fmt(b, "<section class=\"card closure\"><h2>年度结转</h2>");
	if (l.total == 0)
		html_fmt(b, "<p class=\"muted\">%d 年度在本范围内尚未结转:考评结果"
		    "随台账和职责清单变化。</p>", q->year);
	else
		html_fmt(b, "<p>以下范围的 %d 年度考评结果已结转(冻结):此后无论"
		    "载入哪一版职责清单、导入什么记录,均以结转时的结果为准;该年度"
		    "的记录不能再新增或修改。</p><ul class=\"closures\">", q->year);
	for (size_t i = 0; i < l.n; i++)
		closure_item(r, b, &l.v[i], region_named, &nm);
	if (l.total > 0)
		html_fmt(b, "</ul>");
	if (l.total > (long)l.n) {
		html_fmt(b, "<p><a href=\"");
		closures_link(r, b, q->year, q->region);
		html_fmt(b, "\">全部 %ld 个已结转范围</a></p>", l.total);
	}
	/* A year is closed once it has ended. */
	if (office && !covered && date_today() > date_from_ymd(q->year, 12,
	    31)) {
		int need = closure_needs_reason(q->year, date_today());
		html_fmt(b, "<p class=\"muted\">结转 %s 的 %d 年度:冻结其全部考评"
		    "结果,连同职责清单版本及其 SM3 摘要。%s</p>",
		    region_label(region, name, ctx), q->year, need ?
		    "次年 4 月 1 日前(年度述职等仍可能报送)结转,须说明理由。" : "");
		form(r, b, "/evaluation/close", q->year, region, need,
		    "结转(关闭)年度", need ? "必填:提前结转的理由" : "可选",
		    arena_printf(r->arena, "结转后 %d 年度的考评结果即冻结,台账、"
		    "评分不能再改,重新开放须说明理由。确定结转?", q->year));
	}
	if (office && exact)
		form(r, b, "/evaluation/reopen", q->year, region, 1,
		    "重新开放", "必填:重新开放的理由", arena_printf(r->arena,
		    "重新开放后 %d 年度的冻结结果作废,考评按现行台账重算。确定重新开放?",
		    q->year));
	if (l.nsteps > 0)
		html_fmt(b, "<details><summary>结转记录</summary><ul>");
	for (size_t i = 0; i < l.nsteps; i++) {
		const struct closure_step *e = &l.steps[i];
		const char *reason = str(e->reason);
		html_fmt(b, "<li>%s ", when(r, str(e->at)));
		actor_html(r, b, str(e->actor));
		html_fmt(b, " %s %s%s</li>", strcmp(str(e->action), "close") ==
		    0 ? "结转" : "重新开放", *reason ? "理由:" : "", reason);
	}
	if (l.nsteps > 0)
		html_fmt(b, "</ul></details>");
	html_fmt(b, "</section>");
}

static void
region_ref(struct buf *b, const char *code, void *ctx)
{
	if (code == NULL || *code == '\0')
		html_fmt(b, "全部地区");
	else
		html_ref(b, ctx, "region", code);
}

/* GET /evaluation/closures?year=&region=: every closure of the year in
 * the scope (or region's), outermost first, a page at a time from the
 * store. */
void
page_evaluation_closures(struct request *r)
{
	static const char *const keep[] = { "year", "region", NULL };
	struct query q;
	struct web_list wl;
	char path[512];
	if (page_evaluation_query(r, &q))
		return;
	web_list_read(r, &wl, "/evaluation/closures", keep, NULL, 0);
	struct dom d;
	struct closure_listing l;
	req_dom(r, &d);
	/* The API's scope: region's (404, 403) or the caller's. */
	if (closure_scope_path(&d, q.region, path, sizeof path) ||
	    closure_list(&d, q.year, path, (long)(wl.page - 1) * wl.per_page,
	    wl.per_page, &l)) {
		page_fault(r, &d.fault);
		return;
	}
	wl.total = l.total;
	struct buf b;
	buf_init(&b, 4u << 20);
	page_begin(r, &b, "已结转范围", "/evaluation");
	html_fmt(&b, "<h1>%d 年度已结转范围</h1><p class=\"sub\"><a href=\""
	    "/evaluation?year=%d", q.year, q.year);
	if (q.region != NULL)
		html_fmt(&b, "&amp;region=%s", html_q(r->arena, q.region));
	html_fmt(&b, "\">返回年度考评</a></p><section class=\"card\">");
	html_list_total(&b, &wl, "");
	if (l.n == 0)
		html_fmt(&b, "<p class=\"muted\">%s</p>", l.total ? "本页没有" :
		    "本范围内尚未结转。");
	else
		html_fmt(&b, "<ul class=\"closures\">");
	for (size_t i = 0; i < l.n; i++)
		closure_item(r, &b, &l.v[i], region_ref, web_labels_new(r));
	if (l.n > 0)
		html_fmt(&b, "</ul>");
	html_pager(&b, r, &wl);
	html_fmt(&b, "</section>");
	page_end(r, &b);
	buf_free(&b);
}

static void
write_form(struct request *r, int reopen)
{
	const char *year = req_form(r, "year"), *region = req_form(r, "region");
	const char *reason = req_form(r, "reason");
	struct dom d;
	int y = 0;
	/* A year that does not parse is none: the domain names the field. */
	if (year == NULL || date_parse_year(year, &y))
		y = 0;
	if (region != NULL && *region == '\0')
		region = NULL;
	if (reason != NULL && *reason == '\0')
		reason = NULL;
	/* A close lists the records still awaiting verification first
	 * (one that lacks its required reason is refused at once). */
	if (!reopen && req_form(r, "confirmed") == NULL && (reason != NULL ||
	    !closure_needs_reason(y, date_today())) &&
	    page_evaluation_close_pending(r, y, region, reason) != 0)
		return;
	req_dom(r, &d);
	if (closure_write(&d, y, region, reason, reopen)) {
		page_fault(r, &d.fault);
		return;
	}
	struct buf loc;
	buf_init(&loc, 4096);
	html_fmt(&loc, "/evaluation?year=%d", y);
	if (region != NULL && strlen(region) <= 64)
		html_fmt(&loc, "&region=%s", html_q(r->arena, region));
	resp_redirect(r, loc.data ? loc.data : "/evaluation");
	buf_free(&loc);
}

void
page_evaluation_close(struct request *r)
{
	write_form(r, 0);
}

void
page_evaluation_reopen(struct request *r)
{
	write_form(r, 1);
}
