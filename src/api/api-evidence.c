/*
 * Evidence files over HTTP: a record's list, an upload, a download. The
 * checks and the store are domain/evidence.c's (shared with the pages
 * and the other workflows' files); a download is an attachment with
 * nosniff, so no upload ever renders in the site's origin, sent only
 * after its content is found to have its SM3 name still.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "base/buf.h"
#include "domain/record.h"

static int
add_one(void *ctx, const struct store_evidence *e)
{
	json_array_append_new(ctx, record_evidence_json(e));
	return 0;
}

/* The files of record (NULL: file key alone) as a JSON array; NULL on
 * a storage failure. */
static json_t *
files_json(struct request *r, const char *record, int64_t key)
{
	json_t *items = json_array();
	if (store_each_evidence(r->store, record, key, add_one, items) < 0) {
		json_decref(items);
		return NULL;
	}
	return items;
}

void
api_evidence_list(struct request *r)
{
	struct dom d;
	struct record rec;
	json_t *items;
	req_dom(r, &d);
	if (api_refused(r, &d, record_load(&d, r->params[0], &rec)))
		return;
	record_free(&rec);
	if ((items = files_json(r, r->params[0], 0)) == NULL)
		resp_problem(r, 500, "内部错误", NULL, NULL);
	else
		resp_json(r, 200, json_pack("{s:o}", "items", items));
}

void
api_evidence_upload(struct request *r)
{
	struct dom d;
	int64_t key = 0;
	struct evidence_upload u = req_upload(r);
	req_dom(r, &d);
	if (api_refused(r, &d, evidence_add(&d, r->params[0], &u,
	    req_form(r, "evidence_date"), &key)))
		return;
	/* The file as the list shows it ({} should it not be read back). */
	json_t *items = files_json(r, NULL, key);
	json_t *one = json_incref(json_array_get(items, 0));
	json_decref(items);
	resp_json(r, 201, one ? one : json_object());
}

void
api_evidence_get(struct request *r)
{
	struct dom d;
	struct store_evidence e;
	req_dom(r, &d);
	if (api_refused(r, &d, evidence_find(&d, r->params[0], &e)))
		return;
	api_file_send(r, e.sm3, e.mime, e.filename);
}

void
api_file_send(struct request *r, const char *sm3, const char *mime,
    const char *filename)
{
	struct dom d;
	struct buf content;
	req_dom(r, &d);
	buf_init(&content, d.settings->max_upload);
	if (evidence_read(&d, sm3, &content))
		resp_problem(r, d.fault.status, d.fault.title, sm3, NULL);
	else
		resp_bytes(r, 200, mime, content.data ? content.data : "",
		    content.len, filename, 0);
	buf_free(&content);
}
