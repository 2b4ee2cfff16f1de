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
#include "base/seal.h"
#include "base/sm3.h"
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
	req_dom(r, &d);
	const char *path = evidence_path(&d, sm3);
	FILE *fp = fopen(path, "rb");
	if (fp == NULL) {
		resp_problem(r, 410, "文件已不在存储中 (file missing from storage)",
		    sm3, NULL);
		return;
	}
	struct buf b, plain;
	size_t max = d.settings->max_upload;
	buf_init(&b, max + SEAL_OVERHEAD);
	buf_init(&plain, max);
	char chunk[65536];
	size_t n;
	int bad = 0;
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
		if (buf_append(&b, chunk, n))
			bad = 1;
	fclose(fp);
	/* A sealed file opens only with the key and only unaltered; one
	 * stored before a key was configured is read as it is. Either way
	 * the name is the digest of the content: a file altered on disk is
	 * refused. */
	const struct seal_key *key = d.settings->seal;
	struct buf *content = &b;
	if (!bad && seal_is_sealed(b.data, b.len)) {
		bad = key == NULL || seal_decrypt(key, b.data, b.len, &plain);
		content = &plain;
	}
	char check[SM3_HEX_LEN];
	if (bad || sm3_hex(content->data ? content->data : "", content->len,
	    check) || strcmp(check, sm3) != 0) {
		buf_free(&b);
		buf_free(&plain);
		resp_problem(r, 500, "文件校验失败 (stored file fails its SM3 "
		    "check)", sm3, NULL);
		return;
	}
	resp_bytes(r, 200, mime, content->data ? content->data : "",
	    content->len, filename, 0);
	buf_free(&b);
	buf_free(&plain);
}
