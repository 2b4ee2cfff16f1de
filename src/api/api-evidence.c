/*
 * Evidence files. An upload is checked by its content (libmagic), not its
 * name or the browser's word: PDF, images and Office documents only. It
 * is stored once under its SM3 digest (evidence_dir/ab/abcdef...), written
 * to a temporary file, synced and renamed, so a file on disk is always
 * whole; the database row ties it to the record with its own evidence
 * date. With an evidence key (serve --evidence-key) the stored bytes are
 * sealed with SM4 and HMAC-SM3 (base/seal.h); the name stays the SM3 of
 * the upload, checked again on every download. Downloads are attachments with nosniff, so no upload ever renders
 * in the site's origin.
 *
 * Storing and sending a file (api_file_store, api_file_send) is shared
 * with whatever else keeps files this way: a rectification's evidence
 * (api-rectifications.c) has its own rows, but the same checks and store.
 */
#include <errno.h>
#include <fcntl.h>
#include <magic.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "api/api.h"
#include "api/api-workflow.h"
#include "audit/audit.h"
#include "auth/authority.h"
#include "base/seal.h"
#include "base/sm3.h"
#include "http/server.h"
#include "store/store-workflow.h"

static const char *const allowed[] = {
	"application/pdf",
	"image/png",
	"image/jpeg",
	"image/gif",
	"image/webp",
	"application/msword",
	"application/vnd.ms-excel",
	"application/vnd.ms-powerpoint",
	"application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	"application/vnd.openxmlformats-officedocument.presentationml.presentation",
	"application/vnd.oasis.opendocument.text",
	"application/vnd.oasis.opendocument.spreadsheet",
	NULL,
};

/* libmagic handles are not thread-safe: one, behind a lock. */
static pthread_mutex_t magic_lock = PTHREAD_MUTEX_INITIALIZER;
static magic_t magic;

static int
content_type(const void *data, size_t len, char *out, size_t n)
{
	int rc = -1;
	pthread_mutex_lock(&magic_lock);
	if (magic == NULL) {
		magic = magic_open(MAGIC_MIME_TYPE | MAGIC_ERROR);
		if (magic != NULL && magic_load(magic, NULL) != 0) {
			magic_close(magic);
			magic = NULL;
		}
	}
	const char *t = magic ? magic_buffer(magic, data, len) : NULL;
	if (t != NULL) {
		snprintf(out, n, "%s", t);
		rc = 0;
	}
	pthread_mutex_unlock(&magic_lock);
	return rc;
}

static int
is_allowed(const char *mime)
{
	for (int i = 0; allowed[i] != NULL; i++)
		if (strcmp(mime, allowed[i]) == 0)
			return 1;
	return 0;
}

/* evidence_dir/ab/<sm3>; makes the shard directory when asked. */
static char *
path_of(struct request *r, const char *sm3, int make)
{
	const char *dir = server_config_of(r->srv)->evidence_dir;
	char *shard = arena_printf(r->arena, "%s/%.2s", dir, sm3);
	if (make && mkdir(shard, 0750) != 0 && errno != EEXIST)
		return NULL;
	return arena_printf(r->arena, "%s/%s", shard, sm3);
}

static int
write_file(const char *path, const void *data, size_t len)
{
	if (access(path, F_OK) == 0)
		return 0; /* the same content is already stored */
	/* A temporary name of its own per upload: two threads storing the
	 * same content at once must not write into one file. */
	char tmp[4200];
	snprintf(tmp, sizeof tmp, "%s.XXXXXX", path);
	int fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0)
		return -1;
	if (fchmod(fd, 0640) != 0) {
		close(fd);
		unlink(tmp);
		return -1;
	}
	const char *p = data;
	size_t left = len;
	while (left > 0) {
		ssize_t w = write(fd, p, left);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			close(fd);
			unlink(tmp);
			return -1;
		}
		p += w;
		left -= (size_t)w;
	}
	if (fsync(fd) != 0 || close(fd) != 0 || rename(tmp, path) != 0) {
		unlink(tmp);
		return -1;
	}
	/* The rename is durable only once its directory is synced. */
	char *slash = strrchr(tmp, '/');
	if (slash != NULL) {
		*slash = '\0';
		int dfd = open(tmp, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (dfd >= 0) {
			fsync(dfd);
			close(dfd);
		}
	}
	return 0;
}

/* A file name without directories or control characters. */
static const char *
clean_name(struct request *r, const char *name)
{
	const char *base = strrchr(name, '/');
	const char *b2 = strrchr(name, '\\');
	if (b2 != NULL && (base == NULL || b2 > base))
		base = b2;
	base = base ? base + 1 : name;
	char *out = arena_strdup(r->arena, *base ? base : "evidence");
	for (char *p = out; *p; p++)
		if ((unsigned char)*p < 0x20)
			*p = '_';
	if (strlen(out) > 200)
		out[200] = '\0';
	return out;
}

int
api_file_store(struct request *r, struct api_file *f)
{
	const char *path;
	if (!r->file.present || r->file.data.len == 0) {
		resp_problem(r, 400, "请选择要上传的文件 (no file)", NULL, "file");
		return -1;
	}
	if (content_type(r->file.data.data, r->file.data.len, f->mime,
	    sizeof f->mime) || !is_allowed(f->mime)) {
		resp_problem(r, 415, "文件类型不允许:仅限 PDF、图片和 Office 文档 "
		    "(type not allowed)", f->mime, "file");
		return -1;
	}
	/* With a key the file is sealed (SM4 + HMAC-SM3); its name stays
	 * the SM3 of what was uploaded, which api_file_send checks again. */
	const struct seal_key *key = server_seal_key(r->srv);
	struct buf sealed;
	buf_init(&sealed, r->file.data.len + SEAL_OVERHEAD);
	errno = 0;
	int bad = sm3_hex(r->file.data.data, r->file.data.len, f->sm3) ||
	    (path = path_of(r, f->sm3, 1)) == NULL ||
	    (key != NULL && seal_encrypt(key, r->file.data.data,
	    r->file.data.len, &sealed)) ||
	    (key != NULL ? write_file(path, sealed.data, sealed.len) :
	    write_file(path, r->file.data.data, r->file.data.len));
	int why = errno;
	buf_free(&sealed);
	if (bad) {
		/* The client learns only that it failed; the administrator
		 * needs the reason (a full disk, the directory's owner). */
		fprintf(stderr, "lvzhi: evidence_dir %s: %s\n",
		    server_config_of(r->srv)->evidence_dir,
		    why ? strerror(why) : "cannot store the file");
		resp_problem(r, 500, "无法保存文件 (cannot store the file)", NULL,
		    NULL);
		return -1;
	}
	f->size = (int64_t)r->file.data.len;
	f->filename = clean_name(r, r->file.filename);
	return 0;
}

/* Evidence for a rejected record is refused: it counts for nothing, and
 * a new record is the way to file again. 0, or -1 after answering. */
static int
not_rejected(struct request *r, const char *record)
{
	char status[32];
	int rc = store_record_status(r->store, record, status, sizeof status);
	if (rc == 1 && strcmp(status, "rejected") != 0)
		return 0;
	if (rc < 0)
		resp_problem(r, 500, "内部错误", store_error(r->store), NULL);
	else if (rc == 0)
		resp_problem(r, 404, "记录不存在 (no such record)", record, NULL);
	else
		resp_problem(r, 409, "记录已被退回,不能再上传佐证材料 (record "
		    "rejected)", record, "file");
	return -1;
}

int
api_evidence_store(struct request *r, const char *record,
    const char *evidence_date, int64_t *key)
{
	struct api_file f;
	date_t d;
	char now[32];
	if (!r->file.present || r->file.data.len == 0) {
		resp_problem(r, 400, "请选择要上传的文件 (no file)", NULL, "file");
		return -1;
	}
	if (evidence_date != NULL && *evidence_date != '\0' &&
	    date_parse(evidence_date, &d)) {
		resp_problem(r, 400, "材料日期格式应为 YYYY-MM-DD", evidence_date,
		    "evidence_date");
		return -1;
	}
	/* Before the file is stored: the authority's answer on the record
	 * as it stands (a finding: only who may determine it), asked again
	 * inside the transaction below. */
	struct fault pre = { 0 };
	if (api_fault_keep(r, &pre, authority_stored_record(r->store,
	    r->catalog, &r->user, record, &pre))) {
		resp_problem(r, pre.status, pre.status == 403 ?
		    "无权为该记录上传材料 (outside your scope)" : pre.title,
		    pre.status == 500 ? store_error(r->store) : record, NULL);
		return -1;
	}
	if (api_workflow_guard(r, record) || not_rejected(r, record) ||
	    api_workflow_quota(r, record, (int64_t)r->file.data.len) ||
	    api_file_store(r, &f))
		return -1;
	/* New evidence on a verified record sends it back for review. */
	req_now_text(now);
	const char *entity = arena_printf(r->arena, "record:%s", record);
	int reopened = 0;
	if (store_begin(r->store)) {
		resp_problem(r, 503, "数据库忙,请重试", store_error(r->store), NULL);
		return -1;
	}
	/* The record as stored decides again, inside the transaction. */
	struct fault af = { 0 };
	if (api_fault_keep(r, &af, authority_stored_record(r->store, r->catalog,
	    &r->user, record, &af))) {
		store_rollback(r->store);
		api_fault(r, &af);
		return -1;
	}
	if (not_rejected(r, record)) {
		store_rollback(r->store);
		return -1;
	}
	if (store_evidence_add(r->store, record, f.sm3, f.size, f.mime,
	    f.filename, evidence_date && *evidence_date ? evidence_date : NULL,
	    r->user.name, now, key) || audit_append(r->store, req_actor(r),
	    "evidence.upload", entity, 1, f.sm3) || (reopened =
	    store_record_reopen(r->store, record, now)) < 0 || (reopened &&
	    audit_append(r->store, req_actor(r), "record.reopen", entity, 1,
	    f.sm3)) || store_commit(r->store)) {
		resp_problem(r, 500, "内部错误", store_error(r->store), NULL);
		store_rollback(r->store);
		return -1;
	}
	return 0;
}

static json_t *
evidence_json(const struct store_evidence *e)
{
	json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:I, s:s, s:s}",
	    "key", (json_int_t)e->key, "record", e->record, "sm3", e->sm3,
	    "mime", e->mime, "filename", e->filename, "size", (json_int_t)e->size,
	    "uploaded_by", e->uploaded_by, "uploaded_at", e->uploaded_at);
	json_object_set_new(o, "href", json_sprintf("/api/v1/evidence/%lld",
	    (long long)e->key));
	json_object_set_new(o, "evidence_date", e->evidence_date ?
	    json_string(e->evidence_date) : json_null());
	return o;
}

static int
add_one(void *ctx, const struct store_evidence *e)
{
	json_array_append_new(ctx, evidence_json(e));
	return 0;
}

void
api_evidence_list(struct request *r)
{
	unsigned status;
	json_t *rec = api_record_load(r, r->params[0], &status);
	if (rec == NULL) {
		resp_problem(r, status, "记录不存在 (no such record)", r->params[0],
		    NULL);
		return;
	}
	json_decref(rec);
	json_t *items = json_array();
	if (store_each_evidence(r->store, r->params[0], 0, add_one, items) < 0) {
		json_decref(items);
		resp_problem(r, 500, "内部错误", NULL, NULL);
		return;
	}
	resp_json(r, 200, json_pack("{s:o}", "items", items));
}

void
api_evidence_upload(struct request *r)
{
	int64_t key = 0;
	if (api_evidence_store(r, r->params[0], req_form(r, "evidence_date"),
	    &key))
		return;
	json_t *items = json_array();
	store_each_evidence(r->store, NULL, key, add_one, items);
	json_t *one = json_incref(json_array_get(items, 0));
	json_decref(items);
	resp_json(r, 201, one ? one : json_object());
}

struct found {
	char sm3[SM3_HEX_LEN], mime[128], filename[256], record[130];
	int ok;
};

static int
keep(void *ctx, const struct store_evidence *e)
{
	struct found *f = ctx;
	snprintf(f->sm3, sizeof f->sm3, "%s", e->sm3);
	snprintf(f->mime, sizeof f->mime, "%s", e->mime);
	snprintf(f->filename, sizeof f->filename, "%s", e->filename);
	snprintf(f->record, sizeof f->record, "%s", e->record);
	f->ok = 1;
	return 0;
}

void
api_evidence_get(struct request *r)
{
	struct found f = { 0 };
	char *end;
	long long key = strtoll(r->params[0], &end, 10);
	unsigned status;
	/* Only a number names a file: no path from the request reaches the
	 * file system. */
	if (*r->params[0] == '\0' || *end != '\0' || key <= 0 ||
	    store_each_evidence(r->store, NULL, key, keep, &f) < 0 || !f.ok) {
		resp_problem(r, 404, "文件不存在 (no such file)", NULL, NULL);
		return;
	}
	json_t *rec = api_record_load(r, f.record, &status);
	if (rec == NULL) {
		resp_problem(r, 404, "文件不存在 (no such file)", NULL, NULL);
		return;
	}
	json_decref(rec);
	api_file_send(r, f.sm3, f.mime, f.filename);
}

void
api_file_send(struct request *r, const char *sm3, const char *mime,
    const char *filename)
{
	const char *path = path_of(r, sm3, 0);
	FILE *fp = fopen(path, "rb");
	if (fp == NULL) {
		resp_problem(r, 410, "文件已不在存储中 (file missing from storage)",
		    sm3, NULL);
		return;
	}
	struct buf b, plain;
	size_t max = server_config_of(r->srv)->max_upload;
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
	const struct seal_key *key = server_seal_key(r->srv);
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
