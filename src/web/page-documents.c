/*
 * The documents of an interview, a rectification, a case, a notice or a
 * report on the pages (domain/document.h): their downloads as PDF and
 * DOCX (/{collection}/{id}/documents/{template}/pdf), and the links to
 * them each thing's page shows, labelled in Chinese.
 */
#include <string.h>

#include "base/date.h"

#include "domain/document.h"
#include "web/web.h"

static void
send(struct request *r, enum document_format format)
{
	struct dom d;
	const char *data, *name;
	size_t len;
	void *hold;
	void (*release)(void *);
	req_dom(r, &d);
	if (document_render(&d, r->params[0], r->params[1], r->params[2],
	    format, &data, &len, &hold, &release, &name)) {
		if (d.fault.status == 404 || d.fault.status >= 500)
			page_load_error(r, &d.fault, "文书");
		else
			page_fault(r, &d.fault);
		return;
	}
	resp_bytes_shared(r, 200, document_mime(format), data, len, name,
	    release, hold);
}

void
page_document_pdf(struct request *r)
{
	send(r, DOCUMENT_PDF);
}

void
page_document_docx(struct request *r)
{
	send(r, DOCUMENT_DOCX);
}

/* One document's links: 名称 PDF · DOCX. */
static void
links(struct request *r, struct buf *b, const char *collection,
    const char *id, const char *template, const char *name)
{
	const char *base = arena_printf(r->arena, "/%s/%s/documents/%s",
	    html_q(r->arena, collection), html_q(r->arena, id),
	    html_q(r->arena, template));
	html_fmt(b, "<span class=\"doc-links\">%s <a href=\"%s/pdf\" "
	    "download>下载PDF</a> <a href=\"%s/docx\" download>下载Word"
	    "</a></span> ", name, base, base);
}

void
page_document_links(struct request *r, struct buf *b, const char *collection,
    const char *id, const char *const *templates)
{
	struct dom d;
	req_dom(r, &d);
	const struct catalog *c = catalog_version_at(d.catalog, date_today());
	for (size_t i = 0; templates[i] != NULL; i++) {
		const struct catalog_document *t = catalog_document(c,
		    templates[i]);
		if (t != NULL)
			links(r, b, collection, id, templates[i], t->name);
	}
}

void
page_documents(struct request *r, struct dom *d, struct buf *b,
    const char *collection, const char *id)
{
	struct document_item *v;
	size_t n;
	if (document_list(d, collection, id, &v, &n)) {
		html_fmt(b, "<p class=\"hint\">暂时无法读取文书。</p>");
		return;
	}
	if (n == 0)
		return;
	html_fmt(b, "<section class=\"documents\"><h2>文书</h2><ul>");
	for (size_t i = 0; i < n; i++) {
		html_fmt(b, "<li>");
		if (v[i].pending != NULL) {
			html_fmt(b, "%s <span class=\"hint\">%s</span></li>",
			    v[i].name, v[i].pending);
			continue;
		}
		links(r, b, collection, id, v[i].template, v[i].name);
		if (v[i].number != NULL)
			html_fmt(b, "<span class=\"hint\">发文字号 %s</span>",
			    v[i].number);
		else if (!v[i].issued)
			html_fmt(b, "<span class=\"hint\">草稿,发布时编发文字号"
			    "</span>");
		html_fmt(b, "</li>");
	}
	html_fmt(b, "</ul></section>");
}
