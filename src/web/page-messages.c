/*
 * 消息: the account's messages (domain/message.h), newest first, a page
 * at a time; each links to where it is acted on and is marked read
 * there or all at once. The bell in the header (layout.c) counts the
 * unread.
 */
#include <errno.h>
#include <stdlib.h>

#include "domain/message.h"
#include "web/web.h"

#define PER_PAGE 50

static const char *const notices[][2] = {
	{ "read", "已标为已读。" },
	{ NULL, NULL },
};

void
page_messages(struct request *r)
{
	struct dom d;
	struct store_message *v;
	size_t n;
	long total, page = web_page_number(req_query(r, "page"), 1000000);
	req_dom(r, &d);
	if (page == 0) {
		page_error(r, 400, "页码不正确");
		return;
	}
	if (message_list(&d, PER_PAGE, (int)((page - 1) * PER_PAGE), &v, &n,
	    &total)) {
		page_fault(r, &d.fault);
		return;
	}
	struct buf b;
	buf_init(&b, 1u << 21);
	page_begin(r, &b, "消息", NULL);
	html_fmt(&b, "<h1>消息 <span class=\"muted\">共 %ld 条</span></h1>",
	    total);
	page_ok_notice(r, &b, notices);
	if (total == 0) {
		html_fmt(&b, "<section class=\"card\"><p class=\"muted\">没有消息。"
		    "记录被退回、收到整改通知或整改期限临近时,这里会有消息。</p>"
		    "</section>");
		page_end(r, &b);
		return;
	}
	html_fmt(&b, "<form method=\"post\" action=\"/messages/read\">");
	page_csrf(r, &b);
	html_fmt(&b, "<button type=\"submit\">全部标为已读</button></form>"
	    "<ul class=\"messages\">");
	for (size_t i = 0; i < n; i++) {
		const struct store_message *m = &v[i];
		html_fmt(&b, "<li class=\"card%s\"><h2><a href=\"%s\">%s</a>%s</h2>"
		    "<p>%s</p><p class=\"muted\">%s</p>", m->read_at ? "" :
		    " unread", m->link, m->title, m->read_at ? "" :
		    " <span class=\"tag v-unmet\">未读</span>", m->body,
		    date_beijing(r->arena, m->created_at));
		if (m->read_at == NULL) {
			html_fmt(&b, "<form method=\"post\" action=\"/messages/%lld/"
			    "read\">", (long long)m->key);
			page_csrf(r, &b);
			html_fmt(&b, "<button type=\"submit\" class=\"link\">标为已读"
			    "</button></form>");
		}
		html_fmt(&b, "</li>");
	}
	html_fmt(&b, "</ul><nav class=\"pager\" aria-label=\"分页\">");
	if (page > 1)
		html_fmt(&b, "<a href=\"/messages?page=%ld\">上一页</a> ",
		    page - 1);
	html_fmt(&b, "第 %ld 页,共 %ld 页", page, (total + PER_PAGE - 1) /
	    PER_PAGE);
	if (page * PER_PAGE < total)
		html_fmt(&b, " <a href=\"/messages?page=%ld\">下一页</a>",
		    page + 1);
	html_fmt(&b, "</nav>");
	page_end(r, &b);
}

/* Marks key (0: all) read and goes back to the list. */
static void
mark_read(struct request *r, int64_t key)
{
	struct dom d;
	req_dom(r, &d);
	if (message_read(&d, key)) {
		if (d.fault.status == 404)
			page_error(r, 404, "消息不存在。");
		else
			page_fault(r, &d.fault);
		return;
	}
	resp_redirect(r, "/messages?ok=read");
}

void
page_messages_read_all(struct request *r)
{
	mark_read(r, 0);
}

void
page_messages_read(struct request *r)
{
	char *end;
	errno = 0;
	long long k = strtoll(r->params[0], &end, 10);
	if (*r->params[0] == '\0' || *end != '\0' || errno || k <= 0) {
		page_error(r, 404, "消息不存在。");
		return;
	}
	mark_read(r, (int64_t)k);
}
