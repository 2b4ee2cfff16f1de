/*
 * The documents of an interview, a rectification, a case, a notice or a
 * report over HTTP (domain/document.h): the list with each document's
 * downloads, and the document as PDF or DOCX; the pages' downloads
 * (web/page-documents.c) call the same domain functions.
 */
#include <string.h>

#include "api/api.h"
#include "domain/document.h"

void
api_documents(struct request *r)
{
	struct dom d;
	struct document_item *v;
	size_t n;
	const char *col = r->params[0], *id = r->params[1];
	req_dom(r, &d);
	if (api_refused(r, &d, document_list(&d, col, id, &v, &n)))
		return;
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++) {
		const char *base = arena_printf(r->arena, "/api/v1/%s/%s/"
		    "documents/%s", col, id, v[i].template);
		json_array_append_new(items, json_pack("{s:s, s:s, s:s?, s:b, "
		    "s:s?, s:s, s:s}", "template", v[i].template, "name",
		    v[i].name, "number", v[i].number, "issued", v[i].issued,
		    "pending", v[i].pending, "pdf", arena_printf(r->arena,
		    "%s/pdf", base), "docx", arena_printf(r->arena, "%s/docx",
		    base)));
	}
	resp_json(r, 200, json_pack("{s:o}", "items", items));
}

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
		api_refused(r, &d, -1);
		return;
	}
	resp_bytes_shared(r, 200, document_mime(format), data, len, name,
	    release, hold);
}

void
api_document_pdf(struct request *r)
{
	send(r, DOCUMENT_PDF);
}

void
api_document_docx(struct request *r)
{
	send(r, DOCUMENT_DOCX);
}
