/*
 * 问责 pages: the cases in scope with their deadlines, the vetoed
 * evaluation results waiting to be referred (移送问责) and the form that
 * opens a case; one case is page-case.c.
 *
 * Nothing here decides scope, validity or the procedure: the listing is
 * case_list's, the referrals case_referrals', and every write is the
 * domain operation the JSON API calls (domain/case.h), the form read by
 * the same field table as a JSON body. A refused write shows the page
 * again with the reason and the refusal's status.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/record.h"
#include "domain/case.h"
#include "domain/lookup.h"
#include "store/store-cases.h"
#include "web/web.h"
#include "web/page-cases.h"

#define PER_PAGE 50
#define REFERRALS_PAGE 20 /* results a page of the referral list shows */

/* ---- small helpers ---- */

/* A value of the form being redrawn: posted (after a refused write) or
 * from the query (a prefilled new case). */
static const char *
input(struct request *r, const char *name)
{
	return req_writes(r) ? req_form(r, name) : req_query(r, name);
}

/* A posted value without surrounding blanks; NULL when empty. */
const char *
page_cases_posted(struct request *r, const char *name)
{
	const char *v = req_form(r, name);
	if (v == NULL)
		return NULL;
	while (*v != '\0' && strchr(" \t\r\n", *v) != NULL)
		v++;
	size_t n = strlen(v);
	while (n > 0 && strchr(" \t\r\n", v[n - 1]) != NULL)
		n--;
	if (n == 0)
		return NULL;
	char *s = arena_strdup(r->arena, v);
	s[n] = '\0';
	return s;
}

const char *
page_cases_get(void *ctx, const char *name)
{
	struct request *r = ctx;
	const char *v = page_cases_posted(r, name);
	/* An empty choice of result is sent as such: it is named. */
	if (v == NULL && strcmp(name, "result") == 0 &&
	    req_form(r, name) != NULL)
		return "";
	return v;
}

/* The posted file kept as evidence (domain/record.h: evidence_take). */
int
page_cases_upload(struct request *r, struct dom *d, struct case_upload *f)
{
	struct evidence_file *k = arena_alloc(r->arena, sizeof *k);
	struct evidence_upload u = req_upload(r);
	if (evidence_take(d, &u, k)) {
		page_fault(r, &d->fault);
		return -1;
	}
	*f = (struct case_upload){ k->sm3, k->mime, k->filename, k->size };
	return 0;
}

/* A title or reason without its English gloss: "中文 (english)". */
static const char *
chinese(struct request *r, const char *s)
{
	const char *p = s ? strstr(s, " (") : NULL;
	if (p == NULL || p == s || s[strlen(s) - 1] != ')')
		return s;
	char *out = arena_strdup(r->arena, s);
	out[p - s] = '\0';
	return out;
}

/* The refused write's fault, above the page, its field by its label. */
void
page_cases_problem(struct request *r, struct buf *b, const struct fault *why)
{
	const struct attr *fd = why->field ? entity_attr(&case_fields,
	    why->field) : NULL;
	html_fmt(b, "<div class=\"alert\" role=\"alert\"><strong>%s</strong>",
	    why->status == 400 ? "未保存:填写有误" : "未办理");
	html_fmt(b, "<br>");
	if (why->field != NULL)
		html_fmt(b, "%s:", fd ? fd->label : why->field);
	html_fmt(b, "%s", chinese(r, why->title));
	if (why->detail != NULL && why->status != 400)
		html_fmt(b, "(%s)", why->detail);
	html_fmt(b, "</div>");
}

/* The notice after a write that redirected here (?ok=...). */
void
page_cases_notice(struct request *r, struct buf *b)
{
	static const char *const notices[][2] = {
		{ "created", "案件已立案。" },
		{ "moved", "已办理。" },
		{ "appealed", "申诉已登记;申诉期间不停止问责决定的执行。" },
		{ "decided", "申诉处理决定已记录。" },
		{ "waived", "已记录被问责对象书面放弃陈述和申辩。" },
		{ NULL, NULL },
	};
	page_ok_notice(r, b, notices);
}

/* "剩 12 天", "今日到期", "已过 3 天". */
void
page_cases_days_left(struct buf *b, int n)
{
	if (n > 0)
		html_fmt(b, "<span class=\"tag\">剩 %ld 天</span>", (long)n);
	else if (n == 0)
		html_fmt(b, "<span class=\"tag g-basic_pass\">今日到期</span>");
	else
		html_fmt(b, "<span class=\"tag g-fail\">已过 %ld 天</span>",
		    (long)-n);
}

static void
deadlines_inline(struct buf *b, const struct case_view *v)
{
	char due[32];
	if (v->ndeadlines == 0) {
		html_fmt(b, "—");
		return;
	}
	for (size_t i = 0; i < v->ndeadlines; i++) {
		date_format_cn(v->deadlines[i].due, due);
		if (i)
			buf_puts(b, "<br>");
		html_fmt(b, "%s %s ", v->deadlines[i].def->label, due);
		page_cases_days_left(b, v->deadlines[i].days_left);
	}
}

/* The state as a tag: open states neutral, closed green, dismissed grey. */
void
page_cases_state_tag(struct buf *b, const struct case_view *v)
{
	const char *s = v->c.state;
	const char *cls = s == NULL ? "" : strcmp(s, "closed") == 0 ?
	    " g-excellent" : strcmp(s, "dismissed") == 0 ? " g-pass" :
	    strcmp(s, "decided") == 0 || strcmp(s, "executing") == 0 ?
	    " g-basic_pass" : "";
	html_fmt(b, "<span class=\"tag%s\">%s</span>", cls,
	    proc_state_label(v->p.state));
}

static void
target_text(struct buf *b, const struct store_case *c)
{
	if (c->person != NULL)
		html_fmt(b, "%s <span class=\"muted\">%s</span>",
		    c->person_name, c->organ_name);
	else
		html_fmt(b, "%s <span class=\"muted\">(党组织)</span>",
		    c->organ_name);
}

/* ---- the listing ---- */

static void
cases_table(struct request *r, struct buf *b, const struct case_list *l)
{
	html_fmt(b, "<div class=\"table-wrap\"><table><thead><tr><th>编号</th>"
	    "<th>问责对象</th><th>情形</th><th class=\"hide-narrow\">来源</th>"
	    "<th>阶段</th><th>期限</th><th class=\"hide-narrow\">地区</th>"
	    "</tr></thead><tbody>");
	for (size_t i = 0; i < l->n; i++) {
		const struct case_view *v = &l->items[i];
		const struct store_case *c = &v->c;
		html_fmt(b, "<tr><td><a href=\"/accountability/%s\">%s</a></td>"
		    "<td>", html_q(r->arena, c->id), page_case_number(r, c));
		target_text(b, c);
		html_fmt(b, "</td><td>%s</td><td class=\"hide-narrow\">%s</td>"
		    "<td>", proc_item_label(c->item), proc_source_label(c->source));
		page_cases_state_tag(b, v);
		html_fmt(b, "</td><td>");
		deadlines_inline(b, v);
		html_fmt(b, "</td><td class=\"hide-narrow\">%s</td></tr>",
		    c->region_name);
	}
	html_fmt(b, "</tbody></table></div>");
}

static void
state_filter(struct request *r, struct buf *b, const char *state)
{
	html_fmt(b, "<form class=\"filters card\" method=\"get\" "
	    "action=\"/accountability\"><label>阶段<select name=\"state\">"
	    "<option value=\"\">全部</option>");
	for (int s = 0; s < PROC_STATES; s++)
		page_option(b, proc_state_name((enum proc_state)s),
		    proc_state_label((enum proc_state)s), state);
	html_fmt(b, "</select></label><div class=\"actions\"><button "
	    "type=\"submit\">筛选</button></div></form>");
	(void)r;
}

/* The listing's filter, kept by its pager (list.c). */
static const char *const cases_keep[] = { "state", NULL };

/* ---- referrals: the 不合格 results of a year, paged ---- */

struct referrals {
	struct request *r;
	struct buf *b;
	int year;
	struct web_labels *labels; /* the cases already opened */
};

/* 第九条's item a vetoing duty cites ("第九条第(三)项" → 3), or 0. */
static int
item_of(const char *citation)
{
	static const char *const numerals[] = { "(一)", "(二)", "(三)", "(四)",
		"(五)" };
	if (citation == NULL || strncmp(citation, "第九条第", 12) != 0)
		return 0;
	for (int i = 0; i < 5; i++)
		if (strncmp(citation + 12, numerals[i], strlen(numerals[i])) == 0)
			return i + 1;
	return 0;
}

/* One failed duty of a result: what failed, and the case opened for it
 * or the link that fills the case form (a vetoing duty as 考评一票否决,
 * from=veto; any other as 考评不合格). */
static void
referral_duty(struct referrals *l, const struct eval_result *res,
    const struct eval_duty *d)
{
	struct request *r = l->r;
	struct buf *b = l->b;
	char other[130];
	const char *ref = arena_printf(r->arena, "eval:%d:%s:%s", l->year,
	    res->person, d->rule->id);
	int veto = res->veto && d->rule->veto;
	html_fmt(b, "<li>%s<span class=\"muted\">(%s)</span> ", d->rule->title,
	    d->rule->citation);
	if (veto)
		html_fmt(b, "<span class=\"tag v-unmet\">一票否决</span> ");
	int rc = store_case_by_ref(r->store, ref, other, sizeof other);
	if (rc == 1) {
		html_fmt(b, "<span class=\"tag\">已立案</span> ");
		html_ref(b, l->labels, "case", other);
		html_fmt(b, "</li>");
		return;
	}
	if (rc < 0) {
		html_fmt(b, "</li>");
		return;
	}
	int item = veto ? item_of(d->rule->citation) : 0;
	html_fmt(b, "<a class=\"refer\" href=\"/accountability?person=%s&amp;"
	    "organ=%s&amp;source=%s", html_q(r->arena, res->person),
	    html_q(r->arena, res->organ), html_q(r->arena, ref));
	if (veto)
		html_fmt(b, "&amp;from=veto");
	if (item > 0)
		html_fmt(b, "&amp;item=%d", item);
	html_fmt(b, "&amp;summary=%s#new\">移送问责</a></li>",
	    html_q(r->arena, arena_printf(r->arena, "%d 年度考评不合格:%s(%s)"
	    "未履行%s。", l->year, d->rule->title, d->rule->citation, veto ?
	    ",一票否决" : "")));
}

static int
referral_row(void *ctx, const struct eval_result *res)
{
	struct referrals *l = ctx;
	struct buf *b = l->b;
	html_fmt(b, "<tr><td><strong>%s</strong><br><span class=\"muted\">%s"
	    "</span></td><td>%s<br><span class=\"muted\">%s</span></td><td>"
	    "<ul class=\"plain\">", res->person_name, catalog_role_label(
	    res->role), res->organ_name, res->region_name);
	for (size_t i = 0; i < res->nduties; i++)
		if (res->duties[i].verdict == VERDICT_UNMET)
			referral_duty(l, res, &res->duties[i]);
	html_fmt(b, "</ul></td></tr>");
	return 0;
}

/* The referral list's own query (its year, its page), beside the cases'
 * filter and pager. */
static void
referral_link(struct buf *b, struct request *r, int year, long page)
{
	const char *state = req_query(r, "state");
	html_fmt(b, "/accountability?ryear=%d&amp;rpage=%ld", year, page);
	if (state != NULL && *state != '\0')
		html_fmt(b, "&amp;state=%s", html_q(r->arena, state));
	html_fmt(b, "#referrals");
}

static void
referrals(struct request *r, struct dom *d, struct buf *b)
{
	int now = date_year(date_today()), year = now - 1;
	const char *v = req_query(r, "ryear");
	long page = 1;
	int asked;
	if (v != NULL && date_parse_year(v, &asked) == 0 && asked >= now - 4 &&
	    asked <= now)
		year = asked;
	if ((v = req_query(r, "rpage")) != NULL && (page = atol(v)) < 1)
		page = 1;
	struct referrals l = { r, NULL, year, web_labels_new(r) };
	struct buf rows;
	long total = 0;
	buf_init(&rows, CASES_PAGE_MAX);
	l.b = &rows;
	html_fmt(b, "<section class=\"card\" id=\"referrals\"><h2>移送问责</h2>"
	    "<p class=\"hint\">年度考评为不合格的负责人及其未履行的职责(第九条)。"
	    "移送后由纪检监察机关或依法治理办公室立案办理;已立案的注明案件编号。"
	    "</p><form class=\"filters\" method=\"get\" action=\"/accountability#"
	    "referrals\"><label>年度<select name=\"ryear\">");
	for (int y = now; y >= now - 4; y--)
		html_fmt(b, "<option value=\"%d\"%s>%d 年度</option>", y,
		    y == year ? " selected" : "", y);
	html_fmt(b, "</select></label><button type=\"submit\">查看</button>"
	    "</form>");
	if (case_referrals(d, year, (page - 1) * REFERRALS_PAGE,
	    REFERRALS_PAGE, &total, referral_row, &l)) {
		fault_clear(&d->fault);
		html_fmt(b, "<p class=\"alert\" role=\"alert\">暂时无法读取 %d 年度"
		    "考评结果。</p></section>", year);
		buf_free(&rows);
		return;
	}
	if (total == 0)
		html_fmt(b, "<p class=\"muted\">%d 年度没有不合格的考评结果。</p>",
		    year);
	else if (rows.len == 0)
		html_fmt(b, "<p class=\"muted\">没有这一页。</p>");
	else {
		html_fmt(b, "<p class=\"muted\">%d 年度不合格 %ld 人。</p>"
		    "<div class=\"table-wrap\"><table><thead><tr><th>负责人</th>"
		    "<th>机构</th><th>未履行的职责</th></tr></thead><tbody>",
		    year, total);
		buf_append(b, rows.data, rows.len);
		html_fmt(b, "</tbody></table></div>");
	}
	long pages = (total + REFERRALS_PAGE - 1) / REFERRALS_PAGE;
	if (pages > 1) {
		html_fmt(b, "<nav class=\"pager\" aria-label=\"移送问责分页\">");
		if (page > 1) {
			html_fmt(b, "<a href=\"");
			referral_link(b, r, year, page - 1);
			html_fmt(b, "\">上一页</a> ");
		}
		html_fmt(b, "<span aria-current=\"page\">第 %ld 页,共 %ld 页"
		    "</span>", page, pages);
		if (page < pages) {
			html_fmt(b, " <a href=\"");
			referral_link(b, r, year, page + 1);
			html_fmt(b, "\">下一页</a>");
		}
		html_fmt(b, "</nav>");
	}
	buf_free(&rows);
	html_fmt(b, "</section>");
}

/* ---- the form that opens a case ---- */

/* The person of a form by id, in the caller's scope: their name and
 * post, and their organ; NULL fields when none. */
struct chosen {
	struct dom *d;
	const char *name, *post, *organ;
};

static int
keep_chosen(void *ctx, const struct store_person_hit *h)
{
	struct chosen *c = ctx;
	c->name = arena_strdup(c->d->arena, h->name);
	c->post = lookup_post(c->d, h);
	c->organ = arena_strdup(c->d->arena, h->organ);
	return 1;
}

static int
keep_organ(void *ctx, const struct store_organ_hit *h)
{
	struct chosen *c = ctx;
	c->name = arena_printf(c->d->arena, "%s %s", h->name, h->region_name);
	return 1;
}

/* The label of organ id in the caller's scope, or NULL. */
static const char *
organ_label(struct dom *d, const char *id)
{
	struct chosen c = { d, NULL, NULL, NULL };
	struct lookup_in in = { .id = id, .limit = 1 };
	if (id == NULL || *id == '\0' || lookup_organs(d, &in, keep_organ, &c))
		return NULL;
	return c.name;
}

static void
chosen_person(struct dom *d, const char *id, struct chosen *c)
{
	*c = (struct chosen){ d, NULL, NULL, NULL };
	struct lookup_in in = { .id = id, .limit = 1 };
	if (id != NULL && *id != '\0' && lookup_people(d, &in, keep_chosen, c))
		*c = (struct chosen){ d, NULL, NULL, NULL };
}

/*
 * An evaluation result as people read it: "2025年度考评 · 张三(南明区
 * 人民政府主要负责人) · 第七条第(一)项 职责标题" for the reference
 * "eval:YEAR:PERSON:DUTY" a 移送问责 link carries; NULL when ref is none.
 */
const char *
page_cases_source_text(struct request *r, struct dom *d, const char *ref)
{
	char person[130], duty[130];
	int year, n = 0;
	struct chosen c;
	if (ref == NULL)
		return NULL;
	if (sscanf(ref, "report:%4d:%129[^:]%n", &year, person, &n) == 2 &&
	    ref[n] == '\0') {
		chosen_person(d, person, &c);
		return arena_printf(r->arena, "%d年 · %s%s%s%s", year,
		    c.name ? c.name : "(不在您权限范围内的人员)",
		    c.post ? "(" : "", c.post ? c.post : "", c.post ? ")" : "");
	}
	n = 0;
	if (sscanf(ref, "eval:%4d:%129[^:]:%129[^:]%n", &year, person, duty,
	    &n) != 3 || ref[n] != '\0')
		return strncmp(ref, "eval:", 5) == 0 ? NULL : ref;
	chosen_person(d, person, &c);
	int k = catalog_rule_find(r->catalog, duty);
	const struct catalog_rule *rule = k >= 0 ? &r->catalog->rules[k] :
	    NULL;
	return arena_printf(r->arena, "%d年度考评 · %s%s%s%s · %s %s", year,
	    c.name ? c.name : "(不在您权限范围内的人员)", c.post ? "(" : "",
	    c.post ? c.post : "", c.post ? ")" : "",
	    rule && rule->citation ? rule->citation : "",
	    rule ? web_chinese(r->arena, rule->title) : "(未知职责)");
}

const char *
page_case_number(struct request *r, const struct store_case *c)
{
	return c->number ? arena_printf(r->arena, "%s%s", c->region_name ?
	    c->region_name : "", c->number) : "(待编号)";
}

/*
 * The form, prefilled from the query of a 移送问责 link
 * (/accountability?person=ID&source=eval:YEAR:PERSON:DUTY, with item and
 * summary optional) or from the refused post: the person picked by name,
 * the source shown as what it is, never a code to type.
 */
static void
open_form(struct request *r, struct dom *d, struct buf *b)
{
	const char *target = input(r, "target"), *item = input(r, "item");
	const char *source = input(r, "source"), *ref = input(r, "source_ref");
	const char *why = NULL;
	const char *person = page_picker_value(r, "person", "person", &why);
	const char *year = input(r, "year");
	if (source != NULL && strncmp(source, "eval:", 5) == 0) {
		ref = source;
		/* A vetoing duty's referral (from=veto) is 考评一票否决; any
		 * other failed duty of a 不合格 result, 考评不合格. */
		source = strcmp(input(r, "from") ? input(r, "from") : "",
		    "veto") == 0 ? "veto" : "evaluation";
		target = "cadre";
		/* The year of the result referred: "eval:2025:...". */
		if ((year == NULL || *year == '\0') && strlen(ref) > 9)
			year = arena_printf(r->arena, "%.4s", ref + 5);
	}
	/* A reference a link carried is shown, not typed; a document
	 * number typed stays in its field. */
	const char *ref_text = ref != NULL && (strncmp(ref, "eval:", 5) == 0 ||
	    strncmp(ref, "report:", 7) == 0) ? page_cases_source_text(r, d,
	    ref) : NULL;
	struct chosen c;
	chosen_person(d, person, &c);
	const char *organ = page_picker_value(r, "organ", "organ", &why);
	if (organ == NULL && c.organ != NULL)
		organ = c.organ;
	html_fmt(b, "<section class=\"card\" id=\"new\"><h2>立案</h2>"
	    "<form method=\"post\" action=\"/accountability\">");
	page_csrf(r, b);
	if (ref_text != NULL)
		html_fmt(b, "<p>来源:<strong>%s</strong></p><input type=\"hidden\" "
		    "name=\"source_ref\" value=\"%s\">", ref_text, ref);
	html_fmt(b, "<label>问责对象<select name=\"target\" required>");
	page_option(b, "cadre", "领导干部", target ? target : "cadre");
	page_option(b, "organization", "党组织", target);
	html_fmt(b, "</select></label>");
	const char *olabel = organ_label(d, organ);
	html_picker(b, r->arena, "organ", "organ", "机构(被问责党组织,或领导干部"
	    "所在机构)", NULL, NULL, organ, olabel ? olabel : input(r,
	    "organ_q"), 1);
	html_picker(b, r->arena, "person", "person", "被问责人(对党组织问责不填)",
	    NULL, NULL, person, c.name ? arena_printf(r->arena, "%s %s",
	    c.name, c.post) : input(r, "person_q"), 0);
	html_fmt(b, "<label>情形<select name=\"item\" required>"
	    "<option value=\"\">请选择第九条所列情形</option>");
	for (int i = 1; i <= 5; i++) {
		char v[2] = { (char)('0' + i), '\0' };
		page_option(b, v, arena_printf(r->arena, "%s %s",
		    proc_item_label(i), proc_item_title(i)), item);
	}
	html_fmt(b, "</select></label><label>来源<select name=\"source\" "
	    "required>");
	page_option(b, "inspection", proc_source_label("inspection"), source);
	page_option(b, "veto", proc_source_label("veto"), source);
	page_option(b, "report", proc_source_label("report"), source);
	page_option(b, "evaluation", proc_source_label("evaluation"), source);
	html_fmt(b, "</select></label>");
	if (ref_text == NULL)
		html_fmt(b, "<label>来源文号或线索(选填)<input name=\"source_ref\" "
		    "maxlength=\"200\" value=\"%s\"></label>", ref);
	html_fmt(b, "<label>年度<input type=\"number\" name=\"year\" "
	    "min=\"2000\" max=\"2200\" value=\"%s\"></label><label>案情摘要"
	    "<textarea name=\"summary\" required maxlength=\"4000\">%s"
	    "</textarea></label><div class=\"actions\"><button type=\"submit\">"
	    "立案</button></div></form></section>", year,
	    input(r, "summary"));
}

/* Draws the listing page and answers with status (200, or the refusal
 * why's, shown above the page). */
static void
cases_page(struct request *r, unsigned status, const struct fault *why)
{
	struct dom dom, *d = &dom;
	req_dom(r, d);
	const char *state = req_query(r, "state"), *p = req_query(r, "page");
	int page = p ? atoi(p) : 1;
	struct case_list l;
	if (page < 1 || page > 100000)
		page = 1;
	if (state != NULL && *state == '\0')
		state = NULL;
	if (case_list(d, state, NULL, page, PER_PAGE, &l)) {
		page_fault(r, &d->fault);
		return;
	}
	struct buf b;
	buf_init(&b, CASES_PAGE_MAX);
	page_begin(r, &b, "问责", "/accountability");
	html_fmt(&b, "<h1>问责</h1><p class=\"hint\">依据《实施办法》第九条和"
	    "《中国共产党问责条例》办理;共 %ld 件。</p>", l.total);
	if (status != 200)
		page_cases_problem(r, &b, why);
	page_cases_notice(r, &b);
	state_filter(r, &b, state);
	if (l.total == 0)
		html_fmt(&b, "<p class=\"card muted\">没有符合条件的问责案件。</p>");
	else
		cases_table(r, &b, &l);
	struct web_list wl;
	web_list_read(r, &wl, "/accountability", cases_keep, NULL, 0);
	wl.page = page;
	wl.per_page = PER_PAGE;
	wl.total = l.total;
	html_pager(&b, r, &wl);
	referrals(r, d, &b);
	open_form(r, d, &b);
	page_end(r, &b);
	r->status = status;
}

void
page_cases(struct request *r)
{
	cases_page(r, 200, NULL);
}

/* The form's values, the person as the picker sent them (its id, or
 * without script the name typed). */
struct open_post {
	struct request *r;
	const char *person, *organ;
};

static const char *
open_get(void *ctx, const char *name)
{
	struct open_post *o = ctx;
	if (strcmp(name, "person") == 0)
		return o->person;
	if (strcmp(name, "organ") == 0)
		return o->organ;
	return page_cases_get(o->r, name);
}

void
page_case_create(struct request *r)
{
	struct dom d;
	struct case_in in;
	const char *id, *typed = NULL;
	req_dom(r, &d);
	const char *typed_organ = NULL;
	struct open_post o = { r, page_picker_value(r, "person", "person",
	    &typed), page_picker_value(r, "organ", "organ", &typed_organ) };
	if (typed != NULL || typed_organ != NULL) {
		fault_set(&d.fault, 400, typed ? typed : typed_organ, NULL,
		    typed ? "person" : "organ");
		cases_page(r, 400, &d.fault);
		return;
	}
	if (case_role(&d) == 0 && case_input_form(&d, CASE_OPEN,
	    open_get, &o, &in) == 0 && case_open(&d, &in, &id) == 0) {
		resp_redirect(r, arena_printf(r->arena, "/accountability/%s?ok="
		    "created", id));
		return;
	}
	struct fault why = d.fault;
	if (why.status == 400 || why.status == 403 || why.status == 409)
		cases_page(r, why.status, &why);
	else
		page_fault(r, &why);
}
