/*
 * 审计日志: the hash chain's state, then the entries newest first, a
 * hundred a page. Paging is by sequence number (?before=SEQ shows the
 * entries older than SEQ), not by offset, so a page stays the same while
 * new entries arrive. Who may read it is decided by access_audit_readable (auth/access.c),
 * the same check the JSON API makes.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/access.h"
#include "audit/audit.h"
#include "web/web.h"

#define PER_PAGE 100
#define SHORT_HASH 12 /* hex digits shown of a digest or hash */

static const char *const actions[][2] = {
	{ "login", "登录" },
	{ "logout", "退出" },
	{ "import", "导入" },
	{ "import.update", "导入更新" },
	{ "record.create", "新增记录" },
	{ "record.update", "修改记录" },
	{ "record.verify", "核实" },
	{ "record.reject", "退回" },
	{ "evidence.upload", "上传佐证" },
	{ "score.create", "评分" },
	{ "score.update", "评分" },
	{ "account.add", "新增账号" },
	{ "account.disable", "停用账号" },
	{ "account.enable", "启用账号" },
	{ "account.passwd", "修改密码" },
	{ "token.create", "创建令牌" },
	{ "case.open", "问责立案" },
	{ "case.transition", "问责办理" },
	{ "case.appeal", "问责申诉" },
	{ "case.appeal_result", "申诉处理决定" },
	{ "year.close", "结转(关闭)年度" },
	{ "year.reopen", "重新开放年度" },
	{ "message.read", "阅读消息" },
	{ "reminder.send", "期限提醒" },
	{ "webhook.deliver", "推送消息(政务微信、钉钉、短信)" },
	{ "webhook.expire", "放弃过期推送" },
	{ NULL, NULL },
};

/* The Chinese name of an action, or the action itself. */
static const char *
action_label(const char *action)
{
	return page_label(actions, action, action);
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

struct listing {
	struct buf *b;
	int rows;
	int64_t last; /* smallest seq shown */
};

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

static int
row(void *ctx, const struct store_audit *a)
{
	struct listing *l = ctx;
	struct buf *b = l->b;
	html_fmt(b, "<tr><td>%ld</td><td><time datetime=\"%s\">%s</time>"
	    "</td><td>%s</td><td title=\"%s\">%s</td><td>%s</td>"
	    "<td><span class=\"tag %s\">%s</span></td>", (long)a->seq, a->time,
	    a->time, a->actor, a->action, action_label(a->action), a->entity,
	    a->success ? "v-met" : "v-unmet", a->success ? "成功" : "失败");
	short_hex(b, a->digest);
	short_hex(b, a->hash);
	html_fmt(b, "</tr>");
	l->rows++;
	l->last = a->seq;
	return 0;
}

/* The chain's state at the top of the page. */
static void
chain_status(struct request *r, struct buf *b)
{
	struct audit_report a;
	int rc = audit_check(r->store, 0, &a);
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
}

void
page_audit(struct request *r)
{
	if (!access_audit_readable(&r->user)) {
		page_error(r, 403, "仅系统管理员和省级办公室可查看审计日志");
		return;
	}
	int64_t before = 0;
	const char *q = req_query(r, "before");
	if (q != NULL) {
		char *end;
		errno = 0;
		long long v = strtoll(q, &end, 10);
		if (*q < '0' || *q > '9' || *end != '\0' || errno || v <= 0) {
			page_error(r, 400, "参数 before 应为正整数(条目序号)");
			return;
		}
		before = v;
	}

	struct buf b;
	buf_init(&b, 1u << 22);
	page_begin(r, &b, "审计日志", "/audit");
	html_fmt(&b, "<h1>审计日志</h1><section class=\"card\">");
	chain_status(r, &b);
	html_fmt(&b, "<p class=\"muted\">每次变更都追加一条记录,其哈希覆盖本条内容"
	    "和上一条的哈希;任何改动、插入或删除都会使哈希链从该处断开。日志只读,"
	    "系统不提供修改入口。</p></section>");

	struct listing l = { &b, 0, 0 };
	html_fmt(&b, "<div class=\"table-wrap\"><table><thead><tr>"
	    "<th>序号</th><th>时间</th><th>操作人</th><th>操作</th><th>对象</th>"
	    "<th>结果</th><th>摘要 SM3</th><th>哈希</th></tr></thead><tbody>");
	if (store_each_audit_page(r->store, before, PER_PAGE, row, &l) < 0) {
		buf_free(&b);
		page_error(r, 500, store_error(r->store));
		return;
	}
	if (l.rows == 0)
		html_fmt(&b, "<tr><td colspan=\"8\" class=\"muted\">没有%s记录"
		    "</td></tr>", before ? "更早的" : "");
	html_fmt(&b, "</tbody></table></div><nav class=\"pager\">");
	if (before)
		html_fmt(&b, "<a href=\"/audit\">最新</a>");
	if (l.rows == PER_PAGE && l.last > 1)
		html_fmt(&b, "<a href=\"/audit?before=%ld\">更早</a>",
		    (long)l.last);
	html_fmt(&b, "</nav>");
	page_end(r, &b);
}
