/*
 * 履职台账: the listing with its filters, one record with its evidence
 * files, and the two writes made from a record's page (uploading
 * evidence, reviewing). The record form (新增, 修改) is page-record.c.
 *
 * Nothing here decides scope or validity on its own: the listing's filter
 * and scope come from record_filter, a record from record_load, and every
 * write goes through the operation the JSON API calls (domain/record.h),
 * so the pages cannot show or accept more than the API would.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "auth/authority.h"
#include "domain/record.h"
#include "http/server.h"
#include "store/store-cases.h"
#include "store/store-supervision.h"
#include "web/web.h"

#define LEDGER_PAGE_MAX (4u << 20)
#define ORGAN_OPTIONS_MAX 100 /* past this, a picker by name */

static const char *const statuses[][2] = {
	{ "submitted", "待审核" },
	{ "verified", "已核实" },
	{ "rejected", "已退回" },
	{ NULL, NULL },
};

const char *
page_status_class(const char *status)
{
	/* A report's: draft grey, signed and locked amber, published green. */
	static const char *const classes[][2] = {
		{ "verified", "verified" }, { "rejected", "rejected" },
		{ "signed", "basic_pass" }, { "locked", "basic_pass" },
		{ "published", "verified" }, { NULL, NULL },
	};
	return page_label(classes, status, "submitted");
}

/* Who files records: the writers, and the discipline account its
 * findings (authority.c decides which it may). */
static int
writes(const struct request *r)
{
	return r->user.role == ACCT_ADMIN || r->user.role == ACCT_OFFICE ||
	    r->user.role == ACCT_CLERK || r->user.role == ACCT_DISCIPLINE;
}

/* Who reviews records in bulk (核实所选): the reviewing roles, and the
 * discipline account its findings (authority.c decides per record). */
static int
reviews(const struct request *r)
{
	return r->user.role == ACCT_ADMIN || r->user.role == ACCT_OFFICE ||
	    r->user.role == ACCT_DISCIPLINE;
}

/* ---- the organ picker ---- */

struct picked {
	const char *id, *name, *region;
};

struct picker {
	struct request *r;
	struct picked *v;
	size_t n;
	int more; /* there were more than ORGAN_OPTIONS_MAX */
	const char *region;
};

static int
pick_organ(void *ctx, const struct store_organ *o)
{
	struct picker *p = ctx;
	if (p->n == ORGAN_OPTIONS_MAX) {
		p->more = 1;
		return 1;
	}
	p->v[p->n++] = (struct picked){ arena_strdup(p->r->arena, o->id),
		arena_strdup(p->r->arena, o->name), p->region };
	return 0;
}

static int
pick_region(void *ctx, const struct store_region *g)
{
	struct picker *p = ctx;
	p->region = arena_strdup(p->r->arena, g->name);
	return store_each_organ_of(p->r->store, g->code, pick_organ, p);
}

/* Fills p with the organs of r->user's scope; 0 or -1. */
static int
pick(struct request *r, struct picker *p)
{
	struct store_organ_info o;
	p->r = r;
	p->v = arena_alloc(r->arena, ORGAN_OPTIONS_MAX * sizeof *p->v);
	if (r->user.role == ACCT_CLERK || r->user.role == ACCT_LEADER) {
		if (r->user.organ[0] == '\0')
			return 0;
		int rc = store_organ_info(r->store, r->user.organ, &o);
		if (rc == 1)
			p->v[p->n++] = (struct picked){ arena_strdup(r->arena, o.id),
				arena_strdup(r->arena, o.name),
				arena_strdup(r->arena, o.region_name) };
		return rc < 0 ? -1 : 0;
	}
	return page_each_scope_region(r, pick_region, p);
}

int
page_organ_picker(struct request *r, struct buf *b, const char *selected,
    const char *any, int required)
{
	struct picker p = { 0 };
	int rc = pick(r, &p);
	const char *req = required ? " required" : "";
	if (selected == NULL)
		selected = "";
	if (rc < 0)
		p.n = 0;
	if (p.more) {
		/* Found by name, never a code typed (nor a select of
		 * thousands); the count says there are some. */
		html_picker_bare(b, r->arena, "organ", "organ", selected,
		    page_picker_label(r, "organ", selected), required);
		return rc < 0 ? -1 : (int)p.n;
	}
	html_fmt(b, "<select name=\"organ\"%s>", req);
	if (any != NULL)
		html_fmt(b, "<option value=\"\">%s</option>", any);
	/* Grouped by region when there is more than one. */
	int groups = p.n > 0 && strcmp(p.v[0].region, p.v[p.n - 1].region) != 0;
	const char *open = NULL;
	for (size_t i = 0; i < p.n; i++) {
		if (groups && (open == NULL || strcmp(open, p.v[i].region) != 0)) {
			if (open != NULL)
				buf_puts(b, "</optgroup>");
			html_fmt(b, "<optgroup label=\"%s\">", p.v[i].region);
			open = p.v[i].region;
		}
		page_option(b, p.v[i].id, p.v[i].name, selected);
	}
	if (open != NULL)
		buf_puts(b, "</optgroup>");
	buf_puts(b, "</select>");
	return rc < 0 ? -1 : (int)p.n;
}

/* ---- the listing ---- */

static int
list_row(void *ctx, const struct store_ledger_row *row)
{
	struct page_rows *l = ctx;
	const char *title = row->title && *row->title ? row->title : "(无标题)";
	/* A reviewer's check box for 核实所选: every value ends in a
	 * space, so that the one field the boxes make splits again. */
	if (reviews(l->r))
		html_fmt(l->b, "<tr><td><input type=\"checkbox\" name=\"ids\" "
		    "value=\"%s \" aria-label=\"选择:%s\"></td>", row->id, title);
	else
		html_fmt(l->b, "<tr>");
	html_fmt(l->b, "<td class=\"date\">%s</td><td "
	    "class=\"hide-narrow\">%s</td>"
	    "<td>%s</td><td><a href=\"/ledger/%s\">%s</a>"
	    "<br><small class=\"muted\">%s</small></td>"
	    "<td><span class=\"tag s-%s\">%s</span></td>"
	    "<td class=\"hide-narrow\">%d</td>"
	    "<td><a href=\"/ledger/%s\">查看</a></td></tr>",
	    web_day(l->r->arena, row->date),
	    row->organ_name, web_kind_label(l->r->catalog, row->kind),
	    html_q(l->r->arena, row->id), title, record_number_text(
	    l->r->arena, row->region_name, row->number_year, row->number_seq),
	    page_status_class(row->status),
	    web_status_label(row->status), row->evidence,
	    html_q(l->r->arena, row->id));
	return 0;
}

/* The listing's filters (their query names) and orders (the store's
 * whitelist, store-ledger.c). */
static const char *const ledger_keep[] = { "region", "organ", "kind",
	"status", "year", "from", "to", "q", "organ_q", "region_q", NULL };
static const char *const ledger_sorts[] = { "date", "kind", "status",
	NULL };

static void
filters(struct request *r, struct buf *b, const struct store_ledger_filter *f,
    const char *region)
{
	const char *v;
	html_fmt(b, "<form class=\"filters card\" method=\"get\" "
	    "action=\"/ledger\" aria-label=\"筛选台账\">");
	if (r->user.role != ACCT_CLERK && r->user.role != ACCT_LEADER) {
		v = region;
		html_picker(b, r->arena, "region", "region", "地区", NULL, NULL,
		    v && *v ? v : NULL, v && *v ? page_region_name(r, f->path) :
		    NULL, 0);
	}
	html_fmt(b, "<label>机构");
	page_organ_picker(r, b, f->organ, r->user.role == ACCT_CLERK ||
	    r->user.role == ACCT_LEADER ? NULL : "全部机构", 0);
	html_fmt(b, "</label><label>类型<select name=\"kind\">"
	    "<option value=\"\">全部类型</option>");
	for (size_t i = 0; i < r->catalog->nkinds; i++) {
		const struct catalog_kind *k = &r->catalog->kinds[i];
		page_option(b, k->id, k->label, f->kind);
	}
	html_fmt(b, "</select></label><label>状态<select name=\"status\">"
	    "<option value=\"\">全部</option>");
	for (size_t i = 0; statuses[i][0] != NULL; i++)
		page_option(b, statuses[i][0], statuses[i][1], f->status);
	html_fmt(b, "</select></label>");
	v = req_query(r, "year");
	html_fmt(b, "<label>年度<input type=\"number\" name=\"year\" "
	    "min=\"1900\" max=\"9999\" inputmode=\"numeric\" "
	    "placeholder=\"全部年度\" value=\"%s\"></label>", v);
	v = req_query(r, "from");
	html_fmt(b, "<label>起始日期<input type=\"date\" name=\"from\" "
	    "value=\"%s\"></label>", v);
	v = req_query(r, "to");
	html_fmt(b, "<label>截止日期<input type=\"date\" name=\"to\" "
	    "value=\"%s\"></label>", v);
	html_fmt(b, "<label>关键词<input type=\"search\" name=\"q\" "
	    "maxlength=\"200\" placeholder=\"标题中的文字,或台账编号\" value=\"%s\"></label>"
	    "<div class=\"actions\"><button type=\"submit\">筛选</button>"
	    "<a class=\"button secondary\" href=\"/ledger\">清除</a></div>"
	    "</form>", f->q);
}

/* The query as the listing reads it: the organ and the region a picker
 * chose, or without script the ones whose whole name was typed
 * (page_picker_value: found in the store, however many the scope holds). */
struct ledger_query {
	struct request *r;
	const char *organ, *region;
	const char *why; /* a name typed that names none or several */
};

static void
ledger_query_read(struct request *r, struct ledger_query *q)
{
	const char *why = NULL;
	*q = (struct ledger_query){ .r = r };
	q->organ = page_picker_value(r, "organ", "organ", &why);
	if (why != NULL)
		q->why = arena_printf(r->arena, "机构:%s", why);
	if (r->user.role == ACCT_CLERK || r->user.role == ACCT_LEADER)
		return;
	q->region = page_picker_value(r, "region", "region", &why);
	if (why != NULL && q->why == NULL)
		q->why = arena_printf(r->arena, "地区:%s", why);
}

/* A query parameter, for record_listing. */
static const char *
query(void *ctx, const char *name)
{
	struct ledger_query *q = ctx;
	if (strcmp(name, "organ") == 0)
		return q->organ;
	if (strcmp(name, "region") == 0)
		return q->region;
	return req_query(q->r, name);
}

void
page_ledger(struct request *r)
{
	struct record_listing g;
	struct web_list l;
	struct dom d;
	req_dom(r, &d);
	web_list_read(r, &l, "/ledger", ledger_keep, ledger_sorts, 1);
	struct ledger_query lq;
	ledger_query_read(r, &lq);
	int rc = record_listing(&d, query, &lq, &g);
	if (rc < 0) {
		page_fault(r, &d.fault);
		return;
	}
	/* The page's own reading of page and order (the same bounds). */
	struct store_page p = web_list_page(&l);
	g.f.limit = p.limit;
	g.f.offset = p.offset;
	g.f.sort = p.sort;
	g.f.desc = p.desc;
	l.total = rc ? store_count_ledger_upto(r->store, &g.f,
	    STORE_COUNT_CAP) : 0;
	if (l.total < 0) {
		page_error(r, 500, "暂时无法读取台账,请稍后再试。");
		return;
	}
	g.f.counted = l.total;
	struct buf b;
	buf_init(&b, LEDGER_PAGE_MAX);
	page_begin(r, &b, "履职台账", "/ledger");
	html_fmt(&b, "<h1>履职台账</h1><div class=\"actions\">");
	if (writes(r))
		html_fmt(&b, "<a class=\"button\" href=\"/ledger/new\">新增记录"
		    "</a><a class=\"button secondary\" href=\"/ledger/upload\">"
		    "批量导入</a>");
	html_list_total(&b, &l, "记录");
	html_fmt(&b, "</div>");
	const char *ok = req_query(r, "ok"), *count = req_query(r, "n");
	if (ok != NULL && count != NULL && (strcmp(ok, "verified") == 0 ||
	    strcmp(ok, "rejected") == 0))
		html_fmt(&b, "<p class=\"notice ok\" role=\"status\">%s %ld 条"
		    "记录。</p>", strcmp(ok, "verified") == 0 ? "已核实" : "已退回",
		    strtol(count, NULL, 10));
	if (rc)
		filters(r, &b, &g.f, lq.region);
	if (lq.why != NULL) {
		/* A name typed without script that names no one or several:
		 * said, and no rows that the filter did not select. */
		html_fmt(&b, "<p class=\"alert\" role=\"alert\">%s</p>", lq.why);
		page_end(r, &b);
		return;
	}
	if (l.total == 0) {
		html_fmt(&b, "<p class=\"card muted\">%s</p>", rc ?
		    "没有符合条件的记录。" : "您的账号未关联机构,暂无可查看的记录。");
		page_end(r, &b);
		return;
	}
	if (reviews(r)) {
		html_fmt(&b, "<form method=\"post\" action=\"/ledger/review\" "
		    "class=\"bulk-review\"><input type=\"hidden\" name=\"back\" "
		    "value=\"%s\">", web_list_query(r, &l));
		page_csrf(r, &b);
	}
	html_fmt(&b, "<div class=\"table-wrap\"><table><thead><tr>");
	if (reviews(r))
		buf_puts(&b, "<th scope=\"col\">选择</th>");
	html_sort_head(&b, r, &l, "date", "日期", NULL, 1);
	html_fmt(&b, "<th class=\"hide-narrow\" scope=\"col\">机构</th>");
	html_sort_head(&b, r, &l, "kind", "类型", NULL, 0);
	html_fmt(&b, "<th scope=\"col\">标题</th>");
	html_sort_head(&b, r, &l, "status", "状态", NULL, 0);
	html_fmt(&b, "<th class=\"hide-narrow\" scope=\"col\">佐证</th>"
	    "<th scope=\"col\">操作</th></tr></thead><tbody>");
	struct page_rows pr = { r, &b };
	if (store_each_ledger(r->store, &g.f, list_row, &pr) < 0) {
		buf_free(&b);
		page_error(r, 500, "暂时无法读取台账,请稍后再试。");
		return;
	}
	html_fmt(&b, "</tbody></table></div>");
	if (reviews(r))
		html_fmt(&b, "<div class=\"card\"><label>退回理由(退回时必填)"
		    "<textarea name=\"note\" maxlength=\"2000\"></textarea></label>"
		    "<div class=\"actions\"><button type=\"submit\" name=\"action\" "
		    "value=\"verify\">核实所选</button><button type=\"submit\" "
		    "name=\"action\" value=\"reject\" class=\"danger\">退回所选"
		    "</button></div><p class=\"muted\">所选记录一并处理:其中任何一条"
		    "不能核实或退回,全部不作改动。</p></div></form>");
	html_pager(&b, r, &l);
	page_end(r, &b);
}

/* ---- one record ---- */

/* One of a kind's own fields as text; NULL when it has no value. */
static const char *
field_text(struct request *r, const struct catalog_field *f, json_t *v)
{
	struct buf t;
	const char *s;
	if (v == NULL || json_is_null(v))
		return NULL;
	switch (f->type) {
	case FIELD_BOOL:
		return json_is_true(v) ? "是" : "否";
	case FIELD_YEAR:
	case FIELD_INT:
		if (json_is_integer(v))
			return arena_printf(r->arena, "%lld",
			    (long long)json_integer_value(v));
		break;
	case FIELD_SET:
	case FIELD_DATES:
		buf_init(&t, 65536);
		for (size_t i = 0; i < f->nvalues; i++) {
			json_t *x = NULL;
			if (f->type == FIELD_DATES)
				x = json_object_get(v, f->values[i]);
			else
				for (size_t j = 0; j < json_array_size(v) && !x; j++)
					if (json_is_string(json_array_get(v, j)) &&
					    strcmp(json_string_value(json_array_get(v, j)),
					    f->values[i]) == 0)
						x = json_array_get(v, j);
			if (x == NULL)
				continue;
			const char *na = json_string_value(json_object_get(x,
			    "not_applicable"));
			if (f->type == FIELD_DATES && na != NULL)
				buf_printf(&t, "%s%s 不适用(%s)", t.len ? ";" : "",
				    f->labels[i], na);
			else if (f->type == FIELD_DATES)
				buf_printf(&t, "%s%s %s", t.len ? ";" : "", f->labels[i],
				    json_is_string(x) ? web_day(r->arena,
				    json_string_value(x)) : "");
			else
				buf_printf(&t, "%s%s", t.len ? "、" : "", f->labels[i]);
		}
		s = t.len ? arena_strdup(r->arena, t.data) : NULL;
		buf_free(&t);
		return s;
	case FIELD_DATE:
		if (json_is_string(v))
			return web_day(r->arena, json_string_value(v));
		break;
	default:
		break;
	}
	if (json_is_string(v))
		return json_string_value(v);
	char *dump = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);
	s = dump ? arena_strdup(r->arena, dump) : NULL;
	free(dump);
	return s;
}

/* What a determination cites, linked and told by its title (never its
 * id). */
static int
cited_inspection(void *ctx, const struct store_inspection *in)
{
	struct page_rows *c = ctx;
	html_fmt(c->b, "督查:<a href=\"/supervision/inspections/%s\">%d 年度督查"
	    "「%s」</a>", html_q(c->r->arena, in->id), in->year, in->title);
	return 0;
}

static int
cited_case(void *ctx, const struct store_case *k)
{
	struct page_rows *c = ctx;
	html_fmt(c->b, "案件:<a href=\"/accountability/%s\">问责案件「%s」</a>",
	    html_q(c->r->arena, k->id), k->summary);
	return 0;
}

/* The body and person who determined a finding: the account's region
 * and role, and its name. */
struct determiner {
	struct request *r;
	char region[16];
	enum role_kind role;
	int found;
	const char *region_name;
};

static int
keep_account(void *ctx, const struct store_account *a)
{
	struct determiner *d = ctx;
	snprintf(d->region, sizeof d->region, "%s", a->region ? a->region : "");
	d->found = access_role_parse(a->role, &d->role) == 0;
	return 0;
}

/* 基于, 认定机关/人, 认定日期 of a finding (docs/security.md). */
static void
determination(struct request *r, struct buf *b, const struct record *o)
{
	const char *basis = o->basis, *ref = o->basis_ref;
	const char *by = o->determined_by, *on = o->determined_on;
	struct page_rows c = { r, b };
	html_fmt(b, "<dt>基于</dt><dd>");
	if (basis == NULL)
		html_fmt(b, "未注明(导入的认定)");
	else if (strcmp(basis, "inspection") == 0) {
		if (ref == NULL || store_inspection_get(r->store, ref,
		    cited_inspection, &c) != 1)
			html_fmt(b, "督查");
	} else if (strcmp(basis, "case") == 0) {
		if (ref == NULL || store_case_get(r->store, ref, cited_case,
		    &c) != 1)
			html_fmt(b, "案件");
	} else
		html_fmt(b, "举报:%s", ref ? ref : "");
	html_fmt(b, "</dd><dt>认定机关/人</dt><dd>");
	struct determiner d = { .r = r };
	char path[512];
	if (by != NULL && store_account_get(r->store, by, 0, keep_account,
	    &d) == 1 && d.found && d.region[0] != '\0' &&
	    store_region_path(r->store, d.region, path, sizeof path) == 1)
		d.region_name = page_region_name(r, path);
	if (by == NULL)
		html_fmt(b, "—");
	else if (d.found)
		html_fmt(b, "%s%s · %s", d.region_name ? d.region_name : "",
		    access_role_label(d.role), by);
	else
		html_fmt(b, "%s", by);
	html_fmt(b, "</dd><dt>认定日期</dt><dd>");
	html_fmt(b, "%s</dd>", on != NULL ? web_day(r->arena, on) : "—");
}

/* The record's columns, then its kind's fields as the catalog describes
 * them (html_fmt: the compiler checks each member against its format). */
static void
facts(struct request *r, struct buf *b, const struct record *o)
{
	html_fmt(b, "<dl class=\"facts\"><dt>台账编号</dt><dd>%s</dd>"
	    "<dt>机构</dt><dd><a href=\"/organs/", o->number ? o->number :
	    "(待编号)");
	html_url(b, o->organ);
	html_fmt(b, "\">%s</a></dd><dt>地区</dt><dd>%s</dd><dt>类型</dt>"
	    "<dd>%s</dd><dt>日期</dt><dd>%s</dd><dt>标题</dt><dd>%s</dd>"
	    "<dt>相关人员</dt><dd>", o->organ_name, o->region_name,
	    web_kind_label(r->catalog, o->kind), web_day(r->arena, o->date),
	    o->title ? o->title : "(无标题)");
	const char *post = o->person != NULL ? page_picker_label(r, "person",
	    o->person) : NULL;
	if (o->person != NULL)
		html_fmt(b, "%s", post ? post : o->person_name);
	else
		html_fmt(b, "—");
	html_fmt(b, "</dd><dt>状态</dt><dd><span class=\"tag s-%s\">%s</span>",
	    page_status_class(o->status), web_status_label(o->status));
	if (o->reviewed_by != NULL) {
		html_fmt(b, " <span class=\"muted\">审核人 ");
		html_who(r, b, o->reviewed_by);
		html_fmt(b, " · %s</span>", date_beijing(r->arena,
		    o->reviewed_at));
		if (o->review_note != NULL && *o->review_note != '\0')
			html_fmt(b, "<br>审核意见:%s", o->review_note);
	}
	html_fmt(b, "</dd>");
	if (o->entered_by != NULL)
		html_who_fact(r, b, "录入人", o->entered_by, NULL);
	if (o->edited_by != NULL)
		html_who_fact(r, b, "最后修改人", o->edited_by, NULL);
	if (o->finding)
		determination(r, b, o);
	int k = o->kind ? catalog_kind_find(r->catalog, o->kind) : -1;
	for (size_t i = 0; k >= 0 && i < r->catalog->kinds[k].nfields; i++) {
		const struct catalog_field *f = &r->catalog->kinds[k].fields[i];
		const char *v = field_text(r, f, json_object_get(o->doc, f->name));
		html_fmt(b, "<dt>%s</dt><dd>%s</dd>", f->label, v ? v : "—");
	}
	json_t *refs = json_object_get(o->doc, "evidence");
	if (json_array_size(refs) > 0) {
		html_fmt(b, "<dt>导入的材料</dt><dd>");
		for (size_t i = 0; i < json_array_size(refs); i++)
			html_fmt(b, "%s%s", i ? "、" : "",
			    json_string_value(json_array_get(refs, i)));
		html_fmt(b, "</dd>");
	}
	html_fmt(b, "<dt>最后修改</dt><dd>%s</dd></dl>", o->updated_at ?
	    date_beijing(r->arena, o->updated_at) : "—");
}

static const char *
mime_label(const char *mime)
{
	if (strcmp(mime, "application/pdf") == 0)
		return "PDF";
	if (strncmp(mime, "image/", 6) == 0)
		return "图片";
	if (strstr(mime, "msword") || strstr(mime, "wordprocessing") ||
	    strstr(mime, "opendocument.text"))
		return "Word 文档";
	if (strstr(mime, "excel") || strstr(mime, "spreadsheet"))
		return "Excel 表格";
	if (strstr(mime, "powerpoint") || strstr(mime, "presentation"))
		return "演示文稿";
	return mime;
}

static void
size_text(struct buf *b, int64_t n)
{
	if (n < 1024)
		html_fmt(b, "%ld B", (long)n);
	else if (n < 1024 * 1024)
		html_fmt(b, "%.1f KB", (double)n / 1024);
	else
		html_fmt(b, "%.1f MB", (double)n / (1024 * 1024));
}

static int
evidence_row(void *ctx, const struct store_evidence *e)
{
	struct page_rows *l = ctx;
	char key[32], sm3[13];
	snprintf(key, sizeof key, "%lld", (long long)e->key);
	snprintf(sm3, sizeof sm3, "%s", e->sm3);
	html_fmt(l->b, "<tr><td><a href=\"/api/v1/evidence/%s\">%s</a></td>"
	    "<td>%s</td><td>", html_q(l->r->arena, key), e->filename,
	    mime_label(e->mime));
	size_text(l->b, e->size);
	html_fmt(l->b, "</td><td>%s</td><td>", e->evidence_date ?
	    web_day(l->r->arena, e->evidence_date) : "—");
	html_who(l->r, l->b, e->uploaded_by);
	html_fmt(l->b, "</td><td>%s</td><td><code title=\"%s\">%s…</code>"
	    "</td></tr>", date_beijing(l->r->arena, e->uploaded_at), e->sm3,
	    sm3);
	return 0;
}

static void
evidence(struct request *r, struct buf *b, const char *id, int writer)
{
	struct buf rows;
	buf_init(&rows, LEDGER_PAGE_MAX / 2);
	struct page_rows l = { r, &rows };
	int rc = store_each_evidence(r->store, id, 0, evidence_row, &l);
	html_fmt(b, "<section class=\"card\"><h2>佐证材料</h2>");
	page_rows_table(b, rc < 0, rows.len, "暂时无法读取佐证材料。",
	    "尚未上传佐证材料。", "<th>文件名</th><th>类型</th><th>大小</th>"
	    "<th>材料日期</th><th>上传人</th><th>上传时间</th><th>SM3</th>",
	    rows.data);
	buf_free(&rows);
	if (writer) {
		size_t max = server_config_of(r->srv)->max_upload;
		html_fmt(b, "<form method=\"post\" action=\"/ledger/%s/evidence\" "
		    "enctype=\"multipart/form-data\">", html_q(r->arena, id));
		page_csrf(r, b);
		html_fmt(b, "<label>上传佐证文件<input type=\"file\" name=\"file\" "
		    "required accept=\".pdf,.png,.jpg,.jpeg,.doc,.docx,.xls,.xlsx\">"
		    "</label><label>材料日期<input type=\"date\" "
		    "name=\"evidence_date\"></label><p class=\"hint\">可上传 PDF、"
		    "图片、Word 和 Excel 文件,单个文件不超过 %zu MB;系统按文件内容"
		    "核验类型。</p><button type=\"submit\">上传</button></form>",
		    max / (1024 * 1024) ? max / (1024 * 1024) : 1);
	}
	html_fmt(b, "</section>");
}

static void
review_form(struct request *r, struct buf *b, const char *id)
{
	html_fmt(b, "<section class=\"card\"><h2>审核</h2>"
	    "<form method=\"post\" action=\"/ledger/%s/review\">",
	    html_q(r->arena, id));
	page_csrf(r, b);
	html_fmt(b, "<label>理由或说明(退回时必填)<textarea name=\"note\" "
	    "maxlength=\"2000\"></textarea></label><div class=\"actions\">"
	    "<button type=\"submit\" name=\"action\" value=\"verify\">核实</button>"
	    "<button type=\"submit\" name=\"action\" value=\"reject\" "
	    "class=\"danger\">退回</button></div></form></section>");
}

/* The notice after a write that redirected here (?ok=...). */
static const char *const notices[][2] = {
	{ "created", "记录已保存,等待审核。" },
	{ "saved", "修改已保存。" },
	{ "uploaded", "佐证材料已上传。" },
	{ "verified", "记录已核实。" },
	{ "rejected", "记录已退回。" },
	{ "determined", "督查发现的问题已认定,认定记录如下。" },
	{ NULL, NULL },
};

void
page_record(struct request *r)
{
	const char *id = r->params[0];
	struct store_organ_info org;
	struct dom d;
	struct record rec, *o = &rec;
	req_dom(r, &d);
	if (record_load(&d, id, o)) {
		page_load_error(r, &d.fault, "记录");
		return;
	}
	int writer = 0, reviewer = 0;
	if (store_organ_info(r->store, o->organ, &org) == 1) {
		/* A finding is changed and reviewed only by who may determine
		 * it (authority.c decides again on the write). */
		if (o->finding)
			writer = reviewer = authority_can_determine(&r->user, &org);
		else {
			writer = access_can_write_organ(&r->user, &org);
			reviewer = access_can_review_organ(&r->user, &org);
		}
	}
	const char *title = o->title;
	struct buf b;
	buf_init(&b, LEDGER_PAGE_MAX);
	page_begin(r, &b, title && *title ? title : "记录", "/ledger");
	html_fmt(&b, "<p class=\"muted\"><a href=\"/ledger\">履职台账</a> › "
	    "%s</p><h1>%s</h1>", o->number ? o->number : "记录", title &&
	    *title ? title : "(无标题)");
	page_ok_notice(r, &b, notices);
	html_fmt(&b, "<section class=\"card\">");
	facts(r, &b, o);
	if (writer)
		html_fmt(&b, "<div class=\"actions\"><a class=\"button secondary\" "
		    "href=\"/ledger/%s/edit\">修改记录</a></div>",
		    html_q(r->arena, id));
	html_fmt(&b, "</section>");
	evidence(r, &b, id, writer);
	/* The reviewer never reviews what it wrote: the form is replaced
	 * by the reason (the write refuses it too). */
	const char *mine = NULL;
	/* Only a record awaiting review is reviewed: once verified (or
	 * returned to its writer) the form is gone; an edit sends it back
	 * for review. */
	if (o->status == NULL || strcmp(o->status, "submitted") != 0)
		reviewer = 0;
	if (o->entered_by != NULL && strcmp(o->entered_by, r->user.name) == 0)
		mine = "这条记录由您录入,须由另一名审核人员核实或退回。";
	else if (o->edited_by != NULL &&
	    strcmp(o->edited_by, r->user.name) == 0)
		mine = "这条记录由您最后修改,须由另一名审核人员核实或退回。";
	if (reviewer && mine != NULL)
		html_fmt(&b, "<section class=\"card\"><h2>审核</h2><div "
		    "class=\"step refused\" aria-disabled=\"true\"><button "
		    "type=\"button\" disabled>核实</button> <button type=\"button\" "
		    "disabled>退回</button> <span class=\"muted\">%s</span></div>"
		    "</section>", mine);
	else if (reviewer)
		review_form(r, &b, id);
	record_free(o);
	page_end(r, &b);
}

const char *
page_record_url(struct request *r, const char *id, const char *ok)
{
	return arena_printf(r->arena, "/ledger/%s?ok=%s", html_q(r->arena, id),
	    html_q(r->arena, ok));
}

void
page_record_upload(struct request *r)
{
	int64_t key = 0;
	struct dom d;
	struct evidence_upload u = { r->file.present ? r->file.data.data :
		NULL, r->file.present ? r->file.data.len : 0, r->file.filename };
	req_dom(r, &d);
	if (evidence_add(&d, r->params[0], &u, req_form(r, "evidence_date"),
	    &key)) {
		page_fault(r, &d.fault);
		return;
	}
	resp_redirect(r, page_record_url(r, r->params[0], "uploaded"));
}

void
page_record_review(struct request *r)
{
	const char *action = req_form(r, "action");
	const char *note = req_form(r, "note");
	const char *status = NULL;
	if (action != NULL && strcmp(action, "verify") == 0)
		status = "verified";
	else if (action != NULL && strcmp(action, "reject") == 0)
		status = "rejected";
	if (status == NULL) {
		page_error(r, 400, "请选择核实或退回。");
		return;
	}
	if (note != NULL && *note == '\0')
		note = NULL;
	struct dom d;
	req_dom(r, &d);
	if (record_review(&d, r->params[0], status, note)) {
		page_fault(r, &d.fault);
		return;
	}
	resp_redirect(r, page_record_url(r, r->params[0], status));
}
