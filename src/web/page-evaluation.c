/*
 * 年度考评: the evaluation of a year over a region, as a page, a score
 * form, and CSV and XLSX downloads.
 *
 * The year's results over the chosen region come materialised from the
 * store (domain/evaluation-set.c: evaluated once per change of the data,
 * limited there to what the account may see), so the summary is a count
 * in SQL and the table one page of PAGE_SIZE leaders, filtered by grade,
 * grade status, a duty's verdict or veto and sorted as asked, in SQL too;
 * the pages never evaluate by themselves. The downloads carry every
 * result the filters select, with Chinese headers and values.
 * The query the pages share and the filter form are in
 * page-evaluation-query.c, the downloads in page-evaluation-xlsx.c.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "domain/record.h"
#include "base/idmap.h"
#include "base/date.h"
#include "domain/evaluation.h"
#include "engine/coverage.h"
#include "report/report.h"
#include "web/web.h"
#include "web/page-evaluation.h"

/* characters; the importer takes 4000 bytes, three a Chinese character */
#define COMMENT_MAX 1000
#define PAGE_SIZE 50 /* leaders per page of the table */

static int
reviewer(const struct request *r)
{
	return r->user.role == ACCT_ADMIN || r->user.role == ACCT_OFFICE;
}

/* ---- the page ---- */

struct view {
	struct request *r;
	struct buf rows;
	const struct query *q;
	int reviewer;
	long n, by_grade[GRADE_COUNT], provisional, vetoed;
	long listed; /* results the table's filter selects */
	long shown;  /* of them, on this page */
	struct idmap *anchors; /* persons that have their anchor already */
	struct web_labels *labels; /* records the explanations name */
};

/* A reviewer's form scoring one qualitative duty; it carries the view's
 * year, region, filters and page so the answer can come back here. */
static void
score_form(struct view *v, const struct eval_result *res,
    const struct eval_duty *d)
{
	struct buf *b = &v->rows;
	html_fmt(b, "<form class=\"score\" method=\"post\" "
	    "action=\"/evaluation/score\">");
	page_csrf(v->r, b);
	html_fmt(b, "<input type=\"hidden\" name=\"person\" value=\"%s\">"
	    "<input type=\"hidden\" name=\"year\" value=\"%d\">"
	    "<input type=\"hidden\" name=\"duty\" value=\"%s\">",
	    res->person, v->q->year, d->rule->id);
	page_eval_query_hidden(b, v->q);
	html_fmt(b, "<input type=\"number\" name=\"score\" min=\"0\" "
	    "max=\"100\" step=\"0.1\" required aria-label=\"评分(0–100)\" "
	    "placeholder=\"0–100\"");
	if (d->scored)
		html_fmt(b, " value=\"%.1f\"", d->score);
	html_fmt(b, "><input name=\"comment\" maxlength=\"%d\" "
	    "aria-label=\"评语\" placeholder=\"评语\" value=\"%s\">"
	    "<button type=\"submit\">%s</button></form>", COMMENT_MAX,
	    d->scored ? d->comment : "", d->scored ? "改分" : "评分");
}

static void
duty_row(struct view *v, const struct eval_result *res,
    const struct eval_duty *d)
{
	struct buf *b = &v->rows;
	const struct catalog_rule *rule = d->rule;
	html_fmt(b, "<tr><td><a href=\"/catalog#rule-%s\">%s</a>"
	    "<div><small class=\"muted code\">%s</small></div></td><td>%s</td>"
	    "<td>", html_q(v->r->arena, rule->id), rule->title, rule->id,
	    rule->citation);
	page_eval_verdict(b, date_today(), v->q->year, res, d);
	page_eval_refer_duty(v->r, b, v->q->year, res, d);
	html_fmt(b, "</td><td class=\"num\">");
	if (d->has_counts)
		html_fmt(b, "%d / %d", d->required, d->actual);
	else
		html_fmt(b, "—");
	html_fmt(b, "</td><td>");
	html_ref_text(b, v->labels, d->explanation, "record", d->evidence,
	    d->nevidence);
	if (v->reviewer && !res->closed &&
	    rule->measure == MEASURE_QUALITATIVE && (d->verdict == VERDICT_NEEDS_REVIEW || d->scored))
		score_form(v, res, d);
	html_fmt(b, "</td><td class=\"ev\">");
	for (size_t i = 0; i < d->nevidence; i++)
		html_fmt(b, "<a href=\"/ledger/%s\">记录%zu</a> ",
		    html_q(v->r->arena, d->evidence[i]), i + 1);
	html_fmt(b, "</td></tr>");
}

static void
leader_rows(struct view *v, const struct eval_result *res)
{
	struct buf *b = &v->rows;
	char from[32], to[32];
	int64_t seen;
	date_format_cn(res->from, from);
	date_format_cn(res->to, to);
	html_fmt(b, "<tbody class=\"leader\"");
	if (!idmap_get(v->anchors, res->person, &seen) &&
	    idmap_put(v->anchors, res->person, 1) == 0)
		html_fmt(b, " id=\"%s\"", res->person);
	html_fmt(b, "><tr><td>%s</td><td>%s</td><td><strong>%s</strong></td>"
	    "<td>%s<div class=\"muted\">%s</div></td>"
	    "<td class=\"period\">%s<br>至 %s</td><td class=\"num\">",
	    res->region_name, res->organ_name, res->person_name,
	    catalog_role_label(res->role), coverage_label(res->coverage), from,
	    to);
	if (res->has_score)
		html_fmt(b, "%.1f", res->score);
	else
		html_fmt(b, "—");
	html_fmt(b, "</td><td>");
	page_eval_grade(v->r, b, res);
	if (res->veto)
		buf_puts(b, " <span class=\"tag v-unmet\">一票否决</span>");
	buf_puts(b, "</td><td>");
	if (res->provisional)
		buf_puts(b, "<span class=\"tag v-needs_review\" title=\"尚有定性"
		    "职责待评议,等次为暂定\">待评议</span>");
	buf_puts(b, "</td><td>");
	if (res->closed)
		html_fmt(b, " <span class=\"tag closed\" title=\"结转时冻结的"
		    "结果\">已结转</span>");
	for (size_t i = 0; i < res->nconsequences; i++) {
		const char *item = res->consequence_items != NULL ?
		    res->consequence_items[i] : NULL;
		html_fmt(b, "%s%s", i ? "、" : "", res->consequences[i]->label);
		if (item != NULL)
			html_fmt(b, "(%s)", item);
	}
	page_eval_refer_result(v->r, b, v->q->year, res);
	long count[5] = { 0 };
	for (size_t i = 0; i < res->nduties; i++)
		count[res->duties[i].verdict]++;
	html_fmt(b, "</td></tr><tr class=\"duties\"><td colspan=\"9\"><details>"
	    "<summary>职责明细 %zu 项:达标 %ld,未达标 %ld,待评议 %ld",
	    res->nduties, count[VERDICT_MET], count[VERDICT_UNMET],
	    count[VERDICT_NEEDS_REVIEW]);
	if (count[VERDICT_NOT_APPLICABLE] + count[VERDICT_INSUFFICIENT_PERIOD])
		html_fmt(b, ",不适用或任职不足 %ld",
		    count[VERDICT_NOT_APPLICABLE] +
		    count[VERDICT_INSUFFICIENT_PERIOD]);
	html_fmt(b, "</summary><div class=\"table-wrap\"><table class=\"duty\">"
	    "<thead><tr><th>职责</th><th>条款</th><th>结论</th>"
	    "<th>应有 / 实有</th><th>说明</th><th>佐证记录</th></tr></thead>"
	    "<tbody>");
	for (size_t i = 0; i < res->nduties; i++)
		duty_row(v, res, &res->duties[i]);
	html_fmt(b, "</tbody></table></div></details></td></tr></tbody>");
}

/* Draws a result of the table's page. */
static int
view_result(void *ctx, const struct eval_result *res)
{
	struct view *v = ctx;
	leader_rows(v, res);
	v->shown++;
	return 0;
}

static void
pager(struct buf *b, const struct view *v)
{
	long pages = (v->listed + PAGE_SIZE - 1) / PAGE_SIZE, p = v->q->page;
	if (pages <= 1)
		return;
	html_fmt(b, "<nav class=\"pager\" aria-label=\"分页\">");
	if (p > 1) {
		html_fmt(b, "<a href=\"");
		page_eval_query_link(b, v->q, p - 1, "&amp;");
		html_fmt(b, "\">上一页</a>");
	}
	html_fmt(b, "<span>第 %ld / %ld 页(每页 %d 人)</span>", p, pages,
	    PAGE_SIZE);
	if (p < pages) {
		html_fmt(b, "<a href=\"");
		page_eval_query_link(b, v->q, p + 1, "&amp;");
		html_fmt(b, "\">下一页</a>");
	}
	html_fmt(b, "</nav>");
}

/* The grades as horizontal bars: inline SVG, no script. */
static void
chart(struct buf *b, const struct view *v)
{
	long max = 1;
	for (int g = 0; g < GRADE_COUNT; g++)
		if (v->by_grade[g] > max)
			max = v->by_grade[g];
	html_fmt(b, "<svg class=\"chart grades\" viewBox=\"0 0 420 132\" "
	    "role=\"img\" aria-label=\"等次分布\"><title>等次分布</title>");
	for (int g = 0; g < GRADE_COUNT; g++) {
		int y = 6 + g * 31;
		int w = (int)(v->by_grade[g] * 300 / max);
		html_fmt(b, "<text x=\"0\" y=\"%d\" class=\"label\">%s</text>"
		    "<rect x=\"70\" y=\"%d\" width=\"300\" height=\"20\" rx=\"3\" "
		    "class=\"track\"/><rect x=\"70\" y=\"%d\" width=\"%d\" "
		    "height=\"20\" rx=\"3\" class=\"b-%s\"/>"
		    "<text x=\"378\" y=\"%d\" class=\"count\">%ld</text>",
		    y + 15, catalog_grade_label((enum grade)g), y, y, w,
		    catalog_grade_name((enum grade)g), y + 15, v->by_grade[g]);
	}
	html_fmt(b, "</svg>");
}

static void
summary(struct buf *b, const struct view *v, const char *scope,
    struct eval_period period)
{
	char from[32], to[32];
	html_fmt(b, "<section class=\"card summary\"><div><h2>%d 年度 · %s</h2>",
	    v->q->year, scope);
	if (period.from <= period.to) {
		date_format_cn(period.from, from);
		date_format_cn(period.to, to);
		html_fmt(b, "<p class=\"muted\">考评期间 %s 至 %s</p>", from, to);
	} else {
		html_fmt(b, "<p class=\"muted\">该年度早于职责清单施行日期,"
		    "不予考评。</p>");
	}
	html_fmt(b, "<dl class=\"counts\"><div><dt>考评对象</dt><dd class=\"stat\">"
	    "%ld</dd></div>", v->n);
	/* Each count links to the table limited to it. */
	for (int g = 0; g < GRADE_COUNT; g++) {
		struct query only = *v->q;
		only.grade = catalog_grade_name((enum grade)g);
		only.provisional = only.verdict = "";
		html_fmt(b, "<div><dt><span class=\"tag g-%s\">%s</span></dt>"
		    "<dd class=\"stat\"><a href=\"", only.grade,
		    catalog_grade_label((enum grade)g));
		page_eval_query_link(b, &only, 1, "&amp;");
		html_fmt(b, "\">%ld</a></dd></div>", v->by_grade[g]);
	}
	struct query pending = *v->q, vetoed = *v->q;
	pending.grade = pending.verdict = vetoed.grade = vetoed.provisional = "";
	pending.provisional = "1";
	vetoed.verdict = "veto";
	html_fmt(b, "<div><dt>待评议(等次暂定)</dt><dd class=\"stat\"><a href=\"");
	page_eval_query_link(b, &pending, 1, "&amp;");
	html_fmt(b, "\">%ld</a></dd></div><div><dt>一票否决</dt>"
	    "<dd class=\"stat\"><a href=\"", v->provisional);
	page_eval_query_link(b, &vetoed, 1, "&amp;");
	html_fmt(b, "\">%ld</a></dd></div></dl></div><div>", v->vetoed);
	chart(b, v);
	html_fmt(b, "</div></section>");
}

/* Which versions of the catalog the year is evaluated under. */
static void
versions_note(struct request *r, struct buf *b, int year)
{
	const struct catalog *v[64];
	size_t n = catalog_versions_of_year(r->catalog, year, v, 64);
	if (n == 0)
		return;
	const struct catalog *last = catalog_version_at(r->catalog,
	    date_from_ymd(year, 12, 31));
	html_fmt(b, "<p class=\"muted versions\">适用职责清单:");
	for (size_t i = 0; i < n && i < 64; i++) {
		char eff[32];
		date_format_cn(v[i]->effective, eff);
		html_fmt(b, "%s<a href=\"/catalog?version=%s\">%s 版</a>(%s起施行)",
		    i ? "、" : "", html_q(r->arena, v[i]->version),
		    v[i]->version, eff);
	}
	if (n > 1)
		html_fmt(b, "。跨版本任职的,次数要求按各版本施行天数折算;职责、"
		    "权重和等次划分依任职期间最后一日施行的版本,年末为 %s 版",
		    last->version);
	html_fmt(b, "。</p>");
}

/* The grade rests on cut-offs and weights the regulation does not give:
 * say so, with their basis, next to the grades. */
static void
interpretations(struct buf *b, const struct catalog *c)
{
	struct buf note;
	buf_init(&note, 1u << 16);
	report_interpretations_note(c, "职责清单", &note);
	html_fmt(b, "<p class=\"hint interp-note\"><span class=\"mark "
	    "mark-interp\">〔解释〕</span> %s。<a href=\"/catalog\">查看职责清单"
	    "</a></p>", note.data ? note.data : "");
	buf_free(&note);
}

void
page_evaluation(struct request *r)
{
	struct query q;
	struct page_eval_regions rs;
	struct view v = { .r = r, .q = &q, .reviewer = reviewer(r),
		.labels = web_labels_new(r) };
	struct evaluation_set es;
	struct buf b;
	if (page_evaluation_query(r, &q))
		return;
	if (page_eval_regions_load(r, &rs)) {
		page_error(r, 500, "内部错误:无法读取地区");
		return;
	}
	struct dom d;
	req_dom(r, &d);
	/* The summary counts the whole scope; the table what the filters
	 * select, one page of it, in the order asked: each in SQL over the
	 * year's materialised results (domain/evaluation-set.c). */
	struct store_evalfilter all = STORE_EVALFILTER_ALL, f;
	enum store_evalsort sort;
	page_evaluation_select(&q, &f, &sort);
	if (evaluation_set_open(&d, q.year, q.region, &es) ||
	    evaluation_set_tally(&d, &es, &all, v.by_grade, &v.provisional,
	    &v.vetoed) || (v.listed = evaluation_set_count(&d, &es, &f)) < 0) {
		page_fault(r, &d.fault);
		return;
	}
	for (int g = 0; g < GRADE_COUNT; g++)
		v.n += v.by_grade[g];
	buf_init(&b, 32u << 20);
	buf_init(&v.rows, 32u << 20);
	v.anchors = idmap_create();
	if (v.anchors == NULL) {
		page_error(r, 500, "内部错误:内存不足");
		goto out;
	}
	if (evaluation_set_each(&d, &es, &f, sort,
	    (q.page - 1) * PAGE_SIZE, PAGE_SIZE, view_result, &v)) {
		page_fault(r, &d.fault);
		goto out;
	}
	page_begin(r, &b, "年度考评", "/evaluation");
	html_fmt(&b, "<h1>年度考评</h1><p class=\"sub\">党政主要负责人履行推进"
	    "法治建设第一责任人职责年度考评,依据职责清单逐项评定;定性职责由"
	    "依法治理办公室评分。</p>");
	page_eval_filters(r, &b, &q, &rs);
	versions_note(r, &b, q.year);
	summary(&b, &v, page_eval_scope_name(r, &rs, &q),
	    eval_period_of(r->catalog, q.year));
	interpretations(&b, catalog_version_at(r->catalog,
	    date_from_ymd(q.year, 12, 31)));
	page_evaluation_closure(r, &b, &q, page_eval_region_name, &rs);
	if (v.n == 0 || v.listed == 0) {
		html_fmt(&b, "<p class=\"card muted\">%s</p>", v.n == 0 ?
		    "该范围内本年度没有考评对象。" : "没有符合所选条件的考评对象。");
		page_end(r, &b);
		goto out;
	}
	if (v.shown == 0) {
		html_fmt(&b, "<p class=\"card muted\">没有这一页。<a href=\"");
		page_eval_query_link(&b, &q, 1, "&amp;");
		html_fmt(&b, "\">回到第 1 页</a></p>");
		page_end(r, &b);
		goto out;
	}
	if (page_eval_filtered(&q)) {
		html_fmt(&b, "<p class=\"muted\">下表只列出符合所选条件的 %ld 人。"
		    "<a href=\"", v.listed);
		struct query every = q;
		every.grade = every.provisional = every.verdict = "";
		page_eval_query_link(&b, &every, 1, "&amp;");
		html_fmt(&b, "\">显示全部</a></p>");
	}
	pager(&b, &v);
	html_fmt(&b, "<div class=\"table-wrap\"><table class=\"eval\"><thead>"
	    "<tr><th>地区</th><th>机构</th><th>姓名</th><th>职务</th>"
	    "<th>考评期间</th><th>得分</th><th>等次</th><th>待评议</th>"
	    "<th>考评后果</th></tr></thead>");
	buf_append(&b, v.rows.data, v.rows.len);
	html_fmt(&b, "</table></div>");
	pager(&b, &v);
	html_fmt(&b, "<p class=\"hint\">得分为各项职责按权重折算"
	    "的百分制得分;“待评议”表示尚有定性职责未评分,等次为暂定。"
	    "点击“职责明细”查看每项职责的结论、说明和佐证记录。</p>");
	page_end(r, &b);
out:
	idmap_free(v.anchors);
	buf_free(&v.rows);
	buf_free(&b);
}

/* ---- scoring ---- */

void
page_evaluation_score(struct request *r)
{
	const char *person = req_form(r, "person"), *year = req_form(r, "year");
	const char *duty = req_form(r, "duty"), *score = req_form(r, "score");
	const char *comment = req_form(r, "comment");
	const char *region = req_form(r, "region");
	json_t *o = json_object();
	int y = 0;
	if (o == NULL) {
		page_error(r, 500, "内部错误:内存不足");
		return;
	}
	/* Values that do not parse go on as strings: score_write then
	 * names the field at fault, the same answer the API gives. */
	if (person != NULL)
		json_object_set_new(o, "person", json_string(person));
	if (year != NULL)
		json_object_set_new(o, "year", date_parse_year(year, &y) == 0 ?
		    json_integer(y) : json_string(year));
	if (duty != NULL)
		json_object_set_new(o, "duty", json_string(duty));
	if (score != NULL) {
		char *end;
		errno = 0;
		double s = strtod(score, &end);
		json_object_set_new(o, "score", *score != '\0' && *end == '\0' &&
		    errno == 0 && isfinite(s) ? json_real(s) : json_string(score));
	}
	if (comment != NULL && *comment != '\0')
		json_object_set_new(o, "comment", json_string(comment));
	struct dom d;
	req_dom(r, &d);
	int rc = score_write(&d, o);
	json_decref(o);
	if (rc) {
		page_fault(r, &d.fault);
		fault_clear(&d.fault);
		return;
	}
	/* Back to where the form was, built from checked values only. */
	struct query q = { .year = y, .region = region };
	if (page_eval_filters_read(r, req_form, &q) != NULL) {
		q.grade = q.provisional = q.verdict = q.sort = "";
		q.page = 1;
	}
	if (q.region != NULL && (*q.region == '\0' || strlen(q.region) > 64))
		q.region = NULL;
	struct buf loc;
	buf_init(&loc, 4096);
	page_eval_query_link(&loc, &q, q.page, "&");
	html_fmt(&loc, "#%s", html_q(r->arena, person));
	resp_redirect(r, loc.data ? loc.data : "/evaluation");
	buf_free(&loc);
}

/* ---- downloads ---- */
