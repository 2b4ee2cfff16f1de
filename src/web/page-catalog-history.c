/*
 * 职责清单's 版本沿革: every version of the catalog, when it was in force,
 * its SM3 and issuer, and what changed from one version to the next, duty
 * by duty (the page itself, the regulation with its rules, is
 * page-catalog.c).
 */
#include <string.h>

#include "web/page-catalog.h"
#include "web/web.h"

/* "2025年7月1日起施行" or "...起至...", for version i of c. */
void
page_catalog_period(struct buf *b, const struct catalog *c, size_t i)
{
	char from[32], to[32];
	date_t end = catalog_version_end(c, i);
	date_format_cn(catalog_version(c, i)->effective, from);
	if (end == DATE_NONE) {
		html_fmt(b, "%s起施行", from);
		return;
	}
	date_format_cn(end, to);
	html_fmt(b, "%s至%s", from, to);
}

/* One line of a difference: "LABEL A → B" when a and b differ. */
static int
changed_text(struct buf *b, const char *what, const char *a, const char *x)
{
	if (a == NULL)
		a = "";
	if (x == NULL)
		x = "";
	if (strcmp(a, x) == 0)
		return 0;
	html_fmt(b, "<li>%s:“%s” → “%s”</li>", what, a, x);
	return 1;
}

static int
changed_int(struct buf *b, const char *what, int a, int x)
{
	if (a == x)
		return 0;
	html_fmt(b, "<li>%s:%d → %d</li>", what, a, x);
	return 1;
}

static const char *
kind_id(const struct catalog *c, const struct catalog_rule *r)
{
	return r->kind >= 0 ? c->kinds[r->kind].id : "";
}

/* "党委主要负责人、政府主要负责人" */
static const char *
roles_text(struct request *r, unsigned roles)
{
	static const enum role all[] = { ROLE_PARTY, ROLE_GOVERNMENT,
		ROLE_DEPARTMENT };
	const char *s = "";
	for (size_t i = 0; i < sizeof all / sizeof *all; i++)
		if (roles & all[i])
			s = arena_printf(r->arena, "%s%s%s", s, *s ? "、" : "",
			    catalog_role_label(all[i]));
	return s;
}

static const char *
date_or_open(struct request *r, date_t d)
{
	char s[32];
	if (d == DATE_NONE)
		return "无";
	date_format_cn(d, s);
	return arena_strdup(r->arena, s);
}

/* What changed in one duty between two versions; returns how many. */
static int
rule_changes(struct request *r, struct buf *b, const struct catalog *o,
    const struct catalog_rule *x, const struct catalog *c,
    const struct catalog_rule *y)
{
	struct buf d;
	int n = 0;
	buf_init(&d, 64u << 10);
	n += changed_text(&d, "名称", x->title, y->title);
	n += changed_text(&d, "条款", x->citation, y->citation);
	n += changed_text(&d, "衡量方式", catalog_measure_name(x->measure),
	    catalog_measure_name(y->measure));
	n += changed_text(&d, "台账记录类型", kind_id(o, x), kind_id(c, y));
	if (x->measure == MEASURE_COUNT || y->measure == MEASURE_COUNT)
		n += changed_int(&d, "每年最低次数", x->min, y->min);
	n += changed_int(&d, "权重", x->weight, y->weight);
	n += changed_text(&d, "适用对象", roles_text(r, x->roles),
	    roles_text(r, y->roles));
	n += changed_text(&d, "直接适用/参照执行", x->coverage == y->coverage ?
	    "" : x->coverage == COVERAGE_DIRECT ? "直接适用" :
	    x->coverage == COVERAGE_REFERENCE ? "参照执行" : "两者",
	    x->coverage == y->coverage ? "" : y->coverage == COVERAGE_DIRECT ?
	    "直接适用" : y->coverage == COVERAGE_REFERENCE ? "参照执行" : "两者");
	n += changed_text(&d, "一票否决", x->veto ? "是" : "否",
	    y->veto ? "是" : "否");
	n += changed_text(&d, "施行日期", date_or_open(r, x->effective),
	    date_or_open(r, y->effective));
	n += changed_text(&d, "停止施行日期", date_or_open(r, x->until),
	    date_or_open(r, y->until));
	n += changed_text(&d, "实施说明", x->note, y->note);
	if (n > 0) {
		html_fmt(b, "<li>修改职责 <code>%s</code> %s<ul>", y->id,
		    y->title);
		buf_append(b, d.data, d.len);
		html_fmt(b, "</ul></li>");
	}
	buf_free(&d);
	return n;
}

static int
same_consequence(const struct catalog_consequence *p,
    const struct catalog_consequence *q)
{
	return p->on_veto == q->on_veto && (p->on_veto || p->grade == q->grade)
	    && strcmp(p->kind, q->kind) == 0;
}

static void
consequence_text(struct buf *b, const char *what,
    const struct catalog_consequence *q)
{
	html_fmt(b, "<li>%s考评后果:%s → %s(%s)</li>", what, q->on_veto ?
	    "一票否决" : catalog_grade_label(q->grade), q->label, q->citation);
}

/* The consequences of a that b lacks, as `what`; returns how many. */
static int
consequences_missing(struct buf *b, const char *what, const struct catalog *a,
    const struct catalog *x)
{
	int n = 0;
	for (size_t i = 0; i < a->nconsequences; i++) {
		int found = 0;
		for (size_t j = 0; j < x->nconsequences; j++)
			found |= same_consequence(&a->consequences[i],
			    &x->consequences[j]);
		if (!found) {
			consequence_text(b, what, &a->consequences[i]);
			n++;
		}
	}
	return n;
}

/* The differences between consecutive versions o and c. */
static void
version_diff(struct request *r, struct buf *b, const struct catalog *o,
    const struct catalog *c)
{
	int n = 0;
	char eff[32];
	date_format_cn(c->effective, eff);
	html_fmt(b, "<section class=\"version-diff\"><h3>%s 版相对 %s 版的变化"
	    "(%s起)</h3><ul>", c->version, o->version, eff);
	n += changed_text(b, "名称", o->title, c->title);
	n += changed_text(b, "发布机关", o->issuer, c->issuer);
	n += changed_text(b, "解释机关", o->interpreter, c->interpreter);
	n += changed_text(b, "制定依据", o->basis, c->basis);
	n += changed_int(b, "最短考评期间(天)", o->min_segment_days,
	    c->min_segment_days);
	for (int g = 0; g < GRADE_FAIL; g++)
		n += changed_int(b, arena_printf(r->arena, "等次“%s”最低分",
		    catalog_grade_label((enum grade)g)), o->grade_min[g],
		    c->grade_min[g]);
	for (size_t i = 0; i < c->nrules; i++) {
		const struct catalog_rule *y = &c->rules[i];
		int k = catalog_rule_find(o, y->id);
		if (k < 0) {
			html_fmt(b, "<li>新增职责 <code>%s</code> %s(%s)</li>",
			    y->id, y->title, y->citation);
			n++;
		} else {
			n += rule_changes(r, b, o, &o->rules[k], c, y);
		}
	}
	for (size_t i = 0; i < o->nrules; i++)
		if (catalog_rule_find(c, o->rules[i].id) < 0) {
			html_fmt(b, "<li>删除职责 <code>%s</code> %s(%s)</li>",
			    o->rules[i].id, o->rules[i].title, o->rules[i].citation);
			n++;
		}
	for (size_t i = 0; i < c->nkinds; i++)
		if (catalog_kind_find(o, c->kinds[i].id) < 0) {
			html_fmt(b, "<li>新增台账记录类型 <code>%s</code> %s</li>",
			    c->kinds[i].id, c->kinds[i].label);
			n++;
		}
	for (size_t i = 0; i < o->nkinds; i++)
		if (catalog_kind_find(c, o->kinds[i].id) < 0) {
			html_fmt(b, "<li>删除台账记录类型 <code>%s</code> %s</li>",
			    o->kinds[i].id, o->kinds[i].label);
			n++;
		}
	n += consequences_missing(b, "新增", c, o);
	n += consequences_missing(b, "删除", o, c);
	if (n == 0)
		html_fmt(b, "<li>职责规则无变化(仅文字修改)</li>");
	html_fmt(b, "</ul></section>");
}

/* 版本沿革: every version, when it was in force, its SM3 and issuer, a
 * link to view it, and what changed from one to the next. */
void
page_catalog_history(struct request *r, struct buf *b,
    const struct catalog *shown)
{
	const struct catalog *c = r->catalog;
	size_t n = catalog_version_count(c);
	html_fmt(b, "<section class=\"card versions\" id=\"versions\"><h2>"
	    "版本沿革</h2><div class=\"table-wrap\"><table><thead><tr><th>版本"
	    "</th><th>施行期间</th><th>发布机关</th><th>SM3 摘要</th><th></th>"
	    "</tr></thead><tbody>");
	for (size_t i = n; i-- > 0;) {
		const struct catalog *v = catalog_version(c, i);
		html_fmt(b, "<tr><td>%s", v->version);
		if (v == c)
			buf_puts(b, " <span class=\"tag\">现行</span>");
		buf_puts(b, "</td><td>");
		page_catalog_period(b, c, i);
		html_fmt(b, "</td><td>%s</td><td><code class=\"digest\">%s</code>"
		    "</td><td>", v->issuer, v->digest);
		if (v == shown)
			html_fmt(b, "正在查看");
		else
			html_fmt(b, "<a href=\"/catalog?version=%s\">查看</a>",
			    html_q(r->arena, v->version));
		html_fmt(b, "</td></tr>");
	}
	html_fmt(b, "</tbody></table></div>");
	for (size_t i = n; i-- > 1;)
		version_diff(r, b, catalog_version(c, i - 1),
		    catalog_version(c, i));
	html_fmt(b, "</section>");
}

