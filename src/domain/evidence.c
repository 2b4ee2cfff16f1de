/*
 * Evidence files (record.h). An upload is checked by its content
 * (libmagic), not its name or the browser's word: PDF, images and Office
 * documents only. It is stored once under its SM3 digest
 * (evidence_dir/ab/abcdef...), written to a temporary file, synced and
 * renamed, so a file on disk is always whole; the database row ties it
 * to the record with its own evidence date. With an evidence key (serve
 * --evidence-key) the stored bytes are sealed with SM4 and HMAC-SM3
 * (base/seal.h); the name stays the SM3 of the upload, checked again on
 * every download (api_file_send).
 *
 * Storing a file (evidence_file_store) is shared with whatever else
 * keeps files this way: a rectification's evidence has its own rows, but
 * the same checks and store. Evidence is held to two quotas (settings
 * evidence_record_files and evidence_account_bytes), checked before a
 * file reaches the store, so a refused upload leaves nothing behind.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <magic.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "audit/audit.h"
#include "auth/authority.h"
#include "base/buf.h"
#include "base/date.h"
#include "base/seal.h"
#include "base/sm3.h"
#include "domain/record.h"
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

int
evidence_mime(const void *data, size_t len, char *out, size_t n)
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
path_of(struct dom *d, const char *sm3, int make)
{
	char *shard = arena_printf(d->arena, "%s/%.2s",
	    d->settings->evidence_dir, sm3);
	if (make && mkdir(shard, 0750) != 0 && errno != EEXIST)
		return NULL;
	return arena_printf(d->arena, "%s/%s", shard, sm3);
}

const char *
evidence_path(struct dom *d, const char *sm3)
{
	return path_of(d, sm3, 0);
}

int
evidence_read(struct dom *d, const char *sm3, struct buf *out)
{
	FILE *fp = fopen(path_of(d, sm3, 0), "rb");
	if (fp == NULL)
		return dom_refuse(d, 410, "文件已不在存储中 (file missing from "
		    "storage)", sm3, NULL);
	struct buf b;
	size_t max = d->settings->max_upload;
	buf_init(&b, max + SEAL_OVERHEAD);
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
	const struct seal_key *key = d->settings->seal;
	if (!bad && seal_is_sealed(b.data, b.len))
		bad = key == NULL || seal_decrypt(key, b.data, b.len, out);
	else if (!bad)
		bad = buf_append(out, b.data ? b.data : "", b.len);
	buf_free(&b);
	char check[SM3_HEX_LEN];
	if (bad || sm3_hex(out->data ? out->data : "", out->len, check) ||
	    strcmp(check, sm3) != 0)
		return dom_refuse(d, 500, "文件校验失败 (stored file fails its SM3 "
		    "check)", sm3, NULL);
	return 0;
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
clean_name(struct arena *a, const char *name)
{
	if (name == NULL)
		name = "";
	const char *base = strrchr(name, '/');
	const char *b2 = strrchr(name, '\\');
	if (b2 != NULL && (base == NULL || b2 > base))
		base = b2;
	base = base ? base + 1 : name;
	char *out = arena_strdup(a, *base ? base : "evidence");
	for (char *p = out; *p; p++)
		if ((unsigned char)*p < 0x20)
			*p = '_';
	if (strlen(out) > 200)
		out[200] = '\0';
	return out;
}

int
evidence_file_store(struct dom *d, const struct evidence_upload *u,
    struct evidence_file *f)
{
	const char *path;
	if (u->data == NULL || u->len == 0)
		return dom_refuse(d, 400, "请选择要上传的文件 (no file)", NULL,
		    "file");
	if (evidence_mime(u->data, u->len, f->mime, sizeof f->mime) ||
	    !is_allowed(f->mime))
		return dom_refuse(d, 415, "文件类型不允许:仅限 PDF、图片和 Office "
		    "文档 (type not allowed)", arena_strdup(d->arena, f->mime),
		    "file");
	/* With a key the file is sealed (SM4 + HMAC-SM3); its name stays
	 * the SM3 of what was uploaded, which api_file_send checks again. */
	const struct seal_key *key = d->settings->seal;
	struct buf sealed;
	buf_init(&sealed, u->len + SEAL_OVERHEAD);
	errno = 0;
	int bad = sm3_hex(u->data, u->len, f->sm3) ||
	    (path = path_of(d, f->sm3, 1)) == NULL ||
	    (key != NULL && seal_encrypt(key, u->data, u->len, &sealed)) ||
	    (key != NULL ? write_file(path, sealed.data, sealed.len) :
	    write_file(path, u->data, u->len));
	int why = errno;
	buf_free(&sealed);
	if (bad) {
		/* The client learns only that it failed; the administrator
		 * needs the reason (a full disk, the directory's owner). */
		fprintf(stderr, "lvzhi: evidence_dir %s: %s\n",
		    d->settings->evidence_dir,
		    why ? strerror(why) : "cannot store the file");
		return dom_refuse(d, 500, "无法保存文件 (cannot store the file)",
		    NULL, NULL);
	}
	f->size = (int64_t)u->len;
	f->filename = clean_name(d->arena, u->filename);
	return 0;
}

int
record_quota(struct dom *d, const char *record, int64_t size)
{
	const struct dom_settings *c = d->settings;
	int64_t files, bytes;
	if (store_evidence_usage(d->store, record, d->user->name, &files,
	    &bytes))
		return dom_refuse(d, 500, "内部错误", arena_strdup(d->arena,
		    store_error(d->store)), NULL);
	if (record != NULL && files >= (int64_t)c->evidence_record_files)
		return dom_refuse(d, 413, arena_printf(d->arena, "该记录的佐证材料"
		    "已达 %u 个的上限,不能再上传 (evidence files per record)",
		    c->evidence_record_files), arena_printf(d->arena,
		    "%" PRId64 " files", files), "file");
	if (size < 0 || (uint64_t)bytes + (uint64_t)size >
	    c->evidence_account_bytes)
		return dom_refuse(d, 413, arena_printf(d->arena, "您上传的佐证材料"
		    "已达 %" PRIu64 " 字节的配额,请联系管理员 (evidence quota per "
		    "account)", c->evidence_account_bytes), arena_printf(d->arena,
		    "%" PRId64 " bytes used", bytes), "file");
	return 0;
}

/* Evidence for a rejected record is refused: it counts for nothing, and
 * a new record is the way to file again. 0 or -1. */
static int
not_rejected(struct dom *d, const char *record)
{
	char status[32];
	int rc = store_record_status(d->store, record, status, sizeof status);
	if (rc == 1 && strcmp(status, "rejected") != 0)
		return 0;
	if (rc < 0)
		return dom_refuse(d, 500, "内部错误", arena_strdup(d->arena,
		    store_error(d->store)), NULL);
	if (rc == 0)
		return dom_refuse(d, 404, "记录不存在 (no such record)", record,
		    NULL);
	return dom_refuse(d, 409, "记录已被退回,不能再上传佐证材料 (record "
	    "rejected)", record, "file");
}

/* The authority's answer on the record as it stands (a finding: only
 * who may determine it). */
static int
stored(struct dom *d, const char *record)
{
	int rc = authority_stored_record(d->store, d->catalog, d->user, record,
	    &d->fault);
	if (rc != 0 && d->fault.detail != NULL)
		d->fault.detail = arena_strdup(d->arena, d->fault.detail);
	return rc;
}

int
evidence_add(struct dom *d, const char *record,
    const struct evidence_upload *u, const char *evidence_date,
    int64_t *key)
{
	struct evidence_file f;
	date_t day;
	char now[32];
	if (u->data == NULL || u->len == 0)
		return dom_refuse(d, 400, "请选择要上传的文件 (no file)", NULL,
		    "file");
	if (evidence_date != NULL && *evidence_date == '\0')
		evidence_date = NULL;
	if (evidence_date != NULL && date_parse(evidence_date, &day))
		return dom_refuse(d, 400, "材料日期格式应为 YYYY-MM-DD",
		    evidence_date, "evidence_date");
	/* Before the file is stored, and again inside the transaction. */
	if (stored(d, record)) {
		unsigned st = d->fault.status;
		return dom_refuse(d, st, st == 403 ? "无权为该记录上传材料 "
		    "(outside your scope)" : d->fault.title, st == 500 ?
		    arena_strdup(d->arena, store_error(d->store)) : record, NULL);
	}
	if (record_owned(d, record) || not_rejected(d, record) ||
	    record_quota(d, record, (int64_t)u->len) ||
	    evidence_file_store(d, u, &f))
		return -1;
	/* New evidence on a verified record sends it back for review. */
	dom_now(now);
	const char *entity = arena_printf(d->arena, "record:%s", record);
	int reopened = 0;
	if (store_begin(d->store))
		return dom_fail(d, 0);
	if (stored(d, record) || not_rejected(d, record)) {
		store_rollback(d->store);
		return -1;
	}
	if (store_evidence_add(d->store, record, f.sm3, f.size, f.mime,
	    f.filename, evidence_date, d->user->name, now, key) ||
	    audit_append(d->store, d->actor, "evidence.upload", entity, 1,
	    f.sm3) || (reopened = store_record_reopen(d->store, record,
	    now)) < 0 || (reopened && (store_touch_record(d->store, record) ||
	    audit_append(d->store, d->actor, "record.reopen", entity, 1,
	    f.sm3))) || store_commit(d->store))
		return dom_fail(d, 1);
	return 0;
}

json_t *
record_evidence_json(const struct store_evidence *e)
{
	json_t *o = entity_json(&store_evidence_entity, e);
	json_object_set_new(o, "href", json_sprintf("/api/v1/evidence/%lld",
	    (long long)e->key));
	return o;
}

static DOM_KEEPER(keep_file, struct store_evidence)

int
evidence_find(struct dom *d, const char *key, struct store_evidence *out)
{
	struct dom_rows f = DOM_ROWS(d, store_evidence_entity,
	    struct store_evidence);
	struct record rec;
	char *end;
	long long k = strtoll(key, &end, 10);
	/* Only a number names a file: no path from the request reaches the
	 * file system. */
	const struct store_evidence *e = NULL;
	if (*key != '\0' && *end == '\0' && k > 0 &&
	    store_each_evidence(d->store, NULL, k, keep_file, &f) >= 0 &&
	    f.n > 0)
		e = f.items;
	if (e == NULL || record_load(d, e->record, &rec))
		return dom_refuse(d, 404, "文件不存在 (no such file)", NULL, NULL);
	record_free(&rec);
	*out = *e;
	return 0;
}

int
evidence_take(struct dom *d, const struct evidence_upload *u,
    struct evidence_file *out)
{
	return record_quota(d, NULL, (int64_t)u->len) ||
	    evidence_file_store(d, u, out) ? -1 : 0;
}
