/*
 * The frame every page shares: head, navigation, the account box, and
 * error pages. Layout is CSS (static/app.css): a bar of sections on an
 * office screen; on a phone the sections open from a menu button.
 */
#include <string.h>

#include "auth/access.h"
#include "base/buf.h"
#include "domain/message.h"
#include "domain/report.h"
#include "auth/authority.h"
#include "report/pdf-cache.h"
#include "web/web.h"

static const struct {
	const char *href, *label;
	int only; /* 1: who may read the audit log (admin, the provincial
	           * office); 2: admin, offices and discipline officers;
	           * 3: offices (the overview of their regions);
	           * 4: who manages accounts (admin, offices) */
} nav[] = {
	{ "/", "首页", 0 },
	{ "/overview", "总览", 3 },
	{ "/registry", "机构与人员", 0 },
	{ "/ledger", "履职台账", 0 },
	{ "/catalog", "职责清单", 0 },
	{ "/evaluation", "年度考评", 0 },
	{ "/supervision", "督查", 0 },
	{ "/accountability", "问责", 2 },
	{ "/reports", "报告", 0 },
	{ "/audit", "审计日志", 1 },
	{ "/accounts", "账号管理", 4 },
};

void
page_csrf(struct request *r, struct buf *b)
{
	html_fmt(b, "<input type=\"hidden\" name=\"_csrf\" value=\"%s\">",
	    r->csrf);
}

void
page_begin(struct request *r, struct buf *b, const char *title,
    const char *active)
{
	html_fmt(b, "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head>"
	    "<meta charset=\"utf-8\">"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">"
	    "<title>%s - 履职</title>"
	    /* No icon of our own: without this line every browser asks for
	     * /favicon.ico, gets a 404 and logs it as a console error. */
	    "<link rel=\"icon\" href=\"data:,\">"
	    "<link rel=\"stylesheet\" href=\"/static/app.css\">"
	    "<script src=\"/static/app.js\" defer></script>"
	    /* Without script the phone's menu button cannot open: the
	     * navigation is shown whole instead. */
	    "<noscript><link rel=\"stylesheet\" "
	    "href=\"/static/noscript.css\"></noscript>"
	    "</head><body>", title);
	if (!r->logged_in) {
		html_fmt(b, "<main class=\"bare\">");
		return;
	}
	html_fmt(b, "<header class=\"top\"><a class=\"brand\" href=\"/\">"
	    "履职<small>党政主要负责人法治建设第一责任人职责</small></a>"
	    /* On a phone the sections are behind this button (app.js):
	     * in one scrolling row, the last ones were out of sight. */
	    "<button type=\"button\" class=\"menu\" aria-controls=\"nav-main\" "
	    "aria-expanded=\"false\">菜单</button>"
	    "<nav id=\"nav-main\" aria-label=\"栏目\">");
	int reviewer = r->user.role == ACCT_ADMIN || r->user.role == ACCT_OFFICE;
	for (size_t i = 0; i < sizeof nav / sizeof nav[0]; i++) {
		if ((nav[i].only == 1 && !access_audit_readable(&r->user)) ||
		    (nav[i].only == 2 && !reviewer &&
		    r->user.role != ACCT_DISCIPLINE) ||
		    (nav[i].only == 3 && r->user.role != ACCT_OFFICE) ||
		    (nav[i].only == 4 && authority_account_roles(&r->user) == 0))
			continue;
		html_fmt(b, "<a href=\"%s\"", nav[i].href);
		if (active && strcmp(active, nav[i].href) == 0)
			buf_puts(b, " class=\"on\" aria-current=\"page\"");
		html_fmt(b, ">%s</a>", nav[i].label);
	}
	/* The bell: the account's unread messages (domain/message.h). */
	struct dom d;
	req_dom(r, &d);
	long unread = message_unread(&d);
	html_fmt(b, "</nav><a class=\"bell%s\" href=\"/messages\" "
	    "title=\"消息\" aria-label=\"消息,%ld 条未读\"><span "
	    "aria-hidden=\"true\">&#128276;</span><span class=\"count\">%ld"
	    "</span></a>", unread > 0 ? " unread" : "", unread, unread);
	html_fmt(b, "<div class=\"who\"><a href=\"/account\" "
	    "title=\"我的账号\">%s · %s</a>"
	    "<form method=\"post\" action=\"/logout\">", r->user.name,
	    access_role_label(r->user.role));
	page_csrf(r, b);
	html_fmt(b, "<button type=\"submit\" class=\"link\">退出</button>"
	    "</form></div></header><main>");
}

void
page_end(struct request *r, struct buf *b)
{
	html_fmt(b, "</main><footer>履职 lvzhi · 依据《贵州省贯彻落实〈党政主要负责人"
	    "履行推进法治建设第一责任人职责规定〉实施办法》(2020)</footer>"
	    "</body></html>\n");
	(void)web_labels_fill(r, b); /* on failure the kinds' words stand */
	resp_html(r, 200, b);
	buf_free(b);
}

void
page_close(struct request *r, struct buf *b, unsigned status)
{
	html_fmt(b, "</main></body></html>\n");
	(void)web_labels_fill(r, b);
	resp_html(r, status, b);
	buf_free(b);
}

void
page_error(struct request *r, unsigned status, const char *message)
{
	struct buf b;
	buf_init(&b, 1u << 20);
	page_begin(r, &b, "出错了", NULL);
	html_fmt(&b, "<section class=\"card error\"><h1>%s</h1><p>%s</p>"
	    "<p><a href=\"/\">返回首页</a></p></section>",
	    status == 404 ? "未找到" : status == 403 ? "无权访问" : "请求未完成",
	    message);
	page_close(r, &b, status);
}

void
page_fault_first(const struct fault *f, const char **field,
    const char **reason)
{
	json_t *first = json_array_get(f->errors, 0);
	*field = first ? json_string_value(json_object_get(first, "field")) :
	    f->field;
	*reason = first ? json_string_value(json_object_get(first, "reason")) :
	    f->detail;
}

void
page_fault(struct request *r, const struct fault *f)
{
	const char *msg = f->title ? f->title : "内部错误";
	const char *field, *detail;
	page_fault_first(f, &field, &detail);
	if (f->status >= 500) /* the store's words stay in the log */
		msg = f->status == 500 ? "内部错误" : msg;
	else if (detail != NULL)
		msg = arena_printf(r->arena, "%s:%s%s%s", msg, field ? field : "",
		    field ? " " : "", detail);
	page_error(r, f->status ? f->status : 500, msg);
}

void
page_load_error(struct request *r, const struct fault *f, const char *what)
{
	if (f->status == 404)
		page_error(r, 404, arena_printf(r->arena, "%s不存在,或不在您的"
		    "权限范围内。", what));
	else
		page_error(r, 500, arena_printf(r->arena, "暂时无法读取%s,请稍后"
		    "再试。", what));
}

/* The labels web_*_label look up (page_label), each with its default
 * below. */
static const char *const record_statuses[][2] = {
	{ "verified", "已核实" },
	{ "rejected", "已退回" },
	{ NULL, NULL },
};
static const char *const levels[][2] = {
	{ "province", "省" },
	{ "prefecture", "市(州)" },
	{ "county", "县(市、区)" },
	{ NULL, NULL },
};
static const char *const organ_kinds[][2] = {
	{ "party_committee", "党委" },
	{ "government", "政府" },
	{ NULL, NULL },
};

const char *
web_status_label(const char *status)
{
	return status ? page_label(record_statuses, status, "待审核") : "";
}

const char *
web_kind_label(const struct catalog *c, const char *kind)
{
	int k = catalog_kind_find(c, kind);
	return k >= 0 ? c->kinds[k].label : kind;
}

const char *
web_level_label(const char *level)
{
	return level ? page_label(levels, level, "乡(镇、街道)") : "";
}

const char *
web_organ_kind_label(const char *kind)
{
	return kind ? page_label(organ_kinds, kind, "工作部门") : "";
}

#define ROOTS_MAX 64

struct roots {
	struct arena *arena;
	const char *codes[ROOTS_MAX];
	size_t n;
};

static int
collect_root(void *ctx, const struct store_region *g)
{
	struct roots *rs = ctx;
	if (g->parent == NULL && rs->n < ROOTS_MAX)
		rs->codes[rs->n++] = arena_strdup(rs->arena, g->code);
	return 0;
}

int
page_each_scope_region(struct request *r,
    int (*cb)(void *, const struct store_region *), void *ctx)
{
	const char *scope = access_scope_path(&r->user);
	if (*scope != '\0')
		return store_each_region_in(r->store, scope, cb, ctx) < 0 ? -1 : 0;
	if (r->user.role != ACCT_ADMIN)
		return 0;
	/* The roots first: a walk of one subtree holds the store's statement. */
	struct roots rs = { .arena = r->arena };
	char path[512];
	if (store_each_region(r->store, collect_root, &rs) < 0)
		return -1;
	for (size_t i = 0; i < rs.n; i++) {
		int rc = store_region_path(r->store, rs.codes[i], path, sizeof path);
		if (rc < 0 || (rc == 1 && store_each_region_in(r->store, path, cb,
		    ctx) < 0))
			return -1;
	}
	return 0;
}

const char *
page_label(const char *const (*pairs)[2], const char *key,
    const char *otherwise)
{
	for (size_t i = 0; key != NULL && pairs[i][0] != NULL; i++)
		if (strcmp(key, pairs[i][0]) == 0)
			return pairs[i][1];
	return otherwise;
}

void
page_ok_notice(struct request *r, struct buf *b,
    const char *const (*notices)[2])
{
	const char *text = page_label(notices, req_query(r, "ok"), NULL);
	if (text != NULL)
		html_fmt(b, "<p class=\"notice\" role=\"status\">%s</p>", text);
}

void
page_rows_table(struct buf *b, int failed, size_t n, const char *alert,
    const char *none, const char *head, const char *rows)
{
	if (failed)
		html_fmt(b, "<p class=\"alert\">%s</p>", alert);
	else if (n == 0)
		html_fmt(b, "<p class=\"muted\">%s</p>", none);
	else {
		buf_puts(b, "<div class=\"table-wrap\"><table><thead><tr>");
		buf_puts(b, head);
		buf_puts(b, "</tr></thead><tbody>");
		buf_puts(b, rows);
		buf_puts(b, "</tbody></table></div>");
	}
}

void
page_option(struct buf *b, const char *value, const char *label,
    const char *chosen)
{
	html_fmt(b, "<option value=\"%s\"%s>%s</option>", value,
	    chosen && strcmp(chosen, value) == 0 ? " selected" : "", label);
}

/* The domain's lookup (domain.c); only its store and arena are used. */
const char *
page_region_name(struct request *r, const char *path)
{
	struct dom d = { .store = r->store, .arena = r->arena };
	const char *name;
	return dom_region_name(&d, path, &name) ? NULL : name;
}

const char *
web_chinese(struct arena *a, const char *s)
{
	const char *p = s ? strstr(s, " (") : NULL;
	if (p == NULL || p == s || s[strlen(s) - 1] != ')')
		return s;
	char *out = arena_strdup(a, s);
	out[p - s] = '\0';
	return out;
}

int
page_report_pdf_send(struct request *r, struct dom *d,
    const struct report_doc *rep, const char *name)
{
	struct pdf_cache_entry *e;
	const char *pdf;
	size_t len;
	/* The final the leader signed, once there is one: what was
	 * issued is that file, not the export. */
	if (report_final_serves(rep)) {
		struct buf b;
		buf_init(&b, REPORT_FINAL_MAX);
		int rc = report_final_read(d, rep, &b);
		if (rc == 0)
			resp_bytes(r, 200, "application/pdf", b.data ? b.data : "",
			    b.len, name, 0);
		buf_free(&b);
		return rc;
	}
	if (report_pdf(d, rep, &e, &pdf, &len))
		return -1;
	resp_bytes_shared(r, 200, "application/pdf", pdf, len, name,
	    pdf_cache_release, e);
	return 0;
}
