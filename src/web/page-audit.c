/*
 * 审计日志: the hash chain's state (verified on each load while the log
 * is short, else the server's last full verification: see kept), then
 * the entries newest first, a page
 * at a time from the store, filtered by time (Beijing days), actor,
 * action and object, and exported as CSV or Excel with the same filters.
 * Actions are shown in Chinese, times in Beijing time whatever the
 * server's zone (date_beijing). Who may read it is decided by
 * access_audit_readable (auth/access.c), the same check the JSON API
 * makes.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "auth/access.h"
#include "audit/audit.h"
#include "base/date.h"
#include "base/text.h"
#include "domain/book.h"
#include "http/server.h"
#include "web/web.h"

#define SHORT_HASH 12 /* hex digits shown of a digest or hash */
/* An export's ceiling: rows and bytes (a narrower filter for more). */
#define EXPORT_ROWS 100000
#define EXPORT_MAX (64u << 20)

/*
 * Every action the code writes (audit_append, dom_audit, dom_write; the
 * import's "<type>.create" and "<type>.update"; the closure's
 * "year.<action>"; a rectification's "rectification.<step>"). One not
 * here is shown by its code.
 */
static const char *const actions[][2] = {
	{ "login", "登录" },
	{ "logout", "退出" },
	{ "import", "导入" },
	{ "import.update", "导入更新" },
	{ "region.create", "新增地区" },
	{ "region.update", "修改地区" },
	{ "organ.create", "新增机构" },
	{ "organ.update", "修改机构" },
	{ "person.create", "新增人员" },
	{ "person.update", "修改人员" },
	{ "tenure.create", "新增任职" },
	{ "tenure.update", "修改任职" },
	{ "record.create", "新增记录" },
	{ "record.update", "修改记录" },
	{ "record.verify", "核实记录" },
	{ "record.reject", "退回记录" },
	{ "record.reopen", "记录重新待审" },
	{ "evidence.upload", "上传佐证" },
	{ "score.create", "评分" },
	{ "score.update", "修改评分" },
	{ "account.add", "新增账号" },
	{ "account.disable", "停用账号" },
	{ "account.enable", "启用账号" },
	{ "account.passwd", "修改密码" },
	{ "account.reset", "重置密码" },
	{ "token.create", "创建令牌" },
	{ "token.revoke", "吊销令牌" },
	{ "inspection.create", "新建督查" },
	{ "finding.create", "记录督查发现" },
	{ "finding.determine", "认定督查发现" },
	{ "rectification.issue", "下达整改" },
	{ "rectification.start", "开始整改" },
	{ "rectification.progress", "报告整改进展" },
	{ "rectification.submit", "提交整改报告" },
	{ "rectification.accept", "验收整改" },
	{ "rectification.return", "退回整改" },
	{ "rectification.evidence", "上传整改材料" },
	{ "interview.schedule", "安排约谈" },
	{ "interview.held", "约谈已进行" },
	{ "notice.draft", "起草通报" },
	{ "notice.update", "修改通报" },
	{ "notice.issue", "印发通报" },
	{ "case.open", "问责立案" },
	{ "case.transition", "问责办理" },
	{ "case.appeal", "问责申诉" },
	{ "case.appeal_result", "申诉处理决定" },
	{ "case.waive", "放弃陈述申辩" },
	{ "report.draft", "起草报告" },
	{ "report.update", "修改报告" },
	{ "report.sign", "签署报告" },
	{ "report.lock", "锁定报告" },
	{ "report.publish", "公开报告" },
	{ "year.close", "结转(关闭)年度" },
	{ "year.reopen", "重新开放年度" },
	{ "message.read", "阅读消息" },
	{ "reminder.send", "期限提醒" },
	{ "webhook.deliver", "推送消息(政务微信、钉钉、短信)" },
	{ "webhook.expire", "放弃过期推送" },
	{ "webhook.prune", "清理已完成的推送" },
	{ "backup", "备份" },
	{ "restore", "恢复备份" },
	{ NULL, NULL },
};

/* The Chinese name of an action, or the action itself. */
static const char *
action_label(const char *action)
{
	return page_label(actions, action, action);
}

static const char *const vias[][2] = { { "web:", "网页" },
	{ "api:", "接口" }, { "cli:", "命令行" }, { "import:", "导入" } };
#define NVIAS (sizeof vias / sizeof vias[0])

/* Where an entry came from, in Chinese: "web:张三" is 张三(网页). */
static const char *
actor_label(struct arena *a, const char *actor)
{
	for (size_t i = 0; actor && i < NVIAS; i++)
		if (strncmp(actor, vias[i][0], strlen(vias[i][0])) == 0)
			return arena_printf(a, "%s(%s)", actor + strlen(vias[i][0]),
			    vias[i][1]);
	return actor && strcmp(actor, "anonymous") == 0 ? "未登录" : actor;
}

/* The account behind an entry ("web:nm-office", "api:nm-office", or a
 * bare name the demo writes), *via where it came from (NULL: not said);
 * NULL for what is no account: a command's operator on the server
 * ("cli:root"), an import, anyone not logged in. */
static const char *
actor_account(const char *actor, const char **via)
{
	*via = NULL;
	if (actor == NULL || strcmp(actor, "anonymous") == 0 ||
	    strcmp(actor, "api") == 0)
		return NULL;
	for (size_t i = 0; i < NVIAS; i++)
		if (strncmp(actor, vias[i][0], strlen(vias[i][0])) == 0) {
			*via = vias[i][1];
			return i < 2 ? actor + strlen(vias[i][0]) : NULL;
		}
	return actor;
}

/* Who did it as the page shows it: the person and post behind the
 * account (html_who), the login name only in its title, and where from:
 * 张三 · 南明区司法局局长(网页). */
static void
actor_html(struct request *r, struct buf *b, const char *actor)
{
	const char *via, *account = actor_account(actor, &via);
	if (account == NULL) {
		html_fmt(b, "%s", actor_label(r->arena, actor));
		return;
	}
	html_fmt(b, "<span title=\"账号 %s\">", account);
	html_who(r, b, account);
	html_fmt(b, "</span>%s%s%s", via ? "(" : "", via ? via : "",
	    via ? ")" : "");
}

/* The same as text, for the exports: the account's label once loaded,
 * else its name. */
static const char *
actor_text(const struct web_labels *l, struct arena *a, const char *actor)
{
	const char *via, *account = actor_account(actor, &via);
	const char *who = account ? web_label(l, "account", account) : NULL;
	if (who == NULL)
		return actor_label(a, actor);
	return via ? arena_printf(a, "%s(%s)", who, via) : who;
}

/*
 * The object an entry names ("record:r-1", "account:nm-office/token:ab12",
 * "rectification:rect-2025-…:accepted"), split for people: its kind in
 * Chinese, and for a thing with a readable name (labels.c) the id that
 * names it, else the text after the kind without ids: a token's or a
 * tenure's id is nobody's business on this page.
 */
struct object {
	const char *kind;  /* 台账记录 ..., or NULL: not "kind:..." */
	const char *label; /* labels.c's kind, or NULL */
	const char *id;    /* the labelled thing's id */
	const char *rest;  /* what follows, as people read it */
};

static void
object_of(struct arena *a, const char *entity, struct object *o)
{
	static const char *const kinds[][3] = {
		/* a score is "PERSON/YEAR/DUTY" */
		{ "record", "台账记录", "record" }, { "score", "评分", "person" },
		{ "account", "账号", NULL }, { "token", "令牌", NULL },
		{ "inspection", "督查", "inspection" },
		{ "finding", "督查发现", "finding" },
		{ "rectification", "整改", "rectification" },
		{ "interview", "约谈", "interview" },
		{ "notice", "通报", "notice" }, { "case", "问责案件", "case" },
		{ "report", "报告", "report" }, { "closure", "年度结转", NULL },
		{ "file", "文件", NULL }, { "region", "地区", "region" },
		{ "organ", "机构", "organ" }, { "person", "人员", "person" },
		{ "tenure", "任职", NULL }, { "evidence", "佐证", NULL },
		{ "backup", "备份", NULL },
	};
	const char *colon = entity ? strchr(entity, ':') : NULL;
	memset(o, 0, sizeof *o);
	o->rest = entity ? entity : "";
	if (colon == NULL)
		return;
	size_t n = (size_t)(colon - entity);
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		if (strlen(kinds[i][0]) != n || strncmp(entity, kinds[i][0], n))
			continue;
		o->kind = kinds[i][1];
		o->label = kinds[i][2];
		const char *rest = colon + 1;
		if (strcmp(kinds[i][0], "tenure") == 0)
			rest = "";
		if (o->label != NULL) {
			size_t len = strcspn(rest, "/:");
			o->id = arena_printf(a, "%.*s", (int)len, rest);
			rest += len;
			if (*rest == ':')
				rest = arena_printf(a, "(%s)", rest + 1);
		}
		const char *token = strstr(rest, "/token:");
		if (token != NULL)
			rest = arena_printf(a, "%.*s 的令牌", (int)(token - rest),
			    rest);
		else if (o->label != NULL && *rest == '/') {
			/* what follows the labelled thing: "/2025/5.1-x" is
			 * " 2025 · 5.1-x" */
			char *t = arena_printf(a, " %s", rest + 1);
			for (char *c = t; *c; c++)
				if (*c == '/')
					*c = ' ';
			rest = t;
		}
		o->rest = rest;
		return;
	}
}

/* The object as the page shows it: the label a link (filled in by
 * web_labels_fill). */
static void
object_html(struct buf *b, struct web_labels *l, struct arena *a,
    const char *entity)
{
	struct object o;
	object_of(a, entity, &o);
	if (o.kind != NULL)
		html_fmt(b, "%s ", o.kind);
	if (o.label != NULL)
		html_ref(b, l, o.label, o.id);
	html_fmt(b, "%s", o.rest);
}

/* The same as text, for the exports (the labels loaded). */
static const char *
object_text(const struct web_labels *l, struct arena *a, const char *entity)
{
	struct object o;
	object_of(a, entity, &o);
	const char *name = o.label ? web_label(l, o.label, o.id) : NULL;
	return arena_printf(a, "%s%s%s%s", o.kind ? o.kind : "", o.kind ?
	    " " : "", o.label ? (name ? name : "") : "", o.rest);
}

/* Notes the labelled id of an entry's object, for an export. */
static void
object_want(struct web_labels *l, struct arena *a, const char *entity)
{
	struct object o;
	object_of(a, entity, &o);
	if (o.label != NULL)
		web_labels_want(l, o.label, o.id);
}

/* Why the chain broke, in Chinese; audit_verify words it in English. */
static const char *
break_label(const char *why)
{
	/* By how the reason begins; the first that fits (the keyed content
	 * before the content). */
	static const char *const breaks[][2] = {
		{ "expected entry", "序号不连续,有条目缺失" },
		{ "its previous hash", "与上一条的哈希不衔接,上一条被改动或删除" },
		{ "its content does not match its keyed",
		    "内容与其密钥哈希不符,该条目被改动,或以另一审计密钥写入" },
		{ "its content", "内容与其哈希不符,该条目被改动" },
		{ "it is not the entry the audit head",
		    "与审计头记录的不是同一条,日志被重写,或被截短后又续写" },
		{ "the log ends at entry", "日志短于审计头所记录的,末尾的条目被删除" },
	};
	for (size_t i = 0; i < sizeof breaks / sizeof breaks[0]; i++)
		if (strncmp(why, breaks[i][0], strlen(breaks[i][0])) == 0)
			return breaks[i][1];
	return "校验未通过";
}

/* The first SHORT_HASH digits of a hex digest, full text as a tooltip. */
static void
short_hex(struct buf *b, const char *hex)
{
	char s[SHORT_HASH + 1];
	if (hex == NULL || *hex == '\0') {
		html_fmt(b, "<td class=\"muted\">—</td>");
		return;
	}
	snprintf(s, sizeof s, "%s", hex);
	html_fmt(b, "<td><code title=\"%s\">%s%s</code></td>", hex, s,
	    strlen(hex) > SHORT_HASH ? "…" : "");
}

/* A listing's rows and the labels of the objects they name. */
struct audit_rows {
	struct request *r;
	struct buf *b;
	struct web_labels *labels;
	FILE *out;          /* the CSV export's */
	lxw_worksheet *ws;  /* the Excel export's */
	lxw_row_t row;
	int failed;
};

static int
row(void *ctx, const struct store_audit *a)
{
	struct audit_rows *l = ctx;
	struct buf *b = l->b;
	struct arena *ar = l->r->arena;
	html_fmt(b, "<tr><td>%ld</td><td><time datetime=\"%s\">%s</time>"
	    "</td><td>", (long)a->seq, a->time, date_beijing(ar, a->time));
	actor_html(l->r, b, a->actor);
	html_fmt(b, "</td><td title=\"%s\">%s</td><td>", a->action,
	    action_label(a->action));
	object_html(b, l->labels, ar, a->entity);
	html_fmt(b, "</td><td><span class=\"tag %s\">%s</span></td>",
	    a->success ? "v-met" : "v-unmet", a->success ? "成功" : "失败");
	short_hex(b, a->digest);
	short_hex(b, a->hash);
	html_fmt(b, "</tr>");
	return 0;
}

/*
 * The last full verification this server made (audit_check over the
 * whole chain and the head file): kept in the server's memory, not in
 * the database, which whoever would alter the log can write. A log of at
 * most audit_page_verify entries is verified on every load; a longer one
 * (a province's years: millions) is verified in full at the first load
 * after the server starts and whenever someone presses 立即完整校验, and
 * the page says when, and how many entries came after it.
 */
static struct {
	pthread_mutex_t lock;
	int have;
	int rc;                  /* audit_check's */
	struct audit_report rep;
	char at[32];             /* when, UTC (ISO 8601) */
} kept = { .lock = PTHREAD_MUTEX_INITIALIZER };

/* Verifies the whole chain now and keeps the outcome; into *rep. */
static int
verify_now(struct request *r, struct audit_report *rep, char at[32])
{
	int rc = audit_check(r->store, 0, rep);
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(at, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
	if (rc >= 0) {
		pthread_mutex_lock(&kept.lock);
		kept.have = 1;
		kept.rc = rc;
		kept.rep = *rep;
		memcpy(kept.at, at, 32);
		pthread_mutex_unlock(&kept.lock);
	}
	return rc;
}

/* The chain's state at the top of the page: verified now, or the last
 * full verification's outcome (1 when that one is shown). */
static int
chain_status(struct request *r, struct buf *b, int64_t last)
{
	struct audit_report a;
	char at[32];
	int rc, earlier = 0;
	pthread_mutex_lock(&kept.lock);
	if (kept.have && last > (int64_t)server_config_of(r->srv)->
	    audit_page_verify) {
		earlier = 1;
		rc = kept.rc;
		a = kept.rep;
		memcpy(at, kept.at, sizeof at);
	}
	pthread_mutex_unlock(&kept.lock);
	if (!earlier)
		rc = verify_now(r, &a, at);
	if (rc == 0) {
		html_fmt(b, "<p class=\"notice\">哈希链完整:共 %ld 条,逐条"
		    "校验通过", (long)a.count);
		if (a.keyed_from > 0)
			html_fmt(b, ",自第 %ld 条起以审计密钥签名（HMAC-SM3）",
			    (long)a.keyed_from);
		if (a.head > 0)
			html_fmt(b, ",与审计头一致");
		if (a.rollbacks > 0)
			html_fmt(b, ";第 %ld 条为恢复备份（审计在案的回滚,"
			    "此前日志共 %ld 条）", (long)a.rollback_at,
			    (long)a.rollback_from);
		html_fmt(b, "。</p>");
	} else if (rc == 1 && a.bad > 0)
		html_fmt(b, "<p class=\"alert\" role=\"alert\">哈希链在第 %ld "
		    "条断开:%s。<span class=\"muted\">(%s)</span>"
		    "自该条起的记录无法证明未被改动,请立即核查数据库及其备份。</p>",
		    (long)a.bad, break_label(a.why), a.why);
	else
		html_fmt(b, "<p class=\"alert\" role=\"alert\">无法校验审计"
		    "日志:<span class=\"muted\">%s</span></p>", a.why);
	if (rc >= 0 && earlier)
		html_fmt(b, "<p class=\"hint\">以上是本服务于 %s 对全部 %ld 条"
		    "记录所做完整校验的结果。此后新增 %ld 条;此后对任何条目(包括"
		    "更早的条目)的改动,只在下一次完整校验时发现。</p>",
		    date_beijing(r->arena, at), (long)a.count,
		    (long)(last > a.count ? last - a.count : 0));
	else if (rc >= 0)
		html_fmt(b, "<p class=\"hint\">本次打开页面时,于 %s 对全部记录"
		    "完整校验。</p>", date_beijing(r->arena, at));
	html_fmt(b, "<form method=\"post\" action=\"/audit/verify\">");
	page_csrf(r, b);
	html_fmt(b, "<button type=\"submit\" class=\"secondary\">立即完整"
	    "校验</button> <span class=\"hint\">逐条重算全部记录的哈希并与"
	    "审计头比对,记录多时需要较长时间;也可在服务器上运行 lvzhi audit "
	    "verify。</span></form>");
	return earlier;
}

/* POST /audit/verify: a full verification now, then the page with it. */
void
page_audit_verify(struct request *r)
{
	struct audit_report a;
	char at[32];
	if (!access_audit_readable(&r->user)) {
		page_error(r, 403, "仅系统管理员和省级办公室可查看审计日志");
		return;
	}
	if (verify_now(r, &a, at) < 0) {
		page_error(r, 500, "暂时无法校验审计日志,请稍后再试。");
		return;
	}
	resp_redirect(r, "/audit?ok=verified");
}

/* ---- the filter, shared by the page and its exports ---- */

static const char *const audit_keep[] = { "from", "to", "actor", "action",
	"object", NULL };
static const char *const audit_sorts[] = { "seq", NULL };

struct audit_query {
	struct store_audit_filter f;
	const char *object; /* 对象 as typed; f.object, what it finds by */
	struct web_list l;
	const char *error; /* a refusal in Chinese, naming the field */
	const char *miss;  /* why 对象 (a number) finds nothing, or NULL */
};

/* A query value; empty counts as absent. */
static const char *
given(struct request *r, const char *name)
{
	const char *v = req_query(r, name);
	return v != NULL && *v != '\0' ? v : NULL;
}

/* The UTC instant a Beijing day begins (day + shift days), as the log
 * keeps times: Beijing midnight is 16:00 UTC the day before. */
static const char *
beijing_day_start(struct arena *a, date_t day, int shift)
{
	char d[11];
	date_format(day + shift - 1, d);
	return arena_printf(a, "%sT16:00:00Z", d);
}

static void
audit_query(struct request *r, struct audit_query *q)
{
	date_t day;
	const char *v;
	memset(q, 0, sizeof *q);
	web_list_read(r, &q->l, "/audit", audit_keep, audit_sorts, 1);
	q->f.page = web_list_page(&q->l);
	if ((v = given(r, "from")) != NULL) {
		if (date_parse(v, &day)) {
			q->error = "起始日期格式应为 YYYY-MM-DD";
			return;
		}
		q->f.from = beijing_day_start(r->arena, day, 0);
	}
	if ((v = given(r, "to")) != NULL) {
		if (date_parse(v, &day)) {
			q->error = "截止日期格式应为 YYYY-MM-DD";
			return;
		}
		q->f.to = beijing_day_start(r->arena, day, 1); /* the whole day */
	}
	if (q->f.from && q->f.to && strcmp(q->f.from, q->f.to) >= 0) {
		q->error = "截止日期不能早于起始日期";
		return;
	}
	q->f.actor = given(r, "actor");
	q->f.action = given(r, "action");
	q->object = given(r, "object");
	if ((q->f.actor && strlen(q->f.actor) > 200) ||
	    (q->object && strlen(q->object) > 200) ||
	    (q->f.action && strlen(q->f.action) > 64))
		q->error = "操作人、操作或对象过长(至多 200 个字符)";
	else if (q->object != NULL)
		q->f.object = web_label_id(r, q->object, &q->miss);
}

/* The access check and the filter; 0, or -1 with the error page sent. */
static int
audit_begin(struct request *r, struct audit_query *q)
{
	if (!access_audit_readable(&r->user)) {
		page_error(r, 403, "仅系统管理员和省级办公室可查看审计日志");
		return -1;
	}
	audit_query(r, q);
	if (q->error != NULL) {
		page_error(r, 400, q->error);
		return -1;
	}
	return 0;
}

/* ---- the page ---- */

struct actor_options {
	struct request *r;
	struct buf *b;
	const char *chosen;
};

static int
actor_option(void *ctx, const char *actor)
{
	struct actor_options *o = ctx;
	page_option(o->b, actor, actor_label(o->r->arena, actor), o->chosen);
	return 0;
}

static void
filters(struct request *r, struct buf *b, const struct audit_query *q)
{
	html_fmt(b, "<form class=\"filters card\" method=\"get\" "
	    "action=\"/audit\" aria-label=\"筛选审计日志\">"
	    "<label>起始日期<input type=\"date\" name=\"from\" value=\"%s\">"
	    "</label><label>截止日期<input type=\"date\" name=\"to\" "
	    "value=\"%s\"></label><label>操作人<select name=\"actor\">"
	    "<option value=\"\">全部</option>", req_query(r, "from"),
	    req_query(r, "to"));
	struct actor_options o = { r, b, q->f.actor };
	store_each_audit_actor(r->store, actor_option, &o);
	html_fmt(b, "</select></label><label>操作<select name=\"action\">"
	    "<option value=\"\">全部</option>");
	for (size_t i = 0; actions[i][0] != NULL; i++)
		page_option(b, actions[i][0], actions[i][1], q->f.action);
	html_fmt(b, "</select></label><label>对象<input type=\"search\" "
	    "name=\"object\" maxlength=\"200\" placeholder=\"台账或案件编号、人名、机构名或文字\" "
	    "value=\"%s\"></label><div class=\"actions\"><button "
	    "type=\"submit\">筛选</button><a class=\"button secondary\" "
	    "href=\"/audit\">清除</a></div></form>", q->object);
}

/* The filter as a query string for the export links (raw '&'). */
static const char *
export_query(struct request *r)
{
	struct buf u;
	buf_init(&u, 4096);
	for (size_t i = 0; audit_keep[i] != NULL; i++) {
		const char *v = given(r, audit_keep[i]);
		if (v != NULL)
			buf_printf(&u, "%s%s=%s", u.len ? "&" : "?", audit_keep[i],
			    html_q(r->arena, v));
	}
	const char *s = arena_strdup(r->arena, u.data ? u.data : "");
	buf_free(&u);
	return s;
}

void
page_audit(struct request *r)
{
	struct audit_query q;
	if (audit_begin(r, &q))
		return;
	q.l.total = store_count_audit(r->store, &q.f, STORE_COUNT_CAP);
	if (q.l.total < 0) {
		page_error(r, 500, "暂时无法读取审计日志,请稍后再试。");
		return;
	}
	struct buf b;
	buf_init(&b, 1u << 22);
	page_begin(r, &b, "审计日志", "/audit");
	int64_t last;
	char hash[SM3_HEX_LEN];
	if (store_audit_last(r->store, &last, hash, sizeof hash)) {
		buf_free(&b);
		page_error(r, 500, "暂时无法读取审计日志,请稍后再试。");
		return;
	}
	html_fmt(&b, "<h1>审计日志</h1>");
	static const char *const notices[][2] = {
		{ "verified", "已对全部记录完整校验,结果见下。" }, { NULL, NULL } };
	page_ok_notice(r, &b, notices);
	html_fmt(&b, "<section class=\"card\">");
	chain_status(r, &b, last);
	html_fmt(&b, "<p class=\"muted\">每次变更都追加一条记录,其哈希覆盖本条内容"
	    "和上一条的哈希;任何改动、插入或删除都会使哈希链从该处断开。日志只读,"
	    "系统不提供修改入口。时间均为北京时间。</p></section>");
	filters(r, &b, &q);
	const char *eq = export_query(r);
	html_fmt(&b, "<div class=\"actions\">");
	html_list_total(&b, &q.l, "");
	html_fmt(&b, "<a class=\"button secondary\" href=\"/audit.csv%s\">"
	    "导出 CSV</a><a class=\"button secondary\" href=\"/audit.xlsx%s\">"
	    "导出 Excel</a></div>", eq, eq);
	html_fmt(&b, "<div class=\"table-wrap\"><table><thead><tr>");
	html_sort_head(&b, r, &q.l, "seq", "序号", NULL, 1);
	html_fmt(&b, "<th scope=\"col\">时间(北京时间)</th><th scope=\"col\">"
	    "操作人</th><th scope=\"col\">操作</th><th scope=\"col\">对象</th>"
	    "<th scope=\"col\">结果</th><th scope=\"col\">摘要 SM3</th>"
	    "<th scope=\"col\">哈希</th></tr></thead><tbody>");
	struct audit_rows l = { .r = r, .b = &b, .labels = web_labels_new(r) };
	if (store_each_audit_filtered(r->store, &q.f, row, &l) < 0) {
		buf_free(&b);
		page_error(r, 500, "暂时无法读取审计日志,请稍后再试。");
		return;
	}
	/* Nothing found: by a number, why; by other text, what 对象 takes. */
	if (q.l.total == 0 && q.miss != NULL)
		html_fmt(&b, "<tr><td colspan=\"8\" class=\"muted\" "
		    "role=\"status\">%s。</td></tr>", q.miss);
	else if (q.l.total == 0 && q.object != NULL)
		html_fmt(&b, "<tr><td colspan=\"8\" class=\"muted\" "
		    "role=\"status\">没有与对象「%s」相符的记录。对象可填台账编号"
		    "(南明区台账 2026-0012)、问责案件编号(南明区〔2026〕3号)、"
		    "人员或机构的全名,或记录中的文字。</td></tr>", q.object);
	else if (q.l.total == 0)
		html_fmt(&b, "<tr><td colspan=\"8\" class=\"muted\">没有符合条件的"
		    "记录</td></tr>");
	html_fmt(&b, "</tbody></table></div>");
	html_pager(&b, r, &q.l);
	page_end(r, &b);
}

/* ---- the exports ---- */

static const char *const export_head[] = { "序号", "时间(北京时间)",
	"操作人", "操作", "操作代码", "对象", "结果", "摘要 SM3", "哈希" };
#define NHEAD (sizeof export_head / sizeof export_head[0])

/* One entry's cells, as both exports write them. */
static void
cells(const struct web_labels *l, struct arena *a,
    const struct store_audit *e, const char *v[NHEAD], char seq[24])
{
	snprintf(seq, 24, "%ld", (long)e->seq);
	v[0] = seq;
	v[1] = date_beijing(a, e->time);
	v[2] = actor_text(l, a, e->actor);
	v[3] = action_label(e->action);
	v[4] = e->action;
	v[5] = object_text(l, a, e->entity);
	v[6] = e->success ? "成功" : "失败";
	v[7] = e->digest;
	v[8] = e->hash;
}

static int
want_row(void *ctx, const struct store_audit *e)
{
	struct audit_rows *l = ctx;
	const char *via, *account = actor_account(e->actor, &via);
	object_want(l->labels, l->r->arena, e->entity);
	if (account != NULL)
		web_labels_want(l->labels, "account", account);
	return 0;
}

/* The export's objects' names, read before its rows are written: one
 * pass over the entries for their ids, a few queries for the names. */
static int
export_labels(struct request *r, struct audit_query *q,
    struct audit_rows *l)
{
	l->labels = web_labels_new(r);
	if (store_each_audit_filtered(r->store, &q->f, want_row, l) < 0)
		return -1;
	return web_labels_load(l->labels);
}

static int
csv_row(void *ctx, const struct store_audit *e)
{
	struct audit_rows *c = ctx;
	const char *v[NHEAD];
	char seq[24];
	cells(c->labels, c->r->arena, e, v, seq);
	for (size_t i = 0; i < NHEAD; i++) {
		if (i)
			fputc(',', c->out);
		text_csv(c->out, v[i]);
	}
	fputs("\r\n", c->out);
	return 0;
}

/* The export's filter: the page's, EXPORT_ROWS from its first row. */
static void
export_filter(struct audit_query *q)
{
	q->f.page.offset = 0;
	q->f.page.limit = EXPORT_ROWS;
}

void
page_audit_csv(struct request *r)
{
	struct audit_query q;
	if (audit_begin(r, &q))
		return;
	export_filter(&q);
	struct audit_rows c = { .r = r };
	if (export_labels(r, &q, &c)) {
		page_error(r, 500, "暂时无法读取审计日志,请稍后再试。");
		return;
	}
	char *text = NULL;
	size_t len = 0;
	FILE *out = page_csv_open(r, &text, &len);
	if (out == NULL)
		return;
	c.out = out;
	for (size_t i = 0; i < NHEAD; i++)
		fprintf(out, "%s%s", i ? "," : "", export_head[i]);
	fputs("\r\n", out);
	int rc = store_each_audit_filtered(r->store, &q.f, csv_row, &c);
	if (fclose(out))
		rc = -1;
	if (rc)
		page_error(r, 500, "暂时无法读取审计日志,请稍后再试。");
	else if (len > EXPORT_MAX)
		page_error(r, 413, "导出内容过大,请缩小时间范围");
	else
		resp_bytes(r, 200, "text/csv; charset=utf-8", text, len,
		    "审计日志.csv", 0);
	free(text);
}

static int
xlsx_row(void *ctx, const struct store_audit *e)
{
	struct audit_rows *x = ctx;
	const char *v[NHEAD];
	char seq[24];
	cells(x->labels, x->r->arena, e, v, seq);
	x->row++;
	if (worksheet_write_number(x->ws, x->row, 0, (double)e->seq, NULL))
		x->failed = 1;
	for (size_t i = 1; i < NHEAD; i++)
		if (v[i] != NULL && worksheet_write_string(x->ws, x->row,
		    (lxw_col_t)i, v[i], NULL) != LXW_NO_ERROR)
			x->failed = 1;
	return x->failed;
}

void
page_audit_xlsx(struct request *r)
{
	static const double widths[NHEAD] = { 8, 18, 18, 16, 18, 30, 6, 20,
		20 };
	struct audit_query q;
	if (audit_begin(r, &q))
		return;
	export_filter(&q);
	struct dom_book bk;
	char *data = NULL;
	size_t len = 0;
	struct audit_rows x = { .r = r };
	if (export_labels(r, &q, &x)) {
		page_error(r, 500, "暂时无法读取审计日志,请稍后再试。");
		return;
	}
	int rc = dom_book_open(&bk, "audit", "审计日志", "履职 lvzhi");
	if (rc == 0 && (x.ws = workbook_add_worksheet(bk.wb, "审计日志")) ==
	    NULL)
		rc = -1;
	for (size_t i = 0; rc == 0 && i < NHEAD; i++) {
		worksheet_set_column(x.ws, (lxw_col_t)i, (lxw_col_t)i, widths[i],
		    NULL);
		if (worksheet_write_string(x.ws, 0, (lxw_col_t)i,
		    export_head[i], bk.head) != LXW_NO_ERROR)
			rc = -1;
	}
	if (rc == 0 && (store_each_audit_filtered(r->store, &q.f, xlsx_row,
	    &x) != 0 || x.failed))
		rc = -1;
	if (rc == 0 && x.row > 0)
		worksheet_autofilter(x.ws, 0, 0, x.row, NHEAD - 1);
	if (dom_book_end(&bk, rc == 0 ? &data : NULL, EXPORT_MAX, &len) ||
	    rc != 0) {
		free(data);
		page_error(r, 500, "内部错误:无法生成 Excel 文件");
		return;
	}
	resp_bytes(r, 200, "application/vnd.openxmlformats-officedocument."
	    "spreadsheetml.sheet", data, len, "审计日志.xlsx", 0);
	free(data);
}
